import Documents
import Foundation
import Testing

/// A loop over every libmongoc/libbson path of the layer (successes and errors), meant to be run under
/// LeakSanitizer, which must report no leak (valgrind 3.19 cannot read Swift 6.3's DWARF 5 and crashes
/// on the test runner). The one suppression is swift-nio's perpetual singleton thread pool:
///
///     swift build --build-tests --sanitize address
///     MONGODB_URI=$(scripts/mongodb-test-server.sh start) \
///       LSAN_OPTIONS=suppressions=<(echo leak:globalPosixBlockingPool) \
///       .build/debug/flightqlPackageTests.xctest --testing-library swift-testing --filter LeakLoopTests
///
/// It exits non-zero on a leak: with `mongoc_cursor_destroy` removed, LeakSanitizer reports the cursors.
/// Run normally it checks the same operations' results, so it is an ordinary test as well.
@Suite struct LeakLoopTests {
    @Test func everyOperationReleasesItsHandles() async throws {
        for _ in 0..<3 {
            let client = try TestServer.client()
            let store = FlightStatusStore(client: client, collectionName: TestServer.uniqueName("leak"))
            let log = PredictionLog(client: client, collectionName: TestServer.uniqueName("leak_predictions"))
            do {
                try await client.ping()
                try await store.prepare()
                try await log.prepare()
                for round in 0..<10 {
                    let statuses = (1...20).map { status("UA", $0, updatedAt: base.addingTimeInterval(Double(round))) }
                    let summary = try await store.upsert(statuses)
                    #expect(summary.inserted + summary.updated == 20)
                    let page = try await store.find(filter: FlightStatusFilter(carrierCode: "UA"), first: 5)
                    #expect(try await store.find(first: 5, after: page.endCursor).edges.count == 5)
                    #expect(try await store.count() == 20)
                    #expect(try await store.statuses(forFlights: statuses.prefix(3).map(\.key)).count == 3)
                    #expect(try await store.collection.aggregate([["$count": "n"]]).first?["n"]?.intValue == 20)
                    _ = try await store.collection.updateOne(
                        filter: ["_id": "UA-1-2013-01-01-EWR"],
                        update: ["$set": ["gate": "A1"]]
                    )
                    // Error paths: a refused write and a malformed cursor.
                    var duplicate = statuses[0].document
                    duplicate["_id"] = "duplicate"
                    #expect(try await store.collection.bulkWrite([.insertOne(duplicate)]).failures.count == 1)
                    await #expect(throws: DocumentStoreError.self) { try await store.find(first: 1, after: "%%") }
                    try await log.write([
                        PredictionRecord(inputs: ["a": 1], probability: 0.5, modelVersion: "v", time: base)
                    ])
                }
                #expect(try await log.find(from: base, to: base.addingTimeInterval(1)).count == 10)
            } catch {
                try? await store.collection.drop()
                try? await log.collection.drop()
                await client.shutdown()
                throw error
            }
            try await store.collection.drop()
            try await log.collection.drop()
            await client.shutdown()
        }
        // The unavailable path: server selection fails, every handle is still released.
        let unreachable = try MongoClient(uri: "mongodb://127.0.0.1:1/flightql_test?serverSelectionTimeoutMS=200")
        await #expect(throws: DocumentStoreError.self) { try await unreachable.ping() }
        await unreachable.shutdown()
    }
}
