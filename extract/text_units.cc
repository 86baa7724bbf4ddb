#include "extract/text_units.h"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <memory>

namespace corpgraph::extract {
namespace {

// One prototype iterator per process, cloned once per thread: creating an ICU
// break iterator costs far more than splitting a typical article.
icu::BreakIterator* ThreadSentenceIterator() {
  static const icu::BreakIterator* prototype = [] {
    UErrorCode status = U_ZERO_ERROR;
    icu::BreakIterator* it =
        icu::BreakIterator::createSentenceInstance(icu::Locale("en@ss=standard"), status);
    if (U_FAILURE(status)) {
      status = U_ZERO_ERROR;
      it = icu::BreakIterator::createSentenceInstance(icu::Locale::getEnglish(), status);
    }
    return U_FAILURE(status) ? nullptr : it;
  }();
  thread_local std::unique_ptr<icu::BreakIterator> local(prototype ? prototype->clone() : nullptr);
  return local.get();
}

bool IsSpace(char c) {
  return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\v';
}

void AddTrimmed(std::string_view text, uint32_t start, uint32_t end, uint32_t max_bytes,
                std::vector<Span>& out) {
  while (start < end && IsSpace(text[start])) ++start;
  while (end > start && IsSpace(text[end - 1])) --end;
  while (end - start > max_bytes) {
    // Cut a runaway sentence at the last whitespace before the limit.
    uint32_t cut = start + max_bytes;
    uint32_t ws = cut;
    while (ws > start + max_bytes / 2 && !IsSpace(text[ws])) --ws;
    if (ws > start + max_bytes / 2) cut = ws;
    // Never cut inside a UTF-8 sequence.
    while (cut > start && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    AddTrimmed(text, start, cut, max_bytes, out);
    start = cut;
    while (start < end && IsSpace(text[start])) ++start;
  }
  if (end > start) out.push_back({start, end});
}

// Abbreviations after which ICU's English rules end a sentence although news
// continues it: "Bharti Enterprises Ltd. Chairman Sunil Mittal said".
bool EndsWithAbbreviation(std::string_view sentence) {
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

}  // namespace

std::vector<Span> SplitSentences(std::string_view text, uint32_t max_sentence_bytes) {
  std::vector<Span> out;
  if (text.empty()) return out;
  icu::BreakIterator* it = ThreadSentenceIterator();
  UErrorCode status = U_ZERO_ERROR;
  UText* ut = it ? utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status)
                 : nullptr;
  if (!it || U_FAILURE(status)) {
    AddTrimmed(text, 0, static_cast<uint32_t>(text.size()), max_sentence_bytes, out);
    if (ut) utext_close(ut);
    return out;
  }
  it->setText(ut, status);
  // With a UTF-8 UText, ICU reports native (byte) indices.
  int32_t start = it->first();
  for (int32_t end = it->next(); end != icu::BreakIterator::DONE; start = end, end = it->next()) {
    AddTrimmed(text, static_cast<uint32_t>(start), static_cast<uint32_t>(end), max_sentence_bytes,
               out);
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
  std::vector<Span> merged;
  for (const Span& span : out) {
    if (!merged.empty() && merged.back().end <= span.start &&
        (EndsWithAbbreviation(text.substr(merged.back().start, merged.back().size())) ||
         text[span.start] == '(' || unclosed_paren(merged.back())) &&
        span.end - merged.back().start <= max_sentence_bytes) {
      merged.back().end = span.end;
      continue;
    }
    merged.push_back(span);
  }
  return merged;
}

std::vector<Token> Tokenize(std::string_view text, Span span) {
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
    // "U.S" and "3.5" stay one token: a '.' between two word characters joins them.
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

}  // namespace corpgraph::extract
