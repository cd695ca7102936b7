#!/usr/bin/env python3
"""The peer for load and save: what a careful user would script with orjson.

Reads a JSON Lines file, parses every line into a record with the garbage collector off,
then writes every record back with orjson.dumps (optionally fsyncing, as Parallax does).
Prints one JSON line: seconds for load and save, records, and peak memory (kB).

    python3 orjson_peer.py IN.jsonl OUT.jsonl [--fsync]
"""
import gc
import os
import resource
import sys
import time

import orjson


def main():
    source, target = sys.argv[1], sys.argv[2]
    fsync = "--fsync" in sys.argv[3:]
    gc.disable()
    t0 = time.perf_counter()
    with open(source, "rb") as f:
        data = f.read()
    records = [orjson.loads(line) for line in data.splitlines() if line.strip()]
    del data
    t1 = time.perf_counter()
    out = b"\n".join(orjson.dumps(r) for r in records) + b"\n"
    with open(target, "wb") as f:
        f.write(out)
        if fsync:
            f.flush()
            os.fsync(f.fileno())
    t2 = time.perf_counter()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(orjson.dumps({"load": t1 - t0, "save": t2 - t1, "records": len(records), "peak_kb": peak}).decode())


if __name__ == "__main__":
    main()
