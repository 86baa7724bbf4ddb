// extract/internal/rule_prefilter.h — which relation rules can match a sentence at all,
// from literal strings their matches must contain.
//
//   RulePrefilter prefilter;
//   prefilter.Build({"(?:acquired|bought) \\x01O\\d+\\x02", "\\bsold to"});
//   std::vector<RulePrefilter::Candidate> candidates;
//   prefilter.Candidates("Beta bought \x01O1\x02", candidates);  // rule 0, last_start 5
//
// Each pattern (RE2 syntax, matched case-insensitively) is read into a formula in
// conjunctive form: every clause is a set of lower-case literals of which any match must
// contain one ("acquired " or "bought "). A sentence is a candidate for a rule when each of
// the rule's clauses has a literal in the (ASCII-lower-cased) sentence; the literals of all
// rules are found in one LiteralSet pass. This replaces RE2's FilteredRE2, whose formulas
// are trees and cost more to evaluate than finding the literals.
//
// Exact in one direction: a rule left out cannot match, nor can a match start after a
// candidate's last_start (the tests check both against RE2).
// The formula is read conservatively from ParseRegexSubset's tree (regex_subset.h): what
// it does not narrow down (Unicode classes, non-ASCII bytes) counts as matching anything, and
// a pattern the parser does not read (\Q..\E, \p outside a class) gets no clauses, so it is a
// candidate for every sentence. RE2 also folds 'k' and 's' to the Kelvin sign and the long s, which
// ASCII lower-casing does not: callers must treat a text with either as a candidate for every rule.
// Read-only after Build: Candidates may be called from many threads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "extract/internal/literal_set.h"

namespace corpgraph::extract::internal {

// The strings (lower case) RE2 `pattern` can match, read as RulePrefilter reads a rule: case
// flags and assertions (\b, ^) are ignored, so there may be more than RE2 matches. Nothing
// when the pattern may match other text (a repeat, a class of more than 8 bytes, non-ASCII)
// or more than `limit` strings.
std::optional<std::vector<std::string>> MatchedStrings(std::string_view pattern, size_t limit);

class RulePrefilter {
 public:
  // Literals shorter than this make their clause useless (they occur in nearly every
  // sentence), so such a clause is dropped. Two-byte literals ("'s", "in") still filter:
  // measured with RE2's prefilter on generated news, 5 candidate rules a sentence with 2
  // against 12 with 3 and 25 with 4.
  static constexpr size_t kMinLiteral = 2;

  // Replaces the rules; pattern i is rule i.
  void Build(const std::vector<std::string>& patterns);

  // A rule that may match a text, and the last position where a match of it may start:
  // every match holds a literal of each of the rule's clauses, so it starts at or before the
  // last occurrence of one (text.size() for a rule without clauses).
  struct Candidate {
    int rule = 0;
    size_t last_start = 0;
  };
  // Sets `out` to the rules whose clauses all hold in `text`, in increasing order.
  void Candidates(std::string_view text, std::vector<Candidate>& out) const;
  void Candidates(std::string_view text, std::vector<int>& out) const;  // the rules alone

  // The clauses of rule `rule`, each a list of lower-case literals (for tests and tracing).
  std::vector<std::vector<std::string>> Clauses(int rule) const;
  size_t literal_count() const { return literals_.size(); }

 private:
  std::vector<std::string> literals_;        // distinct literals of all clauses
  LiteralSet finder_;                        // finds literals_ in a text
  std::vector<std::vector<uint32_t>> uses_;  // literal -> the distinct clauses holding it
  std::vector<std::vector<uint32_t>> clause_literals_;  // distinct clause -> its literals
  std::vector<uint32_t> rule_clauses_;  // the rules' distinct clauses, rule after rule
  std::vector<uint32_t> clause_begin_;  // rule -> its first in rule_clauses_; one more at the end
  // Each rule with clauses has a key clause, the one least likely to hold (its shortest
  // literal the longest): Candidates checks a rule's other clauses only when its key holds.
  std::vector<uint64_t> key_bits_;       // a bit per distinct clause that is some rule's key
  std::vector<uint32_t> keyed_rules_;    // the rules of each key clause, key after key
  std::vector<uint32_t> keyed_begin_;    // clause -> its first in keyed_rules_; one more at the end
  std::vector<uint32_t> unconditional_;  // rules without clauses: candidates for every text
};

}  // namespace corpgraph::extract::internal
