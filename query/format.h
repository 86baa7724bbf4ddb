// query/format.h — renders an Answer as text (aligned, width-aware), JSON
// (stable schema, documented in docs/queries.md) or CSV.
//
//   ASSIGN_OR_RETURN(Answer answer, engine.Run("exposure Apple to region:Asia"));
//   std::cout << FormatText(answer, {.width = 100});
//   // 1. Apple —partner_of→ Alibaba —operates_in→ China   score 0.720
//   //      "Alibaba said it had partnered with Apple ..." [Alibaba and Apple, 2024-05-02]
//   std::cout << FormatJson(answer) << "\n";
//
// Pure functions of their arguments; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"
#include "query/engine.h"

namespace corpgraph::query {

enum class OutputFormat { kText, kJson, kCsv };

// "text", "json" or "csv"; InvalidArgument otherwise.
Result<OutputFormat> ParseOutputFormat(std::string_view name);

struct FormatOptions {
  int width = 100;  // terminal columns; long cells and sentences are cut or wrapped to fit
};

// Human-readable text, ending with a newline.
std::string FormatText(const Answer& answer, const FormatOptions& options);
// One JSON document (indented when `indent` >= 0, compact when -1), no trailing newline.
std::string FormatJson(const Answer& answer, int indent = 2);
// RFC 4180 CSV with a header row; one row per hop / neighbor / evidence item.
std::string FormatCsv(const Answer& answer);
// Dispatches on `format`; text and CSV end with a newline, JSON gets one appended.
std::string FormatAnswer(const Answer& answer, OutputFormat format, const FormatOptions& options);

// The path as one line: "Apple —partner_of→ Alibaba ←supplies— Foxconn".
std::string PathLine(const Path& path);

// Columns a UTF-8 string occupies (code points; every character counted as one column).
size_t DisplayWidth(std::string_view text);

}  // namespace corpgraph::query
