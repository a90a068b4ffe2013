// Which files `seslint secrets` reads, and reading one.
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <sstream>

#include <fmt/format.h>

#include "seslint/config.hpp"
#include "seslint/path_glob.hpp"
#include "seslint/secrets.hpp"

namespace seslint::secrets {
namespace fs = std::filesystem;
namespace {

std::string shell_quoted(const std::string& word) {
  std::string out = "'";
  for (const char c : word) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Inside a git work tree, git knows what is ignored (.gitignore at every level, .git/info/exclude,
// the global excludes file, negations): tracked files plus untracked ones not ignored. nullopt
// when git cannot answer (not installed, not a work tree).
std::optional<std::vector<std::string>> git_files(const fs::path& dir) {
  const std::string command =
      fmt::format("git -C {} ls-files -z --cached --others --exclude-standard 2>/dev/null", shell_quoted(dir.string()));
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  if (!pipe) return std::nullopt;
  std::string listing;
  char buffer[65536];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe.get())) > 0;) listing.append(buffer, n);
  if (pclose(pipe.release()) != 0) return std::nullopt;
  std::vector<std::string> files;
  std::error_code ec;
  for (std::size_t start = 0, end; start < listing.size(); start = end + 1) {
    end = listing.find('\0', start);
    if (end == std::string::npos) end = listing.size();
    const fs::path file = dir / listing.substr(start, end - start);
    if (fs::is_regular_file(fs::symlink_status(file, ec))) files.push_back(file.lexically_normal().string());  // deleted, submodules, links: no
  }
  return files;
}

// Outside git: each directory's .gitignore, its patterns read as .seslint.yaml globs relative to
// that directory ('!' negations are not supported and are skipped).
struct IgnoreRules {
  fs::path directory;
  std::vector<PathGlob> globs;
};

IgnoreRules read_gitignore(const fs::path& dir) {
  IgnoreRules rules{dir, {}};
  std::ifstream in(dir / ".gitignore");
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    while (!line.empty() && line.back() == ' ') line.pop_back();
    if (line.empty() || line.front() == '#' || line.front() == '!') continue;
    rules.globs.emplace_back(line);
  }
  return rules;
}

bool ignored(const fs::path& path, const std::vector<IgnoreRules>& stack) {
  for (const auto& rules : stack) {
    const std::string relative = path.lexically_relative(rules.directory).generic_string();
    for (const auto& glob : rules.globs)
      if (glob.matches(relative)) return true;
  }
  return false;
}

void walk(const fs::path& dir, std::vector<IgnoreRules>& stack, std::vector<std::string>& found,
          std::vector<std::string>& errors) {
  std::error_code ec;
  fs::directory_iterator it(dir, ec), end;
  if (ec) {
    errors.push_back(fmt::format("{}: cannot read directory: {}", dir.string(), ec.message()));
    return;
  }
  stack.push_back(read_gitignore(dir));
  std::vector<fs::path> subdirectories;
  for (; it != end; it.increment(ec)) {
    if (ec) break;
    const auto& entry = *it;
    if (entry.path().filename() == ".git" || ignored(entry.path(), stack)) continue;
    std::error_code type_ec;
    if (entry.is_symlink(type_ec)) continue;
    if (entry.is_directory(type_ec)) subdirectories.push_back(entry.path());
    else if (entry.is_regular_file(type_ec)) found.push_back(entry.path().string());
  }
  for (const auto& subdirectory : subdirectories) walk(subdirectory, stack, found, errors);
  stack.pop_back();
}

FileResult skipped(std::string path, std::string notice) {
  FileResult result;
  result.path = std::move(path);
  result.skipped = true;
  result.notice = std::move(notice);
  return result;
}

}  // namespace

bool looks_binary(std::string_view head) { return head.substr(0, 8192).find('\0') != std::string_view::npos; }

std::vector<InputPath> expand_paths(const std::vector<std::string>& paths, std::vector<std::string>& errors) {
  std::vector<InputPath> out;
  for (const auto& path : paths) {
    std::error_code ec;
    if (path == "-" || (fs::exists(path, ec) && !fs::is_directory(path, ec))) {
      out.push_back({path, true});
      continue;
    }
    if (!fs::exists(path, ec)) {
      errors.push_back(fmt::format("{}: no such file or directory", path));
      continue;
    }
    std::vector<std::string> found;
    if (auto listed = repository_root(fs::absolute(path, ec)) ? git_files(path) : std::nullopt) {
      found = std::move(*listed);
    } else {
      std::vector<IgnoreRules> stack;
      walk(path, stack, found, errors);
    }
    std::sort(found.begin(), found.end());
    for (auto& file : found) out.push_back({std::move(file), false});
  }
  return out;
}

FileResult scan_path(const std::string& path, const RuleSelection& selection, std::size_t max_file_size) {
  std::string text;
  FileResult result;
  result.path = path == "-" ? "<stdin>" : path;
  std::ifstream file;
  if (path != "-") {
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    if (!ec && size > max_file_size)
      return skipped(path, fmt::format("{} bytes, over --max-file-size ({} bytes); not scanned", size, max_file_size));
    file.open(path, std::ios::binary);
    if (!file) {
      result.io_error = fmt::format("cannot open: {}", std::strerror(errno));
      return result;
    }
  }
  std::istream& in = path == "-" ? std::cin : file;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) {
    result.io_error = "cannot read";
    return result;
  }
  text = std::move(buffer).str();
  if (text.size() > max_file_size) return skipped(result.path, "over --max-file-size; not scanned");
  if (looks_binary(text)) return skipped(result.path, "binary; not scanned");
  auto outcome = scan_text(text, selection);
  result.findings = std::move(outcome.findings);
  if (!result.findings.empty()) result.source = std::move(outcome.redacted);
  return result;
}

}  // namespace seslint::secrets
