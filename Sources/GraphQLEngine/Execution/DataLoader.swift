import Synchronization

/// Batches and caches loads by key for one request (create one per request and keep it in the
/// request context). Inside `execute`, every `load` made while the executor runs one wave of
/// resolvers is coalesced into one call of `batch`: the batch is dispatched when every running
/// resolver has either finished or is waiting on a loader. Outside `execute`, loads made before
/// the caller's task next suspends are batched together. A resolver should call `load` from its
/// own task (not from child tasks it creates), so that the executor can tell when it waits.
public final class DataLoader<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    public typealias BatchFunction = @Sendable ([Key]) async throws -> [Key: Value]

    private enum Entry {
        case loaded(Result<Value?, any Error>)
        case waiting([CheckedContinuation<Value?, any Error>])
    }

    private enum LoadAction {
        case resume(Result<Value?, any Error>)
        case wait(registerNow: Bool)
    }

    private struct State {
        var entries: [Key: Entry] = [:]
        var queue: [Key] = []
        var isRegistered = false
    }

    private let batch: BatchFunction
    private let state = Mutex(State())

    /// Creates a loader; `batch` receives distinct keys and returns the values found (a key
    /// missing from the answer loads as nil).
    public init(batch: @escaping BatchFunction) {
        self.batch = batch
    }

    /// The value for `key`: from the cache, or from the next batch.
    public func load(_ key: Key) async throws -> Value? {
        let cached: Result<Value?, any Error>? = state.withLock { state in
            if case .loaded(let result) = state.entries[key] { return result }
            return nil
        }
        if let cached { return try cached.get() }
        let scheduler = BatchScheduler.current
        return try await withCheckedThrowingContinuation { continuation in
            enqueue(key, continuation, scheduler)
        }
    }

    /// Registers a waiter for `key`, queuing the key for the next batch if it is new.
    private func enqueue(
        _ key: Key,
        _ continuation: CheckedContinuation<Value?, any Error>,
        _ scheduler: BatchScheduler?
    ) {
        let action = state.withLock { state -> LoadAction in
            switch state.entries[key] {
            case .loaded(let result):
                return .resume(result)
            case .waiting(var waiters):
                waiters.append(continuation)
                state.entries[key] = .waiting(waiters)
            case nil:
                state.entries[key] = .waiting([continuation])
                state.queue.append(key)
            }
            let register = !state.isRegistered && !state.queue.isEmpty
            if register { state.isRegistered = true }
            return .wait(registerNow: register)
        }
        switch action {
        case .resume(let result):
            continuation.resume(with: result)
        case .wait(let registerNow):
            if let scheduler {
                if registerNow {
                    scheduler.wait { self.dispatch(scheduler) }
                } else {
                    scheduler.wait()
                }
            } else if registerNow {
                Task {
                    await Task.yield()
                    self.dispatch(nil)
                }
            }
        }
    }

    /// Sends the queued keys to `batch` and resumes their waiters with the answer.
    private func dispatch(_ scheduler: BatchScheduler?) {
        let keys: [Key] = state.withLock { state in
            let keys = state.queue
            state.queue = []
            state.isRegistered = false
            return keys
        }
        if keys.isEmpty { return }
        scheduler?.begin(1)
        Task {
            let outcome: Result<[Key: Value], any Error>
            do {
                outcome = .success(try await batch(keys))
            } catch {
                outcome = .failure(error)
            }
            let waiters: [(CheckedContinuation<Value?, any Error>, Result<Value?, any Error>)] = state.withLock {
                state in
                var waiters: [(CheckedContinuation<Value?, any Error>, Result<Value?, any Error>)] = []
                for key in keys {
                    let result: Result<Value?, any Error> = outcome.map { $0[key] }
                    if case .waiting(let continuations) = state.entries[key] {
                        for continuation in continuations { waiters.append((continuation, result)) }
                    }
                    state.entries[key] = .loaded(result)
                }
                return waiters
            }
            scheduler?.begin(waiters.count)
            for (continuation, result) in waiters { continuation.resume(with: result) }
            scheduler?.finish()
        }
    }
}

/// Counts the work running for one execution and dispatches the loaders' pending batches when
/// all of it is waiting on loaders (see `DataLoader`).
final class BatchScheduler: Sendable {
    @TaskLocal static var current: BatchScheduler?

    private struct State {
        var running = 0
        var pendingDispatches: [@Sendable () -> Void] = []
    }

    private let state = Mutex(State())

    /// `count` more pieces of work are running.
    func begin(_ count: Int) {
        if count == 0 { return }
        state.withLock { $0.running += count }
    }

    /// One piece of work finished.
    func finish() {
        let dispatches = state.withLock { state in
            state.running -= 1
            return takeDispatchesIfIdle(&state)
        }
        for dispatch in dispatches { dispatch() }
    }

    /// One piece of work now waits on a loader; `dispatch`, if given, sends the loader's queued
    /// keys (the loader has just queued its first key).
    func wait(registering dispatch: (@Sendable () -> Void)? = nil) {
        let dispatches = state.withLock { state in
            if let dispatch { state.pendingDispatches.append(dispatch) }
            state.running -= 1
            return takeDispatchesIfIdle(&state)
        }
        for dispatch in dispatches { dispatch() }
    }

    private func takeDispatchesIfIdle(_ state: inout State) -> [@Sendable () -> Void] {
        guard state.running == 0, !state.pendingDispatches.isEmpty else { return [] }
        let dispatches = state.pendingDispatches
        state.pendingDispatches = []
        return dispatches
    }
}
