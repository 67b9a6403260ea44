extension ValidationRule {
    /// Fragment Spreads Must Not Form Cycles: reports every cycle once, with the spreads along it.
    /// See https://spec.graphql.org/October2021/#sec-Fragment-spreads-must-not-form-cycles
    public static let noFragmentCycles = ValidationRule(name: "NoFragmentCycles") { context in
        let detector = FragmentCycleDetector(context)
        var visitor = ValidationVisitor()
        visitor.enterFragmentDefinition = { fragment in detector.detectCycles(from: fragment) }
        return visitor
    }
}

/// A depth-first search over fragment spreads that reports each cycle it closes (graphql-js's
/// `detectCycleRecursive`); fragments already visited are not searched again.
private final class FragmentCycleDetector {
    private let context: ValidationContext
    private var visited: Set<String> = []
    private var spreadPath: [FragmentSpread] = []
    private var spreadPathIndexByName: [String: Int] = [:]

    init(_ context: ValidationContext) {
        self.context = context
    }

    func detectCycles(from fragment: FragmentDefinition) {
        let name = fragment.name.value
        if !visited.insert(name).inserted { return }
        let spreads = context.fragmentSpreads(fragment.selectionSet)
        if spreads.isEmpty { return }
        spreadPathIndexByName[name] = spreadPath.count
        for spread in spreads {
            let spreadName = spread.name.value
            spreadPath.append(spread)
            if let cycleIndex = spreadPathIndexByName[spreadName] {
                let cyclePath = spreadPath[cycleIndex...]
                let via = cyclePath.dropLast().map { "\"" + $0.name.value + "\"" }.joined(separator: ", ")
                context.report(
                    "Cannot spread fragment \"\(spreadName)\" within itself" + (via.isEmpty ? "." : " via \(via)."),
                    cyclePath.map(\.loc)
                )
            } else if let next = context.fragments[spreadName] {
                detectCycles(from: next)
            }
            spreadPath.removeLast()
        }
        spreadPathIndexByName[name] = nil
    }
}
