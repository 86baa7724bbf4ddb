// Exposure query latency on a synthetic graph: 1M entities / 5M relations by
// default (the size the query targets are stated for), or
// CORPGRAPH_BENCH_QUERY_ENTITIES / CORPGRAPH_BENCH_QUERY_RELATIONS. Places form
// a hierarchy (5 regions > 25 subregions > 250 countries > 2500 cities, parents
// transitive); organisations have headquarters and operations in cities or
// countries and relations among themselves. Each iteration answers
//   exposure org:q-N to region:Eastmark hops 3 top 10
// for the next of 1000 fixed random subjects; p50/p99/mean are per query in µs.
//
// Same run, same subjects, same graph:
// - BM_ExposureQuery: Engine::Run without a store, on Graph::FromRecords.
// - BM_ExposureQueryWithEvidence: the same records written to a SQLite store
//   (cached in the bench folder; the first run writes it), Graph::Load, and
//   Engine::Run with the store, so every hop of every path fetches its best
//   evidence sentence from SQLite.
// - BM_BfsBaseline: a plain BFS to depth 3 over the edges exposure may walk
//   (query::ExposureWalks, asserted only), through the public Graph API.
// - BM_SqliteRecursiveCte: the same bounded search as one recursive CTE over
//   a plain SQLite table of those walkable edges (best damped score per target
//   vertex within 3 hops, top 10); it also writes the edge list, targets and
//   subjects as text for bench/compare_python.py (igraph, networkx).
#include <benchmark/benchmark.h>
#include <sqlite3.h>
#include <time.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <unordered_map>

#include "bench/bench_util.h"
#include "graph/graph.h"
#include "graph/store.h"
#include "query/engine.h"

namespace corpgraph::bench {
namespace {

constexpr const char* kRegionNames[] = {"Northmark", "Southmark", "Eastmark", "Westmark",
                                        "Midmark"};
constexpr size_t kSubjects = 1000;

struct QueryGraph {
  std::unique_ptr<graph::Graph> graph;
  std::vector<std::string> subject_ids;
  std::vector<graph::VertexId> subjects;
  std::string error;
};

std::string QueryOrgId(uint64_t index) { return "org:q-" + std::to_string(index); }

graph::EntityRecord Place(std::string id, std::string name, std::string subtype,
                          std::vector<std::string> parents) {
  graph::EntityRecord place;
  place.id = std::move(id);
  place.name = std::move(name);
  place.type = EntityType::kPlace;
  place.subtype = std::move(subtype);
  place.parents = std::move(parents);
  return place;
}

struct QueryRecords {
  std::vector<graph::EntityRecord> entities;
  std::vector<graph::RelationRecord> relations;
  std::vector<std::string> subject_ids;
};

uint64_t QueryEntities() { return EnvOr("CORPGRAPH_BENCH_QUERY_ENTITIES", 1'000'000); }
uint64_t QueryRelations() { return EnvOr("CORPGRAPH_BENCH_QUERY_RELATIONS", 5'000'000); }
std::string QuerySizeTag() {
  return std::to_string(QueryEntities()) + "-" + std::to_string(QueryRelations());
}

// The generated graph as records; deterministic (kBenchSeed), so the store and
// the in-memory graph built from two calls hold the same graph.
QueryRecords MakeQueryRecords(uint64_t num_entities, uint64_t num_relations) {
  QueryRecords out;
  std::mt19937_64 rng(kBenchSeed);
  auto uniform = [&](uint64_t n) { return rng() % n; };
  auto strength = [&] { return 0.3 + static_cast<double>(uniform(66)) / 100.0; };

  std::vector<graph::EntityRecord> entities;
  std::vector<std::string> countries, cities;
  for (int r = 0; r < 5; ++r) {
    const std::string region = std::string("place:") + kRegionNames[r];
    entities.push_back(Place(region, kRegionNames[r], "region", {}));
    for (int s = 0; s < 5; ++s) {
      const std::string sub = region + "-" + std::to_string(s);
      entities.push_back(Place(sub, std::string(kRegionNames[r]) + " Sub " + std::to_string(s),
                               "subregion", {region}));
      for (int c = 0; c < 10; ++c) {
        const std::string country = sub + "-" + std::to_string(c);
        entities.push_back(
            Place(country, "Country " + country.substr(6), "country", {sub, region}));
        countries.push_back(country);
        for (int t = 0; t < 10; ++t) {
          const std::string city = country + "-" + std::to_string(t);
          entities.push_back(Place(city, "City " + city.substr(6), "city", {country, sub, region}));
          cities.push_back(city);
        }
      }
    }
  }
  const uint64_t num_orgs = num_entities > entities.size() ? num_entities - entities.size() : 1;
  for (uint64_t i = 0; i < num_orgs; ++i) {
    graph::EntityRecord org;
    org.id = QueryOrgId(i);
    org.name = "Quorum " + std::to_string(i);
    org.type = EntityType::kOrganization;
    org.subtype = "company";
    org.mention_count = 1 + static_cast<int64_t>(uniform(20));
    entities.push_back(std::move(org));
  }

  std::vector<graph::RelationRecord> relations;
  relations.reserve(num_relations);
  auto add = [&](std::string s, RelationType type, std::string o) {
    graph::RelationRecord r;
    r.subject_id = std::move(s);
    r.object_id = std::move(o);
    if (IsSymmetric(type) && r.object_id < r.subject_id) std::swap(r.subject_id, r.object_id);
    r.type = type;
    const uint64_t m = uniform(100);
    r.modality = m < 90 ? Modality::kAsserted : m < 95 ? Modality::kPlanned : Modality::kRumoured;
    r.strength = strength();
    r.evidence_count = 1;
    relations.push_back(std::move(r));
  };
  // Places: 30% of organisations have a known headquarters, 20% an operation.
  for (uint64_t i = 0; i < num_orgs && relations.size() < num_relations; ++i) {
    if (uniform(100) < 30) {
      add(QueryOrgId(i), RelationType::kHeadquarteredIn, cities[uniform(cities.size())]);
    }
    if (uniform(100) < 20) {
      add(QueryOrgId(i), RelationType::kOperatesIn, countries[uniform(countries.size())]);
    }
  }
  constexpr RelationType kOrgTypes[] = {RelationType::kPartnerOf,    RelationType::kPartnerOf,
                                        RelationType::kSupplies,     RelationType::kInvestsIn,
                                        RelationType::kSubsidiaryOf, RelationType::kAcquires,
                                        RelationType::kCompetesWith};
  while (relations.size() < num_relations) {
    const uint64_t s = uniform(num_orgs);
    uint64_t o = uniform(num_orgs);
    if (o == s) o = (o + 1) % num_orgs;
    add(QueryOrgId(s), kOrgTypes[uniform(std::size(kOrgTypes))], QueryOrgId(o));
  }

  for (size_t i = 0; i < kSubjects; ++i) out.subject_ids.push_back(QueryOrgId(uniform(num_orgs)));
  out.entities = std::move(entities);
  out.relations = std::move(relations);
  return out;
}

std::unique_ptr<QueryGraph> MakeQueryGraph(uint64_t num_entities, uint64_t num_relations) {
  auto result = std::make_unique<QueryGraph>();
  QueryRecords records = MakeQueryRecords(num_entities, num_relations);
  Result<std::unique_ptr<graph::Graph>> graph =
      graph::Graph::FromRecords(std::move(records.entities), std::move(records.relations));
  if (!graph.ok()) {
    result->error = graph.status().ToString();
    return result;
  }
  result->graph = std::move(graph).value();
  for (std::string& id : records.subject_ids) {
    std::optional<graph::VertexId> v = result->graph->FindById(id);
    if (!v) continue;
    result->subjects.push_back(*v);
    result->subject_ids.push_back(std::move(id));
  }
  return result;
}

const QueryGraph& BenchQueryGraph() {
  static const std::unique_ptr<QueryGraph> graph =
      MakeQueryGraph(QueryEntities(), QueryRelations());
  return *graph;
}

constexpr int kQueryStoreVersion = 1;  // bump when the generator or the store layout changes
constexpr int kFactsPerDocument = 1000;

// Writes the generated records into a corpgraph store: places as taxonomy,
// every relation as one fact with one evidence sentence (confidence = the
// relation's strength, so strengths match the in-memory graph).
Status WriteQueryStore(const std::string& path) {
  ASSIGN_OR_RETURN(std::unique_ptr<graph::Store> store,
                   graph::Store::Open(path, graph::OpenMode::kReadWrite));
  QueryRecords records = MakeQueryRecords(QueryEntities(), QueryRelations());
  std::unordered_map<std::string, const graph::EntityRecord*> by_id;
  std::vector<Entity> taxonomy;
  for (const graph::EntityRecord& e : records.entities) {
    by_id.emplace(e.id, &e);
    if (e.type != EntityType::kPlace) continue;
    Entity place;
    place.id = e.id;
    place.name = e.name;
    place.type = e.type;
    place.subtype = e.subtype;
    place.parents = e.parents;
    taxonomy.push_back(std::move(place));
  }
  RETURN_IF_ERROR(store->PutTaxonomy(taxonomy));
  auto ref = [&](const std::string& id) {
    const graph::EntityRecord& e = *by_id.at(id);
    return EntityRef{e.id, e.name, e.type};
  };
  uint64_t doc_index = 0;
  RETURN_IF_ERROR(store->BeginBatch());
  for (size_t at = 0; at < records.relations.size();) {
    Document doc;
    doc.id = "q-doc-" + std::to_string(doc_index++);
    doc.date = "2024-01-01";
    doc.title = "synthetic";
    Extraction extraction;
    for (int f = 0; f < kFactsPerDocument && at < records.relations.size(); ++f, ++at) {
      const graph::RelationRecord& r = records.relations[at];
      Fact fact;
      fact.subject = ref(r.subject_id);
      fact.object = ref(r.object_id);
      fact.relation = r.type;
      fact.modality = r.modality;
      fact.confidence = r.strength;
      fact.evidence.doc_id = doc.id;
      fact.evidence.sentence = fact.subject.name + " " + std::string(RelationTypeName(r.type)) +
                               " " + fact.object.name + ", the synthetic wire reported.";
      fact.evidence.sentence_span = {0, static_cast<uint32_t>(fact.evidence.sentence.size())};
      fact.evidence.rule = "synthetic";
      fact.evidence.confidence = r.strength;
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
  return store->SetMetadata("bench_query_graph", QuerySizeTag());
}

// The cached store of the query graph, written if missing.
Result<std::string> EnsureQueryStore() {
  const std::filesystem::path path =
      BenchDir() / ("query-" + QuerySizeTag() + "-v" + std::to_string(kQueryStoreVersion) + ".db");
  std::error_code error;
  if (std::filesystem::exists(path, error)) {
    Result<std::unique_ptr<graph::Store>> store =
        graph::Store::Open(path.string(), graph::OpenMode::kReadOnly);
    if (store.ok()) {
      Result<std::optional<std::string>> done = (*store)->GetMetadata("bench_query_graph");
      if (done.ok() && *done == QuerySizeTag()) return path.string();
    }
  }
  for (const char* suffix : {"", "-wal", "-shm"})
    std::filesystem::remove(path.string() + suffix, error);
  const auto start = std::chrono::steady_clock::now();
  RETURN_IF_ERROR(WriteQueryStore(path.string()));
  std::cerr << "query_bench: wrote " << path.string() << " in "
            << std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()
            << " s\n";
  return path.string();
}

// Per-query latencies: wall clock (what a user waits, including preemption on
// a shared machine) and this thread's CPU time (what the query costs).
struct Latencies {
  std::vector<double> wall_us;
  std::vector<double> cpu_us;
};

double ThreadCpuMicros() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e6 + static_cast<double>(ts.tv_nsec) / 1e3;
}

// Times one call of `fn` into `latencies`.
template <typename Fn>
void Timed(Latencies& latencies, Fn&& fn) {
  const double cpu_start = ThreadCpuMicros();
  const auto start = std::chrono::steady_clock::now();
  fn();
  latencies.wall_us.push_back(
      std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count());
  latencies.cpu_us.push_back(ThreadCpuMicros() - cpu_start);
}

void ReportLatencies(benchmark::State& state, Latencies& latencies) {
  for (auto [values, prefix] : {std::pair{&latencies.wall_us, ""}, {&latencies.cpu_us, "cpu_"}}) {
    double total = 0;
    for (double l : *values) total += l;
    const std::string p = prefix;
    state.counters[p + "mean_us"] = values->empty() ? 0 : total / values->size();
    state.counters[p + "p50_us"] = Percentile(*values, 0.50);
    state.counters[p + "p99_us"] = Percentile(*values, 0.99);
    state.counters[p + "max_us"] = values->empty() ? 0 : values->back();
  }
}

// Runs the exposure query for the subjects in turn against `engine`.
void RunExposure(benchmark::State& state, const query::Engine& engine,
                 const std::vector<std::string>& subject_ids) {
  std::vector<std::string> queries;
  for (const std::string& id : subject_ids) {
    queries.push_back("exposure " + id + " to region:Eastmark hops 3 top 10");
  }
  Latencies latencies;
  size_t next = 0;
  uint64_t errors = 0;
  uint64_t paths = 0;
  uint64_t hops_with_evidence = 0;
  for (auto _ : state) {
    const std::string& text = queries[next++ % queries.size()];
    std::optional<Result<query::Answer>> result;
    Timed(latencies, [&] { result.emplace(engine.Run(text)); });
    const Result<query::Answer>& answer = *result;
    if (!answer.ok()) {
      ++errors;
      continue;
    }
    if (auto* exposure = std::get_if<query::ExposureAnswer>(&answer->body)) {
      paths += exposure->paths.size();
      for (const query::Path& path : exposure->paths) {
        for (const query::PathHop& hop : path.hops) hops_with_evidence += hop.evidence.has_value();
      }
    }
  }
  const double iterations = static_cast<double>(std::max<int64_t>(1, state.iterations()));
  state.counters["vertices"] = static_cast<double>(engine.graph().num_vertices());
  state.counters["relations"] = static_cast<double>(engine.graph().num_relations());
  state.counters["errors"] = static_cast<double>(errors);
  state.counters["paths_per_query"] = static_cast<double>(paths) / iterations;
  state.counters["evidence_per_query"] = static_cast<double>(hops_with_evidence) / iterations;
  state.SetItemsProcessed(state.iterations());
  ReportLatencies(state, latencies);
}

void BM_ExposureQuery(benchmark::State& state) {
  const QueryGraph& qg = BenchQueryGraph();
  if (!qg.graph) return state.SkipWithError(qg.error.c_str());
  if (qg.subjects.empty()) return state.SkipWithError("no query subjects in the graph");
  query::Engine engine(*qg.graph, nullptr);
  RunExposure(state, engine, qg.subject_ids);
}

// The same queries with a store attached: each hop's best evidence comes from SQLite.
void BM_ExposureQueryWithEvidence(benchmark::State& state) {
  static Result<std::string> path = EnsureQueryStore();
  if (!path.ok()) return state.SkipWithError(path.status().ToString().c_str());
  Result<std::unique_ptr<graph::Store>> store =
      graph::Store::Open(*path, graph::OpenMode::kReadOnly);
  if (!store.ok()) return state.SkipWithError(store.status().ToString().c_str());
  Result<std::unique_ptr<graph::Graph>> graph = graph::Graph::Load(**store);
  if (!graph.ok()) return state.SkipWithError(graph.status().ToString().c_str());
  const QueryGraph& qg = BenchQueryGraph();
  std::vector<std::string> subject_ids;
  for (const std::string& id : qg.subject_ids) {
    if ((*graph)->FindById(id)) subject_ids.push_back(id);  // orgs without relations are not stored
  }
  if (subject_ids.empty()) return state.SkipWithError("no query subjects in the store");
  query::Engine engine(**graph, store->get());
  RunExposure(state, engine, subject_ids);
}

void BM_BfsBaseline(benchmark::State& state) {
  const QueryGraph& qg = BenchQueryGraph();
  if (!qg.graph) return state.SkipWithError(qg.error.c_str());
  if (qg.subjects.empty()) return state.SkipWithError("no query subjects in the graph");
  const graph::Graph& g = *qg.graph;
  std::vector<uint32_t> seen(g.num_vertices(), 0);  // stamp of the last query that reached it
  uint32_t stamp = 0;
  std::vector<graph::VertexId> frontier, next_frontier;
  Latencies latencies;
  size_t next = 0;
  uint64_t visited = 0;
  for (auto _ : state) {
    const graph::VertexId source = qg.subjects[next++ % qg.subjects.size()];
    Timed(latencies, [&] {
      ++stamp;
      seen[source] = stamp;
      frontier.assign(1, source);
      for (int depth = 0; depth < 3 && !frontier.empty(); ++depth) {
        next_frontier.clear();
        for (graph::VertexId v : frontier) {
          for (const graph::Hop& hop : g.Adjacent(v)) {
            const graph::RelationRecord& r = g.relation(hop.relation);
            if (r.modality != Modality::kAsserted) continue;
            if (!query::ExposureWalks(r.type, hop.outgoing, false)) continue;
            if (seen[hop.neighbor] == stamp) continue;
            seen[hop.neighbor] = stamp;
            next_frontier.push_back(hop.neighbor);
          }
        }
        visited += next_frontier.size();
        frontier.swap(next_frontier);
      }
    });
  }
  state.counters["visited_per_query"] =
      static_cast<double>(visited) / std::max<int64_t>(1, state.iterations());
  state.SetItemsProcessed(state.iterations());
  ReportLatencies(state, latencies);
}

// A plain SQLite file of the walkable edges (src, dst, strength), the target
// vertices (within region:Eastmark) and, as text for bench/compare_python.py,
// edges.tsv / targets.txt / subjects.txt in the same folder. Vertex numbers are
// the in-memory graph's VertexIds. Written once per size, then reused.
struct CteData {
  std::string db_path;
  std::string error;
};

Status Exec(sqlite3* db, const char* sql) {
  char* message = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &message) == SQLITE_OK) return Status::Ok();
  std::string text = message != nullptr ? message : "unknown error";
  sqlite3_free(message);
  return IOError(std::string("sqlite: ") + text + " in: " + sql);
}

Status WriteCteData(const QueryGraph& qg, const std::filesystem::path& dir) {
  std::filesystem::create_directories(dir);
  const graph::Graph& g = *qg.graph;
  const std::optional<graph::VertexId> region = g.FindById("place:Eastmark");
  if (!region) return NotFoundError("place:Eastmark is not in the query graph");
  const std::string db_path = (dir / "edges.sqlite").string();
  std::filesystem::remove(db_path);
  sqlite3* db = nullptr;
  if (sqlite3_open(db_path.c_str(), &db) != SQLITE_OK) {
    sqlite3_close(db);
    return IOError(db_path + ": cannot create");
  }
  std::unique_ptr<sqlite3, int (*)(sqlite3*)> owner(db, sqlite3_close);
  RETURN_IF_ERROR(Exec(db,
                       "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
                       "CREATE TABLE edge(src INTEGER, dst INTEGER, rel INTEGER, strength REAL,"
                       " PRIMARY KEY (src, dst, rel)) WITHOUT ROWID;"
                       "CREATE TABLE target(v INTEGER PRIMARY KEY); BEGIN;"));
  sqlite3_stmt* insert = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO edge VALUES (?1, ?2, ?3, ?4)", -1, &insert, nullptr);
  std::ofstream edges(dir / "edges.tsv");
  for (graph::VertexId v = 0; v < g.num_vertices(); ++v) {
    for (const graph::Hop& hop : g.Adjacent(v)) {
      const graph::RelationRecord& r = g.relation(hop.relation);
      if (r.modality != Modality::kAsserted) continue;
      if (!query::ExposureWalks(r.type, hop.outgoing, false)) continue;
      sqlite3_bind_int64(insert, 1, v);
      sqlite3_bind_int64(insert, 2, hop.neighbor);
      sqlite3_bind_int64(insert, 3, hop.relation);
      sqlite3_bind_double(insert, 4, r.strength);
      if (sqlite3_step(insert) != SQLITE_DONE) {
        sqlite3_finalize(insert);
        return IOError(db_path + ": insert failed: " + sqlite3_errmsg(db));
      }
      sqlite3_reset(insert);
      edges << v << '\t' << hop.neighbor << '\t' << r.strength << '\n';
    }
  }
  sqlite3_finalize(insert);
  std::ofstream targets(dir / "targets.txt");
  sqlite3_prepare_v2(db, "INSERT INTO target VALUES (?1)", -1, &insert, nullptr);
  for (graph::VertexId v = 0; v < g.num_vertices(); ++v) {
    if (g.entity(v).type != EntityType::kPlace || !g.IsWithin(v, *region)) continue;
    sqlite3_bind_int64(insert, 1, v);
    sqlite3_step(insert);
    sqlite3_reset(insert);
    targets << v << '\n';
  }
  sqlite3_finalize(insert);
  std::ofstream subjects(dir / "subjects.txt");
  for (graph::VertexId v : qg.subjects) subjects << v << '\n';
  std::ofstream(dir / "vertices.txt") << g.num_vertices() << '\n';
  RETURN_IF_ERROR(Exec(db, "COMMIT; ANALYZE;"));
  if (!edges || !targets || !subjects)
    return IOError(dir.string() + ": cannot write the edge list");
  std::ofstream(dir / "done") << "ok\n";
  return Status::Ok();
}

const CteData& BenchCteData() {
  static const CteData data = [] {
    CteData out;
    const QueryGraph& qg = BenchQueryGraph();
    if (!qg.graph) {
      out.error = qg.error;
      return out;
    }
    const std::filesystem::path dir =
        BenchDir() / ("query-" + QuerySizeTag() + "-edges-v" + std::to_string(kQueryStoreVersion));
    std::error_code error;
    if (!std::filesystem::exists(dir / "done", error)) {
      Status status = WriteCteData(qg, dir);
      if (!status.ok()) {
        out.error = status.ToString();
        return out;
      }
    }
    out.db_path = (dir / "edges.sqlite").string();
    return out;
  }();
  return data;
}

// The best damped score of each target vertex reachable within 3 hops over
// walkable edges (walks, not only simple paths; a walk stops at its first
// target), top 10 — the exposure query's answer without the paths' evidence.
constexpr const char* kCteQuery = R"sql(
WITH RECURSIVE walk(v, hops, score) AS (
  SELECT ?1, 0, 1.0
  UNION ALL
  SELECT e.dst, w.hops + 1,
         CASE WHEN w.hops = 0 THEN e.strength ELSE w.score * e.strength * 0.85 END
  FROM walk w JOIN edge e ON e.src = w.v
  WHERE w.hops < 3 AND (w.hops = 0 OR w.v NOT IN (SELECT v FROM target)))
SELECT v, max(score) AS best FROM walk
WHERE hops > 0 AND v IN (SELECT v FROM target)
GROUP BY v ORDER BY best DESC, v LIMIT 10)sql";

void BM_SqliteRecursiveCte(benchmark::State& state) {
  const QueryGraph& qg = BenchQueryGraph();
  const CteData& data = BenchCteData();
  if (!data.error.empty()) return state.SkipWithError(data.error.c_str());
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(data.db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    return state.SkipWithError("cannot open the edge database");
  }
  std::unique_ptr<sqlite3, int (*)(sqlite3*)> owner(db, sqlite3_close);
  sqlite3_exec(db, "PRAGMA cache_size=-262144", nullptr, nullptr,
               nullptr);  // 256 MB, as warm as SQLite gets
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db, kCteQuery, -1, &statement, nullptr) != SQLITE_OK) {
    return state.SkipWithError(sqlite3_errmsg(db));
  }
  Latencies latencies;
  size_t next = 0;
  uint64_t rows = 0;
  for (auto _ : state) {
    const graph::VertexId source = qg.subjects[next++ % qg.subjects.size()];
    Timed(latencies, [&] {
      sqlite3_bind_int64(statement, 1, source);
      while (sqlite3_step(statement) == SQLITE_ROW) ++rows;
      sqlite3_reset(statement);
    });
  }
  sqlite3_finalize(statement);
  state.counters["targets_per_query"] =
      static_cast<double>(rows) / std::max<int64_t>(1, state.iterations());
  state.SetItemsProcessed(state.iterations());
  ReportLatencies(state, latencies);
}

BENCHMARK(BM_ExposureQuery)->Unit(benchmark::kMicrosecond)->MinTime(2.0);
BENCHMARK(BM_ExposureQueryWithEvidence)->Unit(benchmark::kMicrosecond)->MinTime(2.0);
BENCHMARK(BM_BfsBaseline)->Unit(benchmark::kMicrosecond)->MinTime(2.0);
BENCHMARK(BM_SqliteRecursiveCte)->Unit(benchmark::kMicrosecond)->MinTime(2.0);

}  // namespace
}  // namespace corpgraph::bench
