// Tests for graph/internal/codec.h: the JSON subset used for attribute maps
// and parent lists must round-trip any string, including quotes, backslashes,
// control characters and UTF-8.
#include "graph/internal/codec.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace corpgraph::graph::internal
