// fuzz/extract_fuzzer.cc — arbitrary bytes → RepairUtf8 → Extractor::Extract.
//
// Checks the extract output contract on every input: sentences are non-empty,
// inside the text and at most 4000 bytes; every mention's span lies inside the
// text and its text equals those bytes; every fact's evidence sentence equals
// the bytes of its sentence span and its argument spans lie inside the text.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "common/records.h"
#include "common/text.h"
#include "extract/extractor.h"
#include "extract/text_units.h"
#include "fuzz/fuzz_util.h"

namespace {

using corpgraph::Span;

const corpgraph::extract::Extractor& GetExtractor() {
  static const corpgraph::extract::Extractor* extractor = [] {
    auto created = corpgraph::extract::Extractor::Create({});
    CORPGRAPH_FUZZ_CHECK(created.ok());
    return std::move(created).value().release();
  }();
  return *extractor;
}

bool Inside(Span span, std::string_view text) {
  return span.start <= span.end && span.end <= text.size();
}

}  // namespace

// The extractor takes seconds to build (rules, prefilters, lexicon) and more under ASan on a
// loaded machine: built here, before the first input, so that libFuzzer's per-input timeout
// does not count it.
extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  GetExtractor();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const corpgraph::extract::Extractor& extractor = GetExtractor();
  corpgraph::Utf8Repair repaired =
      corpgraph::RepairUtf8(std::string_view(reinterpret_cast<const char*>(data), size));
  CORPGRAPH_FUZZ_CHECK(corpgraph::IsValidUtf8(repaired.text));

  corpgraph::Document doc;
  doc.id = "fuzz";
  doc.text = std::move(repaired.text);
  const std::string_view text = doc.text;

  for (const Span& s : corpgraph::extract::SplitSentences(text)) {
    CORPGRAPH_FUZZ_CHECK(Inside(s, text));
    CORPGRAPH_FUZZ_CHECK(s.size() > 0);
    CORPGRAPH_FUZZ_CHECK(s.size() <= 4000);
  }

  const corpgraph::Extraction x = extractor.Extract(doc);
  for (const corpgraph::Entity& e : x.entities) {
    CORPGRAPH_FUZZ_CHECK(!e.id.empty());
    for (const corpgraph::Mention& m : e.mentions) {
      CORPGRAPH_FUZZ_CHECK(Inside(m.span, text));
      CORPGRAPH_FUZZ_CHECK(text.substr(m.span.start, m.span.size()) == m.text);
    }
  }
  for (const corpgraph::Fact& f : x.facts) {
    const corpgraph::Evidence& ev = f.evidence;
    CORPGRAPH_FUZZ_CHECK(Inside(ev.sentence_span, text));
    CORPGRAPH_FUZZ_CHECK(ev.sentence_span.size() <= 4000);
    CORPGRAPH_FUZZ_CHECK(text.substr(ev.sentence_span.start, ev.sentence_span.size()) ==
                         ev.sentence);
    CORPGRAPH_FUZZ_CHECK(Inside(ev.subject_span, text));
    CORPGRAPH_FUZZ_CHECK(Inside(ev.object_span, text));
    CORPGRAPH_FUZZ_CHECK(f.confidence >= 0.0 && f.confidence <= 1.0);
  }
  return 0;
}
