#include "extract/rules.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace corpgraph::extract
