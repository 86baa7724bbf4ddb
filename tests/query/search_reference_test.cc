// The exposure and paths searches against a deliberately naive reference that
// lives only here: enumerate every simple path of at most K hops (stopping at
// the first target), score it, sort by the documented order (score, hops,
// entity-id sequence, relation sequence) and keep the top N. Random graphs with
// few distinct strengths, parallel relations and unconfirmed edges make ties and
// pruning common, which is where an optimised search goes wrong.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "graph/graph.h"
#include "query/engine.h"

namespace corpgraph::query {
namespace {

struct RefPath {
  double score;
  std::vector<std::string> ids;  // entity ids from the subject
  std::vector<graph::RelationIndex> relations;
};

bool RefBetter(const RefPath& a, const RefPath& b) {
  if (a.score != b.score) return a.score > b.score;
  if (a.relations.size() != b.relations.size()) return a.relations.size() < b.relations.size();
  if (a.ids != b.ids) return a.ids < b.ids;
  return a.relations < b.relations;
}

// Every qualifying simple path from `start`, depth first.
void Enumerate(const graph::Graph& g, bool both_ways, int max_hops,
               const std::function<bool(graph::VertexId)>& is_target,
               std::vector<graph::VertexId>& path, std::vector<graph::RelationIndex>& relations,
               double score, std::vector<RefPath>& out) {
  const graph::VertexId at = path.back();
  for (const graph::Hop& hop : g.Adjacent(at)) {
    const graph::RelationRecord& r = g.relation(hop.relation);
    if (r.modality != Modality::kAsserted) continue;
    if (!both_ways && !ExposureWalks(r.type, hop.outgoing, false)) continue;
    if (std::find(path.begin(), path.end(), hop.neighbor) != path.end()) continue;
    const double next = relations.empty() ? r.strength : score * r.strength * kHopDamping;
    path.push_back(hop.neighbor);
    relations.push_back(hop.relation);
    if (is_target(hop.neighbor)) {
      RefPath found{next, {}, relations};
      for (graph::VertexId v : path) found.ids.push_back(g.entity(v).id);
      out.push_back(std::move(found));
    } else if (static_cast<int>(relations.size()) < max_hops) {
      Enumerate(g, both_ways, max_hops, is_target, path, relations, next, out);
    }
    path.pop_back();
    relations.pop_back();
  }
}

std::vector<RefPath> Reference(const graph::Graph& g, graph::VertexId start, bool both_ways,
                               int max_hops, size_t top,
                               const std::function<bool(graph::VertexId)>& is_target) {
  std::vector<RefPath> out;
  std::vector<graph::VertexId> path = {start};
  std::vector<graph::RelationIndex> relations;
  Enumerate(g, both_ways, max_hops, is_target, path, relations, 1.0, out);
  std::sort(out.begin(), out.end(), RefBetter);
  if (out.size() > top) out.resize(top);
  return out;
}

graph::EntityRecord Node(std::string id, EntityType type, std::vector<std::string> parents) {
  graph::EntityRecord e;
  e.name = id.substr(id.find(':') + 1);
  e.id = std::move(id);
  e.type = type;
  e.parents = std::move(parents);
  e.mention_count = type == EntityType::kOrganization ? 1 : 0;
  return e;
}

// Regions r0..r1 > countries > cities; orgs with ids in shuffled order (so id
// order differs from vertex order); random relations of every walked type.
std::unique_ptr<graph::Graph> RandomGraph(uint64_t seed, int orgs, int relations) {
  std::mt19937_64 rng(seed);
  std::vector<graph::EntityRecord> entities;
  std::vector<std::string> places;
  for (int r = 0; r < 2; ++r) {
    const std::string region = "place:r" + std::to_string(r);
    entities.push_back(Node(region, EntityType::kPlace, {}));
    places.push_back(region);
    for (int c = 0; c < 2; ++c) {
      const std::string country = region + "c" + std::to_string(c);
      entities.push_back(Node(country, EntityType::kPlace, {region}));
      places.push_back(country);
      for (int t = 0; t < 2; ++t) {
        const std::string city = country + "t" + std::to_string(t);
        entities.push_back(Node(city, EntityType::kPlace, {country, region}));
        places.push_back(city);
      }
    }
  }
  entities.push_back(Node("theme:ai", EntityType::kTheme, {}));
  entities.push_back(Node("theme:llm", EntityType::kTheme, {"theme:ai"}));
  std::vector<std::string> org_ids;
  for (int i = 0; i < orgs; ++i) org_ids.push_back("org:o" + std::to_string((i * 7919) % 1009));
  for (const std::string& id : org_ids) entities.push_back(Node(id, EntityType::kOrganization, {}));
  constexpr double kStrengths[] = {0.5, 0.8, 0.8, 1.0};
  constexpr RelationType kOrgTypes[] = {RelationType::kPartnerOf, RelationType::kSupplies,
                                        RelationType::kInvestsIn, RelationType::kSubsidiaryOf,
                                        RelationType::kAcquires,  RelationType::kCompetesWith};
  std::vector<graph::RelationRecord> records;
  for (int i = 0; i < relations; ++i) {
    graph::RelationRecord r;
    r.key = i + 1;
    r.subject_id = org_ids[rng() % org_ids.size()];
    const uint64_t kind = rng() % 10;
    if (kind < 3) {
      r.type = kind == 0 ? RelationType::kHeadquarteredIn : RelationType::kOperatesIn;
      r.object_id = places[rng() % places.size()];
    } else if (kind == 3) {
      r.type = RelationType::kHasTheme;
      r.object_id = rng() % 2 ? "theme:ai" : "theme:llm";
    } else {
      r.type = kOrgTypes[rng() % std::size(kOrgTypes)];
      r.object_id = org_ids[rng() % org_ids.size()];
      if (r.object_id == r.subject_id) continue;
      if (IsSymmetric(r.type) && r.object_id < r.subject_id) std::swap(r.subject_id, r.object_id);
    }
    r.strength = kStrengths[rng() % std::size(kStrengths)];
    r.modality = rng() % 8 == 0 ? Modality::kPlanned : Modality::kAsserted;
    r.evidence_count = 1;
    records.push_back(std::move(r));
  }
  auto graph = graph::Graph::FromRecords(std::move(entities), std::move(records));
  EXPECT_TRUE(graph.ok()) << graph.status().ToString();
  return graph.ok() ? std::move(graph).value() : nullptr;
}

std::string Describe(const std::vector<RefPath>& paths) {
  std::string out;
  for (const RefPath& p : paths) {
    out += std::to_string(p.score) + ":";
    for (const std::string& id : p.ids) out += " " + id;
    out += " [";
    for (graph::RelationIndex r : p.relations) out += std::to_string(r) + " ";
    out += "]\n";
  }
  return out;
}

std::vector<RefPath> FromAnswer(const graph::Graph& g, graph::VertexId start,
                                const std::vector<Path>& paths) {
  std::vector<RefPath> out;
  for (const Path& path : paths) {
    RefPath p{path.score, {g.entity(start).id}, {}};
    graph::VertexId at = start;
    for (const PathHop& hop : path.hops) {
      p.relations.push_back(hop.relation_index);
      at = g.subject(hop.relation_index) == at ? g.object(hop.relation_index)
                                               : g.subject(hop.relation_index);
      p.ids.push_back(g.entity(at).id);
    }
    out.push_back(std::move(p));
  }
  return out;
}

void ExpectSame(const std::vector<RefPath>& want, const std::vector<RefPath>& got,
                const std::string& query) {
  bool same = want.size() == got.size();
  for (size_t i = 0; same && i < want.size(); ++i) {
    same = std::abs(want[i].score - got[i].score) < 1e-12 && want[i].ids == got[i].ids &&
           want[i].relations == got[i].relations;
  }
  EXPECT_TRUE(same) << query << "\nreference:\n" << Describe(want) << "engine:\n" << Describe(got);
}

TEST(SearchReference, ExposureMatchesBruteForceOnRandomGraphs) {
  int compared = 0, nonempty = 0;
  for (uint64_t seed = 1; seed <= 6; ++seed) {
    std::unique_ptr<graph::Graph> g = RandomGraph(seed, 30, 160);
    ASSERT_NE(g, nullptr);
    Engine engine(*g, nullptr);
    for (graph::VertexId s = 0; s < g->num_vertices(); ++s) {
      if (g->entity(s).type != EntityType::kOrganization) continue;
      for (const char* target : {"region:r0", "country:r1c0", "place:r0c1t1", "theme:ai"}) {
        for (int hops : {1, 2, 3}) {
          for (size_t top : {1, 3, 10}) {
            const std::string query = "exposure " + g->entity(s).id + " to " + target + " hops " +
                                      std::to_string(hops) + " top " + std::to_string(top);
            Result<Answer> answer = engine.Run(query);
            ASSERT_TRUE(answer.ok()) << query << ": " << answer.status().ToString();
            const auto& exposure = std::get<ExposureAnswer>(answer->body);
            const graph::VertexId t = exposure.target.vertex;
            const EntityType want_type = g->entity(t).type;
            std::vector<RefPath> want = Reference(*g, s, false, hops, top, [&](graph::VertexId v) {
              return g->entity(v).type == want_type && g->IsWithin(v, t);
            });
            ExpectSame(want, FromAnswer(*g, s, exposure.paths), query);
            ++compared;
            nonempty += !want.empty();
          }
        }
      }
    }
  }
  EXPECT_GT(nonempty, compared / 4);  // the graphs are dense enough to find paths
}

TEST(SearchReference, PathsMatchBruteForceOnRandomGraphs) {
  std::unique_ptr<graph::Graph> g = RandomGraph(99, 25, 120);
  ASSERT_NE(g, nullptr);
  Engine engine(*g, nullptr);
  int nonempty = 0;
  for (graph::VertexId a = 0; a < g->num_vertices(); a += 3) {
    for (graph::VertexId b = 1; b < g->num_vertices(); b += 5) {
      if (a == b) continue;
      const std::string query = "paths " + g->entity(a).id + " -> " + g->entity(b).id + " top 4";
      Result<Answer> answer = engine.Run(query);
      ASSERT_TRUE(answer.ok()) << query << ": " << answer.status().ToString();
      std::vector<RefPath> want =
          Reference(*g, a, true, 3, 4, [&](graph::VertexId v) { return v == b; });
      ExpectSame(want, FromAnswer(*g, a, std::get<PathsAnswer>(answer->body).paths), query);
      nonempty += !want.empty();
    }
  }
  EXPECT_GT(nonempty, 10);
}

}  // namespace
}  // namespace corpgraph::query
