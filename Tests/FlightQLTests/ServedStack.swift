import Documents
import Foundation
import GraphQLEngine
import Logging
import Relational

@testable import FlightQL

/// The served engine (this checkout's `schema/flightql.graphql`) and services over `database`, without
/// a model, for tests that execute queries without HTTP.
func servedStack(database: Database, documents: DocumentServices? = nil) async throws -> (GraphQLEngine, Services) {
    var root = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { root.deleteLastPathComponent() }
    let engine = try ServedSchema.engine(path: root.appendingPathComponent("schema/flightql.graphql").path)
    let services = Services(
        database: database,
        documents: documents,
        model: ModelStore.load(path: "/nonexistent/model.json", logger: Logger(label: "test")),
        predictionFeatures: try await PredictionFeatures.load(from: database),
        drift: DriftService(database: database),
        apiKey: nil
    )
    return (engine, services)
}
