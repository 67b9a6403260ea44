import GraphQLEngine
import Testing

/// A small schema exercising every execution path: nullable and non-null fields, lists, errors,
/// abstract types, arguments with defaults, input objects (one of them @oneOf), enums, custom
/// scalars and mutations.
private let testSDL = """
    scalar Date
    enum Color { RED GREEN BLUE }
    interface Named { name: String! }
    type Dog implements Named { name: String! barks: Boolean! }
    type Cat implements Named { name: String! lives: Int! }
    union Pet = Dog | Cat
    input Filter { color: Color = RED, limit: Int! = 3, tags: [String!] }
    input Pick @oneOf { id: ID, name: String }
    type Item { id: ID!, name: String, fails: String, failsNonNull: String!, child: Item, slow: String }
    type Query {
      hello(name: String = "world"): String!
      int(value: Float): Int
      float: Float
      color(c: Color): Color
      badColor: Color
      date(d: Date): Date
      items(count: Int = 2): [Item!]!
      nullableItems: [Item]
      sparse: [String]
      nonNullItemsWithNull: [String!]
      item: Item
      nonNullItem: Item!
      pets: [Pet!]!
      named: [Named!]!
      echo(filter: Filter): String
      pick(p: Pick!): String
      list(l: [Int]): String
      args(a: Int!, b: String): String
      asyncValue: String
      notAList: [String]
    }
    type Mutation { append(value: String!): [String!]! }
    """

/// Records the mutation order across concurrent resolver calls.
private actor Log {
    var entries: [String] = []
    func append(_ value: String) -> [String] {
        entries.append(value)
        return entries
    }
}

private struct Item: Sendable {
    var id: Int
    var name: String?
}

private struct Dog: Sendable { var name: String }
private enum Hue: String, Sendable { case RED, GREEN, BLUE }
private struct Cat: Sendable { var name: String }

private func makeEngine() throws -> GraphQLEngine {
    var resolvers = Resolvers()
    let log = Log()
    resolvers.add("Query", "hello", .sync { "Hello, \($0.arguments.string("name") ?? "?")" })
    resolvers.add("Query", "int", .sync { $0.arguments.double("value") })
    resolvers.add("Query", "float", .sync { _ in Double.infinity })
    resolvers.add(
        "Query",
        "color",
        .sync { context in
            // A Swift enum stands for the GraphQL enum value of its raw value.
            context.arguments.string("c").flatMap(Hue.init(rawValue:))
        }
    )
    resolvers.add("Query", "badColor", .sync { _ in "PURPLE" })
    resolvers.add("Query", "date", .sync { $0.arguments.value("d") })
    resolvers.add(
        "Query",
        "items",
        .sync { context in (0..<(context.arguments.int("count") ?? 0)).map { Item(id: $0, name: "item\($0)") } }
    )
    resolvers.add(
        "Query",
        "nullableItems",
        .sync { _ in [Item(id: 1, name: nil), nil, Item(id: 3, name: "c")] as [Item?] }
    )
    resolvers.add("Query", "sparse", .sync { _ in ["a", nil, "c"] as [String?] })
    resolvers.add("Query", "nonNullItemsWithNull", .sync { _ in ["a", nil] as [String?] })
    resolvers.add("Query", "item", .sync { _ in Item(id: 7, name: "seven") })
    resolvers.add("Query", "nonNullItem", .sync { _ in Item(id: 8, name: nil) })
    resolvers.add("Query", "pets", .sync { _ in [Dog(name: "Rex"), Cat(name: "Tom")] as [any Sendable] })
    resolvers.add("Query", "named", .sync { _ in [Cat(name: "Felix")] })
    resolvers.add("Query", "echo", .sync { $0.arguments.value("filter")?.jsonString })
    resolvers.add("Query", "pick", .sync { $0.arguments.value("p")?.jsonString })
    resolvers.add("Query", "list", .sync { $0.arguments.value("l")?.jsonString })
    resolvers.add("Query", "args", .sync { $0.arguments.values.jsonValue.jsonString })
    resolvers.add(
        "Query",
        "asyncValue",
        .async { _ in
            await Task.yield()
            return "later"
        }
    )
    resolvers.add("Query", "notAList", .sync { _ in "scalar" })
    resolvers.add("Item", "id", .sync { ($0.parent as! Item).id })
    resolvers.add("Item", "name", .sync { ($0.parent as! Item).name })
    resolvers.add(
        "Item",
        "fails",
        .sync { _ in throw GraphQLError("boom", extensions: [.init(key: "code", value: "E1")]) }
    )
    resolvers.add("Item", "failsNonNull", .async { _ in throw GraphQLError("async boom") })
    resolvers.add(
        "Item",
        "child",
        .async { context in
            let item = context.parent as! Item
            return item.id < 100 ? Item(id: item.id * 10, name: nil) : nil
        }
    )
    resolvers.add(
        "Item",
        "slow",
        .async { context in
            await Task.yield()
            return "slow\((context.parent as! Item).id)"
        }
    )
    resolvers.add(
        "Named",
        "name",
        .sync { context in
            switch context.parent {
            case let dog as Dog: dog.name
            case let cat as Cat: cat.name
            default: nil
            }
        }
    )
    resolvers.add("Dog", "barks", .sync { _ in true })
    resolvers.add("Cat", "lives", .sync { _ in 9 })
    let petType: TypeResolver = { value in value is Dog ? "Dog" : value is Cat ? "Cat" : nil }
    resolvers.resolveType("Pet", petType)
    resolvers.resolveType("Named", petType)
    resolvers.add(
        "Mutation",
        "append",
        .async { context in
            let value = context.arguments.string("value")!
            // The first mutation waits longest: serial execution still keeps the order.
            if value == "first" { for _ in 0..<50 { await Task.yield() } }
            return await log.append(value)
        }
    )
    let dateScalar = ScalarCoercion(
        serialize: { value in
            guard case .string(let text) = value as? JSONValue else { throw GraphQLError("Date must be a string") }
            return .string(text)
        },
        parseValue: { json in
            guard case .string(let text) = json, text.count == 10 else {
                throw GraphQLError("Expected a date as YYYY-MM-DD")
            }
            return json
        }
    )
    let executable = try ExecutableSchema(
        schema: try Schema(sdl: testSDL),
        resolvers: resolvers,
        scalars: ["Date": dateScalar]
    )
    return GraphQLEngine(schema: executable, documentCacheCapacity: 10)
}

extension JSONObject {
    fileprivate var jsonValue: JSONValue { .object(self) }
}

private func run(_ query: String, variables: String? = nil, operationName: String? = nil) async throws -> String {
    let engine = try makeEngine()
    var variableObject: JSONObject?
    if let variables, case .object(let object) = try JSONValue.parse(variables) { variableObject = object }
    let response = await engine.execute(
        GraphQLRequest(query: query, variables: variableObject, operationName: operationName),
        context: ()
    )
    return String(decoding: response.jsonBytes(), as: UTF8.self)
}

@Suite struct ExecutionTests {
    @Test(arguments: [
        // Arguments, defaults, aliases, response key order.
        ("{ b: hello a: hello(name: \"x\") }", #"{"data":{"b":"Hello, world","a":"Hello, x"}}"#),
        (
            "{ __typename item { __typename id } }",
            #"{"data":{"__typename":"Query","item":{"__typename":"Item","id":"7"}}}"#
        ),
        // Merged fields and fragments, in first-occurrence order.
        (
            "{ item { id ...F ... on Item { name id } } } fragment F on Item { name }",
            #"{"data":{"item":{"id":"7","name":"seven"}}}"#
        ),
        // The same fragment merged with different nodes under different parents.
        (
            "{ item { ...F c: child { name } } nonNullItem { ...F c: child { id } } } fragment F on Item { c: child { __typename } }",
            #"{"data":{"item":{"c":{"__typename":"Item","name":null}},"nonNullItem":{"c":{"__typename":"Item","id":"80"}}}}"#
        ),
        // @skip and @include with literals.
        (
            "{ item { id @skip(if: true) name @include(if: false) __typename } }",
            #"{"data":{"item":{"__typename":"Item"}}}"#
        ),
        // Lists of objects, nulls inside lists, nested async fields.
        (
            "{ items(count: 3) { id child { id child { id } } } }",
            #"{"data":{"items":[{"id":"0","child":{"id":"0","child":{"id":"0"}}},{"id":"1","child":{"id":"10","child":{"id":"100"}}},{"id":"2","child":{"id":"20","child":{"id":"200"}}}]}}"#
        ),
        (
            "{ nullableItems { id name } sparse }",
            #"{"data":{"nullableItems":[{"id":"1","name":null},null,{"id":"3","name":"c"}],"sparse":["a",null,"c"]}}"#
        ),
        // A field error: null, message, location, path, extensions.
        (
            "{ item { id fails } }",
            #"{"errors":[{"message":"boom","locations":[{"line":1,"column":13}],"path":["item","fails"],"extensions":{"code":"E1"}}],"data":{"item":{"id":"7","fails":null}}}"#
        ),
        // A non-null async field error propagates to the nearest nullable parent.
        (
            "{ item { id failsNonNull } hello }",
            #"{"errors":[{"message":"async boom","locations":[{"line":1,"column":13}],"path":["item","failsNonNull"]}],"data":{"item":null,"hello":"Hello, world"}}"#
        ),
        // ... through a non-null list item up to the nullable list's field, here `data` itself.
        (
            "{ items { failsNonNull } }",
            #"{"errors":[{"message":"async boom","locations":[{"line":1,"column":11}],"path":["items",0,"failsNonNull"]},{"message":"async boom","locations":[{"line":1,"column":11}],"path":["items",1,"failsNonNull"]}],"data":null}"#
        ),
        // A null in a non-null position.
        (
            "{ nonNullItemsWithNull }",
            #"{"errors":[{"message":"Cannot return null for non-nullable field Query.nonNullItemsWithNull.","locations":[{"line":1,"column":3}],"path":["nonNullItemsWithNull",1]}],"data":{"nonNullItemsWithNull":null}}"#
        ),
        // Result coercion.
        (
            "{ int(value: 1.5) }",
            #"{"errors":[{"message":"Int cannot represent non-integer value: 1.5","locations":[{"line":1,"column":3}],"path":["int"]}],"data":{"int":null}}"#
        ),
        (
            "{ int(value: 3000000000) }",
            #"{"errors":[{"message":"Int cannot represent non 32-bit signed integer value: 3000000000","locations":[{"line":1,"column":3}],"path":["int"]}],"data":{"int":null}}"#
        ),
        ("{ int(value: 4.0) }", #"{"data":{"int":4}}"#),
        (
            "{ float }",
            #"{"errors":[{"message":"Float cannot represent non numeric value: Infinity","locations":[{"line":1,"column":3}],"path":["float"]}],"data":{"float":null}}"#
        ),
        (
            "{ badColor }",
            #"{"errors":[{"message":"Enum \"Color\" cannot represent value: \"PURPLE\"","locations":[{"line":1,"column":3}],"path":["badColor"]}],"data":{"badColor":null}}"#
        ),
        ("{ color(c: GREEN) }", #"{"data":{"color":"GREEN"}}"#),
        (
            "{ notAList }",
            #"{"errors":[{"message":"Expected Iterable, but did not find one for field \"Query.notAList\".","locations":[{"line":1,"column":3}],"path":["notAList"]}],"data":{"notAList":null}}"#
        ),
        // Abstract types.
        (
            "{ pets { __typename ... on Dog { name barks } ... on Cat { name lives } } named { name } }",
            #"{"data":{"pets":[{"__typename":"Dog","name":"Rex","barks":true},{"__typename":"Cat","name":"Tom","lives":9}],"named":[{"name":"Felix"}]}}"#
        ),
        // Input objects: defaults filled in type order, list coercion of a single value.
        ("{ echo(filter: {tags: \"a\"}) }", #"{"data":{"echo":"{\"color\":\"RED\",\"limit\":3,\"tags\":[\"a\"]}"}}"#),
        ("{ list(l: 5) a: list(l: [1, null]) }", #"{"data":{"list":"[5]","a":"[1,null]"}}"#),
        ("{ pick(p: {name: \"x\"}) }", #"{"data":{"pick":"{\"name\":\"x\"}"}}"#),
        // An absent optional argument stays absent.
        ("{ args(a: 1) }", #"{"data":{"args":"{\"a\":1}"}}"#),
        // Async root fields.
        ("{ asyncValue hello }", #"{"data":{"asyncValue":"later","hello":"Hello, world"}}"#),
        // A non-null root field failing nulls `data`.
        (
            "{ nonNullItem { id failsNonNull } }",
            #"{"errors":[{"message":"async boom","locations":[{"line":1,"column":20}],"path":["nonNullItem","failsNonNull"]}],"data":null}"#
        ),
    ])
    func executes(query: String, expected: String) async throws {
        let result = try await run(query)
        #expect(result == expected)
    }

    @Test(arguments: [
        ("query ($n: String) { hello(name: $n) }", "{\"n\":\"v\"}", #"{"data":{"hello":"Hello, v"}}"#),
        ("query ($n: String = \"d\") { hello(name: $n) }", "{}", #"{"data":{"hello":"Hello, d"}}"#),
        // An absent variable leaves the argument's default.
        ("query ($n: String) { hello(name: $n) }", "{}", #"{"data":{"hello":"Hello, world"}}"#),
        (
            "query ($s: Boolean!) { item { id @skip(if: $s) name } }", "{\"s\":true}",
            #"{"data":{"item":{"name":"seven"}}}"#
        ),
        (
            "query ($x: Int!) { args(a: $x) }", "{}",
            #"{"errors":[{"message":"Variable \"$x\" of required type \"Int!\" was not provided.","locations":[{"line":1,"column":8}]}]}"#
        ),
        (
            "query ($x: Int!) { args(a: $x) }", "{\"x\":null}",
            #"{"errors":[{"message":"Variable \"$x\" of non-null type \"Int!\" must not be null.","locations":[{"line":1,"column":8}]}]}"#
        ),
        (
            "query ($x: Int!) { args(a: $x) }", "{\"x\":\"abc\"}",
            #"{"errors":[{"message":"Variable \"$x\" got invalid value \"abc\"; Int cannot represent non-integer value: \"abc\"","locations":[{"line":1,"column":8}]}]}"#
        ),
        ("query ($x: Int!) { args(a: $x) }", "{\"x\":2.0}", #"{"data":{"args":"{\"a\":2}"}}"#),
        (
            "query ($f: Filter) { echo(filter: $f) }", "{\"f\":{\"limit\":1,\"tags\":[\"a\",null],\"bad\":1}}",
            #"{"errors":[{"message":"Variable \"$f\" got invalid value null at \"f.tags[1]\"; Expected non-nullable type \"String!\" not to be null.","locations":[{"line":1,"column":8}]},{"message":"Variable \"$f\" got invalid value { limit: 1, tags: [\"a\", null], bad: 1 }; Field \"bad\" is not defined by type \"Filter\".","locations":[{"line":1,"column":8}]}]}"#
        ),
        (
            "query ($f: Filter) { echo(filter: $f) }", "{\"f\":{\"color\":\"PINK\"}}",
            #"{"errors":[{"message":"Variable \"$f\" got invalid value \"PINK\" at \"f.color\"; Value \"PINK\" does not exist in \"Color\" enum.","locations":[{"line":1,"column":8}]}]}"#
        ),
        (
            "query ($f: Filter) { echo(filter: $f) }", "{\"f\":{\"color\":\"REDD\",\"limt\":1}}",
            #"{"errors":[{"message":"Variable \"$f\" got invalid value \"REDD\" at \"f.color\"; Value \"REDD\" does not exist in \"Color\" enum. Did you mean the enum value \"RED\"?","locations":[{"line":1,"column":8}]},{"message":"Variable \"$f\" got invalid value { color: \"REDD\", limt: 1 }; Field \"limt\" is not defined by type \"Filter\". Did you mean \"limit\"?","locations":[{"line":1,"column":8}]}]}"#
        ),
        (
            "query ($f: Filter) { echo(filter: $f) }", "{\"f\":{\"tags\":\"x\"}}",
            #"{"data":{"echo":"{\"color\":\"RED\",\"limit\":3,\"tags\":[\"x\"]}"}}"#
        ),
        (
            "query ($p: Pick!) { pick(p: $p) }", "{\"p\":{\"id\":1,\"name\":\"x\"}}",
            #"{"errors":[{"message":"Variable \"$p\" got invalid value { id: 1, name: \"x\" }; Exactly one key must be specified for OneOf type \"Pick\".","locations":[{"line":1,"column":8}]}]}"#
        ),
        (
            "query ($p: Pick!) { pick(p: $p) }", "{\"p\":{\"id\":null}}",
            #"{"errors":[{"message":"Variable \"$p\" got invalid value { id: null }; Field \"id\" must be non-null.","locations":[{"line":1,"column":8}]}]}"#
        ),
        ("query ($p: Pick!) { pick(p: $p) }", "{\"p\":{\"id\":12}}", #"{"data":{"pick":"{\"id\":\"12\"}"}}"#),
        ("query ($l: [Int]) { list(l: $l) }", "{\"l\":7}", #"{"data":{"list":"[7]"}}"#),
        (
            "query ($l: [Int]) { list(l: $l) }", "{\"l\":[1,\"x\"]}",
            #"{"errors":[{"message":"Variable \"$l\" got invalid value \"x\" at \"l[1]\"; Int cannot represent non-integer value: \"x\"","locations":[{"line":1,"column":8}]}]}"#
        ),
        // Custom scalars.
        ("query ($d: Date) { date(d: $d) }", "{\"d\":\"2013-01-01\"}", #"{"data":{"date":"2013-01-01"}}"#),
        (
            "query ($d: Date) { date(d: $d) }", "{\"d\":\"2013\"}",
            #"{"errors":[{"message":"Variable \"$d\" got invalid value \"2013\"; Expected a date as YYYY-MM-DD","locations":[{"line":1,"column":8}]}]}"#
        ),
        ("{ date(d: \"2013-01-02\") }", "{}", #"{"data":{"date":"2013-01-02"}}"#),
    ])
    func coercesVariables(query: String, variables: String, expected: String) async throws {
        let result = try await run(query, variables: variables)
        #expect(result == expected)
    }

    @Test func selectsTheOperation() async throws {
        let document = "query A { hello } query B { a: hello(name: \"b\") }"
        #expect(try await run(document, operationName: "B") == #"{"data":{"a":"Hello, b"}}"#)
        #expect(
            try await run(document)
                == #"{"errors":[{"message":"Must provide operation name if query contains multiple operations."}]}"#
        )
        #expect(
            try await run(document, operationName: "C") == #"{"errors":[{"message":"Unknown operation named \"C\"."}]}"#
        )
    }

    @Test func runsMutationFieldsSerially() async throws {
        let result = try await run(#"mutation { a: append(value: "first") b: append(value: "second") }"#)
        #expect(result == #"{"data":{"a":["first"],"b":["first","second"]}}"#)
    }

    @Test func reportsParseAndValidationFailures() throws {
        let engine = try makeEngine()
        guard case .failure(let syntax) = engine.prepare(query: "{ hello") else {
            Issue.record("parsed")
            return
        }
        #expect(syntax.stage == .parse)
        #expect(syntax.errors.map(\.message) == ["Syntax Error: Expected Name, found <EOF>."])
        guard case .failure(let invalid) = engine.prepare(query: "{ nope }") else {
            Issue.record("validated")
            return
        }
        #expect(invalid.stage == .validation)
        #expect(invalid.errors.map(\.message) == ["Cannot query field \"nope\" on type \"Query\"."])
    }

    @Test func cachesPreparedDocumentsWithBoundedLRU() throws {
        let engine = try makeEngine()
        for index in 0..<15 {
            _ = engine.prepare(query: "{ a\(index): hello }")
        }
        #expect(engine.cachedDocumentCount == 10)
        _ = engine.prepare(query: "{ a14: hello }")
        #expect(engine.cachedDocumentCount == 10)
    }
}

/// Execution of documents that skip validation (the executor must still answer with errors,
/// never crash), and what resolvers can learn about their selection.
@Suite struct ExecutionWithoutValidationTests {
    private func execute(_ query: String, variables: JSONObject? = nil) async throws -> String {
        let engine = try makeEngine()
        let response = await executeOperation(
            schema: engine.executableSchema,
            document: try parse(query),
            variables: variables,
            context: ()
        )
        return String(decoding: response.jsonBytes(), as: UTF8.self)
    }

    @Test func reportsArgumentErrorsAtTheField() async throws {
        #expect(
            try await execute("{ args hello }")
                == #"{"errors":[{"message":"Argument \"a\" of required type \"Int!\" was not provided.","locations":[{"line":1,"column":3}],"path":["args"]}],"data":{"args":null,"hello":"Hello, world"}}"#
        )
        #expect(
            try await execute("{ args(a: \"x\") }")
                == #"{"errors":[{"message":"Argument \"a\" has invalid value \"x\".","locations":[{"line":1,"column":11}],"path":["args"]}],"data":{"args":null}}"#
        )
        #expect(
            try await execute("query ($v: Int) { args(a: $v) }")
                == #"{"errors":[{"message":"Argument \"a\" of required type \"Int!\" was provided the variable \"$v\" which was not provided a runtime value.","locations":[{"line":1,"column":27}],"path":["args"]}],"data":{"args":null}}"#
        )
        let pick = try await execute("{ pick(p: {id: 1, name: \"x\"}) }")
        #expect(
            pick
                == #"{"errors":[{"message":"Argument \"p\" has invalid value {id: 1, name: \"x\"}.","locations":[{"line":1,"column":11}],"path":["pick"]}],"data":{"pick":null}}"#
        )
    }

    @Test func leavesOutUnknownFieldsAndSkipsUnknownFragments() async throws {
        #expect(try await execute("{ hello nope ...Missing }") == #"{"data":{"hello":"Hello, world"}}"#)
    }

    @Test func usesVariablesInsideLiterals() async throws {
        #expect(
            try await execute(
                "query ($x: Int, $s: String) { list(l: [1, $x]) echo(filter: {limit: 2, tags: [$s]}) }",
                variables: ["s": "t"]
            )
                == #"{"data":{"list":"[1,null]","echo":"{\"color\":\"RED\",\"limit\":2,\"tags\":[\"t\"]}"}}"#
        )
    }

    @Test func reportsAMissingOperation() async throws {
        #expect(
            try await execute("fragment F on Query { hello }")
                == #"{"errors":[{"message":"Must provide an operation."}]}"#
        )
        #expect(
            try await execute("subscription { hello }")
                == #"{"errors":[{"message":"Schema is not configured to execute subscription operation.","locations":[{"line":1,"column":1}]}]}"#
        )
    }
}

@Suite struct ResolveInfoTests {
    @Test func resolversSeeTheirSubSelection() async throws {
        var resolvers = Resolvers()
        resolvers.add(
            "Query",
            "page",
            .sync { context in
                // Count only when asked, as a connection resolver would.
                context.info.selects("totalCount") ? 42 : -1
            }
        )
        resolvers.add("Page", "totalCount", .sync { $0.parent })
        resolvers.add("Page", "path", .sync { context in context.path.description + "@" + context.info.parentTypeName })
        let schema = try Schema(sdl: "type Query { page: Page } type Page { totalCount: Int path: String }")
        let engine = GraphQLEngine(schema: try ExecutableSchema(schema: schema, resolvers: resolvers))
        let query = """
            query ($t: Boolean!) { a: page { ...F path } b: page { path } }
            fragment F on Page { totalCount @include(if: $t) }
            """
        let on = await engine.execute(GraphQLRequest(query: query, variables: ["t": true]), context: ())
        #expect(on.data == ["a": ["totalCount": 42, "path": "a.path@Page"], "b": ["path": "b.path@Page"]])
        let off = await engine.execute(GraphQLRequest(query: query, variables: ["t": false]), context: ())
        #expect(off.data == ["a": ["path": "a.path@Page"], "b": ["path": "b.path@Page"]])
    }
}
