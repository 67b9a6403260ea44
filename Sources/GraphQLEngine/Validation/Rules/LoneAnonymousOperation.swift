extension ValidationRule {
    /// Lone Anonymous Operation: an anonymous operation is the document's only operation.
    /// See https://spec.graphql.org/October2021/#sec-Lone-Anonymous-Operation
    public static let loneAnonymousOperation = ValidationRule(name: "LoneAnonymousOperation") { context in
        var operationCount = 0
        var visitor = ValidationVisitor()
        visitor.enterDocument = { document in
            for case .operation in document.definitions { operationCount += 1 }
        }
        visitor.enterOperation = { operation in
            if operation.name == nil && operationCount > 1 {
                context.report("This anonymous operation must be the only defined operation.", operation.loc)
            }
        }
        return visitor
    }
}
