#include "export/internal/order.h"

#include <algorithm>
#include <tuple>

#include "common/text.h"

namespace corpgraph::exporter::internal {

std::vector<graph::VertexId> VerticesById(const graph::Graph& graph,
                                          const graph::Subgraph& subgraph) {
  std::vector<graph::VertexId> vertices = subgraph.vertices;
  std::sort(vertices.begin(), vertices.end(), [&](graph::VertexId a, graph::VertexId b) {
    return graph.entity(a).id < graph.entity(b).id;
  });
  return vertices;
}

std::vector<graph::RelationIndex> RelationsById(const graph::Graph& graph,
                                                const graph::Subgraph& subgraph) {
  std::vector<graph::RelationIndex> relations = subgraph.relations;
  const auto key = [&](graph::RelationIndex r) {
    const graph::RelationRecord& rec = graph.relation(r);
    return std::make_tuple(std::string_view(rec.subject_id), RelationTypeName(rec.type),
                           std::string_view(rec.object_id), static_cast<int>(rec.modality), r);
  };
  std::sort(relations.begin(), relations.end(),
            [&](graph::RelationIndex a, graph::RelationIndex b) { return key(a) < key(b); });
  return relations;
}

std::string TickerOf(const graph::EntityRecord& entity) {
  // "tickers" holds the short exchange names ("NYSE:BABA,HKEX:9988"); "ticker"
  // may spell the exchange out, so it is the fallback.
  std::string ticker;
  if (auto list = entity.attributes.find("tickers"); list != entity.attributes.end()) {
    ticker = list->second.substr(0, list->second.find(','));
  } else if (auto it = entity.attributes.find("ticker"); it != entity.attributes.end()) {
    ticker = it->second;
    if (ticker.find(':') == std::string::npos) {
      if (auto ex = entity.attributes.find("exchange"); ex != entity.attributes.end()) {
        // "exchange" may be an entity id ("org:nyse"); show only a bare name.
        if (ex->second.find(':') == std::string::npos) ticker = ex->second + ":" + ticker;
      }
    }
  }
  // Lists may be stored as JSON arrays: drop their brackets and quotes.
  std::string clean;
  for (char c : ticker) {
    if (c != '[' && c != ']' && c != '"') clean += c;
  }
  clean = std::string(TrimWhitespace(clean));
  if (const size_t colon = clean.find(':'); colon != std::string::npos) {
    clean.insert(colon + 1, " ");
  }
  return clean;
}

std::string HqCountryOf(const graph::EntityRecord& entity) {
  auto it = entity.attributes.find("hq");
  if (it == entity.attributes.end() || it->second.empty()) return "";
  const std::string& hq = it->second;
  const size_t colon = hq.find(':');
  return colon == std::string::npos ? hq : hq.substr(colon + 1);
}

std::string EdgeId(const graph::Graph& graph, graph::RelationIndex r) {
  const graph::RelationRecord& rec = graph.relation(r);
  return rec.subject_id + "|" + std::string(RelationTypeName(rec.type)) + "|" + rec.object_id +
         "|" + std::string(ModalityName(rec.modality));
}

}  // namespace corpgraph::exporter::internal
