// `seslint audit --format text` (a table per identity) and `--format markdown` (the same tables
// for a ticket or a pull-request comment).
#include <algorithm>

#include <fmt/format.h>

#include "seslint/audit.hpp"

namespace seslint::audit {
namespace {

std::string join(const std::vector<std::string>& items, std::string_view separator = ", ") {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : std::string(separator)) + item;
  return out;
}

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

using Row = std::vector<std::string>;

std::vector<Row> rows(const IdentityAudit& audit) {
  std::vector<Row> out;
  for (const auto& s : audit.senders)
    out.push_back({s.principal->arn, std::string(to_string(s.principal->kind)), actions_cell(s.actions),
                   values_cell(s.from), network_cell(s.network), values_cell(s.recipients), join(s.via, "; ")});
  return out;
}

const Row kHeader = {"PRINCIPAL", "KIND", "ACTIONS", "FROM", "NETWORK", "RECIPIENTS", "VIA"};

std::string heading(const IdentityAudit& audit) {
  return fmt::format("{} ({}{})", audit.identity->name, audit.identity->arn,
                     audit.identity->arn_assumed ? ", ARN assumed: no input names it" : "");
}

std::string markdown_escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '|' || c == '*' || c == '_' || c == '`') out += '\\';
    out += c;
  }
  return out;
}

}  // namespace

void write_audit_text(std::ostream& out, const AccountModel& model, const AuditReport& report) {
  for (const auto& error : model.errors) out << "error: " << error << '\n';
  for (const auto& audit : report.identities) {
    out << heading(audit) << '\n';
    const auto body = rows(audit);
    if (body.empty()) out << "  no principal can send as this identity\n";
    if (!body.empty()) {
      std::vector<std::size_t> widths(kHeader.size());
      for (std::size_t c = 0; c < kHeader.size(); ++c) {
        widths[c] = kHeader[c].size();
        for (const auto& row : body) widths[c] = std::max(widths[c], row[c].size());
      }
      auto print = [&](const Row& row) {
        std::string line = " ";
        for (std::size_t c = 0; c < row.size(); ++c)
          line += " " + (c + 1 == row.size() ? row[c] : fmt::format("{:<{}}", row[c], widths[c]));
        out << line << '\n';
      };
      print(kHeader);
      for (const auto& row : body) print(row);
    }
    for (const auto& u : audit.undetermined)
      out << fmt::format("  undetermined: {} ({}): {}\n", u.principal->arn, to_string(u.principal->kind), u.reason);
    out << '\n';
  }
  if (report.identities.empty()) out << "no SES identity found in the input\n";
}

void write_audit_markdown(std::ostream& out, const AccountModel& model, const AuditReport& report) {
  out << "# Who can send as which SES identity\n\n";
  for (const auto& error : model.errors) out << "- **error:** " << markdown_escape(error) << '\n';
  if (!model.errors.empty()) out << '\n';
  if (report.identities.empty()) out << "No SES identity found in the input.\n";
  for (const auto& audit : report.identities) {
    out << "## " << markdown_escape(heading(audit)) << "\n\n";
    const auto body = rows(audit);
    if (body.empty()) out << "No principal can send as this identity.\n\n";
    if (!body.empty()) {
      out << "| Principal | Kind | Actions | From | Network | Recipients | Via |\n";
      out << "|---|---|---|---|---|---|---|\n";
      for (const auto& row : body) {
        out << '|';
        for (std::size_t c = 0; c < row.size(); ++c) {
          const std::string cell = markdown_escape(row[c]);
          // Unrestricted From or network in bold: what the reader looks for first.
          out << ' ' << ((c == 3 || c == 4) && row[c].starts_with("ANY") ? "**" + cell + "**" : cell) << " |";
        }
        out << '\n';
      }
      out << '\n';
    }
    if (!audit.undetermined.empty()) {
      out << "Undetermined:\n\n";
      for (const auto& u : audit.undetermined)
        out << "- " << markdown_escape(u.principal->arn) << " (" << to_string(u.principal->kind)
            << "): " << markdown_escape(u.reason) << '\n';
      out << '\n';
    }
  }
}

}  // namespace seslint::audit
