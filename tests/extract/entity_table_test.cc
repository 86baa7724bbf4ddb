// Entity recognition and resolution, a larger table of our own news-style
// sentences: lexicon companies by alias and legal-suffix variant, tickers,
// unknown companies from suffixes and context, people, products, places,
// themes, and the traps (weekdays, months, datelines, headlines, section
// labels, sentence-initial capitals) that must not become entities.
//
// Cases the extractor does not handle yet are not here: they are listed for
// the rule authors outside the tree, and come back once the rules read them.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <string>

#include "tests/extract/test_util.h"

namespace corpgraph::extract {
namespace {

using testing::Describe;
using testing::ExtractText;
using testing::FindEntity;

struct EntityCase {
  const char* text;
  const char* name;  // canonical name expected (or absent, under any type)
  EntityType type;
  bool expected;
  const char* id = nullptr;  // expected id, when it matters
};

constexpr EntityType kOrg = EntityType::kOrganization;
constexpr EntityType kPerson = EntityType::kPerson;
constexpr EntityType kProduct = EntityType::kProduct;
constexpr EntityType kPlace = EntityType::kPlace;
constexpr EntityType kTheme = EntityType::kTheme;

const EntityCase kCases[] = {
    // a first name and a surname before "and" are a person, not the start of a company's name
    {"Activist investor Carl Vantor and Kestrel Asset Management Inc bought shares.",
     "Kestrel Asset Management", kOrg, true},
    {"Activist investor Carl Vantor and Kestrel Asset Management Inc bought shares.",
     "Carl Vantor and Kestrel Asset Management", kOrg, false},
    {"Alba Crown and Company advised the board.", "Alba Crown", kOrg, true},
    // a model number with a letter suffix after a known maker is its product, not its name
    {"Tarn Air ordered 40 Airbus A321neo jets in June.", "A321neo", kProduct, true},
    {"Tarn Air ordered 40 Airbus A321neo jets in June.", "Airbus A321neo", kOrg, false},
    // a name set off by commas after "the" and a company noun is a company
    {"The airline, Vantor Jet, said it would add routes to Dubai.", "Vantor Jet", kOrg, true},
    {"Shares of the lender, Kestrel Finans, rose 4 percent.", "Kestrel Finans", kOrg, true},
    {"The vessel, Kestrel Star, docked in Oslo on Monday.", "Kestrel Star", kOrg, false},
    // a known first name outweighs an organisation context ("owned by")
    {"Norvale Capital, owned by Petra Lindqvist, bought the stake.", "Petra Lindqvist", kPerson,
     true},
    // demonym + company head word is one company; "Rival" at a sentence start is no name
    {"Thai Beverage raised its offer on Friday.", "Thai Beverage", kOrg, true},
    {"Rival Kestrel Breweries cut prices.", "Kestrel Breweries", kOrg, true},
    // a title inside a capitalised run separates the company before it from the person after
    {"Shares rose after Rakuten Chief Executive Hiroshi Mikitani spoke.", "Hiroshi Mikitani",
     kPerson, true},
    {"Shares rose after Rakuten Chief Executive Hiroshi Mikitani spoke.", "Rakuten", kOrg, true},
    {"Shares rose after Norvale Chief Executive Tobias Lund spoke.", "Norvale", kOrg, true},
    {"Founder and Chairman Ren Zhengfei visited the plant.", "Ren Zhengfei", kPerson, true},
    {"Founder and Chairman Ren Zhengfei visited the plant.", "Founder", kOrg, false},
    // two names that each end in a head word or legal form, joined by "and", stay two; a
    // spelled-out legal form at the end of a sentence does not take the full stop
    {"The plant was sold to Jinlong Motor Co and Haixing Auto Group.", "Jinlong Motor", kOrg, true},
    {"The plant was sold to Jinlong Motor Co and Haixing Auto Group.", "Haixing Auto Group", kOrg,
     true},
    {"The plant was sold to Jinlong Motor Co and Haixing Auto Group.",
     "Jinlong Motor Co and Haixing Auto Group", kOrg, false},
    // a section heading in capitals left on the front of a sentence is no part of a name;
    // capitalised company names ("NTT DOCOMO", "ABN AMRO") keep their capitals
    {"SLOW ORDERS Kestrel Motors said sales fell 12 percent.", "Kestrel Motors", kOrg, true},
    {"SLOW ORDERS Kestrel Motors said sales fell 12 percent.", "SLOW ORDERS Kestrel Motors", kOrg,
     false},
    {"DEALS WITH RIVALS Norvale Foods has bought two brands this year.", "Norvale Foods", kOrg,
     true},
    {"NEXT STEPS Analysts expect the sale to free capital.", "Analysts", kOrg, false},
    {"FIGHT FOR A SEAT Airlines are slow to switch suppliers.", "SEAT Airlines", kOrg, false},
    {"ABN AMRO Bank said profit rose.", "ABN AMRO Bank", kOrg, true},
    // an adjective that is no name alone starts a name that ends in a legal form
    {"Ms. Ashdown ran the treasury of Global Harbour Logistics PLC until 2015.",
     "Global Harbour Logistics", kOrg, true},
    {"Shares of National Grid plc rose.", "National Grid", kOrg, true},
    {"On Monday Kestrel Foods Inc said sales rose.", "Kestrel Foods", kOrg, true},
    {"On Monday Kestrel Foods Inc said sales rose.", "Monday Kestrel Foods", kOrg, false},
    {"Global sales at Kestrel Foods rose.", "Global", kOrg, false},
    // a descriptor that starts a sentence is no part of the name after it
    {"Drugmaker Kestrel Pharma said sales rose.", "Kestrel Pharma", kOrg, true},
    {"Drugmaker Kestrel Pharma said sales rose.", "Drugmaker Kestrel Pharma", kOrg, false},
    {"Brokerage Tarnwick Securities cut its forecast.", "Tarnwick Securities", kOrg, true},
    {"Partners Group raised a new fund.", "Partners Group", kOrg, true},
    {"Investor Takeaway: Kestrel Foods is a buy.", "Takeaway", kOrg, false},
    // a research house named by its analyst, strategist or broker
    {"\"A must-do deal,\" said analyst Tobias Lund at brokers Tarnwick.", "Tarnwick", kOrg, true},
    {"\"Costs will rise,\" said Priya Raman, analyst at Kestrel Lynch in London.", "Kestrel Lynch",
     kOrg, true},
    {"\"Debt falls,\" said Brennet analyst Priya Raman in a note.", "Brennet", kOrg, true},
    {"Credit analysts have for years thought that improbable.", "Credit", kOrg, false},
    {"Shares of Norvale Aviation rose.", "Norvale Aviation", kOrg, true},
    // a province or city right before a known company names the company that carries it
    {"Zhejiang Geely, which also owns the Lotus brand, opened a design studio in Milan.",
     "Zhejiang Geely", kOrg, true},
    {"Sales at Shanghai GM rose 10 percent in March.", "Shanghai GM", kOrg, true},
    {"Hong Kong Geely dealers cut prices.", "Hong Kong Geely", kOrg, false},
    // after a title, a city is a first name ("analyst Milan ...")
    {"Kestrel Banka analyst Milan Horak said the bid looked low.", "Milan Horak", kPerson, true},
    {"Analyst Paris Lund said the offer was fair.", "Paris Lund", kPerson, true},
    // "& Co" goes with the legal form it introduces
    {"The 190-year-old Geneva private bank Brenner & Co said it would close.", "Brenner", kOrg,
     true},
    // products from a possessive list of brands, and from "its popular soft drink X" and
    // "its next jet, the X"
    {"Norvale Foods agreed to buy Orvane Pharma plc's Vitabright and Sunfizz brands.", "Sunfizz",
     kProduct, true},
    {"Norvale Foods agreed to buy Orvane Pharma plc's Vitabright and Sunfizz brands.", "Vitabright",
     kProduct, true},
    {"Sales rose at Orvane Pharma, helped by its popular soft drink Sunfizz.", "Sunfizz", kProduct,
     true},
    {"Corran Aerospace is developing its next jet, the C450.", "C450", kProduct, true},
    // "of" and a city after a legal form says where the company is; "Bank of America" keeps it
    {"Tarn Bank was taken over by Kestrel Corporation of Denver in 2004.", "Kestrel", kOrg, true},
    {"Tarn Bank was taken over by Kestrel Corporation of Denver in 2004.",
     "Kestrel Corporation of Denver", kOrg, false},
    {"Tarn Bank was taken over by Kestrel Corporation of Denver in 2004.", "Denver", kPlace, true},
    // a Title Case headline capitalises verbs: unknown words without a legal form, a head word
    // or a known first name name nothing there
    {"Apple Clears Camera Supply Snags At Plant, Analyst Says", "Clears", kOrg, false},
    {"Apple Clears Camera Supply Snags At Plant, Analyst Says", "Says", kPerson, false},
    {"Apple Clears Camera Supply Snags At Plant, Analyst Says", "Apple", kOrg, true},
    // a title after the name ("X, chief executive of Y") makes an unknown name a person
    {"The mill is overseen by Oskar Veldt, chief executive of Norrland Paper AB.", "Oskar Veldt",
     kPerson, true},
    {"The mill is overseen by Oskar Veldt, a director at Norrland Paper AB.", "Oskar Veldt",
     kPerson, true},
    // a sentence-initial plural of people ("Shareholders of X") is not part of the name
    {"Shareholders of Wescast Tooling Inc vote on the offer on Friday.", "Wescast Tooling", kOrg,
     true},
    {"Shareholders of Wescast Tooling Inc vote on the offer on Friday.",
     "Shareholders of Wescast Tooling", kOrg, false},
    // a ticker after a name read as a person only for its first name makes it a company; a
    // descriptor like "billionaire" before an unknown name makes it a person
    {"The Italian group owns Tim Valverde ( TVAL3.SA ), a rival to Vivo.", "Tim Valverde", kOrg,
     true},
    {"Thai billionaire Charoen Wattanapong bought stakes in both brewers.", "Charoen Wattanapong",
     kPerson, true},
    {"Norvale Foods agreed to buy Orvane Pharma plc's ( ORV.L ) Vitabright and Sunfizz brands.",
     "Sunfizz", kProduct, true},
    // a known company followed by a country's name is its national subsidiary
    {"Vodafone Ghana raised mobile data prices.", "Vodafone Ghana", kOrg, true},
    {"Sales at Wal-Mart de Mexico rose 4% in May.", "Wal-Mart de Mexico", kOrg, true},
    // a unit, affiliate or producer named after its head noun is a company
    {"Up to 900 jobs will go at its Romanian unit Valdora.", "Valdora", kOrg, true},
    {"Prices were set by the Chilean producer Cobrenor last week.", "Cobrenor", kOrg, true},
    // lexicon companies by alias and legal-suffix variants
    {"Wal-Mart Stores cut prices on groceries.", "Walmart", kOrg, true, "org:walmart"},
    {"Toyota Motor Corp. raised its profit forecast.", "Toyota", kOrg, true, "org:toyota"},
    {"Hon Hai Precision Industry reported higher sales.", "Foxconn", kOrg, true, "org:foxconn"},
    {"Shares of Samsung Electronics Co. Ltd fell in Seoul.", "Samsung Electronics", kOrg, true,
     "org:samsung-electronics"},
    {"Schlumberger Ltd won a drilling contract.", "SLB", kOrg, true, "org:slb"},
    {"Facebook Inc. changed its name years ago.", "Meta", kOrg, true, "org:meta"},
    {"Contemporary Amperex Technology Co. Ltd cut battery prices.", "CATL", kOrg, true, "org:catl"},
    {"Reliance Jio added millions of users.", "Jio Platforms", kOrg, true},
    {"GlaxoSmithKline plc cut its outlook.", "GSK", kOrg, true, "org:gsk"},
    {"Analysts at Mitsubishi UFJ Financial Group raised their target.", "MUFG", kOrg, true},
    {"Volkswagen AG recalled cars in Europe.", "Volkswagen", kOrg, true, "org:volkswagen"},
    {"Nestle SA raised coffee prices.", "Nestlé", kOrg, true},
    // tickers
    {"Shares of the chip designer (Nasdaq: NVDA) jumped.", "Nvidia", kOrg, true, "org:nvidia"},
    {"Exxon Mobil Corp ( XOM.N ) rose 2 percent.", "Exxon Mobil", kOrg, true, "org:exxon-mobil"},
    {"The group (NYSE: BABA) beat forecasts.", "Alibaba", kOrg, true, "org:alibaba"},
    // unknown companies from legal suffixes and prefixes
    {"Brightwell Analytics Inc hired 50 engineers.", "Brightwell Analytics", kOrg, true,
     "org:brightwell-analytics"},
    {"Kestrel Ports Ltd raised fresh capital.", "Kestrel Ports", kOrg, true},
    {"Harrowgate Foods plc cut its dividend.", "Harrowgate Foods", kOrg, true},
    {"Tanvora AG opened a plant near Leipzig.", "Tanvora", kOrg, true},
    {"Bellcourt SA reported a loss.", "Bellcourt", kOrg, true},
    {"Vandermolen Logistics NV bought new trucks.", "Vandermolen Logistics", kOrg, true},
    {"PT Nusantara Cahaya Tbk listed its shares in Jakarta.", "PT Nusantara Cahaya", kOrg, true},
    {"Quellmark GmbH makes sensors.", "Quellmark", kOrg, true},
    {"Halvorsen Energy AS drilled two wells.", "Halvorsen Energy", kOrg, true},
    {"Makmur Jaya Bhd won a road contract.", "Makmur Jaya", kOrg, true},
    // unknown companies from context
    {"Walmart signed a partnership with Orbisa last year.", "Orbisa", kOrg, true},
    {"Lazada's rival Zentra cut delivery fees.", "Zentra", kOrg, true},
    {"Pelmora, a unit of Tata Group, hired staff.", "Pelmora", kOrg, true},
    {"The startup Quiverly raised $20 million.", "Quiverly", kOrg, true},
    {"Alibaba took a stake in Solvane last month.", "Solvane", kOrg, true},
    {"The deal gives Zorvex a foothold in retail.", "Zorvex", kOrg, false},
    // people
    {"CFO Amy Hood said cloud demand was strong.", "Amy Hood", kPerson, true, "person:amy-hood"},
    {"Ms. Okonkwo declined to comment.", "Okonkwo", kPerson, true},
    {"Dr. Lena Fischer, who leads research at Bayer, said trials went well.", "Lena Fischer",
     kPerson, true},
    {"\"Demand is strong,\" said Rafael Moreno, an analyst at Jefferies.", "Rafael Moreno", kPerson,
     true},
    {"Eddie Wu, chief executive of Alibaba, spoke to analysts.", "Eddie Wu", kPerson, true},
    {"President Xi Jinping met business leaders.", "Xi Jinping", kPerson, true},
    {"\"Margins improved,\" said Mark Liu.", "Mark Liu", kPerson, true},
    // people from the given-name list (data/first_names.json), across cultures
    {"Oluwaseun Adeyemi, a trader in Lagos, said volumes fell.", "Oluwaseun Adeyemi", kPerson,
     true},
    {"Shares rose after Xiaoming Zhou joined the board.", "Xiaoming Zhou", kPerson, true},
    {"The fund hired Priyanka Raghunathan to run its Asia desk.", "Priyanka Raghunathan", kPerson,
     true},
    {"Magnus Lindqvist will lead the Nordic unit.", "Magnus Lindqvist", kPerson, true},
    {"Investors cheered when Ngozi Okafor outlined the plan.", "Ngozi Okafor", kPerson, true},
    {"Bongani Dlamini runs the Johannesburg office.", "Bongani Dlamini", kPerson, true},
    {"Yusuf Demirci expects exports to Iraq to double.", "Yusuf Demirci", kPerson, true},
    {"Nguyen Van Thanh heads the Hanoi brokerage.", "Nguyen Van Thanh", kPerson, true},
    {"Haruka Morimoto joined the insurer in 2019.", "Haruka Morimoto", kPerson, true},
    {"Bambang Wijaya sold his stake last year.", "Bambang Wijaya", kPerson, true},
    {"Somchai Rattanakul now runs the Bangkok plant.", "Somchai Rattanakul", kPerson, true},
    {"Wojciech Nowicki left the lender in June.", "Wojciech Nowicki", kPerson, true},
    {"Farhad Rostami expects oil exports to recover.", "Farhad Rostami", kPerson, true},
    // a romanised given name's syllable after a hyphen, a name's apostrophe, a particle
    {"Park Min-jun met suppliers on Tuesday.", "Park Min-jun", kPerson, true},
    {"Chairman Lee Jae-yong met suppliers.", "Lee Jae-yong", kPerson, true},
    {"Leung Chun-wai chairs the property developer.", "Leung Chun-wai", kPerson, true},
    {"Keith O'Donnell, a partner at the firm, said fees fell.", "Keith O'Donnell", kPerson, true},
    {"Henrik Solberg of Norway led the talks.", "Henrik Solberg", kPerson, true},
    {"Tim Cook-led Apple raised prices.", "Tim Cook", kPerson, true},
    // lower-case connectors of Italian, French and Portuguese names, and particle pairs
    {"In 2019 Banca Monte dei Paschi di Siena cut 800 jobs.", "Banca Monte dei Paschi di Siena",
     kOrg, true},
    {"In 2019 Banca Monte dei Paschi di Siena cut 800 jobs.", "Banca Monte", kOrg, false},
    {"Pension fund Caisse de Depot et Placement du Quebec sold the stake.",
     "Caisse de Depot et Placement du Quebec", kOrg, true},
    {"State lender Cassa Depositi e Prestiti bought the shares.", "Cassa Depositi e Prestiti", kOrg,
     true},
    {"Brazilian President Luiz Inacio Lula da Silva toured the plant.", "Luiz Inacio Lula da Silva",
     kPerson, true},
    {"Commission President Ursula von der Leyen met the chief executives.", "Ursula von der Leyen",
     kPerson, true},
    {"Its sales head, Paulo Cesar de Souza e Silva, told analysts orders rose.",
     "Paulo Cesar de Souza e Silva", kPerson, true},
    // a first name and a surname that is also a head word, with a post or as a speaker
    {"Susan Court, a spokeswoman for Delmont Bank, declined to comment.", "Susan Court", kPerson,
     true},
    {"\"Margins will hold,\" said Rachel Bank, an analyst at Harlow Securities.", "Rachel Bank",
     kPerson, true},
    {"Shares of Victoria Bank, a regional lender, fell 2 percent.", "Victoria Bank", kOrg, true},
    // industry head words, and two of them joined by "and" in one name
    {"Tessaro Foods bought stakes in Petra Brewing and Halden Dairy.", "Petra Brewing", kOrg, true},
    {"Tessaro Foods bought stakes in Petra Brewing and Halden Dairy.", "Halden Dairy", kOrg, true},
    {"Orders at Kelso Engineering and Marwick Construction rose.", "Marwick Construction", kOrg,
     true},
    {"Shares of Greenland Minerals and Energy rose after the drilling results.",
     "Greenland Minerals and Energy", kOrg, true},
    {"Deposits at Harbor Bank and Trust rose 4 percent.", "Harbor Bank and Trust", kOrg, true},
    {"Funds moved through Tamsin Bank and Bank of Corvale.", "Tamsin Bank", kOrg, true},
    // a capitalised name before a product noun after "its" or "the" is a product, not a
    // company; one before another noun ("the Bochum car plant") is neither
    {"Vexa competes with Lodestar, the developer of the Orrin models.", "Orrin", kProduct, true},
    {"Kestrel unveiled its Halo X2 and Halo X2 Mini foldable phones.", "Halo X2 Mini", kProduct,
     true},
    {"Kestrel unveiled its Halo X2 and Halo X2 Mini foldable phones.", "Halo X2", kProduct, true},
    {"Output at the Bochum car plant will end in 2017.", "Bochum", kProduct, false},
    // an unknown town before a comma and a country or state is a place, not a company
    {"Vexa is building a plant in Szeged, Hungary.", "Szeged", kPlace, true},
    {"Orders rose, said Amy Stone, vice president of Fairway Mortgage, in Needham, "
     "Massachusetts.",
     "Needham", kPlace, true},
    // a place and a town word, or compass words and a place, are a place; a party's member
    // named with a state is no company
    {"Sales rose at the chain's shop in Oklahoma City.", "Oklahoma City", kPlace, true},
    {"Tarn Auto runs a plant in Kansas City, Kansas.", "Kansas City", kPlace, true},
    {"Tarn Auto runs a plant in Kansas City, Kansas.", "Tarn Auto", kOrg, true},
    {"Drilling in South Texas slowed in March.", "South Texas", kPlace, true},
    {"Senator Ann Porter, a Vermont Democrat, backed the bill.", "Vermont Democrat", kOrg, false},
    {"Senator Ann Porter, a Vermont Democrat, backed the bill.", "Vermont", kPlace, true},
    // at a sentence's start too, a place and one or two unknown words name a company, unless a
    // title or a post follows ("Jordan Ames, chief of staff ...": a person)
    {"Shenzhen Kelvar said on Monday its profit rose.", "Shenzhen Kelvar", kOrg, true},
    {"Jordan Ames, chief of staff of the agency, said so.", "Jordan Ames", kPerson, true},
    // a comparative before "rival" is no company ("Smaller rival X")
    {"Smaller domestic rival Corvale Motors saw its registrations fall.", "Smaller", kOrg, false},
    {"Smaller domestic rival Corvale Motors saw its registrations fall.", "Corvale Motors", kOrg,
     true},
    {"Larger rival Kestrel Airlines cut fares on Monday.", "Larger", kOrg, false},
    // a sentence's capitalised first word before a first name is a descriptor, not the name's
    {"Boxer Rafael Ortega will fight in Panama on Saturday.", "Rafael Ortega", kPerson, true},
    {"Boxer Rafael Ortega will fight in Panama on Saturday.", "Boxer Rafael Ortega", kPerson,
     false},
    {"Billionaire Carl Vantor bought more shares of Kelso Foods.", "Carl Vantor", kPerson, true},
    {"Philip Morris International raised prices in Japan.", "Philip Morris International", kOrg,
     true},
    // after a dateline the text starts: its first capital is no name's
    {"OSLO (Reuters) - Hedge fund investors sued Kestrel Shipping ASA on Monday.", "Hedge", kOrg,
     false},
    {"OSLO, March 3 (Reuters) -- Hedge fund investors challenging Kestrel Shipping ASA's plan "
     "dropped their suit.",
     "Hedge", kOrg, false},
    {"OSLO (Reuters) - Drugmaker Kestrel Pharma said it would buy Norvale Systems.",
     "Kestrel Pharma", kOrg, true},
    // a place and a surname with a role after them are a person, not a company named after the
    // place
    {"\"Demand is soft,\" said Chad Brenner, chief economist at Kelso Foods.", "Chad Brenner",
     kPerson, true},
    {"\"Demand is soft,\" said Chad Brenner, chief economist at Kelso Foods.", "Chad", kPlace,
     false},
    // an adjective capitalised at a sentence's start is no company ("-ory", "-ary")
    {"Supervisory board Chairman Paul Vantor said the board agreed.", "Supervisory", kOrg, false},
    // "GE" is General Electric, not the first company named with it
    {"GE Capital will return cash to GE, GE Chief Executive Jeff Immelt said.", "General Electric",
     kOrg, true, "org:ge-aerospace"},
    // regions of a country written as places
    {"Refiners on the Gulf Coast raised their runs in May.", "Gulf Coast", kPlace, true},
    // a place and a party's adjective before a title name no company
    {"The bill was backed by Ohio Democratic Senator Dana Whitfield on Monday.", "Ohio Democratic",
     kOrg, false},
    {"The bill was backed by Ohio Democratic Senator Dana Whitfield on Monday.", "Dana Whitfield",
     kPerson, true},
    // an adjective starting a name with a legal form keeps its place before a bare ticker
    {"Kelso Solar defaulted on loans from International Harbour Corp IHC.UL and local banks.",
     "International Harbour", kOrg, true},
    // a public office before a name is a title, not the end of an organisation's name
    {"The plan was backed by New York City Comptroller Dana Whitfield on Monday.", "Dana Whitfield",
     kPerson, true},
    {"The plan was backed by New York City Comptroller Dana Whitfield on Monday.",
     "New York City Comptroller Dana Whitfield", kOrg, false},
    // a theme's capitalised words before a capitalised word start a name; "Tech" alone is none
    {"Hedge Fund Research data show most funds were flat in May.", "Research", kOrg, false},
    {"Tech shares also got a lift from Kelso Media, up 4 percent.", "Tech", kOrg, false},
    // "Associates" ends a firm's name, also after a person's name
    {"Fees rose, said Tom Rowe, a partner at Peter Vance Associates.", "Peter Vance Associates",
     kOrg, true},
    // an adjective before a head word and "of" starts an institution's name
    {"The Central Bank of Kenya held its key rate on Tuesday.", "Central Bank of Kenya", kOrg,
     true},
    {"Output rose 3 percent, said Ma Lin, head of the National Bureau of Statistics.",
     "National Bureau of Statistics", kOrg, true},
    // a lexicon name of more than eight tokens
    {"The American Federation of State, County and Municipal Employees sued the city.",
     "American Federation of State, County and Municipal Employees", kOrg, true},
    // capitalised words that are no name alone, though some start one
    {"State-controlled Vantor Bank raised its dividend.", "State", kOrg, false},
    {"State-controlled Vantor Bank raised its dividend.", "Vantor Bank", kOrg, true},
    {"Current CEO Maria Lind said margins improved at Kelso Foods.", "Current", kOrg, false},
    {"Current CEO Maria Lind said margins improved at Kelso Foods.", "Maria Lind", kPerson, true},
    {"Kelso agreed to sell the unit to State Harbour Holdings.", "State Harbour Holdings", kOrg,
     true},
    {"Successful collaboration with Harlow Foods will help exports.", "Successful", kOrg, false},
    {"Kelso Retail will sell units such as its Local Services Group.", "Local Services Group", kOrg,
     true},
    {"Outgoing Chief Executive Tom Lund said orders rose.", "Outgoing", kOrg, false},
    // a model number alone is no company (and one the lexicon knows is its product)
    {"Vexa designed a battery for the K450 and is also a supplier to Harlow.", "K450", kOrg, false},
    {"Vexa designed a battery for the A350 and is also a supplier to Harlow.", "A350", kProduct,
     true},
    {"Talks between Kelso Engineering and Lindqvist Group collapsed.", "Kelso Engineering", kOrg,
     true},
    {"The company said Tuesday that sales rose.", "Tuesday", kPerson, false},
    // products
    {"Alibaba released its Qwen3 models to developers.", "Qwen3", kProduct, true},
    {"Apple launched the iPhone 16 Pro in September.", "iPhone 16 Pro", kProduct, true},
    {"Nvidia unveiled the GB300 platform.", "GB300", kProduct, true},
    {"Xiaomi launched the SU7 Ultra in Beijing.", "SU7 Ultra", kProduct, true},
    {"Huawei said its HarmonyOS platform has 1 billion users.", "HarmonyOS", kProduct, true},
    // a plain-word name after a launch verb is a product when an appositive names its kind;
    // a kind that is no product ("a venture fund") leaves a company
    {"In May, Corvale Motors introduced the Corvale Brisa, a compact hybrid sedan.",
     "Corvale Brisa", kProduct, true},
    {"Harrow Foods launched Tastix, a low-sugar snack, in Poland.", "Tastix", kProduct, true},
    {"Vexa Motors launched Kelso Capital, a venture fund, last year.", "Kelso Capital", kOrg, true},
    // a carmaker's name and an unknown word where a model stands (after a determiner, before a
    // kind of vehicle) are its model; a post or a site after them, or no such context, leaves a
    // company
    {"Dealers said demand for the Nissan Leaf slowed in March.", "Nissan Leaf", kProduct, true},
    {"A driver in Lyon was fined for leaving a Toyota Corolla on the tram tracks.",
     "Toyota Corolla", kProduct, true},
    {"Dealers in Chile sold 400 Kia Sorento crossovers in May.", "Kia Sorento", kProduct, true},
    {"The Bochum works builds the Opel Zafira compact MPV for export.", "Opel Zafira", kProduct,
     true},
    {"A Ford Credit spokesman declined to comment.", "Ford Credit", kOrg, true},
    {"Daimler reported higher sales at its Mercedes-Benz Cars division.", "Mercedes-Benz Cars",
     kOrg, true},
    {"Toyota Tsusho said profit rose.", "Toyota Tsusho", kOrg, true},
    // a model number as the name's second word, and a list of models before the noun
    {"Lodestar Systems said its Orrin 4 chip would ship in March.", "Orrin 4", kProduct, true},
    {"Tarn Auto also builds the Heron, Kite and Petrel 2 electric cars.", "Petrel 2", kProduct,
     true},
    {"Tarn Auto also builds the Heron, Kite and Petrel 2 electric cars.", "Kite", kProduct, true},
    {"Brightwell began selling the Brightwell Aura headset in Japan.", "Brightwell Aura", kProduct,
     true},
    // a demonym right before an unknown name that a ticker follows is the name's first word
    {"Shares of Nordic Ferry Lines ( NFL.OL ) fell after the strike.", "Nordic Ferry Lines", kOrg,
     true},
    {"Its partner Irish Quarries ( IQL.I ) declined to comment.", "Irish Quarries", kOrg, true},
    // a bare ticker with digits stays in its sentence, and its company is a company
    {"Shares of Vell Bank 004940.KS rose 2 percent.", "Vell Bank", kOrg, true},
    // places: countries, aliases, cities, demonyms, regions
    {"Sales in Vietnam rose 8%.", "Vietnam", kPlace, true, "place:VN"},
    {"Exports from Viet Nam rose.", "Vietnam", kPlace, true, "place:VN"},
    {"The firm opened an office in Ho Chi Minh City.", "Ho Chi Minh City", kPlace, true},
    {"The firm opened an office in Saigon.", "Ho Chi Minh City", kPlace, true},
    {"Growth in the Middle East slowed.", "Middle East", kPlace, true},
    {"The UAE approved the licence.", "United Arab Emirates", kPlace, true, "place:AE"},
    {"U.S. tariffs hurt exporters.", "United States", kPlace, true, "place:US"},
    {"Demand in Latin America recovered.", "Latin America", kPlace, true},
    {"Britain's regulator opened a probe.", "United Kingdom", kPlace, true, "place:GB"},
    {"The bank opened a branch in Bangalore.", "Bengaluru", kPlace, true},
    {"Sales across Southeast Asia doubled.", "South-eastern Asia", kPlace, true},
    {"ANCHORAGE, Alaska (Reuters) - Oil output rose on Monday.", "Alaska", kPlace, true},
    // themes appear only as relation arguments
    {"Chipmaker Nvidia reported record revenue.", "semiconductors", kTheme, true},
    {"Norvale Systems Ltd, a cybersecurity firm, hired staff.", "cybersecurity", kTheme, true},
    {"Demand for semiconductors rose sharply.", "semiconductors", kTheme, false},
    // traps: none of these is an entity
    {"Shares fell on Wednesday.", "Wednesday", kOrg, false},
    {"In March, the company cut jobs.", "March", kOrg, false},
    {"ANCHORAGE, Alaska (Reuters) - Oil output rose on Monday.", "ANCHORAGE", kOrg, false},
    {"ANCHORAGE, Alaska (Reuters) - Oil output rose on Monday.", "Reuters", kOrg, false},
    {"ANCHORAGE, Alaska (Reuters) - Oil output rose on Monday.", "Monday", kOrg, false},
    {"Meanwhile, profits rose.", "Meanwhile", kOrg, false},
    {"Separately, Foxconn said it would hire workers.", "Separately", kOrg, false},
    {"Separately, Foxconn said it would hire workers.", "Foxconn", kOrg, true, "org:foxconn"},
    {"Strong demand lifted sales.", "Strong", kOrg, false},
    {"Q3 revenue rose 5%.", "Q3", kOrg, false},
    {"The Chief Executive said costs fell.", "Chief Executive", kPerson, false},
    {"STEEL PRICES SLUMP ON WEAK DEMAND\n\nSteel prices fell.", "STEEL PRICES SLUMP", kOrg, false},
    {"STEEL PRICES SLUMP ON WEAK DEMAND\n\nSteel prices fell.", "WEAK DEMAND", kOrg, false},
    {"Markets\n\nStocks rose on Friday.", "Markets", kOrg, false},
    {"Technology\n\nChip stocks rose.", "Technology", kOrg, false},
    {"Reporting by Anna Lee; Editing by Tom Hogue\n\nStocks rose.", "Editing", kOrg, false},
    // organisations that are no companies, from data/organisations.json
    {"The Federal Reserve left rates unchanged on Wednesday.", "Federal Reserve", kOrg, true,
     "org:federal-reserve"},
    {"Officials at the Fed expect inflation to ease.", "Federal Reserve", kOrg, true,
     "org:federal-reserve"},
    {"NATO ministers met in Brussels on Tuesday.", "NATO", kOrg, true, "org:nato"},
    {"The IMF cut its forecast for Norland.", "International Monetary Fund", kOrg, true, "org:imf"},
    {"Tarvik Reds beat Real Madrid 2-1 on Saturday.", "Real Madrid", kOrg, true},
    // unknown words before an institution the lexicon knows name another institution
    {"A loan came from the Export Bank of Japan on Monday.", "Export Bank of Japan", kOrg, true},
    {"A loan came from the Export Bank of Japan on Monday.", "Export", kOrg, false},
    // ... which lend their names to no unit: an event named after one is no organisation
    {"Tarvia won the Fed Cup final on Sunday.", "Federal Reserve", kOrg, false},
    {"Tarvia won the Fed Cup final on Sunday.", "Fed Cup", kOrg, false},
    {"Kelso Motors showed the coupe at the Geneva Motor Show on Tuesday.", "Geneva Motor Show",
     kOrg, false},
    {"The bank was fined under the Kestrel Data Protection Act last year.",
     "Kestrel Data Protection Act", kOrg, false},
    {"Ticket sales for the Kestavia Open rose.", "Kestavia Open", kOrg, false},
    {"Veterans of the Gulf War marched on Monday.", "Gulf Cooperation Council", kPlace, false},
    {"Veterans of the Gulf War marched on Monday.", "Gulf War", kOrg, false},
    {"Shops in Halvorsund close for Labour Day.", "Labour Day", kOrg, false},
    {"Ministers tried to revive the Doha Round of trade talks.", "Doha Round", kOrg, false},
    {"Of all the bank CEOs in the survey, Halvorsen scored highest.", "CEOs", kOrg, false},
    {"Lena Vogt, the former director of M&A at Kestrel Bank, joined Tarn Partners.", "M&A", kOrg,
     false},
    {"AT&T and P&G reported results.", "AT&T", kOrg, true},
    {"Chief Executive Dana Holt spoke at the Credit Suisse Energy Summit on Tuesday.",
     "Credit Suisse Energy Summit", kOrg, false},
    {"The Shanghai Food and Drug Administration fined the chain.",
     "Shanghai Food and Drug Administration", kOrg, true},
    {"The Shanghai Food and Drug Administration fined the chain.", "Food and Drug Administration",
     kOrg, false},
    // a company's national unit keeps its "of"; a company may end in "Games"
    {"Sales at Volkswagen of America rose in May.", "Volkswagen of America", kOrg, true},
    {"Kestrel Games won the lottery contract.", "Kestrel Games", kOrg, true},
    // head words of institutions, at the end or before "of"
    {"Members of the Tarnovian Freedom Party voted against the budget.", "Tarnovian Freedom Party",
     kOrg, true},
    {"A spokesman for the Valdorian Trade Department said exports rose.",
     "Valdorian Trade Department", kOrg, true},
    {"The Ministry of Fisheries said quotas would fall.", "Ministry of Fisheries", kOrg, true},
    {"Economists at the University of Valdoria expect growth.", "University of Valdoria", kOrg,
     true},
    {"The Bank of Greece cut its growth forecast.", "Bank of Greece", kOrg, true},
    {"Brenholm Rovers beat Castlemere 2-1 on Saturday.", "Brenholm Rovers", kOrg, true},
    {"He was appointed Secretary of State in May.", "Secretary of State", kOrg, false},
    // "National", "Central", "International" keep their place before a head word
    {"The International Tin Producers Federation met on Monday.",
     "International Tin Producers Federation", kOrg, true},
    // a portfolio before a minister's title, or an honorific word, names no company
    {"Norland's Fisheries Minister Ole Brandt visited the port.", "Fisheries", kOrg, false},
    {"Norland's Fisheries Minister Ole Brandt visited the port.", "Ole Brandt", kPerson, true},
    {"At Tarvik airport General Director Ivo Marek resigned.", "General", kOrg, false},
    // "of" ends a person's name before their firm, and a name before the place it is from
    {"\"Prices will rise,\" said David Morrow of Tarnwick Securities Inc.", "David Morrow", kPerson,
     true},
    {"\"Prices will rise,\" said David Morrow of Tarnwick Securities Inc.", "Tarnwick Securities",
     kOrg, true},
    {"\"Prices will rise,\" said David Morrow of Tarnwick Securities Inc.",
     "David Morrow of Tarnwick Securities", kOrg, false},
    {"Halvorsen of Norway won the first stage.", "Halvorsen of Norway", kOrg, false},
    {"Halvorsen of Norway won the first stage.", "Norway", kPlace, true, "place:NO"},
    // an initial and a surname are a person, even in a scorecard
    {"Kestrel 210 ( J. Harmon 63 , K. Ostrow 40 ) won.", "J. Harmon", kPerson, true},
    // "U.S." before a name: the sentence goes on; a known body keeps its own entity, and a
    // place's initials make no company of the words after them.
    {"The U.S. Federal Reserve raised rates on Wednesday.", "Federal Reserve", kOrg, true,
     "org:federal-reserve"},
    {"The U.S. Federal Trade Commission cleared the deal.", "Federal Trade Commission", kOrg, true,
     "org:ftc"},
    {"The U.S. Federal Trade Commission cleared the deal.", "U.S. Federal Trade Commission", kOrg,
     false},
    {"In May, U.S. National Transportation Safety Board staff held a hearing.",
     "National Transportation Safety Board", kOrg, true, "org:ntsb"},
    {"Prices of U.S. Treasuries rallied on Friday.", "U.S. Treasuries", kOrg, false},
    {"Prices of U.S. Treasuries rallied on Friday.", "Treasuries", kOrg, false},
    {"Kestrel 210 ( J. Harmon 63 , K. Ostrow 40 ) won.", "K. Ostrow", kPerson, true},
    // a short legal form before "of" and a country: where the company is from
    {"The car was built by Tarvik Motor Corp of South Korea.", "Tarvik Motor", kOrg, true},
    {"The car was built by Tarvik Motor Corp of South Korea.", "South Korea", kPlace, true},
    {"Shares of Kestrel Corporation of America rose.", "Kestrel Corporation of America", kOrg,
     true},
    // "West Bank" is a place, though "Bank" heads company names
    {"Builders moved into the West Bank last year.", "West Bank", kPlace, true},
};

// Empty when the case holds, else what went wrong.
std::string CheckCase(const EntityCase& c, const Extraction& x) {
  const Entity* e = FindEntity(x, c.name);
  if (!c.expected) return e == nullptr ? "" : "entity present, must not be";
  if (e == nullptr) return "entity missing";
  if (e->type != c.type) return "wrong type " + std::string(EntityTypeName(e->type));
  if (c.id != nullptr && e->id != c.id) return "wrong id " + e->id;
  if (e->mentions.empty()) return "no mentions";
  for (const Mention& m : e->mentions) {
    if (std::string(c.text).substr(m.span.start, m.span.size()) != m.text) {
      return "mention span does not match its text: " + m.text;
    }
  }
  return "";
}

struct MentionTextCase {
  const char* text;
  const char* name;
  const char* mention;  // the one mention's text
};

const MentionTextCase kMentionTextCases[] = {
    // "Group." ends the sentence; "Co." keeps its period as part of the name.
    {"The plant was sold to Haixing Auto Group.", "Haixing Auto Group", "Haixing Auto Group"},
    {"Shares of Jinlong Motor Co. rose on Friday.", "Jinlong Motor", "Jinlong Motor Co."},
    // A lower-case legal form is part of the name.
    {"Corran Mining plc holds exploration licences in Zambia.", "Corran Mining",
     "Corran Mining plc"},
};

TEST(EntityTable, LegalFormsAndFullStopsInMentionText) {
  for (const MentionTextCase& c : kMentionTextCases) {
    const Extraction x = ExtractText(c.text);
    const Entity* e = FindEntity(x, c.name);
    ASSERT_NE(e, nullptr) << c.text << "\n" << Describe(x);
    ASSERT_EQ(e->mentions.size(), 1u) << c.text;
    EXPECT_EQ(e->mentions[0].text, c.mention) << c.text;
  }
}

TEST(EntityTable, EveryCaseOfOwnSentences) {
  int failures = 0;
  for (const EntityCase& c : kCases) {
    const Extraction x = ExtractText(c.text);
    const std::string problem = CheckCase(c, x);
    if (problem.empty()) continue;
    ++failures;
    ADD_FAILURE() << "case: " << c.text << " || " << c.name << " " << EntityTypeName(c.type)
                  << (c.expected ? "" : " (must be absent)") << "\nproblem: " << problem << "\n"
                  << Describe(x);
  }
  EXPECT_EQ(failures, 0);
  EXPECT_GE(sizeof(kCases) / sizeof(kCases[0]), 60u);
}

struct MentionCase {
  const char* text;
  const char* name;
  size_t mentions;  // later short forms (surname, name without suffix) join the entity
};

const MentionCase kMentionCases[] = {
    {"CEO Priya Raman said margins improved. Raman added that costs fell.", "Priya Raman", 2},
    {"Dr. Lena Fischer leads research at Bayer. Fischer said trials went well.", "Lena Fischer", 2},
    {"Toyota Motor Corp. raised its forecast. Toyota said demand was strong.", "Toyota", 2},
    // Leading initials are no short form: "Larsen" after "H.K. Larsen Co", not a person.
    {"H.K. Larsen Co raised its forecast. Larsen said demand was strong.", "H.K. Larsen", 2},
};

TEST(EntityTable, LaterShortMentionsJoinTheEntity) {
  for (const MentionCase& c : kMentionCases) {
    const Extraction x = ExtractText(c.text);
    const Entity* e = FindEntity(x, c.name);
    if (e == nullptr) {
      ADD_FAILURE() << "case: " << c.text << " || " << c.name << "\nproblem: entity missing\n"
                    << Describe(x);
      continue;
    }
    EXPECT_EQ(e->mentions.size(), c.mentions) << "case: " << c.text << " || " << c.name << "\n"
                                              << Describe(x);
  }
}

// Texts with no company or person in them at all: headlines, datelines,
// section labels, weekdays, months and sentence-initial words.
const char* const kNoOrganisationOrPerson[] = {
    "Shares fell on Wednesday.",
    "In March, the company cut jobs.",
    "Meanwhile, profits rose.",
    "Strong demand lifted sales.",
    "Q3 revenue rose 5%.",
    "The Chief Executive said costs fell.",
    "STEEL PRICES SLUMP ON WEAK DEMAND\n\nSteel prices fell.",
    "MARKETS RALLY AS BOND YIELDS EASE\n\nStocks rose on Thursday.",
    "Markets\n\nStocks rose on Friday.",
    "Technology\n\nChip stocks rose.",
    "ANCHORAGE, Alaska (Reuters) - Oil output rose on Monday.",
    "LONDON, Sept 3 (Reuters) - The pound fell against the dollar.",
    "UPDATE 2-Stocks slip as traders await data",
    "Analysis: Why investors are nervous about rates",
    "On Sunday, officials met in August to review budgets.",
};

// Texts whose first capitalised word is (or looks like) a given name but that name no person:
// places, brands, months, banks, firms joined by "&", and the given-name words the list
// leaves out on purpose (data/first_names.json).
const char* const kGivenNameTraps[] = {
    "Victoria Bitter sales fell in Queensland.",
    "Jordan Valley Bank raised its dividend.",
    "May sales rose 4% from a year earlier.",
    "Chase Manhattan lent more to builders.",
    "Mercedes Benz dealers cut prices.",
    "Simon & Kessler advised the seller.",
    "Hong Kong Disneyland cut ticket prices.",
    "Sri Lanka Telecom raised tariffs.",
    "Ola Electric cut scooter prices.",
    "Ping An Insurance raised its stake.",
    "The Jackson Hole symposium drew central bankers.",
    "Grant Thornton audited the accounts.",
    "Harvey Norman sales rose in Sydney.",
    "Parker Hannifin raised its guidance.",
    "Will Tech Stocks Recover?",
    "Georgia Power raised rates.",
    "Summer Sales Slow At Malls",
    "The supplier opened a plant in Quang Ninh last year.",
    "The carmaker will fit the system to its Han L sedan first.",
};

TEST(EntityTable, GivenNameTrapsAreNotPeople) {
  for (const char* text : kGivenNameTraps) {
    const Extraction x = ExtractText(text);
    for (const Entity& e : x.entities) {
      EXPECT_NE(e.type, EntityType::kPerson) << "case: " << text << " || " << e.name << "\n"
                                             << Describe(x);
    }
  }
}

// An extractor with the defaults and a user rules file (--rules) holding `json`, written to the
// test's temporary directory as `name`.
Result<std::unique_ptr<Extractor>> ExtractorWithUserFile(const std::string& name,
                                                         const char* json) {
  const std::string path = ::testing::TempDir() + "/" + name;
  FILE* f = fopen(path.c_str(), "w");
  if (f == nullptr) return IOError(path + ": cannot write");
  fputs(json, f);
  fclose(f);
  return Extractor::Create({.rules_files = {path}});
}

// A user rules file (--rules) may carry cue lists: its first names extend the built-in ones.
TEST(EntityTable, UserCueFileExtendsFirstNames) {
  const char* const text = "Zorvan Quillby cut the dividend.";
  const Entity* before = FindEntity(ExtractText(text), "Zorvan Quillby");
  EXPECT_TRUE(before == nullptr || before->type != EntityType::kPerson);
  auto extractor =
      ExtractorWithUserFile("user_first_names.json", R"({"first_names": ["Zorvan"], "rules": []})");
  ASSERT_TRUE(extractor.ok()) << extractor.status().message();
  const Extraction x = (*extractor)->Extract(Document{.id = "d", .text = text});
  const Entity* after = FindEntity(x, "Zorvan Quillby");
  ASSERT_NE(after, nullptr) << Describe(x);
  EXPECT_EQ(after->type, EntityType::kPerson) << Describe(x);
  // The built-in names are still there.
  const Extraction y = (*extractor)->Extract(Document{.id = "e", .text = "Ngozi Okafor spoke."});
  const Entity* builtin = FindEntity(y, "Ngozi Okafor");
  ASSERT_NE(builtin, nullptr) << Describe(y);
  EXPECT_EQ(builtin->type, EntityType::kPerson);
}

// The word lists that steer names are cue lists a user file extends: with "every" among the
// adjective determiners, the demonym after it is a place again, not a name's first word.
TEST(EntityTable, UserCueFileExtendsAdjectiveDeterminers) {
  const char* const text = "Halden Group said every British Vantor unit grew.";
  EXPECT_EQ(FindEntity(ExtractText(text), "United Kingdom"), nullptr);
  auto extractor = ExtractorWithUserFile("user_determiners.json",
                                         R"({"adjective_determiners": ["every"], "rules": []})");
  ASSERT_TRUE(extractor.ok()) << extractor.status().message();
  const Extraction x = (*extractor)->Extract(Document{.id = "d", .text = text});
  EXPECT_NE(FindEntity(x, "United Kingdom"), nullptr) << Describe(x);
  // The built-in determiners are still there.
  const Extraction y =
      (*extractor)
          ->Extract(Document{.id = "e", .text = "Halden Group said its British Vantor unit grew."});
  EXPECT_NE(FindEntity(y, "United Kingdom"), nullptr) << Describe(y);
}

// The honorific the text puts before a person's name is kept as one of their names:
// "Mr. Hendry" finds the person called Hendry.
TEST(EntityTable, HonorificNamesAreAliases) {
  const struct {
    const char* text;
    const char* name;
    const char* alias;
  } kCases[] = {
      {"Mr. Hendry has sat on the board of Kestrel Federal since 2016.", "Hendry", "Mr. Hendry"},
      {"Tobias Lund joined in May. Dr Lund ran the lab.", "Tobias Lund", "Dr Lund"},
      {"Between 2015 and 2018, Mrs. Ashdown ran the finances of Corran plc.", "Ashdown",
       "Mrs. Ashdown"},
  };
  for (const auto& c : kCases) {
    const Extraction x = ExtractText(c.text);
    const Entity* e = FindEntity(x, c.name);
    ASSERT_NE(e, nullptr) << c.text << "\n" << Describe(x);
    EXPECT_EQ(e->type, EntityType::kPerson) << c.text;
    EXPECT_NE(std::find(e->aliases.begin(), e->aliases.end(), c.alias), e->aliases.end())
        << c.text << " || aliases lack " << c.alias;
  }
  // A lower-case word before a name is no honorific.
  const Extraction y = ExtractText("Shares rose after chief executive Tobias Lund spoke.");
  const Entity* lund = FindEntity(y, "Tobias Lund");
  ASSERT_NE(lund, nullptr) << Describe(y);
  EXPECT_TRUE(lund->aliases.empty());
}

// A place the text names only by its demonym is one of the document's places, with no
// mentions: a demonym is not a name of the place (CoNLL marks it MISC, not LOC).
TEST(EntityTable, PlaceNamedOnlyByDemonymHasNoMentions) {
  const Extraction x = ExtractText(
      "Kestrel Motors, backed by a Lithuanian investor, raised "
      "funds. Lithuanian banks lent it money.");
  const Entity* place = FindEntity(x, "Lithuania");
  ASSERT_NE(place, nullptr) << Describe(x);
  EXPECT_EQ(place->type, EntityType::kPlace);
  EXPECT_TRUE(place->mentions.empty());
  // Named once by name, it lists just that mention.
  const Extraction y = ExtractText(
      "Kestrel Motors, run by a Lithuanian engineer, opened a "
      "plant in Lithuania.");
  const Entity* named = FindEntity(y, "Lithuania");
  ASSERT_NE(named, nullptr) << Describe(y);
  ASSERT_EQ(named->mentions.size(), 1u);
  EXPECT_EQ(named->mentions[0].text, "Lithuania");
}

// An organisation named by an institution's head word is no company: not the one
// organisation a titled person is tied to, and no theme comes from its name.
TEST(EntityTable, InstitutionsAreNoCompanies) {
  const char* const kTexts[] = {
      "Chairman Ivo Marek was cleared of fraud by Norland's Supreme Court this month.",
      "Chief Executive Ivo Marek met the Tarnovian Food and Drug Administration.",
  };
  for (const char* text : kTexts) {
    const Extraction x = ExtractText(text);
    bool institution = false;
    for (const Entity& e : x.entities) {
      if (e.type != EntityType::kOrganization) continue;
      EXPECT_EQ(e.subtype, "institution") << text << "\n" << Describe(x);
      institution = true;
    }
    EXPECT_TRUE(institution) << text << "\n" << Describe(x);
    for (const Fact& f : x.facts) {
      EXPECT_NE(f.relation, RelationType::kExecutiveOf) << text << "\n" << Describe(x);
      EXPECT_NE(f.relation, RelationType::kHasTheme) << text << "\n" << Describe(x);
    }
  }
}

// Sports reports (a wire heading of a team sport opens the text): a town, state or unknown
// name standing as a side is a club; a country, a national side, a venue and the dateline stay
// places, and the same words in business news are untouched. Each case names a mention's
// text, and the type of the entity that has it (kNone: no entity has it).
constexpr int kNone = -1;

struct SideCase {
  const char* text;
  const char* mention;    // the text of the mention
  int type;               // an EntityType, or kNone
  size_t occurrence = 0;  // which of the text's occurrences of `mention`, from 0
};

constexpr int kOrgSide = static_cast<int>(kOrg);
constexpr int kPlaceSide = static_cast<int>(kPlace);

const SideCase kSideCases[] = {
    // results lines: two names, each followed by its score; the dateline stays a place
    {"BASEBALL - RESULTS FRIDAY .\nNEW YORK 1997-06-06\nBOSTON 4 Seattle 2\nChicago 7 DETROIT 5\n",
     "BOSTON", kOrgSide},
    {"BASEBALL - RESULTS FRIDAY .\nNEW YORK 1997-06-06\nBOSTON 4 Seattle 2\nChicago 7 DETROIT 5\n",
     "Seattle", kOrgSide},
    {"BASEBALL - RESULTS FRIDAY .\nNEW YORK 1997-06-06\nBOSTON 4 Seattle 2\nChicago 7 DETROIT 5\n",
     "NEW YORK", kPlaceSide},
    // an unknown name with a score is a club too
    {"SOCCER - NORTHERN LEAGUE RESULTS .\nLONDON 1997-03-01\nKestrelby 2 Chicago 1\n", "Kestrelby",
     kOrgSide},
    // standings: a name opening the line, then only numbers
    {"BASEBALL - STANDINGS .\nW L PCT GB\nTORONTO 70 60 .538 -\nDALLAS 65 66 .496 5 1/2\n",
     "TORONTO", kOrgSide},
    {"BASEBALL - STANDINGS .\nW L PCT GB\nTORONTO 70 60 .538 -\nDALLAS 65 66 .496 5 1/2\n",
     "DALLAS", kOrgSide},
    // "v" with nothing before it (a tour's itinerary), "against"
    {"CRICKET - TOUR ITINERARY .\nMay 17 v Northampton ( three days )\n", "Northampton", kOrgSide},
    {"SOCCER - PREVIEW .\nUnited open their season against Seattle on Sunday .\n", "Seattle",
     kOrgSide},
    // a schedule in capitals: the side after "AT" is the venue
    {"BASEBALL - SCHEDULE .\nBOSTON 70 60\nSEATTLE 65 66\nBOSTON AT SEATTLE\n", "SEATTLE",
     kPlaceSide, 1},
    {"BASEBALL - SCHEDULE .\nBOSTON 70 60\nSEATTLE 65 66\nBOSTON AT SEATTLE\n", "BOSTON", kOrgSide,
     1},
    // prose: "beat", "drew with", "v" and "captain" make sides; so do the same names elsewhere
    {"CRICKET - COUNTY ROUND-UP .\nMiddlesex beat Glamorgan by six wickets on Friday .\n"
     "Glamorgan had resisted for two days .",
     "Glamorgan", kOrgSide},
    {"CRICKET - COUNTY ROUND-UP .\nMiddlesex beat Glamorgan by six wickets on Friday .\n",
     "Middlesex", kOrgSide},
    {"RUGBY UNION - WEEKEND PREVIEW .\nThe Cardiff captain expects a hard game on Saturday .\n",
     "Cardiff", kOrgSide},
    {"SOCCER - FIXTURES .\nPostponed : Chicago v Dallas , Seattle v Boston\n", "Dallas", kOrgSide},
    {"SOCCER - FIXTURES .\nPostponed : Chicago v Dallas , Seattle v Boston\n", "Seattle", kOrgSide},
    // a state as a side; a town's initials in parentheses belong to the club's name
    {"BASEBALL - RESULTS .\nTEXAS 5 Cleveland 3\n", "TEXAS", kOrgSide},
    {"SOCCER - LEAGUE RESULTS .\nKestrelac ( B ) 2 Vantorica 1\n", "Kestrelac ( B )", kOrgSide},
    // a town and an unknown word, "the" and a plural: a club's name
    {"BASEBALL - ROUND-UP .\nTwo homers came as the Dallas Kestrels rallied in the ninth .\n",
     "Dallas Kestrels", kOrgSide},
    {"BASEBALL - ROUND-UP .\nTwo homers came as the Tigers blanked the visitors 4-0 .\n", "Tigers",
     kOrgSide},
    // a town's possessive
    {"BASEBALL - ROUND-UP .\nThe loss was Boston 's fifth in a row .\n", "Boston", kOrgSide},
    // names listed with a side are sides
    {"CRICKET - TITLE RACE .\nMiddlesex , Kent and Durham beat their visitors on Friday .\n",
     "Middlesex", kOrgSide},
    // an event's name is no side
    {"SOCCER - EUROPEAN DRAW .\nKestrelby qualified for the UEFA Cup on Tuesday .\n", "UEFA Cup",
     kNone},
    // a name made a side is a club in the heading too
    {"SOCCER - KESTRELBY STUN CHICAGO .\nKestrelby beat Chicago on Saturday .\n", "CHICAGO",
     kOrgSide},
    // a national side stays a place, a country or a constituent one of the UK
    {"CRICKET - TEST MATCH .\nEngland beat Pakistan by 45 runs at Lord 's on Monday .\n", "England",
     kPlaceSide},
    {"CRICKET - TEST MATCH .\nEngland beat Pakistan by 45 runs at Lord 's on Monday .\n",
     "Pakistan", kPlaceSide},
    // a venue is no side
    {"BASKETBALL - CHICAGO WIN .\nChicago beat Boston 101-98 in Seattle on Friday .\n", "Seattle",
     kPlaceSide},
    // a player's figures in parentheses or after an initial make no side
    {"CRICKET - SCORES .\nMiddlesex 199 and 301 ( J. Kestrel 120 , Vantor 44 ) , Kent 230 .\n",
     "Vantor", kNone},
    // business news: no heading of a team sport, and every place stays a place
    {"Barcelona-based Kestrel Bank beat forecasts on Friday .\n", "Barcelona", kPlaceSide},
    {"Kestrel Foods beat analysts' forecasts in Chicago on Friday .\n", "Chicago", kPlaceSide},
    {"Sales by city , in millions :\nBoston 4 Seattle 2\nChicago 7 Dallas 5\n", "Boston",
     kPlaceSide},
    // an individual sport names no clubs
    {"TENNIS - RESULTS .\nBoston 6 Seattle 4\n", "Boston", kPlaceSide},
};

TEST(EntityTable, SportsSidesAreClubs) {
  for (const SideCase& c : kSideCases) {
    const Extraction x = ExtractText(c.text);
    // The mention at the occurrence's offset, whatever entity holds it.
    size_t at = std::string::npos;
    for (size_t n = 0; n <= c.occurrence; ++n) {
      at = std::string(c.text).find(c.mention, at == std::string::npos ? 0 : at + 1);
    }
    ASSERT_NE(at, std::string::npos) << c.text;
    int found = kNone;
    std::string subtype;
    for (const Entity& e : x.entities) {
      for (const Mention& m : e.mentions) {
        if (m.span.start == at && m.text == c.mention) {
          found = static_cast<int>(e.type);
          subtype = e.subtype;
        }
      }
    }
    EXPECT_EQ(found, c.type) << "case: " << c.text << " || " << c.mention << "\n" << Describe(x);
    if (found == static_cast<int>(kOrg) && c.type == found) {
      EXPECT_EQ(subtype, "sports") << "case: " << c.text;
    }
  }
}

TEST(EntityTable, TrapsInventNoOrganisationOrPerson) {
  for (const char* text : kNoOrganisationOrPerson) {
    const Extraction x = ExtractText(text);
    for (const Entity& e : x.entities) {
      EXPECT_NE(e.type, EntityType::kOrganization) << "case: " << text << " || " << e.name;
      EXPECT_NE(e.type, EntityType::kPerson) << "case: " << text << " || " << e.name;
    }
  }
}

}  // namespace
}  // namespace corpgraph::extract
