// Replays every fuzz seed (fuzz/corpus/<target>/) and every saved crash input
// (tests/robustness/data/<target>/) through the fuzz targets' own entry points,
// compiled into this test without libFuzzer (each renamed by CMake). An input that
// breaks an invariant traps, which fails this test in every CI build.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int CorpgraphFuzz_extract(const uint8_t* data, size_t size);
extern "C" int CorpgraphFuzz_lexicon(const uint8_t* data, size_t size);
extern "C" int CorpgraphFuzz_rules(const uint8_t* data, size_t size);
extern "C" int CorpgraphFuzz_jsonl_reader(const uint8_t* data, size_t size);
extern "C" int CorpgraphFuzz_html_reader(const uint8_t* data, size_t size);
extern "C" int CorpgraphFuzz_query_parser(const uint8_t* data, size_t size);

namespace corpgraph::robustness {
namespace {

namespace fs = std::filesystem;
using FuzzFn = int (*)(const uint8_t*, size_t);

struct Target {
  const char* name;
  FuzzFn fn;
};

class Replay : public ::testing::TestWithParam<Target> {};

std::vector<fs::path> Inputs(const std::string& target) {
  std::vector<fs::path> out;
  for (const fs::path& dir :
       {fs::path(CORPGRAPH_SOURCE_DIR) / "fuzz" / "corpus" / target,
        fs::path(CORPGRAPH_SOURCE_DIR) / "tests" / "robustness" / "data" / target}) {
    if (!fs::is_directory(dir)) continue;
    for (const auto& entry : fs::directory_iterator(dir)) {
      if (entry.is_regular_file()) out.push_back(entry.path());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST_P(Replay, SeedsAndCrashInputsPass) {
  const Target& target = GetParam();
  const std::vector<fs::path> inputs = Inputs(std::string(target.name) + "_fuzzer");
  ASSERT_FALSE(inputs.empty()) << "no seed corpus for " << target.name;
  for (const fs::path& path : inputs) {
    SCOPED_TRACE(path.string());
    std::ifstream in(path, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    // In a child process, so a crash names its input instead of ending the test binary.
    const pid_t pid = ::fork();
    if (pid == 0) {
      ::_exit(target.fn(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()));
    }
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
        << (WIFSIGNALED(status) ? "crashed with signal " + std::to_string(WTERMSIG(status))
                                : "exit status " + std::to_string(WEXITSTATUS(status)));
  }
  // The empty input too.
  EXPECT_EQ(target.fn(reinterpret_cast<const uint8_t*>(""), 0), 0);
}

INSTANTIATE_TEST_SUITE_P(Fuzzers, Replay,
                         ::testing::Values(Target{"extract", &CorpgraphFuzz_extract},
                                           Target{"lexicon", &CorpgraphFuzz_lexicon},
                                           Target{"rules", &CorpgraphFuzz_rules},
                                           Target{"jsonl_reader", &CorpgraphFuzz_jsonl_reader},
                                           Target{"html_reader", &CorpgraphFuzz_html_reader},
                                           Target{"query_parser", &CorpgraphFuzz_query_parser}),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace corpgraph::robustness
