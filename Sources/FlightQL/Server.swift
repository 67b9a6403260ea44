import Documents
import Foundation
import GraphQLEngine
import Hummingbird
import Logging
import Relational
import ServiceLifecycle
import UnixSignals

/// `flightql serve`: opens the stores, checks the resolvers against the served schema and answers
/// HTTP until SIGINT/SIGTERM.
///
/// On SIGTERM or SIGINT the server stops accepting connections and lets the requests in flight finish
/// (for at most `maximumDrainDuration`); then it stops the model watcher, flushes the prediction log and
/// closes MongoDB and SQLite, and `run` returns.
///
/// MongoDB and the model are optional at start-up: without them the server still serves every
/// SQLite field, and the fields that need them answer a GraphQL error naming what is missing.
public enum Server {
    /// How long a graceful shutdown waits for requests in flight before cancelling them.
    public static let maximumDrainDuration: Duration = .seconds(30)

    /// Runs the server with `configuration` until it is stopped.
    public static func run(_ configuration: Configuration) async throws {
        FlightQLLogging.bootstrap()
        // One write(2) per access-log line cost 5% of a small query's CPU: lines below warning are
        // written together, at most 200 ms later; everything is written before `run` returns.
        StandardError.startBuffering(every: .milliseconds(200))
        defer { StandardError.flush() }
        let logger = Logger(label: "flightql")
        let metrics = configuration.metricsEnabled ? FlightQLMetrics() : nil
        let engine = try ServedSchema.engine(
            path: configuration.schemaPath,
            limits: configuration.limits,
            maxTokens: configuration.maxTokens,
            metrics: metrics
        )
        let persistedQueries = try PersistedQueries(configuration: configuration)
        guard FileManager.default.fileExists(atPath: configuration.databasePath) else {
            throw ServerError(
                "no database at \(configuration.databasePath): run `flightql ingest --db \(configuration.databasePath)` first")
        }
        let database = try await Database.open(
            path: configuration.databasePath,
            observer: metrics?.sqliteObserver
        )
        let documents = try openDocuments(configuration, metrics: metrics, logger: logger)
        let model = ModelStore.load(path: configuration.modelPath, logger: logger)
        let watcher = model.watch()
        let predictionFeatures = try await PredictionFeatures.load(from: database)
        let services = Services(
            database: database,
            documents: documents,
            model: model,
            predictionFeatures: predictionFeatures,
            drift: DriftService(
                database: database,
                documents: documents,
                predictionFeatures: predictionFeatures,
                onReport: metrics?.driftObserver
            ),
            apiKey: configuration.apiKey
        )
        let app = buildApplication(
            configuration: configuration,
            engine: engine,
            services: services,
            persistedQueries: persistedQueries,
            metrics: metrics,
            logger: logger
        )
        logger.info("serving GraphQL on http://\(configuration.host):\(configuration.port)/graphql")
        var groupServices: [ServiceGroupConfiguration.ServiceConfiguration] = [.init(service: app)]
        if let documents {
            // Last in the list, so the first to stop on SIGTERM (it only ever waits between attempts).
            groupServices.append(
                .init(
                    service: DocumentIndexService(documents: documents, logger: logger),
                    successTerminationBehavior: .ignore,
                    serviceName: "DocumentIndexService"
                )
            )
        }
        var lifecycle = ServiceGroupConfiguration(
            services: groupServices,
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger
        )
        lifecycle.maximumGracefulShutdownDuration = maximumDrainDuration
        // The stores are closed however the server ends (a port in use ends it at once).
        var failure: (any Error)?
        do {
            try await ServiceGroup(configuration: lifecycle).run()
            logger.info("requests drained; closing the stores")
        } catch {
            failure = error
        }
        watcher.stop()
        await documents?.predictions.flush()
        await documents?.client.shutdown()
        try await database.close()
        if let failure { throw failure }
        logger.info("stopped")
    }

    /// The MongoDB collections when a URI is configured. No connection is made here: `DocumentIndexService`
    /// creates the indexes once MongoDB answers, the client reconnects by itself and MongoDB fields fail until
    /// it does.
    private static func openDocuments(
        _ configuration: Configuration,
        metrics: FlightQLMetrics?,
        logger: Logger
    ) throws -> DocumentServices? {
        guard let uri = configuration.mongoURI else {
            logger.warning("no MONGODB_URI: flight-status fields and the prediction log are unavailable")
            return nil
        }
        let client = try MongoClient(
            uri: uri,
            observer: metrics?.mongoObserver
        )
        return DocumentServices(client: client)
    }
}

/// A reason the server cannot start, printed as it is.
struct ServerError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
