#include "extract/internal/rule_prefilter.h"

#include <gtest/gtest.h>
#include <re2/re2.h>

#include <algorithm>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "data/embedded.h"
#include "extract/rules.h"

namespace corpgraph::extract::internal {
namespace {

using Clauses = std::vector<std::vector<std::string>>;

TEST(RulePrefilter, ReadsLiteralsAlternationsAndOptionalParts) {
  RulePrefilter prefilter;
  prefilter.Build({
      "(?:acquired|bought) \\x01O\\d+\\x02",  // 0: exact strings, then a placeholder
      "\\bsold(?: its)? stake",               // 1: an optional part stays exact
      "[\\w\\-]+ (?:unit|arm)s?",             // 2: a class matches anything
      "a{0,3}b",                              // 3: nothing of two bytes or more is needed
      "(?P<role>ceo|cfo),? \\x01P",           // 4
      "(?:x|y)+z",                            // 5: repeated: one copy, not exact
      "\\p{Greek}x",                          // 6: not understood: every sentence
  });
  EXPECT_EQ(prefilter.Clauses(0), (Clauses{{"acquired \x01o", "bought \x01o"}}));
  EXPECT_EQ(prefilter.Clauses(1), (Clauses{{"sold its stake", "sold stake"}}));
  EXPECT_EQ(prefilter.Clauses(2), (Clauses{{" arm", " unit"}}));
  EXPECT_EQ(prefilter.Clauses(3), Clauses{});
  EXPECT_EQ(prefilter.Clauses(4),
            (Clauses{{"ceo \x01p", "ceo, \x01p", "cfo \x01p", "cfo, \x01p"}}));
  EXPECT_EQ(prefilter.Clauses(5), Clauses{});
  EXPECT_EQ(prefilter.Clauses(6), Clauses{});
  std::vector<int> candidates;
  prefilter.Candidates("Beta BOUGHT \x01O1\x02 and its Gamma unit", candidates);
  EXPECT_EQ(candidates, (std::vector<int>{0, 2, 3, 5, 6}));
  prefilter.Candidates("the CFO, \x01P2\x02 sold stake", candidates);
  EXPECT_EQ(candidates, (std::vector<int>{1, 3, 4, 5, 6}));
  // A match starts at or before the last occurrence of a literal of each clause; rules
  // without clauses may start anywhere.
  const std::string text = "Beta BOUGHT \x01O1\x02 and its Gamma unit, bought \x01O2\x02";
  std::vector<RulePrefilter::Candidate> found;
  prefilter.Candidates(text, found);
  std::vector<std::pair<int, size_t>> pairs;
  for (const auto& candidate : found) pairs.emplace_back(candidate.rule, candidate.last_start);
  EXPECT_EQ(pairs, (std::vector<std::pair<int, size_t>>{{0, text.find("bought")},
                                                        {2, text.find(" unit")},
                                                        {3, text.size()},
                                                        {5, text.size()},
                                                        {6, text.size()}}));
}

// The prefilter may leave a rule out only when RE2 finds no match of it, and no match of a
// candidate may start after its last_start: checked for every default rule on random
// sentences made of the rules' own words, placeholders and lists.
// The role groups' words: every string a pattern can match, or nothing when it can match
// other text (RuleSet then leaves the role to RE2's captures).
TEST(RulePrefilter, MatchedStringsOfRoleGroups) {
  using Strings = std::optional<std::vector<std::string>>;
  const std::vector<std::pair<std::string, Strings>> kCases = {
      {"CEO|chief executive(?: officer)?",
       Strings({"ceo", "chief executive", "chief executive officer"})},
      {"(?:co-)?founder", Strings({"co-founder", "founder"})},
      {"head(?:s)?\\b", Strings({"head", "heads"})},
      {"(?:vice )?chair(?:man|woman)?", Strings({"chair", "chairman", "chairwoman", "vice chair",
                                                 "vice chairman", "vice chairwoman"})},
      {"[ab]oss", Strings({"aoss", "boss"})},
      {"director|\\w+ director", std::nullopt},           // a word of any letters
      {"(?:member )+of", std::nullopt},                   // a repeat
      {"chef|pr\xC3\xA9sident", std::nullopt},            // RE2 folds non-ASCII letters
      {"(?:a|b|c|d)(?:a|b|c|d)(?:a|b|c)", std::nullopt},  // 48 strings, over the limit
  };
  for (const auto& [pattern, expected] : kCases) {
    EXPECT_EQ(MatchedStrings(pattern, 32), expected) << pattern;
  }
}

TEST(RulePrefilter, NeverDropsARuleThatMatches) {
  RuleSet rules;
  const auto embedded = data::EmbeddedFile("rules.json");
  ASSERT_TRUE(embedded.has_value());
  ASSERT_TRUE(rules.AddJson(*embedded, "data/rules.json").ok());
  ASSERT_TRUE(rules.Compile().ok());
  std::vector<std::string> patterns;
  std::vector<std::unique_ptr<RE2>> regexes;
  RE2::Options options;
  options.set_case_sensitive(false);
  options.set_max_mem(64 << 20);
  for (const Rule& rule : rules.rules()) {
    patterns.push_back(rule.expanded);
    regexes.push_back(std::make_unique<RE2>(rule.expanded, options));
    ASSERT_TRUE(regexes.back()->ok()) << rule.id;
  }
  RulePrefilter prefilter;
  prefilter.Build(patterns);
  // Words from the patterns themselves, so that the rules do match.
  std::vector<std::string> words = {"and", ",", "'s", "the", "its", "a", "of", "in", "."};
  for (const Rule& rule : rules.rules()) {
    std::string word;
    for (char c : rule.pattern) {
      if (std::isalpha(static_cast<unsigned char>(c)) || c == '-') {
        word.push_back(c);
      } else if (!word.empty()) {
        if (word.size() > 1) words.push_back(word);
        word.clear();
      }
    }
  }
  static const EntityType kTypes[] = {EntityType::kOrganization, EntityType::kOrganization,
                                      EntityType::kPlace,        EntityType::kTheme,
                                      EntityType::kPerson,       EntityType::kProduct};
  std::mt19937 random(20261128);
  size_t matched = 0, dropped = 0, bounded = 0;
  std::vector<RulePrefilter::Candidate> candidates;
  for (int sentence = 0; sentence < 4000; ++sentence) {
    std::string masked;
    size_t placeholders = 0;
    const int pieces = 3 + static_cast<int>(random() % 14);
    for (int k = 0; k < pieces; ++k) {
      if (!masked.empty()) masked += ' ';
      if (random() % 3 == 0) {
        const int items = random() % 4 == 0 ? 2 : 1;
        for (int item = 0; item < items; ++item) {
          if (item > 0) masked += " and ";
          AppendPlaceholder(kTypes[random() % std::size(kTypes)], placeholders++, masked);
        }
        if (random() % 4 == 0) masked += random() % 2 ? "'s" : ",";
      } else {
        std::string word = words[random() % words.size()];
        if (random() % 5 == 0) word[0] = static_cast<char>(std::toupper(word[0]));
        masked += word;
      }
    }
    prefilter.Candidates(masked, candidates);
    for (size_t rule = 0; rule < regexes.size(); ++rule) {
      auto it = std::find_if(candidates.begin(), candidates.end(),
                             [&](const auto& c) { return c.rule == static_cast<int>(rule); });
      const bool candidate = it != candidates.end();
      // No match starts after last_start (checked in every fourth sentence: it is slow).
      if (candidate && sentence % 4 == 0) {
        for (size_t at = it->last_start + 1; at < masked.size(); ++at) {
          ++bounded;
          EXPECT_FALSE(
              regexes[rule]->Match(masked, at, masked.size(), RE2::ANCHOR_START, nullptr, 0))
              << rules.rules()[rule].id << " matches at " << at << " after last_start "
              << it->last_start << ": " << masked;
        }
      }
      if (!RE2::PartialMatch(masked, *regexes[rule])) {
        dropped += !candidate;
        continue;
      }
      ++matched;
      EXPECT_TRUE(candidate) << rules.rules()[rule].id << " matches but was left out: " << masked;
    }
  }
  // The sentences exercise the rules, and the prefilter does leave rules out.
  EXPECT_GT(matched, 400u);
  EXPECT_GT(dropped, 4000u * regexes.size() / 2);
  EXPECT_GT(bounded, 10000u);  // and last_start does rule out positions
}

}  // namespace
}  // namespace corpgraph::extract::internal
