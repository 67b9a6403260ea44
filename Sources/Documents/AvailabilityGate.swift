import Synchronization

/// Keeps calls from piling up on the thread pool while MongoDB is down.
///
/// A call to an unreachable MongoDB holds a thread-pool thread for the whole server-selection timeout. Once a
/// call has failed with `.unavailable`, the gate lets one call at a time try the server again (the probe) and
/// fails the others at once with `.unavailable`, so an outage costs at most one waiting thread, not one per
/// request. The first call that reaches the server (success, or any error but `.unavailable`) opens the gate.
final class AvailabilityGate: Sendable {
    private struct State {
        /// Whether the last call that tried the server found none.
        var down = false
        /// Whether a call is trying the server while it is down.
        var probing = false
    }

    private let state = Mutex(State())

    /// Whether a call may go to the server: always while it is up; while it is down, only when no other call
    /// is trying it (the caller becomes the probe). Every admitted call reports its outcome with `finish`.
    ///
    /// - Returns: whether the call is the probe of a server that was down.
    /// - Throws: `DocumentStoreError` `.unavailable` when MongoDB is down and another call is already trying it.
    func admit() throws -> Bool {
        let admission: Bool? = state.withLock { state in
            guard state.down else { return false }
            guard !state.probing else { return nil }
            state.probing = true
            return true
        }
        guard let isProbe = admission else {
            throw DocumentStoreError(.unavailable, "MongoDB did not answer the last call; another call is retrying it")
        }
        return isProbe
    }

    /// Runs `call` if the gate admits it, and records whether it reached the server.
    ///
    /// - Throws: `DocumentStoreError` `.unavailable` when MongoDB is down and another call is already trying
    ///   it; otherwise what `call` throws.
    func pass<T>(_ call: () throws -> T) throws -> T {
        let probe = try admit()
        do {
            let result = try call()
            finish(probe: probe, reachedServer: true)
            return result
        } catch let error as DocumentStoreError where error.code == .unavailable {
            finish(probe: probe, reachedServer: false)
            throw error
        } catch {
            finish(probe: probe, reachedServer: true)
            throw error
        }
    }

    /// Records how an admitted call ended: `reachedServer` is false when it failed with `.unavailable`.
    func finish(probe: Bool, reachedServer: Bool) {
        state.withLock { state in
            if probe { state.probing = false }
            state.down = !reachedServer
        }
    }
}
