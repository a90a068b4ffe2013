#include <algorithm>
#include <cctype>
#include <filesystem>
#include <optional>
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

// "permission denied", as the other I/O messages say it.
std::string reason(const std::error_code& ec) {
  std::string text = ec.message();
  if (!text.empty()) text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
  return text;
}

// A link with an input file's name that cannot be followed (its target is gone, or links loop): the
// scan skips it, and says so, since the user may expect the file it once named to be linted.
std::optional<std::string> unfollowable_link(const fs::directory_entry& entry) {
  std::error_code ec;
  if (!entry.is_symlink(ec) || !is_input_file_name(entry.path().filename().string())) return std::nullopt;
  const auto status = fs::status(entry.path(), ec);
  if (ec && ec != std::errc::no_such_file_or_directory)
    return fmt::format("{}: skipped symbolic link: {}", entry.path().string(), reason(ec));
  if (!ec && fs::exists(status)) return std::nullopt;
  const auto target = fs::read_symlink(entry.path(), ec);
  return fmt::format("{}: skipped dangling symbolic link (its target {} does not exist)", entry.path().string(),
                     ec ? std::string("?") : target.string());
}

// Every input file under `dir`, sorted; a subdirectory that cannot be read is an error and the
// rest of the tree is still scanned.
void scan(const fs::path& dir, std::vector<std::string>& found, std::vector<std::string>& errors,
          std::vector<std::string>& notes) {
  std::error_code ec;
  fs::directory_iterator it(dir, ec), end;
  if (ec) {
    errors.push_back(fmt::format("{}: cannot read directory: {}", dir.string(), reason(ec)));
    return;
  }
  std::vector<fs::path> subdirectories;
  for (; it != end; it.increment(ec)) {
    if (ec) {
      errors.push_back(fmt::format("{}: cannot read directory: {}", dir.string(), reason(ec)));
      break;
    }
    const auto& entry = *it;
    std::error_code type_ec;
    if (entry.is_directory(type_ec)) {
      if (!skipped_directory(entry.path()) && !entry.is_symlink(type_ec)) subdirectories.push_back(entry.path());
      continue;
    }
    if (entry.is_regular_file(type_ec) && is_input_file_name(entry.path().filename().string()))
      found.push_back(entry.path().string());
    else if (auto note = unfollowable_link(entry)) notes.push_back(std::move(*note));
  }
  for (const auto& subdirectory : subdirectories) scan(subdirectory, found, errors, notes);
}

void expand_directory(const fs::path& root, std::vector<InputPath>& out, std::vector<std::string>& errors,
                      std::vector<std::string>& notes) {
  std::vector<std::string> found;
  scan(root, found, errors, notes);
  std::sort(found.begin(), found.end());
  for (auto& path : found) out.push_back({std::move(path), false});
}

}  // namespace

bool is_input_file_name(std::string_view name) {
  for (std::string_view extension : {".json", ".yaml", ".yml", ".template"})
    if (name.size() > extension.size() && name.ends_with(extension)) return true;
  return false;
}

std::vector<InputPath> expand_input_paths(const std::vector<std::string>& paths, std::vector<std::string>& errors,
                                          std::vector<std::string>* notes) {
  std::vector<InputPath> out;
  std::vector<std::string> ignored_notes;
  for (const auto& path : paths) {
    if (path == "-") {
      out.push_back({path, true});
      continue;
    }
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (ec && ec != std::errc::no_such_file_or_directory) {
      errors.push_back(fmt::format("{}: {}", path, reason(ec)));  // e.g. too many levels of symbolic links
    } else if (ec || !fs::exists(status)) {
      errors.push_back(fmt::format("{}: no such file or directory", path));
    } else if (fs::is_directory(status)) {
      expand_directory(path, out, errors, notes != nullptr ? *notes : ignored_notes);
    } else {
      out.push_back({path, true});
    }
  }
  return out;
}

}  // namespace seslint
