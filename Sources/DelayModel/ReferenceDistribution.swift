/// A bounded summary of the empirical CDF of a feature's non-missing training values, for KS and Wasserstein.
///
/// Knots are distinct values with the exact number of values below and at-or-below each. With at most
/// `maxKnots` distinct values every value is a knot: the summary is the exact ECDF, and KS and Wasserstein
/// against it equal the statistics against the full training column. With more distinct values, knots are kept
/// greedily so that fewer than n / `maxKnots` values lie strictly between two consecutive knots (the first and
/// last value are always knots, and an atom is always exact at its knot); the `Drift` module interpolates the
/// ECDF linearly between knots. That interpolation stays between the true ECDF values at the two knots, so the
/// stored reference's ECDF errs by less than 1 / `maxKnots` (0.001) everywhere: the KS statistic by less than
/// 0.001, and the Wasserstein distance by less than (max − min) / `maxKnots`. Field for field the `Drift`
/// module's `EmpiricalDistribution`, built the same way.
public struct ECDFSummary: Codable, Sendable, Hashable {
    /// The number of values summarised.
    public var count: Int
    /// The knots, strictly increasing.
    public var values: [Double]
    /// For each knot, the number of values strictly below it.
    public var countBelow: [Int]
    /// For each knot, the number of values at or below it.
    public var countAtOrBelow: [Int]

    /// The knot budget: up to this many distinct values the summary is exact.
    public static let maxKnots = 1_000

    /// The summary of ascending, NaN-free `sorted`.
    public init(sorted: [Double]) {
        // Every distinct value with its run [start, end) in the sorted sample.
        var runs: [(value: Double, start: Int, end: Int)] = []
        var start = 0
        while start < sorted.count {
            var end = start + 1
            while end < sorted.count && sorted[end] == sorted[start] { end += 1 }
            runs.append((sorted[start], start, end))
            start = end
        }
        if runs.count > Self.maxKnots {
            // Keep a value once the values skipped since the last knot reach n / maxKnots, and both ends.
            let step = Double(sorted.count) / Double(Self.maxKnots)
            var kept: [(value: Double, start: Int, end: Int)] = []
            var lastKeptEnd = 0
            for (index, run) in runs.enumerated()
            where index == 0 || index == runs.count - 1 || Double(run.end - lastKeptEnd) >= step {
                kept.append(run)
                lastKeptEnd = run.end
            }
            runs = kept
        }
        count = sorted.count
        values = runs.map(\.value)
        countBelow = runs.map(\.start)
        countAtOrBelow = runs.map(\.end)
    }

    /// Whether every value is a knot (none lies strictly between two knots), so statistics against the summary
    /// equal those against the full column.
    public var isExact: Bool {
        zip(countBelow.dropFirst(), countAtOrBelow).allSatisfy { $0 == $1 }
    }
}

/// The training distribution of one feature, for drift detection; field for field the `Drift` module's
/// `ReferenceDistribution` (plus `name`, `deciles` and shares).
///
/// Numeric: PSI bins `(-inf, e1], (e1, e2], …, (ek, +inf)` on `edges`, the distinct deciles (quantiles 0.1…0.9,
/// numpy's linear interpolation); mean, population standard deviation and ECDF of the non-missing values.
/// Categorical: one bin per training category, most frequent first (ties by name). Missing values are counted
/// apart from the bins (`missingCount`; `binCounts` sum to `rowCount - missingCount`).
public struct FeatureReference: Codable, Sendable, Hashable {
    public var name: String
    public var kind: FeatureKind
    /// All training rows, missing values included.
    public var rowCount: Int
    /// Training rows without a value.
    public var missingCount: Int
    /// Numeric: the quantiles at 0.1, 0.2, …, 0.9 (empty when every value is missing, and for categorical).
    public var deciles: [Double]
    /// Numeric: the distinct deciles, ascending. Empty for categorical features.
    public var edges: [Double]
    /// Categorical: the training categories, most frequent first. Empty for numeric features.
    public var categories: [String]
    /// The number of non-missing rows in each bin.
    public var binCounts: [Int]
    /// `binCounts` divided by `rowCount` (so that `binShares` and `missingShare` sum to 1).
    public var binShares: [Double]
    /// `missingCount` divided by `rowCount`.
    public var missingShare: Double
    /// Numeric: the mean of the non-missing values (`nil` when there are none, and for categorical).
    public var mean: Double?
    /// Numeric: the population standard deviation (divisor n) of the non-missing values; `nil` as `mean`.
    public var standardDeviation: Double?
    /// Numeric: the ECDF summary of the non-missing values; `nil` for categorical features.
    public var ecdf: ECDFSummary?

    /// The reference of a numeric column (`NaN` = missing).
    public static func numeric(name: String, column: [Double]) -> FeatureReference {
        let sorted = column.filter { !$0.isNaN }.sorted()
        let deciles = sorted.isEmpty ? [] : (1...9).map { quantile(sorted, Double($0) / 10) }
        var edges: [Double] = []
        for decile in deciles where edges.last != decile { edges.append(decile) }
        var binCounts = [Int](repeating: 0, count: edges.count + 1)
        var bin = 0
        for value in sorted {  // ascending, so the bin only moves forward
            while bin < edges.count && value > edges[bin] { bin += 1 }
            binCounts[bin] += 1
        }
        let n = Double(sorted.count)
        let mean = sorted.reduce(0, +) / n
        let standardDeviation = (sorted.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n).squareRoot()
        return FeatureReference(
            name: name,
            kind: .numeric,
            rowCount: column.count,
            missingCount: column.count - sorted.count,
            deciles: deciles,
            edges: edges,
            categories: [],
            binCounts: binCounts,
            mean: sorted.isEmpty ? nil : mean,
            standardDeviation: sorted.isEmpty ? nil : standardDeviation,
            ecdf: ECDFSummary(sorted: sorted)
        )
    }

    /// The reference of a categorical column of codes (`-1` = missing) into `categories`.
    public static func categorical(name: String, codes: [Int32], categories: [String]) -> FeatureReference {
        var counts = [Int](repeating: 0, count: categories.count)
        for code in codes where code >= 0 { counts[Int(code)] += 1 }
        let order = categories.indices.filter { counts[$0] > 0 }.sorted {
            counts[$0] != counts[$1] ? counts[$0] > counts[$1] : categories[$0] < categories[$1]
        }
        let present = order.reduce(0) { $0 + counts[$1] }
        return FeatureReference(
            name: name,
            kind: .categorical,
            rowCount: codes.count,
            missingCount: codes.count - present,
            deciles: [],
            edges: [],
            categories: order.map { categories[$0] },
            binCounts: order.map { counts[$0] },
            mean: nil,
            standardDeviation: nil,
            ecdf: nil
        )
    }

    /// The references of every feature of `set`, in spec order.
    public static func references(of set: TrainingSet) -> [FeatureReference] {
        set.spec.features.enumerated().map { index, feature in
            switch feature.kind {
            case .numeric: numeric(name: feature.name, column: set.numericColumns[index])
            case .categorical:
                categorical(name: feature.name, codes: set.codeColumns[index], categories: set.categories[index])
            }
        }
    }

    /// The q-quantile of non-empty ascending `sorted`, interpolated linearly at position q · (n − 1) with numpy's
    /// rounding (from the nearer neighbour).
    public static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        let position = q * Double(sorted.count - 1)
        let low = Int(position)
        guard low + 1 < sorted.count else { return sorted[sorted.count - 1] }
        let fraction = position - Double(low)
        let (a, b) = (sorted[low], sorted[low + 1])
        return fraction >= 0.5 ? b - (b - a) * (1 - fraction) : a + (b - a) * fraction
    }

    init(
        name: String,
        kind: FeatureKind,
        rowCount: Int,
        missingCount: Int,
        deciles: [Double],
        edges: [Double],
        categories: [String],
        binCounts: [Int],
        mean: Double?,
        standardDeviation: Double?,
        ecdf: ECDFSummary?
    ) {
        self.name = name
        self.kind = kind
        self.rowCount = rowCount
        self.missingCount = missingCount
        self.deciles = deciles
        self.edges = edges
        self.categories = categories
        self.binCounts = binCounts
        let total = Double(max(rowCount, 1))
        binShares = binCounts.map { Double($0) / total }
        missingShare = Double(missingCount) / total
        self.mean = mean
        self.standardDeviation = standardDeviation
        self.ecdf = ecdf
    }
}
