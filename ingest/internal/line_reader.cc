#include "ingest/internal/line_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace corpgraph::ingest::internal {
namespace {

constexpr size_t kChunk = 1 << 20;

std::string ErrnoText(int err) { return std::strerror(err); }

class FdSource : public ByteSource {
 public:
  FdSource(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}
  ~FdSource() override { ::close(fd_); }

  Result<size_t> Read(char* buffer, size_t size) override {
    const ssize_t n = ::read(fd_, buffer, size);
    if (n < 0) return IOError(path_ + ": read failed (" + ErrnoText(errno) + ")");
    consumed_ += static_cast<uint64_t>(n);
    return static_cast<size_t>(n);
  }
  uint64_t consumed() const override { return consumed_; }

 private:
  std::string path_;
  int fd_;
  uint64_t consumed_ = 0;
};

class GzSource : public ByteSource {
 public:
  GzSource(std::string path, gzFile file) : path_(std::move(path)), file_(file) {}
  ~GzSource() override { gzclose(file_); }

  Result<size_t> Read(char* buffer, size_t size) override {
    if (size > (1u << 30)) size = 1u << 30;  // gzread takes an unsigned int
    const int n = gzread(file_, buffer, static_cast<unsigned>(size));
    if (n < 0) {
      int errnum = 0;
      const char* message = gzerror(file_, &errnum);
      std::string why = errnum == Z_ERRNO ? ErrnoText(errno) : std::string(message ? message : "");
      return IOError(path_ + ": cannot decompress (" + why + ")");
    }
    if (n == 0) {
      // gzread returns 0 at EOF; a truncated gzip member is reported as Z_BUF_ERROR.
      int errnum = 0;
      const char* message = gzerror(file_, &errnum);
      if (errnum == Z_BUF_ERROR) return IOError(path_ + ": truncated gzip data");
      if (errnum != Z_OK) {
        return IOError(path_ + ": cannot decompress (" + std::string(message ? message : "") + ")");
      }
    }
    const z_off_t offset = gzoffset(file_);
    if (offset >= 0) consumed_ = static_cast<uint64_t>(offset);
    return static_cast<size_t>(n);
  }
  uint64_t consumed() const override { return consumed_; }

 private:
  std::string path_;
  gzFile file_;
  uint64_t consumed_ = 0;
};

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

Result<std::unique_ptr<ByteSource>> OpenByteSource(const std::string& path) {
  if (path == "-") {
    const int fd = ::dup(0);
    if (fd < 0) return IOError("stdin: cannot read (" + ErrnoText(errno) + ")");
    gzFile file = gzdopen(fd, "rb");
    if (file == nullptr) {
      ::close(fd);
      return IOError("stdin: cannot read (out of memory)");
    }
    gzbuffer(file, 256 * 1024);
    return std::unique_ptr<ByteSource>(new GzSource("stdin", file));
  }
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const int err = errno;
    if (err == ENOENT) return NotFoundError(path + ": no such file");
    return IOError(path + ": cannot open (" + ErrnoText(err) + ")");
  }
  if (EndsWith(path, ".gz") || EndsWith(path, ".GZ")) {
    gzFile file = gzdopen(fd, "rb");
    if (file == nullptr) {
      ::close(fd);
      return IOError(path + ": cannot open (out of memory)");
    }
    gzbuffer(file, 256 * 1024);
    return std::unique_ptr<ByteSource>(new GzSource(path, file));
  }
  return std::unique_ptr<ByteSource>(new FdSource(path, fd));
}

Result<std::string> ReadAll(ByteSource& source, uint64_t limit, bool* too_large) {
  *too_large = false;
  std::string out;
  size_t size = 0;
  while (true) {
    if (out.size() - size < kChunk / 4) out.resize(out.size() + kChunk);
    ASSIGN_OR_RETURN(size_t n, source.Read(out.data() + size, out.size() - size));
    if (n == 0) break;
    size += n;
    if (size > limit) {
      *too_large = true;
      return InvalidArgumentError("larger than the limit of " + std::to_string(limit) + " bytes");
    }
  }
  out.resize(size);
  return out;
}

LineReader::LineReader(std::unique_ptr<ByteSource> source, size_t max_line_bytes)
    : source_(std::move(source)), max_line_bytes_(max_line_bytes) {
  buffer_.resize(kChunk);
}

Status LineReader::Fill() {
  if (begin_ > 0) {
    std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  if (end_ == buffer_.size()) buffer_.resize(buffer_.size() * 2);
  ASSIGN_OR_RETURN(size_t n, source_->Read(buffer_.data() + end_, buffer_.size() - end_));
  if (n == 0) eof_ = true;
  end_ += n;
  return Status::Ok();
}

Result<LineReader::State> LineReader::Next(std::string_view* line) {
  size_t scanned = begin_;  // no newline in [begin_, scanned)
  while (true) {
    const char* start = buffer_.data() + scanned;
    const void* newline = std::memchr(start, '\n', end_ - scanned);
    if (newline != nullptr) {
      const size_t pos = static_cast<const char*>(newline) - buffer_.data();
      size_t stop = pos;
      if (stop > begin_ && buffer_[stop - 1] == '\r') --stop;
      *line = std::string_view(buffer_.data() + begin_, stop - begin_);
      begin_ = pos + 1;
      ++line_number_;
      unterminated_ = false;
      return kLine;
    }
    if (end_ - begin_ > max_line_bytes_) {
      // Skip the rest of an over-long line without holding it in memory.
      uint64_t skipped = end_ - begin_;
      begin_ = end_ = 0;
      while (true) {
        RETURN_IF_ERROR(Fill());
        const void* nl = std::memchr(buffer_.data(), '\n', end_);
        if (nl != nullptr) {
          const size_t pos = static_cast<const char*>(nl) - buffer_.data();
          skipped += pos;
          begin_ = pos + 1;
          break;
        }
        skipped += end_;
        begin_ = end_ = 0;
        if (eof_) break;
      }
      ++line_number_;
      skipped_bytes_ = skipped;
      return kTooLong;
    }
    if (eof_) {
      if (begin_ == end_) return kEnd;
      *line = std::string_view(buffer_.data() + begin_, end_ - begin_);
      begin_ = end_;
      ++line_number_;
      unterminated_ = true;
      return kLine;
    }
    const size_t pending = end_ - begin_;
    RETURN_IF_ERROR(Fill());
    scanned = begin_ + pending;
  }
}

}  // namespace corpgraph::ingest::internal
