import Foundation
import Testing

/// The query console of `GET /graphql`, served by the real binary and driven in headless Chromium.
@Suite(.enabled(if: Stack.unavailableReason == nil, "FLIGHTQL_BIN is not set: run the tests with `make test`"))
struct ConsoleTests {
    /// The venv's Python (scripts/setup.sh python), which has `websockets` for the DevTools protocol.
    static let python = Stack.repositoryRoot.appendingPathComponent(".flightql/venv/bin/python").path

    static let chromium: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    @Test func browsersGetTheConsoleAndGraphQLClientsGetJSON() async throws {
        let server = try await Server()
        defer { server.stop() }
        let browser = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"
        let (status, headers, body) = try await server.fullRequest("GET", "/graphql", headers: ["Accept": browser])
        #expect(status == 200)
        #expect(headers["content-type"] == "text/html; charset=utf-8")
        #expect(headers["content-security-policy"]?.contains("default-src 'none'") == true)
        #expect(String(decoding: body, as: UTF8.self).contains("<title>FlightQL console</title>"))

        let query = "/graphql?query=%7B%20airline(code%3A%20%22UA%22)%20%7B%20name%20%7D%20%7D"
        for accept in ["application/graphql-response+json", "application/json", "*/*"] {
            let (status, headers, body) = try await server.fullRequest("GET", query, headers: ["Accept": accept])
            #expect(status == 200, "\(accept)")
            #expect(headers["content-type"]?.hasPrefix(accept == "*/*" ? "application/json" : accept) == true)
            #expect(String(decoding: body, as: UTF8.self) == #"{"data":{"airline":{"name":"United Air Lines Inc."}}}"#)
        }
    }

    /// scripts/console-check.py types into the editor, checks the completion lists, clicks Run, presses
    /// Ctrl-Enter and reads the rendered results, errors and history; it prints one line per check.
    @Test(.enabled(if: Self.chromium != nil, "chromium is not on PATH (scripts/setup.sh test installs it)"))
    func chromiumRunsAQueryInTheConsole() async throws {
        #expect(FileManager.default.isExecutableFile(atPath: Self.python), "run scripts/setup.sh python")
        let server = try await Server()
        defer { server.stop() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.python)
        process.arguments = [
            Stack.repositoryRoot.appendingPathComponent("scripts/console-check.py").path,
            "http://127.0.0.1:\(server.port)/graphql",
        ]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(output)")
        #expect(output.contains("clicking Run renders the answer"), "\(output)")
        #expect(output.contains(" 0 failed"), "\(output)")
    }
}
