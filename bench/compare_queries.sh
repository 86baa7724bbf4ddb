#!/bin/sh
# Exposure query vs. SQLite recursive CTE vs. igraph vs. networkx on the same generated
# graph (1M entities / 5M relations unless CORPGRAPH_BENCH_QUERY_ENTITIES/_RELATIONS say
# otherwise) and the same 1000 subjects; prints p50/p99 and ratios to corpgraph.
#
#   bench/compare_queries.sh [BUILD_DIR]      # BUILD_DIR: a Release build with
#                                              # -DCORPGRAPH_BUILD_BENCH=ON (default build-bench)
# Environment: CORPGRAPH_BENCH_DIR (scratch, default /tmp/corpgraph-bench),
# COMPARE_SKIP_EVIDENCE=1 to leave out the store-backed run (its first run writes a
# multi-GB store), COMPARE_PYTHON_ARGS (e.g. "--skip networkx").
# igraph/networkx come from Debian (python3-igraph, python3-networkx) and run under
# /usr/bin/python3; compare_python.py installs them with apt-get when run as root.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build-bench}
bench_dir=${CORPGRAPH_BENCH_DIR:-/tmp/corpgraph-bench}
entities=${CORPGRAPH_BENCH_QUERY_ENTITIES:-1000000}
relations=${CORPGRAPH_BENCH_QUERY_RELATIONS:-5000000}
out=$bench_dir/compare-queries
mkdir -p "$out"

filter='BM_ExposureQuery/|BM_BfsBaseline|BM_SqliteRecursiveCte'
[ "${COMPARE_SKIP_EVIDENCE:-0}" = 1 ] || filter='BM_ExposureQuery|BM_BfsBaseline|BM_SqliteRecursiveCte'
"$build/bench/corpgraph_bench" --benchmark_filter="$filter" \
  --benchmark_out="$out/cpp.json" --benchmark_out_format=json
/usr/bin/python3 "$root/bench/compare_python.py" ${COMPARE_PYTHON_ARGS:-} \
  --dir "$bench_dir/query-$entities-$relations-edges-v1" > "$out/python.json"

/usr/bin/python3 - "$out/cpp.json" "$out/python.json" <<'PY'
import json, sys
cpp = json.load(open(sys.argv[1]))
py = json.load(open(sys.argv[2]))
rows = {}
for b in cpp["benchmarks"]:
    name = b["name"].split("/")[0]
    rows[name] = (b.get("p50_us"), b.get("p99_us"), b.get("mean_us"))
for lib in ("igraph", "networkx"):
    if lib in py:
        rows[lib + " (python3)"] = (py[lib]["p50_us"], py[lib]["p99_us"], py[lib]["mean_us"])
base = rows.get("BM_ExposureQuery")
print("graph: %s vertices, %s walkable edges, %s subjects"
      % (py["vertices"], py["walkable_edges"], py["subjects"]))
print("%-30s %12s %12s %12s %10s %10s" % ("", "p50 us", "p99 us", "mean us", "p50/expo", "p99/expo"))
for name, (p50, p99, mean) in rows.items():
    r50 = "%.1fx" % (p50 / base[0]) if base and base[0] else "-"
    r99 = "%.1fx" % (p99 / base[1]) if base and base[1] else "-"
    print("%-30s %12.1f %12.1f %12.1f %10s %10s" % (name, p50, p99, mean, r50, r99))
PY
