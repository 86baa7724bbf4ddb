// corpgraph_bench — Google Benchmark main, plus the --build-child mode used by
// build_bench.cc (see build_bench.h).
#include <benchmark/benchmark.h>

#include <cstring>

#include "bench/build_bench.h"

int main(int argc, char** argv) {
  if (argc == 5 && std::strcmp(argv[1], "--build-child") == 0) {
    return corpgraph::bench::RunBuildChild(argv[2], argv[3], argv[4]);
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
