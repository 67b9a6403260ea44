public import Documents
public import Relational

/// The long-lived stores and models every request's resolvers use.
public struct Services: Sendable {
    /// The SQLite database of historical data.
    public let database: Database
    /// The MongoDB collections, when a MongoDB is configured.
    public let documents: DocumentServices?
    /// The serving delay model.
    public let model: ModelStore
    /// Model features that need SQLite lookups (route distances, reference codes).
    public let predictionFeatures: PredictionFeatures
    /// Drift reports over the model's training reference.
    public let drift: DriftService
    /// The bearer token mutations require; nil refuses every mutation.
    public let apiKey: String?

    /// Services over the given stores.
    public init(
        database: Database,
        documents: DocumentServices?,
        model: ModelStore,
        predictionFeatures: PredictionFeatures,
        drift: DriftService,
        apiKey: String?
    ) {
        self.database = database
        self.documents = documents
        self.model = model
        self.predictionFeatures = predictionFeatures
        self.drift = drift
        self.apiKey = apiKey
    }
}

/// The MongoDB side: the client and its two collections.
public struct DocumentServices: Sendable {
    public let client: MongoClient
    public let statuses: FlightStatusStore
    public let predictions: PredictionLog

    /// The collections of `client`.
    public init(client: MongoClient) {
        self.client = client
        statuses = FlightStatusStore(client: client)
        predictions = PredictionLog(client: client)
    }

    /// Creates the indexes of both collections (`FlightStatusStore.prepare`, `PredictionLog.prepare`); creating
    /// indexes that exist changes nothing.
    public func prepareIndexes() async throws {
        try await statuses.prepare()
        try await predictions.prepare()
    }
}
