// Entity recognition and resolution, table-driven over our own sentences.
#include <gtest/gtest.h>

#include "tests/extract/test_util.h"

namespace corpgraph::extract {
namespace {

using testing::Describe;
using testing::ExtractText;
using testing::FindEntity;

struct EntityCase {
  const char* text;
  const char* name;  // canonical name expected (or absent)
  EntityType type;
  bool expected;
  const char* id = nullptr;  // expected id, when it matters
};

const EntityCase kCases[] = {
    // lexicon companies, aliases and suffix variants
    {"Alibaba Group Holding Ltd reported results.", "Alibaba", EntityType::kOrganization, true,
     "org:alibaba"},
    {"Shares of Apple Inc. rose.", "Apple", EntityType::kOrganization, true, "org:apple"},
    {"Analysts expect Taiwan Semiconductor Manufacturing to raise prices.", "TSMC",
     EntityType::kOrganization, true, "org:tsmc"},
    // unknown companies from suffixes and context
    {"Green Valley Collieries LLC sold its mine.", "Green Valley Collieries",
     EntityType::kOrganization, true, "org:green-valley-collieries"},
    {"PT Sumber Alfaria Trijaya Tbk opened stores.", "PT Sumber Alfaria Trijaya",
     EntityType::kOrganization, true},
    {"The deal gives Zorvex a foothold.", "Zorvex", EntityType::kOrganization, false},
    {"Alibaba signed a partnership with Quantela last week.", "Quantela", EntityType::kOrganization,
     true},
    {"Northwind Robotics raised new funding.", "Northwind Robotics", EntityType::kOrganization,
     true},
    // "and" in a list of names after a comma ends a name, unless a lexicon word precedes it
    {"Its holdings include Corvale Motors, Newell Brannock and Tarvik Petroleum.",
     "Tarvik Petroleum", EntityType::kOrganization, true},
    {"Its holdings include Corvale Motors, Newell Brannock and Tarvik Petroleum.",
     "Newell Brannock and Tarvik Petroleum", EntityType::kOrganization, false},
    {"The licence covers Vell Economic Bank, Vell Investment and Commercial Bank and two others.",
     "Vell Investment and Commercial Bank", EntityType::kOrganization, true},
    // a demonym right before an unknown name is its first word, unless it is an adjective
    {"Ostra Capital bought the site from property firm British Tarnland in 2009.",
     "British Tarnland", EntityType::kOrganization, true},
    {"Kestrel Electric will offload its Chinese TV plant to Vell Group Ltd.", "Chinese TV",
     EntityType::kOrganization, false},
    // a word of digits and capitals before an organisation head word starts a name
    {"Brazilian private equity firm 4K Capital backed the deal.", "4K Capital",
     EntityType::kOrganization, true},
    {"Diversified manufacturer 3M Co said it would cut jobs.", "3M", EntityType::kOrganization,
     true, "org:3m"},
    {"The 5G network covers Seoul.", "5G", EntityType::kOrganization, false},
    // a symbol for an unlisted company ("LS.UL") names nothing
    {"Tarn Star LS.UL, the seller of the stake, declined to comment.", "UL",
     EntityType::kOrganization, false},
    {"Tarn Star Capital LS.UL said it was disappointed.", "Tarn Star Capital",
     EntityType::kOrganization, true},
    // people from titles and honorifics
    {"Chief Executive Officer Maria Santos said demand was strong.", "Maria Santos",
     EntityType::kPerson, true, "person:maria-santos"},
    {"Mr. Rooke declined to comment.", "Rooke", EntityType::kPerson, true},
    {"Executive Vice Chairman Tobias Lund spoke first.", "Tobias Lund", EntityType::kPerson, true},
    // a known first name, a middle initial and a surname, as filings name people
    {"Kevin M. Charlton has been a director of Tarnwick Energy since 2011.", "Kevin M. Charlton",
     EntityType::kPerson, true},
    {"Shares rose, Gary A. Helton said.", "Gary A. Helton", EntityType::kPerson, true},
    // places, demonyms, cities
    {"The company expanded in Indonesia.", "Indonesia", EntityType::kPlace, true, "place:ID"},
    {"Sales in Southeast Asia grew.", "South-eastern Asia", EntityType::kPlace, true},
    {"Its Shenzhen factory restarted.", "Shenzhen", EntityType::kPlace, true},
    {"It set up a factory in the northern state of Himachal Pradesh.", "Himachal Pradesh",
     EntityType::kPlace, true},
    // themes
    {"Baidu is a leader in artificial intelligence.", "artificial intelligence", EntityType::kTheme,
     true},
    {"BYD is a pioneer in electric vehicles.", "electric vehicles", EntityType::kTheme, true},
    // non-entities: months, weekdays, sentence-initial words
    {"On Monday, shares fell in January trading.", "Monday", EntityType::kOrganization, false},
    {"However, profits rose.", "However", EntityType::kOrganization, false},
};

TEST(EntityExtraction, TableOfOwnSentences) {
  for (const EntityCase& c : kCases) {
    const Extraction x = ExtractText(c.text);
    const Entity* e = FindEntity(x, c.name);
    if (!c.expected) {
      EXPECT_EQ(e, nullptr) << c.text << "\n" << Describe(x);
      continue;
    }
    ASSERT_NE(e, nullptr) << c.text << "\n" << Describe(x);
    EXPECT_EQ(e->type, c.type) << c.text;
    if (c.id) {
      EXPECT_EQ(e->id, c.id) << c.text;
    }
    ASSERT_FALSE(e->mentions.empty()) << c.text;
    for (const Mention& m : e->mentions) {
      EXPECT_EQ(std::string(c.text).substr(m.span.start, m.span.size()), m.text) << c.text;
    }
  }
}

TEST(EntityResolution, ShortFormsJoinTheFullName) {
  const Extraction x = ExtractText(
      "Telkom Indonesia signed a cloud deal. Telkom said the rollout starts in June. "
      "CEO Budi Santoso said Santoso would visit Jakarta.");
  const Entity* telkom = FindEntity(x, "Telkom Indonesia");
  ASSERT_NE(telkom, nullptr) << Describe(x);
  EXPECT_EQ(telkom->mentions.size(), 2u) << Describe(x);
  const Entity* person = FindEntity(x, "Budi Santoso");
  ASSERT_NE(person, nullptr) << Describe(x);
  EXPECT_EQ(person->mentions.size(), 2u) << Describe(x);
}

TEST(EntityResolution, AWholeNameFoundOnceIsKnownAtASentenceStart) {
  // Two unknown capitalised words open many sentences; once the text has shown them to be a
  // company (here by a ticker), a later sentence that opens with them names it again.
  const Extraction x = ExtractText(
      "Tarn Holdings ( TRN.N ) agreed to sell Pelco to Varda Infracore ( 012345.KS ). Varda "
      "Infracore makes diggers. It competes with Caterpillar Inc.");
  const Entity* varda = FindEntity(x, "Varda Infracore");
  ASSERT_NE(varda, nullptr) << Describe(x);
  EXPECT_EQ(varda->mentions.size(), 2u) << Describe(x);
  EXPECT_NE(testing::FindFact(x, "Varda Infracore", RelationType::kCompetesWith, "Caterpillar"),
            nullptr)
      << Describe(x);
}

TEST(EntityExtraction, ASectionHeadingRunIntoASentenceIsNoPartOfAName) {
  // Feeds that drop line breaks glue a section heading to the next sentence.
  const Extraction x = ExtractText(
      "Orvane said sales rose. TECHNOLOGY SPENDING Kestrel Global Management trimmed its stake "
      "in Apple. MODEST EFFECT TRW Automotive Holding Corp makes airbags. ON TOP "
      "NASDAQ OMX Group Inc runs exchanges.");
  EXPECT_NE(FindEntity(x, "Kestrel Global Management"), nullptr) << Describe(x);
  EXPECT_NE(FindEntity(x, "TRW Automotive Holding"), nullptr) << Describe(x);
  for (const Entity& e : x.entities) {
    EXPECT_EQ(e.name.find("SPENDING"), std::string::npos) << e.name;
    EXPECT_EQ(e.name.find("IMPACT"), std::string::npos) << e.name;
  }
  EXPECT_EQ(
      testing::FindFact(x, "Kestrel Global Management", RelationType::kHasTheme, "technology"),
      nullptr)
      << Describe(x);
  // A short heading with no long word is left alone: acronyms open names ("ON TOP" aside).
  const Extraction acronym = ExtractText("Sales rose. CNOOC Ltd said output grew.");
  EXPECT_NE(FindEntity(acronym, "CNOOC"), nullptr) << Describe(acronym);
}

TEST(EntityResolution, AcronymDefinedInText) {
  const Extraction x = ExtractText(
      "Alibaba International Digital Commerce Group (AIDC) grew fast. AIDC now runs Trendyol.");
  const Entity* aidc = FindEntity(x, "Alibaba International Digital Commerce Group");
  ASSERT_NE(aidc, nullptr) << Describe(x);
  EXPECT_EQ(aidc->mentions.size(), 3u) << Describe(x);
}

TEST(EntityResolution, TickerResolvesLexiconCompany) {
  const Extraction x = ExtractText("For (NYSE: BABA), the pivot is a chance.");
  const Entity* alibaba = FindEntity(x, "Alibaba");
  ASSERT_NE(alibaba, nullptr) << Describe(x);
}

TEST(EntityExtraction, AllCapsHeadlineDoesNotInventEntities) {
  const Extraction x = ExtractText("MARKETS RALLY AS RATES FALL\n\nStocks rose on Tuesday.");
  for (const Entity& e : x.entities) {
    EXPECT_NE(e.type, EntityType::kOrganization) << e.name;
    EXPECT_NE(e.type, EntityType::kPerson) << e.name;
  }
}

}  // namespace
}  // namespace corpgraph::extract
