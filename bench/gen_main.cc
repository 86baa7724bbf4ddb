// corpgraph_gen — writes a deterministic news-like JSONL corpus for benchmarks.
//
//   corpgraph_gen --mb 20 --seed 42 --out corpus.jsonl
//   corpgraph_gen --mb 1 | corpgraph build --db g.db -
//
// Same options, same bytes. Exit codes: 0 ok, 1 failure, 2 usage.
#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>
#include <string>

#include "bench/corpus_gen.h"

int main(int argc, char** argv) {
  CLI::App app{"Writes a deterministic news-like JSONL corpus (id, title, date, text)."};
  double megabytes = 8.0;
  corpgraph::bench::CorpusOptions options;
  std::string out_path = "-";
  app.add_option("--mb", megabytes, "output size in MB (2^20 bytes of JSONL)")
      ->check(CLI::PositiveNumber);
  app.add_option("--seed", options.seed, "random seed");
  app.add_option("--doc-bytes", options.target_doc_bytes, "text bytes per document");
  app.add_option("--invented", options.invented_companies, "pool of invented company names");
  app.add_option("--lexicon-share", options.lexicon_company_share,
                 "share of company mentions from the lexicon")
      ->check(CLI::Range(0.0, 1.0));
  app.add_option("--id-prefix", options.id_prefix, "document id prefix");
  app.add_option("-o,--out", out_path, "output file ('-' for stdout)");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }

  corpgraph::Result<corpgraph::bench::CorpusGenerator> gen =
      corpgraph::bench::CorpusGenerator::Create(options);
  if (!gen.ok()) {
    std::cerr << "corpgraph_gen: " << gen.status().ToString() << "\n";
    return 1;
  }
  std::ofstream file;
  std::ostream* out = &std::cout;
  if (out_path != "-") {
    file.open(out_path, std::ios::binary | std::ios::trunc);
    if (!file) {
      std::cerr << "corpgraph_gen: " << out_path << ": cannot open for writing\n";
      return 1;
    }
    out = &file;
  }
  const auto bytes = static_cast<uint64_t>(megabytes * (1 << 20));
  corpgraph::Result<uint64_t> documents = gen->WriteJsonl(*out, bytes);
  if (!documents.ok()) {
    std::cerr << "corpgraph_gen: " << documents.status().ToString() << "\n";
    return 1;
  }
  std::cerr << "corpgraph_gen: wrote " << *documents << " documents\n";
  return 0;
}
