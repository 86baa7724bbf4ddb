#include "extract/internal/word_prefilter.h"

#include <algorithm>
#include <optional>
#include <set>

#include "extract/internal/regex_subset.h"

namespace corpgraph::extract::internal {
namespace {

// Exact string sets grow by concatenation and alternation up to this many strings (of at most
// kMaxStringBytes); a node keeps at most kMaxNodeClauses clauses (fewer: weaker, still true).
constexpr size_t kMaxStrings = 64;
constexpr size_t kMaxStringBytes = 64;
constexpr size_t kMaxNodeClauses = 16;
constexpr size_t kMaxClassStrings = 16;

using Clause = std::set<std::string>;
using Kind = RegexNode::Kind;

bool IsAlnum(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

const ByteSet& AlnumBytes() {
  static const ByteSet set = ByteRange('0', '9') | ByteRange('A', 'Z') | ByteRange('a', 'z');
  return set;
}

// How a fragment may match the empty string: never; only where an assertion (\b, ^, $, \A,
// \z) holds, which next to a letter or digit means that letter or digit is a word's end (or
// the match is impossible); or freely.
enum class Empty { kNo = 0, kGuarded = 1, kFree = 2 };

// What a regex fragment tells about the text it matches.
struct Node {
  ByteSet first;  // bytes a non-empty match may start with (a superset)
  ByteSet last;   // bytes a non-empty match may end with (a superset)
  Empty empty = Empty::kNo;
  // Exactly the strings it matches, where known (no assertion inside, few strings). Their
  // words become clauses only where the enclosing sequence bounds them (Sequence).
  std::optional<std::set<std::string>> strings;
  // For a node without `strings`: every match holds a word of each as a whole word.
  std::vector<Clause> clauses;
};

Node OfBytes(const ByteSet& bytes, bool exact) {
  Node node;
  node.first = node.last = bytes;
  if (exact && bytes.count() <= kMaxClassStrings) {
    node.strings.emplace();
    for (unsigned c = 0; c < 256; ++c) {
      if (bytes[c]) node.strings->insert(std::string(1, static_cast<char>(c)));
    }
  }
  return node;
}
Node OfStrings(std::set<std::string> strings) {
  Node node;
  for (const std::string& s : strings) {
    if (s.empty()) {
      node.empty = Empty::kFree;
      continue;
    }
    node.first.set(static_cast<unsigned char>(s.front()));
    node.last.set(static_cast<unsigned char>(s.back()));
  }
  node.strings = std::move(strings);
  return node;
}
Node Assertion() {
  Node node;
  node.empty = Empty::kGuarded;
  return node;
}

// The words of `strings` that are whole words wherever one of them matches: a maximal run of
// letters and digits with a byte that is neither on each side, or the string's edge where
// `left_bound`/`right_bound` says the text there is no letter or digit. One string gives a
// clause per such word (each must be there); several give two clauses, the first such word of
// each string and the last ("brand including", "beer like": {brand, beer}, {including,
// like}), or nothing if a string has none.
std::vector<Clause> WordClauses(const std::set<std::string>& strings, bool left_bound,
                                bool right_bound) {
  std::vector<Clause> clauses;
  Clause firsts, lasts;
  for (const std::string& s : strings) {
    std::string first, last;
    for (size_t at = 0; at < s.size();) {
      if (!IsAlnum(static_cast<unsigned char>(s[at]))) {
        ++at;
        continue;
      }
      size_t end = at;
      while (end < s.size() && IsAlnum(static_cast<unsigned char>(s[end]))) ++end;
      if ((at > 0 || left_bound) && (end < s.size() || right_bound)) {
        last = s.substr(at, end - at);
        if (first.empty()) first = last;
        if (strings.size() == 1) clauses.push_back({last});
      }
      at = end;
    }
    if (first.empty()) return {};
    firsts.insert(std::move(first));
    lasts.insert(std::move(last));
  }
  if (strings.size() == 1) return clauses;
  clauses.push_back(std::move(firsts));
  if (lasts != clauses.front()) clauses.push_back(std::move(lasts));
  return clauses;
}

// The clauses every match of `node` satisfies on its own (its edges unbounded).
std::vector<Clause> OwnClauses(const Node& node) {
  return node.strings ? WordClauses(*node.strings, false, false) : node.clauses;
}

void AddClauses(std::vector<Clause>& to, std::vector<Clause> from) {
  for (Clause& clause : from) {
    if (to.size() == kMaxNodeClauses) return;
    if (std::find(to.begin(), to.end(), clause) == to.end()) to.push_back(std::move(clause));
  }
}

// Either side may have matched: each clause of the result joins a clause of each side.
Node Alternate(const Node& a, const Node& b) {
  Node node;
  node.first = a.first | b.first;
  node.last = a.last | b.last;
  node.empty = std::max(a.empty, b.empty);
  if (a.strings && b.strings && a.strings->size() + b.strings->size() <= kMaxStrings) {
    node.strings = *a.strings;
    node.strings->insert(b.strings->begin(), b.strings->end());
    return node;
  }
  for (const Clause& l : OwnClauses(a)) {
    for (const Clause& r : OwnClauses(b)) {
      Clause joined = l;
      joined.insert(r.begin(), r.end());
      AddClauses(node.clauses, {std::move(joined)});
    }
  }
  return node;
}

// `node` repeated min to max times (max < 0: no limit).
Node Repeat(const Node& node, int min, int max) {
  if (max == 0) return OfStrings({""});
  if (min == 1 && max == 1) return node;
  Node repeated;
  repeated.first = node.first;
  repeated.last = node.last;
  repeated.empty = min == 0 ? Empty::kFree : node.empty;
  if (min == 0 && max == 1 && node.strings) {
    repeated.strings = *node.strings;
    repeated.strings->insert("");
    return repeated;
  }
  if (min >= 1) repeated.clauses = OwnClauses(node);  // what one copy holds
  return repeated;
}

// Adjacent exact elements multiplied out ("i" "Phone|Pad" -> "iPhone|iPad") while the product
// stays small: their words are then bounded by the bytes around them within the product.
std::vector<Node> MergeExact(std::vector<Node> elements) {
  std::vector<Node> merged;
  for (Node& element : elements) {
    if (!merged.empty() && merged.back().strings && element.strings &&
        merged.back().strings->size() * element.strings->size() <= kMaxStrings) {
      std::set<std::string> product;
      bool fits = true;
      for (const std::string& x : *merged.back().strings) {
        for (const std::string& y : *element.strings) {
          fits = fits && x.size() + y.size() <= kMaxStringBytes;
          product.insert(x + y);
        }
      }
      if (fits) {
        merged.back() = OfStrings(std::move(product));
        continue;
      }
    }
    merged.push_back(std::move(element));
  }
  return merged;
}

// A concatenation: the clauses of its parts, and the words of its exact parts that its other
// parts bound.
Node Concatenate(std::vector<Node> parts) {
  const std::vector<Node> elements = MergeExact(std::move(parts));
  if (elements.empty()) return OfStrings({""});
  if (elements.size() == 1) return elements[0];
  Node node;
  node.empty = Empty::kGuarded;
  bool guarded = false;
  for (const Node& e : elements) {
    if (e.empty == Empty::kNo) node.empty = Empty::kNo;
    guarded = guarded || e.empty == Empty::kGuarded;
  }
  if (node.empty != Empty::kNo && !guarded) node.empty = Empty::kFree;
  for (const Node& e : elements) {
    node.first |= e.first;
    if (e.empty == Empty::kNo) break;
  }
  for (auto e = elements.rbegin(); e != elements.rend(); ++e) {
    node.last |= e->last;
    if (e->empty == Empty::kNo) break;
  }
  // Whether the byte before element i (after it, with `after`) is never a letter or digit:
  // walking outwards, each part that may match empty freely passes the question on.
  auto bounded = [&](size_t i, bool after) {
    for (size_t k = 1;; ++k) {
      if (after ? i + k >= elements.size() : k > i) return false;  // the edge: unknown
      const Node& e = elements[after ? i + k : i - k];
      if (((after ? e.first : e.last) & AlnumBytes()).any()) return false;
      if (e.empty != Empty::kFree) return true;
    }
  };
  for (size_t i = 0; i < elements.size(); ++i) {
    const Node& e = elements[i];
    AddClauses(node.clauses, e.strings
                                 ? WordClauses(*e.strings, bounded(i, false), bounded(i, true))
                                 : e.clauses);
  }
  return node;
}

// The clauses of a pattern's tree. `failed_` is set for what this reading does not follow
// (case flags, classes with members the parser skipped); the pattern then has no clauses.
class Reader {
 public:
  std::vector<Clause> Read(std::string_view pattern) {
    const std::optional<RegexNode> tree = ParseRegexSubset(pattern);
    if (!tree) return {};
    const Node node = Of(*tree);
    if (failed_) return {};
    return OwnClauses(node);
  }

 private:
  Node Of(const RegexNode& node) {
    switch (node.kind) {
      case Kind::kLiteral:
        return OfStrings({node.text});
      case Kind::kClass: {
        // A code point >= 0x80 stands as every byte >= 0x80; exact when small.
        if (node.opaque) return Fail();
        const bool high = (node.bytes & HighBytes()).any();
        return OfBytes(node.negated ? ~node.bytes | HighBytes() : node.bytes,
                       node.bracketed && !node.negated && !high);
      }
      case Kind::kAnyByte:
        return OfBytes(ByteSet().set(), false);
      case Kind::kAssertion:
        // \B: no word boundary bounds nothing, matches empty.
        return node.assertion == 'B' ? OfStrings({""}) : Assertion();
      case Kind::kFlags:
        return Fail();  // case folding would change which words match
      case Kind::kGroup:
        if (!node.flags.empty()) return Fail();
        return Of(node.children[0]);
      case Kind::kRepeat: {
        // Stacked quantifiers: x{a,b}{c,d} repeats x from a*c to b*d times (and, with gaps,
        // not every count between: min and max still bound it, which is all Repeat uses).
        const RegexNode* base = &node;
        int min = 1, max = 1;
        while (base->kind == Kind::kRepeat) {
          min *= base->min;
          max = (max < 0 || base->max < 0) ? -1 : max * base->max;
          base = &base->children[0];
        }
        return Repeat(Of(*base), min, max);
      }
      case Kind::kConcat: {
        std::vector<Node> parts;
        AddParts(node, parts);
        return Concatenate(std::move(parts));
      }
      case Kind::kAlternate: {
        Node alternation = Of(node.children[0]);
        for (size_t k = 1; k < node.children.size(); ++k) {
          alternation = Alternate(alternation, Of(node.children[k]));
        }
        return alternation;
      }
    }
    return Fail();
  }

  // The parts of a concatenation; a group without a quantifier around a non-empty
  // concatenation joins the enclosing sequence, where its edges may be bounded.
  void AddParts(const RegexNode& concat, std::vector<Node>& parts) {
    for (const RegexNode& part : concat.children) {
      if (part.kind == Kind::kGroup && part.flags.empty() &&
          part.children[0].kind == Kind::kConcat && !part.children[0].children.empty()) {
        AddParts(part.children[0], parts);
      } else {
        parts.push_back(Of(part));
      }
    }
  }

  Node Fail() {
    failed_ = true;
    return Node{};
  }

  bool failed_ = false;
};

}  // namespace

std::vector<std::vector<std::string>> WholeWordClauses(std::string_view pattern) {
  const std::vector<Clause> clauses = Reader().Read(pattern);
  std::vector<std::vector<std::string>> out;
  for (size_t i = 0; i < clauses.size(); ++i) {
    // A clause holding all the words of another adds nothing to it.
    bool implied = false;
    for (size_t j = 0; j < clauses.size() && !implied; ++j) {
      implied =
          j != i && clauses[j].size() < clauses[i].size() &&
          std::includes(clauses[i].begin(), clauses[i].end(), clauses[j].begin(), clauses[j].end());
    }
    if (!implied) out.emplace_back(clauses[i].begin(), clauses[i].end());
  }
  return out;
}

void WordPrefilter::Build(const std::vector<std::string>& patterns) {
  clauses_.clear();
  words_.clear();
  needed_.clear();
  unconditional_ = false;
  for (const std::string& pattern : patterns) {
    uint64_t needed = 0;
    for (std::vector<std::string>& clause : WholeWordClauses(pattern)) {
      auto at = std::find(clauses_.begin(), clauses_.end(), clause);
      if (at == clauses_.end()) {
        if (clauses_.size() == kMaxClauses) continue;  // fewer clauses: weaker, still true
        at = clauses_.insert(clauses_.end(), std::move(clause));
      }
      needed |= uint64_t{1} << (at - clauses_.begin());
    }
    if (needed == 0) unconditional_ = true;
    needed_.push_back(needed);
  }
  for (size_t bit = 0; bit < clauses_.size(); ++bit) {
    for (const std::string& word : clauses_[bit]) words_[word] |= uint64_t{1} << bit;
  }
}

std::vector<std::vector<std::string>> WordPrefilter::Clauses(int pattern) const {
  std::vector<std::vector<std::string>> out;
  for (size_t bit = 0; bit < clauses_.size(); ++bit) {
    if ((needed_[pattern] >> bit) & 1) out.push_back(clauses_[bit]);
  }
  return out;
}

}  // namespace corpgraph::extract::internal
