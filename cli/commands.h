// cli/commands.h — how each subcommand plugs into `corpgraph`'s CLI11 app.
//
// Each Add*Command function registers one subcommand (flags, help with an
// example) on `app` and returns the function main() runs when that
// subcommand was chosen. The runner returns the process exit code:
// 0 ok, 1 failure, 2 usage, 3 finished but some inputs were skipped (build).
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <vector>

#include "common/status.h"
#include "extract/extractor.h"

namespace corpgraph::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitPartial = 3;

// Options shared by every subcommand (set on the top-level app).
struct GlobalOptions {
  std::vector<std::string> lexicon_files;  // --lexicon FILE (repeatable)
  std::vector<std::string> rules_files;    // --rules FILE (repeatable)
  bool quiet = false;                      // --quiet: no progress, only errors
  bool trace_rules = false;                // --trace-rules: masked sentences and matches
  bool no_lexicon_facts = false;           // --no-lexicon-facts: only what the text says
};

// The Extractor every extracting subcommand uses: embedded data plus the user's
// --lexicon/--rules files. Errors name the offending file and entry.
Result<std::unique_ptr<extract::Extractor>> MakeExtractor(const GlobalOptions& global);

// That extractor's Taxonomy(), from the lexicons alone (for merge: no rules compiled).
Result<std::vector<Entity>> LoadTaxonomy(const GlobalOptions& global);

using Runner = std::function<int()>;

Runner AddExtractCommand(CLI::App& app, const GlobalOptions& global);
Runner AddBuildCommand(CLI::App& app, const GlobalOptions& global);
Runner AddMergeCommand(CLI::App& app, const GlobalOptions& global);
Runner AddStatsCommand(CLI::App& app, const GlobalOptions& global);
Runner AddQueryCommand(CLI::App& app, const GlobalOptions& global);
Runner AddReplCommand(CLI::App& app, const GlobalOptions& global);
Runner AddExportCommand(CLI::App& app, const GlobalOptions& global);
Runner AddEvalCommand(CLI::App& app, const GlobalOptions& global);

// Prints "corpgraph: <message>" to stderr and returns kExitFailure (or kExitUsage
// for InvalidArgument from user flags when `usage` is true).
int ReportError(const Status& status, bool usage = false);

}  // namespace corpgraph::cli
