// export/exporter.h — one call that writes a selection in any export format
// to a file, a directory (neo4j) or stdout: what `corpgraph export` runs.
//
//   ASSIGN_OR_RETURN(Format format, ParseFormat("svg"));
//   ExportRequest request;
//   request.format = format;
//   request.output = "alibaba.svg";
//   RETURN_IF_ERROR(RunExport(graph, subgraph, store.get(), request, std::cout));
//
// Files are written through WriteOutputFile (export/output.h): no overwrite
// without `force`, never through a symbolic link, no half-written files.
// Thread-safety: as the writers it calls (one thread per Store; rendering
// serialised by render.h's mutex).
#pragma once

#include <cstddef>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "common/status.h"
#include "export/dot.h"
#include "export/formats.h"
#include "graph/graph.h"
#include "graph/store.h"

namespace corpgraph::exporter {

enum class Format { kDot, kSvg, kPng, kJson, kGraphMl, kNeo4j, kCsv, kHtml };

// "dot", "svg", "png", "json", "graphml", "neo4j", "csv", "html" (ASCII case
// ignored). Errors: InvalidArgument listing the valid names.
Result<Format> ParseFormat(std::string_view name);
std::string_view FormatName(Format format);
// True for formats that may go to stdout with `-o -` (all but png and neo4j).
bool WritesToStdout(Format format);
// True for the formats people look at (dot, svg, png, html), false for data (json, graphml,
// neo4j, csv).
bool IsDrawing(Format format);
// The entity limit of an export: `given` (--max-nodes; 0 = none) when set, else
// kDefaultMaxNodes for a drawing (a bigger one is unreadable and slow to lay out) and no
// limit for data, whose usual job is the whole graph.
size_t MaxNodesFor(Format format, std::optional<size_t> given);

struct ExportRequest {
  Format format = Format::kDot;
  std::string output;          // file path; a directory for neo4j; "-" for stdout
  bool force = false;          // replace existing files (never symbolic links)
  std::string layout = "dot";  // GraphViz engine for svg, png and html
  DotOptions dot;
  HtmlOptions html;  // title, subtitle, ranked paths; `svg` is filled in here
  JsonOptions json;
};

// Writes `subgraph` as `request` says; `stdout_stream` receives the output for
// "-". Errors: InvalidArgument (binary/directory format to stdout, unknown
// layout), AlreadyExists / FailedPrecondition (output refused, see output.h),
// errors of the writers and of rendering, IOError.
Status RunExport(const graph::Graph& graph, const graph::Subgraph& subgraph, graph::Store* store,
                 ExportRequest request, std::ostream& stdout_stream);

}  // namespace corpgraph::exporter
