#include <catch2/catch.hpp>

#include <random>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "seslint/json.hpp"

using namespace seslint;

namespace {
const JsonValue& at(const JsonValue& object, std::string_view key) { return object.find(key)->value; }
}  // namespace

TEST_CASE("values know their spans, lines and columns") {
  const auto result = parse_json("{\n  \"a\": [1, true],\n  \"b\": \"x\"\n}");
  REQUIRE(result.root);
  const JsonValue& root = *result.root;
  CHECK(root.span.begin.offset == 0);
  CHECK(root.span.end.line == 4);
  CHECK(root.span.end.column == 2);
  const JsonValue& a = at(root, "a");
  CHECK(a.span.begin.line == 2);
  CHECK(a.span.begin.column == 8);
  CHECK(a.span.end.column == 17);
  CHECK(a.items[1].span.begin.column == 12);
  CHECK(a.items[1].boolean);
  const JsonMember* b = root.find("b");
  CHECK(b->key_span.begin.line == 3);
  CHECK(b->key_span.begin.column == 3);
  CHECK(b->key_span.end.column == 6);
  CHECK(b->value.text == "x");
}

TEST_CASE("columns count Unicode code points, not bytes") {
  // "é" is 2 bytes, "€" 3, "😀" 4: each one column.
  const auto result = parse_json("{\"é€😀\": \"ü\", \"k\": 1}");
  REQUIRE(result.root);
  const JsonMember& first = result.root->members[0];
  CHECK(first.key == "é€😀");
  CHECK(first.key_span.end.column == 7);
  CHECK(first.value.span.begin.column == 9);
  CHECK(first.value.span.begin.offset == 14);
  CHECK(first.value.span.end.column == 12);
  const JsonMember& second = result.root->members[1];
  CHECK(second.key_span.begin.column == 14);
}

TEST_CASE("CRLF and lone CR end lines") {
  const auto result = parse_json("{\r\n\"a\":\r1}");
  REQUIRE(result.root);
  CHECK(result.root->members[0].key_span.begin.line == 2);
  CHECK(result.root->members[0].value.span.begin.line == 3);
  CHECK(result.root->members[0].value.span.begin.column == 1);
}

TEST_CASE("JSON pointers escape ~ and /") {
  const auto result = parse_json(R"({"a/b": {"c~d": [0, {"e": 1}]}})");
  REQUIRE(result.root);
  const JsonValue& inner = at(*result.root, "a/b");
  CHECK(inner.pointer == "/a~1b");
  CHECK(at(inner, "c~d").pointer == "/a~1b/c~0d");
  CHECK(at(inner, "c~d").items[1].pointer == "/a~1b/c~0d/1");
  CHECK(at(at(inner, "c~d").items[1], "e").pointer == "/a~1b/c~0d/1/e");
  std::string pointer = "/x";
  append_pointer_token(pointer, "~/a~~/");
  append_pointer_token(pointer, "");
  append_pointer_token(pointer, "plain");
  CHECK(pointer == "/x/~0~1a~0~0~1//plain");
}

TEST_CASE("JSON pointers stay right across the parser's pointer blocks and outlive the parse") {
  // 4,000 members with long keys fill several of the 16 KB blocks the parser keeps pointers in.
  std::string text = "{";
  for (int i = 0; i < 4000; ++i) text += fmt::format("{}\"key-{:0>20}\": [\"v\"]", i ? "," : "", i);
  text += "}";
  JsonValue copied;
  {
    const auto result = parse_json(text);
    REQUIRE(result.root);
    REQUIRE(result.root->members.size() == 4000);
    for (const int i : {0, 1, 1999, 3999}) {
      const auto& member = result.root->members[static_cast<std::size_t>(i)];
      CHECK(member.value.pointer == fmt::format("/key-{:0>20}", i));
      CHECK(member.value.items.at(0).pointer == fmt::format("/key-{:0>20}/0", i));
    }
    copied = result.root->members.back().value;  // a subtree taken out of the tree
  }
  // The parse result is gone; the copy's pointers are still its own (ASan checks the read).
  CHECK(copied.pointer == fmt::format("/key-{:0>20}", 3999));
  CHECK(copied.items.at(0).pointer.view() == fmt::format("/key-{:0>20}/0", 3999));
  CHECK(SharedText("/built/elsewhere") == std::string_view("/built/elsewhere"));
  CHECK(SharedText().empty());
}

TEST_CASE("duplicate keys are kept and reported") {
  const auto result = parse_json("{\"a\": 1, \"b\": 2, \"a\": 3}");
  REQUIRE(result.root);
  REQUIRE(result.duplicates.size() == 1);
  CHECK(result.duplicates[0].key == "a");
  CHECK(result.duplicates[0].key_span.begin.column == 18);
  CHECK(result.duplicates[0].first_key_span.begin.column == 2);
  CHECK(result.root->find("a")->value.text == "3");  // the last one wins, as in nlohmann's DOM
  CHECK(result.root->members.size() == 3);
}

TEST_CASE("duplicate keys in large objects") {
  std::string text = "{";
  for (int i = 0; i < 40; ++i) text += "\"k" + std::to_string(i) + "\": 0, ";
  text += "\"k7\": 1}";
  const auto result = parse_json(text);
  REQUIRE(result.duplicates.size() == 1);
  CHECK(result.duplicates[0].key == "k7");
}

TEST_CASE("a UTF-8 BOM is skipped and columns start after it") {
  const auto result = parse_json("\xEF\xBB\xBF{\"a\": 1}");
  REQUIRE(result.root);
  CHECK(result.had_bom);
  CHECK(result.root->span.begin.offset == 3);
  CHECK(result.root->span.begin.column == 1);
}

TEST_CASE("deep nesting is an error, not a crash") {
  const std::string deep(1'000'000, '[');
  const auto result = parse_json(deep);
  REQUIRE(result.error);
  CHECK(result.error->message.find("nested deeper than 256") != std::string::npos);
  CHECK(result.error->where.column == 257);
  ParseOptions options;
  options.max_depth = 3;
  CHECK(parse_json("[[[]]]", options).root);
  CHECK(parse_json("[[[[]]]]", options).error);
}

TEST_CASE("errors carry the position of the problem") {
  struct Case {
    std::string text;
    std::uint32_t line, column;
    std::string fragment;
  };
  const std::vector<Case> cases = {
      {"", 1, 1, "empty"},
      {"{\"a\": 1,}", 1, 9, "object key"},
      {"{\"a\" 1}", 1, 6, "':'"},
      {"[1 2]", 1, 4, "',' or ']'"},
      {"{\"a\": tru}", 1, 7, "unexpected character 't'"},
      {"{\"a\": 01}", 1, 8, "','"},
      {"{\"a\": \"x\ny\"}", 1, 9, "end of line"},
      {"{\"a\": \"\\x\"}", 1, 9, "not a JSON escape"},
      {"{\"a\": \"\xC3\x28\"}", 1, 8, "invalid UTF-8 byte 0xC3"},
      {"{\"a\": \"\xED\xA0\x80\"}", 1, 8, "invalid UTF-8"},  // an encoded surrogate
      {"{\"a\": \"\xC0\xAF\"}", 1, 8, "invalid UTF-8"},      // overlong
      {"\xFF", 1, 1, "invalid UTF-8 byte 0xFF"},
      {"{\"a\": \"\\uD800\"}", 1, 8, "surrogate"},
      {"{\"a\": \"\\uDC00\"}", 1, 8, "lone low surrogate"},
      {"{} {}", 1, 4, "after the end"},
      {"{\"é\": x}", 1, 7, "unexpected character 'x'"},
      {"{\n  \"a\": [1,\n  ", 3, 3, "end of file"},
      {"{\"a\": \"\t\"}", 1, 8, "control character U+0009"},
      {"-", 1, 2, "end of file"},
      {"1.", 1, 3, "digit after '.'"},
      {"1e+", 1, 4, "exponent"},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    const auto result = parse_json(c.text);
    REQUIRE(result.error);
    CHECK_FALSE(result.root);
    CHECK(result.error->message.find(c.fragment) != std::string::npos);
    CHECK(result.error->where.line == c.line);
    CHECK(result.error->where.column == c.column);
  }
}

TEST_CASE("strings decode escapes and surrogate pairs") {
  const auto result = parse_json(R"(["a\"b\\c\/d\b\f\n\r\t", "\u00e9\u20AC\uD83D\uDE00"])");
  REQUIRE(result.root);
  CHECK(result.root->items[0].text == "a\"b\\c/d\b\f\n\r\t");
  CHECK(result.root->items[1].text == "é€😀");
}

TEST_CASE("numbers keep their source text") {
  const auto result = parse_json("[0, -1.5e+10, 12345678901234567890]");
  REQUIRE(result.root);
  CHECK(result.root->items[1].text == "-1.5e+10");
  CHECK(result.root->items[2].text == "12345678901234567890");
}

// Differential check: our parser accepts exactly what nlohmann/json accepts, over seeded random
// mutations of valid documents (nlohmann rejects lone surrogate escapes as we do).
TEST_CASE("accepts the same inputs as nlohmann::json") {
  const std::vector<std::string> seeds = {
      R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ses:SendRawEmail"],"Resource":"*"}]})",
      R"([1, -2.5e3, true, false, null, "a\u00e9\n", {"k": [{}]}])",
      "{\"é\": \"😀\", \"x\": [0.1, 1E5]}",
  };
  const std::string alphabet = "{}[]\",:-+.eE0123456789 \\untrfals\xC3\xA9\xFF/\x01";
  std::mt19937 rng(20261122);
  int checked = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string text = seeds[rng() % seeds.size()];
    const int edits = 1 + static_cast<int>(rng() % 3);
    for (int e = 0; e < edits && !text.empty(); ++e) {
      const std::size_t pos = rng() % text.size();
      switch (rng() % 3) {
        case 0: text.erase(pos, 1); break;
        case 1: text.insert(pos, 1, alphabet[rng() % alphabet.size()]); break;
        default: text[pos] = alphabet[rng() % alphabet.size()]; break;
      }
    }
    const bool ours = parse_json(text).root.has_value();
    bool theirs = true;
    try {
      const auto parsed = nlohmann::json::parse(text);
      CHECK_FALSE(parsed.is_discarded());
    } catch (const nlohmann::json::out_of_range&) {
      continue;  // a number too large for a double: valid JSON, a limit of nlohmann's
    } catch (const nlohmann::json::parse_error&) {
      theirs = false;
    }
    INFO(text);
    REQUIRE(ours == theirs);
    ++checked;
  }
  CHECK(checked > 19000);
}

// Strings are scanned 16 bytes at a time where SSE2 is: a stop byte (quote, escape, control
// character, UTF-8) at every position of a long string, before, inside and after such a block.
TEST_CASE("every byte of a long string is read, whichever position of a block it holds") {
  struct Stop {
    std::string written, decoded;
    std::uint32_t columns;  // code points it takes in the source
  };
  const std::vector<Stop> stops = {{"\\n", "\n", 2}, {"\\\"", "\"", 2}, {"\\u00e9", "\xC3\xA9", 6},
                                   {"\xC3\xA9", "\xC3\xA9", 1}, {"\xF0\x9F\x98\x80", "\xF0\x9F\x98\x80", 1},
                                   {"\x7F", "\x7F", 1}, {"~", "~", 1}};
  for (std::size_t before = 0; before < 40; ++before)
    for (const auto& stop : stops) {
      const std::string head(before, 'a'), tail(40 - before, 'b');
      const std::string text = "[\"" + head + stop.written + tail + "\"]";
      const auto result = parse_json(text);
      INFO("stop " << stop.written << " after " << before << " bytes");
      REQUIRE(result.root);
      CHECK(result.root->items[0].text == head + stop.decoded + tail);
      CHECK(result.root->items[0].span.end.column == 2 + before + stop.columns + tail.size() + 2);
      const std::string control = "[\"" + head + "\x01" + tail + "\"]";
      const auto bad = parse_json(control);
      REQUIRE(bad.error);
      CHECK(bad.error->where.column == 3 + before);
    }
}

// Indentation is skipped 16 bytes at a time where SSE2 is: a run of spaces and tabs of every length
// up to 40, ending in each kind of byte that can follow it, keeps every column right.
TEST_CASE("runs of indentation of every length keep columns right") {
  for (std::size_t blanks = 0; blanks < 40; ++blanks)
    for (const char* next : {"1", "\"x\"", "\n1", "\r\n1", "{}"}) {
      std::string indentation;
      for (std::size_t i = 0; i < blanks; ++i) indentation += i % 5 == 3 ? '\t' : ' ';
      const std::string text = "[" + indentation + next + "]";
      const auto result = parse_json(text);
      INFO(blanks << " blanks, then " << next);
      REQUIRE(result.root);
      REQUIRE(result.root->items.size() == 1);
      const bool new_line = next[0] == '\n' || next[0] == '\r';
      CHECK(result.root->items[0].span.begin.line == (new_line ? 2u : 1u));
      CHECK(result.root->items[0].span.begin.column == (new_line ? 1u : 2u + blanks));
    }
}
