extension ValidationRule {
    /// Directives Are Defined and Directives Are In Valid Locations.
    /// See https://spec.graphql.org/October2021/#sec-Directives-Are-Defined and
    /// https://spec.graphql.org/October2021/#sec-Directives-Are-In-Valid-Locations
    public static let knownDirectives = ValidationRule(name: "KnownDirectives") { context in
        var visitor = ValidationVisitor()
        visitor.enterDirective = { directive, location in
            let name = directive.name.value
            guard let definition = context.schema.directive(named: name) else {
                context.report("Unknown directive \"@\(name)\".", directive.loc)
                return
            }
            if !definition.locations.contains(location) {
                context.report("Directive \"@\(name)\" may not be used on \(location.rawValue).", directive.loc)
            }
        }
        return visitor
    }
}
