/// One field of a selection set after collection (spec `CollectFields`): its response key and
/// every node that selects it.
struct CollectedField: Sendable {
    var responseKey: String
    var fields: [Field]
}

/// What stays fixed while one operation executes: schema, resolvers, operation, fragments,
/// coerced variables and the application's request context.
final class OperationContext: Sendable {
    let executable: ExecutableSchema
    let operation: OperationDefinition
    let fragments: [String: FragmentDefinition]
    let variables: JSONObject
    let request: any Sendable

    var schema: Schema { executable.schema }

    init(
        executable: ExecutableSchema,
        operation: OperationDefinition,
        fragments: [String: FragmentDefinition],
        variables: JSONObject,
        request: any Sendable
    ) {
        self.executable = executable
        self.operation = operation
        self.fragments = fragments
        self.variables = variables
        self.request = request
    }

    /// Spec `CollectFields`: the fields of a selection set for an object type, fragments
    /// expanded once each, `@skip`/`@include` applied, grouped by response key in order.
    func collectFields(_ typeName: String, _ selectionSet: SelectionSet) -> [CollectedField] {
        var result: [CollectedField] = []
        var index: [String: Int] = [:]
        var visited: Set<String> = []
        collect(typeName, selectionSet, &result, &index, &visited)
        return result
    }

    /// The collected fields of the sub-selections of a field's nodes, for an object type.
    func collectSubfields(_ typeName: String, _ nodes: [Field]) -> [CollectedField] {
        var result: [CollectedField] = []
        var index: [String: Int] = [:]
        var visited: Set<String> = []
        for node in nodes {
            if let selectionSet = node.selectionSet { collect(typeName, selectionSet, &result, &index, &visited) }
        }
        return result
    }

    private func collect(
        _ typeName: String,
        _ selectionSet: SelectionSet,
        _ result: inout [CollectedField],
        _ index: inout [String: Int],
        _ visited: inout Set<String>
    ) {
        for selection in selectionSet.selections {
            switch selection {
            case .field(let field):
                guard shouldInclude(field.directives) else { continue }
                let key = field.responseKey
                if let position = index[key] {
                    result[position].fields.append(field)
                } else {
                    index[key] = result.count
                    result.append(CollectedField(responseKey: key, fields: [field]))
                }
            case .inlineFragment(let fragment):
                guard shouldInclude(fragment.directives),
                    fragment.typeCondition.map({ conditionMatches($0.name.value, typeName) }) ?? true
                else { continue }
                collect(typeName, fragment.selectionSet, &result, &index, &visited)
            case .fragmentSpread(let spread):
                let name = spread.name.value
                guard !visited.contains(name), shouldInclude(spread.directives) else { continue }
                visited.insert(name)
                guard let fragment = fragments[name], conditionMatches(fragment.typeCondition.name.value, typeName)
                else { continue }
                collect(typeName, fragment.selectionSet, &result, &index, &visited)
            }
        }
    }

    private func conditionMatches(_ condition: String, _ typeName: String) -> Bool {
        schema.isPossibleType(condition, typeName)
    }

    /// `@skip(if:)` and `@include(if:)`, with literal or variable conditions.
    private func shouldInclude(_ directives: [Directive]) -> Bool {
        if directives.isEmpty { return true }
        for directive in directives {
            let name = directive.name.value
            guard name == "skip" || name == "include" else { continue }
            guard let argument = directive.arguments.first(where: { $0.name.value == "if" }) else { continue }
            let condition: Bool
            switch argument.value {
            case .boolean(let node): condition = node.value
            case .variable(let variable):
                guard case .bool(let value) = variables[variable.name.value] else { continue }
                condition = value
            default: continue
            }
            if name == "skip" && condition { return false }
            if name == "include" && !condition { return false }
        }
        return true
    }
}
