// graph/graph.cc — the in-memory index over a Store's entities and relations.
//
// Adjacency lives in a Boost compressed_sparse_row_graph whose edge bundle is
// the public Hop itself: CSR keeps edge properties in one vector in edge-index
// order, so each vertex's hops are contiguous and Adjacent() can hand out a
// span without copying. Per entry that costs a 4-byte CSR column plus the
// 12-byte Hop (16 bytes), plus 4 bytes of row offset per vertex.
#include "graph/graph.h"

#include <algorithm>
#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <exception>
#include <string>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "common/text.h"

namespace corpgraph::graph {
namespace {

using Csr = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, Hop,
                                               boost::no_property, uint32_t, uint32_t>;

// How names are compared: ASCII case and surrounding whitespace ignored.
std::string NormalizeName(std::string_view name) { return AsciiLower(TrimWhitespace(name)); }

// Splits "NYSE:BABA, HKEX:9988" into its trimmed, non-empty items.
std::vector<std::string_view> SplitList(std::string_view text) {
  std::vector<std::string_view> items;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string_view::npos) comma = text.size();
    std::string_view item = TrimWhitespace(text.substr(start, comma - start));
    if (!item.empty()) items.push_back(item);
    start = comma + 1;
  }
  return items;
}

// Levenshtein distance between `a` and `b`, or `cap + 1` once it must exceed `cap`.
size_t EditDistance(std::string_view a, std::string_view b, size_t cap) {
  const size_t length_gap = a.size() > b.size() ? a.size() - b.size() : b.size() - a.size();
  if (length_gap > cap) return cap + 1;
  std::vector<size_t> previous(b.size() + 1);
  std::vector<size_t> current(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    size_t row_min = current[0];
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
      row_min = std::min(row_min, current[j]);
    }
    if (row_min > cap) return cap + 1;
    std::swap(previous, current);
  }
  return std::min(previous[b.size()], cap + 1);
}

}  // namespace

struct Graph::Rep {
  std::vector<EntityRecord> entities;
  std::vector<RelationRecord> relations;
  std::vector<VertexId> subjects;  // per relation
  std::vector<VertexId> objects;   // per relation
  Csr csr;
  std::unordered_map<std::string, VertexId> by_id;
  // Normalised id, name, alias or ticker -> vertices, in Lookup order.
  std::unordered_map<std::string, std::vector<VertexId>> by_name;
  // Each vertex's parents as vertex ids, sorted: parents of v are
  // parent_vertices[parent_offsets[v] .. parent_offsets[v + 1]).
  std::vector<uint32_t> parent_offsets;
  std::vector<VertexId> parent_vertices;
};

Graph::Graph(std::unique_ptr<Rep> rep) : rep_(std::move(rep)) {}
Graph::~Graph() = default;

Result<std::unique_ptr<Graph>> Graph::Load(Store& store) {
  const std::string context = "loading the graph from " + store.path();
  Result<std::vector<EntityRecord>> entities = store.LoadEntities();
  if (!entities.ok()) return entities.status().WithContext(context);
  Result<std::vector<RelationRecord>> relations = store.LoadRelations();
  if (!relations.ok()) return relations.status().WithContext(context);
  Result<std::unique_ptr<Graph>> graph =
      FromRecords(std::move(entities).value(), std::move(relations).value());
  if (!graph.ok()) return graph.status().WithContext(context);
  return graph;
}

Result<std::unique_ptr<Graph>> Graph::FromRecords(std::vector<EntityRecord> entities,
                                                  std::vector<RelationRecord> relations) {
  // Two hops per relation must fit the 32-bit edge index.
  if (entities.size() >= UINT32_MAX || relations.size() >= UINT32_MAX / 2) {
    return InvalidArgumentError("graph: too many entities or relations for a 32-bit index");
  }
  auto rep = std::make_unique<Rep>();
  rep->entities = std::move(entities);
  rep->relations = std::move(relations);
  const auto num_vertices = static_cast<uint32_t>(rep->entities.size());
  const auto num_relations = static_cast<uint32_t>(rep->relations.size());

  rep->by_id.reserve(num_vertices);
  for (VertexId v = 0; v < num_vertices; ++v) {
    if (!rep->by_id.emplace(rep->entities[v].id, v).second) {
      return InvalidArgumentError("entity '" + rep->entities[v].id + "': listed twice");
    }
  }

  rep->subjects.resize(num_relations);
  rep->objects.resize(num_relations);
  for (RelationIndex r = 0; r < num_relations; ++r) {
    const RelationRecord& relation = rep->relations[r];
    auto subject = rep->by_id.find(relation.subject_id);
    auto object = rep->by_id.find(relation.object_id);
    const std::string name = relation.subject_id + " " +
                             std::string(RelationTypeName(relation.type)) + " " +
                             relation.object_id;
    if (subject == rep->by_id.end()) {
      return InvalidArgumentError("relation '" + name + "': unknown subject entity '" +
                                  relation.subject_id + "'");
    }
    if (object == rep->by_id.end()) {
      return InvalidArgumentError("relation '" + name + "': unknown object entity '" +
                                  relation.object_id + "'");
    }
    rep->subjects[r] = subject->second;
    rep->objects[r] = object->second;
  }

  try {
    // Every relation is an entry in both endpoints' adjacency, sorted per
    // vertex by relation type, then neighbour, then relation index.
    struct Entry {
      VertexId source;
      Hop hop;
    };
    std::vector<Entry> entries;
    entries.reserve(static_cast<size_t>(num_relations) * 2);
    for (RelationIndex r = 0; r < num_relations; ++r) {
      entries.push_back({rep->subjects[r], Hop{rep->objects[r], r, true}});
      entries.push_back({rep->objects[r], Hop{rep->subjects[r], r, false}});
    }
    const std::vector<RelationRecord>& records = rep->relations;
    std::sort(entries.begin(), entries.end(), [&](const Entry& a, const Entry& b) {
      return std::make_tuple(a.source, static_cast<int>(records[a.hop.relation].type),
                             a.hop.neighbor, a.hop.relation, !a.hop.outgoing) <
             std::make_tuple(b.source, static_cast<int>(records[b.hop.relation].type),
                             b.hop.neighbor, b.hop.relation, !b.hop.outgoing);
    });
    std::vector<std::pair<uint32_t, uint32_t>> edges;
    std::vector<Hop> hops;
    edges.reserve(entries.size());
    hops.reserve(entries.size());
    for (const Entry& entry : entries) {
      edges.emplace_back(entry.source, entry.hop.neighbor);
      hops.push_back(entry.hop);
    }
    entries.clear();
    entries.shrink_to_fit();
    rep->csr = Csr(boost::edges_are_sorted, edges.begin(), edges.end(), hops.begin(), num_vertices,
                   static_cast<uint32_t>(edges.size()));
  } catch (const std::exception& error) {
    return InternalError(std::string("graph: building the adjacency index failed (") +
                         error.what() + ")");
  }

  // Name index: id, name, aliases and tickers, each listing a vertex once.
  for (VertexId v = 0; v < num_vertices; ++v) {
    const EntityRecord& entity = rep->entities[v];
    std::vector<std::string> keys = {NormalizeName(entity.id), NormalizeName(entity.name)};
    for (const std::string& alias : entity.aliases) keys.push_back(NormalizeName(alias));
    for (const char* attribute : {"tickers", "ticker"}) {
      auto it = entity.attributes.find(attribute);
      if (it == entity.attributes.end()) continue;
      for (std::string_view ticker : SplitList(it->second)) {
        keys.push_back(NormalizeName(ticker));
        const size_t colon = ticker.rfind(':');
        if (colon != std::string_view::npos)
          keys.push_back(NormalizeName(ticker.substr(colon + 1)));
      }
    }
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    for (std::string& key : keys) {
      if (!key.empty()) rep->by_name[std::move(key)].push_back(v);
    }
  }
  const std::vector<EntityRecord>& all = rep->entities;
  for (auto& [key, vertices] : rep->by_name) {
    std::sort(vertices.begin(), vertices.end(), [&](VertexId a, VertexId b) {
      if (all[a].mention_count != all[b].mention_count) {
        return all[a].mention_count > all[b].mention_count;
      }
      return all[a].id < all[b].id;
    });
  }

  // Parents as vertex ids; ids naming no vertex cannot be a container, so they drop out.
  rep->parent_offsets.reserve(num_vertices + 1);
  rep->parent_offsets.push_back(0);
  for (VertexId v = 0; v < num_vertices; ++v) {
    const size_t begin = rep->parent_vertices.size();
    for (const std::string& parent : rep->entities[v].parents) {
      auto it = rep->by_id.find(parent);
      if (it != rep->by_id.end()) rep->parent_vertices.push_back(it->second);
    }
    std::sort(rep->parent_vertices.begin() + static_cast<std::ptrdiff_t>(begin),
              rep->parent_vertices.end());
    rep->parent_offsets.push_back(static_cast<uint32_t>(rep->parent_vertices.size()));
  }
  return std::unique_ptr<Graph>(new Graph(std::move(rep)));
}

size_t Graph::num_vertices() const { return rep_->entities.size(); }
size_t Graph::num_relations() const { return rep_->relations.size(); }
const EntityRecord& Graph::entity(VertexId v) const { return rep_->entities[v]; }
const RelationRecord& Graph::relation(RelationIndex r) const { return rep_->relations[r]; }
VertexId Graph::subject(RelationIndex r) const { return rep_->subjects[r]; }
VertexId Graph::object(RelationIndex r) const { return rep_->objects[r]; }

std::optional<VertexId> Graph::FindById(std::string_view id) const {
  auto it = rep_->by_id.find(std::string(id));
  if (it == rep_->by_id.end()) return std::nullopt;
  return it->second;
}

std::vector<VertexId> Graph::Lookup(std::string_view name) const {
  auto it = rep_->by_name.find(NormalizeName(name));
  if (it == rep_->by_name.end()) return {};
  return it->second;
}

std::vector<VertexId> Graph::Suggest(std::string_view name, size_t limit) const {
  const std::string query = NormalizeName(name);
  if (query.empty() || limit == 0) return {};
  // Tiers: 0 exact, 1 prefix, 2 contains, 3 within edit distance; then the
  // distance, then mention count, then id. Beyond the cap nothing is "close".
  const size_t cap = std::max<size_t>(2, query.size() / 3);
  struct Candidate {
    int tier;
    size_t distance;
    VertexId vertex;
  };
  std::vector<Candidate> candidates;
  const std::vector<EntityRecord>& entities = rep_->entities;
  for (VertexId v = 0; v < entities.size(); ++v) {
    const EntityRecord& entity = entities[v];
    std::optional<Candidate> best;
    auto consider = [&](std::string_view raw) {
      const std::string text = NormalizeName(raw);
      if (text.empty()) return;
      Candidate candidate{4, 0, v};
      const size_t gap = text.size() - std::min(text.size(), query.size());
      if (text == query) {
        candidate = {0, 0, v};
      } else if (text.rfind(query, 0) == 0) {
        candidate = {1, gap, v};
      } else if (text.find(query) != std::string::npos) {
        candidate = {2, gap, v};
      } else {
        const size_t distance = EditDistance(query, text, cap);
        if (distance > cap) return;
        candidate = {3, distance, v};
      }
      if (!best ||
          std::tie(candidate.tier, candidate.distance) < std::tie(best->tier, best->distance)) {
        best = candidate;
      }
    };
    consider(entity.name);
    for (const std::string& alias : entity.aliases) consider(alias);
    if (best) candidates.push_back(*best);
  }
  std::sort(candidates.begin(), candidates.end(), [&](const Candidate& a, const Candidate& b) {
    if (a.tier != b.tier) return a.tier < b.tier;
    if (a.distance != b.distance) return a.distance < b.distance;
    if (entities[a.vertex].mention_count != entities[b.vertex].mention_count) {
      return entities[a.vertex].mention_count > entities[b.vertex].mention_count;
    }
    return entities[a.vertex].id < entities[b.vertex].id;
  });
  std::vector<VertexId> result;
  for (size_t i = 0; i < candidates.size() && i < limit; ++i) {
    result.push_back(candidates[i].vertex);
  }
  return result;
}

std::span<const Hop> Graph::Adjacent(VertexId v) const {
  if (v >= rep_->entities.size()) return {};
  const auto degree = boost::out_degree(v, rep_->csr);
  if (degree == 0) return {};
  const auto first = *boost::out_edges(v, rep_->csr).first;
  return std::span<const Hop>(&rep_->csr[first], degree);
}

bool Graph::IsWithin(VertexId v, VertexId container) const {
  if (v == container) return true;
  if (v >= rep_->entities.size()) return false;
  const auto begin = rep_->parent_vertices.begin() + rep_->parent_offsets[v];
  const auto end = rep_->parent_vertices.begin() + rep_->parent_offsets[v + 1];
  return std::binary_search(begin, end, container);
}

size_t Graph::IndexBytes() const {
  const size_t entries = boost::num_edges(rep_->csr);
  return (rep_->entities.size() + 1) * sizeof(uint32_t) +
         entries * (sizeof(uint32_t) + sizeof(Hop));
}

}  // namespace corpgraph::graph
