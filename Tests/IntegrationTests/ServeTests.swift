import Foundation
import Testing

/// `flightql serve` end to end: the built binary, a database it ingested, real HTTP.
@Suite(.serialized, .enabled(if: Stack.unavailableReason == nil, "needs FLIGHTQL_BIN (make test)"))
struct ServeTests {
    @Test func answersTheReadmeQueryByteForByte() async throws {
        let server = try await Server()
        defer { server.stop() }
        let (status, body) = try await server.graphQL(#"{ airline(code: "UA") { code name } }"#)
        #expect(status == 200)
        #expect(body == #"{"data":{"airline":{"code":"UA","name":"United Air Lines Inc."}}}"#)
    }

    @Test func countsEveryFlight() async throws {
        let server = try await Server()
        defer { server.stop() }
        let (status, body) = try await server.graphQL("{ flights { totalCount } }")
        #expect(status == 200)
        #expect(body == #"{"data":{"flights":{"totalCount":336776}}}"#)
    }

    @Test func answersReferenceFields() async throws {
        let server = try await Server()
        defer { server.stop() }
        let (_, airlines) = try await server.graphQL("{ airlines { code } }")
        let codes = try #require(
            ((try JSONSerialization.jsonObject(with: Data(airlines.utf8)) as? [String: Any])?["data"]
                as? [String: Any])?["airlines"] as? [[String: String]]
        )
        #expect(codes.count == 16)
        let (_, airport) = try await server.graphQL(#"{ airport(code: "SJU") { code name timezone } }"#)
        #expect(airport.contains(#""name":"Luis Munoz Marin International Airport""#))
        let (_, plane) = try await server.graphQL(#"{ plane(tailnum: "N14228") { tailnum year manufacturer } }"#)
        #expect(plane == #"{"data":{"plane":{"tailnum":"N14228","year":1999,"manufacturer":"BOEING"}}}"#)
        let (_, unknown) = try await server.graphQL(#"{ airline(code: "ZZ") { name } }"#)
        #expect(unknown == #"{"data":{"airline":null}}"#)
    }

    @Test func healthProbeAndMalformedRequests() async throws {
        let server = try await Server()
        defer { server.stop() }
        let (health, _) = try await server.request("GET", "/healthz")
        #expect(health == 200)
        let (notJSON, _) = try await server.request(
            "POST", "/graphql", body: "{not json", headers: ["Content-Type": "application/json"])
        #expect(notJSON == 400)
        let (noQuery, _) = try await server.request(
            "POST", "/graphql", body: #"{"variables":{}}"#, headers: ["Content-Type": "application/json"])
        #expect(noQuery == 400)
        let (wrongType, _) = try await server.request(
            "POST", "/graphql", body: #"{"query":"{ airlines { code } }"}"#, headers: ["Content-Type": "text/plain"])
        #expect(wrongType == 415)
        let (syntax, body) = try await server.graphQL("{ airline(code: ) }")
        #expect(syntax == 200)
        #expect(body.contains(#"Syntax Error: Unexpected \")\"."#))
    }
}
