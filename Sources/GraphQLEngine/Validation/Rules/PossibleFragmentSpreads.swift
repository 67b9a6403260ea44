extension ValidationRule {
    /// Fragment Spread Is Possible: a fragment's type condition can apply to some object of the
    /// parent type. See https://spec.graphql.org/October2021/#sec-Fragment-spread-is-possible
    public static let possibleFragmentSpreads = ValidationRule(name: "PossibleFragmentSpreads") { context in
        var visitor = ValidationVisitor()
        visitor.enterInlineFragment = { fragment in
            guard let fragmentType = context.typeInfo.type.flatMap(context.schema.namedType),
                fragmentType.isCompositeType,
                let parentType = context.typeInfo.parentType,
                !doTypesOverlap(context.schema, fragmentType, parentType)
            else { return }
            context.report(
                "Fragment cannot be spread here as objects of type \"\(parentType.name)\" "
                    + "can never be of type \"\(fragmentType.name)\".",
                fragment.loc
            )
        }
        visitor.enterFragmentSpread = { spread in
            let name = spread.name.value
            guard let fragment = context.fragments[name],
                let fragmentType = context.schema.type(named: fragment.typeCondition.name.value),
                fragmentType.isCompositeType,
                let parentType = context.typeInfo.parentType,
                !doTypesOverlap(context.schema, fragmentType, parentType)
            else { return }
            context.report(
                "Fragment \"\(name)\" cannot be spread here as objects of type \"\(parentType.name)\" "
                    + "can never be of type \"\(fragmentType.name)\".",
                spread.loc
            )
        }
        return visitor
    }
}

/// Whether some object type belongs to both composite types (graphql-js `doTypesOverlap`).
private func doTypesOverlap(_ schema: Schema, _ typeA: GraphQLNamedType, _ typeB: GraphQLNamedType) -> Bool {
    if typeA.name == typeB.name { return true }
    if typeA.isAbstractType {
        if typeB.isAbstractType {
            return schema.possibleTypes(of: typeA.name).contains { schema.isSubType(typeB.name, $0) }
        }
        return schema.isSubType(typeA.name, typeB.name)
    }
    if typeB.isAbstractType { return schema.isSubType(typeB.name, typeA.name) }
    return false
}
