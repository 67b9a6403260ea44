#!/usr/bin/env python3
"""Writes the fuzzer's seed corpus, fuzz/corpus/, from documents already in the repository.

Sources: fuzz/seeds/ (hand-written FlightQL requests; a NUL byte separates the document from the JSON variables),
the peers' benchmark queries (../shared/bench-peers/queries, when present), the engine tests' language, lexer and
validation fixtures, and the introspection query. File names are the SHA-1 of the contents, as libFuzzer names
its own finds, so rerunning the script is idempotent.
"""
import hashlib
import json
import pathlib

root = pathlib.Path(__file__).resolve().parent.parent
corpus = root / "fuzz" / "corpus"
corpus.mkdir(parents=True, exist_ok=True)
inputs: list[bytes] = []

for seed in sorted((root / "fuzz" / "seeds").glob("*.graphql")):
    inputs.append(seed.read_bytes())
peers = root.parent / "shared" / "bench-peers" / "queries"
for query in sorted(peers.glob("*.graphql")) if peers.is_dir() else []:
    inputs.append(query.read_bytes())
fixtures = root / "Tests" / "GraphQLEngineTests" / "Fixtures"
language = json.loads((fixtures / "language" / "cases.json").read_text())
inputs += [case["source"].encode() for case in language["cases"] + language["lexer"]]
validation = json.loads((fixtures / "validation" / "cases.json").read_text())
inputs += [case["query"].encode() for case in validation if case["schema"] == "flightql"]
# The harness schema's documents exercise every rule; on the FlightQL schema they mostly fail validation early,
# so one in four is enough to seed the rule code paths.
inputs += [case["query"].encode() for case in validation if case["schema"] != "flightql"][::4]

written = 0
for data in inputs:
    path = corpus / hashlib.sha1(data).hexdigest()
    if not path.exists():
        path.write_bytes(data)
        written += 1
print(f"fuzz/corpus: {written} new of {len(inputs)} seeds ({len(list(corpus.iterdir()))} files)")
