/// Introspection (spec section 4): the meta fields `__schema` and `__type` of the query root
/// (`__typename` is answered by the executor) and the resolvers of the introspection types,
/// answering as graphql-js does.

/// The meta fields of the query root type.
let metaFields: [String: GraphQLField] = [
    "__schema": GraphQLField(
        name: "__schema",
        type: .nonNull(.named("__Schema")),
        description: "Access the current type schema of this server."
    ),
    "__type": GraphQLField(
        name: "__type",
        type: .named("__Type"),
        description: "Request the type information of a single type.",
        arguments: [GraphQLInputValue(name: "name", type: .nonNull(.named("String")))]
    ),
]

/// The resolvers of the meta fields.
let metaFieldResolvers: [String: FieldResolver] = [
    "__schema": .sync { context in context.info.schema },
    "__type": .sync { context in
        guard let name = context.arguments.string("name"), context.info.schema.type(named: name) != nil else {
            return nil
        }
        return IntrospectedType(.named(name))
    },
]

/// A type as `__Type` shows it: a named type or a list or non-null wrapper.
struct IntrospectedType: Sendable {
    let type: GraphQLType

    init(_ type: GraphQLType) {
        self.type = type
    }
}

private func includeDeprecated(_ context: FieldContext) -> Bool {
    context.arguments.bool("includeDeprecated") ?? false
}

private func namedType(_ context: FieldContext) -> GraphQLNamedType? {
    guard let introspected = context.parent as? IntrospectedType, case .named(let name) = introspected.type else {
        return nil
    }
    return context.info.schema.type(named: name)
}

private func inputValues(_ values: [GraphQLInputValue], _ context: FieldContext) -> [GraphQLInputValue] {
    includeDeprecated(context) ? values : values.filter { $0.deprecationReason == nil }
}

/// Reads a property of the parent value, which the executor guarantees has type `T`.
private func property<T: Sendable>(
    _ type: T.Type,
    _ read: @escaping @Sendable (T) -> (any Sendable)?
) -> FieldResolver {
    .sync { context in
        guard let parent = context.parent as? T else { return nil }
        return read(parent)
    }
}

/// The resolvers of the introspection types.
let introspectionResolvers: [String: [String: FieldResolver]] = [
    "__Schema": [
        "description": property(Schema.self) { $0.description },
        "types": property(Schema.self) { schema in schema.typeNames.map { IntrospectedType(.named($0)) } },
        "queryType": property(Schema.self) { $0.queryTypeName.map { IntrospectedType(.named($0)) } },
        "mutationType": property(Schema.self) { $0.mutationTypeName.map { IntrospectedType(.named($0)) } },
        "subscriptionType": property(Schema.self) { $0.subscriptionTypeName.map { IntrospectedType(.named($0)) } },
        "directives": property(Schema.self) { $0.directives },
    ],
    "__Type": [
        "kind": .sync { context in
            guard let introspected = context.parent as? IntrospectedType else { return nil }
            switch introspected.type {
            case .list: return "LIST"
            case .nonNull: return "NON_NULL"
            case .named: return namedType(context)?.kind
            }
        },
        "name": .sync { context in namedType(context)?.name },
        "description": .sync { context in namedType(context)?.description },
        "specifiedByURL": .sync { context in
            if case .scalar(let scalar) = namedType(context) { return scalar.specifiedByURL }
            return nil
        },
        "fields": .sync { context in
            switch namedType(context) {
            case .object(let type), .interface(let type):
                return includeDeprecated(context) ? type.fields : type.fields.filter { $0.deprecationReason == nil }
            default: return nil
            }
        },
        "interfaces": .sync { context in
            switch namedType(context) {
            case .object(let type), .interface(let type): return type.interfaces.map { IntrospectedType(.named($0)) }
            default: return nil
            }
        },
        "possibleTypes": .sync { context in
            guard let type = namedType(context), type.isAbstractType else { return nil }
            return context.info.schema.possibleTypes(of: type.name).map { IntrospectedType(.named($0)) }
        },
        "enumValues": .sync { context in
            guard case .enum(let type) = namedType(context) else { return nil }
            return includeDeprecated(context) ? type.values : type.values.filter { $0.deprecationReason == nil }
        },
        "inputFields": .sync { context in
            guard case .inputObject(let type) = namedType(context) else { return nil }
            return inputValues(type.fields, context)
        },
        "ofType": .sync { context in
            guard let introspected = context.parent as? IntrospectedType else { return nil }
            switch introspected.type {
            case .list(let inner), .nonNull(let inner): return IntrospectedType(inner)
            case .named: return nil
            }
        },
        "isOneOf": .sync { context in
            if case .inputObject(let type) = namedType(context) { return type.isOneOf }
            return nil
        },
    ],
    "__Field": [
        "name": property(GraphQLField.self) { $0.name },
        "description": property(GraphQLField.self) { $0.description },
        "args": .sync { context in
            guard let field = context.parent as? GraphQLField else { return nil }
            return inputValues(field.arguments, context)
        },
        "type": property(GraphQLField.self) { IntrospectedType($0.type) },
        "isDeprecated": property(GraphQLField.self) { $0.deprecationReason != nil },
        "deprecationReason": property(GraphQLField.self) { $0.deprecationReason },
    ],
    "__InputValue": [
        "name": property(GraphQLInputValue.self) { $0.name },
        "description": property(GraphQLInputValue.self) { $0.description },
        "type": property(GraphQLInputValue.self) { IntrospectedType($0.type) },
        "defaultValue": .sync { context in
            guard let value = context.parent as? GraphQLInputValue, let literal = value.defaultValue else {
                return nil
            }
            let coercer = context.info.operationContext.executable.coercer
            guard let coerced = coercer.valueFromLiteral(literal, value.type, variables: nil),
                let printed = coercer.literal(from: coerced, value.type)
            else { return nil }
            return printAST(printed)
        },
        "isDeprecated": property(GraphQLInputValue.self) { $0.deprecationReason != nil },
        "deprecationReason": property(GraphQLInputValue.self) { $0.deprecationReason },
    ],
    "__EnumValue": [
        "name": property(GraphQLEnumValue.self) { $0.name },
        "description": property(GraphQLEnumValue.self) { $0.description },
        "isDeprecated": property(GraphQLEnumValue.self) { $0.deprecationReason != nil },
        "deprecationReason": property(GraphQLEnumValue.self) { $0.deprecationReason },
    ],
    "__Directive": [
        "name": property(GraphQLDirective.self) { $0.name },
        "description": property(GraphQLDirective.self) { $0.description },
        "isRepeatable": property(GraphQLDirective.self) { $0.isRepeatable },
        "locations": property(GraphQLDirective.self) { $0.locations.map(\.rawValue) },
        "args": .sync { context in
            guard let directive = context.parent as? GraphQLDirective else { return nil }
            return inputValues(directive.arguments, context)
        },
    ],
]
