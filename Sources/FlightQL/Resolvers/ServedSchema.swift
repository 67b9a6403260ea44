public import GraphQLEngine
import Foundation

/// The served schema (`schema/flightql.graphql`) bound to FlightQL's resolvers and scalars.
public enum ServedSchema {
    /// The type system of the SDL at `path`.
    public static func load(path: String) throws -> Schema {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ServerError("cannot read the schema at \(path) (set FLIGHTQL_SCHEMA or --schema)")
        }
        return try Schema(sdl: String(decoding: data, as: UTF8.self))
    }

    /// An engine over the SDL at `path` that refuses operations over `limits` and documents of more
    /// than `maxTokens` tokens, and records resolver errors, predictions and document-cache lookups in
    /// `metrics`; fails when a field has no resolver or a resolver names a field the schema does not have.
    public static func engine(
        path: String,
        limits: OperationLimits = .unlimited,
        maxTokens: Int? = ParseOptions().maxTokens,
        metrics: FlightQLMetrics? = nil
    ) throws -> GraphQLEngine {
        let schema = try load(path: path)
        return GraphQLEngine(
            schema: try ExecutableSchema(
                schema: schema,
                resolvers: metrics?.instrument(resolvers) ?? resolvers,
                scalars: scalars
            ),
            parseOptions: ParseOptions(maxTokens: maxTokens),
            limits: limits,
            observer: metrics.map(GraphQLMetricsObserver.init)
        )
    }

    /// Every resolver of the application, by type group.
    static var resolvers: Resolvers {
        var resolvers = Resolvers()
        ReferenceResolvers.register(in: &resolvers)
        FlightResolvers.register(in: &resolvers)
        ConnectionResolvers.register(in: &resolvers)
        StatisticsResolvers.register(in: &resolvers)
        StatusResolvers.register(in: &resolvers)
        ModelResolvers.register(in: &resolvers)
        DriftResolvers.register(in: &resolvers)
        return resolvers
    }

    /// `DateTime` (RFC 3339), `Date` (YYYY-MM-DD) and `JSON` (any value).
    static var scalars: [String: ScalarCoercion] {
        [
            "DateTime": ScalarCoercion(
                serialize: { value in
                    guard let text = value as? String else { throw BadUserInput("DateTime cannot represent \(value)") }
                    return .string(text)
                },
                parseValue: { value in
                    guard case .string(let text) = value, DateTimeText.parse(text) != nil else {
                        throw BadUserInput("DateTime must be an RFC 3339 date-time such as 2013-01-01T10:00:00Z")
                    }
                    return value
                }
            ),
            "Date": ScalarCoercion(
                serialize: { value in
                    guard let text = value as? String else { throw BadUserInput("Date cannot represent \(value)") }
                    return .string(text)
                },
                parseValue: { value in
                    guard case .string(let text) = value, DateTimeText.isDate(text) else {
                        throw BadUserInput("Date must be a calendar date such as 2013-01-01")
                    }
                    return value
                }
            ),
            "JSON": ScalarCoercion(
                serialize: { value in
                    guard let json = value as? JSONValue else { throw BadUserInput("JSON cannot represent \(value)") }
                    return json
                },
                parseValue: { value in value }
            ),
        ]
    }
}
