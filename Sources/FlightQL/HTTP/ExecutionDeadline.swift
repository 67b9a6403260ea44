import NIOCore
import NIOPosix
import Synchronization

/// Runs `operation` in a task of its own and returns its result, or nil when `timeout` passes first.
/// On time-out the operation's task is cancelled and its result dropped; blocking calls it already
/// started (a SQLite statement on the thread pool) finish in the background, so the caller and the
/// server go on at once. Deadlines are watched by ``DeadlineWatch/shared`` to a tenth of a second.
func withDeadline<Value: Sendable>(
    _ timeout: Duration,
    _ operation: @escaping @Sendable () async -> Value
) async -> Value? {
    await withCheckedContinuation { (continuation: CheckedContinuation<Value?, Never>) in
        let race = DeadlineRace(continuation)
        let work = Task {
            let value = await operation()
            race.finish(with: value)
        }
        race.watch(DeadlineWatch.shared.add(after: timeout) { if race.finish(with: nil) { work.cancel() } })
    }
}

/// The first of the operation and the deadline to finish resumes the continuation; the operation
/// finishing first also removes the deadline.
private final class DeadlineRace<Value: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<Value?, Never>?
        var deadline: DeadlineWatch.Ticket?
    }

    private let state: Mutex<State>

    init(_ continuation: CheckedContinuation<Value?, Never>) {
        state = Mutex(State(continuation: continuation))
    }

    /// Keeps the deadline to remove it if the operation wins (or removes it at once if it already has).
    func watch(_ deadline: DeadlineWatch.Ticket) {
        let finished = state.withLock { state in
            if state.continuation == nil { return true }
            state.deadline = deadline
            return false
        }
        if finished { DeadlineWatch.shared.remove(deadline) }
    }

    /// Resumes the caller with `value` unless the other side already did; true when this call won.
    @discardableResult
    func finish(with value: Value?) -> Bool {
        let (continuation, deadline) = state.withLock { state in
            defer { state = State() }
            return (state.continuation, state.deadline)
        }
        guard let continuation else { return false }
        if value != nil, let deadline { DeadlineWatch.shared.remove(deadline) }
        continuation.resume(returning: value)
        return true
    }
}

/// Every pending deadline of the process, checked ten times a second by one repeating event-loop task
/// while there are any. Adding and removing a deadline is a dictionary operation under a lock: unlike a
/// timer per request, it never wakes an event loop (requests are short; the timeouts are seconds).
final class DeadlineWatch: Sendable {
    /// The process's watch.
    static let shared = DeadlineWatch(tick: .milliseconds(100))

    /// A registered deadline.
    struct Ticket: Sendable, Hashable {
        fileprivate let id: UInt64
    }

    private struct Entry {
        let deadline: NIODeadline
        let expire: @Sendable () -> Void
    }

    private struct State {
        var entries: [UInt64: Entry] = [:]
        var nextID: UInt64 = 0
        var isTicking = false
    }

    private let tick: TimeAmount
    private let state = Mutex(State())

    init(tick: TimeAmount) {
        self.tick = tick
    }

    /// Calls `expire` (on an event loop: it must be quick) once `timeout` has passed, unless the ticket
    /// is removed first.
    func add(after timeout: Duration, expire: @escaping @Sendable () -> Void) -> Ticket {
        let deadline = NIODeadline.now() + .nanoseconds(Int64(timeout.nanoseconds))
        let (id, startTicking) = state.withLock { state in
            state.nextID += 1
            state.entries[state.nextID] = Entry(deadline: deadline, expire: expire)
            let start = !state.isTicking
            state.isTicking = true
            return (state.nextID, start)
        }
        if startTicking { startTicks() }
        return Ticket(id: id)
    }

    /// Forgets a deadline (nothing when it already expired).
    func remove(_ ticket: Ticket) {
        _ = state.withLock { $0.entries.removeValue(forKey: ticket.id) }
    }

    private func startTicks() {
        MultiThreadedEventLoopGroup.singleton.any().scheduleRepeatedTask(initialDelay: tick, delay: tick) {
            [self] task in
            fireExpired(task)
        }
    }

    /// Expires every passed deadline; stops ticking when none is left.
    private func fireExpired(_ task: RepeatedTask) {
        let now = NIODeadline.now()
        let expired = state.withLock { state -> [Entry] in
            let due = state.entries.filter { $0.value.deadline <= now }
            for id in due.keys { state.entries[id] = nil }
            if state.entries.isEmpty {
                state.isTicking = false
                task.cancel()
            }
            return Array(due.values)
        }
        for entry in expired { entry.expire() }
    }
}
