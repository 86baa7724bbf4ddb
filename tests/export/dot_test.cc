#include "export/dot.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "export/escape.h"
#include "export/render.h"
#include "export/select.h"
#include "tests/export/fixtures.h"

namespace corpgraph::exporter {
namespace {

using testing::SmallGraph;

std::string GoldenPath(const std::string& name) {
  return std::string(CORPGRAPH_SOURCE_DIR) + "/tests/golden/export/" + name;
}

// Compares `actual` with the golden file; CORPGRAPH_UPDATE_GOLDEN=1 rewrites it.
void ExpectGolden(const std::string& name, const std::string& actual) {
  const std::string path = GoldenPath(name);
  if (std::getenv("CORPGRAPH_UPDATE_GOLDEN") != nullptr) {
    std::ofstream(path, std::ios::binary) << actual;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in.good()) << path << " is missing (run with CORPGRAPH_UPDATE_GOLDEN=1)";
  std::stringstream expected;
  expected << in.rdbuf();
  EXPECT_EQ(actual, expected.str()) << "golden " << name << " differs";
}

std::string Dot(const graph::Graph& graph, const graph::Subgraph& subgraph,
                const DotOptions& options) {
  std::ostringstream out;
  Status status = WriteDot(graph, subgraph, nullptr, options, out);
  EXPECT_TRUE(status.ok()) << status.ToString();
  return out.str();
}

graph::Subgraph Everything(const graph::Graph& graph) {
  SelectOptions options;
  options.include_unconfirmed = true;
  auto selected = Select(graph, options);
  EXPECT_TRUE(selected.ok());
  return selected.ok() ? *selected : graph::Subgraph{};
}

TEST(WriteDot, MatchesGolden) {
  auto graph = SmallGraph();
  ASSERT_NE(graph, nullptr);
  ExpectGolden("small.dot", Dot(*graph, Everything(*graph), DotOptions{}));
}

TEST(WriteDot, MatchesGoldenWithCountryClustersNoLegend) {
  auto graph = SmallGraph();
  ASSERT_NE(graph, nullptr);
  DotOptions options;
  options.cluster = ClusterBy::kCountry;
  options.legend = false;
  ExpectGolden("small_clusters.dot", Dot(*graph, Everything(*graph), options));
}

TEST(WriteDot, IsDeterministicAndStyled) {
  auto graph = SmallGraph();
  ASSERT_NE(graph, nullptr);
  const graph::Subgraph all = Everything(*graph);
  const std::string dot = Dot(*graph, all, DotOptions{});
  EXPECT_EQ(dot, Dot(*graph, all, DotOptions{}));
  EXPECT_NE(dot.find("rankdir=LR"), std::string::npos);
  EXPECT_NE(dot.find("\"org:alibaba\" [label=\"Alibaba\\nNYSE: BABA\", shape=box"),
            std::string::npos);
  EXPECT_NE(dot.find("\"org:apple\" [label=\"Apple\\nNASDAQ: AAPL\""), std::string::npos);
  EXPECT_NE(dot.find("\"person:eddie-wu\" [label=\"Eddie Wu\", shape=ellipse"), std::string::npos);
  // Strength 0.9 -> penwidth 3.7; symmetric relation has no arrowhead.
  EXPECT_NE(dot.find("\"org:alibaba\" -> \"org:apple\" [label=\"partner_of (3)\", penwidth=3.7, "
                     "dir=none"),
            std::string::npos);
  EXPECT_NE(dot.find("label=\"acquires [planned] (1)\", penwidth=2.2, style=dashed"),
            std::string::npos);
  EXPECT_NE(dot.find("executive_of: CEO (2)"), std::string::npos);
  EXPECT_NE(dot.find("subgraph cluster_legend"), std::string::npos);
  // Escaped name: quotes, backslash and & as an entity GraphViz decodes.
  EXPECT_NE(dot.find("label=\"Smith &amp; \\\"Sons\\\" \\\\ Ltd <b>\""), std::string::npos);
  EXPECT_NE(dot.find("Soci\u00e9t\u00e9 G\u00e9n\u00e9rale"), std::string::npos);
}

TEST(WriteDot, EveryOutputParsesAndRendersNames) {
  auto graph = SmallGraph();
  ASSERT_NE(graph, nullptr);
  const graph::Subgraph all = Everything(*graph);
  DotOptions clustered;
  clustered.cluster = ClusterBy::kCountry;
  DotOptions bare;
  bare.legend = false;
  SelectOptions focus;
  focus.focus = "Apple";
  focus.hops = 1;
  auto part = Select(*graph, focus);
  ASSERT_TRUE(part.ok());
  const std::string dots[] = {Dot(*graph, all, DotOptions{}), Dot(*graph, all, clustered),
                              Dot(*graph, all, bare), Dot(*graph, *part, DotOptions{}),
                              Dot(*graph, graph::Subgraph{}, DotOptions{})};
  for (const std::string& dot : dots) {
    std::string error;
    EXPECT_TRUE(DotParses(dot, &error)) << error << "\n" << dot;
  }
  auto svg = RenderDot(dots[1], "dot", ImageFormat::kSvg);
  ASSERT_TRUE(svg.ok()) << svg.status().ToString();
  for (graph::VertexId v : all.vertices) {
    // GraphViz XML-escapes text in SVG (and writes '-' as &#45;); our names here have no '-'.
    EXPECT_NE(svg->find(XmlEscape(graph->entity(v).name)), std::string::npos)
        << graph->entity(v).name;
  }
  EXPECT_EQ(svg->find("<script"), std::string::npos) << "markup in names must stay text";
  EXPECT_NE(svg->find("cluster_CN"), std::string::npos);
}

}  // namespace
}  // namespace corpgraph::exporter
