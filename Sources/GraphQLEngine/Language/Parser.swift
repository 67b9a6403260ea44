/// Options for `parse`, `parseValue` and `parseType`.
public struct ParseOptions: Sendable, Hashable {
    /// When `true`, nodes carry no `loc` (cheaper, and handy to compare documents structurally).
    public var noLocation: Bool
    /// The most tokens a document may contain, or `nil` for no limit.
    public var maxTokens: Int?
    /// The deepest nesting of selection sets, list and object values, and list types.
    public var maxDepth: Int

    /// Creates options; the defaults bound a document to 50,000 tokens and 200 levels of nesting.
    public init(noLocation: Bool = false, maxTokens: Int? = 50_000, maxDepth: Int = 200) {
        self.noLocation = noLocation
        self.maxTokens = maxTokens
        self.maxDepth = maxDepth
    }
}

/// Parses a GraphQL document (executable definitions, type-system definitions and extensions).
///
/// Throws a `GraphQLError` worded as graphql-js words it, e.g.
/// `Syntax Error: Expected Name, found <EOF>.` at line 1, column 10.
public func parse(_ source: String, options: ParseOptions = .init()) throws(GraphQLError) -> Document {
    try withParser(source, options) { (parser) throws(GraphQLError) in try parser.parseDocument() }
}

/// Parses a single input value, e.g. `{a: [1, 2], b: $var}`, as graphql-js `parseValue` does.
public func parseValue(_ source: String, options: ParseOptions = .init()) throws(GraphQLError) -> Value {
    try withParser(source, options) { (parser) throws(GraphQLError) in
        try parser.expectToken(.startOfFile)
        let value = try parser.parseValueLiteral(isConst: false)
        try parser.expectToken(.endOfFile)
        return value
    }
}

/// Parses a type reference, e.g. `[String!]!`, as graphql-js `parseType` does.
public func parseType(_ source: String, options: ParseOptions = .init()) throws(GraphQLError) -> TypeReference {
    try withParser(source, options) { (parser) throws(GraphQLError) in
        try parser.expectToken(.startOfFile)
        let type = try parser.parseTypeReference()
        try parser.expectToken(.endOfFile)
        return type
    }
}

/// Runs `body` with a parser over the UTF-8 bytes of `source`.
private func withParser<T>(
    _ source: String,
    _ options: ParseOptions,
    _ body: (inout Parser) throws(GraphQLError) -> T
) throws(GraphQLError) -> T {
    var source = source
    let result: Result<T, GraphQLError> = source.withUTF8 { bytes in
        var parser = Parser(bytes, options)
        do throws(GraphQLError) {
            return .success(try body(&parser))
        } catch {
            return .failure(error)
        }
    }
    return try result.get()
}

/// A recursive-descent parser shaped like graphql-js `parser.ts`: one method per grammar
/// production (quoted in its doc comment), over a `Lexer`.
struct Parser {
    private var lexer: Lexer
    private let options: ParseOptions
    private var tokenCount = 0
    private var depth = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>, _ options: ParseOptions) {
        self.lexer = Lexer(bytes)
        self.options = options
    }

    // MARK: - Document

    /// Document : Definition+
    mutating func parseDocument() throws(GraphQLError) -> Document {
        let start = lexer.token
        let definitions = try many(.startOfFile, .endOfFile) { (parser) throws(GraphQLError) in
            try parser.parseDefinition()
        }
        return Document(definitions: definitions, loc: loc(start))
    }

    /// Definition :
    ///   - ExecutableDefinition
    ///   - TypeSystemDefinition
    ///   - TypeSystemExtension
    ///
    /// ExecutableDefinition :
    ///   - OperationDefinition
    ///   - FragmentDefinition
    ///
    /// TypeSystemDefinition :
    ///   - SchemaDefinition
    ///   - TypeDefinition
    ///   - DirectiveDefinition
    ///
    /// TypeDefinition :
    ///   - ScalarTypeDefinition
    ///   - ObjectTypeDefinition
    ///   - InterfaceTypeDefinition
    ///   - UnionTypeDefinition
    ///   - EnumTypeDefinition
    ///   - InputObjectTypeDefinition
    mutating func parseDefinition() throws(GraphQLError) -> Definition {
        if peek(.braceL) {
            return .operation(try parseOperationDefinition())
        }
        // Many definitions begin with a description and require a lookahead.
        let hasDescription = peekDescription()
        let keywordLexer = hasDescription ? try lexer.lookahead() : lexer
        let keyword = keywordLexer.token
        if keyword.kind == .name {
            if lexer.isName(keyword, "type") { return .objectType(try parseObjectTypeDefinition()) }
            if lexer.isName(keyword, "input") { return .inputObjectType(try parseInputObjectTypeDefinition()) }
            if lexer.isName(keyword, "enum") { return .enumType(try parseEnumTypeDefinition()) }
            if lexer.isName(keyword, "interface") { return .interfaceType(try parseInterfaceTypeDefinition()) }
            if lexer.isName(keyword, "union") { return .unionType(try parseUnionTypeDefinition()) }
            if lexer.isName(keyword, "scalar") { return .scalarType(try parseScalarTypeDefinition()) }
            if lexer.isName(keyword, "directive") { return .directive(try parseDirectiveDefinition()) }
            if lexer.isName(keyword, "schema") { return .schema(try parseSchemaDefinition()) }
            if hasDescription {
                throw lexer.syntaxError(
                    lexer.token.start,
                    "Unexpected description, descriptions are supported only on type definitions."
                )
            }
            if lexer.isName(keyword, "query") || lexer.isName(keyword, "mutation")
                || lexer.isName(keyword, "subscription")
            {
                return .operation(try parseOperationDefinition())
            }
            if lexer.isName(keyword, "fragment") { return .fragment(try parseFragmentDefinition()) }
            if lexer.isName(keyword, "extend") { return try parseTypeSystemExtension() }
        }
        throw keywordLexer.unexpected(keyword)
    }

    // MARK: - Operations

    /// OperationDefinition :
    ///   - SelectionSet
    ///   - OperationType Name? VariableDefinitions? Directives? SelectionSet
    mutating func parseOperationDefinition() throws(GraphQLError) -> OperationDefinition {
        let start = lexer.token
        if peek(.braceL) {
            let selectionSet = try parseSelectionSet()
            return OperationDefinition(operation: .query, selectionSet: selectionSet, loc: loc(start))
        }
        let operation = try parseOperationType()
        let name = peek(.name) ? try parseName() : nil
        let variableDefinitions = try parseVariableDefinitions()
        let directives = try parseDirectives(isConst: false)
        let selectionSet = try parseSelectionSet()
        return OperationDefinition(
            operation: operation,
            name: name,
            variableDefinitions: variableDefinitions,
            directives: directives,
            selectionSet: selectionSet,
            loc: loc(start)
        )
    }

    /// OperationType : one of query mutation subscription
    mutating func parseOperationType() throws(GraphQLError) -> OperationType {
        let token = try expectToken(.name)
        if lexer.isName(token, "query") { return .query }
        if lexer.isName(token, "mutation") { return .mutation }
        if lexer.isName(token, "subscription") { return .subscription }
        throw lexer.unexpected(token)
    }

    /// VariableDefinitions : ( VariableDefinition+ )
    mutating func parseVariableDefinitions() throws(GraphQLError) -> [VariableDefinition] {
        try optionalMany(.parenL, .parenR) { (parser) throws(GraphQLError) in try parser.parseVariableDefinition() }
    }

    /// VariableDefinition : Variable : Type DefaultValue? Directives[Const]?
    mutating func parseVariableDefinition() throws(GraphQLError) -> VariableDefinition {
        let start = lexer.token
        let variable = try parseVariable()
        try expectToken(.colon)
        let type = try parseTypeReference()
        let defaultValue = try expectOptionalToken(.equals) ? try parseValueLiteral(isConst: true) : nil
        let directives = try parseDirectives(isConst: true)
        return VariableDefinition(
            variable: variable,
            type: type,
            defaultValue: defaultValue,
            directives: directives,
            loc: loc(start)
        )
    }

    /// Variable : $ Name
    mutating func parseVariable() throws(GraphQLError) -> Variable {
        let start = lexer.token
        try expectToken(.dollar)
        return Variable(name: try parseName(), loc: loc(start))
    }

    /// SelectionSet : { Selection+ }
    mutating func parseSelectionSet() throws(GraphQLError) -> SelectionSet {
        let start = lexer.token
        try enterNesting()
        let selections = try many(.braceL, .braceR) { (parser) throws(GraphQLError) in try parser.parseSelection() }
        depth -= 1
        return SelectionSet(selections: selections, loc: loc(start))
    }

    /// Selection :
    ///   - Field
    ///   - FragmentSpread
    ///   - InlineFragment
    mutating func parseSelection() throws(GraphQLError) -> Selection {
        peek(.spread) ? try parseFragment() : try parseField()
    }

    /// Field : Alias? Name Arguments? Directives? SelectionSet?
    ///
    /// Alias : Name :
    mutating func parseField() throws(GraphQLError) -> Selection {
        let start = lexer.token
        let nameOrAlias = try parseName()
        let alias: Name?
        let name: Name
        if try expectOptionalToken(.colon) {
            alias = nameOrAlias
            name = try parseName()
        } else {
            alias = nil
            name = nameOrAlias
        }
        let arguments = try parseArguments(isConst: false)
        let directives = try parseDirectives(isConst: false)
        let selectionSet = peek(.braceL) ? try parseSelectionSet() : nil
        return .field(
            Field(
                alias: alias,
                name: name,
                arguments: arguments,
                directives: directives,
                selectionSet: selectionSet,
                loc: loc(start)
            )
        )
    }

    /// Arguments[Const] : ( Argument[?Const]+ )
    mutating func parseArguments(isConst: Bool) throws(GraphQLError) -> [Argument] {
        try optionalMany(.parenL, .parenR) { (parser) throws(GraphQLError) in try parser.parseArgument(isConst: isConst)
        }
    }

    /// Argument[Const] : Name : Value[?Const]
    mutating func parseArgument(isConst: Bool) throws(GraphQLError) -> Argument {
        let start = lexer.token
        let name = try parseName()
        try expectToken(.colon)
        let value = try parseValueLiteral(isConst: isConst)
        return Argument(name: name, value: value, loc: loc(start))
    }

    // MARK: - Fragments

    /// Corresponds to both FragmentSpread and InlineFragment in the spec.
    ///
    /// FragmentSpread : ... FragmentName Directives?
    ///
    /// InlineFragment : ... TypeCondition? Directives? SelectionSet
    mutating func parseFragment() throws(GraphQLError) -> Selection {
        let start = lexer.token
        try expectToken(.spread)
        let hasTypeCondition = try expectOptionalKeyword("on")
        if !hasTypeCondition && peek(.name) {
            let name = try parseFragmentName()
            let directives = try parseDirectives(isConst: false)
            return .fragmentSpread(FragmentSpread(name: name, directives: directives, loc: loc(start)))
        }
        let typeCondition = hasTypeCondition ? try parseNamedType() : nil
        let directives = try parseDirectives(isConst: false)
        let selectionSet = try parseSelectionSet()
        return .inlineFragment(
            InlineFragment(
                typeCondition: typeCondition,
                directives: directives,
                selectionSet: selectionSet,
                loc: loc(start)
            )
        )
    }

    /// FragmentDefinition : fragment FragmentName TypeCondition Directives? SelectionSet
    ///
    /// TypeCondition : on NamedType
    mutating func parseFragmentDefinition() throws(GraphQLError) -> FragmentDefinition {
        let start = lexer.token
        try expectKeyword("fragment")
        let name = try parseFragmentName()
        try expectKeyword("on")
        let typeCondition = try parseNamedType()
        let directives = try parseDirectives(isConst: false)
        let selectionSet = try parseSelectionSet()
        return FragmentDefinition(
            name: name,
            typeCondition: typeCondition,
            directives: directives,
            selectionSet: selectionSet,
            loc: loc(start)
        )
    }

    /// FragmentName : Name but not `on`
    mutating func parseFragmentName() throws(GraphQLError) -> Name {
        if lexer.currentValueIs("on") {
            throw lexer.unexpected(lexer.token)
        }
        return try parseName()
    }

    // MARK: - Values

    /// Value[Const] :
    ///   - [~Const] Variable
    ///   - IntValue
    ///   - FloatValue
    ///   - StringValue
    ///   - BooleanValue
    ///   - NullValue
    ///   - EnumValue
    ///   - ListValue[?Const]
    ///   - ObjectValue[?Const]
    ///
    /// BooleanValue : one of `true` `false`
    ///
    /// NullValue : `null`
    ///
    /// EnumValue : Name but not `true`, `false` or `null`
    mutating func parseValueLiteral(isConst: Bool) throws(GraphQLError) -> Value {
        let token = lexer.token
        switch token.kind {
        case .bracketL:
            return .list(try parseList(isConst: isConst))
        case .braceL:
            return .object(try parseObject(isConst: isConst))
        case .int:
            try advanceLexer()
            return .int(IntValue(lexer.text(of: token), loc: loc(token)))
        case .float:
            try advanceLexer()
            return .float(FloatValue(lexer.text(of: token), loc: loc(token)))
        case .string, .blockString:
            return .string(try parseStringLiteral())
        case .name:
            try advanceLexer()
            if lexer.isName(token, "true") { return .boolean(BooleanValue(true, loc: loc(token))) }
            if lexer.isName(token, "false") { return .boolean(BooleanValue(false, loc: loc(token))) }
            if lexer.isName(token, "null") { return .null(NullValue(loc: loc(token))) }
            return .enumValue(EnumValue(lexer.text(of: token), loc: loc(token)))
        case .dollar:
            if isConst {
                try expectToken(.dollar)
                if lexer.token.kind == .name {
                    throw lexer.syntaxError(
                        token.start,
                        "Unexpected variable \"$\(lexer.text(of: lexer.token))\" in constant value."
                    )
                }
                throw lexer.unexpected(token)
            }
            return .variable(try parseVariable())
        default:
            throw lexer.unexpected(lexer.token)
        }
    }

    /// StringValue, as a description or a value.
    mutating func parseStringLiteral() throws(GraphQLError) -> StringValue {
        let token = lexer.token
        let value = lexer.stringValue
        try advanceLexer()
        return StringValue(value, block: token.kind == .blockString, loc: loc(token))
    }

    /// ListValue[Const] :
    ///   - [ ]
    ///   - [ Value[?Const]+ ]
    mutating func parseList(isConst: Bool) throws(GraphQLError) -> ListValue {
        let start = lexer.token
        try enterNesting()
        let values = try any(.bracketL, .bracketR) { (parser) throws(GraphQLError) in
            try parser.parseValueLiteral(isConst: isConst)
        }
        depth -= 1
        return ListValue(values, loc: loc(start))
    }

    /// ObjectValue[Const] :
    ///   - { }
    ///   - { ObjectField[?Const]+ }
    mutating func parseObject(isConst: Bool) throws(GraphQLError) -> ObjectValue {
        let start = lexer.token
        try enterNesting()
        let fields = try any(.braceL, .braceR) { (parser) throws(GraphQLError) in
            try parser.parseObjectField(isConst: isConst)
        }
        depth -= 1
        return ObjectValue(fields, loc: loc(start))
    }

    /// ObjectField[Const] : Name : Value[?Const]
    mutating func parseObjectField(isConst: Bool) throws(GraphQLError) -> ObjectField {
        let start = lexer.token
        let name = try parseName()
        try expectToken(.colon)
        let value = try parseValueLiteral(isConst: isConst)
        return ObjectField(name: name, value: value, loc: loc(start))
    }

    // MARK: - Directives

    /// Directives[Const] : Directive[?Const]+
    mutating func parseDirectives(isConst: Bool) throws(GraphQLError) -> [Directive] {
        var directives: [Directive] = []
        while peek(.at) {
            directives.append(try parseDirective(isConst: isConst))
        }
        return directives
    }

    /// Directive[Const] : @ Name Arguments[?Const]?
    mutating func parseDirective(isConst: Bool) throws(GraphQLError) -> Directive {
        let start = lexer.token
        try expectToken(.at)
        let name = try parseName()
        let arguments = try parseArguments(isConst: isConst)
        return Directive(name: name, arguments: arguments, loc: loc(start))
    }

    // MARK: - Types

    /// Type :
    ///   - NamedType
    ///   - ListType
    ///   - NonNullType
    ///
    /// ListType : [ Type ]
    ///
    /// NonNullType :
    ///   - NamedType !
    ///   - ListType !
    mutating func parseTypeReference() throws(GraphQLError) -> TypeReference {
        let start = lexer.token
        let type: TypeReference
        if try expectOptionalToken(.bracketL) {
            try enterNesting(at: start)
            let inner = try parseTypeReference()
            try expectToken(.bracketR)
            depth -= 1
            type = .list(ListType(type: inner, loc: loc(start)))
        } else {
            type = .named(try parseNamedType())
        }
        if try expectOptionalToken(.bang) {
            return .nonNull(NonNullType(type: type, loc: loc(start)))
        }
        return type
    }

    /// NamedType : Name
    mutating func parseNamedType() throws(GraphQLError) -> NamedType {
        let start = lexer.token
        return NamedType(name: try parseName(), loc: loc(start))
    }

    /// Converts a name token into a name node.
    mutating func parseName() throws(GraphQLError) -> Name {
        let token = try expectToken(.name)
        return Name(lexer.text(of: token), loc: loc(token))
    }

    // MARK: - Type-system definitions

    func peekDescription() -> Bool {
        peek(.string) || peek(.blockString)
    }

    /// Description : StringValue
    mutating func parseDescription() throws(GraphQLError) -> StringValue? {
        peekDescription() ? try parseStringLiteral() : nil
    }

    /// SchemaDefinition : Description? schema Directives[Const]? { OperationTypeDefinition+ }
    mutating func parseSchemaDefinition() throws(GraphQLError) -> SchemaDefinition {
        let start = lexer.token
        let description = try parseDescription()
        try expectKeyword("schema")
        let directives = try parseDirectives(isConst: true)
        let operationTypes = try many(.braceL, .braceR) { (parser) throws(GraphQLError) in
            try parser.parseOperationTypeDefinition()
        }
        return SchemaDefinition(
            description: description,
            directives: directives,
            operationTypes: operationTypes,
            loc: loc(start)
        )
    }

    /// OperationTypeDefinition : OperationType : NamedType
    mutating func parseOperationTypeDefinition() throws(GraphQLError) -> OperationTypeDefinition {
        let start = lexer.token
        let operation = try parseOperationType()
        try expectToken(.colon)
        let type = try parseNamedType()
        return OperationTypeDefinition(operation: operation, type: type, loc: loc(start))
    }

    /// ScalarTypeDefinition : Description? scalar Name Directives[Const]?
    mutating func parseScalarTypeDefinition() throws(GraphQLError) -> ScalarTypeDefinition {
        let start = lexer.token
        let description = try parseDescription()
        try expectKeyword("scalar")
        let name = try parseName()
        let directives = try parseDirectives(isConst: true)
        return ScalarTypeDefinition(description: description, name: name, directives: directives, loc: loc(start))
    }

    /// ObjectTypeDefinition :
    ///   Description?
    ///   type Name ImplementsInterfaces? Directives[Const]? FieldsDefinition?
    mutating func parseObjectTypeDefinition() throws(GraphQLError) -> ObjectTypeDefinition {
        let start = lexer.token
        let description = try parseDescription()
        try expectKeyword("type")
        let name = try parseName()
        let interfaces = try parseImplementsInterfaces()
        let directives = try parseDirectives(isConst: true)
        let fields = try parseFieldsDefinition()
        return ObjectTypeDefinition(
            description: description,
            name: name,
            interfaces: interfaces,
            directives: directives,
            fields: fields,
            loc: loc(start)
        )
    }

    /// ImplementsInterfaces :
    ///   - implements `&`? NamedType
    ///   - ImplementsInterfaces & NamedType
    mutating func parseImplementsInterfaces() throws(GraphQLError) -> [NamedType] {
        guard try expectOptionalKeyword("implements") else { return [] }
        return try delimitedMany(.amp) { (parser) throws(GraphQLError) in try parser.parseNamedType() }
    }

    /// FieldsDefinition : { FieldDefinition+ }
    mutating func parseFieldsDefinition() throws(GraphQLError) -> [FieldDefinition] {
        try optionalMany(.braceL, .braceR) { (parser) throws(GraphQLError) in try parser.parseFieldDefinition() }
    }

    /// FieldDefinition :
    ///   - Description? Name ArgumentsDefinition? : Type Directives[Const]?
    mutating func parseFieldDefinition() throws(GraphQLError) -> FieldDefinition {
        let start = lexer.token
        let description = try parseDescription()
        let name = try parseName()
        let arguments = try parseArgumentDefinitions()
        try expectToken(.colon)
        let type = try parseTypeReference()
        let directives = try parseDirectives(isConst: true)
        return FieldDefinition(
            description: description,
            name: name,
            arguments: arguments,
            type: type,
            directives: directives,
            loc: loc(start)
        )
    }

    /// ArgumentsDefinition : ( InputValueDefinition+ )
    mutating func parseArgumentDefinitions() throws(GraphQLError) -> [InputValueDefinition] {
        try optionalMany(.parenL, .parenR) { (parser) throws(GraphQLError) in try parser.parseInputValueDefinition() }
    }

    /// InputValueDefinition :
    ///   - Description? Name : Type DefaultValue? Directives[Const]?
    mutating func parseInputValueDefinition() throws(GraphQLError) -> InputValueDefinition {
        let start = lexer.token
        let description = try parseDescription()
        let name = try parseName()
        try expectToken(.colon)
        let type = try parseTypeReference()
        let defaultValue = try expectOptionalToken(.equals) ? try parseValueLiteral(isConst: true) : nil
        let directives = try parseDirectives(isConst: true)
        return InputValueDefinition(
            description: description,
            name: name,
            type: type,
            defaultValue: defaultValue,
            directives: directives,
            loc: loc(start)
        )
    }

    /// InterfaceTypeDefinition :
    ///   - Description? interface Name ImplementsInterfaces? Directives[Const]? FieldsDefinition?
    mutating func parseInterfaceTypeDefinition() throws(GraphQLError) -> InterfaceTypeDefinition {
        let start = lexer.token
        let description = try parseDescription()
        try expectKeyword("interface")
        let name = try parseName()
        let interfaces = try parseImplementsInterfaces()
        let directives = try parseDirectives(isConst: true)
        let fields = try parseFieldsDefinition()
        return InterfaceTypeDefinition(
            description: description,
            name: name,
            interfaces: interfaces,
            directives: directives,
            fields: fields,
            loc: loc(start)
        )
    }

    /// UnionTypeDefinition :
    ///   - Description? union Name Directives[Const]? UnionMemberTypes?
    mutating func parseUnionTypeDefinition() throws(GraphQLError) -> UnionTypeDefinition {
        let start = lexer.token
        let description = try parseDescription()
        try expectKeyword("union")
        let name = try parseName()
        let directives = try parseDirectives(isConst: true)
        let types = try parseUnionMemberTypes()
        return UnionTypeDefinition(
            description: description,
            name: name,
            directives: directives,
            types: types,
            loc: loc(start)
        )
    }

    /// UnionMemberTypes :
    ///   - = `|`? NamedType
    ///   - UnionMemberTypes | NamedType
    mutating func parseUnionMemberTypes() throws(GraphQLError) -> [NamedType] {
        guard try expectOptionalToken(.equals) else { return [] }
        return try delimitedMany(.pipe) { (parser) throws(GraphQLError) in try parser.parseNamedType() }
    }

    /// EnumTypeDefinition :
    ///   - Description? enum Name Directives[Const]? EnumValuesDefinition?
    mutating func parseEnumTypeDefinition() throws(GraphQLError) -> EnumTypeDefinition {
        let start = lexer.token
        let description = try parseDescription()
        try expectKeyword("enum")
        let name = try parseName()
        let directives = try parseDirectives(isConst: true)
        let values = try parseEnumValuesDefinition()
        return EnumTypeDefinition(
            description: description,
            name: name,
            directives: directives,
            values: values,
            loc: loc(start)
        )
    }

    /// EnumValuesDefinition : { EnumValueDefinition+ }
    mutating func parseEnumValuesDefinition() throws(GraphQLError) -> [EnumValueDefinition] {
        try optionalMany(.braceL, .braceR) { (parser) throws(GraphQLError) in try parser.parseEnumValueDefinition() }
    }

    /// EnumValueDefinition : Description? EnumValue Directives[Const]?
    mutating func parseEnumValueDefinition() throws(GraphQLError) -> EnumValueDefinition {
        let start = lexer.token
        let description = try parseDescription()
        let name = try parseEnumValueName()
        let directives = try parseDirectives(isConst: true)
        return EnumValueDefinition(description: description, name: name, directives: directives, loc: loc(start))
    }

    /// EnumValue : Name but not `true`, `false` or `null`
    mutating func parseEnumValueName() throws(GraphQLError) -> Name {
        if lexer.currentValueIs("true") || lexer.currentValueIs("false") || lexer.currentValueIs("null") {
            throw lexer.syntaxError(
                lexer.token.start,
                "\(lexer.describeCurrentToken()) is reserved and cannot be used for an enum value."
            )
        }
        return try parseName()
    }

    /// InputObjectTypeDefinition :
    ///   - Description? input Name Directives[Const]? InputFieldsDefinition?
    mutating func parseInputObjectTypeDefinition() throws(GraphQLError) -> InputObjectTypeDefinition {
        let start = lexer.token
        let description = try parseDescription()
        try expectKeyword("input")
        let name = try parseName()
        let directives = try parseDirectives(isConst: true)
        let fields = try parseInputFieldsDefinition()
        return InputObjectTypeDefinition(
            description: description,
            name: name,
            directives: directives,
            fields: fields,
            loc: loc(start)
        )
    }

    /// InputFieldsDefinition : { InputValueDefinition+ }
    mutating func parseInputFieldsDefinition() throws(GraphQLError) -> [InputValueDefinition] {
        try optionalMany(.braceL, .braceR) { (parser) throws(GraphQLError) in try parser.parseInputValueDefinition() }
    }

    /// DirectiveDefinition :
    ///   - Description? directive @ Name ArgumentsDefinition? `repeatable`? on DirectiveLocations
    mutating func parseDirectiveDefinition() throws(GraphQLError) -> DirectiveDefinition {
        let start = lexer.token
        let description = try parseDescription()
        try expectKeyword("directive")
        try expectToken(.at)
        let name = try parseName()
        let arguments = try parseArgumentDefinitions()
        let repeatable = try expectOptionalKeyword("repeatable")
        try expectKeyword("on")
        let locations = try parseDirectiveLocations()
        return DirectiveDefinition(
            description: description,
            name: name,
            arguments: arguments,
            repeatable: repeatable,
            locations: locations,
            loc: loc(start)
        )
    }

    /// DirectiveLocations :
    ///   - `|`? DirectiveLocation
    ///   - DirectiveLocations | DirectiveLocation
    mutating func parseDirectiveLocations() throws(GraphQLError) -> [Name] {
        try delimitedMany(.pipe) { (parser) throws(GraphQLError) in try parser.parseDirectiveLocation() }
    }

    /// DirectiveLocation : ExecutableDirectiveLocation | TypeSystemDirectiveLocation (one of their names)
    mutating func parseDirectiveLocation() throws(GraphQLError) -> Name {
        let start = lexer.token
        let name = try parseName()
        guard Parser.directiveLocations.contains(name.value) else { throw lexer.unexpected(start) }
        return name
    }

    /// The names of the spec's `ExecutableDirectiveLocation` and `TypeSystemDirectiveLocation`.
    static let directiveLocations: Set<String> = [
        "QUERY", "MUTATION", "SUBSCRIPTION", "FIELD", "FRAGMENT_DEFINITION", "FRAGMENT_SPREAD", "INLINE_FRAGMENT",
        "VARIABLE_DEFINITION", "SCHEMA", "SCALAR", "OBJECT", "FIELD_DEFINITION", "ARGUMENT_DEFINITION", "INTERFACE",
        "UNION", "ENUM", "ENUM_VALUE", "INPUT_OBJECT", "INPUT_FIELD_DEFINITION",
    ]

    // MARK: - Type-system extensions

    /// TypeSystemExtension :
    ///   - SchemaExtension
    ///   - TypeExtension
    ///
    /// TypeExtension :
    ///   - ScalarTypeExtension
    ///   - ObjectTypeExtension
    ///   - InterfaceTypeExtension
    ///   - UnionTypeExtension
    ///   - EnumTypeExtension
    ///   - InputObjectTypeExtension
    mutating func parseTypeSystemExtension() throws(GraphQLError) -> Definition {
        let keywordLexer = try lexer.lookahead()
        let keyword = keywordLexer.token
        if lexer.isName(keyword, "schema") { return .schemaExtension(try parseSchemaExtension()) }
        if lexer.isName(keyword, "scalar") { return .scalarTypeExtension(try parseScalarTypeExtension()) }
        if lexer.isName(keyword, "type") { return .objectTypeExtension(try parseObjectTypeExtension()) }
        if lexer.isName(keyword, "interface") { return .interfaceTypeExtension(try parseInterfaceTypeExtension()) }
        if lexer.isName(keyword, "union") { return .unionTypeExtension(try parseUnionTypeExtension()) }
        if lexer.isName(keyword, "enum") { return .enumTypeExtension(try parseEnumTypeExtension()) }
        if lexer.isName(keyword, "input") { return .inputObjectTypeExtension(try parseInputObjectTypeExtension()) }
        throw keywordLexer.unexpected(keyword)
    }

    /// SchemaExtension :
    ///   - extend schema Directives[Const]? { OperationTypeDefinition+ }
    ///   - extend schema Directives[Const]
    mutating func parseSchemaExtension() throws(GraphQLError) -> SchemaExtension {
        let start = lexer.token
        try expectKeyword("extend")
        try expectKeyword("schema")
        let directives = try parseDirectives(isConst: true)
        let operationTypes = try optionalMany(.braceL, .braceR) { (parser) throws(GraphQLError) in
            try parser.parseOperationTypeDefinition()
        }
        if directives.isEmpty && operationTypes.isEmpty {
            throw lexer.unexpected(lexer.token)
        }
        return SchemaExtension(directives: directives, operationTypes: operationTypes, loc: loc(start))
    }

    /// ScalarTypeExtension :
    ///   - extend scalar Name Directives[Const]
    mutating func parseScalarTypeExtension() throws(GraphQLError) -> ScalarTypeExtension {
        let start = lexer.token
        try expectKeyword("extend")
        try expectKeyword("scalar")
        let name = try parseName()
        let directives = try parseDirectives(isConst: true)
        if directives.isEmpty {
            throw lexer.unexpected(lexer.token)
        }
        return ScalarTypeExtension(name: name, directives: directives, loc: loc(start))
    }

    /// ObjectTypeExtension :
    ///  - extend type Name ImplementsInterfaces? Directives[Const]? FieldsDefinition
    ///  - extend type Name ImplementsInterfaces? Directives[Const]
    ///  - extend type Name ImplementsInterfaces
    mutating func parseObjectTypeExtension() throws(GraphQLError) -> ObjectTypeExtension {
        let start = lexer.token
        try expectKeyword("extend")
        try expectKeyword("type")
        let name = try parseName()
        let interfaces = try parseImplementsInterfaces()
        let directives = try parseDirectives(isConst: true)
        let fields = try parseFieldsDefinition()
        if interfaces.isEmpty && directives.isEmpty && fields.isEmpty {
            throw lexer.unexpected(lexer.token)
        }
        return ObjectTypeExtension(
            name: name,
            interfaces: interfaces,
            directives: directives,
            fields: fields,
            loc: loc(start)
        )
    }

    /// InterfaceTypeExtension :
    ///  - extend interface Name ImplementsInterfaces? Directives[Const]? FieldsDefinition
    ///  - extend interface Name ImplementsInterfaces? Directives[Const]
    ///  - extend interface Name ImplementsInterfaces
    mutating func parseInterfaceTypeExtension() throws(GraphQLError) -> InterfaceTypeExtension {
        let start = lexer.token
        try expectKeyword("extend")
        try expectKeyword("interface")
        let name = try parseName()
        let interfaces = try parseImplementsInterfaces()
        let directives = try parseDirectives(isConst: true)
        let fields = try parseFieldsDefinition()
        if interfaces.isEmpty && directives.isEmpty && fields.isEmpty {
            throw lexer.unexpected(lexer.token)
        }
        return InterfaceTypeExtension(
            name: name,
            interfaces: interfaces,
            directives: directives,
            fields: fields,
            loc: loc(start)
        )
    }

    /// UnionTypeExtension :
    ///   - extend union Name Directives[Const]? UnionMemberTypes
    ///   - extend union Name Directives[Const]
    mutating func parseUnionTypeExtension() throws(GraphQLError) -> UnionTypeExtension {
        let start = lexer.token
        try expectKeyword("extend")
        try expectKeyword("union")
        let name = try parseName()
        let directives = try parseDirectives(isConst: true)
        let types = try parseUnionMemberTypes()
        if directives.isEmpty && types.isEmpty {
            throw lexer.unexpected(lexer.token)
        }
        return UnionTypeExtension(name: name, directives: directives, types: types, loc: loc(start))
    }

    /// EnumTypeExtension :
    ///   - extend enum Name Directives[Const]? EnumValuesDefinition
    ///   - extend enum Name Directives[Const]
    mutating func parseEnumTypeExtension() throws(GraphQLError) -> EnumTypeExtension {
        let start = lexer.token
        try expectKeyword("extend")
        try expectKeyword("enum")
        let name = try parseName()
        let directives = try parseDirectives(isConst: true)
        let values = try parseEnumValuesDefinition()
        if directives.isEmpty && values.isEmpty {
            throw lexer.unexpected(lexer.token)
        }
        return EnumTypeExtension(name: name, directives: directives, values: values, loc: loc(start))
    }

    /// InputObjectTypeExtension :
    ///   - extend input Name Directives[Const]? InputFieldsDefinition
    ///   - extend input Name Directives[Const]
    mutating func parseInputObjectTypeExtension() throws(GraphQLError) -> InputObjectTypeExtension {
        let start = lexer.token
        try expectKeyword("extend")
        try expectKeyword("input")
        let name = try parseName()
        let directives = try parseDirectives(isConst: true)
        let fields = try parseInputFieldsDefinition()
        if directives.isEmpty && fields.isEmpty {
            throw lexer.unexpected(lexer.token)
        }
        return InputObjectTypeExtension(name: name, directives: directives, fields: fields, loc: loc(start))
    }

    // MARK: - Core parsing utilities

    /// The extent from `startToken` to the end of the last token consumed, unless locations are off.
    @inline(__always)
    private func loc(_ startToken: RawToken) -> SourceRange? {
        if options.noLocation { return nil }
        return SourceRange(
            start: startToken.start,
            end: lexer.lastTokenEnd,
            location: SourceLocation(line: startToken.line, column: startToken.column)
        )
    }

    /// Whether the current token has the given kind.
    @inline(__always)
    private func peek(_ kind: TokenKind) -> Bool {
        lexer.token.kind == kind
    }

    /// Moves to the next token, counting tokens against `maxTokens`.
    @inline(__always)
    private mutating func advanceLexer() throws(GraphQLError) {
        let token = try lexer.advance()
        if let maxTokens = options.maxTokens, token.kind != .endOfFile {
            tokenCount += 1
            if tokenCount > maxTokens {
                var error = lexer.syntaxError(
                    token.start,
                    "Document contains more than \(maxTokens) tokens. Parsing aborted."
                )
                error.extensions = [GraphQLError.Extension(key: "code", value: LimitErrorCode.tokens)]
                throw error
            }
        }
    }

    /// Enters one more level of nesting, failing beyond `maxDepth`.
    private mutating func enterNesting(at token: RawToken? = nil) throws(GraphQLError) {
        depth += 1
        if depth > options.maxDepth {
            throw lexer.syntaxError(
                (token ?? lexer.token).start,
                "Document nesting is deeper than \(options.maxDepth) levels. Parsing aborted."
            )
        }
    }

    /// Consumes a token of the given kind and returns it, or fails with `Expected …, found …`.
    @discardableResult
    @inline(__always)
    mutating func expectToken(_ kind: TokenKind) throws(GraphQLError) -> RawToken {
        let token = lexer.token
        guard token.kind == kind else {
            throw lexer.syntaxError(
                token.start,
                "Expected \(kind.errorDescription), found \(lexer.describeCurrentToken())."
            )
        }
        try advanceLexer()
        return token
    }

    /// Consumes a token of the given kind if it is the current one.
    @inline(__always)
    private mutating func expectOptionalToken(_ kind: TokenKind) throws(GraphQLError) -> Bool {
        guard lexer.token.kind == kind else { return false }
        try advanceLexer()
        return true
    }

    /// Consumes the given keyword (a name), or fails with `Expected "keyword", found …`.
    private mutating func expectKeyword(_ keyword: StaticString) throws(GraphQLError) {
        let token = lexer.token
        guard lexer.isName(token, keyword) else {
            throw lexer.syntaxError(token.start, "Expected \"\(keyword)\", found \(lexer.describeCurrentToken()).")
        }
        try advanceLexer()
    }

    /// Consumes the given keyword if it is the current token.
    private mutating func expectOptionalKeyword(_ keyword: StaticString) throws(GraphQLError) -> Bool {
        guard lexer.isName(lexer.token, keyword) else { return false }
        try advanceLexer()
        return true
    }

    /// Zero or more items between `open` and `close`: `open item* close`.
    @inline(__always)
    private mutating func any<T>(
        _ open: TokenKind,
        _ close: TokenKind,
        _ item: (inout Parser) throws(GraphQLError) -> T
    ) throws(GraphQLError) -> [T] {
        try expectToken(open)
        var nodes: [T] = []
        while try !expectOptionalToken(close) {
            if nodes.isEmpty { nodes.reserveCapacity(4) }
            nodes.append(try item(&self))
        }
        return nodes
    }

    /// One or more items between `open` and `close`, or none if `open` is absent.
    @inline(__always)
    private mutating func optionalMany<T>(
        _ open: TokenKind,
        _ close: TokenKind,
        _ item: (inout Parser) throws(GraphQLError) -> T
    ) throws(GraphQLError) -> [T] {
        guard try expectOptionalToken(open) else { return [] }
        var nodes: [T] = []
        nodes.reserveCapacity(4)
        repeat {
            nodes.append(try item(&self))
        } while try !expectOptionalToken(close)
        return nodes
    }

    /// One or more items between `open` and `close`: `open item+ close`.
    @inline(__always)
    private mutating func many<T>(
        _ open: TokenKind,
        _ close: TokenKind,
        _ item: (inout Parser) throws(GraphQLError) -> T
    ) throws(GraphQLError) -> [T] {
        try expectToken(open)
        var nodes: [T] = []
        nodes.reserveCapacity(4)
        repeat {
            nodes.append(try item(&self))
        } while try !expectOptionalToken(close)
        return nodes
    }

    /// One or more items separated by `delimiter`, with an optional leading delimiter.
    @inline(__always)
    private mutating func delimitedMany<T>(
        _ delimiter: TokenKind,
        _ item: (inout Parser) throws(GraphQLError) -> T
    ) throws(GraphQLError) -> [T] {
        _ = try expectOptionalToken(delimiter)
        var nodes: [T] = []
        nodes.reserveCapacity(4)
        repeat {
            nodes.append(try item(&self))
        } while try expectOptionalToken(delimiter)
        return nodes
    }
}
