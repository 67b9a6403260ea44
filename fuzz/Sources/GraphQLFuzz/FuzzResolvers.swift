import GraphQLEngine

/// Resolvers for every field of a schema that answer without I/O with values of the field's type, so the fuzzer
/// reaches value completion, lists, null propagation and field errors on the real schema.
///
/// - Scalars get fixed plausible values (`DateTime` and `Date` as FlightQL formats them, `JSON` an object).
/// - Enums answer their first value; objects answer a `FuzzObject`; lists hold two items near the root and one
///   below, so the response stays linear in the size of the query.
/// - A field given a negative `Int` argument throws (a field error), and nullable fields answer null at every
///   third depth, so errors and nulls propagate.
/// - Object and list fields resolve asynchronously (concurrent waves), leaves synchronously.
enum FuzzResolvers {
    /// The resolvers of every object field of `schema`, and a type resolver for each abstract type.
    static func all(for schema: Schema) -> Resolvers {
        var resolvers = Resolvers()
        for name in schema.typeNames where !name.hasPrefix("__") {
            switch schema.type(named: name) {
            case .object(let object)?:
                for field in object.fields {
                    resolvers.add(name, field.name, resolver(for: field, in: schema))
                }
            case let type? where type.isAbstractType:
                let concrete = schema.possibleTypes(of: name).first
                resolvers.resolveType(name) { _ in concrete }
            default:
                break
            }
        }
        return resolvers
    }

    /// `DateTime`, `Date` and `JSON` as FlightQL coerces them (formats checked loosely: no I/O, no Foundation).
    static let scalars: [String: ScalarCoercion] = [
        "DateTime": ScalarCoercion(
            serialize: { value in .string(value as? String ?? "2013-01-01T10:00:00Z") },
            parseValue: { value in
                guard case .string(let text) = value, text.count >= 20, text.contains("T") else {
                    throw GraphQLError("DateTime must be an RFC 3339 date-time such as 2013-01-01T10:00:00Z")
                }
                return value
            }
        ),
        "Date": ScalarCoercion(
            serialize: { value in .string(value as? String ?? "2013-01-01") },
            parseValue: { value in
                guard case .string(let text) = value, text.utf8.count == 10 else {
                    throw GraphQLError("Date must be a calendar date such as 2013-01-01")
                }
                return value
            }
        ),
        "JSON": ScalarCoercion(
            serialize: { value in value as? JSONValue ?? .null },
            parseValue: { $0 }
        ),
    ]

    private static func resolver(for field: GraphQLField, in schema: Schema) -> FieldResolver {
        let type = field.type
        let isLeaf: Bool
        switch schema.type(named: type.namedType) {
        case .scalar?, .enum?: isLeaf = true
        default: isLeaf = false
        }
        let isList: Bool
        if case .list = type.nullable { isList = true } else { isList = false }
        let answer: @Sendable (FieldContext) throws -> (any Sendable)? = { context in
            if let negative = context.arguments.values.first(where: {
                if case .int(let n) = $0.1 { n < 0 } else { false }
            }) {
                throw GraphQLError("Argument \"\(negative.0)\" must not be negative.")
            }
            let depth = context.path.components.count
            if !type.isNonNull, depth % 3 == 0 { return nil }
            return value(of: type, depth: depth, schema: schema)
        }
        return isLeaf && !isList ? .sync(answer) : .async { try answer($0) }
    }

    private static func value(of type: GraphQLType, depth: Int, schema: Schema) -> (any Sendable)? {
        switch type {
        case .nonNull(let inner):
            return value(of: inner, depth: depth, schema: schema)
        case .list(let item):
            let count = depth < 4 ? 2 : 1
            return (0..<count).map { _ in value(of: item, depth: depth + 1, schema: schema) } as [(any Sendable)?]
        case .named(let name):
            switch schema.type(named: name) {
            case .enum(let enumType)?: return enumType.values.first?.name
            case .scalar?: return scalarValue(name)
            default: return FuzzObject(depth: depth)
            }
        }
    }

    private static func scalarValue(_ name: String) -> any Sendable {
        switch name {
        case "Int": 42
        case "Float": 0.25
        case "Boolean": true
        case "ID": "MjAxMy0wMS0wMXxVQXwxNTQ1fEVXUg"
        case "DateTime": "2013-01-01T10:00:00Z"
        case "Date": "2013-01-01"
        case "JSON": JSONValue.object(["gate": "A1", "delay": 3])
        default: "text"
        }
    }
}

/// The value of an object field: child fields see it as their parent.
struct FuzzObject: Sendable {
    let depth: Int
}
