/// How a scalar type converts values: results to JSON (`serialize`), JSON variables to the
/// internal value (`parseValue`) and literals of the document to the internal value
/// (`parseLiteral`). The internal value of an input is a `JSONValue` (what resolvers read from
/// `Arguments`). A thrown error's message (a `GraphQLError`'s message, or its description)
/// becomes the message graphql-js would give, e.g. `Variable "$d" got invalid value …; <message>`.
public struct ScalarCoercion: Sendable {
    /// Converts a resolver's result to its JSON form.
    public var serialize: @Sendable (any Sendable) throws -> JSONValue
    /// Converts a variable's JSON value to the internal value.
    public var parseValue: @Sendable (JSONValue) throws -> JSONValue
    /// Converts a literal (variables already substituted) to the internal value.
    public var parseLiteral: @Sendable (Value) throws -> JSONValue

    /// Creates a coercion from its three functions.
    public init(
        serialize: @escaping @Sendable (any Sendable) throws -> JSONValue,
        parseValue: @escaping @Sendable (JSONValue) throws -> JSONValue,
        parseLiteral: @escaping @Sendable (Value) throws -> JSONValue
    ) {
        self.serialize = serialize
        self.parseValue = parseValue
        self.parseLiteral = parseLiteral
    }

    /// Creates a coercion whose literals are read as JSON (objects, lists, strings, numbers,
    /// booleans, null; enum literals as strings) and then given to `parseValue`.
    public init(
        serialize: @escaping @Sendable (any Sendable) throws -> JSONValue,
        parseValue: @escaping @Sendable (JSONValue) throws -> JSONValue
    ) {
        self.init(serialize: serialize, parseValue: parseValue) { literal in
            try parseValue(untypedValue(literal))
        }
    }

    /// A scalar that passes any JSON value through (what graphql-js does for a scalar without
    /// custom functions). Results must be `JSONValue`, `String`, `Bool`, integers or `Double`.
    public static let passThrough = ScalarCoercion(
        serialize: { value in
            if let json = jsonValue(of: value) { return json }
            throw GraphQLError("Cannot serialize value: \(inspectValue(value))")
        },
        parseValue: { $0 }
    )
}

/// The JSON form of a literal without a type (graphql-js `valueFromASTUntyped` without variables).
func untypedValue(_ literal: Value) -> JSONValue {
    switch literal {
    case .null, .variable: return .null
    case .boolean(let node): return .bool(node.value)
    case .int(let node): return Int(node.value).map(JSONValue.int) ?? .double(Double(node.value) ?? 0)
    case .float(let node): return .double(Double(node.value) ?? 0)
    case .string(let node): return .string(node.value)
    case .enumValue(let node): return .string(node.value)
    case .list(let node): return .array(node.values.map(untypedValue))
    case .object(let node):
        var object = JSONObject()
        for field in node.fields { object[field.name.value] = untypedValue(field.value) }
        return .object(object)
    }
}

/// The JSON form of a plain Swift value (JSON, strings, booleans, integers, doubles), if it has one.
func jsonValue(of value: any Sendable) -> JSONValue? {
    switch value {
    case let json as JSONValue: return json
    case let string as String: return .string(string)
    case let bool as Bool: return .bool(bool)
    case let int as Int: return .int(int)
    case let double as Double: return .double(double)
    case let int as Int32: return .int(Int(int))
    case let int as Int64: return .int(Int(int))
    case let int as Int16: return .int(Int(int))
    case let int as Int8: return .int(Int(int))
    case let int as UInt32: return .int(Int(int))
    case let int as UInt16: return .int(Int(int))
    case let int as UInt8: return .int(Int(int))
    case let float as Float: return .double(Double(float))
    case let substring as Substring: return .string(String(substring))
    default: return nil
    }
}

/// A value as graphql-js `inspect` shows it in messages: strings quoted, objects as `{ a: 1 }`.
func inspectValue(_ value: any Sendable) -> String {
    if let json = jsonValue(of: value) { return inspect(json) }
    return String(describing: value)
}

/// A JSON value as graphql-js `inspect` shows it.
func inspect(_ value: JSONValue, depth: Int = 0) -> String {
    switch value {
    case .null: return "null"
    case .bool(let bool): return bool ? "true" : "false"
    case .int(let int): return String(int)
    case .double(let double):
        if double.isNaN { return "NaN" }
        if double.isInfinite { return double < 0 ? "-Infinity" : "Infinity" }
        return JSONValue.double(double).jsonString
    case .string: return value.jsonString
    case .array(let values):
        if values.isEmpty { return "[]" }
        if depth >= 2 { return "[Array]" }
        return "[" + values.map { inspect($0, depth: depth + 1) }.joined(separator: ", ") + "]"
    case .object(let object):
        if object.isEmpty { return "{}" }
        if depth >= 2 { return "[Object]" }
        return "{ " + object.map { "\($0.0): \(inspect($0.1, depth: depth + 1))" }.joined(separator: ", ") + " }"
    }
}

/// The built-in scalars with graphql-js's coercion rules and messages.
let builtInScalarCoercions: [String: ScalarCoercion] = [
    "Int": ScalarCoercion(
        serialize: { value in
            let json = jsonValue(of: value) ?? .string(String(describing: value))
            var number: Double?
            switch json {
            case .bool(let bool): return .int(bool ? 1 : 0)
            case .int(let int):
                if int > Int(Int32.max) || int < Int(Int32.min) {
                    throw GraphQLError("Int cannot represent non 32-bit signed integer value: \(inspect(json))")
                }
                return .int(int)
            case .double(let double): number = double
            case .string(let string) where !string.isEmpty: number = javaScriptNumber(string)
            default: break
            }
            guard let number, number.isFinite, number == number.rounded() else {
                throw GraphQLError("Int cannot represent non-integer value: \(inspect(json))")
            }
            guard number <= Double(Int32.max) && number >= Double(Int32.min) else {
                throw GraphQLError("Int cannot represent non 32-bit signed integer value: \(inspect(json))")
            }
            return .int(Int(number))
        },
        parseValue: { json in
            let number: Double
            switch json {
            case .int(let int): number = Double(int)
            case .double(let double) where double == double.rounded(): number = double
            default: throw GraphQLError("Int cannot represent non-integer value: \(inspect(json))")
            }
            guard number <= Double(Int32.max) && number >= Double(Int32.min) else {
                throw GraphQLError("Int cannot represent non 32-bit signed integer value: \(inspect(json))")
            }
            return .int(Int(number))
        },
        parseLiteral: { literal in
            guard case .int(let node) = literal else {
                throw GraphQLError("Int cannot represent non-integer value: \(printAST(literal))")
            }
            guard let int = Int32(node.value) else {
                throw GraphQLError("Int cannot represent non 32-bit signed integer value: \(node.value)")
            }
            return .int(Int(int))
        }
    ),
    "Float": ScalarCoercion(
        serialize: { value in
            let json = jsonValue(of: value) ?? .string(String(describing: value))
            var number: Double?
            switch json {
            case .bool(let bool): number = bool ? 1 : 0
            case .int(let int): return .int(int)
            case .double(let double): number = double
            case .string(let string) where !string.isEmpty: number = javaScriptNumber(string)
            default: break
            }
            guard let number, number.isFinite else {
                throw GraphQLError("Float cannot represent non numeric value: \(inspect(json))")
            }
            return .double(number)
        },
        parseValue: { json in
            switch json {
            case .int(let int): return .double(Double(int))
            case .double(let double) where double.isFinite: return .double(double)
            default: throw GraphQLError("Float cannot represent non numeric value: \(inspect(json))")
            }
        },
        parseLiteral: { literal in
            switch literal {
            case .int(let node): return .double(Double(node.value) ?? 0)
            case .float(let node):
                guard let double = Double(node.value), double.isFinite else {
                    throw GraphQLError("Float cannot represent non numeric value: \(node.value)")
                }
                return .double(double)
            default: throw GraphQLError("Float cannot represent non numeric value: \(printAST(literal))")
            }
        }
    ),
    "String": ScalarCoercion(
        serialize: { value in
            if let string = value as? String { return .string(string) }
            let json = jsonValue(of: value) ?? .null
            switch json {
            case .string(let string): return .string(string)
            case .bool(let bool): return .string(bool ? "true" : "false")
            case .int(let int): return .string(String(int))
            case .double(let double) where double.isFinite: return .string(JSONValue.double(double).jsonString)
            default: throw GraphQLError("String cannot represent value: \(inspectValue(value))")
            }
        },
        parseValue: { json in
            guard case .string = json else {
                throw GraphQLError("String cannot represent a non string value: \(inspect(json))")
            }
            return json
        },
        parseLiteral: { literal in
            guard case .string(let node) = literal else {
                throw GraphQLError("String cannot represent a non string value: \(printAST(literal))")
            }
            return .string(node.value)
        }
    ),
    "Boolean": ScalarCoercion(
        serialize: { value in
            switch jsonValue(of: value) {
            case .bool(let bool): return .bool(bool)
            case .int(let int): return .bool(int != 0)
            case .double(let double) where double.isFinite: return .bool(double != 0)
            default: throw GraphQLError("Boolean cannot represent a non boolean value: \(inspectValue(value))")
            }
        },
        parseValue: { json in
            guard case .bool = json else {
                throw GraphQLError("Boolean cannot represent a non boolean value: \(inspect(json))")
            }
            return json
        },
        parseLiteral: { literal in
            guard case .boolean(let node) = literal else {
                throw GraphQLError("Boolean cannot represent a non boolean value: \(printAST(literal))")
            }
            return .bool(node.value)
        }
    ),
    "ID": ScalarCoercion(
        serialize: { value in
            switch jsonValue(of: value) {
            case .string(let string): return .string(string)
            case .int(let int): return .string(String(int))
            case .double(let double) where double == double.rounded() && double.magnitude < 1e18:
                return .string(String(Int(double)))
            default: throw GraphQLError("ID cannot represent value: \(inspectValue(value))")
            }
        },
        parseValue: { json in
            switch json {
            case .string: return json
            case .int(let int): return .string(String(int))
            case .double(let double) where double == double.rounded() && double.magnitude < 1e18:
                return .string(String(Int(double)))
            default: throw GraphQLError("ID cannot represent value: \(inspect(json))")
            }
        },
        parseLiteral: { literal in
            switch literal {
            case .string(let node): return .string(node.value)
            case .int(let node): return .string(node.value)
            default:
                throw GraphQLError("ID cannot represent a non-string and non-integer value: \(printAST(literal))")
            }
        }
    ),
]

/// JavaScript's `Number(string)` for decimal text (surrounding whitespace allowed); nil for NaN.
private func javaScriptNumber(_ text: String) -> Double? {
    let trimmed = text.trimmingSpaces()
    if trimmed.isEmpty { return 0 }
    return Double(trimmed)
}

extension String {
    fileprivate func trimmingSpaces() -> Substring {
        var slice = self[...]
        while let first = slice.first, first.isWhitespace { slice = slice.dropFirst() }
        while let last = slice.last, last.isWhitespace { slice = slice.dropLast() }
        return slice
    }
}
