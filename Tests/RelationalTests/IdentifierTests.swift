import Foundation
import Relational
import Testing

@Suite("Public flight ids and cursors")
struct IdentifierTests {
    @Test("a flight id round-trips and is base64url of the natural key")
    func roundTrip() throws {
        let id = FlightID(date: "2013-01-01", carrier: "UA", flightNumber: 1545, origin: "EWR")
        #expect(id.encoded == "MjAxMy0wMS0wMXxVQXwxNTQ1fEVXUg")
        #expect(FlightID(id.encoded) == id)
    }

    @Test(
        "malformed ids decode to nil",
        arguments: [
            "", "!!!!", "MjAxMy0wMS0wMXxVQXwxNTQ1fEVXUg==", "MjAxMy0wMS0wMXxVQXwxNTQ1",
            // "2013-01-01|UA|x|EWR", "2013-01-01|UA|1545|EWR|X"
            "MjAxMy0wMS0wMXxVQXx4fEVXUg", "MjAxMy0wMS0wMXxVQXwxNTQ1fEVXUnxY",
            // non-zero leftover bits, an impossible length, standard base64's + and /
            "MjAxMy0wMS0wMXxVQXwxNTQ1fEVXUh", "MjAxMy0wMS0wMXxVQXwxNTQ1fEVXUgAAA", "MjAx+y0wMS0wMXxVQXwxNTQ1fEVXUg",
            "MjAx/y0wMS0wMXxVQXwxNTQ1fEVXUg",
        ]
    )
    func malformed(id: String) {
        #expect(FlightID(id) == nil)
    }

    @Test("ids of every length and byte agree with Foundation's base64, made URL-safe and unpadded")
    func agreesWithFoundation() {
        var generator = SystemRandomNumberGenerator()
        for length in 0..<40 {
            let scalars = (0..<length).map { _ in Unicode.Scalar(UInt8.random(in: 0x20...0x7E, using: &generator)) }
            let text = String(String.UnicodeScalarView(scalars)) + (length % 3 == 0 ? "é✈" : "")
            let id = FlightID(date: "2013-01-01", carrier: text, flightNumber: length, origin: "EWR")
            let expected = Data("\(id.date)|\(id.carrier)|\(id.flightNumber)|\(id.origin)".utf8).base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
            #expect(id.encoded == expected)
            if !text.contains("|") && !text.isEmpty { #expect(FlightID(id.encoded) == id) }
        }
    }

    @Test("a cursor is tied to its order")
    func cursorOrder() async throws {
        try await withTemporaryDatabase { database in
            try await insert(
                (0..<3).map {
                    TestFlight(
                        carrier: "UA",
                        flightNumber: $0,
                        departure: Int64($0),
                        departureDelay: 0,
                        arrivalDelay: 0
                    )
                },
                into: database
            )
            let page = try await database.flightsPage(order: .scheduledDepartureAsc, first: 1)
            let cursor = try #require(page.endCursor)
            #expect(try FlightCursor(cursor, order: .scheduledDepartureAsc).order == .scheduledDepartureAsc)
            let wrongOrder = await #expect(throws: RelationalError.self) {
                try await database.flightsPage(order: .departureDelayDesc, first: 1, after: cursor)
            }
            #expect(wrongOrder?.code == .invalidCursor)
            let garbage = await #expect(throws: RelationalError.self) {
                try await database.flightsPage(first: 1, after: "garbage")
            }
            #expect(garbage?.code == .invalidCursor)
            let airportCursor = await #expect(throws: RelationalError.self) {
                try await database.airportsPage(first: 1, after: cursor)
            }
            #expect(airportCursor?.code == .invalidCursor)
        }
    }
}
