#include "seslint/condition_operators.hpp"

#include <array>
#include <vector>

#include <fmt/format.h>

#include "seslint/text_match.hpp"

namespace seslint {
namespace {

using F = OperatorFamily;
constexpr std::array<OperatorInfo, 27> kOperators{{
    {"StringEquals", F::String, false, false, false},
    {"StringNotEquals", F::String, true, false, false},
    {"StringEqualsIgnoreCase", F::String, false, false, true},
    {"StringNotEqualsIgnoreCase", F::String, true, false, true},
    {"StringLike", F::String, false, true, false},
    {"StringNotLike", F::String, true, true, false},
    {"NumericEquals", F::Numeric, false, false, false},
    {"NumericNotEquals", F::Numeric, true, false, false},
    {"NumericLessThan", F::Numeric, false, false, false},
    {"NumericLessThanEquals", F::Numeric, false, false, false},
    {"NumericGreaterThan", F::Numeric, false, false, false},
    {"NumericGreaterThanEquals", F::Numeric, false, false, false},
    {"DateEquals", F::Date, false, false, false},
    {"DateNotEquals", F::Date, true, false, false},
    {"DateLessThan", F::Date, false, false, false},
    {"DateLessThanEquals", F::Date, false, false, false},
    {"DateGreaterThan", F::Date, false, false, false},
    {"DateGreaterThanEquals", F::Date, false, false, false},
    {"Bool", F::Bool, false, false, false},
    {"BinaryEquals", F::Binary, false, false, false},
    {"IpAddress", F::Ip, false, false, false},
    {"NotIpAddress", F::Ip, true, false, false},
    {"ArnEquals", F::Arn, false, true, false},
    {"ArnLike", F::Arn, false, true, false},
    {"ArnNotEquals", F::Arn, true, true, false},
    {"ArnNotLike", F::Arn, true, true, false},
    {"Null", F::Null, false, false, false},
}};

constexpr std::string_view kIfExists = "IfExists";

// Every valid spelling without a qualifier, for suggestions.
const std::vector<std::string>& all_spellings() {
  static const std::vector<std::string> spellings = [] {
    std::vector<std::string> out;
    for (const auto& op : kOperators) {
      out.emplace_back(op.name);
      if (op.family != F::Null) out.push_back(std::string(op.name) + std::string(kIfExists));
    }
    return out;
  }();
  return spellings;
}

std::string suggest(std::string_view unqualified) {
  const auto& spellings = all_spellings();
  std::vector<std::string_view> views(spellings.begin(), spellings.end());
  return std::string(did_you_mean(unqualified, views));
}

const OperatorInfo* find_base(std::string_view name, bool ignore_case) {
  for (const auto& op : kOperators)
    if (ignore_case ? iequals(op.name, name) : op.name == name) return &op;
  return nullptr;
}

bool ends_with_ignore_case(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && iequals(text.substr(text.size() - suffix.size()), suffix);
}

}  // namespace

std::span<const OperatorInfo> condition_operators() { return kOperators; }

std::string_view to_string(OperatorFamily family) {
  switch (family) {
    case F::String: return "String";
    case F::Numeric: return "Numeric";
    case F::Date: return "Date";
    case F::Bool: return "Bool";
    case F::Binary: return "Binary";
    case F::Ip: return "IP address";
    case F::Arn: return "ARN";
    case F::Null: return "Null";
  }
  return "";
}

bool family_allows_variables(OperatorFamily family) {
  return family == F::String || family == F::Bool || family == F::Arn;
}

ParsedOperator parse_operator(std::string_view text) {
  ParsedOperator result;
  std::string_view rest = text;
  std::string_view qualifier_name;  // canonical, with no colon
  bool exact = true;
  if (const auto colon = rest.find(':'); colon != std::string_view::npos) {
    static constexpr std::string_view qualifiers[] = {"ForAllValues", "ForAnyValue"};
    const std::string_view qualifier = rest.substr(0, colon);
    rest = rest.substr(colon + 1);
    for (std::string_view known : qualifiers)
      if (iequals(known, qualifier)) qualifier_name = known;
    if (qualifier_name.empty()) {
      result.problem = fmt::format("unknown set qualifier '{}' in condition operator '{}'", qualifier, text);
      const std::string_view near = did_you_mean(qualifier, qualifiers);
      if (!near.empty()) result.suggestion = fmt::format("{}:{}", near, rest);
      return result;
    }
    exact = qualifier_name == qualifier;
    result.qualifier = qualifier_name == "ForAllValues" ? SetQualifier::ForAllValues : SetQualifier::ForAnyValue;
  }
  const std::string prefix = qualifier_name.empty() ? std::string() : std::string(qualifier_name) + ":";
  std::string_view base = rest;
  if (ends_with_ignore_case(base, kIfExists) && base.size() > kIfExists.size()) {
    exact = exact && base.substr(base.size() - kIfExists.size()) == kIfExists;
    base = base.substr(0, base.size() - kIfExists.size());
    result.if_exists = true;
  }
  result.base = find_base(base, false);
  if (result.base == nullptr) {
    result.base = find_base(base, true);
    exact = false;
  }
  if (result.base == nullptr) {
    result.if_exists = false;
    result.problem = fmt::format("unknown condition operator '{}'", text);
    const std::string near = suggest(rest);
    if (!near.empty()) result.suggestion = prefix + near;
    return result;
  }
  result.exact_case = exact;
  if (result.base->family == F::Null && result.if_exists) {
    result.problem = fmt::format("condition operator '{}' is not valid: Null takes no IfExists", text);
    result.suggestion = prefix + "Null";
  } else if (!exact) {
    result.problem = fmt::format("condition operator '{}' is not spelled as IAM documents it", text);
    result.suggestion = prefix + std::string(result.base->name) + (result.if_exists ? std::string(kIfExists) : "");
  }
  return result;
}

}  // namespace seslint
