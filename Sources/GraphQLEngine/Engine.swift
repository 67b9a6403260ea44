import Synchronization

/// A GraphQL request as GraphQL over HTTP carries it.
public struct GraphQLRequest: Sendable {
    public var query: String
    public var variables: JSONObject?
    public var operationName: String?

    /// Creates a request.
    public init(query: String, variables: JSONObject? = nil, operationName: String? = nil) {
        self.query = query
        self.variables = variables
        self.operationName = operationName
    }
}

/// The result of a request: `data` (nil when absent: the request failed before execution) and
/// the errors.
public struct GraphQLResponse: Sendable {
    /// The data; nil means the `data` entry is absent, `.null` that it is null.
    public var data: JSONValue?
    public var errors: [GraphQLError]

    /// Creates a response.
    public init(data: JSONValue?, errors: [GraphQLError] = []) {
        self.data = data
        self.errors = errors
    }

    /// The response as JSON in graphql-js's key order: `{"data":…}` without errors, else
    /// `{"errors":[…],"data":…}` (`data` left out when absent). Each error is
    /// `{"message":…,"locations":[{"line":1,"column":3}],"path":["a",0],"extensions":{…}}`, with
    /// `locations`, `path` and `extensions` only when present.
    public func jsonBytes() -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(1024)
        output.append(UInt8(ascii: "{"))
        var needsComma = false
        if !errors.isEmpty {
            output.append(contentsOf: Array(#""errors":["#.utf8))
            for (index, error) in errors.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                error.writeJSON(to: &output)
            }
            output.append(UInt8(ascii: "]"))
            needsComma = true
        }
        if let data {
            if needsComma { output.append(UInt8(ascii: ",")) }
            output.append(contentsOf: Array(#""data":"#.utf8))
            data.write(to: &output)
        }
        output.append(UInt8(ascii: "}"))
        return output
    }
}

extension GraphQLError {
    /// The error as the JSON value of the response's `errors` entry.
    public var jsonValue: JSONValue {
        var object = JSONObject()
        object["message"] = .string(message)
        if !locations.isEmpty {
            object["locations"] = .array(
                locations.map { .object(["line": .int($0.line), "column": .int($0.column)]) }
            )
        }
        if !path.isEmpty {
            object["path"] = .array(
                path.map {
                    switch $0 {
                    case .key(let key): .string(key)
                    case .index(let index): .int(index)
                    }
                }
            )
        }
        if !extensions.isEmpty {
            object["extensions"] = .object(JSONObject(extensions.map { ($0.key, JSONValue.string($0.value)) }))
        }
        return .object(object)
    }

    func writeJSON(to output: inout [UInt8]) {
        jsonValue.write(to: &output)
    }
}

/// A parsed and validated document, ready to execute any number of times.
public struct PreparedDocument: Sendable {
    /// The document.
    public let document: Document
    /// What is left of the operation limits to check with the variables (the cost, when it depends on them).
    public let limits: LimitsAnalysis
}

/// Why a query cannot be executed at all: it does not parse, or it fails validation. GraphQL
/// over HTTP answers both with 400 under `application/graphql-response+json`.
public struct RequestFailure: Error, Sendable {
    /// Which stage rejected the query.
    public enum Stage: Sendable, Hashable {
        case parse
        /// The spec's rules or the operation limits.
        case validation
    }

    public let stage: Stage
    /// The syntax error, or every validation error.
    public let errors: [GraphQLError]
}

/// The engine an application serves: an executable schema and a bounded LRU cache of prepared
/// documents keyed by query text, so a repeated query skips parsing and validation.
public final class GraphQLEngine: Sendable {
    /// The schema with its resolvers.
    public let executableSchema: ExecutableSchema
    private let parseOptions: ParseOptions
    private let limits: OperationLimits
    private let cache: Mutex<DocumentCache>
    private let observer: (any GraphQLEngineObserver)?

    /// Creates an engine keeping up to `documentCacheCapacity` prepared documents (0 disables
    /// the cache); documents over `limits` fail preparation (or, for a cost that depends on
    /// variables, execution); `observer` is told about every prepare and execution.
    public init(
        schema: ExecutableSchema,
        documentCacheCapacity: Int = 1000,
        parseOptions: ParseOptions = .init(),
        limits: OperationLimits = .unlimited,
        observer: (any GraphQLEngineObserver)? = nil
    ) {
        self.executableSchema = schema
        self.parseOptions = parseOptions
        self.limits = limits
        self.cache = Mutex(DocumentCache(capacity: max(0, documentCacheCapacity)))
        self.observer = observer
    }

    /// The number of prepared documents (and failures) in the cache.
    public var cachedDocumentCount: Int {
        cache.withLock { $0.count }
    }

    /// Whether the outcome of preparing `query` is in the cache (does not count as a use).
    public func isCached(query: String) -> Bool {
        cache.withLock { $0.contains(query) }
    }

    /// Parses and validates a query, or returns the cached outcome of an earlier call with the
    /// same text.
    public func prepare(query: String) -> Result<PreparedDocument, RequestFailure> {
        if let cached = cache.withLock({ $0.value(for: query) }) {
            observer?.documentPrepared(cached, cacheHit: true)
            return cached
        }
        let outcome: Result<PreparedDocument, RequestFailure>
        do {
            let document = try parse(query, options: parseOptions)
            let errors = validateDocument(executableSchema.schema, document)
            if !errors.isEmpty {
                outcome = .failure(RequestFailure(stage: .validation, errors: errors))
            } else {
                outcome = analyzeLimits(document, executableSchema.schema, limits).map {
                    PreparedDocument(document: document, limits: $0)
                }
            }
        } catch {
            outcome = .failure(RequestFailure(stage: .parse, errors: [error]))
        }
        cache.withLock { $0.insert(outcome, for: query) }
        observer?.documentPrepared(outcome, cacheHit: false)
        return outcome
    }

    /// Executes a prepared document.
    public func execute(
        _ prepared: PreparedDocument,
        operationName: String? = nil,
        variables: JSONObject? = nil,
        context: any Sendable
    ) async -> GraphQLResponse {
        if let costError = prepared.limits.costError(operationName: operationName, variables: variables) {
            return GraphQLResponse(data: nil, errors: [costError])
        }
        let response = await executeOperation(
            schema: executableSchema,
            document: prepared.document,
            operationName: operationName,
            variables: variables,
            context: context
        )
        observer?.operationExecuted(prepared, operationName: operationName, response: response)
        return response
    }

    /// Prepares (or finds in the cache) and executes a request; a query that does not parse or
    /// validate gives a response with the errors and no `data`.
    public func execute(_ request: GraphQLRequest, context: any Sendable) async -> GraphQLResponse {
        switch prepare(query: request.query) {
        case .success(let prepared):
            return await execute(
                prepared,
                operationName: request.operationName,
                variables: request.variables,
                context: context
            )
        case .failure(let failure):
            return GraphQLResponse(data: nil, errors: failure.errors)
        }
    }
}

/// A bounded map from query text to prepare outcome, evicting the least recently used entry.
/// Entries form a doubly linked list over arrays (most recent at `head`).
struct DocumentCache {
    private struct Entry {
        var key: String
        var value: Result<PreparedDocument, RequestFailure>
        var previous: Int
        var next: Int
    }

    let capacity: Int
    private var entries: [Entry] = []
    private var index: [String: Int] = [:]
    private var head = -1
    private var tail = -1

    init(capacity: Int) {
        self.capacity = capacity
    }

    var count: Int { entries.count }

    func contains(_ key: String) -> Bool { index[key] != nil }

    /// The value for `key`, which becomes the most recently used.
    mutating func value(for key: String) -> Result<PreparedDocument, RequestFailure>? {
        guard let position = index[key] else { return nil }
        moveToFront(position)
        return entries[position].value
    }

    /// Stores a value as the most recently used, evicting the least recently used when full.
    mutating func insert(_ value: Result<PreparedDocument, RequestFailure>, for key: String) {
        guard capacity > 0 else { return }
        if let position = index[key] {
            entries[position].value = value
            moveToFront(position)
            return
        }
        if entries.count < capacity {
            entries.append(Entry(key: key, value: value, previous: -1, next: -1))
            let position = entries.count - 1
            index[key] = position
            linkAtFront(position)
        } else {
            let position = tail
            unlink(position)
            index[entries[position].key] = nil
            entries[position] = Entry(key: key, value: value, previous: -1, next: -1)
            index[key] = position
            linkAtFront(position)
        }
    }

    private mutating func moveToFront(_ position: Int) {
        guard position != head else { return }
        unlink(position)
        linkAtFront(position)
    }

    private mutating func unlink(_ position: Int) {
        let previous = entries[position].previous
        let next = entries[position].next
        if previous >= 0 { entries[previous].next = next } else { head = next }
        if next >= 0 { entries[next].previous = previous } else { tail = previous }
    }

    private mutating func linkAtFront(_ position: Int) {
        entries[position].previous = -1
        entries[position].next = head
        if head >= 0 { entries[head].previous = position }
        head = position
        if tail < 0 { tail = position }
    }
}

/// The validation step of `prepare`: spec section 5's rules (`validate(schema:document:)`).
func validateDocument(_ schema: Schema, _ document: Document) -> [GraphQLError] {
    validate(schema: schema, document: document)
}
