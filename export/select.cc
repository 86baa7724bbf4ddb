#include "export/select.h"

#include <algorithm>
#include <cctype>
#include <deque>
#include <string>

#include "common/text.h"
#include "export/escape.h"

namespace corpgraph::exporter {
namespace {

std::string AllRelationNames() {
  std::string names;
  for (int i = 0; i < kNumRelationTypes; ++i) {
    if (i > 0) names += ", ";
    names += RelationTypeName(static_cast<RelationType>(i));
  }
  return names;
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) != 0;
  });
}

// True when a filter narrows relations beyond the default modality rule; then
// the whole-graph selection drops entities that no selected relation touches.
bool HasRelationFilter(const SelectOptions& options) {
  return !options.relations.empty() || options.min_strength > 0.0 || !options.since.empty() ||
         !options.until.empty();
}

Status ValidateOptions(const SelectOptions& options) {
  if (options.focus.has_value() && (options.hops < 0 || options.hops > kMaxHops)) {
    return InvalidArgumentError("--hops " + std::to_string(options.hops) +
                                ": must be between 0 and " + std::to_string(kMaxHops));
  }
  if (!(options.min_strength >= 0.0 && options.min_strength <= 1.0)) {
    return InvalidArgumentError("--min-confidence " + FormatNumber(options.min_strength, 6) +
                                ": must be between 0 and 1");
  }
  if (!options.since.empty()) RETURN_IF_ERROR(ValidateDate(options.since).WithContext("--since"));
  if (!options.until.empty()) RETURN_IF_ERROR(ValidateDate(options.until).WithContext("--until"));
  return Status::Ok();
}

std::vector<graph::RelationIndex> SortedUnique(std::vector<graph::RelationIndex> v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

}  // namespace

Status ValidateDate(std::string_view date) {
  const auto bad = [&] {
    return InvalidArgumentError("\"" + std::string(date) +
                                "\": not a date (use YYYY, YYYY-MM or YYYY-MM-DD)");
  };
  if (date.size() != 4 && date.size() != 7 && date.size() != 10) return bad();
  if (!AllDigits(date.substr(0, 4))) return bad();
  if (date.size() >= 7) {
    if (date[4] != '-' || !AllDigits(date.substr(5, 2))) return bad();
    const int month = std::stoi(std::string(date.substr(5, 2)));
    if (month < 1 || month > 12) return bad();
  }
  if (date.size() == 10) {
    if (date[7] != '-' || !AllDigits(date.substr(8, 2))) return bad();
    const int day = std::stoi(std::string(date.substr(8, 2)));
    if (day < 1 || day > 31) return bad();
  }
  return Status::Ok();
}

Result<std::vector<RelationType>> ParseRelationList(std::string_view text) {
  std::vector<RelationType> types;
  std::string token;
  const auto flush = [&]() -> Status {
    if (token.empty()) return Status::Ok();
    const std::optional<RelationType> type = ParseRelationType(token);
    if (!type.has_value()) {
      return InvalidArgumentError("--rel \"" + token +
                                  "\": unknown relation (valid: " + AllRelationNames() + ")");
    }
    if (std::find(types.begin(), types.end(), *type) == types.end()) types.push_back(*type);
    token.clear();
    return Status::Ok();
  };
  for (char c : text) {
    if (c == ',' || std::isspace(static_cast<unsigned char>(c))) {
      RETURN_IF_ERROR(flush());
    } else {
      token += c;
    }
  }
  RETURN_IF_ERROR(flush());
  if (types.empty()) {
    return InvalidArgumentError("--rel: no relation given (valid: " + AllRelationNames() + ")");
  }
  std::sort(types.begin(), types.end());
  return types;
}

bool RelationPasses(const graph::RelationRecord& r, const SelectOptions& options) {
  if (!options.include_unconfirmed && r.modality != Modality::kAsserted) return false;
  if (!options.relations.empty() && std::find(options.relations.begin(), options.relations.end(),
                                              r.type) == options.relations.end()) {
    return false;
  }
  if (r.strength < options.min_strength) return false;
  // ISO dates compare as strings; a shorter bound ("2024-05") compares against
  // the same-length prefix so that "until 2024-05" includes 2024-05-31.
  if (!options.since.empty()) {
    if (r.last_seen.empty() || r.last_seen < options.since) return false;
  }
  if (!options.until.empty()) {
    if (r.first_seen.empty() ||
        std::string_view(r.first_seen).substr(0, options.until.size()) > options.until) {
      return false;
    }
  }
  return true;
}

Result<graph::VertexId> ResolveEntity(const graph::Graph& graph, std::string_view name) {
  const std::string_view trimmed = TrimWhitespace(name);
  if (trimmed.empty()) return InvalidArgumentError("--focus: empty entity name");
  if (std::optional<graph::VertexId> v = graph.FindById(trimmed)) return *v;
  std::vector<graph::VertexId> found = graph.Lookup(trimmed);
  if (!found.empty()) return found.front();
  std::string message = "unknown entity \"" + std::string(trimmed) + "\"";
  const std::vector<graph::VertexId> suggestions = graph.Suggest(trimmed, 3);
  if (!suggestions.empty()) {
    message += " (did you mean ";
    for (size_t i = 0; i < suggestions.size(); ++i) {
      if (i > 0) message += i + 1 == suggestions.size() ? " or " : ", ";
      message += "\"" + graph.entity(suggestions[i]).name + "\"";
    }
    message += "?)";
  }
  return NotFoundError(message);
}

Result<graph::Subgraph> Select(const graph::Graph& graph, const SelectOptions& options) {
  RETURN_IF_ERROR(ValidateOptions(options));
  const size_t n = graph.num_vertices();
  std::vector<char> selected(n, 0);
  std::vector<graph::RelationIndex> relations;
  std::string too_many_subject;

  if (!options.focus.has_value()) {
    for (graph::RelationIndex r = 0; r < graph.num_relations(); ++r) {
      if (!RelationPasses(graph.relation(r), options)) continue;
      relations.push_back(r);
      selected[graph.subject(r)] = 1;
      selected[graph.object(r)] = 1;
    }
    if (!HasRelationFilter(options)) {
      for (graph::VertexId v = 0; v < n; ++v) {
        if (graph.entity(v).mention_count > 0) selected[v] = 1;
      }
    }
  } else {
    ASSIGN_OR_RETURN(graph::VertexId start, ResolveEntity(graph, *options.focus));
    std::vector<int> depth(n, -1);
    std::deque<graph::VertexId> frontier = {start};
    depth[start] = 0;
    selected[start] = 1;
    while (!frontier.empty()) {
      const graph::VertexId v = frontier.front();
      frontier.pop_front();
      if (depth[v] >= options.hops) continue;
      for (const graph::Hop& hop : graph.Adjacent(v)) {
        if (depth[hop.neighbor] >= 0) continue;
        if (!RelationPasses(graph.relation(hop.relation), options)) continue;
        depth[hop.neighbor] = depth[v] + 1;
        selected[hop.neighbor] = 1;
        frontier.push_back(hop.neighbor);
      }
    }
    // Every passing relation among the selected vertices, not only the BFS tree:
    // the picture should show how the neighbours relate to each other too.
    for (graph::VertexId v = 0; v < n; ++v) {
      if (!selected[v]) continue;
      for (const graph::Hop& hop : graph.Adjacent(v)) {
        if (hop.outgoing && selected[hop.neighbor] &&
            RelationPasses(graph.relation(hop.relation), options)) {
          relations.push_back(hop.relation);
        }
      }
    }
    too_many_subject = "the neighbourhood of \"" + graph.entity(start).name + "\" within " +
                       std::to_string(options.hops) + " hops";
  }

  graph::Subgraph subgraph;
  for (graph::VertexId v = 0; v < n; ++v) {
    if (selected[v]) subgraph.vertices.push_back(v);
  }
  subgraph.relations = SortedUnique(std::move(relations));

  if (options.max_nodes > 0 && subgraph.vertices.size() > options.max_nodes) {
    const std::string count = std::to_string(subgraph.vertices.size());
    if (too_many_subject.empty()) {
      return FailedPreconditionError(
          "the graph has " + count +
          " entities; draw a part of it with --focus ENTITY --hops K or --query, or raise "
          "--max-nodes (now " +
          std::to_string(options.max_nodes) + ")");
    }
    return FailedPreconditionError(too_many_subject + " has " + count +
                                   " entities; lower --hops, filter with --rel or "
                                   "--min-confidence, or raise --max-nodes (now " +
                                   std::to_string(options.max_nodes) + ")");
  }
  return subgraph;
}

}  // namespace corpgraph::exporter
