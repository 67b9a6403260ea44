import ArgumentParser
import FlightQL

/// `flightql serve`: answers GraphQL over HTTP.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Serve GraphQL over HTTP.")

    @Option(help: "Address to listen on.") var host: String?
    @Option(help: "Port to listen on (env PORT).") var port: Int?
    @OptionGroup var database: DatabaseOptions
    @Option(help: "Model artifact (env FLIGHTQL_MODEL).") var model: String?
    @Option(name: .customLong("mongodb-uri"), help: "MongoDB connection string (env MONGODB_URI).") var mongoURI: String?
    @Option(help: "The served SDL (env FLIGHTQL_SCHEMA).") var schema: String?

    func run() async throws {
        var configuration = Configuration.fromEnvironment()
        if let host { configuration.host = host }
        if let port { configuration.port = port }
        configuration.databasePath = database.path
        if let model { configuration.modelPath = model }
        if let mongoURI { configuration.mongoURI = mongoURI.isEmpty ? nil : mongoURI }
        if let schema { configuration.schemaPath = schema }
        try await Server.run(configuration)
    }
}
