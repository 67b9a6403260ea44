/// What a rule sees during one validation: the schema, the document, the type information at
/// the current node, and lookups over the document (fragments, spreads, variable usages),
/// computed once and cached as graphql-js `ValidationContext` does. Rules report errors here.
final class ValidationContext {
    let schema: Schema
    let document: Document
    /// The types at the node being visited; kept current by the walk.
    var typeInfo: TypeInfo
    private(set) var errors: [GraphQLError] = []
    private(set) var isAborted = false
    private let maxErrors: Int
    /// Fragment definitions by name (the last one wins, as in graphql-js).
    let fragments: [String: FragmentDefinition]
    private var spreadsCache: [Int: [FragmentSpread]] = [:]
    private var fragmentUsagesCache: [String: [VariableUsage]] = [:]
    /// The variables used in the definition being walked, so far.
    private var walkedUsages: [VariableUsage] = []
    private var walkedOperationRecursiveUsages: [VariableUsage]?

    init(schema: Schema, document: Document, maxErrors: Int) {
        self.schema = schema
        self.document = document
        self.maxErrors = maxErrors
        self.typeInfo = TypeInfo(schema: schema)
        var fragments: [String: FragmentDefinition] = [:]
        for case .fragment(let fragment) in document.definitions {
            fragments[fragment.name.value] = fragment
        }
        self.fragments = fragments
    }

    /// Records an error located at the given nodes' starts; past the limit, records graphql-js's
    /// "Too many validation errors" error and aborts the walk.
    func report(_ message: String, _ nodes: [SourceRange?]) {
        if isAborted { return }
        if errors.count >= maxErrors {
            errors.append(GraphQLError("Too many validation errors, error limit reached. Validation aborted."))
            isAborted = true
            return
        }
        errors.append(GraphQLError(message, locations: nodes.compactMap { $0?.location }))
    }

    /// Records an error located at one node.
    func report(_ message: String, _ node: SourceRange?) {
        report(message, [node])
    }

    /// The fragment spreads inside a selection set, through fields and inline fragments but not
    /// into fragments, in graphql-js's order.
    func fragmentSpreads(_ selectionSet: SelectionSet) -> [FragmentSpread] {
        let key = selectionSet.loc?.start
        if let key, let cached = spreadsCache[key] { return cached }
        var spreads: [FragmentSpread] = []
        var setsToVisit = [selectionSet]
        while let set = setsToVisit.popLast() {
            for selection in set.selections {
                switch selection {
                case .fragmentSpread(let spread): spreads.append(spread)
                case .field(let field): if let sub = field.selectionSet { setsToVisit.append(sub) }
                case .inlineFragment(let fragment): setsToVisit.append(fragment.selectionSet)
                }
            }
        }
        if let key { spreadsCache[key] = spreads }
        return spreads
    }

    /// The fragments an operation uses, directly or through other fragments, in graphql-js's order.
    func recursivelyReferencedFragments(_ operation: OperationDefinition) -> [FragmentDefinition] {
        var result: [FragmentDefinition] = []
        var collected: Set<String> = []
        var setsToVisit = [operation.selectionSet]
        while let set = setsToVisit.popLast() {
            for spread in fragmentSpreads(set) where collected.insert(spread.name.value).inserted {
                if let fragment = fragments[spread.name.value] {
                    result.append(fragment)
                    setsToVisit.append(fragment.selectionSet)
                }
            }
        }
        return result
    }

    /// The variables used in the operation being walked and in the fragments it uses, with the
    /// input type of each position and whether it has a default value. Valid while the walk
    /// leaves the operation.
    func recursiveVariableUsages(_ operation: OperationDefinition) -> [VariableUsage] {
        if let cached = walkedOperationRecursiveUsages { return cached }
        var usages = walkedUsages
        for fragment in recursivelyReferencedFragments(operation) {
            usages += variableUsages(fragment)
        }
        walkedOperationRecursiveUsages = usages
        return usages
    }

    /// The variables a fragment uses (not through other fragments): recorded by the walk if it has
    /// passed the fragment, else collected by a walk of its own.
    private func variableUsages(_ fragment: FragmentDefinition) -> [VariableUsage] {
        if let cached = fragmentUsagesCache[fragment.name.value] { return cached }
        var collector = VariableUsageCollector(schema: schema)
        collector.collect(fragment)
        fragmentUsagesCache[fragment.name.value] = collector.usages
        return collector.usages
    }

    /// Called by the walk as it enters an operation or fragment.
    func beginDefinition() {
        walkedUsages = []
        walkedOperationRecursiveUsages = nil
    }

    /// Called by the walk for each variable in a value of the operation or fragment it walks.
    func recordUsage(_ variable: Variable) {
        walkedUsages.append(
            VariableUsage(node: variable, type: typeInfo.inputType, hasDefaultValue: typeInfo.hasDefaultValue)
        )
    }

    /// Called by the walk as it leaves a fragment: keeps its usages for the operations that spread it.
    func endFragment(_ fragment: FragmentDefinition) {
        let name = fragment.name.value
        if fragmentUsagesCache[name] == nil && fragments[name]?.loc == fragment.loc {
            fragmentUsagesCache[name] = walkedUsages
        }
    }
}
