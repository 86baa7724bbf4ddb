#include "extract/internal/rule_prefilter.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <map>
#include <optional>
#include <set>

#include "extract/internal/regex_subset.h"

namespace corpgraph::extract::internal {
namespace {

// Exact sets grow by concatenation up to this many strings (RE2's prefilter uses 16 as
// well), by alternation up to kMaxAlt; beyond that they become a clause. An alternation of
// two formulas keeps at most kMaxClauses clauses (fewer clauses: weaker, still true).
constexpr size_t kMaxCross = 16;
constexpr size_t kMaxAlt = 64;
constexpr size_t kMaxClauses = 16;

using Clause = std::set<std::string>;
using Kind = RegexNode::Kind;

// What a regex fragment tells about the text it matches: either exactly the strings it can
// match (lower-cased), or clauses every match of it satisfies (none: anything).
struct Info {
  bool exact = false;
  std::set<std::string> strings;
  std::vector<Clause> clauses;
};

Info Exact(std::set<std::string> strings) {
  Info info;
  info.exact = true;
  info.strings = std::move(strings);
  return info;
}
Info Anything() { return Info{}; }

// A clause with a literal too short to filter (or the empty string) holds everywhere; one
// literal containing another adds nothing to the clause.
std::vector<Clause> AsClauses(const Info& info) {
  if (!info.exact) return info.clauses;
  Clause clause;
  for (const std::string& s : info.strings) {
    if (s.size() < RulePrefilter::kMinLiteral) return {};
    bool implied = false;
    for (const std::string& other : info.strings) {
      implied |= other != s && s.find(other) != std::string::npos;
    }
    if (!implied) clause.insert(s);
  }
  return {clause};
}

// Either side may have matched: each clause of the result joins a clause of each side.
Info Alternate(Info a, Info b, size_t max_alt) {
  if (a.exact && b.exact && a.strings.size() + b.strings.size() <= max_alt) {
    a.strings.insert(b.strings.begin(), b.strings.end());
    return a;
  }
  const std::vector<Clause> left = AsClauses(a);
  const std::vector<Clause> right = AsClauses(b);
  Info info;
  for (const Clause& l : left) {
    for (const Clause& r : right) {
      if (info.clauses.size() == kMaxClauses) return info;  // fewer clauses: weaker, still true
      Clause joined = l;
      joined.insert(r.begin(), r.end());
      info.clauses.push_back(std::move(joined));
    }
  }
  return info;
}

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

// What RE2 `pattern` tells about its matches, read from its tree (nothing for a pattern the
// parser does not read).
class Reader {
 public:
  explicit Reader(size_t max_cross = kMaxCross, size_t max_alt = kMaxAlt)
      : max_cross_(max_cross), max_alt_(max_alt) {}

  std::vector<Clause> Read(std::string_view pattern) const {
    const std::optional<RegexNode> tree = ParseRegexSubset(pattern);
    if (!tree) return {};
    return AsClauses(Of(*tree));
  }

  // The exact strings, if the whole pattern reads as exact.
  std::optional<std::set<std::string>> ReadExact(std::string_view pattern) const {
    const std::optional<RegexNode> tree = ParseRegexSubset(pattern);
    if (!tree) return std::nullopt;
    Info info = Of(*tree);
    if (!info.exact) return std::nullopt;
    return std::move(info.strings);
  }

 private:
  Info Of(const RegexNode& node) const {
    switch (node.kind) {
      case Kind::kLiteral: {
        const auto c = static_cast<unsigned char>(node.text[0]);
        if (c >= 0x80) return Anything();  // RE2 folds runes
        return Exact({std::string(1, Lower(static_cast<char>(c)))});
      }
      case Kind::kClass: {
        // A class listing a few plain bytes becomes their exact set; anything else matches
        // anything.
        if (!node.listed || node.negated) return Anything();
        std::set<std::string> members;
        for (unsigned c = 0; c < 0x80; ++c) {
          if (node.bytes[c]) members.insert(std::string(1, Lower(static_cast<char>(c))));
        }
        if (members.empty() || members.size() > 8) return Anything();
        return Exact(std::move(members));
      }
      case Kind::kAnyByte:
        return Anything();
      case Kind::kAssertion:
      case Kind::kFlags:  // case sensitivity only narrows what matches
        return Exact({""});
      case Kind::kGroup:
        return Of(node.children[0]);
      case Kind::kRepeat:
        return Repeat(Of(node.children[0]), node.min, node.max);
      case Kind::kConcat:
        return Sequence(node.children);
      case Kind::kAlternate: {
        Info info = Of(node.children[0]);
        for (size_t k = 1; k < node.children.size(); ++k) {
          info = Alternate(std::move(info), Of(node.children[k]), max_alt_);
        }
        return info;
      }
    }
    return Anything();
  }

  // A concatenation: runs of exact pieces multiply out into longer literals ("acquired "
  // "\x01o") as long as the product stays small; what is not exact adds its clauses.
  Info Sequence(const std::vector<RegexNode>& parts) const {
    std::vector<Clause> clauses;
    Info run = Exact({""});
    bool exact = true;
    auto flush = [&] {
      for (Clause& c : AsClauses(run)) clauses.push_back(std::move(c));
      run = Exact({""});
    };
    for (const RegexNode& part : parts) {
      Info atom = Of(part);
      if (!atom.exact) {
        exact = false;
        flush();
        for (Clause& c : atom.clauses) clauses.push_back(std::move(c));
        continue;
      }
      if (run.strings.size() * atom.strings.size() > max_cross_) {
        exact = false;
        flush();
        run = std::move(atom);
        continue;
      }
      std::set<std::string> product;
      for (const std::string& x : run.strings) {
        for (const std::string& y : atom.strings) product.insert(x + y);
      }
      run.strings = std::move(product);
    }
    if (exact) return run;
    flush();
    Info info;
    info.clauses = std::move(clauses);
    return info;
  }

  // `atom` repeated min to max times (max -1: no limit).
  static Info Repeat(Info atom, int min, int max) {
    if (min > 0) {
      // Repeated at least once: what one copy needs (its exact strings no longer are).
      Info once;
      once.clauses = AsClauses(atom);
      return once;
    }
    if (max == 1 && atom.exact) {
      atom.strings.insert("");
      return atom;
    }
    return Anything();
  }

  size_t max_cross_;
  size_t max_alt_;
};

}  // namespace

std::optional<std::vector<std::string>> MatchedStrings(std::string_view pattern, size_t limit) {
  std::optional<std::set<std::string>> strings = Reader(limit, limit).ReadExact(pattern);
  if (!strings || strings->size() > limit) return std::nullopt;
  return std::vector<std::string>(strings->begin(), strings->end());
}

void RulePrefilter::Build(const std::vector<std::string>& patterns) {
  literals_.clear();
  uses_.clear();
  rule_clauses_.clear();
  clause_begin_.clear();
  clause_literals_.clear();
  // Rules share clauses (from macros and slots: "\x01o" alone is in half of them), so each
  // distinct clause is checked once a sentence.
  std::map<std::string, uint32_t> literal_ids;
  std::map<std::vector<uint32_t>, uint32_t> clause_ids;
  for (const std::string& pattern : patterns) {
    clause_begin_.push_back(static_cast<uint32_t>(rule_clauses_.size()));
    for (const Clause& clause : Reader().Read(pattern)) {
      std::vector<uint32_t> literals;
      for (const std::string& literal : clause) {
        auto [it, added] = literal_ids.emplace(literal, static_cast<uint32_t>(literals_.size()));
        if (added) {
          literals_.push_back(literal);
          uses_.emplace_back();
        }
        literals.push_back(it->second);
      }
      auto [it, added] =
          clause_ids.emplace(literals, static_cast<uint32_t>(clause_literals_.size()));
      if (added) {
        for (uint32_t literal : literals) uses_[literal].push_back(it->second);
        clause_literals_.push_back(std::move(literals));
      }
      rule_clauses_.push_back(it->second);
    }
  }
  clause_begin_.push_back(static_cast<uint32_t>(rule_clauses_.size()));
  finder_.Build(literals_);
  // Key clauses: the longer a clause's shortest literal, the rarer it holds ("\x01o", in
  // half the clauses, holds in most sentences); then the fewer literals.
  auto rarity = [&](uint32_t clause) {
    size_t shortest = SIZE_MAX;
    for (uint32_t literal : clause_literals_[clause]) {
      shortest = std::min(shortest, literals_[literal].size());
    }
    return std::make_pair(shortest, SIZE_MAX - clause_literals_[clause].size());
  };
  std::vector<std::vector<uint32_t>> by_key(clause_literals_.size());
  unconditional_.clear();
  for (size_t rule = 0; rule + 1 < clause_begin_.size(); ++rule) {
    if (clause_begin_[rule] == clause_begin_[rule + 1]) {
      unconditional_.push_back(static_cast<uint32_t>(rule));
      continue;
    }
    uint32_t key = rule_clauses_[clause_begin_[rule]];
    for (uint32_t k = clause_begin_[rule] + 1; k < clause_begin_[rule + 1]; ++k) {
      if (rarity(rule_clauses_[k]) > rarity(key)) key = rule_clauses_[k];
    }
    by_key[key].push_back(static_cast<uint32_t>(rule));
  }
  key_bits_.assign((clause_literals_.size() + 63) / 64, 0);
  keyed_rules_.clear();
  keyed_begin_.clear();
  for (uint32_t clause = 0; clause < by_key.size(); ++clause) {
    keyed_begin_.push_back(static_cast<uint32_t>(keyed_rules_.size()));
    if (by_key[clause].empty()) continue;
    key_bits_[clause / 64] |= uint64_t{1} << (clause % 64);
    keyed_rules_.insert(keyed_rules_.end(), by_key[clause].begin(), by_key[clause].end());
  }
  keyed_begin_.push_back(static_cast<uint32_t>(keyed_rules_.size()));
}

void RulePrefilter::Candidates(std::string_view text, std::vector<Candidate>& out) const {
  // Per distinct clause: 1 + where a literal of it last starts in `text`, 0 if none does.
  thread_local std::vector<uint32_t> last;
  thread_local std::vector<uint64_t> holds;  // the same as a bit per clause: last != 0
  last.assign(clause_literals_.size(), 0);
  holds.assign(key_bits_.size(), 0);
  finder_.ForEach(text, [&](int literal, size_t at) {
    // Occurrences come in increasing order of their ends, not their starts.
    for (uint32_t clause : uses_[literal]) {
      last[clause] = std::max(last[clause], static_cast<uint32_t>(at) + 1);
      holds[clause / 64] |= uint64_t{1} << (clause % 64);
    }
  });
  out.clear();
  for (uint32_t rule : unconditional_) out.push_back({static_cast<int>(rule), text.size()});
  for (size_t word = 0; word < holds.size(); ++word) {
    for (uint64_t bits = holds[word] & key_bits_[word]; bits != 0; bits &= bits - 1) {
      const auto key = static_cast<uint32_t>(word * 64 + std::countr_zero(bits));
      for (uint32_t k = keyed_begin_[key]; k < keyed_begin_[key + 1]; ++k) {
        const uint32_t rule = keyed_rules_[k];
        // A match starts at or before the last literal of each clause.
        size_t last_start = text.size();
        for (uint32_t c = clause_begin_[rule]; c < clause_begin_[rule + 1]; ++c) {
          const uint32_t clause_last = last[rule_clauses_[c]];
          if (clause_last == 0) {
            last_start = SIZE_MAX;
            break;
          }
          last_start = std::min<size_t>(last_start, clause_last - 1);
        }
        if (last_start != SIZE_MAX) out.push_back({static_cast<int>(rule), last_start});
      }
    }
  }
  std::sort(out.begin(), out.end(),
            [](const Candidate& a, const Candidate& b) { return a.rule < b.rule; });
}

void RulePrefilter::Candidates(std::string_view text, std::vector<int>& out) const {
  thread_local std::vector<Candidate> candidates;
  Candidates(text, candidates);
  out.clear();
  for (const Candidate& candidate : candidates) out.push_back(candidate.rule);
}

std::vector<std::vector<std::string>> RulePrefilter::Clauses(int rule) const {
  std::vector<std::vector<std::string>> clauses;
  for (uint32_t k = clause_begin_[rule]; k < clause_begin_[rule + 1]; ++k) {
    std::vector<std::string>& clause = clauses.emplace_back();
    for (uint32_t literal : clause_literals_[rule_clauses_[k]])
      clause.push_back(literals_[literal]);
  }
  return clauses;
}

}  // namespace corpgraph::extract::internal
