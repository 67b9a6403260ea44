import GraphQLEngine
import Testing

private func makeEngine(capacity: Int = 2) throws -> GraphQLEngine {
    var resolvers = Resolvers()
    resolvers.add("Query", "a", .sync { _ in 1 })
    resolvers.add("Query", "b", .sync { _ in throw GraphQLError("bad", extensions: [.init(key: "code", value: "X")]) })
    resolvers.add("Query", "c", .sync { _ in "ok" })
    let schema = try Schema(sdl: "type Query { a: Int b: Int! c: String }")
    return GraphQLEngine(
        schema: try ExecutableSchema(schema: schema, resolvers: resolvers),
        documentCacheCapacity: capacity
    )
}

private func json(_ response: GraphQLResponse) -> String {
    String(decoding: response.jsonBytes(), as: UTF8.self)
}

@Suite struct EngineTests {
    @Test func writesResponsesInGraphQLJSOrder() async throws {
        let engine = try makeEngine()
        #expect(
            json(await engine.execute(GraphQLRequest(query: "{ c a }"), context: ())) == #"{"data":{"c":"ok","a":1}}"#
        )
        #expect(
            json(await engine.execute(GraphQLRequest(query: "{ a b }"), context: ()))
                == #"{"errors":[{"message":"bad","locations":[{"line":1,"column":5}],"path":["b"],"extensions":{"code":"X"}}],"data":null}"#
        )
        // A request that fails before execution has no `data` entry.
        #expect(
            json(await engine.execute(GraphQLRequest(query: "{ a "), context: ()))
                == #"{"errors":[{"message":"Syntax Error: Expected Name, found <EOF>.","locations":[{"line":1,"column":5}]}]}"#
        )
        #expect(
            json(await engine.execute(GraphQLRequest(query: "{ zzzz }"), context: ()))
                == #"{"errors":[{"message":"Cannot query field \"zzzz\" on type \"Query\".","locations":[{"line":1,"column":3}]}]}"#
        )
    }

    @Test func evictsTheLeastRecentlyUsedDocument() throws {
        let engine = try makeEngine(capacity: 2)
        _ = engine.prepare(query: "{ a }")
        _ = engine.prepare(query: "{ c }")
        _ = engine.prepare(query: "{ a }")  // `{ a }` is now the most recent
        _ = engine.prepare(query: "{ a c }")
        #expect(engine.isCached(query: "{ a }"))
        #expect(!engine.isCached(query: "{ c }"))
        #expect(engine.isCached(query: "{ a c }"))
        #expect(engine.cachedDocumentCount == 2)
    }

    @Test func servesRepeatedQueriesFromTheCache() async throws {
        let engine = try makeEngine()
        guard case .success(let first) = engine.prepare(query: "{ a }"),
            case .success(let second) = engine.prepare(query: "{ a }")
        else {
            Issue.record("not prepared")
            return
        }
        #expect(first.document == second.document)
        #expect(json(await engine.execute(second, context: ())) == #"{"data":{"a":1}}"#)
        // Failures are cached too, with their stage.
        guard case .failure(let failure) = engine.prepare(query: "{ d }") else {
            Issue.record("validated")
            return
        }
        #expect(failure.stage == .validation)
        #expect(engine.isCached(query: "{ d }"))
    }

    @Test func zeroCapacityDisablesTheCache() throws {
        let engine = try makeEngine(capacity: 0)
        _ = engine.prepare(query: "{ a }")
        #expect(!engine.isCached(query: "{ a }"))
    }

    @Test func checksResolversAgainstTheSchema() throws {
        let schema = try Schema(sdl: "scalar Date type Query { a: Int b: Date }")
        var resolvers = Resolvers()
        resolvers.add("Query", "a", .sync { _ in 1 })
        resolvers.add("Query", "zzz", .sync { _ in 1 })
        resolvers.add("Nope", "a", .sync { _ in 1 })
        #expect {
            _ = try ExecutableSchema(schema: schema, resolvers: resolvers)
        } throws: { error in
            (error as? ResolverError)?.problems == [
                "Resolvers name the type \"Nope\", which the schema does not define.",
                "Resolvers name the field \"Query.zzz\", which the schema does not define.",
                "The field \"Query.b\" has no resolver.",
                "The custom scalar \"Date\" has no coercion.",
            ]
        }
    }
}
