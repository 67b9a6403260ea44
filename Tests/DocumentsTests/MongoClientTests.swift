import Documents
import Foundation
import Testing

@Suite struct MongoClientTests {
    @Test func pingsTheTestServer() async throws {
        let client = try TestServer.client()
        try await client.ping()
        await client.shutdown()
    }

    @Test func databaseComesFromTheURIPath() async throws {
        let named = try MongoClient(uri: "mongodb://127.0.0.1:1/airline_data")
        let unnamed = try MongoClient(uri: "mongodb://127.0.0.1:1")
        #expect(named.databaseName == "airline_data")
        #expect(unnamed.databaseName == "flightql")
        await named.shutdown()
        await unnamed.shutdown()
    }

    @Test func malformedURIIsRefused() {
        #expect {
            try MongoClient(uri: "http://not-mongodb")
        } throws: { error in
            (error as? DocumentStoreError)?.code == .invalidURI
        }
    }

    @Test func unreachableServerIsUnavailable() async throws {
        // Port 1 on the loopback refuses connections; the short default selection timeout ends the wait.
        let client = try MongoClient(uri: "mongodb://127.0.0.1:1/flightql_test")
        await #expect {
            try await client.ping()
        } throws: { error in
            (error as? DocumentStoreError)?.code == .unavailable
        }
        await client.shutdown()
    }

    @Test func callsAfterShutdownFail() async throws {
        let client = try TestServer.client()
        await client.shutdown()
        await #expect {
            try await client.ping()
        } throws: { error in
            (error as? DocumentStoreError)?.code == .shutdown
        }
        await client.shutdown()  // idempotent
    }

    @Test func collectionOperations() async throws {
        let client = try TestServer.client()
        let collection = client.collection(TestServer.uniqueName("ops"))
        do {
            let models: [MongoCollection.WriteModel] = (1...5).map { (number: Int) in
                let document: Document = [
                    "_id": .string("d\(number)"), "n": .int64(Int64(number)),
                    "parity": .string(number % 2 == 0 ? "even" : "odd"), "even": .bool(number % 2 == 0),
                ]
                return .insertOne(document)
            }
            let write = try await collection.bulkWrite(models)
            #expect(write.inserted == 5)
            #expect(write.failures.isEmpty)

            let page = try await collection.find(
                ["n": ["$gte": 2]],
                options: .init(sort: ["n": -1], limit: 2, skip: 1)
            )
            #expect(page.map { $0["_id"] } == ["d4", "d3"])
            #expect(try await collection.countDocuments(["even": true]) == 2)
            #expect(try await collection.countDocuments() == 5)

            let groups = try await collection.aggregate([
                ["$match": ["n": ["$lte": 4]]],
                ["$group": ["_id": "$parity", "total": ["$sum": "$n"]]],
                ["$sort": ["_id": 1]],
            ])
            #expect(groups.map { $0["_id"] } == ["even", "odd"])
            #expect(groups.map { $0["total"]?.intValue } == [6, 4])

            let inserted = try await collection.updateOne(
                filter: ["_id": "d9"],
                update: ["$set": ["n": 9]],
                upsert: true
            )
            #expect(inserted.matched == 0)
            #expect(inserted.upsertedID == "d9")
            let updated = try await collection.updateOne(filter: ["_id": "d1"], update: ["$set": ["n": 10]])
            #expect(updated.matched == 1)
            #expect(updated.upsertedID == nil)
            #expect(try await collection.find(["_id": "d1"]).first?["n"]?.intValue == 10)
        } catch {
            try? await collection.drop()
            await client.shutdown()
            throw error
        }
        try await collection.drop()
        await client.shutdown()
    }

    @Test func unorderedBulkWriteReportsEachFailure() async throws {
        let client = try TestServer.client()
        let collection = client.collection(TestServer.uniqueName("bulk"))
        do {
            try await collection.createIndexes([.init(name: "code_unique", keys: ["code": 1], unique: true)])
            let result = try await collection.bulkWrite([
                .replaceOne(filter: ["_id": "a"], replacement: ["_id": "a", "code": "X"], upsert: true),
                .replaceOne(filter: ["_id": "b"], replacement: ["_id": "b", "code": "X"], upsert: true),
                .replaceOne(filter: ["_id": "c"], replacement: ["_id": "c", "code": "Y"], upsert: true),
            ])
            #expect(result.upserted == 2)
            #expect(result.failures.map(\.index) == [1])
            #expect(result.failures.first?.code == 11000)
            #expect(try await collection.countDocuments() == 2)
        } catch {
            try? await collection.drop()
            await client.shutdown()
            throw error
        }
        try await collection.drop()
        await client.shutdown()
    }

    @Test func operatorLookingStringsAreData() async throws {
        let client = try TestServer.client()
        let collection = client.collection(TestServer.uniqueName("inject"))
        do {
            _ = try await collection.bulkWrite([
                .insertOne(["_id": "1", "carrierCode": "UA"]), .insertOne(["_id": "2", "carrierCode": "$where"]),
            ])
            #expect(try await collection.find(["carrierCode": #"{"$ne": null}"#]).isEmpty)
            #expect(try await collection.find(["carrierCode": ["$eq": "$where"]]).map { $0["_id"] } == ["2"])
        } catch {
            try? await collection.drop()
            await client.shutdown()
            throw error
        }
        try await collection.drop()
        await client.shutdown()
    }
}
