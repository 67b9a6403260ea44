import DelayModel
import Documents
import Drift
import Foundation
import Ingest
import Relational
import Testing

@testable import FlightQL

/// The FLIGHT_STATUS and PREDICTIONS sources: the status documents of the live feed turned into model rows, and
/// the logged prediction inputs, against the real data set and a model trained on its months 1–9.
struct DriftSourceTests {
    let fixture: DriftFixture
    let predictionFeatures: PredictionFeatures

    init() async throws {
        fixture = try await DriftFixture.get()
        predictionFeatures = try await PredictionFeatures.load(from: fixture.database)
    }

    /// The documents the replay feed writes for the flights scheduled in [`from`, `to`), less the cancelled ones
    /// (which `FlightStatusStore.departing` leaves out).
    func replayedStatuses(from: Int64, to: Int64) async throws -> [FlightStatusDocument] {
        try await fixture.database.flights(from: from, to: to).map {
            FlightStatusDocument(replaying: HistoricalFlight($0))
        }
        .filter { $0.state != .cancelled }
    }

    /// The FLIGHTS rows of the window, with `distance` replaced by the route's usual one when asked.
    func flightRows(from: Int64, to: Int64, usualDistance: Bool) async throws -> [FeatureRow] {
        let flights = try await fixture.database.flightFeatures(from: from, to: to)
        return (0..<flights.count).map { index in
            var row = FeatureRow.flight(flights, at: index)
            if usualDistance {
                let distance = predictionFeatures.usualDistance(
                    from: flights.origin[index],
                    to: flights.destination[index]
                )
                row.values[6] = distance.map { .number(Double($0)) } ?? .missing
            }
            return row
        }
    }

    static func counts(_ rows: [FeatureRow]) -> [FeatureRow: Int] {
        rows.reduce(into: [:]) { $0[$1, default: 0] += 1 }
    }

    /// Oct–Dec replayed as status documents gives, flight for flight, the FLIGHTS rows: the same local month, day and
    /// hour, carrier, airports and weather; the distance is the route's usual one, which differs only on the two
    /// Eagle County routes flown at two distances a mile apart (25 non-cancelled December flights).
    @Test func replayedOctoberToDecemberHasTheFlightsFeatures() async throws {
        let (from, to) = (DriftFixture.october, DriftFixture.january)
        let statuses = try await replayedStatuses(from: from, to: to)
        let rows = try await predictionFeatures.rows(of: statuses, weatherFrom: fixture.database)
        #expect(rows.count > 80_000)
        #expect(Self.counts(rows) == Self.counts(try await flightRows(from: from, to: to, usualDistance: true)))
        let exact = try await flightRows(from: from, to: to, usualDistance: false)
        let usual = try await flightRows(from: from, to: to, usualDistance: true)
        let offRoute = zip(exact, usual).filter { $0 != $1 }.map(\.0)
        #expect(!offRoute.isEmpty && offRoute.allSatisfy { $0.values[5] == .category("EGE") })
        let differing = Set(exact).subtracting(rows)
        #expect(exact.filter { differing.contains($0) } == offRoute)
    }

    /// The acceptance window through the FLIGHT_STATUS pipeline (documents → rows → report): the verdicts of FLIGHTS,
    /// month, temp and pressure, and the same statistics but for distance's mile on the Eagle County routes.
    @Test func replayedOctoberToDecemberGivesTheFlightsVerdicts() async throws {
        let (from, to) = (DriftFixture.october, DriftFixture.january)
        let statuses = try await replayedStatuses(from: from, to: to)
        let rows = try await predictionFeatures.rows(of: statuses, weatherFrom: fixture.database)
        let service = DriftService(database: fixture.database, flightStatus: { _, _ in CurrentFeatures(rows: rows) })
        let status = try await service.report(
            window: DriftWindow(source: .flightStatus, from: from, to: to),
            artifact: fixture.artifact
        )
        let flights = try await service.report(
            window: DriftWindow(source: .flights, from: from, to: to),
            artifact: fixture.artifact
        )
        #expect(status.currentRows == flights.currentRows)
        #expect(status.features.filter(\.drifted).map(\.feature) == ["month", "temp", "pressure"])
        #expect(status.driftShare == flights.driftShare && !status.driftDetected)
        for (fromStatus, fromFlights) in zip(status.features, flights.features) where fromStatus.feature != "distance" {
            #expect(fromStatus == fromFlights, "\(fromStatus.feature)")
        }
        let distance = try #require(status.features.first { $0.feature == "distance" })
        let flightsDistance = try #require(flights.features.first { $0.feature == "distance" })
        #expect(abs(try #require(distance.statistic) - (try #require(flightsDistance.statistic))) < 1e-4)
    }

    /// A status whose departure airport is unknown, or that has no scheduled departure, keeps its other features.
    @Test func statusesWithoutTimeZoneOrScheduleHaveMissingTimeFeatures() async throws {
        let scheduled = Date(unixSeconds: DriftFixture.october + 3 * 3600 + 1800)  // 2013-10-01 03:30 local
        let known = FlightStatusDocument(
            carrierCode: "UA",
            flightNumber: 1,
            date: "2013-10-01",
            state: .scheduled,
            departure: FlightEndpoint(airport: "EWR", scheduled: scheduled),
            arrival: FlightEndpoint(airport: "ORD"),
            source: .api,
            updatedAt: scheduled
        )
        var unknownAirport = known
        unknownAirport.departure.airport = "ZZZ"
        var unscheduled = known
        unscheduled.departure.scheduled = nil
        let rows = try await predictionFeatures.rows(
            of: [known, unknownAirport, unscheduled],
            weatherFrom: fixture.database
        )
        let weather = try await fixture.database.weather(
            keys: [WeatherKey(origin: "EWR", hour: DriftFixture.october + 3 * 3600)]
        ).values.first
        #expect(rows[0].values[0...2] == [.number(10), .number(2), .number(3)])  // October, Tuesday, 3 h
        #expect(rows[0].values[3...6] == [.category("UA"), .category("EWR"), .category("ORD"), .number(719)])
        #expect(rows[0].values[7] == weather?.temperature.map(FeatureValue.number))
        #expect(rows[1].values[0...2].allSatisfy { $0 == .missing } && rows[1].values[3] == .category("UA"))
        #expect(rows[1].values[6...].allSatisfy { $0 == .missing })  // no route from ZZZ, no weather at ZZZ
        #expect(rows[2].values[0...2].allSatisfy { $0 == .missing } && rows[2].values[6] == .number(719))
        #expect(rows[2].values[7...].allSatisfy { $0 == .missing })
    }

    /// The PREDICTIONS source reads back what `predictDelay` logs; absent, null and mistyped inputs are missing.
    @Test func loggedInputsAreTheModelRows() throws {
        let rows = [
            FeatureRow.flight(
                month: 11,
                dayOfWeek: 3,
                schedDepHour: 17,
                carrier: "DL",
                origin: "JFK",
                dest: "ATL",
                distance: 760,
                temp: 41.5,
                humid: nil,
                windSpeed: 9.2,
                precip: 0,
                pressure: 1021.4,
                visib: 10
            ),
            FeatureRow.flight(
                month: 12,
                dayOfWeek: 7,
                schedDepHour: 6,
                carrier: "UA",
                origin: "EWR",
                dest: "SFO",
                distance: nil,
                temp: nil,
                humid: nil,
                windSpeed: nil,
                precip: nil,
                pressure: nil,
                visib: nil
            ),
        ]
        var logged = rows.map { $0.document(spec: .flightDelay) }
        let mistyped: Documents.Document = ["month": "twelve", "carrier": .int32(7), "distance": .int32(500)]
        logged.append(mistyped)
        let current = CurrentFeatures(loggedInputs: logged)
        var expected = rows
        var third = FeatureRow(Array(repeating: .missing, count: 13))
        third.values[6] = .number(500)
        expected.append(third)
        let reference = CurrentFeatures(rows: expected)
        #expect(current.rowCount == 3)
        for name in DriftService.featureNames {
            #expect(
                String(describing: current.columns[name]) == String(describing: reference.columns[name]),
                "\(name)"
            )
        }
    }

    /// Without MongoDB the two document sources fail with a message naming what to configure; FLIGHTS still works.
    @Test func documentSourcesWithoutMongoDBFailClearly() async throws {
        let service = DriftService(database: fixture.database, documents: nil, predictionFeatures: predictionFeatures)
        for source in [DriftSource.flightStatus, .predictions] {
            let error = await #expect(throws: DriftServiceError.self) {
                _ = try await service.report(window: DriftWindow(source: source), artifact: fixture.artifact)
            }
            #expect(error?.code == .sourceUnavailable)
            #expect(
                error?.description
                    == "drift: source \(source.rawValue) needs MongoDB, and none is configured (set MONGODB_URI)"
            )
        }
        let flights = try await service.report(
            window: DriftWindow(source: .flights, from: DriftFixture.october, to: DriftFixture.october + 86_400),
            artifact: fixture.artifact
        )
        #expect(flights.currentRows > 0)
    }

    /// A MongoDB that does not answer fails the document sources with `.sourceUnavailable`.
    @Test func documentSourcesWithMongoDBDownFailClearly() async throws {
        let client = try MongoClient(
            uri: "mongodb://127.0.0.1:\(try Self.closedPort())/flightql_drift?serverSelectionTimeoutMS=300"
        )
        let service = DriftService(
            database: fixture.database,
            documents: DocumentServices(client: client),
            predictionFeatures: predictionFeatures
        )
        for source in [DriftSource.flightStatus, .predictions] {
            let started = ContinuousClock.now
            let error = await #expect(throws: DriftServiceError.self) {
                _ = try await service.report(window: DriftWindow(source: source), artifact: fixture.artifact)
            }
            #expect(error?.code == .sourceUnavailable)
            #expect(
                error?.message.hasPrefix("source \(source.rawValue) is unavailable: MongoDB did not answer") == true
            )
            // Within the client's connect and socket timeouts (10 s): a failure, never a hang.
            #expect(ContinuousClock.now - started < .seconds(30))
        }
        await client.shutdown()
    }

    /// A local TCP port nobody listens on.
    static func closedPort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else { throw CocoaError(.fileWriteUnknown) }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// The document sources through a real MongoDB wire-protocol server (`MONGODB_URI`, set by `make test`), in a
/// database of their own: a replayed week and logged predictions read back by window.
@Suite(.enabled(if: DriftMongoDB.uri != nil, "needs MONGODB_URI (make test)"))
struct DriftMongoDBTests {
    let fixture: DriftFixture

    init() async throws {
        fixture = try await DriftFixture.get()
    }

    /// The replay of Sep 30 – Oct 8 (local dates), read back for the first week of October (UTC bounds inside the
    /// replayed days), gives exactly the FLIGHTS report of that week: the window, the cancelled flights and the
    /// documents' round trip through BSON all agree with SQLite.
    @Test func replayedWeekGivesTheFlightsReport() async throws {
        let client = try MongoClient(uri: try #require(DriftMongoDB.uri))
        let documents = DocumentServices(client: client)
        try await documents.statuses.prepare()
        let replayed = try await fixture.database.flights(
            from: DriftFixture.october - 86_400,
            to: DriftFixture.october + 8 * 86_400
        )
        let summary = try await ReplayFeed(store: documents.statuses).replay(replayed)
        #expect(summary.rejected.isEmpty)
        let service = DriftService(
            database: fixture.database,
            documents: documents,
            predictionFeatures: try await PredictionFeatures.load(from: fixture.database)
        )
        let (from, to) = (DriftFixture.october, DriftFixture.october + 7 * 86_400)
        let status = try await service.report(
            window: DriftWindow(source: .flightStatus, from: from, to: to),
            artifact: fixture.artifact
        )
        let flights = try await service.report(
            window: DriftWindow(source: .flights, from: from, to: to),
            artifact: fixture.artifact
        )
        #expect(status.currentRows == flights.currentRows && status.currentRows > 6_000)
        #expect(status.features == flights.features)
        #expect(status.features.filter(\.drifted).map(\.feature) == flights.features.filter(\.drifted).map(\.feature))
        await client.shutdown()
    }

    /// Logged predictions in and around a window: only those inside count, with the inputs they were logged with.
    @Test func loggedPredictionsOfTheWindow() async throws {
        let client = try MongoClient(uri: try #require(DriftMongoDB.uri))
        let documents = DocumentServices(client: client)
        try await documents.predictions.prepare()
        let flights = try await fixture.database.flightFeatures(
            from: DriftFixture.october,
            to: DriftFixture.october + 86_400
        )
        let start = Date(unixSeconds: 1_900_000_000)  // 2030: no other test logs there
        let rows = (0..<flights.count).map { FeatureRow.flight(flights, at: $0) }
        let records = rows.enumerated().map { index, row in
            PredictionRecord(
                inputs: row.document(spec: .flightDelay),
                probability: 0.2,
                modelVersion: "test",
                time: start.addingTimeInterval(Double(index))
            )
        }
        try await documents.predictions.write(records)
        let outside = PredictionRecord(
            inputs: rows[0].document(spec: .flightDelay),
            probability: 0.2,
            modelVersion: "test",
            time: start.addingTimeInterval(-1)
        )
        try await documents.predictions.write([outside])
        let service = DriftService(
            database: fixture.database,
            documents: documents,
            predictionFeatures: try await PredictionFeatures.load(from: fixture.database)
        )
        let window = DriftWindow(source: .predictions, from: 1_900_000_000, to: 1_900_000_000 + Int64(rows.count))
        let report = try await service.report(window: window, artifact: fixture.artifact)
        let expected = try await DriftService(
            database: fixture.database,
            predictions: { _, _ in CurrentFeatures(rows: rows) }
        )
        .report(window: window, artifact: fixture.artifact)
        #expect(report.currentRows == rows.count && report.features == expected.features)
        await client.shutdown()
    }
}

/// The test MongoDB, in a database only these tests use.
enum DriftMongoDB {
    /// `MONGODB_URI` with its database replaced by `flightql_drift_<pid>`; nil without `MONGODB_URI`.
    static let uri: String? = {
        guard let base = ProcessInfo.processInfo.environment["MONGODB_URI"], !base.isEmpty,
            var components = URLComponents(string: base)
        else { return nil }
        components.path = "/flightql_drift_\(getpid())"
        return components.string
    }()
}
