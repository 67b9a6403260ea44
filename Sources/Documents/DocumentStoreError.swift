/// An error from the document store (MongoDB through libmongoc).
///
/// Extensible: match on `code`, never exhaustively. Descriptions carry libmongoc's or the server's reason
/// and numeric code, never the query's values.
public struct DocumentStoreError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: Hashable {
            case unavailable, invalidURI, commandFailed, duplicateKey, invalidDocument, invalidArgument, shutdown
        }

        private let base: Base

        private init(_ base: Base) { self.base = base }

        /// No server could be reached in time (down, refused, timed out, connection lost).
        public static let unavailable = Code(.unavailable)
        /// The connection string could not be parsed.
        public static let invalidURI = Code(.invalidURI)
        /// The server or libmongoc refused or failed the operation.
        public static let commandFailed = Code(.commandFailed)
        /// A write would have broken a unique index.
        public static let duplicateKey = Code(.duplicateKey)
        /// A document could not be encoded, decoded or mapped to the expected shape.
        public static let invalidDocument = Code(.invalidDocument)
        /// An argument was not acceptable (for example a malformed page cursor).
        public static let invalidArgument = Code(.invalidArgument)
        /// The client was shut down, or its thread pool is no longer running.
        public static let shutdown = Code(.shutdown)

        /// The code's name.
        public var description: String {
            switch base {
            case .unavailable: return "unavailable"
            case .invalidURI: return "invalidURI"
            case .commandFailed: return "commandFailed"
            case .duplicateKey: return "duplicateKey"
            case .invalidDocument: return "invalidDocument"
            case .invalidArgument: return "invalidArgument"
            case .shutdown: return "shutdown"
            }
        }
    }

    /// What kind of failure this is.
    public let code: Code
    /// The reason, without query values.
    public let reason: String
    /// libmongoc's error domain and code (or the server's code), when the error came from libmongoc.
    public let driverCode: (domain: UInt32, code: UInt32)?

    /// An error of the given kind.
    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
        self.driverCode = nil
    }

    init(_ code: Code, _ reason: String, domain: UInt32, driverCode: UInt32) {
        self.code = code
        self.reason = reason
        self.driverCode = (domain, driverCode)
    }

    /// "document store unavailable: …" and the like.
    public var description: String {
        let prefix: String
        switch code {
        case .unavailable: prefix = "document store unavailable"
        case .invalidURI: prefix = "invalid MongoDB URI"
        case .duplicateKey: prefix = "duplicate key"
        case .invalidDocument: prefix = "invalid document"
        case .invalidArgument: prefix = "invalid argument"
        case .shutdown: prefix = "document store shut down"
        default: prefix = "document store command failed"
        }
        if let driverCode {
            return "\(prefix): \(reason) (\(driverCode.domain).\(driverCode.code))"
        }
        return "\(prefix): \(reason)"
    }
}
