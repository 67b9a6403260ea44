extension ValidationRule {
    /// Fragment Spread Target Defined: every spread names a fragment of the document.
    /// See https://spec.graphql.org/October2021/#sec-Fragment-spread-target-defined
    public static let knownFragmentNames = ValidationRule(name: "KnownFragmentNames") { context in
        var visitor = ValidationVisitor()
        visitor.enterFragmentSpread = { spread in
            if context.fragments[spread.name.value] == nil {
                context.report("Unknown fragment \"\(spread.name.value)\".", spread.name.loc)
            }
        }
        return visitor
    }
}
