// extract/internal/literal_set.h — finds which of a fixed set of literal strings occur in
// a text, ignoring ASCII case.
//
//   LiteralSet literals;
//   literals.Build({"acquired", " unit of", "'s"});
//   std::vector<int> found;
//   literals.FindAll("Beta Corp acquired Gamma", found);  // found == {0}
//
// The relation rules' prefilter asks it for the literals ("atoms") each rule needs, once per
// sentence. A 64 Kbit map says which byte pairs start a literal; literals of three bytes or
// more are then found through a hash table on their first three bytes and compared eight
// bytes at a time. A text position costs a bitmap probe; only positions whose two bytes
// start some literal go further.
// Bytes outside ASCII compare exactly, so a literal with non-ASCII bytes matches only the
// same bytes (RE2's case-insensitive matching would also fold them; callers that need that
// must not rely on this class for such literals). Read-only after Build: FindAll and ForEach
// may be called from many threads.
#pragma once

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace corpgraph::extract::internal {

// The eight-byte comparisons take a literal's first byte as the word's lowest.
static_assert(std::endian::native == std::endian::little, "LiteralSet assumes little-endian");

class LiteralSet {
 public:
  // Replaces the set. Literal i keeps index i. An empty literal occurs in every text.
  void Build(const std::vector<std::string>& literals) {
    always_.clear();
    one_byte_.clear();
    two_byte_.clear();
    long_.clear();
    short_pairs_.fill(0);
    long_pairs_.fill(0);
    std::vector<std::pair<uint32_t, Long>> by_key;  // (first three bytes, literal)
    for (size_t i = 0; i < literals.size(); ++i) {
      std::string lower = literals[i];
      for (char& c : lower) c = Lower(c);
      const auto index = static_cast<uint32_t>(i);
      const auto b0 = static_cast<unsigned char>(lower.empty() ? 0 : lower[0]);
      if (lower.empty()) {
        always_.push_back(static_cast<int>(i));
      } else if (lower.size() == 1) {
        one_byte_.emplace_back(b0, index);
        for (unsigned b1 = 0; b1 < 256; ++b1) Mark(short_pairs_, b0 | b1 << 8);  // any next byte
      } else if (lower.size() == 2) {
        const uint32_t pair = b0 | static_cast<uint32_t>(static_cast<unsigned char>(lower[1])) << 8;
        two_byte_.emplace_back(pair, index);
        Mark(short_pairs_, pair);
      } else {
        Long entry;
        entry.index = index;
        entry.rest = lower;
        const size_t head = std::min<size_t>(lower.size(), 8);
        std::memcpy(&entry.prefix, lower.data(), head);
        entry.mask = head == 8 ? ~uint64_t{0} : (uint64_t{1} << (8 * head)) - 1;
        entry.length = static_cast<uint32_t>(lower.size());
        Mark(long_pairs_, b0 | static_cast<uint32_t>(static_cast<unsigned char>(lower[1])) << 8);
        by_key.emplace_back(static_cast<uint32_t>(entry.prefix & 0xFFFFFF), std::move(entry));
      }
    }
    std::stable_sort(by_key.begin(), by_key.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    size_t slots = 64;
    while (slots < 2 * by_key.size()) slots *= 2;
    table_.assign(slots, Slot{});
    mask_ = slots - 1;
    for (size_t i = 0; i < by_key.size();) {
      size_t j = i;
      while (j < by_key.size() && by_key[j].first == by_key[i].first) {
        long_.push_back(std::move(by_key[j++].second));
      }
      Slot& slot = table_[SlotOf(by_key[i].first)];
      slot.key = by_key[i].first;
      slot.begin = static_cast<uint32_t>(long_.size() - (j - i));
      slot.end = static_cast<uint32_t>(long_.size());
      i = j;
    }
  }

  // Sets `out` to the index of every literal that occurs in `text`, each once, in
  // increasing order.
  void FindAll(std::string_view text, std::vector<int>& out) const {
    out.clear();
    ForEach(text, [&](int literal, size_t) { out.push_back(literal); });
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
  }

  // Calls found(literal, at) for every occurrence of a literal in `text`, `at` being where
  // it starts; occurrences come in increasing order of `at` (several literals may start at
  // one position). An empty literal is reported once, at text.size().
  template <typename Found>
  void ForEach(std::string_view text, Found&& found) const {
    for (int index : always_) found(index, text.size());
    // The text lower-cased, with eight zero bytes after it for the word-sized reads.
    thread_local std::string lower;
    const size_t n = text.size();
    lower.resize(n + 8);
    for (size_t i = 0; i < n; ++i) lower[i] = Lower(text[i]);
    std::memset(lower.data() + n, 0, 8);
    const char* p = lower.data();
    for (size_t i = 0; i < n; ++i) {
      const uint32_t pair = static_cast<unsigned char>(p[i]) |
                            static_cast<uint32_t>(static_cast<unsigned char>(p[i + 1])) << 8;
      if (Has(short_pairs_, pair)) {
        for (const auto& [byte, index] : one_byte_) {
          if (byte == (pair & 0xFF)) found(static_cast<int>(index), i);
        }
        if (i + 1 < n) {
          for (const auto& [two, index] : two_byte_) {
            if (two == pair) found(static_cast<int>(index), i);
          }
        }
      }
      if (i + 2 >= n || !Has(long_pairs_, pair)) continue;
      uint64_t word;
      std::memcpy(&word, p + i, 8);
      const Slot& slot = table_[SlotOf(static_cast<uint32_t>(word & 0xFFFFFF))];
      for (uint32_t k = slot.begin; k < slot.end; ++k) {
        const Long& literal = long_[k];
        if ((word & literal.mask) != literal.prefix || literal.length > n - i) continue;
        if (literal.length <= 8 ||
            std::memcmp(p + i + 8, literal.rest.data() + 8, literal.length - 8) == 0) {
          found(static_cast<int>(literal.index), i);
        }
      }
    }
  }

 private:
  struct Long {           // a literal of three bytes or more
    uint64_t prefix = 0;  // its first (up to) eight bytes, little-endian
    uint64_t mask = 0;    // which bytes of `prefix` count
    uint32_t length = 0;
    uint32_t index = 0;
    std::string rest;  // the whole literal (compared from byte 8 on)
  };
  struct Slot {
    uint32_t key = 0xFFFFFFFFu;  // no three bytes give this (the top byte is zero)
    uint32_t begin = 0;          // range of long_; empty for an unused slot
    uint32_t end = 0;
  };

  static char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }
  using PairMap = std::array<uint64_t, 65536 / 64>;  // a bit per (first | second << 8)
  static void Mark(PairMap& map, uint32_t pair) { map[pair / 64] |= uint64_t{1} << (pair % 64); }
  static bool Has(const PairMap& map, uint32_t pair) { return (map[pair / 64] >> (pair % 64)) & 1; }
  // The slot holding `key`, or the empty slot where it would go (the table is at most half
  // full, so there is always one).
  size_t SlotOf(uint32_t key) const {
    size_t i = static_cast<size_t>((uint64_t{key} * 0x9E3779B97F4A7C15ull) >> 32) & mask_;
    while (table_[i].key != key && table_[i].key != Slot{}.key) i = (i + 1) & mask_;
    return i;
  }

  std::vector<int> always_;                              // empty literals
  std::vector<std::pair<uint32_t, uint32_t>> one_byte_;  // (byte, literal)
  std::vector<std::pair<uint32_t, uint32_t>> two_byte_;  // (byte pair, literal)
  std::vector<Long> long_;                               // grouped by their first three bytes
  std::vector<Slot> table_;                              // first three bytes -> range of long_
  size_t mask_ = 0;
  PairMap short_pairs_{};  // byte pairs that start a literal of one or two bytes
  PairMap long_pairs_{};   // byte pairs that start a longer literal
};

}  // namespace corpgraph::extract::internal
