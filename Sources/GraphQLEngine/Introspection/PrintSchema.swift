/// The schema as SDL, printed as graphql-js `printSchema` prints it: the `schema {}` definition
/// only when the root names are not the default ones (or the schema has a description), then
/// the declared directives, then the types in schema order, built-ins left out, separated by
/// blank lines (no trailing newline).
public func printSchema(_ schema: Schema) -> String {
    var coercions = builtInScalarCoercions
    for name in schema.typeNames where coercions[name] == nil {
        if case .scalar = schema.type(named: name) { coercions[name] = .passThrough }
    }
    let printer = SchemaPrinter(coercer: InputCoercer(schema: schema, scalars: coercions))
    var parts: [String] = []
    if let definition = printer.schemaDefinition(schema) { parts.append(definition) }
    let specified = Set(specifiedDirectives.map(\.name))
    for directive in schema.directives where !specified.contains(directive.name) {
        parts.append(printer.directive(directive))
    }
    for name in schema.typeNames where !name.hasPrefix("__") && !builtInScalarNames.contains(name) {
        if let type = schema.type(named: name) { parts.append(printer.type(type)) }
    }
    return parts.joined(separator: "\n\n")
}

private struct SchemaPrinter {
    let coercer: InputCoercer

    func schemaDefinition(_ schema: Schema) -> String? {
        let commonNames =
            (schema.queryTypeName ?? "Query") == "Query" && (schema.mutationTypeName ?? "Mutation") == "Mutation"
            && (schema.subscriptionTypeName ?? "Subscription") == "Subscription"
        if schema.description == nil && commonNames { return nil }
        var operations: [String] = []
        if let name = schema.queryTypeName { operations.append("  query: \(name)") }
        if let name = schema.mutationTypeName { operations.append("  mutation: \(name)") }
        if let name = schema.subscriptionTypeName { operations.append("  subscription: \(name)") }
        return description(schema.description) + "schema {\n" + operations.joined(separator: "\n") + "\n}"
    }

    func directive(_ directive: GraphQLDirective) -> String {
        description(directive.description) + "directive @\(directive.name)" + arguments(directive.arguments)
            + (directive.isRepeatable ? " repeatable" : "") + " on "
            + directive.locations.map(\.rawValue).joined(separator: " | ")
    }

    func type(_ type: GraphQLNamedType) -> String {
        switch type {
        case .scalar(let scalar):
            var result = description(scalar.description) + "scalar \(scalar.name)"
            if let url = scalar.specifiedByURL { result += " @specifiedBy(url: \(printString(url)))" }
            return result
        case .object(let object):
            return description(object.description) + "type \(object.name)" + interfaces(object) + fields(object)
        case .interface(let interface):
            return description(interface.description) + "interface \(interface.name)" + interfaces(interface)
                + fields(interface)
        case .union(let union):
            let members = union.types.isEmpty ? "" : " = " + union.types.joined(separator: " | ")
            return description(union.description) + "union \(union.name)" + members
        case .enum(let enumType):
            let values = enumType.values.enumerated().map { index, value in
                description(value.description, "  ", firstInBlock: index == 0) + "  \(value.name)"
                    + deprecated(value.deprecationReason)
            }
            return description(enumType.description) + "enum \(enumType.name)" + block(values)
        case .inputObject(let input):
            let fields = input.fields.enumerated().map { index, field in
                description(field.description, "  ", firstInBlock: index == 0) + "  " + inputValue(field)
            }
            return description(input.description) + "input \(input.name)" + (input.isOneOf ? " @oneOf" : "")
                + block(fields)
        }
    }

    private func interfaces(_ type: ObjectType) -> String {
        type.interfaces.isEmpty ? "" : " implements " + type.interfaces.joined(separator: " & ")
    }

    private func fields(_ type: ObjectType) -> String {
        block(
            type.fields.enumerated().map { index, field in
                description(field.description, "  ", firstInBlock: index == 0) + "  \(field.name)"
                    + arguments(field.arguments, "  ") + ": \(field.type)" + deprecated(field.deprecationReason)
            }
        )
    }

    private func block(_ items: [String]) -> String {
        items.isEmpty ? "" : " {\n" + items.joined(separator: "\n") + "\n}"
    }

    private func arguments(_ arguments: [GraphQLInputValue], _ indentation: String = "") -> String {
        if arguments.isEmpty { return "" }
        if arguments.allSatisfy({ $0.description == nil }) {
            return "(" + arguments.map(inputValue).joined(separator: ", ") + ")"
        }
        let lines = arguments.enumerated().map { index, argument in
            description(argument.description, "  " + indentation, firstInBlock: index == 0) + "  " + indentation
                + inputValue(argument)
        }
        return "(\n" + lines.joined(separator: "\n") + "\n\(indentation))"
    }

    private func inputValue(_ value: GraphQLInputValue) -> String {
        var result = "\(value.name): \(value.type)"
        if let literal = value.defaultValue,
            let coerced = coercer.valueFromLiteral(literal, value.type, variables: nil),
            let printed = coercer.literal(from: coerced, value.type)
        {
            result += " = " + printAST(printed)
        }
        return result + deprecated(value.deprecationReason)
    }

    private func deprecated(_ reason: String?) -> String {
        guard let reason else { return "" }
        if reason == "No longer supported" { return " @deprecated" }
        return " @deprecated(reason: \(printString(reason)))"
    }

    private func description(_ text: String?, _ indentation: String = "", firstInBlock: Bool = true) -> String {
        guard let text else { return "" }
        let literal = printAST(Value.string(StringValue(text, block: isPrintableAsBlockString(text))))
        let prefix = !indentation.isEmpty && !firstInBlock ? "\n" + indentation : indentation
        return prefix
            + literal.split(separator: "\n", omittingEmptySubsequences: false).joined(
                separator: "\n" + indentation
            ) + "\n"
    }
}

/// graphql-js `isPrintableAsBlockString`: whether a block string would keep the text unchanged.
private func isPrintableAsBlockString(_ value: String) -> Bool {
    if value.isEmpty { return true }
    var isEmptyLine = true
    var hasIndent = false
    var hasCommonIndent = true
    var seenNonEmptyLine = false
    for unit in value.utf16 {
        switch unit {
        case 0x0000...0x0008, 0x000B, 0x000C, 0x000E...0x001F, 0x000D:
            return false
        case 0x000A:
            if isEmptyLine && !seenNonEmptyLine { return false }
            seenNonEmptyLine = true
            isEmptyLine = true
            hasIndent = false
        case 0x0009, 0x0020:
            hasIndent = hasIndent || isEmptyLine
        default:
            hasCommonIndent = hasCommonIndent && hasIndent
            isEmptyLine = false
        }
    }
    if isEmptyLine { return false }
    if hasCommonIndent && seenNonEmptyLine { return false }
    return true
}
