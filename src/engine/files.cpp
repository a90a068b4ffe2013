#include <algorithm>
#include <filesystem>
#include <system_error>

#include <fmt/format.h>

#include "seslint/lint.hpp"

namespace seslint {
namespace fs = std::filesystem;

namespace {

bool skipped_directory(const fs::path& dir) {
  const auto name = dir.filename().string();
  return name == ".git" || name == "node_modules";
}

void expand_directory(const fs::path& root, std::vector<InputPath>& out, std::vector<std::string>& errors) {
  std::vector<std::string> found;
  std::error_code ec;
  fs::recursive_directory_iterator it(root, fs::directory_options::none, ec), end;
  if (ec) {
    errors.push_back(fmt::format("{}: cannot read directory: {}", root.string(), ec.message()));
    return;
  }
  for (; it != end; it.increment(ec)) {
    if (ec) {
      errors.push_back(fmt::format("{}: {}", root.string(), ec.message()));
      break;
    }
    const auto& entry = *it;
    std::error_code type_ec;
    if (entry.is_directory(type_ec)) {
      if (skipped_directory(entry.path())) it.disable_recursion_pending();
      continue;
    }
    if (entry.is_regular_file(type_ec) && is_input_file_name(entry.path().filename().string()))
      found.push_back(entry.path().string());
  }
  std::sort(found.begin(), found.end());
  for (auto& path : found) out.push_back({std::move(path), false});
}

}  // namespace

bool is_input_file_name(std::string_view name) {
  for (std::string_view extension : {".json", ".yaml", ".yml", ".template"})
    if (name.size() > extension.size() && name.ends_with(extension)) return true;
  return false;
}

std::vector<InputPath> expand_input_paths(const std::vector<std::string>& paths, std::vector<std::string>& errors) {
  std::vector<InputPath> out;
  for (const auto& path : paths) {
    if (path == "-") {
      out.push_back({path, true});
      continue;
    }
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
      errors.push_back(fmt::format("{}: no such file or directory", path));
    } else if (fs::is_directory(status)) {
      expand_directory(path, out, errors);
    } else {
      out.push_back({path, true});
    }
  }
  return out;
}

}  // namespace seslint
