public import Documents
public import Relational

import struct Foundation.Date

extension HistoricalFlight {
    /// The replay row of a flight from the relational store.
    public init(_ flight: Flight) {
        self.init(
            carrier: flight.carrier,
            flightNumber: flight.flightNumber,
            date: flight.date,
            origin: flight.origin,
            destination: flight.destination,
            scheduledDeparture: Date(timeIntervalSince1970: Double(flight.scheduledDeparture)),
            scheduledArrival: flight.scheduledArrival.map { Date(timeIntervalSince1970: Double($0)) },
            departureDelay: flight.departureDelay,
            arrivalDelay: flight.arrivalDelay,
            cancelled: flight.cancelled,
            tailnum: flight.tailnum,
            airTime: flight.airTime,
            distance: flight.distance
        )
    }
}

extension FlightKey {
    /// The status-document key of a flight from the relational store (for `FlightStatusStore.statuses`).
    public init(_ flight: Flight) {
        self.init(
            carrierCode: flight.carrier,
            flightNumber: flight.flightNumber,
            date: flight.date,
            origin: flight.origin
        )
    }
}

/// The replay feed: historical flights written to `flight_status` as the statuses they ended in
/// (`source: replay`), upserted in bulk by natural key, so replaying a window again changes nothing: documents
/// already stored with the same content are recognised by their fingerprints and not written again.
public struct ReplayFeed: Sendable {
    /// Flights mapped and upserted per step (progress is reported after each).
    public static let chunkSize = 5000

    /// Where the statuses go.
    public let store: FlightStatusStore

    /// A feed into `store`.
    public init(store: FlightStatusStore) {
        self.store = store
    }

    /// Maps `flights` to status documents and upserts them, `chunkSize` at a time, skipping unchanged ones.
    ///
    /// Rejections carry the index of the flight in `flights`. If the store fails after some chunks were
    /// written, the flights not written are rejected with the error's description and the summary is
    /// returned, so a half-written replay is always reported.
    ///
    /// - Parameter progress: called after each chunk with (flights done, flights in all).
    /// - Throws: `DocumentStoreError` when the store fails before anything was written.
    public func replay(
        _ flights: [Flight],
        progress: @Sendable (_ done: Int, _ total: Int) -> Void = { _, _ in }
    ) async throws -> FlightStatusStore.UpsertSummary {
        var summary = FlightStatusStore.UpsertSummary()
        for start in stride(from: 0, to: flights.count, by: Self.chunkSize) {
            let end = min(start + Self.chunkSize, flights.count)
            let statuses = flights[start..<end].map { FlightStatusDocument(replaying: HistoricalFlight($0)) }
            let chunk: FlightStatusStore.UpsertSummary
            do {
                chunk = try await store.upsert(statuses, skippingUnchanged: true)
            } catch let error as DocumentStoreError {
                if start == 0 { throw error }
                for index in start..<flights.count {
                    let id = FlightKey(flights[index]).id
                    summary.rejected.append(.init(index: index, id: id, reason: "\(error)"))
                }
                return summary
            }
            summary.inserted += chunk.inserted
            summary.updated += chunk.updated
            summary.unchanged += chunk.unchanged
            summary.rejected += chunk.rejected.map { .init(index: start + $0.index, id: $0.id, reason: $0.reason) }
            progress(end, flights.count)
        }
        return summary
    }
}
