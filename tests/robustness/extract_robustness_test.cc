// Hostile inputs through the extractor: a huge single-line document, a 100k-comma
// sentence, zero-width and right-to-left characters, and a 50k-entry user lexicon.
// Behaviour: Extract always completes; sentences stay within the 4000-byte cap and
// on UTF-8 boundaries; every span indexes the text and every mention's text equals
// its bytes.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/records.h"
#include "common/text.h"
#include "extract/extractor.h"
#include "extract/rules.h"
#include "extract/text_units.h"
#include "tests/robustness/test_util.h"

namespace corpgraph::robustness {
namespace {

using extract::Extractor;

const Extractor& DefaultExtractor() {
  static const Extractor* extractor = [] {
    auto created = Extractor::Create({});
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    return created.ok() ? std::move(created).value().release() : nullptr;
  }();
  return *extractor;
}

bool IsContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Checks the extract output contract on `x` for `text`; returns the number of problems.
void ExpectValidExtraction(std::string_view text, const Extraction& x) {
  for (const Entity& e : x.entities) {
    for (const Mention& m : e.mentions) {
      ASSERT_LE(m.span.start, m.span.end) << e.id;
      ASSERT_LE(m.span.end, text.size()) << e.id;
      EXPECT_EQ(text.substr(m.span.start, m.span.size()), m.text) << e.id;
    }
  }
  for (const Fact& f : x.facts) {
    const Evidence& ev = f.evidence;
    ASSERT_LE(ev.sentence_span.end, text.size());
    EXPECT_LE(ev.sentence_span.size(), 4000u);
    EXPECT_EQ(text.substr(ev.sentence_span.start, ev.sentence_span.size()), ev.sentence);
    EXPECT_LE(ev.subject_span.end, text.size());
    EXPECT_LE(ev.object_span.end, text.size());
  }
}

void ExpectValidSentences(std::string_view text, const std::vector<Span>& sentences) {
  uint32_t previous_end = 0;
  for (const Span& s : sentences) {
    ASSERT_LT(s.start, s.end);
    ASSERT_LE(s.end, text.size());
    ASSERT_LE(s.size(), 4000u) << "sentence at " << s.start;
    ASSERT_GE(s.start, previous_end) << "sentences overlap at " << s.start;
    ASSERT_FALSE(IsContinuationByte(text[s.start])) << "sentence starts inside a character";
    if (s.end < text.size()) {
      ASSERT_FALSE(IsContinuationByte(text[s.end])) << "sentence ends inside a character";
    }
    previous_end = s.end;
  }
}

bool HasEntityNamed(const Extraction& x, std::string_view id) {
  for (const Entity& e : x.entities) {
    if (e.id == id) return true;
  }
  return false;
}

TEST(HugeDocument, SingleLineCompletesWithCappedSentences) {
  // One line, no sentence punctuation at all (so ICU sees a single sentence of
  // kHugeDocumentBytes), with multibyte characters and one 20 KB run without spaces.
  const std::string chunk =
      "Alibaba partnered with Apple on cloud services in China while Siemens "
      "said its Munich \xE2\x80\x94 Zurich unit \xE6\x9D\xB1\xE4\xBA\xAC grew ";
  std::string text;
  text.reserve(kHugeDocumentBytes + chunk.size() + 30000);
  text += std::string(10000, 'x') + "\xC3\xA9" + std::string(10000, 'y') + " ";
  while (text.size() < kHugeDocumentBytes) text += chunk;
  ASSERT_EQ(text.find('\n'), std::string::npos);
  ASSERT_TRUE(IsValidUtf8(text));

  const std::vector<Span> sentences = extract::SplitSentences(text);
  ExpectValidSentences(text, sentences);
  EXPECT_GE(sentences.size(), text.size() / 4000);

  Document doc{.id = "huge", .text = text};
  const Extraction x = DefaultExtractor().Extract(doc);
  ExpectValidExtraction(text, x);
  EXPECT_TRUE(HasEntityNamed(x, "org:alibaba"));
  EXPECT_TRUE(HasEntityNamed(x, "org:apple"));
}

TEST(HugeDocument, LongRunWithoutSpacesIsCutOnCharacterBoundaries) {
  // 3-byte characters only: a cut at exactly 4000 bytes would split one.
  std::string text;
  while (text.size() < 50000) text += "\xE6\x9D\xB1";
  const std::vector<Span> sentences = extract::SplitSentences(text);
  ExpectValidSentences(text, sentences);
  uint64_t covered = 0;
  for (const Span& s : sentences) covered += s.size();
  EXPECT_EQ(covered, text.size()) << "no bytes of a space-free run are dropped";
}

TEST(CommaSentence, HundredThousandCommasComplete) {
  // "Contoso, Contoso, ... and Fabrikam partnered with Alibaba." in one sentence.
  std::string text;
  for (int i = 0; i < 100000; ++i) text += i % 2 == 0 ? "Apple, " : "Samsung, ";
  text += "and Siemens partnered with Alibaba.";
  const std::vector<Span> sentences = extract::SplitSentences(text);
  ExpectValidSentences(text, sentences);

  Document doc{.id = "commas", .text = text};
  const Extraction x = DefaultExtractor().Extract(doc);
  ExpectValidExtraction(text, x);
  EXPECT_TRUE(HasEntityNamed(x, "org:alibaba"));

  // Tokenizing the whole span (ignoring the sentence cap) stays linear: one token
  // per word and per comma.
  const std::vector<extract::Token> tokens =
      extract::Tokenize(text, Span{0, static_cast<uint32_t>(text.size())});
  EXPECT_GE(tokens.size(), 200000u);
}

TEST(CommaSentence, RuleListSlotOverHundredThousandPlaceholders) {
  // The {ORGS:o} list slot over a masked sentence with 100k coordinated
  // placeholders: RE2 is linear, so this must finish and list them.
  extract::RuleSet rules;
  ASSERT_TRUE(rules
                  .AddJson(R"({"rules": [{"id": "p", "relation": "partner_of",
                     "pattern": "{ORG:s} partnered with {ORGS:o}"}]})",
                           "test.json")
                  .ok());
  ASSERT_TRUE(rules.Compile().ok());
  std::string masked;
  extract::AppendPlaceholder(EntityType::kOrganization, 0, masked);
  masked += " partnered with ";
  for (size_t i = 1; i <= 100000; ++i) {
    if (i > 1) masked += ", ";
    extract::AppendPlaceholder(EntityType::kOrganization, i, masked);
  }
  std::vector<extract::RuleMatch> matches;
  rules.Match(masked, matches);
  ASSERT_FALSE(matches.empty());
  EXPECT_EQ(matches[0].subjects, std::vector<size_t>{0});
  EXPECT_EQ(matches[0].objects.size(), 100000u);
}

TEST(InvisibleCharacters, ZeroWidthAndBidiMarksAroundNames) {
  // U+200B zero width space, U+200F right-to-left mark, U+202E RTL override,
  // U+2066/U+2069 isolates, U+FEFF BOM, U+200D ZWJ, and Arabic text nearby.
  const std::vector<std::string> texts = {
      "\xE2\x80\x8B"
      "Alibaba\xE2\x80\x8B partnered with Apple.",
      "\xE2\x80\x8F"
      "Alibaba\xE2\x80\x8F partnered with \xE2\x80\x8F"
      "Apple\xE2\x80\x8F.",
      "\xE2\x80\xAE"
      "Alibaba partnered with Apple\xE2\x80\xAC in \xD8\xAF\xD8\xA8\xD9\x8A.",
      "\xE2\x81\xA6"
      "Alibaba\xE2\x81\xA9 partnered with \xEF\xBB\xBF"
      "Apple.",
      "Ali\xE2\x80\x8D"
      "baba partnered with Apple.",
  };
  for (const std::string& text : texts) {
    SCOPED_TRACE(text);
    Document doc{.id = "bidi", .text = text};
    const Extraction x = DefaultExtractor().Extract(doc);
    ExpectValidExtraction(text, x);
    ExpectValidSentences(text, extract::SplitSentences(text));
    // Apple is always delimited by characters that are not letters.
    EXPECT_TRUE(HasEntityNamed(x, "org:apple"));
  }
}

TEST(InvisibleCharacters, MarksDirectlyAroundNamesStillFindThem) {
  // Format characters (Cf) next to a name must not hide it.
  const std::string text =
      "\xE2\x80\x8F"
      "Alibaba\xE2\x80\x8F partnered with \xE2\x80\x8B"
      "Apple\xE2\x80\x8B.";
  Document doc{.id = "bidi", .text = text};
  const Extraction x = DefaultExtractor().Extract(doc);
  ExpectValidExtraction(text, x);
  EXPECT_TRUE(HasEntityNamed(x, "org:alibaba"));
  EXPECT_TRUE(HasEntityNamed(x, "org:apple"));
}

TEST(HugeLexicon, FiftyThousandEntriesLoadInBoundedTimeAndMatch) {
  TempDir dir;
  std::string json = "{\"entities\": [\n";
  for (int i = 0; i < 50000; ++i) {
    if (i > 0) json += ",\n";
    const std::string n = std::to_string(i);
    json += "{\"id\": \"org:zq-widget-" + n + "\", \"name\": \"Zqwidget" + n +
            " Holdings\", \"type\": \"organization\", \"subtype\": \"company\", \"aliases\": "
            "[\"Zqwidget" +
            n + " Corp\"], \"hq\": \"place:CN\"}";
  }
  json += "\n]}\n";
  const std::string path = dir.Write("big_lexicon.json", json);

  const auto started = std::chrono::steady_clock::now();
  auto created = Extractor::Create({.lexicon_files = {path}});
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  // Generous bound (sanitizer builds are ~10x slower); a quadratic loader takes minutes.
  EXPECT_LT(seconds, 60.0);

  const std::string text = "Zqwidget49999 Holdings partnered with Zqwidget7 Corp in 2025.";
  Document doc{.id = "lex", .text = text};
  const Extraction x = (*created)->Extract(doc);
  ExpectValidExtraction(text, x);
  EXPECT_TRUE(HasEntityNamed(x, "org:zq-widget-49999"));
  EXPECT_TRUE(HasEntityNamed(x, "org:zq-widget-7"));
}

}  // namespace
}  // namespace corpgraph::robustness
