// Lookups over the type system that validation needs, as graphql-js spells them
// (`getFieldDef`, `isInputType`, `parseLiteral` of the built-in scalars and enums, …).

extension Schema {
    /// The definition of a field selected on `parentType`, meta fields included: `__typename` on
    /// every composite type, `__schema` and `__type` on the query type (graphql-js `getFieldDef`).
    func fieldDefinition(on parentType: GraphQLNamedType, _ name: String) -> GraphQLField? {
        switch name {
        case "__typename" where parentType.isCompositeType:
            return typeNameMetaField
        case "__schema" where parentType.name == queryTypeName:
            return schemaMetaField
        case "__type" where parentType.name == queryTypeName:
            return typeMetaField
        default:
            return parentType.field(name)
        }
    }

    /// Whether values of this type may be inputs (its named type is a scalar, enum or input object).
    func isInputType(_ type: GraphQLType) -> Bool {
        namedType(type)?.isInputType ?? false
    }

    /// Whether the named type of this type is a scalar or an enum.
    func isLeafType(_ type: GraphQLType) -> Bool {
        namedType(type)?.isLeafType ?? false
    }
}

private let typeNameMetaField = GraphQLField(name: "__typename", type: .nonNull(.named("String")))
private let schemaMetaField = GraphQLField(name: "__schema", type: .nonNull(.named("__Schema")))
private let typeMetaField = GraphQLField(
    name: "__type",
    type: .named("__Type"),
    arguments: [GraphQLInputValue(name: "name", type: .nonNull(.named("String")))]
)

extension GraphQLType {
    /// The item type of a list type (`nil` for other types; a non-null list is not a list).
    var listItemType: GraphQLType? {
        if case .list(let item) = self { return item }
        return nil
    }
}

extension GraphQLNamedType {
    var isObjectType: Bool {
        if case .object = self { return true }
        return false
    }

    var isInterfaceType: Bool {
        if case .interface = self { return true }
        return false
    }

    /// The input object type, if this is one.
    var inputObject: InputObjectType? {
        if case .inputObject(let type) = self { return type }
        return nil
    }

    /// The interfaces an object or interface type implements.
    var interfaceNames: [String] {
        switch self {
        case .object(let type), .interface(let type): type.interfaces
        default: []
        }
    }
}

extension GraphQLInputValue {
    /// Whether an argument or input field must be given: non-null without a default value.
    var isRequired: Bool { type.isNonNull && defaultValue == nil }
}

/// The error a leaf type reports for a literal it cannot represent, worded as graphql-js's
/// `parseLiteral` words it, or `nil` when the literal is valid. Custom scalars accept any literal.
func literalError(_ type: GraphQLNamedType, _ value: Value) -> String? {
    switch type {
    case .enum(let enumType):
        guard case .enumValue(let node) = value else {
            let printed = printAST(value)
            return "Enum \"\(enumType.name)\" cannot represent non-enum value: \(printed)."
                + didYouMeanEnumValue(enumType, printed)
        }
        if enumType.value(node.value) != nil { return nil }
        return "Value \"\(node.value)\" does not exist in \"\(enumType.name)\" enum."
            + didYouMeanEnumValue(enumType, node.value)
    case .scalar(let scalar):
        switch (scalar.name, value) {
        case ("Int", .int(let node)):
            if Int32(node.value) != nil { return nil }
            return "Int cannot represent non 32-bit signed integer value: \(node.value)"
        case ("Int", _):
            return "Int cannot represent non-integer value: \(printAST(value))"
        case ("Float", .int), ("Float", .float):
            return nil
        case ("Float", _):
            return "Float cannot represent non numeric value: \(printAST(value))"
        case ("String", .string):
            return nil
        case ("String", _):
            return "String cannot represent a non string value: \(printAST(value))"
        case ("Boolean", .boolean):
            return nil
        case ("Boolean", _):
            return "Boolean cannot represent a non boolean value: \(printAST(value))"
        case ("ID", .string), ("ID", .int):
            return nil
        case ("ID", _):
            return "ID cannot represent a non-string and non-integer value: \(printAST(value))"
        default:
            return nil
        }
    default:
        return nil
    }
}

private func didYouMeanEnumValue(_ type: EnumType, _ unknown: String) -> String {
    didYouMean(suggestionList(unknown, options: type.values.map(\.name)), subMessage: "the enum value")
}
