extension ValidationRule {
    /// Required Arguments: every non-null argument without a default value is given. Checked as
    /// the walk leaves the field or directive, so that errors inside come first.
    /// See https://spec.graphql.org/October2021/#sec-Required-Arguments
    public static let providedRequiredArguments = ValidationRule(name: "ProvidedRequiredArguments") { context in
        var visitor = ValidationVisitor()
        visitor.leaveField = { field in
            guard let fieldDef = context.typeInfo.fieldDef else { return }
            for definition in fieldDef.arguments where definition.isRequired {
                let name = definition.name
                if field.arguments.contains(where: { $0.name.value == name }) { continue }
                context.report(
                    "Field \"\(field.name.value)\" argument \"\(name)\" of type "
                        + "\"\(definition.type)\" is required, but it was not provided.",
                    field.loc
                )
            }
        }
        visitor.leaveDirective = { directive in
            guard let directiveDef = context.schema.directive(named: directive.name.value) else { return }
            for definition in directiveDef.arguments where definition.isRequired {
                let name = definition.name
                if directive.arguments.contains(where: { $0.name.value == name }) { continue }
                context.report(
                    "Directive \"@\(directive.name.value)\" argument \"\(name)\" of type "
                        + "\"\(definition.type)\" is required, but it was not provided.",
                    directive.loc
                )
            }
        }
        return visitor
    }
}
