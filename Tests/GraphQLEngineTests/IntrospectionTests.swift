import Foundation
import GraphQLEngine
import Testing

/// One schema with graphql-core's answers (see `Fixtures/introspection/generate.py`).
private struct IntrospectionCase: Sendable, CustomTestStringConvertible {
    var name: String
    var sdl: String
    var query: String
    var introspection: JSONValue
    var printed: String

    var testDescription: String { name }
}

private let introspectionCases: [IntrospectionCase] = {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/introspection/cases.json")
    guard let data = try? Data(contentsOf: url), let root = try? JSONValue.parse(bytes: [UInt8](data)),
        case .array(let cases)? = root["cases"]
    else { return [] }
    return cases.compactMap { value in
        guard case .string(let name)? = value["name"], case .string(let sdl)? = value["sdl"],
            case .string(let query)? = value["query"], let introspection = value["introspection"],
            case .string(let printed)? = value["printed"]
        else { return nil }
        return IntrospectionCase(name: name, sdl: sdl, query: query, introspection: introspection, printed: printed)
    }
}()

/// An executable schema whose fields all resolve to null (introspection needs no data).
func nullResolvedSchema(_ sdl: String) throws -> ExecutableSchema {
    let schema = try Schema(sdl: sdl)
    var resolvers = Resolvers()
    var scalars: [String: ScalarCoercion] = [:]
    for name in schema.typeNames where !name.hasPrefix("__") {
        switch schema.type(named: name) {
        case .object(let object):
            for field in object.fields { resolvers.add(name, field.name, .sync { _ in nil }) }
        case .scalar where !builtInScalarNames.contains(name):
            scalars[name] = .passThrough
        default:
            break
        }
    }
    return try ExecutableSchema(schema: schema, resolvers: resolvers, scalars: scalars)
}

@Suite struct IntrospectionTests {
    @Test func fixtureIsPresent() {
        #expect(introspectionCases.count == 4)
    }

    @Test(arguments: introspectionCases)
    fileprivate func fullIntrospectionQueryMatchesGraphQLCore(_ testCase: IntrospectionCase) async throws {
        let engine = GraphQLEngine(schema: try nullResolvedSchema(testCase.sdl))
        let response = await engine.execute(GraphQLRequest(query: testCase.query), context: ())
        #expect(response.errors.isEmpty, "\(response.errors)")
        let data = try #require(response.data)
        if data != testCase.introspection {
            // Point at the first differing type to keep the failure readable.
            let ours = data["__schema"]?["types"]
            let theirs = testCase.introspection["__schema"]?["types"]
            if case .array(let a)? = ours, case .array(let b)? = theirs {
                for (x, y) in zip(a, b) where x != y {
                    Issue.record("type differs:\nours:   \(x.jsonString)\ntheirs: \(y.jsonString)")
                    break
                }
                #expect(a.count == b.count)
            }
            #expect(data["__schema"]?["directives"] == testCase.introspection["__schema"]?["directives"])
            Issue.record("introspection differs")
        }
    }

    @Test(arguments: introspectionCases)
    fileprivate func printSchemaMatchesGraphQLCore(_ testCase: IntrospectionCase) throws {
        let printed = printSchema(try Schema(sdl: testCase.sdl))
        #expect(printed == testCase.printed)
        // The printed SDL builds the same schema again.
        #expect(printSchema(try Schema(sdl: printed)) == printed)
    }

    @Test func typeAndTypenameMetaFields() async throws {
        let engine = GraphQLEngine(schema: try nullResolvedSchema("type Query { a: [Int!] }"))
        let response = await engine.execute(
            GraphQLRequest(
                query: """
                    { __typename t: __type(name: "Query") { name kind fields { name type { kind ofType { kind ofType { name } } } } }
                      missing: __type(name: "Nope") { name } }
                    """
            ),
            context: ()
        )
        #expect(
            String(decoding: response.jsonBytes(), as: UTF8.self)
                == #"{"data":{"__typename":"Query","t":{"name":"Query","kind":"OBJECT","fields":[{"name":"a","type":{"kind":"LIST","ofType":{"kind":"NON_NULL","ofType":{"name":"Int"}}}}]},"missing":null}}"#
        )
    }

    @Test func deprecatedItemsAreHiddenUnlessAskedFor() async throws {
        let engine = GraphQLEngine(
            schema: try nullResolvedSchema(
                """
                type Query { a(x: Int @deprecated, y: Int): Int, b: Int @deprecated(reason: "no") }
                enum E { ONE TWO @deprecated }
                input I { p: Int @deprecated, q: Int }
                """
            )
        )
        let response = await engine.execute(
            GraphQLRequest(
                query: """
                    { q: __type(name: "Query") { fields { name args { name } } all: fields(includeDeprecated: true) { name deprecationReason args(includeDeprecated: true) { name isDeprecated } } }
                      e: __type(name: "E") { enumValues { name } }
                      i: __type(name: "I") { inputFields { name } } }
                    """
            ),
            context: ()
        )
        #expect(
            String(decoding: response.jsonBytes(), as: UTF8.self)
                == #"{"data":{"q":{"fields":[{"name":"a","args":[{"name":"y"}]}],"all":[{"name":"a","deprecationReason":null,"args":[{"name":"x","isDeprecated":true},{"name":"y","isDeprecated":false}]},{"name":"b","deprecationReason":"no","args":[]}]},"e":{"enumValues":[{"name":"ONE"}]},"i":{"inputFields":[{"name":"q"}]}}}"#
        )
    }
}
