#include "extract/internal/word_prefilter.h"

#include <algorithm>
#include <bitset>
#include <cctype>
#include <cstring>
#include <optional>
#include <set>

namespace corpgraph::extract::internal {
namespace {

// Exact string sets grow by concatenation and alternation up to this many strings (of at most
// kMaxStringBytes); a node keeps at most kMaxNodeClauses clauses (fewer: weaker, still true).
constexpr size_t kMaxStrings = 64;
constexpr size_t kMaxStringBytes = 64;
constexpr size_t kMaxNodeClauses = 16;
constexpr size_t kMaxClassStrings = 16;

using ByteSet = std::bitset<256>;
using Clause = std::set<std::string>;

bool IsAlnum(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

ByteSet Range(unsigned first, unsigned last) {
  ByteSet set;
  for (unsigned c = first; c <= last; ++c) set.set(c);
  return set;
}
const ByteSet& AlnumBytes() {
  static const ByteSet set = Range('0', '9') | Range('A', 'Z') | Range('a', 'z');
  return set;
}
const ByteSet& HighBytes() {
  static const ByteSet set = Range(0x80, 0xFF);
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

// A recursive-descent reader of the RE2 syntax. `failed_` is set for anything it cannot read;
// the pattern then has no clauses.
class Reader {
 public:
  explicit Reader(std::string_view pattern) : p_(pattern) {}

  std::vector<Clause> Read() {
    const Node node = Alternation(nullptr);
    if (failed_ || i_ != p_.size()) return {};
    return OwnClauses(node);
  }

 private:
  // With `parts` set, and the alternation a single sequence, its parts (so that a group
  // without a quantifier joins the enclosing sequence, where its edges may be bounded).
  Node Alternation(std::vector<Node>* parts) {
    std::vector<Node> first_parts;
    Node node = Sequence(first_parts);
    bool single = true;
    while (!failed_ && i_ < p_.size() && p_[i_] == '|') {
      ++i_;
      std::vector<Node> more;
      Node next = Sequence(more);
      node = Alternate(node, next);
      single = false;
    }
    if (single && parts != nullptr) *parts = std::move(first_parts);
    return node;
  }

  Node Sequence(std::vector<Node>& parts) {
    while (!failed_ && i_ < p_.size() && p_[i_] != '|' && p_[i_] != ')') {
      std::vector<Node> inner;
      bool group = false;
      Node atom = Atom(&inner, &group);
      if (failed_) break;
      int min = 1, max = 1;
      if (!Quantifiers(min, max) && group && !inner.empty()) {
        for (Node& n : inner) parts.push_back(std::move(n));
        continue;
      }
      parts.push_back(Repeat(atom, min, max));
    }
    return Concatenate(parts);
  }

  // Reads the quantifiers after an atom into the combined [min, max] (max -1: unbounded);
  // false if there are none.
  bool Quantifiers(int& min, int& max) {
    bool any = false;
    while (!failed_ && i_ < p_.size()) {
      const char c = p_[i_];
      int lo = 0, hi = -1;
      if (c == '?' || c == '*' || c == '+') {
        ++i_;
        lo = c == '+' ? 1 : 0;
        hi = c == '?' ? 1 : -1;
      } else if (c == '{') {
        // "{n}", "{n,}", "{n,m}"; anything else is a literal brace to RE2.
        size_t j = i_ + 1;
        int n = 0, m = 0;
        bool digits = false, comma = false, m_digits = false;
        while (j < p_.size() && std::isdigit(static_cast<unsigned char>(p_[j]))) {
          n = std::min(n * 10 + (p_[j++] - '0'), 100000);
          digits = true;
        }
        if (j < p_.size() && p_[j] == ',') {
          comma = true;
          ++j;
          while (j < p_.size() && std::isdigit(static_cast<unsigned char>(p_[j]))) {
            m = std::min(m * 10 + (p_[j++] - '0'), 100000);
            m_digits = true;
          }
        }
        if (!digits || j >= p_.size() || p_[j] != '}') return any;
        i_ = j + 1;
        lo = n;
        hi = !comma ? n : (m_digits ? m : -1);
      } else {
        return any;
      }
      if (i_ < p_.size() && p_[i_] == '?') ++i_;  // lazy
      if (!any) {
        min = lo;
        max = hi;
      } else {
        // Stacked quantifiers: x{a,b}{c,d} repeats x from a*c to b*d times (and, with gaps,
        // not every count between: min and max still bound it, which is all Repeat uses).
        min *= lo;
        max = (max < 0 || hi < 0) ? -1 : max * hi;
      }
      any = true;
    }
    return any;
  }

  Node Atom(std::vector<Node>* inner, bool* group) {
    const unsigned char c = static_cast<unsigned char>(p_[i_]);
    if (c == '(') {
      *group = true;
      return Group(inner);
    }
    if (c == '[') return Class();
    if (c == '\\') return Escape();
    if (c == '.') {
      ++i_;
      return OfBytes(ByteSet().set(), false);
    }
    if (c == '^' || c == '$') {
      ++i_;
      return Assertion();
    }
    if (c == '*' || c == '+' || c == '?') return Fail();
    if (c >= 0x80) {
      const std::string rune = Rune();
      if (rune.empty()) return Fail();
      return OfStrings({rune});
    }
    ++i_;
    return OfStrings({std::string(1, static_cast<char>(c))});
  }

  // The UTF-8 sequence at i_ (empty if it is none), consumed.
  std::string Rune() {
    const auto lead = static_cast<unsigned char>(p_[i_]);
    const size_t size = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0;
    if (size == 0 || i_ + size > p_.size()) return "";
    for (size_t k = 1; k < size; ++k) {
      if ((static_cast<unsigned char>(p_[i_ + k]) & 0xC0) != 0x80) return "";
    }
    std::string rune(p_.substr(i_, size));
    i_ += size;
    return rune;
  }

  Node Group(std::vector<Node>* inner) {
    ++i_;  // '('
    if (i_ < p_.size() && p_[i_] == '?') {
      ++i_;
      if (i_ < p_.size() && p_[i_] == ':') {
        ++i_;
      } else if (i_ + 1 < p_.size() && (p_[i_] == '<' || (p_[i_] == 'P' && p_[i_ + 1] == '<'))) {
        const size_t close = p_.find('>', i_);
        if (close == std::string_view::npos) return Fail();
        i_ = close + 1;
      } else {
        return Fail();  // flags: case folding would change which words match
      }
    }
    Node node = Alternation(inner);
    if (failed_ || i_ >= p_.size() || p_[i_] != ')') return Fail();
    ++i_;
    return node;
  }

  // The bytes an escape in a class stands for; false if it is no set (a single byte, in `c`).
  bool ClassEscape(ByteSet& set, unsigned char& c) {
    const char e = p_[i_ + 1];
    static const ByteSet digits = Range('0', '9');
    static const ByteSet word = AlnumBytes() | Range('_', '_');
    static const ByteSet space = Range('\t', '\n') | Range('\f', '\r') | Range(' ', ' ');
    const ByteSet* named = e == 'd' || e == 'D'   ? &digits
                           : e == 'w' || e == 'W' ? &word
                           : e == 's' || e == 'S' ? &space
                                                  : nullptr;
    if (named != nullptr) {
      i_ += 2;
      set = std::isupper(static_cast<unsigned char>(e)) ? ~*named : *named;
      return true;
    }
    if (e == 'x' && i_ + 3 < p_.size() && std::isxdigit(static_cast<unsigned char>(p_[i_ + 2])) &&
        std::isxdigit(static_cast<unsigned char>(p_[i_ + 3]))) {
      const int code = std::stoi(std::string(p_.substr(i_ + 2, 2)), nullptr, 16);
      i_ += 4;
      if (code >= 0x80) {
        set = HighBytes();  // a code point of two UTF-8 bytes
        return true;
      }
      c = static_cast<unsigned char>(code);
      return false;
    }
    static constexpr std::string_view kControls = "n\nt\tr\rf\fv\v";
    if (const size_t at = kControls.find(e); at != std::string_view::npos && at % 2 == 0) {
      i_ += 2;
      c = static_cast<unsigned char>(kControls[at + 1]);
      return false;
    }
    if (std::ispunct(static_cast<unsigned char>(e))) {
      i_ += 2;
      c = static_cast<unsigned char>(e);
      return false;
    }
    Fail();  // \p, \Q, octal, \x{...}, ...
    return true;
  }

  // One member of a class that can end a range: a byte, or with `high` a code point >= 0x80.
  // Returns false (having read it into `set`) for a member that is a set of its own.
  bool ClassMember(ByteSet& set, unsigned char& c, bool& high) {
    high = false;
    const auto b = static_cast<unsigned char>(p_[i_]);
    if (b == '\\') {
      if (i_ + 1 >= p_.size()) {
        Fail();
        return false;
      }
      if (ClassEscape(set, c)) return false;
      return true;
    }
    if (b >= 0x80) {
      if (Rune().empty()) Fail();
      high = true;
      return true;
    }
    ++i_;
    c = b;
    return true;
  }

  // A class: its bytes (a code point >= 0x80 stands as every byte >= 0x80), exact when small.
  Node Class() {
    ++i_;  // '['
    bool negated = false;
    if (i_ < p_.size() && p_[i_] == '^') {
      negated = true;
      ++i_;
    }
    ByteSet members;
    bool first = true;
    while (!failed_ && i_ < p_.size() && (p_[i_] != ']' || first)) {
      first = false;
      if (p_[i_] == '[' && i_ + 1 < p_.size() && p_[i_ + 1] == ':') {
        // A POSIX class: every byte will do (a superset is safe; the class is no longer exact).
        const size_t close = p_.find(":]", i_ + 2);
        if (close == std::string_view::npos) return Fail();
        i_ = close + 2;
        members.set();
        continue;
      }
      ByteSet set;
      unsigned char lo = 0;
      bool lo_high = false;
      if (!ClassMember(set, lo, lo_high)) {
        members |= set;
        continue;
      }
      if (failed_) break;
      if (i_ + 1 < p_.size() && p_[i_] == '-' && p_[i_ + 1] != ']') {
        ++i_;
        unsigned char hi = 0;
        bool hi_high = false;
        if (!ClassMember(set, hi, hi_high)) return Fail();  // "a-\d"
        if (hi_high) {
          members |= HighBytes();
          if (!lo_high) members |= Range(lo, 0x7F);
        } else if (lo_high || hi < lo) {
          return Fail();
        } else {
          members |= Range(lo, hi);
        }
        continue;
      }
      if (lo_high) {
        members |= HighBytes();
      } else {
        members.set(lo);
      }
    }
    if (failed_ || i_ >= p_.size()) return Fail();
    ++i_;  // ']'
    const bool high = (members & HighBytes()).any();
    if (negated) members = ~members | HighBytes();
    return OfBytes(members, !negated && !high);
  }

  Node Escape() {
    if (i_ + 1 >= p_.size()) return Fail();
    const char e = p_[i_ + 1];
    if (e == 'b' || e == 'A' || e == 'z') {
      i_ += 2;
      return Assertion();
    }
    if (e == 'B') {
      i_ += 2;
      return OfStrings({""});  // no word boundary: bounds nothing, matches empty
    }
    ByteSet set;
    unsigned char c = 0;
    if (ClassEscape(set, c)) return failed_ ? Fail() : OfBytes(set, false);
    return OfStrings({std::string(1, static_cast<char>(c))});
  }

  Node Fail() {
    failed_ = true;
    i_ = p_.size();
    return Node{};
  }

  std::string_view p_;
  size_t i_ = 0;
  bool failed_ = false;
};

}  // namespace

std::vector<std::vector<std::string>> WholeWordClauses(std::string_view pattern) {
  const std::vector<Clause> clauses = Reader(pattern).Read();
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
