// Shared helpers for the extract tests: one process-wide default Extractor and
// lookups over an Extraction by surface name.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "common/records.h"
#include "extract/extractor.h"

namespace corpgraph::extract::testing {

inline const Extractor& DefaultExtractor() {
  static const Extractor* extractor = [] {
    auto created = Extractor::Create({});
    if (!created.ok()) {
      ADD_FAILURE() << created.status().message();
      std::abort();
    }
    return created->release();
  }();
  return *extractor;
}

inline Extraction ExtractText(const std::string& text, const std::string& date = "") {
  Document doc;
  doc.id = "test";
  doc.text = text;
  doc.date = date;
  return DefaultExtractor().Extract(doc);
}

inline bool NameIs(const EntityRef& ref, const std::string& name) { return ref.name == name; }

// The first fact matching subject name, relation and object name (either
// direction for symmetric relations), or null.
inline const Fact* FindFact(const Extraction& x, const std::string& subject, RelationType relation,
                            const std::string& object) {
  for (const Fact& f : x.facts) {
    if (f.relation != relation) continue;
    if (NameIs(f.subject, subject) && NameIs(f.object, object)) return &f;
    if (IsSymmetric(relation) && NameIs(f.subject, object) && NameIs(f.object, subject)) return &f;
  }
  return nullptr;
}

inline const Entity* FindEntity(const Extraction& x, const std::string& name) {
  for (const Entity& e : x.entities) {
    if (e.name == name) return &e;
  }
  return nullptr;
}

inline std::string Describe(const Extraction& x) {
  std::string out = "entities:";
  for (const Entity& e : x.entities) {
    out += " [" + e.name + "|" + std::string(EntityTypeName(e.type)) + "|" + e.id + "]";
  }
  out += "\nfacts:";
  for (const Fact& f : x.facts) {
    out += "\n  " + f.subject.name + " " + std::string(RelationTypeName(f.relation)) + " " +
           f.object.name + " (" + std::string(ModalityName(f.modality)) + ", " + f.evidence.rule +
           ")";
  }
  return out;
}

// One row of a relation table: the sentence, the fact it must (or must not) yield.
namespace relation_cases {

struct RelationCase {
  const char* text;
  const char* subject;
  RelationType relation;
  const char* object;
  bool expected;  // false: this relation must NOT be extracted as asserted
  Modality modality = Modality::kAsserted;
};

constexpr RelationType kPartner = RelationType::kPartnerOf;
constexpr RelationType kInvests = RelationType::kInvestsIn;
constexpr RelationType kAcquires = RelationType::kAcquires;
constexpr RelationType kDivests = RelationType::kDivests;
constexpr RelationType kSubsidiary = RelationType::kSubsidiaryOf;
constexpr RelationType kSupplies = RelationType::kSupplies;
constexpr RelationType kCompetes = RelationType::kCompetesWith;
constexpr RelationType kExecutive = RelationType::kExecutiveOf;
constexpr RelationType kProduces = RelationType::kProduces;
constexpr RelationType kMember = RelationType::kMemberOf;
constexpr RelationType kOperates = RelationType::kOperatesIn;
constexpr RelationType kHq = RelationType::kHeadquarteredIn;
constexpr RelationType kListed = RelationType::kListedOn;
constexpr RelationType kTheme = RelationType::kHasTheme;

}  // namespace relation_cases

}  // namespace corpgraph::extract::testing
