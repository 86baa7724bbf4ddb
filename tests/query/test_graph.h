// A hand-built graph for the query tests: places with a hierarchy, themes,
// and relations that exercise every exposure direction rule.
//
//   Apple —partner_of— Alibaba —operates_in→ China ⊂ Eastern Asia ⊂ Asia
//   Foxconn —supplies→ Apple; Foxconn —operates_in→ Vietnam ⊂ South-eastern Asia ⊂ Asia
//   Apple —operates_in→ China (0.5); Apple —headquartered_in→ United States
//   Apple —competes_with— Samsung —operates_in→ South Korea      (not walked by default)
//   Apple —acquires→ Rumorco [denied] —operates_in→ Indonesia   (skipped unless unconfirmed)
//   Unitco —subsidiary_of→ Holdco; Unitco —operates_in→ Japan; Holdco —operates_in→ US
//   Fund —invests_in→ Startup —operates_in→ India; Fund —operates_in→ US
//   Alibaba —has_theme→ Large language models ⊂ AI; Tim Cook —executive_of→ Apple
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "graph/graph.h"

namespace corpgraph::query::testing {

inline graph::EntityRecord Org(std::string id, std::string name, int64_t mentions,
                               std::vector<std::string> aliases = {}) {
  graph::EntityRecord e;
  e.id = std::move(id);
  e.name = std::move(name);
  e.type = EntityType::kOrganization;
  e.subtype = "company";
  e.aliases = std::move(aliases);
  e.mention_count = mentions;
  return e;
}

inline graph::EntityRecord Node(std::string id, std::string name, EntityType type,
                                std::string subtype, std::vector<std::string> parents) {
  graph::EntityRecord e;
  e.id = std::move(id);
  e.name = std::move(name);
  e.type = type;
  e.subtype = std::move(subtype);
  e.parents = std::move(parents);
  return e;
}

inline graph::RelationRecord Rel(int64_t key, std::string subject, RelationType type,
                                 std::string object, double strength,
                                 Modality modality = Modality::kAsserted,
                                 std::string first_seen = "2024-03-01",
                                 std::string last_seen = "2024-06-30") {
  graph::RelationRecord r;
  r.key = key;
  r.subject_id = std::move(subject);
  r.type = type;
  r.object_id = std::move(object);
  r.strength = strength;
  r.modality = modality;
  r.evidence_count = 1;
  r.first_seen = std::move(first_seen);
  r.last_seen = std::move(last_seen);
  return r;
}

inline std::vector<graph::EntityRecord> TestEntities() {
  using T = EntityType;
  graph::EntityRecord apple = Org("org:apple", "Apple", 9, {"Apple Inc."});
  apple.attributes["ticker"] = "AAPL";
  apple.attributes["hq"] = "US";
  graph::EntityRecord tim = Org("person:tim-cook", "Tim Cook", 2);
  tim.type = T::kPerson;
  tim.subtype = "";
  return {
      apple,
      Org("org:alibaba", "Alibaba", 8, {"Alibaba Group", "BABA"}),
      Org("org:foxconn", "Foxconn", 4, {"Hon Hai"}),
      Org("org:samsung", "Samsung", 3),
      Org("org:rumorco", "Rumorco", 1),
      Org("org:unitco", "Unitco", 2),
      Org("org:holdco", "Holdco", 2),
      Org("org:fund", "Fund", 1),
      Org("org:startup", "Startup", 1),
      tim,
      Node("place:asia", "Asia", T::kPlace, "region", {}),
      Node("place:eastern-asia", "Eastern Asia", T::kPlace, "region", {"place:asia"}),
      Node("place:south-eastern-asia", "South-eastern Asia", T::kPlace, "region", {"place:asia"}),
      Node("place:southern-asia", "Southern Asia", T::kPlace, "region", {"place:asia"}),
      Node("place:americas", "Americas", T::kPlace, "region", {}),
      Node("place:CN", "China", T::kPlace, "country", {"place:eastern-asia", "place:asia"}),
      Node("place:KR", "South Korea", T::kPlace, "country", {"place:eastern-asia", "place:asia"}),
      Node("place:JP", "Japan", T::kPlace, "country", {"place:eastern-asia", "place:asia"}),
      Node("place:VN", "Vietnam", T::kPlace, "country", {"place:south-eastern-asia", "place:asia"}),
      Node("place:ID", "Indonesia", T::kPlace, "country",
           {"place:south-eastern-asia", "place:asia"}),
      Node("place:IN", "India", T::kPlace, "country", {"place:southern-asia", "place:asia"}),
      Node("place:US", "United States", T::kPlace, "country", {"place:americas"}),
      Node("theme:ai", "AI", T::kTheme, "", {}),
      Node("theme:llm", "Large language models", T::kTheme, "", {"theme:ai"}),
  };
}

inline std::vector<graph::RelationRecord> TestRelations() {
  using R = RelationType;
  return {
      Rel(1, "org:alibaba", R::kPartnerOf, "org:apple", 0.9),
      Rel(2, "org:alibaba", R::kOperatesIn, "place:CN", 0.8),
      Rel(3, "org:foxconn", R::kSupplies, "org:apple", 0.7),
      Rel(4, "org:foxconn", R::kOperatesIn, "place:VN", 0.9),
      Rel(5, "org:apple", R::kOperatesIn, "place:CN", 0.5, Modality::kAsserted, "2022-01-10",
          "2022-02-01"),
      Rel(6, "org:apple", R::kHeadquarteredIn, "place:US", 0.99),
      Rel(7, "org:apple", R::kCompetesWith, "org:samsung", 0.9),
      Rel(8, "org:samsung", R::kOperatesIn, "place:KR", 0.9),
      Rel(9, "org:apple", R::kAcquires, "org:rumorco", 0.95, Modality::kDenied),
      Rel(10, "org:rumorco", R::kOperatesIn, "place:ID", 0.9),
      Rel(11, "org:unitco", R::kSubsidiaryOf, "org:holdco", 0.8),
      Rel(12, "org:unitco", R::kOperatesIn, "place:JP", 0.9),
      Rel(13, "org:holdco", R::kOperatesIn, "place:US", 0.9),
      Rel(14, "org:fund", R::kInvestsIn, "org:startup", 0.6),
      Rel(15, "org:startup", R::kOperatesIn, "place:IN", 0.7),
      Rel(16, "org:fund", R::kOperatesIn, "place:US", 0.9),
      Rel(17, "org:alibaba", R::kHasTheme, "theme:llm", 0.9),
      Rel(18, "person:tim-cook", R::kExecutiveOf, "org:apple", 0.9),
  };
}

inline std::unique_ptr<graph::Graph> TestGraph() {
  auto graph = graph::Graph::FromRecords(TestEntities(), TestRelations());
  if (!graph.ok()) return nullptr;
  return std::move(graph).value();
}

}  // namespace corpgraph::query::testing
