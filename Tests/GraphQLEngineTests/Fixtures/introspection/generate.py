"""Generates cases.json for IntrospectionTests: for each SDL, graphql-core's answer to the full
introspection query (every option on: descriptions, specifiedByURL, isRepeatable, schema
description, input value deprecation, isOneOf) and its print_schema output.

graphql-core 3.2 mirrors graphql-js 16 (including @oneOf and __Type.isOneOf).
Run: python3 generate.py  (needs graphql-core 3.2.8)
"""

import json
import pathlib

import graphql
from graphql import build_schema, get_introspection_query, graphql_sync, print_schema

HERE = pathlib.Path(__file__).parent
CONTRACT = HERE.parent / "validation" / "flightql.graphql"

KITCHEN_SINK = '''
"""The kitchen sink schema."""
schema {
  query: Root
  mutation: Change
}

"A custom directive."
directive @cost(
  "The cost."
  weight: Int = 1
  mode: Mode = CHEAP @deprecated(reason: "use weight")
) repeatable on FIELD_DEFINITION | OBJECT | INTERFACE

directive @tag(name: String!) on SCHEMA | SCALAR | ENUM_VALUE | INPUT_FIELD_DEFINITION | ARGUMENT_DEFINITION | UNION | QUERY

"""
A multi-line description
  with indentation.
"""
scalar Url @specifiedBy(url: "https://url.spec.whatwg.org/")

scalar Json

enum Mode {
  "Cheap."
  CHEAP
  DEAR @deprecated
  OLD @deprecated(reason: "Too old.")
}

interface Node {
  id: ID!
}

interface Resource implements Node {
  id: ID!
  url(absolute: Boolean = true): Url
}

type Page implements Resource & Node @cost(weight: 2) {
  id: ID!
  url(absolute: Boolean = true, extra: String): Url
  title: String @deprecated(reason: "Use `heading`.")
  heading(level: Int! = 1, style: Style = {bold: true, size: 1.5, tags: "a"}): String
  children(first: Int = 10, order: [Mode!] = [CHEAP, DEAR], ids: [ID] = ["1", "x", 2]): [Page!]!
  meta: Json
}

type Image implements Node {
  id: ID!
  width: Int
  ratio: Float
}

union Media = Page | Image

input Style {
  bold: Boolean = false
  size: Float
  tags: [String!]
  color: String = "black" @deprecated(reason: "Use palette.")
  nested: Style
}

"""Pick exactly one."""
input Lookup @oneOf {
  id: ID
  url: Url
}

type Root {
  node(id: ID!, lookup: Lookup): Node
  media: [Media]
  search(text: String = "", modes: [Mode] = CHEAP, limit: Int = -3, score: Float = 2, big: Float = 1e30): [Media!]
  old(arg: String @deprecated): String @deprecated(reason: "")
}

type Change {
  touch(style: Style = {}): Page
}

extend type Image {
  alt: String
}
'''

SMALL = '''
type Query {
  hello: String
}
'''

SUBSCRIPTIONS = '''
type Query { a: Int }
type Mutation { b: Int }
type Subscription { c: Int }
interface A implements B & C { x: Int }
interface B implements C { x: Int }
interface C { x: Int }
type T implements A & B & C { x: Int }
'''


def main() -> None:
    query = get_introspection_query(
        descriptions=True,
        specified_by_url=True,
        directive_is_repeatable=True,
        schema_description=True,
        input_value_deprecation=True,
        input_object_one_of=True,
    )
    cases = []
    for name, sdl in [
        ("flightql", CONTRACT.read_text()),
        ("kitchen-sink", KITCHEN_SINK),
        ("small", SMALL),
        ("interfaces", SUBSCRIPTIONS),
    ]:
        schema = build_schema(sdl)
        result = graphql_sync(schema, query)
        assert not result.errors, result.errors
        cases.append(
            {
                "name": name,
                "sdl": sdl,
                "query": query,
                "introspection": result.data,
                "printed": print_schema(schema),
            }
        )
    out = HERE / "cases.json"
    out.write_text(json.dumps({"graphqlCore": graphql.__version__, "cases": cases}, indent=1) + "\n")
    print(f"wrote {len(cases)} cases to {out}")


if __name__ == "__main__":
    main()
