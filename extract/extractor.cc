#include "extract/extractor.h"

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <deque>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <unordered_map>
#include <unordered_set>

#include "common/text.h"
#include "data/embedded.h"
#include "extract/cues.h"
#include "extract/internal/byte_mask.h"
#include "extract/internal/hash_index64.h"
#include "extract/internal/hash_set64.h"
#include "extract/internal/string_index.h"
#include "extract/internal/word_prefilter.h"
#include "extract/lexicon.h"
#include "extract/rules.h"
#include "extract/text_units.h"

namespace corpgraph::extract {
namespace {

// The most tokens a lexicon name may have ("American Federation of State , County and Municipal
// Employees" has 9); longer names are never matched.
constexpr size_t kMaxNgram = 12;
constexpr double kNonAssertedFactor = 0.5;

enum class GazKind : uint8_t { kName, kDemonym, kCue };

struct GazTarget {
  uint32_t entry;
  GazKind kind;
};

// A mention found in one sentence, before document-level resolution.
struct RawMention {
  Span span;
  EntityType type = EntityType::kOrganization;
  int lex = -1;              // lexicon entry, or -1
  bool candidate = false;    // capitalised run of unknown type: kept only if it resolves
  bool demonym = false;      // "Chinese": refers to a place but is not a name mention
  bool anaphor = false;      // "the company": refers to a recent organisation
  int anaphor_place = -1;    // "the US company": lexicon entry of the place it names
  int anaphor_theme = -1;    // "the airline": lexicon entry of the theme its noun names
  bool latent = false;       // unresolved candidate, an organisation only if a rule says so
  bool from_ticker = false;  // named only by its ticker ("(NYSE: BABA)" with no name before)
  bool side = false;         // a club or team standing as a side in a sports report
  std::string role;          // title that introduced a person ("CEO")
  int entity = -1;           // document entity after resolution
};

struct DocEntity {
  Entity entity;
  int lex = -1;
  size_t mention_count = 0;   // name mentions (not demonyms or anaphors)
  bool demonym_seen = false;  // named by a demonym ("Lithuanian") somewhere
  uint32_t first_sentence = 0;
  std::vector<std::string> surface;  // distinct surface forms seen
};

std::string_view Slice(std::string_view text, Span s) { return text.substr(s.start, s.size()); }

bool IsWordToken(const Token& t) { return t.is(kWord); }

// Whether `rest` starts with the second half of a hyphenated compound ("based" of
// "Bermuda-based").
bool StartsCompoundTail(std::string_view rest) {
  static constexpr std::string_view kCompounds[] = {
      "based", "owned", "listed", "headquartered", "backed", "controlled", "led", "run"};
  for (const std::string_view compound : kCompounds) {
    if (rest.starts_with(compound) &&
        (rest.size() == compound.size() ||
         !std::isalpha(static_cast<unsigned char>(rest[compound.size()])))) {
      return true;
    }
  }
  return false;
}

// The length of a legal form set off by a comma right after a company's name: ", Inc." of
// "Vantor Labs, Inc., a subsidiary of" (also tokenised ", Inc . ,"), or 0. The rules then
// read "Vantor Labs, a subsidiary of" as they read the name without its form. Words that
// also head a name or a phrase ("Group", "Holdings", "Company") are not taken.
size_t CommaLegalFormLength(std::string_view rest, const StringSet& legal_suffixes) {
  size_t k = 0;
  while (k < rest.size() && rest[k] == ' ') ++k;
  if (k >= rest.size() || rest[k] != ',') return 0;
  ++k;
  while (k < rest.size() && rest[k] == ' ') ++k;
  const size_t word_begin = k;
  while (k < rest.size() && (std::isalpha(static_cast<unsigned char>(rest[k])) || rest[k] == '/' ||
                             (rest[k] == '.' && k + 1 < rest.size() &&
                              std::isalpha(static_cast<unsigned char>(rest[k + 1]))))) {
    ++k;
  }
  const std::string_view word = rest.substr(word_begin, k - word_begin);
  if (word.empty() || !std::isupper(static_cast<unsigned char>(word[0])) ||
      !legal_suffixes.contains(word) || word == "Group" || word == "Holdings" ||
      word == "Holding" || word == "Company" || word == "Cos") {
    return 0;
  }
  size_t end = k;
  size_t after_space = k;
  while (after_space < rest.size() && rest[after_space] == ' ') ++after_space;
  if (after_space < rest.size() && rest[after_space] == '.') {
    // "Inc." or tokenised "Inc ."; a period that is also the sentence's full stop goes too.
    end = after_space + 1;
  }
  if (end < rest.size() && std::isalnum(static_cast<unsigned char>(rest[end]))) return 0;
  if (end < rest.size() && rest[end] != ' ' && rest[end] != ',' && rest[end] != ')' &&
      rest[end] != ';' && rest[end] != '\n') {
    return 0;
  }
  return end;
}

// Whether a space before `rest` only separates punctuation that prose glues to the word
// before it: ", . ; : ) %" followed by a space or the end, "'s", and "- based" style
// compounds ("Bermuda - based").
bool SpaceBeforeGluedPunct(std::string_view rest) {
  if (rest.empty()) return false;
  const auto ends_word = [&](size_t k) {
    return k >= rest.size() || rest[k] == ' ' || rest[k] == '\n' || rest[k] == ',' ||
           rest[k] == '.';
  };
  switch (rest[0]) {
    case ',':
    case ';':
    case ':':
    case ')':
    case '%':
    case '.':
      return ends_word(1);
    case '\'':
      return rest.size() >= 2 && (rest[1] == ' ' || (rest[1] == 's' && ends_word(2)));
    case '-':
      return rest.size() >= 3 && rest[1] == ' ' && StartsCompoundTail(rest.substr(2));
    default:
      return false;
  }
}

// Whether a '.' stands between an ASCII letter or digit and a capital ("BANP.BK", "U.S"):
// bare_ric_ticker cannot match a sentence without one, and most sentences have none.
bool HasDotBeforeCapital(std::string_view sentence) {
  for (size_t at = sentence.find('.', 1); at != std::string_view::npos && at + 1 < sentence.size();
       at = sentence.find('.', at + 1)) {
    const char before = sentence[at - 1];
    const char after = sentence[at + 1];
    const bool alnum_before = (before >= 'A' && before <= 'Z') ||
                              (before >= 'a' && before <= 'z') || (before >= '0' && before <= '9');
    if (alnum_before && after >= 'A' && after <= 'Z') return true;
  }
  return false;
}

// AsciiLower(word) == lower without building a string (`lower` holds no capital).
bool AsciiLowerEquals(std::string_view word, std::string_view lower) {
  if (word.size() != lower.size()) return false;
  for (size_t i = 0; i < word.size(); ++i) {
    char c = word[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lower[i]) return false;
  }
  return true;
}

// True if `word` lower-cased is in `set` (a cue list of lower-case words), without building a
// string.
bool ContainsLower(const StringSet& set, std::string_view word) {
  char lower[24];
  if (word.empty() || word.size() > sizeof(lower)) return false;
  for (size_t i = 0; i < word.size(); ++i) {
    const char c = word[i];
    lower[i] = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return set.contains(std::string_view(lower, word.size()));
}

// AsciiLower(word) == "and" without building a string (asked for every token).
bool IsAsciiAnd(std::string_view word) {
  return word.size() == 3 && (word[0] | 0x20) == 'a' && (word[1] | 0x20) == 'n' &&
         (word[2] | 0x20) == 'd';
}

enum GazMode { kExactMode = 0, kUpperMode = 1, kLowerMode = 2 };

// Token hashes read a token eight bytes at a time (every word token of every sentence is
// hashed, so a loop per byte and mode cost more than the rest of the gazetteer walk). Calls
// word(w) for the bytes of `token` as little-endian 64-bit words, the last one zero-padded,
// reading no byte outside `token`. Always inlined: its callers hash a few bytes at a time, and
// where GCC made an out-of-line copy for the key hashes the call cost as much as the hashing.
template <typename Word>
[[gnu::always_inline]] inline void ForEachWord(std::string_view token, Word&& word) {
  const char* p = token.data();
  size_t n = token.size();
  for (; n >= 8; p += 8, n -= 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    word(w);
  }
  if (n >= 4) {
    // Two overlapping four-byte reads; a byte both hold lands at the same place in each.
    uint32_t lo, hi;
    std::memcpy(&lo, p, 4);
    std::memcpy(&hi, p + n - 4, 4);
    word(lo | static_cast<uint64_t>(hi) << (8 * (n - 4)));
  } else if (n > 0) {
    const auto byte = [&](size_t k) { return static_cast<uint64_t>(static_cast<uint8_t>(p[k])); };
    word(byte(0) | byte(n / 2) << (8 * (n / 2)) | byte(n - 1) << (8 * (n - 1)));
  }
}

using internal::ByteRangeMask;

// One step of a token hash: a multiply-xorshift mix, so every bit of the word reaches the
// top bits the hash sets and the first-token bitmap index by (after their own multiply).
uint64_t HashStep(uint64_t h, uint64_t word) {
  h = (h ^ word) * 0x9E3779B97F4A7C15ULL;
  return h ^ (h >> 29);
}
uint64_t HashStart(size_t size) { return 0x243F6A8885A308D3ULL ^ size; }

// The token's hash, ASCII-folded as the map's keys are (exact, upper or lower case).
uint64_t TokenHash(std::string_view token, GazMode mode) {
  uint64_t h = HashStart(token.size());
  switch (mode) {
    case kExactMode:
      ForEachWord(token, [&](uint64_t w) { h = HashStep(h, w); });
      break;
    case kUpperMode:
      ForEachWord(token,
                  [&](uint64_t w) { h = HashStep(h, w & ~(ByteRangeMask(w, 'a', 'z') >> 2)); });
      break;
    case kLowerMode:
      ForEachWord(token,
                  [&](uint64_t w) { h = HashStep(h, w | (ByteRangeMask(w, 'A', 'Z') >> 2)); });
      break;
  }
  return h;
}

// TokenHash(token, mode) for the three modes, except that the upper-case one is 0 where it
// differs from the exact one (0 means "ask TokenHash": only a run that starts with an ALL-CAPS
// word ever looks it up, and most tokens hold a lower-case letter). One pass hashes the exact
// and the lower-case bytes and notes which cases occur; a token with no upper-case letter is
// its own lower-case form, one with no lower-case letter its own upper-case form.
std::array<uint64_t, 3> TokenHashes(std::string_view token) {
  uint64_t exact = HashStart(token.size());
  uint64_t lower = exact;
  uint64_t upper_letters = 0;
  uint64_t lower_letters = 0;
  ForEachWord(token, [&](uint64_t w) {
    const uint64_t up = ByteRangeMask(w, 'A', 'Z');
    upper_letters |= up;
    lower_letters |= ByteRangeMask(w, 'a', 'z');
    exact = HashStep(exact, w);
    lower = HashStep(lower, w | (up >> 2));
  });
  return {exact, lower_letters != 0 ? 0 : exact, lower};
}

// The hash of a whole key string (a gazetteer key, an entity id, a short form): the token
// hash, eight bytes at a time, where FNV-1a took a multiply a byte. Every set of these hashes
// is a filter confirmed by a string comparison, so the function is free to change.
uint64_t KeyStringHash(std::string_view key) { return TokenHash(key, kExactMode); }

// KeyStringHash as a functor, for StringIndex.
struct KeyStringHasher {
  uint64_t operator()(std::string_view key) const { return KeyStringHash(key); }
};

// The hash of a token sequence, extended one token at a time.
uint64_t ExtendHash(uint64_t sequence, uint64_t token) {
  return (sequence ^ token) * 0x9E3779B97F4A7C15ULL + 0x632BE59BD9B4E019ULL;
}

// Whether an organisation of this lexicon subtype is a business (a company, bank or fund),
// not an exchange, government, central bank, party, union, club or international body.
bool IsBusinessSubtype(std::string_view subtype) {
  return subtype.empty() || subtype == "company" || subtype == "bank" || subtype == "fund";
}

// "A350", "B787", "E190", "S500e", "A321neo": one capital letter, three or four digits and at
// most three letters after them (model numbers; "G20" and "Q4" have fewer digits).
bool ModelNumberShaped(std::string_view w) {
  if (w.size() < 4 || w.size() > 8 || w[0] < 'A' || w[0] > 'Z') return false;
  size_t digits = 1;
  while (digits < w.size() && w[digits] >= '0' && w[digits] <= '9') ++digits;
  if (digits - 1 < 3 || digits - 1 > 4) return false;
  for (size_t k = digits; k < w.size(); ++k) {
    if (!((w[k] >= 'a' && w[k] <= 'z') || (w[k] >= 'A' && w[k] <= 'Z'))) return false;
  }
  return w.size() - digits <= 3;  // "A350F", "A321neo"
}

// The one-word cue lists CueHas asks about: bit `list` of ExtractorState::cue_words' values.
enum class CueList : uint8_t {
  kLegalSuffixes,
  kOrgHeadWords,
  kOrgPrefixes,
  kHonorifics,
  kFirstNames,
  kNotEntities,
  kFunctionWords,
  kLeadingJunk,
  kNameParticles,
  kConnectors,
  kNameAdjectives,
  kHeadlineVerbs,
  kEventWords,
  kInstitutionHeads,
};
constexpr size_t kCueListCount = 14;
constexpr uint32_t CueBit(CueList list) { return 1u << static_cast<unsigned>(list); }

// Everything loaded at start-up; read-only while extracting.
struct ExtractorState {
  Lexicon lexicon;
  Cues cues;
  RuleSet rules;
  StringMap<std::vector<GazTarget>> exact;  // surface tokens joined by ' '
  StringMap<std::vector<GazTarget>> upper;  // upper-cased, for ALL-CAPS text
  StringMap<std::vector<GazTarget>> lower;  // theme cues, lower-cased
  // Hashes of every token-prefix of every key, per map (exact, upper, lower): a
  // position whose first token starts no key costs one integer lookup, no string.
  std::array<internal::HashSet64, 3> prefixes;
  // A bit per hash of a set of token hashes (16 KB: small enough to stay in cache), a filter in
  // front of a table whose probes miss the cache.
  struct HashBits {
    static constexpr int kLog2 = 17;
    std::vector<uint64_t> words = std::vector<uint64_t>((1 << kLog2) / 64);
    static size_t Bit(uint64_t hash) {
      return static_cast<size_t>((hash * 0x9E3779B97F4A7C15ULL) >> (64 - kLog2));
    }
    void Insert(uint64_t hash) { words[Bit(hash) / 64] |= uint64_t{1} << (Bit(hash) % 64); }
    // False: `hash` was never inserted; true: it may have been.
    bool MayContain(uint64_t hash) const {
      return ((words[Bit(hash) / 64] >> (Bit(hash) % 64)) & 1) != 0;
    }
  };
  // A bit per hash of a key's first token, in any map (TokenHash, that map's mode): the many
  // word tokens that start no key are passed over without probing `prefixes` or walking the
  // modes.
  HashBits first_token_bits;
  bool MayStartKey(uint64_t token_hash) const { return first_token_bits.MayContain(token_hash); }
  // The hash of every whole key, per map: no string is built where none can match.
  std::array<internal::HashSet64, 3> key_hashes;
  // The keys of each map by the hash of their token sequence, the one GazetteerPass computes
  // for a sentence's tokens: a lookup is a probe of a flat table and one string comparison.
  // Keys whose hashes collide are chained through `next`. Pointers into the maps' nodes,
  // which stay put.
  struct GazKey {
    const std::string* key;
    const std::vector<GazTarget>* targets;
    uint32_t next;  // the next key with the same hash, or kNoKey
  };
  static constexpr uint32_t kNoKey = UINT32_MAX;
  std::array<std::vector<GazKey>, 3> gaz_keys;
  std::array<internal::HashIndex64, 3> gaz_index;  // sequence hash -> first of gaz_keys
  // The targets of the key equal to `key` among those hashed `hash` in `mode`'s map, or null.
  const GazTarget* FindGazetteer(GazMode mode, uint64_t hash, std::string_view key) const;
  // All the targets of that key, or null.
  const std::vector<GazTarget>* FindGazetteerTargets(GazMode mode, uint64_t hash,
                                                     std::string_view key) const;
  // KeyStringHash of every key of `exact`: LexiconOrgFor's names mostly miss, and this
  // answers a miss without the map's lookup.
  internal::HashSet64 exact_key_strings;
  // TokenHash(w, kExactMode) of the first word w of every anaphor phrase (which are lower
  // case): a token whose lower-case hash is not here starts none.
  internal::HashSet64 anaphor_first_words;
  // TokenHash(w, kExactMode) of every anaphor phrase "the w": a token whose lower-case hash is
  // not here makes no phrase "the " + the token lower-cased.
  internal::HashSet64 anaphor_the_words;
  // The sequence hash (ExtendHash over TokenHash(w, kExactMode) of its words w) of every
  // anaphor phrase: a run of tokens whose lower-case hashes extend to none of these is no
  // phrase, and Anaphors builds and looks up no string for it.
  internal::HashSet64 anaphor_phrase_hashes;
  // TokenHash(w, kExactMode) of every clause conjunction ("but") and anaphor opener ("last"):
  // Anaphors asks about every token and every sentence's first, and one whose lower-case hash
  // is not here is none, with no string hashed.
  internal::HashSet64 clause_conjunction_words;
  internal::HashSet64 anaphor_opener_words;
  // TokenHash(p, kExactMode) of every prefix p of every title and org-context phrase (all lower
  // case): a phrase built from tokens starts with its first token lower-cased, so a token whose
  // lower-case hash is not here starts none, and no string needs building or hashing.
  internal::HashSet64 title_prefixes;
  internal::HashSet64 context_before_prefixes;
  internal::HashSet64 context_after_prefixes;
  // Every word of the one-word cue lists -> the lists that hold it (a CueBit each), filed
  // under its TokenHash(w, kExactMode): the token hashes GazetteerPass makes find a word's
  // lists with one probe and one string comparison, where a StringSet per list hashed the
  // string again for every list asked.
  internal::StringIndex<KeyStringHasher> cue_words;
  // The CueBits of the lists holding `word`, whose KeyStringHash is `hash` (0: none).
  uint32_t CueListsOf(std::string_view word, uint64_t hash) const {
    const int* lists = cue_words.FindHashed(word, hash);
    return lists == nullptr ? 0 : static_cast<uint32_t>(*lists);
  }
  // KeyStringHash of every legal suffix: StripLegal's last words are mostly none, and a probe
  // of this small set answers that more cheaply than `cue_words`.
  internal::HashSet64 legal_suffix_words;
  // The words of cue list `list`.
  const StringSet& CueSet(CueList list) const;
  StringMap<uint32_t> ticker_symbols;    // "BABA" and "NYSE:BABA" -> entry
  std::unique_ptr<RE2> exchange_ticker;  // "(NYSE: BABA)"
  std::unique_ptr<RE2> ric_ticker;       // "( XOM.N )"
  std::unique_ptr<RE2> bare_ric_ticker;  // "Siam Quarry PCL SQRY.BK agreed"
  std::unique_ptr<RE2> money;            // "$2.1 billion"
  std::unique_ptr<RE2> stake;            // "a 10% stake"
  std::vector<std::unique_ptr<RE2>> product_patterns;
  std::unique_ptr<RE2::Set> product_set;  // the same patterns: which can match a sentence at all
  // The whole words the product patterns' matches need (internal::WordPrefilter), each word's
  // clause bits filed under its TokenHash(w, kExactMode): most sentences hold no pattern's
  // words, and the token hashes GazetteerPass made say so before product_set scans the bytes.
  internal::WordPrefilter product_words;
  internal::HashIndex64 product_word_index;  // TokenHash -> product_word_bits
  // The same hashes as bits: most word tokens are no product word, and a bit in cache says so
  // where the index's probe missed it.
  HashBits product_word_hashes;
  std::vector<uint64_t> product_word_bits;
  // Modality cues that count before the end of a match, and anywhere in the sentence: one
  // RE2::Set each (a set finds every cue in one pass), with each pattern's modality.
  struct ModalityCues {
    std::vector<Modality> modality;     // parallel to the set's patterns
    std::unique_ptr<RE2::Set> set;      // null when there are none
    std::vector<std::string> patterns;  // the set's patterns
    // The strongest modality among the cues found in `text` (kAsserted when none).
    Modality Strongest(re2::StringPiece text) const;
  };
  ModalityCues modality_before;
  ModalityCues modality_sentence;

  // The themes whose cues (lower-case, one to three words) stand among the words of `name`,
  // in the order found, into `themes`; the other arguments are buffers.
  void ThemesInName(std::string_view name, std::string& lowered, std::vector<Token>& tokens,
                    std::vector<uint64_t>& token_hashes,
                    std::vector<const LexiconEntry*>& themes) const;
  // ThemesInName of each organisation entry's name (empty for other entries): a lexicon
  // company's entity keeps the entry's name, so ThemesInNames need not read it again.
  std::vector<std::vector<const LexiconEntry*>> name_themes;
  // The attributes AddLexiconFields gives each entry's entity ("hq", "tickers" joined, ...).
  std::vector<std::map<std::string, std::string>> lexicon_attributes;
  // By entry: a company of one of the cues' model_brand_sectors (its models carry its name).
  std::vector<char> names_models;
  // By entry: a product's maker's entry, or -1.
  std::vector<int> maker_entry;
  std::unique_ptr<RE2> model_follower;  // the cues' model_followers, anchored, in one RE2

  Status Build();
  void AddGazetteer(std::string_view phrase, uint32_t entry, GazKind kind);
};

}  // namespace

struct Extractor::Rep : ExtractorState {
  ExtractorOptions options;
};

namespace {

std::string JoinTokens(std::string_view text, const std::vector<Token>& tokens, size_t from,
                       size_t n) {
  std::string key;
  for (size_t i = from; i < from + n; ++i) {
    if (i > from) key.push_back(' ');
    key.append(text.substr(tokens[i].start, tokens[i].end - tokens[i].start));
  }
  return key;
}

// The hash AddGazetteer files the key JoinTokens(text, tokens, from, n) under in `mode`'s map
// (tokens hold no spaces, so equal joined strings mean equal tokens): a 1-gram or n-gram whose
// hash is in key_hashes[mode] may be a key, any other is none and needs no string.
uint64_t SequenceHash(std::string_view text, const std::vector<Token>& tokens, size_t from,
                      size_t n, GazMode mode) {
  uint64_t h = 0;
  for (size_t i = from; i < from + n; ++i) {
    h = ExtendHash(h,
                   TokenHash(text.substr(tokens[i].start, tokens[i].end - tokens[i].start), mode));
  }
  return h;
}

std::string UpperAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

RE2::Options CaseInsensitive() {
  RE2::Options o;
  o.set_case_sensitive(false);
  o.set_log_errors(false);
  return o;
}

RE2::Options CaseSensitive() {
  RE2::Options o;
  o.set_log_errors(false);
  return o;
}

}  // namespace

void ExtractorState::AddGazetteer(std::string_view phrase, uint32_t entry, GazKind kind) {
  const std::string text = kind == GazKind::kCue ? AsciiLower(phrase) : std::string(phrase);
  const std::vector<Token> tokens = Tokenize(text, Span{0, static_cast<uint32_t>(text.size())});
  if (tokens.empty() || tokens.size() > kMaxNgram) return;
  const std::string key = JoinTokens(text, tokens, 0, tokens.size());
  if (key.size() < 2 && kind != GazKind::kCue) return;
  auto add = [&](auto& map, const std::string& k) {
    const GazMode mode = &map == &exact ? kExactMode : &map == &upper ? kUpperMode : kLowerMode;
    uint64_t h = 0;
    for (const Token& t : tokens) {
      const uint64_t token_hash =
          TokenHash(std::string_view(text).substr(t.start, t.end - t.start), mode);
      if (h == 0) {
        first_token_bits.Insert(token_hash);
      }
      h = ExtendHash(h, token_hash);
      prefixes[mode].Insert(h);
    }
    key_hashes[mode].Insert(h);
    if (mode == kExactMode) exact_key_strings.Insert(KeyStringHash(k));
    const auto node = map.try_emplace(k).first;
    auto& targets = node->second;
    // Index the key under this hash unless it already is.
    std::vector<GazKey>& keys = gaz_keys[mode];
    const auto fresh = static_cast<uint32_t>(keys.size());
    const uint32_t first = gaz_index[mode].Insert(h, fresh);
    bool indexed = false;
    for (uint32_t at = first; at != fresh && at != kNoKey && !indexed; at = keys[at].next) {
      indexed = keys[at].key == &node->first;
    }
    if (!indexed) {
      keys.push_back({&node->first, &targets, kNoKey});
      if (first != fresh) {  // chain it after the first key of this hash
        keys.back().next = keys[first].next;
        keys[first].next = fresh;
      }
    }
    for (const auto& t : targets) {
      if (t.entry == entry) return;
    }
    targets.push_back({entry, kind});
  };
  if (kind == GazKind::kCue) {
    add(lower, key);
    return;
  }
  add(exact, key);
  // ALL-CAPS text (headlines, datelines) only matches names of three letters or more,
  // so that "US" or "IT" in capitals are read as written.
  if (key.size() >= 4) add(upper, UpperAscii(key));
}

const std::vector<GazTarget>* ExtractorState::FindGazetteerTargets(GazMode mode, uint64_t hash,
                                                                   std::string_view key) const {
  const uint32_t* first = gaz_index[mode].Find(hash);
  if (!first) return nullptr;
  for (uint32_t at = *first; at != kNoKey; at = gaz_keys[mode][at].next) {
    const GazKey& k = gaz_keys[mode][at];
    if (*k.key == key) return k.targets;
  }
  return nullptr;
}

const GazTarget* ExtractorState::FindGazetteer(GazMode mode, uint64_t hash,
                                               std::string_view key) const {
  const std::vector<GazTarget>* targets = FindGazetteerTargets(mode, hash, key);
  return targets == nullptr ? nullptr : &targets->front();
}

const StringSet& ExtractorState::CueSet(CueList list) const {
  switch (list) {
    case CueList::kLegalSuffixes:
      return cues.legal_suffixes;
    case CueList::kOrgHeadWords:
      return cues.org_head_words;
    case CueList::kOrgPrefixes:
      return cues.org_prefixes;
    case CueList::kHonorifics:
      return cues.honorifics;
    case CueList::kFirstNames:
      return cues.first_names;
    case CueList::kNotEntities:
      return cues.not_entities;
    case CueList::kFunctionWords:
      return cues.function_words;
    case CueList::kLeadingJunk:
      return cues.name_edge_words;
    case CueList::kNameParticles:
      return cues.name_particles;
    case CueList::kConnectors:
      return cues.name_connectors;
    case CueList::kNameAdjectives:
      return cues.name_adjectives;
    case CueList::kHeadlineVerbs:
      return cues.headline_verbs;
    case CueList::kEventWords:
      return cues.event_words;
    case CueList::kInstitutionHeads:
      return cues.institution_heads;
  }
  return cues.name_connectors;  // not reached: every list is named above
}

Status ExtractorState::Build() {
  RETURN_IF_ERROR(lexicon.Finalize());
  const auto& entries = lexicon.entries();
  for (uint32_t i = 0; i < entries.size(); ++i) {
    const LexiconEntry& e = entries[i];
    if (e.type == EntityType::kTheme) {
      AddGazetteer(e.name, i, GazKind::kCue);
      for (const auto& cue : e.cues) AddGazetteer(cue, i, GazKind::kCue);
      for (const auto& alias : e.aliases) AddGazetteer(alias, i, GazKind::kCue);
      continue;
    }
    AddGazetteer(e.name, i, GazKind::kName);
    for (const auto& alias : e.aliases) AddGazetteer(alias, i, GazKind::kName);
    for (const auto& demonym : e.demonyms) AddGazetteer(demonym, i, GazKind::kDemonym);
    for (const auto& ticker : e.tickers) {
      ticker_symbols.emplace(ticker, i);
      ticker_symbols.emplace(ticker.substr(ticker.find(':') + 1), i);
    }
  }
  for (const std::string& phrase : cues.anaphors) {
    anaphor_first_words.Insert(TokenHash(phrase.substr(0, phrase.find(' ')), kExactMode));
    uint64_t sequence = 0;
    for (size_t at = 0;;) {
      const size_t space = phrase.find(' ', at);
      sequence = ExtendHash(sequence,
                            TokenHash(std::string_view(phrase).substr(at, space - at), kExactMode));
      if (space == std::string::npos) break;
      at = space + 1;
    }
    anaphor_phrase_hashes.Insert(sequence);
    if (phrase.starts_with("the "))
      anaphor_the_words.Insert(TokenHash(phrase.substr(4), kExactMode));
  }
  for (const std::string& word : cues.clause_conjunctions)
    clause_conjunction_words.Insert(TokenHash(word, kExactMode));
  for (const std::string& word : cues.anaphor_openers)
    anaphor_opener_words.Insert(TokenHash(word, kExactMode));
  auto insert_prefixes = [](internal::HashSet64& set, std::string_view phrase) {
    for (size_t n = 1; n <= phrase.size(); ++n)
      set.Insert(TokenHash(phrase.substr(0, n), kExactMode));
  };
  for (const auto& [phrase, role] : cues.titles) insert_prefixes(title_prefixes, phrase);
  for (const std::string& phrase : cues.org_context_before)
    insert_prefixes(context_before_prefixes, phrase);
  for (const std::string& phrase : cues.org_context_after)
    insert_prefixes(context_after_prefixes, phrase);
  std::map<std::string_view, uint32_t> lists_of_word;  // ordered: the same index every run
  for (size_t list = 0; list < kCueListCount; ++list) {
    for (const std::string& word : CueSet(static_cast<CueList>(list)))
      lists_of_word[word] |= CueBit(static_cast<CueList>(list));
  }
  for (const auto& [word, lists] : lists_of_word) {
    cue_words.Insert(word, static_cast<int>(lists));
    if ((lists & CueBit(CueList::kLegalSuffixes)) != 0)
      legal_suffix_words.Insert(KeyStringHash(word));
  }
  // Exchange names for "(NYSE: BABA)"; longest first so "NYSE American" wins over "NYSE".
  std::vector<std::string> names;
  for (const auto& e : entries) {
    if (e.subtype != "exchange") continue;
    names.push_back(e.name);
    for (const auto& a : e.aliases) names.push_back(a);
  }
  std::sort(names.begin(), names.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  std::string alternation;
  for (const auto& n : names) {
    if (!alternation.empty()) alternation += "|";
    alternation += RE2::QuoteMeta(n);
  }
  if (alternation.empty()) alternation = "NYSE|Nasdaq";
  exchange_ticker = std::make_unique<RE2>(
      "\\(\\s*(" + alternation + ")\\s*:\\s*([A-Za-z0-9][A-Za-z0-9.\\-]{0,11})\\s*[,;)]",
      CaseInsensitive());
  ric_ticker =
      // "( XOM.N )", "(VOLVb.ST)" with a share-class letter, "(004940.KS)", "(TIMP3.SA)".
      std::make_unique<RE2>("\\(\\s*([A-Z0-9]{1,7}[a-z]?)(\\.[A-Z]{1,3})\\s*[,;)]",
                            CaseSensitive());
  // Without parentheses, only as a word of its own with a digit or two or more capitals
  // ("U.S." is no ticker); the suffix must be an exchange's (checked where it is used).
  bare_ric_ticker = std::make_unique<RE2>(
      "(?:^|\\s)([A-Z0-9]{2,7}[a-z]?)(\\.[A-Z]{1,3})(?:[\\s,;:]|\\.(?:\\s|$)|$)", CaseSensitive());
  // LastMoneyStart and MayHoldStake say where these cannot match: change them together.
  money = std::make_unique<RE2>(
      "(US\\$|\\$|€|£|¥|USD |EUR |GBP |HK\\$)\\s?(\\d+(?:[.,]\\d+)?)\\s?(trillion|billion|bln|bn|"
      "million|mln|mn|m)?\\b",
      CaseInsensitive());
  stake = std::make_unique<RE2>("(\\d+(?:\\.\\d+)?)\\s?(?:%|percent|per cent)(?:-| )stake",
                                CaseInsensitive());
  // Product patterns may use the rules' macros ({PRODUCT_KIND}): one word list for both.
  std::vector<std::string> product_sources;
  for (size_t i = 0; i < cues.product_patterns.size(); ++i) {
    const std::string where = "cues: product_patterns[" + std::to_string(i) + "]";
    ASSIGN_OR_RETURN(std::string source, rules.ExpandMacros(cues.product_patterns[i], where));
    auto re = std::make_unique<RE2>(source, CaseSensitive());
    if (!re->ok() || re->NumberOfCapturingGroups() < 1) {
      return InvalidArgumentError(where + ": " +
                                  (re->ok() ? "needs one capture group" : re->error()) + " in \"" +
                                  cues.product_patterns[i] + "\"");
    }
    product_patterns.push_back(std::move(re));
    product_sources.push_back(std::move(source));
  }
  product_set = std::make_unique<RE2::Set>(CaseSensitive(), RE2::UNANCHORED);
  for (const std::string& pattern : product_sources) {
    if (product_set->Add(pattern, nullptr) < 0)
      return InternalError("product pattern set: " + pattern);
  }
  if (!product_set->Compile()) return InternalError("product patterns: too large for an RE2::Set");
  product_words.Build(product_sources);
  for (const auto& [word, bits] : product_words.words()) {
    // Two words of one hash share their bits: either may be the one in the text.
    const auto next = static_cast<uint32_t>(product_word_bits.size());
    const uint32_t at = product_word_index.Insert(TokenHash(word, kExactMode), next);
    product_word_hashes.Insert(TokenHash(word, kExactMode));
    if (at == next) product_word_bits.push_back(0);
    product_word_bits[at] |= bits;
  }
  RE2::Options set_options = CaseInsensitive();
  set_options.set_max_mem(64 << 20);
  for (ModalityCues* group : {&modality_before, &modality_sentence}) {
    group->set = std::make_unique<RE2::Set>(set_options, RE2::UNANCHORED);
  }
  for (size_t i = 0; i < cues.modality.size(); ++i) {
    const ModalityCue& cue = cues.modality[i];
    ModalityCues& group = cue.sentence_scope ? modality_sentence : modality_before;
    std::string error;
    if (group.set->Add(cue.pattern, &error) < 0) {
      return InvalidArgumentError("cues: modality[" + std::to_string(i) + "]: " + error + " in \"" +
                                  cue.pattern + "\"");
    }
    group.modality.push_back(cue.modality);
    group.patterns.push_back(cue.pattern);
  }
  for (ModalityCues* group : {&modality_before, &modality_sentence}) {
    if (group->modality.empty()) {
      group->set.reset();
    } else if (!group->set->Compile()) {
      return InternalError("cues: the modality patterns are too large for an RE2::Set");
    }
  }
  // The rules' literal pass over each sentence also says which cues may match it (most
  // sentences have none): the before cues first, then the sentence-wide ones.
  std::vector<std::string> screened = modality_before.patterns;
  screened.insert(screened.end(), modality_sentence.patterns.begin(),
                  modality_sentence.patterns.end());
  rules.SetScreenedPatterns(std::move(screened));
  {
    std::string followers;
    for (size_t i = 0; i < cues.model_followers.size(); ++i) {
      const std::string where = "cues: model_followers[" + std::to_string(i) + "]";
      ASSIGN_OR_RETURN(std::string source, rules.ExpandMacros(cues.model_followers[i], where));
      followers += (followers.empty() ? "(?:" : "|(?:") + source + ")";
    }
    if (!followers.empty()) {
      model_follower = std::make_unique<RE2>(followers, CaseSensitive());
      if (!model_follower->ok()) {
        return InvalidArgumentError("cues: model_followers: " + model_follower->error());
      }
    }
  }
  maker_entry.assign(entries.size(), -1);
  for (size_t i = 0; i < entries.size(); ++i) {
    if (const LexiconEntry* maker = lexicon.Find(entries[i].maker); maker != nullptr) {
      maker_entry[i] = static_cast<int>(maker - entries.data());
    }
  }
  names_models.resize(entries.size());
  for (size_t i = 0; i < entries.size(); ++i) {
    for (const std::string& sector : entries[i].sectors) {
      if (cues.model_brand_sectors.contains(sector)) names_models[i] = 1;
    }
  }
  name_themes.resize(entries.size());
  lexicon_attributes.resize(entries.size());
  {
    std::string lowered;
    std::vector<Token> tokens;
    std::vector<uint64_t> token_hashes;
    for (size_t i = 0; i < entries.size(); ++i) {
      const LexiconEntry& entry = entries[i];
      if (entry.type == EntityType::kOrganization) {
        ThemesInName(entry.name, lowered, tokens, token_hashes, name_themes[i]);
      }
      std::map<std::string, std::string>& attributes = lexicon_attributes[i];
      if (!entry.hq.empty()) attributes["hq"] = entry.hq;
      if (!entry.maker.empty()) attributes["maker"] = entry.maker;
      if (!entry.iso2.empty()) attributes["iso2"] = entry.iso2;
      if (!entry.country.empty()) attributes["country"] = entry.country;
      auto join = [](const std::vector<std::string>& items) {
        std::string joined;
        for (const auto& item : items) {
          if (!joined.empty()) joined += ',';
          joined += item;
        }
        return joined;
      };
      if (!entry.tickers.empty()) attributes["tickers"] = join(entry.tickers);
      if (!entry.sectors.empty()) attributes["sectors"] = join(entry.sectors);
    }
  }
  return rules.Compile();
}

namespace {

// Adds the embedded lexicons (unless options say not to) and the user's files to `lexicon`.
Status AddLexicons(const ExtractorOptions& options, Lexicon& lexicon) {
  if (options.use_default_lexicon) {
    for (const char* file : {"places.json", "exchanges.json", "themes.json", "companies.json",
                             "organisations.json", "products.json"}) {
      auto text = data::EmbeddedFile(file);
      if (!text) return InternalError(std::string("embedded data/") + file + " is missing");
      RETURN_IF_ERROR(lexicon.AddJson(*text, std::string("data/") + file));
    }
  }
  for (const auto& file : options.lexicon_files) {
    RETURN_IF_ERROR(lexicon.AddFile(file).WithContext("loading lexicon"));
  }
  return Status::Ok();
}

// The finalized lexicon's places, themes and exchanges as taxonomy nodes.
std::vector<Entity> TaxonomyOf(const Lexicon& lexicon) {
  std::vector<Entity> out;
  for (const LexiconEntry& e : lexicon.entries()) {
    if (e.type != EntityType::kPlace && e.type != EntityType::kTheme && e.subtype != "exchange") {
      continue;
    }
    Entity node;
    node.id = e.id;
    node.name = e.name;
    node.type = e.type;
    node.subtype = e.subtype;
    node.aliases = e.aliases;
    node.parents = e.ancestors;
    if (!e.iso2.empty()) node.attributes["iso2"] = e.iso2;
    if (!e.country.empty()) node.attributes["country"] = e.country;
    out.push_back(std::move(node));
  }
  return out;
}

}  // namespace

Result<std::unique_ptr<Extractor>> Extractor::Create(const ExtractorOptions& options) {
  auto rep = std::make_unique<Rep>();
  rep->options = options;
  // first_names.json is a cues file with only "first_names": its names join those of cues.json.
  for (const char* file : {"cues.json", "first_names.json"}) {
    auto text = data::EmbeddedFile(file);
    if (!text) return InternalError(std::string("embedded data/") + file + " is missing");
    RETURN_IF_ERROR(rep->cues.AddJson(*text, std::string("data/") + file));
  }
  if (options.use_default_rules) {
    auto text = data::EmbeddedFile("rules.json");
    if (!text) return InternalError("embedded data/rules.json is missing");
    RETURN_IF_ERROR(rep->rules.AddJson(*text, "data/rules.json"));
  } else if (auto text = data::EmbeddedFile("rules.json")) {
    // User rules may still use the default macros ({AUX}, {ROLE}, ...).
    RETURN_IF_ERROR(rep->rules.AddJson(*text, "data/rules.json", /*macros_only=*/true));
  }
  RETURN_IF_ERROR(AddLexicons(options, rep->lexicon));
  for (const auto& file : options.rules_files) {
    RETURN_IF_ERROR(rep->rules.AddFile(file).WithContext("loading rules"));
    // A rules file may also carry cue lists ("first_names", "titles", ...): they extend ours.
    RETURN_IF_ERROR(rep->cues.AddFile(file).WithContext("loading cues"));
  }
  RETURN_IF_ERROR(rep->Build());
  return std::unique_ptr<Extractor>(new Extractor(std::move(rep)));
}

Result<std::vector<Entity>> Extractor::LoadTaxonomy(const ExtractorOptions& options) {
  Lexicon lexicon;
  RETURN_IF_ERROR(AddLexicons(options, lexicon));
  RETURN_IF_ERROR(lexicon.Finalize());
  return TaxonomyOf(lexicon);
}

Extractor::Extractor(std::unique_ptr<Rep> rep) : rep_(std::move(rep)) {}
Extractor::~Extractor() = default;

std::vector<Entity> Extractor::Taxonomy() const { return TaxonomyOf(rep_->lexicon); }

// ---------------------------------------------------------------------------
// Per-document extraction.

namespace {

struct SentenceWork {
  Span span;
  std::span<const Token> tokens;  // into RunScratch::tokens
  std::vector<RawMention> mentions;
  std::vector<Span> ticker_parens;  // "( XOM.N )", "(NYSE: BABA)": hidden from relation rules
  bool headline = false;
  // The first token after a dateline ("NEW YORK (Reuters) - Hedge funds ..."): the sentence's
  // text starts there, so its capital is no name's (0 without a dateline).
  size_t first = 0;
  // Whether token i starts the sentence's text: its first token, or the first after a dateline.
  bool StartsText(size_t i) const { return i == 0 || i == first; }
  // Title Case ("Apple Clears Camera Supply Snags, Analyst Says"): capitals mark no names.
  bool title_case = false;
};

// owner[k]: the index of the mention of `s` that covers token k, or -1.
void RebuildOwner(const SentenceWork& s, std::vector<int>& owner) {
  std::fill(owner.begin(), owner.end(), -1);
  // The tokens inside a mention's span are a run: tokens are in text order and do not overlap,
  // so their starts and ends both rise, and those that start at or after the span's start and
  // end by its end are the first few from the first that starts there.
  for (size_t mi = 0; mi < s.mentions.size(); ++mi) {
    const Span span = s.mentions[mi].span;
    size_t k = static_cast<size_t>(
        std::lower_bound(s.tokens.begin(), s.tokens.end(), span.start,
                         [](const Token& t, uint32_t start) { return t.start < start; }) -
        s.tokens.begin());
    for (; k < s.tokens.size() && s.tokens[k].end <= span.end; ++k) owner[k] = static_cast<int>(mi);
  }
}

// Buffers a thread reuses for every document it extracts, so that sentences, tokens and
// mentions cost no allocation once the buffers have grown: the sentences' tokens in one
// array, the mention vectors of earlier sentences (emptied, capacity kept), and per-sentence
// scratch. Nothing in them outlives a DocumentRun.
struct RunScratch {
  std::vector<Token> tokens;                             // every sentence's, in text order
  std::vector<std::vector<RawMention>> mention_vectors;  // empty, with capacity
  std::vector<int> owner;                                // FindMentions: token -> mention
  std::vector<int> product_candidates;                   // Products: patterns the set matched
  std::string title_phrase;                              // IsTitle: the words, lower-cased
  std::vector<Token> name_tokens;                        // tokens of a name being looked up
  std::string name_key;                                  // LexiconOrgFor: those tokens joined
  std::vector<std::string_view> name_words;              // its words (short forms)
  std::vector<const LexiconEntry*> name_themes;          // ThemesInNames: themes of a name
  std::vector<uint64_t> name_token_hashes;               // ThemesInNames: its tokens' hashes
  std::vector<RawMention*> sentence_mentions;            // Relations: non-overlapping mentions
  std::vector<const RawMention*> sentence_orgs;          // Relations: organisations among them
  std::vector<size_t> placeholder_ends;  // Relations: where each mention's placeholder ends
  // NewEntity's answer per lexicon entry in this document (-1: not asked yet), and the
  // entries set, to reset them at the end.
  std::vector<int> lex_entity;
  std::vector<int> lex_entity_set;
  // A document's sentences and entities, emptied after it (their capacity kept): most of a
  // document's larger allocations, and the moves of entities as the vector grew.
  std::vector<SentenceWork> sentences;
  std::vector<DocEntity> entities;
  // DocumentRun's per-document indexes and buffers (see its members of the same names),
  // emptied after each document with their tables' capacity kept.
  internal::HashIndex64 id_index;
  internal::StringIndex<KeyStringHasher, std::string_view> short_forms;
  internal::StringIndex<KeyStringHasher, std::string_view> product_forms;
  std::deque<std::string> short_form_strings;  // short forms not in the text ("AIDC")
  std::string initials;                        // Resolve: a name's initials
  std::string key_buffer;
  std::string lower_buffer;
  std::string id_buffer;
  internal::HashIndex64 id_memo_index;
  std::vector<std::array<uint64_t, 3>> token_hashes;
  std::vector<char> may_start;
  std::vector<uint16_t> token_cue_lists;
  std::vector<std::pair<int, int>> fact_entities;
  internal::HashIndex64 fact_key_index;
};

RunScratch& ThreadScratch() {
  thread_local RunScratch scratch;
  return scratch;
}

class DocumentRun {
 public:
  DocumentRun(const ExtractorState& rep, const Document& doc, bool lexicon_facts, bool trace_rules)
      : rep_(rep),
        doc_(doc),
        text_(doc.text),
        lexicon_facts_(lexicon_facts),
        trace_rules_(trace_rules),
        scratch_(ThreadScratch()),
        sentences_(scratch_.sentences),
        entities_(scratch_.entities),
        id_index_(scratch_.id_index),
        short_forms_(scratch_.short_forms),
        product_forms_(scratch_.product_forms),
        key_buffer_(scratch_.key_buffer),
        lower_buffer_(scratch_.lower_buffer),
        id_buffer_(scratch_.id_buffer),
        id_memo_index_(scratch_.id_memo_index),
        token_hashes_(scratch_.token_hashes),
        may_start_(scratch_.may_start),
        token_cue_lists_(scratch_.token_cue_lists),
        fact_entities_(scratch_.fact_entities),
        fact_key_index_(scratch_.fact_key_index) {
    if (scratch_.lex_entity.size() < rep_.lexicon.entries().size())
      scratch_.lex_entity.resize(rep_.lexicon.entries().size(), -1);
  }
  ~DocumentRun() {
    for (SentenceWork& s : sentences_) {
      s.mentions.clear();
      scratch_.mention_vectors.push_back(std::move(s.mentions));
    }
    sentences_.clear();
    entities_.clear();
    id_index_.Clear();
    short_forms_.Clear();
    product_forms_.Clear();
    scratch_.short_form_strings.clear();
    id_memo_index_.Clear();
    fact_entities_.clear();
    fact_key_index_.Clear();
    for (const int lex : scratch_.lex_entity_set) scratch_.lex_entity[lex] = -1;
    scratch_.lex_entity_set.clear();
  }
  DocumentRun(const DocumentRun&) = delete;
  DocumentRun& operator=(const DocumentRun&) = delete;
  Extraction Run();

 private:
  // Mention finding.
  void FindMentions(SentenceWork& s);
  // Whether the document is a team-sports report: its title, or else its first line, opens
  // with one of the cues' sports_headings before a '-' or ':' ("SOCCER - ..."). Sets
  // `heading_line` when it was the text's first line.
  bool SportsReport(bool& heading_line) const;
  // In a sports report: the towns, states and unknown names that stand as sides (in a results
  // or standings line, around a side link, before a side follower) become clubs, and so do the
  // other mentions of the names found so (docs/rules.md "Sports sides").
  // `heading_line`: the first sentence is the report's heading, read for no sides of its own.
  void SportsSides(bool heading_line);
  // Makes tokens [begin, end) of sentence `s` one club mention, replacing the mentions inside
  // unless one of them is a person, a known organisation, a country or a national side, or a
  // mention reaches outside. Returns whether the tokens are a club's now.
  bool MakeSide(SentenceWork& s, size_t begin, size_t end);
  void GazetteerPass(SentenceWork& s, std::vector<int>& owner);
  void CapitalRuns(SentenceWork& s, std::vector<int>& owner);
  void ClassifyRun(SentenceWork& s, std::vector<int>& owner, size_t begin, size_t end);
  bool AndJoinsName(const SentenceWork& s, const std::vector<int>& owner, size_t and_index) const;
  bool RomanisedSyllable(const SentenceWork& s, size_t run_begin, size_t hyphen_index) const;
  void Tickers(SentenceWork& s);
  void Products(SentenceWork& s);
  // Whether some product pattern may match sentence `s` (false: none can): its whole words,
  // read off GazetteerPass's token hashes, against rep_.product_words.
  bool ProductWordsPresent(const SentenceWork& s) const;
  void AddProduct(SentenceWork& s, std::string_view name);
  // Whether the text before `at` in its sentence ends with "and", "but", ";" or a clause word.
  bool AfterConjunction(uint32_t sentence_start, uint32_t at) const;
  // True if the word before `at` is one of the cues' `anaphor_clause_words` ("where", "after").
  bool AfterClauseWord(uint32_t sentence_start, uint32_t at) const;
  std::string_view WordBefore(uint32_t sentence_start, uint32_t at) const;
  // Removes the theme mentions that lie inside `span`; returns the lexicon entry of the
  // last one (-1 if none).
  int DropThemesInside(SentenceWork& s, Span span);
  void Anaphors(SentenceWork& s);
  std::string TitleBefore(const SentenceWork& s, size_t token_index) const;
  // "Mr. Hendry", "Dr Coben": a person's mentions with the honorific before them, as
  // surface forms (aliases), so the name the text uses finds the person.
  void AddHonorificSurfaces(DocEntity& e) const;
  // True if tokens[at] is an organisation head word followed by "of" and a word before `end`
  // ("Central Bank of Kenya": the adjective before it is part of the name).
  bool HeadWordOfFollows(const SentenceWork& s, size_t at, size_t end) const;
  // Whether tokens [begin, end) are three or more words ending in a legal form ("PLC", "Inc.")
  // or an org head word ("Central Narcotics Bureau").
  bool EndsInOrgForm(const SentenceWork& s, size_t begin, size_t end) const;
  // Whether a Reuters exchange suffix is glued after `symbol` ("KPL" of "KPL.AX", "TF" of
  // "TF.UL").
  bool RicSuffixAfter(const Token& symbol) const;
  // Whether an organisation's name ends in an institution's head word ("Supreme Court",
  // "Tarnovian Freedom Party") or opens with one before "of" or "for" ("Ministry of Fisheries"):
  // such an organisation is no company (cues' institution_heads).
  bool InstitutionName(std::string_view name) const;
  // Whether the "of" at token `of` ends the name that the run from `run_begin` started: a
  // person's ("Ann Lee of Acme Corp") or any name's before the place that ends the run
  // ("Torvik of Norway", "Rasmus Holm of Denmark"), though not an institution's ("Bank of").
  bool OfEndsName(const SentenceWork& s, const std::vector<int>& owner, size_t run_begin,
                  size_t of) const;
  // Whether tokens [begin, end) open with an institution's head word and "of" or "for"
  // and go on with a capitalised word ("Ministry of Finance", "University of Lagos").
  bool LeadingHead(const SentenceWork& s, size_t begin, size_t end) const;
  // Whether tokens [begin, end) start with a company the lexicon knows or end in a legal form
  // or a company head word ("Kestrel Pharma", "Tarnwick Securities").
  // The words [begin, end) before a title ("Chrysler" of "Chrysler Chief Executive X"): the run
  // they make is a company even where nothing else says so.
  void ClassifyTitledCompany(SentenceWork& s, std::vector<int>& owner, size_t begin, size_t end);
  // Where a title that ends the run [begin, end) starts, after at least one word that is no
  // title ("Harlow" of "Harlow Founder"); `begin` if there is no such title.
  size_t TrailingTitleStart(const SentenceWork& s, size_t begin, size_t end) const;
  // The organisation of the document whose name starts with the product's first word
  // ("Foster's Group" for "Foster's Lager"; one whose whole name, legal form aside, starts the
  // product's first, then the most mentioned), or -1.
  int MakerInName(std::string_view product) const;
  // The number of the first tokens of the n at `begin` that name lexicon entry `maker` (the
  // maker of the product those n tokens name: "Airbus" of "Airbus A320"), or 0.
  size_t MakerPrefix(const SentenceWork& s, size_t begin, size_t n, int maker);
  // The entity with id `id` that the document names (has mentions of), or -1.
  int NamedEntity(std::string_view id) const;
  // Whether the product's first words name a company of the lexicon ("Volkswagen Tiguan").
  bool NamedAfterKnownCompany(std::string_view product) const;
  // The lexicon's entry of a product entity, or of the longest product whose name starts the
  // entity's ("iPhone" for "iPhone 16 Pro"), or null.
  const LexiconEntry* KnownProduct(const DocEntity& product) const;
  // Two or three words, or an initial and its period before one or two ("Kenji Sato",
  // "R. Cromwell Coulson"): the shape a person's name takes.
  bool PersonShaped(const SentenceWork& s, size_t begin, size_t end) const;
  // Whether the words [begin, end) are all one-word titles, "and", "&" or commas ("Founder
  // and Chairman").
  bool OnlyTitleWords(const SentenceWork& s, size_t begin, size_t end) const;
  // Whether the words [begin, end) are one title of the cue list ("chief operating officer").
  bool IsTitle(const SentenceWork& s, size_t begin, size_t end) const;
  bool RestNamesCompany(const SentenceWork& s, const std::vector<int>& owner, size_t begin,
                        size_t end) const;
  bool OrgContext(const SentenceWork& s, size_t begin, size_t end) const;
  bool SpeechContext(const SentenceWork& s, size_t begin, size_t end) const;
  // Whether the unknown words [begin, end) name a town: after "in", "at", "near" and the
  // like, and followed by a comma and a country or state the lexicon knows ("a plant in
  // Szeged, Hungary", "based in Walnut Creek, California").
  bool ModelContext(const SentenceWork& s, size_t begin, size_t last) const;
  bool TownBeforeRegion(const SentenceWork& s, const std::vector<int>& owner, size_t begin,
                        size_t end) const;
  // The role of "X, chief executive of Y" after the run ending at `end`, or "".
  std::string RoleAfter(const SentenceWork& s, size_t end) const;
  int LexiconOrgFor(std::string_view name) const;
  // The lexicon entry of type `type` that `name` names (its name or an alias, as written), or -1.
  int LexiconEntryFor(std::string_view name, EntityType type) const;
  // Drops trailing legal forms ("Inc.", "Ltd"); with `keep_group`, keeps "Group"/"Holdings".
  // Only ever drops a suffix, so the result is a prefix of `name` (a view into it).
  std::string_view StripLegal(std::string_view name, bool keep_group = false) const;
  // Resolution.
  void Resolve();
  int EntityFor(RawMention& m, uint32_t sentence);
  // The entity of `m`, turning a latent candidate into an organisation on first use.
  int Materialize(RawMention& m, uint32_t sentence, RelationType relation, double confidence);
  bool LooksLikeCommonWord(const SentenceWork& s, const RawMention& m) const;
  // The number of leading tokens of a sentence that are a section heading run into it: ALL-CAPS
  // words, one of six letters or more, before a capitalised word, and no lexicon name in
  // capitals ("CONSTRUCTION SLOWDOWN Doosan Infracore is ..."); 0 if none.
  size_t HeadingEnd(std::span<const Token> tokens) const;
  // The number of leading tokens of a sentence that are a dateline ("NEW YORK (Reuters) -",
  // "Frankfurt, Germany (AP) --"); 0 if none.
  size_t DatelineEnd(std::span<const Token> tokens) const;
  // The business the sentence before `sentence` names first among `orgs` (mentions of this
  // sentence), or -1.
  int PreviousSentenceOrg(uint32_t sentence, const std::vector<const RawMention*>& orgs) const;
  // True if a lexicon name starts with the word of `token_hash` (a TokenHash in `mode`).
  bool StartsLexiconName(uint64_t token_hash, GazMode mode) const {
    return rep_.prefixes[mode].Contains(ExtendHash(0, token_hash));
  }
  // Adds an organisation anaphor at `span` unless a mention overlaps it; `theme` is the theme
  // word the phrase held (-1: none).
  void AddAnaphor(SentenceWork& s, Span span, int theme);
  // True if tokens[k] and the next are a passive verb ("was sold", "is owned").
  bool PassiveAt(std::span<const Token> tokens, size_t k) const;
  int NewEntity(std::string_view id, std::string_view name, EntityType type,
                std::string_view subtype, int lex, uint32_t sentence) {
    // A lexicon entry always comes with its own id, and an id never changes entity once
    // given: remember the answer per entry.
    if (lex >= 0 && scratch_.lex_entity[lex] >= 0) return scratch_.lex_entity[lex];
    return NewEntity(id, KeyStringHash(id), name, type, subtype, lex, sentence);
  }
  // The entity of a lexicon entry (an exchange, a country, a listing place's exchange).
  int LexiconEntity(const LexiconEntry& entry, uint32_t sentence) {
    return NewEntity(entry.id, entry.name, entry.type, entry.subtype,
                     static_cast<int>(&entry - rep_.lexicon.entries().data()), sentence);
  }
  // The same, given `id_hash` = KeyStringHash(id): an id is hashed once however often asked.
  int NewEntity(std::string_view id, uint64_t id_hash, std::string_view name, EntityType type,
                std::string_view subtype, int lex, uint32_t sentence);
  void AddLexiconFields(Entity& entity, const LexiconEntry& entry) const;
  // Filters over the current sentence's token hashes (GazetteerPass computes them first):
  // false only where the lookup they guard would fail.
  // True if ms[k]'s title follows another organisation's name, of any kind ("SEC spokesman
  // X", "State Department spokeswoman X"): the title is that organisation's.
  bool TitleOfAnotherOrg(const std::vector<RawMention*>& ms, size_t k) const;
  // "French President Francois Hollande": a title heads of state share with companies
  // (roles_needing_an_org), right after a place with nothing between, is a country's; so is
  // a capitalised "President" with no company or place right before it ("former President
  // Jimmy Carter").
  bool CountrysTitle(const std::vector<RawMention*>& ms, const RawMention& person) const;
  // Whether a company (or, with `places_too`, a place) ends at most 16 bytes before `pos`
  // with no clause break between: "Ford's Europe chief", "Hyundai Motor ( 005380.KS ) America
  // head" (a regional post), "Toyota President X".
  bool NamedRightBefore(const std::vector<RawMention*>& ms, uint32_t pos, bool places_too) const;
  bool MayStartTitle(size_t token) const {
    return rep_.title_prefixes.Contains(token_hashes_[token][kLowerMode]);
  }
  // Whether cue list `list` holds token `token`.
  // Inlined: most asks find the answer made already (a load and a test); the first ask of a
  // token goes out of line to look the word up.
  [[gnu::always_inline]] bool CueHas(CueList list, const SentenceWork& s, size_t token) const {
    uint16_t lists = token_cue_lists_[token];
    if (lists == kCueListsUnknown) lists = FindCueLists(s, token);
    return (lists & CueBit(list)) != 0;
  }
  // CueHas's first ask of a token: its lists, remembered in token_cue_lists_.
  [[gnu::noinline]] uint16_t FindCueLists(const SentenceWork& s, size_t token) const {
    return token_cue_lists_[token] = static_cast<uint16_t>(
               rep_.CueListsOf(Slice(text_, {s.tokens[token].start, s.tokens[token].end}),
                               token_hashes_[token][kExactMode]));
  }
  // The entity whose id is `id` (whose KeyStringHash is `id_hash`), or -1.
  int FindEntityId(std::string_view id, uint64_t id_hash) const {
    const uint32_t* first = id_index_.Find(id_hash);
    if (first == nullptr) return -1;
    if (entities_[*first].entity.id == id) return static_cast<int>(*first);
    const auto it = id_collisions_.find(id);
    return it == id_collisions_.end() ? -1 : it->second;
  }
  void RememberLexEntity(int lex, int entity) {
    scratch_.lex_entity[lex] = entity;
    scratch_.lex_entity_set.push_back(lex);
  }
  // Relations.
  void Relations(uint32_t sentence_index);
  void TraceRules(std::string_view masked, const std::vector<RawMention*>& ms,
                  const std::vector<RuleMatch>& matches) const;
  // `ev` by value: callers that are done with theirs move it in.
  // `overrides_hedge`: an asserted fact of a descriptive rule replaces a hedged one the same
  // sentence already gave the pair ("may sell its Guinness brand": the sale is hedged, whose
  // brand it is is not).
  void AddFact(int subject, RelationType relation, int object, Evidence ev, Modality modality,
               double confidence, std::map<std::string, std::string> attributes,
               bool overrides_hedge = false);
  // The modality of a match ending at `match_end` of `masked`: the strongest of the cues
  // before that end and `sentence_wide` (SentenceModality of the same sentence).
  // `cues_before`: whether a cue of modality_before may match `masked` (false: none can).
  Modality ModalityOf(std::string_view masked, size_t match_end, Modality sentence_wide,
                      bool cues_before) const;
  // `cues_sentence`: whether a sentence-wide cue may match `masked` (false: none can).
  Modality SentenceModality(std::string_view masked, bool cues_sentence) const;
  // Products nobody in the text is said to make are the document focus's (inferred).
  void InferProducers();
  void PlacesInNames();
  // "Korea Exchange Bank", "Asahi Breweries": a theme cue among a company's name words.
  void ThemesInNames();
  // Known sectors (lexicon `sectors`) of the companies a document is about.
  void LexiconSectors();
  // A fact about entity `subject` that the text does not state in one sentence (a lexicon
  // fact, or one read from its name), cited with the sentence of its first mention.
  void AddFirstMentionFact(int subject, RelationType relation, const LexiconEntry& object,
                           const char* rule, EvidenceKind kind, double confidence);
  int Focus() const;
  std::string NormalizeRole(std::string_view raw) const;
  EntityRef Ref(int entity) const;

  const ExtractorState& rep_;
  const Document& doc_;
  std::string_view text_;
  const bool lexicon_facts_;
  const bool trace_rules_;
  RunScratch& scratch_;
  std::vector<SentenceWork>& sentences_;  // scratch_.sentences, empty until Run
  std::vector<DocEntity>& entities_;      // scratch_.entities, empty until Run
  // Entities by id (ids are unique: NewEntity looks an id up before making one): KeyStringHash
  // of the id -> entity, and the rare id whose hash an earlier id took.
  internal::HashIndex64& id_index_;  // scratch_.id_index
  StringMap<int> id_collisions_;
  // "Telkom", "Wu", "AIDC" -> entity (first one given).
  internal::StringIndex<KeyStringHasher, std::string_view>& short_forms_;  // views of text_
  // Products' names -> entity, for unknown capitalised runs no short form names.
  internal::StringIndex<KeyStringHasher, std::string_view>& product_forms_;
  std::string& key_buffer_;    // scratch for map keys, reused to spare allocations
  std::string& lower_buffer_;  // scratch: key_buffer_ lower-cased
  std::string& id_buffer_;     // scratch: EntityFor's ids, reused to spare allocations
  // EntityFor's answers for surfaces without a lexicon entry, by surface and type: where the
  // id path (legal forms stripped, the id slugged, hashed and looked up) led. `key_size`: the
  // length of an organisation's surface without its legal forms (its short-form key).
  struct IdMemo {
    Span surface;
    EntityType type;
    uint32_t key_size;
    int entity;
  };
  std::vector<IdMemo> id_memo_;
  internal::HashIndex64& id_memo_index_;  // HashStep(KeyStringHash(surface), type) -> id_memo_
  // GazetteerPass scratch, per token: TokenHashes (the upper-case hash may be 0: not made).
  std::vector<std::array<uint64_t, 3>>& token_hashes_;
  std::vector<char>& may_start_;  // GazetteerPass scratch: a word token some key may start with
  // CueHas's answers for the current sentence's tokens, found on first ask: the CueBits of the
  // lists holding the token, or kCueListsUnknown (GazetteerPass resets them).
  static constexpr uint16_t kCueListsUnknown = 0x8000;
  static_assert(CueBit(static_cast<CueList>(kCueListCount - 1)) < kCueListsUnknown);
  std::vector<uint16_t>& token_cue_lists_;
  std::vector<Fact> facts_;
  std::vector<std::pair<int, int>>& fact_entities_;  // subject and object entity of each fact
  // What makes a fact a repeat: its entities (indices, as ids are unique per entity), relation
  // and sentence. Kept by a hash of the four (no string built or hashed per fact): the first
  // key of each hash in `fact_keys_`, the rare key whose hash another took in the set.
  struct FactKey {
    int first;
    int second;
    RelationType relation;
    uint32_t sentence_start;
    auto operator<=>(const FactKey&) const = default;
  };
  // Whether the fact of `key` is not yet made, remembering it.
  bool NewFactKey(const FactKey& key);
  std::vector<FactKey> fact_keys_;
  internal::HashIndex64& fact_key_index_;  // hash -> first of fact_keys_ with that hash
  std::set<FactKey> fact_key_collisions_;
  mutable int focus_ = -2;  // -2: not computed yet
  struct Ticker {
    uint32_t sentence;
    Span span;
    std::string symbol;
    int exchange_lex;
    Span company;  // span of the company mention the ticker belongs to
  };
  std::vector<Ticker> tickers_;
};

bool DocumentRun::PassiveAt(std::span<const Token> tokens, size_t k) const {
  auto word = [&](size_t at) { return Slice(text_, {tokens[at].start, tokens[at].end}); };
  if (k + 1 >= tokens.size() || !ContainsLower(rep_.cues.passive_auxiliaries, word(k))) {
    return false;
  }
  const std::string_view next = word(k + 1);
  return (next.size() > 3 && next.substr(next.size() - 2) == "ed") ||
         rep_.cues.irregular_participles.contains(next);
}

size_t DocumentRun::DatelineEnd(std::span<const Token> tokens) const {
  // Capitalised words, numbers and commas (a place and a date), then "(", one to three words,
  // ")" and a dash.
  constexpr size_t kMaxPlaceTokens = 10;
  size_t k = 0;
  while (k < tokens.size() && k < kMaxPlaceTokens &&
         ((tokens[k].is(kWord) && (tokens[k].is(kCapital) || tokens[k].is(kHasDigit))) ||
          text_[tokens[k].start] == ',' || text_[tokens[k].start] == '/' ||
          text_[tokens[k].start] == '.')) {
    ++k;
  }
  if (k == 0 || k + 4 >= tokens.size() || text_[tokens[k].start] != '(') return 0;
  size_t close = k + 1;
  while (close < tokens.size() && close <= k + 3 && tokens[close].is(kWord)) ++close;
  if (close == k + 1 || close + 2 >= tokens.size() || text_[tokens[close].start] != ')') return 0;
  const std::string_view dash = Slice(text_, {tokens[close + 1].start, tokens[close + 1].end});
  if (dash != "-" && dash != "--" && dash != "\u2013" && dash != "\u2014") return 0;
  // "--" may be two tokens.
  if (dash == "-" && close + 3 < tokens.size() &&
      tokens[close + 2].start == tokens[close + 1].end && text_[tokens[close + 2].start] == '-') {
    return close + 3;
  }
  return close + 2;
}

size_t DocumentRun::HeadingEnd(std::span<const Token> tokens) const {
  size_t n = 0;
  while (n < tokens.size() && tokens[n].is(kWord) && tokens[n].is(kAllCaps) &&
         !tokens[n].is(kHasDigit)) {
    ++n;
  }
  if (n == 0 || n + 1 >= tokens.size() || !tokens[n].is(kCapital) || tokens[n].is(kAllCaps) ||
      !tokens[n].is(kWord)) {
    return 0;
  }
  // A word the lexicon starts a name with in capitals ("NASDAQ OMX Group", "ECB President").
  auto known = [&](const Token& t) {
    return StartsLexiconName(TokenHash(Slice(text_, {t.start, t.end}), kUpperMode), kUpperMode);
  };
  if (known(tokens[0])) return 0;
  // The heading's last word may be an acronym that starts the name: "MODEST EFFECT TRW
  // Automotive Holding Corp", "CORE CONFIDENCE ECB President" (a known name, or a short
  // word with no vowel: "TOP", "TRIM" stay in the heading).
  const std::string_view last = Slice(text_, {tokens[n - 1].start, tokens[n - 1].end});
  if (n > 1 && last.size() <= 4 &&
      (known(tokens[n - 1]) || last.find_first_of("AEIOU") == std::string_view::npos)) {
    --n;
  }
  bool long_word = false;
  for (size_t k = 0; k < n; ++k) long_word = long_word || tokens[k].end - tokens[k].start >= 6;
  return long_word ? n : 0;
}

Extraction DocumentRun::Run() {
  std::vector<Span> spans = SplitSentences(text_);
  sentences_.reserve(spans.size());
  // All tokens go to one array; the sentences' views into it are set once it stops growing.
  std::vector<Token>& all_tokens = scratch_.tokens;
  all_tokens.clear();
  std::vector<uint32_t> token_ends;
  token_ends.reserve(spans.size());
  // Sentences that are a section heading run into the next sentence's text (feeds that drop
  // line breaks: "... sales rose. CONSTRUCTION SLOWDOWN Doosan Infracore is ..."): the
  // heading is a sentence of its own, read as a headline.
  std::vector<Span> split_spans;
  std::vector<char> heading;
  for (const Span& span : spans) {
    const size_t first = all_tokens.size();
    TokenizeInto(text_, span, all_tokens);
    const size_t words = HeadingEnd(std::span<const Token>(all_tokens).subspan(first));
    if (words > 0) {
      split_spans.push_back({span.start, all_tokens[first + words - 1].end});
      heading.push_back(1);
      token_ends.push_back(static_cast<uint32_t>(first + words));
      split_spans.push_back({all_tokens[first + words].start, span.end});
    } else {
      split_spans.push_back(span);
    }
    heading.push_back(0);
    token_ends.push_back(static_cast<uint32_t>(all_tokens.size()));
  }
  spans = std::move(split_spans);
  uint32_t token_begin = 0;
  for (size_t k = 0; k < spans.size(); ++k) {
    SentenceWork s;
    s.span = spans[k];
    s.tokens = std::span<const Token>(all_tokens.data() + token_begin, token_ends[k] - token_begin);
    token_begin = token_ends[k];
    if (!scratch_.mention_vectors.empty()) {
      s.mentions = std::move(scratch_.mention_vectors.back());
      scratch_.mention_vectors.pop_back();
    }
    size_t words = 0, caps = 0, long_words = 0, long_capitals = 0;
    for (const Token& t : s.tokens) {
      if (!t.is(kWord)) continue;
      ++words;
      if (t.is(kAllCaps) || t.is(kHasDigit)) ++caps;
      if (t.end - t.start >= 4 && !t.is(kHasDigit)) {
        ++long_words;
        // "iPhone" counts as capitalised.
        if (t.is(kCapital) || (text_[t.start + 1] >= 'A' && text_[t.start + 1] <= 'Z')) {
          ++long_capitals;
        }
      }
    }
    s.first = DatelineEnd(s.tokens);
    s.headline = heading[k] || (words >= 3 && caps * 10 >= words * 7);
    // Every word of four letters or more capitalised, verbs included.
    s.title_case = !s.headline && long_words >= 4 && long_capitals == long_words;
    sentences_.push_back(std::move(s));
  }
  for (auto& s : sentences_) FindMentions(s);
  if (bool heading_line = false; !rep_.cues.sports_headings.empty() && SportsReport(heading_line)) {
    SportsSides(heading_line);
  }
  Resolve();
  for (uint32_t i = 0; i < sentences_.size(); ++i) Relations(i);

  InferProducers();
  // Known headquarters of lexicon companies, attached to their first mention.
  const auto& entries = rep_.lexicon.entries();
  const size_t n = lexicon_facts_ ? entities_.size() : 0;
  for (size_t i = 0; i < n; ++i) {
    const DocEntity& e = entities_[i];
    if (e.lex < 0 || e.mention_count == 0 || entries[e.lex].hq.empty()) continue;
    // Only for companies the article is about: named at least three times. A bank quoted
    // once or twice for an analyst's view, or a rival named in passing, gets no headquarters
    // fact (on the dev articles: 12 of 15 such facts at >= 3 mentions match the gold, 10 of 31
    // below).
    if (e.mention_count < 3) continue;
    if (e.entity.type != EntityType::kOrganization || e.entity.subtype == "exchange") continue;
    const LexiconEntry* hq = rep_.lexicon.Find(entries[e.lex].hq);
    if (!hq) continue;
    AddFirstMentionFact(static_cast<int>(i), RelationType::kHeadquarteredIn, *hq, "lexicon.hq",
                        EvidenceKind::kLexicon, 0.5);
  }

  if (lexicon_facts_) {
    PlacesInNames();
    LexiconSectors();
  }
  ThemesInNames();

  Extraction out;
  out.entities.reserve(entities_.size());
  std::vector<char> in_facts(entities_.size(), 0);  // by entity: subject or object of a fact
  for (const auto& [subject, object] : fact_entities_) {
    in_facts[subject] = 1;
    in_facts[object] = 1;
  }
  for (size_t i = 0; i < entities_.size(); ++i) {
    DocEntity& e = entities_[i];
    // A place the text names only by its demonym ("a Lithuanian investor") is one of the
    // document's places. Its mentions list names only: a demonym is no name of the place
    // (CoNLL marks it MISC), so such a place has no mentions.
    const bool demonym_place = e.demonym_seen && e.entity.type == EntityType::kPlace;
    if (e.mention_count == 0 && !in_facts[i] && !demonym_place) continue;
    // A theme word on its own ("the new oil") is not an entity an analyst marks; a theme
    // that some organisation or product has is. A theme the text never names (read from a
    // company's name or the lexicon's sectors) is only the object of its facts.
    if (e.entity.type == EntityType::kTheme && (!in_facts[i] || e.entity.mentions.empty())) {
      continue;
    }
    if (e.lex >= 0) AddLexiconFields(e.entity, entries[e.lex]);
    if (e.entity.type == EntityType::kPerson) AddHonorificSurfaces(e);
    for (const auto& s : e.surface) {
      if (s != e.entity.name && std::find(e.entity.aliases.begin(), e.entity.aliases.end(), s) ==
                                    e.entity.aliases.end()) {
        e.entity.aliases.push_back(s);
      }
    }
    out.entities.push_back(std::move(e.entity));
  }
  out.facts = std::move(facts_);
  return out;
}

void DocumentRun::FindMentions(SentenceWork& s) {
  // owner[t] = index of the mention covering token t, or -1.
  std::vector<int>& owner = scratch_.owner;
  owner.assign(s.tokens.size(), -1);
  GazetteerPass(s, owner);
  if (!s.headline) CapitalRuns(s, owner);
  Tickers(s);
  // "maker American Standard", "British Land said": a demonym written right before a name of
  // unknown type is that name's first word; the name stays a candidate, so it becomes a
  // company only where a rule or a later mention says so.
  // Not after a possessive or "a" ("its Chinese TV assembly plant", "GM's British Vauxhall
  // unit": an adjective), nor before an acronym.
  auto adjective_position = [&](Span demonym) {
    const uint32_t start = s.span.start;
    const std::string_view before = WordBefore(start, demonym.start);
    const auto at = static_cast<uint32_t>(before.data() - text_.data());
    if (at >= start + 2 && (before == "s" || before.empty()) && text_[at - 1] == '\'') return true;
    return ContainsLower(rep_.cues.adjective_determiners, before);
  };
  auto no_lower_case = [&](Span span) {
    for (uint32_t k = span.start; k < span.end; ++k) {
      if (text_[k] >= 'a' && text_[k] <= 'z') return false;
    }
    return true;
  };
  for (RawMention& m : s.mentions) {
    if (!m.candidate || no_lower_case(m.span)) continue;
    for (RawMention& d : s.mentions) {
      if (d.type == EntityType::kPlace && d.demonym && d.span.size() > 0 &&
          d.span.end + 1 == m.span.start && text_[d.span.end] == ' ' &&
          !adjective_position(d.span)) {
        m.span.start = d.span.start;
        d.span = {};
        break;
      }
    }
  }
  s.mentions.erase(std::remove_if(s.mentions.begin(), s.mentions.end(),
                                  [](const RawMention& m) { return m.span.size() == 0; }),
                   s.mentions.end());
  Products(s);
  Anaphors(s);
  std::sort(s.mentions.begin(), s.mentions.end(),
            [](const RawMention& a, const RawMention& b) { return a.span.start < b.span.start; });
}

bool DocumentRun::SportsReport(bool& heading_line) const {
  // "SOCCER - ENGLISH LEAGUE RESULTS .", "Baseball-Results of ...", "Soccer: ...": the words
  // before the first '-' or ':' (the whole line if there is none), spaces and a final '.'
  // trimmed. A line with none of those within the longest heading's length (and a space or
  // a period) is read no further: a business story's line costs a few byte tests.
  const size_t longest = rep_.cues.max_sports_heading + 2;
  auto sports = [&](std::string_view line) {
    size_t start = 0;
    while (start < line.size() && (line[start] == ' ' || line[start] == '\n')) ++start;
    line = line.substr(start, longest + 1);
    size_t end = 0;
    while (end < line.size() && line[end] != '-' && line[end] != ':' && line[end] != '\n') ++end;
    if (end > longest) return false;
    std::string_view heading = TrimWhitespace(line.substr(0, end));
    if (!heading.empty() && heading.back() == '.') {
      heading = TrimWhitespace(heading.substr(0, heading.size() - 1));
    }
    return !heading.empty() && ContainsLower(rep_.cues.sports_headings, heading);
  };
  heading_line = sports(text_);
  return heading_line || sports(doc_.title);
}

bool DocumentRun::MakeSide(SentenceWork& s, size_t begin, size_t end) {
  const Span span{s.tokens[begin].start, s.tokens[end - 1].end};
  const auto& entries = rep_.lexicon.entries();
  // An event's name ("UEFA Cup") is no club's.
  const std::string_view last = Slice(text_, {s.tokens[end - 1].start, s.tokens[end - 1].end});
  if (rep_.cues.event_words.contains(last)) return false;
  for (const RawMention& m : s.mentions) {
    if (m.span.end <= span.start || m.span.start >= span.end) continue;
    if (m.span.start < span.start || m.span.end > span.end) return false;
    if (m.side && m.span.start == span.start && m.span.end == span.end) return true;
    // A demonym may be a club's later word ("Cleveland Indians"), not its first ("Australian
    // captain").
    if (m.demonym && m.span.start == span.start) return false;
    if (m.anaphor || m.type == EntityType::kPerson) return false;
    if (m.type == EntityType::kOrganization && m.lex >= 0) return false;
    if (m.type == EntityType::kPlace && m.lex >= 0) {
      const LexiconEntry& place = entries[m.lex];
      if ((place.subtype != "city" && place.subtype != "state") ||
          rep_.cues.national_sides.contains(place.name)) {
        return false;
      }
    }
  }
  std::erase_if(s.mentions, [&](const RawMention& m) {
    return m.span.start >= span.start && m.span.end <= span.end;
  });
  RawMention side;
  side.span = span;
  side.type = EntityType::kOrganization;
  side.side = true;
  s.mentions.push_back(std::move(side));
  return true;
}

void DocumentRun::SportsSides(bool heading_line) {
  const Cues& cues = rep_.cues;
  const auto& entries = rep_.lexicon.entries();
  // Names made sides, lower-cased: their other mentions are the same clubs.
  StringSet sides;
  struct Group {
    size_t begin, end;
    bool venue;  // right after a venue word ("at Headingley", "CHICAGO AT TORONTO")
  };
  std::vector<Group> groups;
  auto word_of = [&](const SentenceWork& s, size_t k) {
    return Slice(text_, {s.tokens[k].start, s.tokens[k].end});
  };
  // The capitalised words of sentence `s` in groups: runs of word tokens with a capital and no
  // digit, split at venue words and side links in capitals ("KANSAS CITY AT DETROIT"), with
  // leading function words dropped ("At Portsmouth").
  auto find_groups = [&](const SentenceWork& s) {
    groups.clear();
    const auto& tokens = s.tokens;
    auto name_word = [&](size_t k) {
      return tokens[k].is(kWord) && tokens[k].is(kCapital) && !tokens[k].is(kHasDigit) &&
             !cues.side_links.contains(word_of(s, k)) &&
             !ContainsLower(cues.venue_words, word_of(s, k));
    };
    for (size_t k = 0; k < tokens.size();) {
      if (!name_word(k)) {
        ++k;
        continue;
      }
      size_t end = k + 1;
      while (end < tokens.size() && name_word(end)) ++end;
      size_t begin = k;
      while (begin < end && (rep_.cues.function_words.contains(word_of(s, begin)) ||
                             rep_.cues.not_entities.contains(word_of(s, begin)))) {
        ++begin;
      }
      // "at Headingley", "at the Oval".
      size_t before = begin;
      if (before > 0 && ContainsLower(cues.articles, word_of(s, before - 1))) --before;
      if (begin < end) {
        groups.push_back(
            {begin, end, before > 0 && ContainsLower(cues.venue_words, word_of(s, before - 1))});
      }
      k = end;
    }
  };
  auto lower_text = [&](const SentenceWork& s, size_t begin, size_t end) {
    std::string text;
    AppendAsciiLower(Slice(text_, {s.tokens[begin].start, s.tokens[end - 1].end}), text);
    return text;
  };
  // A dateline ("LONDON 1996-08-30", "WIGAN , England 1996-08-31"): a short line with a date.
  auto dateline = [&](const SentenceWork& s) {
    if (s.tokens.size() > 12) return false;
    for (const Token& t : s.tokens) {
      if (t.is(kHasDigit) && t.end - t.start == 4 && text_.substr(t.end, 1) == "-") return true;
    }
    return false;
  };
  for (size_t si = heading_line ? 1 : 0; si < sentences_.size(); ++si) {
    SentenceWork& s = sentences_[si];
    const auto& tokens = s.tokens;
    auto word = [&](size_t k) { return word_of(s, k); };
    if (dateline(s)) continue;
    // A score: a number of digits alone, not the first part of a date or of bowling figures
    // ("1996-08-30", "5-79").
    auto score = [&](size_t k) {
      if (k >= tokens.size() || !tokens[k].is(kWord)) return false;
      for (const char c : word(k)) {
        if (c < '0' || c > '9') return false;
      }
      const uint32_t after = tokens[k].end;
      return !(after < text_.size() && (text_[after] == '-' || text_[after] == '/') &&
               k + 1 < tokens.size() && tokens[k + 1].end == after + 1);
    };
    // The token after a note in parentheses at token k ("Benetton ( Italy ) 92"), else k.
    auto after_note = [&](size_t k) {
      if (k < tokens.size() && word(k) == "(") {
        size_t close = k + 1;
        while (close < tokens.size() && close <= k + 4 && word(close) != ")") ++close;
        if (close < tokens.size() && word(close) == ")") return close + 1;
      }
      return k;
    };
    auto score_after = [&](size_t k) { return score(after_note(k)); };
    auto numbers_only_from = [&](size_t k) {
      size_t numbers = 0;
      for (; k < tokens.size(); ++k) {
        if (tokens[k].is(kWord) && !tokens[k].is(kHasDigit)) return size_t{0};
        if (tokens[k].is(kHasDigit)) ++numbers;
      }
      return numbers;
    };
    find_groups(s);
    if (groups.empty()) continue;
    // Groups inside parentheses and after an initial ("A. Fraser 5-79") are players; venues
    // are places.
    std::vector<char> usable(groups.size(), 1);
    {
      int depth = 0;
      size_t g = 0;
      for (size_t k = 0; k < tokens.size() && g < groups.size(); ++k) {
        const std::string_view w = word(k);
        if (w == "(") ++depth;
        if (w == ")" && depth > 0) --depth;
        if (k != groups[g].begin) continue;
        const bool after_initial =
            k >= 2 && word(k - 1) == "." && word(k - 2).size() == 1 && tokens[k - 2].is(kCapital);
        usable[g] = depth == 0 && !after_initial && !groups[g].venue;
        ++g;
      }
    }
    std::vector<char> side(groups.size(), 0);
    // Results ("Bradford 1 Tranmere 0", "Glamorgan 259 and 207 , Durham 114"): two or more
    // names each followed by a score.
    size_t scored = 0;
    for (size_t g = 0; g < groups.size(); ++g) scored += usable[g] && score_after(groups[g].end);
    if (scored >= 2) {
      for (size_t g = 0; g < groups.size(); ++g) side[g] = usable[g] && score_after(groups[g].end);
    }
    // Standings ("Stoke 4 3 1 0 7 4 10", "BOSTON 69 66 .511 6 1/2"): a name opening the line,
    // then only numbers, two or more, the first a score.
    if (groups[0].begin == 0 && score_after(groups[0].end) &&
        numbers_only_from(after_note(groups[0].end)) >= 2) {
      side[0] = usable[0];
    }
    // Side links ("Leicestershire beat Somerset", "May 17 v Northampton") make the names on
    // both sides sides, side openers ("against Kent") the name after, followers ("Surrey
    // captain") the name before.
    std::vector<int> group_at(tokens.size() + 1, -1);  // token -> the group starting there
    for (size_t g = 0; g < groups.size(); ++g) group_at[groups[g].begin] = static_cast<int>(g);
    auto mark_after = [&](size_t k) {
      if (k < tokens.size() && ContainsLower(cues.articles, word(k))) ++k;  // "beat the Angels"
      if (k < tokens.size() && group_at[k] >= 0 && usable[group_at[k]]) side[group_at[k]] = 1;
    };
    for (size_t g = 0; g < groups.size(); ++g) {
      if (!usable[g]) continue;
      const size_t end = groups[g].end;
      if (end < tokens.size() && ContainsLower(cues.side_followers, word(end))) side[g] = 1;
      // A town's possessive ("Cleveland 's lead"); a person's or an unknown name's is no side.
      if (end + 1 < tokens.size() && word(end) == "'" && word(end + 1) == "s") {
        const Span span{tokens[groups[g].begin].start, tokens[end - 1].end};
        for (const RawMention& m : s.mentions) {
          if (m.span.start == span.start && m.span.end == span.end &&
              m.type == EntityType::kPlace && m.lex >= 0 && !m.demonym) {
            side[g] = 1;
          }
        }
      }
    }
    std::string phrase;
    for (size_t k = 0; k < tokens.size(); ++k) {
      if (!tokens[k].is(kWord)) continue;
      if (ContainsLower(cues.side_openers, word(k))) mark_after(k + 1);
      phrase.clear();
      for (size_t n = 1; n <= cues.max_side_link_words && k + n <= tokens.size(); ++n) {
        if (!tokens[k + n - 1].is(kWord)) break;
        if (n > 1) phrase.push_back(' ');
        phrase.append(word(k + n - 1));
        if (!cues.side_links.contains(phrase)) continue;
        mark_after(k + n);
        for (size_t g = 0; g < groups.size(); ++g) {
          if (groups[g].end == k && usable[g]) side[g] = 1;
        }
      }
    }
    // A city and unknown words after it ("Cleveland Indians"), and "the" before one or two
    // unknown capitalised words in the plural ("as the Tigers blanked"): a club's name.
    for (size_t g = 0; g < groups.size(); ++g) {
      if (!usable[g] || side[g]) continue;
      const Span span{tokens[groups[g].begin].start, tokens[groups[g].end - 1].end};
      const RawMention* town = nullptr;
      bool others = false;
      size_t mentions = 0;
      for (const RawMention& m : s.mentions) {
        if (m.span.end <= span.start || m.span.start >= span.end) continue;
        // Unknown names: candidates, and organisations the lexicon does not know.
        const bool unknown =
            m.candidate || m.latent || (m.type == EntityType::kOrganization && m.lex < 0);
        if (!unknown) ++mentions;
        if (m.span.start == span.start && m.span.end < span.end && m.type == EntityType::kPlace &&
            m.lex >= 0 && entries[m.lex].subtype == "city") {
          town = &m;
        } else if (!m.demonym && !unknown) {
          others = true;
        }
      }
      if (others) continue;
      const std::string_view last = word(groups[g].end - 1);
      if (town != nullptr ||
          (mentions == 0 && groups[g].end - groups[g].begin <= 2 && groups[g].begin > 0 &&
           word(groups[g].begin - 1) == "the" && last.size() >= 4 && last.back() == 's')) {
        side[g] = 1;
      }
    }
    // Names listed with a side ("Essex , Derbyshire and Surrey") are sides too.
    for (bool grew = true; grew;) {
      grew = false;
      for (size_t g = 0; g + 1 < groups.size(); ++g) {
        if (side[g] == side[g + 1] || !usable[g] || !usable[g + 1]) continue;
        if (groups[g + 1].begin != groups[g].end + 1 ||
            !ContainsLower(cues.side_joiners, word(groups[g].end))) {
          continue;
        }
        side[g] = side[g + 1] = 1;
        grew = true;
      }
    }
    for (size_t g = 0; g < groups.size(); ++g) {
      if (!side[g]) continue;
      // A town's initials in parentheses are part of the club's name ("Mladost ( L )").
      size_t end = groups[g].end;
      if (end + 2 < tokens.size() && word(end) == "(" && word(end + 2) == ")" &&
          word(end + 1).size() <= 2 && tokens[end + 1].is(kCapital) &&
          (word(end + 1).size() == 1 || tokens[end + 1].is(kAllCaps))) {
        end += 3;
      }
      if (MakeSide(s, groups[g].begin, end)) sides.insert(lower_text(s, groups[g].begin, end));
    }
  }
  if (sides.empty()) return;
  // The other mentions of the sides' names, in any case, anywhere in a group of capitalised
  // words (the title's "LEICESTERSHIRE TAKE OVER"); not the dateline nor a venue.
  for (SentenceWork& s : sentences_) {
    if (dateline(s)) continue;
    find_groups(s);
    for (const Group& group : groups) {
      if (group.venue) continue;
      for (size_t begin = group.begin; begin < group.end;) {
        size_t matched = 0;
        for (size_t end = group.end; end > begin && matched == 0; --end) {
          if (sides.contains(lower_text(s, begin, end)) && MakeSide(s, begin, end)) {
            matched = end - begin;
          }
        }
        begin += matched > 0 ? matched : 1;
      }
    }
    std::sort(s.mentions.begin(), s.mentions.end(),
              [](const RawMention& a, const RawMention& b) { return a.span.start < b.span.start; });
  }
}

void DocumentRun::GazetteerPass(SentenceWork& s, std::vector<int>& owner) {
  const auto& tokens = s.tokens;
  const auto& entries = rep_.lexicon.entries();
  // Each token's hash in every mode, once: the walks below revisit tokens at every start.
  token_hashes_.resize(tokens.size());
  may_start_.resize(tokens.size());
  token_cue_lists_.resize(tokens.size());
  for (size_t k = 0; k < tokens.size(); ++k) {
    const std::array<uint64_t, 3>& hashes = token_hashes_[k] =
        TokenHashes(Slice(text_, {tokens[k].start, tokens[k].end}));
    // Whether some mode's walk below can get past its first token. A mode's first probe is of
    // ExtendHash(0, the token's hash in that mode), which `prefixes` holds only if the
    // token's hash is one of first_token_bits'; an upper-case hash not made yet (0) may be.
    const bool may_start =
        IsWordToken(tokens[k]) &&
        (rep_.MayStartKey(hashes[kExactMode]) ||
         (hashes[kLowerMode] != hashes[kExactMode] && rep_.MayStartKey(hashes[kLowerMode])) ||
         (tokens[k].is(kAllCaps) &&
          (hashes[kUpperMode] == 0 || rep_.MayStartKey(hashes[kUpperMode]))));
    may_start_[k] = may_start;
    token_cue_lists_[k] = kCueListsUnknown;
    // The first probe at each such token (its one-token prefix, exact and lower case) misses
    // the cache more often than not, and the walk below branches on it at once: load them all
    // first.
    if (!may_start) continue;
    rep_.prefixes[kExactMode].Prefetch(ExtendHash(0, hashes[kExactMode]));
    rep_.prefixes[kLowerMode].Prefetch(ExtendHash(0, hashes[kLowerMode]));
  }
  for (size_t i = 0; i < tokens.size();) {
    if (!may_start_[i]) {
      ++i;
      continue;
    }
    const size_t max_n = std::min(kMaxNgram, tokens.size() - i);
    // Which maps may match here: ALL-CAPS keys only for capitals in headlines, at a line
    // start or in phrases; theme cues never for a Title-Case word inside a name
    // ("Alibaba Cloud"), though sentence-initial capitals and acronyms ("AI") count.
    const bool title_case = tokens[i].is(kCapital) && !tokens[i].is(kAllCaps);
    const bool modes[3] = {true, tokens[i].is(kAllCaps), !title_case || s.StartsText(i)};
    // Longest candidate length per map, found by walking hashed prefixes.
    size_t longest[3] = {0, 0, 0};
    uint64_t hashes[3][kMaxNgram + 1];  // hashes[mode][n]: the first n tokens, n <= longest
    for (int mode = 0; mode < 3; ++mode) {
      if (!modes[mode]) continue;
      uint64_t h = 0;
      for (size_t n = 1; n <= max_n; ++n) {
        uint64_t token_hash = token_hashes_[i + n - 1][mode];
        if (token_hash == 0 && mode == kUpperMode) {  // not made yet (see TokenHashes)
          token_hash =
              TokenHash(Slice(text_, {tokens[i + n - 1].start, tokens[i + n - 1].end}), kUpperMode);
        }
        h = ExtendHash(h, token_hash);
        hashes[mode][n] = h;
        if (!rep_.prefixes[mode].Contains(h)) break;
        longest[mode] = n;
      }
    }
    const GazTarget* hit = nullptr;
    size_t hit_n = 0;
    const size_t top = std::max({longest[0], longest[1], longest[2]});
    for (size_t n = top; n >= 1 && !hit; --n) {
      if (!IsWordToken(tokens[i + n - 1]) && tokens[i + n - 1].end - tokens[i + n - 1].start == 1 &&
          text_[tokens[i + n - 1].start] != '.') {
        continue;  // a phrase never ends in punctuation other than "Inc." style periods
      }
      // A map can hold these n tokens only if it holds a key with their hash: most
      // positions need no string at all.
      bool may_hold[3];
      for (int mode = 0; mode < 3; ++mode) {
        may_hold[mode] = n <= longest[mode] && rep_.key_hashes[mode].Contains(hashes[mode][n]);
      }
      if (!may_hold[kExactMode] && !may_hold[kUpperMode] && !may_hold[kLowerMode]) continue;
      // A key matches only text whose tokens it was made of (tokens hold no spaces, so equal
      // joined strings mean equal tokens and equal hashes): looking a key up among those of
      // the text's hash finds what a lookup of the joined string in the map would.
      key_buffer_.clear();
      for (size_t k = i; k < i + n; ++k) {
        if (k > i) key_buffer_.push_back(' ');
        key_buffer_.append(Slice(text_, {tokens[k].start, tokens[k].end}));
      }
      if (may_hold[kExactMode])
        hit = rep_.FindGazetteer(kExactMode, hashes[kExactMode][n], key_buffer_);
      if (!hit && may_hold[kUpperMode] && (s.headline || tokens[i].is(kLineStart) || n > 1)) {
        hit = rep_.FindGazetteer(kUpperMode, hashes[kUpperMode][n], key_buffer_);
      }
      if (!hit && may_hold[kLowerMode]) {
        lower_buffer_.clear();
        AppendAsciiLower(key_buffer_, lower_buffer_);
        hit = rep_.FindGazetteer(kLowerMode, hashes[kLowerMode][n], lower_buffer_);
      }
      if (hit) hit_n = n;
    }
    if (!hit) {
      ++i;
      continue;
    }
    const LexiconEntry& entry = entries[hit->entry];
    // "European" before a lower-case word ("European market", "European and Asian") is the
    // adjective of a place; before a capital ("European Commission") it starts a name.
    const bool adjective_demonym =
        hit->kind == GazKind::kDemonym && i + 1 < tokens.size() && !tokens[i + 1].is(kCapital);
    const bool lone_stopword = hit_n == 1 && entry.type != EntityType::kTheme &&
                               !adjective_demonym &&
                               (CueHas(CueList::kNotEntities, s, i) ||
                                (s.StartsText(i) && CueHas(CueList::kFunctionWords, s, i)));
    if (lone_stopword) {
      ++i;
      continue;
    }
    // "Hedge Fund Research data show": a theme's two or more words, all capitalised, at a
    // sentence's start and with a capitalised word right after them start a name ("Hedge fund
    // Elliott" is a theme and a name).
    if (entry.type == EntityType::kTheme && hit_n >= 2 && s.StartsText(i) && !s.headline &&
        !s.title_case && !tokens[i].is(kAllCaps) && i + hit_n < tokens.size() &&
        std::all_of(tokens.begin() + static_cast<std::ptrdiff_t>(i),
                    tokens.begin() + static_cast<std::ptrdiff_t>(i + hit_n + 1),
                    [](const Token& t) { return t.is(kWord) && t.is(kCapital); }) &&
        !tokens[i + hit_n].is(kAllCaps)) {
      ++i;
      continue;
    }
    // "Airbus A320", "Toyota Prius": a product named with its maker's name is the maker and the
    // product, a mention each.
    if (const size_t maker_n = MakerPrefix(s, i, hit_n, rep_.maker_entry[hit->entry]);
        maker_n > 0) {
      RawMention maker;
      maker.span = {tokens[i].start, tokens[i + maker_n - 1].end};
      maker.type = EntityType::kOrganization;
      maker.lex = rep_.maker_entry[hit->entry];
      const int index = static_cast<int>(s.mentions.size());
      s.mentions.push_back(std::move(maker));
      for (size_t k = i; k < i + maker_n; ++k) owner[k] = index;
      i += maker_n;
      hit_n -= maker_n;
    }
    RawMention m;
    m.span = {tokens[i].start, tokens[i + hit_n - 1].end};
    m.type = entry.type;
    m.lex = static_cast<int>(hit->entry);
    m.demonym = hit->kind == GazKind::kDemonym;
    const int index = static_cast<int>(s.mentions.size());
    s.mentions.push_back(std::move(m));
    for (size_t k = i; k < i + hit_n; ++k) owner[k] = index;
    i += hit_n;
  }
}

size_t DocumentRun::MakerPrefix(const SentenceWork& s, size_t begin, size_t n, int maker) {
  if (maker < 0) return 0;
  const auto& tokens = s.tokens;
  for (size_t k = n - 1; k >= 1; --k) {
    key_buffer_.clear();
    for (size_t t = begin; t < begin + k; ++t) {
      if (t > begin) key_buffer_.push_back(' ');
      key_buffer_.append(Slice(text_, {tokens[t].start, tokens[t].end}));
    }
    const auto it = rep_.exact.find(key_buffer_);
    if (it == rep_.exact.end()) continue;
    for (const GazTarget& target : it->second) {
      if (static_cast<int>(target.entry) == maker && target.kind == GazKind::kName) return k;
    }
  }
  return 0;
}

std::string_view DocumentRun::StripLegal(std::string_view name, bool keep_group) const {
  static const StringSet kGroupWords = {"Group", "Holdings", "Holding"};
  // Every step below drops a suffix, so the answer is a prefix of `name`: no string is built.
  std::string_view out = name;
  for (;;) {
    while (!out.empty() && (out.back() == '.' || out.back() == ',' || out.back() == ' '))
      out.remove_suffix(1);
    const size_t space = out.rfind(' ');
    if (space == std::string_view::npos) break;
    std::string_view last = out.substr(space + 1);
    while (!last.empty() && last.back() == '.') last.remove_suffix(1);
    // Most last words are no legal form: their hash answers that without the set's string hash.
    const uint64_t last_hash = KeyStringHash(last);
    if (!rep_.legal_suffix_words.Contains(last_hash) ||
        (rep_.CueListsOf(last, last_hash) & CueBit(CueList::kLegalSuffixes)) == 0 ||
        (keep_group && kGroupWords.contains(last))) {
      break;
    }
    out = out.substr(0, space);
    // "Wegelin & Co" is Wegelin: the connector before a dropped legal form goes with it.
    for (const std::string_view connector : {" &", " and"}) {
      if (out.size() > connector.size() && out.ends_with(connector)) {
        out.remove_suffix(connector.size());
      }
    }
  }
  return out;
}

// The number of words of `name` if it is ASCII letters and digits in words parted by single
// spaces, else 0. Such a name tokenizes into exactly those words (the tokenizer's words are
// runs of letters and digits, and it drops spaces), so they joined by spaces are `name`.
size_t PlainWordCount(std::string_view name) {
  if (name.empty() || name.front() == ' ' || name.back() == ' ') return 0;
  // Eight bytes at a time (every capitalised run's name is asked, and a loop per byte cost ~10
  // instructions a byte): each byte a letter, digit or space, and no space after a space.
  size_t words = 1;
  bool previous_space = false;
  auto plain = [&](uint64_t w) {
    const uint64_t spaces = ByteRangeMask(w, ' ', ' ');
    const uint64_t word =
        ByteRangeMask(w, 'a', 'z') | ByteRangeMask(w, 'A', 'Z') | ByteRangeMask(w, '0', '9');
    if ((spaces | word) != internal::kHighBits) return false;
    if ((spaces & ((spaces << 8) | (previous_space ? 0x80 : 0))) != 0) return false;
    words += internal::CountMarkedBytes(spaces);
    previous_space = (spaces >> 63) != 0;
    return true;
  };
  const char* p = name.data();
  const size_t size = name.size();
  size_t k = 0;
  for (; k + 8 <= size; k += 8) {
    uint64_t w;
    std::memcpy(&w, p + k, 8);
    if (!plain(w)) return 0;
  }
  if (const size_t n = size - k; n > 0) {
    // The last n bytes, the rest of the word padded with letters ('a': a word byte, no space).
    uint64_t w = 0;
    if (size >= 8) {
      std::memcpy(&w, p + size - 8, 8);
      w >>= 8 * (8 - n);
    } else {
      for (size_t i = 0; i < n; ++i)
        w |= static_cast<uint64_t>(static_cast<uint8_t>(p[i])) << (8 * i);
    }
    w |= 0x6161616161616161ULL << (8 * n);
    if (!plain(w)) return 0;
  }
  return words;
}

// Replaces `tokens` with the tokens of `name`, for lookups that read only their spans
// (SequenceHash, JoinTokens): a plain name's words are found by its spaces (PlainWordCount;
// their flags are only kWord), any other name is tokenized.
void NameTokens(std::string_view name, std::vector<Token>& tokens) {
  tokens.clear();
  if (PlainWordCount(name) == 0) {
    TokenizeInto(name, Span{0, static_cast<uint32_t>(name.size())}, tokens);
    return;
  }
  for (size_t at = 0;;) {
    const size_t space = name.find(' ', at);
    const size_t end = space == std::string_view::npos ? name.size() : space;
    tokens.push_back(Token{static_cast<uint32_t>(at), static_cast<uint32_t>(end), kWord});
    if (space == std::string_view::npos) break;
    at = space + 1;
  }
}

void ExtractorState::ThemesInName(std::string_view name_text, std::string& lowered,
                                  std::vector<Token>& tokens, std::vector<uint64_t>& token_hashes,
                                  std::vector<const LexiconEntry*>& themes) const {
  themes.clear();
  lowered.clear();
  AppendAsciiLower(name_text, lowered);
  const std::string_view name = lowered;
  NameTokens(name, tokens);
  if (tokens.size() < 2) return;  // "Shell", "Oracle": the whole name is no cue
  // Each token hashed once; a phrase's SequenceHash extends its first token's.
  token_hashes.clear();
  for (const Token& t : tokens) {
    token_hashes.push_back(TokenHash(name.substr(t.start, t.end - t.start), kLowerMode));
  }
  const auto& entries = lexicon.entries();
  for (size_t at = 0; at < tokens.size(); ++at) {
    uint64_t sequence_hash = 0;  // SequenceHash(name, tokens, at, len, kLowerMode)
    for (size_t len = 1; len <= 3 && at + len <= tokens.size(); ++len) {
      sequence_hash = ExtendHash(sequence_hash, token_hashes[at + len - 1]);
      if (!key_hashes[kLowerMode].Contains(sequence_hash)) continue;
      const std::vector<GazTarget>* targets =
          FindGazetteerTargets(kLowerMode, sequence_hash, JoinTokens(name, tokens, at, len));
      if (targets == nullptr) continue;
      for (const GazTarget& t : *targets) {
        const LexiconEntry& entry = entries[t.entry];
        if (entry.type == EntityType::kTheme &&
            std::find(themes.begin(), themes.end(), &entry) == themes.end()) {
          themes.push_back(&entry);
        }
      }
    }
  }
}

int DocumentRun::LexiconOrgFor(std::string_view name) const {
  return LexiconEntryFor(name, EntityType::kOrganization);
}

int DocumentRun::LexiconEntryFor(std::string_view name, EntityType type) const {
  std::string_view key = name;  // or the tokens joined by spaces, when that is not `name`
  // Most names are plain words, their own key: no tokenizing and no string built.
  if (const size_t words = PlainWordCount(name); words > 0) {
    if (words > kMaxNgram || !rep_.exact_key_strings.Contains(KeyStringHash(name))) return -1;
  } else {
    std::vector<Token>& tokens = scratch_.name_tokens;
    tokens.clear();
    TokenizeInto(name, Span{0, static_cast<uint32_t>(name.size())}, tokens);
    if (tokens.empty() || tokens.size() > kMaxNgram) return -1;
    // The tokens joined by spaces, in a reused buffer: most names are no key.
    std::string& joined = scratch_.name_key;
    joined.clear();
    for (size_t k = 0; k < tokens.size(); ++k) {
      if (k > 0) joined.push_back(' ');
      joined.append(name.substr(tokens[k].start, tokens[k].end - tokens[k].start));
    }
    if (!rep_.exact_key_strings.Contains(KeyStringHash(joined))) return -1;  // not a key of `exact`
    key = joined;
  }
  auto it = rep_.exact.find(key);
  if (it == rep_.exact.end()) return -1;
  for (const GazTarget& t : it->second) {
    if (t.kind == GazKind::kName && rep_.lexicon.entries()[t.entry].type == type) {
      return static_cast<int>(t.entry);
    }
  }
  return -1;
}

void DocumentRun::AddHonorificSurfaces(DocEntity& e) const {
  for (const Mention& m : e.entity.mentions) {
    size_t at = m.span.start;
    if (at < 2 || text_[at - 1] != ' ') continue;
    --at;
    if (text_[at - 1] == '.') --at;
    size_t word = at;
    while (word > 0 && std::isalpha(static_cast<unsigned char>(text_[word - 1]))) --word;
    if (word == at || !std::isupper(static_cast<unsigned char>(text_[word])) ||
        !rep_.cues.honorifics.contains(text_.substr(word, at - word))) {
      continue;
    }
    std::string surface(text_.substr(word, m.span.end - word));
    if (std::find(e.surface.begin(), e.surface.end(), surface) == e.surface.end()) {
      e.surface.push_back(std::move(surface));
    }
  }
}

bool DocumentRun::RestNamesCompany(const SentenceWork& s, const std::vector<int>& owner,
                                   size_t begin, size_t end) const {
  if (owner[begin] >= 0) return s.mentions[owner[begin]].type == EntityType::kOrganization;
  // "the Board of Marwick International, Inc.": a legal form after a comma ends the name too.
  const bool comma_legal = end + 1 < s.tokens.size() &&
                           Slice(text_, {s.tokens[end].start, s.tokens[end].end}) == "," &&
                           CueHas(CueList::kLegalSuffixes, s, end + 1);
  while (end > begin && s.tokens[end - 1].is(kPunct)) --end;
  return end > begin && (comma_legal || CueHas(CueList::kLegalSuffixes, s, end - 1) ||
                         CueHas(CueList::kOrgHeadWords, s, end - 1));
}

bool DocumentRun::InstitutionName(std::string_view name) const {
  const size_t last_space = name.rfind(' ');
  if (last_space == std::string_view::npos) return false;
  const auto head = [&](std::string_view word) {
    return (rep_.CueListsOf(word, KeyStringHash(word)) & CueBit(CueList::kInstitutionHeads)) != 0;
  };
  if (head(name.substr(last_space + 1))) return true;
  const size_t first_space = name.find(' ');
  const std::string_view rest = name.substr(first_space + 1);
  return head(name.substr(0, first_space)) && (rest.starts_with("of ") || rest.starts_with("for "));
}

bool DocumentRun::OfEndsName(const SentenceWork& s, const std::vector<int>& owner, size_t run_begin,
                             size_t of) const {
  const auto& tokens = s.tokens;
  if (of == run_begin || of + 1 >= tokens.size()) return false;
  const size_t before = of - 1;
  // "Audi of America": a known company's national unit (see ClassifyRun).
  if (owner[before] >= 0 && s.mentions[owner[before]].type == EntityType::kOrganization &&
      s.mentions[owner[before]].lex >= 0) {
    return false;
  }
  // "Kestrel Motor Corp of South Korea" says where the company is from; "Corporation of
  // America" and "Company of Canada" end many a full name.
  const bool short_legal_form =
      CueHas(CueList::kLegalSuffixes, s, before) && tokens[before].end - tokens[before].start <= 4;
  if (!short_legal_form &&
      (CueHas(CueList::kOrgHeadWords, s, before) || CueHas(CueList::kLegalSuffixes, s, before) ||
       rep_.cues.org_leading_heads.contains(
           Slice(text_, {tokens[before].start, tokens[before].end})))) {
    return false;
  }
  // A place that ends the run: nothing capitalised follows it.
  if (owner[of + 1] >= 0) {
    const RawMention& m = s.mentions[owner[of + 1]];
    if (m.type == EntityType::kPlace && !m.demonym && m.lex >= 0 &&
        m.span.start == tokens[of + 1].start) {
      const std::string& subtype = rep_.lexicon.entries()[m.lex].subtype;
      size_t after = of + 1;
      while (after < tokens.size() && tokens[after].end <= m.span.end) ++after;
      const bool run_ends = after >= tokens.size() || !tokens[after].is(kWord) ||
                            !tokens[after].is(kCapital) ||
                            tokens[after].start > tokens[after - 1].end + 1;
      if (run_ends && (subtype == "country" || subtype == "state" || subtype == "city"))
        return true;
    }
  }
  if (short_legal_form) return false;
  // Two or three capitalised words from a known first name: a person.
  for (size_t words = 2; words <= 3; ++words) {
    if (of < run_begin + words) break;
    const size_t first = of - words;
    bool capitalised = true;
    for (size_t k = first; k < of && capitalised; ++k) {
      capitalised = tokens[k].is(kWord) && tokens[k].is(kCapital);
    }
    if (capitalised && CueHas(CueList::kFirstNames, s, first)) return true;
  }
  return false;
}

bool DocumentRun::LeadingHead(const SentenceWork& s, size_t begin, size_t end) const {
  if (begin + 2 >= end || !s.tokens[begin].is(kCapital) || !s.tokens[begin + 2].is(kCapital)) {
    return false;
  }
  const std::string_view connector =
      Slice(text_, {s.tokens[begin + 1].start, s.tokens[begin + 1].end});
  return (connector == "of" || connector == "for") &&
         rep_.cues.org_leading_heads.contains(
             Slice(text_, {s.tokens[begin].start, s.tokens[begin].end}));
}

bool DocumentRun::HeadWordOfFollows(const SentenceWork& s, size_t at, size_t end) const {
  return at + 2 < end && CueHas(CueList::kOrgHeadWords, s, at) &&
         Slice(text_, {s.tokens[at + 1].start, s.tokens[at + 1].end}) == "of";
}

bool DocumentRun::RicSuffixAfter(const Token& symbol) const {
  const uint32_t at = symbol.end;
  if (at + 2 > text_.size() || text_[at] != '.') return false;
  size_t n = 0;
  while (at + 1 + n < text_.size() && n < 4 && text_[at + 1 + n] >= 'A' &&
         text_[at + 1 + n] <= 'Z') {
    ++n;
  }
  const bool ends =
      at + 1 + n >= text_.size() || !std::isalnum(static_cast<unsigned char>(text_[at + 1 + n]));
  return n >= 1 && n <= 3 && ends;
}

bool DocumentRun::EndsInOrgForm(const SentenceWork& s, size_t begin, size_t end) const {
  while (end > begin && s.tokens[end - 1].is(kPunct)) --end;
  // "International Finance Corp IFK.UL": a symbol after the name is not part of it.
  if (end > begin + 3 && s.tokens[end - 1].is(kAllCaps) && RicSuffixAfter(s.tokens[end - 1])) {
    --end;
  }
  return end >= begin + 3 && (CueHas(CueList::kLegalSuffixes, s, end - 1) ||
                              CueHas(CueList::kOrgHeadWords, s, end - 1));
}

std::string DocumentRun::TitleBefore(const SentenceWork& s, size_t token_index) const {
  // Longest title phrase ending right before the token ("Executive Vice Chairman Tom Lund"),
  // or an honorific ("Mr. Rooke").
  const auto& tokens = s.tokens;
  std::string best;
  size_t best_words = 0;
  size_t first = token_index;
  if (first > 0 && text_[tokens[first - 1].start] == '.' && tokens[first - 1].is(kPunct)) --first;
  for (size_t n = 1; n <= rep_.cues.max_title_words + 1 && n <= first; ++n) {
    std::string phrase;
    size_t words = 0;
    bool ok = true;
    for (size_t k = first - n; k < first; ++k) {
      const std::string_view t = Slice(text_, {tokens[k].start, tokens[k].end});
      if (tokens[k].is(kPunct) && t != "-") {
        ok = false;
        break;
      }
      if (!phrase.empty() && t != "-" && phrase.back() != '-') phrase.push_back(' ');
      AppendAsciiLower(t, phrase);
      ++words;
    }
    if (!ok) break;
    if (!MayStartTitle(first - n)) continue;
    if (auto it = rep_.cues.titles.find(phrase);
        it != rep_.cues.titles.end() && words >= best_words) {
      best = it->second;
      best_words = words;
    }
  }
  if (best.empty() && first > 0) {
    if (CueHas(CueList::kHonorifics, s, first - 1)) best = "-";
  }
  return best;
}

bool DocumentRun::SpeechContext(const SentenceWork& s, size_t begin, size_t end) const {
  static const StringSet kSpeech = {"said",  "says",  "told",  "added",
                                    "asked", "wrote", "noted", "explained"};
  const auto& tokens = s.tokens;
  // Each result is used before the next call, so one buffer serves them all.
  std::string lowered;
  auto lower = [&](size_t k) -> std::string_view {
    lowered.clear();
    AppendAsciiLower(Slice(text_, {tokens[k].start, tokens[k].end}), lowered);
    return lowered;
  };
  // "named Kenta Kon as chief executive": appointments name people.
  static const StringSet kAppointments = {"named",  "appointed", "hired",    "promoted",
                                          "tapped", "elected",   "nominated"};
  if (begin > 0 && kAppointments.count(lower(begin - 1)) && end < tokens.size() &&
      lower(end) == "as") {
    return true;
  }
  // "was founded in 2017 by Renee James,": founders are people when the name ends the clause
  // (a company's name would carry a legal form or head word, handled before).
  if (begin > 0 && lower(begin - 1) == "by" && end < tokens.size() && tokens[end].is(kPunct)) {
    for (size_t k = begin - 1; k-- > 0 && k + 5 >= begin;) {
      const std::string_view w = lower(k);
      if (w == "founded" || w == "co-founded" || w == "cofounded") return true;
    }
  }
  // "X Y said" is as often a company as a person; only "said X Y," counts as a speaker.
  if (begin > 0 && kSpeech.count(lower(begin - 1))) {
    // "said Kenji Sato" but not "said Toyota Motor": the next token ends the clause.
    return end >= tokens.size() || tokens[end].is(kPunct);
  }
  return false;
}

std::string DocumentRun::RoleAfter(const SentenceWork& s, size_t end) const {
  const auto& tokens = s.tokens;
  if (end + 2 >= tokens.size()) return "";
  // ", the chief executive of", ", a director at", ", a spokeswoman for" or "is chairperson
  // of": an optional article, then the longest title, then "of", "at" or "for".
  size_t first = end + 1;
  const std::string_view after = Slice(text_, {tokens[end].start, tokens[end].end});
  const bool copula = after == "is" || after == "was" || after == "remains" || after == "became";
  if (after != "," && !copula) return "";
  const std::string_view article = Slice(text_, {tokens[first].start, tokens[first].end});
  if (article == "the" || article == "a" || article == "an") ++first;
  // ", a former president of Intel", ", its then chief executive".
  static const StringSet kTitleModifiers = {"former",   "then",    "current",  "longtime",
                                            "new",      "interim", "acting",   "incoming",
                                            "outgoing", "its",     "founding", "long-time"};
  while (first + 1 < tokens.size() &&
         kTitleModifiers.contains(Slice(text_, {tokens[first].start, tokens[first].end}))) {
    ++first;
  }
  std::string phrase, role;
  for (size_t n = 1; n <= rep_.cues.max_title_words && first + n < tokens.size(); ++n) {
    if (n == 1 && !MayStartTitle(first)) return "";
    const std::string_view w =
        Slice(text_, {tokens[first + n - 1].start, tokens[first + n - 1].end});
    if (n > 1) phrase.push_back(' ');
    AppendAsciiLower(w, phrase);
    const std::string_view next = Slice(text_, {tokens[first + n].start, tokens[first + n].end});
    // "X is a partner of Y" is said of companies too.
    if (auto it = rep_.cues.titles.find(phrase); it != rep_.cues.titles.end() &&
                                                 (next == "of" || next == "at" || next == "for") &&
                                                 !(copula && it->second == "partner")) {
      role = it->second;
    }
  }
  return role;
}

bool DocumentRun::TownBeforeRegion(const SentenceWork& s, const std::vector<int>& owner,
                                   size_t begin, size_t end) const {
  const auto& tokens = s.tokens;
  if (begin == 0 || end - begin > 3 || end + 1 >= tokens.size()) return false;
  for (size_t k = begin; k < end; ++k) {
    if (!tokens[k].is(kWord) || !tokens[k].is(kCapital) || tokens[k].is(kAllCaps)) return false;
  }
  static const StringSet kBefore = {"in", "at", "near", "outside", "from", "to", "of"};
  if (!kBefore.contains(Slice(text_, {tokens[begin - 1].start, tokens[begin - 1].end}))) {
    return false;
  }
  if (Slice(text_, {tokens[end].start, tokens[end].end}) != "," || owner[end + 1] < 0) {
    return false;
  }
  const RawMention& region = s.mentions[owner[end + 1]];
  if (region.type != EntityType::kPlace || region.demonym || region.lex < 0 ||
      region.span.start != tokens[end + 1].start) {
    return false;
  }
  const std::string& subtype = rep_.lexicon.entries()[region.lex].subtype;
  return subtype == "country" || subtype == "state";
}

bool DocumentRun::OrgContext(const SentenceWork& s, size_t begin, size_t end) const {
  const auto& tokens = s.tokens;
  auto word = [&](size_t k) { return Slice(text_, {tokens[k].start, tokens[k].end}); };
  // "The airline, Vantor Jet, said": a name set off by commas after an article and a company
  // noun (cue list appositive_company_nouns).
  if (begin >= 3 && end < tokens.size() && word(begin - 1) == "," && word(end) == "," &&
      ContainsLower(rep_.cues.articles, word(begin - 3)) &&
      ContainsLower(rep_.cues.appositive_company_nouns, word(begin - 2))) {
    return true;
  }
  const size_t max_words = rep_.cues.max_context_words;
  std::string phrase;
  for (size_t n = 1; n <= max_words && n <= begin; ++n) {
    if (!rep_.context_before_prefixes.Contains(token_hashes_[begin - n][kLowerMode])) continue;
    // The n words before the run, lower-cased and joined by spaces (rebuilt in place: n is
    // small, and this spares a string per word).
    phrase.clear();
    for (size_t k = begin - n; k < begin; ++k) {
      if (k > begin - n) phrase.push_back(' ');
      AppendAsciiLower(Slice(text_, {tokens[k].start, tokens[k].end}), phrase);
    }
    if (rep_.cues.org_context_before.contains(phrase)) return true;
  }
  phrase.clear();
  if (end < tokens.size() && !rep_.context_after_prefixes.Contains(token_hashes_[end][kLowerMode]))
    return false;
  for (size_t n = 0; n < max_words && end + n < tokens.size(); ++n) {
    const std::string_view t = Slice(text_, {tokens[end + n].start, tokens[end + n].end});
    if (n > 0 && !(tokens[end + n].is(kPunct) || t == "s")) phrase.push_back(' ');
    AppendAsciiLower(t, phrase);
    if (rep_.cues.org_context_after.contains(phrase)) return true;
  }
  return false;
}

bool DocumentRun::AndJoinsName(const SentenceWork& s, const std::vector<int>& owner,
                               size_t and_index) const {
  // "Oil and Gas Decarbonization Charter", "Procter and Gamble Co": "and" is inside a name
  // only between words the lexicon does not know, when the words after it end in an
  // organisation head word or legal form. "Tobias Lund and CEO Priya Raman" stays apart.
  const auto& tokens = s.tokens;
  if (owner[and_index - 1] >= 0) return false;
  // "with Microsoft, Coatue, Altimeter and Thrive Capital": after a comma that follows another
  // name, "and" ends a list, unless a word before it is a lexicon word ("Myanma Investment and
  // Commercial Bank", "Technology, Media and Telecom Group" are names).
  size_t run = and_index - 1;
  while (run > 0 && tokens[run - 1].is(kWord) && tokens[run - 1].is(kCapital) &&
         owner[run - 1] < 0) {
    --run;
  }
  if (run >= 2 && text_[tokens[run - 1].start] == ',' &&
      tokens[run - 1].end - tokens[run - 1].start == 1 &&
      (owner[run - 2] >= 0 || (tokens[run - 2].is(kWord) && tokens[run - 2].is(kCapital)))) {
    bool lexicon_word = false;
    for (size_t k = run; k < and_index; ++k) {
      lexicon_word = lexicon_word || StartsLexiconName(token_hashes_[k][kLowerMode], kLowerMode);
    }
    if (!lexicon_word) return false;
  }
  // "Carl Icahn and Southeastern Asset Management": a known first name and a surname before
  // "and" are a person, not the start of a company's name ("Henry Crown and Company" is one).
  if (and_index - run == 2 && tokens[run].is(kWord) && CueHas(CueList::kFirstNames, s, run) &&
      !(and_index + 1 < tokens.size() && tokens[and_index + 1].is(kWord) &&
        (CueHas(CueList::kLegalSuffixes, s, and_index + 1) ||
         CueHas(CueList::kOrgHeadWords, s, and_index + 1)) &&
        (and_index + 2 >= tokens.size() || !tokens[and_index + 2].is(kCapital)))) {
    return false;
  }
  // "Varma Industries and Kesar Group": a name of two or more words that already ends in a
  // head word or legal form before "and" is complete; the words after it are a second name
  // ("Oil and Gas Climate Initiative" has one word before "and").
  const std::string_view before =
      Slice(text_, {tokens[and_index - 1].start, tokens[and_index - 1].end});
  // Two different head words joined by "and" are one line of business, though: "Greenland
  // Minerals and Energy", "SK Engineering and Construction", "Harbor Bank and Trust"; but
  // "Tarn Nan Bank and Bank of Vell" are two banks.
  const std::string_view after_and =
      and_index + 1 < tokens.size()
          ? Slice(text_, {tokens[and_index + 1].start, tokens[and_index + 1].end})
          : std::string_view();
  const bool head_pair =
      and_index + 1 < tokens.size() && owner[and_index + 1] < 0 && after_and != before &&
      rep_.cues.org_head_words.contains(after_and) &&
      !(and_index + 2 < tokens.size() &&
        Slice(text_, {tokens[and_index + 2].start, tokens[and_index + 2].end}) == "of");
  if (and_index >= 2 && tokens[and_index - 2].is(kWord) && tokens[and_index - 2].is(kCapital) &&
      (rep_.cues.org_head_words.contains(before) || rep_.cues.legal_suffixes.contains(before))) {
    return head_pair && rep_.cues.org_head_words.contains(before);
  }
  size_t k = and_index + 1;
  while (k < tokens.size() && tokens[k].is(kWord) && tokens[k].is(kCapital) && owner[k] < 0) ++k;
  if (k == and_index + 1) return false;
  const std::string_view last = Slice(text_, {tokens[k - 1].start, tokens[k - 1].end});
  return rep_.cues.org_head_words.contains(last) || rep_.cues.legal_suffixes.contains(last);
}

bool DocumentRun::RomanisedSyllable(const SentenceWork& s, size_t run_begin,
                                    size_t hyphen_index) const {
  // "Lee Jae-yong", "Leung Chun-ying", "Kim Jong-un": after a surname and one capitalised
  // syllable, a hyphen glued to a short lower-case syllable is the rest of a romanised given
  // name. Only after a known first name or surname, and never an English word ("Tim Cook-led").
  static const StringSet kEnglishTails = {
      "led",   "run",   "made",  "era",  "like", "based", "owned", "born",  "built", "wide",
      "only",  "free",  "type",  "size", "year", "old",   "style", "bound", "area",  "level",
      "class", "up",    "down",  "in",   "out",  "off",   "on",    "over",  "back",  "to",
      "and",   "or",    "the",   "of",   "for",  "with",  "as",    "new",   "plus",  "lite",
      "mini",  "max",   "pro",   "show", "team", "deal",  "plan",  "fund",  "bill",  "war",
      "pact",  "talks", "visit", "trip", "day",  "week",  "time",  "term",  "long",  "less"};
  const auto& tokens = s.tokens;
  // The surname two words before the hyphen may follow a title ("Chairman Lee Jae-yong").
  if (hyphen_index < run_begin + 2 || hyphen_index + 1 >= tokens.size()) return false;
  const Token& hyphen = tokens[hyphen_index];
  const Token& syllable = tokens[hyphen_index + 1];
  if (Slice(text_, {hyphen.start, hyphen.end}) != "-" ||
      hyphen.start != tokens[hyphen_index - 1].end || syllable.start != hyphen.end ||
      !syllable.is(kWord) || syllable.is(kCapital)) {
    return false;
  }
  const std::string_view tail = Slice(text_, {syllable.start, syllable.end});
  if (tail.size() < 2 || tail.size() > 5 || kEnglishTails.contains(tail)) return false;
  for (char c : tail) {
    if (c < 'a' || c > 'z') return false;
  }
  const Token& surname = tokens[hyphen_index - 2];
  return surname.is(kCapital) && tokens[hyphen_index - 1].is(kCapital) &&
         rep_.cues.first_names.contains(Slice(text_, {surname.start, surname.end}));
}

void DocumentRun::CapitalRuns(SentenceWork& s, std::vector<int>& owner) {
  const auto& tokens = s.tokens;
  auto starts_run = [&](size_t i) __attribute__((always_inline)) {
    const Token& t = tokens[i];
    if (!t.is(kWord)) return false;
    if (t.is(kCapital)) return !CueHas(CueList::kHeadlineVerbs, s, i);
    // "3G Capital", "21Vianet Group": a word of digits and capitals before an organisation head
    // word or legal form ("5G network" stays no name).
    if (t.is(kHasDigit) && owner[i] < 0 && i + 1 < tokens.size() && tokens[i + 1].is(kWord) &&
        tokens[i + 1].is(kCapital) &&
        (CueHas(CueList::kOrgHeadWords, s, i + 1) || CueHas(CueList::kLegalSuffixes, s, i + 1))) {
      const std::string_view w = Slice(text_, {t.start, t.end});
      return std::any_of(w.begin(), w.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
    }
    // "iPhone", "eBay": lower-case first letter, capital second.
    return t.end - t.start >= 3 && text_[t.start] >= 'a' && text_[t.start] <= 'z' &&
           text_[t.start + 1] >= 'A' && text_[t.start + 1] <= 'Z';
  };
  for (size_t i = 0; i < tokens.size();) {
    if (!starts_run(i)) {
      ++i;
      continue;
    }
    size_t j = i + 1;
    while (j < tokens.size()) {
      // "Airbus A320", "Boeing 737": a model number after a company the lexicon knows is its
      // product, not part of its name.
      if (owner[j - 1] >= 0 && owner[j] < 0 && s.mentions[owner[j - 1]].lex >= 0 &&
          s.mentions[owner[j - 1]].type == EntityType::kOrganization &&
          ModelNumberShaped(Slice(text_, {tokens[j].start, tokens[j].end}))) {
        break;
      }
      // "Corran Mining plc": a lower-case legal form ends the name it follows; a lexicon name's
      // own "and" ("Food and Drug Administration") stays inside.
      if (starts_run(j) ||
          (owner[j] >= 0 && owner[j] == owner[j - 1] && tokens[j].is(kWord) &&
           s.mentions[owner[j]].type != EntityType::kTheme) ||
          (tokens[j].is(kHasDigit) && tokens[j].is(kWord) &&
           tokens[j].start == tokens[j - 1].end) ||
          (tokens[j].is(kWord) && CueHas(CueList::kLegalSuffixes, s, j))) {
        ++j;
        continue;
      }
      const std::string_view t = Slice(text_, {tokens[j].start, tokens[j].end});
      // A hyphen or period glued to both neighbours ("Coca-Cola", "Inc.") stays inside.
      const bool glued_hyphen = (t == "-" || t == "&") && j + 1 < tokens.size() &&
                                tokens[j].start == tokens[j - 1].end && starts_run(j + 1) &&
                                tokens[j + 1].start == tokens[j].end;
      // "and" joins only words the lexicon does not know ("Oil and Gas Charter"), so
      // "Apple and Google" stays two names.
      // "for" only after an institution's head ("Bank for International Settlements"), so
      // "paid by Microsoft for Activision Blizzard" stays two names.
      static const StringSet kForHeads = {
          "Bank",         "Council",     "Institute",  "Centre",      "Center",    "Society",
          "Fund",         "Agency",      "Commission", "Foundation",  "Alliance",  "Association",
          "Coalition",    "Committee",   "Office",     "Ministry",    "Union",     "Organisation",
          "Organization", "Partnership", "Forum",      "Corporation", "Authority", "Board"};
      // "of" before a city after a legal form says where the company is ("Kestrel
      // Corporation of Denver"); "Bank of America", "Bank of Tokyo" keep their "of".
      const bool of_city = t == "of" && j + 1 < tokens.size() && owner[j + 1] >= 0 &&
                           CueHas(CueList::kLegalSuffixes, s, j - 1) &&
                           s.mentions[owner[j + 1]].lex >= 0 &&
                           s.mentions[owner[j + 1]].type == EntityType::kPlace &&
                           rep_.lexicon.entries()[s.mentions[owner[j + 1]].lex].subtype == "city";
      const bool connector =
          CueHas(CueList::kConnectors, s, j) && j + 1 < tokens.size() && starts_run(j + 1) &&
          (t != "and" || AndJoinsName(s, owner, j)) &&
          (t != "for" ||
           kForHeads.contains(Slice(text_, {tokens[j - 1].start, tokens[j - 1].end}))) &&
          !of_city && !(t == "of" && OfEndsName(s, owner, i, j));
      // "Ursula von der Leyen", "Fernando de los Rios": two particles in a row.
      const bool two_particles = j + 2 < tokens.size() && CueHas(CueList::kNameParticles, s, j) &&
                                 CueHas(CueList::kNameParticles, s, j + 1) && starts_run(j + 2);
      if (two_particles) {
        j += 3;
        continue;
      }
      const bool amp = t == "&" && j + 1 < tokens.size() && starts_run(j + 1);
      // "Inc.", "Co.", "S.p.A.": an abbreviated legal form keeps its period; a whole word
      // ("Group.", "Holdings.", "Limited.") ends the sentence instead.
      const std::string_view prev = Slice(text_, {tokens[j - 1].start, tokens[j - 1].end});
      const bool suffix_period = t == "." && tokens[j].start == tokens[j - 1].end &&
                                 (prev.size() <= 4 || prev.find('.') != std::string_view::npos) &&
                                 CueHas(CueList::kLegalSuffixes, s, j - 1);
      // Initials: "C.C. Wei", "J. Smith" keep going after the period.
      const bool initial_period =
          t == "." && tokens[j].start == tokens[j - 1].end && tokens[j - 1].is(kCapital) &&
          (prev.size() == 1 || (prev.size() <= 5 && prev.find('.') != std::string_view::npos)) &&
          j + 1 < tokens.size() && starts_run(j + 1);
      // "Keith O'Neill", "Massimo D'Alema": an apostrophe glued after a one-letter capital.
      const bool name_apostrophe =
          (t == "'" || t == "\u2019") && tokens[j].start == tokens[j - 1].end &&
          tokens[j - 1].end - tokens[j - 1].start == 1 && tokens[j - 1].is(kCapital) &&
          j + 1 < tokens.size() && starts_run(j + 1) && tokens[j + 1].start == tokens[j].end;
      if (glued_hyphen || connector || amp || initial_period || name_apostrophe) {
        j += 2;
        continue;
      }
      if (RomanisedSyllable(s, i, j)) {  // "Lee Jae-yong", "Li Ka-shing": the name ends here
        j += 2;
        break;
      }
      if (suffix_period) {
        ++j;
        break;
      }
      break;
    }
    ClassifyRun(s, owner, i, j);
    i = j;
  }
}

void DocumentRun::ClassifyTitledCompany(SentenceWork& s, std::vector<int>& owner, size_t begin,
                                        size_t end) {
  const size_t before = s.mentions.size();
  ClassifyRun(s, owner, begin, end);
  for (size_t mi = before; mi < s.mentions.size(); ++mi) {
    RawMention& m = s.mentions[mi];
    if (m.candidate && m.span.start == s.tokens[begin].start) {
      m.candidate = false;
      m.type = EntityType::kOrganization;
    }
  }
}

// Whether tokens [begin, last) stand where a model's name does: after a determiner ("the",
// "a", "its"), maybe with one lower-case word between ("the sportier X"), or before a kind of
// product (the cues' model_followers: "X electric cars").
bool DocumentRun::ModelContext(const SentenceWork& s, size_t begin, size_t last) const {
  const auto& tokens = s.tokens;
  // "a Ford Credit spokesman", "the Peugeot Aulnay plant": a post or a site after the name makes
  // it a company's or a place's.
  if (last < tokens.size() && tokens[last].is(kWord) && !tokens[last].is(kCapital)) {
    const std::string after = AsciiLower(Slice(text_, {tokens[last].start, tokens[last].end}));
    if (rep_.cues.titles.count(after) || rep_.cues.model_unit_followers.contains(after)) {
      return false;
    }
  }
  auto determiner = [&](size_t k) {
    if (!tokens[k].is(kWord)) return false;
    const std::string w = AsciiLower(Slice(text_, {tokens[k].start, tokens[k].end}));
    return rep_.cues.articles.contains(w) || rep_.cues.adjective_determiners.contains(w);
  };
  if (begin > 0 && determiner(begin - 1)) return true;
  if (begin > 1 && tokens[begin - 1].is(kWord) && !tokens[begin - 1].is(kCapital) &&
      determiner(begin - 2)) {
    return true;
  }
  if (!rep_.model_follower) return false;
  const uint32_t end = tokens[last - 1].end;
  const re2::StringPiece rest(text_.data() + end, s.span.end - end);
  return rep_.model_follower->Match(rest, 0, rest.size(), RE2::ANCHOR_START, nullptr, 0);
}

bool DocumentRun::PersonShaped(const SentenceWork& s, size_t begin, size_t end) const {
  const auto& tokens = s.tokens;
  // "R." of "R. Cromwell Coulson": a one-letter capital glued to its period.
  if (end - begin >= 4 && tokens[begin].end - tokens[begin].start == 1 &&
      tokens[begin].is(kCapital) && tokens[begin + 1].start == tokens[begin].end &&
      Slice(text_, {tokens[begin + 1].start, tokens[begin + 1].end}) == ".") {
    begin += 2;
  }
  return end - begin >= 2 && end - begin <= 3 && tokens[begin + 1].is(kWord);
}

bool DocumentRun::IsTitle(const SentenceWork& s, size_t begin, size_t end) const {
  const auto& tokens = s.tokens;
  if (begin >= end || end - begin > rep_.cues.max_title_words || !tokens[begin].is(kWord) ||
      !MayStartTitle(begin)) {
    return false;
  }
  std::string& phrase = scratch_.title_phrase;
  phrase.clear();
  for (size_t k = begin; k < end; ++k) {
    const std::string_view word = Slice(text_, {tokens[k].start, tokens[k].end});
    if (k > begin && !(word == "-" || phrase.back() == '-')) phrase.push_back(' ');
    AppendAsciiLower(word, phrase);
  }
  return rep_.cues.titles.count(phrase) > 0;
}

size_t DocumentRun::TrailingTitleStart(const SentenceWork& s, size_t begin, size_t end) const {
  const auto& tokens = s.tokens;
  while (end > begin && tokens[end - 1].is(kPunct)) --end;
  size_t start = begin;
  for (size_t n = 1; n <= rep_.cues.max_title_words && n < end - begin; ++n) {
    if (IsTitle(s, end - n, end)) start = end - n;
  }
  // "Founder and Chairman": titles joined by "and" name no company.
  return start == begin || OnlyTitleWords(s, begin, start) ? begin : start;
}

bool DocumentRun::OnlyTitleWords(const SentenceWork& s, size_t begin, size_t end) const {
  for (size_t k = begin; k < end; ++k) {
    const std::string w = AsciiLower(Slice(text_, {s.tokens[k].start, s.tokens[k].end}));
    if (!(w == "and" || w == "&" || w == "," || rep_.cues.titles.count(w) > 0)) return false;
  }
  return true;
}

void DocumentRun::ClassifyRun(SentenceWork& s, std::vector<int>& owner, size_t begin, size_t end) {
  const auto& tokens = s.tokens;
  auto word = [&](size_t k) { return Slice(text_, {tokens[k].start, tokens[k].end}); };
  // "SLOW ORDERS Kestrel Motors said sales fell": a section heading in capitals
  // that the splitter left on the front of the next sentence is no part of the name.
  if (!s.headline) {
    static const StringSet kCapsFunctionWords = {"A",   "AN", "AND",  "AS",   "AT",   "BY",
                                                 "FOR", "IN", "OF",   "ON",   "OVER", "THE",
                                                 "TO",  "UP", "WITH", "FROM", "AFTER"};
    size_t k = begin;
    bool long_words = true, function_word = false;
    while (k < end && tokens[k].is(kWord) && (tokens[k].is(kAllCaps) || word(k) == "A") &&
           owner[k] < 0) {
      const bool fn = kCapsFunctionWords.contains(word(k));
      function_word |= fn;
      long_words &= fn || tokens[k].end - tokens[k].start >= 4;
      ++k;
    }
    // "NTT DOCOMO Inc" and "ABN AMRO Bank" keep their capitals: short words, no function word.
    if (k - begin >= 2 && k < end && (long_words || function_word) && tokens[k].is(kWord) &&
        tokens[k].is(kCapital) && !tokens[k].is(kAllCaps)) {
      begin = k;
    }
  }
  // "... and Chief Operating Officer for X": a whole run that is a title names no one, even
  // where its first word is one that would be dropped below ("Chief").
  {
    size_t last = end;
    while (last > begin && tokens[last - 1].is(kPunct)) --last;
    if (IsTitle(s, begin, last)) return;
    // "head of M&A advisory": a run of several tokens that is one not_entities entry as a
    // whole ("M&A", "R&D") names nothing, though none of its tokens is one.
    if (last - begin > 1 && rep_.cues.not_entities.contains(
                                Slice(text_, {tokens[begin].start, tokens[last - 1].end}))) {
      return;
    }
  }
  // Drop leading function words ("The", "But") and trailing periods.
  for (bool changed = true; changed && begin < end;) {
    changed = false;
    // "CEO Jensen Huang": the title is context, not part of the name (longest title wins).
    std::string phrase;
    size_t title_words = 0;
    for (size_t n = 1; n <= rep_.cues.max_title_words && begin + n < end && MayStartTitle(begin);
         ++n) {
      const std::string_view w = word(begin + n - 1);
      if (!(n == 1 || w == "-" || phrase.back() == '-')) phrase.push_back(' ');
      AppendAsciiLower(w, phrase);
      if (rep_.cues.titles.count(phrase) && !tokens[begin + n].is(kPunct)) title_words = n;
    }
    if (title_words > 0) {
      begin += title_words;
      changed = true;
      continue;
    }
    // A word the lexicon placed ("New" of "New York Stock Exchange") is never stripped, nor
    // an adjective that starts a name with a legal form ("Global Harbour Logistics PLC").
    if (owner[begin] < 0 &&
        (CueHas(CueList::kFunctionWords, s, begin) || CueHas(CueList::kNotEntities, s, begin) ||
         CueHas(CueList::kLeadingJunk, s, begin)) &&
        !(CueHas(CueList::kNameAdjectives, s, begin) &&
          (EndsInOrgForm(s, begin, end) || HeadWordOfFollows(s, begin + 1, end)))) {
      ++begin;
      changed = true;
      continue;
    }
    // "Drugmaker Kestrel Pharma said ...": a sentence's first word is capitalised whatever it is,
    // and a descriptor there ("drugmaker", "brokerage") is context, not name, unless what
    // follows is only a head word or legal form ("Partners Group", "Unit Corp"), or is not
    // known to name a company ("Investor Takeaway:").
    if (s.StartsText(begin) && begin + 1 < end &&
        (owner[begin] < 0 || s.mentions[owner[begin]].type == EntityType::kTheme) &&
        tokens[begin + 1].is(kCapital) && !CueHas(CueList::kOrgHeadWords, s, begin + 1) &&
        !CueHas(CueList::kLegalSuffixes, s, begin + 1) &&
        RestNamesCompany(s, owner, begin + 1, end) &&
        rep_.cues.org_context_before.contains(AsciiLower(word(begin)))) {
      ++begin;
      changed = true;
      continue;
    }
    // "Boxer Roberto Duran will fight", "Billionaire Carl Icahn said": a sentence's capitalised
    // first word before a known first name and one or two more words is a descriptor, not the
    // start of the name, unless it is a name's word itself ("Philip Morris International").
    auto words = [&] {
      return std::count_if(tokens.begin() + static_cast<std::ptrdiff_t>(begin),
                           tokens.begin() + static_cast<std::ptrdiff_t>(end),
                           [](const Token& t) { return t.is(kWord); });
    };
    if (s.StartsText(begin) && owner[begin] < 0 && tokens[begin].is(kWord) &&
        !tokens[begin].is(kAllCaps) && words() >= 3 && words() <= 4 && owner[begin + 1] < 0 &&
        CueHas(CueList::kFirstNames, s, begin + 1) && !CueHas(CueList::kFirstNames, s, begin) &&
        !CueHas(CueList::kOrgHeadWords, s, begin) && !CueHas(CueList::kOrgPrefixes, s, begin) &&
        !EndsInOrgForm(s, begin, end)) {
      ++begin;
      changed = true;
      continue;
    }
    // "Chairman of the Board of Torvik Systems, Inc.": the board is the company's, not part of
    // its name, where what follows names a company ("Board of Trade" stays whole).
    if (owner[begin] < 0 && begin + 2 < end && word(begin) == "Board" && word(begin + 1) == "of") {
      const size_t rest =
          begin + 2 +
          ((begin + 4 < end && word(begin + 2) == "Directors" && word(begin + 3) == "of") ? 2 : 0);
      if (RestNamesCompany(s, owner, rest, end)) {
        begin = rest;
        changed = true;
        continue;
      }
    }
  }
  // "Corran Foods Chief Executive Tom Lund": a title inside the run separates the company
  // before it from the person after it.
  for (size_t k = begin + 1; k + 1 < end; ++k) {
    if (owner[k] >= 0 || !MayStartTitle(k)) continue;
    std::string phrase;
    size_t title_words = 0;
    for (size_t n = 1; n <= rep_.cues.max_title_words && k + n < end; ++n) {
      const std::string_view w = word(k + n - 1);
      if (!(n == 1 || w == "-" || phrase.back() == '-')) phrase.push_back(' ');
      AppendAsciiLower(w, phrase);
      if (rep_.cues.titles.count(phrase) && tokens[k + n].is(kCapital)) title_words = n;
    }
    if (title_words == 0) continue;
    // "Founder and Chairman Wang Chuanfu": titles joined by "and" name no company.
    const bool only_titles = OnlyTitleWords(s, begin, k);
    // "Foreign Minister X", "Energy Secretary X": one word before a portfolio title is part of
    // the title, and "General Director X" or "Former Chairman X" names no company either.
    const bool title_word_before =
        k == begin + 1 && owner[begin] < 0 &&
        (rep_.cues.portfolio_titles.contains(AsciiLower(word(k))) ||
         CueHas(CueList::kHonorifics, s, begin) || CueHas(CueList::kNotEntities, s, begin) ||
         CueHas(CueList::kFunctionWords, s, begin));
    if (only_titles || title_word_before) {
      ClassifyRun(s, owner, k, end);
      return;
    }
    ClassifyRun(s, owner, k, end);
    ClassifyTitledCompany(s, owner, begin, k);
    return;
  }
  // "Harlow Founder and CEO Jane Price", "the Corran Chief Executive said": a title that ends
  // the run names a post, not part of the company before it.
  if (const size_t k = TrailingTitleStart(s, begin, end); k > begin) {
    ClassifyTitledCompany(s, owner, begin, k);
    return;
  }
  size_t last = end;
  // Trailing punctuation, and a connector left over where the lexicon split the run ("Ola
  // Halvorsen of" before the place "Norway").
  while (last > begin &&
         (tokens[last - 1].is(kPunct) || CueHas(CueList::kLeadingJunk, s, last - 1))) {
    --last;
  }
  if (begin >= last) return;
  // "State-controlled VTB", "Current CEO Meg Whitman": a word that starts names but is none
  // alone.
  if (last - begin == 1 && rep_.cues.not_alone.contains(word(begin))) return;
  // A ticker written without parentheses ("Kestrel Ports Ltd KPL.AX", "Tarn Fund TF.UL"): the
  // symbol glued to an exchange suffix is not part of the name, and the suffix is no name.
  if (last - begin >= 2 && tokens[last - 1].is(kAllCaps) && RicSuffixAfter(tokens[last - 1])) {
    --last;
  }
  if (last - begin == 1 && tokens[begin].is(kAllCaps) && tokens[begin].start > 0 &&
      text_[tokens[begin].start - 1] == '.' && begin > 0 && tokens[begin - 1].is(kAllCaps) &&
      tokens[begin - 1].end + 1 == tokens[begin].start &&
      tokens[begin].end - tokens[begin].start <= 3) {
    return;
  }
  // A run that is nothing but a title ("Founder and Chairman X" splits at "and") names no one.
  if (IsTitle(s, begin, last)) return;
  // "the Davis Cup", "the Hong Kong Open", "the Gulf War": an event's name, with whatever
  // the lexicon found inside it, names no organisation and no place.
  if (last - begin >= 2 && CueHas(CueList::kEventWords, s, last - 1)) {
    const Span run{tokens[begin].start, tokens[last - 1].end};
    bool dropped = false;
    for (size_t mi = 0; mi < s.mentions.size();) {
      const Span m = s.mentions[mi].span;
      if (m.start >= run.start && m.end <= run.end) {
        s.mentions.erase(s.mentions.begin() + static_cast<std::ptrdiff_t>(mi));
        dropped = true;
      } else {
        ++mi;
      }
    }
    if (dropped) RebuildOwner(s, owner);
    return;
  }
  // Covered entirely by one gazetteer mention: the lexicon already said what it is.
  bool any_owned = false, all_same_owner = true;
  for (size_t k = begin; k < last; ++k) {
    if (owner[k] >= 0) any_owned = true;
    if (owner[k] != owner[begin]) all_same_owner = false;
  }
  if (all_same_owner && owner[begin] >= 0) {
    const RawMention& m = s.mentions[owner[begin]];
    if (m.span.start == tokens[begin].start && m.span.end >= tokens[last - 1].end) return;
  }
  // The span keeps a legal form's period ("Inc.") but not a connector the lexicon's place
  // left behind ("Brennet Ltd of" before "Singapore").
  size_t span_end = end;
  while (span_end > last && !tokens[span_end - 1].is(kPunct)) --span_end;
  const Span span{tokens[begin].start, tokens[span_end - 1].end};
  const bool legal = CueHas(CueList::kLegalSuffixes, s, last - 1);
  const bool head = legal || CueHas(CueList::kOrgHeadWords, s, last - 1) ||
                    CueHas(CueList::kOrgPrefixes, s, begin) || LeadingHead(s, begin, last);
  const bool sentence_initial = s.StartsText(begin);

  auto replace_owned = [&](RawMention m) {
    // Mentions inside the run are superseded by the run's mention.
    s.mentions.erase(std::remove_if(s.mentions.begin(), s.mentions.end(),
                                    [&](const RawMention& old) {
                                      return old.span.start >= m.span.start &&
                                             old.span.end <= m.span.end;
                                    }),
                     s.mentions.end());
    s.mentions.push_back(std::move(m));
    RebuildOwner(s, owner);
  };
  // The run's own mention, owning its tokens (the run has no mention inside it).
  auto add_owned = [&](RawMention m) {
    const int index = static_cast<int>(s.mentions.size());
    s.mentions.push_back(std::move(m));
    for (size_t k = begin; k < last; ++k) owner[k] = index;
  };

  if (head && last - begin == 1 && !any_owned) return;  // "Markets", "Group" alone name nothing
  if (head && !legal && last - begin == 2 && !any_owned && CueHas(CueList::kFirstNames, s, begin) &&
      tokens[last - 1].is(kWord)) {
    // "Susan Court, a spokeswoman for ...", "said Frank Church": a first name and a surname
    // that is also a head word are a person where a post follows or the name is quoted.
    std::string role = RoleAfter(s, last);
    if (!role.empty() || SpeechContext(s, begin, last)) {
      RawMention m;
      m.span = span;
      m.type = EntityType::kPerson;
      m.role = std::move(role);
      add_owned(std::move(m));
      return;
    }
  }
  if (head && owner[begin] >= 0) {
    // "U.S. Federal Trade Commission": a place written as initials, then a body the lexicon
    // knows to the run's end, are those two, not a new organisation.
    const RawMention& place = s.mentions[owner[begin]];
    size_t after = begin;
    while (after < last && owner[after] == owner[begin]) ++after;
    if (place.type == EntityType::kPlace && !place.demonym &&
        Slice(text_, place.span).find('.') != std::string_view::npos && after < last &&
        owner[after] >= 0) {
      const RawMention& known = s.mentions[owner[after]];
      if (known.type == EntityType::kOrganization && known.lex >= 0 &&
          known.span.start == tokens[after].start && known.span.end == tokens[last - 1].end) {
        return;
      }
    }
  }
  if (head) {
    // "Bharti Airtel Ltd." is the lexicon's "Bharti Airtel" with a suffix.
    RawMention m;
    m.span = span;
    m.type = EntityType::kOrganization;
    const std::string_view surface = Slice(text_, span);
    std::string_view stripped = StripLegal(surface);
    if (CueHas(CueList::kOrgPrefixes, s, begin) && stripped.find(' ') != std::string::npos) {
      stripped = stripped.substr(stripped.find(' ') + 1);
    }
    m.lex = LexiconOrgFor(stripped);
    if (m.lex < 0 && legal) m.lex = LexiconOrgFor(surface);
    if (any_owned && m.lex < 0 && !legal && last - begin == 1) return;
    replace_owned(std::move(m));
    return;
  }
  // A title or a known first name before the run makes it a person even where the lexicon
  // knows one of its words as a company ("CEO Maria Santos").
  const std::string title = TitleBefore(s, begin);
  // Two or three words, joined by nothing but a name's apostrophe or a romanised syllable's
  // hyphen: "Douglas & Lomason" and "Jed-Forest" are not people.
  size_t name_words = 0;
  size_t particles = 0;  // "da" in "Luiz Inacio Lula da Silva" does not count as a word
  bool name_shaped = true;
  for (size_t k = begin; k < last; ++k) {
    const bool before_apostrophe = k + 1 < last && !tokens[k + 1].is(kWord);
    if (tokens[k].is(kWord) && tokens[k].is(kCapital)) {
      // The "O" of "O'Neill" is not a word of its own.
      name_words += before_apostrophe && tokens[k].end - tokens[k].start == 1 ? 0 : 1;
    } else if (tokens[k].is(kWord)) {
      // Lower case: a particle ("Charles de Gaulle") or a romanised syllable after a hyphen.
      const bool particle = CueHas(CueList::kNameParticles, s, k);
      particles += particle ? 1 : 0;
      name_shaped &= particle || (k > begin && word(k - 1) == "-");
    } else {
      const std::string_view p = word(k);
      // A middle initial's period ("Kevin M. Charlton", as filings name people): a first word
      // before the initial, a capitalised word after it.
      const bool middle_initial =
          p == "." && k > begin + 1 && k + 1 < last && tokens[k].start == tokens[k - 1].end &&
          tokens[k - 1].end - tokens[k - 1].start == 1 && tokens[k - 1].is(kCapital) &&
          tokens[k + 1].is(kWord) && tokens[k + 1].is(kCapital);
      name_shaped &= middle_initial || ((p == "'" || p == "\u2019" || p == "-") && k > begin &&
                                        k + 1 < last && tokens[k].start == tokens[k - 1].end &&
                                        tokens[k + 1].start == tokens[k].end &&
                                        (p != "-" || !tokens[k + 1].is(kCapital)));
    }
  }
  // A one-letter last word is an initial or a model ("Edward D. Jones", "the Han L").
  // Names with particles run longer ("Paulo Cesar de Souza e Silva").
  const bool first_name = name_shaped && name_words >= 2 && name_words <= (particles > 0 ? 4 : 3) &&
                          tokens[last - 1].end - tokens[last - 1].start >= 2 &&
                          CueHas(CueList::kFirstNames, s, begin);
  // After a title, a one-word place first is a first name ("analyst Milan Horak").
  auto first_word_place = [&](size_t k) {
    if (k != begin || title.empty() || title == "-" || owner[k] < 0) return false;
    const RawMention& m = s.mentions[owner[k]];
    return m.type == EntityType::kPlace && !m.demonym && m.span.start == tokens[k].start &&
           m.span.end == tokens[k].end && k + 1 < last;
  };
  const size_t person_tokens = last - begin - particles;
  if (any_owned && (!title.empty() || first_name) && person_tokens <= 4) {
    bool only_single_orgs = true;
    for (size_t k = begin; k < last; ++k) {
      if (owner[k] < 0) continue;
      const RawMention& m = s.mentions[owner[k]];
      only_single_orgs &= (m.type == EntityType::kOrganization || first_word_place(k)) &&
                          m.span.start >= tokens[begin].start && m.span.end <= tokens[last - 1].end;
    }
    if (only_single_orgs && (owner[begin] < 0 || first_word_place(begin))) {
      RawMention m;
      m.span = {tokens[begin].start, tokens[last - 1].end};
      m.type = EntityType::kPerson;
      m.role = title == "-" ? "" : title;
      replace_owned(std::move(m));
      return;
    }
  }
  if (any_owned && owner[last - 1] >= 0 && owner[begin] != owner[last - 1]) {
    // "Development Bank of Japan": unknown capitalised words before an institution the lexicon
    // knows (a central bank, a ministry, a federation) name another institution, and so does a
    // city or state ("Shanghai Food and Drug Administration").
    const RawMention& known = s.mentions[owner[last - 1]];
    size_t k = begin;
    if (owner[begin] >= 0) {
      const RawMention& place = s.mentions[owner[begin]];
      const bool city_or_state = place.type == EntityType::kPlace && !place.demonym &&
                                 place.lex >= 0 && place.span.start == tokens[begin].start &&
                                 (rep_.lexicon.entries()[place.lex].subtype == "city" ||
                                  rep_.lexicon.entries()[place.lex].subtype == "state");
      while (k < last && owner[k] == owner[begin]) ++k;
      if (!city_or_state || sentence_initial) k = last;  // no such institution
    }
    bool plain_words = k < last;
    while (k < last && owner[k] < 0 && plain_words) {
      plain_words = tokens[k].is(kWord) && !CueHas(CueList::kNotEntities, s, k) &&
                    !CueHas(CueList::kHonorifics, s, k) && !CueHas(CueList::kFunctionWords, s, k);
      ++k;
    }
    if (plain_words && known.type == EntityType::kOrganization && known.lex >= 0 &&
        !IsBusinessSubtype(rep_.lexicon.entries()[known.lex].subtype) &&
        known.span.start == tokens[k].start && known.span.end == tokens[last - 1].end &&
        !MayStartTitle(begin)) {
      RawMention m;
      m.span = {tokens[begin].start, tokens[last - 1].end};
      m.type = EntityType::kOrganization;
      replace_owned(std::move(m));
      return;
    }
  }
  if (any_owned) {
    // "Telkom Indonesia": unknown capitalised words before a place name form a company name.
    size_t k = begin;
    while (k < last && owner[k] < 0) ++k;
    // "South Texas", "East Siberia": compass words before a place name part of that place.
    bool compass = k > begin && k < last;
    for (size_t d = begin; d < k && compass; ++d) {
      compass = rep_.cues.place_direction_words.contains(word(d));
    }
    if (compass && s.mentions[owner[k]].type == EntityType::kPlace &&
        !s.mentions[owner[k]].demonym && s.mentions[owner[k]].span.end == tokens[last - 1].end) {
      RawMention m;
      m.span = {tokens[begin].start, tokens[last - 1].end};
      m.type = EntityType::kPlace;
      replace_owned(std::move(m));
      return;
    }
    if (k > begin && k < last && !sentence_initial && owner[k] >= 0 &&
        s.mentions[owner[k]].type == EntityType::kPlace && !s.mentions[owner[k]].demonym &&
        s.mentions[owner[k]].span.end == tokens[last - 1].end) {
      RawMention m;
      m.span = {tokens[begin].start, tokens[last - 1].end};
      m.type = EntityType::kOrganization;
      replace_owned(std::move(m));
      return;
    }
    // A known company, or a place, at the start of the run and more words after it.
    if (owner[begin] >= 0) {
      const RawMention& head_mention = s.mentions[owner[begin]];
      size_t after = begin;
      while (after < last && owner[after] == owner[begin]) ++after;
      // Only a business lends its name to the words after it: "Fed Cup" and "Labour Day" are
      // no units of the central bank or the party (data/organisations.json).
      const bool known_company =
          head_mention.type == EntityType::kOrganization && head_mention.lex >= 0 &&
          IsBusinessSubtype(rep_.lexicon.entries()[head_mention.lex].subtype);
      const bool at_start = head_mention.span.start == tokens[begin].start;
      auto whole_run_is_company = [&] {
        RawMention m;
        m.span = {tokens[begin].start, tokens[last - 1].end};
        m.type = EntityType::kOrganization;
        m.lex = LexiconOrgFor(StripLegal(Slice(text_, m.span)));
        replace_owned(std::move(m));
      };
      // "Zhejiang Geely", "Chongqing Changan": a province or city written right before a known
      // company, in one run, names the company that carries the place in its name.
      if (head_mention.type == EntityType::kPlace && !head_mention.demonym &&
          head_mention.lex >= 0 && at_start && after < last && owner[after] >= 0 &&
          (rep_.lexicon.entries()[head_mention.lex].subtype == "state" ||
           rep_.lexicon.entries()[head_mention.lex].subtype == "city")) {
        const RawMention& company = s.mentions[owner[after]];
        if (company.type == EntityType::kOrganization && company.lex >= 0 &&
            rep_.lexicon.entries()[company.lex].subtype != "exchange" &&
            company.span.start == tokens[after].start && company.span.end == tokens[last - 1].end &&
            tokens[after].start == tokens[after - 1].end + 1) {
          whole_run_is_company();
          return;
        }
      }
      // "Telefonica Czech Republic", "Wal-Mart de Mexico": a known company followed by a
      // country's name (not its demonym), maybe after a connector, names that company's
      // national subsidiary.
      static const StringSet kNationalConnectors = {"de", "do", "du", "of"};
      size_t country_at = after;
      if (country_at + 1 < last && owner[country_at] < 0 &&
          kNationalConnectors.contains(word(country_at))) {
        ++country_at;
      }
      if (known_company && at_start && country_at < last && owner[country_at] >= 0) {
        const RawMention& place = s.mentions[owner[country_at]];
        if (place.type == EntityType::kPlace && !place.demonym && place.lex >= 0 &&
            rep_.lexicon.entries()[place.lex].subtype == "country" &&
            place.span.start == tokens[country_at].start &&
            place.span.end == tokens[last - 1].end) {
          whole_run_is_company();
          return;
        }
      }
      // "Coca-Cola Amatil", "Washington Mutual": a known company or a place followed by
      // unknown capitalised words names another company, unless those words are a title
      // or a person ("Apple CEO Tim Cook", "Paris Hilton").
      bool tail_unknown = after < last;
      for (size_t k2 = after; k2 < last && tail_unknown; ++k2) {
        const std::string_view w = word(k2);
        tail_unknown =
            owner[k2] < 0 && !(MayStartTitle(k2) && rep_.cues.titles.count(AsciiLower(w))) &&
            !CueHas(CueList::kHonorifics, s, k2) && !CueHas(CueList::kNotEntities, s, k2) &&
            !CueHas(CueList::kFunctionWords, s, k2) &&
            !(k2 == after && CueHas(CueList::kFirstNames, s, k2));
      }
      // A place written as initials ("U.S. Treasuries", "U.K. Trade Secretary X") is mostly an
      // adjective in news: it names a company only when the lexicon or a legal form says so.
      const bool initials = head_mention.type == EntityType::kPlace &&
                            Slice(text_, head_mention.span).find('.') != std::string_view::npos;
      // At a sentence's start a place and one or two more words name a company ("Dubai World
      // said", "Beijing Yanjing ( 000729.SZ )") only without a title or a given name among them
      // ("New York State Comptroller Thomas DiNapoli", "Jordan Matyas, chief of staff").
      bool initial_ok = !sentence_initial;
      if (sentence_initial && last - after <= 2 && !CueHas(CueList::kFirstNames, s, begin) &&
          RoleAfter(s, last).empty()) {
        initial_ok = true;
        for (size_t k2 = after; k2 < last && initial_ok; ++k2) {
          initial_ok =
              !CueHas(CueList::kFirstNames, s, k2) && !rep_.cues.titles.count(AsciiLower(word(k2)));
        }
      }
      // "New York Democratic Senator X": a place and a party's adjective name no company.
      const bool lone_adjective =
          last - after == 1 && rep_.cues.party_adjectives.contains(word(after));
      const bool names_company =
          known_company || (head_mention.type == EntityType::kPlace && !head_mention.demonym &&
                            !initials && initial_ok && !lone_adjective);
      // "in Kansas City, Kansas", "Oklahoma City": a place and a town word, or a place and
      // more words before a comma and a state or country, are a town, not a company named
      // after the place ("Kansas City Southern" still is one).
      if (tail_unknown && head_mention.type == EntityType::kPlace && !head_mention.demonym &&
          at_start &&
          ((after + 1 == last && rep_.cues.town_words.contains(word(after))) ||
           TownBeforeRegion(s, owner, begin, last))) {
        RawMention m;
        m.span = {tokens[begin].start, tokens[last - 1].end};
        m.type = EntityType::kPlace;
        replace_owned(std::move(m));
        return;
      }
      // "the Nissan Leaf", "a Toyota Corolla", "Opel Zafira compact MPVs": a carmaker's or
      // phone maker's name and one or two unknown words where a model stands are its model,
      // not another company ("Coca-Cola Amatil" is one).
      if (tail_unknown && known_company && at_start && last - after <= 2 &&
          rep_.names_models[head_mention.lex] && ModelContext(s, begin, last)) {
        RawMention m;
        m.span = {tokens[begin].start, tokens[last - 1].end};
        m.type = EntityType::kProduct;
        replace_owned(std::move(m));
        return;
      }
      // "said Jordan Posner, managing director of Matrix": a place and a surname with a role
      // after them are a person.
      if (tail_unknown && head_mention.type == EntityType::kPlace && !known_company && at_start &&
          PersonShaped(s, begin, last)) {
        if (std::string role = RoleAfter(s, last); !role.empty()) {
          RawMention m;
          m.span = {tokens[begin].start, tokens[last - 1].end};
          m.type = EntityType::kPerson;
          m.role = std::move(role);
          replace_owned(std::move(m));
          return;
        }
      }
      if (tail_unknown && names_company && at_start) {
        whole_run_is_company();
        return;
      }
    }
    // Otherwise the lexicon's mentions stand and each stretch of unknown words is its own run.
    for (size_t k2 = begin; k2 < last;) {
      if (owner[k2] >= 0) {
        ++k2;
        continue;
      }
      size_t e2 = k2;
      while (e2 < last && owner[e2] < 0) ++e2;
      ClassifyRun(s, owner, k2, e2);
      k2 = e2;
    }
    return;
  }
  // In a Title Case sentence an unknown run is only a name with a legal form or head word
  // (handled above) or a known first name: "Clears", "Analyst Says" name nothing.
  if (s.title_case && !first_name) return;
  RawMention m;
  m.span = {tokens[begin].start, tokens[last - 1].end};
  if (!title.empty() && person_tokens <= 4) {
    m.type = EntityType::kPerson;
    m.role = title == "-" ? "" : title;
  } else if (first_name) {
    // "owned by Karel Novak": a known first name outweighs an organisation context.
    m.type = EntityType::kPerson;
  } else if (std::string role;
             PersonShaped(s, begin, last) && !(role = RoleAfter(s, last)).empty()) {
    // "Randhir Thakur, chief executive of Tata Electronics": a title after the name.
    m.type = EntityType::kPerson;
    m.role = role;
  } else if (TownBeforeRegion(s, owner, begin, last)) {
    m.type = EntityType::kPlace;
  } else if (last - begin == 1 && ModelNumberShaped(word(begin))) {
    // "the A350", "its B787": a capital and three or four digits name a model, not a company;
    // whose model it is, only a product pattern says ("Airbus A350 jets").
    return;
  } else if (OrgContext(s, begin, last)) {
    m.type = EntityType::kOrganization;
  } else if (last - begin == 3 && tokens[begin].end - tokens[begin].start == 1 &&
             tokens[begin].is(kCapital) && word(begin + 1) == "." && tokens[begin + 2].is(kWord) &&
             tokens[begin + 2].is(kCapital) && !tokens[begin + 2].is(kAllCaps) &&
             tokens[begin + 2].end - tokens[begin + 2].start >= 2) {
    // "J. Harmon": an initial and a surname are a person.
    m.type = EntityType::kPerson;
  } else if (PersonShaped(s, begin, last) && tokens[last - 1].is(kWord) &&
             SpeechContext(s, begin, last)) {
    // "said Kenji Sato,": two or three capitalised words quoted as a speaker are a person.
    m.type = EntityType::kPerson;
  } else {
    m.candidate = true;
  }
  add_owned(std::move(m));
}

void DocumentRun::Tickers(SentenceWork& s) {
  const std::string_view sentence = Slice(text_, s.span);
  auto mention_before = [&](size_t offset) -> int {
    // The mention ending right before the parenthesis (allowing spaces and a comma).
    int best = -1;
    for (size_t k = 0; k < s.mentions.size(); ++k) {
      const RawMention& m = s.mentions[k];
      if (m.span.end > offset || m.anaphor) continue;
      // "on the Nasdaq (NASDAQ: NVDA)": the exchange is not the listed company.
      if (m.lex >= 0 && rep_.lexicon.entries()[m.lex].subtype == "exchange") continue;
      const std::string_view gap = text_.substr(m.span.end, offset - m.span.end);
      const std::string_view trimmed = TrimWhitespace(gap);
      if (trimmed.empty() || trimmed == "'s" || trimmed == "," || trimmed == "." ||
          trimmed == "-owned" || trimmed == "-backed" || trimmed == "-controlled" ||
          trimmed == "-led" || trimmed == "-based") {
        best = static_cast<int>(k);
      }
    }
    return best;
  };
  auto record = [&](size_t paren, Span symbol_span, std::string symbol,
                    const LexiconEntry* exchange) {
    int index = mention_before(paren);
    // "Tim Participacoes ( TIMP3.SA )": a name read as a person only for its first name
    // (no title, no honorific) is a company when a ticker follows it.
    const bool untitled_person = index >= 0 && s.mentions[index].type == EntityType::kPerson &&
                                 s.mentions[index].role.empty() && s.mentions[index].lex < 0;
    if (index >= 0 && s.mentions[index].type != EntityType::kOrganization &&
        !s.mentions[index].candidate && !untitled_person) {
      index = -1;
    }
    if (index >= 0) {
      RawMention& company = s.mentions[index];
      // "British Land ( BLND.L )", "Swiss Re": a demonym written right before an unknown name
      // that a ticker follows is the name's first word, not a place.
      if (company.lex < 0 && company.candidate) {
        for (RawMention& d : s.mentions) {
          if (d.type == EntityType::kPlace && d.demonym && d.span.end + 1 == company.span.start &&
              text_[d.span.end] == ' ') {
            company.span.start = d.span.start;
            d.span = {};
            break;
          }
        }
      }
      company.candidate = false;
      company.type = EntityType::kOrganization;
    } else if (auto it = rep_.ticker_symbols.find(symbol); it != rep_.ticker_symbols.end()) {
      RawMention m;
      m.span = symbol_span;
      m.type = EntityType::kOrganization;
      m.lex = static_cast<int>(it->second);
      m.from_ticker = true;
      s.mentions.push_back(std::move(m));
      index = static_cast<int>(s.mentions.size()) - 1;
    }
    if (index < 0) return;
    const int exchange_lex =
        exchange ? static_cast<int>(exchange - rep_.lexicon.entries().data()) : -1;
    tickers_.push_back({static_cast<uint32_t>(&s - sentences_.data()), symbol_span,
                        std::move(symbol), exchange_lex, s.mentions[index].span});
  };
  // The whole parenthetical, whether or not it names a known company, so that relation
  // rules read "Sony-owned ( 6758.T ) Crunchyroll" as "Sony-owned Crunchyroll".
  auto add_paren = [&](size_t paren, const re2::StringPiece& rest) {
    const size_t after = static_cast<size_t>(rest.data() - text_.data());
    const size_t close = text_.find(')', after - 1);
    if (paren == std::string_view::npos || close == std::string_view::npos || close >= s.span.end ||
        close - paren > 80) {
      return;
    }
    s.ticker_parens.push_back({static_cast<uint32_t>(paren), static_cast<uint32_t>(close + 1)});
  };
  re2::StringPiece input(sentence.data(), sentence.size());
  re2::StringPiece exchange, symbol;
  // Both ticker patterns start with '(': most sentences have none.
  const bool has_paren = sentence.find('(') != std::string_view::npos;
  while (has_paren && RE2::FindAndConsume(&input, *rep_.exchange_ticker, &exchange, &symbol)) {
    const size_t sym_at = static_cast<size_t>(symbol.data() - text_.data());
    const size_t paren = text_.rfind('(', sym_at);
    add_paren(paren, input);
    record(paren, {static_cast<uint32_t>(sym_at), static_cast<uint32_t>(sym_at + symbol.size())},
           std::string(symbol), rep_.lexicon.FindExchange(std::string(exchange)));
  }
  input = re2::StringPiece(sentence.data(), sentence.size());
  re2::StringPiece suffix;
  while (has_paren && RE2::FindAndConsume(&input, *rep_.ric_ticker, &symbol, &suffix)) {
    const size_t sym_at = static_cast<size_t>(symbol.data() - text_.data());
    const size_t paren = text_.rfind('(', sym_at);
    add_paren(paren, input);
    record(paren,
           {static_cast<uint32_t>(sym_at),
            static_cast<uint32_t>(sym_at + symbol.size() + suffix.size())},
           std::string(symbol), rep_.lexicon.FindExchangeBySuffix(std::string(suffix)));
  }
  // A ticker written without parentheses right after its company ("Siam Quarry PCL SQRY.BK
  // agreed to", "Kestrel Ports Ltd KPL.AX"): neither the symbol nor the suffix is a name, and a
  // capitalised run that took in the symbol ends before it.
  input = re2::StringPiece(sentence.data(), sentence.size());
  const bool may_have_bare_ticker = HasDotBeforeCapital(sentence);
  while (may_have_bare_ticker &&
         RE2::FindAndConsume(&input, *rep_.bare_ric_ticker, &symbol, &suffix)) {
    const LexiconEntry* exchange = rep_.lexicon.FindExchangeBySuffix(std::string(suffix));
    // "Lone Star LS.UL": a symbol for a company with no listing (cue list
    // `unlisted_ticker_suffixes`) names nothing either, and lists nothing.
    const bool unlisted =
        exchange == nullptr && rep_.cues.unlisted_ticker_suffixes.contains(std::string(suffix));
    if (exchange == nullptr && !unlisted) continue;
    const auto sym_at = static_cast<uint32_t>(symbol.data() - text_.data());
    const auto end = static_cast<uint32_t>(sym_at + symbol.size() + suffix.size());
    if (std::any_of(s.ticker_parens.begin(), s.ticker_parens.end(),
                    [&](const Span& p) { return p.start <= sym_at && end <= p.end; })) {
      continue;  // inside "( XOM.N )", read above
    }
    for (RawMention& m : s.mentions) {
      if (m.span.start < sym_at && m.span.end > sym_at && m.span.end <= end) {
        uint32_t trimmed = sym_at;
        while (trimmed > m.span.start &&
               std::isspace(static_cast<unsigned char>(text_[trimmed - 1]))) {
          --trimmed;
        }
        m.span.end = trimmed;
      }
    }
    s.ticker_parens.push_back({sym_at, end});
    if (!unlisted) record(sym_at, {sym_at, end}, std::string(symbol), exchange);
  }
  // A ticker's own capitalised letters are not a separate entity ("( 2503.T )" does not
  // name AT&T), unless the ticker is the only name the company has in the sentence.
  for (const Span& paren : s.ticker_parens) {
    for (auto& m : s.mentions) {
      if (!m.from_ticker && m.span.start >= paren.start && m.span.end <= paren.end)
        m.candidate = false, m.span = {};
    }
  }
  s.mentions.erase(std::remove_if(s.mentions.begin(), s.mentions.end(),
                                  [](const RawMention& m) { return m.span.size() == 0; }),
                   s.mentions.end());
}

// Whether a word token of `sentence` may be other than a maximal run of ASCII letters and
// digits (a whole word, as WordPrefilter reads text): a token holding a byte >= 0x80
// ("Nestlé") or a '.' the tokenizer joined ("U.S", "3.5").
bool MayJoinWords(std::string_view sentence) {
  size_t at = 0;
  for (; at + 8 <= sentence.size(); at += 8) {
    uint64_t w;
    std::memcpy(&w, sentence.data() + at, 8);
    if ((w & internal::kHighBits) != 0) return true;
  }
  for (; at < sentence.size(); ++at) {
    if (static_cast<unsigned char>(sentence[at]) >= 0x80) return true;
  }
  const auto alnum = [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  };
  for (size_t dot = sentence.find('.', 1);
       dot != std::string_view::npos && dot + 1 < sentence.size();
       dot = sentence.find('.', dot + 1)) {
    if (alnum(sentence[dot - 1]) && alnum(sentence[dot + 1])) return true;
  }
  return false;
}

bool DocumentRun::ProductWordsPresent(const SentenceWork& s) const {
  if (rep_.product_words.unconditional()) return true;
  uint64_t present = 0;
  auto add = [&](uint64_t hash) {
    if (!rep_.product_word_hashes.MayContain(hash)) return;
    if (const uint32_t* at = rep_.product_word_index.Find(hash)) {
      present |= rep_.product_word_bits[*at];
    }
  };
  // Every ASCII letter or digit is in a word token, and without a joining byte each word
  // token is one whole word: its hash is GazetteerPass's exact one.
  if (!MayJoinWords(Slice(text_, s.span))) {
    for (size_t k = 0; k < s.tokens.size(); ++k) {
      if (s.tokens[k].is(kWord)) add(token_hashes_[k][kExactMode]);
    }
    return rep_.product_words.MayMatch(present);
  }
  const auto alnum = [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  };
  for (size_t k = 0; k < s.tokens.size(); ++k) {
    if (!s.tokens[k].is(kWord)) continue;
    const std::string_view token = Slice(text_, {s.tokens[k].start, s.tokens[k].end});
    for (size_t at = 0; at < token.size();) {
      if (!alnum(token[at])) {
        ++at;
        continue;
      }
      size_t end = at;
      while (end < token.size() && alnum(token[end])) ++end;
      add(end - at == token.size() ? token_hashes_[k][kExactMode]
                                   : TokenHash(token.substr(at, end - at), kExactMode));
      at = end;
    }
  }
  return rep_.product_words.MayMatch(present);
}

void DocumentRun::Products(SentenceWork& s) {
  // A sentence without the words some pattern needs matches none (most sentences): no scan.
  if (!ProductWordsPresent(s)) return;
  const std::string_view sentence = Slice(text_, s.span);
  // One scan of the combined set names the few patterns that match anywhere; the others
  // would find nothing, so skipping them changes no result.
  std::vector<int>& candidates = scratch_.product_candidates;
  candidates.clear();
  RE2::Set::ErrorInfo set_error;
  // Most sentences match no pattern: asking only whether any does spares the Set's per-call
  // match list; the few that match are asked again for which.
  const re2::StringPiece text(sentence.data(), sentence.size());
  if (!rep_.product_set->Match(text, nullptr, &set_error) && set_error.kind == RE2::Set::kNoError) {
    return;
  }
  if (!rep_.product_set->Match(text, &candidates, &set_error)) {
    if (set_error.kind == RE2::Set::kNoError) return;
    candidates.resize(rep_.product_patterns.size());  // out of DFA memory: try them all
    for (size_t k = 0; k < candidates.size(); ++k) candidates[k] = static_cast<int>(k);
  }
  std::sort(candidates.begin(), candidates.end());
  for (const int candidate : candidates) {
    const auto& re = rep_.product_patterns[candidate];
    re2::StringPiece input(sentence.data(), sentence.size());
    re2::StringPiece name;
    while (RE2::FindAndConsume(&input, *re, &name)) {
      if (name.empty()) continue;
      // A pattern may capture a list ("Corona, Stella Artois and Leffe"): one product each.
      std::vector<std::string_view> items;
      std::string_view rest(name.data(), name.size());
      while (!rest.empty()) {
        size_t cut = std::min(rest.find(", "), rest.find(" and "));
        std::string_view item = rest.substr(0, cut);
        rest = cut == std::string_view::npos ? std::string_view{} : rest.substr(cut);
        for (std::string_view sep : {", and ", ", ", " and "}) {
          if (rest.substr(0, sep.size()) == sep) {
            rest.remove_prefix(sep.size());
            break;
          }
        }
        if (!item.empty()) items.push_back(item);
      }
      for (std::string_view item : items) AddProduct(s, item);
    }
  }
}

void DocumentRun::AddProduct(SentenceWork& s, std::string_view name) {
  // "March 2025", "The 2024" are dates and words, not products.
  const std::string_view first_word = name.substr(0, name.find(' '));
  if (rep_.cues.not_entities.contains(first_word) ||
      rep_.cues.function_words.contains(first_word)) {
    return;
  }
  const uint32_t start = static_cast<uint32_t>(name.data() - text_.data());
  const Span span{start, static_cast<uint32_t>(start + name.size())};
  const bool has_digit = std::any_of(name.begin(), name.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) != 0;
  });
  bool blocked = false;
  for (auto& m : s.mentions) {
    const bool overlap = m.span.start < span.end && span.start < m.span.end;
    if (!overlap) continue;
    const bool inside = m.span.start >= span.start && m.span.end <= span.end;
    // A product name outranks guesses and theme words inside it ("the iPhone 16"), a known
    // maker's name inside a model number ("the Saab 9-3"), and a shorter product ("iPhone").
    if (m.candidate || m.type == EntityType::kTheme ||
        (m.type == EntityType::kOrganization && m.lex < 0 && !m.anaphor && inside) ||
        (m.type == EntityType::kOrganization && has_digit && !m.anaphor && inside &&
         m.span.size() < span.size()) ||
        (m.type == EntityType::kPerson && m.role.empty() && m.lex < 0 && inside) ||
        (m.type == EntityType::kProduct && inside && m.span.size() < span.size())) {
      m.span = {};
    } else {
      blocked = true;
    }
  }
  s.mentions.erase(std::remove_if(s.mentions.begin(), s.mentions.end(),
                                  [](const RawMention& m) { return m.span.size() == 0; }),
                   s.mentions.end());
  if (blocked) return;
  RawMention m;
  m.span = span;
  m.type = EntityType::kProduct;
  s.mentions.push_back(std::move(m));
}

// The letters right before `at` (spaces aside) in the sentence starting at `sentence_start`:
// the word there, "" after punctuation; a semicolon counts as a word.
std::string_view DocumentRun::WordBefore(uint32_t sentence_start, uint32_t at) const {
  std::string_view before = text_.substr(sentence_start, at - sentence_start);
  while (!before.empty() && std::isspace(static_cast<unsigned char>(before.back()))) {
    before.remove_suffix(1);
  }
  if (!before.empty() && before.back() == ';') return before.substr(before.size() - 1);
  size_t start = before.size();
  while (start > 0 && std::isalpha(static_cast<unsigned char>(before[start - 1]))) --start;
  return before.substr(start);
}

bool DocumentRun::AfterConjunction(uint32_t sentence_start, uint32_t at) const {
  const std::string_view last = WordBefore(sentence_start, at);
  return last == ";" || IsAsciiAnd(last) || AsciiLowerEquals(last, "but") ||
         AfterClauseWord(sentence_start, at);
}

bool DocumentRun::AfterClauseWord(uint32_t sentence_start, uint32_t at) const {
  return ContainsLower(rep_.cues.anaphor_clause_words, WordBefore(sentence_start, at));
}

int DocumentRun::DropThemesInside(SentenceWork& s, Span span) {
  int theme = -1;
  for (const RawMention& m : s.mentions) {
    if (m.type == EntityType::kTheme && m.span.start >= span.start && m.span.end <= span.end) {
      theme = m.lex;
    }
  }
  s.mentions.erase(std::remove_if(s.mentions.begin(), s.mentions.end(),
                                  [&](const RawMention& m) {
                                    return m.type == EntityType::kTheme &&
                                           m.span.start >= span.start && m.span.end <= span.end;
                                  }),
                   s.mentions.end());
  return theme;
}

int DocumentRun::PreviousSentenceOrg(uint32_t sentence,
                                     const std::vector<const RawMention*>& orgs) const {
  if (sentence == 0 || orgs.size() < 2) return -1;
  const RawMention* first = nullptr;
  for (const RawMention& pm : sentences_[sentence - 1].mentions) {
    if (pm.anaphor || pm.entity < 0 || (first && pm.span.start >= first->span.start)) continue;
    if (std::any_of(orgs.begin(), orgs.end(),
                    [&](const RawMention* o) { return o->entity == pm.entity; })) {
      first = &pm;
    }
  }
  return first ? first->entity : -1;
}

void DocumentRun::AddAnaphor(SentenceWork& s, Span span, int theme) {
  for (const RawMention& m : s.mentions) {
    if (m.span.start < span.end && span.start < m.span.end) return;
  }
  RawMention m;
  m.span = span;
  m.type = EntityType::kOrganization;
  m.anaphor = true;
  m.anaphor_theme = theme;
  s.mentions.push_back(std::move(m));
}

void DocumentRun::Anaphors(SentenceWork& s) {
  // "The company", "It" at the start of a sentence or clause refer to a recent organisation.
  const auto& tokens = s.tokens;
  std::string phrase;
  // "Last July it opened", "In Europe it is building": a short time or place phrase without
  // a comma before "it" (and only "it") still leaves "it" the clause's subject.
  const bool opener =
      tokens.size() > 3 && rep_.anaphor_opener_words.Contains(token_hashes_[0][kLowerMode]) &&
      ContainsLower(rep_.cues.anaphor_openers, Slice(text_, {tokens[0].start, tokens[0].end}));
  for (size_t i = 0; i < tokens.size(); ++i) {
    const bool after_opener =
        opener && i >= 2 && i <= 4 && tokens[i].end - tokens[i].start == 2 &&
        AsciiLowerEquals(Slice(text_, {tokens[i].start, tokens[i].end}), "it") &&
        std::none_of(tokens.begin() + 1, tokens.begin() + i,
                     [](const Token& t) { return t.is(kPunct); });
    const bool clause_start =
        s.StartsText(i) || after_opener ||
        (tokens[i - 1].is(kPunct) &&
         (text_[tokens[i - 1].start] == ',' || text_[tokens[i - 1].start] == ';')) ||
        (i >= 1 && IsAsciiAnd(Slice(text_, {tokens[i - 1].start, tokens[i - 1].end}))) ||
        (i >= 1 && rep_.clause_conjunction_words.Contains(token_hashes_[i - 1][kLowerMode]) &&
         ContainsLower(rep_.cues.clause_conjunctions,
                       Slice(text_, {tokens[i - 1].start, tokens[i - 1].end})));
    if (!clause_start) continue;
    // ", and it said ...": the clause starts after the conjunction.
    if (i > 0 && IsAsciiAnd(Slice(text_, {tokens[i].start, tokens[i].end}))) continue;
    // "Zhejiang Geely, the owner of ...": after a name and a comma, an appositive.
    if (i >= 2 && text_[tokens[i - 1].start] == ',' &&
        std::any_of(s.mentions.begin(), s.mentions.end(),
                    [&](const RawMention& m) { return m.span.end == tokens[i - 2].end; })) {
      if (i > 0) break;
      continue;
    }
    // Tokens hold no spaces, so a phrase's first word is the first token lower-cased (the
    // token hashes are GazetteerPass's, of this sentence).
    const bool may_start = rep_.anaphor_first_words.Contains(token_hashes_[i][kLowerMode]);
    const size_t max_n = may_start ? std::min<size_t>(3, tokens.size() - i) : 0;
    uint64_t sequence[4] = {0};  // sequence[n]: the hash of the first n tokens lower-cased
    for (size_t n = 1; n <= max_n; ++n)
      sequence[n] = ExtendHash(sequence[n - 1], token_hashes_[i + n - 1][kLowerMode]);
    for (size_t n = max_n; n >= 1; --n) {
      if (!rep_.anaphor_phrase_hashes.Contains(sequence[n])) continue;
      // AsciiLower(JoinTokens(...)) into a reused buffer.
      phrase.clear();
      for (size_t k = i; k < i + n; ++k) {
        if (k > i) phrase.push_back(' ');
        AppendAsciiLower(Slice(text_, {tokens[k].start, tokens[k].end}), phrase);
      }
      if (!rep_.cues.anaphors.contains(phrase)) continue;
      // "... deal for Brennet Spa and its purchase of Tarn Fittings": after "and" or
      // a comma a possessive continues the clause's own subject, which the rules read.
      if (i > 0 && (phrase == "its" || phrase == "their")) break;
      const Span span{tokens[i].start, tokens[i + n - 1].end};
      // "The automaker", "the lender": the theme word the gazetteer found in the phrase gives
      // way to the anaphor; any other mention there keeps the phrase.
      AddAnaphor(s, span, DropThemesInside(s, span));
      break;
    }
    if (i > 0 && !after_opener) break;  // only the sentence start and the first clause boundary
  }
  // "..., where it competes with Shopee", "after it bought Dacora": "it" after a subordinating
  // word (cue list `anaphor_clause_words`) is the sentence's own subject again; Resolve takes
  // only a company named at the sentence's start for it.
  for (size_t i = 1; i < tokens.size(); ++i) {
    if (!AsciiLowerEquals(Slice(text_, {tokens[i].start, tokens[i].end}), "it") ||
        !tokens[i - 1].is(kWord)) {
      continue;
    }
    phrase.clear();
    AppendAsciiLower(Slice(text_, {tokens[i - 1].start, tokens[i - 1].end}), phrase);
    if (!rep_.cues.anaphor_clause_words.contains(phrase)) continue;
    // "... when it was sold by its owner": a passive "it" is as often the sentence's object.
    if (i + 2 < tokens.size() && PassiveAt(tokens, i + 1)) continue;
    AddAnaphor(s, {tokens[i].start, tokens[i].end}, -1);
  }
  // "The Hsinchu-based company ...", "The Chinese e-commerce giant ...": the head noun
  // refers back, while the place and theme words before it keep their own mentions.
  if (tokens.size() < 3 ||
      !AsciiLowerEquals(Slice(text_, {tokens[0].start, tokens[0].end}), "the")) {
    return;
  }
  for (size_t k = 2; k < std::min<size_t>(6, tokens.size()); ++k) {
    // The phrase ends at a comma ("The airline, a unit of ..." names its unit no further).
    if (text_[tokens[k].start] == ',') return;
    if (!rep_.anaphor_the_words.Contains(token_hashes_[k][kLowerMode])) continue;
    phrase.assign("the ");
    AppendAsciiLower(Slice(text_, {tokens[k].start, tokens[k].end}), phrase);
    if (!rep_.cues.anaphors.contains(phrase)) continue;
    const Span span{tokens[k].start, tokens[k].end};
    const int theme = DropThemesInside(s, span);
    bool blocked = false;
    for (const auto& m : s.mentions) {
      const bool inside = m.span.start >= tokens[1].start && m.span.end <= span.end;
      if (m.span.start < span.end && span.start < m.span.end) blocked = true;
      if (inside && (m.type == EntityType::kOrganization || m.type == EntityType::kPerson)) {
        blocked = true;
      }
    }
    if (!blocked) {
      RawMention m;
      m.span = span;
      m.type = EntityType::kOrganization;
      m.anaphor = true;
      m.anaphor_theme = theme;
      for (const auto& place : s.mentions) {
        if (place.type == EntityType::kPlace && place.lex >= 0 &&
            place.span.start >= tokens[1].start && place.span.end <= span.start) {
          m.anaphor_place = place.lex;
        }
      }
      s.mentions.push_back(std::move(m));
    }
    return;
  }
}

// ---------------------------------------------------------------------------
// Resolution.

int DocumentRun::NewEntity(std::string_view id, uint64_t id_hash, std::string_view name,
                           EntityType type, std::string_view subtype, int lex, uint32_t sentence) {
  // Most calls find the entity already made (every later mention of a lexicon name).
  if (const int found = FindEntityId(id, id_hash); found >= 0) {
    if (lex >= 0) RememberLexEntity(lex, found);
    return found;
  }
  const auto index = static_cast<int>(entities_.size());
  if (const uint32_t first = id_index_.Insert(id_hash, index); static_cast<int>(first) != index) {
    id_collisions_.emplace(std::string(id), index);  // another id took this hash
  }
  if (lex >= 0) RememberLexEntity(lex, index);
  // Made in place: no DocEntity moved in and destroyed.
  DocEntity& e = entities_.emplace_back();
  e.entity.id = id;
  e.entity.name = name;
  e.entity.type = type;
  e.entity.subtype = subtype;
  e.lex = lex;
  e.first_sentence = sentence;
  // The lexicon's aliases, parents and attributes are copied in only for the entities that
  // are output (AddLexiconFields): many made here (themes, places named only as demonyms)
  // are dropped at the end.
  return index;
}

void DocumentRun::AddLexiconFields(Entity& entity, const LexiconEntry& entry) const {
  // Until now `entity` holds no aliases or parents, and no attribute of these keys (only
  // "ticker" is set while extracting): the result is as if they were copied in at creation.
  entity.aliases = entry.aliases;
  entity.parents = entry.ancestors;
  // The entry's attributes, made once in Build (tickers and sectors joined there).
  const std::map<std::string, std::string>& attributes =
      rep_.lexicon_attributes[&entry - rep_.lexicon.entries().data()];
  if (entity.attributes.empty()) {
    entity.attributes = attributes;
  } else {
    for (const auto& [key, value] : attributes) entity.attributes.insert_or_assign(key, value);
  }
}

int DocumentRun::EntityFor(RawMention& m, uint32_t sentence) {
  const auto& entries = rep_.lexicon.entries();
  if (m.lex >= 0) {
    const LexiconEntry& e = entries[m.lex];
    return NewEntity(e.id, e.name, e.type, e.subtype, m.lex, sentence);
  }
  const std::string_view surface = Slice(text_, m.span);
  if (m.type != EntityType::kOrganization && m.type != EntityType::kPerson &&
      m.type != EntityType::kProduct && m.type != EntityType::kPlace) {
    return -1;
  }
  // A surface of this type asked before: the entity its id led to then, which it leads to
  // again (an id never changes entity, and entities are never dropped while extracting). Only
  // the short-form lookup comes first, as below, since short forms are added as we go.
  const uint64_t memo_hash = HashStep(KeyStringHash(surface), static_cast<uint64_t>(m.type));
  const IdMemo* memo = nullptr;
  if (const uint32_t* at = id_memo_index_.Find(memo_hash)) {
    const IdMemo& candidate = id_memo_[*at];
    if (candidate.type == m.type && Slice(text_, candidate.surface) == surface) memo = &candidate;
  }
  // Files the answer of the id path under the surface (a surface whose memo hash another
  // took is simply not remembered).
  auto remember = [&](uint32_t key_size, int entity) {
    if (memo != nullptr || entity < 0) return entity;
    const auto fresh = static_cast<uint32_t>(id_memo_.size());
    if (id_memo_index_.Insert(memo_hash, fresh) == fresh) {
      id_memo_.push_back({m.span, m.type, key_size, entity});
    }
    return entity;
  };
  switch (m.type) {
    case EntityType::kOrganization: {
      // The id drops every legal form so "X Group Ltd" and "X" meet; the name keeps "Group".
      const std::string_view key =
          memo != nullptr ? surface.substr(0, memo->key_size) : StripLegal(surface);
      if (const int* entity = short_forms_.Find(key)) return *entity;
      if (memo != nullptr) return memo->entity;
      id_buffer_.assign("org:");
      AppendSlug(key, id_buffer_);
      const uint64_t id_hash = KeyStringHash(id_buffer_);
      if (const int found = FindEntityId(id_buffer_, id_hash); found >= 0) {
        return remember(static_cast<uint32_t>(key.size()), found);
      }
      return remember(static_cast<uint32_t>(key.size()),
                      NewEntity(id_buffer_, id_hash, StripLegal(surface, /*keep_group=*/true),
                                EntityType::kOrganization,
                                m.side                 ? "sports"
                                : InstitutionName(key) ? "institution"
                                                       : "company",
                                -1, sentence));
    }
    case EntityType::kPerson: {
      if (const int* entity = short_forms_.Find(surface);
          entity && entities_[*entity].entity.type == EntityType::kPerson) {
        return *entity;
      }
      if (memo != nullptr) return memo->entity;
      id_buffer_.assign("person:");
      AppendSlug(surface, id_buffer_);
      return remember(0, NewEntity(id_buffer_, surface, EntityType::kPerson, "", -1, sentence));
    }
    case EntityType::kProduct:
      if (memo != nullptr) return memo->entity;
      // A product a pattern found under a name the lexicon knows ("launched the A350").
      if (const int lex = LexiconEntryFor(surface, EntityType::kProduct); lex >= 0) {
        const LexiconEntry& e = entries[lex];
        return remember(0, NewEntity(e.id, e.name, e.type, e.subtype, lex, sentence));
      }
      id_buffer_.assign("product:");
      AppendSlug(surface, id_buffer_);
      return remember(0, NewEntity(id_buffer_, surface, EntityType::kProduct, "", -1, sentence));
    default:  // kPlace
      if (memo != nullptr) return memo->entity;
      // A town the lexicon does not know, read from "in Szeged, Hungary".
      id_buffer_.assign("place:");
      AppendSlug(surface, id_buffer_);
      return remember(0, NewEntity(id_buffer_, surface, EntityType::kPlace, "city", -1, sentence));
  }
}

bool DocumentRun::LooksLikeCommonWord(const SentenceWork& s, const RawMention& m) const {
  // A lone capitalised word that no lexicon or cue explains is usually an ordinary word
  // capitalised by position ("Partnerships like...", "Proceeds from..."); English
  // inflections give most of them away, while names ("Splunk", "Zepto") rarely inflect.
  const std::string_view w = Slice(text_, m.span);
  if (w.find(' ') != std::string_view::npos) return false;
  // Mid-sentence, after a word or a comma, capitals are a name's ("business Schweppes").
  uint32_t before = m.span.start;
  while (before > s.span.start && text_[before - 1] == ' ') --before;
  if (before > s.span.start) {
    const char c = text_[before - 1];
    if (std::isalnum(static_cast<unsigned char>(c)) || c == ',') return false;
  }
  auto ends = [&](std::string_view suffix) {
    return w.size() > suffix.size() + 2 && w.substr(w.size() - suffix.size()) == suffix;
  };
  return (w.size() >= 6 && ends("s") && !ends("ss") && !ends("us")) || ends("ing") || ends("ed") ||
         ends("ly") || ends("tion") || ends("ment") || ends("ory") || ends("ary");
}

int DocumentRun::Materialize(RawMention& m, uint32_t sentence, RelationType relation,
                             double confidence) {
  if (!m.latent) return m.entity;
  // Places, themes and products are weak context ("R&D has_theme AI" invents nothing
  // useful); only their most specific rules ("X, which is based in Y") may name a company.
  switch (relation) {
    case RelationType::kOperatesIn:
    case RelationType::kHeadquarteredIn:
    case RelationType::kHasTheme:
    case RelationType::kProduces:
      if (confidence < 0.85) return -1;
      break;
    default:
      // Adjacency alone ("Alibaba's Moment" in a heading) does not make a name a company.
      if (confidence < 0.65) return -1;
      break;
  }
  m.latent = false;
  m.candidate = false;
  m.type = EntityType::kOrganization;
  m.entity = EntityFor(m, sentence);
  if (m.entity < 0) return -1;
  DocEntity& e = entities_[m.entity];
  ++e.mention_count;
  const std::string surface(Slice(text_, m.span));
  e.entity.mentions.push_back({m.span, surface});
  if (std::find(e.surface.begin(), e.surface.end(), surface) == e.surface.end())
    e.surface.push_back(surface);
  return m.entity;
}

void DocumentRun::Resolve() {
  // Pass 1: every mention whose type is known becomes (or joins) an entity, and
  // registers the short forms later mentions may use.
  auto register_short_forms = [&](int entity, const RawMention& m) {
    const DocEntity& e = entities_[entity];
    // The first entity a short form was given to keeps it.
    auto add = [&](std::string_view form) { short_forms_.Insert(form, entity); };
    const std::string_view surface = Slice(text_, m.span);
    // The whole name too: "Doosan Infracore ( 042670.KS ) ... Doosan Infracore makes" (a
    // sentence's first words name nothing by themselves).
    if (e.entity.type == EntityType::kOrganization) add(surface);
    // A product's name, asked only after the other short forms ("its Zyprexa schizophrenia
    // drug ... the loss of Zyprexa"; "the Blockbuster brand" leaves "Blockbuster LLC" its
    // short form).
    if (e.entity.type == EntityType::kProduct) product_forms_.Insert(surface, entity);
    std::vector<std::string_view>& words = scratch_.name_words;
    words.clear();
    if (PlainWordCount(surface) > 0) {
      // Plain words: the tokenizer's words are the parts between the spaces.
      for (size_t at = 0;;) {
        const size_t space = surface.find(' ', at);
        words.push_back(surface.substr(at, space - at));
        if (space == std::string_view::npos) break;
        at = space + 1;
      }
    } else {
      std::vector<Token>& tokens = scratch_.name_tokens;
      tokens.clear();
      TokenizeInto(surface, {0, static_cast<uint32_t>(surface.size())}, tokens);
      for (const auto& t : tokens) {
        if (t.is(kWord)) words.push_back(surface.substr(t.start, t.end - t.start));
      }
    }
    if (words.size() < 2) return;
    if (e.entity.type == EntityType::kPerson) {
      add(words.back());  // "Wu" after "Eddie Wu"
      return;
    }
    // "Heinz" after "H.J. Heinz Co", "Penney" after "J.C. Penney": leading initials are no
    // short form of their own.
    auto initials_only = [](std::string_view w) {  // "H", "H.J", "J.C"
      for (size_t i = 0; i < w.size(); ++i) {
        const bool letter_place = i % 2 == 0;
        if (letter_place ? !(w[i] >= 'A' && w[i] <= 'Z') : w[i] != '.') return false;
      }
      return w.size() % 2 == 1;
    };
    size_t first = 0;
    while (first + 1 < words.size() && initials_only(words[first])) ++first;
    if (e.entity.type == EntityType::kOrganization &&
        (rep_.CueListsOf(words[first], KeyStringHash(words[first])) &
         (CueBit(CueList::kFunctionWords) | CueBit(CueList::kNotEntities))) == 0) {
      add(words[first]);  // "Telkom" after "Telkom Indonesia"
      // Initials ("AIDC" for "Alibaba International Digital Commerce").
      std::string& initials = scratch_.initials;
      initials.clear();
      for (const auto& w : words) {
        if (std::isupper(static_cast<unsigned char>(w[0]))) initials.push_back(w[0]);
      }
      // The index keeps views: a new form is kept in short_form_strings (which never moves
      // its strings) first.
      if (initials.size() >= 2 && short_forms_.Find(initials) == nullptr) {
        add(scratch_.short_form_strings.emplace_back(initials));
      }
    }
  };
  for (uint32_t si = 0; si < sentences_.size(); ++si) {
    SentenceWork& s = sentences_[si];
    for (size_t k = 0; k < s.mentions.size(); ++k) {
      RawMention& m = s.mentions[k];
      if (m.candidate || m.anaphor) continue;
      m.entity = EntityFor(m, si);
      if (m.entity < 0) continue;
      DocEntity& e = entities_[m.entity];
      // A surface already seen for this entity registered its short forms then (they depend
      // only on the surface and the entity's type, and the first owner keeps a short form).
      bool seen_surface = false;
      if (m.demonym) e.demonym_seen = true;
      if (!m.demonym) {
        ++e.mention_count;
        const std::string_view surface = Slice(text_, m.span);
        e.entity.mentions.push_back({m.span, std::string(surface)});
        seen_surface = std::find(e.surface.begin(), e.surface.end(), surface) != e.surface.end();
        if (!seen_surface) e.surface.emplace_back(surface);
      }
      if (!seen_surface) register_short_forms(m.entity, m);
      // "Alibaba International Digital Commerce Group (AIDC)" defines an acronym.
      if (e.entity.type == EntityType::kOrganization && k + 1 < s.mentions.size()) {
        const RawMention& next = s.mentions[k + 1];
        const std::string_view gap = text_.substr(m.span.end, next.span.start - m.span.end);
        if (text_.substr(next.span.end, 1) == ")" && TrimWhitespace(gap) == "(") {
          short_forms_.Insert(Slice(text_, next.span), m.entity);
        }
      }
    }
  }
  // Pass 2: capitalised runs of unknown type resolve through short forms.
  for (uint32_t si = 0; si < sentences_.size(); ++si) {
    SentenceWork& s = sentences_[si];
    for (RawMention& m : s.mentions) {
      if (!m.candidate) continue;
      const std::string_view surface = Slice(text_, m.span);
      const int* entity = short_forms_.Find(surface);
      if (!entity) entity = short_forms_.Find(StripLegal(surface));
      // A product's name opening a sentence or owning something ("AgustaWestland is a unit
      // of", "Blockbuster's stores") is as often its maker's: left to the rules.
      if (!entity && m.span.start != s.span.start && text_.substr(m.span.end, 1) != "'") {
        entity = product_forms_.Find(surface);
      }
      if (!entity) {
        // Still unknown: it stays latent and becomes an organisation only if a relation
        // rule puts it in an organisation slot ("led a funding round in Zepto").
        m.latent = !LooksLikeCommonWord(s, m);
        continue;
      }
      m.candidate = false;
      m.entity = *entity;
      m.type = entities_[m.entity].entity.type;
      DocEntity& e = entities_[m.entity];
      ++e.mention_count;
      e.entity.mentions.push_back({m.span, std::string(surface)});
      if (std::find(e.surface.begin(), e.surface.end(), surface) == e.surface.end()) {
        e.surface.emplace_back(surface);
      }
    }
    s.mentions.erase(std::remove_if(s.mentions.begin(), s.mentions.end(),
                                    [](const RawMention& m) { return m.candidate && !m.latent; }),
                     s.mentions.end());
  }
  // Anaphors resolve to the most recent organisation mentioned in the last three sentences;
  // "the US company" prefers one the lexicon places in the US.
  const auto& entries = rep_.lexicon.entries();
  // The lexicon gives most companies a country: "the Mumbai-based company" may be one whose
  // headquarters are Mumbai or a place that contains it.
  auto based_in = [&](const RawMention& org, int place_lex) {
    if (org.lex < 0 || entries[org.lex].hq.empty()) return false;
    const LexiconEntry& place = entries[place_lex];
    const std::string& hq = entries[org.lex].hq;
    return hq == place.id ||
           std::find(place.ancestors.begin(), place.ancestors.end(), hq) != place.ancestors.end();
  };
  // "The airline" is not Boeing: a company the lexicon gives sectors must have the theme the
  // anaphor's noun names, or one above or below it; others may be anything.
  auto fits = [&](const RawMention& org, int theme_lex) {
    if (theme_lex < 0 || org.lex < 0 || entries[org.lex].sectors.empty()) return true;
    const LexiconEntry& theme = entries[theme_lex];
    for (const std::string& sector : entries[org.lex].sectors) {
      if (sector == theme.id) return true;
      if (std::find(theme.ancestors.begin(), theme.ancestors.end(), sector) !=
          theme.ancestors.end()) {
        return true;
      }
      const LexiconEntry* entry = rep_.lexicon.Find(sector);
      if (entry && std::find(entry->ancestors.begin(), entry->ancestors.end(), theme.id) !=
                       entry->ancestors.end()) {
        return true;
      }
    }
    return false;
  };
  for (uint32_t si = 0; si < sentences_.size(); ++si) {
    for (RawMention& m : sentences_[si].mentions) {
      if (!m.anaphor) continue;
      // A company the lexicon places elsewhere is not "the Mumbai-based company".
      auto usable = [&](const RawMention& org, bool anaphor_ok = false) {
        return org.entity >= 0 && org.type == EntityType::kOrganization &&
               (anaphor_ok || !org.anaphor) &&
               IsBusinessSubtype(entities_[org.entity].entity.subtype) &&
               fits(org, m.anaphor_theme) &&
               !(m.anaphor_place >= 0 && org.lex >= 0 && !entries[org.lex].hq.empty() &&
                 !based_in(org, m.anaphor_place));
      };
      // "It" and "the company" continue a sentence's subject: an organisation named (or itself
      // referred to, `anaphor_ok`) at its start and ending before `before`. In an earlier
      // sentence it must come before any person ("Kestrel Motors ... from Orvane. It bought
      // Dacora"); in the anaphor's own sentence a person first is the speaker ("Jo Park said
      // Orvane's sales fell, and it cut its forecast").
      auto subject_of = [&](uint32_t sentence, bool anaphor_ok,
                            uint32_t before = UINT32_MAX) -> const RawMention* {
        const RawMention* subject = nullptr;
        for (const RawMention& pm : sentences_[sentence].mentions) {
          if (pm.span.end <= before && usable(pm, anaphor_ok) &&
              (!subject || pm.span.start < subject->span.start)) {
            subject = &pm;
          }
        }
        if (subject == nullptr || subject->span.start >= sentences_[sentence].span.start + 40)
          return nullptr;
        if (sentence == si) return subject;
        for (const RawMention& pm : sentences_[sentence].mentions) {
          if (pm.entity >= 0 && pm.type == EntityType::kPerson &&
              pm.span.start < subject->span.start) {
            return nullptr;
          }
        }
        return subject;
      };
      // "Kestrel Motors reported higher sales, and it said ...": an anaphor after "and", "but"
      // or a semicolon continues the sentence's own subject, a business named at its start
      // (after a bare comma it is an appositive: "AMR Corp, the parent of American Airlines").
      if (m.span.start > sentences_[si].span.start &&
          AfterConjunction(sentences_[si].span.start, m.span.start)) {
        const uint32_t start = sentences_[si].span.start;
        const RawMention* subject = subject_of(si, /*anaphor_ok=*/false, m.span.start);
        // "The NBC deal ..., as it ...": a name after an article is no subject.
        if (subject && AfterClauseWord(start, m.span.start)) {
          if (ContainsLower(rep_.cues.articles, WordBefore(start, subject->span.start))) {
            subject = nullptr;
          }
        }
        if (subject) m.entity = subject->entity;
      }
      // "..., where it competes": that sentence's subject or nothing ("after it emerged that"
      // names no one).
      if (m.entity < 0 && AfterClauseWord(sentences_[si].span.start, m.span.start)) continue;
      if (m.entity < 0 && si > 0) {
        if (const RawMention* subject = subject_of(si - 1, /*anaphor_ok=*/true)) {
          m.entity = subject->entity;
        }
      }
      // "The Shanghai-based company": the most recent company based there.
      for (int back = static_cast<int>(si) - 1;
           m.anaphor_place >= 0 && back >= 0 && back >= static_cast<int>(si) - 3 && m.entity < 0;
           --back) {
        const auto& prev = sentences_[back].mentions;
        for (auto it = prev.rbegin(); it != prev.rend(); ++it) {
          if (usable(*it) && based_in(*it, m.anaphor_place)) {
            m.entity = it->entity;
            break;
          }
        }
      }
      // Else a subject of an earlier sentence, or the most recent company.
      for (int back = static_cast<int>(si) - 1;
           back >= 0 && back >= static_cast<int>(si) - 3 && m.entity < 0; --back) {
        // (The sentence before was asked above.)
        if (back < static_cast<int>(si) - 1) {
          if (const RawMention* subject = subject_of(static_cast<uint32_t>(back), true)) {
            m.entity = subject->entity;
            break;
          }
        }
        const auto& prev = sentences_[back].mentions;
        for (auto it = prev.rbegin(); it != prev.rend(); ++it) {
          if (usable(*it)) {
            m.entity = it->entity;
            break;
          }
        }
      }
    }
    auto& ms = sentences_[si].mentions;
    ms.erase(std::remove_if(ms.begin(), ms.end(),
                            [](const RawMention& m) { return m.entity < 0 && !m.latent; }),
             ms.end());
  }
  // Mention order within each entity follows the text.
  for (auto& e : entities_) {
    std::sort(e.entity.mentions.begin(), e.entity.mentions.end(),
              [](const Mention& a, const Mention& b) { return a.span.start < b.span.start; });
  }
}

// ---------------------------------------------------------------------------
// Relations.

void DocumentRun::PlacesInNames() {
  // "Thai Beverage", "Korea Exchange Bank", "Telefonica Czech Republic", "Dubai World": a
  // company the lexicon does not place, whose name starts or ends with a country, state or
  // city, is based in that country (inferred from the name, on its first mention).
  std::vector<char> placed(entities_.size(), 0);  // by entity: has a headquarters fact
  for (size_t k = 0; k < facts_.size(); ++k) {
    if (facts_[k].relation == RelationType::kHeadquarteredIn) placed[fact_entities_[k].first] = 1;
  }
  const auto& entries = rep_.lexicon.entries();
  const size_t n = entities_.size();
  for (size_t i = 0; i < n; ++i) {
    const DocEntity& e = entities_[i];
    if (e.entity.type != EntityType::kOrganization || e.mention_count == 0 || placed[i] ||
        e.entity.mentions.empty() || e.entity.subtype == "exchange" ||
        (e.lex >= 0 && !entries[e.lex].hq.empty())) {
      continue;
    }
    const std::string& name = e.entity.name;
    std::vector<Token>& tokens = scratch_.name_tokens;
    NameTokens(name, tokens);
    if (tokens.size() < 2) continue;
    const LexiconEntry* place = nullptr;
    // Longest place phrase at the start, else at the end of the name.
    for (size_t len = std::min<size_t>(3, tokens.size() - 1); len >= 1 && !place; --len) {
      for (size_t at : {size_t{0}, tokens.size() - len}) {
        if (!rep_.key_hashes[kExactMode].Contains(SequenceHash(name, tokens, at, len, kExactMode)))
          continue;
        auto it = rep_.exact.find(JoinTokens(name, tokens, at, len));
        if (it == rep_.exact.end()) continue;
        for (const GazTarget& t : it->second) {
          const LexiconEntry& entry = entries[t.entry];
          if (entry.type == EntityType::kPlace && t.kind != GazKind::kCue &&
              (entry.subtype == "country" || entry.subtype == "city" || entry.subtype == "state")) {
            place = &entry;
            break;
          }
        }
        if (place) break;
      }
    }
    if (!place) continue;
    // The name shows the country, not that the head office is in that very city
    // ("Washington Mutual" was based in Seattle).
    if (place->subtype != "country" && !place->country.empty()) {
      if (const LexiconEntry* country = rep_.lexicon.Find(place->country)) place = country;
    }
    AddFirstMentionFact(static_cast<int>(i), RelationType::kHeadquarteredIn, *place, "name.place",
                        EvidenceKind::kInferred, 0.5);
  }
}

void DocumentRun::AddFirstMentionFact(int subject, RelationType relation,
                                      const LexiconEntry& object, const char* rule,
                                      EvidenceKind kind, double confidence) {
  // NewEntity may grow entities_, so read what we need from the subject first.
  const DocEntity& e = entities_[subject];
  const uint32_t first_sentence = e.first_sentence;
  const Span first_mention = e.entity.mentions.empty() ? Span{} : e.entity.mentions.front().span;
  const int object_entity = LexiconEntity(object, first_sentence);
  const SentenceWork& s = sentences_[first_sentence];
  Evidence ev;
  ev.doc_id = doc_.id;
  ev.sentence = std::string(Slice(text_, s.span));
  ev.sentence_span = s.span;
  ev.subject_span = first_mention;
  ev.rule = rule;
  ev.kind = kind;
  AddFact(subject, relation, object_entity, std::move(ev), Modality::kAsserted, confidence, {});
}

void DocumentRun::LexiconSectors() {
  // Like the lexicon's headquarters: only for companies named at least three times.
  const auto& entries = rep_.lexicon.entries();
  const size_t n = entities_.size();
  for (size_t i = 0; i < n; ++i) {
    const DocEntity& e = entities_[i];
    if (e.lex < 0 || e.mention_count < 3 || e.entity.type != EntityType::kOrganization) continue;
    // Copied: AddFirstMentionFact may grow entities_.
    const std::vector<std::string> sectors = entries[e.lex].sectors;
    for (const std::string& id : sectors) {
      if (const LexiconEntry* theme = rep_.lexicon.Find(id)) {
        AddFirstMentionFact(static_cast<int>(i), RelationType::kHasTheme, *theme, "lexicon.sector",
                            EvidenceKind::kLexicon, 0.5);
      }
    }
  }
}

void DocumentRun::ThemesInNames() {
  const auto& entries = rep_.lexicon.entries();
  const size_t n = entities_.size();
  for (size_t i = 0; i < n; ++i) {
    const DocEntity& e = entities_[i];
    // Companies only: a central bank or a ministry is no banking business.
    if (e.entity.type != EntityType::kOrganization || e.mention_count == 0 ||
        e.entity.mentions.empty() ||
        !(e.entity.subtype.empty() || e.entity.subtype == "company" ||
          e.entity.subtype == "bank")) {
      continue;
    }
    // A lexicon company's entity has the entry's name, whose themes Build found.
    const bool known = e.lex >= 0 && entries[e.lex].type == EntityType::kOrganization;
    std::vector<const LexiconEntry*>& themes = scratch_.name_themes;
    if (!known) {
      rep_.ThemesInName(e.entity.name, lower_buffer_, scratch_.name_tokens,
                        scratch_.name_token_hashes, themes);
    }
    const std::vector<const LexiconEntry*>& found = known ? rep_.name_themes[e.lex] : themes;
    for (const LexiconEntry* theme : found) {
      AddFirstMentionFact(static_cast<int>(i), RelationType::kHasTheme, *theme, "name.theme",
                          EvidenceKind::kInferred, 0.55);
    }
  }
}

void DocumentRun::InferProducers() {
  const int focus = Focus();  // -1 without one: then only makers the text names
  StringSet produced;
  for (const Fact& f : facts_) {
    if (f.relation == RelationType::kProduces) produced.insert(f.object.id);
  }
  for (size_t i = 0; i < entities_.size(); ++i) {
    const DocEntity& e = entities_[i];
    if (e.entity.type != EntityType::kProduct || e.mention_count == 0 ||
        produced.count(e.entity.id)) {
      continue;
    }
    const SentenceWork& s = sentences_[e.first_sentence];
    // The lexicon knows the maker ("iPhone", and "iPhone 16" after it): the maker's, where the
    // article names it, and never another company's by the document's focus.
    if (const LexiconEntry* known = KnownProduct(e); known != nullptr && !known->maker.empty()) {
      const int maker = NamedEntity(known->maker);
      if (maker >= 0 && lexicon_facts_) {
        Evidence ev;
        ev.doc_id = doc_.id;
        ev.sentence = std::string(Slice(text_, s.span));
        ev.sentence_span = s.span;
        ev.object_span = e.entity.mentions.front().span;
        ev.rule = "lexicon.maker";
        ev.kind = EvidenceKind::kLexicon;
        AddFact(maker, RelationType::kProduces, static_cast<int>(i), std::move(ev),
                Modality::kAsserted, 0.6, {});
      }
      continue;
    }
    // A product first named after another known company, in a sentence that does not name
    // the focus ("a deal to sell Kestrel Motors' Tarn brand" in an article about Orvane), is
    // not the focus's.
    const uint32_t product_start = e.entity.mentions.front().span.start;
    bool focus_named = false, other_maker = false;
    int maker_before = -1;  // "Airbus A350": a lexicon company right before the product
    for (const RawMention& m : s.mentions) {
      if (m.entity == focus && !m.anaphor) focus_named = true;
      if (m.entity >= 0 && !m.anaphor && m.lex >= 0 && m.type == EntityType::kOrganization &&
          m.span.end + 1 == product_start && text_[m.span.end] == ' ') {
        maker_before = m.entity;
      }
      if (m.entity >= 0 && m.entity != focus && !m.anaphor && m.lex >= 0 &&
          m.type == EntityType::kOrganization && m.span.end <= product_start &&
          rep_.lexicon.entries()[m.lex].subtype != "exchange") {
        other_maker = true;
      }
    }
    // "Foster's Lager", "Corran Crunch": a product named after a company of the document is
    // that company's, whichever the focus is.
    const int named_maker = MakerInName(e.entity.name);
    const int maker = named_maker >= 0 ? named_maker : maker_before;
    if (maker < 0 && (focus < 0 || (other_maker && !focus_named))) continue;
    // "a Toyota Prius" in an article about BMW is Toyota's, though Toyota has no entity here.
    if (maker < 0 && NamedAfterKnownCompany(e.entity.name)) continue;
    Evidence ev;
    ev.doc_id = doc_.id;
    ev.sentence = std::string(Slice(text_, s.span));
    ev.sentence_span = s.span;
    ev.object_span = e.entity.mentions.front().span;
    ev.rule = named_maker >= 0    ? "product.maker_in_name"
              : maker_before >= 0 ? "product.maker_before"
                                  : "focus.product";
    ev.kind = EvidenceKind::kInferred;
    AddFact(maker >= 0 ? maker : focus, RelationType::kProduces, static_cast<int>(i), std::move(ev),
            Modality::kAsserted, maker >= 0 ? 0.6 : 0.4, {});
  }
}

int DocumentRun::MakerInName(std::string_view product) const {
  // The product's first word, without a possessive, against each organisation's first word.
  auto first_word = [](std::string_view name) {
    name = name.substr(0, name.find(' '));
    for (std::string_view possessive : {"'s", "\u2019s", "'"}) {
      if (name.size() > possessive.size() && name.ends_with(possessive)) {
        name.remove_suffix(possessive.size());
        break;
      }
    }
    return name;
  };
  const std::string_view word = first_word(product);
  if (word.size() < 3 || word.size() == product.size() || rep_.cues.function_words.contains(word) ||
      rep_.cues.not_entities.contains(word) || rep_.cues.name_adjectives.contains(word)) {
    return -1;
  }
  int best = -1;
  bool best_prefix = false;
  for (size_t k = 0; k < entities_.size(); ++k) {
    const DocEntity& org = entities_[k];
    // An organisation of the product's own name is the same words read two ways, not its
    // maker ("the Maiden Lane II vehicle" beside "Maiden Lane II").
    if (org.entity.type != EntityType::kOrganization || org.mention_count == 0 ||
        first_word(org.entity.name) != word || org.entity.name == product) {
      continue;
    }
    // "Opel" over "Opel Corsa" (an organisation only by mistake) for "Opel Zafira".
    const std::string_view stripped = StripLegal(org.entity.name);
    const bool prefix = product.size() > stripped.size() && product.starts_with(stripped) &&
                        product[stripped.size()] == ' ';
    if (best < 0 || prefix > best_prefix ||
        (prefix == best_prefix && org.mention_count > entities_[best].mention_count)) {
      best = static_cast<int>(k);
      best_prefix = prefix;
    }
  }
  return best;
}

int DocumentRun::NamedEntity(std::string_view id) const {
  for (size_t k = 0; k < entities_.size(); ++k) {
    if (entities_[k].mention_count > 0 && entities_[k].entity.id == id) return static_cast<int>(k);
  }
  return -1;
}

const LexiconEntry* DocumentRun::KnownProduct(const DocEntity& product) const {
  const auto& entries = rep_.lexicon.entries();
  if (product.lex >= 0) return &entries[product.lex];
  const std::string_view name = product.entity.name;
  for (size_t space = name.rfind(' '); space != std::string_view::npos && space > 0;
       space = name.rfind(' ', space - 1)) {
    if (const int lex = LexiconEntryFor(name.substr(0, space), EntityType::kProduct); lex >= 0) {
      return &entries[lex];
    }
  }
  return nullptr;
}

bool DocumentRun::NamedAfterKnownCompany(std::string_view product) const {
  const auto& entries = rep_.lexicon.entries();
  for (size_t space = product.find(' '); space != std::string_view::npos;
       space = product.find(' ', space + 1)) {
    const int lex = LexiconOrgFor(product.substr(0, space));
    if (lex >= 0 && entries[lex].type == EntityType::kOrganization &&
        IsBusinessSubtype(entries[lex].subtype)) {
      return true;
    }
  }
  return false;
}

std::string DocumentRun::NormalizeRole(std::string_view raw) const {
  // "Chief Executive" -> "CEO" through the titles cue list; verbs name roles too.
  static const StringMap<std::string> kVerbRoles = {{"founded", "founder"},
                                                    {"co-founded", "co-founder"},
                                                    {"cofounded", "co-founder"},
                                                    {"heads", "head"},
                                                    {"headed", "head"},
                                                    {"leads", "head"},
                                                    {"led", "head"},
                                                    {"runs", "head"},
                                                    {"ran", "head"},
                                                    {"chairs", "chairman"},
                                                    {"chaired", "chairman"},
                                                    {"boss", "CEO"}};
  std::string lower = AsciiLower(raw);
  if (auto it = rep_.cues.titles.find(lower); it != rep_.cues.titles.end()) return it->second;
  if (auto it = kVerbRoles.find(lower); it != kVerbRoles.end()) return it->second;
  return lower;
}

int DocumentRun::Focus() const {
  if (focus_ != -2) return focus_;
  int best = -1;
  for (size_t i = 0; i < entities_.size(); ++i) {
    const DocEntity& e = entities_[i];
    // The article's company: an exchange, a central bank or a ministry is never "the company".
    if (e.entity.type != EntityType::kOrganization || !IsBusinessSubtype(e.entity.subtype))
      continue;
    if (e.mention_count < 2) continue;
    if (best < 0 || e.mention_count > entities_[best].mention_count ||
        (e.mention_count == entities_[best].mention_count &&
         e.entity.mentions.front().span.start <
             entities_[best].entity.mentions.front().span.start)) {
      best = static_cast<int>(i);
    }
  }
  focus_ = best;
  return best;
}

EntityRef DocumentRun::Ref(int entity) const {
  const Entity& e = entities_[entity].entity;
  return EntityRef{e.id, e.name, e.type};
}

namespace {

int ModalityRank(Modality m) {
  switch (m) {
    case Modality::kDenied:
      return 4;
    case Modality::kFailed:
      return 3;
    case Modality::kRumoured:
      return 2;
    case Modality::kPlanned:
      return 1;
    default:
      return 0;
  }
}

// Whether a masked sentence's `rest`, right after a placeholder, starts with a possessive:
// "'s", a bare "'" ("Lloyds' stake"), or " 's" where a ticker in parentheses was dropped,
// then a word it qualifies. Before a comma or the sentence's end, the "'s" is the name's own
// ("a stake in Foster's, and ...").
bool PossessiveFollows(std::string_view rest) {
  if (rest.starts_with(" '")) rest.remove_prefix(1);
  if (!rest.starts_with('\'')) return false;
  rest.remove_prefix(1);
  if (rest.starts_with('s')) rest.remove_prefix(1);
  return rest.size() >= 2 && rest[0] == ' ' &&
         (std::isalnum(static_cast<unsigned char>(rest[1])) || rest[1] == '\x01' || rest[1] == '$');
}

Modality Stronger(Modality a, Modality b) { return ModalityRank(b) > ModalityRank(a) ? b : a; }

// The last place in `masked` where a match of ExtractorState::money may start, npos where
// none can: a match's currency, at or after its start, holds '$', a byte outside ASCII (the
// euro, pound and yen signs; RE2's case folding also reads the long s as 's'), or starts
// "usd ", "eur " or "gbp " in any case. Most sentences have none, and the search is skipped.
size_t LastMoneyStart(std::string_view masked) {
  for (size_t i = masked.size(); i-- > 0;) {
    const auto c = static_cast<unsigned char>(masked[i]);
    if (c == '$' || c >= 0x80) return i;
    if (c == ' ' && i >= 3) {
      const std::string_view code = masked.substr(i - 3, 3);
      if (AsciiLowerEquals(code, "usd") || AsciiLowerEquals(code, "eur") ||
          AsciiLowerEquals(code, "gbp")) {
        return i - 3;
      }
    }
  }
  return std::string_view::npos;
}

// Whether ExtractorState::stake may match `masked`: its matches hold "stake" in any case, or
// a byte outside ASCII where RE2's case folding reads the Kelvin sign as 'k' or the long s
// as 's'.
bool MayHoldStake(std::string_view masked) {
  for (size_t i = 0; i < masked.size(); ++i) {
    const auto c = static_cast<unsigned char>(masked[i]);
    if (c >= 0x80 || ((c | 0x20) == 's' && AsciiLowerEquals(masked.substr(i, 5), "stake"))) {
      return true;
    }
  }
  return false;
}

}  // namespace

Modality ExtractorState::ModalityCues::Strongest(re2::StringPiece text) const {
  Modality found = Modality::kAsserted;
  if (!set) return found;
  thread_local std::vector<int> matched;
  matched.clear();
  if (!set->Match(text, &matched)) return found;
  for (int index : matched) found = Stronger(found, modality[index]);
  return found;
}

Modality DocumentRun::SentenceModality(std::string_view masked, bool cues_sentence) const {
  if (!cues_sentence) return Modality::kAsserted;
  return rep_.modality_sentence.Strongest(re2::StringPiece(masked.data(), masked.size()));
}

Modality DocumentRun::ModalityOf(std::string_view masked, size_t match_end, Modality sentence_wide,
                                 bool cues_before) const {
  if (!cues_before) return sentence_wide;
  const re2::StringPiece before(masked.data(), std::min(match_end, masked.size()));
  return Stronger(rep_.modality_before.Strongest(before), sentence_wide);
}

void DocumentRun::AddFact(int subject, RelationType relation, int object, Evidence ev,
                          Modality modality, double confidence,
                          std::map<std::string, std::string> attributes, bool overrides_hedge) {
  if (subject < 0 || object < 0 || subject == object) return;
  // "its first A380" in a story about an airline that names Airbus: a product whose maker the
  // lexicon knows is no other company's where the article names that maker. Without it the
  // text may be right where the lexicon is not of its time ("SABMiller brews Miller Lite").
  if (relation == RelationType::kProduces && entities_[object].lex >= 0) {
    const std::string& maker = rep_.lexicon.entries()[entities_[object].lex].maker;
    if (!maker.empty() && maker != entities_[subject].entity.id && NamedEntity(maker) >= 0) {
      return;
    }
  }
  // A fact already made from this sentence is dropped before anything is copied for it.
  const bool swapped =
      IsSymmetric(relation) && entities_[object].entity.id < entities_[subject].entity.id;
  const int first = swapped ? object : subject;
  const int second = swapped ? subject : object;
  size_t slot = facts_.size();
  if (!NewFactKey({first, second, relation, ev.sentence_span.start})) {
    if (!overrides_hedge || modality != Modality::kAsserted) return;
    // This sentence's facts are the last ones made.
    slot = facts_.size();
    for (size_t i = facts_.size(); i-- > 0;) {
      const Fact& old = facts_[i];
      if (old.evidence.sentence_span.start != ev.sentence_span.start) break;
      if (old.relation == relation && fact_entities_[i] == std::make_pair(first, second)) {
        if (old.modality != Modality::kAsserted) slot = i;
        break;
      }
    }
    if (slot == facts_.size()) return;
  } else {
    fact_entities_.emplace_back(first, second);
  }
  // Built in place: a Fact is large, and a document's first facts would otherwise be moved
  // again at each of the vector's early doublings.
  if (slot == facts_.size() && facts_.size() == facts_.capacity()) {
    facts_.reserve(std::max<size_t>(64, 2 * facts_.size()));
  }
  Fact& f = slot < facts_.size() ? (facts_[slot] = Fact{}) : facts_.emplace_back();
  f.subject = Ref(first);
  f.object = Ref(second);
  f.relation = relation;
  f.modality = modality;
  f.confidence = confidence;
  f.attributes = std::move(attributes);
  if (modality != Modality::kAsserted)
    f.attributes["modality"] = std::string(ModalityName(modality));
  f.evidence = std::move(ev);
  f.evidence.confidence = confidence;
  f.evidence.date = doc_.date;
  if (swapped) std::swap(f.evidence.subject_span, f.evidence.object_span);
}

bool DocumentRun::NewFactKey(const FactKey& key) {
  uint64_t hash = ExtendHash(0, static_cast<uint64_t>(key.first));
  hash = ExtendHash(hash, static_cast<uint64_t>(key.second));
  hash = ExtendHash(hash, static_cast<uint64_t>(key.relation));
  hash = ExtendHash(hash, key.sentence_start);
  const auto index = static_cast<uint32_t>(fact_keys_.size());
  const uint32_t first = fact_key_index_.Insert(hash, index);
  if (first == index) {
    fact_keys_.push_back(key);
    return true;
  }
  if (fact_keys_[first] == key) return false;
  return fact_key_collisions_.insert(key).second;  // another key took this hash
}

bool DocumentRun::TitleOfAnotherOrg(const std::vector<RawMention*>& ms, size_t k) const {
  const RawMention& person = *ms[k];
  for (size_t j = 0; j < k; ++j) {
    const RawMention& org = *ms[j];
    if (org.entity < 0 || org.anaphor || org.span.end > person.span.start ||
        entities_[org.entity].entity.type != EntityType::kOrganization) {
      continue;
    }
    std::string_view gap =
        TrimWhitespace(text_.substr(org.span.end, person.span.start - org.span.end));
    if (gap.substr(0, 2) == "'s") gap = TrimWhitespace(gap.substr(2));
    if (!gap.empty() && rep_.cues.titles.contains(AsciiLower(gap))) return true;
  }
  return false;
}

bool DocumentRun::CountrysTitle(const std::vector<RawMention*>& ms,
                                const RawMention& person) const {
  if (!rep_.cues.roles_needing_an_org.contains(person.role)) return false;
  if (person.role == "president" || person.role == "vice president") {
    // "former President Jimmy Carter", "pressure from President Dilma Rousseff": "President"
    // written as a title with no company or place right before it is a head of state's.
    std::string_view before = TrimWhitespace(text_.substr(0, person.span.start));
    if (before.ends_with("President")) {
      before.remove_suffix(std::string_view("President").size());
      if (before.ends_with("Vice ")) before.remove_suffix(std::string_view("Vice ").size());
      // "accompanied by company President Edward Bastian": the company's own
      // (company_title_owners).
      const std::string_view word_before = TrimWhitespace(
          before.substr(before.find_last_of(' ', before.size() >= 2 ? before.size() - 2 : 0) + 1));
      if (!NamedRightBefore(ms, static_cast<uint32_t>(before.size()), /*places_too=*/true) &&
          !ContainsLower(rep_.cues.company_title_owners, word_before)) {
        return true;
      }
    }
  }
  return std::any_of(ms.begin(), ms.end(), [&](const RawMention* place) {
    if (place->type != EntityType::kPlace || place->span.end >= person.span.start ||
        person.span.start - place->span.end > 30) {
      return false;
    }
    const std::string_view between = Slice(text_, {place->span.end, person.span.start});
    return !NamedRightBefore(ms, place->span.start, /*places_too=*/false) &&
           between.find_first_of(",;()\"") == std::string_view::npos &&
           std::none_of(ms.begin(), ms.end(), [&](const RawMention* o) {
             return o->span.start >= place->span.end && o->span.end <= person.span.start;
           });
  });
}

bool DocumentRun::NamedRightBefore(const std::vector<RawMention*>& ms, uint32_t pos,
                                   bool places_too) const {
  return std::any_of(ms.begin(), ms.end(), [&](const RawMention* o) {
    return (o->type == EntityType::kOrganization ||
            (places_too && o->type == EntityType::kPlace)) &&
           o->span.end <= pos && pos - o->span.end <= 16 &&
           Slice(text_, {o->span.end, pos}).find_first_of(",;") == std::string_view::npos;
  });
}

void DocumentRun::TraceRules(std::string_view masked, const std::vector<RawMention*>& ms,
                             const std::vector<RuleMatch>& matches) const {
  std::string line = "trace: " + doc_.id + ": ";
  for (size_t i = 0; i < masked.size(); ++i) {
    if (masked[i] != '\x01') {
      line.push_back(masked[i]);
      continue;
    }
    const size_t close = masked.find('\x02', i);
    if (close == std::string_view::npos) break;
    const std::string_view tag = masked.substr(i + 1, close - i - 1);
    const size_t index = std::strtoul(std::string(tag.substr(1)).c_str(), nullptr, 10);
    line += "[" + std::string(tag);
    if (index < ms.size()) line += " " + std::string(Slice(text_, ms[index]->span));
    line += "]";
    i = close;
  }
  line += "\n  rules:";
  if (matches.empty()) line += " (none)";
  for (const RuleMatch& m : matches) line += " " + rep_.rules.rules()[m.rule].id;
  std::cerr << line << "\n";
}

void DocumentRun::Relations(uint32_t sentence_index) {
  SentenceWork& s = sentences_[sentence_index];
  if (s.mentions.empty()) return;
  // Drop overlapping mentions (keep the earlier, then the longer).
  std::vector<RawMention*>& ms = scratch_.sentence_mentions;
  ms.clear();
  for (RawMention& m : s.mentions) {
    if (!ms.empty() && m.span.start < ms.back()->span.end) {
      if (m.span.size() > ms.back()->span.size() && m.span.start == ms.back()->span.start)
        ms.back() = &m;
      continue;
    }
    ms.push_back(&m);
  }
  // The masked sentence: mentions become placeholders, whitespace runs one space,
  // typographic apostrophes plain ones. Without rules (entities only) only the modality of a
  // titled person's fact reads it, so it is built only where there is one.
  const bool need_masked = !rep_.rules.rules().empty() || trace_rules_ ||
                           std::any_of(ms.begin(), ms.end(), [&](const RawMention* m) {
                             return m->entity >= 0 && !m->role.empty() &&
                                    entities_[m->entity].entity.type == EntityType::kPerson;
                           });
  std::string masked;
  if (need_masked) masked.reserve(s.span.size() + 8 * ms.size());
  uint32_t pos = s.span.start;
  // The bytes the loop below may change: whitespace, the placeholder marks, and the first
  // byte of typographic apostrophes and dashes. Runs of other bytes are copied as they are.
  static constexpr auto kMaskedAsIs = [] {
    std::array<bool, 256> as_is{};
    as_is.fill(true);
    for (const unsigned char c : {' ', '\n', '\t', '\r', '\x01', '\x02', '\xE2'}) as_is[c] = false;
    return as_is;
  }();
  // A single space inside a run, after a byte other than '(', '$' and '-' and before an ASCII
  // letter or digit, is one the loop below would keep as it is.
  auto space_as_is = [&](uint32_t at, uint32_t to) {
    if (text_[at] != ' ' || at + 1 >= to) return false;
    const char before = text_[at - 1];
    const char after = text_[at + 1];
    return before != '(' && before != '$' && before != '-' &&
           ((after >= 'a' && after <= 'z') || (after >= 'A' && after <= 'Z') ||
            (after >= '0' && after <= '9'));
  };
  auto copy_text = [&](uint32_t from, uint32_t to) {
    for (uint32_t i = from; i < to; ++i) {
      if (s.ticker_parens.empty()) {
        uint32_t run_end = i;
        while (run_end < to && (kMaskedAsIs[static_cast<unsigned char>(text_[run_end])] ||
                                (run_end > i && space_as_is(run_end, to)))) {
          ++run_end;
        }
        if (run_end > i) {
          masked.append(text_, i, run_end - i);
          i = run_end - 1;
          continue;
        }
      }
      if (!s.ticker_parens.empty()) {  // "(" of a ticker, or a bare "SQRY.BK"
        auto paren = std::find_if(s.ticker_parens.begin(), s.ticker_parens.end(),
                                  [&](const Span& p) { return p.start == i && p.end <= to; });
        if (paren != s.ticker_parens.end()) {
          // "Alphabet's ( GOOGL.O ) Waymo" reads "Alphabet's Waymo",
          // "Suntory ( 2587.T ), Japan's" reads "Suntory, Japan's".
          i = paren->end - 1;
          if (i + 1 < to && !masked.empty() && masked.back() == ' ' &&
              std::strchr(",.;:)", text_[i + 1]) != nullptr) {
            masked.pop_back();
          }
          continue;
        }
      }
      const char c = text_[i];
      if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\x01' || c == '\x02') {
        // Text tokenised with spaces around punctuation (filings, corpora: "Inc . ,",
        // "( DGT )", "Bermuda - based") reads as written prose.
        if (!masked.empty() && (masked.back() == '(' || masked.back() == '$')) continue;
        if (masked.size() >= 2 && masked.back() == '-' && masked[masked.size() - 2] != ' ' &&
            StartsCompoundTail(std::string_view(text_).substr(i + 1, to - i - 1))) {
          continue;
        }
        if (i + 1 < to && SpaceBeforeGluedPunct(std::string_view(text_).substr(i + 1, to - i - 1)))
          continue;
        if (!masked.empty() && masked.back() != ' ') masked.push_back(' ');
      } else if (c == '\xE2' && i + 2 < to && text_[i + 1] == '\x80' &&
                 (text_[i + 2] == '\x99' || text_[i + 2] == '\x98')) {
        masked.push_back('\'');
        i += 2;
      } else if (c == '\xE2' && i + 2 < to && text_[i + 1] == '\x80' &&
                 (text_[i + 2] == '\x94' || text_[i + 2] == '\x93')) {
        masked += " - ";
        i += 2;
      } else {
        masked.push_back(c);
      }
    }
  };
  std::vector<size_t>& placeholder_ends = scratch_.placeholder_ends;
  placeholder_ends.clear();
  for (size_t k = 0; k < ms.size() && need_masked; ++k) {
    copy_text(pos, ms[k]->span.start);
    AppendPlaceholder(
        ms[k]->latent ? EntityType::kOrganization : entities_[ms[k]->entity].entity.type, k,
        masked);
    placeholder_ends.push_back(masked.size());
    pos = ms[k]->span.end;
    const bool org =
        ms[k]->latent || entities_[ms[k]->entity].entity.type == EntityType::kOrganization;
    const uint32_t limit = k + 1 < ms.size() ? ms[k + 1]->span.start : s.span.end;
    if (org && pos < limit) {
      pos += static_cast<uint32_t>(CommaLegalFormLength(
          std::string_view(text_).substr(pos, limit - pos), rep_.cues.legal_suffixes));
    }
  }
  if (need_masked) copy_text(pos, s.span.end);

  // Facts come from rules and titled persons (both need the masked sentence) and tickers.
  const bool need_evidence =
      need_masked || std::any_of(tickers_.begin(), tickers_.end(),
                                 [&](const Ticker& t) { return t.sentence == sentence_index; });
  // Without the masked sentence there are no rule matches and no titled person (need_masked
  // says so), and without a ticker of this sentence nothing below makes a fact.
  if (!need_evidence) return;
  Evidence base;
  if (need_evidence) {
    base.doc_id = doc_.id;
    base.sentence = std::string(Slice(text_, s.span));
  }
  base.sentence_span = s.span;

  std::vector<RuleMatch> matches;
  // The modality cues that may match the sentence, from the rules' literal pass: the before
  // cues' indices, then the sentence-wide ones' after them.
  thread_local std::vector<int> cues;
  cues.clear();
  if (need_masked) rep_.rules.Match(masked, matches, cues);  // no rules, no matches otherwise
  const int before_count = static_cast<int>(rep_.modality_before.modality.size());
  const bool cues_before = !cues.empty() && cues.front() < before_count;
  const bool cues_sentence = !cues.empty() && cues.back() >= before_count;
  std::optional<Modality> sentence_cues;  // SentenceModality, found when first needed
  auto sentence_modality = [&] {
    if (!sentence_cues) sentence_cues = SentenceModality(masked, cues_sentence);
    return *sentence_cues;
  };
  if (trace_rules_) TraceRules(masked, ms, matches);
  // Rules naming both arguments go first; a focus rule then adds nothing for an object
  // the sentence already ties to someone ("Apple's rivals Huawei and Xiaomi").
  std::stable_partition(matches.begin(), matches.end(), [&](const RuleMatch& m) {
    const Rule& r = rep_.rules.rules()[m.rule];
    return !r.subject_is_focus && !r.object_is_focus;
  });
  // Money and stake amounts for acquisitions, investments and divestments (Relations' rule
  // loop): the money found from `money_from` on, and the sentence's stake.
  size_t money_from = std::string::npos;
  bool money_found = false;
  std::optional<size_t> last_money_start;  // LastMoneyStart(masked), found when first needed
  re2::StringPiece currency, amount, scale;
  std::optional<bool> stake_found;
  re2::StringPiece percent;
  std::set<std::pair<RelationType, int>> explicit_objects;
  std::set<std::pair<RelationType, int>> explicit_subjects;
  std::unordered_set<int> executives_linked;
  for (const RuleMatch& match : matches) {
    const Rule& rule = rep_.rules.rules()[match.rule];
    // Name constraints of the rule ("object_name"), on the first argument of each slot.
    auto surface_of = [&](const std::vector<size_t>& indices) -> std::string_view {
      if (indices.empty() || indices.front() >= ms.size()) return {};
      const RawMention& m = *ms[indices.front()];
      if (m.anaphor && m.entity >= 0) return entities_[m.entity].entity.name;
      return Slice(text_, m.span);
    };
    if (!rep_.rules.NamesAllowed(match.rule, surface_of(match.subjects),
                                 surface_of(match.objects)) ||
        !rep_.rules.TailAllowed(match.rule, std::string_view(masked).substr(match.end))) {
      continue;
    }
    // A descriptive rule reads a noun phrase ("Dutch brewer Heineken"), which the
    // sentence's hedges do not reach: "... Heineken could also bid" hedges the bid,
    // not that Heineken brews.
    // "... in talks about an Airbus stake, Airbus being wholly EADS's": a relative clause
    // right after the match's first name asserts its own content; only its own hedges and the
    // sentence-wide cues reach it.
    size_t clause_from = 0;
    if (const size_t name_end = masked.find('\x02', match.begin);
        name_end != std::string_view::npos && name_end < match.end) {
      const std::string_view after = std::string_view(masked).substr(name_end + 1);
      if (after.starts_with(", which ") || after.starts_with(" which ")) clause_from = name_end + 1;
    }
    const Modality modality =
        rule.descriptive ? Modality::kAsserted
                         : ModalityOf(std::string_view(masked).substr(clause_from),
                                      match.end - clause_from, sentence_modality(), cues_before);
    double confidence =
        rule.confidence * (modality == Modality::kAsserted ? 1.0 : kNonAssertedFactor);
    // Subjects as (entity, mention); the focus entity has no mention in the sentence.
    std::vector<std::pair<int, const RawMention*>> subjects;
    const bool inferred = rule.subject_is_focus || rule.object_is_focus;
    if (rule.subject_is_focus) subjects.emplace_back(Focus(), nullptr);
    for (size_t si : match.subjects) {
      if (si < ms.size())
        subjects.emplace_back(Materialize(*ms[si], sentence_index, rule.relation, rule.confidence),
                              ms[si]);
    }
    std::map<std::string, std::string> attributes;
    if (!match.role.empty()) attributes["role"] = NormalizeRole(match.role);
    if (rule.relation == RelationType::kAcquires || rule.relation == RelationType::kInvestsIn ||
        rule.relation == RelationType::kDivests) {
      // The amount after the match's start: the same for matches starting at one place.
      if (money_from != match.begin) {
        money_from = match.begin;
        if (!last_money_start) last_money_start = LastMoneyStart(masked);
        const std::string_view rest(masked.data() + match.begin, masked.size() - match.begin);
        money_found = *last_money_start != std::string_view::npos &&
                      *last_money_start >= match.begin &&
                      RE2::PartialMatch(re2::StringPiece(rest.data(), rest.size()), *rep_.money,
                                        &currency, &amount, &scale);
      }
      if (money_found) {
        attributes["amount"] =
            std::string(amount) + (scale.empty() ? "" : " " + std::string(scale));
        attributes["currency"] = std::string(currency);
      }
      if (!stake_found) {  // the sentence's, looked for once
        stake_found = MayHoldStake(masked) &&
                      RE2::PartialMatch(re2::StringPiece(masked), *rep_.stake, &percent);
      }
      if (*stake_found) attributes["stake_percent"] = std::string(percent);
    }
    if (rule.subject_is_focus) {
      bool covered = true;
      for (size_t oi : match.objects) {
        covered &= oi < ms.size() && explicit_objects.count({rule.relation, ms[oi]->entity}) > 0;
      }
      if (covered && !match.objects.empty()) continue;
    }
    if (rule.object_is_focus) {
      // "Lindqvist Group, through its subsidiary Norrland AB": the sentence already says whose.
      bool covered = true;
      for (size_t si : match.subjects) {
        covered &= si < ms.size() && explicit_subjects.count({rule.relation, ms[si]->entity}) > 0;
      }
      if (covered && !match.subjects.empty()) continue;
    }
    // Objects as (entity, mention), like subjects.
    std::vector<std::pair<int, const RawMention*>> objects;
    if (rule.object_is_focus) objects.emplace_back(Focus(), nullptr);
    for (size_t oi : match.objects) {
      if (oi >= ms.size()) continue;
      if (rule.object_not_possessive && oi < placeholder_ends.size() &&
          PossessiveFollows(std::string_view(masked).substr(placeholder_ends[oi]))) {
        continue;
      }
      int entity = Materialize(*ms[oi], sentence_index, rule.relation, rule.confidence);
      // "Hong Kong-listed", "listed in London": a listing in a place is on the exchange the
      // lexicon gives that place (`listing_places`); a place with none names no exchange.
      if (entity >= 0 && rule.relation == RelationType::kListedOn &&
          entities_[entity].entity.type == EntityType::kPlace) {
        const LexiconEntry* exchange =
            entities_[entity].lex >= 0
                ? rep_.lexicon.FindExchangeByPlace(rep_.lexicon.entries()[entities_[entity].lex].id)
                : nullptr;
        entity = exchange == nullptr ? -1 : LexiconEntity(*exchange, sentence_index);
      }
      if (entity >= 0) objects.emplace_back(entity, ms[oi]);
    }
    for (const auto& [object_entity, object] : objects) {
      if (object_entity < 0) continue;
      for (const auto& [subject, subject_mention] : subjects) {
        if (subject < 0) continue;
        // Products are a business's: "fined for marketing its antidepressant X without the Food
        // and Drug Administration's approval" names no maker in the agency.
        if (rule.relation == RelationType::kProduces &&
            entities_[subject].entity.type == EntityType::kOrganization &&
            !IsBusinessSubtype(entities_[subject].entity.subtype)) {
          continue;
        }
        Evidence ev = base;
        ev.rule = rule.id;
        ev.subject_span = subject_mention ? subject_mention->span : Span{};
        ev.object_span = object ? object->span : Span{};
        const bool coref =
            (subject_mention && subject_mention->anaphor) || (object && object->anaphor);
        ev.kind = (inferred || coref) ? EvidenceKind::kInferred : EvidenceKind::kExplicit;
        if (coref) ev.rule += "+coref";
        auto attrs = attributes;
        if (rule.relation == RelationType::kExecutiveOf && attrs.find("role") == attrs.end() &&
            subject_mention && !subject_mention->role.empty()) {
          attrs["role"] = subject_mention->role;
        }
        const double fact_confidence =
            confidence * (ev.kind == EvidenceKind::kInferred ? 0.8 : 1.0);
        AddFact(subject, rule.relation, object_entity, std::move(ev), modality, fact_confidence,
                std::move(attrs), rule.descriptive);
        if (rule.relation == RelationType::kExecutiveOf) executives_linked.insert(subject);
        if (!inferred) {
          explicit_objects.insert({rule.relation, object_entity});
          explicit_subjects.insert({rule.relation, subject});
        }
      }
    }
  }

  // A person introduced with an executive title and no rule linking them: the one
  // organisation in the sentence, else the document's focus (inferred).
  std::vector<const RawMention*>& orgs = scratch_.sentence_orgs;
  orgs.clear();
  for (const RawMention* m : ms) {
    if (m->entity < 0) continue;
    if (entities_[m->entity].entity.type == EntityType::kOrganization &&
        IsBusinessSubtype(entities_[m->entity].entity.subtype) && !m->anaphor) {
      if (std::find_if(orgs.begin(), orgs.end(),
                       [&](const RawMention* o) { return o->entity == m->entity; }) == orgs.end()) {
        orgs.push_back(m);
      }
    }
  }
  for (size_t k = 0; k < ms.size(); ++k) {
    const RawMention* m = ms[k];
    if (m->entity < 0 || m->role.empty() || executives_linked.count(m->entity) ||
        rep_.cues.non_executive_roles.contains(m->role)) {
      continue;
    }
    if (entities_[m->entity].entity.type != EntityType::kPerson) continue;
    // "French President Francois Hollande", "U.S. President Barack Obama": a title shared with
    // heads of state right after a place is a country's, not a company's.
    if (CountrysTitle(ms, *m)) continue;
    Evidence ev = base;
    ev.subject_span = m->span;
    std::map<std::string, std::string> attrs{{"role", m->role}};
    // A title describes the person ("Chief Executive Ana Ruiz, two of the people said"):
    // only a hedge in the name's own clause reaches it ("Boeing may name Dana
    // Whitfield as chief executive"), not the sentence's other clauses or its rumour and
    // failure cues ("Orvane Telecom is not looking to expand ..., chairman Tobias Lund").
    const size_t name_end = k < placeholder_ends.size() ? placeholder_ends[k] : masked.size();
    const std::string_view whole(masked);
    const size_t clause = whole.find_last_of(",;:\"", whole.rfind('\x01', name_end - 1));
    const std::string_view own_clause =
        clause == std::string_view::npos ? whole : whole.substr(clause + 1);
    const Modality modality = ModalityOf(own_clause, name_end - (masked.size() - own_clause.size()),
                                         Modality::kAsserted, cues_before);
    if (orgs.size() == 1) {
      ev.rule = "title.sentence_org";
      ev.object_span = orgs.front()->span;
      AddFact(m->entity, RelationType::kExecutiveOf, orgs.front()->entity, std::move(ev), modality,
              0.6, std::move(attrs));
    } else if (orgs.empty() && Focus() >= 0 && !rep_.cues.roles_needing_an_org.contains(m->role) &&
               !TitleOfAnotherOrg(ms, k)) {
      ev.rule = "title.focus";
      ev.kind = EvidenceKind::kInferred;
      AddFact(m->entity, RelationType::kExecutiveOf, Focus(), std::move(ev), modality, 0.45,
              std::move(attrs));
    } else if (const int previous = PreviousSentenceOrg(sentence_index, orgs);
               previous >= 0 && k == 0 && m->span.start < s.span.start + 40 &&
               !rep_.cues.roles_needing_an_org.contains(m->role)) {
      // "GoTo, which is listed in Jakarta, ... . Chief Executive Patrick Walujo has focused the
      // company on ... since GoTo sold ...": a title opening the sentence is of the company the
      // sentence before was about, when this one names it too.
      ev.rule = "title.previous_sentence_org";
      ev.kind = EvidenceKind::kInferred;
      AddFact(m->entity, RelationType::kExecutiveOf, previous, std::move(ev), modality, 0.45,
              std::move(attrs));
    }
  }

  // Tickers in this sentence: listed_on the exchange they name.
  for (const Ticker& t : tickers_) {
    if (t.sentence != sentence_index || t.exchange_lex < 0) continue;
    auto company_it = std::find_if(s.mentions.begin(), s.mentions.end(), [&](const RawMention& m) {
      return m.span == t.company && m.entity >= 0;
    });
    if (company_it == s.mentions.end()) continue;
    const RawMention& company = *company_it;
    const LexiconEntry& ex = rep_.lexicon.entries()[t.exchange_lex];
    const int exchange = LexiconEntity(ex, sentence_index);
    Evidence ev = base;
    ev.rule = "ticker.parenthetical";
    ev.subject_span = company.span;
    ev.object_span = t.span;
    AddFact(company.entity, RelationType::kListedOn, exchange, ev, Modality::kAsserted, 0.95,
            {{"ticker", t.symbol}, {"exchange", ex.name}});
    auto& attrs = entities_[company.entity].entity.attributes;
    if (attrs.find("ticker") == attrs.end()) attrs["ticker"] = ex.name + ":" + t.symbol;
    // A company listed on its home market works there: "Komatsu (6301.T)" operates in
    // Japan. Not for exchanges where foreign companies commonly list (lexicon `listings`).
    if (!lexicon_facts_ || ex.listings == "international" || ex.country.empty()) continue;
    const LexiconEntry* country = rep_.lexicon.Find(ex.country);
    if (country == nullptr) continue;
    const int place = LexiconEntity(*country, sentence_index);
    ev.rule = "ticker.home_exchange";
    ev.kind = EvidenceKind::kInferred;
    // A listing is no hedged plan: it replaces "wants to cut jobs in France" of the same sentence.
    AddFact(company.entity, RelationType::kOperatesIn, place, std::move(ev), Modality::kAsserted,
            0.6, {}, /*overrides_hedge=*/true);
  }
}

}  // namespace

Extraction Extractor::Extract(const Document& doc) const {
  DocumentRun run(*rep_, doc, rep_->options.lexicon_facts, rep_->options.trace_rules);
  return run.Run();
}

}  // namespace corpgraph::extract
