// Enforces DESIGN.md's dependency table: a module may include only the modules
// it is allowed to depend on. Scans every source file's `#include "module/..."`.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <string>

namespace {

namespace fs = std::filesystem;

// module -> modules it may include (besides itself). Mirrors DESIGN.md.
const std::map<std::string, std::set<std::string>>& Allowed() {
  static const auto* allowed = new std::map<std::string, std::set<std::string>>{
      {"common", {}},
      {"data", {}},
      {"extract", {"common", "data"}},
      {"graph", {"common"}},
      {"ingest", {"common", "extract", "graph"}},
      {"query", {"common", "graph"}},
      {"export", {"common", "graph", "query"}},
      {"cli", {"common", "extract", "graph", "ingest", "query", "export", "cli"}},
  };
  return *allowed;
}

std::vector<std::string> Violations(const fs::path& root) {
  std::vector<std::string> out;
  const std::regex include_re(R"(^\s*#\s*include\s*"([a-z_]+)/)");
  for (const auto& [module, allowed] : Allowed()) {
    const fs::path dir = root / module;
    if (!fs::exists(dir)) continue;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
      const std::string ext = entry.path().extension().string();
      if (ext != ".h" && ext != ".cc" && ext != ".in") continue;
      std::ifstream in(entry.path());
      std::string line;
      int number = 0;
      while (std::getline(in, line)) {
        ++number;
        std::smatch m;
        if (!std::regex_search(line, m, include_re)) continue;
        const std::string target = m[1];
        if (target == module || !Allowed().count(target)) continue;
        if (!allowed.count(target)) {
          out.push_back(fs::relative(entry.path(), root).string() + ":" + std::to_string(number) +
                        ": " + module + " may not include " + target + "/");
        }
      }
    }
  }
  return out;
}

TEST(Layering, ModulesIncludeOnlyWhatDesignAllows) {
  const std::vector<std::string> violations = Violations(CORPGRAPH_SOURCE_DIR);
  std::string report;
  for (const auto& v : violations) report += v + "\n";
  EXPECT_TRUE(violations.empty()) << report;
}

TEST(Layering, CheckerCatchesAViolation) {
  // A throwaway tree where graph/ includes extract/: the checker must flag it.
  const fs::path root = fs::path(::testing::TempDir()) / "layering_fixture";
  fs::remove_all(root);
  fs::create_directories(root / "graph");
  std::ofstream(root / "graph" / "bad.cc") << "#include \"extract/extractor.h\"\n";
  const auto violations = Violations(root);
  ASSERT_EQ(violations.size(), 1u);
  EXPECT_NE(violations[0].find("graph may not include extract/"), std::string::npos);
  fs::remove_all(root);
}

}  // namespace
