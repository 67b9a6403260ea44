/// How the executor completes a value of a field's type, worked out once per schema so that
/// executing a field needs no type lookups.
indirect enum Completion: Sendable {
    case nonNull(Completion)
    case list(Completion)
    case leaf(LeafKind)
    case object(String)
    case abstract(String)
    /// A type that is not an output type (only in schemas that were not validated).
    case invalid(String)

    init(_ type: GraphQLType, _ schema: Schema, _ scalars: [String: ScalarCoercion]) {
        switch type {
        case .nonNull(let inner): self = .nonNull(Completion(inner, schema, scalars))
        case .list(let inner): self = .list(Completion(inner, schema, scalars))
        case .named(let name):
            switch schema.type(named: name) {
            case .scalar:
                switch name {
                case "Int": self = .leaf(.int)
                case "Float": self = .leaf(.float)
                case "String": self = .leaf(.string)
                case "Boolean": self = .leaf(.boolean)
                case "ID": self = .leaf(.id)
                default:
                    if let coercion = scalars[name] {
                        self = .leaf(.custom(coercion))
                    } else {
                        self = .invalid(name)
                    }
                }
            case .enum(let enumType): self = .leaf(.enumType(enumType))
            case .object: self = .object(name)
            case .interface, .union: self = .abstract(name)
            case .inputObject, nil: self = .invalid(name)
            }
        }
    }
}

/// The kinds of leaf values, with fast paths for the built-in scalars.
enum LeafKind: Sendable {
    case int, float, string, boolean, id
    case enumType(EnumType)
    case custom(ScalarCoercion)
}

/// One field of an object type, ready to execute: its definition, resolver and completion.
final class FieldPlan: Sendable {
    let parentTypeName: String
    let definition: GraphQLField
    let resolver: FieldResolver
    let completion: Completion
    let isNullable: Bool

    init(parentTypeName: String, definition: GraphQLField, resolver: FieldResolver, completion: Completion) {
        self.parentTypeName = parentTypeName
        self.definition = definition
        self.resolver = resolver
        self.completion = completion
        self.isNullable = !definition.type.isNonNull
    }
}

/// An object type with the plans of its fields (the query root's include `__schema` and `__type`).
final class ObjectPlan: Sendable {
    let type: ObjectType
    let fields: [String: FieldPlan]

    init(type: ObjectType, fields: [String: FieldPlan]) {
        self.type = type
        self.fields = fields
    }
}
