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
// - BM_ExposureQuery: Engine::Run(text) without a store, on Graph::FromRecords:
//   parsing, name resolution, the search and the answer's paths.
// - BM_ExposureParsed: the same with the queries parsed beforehand
//   (Engine::Run(Command)): resolution, search and answer.
// - BM_ExposureQueryWithEvidence: the same records written to a SQLite store
//   by bulk SQL (cached in the bench folder; the first run writes it, a few
//   minutes and 1.3 GB at 5M relations), Graph::Load, and Engine::Run(text)
//   with the store, so every hop of every path fetches its best evidence
//   sentence from SQLite.
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
#include <set>
#include <tuple>
#include <unordered_map>

#include "bench/bench_util.h"
#include "graph/graph.h"
#include "graph/internal/codec.h"
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

// Bump when the generator or the store layout changes. The store and the edge
// list for bench/compare_python.py are versioned separately (the script's
// folder name carries kEdgeDataVersion).
constexpr int kQueryStoreVersion = 3;
constexpr int kEdgeDataVersion = 1;
constexpr int kFactsPerDocument = 1000;

Status Exec(sqlite3* db, const char* sql) {
  char* message = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &message) == SQLITE_OK) return Status::Ok();
  std::string text = message != nullptr ? message : "unknown error";
  sqlite3_free(message);
  return IOError(std::string("sqlite: ") + text + " in: " + sql);
}

// A prepared statement that finalizes itself.
using StatementPtr = std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)>;
Result<StatementPtr> Prepare(sqlite3* db, const char* sql) {
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) != SQLITE_OK) {
    return IOError(std::string("sqlite: ") + sqlite3_errmsg(db) + " in: " + sql);
  }
  return StatementPtr(statement, sqlite3_finalize);
}

Status StepDone(sqlite3* db, sqlite3_stmt* statement) {
  const int rc = sqlite3_step(statement);
  sqlite3_reset(statement);
  if (rc == SQLITE_DONE) return Status::Ok();
  return IOError(std::string("sqlite: ") + sqlite3_errmsg(db) + " in: " + sqlite3_sql(statement));
}

// Writes the generated records into a corpgraph store with bulk SQL straight
// into the schema Store::Open creates (as graph_bench.cc does; PutDocument
// took hours at 5M facts): every entity (places as taxonomy nodes with their
// parents), every relation with one evidence row and one sentence ("A
// partner_of B, the synthetic wire reported."), 1,000 per document;
// confidence = strength, so strengths match the in-memory graph. The FTS index
// is left empty (exposure never searches it). Relations repeating a
// (subject, type, object, modality) the generator already drew are dropped
// (the store keeps those four unique; the in-memory graph keeps them): a
// handful in 5M. Triggers off, as in a Store's own connections: the schema's
// uniqueness triggers would scan the relations for every row.
Status WriteQueryStore(const std::string& path) {
  {
    ASSIGN_OR_RETURN(std::unique_ptr<graph::Store> store,
                     graph::Store::Open(path, graph::OpenMode::kReadWrite));
  }
  sqlite3* raw = nullptr;
  if (sqlite3_open(path.c_str(), &raw) != SQLITE_OK) {
    sqlite3_close(raw);
    return IOError(path + ": cannot open for bulk writing");
  }
  std::unique_ptr<sqlite3, int (*)(sqlite3*)> owner(raw, sqlite3_close);
  sqlite3* db = raw;
  if (sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, nullptr) != SQLITE_OK) {
    return IOError(path + ": cannot disable triggers");
  }
  const QueryRecords records = MakeQueryRecords(QueryEntities(), QueryRelations());
  RETURN_IF_ERROR(Exec(db,
                       "PRAGMA synchronous = OFF; PRAGMA cache_size = -524288;"
                       "DROP INDEX IF EXISTS relations_by_object;"
                       "DROP INDEX IF EXISTS sentences_by_doc;"
                       "DROP INDEX IF EXISTS evidence_by_relation;"
                       "DROP INDEX IF EXISTS evidence_by_sentence; BEGIN"));
  ASSIGN_OR_RETURN(StatementPtr vocabulary,
                   Prepare(db, "INSERT INTO vocabulary(domain, name) VALUES (?1, ?2)"));
  auto vocab = [&](const char* domain, std::string_view name) -> Result<int64_t> {
    sqlite3_bind_text(vocabulary.get(), 1, domain, -1, SQLITE_STATIC);
    sqlite3_bind_text(vocabulary.get(), 2, name.data(), static_cast<int>(name.size()),
                      SQLITE_TRANSIENT);
    RETURN_IF_ERROR(StepDone(db, vocabulary.get()));
    return sqlite3_last_insert_rowid(db);
  };
  int64_t type_keys[kNumRelationTypes];
  for (int t = 0; t < kNumRelationTypes; ++t) {
    ASSIGN_OR_RETURN(type_keys[t],
                     vocab("relation_type", RelationTypeName(static_cast<RelationType>(t))));
  }
  int64_t modality_keys[static_cast<int>(Modality::kFailed) + 1];
  for (int m = 0; m <= static_cast<int>(Modality::kFailed); ++m) {
    ASSIGN_OR_RETURN(modality_keys[m], vocab("modality", ModalityName(static_cast<Modality>(m))));
  }
  ASSIGN_OR_RETURN(const int64_t source_key, vocab("source", "synthetic"));
  ASSIGN_OR_RETURN(const int64_t rule_key, vocab("rule", "synthetic"));
  ASSIGN_OR_RETURN(const int64_t kind_key,
                   vocab("evidence_kind", EvidenceKindName(EvidenceKind::kExplicit)));

  std::unordered_map<std::string, int64_t> key_of;
  key_of.reserve(records.entities.size());
  {
    ASSIGN_OR_RETURN(StatementPtr entity,
                     Prepare(db,
                             "INSERT INTO entities(key, id, name, type, subtype, parents, "
                             "taxonomy) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"));
    ASSIGN_OR_RETURN(
        StatementPtr counts,
        Prepare(db, "INSERT INTO entity_counts(entity_key, mentions) VALUES (?1, ?2)"));
    int64_t key = 0;
    for (const graph::EntityRecord& e : records.entities) {
      key_of.emplace(e.id, ++key);
      std::string parents = "[";
      for (const std::string& p : e.parents)
        parents += (parents.size() > 1 ? ",\"" : "\"") + p + "\"";
      parents += "]";
      const bool place = e.type == EntityType::kPlace;
      const std::string_view type = EntityTypeName(e.type);
      sqlite3_stmt* s = entity.get();
      sqlite3_bind_int64(s, 1, key);
      sqlite3_bind_text(s, 2, e.id.c_str(), -1, SQLITE_STATIC);
      sqlite3_bind_text(s, 3, e.name.c_str(), -1, SQLITE_STATIC);
      sqlite3_bind_text(s, 4, type.data(), static_cast<int>(type.size()), SQLITE_TRANSIENT);
      sqlite3_bind_text(s, 5, e.subtype.c_str(), -1, SQLITE_STATIC);
      sqlite3_bind_text(s, 6, parents.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int(s, 7, place ? 1 : 0);
      RETURN_IF_ERROR(StepDone(db, s));
      if (e.mention_count != 0) {
        sqlite3_stmt* c = counts.get();
        sqlite3_bind_int64(c, 1, key);
        sqlite3_bind_int64(c, 2, e.mention_count);
        RETURN_IF_ERROR(StepDone(db, c));
      }
    }
  }
  ASSIGN_OR_RETURN(StatementPtr document,
                   Prepare(db,
                           "INSERT INTO documents(key, id, source_key, title, date) "
                           "VALUES (?1, ?2, ?3, 'synthetic', '2024-01-01')"));
  ASSIGN_OR_RETURN(StatementPtr relation,
                   Prepare(db,
                           "INSERT INTO relations(subject_key, type, object_key, "
                           "modality, strength, evidence_count, first_seen, last_seen) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, 1, '2024-01-01', '2024-01-01')"));
  ASSIGN_OR_RETURN(StatementPtr sentence,
                   Prepare(db,
                           "INSERT INTO sentences(key, doc_key, start, \"end\", text) "
                           "VALUES (?1, ?2, 0, ?3, ?4)"));
  ASSIGN_OR_RETURN(StatementPtr evidence,
                   Prepare(db,
                           "INSERT INTO evidence(relation_key, sentence_key, key, fields) "
                           "VALUES (?1, ?2, ?2, ?3)"));
  std::set<std::tuple<int64_t, int64_t, int64_t, int64_t>> stored;
  int64_t doc_key = 0;
  int64_t sentence_key = 0;
  uint64_t dropped = 0;
  for (size_t at = 0; at < records.relations.size(); ++at) {
    if (at % kFactsPerDocument == 0) {
      const std::string id = "q-doc-" + std::to_string(doc_key);
      sqlite3_bind_int64(document.get(), 1, ++doc_key);
      sqlite3_bind_text(document.get(), 2, id.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64(document.get(), 3, source_key);
      RETURN_IF_ERROR(StepDone(db, document.get()));
    }
    const graph::RelationRecord& r = records.relations[at];
    const auto id =
        std::make_tuple(key_of.at(r.subject_id), type_keys[static_cast<int>(r.type)],
                        key_of.at(r.object_id), modality_keys[static_cast<int>(r.modality)]);
    if (!stored.insert(id).second) {
      ++dropped;
      continue;
    }
    sqlite3_stmt* s = relation.get();
    sqlite3_bind_int64(s, 1, std::get<0>(id));
    sqlite3_bind_int64(s, 2, std::get<1>(id));
    sqlite3_bind_int64(s, 3, std::get<2>(id));
    sqlite3_bind_int64(s, 4, std::get<3>(id));
    sqlite3_bind_double(s, 5, r.strength);
    RETURN_IF_ERROR(StepDone(db, s));
    const int64_t relation_key = sqlite3_last_insert_rowid(db);
    const std::string& subject_name = records.entities[key_of.at(r.subject_id) - 1].name;
    const std::string& object_name = records.entities[key_of.at(r.object_id) - 1].name;
    const std::string text = subject_name + " " + std::string(RelationTypeName(r.type)) + " " +
                             object_name + ", the synthetic wire reported.";
    s = sentence.get();
    sqlite3_bind_int64(s, 1, ++sentence_key);
    sqlite3_bind_int64(s, 2, doc_key);
    sqlite3_bind_int64(s, 3, static_cast<int64_t>(text.size()));
    sqlite3_bind_text(s, 4, text.c_str(), static_cast<int>(text.size()), SQLITE_STATIC);
    RETURN_IF_ERROR(StepDone(db, s));
    s = evidence.get();
    const auto object_start = static_cast<int64_t>(text.size() - object_name.size() - 30);
    sqlite3_bind_int64(s, 1, relation_key);
    sqlite3_bind_int64(s, 2, sentence_key);
    const std::string fields = graph::internal::PackEvidenceFields(graph::internal::EvidenceFields{
        .subj_offset = 0,
        .subj_length = static_cast<int64_t>(subject_name.size()),
        .obj_offset = object_start,
        .obj_length = static_cast<int64_t>(object_name.size()),
        .rule = rule_key,
        .kind = kind_key,
        .confidence = r.strength,
    });
    sqlite3_bind_blob(s, 3, fields.data(), static_cast<int>(fields.size()), SQLITE_TRANSIENT);
    RETURN_IF_ERROR(StepDone(db, s));
  }
  RETURN_IF_ERROR(Exec(db, "COMMIT"));
  std::cerr << "query_bench: " << dropped << " repeated relations not stored\n";
  // The store's own indexes, rebuilt once by sorting rather than row by row;
  // the store counts as written only after them.
  RETURN_IF_ERROR(Exec(db,
                       "INSERT OR REPLACE INTO entity_counts(entity_key, mentions, relations) "
                       "SELECT c.k, COALESCE(old.mentions, 0), c.n FROM (SELECT k, count(*) AS n "
                       "FROM (SELECT subject_key AS k FROM relations UNION ALL "
                       "SELECT object_key FROM relations) GROUP BY k) AS c "
                       "LEFT JOIN entity_counts old ON old.entity_key = c.k;"
                       "CREATE INDEX evidence_by_relation ON evidence(relation_key);"
                       "CREATE INDEX evidence_by_sentence ON evidence(sentence_key); ANALYZE;"));
  const std::string done =
      "INSERT OR REPLACE INTO metadata(key, value) VALUES "
      "('bench_query_graph', '" +
      QuerySizeTag() + "')";
  return Exec(db, done.c_str());
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

// What an exposure benchmark times per query.
enum class TimedPart {
  kText,    // Engine::Run(text): parse, resolve both names, search, build the answer
  kParsed,  // Engine::Run(Command) on a query parsed beforehand: resolve, search, answer
};

// Runs the exposure query for the subjects in turn against `engine`.
void RunExposure(benchmark::State& state, const query::Engine& engine,
                 const std::vector<std::string>& subject_ids, TimedPart what) {
  std::vector<std::string> queries;
  std::vector<query::Command> commands;
  for (const std::string& id : subject_ids) {
    queries.push_back("exposure " + id + " to region:Eastmark hops 3 top 10");
    Result<query::Command> command = query::ParseQuery(queries.back());
    if (!command.ok()) return state.SkipWithError(command.status().ToString().c_str());
    commands.push_back(std::move(*command));
  }
  Latencies latencies;
  size_t next = 0;
  uint64_t errors = 0;
  uint64_t paths = 0;
  uint64_t hops_with_evidence = 0;
  for (auto _ : state) {
    const size_t at = next++ % queries.size();
    std::optional<Result<query::Answer>> result;
    if (what == TimedPart::kText) {
      Timed(latencies, [&] { result.emplace(engine.Run(queries[at])); });
    } else {
      Timed(latencies, [&] { result.emplace(engine.Run(commands[at])); });
    }
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
  RunExposure(state, engine, qg.subject_ids, TimedPart::kText);
}

// The same queries parsed beforehand: name resolution, search and answer.
void BM_ExposureParsed(benchmark::State& state) {
  const QueryGraph& qg = BenchQueryGraph();
  if (!qg.graph) return state.SkipWithError(qg.error.c_str());
  if (qg.subjects.empty()) return state.SkipWithError("no query subjects in the graph");
  query::Engine engine(*qg.graph, nullptr);
  RunExposure(state, engine, qg.subject_ids, TimedPart::kParsed);
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
  RunExposure(state, engine, subject_ids, TimedPart::kText);
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
        BenchDir() / ("query-" + QuerySizeTag() + "-edges-v" + std::to_string(kEdgeDataVersion));
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
BENCHMARK(BM_ExposureParsed)->Unit(benchmark::kMicrosecond)->MinTime(2.0);
BENCHMARK(BM_ExposureQueryWithEvidence)->Unit(benchmark::kMicrosecond)->MinTime(2.0);
BENCHMARK(BM_BfsBaseline)->Unit(benchmark::kMicrosecond)->MinTime(2.0);
BENCHMARK(BM_SqliteRecursiveCte)->Unit(benchmark::kMicrosecond)->MinTime(2.0);

}  // namespace
}  // namespace corpgraph::bench
