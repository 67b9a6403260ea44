/// ICAO → IATA code tables, for feeds that identify airports and airlines by ICAO code (OpenSky) while
/// FlightQL's keys use IATA codes, plus each airport's IANA time zone (status dates are local).
///
/// Loaded from `data/reference/airport-codes.csv.gz` (`icao,iata,timezone`, from `airportsdata`) and
/// `data/reference/airline-codes.csv` (`icao,iata,name`).
public struct CodeReference: Sendable {
    /// An airport's IATA code and time zone.
    public struct Airport: Sendable, Hashable {
        /// The IATA code, e.g. `JFK`.
        public var iata: String
        /// The IANA time zone, e.g. `America/New_York`.
        public var timezone: String

        /// An airport.
        public init(iata: String, timezone: String) {
            self.iata = iata
            self.timezone = timezone
        }
    }

    /// Airports by ICAO code.
    public private(set) var airportsByICAO: [String: Airport]
    /// ICAO codes by IATA code (to poll an airport given as `JFK`).
    public private(set) var icaoByIATA: [String: String]
    /// IATA airline designators by ICAO designator (`UAL` → `UA`).
    public private(set) var airlinesByICAO: [String: String]

    /// Tables from explicit entries (for tests and small feeds).
    public init(airports: [String: Airport], airlines: [String: String]) {
        airportsByICAO = airports
        airlinesByICAO = airlines
        icaoByIATA = Dictionary(airports.map { ($0.value.iata, $0.key) }, uniquingKeysWith: { first, _ in first })
    }

    /// The tables of `airport-codes.csv.gz` and `airline-codes.csv` in `directory`.
    ///
    /// - Throws: `IngestError` naming the file and line of a missing file or a malformed record.
    public init(directory: String) throws(IngestError) {
        var airports: [String: Airport] = [:]
        try Self.read(path: directory + "/airport-codes.csv.gz", columns: ["icao", "iata", "timezone"]) { fields in
            airports[fields[0]] = Airport(iata: fields[1], timezone: fields[2])
        }
        var airlines: [String: String] = [:]
        try Self.read(path: directory + "/airline-codes.csv", columns: ["icao", "iata", "name"]) { fields in
            airlines[fields[0]] = fields[1]
        }
        self.init(airports: airports, airlines: airlines)
    }

    private static func read(
        path: String,
        columns: [String],
        _ body: ([String]) -> Void
    ) throws(IngestError) {
        var reader = try CSVReader(path: path)
        defer { reader.close() }
        try reader.expectHeader(columns)
        while let record = try reader.next() {
            guard record.fields.count == columns.count, record.fields.allSatisfy({ !$0.isEmpty }) else {
                throw IngestError(
                    .malformedRow,
                    file: reader.fileName,
                    line: record.line,
                    "expected \(columns.count) non-empty fields"
                )
            }
            body(record.fields)
        }
    }
}
