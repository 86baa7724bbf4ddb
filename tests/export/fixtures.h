// A small hand-built graph shared by the export tests (our own names and
// values, no corpus text). Built with Graph::FromRecords: no Store involved.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "graph/graph.h"

namespace corpgraph::exporter::testing {

inline graph::EntityRecord Entity(std::string id, std::string name, EntityType type,
                                  std::string subtype, int64_t mentions,
                                  std::map<std::string, std::string> attributes = {},
                                  std::vector<std::string> aliases = {}) {
  graph::EntityRecord e;
  e.id = std::move(id);
  e.name = std::move(name);
  e.type = type;
  e.subtype = std::move(subtype);
  e.mention_count = mentions;
  e.attributes = std::move(attributes);
  e.aliases = std::move(aliases);
  return e;
}

inline graph::RelationRecord Relation(int64_t key, std::string subject, RelationType type,
                                      std::string object, double strength, int64_t evidence,
                                      std::string first_seen, std::string last_seen,
                                      Modality modality = Modality::kAsserted,
                                      std::map<std::string, std::string> attributes = {}) {
  graph::RelationRecord r;
  r.key = key;
  r.subject_id = std::move(subject);
  r.type = type;
  r.object_id = std::move(object);
  r.strength = strength;
  r.evidence_count = evidence;
  r.first_seen = std::move(first_seen);
  r.last_seen = std::move(last_seen);
  r.modality = modality;
  r.attributes = std::move(attributes);
  return r;
}

// 11 entities (one taxonomy-only place without relations, one mentioned
// company without relations), 9 relations (one planned, one undated).
inline std::vector<graph::EntityRecord> SmallEntities() {
  using T = EntityType;
  return {
      Entity("org:alibaba", "Alibaba", T::kOrganization, "company", 5,
             {{"ticker", "BABA"}, {"exchange", "NYSE"}, {"hq", "place:CN"}}),
      Entity("org:apple", "Apple", T::kOrganization, "company", 3,
             {{"tickers", "NASDAQ:AAPL"}, {"hq", "place:US"}}),
      Entity("person:eddie-wu", "Eddie Wu", T::kPerson, "", 2),
      Entity("product:qwen3", "Qwen3", T::kProduct, "", 1),
      Entity("place:CN", "China", T::kPlace, "country", 2, {{"iso2", "CN"}}),
      Entity("place:US", "United States", T::kPlace, "country", 0, {{"iso2", "US"}}),
      Entity("place:ID", "Indonesia", T::kPlace, "country", 0, {{"iso2", "ID"}}),
      Entity("theme:ai", "AI", T::kTheme, "theme", 1),
      Entity("org:smith", "Smith & \"Sons\" \\ Ltd <b>", T::kOrganization, "company", 1,
             {{"note", "=HYPERLINK(\"http://x\")"}}),
      Entity("org:societe-generale", "Soci\u00e9t\u00e9 G\u00e9n\u00e9rale", T::kOrganization,
             "bank", 1, {{"hq", "place:FR"}}),
      Entity("org:telkom", "Telkom Indonesia", T::kOrganization, "company", 1),
  };
}

inline std::vector<graph::RelationRecord> SmallRelations() {
  using R = RelationType;
  return {
      Relation(1, "org:alibaba", R::kPartnerOf, "org:apple", 0.9, 3, "2024-01-10", "2024-03-02"),
      Relation(2, "person:eddie-wu", R::kExecutiveOf, "org:alibaba", 0.8, 2, "2023-09-10",
               "2024-02-01", Modality::kAsserted, {{"role", "CEO"}}),
      Relation(3, "org:alibaba", R::kProduces, "product:qwen3", 0.7, 1, "2024-04-01", "2024-04-01"),
      Relation(4, "org:alibaba", R::kOperatesIn, "place:CN", 0.95, 4, "2023-01-01", "2024-05-01"),
      Relation(5, "org:apple", R::kOperatesIn, "place:CN", 0.6, 1, "2022-06-01", "2022-06-01"),
      Relation(6, "org:alibaba", R::kAcquires, "org:smith", 0.4, 1, "2024-02-15", "2024-02-15",
               Modality::kPlanned),
      Relation(7, "org:smith", R::kHasTheme, "theme:ai", 0.5, 1, "", ""),
      Relation(8, "org:societe-generale", R::kInvestsIn, "org:alibaba", 0.3, 1, "2021-05-05",
               "2021-05-05"),
      Relation(9, "org:apple", R::kHeadquarteredIn, "place:US", 1.0, 1, "", ""),
  };
}

inline std::unique_ptr<graph::Graph> SmallGraph() {
  auto graph = graph::Graph::FromRecords(SmallEntities(), SmallRelations());
  if (!graph.ok()) return nullptr;
  return std::move(graph).value();
}

// The vertex of entity `id` (test helper: aborts the test via a null check in callers).
inline graph::VertexId V(const graph::Graph& graph, std::string_view id) {
  return graph.FindById(id).value();
}

}  // namespace corpgraph::exporter::testing
