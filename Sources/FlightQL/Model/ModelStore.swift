public import DelayModel
public import Dispatch
import Foundation
public import Logging
import Synchronization

/// The model the server predicts with, swapped atomically when its file changes.
///
/// Resolvers take the current predictor once (`currentPredictor()`) and use that object to the end of
/// their work: a reload replaces the store's reference, never the predictor a request already holds, so
/// in-flight requests finish on the model they started with. A reload reads and validates the whole new
/// artifact (`ModelFile.read`) before the swap; a file that is missing, truncated or otherwise invalid is
/// refused and logged, and the old model keeps serving.
public final class ModelStore: Sendable {
    /// The artifact's path.
    public let path: String
    private let logger: Logger
    private let state = Mutex(State())
    /// Held for the whole of a reload, so that reloads (signal, file watch, callers) run one at a time and
    /// the last file read is the one served. Requests never take it.
    private let reloading = Mutex(())

    private struct State {
        var predictor: DelayPredictor?
        /// Why there is no predictor (nil while one is loaded).
        var unavailableReason: String? = "no model has been loaded"
        /// The file as the last reload attempt saw it, for the change watch.
        var lastSeen: FileIdentity?
    }

    private init(path: String, logger: Logger) {
        self.path = path
        self.logger = logger
    }

    /// A store serving the artifact at `path`, loaded now. A missing or invalid file is logged and leaves the
    /// store empty (the server still starts; fields that need the model fail until a reload succeeds).
    public static func load(path: String, logger: Logger) -> ModelStore {
        let store = ModelStore(path: path, logger: logger)
        store.reload()
        return store
    }

    /// The model serving now, or nil when none is loaded.
    public var predictor: DelayPredictor? {
        state.withLock { $0.predictor }
    }

    /// The model serving now; throws `ModelUnavailableError` when none is loaded.
    public func currentPredictor() throws(ModelUnavailableError) -> DelayPredictor {
        let (predictor, reason) = state.withLock { ($0.predictor, $0.unavailableReason) }
        guard let predictor else { throw ModelUnavailableError(reason: reason ?? "no model has been loaded") }
        return predictor
    }

    /// Reads and validates the artifact at `path` and, when it is valid, makes it the serving model. A refused
    /// file leaves the serving model as it was. Blocks while reading (call it off any event loop).
    @discardableResult
    public func reload() -> ModelReloadOutcome {
        reloading.withLock { _ in
            let identity = FileIdentity(path: path)
            let outcome: ModelReloadOutcome
            do {
                guard identity != nil else {
                    throw ModelFileError("no model file at \(path) (run `flightql train --out \(path)`)")
                }
                let predictor = DelayPredictor(try ModelFile.read(path))
                let previous = state.withLock { state in
                    let previous = state.predictor?.artifact.modelVersion
                    state.predictor = predictor
                    state.unavailableReason = nil
                    return previous
                }
                outcome = .loaded(modelVersion: predictor.artifact.modelVersion)
                logger.info(
                    "delay model loaded",
                    metadata: [
                        "path": .string(path),
                        "version": .string(predictor.artifact.modelVersion),
                        "previous": .string(previous ?? "none"),
                    ]
                )
            } catch {
                let reason = "\(error)"
                outcome = .refused(reason: reason)
                let serving = state.withLock { state in
                    if state.predictor == nil { state.unavailableReason = reason }
                    return state.predictor?.artifact.modelVersion
                }
                if let serving {
                    logger.error(
                        "delay model refused; the previous model keeps serving",
                        metadata: ["path": .string(path), "reason": .string(reason), "serving": .string(serving)]
                    )
                } else {
                    logger.warning(
                        "no delay model: predictDelay and Flight.prediction fail until a valid model is written",
                        metadata: ["path": .string(path), "reason": .string(reason)]
                    )
                }
            }
            state.withLock { $0.lastSeen = identity }
            return outcome
        }
    }

    /// Reloads when the file's inode, size or modification time differ from what the last reload saw (a new
    /// file, a rename over the path, an in-place rewrite). A file that disappears is noted once; the serving
    /// model stays.
    @discardableResult
    public func reloadIfChanged() -> ModelReloadOutcome? {
        let identity = FileIdentity(path: path)
        let lastSeen = state.withLock { $0.lastSeen }
        guard identity != lastSeen else { return nil }
        guard identity != nil else {
            logger.warning(
                "delay model file removed; the current model keeps serving",
                metadata: ["path": .string(path)]
            )
            state.withLock { $0.lastSeen = nil }
            return nil
        }
        return reload()
    }

    /// Starts reloading on `SIGHUP` and whenever the file changes (checked every `pollInterval`), on a serial
    /// dispatch queue of its own. Keep the returned watcher and `stop()` it at shutdown.
    public func watch(pollInterval: DispatchTimeInterval = .seconds(1)) -> ModelWatcher {
        ModelWatcher(store: self, pollInterval: pollInterval)
    }
}

/// What a reload did.
public enum ModelReloadOutcome: Sendable, Hashable {
    /// The artifact with this version now serves.
    case loaded(modelVersion: String)
    /// The artifact was refused for `reason`; the serving model (if any) is unchanged.
    case refused(reason: String)
}

/// No model is loaded, so a field that needs one cannot be answered.
public struct ModelUnavailableError: Error, CustomStringConvertible, Sendable {
    /// Why no model is loaded (the missing or invalid file).
    public let reason: String

    public var description: String { "the delay model is not available: \(reason)" }
}

/// Reloads a `ModelStore` on `SIGHUP` and when its file changes, until `stop()`.
///
/// Safety of `@unchecked Sendable`: the two dispatch sources are created and configured in `init` and only
/// `cancel()`ed afterwards, which libdispatch allows from any thread; their handlers run on `queue`, a serial
/// queue, and touch only the `Sendable` store.
public final class ModelWatcher: @unchecked Sendable {
    private let signalSource: any DispatchSourceSignal
    private let timer: any DispatchSourceTimer

    fileprivate init(store: ModelStore, pollInterval: DispatchTimeInterval) {
        let queue = DispatchQueue(label: "flightql.model-reload")
        // Without this the default action of SIGHUP (terminate) would run instead of the source's handler.
        signal(SIGHUP, SIG_IGN)
        signalSource = DispatchSource.makeSignalSource(signal: SIGHUP, queue: queue)
        signalSource.setEventHandler { store.reload() }
        timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now() + pollInterval, repeating: pollInterval)
        timer.setEventHandler { store.reloadIfChanged() }
        signalSource.resume()
        timer.resume()
    }

    /// Stops watching. `SIGHUP` stays ignored (a stray hang-up must not kill the server while it shuts down).
    public func stop() {
        signalSource.cancel()
        timer.cancel()
    }
}
