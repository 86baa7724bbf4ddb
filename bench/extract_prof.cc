// corpgraph_extract_prof — runs Extractor::Extract once over the benchmark's generated
// corpus, for instruction counts under callgrind (deterministic where timings are not):
//
//   valgrind --tool=callgrind --toggle-collect='corpgraph::extract::Extractor::Extract*'
//       build/bench/corpgraph_extract_prof --mb 8 --rules 0
//
// --rules 0 is BM_ExtractEntities (no relation rules), 1 BM_ExtractFull; --tokenize runs
// BM_TokenizeBaseline's SplitSentences + Tokenize instead. Prints what it counted, so a
// changed output shows up next to the count; --out writes the extractions themselves. Exit codes: 0
// ok, 1 failure, 2 usage.
#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>
#include <string>

#include "bench/bench_util.h"
#include "bench/corpus_gen.h"
#include "extract/extractor.h"
#include "extract/text_units.h"
#include "ingest/jsonl.h"

int main(int argc, char** argv) {
  CLI::App app{"Extracts the generated benchmark corpus once (for callgrind)."};
  double megabytes = 8.0;
  int rules = 1;
  bool tokenize = false;
  std::string out_path;
  app.add_option("--mb", megabytes, "text size in MB (2^20 bytes)")->check(CLI::PositiveNumber);
  app.add_option("--rules", rules, "1: default relation rules (BM_ExtractFull), 0: none")
      ->check(CLI::Range(0, 1));
  app.add_option("-o,--out", out_path, "also write the extractions as JSONL (corpgraph extract's)");
  app.add_flag("--tokenize", tokenize, "only split sentences and tokenize (BM_TokenizeBaseline)");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  const std::vector<corpgraph::Document>& docs =
      corpgraph::bench::BenchCorpus(static_cast<uint64_t>(megabytes * (1 << 20)));
  if (docs.empty()) {
    std::cerr << "corpgraph_extract_prof: no corpus\n";
    return 1;
  }
  if (tokenize) {
    uint64_t tokens = 0;
    for (const corpgraph::Document& doc : docs) {
      for (const corpgraph::Span& sentence : corpgraph::extract::SplitSentences(doc.text)) {
        tokens += corpgraph::extract::Tokenize(doc.text, sentence).size();
      }
    }
    std::cout << docs.size() << " documents, " << tokens << " tokens\n";
    return 0;
  }
  auto extractor = corpgraph::extract::Extractor::Create({.use_default_rules = rules != 0});
  if (!extractor.ok()) {
    std::cerr << "corpgraph_extract_prof: " << extractor.status().ToString() << "\n";
    return 1;
  }
  std::ofstream out;
  if (!out_path.empty()) out.open(out_path, std::ios::binary | std::ios::trunc);
  std::string line;
  uint64_t entities = 0, facts = 0, mentions = 0;
  for (const corpgraph::Document& doc : docs) {
    const corpgraph::Extraction x = (*extractor)->Extract(doc);
    if (out.is_open()) {
      line.clear();
      corpgraph::ingest::AppendExtractionJsonl(doc, x, &line);
      out << line;
    }
    entities += x.entities.size();
    facts += x.facts.size();
    for (const corpgraph::Entity& e : x.entities) mentions += e.mentions.size();
  }
  std::cout << docs.size() << " documents, " << corpgraph::bench::TextBytes(docs) << " text bytes, "
            << entities << " entities, " << mentions << " mentions, " << facts << " facts\n";
  return 0;
}
