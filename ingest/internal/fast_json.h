// ingest/internal/fast_json.h — a fast path for the common JSONL line: one
// flat JSON object whose values are strings, numbers, true, false or null.
// Anything else (nesting, odd escapes, lone surrogates, bad syntax) makes it
// return false, and the caller falls back to nlohmann_json, which then also
// produces the error message. Private to ingest/. Thread-safe (pure).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace corpgraph::ingest::internal {

struct FlatField {
  std::string key;
  std::string value;  // decoded string, or the literal text of a number/true/false/null
  bool is_string = false;
  bool is_number = false;
  bool is_null = false;
};

// Parses `line` as a flat object into *fields (in order; duplicates kept).
// Returns false if the line is not such an object (not necessarily invalid JSON).
bool ParseFlatObject(std::string_view line, std::vector<FlatField>* fields);

// True if every byte is < 0x80 (fast word-at-a-time check).
bool IsAscii(std::string_view text);

}  // namespace corpgraph::ingest::internal
