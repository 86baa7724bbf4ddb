// export/dot.h — a selection of the graph as GraphViz DOT text.
//
// Nodes are styled by entity type (organization: blue box, person: yellow
// ellipse, product: green component, place: orange hexagon, theme: lavender
// octagon) and labelled with the name (plus the ticker on a second line).
// Edges carry the relation name and evidence count, a pen width growing with
// strength (1 + 3 * strength), a dashed line for planned/rumoured/denied/failed
// relations, no arrowhead for symmetric ones, and — when a Store is given —
// the best evidence sentence with its document title and date as tooltip
// (shown on hover in SVG). Output is deterministic: nodes sorted by entity id,
// edges by (subject id, relation, object id, modality).
//
//   DotOptions options;
//   options.cluster = ClusterBy::kCountry;
//   std::ostringstream dot;
//   RETURN_IF_ERROR(WriteDot(graph, subgraph, store.get(), options, dot));
//   ASSIGN_OR_RETURN(std::string svg, RenderDot(dot.str(), "dot", ImageFormat::kSvg));
//
// WriteDot only reads the Graph; it uses `store` (not thread-safe) for
// evidence, so calls sharing one Store must not run concurrently.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>

#include "common/status.h"
#include "graph/graph.h"
#include "graph/store.h"

namespace corpgraph::exporter {

enum class ClusterBy {
  kNone,
  kCountry,  // organisations by `hq` country (a city hq counts as its country); places in their own
};

struct DotOptions {
  ClusterBy cluster = ClusterBy::kNone;
  bool legend = true;          // a small "Legend" cluster: node types present, line styles
  size_t tooltip_bytes = 400;  // evidence sentences longer than this are cut (UTF-8 safe)
  std::string graph_name = "corpgraph";
};

// Writes `subgraph` of `graph` as a DOT digraph to `out`. `store` may be null:
// edge tooltips then show strength, counts and dates but no sentence.
// Errors: whatever Store::EvidenceFor returns (with context), IOError if `out` fails.
Status WriteDot(const graph::Graph& graph, const graph::Subgraph& subgraph, graph::Store* store,
                const DotOptions& options, std::ostream& out);

}  // namespace corpgraph::exporter
