public import GraphQLEngine
import Synchronization

/// What the GraphQL engine did for the current HTTP request: the operation's name and how far it got.
///
/// `ObservabilityMiddleware` binds one to `current` around the route handler; the engine observer
/// (`GraphQLMetricsObserver`), which runs on the handler's task, fills it in; the middleware reads it for
/// the request metrics and the access log once the response is ready.
final class RequestObservation: Sendable {
    /// The observation of the request the current task serves, if any.
    @TaskLocal static var current: RequestObservation?

    /// How far the engine got.
    enum Stage: Sendable, Equatable {
        /// The engine was not asked (not a GraphQL request, or refused before parsing).
        case notPrepared
        /// The document did not parse or validate.
        case prepareFailed
        /// The document is valid but did not execute (a limit or the HTTP method stopped it).
        case prepared
        /// The operation ran; `hasData` is false when it failed before execution (variables, unknown operation).
        case executed(hasData: Bool, errorCount: Int)
    }

    private let state = Mutex<(stage: Stage, operationName: String?)>((.notPrepared, nil))

    /// How far the engine got.
    var stage: Stage { state.withLock { $0.stage } }
    /// The executed operation's name, nil when it has none or none was found.
    var operationName: String? { state.withLock { $0.operationName } }

    func prepared(succeeded: Bool) {
        state.withLock { $0.stage = succeeded ? .prepared : .prepareFailed }
    }

    func executed(operationName: String?, hasData: Bool, errorCount: Int) {
        state.withLock { $0 = (.executed(hasData: hasData, errorCount: errorCount), operationName) }
    }

    /// The outcome label of a request answered with `status`.
    func outcome(status: Int) -> RequestOutcome {
        if status >= 500 { return .serverError }
        switch stage {
        case .executed(hasData: true, let errorCount): return errorCount == 0 ? .success : .fieldErrors
        case .executed(hasData: false, _), .prepareFailed: return .invalidRequest
        case .prepared: return status >= 400 ? .rejected : .invalidRequest
        case .notPrepared: return status >= 400 ? .rejected : .success
        }
    }
}

/// The engine observer that feeds `FlightQLMetrics` (document cache) and the request's `RequestObservation`.
struct GraphQLMetricsObserver: GraphQLEngineObserver {
    let metrics: FlightQLMetrics

    func documentPrepared(_ outcome: Result<PreparedDocument, RequestFailure>, cacheHit: Bool) {
        metrics.recordDocumentCacheLookup(hit: cacheHit)
        if case .success = outcome {
            RequestObservation.current?.prepared(succeeded: true)
        } else {
            RequestObservation.current?.prepared(succeeded: false)
        }
    }

    func operationExecuted(_ prepared: PreparedDocument, operationName: String?, response: GraphQLResponse) {
        guard let observation = RequestObservation.current else { return }
        observation.executed(
            operationName: Self.name(of: prepared.document, selectedBy: operationName),
            hasData: response.data != nil,
            errorCount: response.errors.count
        )
    }

    /// The name of the operation `operationName` selects (the only one when nil), nil when it is anonymous
    /// or there is no such operation.
    static func name(of document: Document, selectedBy operationName: String?) -> String? {
        var onlyName: String?
        var operationCount = 0
        for case .operation(let operation) in document.definitions {
            let name = operation.name?.value
            if let operationName {
                if name == operationName { return name }
            } else {
                operationCount += 1
                onlyName = name
            }
        }
        return operationCount == 1 ? onlyName : nil
    }
}

extension FlightQLMetrics {
    /// The fields whose successful resolution is one delay prediction.
    static let predictionFields: Set<String> = ["Query.predictDelay", "Flight.prediction"]

    /// `resolvers` with every field resolver counting its errors in `flightql_resolver_errors_total` and the
    /// prediction fields counting their results in `flightql_predictions_total`.
    func instrument(_ resolvers: Resolvers) -> Resolvers {
        resolvers.mapFieldResolvers { typeName, fieldName, resolver in
            let field = "\(typeName).\(fieldName)"
            let countsPredictions = Self.predictionFields.contains(field)
            switch resolver {
            case .sync(let resolve):
                return .sync { context in
                    do {
                        let value = try resolve(context)
                        if countsPredictions { self.recordPrediction(field: field) }
                        return value
                    } catch {
                        self.recordResolverError(field: field)
                        throw error
                    }
                }
            case .async(let resolve):
                return .async { context in
                    do {
                        let value = try await resolve(context)
                        if countsPredictions { self.recordPrediction(field: field) }
                        return value
                    } catch {
                        self.recordResolverError(field: field)
                        throw error
                    }
                }
            case .batch(let resolve):
                // A thrown error is a field error at every object of the wave, so it counts once per object.
                return .batch { contexts in
                    do {
                        let values = try await resolve(contexts)
                        if countsPredictions { self.recordPrediction(field: field, count: values.count) }
                        return values
                    } catch {
                        self.recordResolverError(field: field, count: contexts.count)
                        throw error
                    }
                }
            }
        }
    }
}
