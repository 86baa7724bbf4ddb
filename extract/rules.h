// extract/rules.h — declarative relation rules: RE2 patterns over "masked"
// sentences in which every entity mention is replaced by a typed placeholder.
//
// A rule (docs/rules.md) reads like the sentence it matches:
//   {"id": "acquire.active", "relation": "acquires", "confidence": 0.9,
//    "pattern": "{ORG:s} {AUX}(?:acquired|bought) {ORG:o}"}
// `{ORG:s}` is the subject slot, `{ORGS:o}` an object slot that also takes a
// coordinated list ("A, B and C"); `{AUX}` is a macro from the same files.
//
//   RuleSet rules;
//   RETURN_IF_ERROR(rules.AddJson(text, "rules.json"));
//   RETURN_IF_ERROR(rules.Compile());
//   std::vector<RuleMatch> matches;
//   rules.Match(MaskedSentence(...), matches);
//
// Read-only after Compile(); Match() is safe to call from many threads.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/records.h"
#include "common/status.h"

namespace corpgraph::extract {

// Placeholder letters used in masked sentences: "\x01" letter index "\x02".
inline constexpr char kOrgLetter = 'O';
inline constexpr char kPersonLetter = 'P';
inline constexpr char kProductLetter = 'R';
inline constexpr char kPlaceLetter = 'L';
inline constexpr char kThemeLetter = 'T';
char PlaceholderLetter(EntityType type);
// Appends the placeholder for mention number `index` of type `type` to `out`.
void AppendPlaceholder(EntityType type, size_t index, std::string& out);

struct Rule {
  std::string id;
  RelationType relation = RelationType::kPartnerOf;
  std::string pattern;   // as written, before expansion
  std::string expanded;  // the RE2 source after slots and macros are expanded
  double confidence = 0.8;
  bool subject_is_focus = false;  // the subject is the document's focus entity (inferred)
  bool object_is_focus = false;   // the object is the document's focus entity (inferred)
  std::string origin;             // file the rule came from
  // Optional RE2 patterns (case-sensitive, unanchored) the argument's surface name must
  // match / must not match: "object_name": "(?:Plan|Programme)$" for a partner programme.
  // The pattern reads a description (a noun phrase such as "Canadian brewer X"), so the
  // sentence's modality cues do not apply: its facts are always asserted.
  bool descriptive = false;
  std::string subject_letters;  // placeholder letters the subject slot accepts (after Compile)
  std::string object_letters;
  std::string subject_name;
  std::string object_name;
  std::string object_not_name;
  // Optional RE2 pattern (case-insensitive, macros allowed) that the masked sentence right
  // after the match must not start with: "signed a deal with {ORGS:o}" is no partnership
  // when " to buy 16 jets" follows.
  std::string not_followed_by;
  // "object_not_possessive": an object followed by a possessive is skipped (each item of a
  // list on its own): "its purchase of Norvik Capital's wealth arm" buys no Norvik Capital.
  bool object_not_possessive = false;
};

struct RuleMatch {
  size_t rule = 0;
  std::vector<size_t> subjects;  // mention indices (placeholder numbers)
  std::vector<size_t> objects;
  size_t begin = 0;  // byte range of the match in the masked sentence
  size_t end = 0;
  std::string role;  // the `role` group, if the rule has one
};

class RuleSet {
 public:
  RuleSet();
  ~RuleSet();
  RuleSet(RuleSet&&) noexcept;
  RuleSet& operator=(RuleSet&&) noexcept;

  // Adds the macros and rules of one file (only its macros if `macros_only`).
  // A rule whose id exists replaces it.
  Status AddJson(std::string_view json_text, std::string_view origin, bool macros_only = false);
  Status AddFile(const std::string& path);
  // Expands and compiles every rule. InvalidArgument names the rule id, its
  // file, RE2's error and the offending fragment.
  Status Compile();
  // `pattern` with every {NAME} macro expanded (as a non-capturing group), for patterns
  // outside the rules that share their word lists (the cues' product patterns). A slot
  // ({TYPE:s}) or an unknown macro is an InvalidArgument naming `where`.
  Result<std::string> ExpandMacros(std::string_view pattern, std::string_view where) const;

  // Appends every match of every rule in `masked` (deduplicated per rule and
  // argument pair). Precondition: Compile() succeeded.
  void Match(std::string_view masked, std::vector<RuleMatch>& out) const;
  // Patterns besides the rules (RE2 syntax, matched case-insensitively: the modality cues)
  // that Match screens in the literal pass it makes over the sentence anyway. Takes effect
  // at Compile().
  void SetScreenedPatterns(std::vector<std::string> patterns) { screened_ = std::move(patterns); }
  // Match, and sets `screened` to the screened patterns (their indices, increasing) that may
  // match `masked` or any part of it: the others cannot.
  void Match(std::string_view masked, std::vector<RuleMatch>& out,
             std::vector<int>& screened) const;
  // Match with every rule's arguments read from RE2's capture groups, as the rules define
  // them. Match reads most of them off the placeholders of the match instead, which is
  // faster and gives the same result; the tests compare the two.
  void MatchWithCaptureGroups(std::string_view masked, std::vector<RuleMatch>& out) const;

  const std::vector<Rule>& rules() const { return rules_; }

  // Whether the arguments' surface names satisfy the rule's subject_name, object_name and
  // object_not_name constraints (true when it has none). Pass an empty view for a focus
  // argument; it is not checked.
  bool NamesAllowed(size_t rule, std::string_view subject, std::string_view object) const;
  // Whether `rest`, the masked sentence after a match of `rule`, satisfies its
  // not_followed_by constraint (true when it has none).
  bool TailAllowed(size_t rule, std::string_view rest) const;

 private:
  struct Compiled;
  // The text of macro `name`, the macros it uses expanded; InvalidArgument if unknown.
  Result<std::string> MacroText(const std::string& name, std::string_view where) const;
  void MatchImpl(std::string_view masked, bool capture_groups, std::vector<RuleMatch>& out,
                 std::vector<int>* screened) const;
  std::vector<Rule> rules_;
  std::vector<std::string> screened_;  // SetScreenedPatterns'; pattern i is prefilter rule
                                       // rules_.size() + i
  std::unordered_map<std::string, std::string> macros_;
  std::unique_ptr<Compiled> compiled_;
};

}  // namespace corpgraph::extract
