extension ValidationRule {
    /// Field Selection Merging: fields of a selection set (fragments included) with the same
    /// response name can be merged without ambiguity. graphql-js's algorithm: each selection set
    /// is checked once, fragments are compared pairwise at most once (per exclusivity), and the
    /// fields of each selection set are collected once and cached.
    /// See https://spec.graphql.org/October2021/#sec-Field-Selection-Merging
    public static let overlappingFieldsCanBeMerged = ValidationRule(name: "OverlappingFieldsCanBeMerged") { context in
        let finder = OverlapFinder(context)
        var visitor = ValidationVisitor()
        visitor.enterSelectionSet = { selectionSet in
            for conflict in finder.conflictsWithin(selectionSet, parentType: context.typeInfo.parentType) {
                context.report(
                    "Fields \"\(conflict.reason.responseName)\" conflict because \(conflict.reason.message). "
                        + "Use different aliases on the fields to fetch both if this was intentional.",
                    (conflict.fields1 + conflict.fields2).map(\.loc)
                )
            }
        }
        return visitor
    }
}

/// Why two fields conflict: a message, or the conflicts of their subfields.
private struct ConflictReason {
    var responseName: String
    var reason: Reason

    indirect enum Reason {
        case message(String)
        case subfields([ConflictReason])
    }

    /// graphql-js `reasonMessage`.
    var message: String {
        switch reason {
        case .message(let text): text
        case .subfields(let reasons):
            reasons.map { "subfields \"\($0.responseName)\" conflict because \($0.message)" }.joined(separator: " and ")
        }
    }
}

/// A conflict and the fields on each side of it.
private struct Conflict {
    var reason: ConflictReason
    var fields1: [Field]
    var fields2: [Field]
}

/// A field with its parent type's name and whether that is an object type (its definition is
/// looked up only when the field is compared).
private struct FieldAndDefinition {
    var parentTypeName: String?
    var parentIsObject: Bool
    var node: Field
}

/// The fields of a selection set grouped by response name, in order, and the fragments it
/// spreads, in order. Small selection sets are searched linearly; large ones through an index.
private final class FieldsAndFragments {
    private(set) var groups: [(responseName: String, fields: [FieldAndDefinition])] = []
    private(set) var fragmentNames: [String] = []
    private var groupIndex: [String: Int] = [:]
    private var fragmentNameSet: Set<String> = []
    private static let linearLimit = 16

    /// The fields with this response name, if any.
    func fields(_ responseName: String) -> [FieldAndDefinition]? {
        index(of: responseName).map { groups[$0].fields }
    }

    func add(_ responseName: String, _ field: FieldAndDefinition) {
        if let i = index(of: responseName) {
            groups[i].fields.append(field)
            return
        }
        groups.append((responseName, [field]))
        if groups.count == Self.linearLimit + 1 {
            for (i, group) in groups.enumerated() where groupIndex[group.responseName] == nil {
                groupIndex[group.responseName] = i
            }
        } else if groups.count > Self.linearLimit + 1 {
            groupIndex[responseName] = groups.count - 1
        }
    }

    func addFragment(_ name: String) {
        if fragmentNames.count < Self.linearLimit {
            if !fragmentNames.contains(name) { fragmentNames.append(name) }
            return
        }
        if fragmentNameSet.isEmpty { fragmentNameSet = Set(fragmentNames) }
        if fragmentNameSet.insert(name).inserted { fragmentNames.append(name) }
    }

    private func index(of responseName: String) -> Int? {
        if groups.count > Self.linearLimit { return groupIndex[responseName] }
        return groups.firstIndex { $0.responseName == responseName }
    }
}

/// Unordered pairs of fragment names already compared, with whether the comparison assumed the
/// parents mutually exclusive (graphql-js `PairSet`).
private struct PairSet {
    private var data: [String: [String: Bool]] = [:]

    func has(_ a: String, _ b: String, _ mutuallyExclusive: Bool) -> Bool {
        let (key1, key2) = a < b ? (a, b) : (b, a)
        guard let result = data[key1]?[key2] else { return false }
        // A pair compared as not mutually exclusive covers the exclusive comparison too.
        return mutuallyExclusive ? true : result == mutuallyExclusive
    }

    mutating func add(_ a: String, _ b: String, _ mutuallyExclusive: Bool) {
        let (key1, key2) = a < b ? (a, b) : (b, a)
        data[key1, default: [:]][key2] = mutuallyExclusive
    }
}

/// Two collected field maps compared as sub-selection sets, and whether their parents are mutually exclusive.
private struct SubSelectionPair: Hashable {
    var fieldMap1: ObjectIdentifier
    var fieldMap2: ObjectIdentifier
    var mutuallyExclusive: Bool
}

/// graphql-js's `findConflictsWithinSelectionSet` and the functions it calls, sharing the
/// compared-fragment pairs and the cache of collected fields across one validation.
private final class OverlapFinder {
    private let context: ValidationContext
    private var comparedFragmentPairs = PairSet()
    /// The pairs of sub-selection sets being compared further up the call stack. A fragment that spreads itself
    /// inside a field, e.g. `fragment F on T { a { ...F a { ...F } } }`, leads back to a pair already being compared
    /// (found by the fuzzer; graphql-core 3.2 raises RecursionError there): that inner comparison can only repeat
    /// the outer one, so it is skipped. The field maps are cached per selection set and alive while compared.
    private var subSelectionPairsInProgress: Set<SubSelectionPair> = []
    /// The conflicts of each pair of sub-selection sets compared so far: documents whose fragments spread each other
    /// inside fields reach the same pair along exponentially many paths (a fuzzer input of 4 KB took minutes), so
    /// each pair is compared once (pairs of cached field maps only: a document parsed without locations has none).
    private var subSelectionConflicts: [SubSelectionPair: [Conflict]] = [:]
    /// Collected fields by the source offset of their selection set.
    private var cache: [Int: FieldsAndFragments] = [:]

    init(_ context: ValidationContext) {
        self.context = context
    }

    func conflictsWithin(_ selectionSet: SelectionSet, parentType: GraphQLNamedType?) -> [Conflict] {
        if onlyDistinctFields(selectionSet) { return [] }
        var conflicts: [Conflict] = []
        let fieldMap = fieldsAndFragmentNames(selectionSet, parentType: parentType)
        collectConflictsWithin(&conflicts, fieldMap)
        let names = fieldMap.fragmentNames
        for (i, name) in names.enumerated() {
            collectConflictsBetweenFieldsAndFragment(&conflicts, false, fieldMap, name)
            for other in names[(i + 1)...] {
                collectConflictsBetweenFragments(&conflicts, false, name, other)
            }
        }
        return conflicts
    }

    private func collectConflictsBetweenFieldsAndFragment(
        _ conflicts: inout [Conflict],
        _ mutuallyExclusive: Bool,
        _ fieldMap: FieldsAndFragments,
        _ fragmentName: String
    ) {
        guard let fragment = context.fragments[fragmentName] else { return }
        let fieldMap2 = referencedFieldsAndFragmentNames(fragment)
        // Do not compare a fragment's fields with themselves.
        if fieldMap === fieldMap2 { return }
        collectConflictsBetween(&conflicts, mutuallyExclusive, fieldMap, fieldMap2)
        for referenced in fieldMap2.fragmentNames {
            if comparedFragmentPairs.has(referenced, fragmentName, mutuallyExclusive) { continue }
            comparedFragmentPairs.add(referenced, fragmentName, mutuallyExclusive)
            collectConflictsBetweenFieldsAndFragment(&conflicts, mutuallyExclusive, fieldMap, referenced)
        }
    }

    private func collectConflictsBetweenFragments(
        _ conflicts: inout [Conflict],
        _ mutuallyExclusive: Bool,
        _ name1: String,
        _ name2: String
    ) {
        if name1 == name2 { return }
        if comparedFragmentPairs.has(name1, name2, mutuallyExclusive) { return }
        comparedFragmentPairs.add(name1, name2, mutuallyExclusive)
        guard let fragment1 = context.fragments[name1], let fragment2 = context.fragments[name2] else { return }
        let fieldMap1 = referencedFieldsAndFragmentNames(fragment1)
        let fieldMap2 = referencedFieldsAndFragmentNames(fragment2)
        collectConflictsBetween(&conflicts, mutuallyExclusive, fieldMap1, fieldMap2)
        for referenced2 in fieldMap2.fragmentNames {
            collectConflictsBetweenFragments(&conflicts, mutuallyExclusive, name1, referenced2)
        }
        for referenced1 in fieldMap1.fragmentNames {
            collectConflictsBetweenFragments(&conflicts, mutuallyExclusive, referenced1, name2)
        }
    }

    private func conflictsBetweenSubSelectionSets(
        _ mutuallyExclusive: Bool,
        _ parentType1: GraphQLNamedType?,
        _ selectionSet1: SelectionSet,
        _ parentType2: GraphQLNamedType?,
        _ selectionSet2: SelectionSet
    ) -> [Conflict] {
        var conflicts: [Conflict] = []
        let fieldMap1 = fieldsAndFragmentNames(selectionSet1, parentType: parentType1)
        let fieldMap2 = fieldsAndFragmentNames(selectionSet2, parentType: parentType2)
        let pair = SubSelectionPair(
            fieldMap1: ObjectIdentifier(fieldMap1),
            fieldMap2: ObjectIdentifier(fieldMap2),
            mutuallyExclusive: mutuallyExclusive
        )
        let isCached = selectionSet1.loc != nil && selectionSet2.loc != nil
        if isCached, let known = subSelectionConflicts[pair] { return known }
        guard subSelectionPairsInProgress.insert(pair).inserted else { return [] }
        defer { subSelectionPairsInProgress.remove(pair) }
        collectConflictsBetween(&conflicts, mutuallyExclusive, fieldMap1, fieldMap2)
        for name2 in fieldMap2.fragmentNames {
            collectConflictsBetweenFieldsAndFragment(&conflicts, mutuallyExclusive, fieldMap1, name2)
        }
        for name1 in fieldMap1.fragmentNames {
            collectConflictsBetweenFieldsAndFragment(&conflicts, mutuallyExclusive, fieldMap2, name1)
        }
        for name1 in fieldMap1.fragmentNames {
            for name2 in fieldMap2.fragmentNames {
                collectConflictsBetweenFragments(&conflicts, mutuallyExclusive, name1, name2)
            }
        }
        if isCached { subSelectionConflicts[pair] = conflicts }
        return conflicts
    }

    private func collectConflictsWithin(_ conflicts: inout [Conflict], _ fieldMap: FieldsAndFragments) {
        for (responseName, fields) in fieldMap.groups {
            if fields.count < 2 { continue }
            for i in 0..<fields.count {
                for j in (i + 1)..<fields.count {
                    if let conflict = findConflict(false, responseName, fields[i], fields[j]) {
                        conflicts.append(conflict)
                    }
                }
            }
        }
    }

    private func collectConflictsBetween(
        _ conflicts: inout [Conflict],
        _ mutuallyExclusive: Bool,
        _ fieldMap1: FieldsAndFragments,
        _ fieldMap2: FieldsAndFragments
    ) {
        for (responseName, fields1) in fieldMap1.groups {
            guard let fields2 = fieldMap2.fields(responseName) else { continue }
            for field1 in fields1 {
                for field2 in fields2 {
                    if let conflict = findConflict(mutuallyExclusive, responseName, field1, field2) {
                        conflicts.append(conflict)
                    }
                }
            }
        }
    }

    /// Whether two fields with one response name conflict, their subfields included.
    private func findConflict(
        _ parentFieldsAreMutuallyExclusive: Bool,
        _ responseName: String,
        _ field1: FieldAndDefinition,
        _ field2: FieldAndDefinition
    ) -> Conflict? {
        let node1 = field1.node
        let node2 = field2.node
        // Fields of two different object types can never apply to the same object.
        let mutuallyExclusive =
            parentFieldsAreMutuallyExclusive
            || (field1.parentTypeName != field2.parentTypeName && field1.parentIsObject && field2.parentIsObject)
        if !mutuallyExclusive {
            if node1.name.value != node2.name.value {
                return Conflict(
                    reason: ConflictReason(
                        responseName: responseName,
                        reason: .message("\"\(node1.name.value)\" and \"\(node2.name.value)\" are different fields")
                    ),
                    fields1: [node1],
                    fields2: [node2]
                )
            }
            if !sameArguments(node1.arguments, node2.arguments) {
                return Conflict(
                    reason: ConflictReason(
                        responseName: responseName,
                        reason: .message("they have differing arguments")
                    ),
                    fields1: [node1],
                    fields2: [node2]
                )
            }
        }
        // As in graphql-js, only fields declared by objects and interfaces have a definition here
        // (not `__typename`).
        let type1 = field1.parentTypeName.flatMap { context.schema.type(named: $0)?.field(node1.name.value)?.type }
        let type2 = field2.parentTypeName.flatMap { context.schema.type(named: $0)?.field(node2.name.value)?.type }
        if let type1, let type2, doTypesConflict(type1, type2) {
            return Conflict(
                reason: ConflictReason(
                    responseName: responseName,
                    reason: .message("they return conflicting types \"\(type1)\" and \"\(type2)\"")
                ),
                fields1: [node1],
                fields2: [node2]
            )
        }
        if let selectionSet1 = node1.selectionSet, let selectionSet2 = node2.selectionSet {
            let conflicts = conflictsBetweenSubSelectionSets(
                mutuallyExclusive,
                type1.flatMap(context.schema.namedType),
                selectionSet1,
                type2.flatMap(context.schema.namedType),
                selectionSet2
            )
            if !conflicts.isEmpty {
                return Conflict(
                    reason: ConflictReason(responseName: responseName, reason: .subfields(conflicts.map(\.reason))),
                    fields1: [node1] + conflicts.flatMap(\.fields1),
                    fields2: [node2] + conflicts.flatMap(\.fields2)
                )
            }
        }
        return nil
    }

    /// Whether two types cannot both describe one value: lists and non-null must match, and leaf
    /// types must be the same (composite types are compared through their subfields).
    private func doTypesConflict(_ type1: GraphQLType, _ type2: GraphQLType) -> Bool {
        switch (type1, type2) {
        case (.list(let item1), .list(let item2)): return doTypesConflict(item1, item2)
        case (.list, _), (_, .list): return true
        case (.nonNull(let inner1), .nonNull(let inner2)): return doTypesConflict(inner1, inner2)
        case (.nonNull, _), (_, .nonNull): return true
        case (.named(let name1), .named(let name2)):
            if context.schema.isLeafType(type1) || context.schema.isLeafType(type2) { return name1 != name2 }
            return false
        }
    }

    /// The fields and fragment names of a selection set, collected once.
    private func fieldsAndFragmentNames(
        _ selectionSet: SelectionSet,
        parentType: GraphQLNamedType?
    ) -> FieldsAndFragments {
        let key = selectionSet.loc?.start
        if let key, let cached = cache[key] { return cached }
        let result = FieldsAndFragments()
        collectFieldsAndFragmentNames(parentType, selectionSet, result)
        if let key { cache[key] = result }
        return result
    }

    /// The fields and fragment names of a fragment's selection set, collected once.
    private func referencedFieldsAndFragmentNames(_ fragment: FragmentDefinition) -> FieldsAndFragments {
        if let key = fragment.selectionSet.loc?.start, let cached = cache[key] { return cached }
        let fragmentType = context.schema.type(named: fragment.typeCondition.name.value)
        return fieldsAndFragmentNames(fragment.selectionSet, parentType: fragmentType)
    }

    private func collectFieldsAndFragmentNames(
        _ parentType: GraphQLNamedType?,
        _ selectionSet: SelectionSet,
        _ result: FieldsAndFragments
    ) {
        for selection in selectionSet.selections {
            switch selection {
            case .field(let field):
                let entry = FieldAndDefinition(
                    parentTypeName: parentType?.name,
                    parentIsObject: parentType?.isObjectType == true,
                    node: field
                )
                result.add(field.responseKey, entry)
            case .fragmentSpread(let spread):
                result.addFragment(spread.name.value)
            case .inlineFragment(let fragment):
                let fragmentType =
                    if let condition = fragment.typeCondition {
                        context.schema.type(named: condition.name.value)
                    } else {
                        parentType
                    }
                collectFieldsAndFragmentNames(fragmentType, fragment.selectionSet, result)
            }
        }
    }
}

/// Whether two argument lists are the same, in any order (graphql-js `sameArguments`).
private func sameArguments(_ arguments1: [Argument], _ arguments2: [Argument]) -> Bool {
    if arguments1.count != arguments2.count { return false }
    for argument1 in arguments1 {
        guard let argument2 = arguments2.first(where: { $0.name.value == argument1.name.value }) else { return false }
        if !sameValue(argument1.value, argument2.value) { return false }
    }
    return true
}

/// Whether two value literals print the same once object fields are sorted by name
/// (graphql-js compares `print(sortValueNode(value))`).
private func sameValue(_ value1: Value, _ value2: Value) -> Bool {
    switch (value1, value2) {
    case (.variable(let a), .variable(let b)): return a.name.value == b.name.value
    case (.int(let a), .int(let b)): return a.value == b.value
    case (.float(let a), .float(let b)): return a.value == b.value
    case (.string(let a), .string(let b)): return a.value == b.value && a.block == b.block
    case (.boolean(let a), .boolean(let b)): return a.value == b.value
    case (.null, .null): return true
    case (.enumValue(let a), .enumValue(let b)): return a.value == b.value
    case (.list(let a), .list(let b)):
        return a.values.count == b.values.count && zip(a.values, b.values).allSatisfy { sameValue($0, $1) }
    case (.object(let a), .object(let b)):
        if a.fields.count != b.fields.count { return false }
        let sorted1 = a.fields.sorted { naturalCompare($0.name.value, $1.name.value) < 0 }
        let sorted2 = b.fields.sorted { naturalCompare($0.name.value, $1.name.value) < 0 }
        return zip(sorted1, sorted2).allSatisfy { $0.name.value == $1.name.value && sameValue($0.value, $1.value) }
    default: return false
    }
}

/// Whether a (small) selection set holds only fields with distinct response names: then nothing
/// in it can conflict, and its fields need not be collected now.
private func onlyDistinctFields(_ selectionSet: SelectionSet) -> Bool {
    let selections = selectionSet.selections
    if selections.count > 16 { return false }
    for (i, selection) in selections.enumerated() {
        guard case .field(let field) = selection else { return false }
        let key = field.responseKey
        for other in selections[..<i] {
            if case .field(let otherField) = other, otherField.responseKey == key { return false }
        }
    }
    return true
}
