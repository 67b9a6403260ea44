public import GraphQLEngine
public import Hummingbird
public import Logging

/// Builds the HTTP application that `flightql serve` runs and the tests drive: the GraphQL endpoint
/// (`POST`/`GET /graphql`), the drift page (`GET /drift`) and the health probe (`GET /healthz`).
public func buildApplication(
    configuration: Configuration,
    engine: GraphQLEngine,
    services: Services,
    persistedQueries: PersistedQueries = PersistedQueries(),
    logger: Logger = Logger(label: "flightql")
) -> some ApplicationProtocol {
    let graphQL = GraphQLOverHTTP(
        engine: engine,
        maxBodyBytes: configuration.maxBodyBytes,
        executionTimeout: configuration.executionTimeout,
        persistedQueries: persistedQueries,
        logger: logger,
        makeContext: { headers in ResolverContext(services: services, authorization: headers[.authorization]) }
    )
    let router = Router()
    router.post("/graphql", use: graphQL.post)
    router.get("/graphql", use: graphQL.get)
    router.get("/drift", use: DriftRoute(services: services).get)
    router.get("/healthz") { _, _ in "ok\n" }
    return Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "flightql"),
        logger: logger
    )
}
