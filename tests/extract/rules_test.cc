#include "extract/rules.h"

#include <gtest/gtest.h>
#include <re2/re2.h>

#include <algorithm>
#include <cstdio>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "data/embedded.h"
#include "extract/extractor.h"
#include "tests/extract/test_util.h"

namespace corpgraph::extract {
namespace {

std::string Masked(std::initializer_list<std::pair<EntityType, const char*>> parts) {
  std::string out;
  size_t index = 0;
  for (const auto& [type, text] : parts) {
    if (text == nullptr) {
      AppendPlaceholder(type, index++, out);
    } else {
      out += text;
    }
  }
  return out;
}

TEST(RuleSet, SlotsMacrosAndListsMatch) {
  RuleSet rules;
  ASSERT_TRUE(rules
                  .AddJson(R"({"macros": {"AUX": "(?:has |have )?"},
                  "rules": [{"id": "p", "relation": "partner_of",
                             "pattern": "{ORG:s} {AUX}partnered with {ORGS:o}"}]})",
                           "test.json")
                  .ok());
  ASSERT_TRUE(rules.Compile().ok());
  const std::string masked = Masked({{EntityType::kOrganization, nullptr},
                                     {EntityType::kOrganization, " has partnered with "},
                                     {EntityType::kOrganization, nullptr},
                                     {EntityType::kOrganization, " and "},
                                     {EntityType::kOrganization, nullptr},
                                     {EntityType::kOrganization, "."}});
  std::vector<RuleMatch> matches;
  rules.Match(masked, matches);
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0].subjects, std::vector<size_t>({0}));
  EXPECT_EQ(matches[0].objects, std::vector<size_t>({1, 2}));
}

// Single-slot rules take their captures from the match without RE2's capture engine when
// the other slot has one candidate placeholder; with several (an appositive naming another
// company) RE2 decides. Both must give the arguments the pattern means, and every overlapping
// match from a later placeholder must still be found.
TEST(RuleSet, CapturesOfSingleSlotRulesWithAndWithoutOtherCandidates) {
  RuleSet rules;
  ASSERT_TRUE(rules
                  .AddJson(R"({"rules": [
                    {"id": "buy", "relation": "acquires",
                     "pattern": "{ORG:s}(?:, [^,]+,)? bought (?:a stake in )?{ORG:o}"},
                    {"id": "sold", "relation": "acquires",
                     "pattern": "{ORG:o} was sold to {ORG:s}"},
                    {"id": "hq", "relation": "headquartered_in",
                     "pattern": "{ORG:s},? based in {PLACE:o}"}]})",
                           "t.json")
                  .ok());
  ASSERT_TRUE(rules.Compile().ok());
  auto match = [&](const std::string& masked) {
    std::vector<RuleMatch> matches;
    rules.Match(masked, matches);
    std::vector<std::tuple<std::string, std::vector<size_t>, std::vector<size_t>>> out;
    for (const RuleMatch& m : matches) {
      out.emplace_back(rules.rules()[m.rule].id, m.subjects, m.objects);
    }
    return out;
  };
  using Out = std::vector<std::tuple<std::string, std::vector<size_t>, std::vector<size_t>>>;
  const auto kOrg = EntityType::kOrganization;
  // One candidate: the object is the placeholder after the subject.
  EXPECT_EQ(match(Masked({{kOrg, nullptr}, {kOrg, " bought "}, {kOrg, nullptr}})),
            (Out{{"buy", {0}, {1}}}));
  // The appositive names another company: still the bought one (RE2's captures).
  EXPECT_EQ(match(Masked({{kOrg, nullptr},
                          {kOrg, ", a partner of "},
                          {kOrg, nullptr},
                          {kOrg, ", bought a stake in "},
                          {kOrg, nullptr}})),
            (Out{{"buy", {0}, {2}}}));
  // The object slot first: the subject is after it.
  EXPECT_EQ(match(Masked({{kOrg, nullptr}, {kOrg, " was sold to "}, {kOrg, nullptr}})),
            (Out{{"sold", {1}, {0}}}));
  // Two matches of one rule at different placeholders; the place slot only takes places.
  EXPECT_EQ(match(Masked({{kOrg, nullptr},
                          {kOrg, " based in "},
                          {EntityType::kPlace, nullptr},
                          {kOrg, " and "},
                          {kOrg, nullptr},
                          {kOrg, " based in "},
                          {EntityType::kPlace, nullptr}})),
            (Out{{"hq", {0}, {1}}, {"hq", {2}, {3}}}));
}

// Match's matches of `masked`, which must be MatchWithCaptureGroups'.
std::vector<RuleMatch> MatchAsCaptureGroups(const RuleSet& rules, const std::string& masked) {
  std::vector<RuleMatch> fast, reference;
  rules.Match(masked, fast);
  rules.MatchWithCaptureGroups(masked, reference);
  EXPECT_EQ(fast.size(), reference.size()) << masked;
  for (size_t i = 0; i < std::min(fast.size(), reference.size()); ++i) {
    EXPECT_EQ(fast[i].rule, reference[i].rule) << masked;
    EXPECT_EQ(fast[i].subjects, reference[i].subjects) << masked;
    EXPECT_EQ(fast[i].objects, reference[i].objects) << masked;
    EXPECT_EQ(fast[i].begin, reference[i].begin) << masked;
    EXPECT_EQ(fast[i].end, reference[i].end) << masked;
    EXPECT_EQ(fast[i].role, reference[i].role) << masked;
  }
  return fast;
}

// Match reads most captures off the placeholders of a match (single slots, and rules whose
// slot groups partition the placeholders of their letters) and tries most rules only where
// their literals and placeholder letters are. On random masked sentences made of rule words
// and placeholders it must find what RE2's capture groups give with every rule tried
// (MatchWithCaptureGroups), for our default rules and for list rules with words and
// placeholders between the slots.
TEST(RuleSet, MatchEqualsCaptureGroupsOnRandomSentences) {
  RuleSet defaults;
  const auto embedded = data::EmbeddedFile("rules.json");
  ASSERT_TRUE(embedded.has_value());
  ASSERT_TRUE(defaults.AddJson(*embedded, "data/rules.json").ok());
  ASSERT_TRUE(defaults.Compile().ok());
  RuleSet lists;
  ASSERT_TRUE(lists
                  .AddJson(R"({"macros": {"MID": "(?:(?:[\\w\\-]+|\\x01[LT]\\d+\\x02) ){0,3}"},
                  "rules": [
                    {"id": "buy", "relation": "acquires",
                     "pattern": "{ORGS:s} (?:bought|acquired) {MID}{ORGS:o}"},
                    {"id": "sold", "relation": "acquires",
                     "pattern": "{ORG:o} was sold to {ORGS:s}"},
                    {"id": "ops", "relation": "operates_in",
                     "pattern": "{ORGS:s} {MID}operates in {PLACE:o}"},
                    {"id": "theme", "relation": "has_theme",
                     "pattern": "in {THEMES:o}", "subject": "focus"},
                    {"id": "mixed", "relation": "partner_of",
                     "pattern": "(?:^|[^\\x02] )with {ENT:s}[^,]* and {ORGS:o}"},
                    {"id": "invest", "relation": "invests_in",
                     "pattern": "{ORGPERS:s}(?:, [^;]+,)? invested in {ORGS:o}"},
                    {"id": "stake", "relation": "invests_in",
                     "pattern": "{ORGS:s}(?: [^;]+)? owns (?:a stake in )?{ORG:o}"}]})",
                           "t.json")
                  .ok());
  ASSERT_TRUE(lists.Compile().ok());
  static const char* const kWords[] = {
      "bought",     "acquired", "was sold to", "operates in", "partnered with",
      "invested",   "in",       "with",        "and",         "or",
      "as well as", "plus",     "its",         "the",         "a stake in",
      "unit",       "supplies", "to",          "based in",    "rival",
      "competes",   "said",     "named",       "as",          "chief",
      "founder",    "which",    "owns",        "of",          "&",
      "(",          ")",        ";",           "cloud",       "new",
      "."};
  static const EntityType kTypes[] = {EntityType::kOrganization, EntityType::kOrganization,
                                      EntityType::kOrganization, EntityType::kPlace,
                                      EntityType::kTheme,        EntityType::kPerson,
                                      EntityType::kProduct};
  std::mt19937 random(20261128);
  size_t total = 0, list_arguments = 0;
  for (int sentence = 0; sentence < 10000; ++sentence) {
    std::string masked;
    size_t placeholders = 0;
    const int pieces = 3 + static_cast<int>(random() % 16);
    for (int k = 0; k < pieces; ++k) {
      if (random() % 5 < 2) {
        if (!masked.empty()) masked += ' ';
        // Sometimes a list: "A, B and C".
        const int items = random() % 3 == 0 ? 2 + static_cast<int>(random() % 2) : 1;
        for (int item = 0; item < items; ++item) {
          if (item > 0) masked += item + 1 == items ? " and " : ", ";
          AppendPlaceholder(kTypes[random() % std::size(kTypes)], placeholders++, masked);
        }
        if (random() % 4 == 0) masked += random() % 2 ? "'s" : ",";
      } else {
        if (!masked.empty()) masked += ' ';
        masked += kWords[random() % std::size(kWords)];
      }
    }
    for (const RuleSet* rules : {&defaults, &lists}) {
      const std::vector<RuleMatch> fast = MatchAsCaptureGroups(*rules, masked);
      for (const RuleMatch& m : fast) {
        list_arguments += m.subjects.size() > 1 || m.objects.size() > 1;
      }
      total += fast.size();
    }
  }
  // The sentences exercise the rules, lists included.
  EXPECT_GT(total, 2000u) << list_arguments;
  EXPECT_GT(list_arguments, 150u) << total;
}

// A role group of plain words is read off the match where exactly one occurrence of a word
// fits the pattern's parts before and after it; where several fit, or the words are not
// plain, RE2's captures decide. Either way the role is the one RE2 captures.
TEST(RuleSet, RolesFromTheirWordsMatchCaptureGroups) {
  RuleSet rules;
  ASSERT_TRUE(
      rules
          .AddJson(
              R"({"macros": {"ROLE": "chief|chief executive|chief executive officer|executive|officer|ceo|chairman|chairman and ceo|head"},
                  "rules": [
                    {"id": "org_role_name", "relation": "executive_of",
                     "pattern": "{ORG:o}'s (?:[\\w\\-]+ ){0,1}(?P<role>{ROLE}),? {PER:s}"},
                    {"id": "lazy_word", "relation": "executive_of",
                     "pattern": "{ORG:o} at (?:[\\w\\-]+ ){0,1}?(?P<role>{ROLE}),? {PER:s}"},
                    {"id": "role_of", "relation": "executive_of",
                     "pattern": "(?P<role>{ROLE}) (?:of|at) {ORG:o},? {PER:s}"},
                    {"id": "name_role_of", "relation": "executive_of",
                     "pattern": "{PER:s}, (?:the )?(?P<role>{ROLE}) of {ORGS:o}"},
                    {"id": "any_role", "relation": "executive_of",
                     "pattern": "{PER:s} is (?P<role>\\w+ officer) at {ORG:o}"}]})",
              "roles.json")
          .ok());
  ASSERT_TRUE(rules.Compile().ok());
  const auto kOrg = EntityType::kOrganization;
  const auto kPer = EntityType::kPerson;
  struct Case {
    std::string masked;
    std::vector<std::pair<std::string, std::string>> expected;  // (rule id, role)
  };
  const std::vector<Case> kCases = {
      {Masked({{kOrg, nullptr}, {kOrg, "'s chief executive officer "}, {kPer, nullptr}}),
       {{"org_role_name", "chief executive officer"}}},
      {Masked({{kOrg, nullptr}, {kOrg, "'s new chief executive officer, "}, {kPer, nullptr}}),
       {{"org_role_name", "chief executive officer"}}},
      // "chief executive" and, after the word "chief", "executive" both fit: RE2 decides,
      // its greedy word first.
      {Masked({{kOrg, nullptr}, {kOrg, "'s chief executive "}, {kPer, nullptr}}),
       {{"org_role_name", "executive"}}},
      {Masked({{kOrg, nullptr}, {kOrg, "'s chairman and CEO "}, {kPer, nullptr}}),
       {{"org_role_name", "chairman and CEO"}}},
      {Masked({{kOrg, "The head of "}, {kOrg, nullptr}, {kOrg, ", "}, {kPer, nullptr}}),
       {{"role_of", "head"}}},
      {Masked({{kPer, nullptr},
               {kPer, ", the chief executive of "},
               {kOrg, nullptr},
               {kOrg, " and "},
               {kOrg, nullptr}}),
       {{"name_role_of", "chief executive"}}},
      {Masked({{kPer, nullptr}, {kPer, " is operating officer at "}, {kOrg, nullptr}}),
       {{"any_role", "operating officer"}}},
  };
  for (const Case& c : kCases) {
    std::vector<std::pair<std::string, std::string>> got;
    for (const RuleMatch& m : MatchAsCaptureGroups(rules, c.masked)) {
      got.emplace_back(rules.rules()[m.rule].id, m.role);
    }
    EXPECT_EQ(got, c.expected) << c.masked;
  }
  // Random sentences of the role words, where several occurrences often fit.
  static const char* const kWords[] = {
      "chief", "executive", "officer", "ceo", "chairman",        "and", "head", "'s",
      "'s",    "'s chief",  ", the",   "of",  "chief executive", "is",  "at",   "new",
      ","};
  std::mt19937 random(20261129);
  size_t roles = 0;
  for (int sentence = 0; sentence < 6000; ++sentence) {
    std::string masked;
    size_t placeholders = 0;
    const int pieces = 3 + static_cast<int>(random() % 7);
    // Placeholders between runs of one to three words.
    for (int k = 0; k < pieces; ++k) {
      const char* word = k % 3 == 0 || (k % 3 == 2 && random() % 2)
                             ? nullptr
                             : kWords[random() % std::size(kWords)];
      if (!masked.empty() && (word == nullptr || (word[0] != '\'' && word[0] != ','))) {
        masked += ' ';
      }
      if (word == nullptr) {
        AppendPlaceholder(random() % 2 ? kOrg : kPer, placeholders++, masked);
      } else {
        masked += word;
      }
    }
    for (const RuleMatch& m : MatchAsCaptureGroups(rules, masked)) roles += !m.role.empty();
  }
  EXPECT_GT(roles, 120u);
}

TEST(RuleSet, SlotTypeIsEnforced) {
  RuleSet rules;
  ASSERT_TRUE(rules
                  .AddJson(R"({"rules": [{"id": "o", "relation": "operates_in",
                             "pattern": "{ORG:s} opened a plant in {PLACE:o}"}]})",
                           "t.json")
                  .ok());
  ASSERT_TRUE(rules.Compile().ok());
  std::string masked;
  AppendPlaceholder(EntityType::kOrganization, 0, masked);
  masked += " opened a plant in ";
  AppendPlaceholder(EntityType::kOrganization, 1, masked);  // an org, not a place
  std::vector<RuleMatch> matches;
  rules.Match(masked, matches);
  EXPECT_TRUE(matches.empty());
}

// Match also says which screened patterns (the modality cues) may match the sentence, from
// the literals they need, and leaves none out that RE2 matches anywhere in the sentence.
TEST(RuleSet, ScreenedPatternsComeFromTheSameLiteralPass) {
  RuleSet rules;
  ASSERT_TRUE(rules
                  .AddJson(R"({"rules": [{"id": "b", "relation": "acquires",
                             "pattern": "{ORG:s} bought {ORG:o}"}]})",
                           "t.json")
                  .ok());
  const std::vector<std::string> cues = {"\\bplans? to\\b", "\\b(?:reportedly|rumou?red)\\b",
                                         "\\b(?-i:may)\\b", "\\w+ly"};
  rules.SetScreenedPatterns(cues);
  ASSERT_TRUE(rules.Compile().ok());
  const auto kOrg = EntityType::kOrganization;
  struct Case {
    std::string masked;
    std::vector<int> screened;
  };
  const Case kCases[] = {
      {Masked({{kOrg, nullptr}, {kOrg, " PLANS TO say it bought "}, {kOrg, nullptr}}), {0}},
      {Masked({{kOrg, nullptr}, {kOrg, " reportedly bought "}, {kOrg, nullptr}}), {1, 3}},
      {Masked({{kOrg, nullptr}, {kOrg, " may buy "}, {kOrg, nullptr}}), {2}},
      {Masked({{kOrg, nullptr}, {kOrg, " bought "}, {kOrg, nullptr}}), {}},
      {"no placeholder: plans to", {0, 1, 2, 3}},  // no literal pass: every pattern may match
      // One placeholder: the prefilter of the rules with a focus argument (none here) and the
      // screened patterns.
      {Masked({{kOrg, nullptr}, {kOrg, " reportedly plans to grow"}}), {0, 1, 3}},
      {Masked({{kOrg, nullptr}, {kOrg, " bought it"}}), {}},
  };
  for (const Case& c : kCases) {
    std::vector<RuleMatch> matches;
    std::vector<int> screened = {7};
    rules.Match(c.masked, matches, screened);
    EXPECT_EQ(screened, c.screened) << c.masked;
    RE2::Options options;
    options.set_case_sensitive(false);
    for (size_t i = 0; i < cues.size(); ++i) {
      if (RE2::PartialMatch(c.masked, RE2(cues[i], options))) {
        EXPECT_TRUE(std::count(screened.begin(), screened.end(), static_cast<int>(i)))
            << c.masked << " matches " << cues[i];
      }
    }
  }
}

// A sentence with one placeholder is matched only against the rules with a focus argument,
// found by their own literal pass: which rules those are comes from the patterns (a user
// file's here), and their matches are the same as RE2's.
TEST(RuleSet, OnePlaceholderSentencesTryTheFocusRules) {
  RuleSet rules;
  ASSERT_TRUE(rules
                  .AddJson(R"({"rules": [
                    {"id": "bought", "relation": "acquires",
                     "pattern": "{ORG:s} bought {ORG:o}"},
                    {"id": "rival", "relation": "competes_with",
                     "pattern": "{ORG:s} (?:rivals|competes with) {ORGS:o}"},
                    {"id": "focus_theme", "relation": "has_theme", "subject": "focus",
                     "pattern": "(?:works|bets) on {THEMES:o}"},
                    {"id": "focus_parent", "relation": "subsidiary_of", "object": "focus",
                     "pattern": "its (?:unit|arm) {ORG:s}"}]})",
                           "user.json")
                  .ok());
  rules.SetScreenedPatterns({"\\bplans? to\\b"});
  ASSERT_TRUE(rules.Compile().ok());
  const auto kOrg = EntityType::kOrganization;
  const auto kTheme = EntityType::kTheme;
  struct Case {
    std::string masked;
    std::vector<std::string> rules;  // ids of the matching rules, in order
    std::vector<int> screened;
  };
  const Case kCases[] = {
      {Masked({{kOrg, nullptr}, {kOrg, " bets on "}, {kTheme, nullptr}}), {"focus_theme"}, {}},
      {Masked({{kOrg, "It plans to bet on "}, {kTheme, nullptr}}), {}, {0}},
      {Masked({{kOrg, "It works on "}, {kTheme, nullptr}, {kOrg, " and plans to"}}),
       {"focus_theme"},
       {0}},
      {Masked({{kOrg, "Beta sold its unit "}, {kOrg, nullptr}}), {"focus_parent"}, {}},
      {Masked({{kOrg, "It bought "}, {kOrg, nullptr}}), {}, {}},
      {Masked({{kOrg, nullptr}, {kOrg, " bought "}, {kOrg, nullptr}}), {"bought"}, {}},
      {Masked({{kOrg, nullptr},
               {kOrg, " rivals "},
               {kOrg, nullptr},
               {kOrg, " and bets on "},
               {kTheme, nullptr}}),
       {"rival", "focus_theme"},
       {}},
  };
  for (const Case& c : kCases) {
    std::vector<RuleMatch> matches;
    std::vector<int> screened;
    rules.Match(c.masked, matches, screened);
    std::vector<std::string> ids;
    for (const RuleMatch& m : matches) ids.push_back(rules.rules()[m.rule].id);
    EXPECT_EQ(ids, c.rules) << c.masked;
    EXPECT_EQ(screened, c.screened) << c.masked;
    std::vector<RuleMatch> reference;
    rules.MatchWithCaptureGroups(c.masked, reference);
    ASSERT_EQ(matches.size(), reference.size()) << c.masked;
    for (size_t i = 0; i < matches.size(); ++i) {
      EXPECT_EQ(matches[i].rule, reference[i].rule) << c.masked;
      EXPECT_EQ(matches[i].objects, reference[i].objects) << c.masked;
      EXPECT_EQ(matches[i].subjects, reference[i].subjects) << c.masked;
    }
  }
}

struct BadRule {
  const char* json;
  const char* message;
};

TEST(RuleSet, BadRulesFailAtLoadNamingRuleAndFragment) {
  const BadRule kBad[] = {
      {R"({"rules": [{"id": "r1", "relation": "owns", "pattern": "{ORG:s} x {ORG:o}"}]})",
       "unknown relation \"owns\""},
      {R"({"rules": [{"id": "r2", "relation": "acquires", "pattern": "{ORG:s} (bought {ORG:o}"}]})",
       "rule r2"},
      {R"({"rules": [{"id": "r3", "relation": "acquires", "pattern": "{COMPANY:s} bought {ORG:o}"}]})",
       "unknown slot type \"COMPANY\""},
      {R"({"rules": [{"id": "r4", "relation": "acquires", "pattern": "{ORG:s} bought it"}]})",
       "needs a subject slot"},
      {R"({"rules": [{"id": "r5", "relation": "acquires", "pattern": "{ORG:s} {NOPE} {ORG:o}"}]})",
       "unknown macro \"{NOPE}\""},
      // A doubly escaped \w (a backslash, then "w") never matches news text.
      {R"({"rules": [{"id": "r6", "relation": "acquires", "pattern": "{ORG:s} (?:[\\\\w]+ )?bought {ORG:o}"}]})",
       "matches a backslash"},
      {R"({"macros": {"W": "(?:\\\\w+ )?"}, "rules": [{"id": "r7", "relation": "acquires", "pattern": "{ORG:s} {W}bought {ORG:o}"}]})",
       "rule r7"},
      // One file naming an id twice would silently lose the first rule.
      {R"({"rules": [{"id": "r8", "relation": "acquires", "pattern": "{ORG:s} bought {ORG:o}"},
                     {"id": "r8", "relation": "acquires", "pattern": "{ORG:s} took {ORG:o}"}]})",
       "rule id \"r8\" appears twice"},
  };
  for (const BadRule& c : kBad) {
    RuleSet rules;
    Status s = rules.AddJson(c.json, "user.json");
    if (s.ok()) s = rules.Compile();
    ASSERT_FALSE(s.ok()) << c.json;
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << c.json;
    EXPECT_NE(s.message().find(c.message), std::string::npos) << s.message();
    EXPECT_NE(s.message().find("user.json"), std::string::npos) << s.message();
  }
}

TEST(RuleSet, ExpandMacrosSharesWordListsWithOtherPatterns) {
  RuleSet rules;
  ASSERT_TRUE(rules
                  .AddJson(R"({"macros": {"KIND": "drugs?|vaccines?", "KINDS": "{KIND}|pills"}})",
                           "m.json", /*macros_only=*/true)
                  .ok());
  auto expanded = rules.ExpandMacros(R"(its {KINDS} ([A-Z]\w+)[a-z]{0,2}\{?)", "p[0]");
  ASSERT_TRUE(expanded.ok()) << expanded.status().message();
  // Nested macros expand; escaped braces and quantifiers are left alone.
  EXPECT_EQ(*expanded, R"(its (?:drugs?|vaccines?|pills) ([A-Z]\w+)[a-z]{0,2}\{?)");
  RE2 re(*expanded);
  std::string name;
  EXPECT_TRUE(RE2::PartialMatch("its vaccine Corvexa", re, &name));
  EXPECT_EQ(name, "Corvexa");
  auto unknown = rules.ExpandMacros("its {NOPE} X", "cues: product_patterns[3]");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().message().find("product_patterns[3]: unknown macro \"{NOPE}\""),
            std::string::npos)
      << unknown.status().message();
  auto slot = rules.ExpandMacros("{ORG:s} makes X", "p[1]");
  ASSERT_FALSE(slot.ok());
  EXPECT_NE(slot.status().message().find("only for relation rules"), std::string::npos);
}

TEST(RuleSet, NotFollowedByRejectsAMatchByWhatComesAfterIt) {
  RuleSet rules;
  ASSERT_TRUE(rules
                  .AddJson(R"({"macros": {"BUY": "buy|order"}, "rules": [{"id": "r1",
                    "relation": "partner_of", "pattern": "{ORG:s} signed a deal with {ORG:o}",
                    "not_followed_by": ",? to (?:{BUY}) "}]})",
                           "user.json")
                  .ok());
  ASSERT_TRUE(rules.Compile().ok());
  const std::string masked = Masked({{EntityType::kOrganization, nullptr},
                                     {EntityType::kOrganization, " signed a deal with "},
                                     {EntityType::kOrganization, nullptr},
                                     {EntityType::kOrganization, " to buy 16 jets."}});
  std::vector<RuleMatch> matches;
  rules.Match(masked, matches);
  ASSERT_EQ(matches.size(), 1u);
  const std::string_view rest = std::string_view(masked).substr(matches[0].end);
  EXPECT_EQ(rest, " to buy 16 jets.");
  EXPECT_FALSE(rules.TailAllowed(0, rest));
  EXPECT_FALSE(rules.TailAllowed(0, " TO ORDER 16 jets."));  // case-insensitive, like patterns
  EXPECT_TRUE(rules.TailAllowed(0, " to develop cars."));
  EXPECT_TRUE(rules.TailAllowed(0, " and later agreed to buy 16 jets."));  // anchored at the end
  RuleSet bad;
  ASSERT_TRUE(bad.AddJson(R"({"rules": [{"id": "r2", "relation": "partner_of",
                             "pattern": "{ORG:s} with {ORG:o}", "not_followed_by": " (to"}]})",
                          "user.json")
                  .ok());
  const Status s = bad.Compile();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("user.json: rule r2: not_followed_by: missing )"), std::string::npos)
      << s.message();
}

TEST(RuleSet, ALaterFileReplacesARuleWithTheSameId) {
  RuleSet rules;
  ASSERT_TRUE(rules
                  .AddJson(R"({"rules": [{"id": "r1", "relation": "acquires",
                                          "pattern": "{ORG:s} bought {ORG:o}"}]})",
                           "base.json")
                  .ok());
  ASSERT_TRUE(rules
                  .AddJson(R"({"rules": [{"id": "r1", "relation": "acquires",
                                          "pattern": "{ORG:s} took over {ORG:o}"}]})",
                           "user.json")
                  .ok());
  ASSERT_EQ(rules.rules().size(), 1u);
  EXPECT_EQ(rules.rules()[0].pattern, "{ORG:s} took over {ORG:o}");
  EXPECT_EQ(rules.rules()[0].origin, "user.json");
}

TEST(RuleSet, BadNameConstraintFailsAtLoadNamingRuleAndKey) {
  for (const char* key : {"subject_name", "object_name", "object_not_name"}) {
    const std::string json = std::string(R"({"rules": [{"id": "member.bad_name",
        "relation": "member_of", "pattern": "{ORG:s} joined {ORG:o}", ")") +
                             key + R"(": "(?:Plan|Alliance$"}]})";
    RuleSet rules;
    Status s = rules.AddJson(json, "user.json");
    if (s.ok()) s = rules.Compile();
    ASSERT_FALSE(s.ok()) << key;
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << key;
    EXPECT_NE(s.message().find("user.json"), std::string::npos) << s.message();
    EXPECT_NE(s.message().find("rule member.bad_name"), std::string::npos) << s.message();
    EXPECT_NE(s.message().find(std::string(key) + ":"), std::string::npos) << s.message();
    EXPECT_NE(s.message().find("missing )"), std::string::npos) << s.message();
  }
}

TEST(RuleSet, NameConstraintsFilterArguments) {
  RuleSet rules;
  ASSERT_TRUE(rules
                  .AddJson(R"({"rules": [
      {"id": "free", "relation": "partner_of", "pattern": "{ORG:s} met {ORG:o}"},
      {"id": "programme", "relation": "member_of", "pattern": "{ORG:o} signed up {ORGS:s}",
       "object_name": "(?:Plan|Programme|Alliance)$"},
      {"id": "company", "relation": "partner_of", "pattern": "{ORG:s} signed up {ORGS:o}",
       "object_not_name": "(?:Plan|Programme|Alliance)$"},
      {"id": "bank", "relation": "invests_in", "pattern": "{ORG:s} backed {ORG:o}",
       "subject_name": "\\bBank\\b"}]})",
                           "t.json")
                  .ok());
  ASSERT_TRUE(rules.Compile().ok());
  // Rule indices follow the file's order.
  ASSERT_EQ(rules.rules()[1].id, "programme");
  ASSERT_EQ(rules.rules()[2].id, "company");
  ASSERT_EQ(rules.rules()[3].id, "bank");
  EXPECT_TRUE(rules.NamesAllowed(0, "Snowflake", "Green Freight Programme"));  // unconstrained
  EXPECT_TRUE(rules.NamesAllowed(1, "Maersk", "Green Freight Programme"));
  EXPECT_FALSE(rules.NamesAllowed(1, "Accenture", "Snowflake"));
  EXPECT_FALSE(rules.NamesAllowed(1, "Maersk", "Programme for Clean Freight"));  // anchored at $
  EXPECT_FALSE(rules.NamesAllowed(1, "Maersk", "Green Freight programme"));      // case-sensitive
  EXPECT_TRUE(rules.NamesAllowed(2, "Snowflake", "Accenture"));
  EXPECT_FALSE(rules.NamesAllowed(2, "Maersk", "Clean Cloud Alliance"));
  EXPECT_TRUE(rules.NamesAllowed(3, "European Investment Bank", "Kestrel Ports"));
  EXPECT_FALSE(rules.NamesAllowed(3, "Temasek", "Kestrel Ports"));
  // A focus argument (empty view) is not checked.
  EXPECT_TRUE(rules.NamesAllowed(1, "Maersk", ""));
  EXPECT_TRUE(rules.NamesAllowed(3, "", "Kestrel Ports"));
}

// Through the extractor: a user rule's object_not_name drops the match for an alliance,
// keeps it for a company.
TEST(RuleSet, NameConstraintFiltersAMatchInExtraction) {
  const std::string path = ::testing::TempDir() + "/name_constraint_rules.json";
  {
    FILE* f = fopen(path.c_str(), "w");
    ASSERT_NE(f, nullptr);
    fputs(R"({"rules": [{"id": "user.zorbled", "relation": "acquires",
              "pattern": "{ORG:s} zorbled (?:the )?{ORG:o}", "confidence": 0.8,
              "object_not_name": "(?:Alliance|Programme)$"}]})",
          f);
    fclose(f);
  }
  auto extractor = Extractor::Create({.rules_files = {path}});
  ASSERT_TRUE(extractor.ok()) << extractor.status().message();
  auto facts_by_rule = [&](const std::string& text) {
    Document doc{.id = "d", .text = text};
    const Extraction x = (*extractor)->Extract(doc);
    std::vector<std::string> out;
    for (const Fact& f : x.facts) {
      if (f.evidence.rule == "user.zorbled") out.push_back(f.subject.name + "|" + f.object.name);
    }
    return out;
  };
  EXPECT_EQ(facts_by_rule("Snowflake zorbled Accenture."),
            std::vector<std::string>({"Snowflake|Accenture"}));
  EXPECT_TRUE(facts_by_rule("Snowflake zorbled the Clean Cloud Alliance.").empty());
}

}  // namespace
}  // namespace corpgraph::extract
