/// A GraphQL schema: named types, root operation types and directives. Immutable once built;
/// build one from SDL with `Schema(sdl:)`.
public final class Schema: Sendable {
    /// The schema's description (from a described `schema {}` definition).
    public let description: String?
    /// The name of the query root type, if any.
    public let queryTypeName: String?
    /// The name of the mutation root type, if any.
    public let mutationTypeName: String?
    /// The name of the subscription root type, if any.
    public let subscriptionTypeName: String?
    /// Every named type, including built-in scalars and introspection types, by name.
    public let typeMap: [String: GraphQLNamedType]
    /// The type names in graphql-js order (the order of `__schema { types }`).
    public let typeNames: [String]
    /// The directives, built-in and declared, in graphql-js order.
    public let directives: [GraphQLDirective]
    private let implementations: [String: [String]]
    private let possibleTypeSets: [String: Set<String>]

    /// Assembles a schema from types and directives; `types` may omit the built-in scalars and the
    /// introspection types, which are added as graphql-js adds them. Does not validate: use
    /// `Schema(sdl:)`, which does.
    public init(
        description: String? = nil,
        queryTypeName: String?,
        mutationTypeName: String? = nil,
        subscriptionTypeName: String? = nil,
        types: [GraphQLNamedType],
        directives: [GraphQLDirective]
    ) {
        self.description = description
        self.queryTypeName = queryTypeName
        self.mutationTypeName = mutationTypeName
        self.subscriptionTypeName = subscriptionTypeName
        self.directives = directives

        var available: [String: GraphQLNamedType] = [:]
        for type in builtInScalars + introspectionTypes { available[type.name] = type }
        for type in types { available[type.name] = type }

        // graphql-js `collectReferencedTypes`: the given types keep their order, each followed
        // by the types it references that are not given (built-in scalars); then the roots, the
        // directives' arguments and finally `__Schema` with the introspection types.
        var order: [String] = []
        var seen = Set(types.map(\.name))
        func collect(_ name: String) {
            guard seen.insert(name).inserted, let type = available[name] else { return }
            order.append(name)
            switch type {
            case .union(let union): for member in union.types { collect(member) }
            case .object(let object), .interface(let object):
                for interface in object.interfaces { collect(interface) }
                for field in object.fields {
                    collect(field.type.namedType)
                    for argument in field.arguments { collect(argument.type.namedType) }
                }
            case .inputObject(let input): for field in input.fields { collect(field.type.namedType) }
            case .scalar, .enum: break
            }
        }
        for type in types {
            seen.remove(type.name)
            collect(type.name)
        }
        for root in [queryTypeName, mutationTypeName, subscriptionTypeName].compactMap({ $0 }) { collect(root) }
        for directive in directives {
            for argument in directive.arguments { collect(argument.type.namedType) }
        }
        collect("__Schema")

        var typeMap: [String: GraphQLNamedType] = [:]
        for name in order { typeMap[name] = available[name] }
        // Types named but not defined stay absent; schema validation reports them.
        self.typeMap = typeMap
        self.typeNames = order

        var implementations: [String: [String]] = [:]
        var possible: [String: Set<String>] = [:]
        for name in order {
            switch typeMap[name]! {
            case .object(let object):
                for interface in object.interfaces {
                    implementations[interface, default: []].append(name)
                    possible[interface, default: []].insert(name)
                }
            case .interface(let interface):
                for parent in interface.interfaces { implementations[parent, default: []].append(name) }
            case .union(let union):
                possible[name] = Set(union.types)
            default: break
            }
        }
        self.implementations = implementations
        self.possibleTypeSets = possible
    }

    /// The named type with this name, if any.
    public func type(named name: String) -> GraphQLNamedType? {
        typeMap[name]
    }

    /// The object type with this name, if it is one.
    public func objectType(named name: String) -> ObjectType? {
        if case .object(let object) = typeMap[name] { return object }
        return nil
    }

    /// The query root type.
    public var queryType: ObjectType? { queryTypeName.flatMap(objectType(named:)) }
    /// The mutation root type.
    public var mutationType: ObjectType? { mutationTypeName.flatMap(objectType(named:)) }
    /// The subscription root type.
    public var subscriptionType: ObjectType? { subscriptionTypeName.flatMap(objectType(named:)) }

    /// The root type of an operation type.
    public func rootType(_ operation: OperationType) -> ObjectType? {
        switch operation {
        case .query: queryType
        case .mutation: mutationType
        case .subscription: subscriptionType
        }
    }

    /// The directive with this name, if any.
    public func directive(named name: String) -> GraphQLDirective? {
        directives.first { $0.name == name }
    }

    /// The object types an abstract type may be at run time (members of a union, implementations
    /// of an interface), in type order; empty for other types.
    public func possibleTypes(of abstractType: String) -> [String] {
        switch typeMap[abstractType] {
        case .union(let union): return union.types
        case .interface:
            return (implementations[abstractType] ?? []).filter {
                if case .object = typeMap[$0] { return true }
                return false
            }
        default: return []
        }
    }

    /// The object and interface types that implement the interface, in type order.
    public func implementations(of interface: String) -> [String] {
        implementations[interface] ?? []
    }

    /// Whether the object type `objectType` is a possible type of `abstractType` (or is it).
    public func isPossibleType(_ abstractType: String, _ objectType: String) -> Bool {
        abstractType == objectType || possibleTypeSets[abstractType]?.contains(objectType) == true
    }

    /// graphql-js `isSubType`: whether `maybeSubType` is a possible type of the abstract type
    /// `superType`, or (for interfaces) implements it.
    public func isSubType(_ superType: String, _ maybeSubType: String) -> Bool {
        switch typeMap[superType] {
        case .union(let union): return union.types.contains(maybeSubType)
        case .interface:
            return implementations[superType]?.contains(maybeSubType) == true
        default: return false
        }
    }

    /// graphql-js `isTypeSubTypeOf`: whether a value of `maybeSubType` may be used where
    /// `superType` is expected (covariance of output types and non-null).
    public func isTypeSubType(_ maybeSubType: GraphQLType, of superType: GraphQLType) -> Bool {
        if maybeSubType == superType { return true }
        switch (superType, maybeSubType) {
        case (.nonNull(let superInner), .nonNull(let subInner)):
            return isTypeSubType(subInner, of: superInner)
        case (.nonNull, _):
            return false
        case (_, .nonNull(let subInner)):
            return isTypeSubType(subInner, of: superType)
        case (.list(let superInner), .list(let subInner)):
            return isTypeSubType(subInner, of: superInner)
        case (.list, _), (_, .list):
            return false
        case (.named(let superName), .named(let subName)):
            guard let superNamed = typeMap[superName], superNamed.isAbstractType else { return false }
            if case .interface = typeMap[subName] {
                return isSubType(superName, subName)
            }
            if case .object = typeMap[subName] {
                return isSubType(superName, subName)
            }
            return false
        }
    }

    /// The named type of a type reference, if the schema has it.
    public func namedType(_ type: GraphQLType) -> GraphQLNamedType? {
        typeMap[type.namedType]
    }

    /// The schema type of an AST type reference (nil when its named type is unknown).
    public func type(from reference: TypeReference) -> GraphQLType? {
        let type = GraphQLType(reference)
        return typeMap[type.namedType] == nil ? nil : type
    }
}
