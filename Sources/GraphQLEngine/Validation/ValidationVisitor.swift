/// The callbacks one rule registers for a validation walk, as graphql-js rules return an
/// `ASTVisitor`. Each is called with the node as the walk enters (or leaves) it; the walk keeps
/// `ValidationContext`'s type information current, as graphql-js `TypeInfo` does.
struct ValidationVisitor {
    var enterDocument: ((Document) -> Void)?
    var leaveDocument: ((Document) -> Void)?
    var enterOperation: ((OperationDefinition) -> Void)?
    var leaveOperation: ((OperationDefinition) -> Void)?
    var enterVariableDefinition: ((VariableDefinition) -> Void)?
    var enterFragmentDefinition: ((FragmentDefinition) -> Void)?
    var enterSelectionSet: ((SelectionSet) -> Void)?
    var enterField: ((Field) -> Void)?
    var leaveField: ((Field) -> Void)?
    var enterFragmentSpread: ((FragmentSpread) -> Void)?
    var enterInlineFragment: ((InlineFragment) -> Void)?
    /// Called with the directive and the location of the node it is applied to.
    var enterDirective: ((Directive, DirectiveLocation) -> Void)?
    var leaveDirective: ((Directive) -> Void)?
    var enterArgument: ((Argument) -> Void)?
    var enterNamedType: ((NamedType) -> Void)?
    var enterValue: ((Value) -> Void)?
    var leaveValue: ((Value) -> Void)?
    var enterObjectField: ((ObjectField) -> Void)?
}

/// All the rules' callbacks grouped by event, in rule order, so the walk calls only the rules
/// that listen to an event.
struct VisitorDispatch {
    var enterDocument: [(Document) -> Void] = []
    var leaveDocument: [(Document) -> Void] = []
    var enterOperation: [(OperationDefinition) -> Void] = []
    var leaveOperation: [(OperationDefinition) -> Void] = []
    var enterVariableDefinition: [(VariableDefinition) -> Void] = []
    var enterFragmentDefinition: [(FragmentDefinition) -> Void] = []
    var enterSelectionSet: [(SelectionSet) -> Void] = []
    var enterField: [(Field) -> Void] = []
    var leaveField: [(Field) -> Void] = []
    var enterFragmentSpread: [(FragmentSpread) -> Void] = []
    var enterInlineFragment: [(InlineFragment) -> Void] = []
    var enterDirective: [(Directive, DirectiveLocation) -> Void] = []
    var leaveDirective: [(Directive) -> Void] = []
    var enterArgument: [(Argument) -> Void] = []
    var enterNamedType: [(NamedType) -> Void] = []
    var enterValue: [(Value) -> Void] = []
    var leaveValue: [(Value) -> Void] = []
    var enterObjectField: [(ObjectField) -> Void] = []

    init(_ visitors: [ValidationVisitor]) {
        for v in visitors {
            if let f = v.enterDocument { enterDocument.append(f) }
            if let f = v.leaveDocument { leaveDocument.append(f) }
            if let f = v.enterOperation { enterOperation.append(f) }
            if let f = v.leaveOperation { leaveOperation.append(f) }
            if let f = v.enterVariableDefinition { enterVariableDefinition.append(f) }
            if let f = v.enterFragmentDefinition { enterFragmentDefinition.append(f) }
            if let f = v.enterSelectionSet { enterSelectionSet.append(f) }
            if let f = v.enterField { enterField.append(f) }
            if let f = v.leaveField { leaveField.append(f) }
            if let f = v.enterFragmentSpread { enterFragmentSpread.append(f) }
            if let f = v.enterInlineFragment { enterInlineFragment.append(f) }
            if let f = v.enterDirective { enterDirective.append(f) }
            if let f = v.leaveDirective { leaveDirective.append(f) }
            if let f = v.enterArgument { enterArgument.append(f) }
            if let f = v.enterNamedType { enterNamedType.append(f) }
            if let f = v.enterValue { enterValue.append(f) }
            if let f = v.leaveValue { leaveValue.append(f) }
            if let f = v.enterObjectField { enterObjectField.append(f) }
        }
    }
}
