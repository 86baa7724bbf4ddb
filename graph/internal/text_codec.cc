#include "graph/internal/text_codec.h"

#include <algorithm>
#include <cstring>
#include <iterator>
#include <utility>

namespace corpgraph::graph::internal {
namespace {

constexpr size_t kMinMatch = 5;
constexpr int kHashBits = 15;
constexpr int kLocalHashBits = 10;
// Candidates tried per position: the dictionary is searched deeper than the
// text itself, where repeats are rare. Bounds the cost per byte.
constexpr int kDictionaryChain = 16;
constexpr int kLocalChain = 8;
// A stream never expands to more than this (a corrupt length cannot make the
// reader allocate gigabytes).
constexpr uint64_t kMaxOutput = 1u << 30;

uint32_t Hash4(const char* bytes, int bits) {
  uint32_t word;
  std::memcpy(&word, bytes, 4);
  return (word * 2654435761u) >> (32 - bits);
}

void AppendVarint(std::string& out, uint64_t value) {
  while (value >= 0x80) {
    out.push_back(static_cast<char>((value & 0x7f) | 0x80));
    value >>= 7;
  }
  out.push_back(static_cast<char>(value));
}

size_t VarintSize(uint64_t value) {
  size_t size = 1;
  while (value >= 0x80) {
    value >>= 7;
    ++size;
  }
  return size;
}

// Reads a varint at `at`, advancing it; false if truncated or over 35 bits.
bool ReadVarint(std::string_view in, size_t& at, uint64_t& value) {
  value = 0;
  for (int shift = 0; shift <= 28; shift += 7) {
    if (at >= in.size()) return false;
    const auto byte = static_cast<unsigned char>(in[at++]);
    value |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) return true;
  }
  return false;
}

// Length of the common prefix of a[0..a_size) and b[0..b_size).
size_t MatchLength(const char* a, size_t a_size, const char* b, size_t b_size) {
  const size_t limit = std::min(a_size, b_size);
  size_t length = 0;
  while (length < limit && a[length] == b[length]) ++length;
  return length;
}

}  // namespace

TextCodec::TextCodec(std::string dictionary)
    : dictionary_(std::move(dictionary)), heads_(size_t{1} << kHashBits, -1) {
  if (dictionary_.size() < 4) return;
  chain_.assign(dictionary_.size() - 3, -1);
  for (size_t i = 0; i + 4 <= dictionary_.size(); ++i) {
    const uint32_t hash = Hash4(dictionary_.data() + i, kHashBits);
    chain_[i] = heads_[hash];
    heads_[hash] = static_cast<int32_t>(i);
  }
}

std::string TextCodec::Compress(std::string_view text) const {
  std::string out;
  out.reserve(text.size() / 2 + 8);
  const size_t n = text.size();
  const size_t dictionary_size = dictionary_.size();
  const char* data = text.data();
  // On the stack for sentence-sized texts: the writer compresses every
  // sentence, and two heap buffers per call showed up in its profile.
  int32_t local_heads[size_t{1} << kLocalHashBits];
  std::fill(std::begin(local_heads), std::end(local_heads), -1);
  int32_t small_chain[512];
  std::vector<int32_t> large_chain;
  int32_t* local_chain = small_chain;
  if (n > std::size(small_chain)) {
    large_chain.resize(n);
    local_chain = large_chain.data();
  }
  auto remember = [&](size_t position) {
    if (position + 4 > n) return;
    const uint32_t hash = Hash4(data + position, kLocalHashBits);
    local_chain[position] = local_heads[hash];
    local_heads[hash] = static_cast<int32_t>(position);
  };

  size_t literal_start = 0;
  size_t position = 0;
  while (position + 4 <= n) {
    size_t best_length = 0;
    uint64_t best_distance = 0;
    int steps = 0;
    for (int32_t at = heads_[Hash4(data + position, kHashBits)];
         at >= 0 && steps < kDictionaryChain; at = chain_[at], ++steps) {
      // A candidate can only win if it also matches one byte past the best so far.
      const size_t available = std::min(dictionary_size - at, n - position);
      if (available <= best_length ||
          dictionary_[at + best_length] != data[position + best_length]) {
        continue;
      }
      const size_t length =
          MatchLength(dictionary_.data() + at, dictionary_size - at, data + position, n - position);
      if (length > best_length) {
        best_length = length;
        best_distance = dictionary_size + position - static_cast<size_t>(at);
      }
    }
    steps = 0;
    for (int32_t at = local_heads[Hash4(data + position, kLocalHashBits)];
         at >= 0 && steps < kLocalChain; at = local_chain[at], ++steps) {
      // The source may overlap the copy: the reader copies byte by byte.
      const size_t length = MatchLength(data + at, n - at, data + position, n - position);
      if (length > best_length) {
        best_length = length;
        best_distance = position - static_cast<size_t>(at);
      }
    }
    // A copy costs its code, its distance and the next literal count.
    if (best_length >= kMinMatch && best_length >= VarintSize(best_distance) + 3) {
      AppendVarint(out, position - literal_start);
      out.append(data + literal_start, position - literal_start);
      AppendVarint(out, best_length - kMinMatch + 1);
      AppendVarint(out, best_distance);
      for (size_t i = 0; i < best_length; ++i) remember(position + i);
      position += best_length;
      literal_start = position;
    } else {
      remember(position);
      ++position;
    }
  }
  AppendVarint(out, n - literal_start);
  out.append(data + literal_start, n - literal_start);
  AppendVarint(out, 0);
  return out;
}

std::optional<std::string> TextCodec::Decompress(std::string_view packed) const {
  std::string out;
  out.reserve(packed.size() * 3);
  const size_t dictionary_size = dictionary_.size();
  size_t at = 0;
  while (true) {
    uint64_t literals = 0;
    if (!ReadVarint(packed, at, literals) || literals > packed.size() - at) return std::nullopt;
    if (out.size() + literals > kMaxOutput) return std::nullopt;
    out.append(packed.data() + at, literals);
    at += literals;
    uint64_t code = 0;
    if (!ReadVarint(packed, at, code)) return std::nullopt;
    if (code == 0) {
      if (at != packed.size()) return std::nullopt;
      return out;
    }
    uint64_t distance = 0;
    if (!ReadVarint(packed, at, distance)) return std::nullopt;
    const uint64_t length = code + kMinMatch - 1;
    const uint64_t virtual_size = dictionary_size + out.size();
    if (distance == 0 || distance > virtual_size || out.size() + length > kMaxOutput) {
      return std::nullopt;
    }
    const uint64_t source = virtual_size - distance;
    for (uint64_t i = 0; i < length; ++i) {
      const uint64_t from = source + i;
      out.push_back(from < dictionary_size ? dictionary_[from] : out[from - dictionary_size]);
    }
  }
}

}  // namespace corpgraph::graph::internal
