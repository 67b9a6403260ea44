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
        ).checked()
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
        ).checked()
    }

    /// The reference of a numeric feature rebuilt from the fields another module stored (the DelayModel
    /// artifact's `NumericReference`), without the training rows.
    ///
    /// - Parameters:
    ///   - count: Rows with a value.
    ///   - missingCount: Rows without one.
    ///   - binEdges: The distinct deciles, ascending.
    ///   - binShares: The share of all rows in each of the `binEdges.count + 1` bins.
    ///   - mean: The mean of the values.
    ///   - standardDeviation: Their population standard deviation.
    ///   - values: The distinct values, ascending, when stored exactly (the ECDF is then exact)…
    ///   - valueCounts: …with their counts.
    ///   - quantiles: Otherwise the quantiles at 0, 1/k, …, 1 (e.g. k = 1,000): KS then errs by < 2/k.
    public static func numeric(
        count: Int,
        missingCount: Int,
        binEdges: [Double],
        binShares: [Double],
        mean: Double,
        standardDeviation: Double,
        values: [Double]?,
        valueCounts: [Int]?,
        quantiles: [Double]
    ) -> ReferenceDistribution {
        let rowCount = count + missingCount
        let ecdf: EmpiricalDistribution
        if let values, let valueCounts {
            ecdf = EmpiricalDistribution(values: values, counts: valueCounts)
        } else if count > 0 && quantiles.count >= 2 {
            ecdf = EmpiricalDistribution(quantiles: quantiles, count: count)
        } else {
            ecdf = EmpiricalDistribution(values: [], counts: [])
        }
        return ReferenceDistribution(
            kind: .numeric,
            rowCount: rowCount,
            missingCount: missingCount,
            edges: binEdges,
            categories: [],
            binCounts: binShares.map { Int(($0 * Double(rowCount)).rounded()) },
            mean: count > 0 ? mean : nil,
            standardDeviation: count > 0 ? standardDeviation : nil,
            ecdf: ecdf
        )
    }

    /// The reference of a categorical feature rebuilt from stored category counts (the DelayModel artifact's
    /// `CategoricalReference`); bins are reordered most frequent first.
    public static func categorical(categories: [String], counts: [Int], missingCount: Int) -> ReferenceDistribution {
        precondition(categories.count == counts.count, "one count per category")
        let order = categories.indices.sorted {
            counts[$0] != counts[$1] ? counts[$0] > counts[$1] : categories[$0] < categories[$1]
        }
        return ReferenceDistribution(
            kind: .categorical,
            rowCount: counts.reduce(missingCount, +),
            missingCount: missingCount,
            edges: [],
            categories: order.map { categories[$0] },
            binCounts: order.map { counts[$0] },
            mean: nil,
            standardDeviation: nil,
            ecdf: nil
        )
    }

    /// Checks, in debug builds, that a reference built here is consistent.
    private func checked() -> ReferenceDistribution {
        #if DEBUG
        precondition(isConsistent, "a reference built from values or counts is consistent")
        #endif
        return self
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
