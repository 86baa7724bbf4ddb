// query/engine.h — runs parsed queries against a Graph (and, when given, the
// Store for evidence sentences, full-text search and counts).
//
//   ASSIGN_OR_RETURN(auto store, graph::Store::Open("graph.db", graph::OpenMode::kReadOnly));
//   ASSIGN_OR_RETURN(auto graph, graph::Graph::Load(*store));
//   Engine engine(*graph, store.get());
//   ASSIGN_OR_RETURN(Answer answer, engine.Run("exposure Apple to region:Asia"));
//   std::cout << FormatText(answer, {});   // query/format.h
//
// Exposure semantics (docs/queries.md): simple paths from the subject to any
// vertex within the target (place/theme hierarchy counts), at most K hops,
// stopping at the first target vertex, over relation types walked in the
// directions that carry exposure; score = product of strengths × 0.85^(hops−1);
// best-first search with a bound, deterministic order.
//
// Thread-safety: an Engine only reads the Graph, so Run may be called from many
// threads if no Store is attached. With a Store, calls must be serialised
// (Store is single-threaded). The Graph and Store must outlive the Engine.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/status.h"
#include "graph/graph.h"
#include "graph/store.h"
#include "query/parser.h"

namespace corpgraph::query {

// An entity as an answer shows it.
struct EntitySummary {
  graph::VertexId vertex = 0;
  std::string id;
  std::string name;
  EntityType type = EntityType::kOrganization;
};

// The best (or one) piece of evidence behind a relation.
struct EvidenceSummary {
  std::string sentence;
  std::string doc_id;
  std::string doc_title;
  std::string date;
  std::string rule;
  double confidence = 0.0;
  EvidenceKind kind = EvidenceKind::kExplicit;
  Modality modality = Modality::kAsserted;  // of the relation it supports
  Span sentence_span;
};

// One edge of a path. `subject`/`object` are the relation as stored (for
// symmetric types: in walking order); `forward` says whether the path walks
// from subject to object (false: e.g. a customer reaching its supplier).
struct PathHop {
  EntitySummary subject;
  RelationType relation = RelationType::kPartnerOf;
  EntitySummary object;
  graph::RelationIndex relation_index = 0;
  double strength = 0.0;
  Modality modality = Modality::kAsserted;
  bool forward = true;
  std::optional<EvidenceSummary> evidence;  // set when the Engine has a Store
};

struct Path {
  double score = 0.0;
  std::vector<PathHop> hops;
};

// `exposure SUBJECT to TARGET`.
struct ExposureAnswer {
  EntitySummary subject;
  EntitySummary target;
  int max_hops = 3;
  std::vector<Path> paths;  // best first
};

// `exposure * to TARGET`.
struct RankingEntry {
  EntitySummary entity;
  double score = 0.0;
  Path path;  // its best path
};
struct ExposureRankingAnswer {
  EntitySummary target;
  int max_hops = 3;
  std::vector<RankingEntry> ranking;  // best first
};

// `paths A -> B`.
struct PathsAnswer {
  EntitySummary from;
  EntitySummary to;
  int max_hops = 3;
  std::vector<Path> paths;
};

// `neighbors X`.
struct NeighborRow {
  EntitySummary from;  // the vertex it was reached from (X at depth 1)
  EntitySummary neighbor;
  RelationType relation = RelationType::kPartnerOf;
  bool outgoing = true;  // `from` is the relation's stored subject
  double strength = 0.0;
  Modality modality = Modality::kAsserted;
  int depth = 1;
  graph::RelationIndex relation_index = 0;
};
struct NeighborsAnswer {
  EntitySummary center;
  std::vector<NeighborRow> rows;  // by depth, relation type, strength desc, name
  size_t omitted = 0;             // rows cut by `top`
};

// `entity X`.
struct RelationLine {
  EntitySummary other;
  RelationType relation = RelationType::kPartnerOf;
  bool outgoing = true;
  double strength = 0.0;
  Modality modality = Modality::kAsserted;
  int64_t evidence_count = 0;
};
struct EntityAnswer {
  EntitySummary entity;
  std::string subtype;
  std::vector<std::string> aliases;
  std::map<std::string, std::string> attributes;  // ticker, exchange, hq, ...
  std::vector<EntitySummary> parents;             // containing places / broader themes
  int64_t mention_count = 0;
  std::map<std::string, int> relation_counts;  // "partner_of" -> n
  std::vector<RelationLine> strongest;         // up to 10 by strength
};

// `evidence A REL B`.
struct EvidenceGroup {
  EntitySummary subject;
  RelationType relation = RelationType::kPartnerOf;
  EntitySummary object;
  Modality modality = Modality::kAsserted;
  double strength = 0.0;
  std::vector<EvidenceSummary> items;  // best first
};
struct EvidenceAnswer {
  std::vector<EvidenceGroup> groups;  // asserted first, then by modality
};

// `find TEXT`.
struct FindAnswer {
  std::string text;
  std::vector<EntitySummary> matches;  // exact lookups first, then closest
};

// `search "words"`.
struct SearchHit {
  EntitySummary subject;
  RelationType relation = RelationType::kPartnerOf;
  EntitySummary object;
  EvidenceSummary evidence;
};
struct SearchAnswer {
  std::string text;
  std::vector<SearchHit> hits;
};

// `stats`.
struct StatsAnswer {
  bool from_store = false;  // false: counted from the in-memory graph only
  graph::StoreStats stats;
  size_t index_bytes = 0;
};

// `help [command]`.
struct HelpAnswer {
  std::string topic;
  std::string text;
};

using AnswerBody =
    std::variant<ExposureAnswer, ExposureRankingAnswer, PathsAnswer, NeighborsAnswer, EntityAnswer,
                 EvidenceAnswer, FindAnswer, SearchAnswer, StatsAnswer, HelpAnswer>;

struct Answer {
  std::string query;  // the query text ("" when run from a Command)
  AnswerBody body;
  graph::Subgraph subgraph;  // the vertices and relations the answer covers
};

// How many partial paths a search may expand before giving up with
// FailedPrecondition (a guard against pathological queries).
inline constexpr size_t kMaxExpansions = 5'000'000;

class Engine {
 public:
  // `store` may be null: answers then carry no evidence, and `evidence` /
  // `search` fail with FailedPrecondition. Both must outlive the Engine.
  Engine(const graph::Graph& graph, graph::Store* store);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Parses and runs `query_text`. Errors: InvalidArgument (syntax), NotFound
  // (unknown entity/place/theme, with did-you-mean), FailedPrecondition
  // (cancelled through `cancel`, no store for evidence/search), IOError from the store.
  Result<Answer> Run(std::string_view query_text, const std::atomic<bool>* cancel = nullptr) const;
  Result<Answer> Run(const Command& command, const std::atomic<bool>* cancel = nullptr) const;

  const graph::Graph& graph() const { return graph_; }
  bool has_store() const { return store_ != nullptr; }

  struct Rep;  // the search index; defined in engine.cc, opaque to callers

 private:
  const graph::Graph& graph_;
  graph::Store* store_;
  std::unique_ptr<Rep> rep_;
};

// The edge walks exposure uses: may a search standing on `from_is_subject`'s
// side of a relation of `type` cross it? `via_given` selects the `via` rules.
bool ExposureWalks(RelationType type, bool from_is_subject, bool via_given);

// The damping of a path score per hop beyond the first.
inline constexpr double kHopDamping = 0.85;

}  // namespace corpgraph::query
