// `kill -9` during `corpgraph build`: the real binary runs as a child process
// on a generated corpus and is SIGKILLed at seeded pseudo-random commits
// (counted from the "commit N documents" lines CORPGRAPH_TRACE_COMMITS=1
// prints after each committed batch; no sleeps). After each kill the database
// must pass PRAGMA integrity_check, hold every committed document, and a
// resumed build must end with exactly what an uninterrupted build stores.
#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "graph/store.h"
#include "tests/common/sqlite_integrity.h"
#include "tests/ingest/test_util.h"

namespace corpgraph::ingest {
namespace {

using testing::TempDir;

constexpr int kDocuments = 400;
constexpr int kBatch = 8;  // documents per transaction: 50 commits per full build

// Our own news-like documents: invented companies partnering, acquiring,
// supplying and opening offices, so that every batch writes entities,
// relations, evidence and mentions; some sentences back two facts.
std::string Corpus() {
  static const char* const kCompanies[] = {
      "Brindle Analytics", "Corvane Systems",  "Dalmora Foods",   "Eskerhold Energy",
      "Fennick Robotics",  "Galloway Freight", "Hestia Biotech",  "Ilvara Mining",
      "Jorvik Telecom",    "Kestrel Optics",   "Lumora Networks", "Marwick Steel"};
  static const char* const kCities[] = {"Oslo", "Lyon", "Osaka", "Denver", "Porto", "Gdansk"};
  constexpr int n = static_cast<int>(std::size(kCompanies));
  std::ostringstream out;
  for (int i = 0; i < kDocuments; ++i) {
    const std::string a = kCompanies[i % n];
    const std::string b = kCompanies[(i * 7 + 3) % n];
    const std::string c = kCompanies[(i * 5 + 1) % n];
    const std::string city = kCities[i % std::size(kCities)];
    std::string text = a + " Inc agreed on Monday to acquire " + b + " Ltd for $" +
                       std::to_string(100 + i) + " million. " + a + " Inc partnered with " + c +
                       " Corp to build a plant in " + city + ". Analysts said document " +
                       std::to_string(i) + " mattered.";
    if (a == b || a == c) text = city + std::string(" was quiet on day ") + std::to_string(i) + ".";
    out << "{\"id\":\"kill-" << i << "\",\"title\":\"Deal " << i << "\",\"date\":\"2024-0"
        << (1 + i % 9) << "-1" << (i % 10) << "\",\"text\":\"" << text << "\"}\n";
  }
  return out.str();
}

struct ChildExit {
  bool killed = false;  // ended by our SIGKILL
  int exit_code = -1;
  int commit_lines = 0;
  std::string stderr_text;
};

// Runs `corpgraph build CORPUS --db DB` and, if kill_after_commits > 0, sends
// SIGKILL as soon as that many commit lines have been read from its stderr. The
// child waits after each commit line until this side answers on its stdin
// (CORPGRAPH_TRACE_COMMITS=wait), so however slowly this side reads, the kill
// lands right after the chosen commit and never after the build has finished.
ChildExit RunBuild(const std::string& corpus, const std::string& db, int kill_after_commits) {
  ChildExit result;
  int fds[2];
  int go[2];
  if (pipe(fds) != 0) return result;
  if (pipe(go) != 0) return result;
  const pid_t pid = fork();
  if (pid == 0) {
    signal(SIGPIPE, SIG_DFL);  // the build as a user runs it
    dup2(fds[1], STDERR_FILENO);
    dup2(go[0], STDIN_FILENO);
    close(fds[0]);
    close(fds[1]);
    close(go[0]);
    close(go[1]);
    const int null_fd = open("/dev/null", O_WRONLY);
    if (null_fd >= 0) dup2(null_fd, STDOUT_FILENO);
    setenv("CORPGRAPH_TRACE_COMMITS", "wait", 1);
    const std::string batch = std::to_string(kBatch);
    execl(CORPGRAPH_BINARY, CORPGRAPH_BINARY, "build", corpus.c_str(), "--db", db.c_str(), "--jobs",
          "2", "--batch", batch.c_str(), "--quiet", static_cast<char*>(nullptr));
    _exit(127);
  }
  close(fds[1]);
  close(go[0]);
  signal(SIGPIPE, SIG_IGN);  // an answer to a child that has just exited fails, not kills us
  FILE* stream = fdopen(fds[0], "r");
  char* line = nullptr;
  size_t capacity = 0;
  while (getline(&line, &capacity, stream) > 0) {
    result.stderr_text += line;
    if (std::string_view(line).rfind("commit ", 0) != 0) continue;
    ++result.commit_lines;
    if (kill_after_commits > 0 && result.commit_lines == kill_after_commits) {
      kill(pid, SIGKILL);
      break;
    }
    const char byte = 'g';
    if (write(go[1], &byte, 1) != 1) break;  // the child is gone
  }
  close(go[1]);  // a child still running goes on without waiting
  free(line);
  fclose(stream);  // a killed child's pipe closes; a running one would get SIGPIPE
  int status = 0;
  waitpid(pid, &status, 0);
  result.killed = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

using corpgraph::testing::IntegrityCheck;

// What a build stored, key-free so that two databases compare.
struct Snapshot {
  graph::StoreStats stats;
  std::vector<std::tuple<std::string, int, std::string, int, int64_t, double>> relations;
};

Snapshot Read(const std::string& path) {
  Snapshot snapshot;
  Result<std::unique_ptr<graph::Store>> store =
      graph::Store::Open(path, graph::OpenMode::kReadOnly);
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  if (!store.ok()) return snapshot;
  Result<graph::StoreStats> stats = (*store)->Stats();
  EXPECT_TRUE(stats.ok());
  if (stats.ok()) snapshot.stats = *stats;
  Result<std::vector<graph::RelationRecord>> relations = (*store)->LoadRelations();
  EXPECT_TRUE(relations.ok());
  if (!relations.ok()) return snapshot;
  for (const graph::RelationRecord& r : *relations) {
    snapshot.relations.emplace_back(r.subject_id, static_cast<int>(r.type), r.object_id,
                                    static_cast<int>(r.modality), r.evidence_count, r.strength);
  }
  return snapshot;
}

TEST(KillBuild, SigkillAtRandomCommitsLosesNothingAndResumes) {
  TempDir dir;
  const std::string corpus = dir.Write("corpus.jsonl", Corpus());
  const std::string reference_db = dir.path() + "/reference.db";
  const ChildExit reference = RunBuild(corpus, reference_db, 0);
  ASSERT_EQ(reference.exit_code, 0) << reference.stderr_text;
  const int total_commits = reference.commit_lines;
  ASSERT_GE(total_commits, 20) << reference.stderr_text;
  const Snapshot expected = Read(reference_db);
  ASSERT_EQ(expected.stats.documents, kDocuments);
  ASSERT_GT(expected.stats.relations, 10);
  ASSERT_GT(expected.stats.evidence, expected.stats.relations / 2);

  // Kill points: seeded, spread over the first two thirds of the build so
  // that the child is certainly still writing when the signal lands.
  std::mt19937 rng(20241127);
  std::uniform_int_distribution<int> pick(1, total_commits * 2 / 3);
  for (int round = 0; round < 3; ++round) {
    const int kill_at = pick(rng);
    SCOPED_TRACE("round " + std::to_string(round) + ": SIGKILL after commit " +
                 std::to_string(kill_at));
    const std::string db = dir.path() + "/killed-" + std::to_string(round) + ".db";
    const ChildExit killed = RunBuild(corpus, db, kill_at);
    ASSERT_TRUE(killed.killed) << "the build ended before the kill: " << killed.stderr_text;
    EXPECT_EQ(IntegrityCheck(db), "ok");
    // Every acknowledged commit survived the kill.
    const Snapshot partial = Read(db);
    EXPECT_GE(partial.stats.documents, static_cast<int64_t>(kill_at) * kBatch);
    EXPECT_LT(partial.stats.documents, kDocuments);

    // Killed a second time during the resume, then resumed to the end.
    const ChildExit killed_again = RunBuild(corpus, db, 1);
    EXPECT_TRUE(killed_again.killed || killed_again.exit_code == 0) << killed_again.stderr_text;
    EXPECT_EQ(IntegrityCheck(db), "ok");
    const ChildExit resumed = RunBuild(corpus, db, 0);
    ASSERT_EQ(resumed.exit_code, 0) << resumed.stderr_text;
    EXPECT_EQ(IntegrityCheck(db), "ok");

    const Snapshot actual = Read(db);
    EXPECT_EQ(actual.stats.documents, expected.stats.documents);
    EXPECT_EQ(actual.stats.entities, expected.stats.entities);
    EXPECT_EQ(actual.stats.relations, expected.stats.relations);
    EXPECT_EQ(actual.stats.evidence, expected.stats.evidence);
    EXPECT_EQ(actual.stats.mentions, expected.stats.mentions);
    EXPECT_EQ(actual.relations, expected.relations);
  }
}

}  // namespace
}  // namespace corpgraph::ingest
