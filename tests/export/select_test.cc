#include "export/select.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>

#include "tests/export/fixtures.h"

namespace corpgraph::exporter {
namespace {

using testing::SmallGraph;

std::set<std::string> Ids(const graph::Graph& graph, const graph::Subgraph& subgraph) {
  std::set<std::string> ids;
  for (graph::VertexId v : subgraph.vertices) ids.insert(graph.entity(v).id);
  return ids;
}

std::set<int64_t> Keys(const graph::Graph& graph, const graph::Subgraph& subgraph) {
  std::set<int64_t> keys;
  for (graph::RelationIndex r : subgraph.relations) keys.insert(graph.relation(r).key);
  return keys;
}

void ExpectWellFormed(const graph::Graph& graph, const graph::Subgraph& subgraph) {
  EXPECT_TRUE(std::is_sorted(subgraph.vertices.begin(), subgraph.vertices.end()));
  EXPECT_TRUE(std::is_sorted(subgraph.relations.begin(), subgraph.relations.end()));
  for (graph::RelationIndex r : subgraph.relations) {
    EXPECT_TRUE(
        std::binary_search(subgraph.vertices.begin(), subgraph.vertices.end(), graph.subject(r)));
    EXPECT_TRUE(
        std::binary_search(subgraph.vertices.begin(), subgraph.vertices.end(), graph.object(r)));
  }
}

TEST(Select, WholeGraphDropsUnusedTaxonomyAndUnconfirmed) {
  auto graph = SmallGraph();
  ASSERT_NE(graph, nullptr);
  auto selected = Select(*graph, SelectOptions{});
  ASSERT_TRUE(selected.ok()) << selected.status().ToString();
  ExpectWellFormed(*graph, *selected);
  const std::set<std::string> ids = Ids(*graph, *selected);
  EXPECT_EQ(ids.count("place:ID"), 0u) << "taxonomy-only, no relation";
  EXPECT_EQ(ids.count("org:telkom"), 1u) << "mentioned entities stay without filters";
  EXPECT_EQ(ids.count("place:US"), 1u) << "taxonomy node touched by a relation";
  EXPECT_EQ(ids.size(), 10u);
  EXPECT_EQ(Keys(*graph, *selected), (std::set<int64_t>{1, 2, 3, 4, 5, 7, 8, 9}));
}

TEST(Select, IncludeUnconfirmedKeepsPlannedRelations) {
  auto graph = SmallGraph();
  ASSERT_NE(graph, nullptr);
  SelectOptions options;
  options.include_unconfirmed = true;
  auto selected = Select(*graph, options);
  ASSERT_TRUE(selected.ok());
  EXPECT_EQ(Keys(*graph, *selected).count(6), 1u);
}

TEST(Select, SizeGuardNamesTheWayOut) {
  auto graph = SmallGraph();
  ASSERT_NE(graph, nullptr);
  SelectOptions options;
  options.max_nodes = 3;
  auto selected = Select(*graph, options);
  ASSERT_FALSE(selected.ok());
  EXPECT_EQ(selected.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(selected.status().message().find(
                "the graph has 10 entities; draw a part of it with --focus ENTITY --hops K or "
                "--query, or raise --max-nodes"),
            std::string::npos)
      << selected.status().message();
  options.max_nodes = 0;  // no limit
  EXPECT_TRUE(Select(*graph, options).ok());
}

TEST(Select, FocusWalksBothDirections) {
  auto graph = SmallGraph();
  ASSERT_NE(graph, nullptr);
  SelectOptions options;
  options.focus = "apple";  // case-insensitive name lookup
  options.hops = 1;
  auto selected = Select(*graph, options);
  ASSERT_TRUE(selected.ok()) << selected.status().ToString();
  ExpectWellFormed(*graph, *selected);
  EXPECT_EQ(Ids(*graph, *selected),
            (std::set<std::string>{"org:apple", "org:alibaba", "place:CN", "place:US"}));
  // Every passing relation among them, including Alibaba -> China (not a BFS tree edge).
  EXPECT_EQ(Keys(*graph, *selected), (std::set<int64_t>{1, 4, 5, 9}));

  options.focus = "person:eddie-wu";  // by id; executive_of walked backwards from Alibaba
  options.hops = 2;
  selected = Select(*graph, options);
  ASSERT_TRUE(selected.ok());
  EXPECT_EQ(Ids(*graph, *selected).count("org:apple"), 1u);
  EXPECT_EQ(Ids(*graph, *selected).count("org:societe-generale"), 1u);
  EXPECT_EQ(Ids(*graph, *selected).count("place:US"), 0u) << "three hops away";

  options.hops = 0;
  selected = Select(*graph, options);
  ASSERT_TRUE(selected.ok());
  EXPECT_EQ(selected->vertices.size(), 1u);
  EXPECT_TRUE(selected->relations.empty());
}

TEST(Select, FocusUnknownEntitySuggests) {
  auto graph = SmallGraph();
  ASSERT_NE(graph, nullptr);
  SelectOptions options;
  options.focus = "Alibab";
  auto selected = Select(*graph, options);
  ASSERT_FALSE(selected.ok());
  EXPECT_EQ(selected.status().code(), StatusCode::kNotFound);
  EXPECT_NE(selected.status().message().find("unknown entity \"Alibab\""), std::string::npos)
      << selected.status().message();
  EXPECT_NE(selected.status().message().find("did you mean \"Alibaba\""), std::string::npos)
      << selected.status().message();
}

TEST(Select, FocusSizeGuard) {
  auto graph = SmallGraph();
  ASSERT_NE(graph, nullptr);
  SelectOptions options;
  options.focus = "Alibaba";
  options.hops = 2;
  options.max_nodes = 2;
  auto selected = Select(*graph, options);
  ASSERT_FALSE(selected.ok());
  EXPECT_EQ(selected.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(selected.status().message().find("neighbourhood of \"Alibaba\" within 2 hops"),
            std::string::npos)
      << selected.status().message();
}

struct FilterCase {
  const char* name;
  std::vector<RelationType> relations;
  double min_strength;
  const char* since;
  const char* until;
  std::set<int64_t> expected_keys;
};

TEST(Select, RelationFilters) {
  auto graph = SmallGraph();
  ASSERT_NE(graph, nullptr);
  const FilterCase kCases[] = {
      {"rel", {RelationType::kOperatesIn}, 0.0, "", "", {4, 5}},
      {"strength", {}, 0.85, "", "", {1, 4, 9}},
      {"since month", {}, 0.0, "2024-03", "", {1, 3, 4}},
      {"until year", {}, 0.0, "", "2022", {5, 8}},
      {"until month includes the whole month", {}, 0.0, "", "2024-01", {1, 2, 4, 5, 8}},
      {"window", {}, 0.0, "2024-02-01", "2024-01-31", {1, 2, 4}},
  };
  for (const FilterCase& c : kCases) {
    SelectOptions options;
    options.relations = c.relations;
    options.min_strength = c.min_strength;
    options.since = c.since;
    options.until = c.until;
    auto selected = Select(*graph, options);
    ASSERT_TRUE(selected.ok()) << c.name << ": " << selected.status().ToString();
    ExpectWellFormed(*graph, *selected);
    EXPECT_EQ(Keys(*graph, *selected), c.expected_keys) << c.name;
    // With a filter, only endpoints of selected relations are drawn.
    EXPECT_EQ(Ids(*graph, *selected).count("org:telkom"), 0u) << c.name;
  }
}

TEST(Select, RejectsBadOptions) {
  auto graph = SmallGraph();
  ASSERT_NE(graph, nullptr);
  SelectOptions options;
  options.since = "2024-13";
  auto selected = Select(*graph, options);
  ASSERT_FALSE(selected.ok());
  EXPECT_EQ(selected.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(selected.status().message().find("--since"), std::string::npos);

  options = SelectOptions{};
  options.min_strength = 1.5;
  EXPECT_EQ(Select(*graph, options).status().code(), StatusCode::kInvalidArgument);

  options = SelectOptions{};
  options.focus = "Apple";
  options.hops = -1;
  EXPECT_EQ(Select(*graph, options).status().code(), StatusCode::kInvalidArgument);
}

TEST(ParseRelationList, AcceptsCommasAndRejectsUnknown) {
  auto types = ParseRelationList("operates_in, partner_of,operates_in");
  ASSERT_TRUE(types.ok());
  EXPECT_EQ(*types,
            (std::vector<RelationType>{RelationType::kPartnerOf, RelationType::kOperatesIn}));
  auto bad = ParseRelationList("partner_of,friends_with");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("\"friends_with\": unknown relation"), std::string::npos);
  EXPECT_NE(bad.status().message().find("has_theme"), std::string::npos) << "lists valid names";
}

TEST(ValidateDate, AcceptsIsoPrefixes) {
  for (const char* ok : {"2024", "2024-05", "2024-05-31"}) EXPECT_TRUE(ValidateDate(ok).ok()) << ok;
  for (const char* bad : {"24", "2024-5", "2024/05/01", "2024-00", "2024-05-32", "yesterday"}) {
    EXPECT_EQ(ValidateDate(bad).code(), StatusCode::kInvalidArgument) << bad;
  }
}

}  // namespace
}  // namespace corpgraph::exporter
