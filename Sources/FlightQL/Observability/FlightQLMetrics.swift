import CoreMetrics
public import Documents
import Prometheus
public import Relational
import Synchronization

/// FlightQL's metrics: swift-metrics handles on their own swift-prometheus registry, rendered in the
/// Prometheus text format by `GET /metrics`.
///
/// | metric | type | labels |
/// |---|---|---|
/// | `flightql_requests_total` | counter | `operation`, `outcome` |
/// | `flightql_request_duration_seconds` | histogram | `operation`, `outcome` |
/// | `flightql_resolver_errors_total` | counter | `field` (`Type.field`) |
/// | `flightql_document_cache_lookups_total` | counter | `result` (`hit`, `miss`) |
/// | `flightql_sqlite_call_duration_seconds` | histogram | `kind` (`read`, `write`) |
/// | `flightql_mongodb_call_duration_seconds` | histogram | `outcome` (`ok`, `error`) |
/// | `flightql_predictions_total` | counter | `field` |
/// | `flightql_model_info` | gauge, 1 | `version` (the serving model) |
/// | `flightql_model_loaded` | gauge, 0 or 1 | |
/// | `flightql_feature_drift` | gauge | `feature`, `method` (the last report's statistic) |
/// | `flightql_dataset_drift` | gauge | (the last report's share of drifted features) |
/// | `flightql_pipeline_runs_total` | counter | `outcome` |
///
/// Operation names are the client's: at most `maxOperationNames` distinct ones become label values,
/// later ones count as `other`, so a client cannot grow the registry without bound.
public final class FlightQLMetrics: Sendable {
    /// The most distinct operation names kept as label values.
    public static let maxOperationNames = 100

    private let registry: PrometheusCollectorRegistry
    private let factory: PrometheusMetricsFactory
    private let documentCacheHits: CoreMetrics.Counter
    private let documentCacheMisses: CoreMetrics.Counter
    private let sqliteReads: CoreMetrics.Timer
    private let sqliteWrites: CoreMetrics.Timer
    private let mongoSucceeded: CoreMetrics.Timer
    private let mongoFailed: CoreMetrics.Timer
    private let modelLoaded: CoreMetrics.Gauge
    private let datasetDrift: CoreMetrics.Gauge
    private let labelled = Mutex(LabelledHandles())

    /// Handles whose label values are only known at run time, created on first use.
    private struct LabelledHandles {
        var requests: [RequestKey: RequestHandles] = [:]
        var operationNames: Set<String> = []
        var resolverErrors: [String: CoreMetrics.Counter] = [:]
        var predictions: [String: CoreMetrics.Counter] = [:]
        var featureDrift: [String: (method: String, gauge: CoreMetrics.Gauge)] = [:]
        var modelInfo: (version: String, gauge: CoreMetrics.Gauge)?
        var pipelineRuns: [PipelineRunOutcome: CoreMetrics.Counter] = [:]
    }

    private struct RequestKey: Hashable {
        let operation: String
        let outcome: RequestOutcome
    }

    private struct RequestHandles {
        let count: CoreMetrics.Counter
        let duration: CoreMetrics.Timer
    }

    /// An empty registry. Latency histograms have buckets from 250 µs to 10 s.
    public init() {
        registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5),
            .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250),
            .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10),
        ]
        self.factory = factory
        documentCacheHits = CoreMetrics.Counter(
            label: "flightql_document_cache_lookups_total",
            dimensions: [("result", "hit")],
            factory: factory
        )
        documentCacheMisses = CoreMetrics.Counter(
            label: "flightql_document_cache_lookups_total",
            dimensions: [("result", "miss")],
            factory: factory
        )
        sqliteReads = CoreMetrics.Timer(
            label: "flightql_sqlite_call_duration_seconds",
            dimensions: [("kind", "read")],
            factory: factory
        )
        sqliteWrites = CoreMetrics.Timer(
            label: "flightql_sqlite_call_duration_seconds",
            dimensions: [("kind", "write")],
            factory: factory
        )
        mongoSucceeded = CoreMetrics.Timer(
            label: "flightql_mongodb_call_duration_seconds",
            dimensions: [("outcome", "ok")],
            factory: factory
        )
        mongoFailed = CoreMetrics.Timer(
            label: "flightql_mongodb_call_duration_seconds",
            dimensions: [("outcome", "error")],
            factory: factory
        )
        modelLoaded = CoreMetrics.Gauge(label: "flightql_model_loaded", factory: factory)
        datasetDrift = CoreMetrics.Gauge(label: "flightql_dataset_drift", factory: factory)
    }

    /// One GraphQL request finished.
    func recordRequest(operation: String?, outcome: RequestOutcome, duration: Duration) {
        let handles = labelled.withLock { handles in
            let name: String
            if let operation, handles.operationNames.contains(operation) {
                name = operation
            } else if let operation, handles.operationNames.count < Self.maxOperationNames {
                handles.operationNames.insert(operation)
                name = operation
            } else {
                name = operation == nil ? "unknown" : "other"
            }
            let key = RequestKey(operation: name, outcome: outcome)
            if let existing = handles.requests[key] { return existing }
            let dimensions = [("operation", name), ("outcome", outcome.rawValue)]
            let created = RequestHandles(
                count: CoreMetrics.Counter(label: "flightql_requests_total", dimensions: dimensions, factory: factory),
                duration: CoreMetrics.Timer(
                    label: "flightql_request_duration_seconds",
                    dimensions: dimensions,
                    factory: factory
                )
            )
            handles.requests[key] = created
            return created
        }
        handles.count.increment()
        handles.duration.recordNanoseconds(duration.nanoseconds)
    }

    /// The resolver of `Type.field` threw (`count` field errors: one per object of a batch).
    func recordResolverError(field: String, count: Int = 1) {
        counter(field, in: \.resolverErrors, label: "flightql_resolver_errors_total", dimension: "field")
            .increment(by: count)
    }

    /// `count` delay predictions were made by `Type.field`.
    func recordPrediction(field: String, count: Int = 1) {
        counter(field, in: \.predictions, label: "flightql_predictions_total", dimension: "field").increment(by: count)
    }

    /// A document-cache lookup of `GraphQLEngine.prepare`.
    func recordDocumentCacheLookup(hit: Bool) {
        (hit ? documentCacheHits : documentCacheMisses).increment()
    }

    /// A SQLite call of `kind` took `duration` (thread-pool wait included): a `DatabaseCallObserver`.
    public func recordSQLiteCall(_ kind: DatabaseCallKind, _ duration: Duration) {
        (kind == .write ? sqliteWrites : sqliteReads).recordNanoseconds(duration.nanoseconds)
    }

    /// A MongoDB call took `duration` (thread-pool wait included): a `MongoCallObserver`.
    public func recordMongoCall(_ duration: Duration, _ succeeded: Bool) {
        (succeeded ? mongoSucceeded : mongoFailed).recordNanoseconds(duration.nanoseconds)
    }

    /// `recordSQLiteCall` as the observer `Database.open` takes.
    public var sqliteObserver: DatabaseCallObserver {
        { kind, duration in self.recordSQLiteCall(kind, duration) }
    }

    /// `recordMongoCall` as the observer `MongoClient` takes.
    public var mongoObserver: MongoCallObserver {
        { duration, succeeded in self.recordMongoCall(duration, succeeded) }
    }

    /// `recordDrift` as the observer `DriftService` takes.
    public var driftObserver: @Sendable (DriftResult) -> Void {
        { report in self.recordDrift(report) }
    }

    /// A drift report was computed: its per-feature statistics and dataset drift share become the gauges'
    /// values (a feature without a statistic, one side having no values at all, is left out).
    public func recordDrift(_ report: DriftResult) {
        labelled.withLock { handles in
            for feature in report.features {
                guard let statistic = feature.statistic else { continue }
                if let existing = handles.featureDrift[feature.feature], existing.method == feature.method {
                    existing.gauge.record(statistic)
                    continue
                }
                handles.featureDrift[feature.feature]?.gauge.destroy()
                let gauge = CoreMetrics.Gauge(
                    label: "flightql_feature_drift",
                    dimensions: [("feature", feature.feature), ("method", feature.method)],
                    factory: factory
                )
                gauge.record(statistic)
                handles.featureDrift[feature.feature] = (feature.method, gauge)
            }
        }
        datasetDrift.record(report.driftShare)
    }

    /// A run of `flightql pipeline` finished with `outcome`.
    public func recordPipelineRun(_ outcome: PipelineRunOutcome) {
        let counter = labelled.withLock { handles in
            if let existing = handles.pipelineRuns[outcome] { return existing }
            let created = CoreMetrics.Counter(
                label: "flightql_pipeline_runs_total",
                dimensions: [("outcome", outcome.rawValue)],
                factory: factory
            )
            handles.pipelineRuns[outcome] = created
            return created
        }
        counter.increment()
    }

    /// The serving model: `flightql_model_info{version}` is 1 for it (the series of an earlier version is
    /// removed) and `flightql_model_loaded` says whether there is one.
    public func recordServingModel(version: String?) {
        labelled.withLock { handles in
            guard handles.modelInfo?.version != version else { return }
            handles.modelInfo?.gauge.destroy()
            handles.modelInfo = nil
            if let version {
                let gauge = CoreMetrics.Gauge(
                    label: "flightql_model_info",
                    dimensions: [("version", version)],
                    factory: factory
                )
                gauge.record(1)
                handles.modelInfo = (version, gauge)
            }
        }
        modelLoaded.record(version == nil ? 0 : 1)
    }

    /// Every metric in the Prometheus text exposition format (version 0.0.4).
    public func render() -> [UInt8] {
        registry.emitToBuffer()
    }

    /// The counter of `value` in one of the labelled tables, created on first use.
    private func counter(
        _ value: String,
        in table: WritableKeyPath<LabelledHandles, [String: CoreMetrics.Counter]>,
        label: String,
        dimension: String
    ) -> CoreMetrics.Counter {
        labelled.withLock { handles in
            if let existing = handles[keyPath: table][value] { return existing }
            let created = CoreMetrics.Counter(label: label, dimensions: [(dimension, value)], factory: factory)
            handles[keyPath: table][value] = created
            return created
        }
    }
}

/// How a GraphQL request ended, the `outcome` label of the request metrics.
public enum RequestOutcome: String, Sendable, Hashable, CaseIterable {
    /// Executed without errors.
    case success
    /// Executed; some fields failed (a partial result with `errors`).
    case fieldErrors = "field_errors"
    /// The document did not parse or validate, was over a limit, or its variables were wrong: nothing executed.
    case invalidRequest = "invalid_request"
    /// Refused at the HTTP level before GraphQL (media type, body size or shape, method): a 4xx.
    case rejected
    /// A 5xx answer.
    case serverError = "server_error"
}

/// How a run of `flightql pipeline` ended, the `outcome` label of `flightql_pipeline_runs_total`.
public enum PipelineRunOutcome: String, Sendable, Hashable, CaseIterable {
    /// No drift, or a retrained model that did not beat the serving one: nothing changed.
    case unchanged
    /// A better model was trained and swapped in.
    case modelSwapped = "model_swapped"
    /// A step failed; the serving model is untouched.
    case failed
}

extension Duration {
    /// The duration in whole nanoseconds (saturating at `Int64.max`).
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? .max : scaled + attoseconds / 1_000_000_000
    }
}
