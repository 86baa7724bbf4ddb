#include "export/dot.h"

#include <map>
#include <set>
#include <string>
#include <vector>

#include "export/escape.h"
#include "export/internal/order.h"

namespace corpgraph::exporter {
namespace {

struct NodeStyle {
  const char* shape;
  const char* fill;
};

// Indexed by EntityType; light fills keep black text readable.
constexpr NodeStyle kNodeStyles[kNumEntityTypes] = {
    {"box", "#cfe2f3"},        // organization: light blue
    {"ellipse", "#fff2b3"},    // person: light yellow
    {"component", "#d9ead3"},  // product: light green
    {"hexagon", "#fce5cd"},    // place: light orange
    {"octagon", "#e4dcf5"},    // theme: lavender
};

const NodeStyle& StyleOf(EntityType type) { return kNodeStyles[static_cast<int>(type)]; }

std::string Quoted(std::string_view id) { return "\"" + DotIdEscape(id) + "\""; }
std::string Label(std::string_view text) { return "\"" + DotEscape(text) + "\""; }

// The country an entity is headquartered in, as a place id: `hq` itself when it
// names a country, else the `country` attribute of the hq place (a city).
std::string CountryIdOf(const graph::Graph& graph, const graph::EntityRecord& entity) {
  // Places sit in their own country's cluster: the country itself, or a city's country.
  if (entity.type == EntityType::kPlace) {
    if (entity.subtype == "country") return entity.id;
    auto country = entity.attributes.find("country");
    return country == entity.attributes.end() ? "" : country->second;
  }
  auto it = entity.attributes.find("hq");
  if (it == entity.attributes.end() || it->second.empty()) return "";
  const std::optional<graph::VertexId> hq = graph.FindById(it->second);
  if (!hq.has_value()) return it->second;
  const graph::EntityRecord& place = graph.entity(*hq);
  if (place.subtype != "country") {
    if (auto country = place.attributes.find("country"); country != place.attributes.end()) {
      return country->second;
    }
  }
  return place.id;
}

// "CN" for place:CN (or its iso2 attribute); id characters outside [A-Za-z0-9_] become '_'.
std::string ClusterName(const graph::Graph& graph, const std::string& country_id) {
  std::string code = country_id.substr(country_id.find(':') + 1);
  if (std::optional<graph::VertexId> v = graph.FindById(country_id)) {
    auto iso = graph.entity(*v).attributes.find("iso2");
    if (iso != graph.entity(*v).attributes.end() && !iso->second.empty()) code = iso->second;
  }
  std::string name = "cluster_";
  for (char c : code) {
    const bool word = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    name += word ? c : '_';
  }
  return name;
}

std::string CountryLabel(const graph::Graph& graph, const std::string& country_id) {
  if (std::optional<graph::VertexId> v = graph.FindById(country_id)) {
    return graph.entity(*v).name;
  }
  return country_id.substr(country_id.find(':') + 1);
}

void WriteNode(const graph::EntityRecord& e, std::string_view indent, std::ostream& out) {
  const NodeStyle& style = StyleOf(e.type);
  std::string label = e.name.empty() ? e.id : e.name;
  if (const std::string ticker = internal::TickerOf(e); !ticker.empty()) label += "\n" + ticker;
  std::string tooltip = e.id + "\n" + std::string(EntityTypeName(e.type));
  if (!e.subtype.empty() && e.subtype != EntityTypeName(e.type)) tooltip += " / " + e.subtype;
  if (e.mention_count > 0) {
    tooltip +=
        "\n" + std::to_string(e.mention_count) + (e.mention_count == 1 ? " mention" : " mentions");
  }
  out << indent << Quoted(e.id) << " [label=" << Label(label) << ", shape=" << style.shape
      << ", fillcolor=\"" << style.fill << "\", tooltip=" << Label(tooltip) << "];\n";
}

Result<std::string> EdgeTooltip(const graph::RelationRecord& r, graph::Store* store,
                                const DotOptions& options) {
  std::string tooltip = std::string(RelationTypeName(r.type));
  if (r.modality != Modality::kAsserted)
    tooltip += " (" + std::string(ModalityName(r.modality)) + ")";
  tooltip += ", strength " + FormatNumber(r.strength, 2) + ", " + std::to_string(r.evidence_count) +
             (r.evidence_count == 1 ? " piece of evidence" : " pieces of evidence");
  if (!r.first_seen.empty()) {
    tooltip += ", " + r.first_seen;
    if (r.last_seen != r.first_seen && !r.last_seen.empty()) tooltip += " to " + r.last_seen;
  }
  if (store == nullptr) return tooltip;
  auto evidence = store->EvidenceFor(r.key, 1);
  if (!evidence.ok()) {
    return evidence.status().WithContext("evidence of " + r.subject_id + " " +
                                         std::string(RelationTypeName(r.type)) + " " + r.object_id);
  }
  if (evidence->empty()) return tooltip;
  const graph::EvidenceRecord& best = evidence->front();
  tooltip += "\n\u201C" + TruncateUtf8(best.evidence.sentence, options.tooltip_bytes) + "\u201D";
  std::string source = best.doc_title.empty() ? best.evidence.doc_id : best.doc_title;
  if (!best.evidence.date.empty()) source += ", " + best.evidence.date;
  tooltip += "\n\u2014 " + source;
  return tooltip;
}

Status WriteEdge(const graph::RelationRecord& r, graph::Store* store, const DotOptions& options,
                 std::ostream& out) {
  std::string label = std::string(RelationTypeName(r.type));
  if (auto role = r.attributes.find("role"); role != r.attributes.end() && !role->second.empty()) {
    label += ": " + role->second;
  }
  if (r.modality != Modality::kAsserted)
    label += " [" + std::string(ModalityName(r.modality)) + "]";
  label += " (" + std::to_string(r.evidence_count) + ")";
  ASSIGN_OR_RETURN(std::string tooltip, EdgeTooltip(r, store, options));
  out << "  " << Quoted(r.subject_id) << " -> " << Quoted(r.object_id) << " [label=" << Label(label)
      << ", penwidth=" << FormatNumber(1.0 + 3.0 * r.strength, 2);
  if (r.modality != Modality::kAsserted) out << ", style=dashed, color=\"#888888\"";
  if (IsSymmetric(r.type)) out << ", dir=none";
  const std::string escaped_tooltip = Label(tooltip);
  out << ", tooltip=" << escaped_tooltip << ", labeltooltip=" << escaped_tooltip << "];\n";
  return Status::Ok();
}

void WriteLegend(const std::set<EntityType>& types, std::ostream& out) {
  out << "  subgraph cluster_legend {\n"
      << "    label=\"Legend\"; fontsize=10; style=\"rounded\"; color=\"#999999\";\n"
      << "    node [fontsize=9, height=0.3];\n";
  // With rankdir=LR one rank is a column: the type samples stack vertically.
  std::string same_rank = "    { rank=same;";
  for (EntityType type : types) {
    const NodeStyle& style = StyleOf(type);
    const std::string id = "_legend_" + std::string(EntityTypeName(type));
    out << "    " << Quoted(id) << " [label=\"" << EntityTypeName(type)
        << "\", shape=" << style.shape << ", fillcolor=\"" << style.fill << "\"];\n";
    same_rank += " " + Quoted(id) + ";";
  }
  out << same_rank << " }\n"
      << "    \"_legend_a1\" [shape=point, width=0.04, label=\"\"];\n"
      << "    \"_legend_a2\" [shape=point, width=0.04, label=\"\"];\n"
      << "    \"_legend_u1\" [shape=point, width=0.04, label=\"\"];\n"
      << "    \"_legend_u2\" [shape=point, width=0.04, label=\"\"];\n"
      << "    \"_legend_a1\" -> \"_legend_a2\" [label=\"asserted (n evidence)\", fontsize=8, "
         "penwidth=2.5];\n"
      << "    \"_legend_u1\" -> \"_legend_u2\" [label=\"planned, rumoured, denied\", fontsize=8, "
         "style=dashed, color=\"#888888\"];\n"
      << "  }\n";
}

}  // namespace

Status WriteDot(const graph::Graph& graph, const graph::Subgraph& subgraph, graph::Store* store,
                const DotOptions& options, std::ostream& out) {
  out << "digraph " << Quoted(options.graph_name) << " {\n"
      << "  graph [rankdir=LR, fontname=\"Helvetica\", overlap=false, splines=true, "
         "nodesep=0.3, ranksep=0.6, charset=\"UTF-8\"];\n"
      << "  node [fontname=\"Helvetica\", fontsize=11, style=filled, color=\"#555555\"];\n"
      << "  edge [fontname=\"Helvetica\", fontsize=9, color=\"#444444\", arrowsize=0.7];\n";

  const std::vector<graph::VertexId> vertices = internal::VerticesById(graph, subgraph);
  std::set<EntityType> types;
  // country place id -> members, in entity-id order (vertices is sorted).
  std::map<std::string, std::vector<graph::VertexId>> clusters;
  std::vector<graph::VertexId> loose;
  for (graph::VertexId v : vertices) {
    const graph::EntityRecord& e = graph.entity(v);
    types.insert(e.type);
    std::string country;
    if (options.cluster == ClusterBy::kCountry) country = CountryIdOf(graph, e);
    if (country.empty()) {
      loose.push_back(v);
    } else {
      clusters[country].push_back(v);
    }
  }
  for (const auto& [country, members] : clusters) {
    out << "  subgraph " << Quoted(ClusterName(graph, country)) << " {\n"
        << "    label=" << Label(CountryLabel(graph, country))
        << "; style=\"rounded,dashed\"; color=\"#b0b0b0\"; fontsize=10;\n";
    for (graph::VertexId v : members) WriteNode(graph.entity(v), "    ", out);
    out << "  }\n";
  }
  for (graph::VertexId v : loose) WriteNode(graph.entity(v), "  ", out);

  for (graph::RelationIndex r : internal::RelationsById(graph, subgraph)) {
    RETURN_IF_ERROR(WriteEdge(graph.relation(r), store, options, out));
  }
  if (options.legend && !types.empty()) WriteLegend(types, out);
  out << "}\n";
  if (!out) return IOError("writing DOT: the output stream failed");
  return Status::Ok();
}

}  // namespace corpgraph::exporter
