import CMongoc
import Foundation
public import NIOPosix

/// Told the duration of every MongoDB call (from the call to its result, the wait for the thread pool included) and
/// whether it succeeded. Runs on the caller's task: it must be cheap and must not block.
public typealias MongoCallObserver = @Sendable (_ duration: Duration, _ succeeded: Bool) -> Void

/// A pooled MongoDB client over libmongoc. Every blocking libmongoc call runs on a `NIOThreadPool`.
///
/// The database is the one named in the URI's path (`mongodb://host:27017/flightql`), `flightql` when the
/// path is empty. Unless the URI sets them, server selection and connect time out after
/// `defaultTimeoutMilliseconds` and a socket read after `defaultSocketTimeoutMilliseconds`, so a MongoDB
/// that is down fails calls quickly with `.unavailable`; libmongoc's pool monitors the server (every
/// second) and calls succeed again once it is back. While it is down, one call at a time waits for it and
/// the others fail at once (`AvailabilityGate`), so an outage does not tie up the thread pool.
///
/// Call `shutdown()` before releasing the client: it waits for calls in flight and frees every handle.
public final class MongoClient: Sendable {
    /// The default server-selection and connect timeout.
    public static let defaultTimeoutMilliseconds: Int32 = 2000
    /// The default socket timeout: longer than the others, as it bounds the server's work on one command
    /// (a bulk write of `FlightStatusStore.batchSize` documents), yet short enough to detect a hung server.
    public static let defaultSocketTimeoutMilliseconds: Int32 = 10_000
    /// The database used when the URI names none.
    public static let defaultDatabaseName = "flightql"

    /// The database every collection of this client lives in.
    public let databaseName: String
    private let pool: ClientPoolHandle
    private let threadPool: NIOThreadPool
    /// Fails calls at once while MongoDB is down and another call is already waiting for it.
    private let gate = AvailabilityGate()
    private let observer: MongoCallObserver?

    /// Parses `uri`, applies the short default timeouts it does not set, and creates the client pool.
    /// No connection is made until the first call.
    ///
    /// - Parameters:
    ///   - uri: a `mongodb://` connection string; its path names the database.
    ///   - threadPool: where blocking libmongoc calls run; it must be started and outlive the client.
    ///   - observer: told the duration and success of every call (for metrics).
    /// - Throws: `DocumentStoreError` `.invalidURI`.
    public init(uri: String, threadPool: NIOThreadPool = .singleton, observer: MongoCallObserver? = nil) throws {
        MongocLibrary.initializeOnce()
        var error = bson_error_t()
        guard let parsed = mongoc_uri_new_with_error(uri, &error) else {
            throw DocumentStoreError(.invalidURI, "the connection string could not be parsed")
        }
        let defaults: [(String, Int32)] = [
            (MONGOC_URI_SERVERSELECTIONTIMEOUTMS, Self.defaultTimeoutMilliseconds),
            (MONGOC_URI_CONNECTTIMEOUTMS, Self.defaultTimeoutMilliseconds),
            (MONGOC_URI_SOCKETTIMEOUTMS, Self.defaultSocketTimeoutMilliseconds),
            (MONGOC_URI_HEARTBEATFREQUENCYMS, 1000),
        ]
        for (option, value) in defaults where !mongoc_uri_has_option(parsed, option) {
            _ = mongoc_uri_set_option_as_int32(parsed, option, value)
        }
        if let name = mongoc_uri_get_database(parsed), name.pointee != 0 {
            databaseName = String(cString: name)
        } else {
            databaseName = Self.defaultDatabaseName
        }
        guard let clientPool = mongoc_client_pool_new_with_error(parsed, &error) else {
            mongoc_uri_destroy(parsed)
            throw DocumentStoreError(mongocError: error)
        }
        _ = mongoc_client_pool_set_error_api(clientPool, 2)
        _ = mongoc_client_pool_set_appname(clientPool, "flightql")
        pool = ClientPoolHandle(pool: clientPool, uri: parsed)
        self.threadPool = threadPool
        self.observer = observer
    }

    /// A collection of this client's database. Creates nothing on the server.
    public func collection(_ name: String) -> MongoCollection {
        MongoCollection(client: self, name: name)
    }

    /// Runs `{ping: 1}` against the server.
    ///
    /// - Throws: `DocumentStoreError` `.unavailable` when no server answers within the selection timeout.
    public func ping() async throws {
        _ = try await runCommand(["ping": 1], database: "admin")
    }

    /// Runs a database command and returns the server's reply.
    ///
    /// - Parameters:
    ///   - command: the command document, its name first (for example `["ping": 1]`).
    ///   - database: the database to run it in; this client's database when `nil`.
    public func runCommand(_ command: Document, database: String? = nil) async throws -> Document {
        let databaseName = database ?? self.databaseName
        return try await withClient { client in
            try withBSON(command) { command in
                try withReply { reply in
                    var error = bson_error_t()
                    guard mongoc_client_command_simple(client, databaseName, command, nil, reply, &error) else {
                        throw DocumentStoreError(mongocError: error)
                    }
                    return try Document(borrowing: reply)
                }
            }
        }
    }

    /// Waits for calls in flight, then destroys the client pool and the parsed URI. Calls made afterwards
    /// throw `.shutdown`. Calling it again does nothing.
    public func shutdown() async {
        let pool = self.pool
        do {
            try await threadPool.runIfActive { pool.close() }
        } catch {
            pool.close()  // the thread pool has stopped: nothing else can be running on it
        }
    }

    /// Borrows a libmongoc client from the pool on the thread pool, runs `body` with it, and returns it.
    func withClient<T: Sendable>(_ body: @escaping @Sendable (OpaquePointer) throws -> T) async throws -> T {
        guard let observer else { return try await borrowClient(body) }
        let start = ContinuousClock.now
        do {
            let result = try await borrowClient(body)
            observer(.now - start, true)
            return result
        } catch {
            observer(.now - start, false)
            throw error
        }
    }

    private func borrowClient<T: Sendable>(_ body: @escaping @Sendable (OpaquePointer) throws -> T) async throws -> T {
        let (pool, gate) = (self.pool, self.gate)
        do {
            // Admitted when a thread takes the call, so calls queued behind a failing one fail at once.
            return try await threadPool.runIfActive { try gate.pass { try pool.withClient(body) } }
        } catch let error as DocumentStoreError {
            throw error
        } catch is NIOThreadPoolError.ThreadPoolInactive {
            throw DocumentStoreError(.shutdown, "the thread pool is not running")
        }
    }
}

/// `mongoc_init` exactly once per process, under a lock.
enum MongocLibrary {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var initialized = false

    static func initializeOnce() {
        lock.lock()
        defer { lock.unlock() }
        guard !initialized else { return }
        mongoc_init()
        // libmongoc logs its monitor's DEBUG and INFO lines to stderr by default; keep warnings and worse.
        mongoc_log_set_handler(
            { level, domain, message, _ in
                guard level.rawValue <= MONGOC_LOG_LEVEL_WARNING.rawValue else { return }
                mongoc_log_default_handler(level, domain, message, nil)
            },
            nil
        )
        initialized = true
    }
}

/// Owns a `mongoc_client_pool_t` and the `mongoc_uri_t` it was made from.
///
/// Safety of `@unchecked Sendable`: libmongoc documents `mongoc_client_pool_pop`/`push` as thread-safe;
/// everything else here (the pointers, the borrow count, the closing flag) is read and written only while
/// holding `condition`. `close()` marks the handle closing (new borrows are refused), waits until every
/// borrowed client has been pushed back, and only then destroys the pool and the URI, exactly once; so no
/// thread can use a destroyed pool. A client popped from the pool is used by one thread at a time (the
/// thread-pool job that popped it), as libmongoc requires.
final class ClientPoolHandle: @unchecked Sendable {
    private let condition = NSCondition()
    private var pool: OpaquePointer?
    private var uri: OpaquePointer?
    private var borrowed = 0
    private var closing = false

    init(pool: OpaquePointer, uri: OpaquePointer) {
        self.pool = pool
        self.uri = uri
    }

    /// Pops a client (blocking while the pool is exhausted), runs `body`, pushes the client back.
    func withClient<T>(_ body: (OpaquePointer) throws -> T) throws -> T {
        condition.lock()
        guard !closing, let pool else {
            condition.unlock()
            throw DocumentStoreError(.shutdown, "the client was shut down")
        }
        borrowed += 1
        condition.unlock()
        defer {
            condition.lock()
            borrowed -= 1
            condition.broadcast()
            condition.unlock()
        }
        guard let client = mongoc_client_pool_pop(pool) else {
            throw DocumentStoreError(.commandFailed, "the client pool returned no client")
        }
        defer { mongoc_client_pool_push(pool, client) }
        return try body(client)
    }

    /// Refuses new borrows, waits for outstanding ones, then destroys the pool and the URI. Idempotent.
    func close() {
        condition.lock()
        closing = true
        while borrowed > 0 { condition.wait() }
        let pool = self.pool
        let uri = self.uri
        self.pool = nil
        self.uri = nil
        condition.unlock()
        if let pool { mongoc_client_pool_destroy(pool) }
        if let uri { mongoc_uri_destroy(uri) }
    }

    deinit {
        assert(pool == nil, "MongoClient released without shutdown(): its libmongoc pool leaks")
    }
}

// MARK: - bson_t and bson_error_t bridging (used only on thread-pool threads)

/// Encodes `document` into a heap `bson_t`, passes it to `body`, and destroys it.
func withBSON<T>(_ document: Document, _ body: (OpaquePointer) throws -> T) throws -> T {
    let bytes = try document.bsonBytes()
    guard let bson = bytes.withUnsafeBufferPointer({ bson_new_from_data($0.baseAddress, $0.count) }) else {
        throw DocumentStoreError(.invalidDocument, "libbson refused the encoded document")
    }
    defer { bson_destroy(bson) }
    return try body(bson)
}

/// Encodes `document` when present; `body` gets `nil` otherwise.
func withOptionalBSON<T>(_ document: Document?, _ body: (OpaquePointer?) throws -> T) throws -> T {
    guard let document else { return try body(nil) }
    return try withBSON(document) { try body($0) }
}

/// Gives `body` a heap `bson_t` for a libmongoc "reply" out-parameter, and frees it afterwards.
func withReply<T>(_ body: (OpaquePointer) throws -> T) throws -> T {
    guard let reply = flightql_bson_alloc() else {
        throw DocumentStoreError(.commandFailed, "out of memory for a reply document")
    }
    defer { flightql_bson_free(reply) }
    return try body(reply)
}

extension Document {
    /// Decodes a `bson_t` that libbson or libmongoc owns (it is copied, not retained).
    init(borrowing bson: OpaquePointer) throws {
        var length: UInt32 = 0
        guard let bytes = flightql_bson_bytes(bson, &length) else {
            throw DocumentStoreError(.invalidDocument, "libbson returned no data")
        }
        try self.init(bsonBuffer: UnsafeRawBufferPointer(start: bytes, count: Int(length)))
    }
}

extension DocumentStoreError {
    /// Maps a libmongoc error (error API version 2) to a Swift error.
    init(mongocError error: bson_error_t) {
        var error = error
        let message = withUnsafeBytes(of: &error.message) { raw in
            String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
        }
        let code: Code
        switch error.domain {
        case MONGOC_ERROR_STREAM.rawValue, MONGOC_ERROR_SERVER_SELECTION.rawValue:
            code = .unavailable
        case MONGOC_ERROR_SERVER.rawValue where error.code == 11000 || error.code == 11001:
            code = .duplicateKey
        case MONGOC_ERROR_BSON.rawValue:
            code = .invalidDocument
        default:
            code = .commandFailed
        }
        // Server messages can quote the offending values (a duplicate key's fields): keep only the code then.
        let reason = error.domain == MONGOC_ERROR_SERVER.rawValue ? "server error" : message
        self.init(code, reason, domain: error.domain, driverCode: error.code)
    }
}
