import Ingest
import Relational
import Testing

/// The small hand-made data set in `Fixtures/mini`, with `flights` replaced by `flightsFile`.
private func miniFiles(flights flightsFile: String? = nil) -> NYCFlights13Files {
    var files = NYCFlights13Files(
        dataDirectory: Repository.fixtures + "/mini",
        supplement: Repository.fixtures + "/mini/airports-supplement.csv"
    )
    if let flightsFile { files.flights = Repository.fixtures + "/broken/" + flightsFile }
    return files
}

@Suite("Ingest of small fixtures")
struct FixtureTests {
    @Test("times: UTC departure from time_hour, arrival in the destination's zone, next day when needed")
    func times() async throws {
        let database = try await Database.open(path: try temporaryDatabasePath(), readers: 1)
        let summary = try await NYCFlights13Loader.load(miniFiles(), into: database)
        let page = try await database.flightsPage(first: 10)
        try await database.close()

        #expect(summary.rows == ["airlines": 2, "airports": 5, "planes": 1, "weather": 2, "flights": 3])
        #expect(summary.flaggedValues.map(\.column) == ["wind_speed", "wind_gust"])
        #expect(summary.flaggedValues.map(\.line) == [3, 3])
        #expect(summary.cancelledFlights == 1)
        #expect(summary.flightsWithUnknownPlane == 1)
        #expect(summary.flightsWithoutTailnum == 1)
        #expect(summary.flightsWithoutWeather == 2)

        let flights = page.flights
        #expect(flights.map(\.flightNumber) == [1545, 1, 33])
        // 2013-01-01 05:15 EST = 10:15Z; 08:19 CST at IAH = 14:19Z.
        #expect(flights[0].scheduledDeparture == 1_357_035_300)
        #expect(flights[0].scheduledArrival == 1_357_049_940)
        // 23:59 EST on Jan 1 = 04:59Z Jan 2; 04:40 AST at SJU is the next morning, 08:40Z Jan 2.
        #expect(flights[1].cancelled)
        #expect(flights[1].departureDelay == nil)
        #expect(flights[1].scheduledDeparture == 1_357_102_740)
        #expect(flights[1].scheduledArrival == 1_357_116_000)
        // 19:00 EDT on Jul 4 = 23:00Z; 22:10 PDT at LAX = 05:10Z Jul 5.
        #expect(flights[2].scheduledDeparture == 1_372_978_800)
        #expect(flights[2].scheduledArrival == 1_373_001_000)
        #expect(flights[2].departureDelay == 30)
    }

    @Test(
        "a malformed row fails the load with its file and line, and nothing is loaded",
        arguments: [
            ("flights-columns.csv.gz", 4, "expected 19 fields, found 18"),
            ("flights-number.csv.gz", 3, "not an integer in column distance"),
            ("flights-carrier.csv.gz", 2, "unknown carrier in column carrier"),
            ("flights-quote.csv.gz", 4, "unterminated quoted field"),
        ]
    )
    func malformed(file: String, line: Int, message: String) async throws {
        let database = try await Database.open(path: try temporaryDatabasePath(), readers: 1)
        _ = try await NYCFlights13Loader.load(miniFiles(), into: database)
        let before = try await tableCounts(database)

        let error = await #expect(throws: IngestError.self) {
            try await NYCFlights13Loader.load(miniFiles(flights: file), into: database)
        }
        #expect(error?.code == .malformedRow)
        #expect(error?.file == file)
        #expect(error?.line == line)
        #expect(error?.message == message)
        // The transaction was rolled back: the previous load is intact.
        #expect(try await tableCounts(database) == before)
        try await database.close()
    }

    @Test("a failed first load leaves empty tables")
    func failedFirstLoad() async throws {
        let database = try await Database.open(path: try temporaryDatabasePath(), readers: 1)
        await #expect(throws: IngestError.self) {
            try await NYCFlights13Loader.load(miniFiles(flights: "flights-carrier.csv.gz"), into: database)
        }
        #expect(
            try await tableCounts(database) == ["airlines": 0, "airports": 0, "planes": 0, "weather": 0, "flights": 0]
        )
        try await database.close()
    }

    @Test("a missing file is reported before anything is loaded")
    func missingFile() async throws {
        let database = try await Database.open(path: try temporaryDatabasePath(), readers: 1)
        var files = miniFiles()
        files.weather = Repository.fixtures + "/mini/absent.csv.gz"
        let error = await #expect(throws: IngestError.self) {
            try await NYCFlights13Loader.load(files, into: database)
        }
        #expect(error?.code == .unreadableFile)
        #expect(error?.file == "absent.csv.gz")
        try await database.close()
    }
}
