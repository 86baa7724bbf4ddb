// extract/text_units.h — sentences and tokens with byte offsets.
//
//   std::vector<Span> sentences = SplitSentences(doc.text);
//   std::vector<Token> tokens = Tokenize(doc.text, sentences[0]);
//
// Offsets are byte offsets into the text given. Both read the UTF-8 bytes
// directly (ASCII through tables, other code points through ICU's character
// properties) and give exactly what ICU's sentence iterator and a per-code-point
// ICU classification gave before (tests/extract/text_units_test.cc keeps those as
// references). Thread-safe.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "common/records.h"

namespace corpgraph::extract {

enum TokenFlags : uint8_t {
  kWord = 1,       // letters and/or digits
  kCapital = 2,    // first character is an upper-case letter
  kAllCaps = 4,    // every letter is upper case and there are at least two
  kHasDigit = 8,   // contains a digit
  kPunct = 16,     // a single punctuation or symbol character
  kLineStart = 32  // first token after a line break (or of the text)
};

struct Token {
  uint32_t start = 0;
  uint32_t end = 0;
  uint8_t flags = 0;
  bool is(uint8_t f) const { return (flags & f) != 0; }
};

// Sentence spans: Unicode's sentence boundary rules (UAX #29) with ICU's English
// abbreviation suppressions ("en@ss=standard": "Mr.", "Dr.", "Prof.", ...),
// rejoined after corporate abbreviations ("Ltd.", "Corp.") and inside an open
// parenthesis; trimmed of surrounding whitespace, never empty, never longer than
// `max_sentence_bytes` (longer ones are cut at whitespace). Every line break ends a
// sentence, so headlines on their own lines are sentences.
std::vector<Span> SplitSentences(std::string_view text, uint32_t max_sentence_bytes = 4000);

// Tokens of text[span): words (letters, digits, combining marks, and an inner
// '.' in things like "U.S" or "3.5") and single punctuation characters.
std::vector<Token> Tokenize(std::string_view text, Span span);
// Tokenize, appending to `tokens` (whose capacity a caller may reuse across sentences).
void TokenizeInto(std::string_view text, Span span, std::vector<Token>& tokens);

}  // namespace corpgraph::extract
