// extract/lexicon.h — known companies, places, themes and exchanges.
//
// Loaded from JSON files in the schema of docs/lexicon.md: the embedded
// defaults (data/*.json) first, then user files, whose entries extend or add.
//
//   Lexicon lexicon;
//   RETURN_IF_ERROR(lexicon.AddJson(json_text, "my.json"));
//   RETURN_IF_ERROR(lexicon.Finalize());  // checks references, closes parents
//   const LexiconEntry* china = lexicon.Find("place:CN");
//
// Mutable until Finalize(); afterwards read-only and safe to share across threads.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/records.h"
#include "common/status.h"

namespace corpgraph::extract {

struct LexiconEntry {
  std::string id;
  std::string name;
  EntityType type = EntityType::kOrganization;
  std::string subtype;
  std::vector<std::string> aliases;
  std::vector<std::string> tickers;  // "NYSE:BABA"
  std::vector<std::string> sectors;  // theme ids
  std::vector<std::string> parents;  // direct, as written
  std::vector<std::string> demonyms;
  std::vector<std::string> cues;            // lower-case theme cue phrases
  std::vector<std::string> suffixes;        // exchange ticker suffixes (".N")
  std::vector<std::string> listing_places;  // exchanges: places whose "X-listed" names it
  std::vector<std::string> do_not_merge;
  std::string hq;       // place id
  std::string maker;    // products: the organisation's id
  std::string country;  // place id
  std::string iso2;
  std::string iso3;
  // Exchanges: "international" where many foreign companies list (NYSE, Nasdaq, HKEX), so a
  // listing says nothing of where a company works; "domestic" (the default) otherwise.
  std::string listings;
  std::vector<std::string> ancestors;  // transitive parents, nearest first (after Finalize)
};

class Lexicon {
 public:
  // Adds the entries of one lexicon file. `origin` names it in errors. An entry
  // whose id exists extends it (lists are unioned, non-empty scalars replace).
  // Errors: InvalidArgument "origin: entities[i] (id): problem".
  Status AddJson(std::string_view json_text, std::string_view origin);
  // Reads `path` and calls AddJson. NotFound / IOError naming the path.
  Status AddFile(const std::string& path);
  // Checks every reference (parents, hq, country, sectors, ticker exchanges),
  // detects parent cycles and computes `ancestors`. InvalidArgument on failure.
  Status Finalize();

  const std::vector<LexiconEntry>& entries() const { return entries_; }
  const LexiconEntry* Find(std::string_view id) const;
  // The exchange entry named `name` (its name or an alias, case-insensitive), or null.
  const LexiconEntry* FindExchange(std::string_view name) const;
  // The exchange using ticker suffix `suffix` (".N"), or null.
  const LexiconEntry* FindExchangeBySuffix(std::string_view suffix) const;
  // The exchange a listing in the place with this id means ("Hong Kong-listed"), if one.
  const LexiconEntry* FindExchangeByPlace(std::string_view place_id) const;

 private:
  std::vector<LexiconEntry> entries_;
  std::unordered_map<std::string, size_t> by_id_;
  std::unordered_map<std::string, size_t> exchange_by_name_;    // lower-cased names and aliases
  std::unordered_map<std::string, size_t> exchange_by_suffix_;  // ".N" -> entry
  std::unordered_map<std::string, size_t> exchange_by_place_;   // "place:HK" -> entry
};

}  // namespace corpgraph::extract
