#pragma once
// The classes of strings a set of literals can tell apart under EQUALS, STARTS_WITH, ENDS_WITH and
// CONTAINS: one witness string per distinct combination of outcomes, found by a breadth-first walk
// over an Aho-Corasick automaton of the literals (so the witnesses are the shortest ones).
#include <compare>
#include <cstddef>
#include <string>
#include <vector>

namespace seslint::mm {

struct StringClasses {
  std::vector<std::string> witnesses;
  bool complete = true;  // false: more automaton states than the budget
};

// What conditions ask of one literal, as bits: a class split only matters where a condition reads it
// (NOT_EQUALS asks what EQUALS asks).
enum StringRelation : unsigned { kEquals = 1, kStartsWith = 2, kEndsWith = 4, kContains = 8, kEveryRelation = 15 };
struct StringTest {
  std::string literal;
  unsigned relations = kEveryRelation;
  auto operator<=>(const StringTest&) const = default;
};

// One witness per combination of the tests' outcomes (`tests`: sorted, one per literal).
StringClasses string_classes(const std::vector<StringTest>& tests, std::size_t max_states = 2'000);
// The same with every relation asked of every literal.
StringClasses string_classes(const std::vector<std::string>& literals, std::size_t max_states = 2'000);

}  // namespace seslint::mm
