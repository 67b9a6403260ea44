/// One node of a `DecisionTree`. A leaf has `feature == -1`.
///
/// Routing at a split: a row goes left when its value satisfies the split, right otherwise.
/// - numeric (`isCategorical == false`): left iff `value <= threshold`;
/// - categorical: left iff the bit of the category code is set in the node's words of
///   `DecisionTree.categoryWords` (`categoryOffset ..< categoryOffset + categoryWordCount`, bit `code % 64` of
///   word `code / 64`).
/// A missing value (numeric `NaN`, categorical code `-1`) and a category code beyond the node's bit set
/// (a category unseen in training) go left iff `missingGoesLeft`.
public struct TreeNode: Codable, Sendable, Hashable {
    /// The split feature's index in the `FeatureSpec`, or -1 for a leaf.
    public var feature: Int32
    /// Whether the split is a categorical subset split.
    public var isCategorical: Bool
    /// The numeric split threshold (0 for categorical splits and leaves).
    public var threshold: Double
    /// The first word of the categorical split's bit set in `DecisionTree.categoryWords`.
    public var categoryOffset: Int32
    /// The number of 64-bit words of the categorical split's bit set.
    public var categoryWordCount: Int32
    /// Where missing values and unseen categories go.
    public var missingGoesLeft: Bool
    /// The index of the left child (-1 for a leaf).
    public var left: Int32
    /// The index of the right child (-1 for a leaf).
    public var right: Int32
    /// The number of training rows that reached the node.
    public var samples: Int32
    /// The share of delayed training rows at the node: the classifier's probability.
    public var probability: Double
    /// The mean departure delay in minutes of the training rows at the node: the regression head
    /// (the leaf value that minimises squared error).
    public var meanDelay: Double
    /// The Gini impurity of the node's training rows.
    public var impurity: Double

    /// Whether the node is a leaf.
    public var isLeaf: Bool { feature < 0 }
}

/// A binary decision tree as a flat array of nodes; the root is node 0. A pure value: prediction reads it,
/// training builds it, and the artifact stores it.
public struct DecisionTree: Codable, Sendable, Hashable {
    /// The nodes; children always have larger indices than their parent.
    public var nodes: [TreeNode]
    /// The bit sets of all categorical splits, concatenated.
    public var categoryWords: [UInt64]

    public init(nodes: [TreeNode], categoryWords: [UInt64]) {
        self.nodes = nodes
        self.categoryWords = categoryWords
        checkInvariants()
    }

    /// The number of leaves.
    public var leafCount: Int { nodes.count(where: \.isLeaf) }

    /// The depth: the number of splits on the longest root-to-leaf path.
    public var depth: Int {
        var depths = [Int](repeating: 0, count: nodes.count)
        var deepest = 0
        for (index, node) in nodes.enumerated() where !node.isLeaf {
            depths[Int(node.left)] = depths[index] + 1
            depths[Int(node.right)] = depths[index] + 1
            deepest = max(deepest, depths[index] + 1)
        }
        return deepest
    }

    /// Whether a row with `value` for the node's feature goes left at split node `node`: `value` is the number, or
    /// the category code as a `Double` for categorical splits (`-1` or `NaN` = missing or unseen).
    @inline(__always)
    static func goesLeft(_ node: TreeNode, value: Double, words: UnsafeBufferPointer<UInt64>) -> Bool {
        if node.isCategorical {
            guard value >= 0, value < Double(node.categoryWordCount) * 64 else { return node.missingGoesLeft }
            let code = Int(value)
            return words[Int(node.categoryOffset) + (code >> 6)] & (1 << UInt64(code & 63)) != 0
        }
        if value.isNaN { return node.missingGoesLeft }
        return value <= node.threshold
    }

    /// The index of the leaf an encoded row reaches. `row[i]` holds feature `i` of the spec: the number for
    /// a numeric feature (`NaN` = missing), the category code for a categorical one (`-1` = missing/unseen).
    public func leafIndex(_ row: UnsafeBufferPointer<Double>) -> Int {
        nodes.withUnsafeBufferPointer { nodes in
            categoryWords.withUnsafeBufferPointer { words in
                var index = 0
                while true {
                    let node = nodes[index]
                    if node.isLeaf { return index }
                    let left = Self.goesLeft(node, value: row[Int(node.feature)], words: words)
                    index = Int(left ? node.left : node.right)
                }
            }
        }
    }

    /// The node indices from the root to the leaf an encoded row reaches (see `leafIndex(_:)`).
    public func path(_ row: UnsafeBufferPointer<Double>) -> [Int] {
        categoryWords.withUnsafeBufferPointer { words in
            var path = [0]
            var index = 0
            while !nodes[index].isLeaf {
                let node = nodes[index]
                index = Int(Self.goesLeft(node, value: row[Int(node.feature)], words: words) ? node.left : node.right)
                path.append(index)
            }
            return path
        }
    }

    /// The category codes whose bit is set at categorical split `node` (the categories that go left),
    /// limited to codes below `categoryCount`.
    public func leftCategoryCodes(of node: TreeNode, categoryCount: Int) -> [Int] {
        (0..<min(categoryCount, Int(node.categoryWordCount) * 64)).filter { code in
            categoryWords[Int(node.categoryOffset) + (code >> 6)] & (1 << UInt64(code & 63)) != 0
        }
    }

    /// A description of the first broken structural invariant, or `nil` when the tree is well formed:
    /// a non-empty node array, children after their parent and reached exactly once, leaves without
    /// children, categorical bit sets inside `categoryWords`, probabilities in [0, 1], finite values.
    public func invariantViolation(featureCount: Int) -> String? {
        if nodes.isEmpty { return "the tree has no nodes" }
        var parents = [Int](repeating: 0, count: nodes.count)
        for (index, node) in nodes.enumerated() {
            if !(0...1).contains(node.probability) { return "node \(index): probability \(node.probability)" }
            if !node.meanDelay.isFinite || !node.threshold.isFinite || !node.impurity.isFinite {
                return "node \(index): non-finite value"
            }
            if node.samples < 1 { return "node \(index): no samples" }
            if node.isLeaf {
                if node.feature != -1 || node.left != -1 || node.right != -1 { return "leaf \(index) has children" }
                continue
            }
            if node.feature >= featureCount { return "node \(index): feature \(node.feature) out of range" }
            for child in [node.left, node.right] {
                guard child > index, child < nodes.count else { return "node \(index): child \(child) out of order" }
                parents[Int(child)] += 1
            }
            if node.isCategorical {
                let end = Int(node.categoryOffset) + Int(node.categoryWordCount)
                if node.categoryOffset < 0 || node.categoryWordCount < 1 || end > categoryWords.count {
                    return "node \(index): category bit set outside the tree's words"
                }
            }
        }
        if parents[0] != 0 { return "the root has a parent" }
        if let orphan = parents.dropFirst().firstIndex(where: { $0 != 1 }) {
            return "node \(orphan) is reached \(parents[orphan]) times"
        }
        return nil
    }

    /// Checks the structural invariants in debug builds (a no-op in release builds).
    @inline(__always)
    func checkInvariants() {
        #if DEBUG
        if let violation = invariantViolation(featureCount: Int(Int32.max)) {
            preconditionFailure("DecisionTree invariant: \(violation)")
        }
        #endif
    }
}
