// The HTML report of formats.h: kept apart from the data formats because it
// is presentation (CSS, layout) rather than a schema.
#include <string>
#include <utility>
#include <vector>

#include "export/escape.h"
#include "export/formats.h"
#include "export/internal/order.h"

namespace corpgraph::exporter {
namespace {

constexpr const char* kStyle = R"css(
body { font-family: Helvetica, Arial, sans-serif; margin: 2em auto; max-width: 72em;
       color: #222; line-height: 1.45; padding: 0 1em; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; }
.subtitle { color: #555; margin-top: 0; font-family: monospace; }
.diagram { border: 1px solid #ddd; border-radius: 6px; padding: 0.5em; overflow: auto;
           background: #fafafa; }
.diagram svg { max-width: 100%; height: auto; }
.path { border-left: 4px solid #6fa8dc; padding: 0.3em 1em; margin: 1.2em 0; }
.path h3 { margin: 0.2em 0; font-size: 1.05em; }
.score { color: #777; font-weight: normal; font-size: 0.9em; }
.hop { margin: 0.6em 0 0.6em 1em; }
.rel { font-family: monospace; background: #eef3f8; padding: 0 0.3em; border-radius: 3px; }
.unconfirmed { color: #a61c00; font-size: 0.85em; }
blockquote { margin: 0.3em 0 0.3em 1em; padding-left: 0.8em; border-left: 2px solid #ccc;
             color: #333; }
.source { color: #666; font-size: 0.85em; display: block; }
table { border-collapse: collapse; width: 100%; margin-top: 1em; }
th, td { border-bottom: 1px solid #e3e3e3; padding: 0.4em; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
footer { margin-top: 2em; color: #888; font-size: 0.8em; }
)css";

// Graphviz's SVG starts with an XML declaration, a DOCTYPE and comments;
// inline SVG in HTML wants only the <svg> element.
std::string InlineSvg(const std::string& svg) {
  const size_t start = svg.find("<svg");
  if (start == std::string::npos) return "";
  return svg.substr(start);
}

std::string EntityName(const graph::Graph& graph, graph::VertexId v) {
  const graph::EntityRecord& e = graph.entity(v);
  return e.name.empty() ? e.id : e.name;
}

std::string EntityHtml(const graph::Graph& graph, graph::VertexId v) {
  return "<strong title=\"" + XmlEscape(graph.entity(v).id) + "\">" +
         HtmlEscape(EntityName(graph, v)) + "</strong>";
}

// A link only for http(s) sources: anything else (file paths, javascript:) is text.
std::string SourceHtml(const graph::EvidenceRecord& ev) {
  std::string text = ev.doc_title.empty() ? ev.evidence.doc_id : ev.doc_title;
  std::string html = HtmlEscape(text);
  const std::string& source = ev.doc_source;
  if (source.rfind("http://", 0) == 0 || source.rfind("https://", 0) == 0) {
    html = "<a href=\"" + XmlEscape(source) + "\">" + html + "</a>";
  } else if (!source.empty() && source != text) {
    html += " (" + HtmlEscape(source) + ")";
  }
  if (!ev.evidence.date.empty()) html += ", " + HtmlEscape(ev.evidence.date);
  html += " &middot; rule <code>" + HtmlEscape(ev.evidence.rule) + "</code>, " +
          HtmlEscape(std::string(EvidenceKindName(ev.evidence.kind))) + ", confidence " +
          FormatNumber(ev.evidence.confidence, 2);
  return html;
}

Status WriteEvidence(graph::Store* store, const graph::RelationRecord& rec, int limit,
                     std::ostream& out) {
  if (store == nullptr || limit <= 0) return Status::Ok();
  auto evidence = store->EvidenceFor(rec.key, limit);
  if (!evidence.ok()) {
    return evidence.status().WithContext("evidence of " + rec.subject_id + " " +
                                         std::string(RelationTypeName(rec.type)) + " " +
                                         rec.object_id);
  }
  for (const graph::EvidenceRecord& ev : *evidence) {
    // A lexicon fact is known, not read: say so before the sentence that mentions the entity.
    const char* note = ev.evidence.kind == EvidenceKind::kLexicon
                           ? "<em>Known from the lexicon; the article mentions it here:</em> "
                           : "";
    out << "<blockquote>" << note << HtmlEscape(ev.evidence.sentence) << "<span class=\"source\">"
        << SourceHtml(ev) << "</span></blockquote>\n";
  }
  return Status::Ok();
}

std::string RelationSummary(const graph::RelationRecord& rec) {
  std::string html = "<span class=\"rel\">" + HtmlEscape(RelationTypeName(rec.type)) + "</span>";
  if (rec.modality != Modality::kAsserted) {
    html += " <span class=\"unconfirmed\">" + HtmlEscape(ModalityName(rec.modality)) + "</span>";
  }
  return html;
}

std::string Stats(const graph::RelationRecord& rec) {
  std::string text = "strength " + FormatNumber(rec.strength, 2) + ", " +
                     std::to_string(rec.evidence_count) + " evidence";
  if (!rec.first_seen.empty()) {
    text += ", " + rec.first_seen;
    if (!rec.last_seen.empty() && rec.last_seen != rec.first_seen) text += " to " + rec.last_seen;
  }
  return HtmlEscape(text);
}

graph::VertexId DeriveStart(const graph::Graph& graph, const ScoredPath& path) {
  if (path.start.has_value()) return *path.start;
  const graph::RelationIndex first = path.relations[0];
  if (path.relations.size() == 1) return graph.subject(first);
  const graph::RelationIndex second = path.relations[1];
  const graph::VertexId s = graph.subject(first);
  const bool s_in_second = s == graph.subject(second) || s == graph.object(second);
  return s_in_second ? graph.object(first) : s;
}

Status WritePaths(const graph::Graph& graph, graph::Store* store, const HtmlOptions& options,
                  std::ostream& out) {
  out << "<h2>Paths</h2>\n";
  int rank = 0;
  for (const ScoredPath& path : options.paths) {
    ++rank;
    if (path.relations.empty()) continue;
    for (graph::RelationIndex r : path.relations) {
      if (r >= graph.num_relations()) {
        return InvalidArgumentError("path " + std::to_string(rank) + ": relation index " +
                                    std::to_string(r) + " is not in the graph");
      }
    }
    // Walk once to build the heading ("A —partner_of→ B —operates_in→ C").
    graph::VertexId current = DeriveStart(graph, path);
    std::vector<graph::VertexId> walk = {current};
    std::string heading = EntityHtml(graph, current);
    for (graph::RelationIndex r : path.relations) {
      const graph::RelationRecord& rec = graph.relation(r);
      const bool forward = graph.subject(r) == current;
      if (!forward && graph.object(r) != current) {
        return InvalidArgumentError("path " + std::to_string(rank) + ": relation " +
                                    rec.subject_id + " " + std::string(RelationTypeName(rec.type)) +
                                    " " + rec.object_id + " does not continue from " +
                                    graph.entity(current).id);
      }
      current = forward ? graph.object(r) : graph.subject(r);
      walk.push_back(current);
      const std::string name = HtmlEscape(RelationTypeName(rec.type));
      if (IsSymmetric(rec.type)) {
        heading += " &mdash;" + name + "&mdash; ";
      } else if (forward) {
        heading += " &mdash;" + name + "&rarr; ";
      } else {
        heading += " &larr;" + name + "&mdash; ";
      }
      heading += EntityHtml(graph, current);
    }
    out << "<div class=\"path\">\n<h3>" << rank << ". " << heading
        << " <span class=\"score\">score " << FormatNumber(path.score, 3) << "</span></h3>\n";
    for (size_t i = 0; i < path.relations.size(); ++i) {
      const graph::RelationIndex r = path.relations[i];
      const graph::RelationRecord& rec = graph.relation(r);
      // Directed relations read as stored; symmetric ones in walking order.
      graph::VertexId left = graph.subject(r);
      graph::VertexId right = graph.object(r);
      if (IsSymmetric(rec.type) && left != walk[i]) std::swap(left, right);
      out << "<div class=\"hop\">" << EntityHtml(graph, left) << " " << RelationSummary(rec) << " "
          << EntityHtml(graph, right) << " <span class=\"score\">" << Stats(rec) << "</span>\n";
      RETURN_IF_ERROR(WriteEvidence(store, rec, options.evidence_per_relation, out));
      out << "</div>\n";
    }
    out << "</div>\n";
  }
  return Status::Ok();
}

Status WriteRelationTable(const graph::Graph& graph, const graph::Subgraph& subgraph,
                          graph::Store* store, const HtmlOptions& options, std::ostream& out) {
  out << "<h2>Relations</h2>\n<table>\n<tr><th>Subject</th><th>Relation</th><th>Object</th>"
         "<th>Evidence</th></tr>\n";
  for (graph::RelationIndex r : internal::RelationsById(graph, subgraph)) {
    const graph::RelationRecord& rec = graph.relation(r);
    out << "<tr><td>" << EntityHtml(graph, graph.subject(r)) << "</td><td>" << RelationSummary(rec)
        << "<br><span class=\"score\">" << Stats(rec) << "</span></td><td>"
        << EntityHtml(graph, graph.object(r)) << "</td><td>\n";
    RETURN_IF_ERROR(WriteEvidence(store, rec, options.evidence_per_relation, out));
    out << "</td></tr>\n";
  }
  out << "</table>\n";
  return Status::Ok();
}

}  // namespace

Status WriteHtml(const graph::Graph& graph, const graph::Subgraph& subgraph, graph::Store* store,
                 const HtmlOptions& options, std::ostream& out) {
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      << "<title>" << HtmlEscape(options.title) << "</title>\n<style>" << kStyle
      << "</style>\n</head>\n<body>\n<h1>" << HtmlEscape(options.title) << "</h1>\n";
  if (!options.subtitle.empty()) {
    out << "<p class=\"subtitle\">" << HtmlEscape(options.subtitle) << "</p>\n";
  }
  out << "<p>" << subgraph.vertices.size() << " entities, " << subgraph.relations.size()
      << " relations.</p>\n";
  if (!options.svg.empty()) {
    out << "<div class=\"diagram\">\n" << InlineSvg(options.svg) << "\n</div>\n";
  }
  if (!options.paths.empty()) {
    RETURN_IF_ERROR(WritePaths(graph, store, options, out));
  } else {
    RETURN_IF_ERROR(WriteRelationTable(graph, subgraph, store, options, out));
  }
  out << "<footer>Generated by corpgraph. Hover over diagram nodes and edges for "
         "details.</footer>\n"
      << "</body>\n</html>\n";
  if (!out) return IOError("writing HTML: the output stream failed");
  return Status::Ok();
}

}  // namespace corpgraph::exporter
