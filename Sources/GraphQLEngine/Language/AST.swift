// The GraphQL abstract syntax tree, shaped like graphql-js `src/language/ast.ts`.
// Every node is a value type and carries `loc`, its extent in the source
// (`nil` when parsed with `ParseOptions.noLocation` or built by hand).

/// A name: `[_A-Za-z][_0-9A-Za-z]*`.
public struct Name: Sendable, Hashable {
    public var value: String
    public var loc: SourceRange?

    public init(_ value: String, loc: SourceRange? = nil) {
        self.value = value
        self.loc = loc
    }
}

// MARK: - Document

/// A whole GraphQL document: executable definitions, type-system definitions or both.
public struct Document: Sendable, Hashable {
    public var definitions: [Definition]
    public var loc: SourceRange?

    public init(definitions: [Definition], loc: SourceRange? = nil) {
        self.definitions = definitions
        self.loc = loc
    }
}

/// A top-level definition of a document.
public enum Definition: Sendable, Hashable {
    // Executable definitions.
    case operation(OperationDefinition)
    case fragment(FragmentDefinition)
    // Type-system definitions.
    case schema(SchemaDefinition)
    case scalarType(ScalarTypeDefinition)
    case objectType(ObjectTypeDefinition)
    case interfaceType(InterfaceTypeDefinition)
    case unionType(UnionTypeDefinition)
    case enumType(EnumTypeDefinition)
    case inputObjectType(InputObjectTypeDefinition)
    case directive(DirectiveDefinition)
    // Type-system extensions.
    case schemaExtension(SchemaExtension)
    case scalarTypeExtension(ScalarTypeExtension)
    case objectTypeExtension(ObjectTypeExtension)
    case interfaceTypeExtension(InterfaceTypeExtension)
    case unionTypeExtension(UnionTypeExtension)
    case enumTypeExtension(EnumTypeExtension)
    case inputObjectTypeExtension(InputObjectTypeExtension)

    /// The definition's source extent.
    public var loc: SourceRange? {
        switch self {
        case .operation(let node): node.loc
        case .fragment(let node): node.loc
        case .schema(let node): node.loc
        case .scalarType(let node): node.loc
        case .objectType(let node): node.loc
        case .interfaceType(let node): node.loc
        case .unionType(let node): node.loc
        case .enumType(let node): node.loc
        case .inputObjectType(let node): node.loc
        case .directive(let node): node.loc
        case .schemaExtension(let node): node.loc
        case .scalarTypeExtension(let node): node.loc
        case .objectTypeExtension(let node): node.loc
        case .interfaceTypeExtension(let node): node.loc
        case .unionTypeExtension(let node): node.loc
        case .enumTypeExtension(let node): node.loc
        case .inputObjectTypeExtension(let node): node.loc
        }
    }
}

// MARK: - Executable definitions

/// The three kinds of operation.
public enum OperationType: String, Sendable, Hashable {
    case query
    case mutation
    case subscription
}

/// `query Name($v: T) @dir { … }`, or the shorthand `{ … }`.
public struct OperationDefinition: Sendable, Hashable {
    public var operation: OperationType
    public var name: Name?
    public var variableDefinitions: [VariableDefinition]
    public var directives: [Directive]
    public var selectionSet: SelectionSet
    public var loc: SourceRange?

    public init(
        operation: OperationType,
        name: Name? = nil,
        variableDefinitions: [VariableDefinition] = [],
        directives: [Directive] = [],
        selectionSet: SelectionSet,
        loc: SourceRange? = nil
    ) {
        self.operation = operation
        self.name = name
        self.variableDefinitions = variableDefinitions
        self.directives = directives
        self.selectionSet = selectionSet
        self.loc = loc
    }
}

/// `$name: Type = default @dir`.
public struct VariableDefinition: Sendable, Hashable {
    public var variable: Variable
    public var type: TypeReference
    public var defaultValue: Value?
    public var directives: [Directive]
    public var loc: SourceRange?

    public init(
        variable: Variable,
        type: TypeReference,
        defaultValue: Value? = nil,
        directives: [Directive] = [],
        loc: SourceRange? = nil
    ) {
        self.variable = variable
        self.type = type
        self.defaultValue = defaultValue
        self.directives = directives
        self.loc = loc
    }
}

/// `$name`.
public struct Variable: Sendable, Hashable {
    public var name: Name
    public var loc: SourceRange?

    public init(name: Name, loc: SourceRange? = nil) {
        self.name = name
        self.loc = loc
    }
}

/// `{ selection … }`.
public struct SelectionSet: Sendable, Hashable {
    public var selections: [Selection]
    public var loc: SourceRange?

    public init(selections: [Selection], loc: SourceRange? = nil) {
        self.selections = selections
        self.loc = loc
    }
}

/// One entry of a selection set.
public enum Selection: Sendable, Hashable {
    case field(Field)
    case fragmentSpread(FragmentSpread)
    case inlineFragment(InlineFragment)

    /// The selection's source extent.
    public var loc: SourceRange? {
        switch self {
        case .field(let node): node.loc
        case .fragmentSpread(let node): node.loc
        case .inlineFragment(let node): node.loc
        }
    }
}

/// `alias: name(arg: value) @dir { … }`.
public struct Field: Sendable, Hashable {
    public var alias: Name?
    public var name: Name
    public var arguments: [Argument]
    public var directives: [Directive]
    public var selectionSet: SelectionSet?
    public var loc: SourceRange?

    public init(
        alias: Name? = nil,
        name: Name,
        arguments: [Argument] = [],
        directives: [Directive] = [],
        selectionSet: SelectionSet? = nil,
        loc: SourceRange? = nil
    ) {
        self.alias = alias
        self.name = name
        self.arguments = arguments
        self.directives = directives
        self.selectionSet = selectionSet
        self.loc = loc
    }

    /// The key of this field in the response: the alias if any, else the name.
    public var responseKey: String { alias?.value ?? name.value }
}

/// `name: value`, in a field or directive.
public struct Argument: Sendable, Hashable {
    public var name: Name
    public var value: Value
    public var loc: SourceRange?

    public init(name: Name, value: Value, loc: SourceRange? = nil) {
        self.name = name
        self.value = value
        self.loc = loc
    }
}

/// `...Name @dir`.
public struct FragmentSpread: Sendable, Hashable {
    public var name: Name
    public var directives: [Directive]
    public var loc: SourceRange?

    public init(name: Name, directives: [Directive] = [], loc: SourceRange? = nil) {
        self.name = name
        self.directives = directives
        self.loc = loc
    }
}

/// `... on Type @dir { … }` (the type condition is optional).
public struct InlineFragment: Sendable, Hashable {
    public var typeCondition: NamedType?
    public var directives: [Directive]
    public var selectionSet: SelectionSet
    public var loc: SourceRange?

    public init(
        typeCondition: NamedType? = nil,
        directives: [Directive] = [],
        selectionSet: SelectionSet,
        loc: SourceRange? = nil
    ) {
        self.typeCondition = typeCondition
        self.directives = directives
        self.selectionSet = selectionSet
        self.loc = loc
    }
}

/// `fragment Name on Type @dir { … }`.
public struct FragmentDefinition: Sendable, Hashable {
    public var name: Name
    public var typeCondition: NamedType
    public var directives: [Directive]
    public var selectionSet: SelectionSet
    public var loc: SourceRange?

    public init(
        name: Name,
        typeCondition: NamedType,
        directives: [Directive] = [],
        selectionSet: SelectionSet,
        loc: SourceRange? = nil
    ) {
        self.name = name
        self.typeCondition = typeCondition
        self.directives = directives
        self.selectionSet = selectionSet
        self.loc = loc
    }
}

// MARK: - Values

/// An input value literal.
public enum Value: Sendable, Hashable {
    case variable(Variable)
    case int(IntValue)
    case float(FloatValue)
    case string(StringValue)
    case boolean(BooleanValue)
    case null(NullValue)
    case enumValue(EnumValue)
    case list(ListValue)
    case object(ObjectValue)

    /// The value's source extent.
    public var loc: SourceRange? {
        switch self {
        case .variable(let node): node.loc
        case .int(let node): node.loc
        case .float(let node): node.loc
        case .string(let node): node.loc
        case .boolean(let node): node.loc
        case .null(let node): node.loc
        case .enumValue(let node): node.loc
        case .list(let node): node.loc
        case .object(let node): node.loc
        }
    }
}

/// An integer literal, kept as its source text (e.g. `-12`).
public struct IntValue: Sendable, Hashable {
    public var value: String
    public var loc: SourceRange?

    public init(_ value: String, loc: SourceRange? = nil) {
        self.value = value
        self.loc = loc
    }
}

/// A float literal, kept as its source text (e.g. `1.5e-3`).
public struct FloatValue: Sendable, Hashable {
    public var value: String
    public var loc: SourceRange?

    public init(_ value: String, loc: SourceRange? = nil) {
        self.value = value
        self.loc = loc
    }
}

/// A string literal: its decoded value, and whether it was written as a block string (`"""…"""`).
public struct StringValue: Sendable, Hashable {
    public var value: String
    public var block: Bool
    public var loc: SourceRange?

    public init(_ value: String, block: Bool = false, loc: SourceRange? = nil) {
        self.value = value
        self.block = block
        self.loc = loc
    }
}

/// `true` or `false`.
public struct BooleanValue: Sendable, Hashable {
    public var value: Bool
    public var loc: SourceRange?

    public init(_ value: Bool, loc: SourceRange? = nil) {
        self.value = value
        self.loc = loc
    }
}

/// `null`.
public struct NullValue: Sendable, Hashable {
    public var loc: SourceRange?

    public init(loc: SourceRange? = nil) {
        self.loc = loc
    }
}

/// An enum value literal: a name other than `true`, `false` and `null`.
public struct EnumValue: Sendable, Hashable {
    public var value: String
    public var loc: SourceRange?

    public init(_ value: String, loc: SourceRange? = nil) {
        self.value = value
        self.loc = loc
    }
}

/// `[value, …]`.
public struct ListValue: Sendable, Hashable {
    public var values: [Value]
    public var loc: SourceRange?

    public init(_ values: [Value], loc: SourceRange? = nil) {
        self.values = values
        self.loc = loc
    }
}

/// `{name: value, …}`.
public struct ObjectValue: Sendable, Hashable {
    public var fields: [ObjectField]
    public var loc: SourceRange?

    public init(_ fields: [ObjectField], loc: SourceRange? = nil) {
        self.fields = fields
        self.loc = loc
    }
}

/// `name: value` inside an object literal.
public struct ObjectField: Sendable, Hashable {
    public var name: Name
    public var value: Value
    public var loc: SourceRange?

    public init(name: Name, value: Value, loc: SourceRange? = nil) {
        self.name = name
        self.value = value
        self.loc = loc
    }
}

// MARK: - Directives and types

/// `@name(arg: value)`.
public struct Directive: Sendable, Hashable {
    public var name: Name
    public var arguments: [Argument]
    public var loc: SourceRange?

    public init(name: Name, arguments: [Argument] = [], loc: SourceRange? = nil) {
        self.name = name
        self.arguments = arguments
        self.loc = loc
    }
}

/// A type reference: `Name`, `[Type]` or `Type!` (only the wrapping cases are boxed).
public enum TypeReference: Sendable, Hashable {
    case named(NamedType)
    indirect case list(ListType)
    indirect case nonNull(NonNullType)

    /// The type's source extent.
    public var loc: SourceRange? {
        switch self {
        case .named(let node): node.loc
        case .list(let node): node.loc
        case .nonNull(let node): node.loc
        }
    }

    /// The named type at the core of the reference (`T` for `[T!]!`).
    public var namedType: NamedType {
        switch self {
        case .named(let node): node
        case .list(let node): node.type.namedType
        case .nonNull(let node): node.type.namedType
        }
    }
}

/// A type referred to by name.
public struct NamedType: Sendable, Hashable {
    public var name: Name
    public var loc: SourceRange?

    public init(name: Name, loc: SourceRange? = nil) {
        self.name = name
        self.loc = loc
    }
}

/// `[Type]`.
public struct ListType: Sendable, Hashable {
    public var type: TypeReference
    public var loc: SourceRange?

    public init(type: TypeReference, loc: SourceRange? = nil) {
        self.type = type
        self.loc = loc
    }
}

/// `Type!` (the inner type is never itself non-null).
public struct NonNullType: Sendable, Hashable {
    public var type: TypeReference
    public var loc: SourceRange?

    public init(type: TypeReference, loc: SourceRange? = nil) {
        self.type = type
        self.loc = loc
    }
}

// MARK: - Type-system definitions

/// `"description" schema @dir { query: Query … }`.
public struct SchemaDefinition: Sendable, Hashable {
    public var description: StringValue?
    public var directives: [Directive]
    public var operationTypes: [OperationTypeDefinition]
    public var loc: SourceRange?

    public init(
        description: StringValue? = nil,
        directives: [Directive] = [],
        operationTypes: [OperationTypeDefinition],
        loc: SourceRange? = nil
    ) {
        self.description = description
        self.directives = directives
        self.operationTypes = operationTypes
        self.loc = loc
    }
}

/// `query: Query` inside `schema { … }`.
public struct OperationTypeDefinition: Sendable, Hashable {
    public var operation: OperationType
    public var type: NamedType
    public var loc: SourceRange?

    public init(operation: OperationType, type: NamedType, loc: SourceRange? = nil) {
        self.operation = operation
        self.type = type
        self.loc = loc
    }
}

/// `"description" scalar Name @dir`.
public struct ScalarTypeDefinition: Sendable, Hashable {
    public var description: StringValue?
    public var name: Name
    public var directives: [Directive]
    public var loc: SourceRange?

    public init(description: StringValue? = nil, name: Name, directives: [Directive] = [], loc: SourceRange? = nil) {
        self.description = description
        self.name = name
        self.directives = directives
        self.loc = loc
    }
}

/// `"description" type Name implements A & B @dir { fields }`.
public struct ObjectTypeDefinition: Sendable, Hashable {
    public var description: StringValue?
    public var name: Name
    public var interfaces: [NamedType]
    public var directives: [Directive]
    public var fields: [FieldDefinition]
    public var loc: SourceRange?

    public init(
        description: StringValue? = nil,
        name: Name,
        interfaces: [NamedType] = [],
        directives: [Directive] = [],
        fields: [FieldDefinition] = [],
        loc: SourceRange? = nil
    ) {
        self.description = description
        self.name = name
        self.interfaces = interfaces
        self.directives = directives
        self.fields = fields
        self.loc = loc
    }
}

/// `"description" name(args): Type @dir`, inside an object or interface type.
public struct FieldDefinition: Sendable, Hashable {
    public var description: StringValue?
    public var name: Name
    public var arguments: [InputValueDefinition]
    public var type: TypeReference
    public var directives: [Directive]
    public var loc: SourceRange?

    public init(
        description: StringValue? = nil,
        name: Name,
        arguments: [InputValueDefinition] = [],
        type: TypeReference,
        directives: [Directive] = [],
        loc: SourceRange? = nil
    ) {
        self.description = description
        self.name = name
        self.arguments = arguments
        self.type = type
        self.directives = directives
        self.loc = loc
    }
}

/// `"description" name: Type = default @dir`: an argument or an input object field.
public struct InputValueDefinition: Sendable, Hashable {
    public var description: StringValue?
    public var name: Name
    public var type: TypeReference
    public var defaultValue: Value?
    public var directives: [Directive]
    public var loc: SourceRange?

    public init(
        description: StringValue? = nil,
        name: Name,
        type: TypeReference,
        defaultValue: Value? = nil,
        directives: [Directive] = [],
        loc: SourceRange? = nil
    ) {
        self.description = description
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.directives = directives
        self.loc = loc
    }
}

/// `"description" interface Name implements A & B @dir { fields }`.
public struct InterfaceTypeDefinition: Sendable, Hashable {
    public var description: StringValue?
    public var name: Name
    public var interfaces: [NamedType]
    public var directives: [Directive]
    public var fields: [FieldDefinition]
    public var loc: SourceRange?

    public init(
        description: StringValue? = nil,
        name: Name,
        interfaces: [NamedType] = [],
        directives: [Directive] = [],
        fields: [FieldDefinition] = [],
        loc: SourceRange? = nil
    ) {
        self.description = description
        self.name = name
        self.interfaces = interfaces
        self.directives = directives
        self.fields = fields
        self.loc = loc
    }
}

/// `"description" union Name @dir = A | B`.
public struct UnionTypeDefinition: Sendable, Hashable {
    public var description: StringValue?
    public var name: Name
    public var directives: [Directive]
    public var types: [NamedType]
    public var loc: SourceRange?

    public init(
        description: StringValue? = nil,
        name: Name,
        directives: [Directive] = [],
        types: [NamedType] = [],
        loc: SourceRange? = nil
    ) {
        self.description = description
        self.name = name
        self.directives = directives
        self.types = types
        self.loc = loc
    }
}

/// `"description" enum Name @dir { VALUES }`.
public struct EnumTypeDefinition: Sendable, Hashable {
    public var description: StringValue?
    public var name: Name
    public var directives: [Directive]
    public var values: [EnumValueDefinition]
    public var loc: SourceRange?

    public init(
        description: StringValue? = nil,
        name: Name,
        directives: [Directive] = [],
        values: [EnumValueDefinition] = [],
        loc: SourceRange? = nil
    ) {
        self.description = description
        self.name = name
        self.directives = directives
        self.values = values
        self.loc = loc
    }
}

/// `"description" VALUE @dir`, inside an enum type.
public struct EnumValueDefinition: Sendable, Hashable {
    public var description: StringValue?
    public var name: Name
    public var directives: [Directive]
    public var loc: SourceRange?

    public init(description: StringValue? = nil, name: Name, directives: [Directive] = [], loc: SourceRange? = nil) {
        self.description = description
        self.name = name
        self.directives = directives
        self.loc = loc
    }
}

/// `"description" input Name @dir { fields }`.
public struct InputObjectTypeDefinition: Sendable, Hashable {
    public var description: StringValue?
    public var name: Name
    public var directives: [Directive]
    public var fields: [InputValueDefinition]
    public var loc: SourceRange?

    public init(
        description: StringValue? = nil,
        name: Name,
        directives: [Directive] = [],
        fields: [InputValueDefinition] = [],
        loc: SourceRange? = nil
    ) {
        self.description = description
        self.name = name
        self.directives = directives
        self.fields = fields
        self.loc = loc
    }
}

/// `"description" directive @name(args) repeatable on LOCATION | …`.
public struct DirectiveDefinition: Sendable, Hashable {
    public var description: StringValue?
    public var name: Name
    public var arguments: [InputValueDefinition]
    public var repeatable: Bool
    /// The locations as written (`QUERY`, `FIELD_DEFINITION`, …); the parser checks they are valid.
    public var locations: [Name]
    public var loc: SourceRange?

    public init(
        description: StringValue? = nil,
        name: Name,
        arguments: [InputValueDefinition] = [],
        repeatable: Bool = false,
        locations: [Name],
        loc: SourceRange? = nil
    ) {
        self.description = description
        self.name = name
        self.arguments = arguments
        self.repeatable = repeatable
        self.locations = locations
        self.loc = loc
    }
}

// MARK: - Type-system extensions

/// `extend schema @dir { mutation: Mutation }`.
public struct SchemaExtension: Sendable, Hashable {
    public var directives: [Directive]
    public var operationTypes: [OperationTypeDefinition]
    public var loc: SourceRange?

    public init(directives: [Directive] = [], operationTypes: [OperationTypeDefinition] = [], loc: SourceRange? = nil) {
        self.directives = directives
        self.operationTypes = operationTypes
        self.loc = loc
    }
}

/// `extend scalar Name @dir`.
public struct ScalarTypeExtension: Sendable, Hashable {
    public var name: Name
    public var directives: [Directive]
    public var loc: SourceRange?

    public init(name: Name, directives: [Directive] = [], loc: SourceRange? = nil) {
        self.name = name
        self.directives = directives
        self.loc = loc
    }
}

/// `extend type Name implements A @dir { fields }`.
public struct ObjectTypeExtension: Sendable, Hashable {
    public var name: Name
    public var interfaces: [NamedType]
    public var directives: [Directive]
    public var fields: [FieldDefinition]
    public var loc: SourceRange?

    public init(
        name: Name,
        interfaces: [NamedType] = [],
        directives: [Directive] = [],
        fields: [FieldDefinition] = [],
        loc: SourceRange? = nil
    ) {
        self.name = name
        self.interfaces = interfaces
        self.directives = directives
        self.fields = fields
        self.loc = loc
    }
}

/// `extend interface Name implements A @dir { fields }`.
public struct InterfaceTypeExtension: Sendable, Hashable {
    public var name: Name
    public var interfaces: [NamedType]
    public var directives: [Directive]
    public var fields: [FieldDefinition]
    public var loc: SourceRange?

    public init(
        name: Name,
        interfaces: [NamedType] = [],
        directives: [Directive] = [],
        fields: [FieldDefinition] = [],
        loc: SourceRange? = nil
    ) {
        self.name = name
        self.interfaces = interfaces
        self.directives = directives
        self.fields = fields
        self.loc = loc
    }
}

/// `extend union Name @dir = A | B`.
public struct UnionTypeExtension: Sendable, Hashable {
    public var name: Name
    public var directives: [Directive]
    public var types: [NamedType]
    public var loc: SourceRange?

    public init(name: Name, directives: [Directive] = [], types: [NamedType] = [], loc: SourceRange? = nil) {
        self.name = name
        self.directives = directives
        self.types = types
        self.loc = loc
    }
}

/// `extend enum Name @dir { VALUES }`.
public struct EnumTypeExtension: Sendable, Hashable {
    public var name: Name
    public var directives: [Directive]
    public var values: [EnumValueDefinition]
    public var loc: SourceRange?

    public init(name: Name, directives: [Directive] = [], values: [EnumValueDefinition] = [], loc: SourceRange? = nil) {
        self.name = name
        self.directives = directives
        self.values = values
        self.loc = loc
    }
}

/// `extend input Name @dir { fields }`.
public struct InputObjectTypeExtension: Sendable, Hashable {
    public var name: Name
    public var directives: [Directive]
    public var fields: [InputValueDefinition]
    public var loc: SourceRange?

    public init(
        name: Name,
        directives: [Directive] = [],
        fields: [InputValueDefinition] = [],
        loc: SourceRange? = nil
    ) {
        self.name = name
        self.directives = directives
        self.fields = fields
        self.loc = loc
    }
}
