// fuzz/query_parser_fuzzer.cc — arbitrary bytes → ParseQuery. Checks: no crash,
// and every error is InvalidArgument with a non-empty message.
#include <cstdint>
#include <string_view>

#include "common/status.h"
#include "fuzz/fuzz_util.h"
#include "query/parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = corpgraph::query::ParseQuery(text);
  if (!parsed.ok()) {
    CORPGRAPH_FUZZ_CHECK(parsed.status().code() == corpgraph::StatusCode::kInvalidArgument);
    CORPGRAPH_FUZZ_CHECK(!parsed.status().message().empty());
  }
  return 0;
}
