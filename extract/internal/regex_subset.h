// extract/internal/regex_subset.h — a parser for the part of RE2's syntax the prefilters
// read (RulePrefilter, WordPrefilter), into a tree each walks with its own meaning.
//
//   std::optional<RegexNode> re = ParseRegexSubset("(?:its|the) [A-Z]\\w+");
//   // re->kind == kConcat: a kGroup of a kAlternate of "its" and "the", a kLiteral ' ',
//   // a kClass [A-Z], a kRepeat (1 to no limit) of the kClass \w.
//   RegexSubsetString(*re);  // "(?:'i' 't' 's' | 't' 'h' 'e') ' ' [A-Z]/b [0-9A-Z_a-z]{1,}"
//
// The parser only reads; it gives nothing a meaning a prefilter could get wrong: a class keeps
// its members as written (negated, and whether they were listed byte by byte), a quantifier
// its bounds, a group its flags. What it does not know (\p and \x{...} outside a class, \Q,
// back-references, look-arounds, a '(' without ')', invalid UTF-8) makes the whole pattern
// unread (nullopt). Inside a class \p{..}, \x{..} and other unknown escapes are skipped and
// mark the class `opaque`. Thread-compatible: no state outside the call.
#pragma once

#include <bitset>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace corpgraph::extract::internal {

using ByteSet = std::bitset<256>;

// The bytes first to last (inclusive).
ByteSet ByteRange(unsigned first, unsigned last);
// The bytes >= 0x80: a code point >= 0x80 in a class stands for all of them.
const ByteSet& HighBytes();

struct RegexNode {
  enum class Kind {
    kLiteral,    // `text`: one byte, or the UTF-8 bytes of one code point >= 0x80
    kClass,      // one byte of `bytes` (see the class fields)
    kAnyByte,    // '.'
    kAssertion,  // `assertion`: '^', '$', 'b' (\b), 'B' (\B), 'A' (\A) or 'z' (\z)
    kFlags,      // "(?i)": `flags` for the rest of the group; matches the empty string
    kGroup,      // "(...)", "(?:...)", "(?P<name>...)", "(?<name>...)", "(?flags:...)"
    kRepeat,     // children[0] from `min` to `max` times (max -1: no limit)
    kConcat,     // children one after another (none: the empty string)
    kAlternate,  // one of children (two or more, each a kConcat)
  };
  Kind kind = Kind::kConcat;
  std::string text;    // kLiteral
  char assertion = 0;  // kAssertion
  std::string flags;   // kFlags, kGroup: as written ("i", "-i"), empty for none
  int min = 1;         // kRepeat, both at most kMaxRepeat
  int max = 1;         // kRepeat
  // kClass. `bytes` are the members as written, before `negated` applies. `bracketed`: written
  // [...] (not \d, \w, \s, or \xHH >= 0x80). `listed`: bracketed and every member a single
  // byte below 0x80 (no range, named or POSIX class, code point >= 0x80). `opaque`: a member
  // was skipped unread (\p{..}, \x{..}, ...), so `bytes` are not all of them.
  ByteSet bytes;
  bool negated = false;
  bool bracketed = false;
  bool listed = false;
  bool opaque = false;
  std::vector<RegexNode> children;  // kGroup, kRepeat: one; kConcat, kAlternate: the parts
};

// Repeat counts above this are read as this (the prefilters only ask 0, 1 or more).
inline constexpr int kMaxRepeat = 100000;

// The tree of `pattern`, or nullopt where it uses syntax the parser does not read (see above).
std::optional<RegexNode> ParseRegexSubset(std::string_view pattern);

// The tree written back as a pattern with its structure shown (for tests): groups as "(?:..)"
// with their flags, repeats as "{min,max}", classes as "[...]" ranges (negated "[^...]",
// opaque ones with a trailing "?"), assertions as "^ $ \b \B \A \z".
std::string RegexSubsetString(const RegexNode& node);

}  // namespace corpgraph::extract::internal
