// export/select.h — choosing the part of the graph an export draws.
//
// Three ways to select: the whole graph (guarded by a size limit), the
// neighbourhood of one entity (`--focus ENTITY --hops K`), or a query answer's
// subgraph (built by query/, passed straight to the writers). Relation filters
// (types, minimum strength, date window, modality) apply to the first two.
//
//   SelectOptions options;
//   options.focus = "Alibaba";
//   options.hops = 2;
//   ASSIGN_OR_RETURN(options.relations, ParseRelationList("partner_of,operates_in"));
//   ASSIGN_OR_RETURN(graph::Subgraph part, Select(graph, options));
//
// Pure functions over an immutable Graph: thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/records.h"
#include "common/status.h"
#include "graph/graph.h"

namespace corpgraph::exporter {

inline constexpr size_t kDefaultMaxNodes = 2000;
inline constexpr int kMaxHops = 10;

struct SelectOptions {
  // Entity name, alias, ticker or id to centre on; nullopt selects the whole graph.
  std::optional<std::string> focus;
  int hops = 2;  // with `focus`: breadth-first depth over relations in both directions, 0..kMaxHops

  std::vector<RelationType> relations;  // allowed relation types; empty allows all
  double min_strength = 0.0;            // drop relations whose strength is below this, 0..1
  std::string since;  // keep relations last seen on/after this date (YYYY, YYYY-MM or YYYY-MM-DD)
  std::string until;  // keep relations first seen on/before this date (same forms)
  bool include_unconfirmed = false;  // also keep planned/rumoured/denied/failed relations

  // More selected entities than this is an error (0: no limit).
  size_t max_nodes = kDefaultMaxNodes;
};

// True if relation `r` passes the relation filters of `options` (types,
// strength, dates, modality). Relations without dates fail a --since/--until filter.
bool RelationPasses(const graph::RelationRecord& r, const SelectOptions& options);

// Builds the selection.
//  - Whole graph: every relation that passes the filters and its endpoints;
//    when no relation filter beyond modality is set (no types, strength,
//    dates), also every entity with mentions but no relation. Taxonomy-only
//    vertices (places, themes from the lexicon) no selected relation touches
//    are left out.
//  - Focus: the vertices within `hops` of the focus entity over passing
//    relations (walked both ways), and every passing relation between them.
// Errors: InvalidArgument (bad hops, strength or date), NotFound (unknown
// focus entity, with did-you-mean suggestions), FailedPrecondition (more than
// max_nodes entities selected; the message says how to narrow the selection).
Result<graph::Subgraph> Select(const graph::Graph& graph, const SelectOptions& options);

// Resolves a user's entity reference: an exact id, else the best Lookup match.
// Errors: NotFound `unknown entity "Alibab" (did you mean "Alibaba"?)`.
Result<graph::VertexId> ResolveEntity(const graph::Graph& graph, std::string_view name);

// Parses "partner_of,operates_in" (commas and/or spaces). Errors: InvalidArgument
// naming the unknown relation and listing the valid names.
Result<std::vector<RelationType>> ParseRelationList(std::string_view text);

// Checks a --since/--until value: YYYY, YYYY-MM or YYYY-MM-DD. Errors: InvalidArgument.
Status ValidateDate(std::string_view date);

}  // namespace corpgraph::exporter
