// Test helpers shared by the graph tests: a store of random facts, and a
// field-by-field comparison of relation records.
#pragma once

#include <gtest/gtest.h>

#include <iterator>
#include <string>
#include <utility>

#include "graph/store.h"

namespace corpgraph::graph::testing {

// Writes 60 documents of random facts among 30 organisations into `store`,
// the second 20 replacing the first 20's content.
inline void FillStoreWithRandomFacts(Store& store) {
  const RelationType kTypes[] = {RelationType::kPartnerOf, RelationType::kSupplies,
                                 RelationType::kCompetesWith, RelationType::kAcquires,
                                 RelationType::kOperatesIn};
  const Modality kModalities[] = {Modality::kAsserted, Modality::kPlanned, Modality::kRumoured};
  uint32_t seed = 7;
  auto next = [&seed](uint32_t n) {
    seed = seed * 1103515245u + 12345u;
    return (seed >> 8) % n;
  };
  for (int round = 0; round < 2; ++round) {  // the second round replaces half the documents
    for (int d = round * 20; d < 40; ++d) {
      Document doc;
      doc.id = "doc-" + std::to_string(d);
      doc.date = "2024-0" + std::to_string(1 + d % 9) + "-01";
      Extraction extraction;
      for (int f = 0; f < 12; ++f) {
        Fact fact;
        const uint32_t a = next(30);
        const uint32_t b = f == 0 && d == 3 ? a : next(30);  // one self-loop
        fact.subject = EntityRef{"org:e" + std::to_string(a), "E" + std::to_string(a),
                                 EntityType::kOrganization};
        fact.object = EntityRef{"org:e" + std::to_string(b), "E" + std::to_string(b),
                                EntityType::kOrganization};
        fact.relation = kTypes[next(std::size(kTypes))];
        fact.modality = kModalities[next(std::size(kModalities))];
        fact.confidence = 0.3 + 0.05 * next(10);
        if (next(3) == 0) fact.attributes = {{"amount", std::to_string(next(100)) + " million"}};
        fact.evidence.sentence =
            "Sentence " + std::to_string(f) + " of round " + std::to_string(round) + ".";
        fact.evidence.sentence_span = {static_cast<uint32_t>(f * 40),
                                       static_cast<uint32_t>(f * 40 + 30)};
        fact.evidence.rule = "rule." + std::to_string(next(4));
        if (next(4) == 0) fact.evidence.date = "2023-12-" + std::to_string(10 + next(20));
        extraction.facts.push_back(std::move(fact));
      }
      ASSERT_TRUE(store.PutDocument(doc, extraction).ok());
    }
  }
}

// Every field of relation `index`'s records `a` and `b` is equal.
inline void ExpectSameRelationRecord(const RelationRecord& a, const RelationRecord& b,
                                     size_t index) {
  EXPECT_EQ(a.key, b.key) << index;
  EXPECT_EQ(a.subject_id, b.subject_id) << index;
  EXPECT_EQ(a.type, b.type) << index;
  EXPECT_EQ(a.object_id, b.object_id) << index;
  EXPECT_EQ(a.modality, b.modality) << index;
  EXPECT_EQ(a.attributes, b.attributes) << index;
  EXPECT_EQ(a.strength, b.strength) << index;
  EXPECT_EQ(a.evidence_count, b.evidence_count) << index;
  EXPECT_EQ(a.first_seen, b.first_seen) << index;
  EXPECT_EQ(a.last_seen, b.last_seen) << index;
}

}  // namespace corpgraph::graph::testing
