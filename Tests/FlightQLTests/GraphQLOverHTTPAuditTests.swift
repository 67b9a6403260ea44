import GraphQLEngine
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FlightQL

/// Every server audit of the graphql-http conformance suite (graphql/graphql-http `src/audits/server.ts`,
/// 60 audits), each as the suite sends it, against the real application; named by audit id. The table
/// with results is docs/graphql-over-http.md.
@Suite struct GraphQLOverHTTPAuditTests {
    private func audit(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let fixture = try await HTTPFixture.get()
        try await fixture.withApp(fixture.configuration(), body)
    }

    @Test("22EB: SHOULD accept application/graphql-response+json and match the content-type") func audit22EB()
        async throws
    {
        try await audit { client in
            let response = try await client.post(
                #"{"query":"{ __typename }"}"#,
                accept: "application/graphql-response+json"
            )
            #expect(response.status == .ok)
            #expect(response.contentType.contains("application/graphql-response+json"))
        }
    }

    @Test("4655: MUST accept application/json and match the content-type") func audit4655() async throws {
        try await audit { client in
            let response = try await client.post(#"{"query":"{ __typename }"}"#, accept: "application/json")
            #expect(response.status == .ok)
            #expect(response.contentType.contains("application/json"))
        }
    }

    @Test("47DE: SHOULD accept */* and use application/json for the content-type") func audit47DE() async throws {
        try await audit { client in
            let response = try await client.post(#"{"query":"{ __typename }"}"#, accept: "*/*")
            #expect(response.status == .ok)
            #expect(response.contentType.contains("application/json"))
        }
    }

    @Test("80D8: SHOULD assume application/json content-type when accept is missing") func audit80D8() async throws {
        try await audit { client in
            let response = try await client.post(#"{"query":"{ __typename }"}"#)
            #expect(response.status == .ok)
            #expect(response.contentType.contains("application/json"))
        }
    }

    @Test("82A3: MUST use utf-8 encoding when responding") func audit82A3() async throws {
        try await audit { client in
            let response = try await client.post(#"{"query":"{ __typename }"}"#)
            #expect(response.status == .ok)
            #expect(String(validating: Array(response.body.readableBytesView), as: UTF8.self) != nil)
            #expect(response.contentType.contains("charset=utf-8"))
        }
    }

    @Test("BF61: MUST accept utf-8 encoded request") func auditBF61() async throws {
        try await audit { client in
            let response = try await client.post(
                #"{"query":"{ __type(name: \"Run🏃Swim🏊\") { name } }"}"#,
                contentType: "application/json; charset=utf-8"
            )
            #expect(response.status == .ok)
            #expect(response.json == ["data": ["__type": nil]])
        }
    }

    @Test("78D5: MUST assume utf-8 in request if encoding is unspecified") func audit78D5() async throws {
        try await audit { client in
            let response = try await client.post(#"{"query":"{ __typename }"}"#, contentType: "application/json")
            #expect(response.status == .ok)
        }
    }

    @Test("2C94: MUST accept POST requests") func audit2C94() async throws {
        try await audit { client in
            let response = try await client.post(#"{"query":"{ __typename }"}"#)
            #expect(response.status == .ok)
            #expect(response.json == ["data": ["__typename": "Query"]])
        }
    }

    @Test("5A70: MAY accept application/x-www-form-urlencoded formatted GET requests") func audit5A70() async throws {
        try await audit { client in
            let response = try await client.get(["query": "{ __typename }"])
            #expect(response.status == .ok)
            #expect(response.json == ["data": ["__typename": "Query"]])
        }
    }

    @Test("9C48: MAY NOT allow executing mutations on GET requests") func audit9C48() async throws {
        try await audit { client in
            let response = try await client.get(
                ["query": "mutation { __typename }"],
                accept: "application/graphql-response+json"
            )
            #expect((400...499).contains(response.status.code))
        }
    }

    @Test("9ABE: MAY respond with 4xx status code if content-type is not supplied on POST requests") func audit9ABE()
        async throws
    {
        try await audit { client in
            let response = try await client.post(nil, contentType: nil)
            #expect((400...499).contains(response.status.code))
        }
    }

    @Test("03D4: MUST accept application/json POST requests") func audit03D4() async throws {
        try await audit { client in
            let response = try await client.post(#"{"query":"{ __typename }"}"#, contentType: "application/json")
            #expect(response.status == .ok)
        }
    }

    @Test("A5BF: MAY use 400 status code when request body is missing on POST") func auditA5BF() async throws {
        try await audit { client in
            let response = try await client.post(nil)
            #expect(response.status == .badRequest)
        }
    }

    @Test("423L: MAY use 400 status code on missing {query} parameter") func audit423L() async throws {
        try await audit { client in
            let response = try await client.post(
                #"{"notquery":"{ __typename }"}"#,
                accept: "application/graphql-response+json"
            )
            #expect(response.status == .badRequest)
        }
    }

    @Test("LKJ0: MAY use 400 status code on object {query} parameter") func auditLKJ0() async throws {
        try await audit { client in
            let response = try await client.post(#"{"query":{"obj":"ect"}}"#)
            #expect(response.status == .badRequest)
        }
    }

    @Test("LKJ1: MAY use 400 status code on number {query} parameter") func auditLKJ1() async throws {
        try await audit { client in
            let response = try await client.post(#"{"query":0}"#)
            #expect(response.status == .badRequest)
        }
    }

    @Test("LKJ2: MAY use 400 status code on boolean {query} parameter") func auditLKJ2() async throws {
        try await audit { client in
            let response = try await client.post(#"{"query":false}"#)
            #expect(response.status == .badRequest)
        }
    }

    @Test("LKJ3: MAY use 400 status code on array {query} parameter") func auditLKJ3() async throws {
        try await audit { client in
            let response = try await client.post(#"{"query":["array"]}"#)
            #expect(response.status == .badRequest)
        }
    }

    @Test("34A2: SHOULD allow string {query} parameter when accepting application/graphql-response+json")
    func audit34A2() async throws {
        try await audit { client in
            let response = try await client.post(
                #"{"query":"{ __typename }"}"#,
                accept: "application/graphql-response+json"
            )
            #expect(response.status == .ok)
        }
    }

    @Test("13EE: MUST allow string {query} parameter when accepting application/json") func audit13EE() async throws {
        try await audit { client in
            let response = try await client.post(#"{"query":"{ __typename }"}"#, accept: "application/json")
            #expect(response.status == .ok)
            #expect(!response.hasErrors)
        }
    }

    @Test("6C00: MAY use 400 status code on object {operationName} parameter") func audit6C00() async throws {
        try await audit { client in
            let response = try await client.post(#"{"operationName":{"obj":"ect"},"query":"{ __typename }"}"#)
            #expect(response.status == .badRequest)
        }
    }

    @Test("6C01: MAY use 400 status code on number {operationName} parameter") func audit6C01() async throws {
        try await audit { client in
            let response = try await client.post(#"{"operationName":0,"query":"{ __typename }"}"#)
            #expect(response.status == .badRequest)
        }
    }

    @Test("6C02: MAY use 400 status code on boolean {operationName} parameter") func audit6C02() async throws {
        try await audit { client in
            let response = try await client.post(#"{"operationName":false,"query":"{ __typename }"}"#)
            #expect(response.status == .badRequest)
        }
    }

    @Test("6C03: MAY use 400 status code on array {operationName} parameter") func audit6C03() async throws {
        try await audit { client in
            let response = try await client.post(#"{"operationName":["array"],"query":"{ __typename }"}"#)
            #expect(response.status == .badRequest)
        }
    }

    @Test("8161: SHOULD allow string {operationName} parameter when accepting application/graphql-response+json")
    func audit8161() async throws {
        try await audit { client in
            let response = try await client.post(
                #"{"operationName":"Query","query":"query Query { __typename }"}"#,
                accept: "application/graphql-response+json"
            )
            #expect(response.status == .ok)
        }
    }

    @Test("B8B3: MUST allow string {operationName} parameter when accepting application/json") func auditB8B3()
        async throws
    {
        try await audit { client in
            let response = try await client.post(
                #"{"operationName":"Query","query":"query Query { __typename }"}"#,
                accept: "application/json"
            )
            #expect(response.status == .ok)
            #expect(!response.hasErrors)
        }
    }

    @Test("94B0: SHOULD allow null {variables} parameter when accepting application/graphql-response+json")
    func audit94B0() async throws {
        try await audit { client in
            let response = try await client.post(
                #"{"query":"{ __typename }","variables":null}"#,
                accept: "application/graphql-response+json"
            )
            #expect(response.status == .ok)
            #expect(!response.hasErrors)
        }
    }

    @Test("0220: MUST allow null {variables} parameter when accepting application/json") func audit0220() async throws {
        try await audit { client in
            let response = try await client.post(
                #"{"query":"{ __typename }","variables":null}"#,
                accept: "application/json"
            )
            #expect(response.status == .ok)
            #expect(!response.hasErrors)
        }
    }

    @Test("94B1: SHOULD allow null {operationName} parameter when accepting application/graphql-response+json")
    func audit94B1() async throws {
        try await audit { client in
            let response = try await client.post(
                #"{"query":"{ __typename }","operationName":null}"#,
                accept: "application/graphql-response+json"
            )
            #expect(response.status == .ok)
            #expect(!response.hasErrors)
        }
    }

    @Test("0221: MUST allow null {operationName} parameter when accepting application/json") func audit0221()
        async throws
    {
        try await audit { client in
            let response = try await client.post(
                #"{"query":"{ __typename }","operationName":null}"#,
                accept: "application/json"
            )
            #expect(response.status == .ok)
            #expect(!response.hasErrors)
        }
    }

    @Test("94B2: SHOULD allow null {extensions} parameter when accepting application/graphql-response+json")
    func audit94B2() async throws {
        try await audit { client in
            let response = try await client.post(
                #"{"query":"{ __typename }","extensions":null}"#,
                accept: "application/graphql-response+json"
            )
            #expect(response.status == .ok)
            #expect(!response.hasErrors)
        }
    }

    @Test("0222: MUST allow null {extensions} parameter when accepting application/json") func audit0222() async throws
    {
        try await audit { client in
            let response = try await client.post(
                #"{"query":"{ __typename }","extensions":null}"#,
                accept: "application/json"
            )
            #expect(response.status == .ok)
            #expect(!response.hasErrors)
        }
    }

    @Test("4760: MAY use 400 status code on string {variables} parameter") func audit4760() async throws {
        try await audit { client in
            let response = try await client.post(#"{"query":"{ __typename }","variables":"string"}"#)
            #expect(response.status == .badRequest)
        }
    }

    @Test("4761: MAY use 400 status code on number {variables} parameter") func audit4761() async throws {
        try await audit { client in
            let response = try await client.post(#"{"query":"{ __typename }","variables":0}"#)
            #expect(response.status == .badRequest)
        }
    }

    @Test("4762: MAY use 400 status code on boolean {variables} parameter") func audit4762() async throws {
        try await audit { client in
            let response = try await client.post(#"{"query":"{ __typename }","variables":false}"#)
            #expect(response.status == .badRequest)
        }
    }

    @Test("4763: MAY use 400 status code on array {variables} parameter") func audit4763() async throws {
        try await audit { client in
            let response = try await client.post(#"{"query":"{ __typename }","variables":["array"]}"#)
            #expect(response.status == .badRequest)
        }
    }

    @Test("2EA1: SHOULD allow map {variables} parameter when accepting application/graphql-response+json")
    func audit2EA1() async throws {
        try await audit { client in
            let response = try await client.post(
                #"{"query":"query Type($name: String!) { __type(name: $name) { name } }","variables":{"name":"sometype"}}"#,
                accept: "application/graphql-response+json"
            )
            #expect(response.status == .ok)
        }
    }

    @Test("28B9: MUST allow map {variables} parameter when accepting application/json") func audit28B9() async throws {
        try await audit { client in
            let response = try await client.post(
                #"{"query":"query Type($name: String!) { __type(name: $name) { name } }","variables":{"name":"sometype"}}"#,
                accept: "application/json"
            )
            #expect(response.status == .ok)
            #expect(!response.hasErrors)
            #expect(response.json == ["data": ["__type": nil]])
        }
    }

    @Test(
        "D6D5: MAY allow URL-encoded JSON string {variables} parameter in GETs when accepting application/graphql-response+json"
    ) func auditD6D5() async throws {
        try await audit { client in
            let response = try await client.get(
                [
                    "query": "query Type($name: String!) { __type(name: $name) { name } }",
                    "variables": #"{"name":"sometype"}"#,
                ],
                accept: "application/graphql-response+json"
            )
            #expect(response.status == .ok)
        }
    }

    @Test("6A70: MAY allow URL-encoded JSON string {variables} parameter in GETs when accepting application/json")
    func audit6A70() async throws {
        try await audit { client in
            let response = try await client.get(
                [
                    "query": "query Type($name: String!) { __type(name: $name) { name } }",
                    "variables": #"{"name":"sometype"}"#,
                ],
                accept: "application/json"
            )
            #expect(response.status == .ok)
            #expect(!response.hasErrors)
        }
    }

    @Test("58B0: MAY use 400 status code on string {extensions} parameter") func audit58B0() async throws {
        try await audit { client in
            let response = try await client.post(#"{"query":"{ __typename }","extensions":"string"}"#)
            #expect(response.status == .badRequest)
        }
    }

    @Test("58B1: MAY use 400 status code on number {extensions} parameter") func audit58B1() async throws {
        try await audit { client in
            let response = try await client.post(#"{"query":"{ __typename }","extensions":0}"#)
            #expect(response.status == .badRequest)
        }
    }

    @Test("58B2: MAY use 400 status code on boolean {extensions} parameter") func audit58B2() async throws {
        try await audit { client in
            let response = try await client.post(#"{"query":"{ __typename }","extensions":false}"#)
            #expect(response.status == .badRequest)
        }
    }

    @Test("58B3: MAY use 400 status code on array {extensions} parameter") func audit58B3() async throws {
        try await audit { client in
            let response = try await client.post(#"{"query":"{ __typename }","extensions":["array"]}"#)
            #expect(response.status == .badRequest)
        }
    }

    @Test("428F: SHOULD allow map {extensions} parameter when accepting application/graphql-response+json")
    func audit428F() async throws {
        try await audit { client in
            let response = try await client.post(
                #"{"query":"{ __typename }","extensions":{"some":"value"}}"#,
                accept: "application/graphql-response+json"
            )
            #expect(response.status == .ok)
        }
    }

    @Test("1B7A: MUST allow map {extensions} parameter when accepting application/json") func audit1B7A() async throws {
        try await audit { client in
            let response = try await client.post(
                #"{"query":"{ __typename }","extensions":{"some":"value"}}"#,
                accept: "application/json"
            )
            #expect(response.status == .ok)
            #expect(!response.hasErrors)
        }
    }

    @Test("B6DC: MAY use 4xx or 5xx status codes on JSON parsing failure") func auditB6DC() async throws {
        try await audit { client in
            let response = try await client.post(#"{ "not a JSON"#)
            #expect((400...499).contains(response.status.code))
        }
    }

    @Test("BCF8: MAY use 400 status code on JSON parsing failure") func auditBCF8() async throws {
        try await audit { client in
            let response = try await client.post(#"{ "not a JSON"#)
            #expect(response.status == .badRequest)
        }
    }

    @Test("8764: MAY use 4xx or 5xx status codes if parameters are invalid") func audit8764() async throws {
        try await audit { client in
            let response = try await client.post(#"{"qeury":"{ __typename }"}"#)
            #expect((400...599).contains(response.status.code))
        }
    }

    @Test("3E3A: MAY use 400 status code if parameters are invalid") func audit3E3A() async throws {
        try await audit { client in
            let response = try await client.post(#"{"qeury":"{ __typename }"}"#)
            #expect(response.status == .badRequest)
        }
    }

    @Test("572B: SHOULD use 200 status code on document parsing failure when accepting application/json")
    func audit572B() async throws {
        try await audit { client in
            let response = try await client.post(#"{"query":"{"}"#, accept: "application/json")
            #expect(response.status == .ok)
            #expect(response.errorCodes == ["GRAPHQL_PARSE_FAILED"])
        }
    }

    @Test("FDE2: SHOULD use 200 status code on document validation failure when accepting application/json")
    func auditFDE2() async throws {
        try await audit { client in
            let response = try await client.post(
                #"{"query":"{ 8f31403dfe404bccbb0e835f2629c6a7 }"}"#,
                accept: "application/json"
            )
            #expect(response.status == .ok)
            // The audit's document does not even parse (a name cannot start with a digit), as in graphql-js.
            #expect(response.errorCodes == ["GRAPHQL_PARSE_FAILED"])
        }
    }

    @Test("7B9B: SHOULD use a status code of 200 on variable coercion failure when accepting application/json")
    func audit7B9B() async throws {
        try await audit { client in
            let response = try await client.post(
                #"{"query":"query CoerceFailure($id: ID!){ __typename }","variables":{"id":null}}"#,
                accept: "application/json"
            )
            #expect(response.status == .ok)
            #expect(response.hasErrors && !response.hasData)
        }
    }

    @Test(
        "865D: SHOULD use 4xx or 5xx status codes on document parsing failure when accepting application/graphql-response+json"
    ) func audit865D() async throws {
        try await audit { client in
            let response = try await client.post(#"{"query":"{"}"#, accept: "application/graphql-response+json")
            #expect((400...599).contains(response.status.code))
        }
    }

    @Test(
        "556A: SHOULD use 400 status code on document parsing failure when accepting application/graphql-response+json"
    ) func audit556A() async throws {
        try await audit { client in
            let response = try await client.post(#"{"query":"{"}"#, accept: "application/graphql-response+json")
            #expect(response.status == .badRequest)
        }
    }

    @Test(
        "D586: SHOULD not contain the data entry on document parsing failure when accepting application/graphql-response+json"
    ) func auditD586() async throws {
        try await audit { client in
            let response = try await client.post(#"{"query":"{"}"#, accept: "application/graphql-response+json")
            #expect(response.hasErrors && !response.hasData)
        }
    }

    @Test(
        "51FE: SHOULD use 4xx or 5xx status codes on document validation failure when accepting application/graphql-response+json"
    ) func audit51FE() async throws {
        try await audit { client in
            let response = try await client.post(
                #"{"query":"{ 8f31403dfe404bccbb0e835f2629c6a7 }"}"#,
                accept: "application/graphql-response+json"
            )
            #expect((400...599).contains(response.status.code))
        }
    }

    @Test(
        "74FF: SHOULD use 400 status code on document validation failure when accepting application/graphql-response+json"
    ) func audit74FF() async throws {
        try await audit { client in
            let response = try await client.post(
                #"{"query":"{ 8f31403dfe404bccbb0e835f2629c6a7 }"}"#,
                accept: "application/graphql-response+json"
            )
            #expect(response.status == .badRequest)
        }
    }

    @Test(
        "5E5B: SHOULD not contain the data entry on document validation failure when accepting application/graphql-response+json"
    ) func audit5E5B() async throws {
        try await audit { client in
            let response = try await client.post(
                #"{"query":"{ 8f31403dfe404bccbb0e835f2629c6a7 }"}"#,
                accept: "application/graphql-response+json"
            )
            #expect(response.hasErrors && !response.hasData)
        }
    }

    @Test(
        "86EE: SHOULD use a status code of 400 on variable coercion failure when accepting application/graphql-response+json"
    ) func audit86EE() async throws {
        try await audit { client in
            let response = try await client.post(
                #"{"query":"query CoerceFailure($id: ID!){ __typename }","variables":{"id":null}}"#,
                accept: "application/graphql-response+json"
            )
            #expect(response.status == .badRequest)
        }
    }
}
