import HTTPTypes
import HummingbirdCore
import Testing

@testable import FlightQL

/// `GET /graphql` serves the console only to clients that prefer HTML over JSON.
struct ConsoleRouteTests {
    @Test(arguments: [
        // Chromium and Firefox navigations.
        "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8",
        "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
        "TEXT/HTML",
        "text/*;q=0.9, application/json;q=0.5",
    ])
    func browsersGetTheConsole(accept: String) {
        #expect(ConsoleRoute.prefersHTML(accept: accept))
    }

    @Test(arguments: [
        // graphql-http's audits and ordinary GraphQL clients.
        "application/graphql-response+json",
        "application/graphql-response+json, application/json",
        "application/json",
        "*/*",
        "",
        // HTML only as good as JSON, or refused.
        "text/html;q=0.5, application/json;q=0.5",
        "application/json, text/html;q=0.9",
        "text/html;q=0, */*",
        "text/html;q=0.8, */*",
        // Malformed ranges are skipped.
        "html, json",
    ])
    func graphQLClientsKeepGettingJSON(accept: String) {
        #expect(!ConsoleRoute.prefersHTML(accept: accept))
    }

    @Test func noAcceptHeaderMeansJSON() {
        #expect(!ConsoleRoute.prefersHTML(accept: nil))
    }

    @Test func theMostSpecificRangeDecidesTheWeight() {
        let ranges = MediaRange.parseList("*/*;q=0.1, text/*;q=0.4, text/html;q=0.7, application/json;q=abc")
        #expect(MediaRange.quality(of: "text/html", in: ranges) == 0.7)
        #expect(MediaRange.quality(of: "text/plain", in: ranges) == 0.4)
        #expect(MediaRange.quality(of: "image/png", in: ranges) == 0.1)
        // An invalid q counts as 1.
        #expect(MediaRange.quality(of: "application/json", in: ranges) == 1)
    }

    /// The page must work offline: nothing is loaded from anywhere, and the content security policy says so.
    @Test func thePageIsSelfContained() {
        let html = consolePageHTML.lowercased()
        for external in ["src=", "<link", "@import", "url(", "http://", "https://", "//cdn"] {
            #expect(!html.contains(external), "\(external)")
        }
        #expect(html.hasPrefix("<!doctype html>") && html.contains("<script>") && html.contains("</html>"))
        let response = ConsoleRoute.response()
        #expect(response.status == .ok)
        #expect(response.headers[.contentType] == "text/html; charset=utf-8")
        #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
        #expect(response.headers[.contentSecurityPolicy]?.contains("connect-src 'self'") == true)
    }
}
