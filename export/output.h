// export/output.h — writing export files safely.
//
// Export never clobbers by accident: an existing file is refused unless the
// caller passes `force`, a symbolic link at the output path is always refused
// (we never write through a link someone planted), and files are written to a
// temporary sibling and moved into place, so a failed export leaves no
// half-written file behind.
//
//   RETURN_IF_ERROR(CheckOutputPath("graph.svg", /*force=*/false));
//   RETURN_IF_ERROR(WriteOutputFile("graph.svg", svg_text, /*force=*/false));
//   RETURN_IF_ERROR(PrepareOutputDirectory("neo4j/"));
//
// Thread-safe in the sense of the file system: concurrent writers to the same
// path race like any two processes would; without `force` the final step
// (link(2)) still refuses to replace a file that appeared meanwhile.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace corpgraph::exporter {

// OK if `path` does not exist, or exists as a regular file and `force` is set.
// Errors: FailedPrecondition ("OUT: is a symbolic link (refusing to write through
// it)", or a directory / special file), AlreadyExists ("OUT: already exists (use
// --force to overwrite)"), IOError (lstat failed for another reason).
Status CheckOutputPath(const std::string& path, bool force);

// Checks `path` as above, then writes `content` to a temporary file in the same
// directory and moves it to `path`. Errors: those of CheckOutputPath, IOError.
Status WriteOutputFile(const std::string& path, std::string_view content, bool force);

// Makes sure `dir` is a directory we may write into, creating it (one level)
// if missing. Errors: FailedPrecondition (a symbolic link or not a directory),
// IOError (mkdir failed).
Status PrepareOutputDirectory(const std::string& dir);

}  // namespace corpgraph::exporter
