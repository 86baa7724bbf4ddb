// ingest/internal/json_writer.h — appends JSON values to a string without building a
// document first, writing exactly what nlohmann_json's compact dump writes
// (`dump(-1, ' ', false, error_handler_t::replace)`): the same escapes, the same shortest
// round-trip doubles, invalid UTF-8 replaced by U+FFFD the same way. `corpgraph extract`
// writes every line through it: building an `ordered_json` per line and dumping it cost as
// much as extracting the document. Private to ingest/. Thread-safe (pure).
//
//   std::string line;
//   line += '{';
//   AppendJsonKey("doc", &line);
//   AppendJsonString(doc.id, &line);
//   line += '}';
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace corpgraph::ingest::internal {

// `text` as a JSON string, quotes included.
void AppendJsonString(std::string_view text, std::string* out);
// `"key":` for a key known to need no escapes (plain ASCII letters, digits, '_').
void AppendJsonKey(std::string_view key, std::string* out);
// A number as nlohmann_json writes a double (non-finite values as null).
void AppendJsonNumber(double value, std::string* out);
void AppendJsonNumber(uint64_t value, std::string* out);
void AppendJsonBool(bool value, std::string* out);

}  // namespace corpgraph::ingest::internal
