// graph/internal/column_codec.h — compact storage of the graph image's arrays
// (relation columns, adjacency, name and parent indexes).
//
//   ColumnPlan plan = PlanColumn(column);                 // smallest of three codings
//   std::string bytes;
//   AppendEncoded(column, plan, 0, column.size(), bytes);  // plan.coding.EncodedBytes(n) bytes
//   std::vector<uint32_t> back(column.size());
//   bool ok = DecodeColumn(plan.coding, bytes, back);     // back == column
//
// Each value is taken as its 64-bit pattern (an integer's unsigned value, a
// double's bits) and stored in `width` bytes (0 to 8, little-endian) as one of:
//   kPlain       value - base, base the smallest value;
//   kDelta       value - previous value (base before the first), for arrays
//                that never decrease (offsets, sorted keys);
//   kDictionary  an index into a table of the distinct values (at most
//                kMaxDictionary of them), stored as 8-byte patterns before the
//                indexes.
// Decoding is a loop of fixed-width loads, so an image opens at memory speed
// rather than at a general-purpose decompressor's.
//
// Stateless functions; thread-safe.
#pragma once

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_set>
#include <vector>

namespace corpgraph::graph::internal {

static_assert(std::endian::native == std::endian::little,
              "the graph image stores little-endian values");

enum class ColumnMode : uint8_t { kPlain = 0, kDelta = 1, kDictionary = 2 };

inline constexpr uint32_t kMaxDictionary = 1u << 16;

// How one array is stored; 16 bytes, part of the image header.
struct ColumnCoding {
  uint8_t mode = 0;   // ColumnMode
  uint8_t width = 8;  // bytes per stored value, 0..8
  uint8_t unused[2] = {0, 0};
  uint32_t dictionary_size = 0;  // kDictionary only: the table's entries
  uint64_t base = 0;             // kPlain: added to each value; kDelta: the start

  // Bytes the encoding of `count` values takes.
  uint64_t EncodedBytes(uint64_t count) const {
    return uint64_t{dictionary_size} * 8 + count * width;
  }
};
static_assert(sizeof(ColumnCoding) == 16);

// The 64-bit pattern of a value, and back.
template <typename T>
uint64_t ToBits(T value) {
  if constexpr (std::is_floating_point_v<T>) {
    static_assert(sizeof(T) == 8);
    return std::bit_cast<uint64_t>(value);
  } else {
    return static_cast<uint64_t>(static_cast<std::make_unsigned_t<T>>(value));
  }
}
template <typename T>
T FromBits(uint64_t bits) {
  if constexpr (std::is_floating_point_v<T>) {
    return std::bit_cast<T>(bits);
  } else {
    return static_cast<T>(static_cast<std::make_unsigned_t<T>>(bits));
  }
}

// Bytes needed to hold `value` (0 for 0).
inline uint8_t BytesFor(uint64_t value) {
  return static_cast<uint8_t>((std::bit_width(value) + 7) / 8);
}

// How a column is written: its coding and, for kDictionary, the table (the
// distinct values, ascending).
struct ColumnPlan {
  ColumnCoding coding;
  std::vector<uint64_t> table;
};

// The coding that stores `column` in the fewest bytes (kPlain on ties).
template <typename T>
ColumnPlan PlanColumn(const std::vector<T> &column) {
  ColumnCoding plain;
  if (column.empty()) {
    plain.width = 0;
    return {plain, {}};
  }
  uint64_t low = UINT64_MAX;
  uint64_t high = 0;
  uint64_t largest_step = 0;
  bool never_decreases = true;
  uint64_t previous = ToBits(column.front());
  for (const T &value : column) {
    const uint64_t bits = ToBits(value);
    low = std::min(low, bits);
    high = std::max(high, bits);
    if (bits < previous) never_decreases = false;
    largest_step = std::max(largest_step, bits - previous);
    previous = bits;
  }
  plain.base = low;
  plain.width = BytesFor(high - low);
  ColumnCoding best = plain;
  std::vector<uint64_t> best_table;
  const uint64_t count = column.size();
  if (never_decreases) {
    ColumnCoding delta;
    delta.mode = static_cast<uint8_t>(ColumnMode::kDelta);
    delta.base = ToBits(column.front());
    delta.width = BytesFor(largest_step);
    if (delta.EncodedBytes(count) < best.EncodedBytes(count)) best = delta;
  }
  // A table only pays when it narrows the values, and the set is only built
  // for columns that are wider than a table's indexes could be.
  if (best.width > 2) {
    std::unordered_set<uint64_t> distinct;
    for (const T &value : column) {
      distinct.insert(ToBits(value));
      if (distinct.size() > kMaxDictionary) break;
    }
    if (distinct.size() <= kMaxDictionary) {
      ColumnCoding table;
      table.mode = static_cast<uint8_t>(ColumnMode::kDictionary);
      table.dictionary_size = static_cast<uint32_t>(distinct.size());
      table.width = BytesFor(distinct.size() - 1);
      if (table.EncodedBytes(count) < best.EncodedBytes(count)) {
        best = table;
        best_table.assign(distinct.begin(), distinct.end());
        std::sort(best_table.begin(), best_table.end());
      }
    }
  }
  return {best, std::move(best_table)};
}

namespace column_codec_detail {

inline void PutValue(std::string &out, uint64_t value, uint8_t width) {
  out.append(reinterpret_cast<const char *>(&value), width);
}

// Calls take(i, stored) for each of `count` stored values of kWidth bytes.
template <int kWidth, typename Take>
void ForEachStoredOf(const char *data, size_t count, Take &&take) {
  for (size_t i = 0; i < count; ++i) {
    uint64_t stored = 0;
    if constexpr (kWidth > 0) std::memcpy(&stored, data + i * kWidth, kWidth);
    take(i, stored);
  }
}

template <typename Take>
void ForEachStored(const char *data, size_t count, uint8_t width, Take &&take) {
  switch (width) {
    case 0:
      return ForEachStoredOf<0>(data, count, take);
    case 1:
      return ForEachStoredOf<1>(data, count, take);
    case 2:
      return ForEachStoredOf<2>(data, count, take);
    case 3:
      return ForEachStoredOf<3>(data, count, take);
    case 4:
      return ForEachStoredOf<4>(data, count, take);
    case 5:
      return ForEachStoredOf<5>(data, count, take);
    case 6:
      return ForEachStoredOf<6>(data, count, take);
    case 7:
      return ForEachStoredOf<7>(data, count, take);
    default:
      return ForEachStoredOf<8>(data, count, take);
  }
}

}  // namespace column_codec_detail

// Appends the encoding of column[begin, end) under `plan` (PlanColumn of the
// whole column) to `out`; the dictionary's table goes before the first value,
// so a column can be written in slices [0, k), [k, 2k), ... in order.
template <typename T>
void AppendEncoded(const std::vector<T> &column, const ColumnPlan &plan, size_t begin, size_t end,
                   std::string &out) {
  namespace detail = column_codec_detail;
  const ColumnCoding &coding = plan.coding;
  switch (static_cast<ColumnMode>(coding.mode)) {
    case ColumnMode::kPlain:
      for (size_t i = begin; i < end; ++i) {
        detail::PutValue(out, ToBits(column[i]) - coding.base, coding.width);
      }
      return;
    case ColumnMode::kDelta: {
      uint64_t previous = begin == 0 ? coding.base : ToBits(column[begin - 1]);
      for (size_t i = begin; i < end; ++i) {
        const uint64_t bits = ToBits(column[i]);
        detail::PutValue(out, bits - previous, coding.width);
        previous = bits;
      }
      return;
    }
    case ColumnMode::kDictionary: {
      const std::vector<uint64_t> &table = plan.table;
      if (begin == 0) {
        for (uint64_t bits : table) detail::PutValue(out, bits, 8);
      }
      for (size_t i = begin; i < end; ++i) {
        const auto at = std::lower_bound(table.begin(), table.end(), ToBits(column[i]));
        detail::PutValue(out, static_cast<uint64_t>(at - table.begin()), coding.width);
      }
      return;
    }
  }
}

// Decodes `encoded` (exactly coding.EncodedBytes(column.size()) bytes) into
// `column`, already sized. False, with `column` in an unspecified state, if
// the coding is unknown, the sizes disagree, a dictionary index is out of
// its table, or a value does not fit T.
template <typename T>
bool DecodeColumn(const ColumnCoding &coding, std::string_view encoded, std::vector<T> &column) {
  namespace detail = column_codec_detail;
  const size_t count = column.size();
  if (coding.width > 8 || coding.dictionary_size > kMaxDictionary ||
      (coding.dictionary_size != 0) !=
          (static_cast<ColumnMode>(coding.mode) == ColumnMode::kDictionary) ||
      encoded.size() != coding.EncodedBytes(count)) {
    return false;
  }
  constexpr uint64_t kMaxBits = sizeof(T) >= 8 ? UINT64_MAX : (uint64_t{1} << (8 * sizeof(T))) - 1;
  uint64_t widest = 0;  // OR of every value: fits T iff it is <= kMaxBits
  const char *data = encoded.data();
  switch (static_cast<ColumnMode>(coding.mode)) {
    case ColumnMode::kPlain: {
      const uint64_t base = coding.base;
      detail::ForEachStored(data, count, coding.width, [&](size_t i, uint64_t stored) {
        const uint64_t bits = base + stored;
        widest |= bits;
        column[i] = FromBits<T>(bits);
      });
      break;
    }
    case ColumnMode::kDelta: {
      uint64_t bits = coding.base;
      detail::ForEachStored(data, count, coding.width, [&](size_t i, uint64_t stored) {
        bits += stored;
        widest |= bits;
        column[i] = FromBits<T>(bits);
      });
      break;
    }
    case ColumnMode::kDictionary: {
      std::vector<uint64_t> table(coding.dictionary_size);
      std::memcpy(table.data(), data, table.size() * 8);
      for (uint64_t bits : table) widest |= bits;
      const uint64_t size = table.size();
      bool in_table = true;
      detail::ForEachStored(data + size * 8, count, coding.width, [&](size_t i, uint64_t stored) {
        if (stored >= size) {
          in_table = false;
          return;
        }
        column[i] = FromBits<T>(table[stored]);
      });
      if (!in_table) return false;
      break;
    }
    default:
      return false;
  }
  return widest <= kMaxBits;
}

}  // namespace corpgraph::graph::internal
