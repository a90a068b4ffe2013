// Condition semantics (facts §2): AND across operators and keys, OR across values (AND-of-NOT for
// negated operators), absent keys, IfExists, ForAllValues/ForAnyValue, Null, policy variables.
// Where AWS documents nothing, the oracle's behaviour is followed (docs/evaluator.md).
#include <charconv>
#include <cmath>
#include <ctime>
#include <functional>
#include <optional>

#include "seslint/arn.hpp"
#include "seslint/eval.hpp"
#include "seslint/glob.hpp"
#include "seslint/ip.hpp"
#include "seslint/text_match.hpp"
#include "seslint/values.hpp"
#include "eval/variables.hpp"

namespace seslint::eval {
namespace {

std::optional<double> number(std::string_view text) {
  if (!is_numeric_text(text)) return std::nullopt;
  double value = 0;
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// Seconds since the epoch (fractions kept) for ISO 8601 dates and date-times or epoch seconds.
std::optional<double> date(std::string_view text) {
  if (!is_date_text(text)) return std::nullopt;
  if (text.find('-') == std::string_view::npos || text.size() < 10) return number(text);
  std::tm tm{};
  auto digits = [&](std::size_t pos, std::size_t count) {
    int value = 0;
    std::from_chars(text.data() + pos, text.data() + pos + count, value);
    return value;
  };
  tm.tm_year = digits(0, 4) - 1900;
  tm.tm_mon = digits(5, 2) - 1;
  tm.tm_mday = digits(8, 2);
  double fraction = 0, offset = 0;
  if (text.size() > 10) {
    tm.tm_hour = digits(11, 2);
    tm.tm_min = digits(14, 2);
    std::size_t pos = 16;
    if (pos < text.size() && text[pos] == ':') {
      tm.tm_sec = digits(17, 2);
      pos = 19;
      if (pos < text.size() && text[pos] == '.') {
        const std::size_t start = pos;
        ++pos;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
        fraction = number(text.substr(start, pos - start)).value_or(0);
      }
    }
    if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
      const double sign = text[pos] == '+' ? 1 : -1;
      const int hours = digits(pos + 1, 2);
      const int minutes = text.size() >= pos + 5 ? digits(text.size() - 2, 2) : 0;
      offset = sign * (hours * 3600 + minutes * 60);
    }
  }
  return static_cast<double>(timegm(&tm)) + fraction - offset;
}

// The positive test of one policy value against one request value.
bool value_matches(const Policy& policy, const OperatorInfo& op, std::string_view policy_value,
                   std::string_view request_value, const Request& request) {
  const std::string_view name = op.name;
  switch (op.family) {
    case OperatorFamily::String: {
      const auto pattern = expand_variables(policy, policy_value, op.wildcards, request);
      return pattern && pattern->matches(request_value, op.ignore_case);
    }
    case OperatorFamily::Arn: {
      const auto pattern = expand_variables(policy, policy_value, true, request);
      if (!pattern) return false;
      return arn_glob_match(*pattern, request_value);
    }
    case OperatorFamily::Bool: {
      const auto pattern = expand_variables(policy, policy_value, false, request);
      return pattern && iequals(pattern->encoded(), request_value);
    }
    case OperatorFamily::Binary: return policy_value == request_value;
    case OperatorFamily::Ip: {
      const auto network = parse_ip_network(policy_value);
      const auto address = parse_ip_network(request_value);
      return network && address && !address->explicit_prefix && network->contains(*address);
    }
    case OperatorFamily::Numeric:
    case OperatorFamily::Date: {
      const auto p = op.family == OperatorFamily::Numeric ? number(policy_value) : date(policy_value);
      const auto r = op.family == OperatorFamily::Numeric ? number(request_value) : date(request_value);
      if (!p || !r) return false;
      if (name.ends_with("Equals") && !name.ends_with("ThanEquals")) return *r == *p;  // also *NotEquals
      if (name.ends_with("LessThan")) return *r < *p;
      if (name.ends_with("LessThanEquals")) return *r <= *p;
      if (name.ends_with("GreaterThan")) return *r > *p;
      if (name.ends_with("GreaterThanEquals")) return *r >= *p;
      return false;
    }
    case OperatorFamily::Null: return false;  // handled by the caller
  }
  return false;
}

}  // namespace

bool clause_holds_given(const Statement& statement, const ConditionClause& clause,
                        const std::vector<std::string>* values, const std::function<bool(std::string_view)>& any_match) {
  const ParsedOperator& parsed = statement.operator_of(clause).parsed;
  if (parsed.base == nullptr || (!parsed.problem.empty() && !parsed.case_only())) return false;  // AWS rejects these
  const OperatorInfo& op = *parsed.base;
  if (op.family == OperatorFamily::Null) {
    // AWS's multivalued-key examples use Null false so that "missing context keys or context keys
    // with empty values" do not pass: an empty set counts as null here (the oracle says present).
    const bool absent = values == nullptr || (is_multivalued_key(clause.key_member->key) && values->empty());
    for (const auto& v : clause.values)
      if (iequals(v.text, "true") ? absent : iequals(v.text, "false") ? !absent : false) return true;
    return false;
  }
  // One request value against the clause's values: OR for positive operators; for negated ones,
  // true when no value matches.
  auto single_test = [&](std::string_view request_value) { return any_match(request_value) != op.negated; };
  switch (parsed.qualifier) {
    case SetQualifier::ForAllValues:  // IfExists changes nothing under set operators (oracle)
      if (values == nullptr) return true;
      for (const auto& r : *values)
        if (!single_test(r)) return false;
      return true;
    case SetQualifier::ForAnyValue:
      if (values == nullptr) return false;
      for (const auto& r : *values)
        if (single_test(r)) return true;
      return false;
    case SetQualifier::None:
      break;
  }
  if (values == nullptr) return parsed.if_exists || op.negated;
  if (is_multivalued_key(clause.key_member->key)) return false;  // a plain operator on a multivalued key never matches (oracle)
  if (values->empty()) return false;
  return single_test((*values)[0]);
}

bool clause_holds(const Policy& policy, const Statement& statement, const ConditionClause& clause, const Request& request) {
  const ParsedOperator& parsed = statement.operator_of(clause).parsed;
  return clause_holds_given(statement, clause, request.context.find(clause.key_member->key), [&](std::string_view r) {
    for (const auto& value : clause.values)
      if (value_matches(policy, *parsed.base, value.text, r, request)) return true;
    return false;
  });
}

std::optional<GlobPattern> expand_variables(const Policy& policy, std::string_view text, bool wildcards,
                                            const Request& request) {
  GlobPattern pattern;
  auto append = [&](std::string_view part) {
    if (wildcards)
      pattern.append_wildcards(part);
    else
      pattern.append_literal(part);
  };
  if (policy.version_text() != "2012-10-17" || !has_variables(text)) {
    append(text);
    return pattern;
  }
  std::size_t pos = 0;
  for (const auto& ref : find_variables(text)) {
    append(text.substr(pos, ref.offset - pos));
    pos = ref.offset + ref.length;
    const std::string_view body = text.substr(ref.offset + 2, ref.length >= 3 ? ref.length - 3 : 0);
    if (!ref.problem.empty()) return std::nullopt;
    if (ref.name.empty()) {  // ${*} ${?} ${$}: the character itself, literally
      pattern.append_literal(body);
      continue;
    }
    const auto* values = request.context.find(ref.name);
    if (values != nullptr && !values->empty()) {
      pattern.append_literal((*values)[0]);
      continue;
    }
    const auto quote = body.find('\'');
    if (quote == std::string_view::npos) return std::nullopt;  // unresolved, no default
    pattern.append_literal(body.substr(quote + 1, body.size() - quote - 2));
  }
  append(text.substr(pos));
  return pattern;
}

bool arn_glob_match(const GlobPattern& pattern, std::string_view arn) {
  // Wildcards do not cross ':' in the first five segments; partition, service, region and account
  // compare case-insensitively (as the oracle does; AWS ARNs are lower-case there anyway).
  const std::string_view encoded = pattern.encoded();
  if (encoded == std::string_view(&GlobPattern::kStar, 1)) return true;
  std::size_t p = 0, t = 0;
  for (int segment = 0; segment < 5; ++segment) {
    const std::size_t pc = encoded.find(':', p), tc = arn.find(':', t);
    if (pc == std::string_view::npos || tc == std::string_view::npos) return pattern.matches(arn);  // not 6 parts
    GlobPattern piece;
    piece.append_literal(encoded.substr(p, pc - p));
    if (!piece.matches(arn.substr(t, tc - t), segment > 0)) return false;
    p = pc + 1;
    t = tc + 1;
  }
  GlobPattern rest;
  rest.append_literal(encoded.substr(p));
  return rest.matches(arn.substr(t));
}

bool condition_holds(const Policy& policy, const Statement& statement, const Request& request) {
  for (const auto& clause : statement.clauses)
    if (!clause_holds(policy, statement, clause, request)) return false;
  // Operators with no keys, or of the wrong shape, make the policy invalid; they add no clause.
  return true;
}

}  // namespace seslint::eval
