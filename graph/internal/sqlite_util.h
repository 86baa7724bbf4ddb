// graph/internal/sqlite_util.h — private helpers for the SQLite store: an RAII
// prepared statement and the mapping from SQLite result codes to Status.
//
//   Statement stmt;
//   RETURN_IF_ERROR(stmt.Prepare(db, path, "SELECT value FROM metadata WHERE key = ?1"));
//   stmt.BindText(1, "schema_version");
//   ASSIGN_OR_RETURN(bool row, stmt.Step());
//
// Only graph/*.cc include this header; nothing of SQLite leaks through the
// public headers. Not thread-safe (like the connection it wraps).
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"

namespace corpgraph::graph::internal {

// Turns a failed SQLite result code into a Status naming the database `path`,
// with `sqlite3_errmsg(db)` (if `db` is not null) as the cause. Busy/locked
// becomes FailedPrecondition, full/IO errors IOError, corrupt/not-a-db DataLoss.
Status SqliteStatus(sqlite3* db, int rc, std::string_view path);

// Runs `sql` (no parameters, possibly several statements) on `db`.
Status ExecSql(sqlite3* db, std::string_view path, const char* sql);

// A prepared statement, finalized on destruction. Movable, not copyable.
class Statement {
 public:
  Statement() = default;
  ~Statement();
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Compiles `sql` for `db`; `path` is only used in error messages.
  Status Prepare(sqlite3* db, std::string_view path, std::string_view sql);
  bool prepared() const { return stmt_ != nullptr; }

  // Parameters are 1-based. Text is copied by SQLite (SQLITE_TRANSIENT).
  void BindInt(int index, int64_t value);
  void BindDouble(int index, double value);
  void BindText(int index, std::string_view value);
  void BindNull(int index);
  // Binds `value` as a BLOB (copied).
  void BindBlob(int index, std::string_view value);

  // Advances: true if a row is available, false when done; errors become Status.
  Result<bool> Step();
  // Steps until done (for statements returning no rows we care about).
  Status Run();
  // Resets for re-execution and clears bindings.
  void Reset();

  int64_t ColumnInt(int column) const;
  double ColumnDouble(int column) const;
  std::string ColumnText(int column) const;
  bool ColumnIsNull(int column) const;
  bool ColumnIsBlob(int column) const;
  // The column's bytes as a BLOB, valid until the next Step/Reset.
  std::string_view ColumnBlob(int column) const;
  // The underlying handle, for hot loops reading many rows.
  sqlite3_stmt* raw() const { return stmt_; }

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
  std::string path_;
};

}  // namespace corpgraph::graph::internal
