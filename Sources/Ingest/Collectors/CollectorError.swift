/// A failure of a flight-status collector talking to an HTTP API (AviationStack, OpenSky).
///
/// Extensible: match on `code`, never exhaustively. Descriptions name the request without its query
/// (which may carry the API key) and the API's own reason when it gave one.
public struct CollectorError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: Hashable {
            case invalidConfiguration, timeout, transport, rateLimited, httpStatus, apiError, malformedResponse
        }

        private let base: Base

        private init(_ base: Base) { self.base = base }

        /// An option is missing or unusable (no API key where one is needed, a bad URL, a bad window).
        public static let invalidConfiguration = Code(.invalidConfiguration)
        /// The API did not answer within the timeout.
        public static let timeout = Code(.timeout)
        /// The connection failed (refused, reset, name not resolved, TLS).
        public static let transport = Code(.transport)
        /// The API answered 429 Too Many Requests (or its own rate-limit error).
        public static let rateLimited = Code(.rateLimited)
        /// The API answered with a non-2xx status and no error object of its own.
        public static let httpStatus = Code(.httpStatus)
        /// The API answered with its documented error object (for example AviationStack's `invalid_access_key`).
        public static let apiError = Code(.apiError)
        /// The body is not JSON, or not in the shape the API documents.
        public static let malformedResponse = Code(.malformedResponse)

        /// The code's name.
        public var description: String {
            switch base {
            case .invalidConfiguration: "invalidConfiguration"
            case .timeout: "timeout"
            case .transport: "transport"
            case .rateLimited: "rateLimited"
            case .httpStatus: "httpStatus"
            case .apiError: "apiError"
            case .malformedResponse: "malformedResponse"
            }
        }
    }

    /// What kind of failure this is.
    public let code: Code
    /// The request (method and path, no query), when the failure belongs to one.
    public let request: String?
    /// The HTTP status, when there was a response.
    public let status: Int?
    /// Why, in words.
    public let reason: String

    /// An error of the given kind.
    public init(_ code: Code, request: String? = nil, status: Int? = nil, _ reason: String) {
        self.code = code
        self.request = request
        self.status = status
        self.reason = reason
    }

    public var description: String {
        var text = ""
        if let request { text += "\(request): " }
        if let status { text += "HTTP \(status): " }
        return text + reason
    }
}
