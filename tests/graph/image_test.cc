// The graph image (schema v5): Graph::RefreshImage writes the index into the
// store, Graph::Load opens from it when it is current and intact, and answers
// exactly as a scan of the tables does; a write by our Store or by any other
// SQLite connection makes it stale, a damaged part makes Load scan instead.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "graph/graph.h"
#include "graph/store.h"
#include "tests/graph/random_facts.h"
#include "tests/graph/sql_util.h"

namespace corpgraph::graph {
namespace {

using testing::FillStoreWithRandomFacts;
using testing::RawSql;
using testing::TempDbPath;

// A file store of random facts plus taxonomy nodes with parents, aliases and
// tickers (what the entity-side indexes are built from).
std::unique_ptr<Store> FilledStore(const std::string& path) {
  Result<std::unique_ptr<Store>> store = Store::Open(path, OpenMode::kReadWrite);
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  if (!store.ok()) return nullptr;
  Entity asia{.id = "place:142", .name = "Asia", .type = EntityType::kPlace};
  Entity china{.id = "place:CN", .name = "China", .type = EntityType::kPlace};
  china.parents = {"place:142"};
  china.aliases = {"PRC", "Mainland China"};
  Entity exchange{.id = "org:e3", .name = "E3", .type = EntityType::kOrganization};
  exchange.attributes = {{"tickers", "NYSE:EEE, HKEX:0003"}};
  EXPECT_TRUE((*store)->PutTaxonomy({asia, china, exchange}).ok());
  FillStoreWithRandomFacts(**store);
  return std::move(store).value();
}

// Every image; the log collected into `log`.
ImageOptions AlwaysImage(std::string& log) {
  ImageOptions options;
  options.min_relations = 0;
  options.log = [&log](std::string_view message) { log += std::string(message) + "\n"; };
  return options;
}

// Load with the log collected into `log`.
std::unique_ptr<Graph> LoadLogged(Store& store, std::string& log, bool use_image = true) {
  LoadOptions options;
  options.use_image = use_image;
  options.log = [&log](std::string_view message) { log += std::string(message) + "\n"; };
  Result<std::unique_ptr<Graph>> graph = Graph::Load(store, options);
  EXPECT_TRUE(graph.ok()) << graph.status().ToString();
  return graph.ok() ? std::move(graph).value() : nullptr;
}

// Every answer of `got` equals `want`'s: records, adjacency, lookups,
// suggestions, containment, index size.
void ExpectSameGraph(const Graph& got, const Graph& want) {
  ASSERT_EQ(got.num_vertices(), want.num_vertices());
  ASSERT_EQ(got.num_relations(), want.num_relations());
  for (RelationIndex r = 0; r < got.num_relations(); ++r) {
    testing::ExpectSameRelationRecord(got.relation(r), want.relation(r), r);
    EXPECT_EQ(got.relation_key(r), want.relation_key(r)) << r;
    EXPECT_EQ(got.subject(r), want.subject(r)) << r;
    EXPECT_EQ(got.object(r), want.object(r)) << r;
  }
  for (VertexId v = 0; v < got.num_vertices(); ++v) {
    const EntityRecord& a = got.entity(v);
    const EntityRecord& b = want.entity(v);
    EXPECT_EQ(a.key, b.key) << v;
    EXPECT_EQ(a.id, b.id) << v;
    EXPECT_EQ(a.name, b.name) << v;
    EXPECT_EQ(a.type, b.type) << v;
    EXPECT_EQ(a.subtype, b.subtype) << v;
    EXPECT_EQ(a.aliases, b.aliases) << v;
    EXPECT_EQ(a.attributes, b.attributes) << v;
    EXPECT_EQ(a.parents, b.parents) << v;
    EXPECT_EQ(a.mention_count, b.mention_count) << v;
    const HopRange got_hops = got.Adjacent(v);
    const HopRange want_hops = want.Adjacent(v);
    ASSERT_EQ(got_hops.size(), want_hops.size()) << v;
    for (size_t i = 0; i < got_hops.size(); ++i) {
      EXPECT_EQ(got_hops[i].neighbor, want_hops[i].neighbor) << v << " " << i;
      EXPECT_EQ(got_hops[i].relation, want_hops[i].relation) << v << " " << i;
      EXPECT_EQ(got_hops[i].outgoing, want_hops[i].outgoing) << v << " " << i;
    }
    EXPECT_EQ(got.FindById(a.id), std::optional<VertexId>(v)) << v;
    std::vector<std::string> names = {a.id, a.name, " " + a.name + " ", a.name + "x"};
    names.insert(names.end(), a.aliases.begin(), a.aliases.end());
    for (const std::string& name : names) {
      EXPECT_EQ(got.Lookup(name), want.Lookup(name)) << name;
    }
    EXPECT_EQ(got.Suggest(a.name.substr(0, 2), 5), want.Suggest(a.name.substr(0, 2), 5)) << v;
    for (VertexId u = 0; u < got.num_vertices(); ++u) {
      EXPECT_EQ(got.IsWithin(v, u), want.IsWithin(v, u)) << v << " " << u;
    }
  }
  for (const char* name : {"baba", "eee", "0003", "hkex:0003", "prc", "no such name"}) {
    EXPECT_EQ(got.Lookup(name), want.Lookup(name)) << name;
  }
  EXPECT_EQ(got.IndexBytes(), want.IndexBytes());
}

// Replaces the store's image with `image`, in one part.
void WriteImage(Store& store, int64_t generation, const std::string& image) {
  ASSERT_TRUE(
      store.WriteGraphImage(generation, [&](const auto& put_part) { return put_part(image); })
          .ok());
}

// The image, its parts joined.
std::string ReadImage(Store& store) {
  std::string image;
  EXPECT_TRUE(store
                  .ReadGraphImage([&image](std::string_view part) {
                    image.append(part);
                    return Status::Ok();
                  })
                  .ok());
  return image;
}

// An image header of this format: the magic, the ten sizes, then sixteen
// column codings (internal/column_codec.h, 16 bytes each) of mode plain, base
// 0 and `width`.
std::string ForgedHeader(const std::vector<uint64_t>& sizes, uint8_t width) {
  std::string header = "cgimage2";
  for (uint64_t field : sizes) header.append(reinterpret_cast<const char*>(&field), sizeof(field));
  for (int column = 0; column < 16; ++column) {
    std::string coding(16, '\0');
    coding[1] = static_cast<char>(width);
    header += coding;
  }
  return header;
}

TEST(GraphImage, RoundTripGivesTheScansAnswers) {
  const std::string path = TempDbPath();
  std::unique_ptr<Store> store = FilledStore(path);
  ASSERT_NE(store, nullptr);
  std::string log;
  ASSERT_TRUE(Graph::RefreshImage(*store, AlwaysImage(log)).ok());
  EXPECT_NE(log.find("graph image: written"), std::string::npos) << log;
  Result<std::optional<int64_t>> image_generation = store->GraphImageGeneration();
  ASSERT_TRUE(image_generation.ok() && image_generation->has_value());
  EXPECT_EQ(**image_generation, *store->Generation());

  log.clear();
  std::unique_ptr<Graph> scanned = LoadLogged(*store, log, /*use_image=*/false);
  std::unique_ptr<Graph> imaged = LoadLogged(*store, log);
  ASSERT_NE(scanned, nullptr);
  ASSERT_NE(imaged, nullptr);
  EXPECT_FALSE(scanned->loaded_from_image());
  EXPECT_TRUE(imaged->loaded_from_image()) << log;
  EXPECT_NE(log.find("graph open: from the graph image"), std::string::npos) << log;
  ASSERT_GT(imaged->num_relations(), 100u);
  ExpectSameGraph(*imaged, *scanned);

  // A current image is left as it is; a read-only store opens from it too.
  log.clear();
  ASSERT_TRUE(Graph::RefreshImage(*store, AlwaysImage(log)).ok());
  EXPECT_NE(log.find("graph image: current"), std::string::npos) << log;
  store.reset();
  Result<std::unique_ptr<Store>> reader = Store::Open(path, OpenMode::kReadOnly);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  std::unique_ptr<Graph> read_only = LoadLogged(**reader, log);
  ASSERT_NE(read_only, nullptr);
  EXPECT_TRUE(read_only->loaded_from_image());
  ExpectSameGraph(*read_only, *scanned);
}

TEST(GraphImage, SmallGraphsGetNoImage) {
  std::unique_ptr<Store> store = FilledStore(TempDbPath());
  ASSERT_NE(store, nullptr);
  std::string log;
  ASSERT_TRUE(Graph::RefreshImage(*store, AlwaysImage(log)).ok());
  ASSERT_TRUE(store->GraphImageGeneration()->has_value());
  // Below the threshold (the default's 2M here) an image is not written,
  // and one that is there is removed.
  ASSERT_TRUE(Graph::RefreshImage(*store).ok());
  EXPECT_FALSE(store->GraphImageGeneration()->has_value());
  log.clear();
  std::unique_ptr<Graph> graph = LoadLogged(*store, log);
  ASSERT_NE(graph, nullptr);
  EXPECT_FALSE(graph->loaded_from_image());
  EXPECT_NE(log.find("has no graph image"), std::string::npos) << log;
}

// Our Store bumps the generation once per commit, however many rows it wrote
// (its connections do not run the per-row triggers).
TEST(GraphImage, OurCommitsBumpTheGenerationOnce) {
  Result<std::unique_ptr<Store>> store = Store::Open(TempDbPath(), OpenMode::kReadWrite);
  ASSERT_TRUE(store.ok());
  Result<int64_t> before = (*store)->Generation();
  ASSERT_TRUE(before.ok()) << before.status().ToString();
  FillStoreWithRandomFacts(**store);  // 60 documents, each its own commit
  EXPECT_EQ(*(*store)->Generation(), *before + 60);
  ASSERT_TRUE((*store)->BeginBatch().ok());
  Extraction extraction;
  Fact fact;
  fact.subject = EntityRef{"org:x", "X", EntityType::kOrganization};
  fact.object = EntityRef{"org:y", "Y", EntityType::kOrganization};
  fact.confidence = 0.5;
  fact.evidence.sentence = "X supplies Y.";
  extraction.facts.push_back(fact);
  for (const char* id : {"b1", "b2", "b3"}) {
    Document doc;
    doc.id = id;
    ASSERT_TRUE((*store)->PutDocument(doc, extraction).ok());
  }
  ASSERT_TRUE((*store)->CommitBatch().ok());
  EXPECT_EQ(*(*store)->Generation(), *before + 61);
  // Metadata is not part of the graph; nor is the generation settable.
  ASSERT_TRUE((*store)->SetMetadata("corpus_root", "/news").ok());
  EXPECT_EQ(*(*store)->Generation(), *before + 61);
  EXPECT_EQ((*store)->SetMetadata("generation", "1").code(), StatusCode::kInvalidArgument);
}

TEST(GraphImage, OurWriteMakesTheImageStale) {
  std::unique_ptr<Store> store = FilledStore(TempDbPath());
  ASSERT_NE(store, nullptr);
  std::string log;
  ASSERT_TRUE(Graph::RefreshImage(*store, AlwaysImage(log)).ok());
  Extraction extraction;
  Entity entity{.id = "org:newco", .name = "Newco", .type = EntityType::kOrganization};
  entity.mentions.push_back(Mention{Span{0, 5}, "Newco"});
  extraction.entities.push_back(entity);
  Document doc;
  doc.id = "late";
  ASSERT_TRUE(store->PutDocument(doc, extraction).ok());
  log.clear();
  std::unique_ptr<Graph> graph = LoadLogged(*store, log);
  ASSERT_NE(graph, nullptr);
  EXPECT_FALSE(graph->loaded_from_image());
  EXPECT_NE(log.find("the graph image is of generation"), std::string::npos) << log;
  EXPECT_EQ(graph->Lookup("newco").size(), 1u);
}

// Another program's writes (a plain sqlite3 connection: no function or
// setting of ours) succeed and make the image stale, whichever graph table
// they touch.
TEST(GraphImage, ForeignWritesMakeTheImageStale) {
  const std::string path = TempDbPath();
  struct Case {
    const char* sql;
    const char* name_after;  // a Lookup that the scan answers and the old image would not
  };
  const Case kCases[] = {
      {"UPDATE entities SET name = 'Renamed One' WHERE id = 'org:e1'", "renamed one"},
      {"INSERT INTO aliases(entity_key, alias) SELECT key, 'Second Name' FROM entities "
       "WHERE id = 'org:e2'",
       "second name"},
      {"INSERT INTO entities(id, name, type) VALUES ('org:hand', 'Handmade', 'organization')",
       "handmade"},
      {"DELETE FROM relations WHERE key = (SELECT min(key) FROM relations)", nullptr},
      {"UPDATE relations SET strength = 1 WHERE key = (SELECT max(key) FROM relations)", nullptr},
      {"UPDATE vocabulary SET name = name WHERE domain = 'relation_type'", nullptr},
      {"DELETE FROM aliases WHERE alias = 'PRC'", nullptr},
  };
  std::unique_ptr<Store> store = FilledStore(path);
  ASSERT_NE(store, nullptr);
  for (const Case& c : kCases) {
    std::string log;
    ASSERT_TRUE(Graph::RefreshImage(*store, AlwaysImage(log)).ok()) << c.sql;
    ASSERT_TRUE(LoadLogged(*store, log)->loaded_from_image()) << c.sql << "\n" << log;
    const int64_t before = *store->Generation();
    RawSql(path, c.sql);  // fails the test if the write fails
    EXPECT_GT(*store->Generation(), before) << c.sql;
    log.clear();
    std::unique_ptr<Graph> graph = LoadLogged(*store, log);
    ASSERT_NE(graph, nullptr) << c.sql;
    EXPECT_FALSE(graph->loaded_from_image()) << c.sql << "\n" << log;
    std::unique_ptr<Graph> scanned = LoadLogged(*store, log, /*use_image=*/false);
    ExpectSameGraph(*graph, *scanned);
    if (c.name_after != nullptr) {
      EXPECT_EQ(graph->Lookup(c.name_after).size(), 1u) << c.sql;
    }
  }
}

TEST(GraphImage, CorruptPartFallsBackToTheScanWithAMessage) {
  const std::string path = TempDbPath();
  std::unique_ptr<Store> store = FilledStore(path);
  ASSERT_NE(store, nullptr);
  std::string log;
  ASSERT_TRUE(Graph::RefreshImage(*store, AlwaysImage(log)).ok());
  // One byte of the part changed, its checksum not: a damaged page.
  RawSql(path,
         "UPDATE graph_image SET data = substr(data, 1, 200) || CASE WHEN substr(data, 201, 1) = "
         "x'00' THEN x'01' ELSE x'00' END || substr(data, 202) WHERE part = 0");
  log.clear();
  std::unique_ptr<Graph> graph = LoadLogged(*store, log);
  ASSERT_NE(graph, nullptr);
  EXPECT_FALSE(graph->loaded_from_image());
  EXPECT_NE(log.find("graph image part 0 fails its checksum"), std::string::npos) << log;
  EXPECT_NE(log.find("scanning the tables"), std::string::npos) << log;
  std::unique_ptr<Graph> scanned = LoadLogged(*store, log, /*use_image=*/false);
  ExpectSameGraph(*graph, *scanned);
  // The generation did not move, but the next refresh finds the damage and
  // rewrites the image.
  log.clear();
  ASSERT_TRUE(Graph::RefreshImage(*store, AlwaysImage(log)).ok());
  EXPECT_NE(log.find("graph image: rewriting it"), std::string::npos) << log;
  std::unique_ptr<Graph> repaired = LoadLogged(*store, log);
  ASSERT_NE(repaired, nullptr);
  EXPECT_TRUE(repaired->loaded_from_image()) << log;
  ExpectSameGraph(*repaired, *scanned);
}

// An image whose checksums hold but whose content does not (a forged or
// mis-written part) is refused by the reader's own checks, not trusted.
TEST(GraphImage, ImplausibleImageIsRefused) {
  const std::string path = TempDbPath();
  std::unique_ptr<Store> store = FilledStore(path);
  ASSERT_NE(store, nullptr);
  std::string log;
  const int64_t generation = *store->Generation();
  WriteImage(*store, generation, std::string(4096, 'x'));
  std::unique_ptr<Graph> graph = LoadLogged(*store, log);
  ASSERT_NE(graph, nullptr);
  EXPECT_FALSE(graph->loaded_from_image());
  EXPECT_NE(log.find("graph image: unknown format"), std::string::npos) << log;
  // The right magic, then sizes no image of this blob could have: 2^40
  // entities in an entity blob of 64 bytes; every column stored raw.
  const std::string header =
      ForgedHeader({uint64_t{64}, uint64_t{8}, uint64_t{1} << 40, uint64_t{0}, uint64_t{1},
                    uint64_t{0}, uint64_t{0}, uint64_t{0}, uint64_t{0}, uint64_t{0}},
                   /*width=*/8);
  WriteImage(*store, generation, header + std::string(72, '\0'));
  log.clear();
  graph = LoadLogged(*store, log);
  ASSERT_NE(graph, nullptr);
  EXPECT_FALSE(graph->loaded_from_image());
  EXPECT_NE(log.find("graph image: implausible sizes"), std::string::npos) << log;
  // And a write for a generation that has moved on is refused.
  EXPECT_EQ(store->WriteGraphImage(generation - 1, [](const auto&) { return Status::Ok(); }).code(),
            StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace corpgraph::graph

namespace corpgraph::graph {
namespace {

// An image of another format (an older build's, "cgimage1": raw arrays) is a
// cache to rebuild, not damage: Load scans without a warning and gives the
// scan's answers, and RefreshImage rewrites it although the generation is
// current.
TEST(GraphImage, ImageOfAnotherFormatIsScannedAroundAndRewritten) {
  const std::string path = TempDbPath();
  std::unique_ptr<Store> store = FilledStore(path);
  ASSERT_NE(store, nullptr);
  std::string log;
  ASSERT_TRUE(Graph::RefreshImage(*store, AlwaysImage(log)).ok());
  std::string image = ReadImage(*store);
  ASSERT_EQ(image.substr(0, 8), "cgimage2");
  image.replace(0, 8, "cgimage1");
  const int64_t generation = *store->Generation();
  WriteImage(*store, generation, image);
  log.clear();
  std::unique_ptr<Graph> graph = LoadLogged(*store, log);
  ASSERT_NE(graph, nullptr);
  EXPECT_FALSE(graph->loaded_from_image());
  EXPECT_NE(log.find("graph image: of another format ('cgimage1', this build reads 'cgimage2')"),
            std::string::npos)
      << log;
  std::unique_ptr<Graph> scanned = LoadLogged(*store, log, /*use_image=*/false);
  ExpectSameGraph(*graph, *scanned);

  log.clear();
  ASSERT_TRUE(Graph::RefreshImage(*store, AlwaysImage(log)).ok());
  EXPECT_NE(log.find("graph image: rewriting it (graph image: of another format"),
            std::string::npos)
      << log;
  EXPECT_EQ(ReadImage(*store).substr(0, 8), "cgimage2");
  std::unique_ptr<Graph> rewritten = LoadLogged(*store, log);
  ASSERT_NE(rewritten, nullptr);
  EXPECT_TRUE(rewritten->loaded_from_image()) << log;
  ExpectSameGraph(*rewritten, *scanned);
}

// Column codings that no writer makes, under intact checksums: refused
// before any column is read (an unknown width), or when the column does not
// decode (a value too wide for its array).
TEST(GraphImage, ImpossibleColumnCodingIsRefused) {
  const std::string path = TempDbPath();
  std::unique_ptr<Store> store = FilledStore(path);
  ASSERT_NE(store, nullptr);
  std::string log;
  ASSERT_TRUE(Graph::RefreshImage(*store, AlwaysImage(log)).ok());
  const std::string image = ReadImage(*store);
  const int64_t generation = *store->Generation();
  constexpr size_t kCodings = 8 + 10 * 8;  // the magic and the sizes come first
  constexpr size_t kTypesColumn = 3;       // relation types: one byte each
  std::string unknown_width = image;
  unknown_width[kCodings + 16 * kTypesColumn + 1] = 9;
  WriteImage(*store, generation, unknown_width);
  log.clear();
  std::unique_ptr<Graph> graph = LoadLogged(*store, log);
  ASSERT_NE(graph, nullptr);
  EXPECT_FALSE(graph->loaded_from_image());
  EXPECT_NE(log.find("graph image: a column's coding is unknown"), std::string::npos) << log;

  // The types column's base raised past a byte: every value decodes beyond 255.
  std::string too_wide = image;
  too_wide[kCodings + 16 * kTypesColumn + 8 + 1] = 1;
  WriteImage(*store, generation, too_wide);
  log.clear();
  graph = LoadLogged(*store, log);
  ASSERT_NE(graph, nullptr);
  EXPECT_FALSE(graph->loaded_from_image());
  EXPECT_NE(log.find("graph image: a column does not decode"), std::string::npos) << log;
  std::unique_ptr<Graph> scanned = LoadLogged(*store, log, /*use_image=*/false);
  ExpectSameGraph(*graph, *scanned);
}

}  // namespace
}  // namespace corpgraph::graph
