#include "extract/internal/regex_subset.h"

#include <gtest/gtest.h>

#include <string>

namespace corpgraph::extract::internal {
namespace {

TEST(RegexSubset, ParsesTheSyntaxThePrefiltersRead) {
  struct Case {
    const char* pattern;
    const char* tree;  // RegexSubsetString
  };
  const Case cases[] = {
      {"", ""},
      {"ab", "'a' 'b'"},
      // Alternation binds loosest; a group holds its own alternation.
      {"a|bc", "'a' | 'b' 'c'"},
      {"x(?:its|the) ", "'x' (?:'i' 't' 's' | 't' 'h' 'e') ' '"},
      {"(?:its|the) [A-Z]\\w+", "(?:'i' 't' 's' | 't' 'h' 'e') ' ' [A-Z]/b [0-9A-Z_a-z]{1,}"},
      // Capturing and named groups read alike; flags are kept.
      {"(a)(?P<n>b)(?<m>c)", "(?:'a') (?:'b') (?:'c')"},
      {"(?i)a(?-i:b)", "(?i) 'a' (?-i:'b')"},
      {"(?:)", "(?:)"},
      // Quantifiers, lazy or not, stacked; a brace that is none is a literal.
      {"a?b*?c+d{2}e{2,}f{2,3}", "'a'{0,1} 'b'{0,} 'c'{1,} 'd'{2,2} 'e'{2,} 'f'{2,3}"},
      {"a{2}{3}", "'a'{2,2}{3,3}"},
      {"a{x}", "'a' '{' 'x' '}'"},
      {"a{999999}", "'a'{100000,100000}"},
      // Assertions and '.'.
      {"^\\b\\B\\A\\z$.", "^ \\b \\B \\A \\z $ ."},
      // Escapes of single bytes: hex, controls, punctuation.
      {"\\x41\\n\\t\\.\\(", "'A' '\\x0a' '\\x09' '.' '('"},
      // Escapes of sets are classes, not bracketed; \xHH >= 0x80 stands for every high byte.
      {"\\d", "[0-9]"},
      {"\\s", "[\\x09\\x0a\\x0c\\x0d ]"},
      {"\\W", "[\\x00-/:-@[-\\x5e`{-\\xff]"},
      {"\\xe9", "[\\x80-\\xff]"},
      // Code points >= 0x80 are one literal.
      {"é", "'\\xc3\\xa9'"},
      // Classes: listed bytes, ranges, negation, named and POSIX members, code points.
      {"[ab.]", "[.ab]/bl"},
      {"[]a]", "[\\x5da]/bl"},
      {"[a-c]", "[a-c]/b"},
      {"[^ab]", "[^ab]/bl"},
      {"[\\d_]", "[0-9_]/b"},
      {"[[:alpha:]]", "[\\x00-\\xff]/b"},
      {"[•*]", "[*\\x80-\\xff]/b"},
      {"[\\-\\x41\\n]", "[\\x0a\\x2dA]/bl"},
      // Members skipped unread make the class opaque.
      {"[\\p{Greek}a]", "[a]/bo"},
      {"[\\pLa]", "[a]/bo"},
      {"[\\x{263a}a]", "[a]/bo"},
  };
  for (const Case& c : cases) {
    const std::optional<RegexNode> tree = ParseRegexSubset(c.pattern);
    ASSERT_TRUE(tree.has_value()) << c.pattern;
    EXPECT_EQ(RegexSubsetString(*tree), c.tree) << c.pattern;
  }
}

TEST(RegexSubset, RefusesWhatItDoesNotRead) {
  const char* const cases[] = {
      "(a",         "a)",      "[ab",     "*a",   "a|+",   "\\",      "\\pL",
      "\\p{Greek}", "\\x{41}", "\\Qa\\E", "\\1",  "(?=a)", "(?#x)",   "(?P<n",
      "[a-\\d]",    "[c-a]",   "[[:x",    "\xff", "a\xc3", "[\\p{L]", "[\\",
  };
  for (const char* pattern : cases) {
    EXPECT_FALSE(ParseRegexSubset(pattern).has_value()) << pattern;
  }
}

}  // namespace
}  // namespace corpgraph::extract::internal
