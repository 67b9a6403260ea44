import DelayModel
import Foundation
import Logging
import Relational
import Testing

@testable import FlightQL

/// `ModelPipeline` on the real 2013 flights: retrain on drift, swap only a better model, touch nothing on failure.
///
/// The feed here brings in a window of SQLite history without MongoDB (the replay into MongoDB is exercised
/// end to end by `PipelineCommandTests` in IntegrationTests).
struct ModelPipelineTests {
    /// 2013-12-01T05:00:00Z … 2013-12-08T05:00:00Z: the first local week of December. Against a
    /// reference of months 1–9, 6 of 13 features drift (month, the weather), 46%.
    static let december = DepartureWindow(from: 1_385_874_000, to: 1_385_874_000 + 7 * 86_400)
    /// Quick candidates: 30 days of training, the newest 2 days held out.
    static let quick = HyperParameters(maxDepth: 4, minSamplesLeaf: 100)

    /// A feed that brings in `window` of history (or throws `failure`), running `sideEffect` first.
    struct HistoryWindowFeed: PipelineFeed {
        let name = "history"
        let window: DepartureWindow
        var failure: String?
        var sideEffect: @Sendable () throws -> Void = {}

        func next(after cursor: Int64?) async throws -> FeedWindow? {
            try sideEffect()
            if let failure { throw PipelineError(failure) }
            return FeedWindow(
                window: window,
                driftSource: .flights,
                documents: 0,
                labelledUntil: window.to,
                nextCursor: window.to
            )
        }
    }

    /// A feed with nothing new.
    struct ExhaustedFeed: PipelineFeed {
        let name = "history"
        func next(after cursor: Int64?) async throws -> FeedWindow? { nil }
    }

    /// A folder with a serving model file, removed after `body`.
    static func withModel(
        _ artifact: ModelArtifact,
        _ body: (_ modelPath: String, _ statePath: String) async throws -> Void
    ) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("flightql-pipeline-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let modelPath = folder.appendingPathComponent("delay-tree.json").path
        try ModelFile.write(artifact, to: modelPath)
        try await body(modelPath, modelPath + ".pipeline.json")
    }

    static func pipeline(
        _ fixture: DriftFixture,
        feed: any PipelineFeed,
        modelPath: String,
        driftShare: Double,
        parameters: HyperParameters = quick
    ) -> ModelPipeline {
        ModelPipeline(
            database: fixture.database,
            drift: DriftService(database: fixture.database),
            feed: feed,
            options: PipelineOptions(
                modelPath: modelPath,
                driftShareThreshold: driftShare,
                trainingDays: 30,
                holdoutDays: 2,
                parameters: parameters
            ),
            logger: Logger(label: "test.pipeline")
        )
    }

    /// A model that predicts the same probability for every flight (a single leaf), trained on September.
    static func constantModel(_ database: Database) async throws -> ModelArtifact {
        let september = DepartureWindow.months(9...9, of: 2013, in: ModelTrainingOptions.nycTimeZone)
        let features = try await database.flightFeatures(from: september.from, to: september.to)
        return try ModelArtifact.train(
            training: ModelTraining.trainingSet(features) { _ in },
            evaluation: nil,
            parameters: HyperParameters(maxDepth: 0),
            trainingWindow: september.artifactWindow,
            evaluationWindow: nil
        )
    }

    @Test func driftAndABetterCandidateSwapTheModelAndTheServerReloadsIt() async throws {
        let fixture = try await DriftFixture.get()
        let serving = try await Self.constantModel(fixture.database)
        try await Self.withModel(serving) { modelPath, statePath in
            let store = ModelStore.load(path: modelPath, logger: Logger(label: "test.store"))
            #expect(store.predictor?.artifact.modelVersion == serving.modelVersion)
            let report = await Self.pipeline(
                fixture,
                feed: HistoryWindowFeed(window: Self.december),
                modelPath: modelPath,
                driftShare: 0.2
            ).runOnce()
            #expect(report.decision == .swapped, "\(report.summary)")
            #expect(report.outcome == .modelSwapped)
            #expect(report.driftShare.map { $0 >= 0.2 } == true)
            #expect(report.driftedFeatures.contains("month") && report.driftedFeatures.contains("temp"))
            let comparison = try #require(report.comparison)
            // The constant model cannot rank: ROC AUC 0.5; the candidate can.
            #expect(comparison.serving.rocAUC == 0.5)
            #expect(try #require(comparison.candidate.rocAUC) > 0.6)
            #expect(comparison.candidate.logLoss < comparison.serving.logLoss)
            #expect(comparison.holdout == DepartureWindow(from: Self.december.to - 2 * 86_400, to: Self.december.to))
            #expect(comparison.serving.rows == comparison.candidate.rows && comparison.serving.rows > 1_000)

            let written = try ModelFile.read(modelPath)
            #expect(written.modelVersion == report.candidateVersion && written.modelVersion != serving.modelVersion)
            // The candidate trained on the 30 days before the holdout, which include most of the new window.
            #expect(written.trainingWindow.to == "2013-12-06T05:00:00Z")
            #expect(written.trainingWindow.from == "2013-11-06T05:00:00Z")
            #expect(written.evaluationMetrics == comparison.candidate)
            // A serving process watching the file picks the new model up.
            #expect(store.reloadIfChanged() == .loaded(modelVersion: written.modelVersion))

            let state = try PipelineState.read(statePath)
            #expect(state.cursor == Self.december.to && state.runs == 1 && state.lastDecision == "swapped")
            #expect(report.summary.contains("decision: swapped"))
            #expect(report.metadata["candidate_auc"] != nil && report.metadata["serving_auc"] == "0.5000")
        }
    }

    @Test func aCandidateThatIsNotBetterLeavesTheModelFileAlone() async throws {
        let fixture = try await DriftFixture.get()
        try await Self.withModel(fixture.artifact) { modelPath, statePath in
            let before = try Data(contentsOf: URL(fileURLWithPath: modelPath))
            let store = ModelStore.load(path: modelPath, logger: Logger(label: "test.store"))
            // A single-leaf candidate cannot rank, the serving tree (depth 2, months 1–9) can.
            let report = await Self.pipeline(
                fixture,
                feed: HistoryWindowFeed(window: Self.december),
                modelPath: modelPath,
                driftShare: 0.3,
                parameters: HyperParameters(maxDepth: 0)
            ).runOnce()
            #expect(report.decision == .kept, "\(report.summary)")
            #expect(report.outcome == .unchanged)
            let comparison = try #require(report.comparison)
            #expect(comparison.candidate.rocAUC == 0.5)
            #expect(try #require(comparison.serving.rocAUC) > 0.5)
            #expect(!comparison.candidateIsBetter)
            #expect(try Data(contentsOf: URL(fileURLWithPath: modelPath)) == before)
            #expect(store.reloadIfChanged() == nil)
            // The window is done: the next run moves on.
            #expect(try PipelineState.read(statePath).cursor == Self.december.to)
        }
    }

    @Test func belowTheDriftThresholdNothingIsTrained() async throws {
        let fixture = try await DriftFixture.get()
        try await Self.withModel(fixture.artifact) { modelPath, statePath in
            let before = try Data(contentsOf: URL(fileURLWithPath: modelPath))
            let report = await Self.pipeline(
                fixture,
                feed: HistoryWindowFeed(window: Self.december),
                modelPath: modelPath,
                driftShare: DriftResult.datasetDriftShare
            ).runOnce()
            #expect(report.decision == .noDrift, "\(report.summary)")
            #expect(report.driftedFeatures.count == 6 && report.driftRows > 6_000)
            #expect(report.comparison == nil && report.candidateVersion == nil)
            #expect(try Data(contentsOf: URL(fileURLWithPath: modelPath)) == before)
            #expect(try PipelineState.read(statePath).lastDecision == "no-drift")
        }
    }

    @Test func aFailureMidRunLeavesTheModelAndTheCursorUntouched() async throws {
        let fixture = try await DriftFixture.get()
        let serving = try await Self.constantModel(fixture.database)
        try await Self.withModel(serving) { modelPath, statePath in
            let before = try Data(contentsOf: URL(fileURLWithPath: modelPath))
            // Retraining on every window (threshold 0) fails on the first two days of 2013: they are the holdout,
            // and the 30 training days before them hold no flight.
            let january = DepartureWindow(from: 1_357_016_400, to: 1_357_016_400 + 2 * 86_400)
            let retrainFails = await Self.pipeline(
                fixture,
                feed: HistoryWindowFeed(window: january),
                modelPath: modelPath,
                driftShare: 0
            ).runOnce()
            #expect(retrainFails.decision == .failed, "\(retrainFails.summary)")
            #expect(retrainFails.outcome == .failed)
            #expect(retrainFails.error?.contains("no labelled flights to train on") == true)
            #expect(retrainFails.driftShare != nil)

            let feedFails = await Self.pipeline(
                fixture,
                feed: HistoryWindowFeed(window: Self.december, failure: "MongoDB is unreachable"),
                modelPath: modelPath,
                driftShare: 0.3
            ).runOnce()
            #expect(feedFails.decision == .failed && feedFails.error == "MongoDB is unreachable")
            #expect(feedFails.summary.contains("failed, the serving model is untouched: MongoDB is unreachable"))

            #expect(try Data(contentsOf: URL(fileURLWithPath: modelPath)) == before)
            #expect(!FileManager.default.fileExists(atPath: statePath))
            // No temporary file is left beside the model.
            let folder = URL(fileURLWithPath: modelPath).deletingLastPathComponent().path
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["delay-tree.json"])
        }
    }

    /// Someone (e.g. `flightql train`) replaces the model while the pipeline trains: their file wins.
    @Test func aModelReplacedDuringTheRunIsNotOverwritten() async throws {
        let fixture = try await DriftFixture.get()
        let serving = try await Self.constantModel(fixture.database)
        try await Self.withModel(serving) { modelPath, _ in
            let replacement = fixture.artifact
            let feed = HistoryWindowFeed(window: Self.december) { try ModelFile.write(replacement, to: modelPath) }
            let report = await Self.pipeline(fixture, feed: feed, modelPath: modelPath, driftShare: 0).runOnce()
            #expect(report.decision == .failed)
            #expect(report.error?.contains("changed during the run") == true, "\(report.summary)")
            let onDisk = try ModelFile.read(modelPath)
            #expect(onDisk.modelVersion == replacement.modelVersion)
        }
    }

    @Test func anExhaustedFeedIsNothingNew() async throws {
        let fixture = try await DriftFixture.get()
        try await Self.withModel(fixture.artifact) { modelPath, statePath in
            let report = await Self.pipeline(fixture, feed: ExhaustedFeed(), modelPath: modelPath, driftShare: 0.5)
                .runOnce()
            #expect(report.decision == .nothingNew && report.window == nil)
            let state = try PipelineState.read(statePath)
            #expect(state.runs == 1 && state.lastDecision == "nothing-new" && state.cursor == nil)
        }
    }

    @Test func aDamagedServingModelFailsTheRun() async throws {
        let fixture = try await DriftFixture.get()
        try await Self.withModel(fixture.artifact) { modelPath, _ in
            try Data("{\"formatVersion\": 1".utf8).write(to: URL(fileURLWithPath: modelPath))
            let report = await Self.pipeline(
                fixture,
                feed: HistoryWindowFeed(window: Self.december),
                modelPath: modelPath,
                driftShare: 0.3
            ).runOnce()
            #expect(report.decision == .failed && report.servingVersion == nil)
            #expect(try Data(contentsOf: URL(fileURLWithPath: modelPath)) == Data("{\"formatVersion\": 1".utf8))
        }
    }
}
