// extract/extractor.h — text in, entities and typed relations out.
//
// Splits a document into sentences (ICU), finds entity mentions (lexicon
// gazetteer over token n-grams plus capitalisation, suffix, title and context
// cues), resolves them to one entity per real-world thing, then applies the
// relation rules (RE2 patterns over sentences with typed argument slots) and
// modality cues. Pure: no files after Create(), no DB, no threads.
//
//   ASSIGN_OR_RETURN(auto extractor, Extractor::Create({.lexicon_files = {"my.json"}}));
//   Extraction x = extractor->Extract(doc);
//   for (const Fact& f : x.facts) Print(f);
//
// An Extractor is immutable after Create(); Extract() is safe to call from many threads.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/records.h"
#include "common/status.h"

namespace corpgraph::extract {

struct ExtractorOptions {
  std::vector<std::string> lexicon_files;  // user lexicons (docs/lexicon.md), extend the defaults
  std::vector<std::string> rules_files;  // user relation rules (docs/rules.md), extend the defaults
  bool use_default_lexicon = true;       // false: only the user files (tests)
  bool use_default_rules = true;
  // Also emit known facts from the lexicon (a company's headquarters country) as
  // evidence of kind "lexicon", confidence 0.5, on the company's first mention.
  bool lexicon_facts = true;
  // For rule authors: print every sentence that has mentions to stderr as the rules see it
  // (mentions as [O3 Name], [P1 Name], ...) followed by the ids of the rules that matched.
  bool trace_rules = false;
};

class Extractor {
 public:
  // Loads the embedded lexicons and rules plus the user files, compiling every
  // pattern. Errors: NotFound / InvalidArgument naming the file, line, rule id
  // and the offending fragment.
  static Result<std::unique_ptr<Extractor>> Create(const ExtractorOptions& options);
  ~Extractor();

  // Extracts from one document. `doc.text` must be valid UTF-8 (readers repair it).
  // Every Fact has Evidence whose spans index into doc.text.
  Extraction Extract(const Document& doc) const;

  // The lexicon's places, themes and exchanges (and known companies) as taxonomy
  // nodes, with transitive `parents`, for the store.
  std::vector<Entity> Taxonomy() const;

  // Taxonomy() of the extractor Create(options) would make, without building it
  // (no cues, rules or gazetteer: 2.6% of Create's instructions). For `corpgraph merge`,
  // which stores extract output and needs only the lexicon. Errors as Create's for
  // the lexicon files; rules files are not read.
  static Result<std::vector<Entity>> LoadTaxonomy(const ExtractorOptions& options);

 private:
  struct Rep;
  explicit Extractor(std::unique_ptr<Rep> rep);
  std::unique_ptr<Rep> rep_;
};

}  // namespace corpgraph::extract
