extension ValidationRule {
    /// Variable Uniqueness: an operation defines each variable once.
    /// See https://spec.graphql.org/October2021/#sec-Variable-Uniqueness
    public static let uniqueVariableNames = ValidationRule(name: "UniqueVariableNames") { context in
        var visitor = ValidationVisitor()
        visitor.enterOperation = { operation in
            for (name, nodes) in duplicates(operation.variableDefinitions.map(\.variable.name)) {
                context.report("There can be only one variable named \"$\(name)\".", nodes.map(\.loc))
            }
        }
        return visitor
    }
}
