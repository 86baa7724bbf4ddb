#include "query/format.h"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace corpgraph::query {
namespace {

using nlohmann::ordered_json;

std::string Fixed(double value, int digits) {
  char buffer[64];
  std::snprintf(buffer, sizeof(buffer), "%.*f", digits, value);
  return buffer;
}

// Cuts `text` to `width` columns, ending with "…" when cut.
std::string Truncate(std::string_view text, size_t width) {
  if (DisplayWidth(text) <= width) return std::string(text);
  if (width == 0) return "";
  std::string out;
  size_t columns = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    bool starts_char = (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
    if (starts_char && ++columns > width - 1) break;
    out += text[i];
  }
  return out + "\u2026";
}

std::string Pad(std::string_view text, size_t width) {
  std::string out(text);
  size_t w = DisplayWidth(text);
  if (w < width) out.append(width - w, ' ');
  return out;
}

// Greedy word wrap; the first line starts with `indent` spaces, the others with `hanging`.
std::string Wrap(std::string_view text, size_t indent, int width, size_t hanging = SIZE_MAX) {
  if (hanging == SIZE_MAX) hanging = indent;
  size_t avail = std::max<int>(20, width - static_cast<int>(std::max(indent, hanging)));
  std::string out;
  std::string line;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    size_t j = text.find(' ', i);
    if (j == std::string_view::npos) j = text.size();
    if (j == i) break;
    std::string_view word = text.substr(i, j - i);
    if (!line.empty() && DisplayWidth(line) + 1 + DisplayWidth(word) > avail) {
      out += std::string(out.empty() ? indent : hanging, ' ') + line + "\n";
      line.clear();
    }
    if (!line.empty()) line += ' ';
    line += word;
    i = j;
  }
  if (!line.empty()) out += std::string(out.empty() ? indent : hanging, ' ') + line + "\n";
  return out;
}

// A simple aligned table: the last column takes what is left of the width.
std::string Table(const std::vector<std::string>& header,
                  const std::vector<std::vector<std::string>>& rows, int width, size_t indent = 0) {
  size_t n = header.size();
  std::vector<size_t> widths(n, 0);
  for (size_t c = 0; c < n; ++c) widths[c] = DisplayWidth(header[c]);
  for (const auto& row : rows) {
    for (size_t c = 0; c < n; ++c) widths[c] = std::max(widths[c], DisplayWidth(row[c]));
  }
  size_t fixed = indent;
  for (size_t c = 0; c + 1 < n; ++c) fixed += std::min<size_t>(widths[c], 40) + 2;
  size_t last = width > static_cast<int>(fixed) + 10 ? width - fixed : 10;
  auto render = [&](const std::vector<std::string>& row) {
    std::string line(indent, ' ');
    for (size_t c = 0; c < n; ++c) {
      if (c + 1 < n) {
        line += Pad(Truncate(row[c], std::min<size_t>(widths[c], 40)),
                    std::min<size_t>(widths[c], 40)) +
                "  ";
      } else {
        line += Truncate(row[c], last);
      }
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    return line + "\n";
  };
  std::string out = render(header);
  for (const auto& row : rows) out += render(row);
  return out;
}

std::string Arrow(const PathHop& hop) {
  std::string name(RelationTypeName(hop.relation));
  return hop.forward ? " \u2014" + name + "\u2192 " : " \u2190" + name + "\u2014 ";
}

std::string EvidenceLine(const EvidenceSummary& e) {
  std::string source = e.doc_title.empty() ? e.doc_id : e.doc_title;
  if (!e.date.empty()) source += ", " + e.date;
  // A lexicon fact is known, not read: the sentence only shows where the entity appears.
  const std::string prefix =
      e.kind == EvidenceKind::kLexicon ? "known from the lexicon; mentioned in " : "";
  return prefix + "\"" + e.sentence + "\" [" + source + "]";
}

std::string ModalityNote(Modality modality) {
  return modality == Modality::kAsserted ? "" : " [" + std::string(ModalityName(modality)) + "]";
}

std::string PathsText(const std::vector<Path>& paths, const FormatOptions& options) {
  std::string out;
  for (size_t i = 0; i < paths.size(); ++i) {
    const Path& path = paths[i];
    std::string head = std::to_string(i + 1) + ". " + PathLine(path);
    out += head + "   score " + Fixed(path.score, 3) + "\n";
    for (const PathHop& hop : path.hops) {
      if (!hop.evidence) continue;
      out += Wrap(EvidenceLine(*hop.evidence) + ModalityNote(hop.modality), 5, options.width);
    }
  }
  return out;
}

std::string Hops(int n) { return std::to_string(n) + (n == 1 ? " hop" : " hops"); }

std::string TargetLabel(const EntitySummary& target) {
  return target.name + " (" + target.id + ")";
}

struct TextVisitor {
  const FormatOptions& options;

  std::string operator()(const ExposureAnswer& a) const {
    if (a.paths.empty()) {
      return "no exposure of " + a.subject.name + " to " + TargetLabel(a.target) + " within " +
             Hops(a.max_hops) + "\n";
    }
    std::string out = "exposure of " + a.subject.name + " to " + TargetLabel(a.target) + ": " +
                      std::to_string(a.paths.size()) + (a.paths.size() == 1 ? " path" : " paths") +
                      " within " + Hops(a.max_hops) + "\n";
    return out + PathsText(a.paths, options);
  }

  std::string operator()(const ExposureRankingAnswer& a) const {
    if (a.ranking.empty()) {
      return "no organization is exposed to " + TargetLabel(a.target) + " within " +
             Hops(a.max_hops) + "\n";
    }
    std::string out =
        "organizations exposed to " + TargetLabel(a.target) + " within " + Hops(a.max_hops) + ":\n";
    std::vector<std::vector<std::string>> rows;
    for (size_t i = 0; i < a.ranking.size(); ++i) {
      const RankingEntry& e = a.ranking[i];
      rows.push_back({std::to_string(i + 1), e.entity.name, Fixed(e.score, 3), PathLine(e.path)});
    }
    return out + Table({"#", "entity", "score", "best path"}, rows, options.width);
  }

  std::string operator()(const PathsAnswer& a) const {
    if (a.paths.empty()) {
      return "no path from " + a.from.name + " to " + a.to.name + " within " + Hops(a.max_hops) +
             "\n";
    }
    std::string out = "paths from " + a.from.name + " to " + a.to.name + ": " +
                      std::to_string(a.paths.size()) + " within " + Hops(a.max_hops) + "\n";
    return out + PathsText(a.paths, options);
  }

  std::string operator()(const NeighborsAnswer& a) const {
    if (a.rows.empty()) return a.center.name + " has no neighbors\n";
    std::string out = "neighbors of " + a.center.name + " (" + a.center.id + ")\n";
    int depth = 0;
    int relation = -1;
    std::vector<std::vector<std::string>> rows;
    auto flush = [&]() {
      if (rows.empty()) return;
      std::vector<std::string> header(rows.front().size(), "");
      std::string t = Table(header, rows, options.width, 2);
      out += t.substr(t.find('\n') + 1);  // rows only
      rows.clear();
    };
    for (const NeighborRow& row : a.rows) {
      if (row.depth != depth || static_cast<int>(row.relation) != relation) {
        flush();
        depth = row.depth;
        relation = static_cast<int>(row.relation);
        out += std::string(RelationTypeName(row.relation)) +
               (depth > 1 ? " (hop " + std::to_string(depth) + ")" : "") + ":\n";
      }
      std::string arrow =
          IsSymmetric(row.relation) ? "\u2014" : (row.outgoing ? "\u2192" : "\u2190");
      std::vector<std::string> cells = {arrow, row.neighbor.name + ModalityNote(row.modality),
                                        Fixed(row.strength, 2)};
      if (row.depth > 1) cells.push_back("via " + row.from.name);
      rows.push_back(std::move(cells));
    }
    flush();
    if (a.omitted > 0) out += "(" + std::to_string(a.omitted) + " more; raise `top`)\n";
    return out;
  }

  std::string operator()(const EntityAnswer& a) const {
    std::string out = a.entity.name + " (" + a.entity.id + ")\n";
    std::vector<std::vector<std::string>> rows;
    std::string type(EntityTypeName(a.entity.type));
    if (!a.subtype.empty()) type += " / " + a.subtype;
    rows.push_back({"type", type});
    auto join = [](const std::vector<std::string>& items) {
      std::string s;
      for (const std::string& item : items) s += (s.empty() ? "" : ", ") + item;
      return s;
    };
    if (!a.aliases.empty()) rows.push_back({"aliases", join(a.aliases)});
    for (const auto& [key, value] : a.attributes) rows.push_back({key, value});
    if (!a.parents.empty()) {
      std::vector<std::string> names;
      for (const EntitySummary& p : a.parents) names.push_back(p.name);
      rows.push_back({"within", join(names)});
    }
    rows.push_back({"mentions", std::to_string(a.mention_count)});
    std::vector<std::string> counts;
    for (const auto& [name, n] : a.relation_counts)
      counts.push_back(name + " " + std::to_string(n));
    rows.push_back({"relations", counts.empty() ? "none" : join(counts)});
    std::string table = Table({"", ""}, rows, options.width, 2);
    out += table.substr(table.find('\n') + 1);  // no header row for a card
    if (!a.strongest.empty()) {
      out += "strongest relations:\n";
      std::vector<std::vector<std::string>> lines;
      for (const RelationLine& line : a.strongest) {
        std::string arrow =
            IsSymmetric(line.relation) ? "\u2014" : (line.outgoing ? "\u2192" : "\u2190");
        lines.push_back({arrow + " " + std::string(RelationTypeName(line.relation)),
                         line.other.name + ModalityNote(line.modality), Fixed(line.strength, 2),
                         std::to_string(line.evidence_count) + " evidence"});
      }
      std::string t = Table({"", "", "", ""}, lines, options.width, 2);
      out += t.substr(t.find('\n') + 1);
    }
    return out;
  }

  std::string operator()(const EvidenceAnswer& a) const {
    std::string out;
    for (const EvidenceGroup& g : a.groups) {
      out += g.subject.name + " " + std::string(RelationTypeName(g.relation)) + " " +
             g.object.name + "  (" + std::string(ModalityName(g.modality)) + ", strength " +
             Fixed(g.strength, 2) + ", " + std::to_string(g.items.size()) +
             (g.items.size() == 1 ? " sentence)\n" : " sentences)\n");
      for (size_t i = 0; i < g.items.size(); ++i) {
        const EvidenceSummary& e = g.items[i];
        out += Wrap(std::to_string(i + 1) + ". " + EvidenceLine(e), 2, options.width, 5);
        out += "     doc " + e.doc_id + " bytes " + std::to_string(e.sentence_span.start) + "-" +
               std::to_string(e.sentence_span.end) + ", rule " + e.rule + ", confidence " +
               Fixed(e.confidence, 2) + ", " + std::string(EvidenceKindName(e.kind)) + "\n";
      }
    }
    return out;
  }

  std::string operator()(const FindAnswer& a) const {
    if (a.matches.empty()) return "nothing like \"" + a.text + "\"\n";
    std::vector<std::vector<std::string>> rows;
    for (size_t i = 0; i < a.matches.size(); ++i) {
      const EntitySummary& m = a.matches[i];
      rows.push_back({std::to_string(i + 1), m.name, std::string(EntityTypeName(m.type)), m.id});
    }
    return Table({"#", "name", "type", "id"}, rows, options.width);
  }

  std::string operator()(const SearchAnswer& a) const {
    if (a.hits.empty()) return "no evidence sentence matches \"" + a.text + "\"\n";
    std::string out;
    for (size_t i = 0; i < a.hits.size(); ++i) {
      const SearchHit& h = a.hits[i];
      out += std::to_string(i + 1) + ". " + h.subject.name + " " +
             std::string(RelationTypeName(h.relation)) + " " + h.object.name + "\n";
      out += Wrap(EvidenceLine(h.evidence), 5, options.width);
    }
    return out;
  }

  std::string operator()(const StatsAnswer& a) const {
    std::vector<std::vector<std::string>> rows;
    const graph::StoreStats& s = a.stats;
    if (a.from_store) rows.push_back({"documents", std::to_string(s.documents)});
    rows.push_back({"entities", std::to_string(s.entities)});
    for (const auto& [type, n] : s.entities_by_type)
      rows.push_back({"  " + type, std::to_string(n)});
    rows.push_back({"taxonomy nodes", std::to_string(s.taxonomy_nodes)});
    rows.push_back({"relations", std::to_string(s.relations)});
    for (const auto& [type, n] : s.relations_by_type)
      rows.push_back({"  " + type, std::to_string(n)});
    rows.push_back({"evidence", std::to_string(s.evidence)});
    if (a.from_store) rows.push_back({"mentions", std::to_string(s.mentions)});
    rows.push_back({"index bytes", std::to_string(a.index_bytes)});
    std::string t = Table({"", ""}, rows, options.width);
    return t.substr(t.find('\n') + 1);
  }

  std::string operator()(const HelpAnswer& a) const { return a.text; }
};

ordered_json EntityJson(const EntitySummary& e, bool with_type = false) {
  ordered_json j = {{"id", e.id}, {"name", e.name}};
  if (with_type) j["type"] = std::string(EntityTypeName(e.type));
  return j;
}

ordered_json EvidenceJson(const EvidenceSummary& e) {
  return {{"sentence", e.sentence},
          {"doc", e.doc_id},
          {"title", e.doc_title},
          {"date", e.date},
          {"rule", e.rule},
          {"confidence", e.confidence},
          {"kind", std::string(EvidenceKindName(e.kind))},
          {"start", e.sentence_span.start},
          {"end", e.sentence_span.end}};
}

ordered_json PathJson(const Path& path) {
  ordered_json hops = ordered_json::array();
  for (const PathHop& hop : path.hops) {
    hops.push_back(
        {{"subject", EntityJson(hop.subject, true)},
         {"relation", std::string(RelationTypeName(hop.relation))},
         {"object", EntityJson(hop.object, true)},
         {"direction", hop.forward ? "forward" : "backward"},
         {"strength", hop.strength},
         {"modality", std::string(ModalityName(hop.modality))},
         {"evidence", hop.evidence ? EvidenceJson(*hop.evidence) : ordered_json(nullptr)}});
  }
  return {{"score", path.score}, {"hops", hops}};
}

struct JsonVisitor {
  ordered_json& j;

  void Paths(const std::vector<Path>& paths) const {
    j["paths"] = ordered_json::array();
    for (const Path& p : paths) j["paths"].push_back(PathJson(p));
  }
  void operator()(const ExposureAnswer& a) const {
    j["kind"] = "exposure";
    j["subject"] = EntityJson(a.subject);
    j["target"] = EntityJson(a.target);
    j["hops"] = a.max_hops;
    Paths(a.paths);
  }
  void operator()(const ExposureRankingAnswer& a) const {
    j["kind"] = "exposure_ranking";
    j["target"] = EntityJson(a.target);
    j["hops"] = a.max_hops;
    j["ranking"] = ordered_json::array();
    for (const RankingEntry& e : a.ranking) {
      j["ranking"].push_back(
          {{"entity", EntityJson(e.entity)}, {"score", e.score}, {"path", PathJson(e.path)}});
    }
  }
  void operator()(const PathsAnswer& a) const {
    j["kind"] = "paths";
    j["from"] = EntityJson(a.from);
    j["to"] = EntityJson(a.to);
    j["hops"] = a.max_hops;
    Paths(a.paths);
  }
  void operator()(const NeighborsAnswer& a) const {
    j["kind"] = "neighbors";
    j["entity"] = EntityJson(a.center, true);
    j["neighbors"] = ordered_json::array();
    for (const NeighborRow& r : a.rows) {
      j["neighbors"].push_back({{"depth", r.depth},
                                {"from", EntityJson(r.from)},
                                {"relation", std::string(RelationTypeName(r.relation))},
                                {"direction", r.outgoing ? "out" : "in"},
                                {"entity", EntityJson(r.neighbor, true)},
                                {"strength", r.strength},
                                {"modality", std::string(ModalityName(r.modality))}});
    }
    j["omitted"] = a.omitted;
  }
  void operator()(const EntityAnswer& a) const {
    j["kind"] = "entity";
    j["entity"] = EntityJson(a.entity, true);
    j["subtype"] = a.subtype;
    j["aliases"] = a.aliases;
    j["attributes"] = a.attributes;
    j["parents"] = ordered_json::array();
    for (const EntitySummary& p : a.parents) j["parents"].push_back(EntityJson(p));
    j["mentions"] = a.mention_count;
    j["relation_counts"] = a.relation_counts;
    j["strongest"] = ordered_json::array();
    for (const RelationLine& l : a.strongest) {
      j["strongest"].push_back({{"relation", std::string(RelationTypeName(l.relation))},
                                {"direction", l.outgoing ? "out" : "in"},
                                {"entity", EntityJson(l.other, true)},
                                {"strength", l.strength},
                                {"modality", std::string(ModalityName(l.modality))},
                                {"evidence_count", l.evidence_count}});
    }
  }
  void operator()(const EvidenceAnswer& a) const {
    j["kind"] = "evidence";
    j["relations"] = ordered_json::array();
    for (const EvidenceGroup& g : a.groups) {
      ordered_json items = ordered_json::array();
      for (const EvidenceSummary& e : g.items) items.push_back(EvidenceJson(e));
      j["relations"].push_back({{"subject", EntityJson(g.subject, true)},
                                {"relation", std::string(RelationTypeName(g.relation))},
                                {"object", EntityJson(g.object, true)},
                                {"modality", std::string(ModalityName(g.modality))},
                                {"strength", g.strength},
                                {"evidence", items}});
    }
  }
  void operator()(const FindAnswer& a) const {
    j["kind"] = "find";
    j["text"] = a.text;
    j["matches"] = ordered_json::array();
    for (const EntitySummary& m : a.matches) j["matches"].push_back(EntityJson(m, true));
  }
  void operator()(const SearchAnswer& a) const {
    j["kind"] = "search";
    j["text"] = a.text;
    j["hits"] = ordered_json::array();
    for (const SearchHit& h : a.hits) {
      j["hits"].push_back({{"subject", EntityJson(h.subject, true)},
                           {"relation", std::string(RelationTypeName(h.relation))},
                           {"object", EntityJson(h.object, true)},
                           {"evidence", EvidenceJson(h.evidence)}});
    }
  }
  void operator()(const StatsAnswer& a) const {
    j["kind"] = "stats";
    const graph::StoreStats& s = a.stats;
    j["documents"] = s.documents;
    j["entities"] = s.entities;
    j["taxonomy_nodes"] = s.taxonomy_nodes;
    j["relations"] = s.relations;
    j["evidence"] = s.evidence;
    j["mentions"] = s.mentions;
    j["entities_by_type"] = s.entities_by_type;
    j["relations_by_type"] = s.relations_by_type;
    j["index_bytes"] = a.index_bytes;
  }
  void operator()(const HelpAnswer& a) const {
    j["kind"] = "help";
    j["topic"] = a.topic;
    j["text"] = a.text;
  }
};

std::string CsvCell(std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(value);
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string CsvRow(const std::vector<std::string>& cells) {
  std::string out;
  for (size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + CsvCell(cells[i]);
  return out + "\r\n";
}

void CsvPaths(const std::vector<Path>& paths, std::string& out) {
  out += CsvRow({"path", "score", "hop", "subject_id", "subject", "relation", "object_id", "object",
                 "direction", "strength", "modality", "sentence", "doc", "date"});
  for (size_t i = 0; i < paths.size(); ++i) {
    for (size_t k = 0; k < paths[i].hops.size(); ++k) {
      const PathHop& h = paths[i].hops[k];
      out += CsvRow({std::to_string(i + 1), Fixed(paths[i].score, 6), std::to_string(k + 1),
                     h.subject.id, h.subject.name, std::string(RelationTypeName(h.relation)),
                     h.object.id, h.object.name, h.forward ? "forward" : "backward",
                     Fixed(h.strength, 6), std::string(ModalityName(h.modality)),
                     h.evidence ? h.evidence->sentence : "", h.evidence ? h.evidence->doc_id : "",
                     h.evidence ? h.evidence->date : ""});
    }
  }
}

struct CsvVisitor {
  std::string& out;
  void operator()(const ExposureAnswer& a) const { CsvPaths(a.paths, out); }
  void operator()(const PathsAnswer& a) const { CsvPaths(a.paths, out); }
  void operator()(const ExposureRankingAnswer& a) const {
    out += CsvRow({"rank", "entity_id", "entity", "score", "hops", "path"});
    for (size_t i = 0; i < a.ranking.size(); ++i) {
      const RankingEntry& e = a.ranking[i];
      out += CsvRow({std::to_string(i + 1), e.entity.id, e.entity.name, Fixed(e.score, 6),
                     std::to_string(e.path.hops.size()), PathLine(e.path)});
    }
  }
  void operator()(const NeighborsAnswer& a) const {
    out += CsvRow({"depth", "from_id", "from", "relation", "direction", "entity_id", "entity",
                   "type", "strength", "modality"});
    for (const NeighborRow& r : a.rows) {
      out += CsvRow({std::to_string(r.depth), r.from.id, r.from.name,
                     std::string(RelationTypeName(r.relation)), r.outgoing ? "out" : "in",
                     r.neighbor.id, r.neighbor.name, std::string(EntityTypeName(r.neighbor.type)),
                     Fixed(r.strength, 6), std::string(ModalityName(r.modality))});
    }
  }
  void operator()(const EntityAnswer& a) const {
    out += CsvRow({"field", "value"});
    out += CsvRow({"id", a.entity.id});
    out += CsvRow({"name", a.entity.name});
    out += CsvRow({"type", std::string(EntityTypeName(a.entity.type))});
    out += CsvRow({"subtype", a.subtype});
    for (const std::string& alias : a.aliases) out += CsvRow({"alias", alias});
    for (const auto& [key, value] : a.attributes) out += CsvRow({key, value});
    for (const EntitySummary& p : a.parents) out += CsvRow({"within", p.id});
    out += CsvRow({"mentions", std::to_string(a.mention_count)});
    for (const auto& [name, n] : a.relation_counts)
      out += CsvRow({"relations." + name, std::to_string(n)});
  }
  void operator()(const EvidenceAnswer& a) const {
    out += CsvRow({"subject_id", "relation", "object_id", "modality", "sentence", "doc", "title",
                   "date", "start", "end", "rule", "confidence", "kind"});
    for (const EvidenceGroup& g : a.groups) {
      for (const EvidenceSummary& e : g.items) {
        out += CsvRow({g.subject.id, std::string(RelationTypeName(g.relation)), g.object.id,
                       std::string(ModalityName(g.modality)), e.sentence, e.doc_id, e.doc_title,
                       e.date, std::to_string(e.sentence_span.start),
                       std::to_string(e.sentence_span.end), e.rule, Fixed(e.confidence, 6),
                       std::string(EvidenceKindName(e.kind))});
      }
    }
  }
  void operator()(const FindAnswer& a) const {
    out += CsvRow({"rank", "id", "name", "type"});
    for (size_t i = 0; i < a.matches.size(); ++i) {
      const EntitySummary& m = a.matches[i];
      out += CsvRow({std::to_string(i + 1), m.id, m.name, std::string(EntityTypeName(m.type))});
    }
  }
  void operator()(const SearchAnswer& a) const {
    out +=
        CsvRow({"rank", "subject_id", "relation", "object_id", "sentence", "doc", "title", "date"});
    for (size_t i = 0; i < a.hits.size(); ++i) {
      const SearchHit& h = a.hits[i];
      out += CsvRow({std::to_string(i + 1), h.subject.id, std::string(RelationTypeName(h.relation)),
                     h.object.id, h.evidence.sentence, h.evidence.doc_id, h.evidence.doc_title,
                     h.evidence.date});
    }
  }
  void operator()(const StatsAnswer& a) const {
    const graph::StoreStats& s = a.stats;
    out += CsvRow({"key", "value"});
    out += CsvRow({"documents", std::to_string(s.documents)});
    out += CsvRow({"entities", std::to_string(s.entities)});
    out += CsvRow({"taxonomy_nodes", std::to_string(s.taxonomy_nodes)});
    out += CsvRow({"relations", std::to_string(s.relations)});
    out += CsvRow({"evidence", std::to_string(s.evidence)});
    out += CsvRow({"mentions", std::to_string(s.mentions)});
    for (const auto& [k, n] : s.entities_by_type)
      out += CsvRow({"entities." + k, std::to_string(n)});
    for (const auto& [k, n] : s.relations_by_type)
      out += CsvRow({"relations." + k, std::to_string(n)});
  }
  void operator()(const HelpAnswer&) const {
    out += CsvRow({"command", "usage", "help", "example"});
    for (const CommandInfo& info : CommandTable()) {
      out += CsvRow({std::string(info.name), std::string(info.usage), std::string(info.help),
                     std::string(info.example)});
    }
  }
};

}  // namespace

Result<OutputFormat> ParseOutputFormat(std::string_view name) {
  if (name == "text") return OutputFormat::kText;
  if (name == "json") return OutputFormat::kJson;
  if (name == "csv") return OutputFormat::kCsv;
  return InvalidArgumentError("--format: unknown format \"" + std::string(name) +
                              "\" (use text, json or csv)");
}

size_t DisplayWidth(std::string_view text) {
  size_t n = 0;
  for (char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

std::string PathLine(const Path& path) {
  if (path.hops.empty()) return "";
  const PathHop& first = path.hops.front();
  std::string out = first.forward ? first.subject.name : first.object.name;
  for (const PathHop& hop : path.hops) {
    out += Arrow(hop) + (hop.forward ? hop.object.name : hop.subject.name);
  }
  return out;
}

std::string FormatText(const Answer& answer, const FormatOptions& options) {
  return std::visit(TextVisitor{options}, answer.body);
}

std::string FormatJson(const Answer& answer, int indent) {
  ordered_json j;
  j["query"] = answer.query;
  std::visit(JsonVisitor{j}, answer.body);
  // Sentences are stored as valid UTF-8; `replace` keeps a bad byte from throwing.
  return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string FormatCsv(const Answer& answer) {
  std::string out;
  std::visit(CsvVisitor{out}, answer.body);
  return out;
}

std::string FormatAnswer(const Answer& answer, OutputFormat format, const FormatOptions& options) {
  switch (format) {
    case OutputFormat::kText:
      return FormatText(answer, options);
    case OutputFormat::kJson:
      return FormatJson(answer) + "\n";
    case OutputFormat::kCsv:
      return FormatCsv(answer);
  }
  return "";
}

}  // namespace corpgraph::query
