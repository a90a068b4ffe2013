#include "seslint/baseline.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <set>
#include <tuple>
#include <unordered_map>

#include <nlohmann/json.hpp>

namespace seslint {
namespace {

constexpr int kBaselineVersion = 1;

bool recorded(const Finding& finding) {
  return !finding.suppression || finding.suppression->by == SuppressedBy::Baseline;
}

bool entry_order(const BaselineEntry& a, const BaselineEntry& b) {
  return std::tie(a.path, a.rule_id, a.fingerprint) < std::tie(b.path, b.rule_id, b.fingerprint);
}

}  // namespace

Baseline make_baseline(const LintReport& report) {
  Baseline baseline;
  for (const auto& file : report.files)
    for (const auto& finding : file.findings)
      if (recorded(finding))
        baseline.entries.push_back({finding.fingerprint, finding.rule_id, file.root_path, finding.document, finding.message});
  std::sort(baseline.entries.begin(), baseline.entries.end(), entry_order);
  return baseline;
}

void write_baseline(std::ostream& out, const Baseline& baseline) {
  auto findings = nlohmann::ordered_json::array();
  for (const auto& entry : baseline.entries) {
    nlohmann::ordered_json item;
    item["fingerprint"] = entry.fingerprint;
    item["ruleId"] = entry.rule_id;
    item["path"] = entry.path;
    if (!entry.document.empty()) item["document"] = entry.document;
    item["message"] = entry.message;
    findings.push_back(std::move(item));
  }
  nlohmann::ordered_json doc;
  doc["version"] = kBaselineVersion;
  doc["tool"] = "seslint";
  doc["findings"] = std::move(findings);
  out << doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
}

std::optional<Baseline> parse_baseline(std::string_view text, std::string& error) {
  const auto doc = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) {
    error = "not a seslint baseline (expected a JSON object; --write-baseline writes one)";
    return std::nullopt;
  }
  const auto version = doc.find("version");
  if (version == doc.end() || !version->is_number_integer() || version->get<int>() != kBaselineVersion) {
    error = "unsupported baseline version (this seslint reads version 1)";
    return std::nullopt;
  }
  const auto findings = doc.find("findings");
  if (findings == doc.end() || !findings->is_array()) {
    error = "the baseline has no findings array";
    return std::nullopt;
  }
  Baseline baseline;
  for (const auto& item : *findings) {
    auto text_of = [&](const char* key) {
      const auto it = item.is_object() ? item.find(key) : item.end();
      return it != item.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    BaselineEntry entry{text_of("fingerprint"), text_of("ruleId"), text_of("path"), text_of("document"), text_of("message")};
    if (entry.fingerprint.empty()) {
      error = "a baseline entry has no fingerprint";
      return std::nullopt;
    }
    baseline.entries.push_back(std::move(entry));
  }
  return baseline;
}

std::optional<Baseline> load_baseline(const std::filesystem::path& file, std::string& error) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    error = "cannot open the baseline";
    return std::nullopt;
  }
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  return parse_baseline(text, error);
}

BaselineMatch apply_baseline(LintReport& report, const Baseline& baseline) {
  std::unordered_map<std::string_view, std::size_t> unmatched;  // fingerprint -> entry
  for (std::size_t i = 0; i < baseline.entries.size(); ++i) unmatched.emplace(baseline.entries[i].fingerprint, i);
  std::set<std::string_view> linted;
  BaselineMatch match;
  for (auto& file : report.files) {
    if (!file.io_error.empty() || file.skipped) continue;
    linted.insert(file.root_path);
    for (auto& finding : file.findings) {
      if (finding.suppression) continue;
      const auto it = unmatched.find(finding.fingerprint);
      if (it == unmatched.end()) continue;
      finding.suppression = Suppression{SuppressedBy::Baseline, "in the baseline"};
      ++match.baselined;
      unmatched.erase(it);
    }
  }
  for (const auto& [fingerprint, index] : unmatched)
    if (linted.count(baseline.entries[index].path)) match.stale.push_back(baseline.entries[index]);
  std::sort(match.stale.begin(), match.stale.end(), entry_order);
  return match;
}

}  // namespace seslint
