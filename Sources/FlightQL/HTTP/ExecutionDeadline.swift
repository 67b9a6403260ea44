import NIOCore
import NIOPosix
import Synchronization

/// Runs `operation` in a task of its own and returns its result, or nil when `timeout` passes first.
/// On time-out the operation's task is cancelled and its result dropped; blocking calls it already
/// started (a SQLite statement on the thread pool) finish in the background, so the caller and the
/// server go on at once.
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
        let nanoseconds = timeout.components.seconds * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000
        let timer = MultiThreadedEventLoopGroup.singleton.any().scheduleTask(in: .nanoseconds(nanoseconds)) {
            if race.finish(with: nil) { work.cancel() }
        }
        race.setTimer(timer)
    }
}

/// The first of the operation and the timer to finish resumes the continuation; the operation
/// finishing first also cancels the timer.
private final class DeadlineRace<Value: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<Value?, Never>?
        var timer: Scheduled<Void>?
    }

    private let state: Mutex<State>

    init(_ continuation: CheckedContinuation<Value?, Never>) {
        state = Mutex(State(continuation: continuation))
    }

    /// Keeps the timer to cancel it if the operation wins (or cancels it at once if it already has).
    func setTimer(_ timer: Scheduled<Void>) {
        let finished = state.withLock { state in
            if state.continuation == nil { return true }
            state.timer = timer
            return false
        }
        if finished { timer.cancel() }
    }

    /// Resumes the caller with `value` unless the other side already did; true when this call won.
    @discardableResult
    func finish(with value: Value?) -> Bool {
        let (continuation, timer) = state.withLock { state in
            defer { state = State() }
            return (state.continuation, state.timer)
        }
        guard let continuation else { return false }
        if value != nil { timer?.cancel() }
        continuation.resume(returning: value)
        return true
    }
}
