#include "common/records.h"

#include <algorithm>
#include <array>

namespace corpgraph {
namespace {

constexpr std::array<std::string_view, kNumEntityTypes> kEntityTypeNames = {
    "organization", "person", "product", "place", "theme"};
constexpr std::array<std::string_view, kNumEntityTypes> kEntityIdPrefixes = {
    "org", "person", "product", "place", "theme"};
constexpr std::array<std::string_view, kNumRelationTypes> kRelationNames = {
    "partner_of",  "invests_in",       "acquires",     "divests",  "subsidiary_of",
    "supplies",    "competes_with",    "executive_of", "produces", "member_of",
    "operates_in", "headquartered_in", "listed_on",    "has_theme"};
constexpr std::array<std::string_view, 5> kModalityNames = {"asserted", "planned", "rumoured",
                                                            "denied", "failed"};
constexpr std::array<std::string_view, 3> kEvidenceKindNames = {"explicit", "inferred", "lexicon"};

template <typename Enum, size_t N>
std::optional<Enum> ParseByName(const std::array<std::string_view, N>& names,
                                std::string_view name) {
  for (size_t i = 0; i < N; ++i) {
    if (names[i] == name) return static_cast<Enum>(i);
  }
  return std::nullopt;
}

}  // namespace

std::string_view EntityTypeName(EntityType type) {
  return kEntityTypeNames[static_cast<size_t>(type)];
}

std::optional<EntityType> ParseEntityType(std::string_view name) {
  if (name == "org") return EntityType::kOrganization;
  return ParseByName<EntityType>(kEntityTypeNames, name);
}

std::string_view EntityIdPrefix(EntityType type) {
  return kEntityIdPrefixes[static_cast<size_t>(type)];
}

std::string_view RelationTypeName(RelationType type) {
  return kRelationNames[static_cast<size_t>(type)];
}

std::optional<RelationType> ParseRelationType(std::string_view name) {
  return ParseByName<RelationType>(kRelationNames, name);
}

bool IsSymmetric(RelationType type) {
  return type == RelationType::kPartnerOf || type == RelationType::kCompetesWith;
}

std::string_view ModalityName(Modality modality) {
  return kModalityNames[static_cast<size_t>(modality)];
}

std::optional<Modality> ParseModality(std::string_view name) {
  return ParseByName<Modality>(kModalityNames, name);
}

std::string_view EvidenceKindName(EvidenceKind kind) {
  return kEvidenceKindNames[static_cast<size_t>(kind)];
}

std::optional<EvidenceKind> ParseEvidenceKind(std::string_view name) {
  return ParseByName<EvidenceKind>(kEvidenceKindNames, name);
}

std::vector<std::string> ArgumentAliases(const Entity& entity) {
  std::vector<std::string> names;
  for (const Mention& m : entity.mentions) {
    if (m.text != entity.name && std::find(names.begin(), names.end(), m.text) == names.end()) {
      names.push_back(m.text);
    }
  }
  if (names.empty()) names = entity.aliases;
  return names;
}

}  // namespace corpgraph
