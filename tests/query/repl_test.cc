#include "query/repl.h"

#include <gtest/gtest.h>

#include <sstream>

#include "tests/query/test_graph.h"

namespace corpgraph::query {
namespace {

class ReplTest : public ::testing::Test {
 protected:
  void SetUp() override {
    graph_ = testing::TestGraph();
    ASSERT_NE(graph_, nullptr);
    engine_ = std::make_unique<Engine>(*graph_, nullptr);
  }

  Status RunScript(const std::string& script, ExportHook hook = nullptr) {
    input_.str(script);
    ReplOptions options;
    options.input = &input_;
    options.output = &output_;
    options.errors = &errors_;
    options.history_file = "-";
    options.export_hook = std::move(hook);
    return RunRepl(*engine_, options);
  }

  std::unique_ptr<graph::Graph> graph_;
  std::unique_ptr<Engine> engine_;
  std::istringstream input_;
  std::ostringstream output_;
  std::ostringstream errors_;
};

TEST_F(ReplTest, ScriptModeRunsEachLineAndCountsFailures) {
  Status status = RunScript(
      "exposure Apple to region:Asia top 1\n"
      "\n"
      "# a comment\n"
      "exposre Apple to region:Asia\n"
      "quit\n"
      "stats\n");
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(), "1 of 2 queries failed");
  EXPECT_EQ(
      output_.str(),
      "exposure of Apple to Asia (place:asia): 1 path within 3 hops\n"
      "1. Apple \u2014partner_of\u2192 Alibaba \u2014operates_in\u2192 China   score 0.612\n");
  EXPECT_EQ(
      errors_.str().rfind(
          "line 4: unknown command \"exposre\" at column 1 \u2014 did you mean \"exposure\"?\n", 0),
      0u)
      << errors_.str();
}

TEST_F(ReplTest, ScriptModeSucceedsAndSwitchesFormat) {
  Status status = RunScript(".format json\nfind alibaba\n");
  EXPECT_TRUE(status.ok()) << status.ToString();
  EXPECT_NE(output_.str().find("\"kind\": \"find\""), std::string::npos) << output_.str();
  EXPECT_EQ(errors_.str(), "");
}

TEST_F(ReplTest, ExportWithoutHookIsUnavailable) {
  Status status = RunScript("entity Apple\n.export dot out.dot\n");
  EXPECT_FALSE(status.ok());
  EXPECT_EQ(errors_.str(), "line 2: export is not available\n");
}

TEST_F(ReplTest, ExportHookGetsLastAnswer) {
  std::string seen;
  Status status =
      RunScript(".export dot a.dot\nentity Apple\n.export svg /tmp/x.svg\n",
                [&](const Answer& answer, std::string_view format, std::string_view path) {
                  seen = std::get<EntityAnswer>(answer.body).entity.id + " " + std::string(format) +
                         " " + std::string(path);
                  return Status::Ok();
                });
  EXPECT_EQ(seen, "org:apple svg /tmp/x.svg");
  EXPECT_EQ(errors_.str(), "line 1: .export: no answer yet (run a query first)\n");
  EXPECT_NE(output_.str().find("wrote /tmp/x.svg"), std::string::npos);
  EXPECT_FALSE(status.ok());
}

TEST_F(ReplTest, CompleterOffersCommandsNamesRelationsAndTargets) {
  Completer completer(*graph_);
  Completion c = completer.Complete("exp");
  EXPECT_EQ(c.replace_from, 0u);
  EXPECT_EQ(c.candidates, std::vector<std::string>{"exposure"});

  c = completer.Complete("exposure ali");
  EXPECT_EQ(c.replace_from, 9u);
  EXPECT_EQ(c.candidates, (std::vector<std::string>{"Alibaba", "Alibaba Group"}));

  c = completer.Complete("exposure Tim C");  // a name across words
  EXPECT_EQ(c.replace_from, 9u);
  EXPECT_EQ(c.candidates, std::vector<std::string>{"Tim Cook"});

  c = completer.Complete("exposure Apple to region:south");
  EXPECT_EQ(c.replace_from, 18u);
  EXPECT_EQ(c.candidates,
            (std::vector<std::string>{"region:\"South Korea\"", "region:\"South-eastern Asia\"",
                                      "region:\"Southern Asia\""}));

  c = completer.Complete("exposure Apple to theme:l");
  EXPECT_EQ(c.candidates, std::vector<std::string>{"theme:\"Large language models\""});

  c = completer.Complete("exposure Apple to region:Asia via partn");
  EXPECT_EQ(c.candidates, std::vector<std::string>{"partner_of"});
}

}  // namespace
}  // namespace corpgraph::query
