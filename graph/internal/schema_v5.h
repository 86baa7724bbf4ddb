// graph/internal/schema_v5.h — what schema v5 added to v4 (internal/schema_v4.h), frozen
// exactly as corpgraph ran it: a v5 file is kSchemaV4Sql, then kSchemaV5Sql, then the
// generation triggers (store.cc's GenerationTriggersSql, unchanged since). The v5 -> v6
// migration starts from such a file, and the migration tests build v5 files from these two
// (without the triggers). Never edit it; a new schema is a new version with its own
// migration.
#pragma once

namespace corpgraph::graph::internal {

// Idempotent: a fresh file runs it after kSchemaV4Sql, a v4 file in its migration.
inline constexpr const char* kSchemaV5Sql = R"sql(
CREATE TABLE IF NOT EXISTS graph_image(
  part INTEGER PRIMARY KEY,
  generation INTEGER NOT NULL,
  checksum INTEGER NOT NULL,
  data BLOB NOT NULL
);
INSERT OR IGNORE INTO metadata(key, value) VALUES ('generation', '1');
UPDATE metadata SET value = '5' WHERE key = 'schema_version';
)sql";

}  // namespace corpgraph::graph::internal
