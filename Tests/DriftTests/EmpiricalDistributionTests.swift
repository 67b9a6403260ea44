import Drift
import Testing

struct EmpiricalDistributionTests {
    /// A deterministic skewed sample with ties: 50,000 values on a 0.01 grid.
    static let sample: [Double] = (0..<50_000).map { i in
        let u = Double((i &* 7919) % 50_000) / 50_000
        return ((u * u * 100) * 100).rounded() / 100
    }.sorted()

    /// Another sample, shifted and scaled, as a current window.
    static let current: [Double] = sample.enumerated().compactMap { $0.offset % 3 == 0 ? $0.element * 1.1 + 2 : nil }

    @Test(arguments: [10, 100, 1_000])
    func interpolatedSummaryStaysWithinItsBounds(maxKnots: Int) {
        let summary = EmpiricalDistribution(sorted: Self.sample, maxKnots: maxKnots)
        #expect(!summary.isExact && summary.values.count <= maxKnots + 2 && summary.isConsistent)
        let exact = DriftStatistics.kolmogorovSmirnov(Self.sample, Self.current)
        let approximate = DriftStatistics.kolmogorovSmirnov(reference: summary, currentSorted: Self.current.sorted())
        #expect(abs(approximate.statistic - exact.statistic) < 1 / Double(maxKnots))
        let range = Self.sample.last! - Self.sample.first!
        let w1 = DriftStatistics.wassersteinDistance(Self.sample, Self.current)
        let w1Approximate = DriftStatistics.wassersteinDistance(
            reference: summary,
            currentSorted: Self.current.sorted()
        )
        #expect(abs(w1Approximate - w1) < range / Double(maxKnots))
    }

    @Test func summaryOfFewDistinctValuesIsTheExactECDF() {
        let summary = EmpiricalDistribution(sorted: [1, 1, 2, 5, 5, 5], maxKnots: 3)
        #expect(summary.isExact && summary.values == [1, 2, 5])
        #expect(summary.countBelow == [0, 2, 3] && summary.countAtOrBelow == [2, 3, 6])
        #expect(EmpiricalDistribution(values: [1, 2, 5], counts: [2, 1, 3]) == summary)
    }

    @Test func quantileSummaryKeepsTheKolmogorovSmirnovErrorBelowTwoOverK() {
        let quantiles = (0...1000).map { DriftStatistics.quantile(sorted: Self.sample, Double($0) / 1000) }
        let summary = EmpiricalDistribution(quantiles: quantiles, count: Self.sample.count)
        #expect(summary.isConsistent && summary.count == Self.sample.count)
        let exact = DriftStatistics.kolmogorovSmirnov(Self.sample, Self.current)
        let approximate = DriftStatistics.kolmogorovSmirnov(reference: summary, currentSorted: Self.current.sorted())
        #expect(abs(approximate.statistic - exact.statistic) < 0.002)
    }

    @Test func numericFeatureMissingFromTheWholeWindowDrifts() throws {
        let reference = ReferenceDistribution.numeric(values: Self.sample.prefix(2_000) + [.nan])
        let report = try DriftReport(
            reference: ["x": reference],
            current: ["x": .numeric([.nan, .nan])],
            features: ["x"]
        )
        let feature = try #require(report.features.first)
        #expect(feature.statistic == nil && feature.drifted)
        #expect(feature.histogram.last?.label == "missing" && feature.histogram.last?.currentShare == 1)
        #expect(feature.psi > 1)
    }
}
