// graph/graph.h — the in-memory graph index built from a Store on open.
//
// Vertices are entities (including taxonomy nodes), edges are relations.
// Every relation appears in the adjacency of both its endpoints, with
// `outgoing` telling whether the vertex is the relation's stored subject, so
// traversals can walk directed relations either way. Backed by a Boost.Graph
// compressed_sparse_row_graph (the entity–relation incidence graph, 4 bytes
// an entry: neighbours are read from the relation's endpoints); no Boost type
// leaks through this header.
//
//   ASSIGN_OR_RETURN(auto graph, Graph::Load(*store));
//   for (VertexId v : graph->Lookup("Alibaba"))
//     for (const Hop& hop : graph->Adjacent(v))
//       std::cout << graph->entity(hop.neighbor).name << " via "
//                 << RelationTypeName(graph->relation(hop.relation).type) << "\n";
//
// Immutable after construction, so safe to read from many threads.
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <iterator>
#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "graph/store.h"

namespace corpgraph::graph {

using VertexId = uint32_t;
using RelationIndex = uint32_t;  // index into relations(), not the SQLite key

struct Hop {
  VertexId neighbor;
  RelationIndex relation;
  bool outgoing;  // true: this vertex is relation(relation).subject_id
};

// Where a HopRange reads its hops from (owned by the Graph): the adjacency
// entries, each the index of a relation plus `first_relation`, and the
// relations' endpoint columns, which give an entry's neighbour and direction.
struct HopSource {
  const uint32_t* entries = nullptr;  // every vertex's entries, row after row
  const VertexId* subjects = nullptr;
  const VertexId* objects = nullptr;
  uint32_t first_relation = 0;  // entry value of relation 0
};

// The hops of one vertex: a view into the graph's adjacency (valid as long as
// the Graph), iterated like a span but yielding Hop values, since the index
// stores each hop as one 4-byte entry naming the relation, and the neighbour
// and direction come from the relation's endpoints.
class HopRange {
 public:
  class Iterator {
   public:
    using iterator_category = std::random_access_iterator_tag;
    using value_type = Hop;
    using difference_type = std::ptrdiff_t;
    using pointer = void;
    using reference = Hop;
    Iterator() = default;
    Iterator(const HopSource* source, VertexId vertex, const uint32_t* entry)
        : source_(source), vertex_(vertex), entry_(entry) {}
    Hop operator*() const {
      const RelationIndex relation = *entry_ - source_->first_relation;
      const VertexId subject = source_->subjects[relation];
      if (subject != vertex_) return Hop{subject, relation, false};
      const VertexId object = source_->objects[relation];
      if (object != vertex_) return Hop{object, relation, true};
      // A self-relation is listed twice in a row, outgoing first.
      const bool outgoing = entry_ == source_->entries || entry_[-1] != *entry_;
      return Hop{vertex_, relation, outgoing};
    }
    Hop operator[](difference_type i) const { return *(*this + i); }
    Iterator& operator++() { return *this += 1; }
    Iterator operator++(int) {
      Iterator old = *this;
      *this += 1;
      return old;
    }
    Iterator& operator--() { return *this += -1; }
    Iterator operator--(int) {
      Iterator old = *this;
      *this += -1;
      return old;
    }
    Iterator& operator+=(difference_type n) {
      entry_ += n;
      return *this;
    }
    Iterator& operator-=(difference_type n) { return *this += -n; }
    friend Iterator operator+(Iterator it, difference_type n) { return it += n; }
    friend Iterator operator+(difference_type n, Iterator it) { return it += n; }
    friend Iterator operator-(Iterator it, difference_type n) { return it += -n; }
    friend difference_type operator-(const Iterator& a, const Iterator& b) {
      return a.entry_ - b.entry_;
    }
    friend bool operator==(const Iterator& a, const Iterator& b) { return a.entry_ == b.entry_; }
    friend auto operator<=>(const Iterator& a, const Iterator& b) { return a.entry_ <=> b.entry_; }

   private:
    const HopSource* source_ = nullptr;
    VertexId vertex_ = 0;
    const uint32_t* entry_ = nullptr;
  };

  HopRange() = default;
  HopRange(const HopSource* source, VertexId vertex, const uint32_t* entries, size_t size)
      : source_(source), vertex_(vertex), entries_(entries), size_(size) {}
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  Hop operator[](size_t i) const { return begin()[static_cast<std::ptrdiff_t>(i)]; }
  Hop front() const { return (*this)[0]; }
  Hop back() const { return (*this)[size_ - 1]; }
  Iterator begin() const { return Iterator(source_, vertex_, entries_); }
  Iterator end() const { return begin() + static_cast<std::ptrdiff_t>(size_); }

 private:
  const HopSource* source_ = nullptr;
  VertexId vertex_ = 0;
  const uint32_t* entries_ = nullptr;
  size_t size_ = 0;
};

// A selection of the graph: what an export draws or a query answer covers.
struct Subgraph {
  std::vector<VertexId> vertices;        // sorted, unique
  std::vector<RelationIndex> relations;  // sorted, unique; both endpoints are in `vertices`
};

// Graphs with fewer relations than this get no image (Graph::RefreshImage):
// below it a scan opens them in a few seconds at most (1.4-1.5 s of CPU for
// the 1.43M relations of the 200 MB generated corpus, 0.6-0.7 s per million
// in the bench), inside the 5 s open target, while the image would add
// about 25 bytes a relation to the file (35.5 MB there: 1.60x the input
// instead of 1.43x; docs/benchmarks.md, twelfth session).
inline constexpr size_t kImageMinRelations = 2'000'000;

struct LoadOptions {
  // Open from the store's graph image when it is present, intact (checksums)
  // and current (its generation is the store's); else, or when false, scan
  // the entity and relation tables.
  bool use_image = true;
  // Told which way the graph was opened and why. When empty: the reason is
  // written to stderr if the environment has CORPGRAPH_DEBUG=1, and a corrupt
  // image (DataLoss) is reported there as a warning in any case.
  std::function<void(std::string_view)> log;
};

struct ImageOptions {
  // No image below this many relations (an existing one is removed).
  size_t min_relations = kImageMinRelations;
  // As LoadOptions::log.
  std::function<void(std::string_view)> log;
};

class Graph {
 public:
  // Reads every entity and relation from `store` and builds the index: from
  // the store's graph image when it is current and intact, else by scanning
  // (LoadOptions). The answers are the same either way.
  static Result<std::unique_ptr<Graph>> Load(Store& store);
  static Result<std::unique_ptr<Graph>> Load(Store& store, const LoadOptions& options);
  // Makes the store's graph image current: nothing if it already is (and
  // passes its checksums); else
  // scans the graph and writes its index as the image (Store::WriteGraphImage)
  // if it has at least options.min_relations relations, or removes a stale
  // image if it has fewer. Run at the end of `build` and `merge`. Errors: the
  // scan's, the store's (FailedPrecondition when another process wrote
  // meanwhile: the image is then simply not written).
  static Status RefreshImage(Store& store, const ImageOptions& options = {});
  // True if Load opened this graph from the store's image.
  bool loaded_from_image() const;
  // Builds from records directly (tests, merges). Relations naming unknown
  // entity ids are an InvalidArgument error.
  static Result<std::unique_ptr<Graph>> FromRecords(std::vector<EntityRecord> entities,
                                                    std::vector<RelationRecord> relations);
  ~Graph();

  size_t num_vertices() const;
  size_t num_relations() const;
  const EntityRecord& entity(VertexId v) const;
  // The relation as a record. Graph::Load keeps relations in compact columns
  // and builds a record on first access (thread-safe); the reference stays
  // valid for the life of the Graph.
  const RelationRecord& relation(RelationIndex r) const;
  RelationType relation_type(RelationIndex r) const;  // without building the record
  double relation_strength(RelationIndex r) const;
  Modality relation_modality(RelationIndex r) const;  // without building the record
  int64_t relation_key(RelationIndex r) const;        // the store's key, ditto
  VertexId subject(RelationIndex r) const;
  VertexId object(RelationIndex r) const;

  // The vertex with entity id `id` ("org:alibaba"), if any.
  std::optional<VertexId> FindById(std::string_view id) const;
  // Vertices whose id, name, alias or ticker equals `name` ignoring ASCII case
  // and surrounding whitespace; entities with mentions first, then by mention count.
  std::vector<VertexId> Lookup(std::string_view name) const;
  // The same vertices as Lookup, as a view valid for the life of the Graph,
  // without copying them or allocating (the name is normalised into a
  // per-thread buffer): for per-query name resolution.
  std::span<const VertexId> LookupView(std::string_view name) const;
  // Up to `limit` vertices whose name or alias is closest to `name` (edit
  // distance and prefix), for did-you-mean and `find`. Ranked, ignoring ASCII
  // case: exact match, then prefix, then substring, then edit distance (only
  // within max(2, |name|/3) edits; farther names are not suggested); ties go to
  // the smaller distance, more mentions, then id. Deterministic.
  std::vector<VertexId> Suggest(std::string_view name, size_t limit) const;

  // Every relation touching `v`, grouped by relation type (then neighbour,
  // then relation index; a self-relation is listed twice, out and in).
  HopRange Adjacent(VertexId v) const;

  // True if `v` is `container` or lists it among its (transitive) parents:
  // Indonesia is within South-eastern Asia, Asia and ASEAN; theme:llm within theme:ai.
  bool IsWithin(VertexId v, VertexId container) const;

  // Bytes used by the adjacency structure itself: the CSR's row offsets (4 per
  // vertex and 4 per relation) and its entries (two per relation, 4 bytes
  // each); the neighbours are read from the relation columns.
  size_t IndexBytes() const;
  // Bytes of the compact per-relation columns (endpoints, type, modality,
  // strength, counts, dates, key), not counting records built by relation().
  size_t RelationColumnBytes() const;

 private:
  struct Rep;
  explicit Graph(std::unique_ptr<Rep> rep);
  // Name, alias and parent indexes over rep->entities; wraps up construction.
  static Result<std::unique_ptr<Graph>> FinishIndexes(std::unique_ptr<Rep> rep);
  // Load's two ways: scanning the tables, and reading the image into `rep`.
  static Result<std::unique_ptr<Graph>> Scan(Store& store);
  static Status ReadImage(Store& store, Rep& rep);
  std::unique_ptr<Rep> rep_;
};

}  // namespace corpgraph::graph
