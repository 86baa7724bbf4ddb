// graph/store.h — the durable SQLite store, corpgraph's source of truth.
//
// Holds documents, entities (with aliases and the place/theme taxonomy),
// mentions, relations (one row per subject, type, object, modality) and their
// evidence. WAL journal, foreign keys on, a schema version in `metadata`.
//
//   ASSIGN_OR_RETURN(auto store, Store::Open("graph.db", OpenMode::kReadWrite));
//   RETURN_IF_ERROR(store->BeginBatch());
//   RETURN_IF_ERROR(store->PutDocument(doc, extraction));
//   RETURN_IF_ERROR(store->CommitBatch());
//   ASSIGN_OR_RETURN(StoreStats stats, store->Stats());
//
// A Store is not thread-safe: use it from one thread (the build's writer).
// Several processes may open the same file; SQLite's locking serialises writers.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/records.h"
#include "common/status.h"

namespace corpgraph::graph {

inline constexpr int kSchemaVersion = 8;

enum class OpenMode {
  kReadOnly,   // the file must exist; writes fail
  kReadWrite,  // creates the file and schema if missing
};

// Tuning for Store::Open (added to the original API; the two-argument Open uses
// the defaults).
struct StoreOptions {
  // How long a write waits for another process's transaction before failing
  // with FailedPrecondition "database is locked by another corpgraph process".
  int busy_timeout_ms = 5000;
};

struct StoreStats {
  int64_t documents = 0;
  int64_t entities = 0;        // entities mentioned in documents or taking part in a relation
  int64_t taxonomy_nodes = 0;  // places and themes known from the lexicon only
  int64_t relations = 0;
  int64_t evidence = 0;
  int64_t mentions = 0;
  std::map<std::string, int64_t> entities_by_type;   // "organization" -> n (same rule as entities)
  std::map<std::string, int64_t> relations_by_type;  // "partner_of" -> n
  std::map<std::string, int64_t> relations_by_modality;  // "asserted" -> n, "planned" -> n
};

// An entity as stored, merged over every document that mentions it.
struct EntityRecord {
  int64_t key = 0;  // SQLite rowid, stable for the life of the file
  std::string id;   // "org:alibaba"
  std::string name;
  EntityType type = EntityType::kOrganization;
  std::string subtype;
  std::vector<std::string> aliases;
  std::map<std::string, std::string> attributes;
  std::vector<std::string> parents;  // transitive containing places / broader themes (ids)
  int64_t mention_count = 0;         // 0 for taxonomy-only nodes
};

// A relation aggregated over its evidence.
struct RelationRecord {
  int64_t key = 0;
  std::string subject_id;  // for symmetric types, subject_id < object_id
  RelationType type = RelationType::kPartnerOf;
  std::string object_id;
  Modality modality = Modality::kAsserted;
  std::map<std::string, std::string> attributes;  // merged over evidence (last writer wins)
  double strength = 0.0;  // noisy-or of evidence confidences: 1 - prod(1 - c)
  int64_t evidence_count = 0;
  std::string first_seen;  // earliest / latest document date among evidence ("" if none)
  std::string last_seen;
};

// One relation as ForEachRelation hands it out: integer keys instead of ids,
// views valid only during the callback. For loading large graphs quickly.
struct RelationRow {
  int64_t key = 0;
  int64_t subject_key = 0;  // EntityRecord::key
  int64_t object_key = 0;
  RelationType type = RelationType::kPartnerOf;
  Modality modality = Modality::kAsserted;
  double strength = 0.0;
  int64_t evidence_count = 0;
  std::string_view first_seen;
  std::string_view last_seen;
  std::string_view attributes;  // JSON object as stored; empty when there are none
};

// Up to kCapacity relations as ReadRelationBlocks hands them out, in key
// order, column by column: a bulk reader fills its own arrays from these with
// one call per block instead of one per row. Days are the day numbers the
// store keeps (YYYYMMDD; FormatDayNumber gives the text RelationRecord holds;
// an ISO day stored as text comes as its number too) or kTextDay for any
// other day, whose text (stored text, "" when NULL) is then in `text_days`.
struct RelationBlock {
  static constexpr size_t kCapacity = 1024;
  static constexpr int64_t kTextDay = INT64_MIN;
  size_t size = 0;  // rows filled, [0, size) of each array
  std::array<int64_t, kCapacity> keys;
  std::array<int64_t, kCapacity> subject_keys;  // EntityRecord::key
  std::array<int64_t, kCapacity> object_keys;
  std::array<uint8_t, kCapacity> types;       // RelationType
  std::array<uint8_t, kCapacity> modalities;  // Modality
  std::array<double, kCapacity> strengths;
  std::array<int64_t, kCapacity> evidence_counts;
  std::array<int64_t, kCapacity> first_seen;
  std::array<int64_t, kCapacity> last_seen;
  // (row * 2 + 0 for first_seen, 1 for last_seen; the text) for each day
  // that is kTextDay, in row order.
  std::vector<std::pair<uint32_t, std::string>> text_days;
  // (row, JSON object as stored) for each relation that has attributes.
  std::vector<std::pair<uint32_t, std::string>> attributes;
};

// "YYYY-MM-DD" of a day number YYYYMMDD as the store keeps relation days.
std::string FormatDayNumber(int64_t number);

struct EvidenceRecord {
  int64_t key = 0;
  int64_t relation_key = 0;
  Evidence evidence;  // doc_id, sentence, spans, rule, confidence, kind, date
  std::string doc_title;
  std::string doc_source;
};

struct DocumentRecord {
  std::string id;
  std::string source;
  std::string title;
  std::string date;
  std::string sha256;
};

namespace internal {
class TextCodec;
}  // namespace internal

class SentencePacker;

// One extraction's evidence sentences in the form a store keeps them, made off
// the writer's thread (a build packs them on its extraction workers) and given
// to Store::PutDocument, which uses them only if `packer` packs with the
// dictionary the store is writing with; otherwise it packs the sentences itself.
struct PackedSentences {
  std::shared_ptr<const SentencePacker> packer;  // nullptr: nothing packed
  // The stored form of facts[i].evidence.sentence: the BLOB's bytes, or empty
  // when the sentence is stored as text (packing would not make it smaller).
  std::vector<std::string> by_fact;
};

// Compresses evidence sentences exactly as the store that made it
// (Store::sentence_packer) does while its text dictionary is unchanged.
// Immutable; thread-safe.
class SentencePacker : public std::enable_shared_from_this<SentencePacker> {
 public:
  explicit SentencePacker(std::shared_ptr<const internal::TextCodec> codec);
  ~SentencePacker();
  // The stored form of every fact's sentence (PackedSentences::by_fact).
  PackedSentences Pack(const Extraction& extraction) const;
  const internal::TextCodec* codec() const { return codec_.get(); }

 private:
  std::shared_ptr<const internal::TextCodec> codec_;
};

class Store {
 public:
  // Opens (and for kReadWrite creates or migrates) the database at `path`.
  // Errors: NotFound (kReadOnly and no file), FailedPrecondition (newer schema,
  // locked), DataLoss (not a corpgraph database or corrupt), IOError.
  // ":memory:" opens a private in-memory database (tests).
  static Result<std::unique_ptr<Store>> Open(const std::string& path, OpenMode mode);
  static Result<std::unique_ptr<Store>> Open(const std::string& path, OpenMode mode,
                                             const StoreOptions& options);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  const std::string& path() const;

  // The stored content hash of document `doc_id`, or nullopt if it is not stored.
  Result<std::optional<std::string>> DocumentHash(std::string_view doc_id);

  // Stores `doc` and what was extracted from it. If a document with the same id
  // exists, its mentions and evidence are replaced. Entities and relations are
  // merged by id; relation strengths are recomputed. Outside a batch, runs in
  // its own transaction.
  //
  // Merge rules (order-independent, so any document order gives the same
  // LoadEntities/LoadRelations apart from keys): taxonomy values win over
  // extracted ones; otherwise the name is the candidate whose slug equals the
  // id's suffix, then the shortest, then the bytewise smallest, and every other
  // name becomes an alias; subtype and conflicting attributes keep the smaller
  // value; aliases and parents are unions. Symmetric relations are stored with
  // subject id < object id. Relation attributes are merged over evidence in
  // date order (latest wins). Extracted entities left with no mention and no
  // relation after a replacement are deleted; taxonomy nodes never are.
  //
  // Inside a batch, aggregates (strength, evidence_count, dates, attributes)
  // and the full-text index are brought up to date at CommitBatch; reads in
  // between see the state before the batch's recomputation.
  // Errors: InvalidArgument (empty document id, an entity or a fact argument
  // with an empty id): checked before anything is written, so nothing of the
  // document is stored and an open batch goes on. FailedPrecondition
  // (read-only, locked by another process), IOError (disk full), DataLoss
  // (corrupt file), Internal: the document may be half written, so an open
  // batch is rolled back whole and closed (CommitBatch then fails with
  // FailedPrecondition; RollbackBatch is not needed).
  // `packed` (may be null): the sentences as packed by sentence_packer() on
  // another thread; what is stored is the same with or without them.
  Status PutDocument(const Document& doc, const Extraction& extraction,
                     const PackedSentences* packed = nullptr);

  // What packs sentences as this store does now, for PackedSentences made on
  // other threads; nullptr while the store has no text dictionary (its first
  // 256 KiB of sentences are stored as text). Changes only when the dictionary
  // is made (at the commit that stores enough sentences). Not thread-safe (a
  // Store call); the packer it returns is.
  std::shared_ptr<const SentencePacker> sentence_packer();

  // Upserts taxonomy nodes (places, themes, exchanges, lexicon companies): id,
  // name, type, subtype, aliases, attributes, parents. They carry no mentions.
  Status PutTaxonomy(const std::vector<Entity>& nodes);

  // Groups the following writes in one transaction (BEGIN IMMEDIATE: takes the
  // write lock now, waiting up to StoreOptions::busy_timeout_ms). Nesting is a
  // FailedPrecondition error, and so is another process holding the lock.
  // Destroying a Store with an open batch rolls it back.
  Status BeginBatch();
  Status CommitBatch();
  Status RollbackBatch();
  // Merges the full-text index into one segment, rewrites the file without free space
  // and with its b-trees packed (VACUUM), then truncates the write-ahead log. Needs as much free
  // disk again as the file takes; on an error (e.g. a full disk) the stored data is unchanged. Not
  // inside a batch.
  // Also switches full-text merges back on if DeferIndexMerges switched them off.
  Status Compact();
  // For a store being filled from empty and compacted at the end (`build` and
  // `merge` into a new file): the full-text index's segments (one per commit) are
  // not merged as they accumulate (FTS5 automerge 0, crisismerge at its
  // largest) but once, by Compact; automerge's work would be done again by it.
  // Stored in the file with the values to put back (metadata
  // `fts_merges_deferred`, in the same transaction), so that a run that dies
  // first (kill -9, a crash, an error) leaves a correct file whose next
  // read-write Open switches merging back on. Answers never depend on it.
  // Compact and ResumeIndexMerges put the values back; ResumeIndexMerges is a
  // no-op when nothing is deferred. Not inside a batch (FailedPrecondition).
  Status DeferIndexMerges();
  Status ResumeIndexMerges();

  Result<StoreStats> Stats();
  Result<std::vector<DocumentRecord>> Documents();
  Result<std::vector<EntityRecord>> LoadEntities();  // every entity and taxonomy node
  Result<std::vector<RelationRecord>> LoadRelations();
  // Calls `visit` for every relation, in no particular order, stopping at the
  // first non-OK status it returns (which is then returned). One read
  // transaction; no ids are looked up, so this is much faster than
  // LoadRelations on large stores. DataLoss for an unknown type or modality.
  Status ForEachRelation(const std::function<Status(const RelationRow&)>& visit);
  // Calls `visit` with the relations whose key is in [first_key, last_key], in
  // key order, up to RelationBlock::kCapacity at a time (the block is reused
  // between calls), stopping at the first non-OK status it returns (which is
  // then returned). Reads like ForEachRelation (which is built on it) and in
  // the same transaction rules; DataLoss for an unknown type or modality.
  // Several connections may read disjoint key ranges of one snapshot at once
  // (ReadInParallel).
  Status ReadRelationBlocks(int64_t first_key, int64_t last_key,
                            const std::function<Status(const RelationBlock&)>& visit);
  // Runs `first` with this store on the calling thread and, at the same time,
  // `second` with a second read-only connection to the same file on another
  // thread, both reading one and the same snapshot of the database (the
  // reads inside start no transaction of their own), so that a graph's
  // entities and relations can be read on two cores and still agree. Each
  // function must use only the Store it is given. Falls back to running
  // `first` then `second` with this store in one read transaction when a
  // shared snapshot is not to be had cheaply: an in-memory database, an open
  // batch, a second connection that cannot be opened, or (in WAL mode, where
  // a third connection holds the write lock for the moment the two begin) a
  // writer that does not finish within 50 ms. Returns `first`'s status if it
  // failed, else `second`'s; an exception from either becomes Internal.
  Status ReadInParallel(const std::function<Status(Store&)>& first,
                        const std::function<Status(Store&)>& second);
  // The largest relation key, 0 when there are none: an upper bound of the
  // number of relations while none was deleted (for reserving memory).
  Result<int64_t> MaxRelationKey();
  // The number of relations (walks the table's b-tree: slower than
  // MaxRelationKey, for when its key is far beyond the count).
  Result<int64_t> CountRelations();
  // Evidence of one relation, best first (confidence, then date, then key).
  Result<std::vector<EvidenceRecord>> EvidenceFor(int64_t relation_key, int limit);
  // Full-text search (FTS5 syntax) over evidence sentences, best first (bm25).
  // A malformed query is InvalidArgument with SQLite's message. `limit` <= 0
  // means no limit (also for EvidenceFor).
  Result<std::vector<EvidenceRecord>> SearchEvidence(std::string_view fts_query, int limit);

  // The graph generation (metadata `generation`): a number that changes with
  // every commit that may change what Graph::Load reads. This Store adds one
  // per commit that stored documents or changed taxonomy nodes; triggers add one per
  // row another program inserts, updates or deletes in entities, aliases,
  // relations or vocabulary. DataLoss if missing or not a number.
  Result<int64_t> Generation();

  // The graph image (Graph::RefreshImage / Graph::Load): an opaque byte
  // stream stored in parts of at most kGraphImagePartBytes, each with a
  // checksum, labelled with the generation it was built from.
  static constexpr size_t kGraphImagePartBytes = size_t{8} << 20;
  // Replaces the image, in one write transaction: `produce` is called once
  // and calls `put_part` with each part in order (copied; at most
  // kGraphImagePartBytes each); producing no part just removes the image.
  // FailedPrecondition (nothing written) if the generation is no longer
  // `generation` (the store changed since the graph was read), as for a
  // read-only store or an open batch; `produce`'s or SQLite's error otherwise.
  Status WriteGraphImage(
      int64_t generation,
      const std::function<Status(const std::function<Status(std::string_view)>& put_part)>&
          produce);
  // Calls `visit` with each part of the image in order, each after its
  // checksum was verified, in one read transaction with the generation check.
  // NotFound: there is no image. FailedPrecondition: the image is of another
  // generation (stale), or this Store has a batch open. DataLoss: a part is missing or fails its
  // checksum (the parts before it were visited). Else the first non-OK of `visit`.
  Status ReadGraphImage(const std::function<Status(std::string_view part)>& visit);
  // The generation the stored image was built from; nullopt when there is none.
  Result<std::optional<int64_t>> GraphImageGeneration();

  // Free-form key/value metadata (build settings, corpus roots). The store's own
  // keys (`schema_version`, `next_evidence_key`, `generation`) can be read but
  // SetMetadata refuses them (InvalidArgument).
  Result<std::optional<std::string>> GetMetadata(std::string_view key);
  Status SetMetadata(std::string_view key, std::string_view value);

 private:
  struct Rep;
  explicit Store(std::unique_ptr<Rep> rep);
  std::unique_ptr<Rep> rep_;
};

}  // namespace corpgraph::graph
