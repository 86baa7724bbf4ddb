// graph/internal/text_codec.h — compression of evidence sentences against a
// dictionary of earlier sentences (schema v3's `sentences.text` BLOBs).
//
//   TextCodec codec(dictionary);                  // e.g. the store's first 256 KB of sentences
//   std::string packed = codec.Compress(sentence);
//   std::optional<std::string> text = codec.Decompress(packed);  // == sentence
//
// Sentences are short (~90 bytes), so compressing each alone finds almost no
// repetition (zlib: 97%); business news repeats phrases and names across
// sentences, which a shared dictionary captures. LZ77 with the dictionary as
// the text's prefix: literal runs and copies from the dictionary or from the
// text so far. No entropy coding, so it is fast both ways (the writer
// compresses every sentence) at some cost in ratio.
//
// Stream: repeated { varint literal_count, the literal bytes, varint code },
// where code 0 ends the stream and code c > 0 is a copy of c + kMinMatch - 1
// bytes starting `varint distance` bytes back in dictionary + output.
//
// Immutable after construction; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace corpgraph::graph::internal {

// A new store makes its text dictionary from the first this many bytes of evidence
// sentences (joined by newlines); sentences stored before that are plain TEXT until the store
// is compacted. 256 KB keeps 16% fewer bytes of text than 32 KB on a 20 MB generated
// corpus, net of the dictionary itself (docs/benchmarks.md, eleventh session); an existing
// store keeps the dictionary it has.
inline constexpr size_t kStoreDictionaryBytes = 256 << 10;

class TextCodec {
 public:
  // `dictionary` may be empty (then only repetitions inside a text are found).
  explicit TextCodec(std::string dictionary);

  // Returns the packed form of `text` (any bytes).
  std::string Compress(std::string_view text) const;
  // The text `packed` was made from, or nullopt if it is not a valid stream
  // for this dictionary (truncated, a copy reaching before the dictionary).
  std::optional<std::string> Decompress(std::string_view packed) const;

  const std::string& dictionary() const { return dictionary_; }

 private:
  std::string dictionary_;
  // Hash of 4 bytes -> last dictionary position with that hash, and each
  // position's previous one with the same hash (-1: none).
  std::vector<int32_t> heads_;
  std::vector<int32_t> chain_;
};

}  // namespace corpgraph::graph::internal
