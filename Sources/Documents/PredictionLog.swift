public import Foundation

/// One logged prediction: the model's inputs, its answer, the model version and when it was made.
public struct PredictionRecord: Sendable, Hashable {
    /// The encoded features the model saw, by name.
    public var inputs: Document
    /// P(departure delay > 15 minutes).
    public var probability: Double
    /// The version of the model that answered.
    public var modelVersion: String
    /// When the prediction was made.
    public var time: Date

    /// A record.
    public init(inputs: Document, probability: Double, modelVersion: String, time: Date) {
        self.inputs = inputs
        self.probability = probability
        self.modelVersion = modelVersion
        self.time = time
    }

    var document: Document {
        [
            "inputs": .document(inputs), "probability": .double(probability),
            "modelVersion": .string(modelVersion), "time": .datetime(time),
        ]
    }

    init(document: Document) throws {
        guard let probability = document["probability"]?.doubleValue,
            let modelVersion = document["modelVersion"]?.stringValue, let time = document["time"]?.dateValue
        else { throw DocumentStoreError(.invalidDocument, "a prediction lacks probability, modelVersion or time") }
        self.init(
            inputs: document["inputs"]?.documentValue ?? [:],
            probability: probability,
            modelVersion: modelVersion,
            time: time
        )
    }
}

/// The `predictions` collection: a log of the model's answers, read back by time window for drift.
///
/// `log(_:)` returns at once and writes in the background; at most `maximumPendingWrites` writes are in
/// flight, and records beyond that (or whose write fails) are counted in `droppedCount`, never retried.
public final class PredictionLog: Sendable {
    /// The collection's default name.
    public static let defaultCollectionName = "predictions"
    /// Background writes allowed in flight before `log(_:)` drops records.
    public static let maximumPendingWrites = 64

    /// The underlying collection.
    public let collection: MongoCollection
    private let state = PendingWrites()

    /// The log over `collectionName` of the client's database.
    public init(client: MongoClient, collectionName: String = PredictionLog.defaultCollectionName) {
        collection = client.collection(collectionName)
    }

    /// Creates the index on `time`.
    public func prepare() async throws {
        try await collection.createIndexes([.init(name: "time", keys: ["time": 1])])
    }

    /// Writes `records` in the background and returns immediately (fire-and-forget for the caller).
    public func log(_ records: [PredictionRecord]) {
        guard !records.isEmpty else { return }
        let collection = self.collection
        let state = self.state
        state.start(droppingIfBusy: records.count) { id in
            Task {
                do {
                    try await PredictionLog.write(records, to: collection)
                    state.finish(id, dropped: 0)
                } catch {
                    state.finish(id, dropped: records.count)
                }
            }
        }
    }

    /// Writes one record in the background and returns immediately.
    public func log(_ record: PredictionRecord) {
        log([record])
    }

    /// Writes `records` and waits for the server's acknowledgement.
    public func write(_ records: [PredictionRecord]) async throws {
        try await Self.write(records, to: collection)
    }

    /// Waits until the background writes started before this call have finished.
    public func flush() async {
        for task in state.tasks() { await task.value }
    }

    /// Records dropped so far: refused because too many writes were in flight, or lost to a failed write.
    public var droppedCount: Int { state.dropped }

    /// The records with `from <= time < to`, oldest first, at most `limit`.
    public func find(from: Date, to: Date, limit: Int = 100_000) async throws -> [PredictionRecord] {
        let documents = try await collection.find(
            ["time": ["$gte": .datetime(from), "$lt": .datetime(to)]],
            options: .init(sort: ["time": 1], limit: limit)
        )
        return try documents.map(PredictionRecord.init(document:))
    }

    /// The logged inputs (feature name → value) of every record with `from <= time < to` (nil = unbounded), in no
    /// particular order: the rows of a drift window over the predictions.
    public func inputs(from: Date?, to: Date?) async throws -> [Document] {
        var time = Document()
        if let from { time.append("$gte", .datetime(from)) }
        if let to { time.append("$lt", .datetime(to)) }
        let filter: Document = time.isEmpty ? [:] : ["time": .document(time)]
        let documents = try await collection.find(filter, options: .init(projection: ["inputs": 1]))
        return documents.map { $0["inputs"]?.documentValue ?? [:] }
    }

    private static func write(_ records: [PredictionRecord], to collection: MongoCollection) async throws {
        let result = try await collection.bulkWrite(records.map { .insertOne($0.document) })
        if let failure = result.failures.first {
            throw DocumentStoreError(.commandFailed, "a prediction write was refused (server error \(failure.code))")
        }
    }
}

/// The background writes of a `PredictionLog`.
///
/// Safety of `@unchecked Sendable`: every stored property is read and written only while holding `lock`.
private final class PendingWrites: @unchecked Sendable {
    private let lock = NSLock()
    private var running: [Int: Task<Void, Never>] = [:]
    private var nextID = 0
    private var droppedRecords = 0

    /// Starts a write made by `makeTask` unless too many are in flight (then counts `count` as dropped).
    /// The task is registered before it can finish, because `lock` is held while it is created.
    func start(droppingIfBusy count: Int, _ makeTask: (Int) -> Task<Void, Never>) {
        lock.lock()
        defer { lock.unlock() }
        guard running.count < PredictionLog.maximumPendingWrites else {
            droppedRecords += count
            return
        }
        let id = nextID
        nextID += 1
        running[id] = makeTask(id)
    }

    func finish(_ id: Int, dropped: Int) {
        lock.lock()
        defer { lock.unlock() }
        running[id] = nil
        droppedRecords += dropped
    }

    func tasks() -> [Task<Void, Never>] {
        lock.lock()
        defer { lock.unlock() }
        return Array(running.values)
    }

    var dropped: Int {
        lock.lock()
        defer { lock.unlock() }
        return droppedRecords
    }
}
