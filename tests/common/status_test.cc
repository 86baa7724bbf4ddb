#include "common/status.h"

#include <gtest/gtest.h>

#include <memory>

namespace corpgraph {
namespace {

Result<int> Half(int n) {
  if (n % 2 != 0) return InvalidArgumentError(std::to_string(n) + ": odd");
  return n / 2;
}

Result<int> Quarter(int n) {
  ASSIGN_OR_RETURN(int half, Half(n));
  ASSIGN_OR_RETURN(int quarter, Half(half));
  return quarter;
}

Status CheckAll(int a, int b) {
  RETURN_IF_ERROR(Half(a).status());
  RETURN_IF_ERROR(Half(b).status());
  return Status::Ok();
}

TEST(Status, OkAndErrorsCarryCodeAndMessage) {
  EXPECT_TRUE(Status::Ok().ok());
  EXPECT_EQ(Status::Ok().ToString(), "OK");
  const Status s = NotFoundError("graph.db: does not exist");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
  EXPECT_EQ(s.ToString(), "graph.db: does not exist");
  EXPECT_EQ(StatusCodeName(StatusCode::kDataLoss), "data loss");
}

TEST(Status, WithContextPrefixesErrorsOnly) {
  EXPECT_EQ(IOError("disk full").WithContext("writing graph.db").message(),
            "writing graph.db: disk full");
  EXPECT_TRUE(Status::Ok().WithContext("ignored").ok());
}

TEST(Result, PropagatesThroughMacros) {
  EXPECT_EQ(*Quarter(12), 3);
  const Result<int> bad = Quarter(6);  // 6 -> 3 -> odd
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(bad.status().message(), "3: odd");
  EXPECT_TRUE(CheckAll(2, 4).ok());
  EXPECT_EQ(CheckAll(2, 5).message(), "5: odd");
}

TEST(Result, HoldsMoveOnlyValues) {
  Result<std::unique_ptr<int>> r = std::make_unique<int>(7);
  ASSERT_TRUE(r.ok());
  std::unique_ptr<int> p = std::move(r).value();
  EXPECT_EQ(*p, 7);
}

TEST(Result, OkStatusIsNotAValue) {
  const Result<int> r = Status::Ok();
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInternal);
}

}  // namespace
}  // namespace corpgraph
