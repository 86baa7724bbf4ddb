#include "export/formats.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "export/escape.h"
#include "export/select.h"
#include "tests/export/fixtures.h"

namespace corpgraph::exporter {
namespace {

using testing::SmallGraph;
using testing::V;

graph::Subgraph Everything(const graph::Graph& graph) {
  SelectOptions options;
  options.include_unconfirmed = true;
  auto selected = Select(graph, options);
  EXPECT_TRUE(selected.ok());
  return selected.ok() ? *selected : graph::Subgraph{};
}

size_t Count(const std::string& text, const std::string& needle) {
  size_t count = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
    ++count;
  }
  return count;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::string line;
  std::istringstream in(text);
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

TEST(WriteJson, HasSchemaKeysAndCounts) {
  auto graph = SmallGraph();
  ASSERT_NE(graph, nullptr);
  const graph::Subgraph all = Everything(*graph);
  std::ostringstream out;
  ASSERT_TRUE(WriteJson(*graph, all, nullptr, JsonOptions{}, out).ok());
  const nlohmann::json doc = nlohmann::json::parse(out.str());
  EXPECT_LT(out.str().find("\"nodes\""), out.str().find("\"edges\"")) << "documented order";
  ASSERT_EQ(doc["nodes"].size(), all.vertices.size());
  ASSERT_EQ(doc["edges"].size(), all.relations.size());
  for (const auto& node : doc["nodes"]) {
    for (const char* key : {"id", "name", "type", "subtype", "aliases", "attributes"}) {
      EXPECT_TRUE(node.contains(key)) << key;
    }
  }
  for (const auto& edge : doc["edges"]) {
    for (const char* key :
         {"id", "source", "target", "relation", "modality", "strength", "evidence_count",
          "first_seen", "last_seen", "attributes", "evidence"}) {
      EXPECT_TRUE(edge.contains(key)) << key;
    }
  }
  // Sorted by id; values survive escaping round trip.
  EXPECT_EQ(doc["nodes"][0]["id"], "org:alibaba");
  bool found_smith = false;
  for (const auto& node : doc["nodes"]) {
    if (node["id"] == "org:smith") {
      found_smith = true;
      EXPECT_EQ(node["name"], "Smith & \"Sons\" \\ Ltd <b>");
    }
  }
  EXPECT_TRUE(found_smith);
  EXPECT_EQ(doc["edges"][0]["source"], "org:alibaba");
}

// A minimal XML reader for the test: counts elements and checks tags balance.
struct XmlCounts {
  size_t nodes = 0;
  size_t edges = 0;
  size_t keys = 0;
  bool balanced = true;
};

XmlCounts ReadXml(const std::string& xml) {
  XmlCounts counts;
  std::vector<std::string> stack;
  size_t at = 0;
  while ((at = xml.find('<', at)) != std::string::npos) {
    const size_t end = xml.find('>', at);
    if (end == std::string::npos) {
      counts.balanced = false;
      break;
    }
    std::string tag = xml.substr(at + 1, end - at - 1);
    at = end + 1;
    if (tag.empty() || tag[0] == '?' || tag[0] == '!') continue;
    const bool closing = tag[0] == '/';
    const bool self_closing = tag.back() == '/';
    std::string name = tag.substr(closing ? 1 : 0);
    name = name.substr(0, name.find_first_of(" \n/"));
    if (closing) {
      if (stack.empty() || stack.back() != name) counts.balanced = false;
      if (!stack.empty()) stack.pop_back();
      continue;
    }
    if (name == "node") ++counts.nodes;
    if (name == "edge") ++counts.edges;
    if (name == "key") ++counts.keys;
    if (!self_closing) stack.push_back(name);
  }
  if (!stack.empty()) counts.balanced = false;
  return counts;
}

TEST(WriteGraphMl, ParsesBackWithSameCounts) {
  auto graph = SmallGraph();
  ASSERT_NE(graph, nullptr);
  const graph::Subgraph all = Everything(*graph);
  std::ostringstream out;
  ASSERT_TRUE(WriteGraphMl(*graph, all, nullptr, out).ok());
  const std::string xml = out.str();
  const XmlCounts counts = ReadXml(xml);
  EXPECT_TRUE(counts.balanced) << xml;
  EXPECT_EQ(counts.nodes, all.vertices.size());
  EXPECT_EQ(counts.edges, all.relations.size());
  EXPECT_NE(xml.find("<graph id=\"corpgraph\" edgedefault=\"directed\">"), std::string::npos);
  // Every data key used is declared.
  for (size_t at = xml.find("<data key=\""); at != std::string::npos;
       at = xml.find("<data key=\"", at + 1)) {
    const size_t start = at + 11;
    const std::string key = xml.substr(start, xml.find('"', start) - start);
    EXPECT_NE(xml.find("<key id=\"" + key + "\""), std::string::npos) << key;
  }
  EXPECT_NE(xml.find("attr.name=\"ticker\""), std::string::npos);
  EXPECT_NE(xml.find("attr.name=\"role\""), std::string::npos);
  EXPECT_NE(xml.find("Smith &amp; &quot;Sons&quot; \\ Ltd &lt;b&gt;"), std::string::npos);
  EXPECT_EQ(xml.find("<b>"), std::string::npos);
}

TEST(WriteNeo4j, HeadersRowsAndQuoting) {
  auto graph = SmallGraph();
  ASSERT_NE(graph, nullptr);
  const graph::Subgraph all = Everything(*graph);
  std::ostringstream nodes, relationships;
  ASSERT_TRUE(WriteNeo4jNodes(*graph, all, nodes).ok());
  ASSERT_TRUE(WriteNeo4jRelationships(*graph, all, relationships).ok());
  const std::vector<std::string> node_lines = Lines(nodes.str());
  const std::vector<std::string> rel_lines = Lines(relationships.str());
  ASSERT_EQ(node_lines.size(), all.vertices.size() + 1);
  ASSERT_EQ(rel_lines.size(), all.relations.size() + 1);
  EXPECT_EQ(node_lines[0], "id:ID,name,type,subtype,:LABEL");
  EXPECT_EQ(rel_lines[0], ":START_ID,:END_ID,:TYPE,strength:float,evidence_count:int,modality");
  EXPECT_EQ(node_lines[1], "org:alibaba,Alibaba,organization,company,Entity;Organization");
  EXPECT_NE(nodes.str().find("org:smith,\"Smith & \"\"Sons\"\" \\ Ltd <b>\",organization"),
            std::string::npos)
      << nodes.str();
  EXPECT_EQ(rel_lines[1], "org:alibaba,org:smith,ACQUIRES,0.4,1,planned");
  EXPECT_NE(relationships.str().find("org:alibaba,org:apple,PARTNER_OF,0.9,3,asserted"),
            std::string::npos);
}

// RFC 4180: quoted fields may hold commas, doubled quotes and newlines.
std::vector<std::vector<std::string>> ParseCsv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1, std::vector<std::string>(1));
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        rows.back().back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        rows.back().back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().emplace_back();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      rows.emplace_back(1);
    } else {
      rows.back().back() += c;
    }
  }
  if (rows.back().size() == 1 && rows.back()[0].empty()) rows.pop_back();
  return rows;
}

// What neo4j-admin import needs: every relationship's ends are node ids. Checked by
// loading both CSVs into SQLite and joining.
TEST(WriteNeo4j, LoadsIntoSqliteWithNoDanglingIds) {
  auto graph = SmallGraph();
  ASSERT_NE(graph, nullptr);
  const graph::Subgraph all = Everything(*graph);
  std::ostringstream nodes_csv, relationships_csv;
  ASSERT_TRUE(WriteNeo4jNodes(*graph, all, nodes_csv).ok());
  ASSERT_TRUE(WriteNeo4jRelationships(*graph, all, relationships_csv).ok());
  const auto nodes = ParseCsv(nodes_csv.str());
  const auto relationships = ParseCsv(relationships_csv.str());
  ASSERT_GE(nodes.size(), 2u);
  ASSERT_GE(relationships.size(), 2u);

  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(":memory:", &db), SQLITE_OK);
  auto exec = [&](const std::string& sql) {
    char* error = nullptr;
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
    EXPECT_EQ(rc, SQLITE_OK) << sql << ": " << (error ? error : "");
    sqlite3_free(error);
  };
  exec("CREATE TABLE nodes(id TEXT PRIMARY KEY, name TEXT, type TEXT, subtype TEXT, label TEXT)");
  exec(
      "CREATE TABLE rels(start TEXT, end TEXT, type TEXT, strength REAL, n INTEGER, modality "
      "TEXT)");
  auto load = [&](const char* sql, const std::vector<std::vector<std::string>>& rows,
                  size_t columns) {
    sqlite3_stmt* stmt = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr), SQLITE_OK);
    for (size_t r = 1; r < rows.size(); ++r) {  // row 0 is the header
      ASSERT_EQ(rows[r].size(), columns) << r;
      for (size_t c = 0; c < columns; ++c) {
        sqlite3_bind_text(stmt, static_cast<int>(c + 1), rows[r][c].c_str(), -1, SQLITE_TRANSIENT);
      }
      EXPECT_EQ(sqlite3_step(stmt), SQLITE_DONE) << r;
      sqlite3_reset(stmt);
    }
    sqlite3_finalize(stmt);
  };
  load("INSERT INTO nodes VALUES(?,?,?,?,?)", nodes, 5);
  load("INSERT INTO rels VALUES(?,?,?,?,?,?)", relationships, 6);
  auto count = [&](const char* sql) {
    sqlite3_stmt* stmt = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr), SQLITE_OK);
    EXPECT_EQ(sqlite3_step(stmt), SQLITE_ROW);
    const int64_t n = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    return n;
  };
  EXPECT_EQ(count("SELECT COUNT(*) FROM nodes"), static_cast<int64_t>(all.vertices.size()));
  EXPECT_EQ(count("SELECT COUNT(*) FROM rels"), static_cast<int64_t>(all.relations.size()));
  EXPECT_EQ(count("SELECT COUNT(*) FROM rels WHERE start NOT IN (SELECT id FROM nodes) "
                  "OR end NOT IN (SELECT id FROM nodes)"),
            0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM nodes WHERE name = 'Smith & \"Sons\" \\ Ltd <b>'"), 1);
  sqlite3_close(db);
}

TEST(WriteCsv, EdgeList) {
  auto graph = SmallGraph();
  ASSERT_NE(graph, nullptr);
  const graph::Subgraph all = Everything(*graph);
  std::ostringstream out;
  ASSERT_TRUE(WriteCsv(*graph, all, out).ok());
  const std::vector<std::string> lines = Lines(out.str());
  ASSERT_EQ(lines.size(), all.relations.size() + 1);
  EXPECT_EQ(lines[0],
            "source,source_name,relation,target,target_name,modality,strength,evidence_count,"
            "first_seen,last_seen");
  EXPECT_NE(out.str().find("org:societe-generale,Soci\u00e9t\u00e9 G\u00e9n\u00e9rale,invests_in"),
            std::string::npos);
}

TEST(WriteHtml, ShowsPathsWithEscapedNames) {
  auto graph = SmallGraph();
  ASSERT_NE(graph, nullptr);
  // Smith <- acquires - Alibaba - partner_of - Apple, walked from Smith.
  const graph::RelationIndex acquires = [&] {
    for (graph::RelationIndex r = 0; r < graph->num_relations(); ++r) {
      if (graph->relation(r).key == 6) return r;
    }
    return graph::RelationIndex{0};
  }();
  const graph::RelationIndex partner = [&] {
    for (graph::RelationIndex r = 0; r < graph->num_relations(); ++r) {
      if (graph->relation(r).key == 1) return r;
    }
    return graph::RelationIndex{0};
  }();
  graph::Subgraph part;
  part.vertices = {V(*graph, "org:smith"), V(*graph, "org:alibaba"), V(*graph, "org:apple")};
  std::sort(part.vertices.begin(), part.vertices.end());
  part.relations = {std::min(acquires, partner), std::max(acquires, partner)};
  HtmlOptions options;
  options.title = "Exposure <of> Smith";
  options.svg = "<?xml version=\"1.0\"?>\n<!DOCTYPE svg>\n<svg width=\"1\"><g/></svg>\n";
  options.paths.push_back({{acquires, partner}, 0.36, std::nullopt});
  std::ostringstream out;
  Status status = WriteHtml(*graph, part, nullptr, options, out);
  ASSERT_TRUE(status.ok()) << status.ToString();
  const std::string html = out.str();
  EXPECT_NE(html.find("<title>Exposure &lt;of&gt; Smith</title>"), std::string::npos);
  EXPECT_NE(html.find("<svg width=\"1\">"), std::string::npos);
  EXPECT_EQ(html.find("<!DOCTYPE svg>"), std::string::npos);
  EXPECT_NE(html.find("Smith &amp; &quot;Sons&quot; \\ Ltd &lt;b&gt;"), std::string::npos);
  EXPECT_EQ(html.find("Ltd <b>"), std::string::npos);
  // Heading walks Smith <-acquires- Alibaba -partner_of- Apple.
  const size_t smith = html.find("Smith &amp;", html.find("<h3>"));
  const size_t alibaba = html.find(">Alibaba<", smith);
  const size_t apple = html.find(">Apple<", alibaba);
  EXPECT_NE(apple, std::string::npos) << html;
  EXPECT_NE(html.find("&larr;acquires&mdash;"), std::string::npos);
  EXPECT_NE(html.find("score 0.36"), std::string::npos);
  EXPECT_EQ(html.find("src=\""), std::string::npos) << "no external resources";
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);

  // A broken path is an error, not a silently wrong page.
  HtmlOptions broken;
  const graph::RelationIndex produces = [&] {
    for (graph::RelationIndex r = 0; r < graph->num_relations(); ++r) {
      if (graph->relation(r).key == 7) return r;
    }
    return graph::RelationIndex{0};
  }();
  broken.paths.push_back({{partner, produces}, 0.1, V(*graph, "org:apple")});
  std::ostringstream ignored;
  EXPECT_EQ(WriteHtml(*graph, part, nullptr, broken, ignored).code(), StatusCode::kInvalidArgument);
}

TEST(WriteHtml, RelationTableWithoutPaths) {
  auto graph = SmallGraph();
  ASSERT_NE(graph, nullptr);
  const graph::Subgraph all = Everything(*graph);
  std::ostringstream out;
  ASSERT_TRUE(WriteHtml(*graph, all, nullptr, HtmlOptions{}, out).ok());
  EXPECT_EQ(Count(out.str(), "<tr><td>"), all.relations.size());
  EXPECT_NE(out.str().find("executive_of"), std::string::npos);
}

}  // namespace
}  // namespace corpgraph::exporter
