// Graph open: a store with R relations (100k, 1M, 10M; the 10M store takes
// about a minute and 700 MB of disk to write once, and ~2 GB of RAM to open)
// among R/4 organisations, then Graph::Load timed on it. Reported: open
// time, adjacency bytes per relation (Graph::IndexBytes() / num_relations),
// the compact relation columns per relation, and peak RSS. BM_GraphLoad scans
// the tables (LoadOptions::use_image = false); BM_GraphLoadFromImage opens the
// same store from its graph image (schema v5), written into the cached file by
// Graph::RefreshImage on first use.
//
// The stores are written with bulk SQL straight into the schema (no evidence:
// Graph::Load reads entities, aliases and relations only) and cached in the
// scratch folder (bench_util.h) under a name that carries R and a layout
// version, so only the first run pays for writing them.
#include <benchmark/benchmark.h>
#include <sqlite3.h>
#include <time.h>

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

constexpr int kStoreLayoutVersion = 2;  // bump when the synthetic store or the schema changes
constexpr RelationType kTypes[] = {RelationType::kPartnerOf,    RelationType::kSupplies,
                                   RelationType::kInvestsIn,    RelationType::kSubsidiaryOf,
                                   RelationType::kCompetesWith, RelationType::kAcquires};

std::string OrgId(uint64_t index) {
  char id[32];
  std::snprintf(id, sizeof(id), "org:syn-%07llu", static_cast<unsigned long long>(index));
  return id;
}

// Runs `sql` on `db`, or says why not.
Status Exec(sqlite3* db, const std::string& sql) {
  char* error = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error) == SQLITE_OK) return Status::Ok();
  std::string message = error != nullptr ? error : "unknown error";
  sqlite3_free(error);
  return InternalError("graph_bench: " + sql.substr(0, 60) + ": " + message);
}

// Writes `relations` relations among relations/4 organisations: vertex j of a
// random permutation is linked to the next 4 vertices of that permutation, so
// every pair is unique and degrees are even (8 on average) while ids look random.
// The schema comes from Store::Open; rows go in with prepared INSERTs in one
// transaction (what PutDocument would write, minus evidence).
Status WriteStore(const std::string& path, uint64_t relations) {
  {
    ASSIGN_OR_RETURN(std::unique_ptr<graph::Store> store,
                     graph::Store::Open(path, graph::OpenMode::kReadWrite));
  }
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) {
    sqlite3_close(db);
    return IOError(path + ": cannot open for bulk writing");
  }
  // The generation triggers are for foreign writers; this one is ours and
  // bumps the generation once at the end, as a Store commit would.
  sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, nullptr);
  auto run = [&]() -> Status {
    RETURN_IF_ERROR(Exec(db, "PRAGMA synchronous = OFF; PRAGMA cache_size = -262144; BEGIN"));
    std::vector<int64_t> type_keys;
    for (RelationType type : kTypes) {
      RETURN_IF_ERROR(Exec(db, "INSERT INTO vocabulary(domain, name) VALUES ('relation_type', '" +
                                   std::string(RelationTypeName(type)) + "')"));
      type_keys.push_back(sqlite3_last_insert_rowid(db));
    }
    RETURN_IF_ERROR(
        Exec(db, "INSERT INTO vocabulary(domain, name) VALUES ('modality', 'asserted')"));
    const int64_t asserted = sqlite3_last_insert_rowid(db);

    const uint64_t num_entities = std::max<uint64_t>(16, relations / 4);
    sqlite3_stmt* entity = nullptr;
    sqlite3_prepare_v2(db,
                       "INSERT INTO entities(key, id, name, type) "
                       "VALUES (?1, ?2, ?3, 'organization')",
                       -1, &entity, nullptr);
    for (uint64_t i = 0; i < num_entities; ++i) {
      const std::string id = OrgId(i);
      const std::string name = "Syn " + std::to_string(i);
      sqlite3_bind_int64(entity, 1, static_cast<int64_t>(i) + 1);
      sqlite3_bind_text(entity, 2, id.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(entity, 3, name.c_str(), -1, SQLITE_TRANSIENT);
      if (sqlite3_step(entity) != SQLITE_DONE) break;
      sqlite3_reset(entity);
    }
    sqlite3_finalize(entity);
    // Every synthetic entity counts one mention (schema v8: a row of its own).
    RETURN_IF_ERROR(Exec(db,
                         "INSERT INTO entity_counts(entity_key, mentions) "
                         "SELECT key, 1 FROM entities WHERE taxonomy = 0"));

    std::vector<uint64_t> perm(num_entities);
    std::iota(perm.begin(), perm.end(), 0);
    std::mt19937_64 rng(kBenchSeed);
    for (uint64_t i = num_entities - 1; i > 0; --i) std::swap(perm[i], perm[rng() % (i + 1)]);
    sqlite3_stmt* relation = nullptr;
    sqlite3_prepare_v2(db,
                       "INSERT INTO relations(subject_key, type, object_key, modality, strength, "
                       "evidence_count, first_seen, last_seen) "
                       "VALUES (?1, ?2, ?3, ?4, ?5, 1, '2024-01-01', '2024-01-01')",
                       -1, &relation, nullptr);
    for (uint64_t written = 0; written < relations; ++written) {
      const uint64_t j = written % num_entities;
      const uint64_t k = written / num_entities;  // 0..3
      const uint64_t s = perm[j];
      const uint64_t o = perm[(j + 1 + k) % num_entities];
      sqlite3_bind_int64(relation, 1, static_cast<int64_t>(s) + 1);
      sqlite3_bind_int64(relation, 2, type_keys[(s + o) % type_keys.size()]);
      sqlite3_bind_int64(relation, 3, static_cast<int64_t>(o) + 1);
      sqlite3_bind_int64(relation, 4, asserted);
      sqlite3_bind_double(relation, 5, 0.5 + static_cast<double>((s * 31 + o) % 45) / 100.0);
      if (sqlite3_step(relation) != SQLITE_DONE) {
        sqlite3_finalize(relation);
        return InternalError(std::string("graph_bench: inserting a relation: ") +
                             sqlite3_errmsg(db));
      }
      sqlite3_reset(relation);
    }
    sqlite3_finalize(relation);
    RETURN_IF_ERROR(Exec(db, "INSERT INTO metadata(key, value) VALUES ('bench_relations', '" +
                                 std::to_string(relations) + "')"));
    RETURN_IF_ERROR(Exec(db,
                         "UPDATE metadata SET value = CAST(value AS INTEGER) + 1 "
                         "WHERE key = 'generation'"));
    return Exec(db, "COMMIT");
  };
  Status status = run();
  sqlite3_close(db);
  return status;
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

double ThreadCpuSeconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

// The bytes of the store's graph image (0 if none), read with plain SQLite.
double ImageBytes(const std::string& path) {
  sqlite3* db = nullptr;
  double bytes = 0;
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK &&
      sqlite3_prepare_v2(db, "SELECT coalesce(sum(length(data)), 0) FROM graph_image", -1,
                         &statement, nullptr) == SQLITE_OK &&
      sqlite3_step(statement) == SQLITE_ROW) {
    bytes = sqlite3_column_double(statement, 0);
  }
  sqlite3_finalize(statement);
  sqlite3_close(db);
  return bytes;
}

// Graph::Load of the cached R-relation store, the image used or not.
void RunGraphLoad(benchmark::State& state, bool use_image) {
  const uint64_t relations = static_cast<uint64_t>(state.range(0));
  Result<std::string> path = EnsureStore(relations);
  if (!path.ok()) return state.SkipWithError(path.status().ToString().c_str());
  if (use_image) {
    Result<std::unique_ptr<graph::Store>> writer =
        graph::Store::Open(*path, graph::OpenMode::kReadWrite);
    if (!writer.ok()) return state.SkipWithError(writer.status().ToString().c_str());
    graph::ImageOptions always;
    always.min_relations = 0;
    const auto start = std::chrono::steady_clock::now();
    const Status refreshed = graph::Graph::RefreshImage(**writer, always);
    if (!refreshed.ok()) return state.SkipWithError(refreshed.ToString().c_str());
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (seconds > 1.0) std::cerr << "graph_bench: image refreshed in " << seconds << " s\n";
  }
  Result<std::unique_ptr<graph::Store>> store =
      graph::Store::Open(*path, graph::OpenMode::kReadOnly);
  if (!store.ok()) return state.SkipWithError(store.status().ToString().c_str());
  graph::LoadOptions options;
  options.use_image = use_image;
  size_t index_bytes = 0;
  size_t column_bytes = 0;
  size_t num_relations = 0;
  size_t num_vertices = 0;
  double calling_thread_cpu = 0;
  for (auto _ : state) {
    const double thread_cpu_start = ThreadCpuSeconds();
    const auto start = std::chrono::steady_clock::now();
    Result<std::unique_ptr<graph::Graph>> graph = graph::Graph::Load(**store, options);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    calling_thread_cpu += ThreadCpuSeconds() - thread_cpu_start;
    if (!graph.ok()) return state.SkipWithError(graph.status().ToString().c_str());
    if ((*graph)->loaded_from_image() != use_image) {
      return state.SkipWithError(use_image ? "the graph image was not used (CORPGRAPH_DEBUG=1)"
                                           : "the graph image was used");
    }
    state.SetIterationTime(seconds);
    index_bytes = (*graph)->IndexBytes();
    column_bytes = (*graph)->RelationColumnBytes();
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
  state.counters["relation_column_bytes_per_edge"] =
      num_relations == 0 ? 0.0 : static_cast<double>(column_bytes) / num_relations;
  state.counters["peak_rss_MB"] = PeakRssMb();
  // The calling thread's CPU time per load: the critical path when the
  // machine is shared (wall time then mostly measures the other processes),
  // as Load runs its entity indexes beside it on a second thread.
  state.counters["calling_thread_cpu_s"] =
      calling_thread_cpu / static_cast<double>(std::max<int64_t>(1, state.iterations()));
  std::error_code error;
  state.counters["db_MB"] = static_cast<double>(std::filesystem::file_size(*path, error)) / 1e6;
  state.counters["image_MB"] = ImageBytes(*path) / 1e6;
}

void BM_GraphLoad(benchmark::State& state) { RunGraphLoad(state, /*use_image=*/false); }

void BM_GraphLoadFromImage(benchmark::State& state) { RunGraphLoad(state, /*use_image=*/true); }

void GraphLoadArgs(benchmark::internal::Benchmark* b) {
  b->Arg(100'000)->Arg(1'000'000)->Arg(10'000'000);
}

BENCHMARK(BM_GraphLoad)
    ->Apply(GraphLoadArgs)
    ->ArgName("relations")
    ->UseManualTime()
    ->MeasureProcessCPUTime()  // Graph::Load indexes entities on a second thread
    ->Iterations(3)
    ->Unit(benchmark::kMillisecond);

BENCHMARK(BM_GraphLoadFromImage)
    ->Apply(GraphLoadArgs)
    ->ArgName("relations")
    ->UseManualTime()
    ->MeasureProcessCPUTime()  // the entity blob is parsed on a second thread
    ->Iterations(3)
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace corpgraph::bench
