// fuzz/rules_fuzzer.cc — arbitrary bytes → RuleSet::AddJson + Compile, and when
// that succeeds, Match over a few masked sentences. Checks: no crash; errors are
// InvalidArgument; matches reference placeholders that exist and ranges inside
// the masked sentence.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/records.h"
#include "common/status.h"
#include "extract/rules.h"
#include "fuzz/fuzz_util.h"

namespace {

// "ORG0 partnered with ORG1 and ORG2 in PLACE3." as a masked sentence.
std::vector<std::string> MaskedSentences() {
  using corpgraph::EntityType;
  using corpgraph::extract::AppendPlaceholder;
  std::vector<std::string> out;
  std::string s;
  AppendPlaceholder(EntityType::kOrganization, 0, s);
  s += " partnered with ";
  AppendPlaceholder(EntityType::kOrganization, 1, s);
  s += " and ";
  AppendPlaceholder(EntityType::kOrganization, 2, s);
  s += " in ";
  AppendPlaceholder(EntityType::kPlace, 3, s);
  s += ".";
  out.push_back(s);
  s.clear();
  AppendPlaceholder(EntityType::kOrganization, 0, s);
  s += " has acquired ";
  AppendPlaceholder(EntityType::kOrganization, 1, s);
  s += " for $2 billion, its chief executive ";
  AppendPlaceholder(EntityType::kPerson, 2, s);
  s += " said.";
  out.push_back(s);
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::vector<std::string>* masked = new std::vector<std::string>(MaskedSentences());
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  corpgraph::extract::RuleSet rules;
  const corpgraph::Status added = rules.AddJson(text, "fuzz.json");
  if (!added.ok()) {
    CORPGRAPH_FUZZ_CHECK(added.code() == corpgraph::StatusCode::kInvalidArgument);
    return 0;
  }
  const corpgraph::Status compiled = rules.Compile();
  if (!compiled.ok()) {
    CORPGRAPH_FUZZ_CHECK(compiled.code() == corpgraph::StatusCode::kInvalidArgument);
    return 0;
  }
  for (const std::string& m : *masked) {
    std::vector<corpgraph::extract::RuleMatch> matches;
    rules.Match(m, matches);
    for (const auto& match : matches) {
      CORPGRAPH_FUZZ_CHECK(match.rule < rules.rules().size());
      CORPGRAPH_FUZZ_CHECK(match.begin <= match.end && match.end <= m.size());
      for (size_t i : match.subjects) CORPGRAPH_FUZZ_CHECK(i < 4);
      for (size_t i : match.objects) CORPGRAPH_FUZZ_CHECK(i < 4);
    }
  }
  return 0;
}
