import Documents
import Foundation

/// A loop over every libmongoc/libbson path of the Documents layer (successes and errors), shared by
/// `LeakLoopTests` (which checks its results) and the `LeakLoop` executable of `leakcheck/`, which
/// `make test` builds with AddressSanitizer and runs under LeakSanitizer (`scripts/leak-check.sh`).
enum LeakLoop {
    /// Runs the loop `clients` times, each time with a fresh client and fresh collections, then the
    /// unavailable path once; returns the checks that failed (empty when every result was as expected).
    ///
    /// - Throws: when an operation expected to succeed fails.
    static func run(uri: String, clients: Int = 3) async throws -> [String] {
        var failures: [String] = []
        func check(_ condition: Bool, _ what: String) {
            if !condition { failures.append(what) }
        }
        let updatedAt = Date(timeIntervalSince1970: 1_357_016_400)
        for _ in 0..<clients {
            let client = try MongoClient(uri: uri)
            let suffix = UUID().uuidString.prefix(8).lowercased()
            let store = FlightStatusStore(client: client, collectionName: "leak_\(suffix)")
            let log = PredictionLog(client: client, collectionName: "leak_predictions_\(suffix)")
            do {
                try await client.ping()
                try await store.prepare()
                try await log.prepare()
                for round in 0..<10 {
                    let statuses = (1...20).map { number in
                        FlightStatusDocument(
                            carrierCode: "UA",
                            flightNumber: number,
                            date: "2013-01-01",
                            state: .scheduled,
                            departure: FlightEndpoint(airport: "EWR", scheduled: updatedAt, delay: 5),
                            arrival: FlightEndpoint(airport: "IAH", terminal: "C", gate: "C12"),
                            source: .replay,
                            updatedAt: updatedAt.addingTimeInterval(Double(round)),
                            raw: ["flight": .int32(Int32(number))]
                        )
                    }
                    let summary = try await store.upsert(statuses)
                    check(summary.inserted + summary.updated == 20, "upsert wrote 20 documents")
                    let page = try await store.find(filter: FlightStatusFilter(carrierCode: "UA"), first: 5)
                    check(try await store.find(first: 5, after: page.endCursor).edges.count == 5, "second page")
                    check(try await store.count() == 20, "count")
                    let keys = statuses.prefix(3).map(\.key)
                    check(try await store.statuses(forFlights: keys).count == 3, "statuses by key")
                    let counted = try await store.collection.aggregate([["$count": "n"]])
                    check(counted.first?["n"]?.intValue == 20, "aggregate")
                    _ = try await store.collection.updateOne(
                        filter: ["_id": "UA-1-2013-01-01-EWR"],
                        update: ["$set": ["gate": "A1"]]
                    )
                    // Error paths: a refused write and a malformed cursor.
                    var duplicate = statuses[0].document
                    duplicate["_id"] = "duplicate"
                    let refused = try await store.collection.bulkWrite([.insertOne(duplicate)])
                    check(refused.failures.count == 1, "duplicate natural key refused")
                    do {
                        _ = try await store.find(first: 1, after: "%%")
                        check(false, "malformed cursor refused")
                    } catch is DocumentStoreError {}
                    try await log.write([
                        PredictionRecord(inputs: ["a": 1], probability: 0.5, modelVersion: "v", time: updatedAt)
                    ])
                }
                let logged = try await log.find(from: updatedAt, to: updatedAt.addingTimeInterval(1))
                check(logged.count == 10, "predictions logged")
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
        do {
            try await unreachable.ping()
            check(false, "an unreachable server fails")
        } catch is DocumentStoreError {}
        await unreachable.shutdown()
        return failures
    }
}
