#include "extract/rules.h"

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "extract/internal/rule_prefilter.h"

namespace corpgraph::extract {
namespace {

using nlohmann::json;

// Character class of placeholder letters each slot type accepts.
const std::unordered_map<std::string, std::string>& SlotClasses() {
  static const auto* classes = new std::unordered_map<std::string, std::string>{
      {"ORG", "O"},   {"PER", "P"},     {"PRODUCT", "R"},  {"PLACE", "L"},
      {"THEME", "T"}, {"ENT", "OPRLT"}, {"ORGPROD", "OR"}, {"ORGPER", "OP"}};
  return *classes;
}

// A bit per placeholder letter.
unsigned LetterBit(char letter) {
  switch (letter) {
    case kOrgLetter:
      return 1;
    case kPersonLetter:
      return 2;
    case kProductLetter:
      return 4;
    case kPlaceLetter:
      return 8;
    case kThemeLetter:
      return 16;
  }
  return 0;
}

unsigned LetterMask(std::string_view letters) {
  unsigned mask = 0;
  for (char c : letters) mask |= LetterBit(c);
  return mask;
}

std::string PlaceholderRegex(const std::string& letters) {
  return "\\x01[" + letters + "]\\d+\\x02";
}

// Where a slot group "(?P<s>...)" is in an expanded pattern: [begin, end).
struct SlotSpan {
  size_t begin = 0;
  size_t end = 0;
  bool subject = false;  // the s group (else o)
  bool list = false;     // a list slot ({ORGS:o})
  size_t items_end = 0;  // a list's: where its items end and its last item's words begin
};

// Where the class opening at expanded[open] ('[') ends: its ']' (one first in the class, or
// escaped, is a member), or expanded.size(). `posix` is set, and the scan stops, at a
// "[:name:]" inside.
size_t ClassEnd(std::string_view expanded, size_t open, bool& posix) {
  size_t j = open + 1;
  if (j < expanded.size() && expanded[j] == '^') ++j;
  if (j < expanded.size() && expanded[j] == ']') ++j;
  while (j < expanded.size() && expanded[j] != ']') {
    if (expanded[j] == '[' && j + 1 < expanded.size() && expanded[j + 1] == ':') {
      posix = true;
      return j;
    }
    j += expanded[j] == '\\' ? 2 : 1;
  }
  return j;
}

// Calls visit(i) at each byte of `expanded` from `from` on outside escapes and classes; visit
// returns where to go on (i + 1, or further to skip a part), or npos to stop. False if a
// class holds a "[:name:]", which is not read.
template <typename Visit>
bool WalkPattern(std::string_view expanded, size_t from, Visit&& visit) {
  for (size_t i = from; i < expanded.size();) {
    if (expanded[i] == '\\') {
      i += 2;
    } else if (expanded[i] == '[') {
      bool posix = false;
      i = ClassEnd(expanded, i, posix) + 1;
      if (posix) return false;
    } else {
      i = visit(i);
    }
  }
  return true;
}

// Whether `expanded` is a concatenation with the slot groups at its top level: not inside
// any group, no top-level alternation, no quantifier after a slot group. Then every match
// runs through each slot group once.
bool TopLevelSequence(std::string_view expanded, const std::vector<SlotSpan>& spans) {
  int depth = 0;
  size_t next_span = 0;
  bool sequence = true;
  const bool read = WalkPattern(expanded, 0, [&](size_t i) -> size_t {
    if (next_span < spans.size() && i == spans[next_span].begin) {
      const size_t end = spans[next_span++].end;  // the group itself is ours
      sequence =
          depth == 0 && (end >= expanded.size() || std::strchr("?*+{", expanded[end]) == nullptr);
      return sequence ? end : std::string_view::npos;
    }
    const char c = expanded[i];
    if (c == '(') {
      ++depth;
    } else if (c == ')') {
      --depth;
    } else if (c == '|' && depth == 0) {
      sequence = false;
      return std::string_view::npos;
    }
    return i + 1;
  });
  return read && sequence && next_span == spans.size();
}

// Where the group opening at expanded[open] ('(') ends: one past its ')'; npos if it does not.
size_t GroupEnd(std::string_view expanded, size_t open) {
  int depth = 0;
  size_t end = std::string_view::npos;
  WalkPattern(expanded, open, [&](size_t i) -> size_t {
    if (expanded[i] == '(') {
      ++depth;
    } else if (expanded[i] == ')' && --depth == 0) {
      end = i + 1;
      return std::string_view::npos;
    }
    return i + 1;
  });
  return end;
}

// The placeholder letters (LetterMask) of the whole placeholders that text matched by the
// regex fragment `segment` may hold, judged from its source. A whole placeholder needs its
// closing \x02, so only what can match \x02 counts: "\x01[LT]\d+\x02" (or "\x01L\d+\x02")
// gives its letters; a '.', a negated class that does not exclude \x02, \W, \S, \D and the
// like give all of them, as does \x01 or \x02 anywhere else. (A fragment may match a
// placeholder's first bytes without its \x02 only at the end of a match, since a slot group
// starts with \x01; PartitionCaptures gives up on a placeholder cut by the match's end.)
// Conservative: anything not understood gives all letters.
unsigned SegmentLetters(std::string_view segment) {
  constexpr unsigned kAll = 31;
  auto is_hex = [](char h) { return std::isxdigit(static_cast<unsigned char>(h)) != 0; };
  // "\xHH" at `at` (RE2 takes exactly two digits there): the byte, else -1.
  auto hex_byte = [&](size_t at) {
    if (at + 3 >= segment.size() || segment[at] != '\\' || segment[at + 1] != 'x' ||
        !is_hex(segment[at + 2]) || !is_hex(segment[at + 3])) {
      return -1;
    }
    return std::stoi(std::string(segment.substr(at + 2, 2)), nullptr, 16);
  };
  auto letter_bit = [](char c) { return LetterBit(static_cast<char>(std::toupper(c))); };
  unsigned letters = 0;
  for (size_t i = 0; i < segment.size();) {
    const char c = segment[i];
    if (static_cast<unsigned char>(c) < 0x20 || c == '.') return kAll;
    if (c == '\\') {
      if (i + 1 >= segment.size()) return kAll;
      const int byte = hex_byte(i);
      if (byte == 1) {
        // Only as a whole placeholder: \x01, a letter or a class of letters, \d+, \x02.
        size_t j = i + 4;
        unsigned these = 0;
        if (j < segment.size() && segment[j] == '[') {
          const size_t close = segment.find(']', j);
          if (close == std::string_view::npos || close == j + 1) return kAll;
          for (size_t k = j + 1; k < close; ++k) {
            if (letter_bit(segment[k]) == 0) return kAll;
            these |= letter_bit(segment[k]);
          }
          j = close + 1;
        } else if (j < segment.size() && letter_bit(segment[j]) != 0) {
          these = letter_bit(segment[j++]);
        } else {
          return kAll;
        }
        if (segment.substr(j, 3) != "\\d+" || hex_byte(j + 3) != 2) return kAll;
        letters |= these;
        i = j + 7;
        continue;
      }
      if (byte == 2) return kAll;
      if (byte > 2) {
        i += 4;
        continue;
      }
      // \x{2} may be \x02; \W \S \D \C \p \P match it; \Q..\E and octal escapes are not
      // worth reading.
      if (std::strchr("xWSDCpPQ0123456789", segment[i + 1]) != nullptr) return kAll;
      i += 2;
      continue;
    }
    if (c == '[') {
      size_t j = i + 1;
      const bool negated = j < segment.size() && segment[j] == '^';
      if (negated) ++j;
      if (j < segment.size() && segment[j] == ']') ++j;
      bool excludes_x02 = false;
      while (j < segment.size() && segment[j] != ']') {
        const char m = segment[j];
        if (static_cast<unsigned char>(m) < 0x20 ||
            (m == '[' && j + 1 < segment.size() && segment[j + 1] == ':')) {
          return kAll;
        }
        if (m != '\\') {
          ++j;
          continue;
        }
        if (j + 1 >= segment.size()) return kAll;
        const int byte = hex_byte(j);
        if (byte >= 0) {
          // A member on its own; in a range ("\x00-\x1f") it may span \x02.
          const bool in_range =
              segment[j - 1] == '-' || (j + 4 < segment.size() && segment[j + 4] == '-');
          if (in_range) return kAll;
          if (byte == 2) {
            if (!negated) return kAll;
            excludes_x02 = true;
          }
          j += 4;
          continue;
        }
        if (!negated && std::strchr("xWSDCpP0123456789", segment[j + 1]) != nullptr) return kAll;
        j += 2;
      }
      if (j >= segment.size() || (negated && !excludes_x02)) return kAll;
      i = j + 1;
      continue;
    }
    ++i;
  }
  return letters;
}

}  // namespace

char PlaceholderLetter(EntityType type) {
  switch (type) {
    case EntityType::kOrganization:
      return kOrgLetter;
    case EntityType::kPerson:
      return kPersonLetter;
    case EntityType::kProduct:
      return kProductLetter;
    case EntityType::kPlace:
      return kPlaceLetter;
    case EntityType::kTheme:
      return kThemeLetter;
  }
  return kOrgLetter;
}

void AppendPlaceholder(EntityType type, size_t index, std::string& out) {
  out.push_back('\x01');
  out.push_back(PlaceholderLetter(type));
  out += std::to_string(index);
  out.push_back('\x02');
}

struct RuleSet::Compiled {
  std::vector<std::unique_ptr<RE2>> regexes;  // parallel to rules_
  // Which rules can match a sentence at all, from literals their matches must contain.
  internal::RulePrefilter prefilter;
  // The same for a sentence with at most one placeholder, where a rule with two slots in
  // the sentence cannot match (it needs a placeholder for each): built from the other rules
  // (those with a focus argument, Groups::s_mask or o_mask 0) and the screened patterns
  // alone, so its literal pass finds and sorts out far fewer literals. Prefilter rule i is
  // rule single_rules[i]; the screened patterns follow them, as in `prefilter`.
  internal::RulePrefilter single_prefilter;
  std::vector<int> single_rules;
  // Capture group numbers of the s, o and role groups (-1 when absent), per rule.
  struct Groups {
    int count = 0;
    int s = -1;
    int o = -1;
    int role = -1;
    // Placeholder letters (LetterMask) the subject and object slots take; 0 for a focus
    // argument, which is not in the sentence.
    unsigned s_mask = 0;
    unsigned o_mask = 0;
    // The pattern starts with a slot, so every match starts at a placeholder: Match tries
    // the placeholders one by one, anchored, instead of scanning the sentence.
    bool starts_at_placeholder = false;
    unsigned first_mask = 0;  // then: the letters (LetterMask) its first placeholder may have
    bool s_first = false;     // and whether that is the subject slot
    // The pattern starts with a single slot, has no role group, and its other slot, if
    // any, is a single one too: Match can often read the captures off the match itself.
    bool direct_captures = false;
    // The pattern is P0 G1 P1 G2 P2 at its top level, G1 and G2 the slot groups (G2 absent
    // for a focus rule), each there exactly once, and no P can match a placeholder of a
    // letter either slot takes (SegmentLetters): then every such placeholder of a match lies
    // in G1 or G2, in that order, and a single slot holds exactly one. Without a role group
    // and with at most one list slot, Match reads the captures off those placeholders
    // (PartitionCaptures) instead of running RE2's capture engine.
    bool partition = false;
    unsigned slot_mask = 0;  // s_mask | o_mask
    int first_group = -1;    // capture group numbers of G1 and G2 (-1: none)
    int second_group = -1;
    bool first_list = false;
    bool second_list = false;
    // Where partition does not apply (an appositive between the slots may name other
    // companies): for a pattern P0 G1 P1 G2 P2 at its top level that starts with a single
    // slot G1, `head` is P0 G1 P1 and `tail` G2 P2 as regexes of their own, and P2 holds no
    // placeholder of G2's letters. SplitCaptures tries each placeholder of a match as the
    // start of G2 (DFAs only); where exactly one fits both, that is where G2 starts.
    std::unique_ptr<RE2> head;
    std::unique_ptr<RE2> tail;
    unsigned second_mask = 0;  // the letters G2 takes
    // The letters G2's first placeholder may have: second_mask, and a place before a list's
    // first item ("Japan's ZStack").
    unsigned second_start_mask = 0;
    // Where G1 is a list of items of letters `first_mask_items` (neither places nor themes):
    // `head` is its items alone, `middle` the words after its last item and P1
    // (ListSplitCaptures).
    std::unique_ptr<RE2> middle;
    unsigned first_mask_items = 0;
    // For a pattern P0 G1 P1 G2 P2 at its top level that starts with G1: the letters G2
    // takes. G2 holds a placeholder of them, after G1's first placeholder, so a try at a
    // placeholder with none of those letters after it cannot match.
    unsigned later_mask = 0;
    // A role group at the top level, A (?P<role>R) B, where R matches one of a few strings
    // (MatchedStrings): `role_words` finds them, `role_before` is A and `role_after` B as
    // regexes of their own. The slots are then captured as if there were no role group, and
    // RoleCapture finds the role (DFAs only): every parse of a match has A before the role
    // and B after it, so where exactly one occurrence of a word fits both, that is the role.
    std::unique_ptr<internal::LiteralSet> role_words;
    std::vector<size_t> role_lengths;  // of each word
    std::unique_ptr<RE2> role_before;
    std::unique_ptr<RE2> role_after;
  };
  std::vector<Groups> groups;
  // Per rule: subject_name, object_name, object_not_name (null when absent).
  std::vector<std::array<std::unique_ptr<RE2>, 3>> name_checks;
  // Per rule: not_followed_by, anchored at the match's end (null when absent).
  std::vector<std::unique_ptr<RE2>> tail_checks;
};

RuleSet::RuleSet() = default;
RuleSet::~RuleSet() = default;
RuleSet::RuleSet(RuleSet&&) noexcept = default;
RuleSet& RuleSet::operator=(RuleSet&&) noexcept = default;

Status RuleSet::AddJson(std::string_view json_text, std::string_view origin, bool macros_only) {
  json root;
  try {
    root = json::parse(json_text);
  } catch (const json::exception& e) {  // parse errors, and numbers out of range
    return InvalidArgumentError(std::string(origin) + ": not valid JSON (" + e.what() + ")");
  }
  if (!root.is_object()) return InvalidArgumentError(std::string(origin) + ": expected an object");
  if (auto it = root.find("macros"); it != root.end()) {
    if (!it->is_object()) {
      return InvalidArgumentError(std::string(origin) + ": \"macros\" must be an object");
    }
    for (const auto& [name, value] : it->items()) {
      if (!value.is_string()) {
        return InvalidArgumentError(std::string(origin) + ": macro \"" + name +
                                    "\" must be a string");
      }
      macros_[name] = value.get<std::string>();
    }
  }
  auto it = root.find("rules");
  if (it == root.end() || macros_only) return Status::Ok();
  if (!it->is_array())
    return InvalidArgumentError(std::string(origin) + ": \"rules\" must be an array");
  for (size_t i = 0; i < it->size(); ++i) {
    const json& r = (*it)[i];
    const std::string where = std::string(origin) + ": rules[" + std::to_string(i) + "]";
    if (!r.is_object()) return InvalidArgumentError(where + ": must be an object");
    Rule rule;
    rule.origin = std::string(origin);
    try {
      rule.id = r.at("id").get<std::string>();
      const std::string relation = r.at("relation").get<std::string>();
      auto type = ParseRelationType(relation);
      if (!type) {
        return InvalidArgumentError(where + " (" + rule.id + "): unknown relation \"" + relation +
                                    "\"");
      }
      rule.relation = *type;
      rule.pattern = r.at("pattern").get<std::string>();
      rule.confidence = r.value("confidence", 0.8);
      rule.subject_is_focus = r.value("subject", std::string("slot")) == "focus";
      rule.object_is_focus = r.value("object", std::string("slot")) == "focus";
      rule.descriptive = r.value("descriptive", false);
      rule.subject_name = r.value("subject_name", std::string());
      rule.object_name = r.value("object_name", std::string());
      rule.object_not_name = r.value("object_not_name", std::string());
      rule.not_followed_by = r.value("not_followed_by", std::string());
      rule.object_not_possessive = r.value("object_not_possessive", false);
    } catch (const json::exception& e) {
      return InvalidArgumentError(where + ": needs string \"id\", \"relation\", \"pattern\" (" +
                                  e.what() + ")");
    }
    if (rule.confidence <= 0 || rule.confidence > 1) {
      return InvalidArgumentError(where + " (" + rule.id + "): confidence must be in (0, 1]");
    }
    bool replaced = false;
    for (auto& existing : rules_) {
      if (existing.id == rule.id) {
        // A later file replaces a rule on purpose; one file naming an id twice is a slip that
        // would silently drop the first rule.
        if (existing.origin == rule.origin) {
          return InvalidArgumentError(where + ": rule id \"" + rule.id +
                                      "\" appears twice in this file");
        }
        existing = rule;
        replaced = true;
      }
    }
    if (!replaced) rules_.push_back(std::move(rule));
  }
  return Status::Ok();
}

Status RuleSet::AddFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFoundError(path + ": cannot open rules file");
  std::stringstream buffer;
  buffer << in.rdbuf();
  return AddJson(buffer.str(), path);
}

Result<std::string> RuleSet::MacroText(const std::string& name, std::string_view where) const {
  auto macro = macros_.find(name);
  if (macro == macros_.end()) {
    return InvalidArgumentError(std::string(where) + ": unknown macro \"{" + name + "}\"");
  }
  std::string text = macro->second;
  for (const auto& [other, value] : macros_) {
    const std::string token = "{" + other + "}";
    for (size_t at = text.find(token); at != std::string::npos; at = text.find(token, at)) {
      text.replace(at, token.size(), value);
      at += value.size();
    }
  }
  return text;
}

Result<std::string> RuleSet::ExpandMacros(std::string_view pattern, std::string_view where) const {
  std::string expanded;
  for (size_t i = 0; i < pattern.size();) {
    if (pattern[i] == '\\' && i + 1 < pattern.size()) {
      expanded.append(pattern.substr(i, 2));
      i += 2;
      continue;
    }
    if (pattern[i] != '{' || i + 1 >= pattern.size() ||
        !std::isupper(static_cast<unsigned char>(pattern[i + 1]))) {
      expanded.push_back(pattern[i++]);
      continue;
    }
    const size_t close = pattern.find('}', i);
    if (close == std::string_view::npos) {
      return InvalidArgumentError(std::string(where) + ": unclosed '{' at \"" +
                                  std::string(pattern.substr(i, 20)) + "\"");
    }
    const std::string name(pattern.substr(i + 1, close - i - 1));
    if (name.find(':') != std::string::npos) {
      return InvalidArgumentError(std::string(where) + ": slot \"{" + name +
                                  "}\" is only for relation rules");
    }
    ASSIGN_OR_RETURN(const std::string text, MacroText(name, where));
    expanded += "(?:" + text + ")";
    i = close + 1;
  }
  return expanded;
}

Status RuleSet::Compile() {
  auto compiled = std::make_unique<Compiled>();
  RE2::Options options;
  options.set_case_sensitive(false);
  options.set_log_errors(false);
  options.set_max_mem(64 << 20);
  for (Rule& rule : rules_) {
    const std::string where = rule.origin + ": rule " + rule.id;
    // Expand {NAME} macros (one level deep, macros may use other macros once) and {TYPE:slot}.
    std::string expanded;
    std::set<std::string> slots;
    std::set<std::string> list_slots;
    std::vector<SlotSpan> slot_spans;  // where each slot group is in `expanded`
    const std::string& p = rule.pattern;
    for (size_t i = 0; i < p.size();) {
      // "\{" stays a literal brace; "{2,5}" quantifiers stay as they are.
      if (p[i] == '\\' && i + 1 < p.size()) {
        expanded.append(p, i, 2);
        i += 2;
        continue;
      }
      if (p[i] != '{' || i + 1 >= p.size() ||
          !(std::isupper(static_cast<unsigned char>(p[i + 1])))) {
        expanded.push_back(p[i++]);
        continue;
      }
      const size_t close = p.find('}', i);
      if (close == std::string::npos) {
        return InvalidArgumentError(where + ": unclosed '{' at \"" + p.substr(i, 20) + "\"");
      }
      const std::string inner = p.substr(i + 1, close - i - 1);
      const size_t colon = inner.find(':');
      if (colon == std::string::npos) {
        ASSIGN_OR_RETURN(const std::string text, MacroText(inner, where));
        expanded += "(?:" + text + ")";
      } else {
        std::string type = inner.substr(0, colon);
        const std::string slot = inner.substr(colon + 1);
        if (slot != "s" && slot != "o") {
          return InvalidArgumentError(where + ": slot \"{" + inner + "}\" must be :s or :o");
        }
        if (!slots.insert(slot).second) {
          return InvalidArgumentError(where + ": slot :" + slot + " used twice in \"" + p + "\"");
        }
        bool list = false;
        size_t items_end = 0;
        auto cls = SlotClasses().find(type);
        if (cls == SlotClasses().end() && type.size() > 1 && type.back() == 'S') {
          list = true;
          list_slots.insert(slot);
          cls = SlotClasses().find(type.substr(0, type.size() - 1));
        }
        if (cls == SlotClasses().end()) {
          return InvalidArgumentError(where + ": unknown slot type \"" + type + "\" in \"{" +
                                      inner +
                                      "}\" (ORG, PER, PRODUCT, PLACE, THEME, "
                                      "ENT, ORGPROD, ORGPER, or a plural like ORGS)");
        }
        const std::string one = PlaceholderRegex(cls->second);
        (slot == "s" ? rule.subject_letters : rule.object_letters) = cls->second;
        const size_t group_begin = expanded.size();
        // List items are noun phrases: "A's cloud deal and Japan's B" lists A and B.
        const std::string item = "(?:\\x01L\\d+\\x02'?s? )?" + one;
        expanded += "(?P<" + slot + ">" + (list ? item : one);
        if (list) {
          // The words after an item ("'s cloud deal") are lazy and sit before the separator
          // inside the repetition, so they stretch only as far as the next item needs.
          const std::string tail = "(?:'s?(?: (?:[\\w\\-]+|\\x01T\\d+\\x02)){0,3}?)?";
          // An item may take "the" ("the Kesar group and the Varma group"), and a place "in"
          // ("in Canada and in Mexico").
          expanded +=
              "(?:" + tail +
              "(?:, | and |, and | & |,? as well as |, plus |, or | or )(?:the |in (?:the )?)?" +
              item + ")*";
          items_end = expanded.size();
          expanded += tail;
        }
        expanded += ")";
        slot_spans.push_back({group_begin, expanded.size(), slot == "s", list, items_end});
      }
      i = close + 1;
    }
    if ((!slots.count("o") && !rule.object_is_focus) ||
        (!slots.count("s") && !rule.subject_is_focus) ||
        (rule.subject_is_focus && rule.object_is_focus)) {
      return InvalidArgumentError(where +
                                  ": pattern needs a subject slot {TYPE:s} and an object slot "
                                  "{TYPE:o} (one may be replaced by \"subject\": \"focus\" or "
                                  "\"object\": \"focus\")");
    }
    // "\\\\w" in a JSON file is the regex \\w: a backslash, then "w". Meant was almost always
    // \w, written "\\w" in JSON; the rule would silently never match. Checked after macros are
    // expanded, so it covers them too.
    for (size_t at = expanded.find("\\\\"); at != std::string::npos;
         at = expanded.find("\\\\", at + 2)) {
      if (at + 2 < expanded.size() && expanded[at + 2] != '\0' &&
          std::strchr("wWdDsSbBx-.", expanded[at + 2]) != nullptr) {
        return InvalidArgumentError(where + ": \"" + expanded.substr(at, 3) +
                                    "\" matches a backslash; for the escape write one backslash "
                                    "in the pattern (\"\\" +
                                    expanded.substr(at + 2, 1) + "\" in the pattern, \"\\\\" +
                                    expanded.substr(at + 2, 1) + "\" in JSON)");
      }
    }
    rule.expanded = expanded;
    auto owned = std::make_unique<RE2>(expanded, options);
    if (!owned->ok()) {
      return InvalidArgumentError(where + ": " + owned->error() + " at \"" + owned->error_arg() +
                                  "\" in pattern \"" + rule.pattern + "\"");
    }
    const RE2* re = owned.get();
    Compiled::Groups groups;
    groups.count = re->NumberOfCapturingGroups() + 1;
    const std::map<std::string, int>& group_names = re->NamedCapturingGroups();
    if (auto g = group_names.find("s"); g != group_names.end()) groups.s = g->second;
    if (auto g = group_names.find("o"); g != group_names.end()) groups.o = g->second;
    if (auto g = group_names.find("role"); g != group_names.end()) groups.role = g->second;
    groups.s_mask = rule.subject_is_focus ? 0 : LetterMask(rule.subject_letters);
    groups.o_mask = rule.object_is_focus ? 0 : LetterMask(rule.object_letters);
    // "(?P<s>\x01[OP]..." starts with a slot; a list slot "(?P<o>(?:\x01L\d+\x02'?s? )?..." may
    // start with a place ("Japan's ZStack").
    for (const char* slot : {"(?P<s>", "(?P<o>"}) {
      if (expanded.rfind(std::string(slot) + "\\x01", 0) == 0 ||
          expanded.rfind(std::string(slot) + "(?:\\x01", 0) == 0) {
        const bool list = expanded[6] == '(';
        groups.starts_at_placeholder = true;
        groups.s_first = slot[4] == 's';
        groups.first_mask =
            LetterMask(slot[4] == 's' ? rule.subject_letters : rule.object_letters) |
            (list ? LetterBit(kPlaceLetter) : 0);
      }
    }
    // The halves must mean what they mean inside the whole pattern: no flag groups ("(?i)"
    // in the head would not reach the tail).
    bool flags = false;
    for (size_t at = expanded.find("(?"); at != std::string::npos && !flags;
         at = expanded.find("(?", at + 2)) {
      flags = at + 2 < expanded.size() && expanded[at + 2] != ':' && expanded[at + 2] != 'P' &&
              (at == 0 || expanded[at - 1] != '\\');
    }
    if (const size_t open = expanded.find("(?P<role>");
        groups.role > 0 && !flags && open != std::string::npos) {
      const size_t close = GroupEnd(expanded, open);
      std::vector<SlotSpan> spans = slot_spans;
      if (close != std::string::npos) spans.push_back({open, close, false, false});
      std::sort(spans.begin(), spans.end(),
                [](const SlotSpan& a, const SlotSpan& b) { return a.begin < b.begin; });
      constexpr size_t kPrefix = 9;  // "(?P<role>"
      const auto words =
          close == std::string::npos || !TopLevelSequence(expanded, spans)
              ? std::nullopt
              : internal::MatchedStrings(
                    std::string_view(expanded).substr(open + kPrefix, close - 1 - open - kPrefix),
                    4096);
      // An empty word would be reported once, not at every position.
      if (words && std::none_of(words->begin(), words->end(),
                                [](const std::string& w) { return w.empty(); })) {
        auto before = std::make_unique<RE2>(expanded.substr(0, open), options);
        auto after = std::make_unique<RE2>(expanded.substr(close), options);
        if (before->ok() && after->ok()) {
          groups.role_words = std::make_unique<internal::LiteralSet>();
          groups.role_words->Build(*words);
          for (const std::string& word : *words) groups.role_lengths.push_back(word.size());
          groups.role_before = std::move(before);
          groups.role_after = std::move(after);
        }
      }
    }
    // Where RoleCapture finds the role, the slots are captured as without one.
    const bool role_free = groups.role < 0 || groups.role_words != nullptr;
    groups.direct_captures = groups.starts_at_placeholder && role_free && list_slots.empty();
    groups.slot_mask = groups.s_mask | groups.o_mask;
    const bool top_level = role_free && !slot_spans.empty() && slot_spans.size() <= 2 &&
                           TopLevelSequence(expanded, slot_spans);
    if (top_level && !(slot_spans.size() == 2 && slot_spans[0].list && slot_spans[1].list)) {
      unsigned segment_letters = 0;
      size_t from = 0;
      for (const SlotSpan& span : slot_spans) {
        segment_letters |=
            SegmentLetters(std::string_view(expanded).substr(from, span.begin - from));
        from = span.end;
      }
      segment_letters |= SegmentLetters(std::string_view(expanded).substr(from));
      groups.partition = (segment_letters & groups.slot_mask) == 0;
      groups.first_group = slot_spans[0].subject ? groups.s : groups.o;
      groups.first_list = slot_spans[0].list;
      if (slot_spans.size() == 2) {
        groups.second_group = slot_spans[1].subject ? groups.s : groups.o;
        groups.second_list = slot_spans[1].list;
      }
    }
    if (top_level && slot_spans.size() == 2 && slot_spans[0].begin == 0 &&
        groups.starts_at_placeholder) {
      groups.later_mask = slot_spans[1].subject ? groups.s_mask : groups.o_mask;
    }
    // A first list slot's items are placeholders of its letters, and only places and themes
    // stand between them (ListSplitCaptures).
    const unsigned first_letters =
        slot_spans.empty() ? 0 : (slot_spans[0].subject ? groups.s_mask : groups.o_mask);
    const bool list_first =
        !slot_spans.empty() && slot_spans[0].list &&
        (first_letters & (LetterBit(kPlaceLetter) | LetterBit(kThemeLetter))) == 0;
    if (top_level && slot_spans.size() == 2 && (!slot_spans[0].list || list_first) &&
        slot_spans[0].begin == 0 && groups.starts_at_placeholder && !groups.partition && !flags) {
      groups.second_mask = slot_spans[1].subject ? groups.s_mask : groups.o_mask;
      groups.second_start_mask =
          groups.second_mask | (slot_spans[1].list ? LetterBit(kPlaceLetter) : 0);
      const std::string_view tail_source = std::string_view(expanded).substr(slot_spans[1].begin);
      const unsigned p2_letters =
          SegmentLetters(std::string_view(expanded).substr(slot_spans[1].end));
      if ((p2_letters & groups.second_mask) == 0) {
        constexpr size_t kOpen = 6;  // "(?P<s>"
        const SlotSpan& first = slot_spans[0];
        // The head is P0 G1 P1; for a list, G1's items, and the words after its last item
        // with P1 (the middle).
        auto head =
            std::make_unique<RE2>(first.list ? expanded.substr(kOpen, first.items_end - kOpen)
                                             : expanded.substr(0, slot_spans[1].begin),
                                  options);
        auto tail = std::make_unique<RE2>(std::string(tail_source), options);
        auto middle = first.list
                          ? std::make_unique<RE2>(
                                expanded.substr(first.items_end, first.end - 1 - first.items_end) +
                                    expanded.substr(first.end, slot_spans[1].begin - first.end),
                                options)
                          : nullptr;
        if (head->ok() && tail->ok() && (!middle || middle->ok())) {
          groups.head = std::move(head);
          groups.tail = std::move(tail);
          groups.middle = std::move(middle);
          groups.first_mask_items = first_letters;
          // Also where both slots are lists (no partition, so not set above).
          groups.first_group = first.subject ? groups.s : groups.o;
          groups.second_group = slot_spans[1].subject ? groups.s : groups.o;
        }
      }
    }
    compiled->groups.push_back(std::move(groups));
    compiled->regexes.push_back(std::move(owned));
    std::array<std::unique_ptr<RE2>, 3> checks;
    const std::string* names[3] = {&rule.subject_name, &rule.object_name, &rule.object_not_name};
    static const char* const kKeys[3] = {"subject_name", "object_name", "object_not_name"};
    for (int k = 0; k < 3; ++k) {
      if (names[k]->empty()) continue;
      RE2::Options name_options;
      name_options.set_log_errors(false);
      checks[k] = std::make_unique<RE2>(*names[k], name_options);
      if (!checks[k]->ok()) {
        return InvalidArgumentError(where + ": " + kKeys[k] + ": " + checks[k]->error() + " at \"" +
                                    checks[k]->error_arg() + "\"");
      }
    }
    compiled->name_checks.push_back(std::move(checks));
    std::unique_ptr<RE2> tail;
    if (!rule.not_followed_by.empty()) {
      ASSIGN_OR_RETURN(const std::string source,
                       ExpandMacros(rule.not_followed_by, where + ": not_followed_by"));
      tail = std::make_unique<RE2>(source, options);
      if (!tail->ok()) {
        return InvalidArgumentError(where + ": not_followed_by: " + tail->error() + " at \"" +
                                    tail->error_arg() + "\"");
      }
    }
    compiled->tail_checks.push_back(std::move(tail));
  }
  std::vector<std::string> patterns;
  std::vector<std::string> single_patterns;
  for (size_t i = 0; i < rules_.size(); ++i) {
    patterns.push_back(rules_[i].expanded);
    const Compiled::Groups& g = compiled->groups[i];
    if (g.s_mask == 0 || g.o_mask == 0) {
      compiled->single_rules.push_back(static_cast<int>(i));
      single_patterns.push_back(rules_[i].expanded);
    }
  }
  patterns.insert(patterns.end(), screened_.begin(), screened_.end());
  single_patterns.insert(single_patterns.end(), screened_.begin(), screened_.end());
  compiled->prefilter.Build(patterns);
  compiled->single_prefilter.Build(single_patterns);
  compiled_ = std::move(compiled);
  return Status::Ok();
}

namespace {

// The placeholders in `text` whose type letter is one of `letters` (a list slot's text also
// holds the place and theme words around its items: "Japan's ZStack").
void Placeholders(std::string_view text, std::string_view letters, std::vector<size_t>& out) {
  for (size_t i = text.find('\x01'); i != std::string_view::npos; i = text.find('\x01', i + 1)) {
    if (i + 1 >= text.size() || letters.find(text[i + 1]) == std::string_view::npos) continue;
    size_t j = i + 2;
    size_t value = 0;
    while (j < text.size() && text[j] >= '0' && text[j] <= '9')
      value = value * 10 + (text[j++] - '0');
    out.push_back(value);
  }
}

// The captures of a rule that starts with a single slot (group `first`) and whose other
// slot (group `other`, -1 for a focus argument) is a single one too, for its match
// masked[begin, end), without running RE2's capture engine: an NFA for most rules, which
// are too large for its faster BitState, and the most expensive step of matching. The
// first slot is the placeholder at `begin`. The other is a placeholder of its letters
// inside the match after that one; placeholder bytes only ever start placeholders, so when
// exactly one such placeholder is there, the group matched it. Returns false (the caller
// runs RE2) when there are several.
bool DirectCaptures(std::string_view masked, size_t begin, size_t end, int first, int other,
                    unsigned other_mask, int count, std::vector<re2::StringPiece>& sub) {
  const size_t first_end = masked.find('\x02', begin);
  if (first_end == std::string_view::npos || first_end >= end) return false;
  re2::StringPiece other_piece;
  if (other > 0) {
    int found = 0;
    for (size_t i = masked.find('\x01', first_end); i != std::string_view::npos && i < end;
         i = masked.find('\x01', i + 1)) {
      if (i + 1 >= end || !(LetterBit(masked[i + 1]) & other_mask)) continue;
      const size_t close = masked.find('\x02', i);
      if (close == std::string_view::npos || close >= end || ++found > 1) return false;
      other_piece = re2::StringPiece(masked.data() + i, close + 1 - i);
    }
    if (found != 1) return false;
  }
  sub.assign(count, re2::StringPiece());
  sub[0] = re2::StringPiece(masked.data() + begin, end - begin);
  sub[first] = re2::StringPiece(masked.data() + begin, first_end + 1 - begin);
  if (other > 0) sub[other] = other_piece;
  return true;
}

// The captures of a rule whose slot groups partition its placeholders (Groups::partition)
// for its match masked[begin, end): the first group holds the first of the placeholders of
// the slots' letters (all but the last if it is the list), the second group the rest; the
// pieces run from a group's first such placeholder to its last, which is all Placeholders()
// reads of them. Returns false (the caller runs RE2) where the counts do not fit.
bool PartitionCaptures(std::string_view masked, size_t begin, size_t end, unsigned slot_mask,
                       int first_group, bool first_list, int second_group, bool second_list,
                       int count, std::vector<re2::StringPiece>& sub) {
  thread_local std::vector<std::pair<size_t, size_t>> found;  // [\x01, after \x02)
  found.clear();
  for (size_t i = masked.find('\x01', begin); i != std::string_view::npos && i < end;
       i = masked.find('\x01', i + 1)) {
    if (i + 1 >= end || !(LetterBit(masked[i + 1]) & slot_mask)) continue;
    const size_t close = masked.find('\x02', i);
    if (close == std::string_view::npos || close >= end) return false;
    found.emplace_back(i, close + 1);
  }
  const size_t n = found.size();
  size_t in_first = 0;
  if (second_group < 0) {
    if (n == 0 || (!first_list && n != 1)) return false;
    in_first = n;
  } else if (first_list && second_list) {
    return false;
  } else {
    if (n < 2 || (!first_list && !second_list && n != 2)) return false;
    in_first = first_list ? n - 1 : 1;
  }
  auto piece = [&](size_t from, size_t to) {
    return re2::StringPiece(masked.data() + from, to - from);
  };
  sub.assign(count, re2::StringPiece());
  sub[0] = piece(begin, end);
  sub[first_group] = piece(found[0].first, found[in_first - 1].second);
  if (second_group > 0) sub[second_group] = piece(found[in_first].first, found[n - 1].second);
  return true;
}

// Where G2 starts (SplitCaptures): the one placeholder at or after `from` and before `end`
// such that `head` matches masked[head_begin, it) and `tail` masked[it, end). npos where none
// fits, and also, with `give_up` set, where several do or a placeholder of G2's letters
// (`second_mask`) is cut by `end`. Only placeholders of the letters G2's first one may have
// (`start_mask`) are tried: the tail cannot match at another.
size_t SplitAt(std::string_view masked, size_t head_begin, size_t from, size_t end, const RE2& head,
               const RE2& tail, unsigned start_mask, unsigned second_mask, bool& give_up) {
  const re2::StringPiece text(masked.data(), masked.size());
  size_t split = std::string_view::npos;
  for (size_t at = masked.find('\x01', from); at != std::string_view::npos && at < end;
       at = masked.find('\x01', at + 1)) {
    if (at + 1 >= end || !(LetterBit(masked[at + 1]) & start_mask) ||
        !head.Match(text, head_begin, at, RE2::ANCHOR_BOTH, nullptr, 0) ||
        !tail.Match(text, at, end, RE2::ANCHOR_BOTH, nullptr, 0)) {
      continue;
    }
    give_up = split != std::string_view::npos;
    if (give_up) return std::string_view::npos;
    split = at;
  }
  if (split == std::string_view::npos) return split;
  for (size_t i = split; i != std::string_view::npos && i < end; i = masked.find('\x01', i + 1)) {
    if (i + 1 < end && (LetterBit(masked[i + 1]) & second_mask)) {
      const size_t close = masked.find('\x02', i);
      give_up = close == std::string_view::npos || close >= end;
      if (give_up) return std::string_view::npos;
    }
  }
  return split;
}

// The captures of a rule with `head` and `tail` (Groups::head) for its match
// masked[begin, end), which starts at G1's placeholder: G2 starts at a placeholder after it
// such that the head matches everything before and the tail everything after. Every parse
// of the match has such a start, so where only one fits, RE2's captures start G2 there too,
// and G2's placeholders are those of its letters from there on (the tail's P2 holds none).
// Returns false (the caller runs RE2) where several fit, or a placeholder is cut by `end`.
bool SplitCaptures(std::string_view masked, size_t begin, size_t end, const RE2& head,
                   const RE2& tail, int first_group, int second_group, unsigned start_mask,
                   unsigned second_mask, int count, std::vector<re2::StringPiece>& sub) {
  const size_t first_end = masked.find('\x02', begin);
  if (first_end == std::string_view::npos || first_end >= end) return false;
  bool give_up = false;
  const size_t split =
      SplitAt(masked, begin, first_end, end, head, tail, start_mask, second_mask, give_up);
  if (split == std::string_view::npos) return false;
  sub.assign(count, re2::StringPiece());
  sub[0] = re2::StringPiece(masked.data() + begin, end - begin);
  sub[first_group] = re2::StringPiece(masked.data() + begin, first_end + 1 - begin);
  sub[second_group] = re2::StringPiece(masked.data() + split, end - split);
  return true;
}

// SplitCaptures for a rule whose G1 is a list (Groups::middle): `items` is G1 up to the end
// of its last item, `middle` the words after that item and P1, `tail` G2 P2. The items are
// the placeholders of `item_mask` from the match's start on, one after another (nothing
// between two items can hold one), so a parse with k + 1 items has them end where the
// (k + 1)th such placeholder does. RE2's parse repeats the list's greedy loop as often as
// any parse can: the largest k for which `items` matches up to there and a split of the
// rest fits (SplitAt). Returns false (the caller runs RE2) where SplitAt gives up.
bool ListSplitCaptures(std::string_view masked, size_t begin, size_t end, const RE2& items,
                       const RE2& middle, const RE2& tail, unsigned item_mask, int first_group,
                       int second_group, unsigned start_mask, unsigned second_mask, int count,
                       std::vector<re2::StringPiece>& sub) {
  const re2::StringPiece text(masked.data(), masked.size());
  thread_local std::vector<size_t> item_ends;
  item_ends.clear();
  for (size_t i = masked.find('\x01', begin); i != std::string_view::npos && i < end;
       i = masked.find('\x01', i + 1)) {
    if (i + 1 >= end || !(LetterBit(masked[i + 1]) & item_mask)) continue;
    const size_t close = masked.find('\x02', i);
    if (close == std::string_view::npos || close >= end) break;
    item_ends.push_back(close + 1);
  }
  for (size_t k = item_ends.size(); k-- > 0;) {
    const size_t items_end = item_ends[k];
    if (!items.Match(text, begin, items_end, RE2::ANCHOR_BOTH, nullptr, 0)) continue;
    bool give_up = false;
    const size_t split =
        SplitAt(masked, items_end, items_end, end, middle, tail, start_mask, second_mask, give_up);
    if (give_up) return false;
    if (split == std::string_view::npos) continue;
    sub.assign(count, re2::StringPiece());
    sub[0] = re2::StringPiece(masked.data() + begin, end - begin);
    sub[first_group] = re2::StringPiece(masked.data() + begin, items_end - begin);
    sub[second_group] = re2::StringPiece(masked.data() + split, end - split);
    return true;
  }
  return false;
}

// The role group's capture for the match masked[begin, end) of a rule with role_words
// (Groups::role_words): the one occurrence [p, q) of a word in the match such that the part
// of the pattern before the group matches masked[begin, p) and the part after it
// masked[q, end). Every parse of the match has one (the words are all the group matches), so
// where only one fits, RE2's capture is that one. Returns false (the caller runs RE2) where
// several fit.
bool RoleCapture(std::string_view masked, size_t begin, size_t end,
                 const internal::LiteralSet& words, const std::vector<size_t>& lengths,
                 const RE2& before, const RE2& after, re2::StringPiece& role) {
  const re2::StringPiece text(masked.data(), masked.size());
  size_t found = std::string_view::npos;
  size_t found_end = 0;
  bool several = false;
  words.ForEach(masked.substr(begin, end - begin), [&](int word, size_t at) {
    const size_t p = begin + at;
    const size_t q = p + lengths[word];
    if (several || !before.Match(text, begin, p, RE2::ANCHOR_BOTH, nullptr, 0) ||
        !after.Match(text, q, end, RE2::ANCHOR_BOTH, nullptr, 0)) {
      return;
    }
    several = found != std::string_view::npos;
    found = p;
    found_end = q;
  });
  if (several || found == std::string_view::npos) return false;
  role = re2::StringPiece(masked.data() + found, found_end - found);
  return true;
}

}  // namespace

bool RuleSet::NamesAllowed(size_t rule, std::string_view subject, std::string_view object) const {
  const auto& checks = compiled_->name_checks[rule];
  auto matches = [](const std::unique_ptr<RE2>& re, std::string_view name) {
    return RE2::PartialMatch(re2::StringPiece(name.data(), name.size()), *re);
  };
  if (checks[0] && !subject.empty() && !matches(checks[0], subject)) return false;
  if (checks[1] && !object.empty() && !matches(checks[1], object)) return false;
  if (checks[2] && !object.empty() && matches(checks[2], object)) return false;
  return true;
}

bool RuleSet::TailAllowed(size_t rule, std::string_view rest) const {
  const std::unique_ptr<RE2>& tail = compiled_->tail_checks[rule];
  if (!tail) return true;
  return !tail->Match(re2::StringPiece(rest.data(), rest.size()), 0, rest.size(), RE2::ANCHOR_START,
                      nullptr, 0);
}

void RuleSet::Match(std::string_view masked, std::vector<RuleMatch>& out) const {
  MatchImpl(masked, /*capture_groups=*/false, out, nullptr);
}

void RuleSet::Match(std::string_view masked, std::vector<RuleMatch>& out,
                    std::vector<int>& screened) const {
  MatchImpl(masked, /*capture_groups=*/false, out, &screened);
}

void RuleSet::MatchWithCaptureGroups(std::string_view masked, std::vector<RuleMatch>& out) const {
  MatchImpl(masked, /*capture_groups=*/true, out, nullptr);
}

void RuleSet::MatchImpl(std::string_view masked, bool capture_groups, std::vector<RuleMatch>& out,
                        std::vector<int>* screened) const {
  // Where the prefilter does not run, every screened pattern may match.
  if (screened != nullptr) {
    screened->resize(screened_.size());
    for (size_t i = 0; i < screened->size(); ++i) (*screened)[i] = static_cast<int>(i);
  }
  if (!compiled_ || masked.find('\x01') == std::string_view::npos) return;
  // Per-thread scratch: Match runs once per sentence on every extraction thread.
  thread_local std::vector<internal::RulePrefilter::Candidate> candidates;
  thread_local std::vector<re2::StringPiece> sub;
  const re2::StringPiece text(masked.data(), masked.size());
  // RE2 folds 'k' and 's' to the Kelvin sign and the long s too; a sentence with either
  // tries every rule, and its roles come from RE2's captures.
  // The reference (capture_groups) tries every rule too.
  const bool folds = masked.find("\xE2\x84\xAA") != std::string_view::npos ||
                     masked.find("\xC5\xBF") != std::string_view::npos;
  // How many placeholders of each letter the sentence has: a rule needs one placeholder its
  // subject slot takes and a different one its object slot takes.
  std::array<unsigned, 32> per_mask{};
  for (size_t i = masked.find('\x01'); i != std::string_view::npos && i + 1 < masked.size();
       i = masked.find('\x01', i + 1)) {
    ++per_mask[LetterBit(masked[i + 1])];
  }
  auto count = [&](unsigned mask) {
    unsigned n = 0;
    for (unsigned bit = 1; bit < 32; bit <<= 1) n += (mask & bit) ? per_mask[bit] : 0;
    return n;
  };
  if (capture_groups || folds) {
    candidates.resize(rules_.size());
    for (size_t i = 0; i < candidates.size(); ++i)
      candidates[i] = {static_cast<int>(i), masked.size()};
  } else if (count(31) < 2) {
    // Only rules with a focus argument can match (the check below drops the others).
    compiled_->single_prefilter.Candidates(masked, candidates);
    const std::vector<int>& single_rules = compiled_->single_rules;
    for (auto& candidate : candidates) {
      const auto i = static_cast<size_t>(candidate.rule);
      candidate.rule = i < single_rules.size()
                           ? single_rules[i]
                           : static_cast<int>(rules_.size() + (i - single_rules.size()));
    }
  } else {
    compiled_->prefilter.Candidates(masked, candidates);
  }
  if (!capture_groups && !folds) {
    // The screened patterns come after the rules.
    if (screened != nullptr) screened->clear();
    while (!candidates.empty() && static_cast<size_t>(candidates.back().rule) >= rules_.size()) {
      if (screened != nullptr) {
        screened->insert(screened->begin(),
                         candidates.back().rule - static_cast<int>(rules_.size()));
      }
      candidates.pop_back();
    }
  }
  for (const auto& candidate : candidates) {
    // Plain copies, not structured bindings: the lambdas below capture them (clang 14, which
    // the fuzz build uses, cannot capture a structured binding).
    const int index = candidate.rule;
    const size_t last_start = candidate.last_start;
    const Compiled::Groups& g = compiled_->groups[index];
    if (!capture_groups && ((g.s_mask && !count(g.s_mask)) || (g.o_mask && !count(g.o_mask)) ||
                            (g.s_mask && g.o_mask && count(g.s_mask | g.o_mask) < 2))) {
      continue;
    }
    const RE2& re = *compiled_->regexes[index];
    sub.assign(g.count, re2::StringPiece());
    std::set<std::pair<std::vector<size_t>, std::vector<size_t>>> seen;
    // The leftmost match at or after `pos`, as an unanchored search would find it. A rule
    // that starts with a slot can only match at a placeholder: each one is tried anchored,
    // first with the DFA alone (which also gives the match's end), and the capture engine
    // runs only on the match itself, as RE2 does inside an unanchored search.
    // The captures of the match masked[begin, end): read off its placeholders where that is
    // exact, else RE2's capture engine on the match only, as RE2 does inside an unanchored
    // search.
    auto captures = [&](size_t begin, size_t end) {
      bool read =
          (g.direct_captures &&
           DirectCaptures(masked, begin, end, g.s_first ? g.s : g.o, g.s_first ? g.o : g.s,
                          g.s_first ? g.o_mask : g.s_mask, g.count, sub)) ||
          (g.partition &&
           PartitionCaptures(masked, begin, end, g.slot_mask, g.first_group, g.first_list,
                             g.second_group, g.second_list, g.count, sub)) ||
          (g.head && !g.middle &&
           SplitCaptures(masked, begin, end, *g.head, *g.tail, g.first_group, g.second_group,
                         g.second_start_mask, g.second_mask, g.count, sub)) ||
          (g.middle && ListSplitCaptures(masked, begin, end, *g.head, *g.middle, *g.tail,
                                         g.first_mask_items, g.first_group, g.second_group,
                                         g.second_start_mask, g.second_mask, g.count, sub));
      if (read && g.role > 0) {
        read = g.role_words && !folds &&
               RoleCapture(masked, begin, end, *g.role_words, g.role_lengths, *g.role_before,
                           *g.role_after, sub[g.role]);
      }
      return read || re.Match(text, begin, end, RE2::ANCHOR_BOTH, sub.data(), g.count);
    };
    // Where the last placeholder of G2's letters starts (later_mask): tries from there on
    // cannot match; nor can they after the prefilter's last_start.
    size_t last_later = last_start + 1;
    if (g.later_mask != 0 && !capture_groups) {
      size_t last = 0;
      for (size_t i = masked.find('\x01'); i != std::string_view::npos && i + 1 < masked.size();
           i = masked.find('\x01', i + 1)) {
        if (LetterBit(masked[i + 1]) & g.later_mask) last = i;
      }
      last_later = std::min(last_later, last);
    }
    auto next_match = [&](size_t pos) {
      if (pos > last_start) return false;
      if (capture_groups || (!g.starts_at_placeholder && !g.partition)) {
        return re.Match(text, pos, masked.size(), RE2::UNANCHORED, sub.data(), g.count);
      }
      re2::StringPiece whole;
      if (!g.starts_at_placeholder) {
        // The match first (RE2's DFAs, forwards and backwards), then its captures, as RE2
        // does inside an unanchored search.
        if (!re.Match(text, pos, masked.size(), RE2::UNANCHORED, &whole, 1)) return false;
        const size_t begin = static_cast<size_t>(whole.data() - masked.data());
        return captures(begin, begin + whole.size());
      }
      for (size_t at = masked.find('\x01', pos); at != std::string_view::npos && at < last_later;
           at = masked.find('\x01', at + 1)) {
        if (at + 1 >= masked.size() || !(LetterBit(masked[at + 1]) & g.first_mask)) continue;
        if (!re.Match(text, at, masked.size(), RE2::ANCHOR_START, &whole, 1)) continue;
        return captures(at, static_cast<size_t>(whole.data() - masked.data()) + whole.size());
      }
      return false;
    };
    size_t pos = 0;
    while (pos < masked.size() && next_match(pos)) {
      RuleMatch m;
      m.rule = static_cast<size_t>(index);
      if (g.s > 0 && sub[g.s].data()) {
        Placeholders(std::string_view(sub[g.s].data(), sub[g.s].size()),
                     rules_[index].subject_letters, m.subjects);
      }
      if (g.o > 0 && sub[g.o].data()) {
        Placeholders(std::string_view(sub[g.o].data(), sub[g.o].size()),
                     rules_[index].object_letters, m.objects);
      }
      if (g.role > 0 && sub[g.role].data()) m.role = std::string(sub[g.role]);
      m.begin = static_cast<size_t>(sub[0].data() - masked.data());
      m.end = m.begin + sub[0].size();
      if (seen.insert({m.subjects, m.objects}).second) out.push_back(std::move(m));
      // Resume just after the first placeholder of this match, so overlapping
      // matches that start at a later mention are still found.
      const size_t next = masked.find('\x02', m.begin);
      pos = (next == std::string_view::npos || next + 1 <= pos) ? m.begin + 1 : next + 1;
    }
  }
}

}  // namespace corpgraph::extract
