#include "ingest/reader.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/text.h"
#include "tests/ingest/test_util.h"

namespace corpgraph::ingest {
namespace {

using testing::TempDir;

struct ReadResult {
  std::vector<Document> documents;
  std::vector<Problem> problems;
  uint64_t skipped_unknown = 0;
};

ReadResult ReadAllDocs(const std::vector<std::string>& inputs, ReaderOptions options = {}) {
  ReadResult result;
  auto reader = DocumentReader::Open(inputs, options);
  EXPECT_TRUE(reader.ok()) << reader.status().ToString();
  if (!reader.ok()) return result;
  while (true) {
    auto next = (*reader)->Next();
    EXPECT_TRUE(next.ok()) << next.status().ToString();
    if (!next.ok() || !next->has_value()) break;
    result.documents.push_back(std::move(**next));
  }
  result.problems = (*reader)->problems();
  result.skipped_unknown = (*reader)->skipped_unknown_files();
  return result;
}

bool HasProblem(const ReadResult& r, const std::string& fragment, uint64_t line = 0) {
  for (const Problem& p : r.problems) {
    if (p.ToString().find(fragment) != std::string::npos && (line == 0 || p.line == line))
      return true;
  }
  return false;
}

TEST(DocumentReader, TextFileWithoutFrontMatterUsesFirstLineAsTitle) {
  TempDir dir;
  const std::string path =
      dir.Write("news/acme.txt", "\n\nAcme buys Widgets\n\nAcme Corp agreed to buy Widgets Ltd.\n");
  ReadResult r = ReadAllDocs({path});
  ASSERT_EQ(r.documents.size(), 1u);
  const Document& d = r.documents[0];
  EXPECT_EQ(d.id, "acme");
  EXPECT_EQ(d.title, "Acme buys Widgets");
  EXPECT_EQ(d.source, path);
  EXPECT_EQ(d.text, "\n\nAcme buys Widgets\n\nAcme Corp agreed to buy Widgets Ltd.\n");
  EXPECT_EQ(d.sha256, Sha256Hex(d.text));
  EXPECT_TRUE(r.problems.empty());
}

TEST(DocumentReader, MarkdownFrontMatterSetsMetadataAndIsRemoved) {
  TempDir dir;
  dir.Write("c/2025/deal.md",
            "---\ntitle: \"Acme and Globex team up\"\ndate: 2025-02-13\nsource: "
            "https://example.com/deal\n---\n# Heading\nAcme partnered with Globex.\n");
  ReadResult r = ReadAllDocs({dir.path() + "/c"});
  ASSERT_EQ(r.documents.size(), 1u);
  const Document& d = r.documents[0];
  EXPECT_EQ(d.id, "2025/deal");
  EXPECT_EQ(d.title, "Acme and Globex team up");
  EXPECT_EQ(d.date, "2025-02-13");
  EXPECT_EQ(d.source, "https://example.com/deal");
  // Offsets are relative to the text after the front matter.
  EXPECT_EQ(d.text, "# Heading\nAcme partnered with Globex.\n");
}

TEST(DocumentReader, UnclosedFrontMatterIsKeptAsText) {
  TempDir dir;
  const std::string path = dir.Write("a.md", "---\ntitle: x\nAcme grew.\n");
  ReadResult r = ReadAllDocs({path});
  ASSERT_EQ(r.documents.size(), 1u);
  EXPECT_EQ(r.documents[0].text, "---\ntitle: x\nAcme grew.\n");
}

TEST(DocumentReader, FolderRecursionIsSortedAndSkipsUnknownExtensions) {
  TempDir dir;
  dir.Write("corpus/b.txt", "Beta text.");
  dir.Write("corpus/a/z.txt", "Zeta text.");
  dir.Write("corpus/a/c.md", "C text.");
  dir.Write("corpus/A.txt", "Upper text.");
  dir.Write("corpus/notes.docx", "ignored");
  dir.Write("corpus/.hidden/x.txt", "hidden");
  ReadResult r = ReadAllDocs({dir.path() + "/corpus"});
  std::vector<std::string> ids;
  for (const Document& d : r.documents) ids.push_back(d.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"A", "a/c", "a/z", "b"}));
  EXPECT_EQ(r.skipped_unknown, 1u);
}

TEST(DocumentReader, ExplicitUnknownExtensionIsAnError) {
  TempDir dir;
  const std::string path = dir.Write("report.pdf", "%PDF");
  auto reader = DocumentReader::Open({path}, {});
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(reader.status().message().find("unsupported file type"), std::string::npos);
}

TEST(DocumentReader, MissingInputIsNotFound) {
  auto reader = DocumentReader::Open({"/nonexistent/corpgraph/input.txt"}, {});
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.status().code(), StatusCode::kNotFound);
}

TEST(DocumentReader, HtmlFileIsStrippedWithTitle) {
  TempDir dir;
  const std::string path = dir.Write(
      "page.html",
      "<!DOCTYPE html><html><head><title>Acme &amp; Globex</title>"
      "<style>p{color:red}</style><script>var x = '<p>no</p>';</script></head>"
      "<body><!-- a comment --><h1>Deal</h1><p>Acme&nbsp;Corp&#39;s deal with Globex&#x2019;s "
      "unit.</p><p>Second   paragraph.</p></body></html>");
  ReadResult r = ReadAllDocs({path});
  ASSERT_EQ(r.documents.size(), 1u);
  EXPECT_EQ(r.documents[0].id, "page");
  EXPECT_EQ(r.documents[0].title, "Acme & Globex");
  EXPECT_EQ(r.documents[0].text,
            "Deal\n\nAcme Corp's deal with Globex\xE2\x80\x99s unit.\n\nSecond paragraph.");
}

TEST(DocumentReader, JsonlFieldsAndDefaults) {
  TempDir dir;
  const std::string path = dir.Write(
      "feed.jsonl",
      "{\"id\":\"x1\",\"title\":\"T\",\"published\":\"2024-05-01\",\"url\":\"https://e.com/1\","
      "\"text\":\"Acme bought Widgets.\"}\n"
      "{\"body\":\"Globex opened an office in Jakarta.\",\"source\":\"Wire\"}\n"
      "\n"
      "{\"content\":\"Initech hired a CFO.\",\"id\":42}\r\n");
  ReadResult r = ReadAllDocs({path});
  ASSERT_EQ(r.documents.size(), 3u);
  EXPECT_EQ(r.documents[0].id, "x1");
  EXPECT_EQ(r.documents[0].date, "2024-05-01");
  EXPECT_EQ(r.documents[0].source, "https://e.com/1");
  EXPECT_EQ(r.documents[0].title, "T");
  EXPECT_EQ(r.documents[1].id, "feed:2");
  EXPECT_EQ(r.documents[1].source, "Wire");
  EXPECT_EQ(r.documents[1].title, "Globex opened an office in Jakarta.");
  EXPECT_EQ(r.documents[2].id, "42");
  EXPECT_EQ(r.documents[2].text, "Initech hired a CFO.");
  EXPECT_TRUE(r.problems.empty());
}

TEST(DocumentReader, JsonlBadLinesAreReportedAndTheRestContinue) {
  TempDir dir;
  const std::string path = dir.Write("bad.ndjson",
                                     "{\"text\":\"One is fine.\"}\n"
                                     "{\"text\": oops}\n"
                                     "{\"title\":\"no text\"}\n"
                                     "[1,2]\n"
                                     "{\"text\":17}\n"
                                     "{\"text\":\"   \"}\n"
                                     "{\"text\":\"Seven is fine.\"}\n"
                                     "{\"text\":\"truncat");
  ReadResult r = ReadAllDocs({path});
  ASSERT_EQ(r.documents.size(), 2u);
  EXPECT_EQ(r.documents[0].id, "bad:1");
  EXPECT_EQ(r.documents[1].id, "bad:7");
  EXPECT_TRUE(HasProblem(r, path + ":2: not valid JSON (", 2));
  EXPECT_TRUE(HasProblem(r, path + ":3: no \"text\", \"body\" or \"content\" field", 3));
  EXPECT_TRUE(HasProblem(r, "not a JSON object", 4));
  EXPECT_TRUE(HasProblem(r, "is not a string", 5));
  EXPECT_TRUE(HasProblem(r, "empty document skipped", 6));
  EXPECT_TRUE(HasProblem(r, "may be truncated", 8));
  EXPECT_EQ(r.problems.size(), 6u);
}

TEST(DocumentReader, InvalidUtf8IsRepairedWithAWarning) {
  TempDir dir;
  const std::string path =
      dir.Write("mixed.jsonl", "{\"text\":\"Caf\xE9 Acme opened in Paris.\"}\n");
  const std::string txt = dir.Write("latin.txt", "Soci\xE9t\xE9 G\xE9n\xE9rale grew.");
  ReadResult r = ReadAllDocs({path, txt});
  ASSERT_EQ(r.documents.size(), 2u);
  EXPECT_EQ(r.documents[0].text, "Caf\xEF\xBF\xBD Acme opened in Paris.");
  EXPECT_TRUE(IsValidUtf8(r.documents[1].text));
  EXPECT_TRUE(HasProblem(r, path + ":1: invalid UTF-8 at byte 12 repaired (1 sequences)"));
  EXPECT_TRUE(HasProblem(r, txt + ": invalid UTF-8 at byte 4 repaired (4 sequences)"));
  for (const Problem& p : r.problems) EXPECT_EQ(p.severity, Severity::kWarning);
}

TEST(DocumentReader, BinaryEmptyAndOversizedFilesAreSkipped) {
  TempDir dir;
  const std::string binary = dir.Write("blob.txt", std::string("\x7f"
                                                               "ELF\0\0\0\x01",
                                                               8));
  const std::string empty = dir.Write("empty.txt", "");
  const std::string blank = dir.Write("blank.md", "---\ntitle: only meta\n---\n  \n");
  const std::string big = dir.Write("big.txt", std::string(2000, 'a'));
  const std::string bin_jsonl = dir.Write("blob.jsonl", std::string("\0\0\0\0garbage\n", 12));
  const std::string ok = dir.Write("ok.txt", "Acme is fine.");
  ReaderOptions options;
  options.max_doc_bytes = 1000;
  ReadResult r = ReadAllDocs({binary, empty, blank, big, bin_jsonl, ok}, options);
  ASSERT_EQ(r.documents.size(), 1u);
  EXPECT_EQ(r.documents[0].id, "ok");
  EXPECT_TRUE(HasProblem(r, binary + ": binary file skipped"));
  EXPECT_TRUE(HasProblem(r, empty + ": empty document skipped"));
  EXPECT_TRUE(HasProblem(r, blank + ": empty document skipped"));
  EXPECT_TRUE(HasProblem(r, big + ": file larger than 1000 bytes skipped"));
  EXPECT_TRUE(HasProblem(r, bin_jsonl + ": binary file skipped"));
}

TEST(DocumentReader, OversizedJsonlDocumentIsSkipped) {
  TempDir dir;
  const std::string path = dir.Write(
      "f.jsonl", "{\"text\":\"" + std::string(1500, 'b') + "\"}\n{\"text\":\"small one\"}\n");
  ReaderOptions options;
  options.max_doc_bytes = 1000;
  ReadResult r = ReadAllDocs({path}, options);
  ASSERT_EQ(r.documents.size(), 1u);
  EXPECT_EQ(r.documents[0].text, "small one");
  EXPECT_TRUE(HasProblem(r, "document of 1500 bytes skipped", 1));
}

TEST(DocumentReader, GzipJsonlAndText) {
  TempDir dir;
  std::string content;
  for (int i = 0; i < 3000; ++i) {
    content += "{\"id\":\"g" + std::to_string(i) + "\",\"text\":\"Acme report number " +
               std::to_string(i) + ".\"}\n";
  }
  const std::string jsonl = dir.WriteGz("feed.jsonl.gz", content);
  const std::string text = dir.WriteGz("story.txt.gz", "Globex story.\n");
  ReadResult r = ReadAllDocs({jsonl, text});
  ASSERT_EQ(r.documents.size(), 3001u);
  EXPECT_EQ(r.documents[2999].id, "g2999");
  EXPECT_EQ(r.documents[2999].text, "Acme report number 2999.");
  EXPECT_EQ(r.documents[3000].id, "story");
  EXPECT_EQ(r.documents[3000].text, "Globex story.\n");
  EXPECT_TRUE(r.problems.empty());
}

TEST(DocumentReader, TruncatedGzipReportsAndKeepsEarlierLines) {
  TempDir dir;
  std::string content;
  for (int i = 0; i < 2000; ++i)
    content += "{\"text\":\"Line " + std::to_string(i) + " of Acme news.\"}\n";
  const std::string path = dir.WriteGz("t.jsonl.gz", content);
  std::filesystem::resize_file(path, std::filesystem::file_size(path) / 2);
  ReadResult r = ReadAllDocs({path});
  EXPECT_GT(r.documents.size(), 0u);
  EXPECT_LT(r.documents.size(), 2000u);
  EXPECT_TRUE(HasProblem(r, "truncated gzip data"));
}

TEST(DocumentReader, LongLinesAcrossBufferBoundaries) {
  // Lines larger than the 1 MiB read buffer must come through intact.
  TempDir dir;
  const std::string big(3u << 20, 'x');
  const std::string path =
      dir.Write("long.jsonl", "{\"text\":\"" + big + "\"}\n{\"text\":\"after\"}\n");
  ReadResult r = ReadAllDocs({path});
  ASSERT_EQ(r.documents.size(), 2u);
  EXPECT_EQ(r.documents[0].text.size(), big.size());
  EXPECT_EQ(r.documents[1].text, "after");
}

TEST(DocumentReader, CancelStopsAtADocumentBoundary) {
  TempDir dir;
  const std::string path = dir.Write("c.jsonl", "{\"text\":\"a\"}\n{\"text\":\"b\"}\n");
  std::atomic<bool> cancel{false};
  ReaderOptions options;
  options.cancel = &cancel;
  auto reader = DocumentReader::Open({path}, options);
  ASSERT_TRUE(reader.ok());
  auto first = (*reader)->Next();
  ASSERT_TRUE(first.ok() && first->has_value());
  cancel = true;
  auto second = (*reader)->Next();
  ASSERT_TRUE(second.ok());
  EXPECT_FALSE(second->has_value());
}

struct HtmlCase {
  const char* html;
  const char* title;
  const char* text;
};

TEST(StripHtml, Cases) {
  static const HtmlCase kCases[] = {
      {"<p>A &lt; B &gt; C &quot;D&quot; &apos;E&apos;</p>", "", "A < B > C \"D\" 'E'"},
      {"AT&T and S&P &unknown; &#8212; &#x1F600;", "",
       "AT&T and S&P &unknown; \xE2\x80\x94 \xF0\x9F\x98\x80"},
      {"<ul><li>one</li><li>two</li></ul>tail", "", "one\ntwo\n\ntail"},
      {"line<br>break<br/>again", "", "line\nbreak\nagain"},
      {"<SCRIPT type='x'>alert('<b>')</SCRIPT>Kept<Style>.a{}</STYLE>", "", "Kept"},
      {"<div class=\"a>b\">quoted attr</div>", "", "quoted attr"},
      {"unclosed <b attr", "", "unclosed"},
      {"<!-- never closed", "", ""},
      {"1 < 2 and 3 <4", "", "1 < 2 and 3 <4"},
      {"<head><meta charset=utf-8><title>T &amp; U</title></head><body>Body</body>", "T & U",
       "Body"},
      {"<p>&#146;cp1252&#151;</p>", "",
       "\xE2\x80\x99"
       "cp1252\xE2\x80\x94"},
      {"<table><tr><td>a</td><td>b</td></tr></table>", "", "a b"},
  };
  for (const HtmlCase& c : kCases) {
    const HtmlText out = StripHtml(c.html);
    EXPECT_EQ(out.title, c.title) << c.html;
    EXPECT_EQ(out.text, c.text) << c.html;
  }
}

TEST(StripHtml, DeepNestingIsLinearAndSafe) {
  std::string html;
  for (int i = 0; i < 10000; ++i) html += "<div><span>";
  html += "Deep Acme text";
  for (int i = 0; i < 10000; ++i) html += "</span></div>";
  // Broken markup too: unbalanced tags and stray brackets.
  for (int i = 0; i < 10000; ++i) html += "<b><i>";
  html += "more";
  const HtmlText out = StripHtml(html);
  EXPECT_EQ(out.text, "Deep Acme text\n\nmore");
}

TEST(FrontMatter, ParsesKeysAndQuotes) {
  const FrontMatter fm =
      ParseFrontMatter("---\r\ntitle: 'Q'\r\nDate: 2024-01-02\r\nid: doc-7\r\nx: y\r\n---\r\nBody");
  ASSERT_TRUE(fm.present);
  EXPECT_EQ(fm.title, "Q");
  EXPECT_EQ(fm.date, "2024-01-02");
  EXPECT_EQ(fm.id, "doc-7");
  EXPECT_EQ(std::string("---\r\ntitle: 'Q'\r\nDate: 2024-01-02\r\nid: doc-7\r\nx: y\r\n---\r\nBody")
                .substr(fm.body_offset),
            "Body");
  EXPECT_FALSE(ParseFrontMatter("--- no\ntitle: x\n---\n").present);
}

}  // namespace
}  // namespace corpgraph::ingest

namespace corpgraph::ingest {
namespace {

TEST(DocumentReader, JsonEscapesFastPathAndNestedFallbackAgree) {
  TempDir dir;
  const std::string path =
      dir.Write("esc.jsonl",
                "{\"text\":\"Tab\\there \\\"q\\\" \\u00e9 \\ud83d\\ude00 \\/ end\",\"id\":\"e1\"}\n"
                "{\"text\":\"Tab\\there \\\"q\\\" \\u00e9 \\ud83d\\ude00 \\/ end\",\"id\":\"e2\","
                "\"tags\":[\"a\",{\"b\":1}]}\n"
                "{\"text\":\"first\",\"text\":\"last wins\",\"id\":\"e3\",\"date\":null}\n"
                "{\"text\":\"lone \\ud800 surrogate\"}\n");
  ReadResult r = ReadAllDocs({path});
  ASSERT_EQ(r.documents.size(), 3u);
  EXPECT_EQ(r.documents[0].text, "Tab\there \"q\" \xC3\xA9 \xF0\x9F\x98\x80 / end");
  EXPECT_EQ(r.documents[1].text, r.documents[0].text);
  EXPECT_EQ(r.documents[1].id, "e2");
  EXPECT_EQ(r.documents[2].text, "last wins");
  EXPECT_EQ(r.documents[2].date, "");
  EXPECT_TRUE(HasProblem(r, "not valid JSON", 4));
}

}  // namespace
}  // namespace corpgraph::ingest
