#include "seslint/catalog.hpp"

#include <algorithm>
#include <deque>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace seslint {

std::string_view to_string(Level level) {
  switch (level) {
    case Level::Note: return "note";
    case Level::Warning: return "warning";
    case Level::Error: return "error";
  }
  return "";
}

std::optional<Level> parse_level(std::string_view text) {
  if (text == "note") return Level::Note;
  if (text == "warning") return Level::Warning;
  if (text == "error") return Level::Error;
  return std::nullopt;
}

// The text and lists a catalog parsed at run time views; deques keep elements in place as they grow.
struct RuleCatalog::Storage {
  std::deque<std::string> text;
  std::deque<std::vector<std::string_view>> lists;
  std::deque<std::vector<Supersession>> supersessions;

  std::string_view keep(std::string value) { return text.emplace_back(std::move(value)); }
  std::span<const std::string_view> keep(const std::vector<std::string>& values) {
    auto& list = lists.emplace_back();
    for (const auto& value : values) list.push_back(keep(value));
    return list;
  }
};

namespace {

std::string required_string(const nlohmann::json& entry, const char* field) {
  if (!entry.contains(field) || !entry[field].is_string())
    throw std::runtime_error(std::string("rule catalog: an entry lacks the string field '") + field + "'");
  return entry[field].get<std::string>();
}

// "supersedes": [{"rule": "IAM208", "scope": "statement"}, ...]
std::vector<Supersession> supersessions(const nlohmann::json& entry, std::string_view id, auto& storage) {
  std::vector<Supersession> out;
  if (!entry.contains("supersedes")) return out;
  for (const auto& item : entry["supersedes"]) {
    Supersession each;
    each.rule = storage.keep(required_string(item, "rule"));
    const std::string scope = required_string(item, "scope");
    if (scope == "statement")
      each.scope = SupersedeScope::Statement;
    else if (scope == "document")
      each.scope = SupersedeScope::Document;
    else if (scope != "node")
      throw std::runtime_error("rule catalog: " + std::string(id) + " supersedes " + std::string(each.rule) + " in an unknown scope");
    out.push_back(each);
  }
  return out;
}

// "peers": ["AA:PASS_ROLE_WITH_STAR_IN_RESOURCE", "parliament:CREDENTIALS_EXPOSURE", ...]
std::vector<std::string> peer_checks(const nlohmann::json& entry, std::string_view id) {
  auto out = entry.value("peers", std::vector<std::string>{});
  for (const auto& peer : out) {
    const auto colon = peer.find(':');
    const auto prefixes = peer_prefixes();
    const bool known = colon != std::string::npos && colon + 1 < peer.size() &&
                       std::find(prefixes.begin(), prefixes.end(), std::string_view(peer).substr(0, colon)) != prefixes.end();
    if (!known)
      throw std::runtime_error("rule catalog: " + std::string(id) + " names peer check '" + peer + "' without a known peer prefix");
  }
  return out;
}

}  // namespace

std::span<const std::string_view> peer_prefixes() {
  static constexpr std::string_view kPrefixes[] = {"AA", "parliament", "cloudsplaining"};
  return kPrefixes;
}

RuleCatalog RuleCatalog::from_json(std::string_view json, std::string_view docs_base_url) {
  const auto data = nlohmann::json::parse(json);
  auto storage = std::make_shared<Storage>();
  RuleCatalog catalog;
  for (const auto& entry : data.at("rules")) {
    RuleInfo info;
    info.id = storage->keep(required_string(entry, "id"));
    info.name = storage->keep(required_string(entry, "name"));
    info.title = storage->keep(required_string(entry, "title"));
    info.summary = storage->keep(required_string(entry, "summary"));
    const auto level = parse_level(required_string(entry, "level"));
    if (!level) throw std::runtime_error("rule catalog: " + std::string(info.id) + " has an unknown level");
    info.level = *level;
    info.security_severity = storage->keep(entry.value("security_severity", ""));
    info.precision = storage->keep(required_string(entry, "precision"));
    if (info.precision != "very-high" && info.precision != "high" && info.precision != "medium" && info.precision != "low")
      throw std::runtime_error("rule catalog: " + std::string(info.id) + " has an unknown precision");
    info.tags = storage->keep(entry.value("tags", std::vector<std::string>{}));
    info.since = storage->keep(entry.value("since", ""));
    info.help_uri = storage->keep(std::string(docs_base_url) + std::string(info.id) + ".md");
    info.supersedes = storage->supersessions.emplace_back(supersessions(entry, info.id, *storage));
    info.peers = storage->keep(peer_checks(entry, info.id));
    catalog.rules_.push_back(info);
  }
  std::sort(catalog.rules_.begin(), catalog.rules_.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  catalog.storage_ = std::move(storage);
  return catalog;
}

const RuleInfo* RuleCatalog::find(std::string_view id) const {
  const auto it = std::lower_bound(rules_.begin(), rules_.end(), id, [](const RuleInfo& r, std::string_view v) { return r.id < v; });
  return it != rules_.end() && it->id == id ? &*it : nullptr;
}

}  // namespace seslint
