#include "rules/support/rule_support.hpp"

#include <algorithm>

namespace seslint::rules {

std::string quoted(std::string_view text) {
  constexpr std::size_t kMax = 80;
  std::string out = "'";
  std::size_t shown = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (shown >= kMax && (c & 0xC0) != 0x80) {
      out += "...";
      break;
    }
    if (c == '\n') out += "\\n";
    else if (c == '\t') out += "\\t";
    else if (c == '\r') out += "\\r";
    else if (c < 0x20) out += fmt::format("\\u{:04x}", c);
    else out += static_cast<char>(c);
    if ((c & 0xC0) != 0x80) ++shown;
  }
  out += "'";
  return out;
}

std::string_view element_name(const ValueList& list) {
  return list.member != nullptr ? std::string_view(list.member->key) : std::string_view();
}

std::string_view element_name(const Principal& principal) { return principal.negated ? "NotPrincipal" : "Principal"; }

std::string short_list(const std::vector<std::string>& names, std::size_t total, std::size_t shown) {
  total = std::max(total, names.size());
  std::string out;
  for (std::size_t i = 0; i < names.size() && i < shown; ++i) out.append(i == 0 ? "" : ", ").append(names[i]);
  if (total > shown) out.append(" and ").append(std::to_string(total - shown)).append(" more");
  return out;
}

namespace {

void report_incomplete_on(const JsonValue& at, std::string_view question, std::size_t others, Reporter& out) {
  out.report(Level::Note, at,
             others == 0 ? fmt::format("analysis incomplete: the policy is too large or intricate to decide within "
                                       "the work budget whether {}; nothing is reported about it here",
                                       question)
                         : fmt::format("analysis incomplete: the policy is too large or intricate to decide within "
                                       "the work budget whether {}, here and in {} more {}; nothing is reported "
                                       "about them",
                                       question, others, others == 1 ? "statement" : "statements"),
             "split the policy, or merge statements that share their conditions, then lint again");
}

void report_incomplete_at(const Policy& policy, const Statement* statement, std::string_view question,
                          std::size_t others, Reporter& out) {
  const JsonValue* at = statement != nullptr && statement->action ? &statement->action->member->value
                        : statement != nullptr                    ? statement->node
                        : policy.statement_member != nullptr      ? &policy.statement_member->value
                                                                  : policy.root;
  if (at != nullptr) report_incomplete_on(*at, question, others, out);
}

}  // namespace

void report_incomplete(const Policy& policy, const Statement* statement, std::string_view question, Reporter& out) {
  report_incomplete_at(policy, statement, question, 0, out);
}

void report_incomplete(const JsonValue& at, std::string_view question, Reporter& out) {
  report_incomplete_on(at, question, 0, out);
}

void UndecidedStatements::add(const Statement& statement) {
  if (first_ == nullptr) first_ = &statement;
  ++count_;
}

void UndecidedStatements::report(const Policy& policy, std::string_view question, Reporter& out) const {
  if (first_ != nullptr) report_incomplete_at(policy, first_, question, count_ - 1, out);
}

std::string with_suggestion(std::string message, std::string_view suggestion) {
  if (!suggestion.empty()) message += fmt::format("; did you mean '{}'?", suggestion);
  return message;
}

std::optional<Level> level_for_long_lived_keys(const Policy& policy, Level full) {
  switch (policy.holder.kind) {
    case PrincipalKind::User: return full;
    case PrincipalKind::Unknown:
    case PrincipalKind::Role: return Level::Note;
    case PrincipalKind::ServiceRole:
    case PrincipalKind::Service: return std::nullopt;
  }
  return std::nullopt;
}

std::optional<Level> level_for_smtp(const Policy& policy, Level full) {
  if (policy.holder.kind == PrincipalKind::User) return full;
  if (policy.holder.kind == PrincipalKind::Unknown) return Level::Note;
  return std::nullopt;
}

}  // namespace seslint::rules
