#include "extract/text_units.h"

#include <unicode/uchar.h>
#include <unicode/ures.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <string>
#include <unordered_set>

#include "extract/internal/byte_mask.h"
#include "extract/internal/hash_index64.h"

namespace corpgraph::extract {
namespace {

// Sentence boundaries follow Unicode's rules (UAX #29, SB1-SB11) as ICU's
// sentence break iterator implements them, with ICU's English break suppressions
// ("en@ss=standard"), but read straight from the UTF-8 bytes: ASCII classes come
// from a table and only other code points ask ICU for their Sentence_Break value.
// This runs several times faster than ICU's iterator over a UTF-8 UText.

// Sentence_Break classes of the ASCII range, from ICU itself.
const std::array<uint8_t, 128>& AsciiSentenceClass() {
  static const std::array<uint8_t, 128> table = [] {
    std::array<uint8_t, 128> table{};
    for (UChar32 c = 0; c < 128; ++c) {
      table[c] = static_cast<uint8_t>(u_getIntPropertyValue(c, UCHAR_SENTENCE_BREAK));
    }
    return table;
  }();
  return table;
}

// The Sentence_Break class of the code point at s[i], advancing i past it.
int SentenceClassAt(const uint8_t* s, int32_t& i, int32_t end) {
  if (s[i] < 0x80) return AsciiSentenceClass()[s[i++]];
  UChar32 c;
  U8_NEXT(s, i, end, c);
  return c < 0 ? U_SB_OTHER : u_getIntPropertyValue(c, UCHAR_SENTENCE_BREAK);
}

// SB5: Extend and Format characters belong to the character before them.
int32_t SkipExtend(const uint8_t* s, int32_t i, int32_t end) {
  while (i < end) {
    if (s[i] < 0x80) return i;  // no ASCII character is Extend or Format
    int32_t next = i;
    const int cls = SentenceClassAt(s, next, end);
    if (cls != U_SB_EXTEND && cls != U_SB_FORMAT) return i;
    i = next;
  }
  return i;
}

// Bytes the splitter must look at: terminators, line breaks and every non-ASCII byte
// (which may start a terminator, a separator or an Extend character).
const std::array<bool, 256>& SentenceStop() {
  static const std::array<bool, 256> table = [] {
    std::array<bool, 256> table{};
    for (int c = 0; c < 256; ++c) {
      const int cls = c < 0x80 ? AsciiSentenceClass()[c] : static_cast<int>(U_SB_OTHER);
      table[c] = c >= 0x80 || cls == U_SB_ATERM || cls == U_SB_STERM || cls == U_SB_CR ||
                 cls == U_SB_LF || cls == U_SB_SEP || cls == U_SB_EXTEND || cls == U_SB_FORMAT;
    }
    return table;
  }();
  return table;
}

// SB7's left side: whether the character before s[at], Extend and Format aside, is an
// upper- or lower-case letter.
bool LetterBefore(const uint8_t* s, int32_t at) {
  while (at > 0) {
    UChar32 c;
    U8_PREV(s, 0, at, c);
    const int cls = c < 0 ? U_SB_OTHER : u_getIntPropertyValue(c, UCHAR_SENTENCE_BREAK);
    if (cls == U_SB_EXTEND || cls == U_SB_FORMAT) continue;
    return cls == U_SB_UPPER || cls == U_SB_LOWER;
  }
  return false;
}

// The ASCII bytes SkipToStopCandidate looks for: every ASCII byte SentenceStop holds must be one
// of these (StopCandidatesCover checks it against ICU's classes once).
constexpr uint8_t kStopCandidates[] = {'\n', '\r', '.', '!', '?'};

// Whether kStopCandidates and the bytes >= 0x80 cover SentenceStop (they do for every ICU we
// know; if not, SkipToStopCandidate skips nothing and the byte loop does all the work).
bool StopCandidatesCover() {
  static const bool cover = [] {
    for (int c = 0; c < 0x80; ++c) {
      if (SentenceStop()[c] && std::find(std::begin(kStopCandidates), std::end(kStopCandidates),
                                         c) == std::end(kStopCandidates)) {
        return false;
      }
    }
    return true;
  }();
  return cover;
}

// The first position from `i` whose sixteen-byte group may hold a byte of SentenceStop: at
// that byte, or at the last few bytes (which the byte loop reads). Every byte skipped is no
// stop. GCC's and Clang's vector extension compare sixteen bytes per instruction, where the
// byte loop's table lookup cost about five instructions a byte (an eight-byte SWAR test of
// the five candidates cost as much).
int32_t SkipToStopCandidate(const uint8_t* s, int32_t i, int32_t end) {
  if (!StopCandidatesCover()) return i;
  using Bytes16 = int8_t __attribute__((vector_size(16)));
  for (; end - i >= 16; i += 16) {
    Bytes16 bytes;
    std::memcpy(&bytes, s + i, 16);
    Bytes16 candidates = bytes < 0;  // the bytes >= 0x80
    for (const uint8_t c : kStopCandidates) candidates |= bytes == static_cast<int8_t>(c);
    uint64_t halves[2];
    std::memcpy(halves, &candidates, 16);
    if (halves[0] != 0) return i + std::countr_zero(halves[0]) / 8;
    if (halves[1] != 0) return i + 8 + std::countr_zero(halves[1]) / 8;
  }
  return i;
}

bool IsParaSep(int cls) { return cls == U_SB_SEP || cls == U_SB_CR || cls == U_SB_LF; }
bool IsTerm(int cls) { return cls == U_SB_ATERM || cls == U_SB_STERM; }

// Byte offsets after which UAX #29 puts a sentence boundary; the last is text.size().
void RawSentenceBreaks(std::string_view text, std::vector<uint32_t>& breaks) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t end = static_cast<int32_t>(text.size());
  const std::array<bool, 256>& stop = SentenceStop();
  int32_t i = 0;
  while (i < end) {
    // Most bytes are ASCII that no rule looks at: skip them sixteen at a time, then to the stop.
    i = SkipToStopCandidate(s, i, end);
    while (i < end && !stop[s[i]]) ++i;
    if (i >= end) break;
    const int32_t at = i;
    int32_t j = i;
    const int cls = SentenceClassAt(s, j, end);
    if (cls == U_SB_CR) {  // SB3, SB4
      if (j < end && s[j] == '\n') ++j;
      breaks.push_back(static_cast<uint32_t>(j));
      i = j;
      continue;
    }
    if (cls == U_SB_LF || cls == U_SB_SEP) {  // SB4
      breaks.push_back(static_cast<uint32_t>(j));
      i = j;
      continue;
    }
    j = SkipExtend(s, j, end);
    if (!IsTerm(cls)) {
      i = j;
      continue;
    }
    if (j >= end) break;
    int32_t peek = j;
    const int next = SentenceClassAt(s, peek, end);
    if (cls == U_SB_ATERM && next == U_SB_NUMERIC) {  // SB6: "3.5"
      i = j;
      continue;
    }
    if (cls == U_SB_ATERM && next == U_SB_UPPER && LetterBefore(s, at)) {  // SB7: "U.S"
      i = j;
      continue;
    }
    // SATerm Close* Sp*
    int32_t k = j;
    int k_cls = next;
    while (k < end && k_cls == U_SB_CLOSE) {
      SentenceClassAt(s, k, end);
      k = SkipExtend(s, k, end);
      if (k < end) {
        int32_t p = k;
        k_cls = SentenceClassAt(s, p, end);
      }
    }
    while (k < end && k_cls == U_SB_SP) {
      SentenceClassAt(s, k, end);
      k = SkipExtend(s, k, end);
      if (k < end) {
        int32_t p = k;
        k_cls = SentenceClassAt(s, p, end);
      }
    }
    if (k >= end) break;     // SB2: the text ends the sentence
    if (IsParaSep(k_cls)) {  // SB9-SB11: the separator stays with the sentence
      int32_t after = k;
      SentenceClassAt(s, after, end);
      if (k_cls == U_SB_CR && after < end && s[after] == '\n') ++after;
      breaks.push_back(static_cast<uint32_t>(after));
      i = after;
      continue;
    }
    if (cls == U_SB_ATERM) {  // SB8: "etc. and", "U.S. 's" - a lower-case letter comes next
      int32_t m = k;
      int m_cls = k_cls;
      while (m < end) {
        int32_t p = m;
        m_cls = SentenceClassAt(s, p, end);
        if (m_cls == U_SB_OLETTER || m_cls == U_SB_UPPER || m_cls == U_SB_LOWER ||
            IsParaSep(m_cls) || IsTerm(m_cls)) {
          break;
        }
        m = SkipExtend(s, p, end);
      }
      if (m < end && m_cls == U_SB_LOWER) {
        i = k;
        continue;
      }
    }
    if (k_cls == U_SB_SCONTINUE || IsTerm(k_cls)) {  // SB8a
      i = k;
      continue;
    }
    breaks.push_back(static_cast<uint32_t>(k));  // SB11
    i = k;
  }
  if (breaks.empty() || breaks.back() != text.size()) {
    breaks.push_back(static_cast<uint32_t>(text.size()));
  }
}

// ICU's English break suppressions (CLDR's list, read from ICU's data) and the way
// ICU's filtered sentence iterator applies them: walk back from the break over one
// space and then over the longest listed abbreviation; entries with an inner '.'
// ("U.S.", "Ph.D.") are matched forward from their first period's prefix.
class BreakSuppressions {
 public:
  static const BreakSuppressions& Get() {
    static const BreakSuppressions* instance = new BreakSuppressions();
    return *instance;
  }

  // True if ICU would not break at `n` (0 < n < text.size()).
  bool SuppressedAt(std::string_view text, size_t n) const {
    if (backward_nodes_.size() == 1) return false;  // no entries
    size_t p = n;
    if (text[p - 1] == ' ') --p;
    // The walk below stops at once on a byte that ends no listed entry (most breaks).
    if (p == 0 || !last_bytes_[static_cast<unsigned char>(text[p - 1])]) return false;
    // Walk the trie of reversed entries back from the break: the longest entry wins.
    uint32_t node = 0;
    int best_value = 0;
    size_t best_pos = 0;
    while (p > 0) {
      const unsigned char c = static_cast<unsigned char>(text[p - 1]);
      if (c >= 0x80) break;  // every listed abbreviation is ASCII
      --p;
      const uint32_t* child = backward_edges_.Find(Edge(node, c));
      if (child == nullptr) break;  // no entry ends with these bytes
      node = *child;
      if (backward_nodes_[node].value != 0) {
        best_value = backward_nodes_[node].value;
        best_pos = p;
      }
      if (!backward_nodes_[node].has_children) break;
    }
    if (best_value == kMatch) return true;
    if (best_value != kPartial) return false;
    // Forward from the partial match: suppressed if the walk ends on a listed entry or
    // while still inside one (ICU's USTRINGTRIE_MATCHES).
    std::string forward;
    bool matches = true;  // ICU starts from an intermediate value
    for (size_t q = best_pos; q < text.size(); ++q) {
      const unsigned char c = static_cast<unsigned char>(text[q]);
      if (c >= 0x80) {
        matches = false;
        break;
      }
      forward.push_back(static_cast<char>(c));
      const bool is_entry = forward_.count(forward) > 0;
      const bool has_next = forward_prefixes_.count(forward) > 0;
      matches = is_entry || has_next;
      if (!has_next) break;
    }
    return matches;
  }

 private:
  static constexpr int kMatch = 1;
  static constexpr int kPartial = 2;

  BreakSuppressions() {
    std::vector<std::string> list;
    UErrorCode status = U_ZERO_ERROR;
    // ICU's break iterator data tree ("icudt72l-brkitr"), locale "en" as in "en@ss=standard".
    UResourceBundle* bundle = ures_open(U_ICUDATA_NAME "-brkitr", "en", &status);
    UResourceBundle* exceptions = ures_getByKey(bundle, "exceptions", nullptr, &status);
    UResourceBundle* sentence = ures_getByKey(exceptions, "SentenceBreak", nullptr, &status);
    while (U_SUCCESS(status) && ures_hasNext(sentence)) {
      int32_t length = 0;
      const UChar* entry = ures_getNextString(sentence, &length, nullptr, &status);
      if (U_FAILURE(status)) break;
      std::string utf8;
      bool ascii = true;
      for (int32_t k = 0; k < length; ++k) {
        if (entry[k] >= 0x80) ascii = false;
        utf8.push_back(static_cast<char>(entry[k]));
      }
      if (ascii && !utf8.empty()) list.push_back(std::move(utf8));
    }
    ures_close(sentence);
    ures_close(exceptions);
    ures_close(bundle);
    if (U_FAILURE(status)) list.clear();
    // As ICU's SimpleFilteredBreakIteratorBuilder::build(): an entry with a period before
    // its end ("U.S.") puts its prefix up to the first period ("U.") in the backward table
    // as partial, and it and every entry sharing that prefix go to the forward table.
    std::vector<bool> forward(list.size(), false);
    std::vector<std::string> partial_prefixes;
    for (size_t i = 0; i < list.size(); ++i) {
      const size_t dot = list[i].find('.');
      if (dot == std::string::npos || dot + 1 == list[i].size()) continue;
      const std::string prefix = list[i].substr(0, dot + 1);
      for (size_t j = 0; j < list.size(); ++j) {
        if (list[j].compare(0, prefix.size(), prefix) == 0 && list[j].size() >= prefix.size()) {
          forward[j] = true;
        }
      }
      partial_prefixes.push_back(prefix);
    }
    for (const std::string& prefix : partial_prefixes) {
      AddBackward(std::string(prefix.rbegin(), prefix.rend()), kPartial);
    }
    for (size_t i = 0; i < list.size(); ++i) {
      if (forward[i]) {
        forward_.insert(list[i]);
        for (size_t k = 1; k < list[i].size(); ++k) forward_prefixes_.insert(list[i].substr(0, k));
      } else {
        AddBackward(std::string(list[i].rbegin(), list[i].rend()), kMatch);
      }
    }
  }

  // The trie edge from `node` by byte `c`, as a key of backward_edges_.
  static uint64_t Edge(uint32_t node, unsigned char c) { return (uint64_t{node} << 8) | c; }

  // Files a reversed entry in the trie; a key added twice keeps its first value.
  void AddBackward(const std::string& key, int value) {
    last_bytes_[static_cast<unsigned char>(key[0])] = true;
    uint32_t node = 0;
    for (const char c : key) {
      const auto fresh = static_cast<uint32_t>(backward_nodes_.size());
      const uint32_t child =
          backward_edges_.Insert(Edge(node, static_cast<unsigned char>(c)), fresh);
      if (child == fresh) backward_nodes_.push_back({});
      backward_nodes_[node].has_children = true;
      node = child;
    }
    if (backward_nodes_[node].value == 0) backward_nodes_[node].value = value;
  }

  // A node of the trie of reversed entries; node 0 is the root (the empty string).
  struct TrieNode {
    int value = 0;              // kMatch or kPartial if an entry ends here, else 0
    bool has_children = false;  // some longer entry continues from here
  };
  std::array<bool, 256> last_bytes_{};           // first bytes of the reversed entries
  std::vector<TrieNode> backward_nodes_ = {{}};  // the trie's nodes, the root first
  // (node << 8 | byte) -> child: one flat probe per byte walked, no string built or hashed.
  internal::HashIndex64 backward_edges_;
  std::unordered_set<std::string> forward_;           // entries matched forward
  std::unordered_set<std::string> forward_prefixes_;  // proper prefixes of forward_
};

// Character classes as the tokenizer reads them. Every class comes from ICU's
// properties; ASCII is looked up in a table built from the same ICU calls, so the
// fast path and the slow path cannot disagree.
enum CharClass : uint8_t {
  kCharAlpha = 1,  // u_isalpha (1, so that adding `cls & kCharAlpha` counts letters)
  kCharUpper = 2,  // u_isupper
  kCharDigit = 4,  // u_isdigit
  kCharMark = 8,   // combining mark: joins a word it follows
  kCharSpace = 16  // white space or an invisible format character: separates tokens
};

uint8_t ClassifyCodePoint(UChar32 c) {
  uint8_t cls = 0;
  if (u_isalpha(c)) cls |= kCharAlpha;
  if (u_isupper(c)) cls |= kCharUpper;
  if (u_isdigit(c)) cls |= kCharDigit;
  if (u_getCombiningClass(c) != 0 || u_charType(c) == U_NON_SPACING_MARK) cls |= kCharMark;
  if (u_isUWhiteSpace(c) || c == 0xFEFF || c == 0x200B || c == 0x200E || c == 0x200F) {
    cls |= kCharSpace;
  }
  return cls;
}

const std::array<uint8_t, 128>& AsciiClass() {
  static const std::array<uint8_t, 128> table = [] {
    std::array<uint8_t, 128> table{};
    for (UChar32 c = 0; c < 128; ++c) table[c] = ClassifyCodePoint(c);
    return table;
  }();
  return table;
}

// Per ASCII byte, what it adds to a word's letter counts: 1 in the low 32 bits if it is a
// letter, and 1 in the high 32 bits if it is a letter that is not upper case. One addition
// per character keeps both counts (a word's bytes are far fewer than 2^32).
const std::array<uint64_t, 128>& AsciiLetterCounts() {
  static const std::array<uint64_t, 128> table = [] {
    std::array<uint64_t, 128> table{};
    for (int c = 0; c < 128; ++c) {
      const uint8_t cls = AsciiClass()[c];
      if ((cls & kCharAlpha) == 0) continue;
      table[c] = 1 + ((cls & kCharUpper) == 0 ? uint64_t{1} << 32 : 0);
    }
    return table;
  }();
  return table;
}

// The class of the code point starting at s[i] (i < end); U+FFFD's if it is malformed.
uint8_t NextClass(const uint8_t* s, int32_t i, int32_t end) {
  if (s[i] < 0x80) return AsciiClass()[s[i]];
  UChar32 c;
  U8_NEXT(s, i, end, c);
  return ClassifyCodePoint(c < 0 ? 0xFFFD : c);
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

// std::string_view's find_last_of and find_first_of, for the few bytes of a word: they call
// memchr on `bytes` for every byte they pass, which cost more than the rest of the rejoining
// checks (every sentence asks about its last word and the next one's first).
[[gnu::always_inline]] inline size_t FindLastOf(std::string_view text, std::string_view bytes,
                                                size_t pos = std::string_view::npos) {
  if (text.empty()) return std::string_view::npos;
  for (size_t at = std::min(pos, text.size() - 1) + 1; at-- > 0;) {
    for (const char b : bytes) {
      if (text[at] == b) return at;
    }
  }
  return std::string_view::npos;
}
[[gnu::always_inline]] inline size_t FindFirstOf(std::string_view text, std::string_view bytes) {
  for (size_t at = 0; at < text.size(); ++at) {
    for (const char b : bytes) {
      if (text[at] == b) return at;
    }
  }
  return std::string_view::npos;
}

// Abbreviations after which ICU's English rules end a sentence although news
// continues it: "Norvale Retail Ltd. Chairman Tobias Lund said".
bool EndsWithAbbreviation(std::string_view sentence) {
  static constexpr std::string_view kAbbreviations[] = {
      "Inc.", "Ltd.", "Corp.", "Co.",   "Cos.", "Bhd.", "Plc.",    "Bros.", "Pty.",
      "Pte.", "Jr.",  "Sr.",   "St.",   "No.",  "Gen.", "Gov.",    "Sen.",  "Rep.",
      "Lt.",  "Col.", "Capt.", "Prof.", "Rev.", "Hon.", "Messrs.", "vs.",   "approx.",
      "Jan.", "Feb.", "Aug.",  "Sept.", "Sep.", "Oct.", "Nov.",    "Dec.",  "S.A.",
      "N.V.", "L.P.", "Mr.",   "Mrs.",  "Ms.",  "Dr."};
  // A whole word: "Inc." but not "Zinc.". No abbreviation contains a space, newline, '('
  // or ',', so it must be exactly the text after the last of those.
  if (sentence.empty() || sentence.back() != '.') return false;
  const size_t before = FindLastOf(sentence, " \n(,");
  const std::string_view word =
      before == std::string_view::npos ? sentence : sentence.substr(before + 1);
  // Most sentences end in a word longer than any abbreviation ("said.", "quarter.").
  static constexpr size_t kLongest = [] {
    size_t longest = 0;
    for (const std::string_view a : kAbbreviations) longest = std::max(longest, a.size());
    return longest;
  }();
  if (word.size() > kLongest) return false;
  for (const std::string_view a : kAbbreviations) {
    if (word == a) return true;
  }
  return false;
}

// A name's initial: "Lee J. Harmon" or "( J. Harmon 63 ," ends the first part with one
// capital and a period after a capitalised word, "(", "," or ";", and `next` goes on with a
// capitalised word that does not open sentences ("Plan B. The plan ..." still ends there).
// Words that open sentences in news: after "J." or "U.S." they start a new sentence ("Plan
// B. The plan ...", "sales in the U.S. Shares rose"); any other capitalised word goes on
// with a name.
constexpr std::string_view kOpeners[] = {
    "The",   "A",     "An",    "It",      "Its",       "He",     "She",   "His",   "Her",
    "They",  "Their", "We",    "Our",     "I",         "This",   "That",  "In",    "On",
    "At",    "But",   "And",   "As",      "For",       "If",     "When",  "There", "While",
    "After", "These", "Those", "Some",    "Many",      "Most",   "Such",  "So",    "Yet",
    "Still", "Also",  "Now",   "However", "Meanwhile", "Shares", "Sales", "Last",  "Next",
    "By",    "With",  "Since", "Before",  "During",    "Under",  "Over",  "From",  "To",
    "Both",  "Each",  "All",   "No",      "Not",       "One",    "Two",   "You",   "Analysts"};

// True if `next` starts with a capitalised word that is not one of kOpeners.
bool GoesOnWithAName(std::string_view next) {
  if (next.empty() || next[0] < 'A' || next[0] > 'Z') return false;
  const size_t word_end = FindFirstOf(next, " \n.,;:");
  const std::string_view word = next.substr(0, word_end);
  for (const std::string_view opener : kOpeners) {
    if (word == opener) return false;
  }
  return true;
}

// A country's or body's initials before a name: "U.S. Steel", "U.S. District Judge",
// "U.K. Treasury", "U.A.E. Central Bank" - `sentence` ends with two or more capital-period
// pairs as one word, and `next` goes on with a capitalised word that does not open
// sentences.
bool EndsWithInitialsBeforeName(std::string_view sentence, std::string_view next) {
  size_t n = sentence.size();
  int pairs = 0;
  while (n >= 2 && sentence[n - 1] == '.' && sentence[n - 2] >= 'A' && sentence[n - 2] <= 'Z') {
    ++pairs;
    n -= 2;
  }
  if (pairs < 2) return false;
  if (n > 0 && sentence[n - 1] != ' ' && sentence[n - 1] != '\n' && sentence[n - 1] != '(') {
    return false;
  }
  return GoesOnWithAName(next);
}

// Lower-case words a name's initial often follows: "said J. Harmon", "chairman N. Rao".
constexpr std::string_view kBeforeInitial[] = {
    "said",    "says",     "by",         "and",       "with",     "of",
    "told",    "chairman", "chairwoman", "president", "director", "executive",
    "officer", "founder",  "analyst",    "minister",  "manager",  "economist"};

bool EndsWithInitial(std::string_view sentence, std::string_view next) {
  const size_t n = sentence.size();
  // "K. Quillby spoke ...": the initial opens the text.
  if (n == 2 && sentence[1] == '.' && sentence[0] >= 'A' && sentence[0] <= 'Z') {
    return GoesOnWithAName(next);
  }
  if (n < 4 || sentence[n - 1] != '.' || sentence[n - 2] < 'A' || sentence[n - 2] > 'Z' ||
      sentence[n - 3] != ' ') {
    return false;
  }
  const size_t before_end = n - 3;
  const size_t space = FindLastOf(sentence, " \n", before_end - 1);
  const size_t before_start = space == std::string_view::npos ? 0 : space + 1;
  if (before_start >= before_end) return false;
  const std::string_view before = sentence.substr(before_start, before_end - before_start);
  if (!(before[0] >= 'A' && before[0] <= 'Z') && before != "(" && before != "," && before != ";" &&
      std::find(std::begin(kBeforeInitial), std::end(kBeforeInitial), before) ==
          std::end(kBeforeInitial)) {
    return false;
  }
  return GoesOnWithAName(next);
}

// A market ticker written without parentheses whose symbol has a digit: "Kestrel Bank
// 004940.KS said", "Tarn Motors 7203.T rose". UAX #29 ends a sentence at a period between a
// digit and a capital; here `sentence` ends with the symbol and its period, and `next`, which
// follows with no space, opens with the exchange suffix (one to three capitals, then no
// letter or digit). A lone "A" or "I" is a word, not a suffix ("in 2011.A spokesman said").
bool SplitsATicker(std::string_view sentence, std::string_view next) {
  if (sentence.size() < 3 || sentence.back() != '.') return false;
  const size_t symbol_start = FindLastOf(sentence, " \n(", sentence.size() - 2);
  std::string_view symbol =
      sentence.substr(symbol_start == std::string_view::npos ? 0 : symbol_start + 1);
  symbol.remove_suffix(1);  // the period
  if (!symbol.empty() && symbol.back() >= 'a' && symbol.back() <= 'z') {
    symbol.remove_suffix(1);  // a share class: "VOLVb"
  }
  if (symbol.size() < 2 || symbol.size() > 7) return false;
  bool digit = false;
  for (const char c : symbol) {
    const bool is_digit = c >= '0' && c <= '9';
    if (!is_digit && !(c >= 'A' && c <= 'Z')) return false;
    digit |= is_digit;
  }
  if (!digit) return false;
  size_t caps = 0;
  while (caps < next.size() && caps < 4 && next[caps] >= 'A' && next[caps] <= 'Z') ++caps;
  if (caps == 0 || caps > 3) return false;
  if (caps < next.size() && std::isalnum(static_cast<unsigned char>(next[caps]))) return false;
  return !(caps == 1 && (next[0] == 'A' || next[0] == 'I'));
}

}  // namespace

std::vector<Span> SplitSentences(std::string_view text, uint32_t max_sentence_bytes) {
  std::vector<Span> out;
  if (text.empty()) return out;
  std::vector<uint32_t> breaks;
  RawSentenceBreaks(text, breaks);
  const BreakSuppressions& suppressions = BreakSuppressions::Get();
  uint32_t start = 0;
  for (const uint32_t end : breaks) {
    if (end < text.size() && suppressions.SuppressedAt(text, end)) continue;
    AddTrimmed(text, start, end, max_sentence_bytes, out);
    start = end;
  }
  // Rejoin splits after an abbreviation, inside a bare ticker ("004940.KS"), inside an open
  // parenthesis ("( BANP.BK )"), or before a sentence that opens with a parenthesis.
  auto unclosed_paren = [&](Span s) {
    if (text.substr(s.start, s.size()).find('(') == std::string_view::npos) return false;
    int depth = 0;
    for (uint32_t i = s.start; i < s.end; ++i) {
      if (text[i] == '(') ++depth;
      if (text[i] == ')' && depth > 0) --depth;
    }
    return depth > 0;
  };
  // A blank line ends a paragraph, whatever came before it ("... Acme Inc.\n\nShares rose").
  auto paragraph_break = [&](uint32_t from, uint32_t to) {
    const std::string_view gap = text.substr(from, to - from);
    const size_t first = gap.find('\n');
    return first != std::string_view::npos && gap.find('\n', first + 1) != std::string_view::npos;
  };
  std::vector<Span> merged;
  for (const Span& span : out) {
    if (!merged.empty() && merged.back().end <= span.start &&
        !paragraph_break(merged.back().end, span.start) &&
        (EndsWithAbbreviation(text.substr(merged.back().start, merged.back().size())) ||
         EndsWithInitial(text.substr(merged.back().start, merged.back().size()),
                         text.substr(span.start, span.size())) ||
         EndsWithInitialsBeforeName(text.substr(merged.back().start, merged.back().size()),
                                    text.substr(span.start, span.size())) ||
         (merged.back().end == span.start &&
          SplitsATicker(text.substr(merged.back().start, merged.back().size()),
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

std::vector<Token> Tokenize(std::string_view text, Span span) {
  std::vector<Token> tokens;
  tokens.reserve(span.size() / 5 + 4);
  TokenizeInto(text, span, tokens);
  return tokens;
}

void TokenizeInto(std::string_view text, Span span, std::vector<Token>& tokens) {
  const std::array<uint8_t, 128>& ascii_class = AsciiClass();
  const std::array<uint64_t, 128>& letter_counts = AsciiLetterCounts();
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
    UChar32 c = s[i];
    uint8_t cls;
    if (c < 0x80) {
      ++i;
      cls = ascii_class[c];
    } else {
      U8_NEXT(s, i, end, c);
      if (c < 0) c = 0xFFFD;
      cls = ClassifyCodePoint(c);
    }
    if ((cls & (kCharAlpha | kCharDigit)) != 0 || ((cls & kCharMark) != 0 && in_word)) {
      const bool upper_letter = (cls & (kCharAlpha | kCharUpper)) == (kCharAlpha | kCharUpper);
      if (!in_word) {
        current = Token{static_cast<uint32_t>(at), 0, kWord};
        if (line_start) current.flags |= kLineStart;
        if (upper_letter) current.flags |= kCapital;
        in_word = true;
        letters = upper = 0;
        line_start = false;
      }
      if ((cls & kCharAlpha) != 0) {
        ++letters;
        if (upper_letter) ++upper;
      }
      if ((cls & kCharDigit) != 0) current.flags |= kHasDigit;
      // The rest of an ASCII word, eight bytes at a time (words average a few bytes, and the
      // loop per byte cost ~17 instructions a byte): ASCII's word characters are exactly A-Z,
      // a-z and 0-9 (AsciiClass; the tests hold every ASCII byte against ICU), so byte-range
      // masks find where the run ends and count its letters. A byte >= 0x80 ends the run as a
      // non-word byte does, and the loop above reads it. The span's last bytes go one by one.
      bool run_ended = false;
      while (end - i >= 8) {
        uint64_t w;
        std::memcpy(&w, s + i, 8);
        const uint64_t upper_bytes = internal::ByteRangeMask(w, 'A', 'Z');
        const uint64_t lower_bytes = internal::ByteRangeMask(w, 'a', 'z');
        const uint64_t digit_bytes = internal::ByteRangeMask(w, '0', '9');
        const uint64_t word_bytes = upper_bytes | lower_bytes | digit_bytes;
        // The bytes before the first one that is no word character (all eight if none).
        const int keep = std::countr_zero(~word_bytes & internal::kHighBits) / 8;
        const uint64_t kept = keep == 8 ? ~uint64_t{0} : (uint64_t{1} << (8 * keep)) - 1;
        letters += internal::CountMarkedBytes((upper_bytes | lower_bytes) & kept);
        upper += internal::CountMarkedBytes(upper_bytes & kept);
        if ((digit_bytes & kept) != 0) current.flags |= kHasDigit;
        i += keep;
        if (keep < 8) {
          run_ended = true;
          break;
        }
      }
      if (run_ended) continue;
      uint64_t counts = 0;  // letters, and (high half) letters not upper case
      uint8_t classes = 0;  // every class seen
      while (i < end && s[i] < 0x80) {
        const uint8_t next = ascii_class[s[i]];
        if ((next & (kCharAlpha | kCharDigit)) == 0) break;
        counts += letter_counts[s[i]];
        classes |= next;
        ++i;
      }
      const auto run_letters = static_cast<int>(counts & 0xFFFFFFFFu);
      letters += run_letters;
      upper += run_letters - static_cast<int>(counts >> 32);
      if ((classes & kCharDigit) != 0) current.flags |= kHasDigit;
      continue;
    }
    // "U.S" and "3.5" stay one token: a '.' between two word characters joins them.
    if (in_word && c == '.' && i < end) {
      const uint8_t next = NextClass(s, i, end);
      const int32_t prev_len = at - static_cast<int32_t>(current.start);
      if ((next & kCharDigit) != 0 || ((next & kCharUpper) != 0 && prev_len == 1)) continue;
    }
    finish_word(at);
    if (c == '\n') {
      line_start = true;
      continue;
    }
    if ((cls & kCharSpace) != 0) continue;
    Token punct{static_cast<uint32_t>(at), static_cast<uint32_t>(i), kPunct};
    if (line_start) punct.flags |= kLineStart;
    line_start = false;
    tokens.push_back(punct);
  }
  finish_word(end);
}

}  // namespace corpgraph::extract
