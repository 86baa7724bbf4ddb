// The ingest subcommands: extract (documents -> JSONL facts on stdout), build
// (documents -> store), merge (extract shards -> store) and stats.
#include <cstdio>
#include <iomanip>
#include <iostream>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "extract/extractor.h"
#include "graph/store.h"
#include "ingest/jsonl.h"
#include "ingest/merge.h"
#include "ingest/pipeline.h"
#include "ingest/reader.h"

namespace corpgraph::cli {
namespace {

constexpr int kExitInterrupted = 130;

// Prints problems as "corpgraph: warning: FILE:LINE: message"; callable from any thread.
std::function<void(const ingest::Problem&)> ProblemPrinter() {
  static std::mutex mu;
  return [](const ingest::Problem& p) {
    std::lock_guard lock(mu);
    std::cerr << "corpgraph: warning: " << p.ToString() << "\n";
  };
}

void PrintProblems(const ingest::IngestSummary& summary) {
  for (const ingest::Problem& p : summary.problems) {
    std::cerr << "corpgraph: warning: " << p.ToString() << "\n";
  }
  if (summary.failed + summary.warnings > summary.problems.size()) {
    std::cerr << "corpgraph: ... and "
              << (summary.failed + summary.warnings - summary.problems.size())
              << " more problems\n";
  }
}

int FinishIngest(const ingest::IngestSummary& summary, bool quiet) {
  PrintProblems(summary);
  if (!quiet || summary.interrupted) std::cerr << ingest::FormatSummary(summary);
  if (summary.interrupted) {
    std::cerr << "corpgraph: interrupted; everything listed above is committed, run the same "
                 "command again to resume\n";
    return kExitInterrupted;
  }
  return summary.failed > 0 ? kExitPartial : kExitOk;
}

struct ExtractFlags {
  std::vector<std::string> inputs;
  int jobs = 1;
  uint64_t max_doc_bytes = 32ull << 20;
};

struct BuildFlags {
  std::vector<std::string> inputs;
  std::string db;
  int jobs = 0;
  uint64_t max_doc_bytes = 32ull << 20;
  int batch = ingest::BuildOptions().batch_documents;
  bool no_compact = false;
};

struct MergeFlags {
  std::vector<std::string> shards;
  std::string db;
  bool no_compact = false;
};

struct StatsFlags {
  std::string db;
  std::string format = "text";
};

}  // namespace

Runner AddExtractCommand(CLI::App& app, const GlobalOptions& global) {
  auto flags = std::make_shared<ExtractFlags>();
  CLI::App* cmd = app.add_subcommand(
      "extract", "Extract entities and relations as JSONL on stdout (no database)");
  cmd->add_option("inputs", flags->inputs,
                  "Files or folders (.txt .md .html .jsonl .ndjson, optionally .gz); '-' reads "
                  "JSONL documents from stdin")
      ->required();
  cmd->add_option("-j,--jobs", flags->jobs,
                  "Extraction threads; output stays in input order (default 1)")
      ->check(CLI::Range(1, 1024));
  cmd->add_option("--max-doc-bytes", flags->max_doc_bytes,
                  "Skip documents larger than this (default 33554432)");
  cmd->footer(
      "\nOutput: per document one {\"kind\":\"document\"} line, then {\"kind\":\"entity\"} and\n"
      "{\"kind\":\"relation\"} lines (DESIGN.md's contract), flushed per document. Problems\n"
      "go to stderr as 'corpgraph: warning: FILE:LINE: ...' and do not change the exit\n"
      "code (0), so it is safe as a Hadoop Streaming or Spark pipe() mapper.\n"
      "Exit codes: 0 done, 1 fatal error, 130 interrupted.\n"
      "\nExamples:\n"
      "  corpgraph extract article.txt\n"
      "  zcat dump.jsonl.gz | corpgraph extract - --jobs 2 > facts.jsonl\n"
      "  corpgraph merge facts.jsonl --db graph.db\n");
  return [flags, &global]() -> int {
    ingest::ScopedInterruptHandler interrupt;
    auto extractor = MakeExtractor(global);
    if (!extractor.ok()) return ReportError(extractor.status());
    ingest::ReaderOptions reader_options;
    reader_options.max_doc_bytes = flags->max_doc_bytes;
    reader_options.on_problem = ProblemPrinter();
    reader_options.cancel = interrupt.flag();
    reader_options.compute_sha256 = false;  // hashed on the workers
    auto reader = ingest::DocumentReader::Open(flags->inputs, reader_options);
    if (!reader.ok()) return ReportError(reader.status(), true);
    std::string buffer;
    bool broken_pipe = false;
    ingest::ExtractionRunOptions run;
    run.jobs = flags->jobs;
    run.cancel = interrupt.flag();
    const ingest::SinkFn sink = [&](Document&& doc,
                                    std::optional<Extraction>&& extraction) -> Status {
      buffer.clear();
      ingest::AppendExtractionJsonl(doc, *extraction, &buffer);
      if (std::fwrite(buffer.data(), 1, buffer.size(), stdout) != buffer.size() ||
          std::fflush(stdout) != 0) {
        broken_pipe = true;
        return IOError("stdout: write failed");
      }
      return Status::Ok();
    };
    Status status = ingest::RunExtraction(**reader, **extractor, run, nullptr, sink, nullptr);
    if (!status.ok()) return ReportError(status);
    (void)broken_pipe;
    if (interrupt.interrupted()) {
      std::cerr << "corpgraph: interrupted\n";
      return kExitInterrupted;
    }
    return kExitOk;
  };
}

Runner AddBuildCommand(CLI::App& app, const GlobalOptions& global) {
  auto flags = std::make_shared<BuildFlags>();
  CLI::App* cmd = app.add_subcommand("build", "Build or update a graph database from a corpus");
  cmd->add_option("inputs", flags->inputs,
                  "Files or folders (.txt .md .html .jsonl .ndjson, optionally .gz); '-' reads "
                  "JSONL documents from stdin")
      ->required();
  cmd->add_option("--db", flags->db, "Database file (created if missing)")->required();
  cmd->add_option("-j,--jobs", flags->jobs, "Extraction threads (default: number of cores)")
      ->check(CLI::Range(0, 1024));
  cmd->add_option("--max-doc-bytes", flags->max_doc_bytes,
                  "Skip documents larger than this (default 33554432)");
  cmd->add_option("--batch", flags->batch,
                  "Documents per transaction, at most (default 2000; a batch also commits after "
                  "2 s)")
      ->check(CLI::Range(1, 1000000));
  cmd->add_flag("--no-compact", flags->no_compact,
                "Do not compact a new database at the end (compaction needs as much free disk "
                "again as the database takes)");
  cmd->footer(
      "\nIncremental: documents already stored with the same id and content are skipped;\n"
      "changed ones are replaced. Ctrl-C commits what was read and stops; run the same\n"
      "command again to resume.\n"
      "Exit codes: 0 all inputs stored, 3 finished but some inputs, lines or documents\n"
      "were skipped (listed as warnings), 1 fatal error, 130 interrupted.\n"
      "\nExamples:\n"
      "  corpgraph build examples/news --db graph.db\n"
      "  corpgraph build dump.jsonl.gz more/ --db graph.db --jobs 2\n"
      "  zcat dump.jsonl.gz | corpgraph build - --db graph.db --quiet\n");
  return [flags, &global]() -> int {
    ingest::ScopedInterruptHandler interrupt;
    auto extractor = MakeExtractor(global);
    if (!extractor.ok()) return ReportError(extractor.status());
    auto store = graph::Store::Open(flags->db, graph::OpenMode::kReadWrite);
    if (!store.ok()) return ReportError(store.status());
    ingest::BuildOptions options;
    options.jobs = flags->jobs;
    options.max_doc_bytes = flags->max_doc_bytes;
    options.batch_documents = flags->batch;
    options.compact = !flags->no_compact;
    options.progress = global.quiet ? ingest::ProgressMode::kNone : ingest::ProgressMode::kAuto;
    options.cancel = interrupt.flag();
    auto summary = ingest::Build(flags->inputs, **extractor, **store, options);
    if (!summary.ok()) {
      return ReportError(summary.status(), summary.status().code() == StatusCode::kInvalidArgument);
    }
    return FinishIngest(*summary, global.quiet);
  };
}

Runner AddMergeCommand(CLI::App& app, const GlobalOptions& global) {
  auto flags = std::make_shared<MergeFlags>();
  CLI::App* cmd =
      app.add_subcommand("merge", "Load 'corpgraph extract' output (shards) into a graph database");
  cmd->add_option("shards", flags->shards, "Extract output files (.jsonl, .gz); '-' is stdin")
      ->required();
  cmd->add_option("--db", flags->db, "Database file (created if missing)")->required();
  cmd->add_flag("--no-compact", flags->no_compact,
                "Do not compact a new database at the end (compaction needs as much free disk "
                "again as the database takes)");
  cmd->footer(
      "\nThe reduce step of a scale-out build: the result equals 'corpgraph build' of the\n"
      "same corpus (use the same --lexicon/--rules as the extract runs). Documents already\n"
      "stored with the same content are skipped. See docs/scale-out.md.\n"
      "Exit codes: 0 ok, 3 some lines were skipped (listed), 1 fatal error, 130 interrupted.\n"
      "\nExamples:\n"
      "  corpgraph merge part-* --db graph.db\n"
      "  cat shard1.jsonl shard2.jsonl | corpgraph merge - --db graph.db\n");
  return [flags, &global]() -> int {
    ingest::ScopedInterruptHandler interrupt;
    auto taxonomy = LoadTaxonomy(global);
    if (!taxonomy.ok()) return ReportError(taxonomy.status());
    auto store = graph::Store::Open(flags->db, graph::OpenMode::kReadWrite);
    if (!store.ok()) return ReportError(store.status());
    ingest::MergeOptions options;
    options.taxonomy = &*taxonomy;
    options.compact = !flags->no_compact;
    options.progress = global.quiet ? ingest::ProgressMode::kNone : ingest::ProgressMode::kAuto;
    options.cancel = interrupt.flag();
    auto summary = ingest::Merge(flags->shards, **store, options);
    if (!summary.ok()) return ReportError(summary.status());
    return FinishIngest(*summary, global.quiet);
  };
}

Runner AddStatsCommand(CLI::App& app, const GlobalOptions& /*global*/) {
  auto flags = std::make_shared<StatsFlags>();
  CLI::App* cmd = app.add_subcommand("stats", "Count what a graph database holds");
  cmd->add_option("--db", flags->db, "Database file")->required();
  cmd->add_option("--format", flags->format, "text (an aligned table) or json")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->footer(
      "\nCounts documents, entities (by type), relations (by type, and by modality: asserted\n"
      "facts, and the planned, rumoured, denied and failed deals that queries skip unless\n"
      "asked), evidence sentences and mentions.\n"
      "\nExamples:\n"
      "  corpgraph stats --db graph.db\n"
      "  corpgraph stats --db graph.db --format json | jq .relations_by_type\n"
      "  corpgraph stats --db graph.db --format json | jq .relations_by_modality\n");
  return [flags]() -> int {
    auto store = graph::Store::Open(flags->db, graph::OpenMode::kReadOnly);
    if (!store.ok()) return ReportError(store.status());
    auto stats = (*store)->Stats();
    if (!stats.ok()) return ReportError(stats.status());
    const graph::StoreStats& s = *stats;
    if (flags->format == "json") {
      nlohmann::ordered_json j;
      j["documents"] = s.documents;
      j["entities"] = s.entities;
      j["taxonomy_nodes"] = s.taxonomy_nodes;
      j["relations"] = s.relations;
      j["evidence"] = s.evidence;
      j["mentions"] = s.mentions;
      j["entities_by_type"] = s.entities_by_type;
      j["relations_by_type"] = s.relations_by_type;
      j["relations_by_modality"] = s.relations_by_modality;
      std::cout << j.dump(2) << "\n";
      return kExitOk;
    }
    std::vector<std::pair<std::string, int64_t>> rows = {
        {"documents", s.documents}, {"entities", s.entities}, {"taxonomy_nodes", s.taxonomy_nodes},
        {"relations", s.relations}, {"evidence", s.evidence}, {"mentions", s.mentions}};
    for (const auto& [type, n] : s.entities_by_type) rows.emplace_back("  entities." + type, n);
    for (const auto& [type, n] : s.relations_by_type) rows.emplace_back("  relations." + type, n);
    for (const auto& [modality, n] : s.relations_by_modality) {
      rows.emplace_back("  modality." + modality, n);
    }
    size_t width = 0;
    for (const auto& row : rows) width = std::max(width, row.first.size());
    int number_width = 1;
    for (const auto& row : rows) {
      number_width =
          std::max<int>(number_width, static_cast<int>(std::to_string(row.second).size()));
    }
    std::cout << (*store)->path() << "\n";
    for (const auto& [name, n] : rows) {
      std::cout << std::left << std::setw(static_cast<int>(width) + 2) << name << std::right
                << std::setw(number_width) << n << "\n";
    }
    return kExitOk;
  };
}

}  // namespace corpgraph::cli
