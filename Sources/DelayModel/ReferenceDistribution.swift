/// The training distribution of a numeric feature, for drift detection. Quantiles use linear interpolation
/// between order statistics (numpy's default: position q · (n − 1) in the sorted non-missing values).
public struct NumericReference: Codable, Sendable, Hashable {
    /// Rows with a value.
    public var count: Int
    /// Rows without a value.
    public var missingCount: Int
    /// The quantiles at 0.1, 0.2, …, 0.9 (empty when no row has a value).
    public var deciles: [Double]
    /// The distinct deciles, ascending: the PSI bins are (-inf, e1], (e1, e2], …, (ek, +inf).
    public var binEdges: [Double]
    /// The share of all rows (missing ones included) in each PSI bin; `binEdges.count + 1` values.
    public var binShares: [Double]
    /// The share of all rows that are missing; `binShares` and this sum to 1.
    public var missingShare: Double
    /// The mean of the values.
    public var mean: Double
    /// The population standard deviation of the values (divisor n).
    public var standardDeviation: Double
    /// The quantiles at 0, 0.001, 0.002, …, 1 (1,001 values; empty when no row has a value).
    public var quantiles: [Double]
    /// The distinct values, ascending, when there are at most `NumericReference.maxExactValues` of them
    /// (then `valueCounts` gives the exact distribution); `nil` otherwise.
    public var values: [Double]?
    /// The number of rows with each of `values`.
    public var valueCounts: [Int]?

    /// The largest number of distinct values stored exactly.
    public static let maxExactValues = 2_000

    /// The reference of `column` (`NaN` = missing).
    public init(column: [Double]) {
        let sorted = column.filter { !$0.isNaN }.sorted()
        count = sorted.count
        missingCount = column.count - sorted.count
        let total = Double(max(column.count, 1))
        missingShare = Double(missingCount) / total
        deciles = sorted.isEmpty ? [] : (1...9).map { Self.quantile(sorted, Double($0) / 10) }
        var edges: [Double] = []
        for decile in deciles where edges.last != decile { edges.append(decile) }
        binEdges = edges
        var binCounts = [Int](repeating: 0, count: edges.count + 1)
        var bin = 0
        for value in sorted {  // ascending, so the bin only moves forward
            while bin < edges.count && value > edges[bin] { bin += 1 }
            binCounts[bin] += 1
        }
        binShares = binCounts.map { Double($0) / total }
        let n = Double(max(sorted.count, 1))
        let mean = sorted.reduce(0, +) / n
        self.mean = mean
        standardDeviation = (sorted.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n).squareRoot()
        quantiles = sorted.isEmpty ? [] : (0...1000).map { Self.quantile(sorted, Double($0) / 1000) }
        var values: [Double] = []
        var counts: [Int] = []
        for value in sorted {
            if values.last == value {
                counts[counts.count - 1] += 1
            } else {
                values.append(value)
                counts.append(1)
            }
            if values.count > Self.maxExactValues { break }
        }
        let exact = values.count <= Self.maxExactValues
        self.values = exact ? values : nil
        valueCounts = exact ? counts : nil
    }

    /// The q-quantile of non-empty ascending `sorted`, interpolated linearly (numpy's default method).
    public static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        let position = q * Double(sorted.count - 1)
        let low = Int(position)
        guard low + 1 < sorted.count else { return sorted[sorted.count - 1] }
        let fraction = position - Double(low)
        let (a, b) = (sorted[low], sorted[low + 1])
        // numpy's _lerp, rounding included: from the nearer end.
        return fraction >= 0.5 ? b - (b - a) * (1 - fraction) : a + (b - a) * fraction
    }
}

/// The training distribution of a categorical feature: counts per category, categories sorted by name.
public struct CategoricalReference: Codable, Sendable, Hashable {
    public var categories: [String]
    public var counts: [Int]
    /// The share of all rows (missing ones included) in each category.
    public var shares: [Double]
    /// Rows without a value.
    public var missingCount: Int

    /// The reference of a column of codes (`-1` = missing) into `categories`.
    public init(codes: [Int32], categories: [String]) {
        var counts = [Int](repeating: 0, count: categories.count)
        var missing = 0
        for code in codes {
            if code < 0 { missing += 1 } else { counts[Int(code)] += 1 }
        }
        let order = categories.indices.sorted { categories[$0] < categories[$1] }
        self.categories = order.map { categories[$0] }
        self.counts = order.map { counts[$0] }
        let total = Double(max(codes.count, 1))
        shares = self.counts.map { Double($0) / total }
        missingCount = missing
    }
}

/// The training distribution of one feature: `numeric` or `categorical` is set, as `kind` says.
public struct FeatureReference: Codable, Sendable, Hashable {
    public var name: String
    public var kind: FeatureKind
    public var numeric: NumericReference?
    public var categorical: CategoricalReference?

    /// The references of every feature of `set`, in spec order.
    public static func references(of set: TrainingSet) -> [FeatureReference] {
        set.spec.features.enumerated().map { index, feature in
            switch feature.kind {
            case .numeric:
                FeatureReference(
                    name: feature.name,
                    kind: .numeric,
                    numeric: NumericReference(column: set.numericColumns[index]),
                    categorical: nil
                )
            case .categorical:
                FeatureReference(
                    name: feature.name,
                    kind: .categorical,
                    numeric: nil,
                    categorical: CategoricalReference(codes: set.codeColumns[index], categories: set.categories[index])
                )
            }
        }
    }
}
