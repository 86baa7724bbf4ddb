#include "ingest/pipeline.h"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <exception>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "common/text.h"
#include "graph/graph.h"

namespace corpgraph::ingest {
namespace {

double Now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

int ResolveJobs(int jobs) {
  if (jobs > 0) return jobs;
  const unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : static_cast<int>(n);
}

std::string FormatDuration(double seconds) {
  if (seconds < 0) seconds = 0;
  const long s = static_cast<long>(seconds + 0.5);
  char buffer[32];
  if (s >= 3600) {
    std::snprintf(buffer, sizeof buffer, "%ld:%02ld:%02ld", s / 3600, (s / 60) % 60, s % 60);
  } else {
    std::snprintf(buffer, sizeof buffer, "%ld:%02ld", s / 60, s % 60);
  }
  return buffer;
}

// State shared by the reader thread, the workers and the consumer.
struct Flow {
  std::mutex mu;
  std::condition_variable input_ready;   // input non-empty, closed, or aborted
  std::condition_variable space_ready;   // in-flight budget freed, or aborted
  std::condition_variable output_ready;  // a result arrived, the reader finished, or aborted
  std::deque<std::pair<uint64_t, Document>> input;
  struct Extracted {
    Document doc;
    std::optional<Extraction> extraction;
    graph::PackedSentences packed;  // what PrepareFn made of the extraction
  };
  using Done = std::map<uint64_t, Extracted>;
  Done done;
  // Results the sink is through with, freed by the next worker to take input:
  // freeing a document and its extraction cost the consumer (the build's
  // writer, the bottleneck) as much as a tenth of its time.
  std::vector<Done::node_type> consumed;
  uint64_t produced = 0;  // documents handed to workers (sequence numbers 0..produced-1)
  uint64_t in_flight_documents = 0;
  uint64_t in_flight_bytes = 0;
  bool reader_finished = false;
  bool aborted = false;
  Status reader_status;
};

// Work on an extraction that a worker does for the sink (may be empty; called
// on worker threads, must be thread-safe): a build packs the evidence sentences
// there for its store, off the writer's thread.
using PrepareFn = std::function<graph::PackedSentences(const Extraction& extraction)>;
using PreparedSinkFn = std::function<Status(Document&& doc, std::optional<Extraction>&& extraction,
                                            graph::PackedSentences&& packed)>;

// RunExtraction, with `prepare` run on the workers and its result handed to `sink`.
Status RunPreparedExtraction(DocumentReader& reader, const extract::Extractor& extractor,
                             const ExtractionRunOptions& options, const SkipFn& skip,
                             const PrepareFn& prepare, const PreparedSinkFn& sink,
                             const std::function<void()>& tick) {
  const int jobs = ResolveJobs(options.jobs);
  const uint64_t max_docs =
      options.max_in_flight_documents > 0 ? options.max_in_flight_documents : 8 * jobs + 32;
  const uint64_t max_bytes = options.max_in_flight_bytes;
  auto cancelled = [&] {
    return options.cancel != nullptr && options.cancel->load(std::memory_order_relaxed);
  };
  Flow flow;

  std::thread reader_thread([&] {
    Status status;
    while (!cancelled()) {
      Result<std::optional<Document>> next = reader.Next();
      if (!next.ok()) {
        status = next.status();
        break;
      }
      if (!next->has_value()) break;
      Document doc = std::move(**next);
      const uint64_t bytes = doc.text.size();
      std::unique_lock lock(flow.mu);
      // Back-pressure: wait for room; one document is always allowed through so
      // that a single huge one cannot deadlock the flow.
      flow.space_ready.wait(lock, [&] {
        return flow.aborted ||
               (flow.in_flight_documents < max_docs &&
                (flow.in_flight_bytes + bytes <= max_bytes || flow.in_flight_documents == 0));
      });
      if (flow.aborted) break;
      ++flow.in_flight_documents;
      flow.in_flight_bytes += bytes;
      flow.input.emplace_back(flow.produced++, std::move(doc));
      flow.input_ready.notify_one();
    }
    std::lock_guard lock(flow.mu);
    flow.reader_status = status;
    flow.reader_finished = true;
    flow.input_ready.notify_all();
    flow.output_ready.notify_all();
  });

  std::vector<std::thread> workers;
  for (int w = 0; w < jobs; ++w) {
    workers.emplace_back([&] {
      std::vector<Flow::Done::node_type> consumed;
      while (true) {
        std::pair<uint64_t, Document> item;
        {
          std::unique_lock lock(flow.mu);
          flow.input_ready.wait(
              lock, [&] { return flow.aborted || !flow.input.empty() || flow.reader_finished; });
          if (flow.aborted || flow.input.empty()) return;
          item = std::move(flow.input.front());
          flow.input.pop_front();
          consumed.swap(flow.consumed);
        }
        consumed.clear();
        // Hashing here rather than on the reader thread keeps the reader fast.
        if (item.second.sha256.empty()) item.second.sha256 = Sha256Hex(item.second.text);
        std::optional<Extraction> extraction;
        if (!skip || !skip(item.second)) extraction = extractor.Extract(item.second);
        graph::PackedSentences packed;
        if (extraction && prepare) packed = prepare(*extraction);
        std::lock_guard lock(flow.mu);
        flow.done.emplace(item.first, Flow::Extracted{std::move(item.second), std::move(extraction),
                                                      std::move(packed)});
        flow.output_ready.notify_all();
      }
    });
  }

  Status status;
  uint64_t next_seq = 0;
  while (true) {
    std::unique_lock lock(flow.mu);
    const bool ready = flow.output_ready.wait_for(lock, std::chrono::milliseconds(200), [&] {
      return flow.done.count(next_seq) > 0 || (flow.reader_finished && next_seq == flow.produced);
    });
    if (!ready) {
      lock.unlock();
      if (tick) tick();
      continue;
    }
    auto it = flow.done.find(next_seq);
    if (it == flow.done.end()) break;  // the reader finished and everything was consumed
    Flow::Done::node_type result = flow.done.extract(it);
    lock.unlock();
    Flow::Extracted& extracted = result.mapped();
    const uint64_t bytes = extracted.doc.text.size();
    status = sink(std::move(extracted.doc), std::move(extracted.extraction),
                  std::move(extracted.packed));
    ++next_seq;
    lock.lock();
    flow.consumed.push_back(std::move(result));
    --flow.in_flight_documents;
    flow.in_flight_bytes -= bytes;
    flow.space_ready.notify_one();
    if (!status.ok()) {
      flow.aborted = true;
      flow.space_ready.notify_all();
      flow.input_ready.notify_all();
      break;
    }
    lock.unlock();
    if (tick) tick();
  }
  {
    // Whatever happened, release the threads before joining them.
    std::lock_guard lock(flow.mu);
    if (!status.ok()) flow.aborted = true;
    flow.space_ready.notify_all();
    flow.input_ready.notify_all();
  }
  reader_thread.join();
  for (std::thread& t : workers) t.join();
  if (!status.ok()) return status;
  return flow.reader_status;
}

}  // namespace

Status RunExtraction(DocumentReader& reader, const extract::Extractor& extractor,
                     const ExtractionRunOptions& options, const SkipFn& skip, const SinkFn& sink,
                     const std::function<void()>& tick) {
  return RunPreparedExtraction(
      reader, extractor, options, skip, nullptr,
      [&sink](Document&& doc, std::optional<Extraction>&& extraction, graph::PackedSentences&&) {
        return sink(std::move(doc), std::move(extraction));
      },
      tick);
}

std::string FormatSummary(const IngestSummary& s) {
  std::ostringstream out;
  out << (s.interrupted ? "interrupted: " : "") << "documents read " << s.documents_read
      << ": added " << s.added << ", replaced " << s.replaced << ", skipped as unchanged "
      << s.skipped_unchanged << ", failed " << s.failed;
  if (s.warnings > 0) out << ", warnings " << s.warnings;
  out << "\n";
  char rate[64];
  const double mb = static_cast<double>(s.bytes) / 1e6;
  std::snprintf(rate, sizeof rate, "%.1f MB in %.1f s (%.1f MB/s)", mb, s.seconds,
                s.seconds > 0 ? mb / s.seconds : 0.0);
  out << "store now holds " << s.entities << " entities, " << s.relations << " relations, "
      << s.evidence << " evidence; " << rate << "\n";
  if (s.skipped_unknown_files > 0) {
    out << s.skipped_unknown_files << " files with unsupported extensions ignored\n";
  }
  if (s.compacted) out << "store compacted\n";
  if (!s.compact_error.empty()) {
    out << "note: the store was not compacted (" << s.compact_error
        << "); everything is stored, it only takes more space\n";
  }
  if (s.image_written) out << "graph image written (the graph opens without a scan)\n";
  if (!s.image_error.empty()) {
    out << "note: the graph image was not refreshed (" << s.image_error
        << "); everything is stored, opening the graph only takes longer\n";
  }
  return out.str();
}

void FinishStore(graph::Store& store, bool compact, IngestSummary& summary,
                 size_t image_min_relations) {
  if (compact) {
    const Status compacted = store.Compact();
    summary.compacted = compacted.ok();
    if (!compacted.ok()) summary.compact_error = compacted.message();
  }
  // After compaction, which would otherwise copy the image's pages once more.
  graph::ImageOptions image_options;
  image_options.min_relations = image_min_relations;
  auto image_generation = [&store]() -> std::optional<int64_t> {
    Result<std::optional<int64_t>> generation = store.GraphImageGeneration();
    return generation.ok() ? *generation : std::nullopt;
  };
  const std::optional<int64_t> before = image_generation();
  const Status image = graph::Graph::RefreshImage(store, image_options);
  if (!image.ok()) {
    summary.image_error = image.message();
    return;
  }
  const std::optional<int64_t> after = image_generation();
  summary.image_written = after.has_value() && after != before;
}

ProgressMeter::ProgressMeter(ProgressMode mode, std::ostream* stream, std::string verb,
                             std::function<double()> clock)
    : mode_(mode),
      stream_(stream != nullptr ? stream : &std::cerr),
      verb_(std::move(verb)),
      clock_(clock ? std::move(clock) : std::function<double()>(Now)) {
  if (mode_ == ProgressMode::kAuto) {
    mode_ = (stream_ == &std::cerr && ::isatty(STDERR_FILENO)) ? ProgressMode::kBar
                                                               : ProgressMode::kLog;
  }
  start_ = clock_();
}

void ProgressMeter::Update(uint64_t documents, uint64_t rate_bytes, uint64_t done_bytes,
                           uint64_t total_bytes, uint64_t skipped, uint64_t failed, bool force) {
  if (mode_ == ProgressMode::kNone) return;
  const double now = clock_();
  const double interval = mode_ == ProgressMode::kBar ? 0.2 : 5.0;
  if (!force && now - last_ < interval) return;
  if (!force && mode_ == ProgressMode::kLog && now - start_ < interval) return;
  last_ = now;
  const double elapsed = std::max(now - start_, 1e-6);
  const double rate = static_cast<double>(rate_bytes) / elapsed;
  const double read_rate = static_cast<double>(done_bytes) / elapsed;
  char line[256];
  int n = 0;
  if (total_bytes > 0) {
    const double fraction =
        std::min(1.0, static_cast<double>(done_bytes) / static_cast<double>(total_bytes));
    const double eta =
        read_rate > 0
            ? static_cast<double>(total_bytes - std::min(total_bytes, done_bytes)) / read_rate
            : 0;
    n = std::snprintf(line, sizeof line, "%s [%3.0f%%] %llu docs  %.1f MB/s  ETA %s", verb_.c_str(),
                      fraction * 100.0, static_cast<unsigned long long>(documents), rate / 1e6,
                      FormatDuration(eta).c_str());
  } else {
    n = std::snprintf(line, sizeof line, "%s %llu docs  %.1f MB/s  %s elapsed", verb_.c_str(),
                      static_cast<unsigned long long>(documents), rate / 1e6,
                      FormatDuration(elapsed).c_str());
  }
  std::string text(line, n > 0 ? static_cast<size_t>(std::min<int>(n, sizeof line - 1)) : 0);
  text += "  skipped " + std::to_string(skipped) + "  failed " + std::to_string(failed);
  if (mode_ == ProgressMode::kBar) {
    *stream_ << "\r" << text << "\x1b[K" << std::flush;
    drawn_ = true;
  } else {
    *stream_ << text << "\n" << std::flush;
  }
}

void ProgressMeter::Finish() {
  if (mode_ == ProgressMode::kBar && drawn_) *stream_ << "\n" << std::flush;
  drawn_ = false;
}

namespace {

std::atomic<bool> g_interrupted{false};
std::atomic<int> g_signal{0};
struct sigaction g_old_int, g_old_term;

void OnSignal(int signal_number) {
  if (g_interrupted.exchange(true)) {
    // Second signal: give up gracefully-stopping and die the default way.
    ::signal(signal_number, SIG_DFL);
    ::raise(signal_number);
    return;
  }
  g_signal = signal_number;
}

}  // namespace

ScopedInterruptHandler::ScopedInterruptHandler() {
  g_interrupted = false;
  g_signal = 0;
  struct sigaction action {};
  action.sa_handler = OnSignal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;  // no SA_RESTART: a blocking read on stdin returns EINTR
  sigaction(SIGINT, &action, &g_old_int);
  sigaction(SIGTERM, &action, &g_old_term);
}

ScopedInterruptHandler::~ScopedInterruptHandler() {
  sigaction(SIGINT, &g_old_int, nullptr);
  sigaction(SIGTERM, &g_old_term, nullptr);
}

const std::atomic<bool>* ScopedInterruptHandler::flag() const { return &g_interrupted; }
bool ScopedInterruptHandler::interrupted() const { return g_interrupted.load(); }
int ScopedInterruptHandler::signal_number() const { return g_signal.load(); }

Result<BuildSummary> Build(const std::vector<std::string>& inputs,
                           const extract::Extractor& extractor, graph::Store& store,
                           const BuildOptions& options) {
  const double start = Now();
  ReaderOptions reader_options;
  reader_options.max_doc_bytes = options.max_doc_bytes;
  reader_options.on_problem = options.on_problem;
  reader_options.cancel = options.cancel;
  reader_options.compute_sha256 = false;  // RunExtraction hashes on the workers
  ASSIGN_OR_RETURN(std::unique_ptr<DocumentReader> reader,
                   DocumentReader::Open(inputs, reader_options));

  // Hashes of what is stored, read once so that workers can skip unchanged
  // documents before extracting them without touching the (single-threaded) store.
  std::unordered_map<std::string, std::string> stored;
  {
    ASSIGN_OR_RETURN(std::vector<graph::DocumentRecord> documents, store.Documents());
    stored.reserve(documents.size());
    for (graph::DocumentRecord& d : documents) stored.emplace(std::move(d.id), std::move(d.sha256));
  }
  const bool fresh_store = stored.empty();
  // Full-text merges wait for the closing compaction, which redoes them.
  if (options.compact && fresh_store) RETURN_IF_ERROR(store.DeferIndexMerges());
  // Written during this run (duplicate ids inside one corpus): id -> hash.
  std::unordered_map<std::string, std::string> written;

  RETURN_IF_ERROR(store.PutTaxonomy(extractor.Taxonomy()).WithContext(store.path()));

  BuildSummary summary;
  ProgressMeter progress(options.progress, options.progress_stream, "building");
  bool in_batch = false;
  int batch_count = 0;
  double batch_start = 0.0;

  // CORPGRAPH_TRACE_COMMITS=1 prints "commit N documents" to stderr after
  // every committed batch: crash tests kill a build at a chosen commit by
  // counting these lines (docs/reliability.md). With "wait" the build then also
  // reads one byte from stdin before going on, so a test that has not answered
  // yet cannot be outrun by a build that is still writing (end of stdin: no wait).
  const char* trace_env = std::getenv("CORPGRAPH_TRACE_COMMITS");
  const std::string_view trace_mode = trace_env != nullptr ? trace_env : "";
  const bool trace_commits = trace_mode == "1" || trace_mode == "wait";
  bool wait_after_commit = trace_mode == "wait";
  uint64_t committed_documents = 0;
  // The store's sentence packer as of the last commit, for the workers (it
  // appears at the commit that makes the text dictionary): they pack the
  // evidence sentences, the writer's largest single cost after SQLite.
  std::mutex packer_mu;
  std::shared_ptr<const graph::SentencePacker> packer = store.sentence_packer();
  // Whether `packer` is set (read by the writer, the only thread that sets it).
  bool has_packer = packer != nullptr;
  auto batch_full = [&] {
    const int documents = has_packer
                              ? options.batch_documents
                              : std::min(options.batch_documents, options.first_batch_documents);
    const double seconds = has_packer ? options.batch_seconds : options.first_batch_seconds;
    return batch_count >= documents || Now() - batch_start >= seconds;
  };
  auto commit = [&]() -> Status {
    if (!in_batch) return Status::Ok();
    in_batch = false;
    const int documents = batch_count;
    batch_count = 0;
    Status s = store.CommitBatch();
    if (!s.ok()) (void)store.RollbackBatch();
    if (s.ok()) {
      std::shared_ptr<const graph::SentencePacker> current = store.sentence_packer();
      has_packer = current != nullptr;
      std::lock_guard lock(packer_mu);
      packer = std::move(current);
    }
    if (s.ok() && trace_commits) {
      committed_documents += static_cast<uint64_t>(documents);
      std::fprintf(stderr, "commit %llu documents\n",
                   static_cast<unsigned long long>(committed_documents));
      std::fflush(stderr);
      char go = 0;
      if (wait_after_commit && read(STDIN_FILENO, &go, 1) != 1) wait_after_commit = false;
    }
    return s.WithContext(store.path());
  };
  Status tick_error;  // a commit failure seen by `tick`, reported by the next write
  auto update_progress = [&](bool force) {
    // Without a known total (stdin) there is no percentage: done bytes are the text's.
    const uint64_t total = reader->total_bytes();
    progress.Update(summary.documents_read, summary.bytes,
                    total > 0 ? reader->consumed_bytes() : summary.bytes, total,
                    summary.skipped_unchanged, reader->error_count(), force);
  };

  const SkipFn skip = [&stored](const Document& doc) {
    const auto it = stored.find(doc.id);
    return it != stored.end() && it->second == doc.sha256;
  };
  const PrepareFn prepare = [&](const Extraction& extraction) {
    std::shared_ptr<const graph::SentencePacker> current;
    {
      std::lock_guard lock(packer_mu);
      current = packer;
    }
    return current != nullptr ? current->Pack(extraction) : graph::PackedSentences();
  };
  const PreparedSinkFn sink = [&](Document&& doc, std::optional<Extraction>&& extraction,
                                  graph::PackedSentences&& packed) -> Status {
    RETURN_IF_ERROR(tick_error);
    ++summary.documents_read;
    summary.bytes += doc.text.size();
    const auto w = written.find(doc.id);
    const std::string* current_hash = nullptr;
    if (w != written.end()) {
      current_hash = &w->second;
    } else if (const auto s = stored.find(doc.id); s != stored.end()) {
      current_hash = &s->second;
    }
    if (current_hash != nullptr && *current_hash == doc.sha256) {
      ++summary.skipped_unchanged;
      update_progress(false);
      return Status::Ok();
    }
    // Skipped by a worker against the stored hash, but this run has since
    // written another version of the id: extract it after all.
    if (!extraction) extraction = extractor.Extract(doc);
    if (current_hash != nullptr) {
      ++summary.replaced;
    } else {
      ++summary.added;
    }
    if (!in_batch) {
      RETURN_IF_ERROR(store.BeginBatch().WithContext(store.path()));
      in_batch = true;
      batch_start = Now();
    }
    RETURN_IF_ERROR(store.PutDocument(doc, *extraction, &packed)
                        .WithContext(store.path() + ": writing document \"" + doc.id + "\""));
    written[doc.id] = doc.sha256;
    ++batch_count;
    if (batch_full()) RETURN_IF_ERROR(commit());
    update_progress(false);
    return Status::Ok();
  };
  const auto tick = [&] {
    // Commit a batch that has been open too long even if no document arrives.
    if (in_batch && tick_error.ok() && batch_full()) {
      tick_error = commit();
    }
    update_progress(false);
  };

  ExtractionRunOptions run;
  run.jobs = options.jobs;
  run.cancel = options.cancel;
  run.max_in_flight_documents = options.max_in_flight_documents;
  run.max_in_flight_bytes = options.max_in_flight_bytes;
  Status status = RunPreparedExtraction(*reader, extractor, run, skip, prepare, sink, tick);
  if (status.ok()) status = tick_error;
  if (status.ok()) status = commit();
  if (!status.ok()) {
    if (in_batch) (void)store.RollbackBatch();
    progress.Finish();
    return status;
  }
  update_progress(true);
  progress.Finish();

  summary.failed = reader->error_count();
  summary.warnings = reader->problem_count() - reader->error_count();
  summary.skipped_unknown_files = reader->skipped_unknown_files();
  summary.problems = reader->problems();
  summary.interrupted = options.cancel != nullptr && options.cancel->load();
  if (!summary.interrupted) {
    FinishStore(store, options.compact && fresh_store && summary.added > 0, summary,
                options.image_min_relations);
  }
  // Not compacted (interrupted, nothing added, or compaction failed): merges on again.
  (void)store.ResumeIndexMerges();  // else the next read-write open does it
  ASSIGN_OR_RETURN(graph::StoreStats stats, store.Stats());
  summary.entities = stats.entities;
  summary.relations = stats.relations;
  summary.evidence = stats.evidence;
  summary.seconds = Now() - start;
  return summary;
}

}  // namespace corpgraph::ingest
