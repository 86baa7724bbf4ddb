#!/usr/bin/python3
"""Prints the exposure comparison table from corpgraph_bench's JSON output and
compare_python.py's JSON (bench/compare_queries.sh runs all three).

  /usr/bin/python3 bench/compare_report.py cpp.json python.json

Each row: p50/p99 of wall time and of thread CPU time per query, in microseconds, and
the CPU-time ratios to BM_ExposureQuery (CPU time moves less than wall time on a shared
machine). python.json may be missing or empty (C++ rows only).
"""
import json
import os
import sys


def main():
    cpp = json.load(open(sys.argv[1]))
    py = {}
    if len(sys.argv) > 2 and os.path.exists(sys.argv[2]) and os.path.getsize(sys.argv[2]) > 0:
        py = json.load(open(sys.argv[2]))
    rows = {}
    for b in cpp["benchmarks"]:
        name = b["name"].split("/")[0]
        rows[name] = [b.get(k, 0.0) for k in ("p50_us", "p99_us", "cpu_p50_us", "cpu_p99_us")]
    for lib in ("igraph", "networkx"):
        if lib in py:
            r = py[lib]
            rows["%s %s (python3)" % (lib, r.get("version", ""))] = [
                r["p50_us"], r["p99_us"], r.get("cpu_p50_us", 0.0), r.get("cpu_p99_us", 0.0)]
    base = rows.get("BM_ExposureQuery")
    if py:
        print("graph: %s vertices, %s walkable edges, %s subjects"
              % (py["vertices"], py["walkable_edges"], py["subjects"]))
    print("%-34s %10s %10s %10s %10s %12s %12s" % ("", "p50 wall", "p99 wall", "p50 CPU",
                                                   "p99 CPU", "p50 CPU/expo", "p99 CPU/expo"))
    for name, (p50, p99, c50, c99) in rows.items():
        r50 = "%.2fx" % (c50 / base[2]) if base and base[2] else "-"
        r99 = "%.2fx" % (c99 / base[3]) if base and base[3] else "-"
        print("%-34s %10.1f %10.1f %10.1f %10.1f %12s %12s" % (name, p50, p99, c50, c99, r50, r99))


if __name__ == "__main__":
    main()
