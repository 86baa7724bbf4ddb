#include "extract/lexicon.h"

#include <gtest/gtest.h>

#include "extract/extractor.h"
#include "tests/extract/test_util.h"

namespace corpgraph::extract {
namespace {

TEST(Lexicon, ParentsAreClosedTransitively) {
  Lexicon lexicon;
  ASSERT_TRUE(lexicon
                  .AddJson(R"({"entities": [
      {"id": "place:asia", "name": "Asia", "type": "place", "subtype": "region"},
      {"id": "place:sea", "name": "South-eastern Asia", "type": "place", "parents": ["place:asia"]},
      {"id": "place:ID", "name": "Indonesia", "type": "place", "parents": ["place:sea"]}]})",
                           "t.json")
                  .ok());
  ASSERT_TRUE(lexicon.Finalize().ok());
  EXPECT_EQ(lexicon.Find("place:ID")->ancestors,
            std::vector<std::string>({"place:sea", "place:asia"}));
}

struct BadLexicon {
  const char* json;
  const char* message;
};

TEST(Lexicon, BadEntriesNameFileIndexAndField) {
  const BadLexicon kBad[] = {
      {R"({"entities": [{"id": "org:x", "name": "X", "type": "company"}]})", "\"type\" must be"},
      {R"({"entities": [{"id": "place:x", "name": "X", "type": "organization"}]})",
       "id must start with \"org:\""},
      {R"({"entities": [{"id": "org:x", "name": "X", "type": "organization", "tickers": ["BABA"]}]})",
       "EXCHANGE:SYMBOL"},
      {R"({"entities": [{"id": "org:x", "type": "organization"}]})", "missing \"name\""},
      {R"({"entities": [{"id": "org:x", "name": "X", "type": "organization", "aliases": "X Corp"}]})",
       "\"aliases\" must be an array"},
      {R"({"entities": [{"id": "org:x", "name": "X", "type": "organization", "listings": "some"}]})",
       "\"listings\" must be \"domestic\" or \"international\""},
      {R"({"entities": {}})", "\"entities\" array"},
      {R"({"entities": [)", "not valid JSON"},
  };
  for (const BadLexicon& c : kBad) {
    Lexicon lexicon;
    const Status s = lexicon.AddJson(c.json, "mine.json");
    ASSERT_FALSE(s.ok()) << c.json;
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
    EXPECT_NE(s.message().find(c.message), std::string::npos) << s.message();
    EXPECT_NE(s.message().find("mine.json"), std::string::npos) << s.message();
  }
}

TEST(Lexicon, CycleAndUnknownReferenceFailFinalize) {
  Lexicon cycle;
  ASSERT_TRUE(cycle
                  .AddJson(R"({"entities": [
      {"id": "place:a", "name": "A", "type": "place", "parents": ["place:b"]},
      {"id": "place:b", "name": "B", "type": "place", "parents": ["place:a"]}]})",
                           "t.json")
                  .ok());
  EXPECT_NE(cycle.Finalize().message().find("cycle"), std::string::npos);
  Lexicon unknown;
  ASSERT_TRUE(unknown
                  .AddJson(R"({"entities": [
      {"id": "org:a", "name": "A", "type": "organization", "hq": "place:nowhere"}]})",
                           "t.json")
                  .ok());
  EXPECT_NE(unknown.Finalize().message().find("place:nowhere"), std::string::npos);
}

TEST(Lexicon, ListingPlacesNameOneExchangeEach) {
  const std::string places = R"(
      {"id": "place:HK", "name": "Hong Kong", "type": "place"},
      {"id": "org:acme", "name": "Acme", "type": "organization"},)";
  Lexicon good;
  ASSERT_TRUE(good.AddJson(R"({"entities": [)" + places + R"(
      {"id": "org:hkex", "name": "HKEX", "type": "organization", "subtype": "exchange",
       "listing_places": ["place:HK"]}]})",
                           "t.json")
                  .ok());
  ASSERT_TRUE(good.Finalize().ok());
  ASSERT_NE(good.FindExchangeByPlace("place:HK"), nullptr);
  EXPECT_EQ(good.FindExchangeByPlace("place:HK")->id, "org:hkex");
  EXPECT_EQ(good.FindExchangeByPlace("place:CN"), nullptr);
  // Two exchanges for one place, a place that does not exist, and a company as a place.
  auto finalize_error = [&](const std::string& exchanges) {
    Lexicon lexicon;
    EXPECT_TRUE(lexicon.AddJson(R"({"entities": [)" + places + exchanges + "]}", "t.json").ok());
    return lexicon.Finalize().message();
  };
  auto exchange = [](const std::string& id, const std::string& place) {
    return R"({"id": ")" + id + R"(", "name": ")" + id +
           R"(", "type": "organization", "subtype": "exchange", "listing_places": [")" + place +
           R"("]})";
  };
  EXPECT_NE(finalize_error(exchange("org:x1", "place:HK") + "," + exchange("org:x2", "place:HK"))
                .find("must mean one exchange"),
            std::string::npos);
  EXPECT_NE(finalize_error(exchange("org:x1", "place:nowhere")).find("place:nowhere"),
            std::string::npos);
  EXPECT_NE(finalize_error(exchange("org:x1", "org:acme")).find("not a place"), std::string::npos);
}

TEST(Lexicon, UserFileExtendsDefaults) {
  const std::string path = ::testing::TempDir() + "/user_lexicon.json";
  {
    FILE* f = fopen(path.c_str(), "w");
    ASSERT_NE(f, nullptr);
    fputs(R"({"entities": [{"id": "org:quillfeather", "name": "Quillfeather Analytics",
              "type": "organization", "subtype": "company", "aliases": ["Quillfeather"],
              "hq": "place:NZ"}]})",
          f);
    fclose(f);
  }
  auto extractor = Extractor::Create({.lexicon_files = {path}});
  ASSERT_TRUE(extractor.ok()) << extractor.status().message();
  Document doc{.id = "d", .text = "Quillfeather opened an office in Auckland."};
  const Extraction x = (*extractor)->Extract(doc);
  const Entity* e = testing::FindEntity(x, "Quillfeather Analytics");
  ASSERT_NE(e, nullptr) << testing::Describe(x);
  EXPECT_EQ(e->id, "org:quillfeather");
}

TEST(Lexicon, MakerMustNameAnOrganization) {
  Lexicon unknown;
  ASSERT_TRUE(unknown
                  .AddJson(R"({"entities": [
      {"id": "product:tarn", "name": "Tarn", "type": "product", "maker": "org:nobody"}]})",
                           "t.json")
                  .ok());
  EXPECT_NE(unknown.Finalize().message().find("org:nobody"), std::string::npos);
  Lexicon place;
  ASSERT_TRUE(place
                  .AddJson(R"({"entities": [
      {"id": "place:kelso", "name": "Kelso", "type": "place"},
      {"id": "product:tarn", "name": "Tarn", "type": "product", "maker": "place:kelso"}]})",
                           "t.json")
                  .ok());
  EXPECT_NE(place.Finalize().message().find("not an organization"), std::string::npos);
  Lexicon good;
  ASSERT_TRUE(good.AddJson(R"({"entities": [
      {"id": "org:kelso", "name": "Kelso Motors", "type": "organization"},
      {"id": "product:tarn", "name": "Tarn", "type": "product", "maker": "org:kelso"}]})",
                           "t.json")
                  .ok());
  ASSERT_TRUE(good.Finalize().ok());
  EXPECT_EQ(good.Find("product:tarn")->maker, "org:kelso");
}

TEST(Lexicon, DefaultLexiconIsLargeAndConsistent) {
  const auto taxonomy = testing::DefaultExtractor().Taxonomy();
  size_t countries = 0, cities = 0, themes = 0, exchanges = 0;
  for (const Entity& e : taxonomy) {
    if (e.subtype == "country") ++countries;
    if (e.subtype == "city") ++cities;
    if (e.type == EntityType::kTheme) ++themes;
    if (e.subtype == "exchange") ++exchanges;
  }
  EXPECT_GE(countries, 240u);
  EXPECT_GE(cities, 150u);
  EXPECT_GE(themes, 25u);
  EXPECT_GE(exchanges, 20u);
}

TEST(Lexicon, LoadTaxonomyIsTheExtractorsTaxonomy) {
  auto loaded = Extractor::LoadTaxonomy({});
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  const auto taxonomy = testing::DefaultExtractor().Taxonomy();
  ASSERT_EQ(loaded->size(), taxonomy.size());
  for (size_t i = 0; i < taxonomy.size(); ++i) {
    EXPECT_EQ((*loaded)[i].id, taxonomy[i].id);
    EXPECT_EQ((*loaded)[i].name, taxonomy[i].name);
    EXPECT_EQ((*loaded)[i].aliases, taxonomy[i].aliases) << taxonomy[i].id;
    EXPECT_EQ((*loaded)[i].parents, taxonomy[i].parents) << taxonomy[i].id;
    EXPECT_EQ((*loaded)[i].attributes, taxonomy[i].attributes) << taxonomy[i].id;
  }
  auto missing = Extractor::LoadTaxonomy({.lexicon_files = {"/nonexistent/lexicon.json"}});
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_NE(
      missing.status().message().find("loading lexicon: /nonexistent/lexicon.json: cannot open"),
      std::string::npos)
      << missing.status().message();
}

}  // namespace
}  // namespace corpgraph::extract
