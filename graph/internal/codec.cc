// graph/internal/codec.cc — see codec.h. A deliberately tiny JSON subset: the
// store only ever writes flat objects and arrays of strings.
#include "graph/internal/codec.h"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

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

// Confidences and strengths: a value that is a whole number of thousandths
// (0.9, 0.425: nearly every one) is stored as the integer per-mille, 1-2 bytes
// instead of an 8-byte REAL; anything else as the REAL. Lossless: the integer
// is used only if dividing it by 1000.0 gives back the same double.
std::optional<int64_t> Milli(double value) {
  if (!(std::fabs(value) <= 1e9) || (value == 0 && std::signbit(value))) return std::nullopt;
  const double scaled = std::round(value * 1000);
  if (scaled / 1000.0 != value) return std::nullopt;
  return static_cast<int64_t>(scaled);
}

// Zigzag LEB128 varints.
void AppendVarint(std::string& out, int64_t value) {
  uint64_t zigzag = (static_cast<uint64_t>(value) << 1) ^ static_cast<uint64_t>(value >> 63);
  while (zigzag >= 0x80) {
    out.push_back(static_cast<char>((zigzag & 0x7f) | 0x80));
    zigzag >>= 7;
  }
  out.push_back(static_cast<char>(zigzag));
}

// Reads a zigzag varint (AppendVarint) at `at`, advancing it; false if truncated.
bool ReadVarint(std::string_view in, size_t& at, int64_t& value) {
  uint64_t zigzag = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (at >= in.size()) return false;
    const auto byte = static_cast<unsigned char>(in[at++]);
    zigzag |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) {
      value = static_cast<int64_t>(zigzag >> 1) ^ -static_cast<int64_t>(zigzag & 1);
      return true;
    }
  }
  return false;
}

// Unsigned LEB128 varint (evidence fields: vocabulary keys are never negative,
// so they skip AppendVarint's zigzag bit: a key of 64-127 stays one byte).
void AppendUnsignedVarint(std::string& out, uint64_t value) {
  while (value >= 0x80) {
    out.push_back(static_cast<char>((value & 0x7f) | 0x80));
    value >>= 7;
  }
  out.push_back(static_cast<char>(value));
}

bool ReadUnsignedVarint(std::string_view in, size_t& at, uint64_t& value) {
  value = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (at >= in.size()) return false;
    const auto byte = static_cast<unsigned char>(in[at++]);
    value |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) return true;
  }
  return false;
}

// Empty if a key is negative (which no v6 file of ours has).
std::string PackEvidenceFields(const EvidenceFields& fields) {
  if (fields.rule < 0 || fields.kind < 0) return {};
  std::string out;
  out.reserve(16);
  AppendVarint(out, fields.subj_offset);
  AppendVarint(out, fields.subj_length);
  AppendVarint(out, fields.obj_offset);
  AppendVarint(out, fields.obj_length);
  AppendUnsignedVarint(out, static_cast<uint64_t>(fields.rule));
  AppendUnsignedVarint(out, static_cast<uint64_t>(fields.kind));
  const std::optional<int64_t> milli = Milli(fields.confidence);
  if (milli && *milli >= 0) {
    AppendUnsignedVarint(out, static_cast<uint64_t>(*milli) + 1);
  } else {
    out.push_back('\0');
    uint64_t bits = 0;
    std::memcpy(&bits, &fields.confidence, sizeof bits);
    for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((bits >> (8 * i)) & 0xff));
  }
  return out;
}

std::optional<EvidenceFields> UnpackEvidenceFields(std::string_view packed) {
  EvidenceFields fields;
  size_t at = 0;
  uint64_t rule = 0;
  uint64_t kind = 0;
  uint64_t confidence = 0;
  if (!ReadVarint(packed, at, fields.subj_offset) || !ReadVarint(packed, at, fields.subj_length) ||
      !ReadVarint(packed, at, fields.obj_offset) || !ReadVarint(packed, at, fields.obj_length) ||
      !ReadUnsignedVarint(packed, at, rule) || !ReadUnsignedVarint(packed, at, kind) ||
      !ReadUnsignedVarint(packed, at, confidence)) {
    return std::nullopt;
  }
  constexpr uint64_t kMax = static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
  if (rule > kMax || kind > kMax) return std::nullopt;
  fields.rule = static_cast<int64_t>(rule);
  fields.kind = static_cast<int64_t>(kind);
  if (confidence > 0) {
    fields.confidence = static_cast<double>(confidence - 1) / 1000.0;
  } else {
    if (packed.size() - at != 8) return std::nullopt;
    uint64_t bits = 0;
    for (int i = 0; i < 8; ++i) {
      bits |= static_cast<uint64_t>(static_cast<unsigned char>(packed[at + i])) << (8 * i);
    }
    std::memcpy(&fields.confidence, &bits, sizeof bits);
    at += 8;
  }
  if (at != packed.size()) return std::nullopt;
  return fields;
}

}  // namespace corpgraph::graph::internal
