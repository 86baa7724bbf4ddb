// Exports backed by a real Store (a temporary SQLite file): evidence reaches
// DOT tooltips, JSON, GraphML and the HTML report; RunExport's file rules.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "export/dot.h"
#include "export/escape.h"
#include "export/exporter.h"
#include "export/formats.h"
#include "export/render.h"
#include "export/select.h"
#include "graph/graph.h"
#include "graph/store.h"

namespace corpgraph::exporter {
namespace {

namespace fs = std::filesystem;

constexpr const char* kSentence =
    "Lumora Systems said on Tuesday it had signed a \"strategic\" cloud partnership with "
    "Brightwave <Labs> & Co.";

Entity MakeEntity(std::string id, std::string name, EntityType type, uint32_t start, uint32_t end) {
  Entity e;
  e.id = std::move(id);
  e.name = std::move(name);
  e.type = type;
  e.subtype = type == EntityType::kPlace ? "country" : "company";
  e.mentions.push_back({{start, end}, e.name});
  return e;
}

Fact MakeFact(const Entity& subject, RelationType type, const Entity& object, double confidence,
              const std::string& sentence, const std::string& rule) {
  Fact f;
  f.subject = {subject.id, subject.name, subject.type};
  f.relation = type;
  f.object = {object.id, object.name, object.type};
  f.confidence = confidence;
  f.evidence.doc_id = "news/lumora-1";
  f.evidence.sentence = sentence;
  f.evidence.sentence_span = {0, static_cast<uint32_t>(sentence.size())};
  f.evidence.rule = rule;
  f.evidence.confidence = confidence;
  f.evidence.date = "2024-06-04";
  return f;
}

class StoreExportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("corpgraph_store_export_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    auto store = graph::Store::Open((dir_ / "graph.db").string(), graph::OpenMode::kReadWrite);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value();

    const std::string text = std::string(kSentence) + " Lumora operates in Kenya.";
    Document doc;
    doc.id = "news/lumora-1";
    doc.title = "Lumora & Brightwave <team up>";
    doc.source = "https://example.com/lumora";
    doc.date = "2024-06-04";
    doc.text = text;
    const Entity lumora =
        MakeEntity("org:lumora", "Lumora Systems", EntityType::kOrganization, 0, 14);
    const Entity bright =
        MakeEntity("org:brightwave", "Brightwave <Labs> & Co", EntityType::kOrganization, 82, 104);
    const Entity kenya = MakeEntity("place:KE", "Kenya", EntityType::kPlace, 127, 132);
    Extraction extraction;
    extraction.entities = {lumora, bright, kenya};
    extraction.facts.push_back(
        MakeFact(bright, RelationType::kPartnerOf, lumora, 0.9, kSentence, "partnership.with"));
    extraction.facts.push_back(MakeFact(lumora, RelationType::kOperatesIn, kenya, 0.8,
                                        "Lumora operates in Kenya.", "operations.in"));
    doc.sha256 = "0";
    Status put = store_->PutDocument(doc, extraction);
    ASSERT_TRUE(put.ok()) << put.ToString();
    auto graph = graph::Graph::Load(*store_);
    ASSERT_TRUE(graph.ok()) << graph.status().ToString();
    graph_ = std::move(graph).value();
    auto all = Select(*graph_, SelectOptions{});
    ASSERT_TRUE(all.ok());
    all_ = *all;
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }

  fs::path dir_;
  std::unique_ptr<graph::Store> store_;
  std::unique_ptr<graph::Graph> graph_;
  graph::Subgraph all_;
};

TEST_F(StoreExportTest, DotTooltipCarriesBestEvidenceAndRenders) {
  ASSERT_EQ(all_.relations.size(), 2u);
  std::ostringstream dot;
  ASSERT_TRUE(WriteDot(*graph_, all_, store_.get(), DotOptions{}, dot).ok());
  // The sentence is escaped once for DOT: quotes, and & as an entity.
  EXPECT_NE(
      dot.str().find("a \\\"strategic\\\" cloud partnership with Brightwave <Labs> &amp; Co."),
      std::string::npos)
      << dot.str();
  EXPECT_NE(dot.str().find("Lumora &amp; Brightwave <team up>, 2024-06-04"), std::string::npos);
  std::string error;
  ASSERT_TRUE(DotParses(dot.str(), &error)) << error;
  auto svg = RenderDot(dot.str(), "dot", ImageFormat::kSvg);
  ASSERT_TRUE(svg.ok()) << svg.status().ToString();
  // In SVG the tooltip is XML-escaped by GraphViz: no raw markup from the sentence.
  EXPECT_NE(svg->find("Brightwave &lt;Labs&gt; &amp; Co."), std::string::npos);
  EXPECT_EQ(svg->find("<Labs>"), std::string::npos);
}

TEST_F(StoreExportTest, JsonAndGraphMlCarryEvidence) {
  std::ostringstream json;
  ASSERT_TRUE(WriteJson(*graph_, all_, store_.get(), JsonOptions{}, json).ok());
  const nlohmann::json doc = nlohmann::json::parse(json.str());
  ASSERT_EQ(doc["edges"].size(), 2u);
  bool found = false;
  for (const auto& edge : doc["edges"]) {
    if (edge["relation"] != "partner_of") continue;
    found = true;
    ASSERT_EQ(edge["evidence"].size(), 1u);
    const auto& ev = edge["evidence"][0];
    EXPECT_EQ(ev["sentence"], kSentence);
    EXPECT_EQ(ev["doc"], "news/lumora-1");
    EXPECT_EQ(ev["title"], "Lumora & Brightwave <team up>");
    EXPECT_EQ(ev["rule"], "partnership.with");
    EXPECT_EQ(ev["kind"], "explicit");
    for (const char* key : {"date", "confidence", "start", "end"}) EXPECT_TRUE(ev.contains(key));
  }
  EXPECT_TRUE(found);

  std::ostringstream graphml;
  ASSERT_TRUE(WriteGraphMl(*graph_, all_, store_.get(), graphml).ok());
  EXPECT_NE(graphml.str().find("<key id=\"evidence\" for=\"edge\""), std::string::npos);
  EXPECT_NE(graphml.str().find("&quot;strategic&quot; cloud partnership with Brightwave "
                               "&lt;Labs&gt; &amp; Co."),
            std::string::npos);
}

TEST_F(StoreExportTest, HtmlReportIsSelfContainedWithEscapedEvidence) {
  ExportRequest request;
  request.format = Format::kHtml;
  request.output = (dir_ / "report.html").string();
  ASSERT_TRUE(RunExport(*graph_, all_, store_.get(), request, std::cout).ok());
  std::ifstream in(request.output);
  std::stringstream text;
  text << in.rdbuf();
  const std::string html = text.str();
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_NE(html.find(HtmlEscape(kSentence)), std::string::npos);
  EXPECT_NE(html.find("Brightwave &lt;Labs&gt; &amp; Co"), std::string::npos);
  EXPECT_NE(html.find("<a href=\"https://example.com/lumora\">Lumora &amp; Brightwave &lt;team "
                      "up&gt;</a>, 2024-06-04"),
            std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("src="), std::string::npos);
  EXPECT_EQ(html.find("<Labs>"), std::string::npos);
}

TEST_F(StoreExportTest, RunExportFileRules) {
  ExportRequest request;
  request.format = Format::kSvg;
  request.output = (dir_ / "g.svg").string();
  ASSERT_TRUE(RunExport(*graph_, all_, store_.get(), request, std::cout).ok());
  Status again = RunExport(*graph_, all_, store_.get(), request, std::cout);
  EXPECT_EQ(again.code(), StatusCode::kAlreadyExists);
  EXPECT_NE(again.message().find("g.svg: already exists (use --force to overwrite)"),
            std::string::npos);
  request.force = true;
  EXPECT_TRUE(RunExport(*graph_, all_, store_.get(), request, std::cout).ok());

  request.format = Format::kPng;
  request.output = "-";
  EXPECT_EQ(RunExport(*graph_, all_, store_.get(), request, std::cout).code(),
            StatusCode::kInvalidArgument);
  request.format = Format::kNeo4j;
  EXPECT_EQ(RunExport(*graph_, all_, store_.get(), request, std::cout).code(),
            StatusCode::kInvalidArgument);

  std::ostringstream out;
  request.format = Format::kCsv;
  ASSERT_TRUE(RunExport(*graph_, all_, store_.get(), request, out).ok());
  EXPECT_NE(out.str().find("org:brightwave,Brightwave <Labs> & Co,partner_of,org:lumora"),
            std::string::npos)
      << out.str();

  request.format = Format::kSvg;
  request.layout = "spiral";
  request.output = (dir_ / "h.svg").string();
  Status layout = RunExport(*graph_, all_, store_.get(), request, std::cout);
  EXPECT_EQ(layout.code(), StatusCode::kInvalidArgument);
  EXPECT_FALSE(fs::exists(dir_ / "h.svg"));

  request.format = Format::kPng;
  request.layout = "sfdp";
  request.output = (dir_ / "g.png").string();
  ASSERT_TRUE(RunExport(*graph_, all_, store_.get(), request, std::cout).ok());
  EXPECT_GT(fs::file_size(dir_ / "g.png"), 100u);
}

TEST(ParseFormat, NamesAndErrors) {
  for (const char* name : {"dot", "svg", "png", "json", "graphml", "neo4j", "csv", "html"}) {
    auto format = ParseFormat(name);
    ASSERT_TRUE(format.ok()) << name;
    EXPECT_EQ(FormatName(*format), name);
  }
  EXPECT_TRUE(ParseFormat("SVG").ok());
  auto bad = ParseFormat("pdf");
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("\"pdf\": unknown format"), std::string::npos);
}

// Drawings are limited to kDefaultMaxNodes entities unless told otherwise; data formats
// export the whole graph by default; an explicit --max-nodes applies to every format.
TEST(MaxNodesFor, DrawingsAreLimitedByDefaultDataIsNot) {
  for (Format drawing : {Format::kDot, Format::kSvg, Format::kPng, Format::kHtml}) {
    EXPECT_TRUE(IsDrawing(drawing)) << FormatName(drawing);
    EXPECT_EQ(MaxNodesFor(drawing, std::nullopt), kDefaultMaxNodes) << FormatName(drawing);
    EXPECT_EQ(MaxNodesFor(drawing, 0), 0u) << FormatName(drawing);
  }
  for (Format data : {Format::kJson, Format::kGraphMl, Format::kNeo4j, Format::kCsv}) {
    EXPECT_FALSE(IsDrawing(data)) << FormatName(data);
    EXPECT_EQ(MaxNodesFor(data, std::nullopt), 0u) << FormatName(data);
    EXPECT_EQ(MaxNodesFor(data, 5), 5u) << FormatName(data);
  }
}

}  // namespace
}  // namespace corpgraph::exporter
