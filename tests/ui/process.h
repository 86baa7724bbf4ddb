// tests/ui/process.h — child processes with deadlines, for the UI tests.
//
//   ChildRun run = RunChild({CORPGRAPH_BINARY, "stats", "--db", db}, std::chrono::seconds(30));
//   ASSERT_TRUE(run.exited) << run.Describe();
//   EXPECT_EQ(run.exit_code, 0);
//
// RunChild starts `argv[0]` (no shell) in its own process group, collects its
// stdout and stderr, and waits for it with poll() on a pidfd; past the timeout
// it kills the whole group (SIGKILL) and reports `timed_out`. Nothing sleeps.
// Not thread-safe (uses fork); call from the test's main thread.
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <string>
#include <vector>

namespace corpgraph::ui_test {

using Clock = std::chrono::steady_clock;

// Milliseconds left until `deadline` (0 when past), as poll() wants them.
inline int MillisLeft(Clock::time_point deadline) {
  const auto left =
      std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return left <= 0 ? 0 : static_cast<int>(left);
}

// A file descriptor that becomes readable when process `pid` exits (-1 if unsupported).
inline int OpenPidFd(pid_t pid) { return static_cast<int>(syscall(SYS_pidfd_open, pid, 0)); }

struct ChildRun {
  bool started = false;
  bool exited = false;     // exited normally (not signalled, not killed by us)
  bool timed_out = false;  // killed after the timeout
  int exit_code = -1;
  std::string out;
  std::string err;

  std::string Describe() const {
    return "started=" + std::to_string(started) + " exited=" + std::to_string(exited) +
           " timed_out=" + std::to_string(timed_out) + " exit_code=" + std::to_string(exit_code) +
           "\n--- stdout (first 2000 bytes) ---\n" + out.substr(0, 2000) +
           "\n--- stderr (first 2000 bytes) ---\n" + err.substr(0, 2000);
  }
};

// Runs argv with extra environment entries ("NAME=value"), stdin from /dev/null.
inline ChildRun RunChild(const std::vector<std::string>& argv, std::chrono::milliseconds timeout,
                         const std::vector<std::string>& extra_env = {}) {
  ChildRun run;
  int out_pipe[2];
  int err_pipe[2];
  if (pipe2(out_pipe, O_CLOEXEC) != 0) return run;
  if (pipe2(err_pipe, O_CLOEXEC) != 0) {
    close(out_pipe[0]);
    close(out_pipe[1]);
    return run;
  }
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  const pid_t pid = fork();
  if (pid == 0) {
    setpgid(0, 0);
    const int null_fd = open("/dev/null", O_RDONLY);
    dup2(null_fd, STDIN_FILENO);
    dup2(out_pipe[1], STDOUT_FILENO);
    dup2(err_pipe[1], STDERR_FILENO);
    for (const std::string& e : extra_env) putenv(const_cast<char*>(e.c_str()));
    execv(args[0], args.data());
    _exit(127);
  }
  close(out_pipe[1]);
  close(err_pipe[1]);
  if (pid < 0) {
    close(out_pipe[0]);
    close(err_pipe[0]);
    return run;
  }
  run.started = true;
  setpgid(pid, pid);  // also from the parent, so the kill below cannot race the child's call
  const int pid_fd = OpenPidFd(pid);
  const Clock::time_point deadline = Clock::now() + timeout;
  bool out_open = true;
  bool err_open = true;
  bool child_done = false;
  while (!child_done || out_open || err_open) {
    // Once the child is gone, leftover helpers may hold the pipes: stop at the deadline anyway.
    pollfd fds[3] = {{out_open ? out_pipe[0] : -1, POLLIN, 0},
                     {err_open ? err_pipe[0] : -1, POLLIN, 0},
                     {child_done ? -1 : pid_fd, POLLIN, 0}};
    const int ready = poll(fds, 3, MillisLeft(deadline));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) break;  // deadline
    char buffer[65536];
    for (int i = 0; i < 2; ++i) {
      if (fds[i].revents == 0) continue;
      const ssize_t n = read(fds[i].fd, buffer, sizeof buffer);
      if (n > 0) {
        (i == 0 ? run.out : run.err).append(buffer, static_cast<size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        (i == 0 ? out_open : err_open) = false;
      }
    }
    if (fds[2].revents != 0) child_done = true;
    if (pid_fd < 0 && !out_open && !err_open) break;  // no pidfd: closed pipes mean it is exiting
  }
  int status = 0;
  const bool reaped = pid_fd < 0 && !out_open && !err_open && MillisLeft(deadline) > 0
                          ? waitpid(pid, &status, 0) == pid
                          : waitpid(pid, &status, WNOHANG) == pid;
  if (reaped) {
    run.exited = WIFEXITED(status);
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    kill(-pid, SIGKILL);  // helpers the child left behind, if any (the group is ours)
  } else {
    run.timed_out = true;
    kill(-pid, SIGKILL);
    waitpid(pid, &status, 0);  // SIGKILL cannot be ignored: this returns promptly
  }
  if (pid_fd >= 0) close(pid_fd);
  close(out_pipe[0]);
  close(err_pipe[0]);
  return run;
}

}  // namespace corpgraph::ui_test
