// graph/store.cc — the SQLite store. See store.h for the API and README.md for
// the schema.
//
// Write path: every statement is prepared once and cached in the Rep. Entities
// are merged in memory (a cache valid for one write transaction, dropped when
// another connection commits or on rollback) and only written back when the
// merge changed them. Relation aggregates (strength, evidence count, dates,
// attributes) are recomputed once per touched relation when the transaction
// commits, not once per fact, and without reading anything back for relations
// the transaction inserted (their rows are kept in memory) or that have many
// rows (their confidences are cached); so are entities' mention counts, and the
// full-text index of the transaction's new sentences is built in one statement.
// Vocabulary keys (types, rules, sources...) are cached like entities.
//
// Determinism: merges are order-independent so that the same documents stored
// in any order give the same entities and relations (only SQLite keys differ):
// names pick the best candidate by a fixed rule (every other name becomes an
// alias), conflicting attributes keep the smaller value, sets are unions, and
// relation attributes are recomputed from their evidence in date order.
#include "graph/store.h"

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <functional>
#include <limits>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "common/text.h"
#include "graph/internal/codec.h"
#include "graph/internal/huge_pages.h"
#include "graph/internal/schema_v2.h"
#include "graph/internal/schema_v3.h"
#include "graph/internal/schema_v4.h"
#include "graph/internal/schema_v5.h"
#include "graph/internal/schema_v6.h"
#include "graph/internal/sqlite_util.h"
#include "graph/internal/text_codec.h"

namespace corpgraph::graph {
namespace {

using internal::AdviseHugePages;
using internal::AppendVarint;
using internal::DecodeStringList;
using internal::DecodeStringMap;
using internal::EncodeStringList;
using internal::EncodeStringMap;
using internal::EvidenceFields;
using internal::ExecSql;
using internal::Milli;
using internal::PackEvidenceFields;
using internal::ReadVarint;
using internal::SqliteStatus;
using internal::Statement;
using internal::TextCodec;
using internal::UnpackEvidenceFields;

using internal::kStoreDictionaryBytes;
// First byte of a compressed `sentences.text` BLOB: TextCodec with dictionary 1.
constexpr char kPackedText = '\x01';

// What sentences.text holds for `text` under `codec`: kPackedText and the
// compressed stream when that is smaller than the text, else empty (the text
// is stored as it is).
std::string StoredSentence(const TextCodec& codec, std::string_view text) {
  std::string packed(1, kPackedText);
  packed += codec.Compress(text);
  if (packed.size() >= text.size()) return std::string();
  return packed;
}
// Full-text segment merges deferred to compaction (Store::DeferIndexMerges):
// the metadata row that says so, holding the automerge and crisismerge values
// to put back ("4 16"), written in the transaction that changed them. While
// deferred, automerge is 0 and crisismerge FTS5's largest (kDeferredCrisisMerge:
// a level merges only once it has that many segments, a bound on the index's
// fan-out, never reached by the batches of a build of a few GB).
constexpr const char* kDeferredMergesKey = "fts_merges_deferred";
constexpr int64_t kDefaultAutomerge = 4;     // FTS5's defaults, for a table
constexpr int64_t kDefaultCrisisMerge = 16;  // whose _config has no row for them
constexpr int64_t kDeferredCrisisMerge = 1999;
// Relations with at least this many evidence rows keep their confidences in
// Rep::relation_cache between transactions.
constexpr int64_t kCachedRelationEvidence = 8;

// The whole schema (v4, see README.md), created in one transaction. IF NOT
// EXISTS lets two processes race to create a fresh file safely.
//
// Where the bytes go (v1 took 3.4x the input text, v2 2.4x, v3 2.0x): each evidence
// sentence is stored once in `sentences`, compressed against a dictionary of
// the store's first sentences (TextCodec), and indexed once by a contentless
// FTS5 table; names repeated on every row (relation type, modality, rule,
// evidence kind, document source) are keys into `vocabulary`; mentions are
// one row per document with every entity's spans packed in a BLOB, and the
// per-entity count lives in `entity_counts` (v8), so mentions need no
// secondary index; documents and sentences are referenced by INTEGER keys;
// empty attribute maps and evidence dates equal to the document's date are NULL.
// v4: confidences and strengths that are whole thousandths (nearly all) are
// the integer per-mille (1-2 bytes, not an 8-byte REAL: Milli), evidence spans
// are offsets into their sentence and lengths (1 byte each, not 2-3),
// `last_seen` is the difference from `first_seen` (0 bytes when equal), and
// aliases have no normalised copy and index (no query read them). Evidence
// rows are stored in sentence order (WITHOUT ROWID, the key beside the
// sentence key), which is the order search and replacement read them in, so
// they need no index by sentence; their keys come from `next_evidence_key`
// in `metadata`. No index
// of relations by object (entities count their relations, which is all the
// store asked that index) or of sentences by document (the document's
// `mentions` row lists its sentence keys, read only to replace it).
// v5 adds the graph image (the in-memory index serialized, Graph::RefreshImage)
// and a generation counter that says whether it is current: see kSchemaV5Sql.
// v6 stores attribute maps once (vocabulary keys on the rows), keeps evidence
// in relation order with each sentence listing its relations instead of an
// index by relation, and indexes the sentences with their text as external
// content and no per-row sizes: see kSchemaV6Sql, kEvidenceV6Sql and
// kFullTextV6Sql. v7 drops the relations' UNIQUE index (the writer keeps its
// own map) and packs each evidence row's small columns into one BLOB: see
// kSchemaV7Sql. v8 moves the entities' mention and relation counts into a
// narrow table of their own: see kSchemaV8Sql.
// A fresh file is the v4 schema (internal/schema_v4.h) plus the v5, v6, v7 and
// v8 steps, run in one transaction, which is also what the migrations run.
using internal::kSchemaV4Sql;

// Schemas v2 and v3 exactly as they were created: the v1 -> v2 and v2 -> v3
// migrations write them (MigrateV3ToV4 and the later steps then take the file on
// to the current version).
using internal::kSchemaV2Sql;
using internal::kSchemaV3Sql;

// What v5 adds to v4 (idempotent: a fresh file runs it after kSchemaV4Sql, a
// v4 file in its migration; frozen in internal/schema_v5.h). `graph_image` holds
// Graph::RefreshImage's serialized index in parts, each with its checksum (ImageChecksum) and the
// `generation` (metadata) it was built from. Our Store bumps the generation
// once per commit that wrote documents or changed taxonomy nodes; the triggers
// (kGenerationTriggers) bump it for every row another program (the sqlite3
// shell, a script) changes in the tables the graph is read from. A Store's
// own connections run with triggers disabled (SQLITE_DBCONFIG_ENABLE_TRIGGER),
// so the build pays nothing per row, and foreign writers need nothing of ours
// (no SQL function) for their writes to work and to mark the image stale.
using internal::kSchemaV5Sql;

// What v6 changes (idempotent, like kSchemaV5Sql: a fresh file runs it after
// kSchemaV5Sql, a v5 file in its migration). Attribute maps ({"role":"CEO"}),
// repeated on a quarter of the evidence and relation rows, are stored once as
// `vocabulary` names (domain 'attributes') and the rows hold their key: the
// columns have TEXT affinity, so the key is stored as its decimal digits, which
// readers tell from a JSON object by the first character (CORPGRAPH_ATTRIBUTES).
// Rows other programs write with a JSON object stay readable as they are.
// Frozen in internal/schema_v6.h, like kEvidenceV6Sql and kFullTextV6Sql.
using internal::kSchemaV6Sql;

// v6's evidence layout (AddV6Schema makes it when the file has v5's): evidence
// rows stored in relation order (primary key (relation_key, sentence_key, key)),
// which is the order EvidenceFor and the aggregates read them in, so the index
// by relation (15 bytes a row) is gone; search and document replacement, which
// start from a sentence, find its rows through the sentence's `relations` (the
// keys of the relations it is evidence for: the integer when there is one,
// which is usual, else a JSON array, ascending), written with the sentence, and
// seek to (relation, sentence) in the primary key.
// `sentence_key` is no foreign key any more: deleting a sentence would have
// SQLite look for rows citing it, a scan of the table without an index by
// sentence. The store deletes a sentence's evidence rows (through its
// `relations`) before the sentence. (v7 packs the rows' small columns:
// kEvidenceV7Sql.)
using internal::kEvidenceV6Sql;

// A sentence's `relations` as a JSON array in SQL (json_each takes it).
#define CORPGRAPH_SENTENCE_RELATIONS(column) \
  "CASE WHEN typeof(" column ") = 'integer' THEN '[' || " column " || ']' ELSE " column " END"

// v6's full-text index (AddV6Schema makes it when the file has v5's contentless
// one): the same FTS5 index, with the sentences' text as external content
// through a view that decompresses it, and no per-row document sizes
// (`columnsize=0`, the `_docsize` table, 10 bytes a sentence). bm25 needs each
// matching row's size, which FTS5 then gets by tokenizing that row's text from
// the view, so answers and their order do not change. Every Store connection
// registers corpgraph_text; other programs can MATCH and run 'integrity-check'
// (without comparing against the content) but not rank. Through the view,
// `sentence_fts.text` is readable and 'rebuild' works.
using internal::kFullTextV6Sql;

// What v7 changes (AddV7Schema; a fresh file runs it after the v6 steps, a v6
// file in its migration; frozen since v8: never edit it). Two things that take 3.5 MB (10%) off the
// 20 MB generated corpus's file and change no answer:
// - `relations` has no UNIQUE(subject_key, type, object_key, modality) index
//   (18 bytes a relation, 2.6 MB): the writer finds a relation's key in its own
//   map (Rep::known_relations, read from the table when a write transaction
//   first needs it), which is what keeps the four columns unique for our
//   writes; other programs' writes are held to it by kRelationUniqueTriggersSql.
//   Nothing read relations by subject through the index (the graph is read by
//   key ranges).
// - each evidence row's subject and object offsets and lengths, rule, kind and
//   confidence are one BLOB, `fields` (EvidenceFields): one record-header byte
//   instead of seven; read in SQL through corpgraph_evidence(fields, n).
// The table copies keep every key (relations, evidence), so the graph image
// stays valid and nothing else refers to anything new.
constexpr const char* kSchemaV7Sql = R"sql(
CREATE TABLE v7_relations(
  key INTEGER PRIMARY KEY,
  subject_key INTEGER NOT NULL REFERENCES entities(key),
  type INTEGER NOT NULL,
  object_key INTEGER NOT NULL REFERENCES entities(key),
  modality INTEGER NOT NULL,
  attributes TEXT,
  strength NOT NULL DEFAULT 0,
  evidence_count INTEGER NOT NULL DEFAULT 0,
  first_seen NOT NULL DEFAULT '',
  last_seen NOT NULL DEFAULT ''
);
INSERT INTO v7_relations(key, subject_key, type, object_key, modality, attributes, strength,
                         evidence_count, first_seen, last_seen)
  SELECT key, subject_key, type, object_key, modality, attributes, strength, evidence_count,
         first_seen, last_seen
  FROM relations ORDER BY key;
DROP TABLE relations;
ALTER TABLE v7_relations RENAME TO relations;
CREATE TABLE v7_evidence(
  relation_key INTEGER NOT NULL REFERENCES relations(key) ON DELETE CASCADE,
  key INTEGER NOT NULL,
  sentence_key INTEGER NOT NULL,
  fields BLOB NOT NULL,
  date TEXT,
  attributes TEXT,
  PRIMARY KEY(relation_key, sentence_key, key)
) WITHOUT ROWID;
INSERT INTO v7_evidence(relation_key, key, sentence_key, fields, date, attributes)
  SELECT relation_key, key, sentence_key,
         corpgraph_evidence_fields(subj_offset, subj_length, obj_offset, obj_length, rule, kind,
                                   confidence),
         date, attributes
  FROM evidence ORDER BY relation_key, sentence_key, key;
DROP TABLE evidence;
ALTER TABLE v7_evidence RENAME TO evidence;
UPDATE metadata SET value = '7' WHERE key = 'schema_version';
)sql";

// What v8 changes (AddV8Schema; a fresh file runs it after the v7 step, a v7 file
// in its migration): an entity's mention and relation counts move out of its
// `entities` row into a narrow table of their own. The writer changes them for
// every entity a batch touched, and an UPDATE of `entities` rewrote the whole
// row, name, attributes and parents JSON included (7-10k instructions each,
// 14-20% of the writer's); an `entity_counts` row is three integers. An entity
// without a row has no mention and no relation (lexicon nodes, mostly); the
// writer writes rows for the entities whose counts it changed. Keys and every
// other column are kept, so the graph image stays valid.
constexpr const char* kSchemaV8Sql = R"sql(
CREATE TABLE entity_counts(
  entity_key INTEGER PRIMARY KEY REFERENCES entities(key) ON DELETE CASCADE,
  mentions INTEGER NOT NULL DEFAULT 0,
  relations INTEGER NOT NULL DEFAULT 0
);
INSERT INTO entity_counts(entity_key, mentions, relations)
  SELECT key, mentions, relations FROM entities WHERE mentions <> 0 OR relations <> 0
  ORDER BY key;
ALTER TABLE entities DROP COLUMN mentions;
ALTER TABLE entities DROP COLUMN relations;
CREATE TRIGGER IF NOT EXISTS entity_counts_insert_generation AFTER INSERT ON entity_counts
BEGIN UPDATE metadata SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'; END;
CREATE TRIGGER IF NOT EXISTS entity_counts_update_generation AFTER UPDATE ON entity_counts
BEGIN UPDATE metadata SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'; END;
CREATE TRIGGER IF NOT EXISTS entity_counts_delete_generation AFTER DELETE ON entity_counts
BEGIN UPDATE metadata SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'; END;
UPDATE metadata SET value = '8' WHERE key = 'schema_version';
)sql";

static_assert(kSchemaVersion == 8, "update kSchemaV8Sql's schema_version row");

// The uniqueness of a relation's (subject, type, object, modality) for other
// programs' writes (the sqlite3 shell, scripts), which v6's UNIQUE index
// enforced: a scan of `relations` per written row, which is acceptable for a
// few hand edits. A Store's own connections run without triggers and keep the
// four columns unique through their known_relations map.
constexpr const char* kRelationUniqueTriggersSql = R"sql(
CREATE TRIGGER IF NOT EXISTS relations_insert_unique BEFORE INSERT ON relations
WHEN EXISTS (SELECT 1 FROM relations r WHERE r.subject_key = NEW.subject_key
             AND r.type = NEW.type AND r.object_key = NEW.object_key
             AND r.modality = NEW.modality)
BEGIN SELECT RAISE(ABORT, 'relations: (subject_key, type, object_key, modality) exists'); END;
CREATE TRIGGER IF NOT EXISTS relations_update_unique
BEFORE UPDATE OF subject_key, type, object_key, modality ON relations
WHEN EXISTS (SELECT 1 FROM relations r WHERE r.subject_key = NEW.subject_key
             AND r.type = NEW.type AND r.object_key = NEW.object_key
             AND r.modality = NEW.modality AND r.key <> NEW.key)
BEGIN SELECT RAISE(ABORT, 'relations: (subject_key, type, object_key, modality) exists'); END;
)sql";

// The tables the in-memory graph is read from (vocabulary: relation types and
// modalities by key), each with an AFTER INSERT, UPDATE and DELETE trigger.
constexpr const char* kGraphSourceTables[] = {"entities", "aliases", "relations", "vocabulary"};

// The generation triggers' SQL (CREATE TRIGGER IF NOT EXISTS ...).
std::string GenerationTriggersSql() {
  std::string sql;
  for (const char* table : kGraphSourceTables) {
    for (const char* event : {"INSERT", "UPDATE", "DELETE"}) {
      sql += std::string("CREATE TRIGGER IF NOT EXISTS ") + table + "_" + AsciiLower(event) +
             "_generation AFTER " + event + " ON " + table +
             " BEGIN UPDATE metadata SET value = CAST(value AS INTEGER) + 1 "
             "WHERE key = 'generation'; END;\n";
    }
  }
  return sql;
}

// A graph image part's checksum: four 64-bit multiply-rotate lanes over the
// 8-byte words, the tail and the length mixed in (several GB/s, so a 10M-relation
// image of ~0.7 GB costs a fraction of a second to check).
uint64_t ImageChecksum(std::string_view data) {
  constexpr uint64_t kPrime1 = 0x9e3779b185ebca87ull;
  constexpr uint64_t kPrime2 = 0xc2b2ae3d27d4eb4full;
  auto round = [](uint64_t lane, uint64_t word) {
    lane += word * kPrime2;
    lane = (lane << 31) | (lane >> 33);
    return lane * kPrime1;
  };
  uint64_t lanes[4] = {kPrime1, kPrime2, ~kPrime1, ~kPrime2};
  const char* p = data.data();
  size_t left = data.size();
  while (left >= 32) {
    for (uint64_t& lane : lanes) {
      uint64_t word;
      std::memcpy(&word, p, 8);
      lane = round(lane, word);
      p += 8;
    }
    left -= 32;
  }
  uint64_t hash = data.size();
  for (uint64_t lane : lanes) hash = round(hash ^ lane, lane);
  for (; left > 0; --left, ++p) hash = round(hash, static_cast<unsigned char>(*p));
  hash ^= hash >> 33;
  hash *= kPrime2;
  hash ^= hash >> 29;
  return hash;
}

// Vocabulary domains (vocabulary.domain).
constexpr const char* kSourceDomain = "source";
constexpr const char* kRelationTypeDomain = "relation_type";
constexpr const char* kModalityDomain = "modality";
constexpr const char* kRuleDomain = "rule";
constexpr const char* kEvidenceKindDomain = "evidence_kind";
constexpr const char* kAttributesDomain = "attributes";

// Migration v1 -> v2, run in one transaction with foreign keys off (so that
// dropping the v1 tables cascades nowhere). The v1 tables are renamed, the v2
// tables created by kSchemaV2Sql, the data copied, then the v1 tables dropped.
// Mentions and document hashes are converted in C++ (MigrateV1ToV2).
constexpr const char* kMigrateV1PrepareSql = R"sql(
DROP TABLE IF EXISTS evidence_fts;
DROP INDEX IF EXISTS mentions_by_entity;
DROP INDEX IF EXISTS mentions_by_doc;
DROP INDEX IF EXISTS relations_by_object;
DROP INDEX IF EXISTS evidence_by_relation;
DROP INDEX IF EXISTS evidence_by_doc;
ALTER TABLE documents RENAME TO v1_documents;
ALTER TABLE mentions RENAME TO v1_mentions;
ALTER TABLE relations RENAME TO v1_relations;
ALTER TABLE evidence RENAME TO v1_evidence;
ALTER TABLE entities ADD COLUMN mentions INTEGER NOT NULL DEFAULT 0;
)sql";

constexpr const char* kMigrateV1CopySql = R"sql(
INSERT OR IGNORE INTO vocabulary(domain, name)
  SELECT 'source', source FROM v1_documents GROUP BY source ORDER BY min(rowid);
INSERT OR IGNORE INTO vocabulary(domain, name)
  SELECT 'relation_type', type FROM v1_relations GROUP BY type ORDER BY min(key);
INSERT OR IGNORE INTO vocabulary(domain, name)
  SELECT 'modality', modality FROM v1_relations GROUP BY modality ORDER BY min(key);
INSERT OR IGNORE INTO vocabulary(domain, name)
  SELECT 'rule', rule FROM v1_evidence GROUP BY rule ORDER BY min(key);
INSERT OR IGNORE INTO vocabulary(domain, name)
  SELECT 'evidence_kind', kind FROM v1_evidence GROUP BY kind ORDER BY min(key);
INSERT INTO documents(key, id, source_key, title, date, sha256, added_at)
  SELECT d.rowid, d.id, v.key, d.title, d.date, d.sha256,
         COALESCE(CAST(strftime('%s', d.added_at) AS INTEGER), 0)
  FROM v1_documents d JOIN vocabulary v ON v.domain = 'source' AND v.name = d.source
  ORDER BY d.rowid;
INSERT INTO relations(key, subject_key, type, object_key, modality, attributes, strength,
                      evidence_count, first_seen, last_seen)
  SELECT r.key, r.subject_key, t.key, r.object_key, m.key, NULLIF(r.attributes, '{}'),
         r.strength, r.evidence_count, day_number(r.first_seen), day_number(r.last_seen)
  FROM v1_relations r
  JOIN vocabulary t ON t.domain = 'relation_type' AND t.name = r.type
  JOIN vocabulary m ON m.domain = 'modality' AND m.name = r.modality
  ORDER BY r.key;
INSERT INTO sentences(doc_key, start, "end", text)
  SELECT d.key, e.sent_start, e.sent_end, e.sentence
  FROM v1_evidence e JOIN documents d ON d.id = e.doc_id
  GROUP BY d.key, e.sent_start, e.sent_end, e.sentence
  ORDER BY min(e.key);
INSERT INTO evidence(key, relation_key, sentence_key, subj_start, subj_end, obj_start, obj_end,
                     rule, confidence, kind, date, attributes)
  SELECT e.key, e.relation_key, s.key, e.subj_start, e.subj_end, e.obj_start, e.obj_end,
         ru.key, e.confidence, k.key, NULLIF(e.date, d.date), NULLIF(e.attributes, '{}')
  FROM v1_evidence e
  JOIN documents d ON d.id = e.doc_id
  JOIN sentences s ON s.doc_key = d.key AND s.start = e.sent_start AND s."end" = e.sent_end
                      AND s.text = e.sentence
  JOIN vocabulary ru ON ru.domain = 'rule' AND ru.name = e.rule
  JOIN vocabulary k ON k.domain = 'evidence_kind' AND k.name = e.kind
  ORDER BY e.key;
)sql";

constexpr const char* kMigrateV1FinishSql = R"sql(
DROP TABLE v1_evidence;
DROP TABLE v1_mentions;
DROP TABLE v1_relations;
DROP TABLE v1_documents;
INSERT INTO sentence_fts(sentence_fts) VALUES ('rebuild');
UPDATE metadata SET value = '2' WHERE key = 'schema_version';
)sql";

// Migration v2 -> v3, one transaction with foreign keys off: mentions become
// one row per document (converted in C++, MigrateV2ToV3), the external-content
// FTS index is replaced by a contentless one, sentences are compressed once
// the dictionary is made from the first of them, and the index is rebuilt.
constexpr const char* kMigrateV2PrepareSql = R"sql(
DROP TABLE sentence_fts;
ALTER TABLE mentions RENAME TO v2_mentions;
)sql";

constexpr const char* kMigrateV2FinishSql = R"sql(
DROP TABLE v2_mentions;
UPDATE sentences SET text = corpgraph_pack(text) WHERE typeof(text) = 'text';
INSERT INTO sentence_fts(rowid, text) SELECT key, corpgraph_text(text) FROM sentences;
UPDATE metadata SET value = '3' WHERE key = 'schema_version';
)sql";

// Migration v3 -> v4, one transaction with foreign keys off: aliases,
// relations and evidence are copied into their v4 tables, keys kept; per-mille
// confidences and strengths, sentence-relative evidence spans and last_seen as
// a difference are computed on the way (corpgraph_milli is Milli).
constexpr const char* kMigrateV3PrepareSql = R"sql(
DROP INDEX aliases_by_norm;
DROP INDEX relations_by_object;
DROP INDEX sentences_by_doc;
DROP INDEX evidence_by_relation;
DROP INDEX evidence_by_sentence;
ALTER TABLE entities ADD COLUMN relations INTEGER NOT NULL DEFAULT 0;
ALTER TABLE mentions ADD COLUMN sentences BLOB;
ALTER TABLE evidence RENAME TO v3_evidence;
ALTER TABLE relations RENAME TO v3_relations;
ALTER TABLE aliases RENAME TO v3_aliases;
)sql";

constexpr const char* kMigrateV3CopySql = R"sql(
INSERT INTO aliases(entity_key, alias) SELECT entity_key, alias FROM v3_aliases;
INSERT INTO relations(key, subject_key, type, object_key, modality, attributes, strength,
                      evidence_count, first_seen, last_seen)
  SELECT key, subject_key, type, object_key, modality, attributes, corpgraph_milli(strength),
         evidence_count, first_seen,
         CASE WHEN typeof(first_seen) = 'integer' AND typeof(last_seen) = 'integer'
              THEN last_seen - first_seen ELSE last_seen END
  FROM v3_relations ORDER BY key;
INSERT INTO evidence(key, relation_key, sentence_key, subj_offset, subj_length, obj_offset,
                     obj_length, rule, confidence, kind, date, attributes)
  SELECT e.key, e.relation_key, e.sentence_key, e.subj_start - s.start, e.subj_end - e.subj_start,
         e.obj_start - s.start, e.obj_end - e.obj_start, e.rule, corpgraph_milli(e.confidence),
         e.kind, e.date, e.attributes
  FROM v3_evidence e JOIN sentences s ON s.key = e.sentence_key ORDER BY e.key;
INSERT OR REPLACE INTO metadata(key, value)
  SELECT 'next_evidence_key', COALESCE(max(key), 0) + 1 FROM v3_evidence;
DROP TABLE v3_evidence;
DROP TABLE v3_relations;
DROP TABLE v3_aliases;
UPDATE entities SET relations = counted.relations
  FROM (SELECT entity_key, count(*) AS relations
        FROM (SELECT subject_key AS entity_key FROM relations
              UNION ALL SELECT object_key FROM relations)
        GROUP BY entity_key) AS counted
  WHERE counted.entity_key = entities.key;
UPDATE metadata SET value = '4' WHERE key = 'schema_version';
)sql";

// An evidence or relation row's `attributes` as a JSON object, in SQL: NULL is
// none, a JSON object is itself (rows written by other programs), anything
// else the key of its vocabulary row (kSchemaV6Sql); a key with no row reads
// as text no JSON decoder takes, so the reader reports the row as unreadable.
#define CORPGRAPH_ATTRIBUTES(column)                                                        \
  "CASE WHEN " column " IS NULL THEN '{}' WHEN substr(" column ", 1, 1) = '{' THEN " column \
  " ELSE COALESCE((SELECT av.name FROM vocabulary av WHERE av.key = " column                \
  "), 'missing attributes ' || " column ") END"

// An evidence row's fields (v7: EvidenceFields in one BLOB), in SQL.
#define CORPGRAPH_EVIDENCE_FIELD(n) "corpgraph_evidence(e.fields, " #n ")"
// Its confidence as a REAL.
#define CORPGRAPH_EVIDENCE_CONFIDENCE CORPGRAPH_EVIDENCE_FIELD(6)

// Indexes the sentences written in this transaction, in one statement at
// commit. Why not triggers: FTS5 flushes its pending terms to disk on every
// statement savepoint, and with per-row trigger inserts that made each
// row its own index segment (about a third of the write time).
// ?1 is a JSON array of sentence keys, ascending. The text comes from the
// writer's memory (corpgraph_unindexed_text), not from the table: reading it
// back meant decompressing every sentence the batch had just compressed.
constexpr const char* kIndexPendingSql =
    "INSERT INTO sentence_fts(rowid, text) SELECT value, corpgraph_unindexed_text(value) "
    "FROM json_each(?1)";

// corpgraph_count_deltas: a VectorTable (below) of the rows (entity_key,
// mentions, relations). The commit adds them to entity_counts
// in one statement (kAddCountDeltasSql) instead of one statement per entity.
using CountDeltaRows = std::vector<std::array<int64_t, 3>>;

// A read-only, eponymous virtual table over a vector of rows its Store owns (the module's
// client data), in the vector's order: `kSchema` declares its columns, `kColumn` gives one
// row's value of a column. The cursor is a position in the vector. No xCreate: usable by
// name only, never through CREATE VIRTUAL TABLE.
template <typename Rows, const char* kSchema,
          void (*kColumn)(const typename Rows::value_type&, sqlite3_context*, int)>
struct VectorTable {
  struct Table : sqlite3_vtab {
    const Rows* rows = nullptr;
  };
  struct Cursor : sqlite3_vtab_cursor {
    size_t at = 0;
  };

  static int Connect(sqlite3* db, void* rows, int, const char* const*, sqlite3_vtab** out, char**) {
    const int rc = sqlite3_declare_vtab(db, kSchema);
    if (rc != SQLITE_OK) return rc;
    auto* table = new Table();
    table->rows = static_cast<const Rows*>(rows);
    *out = table;
    return SQLITE_OK;
  }
  static int BestIndex(sqlite3_vtab*, sqlite3_index_info* info) {
    info->estimatedCost = 1e6;
    return SQLITE_OK;
  }
  static int Disconnect(sqlite3_vtab* table) {
    delete static_cast<Table*>(table);
    return SQLITE_OK;
  }
  static int Open(sqlite3_vtab*, sqlite3_vtab_cursor** out) {
    *out = new Cursor();
    return SQLITE_OK;
  }
  static int Close(sqlite3_vtab_cursor* cursor) {
    delete static_cast<Cursor*>(cursor);
    return SQLITE_OK;
  }
  static int Filter(sqlite3_vtab_cursor* cursor, int, const char*, int, sqlite3_value**) {
    static_cast<Cursor*>(cursor)->at = 0;
    return SQLITE_OK;
  }
  static int Next(sqlite3_vtab_cursor* cursor) {
    ++static_cast<Cursor*>(cursor)->at;
    return SQLITE_OK;
  }
  static const Rows& RowsOf(sqlite3_vtab_cursor* cursor) {
    return *static_cast<Table*>(cursor->pVtab)->rows;
  }
  static int Eof(sqlite3_vtab_cursor* cursor) {
    return static_cast<Cursor*>(cursor)->at >= RowsOf(cursor).size() ? 1 : 0;
  }
  static int Column(sqlite3_vtab_cursor* cursor, sqlite3_context* context, int column) {
    kColumn(RowsOf(cursor)[static_cast<Cursor*>(cursor)->at], context, column);
    return SQLITE_OK;
  }
  static int Rowid(sqlite3_vtab_cursor* cursor, sqlite3_int64* rowid) {
    *rowid = static_cast<sqlite3_int64>(static_cast<Cursor*>(cursor)->at);
    return SQLITE_OK;
  }

  static constexpr sqlite3_module kModule = {
      .iVersion = 0,
      .xCreate = nullptr,
      .xConnect = Connect,
      .xBestIndex = BestIndex,
      .xDisconnect = Disconnect,
      .xDestroy = Disconnect,
      .xOpen = Open,
      .xClose = Close,
      .xFilter = Filter,
      .xNext = Next,
      .xEof = Eof,
      .xColumn = Column,
      .xRowid = Rowid,
  };
};

constexpr char kCountDeltasSchema[] =
    "CREATE TABLE x(entity_key INTEGER, mentions INTEGER, relations INTEGER)";

void CountDeltasColumn(const std::array<int64_t, 3>& row, sqlite3_context* context, int column) {
  sqlite3_result_int64(context, row[static_cast<size_t>(column)]);
}

using CountDeltasTable = VectorTable<CountDeltaRows, kCountDeltasSchema, CountDeltasColumn>;

// corpgraph_pending_aliases: the aliases the open write transaction gave
// entities (Store::Rep::pending_aliases), inserted at commit in one statement
// (kInsertPendingAliasesSql), in primary-key order, instead of one INSERT per
// alias as documents arrive.
using PendingAliasRows = std::vector<std::pair<int64_t, std::string>>;

constexpr char kPendingAliasesSchema[] = "CREATE TABLE x(entity_key INTEGER, alias TEXT)";

void PendingAliasesColumn(const std::pair<int64_t, std::string>& row, sqlite3_context* context,
                          int column) {
  if (column == 0) {
    sqlite3_result_int64(context, row.first);
  } else {
    sqlite3_result_text(context, row.second.data(), static_cast<int>(row.second.size()),
                        SQLITE_STATIC);
  }
}

using PendingAliasesTable =
    VectorTable<PendingAliasRows, kPendingAliasesSchema, PendingAliasesColumn>;

// OR IGNORE: an alias the entity has in the table (an entity cache dropped in
// the transaction reads them again) or twice among the rows.
constexpr const char* kInsertPendingAliasesSql =
    "INSERT OR IGNORE INTO aliases(entity_key, alias) SELECT entity_key, alias "
    "FROM corpgraph_pending_aliases";

// corpgraph_pending_evidence: the same for the evidence rows the open write
// transaction added (Store::Rep::pending_evidence), which the commit inserts in
// one statement (kInsertPendingEvidenceSql), in primary-key order, instead of
// one INSERT per row as documents arrive (each statement's reset, bindings and
// step cost about as much as the row's own b-tree work).
struct PendingEvidenceRow {
  int64_t relation_key = 0;
  int64_t sentence_key = 0;
  int64_t key = 0;
  std::string fields;      // PackEvidenceFields
  std::string date;        // empty: NULL (the document's date)
  int64_t attributes = 0;  // vocabulary key, 0: NULL
  auto PrimaryKey() const { return std::tie(relation_key, sentence_key, key); }
};
using PendingEvidenceRows = std::vector<PendingEvidenceRow>;

constexpr char kPendingEvidenceSchema[] =
    "CREATE TABLE x(relation_key INTEGER, sentence_key INTEGER, fields BLOB, date TEXT, "
    "attributes INTEGER, key INTEGER)";

void PendingEvidenceColumn(const PendingEvidenceRow& row, sqlite3_context* context, int column) {
  switch (column) {
    case 0:
      sqlite3_result_int64(context, row.relation_key);
      break;
    case 1:
      sqlite3_result_int64(context, row.sentence_key);
      break;
    case 2:
      sqlite3_result_blob(context, row.fields.data(), static_cast<int>(row.fields.size()),
                          SQLITE_STATIC);
      break;
    case 3:
      if (row.date.empty()) {
        sqlite3_result_null(context);
      } else {
        sqlite3_result_text(context, row.date.data(), static_cast<int>(row.date.size()),
                            SQLITE_STATIC);
      }
      break;
    case 4:
      if (row.attributes == 0) {
        sqlite3_result_null(context);
      } else {
        sqlite3_result_int64(context, row.attributes);
      }
      break;
    default:
      sqlite3_result_int64(context, row.key);
      break;
  }
}

using PendingEvidenceTable =
    VectorTable<PendingEvidenceRows, kPendingEvidenceSchema, PendingEvidenceColumn>;

constexpr const char* kInsertPendingEvidenceSql =
    "INSERT INTO evidence(relation_key, sentence_key, fields, date, attributes, key) "
    "SELECT relation_key, sentence_key, fields, date, attributes, key "
    "FROM corpgraph_pending_evidence";

// corpgraph_pending_relations: the relations the open write transaction
// created (Store::Rep::pending_relations), in key order, each with the
// aggregates and attributes of its first evidence row (what WriteRelation
// writes for a relation with one row), inserted at commit before the evidence
// (kInsertPendingRelationsSql). Without their keys: they are consecutive from
// the table's largest + 1 (Rep::TakeRelationKey), which SQLite gives in scan
// order, and appending rows it numbers costs less than placing numbered ones.
struct PendingRelationRow {
  int64_t key = 0;  // what SQLite will give it (checked after the insert)
  int64_t subject_key = 0;
  int64_t type = 0;
  int64_t object_key = 0;
  int64_t modality = 0;
  int64_t attributes = 0;  // vocabulary key, 0: NULL
  double strength = 0;
  std::string day;  // first_seen and last_seen
};
using PendingRelationRows = std::vector<PendingRelationRow>;

// corpgraph_pending_sentences: the sentence rows of the open write transaction
// (Store::Rep::pending_sentences), in key order, inserted at commit before the
// relations and evidence (kInsertPendingSentencesSql) under the keys the writer
// took ahead (Rep::TakeSentenceKey: what SQLite would have given each row).
struct PendingSentenceRow {
  int64_t key = 0;
  int64_t doc_key = 0;
  int64_t start = 0;
  int64_t end = 0;
  std::string text;  // as stored: the TextCodec stream (a BLOB) or the text
  bool packed = false;
  std::vector<int64_t> relations;  // ascending; one: the integer, more: a JSON array
};
using PendingSentenceRows = std::vector<PendingSentenceRow>;

constexpr char kPendingSentencesSchema[] =
    "CREATE TABLE x(key INTEGER, doc_key INTEGER, start INTEGER, \"end\" INTEGER, text, "
    "relations)";

void PendingSentencesColumn(const PendingSentenceRow& row, sqlite3_context* context, int column) {
  switch (column) {
    case 0:
      sqlite3_result_int64(context, row.key);
      break;
    case 1:
      sqlite3_result_int64(context, row.doc_key);
      break;
    case 2:
      sqlite3_result_int64(context, row.start);
      break;
    case 3:
      sqlite3_result_int64(context, row.end);
      break;
    case 4:
      if (row.packed) {
        sqlite3_result_blob(context, row.text.data(), static_cast<int>(row.text.size()),
                            SQLITE_STATIC);
      } else {
        sqlite3_result_text(context, row.text.data(), static_cast<int>(row.text.size()),
                            SQLITE_STATIC);
      }
      break;
    default:
      if (row.relations.size() == 1) {
        sqlite3_result_int64(context, row.relations.front());
      } else {
        std::string list = "[";
        for (int64_t key : row.relations) {
          if (list.size() > 1) list.push_back(',');
          list += std::to_string(key);
        }
        list.push_back(']');
        sqlite3_result_text(context, list.data(), static_cast<int>(list.size()), SQLITE_TRANSIENT);
      }
      break;
  }
}

using PendingSentencesTable =
    VectorTable<PendingSentenceRows, kPendingSentencesSchema, PendingSentencesColumn>;

constexpr const char* kInsertPendingSentencesSql =
    "INSERT INTO sentences(key, doc_key, start, \"end\", text, relations) "
    "SELECT key, doc_key, start, \"end\", text, relations FROM corpgraph_pending_sentences";

std::optional<int64_t> DayNumber(std::string_view day);

constexpr char kPendingRelationsSchema[] =
    "CREATE TABLE x(subject_key INTEGER, type INTEGER, object_key INTEGER, modality INTEGER, "
    "attributes INTEGER, strength, first_seen, last_seen)";

// The values BindMilli, BindDay and BindLastSeen bind (for one day: 0).
void PendingRelationsColumn(const PendingRelationRow& row, sqlite3_context* context, int column) {
  switch (column) {
    case 0:
      sqlite3_result_int64(context, row.subject_key);
      break;
    case 1:
      sqlite3_result_int64(context, row.type);
      break;
    case 2:
      sqlite3_result_int64(context, row.object_key);
      break;
    case 3:
      sqlite3_result_int64(context, row.modality);
      break;
    case 4:
      if (row.attributes == 0) {
        sqlite3_result_null(context);
      } else {
        sqlite3_result_int64(context, row.attributes);
      }
      break;
    case 5:
      if (std::optional<int64_t> milli = Milli(row.strength)) {
        sqlite3_result_int64(context, *milli);
      } else {
        sqlite3_result_double(context, row.strength);
      }
      break;
    default:
      if (std::optional<int64_t> number = DayNumber(row.day)) {
        sqlite3_result_int64(context, column == 6 ? *number : 0);
      } else {
        sqlite3_result_text(context, row.day.data(), static_cast<int>(row.day.size()),
                            SQLITE_STATIC);
      }
      break;
  }
}

using PendingRelationsTable =
    VectorTable<PendingRelationRows, kPendingRelationsSchema, PendingRelationsColumn>;

constexpr const char* kInsertPendingRelationsSql =
    "INSERT INTO relations(subject_key, type, object_key, modality, attributes, strength, "
    "evidence_count, first_seen, last_seen) "
    "SELECT subject_key, type, object_key, modality, attributes, strength, 1, first_seen, "
    "last_seen FROM corpgraph_pending_relations";

// The commit's count changes (schema v8), in key order so that the batch's new
// entities are appended. (WHERE true: an upsert after a SELECT needs it.)
constexpr const char* kAddCountDeltasSql =
    "INSERT INTO entity_counts(entity_key, mentions, relations) "
    "SELECT entity_key, mentions, relations FROM corpgraph_count_deltas WHERE true "
    "ON CONFLICT(entity_key) DO UPDATE SET mentions = mentions + excluded.mentions, "
    "relations = relations + excluded.relations";

// EvidenceRecord columns (Rep::ReadEvidence); FROM evidence e plus kEvidenceJoins.
constexpr const char* kEvidenceColumns =
    "e.key, e.relation_key, d.id, s.text, s.start, s.\"end\", s.start + " CORPGRAPH_EVIDENCE_FIELD(
        0) ", s.start + " CORPGRAPH_EVIDENCE_FIELD(0) " + " CORPGRAPH_EVIDENCE_FIELD(
        1) ", s.start + " CORPGRAPH_EVIDENCE_FIELD(2) ", s.start + " CORPGRAPH_EVIDENCE_FIELD(2) " + "
        CORPGRAPH_EVIDENCE_FIELD(3) ", ru.name, " CORPGRAPH_EVIDENCE_CONFIDENCE
    ", k.name, COALESCE(e.date, d.date), d.title, src.name";
constexpr const char* kEvidenceJoins =
    " JOIN sentences s ON s.key = e.sentence_key JOIN documents d ON d.key = s.doc_key "
    "JOIN vocabulary ru ON ru.key = " CORPGRAPH_EVIDENCE_FIELD(
        4) " JOIN vocabulary k ON k.key = " CORPGRAPH_EVIDENCE_FIELD(5) " "
    "JOIN vocabulary src ON src.key = d.source_key ";

// Document hashes are stored as 32-byte BLOBs when they are 64 hex digits
// (the normal case), as given otherwise.
std::string PackHash(std::string_view hex) {
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  if (hex.size() != 64) return {};
  std::string bytes(32, '\0');
  for (size_t i = 0; i < 32; ++i) {
    const int high = nibble(hex[2 * i]);
    const int low = nibble(hex[2 * i + 1]);
    if (high < 0 || low < 0) return {};
    bytes[i] = static_cast<char>(high * 16 + low);
  }
  return bytes;
}

std::string UnpackHash(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    hex.push_back(kDigits[c >> 4]);
    hex.push_back(kDigits[c & 15]);
  }
  return hex;
}

// Mention spans of one (document, entity): sorted, then each as the zigzag
// varint of (start - previous start) and of (end - start).

std::string PackSpans(std::vector<std::pair<int64_t, int64_t>> spans) {
  std::sort(spans.begin(), spans.end());
  std::string out;
  int64_t previous = 0;
  for (const auto& [start, end] : spans) {
    AppendVarint(out, start - previous);
    AppendVarint(out, end - start);
    previous = start;
  }
  return out;
}

// Relation dates: an ISO day "2024-03-01" is stored as the integer 20240301
// (4 bytes instead of 11); anything else as given.
std::optional<int64_t> DayNumber(std::string_view day) {
  if (day.size() != 10 || day[4] != '-' || day[7] != '-') return std::nullopt;
  int64_t number = 0;
  for (size_t i = 0; i < day.size(); ++i) {
    if (i == 4 || i == 7) continue;
    if (day[i] < '0' || day[i] > '9') return std::nullopt;
    number = number * 10 + (day[i] - '0');
  }
  return number;
}

void BindDay(Statement& statement, int index, std::string_view day) {
  if (std::optional<int64_t> number = DayNumber(day)) {
    statement.BindInt(index, *number);
  } else {
    statement.BindText(index, day);
  }
}

// Relation last_seen: the difference from first_seen when both are ISO days
// (0, stored in no bytes, for the usual single-day relation), else as BindDay.
void BindLastSeen(Statement& statement, int index, std::string_view first_seen,
                  std::string_view last_seen) {
  const std::optional<int64_t> first = DayNumber(first_seen);
  const std::optional<int64_t> last = DayNumber(last_seen);
  if (first && last) {
    statement.BindInt(index, *last - *first);
  } else {
    BindDay(statement, index, last_seen);
  }
}

void BindMilli(Statement& statement, int index, double value) {
  if (std::optional<int64_t> milli = Milli(value)) {
    statement.BindInt(index, *milli);
  } else {
    statement.BindDouble(index, value);
  }
}

// A column written by BindMilli, as the double.
double ColumnMilli(sqlite3_stmt* statement, int column) {
  if (sqlite3_column_type(statement, column) == SQLITE_INTEGER) {
    return static_cast<double>(sqlite3_column_int64(statement, column)) / 1000.0;
  }
  return sqlite3_column_double(statement, column);
}

// SQL corpgraph_milli(x): what BindMilli stores, for the migration.
void MilliFunction(sqlite3_context* context, int, sqlite3_value** values) {
  if (sqlite3_value_type(values[0]) != SQLITE_FLOAT) {
    sqlite3_result_value(context, values[0]);
    return;
  }
  const double value = sqlite3_value_double(values[0]);
  if (std::optional<int64_t> milli = Milli(value)) {
    sqlite3_result_int64(context, *milli);
  } else {
    sqlite3_result_double(context, value);
  }
}

// Day number (YYYYMMDD) of relation column `last` as stored by BindLastSeen,
// `first` being its first_seen column; nullopt if it is stored as text.
std::optional<int64_t> LastSeenNumber(sqlite3_stmt* statement, int first, int last) {
  if (sqlite3_column_type(statement, last) != SQLITE_INTEGER) return std::nullopt;
  const int64_t value = sqlite3_column_int64(statement, last);
  if (sqlite3_column_type(statement, first) != SQLITE_INTEGER) return value;
  return sqlite3_column_int64(statement, first) + value;
}

std::string FormatDay(int64_t number) {
  if (number >= 0 && number <= 99999999) {
    // What the snprintf below prints, without its cost (a few per relation
    // the writer recomputes).
    std::string day = "0000-00-00";
    for (int i : {9, 8, 6, 5, 3, 2, 1, 0}) {
      day[static_cast<size_t>(i)] = static_cast<char>('0' + number % 10);
      number /= 10;
    }
    return day;
  }
  char day[32];
  std::snprintf(day, sizeof day, "%04lld-%02lld-%02lld", static_cast<long long>(number / 10000),
                static_cast<long long>(number / 100 % 100), static_cast<long long>(number % 100));
  return day;
}

std::string ColumnDay(sqlite3_stmt* statement, int column) {
  if (sqlite3_column_type(statement, column) == SQLITE_INTEGER) {
    return FormatDay(sqlite3_column_int64(statement, column));
  }
  const unsigned char* text = sqlite3_column_text(statement, column);
  return text == nullptr ? std::string() : reinterpret_cast<const char*>(text);
}

// Relation column `last` as BindLastSeen wrote it, `first` being first_seen.
std::string ColumnLastSeen(sqlite3_stmt* statement, int first, int last) {
  if (std::optional<int64_t> number = LastSeenNumber(statement, first, last)) {
    return FormatDay(*number);
  }
  return ColumnDay(statement, last);
}

// A text column as a view (valid until the next step), empty when NULL.
std::string_view ColumnView(sqlite3_stmt* statement, int column) {
  const unsigned char* data = sqlite3_column_text(statement, column);
  const int size = sqlite3_column_bytes(statement, column);
  if (data == nullptr || size <= 0) return {};
  return std::string_view(reinterpret_cast<const char*>(data), static_cast<size_t>(size));
}

// SQL day_number(text): DayNumber for the migration.
void DayNumberFunction(sqlite3_context* context, int, sqlite3_value** values) {
  if (sqlite3_value_type(values[0]) != SQLITE_TEXT) {
    sqlite3_result_value(context, values[0]);
    return;
  }
  const unsigned char* text = sqlite3_value_text(values[0]);
  const std::string_view day(reinterpret_cast<const char*>(text),
                             static_cast<size_t>(sqlite3_value_bytes(values[0])));
  if (std::optional<int64_t> number = DayNumber(day)) {
    sqlite3_result_int64(context, *number);
  } else {
    sqlite3_result_value(context, values[0]);
  }
}

// Number of spans in a PackSpans blob (two varints each).
int64_t CountSpans(std::string_view packed) {
  int64_t varints = 0;
  for (char c : packed) {
    if ((static_cast<unsigned char>(c) & 0x80) == 0) ++varints;
  }
  return varints / 2;
}

// SQL corpgraph_evidence(fields, n): field n of a v7 `evidence.fields` BLOB
// (0 subject offset, 1 subject length, 2 object offset, 3 object length, 4 rule
// key, 5 kind key: integers; 6 the confidence: a REAL). An unreadable BLOB is
// an error (a corrupt file), not a NULL that a join would silently drop.
void EvidenceFunction(sqlite3_context* context, int, sqlite3_value** values) {
  const auto* data = static_cast<const char*>(sqlite3_value_blob(values[0]));
  const std::string_view packed(data == nullptr ? "" : data,
                                static_cast<size_t>(sqlite3_value_bytes(values[0])));
  const int64_t field = sqlite3_value_int64(values[1]);
  const std::optional<EvidenceFields> fields = UnpackEvidenceFields(packed);
  if (!fields || field < 0 || field >= internal::kEvidenceFieldCount) {
    sqlite3_result_error(context, "corpgraph_evidence: unreadable evidence fields", -1);
    return;
  }
  const int64_t integers[] = {fields->subj_offset, fields->subj_length, fields->obj_offset,
                              fields->obj_length,  fields->rule,        fields->kind};
  if (field == 6) {
    sqlite3_result_double(context, fields->confidence);
  } else {
    sqlite3_result_int64(context, integers[field]);
  }
}

// SQL corpgraph_evidence_fields(subj_offset, subj_length, obj_offset,
// obj_length, rule, kind, confidence): the BLOB, from v6's columns (the
// confidence as BindMilli stored it), for the v6 -> v7 migration. A NULL or
// non-integer column, or a negative key, is an error: the migration
// fails and leaves the file as it was.
void EvidenceFieldsFunction(sqlite3_context* context, int, sqlite3_value** values) {
  int64_t integers[6] = {};
  for (int i = 0; i < 6; ++i) {
    if (sqlite3_value_type(values[i]) != SQLITE_INTEGER) {
      sqlite3_result_error(context, "corpgraph_evidence_fields: a column is not an integer", -1);
      return;
    }
    integers[i] = sqlite3_value_int64(values[i]);
  }
  EvidenceFields fields{.subj_offset = integers[0],
                        .subj_length = integers[1],
                        .obj_offset = integers[2],
                        .obj_length = integers[3],
                        .rule = integers[4],
                        .kind = integers[5]};
  switch (sqlite3_value_type(values[6])) {
    case SQLITE_INTEGER:
      fields.confidence = static_cast<double>(sqlite3_value_int64(values[6])) / 1000.0;
      break;
    case SQLITE_FLOAT:
      fields.confidence = sqlite3_value_double(values[6]);
      break;
    default:
      sqlite3_result_error(context, "corpgraph_evidence_fields: confidence is not a number", -1);
      return;
  }
  const std::string packed = PackEvidenceFields(fields);
  if (packed.empty()) {
    sqlite3_result_error(context, "corpgraph_evidence_fields: a negative rule or kind key", -1);
    return;
  }
  sqlite3_result_blob(context, packed.data(), static_cast<int>(packed.size()), SQLITE_TRANSIENT);
}

// A document's mentions (one `mentions` row): for each entity in key order,
// the varints of (key - previous key) and of its span count, then its spans
// as PackSpans wrote them. `packed_by_entity` must be sorted by key.
std::string PackDocumentMentions(
    const std::vector<std::pair<int64_t, std::string>>& packed_by_entity) {
  std::string out;
  int64_t previous = 0;
  for (const auto& [entity_key, spans] : packed_by_entity) {
    AppendVarint(out, entity_key - previous);
    AppendVarint(out, CountSpans(spans));
    out += spans;
    previous = entity_key;
  }
  return out;
}

// The (entity key, span count) pairs of a PackDocumentMentions blob; false if
// it is malformed.
bool UnpackMentionCounts(std::string_view packed, std::vector<std::pair<int64_t, int64_t>>& out) {
  size_t at = 0;
  int64_t entity_key = 0;
  while (at < packed.size()) {
    int64_t delta = 0;
    int64_t count = 0;
    if (!ReadVarint(packed, at, delta) || !ReadVarint(packed, at, count) || count < 0) {
      return false;
    }
    entity_key += delta;
    for (int64_t i = 0; i < 2 * count; ++i) {
      int64_t ignored = 0;
      if (!ReadVarint(packed, at, ignored)) return false;
    }
    out.emplace_back(entity_key, count);
  }
  return true;
}

// Ascending keys (a document's sentences) as zigzag varints of the
// differences: about a byte a key.
std::string PackKeys(const std::vector<int64_t>& keys) {
  std::string out;
  int64_t previous = 0;
  for (int64_t key : keys) {
    AppendVarint(out, key - previous);
    previous = key;
  }
  return out;
}

// The keys of a PackKeys blob; false if it is malformed.
bool UnpackKeys(std::string_view packed, std::vector<int64_t>& out) {
  size_t at = 0;
  int64_t key = 0;
  while (at < packed.size()) {
    int64_t delta = 0;
    if (!ReadVarint(packed, at, delta)) return false;
    key += delta;
    out.push_back(key);
  }
  return true;
}

// Steps `select`, whose rows come in runs of equal first (integer) column,
// calling `add_row` on each row and `end_run(key)` after each run's last row.
Status ForEachRun(Statement& select, const std::function<void()>& add_row,
                  const std::function<Status(int64_t key)>& end_run) {
  std::optional<int64_t> run_key;
  while (true) {
    ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) break;
    const int64_t key = select.ColumnInt(0);
    if (run_key && *run_key != key) RETURN_IF_ERROR(end_run(*run_key));
    run_key = key;
    add_row();
  }
  return run_key ? end_run(*run_key) : Status::Ok();
}

// The input errors PutDocument reports (InvalidArgument), in the order it
// would meet them while writing: an empty document id, an entity with an empty
// id, a fact with an argument with an empty id.
Status ValidateDocument(const Document& doc, const Extraction& extraction) {
  if (doc.id.empty()) return InvalidArgumentError("document '" + doc.source + "': empty id");
  for (const Entity& entity : extraction.entities) {
    if (entity.id.empty()) return InvalidArgumentError("entity '" + entity.name + "': empty id");
  }
  for (const Fact& fact : extraction.facts) {
    if (fact.subject.id.empty() || fact.object.id.empty()) {
      return InvalidArgumentError("fact '" + fact.subject.name + " " +
                                  std::string(RelationTypeName(fact.relation)) + " " +
                                  fact.object.name + "': an argument has an empty id");
    }
  }
  return Status::Ok();
}

bool IsMemoryPath(const std::string& path) {
  return path.empty() || path == ":memory:" || path.rfind("file:", 0) == 0;
}

// The id's part after "type:" ("org:alibaba" -> "alibaba").
std::string_view IdSuffix(std::string_view id) {
  const size_t colon = id.find(':');
  return colon == std::string_view::npos ? id : id.substr(colon + 1);
}

// True if `candidate` is a better display name than `current` for entity `id`.
// A total order, so the chosen name does not depend on the order documents
// arrive in: a name whose slug is the id's suffix first, then the shorter, then
// the bytewise smaller. The id itself is only a placeholder and always loses.
bool BetterName(const std::string& candidate, const std::string& current, const std::string& id) {
  if (candidate.empty() || candidate == id) return false;
  if (current.empty() || current == id) return true;
  const std::string_view suffix = IdSuffix(id);
  const int candidate_rank = Slugify(candidate) == suffix ? 0 : 1;
  const int current_rank = Slugify(current) == suffix ? 0 : 1;
  if (candidate_rank != current_rank) return candidate_rank < current_rank;
  if (candidate.size() != current.size()) return candidate.size() < current.size();
  return candidate < current;
}

// A relation's strength: 1 - prod(1 - confidence) over its evidence. The
// confidences are sorted first so that the floating-point product (and so the
// stored double) does not depend on the order the evidence arrived in.
double NoisyOr(std::vector<double>& confidences) {
  std::sort(confidences.begin(), confidences.end());
  double miss = 1.0;
  for (double confidence : confidences) miss *= 1.0 - confidence;
  return 1.0 - miss;
}

// NoisyOr over confidences given as value -> count (ascending): the same
// multiplications in the same order as over the sorted list, so the same double.
double NoisyOr(const std::map<double, int64_t>& confidences) {
  double miss = 1.0;
  for (const auto& [confidence, count] : confidences) {
    for (int64_t i = 0; i < count; ++i) miss *= 1.0 - confidence;
  }
  return 1.0 - miss;
}

double ClampConfidence(double confidence) {
  if (std::isnan(confidence)) return 0.0;
  return std::clamp(confidence, 0.0, 0.999);
}

// Resets a cached statement when the caller is done with it, so that no
// half-read statement keeps a read transaction open.
class StatementScope {
 public:
  explicit StatementScope(Statement& statement) : statement_(statement) {}
  ~StatementScope() { statement_.Reset(); }
  StatementScope(const StatementScope&) = delete;
  StatementScope& operator=(const StatementScope&) = delete;

 private:
  Statement& statement_;
};

// An entity as merged so far, cached for the current write transaction.
struct CachedEntity {
  int64_t key = 0;
  std::string name;
  EntityType type = EntityType::kOrganization;
  std::string subtype;
  std::map<std::string, std::string> attributes;
  std::set<std::string> parents;
  std::set<std::string> aliases;
  bool taxonomy = false;
};

// True if merging extracted (not taxonomy) entity `incoming` into `current`
// would change it, by UpsertEntity's rules; a check that copies nothing.
bool ExtractedChanges(const CachedEntity& current, const Entity& incoming) {
  const bool authoritative = current.taxonomy;
  if (!authoritative) {
    if (incoming.name != current.name && BetterName(incoming.name, current.name, incoming.id)) {
      return true;
    }
    if (!incoming.subtype.empty() &&
        (current.subtype.empty() || incoming.subtype < current.subtype)) {
      return true;
    }
  }
  for (const auto& [key, value] : incoming.attributes) {
    auto it = current.attributes.find(key);
    if (it == current.attributes.end()) return true;
    if (!authoritative && value < it->second) return true;
  }
  for (const std::string& parent : incoming.parents) {
    if (current.parents.count(parent) == 0) return true;
  }
  return false;
}

}  // namespace

struct Store::Rep {
  sqlite3* db = nullptr;
  std::string path;
  OpenMode mode = OpenMode::kReadOnly;
  int busy_timeout_ms = 0;  // StoreOptions::busy_timeout_ms
  bool in_batch = false;
  // Inside ReadInParallel's shared read transaction: reads start none of their own.
  bool in_read_snapshot = false;
  bool needs_migration = false;  // set by CheckOrCreateSchema: read-only open of an older file

  // Valid only within a write transaction in which no other connection wrote:
  // cleared on rollback and when PRAGMA data_version changes.
  std::unordered_map<std::string, CachedEntity> entity_cache;
  // vocabulary keys by domain + '\n' + name; same validity as entity_cache.
  std::unordered_map<std::string, int64_t> vocabulary_cache;
  // The `rule` domain's keys by name, looked up by view (one per evidence row).
  struct ViewHash {
    using is_transparent = void;
    size_t operator()(std::string_view name) const { return std::hash<std::string_view>()(name); }
  };
  std::unordered_map<std::string, int64_t, ViewHash, std::equal_to<>> rule_keys;
  // The same for the enum domains, indexed by enum value (0: not looked up).
  std::array<int64_t, 32> relation_type_keys{};
  std::array<int64_t, 16> modality_keys{};
  std::array<int64_t, 16> evidence_kind_keys{};
  // Changes to entity_counts.mentions and .relations not written yet: of
  // the transaction (written once per entity at commit, not once per document).
  struct CountDeltas {
    int64_t mentions = 0;
    int64_t relations = 0;
  };
  std::unordered_map<int64_t, CountDeltas> mention_deltas;
  // mention_deltas' non-zero rows in key order while the commit writes them
  // (what corpgraph_count_deltas lists on this connection).
  CountDeltaRows count_delta_rows;
  // Evidence rows of the open write transaction, not in the table yet: the
  // commit inserts them first thing (FlushPendingRows), sorted, through
  // corpgraph_pending_evidence. Each row's relation and sentence rows exist
  // already. A document replaced in the same transaction takes its rows out.
  PendingEvidenceRows pending_evidence;
  // Relations the open write transaction created, not in the table yet: in
  // key order, inserted at commit (FlushPendingRows) before the evidence.
  PendingRelationRows pending_relations;
  // Sentence rows the open write transaction added, not in the table yet: in
  // key order, inserted at commit (FlushPendingRows) first. A document
  // replaced in the same transaction takes its rows out.
  PendingSentenceRows pending_sentences;
  // Aliases the open write transaction gave entities, not in the table yet:
  // inserted at commit (FlushPendingRows), sorted, first. Entities are never
  // deleted before that, and their cached aliases include these.
  PendingAliasRows pending_aliases;
  // The key the next sentence gets: what SQLite would give a row inserted now
  // (the largest of the table's and pending_sentences' keys + 1); 0 until read
  // in the transaction, and again after a sentence is deleted.
  int64_t next_sentence_key = 0;
  int64_t data_version = -1;
  // Relations whose evidence changed since their aggregates were computed.
  // (With repeats: sorted and made unique when flushed; a set cost more.)
  std::vector<int64_t> touched_relations;
  // What the transaction only added to a relation: the evidence days' range,
  // the (clamped) confidences, whether any of it has attributes and whether
  // the transaction inserted the relation. A relation
  // with added evidence only and no attributes among it is recomputed from
  // its confidences alone (RecomputeAddedRelation): its attributes cannot
  // change, and its dates only widen. One the transaction inserted has no
  // other evidence, so that needs no read at all.
  // An evidence row of a relation the transaction inserted: what
  // RecomputeRelation orders a relation's evidence by, and its attributes.
  struct AddedRow {
    std::string day;  // the evidence's date, else the document's
    std::string doc_id;
    int64_t sentence_start = 0;
    int64_t subj_offset = 0;
    int64_t obj_offset = 0;
    std::string rule;
    int64_t key = 0;
    std::string attributes;  // as stored (EncodeStringMap), empty when none
    auto SortKey() const {
      return std::tie(day, doc_id, sentence_start, subj_offset, obj_offset, rule, key);
    }
  };
  struct AddedEvidence {
    std::string first_seen;
    std::string last_seen;
    std::vector<double> confidences;
    std::vector<AddedRow> rows;  // only while the relation is one the transaction inserted
    bool attributes = false;
    bool created = false;
    void AddDay(std::string_view day) {
      if (day.empty()) return;
      if (first_seen.empty() || day < first_seen) first_seen = day;
      if (last_seen.empty() || day > last_seen) last_seen = day;
    }
    void Add(const AddedEvidence& other) {
      attributes = attributes || other.attributes;
      created = created || other.created;
      confidences.insert(confidences.end(), other.confidences.begin(), other.confidences.end());
      rows.insert(rows.end(), other.rows.begin(), other.rows.end());
      AddDay(other.first_seen);
      AddDay(other.last_seen);
    }
  };
  std::unordered_map<int64_t, AddedEvidence> added_evidence;
  // Relations with many evidence rows as last committed: their confidences
  // (value -> count, ascending, which is the order NoisyOr multiplies in) and
  // dates, so that one gaining evidence in every batch (a lexicon fact) is not
  // read back every time. Same validity as entity_cache; written only by
  // FlushAggregates, whose failure rolls the transaction back and drops it.
  struct RelationAggregate {
    std::map<double, int64_t> confidences;
    int64_t count = 0;
    std::string first_seen;
    std::string last_seen;
  };
  std::unordered_map<int64_t, RelationAggregate> relation_cache;
  // Every relation's key by (subject, type, object, modality): how the writer
  // finds a fact's relation, and what keeps those four columns unique since v7
  // dropped the UNIQUE index. Read from the table when a write transaction
  // first needs it (LoadKnownRelations); same validity as entity_cache, and
  // kept in step with the transaction's inserts and deletes.
  struct RelationId {
    int64_t subject = 0;
    int64_t type = 0;
    int64_t object = 0;
    int64_t modality = 0;
    bool operator==(const RelationId&) const = default;
  };
  struct RelationIdHash {
    size_t operator()(const RelationId& id) const {
      uint64_t h = static_cast<uint64_t>(id.subject) * 0x9e3779b97f4a7c15ull;
      h ^= static_cast<uint64_t>(id.object) + 0xc2b2ae3d27d4eb4full + (h << 6) + (h >> 2);
      h ^= (static_cast<uint64_t>(id.type) << 32 | static_cast<uint64_t>(id.modality)) +
           0x165667b19e3779f9ull + (h << 6) + (h >> 2);
      h ^= h >> 31;
      h *= 0x94d049bb133111ebull;
      return static_cast<size_t>(h ^ (h >> 29));
    }
  };
  std::unordered_map<RelationId, int64_t, RelationIdHash> known_relations;
  bool known_relations_loaded = false;
  // The key the next relation this transaction creates gets: what SQLite would
  // choose for a row inserted without one (the largest key + 1), read at the
  // transaction's first new relation (0 until then). Nothing deletes relations
  // before the commit, so the keys it hands out are the ones SQLite would, in
  // order; handing them out before the rows exist lets PutDocumentContent
  // insert each new relation beside its first evidence row, attributes and all.
  int64_t next_relation_key = 0;
  // Relations that lost evidence in this transaction (always fully recomputed).
  std::set<int64_t> replaced_relations;
  // Entities that may have lost their last mention or relation.
  std::set<int64_t> touched_entities;
  // The key the next evidence row gets (metadata `next_evidence_key`, loaded
  // on first use in a write transaction, 0 until then), and whether this
  // transaction took keys, so the metadata row must be written at commit.
  int64_t next_evidence_key = 0;
  bool evidence_keys_taken = false;
  // Sentence rows inserted in this transaction and not yet in sentence_fts, with
  // their text (what the commit indexes).
  std::map<int64_t, std::string> unindexed_sentences;
  // The sentence codec once the store has a dictionary (which never changes
  // once committed). codec_uncommitted: made by the open write transaction,
  // dropped if that rolls back. dictionary_absent: looked up in this write
  // transaction and there was none.
  // Shared with the SentencePackers made from it (sentence_packer), which other
  // threads use; `packer` is the one made from the current codec, if any.
  std::shared_ptr<const TextCodec> codec;
  std::shared_ptr<const SentencePacker> packer;
  bool codec_uncommitted = false;
  bool dictionary_absent = false;
  // The open write transaction stored a document or taxonomy nodes: its
  // commit bumps metadata `generation` (once, whatever it wrote).
  bool graph_written = false;

  // Cached statements, prepared on first use.
  Statement data_version_stmt;
  Statement document_hash;
  Statement document_exists;
  Statement insert_document;
  Statement update_document;
  Statement document_relation_keys;
  Statement document_sentences;
  Statement document_mentions;
  Statement update_entity_mentions;
  Statement select_vocabulary;
  Statement insert_vocabulary;
  Statement fts_delete;
  Statement fts_index;
  Statement delete_document_sentences;
  Statement delete_document_evidence;
  Statement delete_document_mentions;
  Statement select_entity;
  Statement select_entity_aliases;
  Statement insert_entity;
  Statement update_entity;
  Statement insert_mention;
  Statement insert_pending_evidence;
  Statement insert_pending_relations;
  Statement insert_pending_sentences;
  Statement insert_pending_aliases;
  Statement relation_evidence;
  Statement update_relation;
  Statement relation_confidences;
  Statement relation_dates;
  Statement update_relation_counts;
  Statement relation_endpoints;
  Statement delete_relation;
  Statement collect_entity;
  Statement get_metadata;
  Statement get_metadata_in_write;
  Statement set_metadata;
  Statement set_next_evidence_key;
  Statement select_dictionary;
  // Read side: an exposure answer calls EvidenceFor once per hop, and
  // preparing its five-way join cost more than running it.
  Statement evidence_for;
  Statement search_evidence;

  ~Rep() {
    // close_v2 defers the close until the member statements are finalized.
    if (db != nullptr) {
      if (in_batch) sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
      sqlite3_close_v2(db);
    }
  }

  // Prepares `statement` from `sql` on first use and resets it.
  Status Use(Statement& statement, const char* sql) {
    if (!statement.prepared()) RETURN_IF_ERROR(statement.Prepare(db, path, sql));
    statement.Reset();
    return Status::Ok();
  }

  Status Exec(const char* sql) { return ExecSql(db, path, sql); }

  Status RequireWritable(std::string_view what) const {
    if (mode == OpenMode::kReadWrite) return Status::Ok();
    return FailedPreconditionError(path + ": opened read-only (cannot " + std::string(what) + ")");
  }

  void DropKnownRelations() {
    known_relations = {};
    known_relations_loaded = false;
  }

  void DropVocabulary() {
    vocabulary_cache.clear();
    rule_keys.clear();
    relation_type_keys.fill(0);
    modality_keys.fill(0);
    evidence_kind_keys.fill(0);
  }

  // Looks up an enum's vocabulary key through `slots` (by enum value).
  template <size_t N>
  Result<int64_t> EnumKey(std::array<int64_t, N>& slots, size_t index, const char* domain,
                          std::string_view name) {
    if (index < N && slots[index] != 0) return slots[index];
    ASSIGN_OR_RETURN(int64_t key, VocabularyKey(domain, name));
    if (index < N) slots[index] = key;
    return key;
  }

  void DropWriteState() {
    graph_written = false;
    next_relation_key = 0;
    added_evidence.clear();
    replaced_relations.clear();
    next_evidence_key = 0;
    evidence_keys_taken = false;
    if (codec_uncommitted) {
      codec.reset();
      packer.reset();
    }
    codec_uncommitted = false;
    dictionary_absent = false;
    entity_cache.clear();
    relation_cache.clear();
    DropKnownRelations();
    mention_deltas.clear();
    DropVocabulary();
    touched_relations.clear();
    touched_entities.clear();
    unindexed_sentences.clear();
    pending_evidence.clear();
    pending_relations.clear();
    pending_sentences.clear();
    pending_aliases.clear();
    next_sentence_key = 0;
  }

  // The row pending_sentences holds under `key`, or null.
  PendingSentenceRow* FindPendingSentence(int64_t key) {
    auto it = std::lower_bound(
        pending_sentences.begin(), pending_sentences.end(), key,
        [](const PendingSentenceRow& row, int64_t wanted) { return row.key < wanted; });
    return it != pending_sentences.end() && it->key == key ? &*it : nullptr;
  }

  // Inserts pending_aliases, pending_sentences, pending_relations, then pending_evidence into their
  // tables (before anything reads them in the transaction: the commit's aggregates, a read inside a
  // batch).
  Status FlushPendingRows() {
    if (!pending_aliases.empty()) {
      std::sort(pending_aliases.begin(), pending_aliases.end());
      RETURN_IF_ERROR(Use(insert_pending_aliases, kInsertPendingAliasesSql));
      StatementScope scope(insert_pending_aliases);
      const Status inserted = insert_pending_aliases.Run();
      pending_aliases.clear();
      RETURN_IF_ERROR(inserted);
    }
    if (!pending_sentences.empty()) {
      RETURN_IF_ERROR(Use(insert_pending_sentences, kInsertPendingSentencesSql));
      StatementScope scope(insert_pending_sentences);
      const Status inserted = insert_pending_sentences.Run();
      pending_sentences.clear();
      RETURN_IF_ERROR(inserted);
    }
    if (!pending_relations.empty()) {
      RETURN_IF_ERROR(Use(insert_pending_relations, kInsertPendingRelationsSql));
      StatementScope scope(insert_pending_relations);
      const Status inserted = insert_pending_relations.Run();
      const int64_t expected_last = pending_relations.back().key;
      const auto expected_count = static_cast<int64_t>(pending_relations.size());
      pending_relations.clear();
      RETURN_IF_ERROR(inserted);
      if (sqlite3_last_insert_rowid(db) != expected_last ||
          sqlite3_changes64(db) != expected_count) {
        return InternalError(path + ": relations up to " + std::to_string(expected_last) +
                             " were stored up to " + std::to_string(sqlite3_last_insert_rowid(db)));
      }
    }
    if (pending_evidence.empty()) return Status::Ok();
    std::sort(pending_evidence.begin(), pending_evidence.end(),
              [](const PendingEvidenceRow& a, const PendingEvidenceRow& b) {
                return a.PrimaryKey() < b.PrimaryKey();
              });
    RETURN_IF_ERROR(Use(insert_pending_evidence, kInsertPendingEvidenceSql));
    StatementScope scope(insert_pending_evidence);
    const Status inserted = insert_pending_evidence.Run();
    pending_evidence.clear();
    return inserted;
  }

  // For a read inside an open batch: its pending rows go into the tables
  // first. A failure rolls the batch back, as a failed PutDocument does.
  Status FlushPendingRowsForRead() {
    if (!in_batch || (pending_evidence.empty() && pending_relations.empty() &&
                      pending_sentences.empty() && pending_aliases.empty())) {
      return Status::Ok();
    }
    Status status = FlushPendingRows();
    if (!status.ok()) {
      if (sqlite3_get_autocommit(db) == 0) sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
      in_batch = false;
      DropWriteState();
    }
    return status;
  }

  // Starts a write transaction, dropping the entity cache if another
  // connection committed since we last looked.
  Status BeginWrite() {
    RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE"));
    dictionary_absent = false;
    next_relation_key = 0;  // the last commit may have deleted the largest
    next_sentence_key = 0;
    next_evidence_key = 0;  // another connection may have taken keys since
    evidence_keys_taken = false;
    Status status = Use(data_version_stmt, "PRAGMA data_version");
    if (status.ok()) {
      StatementScope scope(data_version_stmt);
      Result<bool> row = data_version_stmt.Step();
      if (!row.ok()) {
        status = row.status();
      } else if (*row) {
        const int64_t version = data_version_stmt.ColumnInt(0);
        if (version != data_version) {
          entity_cache.clear();
          relation_cache.clear();
          DropKnownRelations();
          DropVocabulary();
        }
        data_version = version;
      }
    }
    if (!status.ok()) {
      sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
      DropWriteState();
    }
    return status;
  }

  // Recomputes aggregates, drops what lost its last evidence, and commits.
  // On failure everything since BeginWrite is rolled back.
  Status CommitWrite() {
    Status status = FlushAggregates();
    if (status.ok() && graph_written) status = BumpGeneration();
    if (status.ok()) status = Exec("COMMIT");
    if (!status.ok()) {
      sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
      DropWriteState();
      return status;
    }
    codec_uncommitted = false;
    graph_written = false;
    return status;
  }

  // The sentence codec, loading the dictionary on first use; nullptr while the
  // store has none.
  Result<const TextCodec*> Codec() {
    if (codec) return codec.get();
    RETURN_IF_ERROR(Use(select_dictionary, "SELECT data FROM text_dictionary WHERE key = 1"));
    StatementScope scope(select_dictionary);
    ASSIGN_OR_RETURN(bool row, select_dictionary.Step());
    if (!row) return static_cast<const TextCodec*>(nullptr);
    codec = std::make_shared<const TextCodec>(std::string(select_dictionary.ColumnBlob(0)));
    packer.reset();
    return codec.get();
  }

  // What the writer stores in sentences.text: the compressed form when there
  // is a dictionary and it is smaller, else the text. `prepacked`: the
  // StoredSentence of `text` made on another thread with the current codec
  // (PutDocumentContent checks which codec), or null.
  Status BindSentence(Statement& statement, int index, std::string_view text,
                      const std::string* prepacked) {
    if (!codec && !dictionary_absent) {
      ASSIGN_OR_RETURN(const TextCodec* found, Codec());
      dictionary_absent = found == nullptr;
    }
    if (codec) {
      const std::string packed = prepacked != nullptr ? *prepacked : StoredSentence(*codec, text);
      if (!packed.empty()) {
        statement.BindBlob(index, packed);
        return Status::Ok();
      }
    }
    statement.BindText(index, text);
    return Status::Ok();
  }

  // What BindSentence would bind: the stored value and whether it is a BLOB.
  Status StoredSentenceValue(std::string_view text, const std::string* prepacked,
                             PendingSentenceRow& row) {
    if (!codec && !dictionary_absent) {
      ASSIGN_OR_RETURN(const TextCodec* found, Codec());
      dictionary_absent = found == nullptr;
    }
    if (codec) {
      row.text = prepacked != nullptr ? *prepacked : StoredSentence(*codec, text);
      if (!row.text.empty()) {
        row.packed = true;
        return Status::Ok();
      }
    }
    row.text = std::string(text);
    row.packed = false;
    return Status::Ok();
  }

  // A sentences.text value: TEXT as it is, a BLOB decompressed.
  Result<std::string> SentenceText(sqlite3_stmt* statement, int column) {
    if (sqlite3_column_type(statement, column) != SQLITE_BLOB) {
      return std::string(ColumnView(statement, column));
    }
    const auto* data = static_cast<const char*>(sqlite3_column_blob(statement, column));
    const std::string packed(data, static_cast<size_t>(sqlite3_column_bytes(statement, column)));
    return DecodeSentence(packed);
  }

  Result<std::string> DecodeSentence(std::string_view packed) {
    if (packed.empty() || packed[0] != kPackedText) {
      return DataLossError(path + ": a sentence is stored in an unknown format (corrupt file?)");
    }
    ASSIGN_OR_RETURN(const TextCodec* text_codec, Codec());
    if (text_codec == nullptr) {
      return DataLossError(path + ": a sentence is compressed but the text dictionary is missing");
    }
    std::optional<std::string> text = text_codec->Decompress(packed.substr(1));
    if (!text) return DataLossError(path + ": a compressed sentence is unreadable (corrupt file?)");
    return std::move(*text);
  }

  // SQL corpgraph_text(x): sentences.text as text (for the FTS index).
  static void TextFunction(sqlite3_context* context, int, sqlite3_value** values) {
    auto* rep = static_cast<Rep*>(sqlite3_user_data(context));
    if (sqlite3_value_type(values[0]) != SQLITE_BLOB) {
      sqlite3_result_value(context, values[0]);
      return;
    }
    const std::string packed(static_cast<const char*>(sqlite3_value_blob(values[0])),
                             static_cast<size_t>(sqlite3_value_bytes(values[0])));
    Result<std::string> text = rep->DecodeSentence(packed);
    if (!text.ok()) {
      sqlite3_result_error(context, text.status().ToString().c_str(), -1);
      return;
    }
    sqlite3_result_text(context, text->data(), static_cast<int>(text->size()), SQLITE_TRANSIENT);
  }

  // SQL corpgraph_unindexed_text(key): the text of a sentence this transaction
  // wrote and has not indexed yet (kIndexPendingSql); an error for any other key.
  static void UnindexedTextFunction(sqlite3_context* context, int, sqlite3_value** values) {
    auto* rep = static_cast<Rep*>(sqlite3_user_data(context));
    const auto it = rep->unindexed_sentences.find(sqlite3_value_int64(values[0]));
    if (it == rep->unindexed_sentences.end()) {
      sqlite3_result_error(context, "corpgraph_unindexed_text: not a sentence awaiting indexing",
                           -1);
      return;
    }
    // The map does not change while the statement runs.
    sqlite3_result_text(context, it->second.data(), static_cast<int>(it->second.size()),
                        SQLITE_STATIC);
  }

  // SQL corpgraph_pack(text): what BindSentence would store (the migration).
  static void PackFunction(sqlite3_context* context, int, sqlite3_value** values) {
    auto* rep = static_cast<Rep*>(sqlite3_user_data(context));
    if (sqlite3_value_type(values[0]) != SQLITE_TEXT || !rep->codec) {
      sqlite3_result_value(context, values[0]);
      return;
    }
    const std::string_view text(reinterpret_cast<const char*>(sqlite3_value_text(values[0])),
                                static_cast<size_t>(sqlite3_value_bytes(values[0])));
    const std::string packed = StoredSentence(*rep->codec, text);
    if (packed.empty()) {
      sqlite3_result_value(context, values[0]);
      return;
    }
    sqlite3_result_blob(context, packed.data(), static_cast<int>(packed.size()), SQLITE_TRANSIENT);
  }

  Status CheckOrCreateSchema();
  // Runs `steps` in one write transaction with foreign keys off, taking the
  // file from schema version `from` to the next (nothing if another process
  // did meanwhile), with a foreign key check before commit; any failure rolls
  // back and leaves the file as it was.
  Status RunMigration(int from, const std::function<Status()>& steps);
  Result<int64_t> TakeEvidenceKey();
  Result<int64_t> TakeSentenceKey();
  Result<int64_t> TakeRelationKey();
  Status MigrateV1ToV2();
  Status MigrateV2ToV3();
  Status MigrateV3ToV4();
  Status MigrateV4ToV5();
  Status MigrateV5ToV6();
  Status MigrateV6ToV7();
  Status MigrateV7ToV8();
  // Runs kSchemaV5Sql and creates the generation triggers (inside the caller's
  // transaction).
  Status AddV5Schema() {
    RETURN_IF_ERROR(Exec(kSchemaV5Sql));
    return Exec(GenerationTriggersSql().c_str());
  }
  // Runs kSchemaV6Sql and, if the full-text index is v5's contentless one,
  // replaces it with v6's (kFullTextV6Sql), indexing every sentence again
  // (inside the caller's transaction).
  Status AddV6Schema() {
    bool has_relations = false;
    {
      Statement columns;
      RETURN_IF_ERROR(columns.Prepare(
          db, path,
          "SELECT count(*) FROM pragma_table_info('sentences') WHERE name = 'relations'"));
      ASSIGN_OR_RETURN(bool row, columns.Step());
      has_relations = row && columns.ColumnInt(0) > 0;
    }
    if (!has_relations) RETURN_IF_ERROR(Exec(kEvidenceV6Sql));
    RETURN_IF_ERROR(Exec(kSchemaV6Sql));
    bool current = false;
    {
      Statement fts;
      RETURN_IF_ERROR(
          fts.Prepare(db, path, "SELECT sql FROM sqlite_master WHERE name = 'sentence_fts'"));
      ASSIGN_OR_RETURN(bool row, fts.Step());
      current = row && fts.ColumnText(0).find("sentence_text") != std::string::npos;
    }
    return current ? Status::Ok() : Exec(kFullTextV6Sql);
  }
  // Runs kSchemaV7Sql and puts back the triggers that went with v6's
  // `relations` table, plus the uniqueness triggers (inside the caller's
  // transaction).
  Status AddV7Schema() {
    RETURN_IF_ERROR(Exec(kSchemaV7Sql));
    RETURN_IF_ERROR(Exec(GenerationTriggersSql().c_str()));
    return Exec(kRelationUniqueTriggersSql);
  }
  // Runs kSchemaV8Sql (inside the caller's transaction).
  Status AddV8Schema() { return Exec(kSchemaV8Sql); }
  // Sets FTS5's automerge and crisismerge on sentence_fts (inside the caller's
  // write transaction).
  Status SetIndexMerges(int64_t automerge, int64_t crisismerge) {
    const std::string sql = "INSERT INTO sentence_fts(sentence_fts, rank) VALUES ('automerge', " +
                            std::to_string(automerge) +
                            "); INSERT INTO sentence_fts(sentence_fts, rank) VALUES " +
                            "('crisismerge', " + std::to_string(crisismerge) + ")";
    return Exec(sql.c_str());
  }
  // The metadata row kDeferredMergesKey, if any (the automerge and crisismerge
  // values to put back).
  Result<std::optional<std::string>> DeferredMerges() {
    Statement select;
    RETURN_IF_ERROR(select.Prepare(db, path, "SELECT value FROM metadata WHERE key = ?1"));
    select.BindText(1, kDeferredMergesKey);
    ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) return std::optional<std::string>();
    return std::optional<std::string>(select.ColumnText(0));
  }
  Status ResumeIndexMerges(bool unless_locked);
  // metadata `generation` + 1 (inside the caller's write transaction).
  Status BumpGeneration() {
    return Exec("UPDATE metadata SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'");
  }
  Status MaybeCreateDictionary();
  Result<int64_t> VocabularyKey(const char* domain, std::string_view name);
  Result<int64_t> UpsertEntity(const Entity& entity, bool taxonomy);
  Result<CachedEntity*> FindEntity(const std::string& id);
  Status DeleteDocumentContent(int64_t doc_key);
  Status PutDocumentContent(const Document& doc, const Extraction& extraction,
                            const PackedSentences* packed);
  Status FlushAggregates();
  Status LoadKnownRelations();
  Status RecomputeRelation(int64_t relation_key);
  Status RecomputeAddedRelation(int64_t relation_key, const AddedEvidence& added);
  Status RecomputeCreatedRelation(int64_t relation_key, AddedEvidence& added);
  Status WriteRelation(int64_t relation_key, const std::map<std::string, std::string>& attributes,
                       std::vector<double>& confidences, const std::string& first_seen,
                       const std::string& last_seen);
  Result<std::vector<EvidenceRecord>> ReadEvidence(Statement& statement, int limit);
};

Store::Store(std::unique_ptr<Rep> rep) : rep_(std::move(rep)) {}
Store::~Store() = default;

const std::string& Store::path() const { return rep_->path; }

Result<std::unique_ptr<Store>> Store::Open(const std::string& path, OpenMode mode) {
  return Open(path, mode, StoreOptions{});
}

Result<std::unique_ptr<Store>> Store::Open(const std::string& path, OpenMode mode,
                                           const StoreOptions& options) {
  const bool memory = IsMemoryPath(path);
  if (!memory) {
    std::error_code error;
    const bool exists = std::filesystem::exists(path, error);
    if (mode == OpenMode::kReadOnly && !exists) {
      return NotFoundError(path + ": does not exist (use 'corpgraph build' to create it)");
    }
    if (exists && std::filesystem::is_directory(path, error)) {
      return InvalidArgumentError(path + ": is a directory (expected a corpgraph database file)");
    }
  }
  // Before SQLite initialises (the first open of the process): no memory
  // statistics, whose global mutex every sqlite3_malloc and sqlite3_free took
  // (about 5% of the writer's instructions). Nothing reads them. Too late
  // (SQLITE_MISUSE) if something opened a database first, which is harmless.
  static const int memory_statistics_off = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  (void)memory_statistics_off;
  auto rep = std::make_unique<Rep>();
  rep->path = path.empty() ? ":memory:" : path;
  rep->mode = mode;
  const int flags = (mode == OpenMode::kReadOnly ? SQLITE_OPEN_READONLY
                                                 : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
                    SQLITE_OPEN_NOMUTEX | (path.rfind("file:", 0) == 0 ? SQLITE_OPEN_URI : 0);
  const int rc = sqlite3_open_v2(rep->path.c_str(), &rep->db, flags, nullptr);
  if (rc != SQLITE_OK) return SqliteStatus(rep->db, rc, rep->path);
  sqlite3_extended_result_codes(rep->db, 1);
  rep->busy_timeout_ms = std::max(0, options.busy_timeout_ms);
  sqlite3_busy_timeout(rep->db, rep->busy_timeout_ms);
  RETURN_IF_ERROR(rep->Exec("PRAGMA foreign_keys = ON"));
  // The generation triggers are for other programs' writes: this connection
  // bumps the generation once per commit instead (CommitWrite).
  if (sqlite3_db_config(rep->db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, nullptr) != SQLITE_OK) {
    return InternalError(rep->path + ": disabling triggers: " + sqlite3_errmsg(rep->db));
  }
  for (const auto& [name, function] : {std::pair{"corpgraph_text", &Rep::TextFunction},
                                       {"corpgraph_pack", &Rep::PackFunction},
                                       {"corpgraph_unindexed_text", &Rep::UnindexedTextFunction}}) {
    if (sqlite3_create_function(rep->db, name, 1, SQLITE_UTF8, rep.get(), function, nullptr,
                                nullptr) != SQLITE_OK) {
      return InternalError(rep->path + ": registering " + name + ": " + sqlite3_errmsg(rep->db));
    }
  }
  if (sqlite3_create_module_v2(rep->db, "corpgraph_count_deltas", &CountDeltasTable::kModule,
                               &rep->count_delta_rows, nullptr) != SQLITE_OK) {
    return InternalError(rep->path +
                         ": registering corpgraph_count_deltas: " + sqlite3_errmsg(rep->db));
  }
  if (sqlite3_create_module_v2(rep->db, "corpgraph_pending_aliases", &PendingAliasesTable::kModule,
                               &rep->pending_aliases, nullptr) != SQLITE_OK) {
    return InternalError(rep->path +
                         ": registering corpgraph_pending_aliases: " + sqlite3_errmsg(rep->db));
  }
  if (sqlite3_create_module_v2(rep->db, "corpgraph_pending_sentences",
                               &PendingSentencesTable::kModule, &rep->pending_sentences,
                               nullptr) != SQLITE_OK) {
    return InternalError(rep->path +
                         ": registering corpgraph_pending_sentences: " + sqlite3_errmsg(rep->db));
  }
  if (sqlite3_create_module_v2(rep->db, "corpgraph_pending_relations",
                               &PendingRelationsTable::kModule, &rep->pending_relations,
                               nullptr) != SQLITE_OK) {
    return InternalError(rep->path +
                         ": registering corpgraph_pending_relations: " + sqlite3_errmsg(rep->db));
  }
  if (sqlite3_create_module_v2(rep->db, "corpgraph_pending_evidence",
                               &PendingEvidenceTable::kModule, &rep->pending_evidence,
                               nullptr) != SQLITE_OK) {
    return InternalError(rep->path +
                         ": registering corpgraph_pending_evidence: " + sqlite3_errmsg(rep->db));
  }
  for (const auto& [name, arguments, function] :
       {std::tuple{"corpgraph_milli", 1, &MilliFunction},
        {"corpgraph_evidence", 2, &EvidenceFunction},
        {"corpgraph_evidence_fields", 7, &EvidenceFieldsFunction}}) {
    if (sqlite3_create_function(rep->db, name, arguments, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                nullptr, function, nullptr, nullptr) != SQLITE_OK) {
      return InternalError(rep->path + ": registering " + name + ": " + sqlite3_errmsg(rep->db));
    }
  }
  Status schema = rep->CheckOrCreateSchema();
  if (!schema.ok() && rep->needs_migration && !memory) {
    // An older file opened read-only: migrate it once through a read-write
    // connection (one transaction, nothing lost), then open it as asked.
    rep.reset();
    Result<std::unique_ptr<Store>> writer = Open(path, OpenMode::kReadWrite, options);
    if (!writer.ok()) return schema.WithContext(writer.status().ToString());
    writer->reset();
    return Open(path, mode, options);
  }
  RETURN_IF_ERROR(schema);
  if (mode == OpenMode::kReadWrite) {
    // A run that deferred full-text merges died before compacting (kill -9,
    // a crash, an error): its file is correct, only its index has more segments
    // than usual. Merging is switched back on here, unless another connection
    // is writing (that run may still be going; its Compact restores it).
    RETURN_IF_ERROR(rep->ResumeIndexMerges(/*unless_locked=*/true));
  }
  return std::unique_ptr<Store>(new Store(std::move(rep)));
}

Status Store::Rep::CheckOrCreateSchema() {
  // The first read is where SQLite notices a file that is not a database.
  // SQLite may notice it while preparing (reading the schema) or stepping.
  int64_t objects = 0;
  {
    Statement count;
    Status status = count.Prepare(db, path, "SELECT count(*) FROM sqlite_master");
    if (status.ok()) {
      Result<bool> row = count.Step();
      if (row.ok()) {
        objects = count.ColumnInt(0);
      } else {
        status = row.status();
      }
    }
    if (status.code() == StatusCode::kDataLoss) {
      return DataLossError(path + ": not a corpgraph database (" + std::string(sqlite3_errmsg(db)) +
                           ")");
    }
    RETURN_IF_ERROR(status);
  }
  if (objects == 0) {
    if (mode == OpenMode::kReadOnly) {
      return DataLossError(path + ": not a corpgraph database (the file holds no tables)");
    }
    if (!IsMemoryPath(path)) RETURN_IF_ERROR(Exec("PRAGMA journal_mode = WAL"));
    RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE"));
    Status status = Exec(kSchemaV4Sql);
    if (status.ok()) status = AddV5Schema();
    if (status.ok()) status = AddV6Schema();
    if (status.ok()) status = AddV7Schema();
    if (status.ok()) status = AddV8Schema();
    if (status.ok()) status = Exec("COMMIT");
    if (!status.ok()) {
      sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
      return status.WithContext("creating the schema");
    }
  }
  Statement version;
  Status prepared =
      version.Prepare(db, path, "SELECT value FROM metadata WHERE key = 'schema_version'");
  if (!prepared.ok()) {
    return DataLossError(path +
                         ": not a corpgraph database (no metadata table; is it another "
                         "program's SQLite file?)");
  }
  ASSIGN_OR_RETURN(bool has_row, version.Step());
  if (!has_row) {
    return DataLossError(path + ": not a corpgraph database (no schema_version in metadata)");
  }
  const std::string text = version.ColumnText(0);
  int schema_version = 0;
  try {
    schema_version = std::stoi(text);
  } catch (const std::exception&) {
    return DataLossError(path + ": schema_version '" + text + "' is not a number (corrupt file?)");
  }
  if (schema_version > kSchemaVersion) {
    return FailedPreconditionError(path + ": schema version " + std::to_string(schema_version) +
                                   " is newer than this corpgraph supports (" +
                                   std::to_string(kSchemaVersion) + "); upgrade corpgraph");
  }
  if (schema_version < 1) {
    return DataLossError(path + ": schema version " + text + " is invalid (corrupt file?)");
  }
  version.Reset();
  if (schema_version < kSchemaVersion) {
    if (mode == OpenMode::kReadOnly) {
      needs_migration = true;  // Store::Open migrates through a read-write connection
      return FailedPreconditionError(path + ": schema version " + text +
                                     " is older than this corpgraph's (" +
                                     std::to_string(kSchemaVersion) +
                                     ") and the file cannot be opened for writing to migrate it");
    }
    if (schema_version < 2) RETURN_IF_ERROR(MigrateV1ToV2());
    if (schema_version < 3) RETURN_IF_ERROR(MigrateV2ToV3());
    if (schema_version < 4) RETURN_IF_ERROR(MigrateV3ToV4());
    if (schema_version < 5) RETURN_IF_ERROR(MigrateV4ToV5());
    if (schema_version < 6) RETURN_IF_ERROR(MigrateV5ToV6());
    if (schema_version < 7) RETURN_IF_ERROR(MigrateV6ToV7());
    RETURN_IF_ERROR(MigrateV7ToV8());
  }
  if (mode == OpenMode::kReadWrite && !IsMemoryPath(path)) {
    // Already WAL for files we created; a no-op then.
    RETURN_IF_ERROR(Exec("PRAGMA journal_mode = WAL"));
    // WAL + NORMAL: a commit survives a crash of the process; only a power loss
    // can lose the last transactions, never corrupt the file.
    RETURN_IF_ERROR(Exec("PRAGMA synchronous = NORMAL"));
  }
  // A build's batch touches many pages; a small cache spills them to the WAL
  // mid-transaction, which dominated write time. 64 MiB is allocated lazily.
  RETURN_IF_ERROR(Exec("PRAGMA cache_size = -65536"));
  RETURN_IF_ERROR(Exec("PRAGMA temp_store = MEMORY"));
  return Status::Ok();
}

Status Store::Rep::RunMigration(int from, const std::function<Status()>& steps) {
  // foreign_keys cannot change inside a transaction; off so that renaming and
  // dropping the old tables touches no other row.
  RETURN_IF_ERROR(Exec("PRAGMA foreign_keys = OFF"));
  Status status = Exec("BEGIN IMMEDIATE");
  if (status.ok()) {
    auto migrate = [&]() -> Status {
      {
        // Another process may have migrated the file while we waited for the lock.
        Statement version;
        RETURN_IF_ERROR(
            version.Prepare(db, path, "SELECT value FROM metadata WHERE key = 'schema_version'"));
        ASSIGN_OR_RETURN(bool row, version.Step());
        if (!row || version.ColumnText(0) != std::to_string(from)) return Status::Ok();
      }
      RETURN_IF_ERROR(steps());
      Statement check;
      RETURN_IF_ERROR(check.Prepare(db, path, "PRAGMA foreign_key_check"));
      ASSIGN_OR_RETURN(bool dangling, check.Step());
      if (dangling) {
        return DataLossError(path + ": table '" + check.ColumnText(0) +
                             "' has a row whose reference is missing (corrupt v" +
                             std::to_string(from) + " file?)");
      }
      return Status::Ok();
    };
    status = migrate();
    if (status.ok()) status = Exec("COMMIT");
    if (!status.ok()) sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
  }
  Status restored = Exec("PRAGMA foreign_keys = ON");
  if (!status.ok()) {
    return status.WithContext("migrating schema version " + std::to_string(from) + " to " +
                              std::to_string(from + 1));
  }
  return restored;
}

Status Store::Rep::MigrateV1ToV2() {
  return RunMigration(1, [&]() -> Status {
    if (sqlite3_create_function(db, "day_number", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr,
                                DayNumberFunction, nullptr, nullptr) != SQLITE_OK) {
      return InternalError(path + ": registering day_number: " + sqlite3_errmsg(db));
    }
    RETURN_IF_ERROR(Exec(kMigrateV1PrepareSql));
    RETURN_IF_ERROR(Exec(kSchemaV2Sql));
    RETURN_IF_ERROR(Exec(kMigrateV1CopySql));
    {
      // Hex hashes become 32-byte BLOBs.
      Statement select;
      RETURN_IF_ERROR(select.Prepare(db, path, "SELECT key, sha256 FROM documents"));
      Statement update;
      RETURN_IF_ERROR(update.Prepare(db, path, "UPDATE documents SET sha256 = ?2 WHERE key = ?1"));
      std::vector<std::pair<int64_t, std::string>> packed;
      while (true) {
        ASSIGN_OR_RETURN(bool row, select.Step());
        if (!row) break;
        std::string bytes = PackHash(select.ColumnText(1));
        if (!bytes.empty()) packed.emplace_back(select.ColumnInt(0), std::move(bytes));
      }
      for (const auto& [key, bytes] : packed) {
        update.Reset();
        update.BindInt(1, key);
        update.BindBlob(2, bytes);
        RETURN_IF_ERROR(update.Run());
      }
    }
    {
      // One mentions row per (document, entity); entities count their mentions.
      Statement select;
      RETURN_IF_ERROR(
          select.Prepare(db, path,
                         "SELECT d.key, m.entity_key, m.start, m.\"end\" FROM v1_mentions m "
                         "JOIN documents d ON d.id = m.doc_id ORDER BY d.key, m.entity_key"));
      Statement insert;
      RETURN_IF_ERROR(insert.Prepare(
          db, path, "INSERT INTO mentions(doc_key, entity_key, spans) VALUES (?1, ?2, ?3)"));
      std::map<int64_t, int64_t> counts;
      std::pair<int64_t, int64_t> current{-1, -1};
      std::vector<std::pair<int64_t, int64_t>> spans;
      auto flush = [&]() -> Status {
        if (spans.empty()) return Status::Ok();
        counts[current.second] += static_cast<int64_t>(spans.size());
        insert.Reset();
        insert.BindInt(1, current.first);
        insert.BindInt(2, current.second);
        insert.BindBlob(3, PackSpans(std::move(spans)));
        spans.clear();
        return insert.Run();
      };
      while (true) {
        ASSIGN_OR_RETURN(bool row, select.Step());
        if (!row) break;
        const std::pair<int64_t, int64_t> key{select.ColumnInt(0), select.ColumnInt(1)};
        if (key != current) {
          RETURN_IF_ERROR(flush());
          current = key;
        }
        spans.emplace_back(select.ColumnInt(2), select.ColumnInt(3));
      }
      RETURN_IF_ERROR(flush());
      Statement update;
      RETURN_IF_ERROR(update.Prepare(db, path, "UPDATE entities SET mentions = ?2 WHERE key = ?1"));
      for (const auto& [entity_key, count] : counts) {
        update.Reset();
        update.BindInt(1, entity_key);
        update.BindInt(2, count);
        RETURN_IF_ERROR(update.Run());
      }
    }
    return Exec(kMigrateV1FinishSql);
  });
}

Status Store::Rep::MigrateV2ToV3() {
  Status status = RunMigration(2, [&]() -> Status {
    RETURN_IF_ERROR(Exec(kMigrateV2PrepareSql));
    RETURN_IF_ERROR(Exec(kSchemaV3Sql));
    {
      // One mentions row per document: the v2 rows' span blobs, concatenated.
      Statement select;
      RETURN_IF_ERROR(select.Prepare(
          db, path,
          "SELECT doc_key, entity_key, spans FROM v2_mentions ORDER BY doc_key, entity_key"));
      Statement insert;
      RETURN_IF_ERROR(
          insert.Prepare(db, path, "INSERT INTO mentions(doc_key, spans) VALUES (?1, ?2)"));
      std::vector<std::pair<int64_t, std::string>> packed_by_entity;
      RETURN_IF_ERROR(ForEachRun(
          select,
          [&] {
            packed_by_entity.emplace_back(select.ColumnInt(1), std::string(select.ColumnBlob(2)));
          },
          [&](int64_t doc_key) {
            insert.Reset();
            insert.BindInt(1, doc_key);
            insert.BindBlob(2, PackDocumentMentions(packed_by_entity));
            packed_by_entity.clear();
            return insert.Run();
          }));
    }
    RETURN_IF_ERROR(MaybeCreateDictionary());
    return Exec(kMigrateV2FinishSql);
  });
  if (!status.ok() && codec_uncommitted) codec.reset();  // made by the rolled-back migration
  codec_uncommitted = false;
  return status;
}

Status Store::Rep::MigrateV3ToV4() {
  return RunMigration(3, [&]() -> Status {
    RETURN_IF_ERROR(Exec(kMigrateV3PrepareSql));
    RETURN_IF_ERROR(Exec(kSchemaV4Sql));
    RETURN_IF_ERROR(Exec(kMigrateV3CopySql));
    {
      // Each document's sentence keys go into its mentions row (made for a
      // document that had sentences but no mentions).
      Statement select;
      RETURN_IF_ERROR(
          select.Prepare(db, path, "SELECT doc_key, key FROM sentences ORDER BY doc_key, key"));
      Statement upsert;
      RETURN_IF_ERROR(upsert.Prepare(db, path,
                                     "INSERT INTO mentions(doc_key, spans, sentences) "
                                     "VALUES (?1, x'', ?2) ON CONFLICT(doc_key) DO UPDATE "
                                     "SET sentences = excluded.sentences"));
      std::vector<int64_t> sentence_keys;
      return ForEachRun(
          select, [&] { sentence_keys.push_back(select.ColumnInt(1)); },
          [&](int64_t doc_key) {
            upsert.Reset();
            upsert.BindInt(1, doc_key);
            upsert.BindBlob(2, PackKeys(sentence_keys));
            sentence_keys.clear();
            return upsert.Run();
          });
    }
  });
}

// Makes the text dictionary from the first kStoreDictionaryBytes of stored
// sentences once there are that many; until then sentences are stored plain.
// v4 -> v5 adds tables, rows and triggers only: no row of v4 changes.
Status Store::Rep::MigrateV4ToV5() {
  return RunMigration(4, [&]() -> Status { return AddV5Schema(); });
}

// v5 -> v6 stores each attribute map once (kSchemaV6Sql).
Status Store::Rep::MigrateV5ToV6() {
  return RunMigration(5, [&]() -> Status { return AddV6Schema(); });
}

// v6 -> v7 copies `relations` without its UNIQUE index and `evidence` with its
// small columns packed (kSchemaV7Sql).
Status Store::Rep::MigrateV6ToV7() {
  return RunMigration(6, [&]() -> Status { return AddV7Schema(); });
}

// v7 -> v8 moves the entities' mention and relation counts into `entity_counts`
// (kSchemaV8Sql).
Status Store::Rep::MigrateV7ToV8() {
  return RunMigration(7, [&]() -> Status { return AddV8Schema(); });
}

Status Store::Rep::MaybeCreateDictionary() {
  if (codec) return Status::Ok();
  ASSIGN_OR_RETURN(const TextCodec* existing, Codec());
  if (existing != nullptr) return Status::Ok();
  std::string dictionary;
  {
    Statement select;
    RETURN_IF_ERROR(select.Prepare(
        db, path, "SELECT text FROM sentences WHERE typeof(text) = 'text' ORDER BY key"));
    while (dictionary.size() < kStoreDictionaryBytes) {
      ASSIGN_OR_RETURN(bool row, select.Step());
      if (!row) return Status::Ok();  // not enough text yet
      dictionary += ColumnView(select.raw(), 0);
      dictionary.push_back('\n');
    }
  }
  dictionary.resize(kStoreDictionaryBytes);
  Statement insert;
  RETURN_IF_ERROR(
      insert.Prepare(db, path, "INSERT INTO text_dictionary(key, data) VALUES (1, ?1)"));
  insert.BindBlob(1, dictionary);
  RETURN_IF_ERROR(insert.Run());
  codec = std::make_shared<const TextCodec>(std::move(dictionary));
  packer.reset();
  codec_uncommitted = true;
  dictionary_absent = false;
  return Status::Ok();
}

Result<std::optional<std::string>> Store::DocumentHash(std::string_view doc_id) {
  Rep& r = *rep_;
  RETURN_IF_ERROR(r.Use(r.document_hash, "SELECT sha256 FROM documents WHERE id = ?1"));
  StatementScope scope(r.document_hash);
  r.document_hash.BindText(1, doc_id);
  ASSIGN_OR_RETURN(bool row, r.document_hash.Step());
  if (!row) return std::optional<std::string>();
  if (r.document_hash.ColumnIsBlob(0)) {
    return std::optional<std::string>(UnpackHash(r.document_hash.ColumnBlob(0)));
  }
  return std::optional<std::string>(r.document_hash.ColumnText(0));
}

Result<CachedEntity*> Store::Rep::FindEntity(const std::string& id) {
  auto it = entity_cache.find(id);
  if (it != entity_cache.end()) return &it->second;
  RETURN_IF_ERROR(Use(select_entity,
                      "SELECT key, name, type, subtype, attributes, parents, taxonomy "
                      "FROM entities WHERE id = ?1"));
  StatementScope scope(select_entity);
  select_entity.BindText(1, id);
  ASSIGN_OR_RETURN(bool row, select_entity.Step());
  if (!row) return static_cast<CachedEntity*>(nullptr);
  CachedEntity entity;
  entity.key = select_entity.ColumnInt(0);
  entity.name = select_entity.ColumnText(1);
  const std::string type = select_entity.ColumnText(2);
  const std::optional<EntityType> parsed = ParseEntityType(type);
  if (!parsed) return DataLossError(path + ": entity '" + id + "' has unknown type '" + type + "'");
  entity.type = *parsed;
  entity.subtype = select_entity.ColumnText(3);
  Result<std::map<std::string, std::string>> attributes =
      DecodeStringMap(select_entity.ColumnText(4));
  Result<std::vector<std::string>> parents = DecodeStringList(select_entity.ColumnText(5));
  if (!attributes.ok() || !parents.ok()) {
    return DataLossError(path + ": entity '" + id + "' has unreadable attributes or parents");
  }
  entity.attributes = std::move(*attributes);
  entity.parents.insert(parents->begin(), parents->end());
  entity.taxonomy = select_entity.ColumnInt(6) != 0;

  RETURN_IF_ERROR(Use(select_entity_aliases, "SELECT alias FROM aliases WHERE entity_key = ?1"));
  StatementScope alias_scope(select_entity_aliases);
  select_entity_aliases.BindInt(1, entity.key);
  while (true) {
    ASSIGN_OR_RETURN(bool alias_row, select_entity_aliases.Step());
    if (!alias_row) break;
    entity.aliases.insert(select_entity_aliases.ColumnText(0));
  }
  return &entity_cache.emplace(id, std::move(entity)).first->second;
}

Result<int64_t> Store::Rep::UpsertEntity(const Entity& incoming, bool taxonomy) {
  if (incoming.id.empty()) {
    return InvalidArgumentError("entity '" + incoming.name + "': empty id");
  }
  ASSIGN_OR_RETURN(CachedEntity * current, FindEntity(incoming.id));

  std::set<std::string> new_aliases;
  auto add_alias = [&](const std::string& alias, const std::set<std::string>& known) {
    if (alias.empty() || alias == incoming.id || known.count(alias) > 0) return;
    new_aliases.insert(alias);
  };

  if (current == nullptr) {
    CachedEntity entity;
    entity.name = incoming.name.empty() ? incoming.id : incoming.name;
    entity.type = incoming.type;
    entity.subtype = incoming.subtype;
    entity.attributes = incoming.attributes;
    entity.parents.insert(incoming.parents.begin(), incoming.parents.end());
    entity.taxonomy = taxonomy;
    RETURN_IF_ERROR(Use(insert_entity,
                        "INSERT INTO entities(id, name, type, subtype, attributes, parents, "
                        "taxonomy) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"));
    StatementScope scope(insert_entity);
    insert_entity.BindText(1, incoming.id);
    insert_entity.BindText(2, entity.name);
    insert_entity.BindText(3, EntityTypeName(entity.type));
    insert_entity.BindText(4, entity.subtype);
    insert_entity.BindText(5, EncodeStringMap(entity.attributes));
    insert_entity.BindText(6, EncodeStringList({entity.parents.begin(), entity.parents.end()}));
    insert_entity.BindInt(7, taxonomy ? 1 : 0);
    RETURN_IF_ERROR(insert_entity.Run());
    entity.key = sqlite3_last_insert_rowid(db);
    current = &entity_cache.emplace(incoming.id, std::move(entity)).first->second;
    add_alias(incoming.name, current->aliases);
    for (const std::string& alias : incoming.aliases) add_alias(alias, current->aliases);
  } else if (taxonomy || ExtractedChanges(*current, incoming)) {
    CachedEntity merged = *current;
    // Lexicon (taxonomy) values are authoritative over extracted ones; among
    // lexicon writes the later wins (a user lexicon after the defaults).
    const bool incoming_wins = taxonomy;
    const bool current_authoritative = current->taxonomy && !taxonomy;
    if (incoming_wins) {
      if (!incoming.name.empty()) merged.name = incoming.name;
      merged.type = incoming.type;
      if (!incoming.subtype.empty()) merged.subtype = incoming.subtype;
      for (const auto& [key, value] : incoming.attributes) merged.attributes[key] = value;
      merged.taxonomy = true;
    } else {
      if (!current_authoritative) {
        if (BetterName(incoming.name, merged.name, incoming.id)) merged.name = incoming.name;
        if (!incoming.subtype.empty() &&
            (merged.subtype.empty() || incoming.subtype < merged.subtype)) {
          merged.subtype = incoming.subtype;
        }
      }
      for (const auto& [key, value] : incoming.attributes) {
        auto it = merged.attributes.find(key);
        if (it == merged.attributes.end()) {
          merged.attributes.emplace(key, value);
        } else if (!current_authoritative && value < it->second) {
          it->second = value;
        }
      }
    }
    merged.parents.insert(incoming.parents.begin(), incoming.parents.end());
    const bool changed = merged.name != current->name || merged.type != current->type ||
                         merged.subtype != current->subtype ||
                         merged.attributes != current->attributes ||
                         merged.parents != current->parents || merged.taxonomy != current->taxonomy;
    if (changed) {
      RETURN_IF_ERROR(Use(update_entity,
                          "UPDATE entities SET name = ?2, type = ?3, subtype = ?4, attributes = "
                          "?5, parents = ?6, taxonomy = ?7 WHERE key = ?1"));
      StatementScope scope(update_entity);
      update_entity.BindInt(1, merged.key);
      update_entity.BindText(2, merged.name);
      update_entity.BindText(3, EntityTypeName(merged.type));
      update_entity.BindText(4, merged.subtype);
      update_entity.BindText(5, EncodeStringMap(merged.attributes));
      update_entity.BindText(6, EncodeStringList({merged.parents.begin(), merged.parents.end()}));
      update_entity.BindInt(7, merged.taxonomy ? 1 : 0);
      RETURN_IF_ERROR(update_entity.Run());
      *current = std::move(merged);
    }
    // Every name an entity was given stays findable as an alias; the loader
    // hides the one equal to the chosen name.
    add_alias(incoming.name, current->aliases);
    for (const std::string& alias : incoming.aliases) add_alias(alias, current->aliases);
  } else {
    // Nothing to merge (the usual case: an entity seen before, named as before).
    add_alias(incoming.name, current->aliases);
    for (const std::string& alias : incoming.aliases) add_alias(alias, current->aliases);
  }

  for (const std::string& alias : new_aliases) {
    pending_aliases.emplace_back(current->key, alias);
    current->aliases.insert(alias);
  }
  return current->key;
}

Result<int64_t> Store::Rep::VocabularyKey(const char* domain, std::string_view name) {
  std::string cache_key = std::string(domain) + '\n' + std::string(name);
  auto it = vocabulary_cache.find(cache_key);
  if (it != vocabulary_cache.end()) return it->second;
  RETURN_IF_ERROR(
      Use(select_vocabulary, "SELECT key FROM vocabulary WHERE domain = ?1 AND name = ?2"));
  int64_t key = 0;
  {
    StatementScope scope(select_vocabulary);
    select_vocabulary.BindText(1, domain);
    select_vocabulary.BindText(2, name);
    ASSIGN_OR_RETURN(bool row, select_vocabulary.Step());
    if (row) key = select_vocabulary.ColumnInt(0);
  }
  if (key == 0) {
    RETURN_IF_ERROR(Use(insert_vocabulary, "INSERT INTO vocabulary(domain, name) VALUES (?1, ?2)"));
    StatementScope scope(insert_vocabulary);
    insert_vocabulary.BindText(1, domain);
    insert_vocabulary.BindText(2, name);
    RETURN_IF_ERROR(insert_vocabulary.Run());
    key = sqlite3_last_insert_rowid(db);
  }
  vocabulary_cache.emplace(std::move(cache_key), key);
  return key;
}

Status Store::Rep::DeleteDocumentContent(int64_t doc_key) {
  // The document's mentions row holds its mention spans and its sentence keys.
  RETURN_IF_ERROR(
      Use(document_mentions, "SELECT spans, sentences FROM mentions WHERE doc_key = ?1"));
  std::vector<int64_t> sentence_keys;
  {
    StatementScope scope(document_mentions);
    document_mentions.BindInt(1, doc_key);
    ASSIGN_OR_RETURN(bool row, document_mentions.Step());
    if (!row) return Status::Ok();  // no mentions and no sentences
    // The document's mentions leave their entities' counts.
    std::vector<std::pair<int64_t, int64_t>> counts;
    if (!UnpackMentionCounts(document_mentions.ColumnBlob(0), counts) ||
        !UnpackKeys(document_mentions.ColumnBlob(1), sentence_keys)) {
      return DataLossError(path + ": the mentions of document " + std::to_string(doc_key) +
                           " are unreadable (corrupt file?)");
    }
    for (const auto& [entity_key, count] : counts) {
      touched_entities.insert(entity_key);
      mention_deltas[entity_key].mentions -= count;
    }
  }
  RETURN_IF_ERROR(Use(document_relation_keys,
                      "SELECT j.value FROM sentences s, json_each(" CORPGRAPH_SENTENCE_RELATIONS(
                          "s.relations") ") j WHERE s.key = ?1"));
  RETURN_IF_ERROR(Use(document_sentences, "SELECT text FROM sentences WHERE key = ?1"));
  RETURN_IF_ERROR(Use(fts_delete,
                      "INSERT INTO sentence_fts(sentence_fts, rowid, text) "
                      "VALUES ('delete', ?1, ?2)"));
  RETURN_IF_ERROR(Use(delete_document_evidence,
                      "DELETE FROM evidence WHERE relation_key = ?1 AND sentence_key = ?2"));
  RETURN_IF_ERROR(Use(delete_document_sentences, "DELETE FROM sentences WHERE key = ?1"));
  std::vector<int64_t> relation_keys;
  // The document's sentences of this transaction (their evidence rows may be pending).
  std::vector<int64_t> batch_sentences;
  for (int64_t key : sentence_keys) {
    relation_keys.clear();
    // A sentence still pending has its row, and its evidence rows, in memory only.
    const PendingSentenceRow* pending = FindPendingSentence(key);
    if (pending != nullptr) {
      relation_keys = pending->relations;
    } else {
      StatementScope scope(document_relation_keys);
      document_relation_keys.BindInt(1, key);
      while (true) {
        ASSIGN_OR_RETURN(bool row, document_relation_keys.Step());
        if (!row) break;
        relation_keys.push_back(document_relation_keys.ColumnInt(0));
      }
    }
    for (int64_t relation_key : relation_keys) {
      touched_relations.push_back(relation_key);
      replaced_relations.insert(relation_key);
    }
    // Out of the full-text index, except rows this transaction added and has
    // not indexed yet (whose evidence rows may be pending).
    if (unindexed_sentences.erase(key) != 0) {
      batch_sentences.push_back(key);
    } else {
      StatementScope scope(document_sentences);
      document_sentences.BindInt(1, key);
      ASSIGN_OR_RETURN(bool row, document_sentences.Step());
      if (!row) {
        return DataLossError(path + ": document " + std::to_string(doc_key) +
                             " lists a sentence that does not exist (corrupt file?)");
      }
      ASSIGN_OR_RETURN(std::string text, SentenceText(document_sentences.raw(), 0));
      StatementScope delete_scope(fts_delete);
      fts_delete.BindInt(1, key);
      fts_delete.BindText(2, text);
      RETURN_IF_ERROR(fts_delete.Run());
    }
    if (pending != nullptr) {
      pending_sentences.erase(pending_sentences.begin() + (pending - pending_sentences.data()));
      continue;  // its evidence rows are pending too
    }
    // (Rows of this transaction's sentences are pending, unless a read inside
    // the batch has flushed them.)
    for (int64_t relation_key : relation_keys) {
      StatementScope scope(delete_document_evidence);
      delete_document_evidence.BindInt(1, relation_key);
      delete_document_evidence.BindInt(2, key);
      RETURN_IF_ERROR(delete_document_evidence.Run());
    }
    StatementScope scope(delete_document_sentences);
    delete_document_sentences.BindInt(1, key);
    RETURN_IF_ERROR(delete_document_sentences.Run());
  }
  // SQLite gives the next row the largest key left + 1.
  if (!sentence_keys.empty()) next_sentence_key = 0;
  if (!batch_sentences.empty()) {
    // Before the next document takes a deleted sentence's key again.
    std::sort(batch_sentences.begin(), batch_sentences.end());
    std::erase_if(pending_evidence, [&](const PendingEvidenceRow& row) {
      return std::binary_search(batch_sentences.begin(), batch_sentences.end(), row.sentence_key);
    });
  }
  RETURN_IF_ERROR(Use(delete_document_mentions, "DELETE FROM mentions WHERE doc_key = ?1"));
  StatementScope scope(delete_document_mentions);
  delete_document_mentions.BindInt(1, doc_key);
  return delete_document_mentions.Run();
}

Status Store::Rep::PutDocumentContent(const Document& doc, const Extraction& extraction,
                                      const PackedSentences* packed) {
  RETURN_IF_ERROR(Use(document_exists, "SELECT key FROM documents WHERE id = ?1"));
  int64_t doc_key = 0;
  {
    StatementScope scope(document_exists);
    document_exists.BindText(1, doc.id);
    ASSIGN_OR_RETURN(bool exists, document_exists.Step());
    if (exists) doc_key = document_exists.ColumnInt(0);
  }
  if (doc_key != 0) RETURN_IF_ERROR(DeleteDocumentContent(doc_key));

  ASSIGN_OR_RETURN(int64_t source_key, VocabularyKey(kSourceDomain, doc.source));
  // No RETURNING: it buffers the row in a temporary b-tree opened per call.
  if (doc_key == 0) {
    RETURN_IF_ERROR(Use(insert_document,
                        "INSERT INTO documents(source_key, title, date, sha256, added_at, id) "
                        "VALUES (?1, ?2, ?3, ?4, CAST(strftime('%s', 'now') AS INTEGER), ?5)"));
  } else {
    RETURN_IF_ERROR(Use(update_document,
                        "UPDATE documents SET source_key = ?1, title = ?2, date = ?3, sha256 = ?4, "
                        "added_at = CAST(strftime('%s', 'now') AS INTEGER) WHERE key = ?5"));
  }
  {
    Statement& statement = doc_key == 0 ? insert_document : update_document;
    StatementScope scope(statement);
    statement.BindInt(1, source_key);
    statement.BindText(2, doc.title);
    statement.BindText(3, doc.date);
    const std::string packed = PackHash(doc.sha256);
    if (packed.empty()) {
      statement.BindText(4, doc.sha256);
    } else {
      statement.BindBlob(4, packed);
    }
    if (doc_key == 0) {
      statement.BindText(5, doc.id);
    } else {
      statement.BindInt(5, doc_key);
    }
    RETURN_IF_ERROR(statement.Run());
    if (doc_key == 0) doc_key = sqlite3_last_insert_rowid(db);
  }

  // Entity id -> key, for this document (views of `extraction`'s ids).
  std::unordered_map<std::string_view, int64_t> keys;
  keys.reserve(extraction.entities.size() * 2);
  // (entity key, start, end) of every mention; an entity listed twice in one
  // extraction gets one run.
  std::vector<std::array<int64_t, 3>> spans;
  for (const Entity& entity : extraction.entities) {
    Result<int64_t> key = UpsertEntity(entity, /*taxonomy=*/false);
    if (!key.ok()) return key.status();
    keys[entity.id] = *key;
    for (const Mention& mention : entity.mentions) {
      spans.push_back({*key, mention.span.start, mention.span.end});
    }
  }
  // In key order, each entity's spans sorted (as PackSpans would sort them).
  std::sort(spans.begin(), spans.end());
  std::vector<std::pair<int64_t, std::string>> packed_by_entity;
  for (size_t run = 0; run < spans.size();) {
    const int64_t entity_key = spans[run][0];
    size_t end = run;
    std::string packed;
    int64_t previous = 0;
    for (; end < spans.size() && spans[end][0] == entity_key; ++end) {
      AppendVarint(packed, spans[end][1] - previous);
      AppendVarint(packed, spans[end][2] - spans[end][1]);
      previous = spans[end][1];
    }
    mention_deltas[entity_key].mentions += static_cast<int64_t>(end - run);
    packed_by_entity.emplace_back(entity_key, std::move(packed));
    run = end;
  }

  auto key_of = [&](const EntityRef& ref) -> Result<int64_t> {
    auto it = keys.find(ref.id);
    if (it != keys.end()) return it->second;
    Entity entity;
    entity.id = ref.id;
    entity.name = ref.name;
    entity.type = ref.type;
    Result<int64_t> key = UpsertEntity(entity, /*taxonomy=*/false);
    if (key.ok()) keys[ref.id] = *key;
    return key;
  };

  if (!extraction.facts.empty()) RETURN_IF_ERROR(LoadKnownRelations());
  // Each sentence is stored once per document, however many facts cite it.
  using SentenceId = std::tuple<uint32_t, uint32_t, std::string_view>;
  std::map<SentenceId, int64_t> sentence_keys;
  // First the relations' keys (in fact order, as before), so that each
  // sentence is written with the keys of every relation it is evidence for.
  // A new relation's row is written with its first evidence row (below).
  struct FactRelation {
    int64_t relation_key = 0;
    bool created = false;
    bool swap = false;
    bool first_row = false;  // the relation is new and this fact's evidence row is its first
    RelationId id;
  };
  std::vector<FactRelation> fact_relations;
  fact_relations.reserve(extraction.facts.size());
  std::map<SentenceId, std::vector<int64_t>> sentence_relations;
  for (const Fact& fact : extraction.facts) {
    const bool swap = IsSymmetric(fact.relation) && fact.object.id < fact.subject.id;
    const EntityRef& subject = swap ? fact.object : fact.subject;
    const EntityRef& object = swap ? fact.subject : fact.object;
    ASSIGN_OR_RETURN(int64_t subject_key, key_of(subject));
    ASSIGN_OR_RETURN(int64_t object_key, key_of(object));
    ASSIGN_OR_RETURN(int64_t type_key,
                     EnumKey(relation_type_keys, static_cast<size_t>(fact.relation),
                             kRelationTypeDomain, RelationTypeName(fact.relation)));
    ASSIGN_OR_RETURN(int64_t modality_key,
                     EnumKey(modality_keys, static_cast<size_t>(fact.modality), kModalityDomain,
                             ModalityName(fact.modality)));

    const RelationId relation_id{subject_key, type_key, object_key, modality_key};
    int64_t relation_key = 0;
    bool created = false;
    const auto [known, inserted] = known_relations.try_emplace(relation_id, int64_t{0});
    if (!inserted) {
      relation_key = known->second;
    } else {
      // A new relation adds to its entities' relation counts. (A failure from
      // here on rolls the transaction back, which drops known_relations.)
      ASSIGN_OR_RETURN(relation_key, TakeRelationKey());
      known->second = relation_key;
      ++mention_deltas[subject_key].relations;
      ++mention_deltas[object_key].relations;
      created = true;
    }
    if (relation_key == 0) return InternalError(path + ": relation upsert returned no key");
    touched_relations.push_back(relation_key);
    fact_relations.push_back(
        FactRelation{relation_key, created, swap, /*first_row=*/inserted, relation_id});
    sentence_relations[SentenceId(fact.evidence.sentence_span.start,
                                  fact.evidence.sentence_span.end,
                                  std::string_view(fact.evidence.sentence))]
        .push_back(relation_key);
  }
  for (auto& [sentence_id, relation_keys] : sentence_relations) {
    std::sort(relation_keys.begin(), relation_keys.end());
    relation_keys.erase(std::unique(relation_keys.begin(), relation_keys.end()),
                        relation_keys.end());
  }

  // Sentences packed on another thread count only if packed with this store's
  // current dictionary (the same codec object: a rolled-back dictionary's packer
  // keeps its own alive, so its address is never reused).
  const bool prepacked = packed != nullptr && packed->packer != nullptr && codec != nullptr &&
                         packed->packer->codec() == codec.get() &&
                         packed->by_fact.size() == extraction.facts.size();
  for (size_t fact_index = 0; fact_index < extraction.facts.size(); ++fact_index) {
    const Fact& fact = extraction.facts[fact_index];
    const auto& [relation_key, created, swap, first_row, relation_id] = fact_relations[fact_index];
    const double clamped_confidence =
        ClampConfidence(fact.evidence.confidence > 0 ? fact.evidence.confidence : fact.confidence);
    const std::string& day = fact.evidence.date.empty() ? doc.date : fact.evidence.date;

    const Evidence& evidence = fact.evidence;
    const auto sentence_id =
        std::make_tuple(evidence.sentence_span.start, evidence.sentence_span.end,
                        std::string_view(evidence.sentence));
    int64_t sentence_key = 0;
    if (auto found = sentence_keys.find(sentence_id); found != sentence_keys.end()) {
      sentence_key = found->second;
    } else {
      // Inserted at commit (FlushPendingRows) under the key SQLite would give it now.
      ASSIGN_OR_RETURN(sentence_key, TakeSentenceKey());
      PendingSentenceRow& row = pending_sentences.emplace_back();
      row.key = sentence_key;
      row.doc_key = doc_key;
      row.start = evidence.sentence_span.start;
      row.end = evidence.sentence_span.end;
      RETURN_IF_ERROR(StoredSentenceValue(evidence.sentence,
                                          prepacked ? &packed->by_fact[fact_index] : nullptr, row));
      row.relations = sentence_relations[sentence_id];
      sentence_keys.emplace(sentence_id, sentence_key);
      unindexed_sentences.emplace(sentence_key, evidence.sentence);
    }

    int64_t rule_key = 0;
    if (auto found = rule_keys.find(std::string_view(evidence.rule)); found != rule_keys.end()) {
      rule_key = found->second;
    } else {
      ASSIGN_OR_RETURN(rule_key, VocabularyKey(kRuleDomain, evidence.rule));
      rule_keys.emplace(evidence.rule, rule_key);
    }
    ASSIGN_OR_RETURN(int64_t kind_key,
                     EnumKey(evidence_kind_keys, static_cast<size_t>(evidence.kind),
                             kEvidenceKindDomain, EvidenceKindName(evidence.kind)));
    const Span& subject_span = swap ? evidence.object_span : evidence.subject_span;
    const Span& object_span = swap ? evidence.subject_span : evidence.object_span;
    ASSIGN_OR_RETURN(const int64_t evidence_key, TakeEvidenceKey());
    const std::string encoded_attributes =
        fact.attributes.empty() ? std::string() : EncodeStringMap(fact.attributes);
    {
      AddedEvidence& added = added_evidence[relation_key];
      added.AddDay(day);
      added.attributes = added.attributes || !fact.attributes.empty();
      added.created = added.created || created;
      added.confidences.push_back(clamped_confidence);
      if (added.created) {
        added.rows.push_back(AddedRow{
            .day = day,
            .doc_id = doc.id,
            .sentence_start = evidence.sentence_span.start,
            .subj_offset = int64_t{subject_span.start} - int64_t{evidence.sentence_span.start},
            .obj_offset = int64_t{object_span.start} - int64_t{evidence.sentence_span.start},
            .rule = evidence.rule,
            .key = evidence_key,
            .attributes = encoded_attributes,
        });
      }
    }
    // Inserted at commit (FlushPendingRows).
    PendingEvidenceRow& row = pending_evidence.emplace_back();
    row.relation_key = relation_key;
    row.sentence_key = sentence_key;
    row.key = evidence_key;
    // Spans relative to the sentence, and lengths: small numbers, 1 byte each.
    const int64_t sentence_start = evidence.sentence_span.start;
    row.fields = PackEvidenceFields(EvidenceFields{
        .subj_offset = int64_t{subject_span.start} - sentence_start,
        .subj_length = int64_t{subject_span.end} - int64_t{subject_span.start},
        .obj_offset = int64_t{object_span.start} - sentence_start,
        .obj_length = int64_t{object_span.end} - int64_t{object_span.start},
        .rule = rule_key,
        .kind = kind_key,
        .confidence = clamped_confidence,
    });
    if (row.fields.empty()) return InternalError(path + ": a negative vocabulary key");
    // Empty (NULL): the document's date (the usual case, not stored again).
    if (!evidence.date.empty() && evidence.date != doc.date) row.date = evidence.date;
    int64_t attributes_key = 0;
    if (!encoded_attributes.empty()) {
      ASSIGN_OR_RETURN(attributes_key, VocabularyKey(kAttributesDomain, encoded_attributes));
      row.attributes = attributes_key;
    }
    if (first_row) {
      // A new relation is inserted with the aggregates of this, its first
      // evidence row (WriteRelation's for a relation with one row), so that if
      // it gets no more in the transaction, nothing is written again. Taken
      // here, not when its key was, so that the attribute map gets its
      // vocabulary key in the evidence's order. Inserted at commit
      // (FlushPendingRows), before the evidence.
      std::vector<double> one_confidence{clamped_confidence};
      pending_relations.push_back(PendingRelationRow{
          .key = relation_key,
          .subject_key = relation_id.subject,
          .type = relation_id.type,
          .object_key = relation_id.object,
          .modality = relation_id.modality,
          .attributes = attributes_key,
          .strength = NoisyOr(one_confidence),
          .day = day,
      });
    }
  }

  // The document's row of mention spans and sentence keys (DeleteDocumentContent
  // reads it back when the document is replaced).
  std::vector<int64_t> document_sentence_keys;
  document_sentence_keys.reserve(sentence_keys.size());
  for (const auto& [sentence_id, sentence_key] : sentence_keys) {
    document_sentence_keys.push_back(sentence_key);
  }
  std::sort(document_sentence_keys.begin(), document_sentence_keys.end());
  if (packed_by_entity.empty() && document_sentence_keys.empty()) return Status::Ok();
  RETURN_IF_ERROR(
      Use(insert_mention, "INSERT INTO mentions(doc_key, spans, sentences) VALUES (?1, ?2, ?3)"));
  StatementScope scope(insert_mention);
  insert_mention.BindInt(1, doc_key);
  insert_mention.BindBlob(2, PackDocumentMentions(packed_by_entity));
  if (document_sentence_keys.empty()) {
    insert_mention.BindNull(3);
  } else {
    insert_mention.BindBlob(3, PackKeys(document_sentence_keys));
  }
  return insert_mention.Run();
}

Status Store::Rep::RecomputeRelation(int64_t relation_key) {
  relation_cache.erase(relation_key);
  RETURN_IF_ERROR(
      Use(relation_evidence,
          "SELECT " CORPGRAPH_EVIDENCE_CONFIDENCE
          ", COALESCE(e.date, d.date) AS day, " CORPGRAPH_ATTRIBUTES(
              "e.attributes") " FROM evidence e "
                              "JOIN sentences s ON s.key = e.sentence_key "
                              "JOIN documents d ON d.key = s.doc_key "
                              "JOIN vocabulary ru ON ru.key = " CORPGRAPH_EVIDENCE_FIELD(
                                  4) " WHERE e.relation_key = ?1 "
                                     "ORDER BY day, d.id, s.start, " CORPGRAPH_EVIDENCE_FIELD(
                                         0) ", " CORPGRAPH_EVIDENCE_FIELD(2) ", ru.name, e.key"));
  std::vector<double> confidences;
  std::map<std::string, std::string> attributes;
  std::string first_seen;
  std::string last_seen;
  {
    StatementScope scope(relation_evidence);
    relation_evidence.BindInt(1, relation_key);
    while (true) {
      ASSIGN_OR_RETURN(bool row, relation_evidence.Step());
      if (!row) break;
      confidences.push_back(ClampConfidence(relation_evidence.ColumnDouble(0)));
      const std::string date = relation_evidence.ColumnText(1);
      if (!date.empty()) {
        if (first_seen.empty() || date < first_seen) first_seen = date;
        if (last_seen.empty() || date > last_seen) last_seen = date;
      }
      // Rows come in date order, so the latest evidence's attributes win.
      Result<std::map<std::string, std::string>> evidence_attributes =
          DecodeStringMap(relation_evidence.ColumnText(2));
      if (!evidence_attributes.ok()) {
        return DataLossError(path + ": evidence of relation " + std::to_string(relation_key) +
                             " has unreadable attributes");
      }
      for (auto& [key, value] : *evidence_attributes) attributes[key] = std::move(value);
    }
  }

  if (confidences.empty()) {
    RETURN_IF_ERROR(
        Use(relation_endpoints,
            "SELECT subject_key, object_key, type, modality FROM relations WHERE key = ?1"));
    {
      StatementScope scope(relation_endpoints);
      relation_endpoints.BindInt(1, relation_key);
      ASSIGN_OR_RETURN(bool row, relation_endpoints.Step());
      if (!row) return Status::Ok();  // rolled back or already gone
      for (int column : {0, 1}) {
        const int64_t entity_key = relation_endpoints.ColumnInt(column);
        touched_entities.insert(entity_key);
        --mention_deltas[entity_key].relations;
      }
      if (known_relations_loaded) {
        known_relations.erase(
            RelationId{relation_endpoints.ColumnInt(0), relation_endpoints.ColumnInt(2),
                       relation_endpoints.ColumnInt(1), relation_endpoints.ColumnInt(3)});
      }
    }
    RETURN_IF_ERROR(Use(delete_relation, "DELETE FROM relations WHERE key = ?1"));
    StatementScope scope(delete_relation);
    delete_relation.BindInt(1, relation_key);
    return delete_relation.Run();
  }

  return WriteRelation(relation_key, attributes, confidences, first_seen, last_seen);
}

Status Store::Rep::WriteRelation(int64_t relation_key,
                                 const std::map<std::string, std::string>& attributes,
                                 std::vector<double>& confidences, const std::string& first_seen,
                                 const std::string& last_seen) {
  const double strength = NoisyOr(confidences);
  RETURN_IF_ERROR(Use(update_relation,
                      "UPDATE relations SET attributes = ?2, strength = ?3, evidence_count = ?4, "
                      "first_seen = ?5, last_seen = ?6 WHERE key = ?1"));
  StatementScope scope(update_relation);
  update_relation.BindInt(1, relation_key);
  if (attributes.empty()) {
    update_relation.BindNull(2);
  } else {
    ASSIGN_OR_RETURN(const int64_t attributes_key,
                     VocabularyKey(kAttributesDomain, EncodeStringMap(attributes)));
    update_relation.BindInt(2, attributes_key);
  }
  BindMilli(update_relation, 3, strength);
  update_relation.BindInt(4, static_cast<int64_t>(confidences.size()));
  BindDay(update_relation, 5, first_seen);
  BindLastSeen(update_relation, 6, first_seen, last_seen);
  return update_relation.Run();
}

// RecomputeRelation for a relation this transaction inserted (and did not
// replace): every evidence row it has is in `added`, so they are ordered and
// merged here, in RecomputeRelation's order, instead of read back through its
// four-table join and sort (a quarter of the writer's work when relations with
// attributes, such as roles and amounts, were recomputed that way).
Status Store::Rep::RecomputeCreatedRelation(int64_t relation_key, AddedEvidence& added) {
  if (added.rows.size() != added.confidences.size()) return RecomputeRelation(relation_key);
  relation_cache.erase(relation_key);
  std::sort(added.rows.begin(), added.rows.end(),
            [](const AddedRow& a, const AddedRow& b) { return a.SortKey() < b.SortKey(); });
  std::map<std::string, std::string> attributes;
  for (const AddedRow& row : added.rows) {
    if (row.attributes.empty()) continue;
    Result<std::map<std::string, std::string>> evidence_attributes =
        DecodeStringMap(row.attributes);
    if (!evidence_attributes.ok()) {
      return DataLossError(path + ": evidence of relation " + std::to_string(relation_key) +
                           " has unreadable attributes");
    }
    for (auto& [key, value] : *evidence_attributes) attributes[key] = std::move(value);
  }
  return WriteRelation(relation_key, attributes, added.confidences, added.first_seen,
                       added.last_seen);
}

Result<int64_t> Store::Rep::TakeRelationKey() {
  if (next_relation_key == 0) {
    Statement select;
    RETURN_IF_ERROR(select.Prepare(db, path, "SELECT max(key) FROM relations"));
    ASSIGN_OR_RETURN(bool row, select.Step());
    const int64_t largest = row ? select.ColumnInt(0) : 0;
    if (largest == std::numeric_limits<int64_t>::max()) {
      return DataLossError(path + ": relation key " + std::to_string(largest) +
                           " is out of range (corrupt file?)");
    }
    next_relation_key = largest + 1;
  }
  return next_relation_key++;
}

Result<int64_t> Store::Rep::TakeSentenceKey() {
  if (next_sentence_key == 0) {
    Statement select;
    RETURN_IF_ERROR(select.Prepare(db, path, "SELECT max(key) FROM sentences"));
    ASSIGN_OR_RETURN(bool row, select.Step());
    int64_t largest = row ? select.ColumnInt(0) : 0;
    if (!pending_sentences.empty()) largest = std::max(largest, pending_sentences.back().key);
    if (largest == std::numeric_limits<int64_t>::max()) {
      return DataLossError(path + ": sentence key " + std::to_string(largest) +
                           " is out of range (corrupt file?)");
    }
    next_sentence_key = largest + 1;
  }
  return next_sentence_key++;
}

Result<int64_t> Store::Rep::TakeEvidenceKey() {
  if (next_evidence_key == 0) {
    RETURN_IF_ERROR(
        Use(get_metadata_in_write, "SELECT value FROM metadata WHERE key = 'next_evidence_key'"));
    StatementScope scope(get_metadata_in_write);
    ASSIGN_OR_RETURN(bool row, get_metadata_in_write.Step());
    next_evidence_key = 1;
    if (row) {
      const std::string value = get_metadata_in_write.ColumnText(0);
      char* end = nullptr;
      next_evidence_key = std::strtoll(value.c_str(), &end, 10);
      if (end == value.c_str() || *end != '\0' || next_evidence_key < 1) {
        return DataLossError(path + ": metadata next_evidence_key '" + value +
                             "' is not a key (corrupt file?)");
      }
    }
  }
  evidence_keys_taken = true;
  return next_evidence_key++;
}

// What RecomputeRelation would compute for a relation that only gained
// evidence without attributes: the same sorted noisy-or over every
// confidence, the dates widened by the new ones, the attributes as they are.
// It reads the relation's confidences only, not the sentences, documents and
// rules RecomputeRelation orders the evidence by (most of a build's write time
// went there: relations backed by a lexicon fact gain evidence in every batch);
// and nothing at all for a relation this transaction inserted (its added
// evidence is all it has) or one in relation_cache.
Status Store::Rep::RecomputeAddedRelation(int64_t relation_key, const AddedEvidence& added) {
  RelationAggregate aggregate;
  bool includes_added = false;  // the store's rows read below include the added ones
  if (added.created && added.confidences.size() == 1) {
    relation_cache.erase(relation_key);
    return Status::Ok();  // inserted with this one row's aggregates (PutDocumentContent)
  }
  if (added.created) {
    relation_cache.erase(relation_key);
  } else if (auto cached = relation_cache.find(relation_key); cached != relation_cache.end()) {
    aggregate = std::move(cached->second);
    relation_cache.erase(cached);
  } else {
    RETURN_IF_ERROR(
        Use(relation_confidences, "SELECT fields FROM evidence WHERE relation_key = ?1"));
    {
      StatementScope scope(relation_confidences);
      relation_confidences.BindInt(1, relation_key);
      while (true) {
        ASSIGN_OR_RETURN(bool row, relation_confidences.Step());
        if (!row) break;
        const std::optional<EvidenceFields> fields =
            UnpackEvidenceFields(relation_confidences.ColumnBlob(0));
        if (!fields) {
          return DataLossError(path + ": evidence of relation " + std::to_string(relation_key) +
                               " is unreadable (corrupt file?)");
        }
        ++aggregate.confidences[ClampConfidence(fields->confidence)];
        ++aggregate.count;
      }
    }
    RETURN_IF_ERROR(
        Use(relation_dates, "SELECT first_seen, last_seen FROM relations WHERE key = ?1"));
    StatementScope scope(relation_dates);
    relation_dates.BindInt(1, relation_key);
    ASSIGN_OR_RETURN(bool row, relation_dates.Step());
    if (!row || aggregate.count == 0) return RecomputeRelation(relation_key);
    aggregate.first_seen = ColumnDay(relation_dates.raw(), 0);
    aggregate.last_seen = ColumnLastSeen(relation_dates.raw(), 0, 1);
    includes_added = true;
  }
  if (!includes_added) {
    for (double confidence : added.confidences) ++aggregate.confidences[confidence];
    aggregate.count += static_cast<int64_t>(added.confidences.size());
  }
  for (const std::string* day : {&added.first_seen, &added.last_seen}) {
    if (day->empty()) continue;
    if (aggregate.first_seen.empty() || *day < aggregate.first_seen) aggregate.first_seen = *day;
    if (aggregate.last_seen.empty() || *day > aggregate.last_seen) aggregate.last_seen = *day;
  }
  RETURN_IF_ERROR(Use(update_relation_counts,
                      "UPDATE relations SET strength = ?2, evidence_count = ?3, first_seen = ?4, "
                      "last_seen = ?5 WHERE key = ?1"));
  {
    StatementScope scope(update_relation_counts);
    update_relation_counts.BindInt(1, relation_key);
    BindMilli(update_relation_counts, 2, NoisyOr(aggregate.confidences));
    update_relation_counts.BindInt(3, aggregate.count);
    BindDay(update_relation_counts, 4, aggregate.first_seen);
    BindLastSeen(update_relation_counts, 5, aggregate.first_seen, aggregate.last_seen);
    RETURN_IF_ERROR(update_relation_counts.Run());
  }
  if (aggregate.count >= kCachedRelationEvidence) {
    relation_cache.emplace(relation_key, std::move(aggregate));
  }
  return Status::Ok();
}

// Reads every relation's (subject, type, object, modality) into known_relations,
// once per write transaction's validity (see known_relations). Two relations with
// the same four columns (another program wrote them, bypassing the uniqueness
// triggers) are a corrupt file: writing either would be a guess.
Status Store::Rep::LoadKnownRelations() {
  if (known_relations_loaded) return Status::Ok();
  known_relations = {};
  Statement select;
  RETURN_IF_ERROR(select.Prepare(
      db, path, "SELECT key, subject_key, type, object_key, modality FROM relations"));
  while (true) {
    ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) break;
    const int64_t key = select.ColumnInt(0);
    const auto [known, inserted] =
        known_relations.try_emplace(RelationId{select.ColumnInt(1), select.ColumnInt(2),
                                               select.ColumnInt(3), select.ColumnInt(4)},
                                    key);
    if (!inserted) {
      const int64_t other = known->second;
      known_relations = {};
      return DataLossError(path + ": relations " + std::to_string(other) + " and " +
                           std::to_string(key) +
                           " have the same subject, type, object and modality (corrupt file?)");
    }
  }
  known_relations_loaded = true;
  return Status::Ok();
}

Status Store::Rep::FlushAggregates() {
  RETURN_IF_ERROR(FlushPendingRows());
  if (evidence_keys_taken) {
    // Keys of rolled-back documents are not handed out again: gaps are harmless.
    RETURN_IF_ERROR(Use(set_next_evidence_key,
                        "INSERT OR REPLACE INTO metadata(key, value) "
                        "VALUES ('next_evidence_key', ?1)"));
    StatementScope scope(set_next_evidence_key);
    set_next_evidence_key.BindText(1, std::to_string(next_evidence_key));
    RETURN_IF_ERROR(set_next_evidence_key.Run());
    evidence_keys_taken = false;
  }
  // First: a relation left without evidence is deleted, which counts.
  std::sort(touched_relations.begin(), touched_relations.end());
  touched_relations.erase(std::unique(touched_relations.begin(), touched_relations.end()),
                          touched_relations.end());
  for (int64_t relation_key : touched_relations) {
    auto added = added_evidence.find(relation_key);
    if (added == added_evidence.end() || replaced_relations.count(relation_key) > 0) {
      RETURN_IF_ERROR(RecomputeRelation(relation_key));
    } else if (!added->second.attributes) {
      RETURN_IF_ERROR(RecomputeAddedRelation(relation_key, added->second));
    } else if (added->second.created && added->second.confidences.size() == 1) {
      relation_cache.erase(relation_key);  // inserted with its one row's aggregates
    } else if (added->second.created) {
      RETURN_IF_ERROR(RecomputeCreatedRelation(relation_key, added->second));
    } else {
      RETURN_IF_ERROR(RecomputeRelation(relation_key));
    }
  }
  touched_relations.clear();
  added_evidence.clear();
  replaced_relations.clear();
  if (!mention_deltas.empty()) {
    // Narrow rows (schema v8), in one statement (one per entity cost as much
    // again as the rows' own work).
    count_delta_rows.clear();
    count_delta_rows.reserve(mention_deltas.size());
    for (const auto& [entity_key, delta] : mention_deltas) {
      if (delta.mentions != 0 || delta.relations != 0) {
        count_delta_rows.push_back({entity_key, delta.mentions, delta.relations});
      }
    }
    std::sort(count_delta_rows.begin(), count_delta_rows.end());
    if (!count_delta_rows.empty()) {
      RETURN_IF_ERROR(Use(update_entity_mentions, kAddCountDeltasSql));
      StatementScope scope(update_entity_mentions);
      const Status added = update_entity_mentions.Run();
      count_delta_rows.clear();
      RETURN_IF_ERROR(added);
    }
    mention_deltas.clear();
  }
  if (!unindexed_sentences.empty()) {
    std::string keys = "[";
    for (const auto& entry : unindexed_sentences) {
      if (keys.size() > 1) keys.push_back(',');
      keys += std::to_string(entry.first);
    }
    keys.push_back(']');
    RETURN_IF_ERROR(Use(fts_index, kIndexPendingSql));
    StatementScope scope(fts_index);
    fts_index.BindText(1, keys);
    RETURN_IF_ERROR(fts_index.Run());
    unindexed_sentences.clear();
    if (!codec) RETURN_IF_ERROR(MaybeCreateDictionary());
  }
  if (touched_entities.empty()) return Status::Ok();
  // Extracted entities left with no mention and no relation (their document
  // was replaced) disappear; lexicon nodes stay.
  RETURN_IF_ERROR(Use(collect_entity,
                      "DELETE FROM entities WHERE key = ?1 AND taxonomy = 0 AND NOT EXISTS "
                      "(SELECT 1 FROM entity_counts c WHERE c.entity_key = ?1 AND "
                      "(c.mentions > 0 OR c.relations > 0))"));
  bool deleted = false;
  for (int64_t entity_key : touched_entities) {
    StatementScope scope(collect_entity);
    collect_entity.BindInt(1, entity_key);
    RETURN_IF_ERROR(collect_entity.Run());
    if (sqlite3_changes(db) > 0) deleted = true;
  }
  touched_entities.clear();
  if (deleted) entity_cache.clear();
  return Status::Ok();
}

SentencePacker::SentencePacker(std::shared_ptr<const TextCodec> codec) : codec_(std::move(codec)) {}
SentencePacker::~SentencePacker() = default;

PackedSentences SentencePacker::Pack(const Extraction& extraction) const {
  PackedSentences packed;
  packed.packer = shared_from_this();
  packed.by_fact.reserve(extraction.facts.size());
  // Facts often share a sentence: each is compressed once.
  std::unordered_map<std::string_view, size_t> first_fact;
  for (const Fact& fact : extraction.facts) {
    const std::string_view text = fact.evidence.sentence;
    const auto [found, inserted] = first_fact.try_emplace(text, packed.by_fact.size());
    packed.by_fact.push_back(inserted ? StoredSentence(*codec_, text)
                                      : packed.by_fact[found->second]);
  }
  return packed;
}

std::shared_ptr<const SentencePacker> Store::sentence_packer() {
  Rep& r = *rep_;
  if (!r.codec) return nullptr;
  if (!r.packer) r.packer = std::make_shared<const SentencePacker>(r.codec);
  return r.packer;
}

Status Store::PutDocument(const Document& doc, const Extraction& extraction,
                          const PackedSentences* packed) {
  Rep& r = *rep_;
  // Errors carry the database path but not the document: callers (ingest) add
  // "writing document ..." themselves.
  RETURN_IF_ERROR(r.RequireWritable("store documents"));
  // Input errors are found before the first write, so a bad document leaves
  // nothing behind and needs no savepoint (whose statement journal copied
  // every page a document first touched: 8% of the writer's instructions).
  RETURN_IF_ERROR(ValidateDocument(doc, extraction));
  r.graph_written = true;
  if (!r.in_batch) {
    RETURN_IF_ERROR(r.BeginWrite());
    Status status = r.PutDocumentContent(doc, extraction, packed);
    if (!status.ok()) {
      sqlite3_exec(r.db, "ROLLBACK", nullptr, nullptr, nullptr);
      r.DropWriteState();
      return status;
    }
    return r.CommitWrite();
  }
  Status status = r.PutDocumentContent(doc, extraction, packed);
  if (!status.ok()) {
    // A storage error (disk full, I/O error, a corrupt file) part-way through
    // the document: what it wrote cannot be undone alone, so the whole batch
    // is rolled back and closed.
    if (sqlite3_get_autocommit(r.db) == 0) {
      sqlite3_exec(r.db, "ROLLBACK", nullptr, nullptr, nullptr);
    }
    r.in_batch = false;
    r.DropWriteState();
    return status;
  }
  return Status::Ok();
}

Status Store::PutTaxonomy(const std::vector<Entity>& nodes) {
  Rep& r = *rep_;
  RETURN_IF_ERROR(r.RequireWritable("store taxonomy nodes"));
  const bool own_transaction = !r.in_batch;
  if (own_transaction) {
    RETURN_IF_ERROR(r.BeginWrite());
  } else {
    RETURN_IF_ERROR(r.Exec("SAVEPOINT put_taxonomy"));
  }
  // Only a taxonomy that changed a row moves the generation: the same lexicon stored again
  // at every build must not make the graph image stale.
  const sqlite3_int64 changes_before = sqlite3_total_changes64(r.db);
  Status status;
  for (const Entity& node : nodes) {
    Result<int64_t> key = r.UpsertEntity(node, /*taxonomy=*/true);
    if (!key.ok()) {
      status = key.status().WithContext("storing taxonomy node '" + node.id + "'");
      break;
    }
  }
  if (sqlite3_total_changes64(r.db) != changes_before) r.graph_written = true;
  if (own_transaction) {
    if (!status.ok()) {
      sqlite3_exec(r.db, "ROLLBACK", nullptr, nullptr, nullptr);
      r.DropWriteState();
      return status;
    }
    return r.CommitWrite();
  }
  if (!status.ok()) {
    sqlite3_exec(r.db, "ROLLBACK TO put_taxonomy; RELEASE put_taxonomy", nullptr, nullptr, nullptr);
    r.entity_cache.clear();
    r.DropVocabulary();
    return status;
  }
  return r.Exec("RELEASE put_taxonomy");
}

Status Store::BeginBatch() {
  Rep& r = *rep_;
  RETURN_IF_ERROR(r.RequireWritable("write a batch"));
  if (r.in_batch) {
    return FailedPreconditionError(r.path + ": a batch is already open (batches do not nest)");
  }
  RETURN_IF_ERROR(r.BeginWrite());
  r.in_batch = true;
  return Status::Ok();
}

Status Store::CommitBatch() {
  Rep& r = *rep_;
  if (!r.in_batch) return FailedPreconditionError(r.path + ": no batch is open (call BeginBatch)");
  r.in_batch = false;
  return r.CommitWrite();
}

Status Store::Compact() {
  Rep& r = *rep_;
  RETURN_IF_ERROR(r.RequireWritable("compact"));
  if (r.in_batch) return FailedPreconditionError(r.path + ": cannot compact inside a batch");
  if (IsMemoryPath(r.path)) return Status::Ok();
  // Sentences stored before the text dictionary existed (the first batches of a
  // new store) are compressed now. Their text, and so the full-text index, is the same.
  ASSIGN_OR_RETURN(const TextCodec* codec, r.Codec());
  if (codec != nullptr) {
    RETURN_IF_ERROR(
        r.Exec("UPDATE sentences SET text = corpgraph_pack(text) WHERE typeof(text) = 'text'")
            .WithContext("compacting"));
  }
  // One b-tree segment instead of one per batch: the index is smaller and
  // searches read fewer pages. Answers do not change.
  const Status optimized = r.Exec("INSERT INTO sentence_fts(sentence_fts) VALUES ('optimize')")
                               .WithContext("compacting");
  // Merges deferred while the store was built (DeferIndexMerges) are on again.
  const Status resumed = r.ResumeIndexMerges(/*unless_locked=*/false);
  RETURN_IF_ERROR(optimized);
  RETURN_IF_ERROR(resumed.WithContext("compacting"));
  // VACUUM copies the whole database into a temporary one first; with the
  // connection's temp_store = MEMORY that copy was held in memory (the 200 MB
  // corpus's build peaked at 645 MB RSS for a 300 MB file; docs/benchmarks.md),
  // so it goes to a temporary file, as the disk space compaction needs
  // already assumes.
  RETURN_IF_ERROR(r.Exec("PRAGMA temp_store = FILE"));
  const Status vacuumed = r.Exec("VACUUM").WithContext("compacting");
  RETURN_IF_ERROR(r.Exec("PRAGMA temp_store = MEMORY"));
  RETURN_IF_ERROR(vacuumed);
  return r.Exec("PRAGMA wal_checkpoint(TRUNCATE)").WithContext("compacting");
}

Status Store::DeferIndexMerges() {
  Rep& r = *rep_;
  RETURN_IF_ERROR(r.RequireWritable("defer index merges"));
  if (r.in_batch) {
    return FailedPreconditionError(r.path + ": cannot defer index merges inside a batch");
  }
  RETURN_IF_ERROR(r.Exec("BEGIN IMMEDIATE"));
  auto run = [&]() -> Status {
    ASSIGN_OR_RETURN(const std::optional<std::string> deferred, r.DeferredMerges());
    if (deferred) return Status::Ok();  // still deferred: keep the values to put back
    int64_t automerge = kDefaultAutomerge;
    int64_t crisismerge = kDefaultCrisisMerge;
    Statement config;
    RETURN_IF_ERROR(config.Prepare(
        r.db, r.path,
        "SELECT k, v FROM sentence_fts_config WHERE k IN ('automerge', 'crisismerge')"));
    while (true) {
      ASSIGN_OR_RETURN(bool row, config.Step());
      if (!row) break;
      (config.ColumnText(0) == "automerge" ? automerge : crisismerge) = config.ColumnInt(1);
    }
    RETURN_IF_ERROR(r.SetIndexMerges(0, kDeferredCrisisMerge));
    Statement note;
    RETURN_IF_ERROR(note.Prepare(r.db, r.path, "INSERT INTO metadata(key, value) VALUES (?1, ?2)"));
    note.BindText(1, kDeferredMergesKey);
    note.BindText(2, std::to_string(automerge) + " " + std::to_string(crisismerge));
    return note.Run();
  };
  Status status = run();
  if (status.ok()) status = r.Exec("COMMIT");
  if (!status.ok()) sqlite3_exec(r.db, "ROLLBACK", nullptr, nullptr, nullptr);
  return status;
}

Status Store::ResumeIndexMerges() {
  Rep& r = *rep_;
  RETURN_IF_ERROR(r.RequireWritable("resume index merges"));
  if (r.in_batch) {
    return FailedPreconditionError(r.path + ": cannot resume index merges inside a batch");
  }
  return r.ResumeIndexMerges(/*unless_locked=*/false);
}

Status Store::Rep::ResumeIndexMerges(bool unless_locked) {
  // A read first: the usual file has nothing deferred and pays no write lock.
  ASSIGN_OR_RETURN(const std::optional<std::string> noted, DeferredMerges());
  if (!noted) return Status::Ok();
  if (unless_locked) {
    // Another writer holds the lock: a build in progress, which may be the one
    // that deferred the merges. It restores them itself; so does the next open.
    sqlite3_busy_timeout(db, 0);
    const int rc = sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
    sqlite3_busy_timeout(db, busy_timeout_ms);
    if ((rc & 0xff) == SQLITE_BUSY) return Status::Ok();
    if (rc != SQLITE_OK) return SqliteStatus(db, rc, path);
  } else {
    RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE"));
  }
  auto run = [&]() -> Status {
    ASSIGN_OR_RETURN(const std::optional<std::string> deferred, DeferredMerges());
    if (!deferred) return Status::Ok();  // another connection restored them meanwhile
    long long automerge = 0;
    long long crisismerge = 0;
    if (std::sscanf(deferred->c_str(), "%lld %lld", &automerge, &crisismerge) != 2) {
      return DataLossError(path + ": metadata '" + kDeferredMergesKey + "' is '" + *deferred +
                           "', not two numbers (corrupt file?)");
    }
    RETURN_IF_ERROR(SetIndexMerges(automerge, crisismerge));
    Statement forget;
    RETURN_IF_ERROR(forget.Prepare(db, path, "DELETE FROM metadata WHERE key = ?1"));
    forget.BindText(1, kDeferredMergesKey);
    return forget.Run();
  };
  Status status = run();
  if (status.ok()) status = Exec("COMMIT");
  if (!status.ok()) sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
  return status.WithContext("resuming full-text index merges");
}

Status Store::RollbackBatch() {
  Rep& r = *rep_;
  if (!r.in_batch) return FailedPreconditionError(r.path + ": no batch is open (call BeginBatch)");
  r.in_batch = false;
  r.DropWriteState();
  if (sqlite3_get_autocommit(r.db) != 0) return Status::Ok();  // SQLite already rolled back
  return r.Exec("ROLLBACK");
}

namespace {
// Runs a one-column integer query.
Result<int64_t> QueryCount(sqlite3* db, const std::string& path, const char* sql) {
  Statement statement;
  RETURN_IF_ERROR(statement.Prepare(db, path, sql));
  ASSIGN_OR_RETURN(bool row, statement.Step());
  return row ? statement.ColumnInt(0) : 0;
}

// Counts the rows of a one-column query by value into `out` (value -> rows).
// Counted here rather than by GROUP BY, whose sort of every row cost the end
// of a build or merge as much as 10% of the store's time; the columns have a
// handful of distinct values.
Status CountByValue(sqlite3* db, const std::string& path, const char* sql,
                    std::map<std::string, int64_t>& out) {
  Statement statement;
  RETURN_IF_ERROR(statement.Prepare(db, path, sql));
  std::vector<std::pair<std::string, int64_t>> counts;
  while (true) {
    ASSIGN_OR_RETURN(bool row, statement.Step());
    if (!row) break;
    const std::string_view value = ColumnView(statement.raw(), 0);
    auto it = std::find_if(counts.begin(), counts.end(),
                           [&](const auto& count) { return count.first == value; });
    if (it == counts.end()) it = counts.emplace(counts.end(), std::string(value), 0);
    ++it->second;
  }
  for (auto& [value, count] : counts) out[std::move(value)] += count;
  return Status::Ok();
}

}  // namespace

Result<StoreStats> Store::Stats() {
  Rep& r = *rep_;
  StoreStats stats;
  RETURN_IF_ERROR(r.FlushPendingRowsForRead());
  // One read transaction so that the numbers agree with each other.
  const bool own_transaction = !r.in_batch;
  if (own_transaction) RETURN_IF_ERROR(r.Exec("BEGIN"));
  auto run = [&]() -> Status {
    ASSIGN_OR_RETURN(stats.documents, QueryCount(r.db, r.path, "SELECT count(*) FROM documents"));
    ASSIGN_OR_RETURN(stats.relations, QueryCount(r.db, r.path, "SELECT count(*) FROM relations"));
    ASSIGN_OR_RETURN(stats.evidence, QueryCount(r.db, r.path, "SELECT count(*) FROM evidence"));
    ASSIGN_OR_RETURN(
        stats.mentions,
        QueryCount(r.db, r.path, "SELECT COALESCE(sum(mentions), 0) FROM entity_counts"));
    ASSIGN_OR_RETURN(int64_t all, QueryCount(r.db, r.path, "SELECT count(*) FROM entities"));
    // "An entity": mentioned somewhere or taking part in a relation.
    RETURN_IF_ERROR(CountByValue(r.db, r.path,
                                 "SELECT e.type FROM entity_counts c JOIN entities e ON "
                                 "e.key = c.entity_key WHERE c.mentions > 0 OR c.relations > 0",
                                 stats.entities_by_type));
    // By type and modality key, named afterwards: joining each row to its names cost as much
    // as the count.
    using KeyCounts = std::vector<std::pair<int64_t, int64_t>>;
    KeyCounts by_type_key;
    KeyCounts by_modality_key;
    auto count_key = [](KeyCounts& counts, int64_t key) {
      auto it = std::find_if(counts.begin(), counts.end(),
                             [&](const auto& count) { return count.first == key; });
      if (it == counts.end()) it = counts.emplace(it, key, 0);
      ++it->second;
    };
    {
      Statement keys;
      RETURN_IF_ERROR(keys.Prepare(r.db, r.path, "SELECT type, modality FROM relations"));
      while (true) {
        ASSIGN_OR_RETURN(bool row, keys.Step());
        if (!row) break;
        count_key(by_type_key, keys.ColumnInt(0));
        count_key(by_modality_key, keys.ColumnInt(1));
      }
    }
    Statement name;
    RETURN_IF_ERROR(name.Prepare(r.db, r.path, "SELECT name FROM vocabulary WHERE key = ?1"));
    auto name_counts = [&](const KeyCounts& counts, const char* what,
                           std::map<std::string, int64_t>& into) -> Status {
      for (const auto& [key, count] : counts) {
        name.Reset();
        name.BindInt(1, key);
        ASSIGN_OR_RETURN(bool row, name.Step());
        if (!row) {
          return DataLossError(r.path + ": " + what + " " + std::to_string(key) +
                               " is not in the vocabulary (corrupt file?)");
        }
        into[name.ColumnText(0)] += count;
      }
      return Status::Ok();
    };
    RETURN_IF_ERROR(name_counts(by_type_key, "relation type", stats.relations_by_type));
    RETURN_IF_ERROR(name_counts(by_modality_key, "modality", stats.relations_by_modality));
    for (const auto& [type, count] : stats.entities_by_type) stats.entities += count;
    stats.taxonomy_nodes = all - stats.entities;
    return Status::Ok();
  };
  Status status = run();
  if (own_transaction) sqlite3_exec(r.db, "COMMIT", nullptr, nullptr, nullptr);
  if (!status.ok()) return status;
  return stats;
}

Result<std::vector<DocumentRecord>> Store::Documents() {
  Rep& r = *rep_;
  Statement statement;
  RETURN_IF_ERROR(
      statement.Prepare(r.db, r.path,
                        "SELECT d.id, v.name, d.title, d.date, d.sha256 FROM documents d "
                        "JOIN vocabulary v ON v.key = d.source_key ORDER BY d.id"));
  std::vector<DocumentRecord> documents;
  while (true) {
    ASSIGN_OR_RETURN(bool row, statement.Step());
    if (!row) break;
    documents.push_back(DocumentRecord{
        statement.ColumnText(0), statement.ColumnText(1), statement.ColumnText(2),
        statement.ColumnText(3),
        statement.ColumnIsBlob(4) ? UnpackHash(statement.ColumnBlob(4)) : statement.ColumnText(4)});
  }
  return documents;
}

Result<std::vector<EntityRecord>> Store::LoadEntities() {
  Rep& r = *rep_;
  RETURN_IF_ERROR(r.FlushPendingRowsForRead());
  const bool own_transaction = !r.in_batch && !r.in_read_snapshot;
  if (own_transaction) RETURN_IF_ERROR(r.Exec("BEGIN"));
  std::vector<EntityRecord> entities;
  auto run = [&]() -> Status {
    // Keys are rowids: max(key) bounds the count (and costs one b-tree descent),
    // so the records are never moved while the vector grows.
    ASSIGN_OR_RETURN(const int64_t max_key,
                     QueryCount(r.db, r.path, "SELECT max(key) FROM entities"));
    entities.reserve(static_cast<size_t>(std::clamp<int64_t>(max_key, 0, 1 << 26)));
    // A few hundred bytes a record, millions of records: fewer, larger first-touch faults.
    AdviseHugePages(entities.data(), entities.capacity() * sizeof(EntityRecord));
    Statement statement;
    RETURN_IF_ERROR(
        statement.Prepare(r.db, r.path,
                          "SELECT e.key, e.id, e.name, e.type, e.subtype, e.attributes, e.parents "
                          "FROM entities e ORDER BY e.key"));
    // Read in key (rowid) order, a plain table scan, and sorted by id below:
    // ORDER BY id walked the id index and looked every row up (most of the
    // time of opening a large graph).
    while (true) {
      ASSIGN_OR_RETURN(bool row, statement.Step());
      if (!row) break;
      EntityRecord entity;
      entity.key = statement.ColumnInt(0);
      entity.id = statement.ColumnText(1);
      entity.name = statement.ColumnText(2);
      const std::string_view type = ColumnView(statement.raw(), 3);
      const std::optional<EntityType> parsed = ParseEntityType(type);
      if (!parsed) {
        return DataLossError(r.path + ": entity '" + entity.id + "' has unknown type '" +
                             std::string(type) + "'");
      }
      entity.type = *parsed;
      entity.subtype = ColumnView(statement.raw(), 4);
      Result<std::map<std::string, std::string>> attributes =
          DecodeStringMap(ColumnView(statement.raw(), 5));
      Result<std::vector<std::string>> parents = DecodeStringList(ColumnView(statement.raw(), 6));
      if (!attributes.ok() || !parents.ok()) {
        return DataLossError(r.path + ": entity '" + entity.id +
                             "' has unreadable attributes or parents");
      }
      entity.attributes = std::move(*attributes);
      entity.parents = std::move(*parents);
      entities.push_back(std::move(entity));
    }
    Statement counts;
    RETURN_IF_ERROR(counts.Prepare(
        r.db, r.path, "SELECT entity_key, mentions FROM entity_counts ORDER BY entity_key"));
    // Both in key order: one merge walk (an entity without a row has no mention).
    size_t counted = 0;
    while (true) {
      ASSIGN_OR_RETURN(bool row, counts.Step());
      if (!row) break;
      const int64_t key = counts.ColumnInt(0);
      while (counted < entities.size() && entities[counted].key < key) ++counted;
      if (counted == entities.size()) break;
      if (entities[counted].key == key) entities[counted].mention_count = counts.ColumnInt(1);
    }
    Statement aliases;
    RETURN_IF_ERROR(aliases.Prepare(r.db, r.path,
                                    "SELECT entity_key, alias FROM aliases ORDER BY entity_key, "
                                    "alias"));
    // Both in key order: one merge walk.
    size_t at = 0;
    while (true) {
      ASSIGN_OR_RETURN(bool row, aliases.Step());
      if (!row) break;
      const int64_t key = aliases.ColumnInt(0);
      while (at < entities.size() && entities[at].key < key) ++at;
      if (at == entities.size() || entities[at].key != key) continue;
      EntityRecord& entity = entities[at];
      std::string alias = aliases.ColumnText(1);
      if (alias != entity.name) entity.aliases.push_back(std::move(alias));
    }
    auto id_less = [](const EntityRecord& a, const EntityRecord& b) { return a.id < b.id; };
    if (std::is_sorted(entities.begin(), entities.end(), id_less)) return Status::Ok();
    std::vector<uint32_t> order(entities.size());
    for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(),
              [&](uint32_t a, uint32_t b) { return entities[a].id < entities[b].id; });
    std::vector<EntityRecord> sorted;
    sorted.reserve(entities.size());
    for (uint32_t i : order) sorted.push_back(std::move(entities[i]));
    entities = std::move(sorted);
    return Status::Ok();
  };
  Status status = run();
  if (own_transaction) sqlite3_exec(r.db, "COMMIT", nullptr, nullptr, nullptr);
  if (!status.ok()) return status;
  return entities;
}

Result<std::vector<RelationRecord>> Store::LoadRelations() {
  Rep& r = *rep_;
  RETURN_IF_ERROR(r.FlushPendingRowsForRead());
  Statement statement;
  RETURN_IF_ERROR(statement.Prepare(
      r.db, r.path,
      "SELECT r.key, s.id, t.name, o.id, m.name, " CORPGRAPH_ATTRIBUTES(
          "r.attributes") ", r.strength, "
                          "r.evidence_count, r.first_seen, r.last_seen FROM relations r "
                          "JOIN entities s ON s.key = r.subject_key JOIN entities o ON o.key = "
                          "r.object_key "
                          "JOIN vocabulary t ON t.key = r.type JOIN vocabulary m ON m.key = "
                          "r.modality "
                          "ORDER BY s.id, t.name, o.id, m.name"));
  std::vector<RelationRecord> relations;
  while (true) {
    ASSIGN_OR_RETURN(bool row, statement.Step());
    if (!row) break;
    RelationRecord relation;
    relation.key = statement.ColumnInt(0);
    relation.subject_id = statement.ColumnText(1);
    const std::string type = statement.ColumnText(2);
    relation.object_id = statement.ColumnText(3);
    const std::string modality = statement.ColumnText(4);
    const std::optional<RelationType> parsed_type = ParseRelationType(type);
    const std::optional<Modality> parsed_modality = ParseModality(modality);
    Result<std::map<std::string, std::string>> attributes =
        DecodeStringMap(statement.ColumnText(5));
    if (!parsed_type || !parsed_modality || !attributes.ok()) {
      return DataLossError(r.path + ": relation " + std::to_string(relation.key) + " (" +
                           relation.subject_id + " " + type + " " + relation.object_id +
                           ") has an unknown type, modality or unreadable attributes");
    }
    relation.type = *parsed_type;
    relation.modality = *parsed_modality;
    relation.attributes = std::move(*attributes);
    relation.strength = ColumnMilli(statement.raw(), 6);
    relation.evidence_count = statement.ColumnInt(7);
    relation.first_seen = ColumnDay(statement.raw(), 8);
    relation.last_seen = ColumnLastSeen(statement.raw(), 8, 9);
    relations.push_back(std::move(relation));
  }
  return relations;
}

Result<int64_t> Store::MaxRelationKey() {
  RETURN_IF_ERROR(rep_->FlushPendingRowsForRead());
  return QueryCount(rep_->db, rep_->path, "SELECT max(key) FROM relations");
}

Result<int64_t> Store::CountRelations() {
  RETURN_IF_ERROR(rep_->FlushPendingRowsForRead());
  return QueryCount(rep_->db, rep_->path, "SELECT count(*) FROM relations");
}

std::string FormatDayNumber(int64_t number) { return FormatDay(number); }

Status Store::ReadRelationBlocks(int64_t first_key, int64_t last_key,
                                 const std::function<Status(const RelationBlock&)>& visit) {
  Rep& r = *rep_;
  RETURN_IF_ERROR(r.FlushPendingRowsForRead());
  const bool own_transaction = !r.in_batch && !r.in_read_snapshot;
  if (own_transaction) RETURN_IF_ERROR(r.Exec("BEGIN"));
  auto run = [&]() -> Status {
    // Vocabulary codes of types and modalities (a handful of rows), looked up
    // per relation through an array when the key is small (it is assigned on
    // first use, so usually is), else a map; -1 = not a type / modality.
    struct Codes {
      std::vector<int16_t> small;
      std::unordered_map<int64_t, int> large;
    };
    Codes types;
    Codes modalities;
    // Attribute maps stored once (kSchemaV6Sql): vocabulary key -> JSON object.
    std::unordered_map<int64_t, std::string> attribute_maps;
    auto add_code = [](Codes& codes, int64_t key, int value) {
      if (key < 0 || key >= (1 << 16)) {
        codes.large.emplace(key, value);
        return;
      }
      const auto index = static_cast<size_t>(key);
      if (codes.small.size() <= index) codes.small.resize(index + 1, -1);
      codes.small[index] = static_cast<int16_t>(value);
    };
    auto code_of = [](const Codes& codes, int64_t key) -> int {
      if (key >= 0 && static_cast<size_t>(key) < codes.small.size()) {
        return codes.small[static_cast<size_t>(key)];
      }
      if (codes.large.empty()) return -1;
      auto it = codes.large.find(key);
      return it == codes.large.end() ? -1 : it->second;
    };
    {
      Statement vocabulary;
      RETURN_IF_ERROR(vocabulary.Prepare(
          r.db, r.path,
          "SELECT key, domain, name FROM vocabulary WHERE domain IN ('relation_type', "
          "'modality', 'attributes')"));
      while (true) {
        ASSIGN_OR_RETURN(bool row, vocabulary.Step());
        if (!row) break;
        const std::string domain = vocabulary.ColumnText(1);
        const std::string name = vocabulary.ColumnText(2);
        if (domain == kAttributesDomain) {
          attribute_maps.emplace(vocabulary.ColumnInt(0), name);
        } else if (domain == kRelationTypeDomain) {
          if (std::optional<RelationType> type = ParseRelationType(name)) {
            add_code(types, vocabulary.ColumnInt(0), static_cast<int>(*type));
          }
        } else if (std::optional<Modality> modality = ParseModality(name)) {
          add_code(modalities, vocabulary.ColumnInt(0), static_cast<int>(*modality));
        }
      }
    }
    // A rowid range: SQLite seeks to first_key and stops after last_key.
    Statement statement;
    RETURN_IF_ERROR(statement.Prepare(
        r.db, r.path,
        "SELECT key, subject_key, object_key, type, modality, strength, evidence_count, "
        "first_seen, last_seen, attributes FROM relations WHERE key >= ?1 AND key <= ?2"));
    statement.BindInt(1, first_key);
    statement.BindInt(2, last_key);
    sqlite3_stmt* raw = statement.raw();
    // Heap: 60 KB of columns.
    auto block = std::make_unique<RelationBlock>();
    auto flush = [&]() -> Status {
      if (block->size == 0) return Status::Ok();
      Status status = visit(*block);
      block->size = 0;
      block->text_days.clear();
      block->attributes.clear();
      return status;
    };
    // A day stored as text: its number if it is an ISO day (stores written by
    // SQL rather than by the store have those as text; FormatDayNumber gives
    // the same text back), else kTextDay and the text.
    auto text_day = [&](size_t row, int side, int column) {
      const std::string_view text = ColumnView(raw, column);
      if (std::optional<int64_t> number = DayNumber(text)) return *number;
      block->text_days.emplace_back(static_cast<uint32_t>(row * 2 + side), text);
      return RelationBlock::kTextDay;
    };
    while (true) {
      ASSIGN_OR_RETURN(bool more, statement.Step());
      if (!more) return flush();
      const size_t row = block->size;
      const int64_t key = sqlite3_column_int64(raw, 0);
      const int type = code_of(types, sqlite3_column_int64(raw, 3));
      const int modality = code_of(modalities, sqlite3_column_int64(raw, 4));
      if (type < 0 || modality < 0) {
        return DataLossError(r.path + ": relation " + std::to_string(key) +
                             " has an unknown type or modality");
      }
      block->keys[row] = key;
      block->subject_keys[row] = sqlite3_column_int64(raw, 1);
      block->object_keys[row] = sqlite3_column_int64(raw, 2);
      block->types[row] = static_cast<uint8_t>(type);
      block->modalities[row] = static_cast<uint8_t>(modality);
      block->strengths[row] = ColumnMilli(raw, 5);
      block->evidence_counts[row] = sqlite3_column_int64(raw, 6);
      block->first_seen[row] = sqlite3_column_type(raw, 7) == SQLITE_INTEGER
                                   ? sqlite3_column_int64(raw, 7)
                                   : text_day(row, 0, 7);
      const std::optional<int64_t> last = LastSeenNumber(raw, 7, 8);
      block->last_seen[row] = last ? *last : text_day(row, 1, 8);
      if (sqlite3_column_type(raw, 9) != SQLITE_NULL) {
        const std::string_view attributes = ColumnView(raw, 9);
        if (!attributes.empty() && attributes.front() != '{') {
          // The key of a stored map (its digits: the column has TEXT affinity).
          auto found = attribute_maps.find(sqlite3_column_int64(raw, 9));
          if (found == attribute_maps.end()) {
            return DataLossError(r.path + ": relation " + std::to_string(key) +
                                 " names attributes that are not in the vocabulary");
          }
          block->attributes.emplace_back(static_cast<uint32_t>(row), found->second);
        } else if (!attributes.empty() && attributes != "{}") {
          block->attributes.emplace_back(static_cast<uint32_t>(row), attributes);
        }
      }
      if (++block->size == RelationBlock::kCapacity) RETURN_IF_ERROR(flush());
    }
  };
  Status status = run();
  if (own_transaction) sqlite3_exec(r.db, "COMMIT", nullptr, nullptr, nullptr);
  return status;
}

Status Store::ForEachRelation(const std::function<Status(const RelationRow&)>& visit) {
  RETURN_IF_ERROR(rep_->FlushPendingRowsForRead());
  // Integer days (YYYYMMDD) are formatted once per run of equal values: rows
  // in key order repeat their neighbours' days.
  struct DayText {
    int64_t number = -1;
    std::string text;
  };
  DayText first_seen;
  DayText last_seen;
  auto day = [](int64_t number, DayText& cache) -> std::string_view {
    if (number != cache.number) {
      cache.text = FormatDay(number);
      cache.number = number;
    }
    return cache.text;
  };
  return ReadRelationBlocks(INT64_MIN, INT64_MAX, [&](const RelationBlock& block) -> Status {
    size_t next_text = 0;
    size_t next_attributes = 0;
    RelationRow row;
    for (size_t i = 0; i < block.size; ++i) {
      row.key = block.keys[i];
      row.subject_key = block.subject_keys[i];
      row.object_key = block.object_keys[i];
      row.type = static_cast<RelationType>(block.types[i]);
      row.modality = static_cast<Modality>(block.modalities[i]);
      row.strength = block.strengths[i];
      row.evidence_count = block.evidence_counts[i];
      auto text_or_day = [&](int64_t number, DayText& cache) -> std::string_view {
        if (number != RelationBlock::kTextDay) return day(number, cache);
        return block.text_days[next_text++].second;
      };
      row.first_seen = text_or_day(block.first_seen[i], first_seen);
      row.last_seen = text_or_day(block.last_seen[i], last_seen);
      row.attributes = {};
      if (next_attributes < block.attributes.size() &&
          block.attributes[next_attributes].first == i) {
        row.attributes = block.attributes[next_attributes++].second;
      }
      RETURN_IF_ERROR(visit(row));
    }
    return Status::Ok();
  });
}

namespace {

// How long ReadInParallel waits for another process's write transaction
// before reading serially instead.
constexpr int kSnapshotLockWaitMs = 50;

// BEGIN, then a read, which is what starts a read transaction (BEGIN alone is
// deferred): from here on `db` reads one snapshot.
Status BeginReadNow(sqlite3* db, const std::string& path) {
  RETURN_IF_ERROR(ExecSql(db, path, "BEGIN"));
  Statement statement;
  Status status = statement.Prepare(db, path, "SELECT count(*) FROM sqlite_master");
  if (status.ok()) status = statement.Step().status();
  if (!status.ok()) sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
  return status;
}

}  // namespace

Status Store::ReadInParallel(const std::function<Status(Store&)>& first,
                             const std::function<Status(Store&)>& second) {
  Rep& r = *rep_;
  auto serially = [&]() -> Status {
    const bool own_transaction = !r.in_batch && !r.in_read_snapshot;
    if (own_transaction) {
      RETURN_IF_ERROR(r.Exec("BEGIN"));
      r.in_read_snapshot = true;
    }
    Status status = first(*this);
    if (status.ok()) status = second(*this);
    if (own_transaction) {
      r.in_read_snapshot = false;
      sqlite3_exec(r.db, "COMMIT", nullptr, nullptr, nullptr);
    }
    return status;
  };
  if (r.in_batch || r.in_read_snapshot || IsMemoryPath(r.path)) return serially();
  bool wal = false;
  {
    Statement journal_mode;
    if (!journal_mode.Prepare(r.db, r.path, "PRAGMA journal_mode").ok()) return serially();
    Result<bool> row = journal_mode.Step();
    if (!row.ok() || !*row) return serially();
    wal = journal_mode.ColumnText(0) == "wal";
  }
  Result<std::unique_ptr<Store>> opened = Open(r.path, OpenMode::kReadOnly);
  if (!opened.ok()) return serially();
  Store& reader = **opened;
  // One snapshot for both connections. With a rollback journal, this
  // connection's read lock keeps writers from committing until the second
  // has begun. In WAL mode writers commit beside readers, so a third
  // connection holds the write lock (taking it from nobody: it gives up at
  // once if a writer is busy) while the two begin, then lets go.
  sqlite3* lock = nullptr;
  auto release_lock = [&lock] {
    if (lock == nullptr) return;
    sqlite3_exec(lock, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close_v2(lock);
    lock = nullptr;
  };
  if (wal) {
    const int rc = sqlite3_open_v2(r.path.c_str(), &lock,
                                   SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc == SQLITE_OK) sqlite3_busy_timeout(lock, kSnapshotLockWaitMs);
    if (rc != SQLITE_OK ||
        sqlite3_exec(lock, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK) {
      sqlite3_close_v2(lock);
      lock = nullptr;
      return serially();
    }
  }
  if (!BeginReadNow(r.db, r.path).ok()) {
    release_lock();
    return serially();
  }
  if (!BeginReadNow(reader.rep_->db, r.path).ok()) {
    release_lock();
    sqlite3_exec(r.db, "COMMIT", nullptr, nullptr, nullptr);
    return serially();
  }
  release_lock();
  r.in_read_snapshot = true;
  reader.rep_->in_read_snapshot = true;
  Status second_status;
  Status first_status;
  {
    std::jthread helper([&second, &reader, &second_status] {
      try {
        second_status = second(reader);
      } catch (const std::exception& error) {
        second_status =
            InternalError(std::string("reading in parallel failed (") + error.what() + ")");
      }
    });
    try {
      first_status = first(*this);
    } catch (const std::exception& error) {
      first_status =
          InternalError(std::string("reading in parallel failed (") + error.what() + ")");
    }
  }
  r.in_read_snapshot = false;
  sqlite3_exec(r.db, "COMMIT", nullptr, nullptr, nullptr);
  reader.rep_->in_read_snapshot = false;
  sqlite3_exec(reader.rep_->db, "COMMIT", nullptr, nullptr, nullptr);
  return first_status.ok() ? second_status : first_status;
}

Result<std::vector<EvidenceRecord>> Store::Rep::ReadEvidence(Statement& statement, int limit) {
  std::vector<EvidenceRecord> records;
  while (limit <= 0 || records.size() < static_cast<size_t>(limit)) {
    ASSIGN_OR_RETURN(bool row, statement.Step());
    if (!row) break;
    EvidenceRecord record;
    record.key = statement.ColumnInt(0);
    record.relation_key = statement.ColumnInt(1);
    Evidence& evidence = record.evidence;
    evidence.doc_id = statement.ColumnText(2);
    ASSIGN_OR_RETURN(evidence.sentence, SentenceText(statement.raw(), 3));
    auto offset = [&](int column) { return static_cast<uint32_t>(statement.ColumnInt(column)); };
    evidence.sentence_span = Span{offset(4), offset(5)};
    evidence.subject_span = Span{offset(6), offset(7)};
    evidence.object_span = Span{offset(8), offset(9)};
    evidence.rule = statement.ColumnText(10);
    evidence.confidence = statement.ColumnDouble(11);
    const std::string kind = statement.ColumnText(12);
    const std::optional<EvidenceKind> parsed_kind = ParseEvidenceKind(kind);
    if (!parsed_kind) {
      return DataLossError(path + ": evidence " + std::to_string(record.key) +
                           " has unknown kind '" + kind + "'");
    }
    evidence.kind = *parsed_kind;
    evidence.date = statement.ColumnText(13);
    record.doc_title = statement.ColumnText(14);
    record.doc_source = statement.ColumnText(15);
    records.push_back(std::move(record));
  }
  return records;
}

Result<std::vector<EvidenceRecord>> Store::EvidenceFor(int64_t relation_key, int limit) {
  Rep& r = *rep_;
  RETURN_IF_ERROR(r.FlushPendingRowsForRead());
  static const std::string sql = std::string("SELECT ") + kEvidenceColumns + " FROM evidence e" +
                                 kEvidenceJoins +
                                 "WHERE e.relation_key = ?1 "
                                 "ORDER BY " CORPGRAPH_EVIDENCE_CONFIDENCE
                                 " DESC, COALESCE(e.date, d.date) DESC, e.key "
                                 "LIMIT ?2";
  RETURN_IF_ERROR(r.Use(r.evidence_for, sql.c_str()));
  // Reset when done: a half-read statement would keep a read transaction open.
  StatementScope scope(r.evidence_for);
  r.evidence_for.BindInt(1, relation_key);
  r.evidence_for.BindInt(2, limit > 0 ? limit : -1);
  return r.ReadEvidence(r.evidence_for, limit);
}

Result<std::vector<EvidenceRecord>> Store::SearchEvidence(std::string_view fts_query, int limit) {
  Rep& r = *rep_;
  static const std::string sql =
      std::string("SELECT ") + kEvidenceColumns +
      " FROM sentence_fts f JOIN sentences fs ON fs.key = f.rowid "
      "JOIN json_each(" CORPGRAPH_SENTENCE_RELATIONS("fs.relations") ") j "
      "JOIN evidence e ON e.relation_key = j.value AND e.sentence_key = f.rowid" +
      kEvidenceJoins +
      "WHERE sentence_fts MATCH ?1 "
      "ORDER BY bm25(sentence_fts), e.key LIMIT ?2";
  RETURN_IF_ERROR(r.Use(r.search_evidence, sql.c_str()));
  StatementScope scope(r.search_evidence);
  r.search_evidence.BindText(1, fts_query);
  r.search_evidence.BindInt(2, limit > 0 ? limit : -1);
  Result<std::vector<EvidenceRecord>> records = r.ReadEvidence(r.search_evidence, limit);
  if (!records.ok() && records.status().code() == StatusCode::kInternal) {
    // SQLITE_ERROR from MATCH is a malformed query (fts5: syntax error ...).
    return InvalidArgumentError("search \"" + std::string(fts_query) +
                                "\": " + std::string(sqlite3_errmsg(r.db)) +
                                " (see SQLite FTS5 query syntax)");
  }
  return records;
}

Result<int64_t> Store::Generation() {
  ASSIGN_OR_RETURN(std::optional<std::string> value, GetMetadata("generation"));
  if (!value) return DataLossError(rep_->path + ": metadata has no generation (corrupt file?)");
  char* end = nullptr;
  const int64_t generation = std::strtoll(value->c_str(), &end, 10);
  if (end == value->c_str() || *end != '\0') {
    return DataLossError(rep_->path + ": metadata generation '" + *value +
                         "' is not a number (corrupt file?)");
  }
  return generation;
}

Result<std::optional<int64_t>> Store::GraphImageGeneration() {
  Statement statement;
  RETURN_IF_ERROR(
      statement.Prepare(rep_->db, rep_->path, "SELECT generation FROM graph_image WHERE part = 0"));
  ASSIGN_OR_RETURN(bool row, statement.Step());
  if (!row) return std::optional<int64_t>();
  return std::optional<int64_t>(statement.ColumnInt(0));
}

Status Store::WriteGraphImage(
    int64_t generation,
    const std::function<Status(const std::function<Status(std::string_view)>& put_part)>& produce) {
  Rep& r = *rep_;
  RETURN_IF_ERROR(r.RequireWritable("write the graph image"));
  if (r.in_batch) {
    return FailedPreconditionError(r.path + ": cannot write the graph image inside a batch");
  }
  RETURN_IF_ERROR(r.Exec("BEGIN IMMEDIATE"));
  auto write = [&]() -> Status {
    ASSIGN_OR_RETURN(const int64_t current, Generation());
    if (current != generation) {
      return FailedPreconditionError(r.path +
                                     ": the store changed while the graph was read "
                                     "(generation " +
                                     std::to_string(generation) + " -> " + std::to_string(current) +
                                     "); graph image not written");
    }
    RETURN_IF_ERROR(r.Exec("DELETE FROM graph_image"));
    Statement insert;
    RETURN_IF_ERROR(insert.Prepare(
        r.db, r.path,
        "INSERT INTO graph_image(part, generation, checksum, data) VALUES (?1, ?2, ?3, ?4)"));
    int64_t part = 0;
    return produce([&](std::string_view data) -> Status {
      if (data.size() > kGraphImagePartBytes) {
        return InternalError(r.path + ": graph image part larger than kGraphImagePartBytes");
      }
      insert.Reset();
      insert.BindInt(1, part++);
      insert.BindInt(2, generation);
      insert.BindInt(3, static_cast<int64_t>(ImageChecksum(data)));
      insert.BindBlob(4, data);
      return insert.Run();
    });
  };
  Status status = write();
  if (status.ok()) status = r.Exec("COMMIT");
  if (!status.ok()) sqlite3_exec(r.db, "ROLLBACK", nullptr, nullptr, nullptr);
  return status;
}

Status Store::ReadGraphImage(const std::function<Status(std::string_view part)>& visit) {
  Rep& r = *rep_;
  if (r.in_batch) {
    // The batch's writes are not in the image, and the generation moves only at commit.
    return FailedPreconditionError(r.path + ": a batch is open (the graph image may not show it)");
  }
  const bool own_transaction = !r.in_batch && !r.in_read_snapshot;
  if (own_transaction) RETURN_IF_ERROR(r.Exec("BEGIN"));
  auto run = [&]() -> Status {
    ASSIGN_OR_RETURN(const int64_t generation, Generation());
    Statement statement;
    RETURN_IF_ERROR(statement.Prepare(
        r.db, r.path, "SELECT part, generation, checksum, data FROM graph_image ORDER BY part"));
    int64_t expected_part = 0;
    for (;;) {
      ASSIGN_OR_RETURN(bool row, statement.Step());
      if (!row) break;
      const int64_t part = statement.ColumnInt(0);
      if (statement.ColumnInt(1) != generation) {
        return FailedPreconditionError(r.path + ": the graph image is of generation " +
                                       std::to_string(statement.ColumnInt(1)) +
                                       ", the store is at " + std::to_string(generation) +
                                       " (written since the image was made)");
      }
      if (part != expected_part) {
        return DataLossError(r.path + ": graph image part " + std::to_string(expected_part) +
                             " is missing (corrupt file?)");
      }
      const std::string_view data = statement.ColumnBlob(3);
      if (static_cast<int64_t>(ImageChecksum(data)) != statement.ColumnInt(2)) {
        return DataLossError(r.path + ": graph image part " + std::to_string(part) +
                             " fails its checksum (corrupt file?)");
      }
      RETURN_IF_ERROR(visit(data));
      ++expected_part;
    }
    if (expected_part == 0) return NotFoundError(r.path + ": has no graph image");
    return Status::Ok();
  };
  Status status = run();
  if (own_transaction) sqlite3_exec(r.db, "COMMIT", nullptr, nullptr, nullptr);
  return status;
}

Result<std::optional<std::string>> Store::GetMetadata(std::string_view key) {
  Rep& r = *rep_;
  RETURN_IF_ERROR(r.Use(r.get_metadata, "SELECT value FROM metadata WHERE key = ?1"));
  StatementScope scope(r.get_metadata);
  r.get_metadata.BindText(1, key);
  ASSIGN_OR_RETURN(bool row, r.get_metadata.Step());
  if (!row) return std::optional<std::string>();
  return std::optional<std::string>(r.get_metadata.ColumnText(0));
}

Status Store::SetMetadata(std::string_view key, std::string_view value) {
  Rep& r = *rep_;
  RETURN_IF_ERROR(r.RequireWritable("set metadata"));
  if (key == "schema_version" || key == "next_evidence_key" || key == "generation" ||
      key == kDeferredMergesKey) {
    return InvalidArgumentError("metadata '" + std::string(key) +
                                "': managed by the store (not settable)");
  }
  RETURN_IF_ERROR(r.Use(r.set_metadata,
                        "INSERT INTO metadata(key, value) VALUES (?1, ?2) "
                        "ON CONFLICT(key) DO UPDATE SET value = excluded.value"));
  StatementScope scope(r.set_metadata);
  r.set_metadata.BindText(1, key);
  r.set_metadata.BindText(2, value);
  return r.set_metadata.Run();
}

}  // namespace corpgraph::graph
