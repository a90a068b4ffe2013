#include "report_targets.hpp"

#include <algorithm>
#include <fstream>
#include <iostream>

#include <fmt/format.h>

#include "seslint/text_match.hpp"

namespace seslint::cli {

bool parse_report_targets(const std::vector<std::string>& formats, const std::string& output,
                          std::vector<ReportTarget>& targets) {
  const std::vector<std::string_view> known(std::begin(kReportFormats), std::end(kReportFormats));
  bool have_default = false;
  for (const auto& spec : formats) {
    const auto eq = spec.find('=');
    ReportTarget target{spec.substr(0, eq), eq == std::string::npos ? std::string() : spec.substr(eq + 1)};
    if (std::find(known.begin(), known.end(), target.format) == known.end()) {
      const auto near = did_you_mean(target.format, known);
      std::cerr << fmt::format("seslint: --format: unknown format '{}'{} (one of text, concise, json, sarif, github, "
                               "gitlab, optionally =FILE)\n",
                               target.format, near.empty() ? std::string() : fmt::format("; did you mean '{}'?", near));
      return false;
    }
    if (eq != std::string::npos && target.file.empty()) {
      std::cerr << fmt::format("seslint: --format {}: no file after '='\n", spec);
      return false;
    }
    if (target.file.empty()) {
      if (have_default) {
        std::cerr << "seslint: --format: only one report can go to standard output; give the others =FILE\n";
        return false;
      }
      have_default = true;
      target.file = output;
      targets.insert(targets.begin(), target);
    } else {
      targets.push_back(target);
    }
  }
  if (!have_default) targets.insert(targets.begin(), ReportTarget{"text", output});
  return true;
}

bool read_baseline_option(const std::string& file, std::optional<Baseline>& accepted) {
  std::string problem;
  accepted = load_baseline_option(file, problem);
  if (problem.empty()) return true;
  std::cerr << fmt::format("seslint: {}\n", problem);
  return false;
}

bool save_baseline(Baseline& fresh, const std::string& file) {
  sort_baseline(fresh);
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  write_baseline(out, fresh);
  if (!out.flush()) {
    std::cerr << fmt::format("seslint: cannot write {}\n", file);
    return false;
  }
  std::cerr << fmt::format("seslint: wrote {} finding{} to {}\n", fresh.entries.size(), fresh.entries.size() == 1 ? "" : "s", file);
  return true;
}

}  // namespace seslint::cli
