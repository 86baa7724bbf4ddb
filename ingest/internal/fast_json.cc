#include "ingest/internal/fast_json.h"

#include <cstdint>
#include <cstring>

#include "common/text.h"

namespace corpgraph::ingest::internal {
namespace {

bool IsWs(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

void SkipWs(std::string_view s, size_t* i) {
  while (*i < s.size() && IsWs(s[*i])) ++*i;
}

int Hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool Hex4(std::string_view s, size_t i, uint32_t* out) {
  if (i + 4 > s.size()) return false;
  uint32_t v = 0;
  for (size_t k = 0; k < 4; ++k) {
    const int h = Hex(s[i + k]);
    if (h < 0) return false;
    v = v * 16 + static_cast<uint32_t>(h);
  }
  *out = v;
  return true;
}

void AppendUtf8(uint32_t cp, std::string* out) { corpgraph::AppendUtf8(cp, *out); }

// s[*i] is just past the opening quote. Decodes into *out; *i ends past the closing quote.
bool ParseString(std::string_view s, size_t* i, std::string* out) {
  out->clear();
  size_t pos = *i;
  while (true) {
    size_t run = pos;
    // Copy plain bytes in one go.
    while (run < s.size()) {
      const unsigned char c = static_cast<unsigned char>(s[run]);
      if (c == '"' || c == '\\' || c < 0x20) break;
      ++run;
    }
    out->append(s.data() + pos, run - pos);
    if (run >= s.size()) return false;
    const char c = s[run];
    if (c == '"') {
      *i = run + 1;
      return true;
    }
    if (c != '\\') return false;  // a raw control character: invalid JSON
    if (run + 1 >= s.size()) return false;
    const char e = s[run + 1];
    pos = run + 2;
    switch (e) {
      case '"':
        out->push_back('"');
        break;
      case '\\':
        out->push_back('\\');
        break;
      case '/':
        out->push_back('/');
        break;
      case 'b':
        out->push_back('\b');
        break;
      case 'f':
        out->push_back('\f');
        break;
      case 'n':
        out->push_back('\n');
        break;
      case 'r':
        out->push_back('\r');
        break;
      case 't':
        out->push_back('\t');
        break;
      case 'u': {
        uint32_t cp = 0;
        if (!Hex4(s, pos, &cp)) return false;
        pos += 4;
        if (cp >= 0xDC00 && cp <= 0xDFFF) return false;  // lone low surrogate
        if (cp >= 0xD800 && cp <= 0xDBFF) {
          uint32_t low = 0;
          if (pos + 6 > s.size() || s[pos] != '\\' || s[pos + 1] != 'u' ||
              !Hex4(s, pos + 2, &low) || low < 0xDC00 || low > 0xDFFF) {
            return false;
          }
          pos += 6;
          cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        }
        AppendUtf8(cp, out);
        break;
      }
      default:
        return false;
    }
  }
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// A JSON number per the grammar; *i ends past it.
bool ParseNumber(std::string_view s, size_t* i) {
  size_t p = *i;
  if (p < s.size() && s[p] == '-') ++p;
  if (p >= s.size()) return false;
  if (s[p] == '0') {
    ++p;
  } else if (IsDigit(s[p])) {
    while (p < s.size() && IsDigit(s[p])) ++p;
  } else {
    return false;
  }
  if (p < s.size() && s[p] == '.') {
    ++p;
    if (p >= s.size() || !IsDigit(s[p])) return false;
    while (p < s.size() && IsDigit(s[p])) ++p;
  }
  if (p < s.size() && (s[p] == 'e' || s[p] == 'E')) {
    ++p;
    if (p < s.size() && (s[p] == '+' || s[p] == '-')) ++p;
    if (p >= s.size() || !IsDigit(s[p])) return false;
    while (p < s.size() && IsDigit(s[p])) ++p;
  }
  *i = p;
  return true;
}

}  // namespace

bool ParseFlatObject(std::string_view s, std::vector<FlatField>* fields) {
  fields->clear();
  size_t i = 0;
  SkipWs(s, &i);
  if (i >= s.size() || s[i] != '{') return false;
  ++i;
  SkipWs(s, &i);
  if (i < s.size() && s[i] == '}') {
    ++i;
    SkipWs(s, &i);
    return i == s.size();
  }
  while (true) {
    SkipWs(s, &i);
    if (i >= s.size() || s[i] != '"') return false;
    ++i;
    FlatField field;
    if (!ParseString(s, &i, &field.key)) return false;
    SkipWs(s, &i);
    if (i >= s.size() || s[i] != ':') return false;
    ++i;
    SkipWs(s, &i);
    if (i >= s.size()) return false;
    const char c = s[i];
    if (c == '"') {
      ++i;
      if (!ParseString(s, &i, &field.value)) return false;
      field.is_string = true;
    } else if (c == '-' || IsDigit(c)) {
      const size_t start = i;
      if (!ParseNumber(s, &i)) return false;
      field.value = std::string(s.substr(start, i - start));
      field.is_number = true;
    } else if (s.substr(i, 4) == "true") {
      field.value = "true";
      i += 4;
    } else if (s.substr(i, 5) == "false") {
      field.value = "false";
      i += 5;
    } else if (s.substr(i, 4) == "null") {
      field.is_null = true;
      i += 4;
    } else {
      return false;  // nested object/array or garbage: let the full parser decide
    }
    fields->push_back(std::move(field));
    SkipWs(s, &i);
    if (i >= s.size()) return false;
    if (s[i] == ',') {
      ++i;
      continue;
    }
    if (s[i] != '}') return false;
    ++i;
    SkipWs(s, &i);
    return i == s.size();
  }
}

bool IsAscii(std::string_view text) {
  const char* p = text.data();
  size_t n = text.size();
  while (n >= 8) {
    uint64_t word;
    std::memcpy(&word, p, 8);
    if (word & 0x8080808080808080ull) return false;
    p += 8;
    n -= 8;
  }
  while (n > 0) {
    if (static_cast<unsigned char>(*p) >= 0x80) return false;
    ++p;
    --n;
  }
  return true;
}

}  // namespace corpgraph::ingest::internal
