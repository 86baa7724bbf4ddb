// Tests for graph/internal/codec.h: the JSON subset used for attribute maps
// and parent lists must round-trip any string, including quotes, backslashes,
// control characters and UTF-8.
#include "graph/internal/codec.h"

#include <gtest/gtest.h>

#include <cmath>

namespace corpgraph::graph::internal {
namespace {

TEST(Codec, StringMapRoundTripsAwkwardStrings) {
  const std::map<std::string, std::string> cases[] = {
      {},
      {{"ticker", "BABA"}},
      {{"quote\"key", "back\\slash"}, {"line", "a\nb\tc\r"}, {"ctl", std::string("\x01\x1f", 2)}},
      {{"utf8", "Zürich 杭州"}, {"empty", ""}},
  };
  for (const auto& map : cases) {
    const std::string text = EncodeStringMap(map);
    Result<std::map<std::string, std::string>> decoded = DecodeStringMap(text);
    ASSERT_TRUE(decoded.ok()) << text << ": " << decoded.status().ToString();
    EXPECT_EQ(*decoded, map) << text;
  }
}

TEST(Codec, StringListRoundTripsAndKeepsOrder) {
  const std::vector<std::string> list = {"place:ID", "place:035", "a\"b", "c\\d"};
  const std::string text = EncodeStringList(list);
  EXPECT_EQ(text, R"(["place:ID","place:035","a\"b","c\\d"])");
  Result<std::vector<std::string>> decoded = DecodeStringList(text);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(*decoded, list);
}

TEST(Codec, DecodesUnicodeEscapes) {
  Result<std::map<std::string, std::string>> decoded =
      DecodeStringMap(R"({"a":"\u00fc\ud83d\ude00\/"})");
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->at("a"), "ü\xF0\x9F\x98\x80/");
}

TEST(Codec, RejectsMalformedText) {
  for (const char* text : {"{", "{\"a\":1}", "[\"a\"", "{\"a\":\"b\"} x", "nope", "[1]"}) {
    EXPECT_FALSE(DecodeStringMap(text).ok() && DecodeStringList(text).ok()) << text;
  }
  EXPECT_FALSE(DecodeStringMap("{\"a\":1}").ok());
  EXPECT_FALSE(DecodeStringList("[\"a\",]").ok());
  EXPECT_TRUE(DecodeStringMap("").ok());
}

// Evidence fields (schema v7): what goes in comes back exactly, negative
// offsets and lengths and non-per-mille confidences included, in few bytes;
// anything that is not one whole encoding is refused.
TEST(Codec, EvidenceFieldsRoundTripExactlyAndRejectTruncation) {
  const EvidenceFields cases[] = {
      {.subj_offset = 0,
       .subj_length = 6,
       .obj_offset = 22,
       .obj_length = 6,
       .rule = 3,
       .kind = 4,
       .confidence = 0.8},
      {.subj_offset = -10,
       .subj_length = 5,
       .obj_offset = 130,
       .obj_length = -2,
       .rule = 909,
       .kind = 41,
       .confidence = 1.0 / 3},
      {.subj_offset = 0,
       .subj_length = 0,
       .obj_offset = 0,
       .obj_length = 0,
       .rule = 0,
       .kind = 0,
       .confidence = 0},
      {.subj_offset = 1 << 20,
       .subj_length = 70,
       .obj_offset = -(1 << 20),
       .obj_length = 64,
       .rule = 127,
       .kind = 128,
       .confidence = 0.999},
      {.subj_offset = 1,
       .subj_length = 2,
       .obj_offset = 3,
       .obj_length = 4,
       .rule = 5,
       .kind = 6,
       .confidence = -0.0},
  };
  for (const EvidenceFields& fields : cases) {
    const std::string packed = PackEvidenceFields(fields);
    ASSERT_FALSE(packed.empty());
    const std::optional<EvidenceFields> back = UnpackEvidenceFields(packed);
    ASSERT_TRUE(back.has_value()) << fields.rule;
    EXPECT_EQ(back->subj_offset, fields.subj_offset);
    EXPECT_EQ(back->subj_length, fields.subj_length);
    EXPECT_EQ(back->obj_offset, fields.obj_offset);
    EXPECT_EQ(back->obj_length, fields.obj_length);
    EXPECT_EQ(back->rule, fields.rule);
    EXPECT_EQ(back->kind, fields.kind);
    EXPECT_EQ(back->confidence, fields.confidence);
    EXPECT_EQ(std::signbit(back->confidence), std::signbit(fields.confidence));
    for (size_t cut = 0; cut < packed.size(); ++cut) {
      EXPECT_FALSE(UnpackEvidenceFields(packed.substr(0, cut)).has_value()) << cut;
    }
    EXPECT_FALSE(UnpackEvidenceFields(packed + '\x01').has_value());
  }
  // The usual row: 1-byte offsets, lengths, rule and kind, a 2-byte
  // confidence; a rule key past 127 takes 2 bytes.
  EXPECT_EQ(PackEvidenceFields(cases[0]).size(), 8u);
  EXPECT_EQ(PackEvidenceFields({.rule = 300, .kind = 4, .confidence = 0.8}).size(), 9u);
  // A non-per-mille confidence: a 0 byte and the double.
  EXPECT_EQ(PackEvidenceFields(cases[1]).size(), 6u + 2u + 1u + 8u);
  EXPECT_TRUE(PackEvidenceFields({.rule = -1}).empty());
  EXPECT_TRUE(PackEvidenceFields({.kind = -1}).empty());
}

}  // namespace
}  // namespace corpgraph::graph::internal
