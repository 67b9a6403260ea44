import Drift
import Testing

/// Golden cases from scipy (`Fixtures/statistics.json`): every statistic within 1e-6 (most far closer).
struct StatisticsTests {
    struct KSCase: Decodable {
        let name: String
        let reference: [Double]
        let current: [Double]
        let statistic: Double
        let pValue: Double
        let wasserstein: Double
        let mean: Double
        let standardDeviation: Double
        let edges: [Double]
    }

    struct ChiSquareCase: Decodable {
        let reference: [Int]
        let current: [Int]
        let statistic: Double
        let pValue: Double
        let degreesOfFreedom: Int
    }

    struct Pair: Decodable {
        let p: [Double]
        let q: [Double]
        let expected: Double
    }

    struct Cases: Decodable {
        let ks: [KSCase]
        let chiSquare: [ChiSquareCase]
        let jensenShannon: [Pair]
        let psi: [Pair]
    }

    let cases: Cases

    init() throws { cases = try Fixtures.load("statistics.json", as: Cases.self) }

    @Test func kolmogorovSmirnovMatchesScipyExactAndAsymptotic() {
        #expect(cases.ks.count == 7)
        for c in cases.ks {
            let result = DriftStatistics.kolmogorovSmirnov(c.reference, c.current)
            #expect(isClose(result.statistic, c.statistic, relative: 1e-12), "\(c.name): D")
            #expect(isClose(result.pValue, c.pValue, relative: 1e-9, absolute: 1e-12), "\(c.name): p")
        }
    }

    @Test func wassersteinMatchesScipy() {
        for c in cases.ks {
            let distance = DriftStatistics.wassersteinDistance(c.reference, c.current)
            #expect(isClose(distance, c.wasserstein, relative: 1e-10), "\(c.name)")
        }
    }

    @Test func momentsAndDecileEdgesMatchNumpy() throws {
        for c in cases.ks {
            let moments = try #require(DriftStatistics.meanAndStandardDeviation(c.reference))
            #expect(isClose(moments.mean, c.mean, relative: 1e-12, absolute: 1e-14), "\(c.name): mean")
            #expect(isClose(moments.standardDeviation, c.standardDeviation, relative: 1e-12), "\(c.name): std")
            #expect(DriftStatistics.decileEdges(sorted: c.reference.sorted()) == c.edges, "\(c.name): edges")
        }
    }

    @Test func storedReferenceIsExactWhenFewDistinctValues() {
        // Every case has fewer distinct values than the default 1,000 knots except the 3,000+ ones, which must stay
        // within the documented bound.
        for c in cases.ks {
            let reference = ReferenceDistribution.numeric(values: c.reference)
            guard let ecdf = reference.ecdf else {
                Issue.record("a numeric reference has an ECDF")
                continue
            }
            let current = c.current.sorted()
            let result = DriftStatistics.kolmogorovSmirnov(reference: ecdf, currentSorted: current)
            let distance = DriftStatistics.wassersteinDistance(reference: ecdf, currentSorted: current)
            if ecdf.isExact {
                #expect(isClose(result.statistic, c.statistic, relative: 1e-12), "\(c.name)")
                #expect(isClose(distance, c.wasserstein, relative: 1e-10), "\(c.name)")
            } else {
                #expect(abs(result.statistic - c.statistic) < 1.0 / Double(EmpiricalDistribution.defaultMaxKnots))
                #expect(abs(distance - c.wasserstein) / c.standardDeviation < 1e-3, "\(c.name)")
            }
        }
    }

    @Test func chiSquareMatchesScipy() {
        #expect(cases.chiSquare.count == 6)
        for c in cases.chiSquare {
            let result = DriftStatistics.chiSquareHomogeneity(reference: c.reference, current: c.current)
            #expect(result.degreesOfFreedom == c.degreesOfFreedom)
            #expect(isClose(result.statistic, c.statistic, relative: 1e-12, absolute: 1e-12), "\(c.reference)")
            #expect(isClose(result.pValue, c.pValue, relative: 1e-9, absolute: 1e-300), "\(c.reference)")
        }
    }

    @Test func jensenShannonMatchesScipy() {
        for c in cases.jensenShannon {
            let distance = DriftStatistics.jensenShannonDistance(c.p, c.q)
            #expect(isClose(distance, c.expected, relative: 1e-12, absolute: 1e-15), "\(c.p) vs \(c.q)")
        }
    }

    @Test func psiMatchesTheNumpyFormula() {
        for c in cases.psi {
            let psi = DriftStatistics.populationStabilityIndex(referenceShares: c.p, currentShares: c.q)
            #expect(isClose(psi, c.expected, relative: 1e-12, absolute: 1e-15), "\(c.p) vs \(c.q)")
        }
    }
}
