import Foundation
import Ingest
import Relational
import Synchronization
import Testing

@Suite("Ingest of the committed nycflights13 data")
struct IngestTests {
    @Test("row counts of every table")
    func counts() async throws {
        let data = try await IngestedData.get()
        let counts = try await tableCounts(data.database)
        #expect(counts == ["airlines": 16, "airports": 1_462, "planes": 3_322, "weather": 26_115, "flights": 336_776])
        #expect(data.summary.rows["flights"] == 336_776)
        #expect(data.summary.rows["airports"] == 1_462)
    }

    @Test("summary figures: supplement, flagged wind, gaps")
    func summary() async throws {
        let summary = try await IngestedData.get().summary
        #expect(summary.supplementedAirports == ["BQN", "PSE", "SJU", "STT"])
        #expect(summary.flaggedValues.count == 1)
        #expect(summary.flaggedValues.first?.column == "wind_speed")
        #expect(summary.flaggedValues.first?.value == "1048.36058")
        #expect(summary.cancelledFlights == 8_255)
        #expect(summary.flightsWithoutTailnum == 2_512)
        #expect(summary.flightsWithUnknownPlane == 50_094)
        #expect(summary.flightsWithoutWeather == 1_556)
    }

    @Test("reconciliation: every flight's origin and destination is an airport, with provenance")
    func reconciliation() async throws {
        let database = try await IngestedData.get().database
        let orphans = try await database.read { connection in
            try connection.first(
                """
                SELECT count(*) FROM flights f WHERE NOT EXISTS (SELECT 1 FROM airports a WHERE a.code = f.dest)
                OR NOT EXISTS (SELECT 1 FROM airports a WHERE a.code = f.origin)
                """
            ) { $0.int(0) }
        }
        #expect(orphans == 0)
        let (violations, enforced) = try await database.write { connection in
            (
                try connection.all("PRAGMA foreign_key_check") { $0.string(0) }.count,
                try connection.first("PRAGMA foreign_keys") { $0.int(0) }
            )
        }
        #expect(violations == 0)
        #expect(enforced == 1)
        let sju = try #require(try await database.airport(code: "SJU"))
        #expect(sju.timezone == "America/Puerto_Rico")
        #expect(sju.source.hasPrefix("airportsdata"))
        #expect(try await database.airport(code: "JFK")?.source == "nycflights13")
    }

    @Test("the 1,048 mph wind is stored as missing")
    func flaggedWind() async throws {
        let database = try await IngestedData.get().database
        // EWR 2013-02-12 03:00 local = 08:00 UTC.
        let key = WeatherKey(origin: "EWR", hour: 1_360_656_000)
        let weather = try #require(try await database.weather(keys: [key])[key])
        #expect(weather.windSpeed == nil)
        #expect(weather.temperature == 39.02)
        let maximum = try await database.read { connection in
            try connection.first("SELECT max(wind_speed) FROM weather") { $0.double(0) }
        }
        #expect(try #require(maximum) < NYCFlights13Loader.maximumPlausibleWindMPH)
    }

    @Test("a second ingest gives the same rows, row ids and public ids")
    func idempotent() async throws {
        let database = try await IngestedData.get().database
        let counts = try await tableCounts(database)
        let checksum = try await flightsChecksum(database)
        _ = try await NYCFlights13Loader.load(
            dataDirectory: Repository.dataDirectory,
            supplement: Repository.supplement,
            into: database
        )
        #expect(try await tableCounts(database) == counts)
        #expect(try await flightsChecksum(database) == checksum)
    }

    @Test("progress is reported up to completion")
    func progress() async throws {
        let database = try await Database.open(path: try temporaryDatabasePath(), readers: 1)
        let phases = ProgressLog()
        _ = try await NYCFlights13Loader.load(
            NYCFlights13Files(
                dataDirectory: Repository.fixtures + "/mini",
                supplement: Repository.fixtures + "/mini/airports-supplement.csv"
            ),
            into: database,
            progress: { phases.append($0) }
        )
        try await database.close()
        let reports = phases.values
        #expect(reports.map(\.phase).contains("flights"))
        #expect(reports.last?.phase == "analyze")
        #expect(reports.last?.fraction == 1)
        #expect(zip(reports, reports.dropFirst()).allSatisfy { $0.fraction <= $1.fraction })
    }
}

/// Collects progress reports from the loader's thread.
final class ProgressLog: Sendable {
    private let storage = Mutex<[IngestProgress]>([])
    func append(_ value: IngestProgress) { storage.withLock { $0.append(value) } }
    var values: [IngestProgress] { storage.withLock { $0 } }
}
