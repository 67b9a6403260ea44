import Documents
import Foundation
import GraphQLEngine
import Hummingbird
import Logging
import Relational

/// `flightql serve`: opens the stores, checks the resolvers against the served schema and answers
/// HTTP until SIGINT/SIGTERM.
///
/// MongoDB and the model are optional at start-up: without them the server still serves every
/// SQLite field, and the fields that need them answer a GraphQL error naming what is missing.
public enum Server {
    /// Runs the server with `configuration` until it is stopped.
    public static func run(_ configuration: Configuration) async throws {
        var logger = Logger(label: "flightql")
        logger.logLevel = .info
        let engine = try ServedSchema.engine(
            path: configuration.schemaPath,
            limits: configuration.limits,
            maxTokens: configuration.maxTokens
        )
        let persistedQueries = try PersistedQueries(configuration: configuration)
        guard FileManager.default.fileExists(atPath: configuration.databasePath) else {
            throw ServerError(
                "no database at \(configuration.databasePath): run `flightql ingest --db \(configuration.databasePath)` first")
        }
        let database = try await Database.open(path: configuration.databasePath)
        let documents = try await openDocuments(configuration, logger: logger)
        let model = ModelStore.load(path: configuration.modelPath, logger: logger)
        let watcher = model.watch()
        let predictionFeatures = try await PredictionFeatures.load(from: database)
        let services = Services(
            database: database,
            documents: documents,
            model: model,
            predictionFeatures: predictionFeatures,
            drift: DriftService(database: database, documents: documents, predictionFeatures: predictionFeatures),
            apiKey: configuration.apiKey
        )
        let app = buildApplication(
            configuration: configuration,
            engine: engine,
            services: services,
            persistedQueries: persistedQueries,
            logger: logger
        )
        logger.info("serving GraphQL on http://\(configuration.host):\(configuration.port)/graphql")
        try await app.runService()
        watcher.stop()
        await documents?.predictions.flush()
        await documents?.client.shutdown()
        try await database.close()
    }

    /// The MongoDB collections when a URI is configured. An unreachable server is logged, not fatal:
    /// the client reconnects by itself and MongoDB fields fail until it does.
    private static func openDocuments(_ configuration: Configuration, logger: Logger) async throws -> DocumentServices? {
        guard let uri = configuration.mongoURI else {
            logger.warning("no MONGODB_URI: flight-status fields and the prediction log are unavailable")
            return nil
        }
        let documents = DocumentServices(client: try MongoClient(uri: uri))
        do {
            try await documents.statuses.prepare()
            try await documents.predictions.prepare()
        } catch {
            logger.warning("MongoDB is not reachable yet (\(error)); its fields fail until it is")
        }
        return documents
    }
}

/// A reason the server cannot start, printed as it is.
struct ServerError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
