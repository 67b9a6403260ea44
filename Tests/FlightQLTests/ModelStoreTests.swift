import DelayModel
import Foundation
import Logging
import Synchronization
import Testing

@testable import FlightQL

struct ModelStoreTests {
    /// A folder with a model path in it (the file is not created), deleted by the caller.
    private func modelPath() throws -> (folder: String, path: String) {
        let folder = try ModelFixture.temporaryFolder()
        return (folder, folder + "/delay-tree.json")
    }

    @Test func loadsAtStartAndSwapsWhenTheFileIsReplaced() throws {
        let (folder, path) = try modelPath()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let first = try ModelFixture.artifact(lateCarrier: "EV")
        let second = try ModelFixture.artifact(lateCarrier: "AA")
        try ModelFile.write(first, to: path)
        let logs = LogRecorder()
        let store = ModelStore.load(path: path, logger: logs.logger)
        let inFlight = try store.currentPredictor()
        #expect(inFlight.artifact.modelVersion == first.modelVersion)
        #expect(store.reloadIfChanged() == nil)

        try ModelFile.write(second, to: path)
        #expect(store.reloadIfChanged() == .loaded(modelVersion: second.modelVersion))
        #expect(try store.currentPredictor().artifact.modelVersion == second.modelVersion)
        // A request that took the old predictor keeps it, and it still answers as the old model.
        #expect(inFlight.artifact.modelVersion == first.modelVersion)
        let aa = FeatureRow.flight(
            month: 1,
            dayOfWeek: 1,
            schedDepHour: 9,
            carrier: "AA",
            origin: "EWR",
            dest: "ORD",
            distance: 719,
            temp: nil,
            humid: nil,
            windSpeed: nil,
            precip: nil,
            pressure: nil,
            visib: nil
        )
        #expect(inFlight.predict(aa).probability == 0)
        #expect(try store.currentPredictor().predict(aa).probability == 1)
        #expect(store.reloadIfChanged() == nil)
        #expect(logs.messages.filter { $0.hasPrefix("info: delay model loaded") }.count == 2)
    }

    @Test func refusesABrokenArtifactAndKeepsServingTheOldModel() throws {
        let (folder, path) = try modelPath()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let good = try ModelFixture.artifact(lateCarrier: "EV")
        try ModelFile.write(good, to: path)
        let logs = LogRecorder()
        let store = ModelStore.load(path: path, logger: logs.logger)

        let json = try ModelFixture.artifact(lateCarrier: "AA").jsonData()
        try ModelFile.write(json.prefix(json.count / 2), to: path)
        let outcome = store.reloadIfChanged()
        guard case .refused(let reason) = outcome else {
            Issue.record("a truncated artifact was not refused: \(String(describing: outcome))")
            return
        }
        #expect(reason.contains("invalid JSON"))
        #expect(try store.currentPredictor().artifact.modelVersion == good.modelVersion)
        #expect(logs.messages.last?.hasPrefix("error: delay model refused; the previous model keeps serving") == true)
        // The refused file is not retried every poll, only when it changes again.
        #expect(store.reloadIfChanged() == nil)

        // Valid JSON whose tree points outside its node array is refused by the artifact's validation.
        var broken = good
        broken.tree.nodes[0].left = 99
        try ModelFile.write(JSONEncoder().encode(broken), to: path)
        guard case .refused(let treeReason) = store.reload() else {
            Issue.record("an artifact with a broken tree was not refused")
            return
        }
        #expect(treeReason.contains("invalid model"))
        #expect(store.predictor?.artifact.modelVersion == good.modelVersion)

        // Removing the file keeps the model too.
        try FileManager.default.removeItem(atPath: path)
        #expect(store.reloadIfChanged() == nil)
        #expect(store.predictor?.artifact.modelVersion == good.modelVersion)
        guard case .refused = store.reload() else {
            Issue.record("a reload without a file did not refuse")
            return
        }
        #expect(store.predictor?.artifact.modelVersion == good.modelVersion)
    }

    @Test func startsWithoutAModelAndLoadsOneWhenItAppears() throws {
        let (folder, path) = try modelPath()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let logs = LogRecorder()
        let store = ModelStore.load(path: path, logger: logs.logger)
        #expect(store.predictor == nil)
        let error = #expect(throws: ModelUnavailableError.self) { try store.currentPredictor() }
        #expect(error?.description.contains("no model file at \(path)") == true)
        #expect(logs.messages.first?.hasPrefix("warning: no delay model") == true)
        #expect(store.reloadIfChanged() == nil)

        let artifact = try ModelFixture.artifact(lateCarrier: "UA")
        try ModelFile.write(artifact, to: path)
        #expect(store.reloadIfChanged() == .loaded(modelVersion: artifact.modelVersion))
        #expect(try store.currentPredictor().artifact.modelVersion == artifact.modelVersion)
    }

    @Test func reloadsAnInPlaceRewriteOfTheSameFile() throws {
        let (folder, path) = try modelPath()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try ModelFile.write(try ModelFixture.artifact(lateCarrier: "EV"), to: path)
        let store = ModelStore.load(path: path, logger: LogRecorder().logger)
        // Not atomic (same inode): the modification time and size change, so the rewrite is still seen.
        let replacement = try ModelFixture.artifact(lateCarrier: "UA")
        try replacement.jsonData().write(to: URL(fileURLWithPath: path))
        #expect(store.reloadIfChanged() == .loaded(modelVersion: replacement.modelVersion))
    }
}

/// A logger whose messages (`level: message`) are kept for inspection.
final class LogRecorder: Sendable {
    private let records = Mutex<[String]>([])

    var logger: Logger {
        Logger(label: "test") { _ in Handler(recorder: self) }
    }

    var messages: [String] { records.withLock { $0 } }

    private struct Handler: LogHandler {
        let recorder: LogRecorder
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            recorder.records.withLock { $0.append("\(event.level): \(event.message)") }
        }
    }
}
