// ingest/jsonl.h — the `corpgraph extract` output format (DESIGN.md's
// contract), written and read back.
//
// Per document, in this order:
//   {"kind":"document","doc":ID,"title":..,"date":..,"source":..,"sha256":..}
//   {"kind":"entity","doc":ID,"id":..,"name":..,"type":..,"subtype":..,"aliases":[..],
//    "attributes":{..},"parents":[..] (only when non-empty),"mentions":[{"start","end","text"}]}
//   {"kind":"relation","doc":ID,"subject":{"id","name","type"},"relation":..,
//    "object":{..},"confidence":..,"modality":..,"attributes":{..},
//    "evidence":{"sentence","start","end","rule","inferred","kind","confidence",
//                "subject_start","subject_end","object_start","object_end","date"}}
// The "document" line and modality/kind/argument-offset/date fields are
// additive to DESIGN.md (they carry what `merge` needs to equal `build`).
// Offsets are byte offsets into the document's UTF-8 text.
//
//   std::string out;
//   AppendExtractionJsonl(doc, extraction, &out);       // write
//   ASSIGN_OR_RETURN(auto in, ExtractionReader::Open("shard.jsonl", {}));
//   while (true) {
//     ASSIGN_OR_RETURN(std::optional<ExtractedDocument> d, in->Next());
//     if (!d) break;
//     RETURN_IF_ERROR(store.PutDocument(d->document, d->extraction));
//   }
//
// Free functions are thread-safe; an ExtractionReader is used by one thread.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/records.h"
#include "common/status.h"
#include "ingest/reader.h"

namespace corpgraph::ingest {

// Appends the JSONL lines for one document (each ending in '\n') to *out.
// Document::text is not written; sha256 is.
void AppendExtractionJsonl(const Document& doc, const Extraction& extraction, std::string* out);

// One document read back from extract output: metadata (text empty) and what
// was extracted from it.
struct ExtractedDocument {
  Document document;
  Extraction extraction;
};

struct ExtractionReaderOptions {
  std::function<void(const Problem&)> on_problem;  // called as problems happen
  size_t max_line_bytes = 256u << 20;
};

// Reads extract output (a file, a .gz file, or "-" for stdin), grouping lines
// into documents. Malformed lines become error Problems ("file:LINE: ...") and
// are skipped; entity/relation lines whose "doc" differs from the preceding
// "document" line are skipped the same way.
class ExtractionReader {
 public:
  // Errors: NotFound, IOError.
  static Result<std::unique_ptr<ExtractionReader>> Open(const std::string& path,
                                                        const ExtractionReaderOptions& options);
  ~ExtractionReader();

  // The next document, or nullopt at the end. Fails only on read errors
  // (IOError naming the file).
  Result<std::optional<ExtractedDocument>> Next();

  const std::vector<Problem>& problems() const;
  uint64_t consumed_bytes() const;

 private:
  struct Rep;
  explicit ExtractionReader(std::unique_ptr<Rep> rep);
  std::unique_ptr<Rep> rep_;
};

// One parsed line of extract output.
struct ExtractionLine {
  enum class Kind { kDocument, kEntity, kRelation, kOther };
  Kind kind = Kind::kOther;
  std::string kind_name;  // the "kind" value as written
  std::string doc_id;     // the "doc" field
  Document document;      // kDocument (text empty)
  Entity entity;          // kEntity
  Fact fact;              // kRelation (fact.evidence.doc_id == doc_id)
};

// Parses one line of extract output. Exposed for tests and fuzzing.
// Errors: InvalidArgument describing what is wrong (no file/line prefix).
Result<ExtractionLine> ParseExtractionLine(std::string_view line);

}  // namespace corpgraph::ingest
