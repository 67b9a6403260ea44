import DelayModel
import Relational
import Testing

@testable import FlightQL

struct ModelPredictionInputTests {
    /// The row of `FeatureSpec.flightDelay` with every value named, for comparisons.
    private func row(
        month: Int,
        dayOfWeek: Int,
        hour: Int,
        carrier: String = "UA",
        origin: String = "EWR",
        dest: String = "ORD",
        distance: Double?,
        weather: WeatherInput = WeatherInput()
    ) -> FeatureRow {
        FeatureRow.flight(
            month: month,
            dayOfWeek: dayOfWeek,
            schedDepHour: hour,
            carrier: carrier,
            origin: origin,
            dest: dest,
            distance: distance,
            temp: weather.temperature,
            humid: weather.humidity,
            windSpeed: weather.windSpeed,
            precip: weather.precipitation,
            pressure: weather.pressure,
            visib: weather.visibility
        )
    }

    @Test func computesLocalFeaturesInTheOriginsTimeZoneAndLooksUpDistanceAndWeather() async throws {
        try await ModelFixture.withDatabase { database, _ in
            let features = try await PredictionFeatures.load(from: database)
            // 10:15Z on 2013-01-01 is 05:15 EST on a Tuesday; the weather row of EWR at 10:00Z fills in the
            // weather and the route's most common distance (719, not the one-off 720) the distance.
            let input = DelayInput(
                carrier: "UA",
                origin: "EWR",
                destination: "ORD",
                scheduledDeparture: "2013-01-01T10:15:00Z"
            )
            let expectedWeather = WeatherInput(
                temperature: 39.02,
                humidity: 59.37,
                windSpeed: 12.65858,
                precipitation: 0,
                pressure: 1012.5,
                visibility: 10
            )
            #expect(
                try await features.row(for: input)
                    == row(month: 1, dayOfWeek: 2, hour: 5, distance: 719, weather: expectedWeather)
            )
        }
    }

    @Test(arguments: [
        // 14:00Z in June is 10:00 EDT, a Saturday.
        ("2013-06-01T14:00:00Z", "EWR", 6, 6, 10),
        // The same instant written with an offset, lower-case separators and a fraction.
        ("2013-06-01t10:00:00.999-04:00", "EWR", 6, 6, 10),
        ("2013-06-01T14:00:00z", "EWR", 6, 6, 10),
        // 04:30Z on New Year's Day is still Monday 31 December, 23:30 in New York.
        ("2013-01-01T04:30:00Z", "JFK", 12, 1, 23),
        // The spring-forward night: 07:30Z on 10 March is 03:30 EDT, a Sunday.
        ("2013-03-10T07:30:00Z", "EWR", 3, 7, 3),
        // ORD is an hour behind New York: 14:00Z in June is 09:00 CDT.
        ("2013-06-01T14:00:00Z", "ORD", 6, 6, 9),
        // HNL has no IANA zone in the table: its fixed UTC offset (−10 h) is used.
        ("2013-06-01T14:00:00Z", "HNL", 6, 6, 4),
    ])
    func localTimeAtTheOrigin(timestamp: String, origin: String, month: Int, dayOfWeek: Int, hour: Int) async throws {
        try await ModelFixture.withDatabase { database, _ in
            let features = try await PredictionFeatures.load(from: database)
            let input = DelayInput(
                carrier: "AA",
                origin: origin,
                destination: "ATL",
                scheduledDeparture: timestamp,
                distance: 500,
                weather: WeatherInput(temperature: 70)
            )
            let expected = row(
                month: month,
                dayOfWeek: dayOfWeek,
                hour: hour,
                carrier: "AA",
                origin: origin,
                dest: "ATL",
                distance: 500,
                weather: WeatherInput(temperature: 70)
            )
            #expect(try await features.row(for: input) == expected)
        }
    }

    @Test func givenValuesWinAndUnknownOnesAreMissing() async throws {
        try await ModelFixture.withDatabase { database, _ in
            let features = try await PredictionFeatures.load(from: database)
            // Given partial weather is used as given (no lookup); a route without flights has no distance.
            let input = DelayInput(
                carrier: "EV",
                origin: "JFK",
                destination: "HNL",
                scheduledDeparture: "2013-01-01T10:15:00Z",
                weather: WeatherInput(humidity: 80, visibility: 2)
            )
            let expected = row(
                month: 1,
                dayOfWeek: 2,
                hour: 5,
                carrier: "EV",
                origin: "JFK",
                dest: "HNL",
                distance: nil,
                weather: WeatherInput(humidity: 80, visibility: 2)
            )
            #expect(try await features.row(for: input) == expected)
            // No weather row for the hour: every weather value is missing.
            let later = DelayInput(
                carrier: "EV",
                origin: "EWR",
                destination: "ATL",
                scheduledDeparture: "2013-01-01T11:00:00Z",
                distance: 800
            )
            #expect(
                try await features.row(for: later)
                    == row(month: 1, dayOfWeek: 2, hour: 6, carrier: "EV", origin: "EWR", dest: "ATL", distance: 800)
            )
        }
    }

    @Test func rejectsUnknownCodesAndBadTimestampsWithClientMessages() async throws {
        try await ModelFixture.withDatabase { database, _ in
            let features = try await PredictionFeatures.load(from: database)
            func failure(_ input: DelayInput) async -> PredictionInputError? {
                await #expect(throws: PredictionInputError.self) { try await features.row(for: input) }
            }
            let good = DelayInput(
                carrier: "UA",
                origin: "EWR",
                destination: "ORD",
                scheduledDeparture: "2013-06-01T14:00:00Z"
            )
            var input = good
            input.carrier = "ZZ"
            var error = await failure(input)
            #expect(error?.code == .unknownCarrier)
            #expect(error?.message == "unknown carrier 'ZZ'")
            input = good
            input.destination = "NOPE"
            error = await failure(input)
            #expect(error?.code == .unknownAirport)
            #expect(error?.message == "unknown airport 'NOPE'")
            input = good
            input.origin = "XXX"
            error = await failure(input)
            #expect(error?.code == .unknownTimeZone)
            for timestamp in [
                "", "2013-06-01", "2013-06-01T14:00:00", "2013-06-01 14:00:00Z", "2013-02-29T14:00:00Z",
                "2013-06-31T14:00:00Z", "2013-06-01T24:00:00Z", "2013-06-01T14:60:00Z", "2013-06-01T14:00:00Zjunk",
                "2013-06-01T14:00:00+5:00", "2013-06-01T14:00:00.Z", "yesterday",
            ] {
                input = good
                input.scheduledDeparture = timestamp
                error = await failure(input)
                #expect(error?.code == .invalidTimestamp, "\(timestamp)")
                #expect(error?.message.contains("RFC 3339") == true)
            }
        }
    }

    @Test func storedFlightsGetTheSameLocalFeaturesAsIngestComputed() async throws {
        try await ModelFixture.withDatabase { database, _ in
            let features = try await PredictionFeatures.load(from: database)
            let stored = try await database.read { connection in
                try connection.all("SELECT id, month, day_of_week, sched_dep_hour, distance FROM flights ORDER BY id") {
                    ($0.int64(0), $0.int(1), $0.int(2), $0.int(3), $0.int(4))
                }
            }
            let flights = try await database.flights(ids: stored.map(\.0))
            #expect(flights.count == 365 * 3)
            let weather = try #require(
                try await database.weather(keys: [WeatherKey(origin: "EWR", hour: 1_357_034_400)]).values.first
            )
            for (id, month, dayOfWeek, hour, distance) in stored {
                let flight = try #require(flights[id])
                let weather =
                    flight.weatherKey == WeatherKey(origin: weather.origin, hour: weather.time) ? weather : nil
                let expected = row(
                    month: month,
                    dayOfWeek: dayOfWeek,
                    hour: hour,
                    carrier: flight.carrier,
                    dest: flight.destination,
                    distance: Double(distance),
                    weather: WeatherInput(weather)
                )
                #expect(try features.features(of: flight, weather: weather) == expected)
            }
        }
    }

    @Test func unseenCategoriesStillPredictTheirDefaultDirection() async throws {
        try await ModelFixture.withDatabase { database, _ in
            let features = try await PredictionFeatures.load(from: database)
            let predictor = DelayPredictor(try ModelFixture.artifact(lateCarrier: "UA"))
            // JFK and HNL are valid airports the model never saw; the row predicts like a missing origin.
            let input = DelayInput(
                carrier: "UA",
                origin: "JFK",
                destination: "HNL",
                scheduledDeparture: "2013-06-01T14:00:00Z"
            )
            let unseen = try await features.row(for: input)
            var missing = unseen
            missing.values[4] = .missing
            missing.values[5] = .missing
            #expect(predictor.predict(unseen) == predictor.predict(missing))
            #expect(predictor.predict(unseen).probability == 1)
            #expect(predictor.explain(unseen).steps.first?.feature == "carrier")
        }
    }
}
