#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The outcome of a two-sample Kolmogorov–Smirnov test (two-sided).
public struct KolmogorovSmirnovResult: Sendable, Hashable, Codable {
    /// D = sup |F_reference − F_current|.
    public let statistic: Double
    /// The p-value as `scipy.stats.ks_2samp(method="auto")` gives it.
    public let pValue: Double
}

/// The outcome of a chi-square test of homogeneity on a 2 × k table.
public struct ChiSquareResult: Sendable, Hashable, Codable {
    /// Pearson's statistic (with Yates' correction when there is one degree of freedom, as scipy applies it).
    public let statistic: Double
    /// k' − 1, where k' counts the columns with any observation.
    public let degreesOfFreedom: Int
    /// The upper tail of the chi-square distribution at `statistic`.
    public let pValue: Double
}

/// The drift statistics, each matching its scipy counterpart (see the golden tests).
public enum DriftStatistics {
    /// The sample quantile at `q` with linear interpolation (numpy's default `method="linear"`).
    ///
    /// - Parameters:
    ///   - sorted: A non-empty sample, sorted ascending.
    ///   - q: The probability, in [0, 1].
    public static func quantile(sorted: [Double], _ q: Double) -> Double {
        precondition(!sorted.isEmpty, "the quantile of an empty sample is undefined")
        let virtualIndex = Double(sorted.count - 1) * q
        let previous = min(max(Int(virtualIndex.rounded(.down)), 0), sorted.count - 1)
        let next = min(previous + 1, sorted.count - 1)
        let gamma = virtualIndex - Double(previous)
        let a = sorted[previous]
        let b = sorted[next]
        let difference = b - a
        // numpy's _lerp: from the nearer end, so the result is exact at both ends.
        return gamma >= 0.5 ? b - difference * (1 - gamma) : a + difference * gamma
    }

    /// The PSI bin edges of a numeric reference: its distinct quantiles at 0.1, 0.2, …, 0.9
    /// (`np.unique(np.quantile(reference, np.arange(1, 10) / 10))`); empty for an empty sample.
    public static func decileEdges(sorted: [Double]) -> [Double] {
        guard !sorted.isEmpty else { return [] }
        let quantiles = (1...9).map { quantile(sorted: sorted, Double($0) / 10) }.sorted()
        var edges: [Double] = []
        for value in quantiles where edges.last != value { edges.append(value) }
        return edges
    }

    /// The population stability index Σ (c − r) · ln(c / r) over bins, every share first raised to at least 1e-4.
    ///
    /// - Parameters:
    ///   - referenceShares: The reference share of each bin.
    ///   - currentShares: The current share of each bin, in the same order.
    public static func populationStabilityIndex(referenceShares: [Double], currentShares: [Double]) -> Double {
        precondition(referenceShares.count == currentShares.count, "PSI needs the same bins on both sides")
        var psi = 0.0
        for (r, c) in zip(referenceShares, currentShares) {
            let reference = max(r, psiFloor)
            let current = max(c, psiFloor)
            psi += (current - reference) * log(current / reference)
        }
        return psi
    }

    /// The share floor of the PSI.
    public static let psiFloor = 1e-4

    /// The Jensen–Shannon distance with natural logarithms (`scipy.spatial.distance.jensenshannon(p, q)`):
    /// √(½ KL(p‖m) + ½ KL(q‖m)) with m = (p + q) / 2, after normalising both to sum 1. At most √ln 2 ≈ 0.833.
    public static func jensenShannonDistance(_ p: [Double], _ q: [Double]) -> Double {
        precondition(p.count == q.count, "Jensen–Shannon needs the same bins on both sides")
        let pTotal = p.reduce(0, +)
        let qTotal = q.reduce(0, +)
        precondition(pTotal > 0 && qTotal > 0, "Jensen–Shannon needs two non-empty distributions")
        var divergence = 0.0
        for (rawP, rawQ) in zip(p, q) {
            let pi = rawP / pTotal
            let qi = rawQ / qTotal
            let mi = (pi + qi) / 2
            if pi > 0 { divergence += pi * log(pi / mi) }
            if qi > 0 { divergence += qi * log(qi / mi) }
        }
        return (max(divergence, 0) / 2).squareRoot()
    }

    /// Pearson's chi-square test of homogeneity on the 2 × k table (reference counts, current counts), as
    /// `scipy.stats.chi2_contingency` computes it; columns empty on both sides are dropped first, and with one
    /// column left the statistic is 0 and the p-value 1.
    public static func chiSquareHomogeneity(reference: [Int], current: [Int]) -> ChiSquareResult {
        precondition(reference.count == current.count, "chi-square needs the same columns on both sides")
        let columns = zip(reference, current).filter { $0.0 + $0.1 > 0 }
        let referenceTotal = Double(columns.reduce(0) { $0 + $1.0 })
        let currentTotal = Double(columns.reduce(0) { $0 + $1.1 })
        let total = referenceTotal + currentTotal
        let degreesOfFreedom = columns.count - 1
        guard degreesOfFreedom >= 1, referenceTotal > 0, currentTotal > 0 else {
            return ChiSquareResult(statistic: 0, degreesOfFreedom: max(degreesOfFreedom, 0), pValue: 1)
        }
        var statistic = 0.0
        for (r, c) in columns {
            let columnTotal = Double(r + c)
            for (observedCount, rowTotal) in [(r, referenceTotal), (c, currentTotal)] {
                let expected = rowTotal * columnTotal / total
                var observed = Double(observedCount)
                if degreesOfFreedom == 1 {
                    // Yates: move each observation up to 0.5 towards its expectation.
                    let difference = expected - observed
                    observed += min(0.5, abs(difference)) * (difference > 0 ? 1 : (difference < 0 ? -1 : 0))
                }
                statistic += (observed - expected) * (observed - expected) / expected
            }
        }
        let pValue = SpecialFunctions.regularizedGammaQ(Double(degreesOfFreedom) / 2, statistic / 2)
        return ChiSquareResult(statistic: statistic, degreesOfFreedom: degreesOfFreedom, pValue: pValue)
    }

    /// The two-sample Kolmogorov–Smirnov test on full samples, as `scipy.stats.ks_2samp(reference, current)`.
    ///
    /// - Parameters:
    ///   - reference: A non-empty sample without NaN.
    ///   - current: A non-empty sample without NaN.
    public static func kolmogorovSmirnov(_ reference: [Double], _ current: [Double]) -> KolmogorovSmirnovResult {
        let exact = EmpiricalDistribution(sorted: reference.sorted(), maxKnots: nil)
        return kolmogorovSmirnov(reference: exact, currentSorted: current.sorted())
    }

    /// The two-sample Kolmogorov–Smirnov test of a current sample against a stored reference ECDF; exact when the
    /// reference summary is (`EmpiricalDistribution.isExact`), otherwise the statistic errs by < 1 / maxKnots.
    ///
    /// - Parameters:
    ///   - reference: The reference summary, non-empty.
    ///   - currentSorted: The current sample, sorted ascending, non-empty, without NaN.
    public static func kolmogorovSmirnov(
        reference: EmpiricalDistribution,
        currentSorted: [Double]
    ) -> KolmogorovSmirnovResult {
        let d = compare(reference: reference, currentSorted: currentSorted).ksStatistic
        return kolmogorovSmirnovPValue(statistic: d, n1: reference.count, n2: currentSorted.count)
    }

    /// The first Wasserstein distance ∫ |F_u − F_v| dx between two full samples (`scipy.stats.wasserstein_distance`).
    public static func wassersteinDistance(_ u: [Double], _ v: [Double]) -> Double {
        let exact = EmpiricalDistribution(sorted: u.sorted(), maxKnots: nil)
        return wassersteinDistance(reference: exact, currentSorted: v.sorted())
    }

    /// The first Wasserstein distance between a stored reference ECDF and a sorted current sample; exact when the
    /// reference summary is, otherwise within (max − min) / maxKnots.
    public static func wassersteinDistance(reference: EmpiricalDistribution, currentSorted: [Double]) -> Double {
        compare(reference: reference, currentSorted: currentSorted).wasserstein
    }

    /// The population mean and standard deviation (ddof = 0, as `np.std`) of values without NaN; nil when empty.
    public static func meanAndStandardDeviation(_ values: [Double]) -> (mean: Double, standardDeviation: Double)? {
        guard !values.isEmpty else { return nil }
        let mean = values.reduce(0, +) / Double(values.count)
        let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        return (mean, (squares / Double(values.count)).squareRoot())
    }

    // MARK: - Internals

    /// One left-to-right sweep over the knots and the current values: the KS statistic (largest gap between the
    /// two ECDFs, evaluated just below and at every point) and the Wasserstein integral.
    static func compare(
        reference: EmpiricalDistribution,
        currentSorted current: [Double]
    ) -> (ksStatistic: Double, wasserstein: Double) {
        precondition(reference.count > 0 && !current.isEmpty, "KS and Wasserstein need two non-empty samples")
        let n = Double(reference.count)
        let m = Double(current.count)
        let knots = reference.values
        var sweep = EmpiricalDistribution.Sweep(reference)
        var knotIndex = 0
        var currentIndex = 0
        var largestGap = 0.0
        var area = 0.0
        // The state just after the previous point: its position, the two ECDFs there.
        var previousX = -Double.infinity
        var previousReference = 0.0
        var previousCurrent = 0.0
        while knotIndex < knots.count || currentIndex < current.count {
            let x: Double
            if currentIndex == current.count || (knotIndex < knots.count && knots[knotIndex] <= current[currentIndex]) {
                x = knots[knotIndex]
            } else {
                x = current[currentIndex]
            }
            if knotIndex < knots.count && knots[knotIndex] == x { knotIndex += 1 }
            let currentBelow = Double(currentIndex)
            while currentIndex < current.count && current[currentIndex] == x { currentIndex += 1 }
            let currentAtOrBelow = Double(currentIndex)
            let (referenceBelow, referenceAtOrBelow) = sweep.counts(at: x)

            let gapBelow = abs(referenceBelow / n - currentBelow / m)
            let gapAt = abs(referenceAtOrBelow / n - currentAtOrBelow / m)
            largestGap = max(largestGap, gapBelow, gapAt)

            if previousX > -Double.infinity {
                // On [previousX, x) the current ECDF is flat and the reference one linear.
                let g0 = previousReference - previousCurrent
                let g1 = referenceBelow / n - previousCurrent
                let width = x - previousX
                if (g0 >= 0) == (g1 >= 0) {
                    area += width * (abs(g0) + abs(g1)) / 2
                } else {
                    area += width * (g0 * g0 + g1 * g1) / (2 * (abs(g0) + abs(g1)))
                }
            }
            previousX = x
            previousReference = referenceAtOrBelow / n
            previousCurrent = currentAtOrBelow / m
        }
        return (largestGap, area)
    }

    /// scipy's `ks_2samp` p-value for a two-sided statistic: exact when max(n1, n2) ≤ 10,000 (the statistic then
    /// snapped to a multiple of 1 / lcm(n1, n2), as scipy does), else `kstwo.sf(d, round(n1 n2 / (n1 + n2)))`.
    static func kolmogorovSmirnovPValue(statistic d: Double, n1: Int, n2: Int) -> KolmogorovSmirnovResult {
        if max(n1, n2) <= exactLimit {
            let g = greatestCommonDivisor(n1, n2)
            let lcm = (n1 / g) * n2
            let h = Int((d * Double(lcm)).rounded(.toNearestOrEven))
            let snapped = Double(h) / Double(lcm)
            if h == 0 { return KolmogorovSmirnovResult(statistic: snapped, pValue: 1) }
            let p = n1 == n2 ? probabilityOutsideSquare(n: n1, h: h) : probabilityOutsideInside(n1, n2, g: g, h: h)
            if p >= 0 && p <= 1 { return KolmogorovSmirnovResult(statistic: snapped, pValue: p) }
        }
        let larger = Double(max(n1, n2))
        let smaller = Double(min(n1, n2))
        let effective = Int((larger * smaller / (larger + smaller)).rounded(.toNearestOrEven))
        let p = SpecialFunctions.kolmogorovSmirnovSurvival(n: max(effective, 1), x: d)
        return KolmogorovSmirnovResult(statistic: d, pValue: min(max(p, 0), 1))
    }

    /// scipy's threshold of `method="auto"` for the exact distribution.
    static let exactLimit = 10_000

    /// Pr(D_{n,n} ≥ h / n) for two samples of n (scipy's `_compute_prob_outside_square`).
    static func probabilityOutsideSquare(n: Int, h: Int) -> Double {
        var p = 0.0
        var k = n / h
        while k >= 0 {
            var p1 = 1.0
            for j in 0..<h {
                p1 = Double(n - k * h - j) * p1 / Double(n + k * h + j + 1)
            }
            p = p1 * (1 - p)
            k -= 1
        }
        return 2 * p
    }

    /// The share of lattice paths from (0, 0) to (m, n) leaving the band |x/m − y/n| < h / lcm(m, n), by Hodges'
    /// inside method in the form that accumulates 1 − p directly (Viehmann 2021; scipy's
    /// `_compute_outer_prob_inside_method`).
    static func probabilityOutsideInside(_ first: Int, _ second: Int, g: Int, h: Int) -> Double {
        let m = max(first, second)
        let n = min(first, second)
        let mg = m / g
        let ng = n / g
        var minJ = 0
        var maxJ = min(ceilDivide(h, mg), n + 1)
        var currentLength = maxJ - minJ
        let length = min(2 * maxJ + 2, n + 1)
        var a = [Double](repeating: 1, count: length)
        for j in minJ..<maxJ { a[j] = 0 }
        for i in 1...m {
            let lastMinJ = minJ
            let lastLength = currentLength
            minJ = min(max(floorDivide(ng * i - h, mg) + 1, 0), n)
            maxJ = min(ceilDivide(ng * i + h, mg), n + 1)
            if maxJ <= minJ { return 1 }
            var value = minJ == 0 ? 0.0 : 1.0
            for jj in 0..<(maxJ - minJ) {
                let j = jj + minJ
                value = (a[jj + minJ - lastMinJ] * Double(i) + value * Double(j)) / Double(i + j)
                a[jj] = value
            }
            currentLength = maxJ - minJ
            if lastLength > currentLength {
                for index in (maxJ - minJ)..<min(maxJ - minJ + lastLength - currentLength, length) { a[index] = 1 }
            }
        }
        return a[maxJ - minJ - 1]
    }

    private static func greatestCommonDivisor(_ a: Int, _ b: Int) -> Int {
        var (x, y) = (a, b)
        while y != 0 { (x, y) = (y, x % y) }
        return x
    }

    /// ⌊a / b⌋ for b > 0 and any sign of a.
    private static func floorDivide(_ a: Int, _ b: Int) -> Int {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }

    /// ⌈a / b⌉ for b > 0 and any sign of a.
    private static func ceilDivide(_ a: Int, _ b: Int) -> Int {
        -floorDivide(-a, b)
    }
}
