import Foundation
import Testing

@testable import Documents

/// While MongoDB is down, one call at a time waits for it and the others fail at once.
@Suite struct AvailabilityGateTests {
    @Test func oneProbeAtATimeWhileDown() throws {
        let gate = AvailabilityGate()
        #expect(try gate.admit() == false)  // up: every call goes through, none is a probe
        #expect(try gate.admit() == false)
        gate.finish(probe: false, reachedServer: false)
        gate.finish(probe: false, reachedServer: true)  // a call that was in flight reached the server
        #expect(try gate.admit() == false)
        gate.finish(probe: false, reachedServer: false)

        #expect(try gate.admit() == true)  // down: the first call probes
        #expect { try gate.admit() } throws: { error in (error as? DocumentStoreError)?.code == .unavailable }
        gate.finish(probe: true, reachedServer: false)
        #expect(try gate.admit() == true)  // still down: the next call probes again
        gate.finish(probe: true, reachedServer: true)
        #expect(try gate.admit() == false)  // back up
    }

    @Test func concurrentCallsToADownServerDoNotAllWait() async throws {
        let client = try MongoClient(uri: "mongodb://127.0.0.1:1/flightql_test?serverSelectionTimeoutMS=1000")
        await #expect(throws: DocumentStoreError.self) { try await client.ping() }
        let reasons = await withTaskGroup(of: String.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    do {
                        try await client.ping()
                        return "answered"
                    } catch {
                        return (error as? DocumentStoreError).map { "\($0.code): \($0.reason)" } ?? "\(error)"
                    }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        await client.shutdown()
        #expect(reasons.allSatisfy { $0.hasPrefix("unavailable") }, "\(reasons)")
        // One call waits for server selection; the others fail at once instead of each holding a thread.
        #expect(reasons.filter { $0.contains("another call is retrying") }.count >= 6, "\(reasons)")
    }
}
