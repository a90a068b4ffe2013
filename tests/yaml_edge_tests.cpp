// The YAML reader's edge cases: flow-style errors, several documents, tags it does not know, tabs.
// Errors must carry a position and never crash; messages are the reader's business (only their
// subject is checked here).
#include <catch2/catch.hpp>

#include <string>

#include "seslint/inputs.hpp"
#include "seslint/json.hpp"

using namespace seslint;

namespace {

const JsonValue* member(const JsonValue& object, std::string_view key) {
  for (const auto& m : object.members)
    if (m.key == key) return &m.value;
  return nullptr;
}

}  // namespace

TEST_CASE("YAML: unclosed and mismatched flow collections are errors at their line") {
  for (const auto& [source, line] : {std::pair<std::string, std::uint32_t>{"a: 1\nb: {x: [1, 2}\n", 2},
                                     {"a: 1\nb: [1, 2\nc: 3\n", 3},
                                     {"a: {x: 1,\n  y: 2\n", 3},
                                     {"Statement: [{Effect: Allow]\n", 1}}) {
    INFO(source);
    const auto result = parse_yaml(source);
    REQUIRE(result.error);
    CHECK_FALSE(result.root);
    CHECK(result.error->message.rfind("YAML: ", 0) == 0);
    CHECK(result.error->where.line == line);
  }
}

TEST_CASE("YAML: only the first of several documents is read") {
  const auto result = parse_yaml("---\nfirst: 1\n---\nsecond: 2\n...\n");
  REQUIRE_FALSE(result.error);
  REQUIRE(result.root);
  REQUIRE(result.root->is_object());
  REQUIRE(result.root->members.size() == 1);
  CHECK(result.root->members[0].key == "first");
  CHECK(result.root->members[0].value.span.begin.line == 2);
}

TEST_CASE("YAML: a stream without a document, or holding only comments, is empty") {
  for (const char* source : {"", "# nothing here\n", "\n\n"}) {
    INFO(source);
    const auto result = parse_yaml(source);
    REQUIRE(result.error);
    CHECK(result.error->message.find("empty") != std::string::npos);
  }
}

TEST_CASE("YAML: short tags become intrinsics, standard and verbatim tags leave the value as it is") {
  const auto result = parse_yaml("a: !Frobnicate x\n"
                                 "b: !Ref Param\n"
                                 "c: !!str 123\n"
                                 "d: !<tag:example.com,2026:thing> y\n"
                                 "e: 123\n");
  REQUIRE_FALSE(result.error);
  const JsonValue& root = *result.root;
  const JsonValue* a = member(root, "a");
  REQUIRE(a);
  REQUIRE(a->is_object());  // an unknown short tag is read like any CloudFormation function
  REQUIRE(a->members.size() == 1);
  CHECK(a->members[0].key == "Fn::Frobnicate");
  CHECK(a->members[0].value.text == "x");
  const JsonValue* b = member(root, "b");
  REQUIRE(b);
  REQUIRE(b->members.size() == 1);
  CHECK(b->members[0].key == "Ref");
  const JsonValue* c = member(root, "c");
  REQUIRE(c);
  CHECK(c->kind == JsonKind::String);  // !!str keeps 123 a string
  CHECK(c->text == "123");
  const JsonValue* d = member(root, "d");
  REQUIRE(d);
  CHECK(d->kind == JsonKind::String);
  CHECK(d->text == "y");
  const JsonValue* e = member(root, "e");
  REQUIRE(e);
  CHECK(e->kind == JsonKind::Number);
}

TEST_CASE("YAML: a tab in indentation is an error at its line, a tab inside a value is text") {
  const auto indented = parse_yaml("Statement:\n\t- Effect: Allow\n");
  REQUIRE(indented.error);
  CHECK(indented.error->where.line == 2);
  CHECK_FALSE(indented.root);
  const auto in_value = parse_yaml("Sid: \"a\\tb\"\nName: 'x\ty'\n");
  REQUIRE_FALSE(in_value.error);
  CHECK(member(*in_value.root, "Sid")->text == "a\tb");
  CHECK(member(*in_value.root, "Name")->text == "x\ty");
}

TEST_CASE("YAML: a mapping or sequence as a key is an error, not a crash") {
  for (const char* source : {"? [a, b]\n: 1\n", "? {a: 1}\n: 2\n"}) {
    INFO(source);
    const auto result = parse_yaml(source);
    REQUIRE(result.error);
    CHECK(result.error->where.line == 1);
  }
}

TEST_CASE("YAML: a last scalar without a final newline ends at the end of the text, after it begins") {
  const std::string source = "Outputs:\n  Url:\n    Value: !Sub https://x.example/v1";
  const auto result = parse_yaml(source);
  REQUIRE_FALSE(result.error);
  REQUIRE(result.root);
  const JsonValue* value = member(*member(*member(*result.root, "Outputs"), "Url"), "Value");
  REQUIRE(value);
  CHECK(value->span.begin.offset == source.find("!Sub"));  // a tagged scalar begins at its tag
  CHECK(value->span.end.offset == source.size());
  CHECK(value->span.end.line == 3);
  CHECK(value->span.end.column == 37);
  const JsonValue* sub = member(*value, "Fn::Sub");
  REQUIRE(sub);
  CHECK(sub->span.begin.offset <= sub->span.end.offset);
}
