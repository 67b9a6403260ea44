import Relational
import Testing

@Suite("delayStats on hand-made flights")
struct DelayStatsTests {
    @Test("counts, cancellations, mean, exact median, share over 15 minutes")
    func stats() async throws {
        try await withTemporaryDatabase { database in
            try await insert(
                [
                    TestFlight(
                        carrier: "UA",
                        flightNumber: 1,
                        departure: 0,
                        departureDelay: 20,
                        arrivalDelay: nil,
                        hour: 7,
                        month: 2
                    ),
                    TestFlight(
                        carrier: "UA",
                        flightNumber: 2,
                        departure: 0,
                        departureDelay: -5,
                        arrivalDelay: nil,
                        hour: 7,
                        month: 10
                    ),
                    TestFlight(
                        carrier: "UA",
                        flightNumber: 3,
                        departure: 0,
                        departureDelay: 16,
                        arrivalDelay: nil,
                        hour: 7,
                        month: 2
                    ),
                    TestFlight(
                        carrier: "UA",
                        flightNumber: 4,
                        departure: 0,
                        departureDelay: 1,
                        arrivalDelay: nil,
                        hour: 7,
                        month: 10
                    ),
                    TestFlight(
                        carrier: "UA",
                        flightNumber: 5,
                        departure: 0,
                        departureDelay: nil,
                        arrivalDelay: nil,
                        hour: 7,
                        month: 2
                    ),
                    TestFlight(
                        carrier: "AA",
                        flightNumber: 6,
                        departure: 0,
                        departureDelay: nil,
                        arrivalDelay: nil,
                        hour: 23,
                        month: 10
                    ),
                    TestFlight(
                        carrier: "AA",
                        flightNumber: 7,
                        departure: 0,
                        departureDelay: 15,
                        arrivalDelay: nil,
                        hour: 23,
                        month: 2
                    ),
                ],
                into: database
            )
            let byCarrier = try await database.delayStats(groupBy: .carrier)
            #expect(
                byCarrier == [
                    DelayStat(
                        key: "AA",
                        flights: 2,
                        cancelled: 1,
                        meanDepartureDelay: 15,
                        medianDepartureDelay: 15,
                        delayedShare: 0
                    ),
                    DelayStat(
                        key: "UA",
                        flights: 5,
                        cancelled: 1,
                        meanDepartureDelay: 8,
                        medianDepartureDelay: 8.5,
                        delayedShare: 0.5
                    ),
                ]
            )
            // Numeric keys sort numerically (2 before 10).
            let byMonth = try await database.delayStats(groupBy: .month)
            #expect(byMonth.map(\.key) == ["2", "10"])
            #expect(byMonth.map(\.flights) == [4, 3])
            #expect(byMonth.map(\.medianDepartureDelay) == [16, -2])
            let onlyCancelled = try await database.delayStats(groupBy: .hour, filter: FlightFilter(cancelled: true))
            #expect(
                onlyCancelled == [
                    DelayStat(
                        key: "7",
                        flights: 1,
                        cancelled: 1,
                        meanDepartureDelay: nil,
                        medianDepartureDelay: nil,
                        delayedShare: 0
                    ),
                    DelayStat(
                        key: "23",
                        flights: 1,
                        cancelled: 1,
                        meanDepartureDelay: nil,
                        medianDepartureDelay: nil,
                        delayedShare: 0
                    ),
                ]
            )
        }
    }
}
