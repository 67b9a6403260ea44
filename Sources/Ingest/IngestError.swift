/// An ingest failure. Malformed input names the file and the 1-based line of the record.
public struct IngestError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure, extensible without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: Hashable, Sendable {
            case unreadableFile
            case malformedRow
            case unexpectedHeader
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// A file is missing, unreadable or not valid gzip.
        public static let unreadableFile = Code(.unreadableFile)
        /// A record has the wrong number of fields, an unparsable value or an unknown reference.
        public static let malformedRow = Code(.malformedRow)
        /// A file's header is not the expected list of columns.
        public static let unexpectedHeader = Code(.unexpectedHeader)

        public var description: String {
            switch base {
            case .unreadableFile: "unreadableFile"
            case .malformedRow: "malformedRow"
            case .unexpectedHeader: "unexpectedHeader"
            }
        }
    }

    public let code: Code
    /// The file's name (last path component).
    public let file: String
    /// The 1-based line where the offending record starts; nil for whole-file errors.
    public let line: Int?
    public let message: String

    public init(_ code: Code, file: String, line: Int?, _ message: String) {
        self.code = code
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        if let line {
            return "\(file):\(line): \(message)"
        }
        return "\(file): \(message)"
    }
}
