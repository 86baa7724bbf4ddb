// Tests for graph/internal/column_codec.h: every kind of column round-trips
// through the coding PlanColumn picks, in one piece or in slices; the coding
// is the narrow one the column allows; bad codings and bytes are refused.
#include "graph/internal/column_codec.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

namespace corpgraph::graph::internal {
namespace {

// Encodes `column` in slices of `slice` values and decodes it back.
template <typename T>
std::vector<T> RoundTrip(const std::vector<T>& column, const ColumnPlan& plan, size_t slice) {
  std::string bytes;
  for (size_t begin = 0; begin < column.size(); begin += slice) {
    AppendEncoded(column, plan, begin, std::min(column.size(), begin + slice), bytes);
  }
  EXPECT_EQ(bytes.size(), plan.coding.EncodedBytes(column.size()));
  std::vector<T> back(column.size());
  EXPECT_TRUE(DecodeColumn(plan.coding, bytes, back));
  return back;
}

// Values by bit pattern (so that 0.0 and -0.0 differ).
template <typename T>
std::vector<uint64_t> BitsOf(const std::vector<T>& column) {
  std::vector<uint64_t> bits;
  for (const T& value : column) bits.push_back(ToBits(value));
  return bits;
}

template <typename T>
struct Case {
  const char* name;
  std::vector<T> column;
  ColumnMode mode;
  uint8_t width;
};

template <typename T>
void ExpectCases(const std::vector<Case<T>>& cases) {
  for (const Case<T>& c : cases) {
    const ColumnPlan plan = PlanColumn(c.column);
    EXPECT_EQ(static_cast<ColumnMode>(plan.coding.mode), c.mode) << c.name;
    EXPECT_EQ(plan.coding.width, c.width) << c.name;
    for (size_t slice : {size_t{1}, size_t{7}, c.column.size() + 1}) {
      EXPECT_EQ(BitsOf(RoundTrip(c.column, plan, slice)), BitsOf(c.column))
          << c.name << " slice " << slice;
    }
  }
}

TEST(ColumnCodec, UnsignedColumnsRoundTripInTheNarrowestCoding) {
  std::mt19937_64 random(7);
  std::vector<uint32_t> wide(1000);
  for (uint32_t& value : wide) value = static_cast<uint32_t>(random());
  std::vector<uint32_t> offsets = {0};
  for (int i = 0; i < 999; ++i) offsets.push_back(offsets.back() + static_cast<uint32_t>(i % 5));
  std::vector<uint32_t> near_a_million(1000);
  for (uint32_t& value : near_a_million) value = 1'000'000 + static_cast<uint32_t>(random() % 200);
  std::vector<uint32_t> three_bytes(1000);
  for (uint32_t& value : three_bytes) value = static_cast<uint32_t>(random() % 5'000'000);
  ExpectCases<uint32_t>({
      {"empty", {}, ColumnMode::kPlain, 0},
      {"all equal", std::vector<uint32_t>(50, 42), ColumnMode::kPlain, 0},
      {"random 32-bit", wide, ColumnMode::kPlain, 4},
      {"offsets", offsets, ColumnMode::kDelta, 1},
      {"a narrow range far from zero", near_a_million, ColumnMode::kPlain, 1},
      {"three bytes", three_bytes, ColumnMode::kPlain, 3},
      {"largest", {0, UINT32_MAX, 5}, ColumnMode::kPlain, 4},
  });
  ExpectCases<uint8_t>({
      {"types", {0, 3, 9, 3, 0}, ColumnMode::kPlain, 1},
      {"one type", {2, 2, 2}, ColumnMode::kPlain, 0},
  });
}

TEST(ColumnCodec, SignedAndFloatingColumnsRoundTrip) {
  std::vector<int64_t> keys;
  for (int64_t k = 1; k <= 500; ++k) keys.push_back(k * 3);
  ExpectCases<int64_t>({
      {"ascending keys", keys, ColumnMode::kDelta, 1},
      {"negative and positive",
       {-5, 7, std::numeric_limits<int64_t>::min(), 0},
       ColumnMode::kPlain,
       8},
  });
  std::vector<double> strengths;
  for (int i = 0; i < 1000; ++i) strengths.push_back(0.25 + 0.05 * (i % 12));
  std::mt19937_64 random(11);
  std::vector<double> many(70'000);
  for (double& value : many) value = static_cast<double>(random() >> 11) / 9007199254740992.0;
  many[0] = -1.0;
  ExpectCases<double>({
      {"twelve strengths", strengths, ColumnMode::kDictionary, 1},
      {"more values than a table holds", many, ColumnMode::kPlain, 8},
      {"one strength", std::vector<double>(9, 0.5), ColumnMode::kPlain, 0},
      {"signed zeros stay apart",
       {0.0, -0.0, 0.0, 1.0, -0.0, 0.0, 0.0, 0.0, 1.0},
       ColumnMode::kDictionary,
       1},
  });
}

TEST(ColumnCodec, TableIndexesWidenPast256Values) {
  std::vector<uint64_t> hashes;
  for (uint64_t i = 0; i < 5000; ++i) hashes.push_back((i % 300) * 0x9E3779B97F4A7C15ull);
  const ColumnPlan plan = PlanColumn(hashes);
  EXPECT_EQ(static_cast<ColumnMode>(plan.coding.mode), ColumnMode::kDictionary);
  EXPECT_EQ(plan.coding.width, 2);
  EXPECT_EQ(plan.coding.dictionary_size, 300u);
  EXPECT_EQ(RoundTrip(hashes, plan, 1000), hashes);
}

TEST(ColumnCodec, BadCodingsAndBytesAreRefused) {
  const std::vector<uint32_t> column = {1, 2, 3, 4};
  const ColumnPlan plan = PlanColumn(column);
  std::string bytes;
  AppendEncoded(column, plan, 0, column.size(), bytes);
  std::vector<uint32_t> back(column.size());
  ASSERT_TRUE(DecodeColumn(plan.coding, bytes, back));

  EXPECT_FALSE(DecodeColumn(plan.coding, bytes.substr(1), back)) << "short";
  EXPECT_FALSE(DecodeColumn(plan.coding, bytes + "x", back)) << "long";
  ColumnCoding too_wide = plan.coding;
  too_wide.width = 9;
  EXPECT_FALSE(DecodeColumn(too_wide, std::string(36, '\0'), back)) << "width 9";
  ColumnCoding unknown = plan.coding;
  unknown.mode = 7;
  EXPECT_FALSE(DecodeColumn(unknown, bytes, back)) << "unknown mode";
  ColumnCoding table_without_mode = plan.coding;
  table_without_mode.dictionary_size = 1;
  EXPECT_FALSE(DecodeColumn(table_without_mode, std::string(8, '\0') + bytes, back));

  // A value beyond the column's type (a base of 2^40 for 32-bit values).
  ColumnCoding beyond = plan.coding;
  beyond.base = uint64_t{1} << 40;
  EXPECT_FALSE(DecodeColumn(beyond, bytes, back)) << "beyond 32 bits";
  std::vector<uint8_t> small(2);
  ColumnCoding byte_plain;
  byte_plain.width = 2;
  EXPECT_FALSE(DecodeColumn(byte_plain, std::string("\x01\x01\x00\x00", 4), small))
      << "257 in a byte column";

  // A table index past the table.
  const std::vector<double> strengths = {0.5, 0.75, 0.5, 0.5, 0.75, 0.5, 0.5, 0.5};
  const ColumnPlan table = PlanColumn(strengths);
  ASSERT_EQ(static_cast<ColumnMode>(table.coding.mode), ColumnMode::kDictionary);
  std::string coded;
  AppendEncoded(strengths, table, 0, strengths.size(), coded);
  std::vector<double> decoded(strengths.size());
  ASSERT_TRUE(DecodeColumn(table.coding, coded, decoded));
  EXPECT_EQ(decoded, strengths);
  coded.back() = 2;
  EXPECT_FALSE(DecodeColumn(table.coding, coded, decoded)) << "index 2 of a 2-entry table";
}

}  // namespace
}  // namespace corpgraph::graph::internal
