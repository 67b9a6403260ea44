import Documents
import Foundation
import Testing

@Suite struct ReplayMappingTests {
    static func row(departureDelay: Int?, arrivalDelay: Int?, cancelled: Bool = false) -> HistoricalFlight {
        HistoricalFlight(
            carrier: "UA",
            flightNumber: 1545,
            date: "2013-01-01",
            origin: "EWR",
            destination: "IAH",
            scheduledDeparture: base.addingTimeInterval(15 * 60),
            scheduledArrival: base.addingTimeInterval(3.5 * 3600),
            departureDelay: departureDelay,
            arrivalDelay: arrivalDelay,
            cancelled: cancelled,
            tailnum: "N14228",
            airTime: 227,
            distance: 1400
        )
    }

    @Test func landedFlightGetsActualTimesFromItsDelays() {
        let status = FlightStatusDocument(replaying: Self.row(departureDelay: 2, arrivalDelay: 11))
        #expect(status.id == "UA-1545-2013-01-01-EWR")
        #expect(status.state == .landed)
        #expect(status.source == .replay)
        #expect(status.departure.actual == base.addingTimeInterval(17 * 60))
        #expect(status.arrival.actual == base.addingTimeInterval(3.5 * 3600 + 11 * 60))
        #expect(status.departure.delay == 2)
        #expect(status.arrival.delay == 11)
        #expect(status.updatedAt == status.arrival.actual)
        #expect(status.raw["tailnum"] == "N14228")
        #expect(status.raw["dep_delay"] == .int32(2))
        #expect(status.validationFailure == nil)
    }

    @Test func cancelledDivertedAndScheduled() {
        let cancelled = FlightStatusDocument(
            replaying: Self.row(departureDelay: nil, arrivalDelay: nil, cancelled: true)
        )
        #expect(cancelled.state == .cancelled)
        #expect(cancelled.departure.actual == nil)
        #expect(cancelled.updatedAt == base.addingTimeInterval(15 * 60))
        #expect(cancelled.raw["cancelled"] == true)

        let diverted = FlightStatusDocument(replaying: Self.row(departureDelay: -3, arrivalDelay: nil))
        #expect(diverted.state == .diverted)
        #expect(diverted.departure.actual == base.addingTimeInterval(12 * 60))
        #expect(diverted.arrival.actual == nil)
        #expect(diverted.updatedAt == diverted.departure.actual)

        #expect(FlightStatusDocument(replaying: Self.row(departureDelay: nil, arrivalDelay: nil)).state == .scheduled)
    }

    @Test func replayingTheSameRowsTwiceChangesNothing() async throws {
        try await withStore { store in
            let rows = (1...50).map { number in
                var row = Self.row(departureDelay: number % 7 - 2, arrivalDelay: number % 5 == 0 ? nil : number)
                row.flightNumber = number
                row.cancelled = number % 10 == 0
                return row
            }
            let statuses = rows.map(FlightStatusDocument.init(replaying:))
            let first = try await store.upsert(statuses)
            #expect(first.inserted == 50)
            let firstStored = try await store.find(first: 100).edges.map(\.node)
            let second = try await store.upsert(statuses)
            #expect(second.inserted == 0)
            #expect(second.updated == 50)
            #expect(try await store.find(first: 100).edges.map(\.node) == firstStored)
            #expect(try await store.count(filter: FlightStatusFilter(state: .cancelled)) == 5)
        }
    }
}
