#!/usr/bin/env bash
# The main job on the bundled example corpus: build (Release), extract a graph from
# examples/news/, print its stats, ask an exposure question, draw DOT and SVG diagrams.
# Usage: scripts/demo.sh [OUTPUT_DIR]   (default: demo-out/)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-"$root/demo-out"}
cd "$root"
source scripts/deps.sh

echo "Building corpgraph (Release) into build/ ... (log: build/demo-build.log)"
mkdir -p build
if ! { cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DCORPGRAPH_BUILD_TESTS=OFF \
         -DCORPGRAPH_BUILD_BENCH=OFF &&
       cmake --build build --target corpgraph -j"$(nproc)"; } >build/demo-build.log 2>&1; then
  tail -40 build/demo-build.log >&2
  echo "demo.sh: the build failed; the full log is build/demo-build.log" >&2
  exit 1
fi
bin="$root/build/corpgraph"

mkdir -p "$out"
db="$out/graph.db"
rm -f "$db" "$db-wal" "$db-shm"

echo
echo "== corpgraph build examples/news --db $db"
"$bin" build examples/news --db "$db"
echo
echo "== corpgraph stats"
"$bin" stats --db "$db"
echo
echo "== corpgraph query 'exposure Apple to region:\"South-eastern Asia\"'"
"$bin" query --db "$db" 'exposure Apple to region:"South-eastern Asia"'
echo
echo "== corpgraph query 'exposure Nvidia to region:Europe'"
"$bin" query --db "$db" 'exposure Nvidia to region:Europe'
echo
"$bin" export --db "$db" --format dot -o "$out/apple.dot" --force --focus Apple --hops 2
"$bin" export --db "$db" --format svg -o "$out/apple.svg" --force --focus Apple --hops 2
"$bin" export --db "$db" --format svg -o "$out/exposure.svg" --force \
  --query 'exposure Apple to region:"South-eastern Asia"'
echo
echo "Wrote:"
echo "  $out/graph.db       the graph (SQLite); try: $bin repl --db $out/graph.db"
echo "  $out/apple.dot      Apple's two-hop neighbourhood as GraphViz DOT"
echo "  $out/apple.svg      the same, rendered"
echo "  $out/exposure.svg   the exposure answer's paths, rendered"
