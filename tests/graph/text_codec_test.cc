// Tests for graph/internal/text_codec.h: any bytes round-trip, with and
// without a dictionary; corrupt streams are refused, never over-read.
#include "graph/internal/text_codec.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace corpgraph::graph::internal {
namespace {

constexpr const char* kDictionary =
    "Acme Corp formed a joint venture with Bolt Industries to build turbines in Norway.\n"
    "Vextal agreed to buy a 20% stake in Lumora Systems for $5 million, the company said.\n";

TEST(TextCodec, RoundTripsTextsWithAndWithoutDictionary) {
  const std::string cases[] = {
      "",
      "a",
      "abcd",
      "Acme Corp formed a joint venture with Bolt Industries.",
      "Lumora Systems agreed to buy turbines from Acme Corp, the company said on Tuesday.",
      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
      "Zürich-based 杭州 group 杭州 group 杭州 group said",
      std::string("nul\0bytes\0nul\0bytes\0nul\0bytes", 29),
  };
  for (const std::string& dictionary : {std::string(), std::string(kDictionary)}) {
    const TextCodec codec(dictionary);
    for (const std::string& text : cases) {
      const std::string packed = codec.Compress(text);
      const std::optional<std::string> back = codec.Decompress(packed);
      ASSERT_TRUE(back.has_value()) << text;
      EXPECT_EQ(*back, text) << text;
    }
  }
}

TEST(TextCodec, DictionaryShrinksSentencesThatShareItsPhrases) {
  const TextCodec codec(kDictionary);
  const std::string text =
      "Bolt Industries agreed to buy a 20% stake in Acme Corp, the company said.";
  EXPECT_LT(codec.Compress(text).size(), text.size() / 2);
  EXPECT_GE(TextCodec("").Compress(text).size(), text.size());
}

TEST(TextCodec, RandomBytesRoundTrip) {
  std::mt19937 random(7);
  const TextCodec codec(kDictionary);
  for (int round = 0; round < 2000; ++round) {
    std::string text(random() % 300, '\0');
    // Few distinct bytes, so that copies are common.
    for (char& c : text) c = static_cast<char>("ab cdAcme"[random() % 9]);
    const std::optional<std::string> back = codec.Decompress(codec.Compress(text));
    ASSERT_TRUE(back.has_value()) << round;
    ASSERT_EQ(*back, text) << round;
  }
}

TEST(TextCodec, CorruptStreamsAreRefused) {
  const TextCodec codec(kDictionary);
  const std::string packed =
      codec.Compress("Acme Corp formed a joint venture with Bolt Industries to build turbines.");
  // Every truncation is refused (the end code is missing).
  for (size_t size = 0; size < packed.size(); ++size) {
    EXPECT_FALSE(codec.Decompress(packed.substr(0, size)).has_value()) << size;
  }
  EXPECT_FALSE(codec.Decompress(packed + "x").has_value());  // bytes after the end
  // A copy reaching before the dictionary: 0 literals, a 5-byte copy from 10^6 back.
  EXPECT_FALSE(codec.Decompress(std::string("\x00\x01\xc0\x84\x3d\x00", 6)).has_value());
  // A literal run longer than the stream.
  EXPECT_FALSE(codec
                   .Decompress(std::string("\x7f"
                                           "ab\x00",
                                           4))
                   .has_value());
  // Any byte string: refused or decoded, never a crash (ASan checks reads).
  std::mt19937 random(11);
  for (int round = 0; round < 5000; ++round) {
    std::string bytes(random() % 24, '\0');
    for (char& c : bytes) c = static_cast<char>(random());
    (void)codec.Decompress(bytes);
  }
}

}  // namespace
}  // namespace corpgraph::graph::internal
