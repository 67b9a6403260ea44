import Documents
import Foundation
import GraphQLEngine
import Testing

@testable import Ingest

/// The fixtures of the collectors, in the APIs' documented shapes.
enum CollectorFixtures {
    static let directory = Repository.fixtures + "/collectors"

    static func text(_ name: String) throws -> String {
        try String(contentsOfFile: "\(directory)/\(name)", encoding: .utf8)
    }

    static func json(_ name: String) throws -> JSONValue {
        try JSONValue.parse(text(name))
    }

    /// The records (`data` of AviationStack, the array of OpenSky) of a fixture.
    static func records(_ name: String) throws -> [JSONValue] {
        let json = try json(name)
        return json["data"]?.array ?? json.array ?? []
    }

    /// The committed reference tables.
    static let reference = Result { try CodeReference(directory: Repository.root + "/data/reference") }
}

/// `2026-11-27T18:00:00Z`-style instants for expectations.
func utc(_ text: String) -> Date {
    Date(timeIntervalSince1970: Double(CivilTime.parseUTC(text)!))
}

@Suite struct AviationStackMappingTests {
    @Test func anActiveFlightKeepsLocalTimesDelaysAndThePayload() throws {
        let record = try CollectorFixtures.records("aviationstack-jfk-page1.json")[0]
        let status = try AviationStackCollector.map(record).get()
        #expect(status.id == "AA-100-2026-11-27-JFK")
        #expect(status.state == .active)
        #expect(status.source == .aviationstack)
        // The "+00:00" times are wall clocks of each airport: 18:00 in New York is 23:00 UTC in November.
        #expect(status.departure.scheduled == utc("2026-11-27T23:00:00Z"))
        #expect(status.departure.actual == utc("2026-11-27T23:16:00Z"))
        #expect(status.departure.delay == 16)
        #expect(status.departure.terminal == "8" && status.departure.gate == "12")
        #expect(status.arrival.airport == "LHR")
        #expect(status.arrival.scheduled == utc("2026-11-28T06:15:00Z"))
        #expect(status.arrival.estimated == utc("2026-11-28T06:05:00Z"))
        #expect(status.arrival.actual == nil && status.arrival.gate == nil && status.arrival.delay == nil)
        #expect(status.updatedAt == utc("2026-11-27T23:40:12Z"))
        #expect(status.raw["aircraft"]?.documentValue?["registration"] == .string("N720AN"))
        #expect(status.raw["live"]?.documentValue?["is_ground"] == .bool(false))
        #expect(status.raw["arrival"]?.documentValue?["gate"] == .null)
        #expect(status.raw.keys.first == "flight_date")
    }

    @Test func aCancelledFlightIsDatedByItsScheduledDeparture() throws {
        let record = try CollectorFixtures.records("aviationstack-jfk-page1.json")[1]
        let status = try AviationStackCollector.map(record).get()
        #expect(status.id == "B6-1523-2026-11-27-JFK")
        #expect(status.state == .cancelled)
        #expect(status.departure.actual == nil)
        #expect(status.updatedAt == utc("2026-11-27T12:05:00Z"))
        #expect(status.raw["live"] == .null)
    }

    @Test func landedDelayedAndUnmappableRecords() throws {
        let page2 = try CollectorFixtures.records("aviationstack-jfk-page2.json")
        let landed = try AviationStackCollector.map(page2[0]).get()
        #expect(landed.state == .landed)
        #expect(landed.arrival.actual == utc("2026-11-27T17:18:00Z"))
        #expect(landed.updatedAt == landed.arrival.actual)
        let delayed = try AviationStackCollector.map(page2[1]).get()
        #expect(delayed.state == .delayed)
        #expect(delayed.id == "AS-6923-2026-11-27-JFK")
        #expect(
            AviationStackCollector.map(page2[2])
                == .failure(MappingFailure("flight_status \"incident\" has no FlightQL state"))
        )
        let noAirline = try CollectorFixtures.records("aviationstack-jfk-page1.json")[2]
        #expect(AviationStackCollector.map(noAirline) == .failure(MappingFailure("airline.iata is missing")))
    }

    @Test func fieldsOfTheWrongShapeAreRejectedWithTheirName() throws {
        var record = try CollectorFixtures.records("aviationstack-jfk-page1.json")[0]
        func mapped(_ change: (inout JSONObject) -> Void) -> Result<FlightStatusDocument, MappingFailure> {
            guard case .object(var object) = record else { return .failure(MappingFailure("fixture")) }
            change(&object)
            return AviationStackCollector.map(.object(object))
        }
        #expect(
            mapped { $0["flight"] = ["number": "10O"] } == .failure(MappingFailure("flight.number 10O is not a number"))
        )
        #expect(
            mapped { $0["arrival"] = ["iata": "lhr"] }
                == .failure(MappingFailure("arrival airport must be a 3- or 4-letter code"))
        )
        #expect(mapped { $0["departure"] = nil } == .failure(MappingFailure("departure is missing")))
        #expect(
            mapped { $0["flight_date"] = "2026-02-30" }
                == .failure(MappingFailure("date must be a calendar date YYYY-MM-DD"))
        )
        #expect(
            mapped { $0["departure"] = ["iata": "JFK", "scheduled": "yesterday"] }
                == .failure(MappingFailure("departure.scheduled yesterday is not an ISO 8601 time"))
        )
        #expect(
            mapped { $0["departure"] = ["iata": "JFK", "delay": "12"] }
                == .failure(MappingFailure(#"departure.delay "12" is not a whole number of minutes"#))
        )
        record = .array([])
        #expect(AviationStackCollector.map(record) == .failure(MappingFailure("the record is not an object")))
    }

    @Test func timesWithARealOffsetAreReadAsWritten() throws {
        let stamp = try #require(FeedTime.parse("2026-11-27T18:00:00-05:00"))
        #expect(FeedTime.instant(stamp) == utc("2026-11-27T23:00:00Z"))
        #expect(FeedTime.parse("2026-11-27T18:00:00.123Z").map(FeedTime.instant) == utc("2026-11-27T18:00:00Z"))
        #expect(FeedTime.parse("2026-11-27T18:00+0130").map(FeedTime.instant) == utc("2026-11-27T16:30:00Z"))
        for bad in ["2026-11-27", "2026-11-27T18:00:00", "2026-13-01T00:00:00Z", "2026-11-27T18:00:00+5", "x"] {
            #expect(FeedTime.parse(bad) == nil, "\(bad)")
        }
    }
}

@Suite struct OpenSkyMappingTests {
    @Test func airlineFlightsBecomeLandedStatusesWithIATACodesAndLocalDates() throws {
        let reference = try CollectorFixtures.reference.get()
        let records = try CollectorFixtures.records("opensky-kjfk-departure.json")
        let united = try OpenSkyCollector.map(records[0], reference: reference).get()
        // First seen 02:31 UTC on the 27th is 21:31 on the 26th in New York.
        #expect(united.id == "UA-1545-2026-11-26-JFK")
        #expect(united.state == .landed && united.source == .opensky)
        #expect(united.arrival.airport == "SFO")
        #expect(united.departure.actual == utc("2026-11-27T02:31:00Z"))
        #expect(united.arrival.actual == utc("2026-11-27T08:47:00Z"))
        #expect(united.departure.scheduled == nil && united.departure.delay == nil)
        #expect(united.updatedAt == united.arrival.actual)
        #expect(united.raw["callsign"] == .string("UAL1545 "))
        #expect(united.raw["estArrivalAirportHorizDistance"] == .int32(2144))
        let jetBlue = try OpenSkyCollector.map(records[1], reference: reference).get()
        #expect(jetBlue.id == "B6-1503-2026-11-27-JFK" && jetBlue.arrival.airport == "SJU")
        let british = try OpenSkyCollector.map(
            CollectorFixtures.records("opensky-kjfk-arrival.json")[0],
            reference: reference
        )
        #expect(try british.get().id == "BA-117-2026-11-27-LHR")
    }

    @Test func recordsWithoutAnAirlineFlightOrAnAirportAreRejected() throws {
        let reference = try CollectorFixtures.reference.get()
        let records = try CollectorFixtures.records("opensky-kjfk-departure.json")
        let reasons = records[2...].map { record -> String? in
            if case .failure(let failure) = OpenSkyCollector.map(record, reference: reference) { return failure.reason }
            return nil
        }
        #expect(
            reasons == [
                "callsign N512PB is not an airline designator and flight number",
                "estArrivalAirport is missing (OpenSky could not identify the airport)",
                "callsign is missing",
                "airline designator EJA is not in the airline reference",
            ]
        )
        let unknownAirport: JSONValue = [
            "callsign": "UAL1", "estDepartureAirport": "ZZZZ", "estArrivalAirport": "KJFK", "firstSeen": 1,
            "lastSeen": 2,
        ]
        #expect(
            OpenSkyCollector.map(unknownAirport, reference: reference)
                == .failure(MappingFailure("estDepartureAirport ZZZZ has no IATA code in the airport reference"))
        )
    }

    @Test func theReferenceTablesMapEveryCarrierOfTheHistory() throws {
        let reference = try CollectorFixtures.reference.get()
        #expect(reference.airportsByICAO.count > 7000)
        #expect(reference.icaoByIATA["SJU"] == "TJSJ")
        let historical = Set([
            "9E", "AA", "AS", "B6", "DL", "EV", "F9", "FL", "HA", "MQ", "OO", "UA", "US", "VX", "WN", "YV",
        ])
        #expect(historical.isSubset(of: Set(reference.airlinesByICAO.values)))
        #expect(throws: IngestError.self) { try CodeReference(directory: Repository.fixtures) }
    }

    @Test func credentialsAreClientIDColonSecret() {
        #expect(
            OpenSkyCollector.Credentials(keyText: "me-api-client:s3:cret")
                == .init(clientID: "me-api-client", clientSecret: "s3:cret")
        )
        #expect(OpenSkyCollector.Credentials(keyText: "no-secret") == nil)
        #expect(OpenSkyCollector.Credentials(keyText: ":secret") == nil)
    }
}
