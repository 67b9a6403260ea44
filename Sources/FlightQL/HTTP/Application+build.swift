public import GraphQLEngine
public import Hummingbird
public import Logging

/// Builds the HTTP application that `flightql serve` runs and the tests drive: the GraphQL endpoint
/// (`POST`/`GET /graphql`), the drift page (`GET /drift`), the probes (`GET /healthz`, `GET /readyz`) and,
/// with `metrics`, `GET /metrics`. Every request gets a request id, an access-log line and, on `/graphql`,
/// request metrics (`ObservabilityMiddleware`). Clients get the read time-outs of `configuration.readTimeouts`.
public func buildApplication(
    configuration: Configuration,
    engine: GraphQLEngine,
    services: Services,
    persistedQueries: PersistedQueries = PersistedQueries(),
    metrics: FlightQLMetrics? = nil,
    logger: Logger = Logger(label: "flightql")
) -> some ApplicationProtocol {
    let graphQL = GraphQLOverHTTP(
        engine: engine,
        maxBodyBytes: configuration.maxBodyBytes,
        executionTimeout: configuration.executionTimeout,
        persistedQueries: persistedQueries,
        logger: logger,
        console: ConsoleRoute.page(for:),
        makeContext: { headers in ResolverContext(services: services, authorization: headers[.authorization]) }
    )
    let router = Router()
    router.add(middleware: ObservabilityMiddleware(metrics: metrics))
    router.post("/graphql", use: graphQL.post)
    router.get("/graphql", use: graphQL.get)
    router.get("/drift", use: DriftRoute(services: services).get)
    router.get("/healthz") { _, _ in "ok\n" }
    router.get("/readyz", use: ReadinessProbe(services: services).respond)
    if let metrics {
        router.get("/metrics", use: MetricsRoute(metrics: metrics, services: services).respond)
    }
    return Application(
        router: router,
        server: .http1(readTimeouts: configuration.readTimeouts),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "flightql"),
        logger: logger
    )
}
