#include "query/engine.h"

#include <sys/mman.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <mutex>
#include <new>
#include <numeric>
#include <optional>
#include <queue>
#include <span>
#include <unordered_map>
#include <unordered_set>

#include "common/text.h"

namespace corpgraph::query {
namespace {

using graph::Graph;
using graph::Hop;
using graph::RelationIndex;
using graph::VertexId;

constexpr int kDefaultHops = 3;
constexpr int kDefaultTop = 10;
constexpr int kDefaultRankingTop = 20;
constexpr int kDefaultNeighborRows = 50;
constexpr int kStrongestRelations = 10;
constexpr int kSearchHits = 20;
constexpr int kEvidencePerRelation = 1000;
constexpr size_t kCancelCheckEvery = 1024;

Status Cancelled() { return FailedPreconditionError("query: cancelled"); }

bool IsCancelled(const std::atomic<bool>* cancel) {
  return cancel != nullptr && cancel->load(std::memory_order_relaxed);
}

std::string Quote(std::string_view s) { return "\"" + std::string(s) + "\""; }

// Which relation types a search may cross, in which direction, and which relations pass.
struct WalkRules {
  // allowed[type][1] : may cross from the relation's subject to its object;
  // allowed[type][0] : from its object to its subject.
  bool allowed[kNumRelationTypes][2] = {};
  bool include_unconfirmed = false;
  double min_confidence = 0.0;
  std::string since;
  std::string until;
};

// Prefix comparison so that "2024" includes every date in 2024.
bool DatePasses(const graph::RelationRecord& r, const std::string& since,
                const std::string& until) {
  if (!since.empty()) {
    if (r.last_seen.empty() || r.last_seen.substr(0, since.size()) < since) return false;
  }
  if (!until.empty()) {
    if (r.first_seen.empty() || r.first_seen.substr(0, until.size()) > until) return false;
  }
  return true;
}

WalkRules ExposureRules(const SearchOptions& options) {
  WalkRules rules;
  bool via_given = !options.via.empty();
  for (int t = 0; t < kNumRelationTypes; ++t) {
    auto type = static_cast<RelationType>(t);
    if (via_given && std::find(options.via.begin(), options.via.end(), type) == options.via.end()) {
      continue;
    }
    rules.allowed[t][1] = ExposureWalks(type, true, via_given);
    rules.allowed[t][0] = ExposureWalks(type, false, via_given);
  }
  rules.include_unconfirmed = options.include_unconfirmed;
  rules.min_confidence = options.min_confidence;
  rules.since = options.since;
  rules.until = options.until;
  return rules;
}

WalkRules BothWaysRules(const SearchOptions& options) {
  WalkRules rules = ExposureRules(options);
  for (int t = 0; t < kNumRelationTypes; ++t) {
    bool on = options.via.empty() || std::find(options.via.begin(), options.via.end(),
                                               static_cast<RelationType>(t)) != options.via.end();
    rules.allowed[t][0] = rules.allowed[t][1] = on;
  }
  return rules;
}

}  // namespace

bool ExposureWalks(RelationType type, bool from_is_subject, bool via_given) {
  switch (type) {
    case RelationType::kPartnerOf:
      return true;
    case RelationType::kCompetesWith:
      return via_given;
    case RelationType::kDivests:
      return via_given && from_is_subject;
    case RelationType::kSubsidiaryOf:  // parent (object) -> unit (subject)
    case RelationType::kSupplies:      // customer (object) -> supplier (subject)
      return !from_is_subject;
    case RelationType::kInvestsIn:
    case RelationType::kAcquires:
    case RelationType::kExecutiveOf:
    case RelationType::kProduces:
    case RelationType::kMemberOf:
    case RelationType::kOperatesIn:
    case RelationType::kHeadquarteredIn:
    case RelationType::kListedOn:
    case RelationType::kHasTheme:
      return from_is_subject;
  }
  return false;
}

// Which of a vertex's edge groups a neighbor falls in: the search's last hop
// only has to look at the group of the target's kind.
enum NeighborClass : uint8_t { kPlaceClass = 0, kThemeClass = 1, kOtherClass = 2 };
constexpr int kNumClasses = 3;

NeighborClass ClassOf(EntityType type) {
  return type == EntityType::kPlace   ? kPlaceClass
         : type == EntityType::kTheme ? kThemeClass
                                      : kOtherClass;
}

// One bit of a 32-bit signature for a place or theme vertex.
uint32_t TargetBit(VertexId v) { return uint32_t{1} << ((v * 2654435761u) >> 27); }

// Allocates large arrays on 2 MB boundaries and asks Linux for transparent
// huge pages (where THP is "madvise" only): the search reads the walk
// adjacency at random, and with 4 KB pages nearly every read of a 1M-vertex
// graph's adjacency would also miss the TLB.
template <typename T>
struct HugePageAllocator {
  using value_type = T;
  static constexpr size_t kHugePage = size_t{2} << 20;
  HugePageAllocator() = default;
  template <typename U>
  HugePageAllocator(const HugePageAllocator<U>&) {}
  T* allocate(size_t n) {
    const size_t bytes = n * sizeof(T);
    if (bytes < kHugePage) return std::allocator<T>().allocate(n);
    const size_t rounded = (bytes + kHugePage - 1) / kHugePage * kHugePage;
    void* p = std::aligned_alloc(kHugePage, rounded);
    if (p == nullptr) throw std::bad_alloc();
#ifdef MADV_HUGEPAGE
    madvise(p, rounded, MADV_HUGEPAGE);  // advice only: failure changes nothing
#endif
    return static_cast<T*>(p);
  }
  void deallocate(T* p, size_t n) {
    if (n * sizeof(T) < kHugePage) return std::allocator<T>().deallocate(p, n);
    std::free(p);
  }
  template <typename U>
  bool operator==(const HugePageAllocator<U>&) const {
    return true;
  }
};

// An edge as the search reads it: everything it needs without touching the
// RelationRecord, plus a summary of the neighbor's own place/theme edges so a
// path's last hop can often be ruled out without reading the neighbor at all.
struct WalkEdge {
  VertexId neighbor;
  RelationIndex relation;
  double strength;
  // OR of TargetBit(a) over every place/theme `a` that contains (or is) a
  // place/theme neighbor of `neighbor`: if TargetBit(T) is missing, no edge of
  // `neighbor` reaches a vertex within T. A filter: bits may collide, never miss.
  uint32_t neighbor_targets;
  uint8_t type;      // RelationType
  uint8_t outgoing;  // this edge's vertex is the relation's stored subject
  uint8_t asserted;  // modality is kAsserted
};

struct Engine::Rep {
  const Graph& graph;
  std::vector<uint8_t> vertex_type;  // EntityType per vertex
  std::vector<uint32_t> id_rank;     // rank of each vertex's id; empty if vertex order is id order
  std::vector<uint8_t> relation_type;  // RelationType per relation
  std::vector<uint8_t> relation_asserted;
  std::vector<uint8_t> relation_modality;  // Modality per relation
  std::vector<double> relation_strength;
  // (store key, relation) sorted by key, for `search` hits; built on first use, since opening
  // a graph for other queries should not pay for it (16 bytes a relation).
  mutable std::once_flag relation_keys_once;
  mutable std::vector<std::pair<int64_t, RelationIndex>> relation_keys;

  std::optional<RelationIndex> RelationByKey(int64_t key) const {
    std::call_once(relation_keys_once, [&] {
      relation_keys.resize(graph.num_relations());
      for (RelationIndex r = 0; r < relation_keys.size(); ++r) {
        relation_keys[r] = {graph.relation_key(r), r};
      }
      std::sort(relation_keys.begin(), relation_keys.end());
    });
    auto it = std::lower_bound(relation_keys.begin(), relation_keys.end(),
                               std::pair<int64_t, RelationIndex>{key, 0});
    if (it == relation_keys.end() || it->first != key) return std::nullopt;
    return it->second;
  }
  // The adjacency again, as WalkEdges grouped by neighbor class: the edges of
  // vertex v to neighbors of class c are walk_edges[walk_offsets[3v+c] .. walk_offsets[3v+c+1]),
  // in Graph::Adjacent order within a class.
  std::vector<uint32_t, HugePageAllocator<uint32_t>> walk_offsets;
  std::vector<WalkEdge, HugePageAllocator<WalkEdge>> walk_edges;

  explicit Rep(const Graph& g) : graph(g) {
    size_t n = g.num_vertices();
    vertex_type.resize(n);
    bool sorted = true;
    for (VertexId v = 0; v < n; ++v) {
      vertex_type[v] = static_cast<uint8_t>(g.entity(v).type);
      if (v > 0 && g.entity(v - 1).id > g.entity(v).id) sorted = false;
    }
    if (!sorted) {
      std::vector<VertexId> order(n);
      std::iota(order.begin(), order.end(), 0);
      std::sort(order.begin(), order.end(),
                [&](VertexId a, VertexId b) { return g.entity(a).id < g.entity(b).id; });
      id_rank.resize(n);
      for (uint32_t i = 0; i < n; ++i) id_rank[order[i]] = i;
    }
    size_t m = g.num_relations();
    relation_type.resize(m);
    relation_asserted.resize(m);
    relation_modality.resize(m);
    relation_strength.resize(m);
    // From the graph's columns: building a RelationRecord for each would cost more than the
    // graph itself.
    for (RelationIndex r = 0; r < m; ++r) {
      const Modality modality = g.relation_modality(r);
      relation_type[r] = static_cast<uint8_t>(g.relation_type(r));
      relation_asserted[r] = modality == Modality::kAsserted;
      relation_modality[r] = static_cast<uint8_t>(modality);
      relation_strength[r] = g.relation_strength(r);
    }
    BuildWalkEdges();
  }

  void BuildWalkEdges() {
    const size_t n = graph.num_vertices();
    // Signature of each place/theme: itself and every container it lists.
    std::vector<uint32_t> within_bits(n, 0);
    for (VertexId v = 0; v < n; ++v) {
      if (ClassOf(static_cast<EntityType>(vertex_type[v])) == kOtherClass) continue;
      uint32_t bits = TargetBit(v);
      for (const std::string& parent : graph.entity(v).parents) {
        if (std::optional<VertexId> p = graph.FindById(parent)) bits |= TargetBit(*p);
      }
      within_bits[v] = bits;
    }
    std::vector<uint32_t> reach_bits(n, 0);  // per vertex: OR over its neighbors' within_bits
    walk_offsets.assign(kNumClasses * n + 1, 0);
    for (VertexId v = 0; v < n; ++v) {
      for (const Hop& hop : graph.Adjacent(v)) {
        reach_bits[v] |= within_bits[hop.neighbor];
        ++walk_offsets[kNumClasses * v +
                       ClassOf(static_cast<EntityType>(vertex_type[hop.neighbor])) + 1];
      }
    }
    for (size_t i = 1; i < walk_offsets.size(); ++i) walk_offsets[i] += walk_offsets[i - 1];
    walk_edges.resize(walk_offsets.back());
    std::vector<uint32_t> fill(walk_offsets.begin(), walk_offsets.end() - 1);
    for (VertexId v = 0; v < n; ++v) {
      for (const Hop& hop : graph.Adjacent(v)) {
        const NeighborClass c = ClassOf(static_cast<EntityType>(vertex_type[hop.neighbor]));
        walk_edges[fill[kNumClasses * v + c]++] = WalkEdge{hop.neighbor,
                                                           hop.relation,
                                                           relation_strength[hop.relation],
                                                           reach_bits[hop.neighbor],
                                                           relation_type[hop.relation],
                                                           static_cast<uint8_t>(hop.outgoing),
                                                           relation_asserted[hop.relation]};
      }
    }
  }

  // The edges of `v` to neighbors of classes [first, last].
  std::span<const WalkEdge> Edges(VertexId v, NeighborClass first, NeighborClass last) const {
    const uint32_t* base = walk_offsets.data() + kNumClasses * static_cast<size_t>(v);
    return {walk_edges.data() + base[first], walk_edges.data() + base[last + 1]};
  }

  uint32_t Rank(VertexId v) const { return id_rank.empty() ? v : id_rank[v]; }

  // Cache hints for Edges(v, c, ...): its offsets, and (reading them) its
  // first edges of class c. No effect on results.
  void PrefetchOffsets(VertexId v) const {
    __builtin_prefetch(walk_offsets.data() + kNumClasses * static_cast<size_t>(v));
  }
  void PrefetchEdges(VertexId v, NeighborClass c) const {
    const uint32_t* base = walk_offsets.data() + kNumClasses * static_cast<size_t>(v);
    const char* first = reinterpret_cast<const char*>(walk_edges.data() + base[c]);
    const char* end = reinterpret_cast<const char*>(walk_edges.data() + base[kNumClasses]);
    for (int line = 0; line < 4 && first + 64 * line < end; ++line) {
      __builtin_prefetch(first + 64 * line);
    }
  }

  bool Passes(const WalkRules& rules, const WalkEdge& edge) const {
    if (!rules.allowed[edge.type][edge.outgoing]) return false;
    if (!rules.include_unconfirmed && !edge.asserted) return false;
    if (edge.strength < rules.min_confidence) return false;
    if (!rules.since.empty() || !rules.until.empty()) {
      return DatePasses(graph.relation(edge.relation), rules.since, rules.until);
    }
    return true;
  }

  bool Passes(const WalkRules& rules, const Hop& hop) const {
    RelationIndex r = hop.relation;
    if (!rules.allowed[relation_type[r]][hop.outgoing ? 1 : 0]) return false;
    if (!rules.include_unconfirmed && !relation_asserted[r]) return false;
    if (relation_strength[r] < rules.min_confidence) return false;
    if (!rules.since.empty() || !rules.until.empty()) {
      return DatePasses(graph.relation(r), rules.since, rules.until);
    }
    return true;
  }

  EntitySummary Summary(VertexId v) const {
    const graph::EntityRecord& e = graph.entity(v);
    return EntitySummary{v, e.id, e.name, e.type};
  }
};

namespace {

// What a search looks for: the vertex itself (paths), or any vertex of its type
// within it, the place or theme hierarchy counting (exposure).
struct TargetSpec {
  VertexId vertex;
  bool hierarchy;
};

// One partial or complete path in the best-first search, stored in an arena;
// `parent` links back to the subject (kNoParent at the root).
struct SearchNode {
  VertexId vertex;
  uint32_t parent;
  RelationIndex relation;
  bool forward;  // walked from the relation's subject to its object
  uint8_t hops;
  uint8_t type;      // the relation's RelationType (copied from its WalkEdge,
  uint8_t asserted;  // like these two, so answers need not read the relation)
  double score;
  double strength;
};
constexpr uint32_t kNoParent = UINT32_MAX;

// Buffers reused by every search on one thread, so that a query allocates
// nothing here once they have grown. A search's result points into them and
// stays valid until the next search on the same thread.
struct SearchScratch {
  std::vector<SearchNode> arena;
  std::vector<uint32_t> frontier;  // a heap, best on top
  std::vector<uint32_t> complete;  // best first
  std::vector<uint32_t> seq_a, seq_b;
  std::vector<VertexId> queued;  // vertices queued by the current expansion
};

struct SearchResult {
  const std::vector<SearchNode>* arena;
  std::vector<uint32_t> complete;  // best first
};

// Best-first search for the top `top` simple paths from `start` to a target
// (see TargetSpec), stopping at the first target. Scores only fall as a path
// grows (strengths <= 1, damping < 1), so once `top` complete paths are known,
// a partial path whose best completion (its score, damped once more) falls
// below the worst of them is pruned, and the search ends when the best
// remaining partial path does. The last hop of a path only reads the edges to
// neighbors of the target's class, and a path one hop short of the limit is
// finished at once instead of queued, skipped outright when the signature of
// its end vertex (WalkEdge::neighbor_targets) rules the target out.
// The answer is the exact top `top` in the total order "higher score, fewer
// hops, smaller vertex-id sequence, smaller relation sequence", whatever the
// order of exploration.
Result<SearchResult> BestPaths(const Engine::Rep& rep, VertexId start, const WalkRules& rules,
                               int max_hops, size_t top, const TargetSpec& target,
                               const std::atomic<bool>* cancel) {
  thread_local SearchScratch scratch;
  std::vector<SearchNode>& arena = scratch.arena;
  std::vector<uint32_t>& frontier = scratch.frontier;
  std::vector<uint32_t>& complete = scratch.complete;
  arena.clear();
  frontier.clear();
  complete.clear();
  if (max_hops < 1 || top == 0) return SearchResult{&arena, {}};

  const uint8_t target_type = rep.vertex_type[target.vertex];
  const NeighborClass target_class = ClassOf(static_cast<EntityType>(target_type));
  const bool use_signature = target_class != kOtherClass;
  const uint32_t target_bit = TargetBit(target.vertex);
  // Whether `v`, reached by an edge in (`in_class`) or outside the range of
  // edges to neighbors of the target's class, is a target. Place and theme
  // classes hold exactly the vertices of that type, so the range stands in for
  // reading vertex_type[v].
  auto is_target = [&](VertexId v, bool in_class) {
    if (!target.hierarchy) return v == target.vertex;
    if (use_signature) return in_class && rep.graph.IsWithin(v, target.vertex);
    return rep.vertex_type[v] == target_type && rep.graph.IsWithin(v, target.vertex);
  };

  // Vertex ranks from the root, then the relations: the tie-breaking key.
  auto sequence = [&](uint32_t node, std::vector<uint32_t>& out) {
    out.clear();
    for (uint32_t n = node; n != kNoParent; n = arena[n].parent)
      out.push_back(rep.Rank(arena[n].vertex));
    std::reverse(out.begin(), out.end());
    const size_t vertices = out.size();
    for (uint32_t n = node; arena[n].parent != kNoParent; n = arena[n].parent)
      out.push_back(arena[n].relation);
    std::reverse(out.begin() + static_cast<std::ptrdiff_t>(vertices), out.end());
  };
  auto better = [&](uint32_t a, uint32_t b) {
    const SearchNode& x = arena[a];
    const SearchNode& y = arena[b];
    if (x.score != y.score) return x.score > y.score;
    if (x.hops != y.hops) return x.hops < y.hops;
    sequence(a, scratch.seq_a);
    sequence(b, scratch.seq_b);
    return scratch.seq_a < scratch.seq_b;
  };
  auto worse = [&](uint32_t a, uint32_t b) { return better(b, a); };
  auto threshold = [&]() { return complete.size() < top ? -1.0 : arena[complete.back()].score; };
  auto on_path = [&](uint32_t node, VertexId v) {
    for (uint32_t n = node; n != kNoParent; n = arena[n].parent) {
      if (arena[n].vertex == v) return true;
    }
    return false;
  };
  auto add_node = [&](uint32_t parent, const WalkEdge& edge, double score) {
    arena.push_back({edge.neighbor, parent, edge.relation, edge.outgoing != 0,
                     static_cast<uint8_t>(arena[parent].hops + 1), edge.type, edge.asserted, score,
                     edge.strength});
    return static_cast<uint32_t>(arena.size() - 1);
  };
  auto add_complete = [&](uint32_t child) {
    auto pos = std::lower_bound(complete.begin(), complete.end(), child, better);
    complete.insert(pos, child);
    if (complete.size() > top) complete.pop_back();
  };
  size_t expansions = 0;
  auto count_expansion = [&]() -> Status {
    if (++expansions % kCancelCheckEvery == 0 && IsCancelled(cancel)) return Cancelled();
    if (expansions > kMaxExpansions) {
      return FailedPreconditionError("query: search gave up after " +
                                     std::to_string(kMaxExpansions) +
                                     " expansions (lower hops or add via/min-confidence)");
    }
    return Status::Ok();
  };
  // The last hop from `node`: only neighbors that can be targets.
  auto finish = [&](uint32_t node) {
    const SearchNode from = arena[node];
    for (const WalkEdge& edge : rep.Edges(from.vertex, target_class, target_class)) {
      if (!rep.Passes(rules, edge)) continue;
      const double score =
          from.hops == 0 ? edge.strength : from.score * edge.strength * kHopDamping;
      if (score < threshold() || edge.neighbor == from.vertex || !is_target(edge.neighbor, true) ||
          on_path(node, edge.neighbor)) {
        continue;
      }
      add_complete(add_node(node, edge, score));
    }
  };

  arena.push_back({start, kNoParent, 0, true, 0, 0, 0, 1.0, 1.0});
  if (max_hops == 1) {
    finish(0);
    return SearchResult{&arena, complete};
  }
  frontier.push_back(0);
  while (!frontier.empty()) {
    std::pop_heap(frontier.begin(), frontier.end(), worse);
    const uint32_t current = frontier.back();
    frontier.pop_back();
    const SearchNode node = arena[current];
    // Completions need one more hop: at most score * damping (the root's: its edges' strength).
    if ((node.hops == 0 ? node.score : node.score * kHopDamping) < threshold()) break;
    RETURN_IF_ERROR(count_expansion());
    const bool penultimate = node.hops + 2 == max_hops;
    const std::span<const WalkEdge> in_class = rep.Edges(node.vertex, target_class, target_class);
    const std::span<const WalkEdge> edges = rep.Edges(node.vertex, kPlaceClass, kOtherClass);
    if (penultimate && use_signature) {
      // The neighbors whose signature lets them through are finished below,
      // each reading its offsets and then its target-class edges: start both
      // loads for all of them first, rather than wait on each in turn.
      for (const WalkEdge& edge : edges) {
        if (edge.neighbor_targets & target_bit) rep.PrefetchOffsets(edge.neighbor);
      }
      for (const WalkEdge& edge : edges) {
        if (edge.neighbor_targets & target_bit) rep.PrefetchEdges(edge.neighbor, target_class);
      }
    }
    scratch.queued.clear();
    for (const WalkEdge& edge : edges) {
      if (!rep.Passes(rules, edge)) continue;
      const VertexId next = edge.neighbor;
      const double score =
          node.hops == 0 ? edge.strength : node.score * edge.strength * kHopDamping;
      if (score < threshold() || next == node.vertex || on_path(current, next)) continue;
      if (is_target(next, &edge >= in_class.data() && &edge < in_class.data() + in_class.size())) {
        add_complete(add_node(current, edge, score));
        continue;
      }
      if (score * kHopDamping < threshold()) continue;
      if (!penultimate) {
        frontier.push_back(add_node(current, edge, score));
        std::push_heap(frontier.begin(), frontier.end(), worse);
        scratch.queued.push_back(next);
        continue;
      }
      if (use_signature && (edge.neighbor_targets & target_bit) == 0) continue;
      RETURN_IF_ERROR(count_expansion());
      finish(add_node(current, edge, score));
    }
    // The vertices just queued are likely expanded next: start loading their
    // offsets, then their edges, for all of them at once.
    for (VertexId v : scratch.queued) rep.PrefetchOffsets(v);
    for (VertexId v : scratch.queued) rep.PrefetchEdges(v, kPlaceClass);
  }
  return SearchResult{&arena, complete};
}

}  // namespace

Engine::Engine(const graph::Graph& graph, graph::Store* store)
    : graph_(graph), store_(store), rep_(std::make_unique<Rep>(graph)) {}

Engine::~Engine() = default;

namespace {

class Runner {
 public:
  Runner(const Engine::Rep& rep, graph::Store* store, const std::atomic<bool>* cancel)
      : rep_(rep), graph_(rep.graph), store_(store), cancel_(cancel) {}

  Result<Answer> Run(const Command& command) {
    return std::visit([this](const auto& c) { return Dispatch(c); }, command);
  }

 private:
  Result<VertexId> ResolveEntity(const Name& name) {
    std::span<const VertexId> found = graph_.LookupView(name.text);
    if (!found.empty()) return found.front();
    std::string message = "unknown entity " + Quote(name.text);
    std::vector<VertexId> close = graph_.Suggest(name.text, 1);
    if (!close.empty())
      message += " \u2014 did you mean " + Quote(graph_.entity(close[0]).name) + "?";
    return NotFoundError(message);
  }

  Result<VertexId> ResolveTarget(const Target& target) {
    if (target.kind == TargetKind::kAny) {
      // A bare name: a place of that name first ("to Georgia"), then a theme ("to AI").
      Target as = target;
      for (TargetKind kind : {TargetKind::kPlace, TargetKind::kTheme}) {
        as.kind = kind;
        Result<VertexId> found = ResolveTarget(as);
        if (found.ok()) return found;
      }
    }
    EntityType want = target.kind == TargetKind::kTheme ? EntityType::kTheme : EntityType::kPlace;
    // The value as a name, then as an id ("place:X", then "place:" + slug);
    // the first key naming any vertex of the wanted type decides.
    std::string_view prefix = EntityIdPrefix(want);
    for (int attempt = 0; attempt < 3; ++attempt) {
      std::span<const VertexId> found;
      if (attempt == 0) {
        found = graph_.LookupView(target.value);
      } else {
        found = graph_.LookupView(std::string(prefix) + ":" +
                                  (attempt == 1 ? target.value : Slugify(target.value)));
      }
      std::optional<VertexId> first;
      // Prefer the subtype the user named (region:X over a same-named city).
      std::string_view kind = TargetKindName(target.kind);
      for (VertexId v : found) {
        const graph::EntityRecord& e = graph_.entity(v);
        if (e.type != want) continue;
        if (e.subtype == kind) return v;
        if (!first) first = v;
      }
      if (first) return *first;
    }
    std::string message =
        "unknown " + std::string(TargetKindName(target.kind)) + " " + Quote(target.value);
    // Suggest a place of the kind asked for first ("region:Asai" -> Asia, not a
    // frequently named country one edit further away), then any place or theme.
    const std::vector<VertexId> close = graph_.Suggest(target.value, 20);
    auto same_kind = [&](VertexId v) {
      const std::string& subtype = graph_.entity(v).subtype;
      switch (target.kind) {
        case TargetKind::kRegion:
          return subtype == "region" || subtype == "subregion" || subtype == "grouping";
        case TargetKind::kCountry:
          return subtype == "country";
        default:
          return true;
      }
    };
    auto wanted_type = [&](VertexId v) {
      const EntityType type = graph_.entity(v).type;
      return type == want || (target.kind == TargetKind::kAny && type == EntityType::kTheme);
    };
    std::optional<VertexId> pick;
    for (VertexId v : close) {
      if (wanted_type(v) && same_kind(v)) {
        pick = v;
        break;
      }
    }
    for (size_t i = 0; i < close.size() && !pick; ++i) {
      if (wanted_type(close[i])) pick = close[i];
    }
    if (pick) message += " \u2014 did you mean " + Quote(graph_.entity(*pick).name) + "?";
    return NotFoundError(message);
  }

  Result<std::optional<EvidenceSummary>> BestEvidence(RelationIndex r) {
    if (store_ == nullptr) return std::optional<EvidenceSummary>();
    auto cached = evidence_cache_.find(r);
    if (cached != evidence_cache_.end()) return cached->second;
    const graph::RelationRecord& record = graph_.relation(r);
    ASSIGN_OR_RETURN(std::vector<graph::EvidenceRecord> records,
                     store_->EvidenceFor(record.key, 1));
    std::optional<EvidenceSummary> best;
    if (!records.empty()) best = ToSummary(records.front(), record.modality);
    evidence_cache_.emplace(r, best);
    return best;
  }

  static EvidenceSummary ToSummary(const graph::EvidenceRecord& record, Modality modality) {
    const Evidence& e = record.evidence;
    return EvidenceSummary{e.sentence,   e.doc_id, record.doc_title, e.date,         e.rule,
                           e.confidence, e.kind,   modality,         e.sentence_span};
  }

  // What a search already knows about a hop's relation.
  struct KnownHop {
    RelationType type;
    double strength;
    bool asserted;
    bool from_is_subject;
  };

  // The hop from `from` to `to` over relation `r`. With `known` (from the
  // search's node) nothing is read about the relation but its modality when
  // not asserted; without, the Rep's columns and the relation's endpoints.
  // Without a store no RelationRecord is read.
  Result<PathHop> MakeHop(VertexId from, VertexId to, RelationIndex r,
                          const std::optional<KnownHop>& known = std::nullopt) {
    PathHop hop;
    hop.relation_index = r;
    if (known) {
      hop.relation = known->type;
      hop.strength = known->strength;
      hop.modality =
          known->asserted ? Modality::kAsserted : static_cast<Modality>(rep_.relation_modality[r]);
    } else {
      hop.relation = static_cast<RelationType>(rep_.relation_type[r]);
      hop.strength = rep_.relation_strength[r];
      hop.modality = static_cast<Modality>(rep_.relation_modality[r]);
    }
    if (IsSymmetric(hop.relation)) {
      hop.subject = rep_.Summary(from);
      hop.object = rep_.Summary(to);
      hop.forward = true;
    } else {
      const bool forward = known ? known->from_is_subject : graph_.subject(r) == from;
      hop.subject = rep_.Summary(forward ? from : to);
      hop.object = rep_.Summary(forward ? to : from);
      hop.forward = forward;
    }
    ASSIGN_OR_RETURN(hop.evidence, BestEvidence(r));
    Cover(from);
    Cover(to);
    relations_.push_back(r);
    return hop;
  }

  Result<Path> BuildPath(const SearchResult& search, uint32_t node) {
    std::vector<uint32_t> chain;
    const std::vector<SearchNode>& arena = *search.arena;
    for (uint32_t n = node; n != kNoParent; n = arena[n].parent) chain.push_back(n);
    std::reverse(chain.begin(), chain.end());
    Path path;
    path.score = arena[node].score;
    for (size_t i = 1; i < chain.size(); ++i) {
      const SearchNode& prev = arena[chain[i - 1]];
      const SearchNode& cur = arena[chain[i]];
      ASSIGN_OR_RETURN(PathHop hop,
                       MakeHop(prev.vertex, cur.vertex, cur.relation,
                               KnownHop{static_cast<RelationType>(cur.type), cur.strength,
                                        cur.asserted != 0, cur.forward}));
      path.hops.push_back(std::move(hop));
    }
    return path;
  }

  void Cover(VertexId v) { vertices_.push_back(v); }

  Answer Finish(AnswerBody body) {
    Answer answer;
    answer.body = std::move(body);
    std::sort(vertices_.begin(), vertices_.end());
    vertices_.erase(std::unique(vertices_.begin(), vertices_.end()), vertices_.end());
    std::sort(relations_.begin(), relations_.end());
    relations_.erase(std::unique(relations_.begin(), relations_.end()), relations_.end());
    answer.subgraph.vertices = std::move(vertices_);
    answer.subgraph.relations = std::move(relations_);
    return answer;
  }

  // True if `v` lies within `target` (IsWithin is a binary search in v's parents).
  bool WithinTarget(VertexId v, VertexId target, EntityType want) const {
    return rep_.vertex_type[v] == static_cast<uint8_t>(want) && graph_.IsWithin(v, target);
  }

  Result<Answer> Dispatch(const ExposureCommand& command) {
    ASSIGN_OR_RETURN(VertexId target, ResolveTarget(command.target));
    if (command.all_subjects) return Ranking(command, target);
    ASSIGN_OR_RETURN(VertexId subject, ResolveEntity(command.subject));
    WalkRules rules = ExposureRules(command.options);
    int hops = command.options.hops.value_or(kDefaultHops);
    size_t top = static_cast<size_t>(command.options.top.value_or(kDefaultTop));
    ASSIGN_OR_RETURN(SearchResult search,
                     BestPaths(rep_, subject, rules, hops, top, TargetSpec{target, true}, cancel_));
    ExposureAnswer answer;
    answer.subject = rep_.Summary(subject);
    answer.target = rep_.Summary(target);
    answer.max_hops = hops;
    Cover(subject);
    for (uint32_t node : search.complete) {
      ASSIGN_OR_RETURN(Path path, BuildPath(search, node));
      answer.paths.push_back(std::move(path));
    }
    return Finish(std::move(answer));
  }

  // `exposure * to X`: a layered dynamic programme backwards from every target
  // vertex. best[h][v] is the largest strength product of an h-hop walk from v
  // to a target that touches no target before its end; a vertex's score is the
  // best over h of best[h][v] * damping^(h-1). The maximising walk is simple:
  // cutting a cycle out of a walk only raises its damped score.
  Result<Answer> Ranking(const ExposureCommand& command, VertexId target) {
    EntityType want = graph_.entity(target).type;
    WalkRules rules = ExposureRules(command.options);
    int hops = command.options.hops.value_or(kDefaultHops);
    size_t top = static_cast<size_t>(command.options.top.value_or(kDefaultRankingTop));

    struct Step {
      double product;
      VertexId next;
      RelationIndex relation;
    };
    using Layer = std::unordered_map<VertexId, Step>;
    std::vector<Layer> layers(hops + 1);
    // Layer 0: every vertex inside the target, found from the vertices of its type.
    for (VertexId v = 0; v < rep_.vertex_type.size(); ++v) {
      if (WithinTarget(v, target, want)) layers[0].emplace(v, Step{1.0, v, 0});
    }
    size_t visits = 0;
    for (int h = 1; h <= hops; ++h) {
      Layer& layer = layers[h];
      for (const auto& [u, step] : layers[h - 1]) {
        for (const Hop& hop : graph_.Adjacent(u)) {
          if (++visits % kCancelCheckEvery == 0 && IsCancelled(cancel_)) return Cancelled();
          // Walking forward from the neighbor w reaches u: w is the subject iff u is not.
          Hop forward{hop.neighbor, hop.relation, !hop.outgoing};
          if (!rep_.Passes(rules, forward)) continue;
          VertexId w = hop.neighbor;
          if (w == u || layers[0].count(w)) continue;
          double product = step.product * rep_.relation_strength[hop.relation];
          auto [it, inserted] = layer.emplace(w, Step{product, u, hop.relation});
          if (!inserted &&
              (product > it->second.product ||
               (product == it->second.product && rep_.Rank(u) < rep_.Rank(it->second.next)))) {
            it->second = Step{product, u, hop.relation};
          }
        }
      }
    }
    struct Best {
      double score;
      int hops;
      VertexId vertex;
    };
    std::unordered_map<VertexId, Best> best;
    for (int h = 1; h <= hops; ++h) {
      double damping = std::pow(kHopDamping, h - 1);
      for (const auto& [v, step] : layers[h]) {
        if (rep_.vertex_type[v] != static_cast<uint8_t>(EntityType::kOrganization)) continue;
        double score = step.product * damping;
        auto [it, inserted] = best.emplace(v, Best{score, h, v});
        if (!inserted && score > it->second.score) it->second = Best{score, h, v};
      }
    }
    std::vector<Best> ranked;
    ranked.reserve(best.size());
    for (const auto& [v, b] : best) ranked.push_back(b);
    auto order = [&](const Best& a, const Best& b) {
      if (a.score != b.score) return a.score > b.score;
      if (a.hops != b.hops) return a.hops < b.hops;
      return rep_.Rank(a.vertex) < rep_.Rank(b.vertex);
    };
    size_t keep = std::min(top, ranked.size());
    std::partial_sort(ranked.begin(), ranked.begin() + keep, ranked.end(), order);
    ranked.resize(keep);

    ExposureRankingAnswer answer;
    answer.target = rep_.Summary(target);
    answer.max_hops = hops;
    for (const Best& b : ranked) {
      RankingEntry entry;
      entry.entity = rep_.Summary(b.vertex);
      entry.score = b.score;
      entry.path.score = b.score;
      VertexId v = b.vertex;
      for (int h = b.hops; h >= 1; --h) {
        const Step& step = layers[h].at(v);
        ASSIGN_OR_RETURN(PathHop hop, MakeHop(v, step.next, step.relation));
        entry.path.hops.push_back(std::move(hop));
        v = step.next;
      }
      answer.ranking.push_back(std::move(entry));
    }
    Cover(target);
    return Finish(std::move(answer));
  }

  Result<Answer> Dispatch(const PathsCommand& command) {
    ASSIGN_OR_RETURN(VertexId from, ResolveEntity(command.from));
    ASSIGN_OR_RETURN(VertexId to, ResolveEntity(command.to));
    if (from == to)
      return InvalidArgumentError("paths: both ends are " + Quote(graph_.entity(from).name));
    WalkRules rules = BothWaysRules(command.options);
    int hops = command.options.hops.value_or(kDefaultHops);
    size_t top = static_cast<size_t>(command.options.top.value_or(kDefaultTop));
    ASSIGN_OR_RETURN(SearchResult search,
                     BestPaths(rep_, from, rules, hops, top, TargetSpec{to, false}, cancel_));
    PathsAnswer answer;
    answer.from = rep_.Summary(from);
    answer.to = rep_.Summary(to);
    answer.max_hops = hops;
    Cover(from);
    Cover(to);
    for (uint32_t node : search.complete) {
      ASSIGN_OR_RETURN(Path path, BuildPath(search, node));
      answer.paths.push_back(std::move(path));
    }
    return Finish(std::move(answer));
  }

  Result<Answer> Dispatch(const NeighborsCommand& command) {
    ASSIGN_OR_RETURN(VertexId center, ResolveEntity(command.entity));
    NeighborsAnswer answer;
    answer.center = rep_.Summary(center);
    std::unordered_set<VertexId> seen = {center};
    std::vector<VertexId> frontier = {center};
    size_t visits = 0;
    for (int depth = 1; depth <= command.hops && !frontier.empty(); ++depth) {
      std::vector<VertexId> next;
      std::unordered_set<VertexId> seen_before = seen;
      for (VertexId u : frontier) {
        for (const Hop& hop : graph_.Adjacent(u)) {
          if (++visits % kCancelCheckEvery == 0 && IsCancelled(cancel_)) return Cancelled();
          const graph::RelationRecord& r = graph_.relation(hop.relation);
          if (!command.relations.empty() &&
              std::find(command.relations.begin(), command.relations.end(), r.type) ==
                  command.relations.end()) {
            continue;
          }
          // Beyond depth 1 only edges that discover new vertices, not back edges.
          if (seen_before.count(hop.neighbor) && (depth > 1 || hop.neighbor == center)) continue;
          answer.rows.push_back(NeighborRow{rep_.Summary(u), rep_.Summary(hop.neighbor), r.type,
                                            hop.outgoing, r.strength, r.modality, depth,
                                            hop.relation});
          if (seen.insert(hop.neighbor).second) next.push_back(hop.neighbor);
        }
      }
      frontier = std::move(next);
    }
    std::sort(answer.rows.begin(), answer.rows.end(),
              [&](const NeighborRow& a, const NeighborRow& b) {
                if (a.depth != b.depth) return a.depth < b.depth;
                if (a.relation != b.relation) return a.relation < b.relation;
                if (a.strength != b.strength) return a.strength > b.strength;
                if (a.neighbor.name != b.neighbor.name) return a.neighbor.name < b.neighbor.name;
                return a.neighbor.id < b.neighbor.id;
              });
    size_t limit = static_cast<size_t>(command.top.value_or(kDefaultNeighborRows));
    if (answer.rows.size() > limit) {
      answer.omitted = answer.rows.size() - limit;
      answer.rows.resize(limit);
    }
    Cover(center);
    for (const NeighborRow& row : answer.rows) {
      Cover(row.from.vertex);
      Cover(row.neighbor.vertex);
      relations_.push_back(row.relation_index);
    }
    return Finish(std::move(answer));
  }

  Result<Answer> Dispatch(const EntityCommand& command) {
    ASSIGN_OR_RETURN(VertexId v, ResolveEntity(command.entity));
    const graph::EntityRecord& e = graph_.entity(v);
    EntityAnswer answer;
    answer.entity = rep_.Summary(v);
    answer.subtype = e.subtype;
    answer.aliases = e.aliases;
    answer.attributes = e.attributes;
    answer.mention_count = e.mention_count;
    for (const std::string& parent : e.parents) {
      if (auto p = graph_.FindById(parent)) answer.parents.push_back(rep_.Summary(*p));
    }
    Cover(v);
    std::vector<RelationLine> lines;
    for (const Hop& hop : graph_.Adjacent(v)) {
      const graph::RelationRecord& r = graph_.relation(hop.relation);
      answer.relation_counts[std::string(RelationTypeName(r.type))]++;
      lines.push_back(RelationLine{rep_.Summary(hop.neighbor), r.type, hop.outgoing, r.strength,
                                   r.modality, r.evidence_count});
    }
    std::stable_sort(lines.begin(), lines.end(), [](const RelationLine& a, const RelationLine& b) {
      if (a.strength != b.strength) return a.strength > b.strength;
      if (a.relation != b.relation) return a.relation < b.relation;
      return a.other.id < b.other.id;
    });
    if (lines.size() > kStrongestRelations) lines.resize(kStrongestRelations);
    answer.strongest = std::move(lines);
    return Finish(std::move(answer));
  }

  Result<Answer> Dispatch(const EvidenceCommand& command) {
    if (store_ == nullptr) {
      return FailedPreconditionError("evidence: needs the store (open the graph with --db)");
    }
    ASSIGN_OR_RETURN(VertexId a, ResolveEntity(command.subject));
    ASSIGN_OR_RETURN(VertexId b, ResolveEntity(command.object));
    bool symmetric = IsSymmetric(command.relation);
    std::vector<RelationIndex> matches;
    bool reverse_exists = false;
    for (const Hop& hop : graph_.Adjacent(a)) {
      if (hop.neighbor != b || graph_.relation(hop.relation).type != command.relation) continue;
      if (symmetric || hop.outgoing) {
        matches.push_back(hop.relation);
      } else {
        reverse_exists = true;
      }
    }
    std::string relation_name(RelationTypeName(command.relation));
    if (matches.empty()) {
      std::string message = "evidence: no " + relation_name + " relation from " +
                            Quote(graph_.entity(a).name) + " to " + Quote(graph_.entity(b).name);
      if (reverse_exists) {
        message += " (there is one the other way: evidence " + graph_.entity(b).name + " " +
                   relation_name + " " + graph_.entity(a).name + ")";
      }
      return NotFoundError(message);
    }
    EvidenceAnswer answer;
    for (RelationIndex r : matches) {
      const graph::RelationRecord& record = graph_.relation(r);
      EvidenceGroup group;
      group.relation = record.type;
      group.modality = record.modality;
      group.strength = record.strength;
      group.subject = rep_.Summary(symmetric ? a : graph_.subject(r));
      group.object = rep_.Summary(symmetric ? b : graph_.object(r));
      ASSIGN_OR_RETURN(std::vector<graph::EvidenceRecord> records,
                       store_->EvidenceFor(record.key, kEvidencePerRelation));
      for (const graph::EvidenceRecord& e : records)
        group.items.push_back(ToSummary(e, record.modality));
      answer.groups.push_back(std::move(group));
      relations_.push_back(r);
    }
    std::stable_sort(answer.groups.begin(), answer.groups.end(),
                     [](const EvidenceGroup& x, const EvidenceGroup& y) {
                       if (x.modality != y.modality) return x.modality < y.modality;
                       return x.strength > y.strength;
                     });
    Cover(a);
    Cover(b);
    return Finish(std::move(answer));
  }

  Result<Answer> Dispatch(const FindCommand& command) {
    FindAnswer answer;
    answer.text = command.text;
    std::vector<VertexId> found = graph_.Lookup(command.text);
    for (VertexId v : graph_.Suggest(command.text, 10)) found.push_back(v);
    std::unordered_set<VertexId> added;
    for (VertexId v : found) {
      if (answer.matches.size() >= 10) break;
      if (!added.insert(v).second) continue;
      answer.matches.push_back(rep_.Summary(v));
      Cover(v);
    }
    return Finish(std::move(answer));
  }

  Result<Answer> Dispatch(const SearchCommand& command) {
    if (store_ == nullptr) {
      return FailedPreconditionError("search: needs the store (open the graph with --db)");
    }
    ASSIGN_OR_RETURN(std::vector<graph::EvidenceRecord> records,
                     store_->SearchEvidence(command.text, kSearchHits));
    SearchAnswer answer;
    answer.text = command.text;
    for (const graph::EvidenceRecord& record : records) {
      std::optional<RelationIndex> found = rep_.RelationByKey(record.relation_key);
      if (!found) continue;  // added after the graph was loaded
      const RelationIndex r = *found;
      const graph::RelationRecord& relation = graph_.relation(r);
      answer.hits.push_back(SearchHit{rep_.Summary(graph_.subject(r)), relation.type,
                                      rep_.Summary(graph_.object(r)),
                                      ToSummary(record, relation.modality)});
      Cover(graph_.subject(r));
      Cover(graph_.object(r));
      relations_.push_back(r);
    }
    return Finish(std::move(answer));
  }

  Result<Answer> Dispatch(const StatsCommand&) {
    StatsAnswer answer;
    answer.index_bytes = graph_.IndexBytes();
    if (store_ != nullptr) {
      ASSIGN_OR_RETURN(answer.stats, store_->Stats());
      answer.from_store = true;
      return Finish(std::move(answer));
    }
    for (VertexId v = 0; v < graph_.num_vertices(); ++v) {
      const graph::EntityRecord& e = graph_.entity(v);
      if (e.mention_count == 0 && !graph_.Adjacent(v).size()) {
        answer.stats.taxonomy_nodes++;
        continue;
      }
      answer.stats.entities++;
      answer.stats.entities_by_type[std::string(EntityTypeName(e.type))]++;
    }
    for (RelationIndex r = 0; r < graph_.num_relations(); ++r) {
      const graph::RelationRecord& record = graph_.relation(r);
      answer.stats.relations++;
      answer.stats.evidence += record.evidence_count;
      answer.stats.relations_by_type[std::string(RelationTypeName(record.type))]++;
    }
    return Finish(std::move(answer));
  }

  Result<Answer> Dispatch(const HelpCommand& command) {
    return Finish(HelpAnswer{command.topic, HelpText(command.topic)});
  }

  const Engine::Rep& rep_;
  const Graph& graph_;
  graph::Store* store_;
  const std::atomic<bool>* cancel_;
  std::vector<VertexId> vertices_;
  std::vector<RelationIndex> relations_;
  std::unordered_map<RelationIndex, std::optional<EvidenceSummary>> evidence_cache_;
};

}  // namespace

Result<Answer> Engine::Run(std::string_view query_text, const std::atomic<bool>* cancel) const {
  ASSIGN_OR_RETURN(Command command, ParseQuery(query_text));
  ASSIGN_OR_RETURN(Answer answer, Run(command, cancel));
  answer.query = std::string(TrimWhitespace(query_text));
  return answer;
}

Result<Answer> Engine::Run(const Command& command, const std::atomic<bool>* cancel) const {
  Runner runner(*rep_, store_, cancel);
  return runner.Run(command);
}

}  // namespace corpgraph::query
