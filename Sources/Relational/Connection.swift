import CSQLite

/// One SQLite connection with its prepared-statement cache.
///
/// Obtain connections only through ``Database/read(_:)`` and ``Database/write(_:)``; the
/// closure may use the connection freely but must not keep it after returning.
///
/// Safety of `@unchecked Sendable`: the connection is opened with `SQLITE_OPEN_NOMUTEX`, so SQLite
/// does not serialise calls itself. ``Database`` guarantees that at most one thread uses a
/// connection at a time: a reader is checked out of an idle list by one thread-pool job (or one
/// ``Database/lookup(_:)`` call) and returned when it ends; the writer is used only under the database's writer lock. The
/// mutable state (`handle`, `statements`, `tally`) is touched only by that thread. The class is `Sendable`
/// only so that it can move between the threads of the pool.
public final class Connection: @unchecked Sendable {
    private var handle: OpaquePointer?
    private var statements: [String: OpaquePointer] = [:]
    private let counter: StatementTally
    /// The tally of the task the connection currently works for, set by ``Database`` per job.
    var tally: StatementTally?

    init(path: String, readOnly: Bool, counter: StatementTally) throws(RelationalError) {
        self.counter = counter
        var db: OpaquePointer?
        let flags =
            (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
            | SQLITE_OPEN_NOMUTEX
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(db)
            throw RelationalError(.open, message, sqliteCode: rc)
        }
        self.handle = db
        sqlite3_extended_result_codes(db, 1)
    }

    deinit {
        assert(handle == nil, "Connection deinitialised without close()")
    }

    /// Finalises every cached statement and closes the connection.
    func close() {
        for statement in statements.values {
            sqlite3_finalize(statement)
        }
        statements.removeAll()
        if let handle {
            sqlite3_close_v2(handle)
        }
        handle = nil
    }

    /// Runs constant SQL (one or more statements, no parameters), e.g. DDL or PRAGMAs.
    public func executeScript(_ sql: String) throws(RelationalError) {
        let db = try open()
        var errorMessage: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(db, sql, nil, nil, &errorMessage)
        if rc != SQLITE_OK {
            let message = errorMessage.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(rc))
            sqlite3_free(errorMessage)
            throw RelationalError(.execute, message, sqliteCode: rc)
        }
    }

    /// Runs one statement to completion with bound parameters and returns the number of changed rows.
    @discardableResult
    public func execute(_ sql: String, _ bindings: [SQLValue] = []) throws(RelationalError) -> Int {
        let statement = try prepared(sql, bindings)
        defer { sqlite3_reset(statement) }
        var rc = sqlite3_step(statement)
        while rc == SQLITE_ROW {
            rc = sqlite3_step(statement)
        }
        guard rc == SQLITE_DONE else { throw stepError(rc) }
        return Int(sqlite3_changes(handle))
    }

    /// Runs one query with bound parameters, calling `body` for each row.
    ///
    /// The ``Row`` is valid only during the call of `body`.
    public func query(
        _ sql: String,
        _ bindings: [SQLValue] = [],
        _ body: (Row) throws -> Void
    ) throws {
        let statement = try prepared(sql, bindings)
        defer { sqlite3_reset(statement) }
        while true {
            let rc = sqlite3_step(statement)
            if rc == SQLITE_DONE { return }
            guard rc == SQLITE_ROW else { throw stepError(rc) }
            try body(Row(statement: statement))
        }
    }

    /// Runs a query and maps each row with `transform`.
    public func all<T>(_ sql: String, _ bindings: [SQLValue] = [], _ transform: (Row) throws -> T) throws -> [T] {
        var result: [T] = []
        try query(sql, bindings) { row in result.append(try transform(row)) }
        return result
    }

    /// Runs a query and maps its first row, or returns nil when there is none.
    public func first<T>(_ sql: String, _ bindings: [SQLValue] = [], _ transform: (Row) throws -> T) throws -> T? {
        let statement = try prepared(sql, bindings)
        defer { sqlite3_reset(statement) }
        let rc = sqlite3_step(statement)
        if rc == SQLITE_DONE { return nil }
        guard rc == SQLITE_ROW else { throw stepError(rc) }
        return try transform(Row(statement: statement))
    }

    /// Runs `body` inside `BEGIN IMMEDIATE … COMMIT`; rolls back when it throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try executeScript("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try executeScript("COMMIT")
            return result
        } catch {
            try? executeScript("ROLLBACK")
            throw error
        }
    }

    /// The number of cached prepared statements (for tests of the cache).
    public var cachedStatementCount: Int { statements.count }

    private func open() throws(RelationalError) -> OpaquePointer {
        guard let handle else { throw RelationalError(.closed, "the connection is closed") }
        return handle
    }

    /// Returns the cached statement for `sql` (preparing it once), reset, with `bindings` bound,
    /// and counts one statement execution.
    private func prepared(_ sql: String, _ bindings: [SQLValue]) throws(RelationalError) -> OpaquePointer {
        let db = try open()
        let statement: OpaquePointer
        if let cached = statements[sql] {
            statement = cached
        } else {
            var compiled: OpaquePointer?
            let rc = sqlite3_prepare_v3(db, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &compiled, nil)
            guard rc == SQLITE_OK, let compiled else {
                throw RelationalError(.prepare, String(cString: sqlite3_errmsg(db)), sqliteCode: rc)
            }
            statements[sql] = compiled
            statement = compiled
        }
        sqlite3_clear_bindings(statement)
        guard Int(sqlite3_bind_parameter_count(statement)) == bindings.count else {
            throw RelationalError(
                .prepare,
                "expected \(sqlite3_bind_parameter_count(statement)) parameters, got \(bindings.count)"
            )
        }
        for (offset, value) in bindings.enumerated() {
            let index = Int32(offset + 1)
            let rc: Int32
            switch value {
            case .null: rc = sqlite3_bind_null(statement, index)
            case .integer(let v): rc = sqlite3_bind_int64(statement, index, v)
            case .real(let v): rc = sqlite3_bind_double(statement, index, v)
            case .text(let v): rc = sqlite3_bind_text(statement, index, v, -1, flightql_sqlite_transient())
            }
            guard rc == SQLITE_OK else {
                throw RelationalError(.prepare, String(cString: sqlite3_errmsg(db)), sqliteCode: rc)
            }
        }
        counter.increment()
        tally?.increment()
        return statement
    }

    private func stepError(_ rc: Int32) -> RelationalError {
        RelationalError(.execute, handle.map { String(cString: sqlite3_errmsg($0)) } ?? "closed", sqliteCode: rc)
    }
}

/// The current row of a running query; valid only inside the row callback (do not store it).
public struct Row {
    private let statement: OpaquePointer

    init(statement: OpaquePointer) {
        self.statement = statement
    }

    /// True when column `index` is SQL `NULL`.
    public func isNull(_ index: Int) -> Bool {
        sqlite3_column_type(statement, Int32(index)) == SQLITE_NULL
    }

    /// Column `index` as a 64-bit integer (0 for `NULL`).
    public func int64(_ index: Int) -> Int64 {
        sqlite3_column_int64(statement, Int32(index))
    }

    /// Column `index` as an integer (0 for `NULL`).
    public func int(_ index: Int) -> Int {
        Int(sqlite3_column_int64(statement, Int32(index)))
    }

    /// Column `index` as an integer, or nil for `NULL`.
    public func optionalInt(_ index: Int) -> Int? {
        isNull(index) ? nil : int(index)
    }

    /// Column `index` as a double (0 for `NULL`).
    public func double(_ index: Int) -> Double {
        sqlite3_column_double(statement, Int32(index))
    }

    /// Column `index` as a double, or nil for `NULL`.
    public func optionalDouble(_ index: Int) -> Double? {
        isNull(index) ? nil : double(index)
    }

    /// Column `index` as text ("" for `NULL`).
    public func string(_ index: Int) -> String {
        guard let text = sqlite3_column_text(statement, Int32(index)) else { return "" }
        let count = Int(sqlite3_column_bytes(statement, Int32(index)))
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }

    /// Column `index` as text, or nil for `NULL`.
    public func optionalString(_ index: Int) -> String? {
        isNull(index) ? nil : string(index)
    }
}
