#include "export/exporter.h"

#include <sstream>

#include "common/text.h"
#include "export/output.h"
#include "export/render.h"
#include "export/select.h"

namespace corpgraph::exporter {
namespace {

struct FormatInfo {
  Format format;
  std::string_view name;
  bool text;
  bool drawing;  // a picture for people: the default entity limit applies
};

constexpr FormatInfo kFormats[] = {
    {Format::kDot, "dot", true, true},          {Format::kSvg, "svg", true, true},
    {Format::kPng, "png", false, true},         {Format::kJson, "json", true, false},
    {Format::kGraphMl, "graphml", true, false}, {Format::kNeo4j, "neo4j", false, false},
    {Format::kCsv, "csv", true, false},         {Format::kHtml, "html", true, true},
};

const FormatInfo& InfoOf(Format format) {
  for (const FormatInfo& info : kFormats) {
    if (info.format == format) return info;
  }
  return kFormats[0];
}

Result<std::string> DotText(const graph::Graph& graph, const graph::Subgraph& subgraph,
                            graph::Store* store, const DotOptions& options) {
  std::ostringstream dot;
  RETURN_IF_ERROR(WriteDot(graph, subgraph, store, options, dot));
  return dot.str();
}

// Produces the bytes of every single-file format.
Result<std::string> Produce(const graph::Graph& graph, const graph::Subgraph& subgraph,
                            graph::Store* store, ExportRequest& request) {
  std::ostringstream out;
  switch (request.format) {
    case Format::kDot:
      RETURN_IF_ERROR(WriteDot(graph, subgraph, store, request.dot, out));
      break;
    case Format::kSvg:
    case Format::kPng: {
      ASSIGN_OR_RETURN(std::string dot, DotText(graph, subgraph, store, request.dot));
      return RenderDot(dot, request.layout,
                       request.format == Format::kSvg ? ImageFormat::kSvg : ImageFormat::kPng);
    }
    case Format::kJson:
      RETURN_IF_ERROR(WriteJson(graph, subgraph, store, request.json, out));
      break;
    case Format::kGraphMl:
      RETURN_IF_ERROR(WriteGraphMl(graph, subgraph, store, out));
      break;
    case Format::kCsv:
      RETURN_IF_ERROR(WriteCsv(graph, subgraph, out));
      break;
    case Format::kHtml: {
      ASSIGN_OR_RETURN(std::string dot, DotText(graph, subgraph, store, request.dot));
      ASSIGN_OR_RETURN(request.html.svg, RenderDot(dot, request.layout, ImageFormat::kSvg));
      RETURN_IF_ERROR(WriteHtml(graph, subgraph, store, request.html, out));
      break;
    }
    case Format::kNeo4j:
      return InternalError("neo4j export is a directory, not one file");
  }
  return out.str();
}

}  // namespace

Result<Format> ParseFormat(std::string_view name) {
  const std::string lower = AsciiLower(TrimWhitespace(name));
  for (const FormatInfo& info : kFormats) {
    if (info.name == lower) return info.format;
  }
  return InvalidArgumentError("--format \"" + std::string(name) +
                              "\": unknown format (use dot, svg, png, json, graphml, neo4j, csv "
                              "or html)");
}

std::string_view FormatName(Format format) { return InfoOf(format).name; }

bool WritesToStdout(Format format) { return InfoOf(format).text; }

bool IsDrawing(Format format) { return InfoOf(format).drawing; }

size_t MaxNodesFor(Format format, std::optional<size_t> given) {
  if (given.has_value()) return *given;
  return IsDrawing(format) ? kDefaultMaxNodes : 0;
}

Status RunExport(const graph::Graph& graph, const graph::Subgraph& subgraph, graph::Store* store,
                 ExportRequest request, std::ostream& stdout_stream) {
  const bool to_stdout = request.output == "-";
  if (to_stdout && !WritesToStdout(request.format)) {
    return InvalidArgumentError("-o -: " + std::string(FormatName(request.format)) +
                                (request.format == Format::kPng
                                     ? " is binary (give a file name)"
                                     : " writes a directory of CSV files (give a directory)"));
  }
  if (request.output.empty()) return InvalidArgumentError("-o: no output given");
  if (request.format == Format::kNeo4j) {
    return WriteNeo4j(graph, subgraph, request.output, request.force);
  }
  // Refuse early, before spending time on layout, when the file cannot be written.
  if (!to_stdout) RETURN_IF_ERROR(CheckOutputPath(request.output, request.force));
  ASSIGN_OR_RETURN(std::string content, Produce(graph, subgraph, store, request));
  if (to_stdout) {
    stdout_stream << content;
    stdout_stream.flush();
    if (!stdout_stream) return IOError("stdout: write failed");
    return Status::Ok();
  }
  return WriteOutputFile(request.output, content, request.force);
}

}  // namespace corpgraph::exporter
