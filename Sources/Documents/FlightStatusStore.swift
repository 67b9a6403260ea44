public import Foundation

/// A filter over flight-status documents. Every value is compared as data with `$eq` (or a range), so a
/// client string such as `{"$ne": null}` or `$where` matches only a field holding exactly that text.
public struct FlightStatusFilter: Sendable, Hashable {
    /// Exact carrier code.
    public var carrierCode: String?
    /// Exact flight number.
    public var flightNumber: Int?
    /// Exact local date, `YYYY-MM-DD`.
    public var date: String?
    /// Exact state.
    public var state: FlightState?
    /// Exact source name (a client string, compared as data).
    public var source: String?
    /// Updated at or after.
    public var updatedSince: Date?
    /// Updated before (exclusive), for time windows such as drift's.
    public var updatedBefore: Date?

    /// A filter; `nil` fields do not constrain.
    public init(
        carrierCode: String? = nil,
        flightNumber: Int? = nil,
        date: String? = nil,
        state: FlightState? = nil,
        source: String? = nil,
        updatedSince: Date? = nil,
        updatedBefore: Date? = nil
    ) {
        self.carrierCode = carrierCode
        self.flightNumber = flightNumber
        self.date = date
        self.state = state
        self.source = source
        self.updatedSince = updatedSince
        self.updatedBefore = updatedBefore
    }

    /// The MongoDB filter: each value wrapped in an operator this code chooses.
    var document: Document {
        var filter = Document()
        if let carrierCode { filter.append("carrierCode", ["$eq": .string(carrierCode)]) }
        if let flightNumber { filter.append("flightNumber", ["$eq": .int64(Int64(flightNumber))]) }
        if let date { filter.append("date", ["$eq": .string(date)]) }
        if let state { filter.append("state", ["$eq": .string(state.rawValue)]) }
        if let source { filter.append("source", ["$eq": .string(source)]) }
        var updated = Document()
        if let updatedSince { updated.append("$gte", .datetime(updatedSince)) }
        if let updatedBefore { updated.append("$lt", .datetime(updatedBefore)) }
        if !updated.isEmpty { filter.append("updatedAt", .document(updated)) }
        return filter
    }
}

/// The `flight_status` collection: one document per carrier, flight number, date and departure airport.
///
/// Pages are ordered by `updatedAt` descending, then `_id` ascending (a total order), and continue from an
/// opaque cursor by key set, never by skipping.
public struct FlightStatusStore: Sendable {
    /// The collection's default name.
    public static let defaultCollectionName = "flight_status"
    /// Documents per bulk-write command in `upsert`.
    public static let batchSize = 500

    /// The underlying collection.
    public let collection: MongoCollection

    /// The store over `collectionName` of the client's database.
    public init(client: MongoClient, collectionName: String = FlightStatusStore.defaultCollectionName) {
        collection = client.collection(collectionName)
    }

    /// Creates the indexes: the unique natural key, and one per filter and order of the GraphQL API.
    public func prepare() async throws {
        try await collection.createIndexes([
            .init(
                name: "natural_key",
                keys: ["carrierCode": 1, "flightNumber": 1, "date": 1, "departure.airport": 1],
                unique: true
            ),
            .init(name: "state", keys: ["state": 1]),
            .init(name: "source", keys: ["source": 1]),
            .init(name: "updatedAt", keys: ["updatedAt": -1]),
            .init(name: "date", keys: ["date": 1]),
            .init(name: "departure_scheduled", keys: ["departure.scheduled": 1]),
        ])
    }

    /// A document the store did not write, and why.
    public struct Rejection: Sendable, Hashable {
        /// The position of the document in the array given to `upsert`.
        public var index: Int
        /// The document's `_id`.
        public var id: String
        /// Why it was not written.
        public var reason: String

        /// A rejection.
        public init(index: Int, id: String, reason: String) {
            self.index = index
            self.id = id
            self.reason = reason
        }
    }

    /// What `upsert` did.
    public struct UpsertSummary: Sendable, Hashable {
        /// Documents that did not exist and were inserted.
        public var inserted = 0
        /// Documents that existed and were replaced.
        public var updated = 0
        /// Documents already stored with identical content, not written (only when skipping unchanged ones).
        public var unchanged = 0
        /// Documents not written, with reasons.
        public var rejected: [Rejection] = []

        /// An empty summary.
        public init() {}
    }

    /// The field holding the fingerprint of a stored document's content (`ContentHash`), written with every
    /// document `upsert` writes.
    public static let contentHashField = "contentHash"
    /// Document ids per query when `upsert` reads the stored fingerprints.
    public static let fingerprintBatchSize = 5000

    /// Inserts or replaces documents by natural key, in unordered bulk writes of `batchSize`.
    ///
    /// Every document is stored with the fingerprint of its content. With `skippingUnchanged`, the fingerprints
    /// stored under the documents' ids are read first (one aggregation per `fingerprintBatchSize` ids) and a
    /// document whose fingerprint is among them is counted `unchanged` and not sent; the others, including documents
    /// stored without a fingerprint (written before fingerprints existed) or changed by another writer, are
    /// replaced as without it. Each document is still written or left with one idempotent replace by `_id`, so
    /// concurrent writers cannot make it fail.
    ///
    /// Invalid documents, and valid documents followed by another valid one with the same key in the same
    /// call (the later one wins), are rejected with a reason and not sent. If the server fails after a batch
    /// was written, the documents not known to be written are rejected with the error's description.
    ///
    /// - Throws: `DocumentStoreError` only when nothing was written (for example `.unavailable`).
    public func upsert(
        _ statuses: [FlightStatusDocument],
        skippingUnchanged: Bool = false
    ) async throws -> UpsertSummary {
        var summary = UpsertSummary()
        var valid: [Int] = []
        for (index, status) in statuses.enumerated() {
            if let failure = status.validationFailure {
                summary.rejected.append(Rejection(index: index, id: status.id, reason: failure))
            } else {
                valid.append(index)
            }
        }
        var lastIndexOfID: [String: Int] = [:]
        for index in valid { lastIndexOfID[statuses[index].id] = index }
        var accepted: [(index: Int, document: Document, hash: String)] = []
        for index in valid {
            let status = statuses[index]
            guard lastIndexOfID[status.id] == index else {
                let reason = "superseded by a later document with the same key"
                summary.rejected.append(Rejection(index: index, id: status.id, reason: reason))
                continue
            }
            var document = status.document
            do {
                let hash = try ContentHash.of(document)
                document.append(Self.contentHashField, .string(hash))
                accepted.append((index, document, hash))
            } catch {
                summary.rejected.append(Rejection(index: index, id: status.id, reason: "\(error)"))
            }
        }
        if skippingUnchanged {
            let stored = try await storedContentHashes(ids: accepted.map { statuses[$0.index].id })
            let count = accepted.count
            accepted.removeAll { stored.contains($0.hash) }
            summary.unchanged = count - accepted.count
        }
        var written = 0
        for start in stride(from: 0, to: accepted.count, by: Self.batchSize) {
            let batch = accepted[start..<min(start + Self.batchSize, accepted.count)]
            let models = batch.map { item in
                MongoCollection.WriteModel.replaceOne(
                    filter: ["_id": .string(statuses[item.index].id)],
                    replacement: item.document,
                    upsert: true
                )
            }
            let result: MongoCollection.BulkWriteResult
            do {
                result = try await collection.bulkWrite(models, ordered: false)
            } catch let error as DocumentStoreError {
                if written == 0 { throw error }
                for item in accepted[start...] {
                    let id = statuses[item.index].id
                    summary.rejected.append(Rejection(index: item.index, id: id, reason: "\(error)"))
                }
                break
            }
            summary.inserted += result.upserted + result.inserted
            summary.updated += result.matched
            for failure in result.failures where batch.indices.contains(start + failure.index) {
                let index = batch[start + failure.index].index
                let reason = failure.code == 11000 ? "duplicate key" : "server error \(failure.code)"
                summary.rejected.append(Rejection(index: index, id: statuses[index].id, reason: reason))
            }
            written += batch.count - result.failures.count
        }
        summary.rejected.sort { $0.index < $1.index }
        return summary
    }

    /// The content fingerprints stored under `ids` (documents without one are left out), read by aggregation
    /// in batches of `fingerprintBatchSize`: the server returns one array of short strings per batch instead of
    /// the documents.
    private func storedContentHashes(ids: [String]) async throws -> Set<String> {
        var hashes: Set<String> = []
        for start in stride(from: 0, to: ids.count, by: Self.fingerprintBatchSize) {
            let batch = ids[start..<min(start + Self.fingerprintBatchSize, ids.count)]
            let groups = try await collection.aggregate([
                ["$match": ["_id": ["$in": .array(batch.map(BSONValue.string))]]],
                ["$group": ["_id": .null, "hashes": ["$push": .string("$" + Self.contentHashField)]]],
            ])
            for group in groups {
                // MongoDB leaves a missing field out of `$push`; some servers push null for it.
                for value in group["hashes"]?.arrayValue ?? [] {
                    if let hash = value.stringValue { hashes.insert(hash) }
                }
            }
        }
        return hashes
    }

    /// One document of a page and the cursor that continues after it.
    public struct Edge: Sendable, Hashable {
        /// Pass as `after` to continue after this document.
        public var cursor: String
        /// The document.
        public var node: FlightStatusDocument
    }

    /// A page of documents, newest update first.
    public struct Page: Sendable, Hashable {
        /// The documents with their cursors.
        public var edges: [Edge]
        /// Whether more documents follow.
        public var hasNextPage: Bool
        /// The last edge's cursor.
        public var endCursor: String? { edges.last?.cursor }
    }

    /// Up to `first` documents matching `filter`, after `after` (a cursor from a previous page).
    ///
    /// - Throws: `DocumentStoreError` `.invalidArgument` for a negative `first` or a malformed cursor.
    public func find(
        filter: FlightStatusFilter = FlightStatusFilter(),
        first: Int,
        after: String? = nil
    ) async throws
        -> Page
    {
        guard first >= 0 else { throw DocumentStoreError(.invalidArgument, "first must not be negative") }
        var query = filter.document
        if let after {
            let position = try PagePosition(cursor: after)
            let continuation: BSONValue = [
                "$or": [
                    ["updatedAt": ["$lt": .datetime(position.updatedAt)]],
                    ["updatedAt": ["$eq": .datetime(position.updatedAt)], "_id": ["$gt": .string(position.id)]],
                ]
            ]
            query = query.isEmpty ? continuation.documentValue! : ["$and": [.document(query), continuation]]
        }
        let documents = try await collection.find(
            query,
            options: .init(sort: ["updatedAt": -1, "_id": 1], limit: first + 1)
        )
        let edges = try documents.prefix(first).map { document in
            let node = try FlightStatusDocument(document: document)
            return Edge(cursor: PagePosition(updatedAt: node.updatedAt, id: node.id).cursor, node: node)
        }
        return Page(edges: edges, hasNextPage: documents.count > first)
    }

    /// Documents per query `departing` aims at: it adapts the length of its time slices to this.
    public static let departingSliceTarget = 5_000

    /// Every document of a flight scheduled to depart in [`from`, `to`) (nil = from the earliest, to the latest
    /// scheduled departure stored) that is not cancelled, without its `raw` payload, in no particular order: the
    /// flights of a drift window over the live feed. Documents without a scheduled departure are left out.
    ///
    /// The window is read in consecutive time slices, each one query of about `departingSliceTarget` documents
    /// (a slice starts at one day and doubles after a sparse slice, halves after a dense one, never below an hour),
    /// so no single reply outgrows the socket timeout however long the window, and an empty stretch costs few
    /// queries.
    public func departing(from: Date?, to: Date?) async throws -> [FlightStatusDocument] {
        var bounds = (lower: from, upper: to)
        if bounds.lower == nil { bounds.lower = try await scheduledDeparture(earliest: true) }
        if bounds.upper == nil {
            // The latest departure plus a millisecond (BSON dates count milliseconds), so that it is inside.
            bounds.upper = try await scheduledDeparture(earliest: false)?.addingTimeInterval(0.001)
        }
        guard let lower = bounds.lower, let upper = bounds.upper else { return [] }
        var documents: [FlightStatusDocument] = []
        var start = lower
        var length: TimeInterval = 86_400
        while start < upper {
            let end = min(start.addingTimeInterval(length), upper)
            let filter: Document = [
                "departure.scheduled": ["$gte": .datetime(start), "$lt": .datetime(end)],
                "state": ["$ne": .string(FlightState.cancelled.rawValue)],
            ]
            let slice = try await collection.find(filter, options: .init(projection: ["raw": 0]))
            documents += try slice.map(FlightStatusDocument.init(document:))
            if slice.count > Self.departingSliceTarget {
                length = max(length / 2, 3_600)
            } else if slice.count < Self.departingSliceTarget / 4 {
                length *= 2
            }
            start = end
        }
        return documents
    }

    /// The earliest (or latest) scheduled departure of any document, nil when none has one.
    private func scheduledDeparture(earliest: Bool) async throws -> Date? {
        let found = try await collection.find(
            ["departure.scheduled": ["$ne": .null]],
            options: .init(
                sort: ["departure.scheduled": earliest ? 1 : -1],
                limit: 1,
                projection: ["raw": 0]
            )
        )
        return found.first?["departure"]?.documentValue?["scheduled"]?.dateValue
    }

    /// The number of documents matching `filter`.
    public func count(filter: FlightStatusFilter = FlightStatusFilter()) async throws -> Int {
        try await collection.countDocuments(filter.document)
    }

    /// The documents of many flights in one query (for batched GraphQL loading). Every key is in the
    /// result, with an empty array when the flight has no status.
    public func statuses(forFlights keys: [FlightKey]) async throws -> [FlightKey: [FlightStatusDocument]] {
        var result: [FlightKey: [FlightStatusDocument]] = [:]
        for key in keys { result[key] = [] }
        guard !keys.isEmpty else { return result }
        let ids = Array(Set(keys.map(\.id))).sorted().map(BSONValue.string)
        for document in try await collection.find(["_id": ["$in": .array(ids)]]) {
            let status = try FlightStatusDocument(document: document)
            result[status.key, default: []].append(status)
        }
        return result
    }
}

/// The position of a document in the page order, and its opaque cursor text (base64 of `millis:id`).
struct PagePosition: Hashable {
    var updatedAt: Date
    var id: String

    init(updatedAt: Date, id: String) {
        self.updatedAt = updatedAt
        self.id = id
    }

    init(cursor: String) throws {
        let invalid = DocumentStoreError(.invalidArgument, "the page cursor is not one this API returned")
        guard let data = Data(base64Encoded: cursor), let text = String(data: data, encoding: .utf8),
            let colon = text.firstIndex(of: ":"), let millis = Int64(text[..<colon])
        else { throw invalid }
        updatedAt = Date(timeIntervalSince1970: Double(millis) / 1000)
        id = String(text[text.index(after: colon)...])
    }

    var cursor: String {
        let millis = Int64((updatedAt.timeIntervalSince1970 * 1000).rounded())
        return Data("\(millis):\(id)".utf8).base64EncodedString()
    }
}
