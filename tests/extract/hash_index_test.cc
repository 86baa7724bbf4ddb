#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <unordered_map>

#include "extract/internal/hash_index64.h"

namespace corpgraph::extract::internal {
namespace {

TEST(HashIndex64, KeepsTheFirstValueOfAKey) {
  HashIndex64 index;
  EXPECT_EQ(index.Find(42), nullptr);
  EXPECT_EQ(index.Insert(42, 7), 7u);
  EXPECT_EQ(index.Insert(42, 9), 7u);
  ASSERT_NE(index.Find(42), nullptr);
  EXPECT_EQ(*index.Find(42), 7u);
  // Zero is an ordinary key.
  EXPECT_EQ(index.Find(0), nullptr);
  EXPECT_EQ(index.Insert(0, 1), 1u);
  ASSERT_NE(index.Find(0), nullptr);
  EXPECT_EQ(*index.Find(0), 1u);
}

// Clear empties the index for reuse, small (kept, zeroed) or grown past 4096 slots (freed).
TEST(HashIndex64, ClearForgetsEveryKey) {
  for (const uint32_t count : {10u, 5000u}) {
    HashIndex64 index;
    for (uint32_t i = 0; i < count; ++i) index.Insert(i * 7919u, i);
    index.Clear();
    for (uint32_t i = 0; i < count; ++i) EXPECT_EQ(index.Find(i * 7919u), nullptr) << i;
    EXPECT_EQ(index.Insert(7919u, 5), 5u);
    EXPECT_EQ(index.Insert(7919u, 6), 5u);
    EXPECT_EQ(index.Find(0), nullptr);
  }
}

// Checked against std::unordered_map through growth, with keys that share home slots.
TEST(HashIndex64, AgreesWithANaiveMap) {
  HashIndex64 index;
  std::unordered_map<uint64_t, uint32_t> reference;
  std::mt19937_64 random(7);
  for (uint32_t i = 0; i < 20000; ++i) {
    // Half the keys differ only in their low bits, which Fibonacci hashing spreads.
    const uint64_t key = i % 2 == 0 ? random() : (random() & ~uint64_t{0xFF}) | (i & 0xFF);
    reference.emplace(key, i);
    EXPECT_EQ(index.Insert(key, i), reference.at(key)) << key;
  }
  for (const auto& [key, value] : reference) {
    const uint32_t* found = index.Find(key);
    ASSERT_NE(found, nullptr) << key;
    EXPECT_EQ(*found, value) << key;
  }
  for (int i = 0; i < 20000; ++i) {
    const uint64_t key = random();
    EXPECT_EQ(index.Find(key) != nullptr, reference.count(key) > 0) << key;
  }
}

}  // namespace
}  // namespace corpgraph::extract::internal
