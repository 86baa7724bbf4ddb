#include "export/escape.h"

#include <cmath>
#include <cstdio>

#include "common/text.h"

namespace corpgraph::exporter {
namespace {

// Repairs only when needed: valid input (the common case) is not copied twice.
std::string ValidUtf8(std::string_view text) {
  if (IsValidUtf8(text)) return std::string(text);
  return RepairUtf8(text).text;
}

bool IsControl(unsigned char c) { return c < 0x20 || c == 0x7f; }

}  // namespace

std::string DotEscape(std::string_view text) {
  const std::string valid = ValidUtf8(text);
  std::string out;
  out.reserve(valid.size() + 8);
  for (size_t i = 0; i < valid.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(valid[i]);
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '"':
        out += "\\\"";
        break;
      case '&':
        out += "&amp;";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        // A CRLF is one line break; a lone CR becomes one too.
        if (i + 1 < valid.size() && valid[i + 1] == '\n') break;
        out += "\\n";
        break;
      default:
        out += IsControl(c) ? ' ' : static_cast<char>(c);
    }
  }
  return out;
}

std::string DotIdEscape(std::string_view text) {
  const std::string valid = ValidUtf8(text);
  std::string out;
  out.reserve(valid.size() + 2);
  for (char ch : valid) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (c == '\\' || c == '"') {
      out += '\\';
      out += ch;
    } else {
      out += IsControl(c) ? ' ' : ch;
    }
  }
  return out;
}

std::string XmlEscape(std::string_view text) {
  const std::string valid = ValidUtf8(text);
  std::string out;
  out.reserve(valid.size() + 16);
  for (char ch : valid) {
    const unsigned char c = static_cast<unsigned char>(ch);
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      case '\t':
      case '\n':
        out += ch;
        break;
      case '\r':
        break;
      default:
        if (!IsControl(c)) out += ch;
    }
  }
  return out;
}

std::string CsvCell(std::string_view text) {
  std::string cell = ValidUtf8(text);
  if (!cell.empty()) {
    const char first = cell.front();
    if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' ||
        first == '\r') {
      cell.insert(cell.begin(), '\'');
    }
  }
  if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
  std::string out = "\"";
  for (char ch : cell) {
    if (ch == '"') out += '"';
    out += ch;
  }
  out += '"';
  return out;
}

std::string CsvNumber(double value, int precision) { return FormatNumber(value, precision); }

std::string TruncateUtf8(std::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  size_t cut = max_bytes;
  // Step back over continuation bytes (10xxxxxx) so we cut before a lead byte.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  std::string out(text.substr(0, cut));
  out += "\xE2\x80\xA6";  // U+2026 HORIZONTAL ELLIPSIS
  return out;
}

std::string FormatNumber(double value, int precision) {
  if (!std::isfinite(value)) return "0";
  char buffer[64];
  // %f is locale-dependent only in its decimal point; corpgraph never calls
  // setlocale, so the "C" locale applies.
  std::snprintf(buffer, sizeof(buffer), "%.*f", precision, value);
  std::string out = buffer;
  if (out.find('.') != std::string::npos) {
    while (!out.empty() && out.back() == '0') out.pop_back();
    if (!out.empty() && out.back() == '.') out.pop_back();
  }
  if (out == "-0") out = "0";
  return out;
}

}  // namespace corpgraph::exporter
