import Documents
import GraphQLEngine
import Logging
import Relational

/// What clients see of the errors resolvers throw. Their own mistakes, refused credentials and stores
/// that are down are reported with a message made for them and an `extensions.code`; anything else is
/// `Internal server error` with the request id, and its details (which may name SQL, files or the
/// MongoDB reply) go only to the log.
struct ClientErrors: Sendable {
    /// The `extensions.code` values of field and request errors.
    enum Code {
        static let parseFailed = "GRAPHQL_PARSE_FAILED"
        static let validationFailed = "GRAPHQL_VALIDATION_FAILED"
        static let badUserInput = "BAD_USER_INPUT"
        static let unauthenticated = "UNAUTHENTICATED"
        static let serviceUnavailable = "SERVICE_UNAVAILABLE"
        static let internalServerError = "INTERNAL_SERVER_ERROR"
        static let badRequest = "BAD_REQUEST"
        static let timeout = "EXECUTION_TIMEOUT"
        static let requestTimeout = "REQUEST_TIMEOUT"
    }

    /// The request's id, named in internal errors and their log lines.
    let requestID: String
    let logger: Logger

    /// The field error for an error a resolver threw at `path` (see ``GraphQLEngine/ResolverErrors``).
    func fieldError(_ error: any Error, path: [GraphQLError.PathComponent]) -> GraphQLError {
        switch error {
        case let error as BadUserInput:
            return Self.coded(error.description, Code.badUserInput)
        case let error as Unauthenticated:
            return Self.coded(error.description, Code.unauthenticated)
        case let error as RelationalError where error.code == .invalidCursor || error.code == .invalidArgument:
            return Self.coded(error.message, Code.badUserInput)
        case let error as DocumentStoreUnavailable:
            return Self.coded(error.description, Code.serviceUnavailable)
        case let error as ModelUnavailableError:
            // The reason may name the artifact's path: logged, not shown.
            log(error, path, level: .warning)
            return Self.coded("the delay model is not available", Code.serviceUnavailable)
        case let error as DriftServiceError where error.code == .sourceUnavailable:
            return Self.coded(error.message, Code.serviceUnavailable)
        default:
            log(error, path, level: .error)
            return GraphQLError(
                "Internal server error",
                extensions: [
                    .init(key: "code", value: Code.internalServerError), .init(key: "requestId", value: requestID),
                ]
            )
        }
    }

    private func log(_ error: any Error, _ path: [GraphQLError.PathComponent], level: Logger.Level) {
        let field = path.map { component in
            switch component {
            case .key(let key): key
            case .index(let index): String(index)
            }
        }.joined(separator: ".")
        logger.log(
            level: level,
            "resolver failed",
            metadata: [
                "request_id": .string(requestID), "field": .string(field), "error": .string(String(reflecting: error)),
            ]
        )
    }

    /// An error with `extensions.code`.
    static func coded(_ message: String, _ code: String) -> GraphQLError {
        GraphQLError(message, extensions: [.init(key: "code", value: code)])
    }

    /// `errors` with `code` added to each that has none.
    static func withCode(_ errors: [GraphQLError], _ code: String) -> [GraphQLError] {
        errors.map { error in
            guard !error.extensions.contains(where: { $0.key == "code" }) else { return error }
            var coded = error
            coded.extensions.append(.init(key: "code", value: code))
            return coded
        }
    }
}
