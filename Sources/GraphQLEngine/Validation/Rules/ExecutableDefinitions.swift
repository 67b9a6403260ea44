extension ValidationRule {
    /// Executable Definitions: a document submitted for execution holds only operations and
    /// fragments. See https://spec.graphql.org/October2021/#sec-Executable-Definitions
    public static let executableDefinitions = ValidationRule(name: "ExecutableDefinitions") { context in
        var visitor = ValidationVisitor()
        visitor.enterDocument = { document in
            for definition in document.definitions {
                let name: String
                switch definition {
                case .operation, .fragment: continue
                case .schema, .schemaExtension: name = "schema"
                case .scalarType(let node): name = "\"\(node.name.value)\""
                case .objectType(let node): name = "\"\(node.name.value)\""
                case .interfaceType(let node): name = "\"\(node.name.value)\""
                case .unionType(let node): name = "\"\(node.name.value)\""
                case .enumType(let node): name = "\"\(node.name.value)\""
                case .inputObjectType(let node): name = "\"\(node.name.value)\""
                case .directive(let node): name = "\"\(node.name.value)\""
                case .scalarTypeExtension(let node): name = "\"\(node.name.value)\""
                case .objectTypeExtension(let node): name = "\"\(node.name.value)\""
                case .interfaceTypeExtension(let node): name = "\"\(node.name.value)\""
                case .unionTypeExtension(let node): name = "\"\(node.name.value)\""
                case .enumTypeExtension(let node): name = "\"\(node.name.value)\""
                case .inputObjectTypeExtension(let node): name = "\"\(node.name.value)\""
                }
                context.report("The \(name) definition is not executable.", definition.loc)
            }
        }
        return visitor
    }
}
