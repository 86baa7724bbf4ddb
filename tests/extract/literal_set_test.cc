#include "extract/internal/literal_set.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

namespace corpgraph::extract::internal {
namespace {

// Every literal that occurs in `text`, ignoring ASCII case, by brute force.
std::vector<int> Naive(const std::vector<std::string>& literals, const std::string& text) {
  auto lower = [](std::string s) {
    for (char& c : s) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    return s;
  };
  const std::string haystack = lower(text);
  std::vector<int> found;
  for (size_t i = 0; i < literals.size(); ++i) {
    if (haystack.find(lower(literals[i])) != std::string::npos) found.push_back(int(i));
  }
  return found;
}

TEST(LiteralSet, FindsLiteralsIgnoringAsciiCase) {
  LiteralSet set;
  set.Build({"acquired", " unit of", "'s", "ed", "x", "Bought", "acq"});
  std::vector<int> found;
  set.FindAll("Beta Corp ACQUIRED Gamma's unit", found);
  EXPECT_EQ(found, (std::vector<int>{0, 2, 3, 6}));
  set.FindAll("a UNIT OF bought", found);
  EXPECT_EQ(found, (std::vector<int>{1, 5}));
  set.FindAll("", found);
  EXPECT_TRUE(found.empty());
  // A literal that runs past the end of the text is not found.
  set.FindAll("acquire", found);
  EXPECT_EQ(found, (std::vector<int>{6}));
  set.FindAll("x", found);
  EXPECT_EQ(found, (std::vector<int>{4}));
}

TEST(LiteralSet, EmptyLiteralIsEverywhereAndNonAsciiBytesCompareExactly) {
  LiteralSet set;
  set.Build({"", "soci\xC3\xA9t\xC3\xA9", "\xC3\xA9"});
  std::vector<int> found;
  set.FindAll("nothing here", found);
  EXPECT_EQ(found, (std::vector<int>{0}));
  set.FindAll("la SOCI\xC3\xA9T\xC3\xA9", found);
  EXPECT_EQ(found, (std::vector<int>{0, 1, 2}));
  set.FindAll("la SOCI\xC3\x89T\xC3\x89", found);  // upper-case É is other bytes
  EXPECT_EQ(found, (std::vector<int>{0}));
}

// Random literals over a small alphabet (so they overlap, share first bytes and three-byte
// keys) against random texts: the same answer as a brute-force search.
TEST(LiteralSet, AgreesWithBruteForce) {
  std::mt19937 random(11);
  const std::string alphabet = "abAB c'\x01\x02";
  auto word = [&](size_t max_length) {
    std::string s(1 + random() % max_length, ' ');
    for (char& c : s) c = alphabet[random() % alphabet.size()];
    return s;
  };
  for (int round = 0; round < 50; ++round) {
    std::vector<std::string> literals;
    const size_t count = 1 + random() % 300;
    for (size_t i = 0; i < count; ++i) literals.push_back(word(6));
    LiteralSet set;
    set.Build(literals);
    std::vector<int> found;
    for (int t = 0; t < 20; ++t) {
      const std::string text = word(60);
      set.FindAll(text, found);
      ASSERT_EQ(found, Naive(literals, text)) << "round " << round << " text \"" << text << "\"";
      // ForEach: every occurrence with its start, in increasing order of its end.
      std::vector<std::pair<size_t, int>> occurrences, expected;  // (end, literal)
      set.ForEach(text, [&](int literal, size_t at) {
        occurrences.emplace_back(at + literals[literal].size(), literal);
      });
      EXPECT_TRUE(std::is_sorted(occurrences.begin(), occurrences.end(),
                                 [](const auto& a, const auto& b) { return a.first < b.first; }));
      std::sort(occurrences.begin(), occurrences.end());
      for (size_t at = 0; at < text.size(); ++at) {
        for (size_t i = 0; i < literals.size(); ++i) {
          if (Naive({literals[i]}, text.substr(at, literals[i].size())) == std::vector<int>{0}) {
            expected.emplace_back(at + literals[i].size(), static_cast<int>(i));
          }
        }
      }
      std::sort(expected.begin(), expected.end());
      ASSERT_EQ(occurrences, expected) << "round " << round << " text \"" << text << "\"";
    }
  }
}

}  // namespace
}  // namespace corpgraph::extract::internal
