// export/formats.h — a selection of the graph as files other tools read:
// JSON, GraphML (Gephi, yEd), Neo4j import CSVs, a plain CSV edge list, and a
// self-contained HTML report. The schemas are documented in docs/export.md.
//
//   std::ostringstream json;
//   RETURN_IF_ERROR(WriteJson(graph, subgraph, store.get(), JsonOptions{}, json));
//   RETURN_IF_ERROR(WriteNeo4j(graph, subgraph, "neo4j-import", /*force=*/false));
//   HtmlOptions html;
//   ASSIGN_OR_RETURN(html.svg, RenderDot(dot_text, "dot", ImageFormat::kSvg));
//   RETURN_IF_ERROR(WriteHtml(graph, subgraph, store.get(), html, out));
//
// Every writer orders nodes by entity id and edges by (subject, relation,
// object, modality), so the output is deterministic. Writers only read the
// Graph; those taking a Store use it for evidence and share its
// thread-safety (one thread per Store). `store` may be null everywhere: the
// evidence fields are then empty.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "common/status.h"
#include "graph/graph.h"
#include "graph/store.h"

namespace corpgraph::exporter {

struct JsonOptions {
  int evidence_per_relation = 20;  // best first; 0 writes empty evidence arrays
  int indent = 2;                  // -1: one line
};

// {"nodes":[{id,name,type,subtype,aliases,attributes,mention_count}],
//  "edges":[{id,source,target,relation,modality,strength,evidence_count,first_seen,
//            last_seen,attributes,evidence:[{sentence,doc,title,date,rule,confidence,
//            kind,start,end}]}]}
// Errors: Store errors (with context), IOError if `out` fails.
Status WriteJson(const graph::Graph& graph, const graph::Subgraph& subgraph, graph::Store* store,
                 const JsonOptions& options, std::ostream& out);

// GraphML with <key> declarations for every node and edge attribute written
// (label, type, subtype, aliases, mention_count, each entity attribute key;
// label, relation, modality, weight = strength, evidence_count, first_seen,
// last_seen, each relation attribute key, and `evidence` = best sentence when
// `store` is given), edgedefault="directed". Errors: Store errors, IOError.
Status WriteGraphMl(const graph::Graph& graph, const graph::Subgraph& subgraph, graph::Store* store,
                    std::ostream& out);

// Neo4j `neo4j-admin database import full` CSVs (RFC 4180, formula-guarded cells):
//   nodes.csv:         id:ID,name,type,subtype,:LABEL       (:LABEL "Entity;Organization")
//   relationships.csv: :START_ID,:END_ID,:TYPE,strength:float,evidence_count:int,modality
// (:TYPE is the relation name upper-cased: PARTNER_OF.) Errors: IOError.
Status WriteNeo4jNodes(const graph::Graph& graph, const graph::Subgraph& subgraph,
                       std::ostream& out);
Status WriteNeo4jRelationships(const graph::Graph& graph, const graph::Subgraph& subgraph,
                               std::ostream& out);
// Writes both files into directory `dir` (created if missing) through
// WriteOutputFile. Errors: those of PrepareOutputDirectory and WriteOutputFile
// (AlreadyExists for an existing file without `force`); nothing is written if
// either file is refused.
Status WriteNeo4j(const graph::Graph& graph, const graph::Subgraph& subgraph,
                  const std::string& dir, bool force);

// A plain edge list: source,source_name,relation,target,target_name,modality,
// strength,evidence_count,first_seen,last_seen. Errors: IOError.
Status WriteCsv(const graph::Graph& graph, const graph::Subgraph& subgraph, std::ostream& out);

// A ranked path, e.g. from a query answer: relations in walking order.
struct ScoredPath {
  std::vector<graph::RelationIndex> relations;
  double score = 0.0;
  // The vertex the path starts from. When absent it is derived: the endpoint
  // of the first relation not shared with the second (the subject for a
  // one-relation path).
  std::optional<graph::VertexId> start;
};

struct HtmlOptions {
  std::string title = "corpgraph export";
  std::string subtitle;           // e.g. the query text; may be empty
  std::string svg;                // the rendered diagram, inlined; empty: no diagram
  std::vector<ScoredPath> paths;  // non-empty: listed (ranked) instead of the relation table
  int evidence_per_relation = 3;
};

// One self-contained HTML file (inline CSS, inline SVG, no scripts, no
// external resources): the diagram, then the ranked paths (each hop with its
// evidence) or a table of the selection's relations with their evidence
// sentences and sources. Every name and sentence is HTML-escaped.
// Errors: InvalidArgument (a path relation not in the graph or not connected
// to the previous hop), Store errors, IOError.
Status WriteHtml(const graph::Graph& graph, const graph::Subgraph& subgraph, graph::Store* store,
                 const HtmlOptions& options, std::ostream& out);

}  // namespace corpgraph::exporter
