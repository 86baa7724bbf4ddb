// corpgraph: business news in, a knowledge graph of corporate relationships out.
// main() stays thin: parse the command line, run the chosen subcommand, map its
// Status to an exit code (0 ok, 1 failure, 2 usage, 3 partial).
#include <iostream>
#include <string>
#include <utility>
#include <vector>

#include "cli/commands.h"

namespace corpgraph::cli {

namespace {

extract::ExtractorOptions ExtractorOptionsOf(const GlobalOptions& global) {
  return {.lexicon_files = global.lexicon_files,
          .rules_files = global.rules_files,
          .lexicon_facts = !global.no_lexicon_facts,
          .trace_rules = global.trace_rules};
}

}  // namespace

Result<std::unique_ptr<extract::Extractor>> MakeExtractor(const GlobalOptions& global) {
  return extract::Extractor::Create(ExtractorOptionsOf(global));
}

Result<std::vector<Entity>> LoadTaxonomy(const GlobalOptions& global) {
  return extract::Extractor::LoadTaxonomy(ExtractorOptionsOf(global));
}

int ReportError(const Status& status, bool usage) {
  std::cerr << "corpgraph: " << status.message() << "\n";
  if (usage || status.code() == StatusCode::kInvalidArgument) {
    return usage ? kExitUsage : kExitFailure;
  }
  return kExitFailure;
}

}  // namespace corpgraph::cli

int main(int argc, char** argv) {
  using namespace corpgraph::cli;
  CLI::App app{
      "corpgraph turns business news into a knowledge graph of corporate relationships\n"
      "and answers: how is this company exposed to that region or theme, and which\n"
      "sentences say so?"};
  app.name("corpgraph");
  app.footer(
      "\nTypical session:\n"
      "  corpgraph build examples/news --db graph.db        # extract and store\n"
      "  corpgraph stats --db graph.db                      # what is in it\n"
      "  corpgraph query --db graph.db 'exposure Apple to region:\"South-eastern Asia\"'\n"
      "  corpgraph repl --db graph.db                       # keep asking\n"
      "  corpgraph export --db graph.db --format svg -o graph.svg --focus Apple --hops 2\n"
      "  corpgraph extract article.txt > facts.jsonl        # JSONL, no database\n"
      "\nRun 'corpgraph SUBCOMMAND --help' for each subcommand's options and examples.");
#ifdef CORPGRAPH_ALLOCATOR
  app.set_version_flag("--version", std::string("corpgraph ") + CORPGRAPH_VERSION +
                                        " (allocator: " CORPGRAPH_ALLOCATOR ")");
#else
  app.set_version_flag("--version", std::string("corpgraph ") + CORPGRAPH_VERSION);
#endif
  app.require_subcommand(1);
  app.fallthrough();

  GlobalOptions global;
  app.add_option("--lexicon", global.lexicon_files,
                 "Extra lexicon file (JSON, docs/lexicon.md); extends the built-in one. Repeatable")
      ->check(CLI::ExistingFile);
  app.add_option("--rules", global.rules_files,
                 "Extra relation rules file (JSON, docs/rules.md); extends the built-in rules "
                 "and, with lists such as \"first_names\" or \"titles\", the built-in cues. "
                 "Repeatable")
      ->check(CLI::ExistingFile);
  app.add_flag("-q,--quiet", global.quiet, "No progress output, only errors and results");
  app.add_flag("--trace-rules", global.trace_rules,
               "For rule authors: print each sentence to stderr as the relation rules see it "
               "(mentions as [O3 Name]) and the ids of the rules that matched (docs/rules.md)");
  app.add_flag("--no-lexicon-facts", global.no_lexicon_facts,
               "Record only what the text says: no headquarters, sector or product-maker "
               "facts from the lexicon (evidence of kind 'lexicon')");

  std::vector<std::pair<CLI::App*, Runner>> runners;
  auto add = [&](Runner runner) {
    // Each Add* call registers exactly one subcommand: the newest one.
    runners.emplace_back(app.get_subcommands({}).back(), std::move(runner));
  };
  add(AddBuildCommand(app, global));
  add(AddQueryCommand(app, global));
  add(AddReplCommand(app, global));
  add(AddExportCommand(app, global));
  add(AddStatsCommand(app, global));
  add(AddExtractCommand(app, global));
  add(AddMergeCommand(app, global));
  add(AddEvalCommand(app, global));

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }
  for (auto& [sub, runner] : runners) {
    if (sub->parsed()) return runner();
  }
  std::cerr << app.help();
  return kExitUsage;
}
