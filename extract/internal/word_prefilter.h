// extract/internal/word_prefilter.h — which of a set of RE2 patterns can match a text at all,
// from the whole words their matches must contain.
//
//   WordPrefilter filter;
//   filter.Build({"\\b(?:its|the) ([A-Z]\\w+) (?:series|model)\\b"});
//   uint64_t present = 0;  // the WordBits of every whole word of the text
//   for (std::string_view word : {"the", "Zeta", "model", "sold"}) present |=
//   filter.WordBits(word); filter.MayMatch(present);  // true: "the" and "model" are there
//
// A whole word is a maximal run of ASCII letters and digits: in "It's the X-9 model." they
// are "It", "s", "the", "X", "9" and "model". Each pattern (RE2 syntax, case-sensitive, as
// RE2::Options' defaults read it) is read into clauses, each a set of words of which every
// match holds one as a whole word: "(?:its|the) " preceded by \b gives {its, the}. A word
// counts only where the pattern itself bounds it on both sides: by a byte no letter or digit
// can be (a space, ", ", a class of punctuation), \b, ^ or $. Words inside a repeat, an
// optional part or a longer alternation count only if every way through holds one.
//
// Exact in one direction: where MayMatch is false no pattern matches the text (the tests
// check it against RE2). Read conservatively from ParseRegexSubset's tree (regex_subset.h):
// anything the reader does not follow (case flags, \p classes, \Q, back-references) gives the
// pattern no clauses, so it may match every text. The extractor runs its product patterns'
// RE2::Set only on sentences that pass, asking one hash probe per token instead of scanning
// every byte with RE2's DFA. Read-only after Build: the lookups may be called from many threads.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace corpgraph::extract::internal {

// The whole-word clauses of RE2 `pattern` (each sorted, the clauses in the order read), or
// none when it is not read (or holds no bounded word).
std::vector<std::vector<std::string>> WholeWordClauses(std::string_view pattern);

class WordPrefilter {
 public:
  // At most this many distinct clauses are used (a bit each); a pattern keeps those that fit,
  // and one left with none may match every text.
  static constexpr size_t kMaxClauses = 64;

  // Replaces the patterns; pattern i's clauses come from WholeWordClauses(patterns[i]).
  void Build(const std::vector<std::string>& patterns);

  // The clause bits of `word`: a bit per clause that holds it (0 for most words).
  uint64_t WordBits(std::string_view word) const {
    const auto it = words_.find(word);
    return it == words_.end() ? 0 : it->second;
  }
  // Every word of some clause with its bits, for a caller that indexes them by its own hash.
  const std::map<std::string, uint64_t, std::less<>>& words() const { return words_; }

  // False only if no pattern can match a text whose whole words' WordBits OR to `present`.
  bool MayMatch(uint64_t present) const {
    if (unconditional_) return true;
    for (const uint64_t needed : needed_) {
      if ((needed & ~present) == 0) return true;
    }
    return false;
  }
  // True if some pattern has no clause: MayMatch is then true for every text.
  bool unconditional() const { return unconditional_; }

  // The clauses of pattern `pattern` that Build kept (for tests).
  std::vector<std::vector<std::string>> Clauses(int pattern) const;

 private:
  std::vector<std::vector<std::string>> clauses_;  // distinct clauses, by bit
  std::map<std::string, uint64_t, std::less<>> words_;
  std::vector<uint64_t> needed_;  // per pattern: the bits of its clauses
  bool unconditional_ = false;
};

}  // namespace corpgraph::extract::internal
