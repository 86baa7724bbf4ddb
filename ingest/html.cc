// StripHtml: a single forward pass over the bytes with a handful of states; no
// DOM, no recursion, no backtracking, so nesting depth and broken markup cost
// nothing extra. Every search moves forward, so the whole pass is linear.
#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "common/text.h"
#include "ingest/reader.h"

namespace corpgraph::ingest {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
bool IsAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool StartsWithNoCase(std::string_view s, size_t pos, std::string_view prefix) {
  if (s.size() - pos < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (Lower(s[pos + i]) != prefix[i]) return false;
  }
  return true;
}

// HTML never carries NUL: "&#0;" is a replacement character.
void AppendUtf8(uint32_t cp, std::string* out) {
  corpgraph::AppendUtf8(cp == 0 ? 0xFFFD : cp, *out);
}

struct NamedEntity {
  const char* name;
  uint32_t code_point;
};

constexpr NamedEntity kEntities[] = {
    {"amp", '&'},      {"lt", '<'},       {"gt", '>'},       {"quot", '"'},      {"apos", '\''},
    {"nbsp", 0xA0},    {"ndash", 0x2013}, {"mdash", 0x2014}, {"hellip", 0x2026}, {"lsquo", 0x2018},
    {"rsquo", 0x2019}, {"ldquo", 0x201C}, {"rdquo", 0x201D}, {"sbquo", 0x201A},  {"bdquo", 0x201E},
    {"laquo", 0xAB},   {"raquo", 0xBB},   {"copy", 0xA9},    {"reg", 0xAE},      {"trade", 0x2122},
    {"euro", 0x20AC},  {"pound", 0xA3},   {"yen", 0xA5},     {"cent", 0xA2},     {"deg", 0xB0},
    {"middot", 0xB7},  {"bull", 0x2022},  {"times", 0xD7},   {"divide", 0xF7},   {"thinsp", 0x2009},
    {"ensp", 0x2002},  {"emsp", 0x2003},  {"shy", 0xAD},     {"zwj", 0x200D},    {"zwnj", 0x200C},
    {"sect", 0xA7},    {"para", 0xB6},    {"plusmn", 0xB1},  {"frac12", 0xBD},   {"frac14", 0xBC},
    {"aacute", 0xE1},  {"Aacute", 0xC1},  {"agrave", 0xE0},  {"Agrave", 0xC0},   {"acirc", 0xE2},
    {"auml", 0xE4},    {"Auml", 0xC4},    {"atilde", 0xE3},  {"aring", 0xE5},    {"Aring", 0xC5},
    {"aelig", 0xE6},   {"ccedil", 0xE7},  {"Ccedil", 0xC7},  {"eacute", 0xE9},   {"Eacute", 0xC9},
    {"egrave", 0xE8},  {"ecirc", 0xEA},   {"euml", 0xEB},    {"iacute", 0xED},   {"igrave", 0xEC},
    {"icirc", 0xEE},   {"iuml", 0xEF},    {"ntilde", 0xF1},  {"Ntilde", 0xD1},   {"oacute", 0xF3},
    {"ograve", 0xF2},  {"ocirc", 0xF4},   {"ouml", 0xF6},    {"Ouml", 0xD6},     {"otilde", 0xF5},
    {"oslash", 0xF8},  {"Oslash", 0xD8},  {"szlig", 0xDF},   {"uacute", 0xFA},   {"ugrave", 0xF9},
    {"ucirc", 0xFB},   {"uuml", 0xFC},    {"Uuml", 0xDC},    {"yacute", 0xFD},   {"scaron", 0x161},
    {"Scaron", 0x160}, {"zcaron", 0x17E}, {"Zcaron", 0x17D}, {"oelig", 0x153},
};

// Windows-1252 meanings of &#128;..&#159;, which real pages use for quotes and dashes.
constexpr std::array<uint16_t, 32> kCp1252 = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};

// Decodes the entity starting at html[pos] == '&'. Returns the bytes consumed
// (0 if this is not an entity, e.g. "AT&T") and sets *cp.
size_t DecodeEntity(std::string_view html, size_t pos, uint32_t* cp) {
  size_t i = pos + 1;
  if (i < html.size() && html[i] == '#') {
    ++i;
    const bool hex = i < html.size() && (html[i] == 'x' || html[i] == 'X');
    if (hex) ++i;
    uint64_t value = 0;
    size_t digits = 0;
    while (i < html.size() && digits < 10) {
      const char c = html[i];
      int d = -1;
      if (c >= '0' && c <= '9') d = c - '0';
      if (hex && c >= 'a' && c <= 'f') d = c - 'a' + 10;
      if (hex && c >= 'A' && c <= 'F') d = c - 'A' + 10;
      if (d < 0) break;
      value = value * (hex ? 16 : 10) + static_cast<uint64_t>(d);
      ++i;
      ++digits;
    }
    if (digits == 0) return 0;
    if (i < html.size() && html[i] == ';') ++i;
    if (value >= 0x80 && value < 0xA0) value = kCp1252[value - 0x80];
    *cp = value > 0x10FFFF ? 0xFFFD : static_cast<uint32_t>(value);
    return i - pos;
  }
  size_t end = i;
  while (end < html.size() && end - i < 32 && IsAlnum(html[end])) ++end;
  if (end == i || end >= html.size() || html[end] != ';') return 0;
  const std::string_view name = html.substr(i, end - i);
  for (const NamedEntity& e : kEntities) {
    if (name == e.name) {
      *cp = e.code_point;
      return end + 1 - pos;
    }
  }
  return 0;
}

enum class BreakKind { kNone, kSpace, kLine, kParagraph };

BreakKind BreakFor(std::string_view tag) {
  static constexpr const char* kParagraph[] = {
      "p",        "div",     "h1",         "h2",      "h3",      "h4",   "h5",    "h6",
      "section",  "article", "blockquote", "pre",     "ul",      "ol",   "table", "header",
      "footer",   "aside",   "nav",        "main",    "figure",  "hr",   "dl",    "form",
      "fieldset", "address", "figcaption", "details", "summary", "body", "center"};
  static constexpr const char* kLine[] = {"br", "li", "tr", "dt", "dd", "caption", "option"};
  static constexpr const char* kSpace[] = {"td", "th", "img", "input", "button", "label"};
  for (const char* t : kParagraph)
    if (tag == t) return BreakKind::kParagraph;
  for (const char* t : kLine)
    if (tag == t) return BreakKind::kLine;
  for (const char* t : kSpace)
    if (tag == t) return BreakKind::kSpace;
  return BreakKind::kNone;
}

// Collapses whitespace while appending text; breaks are emitted lazily so that
// runs of empty blocks produce at most one blank line and no trailing spaces.
class TextSink {
 public:
  explicit TextSink(std::string* out) : out_(out) {}

  void Break(BreakKind kind) {
    if (kind == BreakKind::kParagraph) pending_newlines_ = 2;
    if (kind == BreakKind::kLine && pending_newlines_ < 1) pending_newlines_ = 1;
    if (kind == BreakKind::kSpace) pending_space_ = true;
  }
  void Space() { pending_space_ = true; }
  void Char(char c) {
    if (IsSpace(c)) {
      pending_space_ = true;
      return;
    }
    Flush();
    out_->push_back(c);
  }
  void CodePoint(uint32_t cp) {
    if (cp == 0xA0 || cp == '\t' || cp == '\n' || cp == ' ' || cp == '\r') {
      pending_space_ = true;
      return;
    }
    Flush();
    AppendUtf8(cp, out_);
  }

 private:
  void Flush() {
    if (!out_->empty()) {
      if (pending_newlines_ > 0) {
        out_->append(static_cast<size_t>(pending_newlines_), '\n');
      } else if (pending_space_) {
        out_->push_back(' ');
      }
    }
    pending_newlines_ = 0;
    pending_space_ = false;
  }

  std::string* out_;
  int pending_newlines_ = 0;
  bool pending_space_ = false;
};

// Position just past the '>' that ends the tag opened at `pos`, honouring
// quoted attribute values; html.size() if the tag never ends.
size_t TagEnd(std::string_view html, size_t pos) {
  char quote = 0;
  for (size_t i = pos; i < html.size(); ++i) {
    const char c = html[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      return i + 1;
    } else if (c == '<' && i > pos + 1) {
      // A '<' inside a tag means the tag was never closed: end it here.
      return i;
    }
  }
  return html.size();
}

// Position of the "</name" that closes a raw-text element, or npos.
size_t FindClosing(std::string_view html, size_t pos, std::string_view name) {
  while (true) {
    const size_t lt = html.find("</", pos);
    if (lt == std::string_view::npos) return lt;
    if (StartsWithNoCase(html, lt + 2, name)) {
      const size_t after = lt + 2 + name.size();
      if (after >= html.size() || !IsAlnum(html[after])) return lt;
    }
    pos = lt + 2;
  }
}

void DecodeInto(std::string_view html, TextSink* sink) {
  for (size_t i = 0; i < html.size();) {
    if (html[i] == '&') {
      uint32_t cp = 0;
      const size_t n = DecodeEntity(html, i, &cp);
      if (n > 0) {
        sink->CodePoint(cp);
        i += n;
        continue;
      }
    }
    sink->Char(html[i]);
    ++i;
  }
}

}  // namespace

HtmlText StripHtml(std::string_view html) {
  HtmlText result;
  TextSink sink(&result.text);
  bool in_head = false;
  bool have_title = false;
  size_t i = 0;
  const size_t n = html.size();
  while (i < n) {
    const char c = html[i];
    if (c == '&') {
      uint32_t cp = 0;
      const size_t used = DecodeEntity(html, i, &cp);
      if (used > 0) {
        if (!in_head) sink.CodePoint(cp);
        i += used;
        continue;
      }
      if (!in_head) sink.Char(c);
      ++i;
      continue;
    }
    if (c != '<') {
      if (!in_head) sink.Char(c);
      ++i;
      continue;
    }
    if (html.compare(i, 4, "<!--") == 0) {
      const size_t end = html.find("-->", i + 4);
      i = end == std::string_view::npos ? n : end + 3;
      continue;
    }
    if (i + 1 < n && (html[i + 1] == '!' || html[i + 1] == '?')) {
      const size_t end = html.find('>', i + 2);
      i = end == std::string_view::npos ? n : end + 1;
      continue;
    }
    size_t k = i + 1;
    const bool closing = k < n && html[k] == '/';
    if (closing) ++k;
    std::string name;
    while (k < n && name.size() < 16 && (IsAlnum(html[k]) || html[k] == '-' || html[k] == ':')) {
      name.push_back(Lower(html[k]));
      ++k;
    }
    if (name.empty() || name[0] < 'a' || name[0] > 'z') {
      // "a < b" or "<3": a literal '<'.
      if (!in_head) sink.Char(c);
      ++i;
      continue;
    }
    const size_t tag_end = TagEnd(html, k);
    i = tag_end;
    if (name == "head") {
      in_head = !closing;
      continue;
    }
    if (name == "body" && !closing) in_head = false;
    if (closing) {
      sink.Break(BreakFor(name));
      continue;
    }
    if (name == "title" || name == "script" || name == "style" || name == "noscript" ||
        name == "template" || name == "textarea" || name == "svg" || name == "iframe" ||
        name == "object") {
      const size_t close = FindClosing(html, i, name);
      const size_t content_end = close == std::string_view::npos ? n : close;
      if (name == "title" && !have_title) {
        TextSink title_sink(&result.title);
        DecodeInto(html.substr(i, content_end - i), &title_sink);
        have_title = true;
      }
      i = close == std::string_view::npos ? n : TagEnd(html, close + 2);
      continue;
    }
    if (!in_head) sink.Break(BreakFor(name));
  }
  return result;
}

}  // namespace corpgraph::ingest
