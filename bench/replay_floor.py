"""The server's floor for the replay: the same documents written by pymongo, the reference driver.

    replay_floor.py URI [COLLECTION]

Reads every document of COLLECTION (default flight_status, as `flightql replay` wrote it), then writes them into
fresh collections with the same indexes: unordered bulk ReplaceOne upserts by _id in batches of 1000 (new
documents, then the same again over existing ones, as a rerun of the replay), and insert_many. Prints one line per
figure: `NAME SECONDS`.
"""
import sys
import time

from pymongo import MongoClient, ReplaceOne

uri = sys.argv[1]
source_name = sys.argv[2] if len(sys.argv) > 2 else "flight_status"
database = MongoClient(uri).get_default_database()
source = database[source_name]
documents = list(source.find({}))
indexes = [index for index in source.list_indexes() if index["name"] != "_id_"]


def fresh(name):
    database.drop_collection(name)
    collection = database[name]
    for index in indexes:
        options = {"name": index["name"]}
        if index.get("unique"):
            options["unique"] = True
        collection.create_index(list(index["key"].items()), **options)
    return collection


def upsert_all(collection, batch=1000):
    started = time.perf_counter()
    for start in range(0, len(documents), batch):
        requests = [ReplaceOne({"_id": d["_id"]}, d, upsert=True) for d in documents[start:start + batch]]
        collection.bulk_write(requests, ordered=False)
    return time.perf_counter() - started


scratch = f"{source_name}_floor"
collection = fresh(scratch)
print(f"documents {len(documents)}")
print(f"indexes {len(indexes)}")
print(f"pymongo_upsert_new {upsert_all(collection):.2f}")
print(f"pymongo_upsert_existing {upsert_all(collection):.2f}")
collection = fresh(scratch)
started = time.perf_counter()
collection.insert_many(documents, ordered=False)
print(f"pymongo_insert_many {time.perf_counter() - started:.2f}")
database.drop_collection(scratch)
