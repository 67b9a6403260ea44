import DelayModel
import Drift
import Relational
import Testing

@testable import FlightQL

/// How exact the training reference stored in the model artifact is, on the real data: KS and Wasserstein for
/// Oct–Dec against the artifact's ECDF summaries beside the same statistics against the full training columns.
struct StoredReferenceTests {
    /// The numeric features' non-missing values, sorted, by name.
    static func sortedColumns(_ features: FlightFeatures) -> [String: [Double]] {
        var columns: [String: [Double]] = [:]
        for (name, values) in CurrentFeatures(features).columns {
            if case .numeric(let numbers) = values { columns[name] = numbers.filter { !$0.isNaN }.sorted() }
        }
        return columns
    }

    /// Every numeric feature with at most 1,000 distinct training values (all but `humid`, 2,318 distinct) is
    /// stored exactly: its KS statistic and p-value and its Wasserstein distance equal those against the full
    /// column. `humid`'s thinned ECDF keeps KS within 0.001 (the issue allows 0.005) and W1 within
    /// (max − min) / 1,000.
    @Test func storedECDFIsExactUpTo1000DistinctValuesAndCloseBeyond() async throws {
        let fixture = try await DriftFixture.get()
        let training = Self.sortedColumns(try await fixture.database.flightFeatures(to: DriftFixture.october))
        let current = Self.sortedColumns(
            try await fixture.database.flightFeatures(from: DriftFixture.october, to: DriftFixture.january)
        )
        let stored = DriftService(database: fixture.database).references(of: fixture.artifact)
        var thinned: [String] = []
        for (name, reference) in training.sorted(by: { $0.key < $1.key }) {
            let ecdf = try #require(stored[name]?.ecdf)
            let full = EmpiricalDistribution(sorted: reference, maxKnots: nil)
            let now = try #require(current[name])
            let ksStored = DriftStatistics.kolmogorovSmirnov(reference: ecdf, currentSorted: now)
            let ksFull = DriftStatistics.kolmogorovSmirnov(reference: full, currentSorted: now)
            let w1Stored = DriftStatistics.wassersteinDistance(reference: ecdf, currentSorted: now)
            let w1Full = DriftStatistics.wassersteinDistance(reference: full, currentSorted: now)
            #expect(ecdf.isExact == (full.values.count <= ECDFSummary.maxKnots), "\(name)")
            if ecdf.isExact {
                #expect(ecdf.values == full.values && ecdf.countAtOrBelow == full.countAtOrBelow, "\(name)")
                #expect(ksStored.statistic == ksFull.statistic && ksStored.pValue == ksFull.pValue, "\(name)")
                #expect(w1Stored == w1Full, "\(name)")
            } else {
                thinned.append(name)
                let range = try #require(reference.last) - (try #require(reference.first))
                #expect(abs(ksStored.statistic - ksFull.statistic) < 0.001, "\(name) KS \(ksStored) vs \(ksFull)")
                #expect(abs(w1Stored - w1Full) < range / 1_000, "\(name) W1 \(w1Stored) vs \(w1Full)")
            }
        }
        #expect(thinned == ["humid"])
    }
}
