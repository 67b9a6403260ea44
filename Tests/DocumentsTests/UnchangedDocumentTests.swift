import Foundation
import Testing

@testable import Documents

/// `FlightStatusStore.upsert(_:skippingUnchanged:)`: content fingerprints let a rerun leave identical documents
/// alone, and every other document is still written by one idempotent replace.
@Suite struct UnchangedDocumentTests {
    @Test func contentHashIsFNV1a128() {
        // The FNV reference vectors (http://www.isthe.com/chongo/tech/comp/fnv/).
        #expect(ContentHash.of(bytes: []) == "6c62272e07bb014262b821756295c58d")
        #expect(ContentHash.of(bytes: Array("a".utf8)) == "d228cb696f1a8caf78912b704e4a8964")
        #expect(ContentHash.of(bytes: Array("foobar".utf8)) == "343e1662793c64bf6f0d3597ba446f18")
    }

    @Test func rerunWritesNothingAndAChangedDocumentIsReplaced() async throws {
        try await withStore { store in
            let statuses = (1...40).map { status("B6", $0, updatedAt: base) }
            let first = try await store.upsert(statuses, skippingUnchanged: true)
            #expect(first.inserted == 40 && first.updated == 0 && first.unchanged == 0 && first.rejected.isEmpty)

            let again = try await store.upsert(statuses, skippingUnchanged: true)
            #expect(again.inserted == 0 && again.updated == 0 && again.unchanged == 40 && again.rejected.isEmpty)

            var changed = statuses
            changed[7].state = .cancelled
            changed.append(status("B6", 41, updatedAt: base))
            let third = try await store.upsert(changed, skippingUnchanged: true)
            #expect(third.inserted == 1 && third.updated == 1 && third.unchanged == 39 && third.rejected.isEmpty)
            let stored = try await store.find(filter: FlightStatusFilter(flightNumber: 8), first: 1).edges.map(\.node)
            #expect(stored == [changed[7]])
            #expect(try await store.count() == 41)
        }
    }

    @Test func unchangedDocumentsAreNotSent() async throws {
        try await withStore { store in
            let statuses = (1...5).map { status("UA", $0, updatedAt: base) }
            _ = try await store.upsert(statuses)
            // Another writer edits a field in place and leaves the fingerprint: the skip trusts the fingerprint,
            // so the edit survives, which shows the rerun sent no write (FlightQL's writers replace whole documents).
            _ = try await store.collection.updateOne(
                filter: ["_id": .string(statuses[0].id)],
                update: ["$set": ["state": .string(FlightState.active.rawValue)]]
            )
            let rerun = try await store.upsert(statuses, skippingUnchanged: true)
            #expect(rerun.unchanged == 5 && rerun.updated == 0)
            #expect(try await store.count(filter: FlightStatusFilter(state: .active)) == 1)
        }
    }

    @Test func documentsWithoutAFingerprintAreRewrittenOnceThenLeftAlone() async throws {
        try await withStore { store in
            // Documents as written before fingerprints existed: the same content, no `contentHash` field.
            let statuses = (1...6).map { status("AA", $0, updatedAt: base) }
            let legacy = try await store.collection.bulkWrite(statuses.map { .insertOne($0.document) })
            #expect(legacy.inserted == 6)

            let backfill = try await store.upsert(statuses, skippingUnchanged: true)
            #expect(backfill.inserted == 0 && backfill.updated == 6 && backfill.unchanged == 0)
            let fingerprinted = try await store.collection.find([
                FlightStatusStore.contentHashField: ["$type": .string("string")]
            ])
            #expect(fingerprinted.count == 6)

            let rerun = try await store.upsert(statuses, skippingUnchanged: true)
            #expect(rerun.unchanged == 6 && rerun.updated == 0 && rerun.inserted == 0)
        }
    }

    @Test func aDocumentReplacedByAnotherWriterIsReplayedOverIt() async throws {
        try await withStore { store in
            let replayed = (1...3).map { status("DL", $0, updatedAt: base) }
            _ = try await store.upsert(replayed, skippingUnchanged: true)
            // A collector writes the same flight with other content (its own fingerprint).
            var live = replayed[1]
            live.source = .aviationstack
            live.state = .active
            _ = try await store.upsert([live])

            let rerun = try await store.upsert(replayed, skippingUnchanged: true)
            #expect(rerun.updated == 1 && rerun.unchanged == 2 && rerun.inserted == 0)
            let stored = try await store.find(filter: FlightStatusFilter(flightNumber: 2), first: 1).edges.map(\.node)
            #expect(stored == [replayed[1]])
        }
    }

    @Test func aDocumentInsertedMeanwhileIsReplacedNotRejected() async throws {
        try await withStore { store in
            // The fingerprints are read before the writes; a document another writer inserts in between is
            // met by the upsert (replace by `_id`), not by an insert that would fail on the unique key.
            let statuses = (1...4).map { status("WN", $0, updatedAt: base) }
            let before = try await store.upsert([], skippingUnchanged: true)
            #expect(before == FlightStatusStore.UpsertSummary())
            _ = try await store.collection.bulkWrite([.insertOne(statuses[2].document)])
            let summary = try await store.upsert(statuses, skippingUnchanged: true)
            #expect(summary.inserted == 3 && summary.updated == 1 && summary.rejected.isEmpty)
            #expect(try await store.count() == 4)
        }
    }
}
