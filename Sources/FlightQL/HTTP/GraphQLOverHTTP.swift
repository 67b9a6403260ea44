public import GraphQLEngine
public import Hummingbird
import Foundation
import NIOCore

/// GraphQL over HTTP (the graphql-over-http specification): `POST /graphql` with a JSON body and
/// `GET /graphql?query=…` for queries.
///
/// Status codes: 415 for a body that is not `application/json`, 413 for one over the size limit,
/// 400 for a body that is not a JSON object with a string `query` (and `variables`/`extensions` objects,
/// `operationName` a string, `null` meaning absent), 405 for a mutation by GET. Under
/// `Accept: application/graphql-response+json` parse and validation failures answer 400; otherwise every
/// GraphQL result is a 200 `application/json`, as legacy clients expect.
struct GraphQLOverHTTP: Sendable {
    let engine: GraphQLEngine
    let maxBodyBytes: Int
    let makeContext: @Sendable (_ headers: HTTPFields) -> any Sendable

    /// `POST /graphql`.
    func post(_ request: Request, _ context: some Hummingbird.RequestContext) async throws -> Response {
        guard let contentType = request.headers[.contentType], Self.isJSON(contentType) else {
            return Self.problem(.unsupportedMediaType, "Content-Type must be application/json.")
        }
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: maxBodyBytes)
        } catch {
            return Self.problem(.contentTooLarge, "The request body is larger than \(maxBodyBytes) bytes.")
        }
        let parameters: GraphQLRequest
        switch Self.decodeBody(body) {
        case .success(let value): parameters = value
        case .failure(let error): return Self.problem(.badRequest, error.message)
        }
        return await execute(parameters, method: .post, headers: request.headers)
    }

    /// `GET /graphql?query=…&variables=…&operationName=…`: queries only.
    func get(_ request: Request, _ context: some Hummingbird.RequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        guard let text = query["query"] else {
            return Self.problem(.badRequest, "A GET request needs a query parameter `query`.")
        }
        var parameters = GraphQLRequest(query: String(text))
        if let operationName = query["operationName"], !operationName.isEmpty {
            parameters.operationName = String(operationName)
        }
        if let variables = query["variables"], !variables.isEmpty {
            guard case .object(let object)? = try? JSONValue.parse(bytes: Array(variables.utf8)) else {
                return Self.problem(.badRequest, "`variables` must be a JSON object.")
            }
            parameters.variables = object
        }
        return await execute(parameters, method: .get, headers: request.headers)
    }

    private func execute(_ parameters: GraphQLRequest, method: HTTPRequest.Method, headers: HTTPFields) async -> Response {
        let wantsGraphQLResponse = headers[.accept].map { $0.contains("application/graphql-response+json") } ?? false
        let mediaType = wantsGraphQLResponse ? "application/graphql-response+json; charset=utf-8" : "application/json; charset=utf-8"
        let prepared: PreparedDocument
        switch engine.prepare(query: parameters.query) {
        case .success(let document): prepared = document
        case .failure(let failure):
            let response = GraphQLResponse(data: nil, errors: failure.errors)
            return Self.json(wantsGraphQLResponse ? .badRequest : .ok, mediaType, response.jsonBytes())
        }
        if method == .get, Self.operationType(in: prepared.document, named: parameters.operationName) == .mutation {
            var response = Self.problem(.methodNotAllowed, "Mutations must be sent with POST.")
            response.headers[.allow] = "POST"
            return response
        }
        let result = await engine.execute(
            prepared,
            operationName: parameters.operationName,
            variables: parameters.variables,
            context: makeContext(headers)
        )
        let status: HTTPResponse.Status = wantsGraphQLResponse && result.data == nil ? .badRequest : .ok
        return Self.json(status, mediaType, result.jsonBytes())
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

    /// Reads `{"query", "variables", "operationName", "extensions"}`; unknown keys are ignored, `null` is absent.
    static func decodeBody(_ body: ByteBuffer) -> Result<GraphQLRequest, BodyError> {
        let value: JSONValue
        do {
            value = try JSONValue.parse(bytes: body.readableBytesView)
        } catch {
            return .failure(BodyError("The request body is not valid JSON: \(error)"))
        }
        guard case .object(let object) = value else {
            return .failure(BodyError("The request body must be a JSON object."))
        }
        guard case .string(let query)? = object["query"] else {
            return .failure(BodyError("The request body needs `query`, a string."))
        }
        var request = GraphQLRequest(query: query)
        switch object["operationName"] {
        case nil, .null?: break
        case .string(let name)?: request.operationName = name
        default: return .failure(BodyError("`operationName` must be a string."))
        }
        switch object["variables"] {
        case nil, .null?: break
        case .object(let variables)?: request.variables = variables
        default: return .failure(BodyError("`variables` must be a JSON object."))
        }
        switch object["extensions"] {
        case nil, .null?, .object?: break
        default: return .failure(BodyError("`extensions` must be a JSON object."))
        }
        return .success(request)
    }

    /// Why a request body could not be read, for the 400 answer.
    struct BodyError: Error, Sendable {
        let message: String
        init(_ message: String) { self.message = message }
    }

    private static func isJSON(_ contentType: String) -> Bool {
        let mediaType = contentType.split(separator: ";", maxSplits: 1)[0].trimmingCharacters(in: .whitespaces)
        return mediaType.lowercased() == "application/json"
    }

    private static func json(_ status: HTTPResponse.Status, _ mediaType: String, _ bytes: [UInt8]) -> Response {
        Response(
            status: status,
            headers: [.contentType: mediaType],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes))
        )
    }

    /// A request-level failure as a GraphQL-shaped error body.
    static func problem(_ status: HTTPResponse.Status, _ message: String) -> Response {
        let response = GraphQLResponse(data: nil, errors: [GraphQLError(message)])
        return json(status, "application/json; charset=utf-8", response.jsonBytes())
    }
}
