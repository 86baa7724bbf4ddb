// ingest/internal/line_reader.h — streaming byte sources (plain file, gzip,
// stdin) and a line splitter over them. Private to ingest/.
//
//   ASSIGN_OR_RETURN(auto source, OpenByteSource("corpus.jsonl.gz"));
//   LineReader lines(std::move(source), /*max_line_bytes=*/64 << 20);
//   std::string_view line;
//   while (true) {
//     ASSIGN_OR_RETURN(LineReader::Status st, lines.Next(&line));
//     if (st == LineReader::kEnd) break;
//     ...
//   }
//
// Not thread-safe; one reader per thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "common/status.h"

namespace corpgraph::ingest::internal {

// A sequential stream of bytes.
class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Reads up to `size` bytes into `buffer`; returns 0 at the end of the stream.
  // Errors: IOError (read failed, corrupt gzip data), naming the path.
  virtual Result<size_t> Read(char* buffer, size_t size) = 0;
  // Bytes of the underlying file consumed so far (compressed bytes for gzip).
  virtual uint64_t consumed() const = 0;
};

// Opens `path` for streaming: "-" is stdin (gzip-compressed or plain, detected
// by zlib), a name ending in ".gz" is decompressed, anything else is read raw.
// Errors: NotFound, IOError.
Result<std::unique_ptr<ByteSource>> OpenByteSource(const std::string& path);

// Reads the whole stream, failing with InvalidArgument once it exceeds `limit`
// bytes (then *too_large is set and the result is an error).
Result<std::string> ReadAll(ByteSource& source, uint64_t limit, bool* too_large);

// Splits a ByteSource into lines ("\n" or "\r\n" terminated; a final line
// without a newline is still returned, with truncated() true).
class LineReader {
 public:
  enum State { kLine, kTooLong, kEnd };

  LineReader(std::unique_ptr<ByteSource> source, size_t max_line_bytes);

  // Advances to the next line. kLine: *line views the line without its
  // terminator, valid until the next call. kTooLong: a line longer than
  // max_line_bytes was skipped (line_number() counts it). kEnd: no more lines.
  Result<State> Next(std::string_view* line);

  // 1-based number of the line last returned.
  uint64_t line_number() const { return line_number_; }
  // True if the last returned line had no trailing newline (end of stream).
  bool last_line_unterminated() const { return unterminated_; }
  // Length in bytes of the last line skipped as kTooLong.
  uint64_t skipped_line_bytes() const { return skipped_bytes_; }
  uint64_t consumed() const { return source_->consumed(); }

 private:
  Status Fill();  // reads more bytes into buffer_ after compacting

  std::unique_ptr<ByteSource> source_;
  size_t max_line_bytes_;
  std::string buffer_;
  size_t begin_ = 0;  // start of unread data in buffer_
  size_t end_ = 0;    // end of valid data in buffer_
  bool eof_ = false;
  uint64_t line_number_ = 0;
  bool unterminated_ = false;
  uint64_t skipped_bytes_ = 0;
};

}  // namespace corpgraph::ingest::internal
