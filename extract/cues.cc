#include "extract/cues.h"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "common/text.h"

namespace corpgraph::extract {
namespace {

using nlohmann::json;

size_t WordCount(std::string_view phrase) {
  return static_cast<size_t>(std::count(phrase.begin(), phrase.end(), ' ')) + 1;
}

}  // namespace

Status Cues::AddJson(std::string_view json_text, std::string_view origin) {
  json root;
  try {
    root = json::parse(json_text);
  } catch (const json::exception& e) {  // parse errors, and numbers out of range
    return InvalidArgumentError(std::string(origin) + ": not valid JSON (" + e.what() + ")");
  }
  if (!root.is_object()) return InvalidArgumentError(std::string(origin) + ": expected an object");
  auto bad = [&](const std::string& field, const std::string& what) {
    return InvalidArgumentError(std::string(origin) + ": \"" + field + "\" " + what);
  };
  auto strings = [&](const char* field, auto&& add) -> Status {
    auto it = root.find(field);
    if (it == root.end()) return Status::Ok();
    if (!it->is_array()) return bad(field, "must be an array of strings");
    for (const auto& v : *it) {
      if (!v.is_string()) return bad(field, "must be an array of strings");
      add(v.get<std::string>());
    }
    return Status::Ok();
  };
  RETURN_IF_ERROR(strings("legal_suffixes", [&](std::string s) { legal_suffixes.insert(s); }));
  RETURN_IF_ERROR(strings("org_head_words", [&](std::string s) { org_head_words.insert(s); }));
  RETURN_IF_ERROR(
      strings("portfolio_titles", [&](std::string s) { portfolio_titles.insert(AsciiLower(s)); }));
  RETURN_IF_ERROR(strings("event_words", [&](std::string s) { event_words.insert(s); }));
  RETURN_IF_ERROR(strings("headline_verbs", [&](std::string s) { headline_verbs.insert(s); }));
  RETURN_IF_ERROR(
      strings("institution_heads", [&](std::string s) { institution_heads.insert(s); }));
  RETURN_IF_ERROR(
      strings("org_leading_heads", [&](std::string s) { org_leading_heads.insert(s); }));
  RETURN_IF_ERROR(strings("org_prefixes", [&](std::string s) { org_prefixes.insert(s); }));
  RETURN_IF_ERROR(strings("honorifics", [&](std::string s) { honorifics.insert(s); }));
  RETURN_IF_ERROR(strings("first_names", [&](std::string s) { first_names.insert(s); }));
  RETURN_IF_ERROR(strings("not_entities", [&](std::string s) { not_entities.insert(s); }));
  RETURN_IF_ERROR(strings("not_alone", [&](std::string s) { not_alone.insert(s); }));
  RETURN_IF_ERROR(strings("party_adjectives", [&](std::string s) { party_adjectives.insert(s); }));
  RETURN_IF_ERROR(strings("name_adjectives", [&](std::string s) { name_adjectives.insert(s); }));
  RETURN_IF_ERROR(strings("name_connectors", [&](std::string s) { name_connectors.insert(s); }));
  RETURN_IF_ERROR(strings("name_particles", [&](std::string s) { name_particles.insert(s); }));
  RETURN_IF_ERROR(strings("name_edge_words", [&](std::string s) { name_edge_words.insert(s); }));
  RETURN_IF_ERROR(strings("town_words", [&](std::string s) { town_words.insert(s); }));
  RETURN_IF_ERROR(
      strings("place_direction_words", [&](std::string s) { place_direction_words.insert(s); }));
  RETURN_IF_ERROR(strings("function_words", [&](std::string s) { function_words.insert(s); }));
  RETURN_IF_ERROR(strings("org_context_before", [&](std::string s) {
    max_context_words = std::max(max_context_words, WordCount(s));
    org_context_before.insert(AsciiLower(s));
  }));
  RETURN_IF_ERROR(strings("org_context_after", [&](std::string s) {
    max_context_words = std::max(max_context_words, WordCount(s));
    org_context_after.insert(AsciiLower(s));
  }));
  RETURN_IF_ERROR(strings("anaphors", [&](std::string s) { anaphors.insert(AsciiLower(s)); }));
  RETURN_IF_ERROR(strings("unlisted_ticker_suffixes",
                          [&](std::string s) { unlisted_ticker_suffixes.insert(s); }));
  RETURN_IF_ERROR(strings("anaphor_clause_words",
                          [&](std::string s) { anaphor_clause_words.insert(AsciiLower(s)); }));
  RETURN_IF_ERROR(strings("sports_headings", [&](std::string s) {
    max_sports_heading = std::max(max_sports_heading, s.size());
    sports_headings.insert(AsciiLower(s));
  }));
  RETURN_IF_ERROR(strings("side_links", [&](std::string s) {
    max_side_link_words = std::max(max_side_link_words, WordCount(s));
    side_links.insert(s);
  }));
  RETURN_IF_ERROR(strings("national_sides", [&](std::string s) { national_sides.insert(s); }));
  const std::pair<const char*, StringSet*> kWordLists[] = {
      {"anaphor_openers", &anaphor_openers},
      {"side_followers", &side_followers},
      {"side_openers", &side_openers},
      {"side_joiners", &side_joiners},
      {"venue_words", &venue_words},
      {"articles", &articles},
      {"clause_conjunctions", &clause_conjunctions},
      {"appositive_company_nouns", &appositive_company_nouns},
      {"company_title_owners", &company_title_owners},
      {"model_unit_followers", &model_unit_followers},
      {"adjective_determiners", &adjective_determiners},
      {"passive_auxiliaries", &passive_auxiliaries},
      {"irregular_participles", &irregular_participles}};
  for (const auto& list : kWordLists) {
    StringSet* set = list.second;
    RETURN_IF_ERROR(strings(list.first, [set](std::string s) { set->insert(AsciiLower(s)); }));
  }
  RETURN_IF_ERROR(
      strings("non_executive_roles", [&](std::string s) { non_executive_roles.insert(s); }));
  RETURN_IF_ERROR(
      strings("roles_needing_an_org", [&](std::string s) { roles_needing_an_org.insert(s); }));
  RETURN_IF_ERROR(
      strings("product_patterns", [&](std::string s) { product_patterns.push_back(s); }));
  RETURN_IF_ERROR(
      strings("model_brand_sectors", [&](std::string s) { model_brand_sectors.insert(s); }));
  RETURN_IF_ERROR(strings("model_followers", [&](std::string s) { model_followers.push_back(s); }));
  if (auto it = root.find("titles"); it != root.end()) {
    if (!it->is_object()) return bad("titles", "must be an object of \"title phrase\": \"role\"");
    for (const auto& [phrase, role] : it->items()) {
      if (!role.is_string()) return bad("titles", "values must be role strings");
      const std::string key = AsciiLower(phrase);
      max_title_words = std::max(max_title_words, WordCount(key));
      titles[key] = role.get<std::string>();
    }
  }
  if (auto it = root.find("modality"); it != root.end()) {
    if (!it->is_array()) return bad("modality", "must be an array of objects");
    for (size_t i = 0; i < it->size(); ++i) {
      const json& m = (*it)[i];
      const std::string where = "modality[" + std::to_string(i) + "]";
      if (!m.is_object() || !m.contains("modality") || !m.contains("pattern") ||
          !m["modality"].is_string() || !m["pattern"].is_string()) {
        return bad(where, "must be {\"modality\": NAME, \"pattern\": RE2}");
      }
      auto modality = ParseModality(m["modality"].get<std::string>());
      if (!modality || *modality == Modality::kAsserted) {
        return bad(where, "modality must be planned, rumoured, denied or failed");
      }
      ModalityCue cue{*modality, m["pattern"].get<std::string>(),
                      m.value("scope", std::string("before")) == "sentence"};
      this->modality.push_back(std::move(cue));
    }
  }
  return Status::Ok();
}

Status Cues::AddFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFoundError(path + ": cannot open cues file");
  std::stringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return IOError(path + ": read failed");
  return AddJson(buffer.str(), path);
}

}  // namespace corpgraph::extract
