// bench/bench_util.h — shared helpers for corpgraph_bench: cached generated
// corpora, the scratch folder, environment switches, peak RSS and percentiles.
//
//   const std::vector<Document>& docs = BenchCorpus(8ull << 20);
//   if (!CorpusIsDeterministic()) state.SkipWithError("generator is not deterministic");
//   state.counters["p99_us"] = Percentile(latencies_us, 0.99);
//
// BenchCorpus and BenchDir cache process-wide and are not thread-safe: call
// them from the benchmark's main thread (Google Benchmark runs one at a time).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "common/records.h"

namespace corpgraph::bench {

inline constexpr uint64_t kBenchSeed = 42;

// About `text_bytes` of generated documents (seed kBenchSeed), cached per size.
const std::vector<Document>& BenchCorpus(uint64_t text_bytes);
// Total text bytes of `docs`.
uint64_t TextBytes(const std::vector<Document>& docs);

// Generates a 256 KB corpus twice with the same seed and compares hashes; the
// answer is computed once. Also false if the generator cannot be created.
bool CorpusIsDeterministic();

// The scratch folder: $CORPGRAPH_BENCH_DIR, else <tmp>/corpgraph-bench. Created
// on first use; generated stores are cached there between runs.
std::filesystem::path BenchDir();

// True when CORPGRAPH_BENCH_LARGE=1 (10M relations, 1M-entity query graph).
bool LargeEnabled();
// An integer from the environment, or `fallback` if unset or not a number.
uint64_t EnvOr(const char* name, uint64_t fallback);

// Peak resident set size of this process so far, in MB (getrusage).
double PeakRssMb();

// The q-quantile (0..1) of `values` by nearest rank; sorts `values`. 0 if empty.
double Percentile(std::vector<double>& values, double q);

}  // namespace corpgraph::bench
