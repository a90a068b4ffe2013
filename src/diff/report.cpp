// The diff's reports: one line per class (text), JSON (version 1), Markdown for a pull-request
// comment, SARIF 2.1.0 with results on the new version's statements.
#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "seslint/diff.hpp"
#include "seslint/version.hpp"

namespace seslint::diff {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::size_t kActionsListed = 3;

std::string policy_name(const PairResult& pair) {
  if (!pair.principal.empty()) return fmt::format("{} (principal {})", pair.path, pair.principal);
  return pair.name.empty() ? pair.path : fmt::format("{} ({})", pair.path, pair.name);
}

// Account models: the policy of the principal a statement belongs to ("group/mailers managed policy X").
std::string held_via(const PairResult& pair, const Statement* statement) {
  if (statement == nullptr || statement->node == nullptr) return {};
  const auto found = pair.via.find(statement->node);
  return found != pair.via.end() ? found->second : std::string();
}

// " (principal user/alice, via group/mailers managed policy X)" for a principal's class, else "".
std::string principal_note(const PairResult& pair, const AccessClass& access) {
  if (pair.principal.empty()) return {};
  const std::string via = held_via(pair, access.statement);
  return fmt::format(" (principal {}{})", pair.principal, via.empty() ? "" : ", via " + via);
}

std::string actions_text(const AccessClass& access) {
  if (access.actions.empty()) return "any action";
  if (access.actions.size() == 1) return access.actions.front();
  std::vector<std::string> more(access.actions.begin() + 1,
                                access.actions.begin() + static_cast<std::ptrdiff_t>(std::min(access.actions.size(), kActionsListed + 1)));
  return fmt::format("{} (+{} more: {}{})", access.actions.front(), access.actions.size() - 1, fmt::join(more, ", "),
                     access.actions.size() > kActionsListed + 1 ? ", ..." : "");
}

std::string where(const AccessClass& access) {
  if (access.statement == nullptr || access.statement->node == nullptr) return "";
  const auto& begin = access.statement->node->span.begin;
  return fmt::format(":{}:{}", begin.line, begin.column);
}

// The other statements granting the same class: " (also granted at 9:5, 14:5)".
std::string also_via(const AccessClass& access) {
  std::vector<std::string> places;
  for (const Statement* statement : access.also_via)
    if (statement->node != nullptr)
      places.push_back(fmt::format("{}:{}", statement->node->span.begin.line, statement->node->span.begin.column));
  return places.empty() ? std::string() : fmt::format(" (also granted at {})", fmt::join(places, ", "));
}

std::string text_line(const PairResult& pair, const AccessClass& access, std::string_view what, bool on_old = false) {
  std::string target = access.witness.resource.empty() ? std::string() : " on " + access.witness.resource;
  if (access.resource_policy && !access.witness.principal.empty()) target += " by " + access.witness.principal;
  const std::string& file = on_old ? pair.old_path : pair.path;
  const std::string path = !pair.principal.empty() ? file + where(access) + principal_note(pair, access)
                           : pair.name.empty()       ? file + where(access)
                                                     : fmt::format("{}{} ({})", file, where(access), pair.name);
  return fmt::format("{}: {}: {}{}: {}{}\n", path, what, actions_text(access), target, access.description, also_via(access));
}

Json context_json(const AccessClass& access) {
  Json context = Json::object();
  for (const auto& [key, values] : access.context) {
    if (eval::is_multivalued_key(key)) context[key] = values;
    else context[key] = values.empty() ? std::string() : values.front();
  }
  return context;
}

Json class_json(const PairResult& pair, const AccessClass& access, bool on_old = false) {
  Json out;
  const std::string& file = on_old ? pair.old_path : pair.path;
  out["policy"] = !pair.principal.empty() ? file + "#" + pair.principal : pair.name.empty() ? file : file + "#" + pair.name;
  out["action"] = access.actions.empty() ? Json(nullptr) : Json(access.actions.front());
  // Every action of the class, up to a bound (NotAction classes hold thousands).
  const std::size_t shown = std::min<std::size_t>(access.actions.size(), 100);
  out["actions"] = std::vector<std::string>(access.actions.begin(), access.actions.begin() + static_cast<std::ptrdiff_t>(shown));
  if (shown < access.actions.size()) out["actions_total"] = access.actions.size();
  out["resource"] = access.witness.resource.empty() ? Json(nullptr) : Json(access.witness.resource);
  out["principal"] = !pair.principal_arn.empty() ? Json(pair.principal_arn)
                     : access.resource_policy && !access.witness.principal.empty() ? Json(access.witness.principal)
                                                                                    : Json(nullptr);
  out["context"] = context_json(access);
  out["description"] = access.description;
  if (!access.reason.empty()) out["reason"] = access.reason;
  auto statement_json = [&](const Statement& statement) {
    const JsonValue& node = *statement.node;
    Json place = {{"line", node.span.begin.line}, {"column", node.span.begin.column}, {"pointer", node.pointer}};
    if (const std::string via = held_via(pair, &statement); !via.empty()) place["policy"] = via;
    return place;
  };
  if (access.statement != nullptr && access.statement->node != nullptr) {
    out["statement"] = statement_json(*access.statement);
    out["via"] = Json::array({statement_json(*access.statement)});
    for (const Statement* statement : access.also_via)
      if (statement->node != nullptr) out["via"].push_back(statement_json(*statement));
  }
  return out;
}

std::string markdown_cell(std::string text) {
  std::string out;
  for (char c : text) {
    if (c == '|') out += "\\|";
    else if (c == '\n') out += ' ';
    else out += c;
  }
  return out;
}

}  // namespace

std::string format_text(const Report& report) {
  std::string out;
  for (const auto& pair : report.pairs) {
    for (const auto& access : pair.diff.added) out += text_line(pair, access, "new access");
    for (const auto& access : pair.diff.undetermined) out += text_line(pair, access, "undetermined");
    for (const auto& access : pair.diff.removed) out += text_line(pair, access, "removed access", true);
    for (const auto& access : pair.diff.undetermined_removed)
      out += text_line(pair, access, "undetermined removed access", true);
  }
  const auto principals = static_cast<std::size_t>(
      std::count_if(report.pairs.begin(), report.pairs.end(), [](const PairResult& p) { return !p.principal.empty(); }));
  const std::size_t policies = report.pairs.size() - principals;
  out += fmt::format("{} new, {} undetermined, {} removed access class{}{} in {} polic{}{}\n", report.added(),
                     report.undetermined(), report.removed(), report.removed() == 1 ? "" : "es",
                     report.undetermined_removed() > 0 ? fmt::format(" ({} undetermined removed)", report.undetermined_removed())
                                                       : std::string(),
                     policies, policies == 1 ? "y" : "ies",
                     principals > 0 ? fmt::format(" and {} principal{}", principals, principals == 1 ? "" : "s") : std::string());
  return out;
}

std::string format_json(const Report& report) {
  Json out;
  out["version"] = 1;
  out["added"] = Json::array();
  out["removed"] = Json::array();
  out["undetermined"] = Json::array();
  out["undetermined_removed"] = Json::array();
  for (const auto& pair : report.pairs) {
    for (const auto& access : pair.diff.added) out["added"].push_back(class_json(pair, access));
    for (const auto& access : pair.diff.removed) out["removed"].push_back(class_json(pair, access, true));
    for (const auto& access : pair.diff.undetermined) out["undetermined"].push_back(class_json(pair, access));
    for (const auto& access : pair.diff.undetermined_removed)
      out["undetermined_removed"].push_back(class_json(pair, access, true));
  }
  return out.dump(2) + "\n";
}

std::string format_markdown(const Report& report) {
  std::string out = "### seslint diff\n\n";
  if (report.added() == 0 && report.undetermined() == 0) out += "No new access.\n";
  auto table = [&](std::string_view title, auto member) {
    bool any = false;
    for (const auto& pair : report.pairs) any = any || !(pair.diff.*member).empty();
    if (!any) return;
    out += fmt::format("\n**{}**\n\n| Policy | Action | Resource | What changed |\n|---|---|---|---|\n", title);
    for (const auto& pair : report.pairs)
      for (const auto& access : pair.diff.*member)
        out += fmt::format("| {}{} | `{}` | `{}` | {}{} |\n", markdown_cell(pair.principal.empty() ? policy_name(pair) : pair.path),
                           markdown_cell(where(access) + principal_note(pair, access)),
                           markdown_cell(actions_text(access)), markdown_cell(access.witness.resource),
                           markdown_cell(access.description), markdown_cell(also_via(access)));
  };
  table("New access", &PolicyDiff::added);
  table("Undetermined (counted as possible new access)", &PolicyDiff::undetermined);
  table("Removed access", &PolicyDiff::removed);
  table("Undetermined removed access (never a failure)", &PolicyDiff::undetermined_removed);
  return out;
}

std::string format_sarif(const Report& report) {
  Json rules = Json::array();
  rules.push_back({{"id", "new-access"},
                   {"shortDescription", {{"text", "The change allows requests the previous version denied"}}},
                   {"defaultConfiguration", {{"level", "error"}}}});
  rules.push_back({{"id", "undetermined-access"},
                   {"shortDescription", {{"text", "The change may allow requests the previous version denied"}}},
                   {"defaultConfiguration", {{"level", "warning"}}}});
  Json results = Json::array();
  auto add = [&](const PairResult& pair, const AccessClass& access, bool undetermined) {
    Json location;
    location["physicalLocation"]["artifactLocation"] = {{"uri", pair.path}, {"uriBaseId", "%SRCROOT%"}};
    if (access.statement != nullptr && access.statement->node != nullptr) {
      const auto& span = access.statement->node->span;
      location["physicalLocation"]["region"] = {{"startLine", span.begin.line}, {"startColumn", span.begin.column},
                                                {"endLine", span.end.line}, {"endColumn", span.end.column}};
      location["logicalLocations"] = Json::array({{{"fullyQualifiedName", access.statement->node->pointer}}});
    }
    std::string target = access.witness.resource.empty() ? std::string() : " on " + access.witness.resource;
    results.push_back({{"ruleId", undetermined ? "undetermined-access" : "new-access"},
                       {"level", undetermined ? "warning" : "error"},
                       {"message", {{"text", fmt::format("{}{}{}: {}", pair.principal.empty() ? "" : pair.principal + ": ",
                                                         actions_text(access), target, access.description)}}},
                       {"locations", Json::array({location})}});
    // The other statements that grant the same class.
    for (const Statement* statement : access.also_via) {
      if (statement->node == nullptr) continue;
      const auto& span = statement->node->span;
      Json related;
      related["id"] = results.back()["relatedLocations"].size();
      related["physicalLocation"]["artifactLocation"] = {{"uri", pair.path}, {"uriBaseId", "%SRCROOT%"}};
      related["physicalLocation"]["region"] = {{"startLine", span.begin.line}, {"startColumn", span.begin.column},
                                               {"endLine", span.end.line}, {"endColumn", span.end.column}};
      related["message"]["text"] = "also grants it";
      results.back()["relatedLocations"].push_back(related);
    }
  };
  for (const auto& pair : report.pairs) {
    if (pair.new_policy == nullptr) continue;  // removed files have no position in the new tree
    for (const auto& access : pair.diff.added) add(pair, access, false);
    for (const auto& access : pair.diff.undetermined) add(pair, access, true);
  }
  Json run;
  run["tool"]["driver"] = {{"name", "seslint diff"}, {"version", std::string(version())},
                           {"informationUri", "https://github.com/seslint/seslint/blob/main/docs/diff.md"},
                           {"rules", rules}};
  run["columnKind"] = "unicodeCodePoints";
  run["results"] = results;
  Json out;
  out["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  out["version"] = "2.1.0";
  out["runs"] = Json::array({run});
  return out.dump(2) + "\n";
}

}  // namespace seslint::diff
