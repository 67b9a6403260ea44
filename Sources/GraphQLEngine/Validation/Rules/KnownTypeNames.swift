extension ValidationRule {
    /// Fragment Spread Type Existence (and the types of variables): every named type exists in
    /// the schema. See https://spec.graphql.org/October2021/#sec-Fragment-Spread-Type-Existence
    public static let knownTypeNames = ValidationRule(name: "KnownTypeNames") { context in
        var visitor = ValidationVisitor()
        visitor.enterNamedType = { node in
            let name = node.name.value
            if context.schema.type(named: name) != nil { return }
            let suggestions = suggestionList(name, options: context.schema.typeNames)
            context.report("Unknown type \"\(name)\"." + didYouMean(suggestions), node.loc)
        }
        return visitor
    }
}
