#include "extract/score.h"

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>
#include <utility>

namespace corpgraph::extract {
namespace {

using OJson = nlohmann::ordered_json;

// The SUFFIXES set of score.py; keep the two in step.
constexpr std::string_view kCorporateSuffixes[] = {
    "inc",     "incorporated", "corp",  "corporation", "co",       "company", "ltd",
    "limited", "plc",          "group", "holding",     "holdings", "sa",      "ag",
    "nv",      "llc",          "lp",    "se",          "bhd",      "tbk",
};

// Python's `\w` for str patterns: str.isalnum() (letters Lu/Ll/Lt/Lm/Lo and
// characters with a numeric type) or '_'. Combining marks are not word
// characters there, so they are not here either.
bool IsWordChar(UChar32 c) {
  if (c == '_') return true;
  if ((U_GET_GC_MASK(c) & U_GC_L_MASK) != 0) return true;
  return u_getIntPropertyValue(c, UCHAR_NUMERIC_TYPE) != U_NT_NONE;
}

void AppendUtf8(UChar32 c, std::string* out) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (c >> 6)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (c >> 12)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (c >> 18)));
    out->push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

// NFKC then full lower-casing (root locale, as Python's str.lower()), as code points.
std::u32string FoldedCodePoints(std::string_view name) {
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(name.data(), static_cast<int32_t>(name.size())));
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  if (U_SUCCESS(status)) {
    icu::UnicodeString normalized = nfkc->normalize(text, status);
    if (U_SUCCESS(status)) text = std::move(normalized);
  }
  text.toLower(icu::Locale::getRoot());
  std::u32string out;
  out.reserve(static_cast<size_t>(text.length()));
  for (int32_t i = 0; i < text.length();) {
    const UChar32 c = text.char32At(i);
    out.push_back(static_cast<char32_t>(c));
    i += U16_LENGTH(c);
  }
  return out;
}

// JSON the way Python's json.dumps writes it by default (", " and ": "
// separators, non-ASCII escaped), so listed misses read like score.py's.
void DumpPythonStyle(const OJson& j, std::string* out) {
  if (j.is_object()) {
    out->push_back('{');
    bool first = true;
    for (const auto& [key, value] : j.items()) {
      if (!first) out->append(", ");
      first = false;
      out->append(OJson(key).dump(-1, ' ', true, OJson::error_handler_t::replace));
      out->append(": ");
      DumpPythonStyle(value, out);
    }
    out->push_back('}');
  } else if (j.is_array()) {
    out->push_back('[');
    bool first = true;
    for (const OJson& value : j) {
      if (!first) out->append(", ");
      first = false;
      DumpPythonStyle(value, out);
    }
    out->push_back(']');
  } else {
    out->append(j.dump(-1, ' ', true, OJson::error_handler_t::replace));
  }
}

struct GoldError {
  std::string message;
};

// A list of names: an array of strings, or one string.
std::vector<std::string> GetNames(const OJson& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end()) throw GoldError{std::string("missing \"") + key + "\""};
  if (it->is_string()) return {it->get<std::string>()};
  if (!it->is_array() || it->empty()) {
    throw GoldError{std::string("\"") + key + "\" must be a non-empty list of names"};
  }
  std::vector<std::string> names;
  for (const OJson& n : *it) {
    if (!n.is_string()) throw GoldError{std::string("\"") + key + "\" has a non-string name"};
    names.push_back(n.get<std::string>());
  }
  return names;
}

std::string GetString(const OJson& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end()) throw GoldError{std::string("missing \"") + key + "\""};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number()) return it->dump();
  throw GoldError{std::string("\"") + key + "\" must be a string"};
}

GoldRelation GetRelation(const OJson& object) {
  if (!object.is_object()) throw GoldError{"an \"any_of\" alternative is not an object"};
  GoldRelation rel;
  rel.subject = GetNames(object, "subject");
  rel.relation = GetString(object, "relation");
  rel.object = GetNames(object, "object");
  return rel;
}

bool Intersects(const std::set<std::string>& a, const std::set<std::string>& b) {
  const std::set<std::string>& small = a.size() <= b.size() ? a : b;
  const std::set<std::string>& large = a.size() <= b.size() ? b : a;
  for (const std::string& s : small) {
    if (large.count(s) != 0) return true;
  }
  return false;
}

bool IsSymmetricName(std::string_view relation) {
  return relation == "partner_of" || relation == "competes_with";
}

std::set<std::string> NormalizedSet(const std::vector<std::string>& names) {
  std::set<std::string> out;
  for (const std::string& n : names) out.insert(NormalizeName(n));
  return out;
}

void Finish(KindScore* score) {
  score->precision =
      score->predicted > 0 ? static_cast<double>(score->correct) / score->predicted : 0.0;
  score->recall = score->required > 0 ? static_cast<double>(score->found) / score->required : 0.0;
  const double sum = score->precision + score->recall;
  score->f1 = sum > 0 ? 2 * score->precision * score->recall / sum : 0.0;
}

}  // namespace

bool IsCorporateSuffixWord(std::string_view lower_word) {
  return std::find(std::begin(kCorporateSuffixes), std::end(kCorporateSuffixes), lower_word) !=
         std::end(kCorporateSuffixes);
}

std::string NormalizeName(std::string_view name) {
  std::u32string s = FoldedCodePoints(name);
  for (char32_t& c : s) {
    if (c == U'\u2019' || c == U'\u2018') c = U'\'';
  }
  // score.py: re.sub(r"'s\b", "") — "'s" not followed by a word character.
  std::u32string kept;
  kept.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == U'\'' && i + 1 < s.size() && s[i + 1] == U's' &&
        (i + 2 == s.size() || !IsWordChar(static_cast<UChar32>(s[i + 2])))) {
      ++i;
      continue;
    }
    kept.push_back(s[i]);
  }
  // Then - _ / become spaces, and only word characters, '&', '+' and ' ' stay.
  std::vector<std::string> words;
  std::string word;
  for (char32_t c : kept) {
    if (c == U'-' || c == U'_' || c == U'/') c = U' ';
    if (c == U' ') {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
      continue;
    }
    if (c == U'&' || c == U'+' || IsWordChar(static_cast<UChar32>(c))) {
      AppendUtf8(static_cast<UChar32>(c), &word);
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  size_t begin = 0;
  if (!words.empty() && words[0] == "the") begin = 1;
  size_t end = words.size();
  while (end - begin > 1 && IsCorporateSuffixWord(words[end - 1])) --end;
  std::string out;
  for (size_t i = begin; i < end; ++i) {
    if (i > begin) out.push_back(' ');
    out += words[i];
  }
  return out;
}

std::string DocKey(std::string_view doc_id) {
  std::string s(doc_id);
  std::replace(s.begin(), s.end(), '\\', '/');
  while (!s.empty() && s.back() == '/') s.pop_back();
  const size_t slash = s.rfind('/');
  if (slash != std::string::npos) s = s.substr(slash + 1);
  for (std::string_view ext : {".txt", ".md", ".html", ".htm", ".jsonl", ".json"}) {
    if (s.size() >= ext.size() && s.compare(s.size() - ext.size(), ext.size(), ext) == 0) {
      s.resize(s.size() - ext.size());
      break;
    }
  }
  return s;
}

Result<GoldItem> ParseGoldLine(std::string_view line) {
  OJson j;
  try {
    j = OJson::parse(line);
  } catch (const OJson::exception& e) {
    return InvalidArgumentError(std::string("not JSON: ") + e.what());
  }
  if (!j.is_object()) return InvalidArgumentError("not a JSON object");
  GoldItem item;
  try {
    item.doc = GetString(j, "doc");
    const auto required = j.find("required");
    if (required != j.end()) {
      if (required->is_boolean()) {
        item.required = required->get<bool>();
      } else if (required->is_null()) {
        item.required = false;
      } else {
        throw GoldError{"\"required\" must be true or false"};
      }
    }
    const auto kind = j.find("kind");
    const std::string kind_name =
        kind != j.end() && kind->is_string() ? kind->get<std::string>() : "";
    if (kind_name == "entity") {
      item.kind = GoldItem::Kind::kEntity;
      item.names = GetNames(j, "name");
      item.type = GetString(j, "type");
    } else if (kind_name == "relation") {
      item.kind = GoldItem::Kind::kRelation;
      const auto any_of = j.find("any_of");
      if (any_of != j.end() && !any_of->is_null() && !(any_of->is_array() && any_of->empty())) {
        if (!any_of->is_array()) throw GoldError{"\"any_of\" must be a list of relations"};
        for (const OJson& alt : *any_of) item.alternatives.push_back(GetRelation(alt));
      } else {
        item.alternatives.push_back(GetRelation(j));
      }
    }
  } catch (const GoldError& e) {
    return InvalidArgumentError(e.message);
  } catch (const OJson::exception& e) {
    return InvalidArgumentError(e.what());
  }
  OJson shown = j;
  shown.erase("doc");
  shown.erase("required");
  DumpPythonStyle(shown, &item.description);
  return item;
}

bool Scorer::Prediction::operator<(const Prediction& other) const {
  return std::tie(subject, label, object) < std::tie(other.subject, other.label, other.object);
}

Scorer::Scorer(std::vector<GoldItem> gold, ScoreOptions options)
    : gold_(std::move(gold)), options_(std::move(options)) {
  for (const GoldItem& g : gold_) {
    // score.py's keep(): type filters apply to gold rows too.
    if (g.kind == GoldItem::Kind::kRelation && options_.relation_types) {
      bool any = false;
      for (const GoldRelation& alt : g.alternatives) {
        any = any || options_.relation_types->count(alt.relation) != 0;
      }
      if (!any) continue;
    }
    if (g.kind == GoldItem::Kind::kEntity && options_.entity_types &&
        options_.entity_types->count(g.type) == 0) {
      continue;
    }
    NormGold norm;
    norm.item = &g;
    norm.doc = DocKey(g.doc);
    gold_docs_.insert(norm.doc);
    if (g.kind == GoldItem::Kind::kRelation) {
      for (const GoldRelation& alt : g.alternatives) {
        norm.alternatives.push_back(
            {NormalizedSet(alt.subject), alt.relation, NormalizedSet(alt.object)});
      }
      norm_relations_.push_back(std::move(norm));
    } else if (g.kind == GoldItem::Kind::kEntity) {
      norm.alternatives.push_back({NormalizedSet(g.names), g.type, {}});
      norm_entities_.push_back(std::move(norm));
    }
  }
}

void Scorer::Add(std::string_view doc_id, const Extraction& extraction) {
  const std::string doc = DocKey(doc_id);
  if (gold_docs_.count(doc) == 0) return;
  auto [it, inserted] = predictions_.try_emplace(doc);
  if (inserted) doc_order_.push_back(doc);
  DocPredictions& preds = it->second;
  // Relation arguments are known by their name and by how this document wrote them,
  // as the JSONL of `corpgraph extract` gives them ("aliases" of subject and object).
  std::unordered_map<std::string, std::set<std::string>> names;
  for (const Entity& e : extraction.entities) {
    auto& n = names[e.id];
    for (const std::string& alias : ArgumentAliases(e)) n.insert(NormalizeName(alias));
  }
  auto names_of = [&](const EntityRef& ref) {
    std::set<std::string> out = {NormalizeName(ref.name)};
    if (auto it = names.find(ref.id); it != names.end())
      out.insert(it->second.begin(), it->second.end());
    return out;
  };
  for (const Fact& f : extraction.facts) {
    // Hedged, rumoured, denied and failed deals are not facts (extract writes them as
    // "unconfirmed_relation" lines, which the scorer does not read).
    if (f.modality != Modality::kAsserted) continue;
    const std::string relation(RelationTypeName(f.relation));
    if (options_.relation_types && options_.relation_types->count(relation) == 0) continue;
    Prediction p{names_of(f.subject), relation, names_of(f.object)};
    if (IsSymmetricName(relation) && p.object < p.subject) std::swap(p.subject, p.object);
    if (preds.relation_keys.insert(p).second) preds.relations.push_back(std::move(p));
  }
  for (const Entity& e : extraction.entities) {
    const std::string type(EntityTypeName(e.type));
    if (options_.entity_types && options_.entity_types->count(type) == 0) continue;
    Prediction p{{NormalizeName(e.name)}, type, {}};
    for (const std::string& alias : e.aliases) p.subject.insert(NormalizeName(alias));
    if (preds.entity_keys.insert(p).second) preds.entities.push_back(std::move(p));
  }
}

bool Scorer::RelationMatches(const Prediction& pred, const Prediction& gold) {
  if (pred.label != gold.label) return false;
  if (Intersects(pred.subject, gold.subject) && Intersects(pred.object, gold.object)) return true;
  return IsSymmetricName(pred.label) && Intersects(pred.subject, gold.object) &&
         Intersects(pred.object, gold.subject);
}

bool Scorer::EntityMatches(const Prediction& pred, const Prediction& gold) {
  return pred.label == gold.label && Intersects(pred.subject, gold.subject);
}

KindScore Scorer::ScoreKind(bool relations) const {
  const std::vector<NormGold>& gold = relations ? norm_relations_ : norm_entities_;
  const auto matches = relations ? &Scorer::RelationMatches : &Scorer::EntityMatches;
  const auto doc_predictions = [&](const std::string& doc) -> const std::vector<Prediction>* {
    const auto it = predictions_.find(doc);
    if (it == predictions_.end()) return nullptr;
    return relations ? &it->second.relations : &it->second.entities;
  };
  KindScore score;
  for (const NormGold& g : gold) {
    if (!g.item->required) continue;
    const std::string& label = relations ? g.alternatives.front().label : g.item->type;
    TypeCounts& counts = score.per_type[label];
    ++counts.required;
    ++score.required;
    bool hit = false;
    if (const std::vector<Prediction>* preds = doc_predictions(g.doc)) {
      for (const Prediction& p : *preds) {
        for (const Prediction& alt : g.alternatives) hit = hit || matches(p, alt);
        if (hit) break;
      }
    }
    if (hit) {
      ++counts.found;
      ++score.found;
    } else {
      score.misses.push_back({g.doc, *g.item});
    }
  }
  for (const std::string& doc : doc_order_) {
    std::vector<const Prediction*> alts;
    for (const NormGold& g : gold) {
      if (g.doc != doc) continue;
      for (const Prediction& alt : g.alternatives) alts.push_back(&alt);
    }
    for (const Prediction& p : *doc_predictions(doc)) {
      TypeCounts& counts = score.per_type[p.label];
      ++counts.predicted;
      ++score.predicted;
      const bool ok = std::any_of(alts.begin(), alts.end(),
                                  [&](const Prediction* alt) { return matches(p, *alt); });
      if (ok) {
        ++counts.correct;
        ++score.correct;
      } else {
        score.false_positives.push_back({doc, p.subject, p.label, p.object});
      }
    }
  }
  Finish(&score);
  return score;
}

ScoreReport Scorer::Report() const {
  ScoreReport report;
  report.relations = ScoreKind(true);
  report.entities = ScoreKind(false);
  report.gold_documents = static_cast<int64_t>(gold_docs_.size());
  report.scored_documents = static_cast<int64_t>(predictions_.size());
  return report;
}

ScoreReport Score(const std::vector<GoldItem>& gold,
                  const std::vector<std::pair<std::string, Extraction>>& predictions,
                  const ScoreOptions& options) {
  Scorer scorer(gold, options);
  for (const auto& [doc_id, extraction] : predictions) scorer.Add(doc_id, extraction);
  return scorer.Report();
}

}  // namespace corpgraph::extract
