import Foundation
import GraphQLEngine
import Testing

/// The contract's schema with resolvers that return null: enough to prepare and cost documents.
private let contract = Result {
    try nullResolvedSchema(
        String(contentsOf: validationFixtures.appendingPathComponent("flightql.graphql"), encoding: .utf8)
    )
}

private func makeEngine(_ limits: OperationLimits, maxTokens: Int? = 50_000) throws -> GraphQLEngine {
    GraphQLEngine(schema: try contract.get(), parseOptions: ParseOptions(maxTokens: maxTokens), limits: limits)
}

/// The `extensions.code` of each error of a failed preparation (empty when it succeeded).
private func codes(_ outcome: Result<PreparedDocument, RequestFailure>) -> [String] {
    guard case .failure(let failure) = outcome else { return [] }
    return failure.errors.map { error in error.extensions.first { $0.key == "code" }?.value ?? "none" }
}

private func messages(_ outcome: Result<PreparedDocument, RequestFailure>) -> [String] {
    guard case .failure(let failure) = outcome else { return [] }
    return failure.errors.map(\.message)
}

@Suite struct LimitsTests {
    /// The largest client document we know (bench/peers' `large.graphql`: a dashboard, a drill-down and a
    /// mutation sharing fragments) sits inside the default limits; its figures pin the defaults' headroom.
    @Test func theLargeClientDocumentIsWithinTheDefaults() throws {
        let source = try String(contentsOf: validationFixtures.appendingPathComponent("large.graphql"), encoding: .utf8)
        let prepared = try makeEngine(OperationLimits()).prepare(query: source).get()
        #expect(prepared.limits.costError(operationName: "Dashboard", variables: nil) == nil)
        #expect(prepared.limits.costError(operationName: "Dashboard", variables: ["first": 50]) == nil)
        // Exactly at its figures it passes; one below each, it fails with that limit's code.
        let exact = OperationLimits(maxDepth: 7, maxAliases: 18, maxSelections: 300, maxCost: 3_082)
        let engine = try makeEngine(exact)
        let atLimit = try engine.prepare(query: source).get()
        #expect(atLimit.limits.costError(operationName: "Dashboard", variables: nil) == nil)
        #expect(
            atLimit.limits.costError(operationName: "Dashboard", variables: ["first": 11])?.extensions
                == [.init(key: "code", value: "MAX_COST_EXCEEDED")]
        )
        #expect(
            codes(try makeEngine(OperationLimits(maxDepth: 6)).prepare(query: source)).contains("MAX_DEPTH_EXCEEDED")
        )
        #expect(
            codes(try makeEngine(OperationLimits(maxAliases: 17)).prepare(query: source)) == ["MAX_ALIASES_EXCEEDED"]
        )
        #expect(
            codes(try makeEngine(OperationLimits(maxSelections: 299)).prepare(query: source)) == [
                "MAX_SELECTIONS_EXCEEDED"
            ]
        )
    }

    @Test func depthCountsNestedFieldsThroughFragments() throws {
        let query = """
            { airline(code: "UA") { flights(first: 1) { nodes { ...Carrier } } } }
            fragment Carrier on Flight { carrier { code } }
            """
        #expect(codes(try makeEngine(OperationLimits(maxDepth: 5)).prepare(query: query)) == [])
        let refused = try makeEngine(OperationLimits(maxDepth: 4)).prepare(query: query)
        #expect(codes(refused) == ["MAX_DEPTH_EXCEEDED"])
        #expect(messages(refused) == ["The operation is 5 fields deep; the limit is 4."])
    }

    @Test func aliasesAndSelectionsCountEverySpread() throws {
        let query = """
            { x: airlines { ...Names } y: airlines { ...Names } }
            fragment Names on Airline { c: code name }
            """
        // Aliases: x, y and c twice; selections: x, y and (c, name) twice.
        #expect(codes(try makeEngine(OperationLimits(maxAliases: 4, maxSelections: 6)).prepare(query: query)) == [])
        let refused = try makeEngine(OperationLimits(maxAliases: 3, maxSelections: 5)).prepare(query: query)
        #expect(codes(refused) == ["MAX_ALIASES_EXCEEDED", "MAX_SELECTIONS_EXCEEDED"])
        #expect(
            messages(refused) == [
                "The operation uses 4 aliases; the limit is 3.", "The operation selects 6 fields; the limit is 5.",
            ]
        )
    }

    /// `flights(first: 50)` multiplies its selection by 50; `nodes` is the page itself, not another factor.
    @Test func costMultipliesAConnectionByFirst() throws {
        let query = #"{ flights(first: 50) { nodes { id carrier { name } } } }"#
        // 1 (flights) + 50 × (1 (nodes) + 1 (id) + 1 (carrier) + 1 (name)).
        #expect(codes(try makeEngine(OperationLimits(maxCost: 201)).prepare(query: query)) == [])
        let refused = try makeEngine(OperationLimits(maxCost: 200)).prepare(query: query)
        #expect(codes(refused) == ["MAX_COST_EXCEEDED"])
        #expect(messages(refused) == ["The operation's estimated cost is 201; the limit is 200."])
    }

    @Test func listsWithoutFirstCountTheAssumedListSize() throws {
        // 1 + 10 × 2, then 1 + 3 × 2.
        let query = "{ airlines { code name } }"
        #expect(codes(try makeEngine(OperationLimits(maxCost: 21)).prepare(query: query)) == [])
        #expect(codes(try makeEngine(OperationLimits(maxCost: 20)).prepare(query: query)) == ["MAX_COST_EXCEEDED"])
        #expect(codes(try makeEngine(OperationLimits(maxCost: 7, assumedListSize: 3)).prepare(query: query)) == [])
    }

    /// A `first` given by a variable is costed with the request's value, else the variable's default, else
    /// the argument's default (20 in the contract); nested connections multiply.
    @Test func variableCostsAreCheckedWithTheRequestsVariables() async throws {
        let engine = try makeEngine(OperationLimits(maxCost: 1_000))
        let query = """
            query Page($n: Int, $m: Int = 2) {
              airports(first: $n) { nodes { departures(first: $m) { nodes { id } } } }
            }
            """
        let prepared = try engine.prepare(query: query).get()
        // 1 + n × (1 + 1 + m × (1 + 1)): n = 50 (the argument's default), m = 2: 351.
        #expect(prepared.limits.costError(operationName: nil, variables: nil) == nil)
        // n = 50, m = 10: 1 + 50 × 22 = 1,101.
        let error = try #require(prepared.limits.costError(operationName: "Page", variables: ["m": 10]))
        #expect(error.message == "The operation's estimated cost is 1101; the limit is 1000.")
        #expect(prepared.limits.costError(operationName: nil, variables: ["n": 10, "m": 10]) == nil)
        let response = await engine.execute(
            GraphQLRequest(query: query, variables: ["n": 500, "m": 500]),
            context: ()
        )
        #expect(response.data == nil)
        #expect(response.errors.map(\.extensions) == [[.init(key: "code", value: "MAX_COST_EXCEEDED")]])
    }

    /// Forty fragments, each spreading the next twice, expand to 2^40 fields: the analysis measures each
    /// fragment once, so it answers at once with a saturated count instead of expanding them.
    @Test func fragmentExpansionIsMeasuredOncePerFragment() throws {
        let levels = 40
        var query = "{ airlines { ...F0 } }\n"
        for level in 0..<levels {
            query += "fragment F\(level) on Airline { ...F\(level + 1) ...F\(level + 1) }\n"
        }
        query += "fragment F\(levels) on Airline { code }\n"
        let refused = try makeEngine(OperationLimits(maxSelections: 1_000, maxCost: nil)).prepare(query: query)
        #expect(codes(refused) == ["MAX_SELECTIONS_EXCEEDED"])
        #expect(messages(refused) == ["The operation selects \((1 << levels) + 1) fields; the limit is 1000."])
    }

    @Test func introspectionCanBeTurnedOff() throws {
        let engine = try makeEngine(OperationLimits(introspection: false))
        #expect(codes(engine.prepare(query: "{ __schema { types { name } } }")) == ["INTROSPECTION_DISABLED"])
        #expect(codes(engine.prepare(query: #"{ __type(name: "Flight") { name } }"#)) == ["INTROSPECTION_DISABLED"])
        #expect(codes(engine.prepare(query: "{ __typename }")) == [])
        #expect(codes(try makeEngine(OperationLimits()).prepare(query: "{ __schema { types { name } } }")) == [])
    }

    @Test func theTokenLimitHasItsOwnCode() throws {
        let engine = try makeEngine(.unlimited, maxTokens: 5)
        let refused = engine.prepare(query: "{ airlines { code name } }")
        #expect(codes(refused) == ["MAX_TOKENS_EXCEEDED"])
        #expect(messages(refused) == ["Syntax Error: Document contains more than 5 tokens. Parsing aborted."])
    }

    /// The analysis is part of the prepared document: a cache hit neither parses, validates nor re-measures.
    @Test func theAnalysisIsCachedWithTheDocument() throws {
        let engine = try makeEngine(OperationLimits(maxDepth: 1))
        let deep = "{ airlines { code } }"
        #expect(codes(engine.prepare(query: deep)) == ["MAX_DEPTH_EXCEEDED"])
        #expect(engine.isCached(query: deep))
        #expect(codes(engine.prepare(query: deep)) == ["MAX_DEPTH_EXCEEDED"])
        #expect(engine.cachedDocumentCount == 1)
    }
}
