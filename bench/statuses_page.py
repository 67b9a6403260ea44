"""What `statuses` adds to a page of flights (issue 5: at most 2x the page without it).

    statuses_page.py URL [REQUESTS] [FROM]

Sends the same page of 100 flights departing from FROM (default 2013-07-15T12:00:00Z) to the running server at URL
(`http://127.0.0.1:PORT/graphql`), with and without `statuses { state departure { delay } }`, one request at a time,
alternating the two so a change of load falls on both. The statuses must have been replayed into the server's MongoDB
(`flightql replay` of the window). Prints the median latency of each in ms and their ratio, after checking that every
flight of the page has a status.
"""
import json
import statistics
import sys
import time
import urllib.request

url = sys.argv[1]
requests = int(sys.argv[2]) if len(sys.argv) > 2 else 200
start = sys.argv[3] if len(sys.argv) > 3 else "2013-07-15T12:00:00Z"
page = f'flights(filter: {{from: "{start}"}}, first: 100)'
queries = {
    "without": f"{{ {page} {{ nodes {{ id flightNumber carrier {{ name }} }} }} }}",
    "with": f"{{ {page} {{ nodes {{ id flightNumber carrier {{ name }} statuses {{ state departure {{ delay }} }} }} }} }}",
}


def post(query):
    request = urllib.request.Request(
        url, data=json.dumps({"query": query}).encode(), headers={"Content-Type": "application/json"}
    )
    started = time.perf_counter()
    with urllib.request.urlopen(request) as response:
        body = json.loads(response.read())
    return time.perf_counter() - started, body


_, body = post(queries["with"])
nodes = body["data"]["flights"]["nodes"]
assert "errors" not in body and len(nodes) == 100, body
missing = sum(1 for node in nodes if not node["statuses"])
assert missing == 0, f"{missing} of 100 flights have no status: replay the window first"

for query in queries.values():
    for _ in range(20):
        post(query)
times = {name: [] for name in queries}
for _ in range(requests):
    for name, query in queries.items():
        times[name].append(post(query)[0] * 1000)
median = {name: statistics.median(values) for name, values in times.items()}
print(f"page_without_ms {median['without']:.2f}")
print(f"page_with_statuses_ms {median['with']:.2f}")
print(f"ratio {median['with'] / median['without']:.2f}")
