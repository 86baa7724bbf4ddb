// The HTML report as a person opens it: written by the real `corpgraph export
// --format html` from the examples graph, then loaded from file:// by headless
// Chromium, which dumps the DOM it built and takes a screenshot. Skipped (with
// a message) when /usr/bin/chromium is missing; scripts/deps.sh installs it.
// Each Chromium run is killed after 60 s; no network is used.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "tests/ui/process.h"

namespace corpgraph::ui_test {
namespace {

namespace fs = std::filesystem;

constexpr const char* kChromium = "/usr/bin/chromium";
constexpr auto kBinaryTimeout = std::chrono::minutes(5);
constexpr auto kChromiumTimeout = std::chrono::seconds(60);
constexpr const char* kQuery = "exposure Apple to region:\"South-eastern Asia\"";

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Text as Chromium serialises a text node: &, <, > and no-break space escaped.
std::string AsSerialisedText(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

class HtmlReport : public ::testing::Test {
 protected:
  // Only the directory here: a failed ASSERT in SetUpTestSuite makes GoogleTest
  // print "[  SKIPPED ]" for every test, which CTest then counts as skipped.
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::path(::testing::TempDir()) /
                        ("corpgraph_ui_html_" + std::to_string(getpid())));
    fs::remove_all(*dir_);
    fs::create_directories(*dir_);
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
  }

  void SetUp() override {
    if (access(kChromium, X_OK) != 0) {
      GTEST_SKIP() << kChromium
                   << " is not installed: the HTML report is not checked in a browser "
                      "(scripts/deps.sh installs the Debian package chromium)";
    }
    ASSERT_NO_FATAL_FAILURE(WriteReportOnce());
  }

  // Builds the graph and writes the report, once per process (CTest runs each test in its own).
  static void WriteReportOnce() {
    static bool written = false;
    if (written) return;
    const ChildRun build =
        RunChild({CORPGRAPH_BINARY, "build", std::string(CORPGRAPH_SOURCE_DIR) + "/examples/news",
                  "--quiet", "--db", db()},
                 kBinaryTimeout);
    ASSERT_EQ(build.exit_code, 0) << build.Describe();
    const ChildRun report = RunChild({CORPGRAPH_BINARY, "export", "--db", db(), "--format", "html",
                                      "-o", report_path().string(), "--query", kQuery},
                                     kBinaryTimeout);
    ASSERT_EQ(report.exit_code, 0) << report.Describe();
    ASSERT_TRUE(fs::exists(report_path()));
    written = true;
  }

  static std::string db() { return (*dir_ / "news.db").string(); }
  static fs::path report_path() { return *dir_ / "report.html"; }

  // Headless Chromium on the report with `extra` flags, its own profile dir per run.
  static ChildRun Chromium(const std::vector<std::string>& extra) {
    static int runs = 0;
    const fs::path profile = *dir_ / ("profile" + std::to_string(++runs));
    std::vector<std::string> argv = {kChromium,
                                     "--headless",
                                     "--no-sandbox",
                                     "--disable-gpu",
                                     "--disable-quic",
                                     "--no-first-run",
                                     "--disable-background-networking",
                                     "--disable-component-update",
                                     "--disable-sync",
                                     "--user-data-dir=" + profile.string()};
    argv.insert(argv.end(), extra.begin(), extra.end());
    argv.push_back("file://" + report_path().string());
    return RunChild(argv, kChromiumTimeout, {"HOME=" + dir_->string()});
  }

  static fs::path* dir_;
};

fs::path* HtmlReport::dir_ = nullptr;

TEST_F(HtmlReport, BrowserShowsThePathItsEvidenceAndNoScript) {
  // The evidence sentences the engine gives for this query: the page must show them.
  const ChildRun query = RunChild(
      {CORPGRAPH_BINARY, "query", "--db", db(), "--format", "json", kQuery}, kBinaryTimeout);
  ASSERT_EQ(query.exit_code, 0) << query.Describe();
  const auto answer = nlohmann::json::parse(query.out, nullptr, /*allow_exceptions=*/false);
  ASSERT_TRUE(answer.is_object()) << query.out;
  std::set<std::string> sentences;
  for (const auto& path : answer.at("paths")) {
    for (const auto& hop : path.at("hops")) {
      if (hop.contains("evidence") && hop.at("evidence").contains("sentence")) {
        sentences.insert(hop.at("evidence").at("sentence").get<std::string>());
      }
    }
  }
  ASSERT_FALSE(sentences.empty()) << answer.dump(2);

  const ChildRun run = Chromium({"--dump-dom"});
  ASSERT_FALSE(run.timed_out) << run.Describe();
  ASSERT_EQ(run.exit_code, 0) << run.Describe();
  const std::string& dom = run.out;
  ASSERT_NE(dom.find("<html"), std::string::npos) << run.Describe();

  // The path Apple <-supplies- Foxconn -operates_in-> Vietnam, as entity names in the page.
  for (const char* name : {"Apple", "Foxconn", "Vietnam"}) {
    EXPECT_NE(dom.find(std::string(">") + name + "</strong>"), std::string::npos)
        << name << " is not shown as an entity";
  }
  EXPECT_NE(dom.find("<h2>Paths</h2>"), std::string::npos);
  EXPECT_NE(dom.find("supplies"), std::string::npos);
  EXPECT_NE(dom.find("operates_in"), std::string::npos);
  // The diagram is inline SVG that the browser parsed into the DOM.
  EXPECT_NE(dom.find("<svg"), std::string::npos);

  // At least one evidence sentence, inside a blockquote, exactly as the article has it.
  int shown = 0;
  for (const std::string& sentence : sentences) {
    if (dom.find("<blockquote>" + AsSerialisedText(sentence)) != std::string::npos) ++shown;
  }
  EXPECT_GT(shown, 0) << "none of the " << sentences.size()
                      << " evidence sentences is on the page; first: " << *sentences.begin();

  // Our data never becomes script: the report has no <script> element at all.
  EXPECT_EQ(dom.find("<script"), std::string::npos);
  EXPECT_EQ(dom.find("javascript:"), std::string::npos);
}

TEST_F(HtmlReport, BrowserRendersAScreenshot) {
  const fs::path shot = *dir_ / "shot.png";
  fs::remove(shot);
  const ChildRun run = Chromium({"--screenshot=" + shot.string(), "--window-size=1280,1600"});
  ASSERT_FALSE(run.timed_out) << run.Describe();
  ASSERT_EQ(run.exit_code, 0) << run.Describe();
  ASSERT_TRUE(fs::exists(shot)) << run.Describe();
  const std::string png = ReadFile(shot);
  EXPECT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  // A blank or error page compresses to a few KB; the report is text plus a diagram.
  EXPECT_GT(png.size(), 10u * 1024) << "screenshot is only " << png.size() << " bytes";
}

}  // namespace
}  // namespace corpgraph::ui_test
