#pragma once
// The Allow statements' Action values that may name actions of one service, found once per policy.
#include <string>
#include <string_view>
#include <vector>

#include "seslint/policy.hpp"

namespace seslint::rules {

class ServiceActionValues {
 public:
  // `service`: a lower-case service prefix ("iam").
  ServiceActionValues(const Policy& policy, std::string_view service);
  // Does an Allow statement name `action` by a pattern of its own (not "*" or "*:*", not
  // NotAction)? The same answer as trying every value of every statement; quick for the
  // service's actions, a full scan for others.
  bool named(std::string_view action) const;

 private:
  const Policy& policy_;
  std::string prefix_;                    // "iam:"
  std::vector<std::string_view> values_;  // those whose text before a wildcard fits the prefix
};

}  // namespace seslint::rules
