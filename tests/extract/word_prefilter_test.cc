#include "extract/internal/word_prefilter.h"

#include <gtest/gtest.h>
#include <re2/re2.h>

#include <memory>
#include <random>
#include <string>
#include <vector>

#include "data/embedded.h"
#include "extract/cues.h"

namespace corpgraph::extract::internal {
namespace {

using Clauses = std::vector<std::vector<std::string>>;

// The naive reference for "the whole words of a text": its maximal runs of ASCII letters and
// digits, looked up one by one.
uint64_t PresentBits(const WordPrefilter& filter, std::string_view text) {
  uint64_t present = 0;
  for (size_t at = 0; at < text.size();) {
    const auto alnum = [&](size_t k) { return std::isalnum(static_cast<unsigned char>(text[k])); };
    if (!alnum(at) || static_cast<unsigned char>(text[at]) >= 0x80) {
      ++at;
      continue;
    }
    size_t end = at;
    while (end < text.size() && static_cast<unsigned char>(text[end]) < 0x80 && alnum(end)) ++end;
    present |= filter.WordBits(text.substr(at, end - at));
    at = end;
  }
  return present;
}

TEST(WordPrefilter, ReadsWordsTheirPatternBounds) {
  struct Case {
    const char* pattern;
    Clauses clauses;
  };
  const Case cases[] = {
      // Bounded by \b and a space; the words of an alternation form one clause.
      {"\\b(?:its|the) ([A-Z]\\w+) (?:series|models?)\\b",
       {{"its", "the"}, {"model", "models", "series"}}},
      // The pattern's ends bound nothing: "sold" may end "unsold", "stake" start "stakes".
      {"sold (?:a|its) stake", {{"a", "its"}}},
      // A group joins the sequence around it; "i" and the alternation multiply out.
      {"\\b(i(?:Phone|Pad)(?: [0-9]+)?)\\b", {{"iPad", "iPhone"}}},
      // One string: each bounded word is a clause of its own.
      {"x and other y", {{"and"}, {"other"}}},
      // An optional part lets the bound come from what is before it; several strings give the
      // first and the last bounded word of each.
      {", (?:an?|the) (?:[a-z]+ )?(?:new )?(?:model|tool)\\b",
       {{"a", "an", "the"}, {"model", "tool"}}},
      {"\\b(?:rolled out|began selling) ([A-Z]\\w*)", {{"began", "rolled"}, {"out", "selling"}}},
      // An alternation of a bounded end and $ bounds; a class of letters does not.
      {"^(?:[•*\\-] )?(?:The|An) [A-Z]\\w* (?:model|chip)(?:[.,]|$)",
       {{"An", "The"}, {"chip", "model"}}},
      {"[a-z](?:model|chip) ", {}},
      // A word inside a repeat counts if one copy needs it; an optional one does not.
      {"(?:, and )+x", {{"and"}}},
      {"(?: and )?x (?: or )*y", {}},
      // Case flags, \p and back-references are not read: no clauses.
      {"(?i)\\bits model\\b", {}},
      {"\\p{Lu} model ", {}},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(WholeWordClauses(c.pattern), c.clauses) << c.pattern;
  }
  WordPrefilter filter;
  filter.Build({"\\b(?:its|the) ([A-Z]\\w+) (?:series|models?)\\b", "x and other y"});
  EXPECT_FALSE(filter.unconditional());
  EXPECT_TRUE(filter.MayMatch(PresentBits(filter, "the Zeta model")));
  EXPECT_TRUE(filter.MayMatch(PresentBits(filter, "the other and")));
  EXPECT_TRUE(filter.MayMatch(PresentBits(filter, "the Zeta models.x")));
  EXPECT_FALSE(filter.MayMatch(PresentBits(filter, "the Zeta modelsx")));  // no whole "models"
  EXPECT_FALSE(filter.MayMatch(PresentBits(filter, "its Zeta")));
  EXPECT_FALSE(filter.MayMatch(PresentBits(filter, "Its Zeta series")));  // case-sensitive
  filter.Build({"x and other y", "(?i)model"});
  EXPECT_TRUE(filter.unconditional());
  EXPECT_TRUE(filter.MayMatch(0));
}

// A pattern is left out only where RE2 finds no match of it: every default product pattern
// and some of our own, alone and together, on random texts made of phrases that match them,
// joined and mutated (a byte dropped, added or replaced: a dot, an é, a letter next to a word
// that the pattern bounds), among words that do not.
TEST(WordPrefilter, NeverDropsAPatternThatMatches) {
  Cues cues;
  const auto cues_json = data::EmbeddedFile("cues.json");
  ASSERT_TRUE(cues_json.has_value());
  ASSERT_TRUE(cues.AddJson(*cues_json, "cues.json").ok());
  std::vector<std::string> patterns = cues.product_patterns;
  patterns.insert(patterns.end(), {
                                      "\\b(?:its|the) ([A-Z]\\w+) (?:series|models?)\\b",
                                      "(?:^|, )(?:an?|the) (?:[a-z]+ )?(?:model|chip)(?:[.,]|$)",
                                      "\\b(?:rolled out|began selling) ([A-Z]\\w*)",
                                      "(?:, and )+[A-Z]",
                                      // Ends the pattern does not bound.
                                      "sold (?:a|its) stake",
                                      "(?:Pixel|Nova) ?[0-9]",
                                      "(?:sold|bought) [A-Z]\\w+ stake",
                                  });
  // Phrases of the kinds the patterns look for (our own names).
  const std::vector<std::string> phrases = {"its Zeta9 series",
                                            "the GalaxyS X2 chips",
                                            "launched its new Kestrel7 X",
                                            "unveiled the latest Orbix5",
                                            "Helix9, an AI assistant",
                                            "TerraVox, the new model",
                                            "Norda7 series",
                                            "PixelPro chips",
                                            "iPad Pro",
                                            "iPhone 16 Max",
                                            "Lumen: A cloud service",
                                            "Orbit9: The new chip",
                                            "launched its Arden 5X Pro",
                                            "began selling Vela 9",
                                            "rolled out Vela",
                                            "brands such as Corvo, Lintel and Maren",
                                            "beers including Haldor",
                                            "brews Kettle Gold and Rennet",
                                            "Corvo, Lintel and other brands",
                                            "A-380 superjumbo",
                                            "787 Dreamliner jets",
                                            "its flagship Tarn lager",
                                            "Vesk's premium Hollow beer",
                                            "Vento 3 model",
                                            "its Corvo and Lintel beers",
                                            "their energy drink Zingo",
                                            "its popular vodka Arctic Blue",
                                            "its Marlo X2 smartphones sold",
                                            "whose Orca tablets.",
                                            "the Marlo and Brill phones were",
                                            "unveiled the Strato, a new sedan",
                                            "its Vela, Orca and Brill cars",
                                            ", and Zeta",
                                            "the model.",
                                            "resold a stakes",
                                            "sold its stake",
                                            "Pixel9",
                                            "SuperNova 5",
                                            "resold Vela stakes",
                                            "bought Orca stake"};
  const std::vector<std::string> context = {
      "",         "",  " ",     "the ", "Acme said ", "x",    "9",
      "\xC3\xA9", ".", "U.S. ", "3.5 ", "_",          "its ", "\xE2\x80\xA2 "};
  const std::string mutations[] = {" ", ".", "\xC3\xA9", "a", "Z", "1", "-", ",", "_", "'"};
  WordPrefilter all;
  all.Build(patterns);
  std::vector<WordPrefilter> alone(patterns.size());
  std::vector<std::unique_ptr<RE2>> regexes;
  for (size_t p = 0; p < patterns.size(); ++p) {
    alone[p].Build({patterns[p]});
    regexes.push_back(std::make_unique<RE2>(patterns[p]));
    ASSERT_TRUE(regexes.back()->ok()) << patterns[p];
  }
  std::mt19937 rng(20261129);
  auto pick = [&](const auto& items) { return items[rng() % std::size(items)]; };
  std::vector<int> matched(patterns.size(), 0);
  for (int round = 0; round < 20000; ++round) {
    std::string text = pick(context);
    for (int k = 1 + rng() % 3; k > 0; --k) {
      text += pick(phrases);
      if (k > 1) text += pick(std::vector<std::string>{" ", ", ", "", ". "});
    }
    text += pick(context);
    for (int k = rng() % 3; k > 0 && !text.empty(); --k) {
      const size_t at = rng() % text.size();
      switch (rng() % 3) {
        case 0:
          text.erase(at, 1);
          break;
        case 1:
          text.insert(at, pick(mutations));
          break;
        default:
          text.replace(at, 1, pick(mutations));
      }
    }
    for (size_t p = 0; p < patterns.size(); ++p) {
      if (!RE2::PartialMatch(text, *regexes[p])) continue;
      ++matched[p];
      ASSERT_TRUE(alone[p].MayMatch(PresentBits(alone[p], text))) << patterns[p] << "\n" << text;
      ASSERT_TRUE(all.MayMatch(PresentBits(all, text))) << patterns[p] << "\n" << text;
    }
  }
  // The texts reach most patterns, so the check above is not empty.
  int reached = 0;
  for (const int m : matched) reached += m > 0;
  EXPECT_GE(reached * 4, static_cast<int>(patterns.size()) * 3);
}

}  // namespace
}  // namespace corpgraph::extract::internal
