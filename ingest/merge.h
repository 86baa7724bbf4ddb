// ingest/merge.h — the reduce step of a scale-out build: loads the JSONL that
// `corpgraph extract` wrote (one or many shards) into a store.
//
//   MergeOptions options;
//   ASSIGN_OR_RETURN(std::vector<Entity> taxonomy, extract::Extractor::LoadTaxonomy({}));
//   options.taxonomy = &taxonomy;
//   ASSIGN_OR_RETURN(MergeSummary summary, Merge({"part-00000", "part-00001"}, *store, options));
//
// Merging the extract output of a corpus's shards gives the same documents,
// entities, relations and evidence as `Build` of the whole corpus: documents
// go through Store::PutDocument with the same skip rule (same id and hash:
// skipped as unchanged; different hash: replaced), batched like Build. Shards
// carry no taxonomy, so the caller passes the lexicon's (Extractor::LoadTaxonomy).
//
// Thread-safety: like Build, call from one thread; it uses `store` exclusively.
#pragma once

#include <atomic>
#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include "common/records.h"
#include "common/status.h"
#include "graph/store.h"
#include "ingest/pipeline.h"

namespace corpgraph::ingest {

struct MergeOptions {
  const std::vector<Entity>* taxonomy = nullptr;  // written first when set
  int batch_documents = 500;
  ProgressMode progress = ProgressMode::kAuto;
  std::ostream* progress_stream = nullptr;    // nullptr: std::cerr
  const std::atomic<bool>* cancel = nullptr;  // stop between documents; the open batch is committed
  std::function<void(const Problem&)> on_problem;
  bool compact = true;  // as BuildOptions::compact: a merge into an empty store ends compacted
  size_t image_min_relations = graph::kImageMinRelations;  // as BuildOptions'
};

// Reads `shard_files` in order ("-" is stdin; ".gz" is decompressed) and puts
// every document into `store`. Malformed lines are Problems (summary.failed),
// not errors. Errors: NotFound/IOError opening or reading a shard (checked for
// all shards before anything is written), store write errors.
Result<MergeSummary> Merge(const std::vector<std::string>& shard_files, graph::Store& store,
                           const MergeOptions& options);

}  // namespace corpgraph::ingest
