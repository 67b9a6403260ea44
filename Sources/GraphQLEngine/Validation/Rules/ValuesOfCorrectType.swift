extension ValidationRule {
    /// Values of Correct Type, with Input Object Field Names and Input Object Required Fields:
    /// every literal fits the input type of its position, and `@oneOf` input objects get exactly
    /// one non-null field. See https://spec.graphql.org/October2021/#sec-Values-of-Correct-Type,
    /// https://spec.graphql.org/October2021/#sec-Input-Object-Field-Names and
    /// https://spec.graphql.org/October2021/#sec-Input-Object-Required-Fields
    public static let valuesOfCorrectType = ValidationRule(name: "ValuesOfCorrectType") { context in
        let checker = ValueChecker(context)
        var visitor = ValidationVisitor()
        visitor.enterOperation = { _ in checker.variableDefinitions = [:] }
        visitor.enterVariableDefinition = { definition in
            checker.variableDefinitions[definition.variable.name.value] = definition
        }
        visitor.enterValue = { value in checker.enter(value) }
        visitor.leaveValue = { _ in
            if checker.skipDepth > 0 { checker.skipDepth -= 1 }
        }
        visitor.enterObjectField = { field in checker.enter(field) }
        return visitor
    }
}

/// The checks of `ValuesOfCorrectType`. A list or object literal in a position that does not
/// expect one is reported once, and nothing inside it is checked (graphql-js returns `false`).
private final class ValueChecker {
    let context: ValidationContext
    var variableDefinitions: [String: VariableDefinition] = [:]
    /// Above zero inside a value that is not checked: the depth of values entered since.
    var skipDepth = 0

    init(_ context: ValidationContext) {
        self.context = context
    }

    func enter(_ value: Value) {
        if skipDepth > 0 {
            skipDepth += 1
            return
        }
        switch value {
        case .list:
            // The walk's type information already moved to the item type: look at the parent.
            if context.typeInfo.parentInputType?.nullable.listItemType != nil { return }
            checkLeaf(value)
            skipDepth = 1
        case .object(let object):
            guard let type = context.typeInfo.inputType.flatMap(context.schema.namedType)?.inputObject else {
                checkLeaf(value)
                skipDepth = 1
                return
            }
            checkInputObject(object, type)
        case .null(let null):
            if let type = context.typeInfo.inputType, type.isNonNull {
                context.report("Expected value of type \"\(type)\", found null.", null.loc)
            }
        case .variable:
            return
        default:
            checkLeaf(value)
        }
    }

    func enter(_ field: ObjectField) {
        if skipDepth > 0 { return }
        guard context.typeInfo.inputType == nil,
            let parentType = context.typeInfo.parentInputType.flatMap(context.schema.namedType)?.inputObject
        else { return }
        let suggestions = suggestionList(field.name.value, options: parentType.fields.map(\.name))
        context.report(
            "Field \"\(field.name.value)\" is not defined by type \"\(parentType.name)\"." + didYouMean(suggestions),
            field.loc
        )
    }

    private func checkInputObject(_ object: ObjectValue, _ type: InputObjectType) {
        for definition in type.fields where definition.isRequired {
            if object.fields.contains(where: { $0.name.value == definition.name }) { continue }
            context.report(
                "Field \"\(type.name).\(definition.name)\" of required type \"\(definition.type)\" was not provided.",
                object.loc
            )
        }
        if type.isOneOf { checkOneOf(object, type) }
    }

    private func checkOneOf(_ object: ObjectValue, _ type: InputObjectType) {
        // graphql-js keys the fields by name: with a repeated name, the last one counts.
        var names: [String] = []
        var values: [String: Value] = [:]
        for field in object.fields {
            if values[field.name.value] == nil { names.append(field.name.value) }
            values[field.name.value] = field.value
        }
        guard names.count == 1 else {
            context.report("OneOf Input Object \"\(type.name)\" must specify exactly one key.", object.loc)
            return
        }
        switch values[names[0]]! {
        case .null:
            context.report("Field \"\(type.name).\(names[0])\" must be non-null.", object.loc)
        case .variable(let variable):
            let name = variable.name.value
            if let definition = variableDefinitions[name], case .nonNull = definition.type { return }
            if variableDefinitions[name] == nil { return }
            context.report(
                "Variable \"\(name)\" must be non-nullable to be used for OneOf Input Object \"\(type.name)\".",
                object.loc
            )
        default:
            return
        }
    }

    /// Reports a literal that the leaf type of its position cannot represent.
    private func checkLeaf(_ value: Value) {
        guard let locationType = context.typeInfo.inputType else { return }
        guard let type = context.schema.namedType(locationType), type.isLeafType else {
            context.report("Expected value of type \"\(locationType)\", found \(printAST(value)).", value.loc)
            return
        }
        if let message = literalError(type, value) {
            context.report(message, value.loc)
        }
    }
}
