#include "ingest/pipeline.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "extract/extractor.h"
#include "graph/graph.h"
#include "graph/store.h"
#include "ingest/jsonl.h"
#include "ingest/merge.h"
#include "tests/ingest/test_util.h"

namespace corpgraph::ingest {
namespace {

using testing::TempDir;

// Our own news-style sentences, spread over every input format.
void WriteCorpus(const TempDir& dir) {
  dir.Write("corpus/a-alibaba.txt",
            "Alibaba expands cloud partnership\n\n"
            "Alibaba Group said on Tuesday it had formed a partnership with Apple to bring AI "
            "features to iPhones sold in China. Alibaba CEO Eddie Wu said the company would "
            "expand its cloud operations in Indonesia and the Gulf.\n");
  dir.Write("corpus/b-deals.md",
            "---\ntitle: Deals roundup\ndate: 2025-03-01\n---\n"
            "Microsoft agreed to acquire Activision Blizzard for $69 billion. Amazon invested "
            "$4 billion in Anthropic, the AI start-up. Samsung supplies memory chips to Apple.\n");
  dir.Write("corpus/c-page.html",
            "<html><head><title>Tencent and Nvidia</title></head><body><p>Tencent competes with "
            "Alibaba in cloud computing across Southeast Asia.</p><p>Nvidia opened a research "
            "centre in Japan &amp; expanded in Europe.</p></body></html>");
  std::string jsonl;
  const char* texts[] = {
      "Toyota formed a joint venture with Panasonic to build batteries in Japan.",
      "Sony partnered with Honda on electric vehicles for the European market.",
      "Google invested in Anthropic and operates data centres in Singapore.",
      "Meta Platforms competes with TikTok in the United States.",
      "Apple launched the iPhone 16 and expanded its retail business in India.",
      "Alibaba sold its stake in Sun Art Retail to focus on cloud and e-commerce.",
  };
  int i = 0;
  for (const char* t : texts) {
    jsonl += "{\"id\":\"wire-" + std::to_string(i) + "\",\"date\":\"2025-01-0" +
             std::to_string(i + 1) + "\",\"text\":\"" + t + "\"}\n";
    ++i;
  }
  dir.Write("corpus/d-wire.jsonl", jsonl);
}

const extract::Extractor& SharedExtractor() {
  static const extract::Extractor* extractor = [] {
    auto created = extract::Extractor::Create({});
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    return created.ok() ? created->release() : nullptr;
  }();
  return *extractor;
}

std::unique_ptr<graph::Store> OpenStore(const std::string& path) {
  auto store = graph::Store::Open(path, graph::OpenMode::kReadWrite);
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  return store.ok() ? std::move(*store) : nullptr;
}

BuildOptions Quiet(int jobs) {
  BuildOptions options;
  options.jobs = jobs;
  options.progress = ProgressMode::kNone;
  return options;
}

// A comparable picture of a store: entities and relations with their counts.
std::string Snapshot(graph::Store& store, bool with_keys) {
  std::ostringstream out;
  auto entities = store.LoadEntities();
  EXPECT_TRUE(entities.ok());
  std::vector<std::string> lines;
  for (const graph::EntityRecord& e : *entities) {
    std::ostringstream line;
    if (with_keys) line << e.key << " ";
    line << e.id << "|" << e.name << "|" << EntityTypeName(e.type) << "|" << e.mention_count;
    lines.push_back(line.str());
  }
  auto relations = store.LoadRelations();
  EXPECT_TRUE(relations.ok());
  for (const graph::RelationRecord& r : *relations) {
    std::ostringstream line;
    if (with_keys) line << r.key << " ";
    line << r.subject_id << " " << RelationTypeName(r.type) << " " << r.object_id << " "
         << ModalityName(r.modality) << " n=" << r.evidence_count;
    lines.push_back(line.str());
  }
  if (!with_keys) std::sort(lines.begin(), lines.end());
  for (const std::string& l : lines) out << l << "\n";
  auto stats = store.Stats();
  EXPECT_TRUE(stats.ok());
  out << "documents=" << stats->documents << " entities=" << stats->entities
      << " relations=" << stats->relations << " evidence=" << stats->evidence
      << " mentions=" << stats->mentions << "\n";
  return out.str();
}

TEST(Build, SecondRunSkipsEverythingAndChangedFilesAreReplaced) {
  TempDir dir;
  WriteCorpus(dir);
  const std::string corpus = dir.path() + "/corpus";
  auto store = OpenStore(dir.path() + "/g.db");
  ASSERT_NE(store, nullptr);

  auto first = Build({corpus}, SharedExtractor(), *store, Quiet(2));
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->documents_read, 9u);
  EXPECT_EQ(first->added, 9u);
  EXPECT_EQ(first->skipped_unchanged, 0u);
  EXPECT_EQ(first->failed, 0u);
  EXPECT_GT(first->entities, 10);
  EXPECT_GT(first->relations, 0);
  const std::string before = Snapshot(*store, true);

  auto second = Build({corpus}, SharedExtractor(), *store, Quiet(2));
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->added, 0u);
  EXPECT_EQ(second->replaced, 0u);
  EXPECT_EQ(second->skipped_unchanged, 9u);
  EXPECT_EQ(Snapshot(*store, true), before);

  dir.Write("corpus/b-deals.md", "Oracle partnered with Nvidia on AI data centres in Japan.\n");
  auto third = Build({corpus}, SharedExtractor(), *store, Quiet(1));
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(third->replaced, 1u);
  EXPECT_EQ(third->skipped_unchanged, 8u);
  auto documents = store->Documents();
  ASSERT_TRUE(documents.ok());
  EXPECT_EQ(documents->size(), 9u);
}

// A store with at least BuildOptions::image_min_relations relations ends with a graph image,
// which the summary reports and the next open uses; a rebuild that changes nothing leaves the
// current image alone.
TEST(Build, LargeEnoughStoreEndsWithAGraphImage) {
  TempDir dir;
  const std::string corpus =
      dir.Write("c.jsonl",
                "{\"id\":\"a\",\"text\":\"Toyota partnered with Sony in Japan.\"}\n"
                "{\"id\":\"b\",\"text\":\"Alibaba invested in Infosys in India.\"}\n");
  auto store = OpenStore(dir.path() + "/g.db");
  ASSERT_NE(store, nullptr);
  BuildOptions options = Quiet(1);
  options.image_min_relations = 1;
  auto first = Build({corpus}, SharedExtractor(), *store, options);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_TRUE(first->image_written);
  EXPECT_NE(FormatSummary(*first).find("graph image written"), std::string::npos);
  auto graph = graph::Graph::Load(*store);
  ASSERT_TRUE(graph.ok()) << graph.status().ToString();
  EXPECT_TRUE((*graph)->loaded_from_image());
  auto again = Build({corpus}, SharedExtractor(), *store, options);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->image_written);
}

// A build into a new store ends compacted: the same rows and keys, a file no larger (schema
// v4 leaves this small store without free pages to give back: both files are 93 pages). A
// build into a store that had documents, or with compact off, does not compact.
TEST(Build, NewStoreIsCompactedAtTheEnd) {
  TempDir dir;
  std::string jsonl;
  const char* const kVerbs[] = {"partnered with", "invested in", "competes with", "supplies"};
  const char* const kNames[] = {"Toyota", "Sony",    "Alibaba", "Tencent", "Infosys",
                                "Nvidia", "Samsung", "Siemens", "Unilever"};
  for (int i = 0; i < 400; ++i) {
    jsonl += "{\"id\":\"n-" + std::to_string(i) + "\",\"text\":\"" + kNames[i % 9] + " " +
             kVerbs[i % 4] + " " + kNames[(i / 9 + i + 1) % 9] + " in " +
             (i % 2 ? "Japan" : "India") + ", the company said on day " + std::to_string(i) +
             ".\"}\n";
  }
  const std::string corpus = dir.Write("c.jsonl", jsonl);
  const std::string packed_path = dir.path() + "/packed.db";
  const std::string plain_path = dir.path() + "/plain.db";
  std::string packed_snapshot;
  {
    auto store = OpenStore(packed_path);
    ASSERT_NE(store, nullptr);
    auto first = Build({corpus}, SharedExtractor(), *store, Quiet(1));
    ASSERT_TRUE(first.ok()) << first.status().ToString();
    EXPECT_TRUE(first->compacted);
    EXPECT_NE(FormatSummary(*first).find("store compacted"), std::string::npos);
    // 400 small documents are far below graph::kImageMinRelations: no image.
    EXPECT_FALSE(first->image_written);
    EXPECT_EQ(FormatSummary(*first).find("graph image"), std::string::npos);
    auto again = Build({corpus}, SharedExtractor(), *store, Quiet(1));
    ASSERT_TRUE(again.ok());
    EXPECT_FALSE(again->compacted);  // not a new store
    packed_snapshot = Snapshot(*store, true);
  }
  {
    auto store = OpenStore(plain_path);
    ASSERT_NE(store, nullptr);
    BuildOptions options = Quiet(1);
    options.compact = false;
    auto first = Build({corpus}, SharedExtractor(), *store, options);
    ASSERT_TRUE(first.ok());
    EXPECT_FALSE(first->compacted);
    EXPECT_EQ(Snapshot(*store, true), packed_snapshot);
  }
  EXPECT_LE(std::filesystem::file_size(packed_path), std::filesystem::file_size(plain_path));
}

TEST(Build, JobsDoNotChangeTheResult) {
  TempDir dir;
  WriteCorpus(dir);
  const std::string corpus = dir.path() + "/corpus";
  auto one = OpenStore(dir.path() + "/one.db");
  auto two = OpenStore(dir.path() + "/two.db");
  ASSERT_TRUE(one && two);
  BuildOptions options = Quiet(1);
  options.batch_documents = 2;
  ASSERT_TRUE(Build({corpus}, SharedExtractor(), *one, options).ok());
  options = Quiet(2);
  options.max_in_flight_documents = 3;
  ASSERT_TRUE(Build({corpus}, SharedExtractor(), *two, options).ok());
  EXPECT_EQ(Snapshot(*one, true), Snapshot(*two, true));
}

TEST(Build, BatchesKeepTheirFirstSizeUntilTheStoreHasATextDictionary) {
  // This corpus has too few sentences for a dictionary, so every batch is a
  // first one: each commit that stores documents adds 1 to the generation.
  TempDir dir;
  WriteCorpus(dir);
  const std::string corpus = dir.path() + "/corpus";
  auto commits = [&](const std::string& name, int first_batch_documents) -> int64_t {
    auto store = OpenStore(dir.path() + "/" + name);
    EXPECT_NE(store, nullptr);
    if (store == nullptr) return -1;
    BuildOptions options = Quiet(2);
    options.batch_documents = 1000;
    options.batch_seconds = 1000;
    options.first_batch_documents = first_batch_documents;
    options.first_batch_seconds = 1000;
    Result<BuildSummary> summary = Build({corpus}, SharedExtractor(), *store, options);
    EXPECT_TRUE(summary.ok());
    EXPECT_EQ(summary->added, 9u);
    Result<int64_t> generation = store->Generation();
    EXPECT_TRUE(generation.ok());
    EXPECT_EQ(store->sentence_packer(), nullptr) << "the corpus made a dictionary after all";
    return generation.ok() ? *generation : -1;
  };
  const int64_t one_batch = commits("one.db", 1000);
  const int64_t batches_of_two = commits("two.db", 2);
  EXPECT_EQ(batches_of_two - one_batch, 4) << "9 documents: 5 batches of at most 2, not 1";
}

TEST(Build, InterruptCommitsWhatWasReadAndTheNextRunResumes) {
  TempDir dir;
  WriteCorpus(dir);
  // A binary file in the middle (sorted order) raises a problem; we use that
  // moment to "press Ctrl-C".
  dir.Write("corpus/b2-blob.txt", std::string("\0\0\0binary", 9));
  const std::string corpus = dir.path() + "/corpus";
  auto store = OpenStore(dir.path() + "/g.db");
  ASSERT_NE(store, nullptr);
  std::atomic<bool> cancel{false};
  BuildOptions options = Quiet(1);
  options.cancel = &cancel;
  options.on_problem = [&cancel](const Problem&) { cancel = true; };
  auto interrupted = Build({corpus}, SharedExtractor(), *store, options);
  ASSERT_TRUE(interrupted.ok()) << interrupted.status().ToString();
  EXPECT_TRUE(interrupted->interrupted);
  EXPECT_EQ(interrupted->added, 2u);  // a-alibaba and b-deals were read before the blob
  EXPECT_EQ(interrupted->failed, 1u);

  auto resumed = Build({corpus}, SharedExtractor(), *store, Quiet(2));
  ASSERT_TRUE(resumed.ok());
  EXPECT_FALSE(resumed->interrupted);
  EXPECT_EQ(resumed->skipped_unchanged, 2u);
  EXPECT_EQ(resumed->added, 7u);

  auto fresh = OpenStore(dir.path() + "/fresh.db");
  ASSERT_TRUE(Build({corpus}, SharedExtractor(), *fresh, Quiet(2)).ok());
  EXPECT_EQ(Snapshot(*store, false), Snapshot(*fresh, false));
}

TEST(Build, StoreWriteErrorStopsWithAClearMessage) {
  TempDir dir;
  WriteCorpus(dir);
  { ASSERT_NE(OpenStore(dir.path() + "/g.db"), nullptr); }
  auto read_only = graph::Store::Open(dir.path() + "/g.db", graph::OpenMode::kReadOnly);
  ASSERT_TRUE(read_only.ok());
  auto result = Build({dir.path() + "/corpus"}, SharedExtractor(), **read_only, Quiet(1));
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.status().message().find("g.db"), std::string::npos) << result.status().message();
}

TEST(Build, BadInputPathFailsBeforeWriting) {
  TempDir dir;
  auto store = OpenStore(dir.path() + "/g.db");
  auto result = Build({dir.path() + "/missing"}, SharedExtractor(), *store, Quiet(1));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kNotFound);
}

// Runs `corpgraph extract` in-process over `inputs` into a shard file.
std::string ExtractShard(const std::vector<std::string>& inputs, const std::string& path,
                         int jobs) {
  auto reader = DocumentReader::Open(inputs, {});
  EXPECT_TRUE(reader.ok());
  std::string out;
  ExtractionRunOptions run;
  run.jobs = jobs;
  Status s = RunExtraction(
      **reader, SharedExtractor(), run, nullptr,
      [&out](Document&& doc, std::optional<Extraction>&& x) {
        AppendExtractionJsonl(doc, *x, &out);
        return Status::Ok();
      },
      nullptr);
  EXPECT_TRUE(s.ok()) << s.ToString();
  std::ofstream(path, std::ios::binary) << out;
  return out;
}

TEST(Merge, ShardsEqualOneBuild) {
  TempDir dir;
  WriteCorpus(dir);
  const std::string corpus = dir.path() + "/corpus";
  auto built = OpenStore(dir.path() + "/built.db");
  ASSERT_TRUE(Build({corpus}, SharedExtractor(), *built, Quiet(2)).ok());

  ExtractShard({corpus + "/a-alibaba.txt", corpus + "/b-deals.md"}, dir.path() + "/s1.jsonl", 1);
  const std::string second = ExtractShard({corpus + "/c-page.html", corpus + "/d-wire.jsonl"},
                                          dir.path() + "/s2.jsonl", 2);
  TempDir gz;
  const std::string s2gz = gz.WriteGz("s2.jsonl.gz", second);

  auto merged = OpenStore(dir.path() + "/merged.db");
  const std::vector<Entity> taxonomy = SharedExtractor().Taxonomy();
  MergeOptions options;
  options.taxonomy = &taxonomy;
  options.progress = ProgressMode::kNone;
  auto summary = Merge({dir.path() + "/s1.jsonl", s2gz}, *merged, options);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->added, 9u);
  EXPECT_EQ(summary->failed, 0u);
  EXPECT_TRUE(summary->compacted);  // a merge into a new store, like a build, ends compacted
  EXPECT_EQ(Snapshot(*merged, false), Snapshot(*built, false));

  // Merging again skips everything.
  auto again = Merge({dir.path() + "/s1.jsonl", s2gz}, *merged, options);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->skipped_unchanged, 9u);
  EXPECT_EQ(again->added, 0u);
  EXPECT_FALSE(again->compacted);
}

TEST(RunExtraction, OutputOrderIsInputOrderWithManyWorkers) {
  TempDir dir;
  std::string jsonl;
  for (int i = 0; i < 200; ++i) {
    jsonl += "{\"id\":\"n" + std::to_string(i) + "\",\"text\":\"Acme report " + std::to_string(i) +
             " mentions Apple and Alibaba.\"}\n";
  }
  const std::string path = dir.Write("many.jsonl", jsonl);
  auto reader = DocumentReader::Open({path}, {});
  ASSERT_TRUE(reader.ok());
  std::vector<std::string> ids;
  ExtractionRunOptions run;
  run.jobs = 4;
  run.max_in_flight_documents = 5;
  Status s = RunExtraction(
      **reader, SharedExtractor(), run, nullptr,
      [&ids](Document&& doc, std::optional<Extraction>&&) {
        ids.push_back(doc.id);
        EXPECT_EQ(doc.sha256.size(), 64u);
        return Status::Ok();
      },
      nullptr);
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(ids.size(), 200u);
  for (int i = 0; i < 200; ++i) EXPECT_EQ(ids[i], "n" + std::to_string(i));
}

TEST(RunExtraction, SinkErrorStopsAndIsReturned) {
  TempDir dir;
  std::string jsonl;
  for (int i = 0; i < 100; ++i) jsonl += "{\"text\":\"Apple news " + std::to_string(i) + ".\"}\n";
  const std::string path = dir.Write("many.jsonl", jsonl);
  auto reader = DocumentReader::Open({path}, {});
  ASSERT_TRUE(reader.ok());
  int calls = 0;
  ExtractionRunOptions run;
  run.jobs = 2;
  Status s = RunExtraction(
      **reader, SharedExtractor(), run, nullptr,
      [&calls](Document&&, std::optional<Extraction>&&) {
        return ++calls == 3 ? IOError("disk full") : Status::Ok();
      },
      nullptr);
  EXPECT_EQ(s.code(), StatusCode::kIOError);
  EXPECT_EQ(calls, 3);
}

// A .gz input is read at a fraction of its text's size: the rate shown must be the text's
// (what the final summary reports), while the percentage and ETA follow the file position.
TEST(ProgressMeter, RateIsTextBytesWhilePercentageAndEtaFollowTheInputFile) {
  double clock = 100.0;
  std::ostringstream out;
  ProgressMeter meter(ProgressMode::kLog, &out, "building", [&clock] { return clock; });
  clock = 102.0;  // two seconds later: 10 MB of text from 4 MB of an 8 MB .gz file
  meter.Update(250, 10'000'000, 4'000'000, 8'000'000, 1, 2, /*force=*/true);
  EXPECT_EQ(out.str(), "building [ 50%] 250 docs  5.0 MB/s  ETA 0:02  skipped 1  failed 2\n");

  out.str("");
  clock = 110.0;  // unknown total (stdin): no percentage, the elapsed time instead
  ProgressMeter stdin_meter(ProgressMode::kLog, &out, "building", [&clock] { return clock; });
  clock = 114.0;
  stdin_meter.Update(8, 6'000'000, 6'000'000, 0, 0, 0, /*force=*/true);
  EXPECT_EQ(out.str(), "building 8 docs  1.5 MB/s  0:04 elapsed  skipped 0  failed 0\n");

  out.str("");
  ProgressMeter quiet(ProgressMode::kNone, &out, "building", [&clock] { return clock; });
  quiet.Update(1, 1, 1, 1, 0, 0, true);
  EXPECT_EQ(out.str(), "");
}

}  // namespace
}  // namespace corpgraph::ingest
