import Documents
import Foundation
import Testing

/// Runs `body` with a store over a fresh collection of the shared test server, then drops it.
func withStore(_ body: (FlightStatusStore) async throws -> Void) async throws {
    let client = try TestServer.client()
    let store = FlightStatusStore(client: client, collectionName: TestServer.uniqueName("flight_status"))
    do {
        try await store.prepare()
        try await body(store)
    } catch {
        try? await store.collection.drop()
        await client.shutdown()
        throw error
    }
    try await store.collection.drop()
    await client.shutdown()
}

func status(
    _ carrier: String,
    _ number: Int,
    _ date: String = "2013-01-01",
    origin: String = "EWR",
    state: FlightState = .scheduled,
    source: FlightStatusSource = .replay,
    updatedAt: Date
) -> FlightStatusDocument {
    FlightStatusDocument(
        carrierCode: carrier,
        flightNumber: number,
        date: date,
        state: state,
        departure: FlightEndpoint(airport: origin, scheduled: updatedAt, delay: 5),
        arrival: FlightEndpoint(airport: "IAH", terminal: "C", gate: "C12"),
        source: source,
        updatedAt: updatedAt,
        raw: ["flight": .int32(Int32(number)), "note": "as received"]  // nx-27017 narrows small int64s
    )
}

let base = Date(timeIntervalSince1970: 1_357_016_400)  // 2013-01-01T05:00:00Z

@Suite struct FlightStatusStoreTests {
    @Test func idIsDerivedFromTheNaturalKey() {
        #expect(status("UA", 1545, updatedAt: base).id == "UA-1545-2013-01-01-EWR")
    }

    @Test func documentsRoundTrip() async throws {
        try await withStore { store in
            let original = status("UA", 1545, state: .landed, updatedAt: base)
            let summary = try await store.upsert([original])
            #expect(summary.inserted == 1)
            let page = try await store.find(first: 10)
            #expect(page.edges.map(\.node) == [original])
            let stored = try await store.collection.find(["_id": "UA-1545-2013-01-01-EWR"])
            #expect(stored.first?["departure"]?.documentValue?["scheduled"] == .datetime(base))
        }
    }

    @Test func upsertIsIdempotentAndReportsRejections() async throws {
        try await withStore { store in
            let statuses = (1...30).map { status("B6", $0, updatedAt: base) }
            var first = try await store.upsert(statuses)
            #expect(first.inserted == 30)
            #expect(first.updated == 0)
            #expect(first.rejected.isEmpty)

            var changed = statuses
            changed[0].state = .cancelled
            changed.append(status("bad code", 1, updatedAt: base))
            changed.append(status("B6", 2, updatedAt: base.addingTimeInterval(60)))
            first = try await store.upsert(changed)
            #expect(first.inserted == 0)
            #expect(first.updated == 30)
            #expect(first.rejected.map(\.index) == [1, 30])
            #expect(first.rejected.first?.reason.contains("superseded") == true)
            #expect(first.rejected.last?.reason.contains("carrierCode") == true)
            #expect(try await store.count() == 30)
            #expect(try await store.count(filter: FlightStatusFilter(state: .cancelled)) == 1)
        }
    }

    @Test func anInvalidLaterDocumentDoesNotSupersedeAValidOne() async throws {
        try await withStore { store in
            var invalid = status("UA", 7, updatedAt: base)
            invalid.arrival.airport = "X"
            let summary = try await store.upsert([status("UA", 7, updatedAt: base), invalid])
            #expect(summary.inserted == 1)
            #expect(summary.rejected.map(\.index) == [1])
            #expect(summary.rejected.first?.reason.contains("arrival airport") == true)
        }
    }

    @Test func upsertThrowsWhenNothingCouldBeWritten() async throws {
        let client = try MongoClient(uri: "mongodb://127.0.0.1:1/flightql_test")
        let store = FlightStatusStore(client: client)
        await #expect {
            try await store.upsert([status("UA", 1, updatedAt: base)])
        } throws: { error in
            (error as? DocumentStoreError)?.code == .unavailable
        }
        await client.shutdown()
    }

    @Test func keysetPagesCoverEveryDocumentOnceInOrder() async throws {
        try await withStore { store in
            // Ties on updatedAt are ordered by _id, so pages never skip or repeat across equal times.
            let statuses = (1...7).map { status("AA", $0, updatedAt: base.addingTimeInterval(Double($0 / 3) * 60)) }
            _ = try await store.upsert(statuses)
            var seen: [String] = []
            var after: String?
            var pages = 0
            repeat {
                let page = try await store.find(first: 3, after: after)
                seen += page.edges.map(\.node.id)
                after = page.hasNextPage ? page.endCursor : nil
                pages += 1
            } while after != nil
            let expected = statuses.sorted { ($0.updatedAt, $1.id) > ($1.updatedAt, $0.id) }.map(\.id)
            #expect(seen == expected)
            #expect(pages == 3)
        }
    }

    @Test func filtersAreTypedValues() async throws {
        try await withStore { store in
            _ = try await store.upsert([
                status("UA", 1, state: .active, source: .api, updatedAt: base),
                status("UA", 2, "2013-01-02", state: .landed, updatedAt: base.addingTimeInterval(3600)),
                status("DL", 1, state: .active, updatedAt: base.addingTimeInterval(7200)),
            ])
            #expect(try await store.count(filter: FlightStatusFilter(carrierCode: "UA")) == 2)
            #expect(try await store.count(filter: FlightStatusFilter(flightNumber: 1)) == 2)
            #expect(try await store.count(filter: FlightStatusFilter(date: "2013-01-02")) == 1)
            #expect(try await store.count(filter: FlightStatusFilter(state: .active)) == 2)
            #expect(try await store.count(filter: FlightStatusFilter(source: "api")) == 1)
            let recent = try await store.find(
                filter: FlightStatusFilter(updatedSince: base.addingTimeInterval(3600)),
                first: 5
            )
            #expect(recent.edges.map(\.node.id) == ["DL-1-2013-01-01-EWR", "UA-2-2013-01-02-EWR"])
            let window = FlightStatusFilter(updatedSince: base, updatedBefore: base.addingTimeInterval(7200))
            #expect(
                try await store.find(filter: window, first: 5).edges.map(\.node.id) == [
                    "UA-2-2013-01-02-EWR", "UA-1-2013-01-01-EWR",
                ]
            )
        }
    }

    @Test(arguments: [#"{"$ne": null}"#, "$where", #"{"$gt": ""}"#, "UA' || '1'=='1"])
    func clientStringsAreNeverOperators(text: String) async throws {
        try await withStore { store in
            _ = try await store.upsert([status("UA", 1, updatedAt: base)])
            #expect(try await store.count(filter: FlightStatusFilter(carrierCode: text)) == 0)
            #expect(try await store.count(filter: FlightStatusFilter(source: text)) == 0)
            #expect(try await store.find(filter: FlightStatusFilter(date: text), first: 5).edges.isEmpty)
        }
    }

    @Test func malformedCursorsAndNegativeSizesAreRefused() async throws {
        try await withStore { store in
            for cursor in ["not base64!", Data("no-colon".utf8).base64EncodedString()] {
                await #expect {
                    try await store.find(first: 1, after: cursor)
                } throws: { error in
                    (error as? DocumentStoreError)?.code == .invalidArgument
                }
            }
            await #expect {
                try await store.find(first: -1)
            } throws: { error in
                (error as? DocumentStoreError)?.code == .invalidArgument
            }
        }
    }

    @Test func statusesForManyFlightsInOneQuery() async throws {
        try await withStore { store in
            _ = try await store.upsert([
                status("UA", 1, updatedAt: base), status("UA", 1, origin: "JFK", updatedAt: base),
                status("UA", 2, updatedAt: base),
            ])
            let keys = [
                FlightKey(carrierCode: "UA", flightNumber: 1, date: "2013-01-01", origin: "EWR"),
                FlightKey(carrierCode: "UA", flightNumber: 2, date: "2013-01-01", origin: "EWR"),
                FlightKey(carrierCode: "UA", flightNumber: 3, date: "2013-01-01", origin: "EWR"),
            ]
            let found = try await store.statuses(forFlights: keys)
            #expect(found.count == 3)
            #expect(found[keys[0]]?.map(\.id) == ["UA-1-2013-01-01-EWR"])
            #expect(found[keys[1]]?.map(\.id) == ["UA-2-2013-01-01-EWR"])
            #expect(found[keys[2]] == [])
        }
    }

    @Test func aDuplicateNaturalKeyUnderAnotherIdIsRejected() async throws {
        try await withStore { store in
            _ = try await store.upsert([status("UA", 1, updatedAt: base)])
            // A document written by someone else with the same natural key but a different _id.
            var intruder = status("UA", 1, updatedAt: base).document
            intruder["_id"] = "other"
            let result = try await store.collection.bulkWrite([.insertOne(intruder)])
            #expect(result.failures.map(\.code) == [11000])
        }
    }
}
