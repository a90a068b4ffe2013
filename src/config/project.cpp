#include "seslint/project.hpp"

#include <algorithm>

#include "seslint/report_paths.hpp"

namespace seslint {

Project::Project(ProjectOptions options)
    : options_(std::move(options)), working_directory_(std::filesystem::current_path()) {}

Project::~Project() = default;

const Config* Project::load(const std::filesystem::path& file) {
  const auto key = (working_directory_ / file).lexically_normal();
  if (const auto it = configs_.find(key); it != configs_.end()) return it->second.get();
  ConfigLoad loaded = load_config(file);
  if (loaded.error && !error_) error_ = loaded.error;
  auto& slot = configs_[key];
  if (loaded.config) slot = std::make_unique<Config>(std::move(*loaded.config));
  return slot.get();
}

const Config* Project::config_for(const std::string& path) {
  if (options_.config_file) return load(*options_.config_file);
  if (!options_.discover) return nullptr;
  // A directory scan asks for every file of a directory: its text as written answers the files
  // after the first without normalizing paths (unless the name is "." or "..", which move it).
  const auto slash = path.rfind('/');
  const std::string_view name = slash == std::string::npos ? std::string_view(path) : std::string_view(path).substr(slash + 1);
  const bool plain_name = !name.empty() && name != "." && name != ".." && path != "-";
  const std::string written = plain_name && slash != std::string::npos ? path.substr(0, slash + 1) : std::string();
  if (plain_name)
    if (const auto it = by_written_directory_.find(written); it != by_written_directory_.end()) return it->second;
  const auto directory = path == "-" ? working_directory_ : (working_directory_ / path).lexically_normal().parent_path();
  const Config* config = nullptr;
  if (const auto it = by_directory_.find(directory); it != by_directory_.end()) {
    config = it->second;
  } else {
    const auto found = find_config(directory);
    config = found ? load(*found) : nullptr;
    by_directory_.emplace(directory, config);
  }
  if (plain_name) by_written_directory_.emplace(written, config);
  return config;
}

bool Project::excluded(const std::string& path) {
  const Config* config = path == "-" ? nullptr : config_for(path);
  if (config == nullptr || config->exclude.empty()) return false;
  const auto relative = config->relative_path(absolute_normal(path, working_directory_.native()));
  return relative && config->excludes(*relative);
}

const Linter& Project::linter_for(const Config* config) {
  auto& slot = linters_[config];
  if (slot) return *slot;
  LintOptions options = options_.lint;
  options.config = config;
  // Fingerprint paths: relative to the repository root, else the config's directory, else here.
  const auto anchor = config != nullptr ? config->directory : working_directory_;
  options.root = repository_root(anchor).value_or(anchor);
  if (config != nullptr) {
    if (options.selection.select.empty()) options.selection.select = config->select;
    if (options.selection.ignore.empty()) options.selection.ignore = config->ignore;
  }
  slot = std::make_unique<Linter>(std::move(options));
  return *slot;
}

std::vector<const RuleInfo*> Project::enabled_rules() const {
  std::vector<const RuleInfo*> out;
  for (const auto& [config, linter] : linters_) {
    const auto& rules = linter->engine().enabled_rules();
    out.insert(out.end(), rules.begin(), rules.end());
  }
  std::sort(out.begin(), out.end(), [](const RuleInfo* a, const RuleInfo* b) { return a->id < b->id; });
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace seslint
