public import Hummingbird
public import Logging

/// Wraps every request: gives it a request id (`RequestID`: the client's `X-Request-ID` when acceptable, else
/// a new one) that the handlers read from the request headers, the logger metadata carries as `request_id` and
/// the response echoes; writes one access-log line (method, path, status, duration, operation); and, for the
/// GraphQL endpoint, counts and times the request by operation name and outcome when `metrics` is set.
public struct ObservabilityMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: FlightQLMetrics?
    let graphQLPath: String

    /// A middleware recording the requests of `graphQLPath` in `metrics` (nil: logs and request ids only).
    public init(metrics: FlightQLMetrics?, graphQLPath: String = "/graphql") {
        self.metrics = metrics
        self.graphQLPath = graphQLPath
    }

    public func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let start = ContinuousClock.now
        var request = request
        let id: String
        if let given = RequestID.accepted(request.headers[RequestID.headerName]) {
            id = given
        } else {
            id = RequestID.generate()
            var head = request.head
            head.headerFields[RequestID.headerName] = id
            request = Request(head: head, body: request.body)
        }
        var context = context
        context.logger[metadataKey: "request_id"] = .string(id)
        let observation = RequestObservation()
        var response: Response
        do {
            response = try await RequestObservation.$current.withValue(observation) {
                try await next(request, context)
            }
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        } catch {
            context.logger.error("request failed", metadata: ["error": .string(String(reflecting: error))])
            response = Response(status: .internalServerError)
        }
        response.headers[RequestID.headerName] = id
        finish(request, response.status.code, observation, since: start, logger: context.logger)
        return response
    }

    private func finish(
        _ request: Request,
        _ status: Int,
        _ observation: RequestObservation,
        since start: ContinuousClock.Instant,
        logger: Logger
    ) {
        let duration = ContinuousClock.now - start
        let path = request.uri.path
        let operation = observation.operationName
        if path == graphQLPath, let metrics {
            let executed = if case .executed = observation.stage { true } else { false }
            metrics.recordRequest(
                operation: operation ?? (executed ? "anonymous" : nil),
                outcome: observation.outcome(status: status),
                duration: duration
            )
        }
        var metadata: Logger.Metadata = [
            "method": .string(request.method.rawValue),
            "path": .string(path),
            "status": .stringConvertible(status),
            "duration_ms": .string(Self.milliseconds(duration)),
        ]
        if let operation { metadata["operation"] = .string(operation) }
        logger.info("request", metadata: metadata)
    }

    /// `duration` in milliseconds with three decimals.
    static func milliseconds(_ duration: Duration) -> String {
        let microseconds = duration.nanoseconds / 1000
        let fraction = String(microseconds % 1000)
        return "\(microseconds / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}
