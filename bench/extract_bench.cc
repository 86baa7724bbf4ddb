// Extraction throughput per core (one thread) over an 8 MB generated corpus:
//   BM_ExtractReadBaseline one memchr pass counting newlines: what merely reading the bytes costs
//   BM_TokenizeBaseline   SplitSentences + Tokenize only (the floor any extractor pays)
//   BM_ExtractEntities    Extract() with the default lexicon and no relation rules
//   BM_ExtractFull        Extract() with the default lexicon and rules
// bytes_per_second is text bytes; items_per_second is documents.
#include <benchmark/benchmark.h>

#include <cstring>
#include <memory>

#include "bench/bench_util.h"
#include "extract/extractor.h"
#include "extract/text_units.h"

namespace corpgraph::bench {
namespace {

constexpr uint64_t kExtractCorpusBytes = 8ull << 20;

const extract::Extractor* BenchExtractor(bool rules) {
  static std::unique_ptr<extract::Extractor> with_rules;
  static std::unique_ptr<extract::Extractor> entities_only;
  std::unique_ptr<extract::Extractor>& slot = rules ? with_rules : entities_only;
  if (!slot) {
    Result<std::unique_ptr<extract::Extractor>> created =
        extract::Extractor::Create({.use_default_rules = rules});
    if (created.ok()) slot = std::move(created).value();
  }
  return slot.get();
}

void SetThroughput(benchmark::State& state, const std::vector<Document>& docs) {
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * TextBytes(docs)));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * docs.size()));
  state.counters["corpus_MB"] = static_cast<double>(TextBytes(docs)) / (1 << 20);
}

// Reading the bytes once: the tokenizer got fast enough that it no longer serves as a
// fixed yardstick, so every extraction figure is also reported against this pass.
void BM_ExtractReadBaseline(benchmark::State& state) {
  if (!CorpusIsDeterministic()) return state.SkipWithError("corpus generator is not deterministic");
  const std::vector<Document>& docs = BenchCorpus(kExtractCorpusBytes);
  uint64_t lines = 0;
  for (auto _ : state) {
    lines = 0;
    for (const Document& doc : docs) {
      const char* p = doc.text.data();
      const char* const end = p + doc.text.size();
      while (const void* hit = std::memchr(p, '\n', static_cast<size_t>(end - p))) {
        ++lines;
        p = static_cast<const char*>(hit) + 1;
      }
    }
    benchmark::DoNotOptimize(lines);
  }
  SetThroughput(state, docs);
  state.counters["lines_per_doc"] = static_cast<double>(lines) / docs.size();
}

void BM_TokenizeBaseline(benchmark::State& state) {
  if (!CorpusIsDeterministic()) return state.SkipWithError("corpus generator is not deterministic");
  const std::vector<Document>& docs = BenchCorpus(kExtractCorpusBytes);
  uint64_t tokens = 0;
  for (auto _ : state) {
    tokens = 0;
    for (const Document& doc : docs) {
      for (const Span& sentence : extract::SplitSentences(doc.text)) {
        tokens += extract::Tokenize(doc.text, sentence).size();
      }
    }
    benchmark::DoNotOptimize(tokens);
  }
  SetThroughput(state, docs);
  state.counters["tokens_per_doc"] = static_cast<double>(tokens) / docs.size();
}

void RunExtract(benchmark::State& state, bool rules) {
  if (!CorpusIsDeterministic()) return state.SkipWithError("corpus generator is not deterministic");
  const extract::Extractor* extractor = BenchExtractor(rules);
  if (extractor == nullptr) return state.SkipWithError("Extractor::Create failed");
  const std::vector<Document>& docs = BenchCorpus(kExtractCorpusBytes);
  uint64_t entities = 0;
  uint64_t facts = 0;
  for (auto _ : state) {
    entities = 0;
    facts = 0;
    for (const Document& doc : docs) {
      Extraction x = extractor->Extract(doc);
      entities += x.entities.size();
      facts += x.facts.size();
      benchmark::DoNotOptimize(x);
    }
  }
  SetThroughput(state, docs);
  state.counters["entities_per_doc"] = static_cast<double>(entities) / docs.size();
  state.counters["facts_per_doc"] = static_cast<double>(facts) / docs.size();
}

void BM_ExtractEntities(benchmark::State& state) { RunExtract(state, /*rules=*/false); }
void BM_ExtractFull(benchmark::State& state) { RunExtract(state, /*rules=*/true); }

BENCHMARK(BM_ExtractReadBaseline)->Unit(benchmark::kMillisecond)->MinTime(1.0);
BENCHMARK(BM_TokenizeBaseline)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_ExtractEntities)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_ExtractFull)->Unit(benchmark::kMillisecond)->MinTime(2.0);

}  // namespace
}  // namespace corpgraph::bench
