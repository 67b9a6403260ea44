/// The type-system rules of graphql-js `validateSchema` (spec section 3): root types, names,
/// directives, fields and arguments, interface implementation, unions, enums, input objects
/// (including `@oneOf` and non-null cycles). Returns the problems in graphql-js's wording.
public func validateSchema(_ schema: Schema) -> [GraphQLError] {
    var validator = SchemaValidator(schema: schema)
    validator.validateRoots()
    validator.validateDirectives()
    validator.validateTypes()
    return validator.errors
}

private struct SchemaValidator {
    let schema: Schema
    var errors: [GraphQLError] = []

    init(schema: Schema) {
        self.schema = schema
    }

    private mutating func report(_ message: String, _ ranges: SourceRange?...) {
        errors.append(GraphQLError(message, locations: ranges.compactMap { $0?.location }))
    }

    mutating func validateRoots() {
        if schema.queryTypeName == nil {
            report("Query root type must be provided.")
        }
        let roots: [(String, String?)] = [
            ("Query", schema.queryTypeName), ("Mutation", schema.mutationTypeName),
            ("Subscription", schema.subscriptionTypeName),
        ]
        for (kind, name) in roots {
            guard let name else { continue }
            guard let type = schema.type(named: name) else { continue }
            if case .object = type { continue }
            report(
                "\(kind) root type must be Object type\(kind == "Query" ? "" : " if provided"), it cannot be \(name).",
                type.loc
            )
        }
    }

    mutating func validateDirectives() {
        for directive in schema.directives {
            validateName(directive.name, directive.loc)
            if directive.locations.isEmpty {
                report("Directive @\(directive.name) must include 1 or more locations.", directive.loc)
            }
            var seen: Set<String> = []
            for argument in directive.arguments {
                validateName(argument.name, argument.loc)
                if !seen.insert(argument.name).inserted {
                    report("Argument @\(directive.name)(\(argument.name):) can only be defined once.", argument.loc)
                }
                if schema.namedType(argument.type)?.isInputType != true {
                    report(
                        "The type of @\(directive.name)(\(argument.name):) must be Input Type but got: \(argument.type).",
                        argument.loc
                    )
                }
                if argument.type.isNonNull && argument.defaultValue == nil && argument.deprecationReason != nil {
                    report(
                        "Required argument @\(directive.name)(\(argument.name):) cannot be deprecated.",
                        argument.loc
                    )
                }
            }
        }
    }

    mutating func validateTypes() {
        var checkedInputCycles: Set<String> = []
        for name in schema.typeNames {
            guard let type = schema.type(named: name) else { continue }
            if !name.hasPrefix("__") { validateName(name, type.loc) }
            switch type {
            case .object(let object):
                validateFields(object, kind: "Object")
                validateInterfaces(object)
            case .interface(let interface):
                validateFields(interface, kind: "Interface")
                validateInterfaces(interface)
            case .union(let union):
                validateUnion(union)
            case .enum(let enumType):
                validateEnum(enumType)
            case .inputObject(let input):
                validateInputObject(input)
                validateInputCycles(input, &checkedInputCycles)
            case .scalar:
                break
            }
        }
    }

    private mutating func validateName(_ name: String, _ loc: SourceRange?) {
        if name.hasPrefix("__") {
            report("Name \"\(name)\" must not begin with \"__\", which is reserved by GraphQL introspection.", loc)
        }
    }

    private mutating func validateFields(_ type: ObjectType, kind: String) {
        if type.fields.isEmpty {
            report("Type \(type.name) must define one or more fields.", type.loc)
        }
        var seenFields: Set<String> = []
        for field in type.fields {
            if !type.name.hasPrefix("__") { validateName(field.name, field.loc) }
            if !seenFields.insert(field.name).inserted {
                report("Field \"\(type.name).\(field.name)\" can only be defined once.", field.loc)
            }
            if schema.namedType(field.type)?.isOutputType != true {
                report("The type of \(type.name).\(field.name) must be Output Type but got: \(field.type).", field.loc)
            }
            var seenArguments: Set<String> = []
            for argument in field.arguments {
                if !type.name.hasPrefix("__") { validateName(argument.name, argument.loc) }
                if !seenArguments.insert(argument.name).inserted {
                    report(
                        "Argument \"\(type.name).\(field.name)(\(argument.name):)\" can only be defined once.",
                        argument.loc
                    )
                }
                if schema.namedType(argument.type)?.isInputType != true {
                    report(
                        "The type of \(type.name).\(field.name)(\(argument.name):) must be Input Type but got: \(argument.type).",
                        argument.loc
                    )
                }
                if argument.type.isNonNull && argument.defaultValue == nil && argument.deprecationReason != nil {
                    report(
                        "Required argument \(type.name).\(field.name)(\(argument.name):) cannot be deprecated.",
                        argument.loc
                    )
                }
            }
        }
    }

    private mutating func validateInterfaces(_ type: ObjectType) {
        var seen: Set<String> = []
        for interfaceName in type.interfaces {
            guard case .interface(let interface) = schema.type(named: interfaceName) else {
                report(
                    "Type \(type.name) must only implement Interface types, it cannot implement \(interfaceName).",
                    type.loc
                )
                continue
            }
            if interfaceName == type.name {
                report(
                    "Type \(type.name) cannot implement itself because it would create a circular reference.",
                    type.loc
                )
                continue
            }
            if !seen.insert(interfaceName).inserted {
                report("Type \(type.name) can only implement \(interfaceName) once.", type.loc)
                continue
            }
            for transitive in interface.interfaces where !type.interfaces.contains(transitive) {
                let message =
                    transitive == type.name
                    ? "Type \(type.name) cannot implement \(interfaceName) because it would create a circular reference."
                    : "Type \(type.name) must implement \(transitive) because it is implemented by \(interfaceName)."
                report(message, interface.loc, type.loc)
            }
            validateImplementation(type, interface)
        }
    }

    private mutating func validateImplementation(_ type: ObjectType, _ interface: ObjectType) {
        for interfaceField in interface.fields {
            let fieldName = interfaceField.name
            guard let field = type.field(fieldName) else {
                report(
                    "Interface field \(interface.name).\(fieldName) expected but \(type.name) does not provide it.",
                    interfaceField.loc,
                    type.loc
                )
                continue
            }
            if !schema.isTypeSubType(field.type, of: interfaceField.type) {
                report(
                    "Interface field \(interface.name).\(fieldName) expects type \(interfaceField.type) but \(type.name).\(fieldName) is type \(field.type).",
                    interfaceField.loc,
                    field.loc
                )
            }
            for interfaceArgument in interfaceField.arguments {
                guard let argument = field.argument(interfaceArgument.name) else {
                    report(
                        "Interface field argument \(interface.name).\(fieldName)(\(interfaceArgument.name):) expected but \(type.name).\(fieldName) does not provide it.",
                        interfaceArgument.loc,
                        field.loc
                    )
                    continue
                }
                if argument.type != interfaceArgument.type {
                    report(
                        "Interface field argument \(interface.name).\(fieldName)(\(interfaceArgument.name):) expects type \(interfaceArgument.type) but \(type.name).\(fieldName)(\(argument.name):) is type \(argument.type).",
                        interfaceArgument.loc,
                        argument.loc
                    )
                }
            }
            for argument in field.arguments
            where argument.type.isNonNull && argument.defaultValue == nil
                && interfaceField.argument(argument.name) == nil
            {
                report(
                    "Object field \(type.name).\(fieldName) includes required argument \(argument.name) that is missing from the Interface field \(interface.name).\(fieldName).",
                    argument.loc,
                    interfaceField.loc
                )
            }
        }
    }

    private mutating func validateUnion(_ union: UnionType) {
        if union.types.isEmpty {
            report("Union type \(union.name) must define one or more member types.", union.loc)
        }
        var seen: Set<String> = []
        for member in union.types {
            if !seen.insert(member).inserted {
                report("Union type \(union.name) can only include type \(member) once.", union.loc)
                continue
            }
            if case .object = schema.type(named: member) { continue }
            report("Union type \(union.name) can only include Object types, it cannot include \(member).", union.loc)
        }
    }

    private mutating func validateEnum(_ enumType: EnumType) {
        if enumType.values.isEmpty {
            report("Enum type \(enumType.name) must define one or more values.", enumType.loc)
        }
        var seen: Set<String> = []
        for value in enumType.values {
            if !enumType.name.hasPrefix("__") { validateName(value.name, value.loc) }
            if !seen.insert(value.name).inserted {
                report("Enum value \"\(enumType.name).\(value.name)\" can only be defined once.", value.loc)
            }
            if value.name == "true" || value.name == "false" || value.name == "null" {
                report("Enum type \(enumType.name) cannot include value: \(value.name).", value.loc)
            }
        }
    }

    private mutating func validateInputObject(_ input: InputObjectType) {
        if input.fields.isEmpty {
            report("Input Object type \(input.name) must define one or more fields.", input.loc)
        }
        var seen: Set<String> = []
        for field in input.fields {
            validateName(field.name, field.loc)
            if !seen.insert(field.name).inserted {
                report("Field \"\(input.name).\(field.name)\" can only be defined once.", field.loc)
            }
            if schema.namedType(field.type)?.isInputType != true {
                report("The type of \(input.name).\(field.name) must be Input Type but got: \(field.type).", field.loc)
            }
            if field.type.isNonNull && field.defaultValue == nil && field.deprecationReason != nil {
                report("Required input field \(input.name).\(field.name) cannot be deprecated.", field.loc)
            }
            if input.isOneOf {
                if field.type.isNonNull {
                    report("OneOf input field \(input.name).\(field.name) must be nullable.", field.loc)
                }
                if field.defaultValue != nil {
                    report("OneOf input field \(input.name).\(field.name) cannot have a default value.", field.loc)
                }
            }
        }
    }

    /// graphql-js `createInputObjectCircularRefsValidator`: no cycle of non-null singular fields.
    private mutating func validateInputCycles(_ input: InputObjectType, _ visited: inout Set<String>) {
        var path: [(GraphQLInputValue, String)] = []
        var pathIndex: [String: Int] = [:]
        detectCycle(input, &visited, &path, &pathIndex)
    }

    private mutating func detectCycle(
        _ input: InputObjectType,
        _ visited: inout Set<String>,
        _ path: inout [(GraphQLInputValue, String)],
        _ pathIndex: inout [String: Int]
    ) {
        guard visited.insert(input.name).inserted else { return }
        pathIndex[input.name] = path.count
        for field in input.fields {
            guard case .nonNull(.named(let name)) = field.type,
                case .inputObject(let fieldType) = schema.type(named: name)
            else { continue }
            path.append((field, name))
            if let cycleIndex = pathIndex[name] {
                let cycle = path[cycleIndex...]
                let names = cycle.map { $0.0.name }.joined(separator: ".")
                errors.append(
                    GraphQLError(
                        "Cannot reference Input Object \"\(name)\" within itself through a series of non-null fields: \"\(names)\".",
                        locations: cycle.compactMap { $0.0.loc?.location }
                    )
                )
            } else {
                detectCycle(fieldType, &visited, &path, &pathIndex)
            }
            path.removeLast()
        }
        pathIndex[input.name] = nil
    }
}
