// Status and Result<T>: how every corpgraph module reports failures a user can act on.
//
//   Result<Document> ReadOne(const std::string& path);
//   ASSIGN_OR_RETURN(Document doc, ReadOne(path));
//   RETURN_IF_ERROR(store.AddDocument(doc, extraction));
//   if (!status.ok()) std::cerr << status.ToString() << "\n";
//
// Messages follow the shape "subject: problem (cause or hint)". Add context at
// module boundaries with Status::WithContext. Both types are cheap to move and
// are not thread-safe to mutate concurrently (like any value type).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace corpgraph {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,     // the user's input (file, flag, query, rule) is malformed
  kNotFound,            // a named thing (file, entity, document) does not exist
  kAlreadyExists,       // refusing to overwrite something that exists
  kFailedPrecondition,  // the system is not in a state to do this (locked DB, newer schema)
  kDataLoss,            // stored data is corrupt or truncated
  kIOError,             // the OS or SQLite failed to read or write
  kInternal,            // a bug in corpgraph
};

// Returns the lower-case name of `code`, e.g. "invalid argument".
std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

  // Returns a copy whose message is "context: message". OK stays OK.
  Status WithContext(std::string_view context) const;
  // "message" for errors (the code name is implied by the message's shape), "OK" otherwise.
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;  // empty iff ok()
};

inline Status InvalidArgumentError(std::string m) {
  return {StatusCode::kInvalidArgument, std::move(m)};
}
inline Status NotFoundError(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
inline Status AlreadyExistsError(std::string m) {
  return {StatusCode::kAlreadyExists, std::move(m)};
}
inline Status FailedPreconditionError(std::string m) {
  return {StatusCode::kFailedPrecondition, std::move(m)};
}
inline Status DataLossError(std::string m) { return {StatusCode::kDataLoss, std::move(m)}; }
inline Status IOError(std::string m) { return {StatusCode::kIOError, std::move(m)}; }
inline Status InternalError(std::string m) { return {StatusCode::kInternal, std::move(m)}; }

// Result<T> holds either a T or a non-OK Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}         // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {  // NOLINT: implicit by design
    if (status_.ok()) status_ = InternalError("Result constructed from an OK status");
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }

  // Precondition: ok().
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& operator*() & { return *value_; }
  const T& operator*() const& { return *value_; }

 private:
  std::optional<T> value_;
  Status status_;  // OK iff value_ holds a value
};

}  // namespace corpgraph

#define CORPGRAPH_CONCAT_INNER(a, b) a##b
#define CORPGRAPH_CONCAT(a, b) CORPGRAPH_CONCAT_INNER(a, b)

// Returns the Status of `expr` from the enclosing function if it is not OK.
#define RETURN_IF_ERROR(expr)                              \
  do {                                                     \
    ::corpgraph::Status corpgraph_status_ = (expr);        \
    if (!corpgraph_status_.ok()) return corpgraph_status_; \
  } while (0)

// Evaluates `rexpr` (a Result<T>); on error returns its Status, else binds `lhs`.
#define ASSIGN_OR_RETURN(lhs, rexpr) \
  ASSIGN_OR_RETURN_IMPL(CORPGRAPH_CONCAT(corpgraph_result_, __LINE__), lhs, rexpr)
#define ASSIGN_OR_RETURN_IMPL(tmp, lhs, rexpr) \
  auto tmp = (rexpr);                          \
  if (!tmp.ok()) return tmp.status();          \
  lhs = std::move(tmp).value()
