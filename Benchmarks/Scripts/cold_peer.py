#!/usr/bin/env python3
"""The peers of Parallax's cold-process set rows: what a careful user would script in Python.

    python3 cold_peer.py load IN.jsonl            # read, orjson.loads every line (GC off)
    python3 cold_peer.py jsonl IN.jsonl OUT SET   # + each record with "set", orjson.dumps, write
    python3 cold_peer.py csv IN.jsonl OUT SET     # + one csv.writer row per record, write

The whole process is timed by the suite, start-up included, as Parallax's is.
"""
import csv
import gc
import sys

import orjson

COLUMNS = ["set", "id", "doc", "start", "end", "exact", "prefix", "suffix", "question",
           "analyst", "stance", "confidence", "tags", "note", "created", "modified"]


def main():
    gc.disable()
    verb, source = sys.argv[1], sys.argv[2]
    with open(source, "rb") as f:
        data = f.read()
    records = [orjson.loads(line) for line in data.splitlines() if line.strip()]
    del data
    if verb == "load":
        print(len(records))
        return
    target, name = sys.argv[3], sys.argv[4]
    if verb == "jsonl":
        out = []
        for r in records:
            r["set"] = name
            out.append(orjson.dumps(r))
        with open(target, "wb") as f:
            f.write(b"\n".join(out) + b"\n")
    elif verb == "csv":
        with open(target, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(COLUMNS)
            for r in records:
                w.writerow([name, r["id"], r["doc"], r["start"], r["end"], r["exact"], r["prefix"], r["suffix"],
                            r["question"], r["analyst"], r["stance"], r.get("confidence", ""),
                            ";".join(r.get("tags", [])), r.get("note", ""), r["created"], r["modified"]])
    print(len(records))


if __name__ == "__main__":
    main()
