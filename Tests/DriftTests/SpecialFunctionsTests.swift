import Drift
import Foundation
import Testing

struct SpecialFunctionsTests {
    struct Cases: Decodable {
        let logGamma: [[Double]]
        let gammaQ: [[Double]]
        let kolmogorovSmirnov: [[Double]]
        let smirnov: [[Double]]
    }

    let cases: Cases

    init() throws { cases = try Fixtures.load("special.json", as: Cases.self) }

    @Test func logGammaMatchesScipy() {
        #expect(cases.logGamma.count == 16)
        for row in cases.logGamma {
            let actual = SpecialFunctions.logGamma(row[0])
            // Relative 1e-9, or 1e-13 absolute near the zeros at 1 and 2.
            #expect(isClose(actual, row[1], relative: 1e-9, absolute: 1e-13), "gammaln(\(row[0]))")
        }
    }

    @Test func regularizedUpperGammaMatchesScipy() {
        #expect(cases.gammaQ.count == 93)
        for row in cases.gammaQ {
            let actual = SpecialFunctions.regularizedGammaQ(row[0], row[1])
            #expect(isClose(actual, row[2], relative: 1e-9, absolute: 1e-300), "gammaincc(\(row[0]), \(row[1]))")
        }
    }

    @Test func kolmogorovSmirnovSurvivalMatchesScipy() {
        #expect(cases.kolmogorovSmirnov.count == 24)
        for row in cases.kolmogorovSmirnov {
            let actual = SpecialFunctions.kolmogorovSmirnovSurvival(n: Int(row[0]), x: row[1])
            #expect(isClose(actual, row[2], relative: 1e-9, absolute: 1e-300), "kstwo.sf(\(row[1]), \(row[0]))")
        }
    }

    @Test func smirnovSurvivalMatchesScipy() {
        #expect(cases.smirnov.count == 8)
        for row in cases.smirnov {
            let actual = SpecialFunctions.smirnovSurvival(n: Int(row[0]), x: row[1])
            #expect(isClose(actual, row[2], relative: 1e-9, absolute: 1e-300), "smirnov(\(row[0]), \(row[1]))")
        }
    }

    @Test func chiSquareTailOfTwoDegreesIsExponential() {
        // Q(1, x) = e^-x exactly.
        for x in [0.1, 1.0, 7.5, 40.0] {
            #expect(isClose(SpecialFunctions.regularizedGammaQ(1, x), exp(-x), relative: 1e-13))
        }
    }
}
