extension ValidationRule {
    /// Fragments On Composite Types: type conditions name objects, interfaces or unions.
    /// See https://spec.graphql.org/October2021/#sec-Fragments-On-Composite-Types
    public static let fragmentsOnCompositeTypes = ValidationRule(name: "FragmentsOnCompositeTypes") { context in
        func isNonComposite(_ condition: NamedType) -> Bool {
            guard let type = context.schema.type(named: condition.name.value) else { return false }
            return !type.isCompositeType
        }
        var visitor = ValidationVisitor()
        visitor.enterInlineFragment = { fragment in
            guard let condition = fragment.typeCondition, isNonComposite(condition) else { return }
            context.report(
                "Fragment cannot condition on non composite type \"\(condition.name.value)\".",
                condition.loc
            )
        }
        visitor.enterFragmentDefinition = { fragment in
            let condition = fragment.typeCondition
            guard isNonComposite(condition) else { return }
            context.report(
                "Fragment \"\(fragment.name.value)\" cannot condition on non composite type \"\(condition.name.value)\".",
                condition.loc
            )
        }
        return visitor
    }
}
