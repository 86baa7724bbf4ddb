// End to end through the real binary: build a graph from examples/news/, ask the
// demo's exposure questions, and check each path and that its evidence is a
// sentence of the article it cites.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;

struct CommandRun {
  int exit_code = -1;
  std::string out;
};

CommandRun Corpgraph(const std::string& args) {
  const std::string command = std::string(CORPGRAPH_BINARY) + " " + args + " 2>/dev/null";
  CommandRun run;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return run;
  std::array<char, 4096> buffer;
  size_t n;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) run.out.append(buffer.data(), n);
  const int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class EndToEnd : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // One directory per process: CTest runs each test of this suite as its own process,
    // possibly in parallel.
    dir_ = new fs::path(fs::path(::testing::TempDir()) /
                        ("corpgraph_e2e_" + std::to_string(getpid())));
    fs::remove_all(*dir_);
    fs::create_directories(*dir_);
    const CommandRun build = Corpgraph("build " + std::string(CORPGRAPH_SOURCE_DIR) +
                                       "/examples/news --quiet --db " + db());
    build_exit_code_ = build.exit_code;
  }
  // A failed assertion in SetUpTestSuite would read as "skipped"; fail each test instead.
  void SetUp() override {
    ASSERT_EQ(build_exit_code_, 0) << "corpgraph build examples/news failed";
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
  }
  static std::string db() { return (*dir_ / "graph.db").string(); }

  static nlohmann::json Query(const std::string& query) {
    const CommandRun run = Corpgraph("query --db " + db() + " --format json '" + query + "'");
    EXPECT_EQ(run.exit_code, 0) << query << "\n" << run.out;
    return nlohmann::json::parse(run.out, nullptr, /*allow_exceptions=*/false);
  }

  static fs::path* dir_;
  static int build_exit_code_;
};

fs::path* EndToEnd::dir_ = nullptr;
int EndToEnd::build_exit_code_ = -1;

// The article (examples/news/<doc>.md) must contain the evidence sentence verbatim.
void ExpectEvidenceFromArticle(const nlohmann::json& hop) {
  const auto& ev = hop.at("evidence");
  const std::string doc = ev.at("doc").get<std::string>();
  const std::string sentence = ev.at("sentence").get<std::string>();
  ASSERT_FALSE(sentence.empty());
  const std::string article =
      ReadFile(fs::path(CORPGRAPH_SOURCE_DIR) / "examples" / "news" / (doc + ".md"));
  EXPECT_NE(article.find(sentence), std::string::npos) << doc << ": " << sentence;
}

TEST_F(EndToEnd, StatsCountWhatWasBuilt) {
  const CommandRun run = Corpgraph("stats --format json --db " + db());
  ASSERT_EQ(run.exit_code, 0);
  const auto stats = nlohmann::json::parse(run.out);
  EXPECT_EQ(stats.at("documents").get<int>(), 13);
  EXPECT_GT(stats.at("relations").get<int>(), 50);
  EXPECT_GT(stats.at("evidence").get<int>(), 50);
  // Every relation is counted once by type and once by modality; our examples hold some
  // deals that did not happen (called off, denied) besides the asserted facts.
  int by_type = 0;
  for (const auto& [type, n] : stats.at("relations_by_type").items()) by_type += n.get<int>();
  int by_modality = 0;
  for (const auto& [modality, n] : stats.at("relations_by_modality").items()) {
    by_modality += n.get<int>();
  }
  EXPECT_EQ(by_type, stats.at("relations").get<int>());
  EXPECT_EQ(by_modality, stats.at("relations").get<int>());
  EXPECT_GT(stats.at("relations_by_modality").at("asserted").get<int>(), 50);
  EXPECT_LT(stats.at("relations_by_modality").at("asserted").get<int>(),
            stats.at("relations").get<int>());
}

TEST_F(EndToEnd, AppleIsExposedToSouthEastAsiaThroughFoxconn) {
  const auto answer = Query("exposure Apple to region:\"South-eastern Asia\"");
  ASSERT_TRUE(answer.is_object());
  bool found = false;
  for (const auto& path : answer.at("paths")) {
    const auto& hops = path.at("hops");
    if (hops.size() != 2) continue;
    const auto& first = hops[0];
    const auto& second = hops[1];
    if (first.at("relation") != "supplies" || second.at("relation") != "operates_in") continue;
    if (first.at("subject").at("name") != "Foxconn" || first.at("object").at("name") != "Apple") {
      continue;
    }
    EXPECT_EQ(second.at("subject").at("name"), "Foxconn");
    found = true;
    ExpectEvidenceFromArticle(first);
    ExpectEvidenceFromArticle(second);
    EXPECT_GT(path.at("score").get<double>(), 0.0);
  }
  EXPECT_TRUE(found) << answer.dump(2);
}

TEST_F(EndToEnd, NvidiaIsExposedToEuropeThroughTsmc) {
  const auto answer = Query("exposure Nvidia to region:Europe");
  ASSERT_TRUE(answer.is_object());
  bool found = false;
  for (const auto& path : answer.at("paths")) {
    const auto& hops = path.at("hops");
    if (hops.size() == 2 && hops[0].at("subject").at("name") == "TSMC" &&
        hops[0].at("relation") == "supplies" && hops[1].at("relation") == "operates_in") {
      found = true;
      ExpectEvidenceFromArticle(hops[1]);
    }
  }
  EXPECT_TRUE(found) << answer.dump(2);
}

TEST_F(EndToEnd, DeniedDealsAreNotEdges) {
  // The TSMC article says TSMC denied a joint venture with Intel.
  // Either no partner_of relation exists at all, or all of its evidence is non-asserted.
  const CommandRun run =
      Corpgraph("query --db " + db() + " --format json 'evidence TSMC partner_of Intel'");
  const auto answer = nlohmann::json::parse(run.out, nullptr, /*allow_exceptions=*/false);
  if (run.exit_code == 0 && answer.is_object() && answer.contains("evidence")) {
    for (const auto& ev : answer.at("evidence")) {
      EXPECT_NE(ev.value("modality", "asserted"), "asserted") << ev.dump();
    }
  }
  const auto exposure = Query("exposure TSMC to region:Americas via partner_of hops 1");
  if (exposure.is_object() && exposure.contains("paths")) {
    for (const auto& path : exposure.at("paths")) {
      for (const auto& hop : path.at("hops")) {
        EXPECT_FALSE(hop.at("object").at("name") == "Intel" ||
                     hop.at("subject").at("name") == "Intel")
            << path.dump();
      }
    }
  }
}

TEST_F(EndToEnd, SecondBuildAddsNothing) {
  const CommandRun again = Corpgraph("build " + std::string(CORPGRAPH_SOURCE_DIR) +
                                     "/examples/news --quiet --db " + db());
  EXPECT_EQ(again.exit_code, 0);
  const auto stats = nlohmann::json::parse(Corpgraph("stats --format json --db " + db()).out);
  EXPECT_EQ(stats.at("documents").get<int>(), 13);
}

TEST_F(EndToEnd, ExportWritesDotAndSvg) {
  const std::string dot = (*dir_ / "apple.dot").string();
  const std::string svg = (*dir_ / "apple.svg").string();
  ASSERT_EQ(
      Corpgraph("export --db " + db() + " --format dot --focus Apple --hops 2 -o " + dot).exit_code,
      0);
  ASSERT_EQ(
      Corpgraph("export --db " + db() + " --format svg --focus Apple --hops 2 -o " + svg).exit_code,
      0);
  const std::string dot_text = ReadFile(dot);
  EXPECT_NE(dot_text.find("digraph"), std::string::npos);
  EXPECT_NE(dot_text.find("Foxconn"), std::string::npos);
  const std::string svg_text = ReadFile(svg);
  EXPECT_NE(svg_text.find("<svg"), std::string::npos);
  EXPECT_NE(svg_text.find("Apple"), std::string::npos);
  // Refuses to overwrite without --force.
  EXPECT_NE(Corpgraph("export --db " + db() + " --format dot --focus Apple -o " + dot).exit_code,
            0);
}

// Data formats export the whole graph unless --max-nodes is given; the limit then applies.
TEST_F(EndToEnd, DataExportsTakeTheWholeGraphUnlessLimited) {
  const std::string json = (*dir_ / "all.json").string();
  const CommandRun all = Corpgraph("export --quiet --db " + db() + " --format json -o " + json);
  ASSERT_EQ(all.exit_code, 0);
  const auto exported = nlohmann::json::parse(ReadFile(json));
  const auto stats = nlohmann::json::parse(Corpgraph("stats --format json --db " + db()).out);
  EXPECT_GE(exported.at("nodes").size(), 100u);
  EXPECT_EQ(exported.at("edges").size(),
            stats.at("relations_by_modality").at("asserted").get<size_t>());
  const CommandRun limited =
      Corpgraph("export --quiet --db " + db() + " --format json --max-nodes 5 --force -o " + json);
  EXPECT_EQ(limited.exit_code, 1);
}

TEST_F(EndToEnd, UnknownEntityGetsDidYouMean) {
  const std::string command = std::string(CORPGRAPH_BINARY) + " query --db " + db() +
                              " 'exposure Alibab to region:China' 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string out;
  std::array<char, 1024> buffer;
  size_t n;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) out.append(buffer.data(), n);
  const int status = pclose(pipe);
  EXPECT_EQ(WEXITSTATUS(status), 1);
  EXPECT_NE(out.find("did you mean \"Alibaba\""), std::string::npos) << out;
}

// `corpgraph --trace-rules extract FILE`: each sentence on stderr as the relation rules see
// it (mentions as [O0 Name], the ticker parenthetical gone) and the ids of the rules that
// matched; stdout keeps the plain JSONL. Needs no graph.
TEST(TraceRules, ExtractPrintsMaskedSentencesAndRuleIds) {
  const fs::path dir =
      fs::path(::testing::TempDir()) / ("corpgraph_trace_" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path article = dir / "deals.md";
  {
    std::ofstream out(article);
    out << "Mars agreed to acquire U.S. snack maker Kellanova. Asahi-owned ( 2502.T ) Carlton & "
           "United Breweries raised beer prices.\n";
  }
  const fs::path err = dir / "stderr.txt";
  auto run = [&](const std::string& flags) {
    const std::string command = std::string(CORPGRAPH_BINARY) + flags + " extract " +
                                article.string() + " 2>" + err.string();
    CommandRun result;
    FILE* pipe = popen(command.c_str(), "r");
    if (pipe == nullptr) return result;
    std::array<char, 4096> buffer;
    size_t n;
    while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) {
      result.out.append(buffer.data(), n);
    }
    const int status = pclose(pipe);
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
  };

  const CommandRun traced = run(" --trace-rules");
  ASSERT_EQ(traced.exit_code, 0) << traced.out;
  const std::string trace = ReadFile(err);
  EXPECT_NE(trace.find("trace: deals: [O0 Mars] agreed to acquire [L1 U.S.] snack maker "
                       "[O2 Kellanova]."),
            std::string::npos)
      << trace;
  EXPECT_NE(trace.find("rules: acquire.active"), std::string::npos) << trace;
  EXPECT_NE(trace.find("[O0 Asahi]-owned [O1 Carlton & United Breweries] raised"),
            std::string::npos)
      << trace;
  EXPECT_EQ(trace.find("2502"), std::string::npos) << trace;
  EXPECT_NE(trace.find("subsidiary.owned_adj"), std::string::npos) << trace;

  // stdout is the same JSONL with or without the flag, and carries the traced facts.
  bool acquires = false;
  std::istringstream lines(traced.out);
  for (std::string line; std::getline(lines, line);) {
    const auto record = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    ASSERT_TRUE(record.is_object()) << line;
    if (record.value("kind", "") == "relation" && record.at("relation") == "acquires" &&
        record.at("evidence").at("rule") == "acquire.active") {
      acquires = true;
    }
  }
  EXPECT_TRUE(acquires) << traced.out;
  const CommandRun plain = run("");
  ASSERT_EQ(plain.exit_code, 0);
  EXPECT_EQ(plain.out, traced.out);
  EXPECT_EQ(ReadFile(err).find("trace:"), std::string::npos) << ReadFile(err);
  fs::remove_all(dir);
}

}  // namespace
