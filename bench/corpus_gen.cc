#include "bench/corpus_gen.h"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <ostream>
#include <set>
#include <string_view>

#include "data/embedded.h"

namespace corpgraph::bench {
namespace {

// Template placeholders, one letter each, in braces:
//   A focus-or-other company, B another company, C city, K country, P person,
//   G purpose phrase, R product, W weekday, O month, Y year, X percent,
//   N head count, b billions amount, m millions amount, Q quote.
// All sentences are our own writing.
constexpr std::string_view kRelationTemplates[] = {
    "{A} has partnered with {B} to {G}.",
    "{A} and {B} signed a strategic agreement to {G}.",
    "Last year {A} teamed up with {B} to {G}.",
    "{A} formed a joint venture with {B} to {G}.",
    "{A}, a unit of {B}, said quarterly revenue rose {X} percent.",
    "{A} is a subsidiary of {B}.",
    "{A} agreed to buy {B} for ${b} billion, the companies said on {W}.",
    "{A} completed its acquisition of {B} in {O}.",
    "{A} acquired {B} for ${m} million in cash.",
    "{A} is in talks to buy {B}, according to people familiar with the talks.",
    "{A} plans to acquire {B} by the end of {Y}.",
    "{A} denied a report that it was seeking to buy {B}.",
    "{A} opened a plant in {C}, where it will employ {N} people.",
    "{A} will build a ${m} million factory in {K}.",
    "{A} expanded its operations in {K} this year.",
    "{A} is headquartered in {C}.",
    "{A} supplies {R} to {B}.",
    "{A} invested ${m} million in {B}.",
    "{A} took a {X} percent stake in {B}.",
    "{A} competes with {B} in the market for {R}.",
    "{A} sold its stake in {B} for ${m} million.",
    "{P}, chief executive of {A}, said the company would {G}.",
    "{A} named {P} as its new chief financial officer.",
    "\"{Q},\" {A} CEO {P} said in a statement.",
    "{A} shares rose {X} percent on {W} after the announcement.",
    "{A} makes {R} at its site in {C}.",
};

constexpr std::string_view kFillerTemplates[] = {
    "Analysts expect demand to stay soft for the remaining months of the year.",
    "The companies did not disclose financial terms.",
    "Revenue for the quarter came in at ${m} million, up {X} percent from a year earlier.",
    "The deal is subject to regulatory approval and is expected to close in {Y}.",
    "Shares of the company have gained {X} percent so far this year.",
    "Officials declined to comment on the timing.",
    "The move comes as manufacturers race to cut costs and secure supplies.",
    "Investors have been watching the sector closely since interest rates began to fall.",
    "About {N} employees work at the site.",
    "The agreement runs for {X} months and can be extended.",
    "The company said it would give more details at its investor day in {O}.",
    "Operating margins narrowed to {X} percent as input costs climbed.",
};

constexpr std::string_view kTitleTemplates[] = {
    "{A} and {B} announce partnership",
    "{A} to buy {B} in ${b} billion deal",
    "{A} expands in {K}",
    "{A} posts higher quarterly revenue",
    "{A} weighs options for its {R} unit",
    "{A} names new finance chief",
};

constexpr std::string_view kPurposes[] = {
    "develop battery cells for electric trucks",
    "build a regional cloud data centre",
    "expand payment services for small merchants",
    "jointly market industrial sensors",
    "supply chips for connected cars",
    "run a pilot of hydrogen-powered buses",
    "offer satellite broadband in rural areas",
    "design software for hospital networks",
    "cut delivery times for online shoppers",
    "train language models for customer service",
};

constexpr std::string_view kProducts[] = {
    "lithium-ion battery packs",
    "memory chips",
    "display panels",
    "steel components",
    "logistics software",
    "wind turbine blades",
    "medical imaging systems",
    "packaging materials",
    "solar inverters",
    "fertiliser",
};

constexpr std::string_view kQuotes[] = {
    "We see strong demand from customers across the region",
    "This partnership lets us move faster than we could alone",
    "Our priority is to keep costs under control this year",
    "We are confident the integration will go smoothly",
};

constexpr std::string_view kWeekdays[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday"};
constexpr std::string_view kMonths[] = {"January",   "February", "March",    "April",
                                        "May",       "June",     "July",     "August",
                                        "September", "October",  "November", "December"};

// Invented name parts; combinations are checked for uniqueness, not for reality.
constexpr std::string_view kStemStarts[] = {
    "Nor",  "Val", "Kest", "Bri", "Tor", "Ash", "Cal", "Dun", "Fen", "Hal", "Lum", "Mer",
    "Orin", "Pax", "Quil", "Ros", "Sel", "Tam", "Ver", "Wyn", "Zel", "Ard", "Bel", "Cor"};
constexpr std::string_view kStemEnds[] = {"vale", "ix",  "ora", "ton",  "wick", "mere", "dyn",
                                          "aro",  "ent", "ica", "ford", "lux",  "gate", "helm"};
constexpr std::string_view kHeadWords[] = {
    "Systems", "Technologies", "Logistics",     "Energy",    "Holdings",
    "Pharma",  "Robotics",     "Materials",     "Capital",   "Networks",
    "Foods",   "Motors",       "Semiconductor", "Analytics", "Industries"};
constexpr std::string_view kLegalSuffixes[] = {"Ltd", "Inc", "Corp", "plc", "AG", "Group", ""};
constexpr std::string_view kFirstNames[] = {
    "Maren", "Tobias", "Elena",  "Rafael", "Ingrid", "Kofi",   "Priya", "Henrik", "Lucia",
    "Omar",  "Sienna", "Dmitri", "Naomi",  "Caspar", "Yuki",   "Amara", "Felix",  "Leona",
    "Jonas", "Carmen", "Anders", "Zara",   "Mateo",  "Hannah", "Idris", "Greta",  "Theo"};
constexpr std::string_view kLastNames[] = {
    "Halvorsen", "Okafor",   "Brandt",   "Castellano", "Lindqvist", "Mensah",   "Varga",
    "Whitcombe", "Ferreira", "Nakamura", "Duarte",     "Kowalski",  "Ashworth", "Reyes",
    "Sorensen",  "Albright", "Moreau",   "Petrov",     "Quinlan",   "Thorne",   "Ebbesen"};

Result<std::vector<nlohmann::json>> EmbeddedEntities(std::string_view file) {
  std::optional<std::string_view> text = data::EmbeddedFile(file);
  if (!text) return InternalError(std::string(file) + ": not embedded (check data/CMakeLists.txt)");
  try {
    nlohmann::json root = nlohmann::json::parse(*text);
    return root.at("entities").get<std::vector<nlohmann::json>>();
  } catch (const nlohmann::json::exception& e) {
    return InternalError(std::string(file) + ": malformed embedded lexicon (" + e.what() + ")");
  }
}

}  // namespace

Result<CorpusGenerator> CorpusGenerator::Create(const CorpusOptions& options) {
  CorpusGenerator gen;
  gen.options_ = options;
  gen.rng_.seed(options.seed);
  ASSIGN_OR_RETURN(std::vector<nlohmann::json> companies, EmbeddedEntities("companies.json"));
  ASSIGN_OR_RETURN(std::vector<nlohmann::json> places, EmbeddedEntities("places.json"));
  try {
    for (const nlohmann::json& entity : companies) {
      gen.lexicon_companies_.push_back(entity.at("name").get<std::string>());
      // Aliases appear as news writes them ("Alibaba Group Holding Ltd").
      for (const nlohmann::json& alias : entity.value("aliases", nlohmann::json::array())) {
        gen.lexicon_companies_.push_back(alias.get<std::string>());
      }
    }
    for (const nlohmann::json& entity : places) {
      const std::string subtype = entity.value("subtype", "");
      if (subtype == "city") gen.cities_.push_back(entity.at("name").get<std::string>());
      if (subtype == "country") gen.countries_.push_back(entity.at("name").get<std::string>());
    }
  } catch (const nlohmann::json::exception& e) {
    return InternalError(std::string("embedded lexicon: unexpected entry (") + e.what() + ")");
  }
  if (gen.lexicon_companies_.empty() || gen.cities_.empty() || gen.countries_.empty()) {
    return InternalError("embedded lexicon: no companies, cities or countries");
  }
  for (std::string_view name : kFirstNames) gen.first_names_.emplace_back(name);
  for (std::string_view name : kLastNames) gen.last_names_.emplace_back(name);

  std::set<std::string> seen;
  const size_t combinations = std::size(kStemStarts) * std::size(kStemEnds) *
                              std::size(kHeadWords) * std::size(kLegalSuffixes);
  const size_t wanted = std::min(options.invented_companies, combinations / 2);
  while (gen.invented_companies_.size() < wanted) {
    std::string name = std::string(kStemStarts[gen.Uniform(std::size(kStemStarts))]) +
                       std::string(kStemEnds[gen.Uniform(std::size(kStemEnds))]) + " " +
                       std::string(kHeadWords[gen.Uniform(std::size(kHeadWords))]);
    std::string_view suffix = kLegalSuffixes[gen.Uniform(std::size(kLegalSuffixes))];
    if (!suffix.empty()) name += " " + std::string(suffix);
    if (seen.insert(name).second) gen.invented_companies_.push_back(std::move(name));
  }
  return gen;
}

uint64_t CorpusGenerator::Uniform(uint64_t n) { return n == 0 ? 0 : rng_() % n; }

bool CorpusGenerator::Chance(double p) { return static_cast<double>(rng_() >> 11) * 0x1.0p-53 < p; }

std::string CorpusGenerator::Company() {
  return Chance(options_.lexicon_company_share) ? Pick(lexicon_companies_)
                                                : Pick(invented_companies_);
}

std::string CorpusGenerator::Person() { return Pick(first_names_) + " " + Pick(last_names_); }

// Expands one template. `focus` is the document's company (A is it most of the
// time, so documents read as being about something); `person` is the
// document's spokesperson, chosen on first use.
std::string CorpusGenerator::Sentence(const std::string& focus, std::string& person) {
  const bool filler = Chance(0.35);
  std::string_view pattern = filler ? kFillerTemplates[Uniform(std::size(kFillerTemplates))]
                                    : kRelationTemplates[Uniform(std::size(kRelationTemplates))];
  std::string out;
  std::string a = Chance(0.6) ? focus : Company();
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] != '{' || i + 2 >= pattern.size() || pattern[i + 2] != '}') {
      out += pattern[i];
      continue;
    }
    const char code = pattern[i + 1];
    i += 2;
    switch (code) {
      case 'A':
        out += a;
        break;
      case 'B': {
        std::string b = Company();
        if (b == a) b = Pick(invented_companies_);
        out += b;
        break;
      }
      case 'C':
        out += Pick(cities_);
        break;
      case 'K':
        out += Pick(countries_);
        break;
      case 'P':
        if (person.empty() || Chance(0.3)) person = Person();
        out += person;
        break;
      case 'G':
        out += kPurposes[Uniform(std::size(kPurposes))];
        break;
      case 'R':
        out += kProducts[Uniform(std::size(kProducts))];
        break;
      case 'Q':
        out += kQuotes[Uniform(std::size(kQuotes))];
        break;
      case 'W':
        out += kWeekdays[Uniform(std::size(kWeekdays))];
        break;
      case 'O':
        out += kMonths[Uniform(std::size(kMonths))];
        break;
      case 'Y':
        out += std::to_string(2016 + Uniform(10));
        break;
      case 'X':
        out += std::to_string(1 + Uniform(40));
        break;
      case 'N':
        out += std::to_string(50 * (1 + Uniform(80)));
        break;
      case 'b':
        out += std::to_string(1 + Uniform(60)) + "." + std::to_string(Uniform(10));
        break;
      case 'm':
        out += std::to_string(10 * (1 + Uniform(90)));
        break;
      default:
        out += pattern.substr(i - 2, 3);
        break;
    }
  }
  return out;
}

Document CorpusGenerator::Next() {
  Document doc;
  doc.id = options_.id_prefix + "-" + std::to_string(next_id_++);
  const uint64_t year = 2016 + Uniform(10);
  const uint64_t month = 1 + Uniform(12);
  const uint64_t day = 1 + Uniform(28);
  char date[16];
  std::snprintf(date, sizeof(date), "%04u-%02u-%02u", static_cast<unsigned>(year),
                static_cast<unsigned>(month), static_cast<unsigned>(day));
  doc.date = date;

  const std::string focus = Company();
  std::string person;
  // The title reuses the sentence machinery with a title template.
  std::string_view title = kTitleTemplates[Uniform(std::size(kTitleTemplates))];
  for (size_t i = 0; i < title.size(); ++i) {
    if (title[i] == '{' && i + 2 < title.size() && title[i + 2] == '}') {
      const char code = title[i + 1];
      i += 2;
      if (code == 'A') doc.title += focus;
      if (code == 'B') doc.title += Company();
      if (code == 'K') doc.title += Pick(countries_);
      if (code == 'R') doc.title += kProducts[Uniform(std::size(kProducts))];
      if (code == 'b') doc.title += std::to_string(1 + Uniform(60));
      continue;
    }
    doc.title += title[i];
  }

  // Paragraphs of two to four sentences, until the target size.
  size_t in_paragraph = 0;
  const size_t paragraph_length = 2 + Uniform(3);
  while (doc.text.size() < options_.target_doc_bytes) {
    if (!doc.text.empty()) doc.text += in_paragraph == 0 ? "\n\n" : " ";
    doc.text += Sentence(focus, person);
    in_paragraph = (in_paragraph + 1) % paragraph_length;
  }
  return doc;
}

std::vector<Document> CorpusGenerator::Generate(uint64_t total_text_bytes) {
  std::vector<Document> docs;
  uint64_t bytes = 0;
  while (bytes < total_text_bytes) {
    docs.push_back(Next());
    bytes += docs.back().text.size();
  }
  return docs;
}

Result<uint64_t> CorpusGenerator::WriteJsonl(std::ostream& out, uint64_t total_bytes) {
  uint64_t written = 0;
  uint64_t documents = 0;
  while (written < total_bytes) {
    const std::string line = ToJsonLine(Next()) + "\n";
    out.write(line.data(), static_cast<std::streamsize>(line.size()));
    if (!out)
      return IOError("corpus output: write failed after " + std::to_string(written) + " bytes");
    written += line.size();
    ++documents;
  }
  out.flush();
  if (!out) return IOError("corpus output: flush failed");
  return documents;
}

std::string ToJsonLine(const Document& doc) {
  nlohmann::ordered_json line;
  line["id"] = doc.id;
  line["title"] = doc.title;
  line["date"] = doc.date;
  line["text"] = doc.text;
  return line.dump();
}

uint64_t CorpusHash(const std::vector<Document>& docs) {
  uint64_t hash = 1469598103934665603ull;
  for (const Document& doc : docs) {
    const std::string line = ToJsonLine(doc) + "\n";
    for (unsigned char c : line) {
      hash ^= c;
      hash *= 1099511628211ull;
    }
  }
  return hash;
}

}  // namespace corpgraph::bench
