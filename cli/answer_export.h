// cli/answer_export.h — turning a query answer into an export: shared by
// `corpgraph export --query` and the REPL's `.export FORMAT FILE`.
#pragma once

#include <string_view>
#include <vector>

#include "common/status.h"
#include "export/formats.h"
#include "graph/graph.h"
#include "graph/store.h"
#include "query/engine.h"

namespace corpgraph::cli {

// The answer's ranked paths (exposure, ranking, paths answers), best first.
std::vector<exporter::ScoredPath> AnswerPaths(const query::Answer& answer);

// Exactly the entities and relations on the answer's paths; for answers without
// paths (neighbors, entity), the answer's own subgraph.
graph::Subgraph AnswerSubgraph(const graph::Graph& graph, const query::Answer& answer);

// Writes `answer` as `format` ("dot", "svg", "html", ...) to `path`, refusing to
// overwrite. Errors as exporter::RunExport.
Status ExportAnswer(const graph::Graph& graph, graph::Store* store, const query::Answer& answer,
                    std::string_view format, std::string_view path);

}  // namespace corpgraph::cli
