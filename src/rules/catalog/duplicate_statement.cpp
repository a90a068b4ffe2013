// IAM211 duplicate-statement: a statement that grants (or denies) exactly what an earlier statement
// of the policy does: the same elements apart from Sid, compared as sets (the order of values in an
// array, and "x" against ["x"], make no difference).
#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>

#include "rules/factories.hpp"
#include "rules/support/rule_support.hpp"

namespace seslint::rules {
namespace {

// Length-prefixed, so no text can pass for a structure.
std::string keyed(std::string_view key, std::string_view rest) { return fmt::format("{}:{}={}", key.size(), key, rest); }

// A text that two JSON values share exactly when they mean the same policy content.
// Template values (CloudFormation intrinsics, Terraform unknowns) could be anything: `unknown` is set.
std::string canonical(const JsonValue& value, bool& unknown) {
  switch (value.kind) {
    case JsonKind::Array: {
      if (value.items.size() == 1) return canonical(value.items.front(), unknown);
      std::vector<std::string> items;
      for (const auto& item : value.items) items.push_back(canonical(item, unknown));
      std::sort(items.begin(), items.end());
      items.erase(std::unique(items.begin(), items.end()), items.end());
      std::string out = "[";
      for (const auto& item : items) out += item + ",";
      return out + "]";
    }
    case JsonKind::Object: {
      std::vector<std::string> members;
      for (const auto& member : value.members) members.push_back(keyed(member.key, canonical(member.value, unknown)));
      std::sort(members.begin(), members.end());
      std::string out = "{";
      for (const auto& member : members) out += member + ",";
      return out + "}";
    }
    case JsonKind::String:
      unknown = unknown || value.templated;
      return fmt::format("s{}:{}", value.text.size(), value.text);
    case JsonKind::Bool: return value.boolean ? "true" : "false";
    case JsonKind::Number: return "n" + value.text.str();
    case JsonKind::Null: return "null";
  }
  return {};
}

std::string canonical_without_sid(const Statement& statement, bool& unknown) {
  std::vector<std::string> members;
  for (const auto& member : statement.node->members)
    if (member.key != "Sid") members.push_back(keyed(member.key, canonical(member.value, unknown)));
  std::sort(members.begin(), members.end());
  std::string out;
  for (const auto& member : members) out += member + ",";
  return out;
}

// A hash of canonical_without_sid's text, computed without building it: equal texts give equal
// hashes, so only statements whose hash another shares need the text.
std::uint64_t mix(std::uint64_t seed, std::uint64_t value) {
  return seed ^ (value + 0x9E3779B97F4A7C15ULL + (seed << 6) + (seed >> 2));
}

std::uint64_t text_hash(char tag, std::string_view text) { return mix(static_cast<unsigned char>(tag), std::hash<std::string_view>{}(text)); }

// The parts of every array and object being hashed, innermost last: one buffer for a whole
// statement instead of a vector per array and object.
using PartStack = std::vector<std::uint64_t>;

std::uint64_t canonical_hash(const JsonValue& value, bool& unknown, PartStack& parts);

// The hash of the parts pushed since `first`, sorted (and deduplicated when `unique`), as
// canonical joins them; pops them.
std::uint64_t sorted_hash(char tag, PartStack& parts, std::size_t first, bool unique) {
  const auto begin = parts.begin() + static_cast<std::ptrdiff_t>(first);
  std::sort(begin, parts.end());
  const auto end = unique ? std::unique(begin, parts.end()) : parts.end();
  std::uint64_t out = static_cast<unsigned char>(tag);
  for (auto part = begin; part != end; ++part) out = mix(out, *part);
  parts.resize(first);
  return out;
}

std::uint64_t member_hash(const JsonMember& member, bool& unknown, PartStack& parts) {
  return mix(text_hash('k', member.key), canonical_hash(member.value, unknown, parts));
}

std::uint64_t canonical_hash(const JsonValue& value, bool& unknown, PartStack& parts) {
  switch (value.kind) {
    case JsonKind::Array: {
      if (value.items.size() == 1) return canonical_hash(value.items.front(), unknown, parts);
      const std::size_t first = parts.size();
      for (const auto& item : value.items) {
        const std::uint64_t hash = canonical_hash(item, unknown, parts);
        parts.push_back(hash);
      }
      return sorted_hash('[', parts, first, true);
    }
    case JsonKind::Object: {
      const std::size_t first = parts.size();
      for (const auto& member : value.members) {
        const std::uint64_t hash = member_hash(member, unknown, parts);
        parts.push_back(hash);
      }
      return sorted_hash('{', parts, first, false);
    }
    case JsonKind::String:
      unknown = unknown || value.templated;
      return text_hash('s', value.text);
    case JsonKind::Bool: return value.boolean ? 1 : 2;
    case JsonKind::Number: return text_hash('n', value.text);
    case JsonKind::Null: return 3;
  }
  return 0;
}

std::uint64_t canonical_hash_without_sid(const Statement& statement, bool& unknown, PartStack& parts) {
  parts.clear();
  for (const auto& member : statement.node->members)
    if (member.key != "Sid") {
      const std::uint64_t hash = member_hash(member, unknown, parts);
      parts.push_back(hash);
    }
  return sorted_hash('S', parts, 0, false);
}

// The same hash with the Action and NotAction values left out (their keys kept): equal statements
// have equal outlines, and the action lists, most of a statement's text, are hashed only for
// statements whose outline another shares.
std::uint64_t outline_hash(const Statement& statement, bool& unknown, PartStack& parts) {
  parts.clear();
  for (const auto& member : statement.node->members) {
    if (member.key == "Sid") continue;
    const bool actions = member.key == "Action" || member.key == "NotAction";
    const std::uint64_t hash = actions ? text_hash('k', member.key) : member_hash(member, unknown, parts);
    parts.push_back(hash);
  }
  return sorted_hash('O', parts, 0, false);
}

// Does another entry of `sorted` hold `hash`?
bool shared(const std::vector<std::uint64_t>& sorted, std::uint64_t hash) {
  const auto range = std::equal_range(sorted.begin(), sorted.end(), hash);
  return range.second - range.first > 1;
}

class DuplicateStatement final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::Policy); }
  void check_policy(const Policy& policy, Reporter& out) const override {
    const auto judged = [](const Statement& statement) {
      return statement.effect != Effect::Invalid && statement.node != nullptr && statement.node->is_object();
    };
    // Statements with an outline, then a hash, no other shares have no duplicate: most policies end
    // here. Per statement, its hash while another statement shares it and nothing in it is unknown.
    if (policy.statements.size() < 2) return;
    std::vector<std::optional<std::uint64_t>> hashes(policy.statements.size());
    PartStack parts;
    const auto hash_where = [&](auto&& wanted, auto&& hash_of) {
      for (std::size_t i = 0; i < policy.statements.size(); ++i) {
        if (!wanted(i)) continue;
        bool unknown = false;
        const std::uint64_t hash = hash_of(policy.statements[i], unknown, parts);
        hashes[i] = unknown ? std::nullopt : std::optional<std::uint64_t>(hash);
      }
      std::vector<std::uint64_t> sorted;
      for (const auto& hash : hashes)
        if (hash) sorted.push_back(*hash);
      std::sort(sorted.begin(), sorted.end());
      for (auto& hash : hashes)
        if (hash && !shared(sorted, *hash)) hash.reset();
    };
    hash_where([&](std::size_t i) { return judged(policy.statements[i]); }, outline_hash);
    hash_where([&](std::size_t i) { return hashes[i].has_value(); }, canonical_hash_without_sid);
    std::map<std::string, const Statement*> first;
    for (std::size_t i = 0; i < policy.statements.size(); ++i) {
      if (!hashes[i]) continue;
      const Statement& statement = policy.statements[i];
      bool unknown = false;
      std::string text = canonical_without_sid(statement, unknown);
      const auto [it, inserted] = first.emplace(std::move(text), &statement);
      if (inserted) continue;
      out.report_at(out.default_level(), statement.node->opening(), statement.node->pointer,
                 fmt::format("{} {} exactly what {} {} already: it is redundant", statement.label(),
                             statement.effect == Effect::Allow ? "grants" : "denies", it->second->label(),
                             statement.effect == Effect::Allow ? "grants" : "denies"),
                 fmt::format("remove {}", statement.label()));
    }
  }
};

}  // namespace
std::unique_ptr<Rule> make_duplicate_statement() { return std::make_unique<DuplicateStatement>(); }
}  // namespace seslint::rules
