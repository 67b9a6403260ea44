import Foundation
import Hummingbird
import NIOCore

/// The query console that `GET /graphql` serves to browsers: one self-contained HTML page
/// (`consolePageHTML`, inline CSS and JavaScript, no external resource), so it works offline.
enum ConsoleRoute {
    /// The console for a request whose `Accept` prefers HTML, nil for any other (`GraphQLOverHTTP`'s console
    /// hook, so graphql-over-HTTP clients never see it).
    @Sendable static func page(for request: Request) -> Response? {
        prefersHTML(accept: request.headers[.accept]) ? response() : nil
    }

    /// Whether an `Accept` header prefers `text/html` over the JSON media types the endpoint answers
    /// with. A browser (`text/html,…,*/*;q=0.8`) gets the console; a GraphQL client asking for
    /// `application/graphql-response+json` or `application/json`, one sending only `*/*`, or one sending
    /// no `Accept` at all keeps getting JSON.
    static func prefersHTML(accept: String?) -> Bool {
        guard let accept else { return false }
        let ranges = MediaRange.parseList(accept)
        let html = MediaRange.quality(of: "text/html", in: ranges)
        let json = max(
            MediaRange.quality(of: "application/json", in: ranges),
            MediaRange.quality(of: "application/graphql-response+json", in: ranges)
        )
        return html > 0 && html > json
    }

    /// The console page. The content security policy allows only the page's own inline code and requests
    /// to this origin, which also proves the page loads nothing from elsewhere.
    static func response() -> Response {
        Response(
            status: .ok,
            headers: [
                .contentType: "text/html; charset=utf-8",
                .contentSecurityPolicy:
                    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'",
                .cacheControl: "no-cache",
            ],
            body: ResponseBody(byteBuffer: ByteBuffer(string: consolePageHTML))
        )
    }
}

/// One media range of an `Accept` header (RFC 9110 §12.5.1): `type/subtype` with its `q` weight.
struct MediaRange: Hashable {
    var type: String
    var subtype: String
    var quality: Double

    /// The ranges of an `Accept` header; malformed entries are skipped, a missing or invalid `q` is 1.
    static func parseList(_ header: String) -> [MediaRange] {
        header.split(separator: ",").compactMap { entry in
            let parts = entry.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            let mediaType = parts[0].lowercased().split(separator: "/", omittingEmptySubsequences: false)
            guard mediaType.count == 2, !mediaType[0].isEmpty, !mediaType[1].isEmpty else { return nil }
            var quality = 1.0
            for parameter in parts.dropFirst() {
                let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                if pair.count == 2, pair[0].lowercased() == "q", let value = Double(pair[1]), (0...1).contains(value) {
                    quality = value
                }
            }
            return MediaRange(type: String(mediaType[0]), subtype: String(mediaType[1]), quality: quality)
        }
    }

    /// The weight `ranges` give `mediaType` (`type/subtype`): that of the most specific matching range
    /// (exact, then `type/*`, then `*/*`), 0 when none matches.
    static func quality(of mediaType: String, in ranges: [MediaRange]) -> Double {
        let parts = mediaType.split(separator: "/").map(String.init)
        let exact = ranges.filter { $0.type == parts[0] && $0.subtype == parts[1] }
        if !exact.isEmpty { return exact.map(\.quality).max()! }
        let subtypes = ranges.filter { $0.type == parts[0] && $0.subtype == "*" }
        if !subtypes.isEmpty { return subtypes.map(\.quality).max()! }
        return ranges.filter { $0.type == "*" && $0.subtype == "*" }.map(\.quality).max() ?? 0
    }
}
