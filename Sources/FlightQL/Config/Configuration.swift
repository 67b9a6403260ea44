import Foundation
public import GraphQLEngine

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
    public var introspection: Bool {
        get { limits.introspection }
        set { limits.introspection = newValue }
    }
    /// Largest request body accepted, in bytes (`FLIGHTQL_MAX_BODY_BYTES`, default 1 MiB).
    public var maxBodyBytes: Int
    /// Depth, aliases, selections and cost limits of one operation (`FLIGHTQL_MAX_DEPTH`, `FLIGHTQL_MAX_ALIASES`,
    /// `FLIGHTQL_MAX_SELECTIONS`, `FLIGHTQL_MAX_COST`; 0 turns a limit off), with `introspection`.
    public var limits: OperationLimits
    /// The most tokens a query may have (`FLIGHTQL_MAX_TOKENS`, default 10,000; 0 for no limit).
    public var maxTokens: Int?
    /// How long one operation may run before it ends with an error (`FLIGHTQL_EXECUTION_TIMEOUT_MS`,
    /// default 30 s, as Apollo Router; 0 for no limit).
    public var executionTimeout: Duration?
    /// How long a client may take to send a request head (`FLIGHTQL_HEAD_TIMEOUT_MS`, default 10 s from its first
    /// byte; the connection is closed) and its body (`FLIGHTQL_BODY_TIMEOUT_MS`, default 10 s from the end of the
    /// head; 408), and how long an idle keep-alive connection stays open (`FLIGHTQL_IDLE_TIMEOUT_MS`, default 75 s,
    /// longer than the 60 s of common load balancers so that they close first). 0 turns one off.
    public var readTimeouts: ReadTimeouts
    /// A JSON manifest of registered documents, SHA-256 → text (`FLIGHTQL_PERSISTED_QUERIES`).
    public var persistedQueriesPath: String?
    /// Serve only the manifest's documents (`FLIGHTQL_ALLOW_LIST=true`).
    public var allowList: Bool
    /// Whether requests, resolvers and stores are measured and `GET /metrics` is served (`FLIGHTQL_METRICS`,
    /// default true).
    public var metricsEnabled: Bool = true

    /// The configuration from the process environment.
    public static func fromEnvironment(_ environment: [String: String]? = nil) -> Self {
        let environment = environment ?? ProcessInfo.processInfo.environment
        // A limit from the environment: a positive number, 0 for none, the default when unset or not a number.
        func limit(_ name: String, _ defaultValue: Int?) -> Int? {
            guard let value = environment[name].flatMap(Int.init), value >= 0 else { return defaultValue }
            return value == 0 ? nil : value
        }
        let introspection = environment["FLIGHTQL_INTROSPECTION"].map { $0.lowercased() != "false" } ?? true
        let defaults = OperationLimits()
        var configuration = Self(
            host: "127.0.0.1",
            port: environment["PORT"].flatMap(Int.init) ?? 8080,
            databasePath: environment["FLIGHTQL_DB"] ?? ".flightql/flightql.sqlite",
            modelPath: environment["FLIGHTQL_MODEL"] ?? "models/delay-tree.json",
            mongoURI: environment["MONGODB_URI"].flatMap { $0.isEmpty ? nil : $0 },
            schemaPath: environment["FLIGHTQL_SCHEMA"] ?? Self.defaultSchemaPath(),
            apiKey: environment["FLIGHTQL_API_KEY"].flatMap { $0.isEmpty ? nil : $0 },
            maxBodyBytes: environment["FLIGHTQL_MAX_BODY_BYTES"].flatMap(Int.init) ?? 1 << 20,
            limits: OperationLimits(
                maxDepth: limit("FLIGHTQL_MAX_DEPTH", defaults.maxDepth),
                maxAliases: limit("FLIGHTQL_MAX_ALIASES", defaults.maxAliases),
                maxSelections: limit("FLIGHTQL_MAX_SELECTIONS", defaults.maxSelections),
                maxCost: limit("FLIGHTQL_MAX_COST", defaults.maxCost),
                introspection: introspection
            ),
            maxTokens: limit("FLIGHTQL_MAX_TOKENS", 10_000),
            executionTimeout: limit("FLIGHTQL_EXECUTION_TIMEOUT_MS", 30_000).map { .milliseconds($0) },
            readTimeouts: ReadTimeouts(
                head: limit("FLIGHTQL_HEAD_TIMEOUT_MS", 10_000).map { .milliseconds($0) },
                body: limit("FLIGHTQL_BODY_TIMEOUT_MS", 10_000).map { .milliseconds($0) },
                idle: limit("FLIGHTQL_IDLE_TIMEOUT_MS", 75_000).map { .milliseconds($0) }
            ),
            persistedQueriesPath: environment["FLIGHTQL_PERSISTED_QUERIES"].flatMap { $0.isEmpty ? nil : $0 },
            allowList: environment["FLIGHTQL_ALLOW_LIST"]?.lowercased() == "true"
        )
        configuration.metricsEnabled = environment["FLIGHTQL_METRICS"].map { $0.lowercased() != "false" } ?? true
        return configuration
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
