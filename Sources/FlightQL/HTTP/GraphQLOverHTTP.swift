import Foundation
public import GraphQLEngine
public import Hummingbird
import Logging
import NIOCore

/// GraphQL over HTTP (the graphql-over-http specification; every server audit of graphql-http passes,
/// see docs/graphql-over-http.md): `POST /graphql` with a JSON body and `GET /graphql?query=…` for queries.
///
/// Status codes: 406 when the client accepts neither `application/graphql-response+json` nor
/// `application/json`; 415 for a POST body that is not `application/json`; 413 for one over the size
/// limit; 408 (and the connection closed) for one not received within the body time-out of ``ReadTimeouts``;
/// 400 for a body that is not a JSON object with a string `query` (or a persisted-query hash)
/// and `variables`/`extensions` objects, `operationName` a string (`null` is absent, unknown keys are
/// ignored); 405 with `Allow: POST` for a mutation by GET. A request that fails before execution
/// (parse, validation, limits, variables) answers 400 under `application/graphql-response+json` and,
/// for legacy clients, 200 under `application/json`; an execution time-out answers 504 or 200 the same
/// way. Every error carries `extensions.code`.
struct GraphQLOverHTTP: Sendable {
    let engine: GraphQLEngine
    let maxBodyBytes: Int
    /// How long one operation may run (nil: no limit).
    let executionTimeout: Duration?
    let persistedQueries: PersistedQueries
    let logger: Logger
    let makeContext: @Sendable (_ headers: HTTPFields) -> any Sendable
    /// The browser console's hook: the page for a `GET /graphql` that prefers HTML, nil for any other
    /// request (which then gets JSON).
    let console: (@Sendable (_ request: Request) -> Response?)?

    init(
        engine: GraphQLEngine,
        maxBodyBytes: Int,
        executionTimeout: Duration? = nil,
        persistedQueries: PersistedQueries = PersistedQueries(),
        logger: Logger = Logger(label: "flightql.graphql"),
        console: (@Sendable (_ request: Request) -> Response?)? = nil,
        makeContext: @escaping @Sendable (_ headers: HTTPFields) -> any Sendable
    ) {
        self.engine = engine
        self.maxBodyBytes = maxBodyBytes
        self.executionTimeout = executionTimeout
        self.persistedQueries = persistedQueries
        self.logger = logger
        self.console = console
        self.makeContext = makeContext
    }

    /// `POST /graphql`.
    func post(_ request: Request, _ context: some Hummingbird.RequestContext) async throws -> Response {
        guard let mediaType = ResponseMediaType(accept: request.headers[.accept]) else {
            return Self.notAcceptable()
        }
        guard let contentType = request.headers[.contentType], Self.isJSON(contentType) else {
            return Self.problem(.unsupportedMediaType, "Content-Type must be application/json.", mediaType)
        }
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: maxBodyBytes)
        } catch let timeout as RequestBodyTimeout {
            // The connection closes after this answer: the rest of the body is not read.
            var response = Self.problem(
                .requestTimeout,
                "The request body was not received within \(timeout.timeout.wholeMilliseconds) ms.",
                mediaType,
                code: ClientErrors.Code.requestTimeout
            )
            response.headers[.connection] = "close"
            return response
        } catch {
            return Self.problem(.contentTooLarge, "The request body is larger than \(maxBodyBytes) bytes.", mediaType)
        }
        switch Self.decodeBody(body) {
        case .success(let parameters): return await run(parameters, method: .post, headers: request.headers, mediaType)
        case .failure(let error):
            return Self.problem(.badRequest, error.message, mediaType, code: ClientErrors.Code.badRequest)
        }
    }

    /// `GET /graphql?query=…&variables=…&operationName=…&extensions=…`: queries only (or the console
    /// for a browser).
    func get(_ request: Request, _ context: some Hummingbird.RequestContext) async throws -> Response {
        if let console, let page = console(request) { return page }
        guard let mediaType = ResponseMediaType(accept: request.headers[.accept]) else {
            return Self.notAcceptable()
        }
        switch Self.decodeQueryParameters(request.uri.queryParameters) {
        case .success(let parameters): return await run(parameters, method: .get, headers: request.headers, mediaType)
        case .failure(let error):
            return Self.problem(.badRequest, error.message, mediaType, code: ClientErrors.Code.badRequest)
        }
    }

    private func run(
        _ parameters: Parameters,
        method: HTTPRequest.Method,
        headers: HTTPFields,
        _ mediaType: ResponseMediaType
    ) async -> Response {
        let query: String
        switch persistedQueries.resolve(
            query: parameters.query,
            persistedQuery: parameters.extensions?["persistedQuery"]
        ) {
        case .success(let text): query = text
        case .failure(let error): return Self.persistedQueryFailure(error, mediaType)
        }
        let prepared: PreparedDocument
        switch engine.prepare(query: query) {
        case .success(let document): prepared = document
        case .failure(let failure):
            let code = failure.stage == .parse ? ClientErrors.Code.parseFailed : ClientErrors.Code.validationFailed
            return Self.requestFailure(ClientErrors.withCode(failure.errors, code), mediaType)
        }
        if method == .get, Self.operationType(in: prepared.document, named: parameters.operationName) == .mutation {
            var response = Self.problem(.methodNotAllowed, "Mutations must be sent with POST.", mediaType)
            response.headers[.allow] = "POST"
            return response
        }
        let errors = ClientErrors(requestID: RequestID.current(from: headers) ?? RequestID.generate(), logger: logger)
        let transform = ResolverErrors.Transform { error, path in errors.fieldError(error, path: path) }
        let engine = self.engine
        let context = makeContext(headers)
        let execute: @Sendable () async -> GraphQLResponse = {
            await ResolverErrors.$transform.withValue(transform) {
                await engine.execute(
                    prepared,
                    operationName: parameters.operationName,
                    variables: parameters.variables,
                    context: context
                )
            }
        }
        let result: GraphQLResponse
        if let executionTimeout {
            guard let finished = await withDeadline(executionTimeout, execute) else {
                logger.warning(
                    "operation timed out",
                    metadata: [
                        "request_id": .string(errors.requestID), "operation": .string(parameters.operationName ?? ""),
                    ]
                )
                let error = ClientErrors.coded(
                    "The operation did not finish within \(executionTimeout.wholeMilliseconds) ms.",
                    ClientErrors.Code.timeout
                )
                let body = GraphQLResponse(data: nil, errors: [error]).jsonBytes()
                return Self.json(mediaType == .graphQLResponse ? .gatewayTimeout : .ok, mediaType, body)
            }
            result = finished
        } else {
            result = await execute()
        }
        guard result.data != nil else {
            // No data: the operation was not found or the variables did not coerce.
            return Self.requestFailure(ClientErrors.withCode(result.errors, ClientErrors.Code.badUserInput), mediaType)
        }
        return Self.json(.ok, mediaType, result.jsonBytes())
    }

    /// The type of the operation `name` selects (the only one when `name` is nil), if there is one.
    static func operationType(in document: Document, named name: String?) -> OperationType? {
        let operations = document.definitions.compactMap { definition -> OperationDefinition? in
            if case .operation(let operation) = definition { return operation }
            return nil
        }
        guard let name else { return operations.count == 1 ? operations[0].operation : nil }
        return operations.first { $0.name?.value == name }?.operation
    }

    /// The parameters of a GraphQL-over-HTTP request.
    struct Parameters: Sendable {
        /// The document; nil when the request names a persisted query by its hash only.
        var query: String?
        var operationName: String?
        var variables: JSONObject?
        var extensions: JSONObject?
    }

    /// Reads `{"query", "variables", "operationName", "extensions"}`; unknown keys are ignored, `null` is
    /// absent. `query` may be left out only for a persisted query (`extensions.persistedQuery`).
    static func decodeBody(_ body: ByteBuffer) -> Result<Parameters, BodyError> {
        let value: JSONValue
        do {
            value = try JSONValue.parse(bytes: body.readableBytesView)
        } catch {
            return .failure(BodyError("The request body is not valid JSON: \(error)"))
        }
        guard case .object(let object) = value else {
            return .failure(BodyError("The request body must be a JSON object."))
        }
        var parameters = Parameters()
        switch object["query"] {
        case nil, .null?: break
        case .string(let query)?: parameters.query = query
        default: return .failure(BodyError("`query` must be a string."))
        }
        switch object["operationName"] {
        case nil, .null?: break
        case .string(let name)?: parameters.operationName = name
        default: return .failure(BodyError("`operationName` must be a string."))
        }
        switch object["variables"] {
        case nil, .null?: break
        case .object(let variables)?: parameters.variables = variables
        default: return .failure(BodyError("`variables` must be a JSON object."))
        }
        switch object["extensions"] {
        case nil, .null?: break
        case .object(let extensions)?: parameters.extensions = extensions
        default: return .failure(BodyError("`extensions` must be a JSON object."))
        }
        return requireQuery(parameters)
    }

    /// Reads the URL parameters of a GET: `variables` and `extensions` are JSON objects in text, an
    /// empty value is absent.
    static func decodeQueryParameters(_ query: Hummingbird.Parameters) -> Result<Parameters, BodyError> {
        func text(_ name: String) -> String? {
            guard let value = query[name[...]], !value.isEmpty else { return nil }
            return String(value)
        }
        func object(_ name: String) -> Result<JSONObject?, BodyError> {
            guard let value = text(name) else { return .success(nil) }
            guard case .object(let object)? = try? JSONValue.parse(value) else {
                return .failure(BodyError("`\(name)` must be a JSON object."))
            }
            return .success(object)
        }
        var parameters = Parameters(query: text("query"), operationName: text("operationName"))
        switch object("variables") {
        case .success(let variables): parameters.variables = variables
        case .failure(let error): return .failure(error)
        }
        switch object("extensions") {
        case .success(let extensions): parameters.extensions = extensions
        case .failure(let error): return .failure(error)
        }
        return requireQuery(parameters)
    }

    private static func requireQuery(_ parameters: Parameters) -> Result<Parameters, BodyError> {
        guard parameters.query != nil || parameters.extensions?["persistedQuery"] != nil else {
            return .failure(BodyError("The request needs `query`, a string."))
        }
        return .success(parameters)
    }

    /// Why a request's parameters could not be read, for the 400 answer.
    struct BodyError: Error, Sendable {
        let message: String
        init(_ message: String) { self.message = message }
    }

    /// Whether the media type of `contentType` (before any `;` parameter, blanks around it ignored, any
    /// case) is `application/json`.
    static func isJSON(_ contentType: String) -> Bool {
        var mediaType = contentType.utf8.prefix { $0 != UInt8(ascii: ";") }[...]
        while let first = mediaType.first, first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") {
            mediaType = mediaType.dropFirst()
        }
        while let last = mediaType.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") {
            mediaType = mediaType.dropLast()
        }
        let expected = "application/json".utf8
        guard mediaType.count == expected.count else { return false }
        // ASCII lowercasing: setting bit 5 maps A–Z to a–z and leaves "/" alone.
        return zip(mediaType, expected).allSatisfy { $0 | 0x20 == $1 | 0x20 }
    }

    private static func json(
        _ status: HTTPResponse.Status,
        _ mediaType: ResponseMediaType,
        _ bytes: [UInt8]
    ) -> Response {
        Response(
            status: status,
            headers: [.contentType: mediaType.contentType],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes))
        )
    }

    /// A failure before execution: 400 under `application/graphql-response+json`, 200 under `application/json`.
    private static func requestFailure(_ errors: [GraphQLError], _ mediaType: ResponseMediaType) -> Response {
        let body = GraphQLResponse(data: nil, errors: errors).jsonBytes()
        return json(mediaType == .graphQLResponse ? .badRequest : .ok, mediaType, body)
    }

    private static func persistedQueryFailure(_ error: PersistedQueryError, _ mediaType: ResponseMediaType) -> Response
    {
        let (message, code) = error.messageAndCode
        switch error {
        case .malformed, .hashMismatch:
            return problem(.badRequest, message, mediaType, code: code)
        case .notAllowed:
            return problem(.forbidden, message, mediaType, code: code)
        case .notFound:
            // Apollo clients retry with the query on this error; 404 rather than 400 under
            // graphql-response+json, because their link turns persisted queries off after a 400.
            var response = problem(mediaType == .graphQLResponse ? .notFound : .ok, message, mediaType, code: code)
            response.headers[.cacheControl] = "private, no-cache, must-revalidate"
            return response
        }
    }

    private static func notAcceptable() -> Response {
        problem(
            .notAcceptable,
            "Accept must allow application/graphql-response+json or application/json.",
            .json,
            code: ClientErrors.Code.badRequest
        )
    }

    /// A request-level failure as a GraphQL-shaped error body.
    static func problem(
        _ status: HTTPResponse.Status,
        _ message: String,
        _ mediaType: ResponseMediaType,
        code: String? = nil
    ) -> Response {
        let error = code.map { ClientErrors.coded(message, $0) } ?? GraphQLError(message)
        return json(status, mediaType, GraphQLResponse(data: nil, errors: [error]).jsonBytes())
    }
}

/// The media type of a GraphQL response, chosen from the request's `Accept` header.
enum ResponseMediaType: Sendable, Equatable {
    case graphQLResponse
    case json

    /// `application/graphql-response+json` when the client names it (and does not prefer `application/json`),
    /// `application/json` when it accepts that (also by `application/*` or `*/*`) or sends no `Accept`;
    /// nil when it accepts neither.
    init?(accept: String?) {
        guard let accept, !accept.allSatisfy({ $0 == " " }) else {
            self = .json
            return
        }
        var graphQLResponse = 0.0
        var json = 0.0
        var jsonSpecificity = -1
        for range in accept.split(separator: ",") {
            let parts = range.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let mediaRange = parts.first else { continue }
            var quality = 1.0
            for parameter in parts.dropFirst() where parameter.hasPrefix("q=") {
                quality = Double(parameter.dropFirst(2)).map { min(max($0, 0), 1) } ?? 1
            }
            switch mediaRange {
            case "application/graphql-response+json": graphQLResponse = max(graphQLResponse, quality)
            case "application/json", "application/*", "*/*":
                // The most specific range that matches decides (RFC 9110 §12.5.1).
                let specificity = mediaRange == "application/json" ? 2 : mediaRange == "application/*" ? 1 : 0
                if specificity > jsonSpecificity {
                    jsonSpecificity = specificity
                    json = quality
                }
            default: continue
            }
        }
        if graphQLResponse > 0, graphQLResponse >= json {
            self = .graphQLResponse
        } else if json > 0 {
            self = .json
        } else {
            return nil
        }
    }

    /// The `Content-Type` of the response.
    var contentType: String {
        switch self {
        case .graphQLResponse: "application/graphql-response+json; charset=utf-8"
        case .json: "application/json; charset=utf-8"
        }
    }
}
