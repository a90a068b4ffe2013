// `seslint diff OLD NEW` and `seslint diff --git REV PATH...`: what a policy change newly allows
// (docs/diff.md). Reads the versions, pairs them (files, directories by relative path, containers
// by logical name) and prints the library's report.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <sstream>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands.hpp"
#include "seslint/diff.hpp"
#include "seslint/lint.hpp"

extern char** environ;

namespace seslint::cli {
namespace {

namespace fs = std::filesystem;

struct InputError {
  std::string message;
};

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError{fmt::format("{}: cannot open", path)};
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw InputError{fmt::format("{}: cannot read", path)};
  return text;
}

// Runs git with `args` (no shell); its standard output, or nullopt when it exits non-zero.
std::optional<std::string> run_git(const std::vector<std::string>& args) {
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) throw InputError{"cannot create a pipe to run git"};
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  std::vector<std::string> argv_text = {"git"};
  argv_text.insert(argv_text.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& arg : argv_text) argv.push_back(arg.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  const int spawned = posix_spawnp(&pid, "git", &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(pipe_fds[1]);
  if (spawned != 0) {
    close(pipe_fds[0]);
    throw InputError{"cannot run git (is it installed?)"};
  }
  std::string out;
  char buffer[65536];
  for (ssize_t n; (n = read(pipe_fds[0], buffer, sizeof buffer)) > 0;) out.append(buffer, static_cast<std::size_t>(n));
  close(pipe_fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return std::nullopt;
  return out;
}

// The input files under `path` (itself when it is a file), by their path relative to it.
std::map<std::string, std::string> files_under(const std::string& path) {
  std::map<std::string, std::string> out;
  if (!fs::is_directory(path)) {
    out.emplace("", path);
    return out;
  }
  std::vector<std::string> errors;
  for (const auto& input : expand_input_paths({path}, errors))
    out.emplace(fs::path(input.path).lexically_relative(path).generic_string(), input.path);
  if (!errors.empty()) throw InputError{errors.front()};
  return out;
}

class Session {
 public:
  explicit Session(const diff::DiffOptions& options) : options_(options) {}

  // One file pair; either side may be absent (nullopt).
  void compare(const std::string& shown_path, const std::string& shown_old_path, const std::optional<std::string>& old_source,
               const std::optional<std::string>& new_source, const std::string& old_name, const std::string& new_name) {
    const diff::LoadedFile* old_file = load(old_name, old_source);
    const diff::LoadedFile* new_file = load(new_name, new_source);
    auto pairs = diff::diff_files(old_file, new_file, options_);
    // Account models (exports, templates, plans declaring users and roles): each principal too.
    const audit::AccountModel* old_model = model(old_name, old_source);
    const audit::AccountModel* new_model = model(new_name, new_source);
    if ((old_model != nullptr || new_model != nullptr) && (old_model != nullptr || !old_source) &&
        (new_model != nullptr || !new_source))
      for (auto& pair : diff::diff_principals(old_model, new_model, options_)) pairs.push_back(std::move(pair));
    for (auto& pair : pairs) {
      pair.path = shown_path;
      pair.old_path = shown_old_path;
      report_.pairs.push_back(std::move(pair));
    }
  }

  const diff::Report& report() const { return report_; }

 private:
  const diff::LoadedFile* load(const std::string& name, const std::optional<std::string>& source) {
    if (!source) return nullptr;
    auto file = std::make_unique<diff::LoadedFile>();
    if (const auto problem = diff::load_file(name, *source, *file)) throw InputError{*problem};
    files_.push_back(std::move(file));
    return files_.back().get();
  }

  // The audit's account model of a file when it declares users or roles, else nullptr.
  const audit::AccountModel* model(const std::string& name, const std::optional<std::string>& source) {
    if (!source) return nullptr;
    auto loaded = std::make_unique<audit::AccountModel>(audit::load_account_sources({{name, *source}}));
    if (!diff::has_principals(*loaded)) return nullptr;
    models_.push_back(std::move(loaded));
    return models_.back().get();
  }

  diff::DiffOptions options_;
  std::vector<std::unique_ptr<diff::LoadedFile>> files_;
  std::vector<std::unique_ptr<audit::AccountModel>> models_;
  diff::Report report_;
};

void compare_paths(Session& session, const std::string& old_path, const std::string& new_path) {
  for (const auto& path : {old_path, new_path})
    if (!fs::exists(path)) throw InputError{fmt::format("{}: no such file or directory", path)};
  if (fs::is_directory(old_path) != fs::is_directory(new_path))
    throw InputError{"OLD and NEW must both be files or both be directories"};
  const auto olds = files_under(old_path), news = files_under(new_path);
  std::set<std::string> relative;
  for (const auto& [rel, path] : olds) relative.insert(rel);
  for (const auto& [rel, path] : news) relative.insert(rel);
  for (const auto& rel : relative) {
    const auto o = olds.find(rel), n = news.find(rel);
    const std::string old_name = o != olds.end() ? o->second : std::string(), new_name = n != news.end() ? n->second : std::string();
    session.compare(n != news.end() ? new_name : old_name, o != olds.end() ? old_name : new_name, o != olds.end() ? std::optional(read_file(old_name)) : std::nullopt,
                    n != news.end() ? std::optional(read_file(new_name)) : std::nullopt, old_name, new_name);
  }
}

void compare_git(Session& session, const std::string& revision, const std::vector<std::string>& paths) {
  if (!run_git({"rev-parse", "--verify", "--quiet", revision + "^{commit}"}))
    throw InputError{fmt::format("--git {}: not a revision of the repository here", revision)};
  for (const auto& path : paths) {
    // The files at REV under the path (names relative to the working directory, as git prints them).
    const auto listed = run_git({"ls-tree", "-r", "--name-only", revision, "--", path});
    if (!listed) throw InputError{fmt::format("--git {}: cannot list {}", revision, path)};
    std::set<std::string> at_revision;
    std::istringstream lines(*listed);
    for (std::string line; std::getline(lines, line);)
      if (is_input_file_name(fs::path(line).filename().string())) at_revision.insert(line);
    if (!fs::exists(path) && at_revision.empty()) throw InputError{fmt::format("{}: no such file or directory", path)};
    std::set<std::string> current;
    if (fs::exists(path))
      for (const auto& [rel, file] : files_under(path)) current.insert(fs::path(file).lexically_normal().generic_string());
    std::set<std::string> all = at_revision;
    all.insert(current.begin(), current.end());
    for (const auto& file : all) {
      std::optional<std::string> old_source;
      if (at_revision.count(file)) {
        old_source = run_git({"show", revision + ":./" + file});
        if (!old_source) throw InputError{fmt::format("--git {}: cannot read {}", revision, file)};
      }
      const std::optional<std::string> new_source = current.count(file) ? std::optional(read_file(file)) : std::nullopt;
      session.compare(file, revision + ":" + file, old_source, new_source, revision + ":" + file, file);
    }
  }
}

}  // namespace

CLI::App* DiffCommand::add_to(CLI::App& app) {
  auto* command = app.add_subcommand("diff", "What a policy change newly allows (OLD NEW, or --git REV PATH...)");
  command->add_option("paths", paths, "OLD NEW (files or directories), or with --git the paths to compare");
  command->add_option("--git", git_revision, "Compare PATH... in the working tree with their versions at REV");
  command->add_option("-f,--format", format, "Output format")->check(CLI::IsMember({"text", "json", "markdown", "sarif"}));
  command->add_option("-o,--output", output, "Write the report to this file instead of standard output");
  command->add_flag("--allow-undetermined", allow_undetermined, "Exit 0 when the only possible new access is undetermined");
  return command;
}

int DiffCommand::run() const {
  Session session{diff::DiffOptions{}};
  try {
    if (!git_revision.empty()) {
      if (paths.empty()) throw InputError{"--git REV needs at least one PATH"};
      compare_git(session, git_revision, paths);
    } else {
      if (paths.size() != 2) throw InputError{"diff takes OLD and NEW (or --git REV PATH...)"};
      compare_paths(session, paths[0], paths[1]);
    }
  } catch (const InputError& error) {
    std::cerr << "seslint: " << error.message << '\n';
    return kExitError;
  }
  const auto& report = session.report();
  std::string text = format == "json"       ? diff::format_json(report)
                     : format == "markdown" ? diff::format_markdown(report)
                     : format == "sarif"    ? diff::format_sarif(report)
                                            : diff::format_text(report);
  if (output.empty()) {
    std::cout << text << std::flush;
  } else {
    std::ofstream file(output, std::ios::binary);
    if (!(file << text)) {
      std::cerr << fmt::format("seslint: {}: cannot write\n", output);
      return kExitError;
    }
  }
  const bool fails = report.added() > 0 || (report.undetermined() > 0 && !allow_undetermined);
  return fails ? kExitFindings : kExitClean;
}

}  // namespace seslint::cli
