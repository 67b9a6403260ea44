import Documents
import Logging
import ServiceLifecycle

/// Creates the MongoDB indexes (`flight_status` and `predictions`) for `flightql serve` once MongoDB is reachable,
/// without holding up start-up: a service of the server's `ServiceGroup` that tries at once and, while MongoDB is
/// unavailable, again after `firstDelay`, then twice as long each time up to `maximumDelay`, until an attempt
/// succeeds or the server shuts down. Each attempt logs one line with its outcome.
///
/// An error other than `.unavailable` (MongoDB answered but refused, for example an index that clashes with an
/// existing one) is logged and not retried: trying again would not change the answer.
struct DocumentIndexService: Service {
    /// The pause after the first failed attempt.
    static let firstDelay: Duration = .seconds(1)
    /// The longest pause between two attempts.
    static let maximumDelay: Duration = .seconds(60)

    let documents: DocumentServices
    let logger: Logger

    func run() async {
        var delay = Self.firstDelay
        var attempt = 1
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                try await documents.prepareIndexes()
                logger.info("MongoDB indexes are in place", metadata: ["attempt": "\(attempt)"])
                return
            } catch let error as DocumentStoreError where error.code == .unavailable {
                logger.warning(
                    "MongoDB is not reachable yet; its fields fail until it is; the indexes will be created then",
                    metadata: ["attempt": "\(attempt)", "retry_in": "\(delay)", "error": "\(error)"]
                )
            } catch {
                logger.error(
                    "creating the MongoDB indexes failed; not retried",
                    metadata: ["attempt": "\(attempt)", "error": "\(error)"]
                )
                return
            }
            let pause = delay
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: pause) }
            } catch {
                return
            }
            delay = min(delay * 2, Self.maximumDelay)
            attempt += 1
        }
    }
}
