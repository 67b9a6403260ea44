extension ValidationRule {
    /// All Variable Usages Are Allowed: each variable's type fits every position it is used in.
    /// See https://spec.graphql.org/October2021/#sec-All-Variable-Usages-are-Allowed
    public static let variablesInAllowedPosition = ValidationRule(name: "VariablesInAllowedPosition") { context in
        var visitor = ValidationVisitor()
        visitor.leaveOperation = { operation in
            var definitions: [String: VariableDefinition] = [:]
            for definition in operation.variableDefinitions {
                definitions[definition.variable.name.value] = definition
            }
            for usage in context.recursiveVariableUsages(operation) {
                let name = usage.node.name.value
                guard let definition = definitions[name], let locationType = usage.type,
                    let variableType = context.schema.type(from: definition.type),
                    !allowedVariableUsage(context.schema, variableType, definition.defaultValue, locationType, usage)
                else { continue }
                context.report(
                    "Variable \"$\(name)\" of type \"\(variableType)\" used in position expecting type "
                        + "\"\(locationType)\".",
                    [definition.loc, usage.node.loc]
                )
            }
        }
        return visitor
    }
}

/// A nullable variable may fill a non-null position when it or the position has a default value
/// (other than `null` for the variable); otherwise its type must be a subtype of the position's.
private func allowedVariableUsage(
    _ schema: Schema,
    _ variableType: GraphQLType,
    _ variableDefault: Value?,
    _ locationType: GraphQLType,
    _ usage: VariableUsage
) -> Bool {
    if locationType.isNonNull && !variableType.isNonNull {
        var hasNonNullVariableDefault = false
        if let variableDefault {
            if case .null = variableDefault {} else { hasNonNullVariableDefault = true }
        }
        if !hasNonNullVariableDefault && !usage.hasDefaultValue { return false }
        return schema.isTypeSubType(variableType, of: locationType.nullable)
    }
    return schema.isTypeSubType(variableType, of: locationType)
}
