import Foundation
import Testing

/// `flightql pipeline --once` end to end: the replay into the MongoDB of `MONGODB_URI`, the drift check, the
/// retraining and the swap that a running `flightql serve` picks up; and a run that fails.
@Suite(
    .enabled(
        if: Stack.unavailableReason == nil && Stack.mongoURI != nil,
        "needs FLIGHTQL_BIN and MONGODB_URI (make test)"
    )
)
struct PipelineCommandTests {
    /// A folder with a single-leaf model (it cannot rank flights, so a retrained tree beats it) trained by
    /// `flightql train`.
    static func constantModel() throws -> (folder: URL, model: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("flightql-pipeline-it-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let model = folder.appendingPathComponent("delay-tree.json").path
        let trained = try Stack.run(["train", "--db", try Stack.database.get(), "--out", model, "--max-depth", "0"])
        guard trained.status == 0 else { throw StackError("train failed: \(trained.output)") }
        return (folder, model)
    }

    static func pipeline(model: String, mongoURI: String, from: String = "2013-12-08") throws -> (Int32, String) {
        try Stack.run([
            "pipeline", "--once", "--db", try Stack.database.get(), "--model", model, "--mongodb-uri", mongoURI,
            "--from", from, "--window", "3d", "--drift-share", "0.2", "--training-days", "30", "--holdout-days", "2",
            "--max-depth", "4",
        ])
    }

    static func servedVersion(_ server: Server) async throws -> String {
        let (status, body) = try await server.graphQL("{ model { version } }")
        guard status == 200, let object = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any],
            let data = object["data"] as? [String: Any], let model = data["model"] as? [String: Any],
            let version = model["version"] as? String
        else { throw StackError("no model version in \(body)") }
        return version
    }

    @Test func aBetterModelIsSwappedInAndTheServerReloadsIt() async throws {
        let (folder, model) = try Self.constantModel()
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = try await Server(extraEnvironment: ["FLIGHTQL_MODEL": model])
        defer { server.stop() }
        let before = try await Self.servedVersion(server)

        let (status, output) = try Self.pipeline(model: model, mongoURI: try #require(Stack.mongoURI))
        #expect(status == 0, "\(output)")
        #expect(output.contains("replay: 2013-12-08T05:00:00Z … 2013-12-11T05:00:00Z"), "\(output)")
        #expect(output.contains("decision: swapped"), "\(output)")
        // The replayed flights are in MongoDB: a flight of the window has its status.
        let (_, statuses) = try await server.graphQL(
            #"{ flights(filter: {from: "2013-12-09T12:00:00Z", origin: "JFK"}, first: 1) { nodes { statuses { source } } } }"#
        )
        #expect(statuses.contains(#""source":"replay""#), "\(statuses)")

        var after = before
        for _ in 0..<50 where after == before {
            try await Task.sleep(for: .milliseconds(100))
            after = try await Self.servedVersion(server)
        }
        #expect(after != before, "the server did not reload the swapped model")

        // The cursor moved: the next run replays the following window.
        let state = try String(contentsOfFile: model + ".pipeline.json", encoding: .utf8)
        #expect(state.contains(#""cursor" : 1386738000"#), "\(state)")
    }

    @Test func aFailedRunLeavesTheModelUntouched() throws {
        let (folder, model) = try Self.constantModel()
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = try Data(contentsOf: URL(fileURLWithPath: model))
        // Nothing listens on port 9: the replay into MongoDB fails.
        let (status, output) = try Self.pipeline(
            model: model,
            mongoURI: "mongodb://127.0.0.1:9/flightql?serverSelectionTimeoutMS=300"
        )
        #expect(status == 1, "\(output)")
        #expect(output.contains("failed, the serving model is untouched"), "\(output)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: model)) == before)
        #expect(!FileManager.default.fileExists(atPath: model + ".pipeline.json"))
    }
}
