/// CART training settings.
public struct HyperParameters: Codable, Sendable, Hashable {
    /// The maximum number of splits on a root-to-leaf path.
    public var maxDepth: Int
    /// The minimum number of training rows in each leaf.
    public var minSamplesLeaf: Int
    /// A split is made only if it lowers the weighted Gini impurity, `n_node / n_total · (impurity −
    /// n_left / n_node · impurity_left − n_right / n_node · impurity_right)` (scikit-learn's definition), by at
    /// least this much.
    public var minImpurityDecrease: Double
    /// The maximum number of bins of a numeric feature (2…65,535). A feature with at most this many
    /// distinct training values gets one bin per value, which makes the split search exact.
    public var maxBins: Int
    /// Features the tree never splits on (they stay in the spec, the rows and the reference distributions).
    public var excludedFeatures: [String]

    /// The defaults: depth 5, 200 rows per leaf, no minimum decrease, 255 bins, `month` excluded.
    ///
    /// Chosen on a time split inside the training months (train on months 1–6, validate on 7–9): depth 5 had
    /// the best validation AUC (0.7116; depth 4: 0.698, 6: 0.708, 8: 0.703, 10: 0.699) and
    /// `min_samples_leaf` 50–1,000 changed it by < 0.001. `month` is excluded because a model trained on
    /// months 1–9 never sees the months it serves: every month split sends all later months down the
    /// "month > x" side, an extrapolation (scikit-learn's test AUC rises 0.658 → 0.672 without it).
    public init(
        maxDepth: Int = 5,
        minSamplesLeaf: Int = 200,
        minImpurityDecrease: Double = 0,
        maxBins: Int = 255,
        excludedFeatures: [String] = ["month"]
    ) {
        self.maxDepth = maxDepth
        self.minSamplesLeaf = minSamplesLeaf
        self.minImpurityDecrease = minImpurityDecrease
        self.maxBins = maxBins
        self.excludedFeatures = excludedFeatures
    }
}

/// A trained tree and the Gini importances of the spec's features (normalised to sum 1; all zero when the
/// tree is a single leaf).
public struct CARTFit: Sendable {
    public var tree: DecisionTree
    public var importances: [Double]
}

/// Trains a CART classification tree (Gini) whose nodes also carry the mean delay (the regression head).
///
/// - Numeric features are pre-binned once: one bin per distinct training value when there are at most
///   `maxBins` of them (exact search), else `maxBins` quantile bins. Thresholds lie midway between the largest
///   training value left and the smallest training value right of the split, as in scikit-learn.
/// - Categorical features split by category subsets: the categories present at the node are ordered by
///   their share of delayed rows and only the prefixes of that order are tried. For a binary target and
///   Gini impurity this finds the optimal binary partition (Breiman et al., 1984, Theorem 4.5) with k − 1
///   candidates instead of 2^(k−1) − 1 (when `minSamplesLeaf` rules the optimum out, the best admissible
///   prefix is taken).
/// - Missing values (numeric `NaN`, categorical code -1) form their own bin. When a node has missing
///   training values, every candidate split is tried with them going left and going right and the better
///   direction is learned (including "all values against missing", whose threshold is the node's largest
///   training value); otherwise missing values go to the child with more training rows. Categories
///   absent from a node's training rows, and categories never seen in training, follow the same default
///   direction. Serving applies exactly these directions.
/// - A node is split when its depth is below `maxDepth`, it is impure, both children keep at least
///   `minSamplesLeaf` rows, and the best split lowers the impurity (by at least `minImpurityDecrease`).
/// - Deterministic: ties keep the first candidate in the order feature index, then threshold (or prefix
///   length), then missing values right before left; categories with equal shares are ordered by code.
public enum CARTTrainer {
    /// Trains a tree on `set`.
    public static func fit(_ set: TrainingSet, parameters: HyperParameters) -> CARTFit {
        precondition(set.count > 0, "cannot train on an empty set")
        precondition(parameters.maxDepth >= 0 && parameters.minSamplesLeaf >= 1, "invalid hyper-parameters")
        var grower = TreeGrower(set: set, parameters: parameters)
        return grower.grow()
    }
}

/// A feature's training values mapped to small bin numbers; the bin `binCount` holds missing values.
struct BinnedFeature {
    var feature: Int
    var isCategorical: Bool
    var bins: [UInt16]
    var binCount: Int
    /// Numeric features: the smallest and largest training value of each bin.
    var lower: [Double]
    var upper: [Double]
    /// The start of this feature's bins in a node histogram.
    var histogramOffset: Int

    init(numeric values: [Double], feature: Int, maxBins: Int, histogramOffset: Int) {
        let sorted = values.filter { !$0.isNaN }.sorted()
        var distinct: [Double] = []
        for value in sorted where distinct.last != value { distinct.append(value) }
        var edges: [Double] = []  // upper bounds of all bins but the last
        if distinct.count <= maxBins {
            edges = Array(distinct.dropLast())
        } else {
            for bin in 1..<maxBins {
                let edge = sorted[bin * sorted.count / maxBins - 1]
                if edge < sorted[sorted.count - 1] && (edges.last.map { $0 < edge } ?? true) { edges.append(edge) }
            }
        }
        let binCount = distinct.isEmpty ? 0 : edges.count + 1
        // Bin b holds the values in (edges[b - 1], edges[b]]. Every edge is a training value, so no bin is empty.
        var lower = Array(sorted.prefix(1)) + [Double](repeating: 0, count: max(binCount - 1, 0))
        var bin = 0
        for value in sorted {
            while bin < edges.count && value > edges[bin] {
                bin += 1
                lower[bin] = value
            }
        }
        let upper = edges + sorted.suffix(1)
        let bins = edges.withUnsafeBufferPointer { edges in
            values.map { value -> UInt16 in
                if value.isNaN { return UInt16(binCount) }
                var low = 0  // the first edge >= value, or edges.count
                var size = edges.count
                while size > 0 {
                    let half = size / 2
                    let below = edges[low + half] < value
                    low = below ? low + half + 1 : low
                    size = below ? size - half - 1 : half
                }
                return UInt16(low)
            }
        }
        self.init(
            feature: feature,
            isCategorical: false,
            bins: bins,
            binCount: binCount,
            lower: lower,
            upper: upper,
            histogramOffset: histogramOffset
        )
    }

    init(codes: [Int32], categoryCount: Int, feature: Int, histogramOffset: Int) {
        precondition(categoryCount < Int(UInt16.max), "too many categories")
        let bins = codes.map { $0 < 0 ? UInt16(categoryCount) : UInt16($0) }
        self.init(
            feature: feature,
            isCategorical: true,
            bins: bins,
            binCount: categoryCount,
            lower: [],
            upper: [],
            histogramOffset: histogramOffset
        )
    }

    init(
        feature: Int,
        isCategorical: Bool,
        bins: [UInt16],
        binCount: Int,
        lower: [Double],
        upper: [Double],
        histogramOffset: Int
    ) {
        self.feature = feature
        self.isCategorical = isCategorical
        self.bins = bins
        self.binCount = binCount
        self.lower = lower
        self.upper = upper
        self.histogramOffset = histogramOffset
    }
}

/// The best split found so far at a node.
struct SplitCandidate {
    var score: Double  // Σ over children of (positives² + negatives²) / rows; larger is better
    var binned: Int  // index into TreeGrower.features
    var boundary: Int  // numeric: the last bin going left; categorical: the prefix length
    var missingGoesLeft: Bool
    var leftRows: Int
}

/// The state of one training run.
struct TreeGrower {
    let parameters: HyperParameters
    let labels: [UInt8]
    let delays: [Double]
    let features: [BinnedFeature]
    let histogramSize: Int
    let featureCount: Int
    var order: [Int32]
    var scratch: [Int32]
    var nodes: [TreeNode] = []
    var categoryWords: [UInt64] = []
    var importances: [Double]

    /// A node waiting to be split: its rows are `order[start..<end]`; `histogram` holds (rows, positives)
    /// pairs per bin of every feature.
    struct Pending {
        var node: Int
        var start: Int
        var end: Int
        var depth: Int
        var positives: Int
        var histogram: [Int32]
    }

    init(set: TrainingSet, parameters: HyperParameters) {
        self.parameters = parameters
        labels = set.labels.map { $0 ? 1 : 0 }
        delays = set.depDelays
        featureCount = set.spec.count
        var features: [BinnedFeature] = []
        var offset = 0
        for (index, descriptor) in set.spec.features.enumerated()
        where !parameters.excludedFeatures.contains(descriptor.name) {
            let binned =
                switch descriptor.kind {
                case .numeric:
                    BinnedFeature(
                        numeric: set.numericColumns[index],
                        feature: index,
                        maxBins: min(max(parameters.maxBins, 2), Int(UInt16.max)),
                        histogramOffset: offset
                    )
                case .categorical:
                    BinnedFeature(
                        codes: set.codeColumns[index],
                        categoryCount: set.categories[index].count,
                        feature: index,
                        histogramOffset: offset
                    )
                }
            offset += binned.binCount + 1
            features.append(binned)
        }
        self.features = features
        histogramSize = 2 * offset
        order = (0..<Int32(set.count)).map { $0 }
        scratch = order
        importances = [Double](repeating: 0, count: set.spec.count)
    }

    mutating func grow() -> CARTFit {
        let rows = order.count
        var positives = 0
        var delaySum = 0.0
        for row in 0..<rows {
            positives += Int(labels[row])
            delaySum += delays[row]
        }
        nodes.append(Self.leaf(rows: rows, positives: positives, delaySum: delaySum))
        var stack: [Pending] = []
        if canSplit(rows: rows, positives: positives, depth: 0) {
            stack.append(
                Pending(node: 0, start: 0, end: rows, depth: 0, positives: positives, histogram: histogram(0, rows))
            )
        }
        while let pending = stack.popLast() {
            split(pending, into: &stack)
        }
        let total = importances.reduce(0, +)
        if total > 0 { importances = importances.map { $0 / total } }
        return CARTFit(tree: DecisionTree(nodes: nodes, categoryWords: categoryWords), importances: importances)
    }

    static func leaf(rows: Int, positives: Int, delaySum: Double) -> TreeNode {
        let probability = Double(positives) / Double(rows)
        return TreeNode(
            feature: -1,
            isCategorical: false,
            threshold: 0,
            categoryOffset: 0,
            categoryWordCount: 0,
            missingGoesLeft: false,
            left: -1,
            right: -1,
            samples: Int32(rows),
            probability: probability,
            meanDelay: delaySum / Double(rows),
            impurity: 2 * probability * (1 - probability)
        )
    }

    func canSplit(rows: Int, positives: Int, depth: Int) -> Bool {
        depth < parameters.maxDepth && rows >= 2 * parameters.minSamplesLeaf && positives > 0 && positives < rows
    }

    /// The (rows, positives) histogram of `order[start..<end]`.
    func histogram(_ start: Int, _ end: Int) -> [Int32] {
        var histogram = [Int32](repeating: 0, count: histogramSize)
        histogram.withUnsafeMutableBufferPointer { counts in
            order.withUnsafeBufferPointer { order in
                labels.withUnsafeBufferPointer { labels in
                    for feature in features {
                        feature.bins.withUnsafeBufferPointer { bins in
                            let base = 2 * feature.histogramOffset
                            for position in start..<end {
                                let row = Int(order[position])
                                let slot = base + 2 * Int(bins[row])
                                counts[slot] += 1
                                counts[slot + 1] += Int32(labels[row])
                            }
                        }
                    }
                }
            }
        }
        return histogram
    }

    static func score(_ rows: Int, _ positives: Int) -> Double {
        let p = Double(positives)
        let q = Double(rows - positives)
        return (p * p + q * q) / Double(rows)
    }

    /// The categories present in a node histogram, ordered by their share of positives (ties by code).
    func presentCategoriesByRate(_ feature: BinnedFeature, _ histogram: [Int32]) -> [Int] {
        let base = 2 * feature.histogramOffset
        return (0..<feature.binCount).filter { histogram[base + 2 * $0] > 0 }.sorted { a, b in
            // p_a / n_a < p_b / n_b, compared exactly in integers
            let lhs = Int(histogram[base + 2 * a + 1]) * Int(histogram[base + 2 * b])
            let rhs = Int(histogram[base + 2 * b + 1]) * Int(histogram[base + 2 * a])
            return lhs != rhs ? lhs < rhs : a < b
        }
    }

    func bestSplit(_ pending: Pending) -> SplitCandidate? {
        let rows = pending.end - pending.start
        let positives = pending.positives
        let histogram = pending.histogram
        let minLeaf = parameters.minSamplesLeaf
        var best: SplitCandidate?
        for (index, feature) in features.enumerated() {
            let base = 2 * feature.histogramOffset
            let missingRows = Int(histogram[base + 2 * feature.binCount])
            let missingPositives = Int(histogram[base + 2 * feature.binCount + 1])
            func consider(leftRows: Int, leftPositives: Int, boundary: Int) {
                let directions = missingRows > 0 ? [false, true] : [leftRows >= rows - leftRows]
                for missingLeft in directions {
                    let nLeft = leftRows + (missingLeft && missingRows > 0 ? missingRows : 0)
                    let pLeft = leftPositives + (missingLeft && missingRows > 0 ? missingPositives : 0)
                    guard nLeft >= minLeaf, rows - nLeft >= minLeaf else { continue }
                    let score = Self.score(nLeft, pLeft) + Self.score(rows - nLeft, positives - pLeft)
                    if score > (best?.score ?? -.infinity) {
                        best = SplitCandidate(
                            score: score,
                            binned: index,
                            boundary: boundary,
                            missingGoesLeft: missingLeft,
                            leftRows: nLeft
                        )
                    }
                }
            }
            var leftRows = 0
            var leftPositives = 0
            if feature.isCategorical {
                let ordered = presentCategoriesByRate(feature, histogram)
                // With missing values, "every present category against missing" is a candidate too.
                for (length, category) in ordered.dropLast(missingRows > 0 ? 0 : 1).enumerated() {
                    leftRows += Int(histogram[base + 2 * category])
                    leftPositives += Int(histogram[base + 2 * category + 1])
                    consider(leftRows: leftRows, leftPositives: leftPositives, boundary: length + 1)
                }
            } else {
                var previous = -1
                for bin in 0..<feature.binCount where histogram[base + 2 * bin] > 0 {
                    if previous >= 0 { consider(leftRows: leftRows, leftPositives: leftPositives, boundary: previous) }
                    leftRows += Int(histogram[base + 2 * bin])
                    leftPositives += Int(histogram[base + 2 * bin + 1])
                    previous = bin
                }
                // With missing values, "every value against missing" is a candidate too.
                if missingRows > 0 && previous >= 0 {
                    consider(leftRows: leftRows, leftPositives: leftPositives, boundary: previous)
                }
            }
        }
        return best
    }

    mutating func split(_ pending: Pending, into stack: inout [Pending]) {
        let rows = pending.end - pending.start
        guard let best = bestSplit(pending) else { return }
        let gain = best.score - Self.score(rows, pending.positives)
        guard gain > 1e-9, gain / Double(order.count) >= parameters.minImpurityDecrease else { return }

        let feature = features[best.binned]
        // Per bin (and the missing bin last): does it go left?
        var goesLeft = [Bool](repeating: best.missingGoesLeft, count: feature.binCount + 1)
        var node = nodes[pending.node]
        node.feature = Int32(feature.feature)
        node.missingGoesLeft = best.missingGoesLeft
        if feature.isCategorical {
            let chosen = presentCategoriesByRate(feature, pending.histogram).prefix(best.boundary)
            let base = 2 * feature.histogramOffset
            for category in 0..<feature.binCount where pending.histogram[base + 2 * category] > 0 {
                goesLeft[category] = false
            }
            for category in chosen { goesLeft[category] = true }
            node.isCategorical = true
            node.categoryOffset = Int32(categoryWords.count)
            node.categoryWordCount = Int32((feature.binCount + 63) / 64)
            var words = [UInt64](repeating: 0, count: Int(node.categoryWordCount))
            for category in 0..<feature.binCount where goesLeft[category] {
                words[category >> 6] |= 1 << UInt64(category & 63)
            }
            categoryWords += words
        } else {
            for bin in 0..<feature.binCount { goesLeft[bin] = bin <= best.boundary }
            let low = feature.upper[best.boundary]
            if let next = (best.boundary + 1..<feature.binCount).first(where: {
                pending.histogram[2 * (feature.histogramOffset + $0)] > 0
            }) {
                let high = feature.lower[next]
                let middle = low / 2 + high / 2
                node.threshold = middle >= low && middle < high ? middle : low
            } else {
                node.threshold = low  // every value against missing: larger values go with the missing ones
            }
        }

        // Stable partition of the node's rows; child statistics on the way.
        var left = (rows: 0, positives: 0, delay: 0.0)
        var right = (rows: 0, positives: 0, delay: 0.0)
        for position in pending.start..<pending.end {
            let row = Int(order[position])
            if goesLeft[Int(feature.bins[row])] {
                order[pending.start + left.rows] = Int32(row)
                left.rows += 1
                left.positives += Int(labels[row])
                left.delay += delays[row]
            } else {
                scratch[right.rows] = Int32(row)
                right.rows += 1
                right.positives += Int(labels[row])
                right.delay += delays[row]
            }
        }
        let middle = pending.start + left.rows
        for index in 0..<right.rows { order[middle + index] = scratch[index] }
        assert(left.rows == best.leftRows)

        node.left = Int32(nodes.count)
        node.right = Int32(nodes.count + 1)
        nodes[pending.node] = node
        nodes.append(Self.leaf(rows: left.rows, positives: left.positives, delaySum: left.delay))
        nodes.append(Self.leaf(rows: right.rows, positives: right.positives, delaySum: right.delay))
        importances[feature.feature] += gain

        let depth = pending.depth + 1
        let splitLeft = canSplit(rows: left.rows, positives: left.positives, depth: depth)
        let splitRight = canSplit(rows: right.rows, positives: right.positives, depth: depth)
        guard splitLeft || splitRight else { return }
        // Count the smaller child's rows; the larger child's histogram is the parent's minus it.
        let leftIsSmaller = left.rows <= right.rows
        let smaller = leftIsSmaller ? histogram(pending.start, middle) : histogram(middle, pending.end)
        var larger = pending.histogram
        if leftIsSmaller ? splitRight : splitLeft {
            for slot in 0..<histogramSize { larger[slot] -= smaller[slot] }
        }
        let (leftHistogram, rightHistogram) = leftIsSmaller ? (smaller, larger) : (larger, smaller)
        if splitRight {
            stack.append(
                Pending(
                    node: Int(node.right),
                    start: middle,
                    end: pending.end,
                    depth: depth,
                    positives: right.positives,
                    histogram: rightHistogram
                )
            )
        }
        if splitLeft {
            stack.append(
                Pending(
                    node: Int(node.left),
                    start: pending.start,
                    end: middle,
                    depth: depth,
                    positives: left.positives,
                    histogram: leftHistogram
                )
            )
        }
    }
}
