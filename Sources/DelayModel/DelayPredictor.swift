/// The model's answer for one row.
public struct DelayPrediction: Sendable, Hashable {
    /// P(departure delay > 15 minutes): the share of delayed training rows in the leaf.
    public var probability: Double
    /// The mean departure delay in minutes of the training rows in the leaf.
    public var expectedDelayMinutes: Double
    /// The index of the leaf in `DecisionTree.nodes`.
    public var leaf: Int
}

/// One split on the root-to-leaf path of a row.
public struct ExplanationStep: Sendable, Hashable {
    /// The feature's name.
    public var feature: String
    /// The row's value as text ("missing" when absent).
    public var value: String
    /// The split's condition as text, e.g. `sched_dep_hour <= 14.5`, `carrier in {EV, FL}`,
    /// `carrier not in {AA, DL}` or `temp <= 50.5 or missing`. Rows that satisfy it go left.
    public var condition: String
    /// Whether the row satisfies the condition.
    public var satisfied: Bool
}

/// A prediction with the path that produced it.
public struct Explanation: Sendable, Hashable {
    public var prediction: DelayPrediction
    public var steps: [ExplanationStep]
}

/// Serves a trained model: encodes rows with the artifact's category codes and walks the tree.
///
/// A categorical value unseen in training, and any missing value, follows each split's default
/// direction (`TreeNode.missingGoesLeft`, see `CARTTrainer`).
public final class DelayPredictor: Sendable {
    /// The model served.
    public let artifact: ModelArtifact
    private let tree: DecisionTree
    private let kinds: [FeatureKind]
    private let codeOfCategory: [[String: Int32]]

    public init(_ artifact: ModelArtifact) {
        self.artifact = artifact
        tree = artifact.tree
        kinds = artifact.spec.features.map(\.kind)
        codeOfCategory = artifact.categories.map { names in
            Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, Int32($0)) })
        }
    }

    /// Predicts one row in `artifact.spec` order. No heap allocation besides the row itself.
    public func predict(_ row: FeatureRow) -> DelayPrediction {
        withEncoded(row) { prediction(leaf: tree.leafIndex(UnsafeBufferPointer($0))) }
    }

    /// Predicts one row and lists the splits on its root-to-leaf path.
    public func explain(_ row: FeatureRow) -> Explanation {
        let path = withEncoded(row) { tree.path(UnsafeBufferPointer($0)) }
        var steps: [ExplanationStep] = []
        for (index, child) in zip(path, path.dropFirst()) {
            let node = tree.nodes[index]
            let feature = Int(node.feature)
            steps.append(
                ExplanationStep(
                    feature: artifact.spec.features[feature].name,
                    value: Self.text(of: row.values[feature]),
                    condition: condition(node),
                    satisfied: child == Int(node.left)
                )
            )
        }
        return Explanation(prediction: prediction(leaf: path[path.count - 1]), steps: steps)
    }

    /// Predicts every row of `set` (whose category codes are translated to the artifact's).
    public func predict(_ set: TrainingSet) -> (probabilities: [Double], expectedDelays: [Double]) {
        precondition(set.spec == artifact.spec, "the set's features differ from the model's")
        let translation = set.categories.enumerated().map { feature, names in
            names.map { codeOfCategory[feature][$0] ?? -1 }
        }
        var probabilities = [Double](repeating: 0, count: set.count)
        var delays = [Double](repeating: 0, count: set.count)
        var encoded = [Double](repeating: 0, count: set.spec.count)
        for row in 0..<set.count {
            for feature in 0..<set.spec.count {
                switch kinds[feature] {
                case .numeric: encoded[feature] = set.numericColumns[feature][row]
                case .categorical:
                    let code = set.codeColumns[feature][row]
                    encoded[feature] = code < 0 ? -1 : Double(translation[feature][Int(code)])
                }
            }
            let leaf = tree.nodes[encoded.withUnsafeBufferPointer { tree.leafIndex($0) }]
            probabilities[row] = leaf.probability
            delays[row] = leaf.meanDelay
        }
        return (probabilities, delays)
    }

    private func prediction(leaf: Int) -> DelayPrediction {
        DelayPrediction(
            probability: tree.nodes[leaf].probability,
            expectedDelayMinutes: tree.nodes[leaf].meanDelay,
            leaf: leaf
        )
    }

    /// Runs `body` on the row encoded as numbers (category codes for categorical features, `-1` = unseen or
    /// missing; `NaN` = missing number) in a stack buffer.
    private func withEncoded<Result>(
        _ row: FeatureRow,
        _ body: (UnsafeMutableBufferPointer<Double>) -> Result
    ) -> Result {
        precondition(row.values.count == kinds.count, "row has \(row.values.count) values, model has \(kinds.count)")
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: kinds.count) { buffer in
            for (feature, value) in row.values.enumerated() {
                switch (kinds[feature], value) {
                case (.numeric, .number(let number)): buffer[feature] = number
                case (.categorical, .category(let name)): buffer[feature] = Double(codeOfCategory[feature][name] ?? -1)
                case (.numeric, _): buffer[feature] = .nan
                case (.categorical, _): buffer[feature] = -1
                }
            }
            return body(buffer)
        }
    }

    private func condition(_ node: TreeNode) -> String {
        let name = artifact.spec.features[Int(node.feature)].name
        guard node.isCategorical else {
            return "\(name) <= \(Self.text(of: node.threshold))" + (node.missingGoesLeft ? " or missing" : "")
        }
        let names = artifact.categories[Int(node.feature)]
        let left = Set(tree.leftCategoryCodes(of: node, categoryCount: names.count))
        // Unseen categories follow the default direction, so name the side that does not include them.
        if node.missingGoesLeft {
            let right = names.indices.filter { !left.contains($0) }.map { names[$0] }.sorted()
            return "\(name) not in {\(right.joined(separator: ", "))}"
        }
        return "\(name) in {\(left.map { names[$0] }.sorted().joined(separator: ", "))}"
    }

    static func text(of value: FeatureValue) -> String {
        switch value {
        case .number(let number): number.isNaN ? "missing" : text(of: number)
        case .category(let name): name
        case .missing: "missing"
        }
    }

    /// A number as short text: integral values without a fraction ("14"), others as Swift prints them.
    static func text(of number: Double) -> String {
        if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
        return "\(number)"
    }
}
