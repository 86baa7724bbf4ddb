#include "extract/internal/string_index.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <string_view>
#include <unordered_map>

namespace corpgraph::extract::internal {
namespace {

// Files every key of one length under one hash: most keys collide, so the collision map
// carries them.
struct LengthHash {
  uint64_t operator()(std::string_view key) const { return key.size(); }
};

TEST(StringIndex, KeepsTheFirstValueOfAKey) {
  StringIndex<> index;
  EXPECT_EQ(index.Find("Telkom"), nullptr);
  EXPECT_TRUE(index.Insert("Telkom", 3));
  EXPECT_FALSE(index.Insert("Telkom", 9));
  ASSERT_NE(index.Find("Telkom"), nullptr);
  EXPECT_EQ(*index.Find("Telkom"), 3);
  EXPECT_EQ(index.Find("Telkom Indonesia"), nullptr);
  EXPECT_EQ(index.Find("telkom"), nullptr);
  // The empty string is an ordinary key.
  EXPECT_EQ(index.Find(""), nullptr);
  EXPECT_TRUE(index.Insert("", 1));
  ASSERT_NE(index.Find(""), nullptr);
  EXPECT_EQ(*index.Find(""), 1);
  EXPECT_EQ(index.size(), 2u);
}

// Keys kept as views (the caller's strings outlive the index), and Clear for reuse, colliding
// keys included.
TEST(StringIndex, ViewKeysAndClear) {
  const std::string text = "Telkom Indonesia AIDC Wu";
  StringIndex<LengthHash, std::string_view> index;
  EXPECT_TRUE(index.Insert(std::string_view(text).substr(0, 6), 1));   // "Telkom"
  EXPECT_TRUE(index.Insert(std::string_view(text).substr(7, 9), 2));   // "Indonesia"
  EXPECT_TRUE(index.Insert(std::string_view(text).substr(17, 4), 3));  // "AIDC"
  EXPECT_TRUE(index.Insert(std::string_view(text).substr(22, 2), 4));  // "Wu"
  EXPECT_TRUE(index.Insert("Ab", 5));  // a length another key took: the collision map's
  ASSERT_NE(index.Find("Indonesia"), nullptr);
  EXPECT_EQ(*index.Find("Indonesia"), 2);
  ASSERT_NE(index.Find("Ab"), nullptr);
  EXPECT_EQ(*index.Find("Ab"), 5);
  EXPECT_EQ(index.size(), 5u);
  index.Clear();
  EXPECT_EQ(index.size(), 0u);
  for (const std::string_view key : {"Telkom", "Indonesia", "AIDC", "Wu", "Ab"}) {
    EXPECT_EQ(index.Find(key), nullptr) << key;
  }
  EXPECT_TRUE(index.Insert("Wu", 9));
  ASSERT_NE(index.Find("Wu"), nullptr);
  EXPECT_EQ(*index.Find("Wu"), 9);
}

TEST(StringIndex, KeysWhoseHashesCollideStayApart) {
  StringIndex<LengthHash> index;
  EXPECT_TRUE(index.Insert("Wu", 1));
  EXPECT_TRUE(index.Insert("GE", 2));   // same hash as "Wu"
  EXPECT_FALSE(index.Insert("GE", 5));  // a collided key keeps its first value too
  EXPECT_EQ(index.Find("HP"), nullptr);
  ASSERT_NE(index.Find("Wu"), nullptr);
  ASSERT_NE(index.Find("GE"), nullptr);
  EXPECT_EQ(*index.Find("Wu"), 1);
  EXPECT_EQ(*index.Find("GE"), 2);
  EXPECT_EQ(index.size(), 2u);
}

// Checked against std::unordered_map through growth, with the real hash and with one that
// makes most keys collide.
template <typename Hash>
void CheckAgainstNaiveMap() {
  StringIndex<Hash> index;
  std::unordered_map<std::string, int> reference;
  std::mt19937 random(11);
  auto random_key = [&] {
    std::string key(random() % 7, ' ');
    for (char& c : key) c = static_cast<char>('A' + random() % 4);
    return key;
  };
  for (int i = 0; i < 5000; ++i) {
    const std::string key = random_key();
    const bool fresh = reference.emplace(key, i).second;
    EXPECT_EQ(index.Insert(key, i), fresh) << key;
  }
  EXPECT_EQ(index.size(), reference.size());
  for (const auto& [key, value] : reference) {
    const int* found = index.Find(key);
    ASSERT_NE(found, nullptr) << key;
    EXPECT_EQ(*found, value) << key;
    EXPECT_EQ(index.FindHashed(key, Hash()(key)), found) << key;
  }
  for (int i = 0; i < 5000; ++i) {
    const std::string key = random_key() + "x";
    EXPECT_EQ(index.Find(key) != nullptr, reference.count(key) > 0) << key;
    EXPECT_EQ(index.FindHashed(key, Hash()(key)), index.Find(key)) << key;
  }
}

TEST(StringIndex, AgreesWithANaiveMap) { CheckAgainstNaiveMap<Fnv1aHash>(); }

TEST(StringIndex, AgreesWithANaiveMapWhenHashesCollide) { CheckAgainstNaiveMap<LengthHash>(); }

}  // namespace
}  // namespace corpgraph::extract::internal
