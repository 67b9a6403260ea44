#!/usr/bin/env python3
"""Property-based test of a running FlightQL server with random valid queries.

    scripts/graphql-properties.py URL [--count N] [--seed S]

Introspects the server at URL (`POST /graphql`), then sends N queries that hypothesis-graphql generates from the
introspected schema (valid by construction: every field, argument and input value exists and has its type) and checks
every response against the GraphQL and GraphQL-over-HTTP specifications:

- the HTTP status is below 500 and the body is a JSON object;
- its keys are among `data`, `errors`, `extensions`, with `data` or a non-empty `errors`;
- every error is an object with a string `message`, `locations` (when present) a non-empty list of positive
  `{line, column}`, `path` (when present) a list of strings and integers;
- when `data` is present (execution started) every error has a `path`, and `data` is null or an object keyed by
  exactly the response names of the operation's root fields.

Hypothesis shrinks the first failing query to a small one and the script prints it, the response and the broken
property, and exits 1. Otherwise it prints one summary line (statuses, responses with errors) and exits 0.
Runs inside `make test` (Tests/IntegrationTests/PropertyTests.swift) with N = 200; any N standalone.
"""
import argparse
import collections
import datetime
import json
import sys
import urllib.error
import urllib.request

import graphql
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis_graphql import nodes, queries


def post(url: str, query: str) -> tuple[int, bytes]:
    """POSTs `{"query": query}` and returns the status and the body (for 4xx and 5xx too)."""
    request = urllib.request.Request(
        url,
        data=json.dumps({"query": query}).encode(),
        headers={"Content-Type": "application/json", "Accept": "application/graphql-response+json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def introspect(url: str) -> graphql.GraphQLSchema:
    status, body = post(url, graphql.get_introspection_query())
    if status != 200:
        sys.exit(f"graphql-properties: introspection answered {status}: {body[:300]!r}")
    return graphql.build_client_schema(json.loads(body)["data"])


def root_response_names(query: str) -> list[str] | None:
    """The response names of the operation's root fields; None when directives or fragments decide them."""
    document = graphql.parse(query)
    operation = next(d for d in document.definitions if isinstance(d, graphql.OperationDefinitionNode))
    names = []
    for selection in operation.selection_set.selections:
        if not isinstance(selection, graphql.FieldNode) or selection.directives:
            return None
        names.append(selection.alias.value if selection.alias else selection.name.value)
    return names


def violation(query: str, status: int, body: bytes) -> str | None:
    """Which property the response breaks, or None."""
    if status >= 500:
        return f"status {status}"
    try:
        response = json.loads(body)
    except ValueError:
        return "the body is not JSON"
    if not isinstance(response, dict):
        return "the body is not a JSON object"
    if set(response) - {"data", "errors", "extensions"}:
        return f"unexpected top-level keys {sorted(set(response) - {'data', 'errors', 'extensions'})}"
    errors = response.get("errors")
    if "data" not in response and not errors:
        return "neither data nor errors"
    if errors is not None:
        if not isinstance(errors, list) or not errors:
            return "errors is present but not a non-empty list"
        for error in errors:
            if not isinstance(error, dict) or not isinstance(error.get("message"), str):
                return f"an error without a string message: {error!r}"
            locations = error.get("locations")
            if locations is not None and (
                not isinstance(locations, list)
                or not locations
                or not all(
                    isinstance(loc, dict)
                    and isinstance(loc.get("line"), int)
                    and isinstance(loc.get("column"), int)
                    and loc["line"] >= 1
                    and loc["column"] >= 1
                    for loc in locations
                )
            ):
                return f"malformed locations: {locations!r}"
            path = error.get("path")
            if path is not None and (
                not isinstance(path, list) or not all(isinstance(p, (str, int)) and not isinstance(p, bool) for p in path)
            ):
                return f"malformed path: {path!r}"
            if "data" in response and path is None:
                return f"a field error without a path: {error!r}"
    if "data" in response:
        data = response["data"]
        if data is not None and not isinstance(data, dict):
            return "data is neither null nor an object"
        expected = root_response_names(query)
        if isinstance(data, dict) and expected is not None and list(data) != list(dict.fromkeys(expected)):
            return f"data keys {list(data)} are not the root response names {expected}"
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url", help="the GraphQL endpoint, e.g. http://127.0.0.1:8080/graphql")
    parser.add_argument("--count", type=int, default=200, help="queries to send (default 200)")
    parser.add_argument("--seed", type=int, default=None, help="Hypothesis seed, for a repeatable run")
    arguments = parser.parse_args()

    schema = introspect(arguments.url)
    # The custom scalars' input values as FlightQL accepts them: dates of the data set's year.
    moments = st.datetimes(min_value=datetime.datetime(2013, 1, 1), max_value=datetime.datetime(2013, 12, 31, 23, 59))
    custom_scalars = {
        "DateTime": moments.map(lambda moment: nodes.String(moment.strftime("%Y-%m-%dT%H:%M:%SZ"))),
        "Date": moments.map(lambda moment: nodes.String(moment.strftime("%Y-%m-%d"))),
        "JSON": st.integers(-5, 5).map(nodes.Int),
    }
    statuses: collections.Counter[int] = collections.Counter()
    with_errors = 0
    sent = 0

    @settings(
        max_examples=arguments.count,
        deadline=None,
        database=None,
        derandomize=arguments.seed is None,
        phases=[Phase.generate, Phase.shrink],
        suppress_health_check=list(HealthCheck),
    )
    @given(query=queries(schema, custom_scalars=custom_scalars))
    def responses_follow_the_spec(query: str) -> None:
        nonlocal with_errors, sent
        status, body = post(arguments.url, query)
        sent += 1
        statuses[status] += 1
        if b'"errors"' in body:
            with_errors += 1
        broken = violation(query, status, body)
        assert broken is None, f"{broken}\nquery: {query}\nstatus {status}, body: {body[:2000]!r}"

    if arguments.seed is not None:
        responses_follow_the_spec = __import__("hypothesis").seed(arguments.seed)(responses_follow_the_spec)
    try:
        responses_follow_the_spec()
    except AssertionError as failure:
        print(f"graphql-properties: FAILED after {sent} queries: {failure}", file=sys.stderr)
        sys.exit(1)
    print(
        f"graphql-properties: {sent} queries, HTTP statuses {dict(sorted(statuses.items()))}, "
        f"{with_errors} responses with errors, every response shaped per the spec, no 5xx"
    )


if __name__ == "__main__":
    main()
