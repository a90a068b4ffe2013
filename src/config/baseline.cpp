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

void add_to_baseline(const FileResult& file, Baseline& baseline) {
  for (const auto& finding : file.findings)
    if (recorded(finding))
      baseline.entries.push_back({finding.fingerprint, finding.rule_id, file.root_path, finding.document, finding.message});
}

}  // namespace

Baseline make_baseline(const LintReport& report) {
  Baseline baseline;
  for (const auto& file : report.files) add_to_baseline(file, baseline);
  sort_baseline(baseline);
  return baseline;
}

void sort_baseline(Baseline& baseline) { std::sort(baseline.entries.begin(), baseline.entries.end(), entry_order); }

void record_in_baseline(FileResult& part, Baseline& baseline) {
  add_to_baseline(part, baseline);
  for (auto& finding : part.findings)
    if (!finding.suppression) finding.suppression = Suppression{SuppressedBy::Baseline, "in the baseline"};
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

std::optional<Baseline> load_baseline_option(const std::string& file, std::string& error) {
  if (file.empty()) return std::nullopt;
  auto baseline = load_baseline(file, error);
  if (!baseline) error = file + ": " + error;
  return baseline;
}

BaselineMatcher::BaselineMatcher(const Baseline& baseline) : baseline_(baseline) {
  for (std::size_t i = 0; i < baseline.entries.size(); ++i) unmatched_.emplace(baseline.entries[i].fingerprint, i);
}

void BaselineMatcher::apply(FileResult& part, bool last) {
  if (last && part.io_error.empty() && !part.skipped) linted_.insert(part.root_path);
  if (!part.io_error.empty() || part.skipped) return;
  for (auto& finding : part.findings) {
    if (finding.suppression) continue;
    const auto it = unmatched_.find(finding.fingerprint);
    if (it == unmatched_.end()) continue;
    finding.suppression = Suppression{SuppressedBy::Baseline, "in the baseline"};
    ++baselined_;
    unmatched_.erase(it);
  }
}

BaselineMatch BaselineMatcher::finish() const {
  BaselineMatch match;
  match.baselined = baselined_;
  for (const auto& [fingerprint, index] : unmatched_)
    if (linted_.count(baseline_.entries[index].path)) match.stale.push_back(baseline_.entries[index]);
  std::sort(match.stale.begin(), match.stale.end(), entry_order);
  return match;
}

BaselineMatch apply_baseline(LintReport& report, const Baseline& baseline) {
  BaselineMatcher matcher(baseline);
  for (auto& file : report.files) matcher.apply(file, true);
  return matcher.finish();
}

}  // namespace seslint
