#include "mailmanager/string_classes.hpp"

#include <deque>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace seslint::mm {
namespace {

class Automaton {
 public:
  explicit Automaton(const std::vector<std::string>& literals) : literals_(literals) {
    add("");
    for (const auto& literal : literals)
      for (std::size_t i = 1; i <= literal.size(); ++i) add(literal.substr(0, i));
    std::set<char> chars;
    for (const auto& literal : literals) chars.insert(literal.begin(), literal.end());
    alphabet_.assign(chars.begin(), chars.end());
    // One character no literal holds stands for all such characters.
    for (const char fresh : std::string_view("x#0%~qzZ9_")) {
      if (chars.count(fresh) == 0) {
        alphabet_.push_back(fresh);
        break;
      }
    }
  }

  const std::string& text(int node) const { return nodes_[static_cast<std::size_t>(node)]; }
  std::size_t size() const { return nodes_.size(); }
  const std::vector<char>& alphabet() const { return alphabet_; }
  int find(const std::string& text) const {
    const auto it = index_.find(text);
    return it == index_.end() ? -1 : it->second;
  }
  // The longest suffix of text(node) + c that is a prefix of a literal.
  int next(int node, char c) {
    const auto key = (static_cast<long long>(node) << 8) | static_cast<unsigned char>(c);
    if (const auto it = memo_.find(key); it != memo_.end()) return it->second;
    const std::string extended = text(node) + c;
    int out = 0;
    for (std::size_t start = 0; start <= extended.size(); ++start)
      if (const int found = find(extended.substr(start)); found >= 0) {
        out = found;
        break;
      }
    memo_.emplace(key, out);
    return out;
  }
  // Which literals end text(node): a bit string, one character per literal.
  std::string suffix_bits(int node) const {
    std::string bits(literals_.size(), '0');
    const std::string& s = text(node);
    for (std::size_t i = 0; i < literals_.size(); ++i)
      if (s.ends_with(literals_[i])) bits[i] = '1';
    return bits;
  }

 private:
  void add(const std::string& text) {
    if (index_.emplace(text, static_cast<int>(nodes_.size())).second) nodes_.push_back(text);
  }
  const std::vector<std::string>& literals_;
  std::vector<std::string> nodes_;
  std::unordered_map<std::string, int> index_;
  std::vector<char> alphabet_;
  std::unordered_map<long long, int> memo_;
};

// The outcome of each test on `text`: which literals it equals, starts with, ends with and
// contains, for the relations asked of each.
std::string signature(const std::vector<StringTest>& tests, const std::string& text) {
  std::string out;
  out.reserve(tests.size() * 4);
  for (const auto& [literal, relations] : tests) {
    if (relations & kEquals) out += text == literal ? '1' : '0';
    if (relations & kStartsWith) out += text.starts_with(literal) ? '1' : '0';
    if (relations & kEndsWith) out += text.ends_with(literal) ? '1' : '0';
    if (relations & kContains) out += text.find(literal) != std::string::npos ? '1' : '0';
  }
  return out;
}

std::vector<std::string> literals_of(const std::vector<StringTest>& tests) {
  std::vector<std::string> out;
  out.reserve(tests.size());
  for (const auto& test : tests) out.push_back(test.literal);
  return out;
}

std::string or_bits(std::string a, const std::string& b) {
  for (std::size_t i = 0; i < a.size(); ++i)
    if (b[i] == '1') a[i] = '1';
  return a;
}

// A string that is no literal's prefix: what it starts with is settled, and what it ends with and
// contains follows the automaton.
struct Diverged {
  std::string witness;
  int node;              // automaton state
  std::string contains;  // bit string
};

}  // namespace

StringClasses string_classes(const std::vector<std::string>& literals, std::size_t max_states) {
  std::vector<StringTest> tests;
  tests.reserve(literals.size());
  for (const auto& literal : literals) tests.push_back({literal, kEveryRelation});
  return string_classes(tests, max_states);
}

StringClasses string_classes(const std::vector<StringTest>& tests, std::size_t max_states) {
  StringClasses out;
  const std::vector<std::string> literals = literals_of(tests);
  Automaton automaton(literals);
  std::map<std::string, std::string> by_signature;  // signature -> shortest witness
  auto keep = [&](const std::string& witness) {
    const std::string sig = signature(tests, witness);
    const auto it = by_signature.find(sig);
    if (it == by_signature.end() || witness.size() < it->second.size()) by_signature[sig] = witness;
  };
  std::deque<Diverged> queue;
  // A diverged string equals no literal and its starts-with bits are settled; what follows depends
  // only on the starts-with and contains bits asked, and the automaton state: two states alike there
  // lead to the same signatures.
  std::unordered_set<std::string> seen;  // asked starts-with bits | node | asked contains bits
  auto visit = [&](Diverged state) {
    std::string key;
    for (std::size_t i = 0; i < tests.size(); ++i)
      if (tests[i].relations & kStartsWith) key += state.witness.starts_with(literals[i]) ? '1' : '0';
    key += '|' + std::to_string(state.node) + '|';
    for (std::size_t i = 0; i < tests.size(); ++i)
      if (tests[i].relations & kContains) key += state.contains[i];
    if (!seen.insert(key).second) return;
    if (seen.size() > max_states) {
      out.complete = false;
      return;
    }
    keep(state.witness);
    queue.push_back(std::move(state));
  };
  // Prefixes of literals, in order of length; each step off the trie starts a diverged walk.
  for (std::size_t node = 0; node < automaton.size() && out.complete; ++node) {
    const std::string& text = automaton.text(static_cast<int>(node));
    keep(text);
    for (const char c : automaton.alphabet()) {
      const std::string extended = text + c;
      if (automaton.find(extended) >= 0) continue;
      std::string contains(literals.size(), '0');
      for (std::size_t i = 0; i < literals.size(); ++i)
        if (extended.find(literals[i]) != std::string::npos) contains[i] = '1';
      visit({extended, automaton.next(static_cast<int>(node), c), contains});
    }
  }
  while (!queue.empty() && out.complete) {
    const Diverged state = std::move(queue.front());
    queue.pop_front();
    for (const char c : automaton.alphabet()) {
      const int node = automaton.next(state.node, c);
      visit({state.witness + c, node, or_bits(state.contains, automaton.suffix_bits(node))});
    }
  }
  for (auto& [sig, witness] : by_signature) out.witnesses.push_back(std::move(witness));
  return out;
}

}  // namespace seslint::mm
