// extract/internal/hash_set64.h — a flat set of 64-bit hashes for hot lookups.
//
//   HashSet64 prefixes;
//   prefixes.Insert(hash);
//   if (prefixes.Contains(hash)) ...
//
// Open addressing with linear probing in a power-of-two table kept at most half
// full: a lookup is one multiply, one shift and usually one cache line, where
// std::unordered_set pays a 64-bit division and a pointer chase per bucket. The
// extractor asks it for every word token of every sentence. Not thread-safe to
// mutate; const lookups may be shared across threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace corpgraph::extract::internal {

class HashSet64 {
 public:
  void Insert(uint64_t key) {
    if (key == kEmpty) {
      has_empty_key_ = true;
      return;
    }
    if ((size_ + 1) * 2 > slots_.size()) Grow();
    if (Place(slots_, key)) ++size_;
  }

  bool Contains(uint64_t key) const {
    if (key == kEmpty) return has_empty_key_;
    if (slots_.empty()) return false;
    const size_t mask = slots_.size() - 1;
    for (size_t i = Home(key, mask);; i = (i + 1) & mask) {
      if (slots_[i] == key) return true;
      if (slots_[i] == kEmpty) return false;
    }
  }

  // Starts loading the cache line where Contains(key) begins probing. A caller about to ask
  // about many keys asks for all of them first, so their cache misses overlap instead of
  // each stalling the branch that depends on it.
  void Prefetch(uint64_t key) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[Home(key, slots_.size() - 1)]);
  }

  size_t size() const { return size_ + (has_empty_key_ ? 1 : 0); }

 private:
  static constexpr uint64_t kEmpty = 0;  // marks a free slot; the key 0 is kept aside

  static size_t Home(uint64_t key, size_t mask) {
    // Fibonacci hashing: the high bits of the product mix every bit of the key.
    return static_cast<size_t>((key * 0x9E3779B97F4A7C15ULL) >> 32) & mask;
  }

  // Returns true if `key` was not present.
  static bool Place(std::vector<uint64_t>& slots, uint64_t key) {
    const size_t mask = slots.size() - 1;
    for (size_t i = Home(key, mask);; i = (i + 1) & mask) {
      if (slots[i] == key) return false;
      if (slots[i] == kEmpty) {
        slots[i] = key;
        return true;
      }
    }
  }

  void Grow() {
    std::vector<uint64_t> bigger(slots_.empty() ? 64 : slots_.size() * 2, kEmpty);
    for (uint64_t key : slots_) {
      if (key != kEmpty) Place(bigger, key);
    }
    slots_.swap(bigger);
  }

  std::vector<uint64_t> slots_;  // size is zero or a power of two; at most half used
  size_t size_ = 0;              // keys in slots_ (not counting the zero key)
  bool has_empty_key_ = false;
};

}  // namespace corpgraph::extract::internal
