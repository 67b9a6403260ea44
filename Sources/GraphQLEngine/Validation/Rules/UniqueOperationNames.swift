extension ValidationRule {
    /// Operation Name Uniqueness: no two operations share a name.
    /// See https://spec.graphql.org/October2021/#sec-Operation-Name-Uniqueness
    public static let uniqueOperationNames = ValidationRule(name: "UniqueOperationNames") { context in
        var known: [String: Name] = [:]
        var visitor = ValidationVisitor()
        visitor.enterOperation = { operation in
            guard let name = operation.name else { return }
            if let first = known[name.value] {
                context.report("There can be only one operation named \"\(name.value)\".", [first.loc, name.loc])
            } else {
                known[name.value] = name
            }
        }
        return visitor
    }
}
