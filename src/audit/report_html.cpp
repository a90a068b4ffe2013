// `seslint audit --format html`: one self-contained page (inline style and script, nothing fetched)
// with a sortable, filterable, paged table per identity, built by the script from the embedded JSON
// report (a large account's rows would be too many for a browser as markup). Every text from the input is HTML-escaped; the
// JSON report is embedded for tools with '<', '>' and '&' written as \u escapes, so no input can
// close the script element.
#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "audit/report_cells.hpp"
#include "seslint/json.hpp"

namespace seslint::audit {
namespace {

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

// JSON inside <script type="application/json">: only strings can hold '<', '>' or '&', and there
// \u003c and friends mean the same characters.
std::string script_safe_json(std::string_view json) {
  std::string out;
  out.reserve(json.size());
  for (char c : json) {
    if (c == '<') out += "\\u003c";
    else if (c == '>') out += "\\u003e";
    else if (c == '&') out += "\\u0026";
    else out += c;
  }
  return out;
}

struct Status {
  std::string css;  // ok, bad, unknown
  std::string text;
};

const JsonValue* member(const JsonValue* object, std::string_view key) {
  if (object == nullptr || !object->is_object()) return nullptr;
  const JsonMember* found = object->find(key);
  return found != nullptr ? &found->value : nullptr;
}

std::string text_of(const JsonValue* value) { return value != nullptr && value->is_string() ? value->text : ""; }

// The facts SES301 reads from the email identity record.
Status dkim_status(const JsonValue* record) {
  if (record == nullptr) return {"unknown", "unknown: no email identity record (sesv2 get-email-identity) in the input"};
  const JsonValue* dkim = member(record, "DkimAttributes");
  if (dkim == nullptr) return {"unknown", "unknown: the record has no DkimAttributes"};
  if (const JsonValue* signing = member(dkim, "SigningEnabled");
      signing != nullptr && signing->kind == JsonKind::Bool && !signing->boolean)
    return {"bad", "signing disabled (SES301)"};
  const std::string status = text_of(member(dkim, "Status"));
  if (status.empty()) return {"unknown", "signing enabled, status not in the record"};
  if (status != "SUCCESS") return {"bad", fmt::format("status {}, not SUCCESS (SES301)", status)};
  return {"ok", "signing enabled, status SUCCESS"};
}

// The facts SES302 reads from the email identity record.
Status mail_from_status(const JsonValue* record) {
  if (record == nullptr) return {"unknown", "unknown: no email identity record (sesv2 get-email-identity) in the input"};
  const JsonValue* attributes = member(record, "MailFromAttributes");
  const std::string domain = text_of(member(attributes, "MailFromDomain"));
  if (domain.empty()) return {"bad", "no custom MAIL FROM domain: SPF cannot align with the From domain (SES302)"};
  const std::string status = text_of(member(attributes, "MailFromDomainStatus"));
  if (!status.empty() && status != "SUCCESS") return {"bad", fmt::format("{}, status {}, not SUCCESS (SES302)", domain, status)};
  return {"ok", status.empty() ? domain : fmt::format("{}, status SUCCESS", domain)};
}

constexpr std::string_view kStyle = R"(body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#1b1b1b}
h2{margin-top:2em;border-bottom:1px solid #ccc}
code,.arn{font-family:ui-monospace,monospace;font-size:13px}
table{border-collapse:collapse;margin:.5em 0}
th,td{border:1px solid #ccc;padding:3px 6px;text-align:left;vertical-align:top}
table.senders th{cursor:pointer;background:#f0f0f0;user-select:none}
th[aria-sort=ascending]::after{content:" \25B2"}
th[aria-sort=descending]::after{content:" \25BC"}
tr.unrestricted{background:#fff4e5}
td.any{background:#ffd7d7;font-weight:bold}
dl.status{display:grid;grid-template-columns:max-content auto;gap:2px 1em}
dd{margin:0}
.ok{color:#126b2f}.bad{color:#a30000}.unknown{color:#666}
.pager button{margin-right:.5em})";

// Rows without a script: the first few per identity (the script replaces them with all of them).
constexpr std::size_t kFallbackRows = 10;

// The script builds each table's rows from the embedded JSON report, a page (kPageRows) at a time,
// so a page of a large account holds only the visible rows in its DOM. Sorting (click a heading, or
// #sort=from&order=desc) and filtering (the box, or #filter=TEXT and #unrestricted=1) apply to all
// rows of an identity before paging; #pN=K shows page K of identity N's senders, #fN=K of its lint
// findings (written once in their own JSON, since the same policies grant many identities). The state is kept in the
// URL's fragment. Cells are built as the text report builds them (report_cells.cpp) and set as
// text, never as markup.
constexpr std::string_view kScript = R"js((function () {
  "use strict";
  var PAGE_ROWS = 200;
  var report = JSON.parse(document.getElementById("audit-json").textContent);
  var filter = document.getElementById("filter");
  var only = document.getElementById("only-unrestricted");
  var keys = ["principal", "kind", "actions", "from", "network", "recipients", "via"];
  var column = -1, descending = false;
  function scope(any, named) {
    if (any) return named.length ? "ANY (names " + named.join(", ") + ")" : "ANY";
    return named.length ? named.join(", ") : "-";
  }
  function values(v) { return scope(v.any, v.values.concat(v.patterns)); }
  function cells(s) {
    var actions = s.actions.map(function (a) { return a.indexOf("ses:") === 0 ? a.slice(4) : a; });
    var n = s.network;
    return [s.principal, s.kind, actions.join(", "), values(s.from),
            scope(n.any, n.sourceIp.concat(n.sourceVpce, n.sourceVpc)), values(s.recipients), s.via.join("; ")];
  }
  var tables = Array.prototype.slice.call(document.querySelectorAll("table.senders")).map(function (table) {
    var number = Number(table.dataset.identity);
    var rows = report.identities[number - 1].senders.map(function (s, index) {
      var c = cells(s);
      return {cells: c, text: c.join("\n").toLowerCase(), index: index, from: s.from.any, network: s.network.any};
    });
    return {table: table, number: number, rows: rows, shown: rows, page: 0, build: row, sortable: true,
            count: document.getElementById("count-" + number), pager: document.getElementById("pager-" + number)};
  });
  function compare(a, b) {
    var x = a.cells[column], y = b.cells[column];
    var order = x < y ? -1 : x > y ? 1 : 0;
    return (descending ? -order : order) || a.index - b.index;
  }
  function row(r) {
    var tr = document.createElement("tr");
    if (r.from || r.network) tr.className = "unrestricted";
    tr.dataset.index = r.index;
    r.cells.forEach(function (text, i) {
      var td = tr.insertCell();
      if ((i === 3 && r.from) || (i === 4 && r.network)) td.className = "any";
      td.textContent = text;
    });
    return tr;
  }
  function render(t) {
    var pages = Math.max(1, Math.ceil(t.shown.length / PAGE_ROWS));
    t.page = Math.min(Math.max(t.page, 0), pages - 1);
    var first = t.page * PAGE_ROWS, last = Math.min(first + PAGE_ROWS, t.shown.length);
    var body = document.createElement("tbody");
    for (var i = first; i < last; i += 1) body.appendChild(t.build(t.shown[i]));
    t.table.replaceChild(body, t.table.tBodies[0]);
    t.count.textContent = t.shown.length + (t.sortable ? " of " + t.rows.length + " senders shown" : " findings");
    t.pager.hidden = pages === 1;
    t.pager.querySelector(".position").textContent = "page " + (t.page + 1) + " of " + pages +
      (last > first ? " (rows " + (first + 1) + "\u2013" + last + ")" : "");
    t.pager.querySelector(".previous").disabled = t.page === 0;
    t.pager.querySelector(".next").disabled = t.page === pages - 1;
    if (t.sortable) Array.prototype.forEach.call(t.table.tHead.rows[0].cells, function (th, i) {
      if (i === column) th.setAttribute("aria-sort", descending ? "descending" : "ascending");
      else th.removeAttribute("aria-sort");
    });
  }
  function finding(cells) {
    var tr = document.createElement("tr");
    tr.className = cells[1];
    cells.forEach(function (text, i) {
      var td = tr.insertCell();
      if (i === 3) td.appendChild(document.createElement("code")).textContent = text;
      else td.textContent = text;
    });
    return tr;
  }
  var findings = JSON.parse(document.getElementById("audit-findings").textContent);
  var findingTables = Array.prototype.slice.call(document.querySelectorAll("table.findings")).map(function (table) {
    var number = Number(table.dataset.identity);
    var rows = findings.identities[number - 1].map(function (i) { return findings.findings[i]; });
    return {table: table, number: number, rows: rows, shown: rows, page: 0, build: finding,
            count: document.getElementById("findings-count-" + number), pager: document.getElementById("findings-pager-" + number)};
  });
  var paged = tables.concat(findingTables);
  function select(t) {
    var needle = filter.value.trim().toLowerCase();
    t.shown = t.rows.filter(function (r) {
      return (!only.checked || r.from || r.network) && (needle === "" || r.text.indexOf(needle) >= 0);
    });
    if (column >= 0) t.shown.sort(compare);
  }
  function save() {
    var params = new URLSearchParams();
    if (filter.value) params.set("filter", filter.value);
    if (only.checked) params.set("unrestricted", "1");
    if (column >= 0) params.set("sort", keys[column]);
    if (descending) params.set("order", "desc");
    tables.forEach(function (t) { if (t.page > 0) params.set("p" + t.number, String(t.page + 1)); });
    findingTables.forEach(function (t) { if (t.page > 0) params.set("f" + t.number, String(t.page + 1)); });
    try { history.replaceState(null, "", "#" + params.toString()); } catch (e) { /* some file:// pages refuse */ }
  }
  function reselect() {  // filter or sort changed: every table back to its first page
    tables.forEach(function (t) { t.page = 0; select(t); render(t); });
    save();
  }
  function load() {
    var params = new URLSearchParams(location.hash.slice(1));
    filter.value = params.get("filter") || "";
    only.checked = params.get("unrestricted") === "1";
    column = keys.indexOf(params.get("sort") || "");
    descending = column >= 0 && params.get("order") === "desc";
    tables.forEach(function (t) { t.page = (Number(params.get("p" + t.number)) || 1) - 1; select(t); render(t); });
    findingTables.forEach(function (t) { t.page = (Number(params.get("f" + t.number)) || 1) - 1; render(t); });
  }
  tables.forEach(function (t) {
    Array.prototype.forEach.call(t.table.tHead.rows[0].cells, function (th, i) {
      th.addEventListener("click", function () {
        descending = column === i && !descending;
        column = i;
        reselect();
      });
    });
  });
  paged.forEach(function (t) {
    [["previous", -1], ["next", 1]].forEach(function (step) {
      t.pager.querySelector("." + step[0]).addEventListener("click", function () {
        t.page += step[1];
        render(t);
        save();
      });
    });
  });
  filter.addEventListener("input", reselect);
  only.addEventListener("change", reselect);
  window.addEventListener("hashchange", load);
  load();
})();)js";

class HtmlReport {
 public:
  HtmlReport(std::ostream& out, const AccountModel& model, const AuditReport& report, const PolicyFindings& findings)
      : out_(out), model_(model), report_(report), findings_(findings) {}

  void write() {
    out_ << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         << "<title>seslint audit: who can send as which SES identity</title>\n<style>\n"
         << kStyle << "\n</style>\n</head>\n<body>\n<h1>Who can send as which SES identity</h1>\n";
    summary();
    for (const auto& error : model_.errors) out_ << "<p class=\"bad\">error: " << html_escape(error) << "</p>\n";
    if (report_.identities.empty()) out_ << "<p>No SES identity found in the input.</p>\n";
    for (std::size_t i = 0; i < report_.identities.size(); ++i) identity(report_.identities[i], i + 1);
    std::ostringstream json;
    write_audit_json_compact(json, model_, report_);
    out_ << "<script type=\"application/json\" id=\"audit-json\">" << script_safe_json(json.str()) << "</script>\n";
    findings_json();
    out_ << "<script>\n" << kScript << "\n</script>\n</body>\n</html>\n";
  }

 private:
  void summary() {
    std::size_t senders = 0, unrestricted = 0, undetermined = 0;
    for (const auto& audit : report_.identities) {
      senders += audit.senders.size();
      undetermined += audit.undetermined.size();
      for (const auto& s : audit.senders) unrestricted += s.from.any || s.network.any ? 1 : 0;
    }
    out_ << fmt::format("<p>Account <code>{}</code>: {} identities, {} senders ({} with unrestricted From or network, "
                        "highlighted), {} undetermined.</p>\n",
                        html_escape(model_.account_id.empty() ? "unknown" : model_.account_id),
                        report_.identities.size(), senders, unrestricted, undetermined)
         << "<p><label>Filter <input id=\"filter\" type=\"search\" size=\"40\" "
            "placeholder=\"principal, action, address, policy\"></label>\n"
         << "<label><input id=\"only-unrestricted\" type=\"checkbox\"> only senders with unrestricted From or "
            "network</label></p>\n";
  }

  void identity(const IdentityAudit& audit, std::size_t number) {
    const SesIdentityModel& identity = *audit.identity;
    out_ << fmt::format("<section class=\"identity\" id=\"identity-{}\">\n<h2>{}</h2>\n<p class=\"arn\">{}{}</p>\n",
                        number, html_escape(identity.name), html_escape(identity.arn),
                        identity.arn_assumed ? " (ARN assumed: no input names it)" : "");
    const Status dkim = dkim_status(identity.record), mail_from = mail_from_status(identity.record);
    out_ << fmt::format("<dl class=\"status\"><dt>DKIM</dt><dd class=\"{}\">{}</dd><dt>MAIL FROM</dt>"
                        "<dd class=\"{}\">{}</dd></dl>\n",
                        dkim.css, html_escape(dkim.text), mail_from.css, html_escape(mail_from.text));
    senders(audit, number);
    if (!audit.undetermined.empty()) {
      out_ << "<h3>Undetermined</h3>\n<ul class=\"undetermined\">\n";
      for (const auto& u : audit.undetermined)
        out_ << fmt::format("<li><code>{}</code> ({}): {}</li>\n", html_escape(u.principal->arn),
                            to_string(u.principal->kind), html_escape(u.reason));
      out_ << "</ul>\n";
    }
    policy_findings(audit, number);
    out_ << "</section>\n";
  }

  // The table's head, and its first rows for a browser without scripts; the script builds the rows.
  void senders(const IdentityAudit& audit, std::size_t number) {
    if (audit.senders.empty()) {
      out_ << "<p>No principal can send as this identity.</p>\n";
      return;
    }
    out_ << fmt::format("<table class=\"senders\" data-identity=\"{}\">\n<thead><tr>", number);
    for (const auto& column : sender_columns()) {
      std::string title = column;
      std::transform(title.begin() + 1, title.end(), title.begin() + 1, [](char c) { return static_cast<char>(c + ('a' - 'A')); });
      out_ << "<th>" << title << "</th>";
    }
    out_ << "</tr></thead>\n<tbody>\n";
    const std::size_t fallback = std::min(audit.senders.size(), kFallbackRows);
    for (std::size_t i = 0; i < fallback; ++i) sender_row(audit.senders[i], i);
    out_ << "</tbody>\n</table>\n";
    if (fallback < audit.senders.size())
      out_ << fmt::format("<p class=\"count\" id=\"count-{}\">The first {} of {} senders (this page's script shows all "
                          "of them; the report is also embedded as JSON)</p>\n",
                          number, fallback, audit.senders.size());
    else
      out_ << fmt::format("<p class=\"count\" id=\"count-{0}\">{1} of {1} senders shown</p>\n", number, fallback);
    out_ << fmt::format("<p class=\"pager\" id=\"pager-{}\" hidden><button type=\"button\" class=\"previous\">previous</button>"
                        "<span class=\"position\"></span> <button type=\"button\" class=\"next\">next</button></p>\n",
                        number);
  }

  void sender_row(const Sender& sender, std::size_t index) {
    const bool unrestricted = sender.from.any || sender.network.any;
    out_ << fmt::format("<tr{} data-index=\"{}\">", unrestricted ? " class=\"unrestricted\"" : "", index);
    const auto cells = sender_cells(sender);
    for (std::size_t c = 0; c < cells.size(); ++c) {
      const bool any = (c == kFromColumn && sender.from.any) || (c == kNetworkColumn && sender.network.any);
      out_ << (any ? "<td class=\"any\">" : "<td>") << html_escape(cells[c]) << "</td>";
    }
    out_ << "</tr>\n";
  }

  // The findings inside the policies that grant this identity's senders, and its own policies. Each
  // finding is written once in the page's findings JSON (the same policies grant many identities);
  // the table shows the first rows without a script, the script pages through all of them.
  void policy_findings(const IdentityAudit& audit, std::size_t number) {
    std::set<const ModelPolicy*> involved(audit.identity->policies.begin(), audit.identity->policies.end());
    for (const auto& sender : audit.senders) involved.insert(sender.granting.begin(), sender.granting.end());
    std::vector<const ModelPolicy*> ordered(involved.begin(), involved.end());
    auto place = [](const ModelPolicy* p) {
      return std::make_pair(p->path, p->policy.root != nullptr ? p->policy.root->pointer.str() : std::string());
    };
    std::sort(ordered.begin(), ordered.end(), [&](const ModelPolicy* a, const ModelPolicy* b) { return place(a) < place(b); });
    std::vector<std::size_t>& rows = identity_findings_.emplace_back();
    for (const ModelPolicy* policy : ordered)
      if (const auto found = findings_.find(policy); found != findings_.end())
        for (const auto& finding : found->second) rows.push_back(finding_index(*policy, finding));
    out_ << "<h3>Lint findings of the policies involved</h3>\n";
    if (rows.empty()) {
      out_ << fmt::format("<p>None in the {} policies that grant these senders or belong to the identity.</p>\n",
                          ordered.size());
      return;
    }
    out_ << fmt::format("<table class=\"findings\" data-identity=\"{}\">\n<thead><tr><th>Rule</th><th>Level</th>"
                        "<th>Policy</th><th>Where</th><th>Message</th></tr></thead>\n<tbody>\n",
                        number);
    for (std::size_t i = 0; i < std::min(rows.size(), kFallbackRows); ++i) {
      const auto& cells = finding_cells_[rows[i]];
      out_ << fmt::format("<tr class=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td><code>{}</code></td><td>{}</td></tr>\n",
                          cells[1], html_escape(cells[0]), cells[1], html_escape(cells[2]), html_escape(cells[3]),
                          html_escape(cells[4]));
    }
    out_ << "</tbody>\n</table>\n";
    if (rows.size() > kFallbackRows)
      out_ << fmt::format("<p class=\"findings-count\" id=\"findings-count-{}\">The first {} of {} findings (this "
                          "page's script shows all of them)</p>\n",
                          number, kFallbackRows, rows.size());
    else
      out_ << fmt::format("<p class=\"findings-count\" id=\"findings-count-{}\">{} findings</p>\n", number, rows.size());
    out_ << fmt::format("<p class=\"pager\" id=\"findings-pager-{}\" hidden><button type=\"button\" class=\"previous\">"
                        "previous</button><span class=\"position\"></span> <button type=\"button\" class=\"next\">next"
                        "</button></p>\n",
                        number);
  }

  // RULE, LEVEL, POLICY, WHERE, MESSAGE.
  std::size_t finding_index(const ModelPolicy& policy, const Finding& finding) {
    const auto [at, added] = finding_index_.emplace(&finding, finding_cells_.size());
    if (added)
      finding_cells_.push_back({finding.rule_id, std::string(to_string(finding.level)),
                                finding.document.empty() ? policy.label : finding.document,
                                fmt::format("{}:{}:{}", policy.path, finding.span.begin.line, finding.span.begin.column),
                                finding.message});
    return at->second;
  }

  void findings_json() {
    nlohmann::ordered_json json = {{"findings", finding_cells_}, {"identities", identity_findings_}};
    out_ << "<script type=\"application/json\" id=\"audit-findings\">"
         << script_safe_json(json.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace)) << "</script>\n";
  }

  std::ostream& out_;
  const AccountModel& model_;
  const AuditReport& report_;
  const PolicyFindings& findings_;
  std::map<const Finding*, std::size_t> finding_index_;
  std::vector<std::array<std::string, 5>> finding_cells_;     // each finding once
  std::vector<std::vector<std::size_t>> identity_findings_;  // per identity, indices into finding_cells_
};

}  // namespace

void write_audit_html(std::ostream& out, const AccountModel& model, const AuditReport& report,
                      const PolicyFindings& findings) {
  HtmlReport(out, model, report, findings).write();
}

}  // namespace seslint::audit
