import ArgumentParser
import DelayModel
import Documents
import FlightQL
import Foundation
import Logging
import Relational

/// `flightql pipeline`: the automated loop (collect or replay the next window → drift check → retrain when
/// drifted → swap the model only when the candidate beats the serving one). See `ModelPipeline`.
struct PipelineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pipeline",
        abstract:
            "Collect or replay the next window, check drift, retrain when drifted, swap the model only if it is better.",
        discussion: """
            Each run brings the next window of flight statuses into MongoDB flight_status: with --source replay \
            the next --window of SQLite history, with --source aviationstack or opensky the latest flights from \
            the API (the collector options of `flightql collect`; OpenSky polls from the previous run's start, or \
            --window before now on the first run). The cursor is kept in --state. A run checks the drift of those \
            flights against the serving model's training reference (replay: the SQLite rows; collectors: the \
            flight_status documents departing in the span of the collected flights), and when \
            at least --drift-share of the features drifted, trains a candidate on the --training-days before the \
            newest --holdout-days of labelled history. The candidate replaces the model file (atomically; a \
            server reloads it) only if it has a higher ROC AUC and no higher log loss than the serving model on \
            those held-out days. A failed run changes neither the model nor the cursor. One JSON log line per run.
            """
    )

    enum Source: String, ExpressibleByArgument, CaseIterable {
        case replay, aviationstack, opensky
    }

    @Option(help: "Run every DURATION (e.g. 30s, 10m, 1h) until SIGTERM or SIGINT; without it, run once.")
    var every: PipelineDuration?
    @Flag(help: "Run once and exit (the default without --every).") var once = false
    @Option(
        help:
            "Where new flight statuses come from: replay (the next window of SQLite history), aviationstack or opensky (the API)."
    )
    var source: Source = .replay
    @Option(
        help:
            "Replay and OpenSky: the first window's start, a local date YYYY-MM-DD (replay default: the end of the serving model's training window)."
    )
    var from: String?
    @Option(help: "Replay: the length of a window (e.g. 7d, 12h); OpenSky: the first window's length, up to now.")
    var window: PipelineDuration = PipelineDuration(seconds: 7 * 86_400)
    @OptionGroup(title: "Collector options (--source aviationstack|opensky)") var collection: CollectorOptions
    @Option(help: "The share of drifted features (0–1) at or above which a candidate is trained.")
    var driftShare: Double = DriftResult.datasetDriftShare
    @Option(help: "Days of labelled history before the holdout that the candidate trains on.")
    var trainingDays: Int = 90
    @Option(help: "The newest labelled days, kept out of training, on which candidate and serving model are compared.")
    var holdoutDays: Int = 2
    @Option(help: "The candidate's maximum tree depth.") var maxDepth: Int = HyperParameters().maxDepth
    @Option(help: "The candidate's minimum flights per leaf.") var minSamplesLeaf: Int = HyperParameters()
        .minSamplesLeaf
    @OptionGroup var database: DatabaseOptions
    @Option(help: "The serving model artifact (env FLIGHTQL_MODEL).")
    var model: String = Configuration.fromEnvironment().modelPath
    @Option(help: "The pipeline's state file (default: MODEL.pipeline.json).") var state: String?
    @Option(name: .customLong("mongodb-uri"), help: "MongoDB connection string (env MONGODB_URI).") var mongoURI:
        String?
    @Option(
        name: .customLong("metrics-port"),
        help: "With --every: serve GET /metrics (the runs counter) on this port."
    )
    var metricsPort: Int?
    @Option(name: .customLong("metrics-host"), help: "The address of --metrics-port.") var metricsHost = "127.0.0.1"

    func validate() throws {
        if once && every != nil { throw ValidationError("pass either --once or --every, not both") }
        if metricsPort != nil && every == nil { throw ValidationError("--metrics-port needs --every") }
        guard (0...1).contains(driftShare) else { throw ValidationError("--drift-share must be between 0 and 1") }
        guard trainingDays >= 1, holdoutDays >= 1 else {
            throw ValidationError("--training-days and --holdout-days must be at least 1")
        }
        guard maxDepth >= 0, minSamplesLeaf >= 1 else {
            throw ValidationError("--max-depth must be at least 0 and --min-samples-leaf at least 1")
        }
    }

    func run() async throws {
        guard let uri = mongoURI ?? Configuration.fromEnvironment().mongoURI else {
            throw ValidationError("no MongoDB: pass --mongodb-uri or set MONGODB_URI")
        }
        guard FileManager.default.fileExists(atPath: database.path) else {
            throw ValidationError("no database at \(database.path): run `flightql ingest` first")
        }
        let start: Int64
        if let from {
            start = try localMidnight(from)
        } else if source != .replay {
            start = Int64(Date().timeIntervalSince1970) - window.seconds
        } else {
            let serving: ModelArtifact
            do {
                serving = try ModelFile.read(model)
            } catch {
                throw ValidationError("cannot read the serving model (run `flightql train` first): \(error)")
            }
            guard let end = ISO8601DateFormatter().date(from: serving.trainingWindow.to) else {
                throw ValidationError(
                    "the model's training window end \(serving.trainingWindow.to) is not RFC 3339; pass --from"
                )
            }
            start = Int64(end.timeIntervalSince1970)
        }
        FlightQLLogging.bootstrap()
        let logger = Logger(label: "flightql.pipeline")
        let db = try await Database.open(path: database.path)
        let client = try MongoClient(uri: uri)
        let feed: any PipelineFeed
        let drift: DriftService
        if let collectorSource = CollectorSource(rawValue: source.rawValue) {
            let collection = self.collection
            feed = CollectorFeed(
                name: source.rawValue,
                store: FlightStatusStore(client: client),
                labelledUntil: try await Self.labelledUntil(db)
            ) { cursor, now in
                try collection.collector(
                    collectorSource,
                    begin: Date(timeIntervalSince1970: Double(cursor ?? start)),
                    end: Date(timeIntervalSince1970: Double(now))
                )
            }
            drift = DriftService(
                database: db,
                documents: DocumentServices(client: client),
                predictionFeatures: try await PredictionFeatures.load(from: db)
            )
        } else {
            feed = HistoryReplayFeed(
                database: db,
                store: FlightStatusStore(client: client),
                start: start,
                length: window.seconds
            )
            drift = DriftService(database: db)
        }
        let pipeline = ModelPipeline(
            database: db,
            drift: drift,
            feed: feed,
            options: PipelineOptions(
                modelPath: model,
                statePath: state,
                driftShareThreshold: driftShare,
                trainingDays: trainingDays,
                holdoutDays: holdoutDays,
                parameters: HyperParameters(maxDepth: maxDepth, minSamplesLeaf: minSamplesLeaf)
            ),
            logger: logger
        )
        var failed = false
        if let every {
            try await PipelineScheduler.run(
                pipeline,
                every: .seconds(every.seconds),
                metrics: FlightQLMetrics(),
                metricsHost: metricsHost,
                metricsPort: metricsPort,
                logger: logger
            ) { report in print(report.summary + "\n") }
        } else {
            let report = await pipeline.runOnce()
            print(report.summary)
            failed = report.decision == .failed
        }
        await client.shutdown()
        try await db.close()
        if failed { throw ExitCode.failure }
    }

    /// The whole hour after the latest scheduled departure of a flight that flew (its delay is known) in SQLite: a
    /// live feed brings no labels, so candidates train and are scored on the history before it.
    private static func labelledUntil(_ database: Database) async throws -> Int64 {
        let latest = try await database.flightsPage(
            filter: FlightFilter(cancelled: false),
            order: .scheduledDepartureDesc,
            first: 1
        )
        guard let flight = latest.flights.first else {
            throw ValidationError("no flights in the database to train on: run `flightql ingest` first")
        }
        return (flight.scheduledDeparture / 3_600 + 1) * 3_600
    }
}

/// A duration written as a positive whole number and a unit: `45s`, `10m`, `1h`, `7d`.
struct PipelineDuration: ExpressibleByArgument, Sendable {
    let seconds: Int64

    init(seconds: Int64) {
        self.seconds = seconds
    }

    init?(argument: String) {
        let units: [Character: Int64] = ["s": 1, "m": 60, "h": 3_600, "d": 86_400]
        guard let unit = argument.last.flatMap({ units[$0] }), let count = Int64(argument.dropLast()), count > 0,
            count <= Int64.max / unit
        else { return nil }
        seconds = count * unit
    }

    /// The duration in its largest whole unit (`604800` seconds is `7d`), for the help text.
    var defaultValueDescription: String {
        for (unit, size) in [("d", Int64(86_400)), ("h", 3_600), ("m", 60)] where seconds % size == 0 {
            return "\(seconds / size)\(unit)"
        }
        return "\(seconds)s"
    }
}
