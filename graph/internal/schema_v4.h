// graph/internal/schema_v4.h — the store's schema v4, frozen exactly as corpgraph
// created it: the v4 -> v5 migration starts from it (the store's schema is now v5), and the
// migration tests build v4 files from it. Never edit it; a new schema is a new version
// with its own migration.
#pragma once

namespace corpgraph::graph::internal {

inline constexpr const char* kSchemaV4Sql = R"sql(
CREATE TABLE IF NOT EXISTS metadata(
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS vocabulary(
  key INTEGER PRIMARY KEY,
  domain TEXT NOT NULL,
  name TEXT NOT NULL,
  UNIQUE(domain, name)
);
CREATE TABLE IF NOT EXISTS documents(
  key INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  source_key INTEGER NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  date TEXT NOT NULL DEFAULT '',
  sha256 BLOB NOT NULL DEFAULT '',
  added_at INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS entities(
  key INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  subtype TEXT NOT NULL DEFAULT '',
  attributes TEXT NOT NULL DEFAULT '{}',
  parents TEXT NOT NULL DEFAULT '[]',
  taxonomy INTEGER NOT NULL DEFAULT 0,
  mentions INTEGER NOT NULL DEFAULT 0,
  relations INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS aliases(
  entity_key INTEGER NOT NULL REFERENCES entities(key) ON DELETE CASCADE,
  alias TEXT NOT NULL,
  PRIMARY KEY(entity_key, alias)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS mentions(
  doc_key INTEGER PRIMARY KEY REFERENCES documents(key),
  spans BLOB NOT NULL,
  sentences BLOB
);
CREATE TABLE IF NOT EXISTS relations(
  key INTEGER PRIMARY KEY,
  subject_key INTEGER NOT NULL REFERENCES entities(key),
  type INTEGER NOT NULL,
  object_key INTEGER NOT NULL REFERENCES entities(key),
  modality INTEGER NOT NULL,
  attributes TEXT,
  strength NOT NULL DEFAULT 0,
  evidence_count INTEGER NOT NULL DEFAULT 0,
  first_seen NOT NULL DEFAULT '',
  last_seen NOT NULL DEFAULT '',
  UNIQUE(subject_key, type, object_key, modality)
);
CREATE TABLE IF NOT EXISTS sentences(
  key INTEGER PRIMARY KEY,
  doc_key INTEGER NOT NULL REFERENCES documents(key),
  start INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  text TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS evidence(
  sentence_key INTEGER NOT NULL REFERENCES sentences(key),
  key INTEGER NOT NULL,
  relation_key INTEGER NOT NULL REFERENCES relations(key) ON DELETE CASCADE,
  subj_offset INTEGER NOT NULL,
  subj_length INTEGER NOT NULL,
  obj_offset INTEGER NOT NULL,
  obj_length INTEGER NOT NULL,
  rule INTEGER NOT NULL,
  confidence NOT NULL,
  kind INTEGER NOT NULL,
  date TEXT,
  attributes TEXT,
  PRIMARY KEY(sentence_key, key)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS evidence_by_relation ON evidence(relation_key);
CREATE TABLE IF NOT EXISTS text_dictionary(
  key INTEGER PRIMARY KEY,
  data BLOB NOT NULL
);
-- Contentless: the text is in `sentences` (compressed). Kept in sync by the
-- store itself, not by triggers (see kIndexPendingSql).
CREATE VIRTUAL TABLE IF NOT EXISTS sentence_fts USING fts5(text, content='');
INSERT OR IGNORE INTO metadata(key, value) VALUES ('schema_version', '4');
)sql";

}  // namespace corpgraph::graph::internal
