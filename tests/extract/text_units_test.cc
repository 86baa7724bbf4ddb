#include "extract/text_units.h"

#include <gtest/gtest.h>

#include <string>

namespace corpgraph::extract {
namespace {

std::string At(const std::string& text, Span s) { return text.substr(s.start, s.size()); }

TEST(SplitSentences, KeepsAbbreviationsAndGivesByteOffsets) {
  const std::string text = "Mr. Rooke joined in 2019. Sales rose 5%.\n\nNew paragraph here.";
  const auto spans = SplitSentences(text);
  ASSERT_EQ(spans.size(), 3u);
  EXPECT_EQ(At(text, spans[0]), "Mr. Rooke joined in 2019.");
  EXPECT_EQ(At(text, spans[1]), "Sales rose 5%.");
  EXPECT_EQ(At(text, spans[2]), "New paragraph here.");
}

TEST(SplitSentences, CorporateAbbreviationsDoNotEndSentences) {
  const std::string text =
      "Northwind Holdings Ltd. Chairman Ana Reyes spoke. Quill Corp.( QLL.N ) rose. Shares fell.";
  const auto spans = SplitSentences(text);
  std::string all;
  for (const Span& s : spans) all += "[" + At(text, s) + "]";
  ASSERT_EQ(spans.size(), 3u) << all;
  EXPECT_EQ(At(text, spans[0]), "Northwind Holdings Ltd. Chairman Ana Reyes spoke.");
  EXPECT_EQ(At(text, spans[1]), "Quill Corp.( QLL.N ) rose.");
}

TEST(SplitSentences, OffsetsAreBytesWithMultibyteText) {
  const std::string text = "Société Générale rose. Türkiye grew.";
  const auto spans = SplitSentences(text);
  ASSERT_EQ(spans.size(), 2u);
  EXPECT_EQ(At(text, spans[1]), "Türkiye grew.");
}

TEST(SplitSentences, CutsRunawaySentences) {
  std::string text;
  for (int i = 0; i < 3000; ++i) text += "word, ";
  const auto spans = SplitSentences(text, 1000);
  ASSERT_GT(spans.size(), 1u);
  for (const Span& s : spans) EXPECT_LE(s.size(), 1000u);
}

TEST(SplitSentences, EmptyAndWhitespace) {
  EXPECT_TRUE(SplitSentences("").empty());
  EXPECT_TRUE(SplitSentences("  \n\n ").empty());
}

TEST(Tokenize, WordsPunctuationAndFlags) {
  const std::string text = "Alibaba's U.S. unit, AIDC, sold 3.5 units—fast.";
  const auto tokens = Tokenize(text, {0, static_cast<uint32_t>(text.size())});
  std::vector<std::string> words;
  for (const auto& t : tokens) words.push_back(text.substr(t.start, t.end - t.start));
  const std::vector<std::string> expected = {"Alibaba", "'",     "s",    "U.S",  ".",
                                             "unit",    ",",     "AIDC", ",",    "sold",
                                             "3.5",     "units", "—",    "fast", "."};
  EXPECT_EQ(words, expected);
  EXPECT_TRUE(tokens[0].is(kCapital));
  EXPECT_TRUE(tokens[7].is(kAllCaps));
  EXPECT_TRUE(tokens[10].is(kHasDigit));
  EXPECT_TRUE(tokens[12].is(kPunct));
}

TEST(Tokenize, CurlyApostropheIsPunctuation) {
  const std::string text = "Alibaba\xE2\x80\x99s cloud";
  const auto tokens = Tokenize(text, {0, static_cast<uint32_t>(text.size())});
  ASSERT_EQ(tokens.size(), 4u);
  EXPECT_EQ(text.substr(tokens[0].start, tokens[0].end - tokens[0].start), "Alibaba");
}

}  // namespace
}  // namespace corpgraph::extract
