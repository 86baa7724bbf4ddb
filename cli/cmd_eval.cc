// `corpgraph eval`: extract from documents and score the result against a gold
// file (the format of shared/eval/score.py; docs/eval.md), so users can measure
// extraction on their own annotated data.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "extract/extractor.h"
#include "extract/score.h"
#include "ingest/pipeline.h"
#include "ingest/reader.h"

namespace corpgraph::cli {
namespace {

struct EvalFlags {
  std::string gold;
  std::vector<std::string> inputs;
  bool show = false;
  std::string types;
  std::string entity_types;
  std::string format = "text";
  int jobs = 1;
  uint64_t max_doc_bytes = 32ull << 20;
};

// Reads the gold JSONL file; errors name "FILE:LINE".
Result<std::vector<extract::GoldItem>> ReadGold(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    return NotFoundError(path + ": gold file does not exist (format: docs/eval.md)");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return IOError(path + ": cannot open the gold file");
  std::vector<extract::GoldItem> gold;
  std::string line;
  uint64_t line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    const size_t begin = line.find_first_not_of(" \t\r\n\f\v");
    if (begin == std::string::npos) continue;
    const size_t end = line.find_last_not_of(" \t\r\n\f\v");
    Result<extract::GoldItem> item =
        extract::ParseGoldLine(std::string_view(line).substr(begin, end - begin + 1));
    if (!item.ok()) {
      return InvalidArgumentError(path + ":" + std::to_string(line_number) + ": " +
                                  item.status().message() + " (gold format: docs/eval.md)");
    }
    gold.push_back(std::move(item).value());
  }
  if (in.bad()) return IOError(path + ": read failed");
  return gold;
}

// Splits "a,b,c" into canonical type names; `parse` maps one name to its
// canonical spelling or nullopt.
template <typename ParseFn>
Result<std::optional<std::set<std::string>>> ParseTypeList(const std::string& list,
                                                           const char* flag, ParseFn parse,
                                                           const char* valid) {
  if (list.empty()) return std::optional<std::set<std::string>>();
  std::set<std::string> out;
  std::stringstream stream(list);
  std::string name;
  while (std::getline(stream, name, ',')) {
    if (name.empty()) continue;
    std::optional<std::string> canonical = parse(name);
    if (!canonical) {
      return InvalidArgumentError(std::string(flag) + ": unknown type \"" + name + "\" (one of " +
                                  valid + ")");
    }
    out.insert(*canonical);
  }
  return std::optional<std::set<std::string>>(std::move(out));
}

std::string Fixed3(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3f", value);
  return buffer;
}

std::string JoinSorted(const std::set<std::string>& names) {
  // Python's repr of a sorted list of str, as score.py prints false positives.
  std::string out = "[";
  bool first = true;
  for (const std::string& n : names) {
    if (!first) out += ", ";
    first = false;
    out += "'" + n + "'";
  }
  return out + "]";
}

void PrintKindText(const char* kind, const extract::KindScore& s, bool relations, bool show,
                   std::ostream& out) {
  out << kind << ": precision " << Fixed3(s.precision) << " (" << s.correct << "/" << s.predicted
      << ")  recall " << Fixed3(s.recall) << " (" << s.found << "/" << s.required << ")  F1 "
      << Fixed3(s.f1) << "\n";
  for (const auto& [label, c] : s.per_type) {
    char line[256];
    std::snprintf(
        line, sizeof line, "  %-18s recall %s  precision %s\n", label.c_str(),
        c.required > 0 ? (std::to_string(c.found) + "/" + std::to_string(c.required)).c_str() : "-",
        c.predicted > 0 ? (std::to_string(c.correct) + "/" + std::to_string(c.predicted)).c_str()
                        : "-");
    out << line;
  }
  if (!show) return;
  for (const extract::GoldMiss& m : s.misses) {
    out << "  MISS " << m.doc << ": " << m.item.description << "\n";
  }
  for (const extract::ScoredPrediction& p : s.false_positives) {
    out << "  FP   " << p.doc << ": " << JoinSorted(p.subject);
    if (relations) {
      out << " " << p.label << " " << JoinSorted(p.object) << "\n";
    } else {
      out << " (" << p.label << ")\n";
    }
  }
}

nlohmann::ordered_json KindJson(const extract::KindScore& s, bool relations, bool show) {
  nlohmann::ordered_json j;
  j["precision"] = s.precision;
  j["recall"] = s.recall;
  j["f1"] = s.f1;
  j["correct"] = s.correct;
  j["predicted"] = s.predicted;
  j["found"] = s.found;
  j["required"] = s.required;
  nlohmann::ordered_json per_type = nlohmann::ordered_json::object();
  for (const auto& [label, c] : s.per_type) {
    nlohmann::ordered_json t;
    t["found"] = c.found;
    t["required"] = c.required;
    t["recall"] = c.required > 0 ? static_cast<double>(c.found) / c.required : 0.0;
    t["correct"] = c.correct;
    t["predicted"] = c.predicted;
    t["precision"] = c.predicted > 0 ? static_cast<double>(c.correct) / c.predicted : 0.0;
    per_type[label] = std::move(t);
  }
  j["per_type"] = std::move(per_type);
  if (!show) return j;
  nlohmann::ordered_json misses = nlohmann::ordered_json::array();
  for (const extract::GoldMiss& m : s.misses) {
    nlohmann::ordered_json mj;
    mj["doc"] = m.doc;
    mj["item"] = nlohmann::ordered_json::parse(m.item.description, nullptr, false);
    misses.push_back(std::move(mj));
  }
  j["misses"] = std::move(misses);
  nlohmann::ordered_json false_positives = nlohmann::ordered_json::array();
  for (const extract::ScoredPrediction& p : s.false_positives) {
    nlohmann::ordered_json fj;
    fj["doc"] = p.doc;
    if (relations) {
      fj["subject"] = p.subject;
      fj["relation"] = p.label;
      fj["object"] = p.object;
    } else {
      fj["names"] = p.subject;
      fj["type"] = p.label;
    }
    false_positives.push_back(std::move(fj));
  }
  j["false_positives"] = std::move(false_positives);
  return j;
}

}  // namespace

Runner AddEvalCommand(CLI::App& app, const GlobalOptions& global) {
  auto flags = std::make_shared<EvalFlags>();
  CLI::App* cmd = app.add_subcommand(
      "eval", "Extract from documents and score entities and relations against a gold file");
  cmd->add_option("--gold", flags->gold, "Gold labels, JSONL (docs/eval.md)")->required();
  cmd->add_option("inputs", flags->inputs,
                  "Files or folders (.txt .md .html .jsonl .ndjson, optionally .gz); '-' reads "
                  "JSONL documents from stdin")
      ->required();
  cmd->add_flag("--show", flags->show, "Also list misses and false positives");
  cmd->add_option("--types", flags->types,
                  "Comma list: score only these relation types (gold and predictions)");
  cmd->add_option("--entity-types", flags->entity_types,
                  "Comma list: score only these entity types (gold and predictions)");
  cmd->add_option("--format", flags->format, "text (default) or json")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("-j,--jobs", flags->jobs, "Extraction threads (default 1)")
      ->check(CLI::Range(1, 1024));
  cmd->add_option("--max-doc-bytes", flags->max_doc_bytes,
                  "Skip documents larger than this (default 33554432)");
  cmd->footer(
      "\nScores like shared/eval/score.py: names match after normalising case, punctuation,\n"
      "possessives and corporate suffixes; partner_of and competes_with match both ways;\n"
      "recall counts required gold items, precision distinct predictions per document;\n"
      "a prediction matching an optional gold item is not a false positive. Documents\n"
      "match by the last path component of their id without extension.\n"
      "Exit codes: 0 scored, 1 bad gold file or fatal error, 2 usage.\n"
      "\nExamples:\n"
      "  corpgraph eval --gold gold.jsonl articles/\n"
      "  corpgraph eval --gold gold.jsonl dump.jsonl --show --types partner_of,acquires\n"
      "  corpgraph eval --gold gold.jsonl dump.jsonl --entity-types organization --format json\n");
  return [flags, &global]() -> int {
    auto relation_types = ParseTypeList(
        flags->types, "--types",
        [](const std::string& name) -> std::optional<std::string> {
          const auto type = ParseRelationType(name);
          if (!type) return std::nullopt;
          return std::string(RelationTypeName(*type));
        },
        "partner_of, invests_in, acquires, divests, subsidiary_of, supplies, competes_with, "
        "executive_of, produces, member_of, operates_in, headquartered_in, listed_on, has_theme");
    if (!relation_types.ok()) return ReportError(relation_types.status(), true);
    auto entity_types = ParseTypeList(
        flags->entity_types, "--entity-types",
        [](const std::string& name) -> std::optional<std::string> {
          const auto type = ParseEntityType(name);
          if (!type) return std::nullopt;
          return std::string(EntityTypeName(*type));
        },
        "organization, person, product, place, theme");
    if (!entity_types.ok()) return ReportError(entity_types.status(), true);

    auto gold = ReadGold(flags->gold);
    if (!gold.ok()) return ReportError(gold.status());
    if (gold->empty() && !global.quiet) {
      std::cerr << "corpgraph: warning: " << flags->gold << ": no gold items\n";
    }
    extract::Scorer scorer(std::move(gold).value(),
                           {.relation_types = *relation_types, .entity_types = *entity_types});

    ingest::ScopedInterruptHandler interrupt;
    auto extractor = MakeExtractor(global);
    if (!extractor.ok()) return ReportError(extractor.status());
    ingest::ReaderOptions reader_options;
    reader_options.max_doc_bytes = flags->max_doc_bytes;
    reader_options.on_problem = [](const ingest::Problem& p) {
      std::cerr << "corpgraph: warning: " << p.ToString() << "\n";
    };
    reader_options.cancel = interrupt.flag();
    reader_options.compute_sha256 = false;
    auto reader = ingest::DocumentReader::Open(flags->inputs, reader_options);
    if (!reader.ok()) return ReportError(reader.status(), true);
    ingest::ExtractionRunOptions run;
    run.jobs = flags->jobs;
    run.cancel = interrupt.flag();
    uint64_t documents = 0;
    const ingest::SinkFn sink = [&](Document&& doc,
                                    std::optional<Extraction>&& extraction) -> Status {
      if (!extraction) return Status::Ok();
      ++documents;
      scorer.Add(doc.id, *extraction);
      return Status::Ok();
    };
    Status status = ingest::RunExtraction(**reader, **extractor, run, nullptr, sink, nullptr);
    if (!status.ok()) return ReportError(status);
    if (interrupt.interrupted()) {
      std::cerr << "corpgraph: interrupted\n";
      return 130;
    }

    const extract::ScoreReport report = scorer.Report();
    if (!global.quiet && report.scored_documents < report.gold_documents) {
      std::cerr << "corpgraph: note: " << report.gold_documents - report.scored_documents << " of "
                << report.gold_documents
                << " gold documents matched no input document (documents match by the last "
                   "path component of their id, without extension)\n";
    }
    if (flags->format == "json") {
      nlohmann::ordered_json j;
      j["relations"] = KindJson(report.relations, true, flags->show);
      j["entities"] = KindJson(report.entities, false, flags->show);
      j["documents"] = {{"read", documents},
                        {"gold", report.gold_documents},
                        {"scored", report.scored_documents}};
      std::cout << j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
      return kExitOk;
    }
    PrintKindText("relations", report.relations, true, flags->show, std::cout);
    PrintKindText("entities", report.entities, false, flags->show, std::cout);
    const extract::KindScore& r = report.relations;
    const extract::KindScore& e = report.entities;
    std::cout << "relations F1 " << Fixed3(r.f1) << " (P " << Fixed3(r.precision) << " R "
              << Fixed3(r.recall) << "); entities F1 " << Fixed3(e.f1) << " (P "
              << Fixed3(e.precision) << " R " << Fixed3(e.recall) << ")\n";
    return kExitOk;
  };
}

}  // namespace corpgraph::cli
