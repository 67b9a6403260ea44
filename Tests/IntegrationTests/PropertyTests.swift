import Foundation
import Testing

/// Random valid queries from the introspected schema (hypothesis-graphql, through scripts/graphql-properties.py)
/// against the built binary: no 5xx, every response shaped per the GraphQL specification.
@Suite(.enabled(if: Stack.unavailableReason == nil, "needs FLIGHTQL_BIN (make test)"))
struct PropertyTests {
    /// Queries per run: `FLIGHTQL_PROPERTY_QUERIES`, 200 by default (about half a minute in a debug build).
    static let count = ProcessInfo.processInfo.environment["FLIGHTQL_PROPERTY_QUERIES"].flatMap(Int.init) ?? 200

    @Test func randomValidQueriesGetSpecShapedAnswers() async throws {
        let python = Stack.repositoryRoot.appendingPathComponent(".flightql/venv/bin/python").path
        try #require(
            FileManager.default.isExecutableFile(atPath: python),
            "no .flightql/venv: run scripts/setup.sh python (make test does)"
        )
        let server = try await Server()
        defer { server.stop() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [
            Stack.repositoryRoot.appendingPathComponent("scripts/graphql-properties.py").path,
            "http://127.0.0.1:\(server.port)/graphql", "--count", String(Self.count),
        ]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let reader = pipe.fileHandleForReading
        let output = try await RawHTTP.onThread { reader.readDataToEndOfFile() }
        process.waitUntilExit()
        let report = String(decoding: output, as: UTF8.self)
        print(report)
        #expect(process.terminationStatus == 0, "\(report.suffix(3000))")
        #expect(report.contains("graphql-properties: \(Self.count) queries"), "\(report.suffix(3000))")
    }
}
