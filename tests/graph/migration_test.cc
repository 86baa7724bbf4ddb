// Schema migration: a schema v1 file (created here from the frozen v1 SQL, the
// migration's source) opened read-write becomes v8 (through v2, v3, v4, v5, v6 and v7)
// with every document, entity, alias, mention, relation and evidence row kept; so does a
// v2, a v3, a v4, a v5 and a v6 file (frozen v2 ... v6 SQL in graph/internal/), and a v7
// file (a v8 file with its counts put back into `entities`, as v7 kept them).
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <string>

#include "graph/graph.h"
#include "graph/internal/schema_v2.h"
#include "graph/internal/schema_v3.h"
#include "graph/internal/schema_v4.h"
#include "graph/internal/schema_v5.h"
#include "graph/internal/schema_v6.h"
#include "graph/internal/text_codec.h"
#include "graph/store.h"
#include "tests/graph/sql_util.h"

namespace corpgraph::graph {
namespace {

// Schema v1 exactly as corpgraph created it (graph/README.md history).
constexpr const char* kSchemaV1Sql = R"sql(
CREATE TABLE metadata(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE documents(id TEXT PRIMARY KEY, source TEXT NOT NULL DEFAULT '',
  title TEXT NOT NULL DEFAULT '', date TEXT NOT NULL DEFAULT '',
  sha256 TEXT NOT NULL DEFAULT '', added_at TEXT NOT NULL DEFAULT '');
CREATE TABLE entities(key INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
  type TEXT NOT NULL, subtype TEXT NOT NULL DEFAULT '', attributes TEXT NOT NULL DEFAULT '{}',
  parents TEXT NOT NULL DEFAULT '[]', taxonomy INTEGER NOT NULL DEFAULT 0);
CREATE TABLE aliases(entity_key INTEGER NOT NULL REFERENCES entities(key) ON DELETE CASCADE,
  alias TEXT NOT NULL, alias_norm TEXT NOT NULL, PRIMARY KEY(entity_key, alias)) WITHOUT ROWID;
CREATE INDEX aliases_by_norm ON aliases(alias_norm);
CREATE TABLE mentions(doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  entity_key INTEGER NOT NULL REFERENCES entities(key) ON DELETE CASCADE,
  start INTEGER NOT NULL, "end" INTEGER NOT NULL);
CREATE INDEX mentions_by_entity ON mentions(entity_key);
CREATE INDEX mentions_by_doc ON mentions(doc_id);
CREATE TABLE relations(key INTEGER PRIMARY KEY,
  subject_key INTEGER NOT NULL REFERENCES entities(key), type TEXT NOT NULL,
  object_key INTEGER NOT NULL REFERENCES entities(key), modality TEXT NOT NULL,
  attributes TEXT NOT NULL DEFAULT '{}', strength REAL NOT NULL DEFAULT 0,
  evidence_count INTEGER NOT NULL DEFAULT 0, first_seen TEXT NOT NULL DEFAULT '',
  last_seen TEXT NOT NULL DEFAULT '', UNIQUE(subject_key, type, object_key, modality));
CREATE INDEX relations_by_object ON relations(object_key);
CREATE TABLE evidence(key INTEGER PRIMARY KEY,
  relation_key INTEGER NOT NULL REFERENCES relations(key) ON DELETE CASCADE,
  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE, sentence TEXT NOT NULL,
  sent_start INTEGER NOT NULL, sent_end INTEGER NOT NULL, subj_start INTEGER NOT NULL,
  subj_end INTEGER NOT NULL, obj_start INTEGER NOT NULL, obj_end INTEGER NOT NULL,
  rule TEXT NOT NULL, confidence REAL NOT NULL, kind TEXT NOT NULL,
  date TEXT NOT NULL DEFAULT '', attributes TEXT NOT NULL DEFAULT '{}');
CREATE INDEX evidence_by_relation ON evidence(relation_key);
CREATE INDEX evidence_by_doc ON evidence(doc_id);
CREATE VIRTUAL TABLE evidence_fts USING fts5(sentence, content='evidence', content_rowid='key');
INSERT INTO metadata(key, value) VALUES ('schema_version', '1');
)sql";

// Two documents; doc-1's one sentence backs two relations (stored twice in v1).
constexpr const char* kV1DataSql = R"sql(
INSERT INTO metadata(key, value) VALUES ('corpus_root', '/news');
INSERT INTO documents VALUES
  ('doc-1', 'feed.jsonl', 'Lumora and Vextal', '2024-03-01',
   'b0cf205870e9167dbb7e6ebca6f585111ee431d60cb8873251b1603bec3cbcce', '2024-03-02T10:00:00Z'),
  ('doc-2', 'feed.jsonl', 'Vextal expands', '2024-05-07', 'not-a-hex-hash', '');
INSERT INTO entities(key, id, name, type, subtype, attributes, parents, taxonomy) VALUES
  (1, 'org:lumora', 'Lumora', 'organization', 'company', '{"ticker":"LUM"}', '[]', 0),
  (2, 'org:vextal', 'Vextal', 'organization', '', '{}', '[]', 0),
  (3, 'place:norway', 'Norway', 'place', 'country', '{}', '[]', 1);
INSERT INTO aliases VALUES (1, 'Lumora', 'lumora'), (1, 'Lumora Systems', 'lumora systems'),
  (2, 'Vextal', 'vextal'), (3, 'Norway', 'norway');
INSERT INTO mentions VALUES ('doc-1', 1, 0, 6), ('doc-1', 1, 40, 46), ('doc-1', 2, 20, 26),
  ('doc-2', 2, 0, 6);
INSERT INTO relations VALUES
  (1, 1, 'partner_of', 2, 'asserted', '{}', 0.8, 1, '2024-03-01', '2024-03-01'),
  (2, 1, 'supplies', 2, 'planned', '{"amount":"5 million"}', 0.94, 2, '2024-03-01',
   '2024-05-07'),
  (3, 2, 'operates_in', 3, 'asserted', '{}', 0.7, 1, '2024-05-07', '2024-05-07');
INSERT INTO evidence VALUES
  (1, 1, 'doc-1', 'Lumora teamed up with Vextal to ship turbines.', 0, 47, 0, 6, 22, 28,
   'partner.with', 0.8, 'explicit', '2024-03-01', '{}'),
  (2, 2, 'doc-1', 'Lumora teamed up with Vextal to ship turbines.', 0, 47, 0, 6, 22, 28,
   'supply.ship', 0.7, 'explicit', '2024-03-01', '{"amount":"5 million"}'),
  (3, 2, 'doc-2', 'Vextal will get turbines from Lumora.', 0, 37, 30, 36, 0, 6,
   'supply.get_from', 0.8, 'inferred', '2024-05-07', '{}'),
  (4, 3, 'doc-2', 'Vextal opened an office in Norway.', 38, 72, 38, 44, 65, 71,
   'operate.in', 0.7, 'explicit', '2024-04-30', '{}');
INSERT INTO evidence_fts(evidence_fts) VALUES ('rebuild');
)sql";

// Schema v2 exactly as corpgraph created it (graph/README.md history).
using graph::internal::kSchemaV2Sql;

// Two documents and enough sentences (600 fillers in doc-1) for the migration
// to make a text dictionary; doc-1 mentions Lumora twice and Vextal once.
constexpr const char* kV2DataSql = R"sql(
INSERT INTO vocabulary(key, domain, name) VALUES (1, 'source', 'feed.jsonl'),
  (2, 'relation_type', 'partner_of'), (3, 'modality', 'asserted'), (4, 'rule', 'partner.with'),
  (5, 'evidence_kind', 'explicit');
INSERT INTO documents(key, id, source_key, title, date, sha256) VALUES
  (1, 'doc-1', 1, 'Lumora and Vextal', '2024-03-01', x'00'),
  (2, 'doc-2', 1, 'Vextal again', '2024-05-07', x'01');
INSERT INTO entities(key, id, name, type, mentions) VALUES
  (1, 'org:lumora', 'Lumora', 'organization', 2), (2, 'org:vextal', 'Vextal', 'organization', 2);
INSERT INTO mentions(doc_key, entity_key, spans) VALUES
  (1, 1, x'0006' || x'500c'), (1, 2, x'280c'), (2, 2, x'000c');
INSERT INTO relations(key, subject_key, type, object_key, modality, strength, evidence_count,
                      first_seen, last_seen) VALUES (1, 1, 2, 2, 3, 0.8, 1, 20240301, 20240301);
INSERT INTO sentences(key, doc_key, start, "end", text) VALUES
  (1, 1, 0, 47, 'Lumora teamed up with Vextal to ship turbines.');
WITH RECURSIVE n(i) AS (SELECT 2 UNION ALL SELECT i + 1 FROM n WHERE i < 4601)
  INSERT INTO sentences(key, doc_key, start, "end", text)
  SELECT i, 1, i * 100, i * 100 + 70,
         printf('Filler sentence %d says that Lumora and Vextal ship turbines.', i) FROM n;
INSERT INTO sentences(key, doc_key, start, "end", text) VALUES
  (4602, 2, 0, 40, 'Vextal opened a gearbox plant in Norway.');
INSERT INTO evidence(key, relation_key, sentence_key, subj_start, subj_end, obj_start, obj_end,
                     rule, confidence, kind) VALUES
  (1, 1, 1, 0, 6, 22, 28, 4, 0.8, 5), (2, 1, 4602, 0, 6, 0, 6, 4, 0.5, 5);
INSERT INTO sentence_fts(sentence_fts) VALUES ('rebuild');
)sql";

std::filesystem::path TempDbDir() {
  return std::filesystem::temp_directory_path() /
         ("corpgraph-migration-" + std::to_string(::getpid()));
}

// CTest runs each test in a process of its own: the process's folder goes when it ends.
class RemoveTempDbDir : public ::testing::Environment {
 public:
  void TearDown() override {
    std::error_code ec;
    std::filesystem::remove_all(TempDbDir(), ec);
  }
};
[[maybe_unused]] ::testing::Environment* const kRemoveTempDbDir =
    ::testing::AddGlobalTestEnvironment(new RemoveTempDbDir);

std::string TempDbPath() {
  static int counter = 0;
  const std::filesystem::path dir = TempDbDir();
  std::filesystem::create_directories(dir);
  const std::string path = (dir / ("v1-" + std::to_string(counter++) + ".db")).string();
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  return path;
}

using testing::RawSql;

using testing::QueryText;

// A fresh WAL file made by `schema` (an old version's SQL) and `data`.
std::string Fixture(const char* schema, const char* data) {
  const std::string path = TempDbPath();
  RawSql(path, std::string("PRAGMA journal_mode = WAL;") + schema + data);
  return path;
}

std::string V1Fixture() { return Fixture(kSchemaV1Sql, kV1DataSql); }

// Opens `path` read-write expecting its migration from version `from` to fail: the error
// names that step and the file still says `from`. Returns the error.
Status ExpectMigrationFails(const std::string& path, int from) {
  Result<std::unique_ptr<Store>> store = Store::Open(path, OpenMode::kReadWrite);
  EXPECT_FALSE(store.ok());
  if (store.ok()) return Status::Ok();
  const std::string step =
      "migrating schema version " + std::to_string(from) + " to " + std::to_string(from + 1);
  EXPECT_NE(store.status().message().find(step), std::string::npos) << store.status().message();
  EXPECT_EQ(QueryText(path, "SELECT value FROM metadata WHERE key = 'schema_version'"),
            std::to_string(from));
  return store.status();
}

TEST(Migration, V1FileIsMigratedKeepingEveryRow) {
  const std::string path = V1Fixture();
  Result<std::unique_ptr<Store>> opened = Store::Open(path, OpenMode::kReadWrite);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  Store& store = **opened;
  EXPECT_EQ(store.GetMetadata("schema_version")->value_or(""), "8");
  EXPECT_EQ(store.GetMetadata("corpus_root")->value_or(""), "/news");

  Result<StoreStats> stats = store.Stats();
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(stats->documents, 2);
  EXPECT_EQ(stats->entities, 3);  // Norway is a lexicon node but takes part in a relation
  EXPECT_EQ(stats->relations, 3);
  EXPECT_EQ(stats->evidence, 4);
  EXPECT_EQ(stats->mentions, 4);
  EXPECT_EQ(stats->relations_by_type.at("supplies"), 1);

  Result<std::vector<DocumentRecord>> documents = store.Documents();
  ASSERT_TRUE(documents.ok());
  ASSERT_EQ(documents->size(), 2u);
  EXPECT_EQ((*documents)[0].source, "feed.jsonl");
  EXPECT_EQ((*documents)[0].sha256,
            "b0cf205870e9167dbb7e6ebca6f585111ee431d60cb8873251b1603bec3cbcce");
  EXPECT_EQ((*documents)[1].sha256, "not-a-hex-hash");
  EXPECT_EQ(store.DocumentHash("doc-2")->value_or(""), "not-a-hex-hash");

  Result<std::vector<EntityRecord>> entities = store.LoadEntities();
  ASSERT_TRUE(entities.ok());
  ASSERT_EQ(entities->size(), 3u);
  EXPECT_EQ((*entities)[0].id, "org:lumora");
  EXPECT_EQ((*entities)[0].mention_count, 2);
  EXPECT_EQ((*entities)[0].aliases, std::vector<std::string>{"Lumora Systems"});
  EXPECT_EQ((*entities)[0].attributes.at("ticker"), "LUM");
  EXPECT_EQ((*entities)[1].mention_count, 2);

  Result<std::vector<RelationRecord>> relations = store.LoadRelations();
  ASSERT_TRUE(relations.ok());
  ASSERT_EQ(relations->size(), 3u);
  const RelationRecord& supplies = (*relations)[1];
  EXPECT_EQ(supplies.type, RelationType::kSupplies);
  EXPECT_EQ(supplies.modality, Modality::kPlanned);
  EXPECT_EQ(supplies.attributes.at("amount"), "5 million");
  EXPECT_DOUBLE_EQ(supplies.strength, 0.94);
  EXPECT_EQ(supplies.last_seen, "2024-05-07");

  Result<std::vector<EvidenceRecord>> evidence = store.EvidenceFor(supplies.key, 0);
  ASSERT_TRUE(evidence.ok());
  ASSERT_EQ(evidence->size(), 2u);
  EXPECT_EQ((*evidence)[0].evidence.rule, "supply.get_from");
  EXPECT_EQ((*evidence)[0].evidence.kind, EvidenceKind::kInferred);
  EXPECT_EQ((*evidence)[0].evidence.object_span.end, 6u);
  EXPECT_EQ((*evidence)[1].evidence.sentence, "Lumora teamed up with Vextal to ship turbines.");
  EXPECT_EQ((*evidence)[1].evidence.date, "2024-03-01");
  EXPECT_EQ((*evidence)[1].doc_title, "Lumora and Vextal");
  Result<std::vector<EvidenceRecord>> office = store.EvidenceFor((*relations)[2].key, 0);
  ASSERT_TRUE(office.ok());
  ASSERT_EQ(office->size(), 1u);
  EXPECT_EQ((*office)[0].evidence.date, "2024-04-30");  // differs from the document's date
  EXPECT_EQ((*office)[0].evidence.sentence_span.start, 38u);

  // The shared sentence is stored once and still found by both its facts.
  EXPECT_EQ(QueryText(path, "SELECT count(*) FROM sentences"), "3");
  Result<std::vector<EvidenceRecord>> hits = store.SearchEvidence("teamed", 0);
  ASSERT_TRUE(hits.ok());
  EXPECT_EQ(hits->size(), 2u);
  opened->reset();

  EXPECT_EQ(QueryText(path, "PRAGMA integrity_check"), "ok");
  EXPECT_EQ(QueryText(path, "SELECT count(*) FROM sqlite_master WHERE name LIKE 'v1_%'"), "0");
  EXPECT_EQ(testing::FtsIntegrityCheck(path), "ok");
}

TEST(Migration, MigratedFileTakesReplacementsAndReopens) {
  const std::string path = V1Fixture();
  {
    Result<std::unique_ptr<Store>> store = Store::Open(path, OpenMode::kReadWrite);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    // doc-2 replaced by a version without facts: its evidence and mention go.
    Document doc;
    doc.id = "doc-2";
    doc.source = "feed.jsonl";
    doc.date = "2024-05-08";
    doc.sha256 = "ab";
    ASSERT_TRUE((*store)->PutDocument(doc, Extraction{}).ok());
    Result<StoreStats> stats = (*store)->Stats();
    ASSERT_TRUE(stats.ok());
    EXPECT_EQ(stats->documents, 2);
    EXPECT_EQ(stats->evidence, 2);
    EXPECT_EQ(stats->relations, 2);  // operates_in lost its only evidence
    EXPECT_EQ(stats->mentions, 3);
    Result<std::vector<EvidenceRecord>> hits = (*store)->SearchEvidence("Norway", 0);
    ASSERT_TRUE(hits.ok());
    EXPECT_TRUE(hits->empty());
  }
  Result<std::unique_ptr<Store>> reopened = Store::Open(path, OpenMode::kReadOnly);
  ASSERT_TRUE(reopened.ok()) << reopened.status().ToString();
  EXPECT_EQ((*reopened)->DocumentHash("doc-2")->value_or(""), "ab");
}

TEST(Migration, ReadOnlyOpenOfWritableV1FileMigratesItFirst) {
  const std::string path = V1Fixture();
  Result<std::unique_ptr<Store>> store = Store::Open(path, OpenMode::kReadOnly);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  EXPECT_EQ((*store)->GetMetadata("schema_version")->value_or(""), "8");
  Result<StoreStats> stats = (*store)->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->evidence, 4);
  // Still read-only.
  EXPECT_EQ((*store)->SetMetadata("k", "v").code(), StatusCode::kFailedPrecondition);
}

TEST(Migration, FailedMigrationLeavesTheV1FileUntouched) {
  const std::string path = V1Fixture();
  // A relation naming an entity that does not exist (a corrupt v1 file)
  // fails the foreign key check at the end of the migration.
  RawSql(path,
         "PRAGMA foreign_keys = OFF; INSERT INTO relations VALUES (9, 99, 'supplies', 2, "
         "'asserted', '{}', 0.5, 1, '', '');");
  EXPECT_EQ(ExpectMigrationFails(path, 1).code(), StatusCode::kDataLoss);
  EXPECT_EQ(QueryText(path, "SELECT count(*) FROM evidence WHERE sentence != ''"), "4");
  EXPECT_EQ(QueryText(path, "PRAGMA integrity_check"), "ok");
}

TEST(Migration, V2FileIsMigratedCompressingSentences) {
  const std::string path = Fixture(kSchemaV2Sql, kV2DataSql);
  {
    Result<std::unique_ptr<Store>> opened = Store::Open(path, OpenMode::kReadWrite);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    Store& store = **opened;
    EXPECT_EQ(store.GetMetadata("schema_version")->value_or(""), "8");
    Result<std::vector<EvidenceRecord>> evidence = store.EvidenceFor(1, 0);
    ASSERT_TRUE(evidence.ok()) << evidence.status().ToString();
    ASSERT_EQ(evidence->size(), 2u);
    EXPECT_EQ((*evidence)[0].evidence.sentence, "Lumora teamed up with Vextal to ship turbines.");
    EXPECT_EQ((*evidence)[1].evidence.sentence, "Vextal opened a gearbox plant in Norway.");
    Result<std::vector<EvidenceRecord>> hits = store.SearchEvidence("gearbox", 0);
    ASSERT_TRUE(hits.ok()) << hits.status().ToString();
    ASSERT_EQ(hits->size(), 1u);
    EXPECT_EQ((*hits)[0].evidence.doc_id, "doc-2");
    // Replacing doc-1 takes its mentions (converted to one row) off the counts
    // and its sentences (compressed) out of the full-text index.
    Document doc;
    doc.id = "doc-1";
    doc.source = "feed.jsonl";
    doc.sha256 = "ab";
    ASSERT_TRUE(store.PutDocument(doc, Extraction{}).ok());
    Result<std::vector<EntityRecord>> entities = store.LoadEntities();
    ASSERT_TRUE(entities.ok());
    ASSERT_EQ(entities->size(), 2u);  // Lumora stays: doc-2 still backs its relation
    EXPECT_EQ((*entities)[0].mention_count, 0);
    EXPECT_EQ((*entities)[1].id, "org:vextal");
    EXPECT_EQ((*entities)[1].mention_count, 1);
    Result<std::vector<EvidenceRecord>> gone = store.SearchEvidence("turbines OR filler", 0);
    ASSERT_TRUE(gone.ok());
    EXPECT_TRUE(gone->empty());
    Result<std::vector<EvidenceRecord>> kept = store.SearchEvidence("Norway", 0);
    ASSERT_TRUE(kept.ok());
    EXPECT_EQ(kept->size(), 1u);
  }
  EXPECT_EQ(QueryText(path, "PRAGMA integrity_check"), "ok");
  EXPECT_EQ(QueryText(path, "SELECT typeof(text) FROM sentences WHERE key = 4602"), "blob");
  EXPECT_EQ(QueryText(path, "SELECT length(data) FROM text_dictionary"),
            std::to_string(internal::kStoreDictionaryBytes));
  EXPECT_EQ(QueryText(path, "SELECT count(*) FROM sqlite_master WHERE name LIKE 'v2_%'"), "0");
  EXPECT_EQ(QueryText(path, "INSERT INTO sentence_fts(sentence_fts) VALUES ('integrity-check')"),
            "no row");
}

// A v3 file: three relations with per-mille, non-per-mille and multi-evidence
// strengths, a relation whose days are text, a span before its sentence, an
// alias, compressed-or-not sentences as TEXT (no dictionary), the FTS index.
constexpr const char* kV3DataSql = R"sql(
INSERT INTO metadata(key, value) VALUES ('corpus_root', '/news');
INSERT INTO vocabulary(key, domain, name) VALUES (1, 'source', 'feed.jsonl'),
  (2, 'relation_type', 'partner_of'), (3, 'modality', 'asserted'), (4, 'rule', 'partner.with'),
  (5, 'evidence_kind', 'explicit'), (6, 'relation_type', 'supplies'), (7, 'rule', 'supply.get');
INSERT INTO documents(key, id, source_key, title, date, sha256, added_at) VALUES
  (1, 'doc-1', 1, 'Lumora and Vextal', '2024-03-01', x'00', 1700000000),
  (2, 'doc-2', 1, 'Vextal again', '2024-05-07', x'01', 1700000001);
INSERT INTO entities(key, id, name, type, mentions) VALUES
  (1, 'org:lumora', 'Lumora', 'organization', 2), (2, 'org:vextal', 'Vextal', 'organization', 1);
INSERT INTO aliases(entity_key, alias, alias_norm) VALUES (1, 'Lumora', 'lumora'),
  (1, 'Lumora Systems', 'lumora systems'), (2, 'Vextal', 'vextal');
INSERT INTO mentions(doc_key, spans) VALUES (1, x'0204000c500c' || x'0202280c');
INSERT INTO relations(key, subject_key, type, object_key, modality, attributes, strength,
                      evidence_count, first_seen, last_seen) VALUES
  (1, 1, 2, 2, 3, NULL, 0.8, 1, 20240301, 20240301),
  (2, 1, 6, 2, 3, '{"amount":"5 million"}', 0.9, 2, 20240301, 20240507),
  (3, 2, 2, 1, 3, NULL, 0.123456789, 1, 'spring', 'summer');
INSERT INTO sentences(key, doc_key, start, "end", text) VALUES
  (1, 1, 100, 147, 'Lumora teamed up with Vextal to ship turbines.'),
  (2, 2, 0, 40, 'Vextal opened a gearbox plant in Norway.');
INSERT INTO evidence(key, relation_key, sentence_key, subj_start, subj_end, obj_start, obj_end,
                     rule, confidence, kind, date, attributes) VALUES
  (1, 1, 1, 100, 106, 122, 128, 4, 0.8, 5, NULL, NULL),
  (2, 2, 1, 100, 106, 122, 128, 7, 0.5, 5, NULL, '{"amount":"5 million"}'),
  (3, 2, 2, 0, 6, 0, 6, 7, 0.8, 5, NULL, NULL),
  (4, 3, 2, 0, 6, 30, 36, 4, 0.123456789, 5, '2024-05-01', NULL),
  (5, 3, 1, 90, 95, 100, 106, 4, 0.999, 5, NULL, NULL);
INSERT INTO sentence_fts(rowid, text) SELECT key, text FROM sentences;
)sql";

std::string V3Fixture() { return Fixture(internal::kSchemaV3Sql, kV3DataSql); }

TEST(Migration, V3FileIsMigratedKeepingEveryRowAndAnswer) {
  const std::string path = V3Fixture();
  {
    Result<std::unique_ptr<Store>> opened = Store::Open(path, OpenMode::kReadWrite);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    Store& store = **opened;
    EXPECT_EQ(store.GetMetadata("schema_version")->value_or(""), "8");
    EXPECT_EQ(store.GetMetadata("corpus_root")->value_or(""), "/news");
    Result<StoreStats> stats = store.Stats();
    ASSERT_TRUE(stats.ok()) << stats.status().ToString();
    EXPECT_EQ(stats->documents, 2);
    EXPECT_EQ(stats->entities, 2);
    EXPECT_EQ(stats->relations, 3);
    EXPECT_EQ(stats->evidence, 5);
    EXPECT_EQ(stats->mentions, 3);

    Result<std::vector<EntityRecord>> entities = store.LoadEntities();
    ASSERT_TRUE(entities.ok());
    ASSERT_EQ(entities->size(), 2u);
    EXPECT_EQ((*entities)[0].aliases, std::vector<std::string>{"Lumora Systems"});

    Result<std::vector<RelationRecord>> relations = store.LoadRelations();
    ASSERT_TRUE(relations.ok()) << relations.status().ToString();
    ASSERT_EQ(relations->size(), 3u);
    // Exactly the v3 doubles and days, whichever way v4 stores them.
    EXPECT_EQ((*relations)[0].strength, 0.8);
    EXPECT_EQ((*relations)[0].first_seen, "2024-03-01");
    EXPECT_EQ((*relations)[0].last_seen, "2024-03-01");
    EXPECT_EQ((*relations)[1].strength, 0.9);
    EXPECT_EQ((*relations)[1].last_seen, "2024-05-07");
    EXPECT_EQ((*relations)[1].attributes.at("amount"), "5 million");
    EXPECT_EQ((*relations)[2].strength, 0.123456789);
    EXPECT_EQ((*relations)[2].first_seen, "spring");
    EXPECT_EQ((*relations)[2].last_seen, "summer");
    std::vector<std::pair<double, std::string>> scanned;
    ASSERT_TRUE(store
                    .ForEachRelation([&](const RelationRow& row) {
                      scanned.emplace_back(row.strength, std::string(row.last_seen));
                      return Status::Ok();
                    })
                    .ok());
    ASSERT_EQ(scanned.size(), 3u);
    EXPECT_EQ(scanned[1], (std::pair<double, std::string>{0.9, "2024-05-07"}));
    EXPECT_EQ(scanned[2], (std::pair<double, std::string>{0.123456789, "summer"}));

    // Spans are absolute again, confidences exact, order by confidence kept.
    Result<std::vector<EvidenceRecord>> supplies = store.EvidenceFor(2, 0);
    ASSERT_TRUE(supplies.ok()) << supplies.status().ToString();
    ASSERT_EQ(supplies->size(), 2u);
    EXPECT_EQ((*supplies)[0].key, 3);
    EXPECT_EQ((*supplies)[0].evidence.confidence, 0.8);
    EXPECT_EQ((*supplies)[1].evidence.confidence, 0.5);
    EXPECT_EQ((*supplies)[1].evidence.sentence_span.start, 100u);
    EXPECT_EQ((*supplies)[1].evidence.subject_span.start, 100u);
    EXPECT_EQ((*supplies)[1].evidence.subject_span.end, 106u);
    EXPECT_EQ((*supplies)[1].evidence.object_span.start, 122u);
    EXPECT_EQ((*supplies)[1].evidence.object_span.end, 128u);
    Result<std::vector<EvidenceRecord>> partner = store.EvidenceFor(3, 0);
    ASSERT_TRUE(partner.ok());
    ASSERT_EQ(partner->size(), 2u);
    EXPECT_EQ((*partner)[0].evidence.confidence, 0.999);
    EXPECT_EQ((*partner)[0].evidence.subject_span.start, 90u);  // before its sentence
    EXPECT_EQ((*partner)[0].evidence.subject_span.end, 95u);
    EXPECT_EQ((*partner)[1].evidence.confidence, 0.123456789);
    EXPECT_EQ((*partner)[1].evidence.date, "2024-05-01");
    EXPECT_EQ((*partner)[1].evidence.object_span.end, 36u);
    Result<std::vector<EvidenceRecord>> hits = store.SearchEvidence("\"gearbox plant\"", 0);
    ASSERT_TRUE(hits.ok()) << hits.status().ToString();
    ASSERT_EQ(hits->size(), 2u);
    EXPECT_EQ((*hits)[0].evidence.doc_id, "doc-2");
    EXPECT_EQ(QueryText(path, "SELECT group_concat(relations) FROM entity_counts"), "3,3");
    EXPECT_EQ(QueryText(path, "SELECT hex(sentences) FROM mentions WHERE doc_key = 2"), "04");

    // The migrated file takes a replacement: doc-2's evidence goes, relation 3
    // keeps its doc-1 evidence and its aggregates are recomputed.
    Document doc;
    doc.id = "doc-2";
    doc.source = "feed.jsonl";
    doc.sha256 = "ab";
    ASSERT_TRUE(store.PutDocument(doc, Extraction{}).ok());
    relations = store.LoadRelations();
    ASSERT_TRUE(relations.ok());
    ASSERT_EQ(relations->size(), 3u);
    EXPECT_DOUBLE_EQ((*relations)[1].strength, 0.5);
    EXPECT_DOUBLE_EQ((*relations)[2].strength, 0.999);
    EXPECT_EQ((*relations)[2].first_seen, "2024-03-01");
    EXPECT_EQ((*relations)[2].last_seen, "2024-03-01");
    hits = store.SearchEvidence("gearbox", 0);
    ASSERT_TRUE(hits.ok());
    EXPECT_TRUE(hits->empty());
    EXPECT_EQ(QueryText(path, "SELECT count(*) FROM sentences"), "1");
  }
  EXPECT_EQ(QueryText(path, "PRAGMA integrity_check"), "ok");
  EXPECT_EQ(QueryText(path, "PRAGMA foreign_key_check"), "no row");
  EXPECT_EQ(QueryText(path, "SELECT count(*) FROM sqlite_master WHERE name LIKE 'v3_%'"), "0");
  // v7's packed fields: a per-mille confidence is a varint (no 8-byte double),
  // the offset before the sentence zigzag -10 (0x13) and length 5 (0x0A).
  EXPECT_EQ(QueryText(path, "SELECT length(fields) < 9 FROM evidence WHERE key = 1"), "1");
  EXPECT_EQ(QueryText(path, "SELECT substr(hex(fields), 1, 4) FROM evidence WHERE key = 5"),
            "130A");
  EXPECT_EQ(QueryText(path, "SELECT last_seen FROM relations WHERE key = 1"), "0");
  EXPECT_EQ(QueryText(path, "SELECT value FROM metadata WHERE key = 'next_evidence_key'"), "6");
  EXPECT_EQ(QueryText(path, "INSERT INTO sentence_fts(sentence_fts) VALUES ('integrity-check')"),
            "no row");
}

TEST(Migration, FailedMigrationLeavesTheV3FileUntouched) {
  const std::string path = V3Fixture();
  // Evidence of a relation that does not exist (a corrupt v3 file) fails the
  // foreign key check at the end of the migration.
  RawSql(path,
         "PRAGMA foreign_keys = OFF; INSERT INTO evidence(relation_key, sentence_key, subj_start, "
         "subj_end, obj_start, obj_end, rule, confidence, kind) VALUES (99, 1, 0, 1, 2, 3, 4, "
         "0.5, 5);");
  EXPECT_EQ(ExpectMigrationFails(path, 3).code(), StatusCode::kDataLoss);
  EXPECT_EQ(QueryText(path, "SELECT count(*) FROM evidence WHERE subj_end > 0"), "6");
  EXPECT_EQ(QueryText(path, "PRAGMA integrity_check"), "ok");
}

// A v4 file: two organisations, an alias, one relation.
constexpr const char* kV4DataSql = R"sql(
INSERT INTO vocabulary(key, domain, name) VALUES (1, 'relation_type', 'partner_of'),
  (2, 'modality', 'asserted');
INSERT INTO entities(key, id, name, type, mentions, relations) VALUES
  (1, 'org:lumora', 'Lumora', 'organization', 1, 1),
  (2, 'org:vextal', 'Vextal', 'organization', 1, 1);
INSERT INTO aliases(entity_key, alias) VALUES (1, 'Lumora Holdings');
INSERT INTO relations(key, subject_key, type, object_key, modality, strength, evidence_count,
                      first_seen, last_seen) VALUES (1, 1, 1, 2, 2, 900, 1, 20240301, 0);
)sql";

std::string V4Fixture() { return Fixture(internal::kSchemaV4Sql, kV4DataSql); }

TEST(Migration, V4FileIsMigratedWithAnEmptyImageAndTriggers) {
  const std::string path = V4Fixture();
  {
    Result<std::unique_ptr<Store>> store = Store::Open(path, OpenMode::kReadWrite);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    EXPECT_EQ((*store)->GetMetadata("schema_version")->value_or(""), "8");
    EXPECT_EQ(*(*store)->Generation(), 1);
    EXPECT_FALSE((*store)->GraphImageGeneration()->has_value());
    Result<std::unique_ptr<Graph>> graph = Graph::Load(**store);
    ASSERT_TRUE(graph.ok()) << graph.status().ToString();
    EXPECT_FALSE((*graph)->loaded_from_image());
    ASSERT_EQ((*graph)->num_relations(), 1u);
    EXPECT_EQ((*graph)->relation(0).subject_id, "org:lumora");
    EXPECT_EQ((*graph)->relation(0).first_seen, "2024-03-01");
    EXPECT_EQ((*graph)->Lookup("lumora holdings").size(), 1u);
  }
  // The generation triggers (v8's three on entity_counts among them) and v7's two
  // uniqueness triggers on relations.
  EXPECT_EQ(QueryText(path, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'"), "17");
  // A foreign write now bumps the generation.
  RawSql(path, "UPDATE entities SET name = 'Lumora Group' WHERE key = 1");
  EXPECT_EQ(QueryText(path, "SELECT value FROM metadata WHERE key = 'generation'"), "2");
  EXPECT_EQ(QueryText(path, "PRAGMA integrity_check"), "ok");
}

TEST(Migration, FailedMigrationLeavesTheV4FileUntouched) {
  const std::string path = V4Fixture();
  // A relation naming an entity that does not exist (a corrupt v4 file) fails
  // the foreign key check at the end of the migration.
  RawSql(path,
         "PRAGMA foreign_keys = OFF; INSERT INTO relations(key, subject_key, type, object_key, "
         "modality) VALUES (2, 1, 1, 99, 2);");
  EXPECT_EQ(ExpectMigrationFails(path, 4).code(), StatusCode::kDataLoss);
  EXPECT_EQ(QueryText(path,
                      "SELECT count(*) FROM sqlite_master WHERE name = 'graph_image' OR "
                      "type = 'trigger'"),
            "0");
  EXPECT_EQ(QueryText(path, "SELECT count(*) FROM metadata WHERE key = 'generation'"), "0");
  EXPECT_EQ(QueryText(path, "PRAGMA integrity_check"), "ok");
}

// The documents, entities and mentions of the v5 and v6 fixtures (the same in both).
constexpr const char* kLumoraVextalSql = R"sql(
INSERT INTO documents(key, id, source_key, title, date, sha256) VALUES
  (1, 'doc-1', 5, 'Lumora and Vextal', '2024-03-01', x'00'),
  (2, 'doc-2', 5, 'Vextal again', '2024-05-07', x'01');
INSERT INTO entities(key, id, name, type, mentions, relations) VALUES
  (1, 'org:lumora', 'Lumora', 'organization', 1, 3),
  (2, 'org:vextal', 'Vextal', 'organization', 1, 3);
INSERT INTO mentions(doc_key, spans, sentences) VALUES (1, x'0202000c0202140c', x'0202'),
  (2, x'', x'06');
)sql";

// A v5 file (v4 SQL, then v5's additions): two organisations, two documents, three
// relations, two of them with attributes (one map shared by a relation and two evidence
// rows), four evidence rows over three sentences, the contentless full-text index.
constexpr const char* kV5DataSql = R"sql(
INSERT INTO vocabulary(key, domain, name) VALUES (1, 'relation_type', 'partner_of'),
  (2, 'modality', 'asserted'), (3, 'rule', 'partner.with'), (4, 'evidence_kind', 'explicit'),
  (5, 'source', ''), (6, 'relation_type', 'executive_of');
INSERT INTO relations(key, subject_key, type, object_key, modality, attributes, strength,
                      evidence_count, first_seen, last_seen) VALUES
  (1, 1, 1, 2, 2, NULL, 800, 1, 20240301, 0),
  (2, 1, 6, 2, 2, '{"role":"CEO"}', 900, 2, 20240301, 0),
  (3, 2, 6, 1, 2, '{"role":"CFO"}', 700, 1, 20240507, 0);
INSERT INTO sentences(key, doc_key, start, "end", text) VALUES
  (1, 1, 0, 46, 'Lumora teamed up with Vextal to ship turbines.'),
  (2, 1, 47, 80, 'Lumora CEO works for Vextal now.'),
  (3, 2, 0, 40, 'Vextal CFO joined the Lumora gearbox plant.');
INSERT INTO evidence(sentence_key, key, relation_key, subj_offset, subj_length, obj_offset,
                     obj_length, rule, confidence, kind, date, attributes) VALUES
  (1, 1, 1, 0, 6, 22, 6, 3, 800, 4, NULL, NULL),
  (1, 2, 2, 0, 6, 22, 6, 3, 500, 4, NULL, '{"role":"CEO"}'),
  (2, 3, 2, 0, 6, 21, 6, 3, 800, 4, NULL, '{"role":"CEO"}'),
  (3, 4, 3, 0, 6, 22, 6, 3, 700, 4, NULL, '{"role":"CFO"}');
INSERT INTO metadata(key, value) VALUES ('next_evidence_key', '5');
INSERT INTO sentence_fts(rowid, text) SELECT key, text FROM sentences;
)sql";

std::string V5Fixture() {
  return Fixture((std::string(internal::kSchemaV4Sql) + internal::kSchemaV5Sql).c_str(),
                 (std::string(kLumoraVextalSql) + kV5DataSql).c_str());
}

TEST(Migration, V5FileIsMigratedKeepingAttributesAndSearch) {
  const std::string path = V5Fixture();
  {
    Result<std::unique_ptr<Store>> opened = Store::Open(path, OpenMode::kReadWrite);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    Store& store = **opened;
    EXPECT_EQ(store.GetMetadata("schema_version")->value_or(""), "8");
    Result<std::vector<RelationRecord>> relations = store.LoadRelations();
    ASSERT_TRUE(relations.ok()) << relations.status().ToString();
    ASSERT_EQ(relations->size(), 3u);
    EXPECT_TRUE((*relations)[1].attributes.empty());
    EXPECT_EQ((*relations)[0].attributes.at("role"), "CEO");
    EXPECT_EQ((*relations)[2].attributes.at("role"), "CFO");
    Result<std::unique_ptr<Graph>> graph = Graph::Load(store);
    ASSERT_TRUE(graph.ok()) << graph.status().ToString();
    ASSERT_EQ((*graph)->num_relations(), 3u);
    size_t with_role = 0;
    for (uint32_t i = 0; i < (*graph)->num_relations(); ++i) {
      with_role += (*graph)->relation(i).attributes.count("role");
    }
    EXPECT_EQ(with_role, 2u);

    // Full-text search: the same hits, in bm25 order, phrases included.
    Result<std::vector<EvidenceRecord>> hits = store.SearchEvidence("lumora", 0);
    ASSERT_TRUE(hits.ok()) << hits.status().ToString();
    EXPECT_EQ(hits->size(), 4u);
    // bm25 needs each hit's length, now tokenized from the sentence's text:
    // the one sentence with both terms ranks first.
    hits = store.SearchEvidence("vextal OR gearbox", 0);
    ASSERT_TRUE(hits.ok()) << hits.status().ToString();
    ASSERT_EQ(hits->size(), 4u);
    EXPECT_EQ((*hits)[0].evidence.sentence, "Vextal CFO joined the Lumora gearbox plant.");
    hits = store.SearchEvidence("\"gearbox plant\"", 0);
    ASSERT_TRUE(hits.ok()) << hits.status().ToString();
    ASSERT_EQ(hits->size(), 1u);
    EXPECT_EQ(hits->front().evidence.doc_id, "doc-2");
    EXPECT_EQ(hits->front().evidence.subject_span.start, 0u);
    EXPECT_EQ(hits->front().evidence.rule, "partner.with");

    // The relation whose evidence carries attributes is recomputed from them
    // when its document is replaced: doc-1 now says nothing.
    ASSERT_TRUE(store.PutDocument(Document{.id = "doc-1", .date = "2024-03-01"}, {}).ok());
    relations = store.LoadRelations();
    ASSERT_TRUE(relations.ok()) << relations.status().ToString();
    ASSERT_EQ(relations->size(), 1u);
    EXPECT_EQ(relations->front().attributes.at("role"), "CFO");
    hits = store.SearchEvidence("lumora", 0);
    ASSERT_TRUE(hits.ok());
    EXPECT_EQ(hits->size(), 1u);
  }
  // Each map once in the vocabulary, the rows holding its key.
  EXPECT_EQ(QueryText(path, "SELECT count(*) FROM vocabulary WHERE domain = 'attributes'"), "2");
  EXPECT_EQ(QueryText(path,
                      "SELECT count(*) FROM relations r JOIN vocabulary v ON v.key = r.attributes "
                      "WHERE v.name = '{\"role\":\"CFO\"}'"),
            "1");
  EXPECT_EQ(
      QueryText(path, "SELECT count(*) FROM sqlite_master WHERE name = 'sentence_fts_docsize'"),
      "0");
  // Evidence in relation order with no index by relation; each sentence lists
  // the relations it is evidence for.
  EXPECT_EQ(QueryText(path, "SELECT count(*) FROM sqlite_master WHERE name LIKE 'evidence_by%'"),
            "0");
  EXPECT_EQ(QueryText(path, "SELECT typeof(relations) || ' ' || relations FROM sentences"),
            "integer 3");
  EXPECT_EQ(QueryText(path, "SELECT count(*) FROM evidence"), "1");
  EXPECT_EQ(QueryText(path, "PRAGMA integrity_check"), "ok");
  EXPECT_EQ(QueryText(path, "INSERT INTO sentence_fts(sentence_fts) VALUES ('integrity-check')"),
            "no row");
  EXPECT_EQ(testing::FtsIntegrityCheck(path), "ok");
}

TEST(Migration, FailedMigrationLeavesTheV5FileUntouched) {
  const std::string path = V5Fixture();
  RawSql(path,
         "PRAGMA foreign_keys = OFF; INSERT INTO relations(key, subject_key, type, object_key, "
         "modality, attributes) VALUES (4, 1, 1, 99, 2, '{\"role\":\"COO\"}');");
  EXPECT_EQ(ExpectMigrationFails(path, 5).code(), StatusCode::kDataLoss);
  EXPECT_EQ(QueryText(path, "SELECT count(*) FROM vocabulary WHERE domain = 'attributes'"), "0");
  EXPECT_EQ(QueryText(path, "SELECT attributes FROM relations WHERE key = 2"),
            "{\"role\":\"CEO\"}");
  EXPECT_EQ(
      QueryText(path, "SELECT count(*) FROM sqlite_master WHERE name = 'sentence_fts_docsize'"),
      "1");
  EXPECT_EQ(QueryText(path, "PRAGMA integrity_check"), "ok");
}

// A v6 file (v4 SQL, then v5's and v6's steps as AddV6Schema ran them; the
// full-text index's content view is left for the Store, which has
// corpgraph_text): the v5 fixture's rows in v6's layout, attribute maps as
// vocabulary keys, one sentence cited by two relations, one confidence that is
// no whole number of thousandths, one span before its sentence.
constexpr const char* kV6DataSql = R"sql(
INSERT INTO vocabulary(key, domain, name) VALUES (1, 'relation_type', 'partner_of'),
  (2, 'modality', 'asserted'), (3, 'rule', 'partner.with'), (4, 'evidence_kind', 'explicit'),
  (5, 'source', ''), (6, 'relation_type', 'executive_of'), (7, 'attributes', '{"role":"CEO"}'),
  (8, 'attributes', '{"role":"CFO"}');
INSERT INTO relations(key, subject_key, type, object_key, modality, attributes, strength,
                      evidence_count, first_seen, last_seen) VALUES
  (1, 1, 1, 2, 2, NULL, 800, 1, 20240301, 0),
  (2, 1, 6, 2, 2, '7', 0.9125, 2, 20240301, 0),
  (3, 2, 6, 1, 2, '8', 700, 1, 20240507, 0);
INSERT INTO sentences(key, doc_key, start, "end", text, relations) VALUES
  (1, 1, 0, 46, 'Lumora teamed up with Vextal to ship turbines.', '[1,2]'),
  (2, 1, 47, 80, 'Lumora CEO works for Vextal now.', 2),
  (3, 2, 0, 40, 'Vextal CFO joined the Lumora gearbox plant.', 3);
INSERT INTO evidence(relation_key, key, sentence_key, subj_offset, subj_length, obj_offset,
                     obj_length, rule, confidence, kind, date, attributes) VALUES
  (1, 1, 1, 0, 6, 22, 6, 3, 800, 4, NULL, NULL),
  (2, 2, 1, 0, 6, 22, 6, 3, 0.825, 4, NULL, '7'),
  (2, 3, 2, -5, 6, 21, 6, 3, 500, 4, '2024-03-02', '7'),
  (3, 4, 3, 0, 6, 22, 6, 3, 700, 4, NULL, '8');
INSERT INTO metadata(key, value) VALUES ('next_evidence_key', '5');
CREATE VIEW IF NOT EXISTS sentence_text(key, text) AS
  SELECT key, corpgraph_text(text) FROM sentences;
DROP TABLE sentence_fts;
CREATE VIRTUAL TABLE sentence_fts USING fts5(text, content='sentence_text', content_rowid='key',
                                             columnsize=0);
INSERT INTO sentence_fts(rowid, text) SELECT key, text FROM sentences;
)sql";

std::string V6Fixture() {
  return Fixture((std::string(internal::kSchemaV4Sql) + internal::kSchemaV5Sql +
                  internal::kEvidenceV6Sql + internal::kSchemaV6Sql)
                     .c_str(),
                 (std::string(kLumoraVextalSql) + kV6DataSql).c_str());
}

TEST(Migration, V6FileIsMigratedKeepingEveryRowAndAnswer) {
  const std::string path = V6Fixture();
  ASSERT_EQ(QueryText(path, "SELECT value FROM metadata WHERE key = 'schema_version'"), "6");
  {
    Result<std::unique_ptr<Store>> opened = Store::Open(path, OpenMode::kReadWrite);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    Store& store = **opened;
    EXPECT_EQ(store.GetMetadata("schema_version")->value_or(""), "8");
    Result<std::vector<RelationRecord>> relations = store.LoadRelations();
    ASSERT_TRUE(relations.ok()) << relations.status().ToString();
    ASSERT_EQ(relations->size(), 3u);
    Result<std::vector<EvidenceRecord>> evidence = store.EvidenceFor(2, 0);
    ASSERT_TRUE(evidence.ok()) << evidence.status().ToString();
    ASSERT_EQ(evidence->size(), 2u);
    // Best first: the REAL confidence comes back as it was, the other as 500/1000.
    EXPECT_EQ((*evidence)[0].key, 2);
    EXPECT_EQ((*evidence)[0].evidence.confidence, 0.825);
    EXPECT_EQ((*evidence)[0].evidence.rule, "partner.with");
    EXPECT_EQ((*evidence)[0].evidence.kind, EvidenceKind::kExplicit);
    EXPECT_EQ((*evidence)[0].evidence.object_span.start, 22u);
    EXPECT_EQ((*evidence)[0].evidence.object_span.end, 28u);
    EXPECT_EQ((*evidence)[1].evidence.confidence, 0.5);
    EXPECT_EQ((*evidence)[1].evidence.date, "2024-03-02");
    EXPECT_EQ((*evidence)[1].evidence.sentence_span.start, 47u);
    EXPECT_EQ((*evidence)[1].evidence.subject_span.start, 42u);
    EXPECT_EQ((*evidence)[1].evidence.subject_span.end, 48u);
    EXPECT_EQ((*evidence)[1].evidence.object_span.start, 68u);
    Result<std::vector<EvidenceRecord>> hits = store.SearchEvidence("lumora", 0);
    ASSERT_TRUE(hits.ok()) << hits.status().ToString();
    EXPECT_EQ(hits->size(), 4u);
    hits = store.SearchEvidence("\"gearbox plant\"", 0);
    ASSERT_TRUE(hits.ok()) << hits.status().ToString();
    ASSERT_EQ(hits->size(), 1u);
    EXPECT_EQ(hits->front().evidence.confidence, 0.7);

    // The writer finds the migrated relations by (subject, type, object,
    // modality): a new fact of relation 1 adds to it, and replacing doc-1
    // recomputes relation 2 from the row that is left.
    Extraction extraction;
    Fact fact;
    fact.subject = EntityRef{"org:lumora", "Lumora", EntityType::kOrganization};
    fact.object = EntityRef{"org:vextal", "Vextal", EntityType::kOrganization};
    fact.relation = RelationType::kPartnerOf;
    fact.confidence = 0.6;
    fact.evidence.sentence = "Lumora and Vextal extend their pact.";
    fact.evidence.sentence_span = Span{0, 36};
    fact.evidence.subject_span = Span{0, 6};
    fact.evidence.object_span = Span{11, 17};
    fact.evidence.rule = "partner.with";
    fact.evidence.confidence = 0.6;
    extraction.facts.push_back(fact);
    ASSERT_TRUE(store.PutDocument(Document{.id = "doc-3", .date = "2024-06-01"}, extraction).ok());
    ASSERT_TRUE(store.PutDocument(Document{.id = "doc-1", .date = "2024-03-01"}, {}).ok());
    relations = store.LoadRelations();
    ASSERT_TRUE(relations.ok()) << relations.status().ToString();
    ASSERT_EQ(relations->size(), 2u);
    EXPECT_EQ((*relations)[0].key, 1);
    EXPECT_EQ((*relations)[0].evidence_count, 1);
    EXPECT_EQ((*relations)[0].first_seen, "2024-06-01");
    EXPECT_EQ((*relations)[1].key, 3);
  }
  EXPECT_EQ(QueryText(path,
                      "SELECT count(*) FROM sqlite_master WHERE name LIKE 'v7_%' OR name = "
                      "'sqlite_autoindex_relations_1'"),
            "0");
  EXPECT_EQ(QueryText(path, "SELECT count(*) FROM pragma_table_info('evidence')"), "6");
  EXPECT_EQ(QueryText(path, "SELECT value FROM metadata WHERE key = 'next_evidence_key'"), "6");
  // The fixture had no generation triggers: they come with v7's two.
  EXPECT_EQ(QueryText(path, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'"), "17");
  EXPECT_EQ(QueryText(path, "PRAGMA integrity_check"), "ok");
  EXPECT_EQ(QueryText(path, "PRAGMA foreign_key_check"), "no row");
  EXPECT_EQ(testing::FtsIntegrityCheck(path), "ok");
}

TEST(Migration, FailedMigrationLeavesTheV6FileUntouched) {
  const std::string path = V6Fixture();
  // Evidence of a relation that does not exist (a corrupt v6 file) fails the
  // foreign key check at the end of the migration.
  RawSql(path,
         "PRAGMA foreign_keys = OFF; INSERT INTO evidence(relation_key, key, sentence_key, "
         "subj_offset, subj_length, obj_offset, obj_length, rule, confidence, kind) VALUES "
         "(9, 5, 3, 0, 6, 22, 6, 3, 650, 4);");
  EXPECT_EQ(ExpectMigrationFails(path, 6).code(), StatusCode::kDataLoss);
  EXPECT_EQ(QueryText(path,
                      "SELECT count(*) FROM sqlite_master WHERE name = "
                      "'sqlite_autoindex_relations_1'"),
            "1");
  EXPECT_EQ(QueryText(path,
                      "SELECT group_concat(subj_offset || '/' || confidence, ' ') FROM "
                      "evidence"),
            "0/800 0/0.825 -5/500 0/700 0/650");
  EXPECT_EQ(QueryText(path, "PRAGMA integrity_check"), "ok");
  // A negative rule key cannot be packed: the migration fails the same way.
  RawSql(path, "DELETE FROM evidence WHERE key = 5; UPDATE evidence SET rule = -3 WHERE key = 4;");
  EXPECT_FALSE(ExpectMigrationFails(path, 6).ok());
  EXPECT_EQ(QueryText(path, "SELECT count(*) FROM evidence WHERE rule = -3"), "1");
}

// A v7 file: written by a Store (a lexicon node, three documents with mentions and
// facts, one replaced), then given v7's layout back: the counts in `entities`' last two
// columns (where v4 put them), no `entity_counts` and its triggers, version 7.
constexpr const char* kDowngradeToV7Sql = R"sql(
ALTER TABLE entities ADD COLUMN mentions INTEGER NOT NULL DEFAULT 0;
ALTER TABLE entities ADD COLUMN relations INTEGER NOT NULL DEFAULT 0;
UPDATE entities SET mentions = c.mentions, relations = c.relations
  FROM entity_counts c WHERE c.entity_key = entities.key;
DROP TABLE entity_counts;
UPDATE metadata SET value = '7' WHERE key = 'schema_version';
)sql";

std::string V7Fixture() {
  const std::string path = TempDbPath();
  {
    Result<std::unique_ptr<Store>> opened = Store::Open(path, OpenMode::kReadWrite);
    EXPECT_TRUE(opened.ok()) << opened.status().ToString();
    if (!opened.ok()) return path;
    Store& store = **opened;
    Entity china{.id = "place:CN", .name = "China", .type = EntityType::kPlace};
    EXPECT_TRUE(store.PutTaxonomy({china}).ok());
    auto org = [](const std::string& id, const std::string& name, uint32_t start) {
      Entity e{.id = id, .name = name, .type = EntityType::kOrganization};
      e.attributes = {{"ticker", name.substr(0, 3)}};
      e.mentions.push_back(Mention{Span{start, start + 6}, name});
      e.mentions.push_back(Mention{Span{start + 50, start + 56}, name});
      return e;
    };
    auto fact = [](const std::string& a, const std::string& b, RelationType type,
                   const std::string& sentence) {
      Fact f;
      f.subject = EntityRef{a, a.substr(4), EntityType::kOrganization};
      f.object =
          EntityRef{b, b.substr(4),
                    b.rfind("place:", 0) == 0 ? EntityType::kPlace : EntityType::kOrganization};
      f.relation = type;
      f.confidence = 0.8;
      f.evidence.sentence = sentence;
      f.evidence.sentence_span = Span{0, static_cast<uint32_t>(sentence.size())};
      f.evidence.rule = "test.rule";
      f.evidence.confidence = 0.8;
      return f;
    };
    Extraction first;
    first.entities = {org("org:lumora", "Lumora", 0), org("org:vextal", "Vextal", 10)};
    first.facts = {
        fact("org:lumora", "org:vextal", RelationType::kSupplies,
             "Lumora supplies Vextal with turbines."),
        fact("org:lumora", "place:CN", RelationType::kOperatesIn, "Lumora runs plants in China.")};
    Extraction second;
    second.entities = {org("org:vextal", "Vextal", 0), org("org:quorra", "Quorra", 20)};
    second.facts = {
        fact("org:quorra", "org:vextal", RelationType::kAcquires, "Quorra agreed to buy Vextal.")};
    Extraction replaced;
    replaced.entities = {org("org:quorra", "Quorra", 5)};
    EXPECT_TRUE(store.PutDocument(Document{.id = "doc-1", .date = "2024-03-01"}, first).ok());
    EXPECT_TRUE(store.PutDocument(Document{.id = "doc-2", .date = "2024-04-01"}, second).ok());
    EXPECT_TRUE(store.PutDocument(Document{.id = "doc-3", .date = "2024-05-01"}, second).ok());
    EXPECT_TRUE(
        store.PutDocument(Document{.id = "doc-3", .date = "2024-05-02", .sha256 = "x"}, replaced)
            .ok());
  }
  testing::RawSql(path, kDowngradeToV7Sql);
  return path;
}

// Every entity as `id=mentions/relations`, from v7's columns or v8's table.
constexpr const char* kV7CountsSql =
    "SELECT group_concat(id || '=' || mentions || '/' || relations, ' ') FROM "
    "(SELECT id, mentions, relations FROM entities ORDER BY id)";
constexpr const char* kV8CountsSql =
    "SELECT group_concat(id || '=' || mentions || '/' || relations, ' ') FROM "
    "(SELECT e.id, COALESCE(c.mentions, 0) AS mentions, COALESCE(c.relations, 0) AS relations "
    "FROM entities e LEFT JOIN entity_counts c ON c.entity_key = e.key ORDER BY e.id)";
// Every entity's other columns.
constexpr const char* kEntityColumnsSql =
    "SELECT group_concat(key || id || name || type || subtype || attributes || parents || "
    "taxonomy, ' ') FROM (SELECT * FROM entities ORDER BY key)";

TEST(Migration, V7FileIsMigratedKeepingCountsAndEveryRow) {
  const std::string path = V7Fixture();
  ASSERT_EQ(QueryText(path, "SELECT value FROM metadata WHERE key = 'schema_version'"), "7");
  const std::string counts = QueryText(path, kV7CountsSql);
  ASSERT_EQ(counts, "org:lumora=2/2 org:quorra=4/1 org:vextal=4/2 place:CN=0/1");
  const std::string entities = QueryText(path, kEntityColumnsSql);
  const std::string generation =
      QueryText(path, "SELECT value FROM metadata WHERE key = 'generation'");
  {
    Result<std::unique_ptr<Store>> opened = Store::Open(path, OpenMode::kReadWrite);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    Store& store = **opened;
    EXPECT_EQ(store.GetMetadata("schema_version")->value_or(""), "8");
    Result<StoreStats> stats = store.Stats();
    ASSERT_TRUE(stats.ok()) << stats.status().ToString();
    EXPECT_EQ(stats->mentions, 10);
    EXPECT_EQ(stats->entities, 4);
    EXPECT_EQ(stats->taxonomy_nodes, 0);
    EXPECT_EQ(stats->relations, 3);
    Result<std::vector<EntityRecord>> loaded = store.LoadEntities();
    ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
    ASSERT_EQ(loaded->size(), 4u);
    EXPECT_EQ((*loaded)[0].id, "org:lumora");
    EXPECT_EQ((*loaded)[0].mention_count, 2);
    EXPECT_EQ((*loaded)[0].attributes.at("ticker"), "Lum");
    EXPECT_EQ((*loaded)[1].mention_count, 4);
    EXPECT_EQ((*loaded)[2].mention_count, 4);
    EXPECT_EQ((*loaded)[3].id, "place:CN");
    EXPECT_EQ((*loaded)[3].mention_count, 0);
  }
  EXPECT_EQ(QueryText(path, kV8CountsSql), counts);
  // Every other column of every entity as it was; the counts columns gone.
  EXPECT_EQ(QueryText(path, kEntityColumnsSql), entities);
  EXPECT_EQ(QueryText(path,
                      "SELECT count(*) FROM pragma_table_info('entities') WHERE name IN "
                      "('mentions', 'relations')"),
            "0");
  // Only entities with a count have a row (the lexicon node has a relation).
  EXPECT_EQ(QueryText(path, "SELECT count(*) FROM entity_counts"), "4");
  EXPECT_EQ(QueryText(path, "SELECT value FROM metadata WHERE key = 'generation'"), generation);
  EXPECT_EQ(QueryText(path,
                      "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = "
                      "'entity_counts'"),
            "3");
  EXPECT_EQ(QueryText(path, "PRAGMA integrity_check"), "ok");
  EXPECT_EQ(QueryText(path, "PRAGMA foreign_key_check"), "no row");

  // The migrated file's counts go on from there: doc-2 replaced without Vextal.
  {
    Result<std::unique_ptr<Store>> opened = Store::Open(path, OpenMode::kReadWrite);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    Extraction quorra;
    quorra.entities = {Entity{.id = "org:quorra",
                              .name = "Quorra",
                              .type = EntityType::kOrganization,
                              .mentions = {Mention{Span{0, 6}, "Quorra"}}}};
    ASSERT_TRUE(
        (*opened)
            ->PutDocument(Document{.id = "doc-2", .date = "2024-04-01", .sha256 = "y"}, quorra)
            .ok());
  }
  EXPECT_EQ(QueryText(path, kV8CountsSql),
            "org:lumora=2/2 org:quorra=3/0 org:vextal=2/1 place:CN=0/1");
  // A foreign write to the counts bumps the generation (the graph image holds them).
  const std::string before = QueryText(path, "SELECT value FROM metadata WHERE key = 'generation'");
  testing::RawSql(path, "UPDATE entity_counts SET mentions = 9 WHERE entity_key = 1");
  EXPECT_NE(QueryText(path, "SELECT value FROM metadata WHERE key = 'generation'"), before);
}

TEST(Migration, FailedMigrationLeavesTheV7FileUntouched) {
  const std::string path = V7Fixture();
  const std::string counts = QueryText(path, kV7CountsSql);
  // An alias of an entity that does not exist fails the foreign key check.
  testing::RawSql(path,
                  "PRAGMA foreign_keys = OFF; INSERT INTO aliases(entity_key, alias) VALUES "
                  "(99, 'Ghost');");
  EXPECT_EQ(ExpectMigrationFails(path, 7).code(), StatusCode::kDataLoss);
  EXPECT_EQ(QueryText(path, kV7CountsSql), counts);
  EXPECT_EQ(QueryText(path, "SELECT count(*) FROM sqlite_master WHERE name = 'entity_counts'"),
            "0");
  EXPECT_EQ(QueryText(path, "PRAGMA integrity_check"), "ok");
}

}  // namespace
}  // namespace corpgraph::graph
