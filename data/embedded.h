// data/embedded.h — the default lexicons and rules, compiled into the binary.
//
//   std::optional<std::string_view> places = data::EmbeddedFile("places.json");
//
// The contents are the JSON files of this folder, byte for byte, valid for the
// life of the process. Thread-safe (read-only data).
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace corpgraph::data {

// The embedded copy of data/<name>, or nullopt if no such file was embedded.
std::optional<std::string_view> EmbeddedFile(std::string_view name);
// The names of all embedded files, in a fixed order.
std::vector<std::string_view> EmbeddedFileNames();

}  // namespace corpgraph::data
