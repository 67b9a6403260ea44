import CMongoc

/// A MongoDB collection: reads, writes and index creation, each on the client's thread pool.
///
/// Filters, sorts and updates are `Document` values built by the caller; values put into them are data
/// (a string `"$ne"` stays a string), only the keys the caller writes are operators.
public struct MongoCollection: Sendable {
    /// The client this collection belongs to.
    public let client: MongoClient
    /// The collection's name in `client.databaseName`.
    public let name: String

    /// Options of `find`.
    public struct FindOptions: Sendable {
        /// The sort specification, for example `["updatedAt": -1, "_id": 1]`.
        public var sort: Document?
        /// The most documents to return.
        public var limit: Int?
        /// How many matching documents to skip first.
        public var skip: Int?
        /// Which fields to return.
        public var projection: Document?

        /// Options; all optional.
        public init(sort: Document? = nil, limit: Int? = nil, skip: Int? = nil, projection: Document? = nil) {
            self.sort = sort
            self.limit = limit
            self.skip = skip
            self.projection = projection
        }

        var document: Document {
            var options = Document()
            if let sort { options.append("sort", .document(sort)) }
            if let limit { options.append("limit", .int64(Int64(limit))) }
            if let skip { options.append("skip", .int64(Int64(skip))) }
            if let projection { options.append("projection", .document(projection)) }
            return options
        }
    }

    /// What `updateOne` did.
    public struct UpdateResult: Sendable, Hashable {
        /// Documents the filter matched (0 or 1).
        public var matched: Int
        /// Documents changed (0 or 1).
        public var modified: Int
        /// The `_id` of the document inserted by an upsert, if one was.
        public var upsertedID: BSONValue?
    }

    /// One operation of a bulk write.
    public enum WriteModel: Sendable, Hashable {
        /// Inserts a document (libmongoc adds an ObjectId `_id` when it has none).
        case insertOne(Document)
        /// Applies an update document (`$set`, …) to the first match, inserting when `upsert` and none matches.
        case updateOne(filter: Document, update: Document, upsert: Bool)
        /// Replaces the first match whole, inserting when `upsert` and none matches.
        case replaceOne(filter: Document, replacement: Document, upsert: Bool)
    }

    /// One operation of a bulk write that the server refused.
    public struct WriteFailure: Sendable, Hashable {
        /// The operation's position in the models passed to `bulkWrite`.
        public var index: Int
        /// The server's error code (11000 for a duplicate key).
        public var code: Int
        /// The server's message.
        public var message: String
    }

    /// What a bulk write did.
    public struct BulkWriteResult: Sendable, Hashable {
        /// Documents inserted by insert operations.
        public var inserted = 0
        /// Documents inserted by upserts.
        public var upserted = 0
        /// Documents matched by updates and replacements.
        public var matched = 0
        /// Documents changed by updates and replacements.
        public var modified = 0
        /// Operations the server refused, in order.
        public var failures: [WriteFailure] = []
    }

    /// An index to create.
    public struct IndexModel: Sendable, Hashable {
        /// The index's name.
        public var name: String
        /// The key specification, for example `["carrierCode": 1, "flightNumber": 1]`.
        public var keys: Document
        /// Whether the keys must be unique across the collection.
        public var unique: Bool

        /// An index.
        public init(name: String, keys: Document, unique: Bool = false) {
            self.name = name
            self.keys = keys
            self.unique = unique
        }
    }

    /// The documents matching `filter`, read through a cursor that is exhausted and destroyed before returning.
    public func find(_ filter: Document = [:], options: FindOptions = FindOptions()) async throws -> [Document] {
        let (database, name) = (client.databaseName, self.name)
        let options = options.document
        return try await client.withClient { client in
            try withCollection(client, database, name) { collection in
                try withBSON(filter) { filter in
                    try withBSON(options) { options in
                        try drain(mongoc_collection_find_with_opts(collection, filter, options, nil))
                    }
                }
            }
        }
    }

    /// The number of documents matching `filter` (an aggregation on the server).
    public func countDocuments(_ filter: Document = [:]) async throws -> Int {
        let (database, name) = (client.databaseName, self.name)
        return try await client.withClient { client in
            try withCollection(client, database, name) { collection in
                try withBSON(filter) { filter in
                    try withReply { reply in
                        var error = bson_error_t()
                        let count = mongoc_collection_count_documents(collection, filter, nil, nil, reply, &error)
                        guard count >= 0 else { throw DocumentStoreError(mongocError: error) }
                        return Int(count)
                    }
                }
            }
        }
    }

    /// The result documents of an aggregation pipeline.
    public func aggregate(_ pipeline: [Document]) async throws -> [Document] {
        let (database, name) = (client.databaseName, self.name)
        let command: Document = ["pipeline": .array(pipeline.map(BSONValue.document))]
        return try await client.withClient { client in
            try withCollection(client, database, name) { collection in
                try withBSON(command) { pipeline in
                    try drain(mongoc_collection_aggregate(collection, MONGOC_QUERY_NONE, pipeline, nil, nil))
                }
            }
        }
    }

    /// Updates the first document matching `filter` with the update document `update` (`$set`, …).
    ///
    /// - Parameter upsert: insert a document built from the filter and the update when none matches.
    public func updateOne(filter: Document, update: Document, upsert: Bool = false) async throws -> UpdateResult {
        let (database, name) = (client.databaseName, self.name)
        let options: Document = ["upsert": .bool(upsert)]
        return try await client.withClient { client in
            try withCollection(client, database, name) { collection in
                try withBSON(filter) { filter in
                    try withBSON(update) { update in
                        try withBSON(options) { options in
                            try withReply { reply in
                                var error = bson_error_t()
                                let ok = mongoc_collection_update_one(
                                    collection,
                                    filter,
                                    update,
                                    options,
                                    reply,
                                    &error
                                )
                                guard ok else { throw DocumentStoreError(mongocError: error) }
                                let result = try Document(borrowing: reply)
                                return UpdateResult(
                                    matched: result["matchedCount"]?.intValue ?? 0,
                                    modified: result["modifiedCount"]?.intValue ?? 0,
                                    upsertedID: result["upsertedId"]
                                )
                            }
                        }
                    }
                }
            }
        }
    }

    /// Sends many writes at once. Unordered by default: the server attempts every operation and the
    /// refused ones come back in `failures` (the call does not throw for them).
    ///
    /// - Throws: `DocumentStoreError` when the batch as a whole failed (`.unavailable` when the server is
    ///   unreachable; some operations may then have been applied).
    public func bulkWrite(_ models: [WriteModel], ordered: Bool = false) async throws -> BulkWriteResult {
        guard !models.isEmpty else { return BulkWriteResult() }
        let (database, name) = (client.databaseName, self.name)
        let options: Document = ["ordered": .bool(ordered)]
        return try await client.withClient { client in
            try withCollection(client, database, name) { collection in
                let bulk = try withBSON(options) { mongoc_collection_create_bulk_operation_with_opts(collection, $0) }
                guard let bulk else { throw DocumentStoreError(.commandFailed, "no bulk operation") }
                defer { mongoc_bulk_operation_destroy(bulk) }
                for model in models { try append(model, to: bulk) }
                return try withReply { reply in
                    var error = bson_error_t()
                    let server = mongoc_bulk_operation_execute(bulk, reply, &error)
                    let document = try Document(borrowing: reply)
                    let result = BulkWriteResult(reply: document)
                    if server == 0 && result.failures.isEmpty
                        && document["writeConcernErrors"]?.arrayValue?.isEmpty != false
                    {
                        throw DocumentStoreError(mongocError: error)
                    }
                    return result
                }
            }
        }
    }

    /// Creates the indexes that do not exist yet (`createIndexes`; existing identical indexes are kept).
    public func createIndexes(_ indexes: [IndexModel]) async throws {
        let specifications: [BSONValue] = indexes.map { index in
            var specification: Document = ["key": .document(index.keys), "name": .string(index.name)]
            if index.unique { specification.append("unique", true) }
            return .document(specification)
        }
        let command: Document = ["createIndexes": .string(name), "indexes": .array(specifications)]
        _ = try await client.runCommand(command)
    }

    /// Drops the collection and its indexes; dropping a collection that does not exist succeeds.
    public func drop() async throws {
        let (database, name) = (client.databaseName, self.name)
        try await client.withClient { client in
            try withCollection(client, database, name) { collection in
                var error = bson_error_t()
                // 26: NamespaceNotFound, answered by some servers for a collection that does not exist.
                if !mongoc_collection_drop_with_opts(collection, nil, &error),
                    !(error.domain == MONGOC_ERROR_SERVER.rawValue && error.code == 26)
                {
                    throw DocumentStoreError(mongocError: error)
                }
            }
        }
    }
}

extension MongoCollection.BulkWriteResult {
    init(reply: Document) {
        inserted = reply["nInserted"]?.intValue ?? 0
        upserted = reply["nUpserted"]?.intValue ?? 0
        matched = reply["nMatched"]?.intValue ?? 0
        modified = reply["nModified"]?.intValue ?? 0
        failures = (reply["writeErrors"]?.arrayValue ?? []).compactMap { value in
            guard let error = value.documentValue else { return nil }
            return MongoCollection.WriteFailure(
                index: error["index"]?.intValue ?? -1,
                code: error["code"]?.intValue ?? 0,
                message: error["errmsg"]?.stringValue ?? ""
            )
        }
    }
}

/// Gets `name` of `database` from a borrowed client, passes it to `body`, destroys it.
private func withCollection<T>(
    _ client: OpaquePointer,
    _ database: String,
    _ name: String,
    _ body: (OpaquePointer) throws -> T
) throws -> T {
    guard let collection = mongoc_client_get_collection(client, database, name) else {
        throw DocumentStoreError(.commandFailed, "libmongoc returned no collection")
    }
    defer { mongoc_collection_destroy(collection) }
    return try body(collection)
}

/// Reads every document of a cursor, then destroys it (also when reading fails).
private func drain(_ cursor: OpaquePointer?) throws -> [Document] {
    guard let cursor else { throw DocumentStoreError(.commandFailed, "libmongoc returned no cursor") }
    defer { mongoc_cursor_destroy(cursor) }
    var documents: [Document] = []
    var current: OpaquePointer?
    while mongoc_cursor_next(cursor, &current) {
        guard let current else { break }
        documents.append(try Document(borrowing: current))
    }
    var error = bson_error_t()
    if mongoc_cursor_error(cursor, &error) { throw DocumentStoreError(mongocError: error) }
    return documents
}

/// Adds one write model to a bulk operation.
private func append(_ model: MongoCollection.WriteModel, to bulk: OpaquePointer) throws {
    var error = bson_error_t()
    let added: Bool
    switch model {
    case .insertOne(let document):
        added = try withBSON(document) { mongoc_bulk_operation_insert_with_opts(bulk, $0, nil, &error) }
    case .updateOne(let filter, let update, let upsert):
        added = try withBSON(filter) { filter in
            try withBSON(update) { update in
                try withBSON(["upsert": .bool(upsert)]) { options in
                    mongoc_bulk_operation_update_one_with_opts(bulk, filter, update, options, &error)
                }
            }
        }
    case .replaceOne(let filter, let replacement, let upsert):
        added = try withBSON(filter) { filter in
            try withBSON(replacement) { replacement in
                try withBSON(["upsert": .bool(upsert)]) { options in
                    mongoc_bulk_operation_replace_one_with_opts(bulk, filter, replacement, options, &error)
                }
            }
        }
    }
    guard added else { throw DocumentStoreError(.invalidDocument, "libmongoc refused a bulk operation") }
}
