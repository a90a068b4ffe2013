#include "eval/value_index.hpp"

#include <algorithm>

#include "seslint/ip.hpp"
#include "seslint/text_match.hpp"
#include "seslint/values.hpp"

namespace seslint::eval {
namespace {

std::string fold(std::string_view text, bool ignore_case) {
  std::string out(text);
  if (ignore_case)
    for (char& c : out)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

void add_length(std::vector<std::size_t>& lengths, std::size_t length) {
  if (std::find(lengths.begin(), lengths.end(), length) == lengths.end()) lengths.push_back(length);
}

}  // namespace

std::optional<ValueIndex> ValueIndex::build(const Policy& policy, const Statement& statement,
                                            const ConditionClause& clause) {
  const ParsedOperator& parsed = statement.operator_of(clause).parsed;
  if (parsed.base == nullptr) return std::nullopt;
  const OperatorInfo& op = *parsed.base;
  const bool variables = policy.version_text() == "2012-10-17";  // only then is ${...} substituted
  ValueIndex index;
  if (op.family == OperatorFamily::Ip) {
    index.ip_ = true;
    for (const auto& value : clause.values)
      if (const auto network = parse_ip_network(value.text)) index.ranges_.add(*network);  // else matches nothing
    index.ranges_.seal();
    return index;
  }
  if (op.family != OperatorFamily::String && op.family != OperatorFamily::Binary) return std::nullopt;
  const bool ignore_case = op.family == OperatorFamily::String && op.ignore_case;
  const bool wildcards = op.family == OperatorFamily::String && op.wildcards;
  index.ignore_case_ = ignore_case;
  for (const auto& value : clause.values) {
    const std::string_view text = value.text;
    if (variables && op.family == OperatorFamily::String && has_variables(text)) return std::nullopt;
    if (!wildcards || !has_wildcard(text)) {
      index.literals_.insert(fold(text, ignore_case));
      continue;
    }
    const std::string_view body_after_star = text.substr(1), body_before_star = text.substr(0, text.size() - 1);
    if (text.front() == '*' && !has_wildcard(body_after_star)) {
      index.suffixes_.insert(fold(body_after_star, ignore_case));
      add_length(index.suffix_lengths_, body_after_star.size());
    } else if (text.back() == '*' && !has_wildcard(body_before_star)) {
      index.prefixes_.insert(fold(body_before_star, ignore_case));
      add_length(index.prefix_lengths_, body_before_star.size());
    } else {
      index.patterns_.push_back(GlobPattern::wildcard(text));
    }
  }
  return index;
}

bool ValueIndex::any_match(std::string_view request_value) const {
  return ip_ ? ip_match(request_value) : string_match(request_value);
}

bool ValueIndex::has_affix(const Set& set, const std::vector<std::size_t>& lengths, std::string_view value, bool suffix) {
  for (const std::size_t length : lengths) {
    if (length > value.size()) continue;
    if (set.find(suffix ? value.substr(value.size() - length) : value.substr(0, length)) != set.end()) return true;
  }
  return false;
}

bool ValueIndex::string_match(std::string_view request_value) const {
  const std::string folded = fold(request_value, ignore_case_);
  if (literals_.find(std::string_view(folded)) != literals_.end()) return true;
  if (has_affix(suffixes_, suffix_lengths_, folded, true) || has_affix(prefixes_, prefix_lengths_, folded, false))
    return true;
  return std::any_of(patterns_.begin(), patterns_.end(),
                     [&](const GlobPattern& pattern) { return pattern.matches(request_value, ignore_case_); });
}

bool ValueIndex::ip_match(std::string_view request_value) const {
  const auto address = parse_ip_network(request_value);
  if (!address || address->explicit_prefix) return false;
  return ranges_.contains(*address);
}

namespace {

std::string reversed(std::string_view text) { return std::string(text.rbegin(), text.rend()); }

// Orders sorted (text, position) entries against a text, both ways round, for equal_range.
struct ByText {
  template <typename Entry>
  bool operator()(const Entry& entry, std::string_view text) const { return std::string_view(entry.first) < text; }
  template <typename Entry>
  bool operator()(std::string_view text, const Entry& entry) const { return text < std::string_view(entry.first); }
};

// Calls `f` on the entries of `sorted` that start with `prefix` (all of them for an empty prefix).
template <typename Sorted, typename F>
std::size_t for_prefix(const Sorted& sorted, std::string_view prefix, F&& f) {
  auto it = std::lower_bound(sorted.begin(), sorted.end(), prefix, ByText{});
  std::size_t visited = 1;
  for (; it != sorted.end() && std::string_view(it->first).starts_with(prefix); ++it, ++visited) f(*it);
  return visited;
}

template <typename Sorted>
std::size_t collect_equal(const Sorted& sorted, std::string_view text, std::vector<std::uint32_t>& out) {
  auto [first, last] = std::equal_range(sorted.begin(), sorted.end(), text, ByText{});
  for (; first != last; ++first) out.push_back(first->second);
  return 1;
}

}  // namespace

const CandidateValues::Sorted& CandidateValues::texts(bool ignore_case, bool reverse) const {
  auto& slot = texts_[(ignore_case ? 1 : 0) + (reverse ? 2 : 0)];
  if (!slot) {
    Sorted sorted;
    sorted.reserve(values_.size());
    for (std::size_t i = 0; i < values_.size(); ++i) {
      const std::string folded = fold(values_[i], ignore_case);
      sorted.emplace_back(reverse ? reversed(folded) : folded, static_cast<std::uint32_t>(i));
    }
    std::sort(sorted.begin(), sorted.end());
    slot = std::move(sorted);
  }
  return *slot;
}

const std::vector<std::pair<CandidateValues::Bytes, std::uint32_t>>& CandidateValues::addresses(bool v6) const {
  if (!addresses_) {
    addresses_.emplace();
    for (std::size_t i = 0; i < values_.size(); ++i) {
      const auto address = parse_ip_network(values_[i]);
      if (address && !address->explicit_prefix)  // what ip_match accepts
        (*addresses_)[address->v6 ? 1 : 0].emplace_back(address->bytes, static_cast<std::uint32_t>(i));
    }
    for (auto& family : *addresses_) std::sort(family.begin(), family.end());
  }
  return (*addresses_)[v6 ? 1 : 0];
}

std::size_t ValueIndex::matching(const CandidateValues& candidates, std::vector<std::uint32_t>& out) const {
  const std::size_t start = out.size();
  std::size_t work = ip_ ? ip_matching(candidates, out) : 0;
  const std::size_t lookups = literals_.size() + prefixes_.size() + suffixes_.size();
  if (!ip_ && patterns_.empty() && lookups * 8 >= candidates.size()) {
    // A long list against few candidates: testing each candidate (a hash lookup) is cheaper than
    // a sorted lookup per value, and stays within a constant of the list's length.
    for (std::uint32_t i = 0; i < candidates.size(); ++i)
      if (string_match(candidates[i])) out.push_back(i);
    return candidates.size() + out.size() - start;
  }
  if (!ip_) {
    auto take = [&](const auto& entry) { out.push_back(entry.second); };
    if (!literals_.empty() || !prefixes_.empty()) {
      const auto& texts = candidates.texts(ignore_case_, false);
      for (const auto& literal : literals_) work += collect_equal(texts, literal, out);
      for (const auto& prefix : prefixes_) work += for_prefix(texts, prefix, take);
    }
    if (!suffixes_.empty()) {
      const auto& reversed_texts = candidates.texts(ignore_case_, true);
      for (const auto& suffix : suffixes_) work += for_prefix(reversed_texts, reversed(suffix), take);
    }
    for (const auto& pattern : patterns_) work += pattern_matching(pattern, candidates, out);
  }
  const auto first = out.begin() + static_cast<std::ptrdiff_t>(start);
  if (!std::is_sorted(first, out.end())) std::sort(first, out.end());
  out.erase(std::unique(first, out.end()), out.end());
  return work + (out.size() - start);
}

std::size_t ValueIndex::ip_matching(const CandidateValues& candidates, std::vector<std::uint32_t>& out) const {
  std::size_t work = 0;
  for (const bool v6 : {false, true}) {
    const auto& addresses = candidates.addresses(v6);
    for (const auto& [first, last] : ranges_.intervals(v6)) {
      auto it = std::lower_bound(addresses.begin(), addresses.end(), first,
                                 [](const auto& entry, const Bytes& bytes) { return entry.first < bytes; });
      for (++work; it != addresses.end() && it->first <= last; ++it) out.push_back(it->second);
    }
  }
  return work;
}

// A pattern is tested on the candidates that share its literal prefix (or, lacking one, its literal
// suffix): a match must start (end) with it. Matching folds ASCII only, as `fold` does.
std::size_t ValueIndex::pattern_matching(const GlobPattern& pattern, const CandidateValues& candidates,
                                         std::vector<std::uint32_t>& out) const {
  const std::string_view encoded = pattern.encoded();
  const char wildcards[] = {GlobPattern::kStar, GlobPattern::kOne, '\0'};
  const std::size_t first = encoded.find_first_of(wildcards), last = encoded.find_last_of(wildcards);
  auto test = [&](const auto& entry) {
    if (pattern.matches(candidates[entry.second], ignore_case_)) out.push_back(entry.second);
  };
  if (first == std::string_view::npos) return for_prefix(candidates.texts(ignore_case_, false), fold(encoded, ignore_case_), test);
  const std::string prefix = fold(encoded.substr(0, first), ignore_case_);
  const std::string suffix = fold(encoded.substr(last + 1), ignore_case_);
  if (!prefix.empty() || suffix.empty()) return for_prefix(candidates.texts(ignore_case_, false), prefix, test);
  return for_prefix(candidates.texts(ignore_case_, true), reversed(suffix), test);
}

}  // namespace seslint::eval
