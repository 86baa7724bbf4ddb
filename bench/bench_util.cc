#include "bench/bench_util.h"

#include <sys/resource.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>

#include "bench/corpus_gen.h"

namespace corpgraph::bench {

const std::vector<Document>& BenchCorpus(uint64_t text_bytes) {
  static std::map<uint64_t, std::vector<Document>> cache;
  auto it = cache.find(text_bytes);
  if (it != cache.end()) return it->second;
  std::vector<Document> docs;
  Result<CorpusGenerator> gen = CorpusGenerator::Create({.seed = kBenchSeed});
  if (gen.ok()) docs = gen->Generate(text_bytes);
  return cache.emplace(text_bytes, std::move(docs)).first->second;
}

uint64_t TextBytes(const std::vector<Document>& docs) {
  uint64_t bytes = 0;
  for (const Document& doc : docs) bytes += doc.text.size();
  return bytes;
}

bool CorpusIsDeterministic() {
  static const bool deterministic = [] {
    Result<CorpusGenerator> first = CorpusGenerator::Create({.seed = 7});
    Result<CorpusGenerator> second = CorpusGenerator::Create({.seed = 7});
    if (!first.ok() || !second.ok()) return false;
    const std::vector<Document> a = first->Generate(256 << 10);
    const std::vector<Document> b = second->Generate(256 << 10);
    return !a.empty() && CorpusHash(a) == CorpusHash(b);
  }();
  return deterministic;
}

std::filesystem::path BenchDir() {
  static const std::filesystem::path dir = [] {
    const char* env = std::getenv("CORPGRAPH_BENCH_DIR");
    std::filesystem::path path = env != nullptr && *env != '\0'
                                     ? std::filesystem::path(env)
                                     : std::filesystem::temp_directory_path() / "corpgraph-bench";
    std::error_code error;
    std::filesystem::create_directories(path, error);
    return path;
  }();
  return dir;
}

bool LargeEnabled() { return EnvOr("CORPGRAPH_BENCH_LARGE", 0) == 1; }

uint64_t EnvOr(const char* name, uint64_t fallback) {
  const char* env = std::getenv(name);
  if (env == nullptr || *env == '\0') return fallback;
  char* end = nullptr;
  const unsigned long long value = std::strtoull(env, &end, 10);
  return end != nullptr && *end == '\0' ? value : fallback;
}

double PeakRssMb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KB on Linux
}

double Percentile(std::vector<double>& values, double q) {
  if (values.empty()) return 0.0;
  std::sort(values.begin(), values.end());
  const double rank = std::ceil(q * static_cast<double>(values.size()));
  const size_t index = rank < 1 ? 0 : static_cast<size_t>(rank) - 1;
  return values[std::min(index, values.size() - 1)];
}

}  // namespace corpgraph::bench
