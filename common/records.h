// The records that flow between corpgraph's modules: a Document goes into
// extract/, which returns an Extraction (Entities with their Mentions, and
// Facts with their Evidence); graph/ stores and indexes them; query/ and
// export/ read them back.
//
//   Document doc{.id = "d1", .text = "Alibaba partnered with Apple."};
//   Extraction x = extractor.Extract(doc);
//   for (const Fact& f : x.facts)
//     std::cout << f.subject.name << " " << RelationTypeName(f.relation) << " " << f.object.name;
//
// Plain value types; no invariants beyond those documented per field.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace corpgraph {

enum class EntityType { kOrganization, kPerson, kProduct, kPlace, kTheme };
inline constexpr int kNumEntityTypes = 5;

// "organization", "person", "product", "place", "theme" (the contract's names).
std::string_view EntityTypeName(EntityType type);
// Inverse of EntityTypeName; also accepts "org". nullopt for anything else.
std::optional<EntityType> ParseEntityType(std::string_view name);
// The id prefix of a type: "org", "person", "product", "place", "theme".
std::string_view EntityIdPrefix(EntityType type);

// The relation taxonomy of DESIGN.md. The names are a contract.
enum class RelationType {
  kPartnerOf,
  kInvestsIn,
  kAcquires,
  kDivests,
  kSubsidiaryOf,
  kSupplies,
  kCompetesWith,
  kExecutiveOf,
  kProduces,
  kMemberOf,
  kOperatesIn,
  kHeadquarteredIn,
  kListedOn,
  kHasTheme,
};
inline constexpr int kNumRelationTypes = 14;

std::string_view RelationTypeName(RelationType type);  // "partner_of", ...
std::optional<RelationType> ParseRelationType(std::string_view name);
// partner_of and competes_with: stored with subject id < object id.
bool IsSymmetric(RelationType type);

// How sure the text is that a relation holds. Only kAsserted makes a confident edge.
enum class Modality { kAsserted, kPlanned, kRumoured, kDenied, kFailed };
std::string_view ModalityName(Modality modality);  // "asserted", "planned", ...
std::optional<Modality> ParseModality(std::string_view name);

// Where a piece of evidence comes from.
enum class EvidenceKind {
  kExplicit,  // a rule matched both arguments in the sentence
  kInferred,  // one argument is implied (document focus, co-reference)
  kLexicon,   // a known fact from the lexicon, attached to a sentence mentioning the entity
};
std::string_view EvidenceKindName(EvidenceKind kind);  // "explicit", "inferred", "lexicon"
std::optional<EvidenceKind> ParseEvidenceKind(std::string_view name);

// A half-open byte range [start, end) into a document's UTF-8 text.
struct Span {
  uint32_t start = 0;
  uint32_t end = 0;
  uint32_t size() const { return end - start; }
  bool operator==(const Span&) const = default;
};

struct Document {
  std::string id;      // stable: from the corpus, else relative path or content hash
  std::string source;  // path or URL it came from
  std::string title;
  std::string date;    // ISO 8601 (YYYY-MM-DD...), empty if unknown
  std::string text;    // valid UTF-8
  std::string sha256;  // hex digest of `text`, filled by the reader
};

struct Mention {
  Span span;
  std::string text;  // the bytes of `span`
};

// An entity as extracted from one document, or a taxonomy node (place/theme) from the lexicon.
struct Entity {
  std::string id;  // "org:alibaba", "place:CN", "theme:ai", "person:eddie-wu"
  std::string name;
  EntityType type = EntityType::kOrganization;
  std::string subtype;  // company, exchange, programme; country, region, city; ...
  std::vector<std::string> aliases;
  std::map<std::string, std::string> attributes;  // ticker, exchange, hq, iso2, sector, ...
  std::vector<std::string> parents;  // containing places / broader themes (ids), transitive
  std::vector<Mention> mentions;     // empty for taxonomy nodes
};

// The other names a relation argument goes by in one document, as `corpgraph extract`
// writes them and `corpgraph eval` matches them: how the text wrote the entity where that
// differs from its name, or else (never named otherwise: an exchange known from a ticker
// suffix, a person named only as "Mr. Hendry") the entity's aliases.
std::vector<std::string> ArgumentAliases(const Entity& entity);

// What a Fact says about one of its arguments.
struct EntityRef {
  std::string id;
  std::string name;
  EntityType type = EntityType::kOrganization;
};

struct Evidence {
  std::string doc_id;
  std::string sentence;
  Span sentence_span;
  Span subject_span;  // empty (0,0) when the argument is inferred or from the lexicon
  Span object_span;
  std::string rule;  // id of the rule that fired, e.g. "partnership.with"
  double confidence = 0.0;
  EvidenceKind kind = EvidenceKind::kExplicit;
  std::string date;  // the document's date, if known
};

struct Fact {
  EntityRef subject;
  RelationType relation = RelationType::kPartnerOf;
  EntityRef object;
  Modality modality = Modality::kAsserted;
  std::map<std::string, std::string> attributes;  // role, amount, currency, stake, ticker, ...
  double confidence = 0.0;
  Evidence evidence;
};

// Everything extracted from one document.
struct Extraction {
  std::vector<Entity> entities;
  std::vector<Fact> facts;
};

}  // namespace corpgraph
