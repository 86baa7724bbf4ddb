// Small, pure text helpers every module needs: ids from names, content hashes,
// UTF-8 validation and repair. All functions are thread-safe and allocation-light.
//
//   Slugify("Eddie Wu")            == "eddie-wu"
//   Sha256Hex("abc")               == "ba7816bf..."
//   Utf8Repair r = RepairUtf8(raw); // r.text is valid UTF-8, r.invalid_sequences counts fixes
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace corpgraph {

// Lower-cases ASCII letters, keeps ASCII digits and non-ASCII bytes (UTF-8
// letters), turns every other run of characters into one '-', and trims '-'.
// "Alibaba Group Holding Ltd." -> "alibaba-group-holding-ltd".
std::string Slugify(std::string_view name);
// Appends Slugify(name) to `out` (a prefix such as "org:" may already be there): lets a
// caller build ids in a reused buffer.
void AppendSlug(std::string_view name, std::string& out);

// Lower-case hex SHA-256 of `data` (64 characters).
std::string Sha256Hex(std::string_view data);

struct Utf8Repair {
  std::string text;                   // valid UTF-8; each bad sequence became U+FFFD
  uint64_t invalid_sequences = 0;     // how many were replaced
  uint64_t first_invalid_offset = 0;  // byte offset in the input of the first one
};

// True if `text` is valid UTF-8 (no overlongs, surrogates or code points > U+10FFFF).
bool IsValidUtf8(std::string_view text);
// Returns `text` with every invalid sequence replaced by U+FFFD.
Utf8Repair RepairUtf8(std::string_view text);

// True if `data` looks binary: a NUL byte in its first 8 KiB, or mostly control bytes.
bool LooksBinary(std::string_view data);

// Appends the UTF-8 encoding of `code_point` to `out`; surrogates and values past
// U+10FFFF become U+FFFD. U+0000 is encoded as a NUL byte (callers decide about it).
void AppendUtf8(uint32_t code_point, std::string& out);

std::string AsciiLower(std::string_view text);
// Appends `text` with ASCII letters lower-cased to `out`: AsciiLower into a reused buffer.
void AppendAsciiLower(std::string_view text, std::string& out);
std::string_view TrimWhitespace(std::string_view text);

// Hashes std::string and std::string_view alike (the same value std::hash<std::string>
// gives, so containers keep their iteration order), letting lookups by string_view
// build no temporary std::string.
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// String-keyed containers that accept std::string_view (and const char*) keys in
// find/count/contains without allocating.
using StringSet = std::unordered_set<std::string, StringHash, std::equal_to<>>;
template <typename V>
using StringMap = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;

}  // namespace corpgraph
