// Hostile corpus files through DocumentReader: 100k tiny JSONL documents,
// 100k-deep HTML, NUL bytes, mixed encodings, a truncated last JSONL line.
// Behaviour: reading never fails; bad pieces are skipped or repaired with a
// Problem naming the file and line; everything else comes through intact.
#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/records.h"
#include "common/text.h"
#include "ingest/reader.h"
#include "tests/robustness/test_util.h"

namespace corpgraph::robustness {
namespace {

using ingest::DocumentReader;
using ingest::Problem;
using ingest::Severity;

struct ReadAll {
  std::vector<Document> documents;
  std::vector<Problem> problems;
  uint64_t errors = 0;
};

ReadAll Read(const std::vector<std::string>& inputs) {
  ReadAll out;
  auto reader = DocumentReader::Open(inputs, {});
  EXPECT_TRUE(reader.ok()) << reader.status().ToString();
  if (!reader.ok()) return out;
  while (true) {
    auto next = (*reader)->Next();
    EXPECT_TRUE(next.ok()) << next.status().ToString();
    if (!next.ok() || !next->has_value()) break;
    out.documents.push_back(std::move(**next));
  }
  out.problems = (*reader)->problems();
  out.errors = (*reader)->error_count();
  return out;
}

TEST(ManyDocuments, HundredThousandTinyJsonlDocuments) {
  TempDir dir;
  std::string jsonl;
  for (int i = 0; i < 100000; ++i) {
    jsonl +=
        "{\"id\":\"d" + std::to_string(i) + "\",\"text\":\"Apple " + std::to_string(i) + ".\"}\n";
  }
  const ReadAll all = Read({dir.Write("tiny.jsonl", jsonl)});
  ASSERT_EQ(all.documents.size(), 100000u);
  EXPECT_TRUE(all.problems.empty());
  EXPECT_EQ(all.documents.front().id, "d0");
  EXPECT_EQ(all.documents.back().id, "d99999");
  EXPECT_EQ(all.documents.back().text, "Apple 99999.");
  EXPECT_EQ(all.documents.back().sha256, Sha256Hex("Apple 99999."));
}

TEST(DeepHtml, HundredThousandNestedElements) {
  TempDir dir;
  std::string html = "<html><head><title>Deep</title></head><body>";
  for (int i = 0; i < 100000; ++i) html += i % 2 == 0 ? "<div>" : "<span>";
  html += "Alibaba partnered with Apple.";
  for (int i = 100000 - 1; i >= 0; --i) html += i % 2 == 0 ? "</div>" : "</span>";
  // And 100k unclosed ones after it.
  for (int i = 0; i < 100000; ++i) html += "<b>";
  html += "</body></html>";
  const ReadAll all = Read({dir.Write("deep.html", html)});
  ASSERT_EQ(all.documents.size(), 1u);
  EXPECT_EQ(all.documents[0].title, "Deep");
  EXPECT_EQ(TrimWhitespace(all.documents[0].text), "Alibaba partnered with Apple.");
}

TEST(NulBytes, EscapedNulInJsonTextSkipsOnlyThatDocument) {
  TempDir dir;
  const std::string jsonl =
      "{\"id\":\"a\",\"text\":\"Apple partnered with Alibaba.\"}\n"
      "{\"id\":\"nul\",\"text\":\"Apple\\u0000 partnered with Alibaba.\"}\n"
      "{\"id\":\"title-nul\",\"title\":\"A\\u0000B\",\"text\":\"Siemens grew.\"}\n"
      "{\"id\":\"c\",\"text\":\"Samsung grew.\"}\n";
  const ReadAll all = Read({dir.Write("nul.jsonl", jsonl)});
  std::vector<std::string> ids;
  for (const Document& d : all.documents) ids.push_back(d.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"a", "title-nul", "c"}));
  ASSERT_EQ(all.errors, 1u);
  EXPECT_EQ(all.problems[0].line, 2u);
  EXPECT_NE(all.problems[0].message.find("NUL"), std::string::npos) << all.problems[0].message;
  for (const Document& d : all.documents) EXPECT_EQ(d.text.find('\0'), std::string::npos);
}

TEST(NulBytes, RawNulByteInJsonlLineIsAnErrorForThatLine) {
  TempDir dir;
  std::string jsonl = "{\"id\":\"a\",\"text\":\"Apple grew.\"}\n";
  jsonl += "{\"id\":\"raw\",\"text\":\"Apple" + std::string(1, '\0') + " grew.\"}\n";
  jsonl += "{\"id\":\"c\",\"text\":\"Samsung grew.\"}\n";
  const ReadAll all = Read({dir.Write("rawnul.jsonl", jsonl)});
  std::vector<std::string> ids;
  for (const Document& d : all.documents) ids.push_back(d.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"a", "c"}));
  EXPECT_EQ(all.errors, 1u);
}

TEST(NulBytes, TextFileWithNulIsSkippedAsBinary) {
  TempDir dir;
  const std::string path = dir.Write("nul.txt", std::string("Apple grew.\0\0\0 more", 20));
  const ReadAll all = Read({path});
  EXPECT_TRUE(all.documents.empty());
  ASSERT_EQ(all.errors, 1u);
  EXPECT_NE(all.problems[0].message.find("binary"), std::string::npos);
}

TEST(MixedEncodings, Latin1BytesInUtf8AreRepairedAndReported) {
  TempDir dir;
  // UTF-8 "Zürich", then Latin-1 "Nestlé" and "café" (0xE9), a stray 0xFF.
  const std::string text = "Z\xC3\xBCrich-based Nestl\xE9 opened a caf\xE9 \xFF in Bern.";
  const std::string txt = dir.Write("mixed.txt", text + "\n");
  const std::string jsonl = dir.Write("mixed.jsonl", "{\"id\":\"m\",\"text\":\"" + text + "\"}\n");
  for (const std::string& path : {txt, jsonl}) {
    SCOPED_TRACE(path);
    const ReadAll all = Read({path});
    ASSERT_EQ(all.documents.size(), 1u);
    const std::string& out = all.documents[0].text;
    EXPECT_TRUE(IsValidUtf8(out));
    EXPECT_NE(out.find("Z\xC3\xBCrich"), std::string::npos) << "valid UTF-8 is kept";
    EXPECT_NE(out.find("Nestl\xEF\xBF\xBD"), std::string::npos) << "0xE9 became U+FFFD";
    ASSERT_EQ(all.problems.size(), 1u);
    EXPECT_EQ(all.problems[0].severity, Severity::kWarning);
    EXPECT_NE(all.problems[0].message.find("repaired (3 sequences)"), std::string::npos)
        << all.problems[0].message;
    EXPECT_EQ(all.errors, 0u);
  }
}

TEST(TruncatedJsonl, LastLineCutMidRecordIsReportedAndEarlierLinesKept) {
  TempDir dir;
  const std::string jsonl =
      "{\"id\":\"a\",\"text\":\"Apple partnered with Alibaba.\"}\n"
      "{\"id\":\"b\",\"text\":\"Siemens acquired Fabrikam.\"}\n"
      "{\"id\":\"c\",\"text\":\"Samsung supplies chi";
  const ReadAll all = Read({dir.Write("cut.jsonl", jsonl)});
  ASSERT_EQ(all.documents.size(), 2u);
  EXPECT_EQ(all.documents[1].id, "b");
  ASSERT_EQ(all.problems.size(), 1u);
  EXPECT_EQ(all.problems[0].line, 3u);
  EXPECT_EQ(all.problems[0].severity, Severity::kError);
  EXPECT_NE(all.problems[0].message.find("truncated"), std::string::npos)
      << all.problems[0].message;
}

TEST(TruncatedJsonl, CompleteLastLineWithoutNewlineIsKept) {
  TempDir dir;
  const ReadAll all = Read({dir.Write("nonl.jsonl", "{\"id\":\"a\",\"text\":\"Apple grew.\"}")});
  ASSERT_EQ(all.documents.size(), 1u);
  EXPECT_TRUE(all.problems.empty());
}

}  // namespace
}  // namespace corpgraph::robustness
