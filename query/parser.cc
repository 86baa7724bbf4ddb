#include "query/parser.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstdlib>

#include "common/text.h"

namespace corpgraph::query {
namespace {

constexpr std::array<CommandInfo, 9> kCommands = {{
    {"exposure",
     "exposure SUBJECT|* to PLACE|THEME|region:X|country:X|place:X|theme:Y [hops K] "
     "[via REL,...] [since DATE] [until DATE] [min-confidence C] [top N] [include-unconfirmed]",
     "How SUBJECT is exposed to a place or theme: the top paths by score, each hop with its "
     "best evidence sentence. A bare name is a place if one has it, else a theme; a prefix "
     "says which (region:Georgia vs country:Georgia). `exposure * to ...` ranks every "
     "organization.",
     "exposure Apple to region:Asia"},
    {"paths",
     "paths A -> B [hops K] [via REL,...] [min-confidence C] [top N] [include-unconfirmed]",
     "The strongest simple paths between two entities over any relation, walked both ways.",
     "paths Apple -> Alibaba hops 2"},
    {"neighbors", "neighbors X [rel REL,...] [hops K] [top N]",
     "Entities related to X, grouped by relation with direction arrows (also `neighbours`).",
     "neighbors Alibaba rel partner_of"},
    {"entity", "entity X",
     "A card for X: type, aliases, tickers, headquarters, relation counts, strongest relations.",
     "entity BABA"},
    {"evidence", "evidence A REL B",
     "Every sentence supporting the relation A REL B, all modalities, with document and date.",
     "evidence Alibaba partner_of Apple"},
    {"find", "find TEXT", "Fuzzy entity search by name or alias, closest first.", "find alibab"},
    {"search", "search \"words\"", "Full-text search (FTS5 syntax) over evidence sentences.",
     "search \"cloud partnership\""},
    {"stats", "stats", "Counts of documents, entities, relations and evidence in the graph.",
     "stats"},
    {"help", "help [command]", "This overview, or one command's usage and an example.",
     "help exposure"},
}};

constexpr std::array<std::string_view, 4> kTargetKinds = {"region", "country", "place", "theme"};

constexpr std::array<std::string_view, 7> kSearchOptionNames = {
    "hops", "via", "since", "until", "min-confidence", "top", "include-unconfirmed"};
constexpr std::array<std::string_view, 3> kNeighborOptionNames = {"rel", "hops", "top"};

constexpr std::array<std::string_view, 10> kKeywords = {
    "to",  "hops", "via", "since", "until", "min-confidence", "top", "include-unconfirmed",
    "rel", "->"};

std::array<std::string_view, kNumRelationTypes> RelationNames() {
  std::array<std::string_view, kNumRelationTypes> names{};
  for (int i = 0; i < kNumRelationTypes; ++i) names[i] = RelationTypeName(RelationType(i));
  return names;
}

std::array<std::string_view, 9> CommandNames() {
  std::array<std::string_view, 9> names{};
  for (size_t i = 0; i < kCommands.size(); ++i) names[i] = kCommands[i].name;
  return names;
}

// Option words accept '_' for '-' and any ASCII case.
std::string NormalizeOption(std::string_view word) {
  std::string s = AsciiLower(word);
  std::replace(s.begin(), s.end(), '_', '-');
  return s;
}

// Relation words accept '-' for '_' and any ASCII case.
std::string NormalizeRelation(std::string_view word) {
  std::string s = AsciiLower(word);
  std::replace(s.begin(), s.end(), '-', '_');
  return s;
}

enum class TokenKind { kWord, kQuoted, kComma, kArrow, kEnd };

struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::string text;
  int column = 0;      // 1-based byte column of the first character
  bool glued = false;  // no whitespace between this token and the previous one
};

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  Result<Command> Parse() {
    RETURN_IF_ERROR(Tokenize());
    if (Peek().kind == TokenKind::kEnd) {
      return InvalidArgumentError("empty query (type `help` for the list of commands)");
    }
    const Token& head = Peek();
    if (head.kind != TokenKind::kWord) {
      return Error(head.column, "expected a command", "", "e.g. exposure, paths, help");
    }
    std::string command = AsciiLower(head.text);
    if (command == "neighbours") command = "neighbors";
    if (command == "exposure") return ParseExposure();
    if (command == "paths") return ParsePaths();
    if (command == "neighbors") return ParseNeighbors();
    if (command == "entity") return ParseEntity();
    if (command == "evidence") return ParseEvidence();
    if (command == "find") return ParseRestCommand<FindCommand>("find");
    if (command == "search") return ParseRestCommand<SearchCommand>("search");
    if (command == "stats") return ParseStats();
    if (command == "help") return ParseHelp();
    auto names = CommandNames();
    std::string_view suggestion = ClosestMatch(command, names);
    return Error(head.column, "unknown command \"" + head.text + "\"", suggestion,
                 suggestion.empty() ? "type `help` for the list of commands" : "");
  }

 private:
  Status Tokenize() {
    size_t i = 0;
    bool space_before = true;
    while (i < text_.size()) {
      char c = text_[i];
      if (std::isspace(static_cast<unsigned char>(c))) {
        ++i;
        space_before = true;
        continue;
      }
      Token token;
      token.column = static_cast<int>(i) + 1;
      token.glued = !space_before && !tokens_.empty();
      space_before = false;
      if (c == '"') {
        size_t close = text_.find('"', i + 1);
        if (close == std::string_view::npos) {
          return Error(token.column, "unterminated quote", "", "close it with \"");
        }
        token.kind = TokenKind::kQuoted;
        token.text = std::string(text_.substr(i + 1, close - i - 1));
        i = close + 1;
      } else if (c == ',') {
        token.kind = TokenKind::kComma;
        token.text = ",";
        ++i;
      } else if (c == '-' && i + 1 < text_.size() && text_[i + 1] == '>') {
        token.kind = TokenKind::kArrow;
        token.text = "->";
        i += 2;
      } else {
        size_t j = i;
        while (j < text_.size() && !std::isspace(static_cast<unsigned char>(text_[j])) &&
               text_[j] != '"' && text_[j] != ',' &&
               !(text_[j] == '-' && j + 1 < text_.size() && text_[j + 1] == '>')) {
          ++j;
        }
        token.kind = TokenKind::kWord;
        token.text = std::string(text_.substr(i, j - i));
        i = j;
      }
      tokens_.push_back(std::move(token));
    }
    Token end;
    end.kind = TokenKind::kEnd;
    end.column = static_cast<int>(text_.size()) + 1;
    tokens_.push_back(end);
    return Status::Ok();
  }

  const Token& Peek() const { return tokens_[pos_]; }
  const Token& Next() { return tokens_[pos_ < tokens_.size() - 1 ? pos_++ : pos_]; }
  bool AtEnd() const { return Peek().kind == TokenKind::kEnd; }

  // "<problem> at column N — did you mean "X"? (hint)" plus the caret lines.
  Status Error(int column, std::string problem, std::string_view suggestion = "",
               std::string_view hint = "") const {
    std::string message = std::move(problem) + " at column " + std::to_string(column);
    if (!suggestion.empty()) message += " \u2014 did you mean \"" + std::string(suggestion) + "\"?";
    if (!hint.empty()) message += " (" + std::string(hint) + ")";
    message +=
        "\n  " + std::string(text_) + "\n  " + std::string(std::max(column - 1, 0), ' ') + "^";
    return InvalidArgumentError(std::move(message));
  }

  static bool IsWord(const Token& t, std::string_view lower) {
    return t.kind == TokenKind::kWord && NormalizeOption(t.text) == lower;
  }

  // True if `t` starts with a target prefix such as "region:".
  static bool LooksLikeTarget(const Token& t) {
    if (t.kind != TokenKind::kWord) return false;
    size_t colon = t.text.find(':');
    if (colon == std::string::npos) return false;
    std::string prefix = AsciiLower(std::string_view(t.text).substr(0, colon));
    return std::find(kTargetKinds.begin(), kTargetKinds.end(), prefix) != kTargetKinds.end();
  }

  // Reads a name: one quoted token, or bare words until `stop` says a word ends it.
  template <typename Stop>
  Result<Name> ParseName(std::string_view what, Stop stop) {
    const Token& first = Peek();
    if (first.kind == TokenKind::kQuoted) {
      Next();
      if (first.text.empty()) return Error(first.column, "empty " + std::string(what));
      return Name{first.text, first.column};
    }
    Name name;
    name.column = first.column;
    while (Peek().kind == TokenKind::kWord && !stop(Peek())) {
      if (!name.text.empty()) name.text += ' ';
      name.text += Next().text;
    }
    if (name.text.empty()) {
      return Error(first.column, "expected " + std::string(what));
    }
    return name;
  }

  Result<int> ParseInt(std::string_view option, int min, int max) {
    const Token& t = Next();
    int value = 0;
    const char* begin = t.text.data();
    const char* end = begin + t.text.size();
    auto [ptr, ec] = std::from_chars(begin, end, value);
    if (t.kind != TokenKind::kWord || ec != std::errc() || ptr != end || value < min ||
        value > max) {
      return Error(t.column, std::string(option) + " needs an integer from " + std::to_string(min) +
                                 " to " + std::to_string(max) +
                                 (t.kind == TokenKind::kEnd ? "" : ", got \"" + t.text + "\""));
    }
    return value;
  }

  Result<double> ParseFraction(std::string_view option) {
    const Token& t = Next();
    char* end = nullptr;
    std::string s = t.text;
    double value = s.empty() ? -1 : std::strtod(s.c_str(), &end);
    if (t.kind != TokenKind::kWord || s.empty() || end != s.c_str() + s.size() || !(value >= 0) ||
        value > 1) {
      return Error(t.column, std::string(option) + " needs a number from 0 to 1" +
                                 (t.kind == TokenKind::kEnd ? "" : ", got \"" + t.text + "\""));
    }
    return value;
  }

  // YYYY, YYYY-MM or YYYY-MM-DD.
  Result<std::string> ParseDate(std::string_view option) {
    const Token& t = Next();
    const std::string& s = t.text;
    auto digits = [&](size_t from, size_t n) {
      for (size_t k = from; k < from + n; ++k) {
        if (k >= s.size() || !std::isdigit(static_cast<unsigned char>(s[k]))) return false;
      }
      return true;
    };
    bool ok = t.kind == TokenKind::kWord &&
              ((s.size() == 4 && digits(0, 4)) ||
               (s.size() == 7 && digits(0, 4) && s[4] == '-' && digits(5, 2)) ||
               (s.size() == 10 && digits(0, 4) && s[4] == '-' && digits(5, 2) && s[7] == '-' &&
                digits(8, 2)));
    if (ok && s.size() >= 7) {
      int month = std::atoi(s.substr(5, 2).c_str());
      ok = month >= 1 && month <= 12;
      if (ok && s.size() == 10) {
        int day = std::atoi(s.substr(8, 2).c_str());
        ok = day >= 1 && day <= 31;
      }
    }
    if (!ok) {
      return Error(t.column, std::string(option) + " needs a date YYYY, YYYY-MM or YYYY-MM-DD" +
                                 (t.kind == TokenKind::kEnd ? "" : ", got \"" + s + "\""));
    }
    return s;
  }

  Result<RelationType> ParseRelation() {
    const Token& t = Next();
    if (t.kind != TokenKind::kWord && t.kind != TokenKind::kQuoted) {
      return Error(t.column, "expected a relation type", "", "e.g. partner_of, operates_in");
    }
    std::string word = NormalizeRelation(t.text);
    if (auto type = ParseRelationType(word)) return *type;
    auto names = RelationNames();
    return Error(t.column, "unknown relation \"" + t.text + "\"", ClosestMatch(word, names));
  }

  Result<std::vector<RelationType>> ParseRelationList() {
    std::vector<RelationType> list;
    while (true) {
      ASSIGN_OR_RETURN(RelationType type, ParseRelation());
      if (std::find(list.begin(), list.end(), type) == list.end()) list.push_back(type);
      if (Peek().kind != TokenKind::kComma) break;
      Next();
    }
    return list;
  }

  template <size_t N>
  Status UnknownOption(const Token& t, std::string_view command,
                       const std::array<std::string_view, N>& allowed) {
    std::string expected;
    for (std::string_view name : allowed)
      expected += (expected.empty() ? "" : ", ") + std::string(name);
    if (t.kind == TokenKind::kComma) {
      return Error(t.column, "unexpected \",\"", "",
                   "separate relations without spaces around commas");
    }
    std::string word = NormalizeOption(t.text);
    std::string_view suggestion = ClosestMatch(word, allowed);
    return Error(t.column, "unknown option \"" + t.text + "\" for " + std::string(command),
                 suggestion, suggestion.empty() ? "expected one of: " + expected : "");
  }

  static bool IsSearchOption(const Token& t) {
    if (t.kind != TokenKind::kWord) return false;
    std::string word = NormalizeOption(t.text);
    return std::find(kSearchOptionNames.begin(), kSearchOptionNames.end(), word) !=
           kSearchOptionNames.end();
  }

  Status ParseSearchOptions(std::string_view command, SearchOptions& options) {
    while (!AtEnd()) {
      const Token& t = Peek();
      if (!IsSearchOption(t)) return UnknownOption(t, command, kSearchOptionNames);
      std::string option = NormalizeOption(Next().text);
      if (option == "hops") {
        ASSIGN_OR_RETURN(options.hops, ParseInt("hops", 1, 6));
      } else if (option == "via") {
        ASSIGN_OR_RETURN(options.via, ParseRelationList());
      } else if (option == "since") {
        ASSIGN_OR_RETURN(options.since, ParseDate("since"));
      } else if (option == "until") {
        ASSIGN_OR_RETURN(options.until, ParseDate("until"));
      } else if (option == "min-confidence") {
        ASSIGN_OR_RETURN(options.min_confidence, ParseFraction("min-confidence"));
      } else if (option == "top") {
        ASSIGN_OR_RETURN(options.top, ParseInt("top", 1, 10000));
      } else if (option == "include-unconfirmed") {
        options.include_unconfirmed = true;
      }
    }
    if (!options.since.empty() && !options.until.empty() && options.until < options.since) {
      return InvalidArgumentError("until " + options.until + " is before since " + options.since);
    }
    return Status::Ok();
  }

  Result<Target> ParseTarget() {
    const Token& t = Peek();
    if (t.kind == TokenKind::kQuoted ||
        (t.kind == TokenKind::kWord && t.text.find(':') == std::string::npos &&
         !IsSearchOption(t))) {
      // A bare name: "to India", "to Middle East", "to \"generative AI\"".
      Target target;
      target.kind = TargetKind::kAny;
      target.column = t.column;
      if (t.kind == TokenKind::kQuoted) {
        target.value = Next().text;
      } else {
        while (Peek().kind == TokenKind::kWord && !IsSearchOption(Peek())) {
          if (!target.value.empty()) target.value += ' ';
          target.value += Next().text;
        }
      }
      if (!target.value.empty()) return target;
    }
    if (t.kind != TokenKind::kWord || t.text.find(':') == std::string::npos) {
      return Error(t.column, "expected a place or theme after \"to\"", "",
                   "e.g. to India, to region:Asia, to country:Japan, to theme:ai");
    }
    Next();
    size_t colon = t.text.find(':');
    std::string prefix = AsciiLower(std::string_view(t.text).substr(0, colon));
    Target target;
    target.column = t.column;
    auto kind_it = std::find(kTargetKinds.begin(), kTargetKinds.end(), prefix);
    if (kind_it == kTargetKinds.end()) {
      return Error(t.column, "unknown target kind \"" + prefix + "\"",
                   ClosestMatch(prefix, kTargetKinds), "use region:, country:, place: or theme:");
    }
    target.kind = static_cast<TargetKind>(kind_it - kTargetKinds.begin());
    std::string value = t.text.substr(colon + 1);
    if (value.empty() && Peek().kind == TokenKind::kQuoted) {
      target.value = Next().text;
    } else {
      target.value = value;
      while (Peek().kind == TokenKind::kWord && !IsSearchOption(Peek())) {
        if (!target.value.empty()) target.value += ' ';
        target.value += Next().text;
      }
    }
    if (target.value.empty()) {
      return Error(t.column + static_cast<int>(colon) + 1,
                   "expected a name after \"" + prefix + ":\"", "", "quote names with spaces");
    }
    return target;
  }

  Result<Command> ParseExposure() {
    Next();  // exposure
    ExposureCommand command;
    if (Peek().kind == TokenKind::kWord && Peek().text == "*") {
      Next();
      command.all_subjects = true;
    } else {
      ASSIGN_OR_RETURN(command.subject, ParseName("a subject after \"exposure\" (an entity or *)",
                                                  [](const Token& t) {
                                                    return IsWord(t, "to") || LooksLikeTarget(t);
                                                  }));
    }
    if (!IsWord(Peek(), "to")) {
      return Error(Peek().column, "expected \"to\" after the subject", "",
                   "e.g. exposure Apple to region:Asia");
    }
    Next();
    ASSIGN_OR_RETURN(command.target, ParseTarget());
    RETURN_IF_ERROR(ParseSearchOptions("exposure", command.options));
    return Command(std::move(command));
  }

  Result<Command> ParsePaths() {
    Next();  // paths
    PathsCommand command;
    ASSIGN_OR_RETURN(command.from,
                     ParseName("an entity after \"paths\"", [](const Token&) { return false; }));
    if (Peek().kind != TokenKind::kArrow) {
      return Error(Peek().column, "expected \"->\" between the two entities", "",
                   "e.g. paths Apple -> Alibaba");
    }
    Next();
    ASSIGN_OR_RETURN(command.to, ParseName("an entity after \"->\"", IsSearchOption));
    RETURN_IF_ERROR(ParseSearchOptions("paths", command.options));
    return Command(std::move(command));
  }

  static bool IsNeighborOption(const Token& t) {
    if (t.kind != TokenKind::kWord) return false;
    std::string word = NormalizeOption(t.text);
    return std::find(kNeighborOptionNames.begin(), kNeighborOptionNames.end(), word) !=
           kNeighborOptionNames.end();
  }

  Result<Command> ParseNeighbors() {
    Next();  // neighbors
    NeighborsCommand command;
    ASSIGN_OR_RETURN(command.entity, ParseName("an entity after \"neighbors\"", IsNeighborOption));
    while (!AtEnd()) {
      const Token& t = Peek();
      if (!IsNeighborOption(t)) return UnknownOption(t, "neighbors", kNeighborOptionNames);
      std::string option = NormalizeOption(Next().text);
      if (option == "rel") {
        ASSIGN_OR_RETURN(command.relations, ParseRelationList());
      } else if (option == "hops") {
        ASSIGN_OR_RETURN(command.hops, ParseInt("hops", 1, 4));
      } else {
        ASSIGN_OR_RETURN(command.top, ParseInt("top", 1, 10000));
      }
    }
    return Command(std::move(command));
  }

  Status ExpectEnd(std::string_view after) {
    if (AtEnd()) return Status::Ok();
    return Error(Peek().column, "unexpected \"" + Peek().text + "\" after " + std::string(after),
                 "", "quote names that contain spaces or keywords");
  }

  Result<Command> ParseEntity() {
    Next();  // entity
    EntityCommand command;
    ASSIGN_OR_RETURN(command.entity,
                     ParseName("an entity after \"entity\"", [](const Token&) { return false; }));
    RETURN_IF_ERROR(ExpectEnd("the entity"));
    return Command(std::move(command));
  }

  Result<Command> ParseEvidence() {
    Next();  // evidence
    EvidenceCommand command;
    // The relation is the first word after the subject that names a relation type.
    size_t relation_pos = 0;
    size_t first = pos_;
    size_t k = first + (tokens_[first].kind == TokenKind::kQuoted ? 1 : 0);
    for (; k < tokens_.size() && tokens_[k].kind != TokenKind::kEnd; ++k) {
      if (k > first && tokens_[k].kind == TokenKind::kWord &&
          ParseRelationType(NormalizeRelation(tokens_[k].text))) {
        relation_pos = k;
        break;
      }
    }
    if (relation_pos == 0) {
      auto names = RelationNames();
      for (size_t j = first + 1; j < tokens_.size() && tokens_[j].kind != TokenKind::kEnd; ++j) {
        if (tokens_[j].kind != TokenKind::kWord) continue;
        std::string word = NormalizeRelation(tokens_[j].text);
        std::string_view suggestion = ClosestMatch(word, names);
        if (!suggestion.empty() || word.find('_') != std::string::npos) {
          return Error(tokens_[j].column, "unknown relation \"" + tokens_[j].text + "\"",
                       suggestion);
        }
      }
      return Error(Peek().column, "expected SUBJECT RELATION OBJECT after \"evidence\"", "",
                   "e.g. evidence Alibaba partner_of Apple");
    }
    ASSIGN_OR_RETURN(command.subject,
                     ParseName("a subject after \"evidence\"",
                               [&](const Token& t) { return &t == &tokens_[relation_pos]; }));
    if (pos_ != relation_pos) {
      return Error(Peek().column, "expected a relation type after the subject");
    }
    ASSIGN_OR_RETURN(command.relation, ParseRelation());
    ASSIGN_OR_RETURN(command.object,
                     ParseName("an object after the relation", [](const Token&) { return false; }));
    RETURN_IF_ERROR(ExpectEnd("the object"));
    return Command(std::move(command));
  }

  // find / search take the rest of the line verbatim (or one quoted string).
  template <typename T>
  Result<Command> ParseRestCommand(std::string_view name) {
    const Token& head = Next();
    T command;
    if (Peek().kind == TokenKind::kQuoted && tokens_[pos_ + 1].kind == TokenKind::kEnd) {
      command.text = Peek().text;
    } else {
      size_t start = static_cast<size_t>(head.column - 1) + head.text.size();
      command.text = std::string(TrimWhitespace(text_.substr(start)));
    }
    if (command.text.empty()) {
      return Error(Peek().column, "expected text after \"" + std::string(name) + "\"");
    }
    return Command(std::move(command));
  }

  Result<Command> ParseStats() {
    Next();
    RETURN_IF_ERROR(ExpectEnd("\"stats\""));
    return Command(StatsCommand{});
  }

  Result<Command> ParseHelp() {
    Next();
    HelpCommand command;
    if (!AtEnd()) command.topic = AsciiLower(Next().text);
    RETURN_IF_ERROR(ExpectEnd("the help topic"));
    return Command(std::move(command));
  }

  std::string_view text_;
  std::vector<Token> tokens_;
  size_t pos_ = 0;
};

}  // namespace

std::string_view TargetKindName(TargetKind kind) {
  return kind == TargetKind::kAny ? "place or theme" : kTargetKinds[static_cast<size_t>(kind)];
}

Result<Command> ParseQuery(std::string_view text) { return Parser(text).Parse(); }

std::span<const CommandInfo> CommandTable() { return kCommands; }

const CommandInfo* FindCommandInfo(std::string_view name) {
  std::string lower = AsciiLower(name);
  if (lower == "neighbours") lower = "neighbors";
  for (const CommandInfo& info : kCommands) {
    if (info.name == lower) return &info;
  }
  return nullptr;
}

std::string HelpText(std::string_view topic) {
  std::string out;
  if (!topic.empty()) {
    const CommandInfo* info = FindCommandInfo(topic);
    if (info == nullptr) {
      auto names = CommandNames();
      std::string_view suggestion = ClosestMatch(topic, names);
      out = "no command \"" + std::string(topic) + "\"";
      if (!suggestion.empty()) out += " \u2014 did you mean \"" + std::string(suggestion) + "\"?";
      return out + "\n";
    }
    out += "usage:   " + std::string(info->usage) + "\n";
    out += "         " + std::string(info->help) + "\n";
    out += "example: " + std::string(info->example) + "\n";
    return out;
  }
  out += "commands:\n";
  for (const CommandInfo& info : kCommands) out += "  " + std::string(info.usage) + "\n";
  out += "examples:\n";
  for (const CommandInfo& info : kCommands) out += "  " + std::string(info.example) + "\n";
  out += "Names may be quoted: exposure \"Exxon Mobil\" to region:\"Middle East\".\n";
  return out;
}

std::span<const std::string_view> QueryKeywords() { return kKeywords; }

size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t above = row[j];
      bool same = std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                  std::tolower(static_cast<unsigned char>(b[j - 1]));
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (same ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string_view ClosestMatch(std::string_view word, std::span<const std::string_view> candidates) {
  size_t limit = std::max<size_t>(1, word.size() / 3);
  std::string_view best;
  size_t best_distance = limit + 1;
  for (std::string_view candidate : candidates) {
    size_t d = EditDistance(word, candidate);
    if (d < best_distance) {
      best_distance = d;
      best = candidate;
    }
  }
  return best;
}

}  // namespace corpgraph::query
