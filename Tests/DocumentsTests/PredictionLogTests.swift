import Documents
import Foundation
import Testing

@Suite struct PredictionLogTests {
    @Test func loggedRecordsAreFoundByTimeWindow() async throws {
        let client = try TestServer.client()
        let log = PredictionLog(client: client, collectionName: TestServer.uniqueName("predictions"))
        do {
            try await log.prepare()
            let records = (0..<5).map { minute in
                PredictionRecord(
                    inputs: ["carrier": "UA", "hour": .int32(Int32(minute))],
                    probability: Double(minute) / 10,
                    modelVersion: "test-1",
                    time: base.addingTimeInterval(Double(minute) * 60)
                )
            }
            log.log(Array(records[0..<2]))
            log.log(records[2])
            try await log.write(Array(records[3...]))
            await log.flush()
            #expect(log.droppedCount == 0)
            let window = try await log.find(from: base.addingTimeInterval(60), to: base.addingTimeInterval(240))
            #expect(window == Array(records[1..<4]))
        } catch {
            try? await log.collection.drop()
            await client.shutdown()
            throw error
        }
        try await log.collection.drop()
        await client.shutdown()
    }

    @Test func failedBackgroundWritesAreCounted() async throws {
        let client = try MongoClient(uri: "mongodb://127.0.0.1:1/flightql_test")
        let log = PredictionLog(client: client)
        log.log(PredictionRecord(inputs: [:], probability: 0.5, modelVersion: "test-1", time: base))
        await log.flush()
        #expect(log.droppedCount == 1)
        await client.shutdown()
    }
}
