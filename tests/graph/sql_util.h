// Test helper shared by the graph tests: raw SQL on a database file.
#pragma once

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
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

// The first column of the first row of `sql` on a database file, as text: "NULL",
// "no row", or SQLite's message if it fails.
inline std::string QueryText(const std::string& path, const char* sql) {
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) return "open failed";
  sqlite3_stmt* stmt = nullptr;
  std::string result = "no row";
  const int rc = sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK ? sqlite3_step(stmt)
                                                                              : SQLITE_ERROR;
  if (rc == SQLITE_ROW) {
    const unsigned char* text = sqlite3_column_text(stmt, 0);
    result = text != nullptr ? reinterpret_cast<const char*>(text) : "NULL";
  } else if (rc != SQLITE_DONE) {
    result = sqlite3_errmsg(db);
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return result;
}

// A fresh database path in the test temp dir, named after the running test.
inline std::string TempDbPath() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const std::filesystem::path dir =
      std::filesystem::path(::testing::TempDir()) / "corpgraph_graph_test";
  std::filesystem::create_directories(dir);
  const std::filesystem::path path =
      dir / (std::string(info->test_suite_name()) + "_" + info->name() + ".db");
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    std::filesystem::remove(path.string() + suffix);
  }
  return path.string();
}

// FTS5's 'integrity-check' of sentence_fts against its content (every row's
// tokens), "ok" or SQLite's message. The content is the `sentence_text` view,
// which decompresses through corpgraph_text: registered here as the identity,
// which is right while every sentence is stored plain (a store makes its text
// dictionary, and compresses, only once it holds 32 KiB of sentences).
inline std::string FtsIntegrityCheck(const std::string& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) return "open failed";
  sqlite3_create_function(
      db, "corpgraph_text", 1, SQLITE_UTF8, nullptr,
      [](sqlite3_context* context, int, sqlite3_value** values) {
        sqlite3_result_value(context, values[0]);
      },
      nullptr, nullptr);
  char* error = nullptr;
  const int rc =
      sqlite3_exec(db, "INSERT INTO sentence_fts(sentence_fts, rank) VALUES ('integrity-check', 1)",
                   nullptr, nullptr, &error);
  std::string result = rc == SQLITE_OK ? "ok" : (error != nullptr ? error : "failed");
  sqlite3_free(error);
  sqlite3_close(db);
  return result;
}

}  // namespace corpgraph::graph::testing
