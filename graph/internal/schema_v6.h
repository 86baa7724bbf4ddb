// graph/internal/schema_v6.h — what schema v6 changed in v5 (internal/schema_v5.h), frozen
// exactly as corpgraph ran it (store.cc's AddV6Schema: kEvidenceV6Sql when the file has v5's
// evidence, then kSchemaV6Sql, then kFullTextV6Sql when the full-text index is v5's). The
// v6 -> v7 migration starts from such a file, and the migration tests build v6 files from
// these. Never edit it; a new schema is a new version with its own migration.
#pragma once

namespace corpgraph::graph::internal {

// Attribute maps stored once as vocabulary rows (domain 'attributes'), the rows holding
// their key as digits.
inline constexpr const char* kSchemaV6Sql = R"sql(
INSERT OR IGNORE INTO vocabulary(domain, name)
  SELECT 'attributes', attributes FROM evidence
  WHERE substr(attributes, 1, 1) = '{' AND attributes <> '{}' ORDER BY key;
INSERT OR IGNORE INTO vocabulary(domain, name)
  SELECT 'attributes', attributes FROM relations
  WHERE substr(attributes, 1, 1) = '{' AND attributes <> '{}' ORDER BY key;
UPDATE evidence SET attributes = CASE WHEN attributes = '{}' THEN NULL ELSE
    (SELECT v.key FROM vocabulary v WHERE v.domain = 'attributes' AND v.name = evidence.attributes)
  END WHERE substr(attributes, 1, 1) = '{';
UPDATE relations SET attributes = CASE WHEN attributes = '{}' THEN NULL ELSE
    (SELECT v.key FROM vocabulary v WHERE v.domain = 'attributes' AND v.name = relations.attributes)
  END WHERE substr(attributes, 1, 1) = '{';
UPDATE metadata SET value = '6' WHERE key = 'schema_version';
)sql";

// Evidence in relation order (PK (relation_key, sentence_key, key)), each sentence listing
// the relations it is evidence for.
inline constexpr const char* kEvidenceV6Sql = R"sql(
ALTER TABLE sentences ADD COLUMN relations;
UPDATE sentences SET relations = (
  SELECT CASE WHEN count(*) = 1 THEN min(relation_key) ELSE json_group_array(relation_key) END
  FROM (SELECT DISTINCT relation_key FROM evidence e WHERE e.sentence_key = sentences.key
        ORDER BY relation_key));
CREATE TABLE v6_evidence(
  relation_key INTEGER NOT NULL REFERENCES relations(key) ON DELETE CASCADE,
  key INTEGER NOT NULL,
  sentence_key INTEGER NOT NULL,
  subj_offset INTEGER NOT NULL,
  subj_length INTEGER NOT NULL,
  obj_offset INTEGER NOT NULL,
  obj_length INTEGER NOT NULL,
  rule INTEGER NOT NULL,
  confidence NOT NULL,
  kind INTEGER NOT NULL,
  date TEXT,
  attributes TEXT,
  PRIMARY KEY(relation_key, sentence_key, key)
) WITHOUT ROWID;
INSERT INTO v6_evidence(relation_key, key, sentence_key, subj_offset, subj_length, obj_offset,
                        obj_length, rule, confidence, kind, date, attributes)
  SELECT relation_key, key, sentence_key, subj_offset, subj_length, obj_offset, obj_length, rule,
         confidence, kind, date, attributes
  FROM evidence ORDER BY relation_key, sentence_key, key;
DROP TABLE evidence;
ALTER TABLE v6_evidence RENAME TO evidence;
)sql";

// The full-text index with the sentences as external content through a view that
// decompresses them (corpgraph_text), no per-row sizes.
inline constexpr const char* kFullTextV6Sql = R"sql(
CREATE VIEW IF NOT EXISTS sentence_text(key, text) AS
  SELECT key, corpgraph_text(text) FROM sentences;
DROP TABLE IF EXISTS sentence_fts;
CREATE VIRTUAL TABLE sentence_fts USING fts5(text, content='sentence_text', content_rowid='key',
                                             columnsize=0);
INSERT INTO sentence_fts(sentence_fts) VALUES ('rebuild');
)sql";

}  // namespace corpgraph::graph::internal
