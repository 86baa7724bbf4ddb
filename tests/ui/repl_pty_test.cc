// The REPL as a person meets it: the real `corpgraph repl` on a pseudo-terminal
// (forkpty, TERM=xterm, 120x40), driven by keystrokes. Every wait reads the
// terminal until the expected text shows up, with poll() and a deadline; no
// fixed sleeps. Deadlines are generous because CI runs the binary under
// AddressSanitizer.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "tests/ui/process.h"

namespace corpgraph::ui_test {
namespace {

namespace fs = std::filesystem;

constexpr auto kStepTimeout = std::chrono::seconds(30);
constexpr std::string_view kPrompt = "corpgraph> ";

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The entries of a libedit history file: a "_HiStOrY_V2_" line, then one entry
// per line with spaces and other specials written as strvis octal escapes
// ("entity\040Foxconn").
std::vector<std::string> ReadHistory(const fs::path& path) {
  std::vector<std::string> entries;
  std::istringstream lines(ReadFile(path));
  std::string line;
  while (std::getline(lines, line)) {
    if (line == "_HiStOrY_V2_") continue;
    std::string entry;
    for (size_t i = 0; i < line.size(); ++i) {
      if (line[i] == '\\' && i + 3 < line.size() && line[i + 1] >= '0' && line[i + 1] <= '3') {
        entry += static_cast<char>((line[i + 1] - '0') * 64 + (line[i + 2] - '0') * 8 +
                                   (line[i + 3] - '0'));
        i += 3;
      } else if (line[i] == '\\' && i + 1 < line.size() && line[i + 1] == '\\') {
        entry += '\\';
        ++i;
      } else {
        entry += line[i];
      }
    }
    entries.push_back(entry);
  }
  return entries;
}

bool Contains(const std::vector<std::string>& entries, const std::string& entry) {
  return std::find(entries.begin(), entries.end(), entry) != entries.end();
}

std::string Join(const std::vector<std::string>& entries) {
  std::string out;
  for (const std::string& e : entries) out += "  [" + e + "]\n";
  return out;
}

// A child process on the slave side of a pseudo-terminal; we hold the master.
class PtyChild {
 public:
  PtyChild() = default;
  PtyChild(const PtyChild&) = delete;
  PtyChild& operator=(const PtyChild&) = delete;
  ~PtyChild() {
    if (pid_ > 0 && !reaped_) {
      kill(pid_, SIGKILL);  // only our own child, by its id
      int status = 0;
      waitpid(pid_, &status, 0);
    }
    if (master_ >= 0) close(master_);
  }

  // Starts argv on a 120x40 terminal with TERM=xterm and HOME=`home` (so no
  // user ~/.editrc or history leaks in). False if forkpty failed.
  bool Start(const std::vector<std::string>& argv, const std::string& home) {
    struct winsize size = {};
    size.ws_row = 40;
    size.ws_col = 120;
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    pid_ = forkpty(&master_, nullptr, nullptr, &size);
    if (pid_ == 0) {
      setenv("TERM", "xterm", 1);
      setenv("HOME", home.c_str(), 1);
      unsetenv("COLUMNS");
      unsetenv("LINES");
      execv(args[0], args.data());
      _exit(127);
    }
    if (pid_ < 0) return false;
    fcntl(master_, F_SETFL, fcntl(master_, F_GETFL) | O_NONBLOCK);
    return true;
  }

  bool Send(std::string_view keys) {
    while (!keys.empty()) {
      const ssize_t n = write(master_, keys.data(), keys.size());
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && errno == EAGAIN) {
        pollfd fd = {master_, POLLOUT, 0};
        if (poll(&fd, 1, 1000) < 0 && errno != EINTR) return false;
        continue;
      }
      if (n <= 0) return false;
      keys.remove_prefix(static_cast<size_t>(n));
    }
    return true;
  }

  // Reads the terminal until `needle` occurs at or after byte `from` of the
  // transcript; returns the offset just past it, or nullopt at the deadline or
  // when the terminal closes first.
  std::optional<size_t> WaitFor(std::string_view needle, size_t from,
                                std::chrono::milliseconds timeout = kStepTimeout) {
    const Clock::time_point deadline = Clock::now() + timeout;
    while (true) {
      const size_t at = transcript_.find(needle, from);
      if (at != std::string::npos) return at + needle.size();
      if (closed_ || !ReadSome(deadline)) return std::nullopt;
    }
  }

  // Drains the terminal until it closes, then reaps the child; the exit code,
  // or nullopt if it did not exit normally before the deadline.
  std::optional<int> WaitExit(std::chrono::milliseconds timeout = kStepTimeout) {
    const Clock::time_point deadline = Clock::now() + timeout;
    while (!closed_ && ReadSome(deadline)) {
    }
    const int pid_fd = OpenPidFd(pid_);
    if (pid_fd >= 0) {
      pollfd fd = {pid_fd, POLLIN, 0};
      while (poll(&fd, 1, MillisLeft(deadline)) < 0 && errno == EINTR) {
      }
      close(pid_fd);
    }
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) != pid_) return std::nullopt;
    reaped_ = true;
    if (!WIFEXITED(status)) return std::nullopt;
    return WEXITSTATUS(status);
  }

  // Waits until the line editor is ready for a key: the terminal in raw mode
  // (no ICANON, no ECHO) and the child blocked waiting for stdin. libedit
  // writes the prompt *before* it switches the terminal, so keys sent the
  // moment the prompt shows would be echoed by the kernel too. A person never
  // types that fast; a test does. (Ctrl-C needs no such wait: the REPL's key
  // reader wakes on it wherever it lands, which CtrlCBetweenKeyReads checks.)
  // Reads output meanwhile: the switch (TCSETSW) completes only once the
  // terminal's pending output has been read.
  bool WaitForEditing(std::chrono::milliseconds timeout = kStepTimeout) {
    const Clock::time_point deadline = Clock::now() + timeout;
    while (true) {
      struct termios mode = {};
      if (tcgetattr(master_, &mode) != 0) return false;  // the slave's settings, on Linux
      if ((mode.c_lflag & (ICANON | ECHO)) == 0 && BlockedReadingStdin()) return true;
      if (closed_ || Clock::now() >= deadline) return false;
      ReadSome(std::min(deadline, Clock::now() + std::chrono::milliseconds(2)));
    }
  }

  // The child's state for failure messages: its syscall, signal masks and terminal mode.
  std::string Diagnose() const {
    std::string out = "syscall: " + ReadFile("/proc/" + std::to_string(pid_) + "/syscall");
    std::istringstream status(ReadFile("/proc/" + std::to_string(pid_) + "/status"));
    std::string line;
    while (std::getline(status, line)) {
      if (line.rfind("State", 0) == 0 || line.rfind("Sig", 0) == 0) out += line + "\n";
    }
    struct termios mode = {};
    if (tcgetattr(master_, &mode) == 0) {
      out += "lflag: ICANON=" + std::to_string((mode.c_lflag & ICANON) != 0) +
             " ECHO=" + std::to_string((mode.c_lflag & ECHO) != 0) +
             " ISIG=" + std::to_string((mode.c_lflag & ISIG) != 0) + "\n";
    }
    return out + "terminal:\n" + transcript_;
  }

  bool Alive() const { return pid_ > 0 && kill(pid_, 0) == 0 && !reaped_; }
  const std::string& transcript() const { return transcript_; }
  size_t size() const { return transcript_.size(); }

 private:
  // One poll + read; false at the deadline or when the terminal closed.
  bool ReadSome(Clock::time_point deadline) {
    pollfd fd = {master_, POLLIN, 0};
    const int ready = poll(&fd, 1, MillisLeft(deadline));
    if (ready < 0 && errno == EINTR) return true;
    if (ready <= 0) return false;
    char buffer[4096];
    const ssize_t n = read(master_, buffer, sizeof buffer);
    if (n > 0) {
      transcript_.append(buffer, static_cast<size_t>(n));
      return true;
    }
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) return true;
    closed_ = true;  // EIO: every slave descriptor is closed (the child has exited)
    return false;
  }

  // True when the child sits in read(0, ...) or in poll()/ppoll() (the REPL's
  // key reader polls stdin and its Ctrl-C wake-up pipe), per /proc/PID/syscall
  // ("0 0x0 ..." on x86-64: syscall number, then the first argument). True as
  // well when that file cannot be opened (no /proc): then this check is skipped.
  // The file says "running" while the child is on a CPU.
  bool BlockedReadingStdin() const {
    std::ifstream in("/proc/" + std::to_string(pid_) + "/syscall");
    if (!in) return true;
    std::string number, first_argument;
    in >> number >> first_argument;
    if (number == std::to_string(SYS_poll) || number == std::to_string(SYS_ppoll)) return true;
    return number == std::to_string(SYS_read) && first_argument == "0x0";
  }

  pid_t pid_ = -1;
  int master_ = -1;
  bool reaped_ = false;
  bool closed_ = false;
  std::string transcript_;
};

class ReplPty : public ::testing::Test {
 protected:
  // Only the directory here: a failed ASSERT in SetUpTestSuite makes GoogleTest
  // print "[  SKIPPED ]" for every test, which CTest then counts as skipped.
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::path(::testing::TempDir()) /
                        ("corpgraph_ui_repl_" + std::to_string(getpid())));
    fs::remove_all(*dir_);
    fs::create_directories(*dir_);
  }

  // Builds the graph once per process (CTest runs each test in its own).
  void SetUp() override {
    static bool built = false;
    if (built) return;
    const ChildRun build =
        RunChild({CORPGRAPH_BINARY, "build", std::string(CORPGRAPH_SOURCE_DIR) + "/examples/news",
                  "--quiet", "--db", db()},
                 std::chrono::minutes(5));
    ASSERT_TRUE(build.exited) << build.Describe();
    ASSERT_EQ(build.exit_code, 0) << build.Describe();
    built = true;
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
  }
  static std::string db() { return (*dir_ / "news.db").string(); }

  // A fresh history file per test (CTest may run the tests of this suite in parallel).
  std::string history() const {
    return (*dir_ / (std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) +
                     ".history"))
        .string();
  }

  // Starts the REPL and waits for its first prompt.
  void StartRepl(PtyChild& repl) {
    fs::remove(history());
    ASSERT_TRUE(repl.Start({CORPGRAPH_BINARY, "repl", "--db", db(), "--history", history()},
                           dir_->string()));
    ASSERT_TRUE(WaitForPrompt(repl, 0)) << "no prompt; the terminal showed:\n" << repl.transcript();
  }

  // The prompt at or after byte `from`, and the editor ready for keys; returns
  // the offset where the prompt starts.
  static std::optional<size_t> WaitForPrompt(PtyChild& repl, size_t from) {
    const std::optional<size_t> end = repl.WaitFor(kPrompt, from);
    if (!end || !repl.WaitForEditing()) return std::nullopt;
    return *end - kPrompt.size();
  }

  // Types `line` + Enter and returns what the terminal showed up to the next prompt.
  static std::optional<std::string> Ask(PtyChild& repl, const std::string& line) {
    const size_t mark = repl.size();
    if (!repl.Send(line + "\r")) return std::nullopt;
    const std::optional<size_t> prompt = WaitForPrompt(repl, mark);
    if (!prompt) return std::nullopt;
    return repl.transcript().substr(mark, *prompt - mark);
  }

  static fs::path* dir_;
};

fs::path* ReplPty::dir_ = nullptr;

TEST_F(ReplPty, TabCompletesAnEntityName) {
  PtyChild repl;
  ASSERT_NO_FATAL_FAILURE(StartRepl(repl));
  size_t mark = repl.size();
  ASSERT_TRUE(repl.Send("entity Fox"));
  ASSERT_TRUE(repl.WaitFor("Fox", mark)) << repl.transcript();
  mark = repl.size();
  ASSERT_TRUE(repl.Send("\t"));
  // libedit redraws only what changed, so the terminal shows the completed tail.
  ASSERT_TRUE(repl.WaitFor("conn", mark)) << "Tab did not complete; terminal:\n"
                                          << repl.transcript();
  const std::optional<std::string> answer = Ask(repl, "");
  ASSERT_TRUE(answer) << repl.transcript();
  // The entity card of Foxconn (its id and its Taiwanese listing), not an error.
  EXPECT_NE(answer->find("Foxconn (org:foxconn)"), std::string::npos) << *answer;
  EXPECT_EQ(answer->find("error:"), std::string::npos) << *answer;

  ASSERT_TRUE(repl.Send("quit\r"));
  EXPECT_EQ(repl.WaitExit(), 0) << repl.transcript();
  // What was entered is the completed line, not what was typed.
  const std::vector<std::string> saved = ReadHistory(history());
  EXPECT_TRUE(Contains(saved, "entity Foxconn")) << Join(saved);
  EXPECT_FALSE(Contains(saved, "entity Fox")) << Join(saved);
}

TEST_F(ReplPty, AnswersAQueryAndCtrlCDropsTheHalfTypedLine) {
  PtyChild repl;
  ASSERT_NO_FATAL_FAILURE(StartRepl(repl));

  // A query and its answer: Apple reaches South-eastern Asia through Foxconn's Vietnam plants.
  const std::string query = "exposure Apple to region:\"South-eastern Asia\"";
  std::optional<std::string> answer = Ask(repl, query);
  ASSERT_TRUE(answer) << repl.transcript();
  EXPECT_NE(answer->find("exposure of Apple to South-eastern Asia"), std::string::npos) << *answer;
  EXPECT_NE(answer->find("Foxconn"), std::string::npos) << *answer;
  EXPECT_NE(answer->find("Vietnam"), std::string::npos) << *answer;
  EXPECT_NE(answer->find("supplies"), std::string::npos) << *answer;
  // An evidence sentence of the Foxconn article, quoted.
  EXPECT_NE(answer->find("\"Foxconn "), std::string::npos) << *answer;
  EXPECT_EQ(answer->find("error:"), std::string::npos) << *answer;

  // Ctrl-C on a half-typed line: the line is dropped, a fresh prompt appears.
  size_t mark = repl.size();
  ASSERT_TRUE(repl.Send("neighbours Tes"));
  ASSERT_TRUE(repl.WaitFor("Tes", mark)) << repl.transcript();
  ASSERT_TRUE(repl.WaitForEditing()) << repl.transcript();
  mark = repl.size();
  ASSERT_TRUE(repl.Send("\x03"));
  ASSERT_TRUE(WaitForPrompt(repl, mark)) << "no prompt after Ctrl-C\n" << repl.Diagnose();
  EXPECT_TRUE(repl.Alive());

  // Still alive and the line is empty: this runs as typed, not appended to "neighbours Tes".
  answer = Ask(repl, "entity Vietnam");
  ASSERT_TRUE(answer) << repl.transcript();
  EXPECT_NE(answer->find("Vietnam (place:VN)"), std::string::npos) << *answer;
  EXPECT_EQ(answer->find("error:"), std::string::npos) << *answer;

  ASSERT_TRUE(repl.Send("quit\r"));
  EXPECT_EQ(repl.WaitExit(), 0) << repl.transcript();

  const std::vector<std::string> saved = ReadHistory(history());
  EXPECT_TRUE(Contains(saved, query)) << Join(saved);
  EXPECT_TRUE(Contains(saved, "entity Vietnam")) << Join(saved);
  EXPECT_TRUE(Contains(saved, "quit")) << Join(saved);
  for (const std::string& entry : saved) {
    EXPECT_EQ(entry.find("Tes"), std::string::npos) << "the cancelled line was saved\n"
                                                    << Join(saved);
  }
}

// Ctrl-C sent while the editor is busy between two key reads (echoing the last
// key, redrawing, or not yet waiting after the prompt) must give a fresh prompt
// at once, with no further key. Each round sends the Ctrl-C right after the
// echo shows, without waiting for the editor to block, so most rounds land
// outside the wait; before the REPL's key reader polled a wake-up pipe, such a
// Ctrl-C only set a flag and the prompt came back at the next key (this test
// then timed out waiting for the prompt).
TEST_F(ReplPty, CtrlCBetweenKeyReadsGivesAFreshPromptWithoutAnotherKey) {
  PtyChild repl;
  ASSERT_NO_FATAL_FAILURE(StartRepl(repl));
  constexpr int kRounds = 12;
  for (int round = 0; round < kRounds; ++round) {
    size_t mark = repl.size();
    ASSERT_TRUE(repl.Send("neighbours Tes"));
    ASSERT_TRUE(repl.WaitFor("Tes", mark)) << "round " << round << "\n" << repl.transcript();
    mark = repl.size();
    ASSERT_TRUE(repl.Send("\x03"));  // no WaitForEditing: the editor may still be drawing
    const std::optional<size_t> prompt = repl.WaitFor(kPrompt, mark, std::chrono::seconds(10));
    ASSERT_TRUE(prompt) << "round " << round << ": no prompt after Ctrl-C without another key\n"
                        << repl.Diagnose();
    ASSERT_TRUE(repl.WaitForEditing()) << "round " << round << "\n" << repl.Diagnose();
  }
  EXPECT_TRUE(repl.Alive());
  // Every cancelled line is gone: this runs as typed, not appended to "neighbours Tes".
  const std::optional<std::string> answer = Ask(repl, "entity Vietnam");
  ASSERT_TRUE(answer) << repl.transcript();
  EXPECT_NE(answer->find("Vietnam (place:VN)"), std::string::npos) << *answer;
  EXPECT_EQ(answer->find("error:"), std::string::npos) << *answer;
  ASSERT_TRUE(repl.Send("quit\r"));
  EXPECT_EQ(repl.WaitExit(), 0) << repl.transcript();
  for (const std::string& entry : ReadHistory(history())) {
    EXPECT_EQ(entry.find("Tes"), std::string::npos) << "a cancelled line was saved: " << entry;
  }
}

TEST_F(ReplPty, CtrlDAtAnEmptyPromptLeaves) {
  PtyChild repl;
  ASSERT_NO_FATAL_FAILURE(StartRepl(repl));
  ASSERT_TRUE(repl.Send("\x04"));
  EXPECT_EQ(repl.WaitExit(), 0) << repl.transcript();
}

}  // namespace
}  // namespace corpgraph::ui_test
