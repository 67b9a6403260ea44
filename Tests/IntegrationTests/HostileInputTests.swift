import Foundation
import Testing

/// The hostile-input catalogue against the built binary over real HTTP: every request gets a clear client error
/// (4xx, or a GraphQL response whose `errors` say why) within the time limit, the server keeps answering normal
/// queries after each one, and its resident memory stays bounded over repeated rounds.
@Suite(.serialized, .enabled(if: Stack.unavailableReason == nil, "needs FLIGHTQL_BIN (make test)"))
struct HostileInputTests {
    /// One hostile request and the answer it must get.
    struct Hostile: Sendable, CustomStringConvertible {
        enum Answer: Sendable {
            /// This HTTP status, with a GraphQL-shaped error body.
            case status(Int)
            /// 200 or 400 with a GraphQL response whose `errors` is not empty, one message containing the text.
            case graphQLError(containing: String)
        }

        let description: String
        let body: [UInt8]
        let answer: Answer
    }

    static let healthyQuery = #"{ airline(code: "UA") { name } }"#
    static let healthyAnswer = #"{"data":{"airline":{"name":"United Air Lines Inc."}}}"#

    /// The JSON body `{"query": query, "variables": variables}` (variables as raw JSON text).
    static func body(_ query: String, variables: String? = nil) -> [UInt8] {
        let quoted = String(decoding: try! JSONEncoder().encode(query), as: UTF8.self)
        return Array(#"{"query":\#(quoted)\#(variables.map { #","variables":\#($0)"# } ?? "")}"#.utf8)
    }

    static let catalogue: [Hostile] = {
        let aliases = (0..<10_000).map { "a\($0): __typename" }.joined(separator: " ")
        let listAliases = (0..<10_000).map { "a\($0): airlines { name }" }.joined(separator: " ")
        let laughs = (0..<40).map { "fragment L\($0) on Airline { ...L\($0 + 1) ...L\($0 + 1) }" }.joined(
            separator: "\n"
        )
        let tenMegabytes =
            #"{"query":"{ __typename }","variables":{"padding":""# + String(repeating: "x", count: 10 << 20) + #""}}"#
        return [
            Hostile(description: "body that is not JSON", body: Array("hello".utf8), answer: .status(400)),
            Hostile(
                description: "truncated JSON",
                body: Array(#"{"query": "{ __typename }""#.utf8),
                answer: .status(400)
            ),
            Hostile(
                description: "JSON string as the body",
                body: Array(#""{ __typename }""#.utf8),
                answer: .status(400)
            ),
            Hostile(description: "query is a number", body: Array(#"{"query": 42}"#.utf8), answer: .status(400)),
            Hostile(
                description: "variables is a list",
                body: Array(#"{"query":"{ __typename }","variables":[1,2]}"#.utf8),
                answer: .status(400)
            ),
            Hostile(
                description: "operationName is an object",
                body: Array(#"{"query":"{ __typename }","operationName":{"a":1}}"#.utf8),
                answer: .status(400)
            ),
            Hostile(
                description: "variable of the wrong type",
                body: body("query ($n: Int) { airports(first: $n) { totalCount } }", variables: #"{"n":"ten"}"#),
                answer: .graphQLError(containing: "$n")
            ),
            Hostile(
                description: "operator object where a string variable goes",
                body: body("query ($c: String!) { airline(code: $c) { name } }", variables: #"{"c":{"$ne":null}}"#),
                answer: .graphQLError(containing: "$c")
            ),
            Hostile(
                description: "explicit null over a defaulted page size",
                body: body("{ flights(first: null) { nodes { id } } }"),
                answer: .graphQLError(containing: "first must be between 0 and")
            ),
            Hostile(
                description: "explicit null over a defaulted order",
                body: body("{ flights(orderBy: null, first: 1) { nodes { id } } }"),
                answer: .graphQLError(containing: "orderBy must be a FlightOrder, got null")
            ),
            Hostile(description: "10 MB body", body: Array(tenMegabytes.utf8), answer: .status(413)),
            Hostile(
                description: "100,000 nested selection sets",
                body: body(String(repeating: "{ a ", count: 100_000) + String(repeating: "}", count: 100_000)),
                answer: .graphQLError(containing: "")
            ),
            Hostile(
                description: "100,000 nested list values",
                body: body(
                    #"{ airline(code: "# + String(repeating: "[", count: 100_000)
                        + String(repeating: "]", count: 100_000)
                        + ") { name } }"
                ),
                answer: .graphQLError(containing: "")
            ),
            Hostile(
                description: "100,000 nested JSON arrays in the variables",
                body: Array(
                    (#"{"query":"{ __typename }","variables":{"a":"# + String(repeating: "[", count: 100_000)
                        + String(repeating: "]", count: 100_000) + "}}").utf8
                ),
                answer: .status(400)
            ),
            Hostile(description: "10,000 aliases", body: body("{ \(aliases) }"), answer: .graphQLError(containing: "")),
            Hostile(
                description: "10,000 aliases of a list field",
                body: body("{ \(listAliases) }"),
                answer: .graphQLError(containing: "")
            ),
            Hostile(
                description: "fragment cycle",
                body: body("{ ...A } fragment A on Query { ...B } fragment B on Query { airlines { name } ...A }"),
                answer: .graphQLError(containing: "Cannot spread fragment \"A\" within itself")
            ),
            Hostile(
                description: "fragment fan-out (2^40 spreads)",
                body: body("{ airlines { ...L0 } }\n\(laughs)\nfragment L40 on Airline { name }"),
                answer: .graphQLError(containing: "")
            ),
            Hostile(
                description: "huge integer literal",
                body: body("{ airports(first: 123456789012345678901234567890) { totalCount } }"),
                answer: .graphQLError(containing: "Int cannot represent")
            ),
            Hostile(
                description: "huge integer variable",
                body: body(
                    "query ($n: Int) { airports(first: $n) { totalCount } }",
                    variables: #"{"n":123456789012345678901234567890}"#
                ),
                answer: .graphQLError(containing: "$n")
            ),
            Hostile(
                description: "float overflow variable",
                body: body(
                    """
                    query ($t: Float) { predictDelay(input: {carrier: "UA", origin: "EWR", destination: "ORD",
                      scheduledDeparture: "2013-06-01T17:00:00Z", weather: {temperature: $t}}) { probability } }
                    """,
                    variables: #"{"t":1e400}"#
                ),
                answer: .graphQLError(containing: "")
            ),
            Hostile(
                description: "invalid UTF-8 inside a string of the query",
                body: Array(#"{"query":"{ airline(code: \"U"#.utf8) + [0xFF, 0xFE, 0xC3]
                    + Array(#"\") { name } }"}"#.utf8),
                answer: .status(400)
            ),
            Hostile(
                description: "invalid UTF-8 as a token of the query",
                body: Array(#"{"query":"{ "#.utf8) + [0xC0, 0x80] + Array(#" }"}"#.utf8),
                answer: .status(400)
            ),
            Hostile(
                description: "escaped NUL character in the query",
                body: Array(#"{"query":"{ __typename \u0000 }"}"#.utf8),
                answer: .graphQLError(containing: "Syntax Error")
            ),
            Hostile(
                description: "raw NUL byte in the JSON",
                body: Array(#"{"query":"{ __typename "#.utf8) + [0] + Array(#" }"}"#.utf8),
                answer: .status(400)
            ),
        ]
    }()

    /// Runs the catalogue twice against one server: every answer as listed, a normal query answered after each,
    /// and the second round growing resident memory by less than 10% of what it was after the first.
    @Test func catalogueLeavesTheServerUpAndBounded() async throws {
        let server = try await Server()
        defer { server.stop() }
        try await expectHealthy(server, after: "start")
        let started = try residentKiB(ofServerOnPort: server.port)
        var afterRound: [Int] = []
        for _ in 0..<2 {
            for hostile in Self.catalogue {
                let clock = ContinuousClock()
                let begin = clock.now
                let response = try await RawHTTP.exchange(port: server.port, body: hostile.body)
                let elapsed = clock.now - begin
                #expect(elapsed < .seconds(10), "\(hostile): answered after \(elapsed)")
                check(response, hostile)
                try await expectHealthy(server, after: hostile.description)
            }
            afterRound.append(try residentKiB(ofServerOnPort: server.port))
        }
        print(
            "HostileInputTests: VmRSS at start \(started) KiB, after round 1 \(afterRound[0]) KiB, round 2 \(afterRound[1]) KiB"
        )
        #expect(afterRound[1] < afterRound[0] + afterRound[0] / 10, "RSS \(started) → \(afterRound) KiB")
    }

    /// Clients that trickle their bodies one byte at a time hold connections, not the server: normal queries keep
    /// answering promptly meanwhile, and the server is healthy once they give up.
    @Test func slowClientsDoNotStallOthers() async throws {
        let server = try await Server()
        defer { server.stop() }
        let slowClients = 64
        let sockets = try (0..<slowClients).map { _ in try Socket(port: server.port, timeout: .seconds(5)) }
        defer { for socket in sockets { socket.close() } }
        let head =
            "POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 4096\r\n\r\n"
        for socket in sockets { socket.write(Array(head.utf8) + Array(#"{"query":""#.utf8)) }
        let trickle = Task.detached {
            // One byte per client every 100 ms for 3 s: about 30 bytes of the 4,096 announced.
            try await RawHTTP.onThread {
                for _ in 0..<30 {
                    for socket in sockets { socket.write([UInt8(ascii: " ")]) }
                    Thread.sleep(forTimeInterval: 0.1)
                }
            }
        }
        for round in 0..<5 {
            let clock = ContinuousClock()
            let begin = clock.now
            try await expectHealthy(server, after: "\(slowClients) slow clients, round \(round)")
            #expect(clock.now - begin < .seconds(2), "a normal query took \(clock.now - begin) beside slow clients")
            try await Task.sleep(for: .milliseconds(400))
        }
        try await trickle.value
        for socket in sockets { socket.close() }
        try await expectHealthy(server, after: "the slow clients left")
    }

    /// Read time-outs of 1 s for a request's head and body, short enough for a test to wait them out.
    static let shortReadTimeouts = ["FLIGHTQL_HEAD_TIMEOUT_MS": "1000", "FLIGHTQL_BODY_TIMEOUT_MS": "1000"]

    /// A head trickled one byte every 200 ms is cut off by closing the connection, a trickled body gets 408 with a
    /// GraphQL error and then the connection closes, both about 1 s after the deadline starts; normal queries are
    /// answered afterwards.
    @Test func trickledHeadsAndBodiesAreCutOff() async throws {
        let server = try await Server(extraEnvironment: Self.shortReadTimeouts)
        defer { server.stop() }

        let head = try await Self.trickle(
            port: server.port,
            after: "POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "
        )
        #expect(head.response.status == nil && head.response.body.isEmpty, "a trickled head got \(head.response)")
        #expect(head.answeredAfter >= .milliseconds(900), "the head deadline fired early: \(head.answeredAfter)")
        #expect(head.answeredAfter < .seconds(10), "a trickled head was not cut off: \(head.answeredAfter)")
        try await expectHealthy(server, after: "a trickled head")

        let body = try await Self.trickle(
            port: server.port,
            after: "POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: 4096\r\n\r\n" + #"{"query":""#
        )
        #expect(body.response.status == 408, "a trickled body got \(body.response)")
        let json = try? JSONSerialization.jsonObject(with: Data(body.response.body.utf8)) as? [String: Any]
        let error = (json?["errors"] as? [[String: Any]])?.first
        #expect((error?["extensions"] as? [String: Any])?["code"] as? String == "REQUEST_TIMEOUT", "\(body.response)")
        #expect(body.answeredAfter >= .milliseconds(900), "the body deadline fired early: \(body.answeredAfter)")
        #expect(body.answeredAfter < .seconds(10), "a trickled body was not cut off: \(body.answeredAfter)")
        #expect(body.closedAfter - body.answeredAfter < .seconds(5), "the connection stayed open after the 408")
        print(
            "HostileInputTests: trickled head closed after \(head.answeredAfter), trickled body answered after \(body.answeredAfter), closed after \(body.closedAfter)"
        )
        try await expectHealthy(server, after: "a trickled body")
    }

    /// Under the same 1 s time-outs a client that sends promptly is never cut off: ten requests on one keep-alive
    /// connection over about 4 s, each head and body sent in two writes 200 ms apart, all answered.
    @Test func promptClientsAreUnaffectedByReadTimeouts() async throws {
        let server = try await Server(extraEnvironment: Self.shortReadTimeouts)
        defer { server.stop() }
        let body = String(decoding: Self.body(Self.healthyQuery), as: UTF8.self)
        let request =
            "POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            + "Content-Length: \(body.utf8.count)\r\n\r\n" + body
        let responses = try await RawHTTP.onThread {
            let socket = try Socket(port: server.port, timeout: .seconds(15))
            defer { socket.close() }
            var responses: [RawHTTP.Response?] = []
            for _ in 0..<10 {
                // Cut inside the head, then inside the body.
                for piece in [request.prefix(20), request.dropFirst(20).prefix(request.count - 30), request.suffix(10)]
                {
                    socket.write(Array(piece.utf8))
                    Thread.sleep(forTimeInterval: 0.2)
                }
                responses.append(socket.readResponse())
            }
            return responses
        }
        for (index, response) in responses.enumerated() {
            #expect(
                response?.status == 200 && response?.body == Self.healthyAnswer,
                "request \(index): \(response.map { "\($0)" } ?? "connection closed")"
            )
        }
    }

    /// A keep-alive connection left idle is closed after `FLIGHTQL_IDLE_TIMEOUT_MS`.
    @Test func idleKeepAliveConnectionsAreClosed() async throws {
        let server = try await Server(extraEnvironment: ["FLIGHTQL_IDLE_TIMEOUT_MS": "1000"])
        defer { server.stop() }
        let body = String(decoding: Self.body(Self.healthyQuery), as: UTF8.self)
        let request =
            "POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            + "Content-Length: \(body.utf8.count)\r\n\r\n" + body
        let (response, closedAfter) = try await RawHTTP.onThread {
            let socket = try Socket(port: server.port, timeout: .seconds(15))
            defer { socket.close() }
            socket.write(Array(request.utf8))
            let response = socket.readResponse()
            let clock = ContinuousClock()
            let begin = clock.now
            let rest = socket.readToEnd()
            return (response, rest.isEmpty ? clock.now - begin : nil)
        }
        #expect(response?.status == 200, "\(response.map { "\($0)" } ?? "connection closed")")
        let closed = try #require(closedAfter, "the server sent more after the response")
        #expect(closed >= .milliseconds(900) && closed < .seconds(10), "idle connection closed after \(closed)")
    }

    /// Opens a connection, sends `start`, then one space every 200 ms until the server answers or closes (at most
    /// 20 s); returns what it said, when it started to and when it closed, from the first byte sent.
    static func trickle(
        port: Int,
        after start: String
    ) async throws -> (response: RawHTTP.Response, answeredAfter: Duration, closedAfter: Duration) {
        try await RawHTTP.onThread {
            let socket = try Socket(port: port, timeout: .seconds(15))
            defer { socket.close() }
            let clock = ContinuousClock()
            let begin = clock.now
            socket.write(Array(start.utf8))
            while !socket.isReadable(within: .milliseconds(200)), clock.now - begin < .seconds(20) {
                socket.write([UInt8(ascii: " ")])
            }
            let answeredAfter = clock.now - begin
            let response = RawHTTP.parse(socket.readToEnd())
            return (response, answeredAfter, clock.now - begin)
        }
    }

    private func check(_ response: RawHTTP.Response, _ hostile: Hostile) {
        let json = try? JSONSerialization.jsonObject(with: Data(response.body.utf8)) as? [String: Any]
        let errors = json?["errors"] as? [[String: Any]] ?? []
        let messages = errors.compactMap { $0["message"] as? String }
        #expect(
            !messages.isEmpty && messages.count == errors.count,
            "\(hostile): no error messages in \(response.body.prefix(300))"
        )
        switch hostile.answer {
        case .status(let status):
            #expect(
                response.status == status,
                "\(hostile): status \(response.status.map(String.init) ?? "none"), \(response.body.prefix(300))"
            )
        case .graphQLError(let text):
            #expect(
                response.status == 200 || response.status == 400,
                "\(hostile): status \(response.status.map(String.init) ?? "none")"
            )
            #expect(json?["data"] == nil || json?["data"] is NSNull, "\(hostile): data in \(response.body.prefix(300))")
            #expect(messages.contains { text.isEmpty || $0.contains(text) }, "\(hostile): \(messages.prefix(3))")
        }
    }

    private func expectHealthy(_ server: Server, after what: String) async throws {
        let (status, body) = try await server.graphQL(Self.healthyQuery)
        #expect(status == 200 && body == Self.healthyAnswer, "after \(what): \(status) \(body.prefix(300))")
    }
}
