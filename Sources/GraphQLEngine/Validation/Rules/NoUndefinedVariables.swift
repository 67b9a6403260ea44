extension ValidationRule {
    /// All Variable Uses Defined: every variable an operation uses, directly or in its fragments,
    /// is defined by the operation. See https://spec.graphql.org/October2021/#sec-All-Variable-Uses-Defined
    public static let noUndefinedVariables = ValidationRule(name: "NoUndefinedVariables") { context in
        var visitor = ValidationVisitor()
        visitor.leaveOperation = { operation in
            let defined = Set(operation.variableDefinitions.map(\.variable.name.value))
            for usage in context.recursiveVariableUsages(operation) where !defined.contains(usage.node.name.value) {
                let name = usage.node.name.value
                let message =
                    if let operationName = operation.name {
                        "Variable \"$\(name)\" is not defined by operation \"\(operationName.value)\"."
                    } else {
                        "Variable \"$\(name)\" is not defined."
                    }
                context.report(message, [usage.node.loc, operation.loc])
            }
        }
        return visitor
    }
}
