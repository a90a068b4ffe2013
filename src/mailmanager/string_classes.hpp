#pragma once
// The classes of strings a set of literals can tell apart under EQUALS, STARTS_WITH, ENDS_WITH and
// CONTAINS: one witness string per distinct combination of outcomes, found by a breadth-first walk
// over an Aho-Corasick automaton of the literals (so the witnesses are the shortest ones).
#include <cstddef>
#include <string>
#include <vector>

namespace seslint::mm {

struct StringClasses {
  std::vector<std::string> witnesses;
  bool complete = true;  // false: more automaton states than the budget
};

StringClasses string_classes(const std::vector<std::string>& literals, std::size_t max_states = 2'000);

}  // namespace seslint::mm
