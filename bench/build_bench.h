// bench/build_bench.h — the child side of the build benchmark. Each measured
// build runs in a fresh process (this binary re-executed with --build-child)
// so that its peak RSS, read by the parent through wait4(), is the build's own
// and not that of the corpora and extractors other benchmarks keep in memory.
//
//   corpgraph_bench --build-child corpus.jsonl out.db 2
//   -> prints "seconds documents bytes failed relations" on stdout, exit 0
#pragma once

namespace corpgraph::bench {

// Runs one ingest::Build of `corpus` into a fresh database `db` with `jobs`
// workers and prints the result line. Returns the process exit code.
int RunBuildChild(const char* corpus, const char* db, const char* jobs);

}  // namespace corpgraph::bench
