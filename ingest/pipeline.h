// ingest/pipeline.h — the parallel build: one reader thread, N extraction
// workers, one writer (the calling thread) committing to the store in batches.
//
//   ASSIGN_OR_RETURN(auto store, graph::Store::Open("graph.db", graph::OpenMode::kReadWrite));
//   BuildOptions options;
//   options.jobs = 4;
//   ASSIGN_OR_RETURN(BuildSummary summary, Build({"corpus/"}, *extractor, *store, options));
//   std::cerr << FormatSummary(summary);
//
// Determinism: documents reach the store in input order whatever `jobs` is
// (results are re-ordered by sequence number), so ids and evidence keys are
// the same for any number of workers. Memory is bounded: at most
// max_in_flight_documents (and about max_in_flight_bytes of text) are between
// the reader and the writer at any time.
//
// Incremental: a document whose id is stored with the same SHA-256 is skipped
// before extraction ("unchanged"); a different hash replaces it. Each batch is
// one transaction, so an interrupt or crash loses at most the open batch, and
// the next run skips everything committed.
//
// Thread-safety: Build() and RunExtraction() may be called from any one thread;
// they start and join their own threads. The callbacks they take are called
// from the calling thread unless stated otherwise.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "common/records.h"
#include "common/status.h"
#include "extract/extractor.h"
#include "graph/graph.h"
#include "graph/store.h"
#include "ingest/reader.h"

namespace corpgraph::ingest {

enum class ProgressMode {
  kAuto,  // kBar if the progress stream is stderr and stderr is a terminal, else kLog
  kBar,   // one line rewritten in place (\r) about 5 times a second
  kLog,   // a plain line about every 5 seconds
  kNone,
};

// What a build or merge did.
struct IngestSummary {
  uint64_t documents_read = 0;         // documents that came out of the readers
  uint64_t added = 0;                  // new document ids
  uint64_t replaced = 0;               // stored ids whose content changed
  uint64_t skipped_unchanged = 0;      // stored with the same hash: not re-extracted
  uint64_t failed = 0;                 // error problems: inputs, lines or documents skipped
  uint64_t warnings = 0;               // warning problems (kept, e.g. UTF-8 repaired)
  uint64_t skipped_unknown_files = 0;  // unknown extensions inside folders
  int64_t entities = 0;                // totals in the store afterwards
  int64_t relations = 0;
  int64_t evidence = 0;
  double seconds = 0.0;
  uint64_t bytes = 0;             // text bytes of the documents read
  bool interrupted = false;       // stopped by the cancel flag; what was read is committed
  bool compacted = false;         // the store was compacted at the end (BuildOptions::compact)
  std::string compact_error;      // why compaction failed (the data is stored all the same)
  std::string image_error;        // why the graph image was not refreshed (ditto)
  bool image_written = false;     // a graph image was (re)written at the end (RefreshImage)
  std::vector<Problem> problems;  // the first 10000 problems
};
using BuildSummary = IngestSummary;
using MergeSummary = IngestSummary;

// A multi-line human summary ("added 120, replaced 3, ...") ending in '\n'.
std::string FormatSummary(const IngestSummary& summary);

// The end of a build or merge that was not interrupted: compacts a store the
// run created (when `compact`: Store::Compact) and makes its graph image current
// (graph::Graph::RefreshImage). Neither failure loses data: each is recorded in
// `summary` (compacted / compact_error, image_error) and the run goes on.
// Graphs of fewer than `image_min_relations` relations get no image.
void FinishStore(graph::Store& store, bool compact, IngestSummary& summary,
                 size_t image_min_relations = graph::kImageMinRelations);

struct BuildOptions {
  int jobs = 0;                          // extraction workers; 0: hardware_concurrency()
  uint64_t max_doc_bytes = 32ull << 20;  // larger documents are skipped (a Problem)
  // Commit after this many documents, or when the batch is this old. Each
  // commit writes the full-text segment and count rows of what its batch
  // touched, so fewer, larger batches cost the writer less per document
  // (docs/benchmarks.md, fourteenth session); an interrupted or killed build
  // loses at most the open batch.
  int batch_documents = 2000;
  double batch_seconds = 2.0;
  // The same while the store has no text dictionary yet (made at the first
  // commit with enough sentences, from then on the workers compress sentences
  // with it): small first batches keep that commit as early as before.
  int first_batch_documents = 500;
  double first_batch_seconds = 0.5;
  ProgressMode progress = ProgressMode::kAuto;
  std::ostream* progress_stream = nullptr;  // nullptr: std::cerr
  // Set (e.g. from a signal handler) to stop reading; documents already read
  // are extracted and committed, then Build returns with interrupted = true.
  const std::atomic<bool>* cancel = nullptr;
  // Called for each problem as it happens, from the reader thread.
  std::function<void(const Problem&)> on_problem;
  size_t max_in_flight_documents = 0;  // 0: 8 * jobs + 32
  uint64_t max_in_flight_bytes = 256ull << 20;
  // A build into an empty store ends with Store::Compact(): pages filled in insertion order
  // are packed (about 5% smaller on generated news). Not after an interruption.
  bool compact = true;
  // Stores of this many relations or more end with a graph image (graph::Graph::RefreshImage):
  // they then open without a scan.
  size_t image_min_relations = graph::kImageMinRelations;
};

// Reads `inputs` (see DocumentReader), extracts every new or changed document
// and writes it to `store`; writes extractor.Taxonomy() first. Returns the
// summary, also when interrupted. Errors: those of DocumentReader::Open, and
// store write errors (IOError, e.g. disk full) which stop the build — batches
// committed before stay intact.
Result<BuildSummary> Build(const std::vector<std::string>& inputs,
                           const extract::Extractor& extractor, graph::Store& store,
                           const BuildOptions& options);

// The engine under Build() and `corpgraph extract`: reads every document of
// `reader` on a reader thread, extracts on `jobs` workers and calls `sink` on
// the calling thread in input order. Documents without a sha256 get one on the
// workers. `skip` (may be empty; called on worker
// threads, must be thread-safe) returns true for documents not to extract; the
// sink then gets nullopt. `tick` (may be empty) is called on the calling thread
// at least every 200 ms while waiting, for progress. A non-OK status from the
// sink stops everything and is returned. Stops reading when `cancel` is set.
// What the sink leaves of a document and its extraction is freed on a worker
// thread (the sink's thread, a build's writer, is the one to spare).
struct ExtractionRunOptions {
  int jobs = 0;  // 0: hardware_concurrency()
  const std::atomic<bool>* cancel = nullptr;
  size_t max_in_flight_documents = 0;  // 0: 8 * jobs + 32
  uint64_t max_in_flight_bytes = 256ull << 20;
};
using SkipFn = std::function<bool(const Document&)>;
using SinkFn = std::function<Status(Document&& doc, std::optional<Extraction>&& extraction)>;
Status RunExtraction(DocumentReader& reader, const extract::Extractor& extractor,
                     const ExtractionRunOptions& options, const SkipFn& skip, const SinkFn& sink,
                     const std::function<void()>& tick);

// Installs SIGINT/SIGTERM handlers that set flag() (without SA_RESTART, so a
// blocking read returns); a second signal restores the default action and
// re-raises it. The destructor restores the previous handlers. One at a time.
class ScopedInterruptHandler {
 public:
  ScopedInterruptHandler();
  ~ScopedInterruptHandler();
  ScopedInterruptHandler(const ScopedInterruptHandler&) = delete;
  ScopedInterruptHandler& operator=(const ScopedInterruptHandler&) = delete;
  const std::atomic<bool>* flag() const;
  bool interrupted() const;
  int signal_number() const;  // the first signal received, 0 if none
};

// Progress reporting shared by build and merge (and usable by the CLI).
// Not thread-safe: call from one thread.
class ProgressMeter {
 public:
  // `clock` (seconds, monotonic) is for tests; the default is the steady clock.
  ProgressMeter(ProgressMode mode, std::ostream* stream, std::string verb,
                std::function<double()> clock = {});
  // Redraws at most every 200 ms (kBar) / 5 s (kLog) unless `force`.
  // `done_bytes` of `total_bytes` is how far the input files have been read (compressed
  // bytes for .gz): it gives the percentage and the ETA; `total_bytes` 0 means unknown (no
  // percentage or ETA). The MB/s shown is `rate_bytes` (the documents' text, the same
  // figure as the final summary's) over the time since the meter was made.
  void Update(uint64_t documents, uint64_t rate_bytes, uint64_t done_bytes, uint64_t total_bytes,
              uint64_t skipped, uint64_t failed, bool force = false);
  // Ends the progress line (kBar) so that later output starts on a new line.
  void Finish();

 private:
  ProgressMode mode_;
  std::ostream* stream_;
  std::string verb_;
  std::function<double()> clock_;
  double start_ = 0.0;
  double last_ = -1e9;
  bool drawn_ = false;
};

}  // namespace corpgraph::ingest
