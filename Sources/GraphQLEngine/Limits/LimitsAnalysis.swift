/// The limits analysis of a valid document, prepared once and cached with it: the costs that could
/// not be checked without the request's variables.
public struct LimitsAnalysis: Sendable {
    /// An operation whose cost depends on variables.
    struct VariableCost: Sendable {
        let operationName: String?
        let cost: OperationCost
        /// The integer defaults of the operation's variables.
        let defaults: [String: Int]
        let location: SourceLocation?
    }

    let maxCost: Int?
    let variableCosts: [VariableCost]

    /// The `MAX_COST_EXCEEDED` error of the operation `operationName` selects (the only one when nil),
    /// if its cost with `variables` is over the limit; nil otherwise and when its cost was already
    /// checked at preparation.
    public func costError(operationName: String?, variables: JSONObject?) -> GraphQLError? {
        guard let maxCost, !variableCosts.isEmpty else { return nil }
        let selected =
            operationName.map { name in variableCosts.first { $0.operationName == name } }
            ?? (variableCosts.count == 1 ? variableCosts.first : nil)
        guard let operation = selected else { return nil }
        var effective = variables ?? JSONObject()
        for (name, value) in operation.defaults where effective[name] == nil || effective[name] == .null {
            effective[name] = .int(value)
        }
        let cost = operation.cost.value(variables: effective)
        return cost > maxCost ? limitError(costMessage(cost, maxCost), LimitErrorCode.cost, operation.location) : nil
    }
}

/// Checks a valid document against `limits`: the errors of every operation over a limit, or what is
/// left to check at execution.
func analyzeLimits(
    _ document: Document,
    _ schema: Schema,
    _ limits: OperationLimits
) -> Result<LimitsAnalysis, RequestFailure> {
    var analyzer = LimitsAnalyzer(document: document, schema: schema, limits: limits)
    var errors: [GraphQLError] = []
    var variableCosts: [LimitsAnalysis.VariableCost] = []
    for case .operation(let operation) in document.definitions {
        guard let root = schema.rootType(operation.operation) else { continue }
        let summary = analyzer.summarize(operation.selectionSet, on: root.name, nesting: 0)
        let location = operation.loc?.location
        if let maxDepth = limits.maxDepth, summary.depth > maxDepth {
            errors.append(
                limitError(
                    "The operation is \(summary.depth) fields deep; the limit is \(maxDepth).",
                    LimitErrorCode.depth,
                    location
                )
            )
        }
        if let maxAliases = limits.maxAliases, summary.aliases > maxAliases {
            errors.append(
                limitError(
                    "The operation uses \(summary.aliases) aliases; the limit is \(maxAliases).",
                    LimitErrorCode.aliases,
                    location
                )
            )
        }
        if let maxSelections = limits.maxSelections, summary.selections > maxSelections {
            errors.append(
                limitError(
                    "The operation selects \(summary.selections) fields; the limit is \(maxSelections).",
                    LimitErrorCode.selections,
                    location
                )
            )
        }
        if !limits.introspection, let introspection = summary.introspection {
            errors.append(
                limitError(
                    "Introspection is disabled on this server: __schema and __type cannot be queried.",
                    LimitErrorCode.introspection,
                    introspection
                )
            )
        }
        if let maxCost = limits.maxCost {
            if let cost = summary.cost.constantValue {
                if cost > maxCost {
                    errors.append(limitError(costMessage(cost, maxCost), LimitErrorCode.cost, location))
                }
            } else {
                var defaults: [String: Int] = [:]
                for definition in operation.variableDefinitions {
                    if case .int(let literal)? = definition.defaultValue {
                        defaults[definition.variable.name.value] = count(literal)
                    }
                }
                variableCosts.append(
                    .init(
                        operationName: operation.name?.value,
                        cost: summary.cost,
                        defaults: defaults,
                        location: location
                    )
                )
            }
        }
    }
    if !errors.isEmpty { return .failure(RequestFailure(stage: .validation, errors: errors)) }
    return .success(LimitsAnalysis(maxCost: limits.maxCost, variableCosts: variableCosts))
}

private func costMessage(_ cost: Int, _ maxCost: Int) -> String {
    "The operation's estimated cost is \(cost == Int.max ? "unbounded" : String(cost)); the limit is \(maxCost)."
}

private func limitError(_ message: String, _ code: String, _ location: SourceLocation?) -> GraphQLError {
    GraphQLError(message, locations: location.map { [$0] } ?? [], extensions: [.init(key: "code", value: code)])
}

/// An integer literal as a count: negative is 0, too large is `Int.max`.
private func count(_ literal: IntValue) -> Int {
    guard let value = Int(literal.value) else { return literal.value.hasPrefix("-") ? 0 : Int.max }
    return max(0, value)
}

/// What the limits measure of a selection set (with fragments expanded).
private struct SelectionSummary {
    var depth = 0
    var aliases = 0
    var selections = 0
    /// The first `__schema` or `__type` selected.
    var introspection: SourceLocation?
    var cost = OperationCost(constant: 0, scaled: [])

    /// Adds a sibling selection's summary (a fragment or inline fragment at the same level).
    mutating func merge(_ other: SelectionSummary) {
        depth = max(depth, other.depth)
        aliases = saturatingAdd(aliases, other.aliases)
        selections = saturatingAdd(selections, other.selections)
        introspection = introspection ?? other.introspection
    }
}

/// Summarizes selection sets against the schema, each fragment once (fragment spreads reuse its
/// summary, so a document that spreads fragments exponentially is measured in linear time).
private struct LimitsAnalyzer {
    /// Fragment spreads nested deeper than this are refused rather than followed (each level is a
    /// stack frame).
    static let maxFragmentNesting = 64

    let schema: Schema
    let limits: OperationLimits
    let fragments: [String: FragmentDefinition]
    /// Types returned by a field with a `first` argument: their list fields are the page.
    let pageTypes: Set<String>
    var fragmentSummaries: [String: SelectionSummary] = [:]

    init(document: Document, schema: Schema, limits: OperationLimits) {
        self.schema = schema
        self.limits = limits
        var fragments: [String: FragmentDefinition] = [:]
        for case .fragment(let fragment) in document.definitions { fragments[fragment.name.value] = fragment }
        self.fragments = fragments
        var pageTypes: Set<String> = []
        for name in schema.typeNames {
            for field in schema.type(named: name)?.fields ?? [] where field.argument("first") != nil {
                pageTypes.insert(field.type.namedType)
            }
        }
        self.pageTypes = pageTypes
    }

    mutating func summarize(_ selectionSet: SelectionSet, on typeName: String, nesting: Int) -> SelectionSummary {
        var summary = SelectionSummary()
        var constant = 0
        var scaled: [(multiplier: OperationCost.Multiplier, term: OperationCost)] = []
        func add(_ multiplier: OperationCost.Multiplier, _ term: OperationCost) {
            if case .constant(let factor) = multiplier, let value = term.constantValue {
                constant = saturatingAdd(constant, saturatingMultiply(factor, value))
            } else {
                scaled.append((multiplier, term))
            }
        }
        for selection in selectionSet.selections {
            switch selection {
            case .field(let field):
                summary.selections = saturatingAdd(summary.selections, 1)
                if field.alias != nil { summary.aliases = saturatingAdd(summary.aliases, 1) }
                let name = field.name.value
                summary.depth = max(summary.depth, 1)
                if name == "__typename" { continue }
                if name == "__schema" || name == "__type" {
                    summary.introspection = summary.introspection ?? field.loc?.location
                    constant = saturatingAdd(constant, 1)
                    continue
                }
                constant = saturatingAdd(constant, 1)
                guard let definition = schema.type(named: typeName)?.field(name), let childSet = field.selectionSet
                else { continue }
                let child = summarize(childSet, on: definition.type.namedType, nesting: nesting)
                summary.merge(child)
                summary.depth = max(summary.depth, saturatingAdd(child.depth, 1))
                add(multiplier(field, definition, parentType: typeName), child.cost)
            case .inlineFragment(let fragment):
                let child = summarize(
                    fragment.selectionSet,
                    on: fragment.typeCondition?.name.value ?? typeName,
                    nesting: nesting
                )
                summary.merge(child)
                add(.constant(1), child.cost)
            case .fragmentSpread(let spread):
                let child = fragmentSummary(spread.name.value, nesting: nesting + 1)
                summary.merge(child)
                add(.constant(1), child.cost)
            }
        }
        summary.cost = OperationCost(constant: constant, scaled: scaled)
        return summary
    }

    private mutating func fragmentSummary(_ name: String, nesting: Int) -> SelectionSummary {
        if let known = fragmentSummaries[name] { return known }
        guard let fragment = fragments[name] else { return SelectionSummary() }
        var summary: SelectionSummary
        if nesting > Self.maxFragmentNesting {
            // Deeper than any real document: measured as unboundedly deep so that the depth limit refuses it.
            summary = SelectionSummary()
            summary.depth = Int.max
        } else {
            summary = summarize(fragment.selectionSet, on: fragment.typeCondition.name.value, nesting: nesting)
        }
        fragmentSummaries[name] = summary
        return summary
    }

    /// How many times a field's selection set counts (see ``OperationCost``).
    private func multiplier(
        _ field: Field,
        _ definition: GraphQLField,
        parentType: String
    ) -> OperationCost.Multiplier {
        if let first = definition.argument("first") {
            var fallback = limits.assumedListSize
            if case .int(let literal)? = first.defaultValue { fallback = count(literal) }
            switch field.arguments.first(where: { $0.name.value == "first" })?.value {
            case .int(let literal)?: return .constant(count(literal))
            case .variable(let variable)?: return .variable(name: variable.name.value, fallback: fallback)
            default: return .constant(fallback)
            }
        }
        if definition.type.nullable.listItemType != nil, !pageTypes.contains(parentType) {
            return .constant(limits.assumedListSize)
        }
        return .constant(1)
    }
}
