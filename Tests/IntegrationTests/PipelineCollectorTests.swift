import Documents
import FixtureServer
import Foundation
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `flightql pipeline --source aviationstack` against a local server answering with the AviationStack fixtures:
/// a scheduled run collects into MongoDB, checks drift on the collected flights, logs the run and counts it in
/// `/metrics`; a source that fails fails the run and leaves the serving model as it was.
@Suite(
    .serialized,
    .enabled(
        if: Stack.unavailableReason == nil && Stack.mongoURI != nil,
        "needs FLIGHTQL_BIN and MONGODB_URI (make test)"
    )
)
struct PipelineCollectorTests {
    /// The shared test MongoDB with a database of this test's own, so its counts are exact.
    static func privateDatabase() throws -> String {
        let shared = try #require(Stack.mongoURI)
        let slash = try #require(shared.lastIndex(of: "/"))
        return "\(shared[..<slash])/pipeline_\(UUID().uuidString.prefix(8).lowercased())"
    }

    static func arguments(model: String, api: FixtureServer, mongoURI: String) throws -> [String] {
        [
            "pipeline", "--source", "aviationstack", "--base-url", api.baseURL.absoluteString, "--api-key", "it-key",
            "--airports", "JFK", "--page-size", "3", "--db", try Stack.database.get(), "--model", model,
            "--mongodb-uri", mongoURI, "--training-days", "30", "--holdout-days", "2", "--max-depth", "4",
        ]
    }

    @Test func aScheduledRunCollectsChecksDriftAndIsCounted() async throws {
        let api = try await FixtureServer.start(routes: try CollectTests.aviationStackJFKPages())
        defer { Task { try await api.stop() } }
        let (folder, model) = try PipelineCommandTests.constantModel()
        defer { try? FileManager.default.removeItem(at: folder) }
        let uri = try Self.privateDatabase()
        let metricsPort = try Stack.freePort()
        let output = folder.appendingPathComponent("pipeline.log")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Stack.binary))
        process.arguments =
            try Self.arguments(model: model, api: api, mongoURI: uri) + [
                "--every", "1h", "--metrics-port", String(metricsPort),
            ]
        process.currentDirectoryURL = Stack.repositoryRoot
        process.environment = ProcessInfo.processInfo.environment.merging(["FLIGHTQL_LOG_FORMAT": "json"]) { $1 }
        let log = try FileHandle(forWritingTo: output)
        process.standardOutput = log
        process.standardError = log
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        var counted = ""
        let deadline = ContinuousClock.now + .seconds(180)
        while counted.isEmpty && ContinuousClock.now < deadline && process.isRunning {
            try await Task.sleep(for: .milliseconds(500))
            let url = URL(string: "http://127.0.0.1:\(metricsPort)/metrics")!
            guard let (data, _) = try? await URLSession.shared.data(from: url) else { continue }
            counted = String(decoding: data, as: UTF8.self).split(separator: "\n")
                .filter { $0.hasPrefix("flightql_pipeline_runs_total{") }.joined(separator: "\n")
        }
        process.terminate()
        process.waitUntilExit()
        try log.close()
        let text = try String(contentsOf: output, encoding: .utf8)
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(counted.hasSuffix(" 1") && !counted.contains("failed"), "\(counted)\n\(text)")

        // The run logged one line naming its source, and printed the collected window and the drift check.
        let runLines = text.split(separator: "\n").filter { $0.contains(#""message":"pipeline run""#) }
        #expect(runLines.count == 1, "\(text)")
        #expect(runLines.first?.contains(#""source":"aviationstack""#) == true, "\(text)")
        #expect(text.contains("aviationstack: 2026-11-27T"), "\(text)")
        #expect(text.contains(", 4 status documents written"), "\(text)")
        // The drift check read the collected documents that depart in their span (B6 1523, cancelled, is left out).
        #expect(text.contains(" over 3 rows: "), "\(text)")
        let state = try String(contentsOfFile: model + ".pipeline.json", encoding: .utf8)
        #expect(state.contains(#""runs" : 1"#), "\(state)")
        #expect(!text.contains("decision: failed"), "\(text)")
        #expect(api.requests.count == 2)

        // The collected documents are in MongoDB.
        let client = try MongoClient(uri: uri)
        let stored = try await FlightStatusStore(client: client).count(
            filter: FlightStatusFilter(source: "aviationstack")
        )
        try? await client.collection(FlightStatusStore.defaultCollectionName).drop()
        await client.shutdown()
        #expect(stored == 4)
    }

    @Test func aFailingSourceFailsTheRunAndLeavesTheModelUntouched() async throws {
        let api = try await FixtureServer.start(routes: [
            .init("/v1/flights", response: .init(status: 503, body: "upstream unavailable"))
        ])
        defer { Task { try await api.stop() } }
        let (folder, model) = try PipelineCommandTests.constantModel()
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = try Data(contentsOf: URL(fileURLWithPath: model))

        let (status, output) = try Stack.run(
            try Self.arguments(model: model, api: api, mongoURI: try Self.privateDatabase()) + ["--once"]
        )
        #expect(status == 1, "\(output)")
        #expect(output.contains("failed, the serving model is untouched: aviationstack failed"), "\(output)")
        #expect(output.contains("503"), "\(output)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: model)) == before)
        #expect(!FileManager.default.fileExists(atPath: model + ".pipeline.json"))
    }
}
