// extract/score.h — scores extracted entities and relations against gold labels.
//
// The same scoring as the measurement tool `shared/eval/score.py`, so users can
// measure corpgraph on their own annotated data (`corpgraph eval`, docs/eval.md):
//   * names match after NormalizeName() (NFKC, lower case, possessives,
//     punctuation, a leading "the", trailing corporate suffixes);
//   * partner_of and competes_with match in either direction;
//   * recall counts required gold items found in their document;
//   * precision counts distinct predictions per document (an entity by its
//     normalised names + type, a relation by normalised subject + relation +
//     object) that match any gold item of that document, required or optional;
//   * documents are matched by DocKey(): the last path component of the id
//     without its extension.
//
//   std::vector<GoldItem> gold;
//   for (each line) { ASSIGN_OR_RETURN(GoldItem g, ParseGoldLine(line)); gold.push_back(g); }
//   Scorer scorer(std::move(gold), {});
//   scorer.Add(doc.id, extractor.Extract(doc));
//   ScoreReport report = scorer.Report();
//   std::cout << report.relations.f1 << " " << report.entities.f1;
//
// Pure: no files, no I/O. Free functions are thread-safe; a Scorer is used by
// one thread at a time.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/records.h"
#include "common/status.h"

namespace corpgraph::extract {

// The name as score.py compares it: NFKC, lower case, curly quotes to ',
// possessive 's removed, - _ / to spaces, every character that is not a word
// character, '&', '+' or a space removed, a leading "the" dropped, and trailing
// corporate suffixes (inc, corp, ltd, plc, group, holdings, ag, tbk, ...)
// dropped while more than one word remains. "The Alibaba Group Holding Ltd's"
// -> "alibaba". Invalid UTF-8 bytes become U+FFFD first.
std::string NormalizeName(std::string_view name);

// True for the suffix words NormalizeName() strips ("inc", "ltd", "group", ...).
bool IsCorporateSuffixWord(std::string_view lower_word);

// The document key: backslashes to '/', trailing '/' removed, last path
// component, one extension of .txt .md .htm .html .json .jsonl removed.
// "corpus/news/a1.txt" -> "a1".
std::string DocKey(std::string_view doc_id);

// One relation alternative of a gold item: any of `subject` names, the
// relation, any of `object` names (as written, not normalised).
struct GoldRelation {
  std::vector<std::string> subject;
  std::string relation;
  std::vector<std::string> object;
};

// One gold line.
struct GoldItem {
  enum class Kind { kEntity, kRelation, kOther };
  Kind kind = Kind::kOther;  // kOther: unknown "kind"; only marks its document as labelled
  std::string doc;           // as written; compared through DocKey()
  bool required = true;      // false: matching it is fine, missing it costs nothing
  // kEntity: acceptable names and the type ("organization", "person", ...).
  std::vector<std::string> names;
  std::string type;
  // kRelation: one alternative, or several from "any_of" (any one matching counts).
  std::vector<GoldRelation> alternatives;
  // The line without "doc" and "required", compact JSON, for listing misses.
  std::string description;
};

// Parses one gold JSONL line:
//   {"doc":"d1","kind":"entity","name":["Alibaba","Alibaba Group"],"type":"organization"}
//   {"doc":"d1","kind":"relation","subject":["A"],"relation":"partner_of","object":["B"]}
//   {"doc":"d1","kind":"relation","any_of":[{"subject":..,"relation":..,"object":..},...]}
// "required" defaults to true. A name list may also be a single string.
// Errors: InvalidArgument saying what is wrong (no file/line prefix: the caller adds it).
Result<GoldItem> ParseGoldLine(std::string_view line);

struct ScoreOptions {
  // When set, only these relation types are scored: gold relations with an
  // alternative of one of them, predicted relations of one of them.
  std::optional<std::set<std::string>> relation_types;
  // When set, only these entity types are scored (gold and predicted).
  std::optional<std::set<std::string>> entity_types;
};

// Counts for one relation or entity type.
struct TypeCounts {
  int64_t found = 0;      // required gold items of this type that were found
  int64_t required = 0;   // required gold items of this type (type of the first alternative)
  int64_t correct = 0;    // distinct predictions of this type matching a gold item
  int64_t predicted = 0;  // distinct predictions of this type
};

// A prediction as scored: normalised names and the relation or entity type.
struct ScoredPrediction {
  std::string doc;                // DocKey
  std::set<std::string> subject;  // relations: subject names; entities: the entity's names
  std::string label;              // relation type or entity type
  std::set<std::string> object;   // relations only
};

struct GoldMiss {
  std::string doc;  // DocKey
  GoldItem item;
};

struct KindScore {
  double precision = 0.0;  // correct / predicted (0 when nothing predicted)
  double recall = 0.0;     // found / required (0 when nothing required)
  double f1 = 0.0;
  int64_t correct = 0;
  int64_t predicted = 0;
  int64_t found = 0;
  int64_t required = 0;
  std::map<std::string, TypeCounts> per_type;  // by relation / entity type name
  // Required gold items not found, in gold-file order.
  std::vector<GoldMiss> misses;
  // Predictions matching no gold item, by document key then first-seen order.
  std::vector<ScoredPrediction> false_positives;
};

struct ScoreReport {
  KindScore relations;
  KindScore entities;
  int64_t gold_documents = 0;    // distinct document keys in the (filtered) gold
  int64_t scored_documents = 0;  // of those, how many received predictions via Add()
};

// Accumulates predictions for the documents of a gold set and scores them.
// Predictions for documents not in the gold set are ignored. Several Add()
// calls with the same document key pool their predictions (as score.py does).
class Scorer {
 public:
  Scorer(std::vector<GoldItem> gold, ScoreOptions options);
  Scorer(const Scorer&) = delete;  // holds pointers into its own gold items
  Scorer& operator=(const Scorer&) = delete;

  // Adds what was extracted from the document `doc_id`. Entity names are the
  // name plus aliases; relation arguments are their names.
  void Add(std::string_view doc_id, const Extraction& extraction);

  // Scores everything added so far (callable any number of times).
  ScoreReport Report() const;

 private:
  struct Prediction {
    std::set<std::string> subject;
    std::string label;
    std::set<std::string> object;
    bool operator<(const Prediction& other) const;
  };
  struct DocPredictions {
    std::vector<Prediction> relations;  // distinct, first-seen order
    std::set<Prediction> relation_keys;
    std::vector<Prediction> entities;
    std::set<Prediction> entity_keys;
  };
  // A gold item pre-normalised for matching.
  struct NormGold {
    const GoldItem* item = nullptr;
    std::string doc;
    std::vector<Prediction> alternatives;  // entities: one, object empty
  };

  static bool RelationMatches(const Prediction& pred, const Prediction& gold);
  static bool EntityMatches(const Prediction& pred, const Prediction& gold);
  KindScore ScoreKind(bool relations) const;

  std::vector<GoldItem> gold_;
  ScoreOptions options_;
  std::vector<NormGold> norm_relations_;
  std::vector<NormGold> norm_entities_;
  std::set<std::string> gold_docs_;
  std::map<std::string, DocPredictions> predictions_;
  std::vector<std::string> doc_order_;  // keys of predictions_ in first-Add order
};

// Convenience: a Scorer fed with (document id, extraction) pairs in order.
ScoreReport Score(const std::vector<GoldItem>& gold,
                  const std::vector<std::pair<std::string, Extraction>>& predictions,
                  const ScoreOptions& options);

}  // namespace corpgraph::extract
