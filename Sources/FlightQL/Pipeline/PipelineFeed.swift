public import Documents
import Foundation
import Ingest
public import Relational

/// The flights one pipeline run brought in.
public struct FeedWindow: Sendable, Hashable {
    /// The scheduled departures brought in, `[from, to)` in Unix seconds.
    public var window: DepartureWindow
    /// Where the drift check reads the window's rows.
    public var driftSource: DriftSource
    /// Status documents written to MongoDB (inserted or updated).
    public var documents: Int
    /// The end of the labelled history (flights with a known departure delay) a retrained model may use: history
    /// before this instant trains and evaluates the candidate.
    public var labelledUntil: Int64
    /// Where the next run's window starts.
    public var nextCursor: Int64

    /// A window brought in.
    public init(
        window: DepartureWindow,
        driftSource: DriftSource,
        documents: Int,
        labelledUntil: Int64,
        nextCursor: Int64
    ) {
        self.window = window
        self.driftSource = driftSource
        self.documents = documents
        self.labelledUntil = labelledUntil
        self.nextCursor = nextCursor
    }
}

/// The first step of a pipeline run: collecting (or replaying) the next window of flight statuses.
public protocol PipelineFeed: Sendable {
    /// The source's name in logs and reports (`replay`, `aviationstack`, `opensky`).
    var name: String { get }

    /// Brings in the window after `cursor` (nil on the first run), or returns nil when there is nothing new.
    func next(after cursor: Int64?) async throws -> FeedWindow?
}

/// Replays history window by window: each run writes the next `length` of SQLite flights to MongoDB
/// `flight_status` (as `flightql replay` does) and checks drift on the same flights, which the replay makes the
/// newest labelled data.
public struct HistoryReplayFeed: PipelineFeed {
    public let name = "replay"
    /// Where the history is.
    public let database: Database
    /// Where the replayed statuses go.
    public let store: FlightStatusStore
    /// The first window's start when there is no cursor yet (Unix seconds).
    public let start: Int64
    /// The length of a window, in seconds.
    public let length: Int64
    /// Where the drift check reads the window: SQLite's rows of the same flights (`.flights`), or the replayed
    /// documents (`.flightStatus`, when the drift service has a reader for them).
    public let driftSource: DriftSource

    /// A feed replaying `length`-second windows from `start`.
    public init(
        database: Database,
        store: FlightStatusStore,
        start: Int64,
        length: Int64,
        driftSource: DriftSource = .flights
    ) {
        precondition(length > 0, "a replay window has a positive length")
        self.database = database
        self.store = store
        self.start = start
        self.length = length
        self.driftSource = driftSource
    }

    /// Replays the flights of `[cursor, cursor + length)`; nil when the window holds no flight (the end of the
    /// history). A flight the store rejects fails the run.
    public func next(after cursor: Int64?) async throws -> FeedWindow? {
        let from = cursor ?? start
        let window = DepartureWindow(from: from, to: from + length)
        let flights = try await database.flights(from: window.from, to: window.to)
        guard !flights.isEmpty else { return nil }
        try await store.prepare()
        let summary = try await ReplayFeed(store: store).replay(flights)
        if let first = summary.rejected.first {
            throw PipelineError(
                "the replay rejected \(summary.rejected.count) of \(flights.count) flights (\(first.id): \(first.reason))"
            )
        }
        return FeedWindow(
            window: window,
            driftSource: driftSource,
            documents: summary.inserted + summary.updated,
            labelledUntil: window.to,
            nextCursor: window.to
        )
    }
}

/// A pipeline run failed; the serving model is untouched.
public struct PipelineError: Error, CustomStringConvertible, Sendable {
    /// What went wrong, for the operator.
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
