// extract/internal/byte_mask.h — byte-class tests on eight bytes at once (SWAR).
//
//   uint64_t w;
//   std::memcpy(&w, p, 8);  // p[0] is the low byte (little-endian)
//   const uint64_t upper = ByteRangeMask(w, 'A', 'Z');  // 0x80 in each byte that is A..Z
//
// The tokenizer finds where an ASCII word ends and counts its letters this way, and the
// extractor folds the case of token bytes before hashing them. Pure functions; thread-safe.
#pragma once

#include <bit>
#include <cstdint>

namespace corpgraph::extract::internal {

static_assert(std::endian::native == std::endian::little, "the first byte must be the low byte");

inline constexpr uint64_t kEachByte = 0x0101010101010101ULL;
inline constexpr uint64_t kHighBits = 0x8080808080808080ULL;

// 0x80 in each byte of `w` from `first` to `last` (ASCII), 0 elsewhere (bytes >= 0x80
// included). The low seven bits plus a constant carry into the top bit exactly when they
// reach `first` (or pass `last`), and never into the next byte.
constexpr uint64_t ByteRangeMask(uint64_t w, uint8_t first, uint8_t last) {
  const uint64_t low7 = w & ~kHighBits;
  return (low7 + (0x80 - first) * kEachByte) & ~(low7 + (0x80 - last - 1) * kEachByte) & ~w &
         kHighBits;
}
static_assert(ByteRangeMask(0x5A415B40612F7A7BULL, 'A', 'Z') == 0x8080000000000000ULL);
static_assert(ByteRangeMask(0x5A415B40612F7A7BULL, 'a', 'z') == 0x0000000080008000ULL);
static_assert(ByteRangeMask(0xC1DA000000000000ULL, 'A', 'Z') == 0);  // 'A' | 0x80, 'Z' | 0x80

// The number of bytes marked in `mask`, which holds no bit but the bytes' top bits (as
// ByteRangeMask gives): one multiply sums the eight 0/1 bytes into the top byte, where
// std::popcount without a POPCNT target is a library call.
constexpr int CountMarkedBytes(uint64_t mask) {
  return static_cast<int>(((mask >> 7) * kEachByte) >> 56);
}
static_assert(CountMarkedBytes(0) == 0 && CountMarkedBytes(kHighBits) == 8);
static_assert(CountMarkedBytes(0x8000800000000080ULL) == 3);

}  // namespace corpgraph::extract::internal
