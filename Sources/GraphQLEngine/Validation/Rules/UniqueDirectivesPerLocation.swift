extension ValidationRule {
    /// Directives Are Unique Per Location: a non-repeatable directive appears at most once on a node.
    /// See https://spec.graphql.org/October2021/#sec-Directives-Are-Unique-Per-Location
    public static let uniqueDirectivesPerLocation = ValidationRule(name: "UniqueDirectivesPerLocation") { context in
        func check(_ directives: [Directive]) {
            if directives.count < 2 { return }
            var seen: [String: Directive] = [:]
            for directive in directives {
                let name = directive.name.value
                guard let definition = context.schema.directive(named: name), !definition.isRepeatable else {
                    continue
                }
                if let first = seen[name] {
                    context.report(
                        "The directive \"@\(name)\" can only be used once at this location.",
                        [first.loc, directive.loc]
                    )
                } else {
                    seen[name] = directive
                }
            }
        }
        var visitor = ValidationVisitor()
        visitor.enterOperation = { check($0.directives) }
        visitor.enterVariableDefinition = { check($0.directives) }
        visitor.enterFragmentDefinition = { check($0.directives) }
        visitor.enterField = { check($0.directives) }
        visitor.enterFragmentSpread = { check($0.directives) }
        visitor.enterInlineFragment = { check($0.directives) }
        return visitor
    }
}
