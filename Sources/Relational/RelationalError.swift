/// An error from the relational store.
///
/// Descriptions never contain query arguments: SQL text is built only from constants, values are
/// bound, and SQLite's own messages name tables and columns, not values.
public struct RelationalError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure, extensible without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: Hashable, Sendable {
            case open
            case prepare
            case execute
            case closed
            case unsupportedSchemaVersion
            case invalidCursor
            case invalidArgument
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The database file could not be opened or configured.
        public static let open = Code(.open)
        /// SQLite rejected a statement while compiling it.
        public static let prepare = Code(.prepare)
        /// SQLite failed while running a statement (constraint, I/O, busy, …).
        public static let execute = Code(.execute)
        /// The database was used after `close()`.
        public static let closed = Code(.closed)
        /// The file's `PRAGMA user_version` is newer than this program's schema.
        public static let unsupportedSchemaVersion = Code(.unsupportedSchemaVersion)
        /// A pagination cursor is malformed or belongs to another ordering.
        public static let invalidCursor = Code(.invalidCursor)
        /// An argument is out of range (for example `from` after `to`, or a negative page size).
        public static let invalidArgument = Code(.invalidArgument)

        public var description: String {
            switch base {
            case .open: "open"
            case .prepare: "prepare"
            case .execute: "execute"
            case .closed: "closed"
            case .unsupportedSchemaVersion: "unsupportedSchemaVersion"
            case .invalidCursor: "invalidCursor"
            case .invalidArgument: "invalidArgument"
            }
        }
    }

    /// The kind of failure.
    public let code: Code
    /// A human-readable explanation without query arguments.
    public let message: String
    /// The SQLite result code, when SQLite reported the failure.
    public let sqliteCode: Int32?

    /// Creates an error.
    public init(_ code: Code, _ message: String, sqliteCode: Int32? = nil) {
        self.code = code
        self.message = message
        self.sqliteCode = sqliteCode
    }

    public var description: String {
        if let sqliteCode {
            return "RelationalError.\(code) (SQLite \(sqliteCode)): \(message)"
        }
        return "RelationalError.\(code): \(message)"
    }
}
