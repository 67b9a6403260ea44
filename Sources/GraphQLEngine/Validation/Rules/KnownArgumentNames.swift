extension ValidationRule {
    /// Argument Names: every argument is defined by its field or directive.
    /// See https://spec.graphql.org/October2021/#sec-Argument-Names
    public static let knownArgumentNames = ValidationRule(name: "KnownArgumentNames") { context in
        var inDirective = false
        var visitor = ValidationVisitor()
        visitor.enterDirective = { directive, _ in
            inDirective = true
            guard let definition = context.schema.directive(named: directive.name.value) else { return }
            let known = definition.arguments.map(\.name)
            for argument in directive.arguments where !known.contains(argument.name.value) {
                context.report(
                    "Unknown argument \"\(argument.name.value)\" on directive \"@\(directive.name.value)\"."
                        + didYouMean(suggestionList(argument.name.value, options: known)),
                    argument.loc
                )
            }
        }
        visitor.leaveDirective = { _ in inDirective = false }
        visitor.enterArgument = { argument in
            guard !inDirective, context.typeInfo.argument == nil,
                let fieldDef = context.typeInfo.fieldDef,
                let parentType = context.typeInfo.parentType
            else { return }
            let known = fieldDef.arguments.map(\.name)
            context.report(
                "Unknown argument \"\(argument.name.value)\" on field \"\(parentType.name).\(fieldDef.name)\"."
                    + didYouMean(suggestionList(argument.name.value, options: known)),
                argument.loc
            )
        }
        return visitor
    }
}
