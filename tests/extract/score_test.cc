// Tests for extract/score.h: name normalisation, gold parsing and the scoring
// rules shared with shared/eval/score.py. Gold lines and extractions are our
// own, built by hand.
#include "extract/score.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace corpgraph::extract {
namespace {

TEST(NormalizeName, FollowsScorePyRules) {
  struct Case {
    const char* name;
    const char* expected;
  };
  static const Case kCases[] = {
      {"Northwind", "northwind"},
      {"NORTHWIND", "northwind"},
      {"Northwind's", "northwind"},       // possessive
      {"Northwind\u2019s", "northwind"},  // curly apostrophe
      {"Northwind\u2018s", "northwind"},
      {"Northwind's Cloud unit", "northwind cloud unit"},
      {"Northwind'ssss", "northwindssss"},             // 's not at a word boundary: kept...
      {"it's_x", "its x"},                             // ...'_' is a word character
      {"The Northwind Group", "northwind"},            // leading "the", suffix
      {"the", ""},                                     // only "the"
      {"Theory Labs", "theory labs"},                  // "the" only as a whole word
      {"Group", "group"},                              // a lone suffix stays
      {"Northwind Group Holdings Ltd.", "northwind"},  // suffixes stripped repeatedly
      {"Holding Co", "holding"},                       // ...while more than one word remains
      {"Acme Inc", "acme"},
      {"Acme, Inc.", "acme"},
      {"Acme Corp", "acme"},
      {"Acme Corporation", "acme"},
      {"Acme Company", "acme"},
      {"Acme Limited", "acme"},
      {"Acme PLC", "acme"},
      {"Acme AG", "acme"},
      {"Acme S.A.", "acme"},  // dots removed, then "sa"
      {"Acme N.V.", "acme"},
      {"Acme LLC", "acme"},
      {"Acme SE", "acme"},
      {"Acme Bhd", "acme"},
      {"PT Acme Tbk", "pt acme"},
      {"Group Acme", "group acme"},                // suffix words only at the end
      {"Co-operative Bank", "co operative bank"},  // - to space
      {"AT&T", "at&t"},                            // & kept
      {"C++ Labs", "c++ labs"},                    // + kept
      {"Foo/Bar", "foo bar"},                      // / to space
      {"foo_bar", "foo bar"},                      // _ to space
      {"Acme (NYSE: ACM)", "acme nyse acm"},       // other punctuation dropped
      {"  spaced   out  ", "spaced out"},
      {"tab\tjoined", "tabjoined"},               // only ' ' separates words
      {"Ｎｏｒｔｈｗｉｎｄ", "northwind"},        // NFKC: full-width letters
      {"\uFB01nance House", "finance house"},     // NFKC: the fi ligature
      {"Caf\u0065\u0301 Holdings", "caf\u00e9"},  // NFKC composes e + acute
      {"Société Générale SA", "société générale"},
      {"ÅNGSTRÖM AB", "ångström ab"},
      {"Zürich Insurance Group", "zürich insurance"},
      {"Tokyo 2020", "tokyo 2020"},
      {"", ""},
  };
  for (const Case& c : kCases) {
    EXPECT_EQ(NormalizeName(c.name), c.expected) << c.name;
  }
}

TEST(DocKey, LastPathComponentWithoutExtension) {
  struct Case {
    const char* id;
    const char* expected;
  };
  static const Case kCases[] = {
      {"a1", "a1"},
      {"news/a1.txt", "a1"},
      {"news\\a1.md", "a1"},
      {"news/a1.html", "a1"},
      {"news/a1.htm", "a1"},
      {"dump.jsonl", "dump"},
      {"dump.json", "dump"},
      {"news/a1/", "a1"},
      {"a1.csv", "a1.csv"},  // other extensions stay
      {"dump.jsonl:3", "dump.jsonl:3"},
      {"a1.txt.txt", "a1.txt"},
  };
  for (const Case& c : kCases) {
    EXPECT_EQ(DocKey(c.id), c.expected) << c.id;
  }
}

TEST(ParseGoldLine, ReadsEntitiesRelationsAndAlternatives) {
  auto entity = ParseGoldLine(
      R"({"doc": "d1", "kind": "entity", "name": ["Northwind", "NWD"], "type": "organization"})");
  ASSERT_TRUE(entity.ok()) << entity.status().message();
  EXPECT_EQ(entity->kind, GoldItem::Kind::kEntity);
  EXPECT_EQ(entity->doc, "d1");
  EXPECT_TRUE(entity->required);
  EXPECT_EQ(entity->names, (std::vector<std::string>{"Northwind", "NWD"}));
  EXPECT_EQ(entity->type, "organization");
  EXPECT_EQ(entity->description,
            R"({"kind": "entity", "name": ["Northwind", "NWD"], "type": "organization"})");

  auto relation =
      ParseGoldLine(R"({"doc": "d1", "kind": "relation", "subject": ["A"], "relation": "acquires",)"
                    R"( "object": ["B"], "required": false})");
  ASSERT_TRUE(relation.ok()) << relation.status().message();
  EXPECT_FALSE(relation->required);
  ASSERT_EQ(relation->alternatives.size(), 1u);
  EXPECT_EQ(relation->alternatives[0].relation, "acquires");

  auto any_of = ParseGoldLine(R"({"doc": "d1", "kind": "relation", "any_of": [)"
                              R"({"subject": ["A"], "relation": "acquires", "object": ["B"]},)"
                              R"({"subject": ["A"], "relation": "invests_in", "object": ["B"]}]})");
  ASSERT_TRUE(any_of.ok()) << any_of.status().message();
  ASSERT_EQ(any_of->alternatives.size(), 2u);
  EXPECT_EQ(any_of->alternatives[1].relation, "invests_in");
}

TEST(ParseGoldLine, RejectsMalformedLines) {
  struct Case {
    const char* line;
    const char* message;
  };
  static const Case kCases[] = {
      {R"({"doc": "d1", "kind": "entity")", "not JSON"},
      {R"(["d1"])", "not a JSON object"},
      {R"({"kind": "entity", "name": ["A"], "type": "organization"})", "missing \"doc\""},
      {R"({"doc": "d1", "kind": "entity", "type": "organization"})", "missing \"name\""},
      {R"({"doc": "d1", "kind": "entity", "name": ["A"]})", "missing \"type\""},
      {R"({"doc": "d1", "kind": "entity", "name": [], "type": "organization"})", "non-empty"},
      {R"({"doc": "d1", "kind": "entity", "name": [1], "type": "organization"})", "non-string"},
      {R"({"doc": "d1", "kind": "relation", "subject": ["A"], "object": ["B"]})",
       "missing \"relation\""},
      {R"({"doc": "d1", "kind": "relation", "any_of": [{"subject": ["A"], "relation": "x"}]})",
       "missing \"object\""},
      {R"({"doc": "d1", "kind": "entity", "name": ["A"], "type": "organization", "required": 1})",
       "\"required\""},
  };
  for (const Case& c : kCases) {
    auto item = ParseGoldLine(c.line);
    ASSERT_FALSE(item.ok()) << c.line;
    EXPECT_EQ(item.status().code(), StatusCode::kInvalidArgument) << c.line;
    EXPECT_NE(item.status().message().find(c.message), std::string::npos)
        << c.line << " -> " << item.status().message();
  }
}

// --- hand-built gold and extractions -------------------------------------

std::vector<GoldItem> Gold(const std::vector<std::string>& lines) {
  std::vector<GoldItem> gold;
  for (const std::string& line : lines) {
    auto item = ParseGoldLine(line);
    EXPECT_TRUE(item.ok()) << line << ": " << item.status().message();
    if (item.ok()) gold.push_back(*item);
  }
  return gold;
}

Fact MakeFact(const std::string& subject, RelationType relation, const std::string& object) {
  Fact f;
  f.subject.name = subject;
  f.relation = relation;
  f.object.name = object;
  return f;
}

Entity MakeEntity(const std::string& name, EntityType type, std::vector<std::string> aliases = {}) {
  Entity e;
  e.name = name;
  e.type = type;
  e.aliases = std::move(aliases);
  return e;
}

std::string Rel(const std::string& doc, const std::string& s, const std::string& rel,
                const std::string& o, bool required = true) {
  return R"({"doc": ")" + doc + R"(", "kind": "relation", "subject": [")" + s +
         R"("], "relation": ")" + rel + R"(", "object": [")" + o + R"("], "required": )" +
         (required ? "true" : "false") + "}";
}

std::string Ent(const std::string& doc, const std::string& name, const std::string& type,
                bool required = true) {
  return R"({"doc": ")" + doc + R"(", "kind": "entity", "name": [")" + name + R"("], "type": ")" +
         type + R"(", "required": )" + (required ? "true" : "false") + "}";
}

TEST(Scorer, RelationMatchingRules) {
  struct Case {
    const char* what;
    std::string gold;
    Fact predicted;
    bool matches;
  };
  const Case kCases[] = {
      {"same direction", Rel("d", "Northwind", "acquires", "Bluefin"),
       MakeFact("Northwind Inc.", RelationType::kAcquires, "Bluefin's"), true},
      {"directed relation reversed", Rel("d", "Northwind", "acquires", "Bluefin"),
       MakeFact("Bluefin", RelationType::kAcquires, "Northwind"), false},
      {"partner_of reversed", Rel("d", "Northwind", "partner_of", "Bluefin"),
       MakeFact("Bluefin", RelationType::kPartnerOf, "Northwind"), true},
      {"competes_with reversed", Rel("d", "Northwind", "competes_with", "Bluefin"),
       MakeFact("Bluefin", RelationType::kCompetesWith, "Northwind"), true},
      {"wrong relation", Rel("d", "Northwind", "partner_of", "Bluefin"),
       MakeFact("Northwind", RelationType::kInvestsIn, "Bluefin"), false},
      {"wrong object", Rel("d", "Northwind", "partner_of", "Bluefin"),
       MakeFact("Northwind", RelationType::kPartnerOf, "Redwood"), false},
      {"any_of second alternative",
       R"({"doc": "d", "kind": "relation", "any_of": [)"
       R"({"subject": ["Northwind"], "relation": "acquires", "object": ["Bluefin"]},)"
       R"({"subject": ["Northwind"], "relation": "invests_in", "object": ["Bluefin", "Bluefin Labs"]}]})",
       MakeFact("Northwind", RelationType::kInvestsIn, "Bluefin Labs"), true},
      {"other document", Rel("e", "Northwind", "acquires", "Bluefin"),
       MakeFact("Northwind", RelationType::kAcquires, "Bluefin"), false},
  };
  for (const Case& c : kCases) {
    // A second, unrelated gold item keeps document "d" labelled in every case.
    Scorer scorer(Gold({c.gold, Ent("d", "Placeholder", "organization")}), {});
    Extraction x;
    x.facts.push_back(c.predicted);
    scorer.Add("d", x);
    const ScoreReport report = scorer.Report();
    EXPECT_EQ(report.relations.correct, c.matches ? 1 : 0) << c.what;
    EXPECT_EQ(report.relations.false_positives.size(), c.matches ? 0u : 1u) << c.what;
    const bool same_doc = c.gold.find(R"("doc": "d")") != std::string::npos;
    EXPECT_EQ(report.relations.found, c.matches && same_doc ? 1 : 0) << c.what;
  }
}

TEST(Scorer, EntityAliasesAndTypeMustMatch) {
  struct Case {
    const char* what;
    Entity predicted;
    bool matches;
  };
  const Case kCases[] = {
      {"name", MakeEntity("Northwind Holdings", EntityType::kOrganization), true},
      {"alias", MakeEntity("NW Industries", EntityType::kOrganization, {"Northwind"}), true},
      {"wrong type", MakeEntity("Northwind", EntityType::kPlace), false},
      {"no name in common", MakeEntity("Redwood", EntityType::kOrganization, {"RW"}), false},
  };
  for (const Case& c : kCases) {
    Scorer scorer(Gold({Ent("d", "The Northwind Group", "organization")}), {});
    Extraction x;
    x.entities.push_back(c.predicted);
    scorer.Add("news/d.txt", x);
    const ScoreReport report = scorer.Report();
    EXPECT_EQ(report.entities.found, c.matches ? 1 : 0) << c.what;
    EXPECT_EQ(report.entities.correct, c.matches ? 1 : 0) << c.what;
    EXPECT_EQ(report.entities.predicted, 1) << c.what;
  }
}

TEST(Scorer, OptionalGoldIsNeitherMissNorFalsePositive) {
  Scorer scorer(Gold({Rel("d", "Northwind", "partner_of", "Bluefin"),
                      Rel("d", "Northwind", "operates_in", "Chile", /*required=*/false),
                      Ent("d", "Chile", "place", /*required=*/false)}),
                {});
  Extraction x;
  x.facts.push_back(MakeFact("Northwind", RelationType::kOperatesIn, "Chile"));
  x.entities.push_back(MakeEntity("Chile", EntityType::kPlace));
  scorer.Add("d", x);
  const ScoreReport report = scorer.Report();
  EXPECT_EQ(report.relations.required, 1);
  EXPECT_EQ(report.relations.found, 0);
  EXPECT_EQ(report.relations.correct, 1);
  EXPECT_EQ(report.relations.predicted, 1);
  EXPECT_TRUE(report.relations.false_positives.empty());
  ASSERT_EQ(report.relations.misses.size(), 1u);
  EXPECT_EQ(report.relations.misses[0].item.alternatives[0].relation, "partner_of");
  EXPECT_EQ(report.entities.required, 0);
  EXPECT_EQ(report.entities.correct, 1);
  EXPECT_DOUBLE_EQ(report.entities.recall, 0.0);
  EXPECT_DOUBLE_EQ(report.entities.precision, 1.0);
}

TEST(Scorer, DocumentsAreScoredInIsolation) {
  Scorer scorer(Gold({Ent("a", "Northwind", "organization"), Ent("b", "Bluefin", "organization")}),
                {});
  Extraction in_a;  // Bluefin is gold only in b: a false positive in a
  in_a.entities.push_back(MakeEntity("Bluefin", EntityType::kOrganization));
  scorer.Add("corpus/a.txt", in_a);
  Extraction in_c;  // c has no gold: ignored entirely
  in_c.entities.push_back(MakeEntity("Northwind", EntityType::kOrganization));
  scorer.Add("c", in_c);
  const ScoreReport report = scorer.Report();
  EXPECT_EQ(report.entities.found, 0);
  EXPECT_EQ(report.entities.required, 2);
  EXPECT_EQ(report.entities.predicted, 1);
  EXPECT_EQ(report.entities.correct, 0);
  ASSERT_EQ(report.entities.false_positives.size(), 1u);
  EXPECT_EQ(report.entities.false_positives[0].doc, "a");
  EXPECT_EQ(report.gold_documents, 2);
  EXPECT_EQ(report.scored_documents, 1);
}

TEST(Scorer, DistinctPredictionsCountOncePerDocument) {
  Scorer scorer(
      Gold({Rel("d", "Northwind", "partner_of", "Bluefin"), Ent("d", "Northwind", "organization")}),
      {});
  Extraction x;
  // Same triple three ways (suffix, possessive, reversed symmetric): one prediction.
  x.facts.push_back(MakeFact("Northwind", RelationType::kPartnerOf, "Bluefin"));
  x.facts.push_back(MakeFact("Northwind Inc", RelationType::kPartnerOf, "Bluefin's"));
  x.facts.push_back(MakeFact("Bluefin", RelationType::kPartnerOf, "Northwind"));
  x.entities.push_back(MakeEntity("Northwind", EntityType::kOrganization));
  x.entities.push_back(MakeEntity("Northwind Corp.", EntityType::kOrganization));
  scorer.Add("d", x);
  scorer.Add("d.txt", x);  // the same key again pools with the first
  const ScoreReport report = scorer.Report();
  EXPECT_EQ(report.relations.predicted, 1);
  EXPECT_EQ(report.entities.predicted, 1);
}

TEST(Scorer, TypeFiltersApplyToGoldAndPredictions) {
  ScoreOptions options;
  options.relation_types = std::set<std::string>{"acquires"};
  options.entity_types = std::set<std::string>{"person"};
  Scorer scorer(Gold({Rel("d", "Northwind", "acquires", "Bluefin"),
                      Rel("d", "Northwind", "partner_of", "Redwood"),
                      Ent("d", "Northwind", "organization"), Ent("d", "Ann Lee", "person")}),
                options);
  Extraction x;
  x.facts.push_back(MakeFact("Northwind", RelationType::kAcquires, "Bluefin"));
  x.facts.push_back(MakeFact("Northwind", RelationType::kSupplies, "Redwood"));
  x.entities.push_back(MakeEntity("Northwind", EntityType::kOrganization));
  x.entities.push_back(MakeEntity("Lee", EntityType::kPerson, {"Ann Lee"}));
  scorer.Add("d", x);
  const ScoreReport report = scorer.Report();
  EXPECT_EQ(report.relations.required, 1);
  EXPECT_EQ(report.relations.predicted, 1);
  EXPECT_EQ(report.relations.found, 1);
  EXPECT_EQ(report.entities.required, 1);
  EXPECT_EQ(report.entities.predicted, 1);
  EXPECT_EQ(report.entities.correct, 1);
}

// A small gold file and prediction pair with the numbers score.py prints for it
// (worked out by hand, following score.py step by step).
// Relation arguments go by the names `corpgraph extract` writes for them (ArgumentAliases):
// the mentions' texts where they differ from the name, else the entity's aliases.
TEST(Scorer, RelationArgumentsGoByTheNamesExtractWrites) {
  auto with_mentions = [](Entity e, std::vector<std::string> texts) {
    for (std::string& t : texts)
      e.mentions.push_back({{0, static_cast<uint32_t>(t.size())}, std::move(t)});
    return e;
  };
  struct Case {
    const char* what;
    Entity person;
    bool matches;
  };
  const Case kCases[] = {
      {"named only by surname, honorific form as alias",
       with_mentions(MakeEntity("Okafor", EntityType::kPerson, {"Ms. Okafor"}), {"Okafor"}), true},
      {"never named in the text, alias from elsewhere",
       MakeEntity("Okafor", EntityType::kPerson, {"Ms. Okafor"}), true},
      {"written another way in the text: that surface, not the alias",
       with_mentions(MakeEntity("Okafor", EntityType::kPerson, {"Ms. Okafor"}),
                     {"Okafor", "Adaeze Okafor"}),
       false},
      {"no alias at all", with_mentions(MakeEntity("Okafor", EntityType::kPerson), {"Okafor"}),
       false},
  };
  for (const Case& c : kCases) {
    Scorer scorer(Gold({Rel("d", "Ms. Okafor", "executive_of", "Northwind")}), {});
    Extraction x;
    Fact f = MakeFact("Okafor", RelationType::kExecutiveOf, "Northwind");
    f.subject.id = "person:okafor";
    x.facts.push_back(f);
    x.entities.push_back(c.person);
    x.entities.back().id = f.subject.id;
    scorer.Add("d", x);
    const std::vector<std::string> names = ArgumentAliases(c.person);
    const bool lists_alias = std::find(names.begin(), names.end(), "Ms. Okafor") != names.end();
    EXPECT_EQ(lists_alias, c.matches) << c.what;
    EXPECT_EQ(scorer.Report().relations.found, c.matches ? 1 : 0) << c.what;
  }
}

TEST(Scorer, EndToEndNumbersEqualScorePy) {
  const std::vector<GoldItem> gold = Gold({
      // doc n1: 3 required relations, 1 optional; 3 required entities.
      Rel("n1", "Northwind", "partner_of", "Bluefin"),
      Rel("n1", "Ann Lee", "executive_of", "Northwind"),
      R"({"doc": "n1", "kind": "relation", "any_of": [)"
      R"({"subject": ["Northwind"], "relation": "acquires", "object": ["Redwood Labs"]},)"
      R"({"subject": ["Northwind"], "relation": "invests_in", "object": ["Redwood Labs"]}]})",
      Rel("n1", "Northwind", "operates_in", "Chile", false),
      R"({"doc": "n1", "kind": "entity", "name": ["Northwind", "Northwind Group", "NWD.N"],)"
      R"( "type": "organization"})",
      Ent("n1", "Ann Lee", "person"),
      Ent("n1", "Chile", "place"),
      // doc n2: 1 required relation, 1 required entity.
      Rel("n2", "Bluefin", "supplies", "Redwood Labs"),
      Ent("n2", "Bluefin", "organization"),
  });
  Extraction n1;
  // relations, distinct after normalisation:
  //   {bluefin} partner_of {northwind}        hit (symmetric)        -> TP
  //   {northwind} partner_of {bluefin}        same key as above      -> not counted again
  //   {ann lee} executive_of {northwind}      hit                    -> TP
  //   {northwind} invests_in {redwood labs}   hit via any_of         -> TP
  //   {northwind} operates_in {chile}         optional gold          -> TP (not an FP)
  //   {northwind} competes_with {bluefin}     no gold                -> FP
  n1.facts = {MakeFact("Bluefin", RelationType::kPartnerOf, "Northwind"),
              MakeFact("Northwind Group", RelationType::kPartnerOf, "Bluefin"),
              MakeFact("Ann Lee", RelationType::kExecutiveOf, "Northwind Group Ltd"),
              MakeFact("Northwind", RelationType::kInvestsIn, "Redwood Labs Inc."),
              MakeFact("Northwind", RelationType::kOperatesIn, "Chile"),
              MakeFact("Northwind", RelationType::kCompetesWith, "Bluefin")};
  // entities: Northwind (TP), Lee with alias "Ann Lee" (TP), Chile as organization (FP),
  // Bluefin (FP in n1: Bluefin is gold only in n2).
  n1.entities = {MakeEntity("Northwind", EntityType::kOrganization),
                 MakeEntity("Lee", EntityType::kPerson, {"Ann Lee"}),
                 MakeEntity("Chile", EntityType::kOrganization),
                 MakeEntity("Bluefin", EntityType::kOrganization)};
  Extraction n2;
  // relations: {redwood labs} supplies {bluefin}: reversed directed -> FP; gold missed.
  // entities: Bluefin's -> "bluefin" (TP).
  n2.facts = {MakeFact("Redwood Labs", RelationType::kSupplies, "Bluefin")};
  n2.entities = {MakeEntity("Bluefin's", EntityType::kOrganization)};

  const ScoreReport report = Score(gold, {{"n1", n1}, {"dir/n2.txt", n2}}, {});
  // score.py: "relations: precision 0.667 (4/6)  recall 0.750 (3/4)  F1 0.706"
  //   P = 4/6 = 0.6667, R = 3/4 = 0.75, F1 = 2*0.6667*0.75/1.4167 = 0.7059
  EXPECT_EQ(report.relations.correct, 4);
  EXPECT_EQ(report.relations.predicted, 6);
  EXPECT_EQ(report.relations.found, 3);
  EXPECT_EQ(report.relations.required, 4);
  EXPECT_NEAR(report.relations.precision, 0.6667, 1e-4);
  EXPECT_NEAR(report.relations.recall, 0.75, 1e-9);
  EXPECT_NEAR(report.relations.f1, 0.7059, 1e-4);
  // score.py per type: acquires 1/1 (label of the first alternative), executive_of 1/1,
  // partner_of 1/1, supplies 0/1.
  EXPECT_EQ(report.relations.per_type.at("acquires").found, 1);
  EXPECT_EQ(report.relations.per_type.at("acquires").required, 1);
  EXPECT_EQ(report.relations.per_type.at("supplies").found, 0);
  EXPECT_EQ(report.relations.per_type.at("supplies").required, 1);
  EXPECT_EQ(report.relations.per_type.at("supplies").predicted, 1);
  EXPECT_EQ(report.relations.per_type.at("competes_with").required, 0);
  EXPECT_EQ(report.relations.per_type.at("competes_with").predicted, 1);
  EXPECT_EQ(report.relations.per_type.at("invests_in").correct, 1);
  ASSERT_EQ(report.relations.misses.size(), 1u);
  EXPECT_EQ(report.relations.misses[0].doc, "n2");
  ASSERT_EQ(report.relations.false_positives.size(), 2u);
  EXPECT_EQ(report.relations.false_positives[0].label, "competes_with");
  EXPECT_EQ(report.relations.false_positives[1].doc, "n2");

  // score.py: "entities: precision 0.600 (3/5)  recall 0.750 (3/4)  F1 0.667"
  //   P = 3/5, R = 3/4 (Chile as a place is missed), F1 = 2*0.6*0.75/1.35 = 0.6667
  EXPECT_EQ(report.entities.correct, 3);
  EXPECT_EQ(report.entities.predicted, 5);
  EXPECT_EQ(report.entities.found, 3);
  EXPECT_EQ(report.entities.required, 4);
  EXPECT_NEAR(report.entities.f1, 0.6667, 1e-4);
  EXPECT_EQ(report.entities.per_type.at("place").found, 0);
  EXPECT_EQ(report.entities.per_type.at("organization").found, 2);
  EXPECT_EQ(report.entities.per_type.at("organization").required, 2);
  EXPECT_EQ(report.entities.per_type.at("organization").correct, 2);
  EXPECT_EQ(report.entities.per_type.at("organization").predicted, 4);
}

TEST(Scorer, NothingPredictedGivesZeros) {
  Scorer scorer(Gold({Ent("d", "Northwind", "organization")}), {});
  const ScoreReport report = scorer.Report();
  EXPECT_EQ(report.entities.required, 1);
  EXPECT_EQ(report.entities.predicted, 0);
  EXPECT_DOUBLE_EQ(report.entities.precision, 0.0);
  EXPECT_DOUBLE_EQ(report.entities.f1, 0.0);
  EXPECT_EQ(report.entities.misses.size(), 1u);
}

}  // namespace
}  // namespace corpgraph::extract
