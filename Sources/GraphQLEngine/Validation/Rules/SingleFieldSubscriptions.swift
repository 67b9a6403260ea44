extension ValidationRule {
    /// Single Root Field: a subscription selects exactly one top-level field, and not an
    /// introspection field. See https://spec.graphql.org/October2021/#sec-Single-root-field
    public static let singleFieldSubscriptions = ValidationRule(name: "SingleFieldSubscriptions") { context in
        var visitor = ValidationVisitor()
        visitor.enterOperation = { operation in
            guard operation.operation == .subscription,
                let subscriptionType = context.schema.subscriptionType
            else { return }
            let subject = operation.name.map { "Subscription \"\($0.value)\"" } ?? "Anonymous Subscription"
            var collector = RootFieldCollector(context: context, runtimeType: subscriptionType.name)
            collector.collect(operation.selectionSet)
            if collector.responseKeys.count > 1 {
                let extra = collector.responseKeys.dropFirst().flatMap { collector.fields[$0]! }
                context.report("\(subject) must select only one top level field.", extra.map(\.loc))
            }
            for key in collector.responseKeys {
                let fields = collector.fields[key]!
                if fields[0].name.value.hasPrefix("__") {
                    context.report("\(subject) must not select an introspection top level field.", fields.map(\.loc))
                }
            }
        }
        return visitor
    }
}

/// The fields of a selection set by response key, as execution's `CollectFields` groups them
/// with no variable values (graphql-js `collectFields`).
private struct RootFieldCollector {
    let context: ValidationContext
    let runtimeType: String
    var responseKeys: [String] = []
    var fields: [String: [Field]] = [:]
    private var visitedFragments: Set<String> = []

    init(context: ValidationContext, runtimeType: String) {
        self.context = context
        self.runtimeType = runtimeType
    }

    mutating func collect(_ selectionSet: SelectionSet) {
        for selection in selectionSet.selections {
            switch selection {
            case .field(let field):
                guard shouldInclude(field.directives) else { continue }
                let key = field.responseKey
                if fields[key] == nil { responseKeys.append(key) }
                fields[key, default: []].append(field)
            case .inlineFragment(let fragment):
                guard shouldInclude(fragment.directives), conditionMatches(fragment.typeCondition) else { continue }
                collect(fragment.selectionSet)
            case .fragmentSpread(let spread):
                let name = spread.name.value
                guard !visitedFragments.contains(name), shouldInclude(spread.directives) else { continue }
                visitedFragments.insert(name)
                guard let fragment = context.fragments[name], conditionMatches(fragment.typeCondition) else { continue }
                collect(fragment.selectionSet)
            }
        }
    }

    /// `@skip(if: true)` and `@include(if: false)` exclude a selection; only literal conditions
    /// are known during validation.
    private func shouldInclude(_ directives: [Directive]) -> Bool {
        for directive in directives {
            guard let argument = directive.arguments.first(where: { $0.name.value == "if" }),
                case .boolean(let condition) = argument.value
            else { continue }
            if directive.name.value == "skip" && condition.value { return false }
            if directive.name.value == "include" && !condition.value { return false }
        }
        return true
    }

    private func conditionMatches(_ condition: NamedType?) -> Bool {
        guard let condition else { return true }
        let name = condition.name.value
        guard let type = context.schema.type(named: name) else { return false }
        if name == runtimeType { return true }
        return type.isAbstractType && context.schema.isSubType(name, runtimeType)
    }
}
