#!/usr/bin/env bash
# scripts/fuzz.sh [SECONDS] — builds the libFuzzer targets (clang, ASan+UBSan) in
# build-fuzz/ and runs each for SECONDS (default 30). Exits non-zero if any target
# crashes, leaks, times out or fails to build; crashing inputs are kept in
# build-fuzz/artifacts/<target>/ (turn each into a test in tests/robustness/).
#
#   scripts/fuzz.sh 60                         # all targets, 60 s each
#   FUZZ_TARGETS="query_parser_fuzzer" scripts/fuzz.sh 10
#
# Environment: BUILD_DIR (default <root>/build-fuzz), FUZZ_TARGETS (space-separated),
# JOBS (build parallelism, default 2). Seed corpora (fuzz/corpus/<target>/) are only
# read; inputs the fuzzer finds go to BUILD_DIR/corpus/<target>/.
set -uo pipefail

SECONDS_PER_TARGET="${1:-30}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${BUILD_DIR:-$ROOT/build-fuzz}"
JOBS="${JOBS:-2}"
ALL_TARGETS="extract_fuzzer jsonl_reader_fuzzer html_reader_fuzzer query_parser_fuzzer lexicon_fuzzer rules_fuzzer"
TARGETS="${FUZZ_TARGETS:-$ALL_TARGETS}"

if ! command -v clang++ >/dev/null; then
  echo "fuzz.sh: clang++ not found (apt-get install -y clang libclang-rt-14-dev)" >&2
  exit 2
fi

CC=clang CXX=clang++ cmake -S "$ROOT" -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCORPGRAPH_FUZZ=ON -DCORPGRAPH_BUILD_TESTS=OFF -DCORPGRAPH_BUILD_BENCH=OFF >/dev/null ||
  { echo "fuzz.sh: cmake configure failed" >&2; exit 2; }
# shellcheck disable=SC2086
cmake --build "$BUILD_DIR" --target $TARGETS -j"$JOBS" ||
  { echo "fuzz.sh: build failed" >&2; exit 2; }

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

failed=()
for target in $TARGETS; do
  work="$BUILD_DIR/corpus/$target"
  artifacts="$BUILD_DIR/artifacts/$target"
  seeds="$ROOT/fuzz/corpus/$target"
  mkdir -p "$work" "$artifacts"
  log="$BUILD_DIR/$target.log"
  echo "== $target: ${SECONDS_PER_TARGET}s (log $log)"
  "$BUILD_DIR/fuzz/$target" "$work" "$seeds" \
    -max_total_time="$SECONDS_PER_TARGET" -max_len=65536 -timeout=10 -rss_limit_mb=4096 \
    -print_final_stats=1 -artifact_prefix="$artifacts/" >"$log" 2>&1
  rc=$?
  grep -E '^(#[0-9]+ *DONE|stat::number_of_executed_units)' "$log" | tail -2
  if [[ $rc -ne 0 ]]; then
    echo "!! $target failed (exit $rc); artifacts in $artifacts:" >&2
    ls "$artifacts" >&2
    grep -m1 -E 'ERROR: (AddressSanitizer|libFuzzer|UndefinedBehaviorSanitizer|LeakSanitizer)|runtime error|invariant failed' "$log" >&2
    failed+=("$target")
  fi
done

if [[ ${#failed[@]} -gt 0 ]]; then
  echo "fuzz.sh: FAILED: ${failed[*]}" >&2
  exit 1
fi
echo "fuzz.sh: all targets ran ${SECONDS_PER_TARGET}s without a crash"
