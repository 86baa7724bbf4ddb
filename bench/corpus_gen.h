// bench/corpus_gen.h — a deterministic generator of news-like English text for
// the benchmarks: JSONL documents (`id`, `title`, `date`, `text`) of about 1 KB
// each, built from sentence templates of our own writing with a realistic
// density of companies, people, places and relation statements (asserted,
// planned, rumoured and denied deals, partnerships, units, plants, suppliers,
// executives), mixed with filler sentences that name nothing.
//
//   ASSIGN_OR_RETURN(CorpusGenerator gen, CorpusGenerator::Create({.seed = 7}));
//   std::vector<Document> docs = gen.Generate(8ull << 20);   // about 8 MB of text
//   for (const Document& doc : docs) out << ToJsonLine(doc) << "\n";
//
// Companies are drawn from the embedded lexicon (data/companies.json) and from
// a pool of invented names with legal suffixes ("Norvale Systems Ltd"); places
// from data/places.json; people from invented first and last name lists.
// The same options (seed included) always give byte-identical output, on any
// platform: only std::mt19937_64 is used, never std:: distributions (whose
// results are implementation-defined).
//
// A CorpusGenerator is not thread-safe (it owns its random engine); the
// free functions are.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <random>
#include <string>
#include <vector>

#include "common/records.h"
#include "common/status.h"

namespace corpgraph::bench {

struct CorpusOptions {
  uint64_t seed = 42;
  size_t target_doc_bytes = 1000;      // text bytes per document (approximately)
  size_t invented_companies = 4000;    // size of the pool of made-up company names
  double lexicon_company_share = 0.4;  // share of company mentions drawn from the lexicon
  std::string id_prefix = "gen";       // document ids are "<prefix>-<n>"
};

class CorpusGenerator {
 public:
  // Parses the embedded lexicons and builds the name pools. Errors: Internal if
  // an embedded file is missing or malformed.
  static Result<CorpusGenerator> Create(const CorpusOptions& options);

  // The next document (ids count up from 1).
  Document Next();
  // Documents until their text adds up to at least `total_text_bytes`.
  std::vector<Document> Generate(uint64_t total_text_bytes);
  // Writes documents as JSONL until `total_bytes` of output are written;
  // returns the number of documents. Errors: IOError if the stream fails.
  Result<uint64_t> WriteJsonl(std::ostream& out, uint64_t total_bytes);

 private:
  CorpusGenerator() = default;
  uint64_t Uniform(uint64_t n);  // in [0, n)
  bool Chance(double p);
  template <typename T>
  const T& Pick(const std::vector<T>& items) {
    return items[Uniform(items.size())];
  }
  std::string Company();
  std::string Person();
  std::string Sentence(const std::string& focus, std::string& person);

  CorpusOptions options_;
  std::mt19937_64 rng_;
  uint64_t next_id_ = 1;
  std::vector<std::string> lexicon_companies_;
  std::vector<std::string> invented_companies_;
  std::vector<std::string> cities_;
  std::vector<std::string> countries_;
  std::vector<std::string> first_names_;
  std::vector<std::string> last_names_;
};

// One JSONL line (no trailing newline): {"id","title","date","text"} in that order.
std::string ToJsonLine(const Document& doc);

// FNV-1a 64 of the JSONL form of `docs`, for the determinism check.
uint64_t CorpusHash(const std::vector<Document>& docs);

}  // namespace corpgraph::bench
