// ingest/reader.h — turns corpus inputs (files, folders, stdin) into Documents.
//
// Input contract (DESIGN.md): a `.txt`/`.md`/`.html`/`.htm` file (optionally
// `.gz`) is one document whose id is its path relative to the input root,
// without extension (for a file named directly: its file name without
// extension). A `.jsonl`/`.ndjson` file (optionally `.gz`) holds one document
// per line: `text` (or `body`/`content`) required; `id`, `title`,
// `date`/`published`, `url`, `source` optional; the id defaults to
// "<file id>:<line number>". `-` reads JSONL from stdin (plain or gzip).
// Folders are walked recursively in sorted (byte-wise) order; files with other
// extensions inside folders are skipped silently (counted in
// skipped_unknown_files()), while an unknown extension named explicitly is an error.
//
// Front matter: a `.txt`/`.md` file may start with
//   ---
//   title: Alibaba and Apple team up
//   date: 2025-02-13
//   source: https://example.com/a
//   ---
// which sets title/date/source and is removed: Document::text (and therefore
// every extracted byte offset) starts after the closing `---` line. Without
// front matter the title is the first non-empty line (leading '#' removed).
// HTML: see StripHtml(); Document::text is the stripped text.
//
// Bad input never stops the reader: invalid UTF-8 is repaired (a warning),
// binary, empty, oversized documents and malformed JSON lines are skipped
// (an error-severity Problem each). Document::source is the JSONL `url`, else
// its `source`, else the front matter's source, else the file path.
//
//   ASSIGN_OR_RETURN(auto reader, DocumentReader::Open({"corpus/"}, {}));
//   while (true) {
//     ASSIGN_OR_RETURN(std::optional<Document> doc, reader->Next());
//     if (!doc) break;
//     Use(*doc);
//   }
//   for (const Problem& p : reader->problems()) std::cerr << p.ToString() << "\n";
//
// A DocumentReader is not thread-safe (one thread calls Next()), except
// consumed_bytes() and total_bytes(), which any thread may read.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/records.h"
#include "common/status.h"

namespace corpgraph::ingest {

enum class Severity {
  kWarning,  // the document was kept, but changed (e.g. invalid UTF-8 repaired)
  kError,    // the document, line or file was skipped
};

// Something wrong with one input, reported with its file and line.
struct Problem {
  std::string path;   // the file ("stdin" for "-")
  uint64_t line = 0;  // 1-based line for JSONL inputs, 0 for whole files
  std::string message;
  Severity severity = Severity::kError;

  // "path:line: message" (or "path: message" when line is 0).
  std::string ToString() const;
};

struct ReaderOptions {
  // Documents whose text is larger than this are skipped (error Problem).
  uint64_t max_doc_bytes = 32ull << 20;
  // Called for every problem as it happens (e.g. to print it at once), in
  // addition to collecting it in problems(). Called from the reading thread.
  std::function<void(const Problem&)> on_problem;
  // problems() keeps at most this many; problem_count() counts them all.
  size_t max_kept_problems = 10000;
  // When set and true, Next() stops at the next document boundary (returns
  // nullopt) and a blocked stdin read is abandoned.
  const std::atomic<bool>* cancel = nullptr;
  // false: leave Document::sha256 empty (the build pipeline hashes on its
  // worker threads, which keeps the reader thread fast).
  bool compute_sha256 = true;
};

// Reads documents one at a time from a list of inputs, streaming: a JSONL file
// of any size is read line by line.
class DocumentReader {
 public:
  // Expands folders and checks every input. Errors: NotFound (a path does not
  // exist), InvalidArgument (a file named explicitly has an unsupported
  // extension; lists the supported ones), IOError (a folder cannot be listed).
  static Result<std::unique_ptr<DocumentReader>> Open(const std::vector<std::string>& inputs,
                                                      const ReaderOptions& options);
  ~DocumentReader();
  DocumentReader(const DocumentReader&) = delete;
  DocumentReader& operator=(const DocumentReader&) = delete;

  // The next document, or nullopt at the end (or once cancelled). Problems with
  // single inputs never fail Next(); they become Problems and reading goes on.
  // The returned Document has valid UTF-8 text and sha256 = Sha256Hex(text)
  // (unless ReaderOptions::compute_sha256 is false).
  Result<std::optional<Document>> Next();

  // The file and line the last returned document came from (line 0: whole file).
  const std::string& current_path() const;
  uint64_t current_line() const;

  const std::vector<Problem>& problems() const;
  uint64_t problem_count() const;          // including those not kept
  uint64_t error_count() const;            // problems with Severity::kError
  uint64_t skipped_unknown_files() const;  // files with unknown extensions in folders
  uint64_t file_count() const;             // input files found (excluding unknown ones)
  // Sum of input file sizes (compressed for .gz); 0 when reading stdin only.
  uint64_t total_bytes() const;
  // Input bytes consumed so far, comparable with total_bytes().
  uint64_t consumed_bytes() const;

 private:
  struct Rep;
  explicit DocumentReader(std::unique_ptr<Rep> rep);
  std::unique_ptr<Rep> rep_;
};

// Markup-free text of an HTML page.
struct HtmlText {
  std::string title;  // contents of <title>, entities decoded, whitespace collapsed
  std::string text;   // body text: block elements become line/paragraph breaks
};

// Strips HTML: drops <head>, <script>, <style>, <noscript>, <template>,
// comments, doctype, processing instructions; turns block elements (p, div,
// h1-h6, li, tr, br, section, article, ...) into newlines (paragraph-ish ones
// into blank lines); decodes named (&amp; &nbsp; &rsquo; ...) and numeric
// (&#39; &#x2019;) entities; collapses runs of spaces. One linear pass, no
// recursion: arbitrarily deep or broken markup is fine. Input need not be
// valid UTF-8 (the output is then not either; callers repair afterwards).
HtmlText StripHtml(std::string_view html);

// Front matter of a text/markdown file.
struct FrontMatter {
  bool present = false;
  std::string title, date, source, id;
  size_t body_offset = 0;  // where the text after the closing "---" line starts
};

// Parses a leading "---\nkey: value\n...\n---\n" block (keys title, date,
// source, id; values may be quoted; other keys ignored). Not present if the
// text does not start with "---" or the block is never closed.
FrontMatter ParseFrontMatter(std::string_view text);

// The first non-empty line of `text`, trimmed, markdown heading marks removed,
// cut to at most 300 bytes at a UTF-8 boundary.
std::string FirstLineTitle(std::string_view text);

}  // namespace corpgraph::ingest
