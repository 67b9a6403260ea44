public import DelayModel
public import Foundation
public import Relational

/// A half-open range `[from, to)` of scheduled departures, in Unix seconds (UTC).
public struct DepartureWindow: Sendable, Hashable {
    public var from: Int64
    public var to: Int64

    public init(from: Int64, to: Int64) {
        self.from = from
        self.to = to
    }

    /// The local calendar months `months` of `year` in `timeZone`: from the first midnight of the first
    /// month to the first midnight after the last month.
    public static func months(_ months: ClosedRange<Int>, of year: Int, in timeZone: TimeZone) -> DepartureWindow {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        func start(year: Int, month: Int) -> Int64 {
            let date = calendar.date(from: DateComponents(year: year, month: month, day: 1))!
            return Int64(date.timeIntervalSince1970)
        }
        let end =
            months.upperBound == 12 ? start(year: year + 1, month: 1) : start(year: year, month: months.upperBound + 1)
        return DepartureWindow(from: start(year: year, month: months.lowerBound), to: end)
    }

    /// The window as the artifact records it (RFC 3339 UTC text).
    var artifactWindow: TrainingWindow {
        TrainingWindow(from: Self.text(from), to: Self.text(to))
    }

    private static func text(_ seconds: Int64) -> String {
        Date(timeIntervalSince1970: TimeInterval(seconds)).formatted(.iso8601)
    }
}

/// What `ModelTraining.train` trains on and how.
public struct ModelTrainingOptions: Sendable, Hashable {
    /// The flights to train on (default: 2013 months 1–9, local to New York, by scheduled departure).
    public var training: DepartureWindow
    /// The flights to evaluate on (default: 2013 months 10–12); nil to skip evaluation.
    public var evaluation: DepartureWindow?
    /// The tree's settings (default: DelayModel's defaults, depth 5 and 200 rows per leaf).
    public var parameters: HyperParameters

    /// The time split of issue 6: train on months 1–9 of 2013, evaluate on months 10–12.
    public init(
        training: DepartureWindow = .months(1...9, of: 2013, in: nycTimeZone),
        evaluation: DepartureWindow? = .months(10...12, of: 2013, in: nycTimeZone),
        parameters: HyperParameters = HyperParameters()
    ) {
        self.training = training
        self.evaluation = evaluation
        self.parameters = parameters
    }

    /// The time zone of the nycflights13 airports, whose local months the default split follows.
    public static let nycTimeZone = TimeZone(identifier: "America/New_York")!
}

/// How far training has got: `done` of `total` units of `phase` (`read`, then `features`, then `fit`).
public struct TrainingProgress: Sendable, Hashable {
    public var phase: String
    public var done: Int
    public var total: Int
}

/// A trained model with its timings.
public struct TrainingReport: Sendable {
    /// The trained model, with its training and evaluation metrics.
    public let artifact: ModelArtifact
    /// Seconds spent reading the features from SQLite.
    public let readSeconds: Double
    /// Seconds spent in `ModelArtifact.train`: the tree fit, scoring both sets, and the reference
    /// distributions.
    public let fitSeconds: Double

    /// The metrics as a fixed-width table, one column per data set.
    public var table: String {
        let train = artifact.trainingMetrics
        let evaluation = artifact.evaluationMetrics
        func row(_ label: String, _ value: (EvaluationMetrics) -> String) -> String {
            label.padding(toLength: 20, withPad: " ", startingAt: 0)
                + pad(value(train)) + (evaluation.map { pad(value($0)) } ?? pad("-"))
        }
        func pad(_ text: String) -> String { String(repeating: " ", count: max(1, 14 - text.count)) + text }
        func decimal(_ value: Double) -> String { String(format: "%.4f", value) }
        func window(_ label: String, _ window: TrainingWindow?) -> String {
            label.padding(toLength: 20, withPad: " ", startingAt: 0) + (window.map { "\($0.from) … \($0.to)" } ?? "-")
        }
        let parameters = artifact.hyperParameters
        return [
            "model \(artifact.modelVersion): depth \(artifact.tree.depth), \(artifact.tree.leafCount) leaves "
                + "(max depth \(parameters.maxDepth), min samples per leaf \(parameters.minSamplesLeaf))",
            window("training window", artifact.trainingWindow),
            window("evaluation window", artifact.evaluationWindow),
            "".padding(toLength: 20, withPad: " ", startingAt: 0) + pad("train") + pad("evaluation"),
            row("rows") { String($0.rows) },
            row("delayed share") { decimal($0.positiveRate) },
            row("ROC AUC") { $0.rocAUC.map(decimal) ?? "-" },
            row("accuracy") { decimal($0.accuracy) },
            row("majority baseline") { decimal($0.majorityBaselineAccuracy) },
            row("log loss") { decimal($0.logLoss) },
            row("baseline log loss") { decimal($0.baselineLogLoss) },
            row("delay MAE (min)") { String(format: "%.2f", $0.delayMAE) },
            "read \(String(format: "%.2f", readSeconds)) s, fit \(String(format: "%.2f", fitSeconds)) s "
                + "(tree, scoring, reference distributions)",
        ].joined(separator: "\n")
    }
}

/// Trains the delay model on the flights in SQLite.
public enum ModelTraining {
    /// Reads the features of the non-cancelled flights in the training and evaluation windows, trains a
    /// tree with `options.parameters` and scores it on both sets. Reports progress through `progress`.
    ///
    /// Reading runs on the database's thread pool; building the sets and fitting are CPU-bound (about a second
    /// in a release build for the 2013 split) and run on the calling task: call it from a command or a
    /// background task, never from a request.
    ///
    /// Throws `ModelTrainingError` when the training window holds no flight, `ModelArtifactError` for
    /// invalid hyper-parameters, and the database's errors.
    public static func train(
        database: Database,
        options: ModelTrainingOptions = ModelTrainingOptions(),
        progress: @escaping @Sendable (TrainingProgress) -> Void = { _ in }
    ) async throws -> TrainingReport {
        let clock = ContinuousClock()
        let readStart = clock.now
        progress(TrainingProgress(phase: "read", done: 0, total: 2))
        let trainingFeatures = try await database.flightFeatures(from: options.training.from, to: options.training.to)
        progress(TrainingProgress(phase: "read", done: 1, total: 2))
        let evaluationFeatures: FlightFeatures? =
            if let window = options.evaluation {
                try await database.flightFeatures(from: window.from, to: window.to)
            } else {
                nil
            }
        progress(TrainingProgress(phase: "read", done: 2, total: 2))
        let readSeconds = seconds(clock.now - readStart)
        guard trainingFeatures.count > 0 else {
            throw ModelTrainingError(
                "no flights in the training window \(options.training.artifactWindow.from)…"
                    + "\(options.training.artifactWindow.to): run `flightql ingest` first"
            )
        }
        let total = trainingFeatures.count + (evaluationFeatures?.count ?? 0)
        let training = trainingSet(trainingFeatures) { done in
            progress(TrainingProgress(phase: "features", done: done, total: total))
        }
        let evaluation = evaluationFeatures.map { features in
            trainingSet(features) { done in
                progress(TrainingProgress(phase: "features", done: trainingFeatures.count + done, total: total))
            }
        }
        progress(TrainingProgress(phase: "fit", done: 0, total: 1))
        let fitStart = clock.now
        let artifact = try ModelArtifact.train(
            training: training,
            evaluation: evaluation,
            parameters: options.parameters,
            trainingWindow: options.training.artifactWindow,
            evaluationWindow: options.evaluation?.artifactWindow
        )
        let fitSeconds = seconds(clock.now - fitStart)
        progress(TrainingProgress(phase: "fit", done: 1, total: 1))
        return TrainingReport(artifact: artifact, readSeconds: readSeconds, fitSeconds: fitSeconds)
    }

    /// The rows of `features` as a training set, reporting the rows done every 16,384 rows and at the end.
    static func trainingSet(_ features: FlightFeatures, progress: (Int) -> Void) -> TrainingSet {
        var set = TrainingSet(spec: .flightDelay)
        for index in 0..<features.count {
            let row = FeatureRow.flight(features, at: index)
            set.append(row, depDelay: Double(features.departureDelay[index]))
            if index % 16_384 == 16_383 { progress(index + 1) }
        }
        progress(features.count)
        return set
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

/// Training could not start: the reason, for the operator.
public struct ModelTrainingError: Error, CustomStringConvertible, Sendable {
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}

extension FeatureRow {
    /// Row `index` of the columnar `features` as a model input row.
    static func flight(_ features: FlightFeatures, at index: Int) -> FeatureRow {
        .flight(
            month: features.month[index],
            dayOfWeek: features.dayOfWeek[index],
            schedDepHour: features.hour[index],
            carrier: features.carrier[index],
            origin: features.origin[index],
            dest: features.destination[index],
            distance: Double(features.distance[index]),
            temp: features.temperature[index],
            humid: features.humidity[index],
            windSpeed: features.windSpeed[index],
            precip: features.precipitation[index],
            pressure: features.pressure[index],
            visib: features.visibility[index]
        )
    }
}
