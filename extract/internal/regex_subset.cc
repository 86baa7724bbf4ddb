#include "extract/internal/regex_subset.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>

namespace corpgraph::extract::internal {

ByteSet ByteRange(unsigned first, unsigned last) {
  ByteSet set;
  for (unsigned c = first; c <= last; ++c) set.set(c);
  return set;
}

const ByteSet& HighBytes() {
  static const ByteSet set = ByteRange(0x80, 0xFF);
  return set;
}

namespace {

using Kind = RegexNode::Kind;

RegexNode Make(Kind kind) {
  RegexNode node;
  node.kind = kind;
  return node;
}

// A recursive-descent reader; `failed_` is set for anything it does not read.
class Parser {
 public:
  explicit Parser(std::string_view pattern) : p_(pattern) {}

  std::optional<RegexNode> Parse() {
    RegexNode node = Alternation();
    if (failed_ || i_ != p_.size()) return std::nullopt;
    return node;
  }

 private:
  RegexNode Alternation() {
    RegexNode first = Sequence();
    if (failed_ || i_ >= p_.size() || p_[i_] != '|') return first;
    RegexNode node = Make(Kind::kAlternate);
    node.children.push_back(std::move(first));
    while (!failed_ && i_ < p_.size() && p_[i_] == '|') {
      ++i_;
      node.children.push_back(Sequence());
    }
    return node;
  }

  RegexNode Sequence() {
    RegexNode node = Make(Kind::kConcat);
    while (!failed_ && i_ < p_.size() && p_[i_] != '|' && p_[i_] != ')') {
      RegexNode atom = Atom();
      if (failed_) break;
      // Each quantifier wraps what is before it: "x{2}?{3}" is a repeat of a repeat.
      int min = 0, max = 0;
      while (Quantifier(min, max)) {
        RegexNode repeat = Make(Kind::kRepeat);
        repeat.min = min;
        repeat.max = max;
        repeat.children.push_back(std::move(atom));
        atom = std::move(repeat);
      }
      node.children.push_back(std::move(atom));
    }
    return node;
  }

  // Reads one quantifier (and its lazy '?') into [min, max]; false if there is none.
  bool Quantifier(int& min, int& max) {
    if (failed_ || i_ >= p_.size()) return false;
    const char c = p_[i_];
    if (c == '?' || c == '*' || c == '+') {
      ++i_;
      min = c == '+' ? 1 : 0;
      max = c == '?' ? 1 : -1;
    } else if (c == '{') {
      // "{n}", "{n,}", "{n,m}"; anything else is a literal brace to RE2.
      size_t j = i_ + 1;
      int n = 0, m = 0;
      bool digits = false, comma = false, m_digits = false;
      while (j < p_.size() && std::isdigit(static_cast<unsigned char>(p_[j]))) {
        n = std::min(n * 10 + (p_[j++] - '0'), kMaxRepeat);
        digits = true;
      }
      if (j < p_.size() && p_[j] == ',') {
        comma = true;
        ++j;
        while (j < p_.size() && std::isdigit(static_cast<unsigned char>(p_[j]))) {
          m = std::min(m * 10 + (p_[j++] - '0'), kMaxRepeat);
          m_digits = true;
        }
      }
      if (!digits || j >= p_.size() || p_[j] != '}') return false;
      i_ = j + 1;
      min = n;
      max = !comma ? n : (m_digits ? m : -1);
    } else {
      return false;
    }
    if (i_ < p_.size() && p_[i_] == '?') ++i_;  // lazy: the same strings match
    return true;
  }

  RegexNode Atom() {
    const auto c = static_cast<unsigned char>(p_[i_]);
    if (c == '(') return Group();
    if (c == '[') return Class();
    if (c == '\\') return Escape();
    if (c == '*' || c == '+' || c == '?') return Fail();
    if (c == '.' || c == '^' || c == '$') {
      ++i_;
      if (c == '.') return Make(Kind::kAnyByte);
      RegexNode node = Make(Kind::kAssertion);
      node.assertion = static_cast<char>(c);
      return node;
    }
    RegexNode node = Make(Kind::kLiteral);
    if (c >= 0x80) {
      node.text = Rune();
      if (node.text.empty()) return Fail();
      return node;
    }
    ++i_;
    node.text = std::string(1, static_cast<char>(c));
    return node;
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

  RegexNode Group() {
    ++i_;  // '('
    RegexNode node = Make(Kind::kGroup);
    if (i_ < p_.size() && p_[i_] == '?') {
      ++i_;
      if (i_ + 1 < p_.size() && (p_[i_] == '<' || (p_[i_] == 'P' && p_[i_ + 1] == '<'))) {
        const size_t close = p_.find('>', i_);
        if (close == std::string_view::npos) return Fail();
        i_ = close + 1;
      } else {
        // Flags: "(?i)", "(?-i:". Anything else ("(?=", "(?#") is not RE2's or not read.
        while (i_ < p_.size() && p_[i_] != ':' && p_[i_] != ')') {
          if (std::strchr("imsU-", p_[i_]) == nullptr) return Fail();
          node.flags += p_[i_++];
        }
        if (i_ >= p_.size()) return Fail();
        if (p_[i_++] == ')') {
          node.kind = Kind::kFlags;
          return node;
        }
      }
    }
    node.children.push_back(Alternation());
    if (failed_ || i_ >= p_.size() || p_[i_] != ')') return Fail();
    ++i_;
    return node;
  }

  // An escape that stands for a set of bytes (\d \D \w \W \s \S, \xHH >= 0x80): true with the
  // set in `set`. One that stands for a byte (\xHH, \n \t \r \f \v, punctuation): false with
  // the byte in `c`. Anything else: true with `unknown` set, nothing consumed.
  bool EscapedSet(ByteSet& set, unsigned char& c, bool& unknown) {
    unknown = false;
    const char e = p_[i_ + 1];
    static const ByteSet digits = ByteRange('0', '9');
    static const ByteSet word =
        ByteRange('0', '9') | ByteRange('A', 'Z') | ByteRange('a', 'z') | ByteRange('_', '_');
    static const ByteSet space =
        ByteRange('\t', '\n') | ByteRange('\f', '\r') | ByteRange(' ', ' ');
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
    unknown = true;
    return true;
  }

  RegexNode Escape() {
    if (i_ + 1 >= p_.size()) return Fail();
    const char e = p_[i_ + 1];
    if (std::strchr("bBAz", e) != nullptr) {
      i_ += 2;
      RegexNode node = Make(Kind::kAssertion);
      node.assertion = e;
      return node;
    }
    ByteSet set;
    unsigned char c = 0;
    bool unknown = false;
    if (EscapedSet(set, c, unknown)) {
      if (unknown) return Fail();  // \p, \Q, \C, octal, \x{...}, ...
      RegexNode node = Make(Kind::kClass);
      node.bytes = set;
      return node;
    }
    RegexNode node = Make(Kind::kLiteral);
    node.text = std::string(1, static_cast<char>(c));
    return node;
  }

  // One class member that can end a range: a byte in `c`, or with `high` a code point >= 0x80.
  // False for a member that is a set of its own (read into `set`; `opaque` if skipped unread).
  bool ClassMember(ByteSet& set, unsigned char& c, bool& high, bool& opaque) {
    high = false;
    opaque = false;
    const auto b = static_cast<unsigned char>(p_[i_]);
    if (b == '\\') {
      if (i_ + 1 >= p_.size()) {
        Fail();
        return false;
      }
      bool unknown = false;
      if (!EscapedSet(set, c, unknown)) return true;
      if (unknown) {
        // \p{Greek}, \pL, \x{263a}, ...: skipped. Whatever it stands for, the class no longer
        // lists all its bytes.
        const char e = p_[i_ + 1];
        i_ += 2;
        if ((e == 'p' || e == 'P' || e == 'x') && i_ < p_.size() && p_[i_] == '{') {
          const size_t close = p_.find('}', i_);
          if (close == std::string_view::npos) {
            Fail();
            return false;
          }
          i_ = close + 1;
        } else if ((e == 'p' || e == 'P') && i_ < p_.size()) {
          ++i_;
        }
        opaque = true;
      }
      return false;
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

  RegexNode Class() {
    ++i_;  // '['
    RegexNode node = Make(Kind::kClass);
    node.bracketed = true;
    node.listed = true;
    if (i_ < p_.size() && p_[i_] == '^') {
      node.negated = true;
      ++i_;
    }
    bool first = true;
    while (!failed_ && i_ < p_.size() && (p_[i_] != ']' || first)) {
      first = false;
      if (p_[i_] == '[' && i_ + 1 < p_.size() && p_[i_ + 1] == ':') {
        // A POSIX class: every byte will do (a superset is safe).
        const size_t close = p_.find(":]", i_ + 2);
        if (close == std::string_view::npos) return Fail();
        i_ = close + 2;
        node.bytes.set();
        node.listed = false;
        continue;
      }
      ByteSet set;
      unsigned char lo = 0;
      bool lo_high = false, opaque = false;
      if (!ClassMember(set, lo, lo_high, opaque)) {
        node.bytes |= set;
        node.listed = false;
        node.opaque |= opaque;
        continue;
      }
      if (failed_) break;
      if (i_ + 1 < p_.size() && p_[i_] == '-' && p_[i_ + 1] != ']') {
        ++i_;
        unsigned char hi = 0;
        bool hi_high = false;
        if (!ClassMember(set, hi, hi_high, opaque)) return Fail();  // "a-\d"
        node.listed = false;
        if (hi_high) {
          node.bytes |= HighBytes();
          if (!lo_high) node.bytes |= ByteRange(lo, 0x7F);
        } else if (lo_high || hi < lo) {
          return Fail();
        } else {
          node.bytes |= ByteRange(lo, hi);
        }
        continue;
      }
      if (lo_high) {
        node.bytes |= HighBytes();
        node.listed = false;
      } else {
        node.bytes.set(lo);
      }
    }
    if (failed_ || i_ >= p_.size()) return Fail();
    ++i_;  // ']'
    return node;
  }

  RegexNode Fail() {
    failed_ = true;
    i_ = p_.size();
    return RegexNode{};
  }

  std::string_view p_;
  size_t i_ = 0;
  bool failed_ = false;
};

void AppendByte(std::string& out, unsigned char c, std::string_view special) {
  if (c >= 0x20 && c < 0x7F && special.find(static_cast<char>(c)) == std::string_view::npos) {
    out += static_cast<char>(c);
    return;
  }
  char hex[8];
  std::snprintf(hex, sizeof hex, "\\x%02x", c);
  out += hex;
}

void Append(std::string& out, const RegexNode& node) {
  switch (node.kind) {
    case Kind::kLiteral:
      out += '\'';
      for (const char c : node.text) AppendByte(out, static_cast<unsigned char>(c), "'\\");
      out += '\'';
      return;
    case Kind::kClass:
      out += node.negated ? "[^" : "[";
      for (unsigned c = 0; c < 256; ++c) {
        if (!node.bytes[c]) continue;
        unsigned last = c;
        while (last + 1 < 256 && node.bytes[last + 1]) ++last;
        AppendByte(out, static_cast<unsigned char>(c), "]\\^-");
        if (last >= c + 2) out += '-';
        if (last >= c + 1) AppendByte(out, static_cast<unsigned char>(last), "]\\^-");
        c = last;
      }
      out += ']';
      if (node.bracketed || node.listed || node.opaque) out += '/';
      if (node.bracketed) out += 'b';
      if (node.listed) out += 'l';
      if (node.opaque) out += 'o';
      return;
    case Kind::kAnyByte:
      out += '.';
      return;
    case Kind::kAssertion:
      if (node.assertion != '^' && node.assertion != '$') out += '\\';
      out += node.assertion;
      return;
    case Kind::kFlags:
      out += "(?" + node.flags + ")";
      return;
    case Kind::kGroup:
      out += "(?" + node.flags + ":";
      Append(out, node.children[0]);
      out += ')';
      return;
    case Kind::kRepeat:
      Append(out, node.children[0]);
      out += '{' + std::to_string(node.min) + ',' +
             (node.max < 0 ? std::string() : std::to_string(node.max)) + '}';
      return;
    case Kind::kConcat:
    case Kind::kAlternate:
      for (size_t k = 0; k < node.children.size(); ++k) {
        if (k > 0) out += node.kind == Kind::kConcat ? " " : " | ";
        Append(out, node.children[k]);
      }
      return;
  }
}

}  // namespace

std::optional<RegexNode> ParseRegexSubset(std::string_view pattern) {
  return Parser(pattern).Parse();
}

std::string RegexSubsetString(const RegexNode& node) {
  std::string out;
  Append(out, node);
  return out;
}

}  // namespace corpgraph::extract::internal
