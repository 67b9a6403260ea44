extension ValidationRule {
    /// Field Selection Merging: fields of a selection set (fragments included) with the same
    /// response name can be merged without ambiguity. graphql-js's algorithm: each selection set
    /// is checked once, fragments are compared pairwise at most once (per exclusivity), and the
    /// fields of each selection set are collected once and cached.
    /// See https://spec.graphql.org/October2021/#sec-Field-Selection-Merging
    ///
    /// The work is bounded (`OverlapWorkLimit`): a document that needs more than
    /// `OverlapWorkLimit.maxSteps` steps (field pairs compared, response names looked up, locations
    /// and reasons of the errors) or nests compared fields deeper than `OverlapWorkLimit.maxDepth`
    /// gets one error saying so at the selection set being checked, and the rule checks nothing
    /// further. Every other document gets exactly graphql-js's errors.
    public static let overlappingFieldsCanBeMerged = ValidationRule(name: "OverlappingFieldsCanBeMerged") { context in
        let finder = OverlapFinder(context)
        var visitor = ValidationVisitor()
        visitor.enterSelectionSet = { selectionSet in
            if finder.isOverLimit { return }
            do throws(OverlapWorkLimit) {
                for conflict in try finder.conflictsWithin(selectionSet, parentType: context.typeInfo.parentType) {
                    context.report(
                        "Fields \"\(conflict.responseName)\" conflict because \(conflict.reasonMessage). "
                            + "Use different aliases on the fields to fetch both if this was intentional.",
                        conflict.locations
                    )
                }
            } catch {
                context.report(error.message, selectionSet.loc)
            }
        }
        return visitor
    }
}

/// The bounds on the rule's work per validation. graphql-js's algorithm compares every pair of fields that share a
/// response name, so 10,000 copies of `a: b(c: 1) { d }` take 50 million comparisons, and it reports a conflict
/// with the fields of all the conflicts nested in it, so nested conflicts reached through many pairs of fields (a
/// fuzzer input of 5.5 KB) grow their reports exponentially. Identical leaf fields are compared once (see
/// `FieldClasses`) and nested conflicts are shared rather than copied, which keeps ordinary documents far below
/// these bounds; `maxDepth` keeps chains of fragments nested in fields from exhausting the stack.
struct OverlapWorkLimit: Error {
    /// Field pairs compared, field maps and fragment pairs compared, response names looked up in another field map,
    /// and conflicts, locations and reasons reported, per validation. The validation cases of the tests take at most
    /// 73 steps, the fuzz corpus at most 18,692, 300 fragments of two fields spread side by side 404,250; reaching
    /// the limit costs up to 1 s in a release build on a loaded 2-core machine.
    static let maxSteps = 500_000
    /// Nested levels of sub-selection sets compared at once. The parser allows documents 200 levels deep, so only
    /// fragments that nest each other in fields go deeper.
    static let maxDepth = 200

    var message: String

    static let tooManySteps = OverlapWorkLimit(
        message: "Fields cannot be checked for merging: the document needs more than \(maxSteps) steps "
            + "(too many fields with the same response name, or conflicts reached along too many paths)."
    )
    static let tooDeep = OverlapWorkLimit(
        message: "Fields cannot be checked for merging: compared fields nest more than \(maxDepth) levels deep."
    )
}

/// A conflict between two fields (graphql-js `Conflict`) as a tree: the conflicts of their subfields are kept, not
/// copied into flat lists, so that one nested conflict found along many paths is stored once. The report
/// (`reasonMessage`, `locations`) walks the tree as graphql-js's flat lists would list it.
private struct Conflict {
    var responseName: String
    var reason: Reason
    var field1: SourceRange?
    var field2: SourceRange?
    /// The conflicts in the full tree, this one included, counted with repetition (at most `Int.max / 2`): a report
    /// costs this many reasons and twice as many locations.
    var size: Int

    enum Reason {
        case message(String)
        case subfields([Conflict])
    }

    init(responseName: String, reason: Reason, field1: SourceRange?, field2: SourceRange?) {
        self.responseName = responseName
        self.reason = reason
        self.field1 = field1
        self.field2 = field2
        var size = 1
        if case .subfields(let subconflicts) = reason {
            for subconflict in subconflicts { size = min(size + subconflict.size, Int.max / 2) }
        }
        self.size = size
    }

    /// graphql-js `reasonMessage`.
    var reasonMessage: String {
        switch reason {
        case .message(let text): text
        case .subfields(let subconflicts):
            subconflicts.map { "subfields \"\($0.responseName)\" conflict because \($0.reasonMessage)" }
                .joined(separator: " and ")
        }
    }

    /// The fields on the first side, then those on the second, each side depth first (graphql-js's `fields1` and
    /// `fields2`).
    var locations: [SourceRange?] {
        var locations: [SourceRange?] = []
        locations.reserveCapacity(2 * size)
        appendFields(side: 1, to: &locations)
        appendFields(side: 2, to: &locations)
        return locations
    }

    private func appendFields(side: Int, to locations: inout [SourceRange?]) {
        locations.append(side == 1 ? field1 : field2)
        if case .subfields(let subconflicts) = reason {
            for subconflict in subconflicts { subconflict.appendFields(side: side, to: &locations) }
        }
    }
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
    private var classesByGroup: [Int: FieldClasses?] = [:]
    private static let linearLimit = 16

    /// The index in `groups` of the fields with this response name, if any.
    func group(_ responseName: String) -> Int? {
        index(of: responseName)
    }

    /// The classes of the fields of `groups[group]`, made once (the fields are all collected by then); nil for a
    /// group that does not gain from them, whose fields are each compared with every other.
    func classes(ofGroup group: Int) -> FieldClasses? {
        if groups[group].fields.count < FieldClasses.minimumToClassify { return nil }
        if let known = classesByGroup[group] { return known }
        let classes = FieldClasses(groups[group].fields)
        classesByGroup[group] = classes
        return classes
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

/// The fields that share a response name, split into classes of fields that compare alike with any field (for groups
/// of at least `minimumToClassify` fields). Each leaf (no selection set, no argument name twice) is in the class
/// of the leaves with its parent type, name and printed arguments, for which `findConflict` gives the same answer
/// except for the locations; any other field is a class of its own. So 10,000 copies of `a: b` are compared once.
private struct FieldClasses {
    let fields: [FieldAndDefinition]
    /// The indices in `fields` of each class's members, ascending.
    private(set) var members: [[Int]] = []
    private var isLeafClass: [Bool] = []
    private var classOfField: [Int] = []
    static let minimumToClassify = 8

    /// Classifies `fields`; nil when every class would have one member.
    init?(_ fields: [FieldAndDefinition]) {
        self.fields = fields
        var classOfKey: [String: Int] = [:]
        for (index, field) in fields.enumerated() {
            let key = Self.leafKey(field)
            if let key, let known = classOfKey[key] {
                members[known].append(index)
                classOfField.append(known)
                continue
            }
            if let key { classOfKey[key] = members.count }
            classOfField.append(members.count)
            members.append([index])
            isLeafClass.append(key != nil)
        }
        if members.count == fields.count { return nil }
    }

    var count: Int { members.count }

    func isLeaf(_ fieldClass: Int) -> Bool { isLeafClass[fieldClass] }

    /// The leaf class of `fields[field]`, nil when it is a class of its own.
    func leafClass(of field: Int) -> Int? {
        isLeafClass[classOfField[field]] ? classOfField[field] : nil
    }

    private static func leafKey(_ field: FieldAndDefinition) -> String? {
        let node = field.node
        if node.selectionSet != nil { return nil }
        if Set(node.arguments.map(\.name.value)).count != node.arguments.count { return nil }
        let parent = field.parentTypeName.map { "\($0) \(field.parentIsObject)" } ?? ""
        let arguments = node.arguments.map { "\($0.name.value): \(printAST($0.value))" }.joined(separator: ", ")
        return "\(parent) \(node.name.value)(\(arguments))"
    }
}

/// Two classes of `FieldClasses`, the first of the field being compared.
private struct LeafClassPair: Hashable {
    var class1: Int
    var class2: Int
}

extension Array where Element == Int {
    /// The index of the first element greater than `value` in this ascending array (`endIndex` if none).
    fileprivate func firstIndex(above value: Int) -> Int {
        var low = startIndex
        var high = endIndex
        while low < high {
            let middle = (low + high) / 2
            if self[middle] <= value { low = middle + 1 } else { high = middle }
        }
        return low
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
/// compared-fragment pairs and the cache of collected fields across one validation, within the
/// bounds of `OverlapWorkLimit`.
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
    /// Steps taken so far, against `OverlapWorkLimit.maxSteps`.
    private var steps = 0
    /// Whether a bound was reached: the rule has reported it and checks nothing more.
    private(set) var isOverLimit = false

    init(_ context: ValidationContext) {
        self.context = context
    }

    /// The conflicts of one selection set, in graphql-js's order; throws when a bound is reached.
    func conflictsWithin(
        _ selectionSet: SelectionSet,
        parentType: GraphQLNamedType?
    ) throws(OverlapWorkLimit) -> [Conflict] {
        if onlyDistinctFields(selectionSet) { return [] }
        do {
            var conflicts: [Conflict] = []
            let fieldMap = fieldsAndFragmentNames(selectionSet, parentType: parentType)
            try collectConflictsWithin(&conflicts, fieldMap)
            let names = fieldMap.fragmentNames
            for (i, name) in names.enumerated() {
                try collectConflictsBetweenFieldsAndFragment(&conflicts, false, fieldMap, name, depth: 0)
                for other in names[(i + 1)...] {
                    try collectConflictsBetweenFragments(&conflicts, false, name, other, depth: 0)
                }
            }
            // Reporting walks each conflict's tree.
            for conflict in conflicts { try spend(3 * conflict.size) }
            return conflicts
        } catch {
            isOverLimit = true
            throw error
        }
    }

    private func spend(_ count: Int) throws(OverlapWorkLimit) {
        steps += count
        if steps > OverlapWorkLimit.maxSteps { throw .tooManySteps }
    }

    /// Compares a field map with a fragment and, depth first, with the fragments it spreads (each pair of spread
    /// and spreading fragment once). A stack of pending fragments stands for graphql-js's recursion, in the same
    /// order: a chain of thousands of fragments would exhaust the call stack.
    private func collectConflictsBetweenFieldsAndFragment(
        _ conflicts: inout [Conflict],
        _ mutuallyExclusive: Bool,
        _ fieldMap: FieldsAndFragments,
        _ fragmentName: String,
        depth: Int
    ) throws(OverlapWorkLimit) {
        // Each fragment to compare, with the fragment that spreads it (nil for the first).
        var pending: [(name: String, spreadBy: String?)] = [(fragmentName, nil)]
        while let (name, spreadBy) = pending.popLast() {
            if let spreadBy {
                if comparedFragmentPairs.has(name, spreadBy, mutuallyExclusive) { continue }
                comparedFragmentPairs.add(name, spreadBy, mutuallyExclusive)
            }
            try spend(1)
            guard let fragment = context.fragments[name] else { continue }
            let fieldMap2 = referencedFieldsAndFragmentNames(fragment)
            // Do not compare a fragment's fields with themselves.
            if fieldMap === fieldMap2 { continue }
            try collectConflictsBetween(&conflicts, mutuallyExclusive, fieldMap, fieldMap2, depth: depth)
            pending += fieldMap2.fragmentNames.reversed().map { ($0, name) }
        }
    }

    /// Compares two fragments and, depth first, each with the fragments the other spreads (each pair once), with a
    /// stack of pending pairs for graphql-js's recursion, in the same order.
    private func collectConflictsBetweenFragments(
        _ conflicts: inout [Conflict],
        _ mutuallyExclusive: Bool,
        _ name1: String,
        _ name2: String,
        depth: Int
    ) throws(OverlapWorkLimit) {
        var pending = [(name1, name2)]
        while let (name1, name2) = pending.popLast() {
            if name1 == name2 { continue }
            if comparedFragmentPairs.has(name1, name2, mutuallyExclusive) { continue }
            comparedFragmentPairs.add(name1, name2, mutuallyExclusive)
            try spend(1)
            guard let fragment1 = context.fragments[name1], let fragment2 = context.fragments[name2] else { continue }
            let fieldMap1 = referencedFieldsAndFragmentNames(fragment1)
            let fieldMap2 = referencedFieldsAndFragmentNames(fragment2)
            try collectConflictsBetween(&conflicts, mutuallyExclusive, fieldMap1, fieldMap2, depth: depth)
            // Popped in this order: name1 with each fragment name2 spreads, then each fragment name1 spreads with name2.
            pending += fieldMap1.fragmentNames.reversed().map { ($0, name2) }
            pending += fieldMap2.fragmentNames.reversed().map { (name1, $0) }
        }
    }

    private func conflictsBetweenSubSelectionSets(
        _ mutuallyExclusive: Bool,
        _ parentType1: GraphQLNamedType?,
        _ selectionSet1: SelectionSet,
        _ parentType2: GraphQLNamedType?,
        _ selectionSet2: SelectionSet,
        depth: Int
    ) throws(OverlapWorkLimit) -> [Conflict] {
        if depth > OverlapWorkLimit.maxDepth { throw .tooDeep }
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
        try collectConflictsBetween(&conflicts, mutuallyExclusive, fieldMap1, fieldMap2, depth: depth)
        for name2 in fieldMap2.fragmentNames {
            try collectConflictsBetweenFieldsAndFragment(&conflicts, mutuallyExclusive, fieldMap1, name2, depth: depth)
        }
        for name1 in fieldMap1.fragmentNames {
            try collectConflictsBetweenFieldsAndFragment(&conflicts, mutuallyExclusive, fieldMap2, name1, depth: depth)
        }
        for name1 in fieldMap1.fragmentNames {
            for name2 in fieldMap2.fragmentNames {
                try collectConflictsBetweenFragments(&conflicts, mutuallyExclusive, name1, name2, depth: depth)
            }
        }
        if isCached { subSelectionConflicts[pair] = conflicts }
        return conflicts
    }

    /// The pairs of fields of one selection set that share a response name, in graphql-js's order (`i < j`).
    private func collectConflictsWithin(
        _ conflicts: inout [Conflict],
        _ fieldMap: FieldsAndFragments
    ) throws(OverlapWorkLimit) {
        for (group, (responseName, fields)) in fieldMap.groups.enumerated() where fields.count > 1 {
            let classes = fieldMap.classes(ofGroup: group)
            try collectConflicts(
                &conflicts,
                false,
                responseName,
                (fields, classes),
                (fields, classes),
                withinOneGroup: true,
                depth: 0
            )
        }
    }

    /// The pairs of fields of two field maps that share a response name, in graphql-js's order.
    private func collectConflictsBetween(
        _ conflicts: inout [Conflict],
        _ mutuallyExclusive: Bool,
        _ fieldMap1: FieldsAndFragments,
        _ fieldMap2: FieldsAndFragments,
        depth: Int
    ) throws(OverlapWorkLimit) {
        try spend(1 + fieldMap1.groups.count)
        for (group1, (responseName, fields1)) in fieldMap1.groups.enumerated() {
            guard let group2 = fieldMap2.group(responseName) else { continue }
            try collectConflicts(
                &conflicts,
                mutuallyExclusive,
                responseName,
                (fields1, fieldMap1.classes(ofGroup: group1)),
                (fieldMap2.groups[group2].fields, fieldMap2.classes(ofGroup: group2)),
                depth: depth
            )
        }
    }

    /// Compares each field of `side1` with each of `side2`, in order; within one group (both sides the same), each
    /// pair once (`i < j`). When both sides have classes, leaves whose classes were found not to conflict are skipped.
    private func collectConflicts(
        _ conflicts: inout [Conflict],
        _ mutuallyExclusive: Bool,
        _ responseName: String,
        _ side1: (fields: [FieldAndDefinition], classes: FieldClasses?),
        _ side2: (fields: [FieldAndDefinition], classes: FieldClasses?),
        withinOneGroup: Bool = false,
        depth: Int
    ) throws(OverlapWorkLimit) {
        func compare(_ field1: FieldAndDefinition, _ field2: FieldAndDefinition) throws(OverlapWorkLimit) {
            if let conflict = try findConflict(mutuallyExclusive, responseName, field1, field2, depth: depth) {
                conflicts.append(conflict)
            }
        }
        var leafComparisons: [LeafClassPair: Bool] = [:]
        for (i, field1) in side1.fields.enumerated() {
            let first = withinOneGroup ? i + 1 : 0
            guard let classes1 = side1.classes, let classes2 = side2.classes else {
                for field2 in side2.fields[first...] { try compare(field1, field2) }
                continue
            }
            try spend(classes2.count)
            let others = try fieldsToCompare(
                with: field1,
                ofLeafClass: classes1.leafClass(of: i),
                in: classes2,
                after: first - 1,
                mutuallyExclusive,
                responseName,
                &leafComparisons
            )
            for j in others { try compare(field1, side2.fields[j]) }
        }
    }

    /// The indices past `after` of the fields in `classes` that `field` must be compared with, ascending: every
    /// field of a class of its own, and the members of each leaf class whose first comparison with `field`'s leaf
    /// class found a conflict (made here once per pair of classes and kept in `leafComparisons`): two leaves compare
    /// alike with each member of a class.
    private func fieldsToCompare(
        with field: FieldAndDefinition,
        ofLeafClass leafClass: Int?,
        in classes: FieldClasses,
        after: Int,
        _ mutuallyExclusive: Bool,
        _ responseName: String,
        _ leafComparisons: inout [LeafClassPair: Bool]
    ) throws(OverlapWorkLimit) -> [Int] {
        var indices: [Int] = []
        for (otherClass, members) in classes.members.enumerated() {
            let first = members.firstIndex(above: after)
            if first == members.endIndex { continue }
            if let leafClass, classes.isLeaf(otherClass) {
                let pair = LeafClassPair(class1: leafClass, class2: otherClass)
                let conflicting: Bool
                if let known = leafComparisons[pair] {
                    conflicting = known
                } else {
                    let other = classes.fields[members[first]]
                    conflicting = try findConflict(mutuallyExclusive, responseName, field, other, depth: 0) != nil
                    leafComparisons[pair] = conflicting
                }
                if !conflicting { continue }
            }
            indices += members[first...]
        }
        if indices.count > 1 { indices.sort() }
        return indices
    }

    /// Whether two fields with one response name conflict, their subfields included.
    private func findConflict(
        _ parentFieldsAreMutuallyExclusive: Bool,
        _ responseName: String,
        _ field1: FieldAndDefinition,
        _ field2: FieldAndDefinition,
        depth: Int
    ) throws(OverlapWorkLimit) -> Conflict? {
        try spend(1)
        let node1 = field1.node
        let node2 = field2.node
        // Fields of two different object types can never apply to the same object.
        let mutuallyExclusive =
            parentFieldsAreMutuallyExclusive
            || (field1.parentTypeName != field2.parentTypeName && field1.parentIsObject && field2.parentIsObject)
        if !mutuallyExclusive {
            if node1.name.value != node2.name.value {
                return Conflict(
                    responseName: responseName,
                    reason: .message("\"\(node1.name.value)\" and \"\(node2.name.value)\" are different fields"),
                    field1: node1.loc,
                    field2: node2.loc
                )
            }
            if !sameArguments(node1.arguments, node2.arguments) {
                return Conflict(
                    responseName: responseName,
                    reason: .message("they have differing arguments"),
                    field1: node1.loc,
                    field2: node2.loc
                )
            }
        }
        // As in graphql-js, only fields declared by objects and interfaces have a definition here
        // (not `__typename`).
        let type1 = field1.parentTypeName.flatMap { context.schema.type(named: $0)?.field(node1.name.value)?.type }
        let type2 = field2.parentTypeName.flatMap { context.schema.type(named: $0)?.field(node2.name.value)?.type }
        if let type1, let type2, doTypesConflict(type1, type2) {
            return Conflict(
                responseName: responseName,
                reason: .message("they return conflicting types \"\(type1)\" and \"\(type2)\""),
                field1: node1.loc,
                field2: node2.loc
            )
        }
        if let selectionSet1 = node1.selectionSet, let selectionSet2 = node2.selectionSet {
            let subconflicts = try conflictsBetweenSubSelectionSets(
                mutuallyExclusive,
                type1.flatMap(context.schema.namedType),
                selectionSet1,
                type2.flatMap(context.schema.namedType),
                selectionSet2,
                depth: depth + 1
            )
            if !subconflicts.isEmpty {
                return Conflict(
                    responseName: responseName,
                    reason: .subfields(subconflicts),
                    field1: node1.loc,
                    field2: node2.loc
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
