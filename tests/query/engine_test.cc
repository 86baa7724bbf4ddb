#include "query/engine.h"

#include <gtest/gtest.h>

#include "query/format.h"
#include "tests/query/test_graph.h"

namespace corpgraph::query {
namespace {

class EngineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    graph_ = testing::TestGraph();
    ASSERT_NE(graph_, nullptr);
    engine_ = std::make_unique<Engine>(*graph_, nullptr);
  }

  Answer Run(const std::string& query) {
    Result<Answer> answer = engine_->Run(query);
    EXPECT_TRUE(answer.ok()) << query << ": " << answer.status().ToString();
    if (!answer.ok()) return Answer{};
    return std::move(answer).value();
  }

  // Each path as "Apple —partner_of→ Alibaba —operates_in→ China @0.612".
  std::vector<std::string> Paths(const std::string& query) {
    Answer answer = Run(query);
    std::vector<std::string> out;
    const std::vector<Path>* paths = nullptr;
    if (auto* e = std::get_if<ExposureAnswer>(&answer.body)) paths = &e->paths;
    if (auto* p = std::get_if<PathsAnswer>(&answer.body)) paths = &p->paths;
    if (paths == nullptr) return {"<not a path answer>"};
    char score[32];
    for (const Path& path : *paths) {
      std::snprintf(score, sizeof(score), " @%.4f", path.score);
      out.push_back(PathLine(path) + score);
    }
    return out;
  }

  std::unique_ptr<graph::Graph> graph_;
  std::unique_ptr<Engine> engine_;
};

using V = std::vector<std::string>;

TEST_F(EngineTest, ExposureFollowsPartnersSuppliersAndPlaceHierarchy) {
  EXPECT_EQ(Paths("exposure Apple to region:Asia"),
            (V{"Apple \u2014partner_of\u2192 Alibaba \u2014operates_in\u2192 China @0.6120",
               "Apple \u2190supplies\u2014 Foxconn \u2014operates_in\u2192 Vietnam @0.5355",
               "Apple \u2014operates_in\u2192 China @0.5000"}));
}

TEST_F(EngineTest, ExposureSubRegionAndCountry) {
  EXPECT_EQ(Paths("exposure Apple to region:\"South-eastern Asia\""),
            (V{"Apple \u2190supplies\u2014 Foxconn \u2014operates_in\u2192 Vietnam @0.5355"}));
  EXPECT_EQ(Paths("exposure apple inc. to country:CN"),
            (V{"Apple \u2014partner_of\u2192 Alibaba \u2014operates_in\u2192 China @0.6120",
               "Apple \u2014operates_in\u2192 China @0.5000"}));
}

TEST_F(EngineTest, DeniedRelationSkippedUnlessIncludeUnconfirmed) {
  EXPECT_EQ(Paths("exposure Apple to country:Indonesia"), V{});
  EXPECT_EQ(Paths("exposure Apple to country:Indonesia include-unconfirmed"),
            (V{"Apple \u2014acquires\u2192 Rumorco \u2014operates_in\u2192 Indonesia @0.7268"}));
}

TEST_F(EngineTest, CompetesWithOnlyWalkedWhenNamedInVia) {
  EXPECT_EQ(Paths("exposure Apple to country:\"South Korea\""), V{});
  EXPECT_EQ(
      Paths("exposure Apple to country:\"South Korea\" via competes_with,operates_in"),
      (V{"Apple \u2014competes_with\u2192 Samsung \u2014operates_in\u2192 South Korea @0.6885"}));
}

TEST_F(EngineTest, DirectionRules) {
  // A parent is exposed through its unit, not the unit through its parent.
  EXPECT_EQ(Paths("exposure Holdco to country:Japan"),
            (V{"Holdco \u2190subsidiary_of\u2014 Unitco \u2014operates_in\u2192 Japan @0.6120"}));
  EXPECT_EQ(Paths("exposure Unitco to country:\"United States\""), V{});
  // An investor through its investee, not the reverse.
  EXPECT_EQ(Paths("exposure Fund to country:India"),
            (V{"Fund \u2014invests_in\u2192 Startup \u2014operates_in\u2192 India @0.3570"}));
  EXPECT_EQ(Paths("exposure Startup to country:\"United States\""), V{});
  // A customer through its supplier, not the supplier through its customer.
  EXPECT_EQ(Paths("exposure Foxconn to country:China"), V{});
  // A person through the company they run.
  EXPECT_EQ(Paths("exposure Tim Cook to country:Vietnam"),
            (V{"Tim Cook \u2014executive_of\u2192 Apple \u2190supplies\u2014 Foxconn "
               "\u2014operates_in\u2192 Vietnam @0.4097"}));
}

TEST_F(EngineTest, ThemeHierarchy) {
  EXPECT_EQ(Paths("exposure Apple to theme:AI"),
            (V{"Apple \u2014partner_of\u2192 Alibaba \u2014has_theme\u2192 Large language models "
               "@0.6885"}));
}

TEST_F(EngineTest, TopHopsViaAndFilters) {
  EXPECT_EQ(Paths("exposure Apple to region:Asia top 1"),
            (V{"Apple \u2014partner_of\u2192 Alibaba \u2014operates_in\u2192 China @0.6120"}));
  EXPECT_EQ(Paths("exposure Apple to region:Asia hops 1"),
            (V{"Apple \u2014operates_in\u2192 China @0.5000"}));
  EXPECT_EQ(Paths("exposure Apple to region:Asia via supplies,operates_in"),
            (V{"Apple \u2190supplies\u2014 Foxconn \u2014operates_in\u2192 Vietnam @0.5355",
               "Apple \u2014operates_in\u2192 China @0.5000"}));
  EXPECT_EQ(Paths("exposure Apple to region:Asia min-confidence 0.75").size(), 1u);
  // Relation 5 (Apple operates_in China) was last seen in 2022.
  EXPECT_EQ(Paths("exposure Apple to region:Asia hops 1 since 2023"), V{});
  EXPECT_EQ(Paths("exposure Apple to region:Asia hops 1 until 2022"),
            (V{"Apple \u2014operates_in\u2192 China @0.5000"}));
  EXPECT_EQ(Paths("exposure Apple to region:Asia until 2023").size(), 1u);
}

TEST_F(EngineTest, ExposureAnswerCarriesSubgraphAndDirections) {
  Answer answer = Run("exposure Foxconn to region:Asia");
  const auto& exposure = std::get<ExposureAnswer>(answer.body);
  EXPECT_EQ(exposure.subject.id, "org:foxconn");
  EXPECT_EQ(exposure.target.id, "place:asia");
  ASSERT_EQ(exposure.paths.size(), 1u);
  EXPECT_EQ(answer.subgraph.vertices.size(), 2u);
  EXPECT_EQ(answer.subgraph.relations.size(), 1u);

  answer = Run("exposure Apple to region:\"South-eastern Asia\"");
  const PathHop& hop = std::get<ExposureAnswer>(answer.body).paths.at(0).hops.at(0);
  EXPECT_EQ(hop.subject.name, "Foxconn");  // stored direction
  EXPECT_EQ(hop.object.name, "Apple");
  EXPECT_FALSE(hop.forward);
  EXPECT_FALSE(hop.evidence.has_value());  // no store
}

TEST_F(EngineTest, RankingOrdersEveryOrganization) {
  Answer answer = Run("exposure * to region:Asia");
  const auto& ranking = std::get<ExposureRankingAnswer>(answer.body).ranking;
  std::vector<std::string> got;
  for (const RankingEntry& e : ranking) {
    char line[128];
    std::snprintf(line, sizeof(line), "%s %.4f %zu", e.entity.name.c_str(), e.score,
                  e.path.hops.size());
    got.push_back(line);
  }
  EXPECT_EQ(got, (V{"Foxconn 0.9000 1", "Rumorco 0.9000 1", "Samsung 0.9000 1", "Unitco 0.9000 1",
                    "Alibaba 0.8000 1", "Startup 0.7000 1", "Apple 0.6120 2", "Holdco 0.6120 2",
                    "Fund 0.3570 2"}));
  EXPECT_EQ(PathLine(ranking[6].path),
            "Apple \u2014partner_of\u2192 Alibaba \u2014operates_in\u2192 China");
  EXPECT_EQ(PathLine(ranking[7].path),
            "Holdco \u2190subsidiary_of\u2014 Unitco \u2014operates_in\u2192 Japan");

  answer = Run("exposure * to region:Asia top 2 hops 1");
  EXPECT_EQ(std::get<ExposureRankingAnswer>(answer.body).ranking.size(), 2u);
}

TEST_F(EngineTest, RankingAgreesWithSingleSubjectSearch) {
  Answer ranking = Run("exposure * to region:Asia");
  for (const RankingEntry& e : std::get<ExposureRankingAnswer>(ranking.body).ranking) {
    Answer single = Run("exposure \"" + e.entity.id + "\" to region:Asia top 1");
    const auto& paths = std::get<ExposureAnswer>(single.body).paths;
    ASSERT_EQ(paths.size(), 1u) << e.entity.name;
    EXPECT_DOUBLE_EQ(paths[0].score, e.score) << e.entity.name;
  }
}

TEST_F(EngineTest, PathsBothWays) {
  EXPECT_EQ(Paths("paths Apple -> China"),
            (V{"Apple \u2014partner_of\u2192 Alibaba \u2014operates_in\u2192 China @0.6120",
               "Apple \u2014operates_in\u2192 China @0.5000"}));
  // paths walk directed relations against their direction too.
  EXPECT_EQ(Paths("paths Foxconn -> Alibaba hops 2"),
            (V{"Foxconn \u2014supplies\u2192 Apple \u2014partner_of\u2192 Alibaba @0.5355"}));
  EXPECT_EQ(Paths("paths Foxconn -> Alibaba hops 2 via supplies"), V{});
}

TEST_F(EngineTest, UnknownNamesSuggest) {
  Result<Answer> answer = engine_->Run("exposure Alibab to region:Asia");
  ASSERT_FALSE(answer.ok());
  EXPECT_EQ(answer.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(answer.status().message(),
            "unknown entity \"Alibab\" \u2014 did you mean \"Alibaba\"?");
  answer = engine_->Run("exposure Apple to region:Asai");
  ASSERT_FALSE(answer.ok());
  EXPECT_EQ(answer.status().message(), "unknown region \"Asai\" \u2014 did you mean \"Asia\"?");
  answer = engine_->Run("exposure Apple to theme:Alibaba");  // an org is not a theme
  ASSERT_FALSE(answer.ok());
  EXPECT_EQ(answer.status().code(), StatusCode::kNotFound);
  answer = engine_->Run("exposure Apple to Asai");  // a bare name: places and themes
  ASSERT_FALSE(answer.ok());
  EXPECT_EQ(answer.status().message(),
            "unknown place or theme \"Asai\" \u2014 did you mean \"Asia\"?");
}

// A bare target is a place when one has the name, else a theme: the same answers as with
// the prefix.
TEST_F(EngineTest, BareTargetIsAPlaceOrATheme) {
  EXPECT_EQ(Paths("exposure Apple to Asia"), Paths("exposure Apple to region:Asia"));
  EXPECT_EQ(Paths("exposure Apple to \"South-eastern Asia\""),
            Paths("exposure Apple to region:\"South-eastern Asia\""));
  EXPECT_EQ(Paths("exposure Apple to AI"), Paths("exposure Apple to theme:AI"));
  EXPECT_FALSE(Paths("exposure Apple to AI").empty());
  EXPECT_FALSE(Paths("exposure Apple to Asia").empty());
}

TEST_F(EngineTest, NeighborsGroupedWithDirection) {
  Answer answer = Run("neighbors Apple");
  const auto& rows = std::get<NeighborsAnswer>(answer.body).rows;
  std::vector<std::string> got;
  for (const NeighborRow& r : rows) {
    got.push_back(std::string(RelationTypeName(r.relation)) + (r.outgoing ? " > " : " < ") +
                  r.neighbor.name);
  }
  EXPECT_EQ(got, (V{"partner_of < Alibaba", "acquires > Rumorco", "supplies < Foxconn",
                    "competes_with > Samsung", "executive_of < Tim Cook", "operates_in > China",
                    "headquartered_in > United States"}));
  answer = Run("neighbors Apple rel partner_of hops 2");
  const auto& two = std::get<NeighborsAnswer>(answer.body).rows;
  ASSERT_EQ(two.size(), 1u);  // Alibaba; its only partner is Apple itself
  answer = Run("neighbors Apple hops 2 top 3");
  EXPECT_EQ(std::get<NeighborsAnswer>(answer.body).rows.size(), 3u);
  EXPECT_GT(std::get<NeighborsAnswer>(answer.body).omitted, 0u);
}

TEST_F(EngineTest, EntityCard) {
  Answer answer = Run("entity AAPL");
  const auto& card = std::get<EntityAnswer>(answer.body);
  EXPECT_EQ(card.entity.id, "org:apple");
  EXPECT_EQ(card.attributes.at("ticker"), "AAPL");
  EXPECT_EQ(card.relation_counts.at("operates_in"), 1);
  EXPECT_EQ(card.relation_counts.at("partner_of"), 1);
  ASSERT_FALSE(card.strongest.empty());
  EXPECT_EQ(card.strongest[0].other.name, "United States");  // strength 0.99

  answer = Run("entity China");
  const auto& china = std::get<EntityAnswer>(answer.body);
  ASSERT_EQ(china.parents.size(), 2u);
  EXPECT_EQ(china.parents[0].name, "Eastern Asia");
}

TEST_F(EngineTest, FindStatsHelpAndStoreOnlyCommands) {
  Answer answer = Run("find alibab");
  ASSERT_FALSE(std::get<FindAnswer>(answer.body).matches.empty());
  EXPECT_EQ(std::get<FindAnswer>(answer.body).matches[0].id, "org:alibaba");

  answer = Run("stats");
  const auto& stats = std::get<StatsAnswer>(answer.body);
  EXPECT_FALSE(stats.from_store);
  EXPECT_EQ(stats.stats.relations, 18);
  EXPECT_EQ(stats.stats.relations_by_type.at("operates_in"), 9);

  answer = Run("help paths");
  EXPECT_NE(std::get<HelpAnswer>(answer.body).text.find("paths A -> B"), std::string::npos);

  Result<Answer> evidence = engine_->Run("evidence Alibaba partner_of Apple");
  ASSERT_FALSE(evidence.ok());
  EXPECT_EQ(evidence.status().code(), StatusCode::kFailedPrecondition);
}

TEST_F(EngineTest, CancelFlagStopsSearch) {
  std::atomic<bool> cancel{true};
  // The tiny graph finishes before the first check; a cancelled ranking over
  // many vertices must report cancellation instead.
  std::vector<graph::EntityRecord> entities = testing::TestEntities();
  std::vector<graph::RelationRecord> relations = testing::TestRelations();
  for (int i = 0; i < 3000; ++i) {
    std::string id = "org:bulk-" + std::to_string(i);
    entities.push_back(testing::Org(id, "Bulk " + std::to_string(i), 1));
    relations.push_back(testing::Rel(1000 + i, id, RelationType::kOperatesIn, "place:CN", 0.5));
  }
  auto big = graph::Graph::FromRecords(entities, relations);
  ASSERT_TRUE(big.ok()) << big.status().ToString();
  Engine engine(**big, nullptr);
  Result<Answer> answer = engine.Run("exposure * to region:Asia", &cancel);
  ASSERT_FALSE(answer.ok());
  EXPECT_NE(answer.status().message().find("cancelled"), std::string::npos);
  cancel = false;
  EXPECT_TRUE(engine.Run("exposure * to region:Asia", &cancel).ok());
}

}  // namespace
}  // namespace corpgraph::query
