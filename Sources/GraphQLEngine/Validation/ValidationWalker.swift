/// Raised inside the walk once the error limit is reached; `validate` stops there.
struct ValidationAborted: Error {}

/// One depth-first walk over the executable definitions of a document, in graphql-js's visiting
/// order, keeping the context's `TypeInfo` current and calling every rule's callbacks for each
/// node (in rule order). Type-system definitions are not walked: `ExecutableDefinitions`
/// reports them.
struct ValidationWalker {
    let context: ValidationContext
    let hooks: VisitorDispatch

    func walk(_ document: Document) throws(ValidationAborted) {
        for hook in hooks.enterDocument { hook(document) }
        try checkAborted()
        for definition in document.definitions {
            switch definition {
            case .operation(let operation): try walk(operation)
            case .fragment(let fragment): try walk(fragment)
            default: continue
            }
        }
        for hook in hooks.leaveDocument { hook(document) }
        try checkAborted()
    }

    private func checkAborted() throws(ValidationAborted) {
        if context.isAborted { throw ValidationAborted() }
    }

    private func walk(_ operation: OperationDefinition) throws(ValidationAborted) {
        context.typeInfo.enter(operation)
        context.beginDefinition()
        for hook in hooks.enterOperation { hook(operation) }
        try checkAborted()
        for definition in operation.variableDefinitions { try walk(definition) }
        let location: DirectiveLocation =
            switch operation.operation {
            case .query: .query
            case .mutation: .mutation
            case .subscription: .subscription
            }
        try walk(operation.directives, location)
        try walk(operation.selectionSet)
        for hook in hooks.leaveOperation { hook(operation) }
        try checkAborted()
        context.typeInfo.leaveOperation()
    }

    private func walk(_ definition: VariableDefinition) throws(ValidationAborted) {
        context.typeInfo.enter(definition)
        for hook in hooks.enterVariableDefinition { hook(definition) }
        try checkAborted()
        try walk(definition.type)
        if let value = definition.defaultValue { try walk(value) }
        try walk(definition.directives, .variableDefinition)
        context.typeInfo.leaveVariableDefinition()
    }

    private func walk(_ fragment: FragmentDefinition) throws(ValidationAborted) {
        context.typeInfo.enter(fragment)
        context.beginDefinition()
        for hook in hooks.enterFragmentDefinition { hook(fragment) }
        try checkAborted()
        try walk(fragment.typeCondition)
        try walk(fragment.directives, .fragmentDefinition)
        try walk(fragment.selectionSet)
        context.endFragment(fragment)
        context.typeInfo.leaveFragment()
    }

    private func walk(_ selectionSet: SelectionSet) throws(ValidationAborted) {
        context.typeInfo.enterSelectionSet()
        for hook in hooks.enterSelectionSet { hook(selectionSet) }
        try checkAborted()
        for selection in selectionSet.selections {
            switch selection {
            case .field(let field): try walk(field)
            case .fragmentSpread(let spread): try walk(spread)
            case .inlineFragment(let fragment): try walk(fragment)
            }
        }
        context.typeInfo.leaveSelectionSet()
    }

    private func walk(_ field: Field) throws(ValidationAborted) {
        context.typeInfo.enter(field)
        for hook in hooks.enterField { hook(field) }
        try checkAborted()
        for argument in field.arguments { try walk(argument) }
        try walk(field.directives, .field)
        if let selectionSet = field.selectionSet { try walk(selectionSet) }
        for hook in hooks.leaveField { hook(field) }
        try checkAborted()
        context.typeInfo.leaveField()
    }

    private func walk(_ spread: FragmentSpread) throws(ValidationAborted) {
        for hook in hooks.enterFragmentSpread { hook(spread) }
        try checkAborted()
        try walk(spread.directives, .fragmentSpread)
    }

    private func walk(_ fragment: InlineFragment) throws(ValidationAborted) {
        context.typeInfo.enter(fragment)
        for hook in hooks.enterInlineFragment { hook(fragment) }
        try checkAborted()
        if let typeCondition = fragment.typeCondition { try walk(typeCondition) }
        try walk(fragment.directives, .inlineFragment)
        try walk(fragment.selectionSet)
        context.typeInfo.leaveFragment()
    }

    private func walk(_ directives: [Directive], _ location: DirectiveLocation) throws(ValidationAborted) {
        for directive in directives {
            context.typeInfo.enter(directive)
            for hook in hooks.enterDirective { hook(directive, location) }
            try checkAborted()
            for argument in directive.arguments { try walk(argument) }
            for hook in hooks.leaveDirective { hook(directive) }
            try checkAborted()
            context.typeInfo.leaveDirective()
        }
    }

    private func walk(_ argument: Argument) throws(ValidationAborted) {
        context.typeInfo.enter(argument)
        for hook in hooks.enterArgument { hook(argument) }
        try checkAborted()
        try walk(argument.value)
        context.typeInfo.leaveArgument()
    }

    private func walk(_ type: TypeReference) throws(ValidationAborted) {
        switch type {
        case .named(let named): try walk(named)
        case .list(let list): try walk(list.type)
        case .nonNull(let nonNull): try walk(nonNull.type)
        }
    }

    private func walk(_ named: NamedType) throws(ValidationAborted) {
        for hook in hooks.enterNamedType { hook(named) }
        try checkAborted()
    }

    private func walk(_ value: Value) throws(ValidationAborted) {
        switch value {
        case .list(let list):
            context.typeInfo.enterListValue()
            for hook in hooks.enterValue { hook(value) }
            try checkAborted()
            for item in list.values { try walk(item) }
            for hook in hooks.leaveValue { hook(value) }
            try checkAborted()
            context.typeInfo.leaveListValue()
        case .object(let object):
            for hook in hooks.enterValue { hook(value) }
            try checkAborted()
            for field in object.fields {
                context.typeInfo.enter(field)
                for hook in hooks.enterObjectField { hook(field) }
                try checkAborted()
                try walk(field.value)
                context.typeInfo.leaveObjectField()
            }
            for hook in hooks.leaveValue { hook(value) }
            try checkAborted()
        default:
            if case .variable(let variable) = value { context.recordUsage(variable) }
            for hook in hooks.enterValue { hook(value) }
            for hook in hooks.leaveValue { hook(value) }
            try checkAborted()
        }
    }
}
