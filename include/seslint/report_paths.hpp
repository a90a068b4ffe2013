#pragma once
// Where reports say a file is: relative to the repository root, so that CI services (GitHub code
// scanning, GitLab Code Quality) map every result to the file in the repository.
#include <optional>
#include <string>
#include <string_view>

namespace seslint {

// The git top level above `start` (a directory with .git, directory or file), else `start`
// itself. Absolute, without a trailing slash (except for "/").
std::string repository_root(const std::string& start);

// `path` (as the user named it, relative to the working directory `cwd`) relative to `root`
// when it lies under it ("./iam/x.json" -> "iam/x.json"); otherwise absolute. "<stdin>" stays.
std::string path_from_root(std::string_view path, std::string_view root, std::string_view cwd);

// lexically_normal(cwd / path). A plain path (no ".", ".." or empty component, no trailing '/'),
// what almost every named file is, is joined as a string: linting the corpus placed 1,594 files
// through std::filesystem at a cost of 20M instructions.
std::string absolute_normal(std::string_view path, std::string_view cwd);

// `path` relative to `base` when it lies under it (as lexically_relative, generic form); nullopt
// otherwise. Both absolute.
std::optional<std::string> relative_under(std::string_view path, std::string_view base);

}  // namespace seslint
