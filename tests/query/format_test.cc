#include "query/format.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "graph/store.h"
#include "query/engine.h"
#include "tests/query/test_graph.h"

namespace corpgraph::query {
namespace {

Entity Place(std::string id, std::string name, std::string subtype,
             std::vector<std::string> parents) {
  Entity e;
  e.id = std::move(id);
  e.name = std::move(name);
  e.type = EntityType::kPlace;
  e.subtype = std::move(subtype);
  e.parents = std::move(parents);
  return e;
}

Entity Mentioned(std::string id, std::string name, EntityType type, const std::string& text,
                 std::vector<std::string> aliases = {}) {
  Entity e;
  e.id = std::move(id);
  e.name = std::move(name);
  e.type = type;
  e.aliases = std::move(aliases);
  size_t at = text.find(e.name);
  if (at != std::string::npos) {
    e.mentions.push_back(
        Mention{{static_cast<uint32_t>(at), static_cast<uint32_t>(at + e.name.size())}, e.name});
  }
  return e;
}

EntityRef Ref(const Entity& e) { return EntityRef{e.id, e.name, e.type}; }

// One fact whose evidence is the sentence of `doc` containing `sentence`.
Fact MakeFact(const Document& doc, const Entity& s, RelationType type, const Entity& o,
              const std::string& sentence, const std::string& rule, double confidence,
              Modality modality = Modality::kAsserted) {
  Fact f;
  f.subject = Ref(s);
  f.relation = type;
  f.object = Ref(o);
  f.modality = modality;
  f.confidence = confidence;
  size_t at = doc.text.find(sentence);
  f.evidence.doc_id = doc.id;
  f.evidence.sentence = sentence;
  f.evidence.sentence_span = {static_cast<uint32_t>(at),
                              static_cast<uint32_t>(at + sentence.size())};
  f.evidence.rule = rule;
  f.evidence.confidence = confidence;
  f.evidence.date = doc.date;
  return f;
}

// A small stored corpus: two articles written for these tests.
class StoreFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = graph::Store::Open(":memory:", graph::OpenMode::kReadWrite);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value();
    std::vector<Entity> taxonomy = {
        Place("place:asia", "Asia", "region", {}),
        Place("place:eastern-asia", "Eastern Asia", "region", {"place:asia"}),
        Place("place:south-eastern-asia", "South-eastern Asia", "region", {"place:asia"}),
        Place("place:CN", "China", "country", {"place:eastern-asia", "place:asia"}),
        Place("place:VN", "Vietnam", "country", {"place:south-eastern-asia", "place:asia"}),
    };
    ASSERT_TRUE(store_->PutTaxonomy(taxonomy).ok());

    Document d1;
    d1.id = "news/alibaba-apple";
    d1.title = "Alibaba and Apple team up";
    d1.date = "2024-05-02";
    d1.text =
        "Alibaba partnered with Apple to bring AI features to iPhones sold in China. "
        "Alibaba runs its cloud data centres across China.";
    Entity alibaba =
        Mentioned("org:alibaba", "Alibaba", EntityType::kOrganization, d1.text, {"Alibaba Group"});
    Entity apple = Mentioned("org:apple", "Apple", EntityType::kOrganization, d1.text);
    Entity china = Mentioned("place:CN", "China", EntityType::kPlace, d1.text);
    Extraction x1;
    x1.entities = {alibaba, apple, china};
    x1.facts = {
        MakeFact(d1, alibaba, RelationType::kPartnerOf, apple,
                 "Alibaba partnered with Apple to bring AI features to iPhones sold in China.",
                 "partnership.with", 0.9),
        MakeFact(d1, alibaba, RelationType::kOperatesIn, china,
                 "Alibaba runs its cloud data centres across China.", "operations.across", 0.8),
    };
    ASSERT_TRUE(store_->PutDocument(d1, x1).ok());

    Document d2;
    d2.id = "news/foxconn";
    d2.title = "Foxconn expands in Vietnam";
    d2.date = "2024-04-10";
    d2.text =
        "Foxconn supplies iPhone parts to Apple. Foxconn operates three plants in Vietnam. "
        "Foxconn denied reports that it would buy Alibaba's logistics arm.";
    Entity foxconn = Mentioned("org:foxconn", "Foxconn", EntityType::kOrganization, d2.text);
    Entity apple2 = Mentioned("org:apple", "Apple", EntityType::kOrganization, d2.text);
    Entity vietnam = Mentioned("place:VN", "Vietnam", EntityType::kPlace, d2.text);
    Entity alibaba2 = Mentioned("org:alibaba", "Alibaba", EntityType::kOrganization, d2.text);
    Extraction x2;
    x2.entities = {foxconn, apple2, vietnam, alibaba2};
    x2.facts = {
        MakeFact(d2, foxconn, RelationType::kSupplies, apple2,
                 "Foxconn supplies iPhone parts to Apple.", "supply.to", 0.7),
        MakeFact(d2, foxconn, RelationType::kOperatesIn, vietnam,
                 "Foxconn operates three plants in Vietnam.", "operations.in", 0.9),
        MakeFact(d2, foxconn, RelationType::kAcquires, alibaba2,
                 "Foxconn denied reports that it would buy Alibaba's logistics arm.",
                 "acquisition.buy", 0.3, Modality::kDenied),
    };
    ASSERT_TRUE(store_->PutDocument(d2, x2).ok());

    auto graph = graph::Graph::Load(*store_);
    ASSERT_TRUE(graph.ok()) << graph.status().ToString();
    graph_ = std::move(graph).value();
    engine_ = std::make_unique<Engine>(*graph_, store_.get());
  }

  std::unique_ptr<graph::Store> store_;
  std::unique_ptr<graph::Graph> graph_;
  std::unique_ptr<Engine> engine_;
};

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// Golden file: "> query" lines, each followed by the answer (or "error: ...").
// Set CORPGRAPH_UPDATE_GOLDEN=1 to rewrite it from the current output.
TEST_F(StoreFixture, TextAnswersMatchGolden) {
  const std::string path = std::string(CORPGRAPH_SOURCE_DIR) + "/tests/golden/query/session.txt";
  const std::vector<std::string> queries = {
      "exposure Apple to region:Asia",
      "exposure * to region:Asia",
      "exposure Apple to country:Vietnam hops 1",
      "paths Foxconn -> Alibaba",
      "neighbors Foxconn",
      "entity Alibaba Group",
      "evidence Foxconn acquires Alibaba",
      "evidence Alibaba partner_of Apple",
      "find alibab",
      "search \"plants\"",
      "help exposure",
      "exposure Alibab to region:Asia",
      "exposure Apple to region:Asia via partnr_of",
  };
  std::string got;
  for (const std::string& q : queries) {
    got += "> " + q + "\n";
    Result<Answer> answer = engine_->Run(q);
    got += answer.ok() ? FormatText(*answer, {.width = 80})
                       : "error: " + answer.status().ToString() + "\n";
    got += "\n";
  }
  if (std::getenv("CORPGRAPH_UPDATE_GOLDEN") != nullptr) {
    std::ofstream(path, std::ios::binary) << got;
  }
  EXPECT_EQ(got, ReadFile(path)) << "golden " << path << " differs; got:\n" << got;
}

TEST_F(StoreFixture, ExposureJsonSchema) {
  Result<Answer> answer = engine_->Run("exposure Apple to region:Asia");
  ASSERT_TRUE(answer.ok()) << answer.status().ToString();
  nlohmann::json j = nlohmann::json::parse(FormatJson(*answer));
  EXPECT_EQ(j["query"], "exposure Apple to region:Asia");
  EXPECT_EQ(j["kind"], "exposure");
  EXPECT_EQ(j["subject"]["id"], "org:apple");
  EXPECT_EQ(j["subject"]["name"], "Apple");
  EXPECT_EQ(j["target"]["id"], "place:asia");
  ASSERT_EQ(j["paths"].size(), 2u);
  const auto& first = j["paths"][0];
  EXPECT_NEAR(first["score"].get<double>(), 0.9 * 0.8 * 0.85, 1e-9);
  ASSERT_EQ(first["hops"].size(), 2u);
  const auto& hop = first["hops"][0];
  for (const char* key :
       {"subject", "relation", "object", "direction", "strength", "modality", "evidence"}) {
    EXPECT_TRUE(hop.contains(key)) << key;
  }
  EXPECT_EQ(hop["relation"], "partner_of");
  EXPECT_EQ(hop["subject"]["type"], "organization");
  for (const char* key : {"sentence", "doc", "title", "date", "rule"}) {
    EXPECT_TRUE(hop["evidence"].contains(key)) << key;
  }
  EXPECT_EQ(hop["evidence"]["doc"], "news/alibaba-apple");
  EXPECT_EQ(hop["evidence"]["date"], "2024-05-02");
  EXPECT_EQ(j["paths"][1]["hops"][0]["direction"], "backward");  // Apple <-supplies- Foxconn
}

TEST_F(StoreFixture, RankingJsonSchema) {
  Result<Answer> answer = engine_->Run("exposure * to region:Asia");
  ASSERT_TRUE(answer.ok()) << answer.status().ToString();
  nlohmann::json j = nlohmann::json::parse(FormatJson(*answer));
  EXPECT_EQ(j["kind"], "exposure_ranking");
  ASSERT_FALSE(j["ranking"].empty());
  const auto& first = j["ranking"][0];
  EXPECT_EQ(first["entity"]["id"], "org:foxconn");
  EXPECT_TRUE(first.contains("score"));
  EXPECT_TRUE(first["path"].contains("hops"));
  EXPECT_EQ(first["path"]["hops"][0]["evidence"]["sentence"],
            "Foxconn operates three plants in Vietnam.");
}

TEST_F(StoreFixture, EvidenceListsEveryModality) {
  Result<Answer> answer = engine_->Run("evidence Foxconn acquires Alibaba");
  ASSERT_TRUE(answer.ok()) << answer.status().ToString();
  const auto& groups = std::get<EvidenceAnswer>(answer->body).groups;
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0].modality, Modality::kDenied);
  ASSERT_EQ(groups[0].items.size(), 1u);
  EXPECT_EQ(groups[0].items[0].rule, "acquisition.buy");
  Result<Answer> reversed = engine_->Run("evidence Apple supplies Foxconn");
  ASSERT_FALSE(reversed.ok());
  EXPECT_NE(reversed.status().message().find("there is one the other way"), std::string::npos);
}

TEST_F(StoreFixture, CsvHasHeaderAndOneRowPerHop) {
  Result<Answer> answer = engine_->Run("exposure Apple to region:Asia");
  ASSERT_TRUE(answer.ok());
  std::string csv = FormatCsv(*answer);
  EXPECT_EQ(csv.substr(0, csv.find("\r\n")),
            "path,score,hop,subject_id,subject,relation,object_id,object,direction,strength,"
            "modality,sentence,doc,date");
  size_t rows = 0;
  for (size_t at = 0; (at = csv.find("\r\n", at)) != std::string::npos; at += 2) ++rows;
  EXPECT_EQ(rows, 1u + 4u);  // header + 2 paths x 2 hops
}

TEST(Format, TextRespectsWidth) {
  auto graph = testing::TestGraph();
  ASSERT_NE(graph, nullptr);
  Engine engine(*graph, nullptr);
  Result<Answer> answer = engine.Run("exposure * to region:Asia");
  ASSERT_TRUE(answer.ok());
  std::string text = FormatText(*answer, {.width = 50});
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind("organizations exposed", 0) == 0) continue;  // the title line is not cut
    EXPECT_LE(DisplayWidth(line), 50u) << line;
  }
  EXPECT_NE(text.find("\u2026"), std::string::npos);  // long paths were cut
}

TEST(Format, LexiconEvidenceIsLabelledAsKnownNotRead) {
  // A headquarters fact from the lexicon cites a sentence that merely mentions the
  // company; the text must not present it as the sentence that says so.
  ExposureAnswer exposure;
  exposure.subject = {0, "org:bosch", "Bosch", EntityType::kOrganization};
  exposure.target = {1, "place:DE", "Germany", EntityType::kPlace};
  PathHop hop;
  hop.subject = exposure.subject;
  hop.relation = RelationType::kHeadquarteredIn;
  hop.object = exposure.target;
  hop.strength = 0.5;
  EvidenceSummary ev;
  ev.sentence = "Bosch holds 10% of the venture.";
  ev.doc_id = "d1";
  ev.kind = EvidenceKind::kLexicon;
  hop.evidence = ev;
  exposure.paths.push_back(Path{0.5, {hop}});
  Answer answer{"exposure Bosch to country:Germany", exposure, {}};
  const std::string text = FormatText(answer, {.width = 200});
  EXPECT_NE(text.find("known from the lexicon; mentioned in \"Bosch holds 10%"), std::string::npos)
      << text;
  hop.evidence->kind = EvidenceKind::kExplicit;
  exposure.paths[0] = Path{0.5, {hop}};
  const std::string explicit_text =
      FormatText(Answer{"exposure Bosch to country:Germany", exposure, {}}, {.width = 200});
  EXPECT_EQ(explicit_text.find("known from the lexicon"), std::string::npos) << explicit_text;
}

TEST(Format, ParseOutputFormat) {
  EXPECT_TRUE(ParseOutputFormat("json").ok());
  Result<OutputFormat> bad = ParseOutputFormat("xml");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace corpgraph::query
