// graph/graph.h — the in-memory graph index built from a Store on open.
//
// Vertices are entities (including taxonomy nodes), edges are relations.
// Every relation appears in the adjacency of both its endpoints, with
// `outgoing` telling whether the vertex is the relation's stored subject, so
// traversals can walk directed relations either way. Backed by a Boost.Graph
// compressed_sparse_row_graph; no Boost type leaks through this header.
//
//   ASSIGN_OR_RETURN(auto graph, Graph::Load(*store));
//   for (VertexId v : graph->Lookup("Alibaba"))
//     for (const Hop& hop : graph->Adjacent(v))
//       std::cout << graph->entity(hop.neighbor).name << " via "
//                 << RelationTypeName(graph->relation(hop.relation).type) << "\n";
//
// Immutable after construction, so safe to read from many threads.
#pragma once

#include <cstdint>
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

// A selection of the graph: what an export draws or a query answer covers.
struct Subgraph {
  std::vector<VertexId> vertices;        // sorted, unique
  std::vector<RelationIndex> relations;  // sorted, unique; both endpoints are in `vertices`
};

class Graph {
 public:
  // Reads every entity and relation from `store` and builds the index.
  static Result<std::unique_ptr<Graph>> Load(Store& store);
  // Builds from records directly (tests, merges). Relations naming unknown
  // entity ids are an InvalidArgument error.
  static Result<std::unique_ptr<Graph>> FromRecords(std::vector<EntityRecord> entities,
                                                    std::vector<RelationRecord> relations);
  ~Graph();

  size_t num_vertices() const;
  size_t num_relations() const;
  const EntityRecord& entity(VertexId v) const;
  const RelationRecord& relation(RelationIndex r) const;
  VertexId subject(RelationIndex r) const;
  VertexId object(RelationIndex r) const;

  // The vertex with entity id `id` ("org:alibaba"), if any.
  std::optional<VertexId> FindById(std::string_view id) const;
  // Vertices whose id, name, alias or ticker equals `name` ignoring ASCII case
  // and surrounding whitespace; entities with mentions first, then by mention count.
  std::vector<VertexId> Lookup(std::string_view name) const;
  // Up to `limit` vertices whose name or alias is closest to `name` (edit
  // distance and prefix), for did-you-mean and `find`. Ranked, ignoring ASCII
  // case: exact match, then prefix, then substring, then edit distance (only
  // within max(2, |name|/3) edits; farther names are not suggested); ties go to
  // the smaller distance, more mentions, then id. Deterministic.
  std::vector<VertexId> Suggest(std::string_view name, size_t limit) const;

  // Every relation touching `v`, grouped by relation type.
  std::span<const Hop> Adjacent(VertexId v) const;

  // True if `v` is `container` or lists it among its (transitive) parents:
  // Indonesia is within South-eastern Asia, Asia and ASEAN; theme:llm within theme:ai.
  bool IsWithin(VertexId v, VertexId container) const;

  // Approximate bytes used by the adjacency structure itself (not the records).
  size_t IndexBytes() const;

 private:
  struct Rep;
  explicit Graph(std::unique_ptr<Rep> rep);
  std::unique_ptr<Rep> rep_;
};

}  // namespace corpgraph::graph
