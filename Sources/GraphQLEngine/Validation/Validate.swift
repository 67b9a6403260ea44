/// Validates an executable document against a schema, as graphql-js `validate` does: runs every
/// rule in one walk and returns the errors in the order graphql-js reports them (empty when the
/// document is valid). Stops after `maxErrors` errors with graphql-js's "Too many validation
/// errors" error.
public func validate(
    schema: Schema,
    document: Document,
    rules: [ValidationRule] = specifiedRules,
    maxErrors: Int = 100
) -> [GraphQLError] {
    let context = ValidationContext(schema: schema, document: document, maxErrors: maxErrors)
    let walker = ValidationWalker(context: context, hooks: VisitorDispatch(rules.map { $0.makeVisitor(context) }))
    do {
        try walker.walk(document)
    } catch {
        // The error limit was reached; the errors so far end with the abort notice.
    }
    return context.errors
}

/// A validation rule of spec section 5: for each validation, it makes the callbacks that check
/// the document as the walk visits it and report errors.
public struct ValidationRule: Sendable {
    /// The rule's name in graphql-js without the `Rule` suffix, e.g. `ScalarLeafs`.
    public let name: String
    let makeVisitor: @Sendable (ValidationContext) -> ValidationVisitor

    init(name: String, makeVisitor: @escaping @Sendable (ValidationContext) -> ValidationVisitor) {
        self.name = name
        self.makeVisitor = makeVisitor
    }
}

/// The rules of the specification, in graphql-js's order.
public let specifiedRules: [ValidationRule] = [
    .executableDefinitions,
    .uniqueOperationNames,
    .loneAnonymousOperation,
    .singleFieldSubscriptions,
    .knownTypeNames,
    .fragmentsOnCompositeTypes,
    .variablesAreInputTypes,
    .scalarLeafs,
    .fieldsOnCorrectType,
    .uniqueFragmentNames,
    .knownFragmentNames,
    .noUnusedFragments,
    .possibleFragmentSpreads,
    .noFragmentCycles,
    .uniqueVariableNames,
    .noUndefinedVariables,
    .noUnusedVariables,
    .knownDirectives,
    .uniqueDirectivesPerLocation,
    .knownArgumentNames,
    .uniqueArgumentNames,
    .valuesOfCorrectType,
    .providedRequiredArguments,
    .variablesInAllowedPosition,
    .overlappingFieldsCanBeMerged,
    .uniqueInputFieldNames,
]

/// The names that occur more than once, each with every node bearing it, in order of first
/// occurrence (graphql-js `groupBy` followed by a filter on the group size).
func duplicates(_ names: [Name]) -> [(name: String, nodes: [Name])] {
    if names.count < 2 { return [] }
    var order: [String] = []
    var groups: [String: [Name]] = [:]
    for name in names {
        if groups[name.value] == nil { order.append(name.value) }
        groups[name.value, default: []].append(name)
    }
    return order.compactMap { key in
        let nodes = groups[key]!
        return nodes.count > 1 ? (key, nodes) : nil
    }
}
