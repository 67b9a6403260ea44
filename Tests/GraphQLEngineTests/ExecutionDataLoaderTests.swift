import GraphQLEngine
import Synchronization
import Testing

/// Records every batch a loader receives.
private final class BatchLog: Sendable {
    private let batches = Mutex<[[Int]]>([])

    func record(_ keys: [Int]) {
        batches.withLock { $0.append(keys.sorted()) }
    }

    var all: [[Int]] { batches.withLock { $0 } }
}

/// The per-request context: the loaders of one request.
private struct Loaders: Sendable {
    let owners: DataLoader<Int, String>
    let pets: DataLoader<Int, Int>
}

private struct Row: Sendable { var id: Int }
private struct Owner: Sendable {
    var id: Int
    var name: String
}

private let sdl = """
    type Query { rows(count: Int!): [Row!]! other: Owner }
    type Row { id: Int!, owner: Owner, ownerAgain: Owner }
    type Owner { name: String, pet: Int }
    """

private func makeEngine() throws -> GraphQLEngine {
    var resolvers = Resolvers()
    resolvers.add(
        "Query",
        "rows",
        .async { context in
            (0..<context.arguments.int("count")!).map { Row(id: $0) }
        }
    )
    resolvers.add(
        "Query",
        "other",
        .async { context in
            let loaders = context.request as! Loaders
            return try await loaders.owners.load(3).map { Owner(id: 3, name: $0) }
        }
    )
    let owner: FieldResolver = .async { context in
        let loaders = context.request as! Loaders
        let id = (context.parent as! Row).id % 7
        return try await loaders.owners.load(id).map { Owner(id: id, name: $0) }
    }
    resolvers.add("Row", "id", .sync { ($0.parent as! Row).id })
    resolvers.add("Row", "owner", owner)
    resolvers.add("Row", "ownerAgain", owner)
    resolvers.add("Owner", "name", .sync { ($0.parent as! Owner).name })
    resolvers.add(
        "Owner",
        "pet",
        .async { context in
            let loaders = context.request as! Loaders
            return try await loaders.pets.load((context.parent as! Owner).id)
        }
    )
    return GraphQLEngine(schema: try ExecutableSchema(schema: try Schema(sdl: sdl), resolvers: resolvers))
}

private func makeLoaders(_ owners: BatchLog, _ pets: BatchLog) -> Loaders {
    Loaders(
        owners: DataLoader { keys in
            owners.record(keys)
            // Key 6 has no owner.
            return Dictionary(uniqueKeysWithValues: keys.filter { $0 != 6 }.map { ($0, "owner\($0)") })
        },
        pets: DataLoader { keys in
            pets.record(keys)
            await Task.yield()
            return Dictionary(uniqueKeysWithValues: keys.map { ($0, $0 * 100) })
        }
    )
}

@Suite struct DataLoaderTests {
    @Test func coalescesTheLoadsOfOneLevelIntoOneBatch() async throws {
        let engine = try makeEngine()
        let owners = BatchLog()
        let pets = BatchLog()
        let response = await engine.execute(
            GraphQLRequest(query: "{ rows(count: 500) { id owner { name pet } ownerAgain { name } } other { name } }"),
            context: makeLoaders(owners, pets)
        )
        #expect(response.errors.isEmpty)
        // `other` loads on the first wave; the 1,000 owner loads of the rows' two fields (third
        // wave) form one batch, without the key already cached; the pets' loads one more.
        #expect(owners.all == [[3], [0, 1, 2, 4, 5, 6]])
        #expect(pets.all == [[0, 1, 2, 3, 4, 5]])
        guard case .array(let rows)? = response.data?["rows"] else {
            Issue.record("no rows")
            return
        }
        #expect(rows.count == 500)
        #expect(rows[8] == ["id": 8, "owner": ["name": "owner1", "pet": 100], "ownerAgain": ["name": "owner1"]])
        #expect(rows[6] == ["id": 6, "owner": nil, "ownerAgain": nil])
        #expect(response.data?["other"] == ["name": "owner3"])
    }

    @Test func cachesKeysAcrossRequestsOfTheSameLoader() async throws {
        let owners = BatchLog()
        let pets = BatchLog()
        let loaders = makeLoaders(owners, pets)
        let engine = try makeEngine()
        _ = await engine.execute(GraphQLRequest(query: "{ rows(count: 3) { owner { name } } }"), context: loaders)
        _ = await engine.execute(GraphQLRequest(query: "{ rows(count: 5) { owner { name } } }"), context: loaders)
        #expect(owners.all == [[0, 1, 2], [3, 4]])
    }

    @Test func batchErrorsFailEveryWaitingField() async throws {
        struct Down: Error, CustomStringConvertible {
            var description: String { "store down" }
        }
        let pets = BatchLog()
        let loaders = Loaders(
            owners: DataLoader { _ in throw Down() },
            pets: DataLoader { _ in
                pets.record([])
                return [:]
            }
        )
        let engine = try makeEngine()
        let response = await engine.execute(
            GraphQLRequest(query: "{ rows(count: 2) { id owner { name } } }"),
            context: loaders
        )
        #expect(response.errors.map(\.message) == ["store down", "store down"])
        #expect(
            response.errors.map(\.path) == [
                [.key("rows"), .index(0), .key("owner")], [.key("rows"), .index(1), .key("owner")],
            ]
        )
        #expect(response.data == ["rows": [["id": 0, "owner": nil], ["id": 1, "owner": nil]]])
    }

    @Test func batchesOutsideTheExecutorToo() async throws {
        let log = BatchLog()
        let loader = DataLoader<Int, Int> { keys in
            log.record(keys)
            return Dictionary(uniqueKeysWithValues: keys.map { ($0, $0 + 1) })
        }
        async let a = loader.load(1)
        async let b = loader.load(2)
        let values = try await [a, b]
        #expect(values == [2, 3])
        #expect(try await loader.load(1) == 2)
        #expect(log.all.flatMap { $0 }.sorted() == [1, 2])
    }
}
