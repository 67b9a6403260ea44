import Foundation
import GraphQLEngine
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Relational

@testable import FlightQL

/// This process's HTTP test files, removed when it exits.
private let httpTestDirectory: URL = {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("flightql-http-\(UUID())")
    atexit { try? FileManager.default.removeItem(at: httpTestDirectory) }
    return directory
}()

/// The real application (`buildApplication`) over an empty SQLite database, no MongoDB and no model:
/// enough for GraphQL over HTTP, whose requests mostly ask for `__typename` and `__type`.
struct HTTPFixture: Sendable {
    let services: Services
    let schemaPath: String

    private static let shared = Task<HTTPFixture, any Error> {
        var root = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        for _ in 0..<3 { root.deleteLastPathComponent() }
        try FileManager.default.createDirectory(at: httpTestDirectory, withIntermediateDirectories: true)
        let database = try await Database.open(
            path: httpTestDirectory.appendingPathComponent("empty.sqlite").path,
            readers: 1
        )
        let services = Services(
            database: database,
            documents: nil,
            model: ModelStore.load(path: "/nonexistent/model.json", logger: Logger(label: "test")),
            predictionFeatures: try await PredictionFeatures.load(from: database),
            drift: DriftService(database: database),
            apiKey: "test-key"
        )
        return HTTPFixture(
            services: services,
            schemaPath: root.appendingPathComponent("schema/flightql.graphql").path
        )
    }

    /// The fixture, built on first use.
    static func get() async throws -> HTTPFixture { try await shared.value }

    /// The configuration of the tests: the defaults, with `change` applied.
    func configuration(_ change: (inout Configuration) -> Void = { _ in }) -> Configuration {
        var configuration = Configuration.fromEnvironment([:])
        configuration.schemaPath = schemaPath
        change(&configuration)
        return configuration
    }

    /// Runs `body` against the application built from `configuration`.
    func withApp<Value: Sendable>(
        _ configuration: Configuration,
        persistedQueries: PersistedQueries = PersistedQueries(),
        _ body: @Sendable (any TestClientProtocol) async throws -> Value
    ) async throws -> Value {
        let engine = try ServedSchema.engine(
            path: configuration.schemaPath,
            limits: configuration.limits,
            maxTokens: configuration.maxTokens
        )
        let app = buildApplication(
            configuration: configuration,
            engine: engine,
            services: services,
            persistedQueries: persistedQueries
        )
        return try await app.test(.router, body)
    }
}

extension TestClientProtocol {
    /// `POST /graphql` with `body` (sent as it is), the given content type and `Accept` (none when nil).
    func post(
        _ body: String?,
        contentType: String? = "application/json",
        accept: String? = nil,
        headers extra: HTTPFields = [:]
    ) async throws -> TestResponse {
        var headers = extra
        if let contentType { headers[.contentType] = contentType }
        if let accept { headers[.accept] = accept }
        return try await execute(
            uri: "/graphql",
            method: .post,
            headers: headers,
            body: body.map { ByteBuffer(string: $0) }
        )
    }

    /// `GET /graphql` with URL parameters (percent-encoded here) and `Accept` (none when nil).
    func get(_ parameters: KeyValuePairs<String, String>, accept: String? = nil) async throws -> TestResponse {
        let query = parameters.map { name, value in
            "\(name)=\(value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? value)"
        }.joined(separator: "&")
        var headers: HTTPFields = [:]
        if let accept { headers[.accept] = accept }
        return try await execute(uri: "/graphql?\(query)", method: .get, headers: headers)
    }
}

extension TestResponse {
    /// The body parsed as JSON (`.null` when it is not JSON).
    var json: JSONValue {
        (try? JSONValue.parse(bytes: body.readableBytesView)) ?? .null
    }

    /// The `Content-Type` header ("" when absent).
    var contentType: String { headers[.contentType] ?? "" }

    /// Whether the body is a JSON object with an `errors` entry.
    var hasErrors: Bool { json["errors"] != nil }

    /// Whether the body is a JSON object with a `data` entry.
    var hasData: Bool { json["data"] != nil }

    /// The `extensions.code` of each error.
    var errorCodes: [String] {
        guard case .array(let errors)? = json["errors"] else { return [] }
        return errors.map { error in
            if case .string(let code)? = error["extensions"]?["code"] { return code }
            return "none"
        }
    }

    /// The message of each error.
    var errorMessages: [String] {
        guard case .array(let errors)? = json["errors"] else { return [] }
        return errors.map { error in
            if case .string(let message)? = error["message"] { return message }
            return ""
        }
    }
}
