import NIOCore
import NIOPosix
import Synchronization

/// A count of statement executions, safe to increment from any thread.
///
/// Every database has one for all its connections (``Database/statementCount``). To count the
/// statements of one request, bind a tally to ``Database/tally`` around it; every call made from
/// that task (and child tasks) also counts into the tally.
public final class StatementTally: Sendable {
    private let value = Atomic<Int>(0)

    public init() {}

    func increment() {
        value.add(1, ordering: .relaxed)
    }

    /// The number of statement executions counted so far.
    public var count: Int { value.load(ordering: .relaxed) }
}

/// Which kind of call a ``DatabaseCallObserver`` is told about.
public enum DatabaseCallKind: String, Sendable {
    case read, write
}

/// Told the duration of every ``Database`` call, from the call to its result (the wait for the thread pool
/// included). Runs on the caller's task: it must be cheap and must not block.
public typealias DatabaseCallObserver = @Sendable (_ kind: DatabaseCallKind, _ duration: Duration) -> Void

/// A SQLite database: one writer connection and a pool of read connections in WAL mode.
///
/// Every call runs on the database's own `NIOThreadPool`, never on an event loop. The pool has exactly
/// as many threads as read connections, so a job always finds an idle reader. Writes are serialised by
/// a lock around the single writer connection. The one exception is ``lookup(_:)``: a statement that
/// is a bounded index search (microseconds) runs on the calling task's thread when a reader is idle,
/// which saves the two thread hops that otherwise cost more than the statement.
public final class Database: Sendable {
    /// The path of the database file.
    public let path: String
    private let threadPool: NIOThreadPool
    private let writer: Mutex<Connection?>
    private let idleReaders: Mutex<[Connection]>
    /// Readers for ``lookup(_:)`` on the caller's thread, apart from the pool's so that a pool job always
    /// finds an idle reader.
    private let inlineReaders: Mutex<[Connection]>
    private let counter: StatementTally
    private let observer: DatabaseCallObserver?

    private init(
        path: String,
        threadPool: NIOThreadPool,
        writer: Connection,
        readers: [Connection],
        inlineReaders: [Connection],
        counter: StatementTally,
        observer: DatabaseCallObserver?
    ) {
        self.path = path
        self.threadPool = threadPool
        self.writer = Mutex(writer)
        self.idleReaders = Mutex(readers)
        self.inlineReaders = Mutex(inlineReaders)
        self.counter = counter
        self.observer = observer
    }

    /// Opens (creating if needed) the database at `path`, creates or checks the schema, and opens
    /// `readers` read connections for the thread pool and one per processor for ``lookup(_:)``.
    ///
    /// - Parameters:
    ///   - path: the file path; its directory must exist.
    ///   - readers: the number of the pool's read connections and threads (at least 1).
    ///   - observer: told the duration of every later `read` and `write` (for metrics).
    public static func open(
        path: String,
        readers: Int = 4,
        observer: DatabaseCallObserver? = nil
    ) async throws -> Database {
        precondition(readers >= 1, "a database needs at least one reader")
        let threadPool = NIOThreadPool(numberOfThreads: readers)
        threadPool.start()
        let counter = StatementTally()
        do {
            let inlineCount = max(1, NIOCore.System.coreCount)
            let (writer, readerConnections) = try await threadPool.runIfActive {
                let writer = try Connection(path: path, readOnly: false, counter: counter)
                do {
                    try writer.executeScript(
                        """
                        PRAGMA journal_mode = WAL;
                        PRAGMA synchronous = NORMAL;
                        PRAGMA foreign_keys = ON;
                        PRAGMA busy_timeout = 5000;
                        """
                    )
                    try Schema.migrate(writer)
                } catch {
                    writer.close()
                    throw error
                }
                var readerConnections: [Connection] = []
                do {
                    for _ in 0..<(readers + inlineCount) {
                        let reader = try Connection(path: path, readOnly: true, counter: counter)
                        readerConnections.append(reader)
                        try reader.executeScript(
                            """
                            PRAGMA foreign_keys = ON;
                            PRAGMA busy_timeout = 5000;
                            PRAGMA query_only = ON;
                            PRAGMA mmap_size = 268435456;
                            """
                        )
                    }
                } catch {
                    for reader in readerConnections { reader.close() }
                    writer.close()
                    throw error
                }
                return (writer, readerConnections)
            }
            return Database(
                path: path,
                threadPool: threadPool,
                writer: writer,
                readers: Array(readerConnections.prefix(readers)),
                inlineReaders: Array(readerConnections.dropFirst(readers)),
                counter: counter,
                observer: observer
            )
        } catch {
            try? await threadPool.shutdownGracefully()
            throw error
        }
    }

    /// The number of statement executions so far on every connection of this database (one per
    /// execution of a prepared statement, however many rows it returns). Tests compare it before
    /// and after a request to prove that a request runs a bounded number of statements.
    public var statementCount: Int { counter.count }

    /// The tally of the current task's statement executions, if one is bound (see ``StatementTally``).
    @TaskLocal public static var tally: StatementTally?

    /// Runs `body` with a read connection on the thread pool.
    public func read<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        let tally = Self.tally
        if let observer {
            let start = ContinuousClock.now
            defer { observer(.read, .now - start) }
            return try await read(body, tally: tally)
        }
        return try await read(body, tally: tally)
    }

    /// Runs `body`, which must be a bounded index search (primary- or unique-key lookups of a few dozen
    /// keys at most), with a read connection: on the calling thread when a reader is idle and the caller
    /// is not an event loop, else on the thread pool like ``read(_:)``. Never waits for a connection on
    /// the calling thread.
    public func lookup<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        let tally = Self.tally
        guard MultiThreadedEventLoopGroup.currentEventLoop == nil,
            let connection = inlineReaders.withLock({ $0.popLast() })
        else {
            return try await read(body)
        }
        let start = observer == nil ? nil : ContinuousClock.now
        connection.tally = tally
        defer {
            connection.tally = nil
            inlineReaders.withLock { $0.append(connection) }
            if let observer, let start { observer(.read, .now - start) }
        }
        return try body(connection)
    }

    private func read<T: Sendable>(
        _ body: @escaping @Sendable (Connection) throws -> T,
        tally: StatementTally?
    ) async throws -> T {
        return try await threadPool.runIfActive {
            guard let connection = self.idleReaders.withLock({ $0.popLast() }) else {
                // The pool has as many threads as readers, so this only happens after close().
                throw RelationalError(.closed, "the database is closed")
            }
            connection.tally = tally
            defer {
                connection.tally = nil
                self.idleReaders.withLock { $0.append(connection) }
            }
            return try body(connection)
        }
    }

    /// Runs `body` with the writer connection on the thread pool; writers run one at a time.
    public func write<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        let tally = Self.tally
        if let observer {
            let start = ContinuousClock.now
            defer { observer(.write, .now - start) }
            return try await write(body, tally: tally)
        }
        return try await write(body, tally: tally)
    }

    private func write<T: Sendable>(
        _ body: @escaping @Sendable (Connection) throws -> T,
        tally: StatementTally?
    ) async throws -> T {
        return try await threadPool.runIfActive {
            try self.writer.withLock { writer throws -> T in
                guard let writer else { throw RelationalError(.closed, "the database is closed") }
                writer.tally = tally
                defer { writer.tally = nil }
                return try body(writer)
            }
        }
    }

    /// Closes every connection and stops the thread pool. Call once, when no call is running.
    public func close() async throws {
        try await threadPool.runIfActive {
            self.writer.withLock { writer in
                writer?.close()
                writer = nil
            }
            self.idleReaders.withLock { readers in
                for reader in readers { reader.close() }
                readers.removeAll()
            }
            self.inlineReaders.withLock { readers in
                for reader in readers { reader.close() }
                readers.removeAll()
            }
        }
        try await threadPool.shutdownGracefully()
    }
}
