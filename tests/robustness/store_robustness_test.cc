// Database safety: injection-looking names, garbage and truncated DB files, a
// read-only file, a full disk (RLIMIT_FSIZE in a forked child), two writer
// processes on one DB, and a reader's snapshot while a writer has a batch open.
// Behaviour: clear Status codes, never a crash, committed data always intact and
// `PRAGMA integrity_check` clean.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "common/records.h"
#include "common/status.h"
#include "graph/graph.h"
#include "graph/store.h"
#include "query/engine.h"
#include "query/repl.h"
#include "tests/common/sqlite_integrity.h"
#include "tests/robustness/test_util.h"

namespace corpgraph::robustness {
namespace {

namespace fs = std::filesystem;
using graph::OpenMode;
using graph::Store;
using graph::StoreOptions;

Document Doc(const std::string& id) {
  Document doc;
  doc.id = id;
  doc.source = "corpus/" + id + ".txt";
  doc.title = "Title of " + id;
  doc.date = "2025-03-01";
  doc.sha256 = "hash-" + id;
  return doc;
}

Entity Org(const std::string& id, const std::string& name) {
  Entity e;
  e.id = id;
  e.name = name;
  e.type = EntityType::kOrganization;
  e.subtype = "company";
  e.mentions.push_back(Mention{Span{0, static_cast<uint32_t>(name.size())}, name});
  return e;
}

// One document: `a` partnered with `b`, with a sentence of about `sentence_bytes`.
Extraction Partnership(const std::string& a, const std::string& b, size_t sentence_bytes = 0) {
  Extraction x;
  x.entities.push_back(Org("org:" + a, a));
  x.entities.push_back(Org("org:" + b, b));
  Fact f;
  f.subject = EntityRef{"org:" + a, a, EntityType::kOrganization};
  f.object = EntityRef{"org:" + b, b, EntityType::kOrganization};
  f.relation = RelationType::kPartnerOf;
  f.confidence = 0.8;
  f.evidence.sentence = a + " partnered with " + b + ".";
  while (f.evidence.sentence.size() < sentence_bytes) {
    f.evidence.sentence += " The companies said the cloud deal covers several Asian markets.";
  }
  f.evidence.sentence_span = Span{0, static_cast<uint32_t>(f.evidence.sentence.size())};
  f.evidence.rule = "partnership.with";
  f.evidence.confidence = 0.8;
  x.facts.push_back(f);
  return x;
}

std::unique_ptr<Store> OpenOrDie(const std::string& path, OpenMode mode = OpenMode::kReadWrite,
                                 StoreOptions options = {}) {
  auto store = Store::Open(path, mode, options);
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  return store.ok() ? std::move(store).value() : nullptr;
}

int64_t DocumentCount(const std::string& path) {
  auto store = OpenOrDie(path, OpenMode::kReadOnly);
  if (store == nullptr) return -1;
  auto stats = store->Stats();
  EXPECT_TRUE(stats.ok()) << stats.status().ToString();
  return stats.ok() ? stats->documents : -1;
}

using corpgraph::testing::IntegrityCheck;

// A Status sent from a forked child over a pipe: code, then message.
struct ChildResult {
  int code = -1;
  std::string message;
  int64_t value = 0;  // a number the child wants to report
};

void SendResult(int fd, const Status& status, int64_t value) {
  const std::string payload = std::to_string(static_cast<int>(status.code())) + "\n" +
                              std::to_string(value) + "\n" + status.message();
  size_t written = 0;
  while (written < payload.size()) {
    const ssize_t n = ::write(fd, payload.data() + written, payload.size() - written);
    if (n <= 0) break;
    written += static_cast<size_t>(n);
  }
}

// Runs `body` in a forked child and returns what it sent. `body` must not use gtest.
template <typename Body>
ChildResult RunInChild(Body body) {
  int fds[2];
  EXPECT_EQ(::pipe(fds), 0);
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::close(fds[0]);
    int64_t value = 0;
    const Status status = body(&value);
    SendResult(fds[1], status, value);
    ::close(fds[1]);
    ::_exit(0);
  }
  ::close(fds[1]);
  std::string payload;
  char buffer[4096];
  ssize_t n;
  while ((n = ::read(fds[0], buffer, sizeof buffer)) > 0) payload.append(buffer, n);
  ::close(fds[0]);
  int wstatus = 0;
  EXPECT_EQ(::waitpid(pid, &wstatus, 0), pid);
  EXPECT_TRUE(WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0) << "child crashed: " << wstatus;
  ChildResult result;
  const size_t first = payload.find('\n');
  const size_t second = first == std::string::npos ? first : payload.find('\n', first + 1);
  if (second == std::string::npos) {
    ADD_FAILURE() << "child sent no result: " << payload;
    return result;
  }
  result.code = std::stoi(payload.substr(0, first));
  result.value = std::stoll(payload.substr(first + 1, second - first - 1));
  result.message = payload.substr(second + 1);
  return result;
}

TEST(StoreSecurity, InjectionLookingNamesRoundTripVerbatim) {
  TempDir dir;
  const std::string path = dir.Path("inject.db");
  const std::vector<std::string> names = {
      "Robert'); DROP TABLE entities;--",
      "x\" OR \"1\"=\"1",
      "'; ATTACH DATABASE '/tmp/pwned.db' AS p; --",
      "Null\\0Byte %s %n ?1 :name @p $q",
      "=HYPERLINK(\"http://evil.example\",\"x\")",
  };
  {
    auto store = OpenOrDie(path);
    ASSERT_NE(store, nullptr);
    for (size_t i = 0; i < names.size(); ++i) {
      Extraction x;
      x.entities.push_back(Org("org:" + names[i], names[i]));
      ASSERT_TRUE(store->PutDocument(Doc(names[i] + std::to_string(i)), x).ok()) << names[i];
    }
    ASSERT_TRUE(store->SetMetadata("k'); DROP TABLE metadata;--", names[0]).ok());
  }
  auto store = OpenOrDie(path, OpenMode::kReadOnly);
  ASSERT_NE(store, nullptr);
  auto entities = store->LoadEntities();
  ASSERT_TRUE(entities.ok()) << entities.status().ToString();
  std::vector<std::string> stored;
  for (const auto& e : *entities) {
    EXPECT_EQ(e.id, "org:" + e.name);
    stored.push_back(e.name);
  }
  std::vector<std::string> expected = names;
  std::sort(expected.begin(), expected.end());
  std::sort(stored.begin(), stored.end());
  EXPECT_EQ(stored, expected);
  auto documents = store->Documents();
  ASSERT_TRUE(documents.ok());
  EXPECT_EQ(documents->size(), names.size());
  auto metadata = store->GetMetadata("k'); DROP TABLE metadata;--");
  ASSERT_TRUE(metadata.ok());
  ASSERT_TRUE(metadata->has_value());
  EXPECT_EQ(**metadata, names[0]);
  // FTS5 syntax in a search is either a result or InvalidArgument, never SQL.
  auto search = store->SearchEvidence("\"x\") OR 1=1; DROP TABLE evidence;--", 10);
  EXPECT_TRUE(search.ok() || search.status().code() == StatusCode::kInvalidArgument)
      << search.status().ToString();
  EXPECT_EQ(IntegrityCheck(path), "ok");
  EXPECT_FALSE(fs::exists("/tmp/pwned.db"));
}

TEST(DamagedDatabase, GarbageFilesAreDataLoss) {
  TempDir dir;
  std::mt19937 random(8);
  std::string noise(64 * 1024, '\0');
  for (char& c : noise) c = static_cast<char>(random());
  // A valid SQLite magic followed by noise: SQLite gets past the first check.
  std::string fake_header = std::string("SQLite format 3\0", 16) + noise.substr(16);
  for (const auto& [name, bytes] : std::vector<std::pair<std::string, std::string>>{
           {"noise.db", noise}, {"header.db", fake_header}, {"text.db", "hello, not a db\n"}}) {
    SCOPED_TRACE(name);
    const std::string path = dir.Write(name, bytes);
    for (OpenMode mode : {OpenMode::kReadOnly, OpenMode::kReadWrite}) {
      auto store = Store::Open(path, mode);
      ASSERT_FALSE(store.ok());
      EXPECT_EQ(store.status().code(), StatusCode::kDataLoss) << store.status().ToString();
      EXPECT_NE(store.status().message().find(path), std::string::npos);
    }
    // The file is left as it was (not "repaired" into an empty database).
    std::ifstream in(path, std::ios::binary);
    const std::string after((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(after, bytes);
  }
}

// Reads everything a query session would; the first failure, or OK.
Status ReadEverything(Store& store) {
  if (auto r = store.Stats(); !r.ok()) return r.status();
  if (auto r = store.Documents(); !r.ok()) return r.status();
  if (auto r = store.LoadEntities(); !r.ok()) return r.status();
  auto relations = store.LoadRelations();
  if (!relations.ok()) return relations.status();
  for (const auto& relation : *relations) {
    if (auto r = store.EvidenceFor(relation.key, 0); !r.ok()) return r.status();
  }
  if (auto r = store.SearchEvidence("partnered", 0); !r.ok()) return r.status();
  return Status::Ok();
}

TEST(DamagedDatabase, TruncatedFilesAreDataLossNotACrash) {
  TempDir dir;
  const std::string original = dir.Path("full.db");
  {
    auto store = OpenOrDie(original);
    ASSERT_NE(store, nullptr);
    ASSERT_TRUE(store->BeginBatch().ok());
    for (int i = 0; i < 300; ++i) {
      ASSERT_TRUE(store
                      ->PutDocument(Doc("d" + std::to_string(i)),
                                    Partnership("Acme" + std::to_string(i), "Globex", 600))
                      .ok());
    }
    ASSERT_TRUE(store->CommitBatch().ok());
  }
  ASSERT_FALSE(fs::exists(original + "-wal") && fs::file_size(original + "-wal") > 0)
      << "closing checkpoints the WAL into the main file";
  const uint64_t size = fs::file_size(original);
  ASSERT_GT(size, 64u * 1024);
  for (uint64_t keep : {uint64_t{0}, uint64_t{50}, uint64_t{100}, uint64_t{4096}, size / 4,
                        size / 2, size - 4096}) {
    SCOPED_TRACE("kept " + std::to_string(keep) + " of " + std::to_string(size) + " bytes");
    const std::string path = dir.Path("cut" + std::to_string(keep) + ".db");
    fs::copy_file(original, path);
    fs::resize_file(path, keep);
    auto store = Store::Open(path, OpenMode::kReadOnly);
    if (keep == 0) {
      // An empty file holds no tables: not a corpgraph database.
      ASSERT_FALSE(store.ok());
      EXPECT_EQ(store.status().code(), StatusCode::kDataLoss) << store.status().ToString();
      continue;
    }
    Status status = store.ok() ? ReadEverything(**store) : store.status();
    ASSERT_FALSE(status.ok()) << "lost pages must not read back as a smaller, valid graph";
    EXPECT_EQ(status.code(), StatusCode::kDataLoss) << status.ToString();
  }
}

// Drops root privileges in a forked child so file permissions apply.
bool DropPrivileges() {
  if (::geteuid() != 0) return true;
  return ::setgid(65534) == 0 && ::setuid(65534) == 0;
}

TEST(ReadOnlyDatabase, OpeningAReadOnlyFileForWritingFailsClearly) {
  TempDir dir;
  ASSERT_EQ(::chmod(dir.path().c_str(), 0777), 0);  // the child may create -wal/-shm
  const std::string path = dir.Path("ro.db");
  {
    auto store = OpenOrDie(path);
    ASSERT_NE(store, nullptr);
    ASSERT_TRUE(store->PutDocument(Doc("d1"), Partnership("Acme", "Globex")).ok());
  }
  ASSERT_EQ(::chmod(path.c_str(), 0444), 0);
  const ChildResult child = RunInChild([&](int64_t* value) -> Status {
    if (!DropPrivileges()) return InternalError("setuid failed");
    auto store = Store::Open(path, OpenMode::kReadWrite);
    if (!store.ok()) {
      *value = 0;  // failed at Open
      return store.status();
    }
    *value = 1;  // opened; the write must fail
    return (*store)->PutDocument(Doc("d2"), Partnership("Initech", "Globex"));
  });
  EXPECT_EQ(child.code, static_cast<int>(StatusCode::kFailedPrecondition)) << child.message;
  EXPECT_NE(child.message.find(path), std::string::npos) << child.message;
  EXPECT_NE(child.message.find("read"), std::string::npos) << child.message;
  ASSERT_EQ(::chmod(path.c_str(), 0644), 0);
  EXPECT_EQ(DocumentCount(path), 1);
  EXPECT_EQ(IntegrityCheck(path), "ok");
}

TEST(FullDisk, FileSizeLimitGivesIOErrorAndKeepsCommittedData) {
  TempDir dir;
  const std::string path = dir.Path("full.db");
  {
    auto store = OpenOrDie(path);
    ASSERT_NE(store, nullptr);
    for (int i = 0; i < 3; ++i) {
      ASSERT_TRUE(
          store->PutDocument(Doc("before" + std::to_string(i)), Partnership("Acme", "Globex"))
              .ok());
    }
  }
  const uint64_t db_size = fs::file_size(path);
  const ChildResult child = RunInChild([&](int64_t* committed) -> Status {
    ::signal(SIGXFSZ, SIG_IGN);  // get EFBIG instead of being killed
    auto store = Store::Open(path, OpenMode::kReadWrite);
    if (!store.ok()) return store.status();
    struct rlimit limit;
    limit.rlim_cur = limit.rlim_max = db_size + 128 * 1024;
    if (::setrlimit(RLIMIT_FSIZE, &limit) != 0) return InternalError("setrlimit failed");
    // Each document commits on its own; keep going until the limit bites.
    for (int i = 0; i < 10000; ++i) {
      Status put = (*store)->PutDocument(Doc("after" + std::to_string(i)),
                                         Partnership("Firm" + std::to_string(i), "Globex", 4000));
      if (!put.ok()) return put;
      ++*committed;
    }
    return InternalError("the file size limit never hit");
  });
  EXPECT_EQ(child.code, static_cast<int>(StatusCode::kIOError)) << child.message;
  EXPECT_NE(child.message.find(path), std::string::npos) << child.message;
  // Everything committed before the failure is there, nothing of the failed document.
  EXPECT_EQ(DocumentCount(path), 3 + child.value);
  {
    auto store = OpenOrDie(path, OpenMode::kReadOnly);
    ASSERT_NE(store, nullptr);
    auto hash = store->DocumentHash("before0");
    ASSERT_TRUE(hash.ok());
    EXPECT_EQ(hash->value_or(""), "hash-before0");
    EXPECT_TRUE(ReadEverything(*store).ok());
  }
  EXPECT_EQ(IntegrityCheck(path), "ok");
}

TEST(Concurrency, SecondWriterProcessWaitsThenFailsClearly) {
  TempDir dir;
  const std::string path = dir.Path("two.db");
  auto first = OpenOrDie(path);
  ASSERT_NE(first, nullptr);
  ASSERT_TRUE(first->BeginBatch().ok());
  ASSERT_TRUE(first->PutDocument(Doc("first"), Partnership("Acme", "Globex")).ok());

  // The second writer is another process, as with two `corpgraph build` runs.
  constexpr int kBusyMs = 300;
  const ChildResult child = RunInChild([&](int64_t* waited_ms) -> Status {
    auto store = Store::Open(path, OpenMode::kReadWrite, StoreOptions{.busy_timeout_ms = kBusyMs});
    if (!store.ok()) return store.status();
    const auto started = std::chrono::steady_clock::now();
    Status begin = (*store)->BeginBatch();
    *waited_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                     std::chrono::steady_clock::now() - started)
                     .count();
    if (!begin.ok()) return begin;
    return (*store)->PutDocument(Doc("second"), Partnership("Initech", "Globex"));
  });
  EXPECT_EQ(child.code, static_cast<int>(StatusCode::kFailedPrecondition)) << child.message;
  EXPECT_NE(child.message.find("locked by another corpgraph process"), std::string::npos)
      << child.message;
  EXPECT_GE(child.value, kBusyMs * 8 / 10) << "the second writer waits before failing";

  ASSERT_TRUE(first->CommitBatch().ok());
  first.reset();
  EXPECT_EQ(DocumentCount(path), 1);
  EXPECT_EQ(IntegrityCheck(path), "ok");

  // Once the first writer is done, the second one goes through.
  const ChildResult again = RunInChild([&](int64_t*) -> Status {
    auto store = Store::Open(path, OpenMode::kReadWrite, StoreOptions{.busy_timeout_ms = kBusyMs});
    if (!store.ok()) return store.status();
    return (*store)->PutDocument(Doc("second"), Partnership("Initech", "Globex"));
  });
  EXPECT_EQ(again.code, static_cast<int>(StatusCode::kOk)) << again.message;
  EXPECT_EQ(DocumentCount(path), 2);
  EXPECT_EQ(IntegrityCheck(path), "ok");
}

TEST(Concurrency, ReaderSeesACommittedSnapshotWhileAWriterBatches) {
  TempDir dir;
  const std::string path = dir.Path("snap.db");
  auto writer = OpenOrDie(path);
  ASSERT_NE(writer, nullptr);
  ASSERT_TRUE(writer->PutDocument(Doc("d0"), Partnership("Acme", "Globex")).ok());
  auto reader = OpenOrDie(path, OpenMode::kReadOnly);
  ASSERT_NE(reader, nullptr);

  ASSERT_TRUE(writer->BeginBatch().ok());
  for (int i = 1; i <= 50; ++i) {
    ASSERT_TRUE(writer
                    ->PutDocument(Doc("d" + std::to_string(i)),
                                  Partnership("Firm" + std::to_string(i), "Globex"))
                    .ok());
    // Mid-batch, the reader sees exactly the last commit: 1 document, 1 relation.
    if (i % 10 == 0) {
      auto stats = reader->Stats();
      ASSERT_TRUE(stats.ok()) << stats.status().ToString();
      EXPECT_EQ(stats->documents, 1);
      EXPECT_EQ(stats->relations, 1);
      auto relations = reader->LoadRelations();
      ASSERT_TRUE(relations.ok());
      ASSERT_EQ(relations->size(), 1u);
      EXPECT_EQ((*relations)[0].evidence_count, 1);
    }
  }
  ASSERT_TRUE(writer->CommitBatch().ok());
  auto stats = reader->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->documents, 51);
  EXPECT_EQ(stats->relations, 51);
  EXPECT_TRUE(ReadEverything(*reader).ok());
}

TEST(ReplSecurity, ShellEscapesAreNeverRun) {
  TempDir dir;
  const std::string marker = dir.Path("pwned");
  auto store = OpenOrDie(":memory:");
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->PutDocument(Doc("d1"), Partnership("Acme", "Globex")).ok());
  auto graph = graph::Graph::Load(*store);
  ASSERT_TRUE(graph.ok()) << graph.status().ToString();
  query::Engine engine(**graph, store.get());
  // Every way a shell might be reached from a line: none may create the marker.
  std::istringstream input("!touch " + marker + "\n.shell touch " + marker + "\n.system touch " +
                           marker + "\n$(touch " + marker + ")\n`touch " + marker +
                           "`\nentity Acme; touch " + marker + "\nsearch \"x\" | touch " + marker +
                           "\n.export dot " + marker + "; touch " + marker + "\n");
  std::ostringstream output, errors;
  query::ReplOptions options;
  options.input = &input;
  options.output = &output;
  options.errors = &errors;
  options.history_file = "-";
  const Status status = query::RunRepl(engine, options);
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument) << status.ToString();
  EXPECT_FALSE(fs::exists(marker)) << errors.str();
}

}  // namespace
}  // namespace corpgraph::robustness
