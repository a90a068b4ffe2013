#include "seslint/report_paths.hpp"

#include <algorithm>
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

namespace {

// No ".", ".." or empty component and no trailing '/': lexically_normal leaves it as it is.
bool is_plain(std::string_view path) {
  if (path.empty()) return false;
  if (path == "/") return true;
  if (path.back() == '/') return false;
  std::size_t start = path.front() == '/' ? 1 : 0;
  while (start <= path.size()) {
    const std::size_t end = std::min(path.find('/', start), path.size());
    const std::string_view part = path.substr(start, end - start);
    if (part.empty() || part == "." || part == "..") return false;
    start = end + 1;
  }
  return true;
}

}  // namespace

std::string absolute_normal(std::string_view path, std::string_view cwd) {
  const bool relative = path.empty() || path.front() != '/';
  if (is_plain(path) && (!relative || (is_plain(cwd) && cwd.front() == '/'))) {
    if (!relative) return std::string(path);
    std::string out;
    out.reserve(cwd.size() + 1 + path.size());
    out.append(cwd);
    if (out.back() != '/') out.push_back('/');
    out.append(path);
    return out;
  }
  return (fs::path(cwd) / fs::path(path)).lexically_normal().generic_string();
}

std::optional<std::string> relative_under(std::string_view path, std::string_view base) {
  if (is_plain(path) && is_plain(base) && path.front() == '/' && base.front() == '/') {
    if (path == base) return std::string(".");
    if (base == "/") return std::string(path.substr(1));
    // A component boundary: "/a/bc" does not lie under "/a/b".
    if (path.size() > base.size() && path.compare(0, base.size(), base) == 0 && path[base.size()] == '/')
      return std::string(path.substr(base.size() + 1));
    return std::nullopt;
  }
  const fs::path relative = fs::path(path).lexically_relative(fs::path(base));
  if (relative.empty() || *relative.begin() == "..") return std::nullopt;
  return relative.generic_string();
}

std::string path_from_root(std::string_view path, std::string_view root, std::string_view cwd) {
  if (path == "<stdin>" || root.empty()) return std::string(path);
  std::string absolute = absolute_normal(path, cwd);
  auto relative = relative_under(absolute, root);
  return relative ? std::move(*relative) : absolute;
}

}  // namespace seslint
