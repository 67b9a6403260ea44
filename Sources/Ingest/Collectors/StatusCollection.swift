public import Documents

/// A feed of flight statuses fetched page by page over HTTP (AviationStack, OpenSky).
public protocol FlightStatusCollector: Sendable {
    /// One request of the feed (an airport, a direction, a page).
    associatedtype Request: Sendable

    /// The requests to start with.
    func initialRequests() -> [Request]

    /// Fetches one request and maps its records.
    ///
    /// - Throws: `CollectorError` when the request fails (timeout, non-2xx status, rate limit, API error,
    ///   malformed body); records that cannot be mapped are rejections in the page, not errors.
    func fetch(_ request: Request) async throws(CollectorError) -> CollectedPage<Request>
}

/// A record of a feed that was not stored, and why.
public struct CollectRejection: Sendable, Hashable {
    /// Which record: the request and the record's position, and its flight when known.
    public var record: String
    /// Why it was not stored.
    public var reason: String

    /// A rejection.
    public init(record: String, reason: String) {
        self.record = record
        self.reason = reason
    }
}

/// One fetched page: its records mapped to status documents or rejected, and the requests that follow it.
public struct CollectedPage<Request: Sendable>: Sendable {
    /// Mapped records with the label of the record they came from.
    public var statuses: [(record: String, status: FlightStatusDocument)]
    /// Records that could not be mapped.
    public var rejected: [CollectRejection]
    /// Requests to make after this one (the next page).
    public var followUps: [Request]
    /// How many more requests the feed expects beyond `followUps` (for progress).
    public var expectedMoreRequests: Int

    /// A page.
    public init(
        statuses: [(record: String, status: FlightStatusDocument)],
        rejected: [CollectRejection],
        followUps: [Request] = [],
        expectedMoreRequests: Int = 0
    ) {
        self.statuses = statuses
        self.rejected = rejected
        self.followUps = followUps
        self.expectedMoreRequests = expectedMoreRequests
    }

    /// The number of records the page held.
    public var recordCount: Int { statuses.count + rejected.count }
}

/// What a collection run did.
public struct CollectSummary: Sendable {
    /// Requests answered (not counting a failed one).
    public var requests = 0
    /// Records received.
    public var received = 0
    /// Documents that did not exist and were inserted.
    public var inserted = 0
    /// Documents that existed and were replaced (with identical content when nothing changed).
    public var updated = 0
    /// Records not stored, with reasons.
    public var rejected: [CollectRejection] = []
    /// The error that stopped the run early. Everything counted above happened before it; the requests
    /// after it were not made.
    public var failure: String?

    /// An empty summary.
    public init() {}
}

/// Runs a collector: fetches its requests in order, upserts each page's documents as one batch, and counts.
public enum StatusCollection {
    /// Fetches every request of `collector` and upserts the statuses into `store`.
    ///
    /// Stops at the first failed request or store failure and records it in `failure`; pages written
    /// before stay written (upserts are idempotent, so running again completes them) and are counted, and a
    /// page the store could not write is rejected record by record with the store's error.
    ///
    /// - Parameter progress: called after each request with (requests done, requests expected).
    public static func run<Collector: FlightStatusCollector>(
        _ collector: Collector,
        into store: FlightStatusStore,
        progress: @Sendable (_ done: Int, _ expected: Int) -> Void = { _, _ in }
    ) async -> CollectSummary {
        var summary = CollectSummary()
        var queue = collector.initialRequests()
        while !queue.isEmpty {
            let request = queue.removeFirst()
            let page: CollectedPage<Collector.Request>
            do {
                page = try await collector.fetch(request)
            } catch {
                summary.failure = "\(error)"
                return summary
            }
            summary.requests += 1
            summary.received += page.recordCount
            summary.rejected += page.rejected
            // Depth first: a page's follow-ups come before the other requests, so the latest page's
            // estimate is the only one outstanding.
            queue.insert(contentsOf: page.followUps, at: 0)
            if !page.statuses.isEmpty {
                do {
                    let written = try await store.upsert(page.statuses.map(\.status))
                    summary.inserted += written.inserted
                    summary.updated += written.updated
                    summary.rejected += written.rejected.map {
                        CollectRejection(record: page.statuses[$0.index].record, reason: $0.reason)
                    }
                } catch {
                    summary.rejected += page.statuses.map { CollectRejection(record: $0.record, reason: "\(error)") }
                    summary.failure = "the document store failed: \(error)"
                    return summary
                }
            }
            progress(summary.requests, summary.requests + queue.count + page.expectedMoreRequests)
        }
        return summary
    }
}
