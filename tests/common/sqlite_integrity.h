// tests/common/sqlite_integrity.h — PRAGMA integrity_check on a database file through
// sqlite3 directly (not through graph::Store), for the crash and robustness tests.
#pragma once

#include <sqlite3.h>

#include <string>

namespace corpgraph::testing {

// "ok", or the first problem SQLite reports ("cannot open: ..." if the file won't open).
inline std::string IntegrityCheck(const std::string& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    std::string error = sqlite3_errmsg(db);
    sqlite3_close(db);
    return "cannot open: " + error;
  }
  sqlite3_stmt* stmt = nullptr;
  std::string result = "no result";
  if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &stmt, nullptr) == SQLITE_OK &&
      sqlite3_step(stmt) == SQLITE_ROW) {
    result = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
  } else {
    result = sqlite3_errmsg(db);
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return result;
}

}  // namespace corpgraph::testing
