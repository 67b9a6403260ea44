/// Where a directive may be applied (spec section 3.13), spelled as introspection spells it.
public enum DirectiveLocation: String, Sendable, Hashable, CaseIterable {
    case query = "QUERY"
    case mutation = "MUTATION"
    case subscription = "SUBSCRIPTION"
    case field = "FIELD"
    case fragmentDefinition = "FRAGMENT_DEFINITION"
    case fragmentSpread = "FRAGMENT_SPREAD"
    case inlineFragment = "INLINE_FRAGMENT"
    case variableDefinition = "VARIABLE_DEFINITION"
    case schema = "SCHEMA"
    case scalar = "SCALAR"
    case object = "OBJECT"
    case fieldDefinition = "FIELD_DEFINITION"
    case argumentDefinition = "ARGUMENT_DEFINITION"
    case interface = "INTERFACE"
    case union = "UNION"
    case enumValue = "ENUM_VALUE"
    case `enum` = "ENUM"
    case inputObject = "INPUT_OBJECT"
    case inputFieldDefinition = "INPUT_FIELD_DEFINITION"
}

/// A reference to a type as fields and arguments use it: a named type, possibly wrapped in lists
/// and non-null markers, e.g. `[String!]!`.
public indirect enum GraphQLType: Sendable, Hashable, CustomStringConvertible {
    case named(String)
    case list(GraphQLType)
    case nonNull(GraphQLType)

    /// The name of the innermost named type.
    public var namedType: String {
        switch self {
        case .named(let name): name
        case .list(let inner), .nonNull(let inner): inner.namedType
        }
    }

    /// `true` for `T!`.
    public var isNonNull: Bool {
        if case .nonNull = self { return true }
        return false
    }

    /// The type without its outer non-null marker.
    public var nullable: GraphQLType {
        if case .nonNull(let inner) = self { return inner }
        return self
    }

    /// The type as SDL writes it, e.g. `[Int!]!`.
    public var description: String {
        switch self {
        case .named(let name): name
        case .list(let inner): "[\(inner)]"
        case .nonNull(let inner): "\(inner)!"
        }
    }

    /// The type an AST type reference names.
    public init(_ reference: TypeReference) {
        switch reference {
        case .named(let named): self = .named(named.name.value)
        case .list(let list): self = .list(GraphQLType(list.type))
        case .nonNull(let nonNull): self = .nonNull(GraphQLType(nonNull.type))
        }
    }
}

/// An argument, an input-object field or a directive argument.
public struct GraphQLInputValue: Sendable, Hashable {
    public var name: String
    public var description: String?
    public var type: GraphQLType
    /// The default value as written in the SDL (a constant literal), if any.
    public var defaultValue: Value?
    public var deprecationReason: String?
    /// Where the value is defined in the SDL.
    public var loc: SourceRange?

    /// Creates an input value.
    public init(
        name: String,
        type: GraphQLType,
        description: String? = nil,
        defaultValue: Value? = nil,
        deprecationReason: String? = nil,
        loc: SourceRange? = nil
    ) {
        self.name = name
        self.description = description
        self.type = type
        self.defaultValue = defaultValue
        self.deprecationReason = deprecationReason
        self.loc = loc
    }
}

/// A field of an object or interface type.
public struct GraphQLField: Sendable, Hashable {
    public var name: String
    public var description: String?
    public var type: GraphQLType
    public var arguments: [GraphQLInputValue]
    public var deprecationReason: String?
    public var loc: SourceRange?

    /// Creates a field.
    public init(
        name: String,
        type: GraphQLType,
        description: String? = nil,
        arguments: [GraphQLInputValue] = [],
        deprecationReason: String? = nil,
        loc: SourceRange? = nil
    ) {
        self.name = name
        self.description = description
        self.type = type
        self.arguments = arguments
        self.deprecationReason = deprecationReason
        self.loc = loc
    }

    /// The argument with this name, if any.
    public func argument(_ name: String) -> GraphQLInputValue? {
        arguments.first { $0.name == name }
    }
}

/// A value of an enum type.
public struct GraphQLEnumValue: Sendable, Hashable {
    public var name: String
    public var description: String?
    public var deprecationReason: String?
    public var loc: SourceRange?

    /// Creates an enum value.
    public init(name: String, description: String? = nil, deprecationReason: String? = nil, loc: SourceRange? = nil) {
        self.name = name
        self.description = description
        self.deprecationReason = deprecationReason
        self.loc = loc
    }
}

/// A directive definition, built in or declared in the SDL.
public struct GraphQLDirective: Sendable, Hashable {
    public var name: String
    public var description: String?
    public var locations: [DirectiveLocation]
    public var arguments: [GraphQLInputValue]
    public var isRepeatable: Bool
    public var loc: SourceRange?

    /// Creates a directive definition.
    public init(
        name: String,
        description: String? = nil,
        locations: [DirectiveLocation],
        arguments: [GraphQLInputValue] = [],
        isRepeatable: Bool = false,
        loc: SourceRange? = nil
    ) {
        self.name = name
        self.description = description
        self.locations = locations
        self.arguments = arguments
        self.isRepeatable = isRepeatable
        self.loc = loc
    }

    /// The argument with this name, if any.
    public func argument(_ name: String) -> GraphQLInputValue? {
        arguments.first { $0.name == name }
    }
}

/// A scalar type: one of the five built-ins or a custom scalar.
public struct ScalarType: Sendable, Hashable {
    public var name: String
    public var description: String?
    public var specifiedByURL: String?
    public var loc: SourceRange?

    /// Creates a scalar type.
    public init(name: String, description: String? = nil, specifiedByURL: String? = nil, loc: SourceRange? = nil) {
        self.name = name
        self.description = description
        self.specifiedByURL = specifiedByURL
        self.loc = loc
    }
}

/// An object type or an interface type: named fields, possibly implementing interfaces.
public struct ObjectType: Sendable, Hashable {
    public var name: String
    public var description: String?
    /// The fields in definition order.
    public var fields: [GraphQLField]
    /// The names of the interfaces the type implements, in definition order.
    public var interfaces: [String]
    public var loc: SourceRange?
    private var index: [String: Int]

    /// Creates an object or interface type.
    public init(
        name: String,
        description: String? = nil,
        fields: [GraphQLField],
        interfaces: [String] = [],
        loc: SourceRange? = nil
    ) {
        self.name = name
        self.description = description
        self.fields = fields
        self.interfaces = interfaces
        self.loc = loc
        var index: [String: Int] = [:]
        for (i, field) in fields.enumerated() where index[field.name] == nil { index[field.name] = i }
        self.index = index
    }

    /// The field with this name, if any.
    public func field(_ name: String) -> GraphQLField? {
        index[name].map { fields[$0] }
    }
}

/// A union type: one of several object types.
public struct UnionType: Sendable, Hashable {
    public var name: String
    public var description: String?
    /// The member object type names, in definition order.
    public var types: [String]
    public var loc: SourceRange?

    /// Creates a union type.
    public init(name: String, description: String? = nil, types: [String], loc: SourceRange? = nil) {
        self.name = name
        self.description = description
        self.types = types
        self.loc = loc
    }
}

/// An enum type: a closed set of named values.
public struct EnumType: Sendable, Hashable {
    public var name: String
    public var description: String?
    /// The values in definition order.
    public var values: [GraphQLEnumValue]
    public var loc: SourceRange?
    private var index: [String: Int]

    /// Creates an enum type.
    public init(name: String, description: String? = nil, values: [GraphQLEnumValue], loc: SourceRange? = nil) {
        self.name = name
        self.description = description
        self.values = values
        self.loc = loc
        var index: [String: Int] = [:]
        for (i, value) in values.enumerated() where index[value.name] == nil { index[value.name] = i }
        self.index = index
    }

    /// The value with this name, if any.
    public func value(_ name: String) -> GraphQLEnumValue? {
        index[name].map { values[$0] }
    }
}

/// An input object type: named input fields; with `@oneOf`, exactly one of them must be given.
public struct InputObjectType: Sendable, Hashable {
    public var name: String
    public var description: String?
    /// The fields in definition order.
    public var fields: [GraphQLInputValue]
    public var isOneOf: Bool
    public var loc: SourceRange?
    private var index: [String: Int]

    /// Creates an input object type.
    public init(
        name: String,
        description: String? = nil,
        fields: [GraphQLInputValue],
        isOneOf: Bool = false,
        loc: SourceRange? = nil
    ) {
        self.name = name
        self.description = description
        self.fields = fields
        self.isOneOf = isOneOf
        self.loc = loc
        var index: [String: Int] = [:]
        for (i, field) in fields.enumerated() where index[field.name] == nil { index[field.name] = i }
        self.index = index
    }

    /// The field with this name, if any.
    public func field(_ name: String) -> GraphQLInputValue? {
        index[name].map { fields[$0] }
    }
}

/// A named type of a schema.
public enum GraphQLNamedType: Sendable, Hashable {
    case scalar(ScalarType)
    case object(ObjectType)
    case interface(ObjectType)
    case union(UnionType)
    case `enum`(EnumType)
    case inputObject(InputObjectType)

    /// The type's name.
    public var name: String {
        switch self {
        case .scalar(let t): t.name
        case .object(let t), .interface(let t): t.name
        case .union(let t): t.name
        case .enum(let t): t.name
        case .inputObject(let t): t.name
        }
    }

    /// The type's description, if any.
    public var description: String? {
        switch self {
        case .scalar(let t): t.description
        case .object(let t), .interface(let t): t.description
        case .union(let t): t.description
        case .enum(let t): t.description
        case .inputObject(let t): t.description
        }
    }

    /// Where the type is defined in the SDL (nil for built-ins).
    public var loc: SourceRange? {
        switch self {
        case .scalar(let t): t.loc
        case .object(let t), .interface(let t): t.loc
        case .union(let t): t.loc
        case .enum(let t): t.loc
        case .inputObject(let t): t.loc
        }
    }

    /// The introspection kind: `SCALAR`, `OBJECT`, `INTERFACE`, `UNION`, `ENUM` or `INPUT_OBJECT`.
    public var kind: String {
        switch self {
        case .scalar: "SCALAR"
        case .object: "OBJECT"
        case .interface: "INTERFACE"
        case .union: "UNION"
        case .enum: "ENUM"
        case .inputObject: "INPUT_OBJECT"
        }
    }

    /// The fields of an object or interface type (empty otherwise).
    public var fields: [GraphQLField] {
        switch self {
        case .object(let t), .interface(let t): t.fields
        default: []
        }
    }

    /// The field of an object or interface type with this name, if any.
    public func field(_ name: String) -> GraphQLField? {
        switch self {
        case .object(let t), .interface(let t): t.field(name)
        default: nil
        }
    }

    /// Scalars, enums and input objects may be used as inputs.
    public var isInputType: Bool {
        switch self {
        case .scalar, .enum, .inputObject: true
        default: false
        }
    }

    /// Everything but input objects may be used as outputs.
    public var isOutputType: Bool {
        if case .inputObject = self { return false }
        return true
    }

    /// Scalars and enums are leaves.
    public var isLeafType: Bool {
        switch self {
        case .scalar, .enum: true
        default: false
        }
    }

    /// Objects, interfaces and unions have selection sets.
    public var isCompositeType: Bool {
        switch self {
        case .object, .interface, .union: true
        default: false
        }
    }

    /// Interfaces and unions are abstract.
    public var isAbstractType: Bool {
        switch self {
        case .interface, .union: true
        default: false
        }
    }
}
