// fuzz/jsonl_reader_fuzzer.cc — arbitrary bytes as a `.jsonl` corpus file →
// DocumentReader, plus each line through ParseExtractionLine (the extract
// output codec). Checks: Open succeeds, Next() never fails on bad content,
// every document has valid UTF-8 text and a non-empty id.
#include <cstdint>
#include <optional>
#include <string_view>

#include "common/text.h"
#include "fuzz/fuzz_util.h"
#include "ingest/jsonl.h"
#include "ingest/reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static corpgraph::fuzz::TempInput* file = new corpgraph::fuzz::TempInput("jsonl");
  file->Write(data, size);

  auto reader = corpgraph::ingest::DocumentReader::Open({file->path()}, {});
  CORPGRAPH_FUZZ_CHECK(reader.ok());
  for (int i = 0; i < 100000; ++i) {
    auto next = (*reader)->Next();
    CORPGRAPH_FUZZ_CHECK(next.ok());
    if (!next->has_value()) break;
    const corpgraph::Document& doc = **next;
    CORPGRAPH_FUZZ_CHECK(!doc.id.empty());
    CORPGRAPH_FUZZ_CHECK(corpgraph::IsValidUtf8(doc.text));
    CORPGRAPH_FUZZ_CHECK(doc.sha256 == corpgraph::Sha256Hex(doc.text));
  }

  // The extract-output codec reads the same kind of lines.
  std::string_view rest(reinterpret_cast<const char*>(data), size);
  while (!rest.empty()) {
    const size_t nl = rest.find('\n');
    const std::string_view line = rest.substr(0, nl);
    (void)corpgraph::ingest::ParseExtractionLine(line);
    if (nl == std::string_view::npos) break;
    rest.remove_prefix(nl + 1);
  }
  return 0;
}
