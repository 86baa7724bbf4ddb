// graph/internal/codec.cc — see codec.h. A deliberately tiny JSON subset: the
// store only ever writes flat objects and arrays of strings.
#include "graph/internal/codec.h"

#include <cstdint>

namespace corpgraph::graph::internal {
namespace {

void AppendJsonString(std::string_view text, std::string& out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (byte < 0x20) {
          out += "\\u00";
          out.push_back(kHex[byte >> 4]);
          out.push_back(kHex[byte & 0xf]);
        } else {
          out.push_back(c);
        }
    }
  }
  out.push_back('"');
}

void AppendUtf8(uint32_t code_point, std::string& out) {
  if (code_point < 0x80) {
    out.push_back(static_cast<char>(code_point));
  } else if (code_point < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (code_point >> 6)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else if (code_point < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (code_point >> 12)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (code_point >> 18)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  }
}

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  void SkipSpace() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\n' ||
                                   text_[pos_] == '\t' || text_[pos_] == '\r')) {
      ++pos_;
    }
  }
  bool Consume(char c) {
    SkipSpace();
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  bool AtEnd() {
    SkipSpace();
    return pos_ == text_.size();
  }

  bool ParseHex4(uint32_t& value) {
    if (pos_ + 4 > text_.size()) return false;
    value = 0;
    for (int i = 0; i < 4; ++i) {
      const char c = text_[pos_++];
      value <<= 4;
      if (c >= '0' && c <= '9')
        value |= static_cast<uint32_t>(c - '0');
      else if (c >= 'a' && c <= 'f')
        value |= static_cast<uint32_t>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F')
        value |= static_cast<uint32_t>(c - 'A' + 10);
      else
        return false;
    }
    return true;
  }

  bool ParseString(std::string& out) {
    out.clear();
    if (!Consume('"')) return false;
    while (pos_ < text_.size()) {
      const char c = text_[pos_++];
      if (c == '"') return true;
      if (c != '\\') {
        out.push_back(c);
        continue;
      }
      if (pos_ >= text_.size()) return false;
      const char escape = text_[pos_++];
      switch (escape) {
        case '"':
          out.push_back('"');
          break;
        case '\\':
          out.push_back('\\');
          break;
        case '/':
          out.push_back('/');
          break;
        case 'b':
          out.push_back('\b');
          break;
        case 'f':
          out.push_back('\f');
          break;
        case 'n':
          out.push_back('\n');
          break;
        case 'r':
          out.push_back('\r');
          break;
        case 't':
          out.push_back('\t');
          break;
        case 'u': {
          uint32_t code_point = 0;
          if (!ParseHex4(code_point)) return false;
          if (code_point >= 0xD800 && code_point < 0xDC00 && pos_ + 6 <= text_.size() &&
              text_[pos_] == '\\' && text_[pos_ + 1] == 'u') {
            pos_ += 2;
            uint32_t low = 0;
            if (!ParseHex4(low) || low < 0xDC00 || low > 0xDFFF) return false;
            code_point = 0x10000 + ((code_point - 0xD800) << 10) + (low - 0xDC00);
          }
          AppendUtf8(code_point, out);
          break;
        }
        default:
          return false;
      }
    }
    return false;
  }

 private:
  std::string_view text_;
  size_t pos_ = 0;
};

}  // namespace

std::string EncodeStringMap(const std::map<std::string, std::string>& map) {
  std::string out = "{";
  bool first = true;
  for (const auto& [key, value] : map) {
    if (!first) out.push_back(',');
    first = false;
    AppendJsonString(key, out);
    out.push_back(':');
    AppendJsonString(value, out);
  }
  out.push_back('}');
  return out;
}

std::string EncodeStringList(const std::vector<std::string>& list) {
  std::string out = "[";
  for (size_t i = 0; i < list.size(); ++i) {
    if (i > 0) out.push_back(',');
    AppendJsonString(list[i], out);
  }
  out.push_back(']');
  return out;
}

Result<std::map<std::string, std::string>> DecodeStringMap(std::string_view text) {
  std::map<std::string, std::string> map;
  Parser parser(text);
  if (parser.AtEnd()) return map;
  if (!parser.Consume('{')) return InvalidArgumentError("expected a JSON object");
  if (parser.Consume('}')) {
    if (!parser.AtEnd()) return InvalidArgumentError("trailing characters after JSON object");
    return map;
  }
  while (true) {
    std::string key;
    std::string value;
    if (!parser.ParseString(key)) return InvalidArgumentError("expected a string key");
    if (!parser.Consume(':')) return InvalidArgumentError("expected ':' after key");
    if (!parser.ParseString(value)) return InvalidArgumentError("expected a string value");
    map[std::move(key)] = std::move(value);
    if (parser.Consume(',')) continue;
    if (parser.Consume('}')) break;
    return InvalidArgumentError("expected ',' or '}'");
  }
  if (!parser.AtEnd()) return InvalidArgumentError("trailing characters after JSON object");
  return map;
}

Result<std::vector<std::string>> DecodeStringList(std::string_view text) {
  std::vector<std::string> list;
  Parser parser(text);
  if (parser.AtEnd()) return list;
  if (!parser.Consume('[')) return InvalidArgumentError("expected a JSON array");
  if (parser.Consume(']')) {
    if (!parser.AtEnd()) return InvalidArgumentError("trailing characters after JSON array");
    return list;
  }
  while (true) {
    std::string value;
    if (!parser.ParseString(value)) return InvalidArgumentError("expected a string");
    list.push_back(std::move(value));
    if (parser.Consume(',')) continue;
    if (parser.Consume(']')) break;
    return InvalidArgumentError("expected ',' or ']'");
  }
  if (!parser.AtEnd()) return InvalidArgumentError("trailing characters after JSON array");
  return list;
}

}  // namespace corpgraph::graph::internal
