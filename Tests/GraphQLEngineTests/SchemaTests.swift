import GraphQLEngine
import Testing

@Suite struct SchemaTests {
    @Test func buildsTheContractWithDefaultRoots() throws {
        let schema = try Schema(sdl: contractSDL)
        #expect(schema.queryTypeName == "Query")
        #expect(schema.mutationTypeName == "Mutation")
        let query = try #require(schema.queryType)
        let first = try #require(query.field("airports")?.argument("first")?.defaultValue)
        #expect(printAST(first) == "50")
        #expect(schema.typeNames.first == "DateTime")
        #expect(schema.typeNames.contains("__Schema"))
        #expect(schema.directives.map(\.name) == ["include", "skip", "deprecated", "specifiedBy", "oneOf"])
    }

    @Test func mergesExtensionsAndReadsDirectives() throws {
        let schema = try Schema(
            sdl: """
                schema { query: Root }
                type Root { a: Int @deprecated }
                extend type Root { b(x: Int @deprecated(reason: "no")): String }
                scalar Url @specifiedBy(url: "https://example.com")
                input Pick @oneOf { a: Int, b: String }
                enum E { A B @deprecated(reason: "old") }
                extend enum E { C }
                """
        )
        let root = try #require(schema.queryType)
        #expect(root.name == "Root")
        #expect(root.fields.map(\.name) == ["a", "b"])
        #expect(root.field("a")?.deprecationReason == "No longer supported")
        #expect(root.field("b")?.argument("x")?.deprecationReason == "no")
        guard case .scalar(let url) = schema.type(named: "Url") else {
            Issue.record("no scalar")
            return
        }
        #expect(url.specifiedByURL == "https://example.com")
        guard case .inputObject(let pick) = schema.type(named: "Pick") else {
            Issue.record("no input")
            return
        }
        #expect(pick.isOneOf)
        guard case .enum(let e) = schema.type(named: "E") else {
            Issue.record("no enum")
            return
        }
        #expect(e.values.map(\.name) == ["A", "B", "C"])
        #expect(e.value("B")?.deprecationReason == "old")
    }

    @Test(arguments: [
        ("type Query { a: Nope }", "Unknown type \"Nope\"."),
        ("type Query { a: Int } type Query { b: Int }", "There can be only one type named \"Query\"."),
        ("type Foo { a: Int }", "Query root type must be provided."),
        ("type Query { a: In }  input In { x: Int }", "The type of Query.a must be Output Type but got: In."),
        ("type Query { a(x: Query): Int }", "The type of Query.a(x:) must be Input Type but got: Query."),
        (
            "type Query { a: U } union U = Query | E enum E { X }",
            "Union type U can only include Object types, it cannot include E."
        ),
        (
            "type Query { a: Int } interface I { b: Int } type O implements I { c: Int }",
            "Interface field I.b expected but O does not provide it."
        ),
        (
            "type Query { a: Int } interface I { b: Int } type O implements I { b: String }",
            "Interface field I.b expects type Int but O.b is type String."
        ),
        (
            "type Query { a(x: In): Int } input In { self: In! }",
            "Cannot reference Input Object \"In\" within itself through a series of non-null fields: \"self\"."
        ),
        (
            "type Query { a(x: In): Int } input In @oneOf { a: Int! b: Int = 1 }",
            "OneOf input field In.a must be nullable."
        ),
        (
            "type Query { __a: Int }",
            "Name \"__a\" must not begin with \"__\", which is reserved by GraphQL introspection."
        ),
        ("extend type Nope { a: Int } type Query { a: Int }", "Cannot extend type \"Nope\" because it is not defined."),
        (
            "type Query { a: Int } interface I implements J { a: Int } interface J { a: Int } type O implements I { a: Int }",
            "Type O must implement J because it is implemented by I."
        ),
        (
            "type Query { a: Int } interface I { a(x: Int): Int } type O implements I { a(x: String): Int }",
            "Interface field argument I.a(x:) expects type Int but O.a(x:) is type String."
        ),
        (
            "type Query { a: Int } interface I { a: Int } type O implements I { a(y: Int!): Int }",
            "Object field O.a includes required argument y that is missing from the Interface field I.a."
        ),
        (
            "type Query { a: Int } type O implements Query { a: Int }",
            "Type O must only implement Interface types, it cannot implement Query."
        ),
        ("type Query { a(x: Int! @deprecated): Int }", "Required argument Query.a(x:) cannot be deprecated."),
        (
            "type Query { a: Int } directive @d(x: Query) on FIELD",
            "The type of @d(x:) must be Input Type but got: Query."
        ),
        ("schema { query: Q } type Q { a: Int } schema { query: Q }", "Must provide only one schema definition."),
        ("schema { query: E } enum E { A }", "Query root type must be Object type, it cannot be E."),
        ("type Query { a: Int } input I { }", "Syntax Error: Expected Name, found \"}\"."),
        (
            "type Query { a: Int } directive @d on FIELD directive @d on FIELD",
            "There can be only one directive named \"@d\"."
        ),
        ("type Query { a: Int", "Syntax Error: Expected Name, found <EOF>."),
    ])
    func rejectsInvalidSchemas(sdl: String, message: String) {
        do {
            _ = try Schema(sdl: sdl)
            Issue.record("built an invalid schema")
        } catch {
            #expect(error.errors.map(\.message).contains(message), "\(error.errors)")
        }
    }

    @Test func possibleTypesAndSubtyping() throws {
        let schema = try Schema(
            sdl: """
                type Query { n: Node }
                interface Node { id: ID! }
                type A implements Node { id: ID! }
                type B implements Node { id: ID! }
                union AB = A | B
                """
        )
        #expect(schema.possibleTypes(of: "Node") == ["A", "B"])
        #expect(schema.possibleTypes(of: "AB") == ["A", "B"])
        #expect(schema.isPossibleType("Node", "A"))
        #expect(!schema.isPossibleType("Node", "Query"))
        #expect(schema.isTypeSubType(.nonNull(.named("A")), of: .named("Node")))
        #expect(!schema.isTypeSubType(.named("A"), of: .nonNull(.named("Node"))))
    }
}

let contractSDL = """
    scalar DateTime
    type Query { airports(first: Int = 50): [Airport!]! airport(code: String!): Airport }
    type Airport { code: String! name: String tz: DateTime }
    type Mutation { touch: Boolean }
    """
