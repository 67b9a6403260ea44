/// The types at the node a walk is visiting, kept as graphql-js `TypeInfo` keeps them: the
/// output type and parent (composite) type of fields, the field and directive definitions, the
/// argument, the expected input type of values and its parent, and whether the position has a
/// default value.
struct TypeInfo {
    let schema: Schema
    private var typeStack: [GraphQLType?] = []
    private var parentTypeStack: [GraphQLNamedType?] = []
    private var inputTypeStack: [GraphQLType?] = []
    private var fieldDefStack: [GraphQLField?] = []
    private var hasDefaultValueStack: [Bool] = []
    /// The directive being visited.
    private(set) var directive: GraphQLDirective?
    /// The argument being visited.
    private(set) var argument: GraphQLInputValue?

    init(schema: Schema) {
        self.schema = schema
    }

    /// The output type of the current field, fragment or operation.
    var type: GraphQLType? { typeStack.last ?? nil }
    /// The composite type whose selection set is being visited.
    var parentType: GraphQLNamedType? { parentTypeStack.last ?? nil }
    /// The type expected by the current value position.
    var inputType: GraphQLType? { inputTypeStack.last ?? nil }
    /// The type expected by the position enclosing the current one (the list of a list item, the
    /// input object of a field).
    var parentInputType: GraphQLType? {
        inputTypeStack.count >= 2 ? inputTypeStack[inputTypeStack.count - 2] : nil
    }
    /// The definition of the current field.
    var fieldDef: GraphQLField? { fieldDefStack.last ?? nil }
    /// Whether the current argument or input field position has a default value.
    var hasDefaultValue: Bool { hasDefaultValueStack.last ?? false }

    mutating func enter(_ operation: OperationDefinition) {
        typeStack.append(schema.rootType(operation.operation).map { .named($0.name) })
    }

    mutating func leaveOperation() {
        typeStack.removeLast()
    }

    mutating func enterSelectionSet() {
        let named = type.flatMap(schema.namedType)
        parentTypeStack.append(named?.isCompositeType == true ? named : nil)
    }

    mutating func leaveSelectionSet() {
        parentTypeStack.removeLast()
    }

    mutating func enter(_ field: Field) {
        let definition = parentType.flatMap { schema.fieldDefinition(on: $0, field.name.value) }
        fieldDefStack.append(definition)
        typeStack.append(definition?.type)
    }

    mutating func leaveField() {
        fieldDefStack.removeLast()
        typeStack.removeLast()
    }

    mutating func enter(_ fragment: InlineFragment) {
        enterFragment(typeCondition: fragment.typeCondition?.name.value ?? type?.namedType)
    }

    mutating func enter(_ fragment: FragmentDefinition) {
        enterFragment(typeCondition: fragment.typeCondition.name.value)
    }

    private mutating func enterFragment(typeCondition: String?) {
        let named = typeCondition.flatMap { schema.type(named: $0) }
        typeStack.append(named?.isOutputType == true ? .named(named!.name) : nil)
    }

    mutating func leaveFragment() {
        typeStack.removeLast()
    }

    mutating func enter(_ definition: VariableDefinition) {
        let type = schema.type(from: definition.type)
        inputTypeStack.append(type.flatMap { schema.isInputType($0) ? $0 : nil })
    }

    mutating func leaveVariableDefinition() {
        inputTypeStack.removeLast()
    }

    mutating func enter(_ directive: Directive) {
        self.directive = schema.directive(named: directive.name.value)
    }

    mutating func leaveDirective() {
        directive = nil
    }

    mutating func enter(_ argument: Argument) {
        let definition =
            if let directive {
                directive.argument(argument.name.value)
            } else {
                fieldDef?.argument(argument.name.value)
            }
        self.argument = definition
        hasDefaultValueStack.append(definition?.defaultValue != nil)
        inputTypeStack.append(definition.flatMap { schema.isInputType($0.type) ? $0.type : nil })
    }

    mutating func leaveArgument() {
        argument = nil
        hasDefaultValueStack.removeLast()
        inputTypeStack.removeLast()
    }

    mutating func enterListValue() {
        let listType = inputType?.nullable
        let itemType = listType.map { $0.listItemType ?? $0 }
        hasDefaultValueStack.append(false)
        inputTypeStack.append(itemType.flatMap { schema.isInputType($0) ? $0 : nil })
    }

    mutating func leaveListValue() {
        hasDefaultValueStack.removeLast()
        inputTypeStack.removeLast()
    }

    mutating func enter(_ field: ObjectField) {
        let inputField = inputType.flatMap(schema.namedType)?.inputObject?.field(field.name.value)
        hasDefaultValueStack.append(inputField?.defaultValue != nil)
        inputTypeStack.append(inputField.flatMap { schema.isInputType($0.type) ? $0.type : nil })
    }

    mutating func leaveObjectField() {
        hasDefaultValueStack.removeLast()
        inputTypeStack.removeLast()
    }
}
