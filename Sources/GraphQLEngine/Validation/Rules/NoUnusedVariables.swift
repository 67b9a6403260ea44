extension ValidationRule {
    /// All Variables Used: every variable an operation defines is used, directly or in its
    /// fragments. See https://spec.graphql.org/October2021/#sec-All-Variables-Used
    public static let noUnusedVariables = ValidationRule(name: "NoUnusedVariables") { context in
        var visitor = ValidationVisitor()
        visitor.leaveOperation = { operation in
            let used = Set(context.recursiveVariableUsages(operation).map(\.node.name.value))
            for definition in operation.variableDefinitions where !used.contains(definition.variable.name.value) {
                let name = definition.variable.name.value
                let message =
                    if let operationName = operation.name {
                        "Variable \"$\(name)\" is never used in operation \"\(operationName.value)\"."
                    } else {
                        "Variable \"$\(name)\" is never used."
                    }
                context.report(message, definition.loc)
            }
        }
        return visitor
    }
}
