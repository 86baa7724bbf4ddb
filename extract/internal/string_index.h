// extract/internal/string_index.h — a flat map from strings to ints where the first key wins.
//
//   StringIndex<> short_forms;
//   short_forms.Insert("Telkom", 3);    // true: new
//   short_forms.Insert("Telkom", 9);    // false: "Telkom" keeps 3
//   if (const int* entity = short_forms.Find("Telkom")) ...
//
// Each key is filed under its 64-bit hash (FNV-1a unless `Hash` says otherwise) in a
// HashIndex64; a key whose hash an earlier, different key took goes to a std::unordered_map.
// A lookup is one pass of the hash over the key, one probe of a flat table and one string
// comparison, where an unordered_map<std::string, int> hashes with std::hash, takes a modulo
// and chases a bucket and a node. The extractor keeps the short forms of a document's entities
// here ("Telkom" after "Telkom Indonesia"). Not thread-safe to mutate; const lookups may be
// shared across threads.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "extract/internal/hash_index64.h"

namespace corpgraph::extract::internal {

// FNV-1a over the bytes of `key`.
struct Fnv1aHash {
  uint64_t operator()(std::string_view key) const {
    uint64_t h = 14695981039346656037ULL;
    for (const char c : key) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    return h;
  }
};

// `Key`: how a key is kept. std::string_view keeps no copy: the caller's keys must then outlive
// the index, or at least its next Clear() (the extractor's short forms are views of the
// document's text).
template <typename Hash = Fnv1aHash, typename Key = std::string>
class StringIndex {
 public:
  // Maps `key` to `value` unless `key` is already there (it keeps its value). Returns true if
  // the key was new.
  bool Insert(std::string_view key, int value) {
    const auto fresh = static_cast<uint32_t>(keys_.size());
    const uint32_t first = index_.Insert(Hash()(key), fresh);
    if (first == fresh) {
      keys_.emplace_back(key);
      values_.push_back(value);
      return true;
    }
    if (keys_[first] == key) return false;
    return collisions_.emplace(std::string(key), value).second;  // another key took the hash
  }

  // The value of `key`, or null. The pointer is valid until the next Insert.
  const int* Find(std::string_view key) const { return FindHashed(key, Hash()(key)); }

  // Find(key) for a caller that has `hash` = Hash()(key) already (the extractor's token hashes
  // are its key hashes): the same answer without hashing the key again.
  const int* FindHashed(std::string_view key, uint64_t hash) const {
    const uint32_t* first = index_.Find(hash);
    if (first == nullptr) return nullptr;
    // Sizes, then bytes: a comparison GCC inlines in every caller, whatever else the unit holds
    // (the extractor's FindCueLists asks for every token's lists).
    const Key& found = keys_[*first];
    if (found.size() == key.size() &&
        (key.empty() || std::memcmp(found.data(), key.data(), key.size()) == 0)) {
      return &values_[*first];
    }
    if (collisions_.empty()) return nullptr;
    const auto it = collisions_.find(std::string(key));
    return it == collisions_.end() ? nullptr : &it->second;
  }

  size_t size() const { return keys_.size() + collisions_.size(); }

  // Empties the index, keeping its tables' capacity for the next keys.
  void Clear() {
    index_.Clear();
    keys_.clear();
    values_.clear();
    collisions_.clear();
  }

 private:
  HashIndex64 index_;        // hash -> position in keys_ and values_ of its first key
  std::vector<Key> keys_;    // keys in insertion order, one per distinct hash
  std::vector<int> values_;  // parallel to keys_
  std::unordered_map<std::string, int> collisions_;  // keys whose hash an earlier key took
};

}  // namespace corpgraph::extract::internal
