#include "rules/support/pattern_cover.hpp"

#include "seslint/glob.hpp"
#include "seslint/text_match.hpp"

namespace seslint::rules {

bool pattern_covers(std::string_view cover, std::string_view covered, bool ignore_case) {
  if (cover.find('?') != std::string_view::npos && has_wildcard(covered)) return false;
  // The covered pattern's wildcards are matched as literal characters: only a '*' of `cover` can
  // absorb them, which is exactly when every expansion of `covered` stays inside `cover`.
  return glob_match(cover, covered, ignore_case);
}

namespace {

// "arn:aws:s3:::b/k" -> the six parts, or fewer when it is not a six-part ARN.
std::vector<std::string_view> arn_parts(std::string_view arn) {
  std::vector<std::string_view> parts;
  for (int i = 0; i < 5; ++i) {
    const auto colon = arn.find(':');
    if (colon == std::string_view::npos) break;
    parts.push_back(arn.substr(0, colon));
    arn.remove_prefix(colon + 1);
  }
  parts.push_back(arn);
  return parts;
}

}  // namespace

bool arn_pattern_covers(std::string_view cover, std::string_view covered) {
  if (cover == "*") return true;
  const auto c = arn_parts(cover), d = arn_parts(covered);
  if (c.size() != 6 || d.size() != 6) return pattern_covers(cover, covered, false);  // as the evaluator does
  for (std::size_t i = 0; i < 6; ++i)
    if (!pattern_covers(c[i], d[i], i > 0 && i < 5)) return false;
  return true;
}

std::vector<std::optional<std::size_t>> covering_values(const ValueList& list, ValueKind kind) {
  const auto covers = [kind](std::string_view cover, std::string_view covered) {
    if (kind == ValueKind::Resource) return arn_pattern_covers(cover, covered);
    // A wildcard in a service prefix ("*:Get*", "s*:GetObject") is a finding of its own; it covers nothing here.
    const std::string_view prefix = cover.substr(0, cover.find(':'));
    if (cover != "*" && has_wildcard(prefix)) return false;
    return pattern_covers(cover, covered, /*ignore_case=*/true);
  };
  const auto& values = list.values;
  std::vector<std::optional<std::size_t>> out(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) {
    for (std::size_t j = 0; j < values.size() && !out[i]; ++j) {
      if (i == j || out[j]) continue;  // a value already found redundant covers nothing new
      if (values[i].node->templated || values[j].node->templated) continue;  // '*' there is unknown, not a wildcard
      if (!covers(values[j].text, values[i].text)) continue;
      // Mutual cover (the same set): the later value is the redundant one.
      if (j > i && covers(values[i].text, values[j].text)) continue;
      out[i] = j;
    }
  }
  return out;
}

}  // namespace seslint::rules
