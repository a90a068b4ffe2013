#pragma once
// .seslint.yaml: which rules run, at what level, on which files, with which suppressions, and the
// organisation's parameters for the SES rules (docs/configuration.md). Read with the YAML reader,
// so every error has a line and column; unknown keys and rule IDs are errors, never ignored.
#include <filesystem>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "seslint/catalog.hpp"
#include "seslint/document.hpp"
#include "seslint/json.hpp"
#include "seslint/org.hpp"
#include "seslint/path_glob.hpp"
#include "seslint/policy.hpp"

namespace seslint {

inline constexpr std::string_view kConfigFileName = ".seslint.yaml";

// A problem in a config file: "path:line:col: message" (line 0: the file as a whole).
struct ConfigError {
  std::string file;
  Position where{0, 0, 0};
  std::string message;
  std::string to_string() const;
};

struct Config {
  std::string file;                 // the config file as found or named
  std::filesystem::path directory;  // absolute: globs are relative to it
  std::vector<std::string> select, ignore;  // rule IDs or ID prefixes (names resolved), upper case
  std::optional<std::string> fail_on;       // error|warning|note|never
  std::vector<PathGlob> exclude;
  struct PerFileIgnore {
    PathGlob glob;
    std::vector<std::string> rules;  // IDs or ID prefixes
  };
  std::vector<PerFileIgnore> per_file_ignores;
  std::map<std::string, std::optional<Level>, std::less<>> rule_levels;  // ID -> level; nullopt: off
  struct PolicyTypeFor {
    PathGlob glob;
    PolicyKind kind;
  };
  std::vector<PolicyTypeFor> policy_types;  // first match wins
  struct PrincipalKindFor {
    PathGlob glob;
    PrincipalKind kind;
  };
  std::vector<PrincipalKindFor> principal_kinds;  // first match wins
  OrgConfig org;

  // `relative`: a path relative to `directory`, '/'-separated.
  bool excludes(std::string_view relative) const;
  std::optional<PolicyKind> policy_type_for(std::string_view relative) const;
  std::optional<PrincipalKind> principal_kind_for(std::string_view relative) const;
  // The per-file-ignores pattern that ignores `rule_id` in this file, or nullptr.
  const PerFileIgnore* ignored_by(std::string_view relative, std::string_view rule_id) const;
  // The path of `absolute` relative to `directory`, or nullopt when it lies outside.
  std::optional<std::string> relative_path(std::string_view absolute) const;
};

struct ConfigLoad {
  std::optional<Config> config;
  std::optional<ConfigError> error;
};

// Parses config text; `file` names it in errors, `directory` anchors its globs.
ConfigLoad parse_config(std::string_view text, std::string file, std::filesystem::path directory,
                        const RuleCatalog& catalog = RuleCatalog::builtin());
// Reads and parses a config file.
ConfigLoad load_config(const std::filesystem::path& file, const RuleCatalog& catalog = RuleCatalog::builtin());

// The nearest .seslint.yaml in `directory` or above it, stopping at the repository root (a
// directory holding .git) or at '/'.
std::optional<std::filesystem::path> find_config(const std::filesystem::path& directory);
// The git top level holding `directory` (the nearest ancestor with .git), if any.
std::optional<std::filesystem::path> repository_root(const std::filesystem::path& directory);

// A rule reference as users write it: an ID in any case ("iam001"), a rule name
// ("duplicate-key"), or, with `allow_prefix`, an ID prefix ("SES1"). Returns the ID or prefix in
// upper case, or nullopt when it names no rule.
std::optional<std::string> resolve_rule_ref(std::string_view text, const RuleCatalog& catalog, bool allow_prefix);
// "; did you mean 'IAM001'?" or empty.
std::string rule_suggestion(std::string_view text, const RuleCatalog& catalog);

// Notes ("line:col: message") for the entries of a template's Metadata seslint ignore that name no
// rule, each entry once however many policies the resource holds.
std::vector<std::string> unknown_inline_ignores(std::span<const InlineIgnore> ignores,
                                                const RuleCatalog& catalog = RuleCatalog::builtin());

}  // namespace seslint
