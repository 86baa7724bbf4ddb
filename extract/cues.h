// extract/cues.h — the word lists that steer entity recognition and modality,
// loaded from data/cues.json and data/first_names.json, then the cue lists of user rules
// files (--rules, docs/rules.md).
//
//   Cues cues;
//   RETURN_IF_ERROR(cues.AddJson(text, "cues.json"));
//   bool suffix = cues.legal_suffixes.count("Inc");
//
// Read-only after loading; safe to share across threads.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "common/records.h"
#include "common/status.h"
#include "common/text.h"

namespace corpgraph::extract {

struct ModalityCue {
  Modality modality = Modality::kPlanned;
  std::string pattern;          // RE2, matched case-insensitively on the masked sentence
  bool sentence_scope = false;  // applies anywhere in the sentence, not only before the match end
};

struct Cues {
  StringSet legal_suffixes;  // "Inc", "Ltd", "plc": dropped from canonical names
  StringSet org_head_words;  // "Bank", "Technologies": a run ending so is an org
  // "Ministry", "University": a run that opens with one and goes on with "of" or "for" is an
  // org ("Ministry of Finance", "University of Lagos", "Organisation for Economic ...").
  StringSet org_leading_heads;
  // Head words of institutions that are no business ("Court", "Ministry", "Party"): an org the
  // lexicon does not know, named so, gets the subtype "institution", not "company".
  StringSet institution_heads;
  StringSet org_prefixes;         // "PT"
  StringMap<std::string> titles;  // lower-case title phrase -> role
  // Roles that make a person but no executive_of by themselves ("analyst", "minister"):
  // a titled person with no rule linking them is not tied to the sentence's company.
  StringSet non_executive_roles;
  // Roles that heads of state and central banks share with companies ("president",
  // "director"): such a title ties a person to a company the sentence names, never to
  // the document's focus alone ("President Barack Obama" in an article about Apple).
  StringSet roles_needing_an_org;
  // Lower-case titles that take a portfolio before them ("minister": "Foreign Minister X").
  StringSet portfolio_titles;
  // Words that end the name of an event, not of an organisation ("Cup", "Open", "Games"):
  // a capitalised run ending in one names neither an org nor the places in it.
  StringSet event_words;
  // Capitalised verbs of title-case headlines ("Hilton Hotels Acquired by Blackstone Group"):
  // such a word never starts or continues a name.
  StringSet headline_verbs;
  StringSet honorifics;  // "Mr", "Ms", "Dr"
  StringSet first_names;
  StringSet not_entities;  // capitalised words never entities on their own
  // Capitalised words that are no entity as a name of one word but may start a longer name
  // ("State-controlled VTB", "Current CEO X"; "State Bank of India", "Current TV").
  StringSet not_alone;
  // Parties' adjectives: after a place they name no company ("New York Democratic Senator X").
  StringSet party_adjectives;
  // Words of not_entities that may still start a company name ending in a legal form
  // ("Global Harbour Logistics PLC", "National Grid plc").
  StringSet name_adjectives;
  // Lower-case words that join the capitalised words of one name ("Bank of America", "Banca
  // Monte dei Paschi di Siena", "Caisse de Depot et Placement du Quebec"). "and" and "for"
  // join only under the extractor's further conditions (an unknown name, an institution's head).
  StringSet name_connectors;
  // Lower-case particles inside a person's name ("Charles de Gaulle", "Lula da Silva").
  StringSet name_particles;
  // Words a capitalised run drops at its edges ("of", "and").
  StringSet name_edge_words;
  // Words that make a town of the place before them ("Kansas City", "Palm Springs").
  StringSet town_words;
  // Compass words that make a part of the place after them ("South Texas").
  StringSet place_direction_words;
  StringSet function_words;      // capitalised words that cannot start an entity
  StringSet org_context_before;  // lower-case phrases right before an org
  StringSet org_context_after;
  StringSet anaphors;  // "the company", "it": refer to a recent org
  // Lower-case words after which "it" opens a clause about the sentence's own subject
  // ("..., where it competes with", "after it bought").
  StringSet anaphor_clause_words;
  // Lower-case first words of a short time or place phrase that may stand before "it" with no
  // comma and leave "it" the clause's subject ("Last July it opened", "In Europe it is ...").
  StringSet anaphor_openers;
  // Lower-case conjunctions besides "and" that open a clause ("But the company faces ..."):
  // an anaphor right after one is the clause's subject.
  StringSet clause_conjunctions;
  // Lower-case nouns of companies: "The airline, Vantor Jet, said" makes the name set off by
  // commas after one (and an article) a company.
  StringSet appositive_company_nouns;
  // Lower-case words before a capitalised "President" that make the title a company's
  // ("company President X", "its President X"), not a head of state's.
  StringSet company_title_owners;
  // Lower-case articles: a name right after one is no clause's subject ("The NBC deal ..., as
  // it ...").
  StringSet articles;
  // Lower-case determiners and possessives after which a demonym is an adjective, not the first
  // word of a name ("its Chinese TV assembly plant", "a British unit").
  StringSet adjective_determiners;
  // Forms of "be" that with a participle make a clause passive ("when it was sold by ...").
  StringSet passive_auxiliaries;
  // Past participles not ending in "-ed" ("sold", "bought", "spun").
  StringSet irregular_participles;
  // Ticker suffixes of companies with no listing (".UL"): the symbol names nothing.
  StringSet unlisted_ticker_suffixes;
  std::vector<std::string> product_patterns;  // RE2 with one capture group: the product name
  // Themes (ids) of companies that name their models after themselves ("the Nissan Leaf", "a
  // Toyota Corolla"): such a company's name and an unknown word in a model's context are the
  // model, not another company ("Coca-Cola Amatil").
  StringSet model_brand_sectors;
  // RE2 patterns (the rules' macros allowed), matched right after such a name and word: a
  // kind of product there ("Leaf electric cars") makes the run a model.
  std::vector<std::string> model_followers;
  // Lower-case words after such a name and word that make them a unit or a site, never a model
  // ("its core Mercedes-Benz Cars division", "the Peugeot Aulnay plant").
  StringSet model_unit_followers;
  // Sports reports (docs/rules.md "Sports sides"). Section headings of team sports, lower-cased
  // ("SOCCER", "RUGBY UNION"): a document whose title (or first line) opens with one, before a
  // '-' or ':', is a sports report, where a town or an unknown name standing as a side is a club.
  StringSet sports_headings;
  size_t max_sports_heading = 0;  // the longest one's length in bytes
  // Words and phrases, as written, between two sides ("beat", "drew with", "v", "AT").
  StringSet side_links;
  size_t max_side_link_words = 1;
  // Lower-case words right after a side ("captain"): "Surrey captain X".
  StringSet side_followers;
  // Lower-case words right before a side ("against"): "their match against Kent".
  StringSet side_openers;
  // Words that list names (",", "and"): a name listed with a side is a side.
  StringSet side_joiners;
  // Lower-case words before a venue ("at", "in"): the name after one stays a place.
  StringSet venue_words;
  // Places the lexicon files under a country that field national sides ("England", "Wales"):
  // like countries, they stay places in a sports report.
  StringSet national_sides;
  std::vector<ModalityCue> modality;
  size_t max_title_words = 1;
  size_t max_context_words = 1;

  // Adds the lists of one cues file; lists only grow, so a later file extends an earlier one
  // (data/first_names.json adds to the first_names of data/cues.json). Keys that are not cue
  // lists ("rules", "macros", "about") are ignored. Errors: InvalidArgument naming `origin` and
  // the field.
  Status AddJson(std::string_view json_text, std::string_view origin);
  // Reads `path` and calls AddJson. NotFound / IOError naming the path.
  Status AddFile(const std::string& path);
};

}  // namespace corpgraph::extract
