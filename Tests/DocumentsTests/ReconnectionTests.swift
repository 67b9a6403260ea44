import Documents
import Foundation
import Testing

/// Stops and restarts a server of the test's own (never the shared one) under a live client.
@Suite struct ReconnectionTests {
    @Test func unavailableWhileDownAndBackWhenRestarted() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(TestServer.uniqueName("mongo"))
        let uri = try TestServer.script("start", stateDirectory: directory)
        let client = try MongoClient(uri: uri)
        do {
            let collection = client.collection("reconnect")
            _ = try await collection.bulkWrite([.insertOne(["_id": "before"])])
            try TestServer.script("stop", stateDirectory: directory)

            await #expect {
                try await collection.countDocuments()
            } throws: { error in
                (error as? DocumentStoreError)?.code == .unavailable
            }
            await #expect {
                try await client.ping()
            } throws: { error in
                (error as? DocumentStoreError)?.code == .unavailable
            }

            #expect(try TestServer.script("start", stateDirectory: directory) == uri)
            try await client.ping()
            #expect(try await collection.find().map { $0["_id"] } == ["before"])
        } catch {
            await client.shutdown()
            _ = try? TestServer.script("stop", stateDirectory: directory)
            throw error
        }
        await client.shutdown()
        try TestServer.script("stop", stateDirectory: directory)
        try? FileManager.default.removeItem(at: directory)
    }
}
