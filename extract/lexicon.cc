#include "extract/lexicon.h"

#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <sstream>
#include <unordered_set>

#include "common/text.h"

namespace corpgraph::extract {
namespace {

using nlohmann::json;

void UnionInto(std::vector<std::string>& into, const std::vector<std::string>& from) {
  std::unordered_set<std::string> seen(into.begin(), into.end());
  for (const auto& s : from) {
    if (seen.insert(s).second) into.push_back(s);
  }
}

// Reads an optional field; returns an error message (empty on success).
std::string ReadString(const json& entry, const char* field, std::string& out) {
  auto it = entry.find(field);
  if (it == entry.end() || it->is_null()) return {};
  if (!it->is_string()) return std::string("\"") + field + "\" must be a string";
  out = it->get<std::string>();
  return {};
}

std::string ReadList(const json& entry, const char* field, std::vector<std::string>& out) {
  auto it = entry.find(field);
  if (it == entry.end() || it->is_null()) return {};
  if (!it->is_array()) return std::string("\"") + field + "\" must be an array of strings";
  for (const auto& v : *it) {
    if (!v.is_string()) return std::string("\"") + field + "\" must be an array of strings";
    std::string s = v.get<std::string>();
    if (!TrimWhitespace(s).empty()) out.push_back(std::move(s));
  }
  return {};
}

}  // namespace

Status Lexicon::AddJson(std::string_view json_text, std::string_view origin) {
  json root;
  try {
    root = json::parse(json_text);
  } catch (const json::exception& e) {  // parse errors, and numbers out of range
    return InvalidArgumentError(std::string(origin) + ": not valid JSON (" + e.what() + ")");
  }
  if (!root.is_object() || !root.contains("entities") || !root["entities"].is_array()) {
    return InvalidArgumentError(
        std::string(origin) +
        ": expected an object with an \"entities\" array (see docs/lexicon.md)");
  }
  const json& list = root["entities"];
  for (size_t i = 0; i < list.size(); ++i) {
    const json& e = list[i];
    auto where = [&](const std::string& id) {
      return std::string(origin) + ": entities[" + std::to_string(i) + "]" +
             (id.empty() ? "" : " (" + id + ")") + ": ";
    };
    if (!e.is_object()) return InvalidArgumentError(where("") + "must be an object");
    LexiconEntry entry;
    std::string type_name;
    std::string err;
    for (auto [field, target] : {std::pair{"id", &entry.id},
                                 {"name", &entry.name},
                                 {"type", &type_name},
                                 {"subtype", &entry.subtype},
                                 {"hq", &entry.hq},
                                 {"maker", &entry.maker},
                                 {"country", &entry.country},
                                 {"iso2", &entry.iso2},
                                 {"iso3", &entry.iso3},
                                 {"listings", &entry.listings}}) {
      if (err.empty()) err = ReadString(e, field, *target);
    }
    if (err.empty() && !entry.listings.empty() && entry.listings != "domestic" &&
        entry.listings != "international") {
      err =
          "\"listings\" must be \"domestic\" or \"international\" (got \"" + entry.listings + "\")";
    }
    for (auto [field, target] : {std::pair{"aliases", &entry.aliases},
                                 {"tickers", &entry.tickers},
                                 {"sectors", &entry.sectors},
                                 {"parents", &entry.parents},
                                 {"demonyms", &entry.demonyms},
                                 {"cues", &entry.cues},
                                 {"suffixes", &entry.suffixes},
                                 {"listing_places", &entry.listing_places},
                                 {"do_not_merge", &entry.do_not_merge}}) {
      if (err.empty()) err = ReadList(e, field, *target);
    }
    if (!err.empty()) return InvalidArgumentError(where(entry.id) + err);
    if (entry.id.empty()) return InvalidArgumentError(where("") + "missing \"id\"");

    auto existing = by_id_.find(entry.id);
    if (existing != by_id_.end()) {
      LexiconEntry& old = entries_[existing->second];
      if (!entry.name.empty()) old.name = entry.name;
      if (!type_name.empty()) {
        auto type = ParseEntityType(type_name);
        if (!type)
          return InvalidArgumentError(where(entry.id) + "unknown type \"" + type_name + "\"");
        old.type = *type;
      }
      for (auto [into, from] : {std::pair{&old.aliases, &entry.aliases},
                                {&old.tickers, &entry.tickers},
                                {&old.sectors, &entry.sectors},
                                {&old.parents, &entry.parents},
                                {&old.demonyms, &entry.demonyms},
                                {&old.cues, &entry.cues},
                                {&old.suffixes, &entry.suffixes},
                                {&old.listing_places, &entry.listing_places},
                                {&old.do_not_merge, &entry.do_not_merge}}) {
        UnionInto(*into, *from);
      }
      for (auto [into, from] : {std::pair{&old.subtype, &entry.subtype},
                                {&old.hq, &entry.hq},
                                {&old.maker, &entry.maker},
                                {&old.country, &entry.country},
                                {&old.iso2, &entry.iso2},
                                {&old.iso3, &entry.iso3},
                                {&old.listings, &entry.listings}}) {
        if (!from->empty()) *into = *from;
      }
      continue;
    }
    if (entry.name.empty()) return InvalidArgumentError(where(entry.id) + "missing \"name\"");
    auto type = ParseEntityType(type_name);
    if (!type) {
      return InvalidArgumentError(where(entry.id) +
                                  "\"type\" must be one of organization, person, "
                                  "product, place, theme (got \"" +
                                  type_name + "\")");
    }
    entry.type = *type;
    const std::string prefix = std::string(EntityIdPrefix(entry.type)) + ":";
    if (entry.id.rfind(prefix, 0) != 0) {
      return InvalidArgumentError(where(entry.id) + "id must start with \"" + prefix + "\"");
    }
    for (const auto& ticker : entry.tickers) {
      if (ticker.find(':') == std::string::npos) {
        return InvalidArgumentError(where(entry.id) +
                                    "\"tickers\" must be an array of \"EXCHANGE:SYMBOL\" strings");
      }
    }
    for (auto& cue : entry.cues) cue = AsciiLower(cue);
    by_id_.emplace(entry.id, entries_.size());
    entries_.push_back(std::move(entry));
  }
  return Status::Ok();
}

Status Lexicon::AddFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFoundError(path + ": cannot open lexicon file");
  std::stringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return IOError(path + ": read failed");
  return AddJson(buffer.str(), path);
}

Status Lexicon::Finalize() {
  exchange_by_name_.clear();
  exchange_by_suffix_.clear();
  exchange_by_place_.clear();
  for (size_t i = 0; i < entries_.size(); ++i) {
    const LexiconEntry& e = entries_[i];
    if (e.subtype != "exchange") continue;
    exchange_by_name_.emplace(AsciiLower(e.name), i);
    for (const auto& a : e.aliases) exchange_by_name_.emplace(AsciiLower(a), i);
    for (const auto& s : e.suffixes) exchange_by_suffix_.emplace(s, i);
    for (const auto& place : e.listing_places) {
      if (auto [it, added] = exchange_by_place_.emplace(place, i); !added && it->second != i) {
        return InvalidArgumentError("lexicon entry " + e.id + ": \"listing_places\" names " +
                                    place + ", which " + entries_[it->second].id +
                                    " already names (a listing there must mean one exchange)");
      }
    }
  }
  auto check_ref = [&](const LexiconEntry& e, const std::string& ref, const char* field) -> Status {
    if (!ref.empty() && !by_id_.count(ref)) {
      return InvalidArgumentError("lexicon entry " + e.id + ": \"" + field +
                                  "\" names unknown id \"" + ref + "\"");
    }
    return Status::Ok();
  };
  for (const auto& e : entries_) {
    for (const auto& p : e.parents) RETURN_IF_ERROR(check_ref(e, p, "parents"));
    for (const auto& s : e.sectors) RETURN_IF_ERROR(check_ref(e, s, "sectors"));
    RETURN_IF_ERROR(check_ref(e, e.hq, "hq"));
    RETURN_IF_ERROR(check_ref(e, e.maker, "maker"));
    if (!e.maker.empty() && entries_[by_id_.at(e.maker)].type != EntityType::kOrganization) {
      return InvalidArgumentError("lexicon entry " + e.id + ": \"maker\" names " + e.maker +
                                  ", which is not an organization");
    }
    RETURN_IF_ERROR(check_ref(e, e.country, "country"));
    for (const auto& place : e.listing_places) {
      RETURN_IF_ERROR(check_ref(e, place, "listing_places"));
      if (entries_[by_id_.at(place)].type != EntityType::kPlace) {
        return InvalidArgumentError("lexicon entry " + e.id + ": \"listing_places\" names " +
                                    place + ", which is not a place");
      }
    }
    for (const auto& t : e.tickers) {
      const std::string exchange = t.substr(0, t.find(':'));
      if (!FindExchange(exchange)) {
        return InvalidArgumentError("lexicon entry " + e.id + ": ticker \"" + t +
                                    "\" names unknown exchange \"" + exchange + "\"");
      }
    }
  }
  // Transitive parents by depth-first search; 0 = unvisited, 1 = on stack, 2 = done.
  std::vector<int> state(entries_.size(), 0);
  std::function<Status(size_t)> visit = [&](size_t i) -> Status {
    if (state[i] == 2) return Status::Ok();
    if (state[i] == 1) {
      return InvalidArgumentError("lexicon entry " + entries_[i].id + ": \"parents\" form a cycle");
    }
    state[i] = 1;
    std::vector<std::string> ancestors;
    for (const auto& p : entries_[i].parents) {
      const size_t pi = by_id_.at(p);
      RETURN_IF_ERROR(visit(pi));
      ancestors.push_back(p);
    }
    for (const auto& p : entries_[i].parents)
      UnionInto(ancestors, entries_[by_id_.at(p)].ancestors);
    entries_[i].ancestors = std::move(ancestors);
    state[i] = 2;
    return Status::Ok();
  };
  for (size_t i = 0; i < entries_.size(); ++i) RETURN_IF_ERROR(visit(i));
  return Status::Ok();
}

const LexiconEntry* Lexicon::Find(std::string_view id) const {
  auto it = by_id_.find(std::string(id));
  return it == by_id_.end() ? nullptr : &entries_[it->second];
}

const LexiconEntry* Lexicon::FindExchange(std::string_view name) const {
  auto it = exchange_by_name_.find(AsciiLower(name));
  return it == exchange_by_name_.end() ? nullptr : &entries_[it->second];
}

const LexiconEntry* Lexicon::FindExchangeBySuffix(std::string_view suffix) const {
  auto it = exchange_by_suffix_.find(std::string(suffix));
  return it == exchange_by_suffix_.end() ? nullptr : &entries_[it->second];
}

const LexiconEntry* Lexicon::FindExchangeByPlace(std::string_view place_id) const {
  auto it = exchange_by_place_.find(std::string(place_id));
  return it == exchange_by_place_.end() ? nullptr : &entries_[it->second];
}

}  // namespace corpgraph::extract
