// export/internal/order.h — shared helpers of the export writers: the
// deterministic order of nodes and edges, and small per-entity facts
// (ticker, headquarters country) every format shows the same way.
//
//   for (graph::VertexId v : internal::VerticesById(graph, subgraph)) ...
//   std::string ticker = internal::TickerOf(graph.entity(v));  // "NYSE: BABA" or ""
//
// Pure functions over an immutable Graph: thread-safe.
#pragma once

#include <string>
#include <vector>

#include "graph/graph.h"

namespace corpgraph::exporter::internal {

// The subgraph's vertices sorted by entity id.
std::vector<graph::VertexId> VerticesById(const graph::Graph& graph,
                                          const graph::Subgraph& subgraph);

// The subgraph's relations sorted by (subject id, relation name, object id, modality).
std::vector<graph::RelationIndex> RelationsById(const graph::Graph& graph,
                                                const graph::Subgraph& subgraph);

// "NYSE: BABA" from the first of attribute "tickers" ("NYSE:BABA,HKEX:9988"),
// else from "ticker" (with "exchange" if present); "" when unknown.
std::string TickerOf(const graph::EntityRecord& entity);

// The ISO code of the entity's headquarters country from its `hq` attribute
// ("place:CN" -> "CN"); "" when unknown.
std::string HqCountryOf(const graph::EntityRecord& entity);

// A stable edge id: "subject|relation|object|modality".
std::string EdgeId(const graph::Graph& graph, graph::RelationIndex r);

}  // namespace corpgraph::exporter::internal
