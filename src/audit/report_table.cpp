// `seslint audit --format text` (a table per identity) and `--format markdown` (the same tables
// for a ticket or a pull-request comment).
#include <algorithm>

#include <fmt/format.h>

#include "audit/report_cells.hpp"

namespace seslint::audit {
namespace {

using Row = std::vector<std::string>;

std::vector<Row> rows(const IdentityAudit& audit) {
  std::vector<Row> out;
  for (const auto& s : audit.senders) out.push_back(sender_cells(s));
  return out;
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
    out << identity_heading(audit) << '\n';
    const auto body = rows(audit);
    if (body.empty()) out << "  no principal can send as this identity\n";
    if (!body.empty()) {
      std::vector<std::size_t> widths(sender_columns().size());
      for (std::size_t c = 0; c < sender_columns().size(); ++c) {
        widths[c] = sender_columns()[c].size();
        for (const auto& row : body) widths[c] = std::max(widths[c], row[c].size());
      }
      auto print = [&](const Row& row) {
        std::string line = " ";
        for (std::size_t c = 0; c < row.size(); ++c)
          line += " " + (c + 1 == row.size() ? row[c] : fmt::format("{:<{}}", row[c], widths[c]));
        out << line << '\n';
      };
      print(sender_columns());
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
    out << "## " << markdown_escape(identity_heading(audit)) << "\n\n";
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
          out << ' ' << ((c == kFromColumn || c == kNetworkColumn) && row[c].starts_with("ANY") ? "**" + cell + "**" : cell) << " |";
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
