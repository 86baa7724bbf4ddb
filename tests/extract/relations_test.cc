// Relation extraction, table-driven: each case is one or two sentences of our
// own, the relation it must (or must not) yield, and the modality.
#include <gtest/gtest.h>

#include "tests/extract/test_util.h"

namespace corpgraph::extract {
namespace {

using testing::Describe;
using testing::ExtractText;
using namespace testing::relation_cases;  // RelationCase, kPartner, ...
using testing::FindEntity;
using testing::FindFact;

const RelationCase kCases[] = {
    // partner_of
    {"Siemens has partnered with Microsoft to build factory software.", "Siemens", kPartner,
     "Microsoft", true},
    {"Toyota signed a strategic partnership with Nvidia on Tuesday.", "Toyota", kPartner, "Nvidia",
     true},
    {"Walmart formed a joint venture with Norvale Retail Ltd last year.", "Walmart", kPartner,
     "Norvale Retail", true},
    {"The alliance between Renault and Nissan has been rebalanced.", "Renault", kPartner, "Nissan",
     true},
    {"Infosys and Google Cloud have teamed up on retail analytics.", "Infosys", kPartner,
     "Google Cloud", true},
    {"Honda is in talks to form a partnership with Sony.", "Honda", kPartner, "Sony", false,
     Modality::kPlanned},
    {"Ford denied reports that it had partnered with Baidu.", "Ford", kPartner, "Baidu", false,
     Modality::kDenied},
    // invests_in
    {"Microsoft invested $10 billion in OpenAI.", "Microsoft", kInvests, "OpenAI", true},
    {"Aramco took a 10% stake in Horse Powertrain.", "Saudi Aramco", kInvests, "Horse Powertrain",
     true},
    {"Sequoia Capital led a funding round in Zepto.", "Sequoia Capital", kInvests, "Zepto", true},
    {"Anthropic raised $4 billion from Amazon.", "Amazon", kInvests, "Anthropic", true},
    {"Mubadala may invest in Aldar Properties, people familiar with the matter said.", "Mubadala",
     kInvests, "Aldar Properties", false, Modality::kRumoured},
    // acquires
    {"Cisco acquired Splunk for $28 billion.", "Cisco", kAcquires, "Splunk", true},
    {"Splunk was acquired by Cisco in March.", "Cisco", kAcquires, "Splunk", true},
    {"Synopsys completed its acquisition of Ansys.", "Synopsys", kAcquires, "Ansys", true},
    {"Mars agreed to buy Kellanova for about $36 billion.", "Mars", kAcquires, "Kellanova", true},
    {"Qualcomm has no plans to buy Intel.", "Qualcomm", kAcquires, "Intel", false,
     Modality::kDenied},
    {"Talks for Couche-Tard to acquire Seven & i collapsed after months of negotiation.",
     "Couche-Tard", kAcquires, "Seven & i", false, Modality::kFailed},
    // divests
    {"Alibaba sold its stake in Sun Art Retail.", "Alibaba", kDivests, "Sun Art Retail", true},
    {"General Electric spun off GE Vernova in April.", "General Electric", kDivests, "GE Vernova",
     true},
    {"Siemens is shedding peripheral businesses such as Siemens Logistics.", "Siemens", kDivests,
     "Siemens Logistics", true},
    // A buyer of a named unit: its parent sold it. A bid is no sale.
    {"Velmora Foods bought Ardent Bakeries, a unit of Corvale Group, in May.", "Corvale Group",
     kDivests, "Ardent Bakeries", true},
    {"Velmora Foods acquired Ardent Bakeries Ltd and Lisk Dairy Inc, which were subsidiaries of "
     "Corvale Group.",
     "Corvale Group", kDivests, "Lisk Dairy", true},
    {"Velmora Foods made a bid to buy Ardent Bakeries, a unit of Corvale Group, but was rejected.",
     "Corvale Group", kDivests, "Ardent Bakeries", false},
    {"Velmora Foods may have bought Ardent Bakeries, a unit of Corvale Group, people familiar "
     "with the matter said.",
     "Corvale Group", kDivests, "Ardent Bakeries", false, Modality::kRumoured},
    // subsidiary_of
    {"Instagram, a unit of Meta Platforms, launched a new feature.", "Instagram", kSubsidiary,
     "Meta", true},
    {"Waymo, which is owned by Alphabet, expanded its robotaxi service.", "Waymo", kSubsidiary,
     "Alphabet", true},
    {"Lazada is a subsidiary of Alibaba.", "Lazada", kSubsidiary, "Alibaba", true},
    // Filings' ownership phrasings.
    {"Tarvex Holdings (parent company of Quorra Leasing and Bellmont Cards) reported a profit.",
     "Bellmont Cards", kSubsidiary, "Tarvex Holdings", true},
    {"Quorra Leasing, which is now a unit of Tarvex Holdings, cut its rates.", "Quorra Leasing",
     kSubsidiary, "Tarvex Holdings", true},
    {"Quorra Leasing and Bellmont Cards, which are wholly owned subsidiaries of Tarvex Holdings, "
     "cut fees.",
     "Bellmont Cards", kSubsidiary, "Tarvex Holdings", true},
    {"Quorra Leasing, a Delaware corporation and wholly owned subsidiary of Tarvex Holdings, "
     "signed the loan.",
     "Quorra Leasing", kSubsidiary, "Tarvex Holdings", true},
    // "which is" after a list describes its last item only; a supplier is no unit.
    {"Orlen Foods and Quorra Leasing, which is a unit of Tarvex Holdings, signed a deal.",
     "Orlen Foods", kSubsidiary, "Tarvex Holdings", false},
    {"Quorra Leasing, which is a supplier of Tarvex Holdings, raised prices.", "Quorra Leasing",
     kSubsidiary, "Tarvex Holdings", false},
    // supplies
    {"TSMC supplies chips to Apple and Nvidia.", "TSMC", kSupplies, "Apple", true},
    {"TSMC supplies chips to Apple and Nvidia.", "TSMC", kSupplies, "Nvidia", true},
    {"Foxconn is the main assembler for Apple.", "Foxconn", kSupplies, "Apple", true},
    {"Apple is a major customer of Broadcom.", "Broadcom", kSupplies, "Apple", true},
    // competes_with
    {"Alibaba competes with JD.com in online retail.", "Alibaba", kCompetes, "JD.com", true},
    {"BYD's rivals such as Tesla have cut prices.", "BYD", kCompetes, "Tesla", true},
    // executive_of
    {"Nvidia CEO Jensen Huang spoke in Taipei.", "Jensen Huang", kExecutive, "Nvidia", true},
    {"Tim Cook, chief executive of Apple, met suppliers.", "Tim Cook", kExecutive, "Apple", true},
    {"Microsoft named Amy Hood as its chief financial officer.", "Amy Hood", kExecutive,
     "Microsoft", true},
    {"Maria Sato is also chief financial officer of Tarnwick Energy.", "Maria Sato", kExecutive,
     "Tarnwick Energy", true},
    {"Daniel Okafor is now a managing director at Kestrel Lynch.", "Daniel Okafor", kExecutive,
     "Kestrel Lynch", true},
    {"Kevin M. Charlton has been chairman of the board of Tarnwick Energy since 2011.",
     "Kevin M. Charlton", kExecutive, "Tarnwick Energy", true},
    {"Maria Sato is also a customer of Tarnwick Energy.", "Maria Sato", kExecutive,
     "Tarnwick Energy", false},
    // produces
    {"Apple unveiled the iPhone 16 in September.", "Apple", kProduces, "iPhone 16", true},
    {"Alibaba released its Qwen3 models to developers.", "Alibaba", kProduces, "Qwen3", true},
    // member_of
    {"Saudi Aramco joined the Oil and Gas Decarbonization Charter.", "Saudi Aramco", kMember,
     "Oil and Gas Decarbonization Charter", true},
    // operates_in
    {"BYD opened a plant in Thailand.", "BYD", kOperates, "Thailand", true},
    {"Grab expanded into Vietnam in 2014.", "Grab", kOperates, "Vietnam", true},
    {"Foxconn's operations in India employ thousands.", "Foxconn", kOperates, "India", true},
    // headquartered_in
    {"Hangzhou-based Alibaba reported results.", "Alibaba", kHq, "Hangzhou", true},
    {"Ampere, which is based in Santa Clara, makes server chips.", "Ampere", kHq, "Santa Clara",
     true},
    {"Tarnwick Energy's corporate headquarters in Denver employs 400 people.", "Tarnwick Energy",
     kHq, "Denver", true},
    // A regional office is no headquarters; a state of incorporation is no headquarters either
    // (most Delaware corporations are run from elsewhere).
    {"Tarnwick Energy's European headquarters in Dublin employs 40 people.", "Tarnwick Energy", kHq,
     "Dublin", false},
    {"Kestrel Holdings is a Delaware corporation that runs grocery stores.", "Kestrel Holdings",
     kHq, "Delaware", false},
    // listed_on
    {"Alibaba Group (NYSE: BABA) reported quarterly results.", "Alibaba", kListed,
     "New York Stock Exchange", true},
    {"Exxon Mobil Corp ( XOM.N ) rose 2 percent.", "Exxon Mobil", kListed,
     "New York Stock Exchange", true},
    // has_theme
    {"Chipmaker Nvidia reported record revenue.", "Nvidia", kTheme, "semiconductors", true},
    {"Shopee, the e-commerce platform, grew quickly.", "Shopee", kTheme, "e-commerce", true},
};

TEST(RelationExtraction, TableOfOwnSentences) {
  for (const RelationCase& c : kCases) {
    const Extraction x = ExtractText(c.text);
    const Fact* fact = FindFact(x, c.subject, c.relation, c.object);
    if (c.expected) {
      ASSERT_NE(fact, nullptr) << c.text << "\n" << Describe(x);
      EXPECT_EQ(fact->modality, Modality::kAsserted) << c.text;
      EXPECT_FALSE(fact->evidence.rule.empty()) << c.text;
      const Evidence& ev = fact->evidence;
      if (ev.kind == EvidenceKind::kExplicit) {
        // Both arguments were read from this sentence.
        EXPECT_GE(ev.object_span.start, ev.sentence_span.start) << c.text;
        EXPECT_LE(ev.object_span.end, ev.sentence_span.end) << c.text;
        EXPECT_GE(ev.subject_span.start, ev.sentence_span.start) << c.text;
        EXPECT_LE(ev.subject_span.end, ev.sentence_span.end) << c.text;
        EXPECT_GT(ev.object_span.size(), 0u) << c.text;
      }
    } else if (fact != nullptr) {
      EXPECT_NE(fact->modality, Modality::kAsserted) << c.text << "\n" << Describe(x);
      if (c.modality != Modality::kAsserted) {
        EXPECT_EQ(fact->modality, c.modality) << c.text;
      }
    }
  }
}

TEST(RelationExtraction, EvidenceOffsetsPointIntoTheDocument) {
  const std::string text = "Intro line.\n\nSiemens has partnered with Microsoft on AI.";
  const Extraction x = ExtractText(text);
  const Fact* fact = FindFact(x, "Siemens", kPartner, "Microsoft");
  ASSERT_NE(fact, nullptr) << Describe(x);
  const Evidence& ev = fact->evidence;
  EXPECT_EQ(text.substr(ev.sentence_span.start, ev.sentence_span.size()), ev.sentence);
  const std::string s = text.substr(ev.subject_span.start, ev.subject_span.size());
  const std::string o = text.substr(ev.object_span.start, ev.object_span.size());
  EXPECT_TRUE((s == "Siemens" && o == "Microsoft") || (s == "Microsoft" && o == "Siemens"))
      << s << " / " << o;
}

TEST(RelationExtraction, CoordinatedObjectsYieldOneFactEach) {
  const Extraction x =
      ExtractText("Alibaba Cloud signed partnerships with Accenture, Deloitte and Infosys.");
  for (const char* partner : {"Accenture", "Deloitte", "Infosys"}) {
    EXPECT_NE(FindFact(x, "Alibaba Cloud", kPartner, partner), nullptr) << partner << "\n"
                                                                        << Describe(x);
  }
}

TEST(RelationExtraction, AcquisitionCarriesAmount) {
  const Extraction x = ExtractText("Cisco acquired Splunk for $28 billion.");
  const Fact* fact = FindFact(x, "Cisco", kAcquires, "Splunk");
  ASSERT_NE(fact, nullptr) << Describe(x);
  EXPECT_EQ(fact->attributes.at("amount"), "28 billion");
  EXPECT_EQ(fact->attributes.at("currency"), "$");
}

TEST(RelationExtraction, ExecutiveCarriesRole) {
  const Extraction x = ExtractText("Nvidia CEO Jensen Huang spoke in Taipei.");
  const Fact* fact = FindFact(x, "Jensen Huang", kExecutive, "Nvidia");
  ASSERT_NE(fact, nullptr) << Describe(x);
  EXPECT_EQ(fact->attributes.at("role"), "CEO");
}

TEST(RelationExtraction, CompanyAnaphorResolvesToRecentOrganisation) {
  const Extraction x = ExtractText(
      "Grab reported higher revenue on Thursday. The company expanded into Cambodia last year.");
  const Fact* fact = FindFact(x, "Grab", kOperates, "Cambodia");
  ASSERT_NE(fact, nullptr) << Describe(x);
  EXPECT_EQ(fact->evidence.kind, EvidenceKind::kInferred);
}

TEST(RelationExtraction, ThemeNounAnaphorPrefersACompanyOfThatTheme) {
  // "The airline" is the sentence's subject only when that subject is an airline; the
  // theme word is the anaphor's head, not a theme mention of its own.
  const Extraction x = ExtractText(
      "Boeing delivered 20 jets to Delta Air Lines. The airline, a unit of Tarn Holdings, paid "
      "cash.");
  EXPECT_NE(FindFact(x, "Delta Air Lines", kSubsidiary, "Tarn Holdings"), nullptr) << Describe(x);
  EXPECT_EQ(FindFact(x, "Boeing", kSubsidiary, "Tarn Holdings"), nullptr) << Describe(x);
  const Extraction lender = ExtractText(
      "Kestrel Bank reported higher profit. The Oslo-based lender also opened a branch in Riga.");
  EXPECT_NE(FindFact(lender, "Kestrel Bank", kHq, "Oslo"), nullptr) << Describe(lender);
  EXPECT_NE(FindFact(lender, "Kestrel Bank", kOperates, "Riga"), nullptr) << Describe(lender);
}

TEST(RelationExtraction, AnaphorAfterAndContinuesTheSentencesSubject) {
  const Extraction x =
      ExtractText("Vexa Motors reported higher sales, and it opened a plant in Poland.");
  const Fact* fact = FindFact(x, "Vexa Motors", kOperates, "Poland");
  ASSERT_NE(fact, nullptr) << Describe(x);
  EXPECT_EQ(fact->evidence.kind, EvidenceKind::kInferred);
  // A person before the subject in the same sentence is the speaker, not the subject.
  const Extraction speaker = ExtractText(
      "Analyst Jo Park said Vexa Motors had higher sales, and it opened a plant in Poland.");
  EXPECT_NE(FindFact(speaker, "Vexa Motors", kOperates, "Poland"), nullptr) << Describe(speaker);
  // The lexicon places Infosys in India: it is not "the Oslo-based company".
  const Extraction elsewhere = ExtractText(
      "Infosys reported higher sales, and the Oslo-based company opened a plant in Poland.");
  EXPECT_EQ(FindFact(elsewhere, "Infosys", kOperates, "Poland"), nullptr) << Describe(elsewhere);
  EXPECT_EQ(FindFact(elsewhere, "Infosys", kHq, "Oslo"), nullptr) << Describe(elsewhere);
  // "it" after "where", "after", "as" (cue list anaphor_clause_words) is the sentence's
  // subject, a company named at its start, or nothing.
  const Extraction where = ExtractText(
      "Kelso Mart Ltd has stores in Poland and Latvia, where it competes with Brenna Retail.");
  EXPECT_NE(FindFact(where, "Kelso Mart", kCompetes, "Brenna Retail"), nullptr) << Describe(where);
  const Extraction after =
      ExtractText("Tarn Bank grew quickly because it bought Orvane Finance in 2019.");
  EXPECT_NE(FindFact(after, "Tarn Bank", kAcquires, "Orvane Finance"), nullptr) << Describe(after);
  const Extraction nobody = ExtractText(
      "Tarn Bank reported a loss. Shares fell after it emerged that regulators would act, and "
      "\"when it came to Polish markets, we saw losses,\" one trader said.");
  EXPECT_EQ(FindFact(nobody, "Tarn Bank", kOperates, "Poland"), nullptr) << Describe(nobody);
  // "But the company ..." opens a clause about the company named before (cue list
  // clause_conjunctions).
  const Extraction but = ExtractText(
      "Kestrel Motors reported higher sales in May. But the company also opened a plant in "
      "Poland.");
  EXPECT_NE(FindFact(but, "Kestrel Motors", kOperates, "Poland"), nullptr) << Describe(but);
  // A passive "it" is as often the object: "when it was sold by".
  const Extraction passive = ExtractText(
      "Tarn Logistics lost Corran Foods Ltd as a client when it was sold by Kestrel Holdings AG.");
  EXPECT_EQ(FindFact(passive, "Kestrel Holdings", kDivests, "Tarn Logistics"), nullptr)
      << Describe(passive);
  const Extraction article = ExtractText(
      "The Vexa deal is part of a plan to refocus Kestrel Group, as it sells its unit Tarn Air.");
  EXPECT_EQ(FindFact(article, "Tarn Air", kSubsidiary, "Vexa"), nullptr) << Describe(article);
  // After a bare comma the phrase is an appositive, read by the rules as such.
  const Extraction appositive =
      ExtractText("Tarn Holdings, the parent of Vell Air, said costs rose.");
  EXPECT_NE(FindFact(appositive, "Vell Air", kSubsidiary, "Tarn Holdings"), nullptr)
      << Describe(appositive);
}

TEST(RelationExtraction, AHeadOfStateIsNoCompanysExecutive) {
  // "French President X" watching a company's deal is a country's president.
  const Extraction x = ExtractText(
      "Tarn Air signed an order for 40 jets from Vell Aerospace, watched by French President "
      "Marc Duval.");
  EXPECT_EQ(FindFact(x, "Marc Duval", kExecutive, "Vell Aerospace"), nullptr) << Describe(x);
  EXPECT_EQ(FindFact(x, "Marc Duval", kExecutive, "Tarn Air"), nullptr) << Describe(x);
  // A company's regional president is its executive.
  const Extraction y = ExtractText(
      "\"We are confident,\" Vell Aerospace's Middle East President Omar Haddad said on Monday.");
  EXPECT_NE(FindFact(y, "Omar Haddad", kExecutive, "Vell Aerospace"), nullptr) << Describe(y);
}

TEST(RelationExtraction, APossessiveBeforeANameAndItsKindMakesAProduct) {
  const Extraction x = ExtractText("Regulators grounded Vell Aerospace's Skylark jetliners.");
  EXPECT_NE(FindFact(x, "Vell Aerospace", kProduces, "Skylark"), nullptr) << Describe(x);
  // A verb between the name and the kind: the name is the company, not a product.
  const Extraction y =
      ExtractText("Vell Aerospace said China's Tarnwei Motor makes SUVs and passenger cars.");
  const Entity* tarnwei = FindEntity(y, "Tarnwei Motor");
  EXPECT_TRUE(tarnwei == nullptr || tarnwei->type != EntityType::kProduct) << Describe(y);
  const Entity* short_name = FindEntity(y, "Tarnwei");
  EXPECT_TRUE(short_name == nullptr || short_name->type != EntityType::kProduct) << Describe(y);
}

TEST(RelationExtraction, ATitleOpeningASentenceIsOfTheCompanyBefore) {
  // The sentence names two companies; the title belongs to the one the sentence before was
  // about.
  const Extraction x = ExtractText(
      "Tarn Mobility, which is listed in Jakarta, was formed by a merger in 2021. Chief "
      "Executive Dewi Santoso has focused the company on payments since Tarn Mobility sold a "
      "stake in Vell Shop to Orvane Media.");
  EXPECT_NE(FindFact(x, "Dewi Santoso", kExecutive, "Tarn Mobility"), nullptr) << Describe(x);
  EXPECT_EQ(FindFact(x, "Dewi Santoso", kExecutive, "Orvane Media"), nullptr) << Describe(x);
  // Not when this sentence does not name that company again.
  const Extraction y = ExtractText(
      "Tarn Mobility, which is listed in Jakarta, was formed by a merger in 2021. Chief "
      "Executive Dewi Santoso praised Vell Shop and Orvane Media.");
  EXPECT_EQ(FindFact(y, "Dewi Santoso", kExecutive, "Tarn Mobility"), nullptr) << Describe(y);
}

TEST(RelationExtraction, ARelativeClauseAssertsItsOwnContent) {
  // The talks hedge the stake, not that Talvex Air belongs to Kestrel Group.
  const Extraction x = ExtractText(
      "Orvane Capital was in advanced talks over a stake in Talvex Air, which belongs entirely "
      "to Kestrel Group.");
  const Fact* owned = FindFact(x, "Talvex Air", kSubsidiary, "Kestrel Group");
  ASSERT_NE(owned, nullptr) << Describe(x);
  EXPECT_EQ(owned->modality, Modality::kAsserted) << Describe(x);
  // A hedge inside the clause still reaches it.
  const Extraction y = ExtractText(
      "Orvane Capital was in advanced talks over a stake in Talvex Air, which may belong to "
      "Kestrel Group.");
  const Fact* maybe = FindFact(y, "Talvex Air", kSubsidiary, "Kestrel Group");
  EXPECT_TRUE(maybe == nullptr || maybe->modality != Modality::kAsserted) << Describe(y);
}

TEST(RelationExtraction, AProductNamedOnceIsThatProductLater) {
  // "its Velmira asthma drug - ..." names a product of the sentence's company; a later bare
  // "Velmira" is that product, not an unknown name.
  const Extraction x = ExtractText(
      "Halvex Pharma's profit fell as sales of its Velmira asthma drug - once its top seller - "
      "dropped by half. Doctors moved patients from Velmira to cheaper copies.");
  EXPECT_NE(FindFact(x, "Halvex Pharma", kProduces, "Velmira"), nullptr) << Describe(x);
  const Entity* velmira = FindEntity(x, "Velmira");
  ASSERT_NE(velmira, nullptr) << Describe(x);
  EXPECT_EQ(velmira->type, EntityType::kProduct);
  EXPECT_EQ(velmira->mentions.size(), 2u) << Describe(x);
  // A company keeps its own short form: "the Kestrel brand" does not make "Kestrel Video LLC"
  // or "Kestrel's stores" a product.
  const Extraction y = ExtractText(
      "Orvane Corp will close 300 Kestrel stores. Orvane bought Kestrel Video LLC last year. "
      "Kestrel's UK operations went into administration in May.");
  const Entity* kestrel = FindEntity(y, "Kestrel Video");
  ASSERT_NE(kestrel, nullptr) << Describe(y);
  EXPECT_EQ(kestrel->type, EntityType::kOrganization);
  EXPECT_NE(FindFact(y, "Kestrel Video", kOperates, "United Kingdom"), nullptr) << Describe(y);
}

TEST(RelationExtraction, AModelNumberAfterAKnownMakerIsItsProduct) {
  // "Airbus A320" is Airbus and its A320, not a company of that name; an airline flying it
  // (the document's focus) does not make it.
  const Extraction x = ExtractText(
      "Tarn Air Ltd said on Monday it would fly more routes. Tarn Air Ltd ordered 30 Airbus "
      "A320 planes last year, and Tarn Air Ltd also flies Boeing 787 Dreamliner jets.");
  EXPECT_EQ(FindEntity(x, "Airbus A320"), nullptr) << Describe(x);
  EXPECT_NE(FindFact(x, "Airbus", kSupplies, "Tarn Air"), nullptr) << Describe(x);
  EXPECT_NE(FindFact(x, "Airbus", kProduces, "A320"), nullptr) << Describe(x);
  EXPECT_EQ(FindFact(x, "Tarn Air", kProduces, "A320"), nullptr) << Describe(x);
}

TEST(RelationExtraction, AKnownProductIsItsMakersWhereTheArticleNamesTheMaker) {
  // data/products.json knows the A380's and the iPhone's makers: the fact is the maker's (a
  // lexicon fact), whoever flies or beats the product.
  const Extraction x = ExtractText(
      "British Airways said its first A380 would fly to Los Angeles. Airbus said it was pleased.");
  const Fact* airbus = FindFact(x, "Airbus", kProduces, "A380");
  ASSERT_NE(airbus, nullptr) << Describe(x);
  EXPECT_EQ(airbus->evidence.rule, "lexicon.maker");
  EXPECT_EQ(airbus->evidence.kind, EvidenceKind::kLexicon);
  EXPECT_EQ(FindFact(x, "British Airways", kProduces, "A380"), nullptr) << Describe(x);
  // A model named after a known product ("iPhone 16 Pro") is that product's maker's too.
  const Extraction y = ExtractText(
      "Kestrel Telecom said demand for the iPhone 16 Pro lifted its sales. Kestrel Telecom, "
      "which also sells Apple laptops, raised its forecast.");
  EXPECT_NE(FindFact(y, "Apple", kProduces, "iPhone 16 Pro"), nullptr) << Describe(y);
  EXPECT_EQ(FindFact(y, "Kestrel Telecom", kProduces, "iPhone 16 Pro"), nullptr) << Describe(y);
  // Named with its maker ("Toyota Prius"), a known product is the maker and the product.
  const Extraction z = ExtractText("Dealers in Oslo sold 300 Toyota Prius cars in May.");
  EXPECT_NE(FindEntity(z, "Toyota"), nullptr) << Describe(z);
  const Fact* toyota = FindFact(z, "Toyota", kProduces, "Toyota Prius");
  ASSERT_NE(toyota, nullptr) << Describe(z);
  EXPECT_EQ(toyota->evidence.object_span.size(), std::string_view("Prius").size());
}

TEST(RelationExtraction, ThemeAppositiveNeedsADeterminerOrPossessive) {
  // "X, which is banking on ..." is a verb; "X, Norway's biggest refiner," and "X, which makes
  // batteries for ..." describe X.
  const Extraction verb =
      ExtractText("Vexa Holdings, which is banking on a rebound in Asia, said profit rose.");
  EXPECT_EQ(FindFact(verb, "Vexa Holdings", kTheme, "banking"), nullptr) << Describe(verb);
  const Extraction possessive =
      ExtractText("Ostra Group, Norway's biggest refiner, said profit rose.");
  EXPECT_NE(FindFact(possessive, "Ostra Group", kTheme, "oil and gas"), nullptr)
      << Describe(possessive);
  const Extraction makes = ExtractText("Kelso Corp, which makes batteries for cars, cut prices.");
  EXPECT_NE(FindFact(makes, "Kelso", kTheme, "batteries"), nullptr) << Describe(makes);
}

TEST(RelationExtraction, ThemeNeedsANounAfterIs) {
  // "is refining its range" is a verb, not "is a refiner".
  const Extraction x = ExtractText("Kestrel Retail is refining its product range this year.");
  EXPECT_EQ(FindFact(x, "Kestrel Retail", kTheme, "oil and gas"), nullptr) << Describe(x);
  const Extraction noun = ExtractText("Ostra Energy is Norway's biggest refiner.");
  EXPECT_NE(FindFact(noun, "Ostra Energy", kTheme, "oil and gas"), nullptr) << Describe(noun);
  const Extraction also = ExtractText("Ostra Energy is also a refiner of jet fuel.");
  EXPECT_NE(FindFact(also, "Ostra Energy", kTheme, "oil and gas"), nullptr) << Describe(also);
}

}  // namespace
}  // namespace corpgraph::extract
