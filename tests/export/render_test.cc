#include "export/render.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

namespace corpgraph::exporter {
namespace {

constexpr const char* kTinyDot =
    "digraph g { \"org:a\" [label=\"Acme \u00e9\"]; \"org:b\" [label=\"Bolt\"]; "
    "\"org:a\" -> \"org:b\" [label=\"supplies\"]; }";

TEST(RenderDot, RendersSvgAndPngInProcess) {
  auto svg = RenderDot(kTinyDot, "dot", ImageFormat::kSvg);
  ASSERT_TRUE(svg.ok()) << svg.status().ToString();
  EXPECT_NE(svg->find("<svg"), std::string::npos);
  EXPECT_NE(svg->find("Acme \u00e9"), std::string::npos);
  EXPECT_NE(svg->find("supplies"), std::string::npos);

  auto png = RenderDot(kTinyDot, "dot", ImageFormat::kPng);
  ASSERT_TRUE(png.ok()) << png.status().ToString();
  ASSERT_GT(png->size(), 8u);
  EXPECT_EQ(png->substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
}

TEST(RenderDot, OtherLayouts) {
  const std::vector<std::string> layouts = AvailableLayouts();
  for (const char* engine : {"dot", "neato", "sfdp"}) {
    if (std::find(layouts.begin(), layouts.end(), engine) == layouts.end()) {
      ADD_FAILURE() << engine << " is not available: the project depends on it";
      continue;
    }
    auto svg = RenderDot(kTinyDot, engine, ImageFormat::kSvg);
    EXPECT_TRUE(svg.ok()) << engine << ": " << svg.status().ToString();
  }
}

TEST(RenderDot, UnknownLayoutListsAvailable) {
  auto svg = RenderDot(kTinyDot, "spiral", ImageFormat::kSvg);
  ASSERT_FALSE(svg.ok());
  EXPECT_EQ(svg.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(svg.status().message().find("--layout \"spiral\": not available"), std::string::npos);
  EXPECT_NE(svg.status().message().find("neato"), std::string::npos) << svg.status().message();
}

TEST(RenderDot, ParseErrorCarriesGraphvizMessage) {
  auto svg = RenderDot("digraph { a -> ; }", "dot", ImageFormat::kSvg);
  ASSERT_FALSE(svg.ok());
  EXPECT_EQ(svg.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(svg.status().message().find("syntax error"), std::string::npos)
      << svg.status().message();
  std::string error;
  EXPECT_FALSE(DotParses("graph { \"unterminated }", &error));
  EXPECT_FALSE(error.empty());
  // A later good parse is not polluted by the earlier error.
  EXPECT_TRUE(DotParses(kTinyDot, &error));
}

}  // namespace
}  // namespace corpgraph::exporter
