#!/usr/bin/env bash
# Builds everything in Debug with AddressSanitizer and UBSan, runs every test
# through CTest, then checks formatting. Usage: scripts/test.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
source scripts/deps.sh

jobs=$(nproc)
cmake -S . -B build-debug -DCMAKE_BUILD_TYPE=Debug -DCORPGRAPH_SANITIZE=ON >/dev/null
cmake --build build-debug -j"$jobs"

# Third-party findings (GraphViz's pango plugin, font caches) are suppressed by
# library name in tests/sanitizer/; anything in our own code still fails the run.
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:suppressions=$root/tests/sanitizer/asan.supp"
export LSAN_OPTIONS="suppressions=$root/tests/sanitizer/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ctest --test-dir build-debug --output-on-failure -j"$jobs"

echo "== fuzzing (libFuzzer, ASan+UBSan): each target for ${CORPGRAPH_FUZZ_SECONDS:-30}s"
bash scripts/fuzz.sh "${CORPGRAPH_FUZZ_SECONDS:-30}"

echo "== lexicon check"
python3 scripts/check_lexicon.py

echo "== format check (clang-format, .clang-format)"
mapfile -t sources < <(git ls-files '*.h' '*.cc' 2>/dev/null || find . -name '*.h' -o -name '*.cc')
if ! clang-format --dry-run --Werror "${sources[@]}"; then
  echo "format check failed: run clang-format -i on the files above" >&2
  exit 1
fi
echo "format check passed (${#sources[@]} files)"
