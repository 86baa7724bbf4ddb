#include "export/formats.h"

#include <cctype>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>

#include "export/escape.h"
#include "export/internal/order.h"
#include "export/output.h"

namespace corpgraph::exporter {
namespace {

// ordered_json keeps keys in the documented order (nodes before edges, id first).
using json = nlohmann::ordered_json;

Status StreamStatus(const std::ostream& out, std::string_view what) {
  if (!out) return IOError("writing " + std::string(what) + ": the output stream failed");
  return Status::Ok();
}

Result<std::vector<graph::EvidenceRecord>> EvidenceOf(graph::Store* store,
                                                      const graph::RelationRecord& r, int limit) {
  if (store == nullptr || limit <= 0) return std::vector<graph::EvidenceRecord>{};
  auto evidence = store->EvidenceFor(r.key, limit);
  if (!evidence.ok()) {
    return evidence.status().WithContext("evidence of " + r.subject_id + " " +
                                         std::string(RelationTypeName(r.type)) + " " + r.object_id);
  }
  return std::move(evidence).value();
}

std::string UpperCase(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string JoinAliases(const std::vector<std::string>& aliases) {
  std::string out;
  for (const std::string& alias : aliases) {
    if (!out.empty()) out += "; ";
    out += alias;
  }
  return out;
}

// ---- GraphML ---------------------------------------------------------------

struct GraphMlKey {
  std::string id;
  std::string name;
  std::string type;  // string, double, int
};

void WriteKey(const GraphMlKey& key, std::string_view domain, std::ostream& out) {
  out << "  <key id=\"" << XmlEscape(key.id) << "\" for=\"" << domain << "\" attr.name=\""
      << XmlEscape(key.name) << "\" attr.type=\"" << key.type << "\"/>\n";
}

void WriteData(std::string_view key, std::string_view value, std::ostream& out) {
  out << "      <data key=\"" << XmlEscape(key) << "\">" << XmlEscape(value) << "</data>\n";
}

// Free attribute keys get ids "na0", "na1", ... in key order; a name that
// collides with a fixed one is prefixed "attr_".
std::map<std::string, GraphMlKey> AttributeKeys(const std::set<std::string>& names,
                                                const std::set<std::string>& fixed,
                                                std::string_view id_prefix) {
  std::map<std::string, GraphMlKey> keys;
  int index = 0;
  for (const std::string& name : names) {
    GraphMlKey key;
    key.id = std::string(id_prefix) + std::to_string(index++);
    key.name = fixed.count(name) ? "attr_" + name : name;
    key.type = "string";
    keys.emplace(name, key);
  }
  return keys;
}

}  // namespace

Status WriteJson(const graph::Graph& graph, const graph::Subgraph& subgraph, graph::Store* store,
                 const JsonOptions& options, std::ostream& out) {
  json nodes = json::array();
  for (graph::VertexId v : internal::VerticesById(graph, subgraph)) {
    const graph::EntityRecord& e = graph.entity(v);
    nodes.push_back({{"id", e.id},
                     {"name", e.name},
                     {"type", EntityTypeName(e.type)},
                     {"subtype", e.subtype},
                     {"aliases", e.aliases},
                     {"attributes", e.attributes},
                     {"mention_count", e.mention_count}});
  }
  json edges = json::array();
  for (graph::RelationIndex r : internal::RelationsById(graph, subgraph)) {
    const graph::RelationRecord& rec = graph.relation(r);
    ASSIGN_OR_RETURN(std::vector<graph::EvidenceRecord> evidence,
                     EvidenceOf(store, rec, options.evidence_per_relation));
    json evidence_json = json::array();
    for (const graph::EvidenceRecord& ev : evidence) {
      evidence_json.push_back({{"sentence", ev.evidence.sentence},
                               {"doc", ev.evidence.doc_id},
                               {"title", ev.doc_title},
                               {"source", ev.doc_source},
                               {"date", ev.evidence.date},
                               {"rule", ev.evidence.rule},
                               {"confidence", ev.evidence.confidence},
                               {"kind", EvidenceKindName(ev.evidence.kind)},
                               {"start", ev.evidence.sentence_span.start},
                               {"end", ev.evidence.sentence_span.end}});
    }
    edges.push_back({{"id", internal::EdgeId(graph, r)},
                     {"source", rec.subject_id},
                     {"target", rec.object_id},
                     {"relation", RelationTypeName(rec.type)},
                     {"symmetric", IsSymmetric(rec.type)},
                     {"modality", ModalityName(rec.modality)},
                     {"strength", rec.strength},
                     {"evidence_count", rec.evidence_count},
                     {"first_seen", rec.first_seen},
                     {"last_seen", rec.last_seen},
                     {"attributes", rec.attributes},
                     {"evidence", std::move(evidence_json)}});
  }
  const json document = {{"nodes", std::move(nodes)}, {"edges", std::move(edges)}};
  // `replace` turns invalid UTF-8 from the store into U+FFFD instead of throwing.
  out << document.dump(options.indent, ' ', false, json::error_handler_t::replace) << "\n";
  return StreamStatus(out, "JSON");
}

Status WriteGraphMl(const graph::Graph& graph, const graph::Subgraph& subgraph, graph::Store* store,
                    std::ostream& out) {
  const std::vector<graph::VertexId> vertices = internal::VerticesById(graph, subgraph);
  const std::vector<graph::RelationIndex> relations = internal::RelationsById(graph, subgraph);

  const std::vector<GraphMlKey> node_fixed = {{"label", "label", "string"},
                                              {"type", "type", "string"},
                                              {"subtype", "subtype", "string"},
                                              {"aliases", "aliases", "string"},
                                              {"mention_count", "mention_count", "long"}};
  std::vector<GraphMlKey> edge_fixed = {{"e_label", "label", "string"},
                                        {"relation", "relation", "string"},
                                        {"modality", "modality", "string"},
                                        {"weight", "weight", "double"},
                                        {"evidence_count", "evidence_count", "long"},
                                        {"first_seen", "first_seen", "string"},
                                        {"last_seen", "last_seen", "string"}};
  if (store != nullptr) edge_fixed.push_back({"evidence", "evidence", "string"});

  std::set<std::string> node_attribute_names;
  for (graph::VertexId v : vertices) {
    for (const auto& [name, value] : graph.entity(v).attributes) node_attribute_names.insert(name);
  }
  std::set<std::string> edge_attribute_names;
  for (graph::RelationIndex r : relations) {
    for (const auto& [name, value] : graph.relation(r).attributes) {
      edge_attribute_names.insert(name);
    }
  }
  std::set<std::string> node_fixed_names, edge_fixed_names;
  for (const GraphMlKey& k : node_fixed) node_fixed_names.insert(k.name);
  for (const GraphMlKey& k : edge_fixed) edge_fixed_names.insert(k.name);
  const auto node_keys = AttributeKeys(node_attribute_names, node_fixed_names, "na");
  const auto edge_keys = AttributeKeys(edge_attribute_names, edge_fixed_names, "ea");

  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
      << "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
      << "    xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
         "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";
  for (const GraphMlKey& key : node_fixed) WriteKey(key, "node", out);
  for (const auto& [name, key] : node_keys) WriteKey(key, "node", out);
  for (const GraphMlKey& key : edge_fixed) WriteKey(key, "edge", out);
  for (const auto& [name, key] : edge_keys) WriteKey(key, "edge", out);
  out << "  <graph id=\"corpgraph\" edgedefault=\"directed\">\n";

  for (graph::VertexId v : vertices) {
    const graph::EntityRecord& e = graph.entity(v);
    out << "    <node id=\"" << XmlEscape(e.id) << "\">\n";
    WriteData("label", e.name, out);
    WriteData("type", EntityTypeName(e.type), out);
    if (!e.subtype.empty()) WriteData("subtype", e.subtype, out);
    if (!e.aliases.empty()) WriteData("aliases", JoinAliases(e.aliases), out);
    WriteData("mention_count", std::to_string(e.mention_count), out);
    for (const auto& [name, value] : e.attributes) WriteData(node_keys.at(name).id, value, out);
    out << "    </node>\n";
  }
  for (graph::RelationIndex r : relations) {
    const graph::RelationRecord& rec = graph.relation(r);
    out << "    <edge id=\"" << XmlEscape(internal::EdgeId(graph, r)) << "\" source=\""
        << XmlEscape(rec.subject_id) << "\" target=\"" << XmlEscape(rec.object_id) << "\">\n";
    WriteData("e_label", RelationTypeName(rec.type), out);
    WriteData("relation", RelationTypeName(rec.type), out);
    WriteData("modality", ModalityName(rec.modality), out);
    WriteData("weight", FormatNumber(rec.strength, 6), out);
    WriteData("evidence_count", std::to_string(rec.evidence_count), out);
    if (!rec.first_seen.empty()) WriteData("first_seen", rec.first_seen, out);
    if (!rec.last_seen.empty()) WriteData("last_seen", rec.last_seen, out);
    for (const auto& [name, value] : rec.attributes) WriteData(edge_keys.at(name).id, value, out);
    if (store != nullptr) {
      ASSIGN_OR_RETURN(std::vector<graph::EvidenceRecord> best, EvidenceOf(store, rec, 1));
      if (!best.empty()) WriteData("evidence", best.front().evidence.sentence, out);
    }
    out << "    </edge>\n";
  }
  out << "  </graph>\n</graphml>\n";
  return StreamStatus(out, "GraphML");
}

Status WriteNeo4jNodes(const graph::Graph& graph, const graph::Subgraph& subgraph,
                       std::ostream& out) {
  out << "id:ID,name,type,subtype,:LABEL\r\n";
  for (graph::VertexId v : internal::VerticesById(graph, subgraph)) {
    const graph::EntityRecord& e = graph.entity(v);
    std::string label(EntityTypeName(e.type));
    label[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(label[0])));
    out << CsvCell(e.id) << ',' << CsvCell(e.name) << ',' << CsvCell(EntityTypeName(e.type)) << ','
        << CsvCell(e.subtype) << ',' << CsvCell("Entity;" + label) << "\r\n";
  }
  return StreamStatus(out, "nodes.csv");
}

Status WriteNeo4jRelationships(const graph::Graph& graph, const graph::Subgraph& subgraph,
                               std::ostream& out) {
  out << ":START_ID,:END_ID,:TYPE,strength:float,evidence_count:int,modality\r\n";
  for (graph::RelationIndex r : internal::RelationsById(graph, subgraph)) {
    const graph::RelationRecord& rec = graph.relation(r);
    out << CsvCell(rec.subject_id) << ',' << CsvCell(rec.object_id) << ','
        << CsvCell(UpperCase(RelationTypeName(rec.type))) << ',' << CsvNumber(rec.strength, 6)
        << ',' << rec.evidence_count << ',' << CsvCell(ModalityName(rec.modality)) << "\r\n";
  }
  return StreamStatus(out, "relationships.csv");
}

Status WriteNeo4j(const graph::Graph& graph, const graph::Subgraph& subgraph,
                  const std::string& dir, bool force) {
  RETURN_IF_ERROR(PrepareOutputDirectory(dir));
  std::string base = dir;
  if (base.back() != '/') base += '/';
  const std::string nodes_path = base + "nodes.csv";
  const std::string relationships_path = base + "relationships.csv";
  // Check both before writing either, so a refusal leaves the directory as it was.
  RETURN_IF_ERROR(CheckOutputPath(nodes_path, force));
  RETURN_IF_ERROR(CheckOutputPath(relationships_path, force));
  std::ostringstream nodes, relationships;
  RETURN_IF_ERROR(WriteNeo4jNodes(graph, subgraph, nodes));
  RETURN_IF_ERROR(WriteNeo4jRelationships(graph, subgraph, relationships));
  RETURN_IF_ERROR(WriteOutputFile(nodes_path, nodes.str(), force));
  return WriteOutputFile(relationships_path, relationships.str(), force);
}

Status WriteCsv(const graph::Graph& graph, const graph::Subgraph& subgraph, std::ostream& out) {
  out << "source,source_name,relation,target,target_name,modality,strength,evidence_count,"
         "first_seen,last_seen\r\n";
  for (graph::RelationIndex r : internal::RelationsById(graph, subgraph)) {
    const graph::RelationRecord& rec = graph.relation(r);
    out << CsvCell(rec.subject_id) << ',' << CsvCell(graph.entity(graph.subject(r)).name) << ','
        << CsvCell(RelationTypeName(rec.type)) << ',' << CsvCell(rec.object_id) << ','
        << CsvCell(graph.entity(graph.object(r)).name) << ',' << CsvCell(ModalityName(rec.modality))
        << ',' << CsvNumber(rec.strength, 6) << ',' << rec.evidence_count << ','
        << CsvCell(rec.first_seen) << ',' << CsvCell(rec.last_seen) << "\r\n";
  }
  return StreamStatus(out, "CSV");
}

}  // namespace corpgraph::exporter
