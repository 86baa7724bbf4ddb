// Exposure query latency on a synthetic graph built with Graph::FromRecords
// (no store): 100k entities / 500k relations by default, 1M / 5M with
// CORPGRAPH_BENCH_LARGE=1. Places form a hierarchy (5 regions > 25 subregions >
// 250 countries > 2500 cities, parents transitive); organisations have
// headquarters and operations in cities or countries and relations among
// themselves. Each iteration answers
//   exposure org:q-N to region:Eastmark hops 3 top 10
// for the next of 1000 fixed random subjects; p50/p99/mean are per query in µs.
// BM_BfsBaseline walks the same graph from the same subjects to depth 3 over
// the edges exposure may walk (query::ExposureWalks, asserted only), so the
// query's cost can be read as a ratio to a plain traversal.
#include <benchmark/benchmark.h>
#include <time.h>

#include <chrono>
#include <cstdio>
#include <random>

#include "bench/bench_util.h"
#include "graph/graph.h"
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

std::unique_ptr<QueryGraph> MakeQueryGraph(uint64_t num_entities, uint64_t num_relations) {
  auto result = std::make_unique<QueryGraph>();
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

  Result<std::unique_ptr<graph::Graph>> graph =
      graph::Graph::FromRecords(std::move(entities), std::move(relations));
  if (!graph.ok()) {
    result->error = graph.status().ToString();
    return result;
  }
  result->graph = std::move(graph).value();
  for (size_t i = 0; i < kSubjects; ++i) {
    std::string id = QueryOrgId(uniform(num_orgs));
    std::optional<graph::VertexId> v = result->graph->FindById(id);
    if (!v) continue;
    result->subjects.push_back(*v);
    result->subject_ids.push_back(std::move(id));
  }
  return result;
}

const QueryGraph& BenchQueryGraph() {
  static const std::unique_ptr<QueryGraph> graph =
      LargeEnabled() ? MakeQueryGraph(1'000'000, 5'000'000) : MakeQueryGraph(100'000, 500'000);
  return *graph;
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

void BM_ExposureQuery(benchmark::State& state) {
  const QueryGraph& qg = BenchQueryGraph();
  if (!qg.graph) return state.SkipWithError(qg.error.c_str());
  if (qg.subjects.empty()) return state.SkipWithError("no query subjects in the graph");
  query::Engine engine(*qg.graph, nullptr);
  std::vector<std::string> queries;
  for (const std::string& id : qg.subject_ids) {
    queries.push_back("exposure " + id + " to region:Eastmark hops 3 top 10");
  }
  Latencies latencies;
  size_t next = 0;
  uint64_t errors = 0;
  uint64_t paths = 0;
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
    }
  }
  state.counters["vertices"] = static_cast<double>(qg.graph->num_vertices());
  state.counters["relations"] = static_cast<double>(qg.graph->num_relations());
  state.counters["errors"] = static_cast<double>(errors);
  state.counters["paths_per_query"] =
      static_cast<double>(paths) / std::max<int64_t>(1, state.iterations());
  state.SetItemsProcessed(state.iterations());
  ReportLatencies(state, latencies);
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

BENCHMARK(BM_ExposureQuery)->Unit(benchmark::kMicrosecond)->MinTime(2.0);
BENCHMARK(BM_BfsBaseline)->Unit(benchmark::kMicrosecond)->MinTime(2.0);

}  // namespace
}  // namespace corpgraph::bench
