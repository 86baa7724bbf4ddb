// fuzz/lexicon_fuzzer.cc — arbitrary bytes → Lexicon::AddJson + Finalize, alone
// and on top of a small valid base (so references can resolve and cycles form).
// Checks: no crash; errors are InvalidArgument; after a successful Finalize every
// entry is findable by its id.
#include <cstdint>
#include <string_view>

#include "common/status.h"
#include "extract/lexicon.h"
#include "fuzz/fuzz_util.h"

namespace {

constexpr std::string_view kBase = R"({"entities": [
  {"id": "place:asia", "name": "Asia", "type": "place", "subtype": "region"},
  {"id": "place:CN", "name": "China", "type": "place", "subtype": "country",
   "iso2": "CN", "parents": ["place:asia"], "demonyms": ["Chinese"]},
  {"id": "theme:cloud", "name": "cloud computing", "type": "theme", "cues": ["cloud"]},
  {"id": "org:hkex", "name": "Hong Kong Stock Exchange", "type": "organization",
   "subtype": "exchange", "aliases": ["HKEX"], "country": "place:CN", "suffixes": [".HK"]}
]})";

void Check(corpgraph::extract::Lexicon& lexicon, std::string_view text) {
  const corpgraph::Status added = lexicon.AddJson(text, "fuzz.json");
  if (!added.ok()) {
    CORPGRAPH_FUZZ_CHECK(added.code() == corpgraph::StatusCode::kInvalidArgument);
    return;
  }
  const corpgraph::Status finalized = lexicon.Finalize();
  if (!finalized.ok()) {
    CORPGRAPH_FUZZ_CHECK(finalized.code() == corpgraph::StatusCode::kInvalidArgument);
    return;
  }
  for (const corpgraph::extract::LexiconEntry& e : lexicon.entries()) {
    CORPGRAPH_FUZZ_CHECK(lexicon.Find(e.id) == &e);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  {
    corpgraph::extract::Lexicon alone;
    Check(alone, text);
  }
  {
    corpgraph::extract::Lexicon layered;
    CORPGRAPH_FUZZ_CHECK(layered.AddJson(kBase, "base.json").ok());
    Check(layered, text);
  }
  return 0;
}
