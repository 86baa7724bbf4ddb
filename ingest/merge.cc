#include "ingest/merge.h"

#include <chrono>
#include <filesystem>
#include <memory>
#include <unordered_map>
#include <utility>

#include "ingest/jsonl.h"

namespace corpgraph::ingest {
namespace {

double Now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace

Result<MergeSummary> Merge(const std::vector<std::string>& shard_files, graph::Store& store,
                           const MergeOptions& options) {
  const double start = Now();
  uint64_t total_bytes = 0;
  for (const std::string& path : shard_files) {
    if (path == "-") continue;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) {
      return NotFoundError(path + ": no such shard file");
    }
    total_bytes += std::filesystem::file_size(path, ec);
  }

  std::unordered_map<std::string, std::string> current;  // id -> stored hash
  {
    ASSIGN_OR_RETURN(std::vector<graph::DocumentRecord> documents, store.Documents());
    current.reserve(documents.size());
    for (graph::DocumentRecord& d : documents)
      current.emplace(std::move(d.id), std::move(d.sha256));
  }
  const bool fresh_store = current.empty();
  // Full-text merges wait for the closing compaction, which redoes them.
  if (options.compact && fresh_store) RETURN_IF_ERROR(store.DeferIndexMerges());
  if (options.taxonomy != nullptr) {
    RETURN_IF_ERROR(store.PutTaxonomy(*options.taxonomy).WithContext(store.path()));
  }

  MergeSummary summary;
  ProgressMeter progress(options.progress, options.progress_stream, "merging");
  uint64_t failed = 0;
  ExtractionReaderOptions reader_options;
  reader_options.on_problem = [&](const Problem& p) {
    ++failed;
    if (options.on_problem) options.on_problem(p);
  };
  bool in_batch = false;
  int batch_count = 0;
  uint64_t done_bytes = 0;
  auto cancelled = [&] { return options.cancel != nullptr && options.cancel->load(); };

  Status status;
  for (const std::string& path : shard_files) {
    if (cancelled() || !status.ok()) break;
    Result<std::unique_ptr<ExtractionReader>> opened = ExtractionReader::Open(path, reader_options);
    if (!opened.ok()) {
      status = opened.status();
      break;
    }
    ExtractionReader& reader = **opened;
    while (!cancelled()) {
      Result<std::optional<ExtractedDocument>> next = reader.Next();
      if (!next.ok()) {
        status = next.status();
        break;
      }
      if (!next->has_value()) break;
      ExtractedDocument& item = **next;
      ++summary.documents_read;
      const auto it = current.find(item.document.id);
      if (it != current.end() && it->second == item.document.sha256) {
        ++summary.skipped_unchanged;
      } else {
        if (it != current.end()) {
          ++summary.replaced;
        } else {
          ++summary.added;
        }
        if (!in_batch) {
          status = store.BeginBatch().WithContext(store.path());
          if (!status.ok()) break;
          in_batch = true;
        }
        status = store.PutDocument(item.document, item.extraction)
                     .WithContext(store.path() + ": writing document \"" + item.document.id + "\"");
        if (!status.ok()) break;
        current[item.document.id] = item.document.sha256;
        if (++batch_count >= options.batch_documents) {
          in_batch = false;
          batch_count = 0;
          status = store.CommitBatch().WithContext(store.path());
          if (!status.ok()) break;
        }
      }
      progress.Update(summary.documents_read, done_bytes + reader.consumed_bytes(),
                      done_bytes + reader.consumed_bytes(), total_bytes, summary.skipped_unchanged,
                      failed);
    }
    done_bytes += reader.consumed_bytes();
    for (const Problem& p : reader.problems()) {
      if (summary.problems.size() < 10000) summary.problems.push_back(p);
    }
  }
  if (status.ok() && in_batch) {
    in_batch = false;
    status = store.CommitBatch().WithContext(store.path());
  }
  if (!status.ok()) {
    if (in_batch) (void)store.RollbackBatch();
    progress.Finish();
    return status;
  }
  progress.Update(summary.documents_read, done_bytes, done_bytes, total_bytes,
                  summary.skipped_unchanged, failed, true);
  progress.Finish();
  summary.failed = failed;
  summary.bytes = done_bytes;  // shard bytes: the text itself is not in shards
  summary.interrupted = cancelled();
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
