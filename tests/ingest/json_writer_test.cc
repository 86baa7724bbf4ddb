#include "ingest/internal/json_writer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>
#include <string>

namespace corpgraph::ingest::internal {
namespace {

// What nlohmann_json's compact dump writes for a string, which the writer must equal.
std::string Reference(const std::string& text) {
  return nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string Written(const std::string& text) {
  std::string out;
  AppendJsonString(text, &out);
  return out;
}

TEST(JsonWriter, EscapesLikeNlohmann) {
  EXPECT_EQ(Written("plain"), "\"plain\"");
  EXPECT_EQ(Written("say \"hi\"\\ now\n\t\r\b\f\x01\x1f\x7f/"),
            "\"say \\\"hi\\\"\\\\ now\\n\\t\\r\\b\\f\\u0001\\u001f\x7f/\"");
  EXPECT_EQ(Written("S\xC3\xA3o Paulo \xE2\x80\x94 \xF0\x9F\x93\x88"),
            "\"S\xC3\xA3o Paulo \xE2\x80\x94 \xF0\x9F\x93\x88\"");
  for (const std::string& text :
       {std::string(""), std::string("a\"b"), std::string("\xC3\xA3"), std::string("bad \xFF byte"),
        std::string("cut \xE2\x80"), std::string("overlong \xC0\xAF"),
        std::string("surrogate \xED\xA0\x80"), std::string("too big \xF4\x90\x80\x80"),
        std::string("lone \x80 continuation"), std::string(1, '\0')}) {
    EXPECT_EQ(Written(text), Reference(text)) << text;
  }
}

// Random byte strings over an alphabet rich in escapes, UTF-8 lead and continuation bytes.
TEST(JsonWriter, AgreesWithNlohmannOnRandomBytes) {
  std::mt19937 random(5);
  const std::string alphabet = std::string("ab \"\\\n\t\x01\x7f", 10) +
                               "\xC2\xC3\xDF\xE0\xE2\xED\xEF\xF0\xF4\xF5\x80\x9F\xA0\xBF\xFF";
  for (int round = 0; round < 20000; ++round) {
    std::string text(random() % 12, ' ');
    for (char& c : text) c = alphabet[random() % alphabet.size()];
    ASSERT_EQ(Written(text), Reference(text)) << "round " << round;
  }
}

TEST(JsonWriter, NumbersLikeNlohmann) {
  for (double value : {0.0, -0.0, 1.0, 0.9, 0.855, 0.1 + 0.2, 1e-5, 123456789012345678.0, 1e300,
                       -2.5, 0.45 * 0.8, std::numeric_limits<double>::min()}) {
    std::string out;
    AppendJsonNumber(value, &out);
    EXPECT_EQ(out, nlohmann::json(value).dump()) << value;
  }
  std::string out;
  AppendJsonNumber(std::numeric_limits<double>::quiet_NaN(), &out);
  EXPECT_EQ(out, "null");
  out.clear();
  AppendJsonNumber(uint64_t{4294967295}, &out);
  AppendJsonBool(true, &out);
  AppendJsonKey("start", &out);
  EXPECT_EQ(out, "4294967295true\"start\":");
}

}  // namespace
}  // namespace corpgraph::ingest::internal
