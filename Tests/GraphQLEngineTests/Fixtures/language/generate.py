#!/usr/bin/env python3
"""Generates cases.json, the differential corpus for the GraphQLEngine language tests.

Every case is a GraphQL source run through graphql-core 3.2, which mirrors graphql-js 16 except that
it quotes with ' where graphql-js quotes with " and counts columns in code points rather than UTF-16
units: `js_message` and `js_location` convert its errors to graphql-js's exact form.
  - "printed": print_ast(parse(source)) when the source parses;
  - "error": {"message", "line", "column"} of the syntax error otherwise;
  - "tokens": for lexer cases, [kind, line, column, value] of every token.
Optional "maxTokens" passes max_tokens to parse. Run: python3 generate.py (needs graphql-core 3.2).
"""

import json
import random
import re
from pathlib import Path

import graphql
from graphql.error import GraphQLSyntaxError
from graphql.language import Lexer, Source, TokenKind, parse, print_ast

assert graphql.__version__.startswith("3.2"), graphql.__version__

KITCHEN_SINK = '''query queryName($foo: ComplexType, $site: Site = MOBILE) @onQuery {
  whoever123is: node(id: [123, 456]) {
    id ,
    ... on User @onInlineFragment {
      field2 {
        id ,
        alias: field1(first:10, after:$foo,) @include(if: $foo) {
          id,
          ...frag @onFragmentSpread
        }
      }
    }
    ... @skip(unless: $foo) {
      id
    }
    ... {
      id
    }
  }
}

mutation likeStory @onMutation {
  like(story: 123) @onField {
    story {
      id @onField
    }
  }
}

subscription StoryLikeSubscription(
  $input: StoryLikeSubscribeInput @onVariableDefinition
)
  @onSubscription {
  storyLikeSubscribe(input: $input) {
    story {
      likers {
        count
      }
      likeSentence {
        text
      }
    }
  }
}

fragment frag on Friend @onFragmentDefinition {
  foo(size: $size, bar: $b, obj: {key: "value", block: """
      block string uses \\"""
  """})
}

{
  unnamed(truthy: true, falsy: false, nullish: null),
  query
}

query { __typename }
'''

SCHEMA_KITCHEN_SINK = '''"""This is a description of the schema as a whole."""
schema {
  query: QueryType
  mutation: MutationType
}

"""
This is a description
of the `Foo` type.
"""
type Foo implements Bar & Baz & Two {
  "Description of the `one` field."
  one: Type
  """
  This is a description of the `two` field.
  """
  two(
    """
    This is a description of the `argument` argument.
    """
    argument: InputType!
  ): Type
  three(argument: InputType, other: String): Int
  four(argument: String = "string"): String
  five(argument: [String] = ["string", "string"]): String
  six(argument: InputType = {key: "value"}): Type
  seven(argument: Int = null): Type
}

type AnnotatedObject @onObject(arg: "value") {
  annotatedField(arg: Type = "default" @onArgumentDefinition): Type @onField
}

type UndefinedType

extend type Foo {
  seven(argument: [String]): Type
}

extend type Foo @onType

interface Bar {
  one: Type
  four(argument: String = "string"): String
}

interface AnnotatedInterface @onInterface {
  annotatedField(arg: Type @onArgumentDefinition): Type @onField
}

interface UndefinedInterface

extend interface Bar implements Two {
  two(argument: InputType!): Type
}

extend interface Bar @onInterface

interface Baz implements Bar & Two {
  one: Type
  two(argument: InputType!): Type
  four(argument: String = "string"): String
}

union Feed =
  | Story
  | Article
  | Advert

union AnnotatedUnion @onUnion = A | B

union AnnotatedUnionTwo @onUnion = | A | B

union UndefinedUnion

extend union Feed = Photo | Video

extend union Feed @onUnion

scalar CustomScalar

scalar AnnotatedScalar @onScalar

extend scalar CustomScalar @onScalar

enum Site {
  """
  This is a description of the `DESKTOP` value
  """
  DESKTOP

  """This is a description of the `MOBILE` value"""
  MOBILE

  "This is a description of the `WEB` value"
  WEB
}

enum AnnotatedEnum @onEnum {
  ANNOTATED_VALUE @onEnumValue
  OTHER_VALUE
}

enum UndefinedEnum

extend enum Site {
  VR
}

extend enum Site @onEnum

input InputType {
  key: String!
  answer: Int = 42
}

input AnnotatedInput @onInputObject {
  annotatedField: Type @onInputFieldDefinition
}

input UndefinedInput

extend input InputType {
  other: Float = 1.23e4 @onInputFieldDefinition
}

extend input InputType @onInputObject

"""
This is a description of the `@skip` directive
"""
directive @skip(
  """This is a description of the `if` argument"""
  if: Boolean! @onArgumentDefinition
) on FIELD | FRAGMENT_SPREAD | INLINE_FRAGMENT

directive @include(if: Boolean!)
  on FIELD
   | FRAGMENT_SPREAD
   | INLINE_FRAGMENT

directive @include2(if: Boolean!) on
  | FIELD
  | FRAGMENT_SPREAD
  | INLINE_FRAGMENT

directive @myRepeatableDir(name: String!) repeatable on
  | OBJECT
  | INTERFACE

extend schema @onSchema

extend schema @onSchema {
  subscription: SubscriptionType
}

input OneOfInput @oneOf {
  a: String
  b: Int
}
'''

# Valid documents: their canonical printing is compared.
VALID = [
    KITCHEN_SINK,
    SCHEMA_KITCHEN_SINK,
    "{ a }",
    "{a b c}",
    "query { a }",
    "query Q { a }",
    "query ($v: Int) { a }",
    "query @dir { a }",
    "mutation { a }",
    "subscription S { a }",
    "{ a: b }",
    "{ a, b, , c,,, }",
    "{ a { b { c { d } } } }",
    "{ a(x: 1) }",
    "{ a(x: -1, y: 0, z: -0) }",
    "{ a(x: 1.5, y: -1.5e10, z: 1E3, w: 0.0, v: 1e-3, u: 1E+3) }",
    "{ a(x: \"str\") }",
    "{ a(x: \"\") }",
    "{ a(x: true, y: false, z: null) }",
    "{ a(x: ENUM_VALUE, y: on, z: query) }",
    "{ a(x: [], y: [1], z: [1, [2, [3]]]) }",
    "{ a(x: {}, y: {k: 1}, z: {a: {b: {c: [1, {d: 2}]}}}) }",
    "query ($v: [Int!]! = [1, 2]) { a(x: $v, y: {k: $v}, z: [$v]) }",
    "query ($a: Int = 1 @dir, $b: String = \"x\" @d1 @d2(x: 1)) { a }",
    "query ($a: Input = {a: [1, {b: \"c\"}], d: null}) { a }",
    "{ a @skip(if: true) @include(if: false) }",
    "{ ...F }",
    "{ ...F @d }",
    "{ ... on T { a } }",
    "{ ... @d { a } }",
    "{ ... { a } }",
    "{ ... on T @d(x: 1) { a } }",
    "{ a { ...on } }",
    "{ on: a, fragment: b, query: c, mutation: d, subscription: e, true: f, null: g }",
    "fragment F on T { a }",
    "fragment F on T @d { a }",
    "fragment on_ on on { on }",
    "{ a(x: \"\\u0041\\u00e9\\u{1F600}\\uD83D\\uDE00\") }",
    "{ a(x: \"\\\" \\\\ \\/ \\b \\f \\n \\r \\t\") }",
    "{ a(x: \"\\u0000\\u001f\\u007f\\u0080\\u009F\\u00A0\") }",
    "{ a(x: \"unicode é ü 中文\") }",
    "{ a(x: \"\"\"block\"\"\") }",
    "{ a(x: \"\"\"  leading space\"\"\") }",
    "{ a(x: \"\"\"\n  multi\n  line\n\"\"\") }",
    "{ a(x: \"\"\"\n    indented\n      more\n    less\n  \"\"\") }",
    "{ a(x: \"\"\"first line\n  second\n    third\"\"\") }",
    "{ a(x: \"\"\"\n\n  blank lines around\n\n\"\"\") }",
    "{ a(x: \"\"\"contains \\\"\"\" triple\"\"\") }",
    "{ a(x: \"\"\"ends with quote\"\"\"\"\") }",
    "{ a(x: \"\"\"ends with slash\\\"\"\") }",
    "{ a(x: \"\"\"trailing triple \\\"\"\"\"\"\") }",
    "{ a(x: \"\"\"" + "x" * 75 + "\"\"\") }",
    "{ a(x: \"\"\"\ttab start\"\"\") }",
    "{ a(x: \"\"\"line\r\nwith crlf\rand cr\"\"\") }",
    "{ a(x: \"\"\"  \n  \n\"\"\") }",
    "{ a(x: \"\"\"no escapes \\n here\"\"\") }",
    "{ a(x: \"\"\"\n  a\n   b\n\"\"\") }",
    "{ a(x: \"\"\"\n  x\n\t\ty\n\"\"\") }",
    "{ veryLongFieldName(argumentNumberOne: \"some value\", argumentNumberTwo: \"some other value\") }",
    "{ f(a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8, i: 9, j: 10, k: 11, l: 12, m: 13, n: 14) { x } }",
    "{ alias: f(a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8, i: 9, j: 10, k: 11, l: 123) }",
    "{ f(a: {nested: {deep: \"values that are long enough to wrap the line at eighty\"}}) @d }",
    "# comment only before\n{ a # trailing comment\n b }",
    "\ufeff{ a }",
    "{ a }\r\n{ b }",
    "query A { a } query B { b } fragment C on D { e }",
    "schema { query: Q }",
    "schema @d { query: Q mutation: M subscription: S }",
    "\"desc\" schema { query: Q }",
    "scalar S",
    "scalar S @specifiedBy(url: \"https://example.com\")",
    "\"Desc\" scalar S",
    "\"\"\"Block desc\"\"\" scalar S",
    "\"\"\"\nMulti\nline\n\"\"\"\nscalar S",
    "type T",
    "type T { a: Int }",
    "type T implements I { a: Int }",
    "type T implements I & J { a: Int }",
    "type T implements & I & J { a: Int }",
    "type T @d { a: Int @deprecated(reason: \"no\") }",
    "type T { a(x: Int, y: [String!]! = [\"a\"]): [[Int!]]! }",
    "type T { \"d\" a(\"e\" x: Int): Int }",
    "type T { a(\"\"\"multi\nline\"\"\" x: Int, y: Int): Int }",
    "type T { a(x: Int = 1 @d, y: Int @e): Int }",
    "type Query { flights(first: Int = 10, after: String, filter: FlightFilter, orderBy: FlightOrder = DATE_ASC): FlightConnection! }",
    "interface I",
    "interface I { a: Int }",
    "interface I implements J & K @d { a: Int }",
    "union U",
    "union U = A",
    "union U = A | B | C",
    "union U = | A | B",
    "union U @d = A",
    "\"u\" union U = A",
    "enum E",
    "enum E { A B C }",
    "enum E @d { A @deprecated B @deprecated(reason: \"x\") }",
    "enum E { \"a\" A \"\"\"b\"\"\" B }",
    "enum E { on query TRUE FALSE NULL }",
    "input I",
    "input I { a: Int }",
    "input I @oneOf { a: Int b: String }",
    "input I { a: Int = 1 @d, \"x\" b: [I!] = [{a: 1}] }",
    "directive @d on FIELD",
    "directive @d(a: Int = 1) repeatable on FIELD | QUERY",
    "directive @d on | FIELD | QUERY",
    "\"desc\" directive @d on SCHEMA",
    "directive @d(\"\"\"a\nb\"\"\" a: Int) on ENUM_VALUE",
    "directive @all on QUERY | MUTATION | SUBSCRIPTION | FIELD | FRAGMENT_DEFINITION | FRAGMENT_SPREAD | INLINE_FRAGMENT | VARIABLE_DEFINITION | SCHEMA | SCALAR | OBJECT | FIELD_DEFINITION | ARGUMENT_DEFINITION | INTERFACE | UNION | ENUM | ENUM_VALUE | INPUT_OBJECT | INPUT_FIELD_DEFINITION",
    "extend schema @d",
    "extend schema { mutation: M }",
    "extend scalar S @d",
    "extend type T implements I",
    "extend type T @d",
    "extend type T { a: Int }",
    "extend interface I implements J",
    "extend interface I @d",
    "extend interface I { a: Int }",
    "extend union U = A",
    "extend union U @d",
    "extend enum E { A }",
    "extend enum E @d",
    "extend input I { a: Int }",
    "extend input I @d",
    "type Query { a: Int } { a } fragment F on Query { a }",
    "query Q($a: Int!, $b: [String]) @d(x: $a) { a(x: $a) { ...F @include(if: $b) } }",
    "{ a(x: 0, y: 123456789012345678901234567890, z: 1.000000000000000000001) }",
    "{ a(x: \"\"\"\"\"\") }",
    "{ a(x: \"\"\"\n\"\"\") }",
    "{ a(x: \"   \") }",
    "{ a(x: \"\"\" \"\"\") }",
    "{ a(x: \"\"\"\" \"\"\") }",
    "{ a(x: \"\"\"a \"quoted\" word\"\"\") }",
]

# Documents that must fail, each exercising an error message or position.
INVALID = [
    "",
    " ",
    "# only a comment",
    "{",
    "}",
    "{ a",
    "{ a }}",
    "{ a { } }",
    "{ a( ) }",
    "{ a(x) }",
    "{ a(x:) }",
    "{ a(: 1) }",
    "{ a(x: 1 }",
    "{ ... }",
    "{ ...on }",
    "{ ... on }",
    "{ ... on T }",
    "fragment on on T { a }",
    "fragment F { a }",
    "fragment F on { a }",
    "fragment F on T",
    "query",
    "query Q",
    "query Q(",
    "query Q() { a }",
    "query Q($) { a }",
    "query Q($a) { a }",
    "query Q($a:) { a }",
    "query Q($a: Int =) { a }",
    "query Q($a: Int = $b) { a }",
    "query Q($a: Int = [$b]) { a }",
    "query Q($a: Int = {x: $b}) { a }",
    "query Q($a: Int @d(x: $b)) { a }",
    "query Q($a: Int = $) { a }",
    "query Q($a: [Int) { a }",
    "query Q($a: Int!!) { a }",
    "query Q($a: !Int) { a }",
    "querry { a }",
    "Query { a }",
    "notanoperation Foo { field }",
    "...",
    "{ a(x: 01) }",
    "{ a(x: 00) }",
    "{ a(x: -) }",
    "{ a(x: -a) }",
    "{ a(x: 1.) }",
    "{ a(x: .5) }",
    "{ a(x: 1.a) }",
    "{ a(x: 1e) }",
    "{ a(x: 1e+) }",
    "{ a(x: 1.5e) }",
    "{ a(x: 1.2.3) }",
    "{ a(x: 1a) }",
    "{ a(x: 1_000) }",
    "{ a(x: 0x10) }",
    "{ a(x: 1.0e1.0) }",
    "{ a(x: +1) }",
    "{ a(x: \"unterminated) }",
    "{ a(x: \"line\nbreak\") }",
    "{ a(x: \"line\rbreak\") }",
    "{ a(x: \"bad \\x escape\") }",
    "{ a(x: \"bad \\u12 escape\") }",
    "{ a(x: \"bad \\uXYZW escape\") }",
    "{ a(x: \"bad \\u{} escape\") }",
    "{ a(x: \"bad \\u{110000} escape\") }",
    "{ a(x: \"bad \\u{FFFFFFFF} escape\") }",
    "{ a(x: \"bad \\u{123456789} escape\") }",
    "{ a(x: \"bad \\u{12G} escape\") }",
    "{ a(x: \"bad \\u{D800} escape\") }",
    "{ a(x: \"bad \\uD800 escape\") }",
    "{ a(x: \"bad \\uDC00 escape\") }",
    "{ a(x: \"bad \\uD800\\u0041 escape\") }",
    "{ a(x: \"bad \\uD800\\uD800 escape\") }",
    "{ a(x: \"bad \\u{1F600 escape\") }",
    "{ a(x: \"end \\",
    "{ a(x: \"end \\u",
    "{ a(x: \"\"\"unterminated block) }",
    "{ a(x: \"\"\"unterminated\nblock\n",
    "{ a(x: 'single') }",
    "{ a % }",
    "{ a ? }",
    "{ a ~ }",
    "{ a . }",
    "{ a .. b }",
    "{ a ; }",
    "{ a \u0007 }",
    "{ a \u00e9 }",
    "{ a \u200b }",
    "{ a \\ }",
    "{ a ^ }",
    "{ a * }",
    "{ a < }",
    "{ a(x: \"ok\") \"\"\"description\"\"\" }",
    "\"desc\" { a }",
    "\"desc\" query { a }",
    "\"desc\" fragment F on T { a }",
    "\"desc\" extend type T @d",
    "\"desc\"",
    "schema",
    "schema {}",
    "schema { query }",
    "schema { query: }",
    "schema { foo: Q }",
    "scalar",
    "scalar 1",
    "type",
    "type T {}",
    "type T { a }",
    "type T { a: }",
    "type T { a(): Int }",
    "type T { a(x): Int }",
    "type T { a(x: Int = $v): Int }",
    "type T implements { a: Int }",
    "type T implements I & { a: Int }",
    "type T implements I, J { a: Int }",
    "interface I implements",
    "union U =",
    "union U = A |",
    "union U = A | | B",
    "union U = 1",
    "enum E {}",
    "enum E { true }",
    "enum E { false }",
    "enum E { null }",
    "enum E { 1 }",
    "input I {}",
    "input I { a }",
    "input I { a: Int = }",
    "directive",
    "directive d on FIELD",
    "directive @d",
    "directive @d on",
    "directive @d on FOO",
    "directive @d on FIELD | FOO",
    "directive @d on field",
    "directive @d repeatable",
    "directive @d() on FIELD",
    "extend",
    "extend foo",
    "extend schema",
    "extend schema {}",
    "extend scalar S",
    "extend type T",
    "extend interface I",
    "extend union U",
    "extend enum E",
    "extend input I",
    "extend directive @d on FIELD",
    "type T { a: Int } { a",
    "{ a } fragment",
    "{ a(x: [1, 2) }",
    "{ a(x: {a: 1) }",
    "{ a(x: {a 1}) }",
    "{ a(x: {1: 1}) }",
    "{ a(x: [1 2, ]]) }",
    "{ a @ }",
    "{ a @1 }",
    "{ a @d( }",
    "{ a: }",
    "{ a: 1 }",
    "{ a: b: c }",
    "{ $a }",
    "{ a(x: $) }",
    "{ a(x: $1) }",
    "{ a }\n\n\n  { b",
    "{\r\n  a\r\n  b(\r\n}",
    "{\r  a\r  b(\r}",
    "\ufeff{ a %",
    "{ a(x: \"é\") % }",
    "{ a(x: \"\"\"é\n  ü\"\"\") % }",
    "# comment é\n  %",
    "{ a(x: \"\"\"\n  \"\"\") %",
    "{ a(x: 1) b(y: \"two\", z: THREE) c(w: [4]) } }",
]

# Sources checked token by token (kind, line, column, value).
LEXER = [
    "",
    "  \t,,\n  a",
    "\ufeff foo",
    "foo bar_baz _1 A9",
    "! $ & ( ) ... : = @ [ ] { | }",
    "0 -0 1 -1 123 4.5 -4.5 0.1 1e1 1E1 1e+1 1e-1 1.5e10 -1.23e-4",
    "\"\" \"simple\" \" white space \" \"quote \\\"\" \"escaped \\n\\r\\b\\t\\f\" \"slashes \\\\ \\/\"",
    "\"unicode \\u1234\\u5678\\u90AB\\uCDEF\" \"\\u{1234}\\u{0}\\u{10FFFF}\" \"\\uD83D\\uDE00\"",
    "\"\"\"\"\"\" \"\"\"simple\"\"\" \"\"\" white space \"\"\" \"\"\"contains \" quote\"\"\"",
    "\"\"\"contains \\\"\"\" triple quote\"\"\" \"\"\"multi\nline\"\"\" \"\"\"multi\rline\r\nnormalized\"\"\"",
    "\"\"\"unescaped \\n\\r\\b\\t\\f\\u1234\"\"\" \"\"\"slashes \\\\ \\/\"\"\"",
    "\"\"\"\n\n        spans\n          multiple\n            lines\n\n        \"\"\" after",
    "a # comment\nb # another\r\nc\rd",
    "\n\n  \"\"\"\n  block\n  \"\"\"\n  next",
    "{\n  a(x: \"\"\"\n    one\n    two\"\"\") b\n}",
    "a\r\n\r\nb\n\rc",
    "...x ...{ }",
]


def js_token_desc(desc):
    """graphql-core's `'{'` / `Name 'x'` token descriptions as graphql-js's `"{"` / `Name "x"`."""
    match = re.fullmatch(r"'(.*)'", desc, re.S)
    if match:
        return f'"{match[1]}"'
    match = re.fullmatch(r"(Name|Int|Float|String|BlockString) '(.*)'", desc, re.S)
    if match:
        return f'{match[1]} "{match[2]}"'
    return desc


def js_message(message):
    """A graphql-core syntax error message in graphql-js 16's exact wording."""
    rules = [
        (r"(Syntax Error: Unexpected variable )'(.*)'( in constant value\.)", lambda m: f'{m[1]}"{m[2]}"{m[3]}'),
        (r"(Syntax Error: (?:Unexpected character|Invalid character|Invalid number, expected digit but got"
         r"|Invalid number, unexpected digit after 0|Invalid character within String)): '([^\"])'\.",
         lambda m: f'{m[1]}: "{m[2]}".'),
        (r"(Syntax Error: Invalid (?:Unicode|character) escape sequence): '(.*)'\.", lambda m: f'{m[1]}: "{m[2]}".'),
        (r"Syntax Error: Expected (.*?), found (.*)\.",
         lambda m: f"Syntax Error: Expected {js_token_desc(m[1])}, found {js_token_desc(m[2])}."),
        (r"Syntax Error: (.*) is reserved and cannot be used for an enum value\.",
         lambda m: f"Syntax Error: {js_token_desc(m[1])} is reserved and cannot be used for an enum value."),
        (r"Syntax Error: Unexpected ((?!character|single quote|description|variable).*)\.",
         lambda m: f"Syntax Error: Unexpected {js_token_desc(m[1])}."),
    ]
    for pattern, replace in rules:
        match = re.fullmatch(pattern, message, re.S)
        if match:
            return replace(match)
    return message


def js_location(body, position):
    """graphql-js `getLocation`: lines split at \\r\\n, \\n or \\r; columns in UTF-16 code units."""
    line, line_start = 1, 0
    for match in re.finditer(r"\r\n|[\n\r]", body):
        if match.start() >= position:
            break
        line, line_start = line + 1, match.end()
    return line, len(body[line_start:position].encode("utf-16-le")) // 2 + 1


def error_of(exc: GraphQLSyntaxError):
    line, column = js_location(exc.source.body, exc.positions[0])
    message = js_message(exc.message)
    # graphql-js reads `\u{...}` digits into a 32-bit integer (`point << 4 | digit`), which turns
    # negative at the eighth digit of `FFFFFFFF` and stops there; Python's integers never overflow,
    # so graphql-core reads on to the `}` and quotes one character more.
    message = message.replace('"\\u{FFFFFFFF}"', '"\\u{FFFFFFFF"')
    return {"message": message, "line": line, "column": column}


def case(source, max_tokens=None):
    entry = {"source": source}
    if max_tokens is not None:
        entry["maxTokens"] = max_tokens
    try:
        document = parse(source, max_tokens=max_tokens)
    except GraphQLSyntaxError as exc:
        entry["error"] = error_of(exc)
        return entry
    except IndexError:  # graphql-core reads past the end on a trailing "\\"; tested in Swift instead
        return None
    entry["printed"] = print_ast(document)
    return entry


def lexer_case(source):
    lexer = Lexer(Source(source))
    tokens = []
    try:
        while True:
            token = lexer.advance()
            tokens.append([token.kind.value, token.line, token.column, token.value])
            if token.kind == TokenKind.EOF:
                break
    except GraphQLSyntaxError as exc:
        return {"source": source, "error": error_of(exc)}
    except IndexError:
        return None
    return {"source": source, "tokens": tokens}


def token_boundaries(source):
    lexer = Lexer(Source(source))
    ends = []
    while True:
        token = lexer.advance()
        if token.kind == TokenKind.EOF:
            return ends
        ends.append(token.end)


def mutations(sources, count, seed):
    """Deterministic single-character deletions, insertions and substitutions."""
    rng = random.Random(seed)
    alphabet = "{}()[]:=@$!|&.\"#, \n0aZ_-e"
    out = []
    while len(out) < count:
        source = rng.choice(sources)
        if not source:
            continue
        index = rng.randrange(len(source))
        action = rng.randrange(3)
        if action == 0:
            mutated = source[:index] + source[index + 1:]
        elif action == 1:
            mutated = source[:index] + rng.choice(alphabet) + source[index:]
        else:
            mutated = source[:index] + rng.choice(alphabet) + source[index + 1:]
        out.append(mutated)
    return out


def main():
    cases = [case(source) for source in VALID + INVALID]
    # Every prefix of the kitchen sinks that ends on a token boundary.
    for sink in (KITCHEN_SINK, SCHEMA_KITCHEN_SINK):
        ends = token_boundaries(sink)
        for end in ends[::5]:
            cases.append(case(sink[:end]))
    # Random single-character mutations of the valid documents.
    for source in mutations(VALID, 250, seed=2026):
        cases.append(case(source))
    # Token limits.
    for limit in (1, 2, 3, 5, 10, 50):
        cases.append(case("{ a b c d e f g h i j k l m n o p }", limit))
        cases.append(case("query Q($a: Int = 1) { a(x: [1, 2, 3]) { b } }", limit))
    cases.append(case(KITCHEN_SINK, 100))
    lexer_cases = [lexer_case(source) for source in LEXER + VALID[2:60] + INVALID[40:100]]
    cases = [entry for entry in cases if entry is not None]
    lexer_cases = [entry for entry in lexer_cases if entry is not None]
    for entry in cases:
        if "printed" in entry:
            # The canonical form is a fixed point of parse-then-print.
            assert print_ast(parse(entry["printed"])) == entry["printed"], entry["source"]
    out = {"generator": "graphql-core " + graphql.__version__, "cases": cases, "lexer": lexer_cases}
    path = Path(__file__).with_name("cases.json")
    path.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n")
    errors = sum(1 for c in cases if "error" in c)
    print(f"{len(cases)} parse cases ({errors} errors), {len(lexer_cases)} lexer cases -> {path}")


if __name__ == "__main__":
    main()
