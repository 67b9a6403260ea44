import GraphQLEngine
import Synchronization
import Testing

/// Records what the engine tells it.
private final class RecordingObserver: GraphQLEngineObserver {
    let events = Mutex<[String]>([])

    func documentPrepared(_ outcome: Result<PreparedDocument, RequestFailure>, cacheHit: Bool) {
        let result =
            switch outcome {
            case .success: "ok"
            case .failure(let failure): failure.stage == .parse ? "parse error" : "invalid"
            }
        events.withLock { $0.append("prepared \(result) \(cacheHit ? "hit" : "miss")") }
    }

    func operationExecuted(_ prepared: PreparedDocument, operationName: String?, response: GraphQLResponse) {
        events.withLock { $0.append("executed \(operationName ?? "-") errors=\(response.errors.count)") }
    }
}

@Suite struct EngineObserverTests {
    @Test func observerSeesCacheLookupsAndExecutions() async throws {
        var resolvers = Resolvers()
        resolvers.add("Query", "a", .sync { _ in 1 })
        resolvers.add("Query", "b", .sync { _ in throw GraphQLError("bad") })
        let observer = RecordingObserver()
        let engine = GraphQLEngine(
            schema: try ExecutableSchema(schema: try Schema(sdl: "type Query { a: Int b: Int }"), resolvers: resolvers),
            observer: observer
        )
        _ = await engine.execute(GraphQLRequest(query: "query Q { a }", operationName: "Q"), context: ())
        _ = await engine.execute(GraphQLRequest(query: "query Q { a }"), context: ())
        _ = await engine.execute(GraphQLRequest(query: "{ a b }"), context: ())
        _ = await engine.execute(GraphQLRequest(query: "{ a "), context: ())
        _ = await engine.execute(GraphQLRequest(query: "{ zzz }"), context: ())
        #expect(
            observer.events.withLock { $0 } == [
                "prepared ok miss", "executed Q errors=0",
                "prepared ok hit", "executed - errors=0",
                "prepared ok miss", "executed - errors=1",
                "prepared parse error miss",
                "prepared invalid miss",
            ]
        )
    }

    @Test func mappedResolversWrapEveryFieldAndKeepTheirResults() async throws {
        var resolvers = Resolvers()
        resolvers.add("Query", "a", .sync { _ in 1 })
        resolvers.add("Query", "b", .async { _ in throw GraphQLError("bad") })
        let failures = Mutex<[String]>([])
        let observed = resolvers.mapFieldResolvers { typeName, fieldName, resolver in
            switch resolver {
            case .sync(let resolve):
                .sync { field in
                    do { return try resolve(field) } catch {
                        failures.withLock { $0.append("\(typeName).\(fieldName)") }
                        throw error
                    }
                }
            case .async(let resolve):
                .async { field in
                    do { return try await resolve(field) } catch {
                        failures.withLock { $0.append("\(typeName).\(fieldName)") }
                        throw error
                    }
                }
            case .batch: resolver
            }
        }
        let engine = GraphQLEngine(
            schema: try ExecutableSchema(schema: try Schema(sdl: "type Query { a: Int b: Int }"), resolvers: observed)
        )
        let response = await engine.execute(GraphQLRequest(query: "{ a b }"), context: ())
        #expect(
            String(decoding: response.jsonBytes(), as: UTF8.self)
                == #"{"errors":[{"message":"bad","locations":[{"line":1,"column":5}],"path":["b"]}],"data":{"a":1,"b":null}}"#
        )
        #expect(failures.withLock { $0 } == ["Query.b"])
    }
}
