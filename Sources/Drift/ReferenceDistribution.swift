/// Whether a feature is compared as numbers or as categories.
public enum FeatureKind: String, Codable, Sendable, Hashable {
    case numeric
    case categorical
}

/// What the model artifact stores about one feature of the training data, enough to compute every drift statistic
/// without the training rows: PSI bins and counts, the missing count, and (numeric) the mean, the population
/// standard deviation and a bounded ECDF summary; (categorical) the count of each category.
///
/// JSON (synthesised `Codable`): `{"kind": "numeric"|"categorical", "rowCount", "missingCount", "edges",
/// "categories", "binCounts", "mean"?, "standardDeviation"?, "ecdf"?: {"count", "values", "countBelow",
/// "countAtOrBelow"}}`. A numeric entry has empty `categories`; a categorical one empty `edges` and no
/// mean, standard deviation or ECDF.
public struct ReferenceDistribution: Codable, Sendable, Hashable {
    /// Numeric or categorical.
    public let kind: FeatureKind
    /// All reference rows, missing values included.
    public let rowCount: Int
    /// Rows where the feature is missing (NaN or nil); they form their own bin.
    public let missingCount: Int
    /// Numeric: the PSI bin edges e₁ < … < e_k, the distinct reference deciles; bins are (−∞, e₁], (e₁, e₂], …,
    /// (e_k, +∞). Empty for categorical features.
    public let edges: [Double]
    /// Categorical: the reference categories, one bin each, most frequent first (ties by name). Empty for numeric.
    public let categories: [String]
    /// The reference count of each bin, missing values excluded: `edges.count + 1` numeric bins, or one per category.
    public let binCounts: [Int]
    /// Numeric: the mean of the non-missing values (nil when there are none, and for categorical features).
    public let mean: Double?
    /// Numeric: the population standard deviation (ddof = 0) of the non-missing values; nil as `mean`.
    public let standardDeviation: Double?
    /// Numeric: the ECDF summary of the non-missing values, for KS and Wasserstein; nil for categorical features.
    public let ecdf: EmpiricalDistribution?

    /// Rebuilds a stored reference field by field (for an artifact that keeps its own copy of these fields).
    public init(
        kind: FeatureKind,
        rowCount: Int,
        missingCount: Int,
        edges: [Double],
        categories: [String],
        binCounts: [Int],
        mean: Double?,
        standardDeviation: Double?,
        ecdf: EmpiricalDistribution?
    ) {
        self.kind = kind
        self.rowCount = rowCount
        self.missingCount = missingCount
        self.edges = edges
        self.categories = categories
        self.binCounts = binCounts
        self.mean = mean
        self.standardDeviation = standardDeviation
        self.ecdf = ecdf
    }

    /// The reference of a numeric feature; NaN marks a missing value.
    ///
    /// - Parameters:
    ///   - values: The feature over the reference rows.
    ///   - maxKnots: The ECDF knot budget (see `EmpiricalDistribution`); KS against the stored reference errs by
    ///     less than 1 / maxKnots, and is exact when the feature has at most that many distinct values.
    public static func numeric(
        values: [Double],
        maxKnots: Int = EmpiricalDistribution.defaultMaxKnots
    ) -> ReferenceDistribution {
        var present = values.filter { !$0.isNaN }
        present.sort()
        let edges = DriftStatistics.decileEdges(sorted: present)
        let moments = DriftStatistics.meanAndStandardDeviation(present)
        return ReferenceDistribution(
            kind: .numeric,
            rowCount: values.count,
            missingCount: values.count - present.count,
            edges: edges,
            categories: [],
            binCounts: binCounts(sorted: present, edges: edges),
            mean: moments?.mean,
            standardDeviation: moments?.standardDeviation,
            ecdf: EmpiricalDistribution(sorted: present, maxKnots: maxKnots)
        )
    }

    /// The reference of a categorical feature; nil marks a missing value.
    public static func categorical(values: [String?]) -> ReferenceDistribution {
        var counts: [String: Int] = [:]
        var missing = 0
        for value in values {
            if let value { counts[value, default: 0] += 1 } else { missing += 1 }
        }
        let ordered = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        return ReferenceDistribution(
            kind: .categorical,
            rowCount: values.count,
            missingCount: missing,
            edges: [],
            categories: ordered.map(\.key),
            binCounts: ordered.map(\.value),
            mean: nil,
            standardDeviation: nil,
            ecdf: nil
        )
    }

    /// Whether the stored fields are consistent with each other (a damaged artifact fails this).
    var isConsistent: Bool {
        let countsAddUp = binCounts.allSatisfy { $0 >= 0 } && binCounts.reduce(0, +) + missingCount == rowCount
        switch kind {
        case .numeric:
            let presentCount = rowCount - missingCount
            return countsAddUp && categories.isEmpty && binCounts.count == edges.count + 1
                && zip(edges, edges.dropFirst()).allSatisfy { $0 < $1 }
                && ecdf?.count == presentCount && ecdf?.isConsistent == true
                && (presentCount == 0 || standardDeviation != nil)
        case .categorical:
            return countsAddUp && edges.isEmpty && binCounts.count == categories.count
                && Set(categories).count == categories.count
        }
    }

    /// The count of each numeric bin for values sorted ascending: bin i holds e_{i-1} < x ≤ e_i.
    static func binCounts(sorted: [Double], edges: [Double]) -> [Int] {
        var counts: [Int] = []
        counts.reserveCapacity(edges.count + 1)
        var previous = 0
        for edge in edges {
            let atOrBelow = upperBound(sorted, edge)
            counts.append(atOrBelow - previous)
            previous = atOrBelow
        }
        counts.append(sorted.count - previous)
        return counts
    }

    /// The number of elements ≤ value in an ascending array.
    private static func upperBound(_ sorted: [Double], _ value: Double) -> Int {
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] <= value { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
