// .seslint.yaml: parsed into the same position-aware tree as templates, then validated key by key.
#include "seslint/config.hpp"

#include <algorithm>
#include <array>
#include <fstream>
#include <iterator>
#include <system_error>

#include <fmt/format.h>

#include "seslint/inputs.hpp"
#include "seslint/report_paths.hpp"
#include "seslint/text_match.hpp"

namespace seslint {
namespace {

// Thrown inside the reader only; parse_config turns it into a ConfigError.
struct Problem {
  Position where;
  std::string message;
};

constexpr std::array<std::string_view, 9> kTopKeys = {"select", "ignore",      "fail-on",        "exclude", "per-file-ignores",
                                                      "rules",  "policy-type", "principal-kind", "org"};
constexpr std::array<std::string_view, 6> kOrgKeys = {"trusted-networks", "vpc-endpoints", "accounts",
                                                      "organizations",    "from-addresses", "identities"};

std::string suggestion(std::string_view word, std::span<const std::string_view> candidates) {
  const auto near = did_you_mean(word, candidates);
  return near.empty() ? std::string() : fmt::format("; did you mean '{}'?", near);
}

void check_keys(const JsonValue& map, std::string_view where, std::span<const std::string_view> known) {
  for (const auto& member : map.members)
    if (std::find(known.begin(), known.end(), member.key) == known.end())
      throw Problem{member.key_span.begin, fmt::format("unknown key '{}'{}{}", member.key, where,
                                                       suggestion(member.key, known))};
}

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

class Reader {
 public:
  Reader(const RuleCatalog& catalog, Config& config) : catalog_(catalog), config_(config) {}

  void read(const JsonValue& root) {
    if (root.kind == JsonKind::Null) return;  // an empty file: all defaults
    if (!root.is_object()) throw Problem{root.span.begin, "the config must be a mapping of keys (select, ignore, ...)"};
    check_keys(root, "", kTopKeys);
    for (const auto& member : root.members) {
      const JsonValue& value = member.value;
      if (member.key == "select") config_.select = rule_list(value, "select", true);
      if (member.key == "ignore") config_.ignore = rule_list(value, "ignore", true);
      if (member.key == "fail-on") config_.fail_on = fail_on(value);
      if (member.key == "exclude")
        for (const auto* item : strings(value, "exclude")) config_.exclude.emplace_back(glob(*item));
      if (member.key == "per-file-ignores")
        for (const auto& entry : mapping(value, "per-file-ignores").members)
          config_.per_file_ignores.push_back({glob_key(entry), rule_list(entry.value, "per-file-ignores", true)});
      if (member.key == "rules") rules(value);
      if (member.key == "policy-type")
        for (const auto& entry : mapping(value, "policy-type").members)
          config_.policy_types.push_back({glob_key(entry), policy_kind(entry.value)});
      if (member.key == "principal-kind")
        for (const auto& entry : mapping(value, "principal-kind").members)
          config_.principal_kinds.push_back({glob_key(entry), principal_kind(entry.value)});
      if (member.key == "org") org(value);
    }
  }

 private:
  static const JsonValue& mapping(const JsonValue& value, std::string_view key) {
    static const JsonValue empty = [] {
      JsonValue object;
      object.kind = JsonKind::Object;
      return object;
    }();
    if (value.kind == JsonKind::Null) return empty;
    if (!value.is_object()) throw Problem{value.span.begin, fmt::format("'{}' takes a mapping", key)};
    return value;
  }

  // A list of scalars (a single scalar counts as a list of one).
  static std::vector<const JsonValue*> strings(const JsonValue& value, std::string_view key) {
    std::vector<const JsonValue*> out;
    if (value.kind == JsonKind::Null) return out;
    auto scalar = [&](const JsonValue& item) {
      if (item.kind != JsonKind::String && item.kind != JsonKind::Number)
        throw Problem{item.span.begin, fmt::format("'{}' takes a list of strings", key)};
      out.push_back(&item);
    };
    if (value.is_array()) {
      for (const auto& item : value.items) scalar(item);
    } else {
      scalar(value);
    }
    return out;
  }

  std::vector<std::string> rule_list(const JsonValue& value, std::string_view key, bool allow_prefix) const {
    std::vector<std::string> out;
    for (const auto* item : strings(value, key)) out.push_back(rule_ref(*item, key, allow_prefix));
    return out;
  }

  std::string rule_ref(const JsonValue& item, std::string_view key, bool allow_prefix) const {
    if (auto id = resolve_rule_ref(item.text, catalog_, allow_prefix)) return *id;
    throw Problem{item.span.begin,
                  fmt::format("unknown rule '{}' in {}{}", item.text, key, rule_suggestion(item.text, catalog_))};
  }

  static PathGlob glob(const JsonValue& item) {
    if (item.text.empty()) throw Problem{item.span.begin, "an empty glob matches nothing"};
    return PathGlob(item.text);
  }
  static PathGlob glob_key(const JsonMember& member) {
    if (member.key.empty()) throw Problem{member.key_span.begin, "an empty glob matches nothing"};
    return PathGlob(member.key);
  }

  static std::string fail_on(const JsonValue& value) {
    constexpr std::array<std::string_view, 4> kValues = {"error", "warning", "note", "never"};
    if (value.is_string() && std::find(kValues.begin(), kValues.end(), value.text) != kValues.end()) return value.text;
    throw Problem{value.span.begin, fmt::format("fail-on is one of error, warning, note, never{}",
                                                value.is_string() ? suggestion(value.text, kValues) : "")};
  }

  static PolicyKind policy_kind(const JsonValue& value) {
    if (value.is_string())
      if (auto kind = parse_policy_kind(value.text)) return *kind;
    constexpr std::array<std::string_view, 4> kKinds = {"identity", "resource", "ses-identity", "trust"};
    throw Problem{value.span.begin, fmt::format("policy-type is one of identity, resource, ses-identity, trust{}",
                                                value.is_string() ? suggestion(value.text, kKinds) : "")};
  }

  static PrincipalKind principal_kind(const JsonValue& value) {
    if (value.is_string())
      if (auto kind = parse_principal_kind(value.text)) return *kind;
    constexpr std::array<std::string_view, 5> kKinds = {"user", "role", "service-role", "service", "unknown"};
    throw Problem{value.span.begin, fmt::format("principal-kind is one of user, role, service-role, service, unknown{}",
                                                value.is_string() ? suggestion(value.text, kKinds) : "")};
  }

  void rules(const JsonValue& value) {
    constexpr std::array<std::string_view, 4> kLevels = {"error", "warning", "note", "off"};
    for (const auto& entry : mapping(value, "rules").members) {
      JsonValue key;
      key.kind = JsonKind::String;
      key.text = entry.key;
      key.span = entry.key_span;
      const std::string id = rule_ref(key, "rules", false);
      const JsonValue& level = entry.value;
      if (level.is_string() && level.text == "off") {
        config_.rule_levels[id] = std::nullopt;
      } else if (auto parsed = level.is_string() ? parse_level(level.text) : std::nullopt) {
        config_.rule_levels[id] = *parsed;
      } else {
        throw Problem{level.span.begin, fmt::format("a rule's level is one of error, warning, note, off{}",
                                                    level.is_string() ? suggestion(level.text, kLevels) : "")};
      }
    }
  }

  void org(const JsonValue& value) {
    const JsonValue& org = mapping(value, "org");
    check_keys(org, " in org", kOrgKeys);
    OrgConfig& out = config_.org;
    for (const auto& member : org.members) {
      const auto items = strings(member.value, member.key);
      for (const auto* item : items) {
        const std::string& text = item->text;
        if (member.key == "trusted-networks") {
          const auto network = parse_ip_network(text);
          if (!network) throw Problem{item->span.begin, fmt::format("'{}' is not an IP address or CIDR block", text)};
          out.trusted_networks.push_back(*network);
        } else if (member.key == "vpc-endpoints") {
          if (text.substr(0, 5) != "vpce-") throw Problem{item->span.begin, fmt::format("'{}' is not a VPC endpoint ID (vpce-...)", text)};
          out.vpc_endpoints.push_back(text);
        } else if (member.key == "accounts") {
          if (text.size() != 12 || !all_digits(text))
            throw Problem{item->span.begin, fmt::format("'{}' is not a 12-digit AWS account ID (quote it in YAML)", text)};
          out.accounts.push_back(text);
        } else if (member.key == "organizations") {
          if (text.substr(0, 2) != "o-" || text.size() < 12)
            throw Problem{item->span.begin, fmt::format("'{}' is not an AWS Organizations ID (o-...)", text)};
          out.organizations.push_back(text);
        } else if (member.key == "from-addresses") {
          if (auto error = out.from_addresses.add(text))
            throw Problem{item->span.begin, fmt::format("'{}' is not a valid RE2 pattern: {}", text, *error)};
        } else if (member.key == "identities") {
          if (text.empty()) throw Problem{item->span.begin, "an empty identity"};
          out.identities.push_back(to_lower(text));
        }
      }
    }
  }

  const RuleCatalog& catalog_;
  Config& config_;
};

// Blank lines and comments only: the YAML reader finds no document, the config means all defaults.
bool no_content(std::string_view text) {
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const auto line = text.substr(start, end - start);
    const auto first = line.find_first_not_of(" \t\r");
    if (first != std::string_view::npos && line[first] != '#') return false;
    start = end + 1;
  }
  return true;
}

}  // namespace

std::string ConfigError::to_string() const {
  if (where.line == 0) return fmt::format("{}: {}", file, message);
  return fmt::format("{}:{}:{}: {}", file, where.line, where.column, message);
}

std::optional<std::string> resolve_rule_ref(std::string_view text, const RuleCatalog& catalog, bool allow_prefix) {
  if (text.empty()) return std::nullopt;
  const std::string upper = [&] {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return out;
  }();
  for (const auto& rule : catalog.rules()) {
    if (rule.id == upper || iequals(rule.name, text)) return std::string(rule.id);
  }
  if (!allow_prefix) return std::nullopt;
  for (const auto& rule : catalog.rules())
    if (rule.id.starts_with(upper)) return upper;
  return std::nullopt;
}

std::string rule_suggestion(std::string_view text, const RuleCatalog& catalog) {
  std::vector<std::string_view> names;
  for (const auto& rule : catalog.rules()) {
    names.push_back(rule.id);
    names.push_back(rule.name);
  }
  return suggestion(text, names);
}

std::vector<std::string> unknown_inline_ignores(std::span<const InlineIgnore> ignores, const RuleCatalog& catalog) {
  std::vector<std::string> out;
  std::vector<std::size_t> seen;  // offsets: a resource's entries come once per policy it holds
  for (const auto& ignore : ignores) {
    if (resolve_rule_ref(ignore.rule, catalog, false)) continue;
    if (std::find(seen.begin(), seen.end(), ignore.where.offset) != seen.end()) continue;
    seen.push_back(ignore.where.offset);
    const std::string what = ignore.rule.empty() ? std::string("an entry without a rule")
                                                 : fmt::format("unknown rule '{}'", ignore.rule);
    out.push_back(fmt::format("{}:{}: {} in Metadata seslint ignore suppresses nothing{}", ignore.where.line,
                              ignore.where.column, what, rule_suggestion(ignore.rule, catalog)));
  }
  return out;
}

ConfigLoad parse_config(std::string_view text, std::string file, std::filesystem::path directory,
                        const RuleCatalog& catalog) {
  ConfigLoad load;
  if (no_content(text)) text = "{}";
  const ParseResult parsed = parse_yaml(text);
  if (parsed.error) {
    load.error = ConfigError{std::move(file), parsed.error->where, parsed.error->message};
    return load;
  }
  if (!parsed.duplicates.empty()) {
    const auto& duplicate = parsed.duplicates.front();
    load.error = ConfigError{std::move(file), duplicate.key_span.begin,
                             fmt::format("duplicate key '{}' (first at line {})", duplicate.key,
                                         duplicate.first_key_span.begin.line)};
    return load;
  }
  Config config;
  config.file = file;
  config.directory = std::move(directory);
  try {
    if (parsed.root) Reader(catalog, config).read(*parsed.root);
  } catch (const Problem& problem) {
    load.error = ConfigError{std::move(file), problem.where, problem.message};
    return load;
  }
  load.config = std::move(config);
  return load;
}

ConfigLoad load_config(const std::filesystem::path& file, const RuleCatalog& catalog) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    ConfigLoad load;
    load.error = ConfigError{file.string(), {0, 0, 0}, "cannot open the config file"};
    return load;
  }
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  std::error_code ec;
  const auto absolute = std::filesystem::absolute(file, ec).lexically_normal();
  return parse_config(text, file.string(), absolute.parent_path(), catalog);
}

std::optional<std::filesystem::path> repository_root(const std::filesystem::path& directory) {
  std::error_code ec;
  for (auto dir = std::filesystem::absolute(directory, ec).lexically_normal(); !ec; dir = dir.parent_path()) {
    if (std::filesystem::exists(dir / ".git", ec)) return dir;
    if (dir == dir.parent_path() || dir.empty()) break;
  }
  return std::nullopt;
}

std::optional<std::filesystem::path> find_config(const std::filesystem::path& directory) {
  std::error_code ec;
  for (auto dir = std::filesystem::absolute(directory, ec).lexically_normal(); !ec; dir = dir.parent_path()) {
    const auto candidate = dir / kConfigFileName;
    if (std::filesystem::is_regular_file(candidate, ec)) return candidate;
    if (std::filesystem::exists(dir / ".git", ec) || dir == dir.parent_path() || dir.empty()) break;
  }
  return std::nullopt;
}

std::optional<std::string> Config::relative_path(std::string_view absolute) const {
  return relative_under(absolute, directory.native());
}

bool Config::excludes(std::string_view relative) const {
  return std::any_of(exclude.begin(), exclude.end(), [&](const PathGlob& glob) { return glob.matches(relative); });
}

std::optional<PolicyKind> Config::policy_type_for(std::string_view relative) const {
  for (const auto& entry : policy_types)
    if (entry.glob.matches(relative)) return entry.kind;
  return std::nullopt;
}

std::optional<PrincipalKind> Config::principal_kind_for(std::string_view relative) const {
  for (const auto& entry : principal_kinds)
    if (entry.glob.matches(relative)) return entry.kind;
  return std::nullopt;
}

const Config::PerFileIgnore* Config::ignored_by(std::string_view relative, std::string_view rule_id) const {
  for (const auto& entry : per_file_ignores) {
    const bool names_rule = std::any_of(entry.rules.begin(), entry.rules.end(),
                                        [&](const std::string& ref) { return rule_id.starts_with(ref); });
    if (names_rule && entry.glob.matches(relative)) return &entry;
  }
  return nullptr;
}

}  // namespace seslint
