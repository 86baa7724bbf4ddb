// Build throughput: ingest::Build of a generated JSONL corpus (20 MB by
// default, CORPGRAPH_BENCH_BUILD_MB to change) into a fresh SQLite database in
// the scratch folder, with 1 and 2 extraction jobs. Each build runs in a child
// process (build_bench.h); reported: MB/s of input, documents/s, the database
// size over the input size, and the child's peak RSS.
#include "bench/build_bench.h"

#include <benchmark/benchmark.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "bench/bench_util.h"
#include "bench/corpus_gen.h"
#include "extract/extractor.h"
#include "graph/store.h"
#include "ingest/pipeline.h"

namespace corpgraph::bench {

int RunBuildChild(const char* corpus, const char* db, const char* jobs) {
  Result<std::unique_ptr<extract::Extractor>> extractor = extract::Extractor::Create({});
  if (!extractor.ok()) {
    std::cerr << "build child: " << extractor.status().ToString() << "\n";
    return 1;
  }
  Result<std::unique_ptr<graph::Store>> store = graph::Store::Open(db, graph::OpenMode::kReadWrite);
  if (!store.ok()) {
    std::cerr << "build child: " << store.status().ToString() << "\n";
    return 1;
  }
  ingest::BuildOptions options;
  options.jobs = std::atoi(jobs);
  options.progress = ingest::ProgressMode::kNone;
  const auto start = std::chrono::steady_clock::now();
  Result<ingest::BuildSummary> summary = ingest::Build({corpus}, **extractor, **store, options);
  store->reset();  // closing checkpoints the WAL: part of what a build costs
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!summary.ok()) {
    std::cerr << "build child: " << summary.status().ToString() << "\n";
    return 1;
  }
  std::cout << seconds << " " << summary->documents_read << " " << summary->bytes << " "
            << summary->failed << " " << summary->relations << "\n";
  return 0;
}

namespace {

struct ChildResult {
  bool ok = false;
  std::string error;
  double seconds = 0;
  uint64_t documents = 0, bytes = 0, failed = 0;
  int64_t relations = 0;
  double peak_rss_mb = 0;
};

ChildResult RunChild(const std::string& corpus, const std::string& db, int jobs) {
  ChildResult result;
  int fds[2];
  if (pipe(fds) != 0) {
    result.error = "pipe failed";
    return result;
  }
  const std::string jobs_text = std::to_string(jobs);
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(fds[1], STDOUT_FILENO);
    close(fds[0]);
    close(fds[1]);
    execl("/proc/self/exe", "corpgraph_bench", "--build-child", corpus.c_str(), db.c_str(),
          jobs_text.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  close(fds[1]);
  if (pid < 0) {
    close(fds[0]);
    result.error = "fork failed";
    return result;
  }
  std::string output;
  char buffer[256];
  ssize_t n;
  while ((n = read(fds[0], buffer, sizeof(buffer))) > 0) output.append(buffer, n);
  close(fds[0]);
  int wstatus = 0;
  rusage usage{};
  wait4(pid, &wstatus, 0, &usage);
  if (!WIFEXITED(wstatus) || WEXITSTATUS(wstatus) != 0) {
    result.error = "build child failed (see stderr)";
    return result;
  }
  std::istringstream in(output);
  in >> result.seconds >> result.documents >> result.bytes >> result.failed >> result.relations;
  if (!in) {
    result.error = "build child: unreadable result '" + output + "'";
    return result;
  }
  result.peak_rss_mb = static_cast<double>(usage.ru_maxrss) / 1024.0;
  result.ok = true;
  return result;
}

// The JSONL corpus file, written once per size (and kept for the next run).
std::string BuildCorpusPath(uint64_t megabytes) {
  const std::filesystem::path path =
      BenchDir() / ("corpus-" + std::to_string(megabytes) + "mb-seed42.jsonl");
  std::error_code error;
  if (std::filesystem::exists(path, error) &&
      std::filesystem::file_size(path, error) >= (megabytes << 20)) {
    return path.string();
  }
  Result<CorpusGenerator> gen = CorpusGenerator::Create({.seed = kBenchSeed});
  if (!gen.ok()) return "";
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!gen->WriteJsonl(out, megabytes << 20).ok()) return "";
  return path.string();
}

uint64_t FileSizeOr0(const std::filesystem::path& path) {
  std::error_code error;
  const uintmax_t size = std::filesystem::file_size(path, error);
  return error ? 0 : size;
}

void BM_Build(benchmark::State& state) {
  if (!CorpusIsDeterministic()) return state.SkipWithError("corpus generator is not deterministic");
  const uint64_t megabytes = EnvOr("CORPGRAPH_BENCH_BUILD_MB", 20);
  const std::string corpus = BuildCorpusPath(megabytes);
  if (corpus.empty()) return state.SkipWithError("cannot write the corpus file");
  const int jobs = static_cast<int>(state.range(0));
  const std::filesystem::path db = BenchDir() / ("build-j" + std::to_string(jobs) + ".db");
  ChildResult last;
  for (auto _ : state) {
    std::error_code error;
    for (const char* suffix : {"", "-wal", "-shm"}) {
      std::filesystem::remove(db.string() + suffix, error);
    }
    last = RunChild(corpus, db.string(), jobs);
    if (!last.ok) return state.SkipWithError(last.error.c_str());
    state.SetIterationTime(last.seconds);
  }
  const uint64_t input_bytes = FileSizeOr0(corpus);
  const uint64_t db_bytes = FileSizeOr0(db) + FileSizeOr0(db.string() + "-wal");
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * input_bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * last.documents));
  state.counters["input_MB"] = static_cast<double>(input_bytes) / (1 << 20);
  state.counters["db_over_input"] = static_cast<double>(db_bytes) / input_bytes;
  state.counters["peak_rss_MB"] = last.peak_rss_mb;
  state.counters["relations"] = static_cast<double>(last.relations);
  state.counters["failed_docs"] = static_cast<double>(last.failed);
}

BENCHMARK(BM_Build)->Arg(1)->Arg(2)->ArgName("jobs")->Iterations(1)->UseManualTime()->Unit(
    benchmark::kSecond);

// Store::EvidenceFor(key, 1), what an exposure answer costs per hop with a
// store attached, cycling through the relations of a built database:
// CORPGRAPH_BENCH_EVIDENCE_DB, else BM_Build/jobs:2's database (skipped when
// neither exists). The file is opened read-only (an older schema is migrated
// first, so use a copy to compare versions).
void BM_EvidenceFor(benchmark::State& state) {
  const char* env = std::getenv("CORPGRAPH_BENCH_EVIDENCE_DB");
  const std::string db = env != nullptr ? env : (BenchDir() / "build-j2.db").string();
  if (FileSizeOr0(db) == 0) return state.SkipWithError("no database (run BM_Build/jobs:2 first)");
  Result<std::unique_ptr<graph::Store>> store = graph::Store::Open(db, graph::OpenMode::kReadOnly);
  if (!store.ok()) return state.SkipWithError(store.status().ToString().c_str());
  Result<int64_t> max_key = (*store)->MaxRelationKey();
  if (!max_key.ok() || *max_key <= 0) return state.SkipWithError("no relations");
  int64_t key = 1;
  int64_t found = 0;
  for (auto _ : state) {
    Result<std::vector<graph::EvidenceRecord>> evidence = (*store)->EvidenceFor(key, 1);
    if (!evidence.ok()) return state.SkipWithError(evidence.status().ToString().c_str());
    found += static_cast<int64_t>(evidence->size());
    benchmark::DoNotOptimize(evidence->data());
    // A stride coprime with most key counts, so that pages are not all cached.
    key = (key + 7919) % *max_key + 1;
  }
  state.counters["relations"] = static_cast<double>(*max_key);
  state.counters["hit_rate"] = static_cast<double>(found) / static_cast<double>(state.iterations());
}

BENCHMARK(BM_EvidenceFor)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace corpgraph::bench
