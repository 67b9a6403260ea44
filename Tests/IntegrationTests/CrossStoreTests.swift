import Foundation
import Testing

/// One request joining SQLite, MongoDB and the model, through the built binary and a real MongoDB
/// wire-protocol server.
@Suite(.serialized, .enabled(if: Stack.unavailableReason == nil && Stack.mongoURI != nil, "needs FLIGHTQL_BIN and MONGODB_URI (make test)"))
struct CrossStoreTests {
    @Test func replayedStatusesJoinTheirHistoricalFlight() async throws {
        let database = try Stack.database.get()
        let replay = try Stack.run([
            "replay", "--from", "2013-01-01", "--to", "2013-01-02", "--db", database, "--mongodb-uri", Stack.mongoURI!,
        ])
        #expect(replay.status == 0, "\(replay.output)")
        #expect(replay.output.contains("replayed 842 flights"))
        let again = try Stack.run([
            "replay", "--from", "2013-01-01", "--to", "2013-01-02", "--db", database, "--mongodb-uri", Stack.mongoURI!,
        ])
        #expect(again.output.contains("inserted 0, updated 0, unchanged 842, rejected 0"), "\(again.output)")

        let server = try await Server()
        defer { server.stop() }
        let (_, body) = try await server.graphQL(
            #"{ flight(id: "MjAxMy0wMS0wMXxVQXwxNTQ1fEVXUg") { flightNumber carrier { name } statuses { state source departure { delay } } } }"#
        )
        #expect(
            body
                == #"{"data":{"flight":{"flightNumber":1545,"carrier":{"name":"United Air Lines Inc."},"statuses":[{"state":"LANDED","source":"replay","departure":{"delay":2}}]}}}"#
        )
        let (_, statuses) = try await server.graphQL(
            #"{ flightStatuses(filter: {carrierCode: "UA", date: "2013-01-01"}, first: 1) { totalCount nodes { flight { flightNumber origin { code } } } } }"#
        )
        #expect(statuses.contains(#""totalCount":165"#), "\(statuses)")
        let (_, injected) = try await server.graphQL(#"{ flightStatuses(filter: {carrierCode: "{\"$ne\": null}"}) { totalCount } }"#)
        #expect(injected == #"{"data":{"flightStatuses":{"totalCount":0}}}"#)
    }

    @Test func mutationsNeedTheAPIKey() async throws {
        let mutation = #"mutation { recordFlightStatus(input: {carrierCode: "B6", flightNumber: 7, date: "2013-02-01", state: ACTIVE, departureAirport: "JFK", arrivalAirport: "BOS", gate: "A1"}) { id state departure { gate } source } }"#
        let closed = try await Server()
        let (_, refused) = try await closed.graphQL(mutation)
        closed.stop()
        #expect(refused.contains("mutations are disabled"), "\(refused)")

        let server = try await Server(extraEnvironment: ["FLIGHTQL_API_KEY": "secret-key"])
        defer { server.stop() }
        let (_, wrongKey) = try await server.request(
            "POST", "/graphql", body: #"{"query":\#(String(decoding: try JSONEncoder().encode(mutation), as: UTF8.self))}"#,
            headers: ["Content-Type": "application/json", "Authorization": "Bearer wrong"])
        #expect(String(decoding: wrongKey, as: UTF8.self).contains("Authorization"))
        let (status, accepted) = try await server.request(
            "POST", "/graphql", body: #"{"query":\#(String(decoding: try JSONEncoder().encode(mutation), as: UTF8.self))}"#,
            headers: ["Content-Type": "application/json", "Authorization": "Bearer secret-key"])
        #expect(status == 200)
        #expect(
            String(decoding: accepted, as: UTF8.self)
                == #"{"data":{"recordFlightStatus":{"id":"B6-7-2013-02-01-JFK","state":"ACTIVE","departure":{"gate":"A1"},"source":"api"}}}"#
        )
    }
}
