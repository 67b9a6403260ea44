/// Computes one field's value. `sync` resolvers run inline (no task); `async` ones run
/// concurrently with their async siblings (query) or one after the other (mutation root fields);
/// `batch` ones run once per execution wave for all the objects that select the field.
///
/// A resolver returns nil, `Bool`, integers, `Double`, `String`, `JSONValue`, arrays (`[T]`)
/// for list fields, an enum value's name as `String` (or a Swift enum whose `String` raw value
/// is the name), or any value for an object field, which child resolvers receive as `parent`.
/// Thrown errors become field errors (a `GraphQLError`'s message and extensions are kept; other
/// errors give their description).
public enum FieldResolver: Sendable {
    case sync(@Sendable (FieldContext) throws -> (any Sendable)?)
    case async(@Sendable (FieldContext) async throws -> (any Sendable)?)
    /// Resolves the field for every object of an execution wave at once (e.g. the carriers of a
    /// page of flights in one SQL statement): one call per wave, with the contexts in response
    /// order, returning one value per context in the same order. A thrown error (or a result of
    /// another length) is a field error at every one of the contexts.
    case batch(@Sendable ([FieldContext]) async throws -> [(any Sendable)?])
}

/// Decides which object type an abstract (interface or union) value is; returns its name.
public typealias TypeResolver = @Sendable (any Sendable) throws -> String?

/// The resolvers of a schema, by type and field, and the type resolvers of abstract types.
public struct Resolvers: Sendable {
    var fields: [String: [String: FieldResolver]] = [:]
    var types: [String: TypeResolver] = [:]

    /// No resolvers.
    public init() {}

    /// Sets the resolver of `type.field` (a resolver on an interface field serves every object
    /// type implementing it that has none of its own).
    public mutating func add(_ type: String, _ field: String, _ resolver: FieldResolver) {
        fields[type, default: [:]][field] = resolver
    }

    /// Sets the type resolver of an interface or union. Without one, a `JSONValue` object's
    /// `__typename` member names the type.
    public mutating func resolveType(_ abstractType: String, _ resolver: @escaping TypeResolver) {
        types[abstractType] = resolver
    }
}

/// Why an `ExecutableSchema` cannot be made: the resolvers do not match the schema.
public struct ResolverError: Error, Sendable, CustomStringConvertible {
    /// Every mismatch, one a line.
    public var problems: [String]

    public var description: String { problems.joined(separator: "\n") }
}

/// A schema with its resolvers and scalar coercions, checked against each other.
public struct ExecutableSchema: Sendable {
    public let schema: Schema
    /// The object types with their fields' resolvers and completions.
    let objectPlans: [String: ObjectPlan]
    let typeResolvers: [String: TypeResolver]
    let coercer: InputCoercer

    /// Checks that every field of every object type has a resolver (its own or its interface's),
    /// that every resolver names an existing type and field, and that every custom scalar has a
    /// coercion; throws a `ResolverError` listing every mismatch.
    public init(schema: Schema, resolvers: Resolvers, scalars: [String: ScalarCoercion] = [:]) throws(ResolverError) {
        var problems: [String] = []
        for (typeName, fields) in resolvers.fields.sorted(by: { $0.key < $1.key }) {
            guard let type = schema.type(named: typeName) else {
                problems.append("Resolvers name the type \"\(typeName)\", which the schema does not define.")
                continue
            }
            for fieldName in fields.keys.sorted() where type.field(fieldName) == nil {
                problems.append(
                    "Resolvers name the field \"\(typeName).\(fieldName)\", which the schema does not define."
                )
            }
        }
        for name in resolvers.types.keys.sorted() where schema.type(named: name)?.isAbstractType != true {
            problems.append("A type resolver is given for \"\(name)\", which is not an interface or union type.")
        }
        var merged: [String: [String: FieldResolver]] = introspectionResolvers
        for name in schema.typeNames where !name.hasPrefix("__") {
            guard case .object(let object) = schema.type(named: name) else { continue }
            var table: [String: FieldResolver] = [:]
            for field in object.fields {
                let resolver =
                    resolvers.fields[name]?[field.name]
                    ?? object.interfaces.lazy.compactMap { resolvers.fields[$0]?[field.name] }.first
                if let resolver {
                    table[field.name] = resolver
                } else {
                    problems.append("The field \"\(name).\(field.name)\" has no resolver.")
                }
            }
            merged[name] = table
        }
        var coercions = builtInScalarCoercions
        for name in scalars.keys.sorted() {
            guard case .scalar = schema.type(named: name), !builtInScalarNames.contains(name) else {
                problems.append("A coercion is given for \"\(name)\", which is not a custom scalar of the schema.")
                continue
            }
            coercions[name] = scalars[name]
        }
        for name in schema.typeNames {
            if case .scalar = schema.type(named: name), coercions[name] == nil {
                problems.append("The custom scalar \"\(name)\" has no coercion.")
            }
        }
        if !problems.isEmpty { throw ResolverError(problems: problems) }
        self.schema = schema
        self.typeResolvers = resolvers.types
        self.coercer = InputCoercer(schema: schema, scalars: coercions)
        var plans: [String: ObjectPlan] = [:]
        for name in schema.typeNames {
            guard case .object(let object) = schema.type(named: name) else { continue }
            var fields: [String: FieldPlan] = [:]
            var definitions = object.fields.map { ($0, merged[name]?[$0.name]) }
            if name == schema.queryTypeName {
                definitions += metaFields.map { ($0.value, metaFieldResolvers[$0.key]) }
            }
            for case (let field, let resolver?) in definitions {
                fields[field.name] = FieldPlan(
                    parentTypeName: name,
                    definition: field,
                    resolver: resolver,
                    completion: Completion(field.type, schema, coercions)
                )
            }
            plans[name] = ObjectPlan(type: object, fields: fields)
        }
        self.objectPlans = plans
    }
}

/// The coerced arguments of a field, with typed getters (nil when absent, null or of another type).
public struct Arguments: Sendable {
    /// All the arguments, in definition order; an argument absent from the query and without a
    /// default is absent here too.
    public let values: JSONObject

    init(_ values: JSONObject) {
        self.values = values
    }

    /// The argument's value, `.null` when given as null, nil when absent.
    public func value(_ name: String) -> JSONValue? { values[name] }

    /// A `String`, `ID` or enum argument.
    public func string(_ name: String) -> String? {
        if case .string(let string) = values[name] { return string }
        return nil
    }

    /// An `Int` argument.
    public func int(_ name: String) -> Int? {
        if case .int(let int) = values[name] { return int }
        return nil
    }

    /// A `Boolean` argument.
    public func bool(_ name: String) -> Bool? {
        if case .bool(let bool) = values[name] { return bool }
        return nil
    }

    /// A `Float` argument (an integer value is widened).
    public func double(_ name: String) -> Double? {
        switch values[name] {
        case .double(let double): double
        case .int(let int): Double(int)
        default: nil
        }
    }

    /// An input-object argument.
    public func object(_ name: String) -> JSONObject? {
        if case .object(let object) = values[name] { return object }
        return nil
    }

    /// A list argument.
    public func list(_ name: String) -> [JSONValue]? {
        if case .array(let array) = values[name] { return array }
        return nil
    }
}

/// The position of a field or list item in the response, e.g. `flights.3.carrier`. Building one
/// for a field costs no allocation; its parent is shared by the siblings.
public struct ResponsePath: Sendable, CustomStringConvertible {
    let parent: PathNode?
    let component: GraphQLError.PathComponent?
    /// Whether `null` may stand at this position (used to find where a null propagates to).
    let isNullable: Bool

    static let root = ResponsePath(parent: nil, component: nil, isNullable: true)

    init(parent: PathNode?, component: GraphQLError.PathComponent?, isNullable: Bool) {
        self.parent = parent
        self.component = component
        self.isNullable = isNullable
    }

    /// The steps from the root, e.g. `[.key("flights"), .index(3), .key("carrier")]`.
    public var components: [GraphQLError.PathComponent] {
        var result: [GraphQLError.PathComponent] = []
        if let component { result.append(component) }
        var node = parent
        while let current = node {
            result.append(current.component)
            node = current.parent
        }
        return result.reversed()
    }

    /// The last step (the field's response key or the item's index); nil at the root.
    public var last: GraphQLError.PathComponent? { component }

    /// `flights.3.carrier`.
    public var description: String {
        components.map {
            switch $0 {
            case .key(let key): key
            case .index(let index): String(index)
            }
        }.joined(separator: ".")
    }

    /// This position as the parent of further positions (one allocation).
    func node() -> PathNode? {
        guard let component else { return nil }
        return PathNode(parent: parent, component: component, isNullable: isNullable)
    }

    /// The nearest position at or above this one where `null` may stand, as components; nil
    /// when none (the whole `data` becomes null).
    func nullableBoundary() -> [GraphQLError.PathComponent]? {
        if component == nil { return nil }
        if isNullable { return components }
        var node = parent
        while let current = node {
            if current.isNullable { return current.components }
            node = current.parent
        }
        return nil
    }
}

/// A shared ancestor position of `ResponsePath`s.
final class PathNode: Sendable {
    let parent: PathNode?
    let component: GraphQLError.PathComponent
    let isNullable: Bool

    init(parent: PathNode?, component: GraphQLError.PathComponent, isNullable: Bool) {
        self.parent = parent
        self.component = component
        self.isNullable = isNullable
    }

    var components: [GraphQLError.PathComponent] {
        ResponsePath(parent: parent, component: component, isNullable: isNullable).components
    }
}

/// What a resolver may know about the field beyond its arguments: the types, the field's nodes
/// (and so its sub-selection), the schema, the operation and the variables.
public struct ResolveInfo: Sendable {
    let plan: FieldPlan
    /// The field's nodes in the document (several when the field is selected more than once).
    public let fieldNodes: [Field]
    let operationContext: OperationContext

    /// The name of the object type whose field is resolved.
    public var parentTypeName: String { plan.parentTypeName }
    /// The field's type.
    public var returnType: GraphQLType { plan.definition.type }
    /// The schema.
    public var schema: Schema { operationContext.schema }
    /// The operation being executed.
    public var operation: OperationDefinition { operationContext.operation }
    /// The coerced variables.
    public var variables: JSONObject { operationContext.variables }
    /// The fragments of the document, by name.
    public var fragments: [String: FragmentDefinition] { operationContext.fragments }

    /// The object type whose field is resolved.
    public var parentType: ObjectType? { operationContext.schema.objectType(named: parentTypeName) }

    /// The response keys selected under this field for the object type `typeName` (for an
    /// object field, its own type; fragments and `@skip`/`@include` applied), e.g. to learn
    /// whether `totalCount` is asked for.
    public func selectedFieldNames(on typeName: String? = nil) -> [String] {
        let target = typeName ?? returnType.namedType
        return operationContext.collectSubfields(target, fieldNodes).map { $0.fields[0].name.value }
    }

    /// Whether a field with this name is selected under this field (see `selectedFieldNames`).
    public func selects(_ fieldName: String, on typeName: String? = nil) -> Bool {
        selectedFieldNames(on: typeName).contains(fieldName)
    }
}

/// Everything a resolver receives. Cheap to make: it holds the parent, the arguments, the path
/// and references to what the executor already has.
public struct FieldContext: Sendable {
    /// The value the parent field's resolver returned (the request context for root fields).
    public let parent: any Sendable
    /// The coerced arguments.
    public let arguments: Arguments
    /// Where the field stands in the response.
    public let path: ResponsePath
    let plan: FieldPlan
    let fieldNodes: [Field]
    let operationContext: OperationContext

    /// The application's per-request context, as given to `execute`.
    public var request: any Sendable { operationContext.request }
    /// The field's name in the schema (not its alias).
    public var fieldName: String { plan.definition.name }
    /// Types, nodes, schema, operation and variables.
    public var info: ResolveInfo { ResolveInfo(plan: plan, fieldNodes: fieldNodes, operationContext: operationContext) }
}
