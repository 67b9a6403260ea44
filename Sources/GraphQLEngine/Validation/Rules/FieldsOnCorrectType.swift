extension ValidationRule {
    /// Field Selections: every selected field is defined on the parent type (or is a meta field
    /// such as `__typename`). See https://spec.graphql.org/October2021/#sec-Field-Selections
    public static let fieldsOnCorrectType = ValidationRule(name: "FieldsOnCorrectType") { context in
        var visitor = ValidationVisitor()
        visitor.enterField = { field in
            guard let parentType = context.typeInfo.parentType, context.typeInfo.fieldDef == nil else { return }
            let name = field.name.value
            // Types to condition on first; failing those, perhaps a typo.
            var suggestion = didYouMean(
                suggestedTypeNames(context.schema, parentType, name),
                subMessage: "to use an inline fragment on"
            )
            if suggestion.isEmpty {
                suggestion = didYouMean(suggestionList(name, options: parentType.fields.map(\.name)))
            }
            context.report("Cannot query field \"\(name)\" on type \"\(parentType.name)\"." + suggestion, field.loc)
        }
        return visitor
    }
}

/// The types under an abstract type that define `fieldName`, the most referenced first, super
/// types before their subtypes (graphql-js `getSuggestedTypeNames`).
private func suggestedTypeNames(_ schema: Schema, _ type: GraphQLNamedType, _ fieldName: String) -> [String] {
    guard type.isAbstractType else { return [] }
    var suggested: [String] = []
    var usageCount: [String: Int] = [:]
    for possibleType in schema.possibleTypes(of: type.name) {
        guard let object = schema.type(named: possibleType), object.field(fieldName) != nil else { continue }
        if usageCount[possibleType] == nil { suggested.append(possibleType) }
        usageCount[possibleType] = 1
        for interface in object.interfaceNames {
            guard schema.type(named: interface)?.field(fieldName) != nil else { continue }
            if usageCount[interface] == nil { suggested.append(interface) }
            usageCount[interface, default: 0] += 1
        }
    }
    func compare(_ a: String, _ b: String) -> Int {
        let difference = usageCount[b]! - usageCount[a]!
        if difference != 0 { return difference }
        if schema.type(named: a)?.isInterfaceType == true && schema.isSubType(a, b) { return -1 }
        if schema.type(named: b)?.isInterfaceType == true && schema.isSubType(b, a) { return 1 }
        return naturalCompare(a, b)
    }
    return suggested.sorted { compare($0, $1) < 0 }
}
