// export/render.h — DOT text to SVG or PNG, in-process, with GraphViz's libgvc.
//
// No shelling out to `dot`: the text is parsed with agmemread, laid out with
// the chosen engine and rendered to memory. GraphViz's messages are captured
// and returned in the Status instead of being printed.
//
//   ASSIGN_OR_RETURN(std::string svg, RenderDot(dot_text, "dot", ImageFormat::kSvg));
//   ASSIGN_OR_RETURN(std::string png, RenderDot(dot_text, "sfdp", ImageFormat::kPng));
//   std::vector<std::string> engines = AvailableLayouts();  // "circo", "dot", ...
//
// Thread-safety: GraphViz's library keeps global state (error handler, symbol
// tables) and is not thread-safe, so every function here takes one
// process-wide mutex; concurrent calls are safe but run one at a time. Code
// elsewhere in the process must not call GraphViz directly at the same time.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace corpgraph::exporter {

enum class ImageFormat { kSvg, kPng };

// Layout engines the installed GraphViz offers ("dot", "neato", "sfdp", ...), sorted.
std::vector<std::string> AvailableLayouts();

// Lays out `dot` with engine `layout` and renders it. Returns the SVG text or
// the PNG bytes. Errors: InvalidArgument (unknown or unavailable layout, with
// the list of available ones; DOT that GraphViz cannot parse, with its
// message), Internal (GraphViz failed to lay out or render, with its message).
Result<std::string> RenderDot(std::string_view dot, std::string_view layout, ImageFormat format);

// True if GraphViz parses `dot` (agmemread succeeds); `error` gets its message otherwise.
bool DotParses(std::string_view dot, std::string* error);

}  // namespace corpgraph::exporter
