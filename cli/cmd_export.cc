// `corpgraph export`: a selection of the graph (whole, --focus, or --query)
// as DOT, SVG, PNG, JSON, GraphML, Neo4j CSVs, a CSV edge list or HTML.
#include <algorithm>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "cli/answer_export.h"
#include "cli/commands.h"
#include "export/exporter.h"
#include "export/select.h"
#include "graph/graph.h"
#include "graph/store.h"
#include "query/engine.h"

namespace corpgraph::cli {

std::vector<exporter::ScoredPath> AnswerPaths(const query::Answer& answer) {
  std::vector<const query::Path*> paths;
  if (const auto* exposure = std::get_if<query::ExposureAnswer>(&answer.body)) {
    for (const query::Path& p : exposure->paths) paths.push_back(&p);
  } else if (const auto* between = std::get_if<query::PathsAnswer>(&answer.body)) {
    for (const query::Path& p : between->paths) paths.push_back(&p);
  } else if (const auto* ranking = std::get_if<query::ExposureRankingAnswer>(&answer.body)) {
    for (const query::RankingEntry& entry : ranking->ranking) paths.push_back(&entry.path);
  }
  std::vector<exporter::ScoredPath> scored;
  for (const query::Path* path : paths) {
    if (path->hops.empty()) continue;
    exporter::ScoredPath s;
    s.score = path->score;
    const query::PathHop& first = path->hops.front();
    s.start = first.forward ? first.subject.vertex : first.object.vertex;
    for (const query::PathHop& hop : path->hops) s.relations.push_back(hop.relation_index);
    scored.push_back(std::move(s));
  }
  return scored;
}

graph::Subgraph AnswerSubgraph(const graph::Graph& graph, const query::Answer& answer) {
  const std::vector<exporter::ScoredPath> paths = AnswerPaths(answer);
  if (paths.empty()) return answer.subgraph;
  graph::Subgraph sub;
  for (const auto& path : paths) {
    for (graph::RelationIndex r : path.relations) {
      sub.relations.push_back(r);
      sub.vertices.push_back(graph.subject(r));
      sub.vertices.push_back(graph.object(r));
    }
  }
  for (auto* list : {&sub.relations, &sub.vertices}) {
    std::sort(list->begin(), list->end());
    list->erase(std::unique(list->begin(), list->end()), list->end());
  }
  return sub;
}

Status ExportAnswer(const graph::Graph& graph, graph::Store* store, const query::Answer& answer,
                    std::string_view format, std::string_view path) {
  ASSIGN_OR_RETURN(exporter::Format parsed, exporter::ParseFormat(format));
  exporter::ExportRequest request;
  request.format = parsed;
  request.output = std::string(path);
  request.html.paths = AnswerPaths(answer);
  request.html.title = "corpgraph: " + answer.query;
  return exporter::RunExport(graph, AnswerSubgraph(graph, answer), store, request, std::cout);
}

namespace {

struct ExportFlags {
  std::string db;
  std::string format;
  std::string output;
  std::string focus;
  int hops = 2;
  std::string query;
  std::string relations;
  double min_confidence = 0.0;
  std::string since;
  std::string until;
  bool include_unconfirmed = false;
  std::string layout = "dot";
  std::string cluster = "none";
  bool no_legend = false;
  size_t max_nodes = 0;  // read only when --max-nodes was given (exporter::MaxNodesFor)
  bool force = false;
};

// Flags that only make sense without --query, and the one that needs --focus.
Status CheckFlagCombinations(const ExportFlags& flags, const CLI::App& sub) {
  if (!flags.query.empty()) {
    if (!flags.focus.empty()) {
      return InvalidArgumentError("--query and --focus: choose one way to select");
    }
    for (const char* name :
         {"--rel", "--min-confidence", "--since", "--until", "--include-unconfirmed", "--hops"}) {
      if (sub.count(name) > 0) {
        return InvalidArgumentError(std::string(name) +
                                    ": does not apply to --query (put hops, via and since in "
                                    "the query itself)");
      }
    }
  }
  if (flags.focus.empty() && flags.query.empty() && sub.count("--hops") > 0) {
    return InvalidArgumentError("--hops: needs --focus ENTITY");
  }
  return Status::Ok();
}

int Run(const ExportFlags& flags, const CLI::App& sub, const GlobalOptions& global) {
  Status combination = CheckFlagCombinations(flags, sub);
  if (!combination.ok()) return ReportError(combination, /*usage=*/true);
  Result<exporter::Format> format = exporter::ParseFormat(flags.format);
  if (!format.ok()) return ReportError(format.status(), /*usage=*/true);

  exporter::SelectOptions select;
  if (!flags.focus.empty()) select.focus = flags.focus;
  select.hops = flags.hops;
  if (!flags.relations.empty()) {
    Result<std::vector<RelationType>> relations = exporter::ParseRelationList(flags.relations);
    if (!relations.ok()) return ReportError(relations.status(), /*usage=*/true);
    select.relations = *relations;
  }
  select.min_strength = flags.min_confidence;
  select.since = flags.since;
  select.until = flags.until;
  select.include_unconfirmed = flags.include_unconfirmed;
  select.max_nodes = exporter::MaxNodesFor(*format, sub.count("--max-nodes") > 0
                                                        ? std::optional<size_t>(flags.max_nodes)
                                                        : std::nullopt);

  exporter::ExportRequest request;
  request.format = *format;
  request.output = flags.output;
  request.force = flags.force;
  request.layout = flags.layout;
  request.dot.legend = !flags.no_legend;
  request.dot.cluster =
      flags.cluster == "country" ? exporter::ClusterBy::kCountry : exporter::ClusterBy::kNone;

  Result<std::unique_ptr<graph::Store>> store =
      graph::Store::Open(flags.db, graph::OpenMode::kReadOnly);
  if (!store.ok()) return ReportError(store.status());
  Result<std::unique_ptr<graph::Graph>> loaded = graph::Graph::Load(**store);
  if (!loaded.ok()) return ReportError(loaded.status().WithContext(flags.db));
  const graph::Graph& graph = **loaded;

  graph::Subgraph subgraph;
  if (!flags.query.empty()) {
    query::Engine engine(graph, store->get());
    Result<query::Answer> answer = engine.Run(flags.query);
    if (!answer.ok()) {
      return ReportError(answer.status(),
                         /*usage=*/answer.status().code() == StatusCode::kInvalidArgument);
    }
    subgraph = AnswerSubgraph(graph, *answer);
    if (select.max_nodes > 0 && subgraph.vertices.size() > select.max_nodes) {
      return ReportError(FailedPreconditionError(
          "the answer covers " + std::to_string(subgraph.vertices.size()) +
          " entities; narrow the query (top N, hops K) or raise --max-nodes"));
    }
    request.html.paths = AnswerPaths(*answer);
    request.html.title = "corpgraph: " + flags.query;
  } else {
    Result<graph::Subgraph> selected = exporter::Select(graph, select);
    if (!selected.ok()) {
      return ReportError(selected.status(),
                         /*usage=*/selected.status().code() == StatusCode::kInvalidArgument);
    }
    subgraph = std::move(selected).value();
    request.html.title = flags.focus.empty() ? "corpgraph: " + flags.db
                                             : "corpgraph: " + flags.focus + " within " +
                                                   std::to_string(flags.hops) + " hops";
  }
  request.html.subtitle = flags.db;

  Status written = exporter::RunExport(graph, subgraph, store->get(), request, std::cout);
  if (!written.ok()) {
    // An unknown --layout or a binary format to stdout is a usage mistake.
    return ReportError(written, /*usage=*/written.code() == StatusCode::kInvalidArgument);
  }
  if (!global.quiet) {
    std::cerr << "wrote " << (flags.output == "-" ? std::string("stdout") : flags.output) << " ("
              << subgraph.vertices.size() << " entities, " << subgraph.relations.size()
              << " relations)\n";
    if (subgraph.vertices.empty()) std::cerr << "note: the selection is empty\n";
  }
  return kExitOk;
}

}  // namespace

Runner AddExportCommand(CLI::App& app, const GlobalOptions& global) {
  auto flags = std::make_shared<ExportFlags>();
  CLI::App* sub = app.add_subcommand(
      "export",
      "Write the graph, an entity's neighbourhood or a query answer as a diagram or file");
  sub->add_option("--db", flags->db, "Graph database built by `corpgraph build`")->required();
  sub->add_option("--format", flags->format,
                  "dot, svg, png, json, graphml, neo4j (a directory), csv or html")
      ->required();
  sub->add_option("-o,--output", flags->output,
                  "Output file (a directory for neo4j); '-' writes text formats to stdout")
      ->required();
  sub->add_option("--focus", flags->focus, "Draw the neighbourhood of this entity (name or id)");
  sub->add_option("--hops", flags->hops, "With --focus: how far to walk (default 2)");
  sub->add_option("--query", flags->query,
                  "Export exactly the answer of this query, e.g. 'exposure Apple to region:China'");
  sub->add_option("--rel", flags->relations, "Only these relations, e.g. partner_of,operates_in");
  sub->add_option("--min-confidence", flags->min_confidence,
                  "Only relations at least this strong (0..1)");
  sub->add_option("--since", flags->since,
                  "Only relations last seen on/after DATE (YYYY[-MM[-DD]])");
  sub->add_option("--until", flags->until, "Only relations first seen on/before DATE");
  sub->add_flag("--include-unconfirmed", flags->include_unconfirmed,
                "Also draw planned, rumoured, denied and failed relations (dashed)");
  sub->add_option("--layout", flags->layout, "GraphViz layout for svg/png/html: dot, sfdp, neato");
  sub->add_option("--cluster", flags->cluster, "Group nodes: none or country")
      ->check(CLI::IsMember({"none", "country"}));
  sub->add_flag("--no-legend", flags->no_legend, "Leave out the legend");
  sub->add_option("--max-nodes", flags->max_nodes,
                  "Refuse selections with more entities than this (0: no limit). Default: 2000 "
                  "for drawings (dot, svg, png, html), no limit for data (json, graphml, neo4j, "
                  "csv)");
  sub->add_flag("--force", flags->force, "Overwrite an existing output file (never a symlink)");
  sub->footer(
      "\nExamples:\n"
      "  corpgraph export --db graph.db --format svg --focus Alibaba --hops 2 -o alibaba.svg\n"
      "  corpgraph export --db graph.db --format html --query 'exposure Apple to region:China' "
      "-o apple.html\n"
      "  corpgraph export --db graph.db --format dot --rel partner_of -o - | dot -Tpdf > p.pdf\n"
      "  corpgraph export --db graph.db --format neo4j -o neo4j-import/   # the whole graph\n");
  const GlobalOptions* global_options = &global;
  return [flags, sub, global_options]() -> int { return Run(*flags, *sub, *global_options); };
}

}  // namespace corpgraph::cli
