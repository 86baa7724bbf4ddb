// tests/robustness/test_util.h — helpers for the robustness tests: a
// self-deleting temp folder and the big-input size switch.
//
//   TempDir dir;
//   std::string path = dir.Write("docs.jsonl", "{\"text\":\"x\"}\n");
//
// Not thread-safe.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstddef>
#include <filesystem>
#include <fstream>
#include <string>

namespace corpgraph::robustness {

// Full sizes in optimised builds; Debug and sanitizer builds use smaller ones.
#ifdef CORPGRAPH_ROBUSTNESS_SMALL
inline constexpr size_t kHugeDocumentBytes = 8u << 20;
#else
inline constexpr size_t kHugeDocumentBytes = 50u << 20;
#endif

class TempDir {
 public:
  TempDir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "corpgraph-robustness-XXXXXX").string();
    char* made = ::mkdtemp(pattern.data());
    EXPECT_NE(made, nullptr);
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  std::string Path(const std::string& relative) const {
    return (std::filesystem::path(path_) / relative).string();
  }

  // Writes `content` to path()/relative and returns the full path.
  std::string Write(const std::string& relative, const std::string& content) const {
    const std::string full = Path(relative);
    std::ofstream out(full, std::ios::binary);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    EXPECT_TRUE(out.good()) << full;
    return full;
  }

 private:
  std::string path_;
};

}  // namespace corpgraph::robustness
