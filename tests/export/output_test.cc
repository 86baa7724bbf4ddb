#include "export/output.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "export/formats.h"
#include "export/select.h"
#include "tests/export/fixtures.h"

namespace corpgraph::exporter {
namespace {

namespace fs = std::filesystem;

class OutputTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("corpgraph_export_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Read(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

  fs::path dir_;
};

TEST_F(OutputTest, WritesNewFileAndRefusesOverwriteWithoutForce) {
  const std::string path = (dir_ / "graph.dot").string();
  ASSERT_TRUE(WriteOutputFile(path, "first", false).ok());
  EXPECT_EQ(Read(path), "first");
  Status again = WriteOutputFile(path, "second", false);
  EXPECT_EQ(again.code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(again.message(), path + ": already exists (use --force to overwrite)");
  EXPECT_EQ(Read(path), "first");
  ASSERT_TRUE(WriteOutputFile(path, "second", true).ok());
  EXPECT_EQ(Read(path), "second");
  // No temporary files left behind.
  size_t entries = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir_)) ++entries;
  EXPECT_EQ(entries, 1u);
}

TEST_F(OutputTest, NeverWritesThroughSymlink) {
  const fs::path target = dir_ / "precious.txt";
  std::ofstream(target) << "keep me";
  const fs::path link = dir_ / "out.svg";
  fs::create_symlink(target, link);
  for (bool force : {false, true}) {
    Status status = WriteOutputFile(link.string(), "evil", force);
    EXPECT_EQ(status.code(), StatusCode::kFailedPrecondition) << force;
    EXPECT_NE(status.message().find("is a symbolic link"), std::string::npos) << status.message();
  }
  EXPECT_EQ(Read(target), "keep me");
  // A dangling link is refused too.
  const fs::path dangling = dir_ / "dangling.svg";
  fs::create_symlink(dir_ / "nowhere", dangling);
  EXPECT_EQ(WriteOutputFile(dangling.string(), "x", true).code(), StatusCode::kFailedPrecondition);
  EXPECT_FALSE(fs::exists(dir_ / "nowhere"));
}

TEST_F(OutputTest, RefusesDirectoryAsFile) {
  EXPECT_EQ(CheckOutputPath(dir_.string(), true).code(), StatusCode::kFailedPrecondition);
}

TEST_F(OutputTest, Neo4jDirectory) {
  auto graph = testing::SmallGraph();
  ASSERT_NE(graph, nullptr);
  auto all = Select(*graph, SelectOptions{});
  ASSERT_TRUE(all.ok());
  const std::string out = (dir_ / "neo4j").string();
  ASSERT_TRUE(WriteNeo4j(*graph, *all, out, false).ok());
  EXPECT_TRUE(fs::is_regular_file(dir_ / "neo4j" / "nodes.csv"));
  EXPECT_TRUE(fs::is_regular_file(dir_ / "neo4j" / "relationships.csv"));
  const std::string nodes = Read(dir_ / "neo4j" / "nodes.csv");
  EXPECT_EQ(nodes.rfind("id:ID,name,type,subtype,:LABEL\r\n", 0), 0u);
  Status again = WriteNeo4j(*graph, *all, out, false);
  EXPECT_EQ(again.code(), StatusCode::kAlreadyExists);
  EXPECT_NE(again.message().find("nodes.csv: already exists"), std::string::npos);
  EXPECT_TRUE(WriteNeo4j(*graph, *all, out, true).ok());

  const fs::path link = dir_ / "linked";
  fs::create_symlink(dir_ / "neo4j", link);
  EXPECT_EQ(WriteNeo4j(*graph, *all, link.string(), true).code(), StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace corpgraph::exporter
