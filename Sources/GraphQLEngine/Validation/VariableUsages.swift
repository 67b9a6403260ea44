/// A variable in a value position, with the input type the position expects and whether the
/// position (argument or input field) has a default value.
struct VariableUsage {
    var node: Variable
    var type: GraphQLType?
    var hasDefaultValue: Bool
}

/// Collects the variables used in one fragment, in document order, as graphql-js
/// `ValidationContext.getVariableUsages` does; used for fragments the walk has not reached yet
/// (the walk records the usages of the definitions it passes).
struct VariableUsageCollector {
    private var typeInfo: TypeInfo
    private(set) var usages: [VariableUsage] = []

    init(schema: Schema) {
        typeInfo = TypeInfo(schema: schema)
    }

    mutating func collect(_ fragment: FragmentDefinition) {
        typeInfo.enter(fragment)
        visit(fragment.directives)
        visit(fragment.selectionSet)
        typeInfo.leaveFragment()
    }

    private mutating func visit(_ selectionSet: SelectionSet) {
        typeInfo.enterSelectionSet()
        for selection in selectionSet.selections {
            switch selection {
            case .field(let field):
                // Fields without variables need no type information.
                guard containsVariables(field) else { continue }
                typeInfo.enter(field)
                visit(field.arguments)
                visit(field.directives)
                if let selectionSet = field.selectionSet { visit(selectionSet) }
                typeInfo.leaveField()
            case .fragmentSpread(let spread):
                visit(spread.directives)
            case .inlineFragment(let fragment):
                typeInfo.enter(fragment)
                visit(fragment.directives)
                visit(fragment.selectionSet)
                typeInfo.leaveFragment()
            }
        }
        typeInfo.leaveSelectionSet()
    }

    private mutating func visit(_ directives: [Directive]) {
        for directive in directives {
            typeInfo.enter(directive)
            visit(directive.arguments)
            typeInfo.leaveDirective()
        }
    }

    private mutating func visit(_ arguments: [Argument]) {
        for argument in arguments {
            typeInfo.enter(argument)
            visit(argument.value)
            typeInfo.leaveArgument()
        }
    }

    private mutating func visit(_ value: Value) {
        switch value {
        case .variable(let variable):
            usages.append(
                VariableUsage(node: variable, type: typeInfo.inputType, hasDefaultValue: typeInfo.hasDefaultValue)
            )
        case .list(let list):
            typeInfo.enterListValue()
            for item in list.values { visit(item) }
            typeInfo.leaveListValue()
        case .object(let object):
            for field in object.fields {
                typeInfo.enter(field)
                visit(field.value)
                typeInfo.leaveObjectField()
            }
        default:
            return
        }
    }
}

/// Whether a field, its directives or anything selected under it uses a variable.
private func containsVariables(_ field: Field) -> Bool {
    if field.arguments.contains(where: { containsVariables($0.value) }) { return true }
    if field.directives.contains(where: containsVariables) { return true }
    guard let selectionSet = field.selectionSet else { return false }
    return containsVariables(selectionSet)
}

private func containsVariables(_ selectionSet: SelectionSet) -> Bool {
    selectionSet.selections.contains { selection in
        switch selection {
        case .field(let field): containsVariables(field)
        case .fragmentSpread(let spread): spread.directives.contains(where: containsVariables)
        case .inlineFragment(let fragment):
            fragment.directives.contains(where: containsVariables) || containsVariables(fragment.selectionSet)
        }
    }
}

private func containsVariables(_ directive: Directive) -> Bool {
    directive.arguments.contains { containsVariables($0.value) }
}

private func containsVariables(_ value: Value) -> Bool {
    switch value {
    case .variable: true
    case .list(let list): list.values.contains(where: containsVariables)
    case .object(let object): object.fields.contains { containsVariables($0.value) }
    default: false
    }
}
