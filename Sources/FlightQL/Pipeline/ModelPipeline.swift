public import DelayModel
import Foundation
public import Logging
public import Relational

/// How `ModelPipeline` decides and where it keeps its files.
public struct PipelineOptions: Sendable {
    /// The serving model's artifact, replaced atomically when a better model is trained.
    public var modelPath: String
    /// The pipeline's cursor and last decision (JSON), `<model>.pipeline.json` by default.
    public var statePath: String
    /// The share of drifted features at or above which the pipeline retrains (default: the drift report's
    /// dataset rule, 0.5).
    public var driftShareThreshold: Double
    /// Days of labelled history before the holdout that a candidate trains on.
    public var trainingDays: Int
    /// The latest labelled days, kept out of training, on which the candidate and the serving model are compared.
    public var holdoutDays: Int
    /// The candidate's tree settings.
    public var parameters: HyperParameters

    /// Options for the model at `modelPath`; the state file sits next to it unless given.
    public init(
        modelPath: String,
        statePath: String? = nil,
        driftShareThreshold: Double = DriftResult.datasetDriftShare,
        trainingDays: Int = 90,
        holdoutDays: Int = 2,
        parameters: HyperParameters = HyperParameters()
    ) {
        self.modelPath = modelPath
        self.statePath = statePath ?? modelPath + ".pipeline.json"
        self.driftShareThreshold = driftShareThreshold
        self.trainingDays = trainingDays
        self.holdoutDays = holdoutDays
        self.parameters = parameters
    }
}

/// The cursor the pipeline keeps between runs (in `PipelineOptions.statePath`).
public struct PipelineState: Codable, Sendable, Hashable {
    /// Where the next run's window starts (Unix seconds); nil before the first run.
    public var cursor: Int64?
    /// Completed runs (failed ones are not counted: they leave the state as it was).
    public var runs: Int = 0
    /// The last completed run's decision.
    public var lastDecision: String?
    /// The last completed run's end, RFC 3339.
    public var lastRunAt: String?

    /// The state in `path`, or the initial state when there is no file.
    public static func read(_ path: String) throws -> PipelineState {
        guard FileManager.default.fileExists(atPath: path) else { return PipelineState() }
        do {
            return try JSONDecoder().decode(PipelineState.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw PipelineError("cannot read the pipeline state \(path): \(error)")
        }
    }

    /// Writes the state to `path` atomically.
    public func write(to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try ModelFile.write(encoder.encode(self), to: path)
    }
}

/// The serving model and a retrained candidate scored on the same held-out flights.
public struct ModelComparison: Sendable {
    /// The held-out flights: the newest labelled days, not trained on.
    public let holdout: DepartureWindow
    /// The serving model on the holdout.
    public let serving: EvaluationMetrics
    /// The candidate on the holdout.
    public let candidate: EvaluationMetrics

    /// The candidate is better when it ranks delays better (higher ROC AUC) without worse calibrated
    /// probabilities (log loss no higher). A holdout of one class has no ROC AUC and never favours the candidate.
    public var candidateIsBetter: Bool {
        guard let candidateAUC = candidate.rocAUC, let servingAUC = serving.rocAUC else { return false }
        return candidateAUC > servingAUC && candidate.logLoss <= serving.logLoss
    }
}

/// What one run of the pipeline did.
public struct PipelineRunReport: Sendable {
    /// The outcome of a run.
    public enum Decision: String, Sendable {
        /// The candidate beat the serving model and replaced its artifact.
        case swapped
        /// Drift was detected, but the candidate was not better: the serving model stays.
        case kept
        /// The window did not drift enough to retrain.
        case noDrift = "no-drift"
        /// The feed had nothing new (the end of the replayed history).
        case nothingNew = "nothing-new"
        /// A step failed: the serving model and the cursor are untouched.
        case failed
    }

    public var decision: Decision
    /// The feed's name.
    public var source: String
    /// The window brought in.
    public var window: DepartureWindow?
    /// Status documents written.
    public var documents = 0
    /// Rows in the drift check.
    public var driftRows = 0
    /// The share of drifted features.
    public var driftShare: Double?
    /// The features that drifted.
    public var driftedFeatures: [String] = []
    /// The serving model's version at the start of the run.
    public var servingVersion: String?
    /// The retrained model's version.
    public var candidateVersion: String?
    /// Both models on the holdout, when a candidate was trained.
    public var comparison: ModelComparison?
    /// Why the run failed.
    public var error: String?
    /// Wall-clock seconds.
    public var seconds = 0.0

    /// The outcome counted in `/metrics` (`flightql_pipeline_runs_total{outcome}`).
    public var outcome: PipelineRunOutcome {
        switch decision {
        case .swapped: .modelSwapped
        case .failed: .failed
        case .kept, .noDrift, .nothingNew: .unchanged
        }
    }

    /// The figures as structured-log metadata (one line per run).
    public var metadata: Logger.Metadata {
        var metadata: Logger.Metadata = [
            "decision": .string(decision.rawValue),
            "source": .string(source),
            "seconds": .string(Self.decimal(seconds, 2)),
        ]
        if let window {
            metadata["window_from"] = .string(Self.time(window.from))
            metadata["window_to"] = .string(Self.time(window.to))
            metadata["documents"] = .string(String(documents))
            metadata["drift_rows"] = .string(String(driftRows))
        }
        if let driftShare { metadata["drift_share"] = .string(Self.decimal(driftShare, 3)) }
        if !driftedFeatures.isEmpty { metadata["drifted"] = .string(driftedFeatures.joined(separator: ",")) }
        if let servingVersion { metadata["serving_version"] = .string(servingVersion) }
        if let candidateVersion { metadata["candidate_version"] = .string(candidateVersion) }
        if let comparison {
            metadata["holdout_from"] = .string(Self.time(comparison.holdout.from))
            metadata["holdout_to"] = .string(Self.time(comparison.holdout.to))
            metadata["holdout_rows"] = .string(String(comparison.serving.rows))
            metadata["serving_auc"] = .string(comparison.serving.rocAUC.map { Self.decimal($0, 4) } ?? "n/a")
            metadata["candidate_auc"] = .string(comparison.candidate.rocAUC.map { Self.decimal($0, 4) } ?? "n/a")
            metadata["serving_log_loss"] = .string(Self.decimal(comparison.serving.logLoss, 4))
            metadata["candidate_log_loss"] = .string(Self.decimal(comparison.candidate.logLoss, 4))
        }
        if let error { metadata["error"] = .string(error) }
        return metadata
    }

    /// The run in a few lines, for people.
    public var summary: String {
        var lines: [String] = []
        if let window {
            lines.append(
                "\(source): \(Self.time(window.from)) … \(Self.time(window.to)), \(documents) status documents written"
            )
        }
        if let driftShare {
            let drifted = driftedFeatures.isEmpty ? "none" : driftedFeatures.joined(separator: ", ")
            lines.append(
                "drift: \(driftedFeatures.count) features drifted (\(Self.decimal(driftShare * 100, 1))%) over "
                    + "\(driftRows) rows: \(drifted)"
            )
        }
        if let comparison {
            func scores(_ metrics: EvaluationMetrics) -> String {
                "ROC AUC \(metrics.rocAUC.map { Self.decimal($0, 4) } ?? "n/a"), log loss \(Self.decimal(metrics.logLoss, 4))"
            }
            lines.append(
                "holdout \(Self.time(comparison.holdout.from)) … \(Self.time(comparison.holdout.to)), "
                    + "\(comparison.serving.rows) flights:"
            )
            lines.append("  serving   \(servingVersion ?? "?"): \(scores(comparison.serving))")
            lines.append("  candidate \(candidateVersion ?? "?"): \(scores(comparison.candidate))")
        }
        let verdict =
            switch decision {
            case .swapped: "swapped: the candidate is better; the server reloads it"
            case .kept: "kept: the candidate is not better; the serving model stays"
            case .noDrift: "no retraining: the drifted share is below the threshold"
            case .nothingNew: "nothing new: the feed has no further window"
            case .failed: "failed, the serving model is untouched: \(error ?? "unknown error")"
            }
        lines.append("decision: \(verdict) (\(Self.decimal(seconds, 1)) s)")
        return lines.joined(separator: "\n")
    }

    private static func decimal(_ value: Double, _ digits: Int) -> String {
        String(format: "%.\(digits)f", value)
    }

    private static func time(_ seconds: Int64) -> String {
        Date(timeIntervalSince1970: TimeInterval(seconds)).formatted(.iso8601)
    }
}

/// The automated loop of `flightql pipeline`: collect (or replay) the next window → drift check against the
/// serving model's training reference → when drifted, retrain on recent labelled history and compare with the
/// serving model on the newest labelled days → swap the artifact atomically only when the candidate is better.
///
/// Nothing is written to the model file unless every step succeeded and the candidate won; a serving process
/// (`ModelStore`) reloads the new file by itself. The cursor advances only after a completed run, so a failed
/// window is retried by the next run.
public struct ModelPipeline: Sendable {
    public let database: Database
    public let drift: DriftService
    public let feed: any PipelineFeed
    public let options: PipelineOptions
    public let logger: Logger

    /// A pipeline over these stores.
    public init(
        database: Database,
        drift: DriftService,
        feed: any PipelineFeed,
        options: PipelineOptions,
        logger: Logger
    ) {
        self.database = database
        self.drift = drift
        self.feed = feed
        self.options = options
        self.logger = logger
    }

    /// Runs once and reports; failures are part of the report (decision `failed`), never thrown. Logs one
    /// structured line with the decision and its figures.
    public func runOnce() async -> PipelineRunReport {
        let clock = ContinuousClock()
        let started = clock.now
        var report = PipelineRunReport(decision: .failed, source: feed.name)
        do {
            try await run(into: &report)
        } catch {
            report.decision = .failed
            report.error = "\(error)"
        }
        let elapsed = clock.now - started
        report.seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        if report.decision == .failed {
            logger.error("pipeline run", metadata: report.metadata)
        } else {
            logger.info("pipeline run", metadata: report.metadata)
        }
        return report
    }

    private func run(into report: inout PipelineRunReport) async throws {
        var state = try PipelineState.read(options.statePath)
        let serving = try ModelFile.read(options.modelPath)
        report.servingVersion = serving.modelVersion
        guard let fed = try await feed.next(after: state.cursor) else {
            report.decision = .nothingNew
            try finish(&state, report.decision)
            return
        }
        report.window = fed.window
        report.documents = fed.documents
        let result = try await drift.report(
            window: DriftWindow(source: fed.driftSource, from: fed.window.from, to: fed.window.to),
            artifact: serving
        )
        report.driftRows = result.currentRows
        report.driftShare = result.driftShare
        report.driftedFeatures = result.features.filter(\.drifted).map(\.feature)
        if result.currentRows == 0 || result.driftShare < options.driftShareThreshold {
            report.decision = .noDrift
        } else {
            let (candidate, comparison) = try await retrain(labelledUntil: fed.labelledUntil, serving: serving)
            report.candidateVersion = candidate.modelVersion
            report.comparison = comparison
            if comparison.candidateIsBetter {
                try install(candidate, replacing: serving)
                report.decision = .swapped
            } else {
                report.decision = .kept
            }
        }
        state.cursor = fed.nextCursor
        try finish(&state, report.decision)
    }

    private func finish(_ state: inout PipelineState, _ decision: PipelineRunReport.Decision) throws {
        state.runs += 1
        state.lastDecision = decision.rawValue
        state.lastRunAt = Date().formatted(.iso8601)
        try state.write(to: options.statePath)
    }

    /// Trains a candidate on the `trainingDays` before the holdout (the newest `holdoutDays` before
    /// `labelledUntil`) and scores both models on the holdout.
    func retrain(labelledUntil: Int64, serving: ModelArtifact) async throws -> (ModelArtifact, ModelComparison) {
        let day: Int64 = 86_400
        let holdout = DepartureWindow(from: labelledUntil - Int64(options.holdoutDays) * day, to: labelledUntil)
        let training = DepartureWindow(from: holdout.from - Int64(options.trainingDays) * day, to: holdout.from)
        let trainingFeatures = try await database.flightFeatures(from: training.from, to: training.to)
        let holdoutFeatures = try await database.flightFeatures(from: holdout.from, to: holdout.to)
        guard trainingFeatures.count > 0 else {
            throw PipelineError(
                "no labelled flights to train on in \(training.artifactWindow.from) … \(training.artifactWindow.to)"
            )
        }
        guard holdoutFeatures.count > 0 else {
            throw PipelineError(
                "no labelled flights in the holdout \(holdout.artifactWindow.from) … \(holdout.artifactWindow.to)"
            )
        }
        let trainingSet = ModelTraining.trainingSet(trainingFeatures) { _ in }
        let holdoutSet = ModelTraining.trainingSet(holdoutFeatures) { _ in }
        let candidate = try ModelArtifact.train(
            training: trainingSet,
            evaluation: holdoutSet,
            parameters: options.parameters,
            trainingWindow: training.artifactWindow,
            evaluationWindow: holdout.artifactWindow
        )
        let predictions = DelayPredictor(serving).predict(holdoutSet)
        let servingMetrics = Metrics.evaluate(
            probabilities: predictions.probabilities,
            expectedDelays: predictions.expectedDelays,
            labels: holdoutSet.labels,
            depDelays: holdoutSet.depDelays,
            trainingPositiveRate: serving.trainingMetrics.positiveRate
        )
        guard let candidateMetrics = candidate.evaluationMetrics else {
            throw PipelineError("the candidate was not scored on the holdout")
        }
        return (candidate, ModelComparison(holdout: holdout, serving: servingMetrics, candidate: candidateMetrics))
    }

    /// Writes `candidate` over the model file atomically, unless the file no longer holds `serving` (someone,
    /// e.g. `flightql train`, replaced it during the run: their model is not overwritten with one compared
    /// against another).
    private func install(_ candidate: ModelArtifact, replacing serving: ModelArtifact) throws {
        let current = try ModelFile.read(options.modelPath)
        guard current.modelVersion == serving.modelVersion, current.trainedAt == serving.trainedAt else {
            throw PipelineError(
                "\(options.modelPath) changed during the run (now \(current.modelVersion)); the candidate is not written"
            )
        }
        try ModelFile.write(candidate, to: options.modelPath)
    }
}
