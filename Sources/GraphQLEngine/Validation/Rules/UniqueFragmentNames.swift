extension ValidationRule {
    /// Fragment Name Uniqueness: no two fragments share a name.
    /// See https://spec.graphql.org/October2021/#sec-Fragment-Name-Uniqueness
    public static let uniqueFragmentNames = ValidationRule(name: "UniqueFragmentNames") { context in
        var known: [String: Name] = [:]
        var visitor = ValidationVisitor()
        visitor.enterFragmentDefinition = { fragment in
            let name = fragment.name
            if let first = known[name.value] {
                context.report("There can be only one fragment named \"\(name.value)\".", [first.loc, name.loc])
            } else {
                known[name.value] = name
            }
        }
        return visitor
    }
}
