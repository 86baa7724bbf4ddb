// Tests for graph/graph.h: the adjacency index, name lookup and suggestions,
// containment, and validation of records.
#include "graph/graph.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <span>
#include <tuple>

#include "tests/graph/random_facts.h"
#include "tests/graph/sql_util.h"

namespace corpgraph::graph {
namespace {

using testing::FillStoreWithRandomFacts;

EntityRecord MakeEntity(const std::string& id, const std::string& name, EntityType type,
                        int64_t mentions = 0, std::vector<std::string> aliases = {},
                        std::vector<std::string> parents = {},
                        std::map<std::string, std::string> attributes = {}) {
  EntityRecord entity;
  entity.id = id;
  entity.name = name;
  entity.type = type;
  entity.mention_count = mentions;
  entity.aliases = std::move(aliases);
  entity.parents = std::move(parents);
  entity.attributes = std::move(attributes);
  return entity;
}

RelationRecord MakeRelation(const std::string& subject, RelationType type,
                            const std::string& object, double strength = 0.5) {
  RelationRecord relation;
  relation.subject_id = subject;
  relation.type = type;
  relation.object_id = object;
  relation.strength = strength;
  relation.evidence_count = 1;
  return relation;
}

// A small world: Alibaba and its neighbours, plus a place hierarchy.
std::unique_ptr<Graph> SampleGraph() {
  std::vector<EntityRecord> entities = {
      MakeEntity("org:alibaba", "Alibaba", EntityType::kOrganization, 12, {"Alibaba Group"}, {},
                 {{"tickers", "NYSE:BABA, HKEX:9988"}}),
      MakeEntity("org:apple", "Apple", EntityType::kOrganization, 4, {}, {},
                 {{"ticker", "NASDAQ:AAPL"}}),
      MakeEntity("org:telkom", "Telkom Indonesia", EntityType::kOrganization, 2, {"Telkom"}),
      MakeEntity("org:amazon", "Amazon", EntityType::kOrganization, 1),
      MakeEntity("place:ID", "Indonesia", EntityType::kPlace, 3, {}, {"place:035", "place:142"}),
      MakeEntity("place:035", "South-eastern Asia", EntityType::kPlace, 0, {"Southeast Asia"},
                 {"place:142"}),
      MakeEntity("place:142", "Asia", EntityType::kPlace, 0),
      MakeEntity("place:CN", "China", EntityType::kPlace, 5, {}, {"place:142"}),
      // An unmentioned lexicon company sharing a name with a mentioned one.
      MakeEntity("org:apple-records", "Apple", EntityType::kOrganization, 0),
  };
  std::vector<RelationRecord> relations = {
      MakeRelation("org:alibaba", RelationType::kPartnerOf, "org:apple", 0.9),
      MakeRelation("org:alibaba", RelationType::kOperatesIn, "place:CN", 0.8),
      MakeRelation("org:alibaba", RelationType::kPartnerOf, "org:telkom", 0.7),
      MakeRelation("org:alibaba", RelationType::kCompetesWith, "org:amazon", 0.6),
      MakeRelation("org:telkom", RelationType::kOperatesIn, "place:ID", 0.9),
  };
  Result<std::unique_ptr<Graph>> graph =
      Graph::FromRecords(std::move(entities), std::move(relations));
  EXPECT_TRUE(graph.ok()) << graph.status().ToString();
  return std::move(graph).value();
}

VertexId Id(const Graph& graph, const std::string& id) {
  std::optional<VertexId> v = graph.FindById(id);
  EXPECT_TRUE(v.has_value()) << id;
  return v.value_or(0);
}

std::string AsciiLowerForTest(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

std::vector<std::string> Ids(const Graph& graph, const std::vector<VertexId>& vertices) {
  std::vector<std::string> ids;
  for (VertexId v : vertices) ids.push_back(graph.entity(v).id);
  return ids;
}

TEST(Graph, CountsAndEndpoints) {
  auto graph = SampleGraph();
  EXPECT_EQ(graph->num_vertices(), 9u);
  EXPECT_EQ(graph->num_relations(), 5u);
  EXPECT_EQ(graph->subject(0), Id(*graph, "org:alibaba"));
  EXPECT_EQ(graph->object(0), Id(*graph, "org:apple"));
  EXPECT_EQ(graph->relation(4).object_id, "place:ID");
  EXPECT_FALSE(graph->FindById("org:nobody").has_value());
}

TEST(Graph, LookupMatchesIdNameAliasAndTickerIgnoringCase) {
  auto graph = SampleGraph();
  struct Case {
    const char* query;
    std::vector<std::string> expected;
  };
  const Case cases[] = {
      {"Alibaba", {"org:alibaba"}},
      {"  alibaba GROUP ", {"org:alibaba"}},
      {"org:alibaba", {"org:alibaba"}},
      {"BABA", {"org:alibaba"}},
      {"nyse:baba", {"org:alibaba"}},
      {"9988", {"org:alibaba"}},
      {"HKEX:9988", {"org:alibaba"}},
      {"AAPL", {"org:apple"}},
      {"telkom", {"org:telkom"}},
      {"southeast asia", {"place:035"}},
      // Mentioned entities first, then by mention count, then id.
      {"apple", {"org:apple", "org:apple-records"}},
      {"Alibab", {}},
      {"", {}},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(Ids(*graph, graph->Lookup(c.query)), c.expected) << c.query;
  }
}

TEST(Graph, AdjacentListsBothDirectionsGroupedByType) {
  auto graph = SampleGraph();
  const VertexId alibaba = Id(*graph, "org:alibaba");
  auto hops = graph->Adjacent(alibaba);
  ASSERT_EQ(hops.size(), 4u);
  // partner_of (apple, telkom by vertex order), competes_with, operates_in: enum order.
  std::vector<RelationType> types;
  for (const Hop& hop : hops) {
    types.push_back(graph->relation(hop.relation).type);
    EXPECT_TRUE(hop.outgoing);
    EXPECT_EQ(graph->subject(hop.relation), alibaba);
    EXPECT_EQ(graph->object(hop.relation), hop.neighbor);
  }
  EXPECT_EQ(types,
            (std::vector<RelationType>{RelationType::kPartnerOf, RelationType::kPartnerOf,
                                       RelationType::kCompetesWith, RelationType::kOperatesIn}));
  EXPECT_EQ(hops[0].neighbor, Id(*graph, "org:apple"));
  EXPECT_EQ(hops[1].neighbor, Id(*graph, "org:telkom"));

  const VertexId telkom = Id(*graph, "org:telkom");
  auto telkom_hops = graph->Adjacent(telkom);
  ASSERT_EQ(telkom_hops.size(), 2u);
  EXPECT_EQ(telkom_hops[0].neighbor, alibaba);
  EXPECT_FALSE(telkom_hops[0].outgoing) << "Telkom is the stored object of the partnership";
  EXPECT_EQ(graph->relation(telkom_hops[0].relation).type, RelationType::kPartnerOf);
  EXPECT_EQ(telkom_hops[1].neighbor, Id(*graph, "place:ID"));
  EXPECT_TRUE(telkom_hops[1].outgoing);

  const VertexId indonesia = Id(*graph, "place:ID");
  ASSERT_EQ(graph->Adjacent(indonesia).size(), 1u);
  EXPECT_FALSE(graph->Adjacent(indonesia)[0].outgoing);
  EXPECT_TRUE(graph->Adjacent(Id(*graph, "place:142")).empty());
}

TEST(Graph, EveryRelationAppearsOnceFromEachEnd) {
  auto graph = SampleGraph();
  std::vector<int> outgoing(graph->num_relations(), 0);
  std::vector<int> incoming(graph->num_relations(), 0);
  for (VertexId v = 0; v < graph->num_vertices(); ++v) {
    for (const Hop& hop : graph->Adjacent(v)) {
      (hop.outgoing ? outgoing : incoming)[hop.relation]++;
      EXPECT_EQ(hop.outgoing ? graph->subject(hop.relation) : graph->object(hop.relation), v);
      EXPECT_EQ(hop.outgoing ? graph->object(hop.relation) : graph->subject(hop.relation),
                hop.neighbor);
    }
  }
  EXPECT_EQ(outgoing, std::vector<int>(graph->num_relations(), 1));
  EXPECT_EQ(incoming, std::vector<int>(graph->num_relations(), 1));
  // Per relation two 4-byte entries and a row offset; a row offset per vertex.
  EXPECT_EQ(graph->IndexBytes(), 12u * graph->num_relations() + 4 * (graph->num_vertices() + 1));
}

TEST(Graph, IsWithinFollowsParents) {
  auto graph = SampleGraph();
  const VertexId indonesia = Id(*graph, "place:ID");
  const VertexId southeast = Id(*graph, "place:035");
  const VertexId asia = Id(*graph, "place:142");
  const VertexId china = Id(*graph, "place:CN");
  EXPECT_TRUE(graph->IsWithin(indonesia, indonesia));
  EXPECT_TRUE(graph->IsWithin(indonesia, southeast));
  EXPECT_TRUE(graph->IsWithin(indonesia, asia));
  EXPECT_TRUE(graph->IsWithin(china, asia));
  EXPECT_FALSE(graph->IsWithin(china, southeast));
  EXPECT_FALSE(graph->IsWithin(asia, indonesia));
  EXPECT_FALSE(graph->IsWithin(Id(*graph, "org:alibaba"), china));
}

TEST(Graph, SuggestRanksPrefixThenEditDistance) {
  auto graph = SampleGraph();
  EXPECT_EQ(Ids(*graph, graph->Suggest("Alibab", 3)), std::vector<std::string>{"org:alibaba"});
  EXPECT_EQ(Ids(*graph, graph->Suggest("Amazn", 3)), std::vector<std::string>{"org:amazon"});
  EXPECT_EQ(Ids(*graph, graph->Suggest("TELKOM", 1)), std::vector<std::string>{"org:telkom"});
  // "Asia" exactly, then names starting with "asia"... none, then containing it.
  std::vector<std::string> asia = Ids(*graph, graph->Suggest("asia", 5));
  ASSERT_GE(asia.size(), 2u);
  EXPECT_EQ(asia[0], "place:142");
  EXPECT_EQ(asia[1], "place:035");
  // Two Apples: the mentioned one first; limit honoured.
  EXPECT_EQ(Ids(*graph, graph->Suggest("appel", 2)),
            (std::vector<std::string>{"org:apple", "org:apple-records"}));
  EXPECT_EQ(graph->Suggest("appel", 1).size(), 1u);
  EXPECT_TRUE(graph->Suggest("zzzzzzzz", 5).empty());
  EXPECT_TRUE(graph->Suggest("", 5).empty());
}

// The name index (hashes, runs in Lookup order) and FindById's binary search
// against a naive scan, with entities given in id order (Load's case) and
// shuffled (FromRecords'), many sharing names and aliases.
TEST(Graph, NameIndexAndFindByIdMatchNaiveScan) {
  for (bool shuffled : {false, true}) {
    std::vector<EntityRecord> entities;
    for (int i = 0; i < 3000; ++i) {
      char id[32];
      std::snprintf(id, sizeof id, "org:e%05d", i);
      entities.push_back(MakeEntity(
          id, "Name " + std::to_string(i % 97), EntityType::kOrganization, (i * 7) % 5,
          {"Alias " + std::to_string(i % 13), std::string("ALIAS ") + std::to_string(i % 13)}));
    }
    if (shuffled) std::reverse(entities.begin(), entities.end());
    const std::vector<EntityRecord> copy = entities;
    Result<std::unique_ptr<Graph>> built = Graph::FromRecords(std::move(entities), {});
    ASSERT_TRUE(built.ok()) << built.status().ToString();
    const Graph& graph = **built;
    auto naive = [&](const std::string& query) {
      std::vector<const EntityRecord*> hits;
      for (const EntityRecord& e : copy) {
        bool match = e.id == query || AsciiLowerForTest(e.name) == query;
        for (const std::string& alias : e.aliases)
          match = match || AsciiLowerForTest(alias) == query;
        if (match) hits.push_back(&e);
      }
      std::sort(hits.begin(), hits.end(), [](const EntityRecord* a, const EntityRecord* b) {
        if (a->mention_count != b->mention_count) return a->mention_count > b->mention_count;
        return a->id < b->id;
      });
      std::vector<std::string> ids;
      for (const EntityRecord* e : hits) ids.push_back(e->id);
      return ids;
    };
    std::vector<std::string> queries = {"name 5", "alias 12", "org:e00042", "name 97", "nobody"};
    for (const std::string& query : queries) {
      const std::vector<std::string> expected = naive(query);
      EXPECT_EQ(Ids(graph, graph.Lookup(query)), expected) << query << " shuffled=" << shuffled;
      const std::span<const VertexId> view = graph.LookupView(query);
      EXPECT_EQ(Ids(graph, std::vector<VertexId>(view.begin(), view.end())), expected) << query;
    }
    EXPECT_EQ(naive("name 5").size(), 31u);  // the queries do hit runs of many vertices
    for (const EntityRecord& e : copy) {
      std::optional<VertexId> v = graph.FindById(e.id);
      ASSERT_TRUE(v.has_value()) << e.id;
      EXPECT_EQ(graph.entity(*v).id, e.id);
    }
    EXPECT_FALSE(graph.FindById("org:e99999").has_value());
    EXPECT_FALSE(graph.FindById("").has_value());
  }
}

TEST(Graph, FromRecordsRejectsUnknownEndpointsAndDuplicates) {
  std::vector<EntityRecord> entities = {MakeEntity("org:acme", "Acme", EntityType::kOrganization)};
  Result<std::unique_ptr<Graph>> graph = Graph::FromRecords(
      entities, {MakeRelation("org:acme", RelationType::kAcquires, "org:ghost")});
  ASSERT_FALSE(graph.ok());
  EXPECT_EQ(graph.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(graph.status().message().find("unknown object entity 'org:ghost'"), std::string::npos)
      << graph.status().message();

  graph = Graph::FromRecords(entities,
                             {MakeRelation("org:phantom", RelationType::kAcquires, "org:acme")});
  ASSERT_FALSE(graph.ok());
  EXPECT_NE(graph.status().message().find("unknown subject entity 'org:phantom'"),
            std::string::npos);

  entities.push_back(entities[0]);
  graph = Graph::FromRecords(entities, {});
  ASSERT_FALSE(graph.ok());
  EXPECT_EQ(graph.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(graph.status().message().find("'org:acme': listed twice"), std::string::npos);

  graph = Graph::FromRecords({}, {});
  ASSERT_TRUE(graph.ok());
  EXPECT_EQ((*graph)->num_vertices(), 0u);
  EXPECT_TRUE((*graph)->Adjacent(0).empty());
}

TEST(Graph, LoadsFromStore) {
  Result<std::unique_ptr<Store>> store = Store::Open(":memory:", OpenMode::kReadWrite);
  ASSERT_TRUE(store.ok());
  Entity cn;
  cn.id = "place:CN";
  cn.name = "China";
  cn.type = EntityType::kPlace;
  cn.parents = {"place:142"};
  Entity asia;
  asia.id = "place:142";
  asia.name = "Asia";
  asia.type = EntityType::kPlace;
  ASSERT_TRUE((*store)->PutTaxonomy({cn, asia}).ok());
  Extraction extraction;
  Entity alibaba;
  alibaba.id = "org:alibaba";
  alibaba.name = "Alibaba";
  alibaba.attributes = {{"tickers", "NYSE:BABA"}};
  alibaba.mentions.push_back(Mention{Span{0, 7}, "Alibaba"});
  extraction.entities.push_back(alibaba);
  Fact fact;
  fact.subject = EntityRef{"org:apple", "Apple", EntityType::kOrganization};
  fact.relation = RelationType::kPartnerOf;
  fact.object = EntityRef{"org:alibaba", "Alibaba", EntityType::kOrganization};
  fact.confidence = 0.9;
  fact.evidence.sentence = "Apple partnered with Alibaba.";
  extraction.facts.push_back(fact);
  fact.subject = EntityRef{"org:alibaba", "Alibaba", EntityType::kOrganization};
  fact.relation = RelationType::kOperatesIn;
  fact.object = EntityRef{"place:CN", "China", EntityType::kPlace};
  fact.evidence.sentence = "Alibaba operates in China.";
  extraction.facts.push_back(fact);
  Document doc;
  doc.id = "d1";
  ASSERT_TRUE((*store)->PutDocument(doc, extraction).ok());

  Result<std::unique_ptr<Graph>> graph = Graph::Load(**store);
  ASSERT_TRUE(graph.ok()) << graph.status().ToString();
  const Graph& g = **graph;
  EXPECT_EQ(g.num_vertices(), 4u);
  EXPECT_EQ(g.num_relations(), 2u);
  const std::vector<VertexId> found = g.Lookup("baba");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(g.entity(found[0]).id, "org:alibaba");
  auto hops = g.Adjacent(found[0]);
  ASSERT_EQ(hops.size(), 2u);
  // Symmetric partner_of was stored as alibaba -> apple.
  EXPECT_EQ(g.entity(hops[0].neighbor).id, "org:apple");
  EXPECT_TRUE(hops[0].outgoing);
  EXPECT_EQ(g.entity(hops[1].neighbor).id, "place:CN");
  EXPECT_TRUE(g.IsWithin(hops[1].neighbor, Id(g, "place:142")));
  EXPECT_DOUBLE_EQ(g.relation(hops[0].relation).strength, 0.9);
}

// Graph::Load's fast path (integer columns, counting sorts, records built on
// demand) against the reference: FromRecords over LoadEntities/LoadRelations.
// Same relation order, same records, same adjacency, on a store with
// replacements, symmetric types, modalities, attributes, dates and a self-loop.
// Graph::Load(store) against FromRecords(LoadEntities, LoadRelations).
void ExpectLoadMatchesFromRecords(Store& store) {
  Result<std::unique_ptr<Graph>> loaded = Graph::Load(store);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  Result<std::vector<EntityRecord>> entities = store.LoadEntities();
  Result<std::vector<RelationRecord>> relations = store.LoadRelations();
  ASSERT_TRUE(entities.ok() && relations.ok());
  Result<std::unique_ptr<Graph>> reference =
      Graph::FromRecords(std::move(*entities), std::move(*relations));
  ASSERT_TRUE(reference.ok()) << reference.status().ToString();
  const Graph& g = **loaded;
  const Graph& want = **reference;
  ASSERT_EQ(g.num_vertices(), want.num_vertices());
  ASSERT_EQ(g.num_relations(), want.num_relations());
  ASSERT_GT(g.num_relations(), 100u);
  bool saw_attributes = false;
  for (RelationIndex r = 0; r < g.num_relations(); ++r) {
    const RelationRecord& a = g.relation(r);
    const RelationRecord& b = want.relation(r);
    ASSERT_EQ(a.key, b.key) << r;
    testing::ExpectSameRelationRecord(a, b, r);
    EXPECT_EQ(&g.relation(r), &a) << "records are built once";
    EXPECT_EQ(g.relation_type(r), b.type);
    EXPECT_EQ(g.subject(r), want.subject(r));
    EXPECT_EQ(g.object(r), want.object(r));
    saw_attributes = saw_attributes || !a.attributes.empty();
  }
  EXPECT_TRUE(saw_attributes);
  for (VertexId v = 0; v < g.num_vertices(); ++v) {
    const HopRange got = g.Adjacent(v);
    const HopRange expected = want.Adjacent(v);
    ASSERT_EQ(got.size(), expected.size()) << v;
    for (size_t i = 0; i < got.size(); ++i) {
      EXPECT_EQ(got[i].neighbor, expected[i].neighbor) << v << " " << i;
      EXPECT_EQ(got[i].relation, expected[i].relation) << v << " " << i;
      EXPECT_EQ(got[i].outgoing, expected[i].outgoing) << v << " " << i;
    }
    // The documented order, checked naively: type, neighbour, relation, outgoing first.
    EXPECT_TRUE(std::is_sorted(got.begin(), got.end(), [&](const Hop& x, const Hop& y) {
      return std::make_tuple(g.relation_type(x.relation), x.neighbor, x.relation, !x.outgoing) <
             std::make_tuple(g.relation_type(y.relation), y.neighbor, y.relation, !y.outgoing);
    })) << v;
    // The entity-side indexes (built on a second thread by Load) agree too.
    const EntityRecord& entity = g.entity(v);
    EXPECT_EQ(g.FindById(entity.id), std::optional<VertexId>(v)) << v;
    EXPECT_EQ(g.Lookup(entity.name), want.Lookup(entity.name)) << v;
    EXPECT_EQ(g.Lookup(entity.id), want.Lookup(entity.id)) << v;
  }
  // 4 bytes per adjacency entry, two entries and a row offset per relation, 4 per vertex.
  EXPECT_EQ(g.IndexBytes(), (g.num_vertices() + 1) * 4 + g.num_relations() * 12);
}

// An in-memory store: Load reads entities and relations one after the other.
TEST(Graph, LoadMatchesFromRecordsOfTheStore) {
  Result<std::unique_ptr<Store>> store = Store::Open(":memory:", OpenMode::kReadWrite);
  ASSERT_TRUE(store.ok());
  FillStoreWithRandomFacts(**store);
  ExpectLoadMatchesFromRecords(**store);
}

using testing::RawSql;
using testing::TempDbPath;

// A database file: Load reads entities and relations on two connections at
// once (Store::ReadInParallel), read-write and read-only.
TEST(Graph, LoadMatchesFromRecordsOfAStoreFile) {
  const std::string path = TempDbPath();
  {
    Result<std::unique_ptr<Store>> store = Store::Open(path, OpenMode::kReadWrite);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    FillStoreWithRandomFacts(**store);
    ExpectLoadMatchesFromRecords(**store);
  }
  Result<std::unique_ptr<Store>> store = Store::Open(path, OpenMode::kReadOnly);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  ExpectLoadMatchesFromRecords(**store);
}

// Entity keys far apart (a key beyond 32 bits: the hash-map path of the key
// to vertex mapping) still load like the records say.
TEST(Graph, LoadMapsEntityKeysBeyond32Bits) {
  const std::string path = TempDbPath();
  {
    Result<std::unique_ptr<Store>> store = Store::Open(path, OpenMode::kReadWrite);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    FillStoreWithRandomFacts(**store);
  }
  RawSql(path,
         "INSERT INTO entities(key, id, name, type) VALUES "
         "(1000000000000, 'org:far', 'Far Away Holdings', 'organization');"
         "INSERT INTO entity_counts(entity_key, mentions, relations) VALUES "
         "(1000000000000, 1, 2);"
         "INSERT INTO relations(subject_key, type, object_key, modality, strength, "
         "evidence_count, first_seen, last_seen) SELECT 1000000000000, type, object_key, "
         "modality, strength, 1, first_seen, last_seen FROM relations ORDER BY key LIMIT 1;"
         "INSERT INTO relations(subject_key, type, object_key, modality, strength, "
         "evidence_count, first_seen, last_seen) SELECT subject_key, type, 1000000000000, "
         "modality, strength, 1, first_seen, last_seen FROM relations ORDER BY key LIMIT 1;");
  Result<std::unique_ptr<Store>> store = Store::Open(path, OpenMode::kReadOnly);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  ExpectLoadMatchesFromRecords(**store);
  Result<std::unique_ptr<Graph>> graph = Graph::Load(**store);
  ASSERT_TRUE(graph.ok()) << graph.status().ToString();
  const std::optional<VertexId> far = (*graph)->FindById("org:far");
  ASSERT_TRUE(far.has_value());
  EXPECT_EQ((*graph)->Adjacent(*far).size(), 2u);
}

// Load scans relations by key range on two connections: relation keys with
// wide gaps (many small ranges, some empty) and keys beyond 32 bits (the
// ranges then split unevenly) load like the records say.
TEST(Graph, LoadMatchesFromRecordsWithSparseAndWideRelationKeys) {
  const char* kRekeys[] = {
      "UPDATE relations SET key = key * 1000; UPDATE evidence SET relation_key = relation_key * "
      "1000;",
      "UPDATE relations SET key = key + 10000000000 WHERE key % 3 = 0; UPDATE evidence SET "
      "relation_key = relation_key + 10000000000 WHERE relation_key % 3 = 0;",
  };
  for (const char* rekey : kRekeys) {
    const std::string path = TempDbPath();
    {
      Result<std::unique_ptr<Store>> store = Store::Open(path, OpenMode::kReadWrite);
      ASSERT_TRUE(store.ok()) << store.status().ToString();
      FillStoreWithRandomFacts(**store);
    }
    RawSql(path, std::string("PRAGMA foreign_keys = OFF;") + rekey);
    Result<std::unique_ptr<Store>> store = Store::Open(path, OpenMode::kReadOnly);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    Result<int64_t> max_key = (*store)->MaxRelationKey();
    ASSERT_TRUE(max_key.ok());
    EXPECT_GT(*max_key, 100000) << rekey;
    for (int run = 0; run < 3; ++run) ExpectLoadMatchesFromRecords(**store);
  }
}

// A relation whose endpoint is no entity (a store damaged by hand, foreign
// keys off) is DataLoss naming the relation, for a small key and a key
// beyond 32 bits alike.
TEST(Graph, LoadRejectsARelationNamingAMissingEntity) {
  for (const char* missing_key : {"777777", "5000000000"}) {
    const std::string path = TempDbPath();
    {
      Result<std::unique_ptr<Store>> store = Store::Open(path, OpenMode::kReadWrite);
      ASSERT_TRUE(store.ok()) << store.status().ToString();
      FillStoreWithRandomFacts(**store);
    }
    RawSql(path, std::string("PRAGMA foreign_keys = OFF; INSERT INTO relations(key, subject_key, "
                             "type, object_key, modality, strength, evidence_count, first_seen, "
                             "last_seen) SELECT 424242, subject_key, type, ") +
                     missing_key +
                     ", modality, strength, 1, first_seen, last_seen FROM relations ORDER BY "
                     "key LIMIT 1;");
    Result<std::unique_ptr<Store>> store = Store::Open(path, OpenMode::kReadOnly);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    Result<std::unique_ptr<Graph>> graph = Graph::Load(**store);
    ASSERT_FALSE(graph.ok()) << missing_key;
    EXPECT_EQ(graph.status().code(), StatusCode::kDataLoss) << missing_key;
    EXPECT_NE(graph.status().ToString().find("relation 424242 names a missing entity"),
              std::string::npos)
        << graph.status().ToString();
  }
}

// The adjacency against a naive reference built from the relations alone: two
// hops per relation, sorted per vertex by type, neighbour, relation, outgoing
// first. Parallel relations, both directions between a pair, self-relations
// (two on one vertex) and vertices without relations.
TEST(Graph, AdjacentMatchesNaiveReference) {
  std::vector<EntityRecord> entities;
  for (int i = 0; i < 12; ++i) {
    entities.push_back(MakeEntity("org:e" + std::to_string(10 + i), "E" + std::to_string(i),
                                  EntityType::kOrganization, i));
  }
  const RelationType kTypes[] = {RelationType::kPartnerOf, RelationType::kSupplies,
                                 RelationType::kCompetesWith, RelationType::kAcquires};
  std::vector<RelationRecord> relations;
  uint32_t seed = 11;
  auto next = [&seed](uint32_t n) {
    seed = seed * 1103515245u + 12345u;
    return (seed >> 8) % n;
  };
  for (int r = 0; r < 80; ++r) {
    const uint32_t a = next(10);  // entities 10 and 11 stay without relations
    const uint32_t b = r % 9 == 0 ? a : next(10);
    relations.push_back(
        MakeRelation(entities[a].id, kTypes[next(std::size(kTypes))], entities[b].id));
  }
  relations.push_back(MakeRelation("org:e13", RelationType::kPartnerOf, "org:e13"));
  relations.push_back(MakeRelation("org:e13", RelationType::kSupplies, "org:e13"));
  Result<std::unique_ptr<Graph>> graph = Graph::FromRecords(entities, relations);
  ASSERT_TRUE(graph.ok()) << graph.status().ToString();
  const Graph& g = **graph;

  std::vector<std::vector<std::tuple<RelationType, VertexId, RelationIndex, bool>>> expected(
      g.num_vertices());
  for (RelationIndex r = 0; r < g.num_relations(); ++r) {
    const RelationRecord& relation = g.relation(r);
    const VertexId s = *g.FindById(relation.subject_id);
    const VertexId o = *g.FindById(relation.object_id);
    expected[s].emplace_back(relation.type, o, r, false);  // false sorts first: outgoing
    expected[o].emplace_back(relation.type, s, r, true);
  }
  for (VertexId v = 0; v < g.num_vertices(); ++v) {
    std::sort(expected[v].begin(), expected[v].end());
    const HopRange hops = g.Adjacent(v);
    ASSERT_EQ(hops.size(), expected[v].size()) << v;
    size_t i = 0;
    for (const Hop& hop : hops) {
      const auto& [type, neighbor, relation, incoming] = expected[v][i++];
      EXPECT_EQ(hop.neighbor, neighbor) << v << " " << i;
      EXPECT_EQ(hop.relation, relation) << v << " " << i;
      EXPECT_EQ(hop.outgoing, !incoming) << v << " " << i;
      EXPECT_EQ(g.relation_type(hop.relation), type) << v << " " << i;
    }
  }
  EXPECT_TRUE(g.Adjacent(*g.FindById("org:e20")).empty());
  EXPECT_TRUE(g.Adjacent(static_cast<VertexId>(g.num_vertices())).empty());
}

}  // namespace
}  // namespace corpgraph::graph
