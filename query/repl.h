// query/repl.h — the interactive shell behind `corpgraph repl`.
//
//   Engine engine(*graph, store.get());
//   ReplOptions options;
//   options.export_hook = MyExport;   // wired by the CLI; `.export` says it is unavailable
//   otherwise Status status = RunRepl(engine, options);
//
// On a terminal: libedit line editing, prompt "corpgraph> ", persistent history
// (~/.corpgraph_history by default), Tab completion of commands, keywords,
// relation types, entity names and aliases, and region:/theme: values. Ctrl-C
// cancels a running query (the search checks a flag) or the line being typed;
// Ctrl-D, `quit` or `exit` leave. When stdin is not a terminal (or
// `options.input` is set) it runs in script mode: one query per line, no
// prompt, answers on `output`, errors on `errors` prefixed with the line
// number; blank lines and lines starting with '#' are skipped.
//
// Shell commands besides queries: `.format text|json|csv`, `.export FORMAT FILE`
// (the last answer, through `export_hook`), `.help`, `quit`, `exit`.
//
// RunRepl installs a SIGINT handler for its duration; run one REPL at a time.
#pragma once

#include <functional>
#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "graph/graph.h"
#include "query/engine.h"
#include "query/format.h"

namespace corpgraph::query {

using ExportHook =
    std::function<Status(const Answer& answer, std::string_view format, std::string_view path)>;

struct ReplOptions {
  std::string history_file;  // "" = $HOME/.corpgraph_history; "-" = no history file
  OutputFormat format = OutputFormat::kText;
  int width = 0;                   // 0: the terminal's width (or $COLUMNS, else 100)
  std::istream* input = nullptr;   // set: script mode reading this stream
  std::ostream* output = nullptr;  // default std::cout
  std::ostream* errors = nullptr;  // default std::cerr
  ExportHook export_hook;          // `.export FORMAT FILE`; unset: "export is not available"
};

// Runs the shell until EOF or quit. Script mode returns InvalidArgument
// "N of M queries failed" if any query failed; interactive mode returns OK
// unless the terminal cannot be set up.
Status RunRepl(const Engine& engine, const ReplOptions& options);

// What Tab offers: replace the bytes [replace_from, cursor) of the line with a candidate.
struct Completion {
  size_t replace_from = 0;
  std::vector<std::string> candidates;  // sorted, unique
};

// Tab-completion candidates drawn from the command table, keywords, relation
// types and the graph's entity names and aliases. Immutable; thread-safe.
class Completer {
 public:
  explicit Completer(const graph::Graph& graph);
  // Candidates for the text before the cursor. Names may span words: the
  // longest trailing run of words that prefixes a name is what gets replaced.
  Completion Complete(std::string_view before_cursor) const;

 private:
  std::vector<std::pair<std::string, std::string>> names_;   // (lower-case, as written), sorted
  std::vector<std::pair<std::string, std::string>> places_;  // place names and aliases, same shape
  std::vector<std::pair<std::string, std::string>> themes_;  // theme names and aliases
  std::vector<std::string> words_;                           // commands, keywords, relations
};

}  // namespace corpgraph::query
