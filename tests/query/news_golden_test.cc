// Golden answers over the bundled sample corpus: builds a store from the 13
// articles of examples/news/ with the default extractor (ingest::Build, one
// job, so the store does not depend on the machine), loads the graph, runs a
// fixed list of queries and compares each format's output with a golden file
// under tests/golden/query/news/ (one file per format, "> query" then the answer).
//
// The answers follow the extraction rules, which change often. After a rules
// change, regenerate and review the diff (tests/golden/query/README.md):
//   CORPGRAPH_UPDATE_GOLDEN=1 ctest --test-dir build-q -R NewsGolden
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "extract/extractor.h"
#include "graph/graph.h"
#include "graph/store.h"
#include "ingest/pipeline.h"
#include "query/engine.h"
#include "query/format.h"

namespace corpgraph::query {
namespace {

namespace fs = std::filesystem;

// Every command and option family at least once, and the errors an analyst
// meets: unknown names with did-you-mean, a relation that exists the other way.
const std::vector<std::string>& Queries() {
  static const auto* queries = new std::vector<std::string>{
      "exposure Apple to region:\"South-eastern Asia\"",
      "exposure Nvidia to region:Europe",
      "exposure SoftBank to theme:ai hops 2",
      "exposure Apple to country:China top 3",
      "exposure TSMC to region:Americas via partner_of hops 1",
      "exposure Foxconn to region:Asia include-unconfirmed min-confidence 0.5",
      "exposure * to region:\"South-eastern Asia\" top 5",
      "exposure * to theme:ai top 5",
      "paths Apple -> TSMC",
      "neighbors Foxconn",
      "neighbors TSMC rel supplies,operates_in hops 2",
      "entity Foxconn",
      "entity Alibaba",
      "evidence Foxconn supplies Apple",
      "evidence Apple supplies Foxconn",
      "find alibab",
      "search \"joint venture\"",
      "stats",
      "exposure Alibab to region:Asia",
      "exposure Apple to region:Asai",
      "neighbors Foxconn rel partnr_of",
  };
  return *queries;
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

class NewsGolden : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::path(::testing::TempDir()) /
                        ("corpgraph_news_golden_" + std::to_string(getpid())));
    fs::remove_all(*dir_);
    fs::create_directories(*dir_);
    setup_ = new Status(BuildNewsGraph());
  }
  static void TearDownTestSuite() {
    engine_.reset();
    graph_.reset();
    store_.reset();
    fs::remove_all(*dir_);
    delete dir_;
    delete setup_;
  }
  // A failed ASSERT in SetUpTestSuite would read as "skipped"; fail each test instead.
  void SetUp() override { ASSERT_TRUE(setup_->ok()) << setup_->ToString(); }

  static Status BuildNewsGraph() {
    ASSIGN_OR_RETURN(std::unique_ptr<extract::Extractor> extractor, extract::Extractor::Create({}));
    ASSIGN_OR_RETURN(store_,
                     graph::Store::Open((*dir_ / "news.db").string(), graph::OpenMode::kReadWrite));
    ingest::BuildOptions options;
    options.jobs = 1;
    options.progress = ingest::ProgressMode::kNone;
    ASSIGN_OR_RETURN(ingest::BuildSummary summary,
                     ingest::Build({std::string(CORPGRAPH_SOURCE_DIR) + "/examples/news"},
                                   *extractor, *store_, options));
    if (summary.added != 13 || summary.failed != 0) {
      return InternalError("examples/news: expected 13 articles added and no failures, got " +
                           std::to_string(summary.added) + " added, " +
                           std::to_string(summary.failed) + " failed");
    }
    ASSIGN_OR_RETURN(graph_, graph::Graph::Load(*store_));
    engine_ = std::make_unique<Engine>(*graph_, store_.get());
    return Status::Ok();
  }

  // "> query" lines, each followed by the answer in `format` (or "error: ...") and a blank line.
  static std::string Transcript(OutputFormat format) {
    std::string out;
    for (const std::string& q : Queries()) {
      out += "> " + q + "\n";
      Result<Answer> answer = engine_->Run(q);
      out += answer.ok() ? FormatAnswer(*answer, format, {.width = 100})
                         : "error: " + answer.status().ToString() + "\n";
      out += "\n";
    }
    return out;
  }

  // Compares with tests/golden/query/news/`name`; CORPGRAPH_UPDATE_GOLDEN=1 rewrites it.
  static void ExpectGolden(const std::string& name, const std::string& got) {
    const fs::path path = fs::path(CORPGRAPH_SOURCE_DIR) / "tests/golden/query/news" / name;
    if (std::getenv("CORPGRAPH_UPDATE_GOLDEN") != nullptr) {
      std::ofstream(path, std::ios::binary) << got;
    }
    EXPECT_EQ(got, ReadFile(path))
        << "golden " << path.string()
        << " differs (after an intended change: CORPGRAPH_UPDATE_GOLDEN=1 ctest -R NewsGolden, "
           "then review the diff); got:\n"
        << got;
  }

  static fs::path* dir_;
  static Status* setup_;
  static std::unique_ptr<graph::Store> store_;
  static std::unique_ptr<graph::Graph> graph_;
  static std::unique_ptr<Engine> engine_;
};

fs::path* NewsGolden::dir_ = nullptr;
Status* NewsGolden::setup_ = nullptr;
std::unique_ptr<graph::Store> NewsGolden::store_;
std::unique_ptr<graph::Graph> NewsGolden::graph_;
std::unique_ptr<Engine> NewsGolden::engine_;

TEST_F(NewsGolden, TextAnswers) { ExpectGolden("text.txt", Transcript(OutputFormat::kText)); }

TEST_F(NewsGolden, JsonAnswers) { ExpectGolden("json.txt", Transcript(OutputFormat::kJson)); }

// The goldens must not depend on where the checkout or the scratch store lives,
// nor on the run: the same queries answer the same bytes twice.
TEST_F(NewsGolden, AnswersAreDeterministicAndCarryNoPaths) {
  for (OutputFormat format : {OutputFormat::kText, OutputFormat::kJson}) {
    const std::string first = Transcript(format);
    EXPECT_EQ(first, Transcript(format));
    EXPECT_EQ(first.find(CORPGRAPH_SOURCE_DIR), std::string::npos);
    EXPECT_EQ(first.find(dir_->string()), std::string::npos);
  }
}

// The fixed list covers what it claims: answers for the commands, and the
// error cases fail with did-you-mean / the other direction.
TEST_F(NewsGolden, ListCoversAnswersAndErrors) {
  int failures = 0;
  for (const std::string& q : Queries()) {
    Result<Answer> answer = engine_->Run(q);
    if (!answer.ok()) ++failures;
  }
  EXPECT_EQ(failures, 4);
  Result<Answer> typo = engine_->Run("exposure Alibab to region:Asia");
  ASSERT_FALSE(typo.ok());
  EXPECT_EQ(typo.status().code(), StatusCode::kNotFound);
  EXPECT_NE(typo.status().message().find("did you mean \"Alibaba"), std::string::npos)
      << typo.status().ToString();
  Result<Answer> exposure = engine_->Run("exposure Apple to region:\"South-eastern Asia\"");
  ASSERT_TRUE(exposure.ok()) << exposure.status().ToString();
  EXPECT_FALSE(std::get<ExposureAnswer>(exposure->body).paths.empty());
}

}  // namespace
}  // namespace corpgraph::query
