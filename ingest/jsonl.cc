#include "ingest/jsonl.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <unordered_map>
#include <utility>

#include "common/text.h"
#include "ingest/internal/json_writer.h"
#include "ingest/internal/line_reader.h"

namespace corpgraph::ingest {
namespace {

using Json = nlohmann::json;

// Field accessors that throw InvalidArgument-ish messages as std::runtime_error.
struct FieldError {
  std::string message;
};

const Json& Require(const Json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end()) throw FieldError{std::string("missing \"") + key + "\""};
  return *it;
}

std::string GetString(const Json& object, const char* key, bool required) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) {
    if (required) throw FieldError{std::string("missing \"") + key + "\""};
    return "";
  }
  if (!it->is_string()) throw FieldError{std::string("\"") + key + "\" is not a string"};
  return it->get<std::string>();
}

uint32_t GetOffset(const Json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return 0;
  if (!it->is_number_unsigned() && !(it->is_number_integer() && it->get<int64_t>() >= 0)) {
    throw FieldError{std::string("\"") + key + "\" is not a non-negative integer"};
  }
  const uint64_t value = it->get<uint64_t>();
  if (value > UINT32_MAX) throw FieldError{std::string("\"") + key + "\" is too large"};
  return static_cast<uint32_t>(value);
}

double GetNumber(const Json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return 0.0;
  if (!it->is_number()) throw FieldError{std::string("\"") + key + "\" is not a number"};
  return it->get<double>();
}

std::map<std::string, std::string> GetMap(const Json& object, const char* key) {
  std::map<std::string, std::string> map;
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return map;
  if (!it->is_object()) throw FieldError{std::string("\"") + key + "\" is not an object"};
  for (const auto& [k, v] : it->items()) map[k] = v.is_string() ? v.get<std::string>() : v.dump();
  return map;
}

std::vector<std::string> GetStrings(const Json& object, const char* key) {
  std::vector<std::string> out;
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return out;
  if (!it->is_array()) throw FieldError{std::string("\"") + key + "\" is not an array"};
  for (const Json& v : *it) {
    if (!v.is_string()) throw FieldError{std::string("\"") + key + "\" holds a non-string"};
    out.push_back(v.get<std::string>());
  }
  return out;
}

EntityType GetType(const Json& object, const char* key) {
  const std::string name = GetString(object, key, true);
  const std::optional<EntityType> type = ParseEntityType(name);
  if (!type) throw FieldError{"unknown entity type \"" + name + "\""};
  return *type;
}

EntityRef GetRef(const Json& object, const char* key) {
  const Json& j = Require(object, key);
  if (!j.is_object()) throw FieldError{std::string("\"") + key + "\" is not an object"};
  EntityRef ref;
  ref.id = GetString(j, "id", true);
  ref.name = GetString(j, "name", false);
  ref.type = GetType(j, "type");
  return ref;
}

}  // namespace

void AppendExtractionJsonl(const Document& doc, const Extraction& extraction, std::string* out) {
  using internal::AppendJsonBool;
  using internal::AppendJsonKey;
  using internal::AppendJsonNumber;
  using internal::AppendJsonString;
  // `"key":"value",` and friends; each line's last field drops its comma.
  auto string_field = [&](std::string_view key, std::string_view value) {
    AppendJsonKey(key, out);
    AppendJsonString(value, out);
    out->push_back(',');
  };
  auto strings_field = [&](std::string_view key, const std::vector<std::string>& values) {
    AppendJsonKey(key, out);
    out->push_back('[');
    for (size_t i = 0; i < values.size(); ++i) {
      if (i > 0) out->push_back(',');
      AppendJsonString(values[i], out);
    }
    out->append("],");
  };
  auto map_field = [&](std::string_view key, const std::map<std::string, std::string>& map) {
    AppendJsonKey(key, out);
    out->push_back('{');
    for (const auto& [k, v] : map) {
      AppendJsonString(k, out);
      out->push_back(':');
      AppendJsonString(v, out);
      out->push_back(',');
    }
    if (out->back() == ',') out->pop_back();
    out->append("},");
  };
  auto number_field = [&](std::string_view key, auto value) {
    AppendJsonKey(key, out);
    AppendJsonNumber(value, out);
    out->push_back(',');
  };
  auto end_object = [&] { out->back() = '}'; };  // replaces the last field's comma

  out->push_back('{');
  string_field("kind", "document");
  string_field("doc", doc.id);
  string_field("title", doc.title);
  string_field("date", doc.date);
  string_field("source", doc.source);
  string_field("sha256", doc.sha256);
  end_object();
  out->push_back('\n');
  for (const Entity& e : extraction.entities) {
    out->push_back('{');
    string_field("kind", "entity");
    string_field("doc", doc.id);
    string_field("id", e.id);
    string_field("name", e.name);
    string_field("type", EntityTypeName(e.type));
    if (!e.subtype.empty()) string_field("subtype", e.subtype);
    if (!e.aliases.empty()) strings_field("aliases", e.aliases);
    if (!e.attributes.empty()) map_field("attributes", e.attributes);
    if (!e.parents.empty()) strings_field("parents", e.parents);
    AppendJsonKey("mentions", out);
    out->push_back('[');
    for (const Mention& m : e.mentions) {
      out->push_back('{');
      number_field("start", uint64_t{m.span.start});
      number_field("end", uint64_t{m.span.end});
      string_field("text", m.text);
      end_object();
      out->push_back(',');
    }
    if (out->back() == ',') out->pop_back();
    out->append("]}\n");
  }
  // How this document names each entity, for relation arguments: readers of one
  // line see "Wal-Mart" even where the canonical name is "Walmart".
  std::unordered_map<std::string_view, std::vector<std::string>> surface;
  for (const Entity& e : extraction.entities) surface[e.id] = ArgumentAliases(e);
  auto ref_field = [&](std::string_view key, const EntityRef& ref) {
    AppendJsonKey(key, out);
    out->push_back('{');
    string_field("id", ref.id);
    string_field("name", ref.name);
    string_field("type", EntityTypeName(ref.type));
    if (auto it = surface.find(ref.id); it != surface.end() && !it->second.empty()) {
      strings_field("aliases", it->second);
    }
    end_object();
    out->push_back(',');
  };
  for (const Fact& f : extraction.facts) {
    out->push_back('{');
    // Only asserted facts are "relation" lines; hedged, rumoured, denied and failed
    // ones are kept (merge needs them) as "unconfirmed_relation".
    string_field("kind", f.modality == Modality::kAsserted ? "relation" : "unconfirmed_relation");
    string_field("doc", doc.id);
    ref_field("subject", f.subject);
    string_field("relation", RelationTypeName(f.relation));
    ref_field("object", f.object);
    number_field("confidence", f.confidence);
    string_field("modality", ModalityName(f.modality));
    map_field("attributes", f.attributes);
    const Evidence& ev = f.evidence;
    AppendJsonKey("evidence", out);
    out->push_back('{');
    string_field("sentence", ev.sentence);
    number_field("start", uint64_t{ev.sentence_span.start});
    number_field("end", uint64_t{ev.sentence_span.end});
    string_field("rule", ev.rule);
    AppendJsonKey("inferred", out);
    AppendJsonBool(ev.kind != EvidenceKind::kExplicit, out);
    out->push_back(',');
    string_field("kind", EvidenceKindName(ev.kind));
    number_field("confidence", ev.confidence);
    number_field("subject_start", uint64_t{ev.subject_span.start});
    number_field("subject_end", uint64_t{ev.subject_span.end});
    number_field("object_start", uint64_t{ev.object_span.start});
    number_field("object_end", uint64_t{ev.object_span.end});
    if (!ev.date.empty()) string_field("date", ev.date);
    end_object();
    out->append("}\n");
  }
}

Result<ExtractionLine> ParseExtractionLine(std::string_view line) {
  Json j;
  try {
    j = Json::parse(line);
  } catch (const Json::exception& e) {
    std::string what = e.what();
    const size_t bracket = what.find("] ");
    if (bracket != std::string::npos) what = what.substr(bracket + 2);
    return InvalidArgumentError("not valid JSON (" + what + ")");
  }
  if (!j.is_object()) return InvalidArgumentError("not a JSON object");
  ExtractionLine out;
  try {
    out.kind_name = GetString(j, "kind", true);
    out.doc_id = GetString(j, "doc", true);
    if (out.kind_name == "document") {
      out.kind = ExtractionLine::Kind::kDocument;
      Document& d = out.document;
      d.id = out.doc_id;
      d.title = GetString(j, "title", false);
      d.date = GetString(j, "date", false);
      d.source = GetString(j, "source", false);
      d.sha256 = GetString(j, "sha256", false);
    } else if (out.kind_name == "entity") {
      out.kind = ExtractionLine::Kind::kEntity;
      Entity& e = out.entity;
      e.id = GetString(j, "id", true);
      e.name = GetString(j, "name", false);
      e.type = GetType(j, "type");
      e.subtype = GetString(j, "subtype", false);
      e.aliases = GetStrings(j, "aliases");
      e.attributes = GetMap(j, "attributes");
      e.parents = GetStrings(j, "parents");
      const auto it = j.find("mentions");
      if (it != j.end() && !it->is_null()) {
        if (!it->is_array()) throw FieldError{"\"mentions\" is not an array"};
        for (const Json& mj : *it) {
          if (!mj.is_object()) throw FieldError{"a mention is not an object"};
          Mention m;
          m.span.start = GetOffset(mj, "start");
          m.span.end = GetOffset(mj, "end");
          m.text = GetString(mj, "text", false);
          if (m.span.end < m.span.start) throw FieldError{"a mention ends before it starts"};
          e.mentions.push_back(std::move(m));
        }
      }
    } else if (out.kind_name == "relation" || out.kind_name == "unconfirmed_relation") {
      out.kind = ExtractionLine::Kind::kRelation;
      Fact& f = out.fact;
      f.subject = GetRef(j, "subject");
      f.object = GetRef(j, "object");
      const std::string relation = GetString(j, "relation", true);
      const std::optional<RelationType> type = ParseRelationType(relation);
      if (!type) throw FieldError{"unknown relation \"" + relation + "\""};
      f.relation = *type;
      f.confidence = GetNumber(j, "confidence");
      const std::string modality = GetString(j, "modality", false);
      if (!modality.empty()) {
        const std::optional<Modality> m = ParseModality(modality);
        if (!m) throw FieldError{"unknown modality \"" + modality + "\""};
        f.modality = *m;
      }
      f.attributes = GetMap(j, "attributes");
      const Json& ej = Require(j, "evidence");
      if (!ej.is_object()) throw FieldError{"\"evidence\" is not an object"};
      Evidence& ev = f.evidence;
      ev.doc_id = out.doc_id;
      ev.sentence = GetString(ej, "sentence", false);
      ev.sentence_span = {GetOffset(ej, "start"), GetOffset(ej, "end")};
      ev.subject_span = {GetOffset(ej, "subject_start"), GetOffset(ej, "subject_end")};
      ev.object_span = {GetOffset(ej, "object_start"), GetOffset(ej, "object_end")};
      ev.rule = GetString(ej, "rule", false);
      const std::string kind = GetString(ej, "kind", false);
      if (!kind.empty()) {
        const std::optional<EvidenceKind> k = ParseEvidenceKind(kind);
        if (!k) throw FieldError{"unknown evidence kind \"" + kind + "\""};
        ev.kind = *k;
      } else {
        const auto inferred = ej.find("inferred");
        ev.kind = (inferred != ej.end() && inferred->is_boolean() && inferred->get<bool>())
                      ? EvidenceKind::kInferred
                      : EvidenceKind::kExplicit;
      }
      ev.confidence = ej.contains("confidence") ? GetNumber(ej, "confidence") : f.confidence;
      ev.date = GetString(ej, "date", false);
    }
  } catch (const FieldError& e) {
    return InvalidArgumentError(e.message);
  } catch (const Json::exception& e) {
    return InvalidArgumentError(std::string("unexpected JSON (") + e.what() + ")");
  }
  return out;
}

struct ExtractionReader::Rep {
  std::string path;
  ExtractionReaderOptions options;
  std::unique_ptr<internal::LineReader> lines;
  std::vector<Problem> problems;
  std::optional<ExtractedDocument> pending;  // document whose "document" line was read
  bool done = false;

  void Report(uint64_t line, std::string message) {
    Problem p{path, line, std::move(message), Severity::kError};
    if (options.on_problem) options.on_problem(p);
    if (problems.size() < 10000) problems.push_back(std::move(p));
  }
};

ExtractionReader::ExtractionReader(std::unique_ptr<Rep> rep) : rep_(std::move(rep)) {}
ExtractionReader::~ExtractionReader() = default;

Result<std::unique_ptr<ExtractionReader>> ExtractionReader::Open(
    const std::string& path, const ExtractionReaderOptions& options) {
  ASSIGN_OR_RETURN(std::unique_ptr<internal::ByteSource> source, internal::OpenByteSource(path));
  auto rep = std::make_unique<Rep>();
  rep->path = path == "-" ? "stdin" : path;
  rep->options = options;
  rep->lines = std::make_unique<internal::LineReader>(std::move(source), options.max_line_bytes);
  return std::unique_ptr<ExtractionReader>(new ExtractionReader(std::move(rep)));
}

Result<std::optional<ExtractedDocument>> ExtractionReader::Next() {
  Rep& r = *rep_;
  while (!r.done) {
    std::string_view text;
    ASSIGN_OR_RETURN(internal::LineReader::State state, r.lines->Next(&text));
    const uint64_t line_number = r.lines->line_number();
    if (state == internal::LineReader::kEnd) {
      r.done = true;
      break;
    }
    if (state == internal::LineReader::kTooLong) {
      r.Report(line_number, "line too long, skipped");
      continue;
    }
    if (TrimWhitespace(text).empty()) continue;
    std::string repaired;
    if (!IsValidUtf8(text)) {
      repaired = RepairUtf8(text).text;
      text = repaired;
    }
    Result<ExtractionLine> parsed = ParseExtractionLine(text);
    if (!parsed.ok()) {
      std::string message = parsed.status().message();
      if (r.lines->last_line_unterminated()) message += "; the file may be truncated";
      r.Report(line_number, message);
      continue;
    }
    ExtractionLine& line = *parsed;
    switch (line.kind) {
      case ExtractionLine::Kind::kDocument: {
        std::optional<ExtractedDocument> finished = std::move(r.pending);
        r.pending = ExtractedDocument{std::move(line.document), {}};
        if (finished) return finished;
        break;
      }
      case ExtractionLine::Kind::kEntity:
      case ExtractionLine::Kind::kRelation:
        if (!r.pending || r.pending->document.id != line.doc_id) {
          r.Report(line_number, line.kind_name + " of document \"" + line.doc_id +
                                    "\" does not follow that document's \"document\" line");
          break;
        }
        if (line.kind == ExtractionLine::Kind::kEntity) {
          r.pending->extraction.entities.push_back(std::move(line.entity));
        } else {
          r.pending->extraction.facts.push_back(std::move(line.fact));
        }
        break;
      case ExtractionLine::Kind::kOther:
        r.Report(line_number, "unknown kind \"" + line.kind_name + "\" skipped");
        break;
    }
  }
  std::optional<ExtractedDocument> last = std::move(r.pending);
  r.pending.reset();
  return last;
}

const std::vector<Problem>& ExtractionReader::problems() const { return rep_->problems; }
uint64_t ExtractionReader::consumed_bytes() const { return rep_->lines->consumed(); }

}  // namespace corpgraph::ingest
