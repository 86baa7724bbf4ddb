// graph/internal/codec.h — how the store writes string maps and string lists
// into single TEXT columns: as JSON objects / arrays of strings, so that the
// database stays readable with SQLite's json_each() and other tools.
//
//   std::string text = EncodeStringMap({{"ticker", "BABA"}});  // {"ticker":"BABA"}
//   ASSIGN_OR_RETURN(auto map, DecodeStringMap(text));
//
// Pure functions, thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace corpgraph::graph::internal {

// {"key":"value",...} with keys in map order; strings are JSON-escaped.
std::string EncodeStringMap(const std::map<std::string, std::string>& map);
// ["a","b",...] in the given order.
std::string EncodeStringList(const std::vector<std::string>& list);

// Inverses of the above. Empty text decodes to an empty map/list. Anything that
// is not a flat JSON object of strings (array of strings) is InvalidArgument.
Result<std::map<std::string, std::string>> DecodeStringMap(std::string_view text);
Result<std::vector<std::string>> DecodeStringList(std::string_view text);

// A confidence or strength as its integer per-mille when that is exact
// (dividing it by 1000.0 gives back the same double), else nullopt.
std::optional<int64_t> Milli(double value);

// The zigzag LEB128 varint of `value` (small magnitudes, either sign, in few bytes).
void AppendVarint(std::string& out, int64_t value);
// Reads a zigzag varint (AppendVarint) at `at`, advancing it; false if truncated.
bool ReadVarint(std::string_view in, size_t& at, int64_t& value);

// An evidence row's small columns, which schema v7 keeps in one BLOB
// (`evidence.fields`): SQLite spends a record-header byte on every column, and
// these seven took 7 header bytes for 6-8 bytes of values. As varints: the
// subject's offset from the sentence start and its length, the object's offset
// and length (zigzag: an offset is negative when the argument comes before the
// sentence, and nothing stops a caller's span from ending before it starts),
// the rule's and the kind's vocabulary keys, then the confidence: per-mille + 1 when it is a whole
// number of thousandths in [0, 0.999...] (Milli; every confidence the
// extractor gives), else 0 followed by the double's 8 bytes (little-endian).
struct EvidenceFields {
  int64_t subj_offset = 0;
  int64_t subj_length = 0;
  int64_t obj_offset = 0;
  int64_t obj_length = 0;
  int64_t rule = 0;
  int64_t kind = 0;
  double confidence = 0;
};
inline constexpr int kEvidenceFieldCount = 7;

// Empty if the rule or kind key is negative (which no v6 file of ours has).
std::string PackEvidenceFields(const EvidenceFields& fields);
// nullopt if `packed` is not exactly one PackEvidenceFields output.
std::optional<EvidenceFields> UnpackEvidenceFields(std::string_view packed);

}  // namespace corpgraph::graph::internal
