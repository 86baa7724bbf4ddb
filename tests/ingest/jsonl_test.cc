#include "ingest/jsonl.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "tests/ingest/test_util.h"

namespace corpgraph::ingest {
namespace {

using testing::TempDir;

Document SampleDocument(const std::string& id) {
  Document doc;
  doc.id = id;
  doc.title = "Acme and Globex \"team up\"";
  doc.date = "2025-02-13";
  doc.source = "https://example.com/" + id;
  doc.sha256 = std::string(64, 'a');
  doc.text = "not written";
  return doc;
}

Extraction SampleExtraction(const std::string& doc_id) {
  Extraction x;
  Entity acme;
  acme.id = "org:acme";
  acme.name = "Acme";
  acme.type = EntityType::kOrganization;
  acme.subtype = "company";
  acme.aliases = {"Acme Corp", "ACME"};
  acme.attributes = {{"ticker", "ACME"}, {"exchange", "NYSE"}};
  acme.mentions = {{{0, 4}, "Acme"}, {{40, 49}, "Acme Corp"}};
  Entity jakarta;
  jakarta.id = "place:jakarta";
  jakarta.name = "Jakarta";
  jakarta.type = EntityType::kPlace;
  jakarta.subtype = "city";
  jakarta.parents = {"place:ID", "place:south-eastern-asia"};
  jakarta.mentions = {{{60, 67}, "Jakarta"}};
  x.entities = {acme, jakarta};

  Fact f;
  f.subject = {"org:acme", "Acme", EntityType::kOrganization};
  f.relation = RelationType::kOperatesIn;
  f.object = {"place:jakarta", "Jakarta", EntityType::kPlace};
  f.modality = Modality::kPlanned;
  f.attributes = {{"amount", "2000000000"}, {"currency", "USD"}};
  f.confidence = 0.55;
  f.evidence.doc_id = doc_id;
  f.evidence.sentence = "Acme plans to open an office in Jakarta, \u00e9t\u00e9 \"quoted\".";
  f.evidence.sentence_span = {0, 70};
  f.evidence.subject_span = {0, 4};
  f.evidence.object_span = {60, 67};
  f.evidence.rule = "operates.office_in";
  f.evidence.confidence = 0.55;
  f.evidence.kind = EvidenceKind::kExplicit;
  f.evidence.date = "2025-02-13";
  Fact g = f;
  g.relation = RelationType::kPartnerOf;
  g.object = {"org:globex", "Globex", EntityType::kOrganization};
  g.modality = Modality::kAsserted;
  g.attributes = {};
  g.evidence.kind = EvidenceKind::kInferred;
  g.evidence.subject_span = {};
  g.evidence.confidence = 0.4;
  g.confidence = 0.4;
  x.facts = {f, g};
  return x;
}

void ExpectSameExtraction(const Extraction& a, const Extraction& b) {
  ASSERT_EQ(a.entities.size(), b.entities.size());
  for (size_t i = 0; i < a.entities.size(); ++i) {
    const Entity& x = a.entities[i];
    const Entity& y = b.entities[i];
    EXPECT_EQ(x.id, y.id);
    EXPECT_EQ(x.name, y.name);
    EXPECT_EQ(x.type, y.type);
    EXPECT_EQ(x.subtype, y.subtype);
    EXPECT_EQ(x.aliases, y.aliases);
    EXPECT_EQ(x.attributes, y.attributes);
    EXPECT_EQ(x.parents, y.parents);
    ASSERT_EQ(x.mentions.size(), y.mentions.size());
    for (size_t m = 0; m < x.mentions.size(); ++m) {
      EXPECT_EQ(x.mentions[m].span, y.mentions[m].span);
      EXPECT_EQ(x.mentions[m].text, y.mentions[m].text);
    }
  }
  ASSERT_EQ(a.facts.size(), b.facts.size());
  for (size_t i = 0; i < a.facts.size(); ++i) {
    const Fact& x = a.facts[i];
    const Fact& y = b.facts[i];
    EXPECT_EQ(x.subject.id, y.subject.id);
    EXPECT_EQ(x.subject.name, y.subject.name);
    EXPECT_EQ(x.subject.type, y.subject.type);
    EXPECT_EQ(x.object.id, y.object.id);
    EXPECT_EQ(x.object.type, y.object.type);
    EXPECT_EQ(x.relation, y.relation);
    EXPECT_EQ(x.modality, y.modality);
    EXPECT_EQ(x.attributes, y.attributes);
    EXPECT_DOUBLE_EQ(x.confidence, y.confidence);
    EXPECT_EQ(x.evidence.doc_id, y.evidence.doc_id);
    EXPECT_EQ(x.evidence.sentence, y.evidence.sentence);
    EXPECT_EQ(x.evidence.sentence_span, y.evidence.sentence_span);
    EXPECT_EQ(x.evidence.subject_span, y.evidence.subject_span);
    EXPECT_EQ(x.evidence.object_span, y.evidence.object_span);
    EXPECT_EQ(x.evidence.rule, y.evidence.rule);
    EXPECT_DOUBLE_EQ(x.evidence.confidence, y.evidence.confidence);
    EXPECT_EQ(x.evidence.kind, y.evidence.kind);
    EXPECT_EQ(x.evidence.date, y.evidence.date);
  }
}

TEST(ExtractionJsonl, MatchesTheDesignContract) {
  std::string out;
  AppendExtractionJsonl(SampleDocument("d1"), SampleExtraction("d1"), &out);
  std::vector<nlohmann::json> lines;
  size_t pos = 0;
  while (pos < out.size()) {
    const size_t nl = out.find('\n', pos);
    ASSERT_NE(nl, std::string::npos);
    lines.push_back(nlohmann::json::parse(out.substr(pos, nl - pos)));
    pos = nl + 1;
  }
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_EQ(lines[0]["kind"], "document");
  EXPECT_EQ(lines[0]["sha256"], std::string(64, 'a'));
  EXPECT_FALSE(lines[0].contains("text"));
  EXPECT_EQ(lines[1]["kind"], "entity");
  EXPECT_EQ(lines[1]["doc"], "d1");
  EXPECT_EQ(lines[1]["mentions"][1]["start"], 40);
  EXPECT_EQ(lines[1]["mentions"][1]["text"], "Acme Corp");
  EXPECT_FALSE(lines[1].contains("parents"));
  EXPECT_EQ(lines[2]["parents"][0], "place:ID");
  const nlohmann::json& rel = lines[3];
  // A planned fact is not a "relation" line: consumers of the contract see only facts there.
  EXPECT_EQ(rel["kind"], "unconfirmed_relation");
  EXPECT_EQ(lines[4]["kind"],
            lines[4]["modality"] == "asserted" ? "relation" : "unconfirmed_relation");
  // Relation arguments carry the names this document uses when they differ ("Acme Corp").
  EXPECT_EQ(rel["subject"]["aliases"][0], "Acme Corp");
  EXPECT_EQ(rel["subject"]["id"], "org:acme");
  EXPECT_EQ(rel["object"]["type"], "place");
  EXPECT_EQ(rel["relation"], "operates_in");
  EXPECT_EQ(rel["modality"], "planned");
  EXPECT_EQ(rel["evidence"]["start"], 0);
  EXPECT_EQ(rel["evidence"]["end"], 70);
  EXPECT_EQ(rel["evidence"]["rule"], "operates.office_in");
  EXPECT_EQ(rel["evidence"]["inferred"], false);
  EXPECT_EQ(lines[4]["evidence"]["inferred"], true);
  EXPECT_EQ(lines[4]["evidence"]["kind"], "inferred");
  // "kind" comes first, as in DESIGN.md.
  EXPECT_NE(out.find("{\"kind\":\"relation\",\"doc\":\"d1\",\"subject\":"), std::string::npos);
}

TEST(ExtractionJsonl, RoundTripsThroughTheReader) {
  TempDir dir;
  std::string out;
  AppendExtractionJsonl(SampleDocument("d1"), SampleExtraction("d1"), &out);
  AppendExtractionJsonl(SampleDocument("d2"), {}, &out);
  AppendExtractionJsonl(SampleDocument("d3"), SampleExtraction("d3"), &out);
  for (const bool gz : {false, true}) {
    const std::string path =
        gz ? dir.WriteGz("shard.jsonl.gz", out) : dir.Write("shard.jsonl", out);
    auto reader = ExtractionReader::Open(path, {});
    ASSERT_TRUE(reader.ok()) << reader.status().ToString();
    std::vector<ExtractedDocument> docs;
    while (true) {
      auto next = (*reader)->Next();
      ASSERT_TRUE(next.ok()) << next.status().ToString();
      if (!next->has_value()) break;
      docs.push_back(std::move(**next));
    }
    ASSERT_EQ(docs.size(), 3u);
    EXPECT_TRUE((*reader)->problems().empty());
    const Document expected = SampleDocument("d3");
    EXPECT_EQ(docs[2].document.id, "d3");
    EXPECT_EQ(docs[2].document.title, expected.title);
    EXPECT_EQ(docs[2].document.date, expected.date);
    EXPECT_EQ(docs[2].document.source, expected.source);
    EXPECT_EQ(docs[2].document.sha256, expected.sha256);
    EXPECT_TRUE(docs[1].extraction.entities.empty());
    ExpectSameExtraction(docs[0].extraction, SampleExtraction("d1"));
    ExpectSameExtraction(docs[2].extraction, SampleExtraction("d3"));
  }
}

TEST(ExtractionJsonl, BadLinesAreReportedWithFileAndLine) {
  TempDir dir;
  std::string out;
  AppendExtractionJsonl(SampleDocument("d1"), SampleExtraction("d1"), &out);
  out += "{not json\n";
  out += "{\"kind\":\"entity\",\"doc\":\"other\",\"id\":\"org:x\",\"type\":\"organization\"}\n";
  out += "{\"kind\":\"relation\",\"doc\":\"d1\",\"relation\":\"likes\"}\n";
  out += "{\"kind\":\"entity\",\"doc\":\"d1\",\"id\":\"org:y\",\"type\":\"martian\"}\n";
  const std::string path = dir.Write("bad.jsonl", out);
  auto reader = ExtractionReader::Open(path, {});
  ASSERT_TRUE(reader.ok());
  auto doc = (*reader)->Next();
  ASSERT_TRUE(doc.ok() && doc->has_value());
  EXPECT_EQ((**doc).extraction.entities.size(), 2u);
  EXPECT_EQ((**doc).extraction.facts.size(), 2u);
  auto end = (*reader)->Next();
  ASSERT_TRUE(end.ok());
  EXPECT_FALSE(end->has_value());
  const auto& problems = (*reader)->problems();
  ASSERT_EQ(problems.size(), 4u);
  EXPECT_EQ(problems[0].line, 6u);
  EXPECT_NE(problems[0].ToString().find(path + ":6: not valid JSON"), std::string::npos);
  EXPECT_NE(problems[1].message.find("does not follow"), std::string::npos);
  EXPECT_EQ(problems[2].line, 8u);
  EXPECT_NE(problems[3].message.find("unknown entity type \"martian\""), std::string::npos);
}

TEST(ExtractionJsonl, MissingShardIsNotFound) {
  auto reader = ExtractionReader::Open("/nonexistent/shard.jsonl", {});
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace corpgraph::ingest
