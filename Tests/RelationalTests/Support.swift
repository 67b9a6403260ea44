import Foundation
import Relational

/// A fresh database in a temporary directory; closed by `body`'s end.
func withTemporaryDatabase<T>(readers: Int = 2, _ body: (Database) async throws -> T) async throws -> T {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("flightql-rel-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let database = try await Database.open(path: directory.appendingPathComponent("db.sqlite").path, readers: readers)
    do {
        let result = try await body(database)
        try await database.close()
        return result
    } catch {
        try await database.close()
        throw error
    }
}

/// A synthetic flight row for tests.
struct TestFlight {
    var carrier: String
    var flightNumber: Int
    var departure: Int64
    var departureDelay: Int?
    var arrivalDelay: Int?
    var hour: Int = 10
    var dayOfWeek: Int = 1
    var month: Int = 1

    var cancelled: Bool { departureDelay == nil }
}

/// Inserts airlines AA and UA, airports EWR and LAX, and `flights` (in order, row ids 1…n).
func insert(_ flights: [TestFlight], into database: Database) async throws {
    let rows = flights
    try await database.write { connection in
        try connection.transaction {
            try connection.execute("INSERT INTO airlines (code, name) VALUES ('AA', 'American'), ('UA', 'United')")
            try connection.execute(
                """
                INSERT INTO airports (code, name, latitude, longitude, timezone, source) VALUES
                ('EWR', 'Newark', 40.7, -74.2, 'America/New_York', 'test'),
                ('LAX', 'Los Angeles', 33.9, -118.4, 'America/Los_Angeles', 'test')
                """
            )
            for (index, flight) in rows.enumerated() {
                try connection.execute(
                    """
                    INSERT INTO flights (date, year, month, day, day_of_week, carrier, flight_number, tailnum, origin,
                    dest, sched_dep_utc, sched_dep_hour, sched_dep_minute, sched_arr_utc, dep_delay, arr_delay,
                    air_time, distance, cancelled)
                    VALUES (?, 2013, ?, 1, ?, ?, ?, NULL, 'EWR', 'LAX', ?, ?, 0, NULL, ?, ?, NULL, 2454, ?)
                    """,
                    [
                        .text("2013-01-\(10 + index)"), SQLValue(flight.month), SQLValue(flight.dayOfWeek),
                        .text(flight.carrier), SQLValue(flight.flightNumber), .integer(flight.departure),
                        SQLValue(flight.hour), SQLValue(flight.departureDelay), SQLValue(flight.arrivalDelay),
                        .integer(flight.cancelled ? 1 : 0),
                    ]
                )
            }
        }
    }
}
