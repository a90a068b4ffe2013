// Cells of the sender tables shared by the text, Markdown and HTML reports.
#include <fmt/format.h>

#include "audit/report_cells.hpp"

namespace seslint::audit {
namespace {

std::string actions_cell(const std::vector<std::string>& actions) {
  std::vector<std::string> short_names;
  for (const auto& action : actions) short_names.push_back(action.starts_with("ses:") ? action.substr(4) : action);
  return join(short_names);
}

// "ANY" marks what an auditor looks for first; the values the policies name follow.
std::string scope_cell(bool any, const std::vector<std::string>& named) {
  if (any) return named.empty() ? "ANY" : fmt::format("ANY (names {})", join(named));
  return named.empty() ? "-" : join(named);
}

std::string values_cell(const ValueScope& scope) {
  std::vector<std::string> named = scope.values;
  named.insert(named.end(), scope.patterns.begin(), scope.patterns.end());
  return scope_cell(scope.any, named);
}

std::string network_cell(const NetworkScope& network) {
  std::vector<std::string> named = network.source_ip;
  named.insert(named.end(), network.source_vpce.begin(), network.source_vpce.end());
  named.insert(named.end(), network.source_vpc.begin(), network.source_vpc.end());
  return scope_cell(network.any, named);
}

}  // namespace

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : std::string(separator)) + item;
  return out;
}

const std::vector<std::string>& sender_columns() {
  static const std::vector<std::string> columns = {"PRINCIPAL", "KIND", "ACTIONS", "FROM", "NETWORK", "RECIPIENTS", "VIA"};
  return columns;
}

std::vector<std::string> sender_cells(const Sender& s) {
  return {s.principal->arn, std::string(to_string(s.principal->kind)), actions_cell(s.actions), values_cell(s.from),
          network_cell(s.network), values_cell(s.recipients), join(s.via, "; ")};
}

std::string identity_heading(const IdentityAudit& audit) {
  return fmt::format("{} ({}{})", audit.identity->name, audit.identity->arn,
                     audit.identity->arn_assumed ? ", ARN assumed: no input names it" : "");
}

}  // namespace seslint::audit
