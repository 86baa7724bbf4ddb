#include "query/repl.h"

#include <fcntl.h>
#include <histedit.h>
#include <poll.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cwchar>
#include <iostream>
#include <sstream>

#include "common/text.h"

namespace corpgraph::query {
namespace {

// Set by SIGINT; the running search polls it through Engine::Run's cancel flag,
// and the line editor's key reader (ReadKey) checks it before and after each wait.
std::atomic<bool> g_interrupted{false};
// The write end of a self-pipe that wakes ReadKey's poll() when SIGINT arrives;
// -1 outside the interactive loop. A signal that lands while the editor is between
// two reads (drawing, handling a key) would otherwise be seen only at the next key.
std::atomic<int> g_wake_fd{-1};

extern "C" void OnSigint(int) {
  g_interrupted.store(true);
  const int fd = g_wake_fd.load();
  if (fd >= 0) {
    const int saved_errno = errno;
    const char byte = 'i';
    [[maybe_unused]] ssize_t n = write(fd, &byte, 1);  // non-blocking; a full pipe already wakes
    errno = saved_errno;
  }
}

// Installs OnSigint (without SA_RESTART, so a blocked read returns) and restores on exit.
class SigintGuard {
 public:
  SigintGuard() {
    struct sigaction action = {};
    action.sa_handler = OnSigint;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, &previous_);
  }
  ~SigintGuard() { sigaction(SIGINT, &previous_, nullptr); }

 private:
  struct sigaction previous_ = {};
};

using NameList = std::vector<std::pair<std::string, std::string>>;

void SortUnique(NameList& list) {
  std::sort(list.begin(), list.end());
  list.erase(std::unique(list.begin(), list.end(),
                         [](const auto& a, const auto& b) { return a.first == b.first; }),
             list.end());
}

// Entries of `list` whose lower-case key starts with `prefix` (already lower-case).
void PrefixMatches(const NameList& list, std::string_view prefix, size_t limit,
                   std::vector<std::string>& out) {
  auto it = std::lower_bound(list.begin(), list.end(), prefix,
                             [](const auto& entry, std::string_view p) { return entry.first < p; });
  for (; it != list.end() && out.size() < limit; ++it) {
    if (it->first.compare(0, prefix.size(), prefix) != 0) break;
    out.push_back(it->second);
  }
}

constexpr size_t kMaxCandidates = 200;

int TerminalWidth() {
  struct winsize size = {};
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  if (const char* columns = std::getenv("COLUMNS")) {
    int n = std::atoi(columns);
    if (n > 0) return n;
  }
  return 100;
}

std::string HistoryPath(const ReplOptions& options) {
  if (options.history_file == "-") return "";
  if (!options.history_file.empty()) return options.history_file;
  const char* home = std::getenv("HOME");
  return home ? std::string(home) + "/.corpgraph_history" : "";
}

// The shell's state between lines: the last answer (for .export) and the output format.
class Session {
 public:
  Session(const Engine& engine, const ReplOptions& options, std::ostream& out, std::ostream& err,
          int width)
      : engine_(engine),
        options_(options),
        out_(out),
        err_(err),
        format_(options.format),
        width_(width) {}

  enum class Outcome { kOk, kFailed, kQuit };

  Outcome Handle(std::string_view raw_line, std::string_view error_prefix) {
    std::string_view line = TrimWhitespace(raw_line);
    if (line.empty() || line.front() == '#') return Outcome::kOk;
    std::string lower = AsciiLower(line);
    if (lower == "quit" || lower == "exit" || lower == ".quit" || lower == ".exit") {
      return Outcome::kQuit;
    }
    if (line.front() == '.') return Dot(line, error_prefix);
    g_interrupted.store(false);
    Result<Answer> answer = engine_.Run(line, &g_interrupted);
    if (!answer.ok()) {
      bool cancelled = g_interrupted.exchange(false);
      err_ << error_prefix << (cancelled ? "cancelled" : answer.status().ToString()) << "\n";
      return Outcome::kFailed;
    }
    out_ << FormatAnswer(*answer, format_, {.width = width_});
    out_.flush();
    last_ = std::move(answer).value();
    return Outcome::kOk;
  }

 private:
  Outcome Dot(std::string_view line, std::string_view error_prefix) {
    std::istringstream words{std::string(line)};
    std::string command, first, second, extra;
    words >> command >> first >> second >> extra;
    command = AsciiLower(command);
    if (command == ".help") {
      out_ << HelpText(first) << "shell: .format text|json|csv, .export dot|svg|json FILE, quit\n";
      return Outcome::kOk;
    }
    if (command == ".format") {
      Result<OutputFormat> format = ParseOutputFormat(first);
      if (!format.ok()) {
        err_ << error_prefix << ".format: use text, json or csv\n";
        return Outcome::kFailed;
      }
      format_ = *format;
      return Outcome::kOk;
    }
    if (command == ".export") {
      if (first.empty() || second.empty() || !extra.empty()) {
        err_ << error_prefix << "usage: .export dot|svg|json FILE\n";
        return Outcome::kFailed;
      }
      if (!options_.export_hook) {
        err_ << error_prefix << "export is not available\n";
        return Outcome::kFailed;
      }
      if (!last_) {
        err_ << error_prefix << ".export: no answer yet (run a query first)\n";
        return Outcome::kFailed;
      }
      Status status = options_.export_hook(*last_, first, second);
      if (!status.ok()) {
        err_ << error_prefix << status.ToString() << "\n";
        return Outcome::kFailed;
      }
      out_ << "wrote " << second << "\n";
      return Outcome::kOk;
    }
    err_ << error_prefix << "unknown shell command \"" << command
         << "\" (use .help, .format, .export)\n";
    return Outcome::kFailed;
  }

  const Engine& engine_;
  const ReplOptions& options_;
  std::ostream& out_;
  std::ostream& err_;
  OutputFormat format_;
  int width_;
  std::optional<Answer> last_;
};

Status RunScript(Session& session, std::istream& in) {
  std::string line;
  int line_number = 0;
  int queries = 0;
  int failures = 0;
  while (std::getline(in, line)) {
    ++line_number;
    std::string_view trimmed = TrimWhitespace(line);
    if (trimmed.empty() || trimmed.front() == '#') continue;
    auto outcome = session.Handle(line, "line " + std::to_string(line_number) + ": ");
    if (outcome == Session::Outcome::kQuit) break;
    ++queries;
    if (outcome == Session::Outcome::kFailed) ++failures;
  }
  if (failures > 0) {
    return InvalidArgumentError(std::to_string(failures) + " of " + std::to_string(queries) +
                                (queries == 1 ? " query failed" : " queries failed"));
  }
  return Status::Ok();
}

// libedit glue: the completer and the editor reach each other through EL_CLIENTDATA.
struct EditorContext {
  const Completer* completer = nullptr;
  FILE* out = nullptr;
};

std::string CommonPrefix(const std::vector<std::string>& items) {
  if (items.empty()) return "";
  std::string prefix = items.front();
  for (const std::string& item : items) {
    size_t n = 0;
    while (n < prefix.size() && n < item.size() &&
           std::tolower(static_cast<unsigned char>(prefix[n])) ==
               std::tolower(static_cast<unsigned char>(item[n]))) {
      ++n;
    }
    prefix.resize(n);
  }
  // Never cut a UTF-8 sequence in half.
  while (!prefix.empty() && (static_cast<unsigned char>(prefix.back()) & 0xC0) == 0x80)
    prefix.pop_back();
  if (!prefix.empty() && (static_cast<unsigned char>(prefix.back()) & 0x80)) prefix.pop_back();
  return prefix;
}

extern "C" unsigned char CompleteCallback(EditLine* el, int) {
  void* data = nullptr;
  el_get(el, EL_CLIENTDATA, &data);
  auto* context = static_cast<EditorContext*>(data);
  const LineInfo* info = el_line(el);
  std::string_view before(info->buffer, static_cast<size_t>(info->cursor - info->buffer));
  Completion completion = context->completer->Complete(before);
  if (completion.candidates.empty()) return CC_ERROR;
  std::string typed(before.substr(completion.replace_from));
  std::string insert = completion.candidates.size() == 1 ? completion.candidates.front() + " "
                                                         : CommonPrefix(completion.candidates);
  if (insert.size() > typed.size() || completion.candidates.size() == 1) {
    el_deletestr(el, static_cast<int>(DisplayWidth(typed)));
    if (el_insertstr(el, insert.c_str()) == -1) return CC_ERROR;
    return CC_REDISPLAY;
  }
  std::fputc('\n', context->out);
  size_t shown = 0;
  for (const std::string& candidate : completion.candidates) {
    if (++shown > 40) {
      std::fprintf(context->out, "... (%zu more)\n", completion.candidates.size() - 40);
      break;
    }
    std::fprintf(context->out, "  %s\n", candidate.c_str());
  }
  return CC_REDISPLAY;
}

extern "C" char* Prompt(EditLine*) { return const_cast<char*>("corpgraph> "); }

// The self-pipe behind g_wake_fd, open for one interactive session.
class WakePipe {
 public:
  WakePipe() {
    if (pipe2(fds_, O_NONBLOCK | O_CLOEXEC) != 0) fds_[0] = fds_[1] = -1;
    g_wake_fd.store(fds_[1]);
  }
  ~WakePipe() {
    g_wake_fd.store(-1);
    for (int fd : fds_) {
      if (fd >= 0) close(fd);
    }
  }
  WakePipe(const WakePipe&) = delete;
  WakePipe& operator=(const WakePipe&) = delete;

  int read_fd() const { return fds_[0]; }
  void Drain() const {
    char buffer[64];
    while (fds_[0] >= 0 && read(fds_[0], buffer, sizeof buffer) > 0) {
    }
  }

 private:
  int fds_[2] = {-1, -1};
};

// The pipe ReadKey polls besides stdin; set while RunInteractive runs.
const WakePipe* g_wake_pipe = nullptr;

// libedit's key reader (EL_GETCFN): one character from stdin, or -1 with errno
// EINTR as soon as SIGINT has been seen, whether it arrived during this wait or
// earlier while the editor was busy between reads. Decodes multibyte input with
// mbrtowc like libedit's built-in reader. Returns 1 with *out set, 0 at end of file.
extern "C" int ReadKey(EditLine*, wchar_t* out) {
  std::mbstate_t state = {};
  while (true) {
    if (g_interrupted.load()) {
      errno = EINTR;
      return -1;
    }
    pollfd fds[2] = {{STDIN_FILENO, POLLIN, 0}, {-1, POLLIN, 0}};
    if (g_wake_pipe != nullptr) fds[1].fd = g_wake_pipe->read_fd();
    if (poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    if (fds[1].revents != 0) {
      g_wake_pipe->Drain();  // the flag, checked above, is what counts
      continue;
    }
    if (fds[0].revents == 0) continue;
    char byte = 0;
    const ssize_t n = read(STDIN_FILENO, &byte, 1);
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    if (n < 0) return -1;
    if (n == 0) {
      *out = L'\0';
      return 0;
    }
    wchar_t wide = 0;
    const size_t used = std::mbrtowc(&wide, &byte, 1, &state);
    if (used == static_cast<size_t>(-2)) continue;  // more bytes of this character follow
    if (used == static_cast<size_t>(-1)) {          // not valid here: pass the byte through
      state = {};
      wide = static_cast<unsigned char>(byte);
    }
    *out = wide;
    return 1;
  }
}

Status RunInteractive(Session& session, const Engine& engine, const ReplOptions& options) {
  Completer completer(engine.graph());
  EditorContext context{&completer, stdout};
  EditLine* el = el_init("corpgraph", stdin, stdout, stderr);
  if (el == nullptr) return IOError("repl: cannot initialise the line editor");
  History* hist = history_init();
  HistEvent event;
  history(hist, &event, H_SETSIZE, 1000);
  history(hist, &event, H_SETUNIQUE, 1);
  std::string history_path = HistoryPath(options);
  if (!history_path.empty()) history(hist, &event, H_LOAD, history_path.c_str());
  el_set(el, EL_EDITOR, "emacs");
  el_set(el, EL_PROMPT, Prompt);
  el_set(el, EL_HIST, history, hist);
  el_set(el, EL_CLIENTDATA, &context);
  WakePipe wake_pipe;
  g_wake_pipe = &wake_pipe;
  el_set(el, EL_GETCFN, ReadKey);
  // el_wset, not el_set: libedit 3.1's narrow EL_ADDFN keeps copies of both strings that
  // el_end never frees (LeakSanitizer flags them); the wide call stores ours.
  el_wset(el, EL_ADDFN, L"corpgraph-complete", L"complete a command, name or value",
          CompleteCallback);
  el_set(el, EL_BIND, "^I", "corpgraph-complete", nullptr);
  el_source(el, nullptr);  // the user's ~/.editrc, if any

  std::cout << "corpgraph " << engine.graph().num_vertices() << " entities, "
            << engine.graph().num_relations()
            << " relations. Type help, Tab to complete, Ctrl-D to leave.\n";
  while (true) {
    g_interrupted.store(false);
    wake_pipe.Drain();  // after clearing the flag: a signal from now on leaves both set
    int count = 0;
    const char* line = el_gets(el, &count);
    if (line == nullptr) {
      if (g_interrupted.exchange(false)) {  // Ctrl-C at the prompt drops the line
        std::cout << "\n";
        continue;
      }
      std::cout << "\n";
      break;
    }
    std::string text(TrimWhitespace(line));
    if (text.empty()) continue;
    history(hist, &event, H_ENTER, text.c_str());
    if (!history_path.empty()) history(hist, &event, H_SAVE, history_path.c_str());
    if (session.Handle(text, "error: ") == Session::Outcome::kQuit) break;
  }
  history_end(hist);
  el_end(el);
  g_wake_pipe = nullptr;
  return Status::Ok();
}

}  // namespace

Completer::Completer(const graph::Graph& graph) {
  for (graph::VertexId v = 0; v < graph.num_vertices(); ++v) {
    const graph::EntityRecord& e = graph.entity(v);
    NameList& list = e.type == EntityType::kPlace   ? places_
                     : e.type == EntityType::kTheme ? themes_
                                                    : names_;
    list.emplace_back(AsciiLower(e.name), e.name);
    for (const std::string& alias : e.aliases) list.emplace_back(AsciiLower(alias), alias);
    if (&list != &names_) names_.emplace_back(AsciiLower(e.name), e.name);
  }
  SortUnique(names_);
  SortUnique(places_);
  SortUnique(themes_);
  for (const CommandInfo& info : CommandTable()) words_.emplace_back(info.name);
  for (std::string_view keyword : QueryKeywords()) words_.emplace_back(keyword);
  for (int t = 0; t < kNumRelationTypes; ++t) {
    words_.emplace_back(RelationTypeName(static_cast<RelationType>(t)));
  }
  for (const char* extra : {"neighbours", "quit", "exit", ".export", ".format", ".help",
                            "region:", "country:", "place:", "theme:"}) {
    words_.emplace_back(extra);
  }
  std::sort(words_.begin(), words_.end());
  words_.erase(std::unique(words_.begin(), words_.end()), words_.end());
}

Completion Completer::Complete(std::string_view before_cursor) const {
  Completion completion;
  // Word starts (byte offsets) in the text before the cursor.
  std::vector<size_t> starts;
  for (size_t i = 0; i < before_cursor.size(); ++i) {
    if (before_cursor[i] != ' ' && (i == 0 || before_cursor[i - 1] == ' ')) starts.push_back(i);
  }
  bool ends_in_space = !before_cursor.empty() && before_cursor.back() == ' ';
  size_t current_start = ends_in_space || starts.empty() ? before_cursor.size() : starts.back();
  std::string current = AsciiLower(before_cursor.substr(current_start));
  completion.replace_from = current_start;
  std::vector<std::string>& out = completion.candidates;

  if (starts.empty() || (starts.size() == 1 && !ends_in_space)) {  // the command word
    for (const std::string& w : words_) {
      if (w.compare(0, current.size(), current) == 0 &&
          (FindCommandInfo(w) || w[0] == '.' || w == "quit" || w == "exit")) {
        out.push_back(w);
      }
    }
    return completion;
  }
  size_t colon = current.find(':');
  if (colon != std::string::npos) {
    std::string kind = current.substr(0, colon);
    const NameList* list = kind == "theme"                                              ? &themes_
                           : (kind == "region" || kind == "country" || kind == "place") ? &places_
                                                                                        : nullptr;
    if (list != nullptr) {
      std::string typed_kind(before_cursor.substr(current_start, colon + 1));
      std::vector<std::string> values;
      PrefixMatches(*list, current.substr(colon + 1), kMaxCandidates, values);
      for (const std::string& value : values) {
        out.push_back(typed_kind +
                      (value.find(' ') != std::string::npos ? "\"" + value + "\"" : value));
      }
    }
  } else {
    // Entity names may span words: try the longest trailing run first (after the command).
    for (size_t k = 1; k < starts.size(); ++k) {
      if (starts[k] > current_start) break;
      std::string suffix = AsciiLower(before_cursor.substr(starts[k]));
      if (suffix.empty() || (starts[k] == current_start && current.empty())) continue;
      PrefixMatches(names_, suffix, kMaxCandidates, out);
      if (!out.empty()) {
        completion.replace_from = starts[k];
        break;
      }
    }
    if (completion.replace_from == current_start) {
      for (const std::string& w : words_) {
        if (!current.empty() && w.compare(0, current.size(), current) == 0) out.push_back(w);
      }
      if (current.empty()) {
        for (std::string_view keyword : QueryKeywords()) out.emplace_back(keyword);
      }
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return completion;
}

Status RunRepl(const Engine& engine, const ReplOptions& options) {
  std::ostream& out = options.output ? *options.output : std::cout;
  std::ostream& err = options.errors ? *options.errors : std::cerr;
  bool script = options.input != nullptr || !isatty(STDIN_FILENO);
  int width = options.width > 0 ? options.width : (script ? 100 : TerminalWidth());
  Session session(engine, options, out, err, width);
  SigintGuard guard;
  if (script) return RunScript(session, options.input ? *options.input : std::cin);
  return RunInteractive(session, engine, options);
}

}  // namespace corpgraph::query
