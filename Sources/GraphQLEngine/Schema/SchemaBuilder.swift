/// Why a schema could not be built: the SDL does not parse, or it breaks the type-system rules.
public struct SchemaError: Error, Sendable, CustomStringConvertible {
    /// Every problem found, each with the SDL locations it concerns.
    public var errors: [GraphQLError]

    /// Creates an error from the problems found.
    public init(_ errors: [GraphQLError]) {
        self.errors = errors
    }

    /// The problems, one a line.
    public var description: String {
        errors.map(\.description).joined(separator: "\n")
    }
}

extension Schema {
    /// Builds a schema from SDL as graphql-js `buildASTSchema` does (type extensions merged into
    /// their types, `schema {}` or the default root names `Query`, `Mutation`, `Subscription`,
    /// built-in directives added unless redeclared), then validates it as `validateSchema` does.
    ///
    /// Throws `SchemaError` with every problem found (or the syntax error).
    public convenience init(sdl: String) throws(SchemaError) {
        let document: Document
        do {
            document = try parse(sdl)
        } catch {
            throw SchemaError([error])
        }
        try self.init(document: document)
    }

    /// Builds and validates a schema from a parsed SDL document (see `init(sdl:)`).
    public convenience init(document: Document) throws(SchemaError) {
        var builder = SchemaBuilder()
        builder.collect(document)
        if !builder.errors.isEmpty { throw SchemaError(builder.errors) }
        let parts = builder.build()
        if !builder.errors.isEmpty { throw SchemaError(builder.errors) }
        self.init(
            description: parts.description,
            queryTypeName: parts.roots[.query],
            mutationTypeName: parts.roots[.mutation],
            subscriptionTypeName: parts.roots[.subscription],
            types: parts.types,
            directives: parts.directives
        )
        let errors = validateSchema(self)
        if !errors.isEmpty { throw SchemaError(errors) }
    }
}

/// The built-in scalars (String, Int, Float, Boolean, ID) as graphql-js describes them.
let builtInScalars: [GraphQLNamedType] = builtIns.types.filter {
    if case .scalar = $0 { return true }
    return false
}

/// The introspection types (`__Schema`, `__Type`, …).
let introspectionTypes: [GraphQLNamedType] = builtIns.types.filter { $0.name.hasPrefix("__") }

/// The directives every schema has: @include, @skip, @deprecated, @specifiedBy, @oneOf.
public let specifiedDirectives: [GraphQLDirective] = builtIns.directives

/// The names of the built-in scalars.
public let builtInScalarNames: Set<String> = ["String", "Int", "Float", "Boolean", "ID"]

private let builtIns: (types: [GraphQLNamedType], directives: [GraphQLDirective]) = {
    // The SDL is a constant of this module: a failure here is a programming error.
    guard let document = try? parse(builtInSDL, options: ParseOptions(noLocation: true, maxTokens: nil)) else {
        fatalError("the built-in SDL does not parse")
    }
    var builder = SchemaBuilder()
    builder.collect(document)
    let parts = builder.build()
    precondition(builder.errors.isEmpty, "the built-in SDL does not build: \(builder.errors)")
    return (parts.types, parts.directives)
}()

/// Turns the definitions and extensions of an SDL document into schema types, collecting errors.
struct SchemaBuilder {
    var errors: [GraphQLError] = []
    private var typeDefinitions: [Definition] = []
    private var typeIndex: [String: Int] = [:]
    private var extensions: [String: [Definition]] = [:]
    private var directiveDefinitions: [DirectiveDefinition] = []
    private var schemaDefinition: SchemaDefinition?
    private var schemaExtensions: [SchemaExtension] = []

    struct Parts {
        var description: String?
        var roots: [OperationType: String]
        var types: [GraphQLNamedType]
        var directives: [GraphQLDirective]
    }

    mutating func collect(_ document: Document) {
        var directiveNames: Set<String> = []
        for definition in document.definitions {
            switch definition {
            case .operation(let node):
                errors.append(GraphQLError("The operation is not a type-system definition.", locations: loc(node.loc)))
            case .fragment(let node):
                errors.append(
                    GraphQLError(
                        "The \"\(node.name.value)\" definition is not a type-system definition.",
                        locations: loc(node.loc)
                    )
                )
            case .schema(let node):
                if schemaDefinition != nil {
                    errors.append(GraphQLError("Must provide only one schema definition.", locations: loc(node.loc)))
                }
                schemaDefinition = node
            case .schemaExtension(let node):
                schemaExtensions.append(node)
            case .directive(let node):
                if !directiveNames.insert(node.name.value).inserted {
                    errors.append(
                        GraphQLError(
                            "There can be only one directive named \"@\(node.name.value)\".",
                            locations: loc(node.name.loc)
                        )
                    )
                }
                directiveDefinitions.append(node)
            case .scalarType, .objectType, .interfaceType, .unionType, .enumType, .inputObjectType:
                let name = Self.name(of: definition)
                if let existing = typeIndex[name.value] {
                    errors.append(
                        GraphQLError(
                            "There can be only one type named \"\(name.value)\".",
                            locations: loc(Self.name(of: typeDefinitions[existing]).loc) + loc(name.loc)
                        )
                    )
                } else {
                    typeIndex[name.value] = typeDefinitions.count
                    typeDefinitions.append(definition)
                }
            case .scalarTypeExtension, .objectTypeExtension, .interfaceTypeExtension, .unionTypeExtension,
                .enumTypeExtension, .inputObjectTypeExtension:
                extensions[Self.name(of: definition).value, default: []].append(definition)
            }
        }
        for (name, list) in extensions where typeIndex[name] == nil {
            for ext in list {
                let message =
                    builtInScalarNames.contains(name)
                    ? "Cannot extend built-in type \"\(name)\"."
                    : "Cannot extend type \"\(name)\" because it is not defined."
                errors.append(GraphQLError(message, locations: loc(Self.name(of: ext).loc)))
            }
        }
    }

    mutating func build() -> Parts {
        var types: [GraphQLNamedType] = []
        for definition in typeDefinitions {
            types.append(buildType(definition, extensions: extensions[Self.name(of: definition).value] ?? []))
        }
        var directives = directiveDefinitions.map(buildDirective)
        for builtIn in specifiedDirectivesIfBuilt where !directives.contains(where: { $0.name == builtIn.name }) {
            directives.append(builtIn)
        }

        var roots: [OperationType: String] = [:]
        let operationTypes = (schemaDefinition?.operationTypes ?? []) + schemaExtensions.flatMap(\.operationTypes)
        if schemaDefinition == nil && schemaExtensions.isEmpty {
            for operation in [OperationType.query, .mutation, .subscription] {
                let name = operation == .query ? "Query" : operation == .mutation ? "Mutation" : "Subscription"
                if typeIndex[name] != nil { roots[operation] = name }
            }
        } else {
            for operationType in operationTypes {
                if roots[operationType.operation] != nil {
                    errors.append(
                        GraphQLError(
                            "There can be only one \(operationType.operation.rawValue) type in schema.",
                            locations: loc(operationType.loc)
                        )
                    )
                }
                roots[operationType.operation] = operationType.type.name.value
            }
        }
        // Every referenced type must exist.
        let known = Set(types.map(\.name)).union(builtInScalarNamesIfBuilt)
        for definition in typeDefinitions + extensions.values.flatMap({ $0 }) {
            for reference in Self.referencedTypes(definition) where !known.contains(reference.name.value) {
                errors.append(GraphQLError("Unknown type \"\(reference.name.value)\".", locations: loc(reference.loc)))
            }
        }
        for directive in directiveDefinitions {
            for argument in directive.arguments where !known.contains(argument.type.namedType.name.value) {
                let reference = argument.type.namedType
                errors.append(GraphQLError("Unknown type \"\(reference.name.value)\".", locations: loc(reference.loc)))
            }
        }
        for operationType in operationTypes where !known.contains(operationType.type.name.value) {
            errors.append(
                GraphQLError(
                    "Unknown type \"\(operationType.type.name.value)\".",
                    locations: loc(operationType.type.loc)
                )
            )
        }
        return Parts(
            description: schemaDefinition?.description?.value,
            roots: roots,
            types: types,
            directives: directives
        )
    }

    /// The specified directives, or none while the built-ins themselves are being built.
    private var specifiedDirectivesIfBuilt: [GraphQLDirective] {
        isBuildingBuiltIns ? [] : specifiedDirectives
    }

    private var builtInScalarNamesIfBuilt: Set<String> {
        isBuildingBuiltIns ? [] : Set(builtInScalars.map(\.name))
    }

    /// The built-in SDL defines `String` itself; only then are the built-ins not yet available.
    private var isBuildingBuiltIns: Bool {
        typeIndex["__Schema"] != nil && typeIndex["String"] != nil
    }

    private func loc(_ range: SourceRange?) -> [SourceLocation] {
        range.map { [$0.location] } ?? []
    }

    private static func name(of definition: Definition) -> Name {
        switch definition {
        case .scalarType(let n): n.name
        case .objectType(let n): n.name
        case .interfaceType(let n): n.name
        case .unionType(let n): n.name
        case .enumType(let n): n.name
        case .inputObjectType(let n): n.name
        case .scalarTypeExtension(let n): n.name
        case .objectTypeExtension(let n): n.name
        case .interfaceTypeExtension(let n): n.name
        case .unionTypeExtension(let n): n.name
        case .enumTypeExtension(let n): n.name
        case .inputObjectTypeExtension(let n): n.name
        case .operation, .fragment, .schema, .schemaExtension, .directive: Name("")
        }
    }

    private static func referencedTypes(_ definition: Definition) -> [NamedType] {
        func fieldTypes(_ fields: [FieldDefinition]) -> [NamedType] {
            fields.flatMap { [$0.type.namedType] + $0.arguments.map(\.type.namedType) }
        }
        switch definition {
        case .objectType(let n): return n.interfaces + fieldTypes(n.fields)
        case .objectTypeExtension(let n): return n.interfaces + fieldTypes(n.fields)
        case .interfaceType(let n): return n.interfaces + fieldTypes(n.fields)
        case .interfaceTypeExtension(let n): return n.interfaces + fieldTypes(n.fields)
        case .unionType(let n): return n.types
        case .unionTypeExtension(let n): return n.types
        case .inputObjectType(let n): return n.fields.map(\.type.namedType)
        case .inputObjectTypeExtension(let n): return n.fields.map(\.type.namedType)
        default: return []
        }
    }

    private func buildType(_ definition: Definition, extensions: [Definition]) -> GraphQLNamedType {
        switch definition {
        case .scalarType(let node):
            var directives = node.directives
            for case .scalarTypeExtension(let ext) in extensions { directives += ext.directives }
            let url = Self.directive("specifiedBy", in: directives).flatMap { Self.stringArgument("url", of: $0) }
            return .scalar(
                ScalarType(
                    name: node.name.value,
                    description: node.description?.value,
                    specifiedByURL: url,
                    loc: node.loc
                )
            )
        case .objectType(let node):
            var fields = node.fields
            var interfaces = node.interfaces
            for case .objectTypeExtension(let ext) in extensions {
                fields += ext.fields
                interfaces += ext.interfaces
            }
            return .object(
                ObjectType(
                    name: node.name.value,
                    description: node.description?.value,
                    fields: fields.map(buildField),
                    interfaces: interfaces.map(\.name.value),
                    loc: node.loc
                )
            )
        case .interfaceType(let node):
            var fields = node.fields
            var interfaces = node.interfaces
            for case .interfaceTypeExtension(let ext) in extensions {
                fields += ext.fields
                interfaces += ext.interfaces
            }
            return .interface(
                ObjectType(
                    name: node.name.value,
                    description: node.description?.value,
                    fields: fields.map(buildField),
                    interfaces: interfaces.map(\.name.value),
                    loc: node.loc
                )
            )
        case .unionType(let node):
            var members = node.types
            for case .unionTypeExtension(let ext) in extensions { members += ext.types }
            return .union(
                UnionType(
                    name: node.name.value,
                    description: node.description?.value,
                    types: members.map(\.name.value),
                    loc: node.loc
                )
            )
        case .enumType(let node):
            var values = node.values
            for case .enumTypeExtension(let ext) in extensions { values += ext.values }
            return .enum(
                EnumType(
                    name: node.name.value,
                    description: node.description?.value,
                    values: values.map {
                        GraphQLEnumValue(
                            name: $0.name.value,
                            description: $0.description?.value,
                            deprecationReason: Self.deprecationReason($0.directives),
                            loc: $0.loc
                        )
                    },
                    loc: node.loc
                )
            )
        case .inputObjectType(let node):
            var fields = node.fields
            var directives = node.directives
            for case .inputObjectTypeExtension(let ext) in extensions {
                fields += ext.fields
                directives += ext.directives
            }
            return .inputObject(
                InputObjectType(
                    name: node.name.value,
                    description: node.description?.value,
                    fields: fields.map(buildInputValue),
                    isOneOf: Self.directive("oneOf", in: directives) != nil,
                    loc: node.loc
                )
            )
        default:
            preconditionFailure("not a type definition")
        }
    }

    private func buildField(_ node: FieldDefinition) -> GraphQLField {
        GraphQLField(
            name: node.name.value,
            type: GraphQLType(node.type),
            description: node.description?.value,
            arguments: node.arguments.map(buildInputValue),
            deprecationReason: Self.deprecationReason(node.directives),
            loc: node.loc
        )
    }

    private func buildInputValue(_ node: InputValueDefinition) -> GraphQLInputValue {
        GraphQLInputValue(
            name: node.name.value,
            type: GraphQLType(node.type),
            description: node.description?.value,
            defaultValue: node.defaultValue,
            deprecationReason: Self.deprecationReason(node.directives),
            loc: node.loc
        )
    }

    private func buildDirective(_ node: DirectiveDefinition) -> GraphQLDirective {
        var locations: [DirectiveLocation] = []
        for name in node.locations {
            if let location = DirectiveLocation(rawValue: name.value) { locations.append(location) }
        }
        return GraphQLDirective(
            name: node.name.value,
            description: node.description?.value,
            locations: locations,
            arguments: node.arguments.map(buildInputValue),
            isRepeatable: node.repeatable,
            loc: node.loc
        )
    }

    private static func directive(_ name: String, in directives: [Directive]) -> Directive? {
        directives.first { $0.name.value == name }
    }

    private static func stringArgument(_ name: String, of directive: Directive) -> String? {
        guard let argument = directive.arguments.first(where: { $0.name.value == name }),
            case .string(let string) = argument.value
        else { return nil }
        return string.value
    }

    /// graphql-js `getDeprecationReason`: the `reason` of `@deprecated`, "No longer supported" by default.
    private static func deprecationReason(_ directives: [Directive]) -> String? {
        guard let deprecated = directive("deprecated", in: directives) else { return nil }
        return stringArgument("reason", of: deprecated) ?? "No longer supported"
    }
}
