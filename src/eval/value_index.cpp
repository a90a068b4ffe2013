#include "eval/value_index.hpp"

#include <algorithm>

#include "seslint/ip.hpp"
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

bool has_wildcard(std::string_view text) { return text.find_first_of("*?") != std::string_view::npos; }

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
    for (const auto& value : clause.values) {
      const auto network = parse_ip_network(value.text);
      if (!network) continue;  // matches nothing
      IpNetwork last = network->network();
      for (int bit = network->prefix; bit < network->bits(); ++bit)
        last.bytes[bit / 8] |= static_cast<std::uint8_t>(0x80 >> (bit % 8));
      index.ranges_[network->v6 ? 1 : 0].push_back({network->network().bytes, last.bytes});
    }
    for (auto& ranges : index.ranges_) {
      std::sort(ranges.begin(), ranges.end());
      std::vector<std::pair<Bytes, Bytes>> merged;
      for (const auto& range : ranges) {
        if (!merged.empty() && range.first <= merged.back().second)
          merged.back().second = std::max(merged.back().second, range.second);
        else
          merged.push_back(range);
      }
      ranges = std::move(merged);
    }
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
  const auto& ranges = ranges_[address->v6 ? 1 : 0];
  const auto after = std::upper_bound(ranges.begin(), ranges.end(), address->bytes,
                                      [](const Bytes& bytes, const std::pair<Bytes, Bytes>& range) { return bytes < range.first; });
  return after != ranges.begin() && address->bytes <= std::prev(after)->second;
}

}  // namespace seslint::eval
