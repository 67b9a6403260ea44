public import DelayModel
import Documents
import Drift
import Foundation
public import Relational
import Synchronization

/// Where the current data of a drift window comes from (the contract's `DriftSource`).
public enum DriftSource: String, Sendable, Hashable, CaseIterable {
    /// Historical flights in SQLite scheduled to depart in the window.
    case flights = "FLIGHTS"
    /// Features derived from the flight-status documents of the live feed (MongoDB).
    case flightStatus = "FLIGHT_STATUS"
    /// The inputs logged by `predictDelay` calls (MongoDB).
    case predictions = "PREDICTIONS"

    /// The source called `name`, as the GraphQL enum value (`FLIGHT_STATUS`) or the command-line spelling
    /// (`flight-status`), ignoring case; nil for any other text.
    public init?(name: String) {
        self.init(rawValue: name.uppercased().replacingOccurrences(of: "-", with: "_"))
    }

    /// The command-line spelling: `flights`, `flight-status`, `predictions`.
    public var argument: String { rawValue.lowercased().replacingOccurrences(of: "_", with: "-") }
}

/// The rows to compare with the training reference: a source and a scheduled-departure (or logging) time range.
public struct DriftWindow: Sendable, Hashable {
    /// Where the current rows come from.
    public var source: DriftSource
    /// Inclusive start, Unix seconds (UTC); nil = unbounded.
    public var from: Int64?
    /// Exclusive end, Unix seconds (UTC); nil = unbounded.
    public var to: Int64?

    /// A window over `source` in [`from`, `to`).
    public init(source: DriftSource, from: Int64? = nil, to: Int64? = nil) {
        self.source = source
        self.from = from
        self.to = to
    }

    /// A window from text, as the command line and the `/drift` page's query parameters give it: `source` by
    /// `DriftSource(name:)` (FLIGHTS when nil or empty), `from` and `to` as RFC 3339 date-times, a fraction of a second
    /// truncated (unbounded when nil or empty).
    ///
    /// - Throws: `DriftServiceError` with code `.invalidWindow` for an unknown source, a time that is not RFC 3339,
    ///   or `from` after `to`.
    public init(source: String?, from: String?, to: String?) throws(DriftServiceError) {
        func present(_ text: String?) -> String? {
            guard let trimmed = text?.trimmingCharacters(in: .whitespaces), !trimmed.isEmpty else { return nil }
            return trimmed
        }
        func time(_ text: String?, _ name: String) throws(DriftServiceError) -> Int64? {
            guard let text = present(text) else { return nil }
            let fractional = ISO8601DateFormatter()
            fractional.formatOptions.insert(.withFractionalSeconds)
            guard let date = ISO8601DateFormatter().date(from: text) ?? fractional.date(from: text) else {
                throw DriftServiceError(
                    .invalidWindow,
                    "'\(name)' is not an RFC 3339 date-time such as 2013-10-01T04:00:00Z"
                )
            }
            return Int64(date.timeIntervalSince1970)
        }
        var resolved = DriftSource.flights
        if let name = present(source) {
            guard let named = DriftSource(name: name) else {
                throw DriftServiceError(.invalidWindow, "the source must be FLIGHTS, FLIGHT_STATUS or PREDICTIONS")
            }
            resolved = named
        }
        self.init(source: resolved, from: try time(from, "from"), to: try time(to, "to"))
        if let start = self.from, let end = self.to, start > end {
            throw DriftServiceError(.invalidWindow, "'from' is after 'to'")
        }
    }
}

/// Why a drift report was not computed (extensible: switch on `code`).
public struct DriftServiceError: Error, Hashable, CustomStringConvertible {
    /// The kind of failure.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: Hashable, Sendable {
            case invalidWindow, sourceUnavailable
        }
        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// The window's source or times are not valid.
        public static let invalidWindow = Code(.invalidWindow)
        /// The window's source cannot be read: its store is not configured or does not answer.
        public static let sourceUnavailable = Code(.sourceUnavailable)

        /// A short phrase naming the failure.
        public var description: String {
            switch value {
            case .invalidWindow: "invalid window"
            case .sourceUnavailable: "source unavailable"
            }
        }
    }

    /// The kind of failure.
    public let code: Code
    /// What is wrong, for people.
    public let message: String

    init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// "drift: MESSAGE".
    public var description: String { "drift: \(message)" }
}

/// The 13 model features of a window's rows, column by column, ready for `DriftReport`.
public struct CurrentFeatures: Sendable {
    /// The number of rows.
    public let rowCount: Int
    /// The values of each feature by name (`DriftService.featureNames`), all `rowCount` long.
    let columns: [String: FeatureValues]

    /// The features of SQLite flight rows (`Database.flightFeatures(from:to:)`); a FLIGHT_STATUS provider that joins
    /// status documents with SQLite for distance and weather can fill a `FlightFeatures` the same way.
    public init(_ flights: FlightFeatures) {
        func numbers(_ values: [Int]) -> FeatureValues { .numeric(values.map(Double.init)) }
        func optionalNumbers(_ values: [Double?]) -> FeatureValues { .numeric(values.map { $0 ?? .nan }) }
        rowCount = flights.count
        columns = [
            "month": numbers(flights.month),
            "day_of_week": numbers(flights.dayOfWeek),
            "sched_dep_hour": numbers(flights.hour),
            "carrier": .categorical(flights.carrier),
            "origin": .categorical(flights.origin),
            "dest": .categorical(flights.destination),
            "distance": numbers(flights.distance),
            "temp": optionalNumbers(flights.temperature),
            "humid": optionalNumbers(flights.humidity),
            "wind_speed": optionalNumbers(flights.windSpeed),
            "precip": optionalNumbers(flights.precipitation),
            "pressure": optionalNumbers(flights.pressure),
            "visib": optionalNumbers(flights.visibility),
        ]
    }

    /// The features of model input rows in `FeatureSpec.flightDelay` order (e.g. the inputs the PREDICTIONS log
    /// holds, built with `FeatureRow.flight(…)`); a value of the wrong kind counts as missing.
    public init(rows: [FeatureRow]) {
        let features = FeatureSpec.flightDelay.features
        precondition(rows.allSatisfy { $0.values.count == features.count }, "rows follow FeatureSpec.flightDelay")
        var columns: [String: FeatureValues] = [:]
        for (index, feature) in features.enumerated() {
            switch feature.kind {
            case .numeric:
                columns[feature.name] = .numeric(
                    rows.map { row in
                        if case .number(let number) = row.values[index] { number } else { .nan }
                    }
                )
            case .categorical:
                columns[feature.name] = .categorical(
                    rows.map { row in
                        if case .category(let category) = row.values[index] { category } else { nil }
                    }
                )
            }
        }
        rowCount = rows.count
        self.columns = columns
    }
}

/// Reads the current rows of a window: the features of the source's rows in [`from`, `to`) (Unix seconds, nil =
/// unbounded). The seam for sources outside SQLite (FLIGHT_STATUS, PREDICTIONS: see `DocumentSources.swift`).
public typealias CurrentFeaturesProvider = @Sendable (_ from: Int64?, _ to: Int64?) async throws -> CurrentFeatures

/// Computes drift reports: a window's current features against the serving model's training reference.
///
/// The reference distributions are rebuilt from the artifact once per artifact (keyed by model version and
/// training time) and kept until another artifact is asked for, so a hot-swapped model is picked up on the next
/// report. Every finished report passes through the `onReport` observer given at creation (the one place to export
/// drift metrics from).
public final class DriftService: Sendable {
    /// The compared features, in report order: the model's (`FeatureSpec.flightDelay`).
    public static let featureNames = FeatureSpec.flightDelay.features.map(\.name)

    private let providers: [DriftSource: CurrentFeaturesProvider]
    private let onReport: (@Sendable (DriftResult) -> Void)?
    private let cache = Mutex<CachedReference?>(nil)

    private struct CachedReference: Sendable {
        let key: String
        let distributions: [String: ReferenceDistribution]
    }

    /// A service that reads FLIGHTS from `database` and FLIGHT_STATUS and PREDICTIONS from the given providers; a
    /// source without a provider fails with `.sourceUnavailable`. `onReport` is called with every report computed,
    /// before `report(window:artifact:)` returns it.
    public init(
        database: Database,
        flightStatus: CurrentFeaturesProvider? = nil,
        predictions: CurrentFeaturesProvider? = nil,
        onReport: (@Sendable (DriftResult) -> Void)? = nil
    ) {
        var providers: [DriftSource: CurrentFeaturesProvider] = [
            .flights: { from, to in CurrentFeatures(try await database.flightFeatures(from: from, to: to)) }
        ]
        providers[.flightStatus] = flightStatus
        providers[.predictions] = predictions
        self.providers = providers
        self.onReport = onReport
    }

    /// The drift of `window`'s rows against `artifact`'s training reference. An empty window gives a report with
    /// `currentRows` 0, no features and no drift.
    ///
    /// - Throws: `DriftServiceError` (`.sourceUnavailable` when the source has no provider or its MongoDB does not
    ///   answer, `.invalidWindow` when `from` is after `to`), the provider's other errors (e.g. `RelationalError`),
    ///   or `DriftError` when the artifact's references do not fit the features (a damaged artifact).
    public func report(window: DriftWindow, artifact: ModelArtifact) async throws -> DriftResult {
        guard let provider = providers[window.source] else {
            throw DriftServiceError(
                .sourceUnavailable,
                "source \(window.source.rawValue) needs MongoDB, and none is configured (set MONGODB_URI)"
            )
        }
        if let from = window.from, let to = window.to, from > to {
            throw DriftServiceError(.invalidWindow, "'from' is after 'to'")
        }
        let reference = references(of: artifact)
        let current: CurrentFeatures
        do {
            current = try await provider(window.from, window.to)
        } catch let error as DocumentStoreError where error.code == .unavailable || error.code == .shutdown {
            throw DriftServiceError(
                .sourceUnavailable,
                "source \(window.source.rawValue) is unavailable: MongoDB did not answer (\(error.reason))"
            )
        }
        let report = try DriftReport(reference: reference, current: current.columns, features: Self.featureNames)
        let result = DriftResult(report, window: window, modelVersion: artifact.modelVersion)
        onReport?(result)
        return result
    }

    /// The artifact's training references as `Drift` distributions, from the cache when it holds this artifact's.
    func references(of artifact: ModelArtifact) -> [String: ReferenceDistribution] {
        let key = "\(artifact.modelVersion) \(artifact.trainedAt)"
        if let cached = cache.withLock({ $0 }), cached.key == key { return cached.distributions }
        var distributions: [String: ReferenceDistribution] = [:]
        for stored in artifact.references { distributions[stored.name] = Self.distribution(stored) }
        cache.withLock { $0 = CachedReference(key: key, distributions: distributions) }
        return distributions
    }

    /// The `Drift` form of a stored reference: the artifact keeps the same fields (bin counts, ECDF knots with
    /// their exact counts), so the distribution is rebuilt field by field, without rounding.
    static func distribution(_ stored: FeatureReference) -> ReferenceDistribution {
        ReferenceDistribution(
            kind: stored.kind == .numeric ? .numeric : .categorical,
            rowCount: stored.rowCount,
            missingCount: stored.missingCount,
            edges: stored.edges,
            categories: stored.categories,
            binCounts: stored.binCounts,
            mean: stored.mean,
            standardDeviation: stored.standardDeviation,
            ecdf: stored.ecdf.map {
                EmpiricalDistribution(
                    count: $0.count,
                    values: $0.values,
                    countBelow: $0.countBelow,
                    countAtOrBelow: $0.countAtOrBelow
                )
            }
        )
    }
}
