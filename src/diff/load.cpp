// Inputs of the diff: a file's policies (a plain policy or the ones a container holds) and their
// pairing across two versions by logical name.
#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "seslint/arn.hpp"
#include "seslint/diff.hpp"
#include "seslint/lint.hpp"

namespace seslint::diff {
namespace {

const JsonValue* member(const JsonValue& object, std::string_view key) {
  if (!object.is_object()) return nullptr;
  for (const auto& m : object.members)
    if (m.key == key) return &m.value;
  return nullptr;
}

// A plan's policy documents known only at apply time: resource_changes whose after_unknown marks them.
std::vector<std::string> unknown_plan_policies(const JsonValue& root) {
  static constexpr std::pair<std::string_view, std::string_view> kPolicies[] = {
      {"aws_iam_policy", "policy"},          {"aws_iam_role_policy", "policy"},
      {"aws_iam_user_policy", "policy"},     {"aws_iam_group_policy", "policy"},
      {"aws_iam_role", "assume_role_policy"}, {"aws_ses_identity_policy", "policy"},
      {"aws_sesv2_email_identity_policy", "policy"}};
  std::vector<std::string> out;
  const JsonValue* changes = member(root, "resource_changes");
  if (changes == nullptr || !changes->is_array()) return out;
  for (const auto& change : changes->items) {
    const JsonValue* type = member(change, "type");
    const JsonValue* address = member(change, "address");
    const JsonValue* body = member(change, "change");
    const JsonValue* unknown = body != nullptr ? member(*body, "after_unknown") : nullptr;
    if (type == nullptr || address == nullptr || unknown == nullptr) continue;
    for (const auto& [policy_type, attribute] : kPolicies) {
      const JsonValue* flag = type->text == policy_type ? member(*unknown, attribute) : nullptr;
      if (flag != nullptr && flag->kind == JsonKind::Bool && flag->boolean)
        out.push_back(attribute == "policy" ? address->text.str() : address->text.str() + " " + std::string(attribute));
    }
  }
  return out;
}

}  // namespace

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
  if (out.extraction->container.starts_with("Terraform")) out.unknown = unknown_plan_policies(*out.parsed->root);
  return std::nullopt;
}

// A version whose document is known only at apply time allows anything or nothing: what the other
// version's diff says becomes undetermined, and when NEW is unknown it may grant new access.
void apply_time_unknowns(bool old_unknown, bool new_unknown, PolicyDiff& diff) {
  if (!old_unknown && !new_unknown) return;
  const std::string reason = fmt::format("the {} document is known only at apply time",
                                         old_unknown && new_unknown ? "policy's" : old_unknown ? "previous" : "new");
  auto demote = [&](std::vector<AccessClass>& from, std::vector<AccessClass>& into) {
    for (auto& access : from) {
      access.reason = reason;
      access.description = fmt::format("possible {} access: {}", &into == &diff.undetermined ? "new" : "removed", reason);
      into.push_back(std::move(access));
    }
    from.clear();
  };
  demote(diff.added, diff.undetermined);
  demote(diff.removed, diff.undetermined_removed);
  if (new_unknown && diff.undetermined.empty()) {
    AccessClass unknown;
    unknown.reason = reason;
    unknown.description = "possible new access: " + reason;
    diff.undetermined.push_back(std::move(unknown));
  }
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
  // A plan's policy known only at apply time pairs with its name in the other version.
  std::set<std::string> old_unknown, new_unknown;
  auto add_unknown = [&](const LoadedFile* file, std::set<std::string>& into) {
    if (file == nullptr) return;
    for (const auto& name : file->unknown) {
      into.insert(name);
      if (by_name.try_emplace(name).second) order.push_back(name);
    }
  };
  add_unknown(new_file, new_unknown);
  add_unknown(old_file, old_unknown);
  std::vector<PairResult> out;
  const std::string& path = new_file != nullptr ? new_file->path : old_file->path;
  for (const auto& name : order) {
    const auto& [olds, news] = by_name[name];
    const bool unknown = old_unknown.count(name) > 0 || new_unknown.count(name) > 0;
    for (std::size_t i = 0; i < std::max({olds.size(), news.size(), std::size_t{unknown ? 1U : 0U}}); ++i) {
      PairResult pair;
      pair.path = path;
      pair.old_path = old_file != nullptr ? old_file->path : path;
      pair.name = name;
      pair.old_policy = i < olds.size() ? olds[i] : nullptr;
      pair.new_policy = i < news.size() ? news[i] : nullptr;
      pair.diff = diff_policies(pair.old_policy, pair.new_policy, options);
      if (i == 0) apply_time_unknowns(old_unknown.count(name) > 0, new_unknown.count(name) > 0, pair.diff);
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
