import Foundation
import GraphQLEngine
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Synchronization
import Testing

@testable import FlightQL

struct GraphQLOverHTTPTests {
    private func decode(_ text: String) -> Result<GraphQLOverHTTP.Parameters, GraphQLOverHTTP.BodyError> {
        GraphQLOverHTTP.decodeBody(ByteBuffer(string: text))
    }

    @Test func readsTheStandardFields() throws {
        let request = try decode(#"{"query":"{ a }","variables":{"x":1},"operationName":"Op","extensions":{"e":2}}"#)
            .get()
        #expect(request.query == "{ a }")
        #expect(request.operationName == "Op")
        #expect(request.variables?["x"] == .int(1))
        #expect(request.extensions?["e"] == .int(2))
    }

    @Test func nullMeansAbsentAndUnknownKeysAreIgnored() throws {
        let request = try decode(#"{"query":"{ a }","variables":null,"operationName":null,"extensions":null,"x":[]}"#)
            .get()
        #expect(request.variables == nil)
        #expect(request.operationName == nil)
        #expect(request.extensions == nil)
    }

    @Test func aPersistedQueryHashMayStandInForTheQuery() throws {
        let request = try decode(#"{"extensions":{"persistedQuery":{"version":1,"sha256Hash":"ab"}}}"#).get()
        #expect(request.query == nil)
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

    @Test func negotiatesTheResponseMediaType() {
        #expect(ResponseMediaType(accept: nil) == .json)
        #expect(ResponseMediaType(accept: "*/*") == .json)
        #expect(ResponseMediaType(accept: "application/*") == .json)
        #expect(ResponseMediaType(accept: "application/json") == .json)
        #expect(ResponseMediaType(accept: "application/graphql-response+json") == .graphQLResponse)
        #expect(
            ResponseMediaType(accept: "application/graphql-response+json, application/json;q=0.9") == .graphQLResponse
        )
        #expect(ResponseMediaType(accept: "application/graphql-response+json;q=0.5, application/json") == .json)
        #expect(ResponseMediaType(accept: "text/html,application/xhtml+xml,*/*;q=0.8") == .json)
        #expect(ResponseMediaType(accept: "text/html") == nil)
        #expect(ResponseMediaType(accept: "application/json;q=0, */*") == nil)
    }
}

/// Status codes, limits, error codes and persisted queries through the real application.
@Suite struct GraphQLOverHTTPServerTests {
    private static let graphQLResponse = "application/graphql-response+json"

    private func withApp(
        _ change: (inout Configuration) -> Void = { _ in },
        persistedQueries: PersistedQueries = PersistedQueries(),
        _ body: @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws {
        let fixture = try await HTTPFixture.get()
        try await fixture.withApp(fixture.configuration(change), persistedQueries: persistedQueries, body)
    }

    @Test func statusCodesOfMalformedRequests() async throws {
        let smallBodies: (inout Configuration) -> Void = { $0.maxBodyBytes = 64 }
        try await withApp(smallBodies) { client in
            let unsupported = try await client.post(#"{"query":"{ __typename }"}"#, contentType: "text/plain")
            #expect(unsupported.status == .unsupportedMediaType)
            let formPost = try await client.post(
                "query=%7B__typename%7D",
                contentType: "application/x-www-form-urlencoded"
            )
            #expect(formPost.status == .unsupportedMediaType)
            let large = try await client.post(#"{"query":"{ __typename \#(String(repeating: " ", count: 100)) }"}"#)
            #expect(large.status == .contentTooLarge)
            let notAcceptable = try await client.post(#"{"query":"{ __typename }"}"#, accept: "image/png")
            #expect(notAcceptable.status == .notAcceptable)
            #expect(notAcceptable.errorCodes == ["BAD_REQUEST"])
            let noQuery = try await client.get(["operationName": "x"])
            #expect(noQuery.status == .badRequest)
            let badVariables = try await client.get(["query": "{ __typename }", "variables": "[1]"])
            #expect(badVariables.status == .badRequest)
            #expect(badVariables.errorMessages == ["`variables` must be a JSON object."])
        }
    }

    /// Mutations only by POST with a JSON body: a GET is 405 naming POST, so a link or an image tag
    /// cannot change anything (and a form post is 415, above).
    @Test func mutationsByGetAre405() async throws {
        try await withApp { client in
            let response = try await client.get(["query": "mutation { __typename }"])
            #expect(response.status == .methodNotAllowed)
            #expect(response.headers[.allow] == "POST")
            let named = try await client.get([
                "query": "query Q { __typename } mutation M { __typename }", "operationName": "M",
            ])
            #expect(named.status == .methodNotAllowed)
            let query = try await client.get([
                "query": "query Q { __typename } mutation M { __typename }", "operationName": "Q",
            ])
            #expect(query.status == .ok)
        }
    }

    /// The contract's everyday queries answer under the default limits.
    @Test func normalQueriesPassTheDefaultLimits() async throws {
        try await withApp { client in
            let page = try await client.post(
                #"""
                {"query":"{ flights(filter: { origin: \"JFK\", destination: \"LAX\" }, first: 20) { nodes { id flightNumber scheduledDeparture departureDelay carrier { name } origin { name } destination { name } plane { model seats } weather { temperature windSpeed } } } }"}
                """#
            )
            #expect(page.status == .ok)
            #expect(page.json == ["data": ["flights": ["nodes": []]]])
            let introspection = try await client.post(
                #"{"query":"{ __schema { types { name kind fields(includeDeprecated: true) { name args { name type { name kind ofType { name kind ofType { name kind ofType { name kind } } } } } type { name kind ofType { name kind ofType { name kind ofType { name kind } } } } } } } }"}"#
            )
            #expect(introspection.status == .ok)
            #expect(!introspection.hasErrors)
        }
    }

    @Test func eachLimitIsAClearErrorWithItsCode() async throws {
        let strictLimits: (inout Configuration) -> Void = {
            $0.limits = OperationLimits(maxDepth: 3, maxAliases: 2, maxSelections: 8, maxCost: 100)
            $0.maxTokens = 40
        }
        try await withApp(strictLimits) { client in
            let cases: [(query: String, code: String, message: String)] = [
                (
                    #"{ airline(code: \"UA\") { flights { nodes { id } } } }"#, "MAX_DEPTH_EXCEEDED",
                    "The operation is 4 fields deep; the limit is 3."
                ),
                (
                    "{ a: __typename b: __typename c: __typename }", "MAX_ALIASES_EXCEEDED",
                    "The operation uses 3 aliases; the limit is 2."
                ),
                (
                    #"{ airline(code: \"UA\") { code name } airport(code: \"JFK\") { code name latitude longitude altitude timezone } }"#,
                    "MAX_SELECTIONS_EXCEEDED", "The operation selects 10 fields; the limit is 8."
                ),
                (
                    "{ flights(first: 50) { nodes { id } } }", "MAX_COST_EXCEEDED",
                    "The operation's estimated cost is 101; the limit is 100."
                ),
                (
                    "{ " + String(repeating: "__typename ", count: 45) + "}",
                    "MAX_TOKENS_EXCEEDED", "Syntax Error: Document contains more than 40 tokens. Parsing aborted."
                ),
            ]
            for (query, code, message) in cases {
                let strict = try await client.post(#"{"query":"\#(query)"}"#, accept: Self.graphQLResponse)
                #expect(strict.status == .badRequest, "\(code)")
                #expect(strict.errorCodes == [code])
                #expect(strict.errorMessages == [message])
                #expect(!strict.hasData)
                let legacy = try await client.post(#"{"query":"\#(query)"}"#, accept: "application/json")
                #expect(legacy.status == .ok, "\(code)")
                #expect(legacy.errorCodes == [code])
            }
            // A cost that depends on variables is checked with them.
            let variableCost =
                #"{"query":"query($n: Int) { flights(first: $n) { nodes { id } } }","variables":{"n":60}}"#
            let refused = try await client.post(variableCost, accept: Self.graphQLResponse)
            #expect(refused.status == .badRequest)
            #expect(refused.errorCodes == ["MAX_COST_EXCEEDED"])
            let allowed = try await client.post(
                #"{"query":"query($n: Int) { flights(first: $n) { nodes { id } } }","variables":{"n":10}}"#
            )
            #expect(allowed.json == ["data": ["flights": ["nodes": []]]])
        }
    }

    @Test func introspectionCanBeTurnedOff() async throws {
        let noIntrospection: (inout Configuration) -> Void = { $0.introspection = false }
        try await withApp(noIntrospection) { client in
            let refused = try await client.post(#"{"query":"{ __schema { queryType { name } } }"}"#)
            #expect(refused.errorCodes == ["INTROSPECTION_DISABLED"])
            #expect(!refused.hasData)
            let typename = try await client.post(#"{"query":"{ __typename }"}"#)
            #expect(typename.json == ["data": ["__typename": "Query"]])
        }
        #expect(Configuration.fromEnvironment(["FLIGHTQL_INTROSPECTION": "false"]).limits.introspection == false)
    }

    @Test func limitsComeFromTheEnvironment() {
        let configuration = Configuration.fromEnvironment([
            "FLIGHTQL_MAX_DEPTH": "5", "FLIGHTQL_MAX_ALIASES": "0", "FLIGHTQL_MAX_SELECTIONS": "77",
            "FLIGHTQL_MAX_COST": "x", "FLIGHTQL_MAX_TOKENS": "300", "FLIGHTQL_EXECUTION_TIMEOUT_MS": "250",
        ])
        #expect(configuration.limits.maxDepth == 5)
        #expect(configuration.limits.maxAliases == nil)
        #expect(configuration.limits.maxSelections == 77)
        #expect(configuration.limits.maxCost == OperationLimits().maxCost)
        #expect(configuration.maxTokens == 300)
        #expect(configuration.executionTimeout == .milliseconds(250))
        #expect(Configuration.fromEnvironment([:]).executionTimeout == .seconds(30))
    }

    /// Clients' mistakes are `BAD_USER_INPUT`, missing credentials `UNAUTHENTICATED`, stores that are not
    /// there `SERVICE_UNAVAILABLE`; none of them names a file or a query.
    @Test func fieldAndVariableErrorsHaveCodes() async throws {
        try await withApp { client in
            let variables = try await client.post(
                #"{"query":"query($n: Int) { flights(first: $n) { totalCount } }","variables":{"n":"ten"}}"#,
                accept: Self.graphQLResponse
            )
            #expect(variables.status == .badRequest)
            #expect(variables.errorCodes == ["BAD_USER_INPUT"])
            let pageSize = try await client.post(#"{"query":"{ flights(first: -1) { nodes { id } } }"}"#)
            #expect(pageSize.errorCodes == ["BAD_USER_INPUT"])
            #expect(pageSize.errorMessages == ["first must be between 0 and 500, got -1"])
            let cursor = try await client.post(#"{"query":"{ flights(after: \"garbage\") { nodes { id } } }"}"#)
            #expect(cursor.errorCodes == ["BAD_USER_INPUT"])
            let mutation = try await client.post(
                #"{"query":"mutation { recordFlightStatus(input: {carrierCode: \"UA\", flightNumber: 1, date: \"2013-01-01\", state: LANDED, departureAirport: \"EWR\", arrivalAirport: \"LAX\"}) { id } }"}"#
            )
            #expect(mutation.errorCodes == ["UNAUTHENTICATED"])
            let model = try await client.post(#"{"query":"{ model { version } }"}"#)
            #expect(model.errorCodes == ["SERVICE_UNAVAILABLE"])
            #expect(model.errorMessages == ["the delay model is not available"])
            let statuses = try await client.post(#"{"query":"{ flightStatuses { totalCount } }"}"#)
            #expect(statuses.errorCodes == ["SERVICE_UNAVAILABLE"])
            #expect(statuses.errorMessages == ["document store unavailable"])
        }
    }

    /// An unexpected failure is `Internal server error` with the request id; what failed is only in the log.
    @Test func unexpectedErrorsLeakNothing() async throws {
        let log = LogCapture()
        let secret = "SELECT * FROM keys WHERE path = '/etc/flightql/secret.key'"
        let app = Self.application(
            resolver: .async { _ in throw Failure(description: secret) },
            logger: Logger(label: "test") { _ in log }
        )
        try await app.test(.router) { client in
            let response = try await client.post(
                #"{"query":"{ value }"}"#,
                headers: [RequestID.headerName: "req-42"]
            )
            #expect(response.status == .ok)
            #expect(
                response.json == [
                    "errors": [
                        [
                            "message": "Internal server error", "locations": [["line": 1, "column": 3]],
                            "path": ["value"],
                            "extensions": ["code": "INTERNAL_SERVER_ERROR", "requestId": "req-42"],
                        ]
                    ],
                    "data": ["value": nil],
                ]
            )
            #expect(!String(buffer: response.body).contains("secret"))
            // Without a request id header (no middleware), one is generated.
            let anonymous = try await client.post(#"{"query":"{ value }"}"#)
            guard case .array(let errors)? = anonymous.json["errors"],
                case .string(let generated)? = errors.first?["extensions"]?["requestId"]
            else {
                Issue.record("no request id")
                return
            }
            #expect(generated.count == 32)
        }
        #expect(log.lines.contains { $0.contains("req-42") && $0.contains("/etc/flightql/secret.key") })
    }

    /// A request that runs too long ends with `EXECUTION_TIMEOUT` at the deadline; the server goes on.
    @Test func slowOperationsTimeOut() async throws {
        let app = Self.application(
            resolver: .async { _ in
                try await Task.sleep(for: .seconds(30))
                return 1
            },
            timeout: .milliseconds(200)
        )
        try await app.test(.router) { client in
            let started = ContinuousClock.now
            let strict = try await client.post(#"{"query":"{ value }"}"#, accept: Self.graphQLResponse)
            // Well before the resolver's 30 s; not tighter, because the test runs beside hundreds of
            // others on two cores (10 s seen under that load).
            #expect(ContinuousClock.now - started < .seconds(25))
            #expect(strict.status == .gatewayTimeout)
            #expect(strict.errorCodes == ["EXECUTION_TIMEOUT"])
            #expect(strict.errorMessages == ["The operation did not finish within 200 ms."])
            let legacy = try await client.post(#"{"query":"{ value }"}"#)
            #expect(legacy.status == .ok)
            #expect(legacy.errorCodes == ["EXECUTION_TIMEOUT"])
            let quick = try await client.post(#"{"query":"{ __typename }"}"#)
            #expect(quick.json == ["data": ["__typename": "Query"]])
        }
    }

    // MARK: Persisted queries

    private static let typenameQuery = "{ __typename }"
    private static let typenameHash = SHA256.hexDigest(typenameQuery.utf8)

    private static func apqBody(query: String?, hash: String) -> String {
        let extensions = #""extensions":{"persistedQuery":{"version":1,"sha256Hash":"\#(hash)"}}"#
        guard let query else { return "{\(extensions)}" }
        return #"{"query":"\#(query)",\#(extensions)}"#
    }

    @Test func automaticPersistedQueries() async throws {
        try await withApp { client in
            let unknown = try await client.post(Self.apqBody(query: nil, hash: Self.typenameHash))
            #expect(unknown.status == .ok)
            #expect(unknown.errorCodes == ["PERSISTED_QUERY_NOT_FOUND"])
            #expect(unknown.errorMessages == ["PersistedQueryNotFound"])
            let strict = try await client.post(
                Self.apqBody(query: nil, hash: Self.typenameHash),
                accept: Self.graphQLResponse
            )
            #expect(strict.status == .notFound)
            let registered = try await client.post(Self.apqBody(query: Self.typenameQuery, hash: Self.typenameHash))
            #expect(registered.json == ["data": ["__typename": "Query"]])
            let byHash = try await client.post(Self.apqBody(query: nil, hash: Self.typenameHash))
            #expect(byHash.json == ["data": ["__typename": "Query"]])
            let byGet = try await client.get([
                "extensions": #"{"persistedQuery":{"version":1,"sha256Hash":"\#(Self.typenameHash)"}}"#
            ])
            #expect(byGet.json == ["data": ["__typename": "Query"]])
            let mismatch = try await client.post(
                Self.apqBody(query: "{ __typename __typename }", hash: Self.typenameHash)
            )
            #expect(mismatch.status == .badRequest)
            #expect(mismatch.errorCodes == ["PERSISTED_QUERY_HASH_MISMATCH"])
            let version = try await client.post(
                #"{"extensions":{"persistedQuery":{"version":2,"sha256Hash":"\#(Self.typenameHash)"}}}"#
            )
            #expect(version.status == .badRequest)
        }
    }

    @Test func theAutomaticStoreEvictsTheLeastRecentlyUsedQuery() {
        let store = PersistedQueries(capacity: 2)
        let queries = ["{ a }", "{ b }", "{ c }"]
        let hashes = queries.map { SHA256.hexDigest($0.utf8) }
        func persisted(_ hash: String) -> JSONValue { ["version": 1, "sha256Hash": .string(hash)] }
        _ = store.resolve(query: queries[0], persistedQuery: persisted(hashes[0]))
        _ = store.resolve(query: queries[1], persistedQuery: persisted(hashes[1]))
        _ = store.resolve(query: nil, persistedQuery: persisted(hashes[0]))  // `{ a }` is now the most recent
        _ = store.resolve(query: queries[2], persistedQuery: persisted(hashes[2]))
        #expect(store.automaticCount == 2)
        #expect(store.resolve(query: nil, persistedQuery: persisted(hashes[0])) == .success("{ a }"))
        #expect(store.resolve(query: nil, persistedQuery: persisted(hashes[1])) == .failure(.notFound))
        #expect(store.resolve(query: nil, persistedQuery: persisted(hashes[2])) == .success("{ c }"))
    }

    @Test func allowListModeServesOnlyRegisteredDocuments() async throws {
        let manifestPath = FileManager.default.temporaryDirectory.appendingPathComponent("manifest-\(UUID()).json").path
        defer { try? FileManager.default.removeItem(atPath: manifestPath) }
        try Data(#"{"\#(Self.typenameHash)":"\#(Self.typenameQuery)"}"#.utf8).write(
            to: URL(fileURLWithPath: manifestPath)
        )
        let fixture = try await HTTPFixture.get()
        let configuration = fixture.configuration {
            $0.persistedQueriesPath = manifestPath
            $0.allowList = true
        }
        let store = try PersistedQueries(configuration: configuration)
        try await fixture.withApp(configuration, persistedQueries: store) { client in
            let byHash = try await client.post(Self.apqBody(query: nil, hash: Self.typenameHash))
            #expect(byHash.json == ["data": ["__typename": "Query"]])
            let byText = try await client.post(#"{"query":"\#(Self.typenameQuery)"}"#)
            #expect(byText.json == ["data": ["__typename": "Query"]])
            let other = try await client.post(#"{"query":"{ airlines { code } }"}"#)
            #expect(other.status == .forbidden)
            #expect(other.errorCodes == ["PERSISTED_QUERY_NOT_ALLOWED"])
            let otherHash = SHA256.hexDigest("{ airlines { code } }".utf8)
            let registration = try await client.post(Self.apqBody(query: "{ airlines { code } }", hash: otherHash))
            #expect(registration.status == .forbidden)
        }
        #expect(throws: PersistedQueryManifestError.self) {
            _ = try PersistedQueries(configuration: fixture.configuration { $0.allowList = true })
        }
    }

    @Test func aManifestWithAWrongHashIsRefused() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("manifest-\(UUID()).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(#"{"\#(String(repeating: "0", count: 64))":"{ __typename }"}"#.utf8).write(
            to: URL(fileURLWithPath: path)
        )
        #expect(throws: PersistedQueryManifestError.self) { _ = try PersistedQueries.loadManifest(path: path) }
        #expect(throws: PersistedQueryManifestError.self) {
            _ = try PersistedQueries.loadManifest(path: path + ".missing")
        }
    }

    // MARK: Helpers

    private struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// An application serving `type Query { value: Int }` with the given resolver.
    private static func application(
        resolver: FieldResolver,
        timeout: Duration? = nil,
        logger: Logger = Logger(label: "test")
    ) -> some ApplicationProtocol {
        var resolvers = Resolvers()
        resolvers.add("Query", "value", resolver)
        let schema = try! ExecutableSchema(schema: try! Schema(sdl: "type Query { value: Int }"), resolvers: resolvers)
        let graphQL = GraphQLOverHTTP(
            engine: GraphQLEngine(schema: schema),
            maxBodyBytes: 1 << 16,
            executionTimeout: timeout,
            logger: logger,
            makeContext: { _ in () }
        )
        let router = Router()
        router.post("/graphql", use: graphQL.post)
        return Application(router: router)
    }
}

/// Log lines kept in memory, for tests that check what is logged.
final class LogCapture: LogHandler, Sendable {
    private let stored = Mutex<[String]>([])

    var lines: [String] { stored.withLock { $0 } }

    var metadata: Logger.Metadata {
        get { [:] }
        set {}
    }
    var logLevel: Logger.Level {
        get { .trace }
        set {}
    }
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { nil }
        set {}
    }

    func log(event: LogEvent) {
        let metadata = (event.metadata ?? [:]).map { "\($0.key)=\($0.value)" }.sorted().joined(separator: " ")
        stored.withLock { $0.append("\(event.message) \(metadata)") }
    }
}
