// Tests for graph/store.h: schema and open errors, merging documents into
// entities and relations, aggregates, replacement, search, determinism, locking.
#include "graph/store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <future>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "graph/internal/text_codec.h"
#include "tests/graph/sql_util.h"

namespace corpgraph::graph {
namespace {

namespace fs = std::filesystem;

using testing::TempDbPath;

std::unique_ptr<Store> OpenOrDie(const std::string& path, OpenMode mode = OpenMode::kReadWrite) {
  Result<std::unique_ptr<Store>> store = Store::Open(path, mode);
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  return store.ok() ? std::move(store).value() : nullptr;
}

using testing::RawSql;

Document Doc(const std::string& id, const std::string& date = "2024-05-01") {
  Document doc;
  doc.id = id;
  doc.source = "corpus/" + id + ".txt";
  doc.title = "Title of " + id;
  doc.date = date;
  doc.sha256 = "hash-" + id;
  return doc;
}

Entity Org(const std::string& id, const std::string& name, std::vector<std::string> aliases = {},
           uint32_t mention_start = 0) {
  Entity entity;
  entity.id = id;
  entity.name = name;
  entity.type = EntityType::kOrganization;
  entity.subtype = "company";
  entity.aliases = std::move(aliases);
  entity.mentions.push_back(
      Mention{Span{mention_start, mention_start + static_cast<uint32_t>(name.size())}, name});
  return entity;
}

Fact MakeFact(const std::string& subject_id, const std::string& subject_name, RelationType relation,
              const std::string& object_id, const std::string& object_name, double confidence,
              const std::string& sentence, const std::string& date = "") {
  Fact fact;
  fact.subject = EntityRef{subject_id, subject_name, EntityType::kOrganization};
  fact.object = EntityRef{object_id, object_name, EntityType::kOrganization};
  fact.relation = relation;
  fact.confidence = confidence;
  fact.evidence.sentence = sentence;
  fact.evidence.sentence_span = Span{0, static_cast<uint32_t>(sentence.size())};
  fact.evidence.subject_span = Span{0, 3};
  fact.evidence.object_span = Span{5, 9};
  fact.evidence.rule = "test.rule";
  fact.evidence.confidence = confidence;
  fact.evidence.date = date;
  return fact;
}

const RelationRecord* FindRelation(const std::vector<RelationRecord>& relations,
                                   const std::string& subject, RelationType type,
                                   const std::string& object) {
  for (const RelationRecord& relation : relations) {
    if (relation.subject_id == subject && relation.type == type && relation.object_id == object) {
      return &relation;
    }
  }
  return nullptr;
}

TEST(Store, CreatesSchemaWithVersionAndWal) {
  const std::string path = TempDbPath();
  auto store = OpenOrDie(path);
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->path(), path);
  Result<std::optional<std::string>> version = store->GetMetadata("schema_version");
  ASSERT_TRUE(version.ok());
  ASSERT_TRUE(version->has_value());
  EXPECT_EQ(**version, std::to_string(kSchemaVersion));
  store.reset();

  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &stmt, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)), "wal");
  sqlite3_finalize(stmt);
  for (const char* table :
       {"metadata", "vocabulary", "documents", "entities", "aliases", "mentions", "relations",
        "sentences", "evidence", "sentence_fts", "entity_counts"}) {
    ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_master WHERE name = ?1", -1,
                                 &stmt, nullptr),
              SQLITE_OK);
    sqlite3_bind_text(stmt, 1, table, -1, SQLITE_STATIC);
    ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
    EXPECT_EQ(sqlite3_column_int(stmt, 0), 1) << table;
    sqlite3_finalize(stmt);
  }
  sqlite3_close(db);
}

TEST(Store, ReopensReadOnlyAndRefusesWrites) {
  const std::string path = TempDbPath();
  {
    auto store = OpenOrDie(path);
    Extraction extraction;
    extraction.entities.push_back(Org("org:alibaba", "Alibaba"));
    ASSERT_TRUE(store->PutDocument(Doc("d1"), extraction).ok());
    ASSERT_TRUE(store->SetMetadata("corpus_root", "/news").ok());
  }
  auto store = OpenOrDie(path, OpenMode::kReadOnly);
  ASSERT_NE(store, nullptr);
  Result<StoreStats> stats = store->Stats();
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(stats->documents, 1);
  EXPECT_EQ(stats->entities, 1);
  Result<std::optional<std::string>> root = store->GetMetadata("corpus_root");
  ASSERT_TRUE(root.ok());
  EXPECT_EQ(root->value_or(""), "/news");
  Result<std::optional<std::string>> hash = store->DocumentHash("d1");
  ASSERT_TRUE(hash.ok());
  EXPECT_EQ(hash->value_or(""), "hash-d1");
  Result<std::optional<std::string>> missing = store->DocumentHash("d2");
  ASSERT_TRUE(missing.ok());
  EXPECT_FALSE(missing->has_value());

  Status put = store->PutDocument(Doc("d2"), Extraction{});
  EXPECT_EQ(put.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(put.message().find("read-only"), std::string::npos) << put.message();
  EXPECT_EQ(store->BeginBatch().code(), StatusCode::kFailedPrecondition);
}

TEST(Store, MissingFileReadOnlyIsNotFound) {
  const std::string path = TempDbPath();
  Result<std::unique_ptr<Store>> store = Store::Open(path, OpenMode::kReadOnly);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store.status().message(),
            path + ": does not exist (use 'corpgraph build' to create it)");
  EXPECT_FALSE(fs::exists(path)) << "a read-only open must not create the file";
}

TEST(Store, GarbageFileIsDataLoss) {
  const std::string path = TempDbPath();
  {
    std::ofstream out(path, std::ios::binary);
    std::mt19937 random(42);
    for (int i = 0; i < 8192; ++i) out.put(static_cast<char>(random() & 0xff));
  }
  for (OpenMode mode : {OpenMode::kReadOnly, OpenMode::kReadWrite}) {
    Result<std::unique_ptr<Store>> store = Store::Open(path, mode);
    ASSERT_FALSE(store.ok());
    EXPECT_EQ(store.status().code(), StatusCode::kDataLoss) << store.status().ToString();
    EXPECT_NE(store.status().message().find(path + ": not a corpgraph database"), std::string::npos)
        << store.status().message();
  }
}

TEST(Store, OtherProgramsSqliteFileIsDataLoss) {
  const std::string path = TempDbPath();
  RawSql(path, "CREATE TABLE customers(id INTEGER PRIMARY KEY, name TEXT)");
  Result<std::unique_ptr<Store>> store = Store::Open(path, OpenMode::kReadWrite);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(store.status().message().find("not a corpgraph database"), std::string::npos)
      << store.status().message();
}

TEST(Store, NewerSchemaVersionIsRefused) {
  const std::string path = TempDbPath();
  ASSERT_NE(OpenOrDie(path), nullptr);
  RawSql(path, "UPDATE metadata SET value = '9' WHERE key = 'schema_version'");
  for (OpenMode mode : {OpenMode::kReadOnly, OpenMode::kReadWrite}) {
    Result<std::unique_ptr<Store>> store = Store::Open(path, mode);
    ASSERT_FALSE(store.ok());
    EXPECT_EQ(store.status().code(), StatusCode::kFailedPrecondition);
    EXPECT_EQ(store.status().message(),
              path +
                  ": schema version 9 is newer than this corpgraph supports (8); upgrade "
                  "corpgraph");
  }
}

TEST(Store, PutDocumentThenStatsCountsEverything) {
  auto store = OpenOrDie(":memory:");
  Entity china;
  china.id = "place:CN";
  china.name = "China";
  china.type = EntityType::kPlace;
  china.subtype = "country";
  Entity japan = china;
  japan.id = "place:JP";
  japan.name = "Japan";
  ASSERT_TRUE(store->PutTaxonomy({china, japan}).ok());

  Extraction extraction;
  extraction.entities.push_back(Org("org:alibaba", "Alibaba", {"Alibaba Group"}, 0));
  extraction.entities.back().mentions.push_back(Mention{Span{40, 47}, "Alibaba"});
  extraction.entities.push_back(Org("org:apple", "Apple", {}, 20));
  extraction.facts.push_back(MakeFact("org:alibaba", "Alibaba", RelationType::kPartnerOf,
                                      "org:apple", "Apple", 0.9,
                                      "Alibaba partnered with Apple on AI features."));
  Fact operates = MakeFact("org:alibaba", "Alibaba", RelationType::kOperatesIn, "place:CN", "China",
                           0.8, "Alibaba runs data centres across China.");
  operates.object.type = EntityType::kPlace;
  extraction.facts.push_back(operates);
  Fact rumoured = MakeFact("org:alibaba", "Alibaba", RelationType::kAcquires, "org:apple", "Apple",
                           0.5, "Alibaba may buy Apple, people familiar with the matter said.");
  rumoured.modality = Modality::kRumoured;
  extraction.facts.push_back(rumoured);
  ASSERT_TRUE(store->PutDocument(Doc("d1"), extraction).ok());

  Result<StoreStats> stats = store->Stats();
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(stats->documents, 1);
  EXPECT_EQ(stats->entities, 3);        // Alibaba, Apple (mentioned), China (in a relation)
  EXPECT_EQ(stats->taxonomy_nodes, 1);  // Japan
  EXPECT_EQ(stats->relations, 3);
  EXPECT_EQ(stats->evidence, 3);
  EXPECT_EQ(stats->mentions, 3);
  EXPECT_EQ(stats->entities_by_type["organization"], 2);
  EXPECT_EQ(stats->entities_by_type["place"], 1);
  EXPECT_EQ(stats->relations_by_type["partner_of"], 1);
  EXPECT_EQ(stats->relations_by_type["operates_in"], 1);
  EXPECT_EQ(stats->relations_by_type["acquires"], 1);
  EXPECT_EQ(stats->relations_by_modality,
            (std::map<std::string, int64_t>{{"asserted", 2}, {"rumoured", 1}}));

  Result<std::vector<EntityRecord>> entities = store->LoadEntities();
  ASSERT_TRUE(entities.ok());
  ASSERT_EQ(entities->size(), 4u);
  EXPECT_EQ((*entities)[0].id, "org:alibaba");  // ordered by id
  EXPECT_EQ((*entities)[0].mention_count, 2);
  EXPECT_EQ((*entities)[0].aliases, std::vector<std::string>{"Alibaba Group"});
  EXPECT_EQ((*entities)[2].id, "place:CN");
  EXPECT_EQ((*entities)[2].mention_count, 0);
  EXPECT_EQ((*entities)[2].subtype, "country");
}

TEST(Store, ReplacingDocumentDropsOldEvidenceAndOrphanedRelations) {
  auto store = OpenOrDie(":memory:");
  Extraction first;
  first.entities = {Org("org:acme", "Acme"), Org("org:bolt", "Bolt")};
  first.facts.push_back(MakeFact("org:acme", "Acme", RelationType::kPartnerOf, "org:bolt", "Bolt",
                                 0.9, "Acme signed a partnership with Bolt."));
  first.facts.push_back(MakeFact("org:acme", "Acme", RelationType::kCompetesWith, "org:cargo",
                                 "Cargo", 0.6, "Acme competes with Cargo in logistics."));
  ASSERT_TRUE(store->PutDocument(Doc("d1"), first).ok());
  Extraction other;
  other.facts.push_back(MakeFact("org:acme", "Acme", RelationType::kCompetesWith, "org:cargo",
                                 "Cargo", 0.5, "Cargo and Acme are rivals."));
  ASSERT_TRUE(store->PutDocument(Doc("d2"), other).ok());

  Extraction replacement;
  replacement.entities = {Org("org:acme", "Acme")};
  replacement.facts.push_back(MakeFact("org:acme", "Acme", RelationType::kAcquires, "org:delta",
                                       "Delta", 0.8, "Acme agreed to buy Delta."));
  Document doc = Doc("d1");
  doc.sha256 = "hash-d1-v2";
  ASSERT_TRUE(store->PutDocument(doc, replacement).ok());

  Result<std::vector<RelationRecord>> relations = store->LoadRelations();
  ASSERT_TRUE(relations.ok());
  EXPECT_EQ(FindRelation(*relations, "org:acme", RelationType::kPartnerOf, "org:bolt"), nullptr)
      << "a relation whose only evidence was replaced must disappear";
  const RelationRecord* competes =
      FindRelation(*relations, "org:acme", RelationType::kCompetesWith, "org:cargo");
  ASSERT_NE(competes, nullptr) << "evidence from d2 keeps the relation";
  EXPECT_EQ(competes->evidence_count, 1);
  EXPECT_DOUBLE_EQ(competes->strength, 0.5);
  EXPECT_NE(FindRelation(*relations, "org:acme", RelationType::kAcquires, "org:delta"), nullptr);
  EXPECT_EQ(relations->size(), 2u);

  Result<std::vector<EntityRecord>> entities = store->LoadEntities();
  ASSERT_TRUE(entities.ok());
  std::vector<std::string> ids;
  for (const EntityRecord& entity : *entities) ids.push_back(entity.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"org:acme", "org:cargo", "org:delta"}))
      << "Bolt lost its only mention and relation";

  Result<StoreStats> stats = store->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->documents, 2);
  EXPECT_EQ(stats->evidence, 2);
  EXPECT_EQ(stats->mentions, 1);
  Result<std::optional<std::string>> hash = store->DocumentHash("d1");
  ASSERT_TRUE(hash.ok());
  EXPECT_EQ(hash->value_or(""), "hash-d1-v2");
  Result<std::vector<EvidenceRecord>> old_text = store->SearchEvidence("partnership", 10);
  ASSERT_TRUE(old_text.ok());
  EXPECT_TRUE(old_text->empty()) << "the full-text index must forget replaced evidence";
}

// The first column of the first row of `sql` on a database file, as text.
std::string QueryText(const std::string& path, const char* sql) {
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) return "open failed";
  sqlite3_stmt* stmt = nullptr;
  std::string result = "no row";
  if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK &&
      sqlite3_step(stmt) == SQLITE_ROW) {
    const unsigned char* text = sqlite3_column_text(stmt, 0);
    result = text != nullptr ? reinterpret_cast<const char*>(text) : "NULL";
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return result;
}

TEST(Store, AttributeMapIsStoredOnceForEveryRowThatHasIt) {
  const std::string path = TempDbPath();
  {
    auto store = OpenOrDie(path);
    for (const char* person : {"ann", "bob"}) {
      Extraction extraction;
      extraction.facts.push_back(MakeFact(std::string("person:") + person, person,
                                          RelationType::kExecutiveOf, "org:acme", "Acme", 0.9,
                                          std::string(person) + " is Acme's CEO."));
      extraction.facts.back().attributes = {{"role", "CEO"}};
      ASSERT_TRUE(store->PutDocument(Doc(person), extraction).ok());
    }
    // A second commit's evidence (the relation is recomputed from stored rows).
    Extraction again;
    again.facts.push_back(MakeFact("person:ann", "ann", RelationType::kExecutiveOf, "org:acme",
                                   "Acme", 0.8, "Acme CEO ann spoke."));
    again.facts.back().attributes = {{"role", "CEO"}};
    ASSERT_TRUE(store->PutDocument(Doc("ann2"), again).ok());
  }
  EXPECT_EQ(QueryText(path, "SELECT count(*) FROM vocabulary WHERE domain = 'attributes'"), "1");
  EXPECT_EQ(QueryText(path,
                      "SELECT count(*) FROM evidence e JOIN vocabulary v ON v.key = e.attributes "
                      "WHERE v.name = '{\"role\":\"CEO\"}'"),
            "3");
  EXPECT_EQ(QueryText(path,
                      "SELECT count(*) FROM relations r JOIN vocabulary v ON v.key = r.attributes "
                      "WHERE v.name = '{\"role\":\"CEO\"}'"),
            "2");
  // Another program's row with a JSON object reads as before.
  RawSql(path,
         "UPDATE relations SET attributes = '{\"role\":\"CTO\"}' WHERE subject_key = "
         "(SELECT key FROM entities WHERE id = 'person:bob')");
  auto store = OpenOrDie(path, OpenMode::kReadOnly);
  Result<std::vector<RelationRecord>> relations = store->LoadRelations();
  ASSERT_TRUE(relations.ok()) << relations.status().ToString();
  ASSERT_EQ(relations->size(), 2u);
  EXPECT_EQ((*relations)[0].subject_id, "person:ann");
  EXPECT_EQ((*relations)[0].attributes, (std::map<std::string, std::string>{{"role", "CEO"}}));
  EXPECT_EQ((*relations)[1].attributes, (std::map<std::string, std::string>{{"role", "CTO"}}));
  std::vector<std::string> scanned;
  ASSERT_TRUE(store
                  ->ForEachRelation([&](const RelationRow& row) {
                    scanned.emplace_back(row.attributes);
                    return Status::Ok();
                  })
                  .ok());
  ASSERT_EQ(scanned.size(), 2u);
  EXPECT_EQ(scanned[0], "{\"role\":\"CEO\"}");
  EXPECT_EQ(scanned[1], "{\"role\":\"CTO\"}");
}

TEST(Store, SentenceCitedByTwoRelationsIsStoredOnceAndFoundFromBoth) {
  const std::string path = TempDbPath();
  const std::string sentence = "Acme supplies Bolt and invests in Cora.";
  auto store = OpenOrDie(path);
  Extraction extraction;
  extraction.facts.push_back(
      MakeFact("org:acme", "Acme", RelationType::kSupplies, "org:bolt", "Bolt", 0.8, sentence));
  extraction.facts.push_back(
      MakeFact("org:acme", "Acme", RelationType::kInvestsIn, "org:cora", "Cora", 0.7, sentence));
  // The same relation cited twice by the sentence (two rules): one key in its list.
  extraction.facts.push_back(
      MakeFact("org:acme", "Acme", RelationType::kSupplies, "org:bolt", "Bolt", 0.6, sentence));
  extraction.facts.back().evidence.rule = "other.rule";
  ASSERT_TRUE(store->PutDocument(Doc("d1"), extraction).ok());
  EXPECT_EQ(QueryText(path, "SELECT count(*) FROM sentences"), "1");
  EXPECT_EQ(QueryText(path, "SELECT relations FROM sentences"), "[1,2]");
  Result<std::vector<EvidenceRecord>> hits = store->SearchEvidence("cora", 0);
  ASSERT_TRUE(hits.ok()) << hits.status().ToString();
  ASSERT_EQ(hits->size(), 3u);
  for (const EvidenceRecord& hit : *hits) EXPECT_EQ(hit.evidence.sentence, sentence);
  EXPECT_EQ((*hits)[0].key, 1);
  EXPECT_EQ((*hits)[2].key, 3);
  Result<std::vector<EvidenceRecord>> supplies = store->EvidenceFor(1, 0);
  ASSERT_TRUE(supplies.ok());
  ASSERT_EQ(supplies->size(), 2u);
  EXPECT_EQ((*supplies)[0].evidence.rule, "test.rule");  // the higher confidence first

  // A one-relation sentence holds the key itself; replacing the document
  // removes every row of the shared sentence.
  Extraction replaced;
  replaced.facts.push_back(MakeFact("org:acme", "Acme", RelationType::kSupplies, "org:bolt", "Bolt",
                                    0.8, "Acme supplies Bolt."));
  ASSERT_TRUE(store->PutDocument(Doc("d1"), replaced).ok());
  EXPECT_EQ(QueryText(path, "SELECT typeof(relations) || ' ' || relations FROM sentences"),
            "integer 1");
  EXPECT_EQ(QueryText(path, "SELECT count(*) FROM evidence"), "1");
  EXPECT_EQ(QueryText(path, "SELECT count(*) FROM relations"), "1");
  hits = store->SearchEvidence("cora", 0);
  ASSERT_TRUE(hits.ok());
  EXPECT_TRUE(hits->empty());
  EXPECT_EQ(testing::FtsIntegrityCheck(path), "ok");
}

TEST(Store, StrengthIsNoisyOrOfEvidence) {
  auto store = OpenOrDie(":memory:");
  Extraction first;
  first.facts.push_back(MakeFact("org:fund", "Fund", RelationType::kInvestsIn, "org:startup",
                                 "Startup", 0.5, "Fund took a stake in Startup.", ""));
  first.facts.back().attributes = {{"stake", "10%"}, {"currency", "USD"}};
  Extraction second;
  second.facts.push_back(MakeFact("org:fund", "Fund", RelationType::kInvestsIn, "org:startup",
                                  "Startup", 0.5, "Fund raised its stake in Startup.", ""));
  second.facts.back().attributes = {{"stake", "25%"}};
  // Stored newest first: attributes still follow the evidence dates.
  ASSERT_TRUE(store->PutDocument(Doc("d2", "2024-03-02"), second).ok());
  ASSERT_TRUE(store->PutDocument(Doc("d1", "2023-11-20"), first).ok());

  Result<std::vector<RelationRecord>> relations = store->LoadRelations();
  ASSERT_TRUE(relations.ok());
  ASSERT_EQ(relations->size(), 1u);
  const RelationRecord& relation = (*relations)[0];
  EXPECT_DOUBLE_EQ(relation.strength, 0.75);
  EXPECT_EQ(relation.evidence_count, 2);
  EXPECT_EQ(relation.first_seen, "2023-11-20");
  EXPECT_EQ(relation.last_seen, "2024-03-02");
  EXPECT_EQ(relation.attributes,
            (std::map<std::string, std::string>{{"currency", "USD"}, {"stake", "25%"}}));

  Result<std::vector<EvidenceRecord>> evidence = store->EvidenceFor(relation.key, 10);
  ASSERT_TRUE(evidence.ok());
  ASSERT_EQ(evidence->size(), 2u);
  // Equal confidence: the later date first.
  EXPECT_EQ((*evidence)[0].evidence.doc_id, "d2");
  EXPECT_EQ((*evidence)[0].doc_title, "Title of d2");
  EXPECT_EQ((*evidence)[0].doc_source, "corpus/d2.txt");
  EXPECT_EQ((*evidence)[1].evidence.date, "2023-11-20");
  Result<std::vector<EvidenceRecord>> one = store->EvidenceFor(relation.key, 1);
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one->size(), 1u);
}

TEST(Store, ConfidencesAreClampedBelowOne) {
  auto store = OpenOrDie(":memory:");
  Extraction extraction;
  extraction.facts.push_back(
      MakeFact("org:a", "A", RelationType::kSupplies, "org:b", "B", 1.7, "A supplies chips to B."));
  ASSERT_TRUE(store->PutDocument(Doc("d1"), extraction).ok());
  Result<std::vector<RelationRecord>> relations = store->LoadRelations();
  ASSERT_TRUE(relations.ok());
  ASSERT_EQ(relations->size(), 1u);
  EXPECT_DOUBLE_EQ((*relations)[0].strength, 0.999);
}

TEST(Store, ConfidencesStrengthsAndSpansRoundTripExactly) {
  // Per-mille integers for whole thousandths, REALs otherwise: either way the
  // same doubles come back, and spans (here one before its sentence) too.
  auto store = OpenOrDie(":memory:");
  Extraction extraction;
  for (double confidence : {0.9, 0.425, 0.1 * 3, 1.0 / 3}) {
    extraction.facts.push_back(MakeFact("org:a", "A", RelationType::kSupplies, "org:b", "B",
                                        confidence,
                                        "A supplies B, " + std::to_string(confidence) + "."));
  }
  extraction.facts.back().evidence.sentence_span = Span{100, 140};
  extraction.facts.back().evidence.subject_span = Span{90, 95};
  extraction.facts.back().evidence.object_span = Span{130, 139};
  ASSERT_TRUE(store->PutDocument(Doc("d1"), extraction).ok());
  Result<std::vector<RelationRecord>> relations = store->LoadRelations();
  ASSERT_TRUE(relations.ok());
  ASSERT_EQ(relations->size(), 1u);
  double miss = 1.0;
  std::vector<double> sorted = {0.1 * 3, 1.0 / 3, 0.425, 0.9};
  for (double confidence : sorted) miss *= 1.0 - confidence;
  EXPECT_EQ((*relations)[0].strength, 1.0 - miss);
  Result<std::vector<EvidenceRecord>> evidence = store->EvidenceFor((*relations)[0].key, 0);
  ASSERT_TRUE(evidence.ok());
  ASSERT_EQ(evidence->size(), 4u);
  EXPECT_EQ((*evidence)[0].evidence.confidence, 0.9);
  EXPECT_EQ((*evidence)[1].evidence.confidence, 0.425);
  EXPECT_EQ((*evidence)[2].evidence.confidence, 1.0 / 3);
  EXPECT_EQ((*evidence)[3].evidence.confidence, 0.1 * 3);
  EXPECT_EQ((*evidence)[2].evidence.sentence_span.start, 100u);
  EXPECT_EQ((*evidence)[2].evidence.subject_span.start, 90u);
  EXPECT_EQ((*evidence)[2].evidence.subject_span.end, 95u);
  EXPECT_EQ((*evidence)[2].evidence.object_span.start, 130u);
  EXPECT_EQ((*evidence)[2].evidence.object_span.end, 139u);
}

TEST(Store, EntitiesCountTheirRelations) {
  const std::string path = TempDbPath();
  {
    auto store = OpenOrDie(path);
    Extraction first;
    first.facts.push_back(
        MakeFact("org:a", "A", RelationType::kSupplies, "org:b", "B", 0.9, "A supplies B."));
    first.facts.push_back(
        MakeFact("org:a", "A", RelationType::kSupplies, "org:b", "B", 0.8, "A ships to B."));
    first.facts.push_back(
        MakeFact("org:c", "C", RelationType::kAcquires, "org:b", "B", 0.7, "C buys B."));
    ASSERT_TRUE(store->PutDocument(Doc("d1"), first).ok());
    Extraction second;
    second.facts.push_back(
        MakeFact("org:c", "C", RelationType::kAcquires, "org:b", "B", 0.7, "C bought B."));
    ASSERT_TRUE(store->PutDocument(Doc("d2"), second).ok());
  }
  auto counts = [&] {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db,
                                 "SELECT group_concat(id || '=' || relations, ' ') FROM "
                                 "(SELECT e.id, COALESCE(c.relations, 0) AS relations "
                                 "FROM entities e LEFT JOIN entity_counts c "
                                 "ON c.entity_key = e.key ORDER BY e.id)",
                                 -1, &stmt, nullptr),
              SQLITE_OK);
    EXPECT_EQ(sqlite3_step(stmt), SQLITE_ROW);
    const unsigned char* text = sqlite3_column_text(stmt, 0);
    std::string result = text != nullptr ? reinterpret_cast<const char*>(text) : "";
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return result;
  };
  EXPECT_EQ(counts(), "org:a=1 org:b=2 org:c=1");
  {
    // d1 without facts: supplies goes with its evidence, and A with it.
    auto store = OpenOrDie(path);
    Document doc = Doc("d1");
    doc.sha256 = "hash-d1-v2";
    ASSERT_TRUE(store->PutDocument(doc, Extraction{}).ok());
  }
  EXPECT_EQ(counts(), "org:b=1 org:c=1");
}

// Mention and relation counts (entity_counts since v8) follow every batch,
// replacement and reopen: what LoadEntities, Stats and the table say equals a
// recount of the documents as they stand, and an entity left with nothing is
// collected with its counts row.
TEST(Store, EntityCountsStayRightThroughBatchesReplacementsAndReopens) {
  const std::string path = TempDbPath();
  // doc -> (entity id -> mentions), the facts between the first two entities.
  using Mentions = std::map<std::string, int>;
  auto extraction = [](const Mentions& mentions) {
    Extraction x;
    for (const auto& [id, count] : mentions) {
      Entity e = Org(id, "Name " + id.substr(4), {}, 0);
      for (int i = 1; i < count; ++i) {
        e.mentions.push_back(Mention{Span{10u * i, 10u * i + 4}, e.name});
      }
      x.entities.push_back(e);
    }
    if (mentions.size() >= 2) {
      const std::string& a = mentions.begin()->first;
      const std::string& b = std::next(mentions.begin())->first;
      x.facts.push_back(MakeFact(a, "Name " + a.substr(4), RelationType::kSupplies, b,
                                 "Name " + b.substr(4), 0.7, a + " supplies " + b + "."));
    }
    return x;
  };
  std::map<std::string, Mentions> current;
  auto put = [&](Store& store, const std::string& doc_id, const Mentions& mentions) {
    Document doc = Doc(doc_id);
    doc.sha256 = "hash-" + doc_id + "-" + std::to_string(mentions.size());
    ASSERT_TRUE(store.PutDocument(doc, extraction(mentions)).ok()) << doc_id;
    current[doc_id] = mentions;
  };
  auto expect_counts = [&](Store& store, const std::string& when) {
    std::map<std::string, int64_t> want_mentions;
    std::map<std::string, int64_t> want_relations;
    std::set<std::pair<std::string, std::string>> relations;
    for (const auto& [doc, mentions] : current) {
      for (const auto& [id, count] : mentions) want_mentions[id] += count;
      if (mentions.size() >= 2) {
        relations.emplace(mentions.begin()->first, std::next(mentions.begin())->first);
      }
    }
    for (const auto& [a, b] : relations) {
      ++want_relations[a];
      ++want_relations[b];
    }
    Result<std::vector<EntityRecord>> entities = store.LoadEntities();
    ASSERT_TRUE(entities.ok()) << entities.status().ToString();
    std::map<std::string, int64_t> got_mentions;
    for (const EntityRecord& e : *entities) got_mentions[e.id] = e.mention_count;
    // Every entity left has a mention or a relation; those with neither are gone.
    std::map<std::string, int64_t> want_all = want_mentions;
    for (const auto& [id, n] : want_relations) want_all.try_emplace(id, 0);
    EXPECT_EQ(got_mentions, want_all) << when;
    Result<StoreStats> stats = store.Stats();
    ASSERT_TRUE(stats.ok()) << stats.status().ToString();
    int64_t total = 0;
    for (const auto& [id, n] : want_mentions) total += n;
    EXPECT_EQ(stats->mentions, total) << when;
    EXPECT_EQ(stats->entities, static_cast<int64_t>(want_all.size())) << when;
    std::string want_rows;
    for (const auto& [id, n] : want_all) {
      const auto r = want_relations.find(id);
      want_rows += (want_rows.empty() ? "" : " ") + id + "=" + std::to_string(n) + "/" +
                   std::to_string(r == want_relations.end() ? 0 : r->second);
    }
    EXPECT_EQ(testing::QueryText(path,
                                 "SELECT group_concat(row, ' ') FROM (SELECT e.id || '=' || "
                                 "c.mentions || '/' || c.relations AS row FROM entity_counts c "
                                 "JOIN entities e ON e.key = c.entity_key WHERE c.mentions <> 0 "
                                 "OR c.relations <> 0 ORDER BY e.id)"),
              want_rows)
        << when;
    // No counts row outlives its entity.
    EXPECT_EQ(testing::QueryText(path,
                                 "SELECT count(*) FROM entity_counts WHERE entity_key NOT IN "
                                 "(SELECT key FROM entities)"),
              "0")
        << when;
  };
  {
    auto store = OpenOrDie(path);
    ASSERT_NE(store, nullptr);
    ASSERT_TRUE(store->BeginBatch().ok());
    put(*store, "d1", {{"org:a", 2}, {"org:b", 1}});
    put(*store, "d2", {{"org:a", 1}, {"org:c", 3}});
    ASSERT_TRUE(store->CommitBatch().ok());
    expect_counts(*store, "after the first batch");
    ASSERT_TRUE(store->BeginBatch().ok());
    put(*store, "d3", {{"org:b", 4}, {"org:d", 1}});
    // d1 replaced inside the batch that also adds to its entities.
    put(*store, "d1", {{"org:b", 1}, {"org:e", 2}});
    ASSERT_TRUE(store->CommitBatch().ok());
    expect_counts(*store, "after a replacement in a batch");
  }
  {
    auto store = OpenOrDie(path);
    ASSERT_NE(store, nullptr);
    expect_counts(*store, "after a reopen");
    // Replaced twice in one batch, then out of a batch; org:c and org:d lose
    // everything and are collected.
    ASSERT_TRUE(store->BeginBatch().ok());
    put(*store, "d2", {{"org:a", 5}});
    put(*store, "d2", {{"org:a", 1}, {"org:e", 1}});
    ASSERT_TRUE(store->CommitBatch().ok());
    put(*store, "d3", {{"org:b", 2}});
    expect_counts(*store, "after the second round of replacements");
    Result<std::vector<EntityRecord>> entities = store->LoadEntities();
    ASSERT_TRUE(entities.ok());
    for (const EntityRecord& e : *entities) {
      EXPECT_NE(e.id, "org:c");
      EXPECT_NE(e.id, "org:d");
    }
  }
}

// Documents d<first> ... d<first + count - 1>, each with one fact whose sentence
// names the document ("... in round r of d7 ...").
void PutRound(Store& store, int first, int count, int round) {
  for (int d = first; d < first + count; ++d) {
    const std::string id = "d" + std::to_string(d);
    Extraction extraction;
    extraction.facts.push_back(
        MakeFact("org:o" + std::to_string(d % 7), "O", RelationType::kSupplies,
                 "org:o" + std::to_string(d % 5 + 7), "P", 0.6,
                 "Shipments in round " + std::to_string(round) + " of " + id + " went ahead."));
    Document doc = Doc(id);
    doc.sha256 = "hash-" + id + "-" + std::to_string(round);
    ASSERT_TRUE(store.PutDocument(doc, extraction).ok()) << id;
  }
}

// Document ids of a search's hits, sorted.
std::vector<std::string> HitIds(Store& store, const std::string& query) {
  Result<std::vector<EvidenceRecord>> hits = store.SearchEvidence(query, 0);
  EXPECT_TRUE(hits.ok()) << hits.status().ToString();
  std::vector<std::string> ids;
  if (!hits.ok()) return ids;
  for (const EvidenceRecord& hit : *hits) ids.push_back(hit.evidence.doc_id);
  std::sort(ids.begin(), ids.end());
  return ids;
}

std::string FtsConfig(const std::string& path) {
  return testing::QueryText(path,
                            "SELECT group_concat(k || '=' || v, ' ') FROM (SELECT k, v FROM "
                            "sentence_fts_config WHERE k IN ('automerge', 'crisismerge') "
                            "ORDER BY k)");
}

std::string DeferredNote(const std::string& path) {
  return testing::QueryText(path, "SELECT value FROM metadata WHERE key = 'fts_merges_deferred'");
}

// Deferred merges leave answers alone and Compact puts the merge settings back.
TEST(Store, DeferredIndexMergesAreRestoredByCompact) {
  const std::string path = TempDbPath();
  std::vector<std::string> deferred_hits;
  {
    auto store = OpenOrDie(path);
    ASSERT_NE(store, nullptr);
    ASSERT_TRUE(store->DeferIndexMerges().ok());
    EXPECT_EQ(FtsConfig(path), "automerge=0 crisismerge=1999");
    EXPECT_EQ(DeferredNote(path), "4 16");
    EXPECT_EQ(store->SetMetadata("fts_merges_deferred", "1 1").code(),
              StatusCode::kInvalidArgument);
    for (int round = 0; round < 6; ++round) {  // six segments, a replacement in each
      ASSERT_TRUE(store->BeginBatch().ok());
      PutRound(*store, round * 4, 5, round);
      ASSERT_TRUE(store->CommitBatch().ok());
    }
    EXPECT_EQ(FtsConfig(path), "automerge=0 crisismerge=1999");
    deferred_hits = HitIds(*store, "shipments");
    EXPECT_EQ(deferred_hits.size(), 25u);
    EXPECT_EQ(HitIds(*store, "\"round 5\"").size(), 5u);
    ASSERT_TRUE(store->Compact().ok());
    EXPECT_EQ(FtsConfig(path), "automerge=4 crisismerge=16");
    EXPECT_EQ(DeferredNote(path), "no row");
    EXPECT_EQ(HitIds(*store, "shipments"), deferred_hits);
    // Nothing deferred: a no-op.
    EXPECT_TRUE(store->ResumeIndexMerges().ok());
  }
  // The same documents with merges on all along answer the same.
  const std::string reference = path + ".reference.db";
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(reference + suffix);
  auto store = OpenOrDie(reference);
  ASSERT_NE(store, nullptr);
  for (int round = 0; round < 6; ++round) {
    ASSERT_TRUE(store->BeginBatch().ok());
    PutRound(*store, round * 4, 5, round);
    ASSERT_TRUE(store->CommitBatch().ok());
  }
  EXPECT_EQ(HitIds(*store, "shipments"), deferred_hits);
  EXPECT_EQ(FtsConfig(reference), "NULL");  // FTS5's defaults, never written
}

// A build killed (SIGKILL, in the middle of a batch) while merges were deferred
// leaves a correct file: the committed batches answer, the index checks out, and
// the next read-write open switches merging back on.
TEST(Store, KilledRunWithDeferredIndexMergesLeavesACorrectFileAndOpenRestoresThem) {
  const std::string path = TempDbPath();
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    // Only async-safe exits from here: no gtest assertions in the child.
    Result<std::unique_ptr<Store>> store = Store::Open(path, OpenMode::kReadWrite);
    if (!store.ok() || !(*store)->DeferIndexMerges().ok()) _exit(2);
    for (int round = 0; round < 4; ++round) {
      if (!(*store)->BeginBatch().ok()) _exit(3);
      for (int d = round * 3; d < round * 3 + 4; ++d) {
        const std::string id = "d" + std::to_string(d);
        Extraction extraction;
        extraction.facts.push_back(
            MakeFact("org:a", "A", RelationType::kSupplies, "org:b", "B", 0.6,
                     "Shipments in round " + std::to_string(round) + " of " + id + " went ahead."));
        Document doc = Doc(id);
        doc.sha256 = "hash-" + id + "-" + std::to_string(round);
        if (!(*store)->PutDocument(doc, extraction).ok()) _exit(4);
      }
      if (round < 3 && !(*store)->CommitBatch().ok()) _exit(5);
    }
    raise(SIGKILL);  // round 3 is never committed
    _exit(6);
  }
  int wait_status = 0;
  ASSERT_EQ(waitpid(child, &wait_status, 0), child);
  ASSERT_TRUE(WIFSIGNALED(wait_status)) << "child exited with " << WEXITSTATUS(wait_status);
  ASSERT_EQ(WTERMSIG(wait_status), SIGKILL);
  EXPECT_EQ(FtsConfig(path), "automerge=0 crisismerge=1999");
  EXPECT_EQ(DeferredNote(path), "4 16");
  EXPECT_EQ(testing::QueryText(path, "PRAGMA integrity_check"), "ok");
  EXPECT_EQ(testing::FtsIntegrityCheck(path), "ok");
  {
    auto store = OpenOrDie(path);
    ASSERT_NE(store, nullptr);
    EXPECT_EQ(FtsConfig(path), "automerge=4 crisismerge=16");
    EXPECT_EQ(DeferredNote(path), "no row");
    // Rounds 0-2: d0 ... d9, each document once (d3 and d6 were replaced).
    EXPECT_EQ(
        HitIds(*store, "shipments"),
        (std::vector<std::string>{"d0", "d1", "d2", "d3", "d4", "d5", "d6", "d7", "d8", "d9"}));
    EXPECT_TRUE(HitIds(*store, "\"round 3\"").empty());
    EXPECT_EQ(HitIds(*store, "\"round 2\"").size(), 4u);
    // The next run goes on writing and compacts.
    ASSERT_TRUE(store->BeginBatch().ok());
    PutRound(*store, 9, 3, 4);
    ASSERT_TRUE(store->CommitBatch().ok());
    ASSERT_TRUE(store->Compact().ok());
    EXPECT_EQ(HitIds(*store, "shipments").size(), 12u);
  }
  EXPECT_EQ(FtsConfig(path), "automerge=4 crisismerge=16");
  EXPECT_EQ(testing::QueryText(path, "PRAGMA integrity_check"), "ok");
  EXPECT_EQ(testing::FtsIntegrityCheck(path), "ok");
}

// A read-write open while another connection writes does not wait for its lock
// to switch merges back on: that run may be the one that deferred them.
TEST(Store, OpenWhileAnotherWriterHoldsTheLockLeavesDeferredMergesToIt) {
  const std::string path = TempDbPath();
  auto writer = OpenOrDie(path);
  ASSERT_NE(writer, nullptr);
  ASSERT_TRUE(writer->DeferIndexMerges().ok());
  ASSERT_TRUE(writer->BeginBatch().ok());
  PutRound(*writer, 0, 3, 0);
  StoreOptions options;
  options.busy_timeout_ms = 0;
  Result<std::unique_ptr<Store>> other = Store::Open(path, OpenMode::kReadWrite, options);
  ASSERT_TRUE(other.ok()) << other.status().ToString();
  EXPECT_EQ(DeferredNote(path), "4 16");
  ASSERT_TRUE(writer->CommitBatch().ok());
  EXPECT_TRUE(writer->DeferIndexMerges().ok());  // still deferred: the note is kept
  EXPECT_EQ(DeferredNote(path), "4 16");
  ASSERT_TRUE(writer->Compact().ok());
  EXPECT_EQ(FtsConfig(path), "automerge=4 crisismerge=16");
  EXPECT_EQ(DeferredNote(path), "no row");
}

TEST(Store, RelationGainingEvidenceOverCommitsMatchesOneBatch) {
  // Later commits add evidence without attributes (recomputed from confidences
  // and dates alone) and with them (recomputed in full): the aggregates must be
  // what one batch of the same documents in another order gives.
  auto fact = [](double confidence, const std::string& sentence,
                 std::map<std::string, std::string> attributes) {
    Extraction extraction;
    extraction.facts.push_back(MakeFact("org:fund", "Fund", RelationType::kInvestsIn, "org:startup",
                                        "Startup", confidence, sentence));
    extraction.facts.back().attributes = std::move(attributes);
    return extraction;
  };
  const std::vector<std::pair<Document, Extraction>> documents = {
      {Doc("d1", "2024-05-01"), fact(0.5, "Fund took a stake in Startup.", {{"stake", "10%"}})},
      {Doc("d2", "2023-01-01"), fact(0.1 * 3, "Fund backs Startup.", {})},
      {Doc("d3", "2025-02-02"), fact(0.7, "Fund is in Startup.", {})},
      {Doc("d4", "2024-07-07"), fact(0.2, "Fund raised its stake in Startup.", {{"stake", "25%"}})},
      {Doc("d5", "2022-12-31"), fact(1.0 / 3, "Fund first met Startup.", {})}};
  auto incremental = OpenOrDie(":memory:");
  for (const auto& [doc, extraction] : documents) {
    ASSERT_TRUE(incremental->PutDocument(doc, extraction).ok());
  }
  auto batch = OpenOrDie(":memory:");
  ASSERT_TRUE(batch->BeginBatch().ok());
  for (auto it = documents.rbegin(); it != documents.rend(); ++it) {
    ASSERT_TRUE(batch->PutDocument(it->first, it->second).ok());
  }
  ASSERT_TRUE(batch->CommitBatch().ok());
  Result<std::vector<RelationRecord>> got = incremental->LoadRelations();
  Result<std::vector<RelationRecord>> want = batch->LoadRelations();
  ASSERT_TRUE(got.ok() && want.ok());
  ASSERT_EQ(got->size(), 1u);
  ASSERT_EQ(want->size(), 1u);
  EXPECT_EQ((*got)[0].strength, (*want)[0].strength);
  EXPECT_EQ((*got)[0].evidence_count, 5);
  EXPECT_EQ((*want)[0].evidence_count, 5);
  EXPECT_EQ((*got)[0].first_seen, "2022-12-31");
  EXPECT_EQ((*want)[0].first_seen, "2022-12-31");
  EXPECT_EQ((*got)[0].last_seen, "2025-02-02");
  EXPECT_EQ((*want)[0].last_seen, "2025-02-02");
  EXPECT_EQ((*got)[0].attributes, (std::map<std::string, std::string>{{"stake", "25%"}}));
  EXPECT_EQ((*want)[0].attributes, (*got)[0].attributes);
}

TEST(Store, NewRelationAttributesFollowDateThenDocumentOrderInAnyBatch) {
  // The relation is new in the batch, so the batch orders its attributed
  // evidence in memory; one transaction per document orders it in SQL.
  // Same day: document id order; an evidence date overrides the document's.
  auto fact = [](const std::string& sentence, std::map<std::string, std::string> attributes,
                 const std::string& date) {
    Extraction extraction;
    extraction.facts.push_back(MakeFact("org:holdco", "Holdco", RelationType::kInvestsIn,
                                        "org:widgetry", "Widgetry", 0.4, sentence, date));
    extraction.facts.back().attributes = std::move(attributes);
    return extraction;
  };
  const std::vector<std::pair<Document, Extraction>> documents = {
      {Doc("d-b", "2024-01-01"), fact("Holdco owns 30% of Widgetry.", {{"stake", "30%"}}, "")},
      {Doc("d-z", "2020-03-03"),
       fact("Holdco will own 40% of Widgetry.", {{"stake", "40%"}}, "2024-01-01")},
      {Doc("d-a", "2024-01-01"),
       fact("Holdco led a round in Widgetry.", {{"stake", "20%"}, {"round", "A"}}, "")},
      {Doc("d-c", "2023-01-01"), fact("Holdco bought into Widgetry.", {{"stake", "99%"}}, "")}};
  const std::map<std::string, std::string> want = {{"stake", "40%"}, {"round", "A"}};
  for (bool reversed : {false, true}) {
    auto one_batch = OpenOrDie(":memory:");
    auto per_document = OpenOrDie(":memory:");
    ASSERT_TRUE(one_batch->BeginBatch().ok());
    for (size_t i = 0; i < documents.size(); ++i) {
      const auto& [doc, extraction] = documents[reversed ? documents.size() - 1 - i : i];
      ASSERT_TRUE(one_batch->PutDocument(doc, extraction).ok());
      ASSERT_TRUE(per_document->PutDocument(doc, extraction).ok());
    }
    ASSERT_TRUE(one_batch->CommitBatch().ok());
    for (Store* store : {one_batch.get(), per_document.get()}) {
      Result<std::vector<RelationRecord>> relations = store->LoadRelations();
      ASSERT_TRUE(relations.ok());
      ASSERT_EQ(relations->size(), 1u);
      EXPECT_EQ((*relations)[0].attributes, want) << "reversed " << reversed;
      EXPECT_EQ((*relations)[0].evidence_count, 4);
      EXPECT_EQ((*relations)[0].first_seen, "2023-01-01");
      EXPECT_EQ((*relations)[0].last_seen, "2024-01-01");
    }
  }
}

TEST(Store, NewRelationsGetTheKeysSqliteWouldGiveAndTheirFirstRowsAttributes) {
  // The writer takes a new relation's key before its row exists (the largest
  // key + 1, what SQLite gives a row inserted without one) and inserts the row
  // with its first evidence row's aggregates, attributes included.
  auto fact = [](const std::string& subject, RelationType type, const std::string& object,
                 const std::string& sentence, std::map<std::string, std::string> attributes,
                 const std::string& date = "") {
    Fact f =
        MakeFact(subject, "Name " + subject, type, object, "Name " + object, 0.6, sentence, date);
    f.attributes = std::move(attributes);
    return f;
  };
  auto relation_keys = [](Store& store) {
    std::map<std::string, int64_t> keys;
    Result<std::vector<RelationRecord>> relations = store.LoadRelations();
    EXPECT_TRUE(relations.ok());
    for (const RelationRecord& r : *relations) keys[r.subject_id + ">" + r.object_id] = r.key;
    return keys;
  };
  const std::string path = TempDbPath();
  auto store = OpenOrDie(path);
  ASSERT_NE(store, nullptr);
  Extraction first;
  first.facts = {
      fact("org:a", RelationType::kInvestsIn, "org:b", "A owns 5% of B.", {{"stake", "5%"}}),
      fact("org:a", RelationType::kCompetesWith, "org:c", "A competes with C.", {})};
  Extraction second;
  second.facts = {
      fact("org:d", RelationType::kInvestsIn, "org:e", "D owns 10% of E.", {{"stake", "10%"}}),
      fact("org:d", RelationType::kInvestsIn, "org:e", "D will own 20% of E.", {{"stake", "20%"}},
           "2024-06-01")};
  ASSERT_TRUE(store->BeginBatch().ok());
  ASSERT_TRUE(store->PutDocument(Doc("d1"), first).ok());
  ASSERT_TRUE(store->PutDocument(Doc("d2"), second).ok());
  ASSERT_TRUE(store->CommitBatch().ok());
  EXPECT_EQ(
      relation_keys(*store),
      (std::map<std::string, int64_t>{{"org:a>org:b", 1}, {"org:a>org:c", 2}, {"org:d>org:e", 3}}));
  Result<std::vector<RelationRecord>> relations = store->LoadRelations();
  ASSERT_TRUE(relations.ok());
  const RelationRecord* one_row =
      FindRelation(*relations, "org:a", RelationType::kInvestsIn, "org:b");
  ASSERT_NE(one_row, nullptr);
  EXPECT_EQ(one_row->attributes, (std::map<std::string, std::string>{{"stake", "5%"}}));
  EXPECT_EQ(one_row->evidence_count, 1);
  EXPECT_DOUBLE_EQ(one_row->strength, 0.6);
  const RelationRecord* two_rows =
      FindRelation(*relations, "org:d", RelationType::kInvestsIn, "org:e");
  ASSERT_NE(two_rows, nullptr);
  EXPECT_EQ(two_rows->attributes, (std::map<std::string, std::string>{{"stake", "20%"}}))
      << "the later evidence's attributes win over the first row's";
  EXPECT_EQ(two_rows->evidence_count, 2);
  EXPECT_EQ(two_rows->last_seen, "2024-06-01");

  // d2 replaced without facts: relation 3, the largest, goes at the commit, so
  // SQLite would give the next new relation 3 again. Inside that same batch a
  // relation is created and its document replaced before the commit.
  Document d2 = Doc("d2");
  d2.sha256 = "hash-d2-v2";
  Extraction gone;
  gone.facts = {fact("org:f", RelationType::kSupplies, "org:g", "F supplies G.", {{"role", "x"}})};
  ASSERT_TRUE(store->BeginBatch().ok());
  ASSERT_TRUE(store->PutDocument(d2, Extraction{}).ok());
  ASSERT_TRUE(store->PutDocument(Doc("d3"), gone).ok());
  Document d3 = Doc("d3");
  d3.sha256 = "hash-d3-v2";
  ASSERT_TRUE(store->PutDocument(d3, Extraction{}).ok());
  ASSERT_TRUE(store->CommitBatch().ok());
  EXPECT_EQ(relation_keys(*store),
            (std::map<std::string, int64_t>{{"org:a>org:b", 1}, {"org:a>org:c", 2}}));
  Extraction later;
  later.facts = {fact("org:h", RelationType::kPartnerOf, "org:i", "H and I signed a deal.", {})};
  ASSERT_TRUE(store->PutDocument(Doc("d4"), later).ok());  // its own transaction
  EXPECT_EQ(
      relation_keys(*store),
      (std::map<std::string, int64_t>{{"org:a>org:b", 1}, {"org:a>org:c", 2}, {"org:h>org:i", 3}}));
  store.reset();
  EXPECT_EQ(QueryText(path, "PRAGMA foreign_key_check"), "no row");
  EXPECT_EQ(QueryText(path, "PRAGMA integrity_check"), "ok");
}

TEST(Store, ManyEvidenceRelationSeesAnotherWritersEvidence) {
  // A relation with many evidence rows keeps its confidences in the writer's
  // memory between commits; another connection's commit must invalidate them.
  auto fact = [](int i) {
    Extraction extraction;
    extraction.facts.push_back(
        MakeFact("org:quarry", "Quarry", RelationType::kSupplies, "org:mason", "Mason",
                 0.05 + 0.07 * i, "Quarry sent stone lot " + std::to_string(i) + " to Mason."));
    return extraction;
  };
  const std::string path = TempDbPath();
  auto writer = OpenOrDie(path);
  auto other = OpenOrDie(path);
  auto reference = OpenOrDie(":memory:");
  ASSERT_TRUE(reference->BeginBatch().ok());
  for (int i = 0; i < 14; ++i) {
    Store& store = i == 12 ? *other : *writer;  // the 13th document comes from elsewhere
    const Document doc = Doc("lot-" + std::to_string(i), "2024-02-" + std::to_string(10 + i));
    ASSERT_TRUE(store.PutDocument(doc, fact(i)).ok()) << i;
    ASSERT_TRUE(reference->PutDocument(doc, fact(i)).ok()) << i;
  }
  ASSERT_TRUE(reference->CommitBatch().ok());
  Result<std::vector<RelationRecord>> got = writer->LoadRelations();
  Result<std::vector<RelationRecord>> want = reference->LoadRelations();
  ASSERT_TRUE(got.ok() && want.ok());
  ASSERT_EQ(got->size(), 1u);
  ASSERT_EQ(want->size(), 1u);
  EXPECT_EQ((*got)[0].evidence_count, 14);
  EXPECT_EQ((*got)[0].strength, (*want)[0].strength);
  EXPECT_EQ((*got)[0].first_seen, "2024-02-10");
  EXPECT_EQ((*got)[0].last_seen, "2024-02-23");
}

// Schema v7 has no UNIQUE index on (subject, type, object, modality): the
// writer's own map keeps a relation one row, whether its facts come in one
// batch, after a reopen (the map is read back from the table), after the
// relation was deleted with its last document, or from another connection
// between two of this one's writes (the map is dropped with the entity cache).
TEST(Store, RelationStaysOneRowAcrossReopensReplacementsAndOtherWriters) {
  auto supplies = [](const std::string& sentence) {
    Extraction extraction;
    extraction.facts.push_back(
        MakeFact("org:kiln", "Kiln", RelationType::kSupplies, "org:glaze", "Glaze", 0.6, sentence));
    return extraction;
  };
  auto relation_rows = [](Store& store) -> int64_t {
    Result<StoreStats> stats = store.Stats();
    EXPECT_TRUE(stats.ok()) << stats.status().ToString();
    return stats.ok() ? stats->relations : -1;
  };
  const std::string path = TempDbPath();
  {
    auto store = OpenOrDie(path);
    ASSERT_TRUE(store->BeginBatch().ok());
    ASSERT_TRUE(store->PutDocument(Doc("d1"), supplies("Kiln supplies Glaze with clay.")).ok());
    ASSERT_TRUE(store->PutDocument(Doc("d2"), supplies("Kiln supplies Glaze again.")).ok());
    ASSERT_TRUE(store->CommitBatch().ok());
    EXPECT_EQ(relation_rows(*store), 1);
  }
  {
    auto store = OpenOrDie(path);
    ASSERT_TRUE(store->PutDocument(Doc("d3"), supplies("Kiln supplies Glaze a third time.")).ok());
    EXPECT_EQ(relation_rows(*store), 1);
    // Every document that backed it replaced by one that does not: the
    // relation goes, and the next fact makes it again, once.
    for (const char* id : {"d1", "d2", "d3"}) {
      Document doc = Doc(id);
      doc.sha256 = "changed";
      ASSERT_TRUE(store->PutDocument(doc, Extraction{}).ok()) << id;
    }
    EXPECT_EQ(relation_rows(*store), 0);
    ASSERT_TRUE(store->PutDocument(Doc("d4"), supplies("Kiln supplies Glaze once more.")).ok());
    ASSERT_TRUE(store->PutDocument(Doc("d5"), supplies("Kiln still supplies Glaze.")).ok());
    EXPECT_EQ(relation_rows(*store), 1);

    // Another connection deletes the relation and makes it anew under another
    // key (a relation it stored in between took the next one): this
    // connection's map is stale and must not be used.
    auto other = OpenOrDie(path);
    Extraction unrelated;
    unrelated.facts.push_back(MakeFact("org:glaze", "Glaze", RelationType::kSupplies, "org:ash",
                                       "Ash", 0.5, "Glaze supplies Ash."));
    ASSERT_TRUE(other->PutDocument(Doc("d6"), unrelated).ok());
    for (const char* id : {"d4", "d5"}) {
      Document doc = Doc(id);
      doc.sha256 = "changed";
      ASSERT_TRUE(other->PutDocument(doc, Extraction{}).ok()) << id;
    }
    ASSERT_TRUE(other->PutDocument(Doc("d7"), supplies("Kiln supplies Glaze for d7.")).ok());
    ASSERT_TRUE(store->PutDocument(Doc("d8"), supplies("Kiln supplies Glaze for d8.")).ok());
    EXPECT_EQ(relation_rows(*store), 2);
    Result<std::vector<RelationRecord>> relations = store->LoadRelations();
    ASSERT_TRUE(relations.ok());
    const RelationRecord* kiln =
        FindRelation(*relations, "org:kiln", RelationType::kSupplies, "org:glaze");
    ASSERT_NE(kiln, nullptr);
    EXPECT_EQ(kiln->evidence_count, 2);
  }
  EXPECT_EQ(QueryText(path,
                      "SELECT count(*) FROM (SELECT 1 FROM relations GROUP BY subject_key, type, "
                      "object_key, modality HAVING count(*) > 1)"),
            "0");
}

// Other programs' writes are held to the same uniqueness by triggers; a
// duplicate that got in anyway (the triggers dropped) is reported as a corrupt
// file when a writer next needs the relations, rather than guessed between.
TEST(Store, DuplicateRelationFromAnotherProgramIsRefusedOrReported) {
  const std::string path = TempDbPath();
  {
    auto store = OpenOrDie(path);
    Extraction extraction;
    extraction.facts.push_back(MakeFact("org:loom", "Loom", RelationType::kSupplies, "org:weave",
                                        "Weave", 0.7, "Loom supplies Weave with thread."));
    ASSERT_TRUE(store->PutDocument(Doc("d1"), extraction).ok());
  }
  const std::string duplicate =
      "INSERT INTO relations(subject_key, type, object_key, modality, strength, evidence_count, "
      "first_seen, last_seen) SELECT subject_key, type, object_key, modality, strength, "
      "evidence_count, first_seen, last_seen FROM relations";
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    EXPECT_EQ(sqlite3_exec(db, duplicate.c_str(), nullptr, nullptr, nullptr), SQLITE_CONSTRAINT);
    EXPECT_NE(std::string(sqlite3_errmsg(db)).find("exists"), std::string::npos)
        << sqlite3_errmsg(db);
    // Changing a relation into another's (subject, type, object, modality) too.
    EXPECT_EQ(sqlite3_exec(db,
                           "INSERT INTO relations(subject_key, type, object_key, modality) "
                           "SELECT object_key, type, subject_key, modality FROM relations",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    EXPECT_EQ(sqlite3_exec(db,
                           "UPDATE relations SET subject_key = object_key, object_key = "
                           "subject_key WHERE key = 2",
                           nullptr, nullptr, nullptr),
              SQLITE_CONSTRAINT);
    EXPECT_EQ(sqlite3_exec(db, "DELETE FROM relations WHERE key = 2", nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(db);
  }
  EXPECT_EQ(QueryText(path, "SELECT count(*) FROM relations"), "1");
  RawSql(path, "DROP TRIGGER relations_insert_unique; " + duplicate);
  auto store = OpenOrDie(path);
  Extraction extraction;
  extraction.facts.push_back(MakeFact("org:loom", "Loom", RelationType::kSupplies, "org:weave",
                                      "Weave", 0.7, "Loom supplies Weave with wool."));
  Status status = store->PutDocument(Doc("d2"), extraction);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.code(), StatusCode::kDataLoss);
  EXPECT_NE(status.message().find("relations 1 and 2 have the same subject, type, object and "
                                  "modality"),
            std::string::npos)
      << status.message();
}

TEST(Store, EvidenceForIsBestFirst) {
  auto store = OpenOrDie(":memory:");
  for (const auto& [doc_id, confidence] :
       std::vector<std::pair<std::string, double>>{{"d1", 0.4}, {"d2", 0.9}, {"d3", 0.6}}) {
    Extraction extraction;
    extraction.facts.push_back(MakeFact("org:a", "A", RelationType::kSupplies, "org:b", "B",
                                        confidence, "A supplies B (" + doc_id + ")."));
    ASSERT_TRUE(store->PutDocument(Doc(doc_id), extraction).ok());
  }
  Result<std::vector<RelationRecord>> relations = store->LoadRelations();
  ASSERT_TRUE(relations.ok());
  Result<std::vector<EvidenceRecord>> evidence = store->EvidenceFor((*relations)[0].key, 0);
  ASSERT_TRUE(evidence.ok());
  ASSERT_EQ(evidence->size(), 3u);
  EXPECT_EQ((*evidence)[0].evidence.doc_id, "d2");
  EXPECT_EQ((*evidence)[1].evidence.doc_id, "d3");
  EXPECT_EQ((*evidence)[2].evidence.doc_id, "d1");
  EXPECT_EQ((*evidence)[0].evidence.rule, "test.rule");
  EXPECT_EQ((*evidence)[0].evidence.subject_span, (Span{0, 3}));
  EXPECT_EQ((*evidence)[0].evidence.kind, EvidenceKind::kExplicit);
}

TEST(Store, SymmetricRelationsAreStoredOnce) {
  auto store = OpenOrDie(":memory:");
  Extraction first;
  first.facts.push_back(MakeFact("org:apple", "Apple", RelationType::kPartnerOf, "org:alibaba",
                                 "Alibaba", 0.5, "Apple is working with Alibaba in China."));
  first.facts.back().evidence.subject_span = Span{0, 5};
  first.facts.back().evidence.object_span = Span{25, 32};
  Extraction second;
  second.facts.push_back(MakeFact("org:alibaba", "Alibaba", RelationType::kPartnerOf, "org:apple",
                                  "Apple", 0.5, "Alibaba partnered with Apple."));
  ASSERT_TRUE(store->PutDocument(Doc("d1"), first).ok());
  ASSERT_TRUE(store->PutDocument(Doc("d2"), second).ok());

  Result<std::vector<RelationRecord>> relations = store->LoadRelations();
  ASSERT_TRUE(relations.ok());
  ASSERT_EQ(relations->size(), 1u);
  EXPECT_EQ((*relations)[0].subject_id, "org:alibaba");
  EXPECT_EQ((*relations)[0].object_id, "org:apple");
  EXPECT_EQ((*relations)[0].evidence_count, 2);
  // The swapped fact's argument spans follow its arguments.
  Result<std::vector<EvidenceRecord>> evidence = store->EvidenceFor((*relations)[0].key, 0);
  ASSERT_TRUE(evidence.ok());
  bool found = false;
  for (const EvidenceRecord& record : *evidence) {
    if (record.evidence.doc_id != "d1") continue;
    found = true;
    EXPECT_EQ(record.evidence.subject_span, (Span{25, 32}));
    EXPECT_EQ(record.evidence.object_span, (Span{0, 5}));
  }
  EXPECT_TRUE(found);

  // A directed relation is not reordered.
  Extraction directed;
  directed.facts.push_back(MakeFact("org:zeta", "Zeta", RelationType::kAcquires, "org:alpha",
                                    "Alpha", 0.7, "Zeta acquired Alpha."));
  ASSERT_TRUE(store->PutDocument(Doc("d3"), directed).ok());
  relations = store->LoadRelations();
  ASSERT_TRUE(relations.ok());
  EXPECT_NE(FindRelation(*relations, "org:zeta", RelationType::kAcquires, "org:alpha"), nullptr);
}

TEST(Store, InjectionLookingTextIsStoredVerbatim) {
  const std::string path = TempDbPath();
  const std::string name = "Robert'); DROP TABLE entities;--";
  const std::string id = "org:robert'); DROP TABLE entities;--";
  const std::string doc_id = "doc\"'; DELETE FROM documents; --";
  {
    auto store = OpenOrDie(path);
    Extraction extraction;
    extraction.entities.push_back(Org(id, name, {"Bobby \"Tables\""}));
    extraction.entities.back().attributes["note"] = "' OR 1=1 --";
    extraction.facts.push_back(MakeFact(id, name, RelationType::kPartnerOf, "org:x", "X", 0.5,
                                        "Robert'); DROP TABLE entities;-- partnered with X."));
    ASSERT_TRUE(store->PutDocument(Doc(doc_id), extraction).ok());
  }
  auto store = OpenOrDie(path, OpenMode::kReadOnly);
  Result<std::vector<EntityRecord>> entities = store->LoadEntities();
  ASSERT_TRUE(entities.ok()) << entities.status().ToString();
  ASSERT_EQ(entities->size(), 2u);
  const EntityRecord& robert = (*entities)[0].id == id ? (*entities)[0] : (*entities)[1];
  EXPECT_EQ(robert.id, id);
  EXPECT_EQ(robert.name, name);
  EXPECT_EQ(robert.aliases, std::vector<std::string>{"Bobby \"Tables\""});
  EXPECT_EQ(robert.attributes.at("note"), "' OR 1=1 --");
  Result<std::vector<DocumentRecord>> documents = store->Documents();
  ASSERT_TRUE(documents.ok());
  ASSERT_EQ(documents->size(), 1u);
  EXPECT_EQ((*documents)[0].id, doc_id);
  Result<std::vector<RelationRecord>> relations = store->LoadRelations();
  ASSERT_TRUE(relations.ok());
  ASSERT_EQ(relations->size(), 1u);
  Result<std::vector<EvidenceRecord>> evidence = store->EvidenceFor((*relations)[0].key, 1);
  ASSERT_TRUE(evidence.ok());
  ASSERT_EQ(evidence->size(), 1u);
  EXPECT_EQ((*evidence)[0].evidence.sentence, "Robert'); DROP TABLE entities;-- partnered with X.");
}

TEST(Store, SearchEvidenceFindsSentencesAndRejectsBadQueries) {
  auto store = OpenOrDie(":memory:");
  Extraction extraction;
  extraction.facts.push_back(MakeFact("org:telkom", "Telkom", RelationType::kPartnerOf,
                                      "org:nimbus", "Nimbus", 0.8,
                                      "Telkom will host Nimbus cloud regions in Jakarta."));
  extraction.facts.push_back(MakeFact("org:nimbus", "Nimbus", RelationType::kCompetesWith,
                                      "org:stratus", "Stratus", 0.7,
                                      "Nimbus competes with Stratus for cloud contracts."));
  ASSERT_TRUE(store->PutDocument(Doc("d1"), extraction).ok());

  Result<std::vector<EvidenceRecord>> hits = store->SearchEvidence("jakarta", 10);
  ASSERT_TRUE(hits.ok()) << hits.status().ToString();
  ASSERT_EQ(hits->size(), 1u);
  EXPECT_EQ((*hits)[0].evidence.sentence, "Telkom will host Nimbus cloud regions in Jakarta.");
  EXPECT_EQ((*hits)[0].doc_title, "Title of d1");

  hits = store->SearchEvidence("cloud", 10);
  ASSERT_TRUE(hits.ok());
  EXPECT_EQ(hits->size(), 2u);
  hits = store->SearchEvidence("cloud", 1);
  ASSERT_TRUE(hits.ok());
  EXPECT_EQ(hits->size(), 1u);
  hits = store->SearchEvidence("\"cloud contracts\"", 10);
  ASSERT_TRUE(hits.ok());
  ASSERT_EQ(hits->size(), 1u);
  EXPECT_NE((*hits)[0].evidence.sentence.find("Stratus"), std::string::npos);

  Result<std::vector<EvidenceRecord>> bad = store->SearchEvidence("cloud AND (", 10);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("syntax error"), std::string::npos)
      << bad.status().message();
}

// Renders everything LoadEntities/LoadRelations return except SQLite keys.
std::string DumpWithoutKeys(Store& store) {
  std::ostringstream out;
  Result<std::vector<EntityRecord>> entities = store.LoadEntities();
  Result<std::vector<RelationRecord>> relations = store.LoadRelations();
  EXPECT_TRUE(entities.ok() && relations.ok());
  for (const EntityRecord& e : *entities) {
    out << e.id << "|" << e.name << "|" << EntityTypeName(e.type) << "|" << e.subtype << "|"
        << e.mention_count << "|aliases:";
    for (const auto& alias : e.aliases) out << alias << ",";
    out << "|attrs:";
    for (const auto& [k, v] : e.attributes) out << k << "=" << v << ",";
    out << "|parents:";
    for (const auto& parent : e.parents) out << parent << ",";
    out << "\n";
  }
  for (const RelationRecord& r : *relations) {
    out << r.subject_id << " " << RelationTypeName(r.type) << " " << r.object_id << " "
        << ModalityName(r.modality) << " strength=" << r.strength << " n=" << r.evidence_count
        << " " << r.first_seen << ".." << r.last_seen << " attrs:";
    for (const auto& [k, v] : r.attributes) out << k << "=" << v << ",";
    out << "\n";
  }
  return out.str();
}

TEST(Store, ResultsDoNotDependOnDocumentOrder) {
  std::vector<std::pair<Document, Extraction>> docs;
  {
    Extraction x;
    x.entities = {Org("org:alibaba", "Alibaba Group", {"BABA"}), Org("org:apple", "Apple Inc.")};
    x.entities[0].attributes = {{"tickers", "NYSE:BABA"}, {"sector", "retail"}};
    x.entities[0].parents = {"place:CN"};
    x.facts.push_back(MakeFact("org:apple", "Apple Inc.", RelationType::kPartnerOf, "org:alibaba",
                               "Alibaba Group", 0.6, "Apple teams up with Alibaba."));
    x.facts.back().attributes = {{"scope", "ai"}};
    docs.emplace_back(Doc("a", "2024-01-05"), x);
  }
  {
    Extraction x;
    x.entities = {Org("org:alibaba", "Alibaba", {"Ali"}), Org("org:apple", "Apple")};
    x.entities[0].attributes = {{"sector", "e-commerce"}};
    x.entities[0].parents = {"place:030"};
    x.entities[0].subtype = "";
    x.facts.push_back(MakeFact("org:alibaba", "Alibaba", RelationType::kPartnerOf, "org:apple",
                               "Apple", 0.3, "Alibaba and Apple deepen ties."));
    x.facts.back().attributes = {{"scope", "cloud"}};
    x.facts.push_back(MakeFact("org:alibaba", "Alibaba", RelationType::kInvestsIn, "org:qwen",
                               "Qwen Labs", 0.45, "Alibaba invested in Qwen Labs.", "2023-12-01"));
    docs.emplace_back(Doc("b", "2024-02-10"), x);
  }
  {
    Extraction x;
    x.entities = {Org("org:qwen", "Qwen Labs Ltd"), Org("org:apple", "Apple")};
    x.facts.push_back(MakeFact("org:alibaba", "Alibaba", RelationType::kInvestsIn, "org:qwen",
                               "Qwen Labs Ltd", 0.7, "Qwen Labs counts Alibaba as an investor."));
    docs.emplace_back(Doc("c", ""), x);
  }
  auto forward = OpenOrDie(":memory:");
  auto backward = OpenOrDie(":memory:");
  ASSERT_TRUE(forward->BeginBatch().ok());
  for (const auto& [doc, x] : docs) ASSERT_TRUE(forward->PutDocument(doc, x).ok());
  ASSERT_TRUE(forward->CommitBatch().ok());
  for (auto it = docs.rbegin(); it != docs.rend(); ++it) {
    ASSERT_TRUE(backward->PutDocument(it->first, it->second).ok());
  }
  const std::string forward_dump = DumpWithoutKeys(*forward);
  EXPECT_EQ(forward_dump, DumpWithoutKeys(*backward));
  // Sanity: the merge rules did something visible.
  EXPECT_NE(forward_dump.find("org:alibaba|Alibaba|"), std::string::npos) << forward_dump;
  EXPECT_NE(forward_dump.find("aliases:Ali,Alibaba Group,BABA,"), std::string::npos)
      << forward_dump;
  EXPECT_NE(forward_dump.find("parents:place:030,place:CN,"), std::string::npos) << forward_dump;
  EXPECT_NE(forward_dump.find("scope=cloud"), std::string::npos) << forward_dump;
}

TEST(Store, TaxonomyIsAuthoritativeOverExtractedValues) {
  auto store = OpenOrDie(":memory:");
  Entity indonesia;
  indonesia.id = "place:ID";
  indonesia.name = "Indonesia";
  indonesia.type = EntityType::kPlace;
  indonesia.subtype = "country";
  indonesia.aliases = {"Republic of Indonesia"};
  indonesia.parents = {"place:035", "place:142"};
  indonesia.attributes = {{"iso2", "ID"}};
  ASSERT_TRUE(store->PutTaxonomy({indonesia}).ok());

  Entity mentioned;
  mentioned.id = "place:ID";
  mentioned.name = "Indonesian";
  mentioned.type = EntityType::kPlace;
  mentioned.attributes = {{"iso2", "XX"}, {"seen_as", "adjective"}};
  mentioned.mentions.push_back(Mention{Span{0, 10}, "Indonesian"});
  Extraction extraction;
  extraction.entities.push_back(mentioned);
  ASSERT_TRUE(store->PutDocument(Doc("d1"), extraction).ok());

  Result<std::vector<EntityRecord>> entities = store->LoadEntities();
  ASSERT_TRUE(entities.ok());
  ASSERT_EQ(entities->size(), 1u);
  const EntityRecord& entity = (*entities)[0];
  EXPECT_EQ(entity.name, "Indonesia");
  EXPECT_EQ(entity.subtype, "country");
  EXPECT_EQ(entity.attributes.at("iso2"), "ID");
  EXPECT_EQ(entity.attributes.at("seen_as"), "adjective");
  EXPECT_EQ(entity.aliases, (std::vector<std::string>{"Indonesian", "Republic of Indonesia"}));
  EXPECT_EQ(entity.parents, (std::vector<std::string>{"place:035", "place:142"}));
  EXPECT_EQ(entity.mention_count, 1);
  Result<StoreStats> stats = store->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->entities, 1);
  EXPECT_EQ(stats->taxonomy_nodes, 0);
}

TEST(Store, BatchesCommitRollBackAndDoNotNest) {
  auto store = OpenOrDie(":memory:");
  Extraction extraction;
  extraction.entities.push_back(Org("org:acme", "Acme"));
  ASSERT_TRUE(store->BeginBatch().ok());
  EXPECT_EQ(store->BeginBatch().code(), StatusCode::kFailedPrecondition);
  ASSERT_TRUE(store->PutDocument(Doc("d1"), extraction).ok());
  ASSERT_TRUE(store->RollbackBatch().ok());
  Result<StoreStats> stats = store->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->documents, 0);
  EXPECT_EQ(stats->entities + stats->taxonomy_nodes, 0);
  EXPECT_EQ(store->CommitBatch().code(), StatusCode::kFailedPrecondition);

  // The entity cache must not remember the rolled-back entity.
  ASSERT_TRUE(store->BeginBatch().ok());
  ASSERT_TRUE(store->PutDocument(Doc("d2"), extraction).ok());
  ASSERT_TRUE(store->CommitBatch().ok());
  stats = store->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->documents, 1);
  EXPECT_EQ(stats->entities, 1);
  EXPECT_EQ(stats->mentions, 1);
}

// A bad fact is rejected before anything of its document is written (no
// savepoint undoes it), even after good facts of the same document; the rest
// of the batch lands.
TEST(Store, BadFactIsRejectedBeforeItsDocumentIsWrittenInsideABatch) {
  auto store = OpenOrDie(":memory:");
  Extraction good;
  good.entities.push_back(Org("org:acme", "Acme"));
  Extraction bad;
  bad.entities.push_back(Org("org:bolt", "Bolt"));
  bad.facts.push_back(MakeFact("org:bolt", "Bolt", RelationType::kSupplies, "org:acme", "Acme", 0.5,
                               "Bolt supplies Acme."));
  bad.facts.push_back(MakeFact("org:bolt", "Bolt", RelationType::kSupplies, "", "Nobody", 0.5,
                               "Bolt supplies someone."));
  Extraction later;
  later.entities.push_back(Org("org:core", "Core"));
  ASSERT_TRUE(store->BeginBatch().ok());
  ASSERT_TRUE(store->PutDocument(Doc("d1"), good).ok());
  Status status = store->PutDocument(Doc("d2"), bad);
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(status.message().find("an argument has an empty id"), std::string::npos)
      << status.message();
  ASSERT_TRUE(store->PutDocument(Doc("d3"), later).ok());
  ASSERT_TRUE(store->CommitBatch().ok());
  Result<std::vector<DocumentRecord>> documents = store->Documents();
  ASSERT_TRUE(documents.ok());
  ASSERT_EQ(documents->size(), 2u);
  EXPECT_EQ((*documents)[0].id, "d1");
  EXPECT_EQ((*documents)[1].id, "d3");
  Result<std::vector<EntityRecord>> entities = store->LoadEntities();
  ASSERT_TRUE(entities.ok());
  ASSERT_EQ(entities->size(), 2u);
  EXPECT_EQ((*entities)[0].id, "org:acme");
  EXPECT_EQ((*entities)[1].id, "org:core");
  EXPECT_EQ((*entities)[0].mention_count, 1);
  Result<std::vector<RelationRecord>> relations = store->LoadRelations();
  ASSERT_TRUE(relations.ok());
  EXPECT_TRUE(relations->empty());
  Result<std::vector<EvidenceRecord>> sentences = store->SearchEvidence("Bolt", 10);
  ASSERT_TRUE(sentences.ok());
  EXPECT_TRUE(sentences->empty());
}

// An entity with an empty id is rejected the same way, before the document's
// row or any other entity of it is written.
TEST(Store, EntityWithEmptyIdIsRejectedBeforeItsDocumentIsWritten) {
  auto store = OpenOrDie(":memory:");
  Extraction bad;
  bad.entities.push_back(Org("org:bolt", "Bolt"));
  bad.entities.push_back(Org("", "Nameless"));
  ASSERT_TRUE(store->BeginBatch().ok());
  Status status = store->PutDocument(Doc("d1"), bad);
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(status.message().find("entity 'Nameless': empty id"), std::string::npos)
      << status.message();
  ASSERT_TRUE(store->CommitBatch().ok());
  Result<std::vector<DocumentRecord>> documents = store->Documents();
  ASSERT_TRUE(documents.ok());
  EXPECT_TRUE(documents->empty());
  Result<std::vector<EntityRecord>> entities = store->LoadEntities();
  ASSERT_TRUE(entities.ok());
  EXPECT_TRUE(entities->empty());
}

// Runs FTS5's integrity check of sentence_fts against its content table.
void ExpectFtsConsistent(const std::string& path) {
  EXPECT_EQ(testing::FtsIntegrityCheck(path), "ok");
}

TEST(Store, FullTextIndexStaysConsistentThroughReplacementsInABatch) {
  const std::string path = TempDbPath();
  auto store = OpenOrDie(path);
  auto version = [](const std::string& sentence) {
    Extraction x;
    x.facts.push_back(
        MakeFact("org:acme", "Acme", RelationType::kSupplies, "org:bolt", "Bolt", 0.6, sentence));
    return x;
  };
  // Committed first version, then two replacements in one batch (the second
  // replaces rows the batch itself wrote), then a failing replacement.
  ASSERT_TRUE(store->PutDocument(Doc("d1"), version("Acme ships turbines to Bolt.")).ok());
  ASSERT_TRUE(store->BeginBatch().ok());
  ASSERT_TRUE(store->PutDocument(Doc("d1"), version("Acme ships gearboxes to Bolt.")).ok());
  ASSERT_TRUE(store->PutDocument(Doc("d1"), version("Acme ships rotors to Bolt.")).ok());
  Extraction broken = version("Acme ships blades to Bolt.");
  broken.facts.push_back(MakeFact("org:acme", "Acme", RelationType::kSupplies, "", "?", 0.5, "?"));
  EXPECT_FALSE(store->PutDocument(Doc("d1"), broken).ok());
  ASSERT_TRUE(store->CommitBatch().ok());

  for (const auto& [word, hits] : std::vector<std::pair<std::string, size_t>>{
           {"turbines", 0}, {"gearboxes", 0}, {"rotors", 1}, {"blades", 0}}) {
    Result<std::vector<EvidenceRecord>> found = store->SearchEvidence(word, 10);
    ASSERT_TRUE(found.ok()) << word;
    EXPECT_EQ(found->size(), hits) << word;
  }
  Result<StoreStats> stats = store->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->evidence, 1);
  EXPECT_EQ(stats->relations, 1);
  store.reset();
  ExpectFtsConsistent(path);
}

// A batch's evidence rows reach the table at its commit (in key order, in one
// statement); reads inside the batch see them, and a document replaced inside
// the batch takes its rows along, even when the next sentence reuses its key.
TEST(Store, EvidenceOfAnOpenBatchIsReadableAndLeavesWithItsReplacedDocument) {
  const std::string path = TempDbPath();
  auto store = OpenOrDie(path);
  auto version = [](const std::string& sentence) {
    Extraction x;
    x.facts.push_back(
        MakeFact("org:acme", "Acme", RelationType::kSupplies, "org:bolt", "Bolt", 0.6, sentence));
    return x;
  };
  auto sentences = [&]() {
    Result<std::vector<RelationRecord>> relations = store->LoadRelations();
    EXPECT_TRUE(relations.ok());
    EXPECT_EQ(relations->size(), 1u);
    std::vector<std::string> out;
    if (!relations.ok() || relations->empty()) return out;
    Result<std::vector<EvidenceRecord>> evidence = store->EvidenceFor(relations->front().key, 10);
    EXPECT_TRUE(evidence.ok());
    for (const EvidenceRecord& record : *evidence) out.push_back(record.evidence.sentence);
    std::sort(out.begin(), out.end());
    return out;
  };
  ASSERT_TRUE(store->PutDocument(Doc("d0"), version("Acme ships turbines to Bolt.")).ok());
  ASSERT_TRUE(store->BeginBatch().ok());
  ASSERT_TRUE(store->PutDocument(Doc("d1"), version("Acme ships gearboxes to Bolt.")).ok());
  ASSERT_TRUE(store->PutDocument(Doc("d2"), version("Acme ships rotors to Bolt.")).ok());
  EXPECT_EQ(sentences(),
            (std::vector<std::string>{"Acme ships gearboxes to Bolt.", "Acme ships rotors to Bolt.",
                                      "Acme ships turbines to Bolt."}));
  // d2's sentence has the largest key: its replacement's sentence gets it again.
  ASSERT_TRUE(store->PutDocument(Doc("d2"), version("Acme ships blades to Bolt.")).ok());
  ASSERT_TRUE(store->PutDocument(Doc("d1"), version("Acme ships hubs to Bolt.")).ok());
  ASSERT_TRUE(store->PutDocument(Doc("d3"), version("Acme ships towers to Bolt.")).ok());
  const std::vector<std::string> expected{"Acme ships blades to Bolt.", "Acme ships hubs to Bolt.",
                                          "Acme ships towers to Bolt.",
                                          "Acme ships turbines to Bolt."};
  EXPECT_EQ(sentences(), expected);
  // A relation created in the batch is read inside it with its key.
  Extraction partner;
  partner.facts.push_back(MakeFact("org:acme", "Acme", RelationType::kPartnerOf, "org:bolt", "Bolt",
                                   0.7, "Acme and Bolt teamed up."));
  ASSERT_TRUE(store->PutDocument(Doc("d4"), partner).ok());
  Result<int64_t> largest = store->MaxRelationKey();
  ASSERT_TRUE(largest.ok());
  EXPECT_EQ(*largest, 2);
  ASSERT_TRUE(store->PutDocument(Doc("d5"), partner).ok());
  ASSERT_TRUE(store->CommitBatch().ok());
  largest = store->MaxRelationKey();
  ASSERT_TRUE(largest.ok());
  EXPECT_EQ(*largest, 2);
  Result<StoreStats> stats = store->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->evidence, 6);
  EXPECT_EQ(stats->relations, 2);
  store.reset();
  EXPECT_EQ(QueryText(path, "SELECT evidence_count FROM relations WHERE key = 2"), "2");
  store = OpenOrDie(path);
  ASSERT_TRUE(store->PutDocument(Doc("d4"), version("Acme ships hubs to Bolt.")).ok());
  ASSERT_TRUE(store->PutDocument(Doc("d5"), version("Acme ships hubs to Bolt.")).ok());
  stats = store->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->relations, 1);
  EXPECT_EQ(stats->evidence, 6);
  store.reset();
  EXPECT_EQ(QueryText(path, "PRAGMA foreign_key_check"), "no row");
  EXPECT_EQ(QueryText(path,
                      "SELECT count(*) FROM evidence e JOIN sentences s ON s.key = "
                      "e.sentence_key"),
            "6");
  ExpectFtsConsistent(path);
}

// A batch's aliases are inserted at its commit, once each, and read inside
// it; a document replaced inside the batch takes its mentions with it.
TEST(Store, AliasesAndMentionsOfABatchAreWrittenAtItsCommit) {
  const std::string path = TempDbPath();
  auto store = OpenOrDie(path);
  auto with_aliases = [](const std::string& sentence, std::vector<std::string> aliases) {
    Extraction x;
    x.entities.push_back(Org("org:acme", "Acme", std::move(aliases)));
    x.facts.push_back(
        MakeFact("org:acme", "Acme", RelationType::kSupplies, "org:bolt", "Bolt", 0.6, sentence));
    return x;
  };
  auto aliases_of_acme = [&]() -> std::vector<std::string> {
    Result<std::vector<EntityRecord>> entities = store->LoadEntities();
    EXPECT_TRUE(entities.ok());
    if (!entities.ok()) return {};
    for (const EntityRecord& entity : *entities) {
      if (entity.id == "org:acme") return entity.aliases;
    }
    return {};
  };
  ASSERT_TRUE(
      store->PutDocument(Doc("d0"), with_aliases("Acme ships A to Bolt.", {"Acme Inc"})).ok());
  ASSERT_TRUE(store->BeginBatch().ok());
  ASSERT_TRUE(
      store->PutDocument(Doc("d1"), with_aliases("Acme ships B to Bolt.", {"Acme Corp", "ACME"}))
          .ok());
  ASSERT_TRUE(
      store->PutDocument(Doc("d2"), with_aliases("Acme ships C to Bolt.", {"ACME", "Acme Inc"}))
          .ok());
  std::vector<std::string> aliases = aliases_of_acme();
  std::sort(aliases.begin(), aliases.end());
  EXPECT_EQ(aliases, (std::vector<std::string>{"ACME", "Acme Corp", "Acme Inc"}));
  ASSERT_TRUE(store
                  ->PutDocument(Doc("d3", "2024-05-03"),
                                with_aliases("Acme ships D to Bolt.", {"Acme Ltd"}))
                  .ok());
  // Replaced inside the batch: its mentions leave with it. (No fact: the
  // relation only gains evidence in this batch.)
  Extraction mention_only;
  mention_only.entities.push_back(Org("org:acme", "Acme"));
  ASSERT_TRUE(store->PutDocument(Doc("d4"), mention_only).ok());
  mention_only.entities.front().mentions.push_back(Mention{Span{10, 14}, "Acme"});
  ASSERT_TRUE(store->PutDocument(Doc("d4"), mention_only).ok());
  ASSERT_TRUE(store->CommitBatch().ok());
  store.reset();
  EXPECT_EQ(QueryText(path,
                      "SELECT group_concat(alias, '|') FROM (SELECT alias FROM aliases a JOIN "
                      "entities e ON e.key = a.entity_key WHERE e.id = 'org:acme' ORDER BY alias)"),
            "ACME|Acme|Acme Corp|Acme Inc|Acme Ltd");
  EXPECT_EQ(QueryText(path,
                      "SELECT evidence_count || ' ' || first_seen || ' ' || last_seen "
                      "FROM relations"),
            "4 20240501 2");
  EXPECT_EQ(QueryText(path, "SELECT count(*) FROM mentions"), "5");
  EXPECT_EQ(QueryText(path,
                      "SELECT c.mentions FROM entity_counts c JOIN entities e ON "
                      "e.key = c.entity_key WHERE e.id = 'org:acme'"),
            "6");
  EXPECT_EQ(QueryText(path, "PRAGMA foreign_key_check"), "no row");
  ExpectFtsConsistent(path);
}

// A batch's sentence rows are inserted at its commit under the keys taken
// ahead: those SQLite would have given them one by one (the largest key left
// + 1), through replacements of the batch's own and of committed documents.
TEST(Store, SentencesOfABatchGetTheKeysSqliteWouldGiveThroughReplacements) {
  const std::string path = TempDbPath();
  auto store = OpenOrDie(path);
  auto version = [](const std::string& sentence) {
    Extraction x;
    x.facts.push_back(
        MakeFact("org:acme", "Acme", RelationType::kSupplies, "org:bolt", "Bolt", 0.6, sentence));
    return x;
  };
  auto keys = [&]() {
    return QueryText(path,
                     "SELECT group_concat(key, ',') FROM (SELECT key FROM sentences "
                     "ORDER BY key)");
  };
  ASSERT_TRUE(store->BeginBatch().ok());
  ASSERT_TRUE(store->PutDocument(Doc("d1"), version("Acme ships A to Bolt.")).ok());  // 1
  ASSERT_TRUE(store->PutDocument(Doc("d2"), version("Acme ships B to Bolt.")).ok());  // 2
  ASSERT_TRUE(store->PutDocument(Doc("d2"), version("Acme ships C to Bolt.")).ok());  // 2 again
  ASSERT_TRUE(store->PutDocument(Doc("d1"), version("Acme ships D to Bolt.")).ok());  // 3
  ASSERT_TRUE(store->PutDocument(Doc("d3"), version("Acme ships E to Bolt.")).ok());  // 4
  ASSERT_TRUE(store->CommitBatch().ok());
  EXPECT_EQ(keys(), "2,3,4");
  ASSERT_TRUE(store->BeginBatch().ok());
  ASSERT_TRUE(store->PutDocument(Doc("d3"), version("Acme ships F to Bolt.")).ok());  // 4 again
  ASSERT_TRUE(store->PutDocument(Doc("d4"), version("Acme ships G to Bolt.")).ok());  // 5
  ASSERT_TRUE(store->PutDocument(Doc("d2"), version("Acme ships H to Bolt.")).ok());  // 6
  ASSERT_TRUE(store->CommitBatch().ok());
  EXPECT_EQ(keys(), "3,4,5,6");
  for (const auto& [word, hits] : std::vector<std::pair<std::string, size_t>>{
           {"A", 0}, {"C", 0}, {"D", 1}, {"E", 0}, {"F", 1}, {"G", 1}, {"H", 1}}) {
    Result<std::vector<EvidenceRecord>> found = store->SearchEvidence(word, 10);
    ASSERT_TRUE(found.ok()) << word;
    EXPECT_EQ(found->size(), hits) << word;
  }
  Result<StoreStats> stats = store->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->evidence, 4);
  store.reset();
  EXPECT_EQ(QueryText(path, "PRAGMA foreign_key_check"), "no row");
  ExpectFtsConsistent(path);
}

TEST(Store, SecondWriterGetsClearLockError) {
  const std::string path = TempDbPath();
  auto first = OpenOrDie(path);
  ASSERT_NE(first, nullptr);
  ASSERT_TRUE(first->BeginBatch().ok());
  Extraction extraction;
  extraction.entities.push_back(Org("org:acme", "Acme"));
  ASSERT_TRUE(first->PutDocument(Doc("d1"), extraction).ok());

  StoreOptions options;
  options.busy_timeout_ms = 20;
  Result<std::unique_ptr<Store>> second = Store::Open(path, OpenMode::kReadWrite, options);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  Status begin = (*second)->BeginBatch();
  EXPECT_EQ(begin.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(begin.message(),
            path + ": database is locked by another corpgraph process (wait for it to finish)");
  Status put = (*second)->PutDocument(Doc("d2"), extraction);
  EXPECT_EQ(put.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(put.message().find("locked by another corpgraph process"), std::string::npos);
  // Readers are not blocked by the open batch (WAL), and do not see it.
  Result<StoreStats> stats = (*second)->Stats();
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(stats->documents, 0);

  ASSERT_TRUE(first->CommitBatch().ok());
  ASSERT_TRUE((*second)->PutDocument(Doc("d2"), extraction).ok());
  stats = first->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->documents, 2);
  EXPECT_EQ(stats->mentions, 2);
}

TEST(Store, MetadataRoundTripsAndProtectsSchemaVersion) {
  auto store = OpenOrDie(":memory:");
  ASSERT_TRUE(store->SetMetadata("rules", "default").ok());
  ASSERT_TRUE(store->SetMetadata("rules", "custom").ok());
  Result<std::optional<std::string>> value = store->GetMetadata("rules");
  ASSERT_TRUE(value.ok());
  EXPECT_EQ(value->value_or(""), "custom");
  EXPECT_FALSE(store->GetMetadata("nothing")->has_value());
  EXPECT_EQ(store->SetMetadata("schema_version", "9").code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace corpgraph::graph

namespace corpgraph::graph {
namespace {

// Relation days are packed as integers when they are ISO days; other date
// texts (a bare year, free text) must come back unchanged, and both kinds
// must order as text.
TEST(Store, RelationDatesRoundTripWhateverTheirShape) {
  auto store = OpenOrDie(":memory:");
  const std::string sentence = "Acme ships turbines to Bolt.";
  for (const auto& [id, date] : std::vector<std::pair<std::string, std::string>>{
           {"d1", "2024-03-01"}, {"d2", "2024"}, {"d3", "spring 2025"}, {"d4", "2023-12-31"}}) {
    Extraction x;
    x.facts.push_back(
        MakeFact("org:acme", "Acme", RelationType::kSupplies, "org:bolt", "Bolt", 0.5, sentence));
    ASSERT_TRUE(store->PutDocument(Doc(id, date), x).ok());
  }
  Result<std::vector<RelationRecord>> relations = store->LoadRelations();
  ASSERT_TRUE(relations.ok());
  ASSERT_EQ(relations->size(), 1u);
  EXPECT_EQ((*relations)[0].first_seen, "2023-12-31");
  EXPECT_EQ((*relations)[0].last_seen, "spring 2025");
  EXPECT_EQ((*relations)[0].evidence_count, 4);

  Extraction only_year;
  only_year.facts.push_back(MakeFact("org:acme", "Acme", RelationType::kPartnerOf, "org:bolt",
                                     "Bolt", 0.5, sentence, "2024"));
  ASSERT_TRUE(store->PutDocument(Doc("d5", "2024-01-01"), only_year).ok());
  relations = store->LoadRelations();
  ASSERT_TRUE(relations.ok());
  const RelationRecord* partner =
      FindRelation(*relations, "org:acme", RelationType::kPartnerOf, "org:bolt");
  ASSERT_NE(partner, nullptr);
  EXPECT_EQ(partner->first_seen, "2024");
  EXPECT_EQ(partner->last_seen, "2024");
}

}  // namespace
}  // namespace corpgraph::graph

namespace corpgraph::graph {
namespace {

TEST(Store, SentencesAreCompressedOnceThereIsADictionaryAndReadBackExactly) {
  const std::string path = TempDbPath();
  auto sentence = [](int i) {
    return "Acme Corp said on Tuesday that it agreed to supply " + std::to_string(i) +
           " gas turbines to Bolt Industries for its plant number " + std::to_string(i * 7) + ".";
  };
  auto facts = [&](int i) {
    Extraction x;
    x.facts.push_back(MakeFact("org:acme", "Acme", RelationType::kSupplies,
                               "org:bolt-" + std::to_string(i), "Bolt", 0.6, sentence(i)));
    return x;
  };
  // About twice the dictionary's worth of sentences: the dictionary comes half-way.
  constexpr int kDocuments =
      static_cast<int>(2 * internal::kStoreDictionaryBytes / 110 / 100 * 100);
  {
    auto store = OpenOrDie(path);
    for (int first = 0; first < kDocuments; first += 100) {
      ASSERT_TRUE(store->BeginBatch().ok());
      for (int i = first; i < first + 100; ++i) {
        ASSERT_TRUE(store->PutDocument(Doc("d" + std::to_string(i)), facts(i)).ok()) << i;
      }
      ASSERT_TRUE(store->CommitBatch().ok());
    }
    // A late (compressed) document replaced: its old words leave the index.
    ASSERT_TRUE(store->PutDocument(Doc("d" + std::to_string(kDocuments - 1)), Extraction{}).ok());
  }
  int64_t plain_bytes = 0;
  for (int i = 0; i < kDocuments - 1; ++i) plain_bytes += static_cast<int64_t>(sentence(i).size());
  EXPECT_EQ(QueryText(path, "SELECT length(data) FROM text_dictionary"),
            std::to_string(internal::kStoreDictionaryBytes));
  EXPECT_EQ(QueryText(path, "SELECT typeof(text) FROM sentences ORDER BY key LIMIT 1"), "text");
  EXPECT_EQ(QueryText(path, "SELECT typeof(text) FROM sentences ORDER BY key DESC LIMIT 1"),
            "blob");
  const int64_t stored = std::stoll(QueryText(path, "SELECT sum(length(text)) FROM sentences"));
  EXPECT_LT(stored, plain_bytes * 3 / 4);
  // Compacting packs the sentences stored before the dictionary existed.
  {
    auto store = OpenOrDie(path);
    ASSERT_TRUE(store->Compact().ok());
  }
  EXPECT_EQ(QueryText(path, "SELECT count(*) FROM sentences WHERE typeof(text) = 'text'"), "0");
  EXPECT_LT(std::stoll(QueryText(path, "SELECT sum(length(text)) FROM sentences")), stored / 3);
  EXPECT_EQ(QueryText(path, "INSERT INTO sentence_fts(sentence_fts) VALUES ('integrity-check')"),
            "no row");

  auto store = OpenOrDie(path, OpenMode::kReadOnly);
  Result<std::vector<RelationRecord>> relations = store->LoadRelations();
  ASSERT_TRUE(relations.ok());
  ASSERT_EQ(relations->size(), static_cast<size_t>(kDocuments - 1));
  for (const RelationRecord& relation : *relations) {
    Result<std::vector<EvidenceRecord>> evidence = store->EvidenceFor(relation.key, 0);
    ASSERT_TRUE(evidence.ok()) << evidence.status().ToString();
    ASSERT_EQ(evidence->size(), 1u);
    const int i = std::stoi(relation.object_id.substr(std::string("org:bolt-").size()));
    EXPECT_EQ((*evidence)[0].evidence.sentence, sentence(i));
  }
  Result<std::vector<EvidenceRecord>> hits =
      store->SearchEvidence(std::to_string((kDocuments - 1) * 7), 0);  // the replaced one's
  ASSERT_TRUE(hits.ok());
  EXPECT_TRUE(hits->empty());
  // (kDocuments - 2) * 7 is above every document number, so one sentence has it.
  hits = store->SearchEvidence(std::to_string((kDocuments - 2) * 7), 0);
  ASSERT_TRUE(hits.ok());
  ASSERT_EQ(hits->size(), 1u);
  EXPECT_EQ(hits->front().evidence.sentence, sentence(kDocuments - 2));
}

// Sentences packed on another thread with the store's own packer are stored
// byte for byte as the writer would store them; a packer with another
// dictionary (another store's) is not used, so its bytes never reach the file.
TEST(Store, SentencesPackedOnAnotherThreadAreStoredAsTheWriterWouldStoreThem) {
  auto sentence = [](const std::string& topic, int i) {
    return "Acme Corp said that it agreed to supply " + std::to_string(i) + " " + topic +
           " to Bolt Industries for its plant number " + std::to_string(i * 7) + ".";
  };
  auto facts = [&](const std::string& topic, int i) {
    Extraction x;
    x.facts.push_back(MakeFact("org:acme", "Acme", RelationType::kSupplies,
                               "org:bolt-" + std::to_string(i), "Bolt", 0.6, sentence(topic, i)));
    x.facts.push_back(MakeFact("org:bolt-" + std::to_string(i), "Bolt", RelationType::kPartnerOf,
                               "org:acme", "Acme", 0.5, sentence(topic, i)));
    return x;
  };
  // Enough sentences for the dictionary, in batches of 100.
  constexpr int kFill = static_cast<int>(internal::kStoreDictionaryBytes / 90 / 100 * 100 + 100);
  auto fill = [&](Store& store, const std::string& topic) {
    for (int first = 0; first < kFill; first += 100) {
      ASSERT_TRUE(store.BeginBatch().ok());
      for (int i = first; i < first + 100; ++i) {
        ASSERT_TRUE(store.PutDocument(Doc("d" + std::to_string(i)), facts(topic, i)).ok()) << i;
      }
      ASSERT_TRUE(store.CommitBatch().ok());
    }
  };
  const std::string with_path = TempDbPath();
  const std::string without_path = with_path + ".unpacked.db";
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(without_path + suffix);
  auto with = OpenOrDie(with_path);
  auto without = OpenOrDie(without_path);
  auto other = OpenOrDie(":memory:");
  ASSERT_EQ(with->sentence_packer(), nullptr);  // no dictionary yet
  fill(*with, "gas turbines");
  fill(*without, "gas turbines");
  fill(*other, "wind farms in the north sea with cables");
  const std::shared_ptr<const SentencePacker> packer = with->sentence_packer();
  const std::shared_ptr<const SentencePacker> foreign = other->sentence_packer();
  ASSERT_NE(packer, nullptr);
  ASSERT_NE(foreign, nullptr);
  EXPECT_EQ(with->sentence_packer(), packer);  // the same until the dictionary changes

  constexpr int kLater = 50;
  std::vector<PackedSentences> packed(kLater);
  std::thread worker([&] {
    for (int i = 0; i < kLater; ++i) {
      packed[i] = (i % 2 == 0 ? packer : foreign)->Pack(facts("gas turbines", kFill + i));
    }
  });
  worker.join();
  ASSERT_EQ(packed[0].by_fact.size(), 2u);
  EXPECT_EQ(packed[0].by_fact[0], packed[0].by_fact[1]);  // one sentence, packed once
  EXPECT_NE(packed[0].by_fact[0], packed[1].by_fact[0]);
  ASSERT_TRUE(with->BeginBatch().ok());
  ASSERT_TRUE(without->BeginBatch().ok());
  for (int i = 0; i < kLater; ++i) {
    const Document doc = Doc("d" + std::to_string(kFill + i));
    ASSERT_TRUE(with->PutDocument(doc, facts("gas turbines", kFill + i), &packed[i]).ok()) << i;
    ASSERT_TRUE(without->PutDocument(doc, facts("gas turbines", kFill + i)).ok()) << i;
  }
  ASSERT_TRUE(with->CommitBatch().ok());
  ASSERT_TRUE(without->CommitBatch().ok());
  with.reset();
  without.reset();

  const std::string sentences =
      "SELECT group_concat(key || ':' || hex(text), ',') FROM "
      "(SELECT key, text FROM sentences ORDER BY key)";
  EXPECT_EQ(QueryText(with_path, sentences.c_str()), QueryText(without_path, sentences.c_str()));
  EXPECT_EQ(QueryText(with_path, "SELECT typeof(text) FROM sentences ORDER BY key DESC LIMIT 1"),
            "blob");
  EXPECT_EQ(
      QueryText(with_path, "INSERT INTO sentence_fts(sentence_fts) VALUES ('integrity-check')"),
      "no row");
  auto reader = OpenOrDie(with_path, OpenMode::kReadOnly);
  for (int i : {kFill, kFill + 1}) {
    Result<std::vector<EvidenceRecord>> hits = reader->SearchEvidence(std::to_string(i * 7), 0);
    ASSERT_TRUE(hits.ok()) << hits.status().ToString();
    ASSERT_EQ(hits->size(), 2u) << i;  // both facts cite the one sentence
    EXPECT_EQ(hits->front().evidence.sentence, sentence("gas turbines", i));
  }
}

// Counts what a store reads: entities, and relations through ForEachRelation.
struct ReadCounts {
  size_t entities = 0;
  size_t relations = 0;
  std::thread::id thread;
  const Store* store = nullptr;
};

Status CountInto(Store& store, ReadCounts& counts) {
  counts.thread = std::this_thread::get_id();
  counts.store = &store;
  ASSIGN_OR_RETURN(std::vector<EntityRecord> entities, store.LoadEntities());
  counts.entities = entities.size();
  return store.ForEachRelation([&](const RelationRow&) {
    ++counts.relations;
    return Status::Ok();
  });
}

Extraction PartnerExtraction(const std::string& a, const std::string& b) {
  Extraction extraction;
  extraction.entities.push_back(Org("org:" + a, a));
  extraction.entities.push_back(Org("org:" + b, b));
  extraction.facts.push_back(MakeFact("org:" + a, a, RelationType::kPartnerOf, "org:" + b, b, 0.8,
                                      a + " teamed up with " + b + "."));
  return extraction;
}

// The two functions run on two threads with two connections, and both read
// the snapshot of the moment ReadInParallel began: a document committed by
// another connection while they run is seen by neither, though the second
// function reads only after the commit.
TEST(StoreReadInParallel, BothReadOneSnapshotOnTwoThreads) {
  const std::string path = TempDbPath();
  auto writer = OpenOrDie(path);
  ASSERT_NE(writer, nullptr);
  ASSERT_TRUE(writer->PutDocument(Doc("d1"), PartnerExtraction("Quillfeather", "Brassmoor")).ok());
  auto reader = OpenOrDie(path, OpenMode::kReadOnly);
  ASSERT_NE(reader, nullptr);

  std::promise<void> committed;
  std::shared_future<void> committed_future = committed.get_future().share();
  ReadCounts first_counts;
  ReadCounts second_counts;
  Status status = reader->ReadInParallel(
      [&](Store& store) {
        Status put = writer->PutDocument(Doc("d2"), PartnerExtraction("Velloran", "Ostrique"));
        committed.set_value();
        RETURN_IF_ERROR(put);
        return CountInto(store, first_counts);
      },
      [&](Store& store) {
        committed_future.wait();
        return CountInto(store, second_counts);
      });
  ASSERT_TRUE(status.ok()) << status.ToString();
  EXPECT_EQ(first_counts.store, reader.get());
  EXPECT_EQ(first_counts.thread, std::this_thread::get_id());
  EXPECT_NE(second_counts.store, reader.get());
  EXPECT_NE(second_counts.thread, std::this_thread::get_id());
  EXPECT_EQ(first_counts.entities, 2u);
  EXPECT_EQ(first_counts.relations, 1u);
  EXPECT_EQ(second_counts.entities, 2u);
  EXPECT_EQ(second_counts.relations, 1u);
  // Afterwards the reader sees the new document.
  ReadCounts after;
  ASSERT_TRUE(CountInto(*reader, after).ok());
  EXPECT_EQ(after.entities, 4u);
  EXPECT_EQ(after.relations, 2u);
}

// A store of 3,000 relations between forged entities, keys 100 + 7·i (gaps),
// plus one keyed beyond 32 bits with a text first_seen and attributes.
std::string StoreWithManyRelations() {
  const std::string path = TempDbPath();
  {
    auto store = OpenOrDie(path);
    EXPECT_NE(store, nullptr);
    if (store == nullptr) return path;
    EXPECT_TRUE(store->PutDocument(Doc("d1"), PartnerExtraction("Quillfeather", "Brassmoor")).ok());
  }
  RawSql(path,
         "PRAGMA foreign_keys = OFF;"
         "INSERT INTO entities(key, id, name, type) "
         "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000) "
         "SELECT 1000 + i, 'org:x' || i, 'X' || i, 'organization' FROM n;"
         "INSERT INTO entity_counts(entity_key, mentions, relations) "
         "SELECT key, 1, 1 FROM entities WHERE key > 1000;"
         "INSERT INTO relations(key, subject_key, type, object_key, modality, strength, "
         "evidence_count, first_seen, last_seen) "
         "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000) "
         "SELECT 100 + 7 * i, r.subject_key, r.type, 1000 + i, r.modality, i % 1000, 1 + i % 5, "
         "20240101 + i % 28, i % 3 FROM n, (SELECT * FROM relations ORDER BY key LIMIT 1) r;"
         "INSERT INTO relations(key, subject_key, type, object_key, modality, strength, "
         "evidence_count, first_seen, last_seen, attributes) "
         "SELECT 9000000000, 1001, type, 1002, modality, 0.123456, 2, 'spring 2024', "
         "'summer 2024', '{\"amount\":\"5\"}' FROM relations ORDER BY key LIMIT 1;");
  return path;
}

// Key ranges read each relation once, in key order, at most kCapacity rows a
// block, and agree with ForEachRelation (days formatted, texts kept) however
// the keys are split.
TEST(StoreReadRelationBlocks, KeyRangesReadEachRelationOnceLikeForEachRelation) {
  const std::string path = StoreWithManyRelations();
  auto store = OpenOrDie(path, OpenMode::kReadOnly);
  ASSERT_NE(store, nullptr);
  std::vector<std::string> want;
  ASSERT_TRUE(
      store
          ->ForEachRelation([&](const RelationRow& row) {
            want.push_back(
                std::to_string(row.key) + " " + std::to_string(row.subject_key) + " " +
                std::to_string(row.object_key) + " " + std::string(RelationTypeName(row.type)) +
                " " + std::string(ModalityName(row.modality)) + " " + std::to_string(row.strength) +
                " " + std::to_string(row.evidence_count) + " " + std::string(row.first_seen) + " " +
                std::string(row.last_seen) + " " + std::string(row.attributes));
            return Status::Ok();
          })
          .ok());
  ASSERT_EQ(want.size(), 3002u);
  EXPECT_NE(want.back().find("9000000000 "), std::string::npos);
  EXPECT_NE(want.back().find(" spring 2024 summer 2024 {\"amount\":\"5\"}"), std::string::npos);
  EXPECT_NE(want[1].find(" 2024-01-02 2024-01-03 "), std::string::npos) << want[1];

  const std::vector<std::vector<int64_t>> splits = {
      {INT64_MIN, INT64_MAX},
      {INT64_MIN, 0, 107, 108, 5000, 4294967295, INT64_MAX},
      {INT64_MIN, 9000000000, INT64_MAX},
  };
  for (const std::vector<int64_t>& split : splits) {
    std::vector<std::string> got;
    for (size_t i = 0; i + 1 < split.size(); ++i) {
      const int64_t first = i == 0 ? split[i] : split[i] + 1;
      Status status = store->ReadRelationBlocks(first, split[i + 1], [&](const RelationBlock& b) {
        EXPECT_GT(b.size, 0u);
        EXPECT_LE(b.size, RelationBlock::kCapacity);
        size_t next_text = 0;
        size_t next_attributes = 0;
        for (size_t r = 0; r < b.size; ++r) {
          auto day = [&](int64_t number) {
            if (number != RelationBlock::kTextDay) return FormatDayNumber(number);
            return b.text_days[next_text++].second;
          };
          const std::string first_seen = day(b.first_seen[r]);
          const std::string last_seen = day(b.last_seen[r]);
          std::string attributes;
          if (next_attributes < b.attributes.size() && b.attributes[next_attributes].first == r) {
            attributes = b.attributes[next_attributes++].second;
          }
          got.push_back(std::to_string(b.keys[r]) + " " + std::to_string(b.subject_keys[r]) + " " +
                        std::to_string(b.object_keys[r]) + " " +
                        std::string(RelationTypeName(static_cast<RelationType>(b.types[r]))) + " " +
                        std::string(ModalityName(static_cast<Modality>(b.modalities[r]))) + " " +
                        std::to_string(b.strengths[r]) + " " +
                        std::to_string(b.evidence_counts[r]) + " " + first_seen + " " + last_seen +
                        " " + attributes);
        }
        EXPECT_EQ(next_text, b.text_days.size());
        EXPECT_EQ(next_attributes, b.attributes.size());
        return Status::Ok();
      });
      ASSERT_TRUE(status.ok()) << status.ToString();
    }
    EXPECT_EQ(got, want) << split.size();
  }
  // A range without relations calls nothing; the visitor's error stops the read.
  int calls = 0;
  ASSERT_TRUE(store
                  ->ReadRelationBlocks(101, 106,
                                       [&](const RelationBlock&) {
                                         ++calls;
                                         return Status::Ok();
                                       })
                  .ok());
  EXPECT_EQ(calls, 0);
  Status stopped = store->ReadRelationBlocks(INT64_MIN, INT64_MAX, [&](const RelationBlock&) {
    ++calls;
    return NotFoundError("enough");
  });
  EXPECT_EQ(stopped.code(), StatusCode::kNotFound);
  EXPECT_EQ(calls, 1);
}

// Two connections reading disjoint key ranges inside ReadInParallel read one
// snapshot: a relation committed (with a key in the second range) while they
// run is not seen, though the second range is read after the commit.
TEST(StoreReadInParallel, KeyRangesOnTwoConnectionsReadOneSnapshot) {
  const std::string path = TempDbPath();
  auto writer = OpenOrDie(path);
  ASSERT_NE(writer, nullptr);
  ASSERT_TRUE(writer->PutDocument(Doc("d1"), PartnerExtraction("Quillfeather", "Brassmoor")).ok());
  Result<int64_t> max_key = writer->MaxRelationKey();
  ASSERT_TRUE(max_key.ok());
  auto reader = OpenOrDie(path, OpenMode::kReadOnly);
  ASSERT_NE(reader, nullptr);
  std::promise<void> committed;
  std::shared_future<void> committed_future = committed.get_future().share();
  auto count_range = [](Store& store, int64_t first, int64_t last, size_t& count) {
    return store.ReadRelationBlocks(first, last, [&count](const RelationBlock& block) {
      count += block.size;
      return Status::Ok();
    });
  };
  size_t low = 0;
  size_t high = 0;
  Status status = reader->ReadInParallel(
      [&](Store& store) {
        Status put = writer->PutDocument(Doc("d2"), PartnerExtraction("Velloran", "Ostrique"));
        committed.set_value();
        RETURN_IF_ERROR(put);
        return count_range(store, INT64_MIN, *max_key, low);
      },
      [&](Store& store) {
        committed_future.wait();
        return count_range(store, *max_key + 1, INT64_MAX, high);
      });
  ASSERT_TRUE(status.ok()) << status.ToString();
  EXPECT_EQ(low, 1u);
  EXPECT_EQ(high, 0u);
  size_t after = 0;
  ASSERT_TRUE(count_range(*reader, *max_key + 1, INT64_MAX, after).ok());
  EXPECT_EQ(after, 1u);
}

// While another connection holds the write lock (an open batch), there is no
// cheap way to one snapshot on two connections: both functions run on the
// calling thread with this store, in one read transaction, and see only what
// was committed.
TEST(StoreReadInParallel, FallsBackToOneConnectionWhileAWriterHoldsTheLock) {
  const std::string path = TempDbPath();
  auto writer = OpenOrDie(path);
  ASSERT_NE(writer, nullptr);
  ASSERT_TRUE(writer->PutDocument(Doc("d1"), PartnerExtraction("Quillfeather", "Brassmoor")).ok());
  ASSERT_TRUE(writer->BeginBatch().ok());
  ASSERT_TRUE(writer->PutDocument(Doc("d2"), PartnerExtraction("Velloran", "Ostrique")).ok());
  auto reader = OpenOrDie(path, OpenMode::kReadOnly);
  ASSERT_NE(reader, nullptr);
  ReadCounts first_counts;
  ReadCounts second_counts;
  Status status =
      reader->ReadInParallel([&](Store& store) { return CountInto(store, first_counts); },
                             [&](Store& store) { return CountInto(store, second_counts); });
  ASSERT_TRUE(status.ok()) << status.ToString();
  EXPECT_EQ(first_counts.store, reader.get());
  EXPECT_EQ(second_counts.store, reader.get());
  EXPECT_EQ(second_counts.thread, std::this_thread::get_id());
  EXPECT_EQ(first_counts.entities, 2u);
  EXPECT_EQ(second_counts.entities, 2u);
  EXPECT_EQ(second_counts.relations, 1u);
  ASSERT_TRUE(writer->CommitBatch().ok());
}

// In-memory databases have no second connection: serial, on this store.
TEST(StoreReadInParallel, RunsSeriallyOnAnInMemoryStore) {
  auto store = OpenOrDie(":memory:");
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->PutDocument(Doc("d1"), PartnerExtraction("Quillfeather", "Brassmoor")).ok());
  std::vector<std::string> calls;
  ReadCounts counts;
  Status status = store->ReadInParallel(
      [&](Store& s) {
        calls.push_back("first");
        return CountInto(s, counts);
      },
      [&](Store& s) {
        calls.push_back("second");
        EXPECT_EQ(&s, store.get());
        return Status::Ok();
      });
  ASSERT_TRUE(status.ok()) << status.ToString();
  EXPECT_EQ(calls, (std::vector<std::string>{"first", "second"}));
  EXPECT_EQ(counts.relations, 1u);
}

// The first function's error wins; else the second's is returned; an
// exception becomes Internal. The store stays usable after each.
TEST(StoreReadInParallel, ReturnsTheFirstErrorAndTurnsExceptionsIntoInternal) {
  const std::string path = TempDbPath();
  auto store = OpenOrDie(path);
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->PutDocument(Doc("d1"), PartnerExtraction("Quillfeather", "Brassmoor")).ok());
  auto ok = [](Store&) { return Status::Ok(); };
  Status status = store->ReadInParallel([](Store&) { return NotFoundError("first failed"); },
                                        [](Store&) { return InvalidArgumentError("second"); });
  EXPECT_EQ(status.code(), StatusCode::kNotFound);
  status = store->ReadInParallel(ok, [](Store&) { return InvalidArgumentError("second failed"); });
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(), "second failed");
  status = store->ReadInParallel(ok, [](Store&) -> Status { throw std::runtime_error("boom"); });
  EXPECT_EQ(status.code(), StatusCode::kInternal);
  EXPECT_NE(status.message().find("boom"), std::string::npos) << status.ToString();
  // No read transaction is left open: a write goes through.
  EXPECT_TRUE(store->PutDocument(Doc("d2"), PartnerExtraction("Velloran", "Ostrique")).ok());
  ReadCounts counts;
  ASSERT_TRUE(CountInto(*store, counts).ok());
  EXPECT_EQ(counts.relations, 2u);
}

}  // namespace
}  // namespace corpgraph::graph
