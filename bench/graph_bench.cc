// Graph open: a store with R relations (100k, 1M; 10M with
// CORPGRAPH_BENCH_LARGE=1) written through Store::PutDocument with synthetic
// Extractions, then Graph::Load timed on it. Reported: load time, adjacency
// bytes per relation (Graph::IndexBytes() / num_relations) and peak RSS.
//
// The stores are cached in the scratch folder (bench_util.h) under a name that
// carries R and a layout version, so only the first run pays for writing them.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <numeric>
#include <random>

#include "bench/bench_util.h"
#include "graph/graph.h"
#include "graph/store.h"

namespace corpgraph::bench {
namespace {

constexpr int kStoreLayoutVersion = 1;  // bump when the synthetic store changes
constexpr int kFactsPerDocument = 1000;
constexpr RelationType kTypes[] = {RelationType::kPartnerOf,    RelationType::kSupplies,
                                   RelationType::kInvestsIn,    RelationType::kSubsidiaryOf,
                                   RelationType::kCompetesWith, RelationType::kAcquires};

std::string OrgId(uint64_t index) {
  char id[32];
  std::snprintf(id, sizeof(id), "org:syn-%07llu", static_cast<unsigned long long>(index));
  return id;
}

// Writes `relations` relations among relations/4 organisations: vertex j of a
// random permutation is linked to the next 4 vertices of that permutation, so
// every pair is unique and degrees are even (8 on average) while ids look random.
Status WriteStore(const std::string& path, uint64_t relations) {
  ASSIGN_OR_RETURN(std::unique_ptr<graph::Store> store,
                   graph::Store::Open(path, graph::OpenMode::kReadWrite));
  const uint64_t num_entities = std::max<uint64_t>(16, relations / 4);
  std::vector<uint64_t> perm(num_entities);
  std::iota(perm.begin(), perm.end(), 0);
  std::mt19937_64 rng(kBenchSeed);
  for (uint64_t i = num_entities - 1; i > 0; --i) std::swap(perm[i], perm[rng() % (i + 1)]);

  uint64_t written = 0;
  uint64_t doc_index = 0;
  RETURN_IF_ERROR(store->BeginBatch());
  while (written < relations) {
    Document doc;
    doc.id = "syn-doc-" + std::to_string(doc_index++);
    doc.date = "2024-01-01";
    doc.title = "synthetic";
    Extraction extraction;
    for (int f = 0; f < kFactsPerDocument && written < relations; ++f, ++written) {
      const uint64_t j = written % num_entities;
      const uint64_t k = written / num_entities;  // 0..3
      const uint64_t s = perm[j];
      const uint64_t o = perm[(j + 1 + k) % num_entities];
      Fact fact;
      fact.subject = {.id = OrgId(s), .name = "Syn " + std::to_string(s)};
      fact.object = {.id = OrgId(o), .name = "Syn " + std::to_string(o)};
      fact.relation = kTypes[(s + o) % std::size(kTypes)];
      fact.confidence = 0.5 + static_cast<double>((s * 31 + o) % 45) / 100.0;
      fact.evidence.doc_id = doc.id;
      fact.evidence.sentence = fact.subject.name + " works with " + fact.object.name + ".";
      fact.evidence.sentence_span = {0, static_cast<uint32_t>(fact.evidence.sentence.size())};
      fact.evidence.rule = "synthetic";
      fact.evidence.confidence = fact.confidence;
      fact.evidence.date = doc.date;
      extraction.facts.push_back(std::move(fact));
    }
    RETURN_IF_ERROR(store->PutDocument(doc, extraction));
    if (doc_index % 100 == 0) {
      RETURN_IF_ERROR(store->CommitBatch());
      RETURN_IF_ERROR(store->BeginBatch());
    }
  }
  RETURN_IF_ERROR(store->CommitBatch());
  return store->SetMetadata("bench_relations", std::to_string(relations));
}

// The cached store with `relations` relations, written if missing.
Result<std::string> EnsureStore(uint64_t relations) {
  const std::filesystem::path path = BenchDir() / ("graph-" + std::to_string(relations) + "-v" +
                                                   std::to_string(kStoreLayoutVersion) + ".db");
  std::error_code error;
  if (std::filesystem::exists(path, error)) {
    Result<std::unique_ptr<graph::Store>> store =
        graph::Store::Open(path.string(), graph::OpenMode::kReadOnly);
    if (store.ok()) {
      Result<std::optional<std::string>> done = (*store)->GetMetadata("bench_relations");
      if (done.ok() && *done == std::to_string(relations)) return path.string();
    }
  }
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::filesystem::remove(path.string() + suffix, error);
  }
  const auto start = std::chrono::steady_clock::now();
  RETURN_IF_ERROR(WriteStore(path.string(), relations));
  std::cerr << "graph_bench: wrote " << path.string() << " in "
            << std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()
            << " s\n";
  return path.string();
}

void BM_GraphLoad(benchmark::State& state) {
  const uint64_t relations = static_cast<uint64_t>(state.range(0));
  Result<std::string> path = EnsureStore(relations);
  if (!path.ok()) return state.SkipWithError(path.status().ToString().c_str());
  Result<std::unique_ptr<graph::Store>> store =
      graph::Store::Open(*path, graph::OpenMode::kReadOnly);
  if (!store.ok()) return state.SkipWithError(store.status().ToString().c_str());
  size_t index_bytes = 0;
  size_t num_relations = 0;
  size_t num_vertices = 0;
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    Result<std::unique_ptr<graph::Graph>> graph = graph::Graph::Load(**store);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!graph.ok()) return state.SkipWithError(graph.status().ToString().c_str());
    state.SetIterationTime(seconds);
    index_bytes = (*graph)->IndexBytes();
    num_relations = (*graph)->num_relations();
    num_vertices = (*graph)->num_vertices();
    state.PauseTiming();
    graph->reset();  // freeing is not part of opening
    state.ResumeTiming();
  }
  state.counters["relations"] = static_cast<double>(num_relations);
  state.counters["vertices"] = static_cast<double>(num_vertices);
  state.counters["index_bytes_per_edge"] =
      num_relations == 0 ? 0.0 : static_cast<double>(index_bytes) / num_relations;
  state.counters["peak_rss_MB"] = PeakRssMb();
}

void GraphLoadArgs(benchmark::internal::Benchmark* b) {
  b->Arg(100'000)->Arg(1'000'000);
  if (LargeEnabled()) b->Arg(10'000'000);
}

BENCHMARK(BM_GraphLoad)
    ->Apply(GraphLoadArgs)
    ->ArgName("relations")
    ->UseManualTime()
    ->Iterations(3)
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace corpgraph::bench
