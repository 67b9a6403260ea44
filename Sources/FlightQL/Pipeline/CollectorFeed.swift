public import Documents
import Foundation
public import Ingest
import Synchronization

/// Collects the latest flight statuses from a live API on every run (`flightql pipeline --source
/// aviationstack|opensky`): the collector's pages are upserted into `flight_status` as `flightql collect` does, and
/// the drift check reads the documents of the collected flights' scheduled departures (`FLIGHT_STATUS`).
///
/// A failed request or store call fails the run (the pages written before it stay written; upserts make the next
/// run's collection idempotent). Records the collector cannot map are skipped, as `flightql collect` does. A live
/// feed brings no delays into SQLite, so a retrained candidate uses the labelled history up to `labelledUntil`.
public struct CollectorFeed: PipelineFeed {
    public let name: String
    /// Where the collected statuses go.
    public let store: FlightStatusStore
    /// The end of the labelled history in SQLite (Unix seconds): a candidate trains and is scored before it.
    public let labelledUntil: Int64
    /// The collector of one run, given the previous run's cursor (nil on the first run) and the run's start
    /// (Unix seconds); the run's start becomes the next cursor.
    public let collector: @Sendable (_ cursor: Int64?, _ now: Int64) throws -> any FlightStatusCollector

    /// A feed named `name` (the source in logs and reports).
    public init(
        name: String,
        store: FlightStatusStore,
        labelledUntil: Int64,
        collector: @escaping @Sendable (_ cursor: Int64?, _ now: Int64) throws -> any FlightStatusCollector
    ) {
        self.name = name
        self.store = store
        self.labelledUntil = labelledUntil
        self.collector = collector
    }

    /// Collects once; nil when the API answered with no flight that has a scheduled departure.
    public func next(after cursor: Int64?) async throws -> FeedWindow? {
        let now = Int64(Date().timeIntervalSince1970)
        let departures = DepartureSpan()
        try await store.prepare()
        let summary = await collect(with: try collector(cursor, now), recordingInto: departures)
        if let failure = summary.failure {
            throw PipelineError("\(name) failed after \(summary.requests) answered requests: \(failure)")
        }
        guard let span = departures.window else { return nil }
        return FeedWindow(
            window: span,
            driftSource: .flightStatus,
            documents: summary.inserted + summary.updated,
            labelledUntil: labelledUntil,
            nextCursor: now
        )
    }

    private func collect<Collector: FlightStatusCollector>(
        with collector: Collector,
        recordingInto departures: DepartureSpan
    ) async -> CollectSummary {
        await StatusCollection.run(DepartureRecorder(base: collector, departures: departures), into: store)
    }
}

/// The scheduled departures seen in a run, as the smallest window holding them all (whole seconds, end exclusive).
private final class DepartureSpan: Sendable {
    private let bounds = Mutex<(first: Int64, last: Int64)?>(nil)

    func record(_ statuses: [FlightStatusDocument]) {
        for status in statuses {
            guard let scheduled = status.departure.scheduled else { continue }
            let second = Int64(scheduled.timeIntervalSince1970.rounded(.down))
            bounds.withLock { bounds in
                bounds = bounds.map { (min($0.first, second), max($0.last, second)) } ?? (second, second)
            }
        }
    }

    var window: DepartureWindow? {
        bounds.withLock { bounds in bounds.map { DepartureWindow(from: $0.first, to: $0.last + 1) } }
    }
}

/// A collector that notes the scheduled departures of every page it fetches.
private struct DepartureRecorder<Base: FlightStatusCollector>: FlightStatusCollector {
    let base: Base
    let departures: DepartureSpan

    func initialRequests() -> [Base.Request] { base.initialRequests() }

    func fetch(_ request: Base.Request) async throws(CollectorError) -> CollectedPage<Base.Request> {
        let page = try await base.fetch(request)
        departures.record(page.statuses.map(\.status))
        return page
    }
}
