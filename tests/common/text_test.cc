#include "common/text.h"

#include <gtest/gtest.h>

namespace corpgraph {
namespace {

struct SlugCase {
  const char* name;
  const char* slug;
};

TEST(Slugify, Table) {
  const SlugCase kCases[] = {
      {"Eddie Wu", "eddie-wu"},
      {"Alibaba Group Holding Ltd.", "alibaba-group-holding-ltd"},
      {"  AT&T  ", "at-t"},
      {"Lowe's", "lowes"},
      {"Société Générale", "société-générale"},
      {"---", ""},
      {"Qwen3-235B", "qwen3-235b"},
  };
  for (const SlugCase& c : kCases) EXPECT_EQ(Slugify(c.name), c.slug) << c.name;
}

TEST(AppendSlug, AppendsWhatSlugifyReturns) {
  // A dash is never the first byte appended, whatever `out` held before.
  for (const char* name : {"Eddie Wu", "  AT&T  ", "-Lowe's", "---", ""}) {
    std::string out = "org:";
    AppendSlug(name, out);
    EXPECT_EQ(out, "org:" + Slugify(name)) << name;
  }
}

TEST(Sha256Hex, KnownVectors) {
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  // 56 bytes: the padding spills into a second block.
  EXPECT_EQ(Sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(Sha256Hex(std::string(1000, 'a')).size(), 64u);
}

struct Utf8Case {
  std::string input;
  bool valid;
  std::string repaired;
  uint64_t invalid;
};

TEST(Utf8, ValidationAndRepair) {
  const Utf8Case kCases[] = {
      {"plain ascii", true, "plain ascii", 0},
      {"T\xC3\xBCrkiye", true, "T\xC3\xBCrkiye", 0},
      {"caf\xE9!", false, "caf\xEF\xBF\xBD!", 1},                          // Latin-1 byte
      {"\xC0\xAF", false, "\xEF\xBF\xBD\xEF\xBF\xBD", 2},                  // overlong
      {"\xED\xA0\x80", false, "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD", 3},  // surrogate
      {"end\xE2\x82", false, "end\xEF\xBF\xBD\xEF\xBF\xBD", 2},            // truncated sequence
  };
  for (const Utf8Case& c : kCases) {
    EXPECT_EQ(IsValidUtf8(c.input), c.valid) << c.input;
    const Utf8Repair r = RepairUtf8(c.input);
    EXPECT_EQ(r.text, c.repaired) << c.input;
    EXPECT_EQ(r.invalid_sequences, c.invalid) << c.input;
    EXPECT_TRUE(IsValidUtf8(r.text)) << c.input;
  }
  EXPECT_EQ(RepairUtf8("ok\xFFok").first_invalid_offset, 2u);
}

TEST(LooksBinary, NulOrControlBytes) {
  EXPECT_FALSE(LooksBinary("Alibaba partnered with Apple.\n"));
  EXPECT_TRUE(LooksBinary(std::string("PK\x03\x04\0\0", 6)));
  EXPECT_TRUE(LooksBinary("\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f"));
  EXPECT_FALSE(LooksBinary(""));
}

TEST(AppendUtf8, EncodesAndReplacesInvalidCodePoints) {
  std::string out;
  for (uint32_t cp : {0x41u, 0xE9u, 0x20ACu, 0x1F600u, 0xD800u, 0x110000u}) AppendUtf8(cp, out);
  EXPECT_EQ(out, "A\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_TRUE(IsValidUtf8(out));
}

TEST(TextHelpers, LowerAndTrim) {
  EXPECT_EQ(AsciiLower("NYSE: BABA"), "nyse: baba");
  EXPECT_EQ(TrimWhitespace("  \t x y \n"), "x y");
  EXPECT_EQ(TrimWhitespace(" \n "), "");
}

TEST(TextHelpers, AppendAsciiLowerKeepsWhatIsThere) {
  std::string out = "The ";
  AppendAsciiLower("NYSE-Listed Société", out);
  EXPECT_EQ(out, "The nyse-listed société");
  AppendAsciiLower("", out);
  EXPECT_EQ(out, "The nyse-listed société");
}

TEST(StringSet, LooksUpByViewWithTheOrderOfStdHash) {
  StringSet set = {"Inc", "Ltd", "plc"};
  const std::string text = "Acme Ltd said";
  EXPECT_TRUE(set.contains(std::string_view(text).substr(5, 3)));
  EXPECT_FALSE(set.contains(std::string_view(text).substr(5, 2)));
  EXPECT_EQ(set.count("plc"), 1u);
  // The same hash values as std::hash<std::string>, so iteration order is unchanged.
  EXPECT_EQ(StringHash{}("Ltd"), std::hash<std::string>{}(std::string("Ltd")));
  StringMap<int> map;
  map.emplace("id:org:acme", 3);
  const auto it = map.find(std::string_view("id:org:acme"));
  ASSERT_NE(it, map.end());
  EXPECT_EQ(it->second, 3);
}

}  // namespace
}  // namespace corpgraph
