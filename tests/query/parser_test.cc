#include "query/parser.h"

#include <gtest/gtest.h>

#include <sstream>

namespace corpgraph::query {
namespace {

std::string Relations(const std::vector<RelationType>& list) {
  std::string out;
  for (RelationType t : list) out += (out.empty() ? "" : ",") + std::string(RelationTypeName(t));
  return out;
}

std::string Describe(const SearchOptions& o) {
  std::ostringstream s;
  if (o.hops) s << " hops=" << *o.hops;
  if (!o.via.empty()) s << " via=" << Relations(o.via);
  if (!o.since.empty()) s << " since=" << o.since;
  if (!o.until.empty()) s << " until=" << o.until;
  if (o.min_confidence > 0) s << " min=" << o.min_confidence;
  if (o.top) s << " top=" << *o.top;
  if (o.include_unconfirmed) s << " unconfirmed";
  return s.str();
}

// A canonical one-line description of a command, so cases compare as strings.
std::string Describe(const Command& command) {
  struct Visitor {
    std::string operator()(const ExposureCommand& c) const {
      return "exposure [" + (c.all_subjects ? std::string("*") : c.subject.text) + "] to " +
             std::string(TargetKindName(c.target.kind)) + ":[" + c.target.value + "]" +
             Describe(c.options);
    }
    std::string operator()(const PathsCommand& c) const {
      return "paths [" + c.from.text + "] -> [" + c.to.text + "]" + Describe(c.options);
    }
    std::string operator()(const NeighborsCommand& c) const {
      std::string s = "neighbors [" + c.entity.text + "] hops=" + std::to_string(c.hops);
      if (!c.relations.empty()) s += " rel=" + Relations(c.relations);
      if (c.top) s += " top=" + std::to_string(*c.top);
      return s;
    }
    std::string operator()(const EntityCommand& c) const {
      return "entity [" + c.entity.text + "]";
    }
    std::string operator()(const EvidenceCommand& c) const {
      return "evidence [" + c.subject.text + "] " + std::string(RelationTypeName(c.relation)) +
             " [" + c.object.text + "]";
    }
    std::string operator()(const FindCommand& c) const { return "find [" + c.text + "]"; }
    std::string operator()(const SearchCommand& c) const { return "search [" + c.text + "]"; }
    std::string operator()(const StatsCommand&) const { return "stats"; }
    std::string operator()(const HelpCommand& c) const { return "help [" + c.topic + "]"; }
  };
  return std::visit(Visitor{}, command);
}

struct ParseCase {
  const char* text;
  const char* expected;  // Describe() of the command, or "" when an error is expected
  const char* error;     // substring of the error message when `expected` is ""
};

const ParseCase kCases[] = {
    {"exposure Apple to region:Asia", "exposure [Apple] to region:[Asia]", ""},
    {"EXPOSURE apple TO Region:asia", "exposure [apple] to region:[asia]", ""},
    {"exposure Exxon Mobil to region:Asia", "exposure [Exxon Mobil] to region:[Asia]", ""},
    {"exposure \"Exxon Mobil\" to region:\"Middle East\"",
     "exposure [Exxon Mobil] to region:[Middle East]", ""},
    {"exposure Apple to region:Middle East hops 2",
     "exposure [Apple] to region:[Middle East] hops=2", ""},
    {"exposure Apple to country:China hops 2 via partner_of,operates_in top 5",
     "exposure [Apple] to country:[China] hops=2 via=partner_of,operates_in top=5", ""},
    {"exposure Apple to place:Hangzhou via partner_of, operates_in",
     "exposure [Apple] to place:[Hangzhou] via=partner_of,operates_in", ""},
    {"exposure Apple to theme:ai since 2023 until 2024-06-30 min-confidence 0.5 "
     "include-unconfirmed",
     "exposure [Apple] to theme:[ai] since=2023 until=2024-06-30 min=0.5 unconfirmed", ""},
    {"exposure Apple to region:Asia min_confidence 0.25 include_unconfirmed",
     "exposure [Apple] to region:[Asia] min=0.25 unconfirmed", ""},
    {"exposure * to region:Asia top 3", "exposure [*] to region:[Asia] top=3", ""},
    {"exposure Apple to region:Asia via Partner-Of",
     "exposure [Apple] to region:[Asia] via=partner_of", ""},
    {"paths Apple -> Alibaba", "paths [Apple] -> [Alibaba]", ""},
    {"paths Apple->Alibaba hops 2", "paths [Apple] -> [Alibaba] hops=2", ""},
    {"paths \"Tim Cook\" -> Bank of China via executive_of,partner_of top 3",
     "paths [Tim Cook] -> [Bank of China] via=executive_of,partner_of top=3", ""},
    {"neighbors Alibaba", "neighbors [Alibaba] hops=1", ""},
    {"neighbours Alibaba Group rel partner_of,supplies hops 2 top 7",
     "neighbors [Alibaba Group] hops=2 rel=partner_of,supplies top=7", ""},
    {"entity BABA", "entity [BABA]", ""},
    {"entity \"Alibaba Group\"", "entity [Alibaba Group]", ""},
    {"entity org:alibaba", "entity [org:alibaba]", ""},
    {"evidence Alibaba partner_of Apple", "evidence [Alibaba] partner_of [Apple]", ""},
    {"evidence Hon Hai Precision supplies Apple Inc.",
     "evidence [Hon Hai Precision] supplies [Apple Inc.]", ""},
    {"evidence \"Foxconn\" supplies \"Apple\"", "evidence [Foxconn] supplies [Apple]", ""},
    {"find alibab", "find [alibab]", ""},
    {"find   Exxon  Mobil ", "find [Exxon  Mobil]", ""},
    {"search \"cloud partnership\"", "search [cloud partnership]", ""},
    {"search cloud AND partnership", "search [cloud AND partnership]", ""},
    {"stats", "stats", ""},
    {"help", "help []", ""},
    {"help Exposure", "help [exposure]", ""},
    // Errors: the column, the caret and a suggestion.
    {"", "", "empty query"},
    {"exposre Apple to region:Asia", "",
     "unknown command \"exposre\" at column 1 \u2014 did you mean \"exposure\"?"},
    {"exposure Apple to region:Asia via partnr_of", "",
     "unknown relation \"partnr_of\" at column 35 \u2014 did you mean \"partner_of\"?"},
    {"exposure Apple region:Asia", "", "expected \"to\" after the subject at column 16"},
    {"exposure Apple", "", "expected \"to\" after the subject at column 15"},
    {"exposure to region:Asia", "", "expected a subject"},
    // A bare target is a place or theme by name, up to the first option.
    {"exposure Apple to Asia", "exposure [Apple] to place or theme:[Asia]", ""},
    {"exposure Apple to Middle East hops 2",
     "exposure [Apple] to place or theme:[Middle East] hops=2", ""},
    {"exposure Apple to \"generative AI\"", "exposure [Apple] to place or theme:[generative AI]",
     ""},
    {"exposure Apple to hops 2", "", "expected a place or theme after \"to\" at column 19"},
    {"exposure Apple to regoin:Asia", "",
     "unknown target kind \"regoin\" at column 19 \u2014 did you mean \"region\"?"},
    {"exposure Apple to region:", "", "expected a name after \"region:\""},
    {"exposure Apple to region:Asia hops 0", "", "hops needs an integer from 1 to 6, got \"0\""},
    {"exposure Apple to region:Asia hops three", "", "hops needs an integer from 1 to 6"},
    {"exposure Apple to region:Asia top", "", "top needs an integer"},
    {"exposure Apple to region:Asia since 2024-13", "",
     "since needs a date YYYY, YYYY-MM or YYYY-MM-DD, got \"2024-13\""},
    {"exposure Apple to region:Asia since yesterday", "", "since needs a date"},
    {"exposure Apple to region:Asia min-confidence 1.5", "",
     "min-confidence needs a number from 0 to 1"},
    {"exposure Apple to region:\"Asia\" hopz 2", "",
     "unknown option \"hopz\" for exposure at column 33 \u2014 did you mean \"hops\"?"},
    {"exposure Apple to region:Asia since 2024 until 2023", "", "until 2023 is before since 2024"},
    {"exposure \"Apple to region:Asia", "", "unterminated quote at column 10"},
    {"paths Apple Alibaba", "", "expected \"->\" between the two entities at column 20"},
    {"paths -> Alibaba", "", "expected an entity after \"paths\" at column 7"},
    {"neighbors Alibaba rel partnr", "", "unknown relation \"partnr\""},
    {"neighbors Alibaba hops 9", "", "hops needs an integer from 1 to 4"},
    {"evidence Alibaba partnr_of Apple", "",
     "unknown relation \"partnr_of\" at column 18 \u2014 did you mean \"partner_of\"?"},
    {"evidence Alibaba Apple", "", "expected SUBJECT RELATION OBJECT"},
    {"evidence Alibaba partner_of", "", "expected an object after the relation"},
    {"entity \"Alibaba\" extra", "", "unexpected \"extra\" after the entity at column 18"},
    {"find", "", "expected text after \"find\""},
    {"stats now", "", "unexpected \"now\" after \"stats\""},
};

TEST(ParseQuery, Table) {
  for (const ParseCase& c : kCases) {
    Result<Command> command = ParseQuery(c.text);
    if (c.expected[0] != '\0') {
      ASSERT_TRUE(command.ok()) << c.text << ": " << command.status().ToString();
      EXPECT_EQ(Describe(*command), c.expected) << c.text;
    } else {
      ASSERT_FALSE(command.ok()) << c.text << " parsed as " << Describe(*command);
      EXPECT_EQ(command.status().code(), StatusCode::kInvalidArgument) << c.text;
      EXPECT_NE(command.status().message().find(c.error), std::string::npos)
          << c.text << "\n got: " << command.status().message();
    }
  }
}

TEST(ParseQuery, ErrorShowsCaretUnderColumn) {
  Result<Command> command = ParseQuery("exposure Apple to region:Asia via partnr_of");
  ASSERT_FALSE(command.ok());
  EXPECT_EQ(command.status().message(),
            "unknown relation \"partnr_of\" at column 35 \u2014 did you mean \"partner_of\"?\n"
            "  exposure Apple to region:Asia via partnr_of\n"
            "                                    ^");
}

TEST(ParseQuery, NamesCarryColumns) {
  Result<Command> command = ParseQuery("paths  \"Tim Cook\" -> Apple");
  ASSERT_TRUE(command.ok());
  const auto& paths = std::get<PathsCommand>(*command);
  EXPECT_EQ(paths.from.column, 8);
  EXPECT_EQ(paths.to.column, 22);
}

TEST(CommandTable, EveryCommandHasUsageHelpAndAParsableExample) {
  ASSERT_EQ(CommandTable().size(), 9u);
  for (const CommandInfo& info : CommandTable()) {
    EXPECT_FALSE(info.usage.empty()) << info.name;
    EXPECT_FALSE(info.help.empty()) << info.name;
    EXPECT_TRUE(info.usage.substr(0, info.name.size()) == info.name) << info.name;
    EXPECT_TRUE(ParseQuery(info.example).ok()) << info.example;
  }
  EXPECT_NE(FindCommandInfo("neighbours"), nullptr);
  EXPECT_EQ(FindCommandInfo("nope"), nullptr);
}

TEST(HelpText, OverviewListsEveryCommandAndTopicShowsExample) {
  std::string overview = HelpText("");
  for (const CommandInfo& info : CommandTable()) {
    EXPECT_NE(overview.find(info.usage), std::string::npos) << info.name;
  }
  std::string one = HelpText("paths");
  EXPECT_NE(one.find("example: paths Apple -> Alibaba hops 2"), std::string::npos) << one;
  EXPECT_EQ(HelpText("exposre"), "no command \"exposre\" \u2014 did you mean \"exposure\"?\n");
}

TEST(ClosestMatch, RespectsDistanceLimit) {
  std::vector<std::string_view> words = {"partner_of", "operates_in"};
  EXPECT_EQ(ClosestMatch("partnr_of", words), "partner_of");
  EXPECT_EQ(ClosestMatch("OPERATES_IN", words), "operates_in");
  EXPECT_EQ(ClosestMatch("banana", words), "");
  EXPECT_EQ(EditDistance("kitten", "sitting"), 3u);
}

}  // namespace
}  // namespace corpgraph::query
