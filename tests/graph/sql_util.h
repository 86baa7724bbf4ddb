// Test helper shared by the graph tests: raw SQL on a database file.
#pragma once

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <string>

namespace corpgraph::graph::testing {

// Runs raw SQL on a database file, bypassing the Store (to forge odd keys or bad files).
inline void RawSql(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* error = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
  EXPECT_EQ(rc, SQLITE_OK) << (error != nullptr ? error : "");
  sqlite3_free(error);
  sqlite3_close(db);
}

}  // namespace corpgraph::graph::testing
