// graph/graph.cc — the in-memory index over a Store's entities and relations.
//
// Adjacency lives in a Boost compressed_sparse_row_graph with 32-bit vertex
// and edge indices: the incidence graph of entities and relations (entity
// vertices, then a vertex per relation; an edge from each endpoint of a
// relation to its vertex). Per relation two 4-byte entries and a 4-byte row
// offset, plus 4 bytes of row offset per entity; a hop's neighbour and
// direction come from the relation's endpoint columns. Relations are kept in
// compact columns (endpoints, type, modality, strength, count, interned
// dates, key; attributes as raw JSON only when present); the public
// RelationRecord is built on first access and cached.
//
// Load reads relations as integer columns by key range on two connections
// (Store::ReadRelationBlocks), maps entity keys to vertices through a dense array, and
// orders relations like LoadRelations (subject id, type name, object id,
// modality name) with a counting sort by subject plus small per-subject sorts;
// the adjacency is ordered the same way (counting sort by vertex, then
// per-vertex sorts), so no global comparison sort runs over all edges.
#include "graph/graph.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <new>
#include <numeric>
#include <optional>
#include <string>
#include <thread>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "common/text.h"
#include "graph/internal/codec.h"
#include "graph/internal/column_codec.h"
#include "graph/internal/huge_pages.h"

namespace corpgraph::graph {
namespace {

// The incidence graph: entity vertices, then relation vertices; each
// relation has an edge from each endpoint to its vertex. No properties.
using Csr =
    boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, boost::no_property,
                                       boost::no_property, uint32_t, uint32_t>;

// How names are compared: ASCII case and surrounding whitespace ignored.
std::string NormalizeName(std::string_view name) { return AsciiLower(TrimWhitespace(name)); }

// Splits "NYSE:BABA, HKEX:9988" into its trimmed, non-empty items.
std::vector<std::string_view> SplitList(std::string_view text) {
  std::vector<std::string_view> items;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string_view::npos) comma = text.size();
    std::string_view item = TrimWhitespace(text.substr(start, comma - start));
    if (!item.empty()) items.push_back(item);
    start = comma + 1;
  }
  return items;
}

// Calls `visit` with every normalised name `entity` is looked up by: its id,
// name, aliases, and tickers with and without the exchange ("nyse:baba",
// "baba"). Names may repeat or be empty.
template <typename Visit>
void ForEachNameKey(const EntityRecord &entity, Visit &&visit) {
  visit(NormalizeName(entity.id));
  visit(NormalizeName(entity.name));
  for (const std::string &alias : entity.aliases) visit(NormalizeName(alias));
  for (const char *attribute : {"tickers", "ticker"}) {
    auto it = entity.attributes.find(attribute);
    if (it == entity.attributes.end()) continue;
    for (std::string_view ticker : SplitList(it->second)) {
      visit(NormalizeName(ticker));
      const size_t colon = ticker.rfind(':');
      if (colon != std::string_view::npos) visit(NormalizeName(ticker.substr(colon + 1)));
    }
  }
}

// A normalised name's 64-bit hash (FNV-1a, then a murmur finaliser); `seed`
// changes it in the rare case that two names of one graph collide.
uint64_t NameHash(std::string_view key, uint64_t seed) {
  uint64_t hash = 14695981039346656037ull ^ (seed * 0x9e3779b97f4a7c15ull);
  for (unsigned char c : key) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  hash ^= hash >> 33;
  hash *= 0xff51afd7ed558ccdull;
  hash ^= hash >> 33;
  return hash;
}

// True if `key` (normalised) is one of `entity`'s names.
bool HasNameKey(const EntityRecord &entity, std::string_view key) {
  bool match = false;
  ForEachNameKey(entity, [&](const std::string &name) { match = match || name == key; });
  return match;
}

struct NameEntry {
  uint64_t hash;
  VertexId vertex;
};

// Sorts by hash, keeping the input order among equal hashes: an LSD radix
// sort, four 16-bit passes (linear, where a comparison sort of millions of
// entries is not).
void SortByHash(std::vector<NameEntry> &entries) {
  std::vector<NameEntry> scratch(entries.size());
  std::vector<size_t> starts((size_t{1} << 16) + 1);
  for (int shift = 0; shift < 64; shift += 16) {
    std::fill(starts.begin(), starts.end(), 0);
    for (const NameEntry &entry : entries) ++starts[((entry.hash >> shift) & 0xffffu) + 1];
    std::partial_sum(starts.begin(), starts.end(), starts.begin());
    for (const NameEntry &entry : entries) {
      scratch[starts[(entry.hash >> shift) & 0xffffu]++] = entry;
    }
    entries.swap(scratch);
  }
}

// Levenshtein distance between `a` and `b`, or `cap + 1` once it must exceed
// `cap`. Optimal-string-alignment distance: a swap of two neighbouring letters
// ("Asai" for "Asia") costs one edit, as typists make it. Above `cap` it
// answers cap + 1.
size_t EditDistance(std::string_view a, std::string_view b, size_t cap) {
  const size_t length_gap = a.size() > b.size() ? a.size() - b.size() : b.size() - a.size();
  if (length_gap > cap) return cap + 1;
  std::vector<size_t> before(b.size() + 1);
  std::vector<size_t> previous(b.size() + 1);
  std::vector<size_t> current(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    size_t row_min = current[0];
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        current[j] = std::min(current[j], before[j - 2] + 1);
      }
      row_min = std::min(row_min, current[j]);
    }
    if (row_min > cap) return cap + 1;
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return std::min(previous[b.size()], cap + 1);
}

// v.reserve(n) with huge-page advice on the (still untouched) new storage.
template <typename T>
void ReserveHuge(std::vector<T> &v, size_t n) {
  v.reserve(n);
  internal::AdviseHugePages(v.data(), v.capacity() * sizeof(T));
}

// v.assign(n, value) into huge-page-advised storage (v's own if it has the
// capacity: Load reserves some arrays early to have them prefaulted).
template <typename T>
void AssignHuge(std::vector<T> &v, size_t n, const T &value) {
  if (v.capacity() < n) {
    std::vector<T>().swap(v);
    ReserveHuge(v, n);
  }
  v.assign(n, value);
}

// The storage of `column`: (start, capacity in bytes).
template <typename T>
std::pair<const void *, size_t> StorageOf(const std::vector<T> &column) {
  return {column.data(), column.capacity() * sizeof(T)};
}

// Compact relation columns, indexed by RelationIndex.
struct RelationColumns {
  std::vector<int64_t> keys;
  std::vector<VertexId> subjects;
  std::vector<VertexId> objects;
  std::vector<uint8_t> types;       // RelationType
  std::vector<uint8_t> modalities;  // Modality
  std::vector<double> strengths;
  std::vector<uint32_t> evidence_counts;
  std::vector<uint32_t> first_seen;  // indexes into dates
  std::vector<uint32_t> last_seen;
  std::vector<std::string> dates;                             // interned; dates[0] == ""
  std::unordered_map<RelationIndex, std::string> attributes;  // raw JSON, non-empty only

  void Reserve(size_t n) {
    ReserveHuge(keys, n);
    ReserveHuge(subjects, n);
    ReserveHuge(objects, n);
    ReserveHuge(types, n);
    ReserveHuge(modalities, n);
    ReserveHuge(strengths, n);
    ReserveHuge(evidence_counts, n);
    ReserveHuge(first_seen, n);
    ReserveHuge(last_seen, n);
  }
  void Resize(size_t n) {
    keys.resize(n);
    subjects.resize(n);
    objects.resize(n);
    types.resize(n);
    modalities.resize(n);
    strengths.resize(n);
    evidence_counts.resize(n);
    first_seen.resize(n);
    last_seen.resize(n);
  }
  size_t size() const { return keys.size(); }
  // Each column's storage (StorageOf).
  std::vector<std::pair<const void *, size_t>> Storage() const {
    return {StorageOf(keys),
            StorageOf(subjects),
            StorageOf(objects),
            StorageOf(types),
            StorageOf(modalities),
            StorageOf(strengths),
            StorageOf(evidence_counts),
            StorageOf(first_seen),
            StorageOf(last_seen)};
  }
};

// Prefaults each (start, bytes) of `storage` 8 MB of each at a time, from the
// front, which is the order a scan fills columns in.
void PrefaultColumns(const std::vector<std::pair<const void *, size_t>> &storage) {
  constexpr size_t kChunk = size_t{8} << 20;
  bool more = true;
  for (size_t offset = 0; more; offset += kChunk) {
    more = false;
    for (const auto &[data, bytes] : storage) {
      if (offset >= bytes) continue;
      internal::PrefaultForWrite(static_cast<const char *>(data) + offset,
                                 std::min(kChunk, bytes - offset));
      more = true;
    }
  }
}

// Interns date strings (a corpus has a few thousand distinct days).
class DateInterner {
 public:
  explicit DateInterner(std::vector<std::string> &dates) : dates_(dates) {
    if (dates_.empty()) dates_.emplace_back();
    for (uint32_t i = 0; i < dates_.size(); ++i) index_.emplace(dates_[i], i);
  }
  uint32_t Intern(std::string_view date) {
    if (date.empty()) return 0;
    // Rows in store order often repeat the previous day.
    if (last_ != 0 && dates_[last_] == date) return last_;
    auto it = index_.find(std::string(date));
    if (it != index_.end()) return last_ = it->second;
    const auto index = static_cast<uint32_t>(dates_.size());
    dates_.emplace_back(date);
    index_.emplace(dates_.back(), index);
    return last_ = index;
  }

 private:
  std::vector<std::string> &dates_;
  std::unordered_map<std::string, uint32_t> index_;
  uint32_t last_ = 0;
};

// Interns day numbers as the store keeps them (YYYYMMDD) into the same
// table as DateInterner's texts, formatting each distinct day once.
class DayInterner {
 public:
  explicit DayInterner(std::vector<std::string> &dates) : texts_(dates) {}
  uint32_t Intern(int64_t number) {
    // Rows in key order mostly repeat the previous day.
    if (has_last_ && number == last_number_) return last_index_;
    auto [it, inserted] = by_number_.try_emplace(number, 0);
    if (inserted) it->second = texts_.Intern(FormatDayNumber(number));
    has_last_ = true;
    last_number_ = number;
    return last_index_ = it->second;
  }
  uint32_t InternText(std::string_view date) { return texts_.Intern(date); }

 private:
  DateInterner texts_;
  std::unordered_map<int64_t, uint32_t> by_number_;
  bool has_last_ = false;
  int64_t last_number_ = 0;
  uint32_t last_index_ = 0;
};

// One reading thread's share of Load's relation scan: the rows of the key
// ranges it read, one range after another, with the entities' store keys in
// the endpoint columns (the entities are not known yet; mapped to vertices
// after the scan). Keys that do not fit 32 bits (never written by this store,
// whose rowids count up) go to `wide_keys`. Not copyable: `days` refers to
// `columns.dates`.
struct ScanPart {
  RelationColumns columns;
  DayInterner days{columns.dates};
  std::vector<std::pair<size_t, int64_t>> wide_keys;  // (2 * index + 0 subject / 1 object, key)
  std::vector<std::pair<uint32_t, std::string>> attributes;  // (index, JSON object)

  ScanPart() = default;
  ScanPart(const ScanPart &) = delete;
  ScanPart &operator=(const ScanPart &) = delete;

  // Appends the block's rows; InvalidArgument past the 32-bit index.
  Status Append(const RelationBlock &block) {
    RelationColumns &c = columns;
    const size_t base = c.size();
    const size_t n = block.size;
    if (base + n > UINT32_MAX / 2)
      return InvalidArgumentError("too many relations for a 32-bit index");
    c.Resize(base + n);
    std::copy_n(block.keys.data(), n, c.keys.data() + base);
    std::copy_n(block.types.data(), n, c.types.data() + base);
    std::copy_n(block.modalities.data(), n, c.modalities.data() + base);
    std::copy_n(block.strengths.data(), n, c.strengths.data() + base);
    auto narrow = [&](int64_t key, size_t index, size_t side) -> uint32_t {
      if (key >= 0 && key < UINT32_MAX) return static_cast<uint32_t>(key);
      wide_keys.emplace_back(index * 2 + side, key);
      return UINT32_MAX;
    };
    size_t next_text = 0;
    auto day = [&](int64_t number) {
      if (number != RelationBlock::kTextDay) return days.Intern(number);
      return days.InternText(block.text_days[next_text++].second);
    };
    for (size_t i = 0; i < n; ++i) {
      c.subjects[base + i] = narrow(block.subject_keys[i], base + i, 0);
      c.objects[base + i] = narrow(block.object_keys[i], base + i, 1);
      c.evidence_counts[base + i] =
          static_cast<uint32_t>(std::clamp<int64_t>(block.evidence_counts[i], 0, UINT32_MAX));
      c.first_seen[base + i] = day(block.first_seen[i]);
      c.last_seen[base + i] = day(block.last_seen[i]);
    }
    for (const auto &[row, json] : block.attributes) {
      attributes.emplace_back(static_cast<uint32_t>(base + row), json);
    }
    return Status::Ok();
  }

  // Moves `other`'s rows behind this part's (dates re-interned here).
  Status Take(ScanPart &other) {
    RelationColumns &c = columns;
    RelationColumns &o = other.columns;
    const size_t base = c.size();
    if (base + o.size() > UINT32_MAX / 2) {
      return InvalidArgumentError("too many relations for a 32-bit index");
    }
    std::vector<uint32_t> date_index(o.dates.size());
    for (size_t d = 0; d < o.dates.size(); ++d) date_index[d] = days.InternText(o.dates[d]);
    auto append = [](auto &into, auto &from) {
      into.insert(into.end(), from.begin(), from.end());
      std::remove_reference_t<decltype(from)>().swap(from);
    };
    append(c.keys, o.keys);
    append(c.subjects, o.subjects);
    append(c.objects, o.objects);
    append(c.types, o.types);
    append(c.modalities, o.modalities);
    append(c.strengths, o.strengths);
    append(c.evidence_counts, o.evidence_counts);
    for (uint32_t d : o.first_seen) c.first_seen.push_back(date_index[d]);
    for (uint32_t d : o.last_seen) c.last_seen.push_back(date_index[d]);
    std::vector<uint32_t>().swap(o.first_seen);
    std::vector<uint32_t>().swap(o.last_seen);
    for (const auto &[slot, key] : other.wide_keys) wide_keys.emplace_back(base * 2 + slot, key);
    for (auto &[index, json] : other.attributes) {
      attributes.emplace_back(static_cast<uint32_t>(base + index), std::move(json));
    }
    return Status::Ok();
  }
};

// The relation scan's key ranges, handed out in turn to the threads that
// read (whichever asks next), so that both connections of ReadInParallel
// scan until the table is done however their other work is split. Range c
// covers keys [1 + c·width, (c + 1)·width] of [1, max_key], the first
// reaching down to INT64_MIN and the last up to INT64_MAX, so every key is in
// exactly one range even if the largest key grew since it was read. Keys are
// unique, so a range other than the first and the last holds at most
// `width` relations.
class KeyRanges {
 public:
  static constexpr uint32_t kCount = 64;
  explicit KeyRanges(int64_t max_key) : width_(std::max<int64_t>(max_key, 0) / kCount + 1) {}
  // The next range, false when none is left.
  bool Next(int64_t &first, int64_t &last) {
    const uint32_t c = next_.fetch_add(1, std::memory_order_relaxed);
    if (c >= kCount) return false;
    first = c == 0 ? INT64_MIN : 1 + c * width_;
    last = c + 1 == kCount ? INT64_MAX : (c + 1) * width_;
    return true;
  }
  // No range is handed out after this (a reader failed).
  void Stop() { next_.store(kCount, std::memory_order_relaxed); }

 private:
  int64_t width_;
  std::atomic<uint32_t> next_{0};
};

// Rank of each relation type / modality by name, so that sorting by rank sorts
// like SQL's ORDER BY name.
template <typename Enum, size_t N>
std::array<uint8_t, N> NameRanks(std::string_view (*name_of)(Enum)) {
  std::array<uint8_t, N> order{};
  for (size_t i = 0; i < N; ++i) order[i] = static_cast<uint8_t>(i);
  std::sort(order.begin(), order.end(), [&](uint8_t a, uint8_t b) {
    return name_of(static_cast<Enum>(a)) < name_of(static_cast<Enum>(b));
  });
  std::array<uint8_t, N> rank{};
  for (size_t i = 0; i < N; ++i) rank[order[i]] = static_cast<uint8_t>(i);
  return rank;
}

// The inverse of a rank table: rank -> enum value.
template <size_t N>
std::array<uint8_t, N> Inverse(const std::array<uint8_t, N> &rank) {
  std::array<uint8_t, N> value{};
  for (size_t i = 0; i < N; ++i) value[rank[i]] = static_cast<uint8_t>(i);
  return value;
}

// Frees what calloc allocated.
struct FreeDeleter {
  void operator()(void *memory) const { std::free(memory); }
};

// column[r] = column[order[r]], gathered into `spare`, whose storage is then
// swapped with the column's: the old column's storage becomes the spare of the
// next column of the same element type, so a run of them faults fresh memory
// in only once.
template <typename T>
void Permute(std::vector<T> &column, const std::vector<uint32_t> &order, std::vector<T> &spare) {
  spare.clear();
  ReserveHuge(spare, order.size());
  for (uint32_t i : order) spare.push_back(column[i]);
  column.swap(spare);
}

// Runs body(0, split) on this thread and body(split, end) on another at the
// same time (for loops over disjoint vertex ranges that write disjoint
// parts of their arrays); only on this thread when the second range is
// empty. An exception from either is rethrown here once both are done.
template <typename Body>
void RunInTwo(uint32_t split, uint32_t end, const Body &body) {
  if (split >= end) {
    body(uint32_t{0}, end);
    return;
  }
  std::exception_ptr failure;
  {
    std::jthread other([&] {
      try {
        body(split, end);
      } catch (...) {
        failure = std::current_exception();
      }
    });
    body(uint32_t{0}, split);
  }
  if (failure) std::rethrow_exception(failure);
}

// The vertex that splits rows given by `starts` (row v is [starts[v],
// starts[v + 1]), num_vertices rows) into two halves of about the same
// number of elements; num_vertices when there are too few to be worth a
// thread.
uint32_t HalfwayVertex(const std::vector<uint32_t> &starts, uint32_t num_vertices) {
  constexpr uint32_t kWorthAThread = 64;
  const uint32_t total = starts[num_vertices];
  if (total < kWorthAThread) return num_vertices;
  return static_cast<uint32_t>(
      std::lower_bound(starts.begin(), starts.begin() + num_vertices, total / 2) - starts.begin());
}

// Load reserves its relation columns from the largest relation key up to
// this (64M relations, 2.4 GB of columns), from a count above it.
constexpr int64_t kReserveFromKeyUpTo = int64_t{1} << 26;

constexpr size_t kRelationTypes = static_cast<size_t>(RelationType::kHasTheme) + 1;
constexpr size_t kModalities = static_cast<size_t>(Modality::kFailed) + 1;

}  // namespace

struct Graph::Rep {
  std::vector<EntityRecord> entities;
  RelationColumns relations;
  // Built on first access by relation() (through std::atomic_ref); owned
  // here. calloc'd: zero pages the kernel maps only where a record is built,
  // so a load does not write 8 bytes per relation it may never read.
  std::unique_ptr<RelationRecord *[], FreeDeleter> records;
  Csr csr;
  // csr's entries and the endpoint columns, for HopRange; set by
  // BuildAdjacency.
  HopSource hop_source;
  // Vertices in id order for FindVertex's binary search; empty when
  // `entities` is already sorted by id (as Store::LoadEntities returns them).
  std::vector<VertexId> id_order;
  // The name index, 12 bytes a name instead of a string-keyed hash map: for
  // each distinct NameHash(normalised id, name, alias or ticker, name_seed) of
  // each vertex, the hash in name_hashes (sorted) and the vertex at the same
  // position in name_vertices, a run of equal hashes in Lookup order. The
  // seed is chosen so that no two different names of the graph share a hash;
  // Lookup checks the first vertex's names against the query (a name not in
  // the graph could still share a hash).
  std::vector<uint64_t> name_hashes;
  std::vector<VertexId> name_vertices;
  uint64_t name_seed = 0;
  // The store's generation in the snapshot the graph was scanned from (for
  // RefreshImage), and whether it was read from the image instead.
  int64_t generation = 0;
  bool from_image = false;
  // Each vertex's parents as vertex ids, sorted: parents of v are
  // parent_vertices[parent_offsets[v] .. parent_offsets[v + 1]).
  std::vector<uint32_t> parent_offsets;
  std::vector<VertexId> parent_vertices;

  ~Rep() {
    if (!records) return;
    for (size_t r = 0; r < relations.size(); ++r) delete records[r];
  }

  // Checks ids are unique; id_order when `entities` is not in id order.
  Status IndexEntities();
  // The adjacency's arrays, reserved ahead (by Load) or empty.
  struct AdjacencyBuffers {
    std::vector<uint32_t> offsets;
    std::vector<uint32_t> entries;
    std::vector<uint64_t> keys;  // sort keys, freed at the end
  };
  Status BuildAdjacency(AdjacencyBuffers buffers);
  // Points hop_source at csr's entries and allocates the record slots, once
  // the CSR and the endpoint columns are final.
  void FinishAdjacency();
  // The graph image (RefreshImage; parsed by ImageReader): see WriteImage.
  Status WriteImage(const std::function<Status(std::string_view)> &put_part) const;
  void BuildNameIndex();
  // The name index and the parents; needs IndexEntities first.
  void BuildEntityIndexes();
  std::optional<VertexId> FindVertex(std::string_view id) const;
};

Graph::Graph(std::unique_ptr<Rep> rep) : rep_(std::move(rep)) {}
Graph::~Graph() = default;

Status Graph::Rep::IndexEntities() {
  const size_t num_vertices = entities.size();
  id_order.clear();
  bool sorted = true;
  for (size_t v = 1; v < num_vertices && sorted; ++v) sorted = entities[v - 1].id < entities[v].id;
  if (sorted) return Status::Ok();  // strictly ascending: no duplicates either
  id_order.resize(num_vertices);
  std::iota(id_order.begin(), id_order.end(), VertexId{0});
  std::sort(id_order.begin(), id_order.end(),
            [&](VertexId a, VertexId b) { return entities[a].id < entities[b].id; });
  for (size_t i = 1; i < num_vertices; ++i) {
    if (entities[id_order[i - 1]].id == entities[id_order[i]].id) {
      return InvalidArgumentError("entity '" + entities[id_order[i]].id + "': listed twice");
    }
  }
  return Status::Ok();
}

std::optional<VertexId> Graph::Rep::FindVertex(std::string_view id) const {
  if (id_order.empty()) {
    auto it = std::lower_bound(
        entities.begin(), entities.end(), id,
        [](const EntityRecord &entity, std::string_view wanted) { return entity.id < wanted; });
    if (it == entities.end() || it->id != id) return std::nullopt;
    return static_cast<VertexId>(it - entities.begin());
  }
  auto it = std::lower_bound(
      id_order.begin(), id_order.end(), id,
      [&](VertexId v, std::string_view wanted) { return entities[v].id < wanted; });
  if (it == id_order.end() || entities[*it].id != id) return std::nullopt;
  return *it;
}

// Every relation is an entry in both endpoints' rows of the incidence CSR,
// sorted per vertex by relation type (enum order), then neighbour, then
// relation index, outgoing first. The CSR's vertices are the entities, then
// one per relation (rows of their own, all empty): an entry is the relation's
// vertex, so the CSR is a valid Boost graph (every target a vertex of it)
// that stores no neighbour; HopRange reads the neighbour from the endpoint
// columns. That costs 4 bytes of row offset per relation, against 4 bytes
// per entry (8 per relation) for a neighbour column.
Status Graph::Rep::BuildAdjacency(AdjacencyBuffers buffers) {
  const auto num_vertices = static_cast<uint32_t>(entities.size());
  // Endpoints and types only: Load fills the other columns meanwhile.
  const size_t num_relations = relations.subjects.size();
  const size_t num_entries = num_relations * 2;
  if (num_vertices + num_relations >= UINT32_MAX || num_relations >= UINT32_MAX / 2) {
    return InvalidArgumentError("graph: too many entities and relations for a 32-bit index");
  }
  const uint32_t first_relation = num_vertices;
  std::vector<uint32_t> offsets = std::move(buffers.offsets);
  AssignHuge(offsets, static_cast<size_t>(num_vertices) + num_relations + 1, 0u);
  for (size_t r = 0; r < num_relations; ++r) {
    ++offsets[relations.subjects[r] + 1];
    ++offsets[relations.objects[r] + 1];
  }
  for (uint32_t v = 0; v < num_vertices; ++v) offsets[v + 1] += offsets[v];
  std::fill(offsets.begin() + num_vertices + 1, offsets.end(), offsets[num_vertices]);
  std::vector<uint32_t> entries = std::move(buffers.entries);
  AssignHuge(entries, num_entries, 0u);
  static_assert(kRelationTypes <= 16, "a relation type must fit 4 bits of an adjacency key");
  if (num_vertices <= (uint32_t{1} << 28)) {
    // Each entry as one 64-bit key, type (4 bits) | neighbour (28) | link ^ 1
    // (32; link = relation << 1 | outgoing, so outgoing first among equal
    // relations): the per-vertex sort is then an integer sort that reads no
    // relation column at random.
    std::vector<uint64_t> keys = std::move(buffers.keys);
    AssignHuge(keys, num_entries, uint64_t{0});
    auto pack = [](uint64_t type, uint32_t neighbor, uint32_t link) {
      return type << 60 | static_cast<uint64_t>(neighbor) << 32 | (link ^ 1u);
    };
    std::vector<uint32_t> cursor(offsets.begin(), offsets.begin() + num_vertices);
    for (size_t r = 0; r < num_relations; ++r) {
      const VertexId s = relations.subjects[r];
      const VertexId o = relations.objects[r];
      const uint64_t type = relations.types[r];
      const auto index = static_cast<uint32_t>(r);
      keys[cursor[s]++] = pack(type, o, index << 1 | 1u);
      keys[cursor[o]++] = pack(type, s, index << 1);
    }
    // Each vertex's row sorted on its own: two halves on two threads.
    RunInTwo(HalfwayVertex(offsets, num_vertices), num_vertices, [&](uint32_t first, uint32_t end) {
      for (uint32_t v = first; v < end; ++v) {
        if (offsets[v + 1] - offsets[v] < 2) continue;
        std::sort(keys.begin() + offsets[v], keys.begin() + offsets[v + 1]);
      }
      for (size_t i = offsets[first]; i < offsets[end]; ++i) {
        entries[i] = first_relation + ((static_cast<uint32_t>(keys[i]) ^ 1u) >> 1);
      }
    });
  } else {
    // Per-vertex order: (type, neighbour, relation, outgoing first), sorted
    // as (key, link ^ 1) pairs.
    std::vector<uint32_t> cursor(offsets.begin(), offsets.begin() + num_vertices);
    std::vector<uint32_t> links(num_entries);
    for (size_t r = 0; r < num_relations; ++r) {
      const auto index = static_cast<uint32_t>(r);
      links[cursor[relations.subjects[r]]++] = index << 1 | 1u;
      links[cursor[relations.objects[r]]++] = index << 1;
    }
    std::vector<std::pair<uint64_t, uint32_t>> scratch;
    for (uint32_t v = 0; v < num_vertices; ++v) {
      const uint32_t begin = offsets[v];
      const uint32_t end = offsets[v + 1];
      scratch.clear();
      for (uint32_t i = begin; i < end; ++i) {
        const uint32_t relation = links[i] >> 1;
        const VertexId neighbor =
            (links[i] & 1u) != 0 ? relations.objects[relation] : relations.subjects[relation];
        const uint64_t key = static_cast<uint64_t>(relations.types[relation]) << 59 |
                             static_cast<uint64_t>(neighbor) << 27;
        scratch.emplace_back(key, links[i] ^ 1u);
      }
      std::sort(scratch.begin(), scratch.end());
      for (uint32_t i = begin; i < end; ++i) {
        entries[i] = first_relation + ((scratch[i - begin].second ^ 1u) >> 1);
      }
    }
  }
  // The CSR takes the arrays over (swapped, not copied): they already are
  // what its constructors would build (row offsets; targets grouped by
  // source vertex), so no sort by source runs again and no array of sources
  // is needed.
  csr.m_forward.m_rowstart.swap(offsets);
  csr.m_forward.m_column.swap(entries);
  FinishAdjacency();
  return Status::Ok();
}

void Graph::Rep::FinishAdjacency() {
  const size_t num_relations = relations.subjects.size();
  hop_source = HopSource{csr.m_forward.m_column.data(), relations.subjects.data(),
                         relations.objects.data(), static_cast<uint32_t>(entities.size())};
  static_assert(std::atomic_ref<RelationRecord *>::required_alignment <= alignof(RelationRecord *));
  records.reset(static_cast<RelationRecord **>(
      std::calloc(std::max<size_t>(num_relations, 1), sizeof(RelationRecord *))));
  if (!records) throw std::bad_alloc();
}

Result<std::unique_ptr<Graph>> Graph::Scan(Store &store) {
  const std::string context = "loading the graph from " + store.path();
  auto rep = std::make_unique<Rep>();

  // Entities and relations are read at the same time on two connections in
  // one snapshot (Store::ReadInParallel): the relations on this thread, the
  // entities on the other, which then builds the indexes that need only the
  // entities (id order, names, parents) on a thread of its own while this
  // one orders the relations: the two halves share nothing but read-only
  // `rep->entities`. The indexer is joined (by its destructor on early
  // returns) before `rep` goes away.
  Status entity_indexes;
  std::jthread entity_indexer;

  // The relations are scanned by key range on both connections (KeyRanges):
  // this thread reads ranges into `scanned` from the start, the entity
  // thread joins in once it has the entities, into `helper_scanned`, which
  // is moved behind `scanned` afterwards (the order of the rows does not
  // matter: they are ordered by their unique (subject, type, object,
  // modality) below). `scanned` is reserved from the largest key rather than
  // grown: no copies. The entity thread prefaults that storage before it
  // reads the entities, so that the kernel's zeroing of those pages runs
  // beside this thread's scan, not in it (slots of deleted relations' keys,
  // and those the helper's rows are copied into, are prefaulted too).
  ScanPart scanned;
  ScanPart helper_scanned;
  RelationColumns &loaded = scanned.columns;
  int64_t max_relation_key = 0;
  {
    Result<int64_t> max_key = store.MaxRelationKey();
    if (!max_key.ok()) return max_key.status().WithContext(context);
    max_relation_key = *max_key;
    // The largest key is the number of relations give or take deletions; a
    // key far beyond any plausible count (written by hand) would reserve and
    // prefault gigabytes: then count them.
    int64_t expected = *max_key;
    if (expected > kReserveFromKeyUpTo) {
      Result<int64_t> count = store.CountRelations();
      if (!count.ok()) return count.status().WithContext(context);
      expected = *count;
    }
    loaded.Reserve(static_cast<size_t>(std::clamp<int64_t>(expected, 0, UINT32_MAX / 2)));
  }
  KeyRanges key_ranges(max_relation_key);
  auto scan = [&key_ranges](Store &reader, ScanPart &part) -> Status {
    int64_t first = 0;
    int64_t last = 0;
    while (key_ranges.Next(first, last)) {
      Status status = reader.ReadRelationBlocks(
          first, last, [&part](const RelationBlock &block) { return part.Append(block); });
      if (!status.ok()) {
        key_ranges.Stop();
        return status;
      }
    }
    return Status::Ok();
  };
  // Read here, not by the entity thread while this one appends.
  const std::vector<std::pair<const void *, size_t>> loaded_storage = loaded.Storage();
  const size_t reserved_relations = loaded.keys.capacity();
  // What this thread fills after the scan (the relation order, the ordered
  // object, type and modality columns, the adjacency's arrays) is reserved
  // and prefaulted on a third thread, which the entity thread starts once it
  // knows the number of vertices, for the same reason; this thread reads
  // them only after joining that thread.
  std::vector<uint32_t> order;
  RelationColumns &columns = rep->relations;
  Rep::AdjacencyBuffers adjacency;
  auto reserve_ordered = [&] {
    const size_t relations = reserved_relations;
    ReserveHuge(order, relations);
    ReserveHuge(columns.objects, relations);
    ReserveHuge(columns.types, relations);
    ReserveHuge(columns.modalities, relations);
    ReserveHuge(adjacency.offsets, rep->entities.size() + relations + 1);
    ReserveHuge(adjacency.entries, relations * 2);
    ReserveHuge(adjacency.keys, relations * 2);
    PrefaultColumns({StorageOf(order), StorageOf(columns.objects), StorageOf(columns.types),
                     StorageOf(columns.modalities), StorageOf(adjacency.offsets),
                     StorageOf(adjacency.entries), StorageOf(adjacency.keys)});
  };

  std::jthread ordered_reserver;  // joined before what it reserves is used or freed

  auto read_entities = [&](Store &reader) -> Status {
    PrefaultColumns(loaded_storage);
    Result<int64_t> generation = reader.Generation();
    if (!generation.ok()) return generation.status();
    rep->generation = *generation;
    Result<std::vector<EntityRecord>> entities = reader.LoadEntities();
    if (!entities.ok()) return entities.status();
    if (entities->size() >= UINT32_MAX) {
      return InvalidArgumentError("too many entities for a 32-bit index");
    }
    rep->entities = std::move(entities).value();
    entity_indexer = std::jthread([&rep, &entity_indexes] {
      try {
        entity_indexes = rep->IndexEntities();
        if (entity_indexes.ok()) rep->BuildEntityIndexes();
      } catch (const std::exception &error) {
        entity_indexes =
            InternalError(std::string("graph: indexing entities failed (") + error.what() + ")");
      }
    });
    // On a thread of its own, so that this one starts scanning at once.
    ordered_reserver = std::jthread(reserve_ordered);
    // Address space only: pages are touched as rows arrive.
    helper_scanned.columns.Reserve(reserved_relations);
    return scan(reader, helper_scanned);
  };

  auto read_relations = [&](Store &reader) { return scan(reader, scanned); };
  Status read = store.ReadInParallel(read_relations, read_entities);
  if (ordered_reserver.joinable()) ordered_reserver.join();
  if (read.ok()) read = scanned.Take(helper_scanned);
  if (!read.ok()) return read.WithContext(context);
  std::vector<std::pair<size_t, int64_t>> &wide_keys = scanned.wide_keys;
  std::vector<std::pair<uint32_t, std::string>> &loaded_attributes = scanned.attributes;
  const auto num_vertices = static_cast<uint32_t>(rep->entities.size());

  // Entity key -> vertex through a dense array (keys are SQLite rowids), or a
  // hash map when deletions left the keys very sparse.
  {
    int64_t max_key = -1;
    bool nonnegative = true;
    for (const EntityRecord &entity : rep->entities) {
      max_key = std::max(max_key, entity.key);
      nonnegative = nonnegative && entity.key >= 0;
    }
    const bool dense = num_vertices > 0 && nonnegative && max_key < UINT32_MAX &&
                       max_key <= static_cast<int64_t>(num_vertices) * 8 + (1 << 20);
    std::vector<uint32_t> vertex_of_key;
    std::unordered_map<int64_t, uint32_t> sparse_vertex_of_key;
    if (dense) {
      vertex_of_key.assign(static_cast<size_t>(max_key) + 1, UINT32_MAX);
      for (VertexId v = 0; v < num_vertices; ++v) {
        vertex_of_key[static_cast<size_t>(rep->entities[v].key)] = v;
      }
    } else {
      for (VertexId v = 0; v < num_vertices; ++v)
        sparse_vertex_of_key.emplace(rep->entities[v].key, v);
    }
    auto vertex = [&](int64_t key) -> uint32_t {
      if (dense) {
        return key >= 0 && key <= max_key ? vertex_of_key[static_cast<size_t>(key)] : UINT32_MAX;
      }
      auto it = sparse_vertex_of_key.find(key);
      return it == sparse_vertex_of_key.end() ? UINT32_MAX : it->second;
    };
    if (dense) {
      const auto limit = static_cast<uint32_t>(max_key);
      for (size_t i = 0; i < loaded.size(); ++i) {
        const uint32_t s = loaded.subjects[i];
        const uint32_t o = loaded.objects[i];
        loaded.subjects[i] = s <= limit ? vertex_of_key[s] : UINT32_MAX;
        loaded.objects[i] = o <= limit ? vertex_of_key[o] : UINT32_MAX;
      }
    } else {
      for (size_t i = 0; i < loaded.size(); ++i) {
        if (loaded.subjects[i] != UINT32_MAX) loaded.subjects[i] = vertex(loaded.subjects[i]);
        if (loaded.objects[i] != UINT32_MAX) loaded.objects[i] = vertex(loaded.objects[i]);
      }
    }
    for (const auto &[slot, key] : wide_keys) {
      std::vector<uint32_t> &column = slot % 2 == 0 ? loaded.subjects : loaded.objects;
      column[slot / 2] = vertex(key);
    }
    // The smallest such key, whichever thread read it.
    std::optional<int64_t> missing;
    for (size_t i = 0; i < loaded.size(); ++i) {
      if (loaded.subjects[i] == UINT32_MAX || loaded.objects[i] == UINT32_MAX) {
        missing = std::min(missing.value_or(INT64_MAX), loaded.keys[i]);
      }
    }
    if (missing) {
      return DataLossError("relation " + std::to_string(*missing) + " names a missing entity")
          .WithContext(context);
    }
  }

  // Order as LoadRelations: subject id (= vertex order), type name, object id,
  // modality name. Counting sort by subject, then each subject's few relations.
  static const auto type_rank = NameRanks<RelationType, kRelationTypes>(RelationTypeName);
  static const auto modality_rank = NameRanks<Modality, kModalities>(ModalityName);
  static const auto type_of_rank = Inverse(type_rank);
  static const auto modality_of_rank = Inverse(modality_rank);
  const size_t num_relations = loaded.size();
  AssignHuge(order, num_relations, 0u);
  // The ordered object, type and modality columns are written while ordering
  // (each run's sort reads them anyway) rather than gathered at random after.
  AssignHuge(columns.objects, num_relations, 0u);
  AssignHuge(columns.types, num_relations, uint8_t{0});
  AssignHuge(columns.modalities, num_relations, uint8_t{0});
  {
    std::vector<uint32_t> starts(static_cast<size_t>(num_vertices) + 1, 0);
    for (size_t i = 0; i < num_relations; ++i) ++starts[loaded.subjects[i] + 1];
    for (uint32_t v = 0; v < num_vertices; ++v) starts[v + 1] += starts[v];
    std::vector<uint32_t> cursor(starts.begin(), starts.end() - 1);
    for (size_t i = 0; i < num_relations; ++i) {
      order[cursor[loaded.subjects[i]]++] = static_cast<uint32_t>(i);
    }
    auto sort_key = [&](uint32_t i) {
      return std::make_tuple(type_rank[loaded.types[i]], loaded.objects[i],
                             modality_rank[loaded.modalities[i]], loaded.keys[i]);
    };
    auto take = [&](uint32_t position, uint32_t i) {
      order[position] = i;
      columns.objects[position] = loaded.objects[i];
      columns.types[position] = loaded.types[i];
      columns.modalities[position] = loaded.modalities[i];
    };
    // Each subject's relations sorted as 64-bit keys, type rank (4 bits) |
    // object (32) | modality rank (4) | position in the run (24), read once
    // per relation rather than at every comparison. The store's unique
    // (subject, type, object, modality) leaves the key nothing to break.
    static_assert(kRelationTypes <= 16 && kModalities <= 16, "ranks must fit 4 bits");
    constexpr uint32_t kPositionBits = 24;
    // Each subject's run is sorted on its own: the two halves of the
    // vertices (by relations) on two threads.
    RunInTwo(HalfwayVertex(starts, num_vertices), num_vertices, [&](uint32_t first, uint32_t end) {
      std::vector<uint64_t> run_keys;
      std::vector<uint32_t> run;
      for (uint32_t v = first; v < end; ++v) {
        const uint32_t begin = starts[v];
        const uint32_t size = starts[v + 1] - begin;
        if (size == 1) take(begin, order[begin]);
        if (size < 2) continue;
        if (size >= (uint32_t{1} << kPositionBits)) {
          std::sort(order.begin() + begin, order.begin() + begin + size,
                    [&](uint32_t a, uint32_t b) { return sort_key(a) < sort_key(b); });
          for (uint32_t p = begin; p < begin + size; ++p) take(p, order[p]);
          continue;
        }
        run_keys.clear();
        for (uint32_t p = 0; p < size; ++p) {
          const uint32_t i = order[begin + p];
          run_keys.push_back(
              static_cast<uint64_t>(type_rank[loaded.types[i]]) << 60 |
              static_cast<uint64_t>(loaded.objects[i]) << 28 |
              static_cast<uint64_t>(modality_rank[loaded.modalities[i]]) << kPositionBits | p);
        }
        std::sort(run_keys.begin(), run_keys.end());
        run.assign(order.begin() + begin, order.begin() + begin + size);
        for (uint32_t p = 0; p < size; ++p) {
          const uint64_t key = run_keys[p];
          order[begin + p] = run[key & ((uint32_t{1} << kPositionBits) - 1)];
          columns.objects[begin + p] = static_cast<uint32_t>(key >> 28);
          columns.types[begin + p] = type_of_rank[key >> 60];
          columns.modalities[begin + p] = modality_of_rank[(key >> kPositionBits) & 0xfu];
        }
      }
      // In subject order the subject column is each vertex repeated over its
      // run: written in place, in sequence, instead of gathered (nothing
      // reads the subject column any more).
      for (uint32_t v = first; v < end; ++v) {
        std::fill(loaded.subjects.begin() + starts[v], loaded.subjects.begin() + starts[v + 1], v);
      }
    });
  }
  columns.subjects = std::move(loaded.subjects);
  std::vector<uint32_t>().swap(loaded.objects);
  std::vector<uint8_t>().swap(loaded.types);
  std::vector<uint8_t>().swap(loaded.modalities);
  // The adjacency needs only endpoints and types: the other columns are
  // permuted on a second thread while this one builds it (the entity indexer
  // has usually finished by now; each thread touches only its own columns,
  // `order` is read-only), column by column (one random-read stream at a
  // time), the storage of each column reused for the next one of its type.
  columns.dates = std::move(loaded.dates);
  std::jthread payload_permuter([&loaded, &order] {
    std::vector<int64_t> keys_spare;
    std::vector<double> strengths_spare;
    std::vector<uint32_t> spare32;
    Permute(loaded.keys, order, keys_spare);
    Permute(loaded.strengths, order, strengths_spare);
    Permute(loaded.evidence_counts, order, spare32);
    Permute(loaded.first_seen, order, spare32);
    Permute(loaded.last_seen, order, spare32);
  });
  Status status = rep->BuildAdjacency(std::move(adjacency));
  payload_permuter.join();
  columns.keys = std::move(loaded.keys);
  columns.strengths = std::move(loaded.strengths);
  columns.evidence_counts = std::move(loaded.evidence_counts);
  columns.first_seen = std::move(loaded.first_seen);
  columns.last_seen = std::move(loaded.last_seen);
  if (!loaded_attributes.empty()) {
    std::vector<uint32_t> position(num_relations);
    for (size_t r = 0; r < num_relations; ++r) position[order[r]] = static_cast<uint32_t>(r);
    for (auto &[index, json] : loaded_attributes) {
      columns.attributes.emplace(position[index], std::move(json));
    }
  }

  if (entity_indexer.joinable()) entity_indexer.join();
  if (status.ok()) status = entity_indexes;
  if (!status.ok()) return status.WithContext(context);
  return std::unique_ptr<Graph>(new Graph(std::move(rep)));
}

Result<std::unique_ptr<Graph>> Graph::FromRecords(std::vector<EntityRecord> entities,
                                                  std::vector<RelationRecord> relations) {
  // Two hops per relation must fit the 31-bit relation field of a link.
  if (entities.size() >= UINT32_MAX || relations.size() >= UINT32_MAX / 2) {
    return InvalidArgumentError("graph: too many entities or relations for a 32-bit index");
  }
  auto rep = std::make_unique<Rep>();
  rep->entities = std::move(entities);
  RETURN_IF_ERROR(rep->IndexEntities());
  const size_t num_relations = relations.size();
  RelationColumns &columns = rep->relations;
  columns.Resize(num_relations);
  DateInterner dates(columns.dates);
  for (size_t r = 0; r < num_relations; ++r) {
    const RelationRecord &relation = relations[r];
    const std::optional<VertexId> subject = rep->FindVertex(relation.subject_id);
    const std::optional<VertexId> object = rep->FindVertex(relation.object_id);
    const std::string name = relation.subject_id + " " +
                             std::string(RelationTypeName(relation.type)) + " " +
                             relation.object_id;
    if (!subject) {
      return InvalidArgumentError("relation '" + name + "': unknown subject entity '" +
                                  relation.subject_id + "'");
    }
    if (!object) {
      return InvalidArgumentError("relation '" + name + "': unknown object entity '" +
                                  relation.object_id + "'");
    }
    columns.keys[r] = relation.key;
    columns.subjects[r] = *subject;
    columns.objects[r] = *object;
    columns.types[r] = static_cast<uint8_t>(relation.type);
    columns.modalities[r] = static_cast<uint8_t>(relation.modality);
    columns.strengths[r] = relation.strength;
    columns.evidence_counts[r] =
        static_cast<uint32_t>(std::clamp<int64_t>(relation.evidence_count, 0, UINT32_MAX));
    columns.first_seen[r] = dates.Intern(relation.first_seen);
    columns.last_seen[r] = dates.Intern(relation.last_seen);
  }
  RETURN_IF_ERROR(rep->BuildAdjacency({}));
  // The records are already here: keep them rather than rebuild them.
  for (size_t r = 0; r < num_relations; ++r) {
    rep->records[r] = new RelationRecord(std::move(relations[r]));
  }
  return FinishIndexes(std::move(rep));
}

void Graph::Rep::BuildNameIndex() {
  const auto num_vertices = static_cast<uint32_t>(entities.size());
  auto lookup_order = [&](VertexId a, VertexId b) {
    if (entities[a].mention_count != entities[b].mention_count) {
      return entities[a].mention_count > entities[b].mention_count;
    }
    return entities[a].id < entities[b].id;
  };
  std::vector<NameEntry> entries;
  std::vector<uint64_t> hashes;
  for (name_seed = 0;; ++name_seed) {
    entries.clear();
    entries.reserve(static_cast<size_t>(num_vertices) * 2);
    for (VertexId v = 0; v < num_vertices; ++v) {
      hashes.clear();
      ForEachNameKey(entities[v], [&](const std::string &key) {
        if (!key.empty()) hashes.push_back(NameHash(key, name_seed));
      });
      std::sort(hashes.begin(), hashes.end());
      hashes.erase(std::unique(hashes.begin(), hashes.end()), hashes.end());
      for (uint64_t hash : hashes) entries.push_back(NameEntry{hash, v});
    }
    SortByHash(entries);
    // Runs of one hash: put them in Lookup order, and check that they share a
    // name (the first vertex's name with that hash), else try another seed.
    bool collision = false;
    for (size_t begin = 0, end = 0; begin < entries.size() && !collision; begin = end) {
      end = begin + 1;
      while (end < entries.size() && entries[end].hash == entries[begin].hash) ++end;
      if (end - begin < 2) continue;
      std::string shared;
      ForEachNameKey(entities[entries[begin].vertex], [&](const std::string &key) {
        if (!key.empty() && NameHash(key, name_seed) == entries[begin].hash) shared = key;
      });
      for (size_t i = begin + 1; i < end && !collision; ++i) {
        collision = !HasNameKey(entities[entries[i].vertex], shared);
      }
      std::sort(
          entries.begin() + static_cast<std::ptrdiff_t>(begin),
          entries.begin() + static_cast<std::ptrdiff_t>(end),
          [&](const NameEntry &a, const NameEntry &b) { return lookup_order(a.vertex, b.vertex); });
    }
    if (!collision) break;
  }
  name_hashes.resize(entries.size());
  name_vertices.resize(entries.size());
  for (size_t i = 0; i < entries.size(); ++i) {
    name_hashes[i] = entries[i].hash;
    name_vertices[i] = entries[i].vertex;
  }
}

void Graph::Rep::BuildEntityIndexes() {
  const auto num_vertices = static_cast<uint32_t>(entities.size());
  BuildNameIndex();

  // Parents as vertex ids; ids naming no vertex cannot be a container, so they
  // drop out.
  parent_offsets.reserve(num_vertices + 1);
  parent_offsets.push_back(0);
  for (VertexId v = 0; v < num_vertices; ++v) {
    const size_t begin = parent_vertices.size();
    for (const std::string &parent : entities[v].parents) {
      if (std::optional<VertexId> p = FindVertex(parent)) parent_vertices.push_back(*p);
    }
    std::sort(parent_vertices.begin() + static_cast<std::ptrdiff_t>(begin), parent_vertices.end());
    parent_offsets.push_back(static_cast<uint32_t>(parent_vertices.size()));
  }
}

Result<std::unique_ptr<Graph>> Graph::FinishIndexes(std::unique_ptr<Rep> rep) {
  rep->BuildEntityIndexes();
  return std::unique_ptr<Graph>(new Graph(std::move(rep)));
}

// ---------------------------------------------------------------------------
// The graph image: Rep serialized for Store::WriteGraphImage, so that Load
// can rebuild the index from arrays instead of scanning, ordering and
// indexing. Layout (little-endian):
//   ImageHeader, with the ColumnCoding of each array (internal/column_codec.h);
//   the entity blob (each EntityRecord: key, id, name, type, subtype,
//     aliases, attributes, parents, mention count; integers as zigzag
//     varints (internal::AppendVarint), strings as a varint length and
//     bytes, lists as a varint count and items);
//   the string blob (the interned dates; the distinct attribute JSON texts;
//     then for each relation with attributes, in index order, the step from
//     the previous such relation's index and its text's number);
//   the arrays of ForEachImageArray's order, each as its coding says.
// The whole image is built from one snapshot and stored with that snapshot's
// generation; Store::ReadGraphImage hands it back only while the generation
// is the store's, part by part after each part's checksum. An image of
// another format (another magic) is not read; RefreshImage rewrites it.
namespace {

// "cgimage1" (ninth session): every array raw at its in-memory width, u32
// lengths in the blobs.
constexpr char kImageMagic[8] = {'c', 'g', 'i', 'm', 'a', 'g', 'e', '2'};
constexpr char kImageMagicFamily[7] = {'c', 'g', 'i', 'm', 'a', 'g', 'e'};
constexpr size_t kImageColumns = 16;  // ForEachImageArray's arrays

struct ImageHeader {
  char magic[8];
  uint64_t entity_blob_bytes;
  uint64_t string_blob_bytes;
  uint64_t num_entities;
  uint64_t num_relations;
  uint64_t num_dates;
  uint64_t num_attributes;
  uint64_t id_order_size;  // 0 or num_entities
  uint64_t num_names;
  uint64_t name_seed;
  uint64_t num_parent_vertices;
  internal::ColumnCoding columns[kImageColumns];
};

// FailedPrecondition (not a corruption: Load scans without a warning) when
// `part`, an image's first part, is of another format than this build writes.
Status CheckImageFormat(std::string_view part) {
  if (part.size() >= sizeof(kImageMagic) &&
      std::memcmp(part.data(), kImageMagicFamily, sizeof(kImageMagicFamily)) == 0 &&
      std::memcmp(part.data(), kImageMagic, sizeof(kImageMagic)) != 0) {
    return FailedPreconditionError(
        "graph image: of another format ('" + std::string(part.substr(0, sizeof(kImageMagic))) +
        "', this build reads '" + std::string(kImageMagic, sizeof(kImageMagic)) +
        "'); the next build or merge rewrites it");
  }
  return Status::Ok();
}

void PutU32(std::string &out, uint32_t value) { internal::AppendVarint(out, value); }

void PutI64(std::string &out, int64_t value) { internal::AppendVarint(out, value); }

void PutString(std::string &out, std::string_view text) {
  PutU32(out, static_cast<uint32_t>(text.size()));
  out.append(text);
}

// Reads what PutU32/PutI64/PutString wrote; every read fails (false) once the
// blob is exhausted, so a short blob cannot be read past its end.
class BlobReader {
 public:
  explicit BlobReader(std::string_view blob) : blob_(blob) {}
  bool U32(uint32_t &value) {
    int64_t wide = 0;
    if (!internal::ReadVarint(blob_, at_, wide) || wide < 0 || wide > UINT32_MAX) return false;
    value = static_cast<uint32_t>(wide);
    return true;
  }
  bool I64(int64_t &value) { return internal::ReadVarint(blob_, at_, value); }
  bool U8(uint8_t &value) {
    if (at_ == blob_.size()) return false;
    value = static_cast<uint8_t>(blob_[at_++]);
    return true;
  }
  bool String(std::string &text) {
    uint32_t size = 0;
    if (!U32(size) || size > blob_.size() - at_) return false;
    text.assign(blob_.data() + at_, size);
    at_ += size;
    return true;
  }
  bool empty() const { return at_ == blob_.size(); }

 private:
  std::string_view blob_;
  size_t at_ = 0;
};

std::string EntityBlob(const std::vector<EntityRecord> &entities) {
  std::string blob;
  for (const EntityRecord &entity : entities) {
    PutI64(blob, entity.key);
    PutString(blob, entity.id);
    PutString(blob, entity.name);
    blob.push_back(static_cast<char>(entity.type));
    PutString(blob, entity.subtype);
    PutU32(blob, static_cast<uint32_t>(entity.aliases.size()));
    for (const std::string &alias : entity.aliases) PutString(blob, alias);
    PutU32(blob, static_cast<uint32_t>(entity.attributes.size()));
    for (const auto &[name, value] : entity.attributes) {
      PutString(blob, name);
      PutString(blob, value);
    }
    PutU32(blob, static_cast<uint32_t>(entity.parents.size()));
    for (const std::string &parent : entity.parents) PutString(blob, parent);
    PutI64(blob, entity.mention_count);
  }
  return blob;
}

// `count` entities from EntityBlob's output; false if it is malformed.
bool ParseEntityBlob(std::string_view blob, size_t count, std::vector<EntityRecord> &entities) {
  ReserveHuge(entities, count);
  BlobReader reader(blob);
  for (size_t i = 0; i < count; ++i) {
    EntityRecord &entity = entities.emplace_back();
    uint8_t type = 0;
    uint32_t n = 0;
    if (!reader.I64(entity.key) || !reader.String(entity.id) || !reader.String(entity.name) ||
        !reader.U8(type) || !reader.String(entity.subtype) || !reader.U32(n)) {
      return false;
    }
    entity.type = static_cast<EntityType>(type);
    if (n > blob.size()) return false;
    entity.aliases.resize(n);
    for (std::string &alias : entity.aliases) {
      if (!reader.String(alias)) return false;
    }
    if (!reader.U32(n) || n > blob.size()) return false;
    for (uint32_t a = 0; a < n; ++a) {
      std::string name;
      std::string value;
      if (!reader.String(name) || !reader.String(value)) return false;
      entity.attributes.emplace_hint(entity.attributes.end(), std::move(name), std::move(value));
    }
    if (!reader.U32(n) || n > blob.size()) return false;
    entity.parents.resize(n);
    for (std::string &parent : entity.parents) {
      if (!reader.String(parent)) return false;
    }
    if (!reader.I64(entity.mention_count)) return false;
  }
  return reader.empty();
}

// Calls visit(vector) for each raw array of the image, in image order.
template <typename RepT, typename Visit>
void ForEachImageArray(RepT &rep, Visit &&visit) {
  auto &c = rep.relations;
  visit(c.keys);
  visit(c.subjects);
  visit(c.objects);
  visit(c.types);
  visit(c.modalities);
  visit(c.strengths);
  visit(c.evidence_counts);
  visit(c.first_seen);
  visit(c.last_seen);
  visit(rep.csr.m_forward.m_rowstart);
  visit(rep.csr.m_forward.m_column);
  visit(rep.id_order);
  visit(rep.name_hashes);
  visit(rep.name_vertices);
  visit(rep.parent_offsets);
  visit(rep.parent_vertices);
}

// Appends bytes to parts of Store::kGraphImagePartBytes, handing each full
// one to `put_part`.
class ImageWriter {
 public:
  explicit ImageWriter(const std::function<Status(std::string_view)> &put_part)
      : put_part_(put_part) {
    buffer_.reserve(Store::kGraphImagePartBytes);
  }
  Status Append(const void *data, size_t bytes) {
    const char *from = static_cast<const char *>(data);
    while (bytes > 0) {
      const size_t take = std::min(bytes, Store::kGraphImagePartBytes - buffer_.size());
      buffer_.append(from, take);
      from += take;
      bytes -= take;
      if (buffer_.size() == Store::kGraphImagePartBytes) RETURN_IF_ERROR(Flush());
    }
    return Status::Ok();
  }
  Status Flush() {
    if (buffer_.empty()) return Status::Ok();
    RETURN_IF_ERROR(put_part_(buffer_));
    buffer_.clear();
    return Status::Ok();
  }

 private:
  const std::function<Status(std::string_view)> &put_part_;
  std::string buffer_;
};

Status ImageCorrupt(std::string_view what) {
  return DataLossError("graph image: " + std::string(what) + " (corrupt image?)");
}

// True if every value of `column` is below `bound`.
template <typename T>
bool AllBelow(const std::vector<T> &column, uint64_t bound) {
  return std::all_of(column.begin(), column.end(),
                     [bound](T value) { return static_cast<uint64_t>(value) < bound; });
}

}  // namespace

Status Graph::Rep::WriteImage(const std::function<Status(std::string_view)> &put_part) const {
  const std::string entity_blob = EntityBlob(entities);
  std::string string_blob;
  for (const std::string &date : relations.dates) PutString(string_blob, date);
  // In index order, so that equal graphs give equal images.
  std::vector<std::pair<RelationIndex, const std::string *>> attributes;
  for (const auto &[index, json] : relations.attributes) attributes.emplace_back(index, &json);
  std::sort(attributes.begin(), attributes.end());
  // Few distinct texts ("stake" percentages, deal values) recur on many
  // relations: each is stored once, each relation names its text.
  std::unordered_map<std::string_view, uint32_t> text_ids;
  std::vector<std::string_view> texts;
  std::vector<uint32_t> ids;
  ids.reserve(attributes.size());
  for (const auto &[index, json] : attributes) {
    const auto [at, added] = text_ids.emplace(*json, static_cast<uint32_t>(texts.size()));
    if (added) texts.push_back(*json);
    ids.push_back(at->second);
  }
  PutU32(string_blob, static_cast<uint32_t>(texts.size()));
  for (std::string_view text : texts) PutString(string_blob, text);
  RelationIndex previous = 0;
  for (size_t a = 0; a < attributes.size(); ++a) {
    PutU32(string_blob, attributes[a].first - previous);
    PutU32(string_blob, ids[a]);
    previous = attributes[a].first;
  }
  ImageHeader header{};
  std::memcpy(header.magic, kImageMagic, sizeof(kImageMagic));
  header.entity_blob_bytes = entity_blob.size();
  header.string_blob_bytes = string_blob.size();
  header.num_entities = entities.size();
  header.num_relations = relations.size();
  header.num_dates = relations.dates.size();
  header.num_attributes = attributes.size();
  header.id_order_size = id_order.size();
  header.num_names = name_hashes.size();
  header.name_seed = name_seed;
  header.num_parent_vertices = parent_vertices.size();
  std::vector<internal::ColumnPlan> plans;
  ForEachImageArray(*this,
                    [&](const auto &column) { plans.push_back(internal::PlanColumn(column)); });
  if (plans.size() != kImageColumns) return InternalError("graph image: kImageColumns is stale");
  for (size_t i = 0; i < kImageColumns; ++i) header.columns[i] = plans[i].coding;
  ImageWriter writer(put_part);
  RETURN_IF_ERROR(writer.Append(&header, sizeof(header)));
  RETURN_IF_ERROR(writer.Append(entity_blob.data(), entity_blob.size()));
  RETURN_IF_ERROR(writer.Append(string_blob.data(), string_blob.size()));
  Status status;
  size_t index = 0;
  std::string slice;
  ForEachImageArray(*this, [&](const auto &column) {
    const internal::ColumnPlan &plan = plans[index++];
    // In slices, so that no second copy of a column is ever held.
    constexpr size_t kSliceValues = size_t{1} << 18;
    for (size_t begin = 0; begin < column.size() && status.ok(); begin += kSliceValues) {
      slice.clear();
      internal::AppendEncoded(column, plan, begin, std::min(column.size(), begin + kSliceValues),
                              slice);
      status = writer.Append(slice.data(), slice.size());
    }
  });
  RETURN_IF_ERROR(status);
  return writer.Flush();
}

namespace {

// Takes the image's parts as Store::ReadGraphImage hands them out and copies
// them into a Rep: the header, then the two blobs into strings, then each
// array straight into its (sized from the header) vector. The entity blob is
// parsed on a second thread as soon as it is complete, while the arrays are
// still arriving. (A template only because Graph::Rep is private to Graph.)
template <typename RepT>
class ImageReader {
 public:
  explicit ImageReader(RepT &rep) : rep_(rep) {
    targets_.push_back({reinterpret_cast<char *>(&header_), sizeof(header_)});
  }
  ImageReader(const ImageReader &) = delete;
  ImageReader &operator=(const ImageReader &) = delete;

  Status Consume(std::string_view data) {
    while (!data.empty()) {
      if (next_ == targets_.size()) return ImageCorrupt("longer than its header says");
      Target &target = targets_[next_];
      if (target.data == nullptr) {
        // An encoded column: its bytes gather here, one column at a time.
        encoded_.resize(target.bytes);
        target.data = encoded_.data();
      }
      const size_t take = std::min(data.size(), target.bytes - target.filled);
      std::memcpy(target.data + target.filled, data.data(), take);
      target.filled += take;
      data.remove_prefix(take);
      if (target.filled < target.bytes) continue;
      if (target.decode && !target.decode(encoded_)) {
        return ImageCorrupt("a column does not decode as its coding says");
      }
      ++next_;
      if (next_ == 1) RETURN_IF_ERROR(TakeHeader());
      if (next_ == entity_blob_done_) StartEntityParse();
    }
    return Status::Ok();
  }

  // After the last part: parses the string blob and checks every index.
  Status Finish() {
    if (next_ == entity_blob_done_) StartEntityParse();  // an empty entity blob
    if (entity_parser_.joinable()) entity_parser_.join();
    std::string().swap(encoded_);
    if (next_ != targets_.size()) return ImageCorrupt("shorter than its header says");
    if (!entities_parsed_) return ImageCorrupt("unreadable entities");
    RETURN_IF_ERROR(ParseStrings());
    return Check();
  }

 private:
  struct Target {
    char *data;  // nullptr: encoded_, then `decode`
    size_t bytes;
    size_t filled = 0;
    std::function<bool(std::string_view)> decode;
  };

  Status TakeHeader() {
    const ImageHeader &h = header_;
    RETURN_IF_ERROR(CheckImageFormat(std::string_view(h.magic, sizeof(h.magic))));
    if (std::memcmp(h.magic, kImageMagic, sizeof(kImageMagic)) != 0) {
      return ImageCorrupt("unknown format");
    }
    constexpr uint64_t kMaxBlob = uint64_t{1} << 40;
    // An entity takes at least a byte for each of its key, six string lengths
    // or counts, type and mention count in the entity blob.
    constexpr uint64_t kMinEntityBytes = 9;
    if (h.num_entities >= UINT32_MAX || h.num_relations >= UINT32_MAX / 2 ||
        h.num_entities > h.entity_blob_bytes / kMinEntityBytes ||
        h.num_entities + h.num_relations >= UINT32_MAX || h.entity_blob_bytes > kMaxBlob ||
        h.string_blob_bytes > kMaxBlob || h.num_dates == 0 || h.num_dates > h.string_blob_bytes ||
        h.num_attributes > h.num_relations ||
        (h.id_order_size != 0 && h.id_order_size != h.num_entities) ||
        h.num_names > h.entity_blob_bytes || h.num_parent_vertices > h.entity_blob_bytes) {
      return ImageCorrupt("implausible sizes in its header");
    }
    entity_blob_.resize(h.entity_blob_bytes);
    string_blob_.resize(h.string_blob_bytes);
    Add(entity_blob_.data(), entity_blob_.size());
    entity_blob_done_ = targets_.size();
    Add(string_blob_.data(), string_blob_.size());
    const size_t relations = h.num_relations;
    const size_t entities = h.num_entities;
    auto &c = rep_.relations;
    c.Resize(relations);
    rep_.csr.m_forward.m_rowstart.resize(entities + relations + 1);
    rep_.csr.m_forward.m_column.resize(relations * 2);
    rep_.id_order.resize(h.id_order_size);
    rep_.name_hashes.resize(h.num_names);
    rep_.name_vertices.resize(h.num_names);
    rep_.parent_offsets.resize(entities + 1);
    rep_.parent_vertices.resize(h.num_parent_vertices);
    rep_.name_seed = h.name_seed;
    size_t index = 0;
    bool plausible = true;
    ForEachImageArray(rep_, [&](auto &column) {
      const internal::ColumnCoding &coding = h.columns[index++];
      using Value = std::decay_t<decltype(column[0])>;
      if (coding.mode == static_cast<uint8_t>(internal::ColumnMode::kPlain) && coding.base == 0 &&
          coding.width == sizeof(Value)) {
        // Stored as in memory: copied straight into place.
        Add(reinterpret_cast<char *>(column.data()), column.size() * sizeof(Value));
        return;
      }
      if (coding.width > 8 || coding.dictionary_size > internal::kMaxDictionary) {
        plausible = false;
        return;
      }
      const uint64_t bytes = coding.EncodedBytes(column.size());
      if (bytes == 0) {
        // Nothing stored (every value the base): decoded now.
        if (!internal::DecodeColumn(coding, std::string_view(), column)) plausible = false;
        return;
      }
      targets_.push_back({nullptr, bytes, 0, [&column, coding](std::string_view encoded) {
                            return internal::DecodeColumn(coding, encoded, column);
                          }});
    });
    if (!plausible) return ImageCorrupt("a column's coding is unknown or does not decode");
    return Status::Ok();
  }

  // A target of `bytes` at `data`; none for zero bytes.
  void Add(char *data, size_t bytes) {
    if (bytes > 0) targets_.push_back({data, bytes});
  }

  void StartEntityParse() {
    if (entity_parse_started_) return;
    entity_parse_started_ = true;
    entity_parser_ = std::jthread([this] {
      try {
        entities_parsed_ = ParseEntityBlob(entity_blob_, header_.num_entities, rep_.entities);
      } catch (const std::exception &) {
        entities_parsed_ = false;
      }
      std::string().swap(entity_blob_);
    });
  }

  Status ParseStrings() {
    BlobReader reader(string_blob_);
    auto &c = rep_.relations;
    c.dates.resize(header_.num_dates);
    for (std::string &date : c.dates) {
      if (!reader.String(date)) return ImageCorrupt("unreadable dates");
    }
    uint32_t num_texts = 0;
    if (!reader.U32(num_texts) || num_texts > header_.num_attributes) {
      return ImageCorrupt("unreadable relation attributes");
    }
    std::vector<std::string> texts(num_texts);
    for (std::string &text : texts) {
      if (!reader.String(text)) return ImageCorrupt("unreadable relation attributes");
    }
    uint64_t index = 0;
    for (uint64_t a = 0; a < header_.num_attributes; ++a) {
      uint32_t step = 0;
      uint32_t id = 0;
      if (!reader.U32(step) || !reader.U32(id) || (a > 0 && step == 0) || id >= num_texts) {
        return ImageCorrupt("unreadable relation attributes");
      }
      index += step;
      if (index >= header_.num_relations) return ImageCorrupt("unreadable relation attributes");
      c.attributes.emplace(static_cast<RelationIndex>(index), texts[id]);
    }
    if (!reader.empty()) return ImageCorrupt("unreadable relation attributes");
    return Status::Ok();
  }

  // Every index names what it should, so a damaged image that passed its
  // checksums (written by a buggy build) cannot make a query read out of bounds.
  Status Check() const {
    const auto &c = rep_.relations;
    const uint64_t vertices = rep_.entities.size();
    const uint64_t relations = c.size();
    const auto &rowstart = rep_.csr.m_forward.m_rowstart;
    const auto &column = rep_.csr.m_forward.m_column;
    if (!AllBelow(c.subjects, vertices) || !AllBelow(c.objects, vertices) ||
        !AllBelow(c.types, kRelationTypes) || !AllBelow(c.modalities, kModalities) ||
        !AllBelow(c.first_seen, c.dates.size()) || !AllBelow(c.last_seen, c.dates.size())) {
      return ImageCorrupt("a relation column is out of range");
    }
    if (rowstart.front() != 0 || rowstart.back() != column.size() ||
        !std::is_sorted(rowstart.begin(), rowstart.end()) ||
        !std::all_of(column.begin(), column.end(), [&](uint32_t entry) {
          return entry >= vertices && entry - vertices < relations;
        })) {
      return ImageCorrupt("the adjacency is out of range");
    }
    const auto &parents = rep_.parent_offsets;
    if (!AllBelow(rep_.id_order, vertices) || !AllBelow(rep_.name_vertices, vertices) ||
        !AllBelow(rep_.parent_vertices, vertices) || parents.front() != 0 ||
        parents.back() != rep_.parent_vertices.size() ||
        !std::is_sorted(parents.begin(), parents.end())) {
      return ImageCorrupt("an entity index is out of range");
    }
    return Status::Ok();
  }

  RepT &rep_;
  ImageHeader header_{};
  std::string entity_blob_;
  std::string string_blob_;
  std::vector<Target> targets_;
  std::string encoded_;                 // the encoded column being filled
  size_t next_ = 0;                     // the target being filled
  size_t entity_blob_done_ = SIZE_MAX;  // next_ once the entity blob is in
  bool entity_parse_started_ = false;
  bool entities_parsed_ = false;  // written by entity_parser_ only
  std::jthread entity_parser_;    // joined by Finish or the destructor
};

// Where Load's and RefreshImage's messages go (LoadOptions::log).
std::function<void(std::string_view, bool)> LogTo(
    const std::function<void(std::string_view)> &log) {
  if (log) return [log](std::string_view message, bool) { log(message); };
  const char *debug = std::getenv("CORPGRAPH_DEBUG");
  const bool verbose = debug != nullptr && std::string_view(debug) == "1";
  return [verbose](std::string_view message, bool warning) {
    if (verbose || warning) {
      std::fprintf(stderr, "corpgraph: %s%.*s\n", warning && !verbose ? "warning: " : "",
                   static_cast<int>(message.size()), message.data());
    }
  };
}

}  // namespace

Status Graph::ReadImage(Store &store, Rep &rep) {
  try {
    ImageReader<Rep> reader(rep);
    RETURN_IF_ERROR(
        store.ReadGraphImage([&reader](std::string_view part) { return reader.Consume(part); }));
    RETURN_IF_ERROR(reader.Finish());
    rep.from_image = true;
    rep.FinishAdjacency();
    return Status::Ok();
  } catch (const std::exception &error) {
    // Sizes that pass TakeHeader's checks may still not fit in memory.
    return ImageCorrupt(std::string("cannot be read (") + error.what() + ")");
  }
}

Result<std::unique_ptr<Graph>> Graph::Load(Store &store) { return Load(store, LoadOptions{}); }

Result<std::unique_ptr<Graph>> Graph::Load(Store &store, const LoadOptions &options) {
  const auto log = LogTo(options.log);
  if (!options.use_image) {
    log("graph open: scanning the tables (the image was not asked for)", false);
    return Scan(store);
  }
  auto rep = std::make_unique<Rep>();
  Status image = ReadImage(store, *rep);
  if (image.ok()) {
    log("graph open: from the graph image (" + std::to_string(rep->relations.size()) +
            " relations)",
        false);
    return std::unique_ptr<Graph>(new Graph(std::move(rep)));
  }
  rep.reset();
  const bool corrupt = image.code() == StatusCode::kDataLoss;
  log("graph open: scanning the tables (" + image.ToString() + ")", corrupt);
  return Scan(store);
}

Status Graph::RefreshImage(Store &store, const ImageOptions &options) {
  const auto log = LogTo(options.log);
  const auto min_relations = static_cast<int64_t>(options.min_relations);
  ASSIGN_OR_RETURN(const std::optional<int64_t> image_generation, store.GraphImageGeneration());
  auto remove_image = [&]() -> Status {
    if (!image_generation) return Status::Ok();
    ASSIGN_OR_RETURN(const int64_t generation, store.Generation());
    log("graph image: removed (fewer than " + std::to_string(min_relations) + " relations)", false);
    return store.WriteGraphImage(generation, [](const auto &) { return Status::Ok(); });
  };
  // The largest key bounds the number of relations: no scan for small graphs.
  ASSIGN_OR_RETURN(const int64_t max_relation_key, store.MaxRelationKey());
  if (max_relation_key < min_relations) return remove_image();
  ASSIGN_OR_RETURN(const int64_t generation, store.Generation());
  if (image_generation == generation) {
    // Current, unless damaged: its checksums are checked (a second or so a
    // GB), so that a damaged image is rewritten here rather than warned
    // about and scanned around at every open.
    bool first = true;
    const Status intact = store.ReadGraphImage([&first](std::string_view part) {
      if (!std::exchange(first, false)) return Status::Ok();
      return CheckImageFormat(part);
    });
    if (intact.ok()) {
      log("graph image: current (generation " + std::to_string(generation) + ")", false);
      return Status::Ok();
    }
    log("graph image: rewriting it (" + intact.ToString() + ")", false);
  }
  ASSIGN_OR_RETURN(std::unique_ptr<Graph> graph, Scan(store));
  if (static_cast<int64_t>(graph->num_relations()) < min_relations) return remove_image();
  const Rep &rep = *graph->rep_;
  RETURN_IF_ERROR(store.WriteGraphImage(
      rep.generation, [&rep](const auto &put_part) { return rep.WriteImage(put_part); }));
  log("graph image: written for generation " + std::to_string(rep.generation) + " (" +
          std::to_string(rep.relations.size()) + " relations)",
      false);
  return Status::Ok();
}

bool Graph::loaded_from_image() const { return rep_->from_image; }

size_t Graph::num_vertices() const { return rep_->entities.size(); }
size_t Graph::num_relations() const { return rep_->relations.size(); }
const EntityRecord &Graph::entity(VertexId v) const { return rep_->entities[v]; }
VertexId Graph::subject(RelationIndex r) const { return rep_->relations.subjects[r]; }
VertexId Graph::object(RelationIndex r) const { return rep_->relations.objects[r]; }
RelationType Graph::relation_type(RelationIndex r) const {
  return static_cast<RelationType>(rep_->relations.types[r]);
}
double Graph::relation_strength(RelationIndex r) const { return rep_->relations.strengths[r]; }
Modality Graph::relation_modality(RelationIndex r) const {
  return static_cast<Modality>(rep_->relations.modalities[r]);
}
int64_t Graph::relation_key(RelationIndex r) const { return rep_->relations.keys[r]; }

const RelationRecord &Graph::relation(RelationIndex r) const {
  std::atomic_ref<RelationRecord *> slot(rep_->records[r]);
  if (RelationRecord *record = slot.load(std::memory_order_acquire)) return *record;
  const RelationColumns &columns = rep_->relations;
  auto record = std::make_unique<RelationRecord>();
  record->key = columns.keys[r];
  record->subject_id = rep_->entities[columns.subjects[r]].id;
  record->type = static_cast<RelationType>(columns.types[r]);
  record->object_id = rep_->entities[columns.objects[r]].id;
  record->modality = static_cast<Modality>(columns.modalities[r]);
  record->strength = columns.strengths[r];
  record->evidence_count = columns.evidence_counts[r];
  record->first_seen = columns.dates[columns.first_seen[r]];
  record->last_seen = columns.dates[columns.last_seen[r]];
  if (auto it = columns.attributes.find(r); it != columns.attributes.end()) {
    // Unreadable attributes (a hand-edited store) read as none.
    Result<std::map<std::string, std::string>> attributes = internal::DecodeStringMap(it->second);
    if (attributes.ok()) record->attributes = std::move(attributes).value();
  }
  RelationRecord *expected = nullptr;
  if (slot.compare_exchange_strong(expected, record.get(), std::memory_order_acq_rel)) {
    return *record.release();
  }
  return *expected;  // another thread built it first
}

std::optional<VertexId> Graph::FindById(std::string_view id) const { return rep_->FindVertex(id); }

std::vector<VertexId> Graph::Lookup(std::string_view name) const {
  const std::span<const VertexId> found = LookupView(name);
  return std::vector<VertexId>(found.begin(), found.end());
}

std::span<const VertexId> Graph::LookupView(std::string_view name) const {
  thread_local std::string key;  // NormalizeName(name), reusing its capacity
  key.assign(TrimWhitespace(name));
  for (char &c : key) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  if (key.empty()) return {};
  const std::vector<uint64_t> &hashes = rep_->name_hashes;
  const auto [first, last] =
      std::equal_range(hashes.begin(), hashes.end(), NameHash(key, rep_->name_seed));
  if (first == last) return {};
  const auto begin = static_cast<size_t>(first - hashes.begin());
  if (!HasNameKey(rep_->entities[rep_->name_vertices[begin]], key)) return {};
  return std::span<const VertexId>(rep_->name_vertices.data() + begin,
                                   static_cast<size_t>(last - first));
}

std::vector<VertexId> Graph::Suggest(std::string_view name, size_t limit) const {
  const std::string query = NormalizeName(name);
  if (query.empty() || limit == 0) return {};
  // Tiers: 0 exact, 1 prefix, 2 contains, 3 within edit distance; then the
  // distance, then mention count, then id. Beyond the cap nothing is "close".
  const size_t cap = std::max<size_t>(2, query.size() / 3);
  struct Candidate {
    int tier;
    size_t distance;
    VertexId vertex;
  };
  std::vector<Candidate> candidates;
  const std::vector<EntityRecord> &entities = rep_->entities;
  for (VertexId v = 0; v < entities.size(); ++v) {
    const EntityRecord &entity = entities[v];
    std::optional<Candidate> best;
    auto consider = [&](std::string_view raw) {
      const std::string text = NormalizeName(raw);
      if (text.empty()) return;
      Candidate candidate{4, 0, v};
      const size_t gap = text.size() - std::min(text.size(), query.size());
      if (text == query) {
        candidate = {0, 0, v};
      } else if (text.rfind(query, 0) == 0) {
        candidate = {1, gap, v};
      } else if (text.find(query) != std::string::npos) {
        candidate = {2, gap, v};
      } else {
        const size_t distance = EditDistance(query, text, cap);
        if (distance > cap) return;
        candidate = {3, distance, v};
      }
      if (!best ||
          std::tie(candidate.tier, candidate.distance) < std::tie(best->tier, best->distance)) {
        best = candidate;
      }
    };
    consider(entity.name);
    for (const std::string &alias : entity.aliases) consider(alias);
    if (best) candidates.push_back(*best);
  }
  std::sort(candidates.begin(), candidates.end(), [&](const Candidate &a, const Candidate &b) {
    if (a.tier != b.tier) return a.tier < b.tier;
    if (a.distance != b.distance) return a.distance < b.distance;
    if (entities[a.vertex].mention_count != entities[b.vertex].mention_count) {
      return entities[a.vertex].mention_count > entities[b.vertex].mention_count;
    }
    return entities[a.vertex].id < entities[b.vertex].id;
  });
  std::vector<VertexId> result;
  for (size_t i = 0; i < candidates.size() && i < limit; ++i) {
    result.push_back(candidates[i].vertex);
  }
  return result;
}

HopRange Graph::Adjacent(VertexId v) const {
  if (v >= rep_->entities.size()) return {};
  const auto degree = boost::out_degree(v, rep_->csr);
  if (degree == 0) return {};
  const uint32_t first = rep_->csr.m_forward.m_rowstart[v];
  return HopRange(&rep_->hop_source, v, rep_->hop_source.entries + first, degree);
}

bool Graph::IsWithin(VertexId v, VertexId container) const {
  if (v == container) return true;
  if (v >= rep_->entities.size()) return false;
  const auto begin = rep_->parent_vertices.begin() + rep_->parent_offsets[v];
  const auto end = rep_->parent_vertices.begin() + rep_->parent_offsets[v + 1];
  return std::binary_search(begin, end, container);
}

size_t Graph::IndexBytes() const {
  const Csr &csr = rep_->csr;
  return (boost::num_vertices(csr) + 1) * sizeof(uint32_t) +
         boost::num_edges(csr) * sizeof(uint32_t);
}

size_t Graph::RelationColumnBytes() const {
  const RelationColumns &c = rep_->relations;
  size_t bytes = c.size() * (sizeof(int64_t) + 2 * sizeof(VertexId) + 2 * sizeof(uint8_t) +
                             sizeof(double) + 3 * sizeof(uint32_t) + sizeof(RelationRecord *));
  for (const std::string &date : c.dates) bytes += sizeof(std::string) + date.capacity();
  for (const auto &[index, json] : c.attributes) bytes += 48 + json.capacity();
  return bytes;
}

}  // namespace corpgraph::graph
