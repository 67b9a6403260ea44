import Relational
import Testing

/// Flights with tied departure times and delays, and missing delays, so that keyset pagination
/// must use the row id to break ties and handle NULLs.
private let flights: [TestFlight] = (0..<23).map { i in
    TestFlight(
        carrier: i % 3 == 0 ? "AA" : "UA",
        flightNumber: i,
        departure: 1_000 + Int64(i / 3) * 60,
        departureDelay: i % 5 == 4 ? nil : (i * 7) % 11 - 3,
        arrivalDelay: i % 4 == 1 ? nil : (i * 5) % 9
    )
}

/// The expected order, computed in Swift from the test data (row ids are 1-based indices).
private func expectedIDs(_ order: FlightOrder, carrier: String?) -> [Int64] {
    let rows = flights.enumerated()
        .filter { carrier == nil || $0.element.carrier == carrier }
        .map { (id: Int64($0.offset + 1), flight: $0.element) }
    func delayKey(_ value: Int?) -> Int { value ?? Int.min }
    let sorted: [(id: Int64, flight: TestFlight)]
    switch order {
    case .scheduledDepartureAsc:
        sorted = rows.sorted { ($0.flight.departure, $0.id) < ($1.flight.departure, $1.id) }
    case .scheduledDepartureDesc:
        sorted = rows.sorted { ($0.flight.departure, $0.id) > ($1.flight.departure, $1.id) }
    case .departureDelayDesc:
        sorted = rows.sorted {
            (delayKey($0.flight.departureDelay), $0.id) > (delayKey($1.flight.departureDelay), $1.id)
        }
    case .arrivalDelayDesc:
        sorted = rows.sorted { (delayKey($0.flight.arrivalDelay), $0.id) > (delayKey($1.flight.arrivalDelay), $1.id) }
    }
    return sorted.map(\.id)
}

@Suite("Keyset pagination")
struct PaginationTests {
    @Test("pages of every size concatenate to the full order", arguments: FlightOrder.allCases)
    func concatenation(order: FlightOrder) async throws {
        try await withTemporaryDatabase { database in
            try await insert(flights, into: database)
            for carrier in [nil, "UA"] as [String?] {
                for size in [1, 2, 4, 7, 23, 500] {
                    var ids: [Int64] = []
                    var after: String?
                    var hasNext = true
                    while hasNext {
                        let page = try await database.flightsPage(
                            filter: FlightFilter(carrier: carrier),
                            order: order,
                            first: size,
                            after: after
                        )
                        #expect(page.flights.count <= size)
                        ids += page.flights.map(\.id)
                        hasNext = page.hasNextPage
                        after = page.endCursor
                    }
                    #expect(ids == expectedIDs(order, carrier: carrier), "size \(size) carrier \(carrier ?? "-")")
                }
            }
        }
    }

    @Test("page size is bounded", arguments: [-1, Database.maximumPageSize + 1])
    func bounds(first: Int) async throws {
        try await withTemporaryDatabase { database in
            let error = await #expect(throws: RelationalError.self) {
                try await database.flightsPage(first: first)
            }
            #expect(error?.code == .invalidArgument)
        }
    }

    @Test("an empty page still says whether there are more")
    func emptyPage() async throws {
        try await withTemporaryDatabase { database in
            try await insert(flights, into: database)
            let page = try await database.flightsPage(first: 0)
            #expect(page.flights.isEmpty)
            #expect(page.hasNextPage)
            #expect(page.endCursor == nil)
        }
    }

    @Test("filters combine with AND; delay bounds are inclusive")
    func filters() async throws {
        try await withTemporaryDatabase { database in
            try await insert(flights, into: database)
            let filter = FlightFilter(carrier: "UA", from: 1_060, to: 1_240, minDepartureDelay: 0, maxDepartureDelay: 4)
            let page = try await database.flightsPage(filter: filter, first: 50)
            let expected = flights.enumerated().filter { _, f in
                f.carrier == "UA" && f.departure >= 1_060 && f.departure < 1_240
                    && (f.departureDelay.map { (0...4).contains($0) } ?? false)
            }
            #expect(page.flights.map(\.id) == expected.map { Int64($0.offset + 1) })
            #expect(try await database.countFlights(filter: filter) == expected.count)
            #expect(
                try await database.countFlights(filter: FlightFilter(cancelled: true)) == flights.count { $0.cancelled }
            )
        }
    }
}
