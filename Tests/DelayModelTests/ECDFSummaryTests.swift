import DelayModel
import Testing

/// How exact the ECDF summary stored in the model artifact is: exact up to `maxKnots` distinct values, within
/// 1 / `maxKnots` of the full ECDF beyond.
struct ECDFSummaryTests {
    /// A sample of `count` values drawn from `distinct` distinct values (unequal frequencies), sorted.
    static func sample(count: Int, distinct: Int, seed: UInt64) -> [Double] {
        var random = TestRandom(state: seed)
        return (0..<count).map { _ in
            // A skewed pick, so runs differ in length as real temperatures' do.
            let u = random.unit()
            return Double(Int(u * u * Double(distinct))) * 0.9 + 10
        }.sorted()
    }

    /// The full ECDF of `sorted` at each distinct value: (value, values strictly below, values at or below).
    static func runs(_ sorted: [Double]) -> [(value: Double, below: Int, atOrBelow: Int)] {
        var runs: [(value: Double, below: Int, atOrBelow: Int)] = []
        var start = 0
        while start < sorted.count {
            var end = start + 1
            while end < sorted.count && sorted[end] == sorted[start] { end += 1 }
            runs.append((sorted[start], start, end))
            start = end
        }
        return runs
    }

    /// 245,000 values over 173 distinct ones (the shape of `temp` in the training months): with n / maxKnots = 245
    /// values per knot, the greedy thinning used to drop most knots; now every distinct value is one.
    @Test(arguments: [173, 1_000])
    func fewDistinctValuesAreKeptExactly(distinct: Int) {
        let sorted = Self.sample(count: 245_000, distinct: distinct, seed: 7)
        let runs = Self.runs(sorted)
        #expect(runs.count > distinct * 9 / 10 && runs.count <= ECDFSummary.maxKnots)
        let ecdf = ECDFSummary(sorted: sorted)
        #expect(ecdf.isExact && ecdf.count == sorted.count)
        #expect(ecdf.values == runs.map(\.value))
        #expect(ecdf.countBelow == runs.map(\.below) && ecdf.countAtOrBelow == runs.map(\.atOrBelow))
    }

    /// Beyond maxKnots distinct values the summary is thinned, and its ECDF, interpolated linearly between knots as
    /// the `Drift` module reads it, stays within 1 / maxKnots of the full ECDF at every value: the KS statistic
    /// against the stored reference errs by less than 0.001, well under the 0.005 the drift report promises.
    @Test(arguments: [(50_000, 5_000), (245_000, 2_500), (20_000, 20_000)])
    func manyDistinctValuesStayWithinOneKnotStep(count: Int, distinct: Int) throws {
        let sorted = Self.sample(count: count, distinct: distinct, seed: 11)
        let runs = Self.runs(sorted)
        try #require(runs.count > ECDFSummary.maxKnots)
        let ecdf = ECDFSummary(sorted: sorted)
        #expect(!ecdf.isExact && ecdf.values.count <= ECDFSummary.maxKnots + 1)
        #expect(ecdf.values.first == runs.first?.value && ecdf.values.last == runs.last?.value)
        let n = Double(sorted.count)
        var knot = 0
        var worst = 0.0
        for run in runs {
            while ecdf.values[knot] < run.value { knot += 1 }
            let estimate: (below: Double, atOrBelow: Double)
            if ecdf.values[knot] == run.value {
                estimate = (Double(ecdf.countBelow[knot]), Double(ecdf.countAtOrBelow[knot]))
            } else {
                let (low, high) = (ecdf.values[knot - 1], ecdf.values[knot])
                let (from, to) = (Double(ecdf.countAtOrBelow[knot - 1]), Double(ecdf.countBelow[knot]))
                let interpolated = from + (to - from) * (run.value - low) / (high - low)
                estimate = (interpolated, interpolated)
            }
            worst = max(
                worst,
                abs(estimate.below - Double(run.below)) / n,
                abs(estimate.atOrBelow - Double(run.atOrBelow)) / n
            )
        }
        #expect(worst > 0 && worst < 1.0 / Double(ECDFSummary.maxKnots), "largest ECDF error \(worst)")
    }
}
