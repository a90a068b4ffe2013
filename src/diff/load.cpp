// Inputs of the diff: a file's policies (a plain policy or the ones a container holds) and their
// pairing across two versions by logical name.
#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "seslint/arn.hpp"
#include "seslint/diff.hpp"
#include "seslint/lint.hpp"

namespace seslint::diff {
std::optional<std::string> load_file(const std::string& path, std::string source, LoadedFile& out) {
  out.path = path;
  out.source = std::move(source);
  const bool yaml = read_as_yaml(path, out.source);
  out.parsed = std::make_unique<ParseResult>(yaml ? parse_yaml(out.source) : parse_json(out.source));
  if (!out.parsed->root) {
    const auto& error = *out.parsed->error;
    return fmt::format("{}:{}:{}: {}", path, error.where.line, error.where.column, error.message);
  }
  out.extraction = std::make_unique<Extraction>(
      extract_policies(*out.parsed->root, SourceWindow{out.source, 0, yaml}, ExtractOptions{}));
  if (!out.extraction->recognised) return fmt::format("{}: neither a policy nor a container seslint reads", path);
  for (const auto& site : out.extraction->policies) {
    if (site.root == nullptr || !site.root->is_object()) continue;
    LoadedFile::Entry entry{site.origin.name, build_policy(*site.root, site.origin.kind)};
    entry.policy.attached_identity = std::string(ses_identity_name(site.origin.ses_identity));
    out.policies.push_back(std::move(entry));
  }
  return std::nullopt;
}

std::vector<PairResult> diff_files(const LoadedFile* old_file, const LoadedFile* new_file, const DiffOptions& options) {
  // Logical name -> policy in each version; a name repeated in one file pairs in order of appearance.
  std::map<std::string, std::pair<std::vector<const Policy*>, std::vector<const Policy*>>> by_name;
  std::vector<std::string> order;
  auto add = [&](const LoadedFile* file, bool is_new) {
    if (file == nullptr) return;
    for (const auto& entry : file->policies) {
      auto [it, fresh] = by_name.try_emplace(entry.name);
      if (fresh) order.push_back(entry.name);
      (is_new ? it->second.second : it->second.first).push_back(&entry.policy);
    }
  };
  add(new_file, true);
  add(old_file, false);
  std::vector<PairResult> out;
  const std::string& path = new_file != nullptr ? new_file->path : old_file->path;
  for (const auto& name : order) {
    const auto& [olds, news] = by_name[name];
    for (std::size_t i = 0; i < std::max(olds.size(), news.size()); ++i) {
      PairResult pair;
      pair.path = path;
      pair.old_path = old_file != nullptr ? old_file->path : path;
      pair.name = name;
      pair.old_policy = i < olds.size() ? olds[i] : nullptr;
      pair.new_policy = i < news.size() ? news[i] : nullptr;
      pair.diff = diff_policies(pair.old_policy, pair.new_policy, options);
      out.push_back(std::move(pair));
    }
  }
  return out;
}

std::size_t Report::added() const {
  std::size_t n = 0;
  for (const auto& pair : pairs) n += pair.diff.added.size();
  return n;
}

std::size_t Report::removed() const {
  std::size_t n = 0;
  for (const auto& pair : pairs) n += pair.diff.removed.size();
  return n;
}

std::size_t Report::undetermined() const {
  std::size_t n = 0;
  for (const auto& pair : pairs) n += pair.diff.undetermined.size();
  return n;
}

std::size_t Report::undetermined_removed() const {
  std::size_t n = 0;
  for (const auto& pair : pairs) n += pair.diff.undetermined_removed.size();
  return n;
}

}  // namespace seslint::diff
