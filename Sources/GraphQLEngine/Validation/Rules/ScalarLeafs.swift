extension ValidationRule {
    /// Leaf Field Selections: scalar and enum fields have no selection set; other fields have one.
    /// See https://spec.graphql.org/October2021/#sec-Leaf-Field-Selections
    public static let scalarLeafs = ValidationRule(name: "ScalarLeafs") { context in
        var visitor = ValidationVisitor()
        visitor.enterField = { field in
            guard let type = context.typeInfo.type else { return }
            let name = field.name.value
            if context.schema.isLeafType(type) {
                if let selectionSet = field.selectionSet {
                    context.report(
                        "Field \"\(name)\" must not have a selection since type \"\(type)\" has no subfields.",
                        selectionSet.loc
                    )
                }
            } else if field.selectionSet == nil {
                context.report(
                    "Field \"\(name)\" of type \"\(type)\" must have a selection of subfields."
                        + " Did you mean \"\(name) { ... }\"?",
                    field.loc
                )
            }
        }
        return visitor
    }
}
