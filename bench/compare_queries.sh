#!/bin/sh
# Exposure query vs. SQLite recursive CTE vs. igraph vs. networkx on the same generated
# graph (1M entities / 5M relations unless CORPGRAPH_BENCH_QUERY_ENTITIES/_RELATIONS say
# otherwise) and the same 1000 subjects; prints p50/p99 and ratios to corpgraph.
#
#   bench/compare_queries.sh [BUILD_DIR]      # BUILD_DIR: a Release build with
#                                              # -DCORPGRAPH_BUILD_BENCH=ON (default build-bench)
# Environment: CORPGRAPH_BENCH_DIR (scratch, default /tmp/corpgraph-bench),
# COMPARE_SKIP_EVIDENCE=1 to leave out the store-backed run (its first run writes a
# 1.3 GB store by bulk SQL, about 4 minutes), COMPARE_PYTHON_ARGS (e.g. "--skip networkx").
# Prints wall and thread-CPU p50/p99 per query and CPU ratios to BM_ExposureQuery
# (bench/compare_report.py); the raw JSON stays in $CORPGRAPH_BENCH_DIR/compare-queries/.
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

filter='BM_ExposureQuery/|BM_ExposureParsed|BM_BfsBaseline|BM_SqliteRecursiveCte'
[ "${COMPARE_SKIP_EVIDENCE:-0}" = 1 ] || filter='BM_Exposure|BM_BfsBaseline|BM_SqliteRecursiveCte'
"$build/bench/corpgraph_bench" --benchmark_filter="$filter" \
  --benchmark_out="$out/cpp.json" --benchmark_out_format=json
/usr/bin/python3 "$root/bench/compare_python.py" ${COMPARE_PYTHON_ARGS:-} \
  --dir "$bench_dir/query-$entities-$relations-edges-v1" > "$out/python.json"
uptime
/usr/bin/python3 "$root/bench/compare_report.py" "$out/cpp.json" "$out/python.json"
