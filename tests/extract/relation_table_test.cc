// Relation extraction, a larger table of our own news-style sentences: at
// least 15 cases per relation type, covering active and passive voice,
// appositives, possessives, coordinated lists, "said it would", anaphors,
// amounts and every modality. A case with `expected == false` must not come
// out as an asserted fact (it may come out with the given modality).
//
// Cases the extractor does not handle yet are not here: they are listed for
// the rule authors outside the tree, and come back once the rules read them.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "tests/extract/test_util.h"

namespace corpgraph::extract {
namespace {

using testing::Describe;
using testing::ExtractText;
using namespace testing::relation_cases;  // RelationCase, kPartner, ...

constexpr int kMinCasesPerRelation = 15;

const RelationCase kCases[] = {
    // partner_of
    // "its Chinese partner, X" describes, whatever the sentence hedges; "which first formed a
    // joint venture with"; a described second member of a venture
    {"Tarn Motors said the change could hurt the plans of its Chinese partner, Kelso Auto "
     "Group.",
     "Tarn Motors", kPartner, "Kelso Auto Group", true},
    {"Vexa Motors, which first formed a joint venture with Ostra Engines in 1997, said sales rose.",
     "Vexa Motors", kPartner, "Ostra Engines", true},
    {"The plant is run by a joint venture between Harlow Steel and mining group Corvale Resources.",
     "Harlow Steel", kPartner, "Corvale Resources", true},
    {"The refinery, a joint venture between Vexa and Venezuela's Marlow Petroleos, was closed.",
     "Vexa", kPartner, "Marlow Petroleos", true},
    {"Tessaro took control of the brewer last year by buying out its partner, conglomerate "
     "Fenwick & Neave.",
     "Tessaro", kPartner, "Fenwick & Neave", true},
    {"Pennant and Lodestar were then in an alliance.", "Pennant", kPartner, "Lodestar", true},
    {"Samsung Electronics has partnered with Qualcomm on extended-reality chips.",
     "Samsung Electronics", kPartner, "Qualcomm", true},
    {"Unilever formed a joint venture with Norvale Systems Ltd to make plant-based foods.",
     "Unilever", kPartner, "Norvale Systems", true},
    {"Bharti Airtel signed a strategic alliance with Ericsson for 5G equipment.", "Bharti Airtel",
     kPartner, "Ericsson", true},
    {"Siemens works with partners including Accenture, Deloitte and Infosys.", "Siemens", kPartner,
     "Accenture", true},
    {"Siemens works with partners including Accenture, Deloitte and Infosys.", "Siemens", kPartner,
     "Deloitte", true},
    {"Siemens works with partners including Accenture, Deloitte and Infosys.", "Siemens", kPartner,
     "Infosys", true},
    {"Mitsubishi Corp. and Petronas have teamed up to develop a hydrogen plant in Malaysia.",
     "Mitsubishi Corp.", kPartner, "Petronas", true},
    {"The collaboration between Adobe and Nvidia covers generative AI tools.", "Adobe", kPartner,
     "Nvidia", true},
    {"Visa is collaborating with Stripe on stablecoin payments.", "Visa", kPartner, "Stripe", true},
    {"Microsoft's partnership with OpenAI has been renegotiated.", "Microsoft", kPartner, "OpenAI",
     true},
    {"Ericsson reported results on Tuesday. The company signed a partnership with Telstra for "
     "network automation.",
     "Ericsson", kPartner, "Telstra", true},
    {"Honda plans to partner with Nissan on software for electric cars.", "Honda", kPartner,
     "Nissan", false, Modality::kPlanned},
    {"Orange denied reports that it had agreed to a partnership with Vodafone in Spain.", "Orange",
     kPartner, "Vodafone", false, Modality::kDenied},
    {"Orlen may form a partnership with Equinor, people familiar with the matter said.", "Orlen",
     kPartner, "Equinor", false, Modality::kRumoured},
    {"Airbus signed a memorandum of understanding with Tata Group to cooperate on helicopters.",
     "Airbus", kPartner, "Tata Group", false, Modality::kPlanned},
    // invests_in
    // stakes in a list: each company
    {"Vantor Beverage bought stakes in Kelso Breweries and Tarn Foods last month.",
     "Vantor Beverage", kInvests, "Tarn Foods", true},
    {"Tarn Capital agreed to buy Corvale Bank's 12 percent stake in Ostra Telecom for $800 "
     "million.",
     "Tarn Capital", kInvests, "Ostra Telecom", true},
    // Money "received from" a company is an investment only when the text says so: a loan
    // or compensation is not.
    {"Tarnwick Data received $40 million in funding from Kestrel Ventures last year.",
     "Kestrel Ventures", kInvests, "Tarnwick Data", true},
    {"Brennet Airways said it received $90 million in compensation from Corran Aero for delays.",
     "Corran Aero", kInvests, "Brennet Airways", false},
    {"Norvale Systems said it received committed financing for the purchase from Kestrel Bank.",
     "Kestrel Bank", kInvests, "Norvale Systems", false},
    {"SoftBank Group invested $500 million in Brightwell Analytics Inc.", "SoftBank Group",
     kInvests, "Brightwell Analytics", true},
    {"Temasek acquired a minority stake in Lenskart.", "Temasek", kInvests, "Lenskart", true},
    {"Alphabet has invested $2 billion in Anthropic.", "Alphabet", kInvests, "Anthropic", true},
    {"Tiger Global led a $40 million funding round for Pinecrest Robotics.", "Tiger Global",
     kInvests, "Pinecrest Robotics", true},
    {"BlackRock is the largest shareholder of Glencore.", "BlackRock", kInvests, "Glencore", true},
    {"Mubadala's investment in G42 was disclosed in a filing.", "Mubadala", kInvests, "G42", true},
    {"Fidelity Investments bought a stake in xAI.", "Fidelity Investments", kInvests, "xAI", true},
    {"Khazanah Nasional holds a 20% stake in AirAsia.", "Khazanah Nasional", kInvests, "AirAsia",
     true},
    {"QIA plans to invest $1 billion in Brightwell Analytics Inc.", "QIA", kInvests,
     "Brightwell Analytics", false, Modality::kPlanned},
    {"Saudi Aramco is considering a stake in Rosneft, sources close to the company said.",
     "Saudi Aramco", kInvests, "Rosneft", false, Modality::kRumoured},
    {"Berkshire Hathaway has no plans to invest in Paramount.", "Berkshire Hathaway", kInvests,
     "Paramount", false, Modality::kDenied},
    {"KKR pulled out of a deal to invest in Halvorsen Energy AS.", "KKR", kInvests,
     "Halvorsen Energy", false, Modality::kFailed},
    {"Meta denied reports that it would invest in Perplexity AI.", "Meta", kInvests,
     "Perplexity AI", false, Modality::kDenied},
    {"Microsoft-backed OpenAI raised new funds.", "Microsoft", kInvests, "OpenAI", true},
    {"Amazon-backed Anthropic released a new model.", "Amazon", kInvests, "Anthropic", true},
    {"Sequoia Capital is an investor in Zepto.", "Sequoia Capital", kInvests, "Zepto", true},
    {"Tencent is a major shareholder in Ubisoft.", "Tencent", kInvests, "Ubisoft", true},
    {"Nvidia poured $2 billion into xAI.", "Nvidia", kInvests, "xAI", true},
    {"Mistral AI, which is backed by Nvidia, hired engineers.", "Nvidia", kInvests, "Mistral AI",
     true},
    // acquires
    {"Dutch brewer Kestrel said its acquisition of the rest of Ostra Breweries would lift profit.",
     "Kestrel", kAcquires, "Ostra Breweries", true},
    // odds put on a deal hedge it
    {"Its chief executive said there was a 50-50 chance that Kelso Motors' buyout of Tarn Auto "
     "would be completed by June.",
     "Kelso Motors", kAcquires, "Tarn Auto", false, Modality::kPlanned},
    // a consortium led by a named firm: the firm is the buyer
    {"A Kelso Partners-led consortium agreed to buy billboard firm Vantor Media Holdings.",
     "Kelso Partners", kAcquires, "Vantor Media Holdings", true},
    {"Harlow Exchange leads in futures, while Vexa Clear, which is being bought by the Corvale "
     "Exchange, leads in swaps.",
     "Corvale Exchange", kAcquires, "Vexa Clear", true},
    {"One of them, Marlow Electricity PLC, was partially acquired by Kestrel Power.",
     "Kestrel Power", kAcquires, "Marlow Electricity", true},
    {"The fine relates to the Marlow Loan Servicing business that Pennant Group bought in 2007.",
     "Pennant Group", kAcquires, "Marlow Loan Servicing", true},
    {"Kestrel Bank's losses mostly trace back to its 2006 purchase of the subprime lender Orvell "
     "Financial.",
     "Kestrel Bank", kAcquires, "Orvell Financial", true},

    {"Walmart agreed to acquire Vizio for $2.3 billion.", "Walmart", kAcquires, "Vizio", true},
    // Two companies that merge: the first named is read as the buyer, as with "merged with".
    {"Corran Foods and Brennet Spa agreed to merge in an all-share deal.", "Corran Foods",
     kAcquires, "Brennet Spa", true},
    {"Regulators cleared the merger of Kestrel Systems Inc and Tarnwick Data Corp on Friday.",
     "Kestrel Systems", kAcquires, "Tarnwick Data", true},
    {"Corran Foods and Brennet Ltd are in talks to merge, people familiar with the matter said.",
     "Corran Foods", kAcquires, "Brennet", false, Modality::kRumoured},
    // Title-case headlines: the capitalised verb is no part of either name.
    {"Brennet Hotels Acquired by Kestrel Capital Group", "Kestrel Capital Group", kAcquires,
     "Brennet Hotels", true},
    {"Norvale Mining Closes Acquisition of Brennet Copper Company", "Norvale Mining", kAcquires,
     "Brennet Copper", true},
    // A reduced relative clause: "X, bought by Y in 2011, ...".
    {"Brennet Spa, bought by Corran Foods in 2011, now makes half of its sales abroad.",
     "Corran Foods", kAcquires, "Brennet Spa", true},
    {"Wal-Mart bought Flipkart in 2018.", "Walmart", kAcquires, "Flipkart", true},
    // A country's initials before a name do not end the sentence.
    {"Nippon Steel agreed to buy U.S. Steel for $14.1 billion.", "Nippon Steel", kAcquires,
     "U.S. Steel", true},
    {"Brenmoor Capital acquired H.K. Larsen Co in 2021.", "Brenmoor Capital", kAcquires,
     "H.K. Larsen", true},
    {"Activision Blizzard was acquired by Microsoft in 2023.", "Microsoft", kAcquires,
     "Activision Blizzard", true},
    {"Heineken, the world's second-largest brewer, acquired Distell.", "Heineken", kAcquires,
     "Distell", true},
    {"Chevron's acquisition of Hess Corp closed in July.", "Chevron", kAcquires, "Hess", true},
    {"The takeover of Arm by SoftBank Group was completed in 2016.", "SoftBank Group", kAcquires,
     "Arm", true},
    {"Cisco said it would acquire Isovalent.", "Cisco", kAcquires, "Isovalent", true},
    {"Capital One completed its purchase of Discover Financial.", "Capital One", kAcquires,
     "Discover Financial", true},
    {"Sanofi bought Blueprint Medicines for $9.5 billion.", "Sanofi", kAcquires,
     "Blueprint Medicines", true},
    {"IBM acquired HashiCorp, Apptio and Red Hat over the past decade.", "IBM", kAcquires,
     "HashiCorp", true},
    {"Siemens sold Tanvora Logistics GmbH to Blackstone.", "Blackstone", kAcquires,
     "Tanvora Logistics", true},
    {"Alimentation Couche-Tard is in talks to buy Seven & i Holdings.", "Alimentation Couche-Tard",
     kAcquires, "Seven & i Holdings", false, Modality::kPlanned},
    {"Unilever may bid for Harrowgate Foods plc, people familiar with the matter said.", "Unilever",
     kAcquires, "Harrowgate Foods", false, Modality::kRumoured},
    {"Nvidia's $40 billion deal to buy Arm was called off after regulators objected.", "Nvidia",
     kAcquires, "Arm", false, Modality::kFailed},
    {"Kroger's acquisition of Albertsons was blocked by regulators.", "Kroger", kAcquires,
     "Albertsons", false, Modality::kFailed},
    {"Honda has no plans to acquire Nissan.", "Honda", kAcquires, "Nissan", false,
     Modality::kDenied},
    {"Orvane took a charge for its failed purchase of Kestrel Mobile last year.", "Orvane",
     kAcquires, "Kestrel Mobile", false, Modality::kFailed},
    {"The move follows an unsuccessful attempt by Tarn Capital to buy Vell Chips.", "Tarn Capital",
     kAcquires, "Vell Chips", false, Modality::kFailed},
    {"Rio Tinto denied reports that it had agreed to buy Glencore.", "Rio Tinto", kAcquires,
     "Glencore", false, Modality::kDenied},
    // divests
    // selling goods to customers is no divestment
    {"Kestrel Pharma sells Velmora and Tarvex to specialty distributors in Europe.",
     "Kestrel Pharma", kDivests, "Velmora", false},
    // buying a holder's stake: the holder divests, the buyer invests
    {"Tarn Capital agreed to buy Corvale Bank's 12 percent stake in Ostra Telecom for $800 "
     "million.",
     "Corvale Bank", kDivests, "Ostra Telecom", true},
    {"Siemens sold Tanvora Logistics GmbH to Blackstone.", "Siemens", kDivests, "Tanvora Logistics",
     true},
    {"Johnson & Johnson spun off Kenvue in 2023.", "Johnson & Johnson", kDivests, "Kenvue", true},
    {"Prosus sold part of its stake in Tencent.", "Prosus", kDivests, "Tencent", true},
    {"Toshiba sold Kioxia to a consortium led by Bain Capital.", "Toshiba", kDivests, "Kioxia",
     true},
    {"Vodafone sold Vodafone Italia to Swisscom.", "Vodafone", kDivests, "Vodafone Italia", true},
    {"Kenvue was spun off by Johnson & Johnson.", "Johnson & Johnson", kDivests, "Kenvue", true},
    {"GSK's divestment of Haleon was completed in 2022.", "GSK", kDivests, "Haleon", true},
    {"Bayer is selling businesses such as Ferrova Animal Health AG.", "Bayer", kDivests,
     "Ferrova Animal Health", true},
    {"Intel sold a 20% stake in Mobileye.", "Intel", kDivests, "Mobileye", true},
    {"Novartis spun off Sandoz in 2023.", "Novartis", kDivests, "Sandoz", true},
    {"Sony sold its stake in Olympus.", "Sony", kDivests, "Olympus", true},
    {"Boeing plans to sell Jeppesen to Thoma Bravo.", "Boeing", kDivests, "Jeppesen", false,
     Modality::kPlanned},
    {"HSBC is exploring the sale of its stake in Bank of Communications, people familiar with the "
     "matter said.",
     "HSBC", kDivests, "Bank of Communications", false, Modality::kRumoured},
    {"Shell has no plans to sell its stake in Woodside.", "Shell", kDivests, "Woodside", false,
     Modality::kDenied},
    {"Intel agreed to sell a 51% stake in Altera to Silver Lake.", "Intel", kDivests, "Altera",
     true},
    {"Danaher spun off Veralto in 2023.", "Danaher", kDivests, "Veralto", true},
    {"SoftBank Group sold its entire stake in Nvidia.", "SoftBank Group", kDivests, "Nvidia", true},
    {"Johnson & Johnson completed the sale of its remaining stake in Kenvue.", "Johnson & Johnson",
     kDivests, "Kenvue", true},
    // subsidiary_of
    // a holding company's businesses "including" a named one; stakes in companies are not units
    {"Shares rose after Vexa Holdings said it manages a range of businesses including builder "
     "Ostra Estates.",
     "Ostra Estates", kSubsidiary, "Vexa Holdings", true},
    {"Vexa Holdings owns stakes in companies including Ostra Estates.", "Ostra Estates",
     kSubsidiary, "Vexa Holdings", false},
    // "X, the owner of Y" describes; a hedge on the rest of the sentence does not reach it
    {"Tarn Holdings, the owner of Vell Air, may bid for Corvale, people familiar with the matter "
     "said.",
     "Vell Air", kSubsidiary, "Tarn Holdings", true},
    {"The probe now includes Vexa Technologies, a unit of Britain's Marlow Plc.",
     "Vexa Technologies", kSubsidiary, "Marlow", true},
    {"Regulators reviewed the deal with Harlow Re Corp, a unit of Tom Marlow's Kestrel Holdings.",
     "Harlow Re", kSubsidiary, "Kestrel Holdings", true},
    {"Kestrel Motors is majority-owned by Italy's Fenwick SpA.", "Kestrel Motors", kSubsidiary,
     "Fenwick", true},
    {"Pennant Chicken parent Lodestar Brands Inc warned that profit would fall.", "Pennant Chicken",
     kSubsidiary, "Lodestar Brands", true},
    // A capitalised "Subsidiary" (headline style) is the role, not a company.
    {"Kestrel Group's Subsidiary, Tarnwick Data Systems, Opens an Office in Pune.",
     "Tarnwick Data Systems", kSubsidiary, "Kestrel Group", true},
    {"YouTube, a unit of Alphabet, changed its advertising rules.", "YouTube", kSubsidiary,
     "Alphabet", true},
    {"Amazon Web Services, a subsidiary of Amazon, cut prices.", "Amazon Web Services", kSubsidiary,
     "Amazon", true},
    {"Meta owns Instagram and WhatsApp.", "Instagram", kSubsidiary, "Meta", true},
    {"Meta owns Instagram and WhatsApp.", "WhatsApp", kSubsidiary, "Meta", true},
    {"Tata Group's units including TCS and Tata Steel reported earnings.", "TCS", kSubsidiary,
     "Tata Group", true},
    {"Tata Group's units including TCS and Tata Steel reported earnings.", "Tata Steel",
     kSubsidiary, "Tata Group", true},
    {"SoftBank Corp., a unit of SoftBank Group, reported results.", "SoftBank Corp.", kSubsidiary,
     "SoftBank Group", true},
    {"Google is a subsidiary of Alphabet.", "Google", kSubsidiary, "Alphabet", true},
    {"Jaguar Land Rover, owned by Tata Motors, paused production.", "Jaguar Land Rover",
     kSubsidiary, "Tata Motors", true},
    {"Huawei denied reports that Quantaro Labs is its subsidiary.", "Quantaro Labs", kSubsidiary,
     "Huawei", false, Modality::kDenied},
    {"Ant Group could become a unit of Alibaba again, according to media reports.", "Ant Group",
     kSubsidiary, "Alibaba", false, Modality::kRumoured},
    {"Honda is in talks to make Nissan a subsidiary.", "Nissan", kSubsidiary, "Honda", false,
     Modality::kPlanned},
    {"Instagram is owned by Meta.", "Instagram", kSubsidiary, "Meta", true},
    {"Alphabet-owned Waymo expanded to Miami.", "Waymo", kSubsidiary, "Alphabet", true},
    {"Tata Motors' Jaguar Land Rover unit posted a profit.", "Jaguar Land Rover", kSubsidiary,
     "Tata Motors", true},
    {"Amazon unit Zoox recalled robotaxis.", "Zoox", kSubsidiary, "Amazon", true},
    {"Lazada, a subsidiary of Alibaba, cut jobs.", "Lazada", kSubsidiary, "Alibaba", true},
    {"DeepMind is a division of Google.", "Google DeepMind", kSubsidiary, "Google", true},
    // supplies
    {"Vexa developed the battery but is also Harlow's supplier for older models.", "Vexa",
     kSupplies, "Harlow", true},
    {"Marlow on Friday won an order worth up to $2.5 billion to supply regional jets for "
     "Kestrel Airlines.",
     "Marlow", kSupplies, "Kestrel Airlines", true},
    {"Kestrel Airlines placed an order for 40 jets with Marlow.", "Marlow", kSupplies,
     "Kestrel Airlines", true},
    {"Samsung Electronics supplies memory chips to Nvidia.", "Samsung Electronics", kSupplies,
     "Nvidia", true},
    {"SK Hynix is a key supplier to Nvidia.", "SK Hynix", kSupplies, "Nvidia", true},
    {"Apple's supplier Foxconn opened a plant in India.", "Foxconn", kSupplies, "Apple", true},
    {"CATL's customers include Tesla, BMW and Volkswagen.", "CATL", kSupplies, "Tesla", true},
    {"CATL's customers include Tesla, BMW and Volkswagen.", "CATL", kSupplies, "BMW", true},
    {"CATL's customers include Tesla, BMW and Volkswagen.", "CATL", kSupplies, "Volkswagen", true},
    {"ASML sells lithography machines to TSMC and Intel.", "ASML", kSupplies, "TSMC", true},
    {"ASML sells lithography machines to TSMC and Intel.", "ASML", kSupplies, "Intel", true},
    {"Apple sources displays from BOE Technology.", "BOE Technology", kSupplies, "Apple", true},
    {"Corning provides glass to Apple for iPhone screens.", "Corning", kSupplies, "Apple", true},
    {"Nvidia counts Microsoft as its biggest customer.", "Nvidia", kSupplies, "Microsoft", true},
    {"Intel may supply chips to Apple, people familiar with the matter said.", "Intel", kSupplies,
     "Apple", false, Modality::kRumoured},
    {"Samsung Electronics is in talks to supply memory chips to Nvidia.", "Samsung Electronics",
     kSupplies, "Nvidia", false, Modality::kPlanned},
    {"TSMC denied reports that it would supply chips to Huawei.", "TSMC", kSupplies, "Huawei",
     false, Modality::kDenied},
    {"TSMC manufactures chips for AMD.", "TSMC", kSupplies, "AMD", true},
    {"Foxconn assembles iPhones for Apple.", "Foxconn", kSupplies, "Apple", true},
    {"Broadcom's customers include Google and Meta.", "Broadcom", kSupplies, "Google", true},
    {"Broadcom's customers include Google and Meta.", "Broadcom", kSupplies, "Meta", true},
    // competes_with
    // "its rival" is the rival of the nearest organisation before it, places between allowed
    {"Kelso Capital is courting investors in India -- a big market for Tarn Aero jets -- and the "
     "United States, home to its rival Vantor Aircraft.",
     "Tarn Aero", kCompetes, "Vantor Aircraft", true},
    {"Vexa's arch rival in the compact SUV market, Tarn Motors, cut prices on Monday.", "Vexa",
     kCompetes, "Tarn Motors", true},
    {"Brenna Stores, Corvale's arch-rival in home appliances, reported higher sales.",
     "Brenna Stores", kCompetes, "Corvale", true},
    {"Tesla competes with BYD in China.", "Tesla", kCompetes, "BYD", true},
    {"Amazon's rival Walmart expanded same-day delivery.", "Amazon", kCompetes, "Walmart", true},
    {"Uber and rivals such as Lyft cut fares.", "Uber", kCompetes, "Lyft", true},
    {"Xiaomi is rivaling Apple in premium smartphones.", "Xiaomi", kCompetes, "Apple", true},
    {"The rivalry between Intel and AMD intensified.", "Intel", kCompetes, "AMD", true},
    {"Nvidia rival AMD launched new chips.", "Nvidia", kCompetes, "AMD", true},
    {"JD.com is a competitor of Alibaba.", "JD.com", kCompetes, "Alibaba", true},
    {"Samsung Electronics competes against SK Hynix and Micron in memory.", "Samsung Electronics",
     kCompetes, "SK Hynix", true},
    {"Samsung Electronics competes against SK Hynix and Micron in memory.", "Samsung Electronics",
     kCompetes, "Micron", true},
    {"Infosys vies with TCS and Wipro for contracts.", "Infosys", kCompetes, "TCS", true},
    {"Infosys vies with TCS and Wipro for contracts.", "Infosys", kCompetes, "Wipro", true},
    {"Ryanair's low-cost rival easyJet added routes.", "Ryanair", kCompetes, "easyJet", true},
    {"Rakuten may compete with Amazon in Japan's grocery market.", "Rakuten", kCompetes, "Amazon",
     false, Modality::kPlanned},
    {"Stripe has no plans to compete with Visa.", "Stripe", kCompetes, "Visa", false,
     Modality::kDenied},
    {"Temu competes with Shein in cheap fashion.", "Temu", kCompetes, "Shein", true},
    {"Uber's main rival, Lyft, cut prices.", "Uber", kCompetes, "Lyft", true},
    {"BYD is a rival to Tesla in Europe.", "BYD", kCompetes, "Tesla", true},
    {"Airbus is taking on Boeing in the widebody market.", "Airbus", kCompetes, "Boeing", true},
    // executive_of
    // a successor and the one succeeded; a descriptor before the appointee's name
    {"Maria Lund will succeed Peter Dahl as chief executive of Ostra Energy in June.", "Maria Lund",
     kExecutive, "Ostra Energy", true},
    {"Maria Lund will succeed Peter Dahl as chief executive of Ostra Energy in June.", "Peter Dahl",
     kExecutive, "Ostra Energy", true},
    {"Harlow Foods appointed industry veteran Nils Berg as its new finance chief.", "Nils Berg",
     kExecutive, "Harlow Foods", true},
    {"Ruth Okafor was a director of Marwick Savings from 2012 to 2016 and chairman of Marwick "
     "Holdings.",
     "Ruth Okafor", kExecutive, "Marwick Holdings", true},
    {"Petra Olsen became chairman of the Board of Tarnby Insurance, Inc. in 2019.", "Petra Olsen",
     kExecutive, "Tarnby Insurance", true},
    {"\"The market is strong,\" said Karen Boyd, president of asset management at Fenwick "
     "Securities, in Denver.",
     "Karen Boyd", kExecutive, "Fenwick Securities", true},
    {"\"We are not worried,\" said Anil Mehta, CEO and founder of Lodestar Wealth Management.",
     "Anil Mehta", kExecutive, "Lodestar Wealth Management", true},
    {"Rui Costa, chief executive of both Vexa Motors and Marlow Motors, wants to merge them.",
     "Rui Costa", kExecutive, "Marlow Motors", true},
    {"Tobias Reed, CEO of the largest U.S. gas producer, Vantor Energy Corp, said prices fell.",
     "Tobias Reed", kExecutive, "Vantor Energy", true},
    {"Nadia Vasquez, chairman and majority shareholder of Pennant Financial, met regulators.",
     "Nadia Vasquez", kExecutive, "Pennant Financial", true},
    // A title that ends a capitalised run belongs to the person after "and CEO", not to the
    // company's name; "the Board of" is the company's board; an age between commas.
    {"Riders will switch faster, Harlow Founder and CEO Jane Pryce said.", "Jane Pryce", kExecutive,
     "Harlow", true},
    {"Sarah Lind was named Chairman of the Board of Torvik Systems, Inc. in May 2015.",
     "Sarah Lind", kExecutive, "Torvik Systems", true},
    {"Tomas Vey, 47, is Senior Vice President and Chief Operating Officer at Zentro Corp.",
     "Tomas Vey", kExecutive, "Zentro", true},
    {"Mr. Hale served as Assistant Controller of Brenner Industries from 2001 to 2004.", "Hale",
     kExecutive, "Brenner Industries", true},
    // A founder named after "founded ... by" is a person even with a first name the lexicon
    // lacks, and ", a former president of X" is a title after a name.
    {"Tarnwick Data was founded in 2017 by Zorvan Quillby, who remains its chief executive.",
     "Zorvan Quillby", kExecutive, "Tarnwick Data", true},
    {"Orsolya Vekk, a former president of Corran Foods, joined the board.", "Orsolya Vekk",
     kExecutive, "Corran Foods", true},
    {"Ilse Brann is chairperson of Kestrel Systems Inc.", "Ilse Brann", kExecutive,
     "Kestrel Systems", true},
    // "X is chairperson of Y" makes a person of a name with an unknown first name, and a
    // company of the unknown word after "chairperson of".
    {"Ysolde Parrin is chairperson of Quorvex and sits on two other boards.", "Ysolde Parrin",
     kExecutive, "Quorvex", true},
    // A name that starts with an initial, after a title or as a speaker.
    {"Sales will recover, said R. Quillby Vance, the chief executive of Tarn Group.",
     "R. Quillby Vance", kExecutive, "Tarn Group", true},
    {"Tarn Group chairman N. Quillby spoke on Monday.", "N. Quillby", kExecutive, "Tarn Group",
     true},
    // "its chief executive, X" after the sentence's first company, with no other one between.
    {"Corran Foods said on Monday that its chief executive, Ilse Brann, would retire.",
     "Ilse Brann", kExecutive, "Corran Foods", true},
    {"Corran Foods bought Brennet Spa, and its founder, Ilse Brann, left the business.",
     "Ilse Brann", kExecutive, "Corran Foods", false},
    // An analyst or a minister is no executive of the one company in the sentence; a chief
    // executive is.
    {"Shares of Orvane Telecom fell 4%, said Bernstein analyst Priya Raman.", "Priya Raman",
     kExecutive, "Orvane Telecom", false},
    {"Orvane Telecom will build the network, Finance Minister Tobias Lund said.", "Tobias Lund",
     kExecutive, "Orvane Telecom", false},
    {"Orvane Telecom will build the network, Chief Executive Tobias Lund said.", "Tobias Lund",
     kExecutive, "Orvane Telecom", true},
    {"Microsoft CEO Satya Nadella unveiled new tools.", "Satya Nadella", kExecutive, "Microsoft",
     true},
    {"Mary Barra, chief executive of General Motors, met dealers.", "Mary Barra", kExecutive,
     "General Motors", true},
    {"Alibaba Chairman Joe Tsai said the company would keep investing.", "Joe Tsai", kExecutive,
     "Alibaba", true},
    {"Lisa Su, AMD's chief executive, spoke at the event.", "Lisa Su", kExecutive, "AMD", true},
    {"Jensen Huang founded Nvidia in 1993.", "Jensen Huang", kExecutive, "Nvidia", true},
    {"Sam Altman leads OpenAI.", "Sam Altman", kExecutive, "OpenAI", true},
    {"Sundar Pichai became chief executive of Alphabet in 2019.", "Sundar Pichai", kExecutive,
     "Alphabet", true},
    {"Airbnb co-founder Brian Chesky spoke on Monday.", "Brian Chesky", kExecutive, "Airbnb", true},
    {"Jamie Dimon, JPMorgan's chairman and chief executive, warned of risks.", "Jamie Dimon",
     kExecutive, "JPMorgan Chase", true},
    {"Eddie Wu, chief executive of Alibaba, said cloud revenue grew.", "Eddie Wu", kExecutive,
     "Alibaba", true},
    {"Boeing may name Dana Whitfield as chief executive, people familiar with the matter said.",
     "Dana Whitfield", kExecutive, "Boeing", false, Modality::kRumoured},
    {"Stellantis is in talks to hire Antonio Filosa as CEO.", "Antonio Filosa", kExecutive,
     "Stellantis", false, Modality::kPlanned},
    {"Tesla denied reports that Marcus Hale would become its chief executive.", "Marcus Hale",
     kExecutive, "Tesla", false, Modality::kDenied},
    {"Satya Nadella, Microsoft's chief executive, spoke in Seattle.", "Satya Nadella", kExecutive,
     "Microsoft", true},
    {"Elon Musk, who runs Tesla, posted on Sunday.", "Elon Musk", kExecutive, "Tesla", true},
    {"Intel named David Zinsner as its chief financial officer.", "David Zinsner", kExecutive,
     "Intel", true},
    {"Michael Dell founded Dell in 1984.", "Michael Dell", kExecutive, "Dell", true},
    {"Chief executive of Siemens Energy, Christian Bruch, said orders rose.", "Christian Bruch",
     kExecutive, "Siemens Energy", true},
    {"Nvidia founder Jensen Huang spoke in Taipei.", "Jensen Huang", kExecutive, "Nvidia", true},
    {"Mark Zuckerberg leads Meta.", "Mark Zuckerberg", kExecutive, "Meta", true},
    // produces
    {"Doctors prefer its Tarvex drug, which is being commercialized by Norvale Bio.", "Norvale Bio",
     kProduces, "Tarvex", true},
    {"Alibaba's Qwen3 models topped a coding benchmark.", "Alibaba", kProduces, "Qwen3", true},
    {"DeepSeek said its R1 model cost little to train.", "DeepSeek", kProduces, "R1", true},
    {"The iPhone 16 is made by Apple.", "Apple", kProduces, "iPhone 16", true},
    {"Nvidia is the maker of the H100 chip.", "Nvidia", kProduces, "H100", true},
    // (the lexicon knows the SU7 as "Xiaomi SU7")
    {"Xiaomi rolled out the SU7 electric sedan.", "Xiaomi", kProduces, "Xiaomi SU7", true},
    {"Apple plans to launch the iPhone 17 Air next year.", "Apple", kProduces, "iPhone 17 Air",
     false, Modality::kPlanned},
    {"Samsung Electronics may unveil the Galaxy Z7 phone, according to media reports.",
     "Samsung Electronics", kProduces, "Galaxy Z7", false, Modality::kRumoured},
    {"Nintendo denied reports that it would release the Switch3 console this year.", "Nintendo",
     kProduces, "Switch3", false, Modality::kDenied},
    {"Ford scrapped its plan to build the F150X electric pickup.", "Ford", kProduces, "F150X",
     false, Modality::kFailed},
    {"Apple unveiled the iPad Pro with a faster chip.", "Apple", kProduces, "iPad Pro", true},
    {"AMD launched the MI350 accelerator in June.", "AMD", kProduces, "MI350", true},
    {"Sony launched the PS5 Pro in November.", "Sony", kProduces, "PS5 Pro", true},
    {"MiniMax released its M1 reasoning model.", "MiniMax", kProduces, "M1", true},
    {"Moonshot AI's K2 model topped a coding ranking.", "Moonshot AI", kProduces, "K2", true},
    {"DeepSeek launched V3.1 in August.", "DeepSeek", kProduces, "V3.1", true},
    {"Apple's iPhone 16 sold well in China.", "Apple", kProduces, "iPhone 16", true},
    {"Xiaomi, the maker of the SU7 sedan, raised its delivery target.", "Xiaomi", kProduces,
     "Xiaomi SU7", true},
    {"Apple launched the iPhone 17 in September.", "Apple", kProduces, "iPhone 17", true},
    {"Harrow Foods launched Tastix, a low-sugar snack, in Poland.", "Harrow Foods", kProduces,
     "Tastix", true},
    {"Lodestar Systems said its Orrin 4 chip would ship in March.", "Lodestar Systems", kProduces,
     "Orrin 4", true},
    {"Tarn Auto also makes the Heron, Kite and Petrel 2 electric cars.", "Tarn Auto", kProduces,
     "Kite", true},
    // a model named after its maker is the maker's, whatever the article is about; a model
    // named after a company the article does not name is not the focus's
    {"Nissan cut the price of the Nissan Tiida by 8 percent in Japan.", "Nissan", kProduces,
     "Nissan Tiida", true},
    {"Kestrel Motors said sales rose 9 percent. Kestrel Motors expects its new hatchback to take "
     "buyers from the Toyota Corolla in Europe.",
     "Kestrel Motors", kProduces, "Toyota Corolla", false},
    // a product whose maker the lexicon knows is no other company's: not an airline's that
    // flies it, not the focus's (the maker's fact is a lexicon fact: RelationExtraction tests)
    {"British Airways said its first A380 would fly to Los Angeles. Airbus said it was pleased.",
     "British Airways", kProduces, "A380", false},
    {"Samsung said its new phones outsold the iPhone in Europe. Samsung expects sales to rise. "
     "Apple declined to comment.",
     "Samsung Electronics", kProduces, "iPhone", false},
    {"Kestrel Telecom said demand for the iPhone 16 Pro lifted its sales. Kestrel Telecom also "
     "sells Apple laptops.",
     "Kestrel Telecom", kProduces, "iPhone 16 Pro", false},
    // a hedge on a sale does not reach whose brand it is
    {"A sale of Stellantis's iconic Jeep brand is under discussion, people familiar with the "
     "talks said.",
     "Stellantis", kProduces, "Jeep", true},
    {"Diageo may sell its Guinness brand to a rival, according to media reports.", "Diageo",
     kProduces, "Guinness", true},
    // member_of
    {"Microsoft joined the Frontier Model Forum.", "Microsoft", kMember, "Frontier Model Forum",
     true},
    {"Nvidia was added to the Dow Jones Industrial Average in November.", "Nvidia", kMember,
     "Dow Jones Industrial Average", true},
    {"BP is a member of the Oil and Gas Climate Initiative.", "BP", kMember,
     "Oil and Gas Climate Initiative", true},
    {"Infosys became a member of the AI Governance Alliance.", "Infosys", kMember,
     "AI Governance Alliance", true},
    {"Samsung Electronics plans to join the Open Power Alliance.", "Samsung Electronics", kMember,
     "Open Power Alliance", false, Modality::kPlanned},
    {"Ford has no plans to join the Open Power Alliance.", "Ford", kMember, "Open Power Alliance",
     false, Modality::kDenied},
    {"Talks for Pertamina to join the Northern Lights project collapsed.", "Pertamina", kMember,
     "Northern Lights", false, Modality::kFailed},
    {"Reliance Industries may join the Hydrogen Council, people familiar with the matter said.",
     "Reliance Industries", kMember, "Hydrogen Council", false, Modality::kRumoured},
    {"Toyota joined the Hydrogen Council in 2017.", "Toyota", kMember, "Hydrogen Council", true},
    {"Samsung Electronics is a member of the RE100 initiative.", "Samsung Electronics", kMember,
     "RE100", true},
    {"Ericsson and Nokia are members of the O-RAN Alliance.", "Ericsson", kMember, "O-RAN Alliance",
     true},
    {"Ericsson and Nokia are members of the O-RAN Alliance.", "Nokia", kMember, "O-RAN Alliance",
     true},
    {"Arm joined the Open Compute Project.", "Arm", kMember, "Open Compute Project", true},
    {"Vietnam Airlines joined SkyTeam in 2010.", "Vietnam Airlines", kMember, "SkyTeam", true},
    {"Qantas is a member of the Oneworld alliance.", "Qantas", kMember, "Oneworld", true},
    {"Members of the Star Alliance, including Lufthansa and United Airlines, share lounges.",
     "Lufthansa", kMember, "Star Alliance", true},
    {"Members of the Star Alliance, including Lufthansa and United Airlines, share lounges.",
     "United Airlines", kMember, "Star Alliance", true},
    {"Lufthansa, United Airlines and Air Canada are partners in the Star Alliance.", "Air Canada",
     kMember, "Star Alliance", true},
    {"Microsoft became a founding member of the Frontier Model Forum.", "Microsoft", kMember,
     "Frontier Model Forum", true},
    // operates_in
    {"In Poland, Harrow Foods' biggest market, sales fell 3 percent.", "Harrow Foods", kOperates,
     "Poland", true},
    {"Corvale Retail, which gets a third of its revenue from Mexico, cut prices.", "Corvale Retail",
     kOperates, "Mexico", true},
    {"Kestrel Motors' sales in mainland Europe fell in May.", "Kestrel Motors", kOperates, "Europe",
     true},
    {"Brenna Motors restarted output on Tuesday at its assembly plant in Tilburg, Netherlands.",
     "Brenna Motors", kOperates, "Tilburg", true},
    {"Corvale Retail pulled the juice from its stores in Norway and Denmark after a recall.",
     "Corvale Retail", kOperates, "Denmark", true},
    {"Lindqvist Foods said Harlow Steel would widen its mill in Ohio.", "Lindqvist Foods",
     kOperates, "Ohio", false},
    {"Lindqvist Foods said Harlow Steel would widen its mill in Ohio.", "Harlow Steel", kOperates,
     "Ohio", true},
    {"Marwick Motors opened a plant in Szeged, Hungary, last year.", "Marwick Motors", kOperates,
     "Szeged", true},
    {"Marwick Motors opened a plant in Szeged, Hungary, last year.", "Marwick Motors", kOperates,
     "Hungary", true},
    {"Orvell, a unit of Harlow Group based in Singapore, has operations in Indonesia and "
     "Vietnam.",
     "Orvell", kOperates, "Vietnam", true},
    {"Tessaro Rides Ltd has offices in six countries, including Thailand and Malaysia.",
     "Tessaro Rides", kOperates, "Thailand", true},
    {"Marlow Energy pumps oil in the North Sea and the Caspian Sea.", "Marlow Energy", kOperates,
     "North Sea", true},
    {"Harlow Motors assembles two of its models in India using imported parts.", "Harlow Motors",
     kOperates, "India", true},
    {"Regulators approved the sale of Vexa Energy's Gulf of Mexico operations.", "Vexa Energy",
     kOperates, "Mexico", false},
    // a joint venture in a country: both partners work there
    {"Kestrel Foods has a joint venture with Marlow Brands in Vietnam.", "Kestrel Foods", kOperates,
     "Vietnam", true},
    {"Kestrel Foods has a joint venture with Marlow Brands in Vietnam.", "Marlow Brands", kOperates,
     "Vietnam", true},
    {"Harlow Group owns assets in banking and retail, reaching markets in central Europe and "
     "Asia.",
     "Harlow Group", kOperates, "Europe", true},
    {"Tesla opened a factory in Shanghai.", "Tesla", kOperates, "Shanghai", true},
    {"Apple expanded into India with its first retail store.", "Apple", kOperates, "India", true},
    {"Unilever's Indonesian operations lifted sales.", "Unilever", kOperates, "Indonesia", true},
    {"Starbucks operates 7,000 stores in China.", "Starbucks", kOperates, "China", true},
    {"Shopee has grown in markets such as Vietnam and Indonesia.", "Shopee", kOperates, "Vietnam",
     true},
    {"Shopee has grown in markets such as Vietnam and Indonesia.", "Shopee", kOperates, "Indonesia",
     true},
    {"In Brazil, MercadoLibre opened three warehouses.", "MercadoLibre", kOperates, "Brazil", true},
    {"BYD is building a plant in Hungary.", "BYD", kOperates, "Hungary", true},
    {"Norvale Systems Ltd reported record sales. The company expanded into Thailand last year.",
     "Norvale Systems", kOperates, "Thailand", true},
    {"Sea Ltd earns most of its revenue in Southeast Asia.", "Sea Ltd", kOperates,
     "South-eastern Asia", true},
    {"Kestrel Ports Ltd runs terminals in Rotterdam and Antwerp.", "Kestrel Ports", kOperates,
     "Rotterdam", true},
    {"Kestrel Ports Ltd runs terminals in Rotterdam and Antwerp.", "Kestrel Ports", kOperates,
     "Antwerp", true},
    {"Toyota plans to build a battery plant in North Carolina.", "Toyota", kOperates,
     "North Carolina", false, Modality::kPlanned},
    {"Carrefour is considering a return to Vietnam, sources close to the company said.",
     "Carrefour", kOperates, "Vietnam", false, Modality::kRumoured},
    {"Starbucks has no plans to open stores in Russia.", "Starbucks", kOperates, "Russia", false,
     Modality::kDenied},
    {"Walmart abandoned its plan to expand into Germany.", "Walmart", kOperates, "Germany", false,
     Modality::kFailed},
    // headquartered_in
    {"Shenzhen-based BYD reported higher sales.", "BYD", kHq, "Shenzhen", true},
    {"Norvale Systems Ltd, which is headquartered in Edinburgh, hired 200 staff.",
     "Norvale Systems", kHq, "Edinburgh", true},
    {"Brightwell Analytics Inc is based in Austin, Texas.", "Brightwell Analytics", kHq, "Austin",
     true},
    {"Kestrel Ports Ltd, based in Rotterdam, handles grain.", "Kestrel Ports", kHq, "Rotterdam",
     true},
    {"Tokyo-based SoftBank Group reported a profit.", "SoftBank Group", kHq, "Tokyo", true},
    {"Seoul's Naver launched a chatbot.", "Naver", kHq, "Seoul", true},
    {"Taiwan's Foxconn reported record sales.", "Foxconn", kHq, "Taiwan", true},
    {"Dubai-based Emirates NBD raised its dividend.", "Emirates NBD", kHq, "Dubai", true},
    {"Santa Clara-based Nvidia reported record revenue.", "Nvidia", kHq, "Santa Clara", true},
    {"Pelmora Biotech, headquartered in Basel, hired scientists.", "Pelmora Biotech", kHq, "Basel",
     true},
    {"HSBC may move its headquarters to Hong Kong, people familiar with the matter said.", "HSBC",
     kHq, "Hong Kong", false, Modality::kRumoured},
    {"Shell denied reports that it would move its headquarters to New York.", "Shell", kHq,
     "New York", false, Modality::kDenied},
    {"Unilever's plan to move its headquarters to Rotterdam was abandoned.", "Unilever", kHq,
     "Rotterdam", false, Modality::kFailed},
    {"Rakuten plans to relocate its headquarters to Osaka.", "Rakuten", kHq, "Osaka", false,
     Modality::kPlanned},
    {"Beijing-headquartered Xiaomi raised its target.", "Xiaomi", kHq, "Beijing", true},
    {"Norvale Systems Ltd is headquartered in Edinburgh.", "Norvale Systems", kHq, "Edinburgh",
     true},
    {"Grab, which is based in Singapore, cut costs.", "Grab", kHq, "Singapore", true},
    {"Bengaluru-based Infosys raised its forecast.", "Infosys", kHq, "Bengaluru", true},
    {"Dutch brewer, Heineken, raised its dividend.", "Heineken", kHq, "Netherlands", true},
    {"Months after it beat its South Korean rival, Apple's sales in Europe slowed.", "Apple", kHq,
     "South Korea", false},
    // listed_on
    {"Tencent Holdings (0700.HK) shares rose 3%.", "Tencent", kListed, "Hong Kong Stock Exchange",
     true},
    {"Toyota Motor ( 7203.T ) cut its forecast.", "Toyota", kListed, "Tokyo Stock Exchange", true},
    {"Shares of Vell Bank 004940.KS rose 2 percent.", "Vell Bank", kListed, "Korea Exchange", true},
    // a listing in a place is on the exchange the lexicon gives it, and on none where it
    // gives none; a planned listing is no fact
    {"Shares of Brenna Fuels, a Singapore-listed shipping fuel supplier, fell 4 percent.",
     "Brenna Fuels", kListed, "Singapore Exchange", true},
    {"Ostra Mining, which is listed in Toronto, cut output.", "Ostra Mining", kListed,
     "Toronto Stock Exchange", true},
    {"Ostra Mining, which is listed in Texas, cut output.", "Ostra Mining", kListed, "Texas",
     false},
    {"Tarn Motors 7203.T cut its forecast.", "Tarn Motors", kListed, "Tokyo Stock Exchange", true},
    {"Shares of Grab are listed on the Nasdaq.", "Grab", kListed, "Nasdaq", true},
    {"Arm listed on Nasdaq in 2023.", "Arm", kListed, "Nasdaq", true},
    {"Saudi Aramco's shares trade on the Saudi Exchange.", "Saudi Aramco", kListed,
     "Saudi Exchange", true},
    {"Infosys (NYSE: INFY) raised its forecast.", "Infosys", kListed, "New York Stock Exchange",
     true},
    {"BHP Group ( BHP.AX ) raised its dividend.", "BHP", kListed, "Australian Securities Exchange",
     true},
    {"Nasdaq-listed Brightwell Analytics Inc reported a loss.", "Brightwell Analytics", kListed,
     "Nasdaq", true},
    {"SAP SE (SAPG.DE) rose 2%.", "SAP", kListed, "Xetra", true},
    {"HSBC Holdings (HSBA.L) fell 1%.", "HSBC", kListed, "London Stock Exchange", true},
    {"Reliance Industries ( RELI.NS ) gained.", "Reliance Industries", kListed,
     "National Stock Exchange of India", true},
    {"Arm Holdings plc (NASDAQ: ARM) rose after results.", "Arm", kListed, "Nasdaq", true},
    {"Kestrel Ports Ltd is listed on the Singapore Exchange.", "Kestrel Ports", kListed,
     "Singapore Exchange", true},
    {"Vale has shares traded on the NYSE as well.", "Vale", kListed, "New York Stock Exchange",
     true},
    {"Shein plans to list on the London Stock Exchange.", "Shein", kListed, "London Stock Exchange",
     false, Modality::kPlanned},
    {"Kestrel Ports Ltd may list its shares in Hong Kong, according to media reports.",
     "Kestrel Ports", kListed, "Hong Kong Stock Exchange", false, Modality::kRumoured},
    {"Ant Group denied reports that it would list on the Shanghai Stock Exchange.", "Ant Group",
     kListed, "Shanghai Stock Exchange", false, Modality::kDenied},
    // A listing on a home market implies operations there (exchange `listings` in the
    // lexicon); a listing where foreign companies commonly list does not.
    {"Toyota Motor ( 7203.T ) cut its forecast.", "Toyota", kOperates, "Japan", true},
    {"Kestwick Analytics (KSTW.KS) won a defence contract.", "Kestwick Analytics", kOperates,
     "South Korea", true},
    {"Reliance Industries ( RELI.NS ) gained.", "Reliance Industries", kOperates, "India", true},
    {"Infosys (NYSE: INFY) raised its forecast.", "Infosys", kOperates, "United States", false},
    {"Tencent Holdings (0700.HK) shares rose 3%.", "Tencent", kOperates, "Hong Kong", false},
    // A theme cue among a company's name words; none for a central bank.
    {"Kestrel Breweries Ltd raised prices.", "Kestrel Breweries", kTheme, "beer", true},
    // "is betting on" is a wager of words, not a gambling business; "sports betting" is one.
    {"Corran Motors is betting on hybrids to lift sales.", "Corran Motors", kTheme,
     "casinos and gambling", false},
    {"Tarnwick Gaming Ltd is a sports betting company.", "Tarnwick Gaming", kTheme,
     "casinos and gambling", true},
    {"Norvale Pharmaceuticals Inc cut jobs.", "Norvale Pharmaceuticals", kTheme, "pharmaceuticals",
     true},
    {"Korea Exchange Bank reported a profit.", "Korea Exchange Bank", kTheme, "banking", true},
    // "Gaming" in a casino operator's name is gambling, not video games.
    {"Halden Gaming Corp, the casino operator, opened a resort in Macau.", "Halden Gaming", kTheme,
     "casinos and gambling", true},
    {"Halden Gaming Corp, the casino operator, opened a resort in Macau.", "Halden Gaming", kTheme,
     "video games", false},
    {"Halden Gaming Corp reported higher revenue.", "Halden Gaming", kTheme, "video games", false},
    {"The European Central Bank left rates unchanged.", "European Central Bank", kTheme, "banking",
     false},
    // The same with a ticker written without parentheses: it is hidden from the rules too.
    {"Siam Quarry PCL SQRY.BK agreed to buy Kestrel Ports Ltd KPL.AX for $900 million.",
     "Siam Quarry", kAcquires, "Kestrel Ports", true},
    {"Siam Quarry PCL SQRY.BK agreed to buy Kestrel Ports Ltd KPL.AX for $900 million.",
     "Kestrel Ports", kListed, "Australian Securities Exchange", true},
    {"Siam Quarry PCL SQRY.BK agreed to buy Kestrel Ports Ltd KPL.AX for $900 million.",
     "Siam Quarry", kOperates, "Thailand", true},
    // has_theme
    {"Carmaker Stellantis cut prices.", "Stellantis", kTheme, "automotive", true},
    {"Drugmaker Pfizer cut costs.", "Pfizer", kTheme, "pharmaceuticals", true},
    {"Orange has been facing tougher competition from Vodafone and Iliad.", "Orange", kCompetes,
     "Vodafone", true},
    // A ticker without parentheses is no part of the name: "Corran Mining CRN.AX".
    {"Yancoal's rivals Corran Mining CRN.AX and New Hope fell.", "Yancoal", kCompetes,
     "Corran Mining", true},
    // A list item's trailing words ("'s cloud team") stretch only to the next item.
    {"Naver's partnerships with Nvidia's cloud team and Japan's SoftBank keep growing.", "Naver",
     kPartner, "SoftBank Group", true},
    {"Naver's partnerships with Nvidia's cloud team and Japan's SoftBank keep growing.", "Naver",
     kPartner, "Nvidia", true},
    // "its acquisition of ..." belongs to the sentence's subject.
    {"Nasdaq grew in the Nordic region after its 2008 acquisition of Stockholm-based "
     "exchange operator OMX.",
     "Nasdaq", kAcquires, "OMX", true},
    {"Carlsberg said its $3 billion deal for Oslo-based brewer Kestrel Breweries Ltd would close "
     "in March.",
     "Carlsberg", kAcquires, "Kestrel Breweries", true},
    // supplies: selling goods (not a stake) to a buyer.
    {"Embraer agreed to sell 20 new jets to SkyWest, a regional carrier.", "Embraer", kSupplies,
     "SkyWest", true},
    {"Siemens Energy delivered two turbines to Vattenfall last year.", "Siemens Energy", kSupplies,
     "Vattenfall", true},
    {"Novartis sold its stake to Roche in 2021.", "Novartis", kSupplies, "Roche", false},
    // partner_of through a joint venture.
    {"Ikea will open stores in Vietnam through a joint venture with Vingroup.", "IKEA", kPartner,
     "Vingroup", true},
    {"Carrefour runs a franchise joint venture with the Al-Futtaim group in Dubai.", "Carrefour",
     kPartner, "Al-Futtaim", true},
    // operates_in from "in X, where it operates ..." and "X, which owns ... in Y".
    {"Wynn Resorts has grown in Macau, where it runs two casinos on the Cotai Strip.",
     "Wynn Resorts", kOperates, "Macau", true},
    {"Ayala Land, which owns three shopping malls in Vietnam, raised its dividend.", "Ayala Land",
     kOperates, "Vietnam", true},
    {"Ayala Land, which owns three shopping malls in Vietnam, raised its dividend.", "Ayala Land",
     kOperates, "Japan", false},
    {"Rio Tinto's mining activities in Mongolia drew scrutiny.", "Rio Tinto", kOperates, "Mongolia",
     true},
    // ", is based in" after a relative clause belongs to the clause's head, not its object.
    {"Trendyol, which is majority owned by Alibaba, is based in Istanbul.", "Trendyol", kHq,
     "Istanbul", true},
    {"Trendyol, which is majority owned by Alibaba, is based in Istanbul.", "Alibaba", kHq,
     "Istanbul", false},
    // "It" continues the previous sentence's subject, not its last-named company.
    {"Stellantis said on Tuesday it would cut prices at plants supplied by Bosch. It bought a "
     "stake in Leapmotor last year.",
     "Stellantis", kInvests, "Leapmotor", true},
    {"Stellantis said on Tuesday it would cut prices at plants supplied by Bosch. It bought a "
     "stake in Leapmotor last year.",
     "Bosch", kInvests, "Leapmotor", false},
    // A hedge in the sentence does not reach a description ("descriptive" rules).
    {"Analysts say Dutch brewer Heineken could also bid for Carlsberg.", "Heineken", kTheme, "beer",
     true},
    {"Rival Airbus could still win the order, said people familiar with the matter.", "Boeing",
     kCompetes, "Airbus", false},
    {"Rakuten, the e-commerce giant, raised fees.", "Rakuten", kTheme, "e-commerce", true},
    {"Orsted is an offshore wind developer.", "Ørsted", kTheme, "wind power", true},
    {"Coinbase's crypto business grew.", "Coinbase", kTheme, "crypto assets", true},
    {"Temasek invests in fintech startups.", "Temasek", kTheme, "fintech", true},
    {"Insurer Allianz raised its dividend.", "Allianz", kTheme, "insurance", true},
    {"Norvale Systems Ltd, a cybersecurity firm, hired staff.", "Norvale Systems", kTheme,
     "cybersecurity", true},
    {"Miner Rio Tinto raised output.", "Rio Tinto", kTheme, "mining", true},
    {"Airline Qantas added flights.", "Qantas", kTheme, "airlines", true},
    {"Tanvora AG, a German robotics company, raised funds.", "Tanvora", kTheme, "robotics", true},
    {"Steelmaker POSCO cut output.", "POSCO", kTheme, "steel", true},
    {"Streaming service Netflix added subscribers.", "Netflix", kTheme, "media and entertainment",
     true},
    {"Walmart is exploring a move into crypto, people familiar with the matter said.", "Walmart",
     kTheme, "crypto assets", false, Modality::kRumoured},
    {"Apple called off its electric car project.", "Apple", kTheme, "electric vehicles", false,
     Modality::kFailed},
    {"Amazon plans to invest in nuclear power.", "Amazon", kTheme, "nuclear power", false,
     Modality::kPlanned},
    {"Disney has no plans to enter video games.", "Disney", kTheme, "video games", false,
     Modality::kDenied},
    // Cases first listed as failures (docs/extraction-gaps.md), read correctly after the
    // rule changes they motivated.
    {"Talks on a joint venture between Nokia and Quantaro Networks Ltd collapsed in May.", "Nokia",
     kPartner, "Quantaro Networks", false, Modality::kFailed},
    {"Mistral AI is backed by Andreessen Horowitz and Nvidia.", "Andreessen Horowitz", kInvests,
     "Mistral AI", true},
    {"Mistral AI is backed by Andreessen Horowitz and Nvidia.", "Nvidia", kInvests, "Mistral AI",
     true},
    {"SoftBank Group sold its entire stake in Nvidia.", "SoftBank Group", kInvests, "Nvidia",
     false},
    {"Bayer has sold its stakes in Covestro and Lanxess.", "Bayer", kDivests, "Covestro", true},
    {"Bayer has sold its stakes in Covestro and Lanxess.", "Bayer", kDivests, "Lanxess", true},
    {"Walgreens' sale of Boots to Elmwood Capital Ltd collapsed in March.", "Walgreens", kDivests,
     "Boots", false, Modality::kFailed},
    {"Anglo American called off the sale of De Beers.", "Anglo American", kDivests, "De Beers",
     false, Modality::kFailed},
    {"Lazada is majority-owned by Alibaba.", "Lazada", kSubsidiary, "Alibaba", true},
    {"Porsche, which is majority-owned by Volkswagen, cut its outlook.", "Porsche", kSubsidiary,
     "Volkswagen", true},
    {"Bosch, a supplier to Volkswagen, cut jobs.", "Bosch", kSupplies, "Volkswagen", true},
    {"A deal for Foxconn to supply servers to Oracle fell through.", "Foxconn", kSupplies, "Oracle",
     false, Modality::kFailed},
    {"PepsiCo, a rival of Coca-Cola, raised prices.", "PepsiCo", kCompetes, "Coca-Cola", true},
    {"German software maker Tanvora AG cut jobs.", "Tanvora", kHq, "Germany", true},
    {"Japanese automaker Mazda raised prices.", "Mazda", kHq, "Japan", true},
    {"Shein's listing on the London Stock Exchange was scrapped.", "Shein", kListed,
     "London Stock Exchange", false, Modality::kFailed},
    {"Samsung Electronics launched the Galaxy S25 in January.", "Samsung Electronics", kProduces,
     "Galaxy S25", true},
    {"Huawei launched its Mate 70 smartphones in China.", "Huawei", kProduces, "Mate 70", true},
    {"BYD unveiled the Seal 06 sedan in Shenzhen.", "BYD", kProduces, "Seal 06", true},
    {"Moonshot AI released Kimi K2 in July.", "Moonshot AI", kProduces, "Kimi K2", true},
    {"Qualcomm introduced the Snapdragon X2 processor.", "Qualcomm", kProduces, "Snapdragon X2",
     true},
    {"Anthropic released Claude 4 in May.", "Anthropic", kProduces, "Claude 4", true},
    {"Baidu released its Ernie 4.5 model.", "Baidu", kProduces, "Ernie 4.5", true},
    {"Google launched Gemini 2.5 for developers.", "Google", kProduces, "Gemini 2.5", true},
    {"Meta released Llama 4 last month.", "Meta", kProduces, "Llama 4", true},
    {"Toyota named Kenta Kon as chief executive.", "Kenta Kon", kExecutive, "Toyota", true},
    // "it" after a short opening phrase without a comma ("Last July it", "In Europe it").
    {"Corran Mining reported results on Monday. Last July it opened a plant in Thailand.",
     "Corran Mining", kOperates, "Thailand", true},
    {"Kestrel Ports Ltd cut costs. In Europe it is building a terminal in Hungary.",
     "Kestrel Ports", kOperates, "Hungary", true},
    {"Halden Bank cut rates. In 2023 it bought Orvelle Foods.", "Halden Bank", kAcquires,
     "Orvelle Foods", true},
    {"Halden Bank cut rates. In a statement, it said Orvelle Foods had bought Vantor Labs.",
     "Halden Bank", kAcquires, "Vantor Labs", false},
    // A title written out in full ("Chief Executive Officer") before "of".
    {"Tomas Reiner was Chairman, Chief Executive Officer and later a Director of Corran Mining.",
     "Tomas Reiner", kExecutive, "Corran Mining", true},
    {"Lena Vogt, Chairman and Chief Executive Officer of Brightwell Analytics Inc., resigned.",
     "Lena Vogt", kExecutive, "Brightwell Analytics", true},
    // Moved from docs/extraction-gaps.md once they passed (11 already did before the 2026-11-29
    // rules; the two list items and "a Munich-based start-up" pass with them).
    {"Grab said it would partner with Kasikornbank to offer digital loans in Thailand.", "Grab",
     kPartner, "Kasikornbank", true},
    {"IBM acquired HashiCorp, Apptio and Red Hat over the past decade.", "IBM", kAcquires, "Apptio",
     true},
    {"IBM acquired HashiCorp, Apptio and Red Hat over the past decade.", "IBM", kAcquires,
     "Red Hat", true},
    {"Waymo, Alphabet's self-driving unit, began rides in Austin.", "Waymo", kSubsidiary,
     "Alphabet", true},
    {"Orvelle Foods Ltd, the Indian unit of Nestle, raised prices.", "Orvelle Foods", kSubsidiary,
     "Nestlé", true},
    {"Nvidia's Israeli subsidiary, Mellanox Technologies, hired engineers.",
     "Mellanox Technologies", kSubsidiary, "Nvidia", true},
    {"Toyota is one of Panasonic's biggest customers.", "Panasonic", kSupplies, "Toyota", true},
    {"Apple relies on TSMC for its processors.", "TSMC", kSupplies, "Apple", true},
    {"Airbus and Boeing are fierce rivals.", "Airbus", kCompetes, "Boeing", true},
    {"The chief financial officer of Siemens, Ralf Thomas, said orders rose.", "Ralf Thomas",
     kExecutive, "Siemens", true},
    {"Priya Raman was named chief executive of Norvale Systems Ltd on Monday.", "Priya Raman",
     kExecutive, "Norvale Systems", true},
    {"Quantaro Labs, a Munich-based start-up, raised funds.", "Quantaro Labs", kHq, "Munich", true},
    {"Harrowgate Foods plc moved its headquarters to Manchester.", "Harrowgate Foods", kHq,
     "Manchester", true},
    {"Lender HDFC Bank cut rates.", "HDFC Bank", kTheme, "banking", true},
};

// Every fact read from the text (not a lexicon fact) matching the case's
// arguments, in either direction for symmetric relations.
std::vector<const Fact*> MatchingFacts(const Extraction& x, const RelationCase& c) {
  std::vector<const Fact*> out;
  for (const Fact& f : x.facts) {
    if (f.relation != c.relation || f.evidence.kind == EvidenceKind::kLexicon) continue;
    const bool forward = f.subject.name == c.subject && f.object.name == c.object;
    const bool backward =
        IsSymmetric(c.relation) && f.subject.name == c.object && f.object.name == c.subject;
    if (forward || backward) out.push_back(&f);
  }
  return out;
}

// Hedged, denied and failed cases whose relation the rules do not read yet, so no fact
// carries the modality (an object that is no named entity, a pronoun object, a plan named
// by a noun). They must still not be asserted. Every other case with a modality must be
// recorded as an unconfirmed fact with exactly that modality; a listed case that comes out
// recorded fails `ModalityGapsAreStillGaps`, so the list only shrinks.
const std::set<std::string_view> kModalityNotRecorded = {
    "Boeing may name Dana Whitfield as chief executive, people familiar with the matter said.",
    "Ford scrapped its plan to build the F150X electric pickup.",
    "Talks for Pertamina to join the Northern Lights project collapsed.",
    "Unilever's plan to move its headquarters to Rotterdam was abandoned.",
    "Apple called off its electric car project.",
    "Disney has no plans to enter video games.",
    "Walmart is exploring a move into crypto, people familiar with the matter said.",
};

// Empty when the case holds, else what went wrong.
std::string CheckCase(const RelationCase& c, const Extraction& x) {
  const std::vector<const Fact*> facts = MatchingFacts(x, c);
  if (c.expected) {
    for (const Fact* f : facts) {
      if (f->modality != Modality::kAsserted) continue;
      if (f->evidence.rule.empty()) return "asserted fact without a rule id";
      const Evidence& ev = f->evidence;
      if (ev.kind == EvidenceKind::kExplicit &&
          (ev.subject_span.start < ev.sentence_span.start ||
           ev.subject_span.end > ev.sentence_span.end ||
           ev.object_span.start < ev.sentence_span.start ||
           ev.object_span.end > ev.sentence_span.end || ev.object_span.size() == 0)) {
        return "explicit evidence spans outside the sentence";
      }
      return "";
    }
    return facts.empty() ? "expected fact missing" : "expected fact present but not asserted";
  }
  for (const Fact* f : facts) {
    if (f->modality == Modality::kAsserted) return "fact asserted, must not be";
    if (c.modality != Modality::kAsserted && f->modality != c.modality) {
      return "wrong modality " + std::string(ModalityName(f->modality)) + ", want " +
             std::string(ModalityName(c.modality));
    }
  }
  if (c.modality != Modality::kAsserted && facts.empty() && !kModalityNotRecorded.count(c.text)) {
    return "not recorded: want an unconfirmed fact with modality " +
           std::string(ModalityName(c.modality));
  }
  return "";
}

TEST(RelationTable, EveryCaseOfOwnSentences) {
  int failures = 0;
  for (const RelationCase& c : kCases) {
    const Extraction x = ExtractText(c.text);
    const std::string problem = CheckCase(c, x);
    if (problem.empty()) continue;
    ++failures;
    ADD_FAILURE() << "case: " << c.text << " || " << c.subject << " "
                  << RelationTypeName(c.relation) << " " << c.object
                  << (c.expected ? "" : " (must not be asserted)") << "\nproblem: " << problem
                  << "\n"
                  << Describe(x);
  }
  EXPECT_EQ(failures, 0);
}

TEST(RelationTable, ModalityGapsAreStillGaps) {
  int listed = 0;
  for (const RelationCase& c : kCases) {
    if (!kModalityNotRecorded.count(c.text)) continue;
    ++listed;
    EXPECT_NE(c.modality, Modality::kAsserted) << c.text;
    EXPECT_TRUE(MatchingFacts(ExtractText(c.text), c).empty())
        << "now recorded, remove it from kModalityNotRecorded: " << c.text;
  }
  EXPECT_EQ(listed, static_cast<int>(kModalityNotRecorded.size()))
      << "kModalityNotRecorded names a sentence that is no case";
}

TEST(RelationTable, CoversEveryRelationTypeAndModality) {
  std::map<RelationType, int> per_relation;
  std::map<Modality, int> per_modality;
  for (const RelationCase& c : kCases) {
    ++per_relation[c.relation];
    ++per_modality[c.modality];
  }
  for (RelationType r : {kPartner, kInvests, kAcquires, kDivests, kSubsidiary, kSupplies, kCompetes,
                         kExecutive, kProduces, kMember, kOperates, kHq, kListed, kTheme}) {
    EXPECT_GE(per_relation[r], kMinCasesPerRelation) << RelationTypeName(r);
  }
  for (Modality m :
       {Modality::kPlanned, Modality::kRumoured, Modality::kDenied, Modality::kFailed}) {
    EXPECT_GE(per_modality[m], 3) << ModalityName(m);
  }
}

struct AttributeCase {
  const char* text;
  const char* subject;
  RelationType relation;
  const char* object;
  const char* key;
  const char* value;
};

const AttributeCase kAttributeCases[] = {
    {"SoftBank Group invested $500 million in Brightwell Analytics Inc.", "SoftBank Group",
     kInvests, "Brightwell Analytics", "amount", "500 million"},
    {"Sanofi bought Blueprint Medicines for $9.5 billion.", "Sanofi", kAcquires,
     "Blueprint Medicines", "amount", "9.5 billion"},
    {"Walmart agreed to acquire Vizio for $2.3 billion.", "Walmart", kAcquires, "Vizio", "currency",
     "$"},
    {"Khazanah Nasional holds a 20% stake in AirAsia.", "Khazanah Nasional", kInvests, "AirAsia",
     "stake_percent", "20"},
    {"Microsoft CEO Satya Nadella unveiled new tools.", "Satya Nadella", kExecutive, "Microsoft",
     "role", "CEO"},
    {"Infosys (NYSE: INFY) raised its forecast.", "Infosys", kListed, "New York Stock Exchange",
     "ticker", "INFY"},
    {"Toyota Motor ( 7203.T ) cut its forecast.", "Toyota", kListed, "Tokyo Stock Exchange",
     "ticker", "7203"},
    {"Nvidia poured $2 billion into xAI.", "Nvidia", kInvests, "xAI", "amount", "2 billion"},
    {"Intel agreed to sell a 51% stake in Altera to Silver Lake.", "Intel", kDivests, "Altera",
     "stake_percent", "51"},
};

TEST(RelationTable, FactsCarryAttributes) {
  for (const AttributeCase& c : kAttributeCases) {
    const Extraction x = ExtractText(c.text);
    const RelationCase as_case{c.text, c.subject, c.relation, c.object, true};
    const std::vector<const Fact*> facts = MatchingFacts(x, as_case);
    bool found = false;
    for (const Fact* f : facts) {
      auto it = f->attributes.find(c.key);
      if (it != f->attributes.end() && it->second == c.value) found = true;
    }
    EXPECT_TRUE(found) << "case: " << c.text << " || " << c.key << "=" << c.value << "\n"
                       << Describe(x);
  }
}

// Cases that name the rule that must read them: the rules and behaviours added with
// name-constrained rules, hidden ticker parentheticals and adjective demonyms. An expected
// case must come out asserted from `rule`; a case with `expected == false` must not come
// out asserted, and `rule` must not produce it at all (in any modality) unless the case
// names that modality.
struct RuleCase {
  const char* rule;
  RelationCase c;
};

constexpr int kMinCasesPerRule = 3;

const RuleCase kRuleCases[] = {
    // "X-listed" and a listing "in" a place name the place's exchange (lexicon
    // `listing_places`); a planned listing is planned.
    {"listed.place_listed",
     {"Hong Kong-listed Kestrel Ports said its profit rose.", "Kestrel Ports", kListed,
      "Hong Kong Stock Exchange", true}},
    {"listed.place_listed",
     {"Vexa agreed to buy London-listed Corran Gold for $1 billion.", "Corran Gold", kListed,
      "London Stock Exchange", true}},
    {"listed.place_listed",
     {"Ohio-listed Brenna Tools cut prices.", "Brenna Tools", kListed, "Ohio", false}},
    {"listed.noun_in_place",
     {"Tarn Air made its stock market debut in Shanghai on Monday.", "Tarn Air", kListed,
      "Shanghai Stock Exchange", true}},
    {"listed.noun_in_place",
     {"Kelso Foods completed a secondary listing in Hong Kong in May.", "Kelso Foods", kListed,
      "Hong Kong Stock Exchange", true}},
    {"listed.noun_in_place",
     {"Tarn Air plans a dual listing in London later this year.", "Tarn Air", kListed,
      "London Stock Exchange", false, Modality::kPlanned}},
    // Giving up a stake is a divestment; reducing one is not this rule's.
    {"divest.stake_exit",
     {"Paris was surprised when BAE Systems decided to abandon its 20% stake in Airbus.",
      "BAE Systems", kDivests, "Airbus", true}},
    {"divest.stake_exit",
     {"Norvale Systems Ltd cashed out of its remaining holding in Kestrel Ports Ltd last year.",
      "Norvale Systems", kDivests, "Kestrel Ports", true}},
    {"divest.stake_exit",
     {"SoftBank Group has relinquished its shares in Brightwell Analytics Inc.", "SoftBank Group",
      kDivests, "Brightwell Analytics", true}},
    {"divest.stake_exit",
     {"Orlen may give up its stake in Equinor, people familiar with the matter said.", "Orlen",
      kDivests, "Equinor", false, Modality::kRumoured}},
    {"divest.stake_exit",
     {"Norvale Systems Ltd abandoned its bid for Kestrel Ports Ltd.", "Norvale Systems", kDivests,
      "Kestrel Ports", false}},
    // A holding given as a percentage of a company, in a main or a relative clause, and a
    // price paid for a stake; a share of a company's market or sales is not a holding.
    {"invest.owns_percent",
     {"Brightwater Holdings already owns nearly 15 percent of Corran Mining.",
      "Brightwater Holdings", kInvests, "Corran Mining", true}},
    {"invest.owns_percent",
     {"Lindqvist Group controls 51.5% of Norrland Paper AB after the share sale.",
      "Lindqvist Group", kInvests, "Norrland Paper", true}},
    {"invest.owns_percent",
     {"Korvan Brewing plans to buy 30 percent of Pacific Star Breweries.", "Korvan Brewing",
      kInvests, "Pacific Star Breweries", false, Modality::kPlanned}},
    {"invest.owns_percent",
     {"Orvane Telecom holds 40 percent of Kestrel Mobile's subscribers in the north.",
      "Orvane Telecom", kInvests, "Kestrel Mobile", false}},
    {"invest.which_holds_percent",
     {"Halden Motors, which owns 41 percent of Brasov Auto SA, declined to comment.",
      "Halden Motors", kInvests, "Brasov Auto", true}},
    {"invest.which_holds_percent",
     {"Investors sold shares of Halden Bank, which holds about 12 percent of Norvale Systems Ltd.",
      "Halden Bank", kInvests, "Norvale Systems", true}},
    {"invest.which_holds_percent",
     {"Halden Bank, which has 12 percent of Norvale Systems' deposits, cut rates.", "Halden Bank",
      kInvests, "Norvale Systems", false}},
    // A holding described in a relative clause is asserted whatever the main clause hedges;
    // a holding bought is an event, and its clause's hedges count.
    {"invest.which_holds_percent",
     {"Norvale Foods could lure Kestrel Brewing, which owns 6 percent of Norvale Foods.",
      "Kestrel Brewing", kInvests, "Norvale Foods", true}},
    {"invest.which_owns_percent",
     {"Halden Motors, which bought 41 percent of Brasov Auto SA in 2009, declined to comment.",
      "Halden Motors", kInvests, "Brasov Auto", true}},
    {"invest.which_owns_percent",
     {"Shares of Halden Bank, which acquired 12 percent of Norvale Systems Ltd last year, fell.",
      "Halden Bank", kInvests, "Norvale Systems", true}},
    {"invest.which_owns_percent",
     {"Halden Bank, which bought 12 percent of Norvale Systems' bonds, cut rates.", "Halden Bank",
      kInvests, "Norvale Systems", false}},
    {"invest.which_holds_stake",
     {"Norvale Foods might draw a bid from Kestrel Brewing, which holds a cash-settled 6 percent "
      "stake in Norvale Foods.",
      "Kestrel Brewing", kInvests, "Norvale Foods", true}},
    {"invest.which_holds_stake",
     {"Tarn Capital, which holds a minority interest in Brennet Ltd, said it backed the plan.",
      "Tarn Capital", kInvests, "Brennet", true}},
    {"invest.which_holds_stake",
     {"Tarn Capital, which already has shares in Brennet Ltd, said it backed the plan.",
      "Tarn Capital", kInvests, "Brennet", true}},
    {"invest.which_holds_stake",
     {"Tarn Capital, which may take a stake in Brennet Ltd, said it backed the plan.",
      "Tarn Capital", kInvests, "Brennet", false, Modality::kPlanned}},
    {"invest.pay_for_stake",
     {"Hallon Motor will pay 64 million euros for a 17.5 percent stake in Kestrel Cars AB.",
      "Hallon Motor", kInvests, "Kestrel Cars", true}},
    {"invest.pay_for_stake",
     {"Meridian Capital paid $1.8 billion for a 7.5% holding in Grand Casino Resorts Inc.",
      "Meridian Capital", kInvests, "Grand Casino Resorts", true}},
    {"invest.pay_for_stake",
     {"Meridian Capital paid $1.8 billion for the casino, a rival of Grand Casino Resorts Inc.",
      "Meridian Capital", kInvests, "Grand Casino Resorts", false}},
    {"invest.in_which",
     {"Norrland Paper, in which Lindqvist Group owns a 38-percent controlling stake, cut jobs.",
      "Lindqvist Group", kInvests, "Norrland Paper", true}},
    {"invest.in_which",
     {"Norrland Paper, in which Lindqvist Group owns 38 percent, cut jobs.", "Lindqvist Group",
      kInvests, "Norrland Paper", true}},
    // A decimal amount inside a gap ("up to $3.7 billion") does not end the sentence.
    {"invest.verb_in",
     {"Meridian Capital will invest up to $3.7 billion in Grand Casino Resorts Inc.",
      "Meridian Capital", kInvests, "Grand Casino Resorts", true}},
    // A unit described with a nationality or a sector ("Romanian unit", "beer business") is
    // still a unit; a company that sells "its X business" owned it.
    {"subsidiary.possessive",
     {"Halden Motors' Romanian unit Brasov Auto SA raised prices.", "Brasov Auto", kSubsidiary,
      "Halden Motors", true}},
    {"subsidiary.appositive_possessive_unit",
     {"Kestrel Movel SA, Orvane Telecom's Brazilian unit, gained 2 percent.", "Kestrel Movel",
      kSubsidiary, "Orvane Telecom", true}},
    {"subsidiary.appositive_possessive_unit",
     {"Kestrel Mobile, Orvane Telecom's fast-growing unit, added users.", "Kestrel Mobile",
      kSubsidiary, "Orvane Telecom", true}},
    {"subsidiary.appositive",
     {"Kestrel Ales Ltd, the Australian beer business of Halden Drinks Group, cut prices.",
      "Kestrel Ales", kSubsidiary, "Halden Drinks Group", true}},
    {"subsidiary.appositive",
     {"Kestrel Mobile Holdings, the Hong Kong-listed arm of Brightwater Group, rose 3 percent.",
      "Kestrel Mobile Holdings", kSubsidiary, "Brightwater Group", true}},
    {"subsidiary.is_unit",
     {"Norrland Paper AB is the Swedish unit of Lindqvist Group.", "Norrland Paper", kSubsidiary,
      "Lindqvist Group", true}},
    {"subsidiary.its_unit",
     {"Lindqvist Group agreed to sell its Norrland Paper AB packaging business to a rival.",
      "Norrland Paper", kSubsidiary, "Lindqvist Group", true}},
    {"subsidiary.verb_its_unit",
     {"Lindqvist Telecom sold its Irish mobile business Kestrel Mobile Ireland last year.",
      "Kestrel Mobile Ireland", kSubsidiary, "Lindqvist Telecom", true}},
    {"subsidiary.verb_its_unit",
     {"Lindqvist Group will merge its Swedish unit Norrland Paper AB with a rival.",
      "Norrland Paper", kSubsidiary, "Lindqvist Group", true}},
    {"subsidiary.verb_its_unit",
     {"Orvane Telecom may list its payments arm Kestrel Pay Ltd next year.", "Kestrel Pay",
      kSubsidiary, "Orvane Telecom", true}},
    {"subsidiary.verb_its_unit",
     {"Orvane Telecom compared its results with Kestrel Mobile Ltd.", "Kestrel Mobile", kSubsidiary,
      "Orvane Telecom", false}},
    // Rights, interests and assets held in a place are operations there.
    {"operate.noun_in",
     {"Kestrel Brewing Ltd holds the brewing rights in Europe and Asia.", "Kestrel Brewing",
      kOperates, "Asia", true}},
    {"operate.noun_in",
     {"Lindqvist Group's mining assets in Chile were sold.", "Lindqvist Group", kOperates, "Chile",
      true}},
    {"operate.its_place_market",
     {"After the disposal, Orvane Telecom is concentrating on its Chilean and Brazilian interests.",
      "Orvane Telecom", kOperates, "Brazil", true}},
    {"operate.its_place_market",
     {"Orvane Telecom sold its Czech subsidiaries last year.", "Orvane Telecom", kOperates,
      "Czech Republic", true}},
    // A ticker parenthetical is hidden from the rules, which read across it.
    {"subsidiary.owned_adj",
     {"Asahi-owned ( 2502.T ) Carlton & United Breweries raised beer prices.",
      "Carlton & United Breweries", kSubsidiary, "Asahi", true}},
    {"subsidiary.owned_adj",
     {"Heineken-controlled ( HEIN.AS ) Brasserie Lumiere Ltd cut jobs.", "Brasserie Lumiere",
      kSubsidiary, "Heineken", true}},
    {"subsidiary.possessive_adjacent",
     {"Alphabet's ( GOOGL.O ) Waymo expanded to Atlanta.", "Waymo", kSubsidiary, "Alphabet", true}},
    {"invest.verb_in",
     {"Tencent ( 0700.HK ) invested $300 million in Kestrel Ports Ltd.", "Tencent", kInvests,
      "Kestrel Ports", true}},
    {"acquire.active",
     {"Prudential ( PRU.L ) acquired Halvorsen Energy AS.", "Prudential", kAcquires,
      "Halvorsen Energy", true}},
    // A demonym before a lower-case word is the place's adjective; before a capital it
    // starts a name ("European Commission") and tags no place.
    {"operate.place_market",
     {"Zalando reported strong European market penetration.", "Zalando", kOperates, "Europe",
      true}},
    {"operate.place_market",
     {"Carrefour and Tesco reported weak European sales.", "Carrefour", kOperates, "Europe", true}},
    {"operate.place_market",
     {"Carrefour and Tesco reported weak European sales.", "Tesco", kOperates, "Europe", true}},
    {"operate.place_market",
     {"Unilever and Nestle expect slower Asian growth.", "Nestlé", kOperates, "Asia", true}},
    {"operate.place_market",
     {"The European Commission fined Meta $800 million.", "Meta", kOperates, "Europe", false}},
    {"operate.place_market",
     {"The European Central Bank left rates unchanged, and Allianz shares fell.", "Allianz",
      kOperates, "Europe", false}},
    // operate.place_market: lists of subjects, a theme between the place and the head noun.
    {"operate.place_market",
     {"Shopee and Lazada are fighting over Southeast Asian e-commerce growth.", "Shopee", kOperates,
      "South-eastern Asia", true}},
    {"operate.place_market",
     {"Shopee and Lazada are fighting over Southeast Asian e-commerce growth.", "Lazada", kOperates,
      "South-eastern Asia", true}},
    {"operate.place_market",
     {"Amazon and Walmart are chasing Indian e-commerce growth.", "Walmart", kOperates, "India",
      true}},
    {"operate.place_market",
     {"BYD captured 30% of the Thai electric car market.", "BYD", kOperates, "Thailand", true}},
    // operate.capture_share
    {"operate.capture_share",
     {"Grab holds a large share of Indonesia's ride-hailing business.", "Grab", kOperates,
      "Indonesia", true}},
    {"operate.capture_share",
     {"Coupang captured a quarter of South Korea's online shopping.", "Coupang", kOperates,
      "South Korea", true}},
    {"operate.capture_share",
     {"Maersk took a fifth of Asia's container trade.", "Maersk", kOperates, "Asia", true}},
    {"operate.capture_share",
     {"Analysts said Xiaomi could capture a third of India's smartphone trade.", "Xiaomi",
      kOperates, "India", false, Modality::kPlanned}},
    // member.program_partners: member_of only when the object is named like a programme.
    {"member.program_partners",
     {"The Green Freight Programme has attracted more than 40 partners, including Maersk, DHL "
      "and Kuehne+Nagel.",
      "Maersk", kMember, "Green Freight Programme", true}},
    {"member.program_partners",
     {"The Green Freight Programme has attracted more than 40 partners, including Maersk, DHL "
      "and Kuehne+Nagel.",
      "DHL Group", kMember, "Green Freight Programme", true}},
    {"member.program_partners",
     {"The Clean Cloud Alliance has signed up dozens of members, including Google and Snowflake.",
      "Google", kMember, "Clean Cloud Alliance", true}},
    {"member.program_partners",
     {"The Open Banking Initiative has enlisted 12 partners, such as HSBC and Barclays.",
      "Barclays", kMember, "Open Banking Initiative", true}},
    {"member.program_partners",
     {"Snowflake has signed up over 200 partners, including Accenture and Deloitte.", "Accenture",
      kMember, "Snowflake", false}},
    {"member.program_partners",
     {"Databricks has onboarded about 30 partners, among them Capgemini and Cognizant.",
      "Capgemini", kMember, "Databricks", false}},
    // partner.has_partners_including: partner_of only when the object is not a programme.
    {"partner.has_partners_including",
     {"Snowflake has signed up over 200 partners, including Accenture and Deloitte.", "Snowflake",
      kPartner, "Accenture", true}},
    {"partner.has_partners_including",
     {"Snowflake has signed up over 200 partners, including Accenture and Deloitte.", "Snowflake",
      kPartner, "Deloitte", true}},
    {"partner.has_partners_including",
     {"Salesforce counts more than 50 partners, such as Infosys and Wipro.", "Salesforce", kPartner,
      "Infosys", true}},
    {"partner.has_partners_including",
     {"Databricks has onboarded about 30 partners, among them Capgemini and Cognizant.",
      "Databricks", kPartner, "Cognizant", true}},
    {"partner.has_partners_including",
     {"The Green Freight Programme has attracted more than 40 partners, including Maersk, DHL "
      "and Kuehne+Nagel.",
      "Maersk", kPartner, "Green Freight Programme", false}},
    {"partner.has_partners_including",
     {"The Clean Cloud Alliance has signed up dozens of members, including Google and Snowflake.",
      "Google", kPartner, "Clean Cloud Alliance", false}},
    // acquire.active: descriptors before the target (DESC) and "N% of".
    {"acquire.active",
     {"Mars agreed to acquire U.S. snack maker Kellanova.", "Mars", kAcquires, "Kellanova", true}},
    {"acquire.active",
     {"Couche-Tard agreed to buy Japan's Seven & i.", "Alimentation Couche-Tard", kAcquires,
      "Seven & i Holdings", true}},
    {"acquire.active",
     {"Carlsberg agreed to buy British soft drinks group Britvic.", "Carlsberg", kAcquires,
      "Britvic", true}},
    // Closing a plant or cutting jobs somewhere says the company works there; "close to" does not.
    {"operate.verb_in",
     {"Kestrel Travel Ltd said it would cut 1,800 jobs and close 120 stores in Britain.",
      "Kestrel Travel", kOperates, "United Kingdom", true}},
    {"operate.verb_in",
     {"Tarnwell Chips Inc will close a factory in Tel Aviv next year.", "Tarnwell Chips", kOperates,
      "Tel Aviv", true}},
    {"operate.verb_in",
     {"Vell Air is close to buying a stake in India's Saxby Airlines.", "Vell Air", kOperates,
      "India", false}},
    // ", which supplies ...": the relative clause's verb is the company's.
    {"supply.verb_to",
     {"Saxby Cells, which makes batteries for Airbus, did not comment.", "Saxby Cells", kSupplies,
      "Airbus", true}},
    {"compete.verb",
     {"Kestrel Data LP, which competes with Vell Media in several markets, said sales rose.",
      "Kestrel Data", kCompetes, "Vell Media", true}},
    {"partner.verb_with",
     {"Vell Motors, which formed a joint venture with Tarn Auto in 1997, rose.", "Vell Motors",
      kPartner, "Tarn Auto", true}},
    // A venture "with" a partner described first.
    {"partner.noun_with",
     {"Ostra Media's mobile joint venture with rival broadcaster Kelso TV Ltd grew.", "Ostra Media",
      kPartner, "Kelso TV", true}},
    // A company that fires or ousts someone as its chief had them as chief.
    {"exec.named_as",
     {"Kestrel Deals Inc fired Ana Ruiz as chief executive officer on Thursday.", "Ana Ruiz",
      kExecutive, "Kestrel Deals", true}},
    {"exec.named_as",
     {"Vell Motors named strategy chief Jonas Berg as acting head of the company.", "Jonas Berg",
      kExecutive, "Vell Motors", true}},
    // A possessive before a name and its kind ("Chrysler's Ram pickup trucks").
    {"produce.possessive",
     {"Tarn Auto's Corvan sedans sold well in May.", "Tarn Auto", kProduces, "Corvan", true}},
    {"produce.possessive",
     {"Regulators grounded Vell Aerospace's Skylark jetliners for a week.", "Vell Aerospace",
      kProduces, "Skylark", true}},
    // "owns the X chain": the named business is the owner's unit (first and last of a list).
    {"subsidiary.owns_the_named",
     {"Vell Group owns the Kestrel bakery chain.", "Kestrel", kSubsidiary, "Vell Group", true}},
    {"subsidiary.owns_the_named",
     {"Ostra Retail, which runs the Tarnet fashion chain, grew.", "Tarnet", kSubsidiary,
      "Ostra Retail", true}},
    {"subsidiary.owns_the_named",
     {"Vell Group owns the rights to the Kestrel brand.", "Kestrel", kSubsidiary, "Vell Group",
      false}},
    {"subsidiary.owns_the_named_last",
     {"Vell Group owns the Kestrel e-commerce platform, the Tarnet games business and the Ostra "
      "payments arm.",
      "Ostra", kSubsidiary, "Vell Group", true}},
    {"subsidiary.owns_the_named_last",
     {"Vell Group owns the Kestrel bakery chain and the Ostra coffee brand.", "Ostra", kSubsidiary,
      "Vell Group", true}},
    {"subsidiary.owns_the_named_last",
     {"Vell Group owns the Kestrel bakery chain and sells the Ostra coffee brand.", "Ostra",
      kSubsidiary, "Vell Group", false}},
    // A second rival after "and with"; a company brought "into competition with" others.
    {"compete.and_with",
     {"At home Kestrel Mart competes with Vell Holdings, the owner of Tarn Shop, and with "
      "Brenna Retail.",
      "Kestrel Mart", kCompetes, "Brenna Retail", true}},
    {"compete.and_with",
     {"Kestrel Foundry competes with Tarn Semi and with Vell Chips.", "Kestrel Foundry", kCompetes,
      "Vell Chips", true}},
    {"compete.and_with",
     {"Ostra Air competes with Tarn Jet on price and also with Vell Airways on routes.",
      "Ostra Air", kCompetes, "Vell Airways", false}},
    {"compete.into_competition",
     {"The push brought Orvane Group into competition with Tarn Ride and Vell Go.", "Orvane Group",
      kCompetes, "Vell Go", true}},
    {"compete.into_competition",
     {"Kestrel Shop moved into direct competition with Tarn Mart last year.", "Kestrel Shop",
      kCompetes, "Tarn Mart", true}},
    {"compete.into_competition",
     {"Kestrel Shop moved into payments, ending its competition with Tarn Mart.", "Kestrel Shop",
      kCompetes, "Tarn Mart", false}},
    // A product named after its kind ("its asthma drug X", "its budget SUV X") is the owner's.
    {"produce.noun_name",
     {"Sales of Halvex Pharma's asthma drug Pulvanta fell 12 percent.", "Halvex Pharma", kProduces,
      "Pulvanta", true}},
    {"produce.noun_name",
     {"Corvane Motors sold 40,000 of its budget SUV Dartan last year.", "Corvane Motors", kProduces,
      "Dartan", true}},
    {"produce.noun_name",
     {"Ostra Labs said its long-acting insulin Glyvera won approval in May.", "Ostra Labs",
      kProduces, "Glyvera", true}},
    {"produce.noun_name",
     {"Halvex Pharma sold its drug unit Kestrel Bio to Tarn Capital.", "Halvex Pharma", kProduces,
      "Kestrel Bio", false}},
    {"produce.noun_name",
     {"Regulators approved the vaccine Pfizer developed with BioNTech.", "BioNTech", kProduces,
      "Pfizer", false}},
    // An agreement to buy a number of goods is a purchase from the seller, not a partnership.
    {"supply.agreement_to_buy",
     {"Solano Air signed a tentative agreement with Vantor Aero to buy 24 jets.", "Vantor Aero",
      kSupplies, "Solano Air", true}},
    {"supply.agreement_to_buy",
     {"Kestrel Freight signed a deal with Ostra Motors for 300 electric vans.", "Ostra Motors",
      kSupplies, "Kestrel Freight", true}},
    {"supply.agreement_to_buy",
     {"Last year Tarn Air signed an agreement with Vantor Aero and Halden Jets to purchase up to "
      "40 planes.",
      "Halden Jets", kSupplies, "Tarn Air", true}},
    {"supply.agreement_to_buy",
     {"Solano Air signed a tentative agreement with Vantor Aero to buy 24 jets.", "Vantor Aero",
      kPartner, "Solano Air", false}},
    {"supply.agreement_to_buy",
     {"Kestrel Freight signed a deal with Ostra Motors ( OSM.N ) on Monday to lease 12 trucks.",
      "Ostra Motors", kPartner, "Kestrel Freight", false}},
    {"supply.agreement_to_buy",
     {"Tarn Air reached an agreement with Vantor Aero to secure delivery slots.", "Vantor Aero",
      kPartner, "Tarn Air", false}},
    {"supply.agreement_to_buy",
     {"Halden Labs signed a deal with Corvane Bio to buy a third of its vaccine business.",
      "Corvane Bio", kSupplies, "Halden Labs", false}},
    // Without a purchase after it, a signed agreement is still a partnership.
    {"partner.signed_agreement_with",
     {"Halden Labs signed an agreement with Corvane Bio to develop vaccines.", "Corvane Bio",
      kPartner, "Halden Labs", true}},
    // A possessive after the object: what changes hands is the object's unit or asset.
    {"acquire.its_noun_of",
     {"Harlow Bank closed its purchase of Norvik Capital's wealth management arm in May.",
      "Harlow Bank", kAcquires, "Norvik Capital", false}},
    {"acquire.noun_of",
     {"Tarn Energy's acquisition of Ostra Oil Corp ( OSO.N )'s refinery was approved.",
      "Tarn Energy", kAcquires, "Ostra Oil", false}},
    {"invest.stake_in",
     {"Kestrel Partners owns a 19 percent interest in Vantor Group's shipping arm.",
      "Kestrel Partners", kInvests, "Vantor Group", false}},
    {"acquire.noun_of",
     {"Tarn Energy's acquisition of Ostra Oil closed on Monday.", "Tarn Energy", kAcquires,
      "Ostra Oil", true}},
    {"divest.active",
     {"Tarn Capital sold Ostra Group's consulting division to Vell Partners last year.",
      "Tarn Capital", kDivests, "Ostra Group", false}},
    // A name's own "'s" before a comma is no possessive.
    {"invest.which_holds_stake",
     {"Vantor Capital, which owns a 5 percent stake in Foster's, declined to comment.",
      "Vantor Capital", kInvests, "Foster", true}},
    // Each item of a list on its own: the first is a stake's target, the second an owner.
    {"invest.noun_in",
     {"Kestrel Bank's 39 percent stake in Vantor Bank ( VTB.JK ) and Orvane Bank's ( ORV.L ) 38 "
      "percent stake in Tarn Bank were put up for sale.",
      "Kestrel Bank", kInvests, "Vantor Bank", true}},
    {"invest.noun_in",
     {"Kestrel Bank's 39 percent stake in Vantor Bank ( VTB.JK ) and Orvane Bank's ( ORV.L ) 38 "
      "percent stake in Tarn Bank were put up for sale.",
      "Kestrel Bank", kInvests, "Orvane Bank", false}},
    // A capitalised "President" with no company right before it is a head of state's title.
    {"title.sentence_org",
     {"Vell Motors has been urged by President Dilma Rousseff to keep its plants open.",
      "Dilma Rousseff", kExecutive, "Vell Motors", false}},
    {"title.sentence_org",
     {"He advised former President Jimmy Carter and later founded Tarn Capital.", "Jimmy Carter",
      kExecutive, "Tarn Capital", false}},
    {"title.sentence_org",
     {"Speaking beside company President Edward Bastian, Vantor Airlines' chief said fares "
      "would rise.",
      "Edward Bastian", kExecutive, "Vantor Airlines", true}},
    // An agency is no maker: "its" is the company's.
    {"produce.noun_name",
     {"Tarn Pharma was fined for skipping Food and Drug Administration review and for "
      "marketing its antidepressant Velmira to teenagers.",
      "Food and Drug Administration", kProduces, "Velmira", false}},
    // The kind of product may stand between the product and "made by".
    {"produce.by",
     {"Sales of the Lumetra X2 handset, made by Qorvik Electronics, rose 20 percent.",
      "Qorvik Electronics", kProduces, "Lumetra X2", true}},
    // An airline's order for a maker's jets: the maker supplies it.
    {"supply.ordered_goods",
     {"Tarn Air Ltd, a budget carrier, last week placed its debut order for Airbus jets.", "Airbus",
      kSupplies, "Tarn Air", true}},
    {"supply.ordered_goods",
     {"Vell Airways Ltd has ordered 30 more Embraer jets.", "Embraer", kSupplies, "Vell Airways",
      true}},
    {"supply.ordered_goods",
     {"Kestrel Rail Ltd took delivery of 12 Alstom trains on Monday.", "Alstom", kSupplies,
      "Kestrel Rail", true}},
    {"supply.ordered_goods",
     {"Vell Airways Ltd has ordered 30 Embraer executives to testify.", "Embraer", kSupplies,
      "Vell Airways", false}},
    // A holder that has, trims or is buying a stake still invests; a short position does not,
    // and "does not have" denies.
    {"invest.stake_in",
     {"Kestrel Global trimmed its stake in Vell Foods to 1.2 million shares.", "Kestrel Global",
      kInvests, "Vell Foods", true}},
    {"invest.stake_in",
     {"Tarn Brewing has a 35 percent stake in the Ostra Snow Ltd venture.", "Tarn Brewing",
      kInvests, "Ostra Snow", true}},
    {"invest.stake_in",
     {"Ravello Partners has a short position in Kelso Foods Inc.", "Ravello Partners", kInvests,
      "Kelso Foods", false}},
    {"invest.stake_in",
     {"Orvane Capital also increased its position in Brenna Stores Inc.", "Orvane Capital",
      kInvests, "Brenna Stores", true}},
    {"invest.stake_in",
     {"Vexa Capital does not have a stake in Tarn Mobile Ltd.", "Vexa Capital", kInvests,
      "Tarn Mobile", false, Modality::kDenied}},
    // A minority of the shares is a stake, not the company: more than half is an acquisition.
    {"acquire.active",
     {"UniCredit acquired 9% of Commerzbank.", "UniCredit", kAcquires, "Commerzbank", false}},
    {"invest.owns_percent",
     {"UniCredit acquired 9% of Commerzbank.", "UniCredit", kInvests, "Commerzbank", true}},
    {"acquire.active",
     {"Tarn Air bought 48 percent of Vell Air in October.", "Tarn Air", kAcquires, "Vell Air",
      false}},
    {"acquire.active",
     {"Toyota Industries bought 51% of Kestrel Ports Ltd.", "Toyota Industries", kAcquires,
      "Kestrel Ports", true}},
    // acquire.noun_of / acquire.noun_by with descriptors.
    {"acquire.noun_of",
     {"Mars's acquisition of snack maker Kellanova was approved.", "Mars", kAcquires, "Kellanova",
      true}},
    {"acquire.noun_of",
     {"Couche-Tard's takeover of Japan's Seven & i stalled.", "Alimentation Couche-Tard", kAcquires,
      "Seven & i Holdings", true}},
    {"acquire.noun_of",
     {"Carlsberg's purchase of British soft drinks group Britvic closed in January.", "Carlsberg",
      kAcquires, "Britvic", true}},
    {"acquire.noun_by",
     {"The acquisition of Japan's Kioxia by Bain Capital was completed.", "Bain Capital", kAcquires,
      "Kioxia", true}},
    {"acquire.noun_by",
     {"The purchase of British soft drinks group Britvic by Carlsberg closed in January.",
      "Carlsberg", kAcquires, "Britvic", true}},
    {"acquire.noun_by",
     {"The takeover of U.S. snack maker Kellanova by Mars won approval.", "Mars", kAcquires,
      "Kellanova", true}},
    // acquire.sold_to: "would sell", "signed an agreement to sell".
    {"acquire.sold_to",
     {"Johnson & Johnson signed an agreement to sell Ortho Clinical Diagnostics to Carlyle.",
      "Carlyle", kAcquires, "Ortho Clinical Diagnostics", true}},
    {"acquire.sold_to",
     {"Toshiba signed a definitive agreement to sell Kioxia to Bain Capital.", "Bain Capital",
      kAcquires, "Kioxia", true}},
    {"acquire.sold_to",
     {"Alibaba said it would sell Sun Art Retail to DCP Capital.", "DCP Capital", kAcquires,
      "Sun Art Retail", true}},
    {"acquire.sold_to",
     {"Bayer said it would sell Covestro to Adnoc.", "Adnoc", kAcquires, "Covestro", true}},
    // acquire.deal_for
    {"acquire.deal_for",
     {"Mars's $36 billion deal for snack maker Kellanova won EU approval.", "Mars", kAcquires,
      "Kellanova", true}},
    {"acquire.deal_for",
     {"Chevron's agreement to buy Hess Corp. closed in July.", "Chevron", kAcquires, "Hess", true}},
    {"acquire.deal_for",
     {"UniCredit's deal to acquire Commerzbank faces German opposition.", "UniCredit", kAcquires,
      "Commerzbank", true}},
    {"acquire.deal_for",
     {"Mars's deal for snack maker Kellanova collapsed.", "Mars", kAcquires, "Kellanova", false,
      Modality::kFailed}},
    // acquire.paid_by_for
    {"acquire.paid_by_for",
     {"The price offered by Couche-Tard for Seven & i was raised to $47 billion.",
      "Alimentation Couche-Tard", kAcquires, "Seven & i Holdings", true}},
    {"acquire.paid_by_for",
     {"The premium bid by UniCredit for Commerzbank angered Berlin.", "UniCredit", kAcquires,
      "Commerzbank", false, Modality::kPlanned}},
    // A bid is a plan ("planned" cue "bid by" + an organisation), never a done deal.
    {"acquire.paid_by_for",
     {"Regulators blocked a $7 billion bid by Vantor Post ( VPO.N ) for Tarn Express.",
      "Vantor Post", kAcquires, "Tarn Express", false, Modality::kPlanned}},
    {"acquire.paid_by_for",
     {"The price offered by Nestle for Danone was raised twice.", "Nestlé", kAcquires, "Danone",
      true}},
    {"acquire.paid_by_for",
     {"The $5 billion offered by Nestle for Danone was rejected.", "Nestlé", kAcquires, "Danone",
      false, Modality::kFailed}},
    // acquire.possessive_brands: the buyer acquires the brands, the seller does not.
    {"acquire.possessive_brands",
     {"Ferrero agreed to buy Nestle's Butterfinger and BabyRuth brands.", "Ferrero", kAcquires,
      "Butterfinger", true}},
    {"acquire.possessive_brands",
     {"Ferrero agreed to buy Nestle's Butterfinger and BabyRuth brands.", "Ferrero", kAcquires,
      "BabyRuth", true}},
    {"acquire.possessive_brands",
     {"Kraft Heinz bought Unilever's Knorr and Hellmann's businesses.", "Kraft Heinz", kAcquires,
      "Knorr", true}},
    {"acquire.possessive_brands",
     {"Carlsberg bought Heineken's Amstel and Birra Moretti brands.", "Carlsberg", kAcquires,
      "Birra Moretti", true}},
    {"acquire.possessive_brands",
     {"Ferrero agreed to buy Nestle's Butterfinger and BabyRuth brands.", "Nestlé", kAcquires,
      "Butterfinger", false}},
    // subsidiary.possessive_adjacent: "Y's X" for two names; a weak rule, so an unknown
    // capitalised word after the possessive ("Alibaba's Moment") stays a word.
    {"subsidiary.possessive_adjacent",
     {"Alphabet's Waymo expanded to Miami.", "Waymo", kSubsidiary, "Alphabet", true}},
    {"subsidiary.possessive_adjacent",
     {"Apple's Google deal is worth $20 billion a year.", "Google", kSubsidiary, "Apple", false}},
    {"subsidiary.possessive_adjacent",
     {"Microsoft's OpenAI stake is worth $100 billion.", "OpenAI", kSubsidiary, "Microsoft",
      false}},
    // The owner's ticker after "X-owned" is hidden like any other.
    {"subsidiary.owned_adj",
     {"Sony-owned ( 6758.T ) Crunchyroll raised subscription prices.", "Crunchyroll", kSubsidiary,
      "Sony", true}},
    {"invest.backed_adj",
     {"SoftBank-backed ( 9984.T ) Norvale Systems Ltd raised funds.", "SoftBank Group", kInvests,
      "Norvale Systems", true}},
    // DESC's head may be a theme word ("software maker", "lender", "oil producer").
    {"acquire.active",
     {"Siemens agreed to buy U.S. software maker Altair Engineering Inc.", "Siemens", kAcquires,
      "Altair Engineering", true}},
    {"acquire.noun_by",
     {"The takeover of German lender Commerzbank by UniCredit faces opposition.", "UniCredit",
      kAcquires, "Commerzbank", true}},
    {"acquire.active",
     {"Chevron bought Texas-based oil producer Hess.", "Chevron", kAcquires, "Hess", true}},
    // "for" joins names only after an institution's head ("Bank for ...").
    {"acquire.paid_by_for",
     {"The sum paid by Microsoft for Activision Blizzard drew scrutiny.", "Microsoft", kAcquires,
      "Activision Blizzard", true}},
    {"acquire.paid_by_for",
     {"The price paid by Carlsberg for Britvic was 1,315 pence a share.", "Carlsberg", kAcquires,
      "Britvic", true}},
    {"operate.capture_share",
     {"Shein has captured a third of the U.S. fast-fashion market.", "Shein", kOperates,
      "United States", true}},
    {"operate.capture_share",
     {"Toyota and Honda hold most of Thailand's car sales.", "Toyota", kOperates, "Thailand",
      true}},
    {"subsidiary.possessive_adjacent",
     {"Tata Group's Jaguar Land Rover cut production.", "Jaguar Land Rover", kSubsidiary,
      "Tata Group", true}},
    {"subsidiary.possessive_adjacent",
     {"Samsung's Harman bought B&W.", "Harman", kSubsidiary, "Samsung Electronics", true}},
    {"subsidiary.possessive_adjacent",
     {"Alibaba's Moment\n\nAlibaba Group raised its forecast on Thursday.", "Moment", kSubsidiary,
      "Alibaba", false}},
    {"subsidiary.possessive_adjacent",
     {"Apple's Moment of Truth\n\nApple shares fell 3% on Monday.", "Moment of Truth", kSubsidiary,
      "Apple", false}},
    // theme.possessive_plain
    {"theme.possessive_plain",
     {"Investors are watching Nvidia's AI.", "Nvidia", kTheme, "artificial intelligence", true}},
    {"theme.possessive_plain",
     {"Tesla's robotics and AI were the focus of the meeting.", "Tesla", kTheme, "robotics", true}},
    {"theme.possessive_plain",
     {"Tesla's robotics and AI were the focus of the meeting.", "Tesla", kTheme,
      "artificial intelligence", true}},
    {"theme.possessive_plain",
     {"Amazon's cloud grew 17%.", "Amazon", kTheme, "cloud computing", true}},
    // A place's company named by its head noun, and a demonym before a plural head and a
    // list: "Norway's largest fish farmer, X", "Indian conglomerates such as X and Y". The
    // head noun makes an unknown name a company; without one, no headquarters follow.
    {"hq.place_possessive_head",
     {"Norway's largest fish farming company, Fjordlaks, reported higher salmon prices.",
      "Fjordlaks", kHq, "Norway", true}},
    {"hq.place_possessive_head",
     {"Brazil's third-biggest flat steel producer, Tavora Siderurgica, said exports fell.",
      "Tavora Siderurgica", kHq, "Brazil", true}},
    {"hq.place_possessive_head",
     {"Chile's state copper miner Cobrenor raised its output target.", "Cobrenor", kHq, "Chile",
      true}},
    {"hq.place_possessive_head",
     {"Kenya's biggest union, Wafanyakazi, called a strike at Lakeside Tea Ltd.", "Wafanyakazi",
      kHq, "Kenya", false}},
    {"hq.demonym_plural_list",
     {"Indian conglomerates such as Varma Industries and Kesar Group are pushing into retail.",
      "Varma Industries", kHq, "India", true}},
    {"hq.demonym_plural_list",
     {"Indian conglomerates such as Varma Industries and the Kesar Group are pushing into retail.",
      "Kesar Group", kHq, "India", true}},
    {"hq.demonym_plural_list",
     {"The plant was offered to two Chinese automakers, Jinlong Motor Co and Haixing Auto Group.",
      "Haixing Auto Group", kHq, "China", true}},
    {"hq.demonym_plural_list",
     {"Swiss banks including Alpenbank AG cut their forecasts.", "Alpenbank", kHq, "Switzerland",
      true}},
    {"hq.demonym_plural_list",
     {"Swiss regulators fined Alpenbank AG and Kestrel Bank plc.", "Alpenbank", kHq, "Switzerland",
      false}},
    {"hq.demonym_plural_list",
     {"The trades involved Japanese bank Kaito Securities and Norvale Bank plc.", "Norvale Bank",
      kHq, "Japan", false}},
    {"acquire.sold_to",
     {"Norvale Capital sold its remaining stake in Tarn Logistics Ltd to Corran Mining plc.",
      "Corran Mining", kAcquires, "Tarn Logistics", false}},
    // A demonym before a theme word used as the head ("Chinese automaker BYD"): known
    // companies only (0.6), and only two modifiers away, so that "based in London and comes
    // from accounting firm X" does not place X in London.
    {"hq.demonym_theme_head",
     {"Chinese automaker BYD opened a plant in Hungary.", "BYD", kHq, "China", true}},
    {"hq.demonym_theme_head",
     {"Swiss drugmaker Novartis raised its forecast.", "Novartis", kHq, "Switzerland", true}},
    {"hq.demonym_theme_head",
     {"French accounting firm Mazars hired new partners.", "Mazars", kHq, "France", true}},
    {"hq.demonym_theme_head",
     {"Horgan is to be based in London and comes from accounting firm KPMG, where she led "
      "audits.",
      "KPMG", kHq, "London", false}},
    // "X and its Oklahoma City rival, Y"; "X and smaller rival Y": an adjective or a place
    // between; "X and with competitors such as Y" is no "X's competitors".
    {"compete.and_rivals",
     {"Brannock Energy and its Houston rival, Corvale Oil Corp, cut output.", "Brannock Energy",
      kCompetes, "Corvale Oil", true}},
    {"compete.and_rivals",
     {"Tarn Stores and much-smaller rival Vell Retail raised prices.", "Tarn Stores", kCompetes,
      "Vell Retail", true}},
    {"compete.possessive_rival",
     {"Foxconn bids against Pegatron and with competitors such as Luxshare for orders.", "Pegatron",
      kCompetes, "Luxshare", false}},
    {"compete.possessive_rival",
     {"Sales at Pelham Motors and in rivals such as Orvane Cars fell.", "Pelham Motors", kCompetes,
      "Orvane Cars", false}},
    {"compete.possessive_rival",
     {"Ostra Bank domestic rival Kestrel Bank plc cut its rates.", "Ostra Bank", kCompetes,
      "Kestrel Bank", true}},
    // A demonym's plural noun, then a dash or colon before the list.
    {"hq.demonym_plural_list",
     {"Vexa signed deals with two Indian airlines - Tarn Air Ltd and Kestrel Airways Ltd.",
      "Kestrel Airways", kHq, "India", true}},
    {"hq.demonym_plural_list",
     {"The lender has offers from two Chinese automakers: Orvane Motor Co and Tarn Auto Ltd.",
      "Orvane Motor", kHq, "China", true}},
    // The seller named by what it is ("from financial investor X"), and an owner after an
    // adverb ("which is currently owned by X").
    {"divest.bought_from",
     {"Kestrel's buyout of Tarn Fittings from financial investor Ostra Capital closed.",
      "Ostra Capital", kDivests, "Tarn Fittings", true}},
    {"divest.bought_from",
     {"Vell Group bought Corran Tools from its parent Brenna Holdings in May.", "Brenna Holdings",
      kDivests, "Corran Tools", true}},
    {"subsidiary.owned_by",
     {"Tarnco is wholly owned by Vexa Holdings and is run by Ana Ruiz.", "Tarnco", kSubsidiary,
      "Vexa Holdings", true}},
    {"subsidiary.part_of",
     {"Analysts praised Tarnco, which is owned by Vexa Holdings and Kelso Group, for its margins.",
      "Tarnco", kSubsidiary, "Vexa Holdings", false}},
    {"subsidiary.part_of",
     {"Analysts praised Tarnco, which is currently owned by Vexa Holdings, for its margins.",
      "Tarnco", kSubsidiary, "Vexa Holdings", true}},
    {"subsidiary.part_of",
     {"Brenna Foods, which is still controlled by Kelso Group, cut prices.", "Brenna Foods",
      kSubsidiary, "Kelso Group", true}},
    // Two companies named after "rival ... makers": each competes with the other.
    {"compete.rival_pair",
     {"Gulf carriers are being courted hard by rival jet makers Airbus and Boeing.", "Airbus",
      kCompetes, "Boeing", true}},
    {"compete.rival_pair",
     {"Prices were cut by rival brewers Korvan Brewing Ltd and Kestrel Breweries Ltd.",
      "Korvan Brewing", kCompetes, "Kestrel Breweries", true}},
    {"compete.rival_pair",
     {"Shares of rival lenders Alpenbank AG and Kestrel Bank plc fell.", "Alpenbank", kCompetes,
      "Kestrel Bank", true}},
    {"compete.rival_pair",
     {"The rival plan of Alpenbank AG and Kestrel Bank plc failed.", "Alpenbank", kCompetes,
      "Kestrel Bank", false}},
    // "who has been X's chief executive": the person, the company and the role.
    {"exec.who_is_possessive_role",
     {"Maria Lund, a 53-year-old Swede who has been Norrland Paper's chief executive since 2004, "
      "will stay.",
      "Maria Lund", kExecutive, "Norrland Paper", true}},
    {"exec.who_is_possessive_role",
     {"Tobias Lund, a former banker who is now Kestrel Ports' finance chief, met investors.",
      "Tobias Lund", kExecutive, "Kestrel Ports", true}},
    {"exec.who_is_possessive_role",
     {"Priya Raman, an engineer who became Orvane Telecom's chairman last year, spoke.",
      "Priya Raman", kExecutive, "Orvane Telecom", true}},
    {"exec.who_is_possessive_role",
     {"Priya Raman, who met Orvane Telecom's chairman last year, spoke.", "Priya Raman", kExecutive,
      "Orvane Telecom", false}},
    // Widened: a role of two companies, a venture in a relative clause with a described
    // partner, a rival named in a relative clause.
    {"exec.name_role_of",
     {"Lena Vogt, chief executive of Halden Motors and Brasov Auto SA, spoke on Monday.",
      "Lena Vogt", kExecutive, "Brasov Auto", true}},
    {"partner.has_venture_with",
     {"Lindqvist Group Corp has set up a 60-40 timber joint venture with the state-owned Export "
      "Bank of Norway to run the sawmill.",
      "Lindqvist Group", kPartner, "Export Bank of Norway", true}},
    {"partner.has_venture_with",
     {"Korvan Brewing Ltd, which has a cider joint venture with Kestrel Breweries Ltd in Chile, "
      "rose.",
      "Korvan Brewing", kPartner, "Kestrel Breweries", true}},
    {"compete.is_rival",
     {"Orvane Mobile, which is a rival to Kestrel Telecom Ltd, gained users.", "Orvane Mobile",
      kCompetes, "Kestrel Telecom", true}},
    // The seller named after "bought X from Y" divests X.
    {"divest.bought_from",
     {"Norvale Capital bought Tarn Logistics Ltd from Kestrel Holdings for $300 million.",
      "Kestrel Holdings", kDivests, "Tarn Logistics", true}},
    {"divest.bought_from",
     {"Norvale Capital closed its acquisition of Dublin-based Tarn Re Ltd from Kestrel "
      "Holdings in 2022.",
      "Kestrel Holdings", kDivests, "Tarn Re", true}},
    {"divest.bought_from",
     {"Corran Mining plc acquired the Orvane copper mine from Lindqvist Group in 2019.",
      "Lindqvist Group", kDivests, "Orvane", true}},
    {"divest.bought_from",
     {"Norvale Capital bought a stake in Tarn Logistics Ltd from Kestrel Holdings.",
      "Kestrel Holdings", kDivests, "Tarn Logistics", false}},
    // "after it was sold by its previous owner Y", "was sold by its parent Y".
    {"divest.passive",
     {"Tarn Logistics lost out on Corran Foods after it was sold by its previous owner "
      "Kestrel Holdings AG in 2016.",
      "Kestrel Holdings", kDivests, "Corran Foods", true}},
    {"divest.passive",
     {"Corran Foods Ltd was sold by its parent Kestrel Holdings last year.", "Kestrel Holdings",
      kDivests, "Corran Foods", true}},
    {"divest.passive",
     {"Corran Foods Ltd has been spun off by Kestrel Holdings.", "Kestrel Holdings", kDivests,
      "Corran Foods", true}},
    {"divest.passive",
     {"Kestrel Holdings denied reports that Corran Foods Ltd was sold by its parent Norvale "
      "Group.",
      "Norvale Group", kDivests, "Corran Foods", false, Modality::kDenied}},
    // A unit named as a noun phrase is a unit whatever the clause around it plans.
    {"subsidiary.focus_unit",
     {"Orvane Motors reported weaker sales on Tuesday. Orvane Motors may shed 900 staff at the "
      "Slovak unit Dacora.",
      "Dacora", kSubsidiary, "Orvane Motors", true}},
    {"subsidiary.focus_unit",
     {"Kestrel Telecom plans to expand. Kestrel Telecom may list the Irish subsidiary Tarnet next "
      "year.",
      "Tarnet", kSubsidiary, "Kestrel Telecom", true}},
    {"subsidiary.focus_unit",
     {"Lindqvist Group said on Monday that profit rose. Lindqvist Group expects that sales at the "
      "Polish unit Brennet may fall this year.",
      "Brennet", kSubsidiary, "Lindqvist Group", true}},
    // A company's own deal named after its chief executive's words, and a second deal
    // joined by "and its" (a possessive, not a new subject).
    {"acquire.its_deal_for",
     {"Corran Foods Chief Executive Tobias Lund said the takeover would round off a group that "
      "began with its 310-million-euro deal for Spanish tile maker Brennet in 2016.",
      "Corran Foods", kAcquires, "Brennet", true}},
    {"acquire.its_noun_of",
     {"Corran Foods Chief Executive Tobias Lund said the group grew through its deal for "
      "Brennet Spa and its $218 million purchase of Canadian tap maker Tarn Fittings Inc in "
      "2020.",
      "Corran Foods", kAcquires, "Tarn Fittings", true}},
    {"acquire.its_noun_of",
     {"Corran Foods Chief Executive Tobias Lund said Kestrel Holdings had completed its purchase "
      "of Tarn Fittings Inc.",
      "Corran Foods", kAcquires, "Tarn Fittings", false}},
    {"acquire.its_noun_of",
     {"Corran Foods Chief Executive Tobias Lund said the group grew through its deal for "
      "Brennet Spa and its $218 million purchase of Canadian tap maker Tarn Fittings Inc in "
      "2020.",
      "Brennet Spa", kAcquires, "Tarn Fittings", false}},
    // Several roles in a row, "of the Board" included; a finance director.
    {"exec.became_role",
     {"Before joining us, Mr. Tobias Lund served as Chairman of the Board, Chief Financial "
      "Officer and Chief Operating Officer of Kestrel Foods Inc for six years.",
      "Tobias Lund", kExecutive, "Kestrel Foods", true}},
    {"exec.became_role",
     {"Until she left in 2017, Priya Raman served as Finance Director of Corran Energy PLC.",
      "Priya Raman", kExecutive, "Corran Energy", true}},
    // Headquarters a company has or moves, the place it is incorporated, and the city a
    // legal name carries ("Kestrel Corporation of Denver").
    {"hq.has_headquarters_in",
     {"Tarnwick Analytics, founded by two statisticians, has its headquarters in Denver.",
      "Tarnwick Analytics", kHq, "Denver", true}},
    {"hq.has_headquarters_in",
     {"Corran Foods Ltd moved its head office to Singapore last year.", "Corran Foods", kHq,
      "Singapore", true}},
    {"hq.has_headquarters_in",
     {"Corran Foods Ltd said Kestrel Holdings has its headquarters in Singapore.", "Corran Foods",
      kHq, "Singapore", false}},
    {"hq.incorporated_in",
     {"Norvale Capital Inc bought Tarnwick Data Ltd., a small analytics firm incorporated in "
      "Ireland, in 2021.",
      "Tarnwick Data", kHq, "Ireland", true}},
    {"hq.incorporated_in",
     {"Kestrel Holdings Ltd is incorporated in Bermuda.", "Kestrel Holdings", kHq, "Bermuda",
      true}},
    {"hq.incorporated_in",
     {"Kestrel Holdings Ltd, which was organized under the laws of Delaware, filed the plan.",
      "Kestrel Holdings", kHq, "Delaware", true}},
    {"hq.incorporated_in",
     {"Kestrel Holdings Ltd bought a company incorporated in Bermuda.", "Kestrel Holdings", kHq,
      "Bermuda", false}},
    {"hq.legal_name_of_place",
     {"Tarn Savings was taken over by Kestrel Corporation of Denver in 2004.", "Kestrel", kHq,
      "Denver", true}},
    {"hq.legal_name_of_place",
     {"Shares of Corran Inc. of Toronto rose.", "Corran", kHq, "Toronto", true}},
    {"hq.legal_name_of_place",
     {"Brennet Ltd of Singapore said on Monday that profit rose.", "Brennet", kHq, "Singapore",
      true}},
    {"hq.legal_name_of_place",
     {"Kestrel Partners of Singapore said on Monday that profit rose.", "Kestrel Partners", kHq,
      "Singapore", false}},
    // "X (acquired by Y in 2007)".
    {"acquire.paren_acquired_by",
     {"Patents are held by Brennet Display (acquired by Corran Chemical in 2007) and others.",
      "Corran Chemical", kAcquires, "Brennet Display", true}},
    {"acquire.paren_acquired_by",
     {"He worked at Tarnwick Data (since acquired by Kestrel Systems Corp), where he led sales.",
      "Kestrel Systems", kAcquires, "Tarnwick Data", true}},
    {"acquire.paren_acquired_by",
     {"He worked at Tarnwick Data (now owned by Kestrel Systems Corp), where he led sales.",
      "Kestrel Systems", kAcquires, "Tarnwick Data", false}},
    {"acquire.paren_acquired_by",
     {"Brennet Display (which was bought by Corran Chemical last year) raised prices.",
      "Corran Chemical", kAcquires, "Brennet Display", true}},
    // A stake in another company's unit, named with its owner ("Hexal's US affiliate").
    {"invest.owns_percent",
     {"Norvale Pharma also bought 58.4% of Kestrel Labs' US affiliate Tarn Generics Inc.",
      "Norvale Pharma", kInvests, "Tarn Generics", true}},
    {"invest.owns_percent",
     {"Norvale Pharma owns 20 percent of Kestrel Labs' German unit Tarn Generics GmbH.",
      "Norvale Pharma", kInvests, "Kestrel Labs", false}},
    // Text tokenised with spaces around punctuation reads like prose, and the month "May"
    // hedges nothing.
    {"acquire.active",
     {"In March 2022 , Norvale Capital closed its acquisition of Dublin - based Tarn Re Ltd "
      "from Kestrel Holdings for $ 640 million .",
      "Norvale Capital", kAcquires, "Tarn Re", true}},
    {"hq.based_adj",
     {"In March 2022 , Norvale Capital closed its acquisition of Dublin - based Tarn Re Ltd "
      "from Kestrel Holdings for $ 640 million .",
      "Tarn Re", kHq, "Dublin", true}},
    {"subsidiary.appositive",
     {"The funds are managed by Wells Tarn Advisors , a wholly owned subsidiary of Kestrel "
      "Capital Corp .",
      "Wells Tarn Advisors", kSubsidiary, "Kestrel Capital", true}},
    {"acquire.active",
     {"In May, Norvale Capital acquired Tarn Logistics Ltd for $300 million.", "Norvale Capital",
      kAcquires, "Tarn Logistics", true}},
    // Filing style: "has been a director of", two roles joined by "and", "serve as ... for".
    {"exec.became_role",
     {"Mr. Okafor became Senior Vice President and Chief Risk Officer of Norvale Capital Corp "
      "in June 2021.",
      "Okafor", kExecutive, "Norvale Capital", true}},
    {"exec.became_role",
     {"Mr. Hendry has been a director of Tarnwick Savings Bank since 2016.", "Hendry", kExecutive,
      "Tarnwick Savings Bank", true}},
    {"exec.became_role",
     {"Priya Raman will serve as the chief financial officer for Tarn Express Ltd.", "Priya Raman",
      kExecutive, "Tarn Express", true}},
    // "X ... its Irish unit Y": the sentence's first company owns the unit named after "its".
    {"subsidiary.its_unit_named",
     {"Orvane Telecom has cut debt by selling businesses, among them its Irish unit Kestrel "
      "Mobile Ltd.",
      "Kestrel Mobile", kSubsidiary, "Orvane Telecom", true}},
    {"subsidiary.its_unit_named",
     {"Lindqvist Group expects a profit of 1 billion euros, including 780 million from its U.S. "
      "unit Norrland Paper AB.",
      "Norrland Paper", kSubsidiary, "Lindqvist Group", true}},
    {"subsidiary.its_unit_named",
     {"Corran Mining plc shares rose after strong results at its energy trading arm, Tarn "
      "Energy Ltd.",
      "Tarn Energy", kSubsidiary, "Corran Mining", true}},
    {"subsidiary.its_unit_named",
     {"Analysts at Halvorsen Bank said Orvane Telecom cut debt as its unit Kestrel Mobile Ltd "
      "grew.",
      "Kestrel Mobile", kSubsidiary, "Halvorsen Bank", false}},
    // Orders and contracts won from a customer, "supply X with", "X is Y's customer", "X, the
    // biggest buyer of Y"; an order is no investment, and "the operator of" is no buyer.
    {"supply.won_order_from",
     {"Corvane Jets won an order for 20 planes from Jetline Airways.", "Corvane Jets", kSupplies,
      "Jetline Airways", true}},
    {"supply.won_order_from",
     {"Halvorsen Shipyards secured a $400 million contract from Kestrel Ports Ltd.",
      "Halvorsen Shipyards", kSupplies, "Kestrel Ports", true}},
    {"supply.won_order_from",
     {"Tarn Turbines has booked fresh orders worth 2 billion euros from Orvane Energy.",
      "Tarn Turbines", kSupplies, "Orvane Energy", true}},
    {"supply.won_order_from",
     {"Tarn Turbines may win an order from Orvane Energy, people familiar with the matter said.",
      "Tarn Turbines", kSupplies, "Orvane Energy", false, Modality::kRumoured}},
    {"invest.raised_from",
     {"Corvane Jets won an order for 20 planes from Jetline Airways.", "Jetline Airways", kInvests,
      "Corvane Jets", false}},
    // Money won, secured or landed is an investment only when the words say funding: an order
    // or a contract with a price is a sale.
    {"invest.raised_from",
     {"Corvane Engines this week won a $900 million engine order from Jetline Airways ( JTL.L ).",
      "Jetline Airways", kInvests, "Corvane Engines", false}},
    {"invest.raised_from",
     {"Tarn Robotics landed a $40 million contract from Orvane Capital.", "Orvane Capital",
      kInvests, "Tarn Robotics", false}},
    {"invest.raised_from",
     {"Tarn Robotics secured $40 million in funding from Orvane Capital.", "Orvane Capital",
      kInvests, "Tarn Robotics", true}},
    {"supply.supply_with",
     {"Kestrel Semiconductor will supply Orvane Mobile with modem chips.", "Kestrel Semiconductor",
      kSupplies, "Orvane Mobile", true}},
    {"supply.supply_with",
     {"Korvan Brewing Ltd would supply Tarn Breweries Ltd with beer and cans for three years.",
      "Korvan Brewing", kSupplies, "Tarn Breweries", true}},
    {"supply.supply_with",
     {"Halvorsen Energy provides Norrland Paper AB with steam from its plant.", "Halvorsen Energy",
      kSupplies, "Norrland Paper", true}},
    {"supply.possessive_customer",
     {"Orvane Mobile is Kestrel Semiconductor's biggest customer.", "Kestrel Semiconductor",
      kSupplies, "Orvane Mobile", true}},
    {"supply.possessive_customer",
     {"The court found that Tarn Capital was Halvorsen Bank's client.", "Halvorsen Bank", kSupplies,
      "Tarn Capital", true}},
    {"supply.possessive_customer",
     {"Jetline Airways has become Corvane Jets' largest buyer in Asia.", "Corvane Jets", kSupplies,
      "Jetline Airways", true}},
    {"supply.appositive_buyer_of",
     {"Jetline Airways, the biggest buyer of Corvane Jets planes, delayed deliveries.",
      "Corvane Jets", kSupplies, "Jetline Airways", true}},
    {"supply.appositive_buyer_of",
     {"Orvane Mobile, a longtime customer of Kestrel Semiconductor, cut orders.",
      "Kestrel Semiconductor", kSupplies, "Orvane Mobile", true}},
    {"supply.appositive_buyer_of",
     {"Tarn Capital, one of the clients of Halvorsen Bank, sued the lender.", "Halvorsen Bank",
      kSupplies, "Tarn Capital", true}},
    {"supply.appositive_buyer_of",
     {"Coinvale Inc, the operator of Redbin video kiosks, named a new chief.", "Redbin", kSupplies,
      "Coinvale", false}},
    {"supply.verb_to",
     {"Kestrel Semiconductor signed a deal to supply batteries to Orvane Motors.",
      "Kestrel Semiconductor", kSupplies, "Orvane Motors", true}},
    // Filing style: "entered into an agreement to acquire", "to be acquired by", and a buyer
    // named as "a subsidiary of X".
    {"acquire.active",
     {"Norvale Capital on Monday entered into an agreement to acquire Tarn Logistics Ltd for $75 "
      "million in cash.",
      "Norvale Capital", kAcquires, "Tarn Logistics", true}},
    {"acquire.passive",
     {"Last month our customer Tarn Logistics Ltd signed an agreement to be acquired by Norvale "
      "Capital.",
      "Norvale Capital", kAcquires, "Tarn Logistics", true}},
    {"acquire.sold_to",
     {"On March 15, Kestrel Ports Ltd sold Tarn Logistics Ltd to a subsidiary of Norvale Capital "
      "for $42.4 million.",
      "Norvale Capital", kAcquires, "Tarn Logistics", true}},
    // Rights, licences and concessions held in a place; a list of places may repeat "in".
    {"operate.owns_rights_in",
     {"Kestrel Brewing Ltd holds the bottling rights to Tarn cider in Canada and in Mexico.",
      "Kestrel Brewing", kOperates, "Mexico", true}},
    {"operate.owns_rights_in",
     {"Corran Mining plc holds exploration licences covering 3,000 square km in Zambia.",
      "Corran Mining", kOperates, "Zambia", true}},
    {"operate.owns_rights_in",
     {"Orvane Telecom won a 15-year mobile licence in Myanmar last week.", "Orvane Telecom",
      kOperates, "Myanmar", true}},
    {"operate.owns_rights_in",
     {"Orvane Telecom may bid for a mobile licence in Myanmar, people familiar with the matter "
      "said.",
      "Orvane Telecom", kOperates, "Myanmar", false, Modality::kRumoured}},
    // "all major markets for X" describes X's markets, whatever the sentence hedges.
    {"operate.markets_for",
     {"People close to the fund said it may court buyers in Brazil, Mexico and Chile -- all "
      "major markets for Embraer jets.",
      "Embraer", kOperates, "Mexico", true}},
    // The company owned by percent is the clause's subject, not a name inside its relative
    // clause.
    {"invest.percent_owned_by",
     {"The marina will be managed by Halvorsen Resorts Ltd, which owns the Coral Bay Hotel in "
      "Aruba and is 25 percent-owned by Norvale Capital.",
      "Norvale Capital", kInvests, "Halvorsen Resorts", true}},
    {"invest.percent_owned_by",
     {"The marina will be managed by Halvorsen Resorts Ltd, which owns the Coral Bay Hotel in "
      "Aruba and is 25 percent-owned by Norvale Capital.",
      "Norvale Capital", kInvests, "Coral Bay Hotel", false}},
    // Selling a company or a stake to a buyer: the buyer acquires it, or invests in it.
    {"acquire.sold_to",
     {"Kestrel Ports Ltd agreed to sell Tarn Logistics Ltd to Norvale Capital for $300 million.",
      "Norvale Capital", kAcquires, "Tarn Logistics", true}},
    {"acquire.sold_to",
     {"Orvane Telecom sold its Irish unit Kestrel Mobile Ltd to the investment firm Brightwater "
      "Holdings last year.",
      "Brightwater Holdings", kAcquires, "Kestrel Mobile", true}},
    {"acquire.sold_to",
     {"Kestrel Ports Ltd may sell Tarn Logistics Ltd to Norvale Capital, according to people "
      "familiar with the talks.",
      "Norvale Capital", kAcquires, "Tarn Logistics", false, Modality::kRumoured}},
    {"acquire.sold_to",
     {"Norvale Capital sold its shares in Tarn Logistics Ltd to raise cash.", "Norvale Capital",
      kAcquires, "Tarn Logistics", false}},
    {"invest.sell_stake_to",
     {"Orvane Telecom is selling a 48.2 percent stake in Kestrel Mobile Ltd for 12.40 euros per "
      "share to private equity firm Brightwater Holdings.",
      "Brightwater Holdings", kInvests, "Kestrel Mobile", true}},
    {"invest.sell_stake_to",
     {"Lindqvist Group sold its holding in Norrland Paper AB to Corran Mining plc in March.",
      "Corran Mining", kInvests, "Norrland Paper", true}},
    {"invest.sell_stake_to",
     {"Lindqvist Group plans to sell its 20% stake in Norrland Paper AB to Corran Mining plc.",
      "Corran Mining", kInvests, "Norrland Paper", false, Modality::kPlanned}},
    // theme.possessive_business: the new head nouns.
    {"theme.possessive_business",
     {"Microsoft's cloud customers rose.", "Microsoft", kTheme, "cloud computing", true}},
    {"theme.possessive_business",
     {"Salesforce's AI bets have not paid off yet.", "Salesforce", kTheme,
      "artificial intelligence", true}},
    {"theme.possessive_business",
     {"Shopify's e-commerce ecosystem keeps growing.", "Shopify", kTheme, "e-commerce", true}},
    {"theme.possessive_business",
     {"Siemens' automation portfolio expanded.", "Siemens", kTheme, "robotics", true}},
    // theme.invest_in: "fund" and "funding".
    {"theme.invest_in",
     {"Temasek increased funding to fintech startups.", "Temasek", kTheme, "fintech", true}},
    {"theme.invest_in",
     {"Khazanah Nasional has directed more funding into renewable energy projects.",
      "Khazanah Nasional", kTheme, "renewable energy", true}},
    {"theme.invest_in",
     {"Aramco Ventures provides funding to hydrogen startups.", "Aramco Ventures", kTheme,
      "hydrogen", true}},
    // Widened: a longer description after "Oslo-based" when it ends in a head noun, and
    // "has sold several assets in 2024, including its Polish unit X".
    {"hq.based_adj",
     {"Halden Bank bought Oslo-based shipping and storage operator Kestrel Ports Ltd in 2014.",
      "Kestrel Ports", kHq, "Oslo", true}},
    {"hq.based_adj",
     {"Dervan Foods owns Oslo-based Kestrel Ports Ltd.", "Kestrel Ports", kHq, "Oslo", true}},
    {"divest.assets_like",
     {"Halden Bank has sold several assets in 2024, including its Polish unit Orvelle Foods.",
      "Halden Bank", kDivests, "Orvelle Foods", true}},
    {"divest.assets_like",
     {"Halden Bank sold assets such as Orvelle Foods and Vantor Labs.", "Halden Bank", kDivests,
      "Vantor Labs", true}},
    {"theme.invest_in",
     {"Temasek denied reports it had funneled funding into crypto startups.", "Temasek", kTheme,
      "crypto assets", false, Modality::kDenied}},
    // Board seats: "a member of the board of", a director on two companies' boards, "joined
    // the supervisory board of"; a former member is not a current executive.
    {"exec.board_member",
     {"Tomas Reiner has been a member of the board of Norvale Systems Ltd.", "Tomas Reiner",
      kExecutive, "Norvale Systems", true}},
    {"exec.board_member",
     {"Helen Marsh sits as an independent director on the boards of Halden Bank and Corran "
      "Mining.",
      "Helen Marsh", kExecutive, "Corran Mining", true}},
    {"exec.board_member",
     {"Maria Oduya joined the supervisory board of Brightwell Analytics Inc. in March.",
      "Maria Oduya", kExecutive, "Brightwell Analytics", true}},
    {"exec.board_member",
     {"Lukas Brandt, a former member of the board of Kestrel Ports Ltd, said shares were cheap.",
      "Lukas Brandt", kExecutive, "Kestrel Ports", false}},
    // "X said Y would become its CEO": "its" is the company that speaks; a person described by
    // another company ("Halden Bank analyst") is not read.
    {"exec.said_would_become_its",
     {"Halden Motors said Rafael Ortiz would become its chief executive in July.", "Rafael Ortiz",
      kExecutive, "Halden Motors", true}},
    {"exec.said_would_become_its",
     {"Norvale Systems Ltd announced that Priya Raman will become its new chief financial officer.",
      "Priya Raman", kExecutive, "Norvale Systems", true}},
    {"exec.said_would_become_its",
     {"Tesla denied reports that Marcus Hale would become its chief executive.", "Marcus Hale",
      kExecutive, "Tesla", false, Modality::kDenied}},
    {"exec.said_would_become_its",
     {"Corran Mining said Halden Bank analyst Jonas Weber would become its chairman.",
      "Jonas Weber", kExecutive, "Halden Bank", false}},
    // "X, a Munich-based start-up": only with "a"/"an" ("Springfield, Ohio-based" is a city and
    // its state; "the Oslo-based rival of" may describe another company).
    {"hq.appositive_based",
     {"Quantaro Labs, a Munich-based start-up, raised funds.", "Quantaro Labs", kHq, "Munich",
      true}},
    {"hq.appositive_based",
     {"Investors backed Pinecrest Robotics Inc, a Boston-based maker of warehouse robots.",
      "Pinecrest Robotics", kHq, "Boston", true}},
    {"hq.appositive_based",
     {"Brightwell Analytics Inc. (BWA), a privately held Toronto-based firm, hired staff.",
      "Brightwell Analytics", kHq, "Toronto", true}},
    {"hq.appositive_based",
     {"The Springfield, Ohio-based company cut jobs.", "Springfield", kHq, "Ohio", false}},
    {"hq.appositive_based",
     {"Sales rose at Kestrel Ports Ltd, the Oslo-based rival of Halvorsen Energy AS.",
      "Kestrel Ports", kHq, "Oslo", false}},
    // "X is an American software company headquartered in Y": the words before "based" end in a
    // head noun; terminals "based in" a city are not the company's seat.
    {"hq.is_a_head_based_in",
     {"Norvale Systems Ltd is a British software company headquartered in Manchester.",
      "Norvale Systems", kHq, "Manchester", true}},
    {"hq.is_a_head_based_in",
     {"Corran Mining is an Australian gold miner based in Perth.", "Corran Mining", kHq, "Perth",
      true}},
    {"hq.is_a_head_based_in",
     {"Halden Bank is the largest lender, which is based in Stavanger, in the region.",
      "Halden Bank", kHq, "Stavanger", true}},
    {"hq.is_a_head_based_in",
     {"Kestrel Ports Ltd is selling its terminals based in Rotterdam.", "Kestrel Ports", kHq,
      "Rotterdam", false}},
    // A parenthetical unit: "X (now a wholly owned subsidiary of Y)"; "formerly" is not now.
    {"subsidiary.paren_unit_of",
     {"Dervan Foods Inc. (now a wholly owned subsidiary of Kestrel Ports Ltd) cut prices.",
      "Dervan Foods", kSubsidiary, "Kestrel Ports", true}},
    {"subsidiary.paren_unit_of",
     {"Orvelle Foods Ltd (a unit of Halden Bank) opened a plant.", "Orvelle Foods", kSubsidiary,
      "Halden Bank", true}},
    {"subsidiary.paren_unit_of",
     {"Vantor Labs (currently an Indian subsidiary of Norvale Systems Ltd) hired engineers.",
      "Vantor Labs", kSubsidiary, "Norvale Systems", true}},
    {"subsidiary.paren_unit_of",
     {"Vantor Labs (formerly a unit of Norvale Systems Ltd) hired engineers.", "Vantor Labs",
      kSubsidiary, "Norvale Systems", false}},
    // "X and its parent Y", "X separated from its parent company, Australian miner Y"; a former
    // parent is not one.
    {"subsidiary.its_parent",
     {"Corran Mining separated from its parent company, Australian miner Halvorsen Energy AS, in "
      "2019.",
      "Corran Mining", kSubsidiary, "Halvorsen Energy", true}},
    {"subsidiary.its_parent",
     {"Regulators fined Vantor Labs and its parent Norvale Systems Ltd.", "Vantor Labs",
      kSubsidiary, "Norvale Systems", true}},
    {"subsidiary.its_parent",
     {"Orvelle Foods and its parent group, Halden Bank, posted losses.", "Orvelle Foods",
      kSubsidiary, "Halden Bank", true}},
    {"subsidiary.its_parent",
     {"Vantor Labs and its former parent Norvale Systems Ltd settled the suit.", "Vantor Labs",
      kSubsidiary, "Norvale Systems", false}},
    // "X's parent Y", "X's parent company, troubled Spanish lender Y"; a verb after "parent
    // company" ends the noun phrase.
    {"subsidiary.possessive_parent",
     {"Dervan Foods' parent Kestrel Ports Ltd apologised to customers.", "Dervan Foods",
      kSubsidiary, "Kestrel Ports", true}},
    {"subsidiary.possessive_parent",
     {"Orvelle Foods's parent company, troubled Spanish lender Halden Bank, sold bonds.",
      "Orvelle Foods", kSubsidiary, "Halden Bank", true}},
    {"subsidiary.possessive_parent",
     {"Analysts like Vantor Labs' parent company Norvale Systems Ltd.", "Vantor Labs", kSubsidiary,
      "Norvale Systems", true}},
    {"subsidiary.possessive_parent",
     {"Vantor Labs' parent company held all of Corran Mining's shares.", "Vantor Labs", kSubsidiary,
      "Corran Mining", false}},
    // "Y made X a subsidiary" / "is in talks to make X a subsidiary" (planned).
    {"subsidiary.make_unit",
     {"Honda is in talks to make Nissan a subsidiary.", "Nissan", kSubsidiary, "Honda", false,
      Modality::kPlanned}},
    {"subsidiary.make_unit",
     {"Halden Bank made Orvelle Foods a wholly owned subsidiary in 2020.", "Orvelle Foods",
      kSubsidiary, "Halden Bank", true}},
    {"subsidiary.make_unit",
     {"Norvale Systems Ltd will turn Vantor Labs into a unit.", "Vantor Labs", kSubsidiary,
      "Norvale Systems", false}},
    {"subsidiary.make_unit",
     {"Kestrel Ports Ltd has made Dervan Foods its logistics unit.", "Dervan Foods", kSubsidiary,
      "Kestrel Ports", true}},
    // "Y said X is its subsidiary" and its denial; a customer is no unit.
    {"subsidiary.said_is_its",
     {"Huawei denied reports that Quantaro Labs is its subsidiary.", "Quantaro Labs", kSubsidiary,
      "Huawei", false, Modality::kDenied}},
    {"subsidiary.said_is_its",
     {"Halden Bank said Orvelle Foods would become its insurance unit.", "Orvelle Foods",
      kSubsidiary, "Halden Bank", true}},
    {"subsidiary.said_is_its",
     {"Norvale Systems Ltd confirmed that Vantor Labs remains its subsidiary.", "Vantor Labs",
      kSubsidiary, "Norvale Systems", true}},
    {"subsidiary.said_is_its",
     {"Norvale Systems Ltd said Vantor Labs is its biggest customer.", "Vantor Labs", kSubsidiary,
      "Norvale Systems", false}},
    // "X's first acquisition was Y".
    {"acquire.first_acquisition",
     {"Lindqvist Group's first acquisition was Norrland Paper AB in 1999.", "Lindqvist Group",
      kAcquires, "Norrland Paper", true}},
    {"acquire.first_acquisition",
     {"Halden Motors' biggest purchase is Brasov Auto SA.", "Halden Motors", kAcquires,
      "Brasov Auto", true}},
    {"acquire.first_acquisition",
     {"Kestrel Ports Ltd's latest takeover was Dutch operator Dervan Foods Inc.", "Kestrel Ports",
      kAcquires, "Dervan Foods", true}},
    {"acquire.first_acquisition",
     {"Kestrel Ports Ltd's first acquisition target was Dervan Foods Inc., analysts said.",
      "Kestrel Ports", kAcquires, "Dervan Foods", false}},
    // The last and the middle items of a list of acquired companies ("acquired A, B and C over
    // the past decade"); a list the sentence goes on after ("A, C said") is no list of targets.
    {"acquire.active_list_last",
     {"IBM acquired HashiCorp, Apptio and Red Hat over the past decade.", "IBM", kAcquires,
      "Red Hat", true}},
    {"acquire.active_list_last",
     {"Halden Motors bought Brasov Auto SA and Corran Mining in 2021.", "Halden Motors", kAcquires,
      "Corran Mining", true}},
    {"acquire.active_list_last",
     {"Norvale Systems Ltd bought Vantor Labs, Dervan Foods Inc. and Orvelle Foods.",
      "Norvale Systems", kAcquires, "Orvelle Foods", true}},
    {"acquire.active_list_last",
     {"Halden Motors bought Brasov Auto SA's stake and Corran Mining said it would sell.",
      "Halden Motors", kAcquires, "Corran Mining", false}},
    {"acquire.active_list_middle",
     {"IBM acquired HashiCorp, Apptio and Red Hat over the past decade.", "IBM", kAcquires,
      "Apptio", true}},
    {"acquire.active_list_middle",
     {"Norvale Systems Ltd bought Vantor Labs, Dervan Foods Inc. and Orvelle Foods.",
      "Norvale Systems", kAcquires, "Dervan Foods", true}},
    {"acquire.active_list_middle",
     {"Kestrel Ports Ltd has acquired Vantor Labs, Corran Mining, Orvelle Foods and Brasov Auto SA "
      "since 2015.",
      "Kestrel Ports", kAcquires, "Orvelle Foods", true}},
    {"acquire.active_list_middle",
     {"Halden Motors bought Brasov Auto SA, Corran Mining said on Monday.", "Halden Motors",
      kAcquires, "Corran Mining", false}},
    // "considering a return to", "its expansion into", "a re-entry into" a place; a visit
    // ("officials return to Poland") is no market entry.
    {"operate.return_to",
     {"Carrefour is considering a return to Vietnam, sources close to the company said.",
      "Carrefour", kOperates, "Vietnam", false, Modality::kRumoured}},
    {"operate.return_to",
     {"Halden Bank announced its return to Poland after a decade.", "Halden Bank", kOperates,
      "Poland", true}},
    {"operate.return_to",
     {"Kestrel Ports Ltd has completed a re-entry into Brazil.", "Kestrel Ports", kOperates,
      "Brazil", true}},
    {"operate.return_to",
     {"Officials from Halden Bank return to Poland on Monday.", "Halden Bank", kOperates, "Poland",
      false}},
    // Widened rules: an appositive before the passive, two adverbs before "owned and managed
    // by", "promoted to" / "elected", and ", Inc." after a name (read as the name alone).
    {"acquire.passive",
     {"Brasov Auto SA, a maker of seats for our vans, agreed to be acquired by Halden Motors.",
      "Halden Motors", kAcquires, "Brasov Auto", true}},
    {"subsidiary.owned_by",
     {"Pinecrest Robotics, which is ultimately wholly owned and managed by Tiger Global, hired "
      "staff.",
      "Pinecrest Robotics", kSubsidiary, "Tiger Global", true}},
    {"exec.became_role",
     {"Maria Oduya has been promoted to chief executive of Brightwell Analytics Inc.",
      "Maria Oduya", kExecutive, "Brightwell Analytics", true}},
    {"exec.became_role",
     {"Jonas Weber was elected chairman of Corran Mining in May.", "Jonas Weber", kExecutive,
      "Corran Mining", true}},
    {"exec.became_role",
     {"At the spring meeting Jonas Weber was elected as the new Chairman of the Board of "
      "Directors.",
      "Jonas Weber", kExecutive, "Board of Directors", false}},
    {"subsidiary.appositive",
     {"Vantor Labs, Inc., a wholly owned subsidiary of Kestrel Ports Ltd, opened an office.",
      "Vantor Labs", kSubsidiary, "Kestrel Ports", true}},
    {"subsidiary.appositive",
     {"Dervan Foods , LLC , a wholly - owned subsidiary of Halden Bank , raised prices .",
      "Dervan Foods", kSubsidiary, "Halden Bank", true}},
    // "X, which acquired Y last year," (the older acquire.which_bought reads "Y, which X
    // bought"); a plan in the relative clause keeps its modality.
    {"acquire.which_acquired",
     {"Halden Motors, which bought Brasov Auto SA in 2015, posted higher profit.", "Halden Motors",
      kAcquires, "Brasov Auto", true}},
    {"acquire.which_acquired",
     {"Kestrel Ports Ltd, which acquired Dervan Foods Inc. last year, cut jobs.", "Kestrel Ports",
      kAcquires, "Dervan Foods", true}},
    {"acquire.which_acquired",
     {"Shares of Norvale Systems Ltd, which completed its purchase of Vantor Labs in May, rose.",
      "Norvale Systems", kAcquires, "Vantor Labs", true}},
    {"acquire.which_acquired",
     {"Halden Bank, which plans to buy Orvelle Foods, declined to comment.", "Halden Bank",
      kAcquires, "Orvelle Foods", false, Modality::kPlanned}},
    {"acquire.which_acquired",
     {"Halden Motors, which bought Brasov Auto SA's stake in Corran Mining, rose.", "Halden Motors",
      kAcquires, "Brasov Auto", false}},
    // "took/gained/won control of Y"; a company's board is not the company, and "if X wins
    // control" is no fact (present and -ing forms are left out).
    {"acquire.took_control",
     {"Halden Motors took control of Brasov Auto SA in 2015.", "Halden Motors", kAcquires,
      "Brasov Auto", true}},
    {"acquire.took_control",
     {"Kestrel Ports Ltd has gained full control of Dutch operator Dervan Foods Inc.",
      "Kestrel Ports", kAcquires, "Dervan Foods", true}},
    {"acquire.took_control",
     {"Norvale Systems Ltd won majority control over Vantor Labs.", "Norvale Systems", kAcquires,
      "Vantor Labs", true}},
    {"acquire.took_control",
     {"Halden Bank is seeking to take control of Orvelle Foods, sources said.", "Halden Bank",
      kAcquires, "Orvelle Foods", false, Modality::kRumoured}},
    {"acquire.took_control",
     {"Halden Motors took control of Brasov Auto SA's board.", "Halden Motors", kAcquires,
      "Brasov Auto", false}},
    {"acquire.took_control",
     {"If Halden Motors wins control of Brasov Auto SA, it will cut jobs.", "Halden Motors",
      kAcquires, "Brasov Auto", false}},
    // The buyer in "the sale of X to Y", with the sentence's modality (a denied sale).
    {"acquire.sale_of_to",
     {"Kestrel Ports Ltd completed the sale of Dervan Foods Inc. to Halden Bank.", "Halden Bank",
      kAcquires, "Dervan Foods", true}},
    {"acquire.sale_of_to",
     {"The sale of its Polish unit Orvelle Foods to Norvale Systems Ltd closed on Monday.",
      "Norvale Systems", kAcquires, "Orvelle Foods", true}},
    {"acquire.sale_of_to",
     {"Regulators approved the divestiture of Vantor Labs to Dutch buyer Corran Mining.",
      "Corran Mining", kAcquires, "Vantor Labs", true}},
    {"acquire.sale_of_to",
     {"Halden Bank denied reports of a sale of Orvelle Foods to Kestrel Ports Ltd.",
      "Kestrel Ports", kAcquires, "Orvelle Foods", false, Modality::kDenied}},
    // "Y is the parent / majority owner / holding company of X".
    {"subsidiary.is_parent_of",
     {"Halden Bank is the parent of Orvelle Foods.", "Orvelle Foods", kSubsidiary, "Halden Bank",
      true}},
    {"subsidiary.is_parent_of",
     {"Norvale Systems Ltd, based in Leeds, is the majority owner of Vantor Labs.", "Vantor Labs",
      kSubsidiary, "Norvale Systems", true}},
    {"subsidiary.is_parent_of",
     {"Kestrel Ports Ltd became the holding company of Dervan Foods Inc. in 2019.", "Dervan Foods",
      kSubsidiary, "Kestrel Ports", true}},
    {"subsidiary.is_parent_of",
     {"Halden Bank is not the parent of Orvelle Foods.", "Orvelle Foods", kSubsidiary,
      "Halden Bank", false}},
    // "X, whose parent is Y"; another role in the relative clause is no parent.
    {"subsidiary.whose_parent",
     {"Corran Mining, whose parent is Halvorsen Energy AS, cut output.", "Corran Mining",
      kSubsidiary, "Halvorsen Energy", true}},
    {"subsidiary.whose_parent",
     {"Orvelle Foods, whose owner, Halden Bank, is selling assets, cut prices.", "Orvelle Foods",
      kSubsidiary, "Halden Bank", true}},
    {"subsidiary.whose_parent",
     {"Investors sold Vantor Labs, whose parent company Norvale Systems Ltd may sell it.",
      "Vantor Labs", kSubsidiary, "Norvale Systems", true}},
    {"subsidiary.whose_parent",
     {"Corran Mining, whose chief executive sits on Halden Bank's board, cut output.",
      "Corran Mining", kSubsidiary, "Halden Bank", false}},
    // "X, led by Chief Executive Y", "X was founded in 2017 by Y", "X, which is chaired by Y";
    // a group of investors led by someone, or gains led by something, name no executive.
    {"exec.led_by",
     {"Brightwell Analytics Inc., led by Chief Executive Lena Vogt, raised its forecast.",
      "Lena Vogt", kExecutive, "Brightwell Analytics", true}},
    {"exec.led_by",
     {"Corran Mining was founded in 2017 by Jonas Weber, a former banker.", "Jonas Weber",
      kExecutive, "Corran Mining", true}},
    {"exec.led_by",
     {"Halden Bank, which is chaired by Maria Oduya, cut rates.", "Maria Oduya", kExecutive,
      "Halden Bank", true}},
    {"exec.led_by",
     {"A group of investors led by Maria Oduya bought shares in Halden Bank.", "Maria Oduya",
      kExecutive, "Halden Bank", false}},
    {"exec.led_by",
     {"Gains in Halden Bank, led by strong lending, lifted the index after Maria Oduya spoke.",
      "Maria Oduya", kExecutive, "Halden Bank", false}},
    // A list of investors ("A and B have both invested in", "A, B and C hold minority stakes
    // in"); "both" is an {AUX} word.
    {"invest.verb_in",
     {"Halden Bank and Corran Mining have both invested in Vantor Labs.", "Corran Mining", kInvests,
      "Vantor Labs", true}},
    {"invest.verb_in",
     {"Halden Bank and Corran Mining have both invested in Vantor Labs.", "Halden Bank", kInvests,
      "Vantor Labs", true}},
    {"invest.verb_in",
     {"Analysts at Halden Bank said Corran Mining invested in Vantor Labs.", "Halden Bank",
      kInvests, "Vantor Labs", false}},
    {"invest.stake_in",
     {"Halden Bank, Corran Mining and Kestrel Ports Ltd hold minority stakes in Vantor Labs.",
      "Kestrel Ports", kInvests, "Vantor Labs", true}},
    {"invest.stake_in",
     {"Halden Bank and Corran Mining both own stakes in Vantor Labs.", "Halden Bank", kInvests,
      "Vantor Labs", true}},
    {"invest.stake_in",
     {"Halden Bank and Corran Mining may both hold stakes in Vantor Labs, people familiar with the "
      "matter said.",
      "Corran Mining", kInvests, "Vantor Labs", false, Modality::kRumoured}},
    // Widened supplier rules: an appositive and "has become another supplier to", and "X ...,
    // and counts A and B as customers" (the clause's own subject, not another company's; the
    // comma before "and" keeps "based on Arm technology and counts Oracle" from making Arm
    // the supplier).
    {"supply.is_supplier",
     {"Kestrel Ports Ltd, a unit of Halden Bank, has become another fast-growing supplier to "
      "Corran Mining.",
      "Kestrel Ports", kSupplies, "Corran Mining", true}},
    {"supply.is_supplier",
     {"Vantor Labs is a key supplier to Norvale Systems Ltd.", "Vantor Labs", kSupplies,
      "Norvale Systems", true}},
    {"supply.is_supplier",
     {"Vantor Labs may become a supplier to Norvale Systems Ltd, people familiar with the matter "
      "said.",
      "Vantor Labs", kSupplies, "Norvale Systems", false, Modality::kRumoured}},
    {"supply.counts_as_customer",
     {"Vantor Labs, the largest chip foundry, supplies chips to Halden Motors, and counts Corran "
      "Mining and Norvale Systems Ltd as customers as well.",
      "Vantor Labs", kSupplies, "Norvale Systems", true}},
    {"supply.counts_as_customer",
     {"Vantor Labs designs chips based on Kestrel Ports Ltd technology and counts Corran Mining "
      "as a customer.",
      "Kestrel Ports", kSupplies, "Corran Mining", false}},
    {"supply.counts_as_customer",
     {"Vantor Labs counts Corran Mining among its clients.", "Vantor Labs", kSupplies,
      "Corran Mining", true}},
    {"supply.counts_as_customer",
     {"Vantor Labs supplies Halden Motors, and Kestrel Ports Ltd counts Corran Mining as a "
      "customer.",
      "Vantor Labs", kSupplies, "Corran Mining", false}},
};

TEST(RelationTable, NamedRulesReadTheirCases) {
  int failures = 0;
  for (const RuleCase& rc : kRuleCases) {
    const RelationCase& c = rc.c;
    const Extraction x = ExtractText(c.text);
    std::string problem = CheckCase(c, x);
    const std::vector<const Fact*> facts = MatchingFacts(x, c);
    if (problem.empty() && c.expected) {
      const bool by_rule = std::any_of(facts.begin(), facts.end(), [&](const Fact* f) {
        return f->modality == Modality::kAsserted && f->evidence.rule == rc.rule;
      });
      if (!by_rule) problem = std::string("asserted, but not by rule ") + rc.rule;
    }
    if (problem.empty() && !c.expected && c.modality == Modality::kAsserted) {
      for (const Fact* f : facts) {
        if (f->evidence.rule == rc.rule) problem = std::string("rule ") + rc.rule + " fired";
      }
    }
    if (problem.empty()) continue;
    ++failures;
    ADD_FAILURE() << "case: " << c.text << " || " << c.subject << " "
                  << RelationTypeName(c.relation) << " " << c.object
                  << (c.expected ? "" : " (must not be asserted)") << " [" << rc.rule << "]"
                  << "\nproblem: " << problem << "\n"
                  << Describe(x);
  }
  EXPECT_EQ(failures, 0);
}

TEST(RelationTable, EveryNewRuleHasCasesEachWay) {
  // Each rule added with the name constraints and descriptors, with at least three cases,
  // and the constrained rules with cases on both sides of their name constraint.
  const char* const kNewRules[] = {
      "subsidiary.owns_the_named",
      "subsidiary.owns_the_named_last",
      "compete.and_with",
      "compete.into_competition",
      "produce.noun_name",
      "supply.agreement_to_buy",
      "supply.ordered_goods",
      "acquire.deal_for",
      "acquire.paid_by_for",
      "acquire.possessive_brands",
      "theme.possessive_plain",
      "operate.capture_share",
      "subsidiary.possessive_adjacent",
      "member.program_partners",
      "partner.has_partners_including",
      "divest.stake_exit",
      "invest.owns_percent",
      "invest.which_owns_percent",
      "invest.which_holds_percent",
      "invest.which_holds_stake",
      "invest.pay_for_stake",
      "subsidiary.verb_its_unit",
      "hq.place_possessive_head",
      "hq.demonym_plural_list",
      "operate.owns_rights_in",
      "acquire.sold_to",
      "invest.sell_stake_to",
      "hq.demonym_theme_head",
      "compete.rival_pair",
      "exec.who_is_possessive_role",
      "divest.bought_from",
      "divest.passive",
      "subsidiary.focus_unit",
      "hq.has_headquarters_in",
      "hq.incorporated_in",
      "hq.legal_name_of_place",
      "acquire.paren_acquired_by",
      "exec.board_member",
      "exec.said_would_become_its",
      "hq.appositive_based",
      "hq.is_a_head_based_in",
      "subsidiary.paren_unit_of",
      "subsidiary.its_parent",
      "subsidiary.possessive_parent",
      "subsidiary.make_unit",
      "subsidiary.said_is_its",
      "acquire.first_acquisition",
      "acquire.active_list_last",
      "acquire.active_list_middle",
      "operate.return_to",
      "acquire.which_acquired",
      "acquire.took_control",
      "acquire.sale_of_to",
      "subsidiary.is_parent_of",
      "subsidiary.whose_parent",
      "exec.led_by",
  };
  std::map<std::string, int> cases, negatives;
  for (const RuleCase& rc : kRuleCases) {
    ++cases[rc.rule];
    if (!rc.c.expected) ++negatives[rc.rule];
  }
  for (const char* rule : kNewRules) EXPECT_GE(cases[rule], kMinCasesPerRule) << rule;
  for (const char* rule : {"member.program_partners", "partner.has_partners_including",
                           "subsidiary.possessive_adjacent", "operate.place_market"}) {
    EXPECT_GE(negatives[rule], 2) << rule;
  }
}

// Words that must not become entities: the letters of a ticker inside its parenthetical
// ("T" of "2503.T" is AT&T's ticker on the NYSE), the demonym that starts a name
// ("European Commission"), and an unknown capitalised word that only a weak rule
// (confidence < 0.65) would have made an organisation.
struct AbsentEntityCase {
  const char* text;
  const char* name;
};

const AbsentEntityCase kAbsentEntities[] = {
    {"Asahi ( 2502.T ) and Kirin ( 2503.T ) raised beer prices.", "AT&T"},
    {"Asahi-owned ( 2502.T ) Carlton & United Breweries raised beer prices.", "AT&T"},
    {"Kestrel Ports Ltd ( T.N ) said it would cut costs.", "AT&T"},
    {"Tencent ( 0700.HK ) invested $300 million in Kestrel Ports Ltd.", "AT&T"},
    {"The European Commission fined Meta $800 million.", "Europe"},
    {"The European Central Bank left rates unchanged, and Allianz shares fell.", "Europe"},
    {"Alibaba's Moment\n\nAlibaba Group raised its forecast on Thursday.", "Moment"},
    {"Apple's Moment of Truth\n\nApple shares fell 3% on Monday.", "Moment of Truth"},
    // A ticker without parentheses: neither its suffix nor the name with the symbol.
    {"Kestrel Ports Ltd KPL.AX rose 4% in Sydney.", "AX"},
    {"Kestrel Ports Ltd KPL.AX rose 4% in Sydney.", "Kestrel Ports Ltd KPL"},
    {"Siam Quarry PCL SQRY.BK fell after results.", "BK"},
    // "Officer" of a title split after "Chief Executive" is no person's name.
    {"Lena Vogt, Chairman and Chief Executive Officer of Brightwell Analytics Inc., resigned.",
     "Officer"},
    {"Tomas Reiner was Chairman, Chief Executive Officer and later a Director of Corran Mining.",
     "Officer"},
};

TEST(RelationTable, NoEntityFromTickerLettersOrNameWords) {
  for (const AbsentEntityCase& c : kAbsentEntities) {
    const Extraction x = ExtractText(c.text);
    EXPECT_EQ(testing::FindEntity(x, c.name), nullptr)
        << "case: " << c.text << " || no entity " << c.name << "\n"
        << Describe(x);
    for (const Fact& f : x.facts) {
      EXPECT_TRUE(f.subject.name != c.name && f.object.name != c.name)
          << "case: " << c.text << " || " << c.name << " in a fact\n"
          << Describe(x);
    }
  }
}

// A titled person with no company in the sentence works for the document's focus (inferred),
// unless the title follows another organisation's name, company or not ("SEC spokesman X",
// "Nasdaq spokesman X"): then the title is that organisation's.
TEST(RelationTable, TitleFallsBackToTheFocusOnlyWhenNoOtherOrgOwnsIt) {
  const char* const kLead =
      "Quillon Foods raised its forecast. Quillon Foods shares rose. Quillon Foods said sales "
      "grew. ";
  const Extraction own =
      ExtractText(std::string(kLead) + "Spokeswoman Dara Pell declined to comment.");
  const Fact* f = testing::FindFact(own, "Dara Pell", kExecutive, "Quillon Foods");
  ASSERT_NE(f, nullptr) << Describe(own);
  EXPECT_EQ(f->evidence.rule, "title.focus");
  for (const char* text : {"SEC spokesman Tomas Vick declined to comment.",
                           "Nasdaq spokeswoman Dara Pell declined to comment.",
                           "The Justice Department's spokesman Tomas Vick declined to comment."}) {
    const Extraction x = ExtractText(std::string(kLead) + text);
    for (const Fact& fact : x.facts) {
      EXPECT_FALSE(fact.relation == kExecutive && fact.object.name == "Quillon Foods")
          << "case: " << text << " || " << fact.subject.name << "\n"
          << Describe(x);
    }
  }
}

// The ticker still lists the company it follows.
TEST(RelationTable, HiddenTickerStillListsItsCompany) {
  const Extraction x = ExtractText("Asahi ( 2502.T ) and Kirin ( 2503.T ) raised beer prices.");
  for (const char* company : {"Asahi", "Kirin"}) {
    const Fact* f = testing::FindFact(x, company, kListed, "Tokyo Stock Exchange");
    EXPECT_NE(f, nullptr) << company << "\n" << Describe(x);
  }
}

// Lexicon headquarters facts only for a company the article names at least three times.
// The lexicon's sectors, like its headquarters, only for a company named three times, as
// lexicon evidence; the theme is the fact's object, not an entity the text names.
TEST(RelationTable, LexiconSectorsNeedThreeMentions) {
  auto sector = [](const Extraction& x) {
    for (const Fact& f : x.facts) {
      if (f.relation == kTheme && f.evidence.rule == "lexicon.sector" &&
          f.subject.name == "Toyota" && f.object.name == "automotive") {
        return &f;
      }
    }
    return static_cast<const Fact*>(nullptr);
  };
  const Extraction twice = ExtractText("Toyota raised prices. Toyota also cut output.");
  EXPECT_EQ(sector(twice), nullptr) << Describe(twice);
  const Extraction three_times =
      ExtractText("Toyota raised prices. Toyota also cut output. Toyota shares rose 2%.");
  const Fact* f = sector(three_times);
  ASSERT_NE(f, nullptr) << Describe(three_times);
  EXPECT_EQ(f->evidence.kind, EvidenceKind::kLexicon);
  EXPECT_EQ(testing::FindEntity(three_times, "automotive"), nullptr) << Describe(three_times);
}

TEST(RelationTable, LexiconHeadquartersNeedThreeMentions) {
  auto lexicon_hq = [](const Extraction& x) {
    for (const Fact& f : x.facts) {
      if (f.relation == kHq && f.evidence.kind == EvidenceKind::kLexicon &&
          f.subject.name == "Toyota") {
        return &f;
      }
    }
    return static_cast<const Fact*>(nullptr);
  };
  const Extraction twice = ExtractText("Toyota raised prices. Toyota also cut output.");
  EXPECT_EQ(lexicon_hq(twice), nullptr) << Describe(twice);
  const Extraction three_times =
      ExtractText("Toyota raised prices. Toyota also cut output. Toyota shares rose 2%.");
  const Fact* hq = lexicon_hq(three_times);
  ASSERT_NE(hq, nullptr) << Describe(three_times);
  EXPECT_EQ(hq->object.name, "Japan");
  // Attached to the first mention's sentence.
  EXPECT_EQ(hq->evidence.sentence_span.start, 0u);
}

// A product no rule gives a maker goes to the document's focus, unless its name starts with
// another company's name in the document: "Brennet Gold" is Brennet Breweries' beer even in
// an article about Corran Foods.
TEST(RelationTable, ProductNamedAfterACompanyIsThatCompanys) {
  const Extraction x = ExtractText(
      "Corran Foods said on Monday it would bid for Brennet Breweries. Corran Foods has long "
      "wanted beer brands. Local beers such as Brennet Gold and Harrow Pale sell well in Poland. "
      "Corran Foods shares rose 3%.");
  auto maker_of = [&](std::string_view product) {
    for (const Fact& f : x.facts) {
      if (f.relation == kProduces && f.object.name == product) return f.subject.name;
    }
    return std::string();
  };
  EXPECT_EQ(maker_of("Brennet Gold"), "Brennet Breweries") << Describe(x);
  EXPECT_EQ(maker_of("Harrow Pale"), "Corran Foods") << Describe(x);
}

}  // namespace
}  // namespace corpgraph::extract
