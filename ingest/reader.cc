#include "ingest/reader.h"

#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <system_error>
#include <utility>

#include "common/text.h"
#include "ingest/internal/fast_json.h"
#include "ingest/internal/line_reader.h"

namespace corpgraph::ingest {
namespace {

namespace fs = std::filesystem;
using internal::ByteSource;
using internal::LineReader;

enum class Format { kText, kMarkdown, kHtml, kJsonl };

struct InputFile {
  std::string path;     // as opened ("-" for stdin)
  std::string display;  // as reported in problems ("stdin" for "-")
  std::string file_id;  // document id (whole-file formats) or id prefix (JSONL)
  Format format = Format::kText;
  uint64_t size = 0;
};

constexpr const char* kSupported = ".txt, .md, .html, .htm, .jsonl, .ndjson (optionally .gz)";

// Classifies a file name; returns false for unsupported extensions. *stem is
// the name without the recognised extension(s).
bool Classify(const std::string& name, Format* format, std::string* stem) {
  std::string lower = AsciiLower(name);
  std::string base = name;
  if (lower.size() > 3 && lower.ends_with(".gz")) {
    lower.resize(lower.size() - 3);
    base.resize(base.size() - 3);
  }
  const size_t dot = lower.rfind('.');
  const size_t slash = lower.rfind('/');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return false;
  const std::string ext = lower.substr(dot + 1);
  if (ext == "txt" || ext == "text") {
    *format = Format::kText;
  } else if (ext == "md" || ext == "markdown") {
    *format = Format::kMarkdown;
  } else if (ext == "html" || ext == "htm" || ext == "xhtml") {
    *format = Format::kHtml;
  } else if (ext == "jsonl" || ext == "ndjson") {
    *format = Format::kJsonl;
  } else {
    return false;
  }
  *stem = base.substr(0, dot);
  return true;
}

std::string Quote(std::string_view s) { return "\"" + std::string(s) + "\""; }

// A string field of a JSON object: strings as is, numbers as their text.
std::string StringField(const nlohmann::json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end()) return "";
  if (it->is_string()) return std::string(TrimWhitespace(it->get_ref<const std::string&>()));
  if (it->is_number()) return it->dump();
  return "";
}

std::string CleanParseError(const std::string& what) {
  // "[json.exception.parse_error.101] parse error at line 1, column 7: ..." -> "column 7: ..."
  std::string message = what;
  const size_t bracket = message.find("] ");
  if (message.starts_with("[json.exception.") && bracket != std::string::npos) {
    message = message.substr(bracket + 2);
  }
  const std::string prefix = "parse error at line 1, ";
  if (message.starts_with(prefix)) message = message.substr(prefix.size());
  if (message.size() > 200) {  // "last read: '...'" can quote a whole document
    size_t cut = 200;
    while (cut > 0 && (static_cast<unsigned char>(message[cut]) & 0xC0) == 0x80) --cut;
    message = message.substr(0, cut) + "...";
  }
  return message;
}

}  // namespace

std::string Problem::ToString() const {
  if (line == 0) return path + ": " + message;
  return path + ":" + std::to_string(line) + ": " + message;
}

FrontMatter ParseFrontMatter(std::string_view text) {
  FrontMatter fm;
  size_t pos = 0;
  if (text.starts_with("---\n")) {
    pos = 4;
  } else if (text.starts_with("---\r\n")) {
    pos = 5;
  } else {
    return fm;
  }
  FrontMatter found;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    const size_t next = eol == std::string_view::npos ? text.size() : eol + 1;
    if (eol == std::string_view::npos) eol = text.size();
    const std::string_view line = TrimWhitespace(text.substr(pos, eol - pos));
    if (line == "---" || line == "...") {
      found.present = true;
      found.body_offset = next;
      return found;
    }
    const size_t colon = line.find(':');
    if (colon != std::string_view::npos) {
      const std::string key = AsciiLower(TrimWhitespace(line.substr(0, colon)));
      std::string_view value = TrimWhitespace(line.substr(colon + 1));
      if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
          value.back() == value.front()) {
        value = value.substr(1, value.size() - 2);
      }
      if (key == "title") found.title = value;
      if (key == "date" || key == "published") found.date = value;
      if (key == "source" || key == "url") found.source = value;
      if (key == "id") found.id = value;
    }
    pos = next;
  }
  return fm;  // never closed: not front matter
}

std::string FirstLineTitle(std::string_view text) {
  size_t pos = 0;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view line = TrimWhitespace(text.substr(pos, eol - pos));
    while (!line.empty() && line.front() == '#') line.remove_prefix(1);
    line = TrimWhitespace(line);
    if (!line.empty()) {
      if (line.size() > 300) {
        size_t cut = 300;
        while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
        line = line.substr(0, cut);
      }
      return std::string(line);
    }
    pos = eol + 1;
  }
  return "";
}

struct DocumentReader::Rep {
  ReaderOptions options;
  std::vector<InputFile> files;
  size_t next_file = 0;
  uint64_t total_bytes = 0;
  std::atomic<uint64_t> consumed_before{0};  // bytes of files finished
  std::atomic<uint64_t> consumed_current{0};
  uint64_t skipped_unknown = 0;

  // The JSONL file being read, if any.
  std::unique_ptr<LineReader> lines;
  const InputFile* jsonl = nullptr;

  std::string current_path;
  uint64_t current_line = 0;

  std::vector<Problem> problems;
  uint64_t problem_count = 0;
  uint64_t error_count = 0;

  bool Cancelled() const {
    return options.cancel != nullptr && options.cancel->load(std::memory_order_relaxed);
  }

  void Report(const std::string& path, uint64_t line, std::string message, Severity severity) {
    Problem problem{path, line, std::move(message), severity};
    ++problem_count;
    if (severity == Severity::kError) ++error_count;
    if (options.on_problem) options.on_problem(problem);
    if (problems.size() < options.max_kept_problems) problems.push_back(std::move(problem));
  }

  void FinishFile(const InputFile& file) {
    consumed_before += file.size;
    consumed_current = 0;
  }

  // Validates and finalises `doc` (text already extracted). Returns false if skipped.
  bool Finish(Document* doc, const std::string& path, uint64_t line) {
    if (doc->text.size() > options.max_doc_bytes) {
      Report(path, line,
             "document of " + std::to_string(doc->text.size()) +
                 " bytes skipped (larger than --max-doc-bytes " +
                 std::to_string(options.max_doc_bytes) + ")",
             Severity::kError);
      return false;
    }
    if (TrimWhitespace(doc->text).empty()) {
      Report(path, line, "empty document skipped", Severity::kError);
      return false;
    }
    if (!IsValidUtf8(doc->title)) doc->title = RepairUtf8(doc->title).text;
    if (!IsValidUtf8(doc->date)) doc->date = RepairUtf8(doc->date).text;
    if (!IsValidUtf8(doc->source)) doc->source = RepairUtf8(doc->source).text;
    if (!IsValidUtf8(doc->id)) doc->id = RepairUtf8(doc->id).text;
    if (options.compute_sha256) doc->sha256 = Sha256Hex(doc->text);
    current_path = path;
    current_line = line;
    return true;
  }

  // Repairs invalid UTF-8 in place, reporting a warning.
  void Repair(std::string* text, const std::string& path, uint64_t line) {
    if (internal::IsAscii(*text) || IsValidUtf8(*text)) return;
    Utf8Repair repair = RepairUtf8(*text);
    Report(path, line,
           "invalid UTF-8 at byte " + std::to_string(repair.first_invalid_offset) + " repaired (" +
               std::to_string(repair.invalid_sequences) + " sequences)",
           Severity::kWarning);
    *text = std::move(repair.text);
  }

  // Reads a whole-file document; nullopt if skipped.
  std::optional<Document> ReadWholeFile(const InputFile& file) {
    auto source = internal::OpenByteSource(file.path);
    if (!source.ok()) {
      Report(file.display, 0, source.status().message() + " (skipped)", Severity::kError);
      return std::nullopt;
    }
    // HTML shrinks when stripped, so allow more raw bytes than the text limit.
    const uint64_t raw_limit =
        file.format == Format::kHtml ? options.max_doc_bytes * 4 : options.max_doc_bytes;
    bool too_large = false;
    auto raw = internal::ReadAll(**source, raw_limit, &too_large);
    if (!raw.ok()) {
      if (too_large) {
        Report(file.display, 0,
               "file larger than " + std::to_string(raw_limit) +
                   " bytes skipped (raise --max-doc-bytes)",
               Severity::kError);
      } else {
        Report(file.display, 0, raw.status().message() + " (skipped)", Severity::kError);
      }
      return std::nullopt;
    }
    std::string& data = *raw;
    if (LooksBinary(data)) {
      Report(file.display, 0, "binary file skipped", Severity::kError);
      return std::nullopt;
    }
    if (data.starts_with("\xEF\xBB\xBF")) data.erase(0, 3);
    Repair(&data, file.display, 0);
    Document doc;
    doc.id = file.file_id;
    doc.source = file.display;
    if (file.format == Format::kHtml) {
      HtmlText html = StripHtml(data);
      doc.text = std::move(html.text);
      // Entities may decode to invalid sequences only if the input was; repair anyway.
      if (!IsValidUtf8(doc.text)) doc.text = RepairUtf8(doc.text).text;
      doc.title = html.title.empty() ? FirstLineTitle(doc.text) : std::move(html.title);
      if (!IsValidUtf8(doc.title)) doc.title = RepairUtf8(doc.title).text;
    } else {
      const FrontMatter fm = ParseFrontMatter(data);
      if (fm.present) {
        doc.title = fm.title;
        doc.date = fm.date;
        if (!fm.source.empty()) doc.source = fm.source;
        if (!fm.id.empty()) doc.id = fm.id;
        data.erase(0, fm.body_offset);
      }
      doc.text = std::move(data);
      if (doc.title.empty()) doc.title = FirstLineTitle(doc.text);
    }
    if (!Finish(&doc, file.display, 0)) return std::nullopt;
    return doc;
  }

  std::vector<internal::FlatField> fields;  // scratch for the fast path

  // The last field named `key` (JSON's last-one-wins), or nullptr.
  internal::FlatField* Field(const char* key) {
    for (auto it = fields.rbegin(); it != fields.rend(); ++it) {
      if (it->key == key) return &*it;
    }
    return nullptr;
  }
  std::string FlatString(const char* key) {
    const internal::FlatField* f = Field(key);
    if (f == nullptr || !(f->is_string || f->is_number)) return "";
    return std::string(TrimWhitespace(f->value));
  }

  // The fast path of ParseJsonLine: same rules, over a flat object's fields.
  std::optional<Document> FromFlatFields(uint64_t line_number) {
    const InputFile& file = *jsonl;
    const char* text_key = nullptr;
    internal::FlatField* text = nullptr;
    for (const char* key : {"text", "body", "content"}) {
      if ((text = Field(key)) != nullptr) {
        text_key = key;
        break;
      }
    }
    if (text == nullptr) {
      Report(file.display, line_number, "no \"text\", \"body\" or \"content\" field",
             Severity::kError);
      return std::nullopt;
    }
    if (!text->is_string) {
      Report(file.display, line_number, "field " + Quote(text_key) + " is not a string",
             Severity::kError);
      return std::nullopt;
    }
    Document doc;
    doc.text = std::move(text->value);
    doc.id = FlatString("id");
    if (doc.id.empty()) doc.id = file.file_id + ":" + std::to_string(line_number);
    doc.title = FlatString("title");
    doc.date = FlatString("date");
    if (doc.date.empty()) doc.date = FlatString("published");
    doc.source = FlatString("url");
    if (doc.source.empty()) doc.source = FlatString("source");
    return FinishJsonDocument(std::move(doc), line_number);
  }

  std::optional<Document> FinishJsonDocument(Document doc, uint64_t line_number) {
    const InputFile& file = *jsonl;
    if (doc.source.empty()) doc.source = file.display;
    if (doc.text.find('\0') != std::string::npos) {
      Report(file.display, line_number, "text contains NUL bytes (binary) skipped",
             Severity::kError);
      return std::nullopt;
    }
    if (doc.title.empty()) doc.title = FirstLineTitle(doc.text);
    if (!Finish(&doc, file.display, line_number)) return std::nullopt;
    return doc;
  }

  // Parses one JSONL line; nullopt if skipped.
  std::optional<Document> ParseJsonLine(std::string_view raw_line, uint64_t line_number,
                                        bool unterminated) {
    const InputFile& file = *jsonl;
    if (TrimWhitespace(raw_line).empty()) return std::nullopt;
    std::string repaired;
    if (!internal::IsAscii(raw_line) && !IsValidUtf8(raw_line)) {
      repaired = std::string(raw_line);
      Repair(&repaired, file.display, line_number);
      raw_line = repaired;
    }
    if (internal::ParseFlatObject(raw_line, &fields)) return FromFlatFields(line_number);
    nlohmann::json object;
    try {
      object = nlohmann::json::parse(raw_line);
    } catch (const nlohmann::json::exception& e) {
      std::string message = "not valid JSON (" + CleanParseError(e.what()) + ")";
      if (unterminated) message += "; the last line has no newline, the file may be truncated";
      Report(file.display, line_number, message, Severity::kError);
      return std::nullopt;
    }
    if (!object.is_object()) {
      Report(file.display, line_number, "not a JSON object (expected {\"text\": ...})",
             Severity::kError);
      return std::nullopt;
    }
    const char* text_key = nullptr;
    for (const char* key : {"text", "body", "content"}) {
      if (object.contains(key)) {
        text_key = key;
        break;
      }
    }
    if (text_key == nullptr) {
      Report(file.display, line_number, "no \"text\", \"body\" or \"content\" field",
             Severity::kError);
      return std::nullopt;
    }
    auto& text_value = object[text_key];
    if (!text_value.is_string()) {
      Report(file.display, line_number, "field " + Quote(text_key) + " is not a string",
             Severity::kError);
      return std::nullopt;
    }
    Document doc;
    doc.text = std::move(text_value.get_ref<std::string&>());
    doc.id = StringField(object, "id");
    if (doc.id.empty()) doc.id = file.file_id + ":" + std::to_string(line_number);
    doc.title = StringField(object, "title");
    doc.date = StringField(object, "date");
    if (doc.date.empty()) doc.date = StringField(object, "published");
    doc.source = StringField(object, "url");
    if (doc.source.empty()) doc.source = StringField(object, "source");
    return FinishJsonDocument(std::move(doc), line_number);
  }
};

DocumentReader::DocumentReader(std::unique_ptr<Rep> rep) : rep_(std::move(rep)) {}
DocumentReader::~DocumentReader() = default;

Result<std::unique_ptr<DocumentReader>> DocumentReader::Open(const std::vector<std::string>& inputs,
                                                             const ReaderOptions& options) {
  auto rep = std::make_unique<Rep>();
  rep->options = options;
  for (const std::string& input : inputs) {
    if (input == "-") {
      rep->files.push_back({"-", "stdin", "stdin", Format::kJsonl, 0});
      continue;
    }
    std::error_code ec;
    const fs::file_status status = fs::status(input, ec);
    if (ec || !fs::exists(status)) return NotFoundError(input + ": no such file or folder");
    if (fs::is_directory(status)) {
      std::vector<InputFile> found;
      const fs::path root(input);
      fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
      if (ec) return IOError(input + ": cannot list folder (" + ec.message() + ")");
      for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec) return IOError(input + ": cannot list folder (" + ec.message() + ")");
        const fs::path& path = it->path();
        const std::string file_name = path.filename().string();
        if (file_name.starts_with(".")) {
          if (it->is_directory(ec)) it.disable_recursion_pending();
          continue;
        }
        if (!it->is_regular_file(ec)) continue;
        const std::string relative = path.lexically_relative(root).generic_string();
        InputFile file;
        std::string stem;
        if (!Classify(relative, &file.format, &stem)) {
          ++rep->skipped_unknown;
          continue;
        }
        file.path = path.string();
        file.display = file.path;
        file.file_id = stem;
        file.size = it->file_size(ec);
        found.push_back(std::move(file));
      }
      std::sort(found.begin(), found.end(), [](const InputFile& a, const InputFile& b) {
        return a.file_id < b.file_id || (a.file_id == b.file_id && a.path < b.path);
      });
      for (InputFile& f : found) {
        rep->total_bytes += f.size;
        rep->files.push_back(std::move(f));
      }
      continue;
    }
    InputFile file;
    std::string stem;
    const std::string file_name = fs::path(input).filename().string();
    if (!Classify(file_name, &file.format, &stem)) {
      return InvalidArgumentError(
          input + ": unsupported file type (supported: " + std::string(kSupported) + ")");
    }
    file.path = input;
    file.display = input;
    file.file_id = stem;
    file.size = fs::file_size(input, ec);
    if (ec) file.size = 0;
    rep->total_bytes += file.size;
    rep->files.push_back(std::move(file));
  }
  return std::unique_ptr<DocumentReader>(new DocumentReader(std::move(rep)));
}

Result<std::optional<Document>> DocumentReader::Next() {
  Rep& r = *rep_;
  while (!r.Cancelled()) {
    if (r.lines != nullptr) {
      const InputFile& file = *r.jsonl;
      std::string_view line;
      auto state = r.lines->Next(&line);
      if (state.ok()) r.consumed_current = r.lines->consumed();
      if (!state.ok() || *state == LineReader::kEnd) {
        if (!state.ok() && !r.Cancelled()) {
          r.Report(file.display, r.lines->line_number() + 1,
                   state.status().message() + " (rest of file skipped)", Severity::kError);
        }
        r.lines.reset();
        r.FinishFile(file);
        continue;
      }
      const uint64_t line_number = r.lines->line_number();
      if (*state == LineReader::kTooLong) {
        r.Report(file.display, line_number,
                 "line of " + std::to_string(r.lines->skipped_line_bytes()) +
                     " bytes skipped (larger than --max-doc-bytes allows)",
                 Severity::kError);
        continue;
      }
      if (line_number == 1 && LooksBinary(line.substr(0, 8192))) {
        r.Report(file.display, 0, "binary file skipped", Severity::kError);
        r.lines.reset();
        r.FinishFile(file);
        continue;
      }
      std::optional<Document> doc =
          r.ParseJsonLine(line, line_number, r.lines->last_line_unterminated());
      if (doc) return doc;
      continue;
    }
    if (r.next_file >= r.files.size()) return std::optional<Document>();
    const InputFile& file = r.files[r.next_file++];
    if (file.format == Format::kJsonl) {
      auto source = internal::OpenByteSource(file.path);
      if (!source.ok()) {
        r.Report(file.display, 0, source.status().message() + " (skipped)", Severity::kError);
        r.FinishFile(file);
        continue;
      }
      // JSON escapes can make a line several times longer than its text.
      const size_t max_line = static_cast<size_t>(r.options.max_doc_bytes * 2 + (1 << 20));
      r.lines = std::make_unique<LineReader>(std::move(*source), max_line);
      r.jsonl = &file;
      continue;
    }
    std::optional<Document> doc = r.ReadWholeFile(file);
    r.FinishFile(file);
    if (doc) return doc;
  }
  return std::optional<Document>();
}

const std::string& DocumentReader::current_path() const { return rep_->current_path; }
uint64_t DocumentReader::current_line() const { return rep_->current_line; }
const std::vector<Problem>& DocumentReader::problems() const { return rep_->problems; }
uint64_t DocumentReader::problem_count() const { return rep_->problem_count; }
uint64_t DocumentReader::error_count() const { return rep_->error_count; }
uint64_t DocumentReader::skipped_unknown_files() const { return rep_->skipped_unknown; }
uint64_t DocumentReader::file_count() const { return rep_->files.size(); }
uint64_t DocumentReader::total_bytes() const { return rep_->total_bytes; }
uint64_t DocumentReader::consumed_bytes() const {
  return rep_->consumed_before.load() + rep_->consumed_current.load();
}

}  // namespace corpgraph::ingest
