extension ValidationRule {
    /// Variables Are Input Types: variables are scalars, enums or input objects (or lists and
    /// non-null of them). See https://spec.graphql.org/October2021/#sec-Variables-Are-Input-Types
    public static let variablesAreInputTypes = ValidationRule(name: "VariablesAreInputTypes") { context in
        var visitor = ValidationVisitor()
        visitor.enterVariableDefinition = { definition in
            guard let type = context.schema.type(from: definition.type), !context.schema.isInputType(type) else {
                return
            }
            context.report(
                "Variable \"$\(definition.variable.name.value)\" cannot be non-input type \"\(printAST(definition.type))\".",
                definition.type.loc
            )
        }
        return visitor
    }
}
