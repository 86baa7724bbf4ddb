// graph/internal/codec.h — how the store writes string maps and string lists
// into single TEXT columns: as JSON objects / arrays of strings, so that the
// database stays readable with SQLite's json_each() and other tools.
//
//   std::string text = EncodeStringMap({{"ticker", "BABA"}});  // {"ticker":"BABA"}
//   ASSIGN_OR_RETURN(auto map, DecodeStringMap(text));
//
// Pure functions, thread-safe.
#pragma once

#include <map>
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

}  // namespace corpgraph::graph::internal
