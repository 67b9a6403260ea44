extension ValidationRule {
    /// Argument Uniqueness: a field or directive receives each argument once.
    /// See https://spec.graphql.org/October2021/#sec-Argument-Uniqueness
    public static let uniqueArgumentNames = ValidationRule(name: "UniqueArgumentNames") { context in
        func check(_ arguments: [Argument]) {
            for (name, nodes) in duplicates(arguments.map(\.name)) {
                context.report("There can be only one argument named \"\(name)\".", nodes.map(\.loc))
            }
        }
        var visitor = ValidationVisitor()
        visitor.enterField = { field in check(field.arguments) }
        visitor.enterDirective = { directive, _ in check(directive.arguments) }
        return visitor
    }
}
