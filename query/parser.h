// query/parser.h — corpgraph's query language: tokenizer, recursive-descent
// parser and the typed AST it produces, plus the one command table that the
// REPL's `help`, tab completion and `corpgraph query --help` are generated from.
//
//   ASSIGN_OR_RETURN(Command cmd, ParseQuery("exposure Apple to region:Asia hops 2"));
//   if (auto* e = std::get_if<ExposureCommand>(&cmd)) {
//     std::cout << e->subject.text << " -> " << e->target.value << "\n";  // Apple -> Asia
//   }
//   for (const CommandInfo& info : CommandTable()) std::cout << info.usage << "\n";
//
// The grammar is in docs/queries.md. Names may be bare words (a multiword name
// runs until the next keyword of its command) or double-quoted. Errors are
// InvalidArgument with the 1-based column, a caret line under the query and,
// where one is close, a did-you-mean suggestion.
//
// All functions are pure and thread-safe.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/records.h"
#include "common/status.h"

namespace corpgraph::query {

// A name as the user wrote it (quotes removed), with its 1-based column.
struct Name {
  std::string text;
  int column = 0;
  bool operator==(const Name&) const = default;
};

// The `to` side of an exposure query: `region:Asia`, ..., or a bare name (`to India`,
// `to "generative AI"`), which is a place if one has that name, else a theme.
enum class TargetKind { kRegion, kCountry, kPlace, kTheme, kAny };
// "region", "country", "place", "theme"; "place or theme" for kAny.
std::string_view TargetKindName(TargetKind kind);

struct Target {
  TargetKind kind = TargetKind::kRegion;
  std::string value;  // "Asia", "Middle East", "ai"
  int column = 0;     // column of the `region:` prefix
};

// Options shared by exposure and paths. Unset optionals mean "the command's default".
struct SearchOptions {
  std::optional<int> hops;        // exposure/paths: default 3
  std::vector<RelationType> via;  // empty: the command's default set of types
  std::string since;              // YYYY, YYYY-MM or YYYY-MM-DD; "" = unbounded
  std::string until;
  double min_confidence = 0.0;       // minimum relation strength, in [0, 1]
  std::optional<int> top;            // exposure: 10, exposure *: 20, paths: 10
  bool include_unconfirmed = false;  // also walk planned/rumoured/denied/failed
};

// exposure SUBJECT to region:X ... ; `all_subjects` for `exposure * to ...`.
struct ExposureCommand {
  bool all_subjects = false;
  Name subject;  // empty when all_subjects
  Target target;
  SearchOptions options;
};

// paths A -> B [hops K] [via REL,...] [top N] ...
struct PathsCommand {
  Name from;
  Name to;
  SearchOptions options;
};

// neighbors X [rel REL,...] [hops K] [top N]
struct NeighborsCommand {
  Name entity;
  std::vector<RelationType> relations;  // empty: every type
  int hops = 1;
  std::optional<int> top;  // default 50 rows
};

// entity X
struct EntityCommand {
  Name entity;
};

// evidence A REL B
struct EvidenceCommand {
  Name subject;
  RelationType relation = RelationType::kPartnerOf;
  Name object;
};

// find TEXT
struct FindCommand {
  std::string text;
};

// search "words" (FTS5 syntax over evidence sentences)
struct SearchCommand {
  std::string text;
};

struct StatsCommand {};

// help [command]
struct HelpCommand {
  std::string topic;  // "" for the overview
};

using Command =
    std::variant<ExposureCommand, PathsCommand, NeighborsCommand, EntityCommand, EvidenceCommand,
                 FindCommand, SearchCommand, StatsCommand, HelpCommand>;

// Parses one query. Errors: InvalidArgument whose message is
//   `<problem> at column N[ — did you mean "X"?]\n  <query>\n  <spaces>^`.
Result<Command> ParseQuery(std::string_view text);

// One row of the command table.
struct CommandInfo {
  std::string_view name;     // "exposure"
  std::string_view usage;    // "exposure SUBJECT|* to region:X|country:X|place:X|theme:Y [...]"
  std::string_view help;     // one or two sentences
  std::string_view example;  // a query that works on examples/news
};

// Every command, in the order `help` lists them.
std::span<const CommandInfo> CommandTable();
// The row named `name` (also accepts "neighbours"), or nullptr.
const CommandInfo* FindCommandInfo(std::string_view name);
// The `help` text: an overview of every command, or one command's usage,
// help and example. Unknown topics answer with a did-you-mean line.
std::string HelpText(std::string_view topic);

// Keywords and option names, for tab completion: "to", "hops", "via", ...
std::span<const std::string_view> QueryKeywords();

// Levenshtein distance on bytes, ASCII case-insensitive (for suggestions).
size_t EditDistance(std::string_view a, std::string_view b);
// The candidate closest to `word` if its distance is at most max(1, |word|/3), else "".
std::string_view ClosestMatch(std::string_view word, std::span<const std::string_view> candidates);

}  // namespace corpgraph::query
