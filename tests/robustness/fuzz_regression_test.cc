// Regression tests for the crashes the fuzzers found. Each input runs in a forked
// child, so a crash fails only its own test, with the signal, instead of taking
// the whole test binary down. The crash inputs are kept byte for byte under
// data/fixed_bugs/<target>/; each bug is fixed and its test must keep passing.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <string>
#include <string_view>

#include "common/status.h"
#include "extract/cues.h"
#include "extract/lexicon.h"
#include "extract/rules.h"
#include "query/parser.h"

namespace corpgraph::robustness {
namespace {

// Runs `body` in a child process: "" if it exited 0, else what went wrong.
std::string RunIsolated(const std::function<bool()>& body) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    // Nothing may escape into the child's copy of gtest: it would run on.
    try {
      ::_exit(body() ? 0 : 1);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "child threw: %s\n", e.what());
      ::_exit(3);
    } catch (...) {
      ::_exit(3);
    }
  }
  int status = 0;
  if (::waitpid(pid, &status, 0) != pid) return "waitpid failed";
  if (WIFSIGNALED(status)) return "crashed with signal " + std::to_string(WTERMSIG(status));
  if (WEXITSTATUS(status) == 1) return "returned the wrong Status";
  if (WEXITSTATUS(status) == 3) return "threw an exception out of the API";
  if (WEXITSTATUS(status) != 0) return "exited with " + std::to_string(WEXITSTATUS(status));
  return "";
}

std::string FixedBugInput(const std::string& target, const std::string& file) {
  const std::filesystem::path path = std::filesystem::path(CORPGRAPH_SOURCE_DIR) / "tests" /
                                     "robustness" / "data" / "fixed_bugs" / target / file;
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << path;
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

bool IsInvalidArgument(const Status& status) {
  return status.code() == StatusCode::kInvalidArgument && !status.message().empty();
}

// query/parser.cc:475 Parser::ParseEvidence reads tokens_[first + 1] past the
// kEnd token when `evidence` has no arguments: ASan heap-buffer-overflow.
TEST(FuzzRegression, QueryEvidenceWithoutArgumentsIsAnError) {
  const std::string crash =
      FixedBugInput("query_parser_fuzzer", "crash-100ec4462dec34f6824f7e65f377076ce5d51ced");
  for (const std::string& text : {crash, std::string("evidence"), std::string("evidence \"\""),
                                  std::string("evidence Alibaba")}) {
    EXPECT_EQ(RunIsolated([&] { return IsInvalidArgument(query::ParseQuery(text).status()); }), "")
        << text;
  }
}

// extract/lexicon.cc:50, extract/rules.cc:67 and extract/cues.cc:23 catch only
// json::parse_error; a number too large for a double ("1e400") makes nlohmann throw
// json::out_of_range (406), which escapes AddJson and terminates the process.
// `corpgraph build --lexicon my.json` with such a file aborts instead of reporting.
TEST(FuzzRegression, LexiconNumberOverflowIsInvalidArgument) {
  const std::string crash =
      FixedBugInput("lexicon_fuzzer", "crash-a9d53877f0cd5ffb807d17378daa0501d81fa12d");
  for (const std::string& text :
       {crash, std::string(R"({"entities": [{"id": "org:x", "name": "X", "type": "organization",
                              "weight": 1e400}]})")}) {
    EXPECT_EQ(RunIsolated([&] {
                extract::Lexicon lexicon;
                return IsInvalidArgument(lexicon.AddJson(text, "my.json"));
              }),
              "")
        << text;
  }
}

TEST(FuzzRegression, RulesNumberOverflowIsInvalidArgument) {
  const std::string crash =
      FixedBugInput("rules_fuzzer", "crash-41b980162cc8ace4cc715f2d97bcebfd50a298e3");
  for (const std::string& text : {crash, std::string(R"({"rules": [], "confidence": 1e400})")}) {
    EXPECT_EQ(RunIsolated([&] {
                extract::RuleSet rules;
                return IsInvalidArgument(rules.AddJson(text, "my_rules.json"));
              }),
              "")
        << text;
  }
}

TEST(FuzzRegression, CuesNumberOverflowIsInvalidArgument) {
  EXPECT_EQ(RunIsolated([&] {
              extract::Cues cues;
              return IsInvalidArgument(cues.AddJson(R"({"x": 1e400})", "cues.json"));
            }),
            "");
}

}  // namespace
}  // namespace corpgraph::robustness
