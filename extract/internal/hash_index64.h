// extract/internal/hash_index64.h — a flat map from 64-bit hashes to small integers.
//
//   HashIndex64 index;
//   index.Insert(hash, 7);
//   if (const uint32_t* value = index.Find(hash)) ...
//
// The same open addressing as HashSet64 (linear probing, a power-of-two table at most
// half full), with a value beside each key: one probe usually answers, where
// std::unordered_map<std::string, ...> hashes the string again and chases pointers to a
// bucket and a node. Not thread-safe to mutate; const lookups may be shared across threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

namespace corpgraph::extract::internal {

class HashIndex64 {
 public:
  // Maps `key` to `value`; an existing key keeps its first value. Returns that value.
  uint32_t Insert(uint64_t key, uint32_t value) {
    if ((size_ + 1) * 2 > slots_.size()) Grow();
    Slot& slot = slots_[Probe(slots_, key)];
    if (!slot.used) {
      slot = {key, value, true};
      ++size_;
    }
    return slot.value;
  }

  // Empties the index. A table of up to 4096 slots is kept for the next keys (a run reusing one
  // index per document allocates nothing); a larger one, grown by one big document, is freed
  // rather than cleared for every later small one.
  void Clear() {
    if (slots_.size() > 4096) {
      std::vector<Slot>().swap(slots_);
    } else if (size_ > 0) {
      // All-zero bytes are an empty slot ({0, 0, false}); memset beats a loop of Slot{} stores.
      std::memset(static_cast<void*>(slots_.data()), 0, slots_.size() * sizeof(Slot));
    }
    size_ = 0;
  }

  // The value of `key`, or null. The pointer is valid until the next Insert.
  const uint32_t* Find(uint64_t key) const {
    if (slots_.empty()) return nullptr;
    const Slot& slot = slots_[Probe(slots_, key)];
    return slot.used ? &slot.value : nullptr;
  }

 private:
  struct Slot {
    uint64_t key = 0;
    uint32_t value = 0;
    bool used = false;
  };

  // The slot holding `key`, or the free slot where it would go.
  static size_t Probe(const std::vector<Slot>& slots, uint64_t key) {
    const size_t mask = slots.size() - 1;
    // Fibonacci hashing: the high bits of the product mix every bit of the key.
    for (size_t i = static_cast<size_t>((key * 0x9E3779B97F4A7C15ULL) >> 32) & mask;;
         i = (i + 1) & mask) {
      if (!slots[i].used || slots[i].key == key) return i;
    }
  }

  void Grow() {
    std::vector<Slot> bigger(slots_.empty() ? 64 : slots_.size() * 2);
    for (const Slot& slot : slots_) {
      if (slot.used) bigger[Probe(bigger, slot.key)] = slot;
    }
    slots_.swap(bigger);
  }

  std::vector<Slot> slots_;  // size is zero or a power of two; at most half used
  size_t size_ = 0;
};

}  // namespace corpgraph::extract::internal
