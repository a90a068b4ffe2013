#include "seslint/report_paths.hpp"

#include <filesystem>
#include <system_error>

namespace seslint {

namespace fs = std::filesystem;

std::string repository_root(const std::string& start) {
  std::error_code ec;
  fs::path dir = fs::absolute(start, ec).lexically_normal();
  if (ec) return start;
  if (!dir.has_filename() && dir != dir.root_path()) dir = dir.parent_path();  // "a/b/" -> "a/b"
  for (fs::path at = dir;; at = at.parent_path()) {
    if (fs::exists(at / ".git", ec)) return at.string();
    if (at == at.root_path() || at.empty()) break;
  }
  return dir.string();
}

std::string path_from_root(std::string_view path, std::string_view root, std::string_view cwd) {
  if (path == "<stdin>" || root.empty()) return std::string(path);
  fs::path absolute = fs::path(path);
  if (absolute.is_relative()) absolute = fs::path(cwd) / absolute;
  absolute = absolute.lexically_normal();
  const fs::path relative = absolute.lexically_relative(fs::path(root));
  if (relative.empty() || *relative.begin() == "..") return absolute.string();
  return relative.string();
}

}  // namespace seslint
