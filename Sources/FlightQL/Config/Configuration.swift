import Foundation

/// Everything `flightql serve` needs to know, from flags and the environment.
///
/// Flags win over environment variables, which win over the defaults of ARCHITECTURE.md.
public struct Configuration: Sendable {
    /// Address to listen on.
    public var host: String
    /// Port to listen on (`PORT`, default 8080).
    public var port: Int
    /// SQLite database (`FLIGHTQL_DB`, default `.flightql/flightql.sqlite`).
    public var databasePath: String
    /// Model artifact (`FLIGHTQL_MODEL`, default `models/delay-tree.json`).
    public var modelPath: String
    /// MongoDB connection string (`MONGODB_URI`); the database name comes from its path, default `flightql`.
    public var mongoURI: String?
    /// The served SDL (`FLIGHTQL_SCHEMA`, else `schema/flightql.graphql` beside the working directory or the executable).
    public var schemaPath: String
    /// Bearer token required for mutations (`FLIGHTQL_API_KEY`); mutations are refused when unset.
    public var apiKey: String?
    /// Whether `__schema` and `__type` are answered (`FLIGHTQL_INTROSPECTION`, default true).
    public var introspection: Bool
    /// Largest request body accepted, in bytes.
    public var maxBodyBytes: Int

    /// The configuration from the process environment.
    public static func fromEnvironment(_ environment: [String: String]? = nil) -> Self {
        let environment = environment ?? ProcessInfo.processInfo.environment
        return Self(
            host: "127.0.0.1",
            port: environment["PORT"].flatMap(Int.init) ?? 8080,
            databasePath: environment["FLIGHTQL_DB"] ?? ".flightql/flightql.sqlite",
            modelPath: environment["FLIGHTQL_MODEL"] ?? "models/delay-tree.json",
            mongoURI: environment["MONGODB_URI"].flatMap { $0.isEmpty ? nil : $0 },
            schemaPath: environment["FLIGHTQL_SCHEMA"] ?? Self.defaultSchemaPath(),
            apiKey: environment["FLIGHTQL_API_KEY"].flatMap { $0.isEmpty ? nil : $0 },
            introspection: environment["FLIGHTQL_INTROSPECTION"].map { $0.lowercased() != "false" } ?? true,
            maxBodyBytes: environment["FLIGHTQL_MAX_BODY_BYTES"].flatMap(Int.init) ?? 1 << 20
        )
    }

    /// `schema/flightql.graphql` in the working directory, else next to the executable (or two and three
    /// levels up, for `.build/<config>/flightql` in a checkout).
    public static func defaultSchemaPath() -> String {
        let relative = "schema/flightql.graphql"
        let fileManager = FileManager.default
        if fileManager.fileExists(atPath: relative) { return relative }
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent(relative).path
            if fileManager.fileExists(atPath: candidate) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return relative
    }
}
