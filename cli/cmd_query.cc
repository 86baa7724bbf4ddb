// `corpgraph query` (one query, printed as text, JSON or CSV) and
// `corpgraph repl` (the interactive shell, or script mode on a pipe).
#include <unistd.h>

#include <iostream>
#include <memory>
#include <string>

#include "cli/answer_export.h"
#include "cli/commands.h"
#include "graph/graph.h"
#include "graph/store.h"
#include "query/engine.h"
#include "query/format.h"
#include "query/parser.h"
#include "query/repl.h"

namespace corpgraph::cli {
namespace {

struct OpenedGraph {
  std::unique_ptr<graph::Store> store;
  std::unique_ptr<graph::Graph> graph;
};

Result<OpenedGraph> OpenGraph(const std::string& db) {
  OpenedGraph opened;
  ASSIGN_OR_RETURN(opened.store, graph::Store::Open(db, graph::OpenMode::kReadOnly));
  Result<std::unique_ptr<graph::Graph>> loaded = graph::Graph::Load(*opened.store);
  if (!loaded.ok()) return loaded.status().WithContext(db);
  opened.graph = std::move(loaded).value();
  return opened;
}

std::string CommandsFooter() {
  std::string text = "\nQueries:\n";
  for (const query::CommandInfo& info : query::CommandTable()) {
    text += "  " + std::string(info.usage) + "\n      " + std::string(info.help) + "\n";
  }
  text += "\nExamples:\n";
  for (const query::CommandInfo& info : query::CommandTable()) {
    text += "  corpgraph query --db graph.db '" + std::string(info.example) + "'\n";
  }
  text +=
      "  corpgraph query --db graph.db --format json 'exposure * to region:\"South-eastern "
      "Asia\"'\n";
  return text;
}

}  // namespace

Runner AddQueryCommand(CLI::App& app, const GlobalOptions& /*global*/) {
  struct Options {
    std::string db;
    std::string format = "text";
    int width = 0;
    std::string query;
  };
  auto options = std::make_shared<Options>();
  CLI::App* sub = app.add_subcommand("query", "Run one query against a graph and print the answer");
  sub->add_option("--db", options->db, "Graph database built by `corpgraph build`")->required();
  sub->add_option("--format", options->format, "Output: text, json or csv")
      ->check(CLI::IsMember({"text", "json", "csv"}));
  sub->add_option("--width", options->width, "Text width in columns (default: the terminal's)");
  sub->add_option("query", options->query, "The query, quoted as one argument")->required();
  sub->footer(CommandsFooter());
  return [options]() -> int {
    Result<query::OutputFormat> format = query::ParseOutputFormat(options->format);
    if (!format.ok()) return ReportError(format.status(), /*usage=*/true);
    // Parse first so a malformed query is a usage error even before the DB opens.
    Result<query::Command> command = query::ParseQuery(options->query);
    if (!command.ok()) return ReportError(command.status(), /*usage=*/true);
    Result<OpenedGraph> opened = OpenGraph(options->db);
    if (!opened.ok()) return ReportError(opened.status());
    query::Engine engine(*opened->graph, opened->store.get());
    Result<query::Answer> answer = engine.Run(options->query);
    if (!answer.ok()) return ReportError(answer.status());
    int width = options->width;
    if (width <= 0) width = isatty(STDOUT_FILENO) ? 0 : 100;
    if (width <= 0) {
      const char* columns = std::getenv("COLUMNS");
      width = columns != nullptr && std::atoi(columns) > 0 ? std::atoi(columns) : 100;
    }
    std::cout << query::FormatAnswer(*answer, *format, {.width = width});
    return kExitOk;
  };
}

Runner AddReplCommand(CLI::App& app, const GlobalOptions& /*global*/) {
  struct Options {
    std::string db;
    std::string format = "text";
    std::string history;
  };
  auto options = std::make_shared<Options>();
  CLI::App* sub = app.add_subcommand(
      "repl", "Interactive query shell (reads one query per line when stdin is not a terminal)");
  sub->add_option("--db", options->db, "Graph database built by `corpgraph build`")->required();
  sub->add_option("--format", options->format, "Output: text, json or csv")
      ->check(CLI::IsMember({"text", "json", "csv"}));
  sub->add_option("--history", options->history,
                  "History file (default ~/.corpgraph_history; '-' for none)");
  sub->footer(
      "\nIn the shell: any query (type `help`), Tab completes commands, names and region:/theme:\n"
      "values, Ctrl-C cancels a running query, Ctrl-D or `quit` leaves.\n"
      "Shell commands: .format text|json|csv, .export dot|svg|png|json|graphml|csv|html FILE,\n"
      ".help\n\n"
      "Examples:\n"
      "  corpgraph repl --db graph.db\n"
      "  printf 'exposure Apple to region:Asia\\nentity Alibaba\\n' | corpgraph repl --db "
      "graph.db\n");
  return [options]() -> int {
    Result<query::OutputFormat> format = query::ParseOutputFormat(options->format);
    if (!format.ok()) return ReportError(format.status(), /*usage=*/true);
    Result<OpenedGraph> opened = OpenGraph(options->db);
    if (!opened.ok()) return ReportError(opened.status());
    query::Engine engine(*opened->graph, opened->store.get());
    query::ReplOptions repl;
    repl.format = *format;
    repl.history_file = options->history;
    const graph::Graph& graph = *opened->graph;
    graph::Store* store = opened->store.get();
    repl.export_hook = [&graph, store](const query::Answer& answer, std::string_view format,
                                       std::string_view path) {
      return ExportAnswer(graph, store, answer, format, path);
    };
    Status status = query::RunRepl(engine, repl);
    if (!status.ok()) return ReportError(status);
    return kExitOk;
  };
}

}  // namespace corpgraph::cli
