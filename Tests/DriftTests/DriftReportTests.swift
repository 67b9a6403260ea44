import Drift
import Foundation
import Testing

struct DriftReportTests {
    /// 2,000 reference rows: x uniform-ish on a grid, colour in three categories.
    static func reference(rows: Int = 2_000) -> [String: ReferenceDistribution] {
        let x = (0..<rows).map { Double($0 % 100) }
        let colour: [String?] = (0..<rows).map { ["red", "green", "blue"][$0 % 3] }
        return ["x": .numeric(values: x), "colour": .categorical(values: colour)]
    }

    @Test func identicalWindowDoesNotDrift() throws {
        let rows = 2_000
        let report = try DriftReport(
            reference: Self.reference(rows: rows),
            current: [
                "x": .numeric((0..<rows).map { Double($0 % 100) }),
                "colour": .categorical((0..<rows).map { ["red", "green", "blue"][$0 % 3] }),
            ],
            features: ["x", "colour"]
        )
        #expect(report.referenceRows == rows && report.currentRows == rows)
        #expect(report.features.map(\.name) == ["x", "colour"])
        #expect(report.features.map(\.method) == [.wasserstein, .jensenShannon])
        for feature in report.features {
            #expect(feature.statistic == 0 && feature.psi == 0 && !feature.drifted, "\(feature.name)")
        }
        #expect(report.driftShare == 0 && !report.driftDetected)
    }

    @Test func shiftedWindowDriftsWithHistogramLabels() throws {
        let report = try DriftReport(
            reference: Self.reference(),
            current: [
                "x": .numeric((0..<500).map { Double($0 % 100) + 40 } + [.nan]),
                "colour": .categorical((0..<500).map { _ in "red" } + ["purple"]),
            ],
            features: ["x", "colour"]
        )
        #expect(report.currentRows == 501)
        let x = try #require(report.features.first)
        // W1 = 40, std of 0…99 = 28.866: 1.3857.
        #expect(isClose(try #require(x.statistic), 40 / (9999.0 / 12).squareRoot(), relative: 1e-12))
        #expect(x.drifted && x.pValue == nil && x.threshold == 0.1)
        #expect(x.histogram.first?.label == "(-inf, 9.9]")
        #expect(x.histogram.map(\.label).suffix(2) == ["(89.1, +inf)", "missing"])
        #expect(x.histogram.last?.referenceShare == 0 && x.histogram.last?.currentShare == 1.0 / 501)
        let colour = report.features[1]
        // Most frequent first, ties by name: red and green 667 rows each, blue 666.
        #expect(colour.histogram.map(\.label) == ["green", "red", "blue", "other"])
        #expect(colour.drifted && colour.method == .jensenShannon)
        #expect(report.driftShare == 1 && report.driftDetected)
    }

    @Test func smallReferenceUsesTestsWithPValues() throws {
        let reference: [String: ReferenceDistribution] = [
            "x": .numeric(values: (0..<200).map { Double($0) }),
            "c": .categorical(values: (0..<200).map { $0 % 2 == 0 ? "a" : "b" }),
        ]
        let same = try DriftReport(
            reference: reference,
            current: [
                "x": .numeric((0..<100).map { Double(2 * $0) }),
                "c": .categorical((0..<100).map { $0 % 2 == 0 ? "a" : "b" }),
            ],
            features: ["x", "c"]
        )
        #expect(same.features.map(\.method) == [.ks, .chi2])
        #expect(same.features.allSatisfy { !$0.drifted && ($0.pValue ?? 0) > 0.5 })
        let shifted = try DriftReport(
            reference: reference,
            current: [
                "x": .numeric((0..<100).map { Double($0) + 150 }),
                "c": .categorical((0..<100).map { $0 % 5 == 0 ? "a" : "b" }),
            ],
            features: ["x", "c"]
        )
        #expect(shifted.features.allSatisfy { $0.drifted && ($0.pValue ?? 1) < 0.05 })
        // The KS test against the stored reference equals the full-sample test (200 distinct values: exact ECDF).
        let full = DriftStatistics.kolmogorovSmirnov((0..<200).map { Double($0) }, (0..<100).map { Double($0) + 150 })
        #expect(shifted.features[0].statistic == full.statistic && shifted.features[0].pValue == full.pValue)
    }

    @Test func emptyWindowIsAReportWithoutDrift() throws {
        let report = try DriftReport(
            reference: Self.reference(),
            current: ["x": .numeric([]), "colour": .categorical([])],
            features: ["x", "colour"]
        )
        #expect(report.currentRows == 0 && report.referenceRows == 2_000)
        #expect(report.features.isEmpty && report.driftShare == 0 && !report.driftDetected)
    }

    @Test func halfTheFeaturesDriftingIsDatasetDrift() throws {
        let rows = 2_000
        let report = try DriftReport(
            reference: Self.reference(rows: rows),
            current: [
                "x": .numeric((0..<rows).map { Double($0 % 100) }),
                "colour": .categorical((0..<rows).map { _ in "green" }),
            ],
            features: ["x", "colour"]
        )
        #expect(report.features.map(\.drifted) == [false, true])
        #expect(report.driftShare == 0.5 && report.driftDetected)
    }

    @Test func inconsistentInputsThrow() {
        let reference = Self.reference()
        expectError(.missingReference, "y") {
            _ = try DriftReport(reference: reference, current: ["y": .numeric([1])], features: ["y"])
        }
        expectError(.kindMismatch, "x") {
            _ = try DriftReport(reference: reference, current: ["x": .categorical(["a"])], features: ["x"])
        }
        expectError(.rowCountMismatch, "colour") {
            _ = try DriftReport(
                reference: reference,
                current: ["x": .numeric([1, 2]), "colour": .categorical(["red"])],
                features: ["x", "colour"]
            )
        }
        expectError(.missingCurrentValues, "colour") {
            _ = try DriftReport(reference: reference, current: ["x": .numeric([1])], features: ["x", "colour"])
        }
        let damaged = ReferenceDistribution(
            kind: .numeric,
            rowCount: 10,
            missingCount: 0,
            edges: [1, 2],
            categories: [],
            binCounts: [5, 5],
            mean: 1,
            standardDeviation: 1,
            ecdf: nil
        )
        expectError(.invalidReference, "x") {
            _ = try DriftReport(reference: ["x": damaged], current: ["x": .numeric([1])], features: ["x"])
        }
    }

    private func expectError(
        _ code: DriftError.Code,
        _ feature: String,
        sourceLocation: SourceLocation = #_sourceLocation,
        _ body: () throws -> Void
    ) {
        let error = #expect(throws: DriftError.self, sourceLocation: sourceLocation) { try body() }
        #expect(error?.code == code && error?.feature == feature, sourceLocation: sourceLocation)
    }

    @Test func referenceSurvivesJSON() throws {
        let reference = Self.reference()
        let decoded = try JSONDecoder().decode(
            [String: ReferenceDistribution].self,
            from: JSONEncoder().encode(reference)
        )
        #expect(decoded == reference)
    }

    @Test func categoricalBuilderAcceptsPlainStrings() {
        let values: [String] = ["b", "a", "b"]
        let reference = ReferenceDistribution.categorical(values: values)
        #expect(reference.categories == ["b", "a"] && reference.binCounts == [2, 1] && reference.missingCount == 0)
    }
}
