#include "extract/text_units.h"

#include <gtest/gtest.h>
#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <cctype>
#include <memory>
#include <random>
#include <set>
#include <string>

namespace corpgraph::extract {
namespace {

std::string At(const std::string& text, Span s) { return text.substr(s.start, s.size()); }

// The tokenizer as first written: every code point decoded and classified by ICU.
// Tokenize's ASCII table must give exactly the same tokens and flags.
std::vector<Token> ReferenceTokenize(std::string_view text, Span span) {
  std::vector<Token> tokens;
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t end = static_cast<int32_t>(span.end);
  int32_t i = static_cast<int32_t>(span.start);
  bool line_start = span.start == 0 || text[span.start - 1] == '\n';
  Token current;
  bool in_word = false;
  int letters = 0;
  int upper = 0;
  auto finish_word = [&](int32_t at) {
    if (!in_word) return;
    current.end = static_cast<uint32_t>(at);
    if (letters >= 2 && upper == letters) current.flags |= kAllCaps;
    tokens.push_back(current);
    in_word = false;
  };
  while (i < end) {
    const int32_t at = i;
    UChar32 c;
    U8_NEXT(s, i, end, c);
    if (c < 0) c = 0xFFFD;
    const bool alpha = u_isalpha(c);
    const bool digit = u_isdigit(c);
    const bool mark = u_getCombiningClass(c) != 0 || u_charType(c) == U_NON_SPACING_MARK;
    if (alpha || digit || (mark && in_word)) {
      if (!in_word) {
        current = Token{static_cast<uint32_t>(at), 0, kWord};
        if (line_start) current.flags |= kLineStart;
        if (alpha && u_isupper(c)) current.flags |= kCapital;
        in_word = true;
        letters = upper = 0;
        line_start = false;
      }
      if (alpha) {
        ++letters;
        if (u_isupper(c)) ++upper;
      }
      if (digit) current.flags |= kHasDigit;
      continue;
    }
    if (in_word && c == '.' && i < end) {
      int32_t peek = i;
      UChar32 next;
      U8_NEXT(s, peek, end, next);
      const int32_t prev_len = at - static_cast<int32_t>(current.start);
      if (next >= 0 && (u_isdigit(next) || (u_isupper(next) && prev_len == 1))) continue;
    }
    finish_word(at);
    if (c == '\n') {
      line_start = true;
      continue;
    }
    if (u_isUWhiteSpace(c) || c == 0xFEFF || c == 0x200B || c == 0x200E || c == 0x200F) continue;
    Token punct{static_cast<uint32_t>(at), static_cast<uint32_t>(i), kPunct};
    if (line_start) punct.flags |= kLineStart;
    line_start = false;
    tokens.push_back(punct);
  }
  finish_word(end);
  return tokens;
}

// SplitSentences as first written, on ICU's own sentence iterator ("en@ss=standard")
// over a UTF-8 UText. The byte-level splitter must give exactly the same spans.
bool RefIsSpace(char c) {
  return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\v';
}

void RefAddTrimmed(std::string_view text, uint32_t start, uint32_t end, uint32_t max_bytes,
                   std::vector<Span>& out) {
  while (start < end && RefIsSpace(text[start])) ++start;
  while (end > start && RefIsSpace(text[end - 1])) --end;
  while (end - start > max_bytes) {
    // Cut a runaway sentence at the last whitespace before the limit.
    uint32_t cut = start + max_bytes;
    uint32_t ws = cut;
    while (ws > start + max_bytes / 2 && !RefIsSpace(text[ws])) --ws;
    if (ws > start + max_bytes / 2) cut = ws;
    // Never cut inside a UTF-8 sequence.
    while (cut > start && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    RefAddTrimmed(text, start, cut, max_bytes, out);
    start = cut;
    while (start < end && RefIsSpace(text[start])) ++start;
  }
  if (end > start) out.push_back({start, end});
}

bool RefEndsWithAbbreviation(std::string_view sentence) {
  static const char* const kAbbreviations[] = {
      "Inc.", "Ltd.", "Corp.", "Co.",   "Cos.", "Bhd.", "Plc.",    "Bros.", "Pty.",
      "Pte.", "Jr.",  "Sr.",   "St.",   "No.",  "Gen.", "Gov.",    "Sen.",  "Rep.",
      "Lt.",  "Col.", "Capt.", "Prof.", "Rev.", "Hon.", "Messrs.", "vs.",   "approx.",
      "Jan.", "Feb.", "Aug.",  "Sept.", "Sep.", "Oct.", "Nov.",    "Dec.",  "S.A.",
      "N.V.", "L.P.", "Mr.",   "Mrs.",  "Ms.",  "Dr."};
  for (const char* abbreviation : kAbbreviations) {
    const std::string_view a(abbreviation);
    if (sentence.size() < a.size() || sentence.substr(sentence.size() - a.size()) != a) continue;
    // A whole word: "Inc." but not "Zinc."
    if (sentence.size() == a.size()) return true;
    const char before = sentence[sentence.size() - a.size() - 1];
    if (before == ' ' || before == '\n' || before == '(' || before == ',') return true;
  }
  return false;
}

// True if `next` opens with a capitalised word that is not a common sentence opener.
bool RefGoesOnWithAName(std::string_view next) {
  static const std::set<std::string, std::less<>> kOpeners = {
      "The",   "A",     "An",    "It",      "Its",       "He",     "She",   "His",   "Her",
      "They",  "Their", "We",    "Our",     "I",         "This",   "That",  "In",    "On",
      "At",    "But",   "And",   "As",      "For",       "If",     "When",  "There", "While",
      "After", "These", "Those", "Some",    "Many",      "Most",   "Such",  "So",    "Yet",
      "Still", "Also",  "Now",   "However", "Meanwhile", "Shares", "Sales", "Last",  "Next",
      "By",    "With",  "Since", "Before",  "During",    "Under",  "Over",  "From",  "To",
      "Both",  "Each",  "All",   "No",      "Not",       "One",    "Two",   "You",   "Analysts"};
  std::string word;
  for (const char c : next) {
    if (c == ' ' || c == '\n' || c == '.' || c == ',' || c == ';' || c == ':') break;
    word.push_back(c);
  }
  return !word.empty() && std::isupper(static_cast<unsigned char>(word[0])) &&
         kOpeners.count(word) == 0;
}

// A name's initial ("Lee J. Harmon", "( J. Harmon"): the first part ends in " X." after a
// capitalised word, "(", "," or ";", and the next opens with a capitalised word that is not
// a common sentence opener.
bool RefEndsWithInitial(std::string_view sentence, std::string_view next) {
  const std::string s(sentence);
  // The initial alone ("K. Quillby ..." at the text's start).
  if (s.size() == 2) {
    return std::isupper(static_cast<unsigned char>(s[0])) && s[1] == '.' &&
           RefGoesOnWithAName(next);
  }
  if (s.size() < 4) return false;
  const std::string tail = s.substr(s.size() - 3);
  if (tail[0] != ' ' || !std::isupper(static_cast<unsigned char>(tail[1])) || tail[2] != '.') {
    return false;
  }
  std::string before = s.substr(0, s.size() - 3);
  const size_t cut = before.find_last_of(" \n");
  if (cut != std::string::npos) before = before.substr(cut + 1);
  if (before.empty()) return false;
  // ... or one of a few lower-case words names follow ("said J. Harmon", "chairman N. Rao").
  static const std::set<std::string> kLeads = {
      "said",    "says",     "by",         "and",       "with",     "of",
      "told",    "chairman", "chairwoman", "president", "director", "executive",
      "officer", "founder",  "analyst",    "minister",  "manager",  "economist"};
  if (!std::isupper(static_cast<unsigned char>(before[0])) && before != "(" && before != "," &&
      before != ";" && kLeads.count(before) == 0) {
    return false;
  }
  return RefGoesOnWithAName(next);
}

// "U.S. Quarry", "H.K. Larsen": the first part ends in a word of two or more capital-period
// pairs, and the next goes on as RefEndsWithInitial's does.
bool RefEndsWithInitialsBeforeName(std::string_view sentence, std::string_view next) {
  const std::string s(sentence);
  const size_t cut = s.find_last_of(" \n(");
  const std::string word = cut == std::string::npos ? s : s.substr(cut + 1);
  if (word.size() < 4 || word.size() % 2 != 0) return false;
  for (size_t i = 0; i < word.size(); i += 2) {
    if (!std::isupper(static_cast<unsigned char>(word[i])) || word[i + 1] != '.') return false;
  }
  return RefGoesOnWithAName(next);
}

// "004940." then "KS, said": a bare ticker with a digit in its symbol, split by UAX #29.
bool RefSplitsATicker(std::string_view sentence, std::string_view next) {
  const std::string s(sentence);
  if (s.size() < 3 || s.back() != '.') return false;
  const size_t cut = s.find_last_of(" \n(", s.size() - 2);
  std::string symbol = s.substr(cut == std::string::npos ? 0 : cut + 1);
  symbol.pop_back();
  if (!symbol.empty() && std::islower(static_cast<unsigned char>(symbol.back()))) symbol.pop_back();
  if (symbol.size() < 2 || symbol.size() > 7) return false;
  bool digit = false;
  for (const char c : symbol) {
    if (!std::isdigit(static_cast<unsigned char>(c)) &&
        !std::isupper(static_cast<unsigned char>(c)))
      return false;
    digit = digit || std::isdigit(static_cast<unsigned char>(c));
  }
  const std::string n(next);
  size_t caps = 0;
  while (caps < n.size() && std::isupper(static_cast<unsigned char>(n[caps]))) ++caps;
  if (!digit || caps == 0 || caps > 3) return false;
  if (caps < n.size() && std::isalnum(static_cast<unsigned char>(n[caps]))) return false;
  return !(caps == 1 && (n[0] == 'A' || n[0] == 'I'));
}

std::vector<Span> ReferenceSplitSentences(std::string_view text,
                                          uint32_t max_sentence_bytes = 4000) {
  std::vector<Span> out;
  if (text.empty()) return out;
  UErrorCode status = U_ZERO_ERROR;
  // Created once: creating an ICU break iterator costs milliseconds.
  static icu::BreakIterator* const it =
      icu::BreakIterator::createSentenceInstance(icu::Locale("en@ss=standard"), status);
  UText* ut = it ? utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status)
                 : nullptr;
  if (!it || U_FAILURE(status)) {
    RefAddTrimmed(text, 0, static_cast<uint32_t>(text.size()), max_sentence_bytes, out);
    if (ut) utext_close(ut);
    return out;
  }
  it->setText(ut, status);
  // With a UTF-8 UText, ICU reports native (byte) indices.
  int32_t start = it->first();
  for (int32_t end = it->next(); end != icu::BreakIterator::DONE; start = end, end = it->next()) {
    RefAddTrimmed(text, static_cast<uint32_t>(start), static_cast<uint32_t>(end),
                  max_sentence_bytes, out);
  }
  utext_close(ut);
  // Rejoin splits after an abbreviation, inside an open parenthesis ("( BANP.BK )"), or
  // before a sentence that opens with a parenthesis.
  auto unclosed_paren = [&](Span s) {
    int depth = 0;
    for (uint32_t i = s.start; i < s.end; ++i) {
      if (text[i] == '(') ++depth;
      if (text[i] == ')' && depth > 0) --depth;
    }
    return depth > 0;
  };
  auto blank_line = [&](uint32_t from, uint32_t to) {
    int newlines = 0;
    for (uint32_t i = from; i < to; ++i) newlines += text[i] == '\n';
    return newlines >= 2;
  };
  std::vector<Span> merged;
  for (const Span& span : out) {
    if (!merged.empty() && merged.back().end <= span.start &&
        !blank_line(merged.back().end, span.start) &&
        (RefEndsWithAbbreviation(text.substr(merged.back().start, merged.back().size())) ||
         RefEndsWithInitial(text.substr(merged.back().start, merged.back().size()),
                            text.substr(span.start, span.size())) ||
         RefEndsWithInitialsBeforeName(text.substr(merged.back().start, merged.back().size()),
                                       text.substr(span.start, span.size())) ||
         (merged.back().end == span.start &&
          RefSplitsATicker(text.substr(merged.back().start, merged.back().size()),
                           text.substr(span.start, span.size()))) ||
         text[span.start] == '(' || unclosed_paren(merged.back())) &&
        span.end - merged.back().start <= max_sentence_bytes) {
      merged.back().end = span.end;
      continue;
    }
    merged.push_back(span);
  }
  return merged;
}

std::string Joined(const std::string& text, const std::vector<Span>& spans) {
  std::string out;
  for (const Span& s : spans) out += "[" + At(text, s) + "]";
  return out;
}

std::string Describe(std::string_view text, const std::vector<Token>& tokens) {
  std::string out;
  for (const Token& t : tokens) {
    out += "[" + std::string(text.substr(t.start, t.end - t.start)) + "|" +
           std::to_string(t.flags) + "]";
  }
  return out;
}

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

struct SplitCase {
  const char* text;
  std::vector<std::string> sentences;
};

TEST(SplitSentences, NewsTextTable) {
  static const SplitCase kCases[] = {
      {"Quill Networks Inc. said on Monday its U.S. unit grew 3.5% to $2.1 billion. Shares rose.",
       {"Quill Networks Inc. said on Monday its U.S. unit grew 3.5% to $2.1 billion.",
        "Shares rose."}},
      {"Revenue was 3.5 billion yuan. Profit doubled to $2.1 billion.\nNext line.",
       {"Revenue was 3.5 billion yuan.", "Profit doubled to $2.1 billion.", "Next line."}},
      {"\"We will grow,\" she said. \"Demand is strong.\" The firm agreed.",
       {"\"We will grow,\" she said.", "\"Demand is strong.\"", "The firm agreed."}},
      {"Sales fell... Then they recovered. Really?! Yes.",
       {"Sales fell...", "Then they recovered.", "Really?!", "Yes."}},
      {"T\xC3\xBCrkiye's lira fell. S\xC3\xA3o Paulo shares rose. \xC3\x89mile Roux left.",
       {"T\xC3\xBCrkiye's lira fell.", "S\xC3\xA3o Paulo shares rose.", "\xC3\x89mile Roux left."}},
      // Two sentences in Chinese, ended by U+3002 IDEOGRAPHIC FULL STOP.
      {"\xE5\x8F\xB8\xE5\xBE\x92\xE5\x8F\x91\xE5\xB8\x83\xE3\x80\x82\xE8\x82\xA1\xE4\xBB\xB7"
       "\xE4\xB8\x8A\xE6\xB6\xA8\xE3\x80\x82",
       {"\xE5\x8F\xB8\xE5\xBE\x92\xE5\x8F\x91\xE5\xB8\x83\xE3\x80\x82",
        "\xE8\x82\xA1\xE4\xBB\xB7\xE4\xB8\x8A\xE6\xB6\xA8\xE3\x80\x82"}},
      {"NORTHWIND POSTS RECORD PROFIT\nQuill Shares Slip In Early Trade\nThe body starts here.",
       {"NORTHWIND POSTS RECORD PROFIT", "Quill Shares Slip In Early Trade",
        "The body starts here."}},
      {"Dr. Ana Reyes joined Quill Corp. in Jan. 2024. She leads sales.",
       {"Dr. Ana Reyes joined Quill Corp. in Jan. 2024.", "She leads sales."}},
      {"It rose (see Fig. 2). Analysts (led by J. Wu.) agreed. Done.",
       {"It rose (see Fig. 2).", "Analysts (led by J. Wu.) agreed.", "Done."}},
      // A blank line ends a paragraph even after an abbreviation.
      {"Quill Networks Inc.\n\nShares rose on Monday.",
       {"Quill Networks Inc.", "Shares rose on Monday."}},
      {"Quill Networks Inc.\nShares rose on Monday.",
       {"Quill Networks Inc.\nShares rose on Monday."}},
      {"Prices rose 4 p.m. on Friday. Trading closed.",
       {"Prices rose 4 p.m. on Friday.", "Trading closed."}},
      // A name's initial does not end a sentence; "Plan B." before "The" still does.
      {"Director Lee J. Harmon resigned. Shares fell.",
       {"Director Lee J. Harmon resigned.", "Shares fell."}},
      {"Analysts backed Plan B. The board agreed.",
       {"Analysts backed Plan B.", "The board agreed."}},
      {"Revenue came from unit C. Margins fell.", {"Revenue came from unit C.", "Margins fell."}},
      // After a few lower-case words that names follow, and at the text's start.
      {"Tarn Group chairman N. Quillby spoke. Shares fell.",
       {"Tarn Group chairman N. Quillby spoke.", "Shares fell."}},
      {"K. Quillby said on Monday that sales rose.",
       {"K. Quillby said on Monday that sales rose."}},
      {"Sales rose, said J. Ostrow. The board agreed.",
       {"Sales rose, said J. Ostrow.", "The board agreed."}},
      {"Kestrel 210 ( J. Harmon 63 , K. Ostrow 40 ) won.",
       {"Kestrel 210 ( J. Harmon 63 , K. Ostrow 40 ) won."}},
      // A country's or a firm's initials before a capitalised name do not end a sentence;
      // before a word that opens sentences they still do.
      {"Lumen Foods agreed to buy U.S. Quarry for $2 billion. Shares rose.",
       {"Lumen Foods agreed to buy U.S. Quarry for $2 billion.", "Shares rose."}},
      {"A judge at the U.S. District Court ruled on Monday.",
       {"A judge at the U.S. District Court ruled on Monday."}},
      {"Rival H.K. Larsen Co cut prices, and J.C. Brennan followed.",
       {"Rival H.K. Larsen Co cut prices, and J.C. Brennan followed."}},
      {"Sales grew in the U.S. The company said margins fell.",
       {"Sales grew in the U.S.", "The company said margins fell."}},
      {"Sales grew in the U.K. Shares rose 2 percent.",
       {"Sales grew in the U.K.", "Shares rose 2 percent."}},
      // A bare ticker whose symbol has a digit stays in its sentence; a year before a word
      // with no space after its period still ends one.
      {"Shares of Kestrel Bank 004940.KS rose 2 percent. Trading was thin.",
       {"Shares of Kestrel Bank 004940.KS rose 2 percent.", "Trading was thin."}},
      {"Tarn Motors 7203.T, Ostra Steel 2002.TW and Vell Co VELLb.ST fell.",
       {"Tarn Motors 7203.T, Ostra Steel 2002.TW and Vell Co VELLb.ST fell."}},
      {"Profit doubled in 2011.A spokesman declined to comment.",
       {"Profit doubled in 2011.", "A spokesman declined to comment."}},
      {"Profit doubled in 2011.The company said so.",
       {"Profit doubled in 2011.", "The company said so."}},
  };
  for (const SplitCase& c : kCases) {
    const std::string text(c.text);
    std::vector<std::string> got;
    for (const Span& s : SplitSentences(text)) got.push_back(At(text, s));
    EXPECT_EQ(got, c.sentences) << c.text
                                << "\n  reference: " << Joined(text, ReferenceSplitSentences(text));
  }
}

TEST(SplitSentences, MatchesTheIcuReferenceOnRandomText) {
  // Pieces chosen to exercise every rule: terminators, closing quotes and brackets,
  // spaces, line breaks, digits, capitals, lower case, abbreviations ICU suppresses
  // ("Mr.", "U.S.", "Ph.D.") or we rejoin ("Inc."), multi-byte letters, an Extend mark,
  // U+2028 LINE SEPARATOR, U+3002 IDEOGRAPHIC FULL STOP and a curly closing quote.
  static const char* const kPieces[] = {"Word",
                                        "word",
                                        " ",
                                        "  ",
                                        ".",
                                        "!",
                                        "?",
                                        "\"",
                                        ")",
                                        "(",
                                        "'",
                                        ",",
                                        ";",
                                        ":",
                                        "-",
                                        "\n",
                                        "\r\n",
                                        "3",
                                        "4.5",
                                        "Mr.",
                                        "U.S.",
                                        "Ph.D.",
                                        "e.g.",
                                        "U.",
                                        "Inc.",
                                        "etc.",
                                        "p.m.",
                                        "\t",
                                        "\xC3\xA9",
                                        "\xC3\x89",
                                        "\xCC\x81",
                                        "\xE2\x80\xA8",
                                        "A",
                                        "a",
                                        "\xE3\x80\x82",
                                        "\xE2\x80\x9D",
                                        "\xC2\xA0",
                                        "\xEF\xBC\x8E",
                                        "\xFF",
                                        "0049",
                                        "KS",
                                        "T"};
  std::mt19937 rng(424242);
  for (int round = 0; round < 5000; ++round) {
    std::string text;
    const int pieces = 1 + static_cast<int>(rng() % 40);
    for (int k = 0; k < pieces; ++k) text += kPieces[rng() % std::size(kPieces)];
    const uint32_t max_bytes = round % 3 == 0 ? 40 : 4000;
    ASSERT_EQ(Joined(text, SplitSentences(text, max_bytes)),
              Joined(text, ReferenceSplitSentences(text, max_bytes)))
        << text;
  }
}

TEST(SplitSentences, MatchesTheIcuReferenceOnAnArticle) {
  const std::string article =
      "SHANGHAI, March 3 (Reuters) - Quill Networks Ltd. said on Tuesday it would buy "
      "Northwind Holdings for $2.1 billion, its biggest deal since 2019.\n\n"
      "\"This is a big step,\" Chief Executive Ana Reyes told reporters. \"We expect "
      "growth of 3.5 percent.\" Shares rose 4% in Hong Kong... Analysts at Ph.D.-level "
      "research firms were upbeat! Were they right? Time will tell.\n"
      "The U.S. market, where Mr. Reyes worked, remains key (about 40% of sales). The "
      "U.S. Federal Reserve, Quill Corp.( QLL.N ) and Northwind Co. (NWD) agreed.\n"
      "S\xC3\xA3o Paulo and T\xC3\xBCrkiye follow. \xE5\x8F\xB8\xE5\xBE\x92\xE3\x80\x82 End";
  for (const std::string& text : {article, article + article, "\n" + article + " x."}) {
    const auto spans = SplitSentences(text);
    EXPECT_GT(spans.size(), 10u);
    EXPECT_EQ(Joined(text, spans), Joined(text, ReferenceSplitSentences(text)));
  }
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

TEST(Tokenize, MatchesTheIcuReferenceOnMixedText) {
  static const char* const kCases[] = {
      "Alibaba's U.S. unit, AIDC, sold 3.5 units\xE2\x80\x94"
      "fast.",
      "T\xC3\xBCrkiye and S\xC3\xA3o Paulo: \xC3\x89LYS\xC3\x89"
      "E SA rose 4.2%.",
      "\xE4\xB8\xAD\xE5\x9B\xBD\xE7\xA7\xBB\xE5\x8A\xA8 (China Mobile) \xE3\x80\x82 ok",
      "Cafe\xCC\x81 Nero\tbought\x0B\x0C\rCo.\nNEW LINE\n\n\xC2\xA0x\xE2\x80\x8By",
      "A.B.C. a.b U.\xC3\x9C. 1.\xD9\xA3 x.\xF0\x9D\x90\x80 \x01\x1F\x7F end.",
      "bad \xFF\xC3 bytes \xE2\x82 and \xF0\x9F\x98\x80 emoji \xEF\xBB\xBF"
      "BOM",
      "\xCC\x81leading mark, \xE0\xA4\xB9\xE0\xA4\xBF\xE0\xA4\x82\xE0\xA4\xA6\xE0\xA5\x80 Hindi",
  };
  for (const char* c : kCases) {
    const std::string text(c);
    for (uint32_t from : {0u, 1u, 3u}) {
      if (from > text.size()) continue;
      const Span span{from, static_cast<uint32_t>(text.size())};
      EXPECT_EQ(Describe(text, Tokenize(text, span)), Describe(text, ReferenceTokenize(text, span)))
          << c << " from " << from;
    }
  }
}

TEST(Tokenize, MatchesTheIcuReferenceOnRandomBytes) {
  // Random mixes of ASCII, multi-byte letters, marks, digits and broken sequences.
  static const char* const kPieces[] = {"a",
                                        "Z",
                                        "7",
                                        ".",
                                        " ",
                                        "\n",
                                        ",",
                                        "'",
                                        "\xC3\xBC",
                                        "\xC3\x9C",
                                        "\xCC\x81",
                                        "\xD9\xA3",
                                        "\xE4\xB8\xAD",
                                        "\xE2\x80\x8B",
                                        "\xC2\xA0",
                                        "\xFF",
                                        "\xC3",
                                        "\xF0\x9F\x98\x80",
                                        "\t",
                                        "-"};
  std::mt19937 rng(20261127);
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    const int pieces = 1 + static_cast<int>(rng() % 24);
    for (int k = 0; k < pieces; ++k) text += kPieces[rng() % std::size(kPieces)];
    const uint32_t from = static_cast<uint32_t>(rng() % (text.size() + 1));
    const Span span{from, static_cast<uint32_t>(text.size())};
    ASSERT_EQ(Describe(text, Tokenize(text, span)), Describe(text, ReferenceTokenize(text, span)))
        << text;
  }
}

// The tokenizer reads ASCII words eight bytes at a time: long runs of word characters, every
// ASCII byte as the one that ends a run, a non-ASCII byte inside a word, and spans that end
// before the text does (nothing past the span may count).
TEST(Tokenize, MatchesTheIcuReferenceOnLongAsciiWords) {
  std::mt19937 rng(20261129);
  const std::string alnum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  for (int round = 0; round < 4000; ++round) {
    std::string text;
    const int pieces = 1 + static_cast<int>(rng() % 8);
    for (int k = 0; k < pieces; ++k) {
      const size_t run = rng() % 20;
      for (size_t j = 0; j < run; ++j) text += alnum[rng() % alnum.size()];
      switch (rng() % 4) {
        case 0:
          text += static_cast<char>(rng() % 128);  // any ASCII byte, word character or not
          break;
        case 1:
          text += "\xC3\xBC";  // a letter outside ASCII
          break;
        case 2:
          text += '.';
          break;
        default:
          text += ' ';
      }
    }
    const uint32_t from = static_cast<uint32_t>(rng() % (text.size() + 1));
    const uint32_t to = from + static_cast<uint32_t>(rng() % (text.size() - from + 1));
    const Span span{from, to};
    ASSERT_EQ(Describe(text, Tokenize(text, span)), Describe(text, ReferenceTokenize(text, span)))
        << text << " [" << from << ", " << to << ")";
  }
}

}  // namespace
}  // namespace corpgraph::extract
