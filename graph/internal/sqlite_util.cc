// graph/internal/sqlite_util.cc — see sqlite_util.h.
#include "graph/internal/sqlite_util.h"

#include <utility>

namespace corpgraph::graph::internal {

Status SqliteStatus(sqlite3* db, int rc, std::string_view path) {
  const std::string subject(path);
  const std::string cause = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return FailedPreconditionError(
          subject + ": database is locked by another corpgraph process (wait for it to finish)");
    case SQLITE_FULL:
      return IOError(subject + ": disk full while writing (nothing from this batch was stored)");
    case SQLITE_IOERR:
      return IOError(subject + ": I/O error (" + cause + ")");
    case SQLITE_CORRUPT:
      return DataLossError(subject + ": database is corrupt (" + cause + ")");
    case SQLITE_NOTADB:
      return DataLossError(subject + ": not a SQLite database (" + cause + ")");
    case SQLITE_READONLY:
      return FailedPreconditionError(subject + ": cannot write (" + cause + ")");
    case SQLITE_CANTOPEN:
      return IOError(subject + ": cannot open (" + cause + ")");
    case SQLITE_PERM:
    case SQLITE_AUTH:
      return IOError(subject + ": permission denied (" + cause + ")");
    default:
      return InternalError(subject + ": sqlite error (" + cause + ")");
  }
}

Status ExecSql(sqlite3* db, std::string_view path, const char* sql) {
  char* error = nullptr;
  const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &error);
  if (error != nullptr) sqlite3_free(error);
  if (rc != SQLITE_OK) return SqliteStatus(db, rc, path);
  return Status::Ok();
}

Statement::~Statement() {
  if (stmt_ != nullptr) sqlite3_finalize(stmt_);
}

Statement::Statement(Statement&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)),
      stmt_(std::exchange(other.stmt_, nullptr)),
      path_(std::move(other.path_)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    if (stmt_ != nullptr) sqlite3_finalize(stmt_);
    db_ = std::exchange(other.db_, nullptr);
    stmt_ = std::exchange(other.stmt_, nullptr);
    path_ = std::move(other.path_);
  }
  return *this;
}

Status Statement::Prepare(sqlite3* db, std::string_view path, std::string_view sql) {
  if (stmt_ != nullptr) {
    sqlite3_finalize(stmt_);
    stmt_ = nullptr;
  }
  db_ = db;
  path_ = std::string(path);
  const int rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr);
  if (rc != SQLITE_OK) return SqliteStatus(db, rc, path);
  return Status::Ok();
}

void Statement::BindInt(int index, int64_t value) { sqlite3_bind_int64(stmt_, index, value); }
void Statement::BindDouble(int index, double value) { sqlite3_bind_double(stmt_, index, value); }
void Statement::BindText(int index, std::string_view value) {
  sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
}
void Statement::BindNull(int index) { sqlite3_bind_null(stmt_, index); }

Result<bool> Statement::Step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  // sqlite3_reset returns the same error code, and keeps the message for errmsg.
  Status status = SqliteStatus(db_, rc, path_);
  sqlite3_reset(stmt_);
  return status;
}

Status Statement::Run() {
  while (true) {
    ASSIGN_OR_RETURN(bool row, Step());
    if (!row) return Status::Ok();
  }
}

void Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

int64_t Statement::ColumnInt(int column) const { return sqlite3_column_int64(stmt_, column); }
double Statement::ColumnDouble(int column) const { return sqlite3_column_double(stmt_, column); }
std::string Statement::ColumnText(int column) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  if (text == nullptr) return {};
  return std::string(text, static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
}
void Statement::BindBlob(int index, std::string_view value) {
  sqlite3_bind_blob(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
}

bool Statement::ColumnIsBlob(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_BLOB;
}

std::string_view Statement::ColumnBlob(int column) const {
  const void* data = sqlite3_column_blob(stmt_, column);
  const int size = sqlite3_column_bytes(stmt_, column);
  if (data == nullptr || size <= 0) return {};
  return std::string_view(static_cast<const char*>(data), static_cast<size_t>(size));
}

bool Statement::ColumnIsNull(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

}  // namespace corpgraph::graph::internal
