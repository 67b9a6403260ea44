/// A bounded summary of a sample's empirical cumulative distribution function (ECDF), stored in the model artifact
/// so that Kolmogorov–Smirnov and Wasserstein statistics can be computed against a reference without its rows.
///
/// The summary keeps *knots*: distinct sample values with the exact number of values below and at-or-below each.
/// When the sample has at most `maxKnots` distinct values every one is a knot and the summary is the exact ECDF, so
/// KS and Wasserstein against it equal the full-sample values. Otherwise knots are kept greedily so that fewer than
/// n / `maxKnots` values lie strictly between two consecutive knots (atoms of any size stay exact); between knots
/// the ECDF is interpolated linearly. The KS statistic then errs by less than 1 / `maxKnots` (0.001 by default),
/// and the Wasserstein distance by less than (max − min) / `maxKnots`.
public struct EmpiricalDistribution: Codable, Sendable, Hashable {
    /// The number of values summarised (missing values excluded).
    public let count: Int
    /// The knots, strictly increasing; the first is the sample minimum and the last the maximum.
    public let values: [Double]
    /// For each knot, the number of sample values strictly below it.
    public let countBelow: [Int]
    /// For each knot, the number of sample values at or below it.
    public let countAtOrBelow: [Int]

    /// The default bound on the number of knots.
    public static let defaultMaxKnots = 1000

    /// Summarises a sample already sorted in increasing order with no NaN.
    ///
    /// - Parameters:
    ///   - sorted: The sample, sorted ascending, without missing values.
    ///   - maxKnots: The knot budget; `nil` keeps every distinct value (the exact ECDF).
    public init(sorted: [Double], maxKnots: Int? = defaultMaxKnots) {
        precondition(maxKnots.map { $0 >= 1 } ?? true, "maxKnots must be positive")
        // Every distinct value with its run [start, end) in the sorted sample.
        var distinct: [(value: Double, start: Int, end: Int)] = []
        var start = 0
        while start < sorted.count {
            var end = start + 1
            while end < sorted.count && sorted[end] == sorted[start] { end += 1 }
            distinct.append((sorted[start], start, end))
            start = end
        }
        if let maxKnots, distinct.count > maxKnots {
            // Keep a value once the values skipped since the last knot reach n / maxKnots, and both ends.
            let step = Double(sorted.count) / Double(maxKnots)
            var kept: [(value: Double, start: Int, end: Int)] = []
            var lastKeptEnd = 0
            for (index, run) in distinct.enumerated()
            where index == 0 || index == distinct.count - 1 || Double(run.end - lastKeptEnd) >= step {
                kept.append(run)
                lastKeptEnd = run.end
            }
            distinct = kept
        }
        count = sorted.count
        values = distinct.map(\.value)
        countBelow = distinct.map(\.start)
        countAtOrBelow = distinct.map(\.end)
        checkInvariants()
    }

    /// The exact ECDF of a sample given as its distinct values (ascending) and the number of times each occurs.
    public init(values: [Double], counts: [Int]) {
        precondition(values.count == counts.count, "one count per value")
        var below: [Int] = []
        var atOrBelow: [Int] = []
        var total = 0
        for count in counts {
            below.append(total)
            total += count
            atOrBelow.append(total)
        }
        self.init(count: total, values: values, countBelow: below, countAtOrBelow: atOrBelow)
    }

    /// An ECDF summary of a sample of `count` values known only by its quantiles at 0, 1/k, 2/k, …, 1 (numpy's
    /// linear interpolation; k + 1 values, ascending), e.g. the 1,001 quantiles a model artifact may keep.
    ///
    /// Each distinct quantile value becomes a knot; the quantile at i/k sits at position i(n − 1)/k of the sorted
    /// sample, so a knot spanning quantiles a…b has ⌈a(n − 1)/k⌉ values below it and ⌊b(n − 1)/k⌋ + 1 at or below
    /// it. The ECDF is then known to within (n − 1) / (k n) < 1/k at every knot, and KS errs by less than 2/k.
    public init(quantiles: [Double], count: Int) {
        precondition(quantiles.count >= 2 && count >= 1, "need at least the minimum and maximum of a sample")
        let k = Double(quantiles.count - 1)
        let scale = Double(count - 1) / k
        var values: [Double] = []
        var below: [Int] = []
        var atOrBelow: [Int] = []
        var first = 0
        while first < quantiles.count {
            var last = first
            while last + 1 < quantiles.count && quantiles[last + 1] == quantiles[first] { last += 1 }
            let lower = max(Int((Double(first) * scale).rounded(.up)), atOrBelow.last ?? 0)
            let upper = max(min(Int((Double(last) * scale).rounded(.down)) + 1, count), lower)
            values.append(quantiles[first])
            below.append(first == 0 ? 0 : lower)
            atOrBelow.append(last == quantiles.count - 1 ? count : upper)
            first = last + 1
        }
        self.init(count: count, values: values, countBelow: below, countAtOrBelow: atOrBelow)
    }

    /// Rebuilds a stored summary field by field (for an artifact that keeps its own copy of these fields).
    public init(count: Int, values: [Double], countBelow: [Int], countAtOrBelow: [Int]) {
        self.count = count
        self.values = values
        self.countBelow = countBelow
        self.countAtOrBelow = countAtOrBelow
    }

    /// Whether the fields describe an ECDF: increasing knots, counts non-decreasing and ending at `count` (a
    /// damaged artifact fails this).
    public var isConsistent: Bool {
        values.count == countBelow.count && values.count == countAtOrBelow.count
            && zip(values, values.dropFirst()).allSatisfy { $0 < $1 }
            && zip(countBelow, countAtOrBelow).allSatisfy { $0 <= $1 }
            && zip(countAtOrBelow, countBelow.dropFirst()).allSatisfy { $0 <= $1 }
            && (countAtOrBelow.last ?? 0) == count && (countBelow.first ?? 0) == 0
    }

    /// Whether the knots account for every value (none lies strictly between two knots), so statistics against this
    /// summary are exact — true of a summary built from a sample with at most `maxKnots` distinct values or from
    /// value counts; a summary rebuilt from quantiles holds estimated counts and is never to be taken as exact.
    public var isExact: Bool {
        zip(countBelow.dropFirst(), countAtOrBelow).allSatisfy { $0 == $1 }
    }

    private func checkInvariants() {
        #if DEBUG
        precondition(isConsistent, "an ECDF summary built from a sorted sample is consistent")
        #endif
    }
}

extension EmpiricalDistribution {
    /// A cursor over the reference ECDF for a left-to-right sweep: the ECDF at x and just below x, as counts, with
    /// linear interpolation between knots.
    struct Sweep {
        let reference: EmpiricalDistribution
        /// The index of the first knot ≥ the last queried x.
        var knot = 0

        init(_ reference: EmpiricalDistribution) { self.reference = reference }

        /// The reference count just below x and at-or-below x (fractional between knots). Queries must not decrease.
        mutating func counts(at x: Double) -> (below: Double, atOrBelow: Double) {
            let values = reference.values
            while knot < values.count && values[knot] < x { knot += 1 }
            if knot == values.count { return (Double(reference.count), Double(reference.count)) }
            if values[knot] == x {
                return (Double(reference.countBelow[knot]), Double(reference.countAtOrBelow[knot]))
            }
            if knot == 0 { return (0, 0) }
            // Strictly between knots knot - 1 and knot.
            let low = values[knot - 1]
            let high = values[knot]
            let from = Double(reference.countAtOrBelow[knot - 1])
            let to = Double(reference.countBelow[knot])
            let interpolated = from + (to - from) * ((x - low) / (high - low))
            return (interpolated, interpolated)
        }
    }
}
