public import Foundation

/// A historical flight row (from the relational store) in the shape the replay feed needs.
public struct HistoricalFlight: Sendable, Hashable {
    /// The IATA carrier code.
    public var carrier: String
    /// The flight number.
    public var flightNumber: Int
    /// The local date of scheduled departure, `YYYY-MM-DD`.
    public var date: String
    /// The departure airport.
    public var origin: String
    /// The arrival airport.
    public var destination: String
    /// The scheduled departure (UTC instant).
    public var scheduledDeparture: Date
    /// The scheduled arrival, when known.
    public var scheduledArrival: Date?
    /// Departure delay in minutes (negative when early); `nil` when the flight did not depart.
    public var departureDelay: Int?
    /// Arrival delay in minutes; `nil` when the flight did not arrive where scheduled.
    public var arrivalDelay: Int?
    /// Whether the flight was cancelled.
    public var cancelled: Bool
    /// The aircraft's tail number, kept in `raw`.
    public var tailnum: String?
    /// Minutes in the air, kept in `raw`.
    public var airTime: Int?
    /// Miles, kept in `raw`.
    public var distance: Int?

    /// A row.
    public init(
        carrier: String,
        flightNumber: Int,
        date: String,
        origin: String,
        destination: String,
        scheduledDeparture: Date,
        scheduledArrival: Date?,
        departureDelay: Int?,
        arrivalDelay: Int?,
        cancelled: Bool,
        tailnum: String? = nil,
        airTime: Int? = nil,
        distance: Int? = nil
    ) {
        self.carrier = carrier
        self.flightNumber = flightNumber
        self.date = date
        self.origin = origin
        self.destination = destination
        self.scheduledDeparture = scheduledDeparture
        self.scheduledArrival = scheduledArrival
        self.departureDelay = departureDelay
        self.arrivalDelay = arrivalDelay
        self.cancelled = cancelled
        self.tailnum = tailnum
        self.airTime = airTime
        self.distance = distance
    }
}

extension FlightStatusDocument {
    /// The status a historical flight ended in, as the replay feed writes it (`source: replay`).
    ///
    /// Cancelled → `CANCELLED`; departed and arrived → `LANDED`; departed without an arrival → `DIVERTED`;
    /// neither → `SCHEDULED`. Actual times are the scheduled ones plus the delays. `updatedAt` is the time
    /// of the last event (arrival, else departure, else scheduled departure), so replaying the same rows
    /// writes identical documents. `raw` keeps the row's columns.
    public init(replaying flight: HistoricalFlight) {
        let departed = !flight.cancelled && flight.departureDelay != nil
        let arrived = departed && flight.arrivalDelay != nil
        let state: FlightState =
            flight.cancelled ? .cancelled : arrived ? .landed : departed ? .diverted : .scheduled
        let departureActual =
            departed
            ? flight.departureDelay.map { flight.scheduledDeparture.addingTimeInterval(Double($0) * 60) } : nil
        let arrivalActual =
            arrived
            ? flight.scheduledArrival.flatMap { scheduled in
                flight.arrivalDelay.map { scheduled.addingTimeInterval(Double($0) * 60) }
            } : nil
        var raw: Document = [
            "carrier": .string(flight.carrier),
            "flight": .int32(Int32(clamping: flight.flightNumber)),
            "date": .string(flight.date),
            "origin": .string(flight.origin),
            "dest": .string(flight.destination),
            "sched_dep": .datetime(flight.scheduledDeparture),
            "sched_arr": flight.scheduledArrival.map(BSONValue.datetime) ?? .null,
            "dep_delay": flight.departureDelay.map { .int32(Int32(clamping: $0)) } ?? .null,
            "arr_delay": flight.arrivalDelay.map { .int32(Int32(clamping: $0)) } ?? .null,
            "cancelled": .bool(flight.cancelled),
        ]
        if let tailnum = flight.tailnum { raw.append("tailnum", .string(tailnum)) }
        if let airTime = flight.airTime { raw.append("air_time", .int32(Int32(clamping: airTime))) }
        if let distance = flight.distance { raw.append("distance", .int32(Int32(clamping: distance))) }
        self.init(
            carrierCode: flight.carrier,
            flightNumber: flight.flightNumber,
            date: flight.date,
            state: state,
            departure: FlightEndpoint(
                airport: flight.origin,
                scheduled: flight.scheduledDeparture,
                actual: departureActual,
                delay: departed ? flight.departureDelay : nil
            ),
            arrival: FlightEndpoint(
                airport: flight.destination,
                scheduled: flight.scheduledArrival,
                actual: arrivalActual,
                delay: arrived ? flight.arrivalDelay : nil
            ),
            source: .replay,
            updatedAt: arrivalActual ?? departureActual ?? flight.scheduledDeparture,
            raw: raw
        )
    }
}
