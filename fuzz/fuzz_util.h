// fuzz/fuzz_util.h — helpers shared by the libFuzzer targets.
//
//   CORPGRAPH_FUZZ_CHECK(span.end <= text.size());  // traps (a crash libFuzzer records)
//   TempInput file("jsonl");
//   file.Write(data, size);  // then DocumentReader::Open({file.path()}, {})
//
// Not thread-safe; each fuzzer process runs one input at a time.
#pragma once

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

// Aborts the run with a message when an invariant does not hold.
#define CORPGRAPH_FUZZ_CHECK(cond)                                                      \
  do {                                                                                  \
    if (!(cond)) {                                                                      \
      std::fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond); \
      __builtin_trap();                                                                 \
    }                                                                                   \
  } while (0)

namespace corpgraph::fuzz {

// One scratch file per process (in /dev/shm when present, which is RAM), with
// a fixed extension, rewritten for every input and removed at exit.
class TempInput {
 public:
  explicit TempInput(const std::string& extension) {
    const char* dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    path_ = std::string(dir) + "/corpgraph-fuzz-" + std::to_string(getpid()) + "." + extension;
  }
  ~TempInput() { std::remove(path_.c_str()); }
  TempInput(const TempInput&) = delete;
  TempInput& operator=(const TempInput&) = delete;

  const std::string& path() const { return path_; }

  void Write(const uint8_t* data, size_t size) {
    std::FILE* f = std::fopen(path_.c_str(), "wb");
    CORPGRAPH_FUZZ_CHECK(f != nullptr);
    if (size > 0) CORPGRAPH_FUZZ_CHECK(std::fwrite(data, 1, size, f) == size);
    CORPGRAPH_FUZZ_CHECK(std::fclose(f) == 0);
  }

 private:
  std::string path_;
};

}  // namespace corpgraph::fuzz
