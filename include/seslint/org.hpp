#pragma once
// The organisation's parameters (.seslint.yaml org), as rules see them through Reporter::org().
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "seslint/ip.hpp"

namespace seslint {

// RE2 patterns, each matched against the whole text (org.from-addresses).
class FullMatchPatterns {
 public:
  FullMatchPatterns();
  ~FullMatchPatterns();
  FullMatchPatterns(FullMatchPatterns&&) noexcept;
  FullMatchPatterns& operator=(FullMatchPatterns&&) noexcept;
  // Compiles and adds a pattern; returns RE2's error message when it does not compile.
  std::optional<std::string> add(std::string_view pattern);
  bool empty() const;
  const std::vector<std::string>& patterns() const { return texts_; }
  bool any_matches(std::string_view text) const;

 private:
  struct Compiled;
  std::vector<std::string> texts_;
  std::unique_ptr<Compiled> compiled_;
};

// org: what the organisation owns and trusts (used by the rules that own each question).
struct OrgConfig {
  std::vector<IpNetwork> trusted_networks;
  std::vector<std::string> vpc_endpoints;  // vpce-...
  std::vector<std::string> accounts;       // 12-digit account IDs
  std::vector<std::string> organizations;  // o-...
  FullMatchPatterns from_addresses;        // allowed From addresses
  std::vector<std::string> identities;     // SES identities (domains or addresses)
};

}  // namespace seslint
