// fuzz/html_reader_fuzzer.cc — arbitrary bytes as an `.html` file →
// DocumentReader (which strips markup and repairs UTF-8), and StripHtml
// directly. Checks: Open succeeds, Next() never fails, at most one document,
// valid UTF-8 text.
#include <cstdint>
#include <optional>
#include <string_view>

#include "common/text.h"
#include "fuzz/fuzz_util.h"
#include "ingest/reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static corpgraph::fuzz::TempInput* file = new corpgraph::fuzz::TempInput("html");

  const std::string_view html(reinterpret_cast<const char*>(data), size);
  const corpgraph::ingest::HtmlText stripped = corpgraph::ingest::StripHtml(html);
  // Stripping never grows the text by more than entity expansion allows
  // (the longest named entity decodes to at most 4 bytes, "&xx;" is 4 bytes).
  CORPGRAPH_FUZZ_CHECK(stripped.text.size() <= 4 * size + 16);

  file->Write(data, size);
  auto reader = corpgraph::ingest::DocumentReader::Open({file->path()}, {});
  CORPGRAPH_FUZZ_CHECK(reader.ok());
  int documents = 0;
  while (true) {
    auto next = (*reader)->Next();
    CORPGRAPH_FUZZ_CHECK(next.ok());
    if (!next->has_value()) break;
    ++documents;
    CORPGRAPH_FUZZ_CHECK(corpgraph::IsValidUtf8((*next)->text));
    CORPGRAPH_FUZZ_CHECK(corpgraph::IsValidUtf8((*next)->title));
  }
  CORPGRAPH_FUZZ_CHECK(documents <= 1);
  return 0;
}
