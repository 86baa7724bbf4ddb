#include "common/records.h"

#include <gtest/gtest.h>

namespace corpgraph {
namespace {

TEST(Records, RelationNamesRoundTripAndAreTheContract) {
  const char* kNames[] = {"partner_of",    "invests_in", "acquires",      "divests",
                          "subsidiary_of", "supplies",   "competes_with", "executive_of",
                          "produces",      "member_of",  "operates_in",   "headquartered_in",
                          "listed_on",     "has_theme"};
  ASSERT_EQ(std::size(kNames), static_cast<size_t>(kNumRelationTypes));
  for (const char* name : kNames) {
    const auto type = ParseRelationType(name);
    ASSERT_TRUE(type.has_value()) << name;
    EXPECT_EQ(RelationTypeName(*type), name);
  }
  EXPECT_FALSE(ParseRelationType("owns").has_value());
  EXPECT_TRUE(IsSymmetric(RelationType::kPartnerOf));
  EXPECT_TRUE(IsSymmetric(RelationType::kCompetesWith));
  EXPECT_FALSE(IsSymmetric(RelationType::kAcquires));
}

TEST(Records, EntityTypesModalitiesEvidenceKinds) {
  EXPECT_EQ(ParseEntityType("org"), EntityType::kOrganization);
  EXPECT_EQ(EntityTypeName(EntityType::kPlace), "place");
  EXPECT_EQ(EntityIdPrefix(EntityType::kOrganization), "org");
  EXPECT_FALSE(ParseEntityType("company").has_value());
  EXPECT_EQ(ParseModality("rumoured"), Modality::kRumoured);
  EXPECT_EQ(ModalityName(Modality::kFailed), "failed");
  EXPECT_EQ(ParseEvidenceKind("lexicon"), EvidenceKind::kLexicon);
  EXPECT_FALSE(ParseModality("maybe").has_value());
}

TEST(Records, SpanSize) {
  const Span s{10, 17};
  EXPECT_EQ(s.size(), 7u);
  EXPECT_EQ(s, (Span{10, 17}));
}

}  // namespace
}  // namespace corpgraph
