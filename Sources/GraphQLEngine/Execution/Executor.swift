/// Executes an operation of a validated document (spec section 6): selects the operation,
/// coerces variables, then executes the root selection set (query fields concurrently, mutation
/// fields one after the other).
///
/// Execution runs synchronously as far as it can: sync resolvers and value completion run
/// inline, with no task. Each async resolver becomes a job; the jobs found in one pass run
/// concurrently as a wave (a task group, or inline when there is only one), their results are
/// completed (finding the next wave's jobs) and patched into the response. The jobs of a batch
/// resolver in one wave run as one call. All `DataLoader.load` calls made during a wave are
/// coalesced into one batch per loader.
public func executeOperation(
    schema: ExecutableSchema,
    document: Document,
    operationName: String? = nil,
    variables: JSONObject? = nil,
    context: any Sendable
) async -> GraphQLResponse {
    let operation: OperationDefinition
    switch selectOperation(document, operationName) {
    case .success(let selected): operation = selected
    case .failure(let error): return GraphQLResponse(data: nil, errors: [error])
    }
    var fragments: [String: FragmentDefinition] = [:]
    for case .fragment(let fragment) in document.definitions { fragments[fragment.name.value] = fragment }

    let coercedVariables: JSONObject
    switch schema.coercer.coerceVariables(operation.variableDefinitions, variables ?? JSONObject()) {
    case .success(let values): coercedVariables = values
    case .failure(let failure): return GraphQLResponse(data: nil, errors: failure.errors)
    }
    guard let rootType = schema.schema.rootType(operation.operation), let rootPlan = schema.objectPlans[rootType.name]
    else {
        return GraphQLResponse(
            data: nil,
            errors: [
                GraphQLError(
                    "Schema is not configured to execute \(operation.operation.rawValue) operation.",
                    locations: operation.loc.map { [$0.location] } ?? []
                )
            ]
        )
    }
    let operationContext = OperationContext(
        executable: schema,
        operation: operation,
        fragments: fragments,
        variables: coercedVariables,
        request: context
    )
    let execution = Execution(context: operationContext)
    return await BatchScheduler.$current.withValue(BatchScheduler()) {
        await execution.run(rootPlan)
    }
}

/// graphql-js `buildExecutionContext`'s choice of operation.
func selectOperation(_ document: Document, _ operationName: String?) -> Result<OperationDefinition, GraphQLError> {
    var found: OperationDefinition?
    for case .operation(let operation) in document.definitions {
        if let operationName {
            if operation.name?.value == operationName {
                found = operation
                break
            }
        } else {
            if found != nil {
                return .failure(GraphQLError("Must provide operation name if query contains multiple operations."))
            }
            found = operation
        }
    }
    guard let found else {
        if let operationName { return .failure(GraphQLError("Unknown operation named \"\(operationName)\".")) }
        return .failure(GraphQLError("Must provide an operation."))
    }
    return .success(found)
}

/// An async or batch resolver waiting to run, with the context of its field.
private struct Job: Sendable {
    let resolver: FieldResolver
    let fieldContext: FieldContext
}

/// One unit of concurrent work of a wave: an async resolver for one field, or a batch resolver
/// for every field of the wave that has the same plan.
private enum WaveTask: Sendable {
    case single(@Sendable (FieldContext) async throws -> (any Sendable)?, FieldContext)
    case batch(@Sendable ([FieldContext]) async throws -> [(any Sendable)?], [FieldContext])

    /// The tasks of a wave, in the order of the jobs (a batch where its first job was).
    static func tasks(of jobs: [Job]) -> [WaveTask] {
        enum Slot {
            case single(@Sendable (FieldContext) async throws -> (any Sendable)?, FieldContext)
            case batch(@Sendable ([FieldContext]) async throws -> [(any Sendable)?], Int)
        }
        var slots: [Slot] = []
        var batchContexts: [[FieldContext]] = []
        var batchOfPlan: [ObjectIdentifier: Int] = [:]
        for job in jobs {
            switch job.resolver {
            case .async(let resolve):
                slots.append(.single(resolve, job.fieldContext))
            case .batch(let resolve):
                let plan = ObjectIdentifier(job.fieldContext.plan)
                if let index = batchOfPlan[plan] {
                    batchContexts[index].append(job.fieldContext)
                } else {
                    batchOfPlan[plan] = batchContexts.count
                    slots.append(.batch(resolve, batchContexts.count))
                    batchContexts.append([job.fieldContext])
                }
            case .sync:
                preconditionFailure("sync resolvers run inline")
            }
        }
        return slots.map { slot in
            switch slot {
            case .single(let resolve, let field): .single(resolve, field)
            case .batch(let resolve, let index): .batch(resolve, batchContexts[index])
            }
        }
    }

    /// Runs the resolver and completes its values (finding further jobs).
    func run(_ context: OperationContext) async -> WaveResult {
        var completer = Completer(context: context)
        var patches: [WaveResult.Patch] = []
        switch self {
        case .single(let resolve, let field):
            let value: JSONValue?
            do {
                let resolved = try await resolve(field)
                value = completer.completeField(field.plan, field.fieldNodes, resolved, field.path)
            } catch {
                value = completer.fieldError(located(error, field.fieldNodes, field.path), field.plan)
            }
            patches.append(WaveResult.Patch(path: field.path, value: value))
        case .batch(let resolve, let fields):
            patches.reserveCapacity(fields.count)
            var outcome: Result<[(any Sendable)?], any Error>
            do {
                outcome = .success(try await resolve(fields))
            } catch {
                outcome = .failure(error)
            }
            if case .success(let values) = outcome, values.count != fields.count {
                outcome = .failure(
                    GraphQLError(
                        "The batch resolver of \(fields[0].plan.parentTypeName).\(fields[0].fieldName) returned \(values.count) values for \(fields.count) objects."
                    )
                )
            }
            switch outcome {
            case .success(let values):
                for (field, resolved) in zip(fields, values) {
                    let value = completer.completeField(field.plan, field.fieldNodes, resolved, field.path)
                    patches.append(WaveResult.Patch(path: field.path, value: value))
                }
            case .failure(let error):
                for field in fields {
                    let value = completer.fieldError(located(error, field.fieldNodes, field.path), field.plan)
                    patches.append(WaveResult.Patch(path: field.path, value: value))
                }
            }
        }
        return WaveResult(patches: patches, errors: completer.errors, jobs: completer.jobs)
    }
}

/// What a wave task produced: the completed values to patch into the response, the errors and
/// the jobs of the next wave.
private struct WaveResult: Sendable {
    struct Patch: Sendable {
        let path: ResponsePath
        /// The completed value, or nil when a null propagates above the field.
        let value: JSONValue?
    }

    let patches: [Patch]
    let errors: [GraphQLError]
    let jobs: [Job]
}

/// The error of a field as the response reports it: the message (and extensions of a
/// `GraphQLError`, see ``ResolverErrors`` for other errors), the field's location and path.
private func located(_ error: any Error, _ nodes: [Field], _ path: ResponsePath) -> GraphQLError {
    var result = ResolverErrors.fieldError(error, at: path.components)
    if result.locations.isEmpty, let location = nodes.first?.loc?.location { result.locations = [location] }
    result.path = path.components
    return result
}

/// Why completion stopped: a new error to record, or a null already recorded and propagating.
private enum CompletionFailure: Error {
    case error(GraphQLError)
    case propagated
}

/// The executor of one operation: the synchronous pass over the root fields, then the waves of jobs.
private struct Execution {
    let context: OperationContext

    func run(_ rootPlan: ObjectPlan) async -> GraphQLResponse {
        var completer = Completer(context: context)
        let fields = completer.rootFields(rootPlan)
        var data: JSONValue? = .object(JSONObject(minimumCapacity: fields.count))
        var errors: [GraphQLError] = []
        if context.operation.operation == .mutation {
            for field in fields {
                completer = Completer(context: context)
                let value = completer.executeRootField(rootPlan, field)
                errors += completer.errors
                guard let value else {
                    data = nil
                    break
                }
                if case .object(var object) = data {
                    data = .null
                    object.appendNew(field.responseKey, value)
                    data = .object(object)
                }
                await runWaves(completer.jobs, &data, &errors)
                if data == nil { break }
            }
        } else {
            let object = completer.executeFields(rootPlan, context.request, fields, .root)
            errors += completer.errors
            data = object.map(JSONValue.object)
            if data != nil { await runWaves(completer.jobs, &data, &errors) }
        }
        return GraphQLResponse(data: data ?? .null, errors: errors)
    }

    private func runWaves(_ initial: [Job], _ data: inout JSONValue?, _ errors: inout [GraphQLError]) async {
        var pending = initial
        let scheduler = BatchScheduler.current
        while !pending.isEmpty {
            let wave = WaveTask.tasks(of: pending)
            pending = []
            scheduler?.begin(wave.count)
            let context = self.context
            var results: [WaveResult?]
            if wave.count == 1 {
                // One task: run it in this task rather than in a child.
                results = [await wave[0].run(context)]
                scheduler?.finish()
            } else {
                results = [WaveResult?](repeating: nil, count: wave.count)
                await withTaskGroup(of: (Int, WaveResult).self) { group in
                    for (index, task) in wave.enumerated() {
                        group.addTask {
                            let result = await task.run(context)
                            scheduler?.finish()
                            return (index, result)
                        }
                    }
                    for await (index, result) in group { results[index] = result }
                }
            }
            for case let result? in results {
                errors += result.errors
                for patch in result.patches {
                    if let value = patch.value {
                        data?.replace(at: patch.path.components[...], with: value)
                    } else if let boundary = patch.path.nullableBoundary() {
                        data?.replace(at: boundary[...], with: .null)
                    } else {
                        data = nil
                    }
                }
                pending += result.jobs
            }
            if data == nil { return }
        }
    }
}

/// A field of a selection set with the plan that executes it on one object type (a class, so
/// that the executor's loops share it instead of copying its parts).
private final class PlannedField {
    let responseKey: String
    let nodes: [Field]
    /// nil for `__typename` and for fields the type does not have.
    let plan: FieldPlan?
    let isTypename: Bool

    init(responseKey: String, nodes: [Field], plan: FieldPlan?, isTypename: Bool) {
        self.responseKey = responseKey
        self.nodes = nodes
        self.plan = plan
        self.isTypename = isTypename
    }
}

/// The synchronous part of execution: resolves sync fields and completes values inline,
/// records errors and collects the jobs of async resolvers.
private struct Completer {
    let context: OperationContext
    var errors: [GraphQLError] = []
    var jobs: [Job] = []
    private var subfieldCache: [SubfieldKey: [PlannedField]] = [:]

    init(context: OperationContext) {
        self.context = context
    }

    /// A runtime type (its plan, by identity: hashing the type's name cost more than the rest of the
    /// lookup) and the field nodes whose sub-selections are merged, by source offsets (the same nodes
    /// always collect the same fields).
    private struct SubfieldKey: Hashable {
        var objectPlan: ObjectIdentifier
        var start: Int
        /// The offsets of the other nodes (empty, so not allocated, for a single node).
        var otherStarts: [Int]
    }

    private func plan(_ objectPlan: ObjectPlan, _ fields: [CollectedField]) -> [PlannedField] {
        fields.map { field in
            let name = field.fields[0].name.value
            return PlannedField(
                responseKey: field.responseKey,
                nodes: field.fields,
                plan: objectPlan.fields[name],
                isTypename: name == "__typename"
            )
        }
    }

    /// The planned root fields of the operation.
    func rootFields(_ objectPlan: ObjectPlan) -> [PlannedField] {
        plan(objectPlan, context.collectFields(objectPlan.type.name, context.operation.selectionSet))
    }

    /// A mutation root field on its own; nil when its null propagates to `data`.
    mutating func executeRootField(_ objectPlan: ObjectPlan, _ field: PlannedField) -> JSONValue? {
        let node = ResponsePath.root.node()
        do throws(CompletionFailure) {
            return try executeField(objectPlan, context.request, field, node) ?? .null
        } catch {
            return nil
        }
    }

    /// Executes the fields of an object; nil when a null propagates above it.
    mutating func executeFields(
        _ objectPlan: ObjectPlan,
        _ source: any Sendable,
        _ fields: [PlannedField],
        _ path: ResponsePath
    ) -> JSONObject? {
        let node = path.node()
        var result = JSONObject(minimumCapacity: fields.count)
        var failed = false
        for field in fields {
            do throws(CompletionFailure) {
                if let value = try executeField(objectPlan, source, field, node) {
                    result.appendNew(field.responseKey, value)
                }
            } catch {
                failed = true
            }
        }
        return failed ? nil : result
    }

    /// Executes one field: nil when the field does not exist on the type (it is left out).
    private mutating func executeField(
        _ objectPlan: ObjectPlan,
        _ source: any Sendable,
        _ field: PlannedField,
        _ parent: PathNode?
    ) throws(CompletionFailure) -> JSONValue? {
        guard let plan = field.plan else {
            return field.isTypename ? .string(objectPlan.type.name) : nil
        }
        let nodes = field.nodes
        let path = ResponsePath(parent: parent, component: .key(field.responseKey), isNullable: plan.isNullable)
        var arguments = JSONObject()
        if !plan.definition.arguments.isEmpty {
            do {
                arguments = try context.executable.coercer.argumentValues(
                    plan.definition.arguments,
                    nodes[0].arguments,
                    variables: context.variables
                )
            } catch {
                return try handle(.error(located(error, nodes, path)), plan)
            }
        }
        let fieldContext = FieldContext(
            parent: source,
            arguments: Arguments(arguments),
            path: path,
            plan: plan,
            fieldNodes: nodes,
            operationContext: context
        )
        switch plan.resolver {
        case .sync(let resolve):
            let value: (any Sendable)?
            do {
                value = try resolve(fieldContext)
            } catch {
                return try handle(.error(located(error, nodes, path)), plan)
            }
            do throws(CompletionFailure) {
                return try completeValue(plan.completion, plan, nodes, value, path)
            } catch {
                return try handle(error, plan)
            }
        case .async, .batch:
            jobs.append(Job(resolver: plan.resolver, fieldContext: fieldContext))
            return .null
        }
    }

    /// Completes a resolved value at a field position; nil when a null propagates above it.
    mutating func completeField(
        _ plan: FieldPlan,
        _ nodes: [Field],
        _ value: (any Sendable)?,
        _ path: ResponsePath
    ) -> JSONValue? {
        do throws(CompletionFailure) {
            return try completeValue(plan.completion, plan, nodes, value, path)
        } catch {
            return try? handle(error, plan)
        }
    }

    /// Records a field error; nil when a null propagates above the field.
    mutating func fieldError(_ error: GraphQLError, _ plan: FieldPlan) -> JSONValue? {
        try? handle(.error(error), plan)
    }

    /// graphql-js `handleFieldError` at a field: records a new error; a non-null field passes
    /// the null up.
    private mutating func handle(
        _ failure: CompletionFailure,
        _ plan: FieldPlan
    ) throws(CompletionFailure)
        -> JSONValue
    {
        if case .error(let error) = failure { errors.append(error) }
        if !plan.isNullable { throw .propagated }
        return .null
    }

    private mutating func completeValue(
        _ completion: Completion,
        _ plan: FieldPlan,
        _ nodes: [Field],
        _ value: (any Sendable)?,
        _ path: ResponsePath
    ) throws(CompletionFailure) -> JSONValue {
        if case .nonNull(let inner) = completion {
            let completed = try completeValue(inner, plan, nodes, value, path)
            if completed.isNull {
                throw .error(
                    located(
                        GraphQLError(
                            "Cannot return null for non-nullable field \(plan.parentTypeName).\(plan.definition.name)."
                        ),
                        nodes,
                        path
                    )
                )
            }
            return completed
        }
        guard let value else { return .null }
        switch completion {
        case .nonNull:
            preconditionFailure("handled above")
        case .leaf(let kind):
            return try serialize(kind, value, nodes, path)
        case .list(let item):
            return try completeList(item, plan, nodes, value, path)
        case .object(let name):
            if case .null = value as? JSONValue { return .null }
            guard let objectPlan = context.executable.objectPlans[name] else { return .null }
            return try completeObject(objectPlan, nodes, value, path)
        case .abstract(let name):
            if case .null = value as? JSONValue { return .null }
            let objectPlan = try resolveRuntimeType(name, plan, nodes, value, path)
            return try completeObject(objectPlan, nodes, value, path)
        case .invalid(let name):
            throw .error(located(GraphQLError("Cannot complete a value of type \"\(name)\"."), nodes, path))
        }
    }

    /// Result coercion of a leaf, with fast paths for the common Swift types.
    private func serialize(
        _ kind: LeafKind,
        _ value: any Sendable,
        _ nodes: [Field],
        _ path: ResponsePath
    ) throws(CompletionFailure) -> JSONValue {
        let coercion: ScalarCoercion?
        switch kind {
        case .string:
            if let string = value as? String { return .string(string) }
            coercion = builtInScalarCoercions["String"]
        case .int:
            if let int = value as? Int, int >= Int(Int32.min) && int <= Int(Int32.max) { return .int(int) }
            coercion = builtInScalarCoercions["Int"]
        case .float:
            if let double = value as? Double, double.isFinite { return .double(double) }
            coercion = builtInScalarCoercions["Float"]
        case .boolean:
            if let bool = value as? Bool { return .bool(bool) }
            coercion = builtInScalarCoercions["Boolean"]
        case .id:
            if let string = value as? String { return .string(string) }
            coercion = builtInScalarCoercions["ID"]
        case .enumType(let enumType):
            // A name as a string, or a Swift enum whose raw value is the name.
            let json =
                (value as? String).map(JSONValue.string) ?? jsonValue(of: value)
                ?? ((value as? any RawRepresentable)?.rawValue as? String).map(JSONValue.string)
            if case .null = json { return .null }
            guard case .string(let string) = json, enumType.value(string) != nil else {
                throw .error(
                    located(
                        GraphQLError("Enum \"\(enumType.name)\" cannot represent value: \(inspectValue(value))"),
                        nodes,
                        path
                    )
                )
            }
            return .string(string)
        case .custom(let custom):
            coercion = custom
        }
        if case .null = value as? JSONValue { return .null }
        guard let coercion else { return .null }
        do {
            return try coercion.serialize(value)
        } catch {
            throw .error(located(GraphQLError(errorMessage(error)), nodes, path))
        }
    }

    private mutating func completeList(
        _ item: Completion,
        _ plan: FieldPlan,
        _ nodes: [Field],
        _ value: any Sendable,
        _ path: ResponsePath
    ) throws(CompletionFailure) -> JSONValue {
        // Casting to optionals also unwraps the items of arrays such as `[String?]`.
        let items: [(any Sendable)?]
        if let array = value as? [(any Sendable)?] {
            items = array
        } else if case .array(let array) = value as? JSONValue {
            items = array.map { $0 }
        } else {
            throw .error(
                located(
                    GraphQLError(
                        "Expected Iterable, but did not find one for field \"\(plan.parentTypeName).\(plan.definition.name)\"."
                    ),
                    nodes,
                    path
                )
            )
        }
        let node = path.node()
        var itemIsNullable = true
        if case .nonNull = item { itemIsNullable = false }
        var result: [JSONValue] = []
        result.reserveCapacity(items.count)
        var failed = false
        for (index, element) in items.enumerated() {
            let itemPath = ResponsePath(parent: node, component: .index(index), isNullable: itemIsNullable)
            do throws(CompletionFailure) {
                result.append(try completeValue(item, plan, nodes, element, itemPath))
            } catch {
                // graphql-js `handleFieldError` at a list item.
                if case .error(let error) = error { errors.append(error) }
                if itemIsNullable {
                    result.append(.null)
                } else {
                    failed = true
                }
            }
        }
        if failed { throw .propagated }
        return .array(result)
    }

    private mutating func completeObject(
        _ objectPlan: ObjectPlan,
        _ nodes: [Field],
        _ value: any Sendable,
        _ path: ResponsePath
    ) throws(CompletionFailure) -> JSONValue {
        let fields: [PlannedField]
        let otherStarts = nodes.count == 1 ? [] : nodes.dropFirst().compactMap { $0.loc?.start }
        if let start = nodes[0].loc?.start, otherStarts.count == nodes.count - 1 {
            let key = SubfieldKey(objectPlan: ObjectIdentifier(objectPlan), start: start, otherStarts: otherStarts)
            if let cached = subfieldCache[key] {
                fields = cached
            } else {
                fields = plan(objectPlan, context.collectSubfields(objectPlan.type.name, nodes))
                subfieldCache[key] = fields
            }
        } else {
            fields = plan(objectPlan, context.collectSubfields(objectPlan.type.name, nodes))
        }
        guard let object = executeFields(objectPlan, value, fields, path) else { throw .propagated }
        return .object(object)
    }

    private func resolveRuntimeType(
        _ abstractName: String,
        _ plan: FieldPlan,
        _ nodes: [Field],
        _ value: any Sendable,
        _ path: ResponsePath
    ) throws(CompletionFailure) -> ObjectPlan {
        var runtimeName: String?
        if let resolver = context.executable.typeResolvers[abstractName] {
            do {
                runtimeName = try resolver(value)
            } catch {
                throw .error(located(error, nodes, path))
            }
        } else if case .string(let name) = (value as? JSONValue)?["__typename"] {
            runtimeName = name
        }
        guard let runtimeName else {
            throw .error(
                located(
                    GraphQLError(
                        "Abstract type \"\(abstractName)\" must resolve to an Object type at runtime for field \"\(plan.parentTypeName).\(plan.definition.name)\". Either the \"\(abstractName)\" type should provide a \"resolveType\" function or each possible type should provide an \"isTypeOf\" function."
                    ),
                    nodes,
                    path
                )
            )
        }
        guard let runtimeType = context.schema.type(named: runtimeName) else {
            throw .error(
                located(
                    GraphQLError(
                        "Abstract type \"\(abstractName)\" was resolved to a type \"\(runtimeName)\" that does not exist inside the schema."
                    ),
                    nodes,
                    path
                )
            )
        }
        guard case .object = runtimeType, let objectPlan = context.executable.objectPlans[runtimeName] else {
            throw .error(
                located(
                    GraphQLError(
                        "Abstract type \"\(abstractName)\" was resolved to a non-object type \"\(runtimeName)\"."
                    ),
                    nodes,
                    path
                )
            )
        }
        guard context.schema.isPossibleType(abstractName, runtimeName) else {
            throw .error(
                located(
                    GraphQLError(
                        "Runtime Object type \"\(runtimeName)\" is not a possible type for \"\(abstractName)\"."
                    ),
                    nodes,
                    path
                )
            )
        }
        return objectPlan
    }
}

extension JSONValue {
    /// Replaces the value at `path` (object keys and array indexes); does nothing when the path
    /// does not lead to an existing member (e.g. a container already nulled).
    mutating func replace(at path: ArraySlice<GraphQLError.PathComponent>, with value: JSONValue) {
        guard let first = path.first else {
            self = value
            return
        }
        switch first {
        case .key(let key):
            guard case .object(var object) = self, let position = object.keys.firstIndex(of: key) else { return }
            self = .null
            var member = object.values[position]
            object.replaceValue(at: position, with: .null)
            member.replace(at: path.dropFirst(), with: value)
            object.replaceValue(at: position, with: member)
            self = .object(object)
        case .index(let index):
            guard case .array(var array) = self, array.indices.contains(index) else { return }
            self = .null
            array[index].replace(at: path.dropFirst(), with: value)
            self = .array(array)
        }
    }
}
