import GraphQLEngine
import NIOCore
import Testing

@testable import FlightQL

struct GraphQLOverHTTPTests {
    private func decode(_ text: String) -> Result<GraphQLRequest, GraphQLOverHTTP.BodyError> {
        GraphQLOverHTTP.decodeBody(ByteBuffer(string: text))
    }

    @Test func readsTheStandardFields() throws {
        let request = try decode(#"{"query":"{ a }","variables":{"x":1},"operationName":"Op","extensions":{}}"#).get()
        #expect(request.query == "{ a }")
        #expect(request.operationName == "Op")
        #expect(request.variables?["x"] == .int(1))
    }

    @Test func nullMeansAbsentAndUnknownKeysAreIgnored() throws {
        let request = try decode(#"{"query":"{ a }","variables":null,"operationName":null,"extensions":null,"x":[]}"#).get()
        #expect(request.variables == nil)
        #expect(request.operationName == nil)
    }

    @Test(arguments: [
        "", "{", "[]", "\"query\"", #"{"variables":{}}"#, #"{"query":1}"#, #"{"query":null}"#,
        #"{"query":"{ a }","variables":[]}"#, #"{"query":"{ a }","variables":"{}"}"#,
        #"{"query":"{ a }","operationName":1}"#, #"{"query":"{ a }","extensions":"x"}"#,
    ])
    func rejectsMalformedBodies(body: String) {
        guard case .failure = decode(body) else {
            Issue.record("accepted \(body)")
            return
        }
    }
}
