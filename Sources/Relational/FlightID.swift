/// The public id of a flight: unpadded base64url of its natural key
/// `date|carrier|flightNumber|origin`, e.g. `2013-01-01|UA|1545|EWR`.
///
/// Derived from data, not from the row id, so it is stable across re-ingestion.
public struct FlightID: Sendable, Hashable {
    /// Local date of scheduled departure, `YYYY-MM-DD`.
    public var date: String
    public var carrier: String
    public var flightNumber: Int
    public var origin: String

    public init(date: String, carrier: String, flightNumber: Int, origin: String) {
        self.date = date
        self.carrier = carrier
        self.flightNumber = flightNumber
        self.origin = origin
    }

    /// Decodes a public id; nil when it is not a well-formed id.
    public init?(_ encoded: String) {
        guard let text = Base64URL.decode(encoded) else { return nil }
        let parts = text.split(separator: "|", omittingEmptySubsequences: false)
        guard parts.count == 4, let number = Int(parts[2]), number >= 0,
            parts[0].utf8.count == 10, !parts[1].isEmpty, !parts[3].isEmpty
        else { return nil }
        self.init(date: String(parts[0]), carrier: String(parts[1]), flightNumber: number, origin: String(parts[3]))
        guard self.encoded == encoded else { return nil }
    }

    /// The opaque id string.
    public var encoded: String {
        Base64URL.encode("\(date)|\(carrier)|\(flightNumber)|\(origin)")
    }
}
