#include "export/escape.h"

#include <gtest/gtest.h>

#include <string>

namespace corpgraph::exporter {
namespace {

struct EscapeCase {
  const char* input;
  const char* expected;
};

TEST(DotEscape, EscapesQuotesBackslashesNewlinesAndEntities) {
  static const EscapeCase kCases[] = {
      {"plain", "plain"},
      {"say \"hi\"", "say \\\"hi\\\""},
      {"back\\slash", "back\\\\slash"},
      {"trailing\\", "trailing\\\\"},
      {"two\nlines", "two\\nlines"},
      {"crlf\r\nline", "crlf\\nline"},
      {"tab\there", "tab here"},
      {"AT&T", "AT&amp;T"},
      {"&lt;literal", "&amp;lt;literal"},
      {"<script>alert(1)</script>", "<script>alert(1)</script>"},
      {"Soci\u00e9t\u00e9 \u4e2d\u56fd", "Soci\u00e9t\u00e9 \u4e2d\u56fd"},
      {"bad \xff byte", "bad \xef\xbf\xbd byte"},
  };
  for (const EscapeCase& c : kCases) {
    EXPECT_EQ(DotEscape(c.input), c.expected) << c.input;
  }
}

TEST(DotIdEscape, EscapesOnlyQuotesAndBackslashes) {
  static const EscapeCase kCases[] = {
      {"org:alibaba", "org:alibaba"}, {"a\"b", "a\\\"b"}, {"a\\", "a\\\\"}, {"x&y", "x&y"},
      {"new\nline", "new line"},
  };
  for (const EscapeCase& c : kCases) {
    EXPECT_EQ(DotIdEscape(c.input), c.expected) << c.input;
  }
}

TEST(XmlEscape, EscapesMarkupAndDropsInvalidControls) {
  static const EscapeCase kCases[] = {
      {"<script>alert('x')</script>", "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"},
      {"Smith & \"Sons\"", "Smith &amp; &quot;Sons&quot;"},
      {"bell\x07", "bell"},
      {"keep\ttab\nnewline", "keep\ttab\nnewline"},
      {"\u00e9\u4e2d", "\u00e9\u4e2d"},
  };
  for (const EscapeCase& c : kCases) {
    EXPECT_EQ(XmlEscape(c.input), c.expected) << c.input;
  }
}

TEST(CsvCell, QuotesAndGuardsAgainstFormulas) {
  static const EscapeCase kCases[] = {
      {"plain", "plain"},
      {"", ""},
      {"a,b", "\"a,b\""},
      {"say \"hi\"", "\"say \"\"hi\"\"\""},
      {"two\nlines", "\"two\nlines\""},
      {"=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""},
      {"=1+2", "'=1+2"},
      {"+44 20", "'+44 20"},
      {"-5", "'-5"},
      {"@SUM(A1)", "'@SUM(A1)"},
      {"a=b", "a=b"},
      {"Soci\u00e9t\u00e9", "Soci\u00e9t\u00e9"},
  };
  for (const EscapeCase& c : kCases) {
    EXPECT_EQ(CsvCell(c.input), c.expected) << c.input;
  }
}

TEST(TruncateUtf8, CutsOnCharacterBoundaries) {
  EXPECT_EQ(TruncateUtf8("short", 10), "short");
  EXPECT_EQ(TruncateUtf8("abcdef", 3), "abc\u2026");
  // "é" is two bytes: cutting at 2 would split it, so the cut moves back to 1.
  EXPECT_EQ(TruncateUtf8("a\u00e9b", 2), "a\u2026");
}

TEST(FormatNumber, TrimsTrailingZeros) {
  EXPECT_EQ(FormatNumber(0.9), "0.9");
  EXPECT_EQ(FormatNumber(1.0), "1");
  EXPECT_EQ(FormatNumber(3.7, 2), "3.7");
  EXPECT_EQ(FormatNumber(0.125, 3), "0.125");
  EXPECT_EQ(FormatNumber(-0.0), "0");
}

}  // namespace
}  // namespace corpgraph::exporter
