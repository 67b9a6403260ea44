import DelayModel
import Drift
import Foundation
import Relational
import Testing

@testable import FlightQL

/// Drift reports on the real data set against a model trained on its months 1–9.
struct DriftServiceTests {
    let fixture: DriftFixture
    let service: DriftService

    init() async throws {
        fixture = try await DriftFixture.get()
        service = DriftService(database: fixture.database)
    }

    static let octoberToDecember = DriftWindow(source: .flights, from: DriftFixture.october, to: DriftFixture.january)

    @Test func octoberToDecemberFlagsExactlyMonthTempAndPressure() async throws {
        let report = try await service.report(window: Self.octoberToDecember, artifact: fixture.artifact)
        let current = try await fixture.database.flightFeatures(from: DriftFixture.october, to: DriftFixture.january)
        #expect(report.currentRows == current.count && report.currentRows > 80_000)
        #expect(report.referenceRows == fixture.trainingRows)
        #expect(report.features.map(\.feature) == DriftService.featureNames)
        #expect(report.features.filter(\.drifted).map(\.feature) == ["month", "temp", "pressure"])
        #expect(report.driftShare == 3.0 / 13 && !report.driftDetected)
        #expect(report.source == .flights && report.from == DriftFixture.october && report.to == DriftFixture.january)
        for feature in report.features {
            let categorical = ["carrier", "origin", "dest"].contains(feature.feature)
            #expect(feature.kind == (categorical ? .categorical : .numerical), "\(feature.feature)")
            #expect(feature.method == (categorical ? "jensenshannon" : "wasserstein"), "\(feature.feature)")
            #expect(feature.pValue == nil && feature.threshold == 0.1, "\(feature.feature)")
            let statistic = try #require(feature.statistic)
            #expect((statistic >= 0.1) == feature.drifted, "\(feature.feature)")
            let referenceTotal = feature.histogram.reduce(0) { $0 + $1.referenceShare }
            let currentTotal = feature.histogram.reduce(0) { $0 + $1.currentShare }
            #expect(abs(referenceTotal - 1) < 1e-9 && abs(currentTotal - 1) < 1e-9, "\(feature.feature)")
        }
        // Training months are 1–9, the window's 10–12: the month histogram has no overlap at all.
        let month = try #require(report.features.first)
        #expect(month.histogram.allSatisfy { $0.referenceShare == 0 || $0.currentShare == 0 })
    }

    @Test func trainingWindowFlagsNothing() async throws {
        let report = try await service.report(
            window: DriftWindow(source: .flights, to: DriftFixture.october),
            artifact: fixture.artifact
        )
        #expect(report.currentRows == fixture.trainingRows && report.referenceRows == fixture.trainingRows)
        #expect(report.features.count == 13)
        for feature in report.features {
            #expect(!feature.drifted && feature.psi == 0, "\(feature.feature)")
            #expect(feature.histogram.allSatisfy { $0.referenceShare == $0.currentShare }, "\(feature.feature)")
        }
        #expect(report.driftShare == 0 && !report.driftDetected)
    }

    @Test(arguments: [
        (DriftFixture.october, DriftFixture.october),  // from == to
        (1_577_836_800, 1_609_459_200),  // 2020: no flights
    ])
    func emptyWindowHasNoRowsAndNoDrift(from: Int64, to: Int64) async throws {
        let report = try await service.report(
            window: DriftWindow(source: .flights, from: from, to: to),
            artifact: fixture.artifact
        )
        #expect(report.currentRows == 0 && report.referenceRows == fixture.trainingRows)
        #expect(report.features.isEmpty && report.driftShare == 0 && !report.driftDetected)
    }

    /// A FLIGHT_STATUS provider that hands model input rows to the seam gives the FLIGHTS report of the same rows.
    @Test func providerSeamAgreesWithFlights() async throws {
        let database = fixture.database
        let withStatus = DriftService(
            database: database,
            flightStatus: { from, to in
                let flights = try await database.flightFeatures(from: from, to: to)
                return CurrentFeatures(rows: (0..<flights.count).map { FeatureRow.flight(flights, at: $0) })
            }
        )
        var window = Self.octoberToDecember
        let flights = try await withStatus.report(window: window, artifact: fixture.artifact)
        window.source = .flightStatus
        let status = try await withStatus.report(window: window, artifact: fixture.artifact)
        #expect(status.source == .flightStatus && status.currentRows == flights.currentRows)
        #expect(status.features == flights.features)
    }

    @Test(arguments: [DriftSource.flightStatus, .predictions])
    func unwiredSourceFails(source: DriftSource) async throws {
        let error = await #expect(throws: DriftServiceError.self) {
            _ = try await service.report(window: DriftWindow(source: source), artifact: fixture.artifact)
        }
        #expect(error?.code == .sourceUnavailable)
        #expect(error?.description.contains(source.rawValue) == true)
    }

    @Test func fromAfterToFails() async throws {
        let error = await #expect(throws: DriftServiceError.self) {
            _ = try await service.report(
                window: DriftWindow(source: .flights, from: DriftFixture.january, to: DriftFixture.october),
                artifact: fixture.artifact
            )
        }
        #expect(error?.code == .invalidWindow)
    }

    /// A swapped-in artifact (another version) is compared with its own references, not the cached ones.
    @Test func anotherArtifactVersionIsNotServedFromTheCache() async throws {
        let window = DriftWindow(source: .flights, to: DriftFixture.october)
        var other = fixture.artifact
        other.modelVersion = "cart-0000000000000000"
        let temp = try #require(other.references.firstIndex { $0.name == "temp" })
        let pressure = try #require(other.references.firstIndex { $0.name == "pressure" })
        other.references[temp] = other.references[pressure]
        other.references[temp].name = "temp"
        let before = try await service.report(window: window, artifact: fixture.artifact)
        let swapped = try await service.report(window: window, artifact: other)
        let after = try await service.report(window: window, artifact: fixture.artifact)
        #expect(before.features.filter(\.drifted).isEmpty && after.features.filter(\.drifted).isEmpty)
        #expect(swapped.features.filter(\.drifted).map(\.feature) == ["temp"])
        #expect(swapped.modelVersion == "cart-0000000000000000")
    }

    @Test func referencesRebuildTheArtifactFieldByField() throws {
        let references = service.references(of: fixture.artifact)
        #expect(references.count == 13)
        for stored in fixture.artifact.references {
            let rebuilt = try #require(references[stored.name])
            #expect(rebuilt.rowCount == stored.rowCount && rebuilt.missingCount == stored.missingCount)
            #expect(rebuilt.edges == stored.edges && rebuilt.categories == stored.categories)
            #expect(rebuilt.binCounts == stored.binCounts && rebuilt.mean == stored.mean)
            #expect(rebuilt.ecdf?.values == stored.ecdf?.values)
            #expect(rebuilt.ecdf?.countAtOrBelow == stored.ecdf?.countAtOrBelow)
        }
    }

    @Test func tableListsEveryFeatureAndTheVerdict() async throws {
        let report = try await service.report(window: Self.octoberToDecember, artifact: fixture.artifact)
        let lines = renderDriftTable(report).split(separator: "\n").map(String.init)
        #expect(lines.count == 17)  // heading, reference line, header, 13 features, dataset line
        #expect(lines[0] == "drift of flights from 2013-10-01T04:00:00Z to 2014-01-01T05:00:00Z")
        #expect(
            lines[2].split(separator: " ") == ["feature", "kind", "method", "statistic", "p-value", "PSI", "drifted"]
        )
        let drifted = lines[3..<16].filter { $0.hasSuffix(" yes") }.map { $0.split(separator: " ")[0] }
        #expect(drifted == ["month", "temp", "pressure"])
        #expect(lines.allSatisfy { !$0.hasSuffix(" ") })
        #expect(lines[16] == "dataset: No dataset drift: 3 of 13 features drifted (23.1%), below the 50.0% rule.")
    }
}

/// Windows from text: the command line's options and the `/drift` page's query parameters.
struct DriftWindowTextTests {
    @Test func parsesSourceNamesAndRFC3339Times() throws {
        let window = try DriftWindow(
            source: "flight-status",
            from: "2013-10-01T04:00:00Z",
            to: "2013-12-31T23:00:00-05:00"
        )
        #expect(
            window == DriftWindow(source: .flightStatus, from: DriftFixture.october, to: DriftFixture.january - 3600)
        )
        #expect(
            try DriftWindow(source: "PREDICTIONS", from: "2013-10-01T04:00:00.75Z", to: nil).from
                == DriftFixture.october
        )
        #expect(try DriftWindow(source: "Flight_Status", from: "", to: " ").source == .flightStatus)
        #expect(try DriftWindow(source: nil, from: nil, to: "") == DriftWindow(source: .flights))
        #expect(DriftSource.allCases.map(\.argument) == ["flights", "flight-status", "predictions"])
    }

    @Test(arguments: [
        ("mongo", "", ""),
        ("flights", "2013-10-01", ""),
        ("flights", "", "yesterday"),
        ("flights", "2014-01-01T05:00:00Z", "2013-10-01T04:00:00Z"),
    ])
    func rejectsInvalidText(source: String, from: String, to: String) {
        #expect {
            _ = try DriftWindow(source: source, from: from, to: to)
        } throws: { error in
            (error as? DriftServiceError)?.code == .invalidWindow
        }
    }
}
