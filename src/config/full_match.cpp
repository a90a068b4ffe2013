// RE2 for org.from-addresses: linear-time matching, so a pattern in a config file cannot make a
// lint run hang, and compile errors come with RE2's own message.
#include <re2/re2.h>

#include "seslint/org.hpp"

namespace seslint {

struct FullMatchPatterns::Compiled {
  std::vector<std::unique_ptr<re2::RE2>> patterns;
};

FullMatchPatterns::FullMatchPatterns() : compiled_(std::make_unique<Compiled>()) {}
FullMatchPatterns::~FullMatchPatterns() = default;
FullMatchPatterns::FullMatchPatterns(FullMatchPatterns&&) noexcept = default;
FullMatchPatterns& FullMatchPatterns::operator=(FullMatchPatterns&&) noexcept = default;

std::optional<std::string> FullMatchPatterns::add(std::string_view pattern) {
  re2::RE2::Options options;
  options.set_log_errors(false);
  auto compiled = std::make_unique<re2::RE2>(re2::StringPiece(pattern.data(), pattern.size()), options);
  if (!compiled->ok()) return compiled->error();
  texts_.emplace_back(pattern);
  compiled_->patterns.push_back(std::move(compiled));
  return std::nullopt;
}

bool FullMatchPatterns::empty() const { return texts_.empty(); }

bool FullMatchPatterns::any_matches(std::string_view text) const {
  const re2::StringPiece piece(text.data(), text.size());
  for (const auto& pattern : compiled_->patterns)
    if (re2::RE2::FullMatch(piece, *pattern)) return true;
  return false;
}

}  // namespace seslint
