/// The SQLite schema, versioned with `PRAGMA user_version`.
///
/// Times: `sched_dep_utc`, `sched_arr_utc` and `weather.time_utc` are Unix seconds (UTC);
/// `flights.date`, `sched_dep_hour`, `sched_dep_minute` and `day_of_week` are local to the origin
/// (America/New_York for nycflights13).
public enum Schema {
    /// The schema version this program reads and writes.
    /// Version 2 added the route and per-origin delay indexes to version 1.
    public static let version = 2

    /// Creates the schema in an empty database, upgrades an older one, or checks the version.
    public static func migrate(_ connection: Connection) throws {
        let current = try connection.first("PRAGMA user_version") { $0.int(0) } ?? 0
        switch current {
        case version:
            return
        case 0:
            try connection.transaction {
                try connection.executeScript(tables)
                try createIndexes(connection)
                try connection.executeScript("PRAGMA user_version = \(version)")
            }
        case 1:
            try connection.transaction {
                try createIndexes(connection)
                try connection.executeScript("PRAGMA user_version = \(version)")
            }
        default:
            throw RelationalError(
                .unsupportedSchemaVersion,
                "database schema version \(current), this program knows \(version)"
            )
        }
    }

    /// Drops and recreates every table without secondary indexes (for a bulk load inside the
    /// caller's transaction). Call ``createIndexes(_:)`` after loading.
    public static func recreateTables(_ connection: Connection) throws {
        try connection.executeScript(
            """
            DROP TABLE IF EXISTS flights;
            DROP TABLE IF EXISTS weather;
            DROP TABLE IF EXISTS planes;
            DROP TABLE IF EXISTS airports;
            DROP TABLE IF EXISTS airlines;
            DROP TABLE IF EXISTS metadata;
            """
        )
        try connection.executeScript(tables)
    }

    /// Creates the secondary indexes: one per filter and ordering of the contract's `FlightFilter`
    /// and `FlightOrder`, plus the route (origin + destination) and the worst departures of an origin,
    /// the most common combinations. SQLite appends the row id (`flights.id`) to every index, which
    /// is the keyset tie-breaker.
    public static func createIndexes(_ connection: Connection) throws {
        try connection.executeScript(
            """
            CREATE INDEX IF NOT EXISTS flights_sched ON flights(sched_dep_utc);
            CREATE INDEX IF NOT EXISTS flights_carrier_sched ON flights(carrier, sched_dep_utc);
            CREATE INDEX IF NOT EXISTS flights_origin_sched ON flights(origin, sched_dep_utc);
            CREATE INDEX IF NOT EXISTS flights_dest_sched ON flights(dest, sched_dep_utc);
            CREATE INDEX IF NOT EXISTS flights_route_sched ON flights(origin, dest, sched_dep_utc);
            CREATE INDEX IF NOT EXISTS flights_tailnum_sched ON flights(tailnum, sched_dep_utc);
            CREATE INDEX IF NOT EXISTS flights_number_sched ON flights(flight_number, sched_dep_utc);
            CREATE INDEX IF NOT EXISTS flights_dep_delay ON flights(\(FlightOrder.departureDelayDesc.sortExpression));
            CREATE INDEX IF NOT EXISTS flights_arr_delay ON flights(\(FlightOrder.arrivalDelayDesc.sortExpression));
            CREATE INDEX IF NOT EXISTS flights_origin_dep_delay
                ON flights(origin, \(FlightOrder.departureDelayDesc.sortExpression));
            CREATE INDEX IF NOT EXISTS airports_timezone ON airports(timezone);
            """
        )
    }

    private static let tables = """
        CREATE TABLE metadata (
            key TEXT PRIMARY KEY NOT NULL,
            value TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE airlines (
            code TEXT PRIMARY KEY NOT NULL,
            name TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE airports (
            code TEXT PRIMARY KEY NOT NULL,
            name TEXT NOT NULL,
            latitude REAL NOT NULL,
            longitude REAL NOT NULL,
            altitude INTEGER,
            utc_offset REAL,
            dst TEXT,
            timezone TEXT,
            source TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE planes (
            tailnum TEXT PRIMARY KEY NOT NULL,
            year INTEGER,
            type TEXT,
            manufacturer TEXT,
            model TEXT,
            engines INTEGER,
            seats INTEGER,
            speed INTEGER,
            engine TEXT
        ) WITHOUT ROWID;
        CREATE TABLE weather (
            origin TEXT NOT NULL REFERENCES airports(code),
            time_utc INTEGER NOT NULL,
            temp REAL,
            dewp REAL,
            humid REAL,
            wind_dir INTEGER,
            wind_speed REAL,
            wind_gust REAL,
            precip REAL,
            pressure REAL,
            visib REAL,
            PRIMARY KEY (origin, time_utc)
        ) WITHOUT ROWID;
        CREATE TABLE flights (
            id INTEGER PRIMARY KEY,
            date TEXT NOT NULL,
            year INTEGER NOT NULL,
            month INTEGER NOT NULL,
            day INTEGER NOT NULL,
            day_of_week INTEGER NOT NULL,
            carrier TEXT NOT NULL REFERENCES airlines(code),
            flight_number INTEGER NOT NULL,
            tailnum TEXT,
            origin TEXT NOT NULL REFERENCES airports(code),
            dest TEXT NOT NULL REFERENCES airports(code),
            sched_dep_utc INTEGER NOT NULL,
            sched_dep_hour INTEGER NOT NULL,
            sched_dep_minute INTEGER NOT NULL,
            sched_arr_utc INTEGER,
            dep_delay INTEGER,
            arr_delay INTEGER,
            air_time INTEGER,
            distance INTEGER NOT NULL,
            cancelled INTEGER NOT NULL,
            UNIQUE (date, carrier, flight_number, origin)
        );
        """
}
