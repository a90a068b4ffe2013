#pragma once
// Says what is new about a witness: the action, the resource, the principal, or the condition value
// that the other version would not accept, with what it accepted instead.
#include <map>
#include <string>
#include <vector>

#include "seslint/eval.hpp"
#include "seslint/policy.hpp"

namespace seslint::diff {

class Describer {
 public:
  // `resources`/`principals`: the representatives the diff tries; `work`: the reachability budget.
  // `other_label`: how the other version is named in descriptions ("before" or "now").
  // `granting_boundary`, `other_boundary`: permissions boundaries each version's requests must also
  // pass (nullptr: none).
  Describer(const Policy& granting, const Policy& other, std::vector<std::string> principals, std::size_t* work,
            std::string other_label, const Policy* granting_boundary = nullptr, const Policy* other_boundary = nullptr)
      : granting_(granting), other_(other), principals_(std::move(principals)), work_(work),
        other_label_(std::move(other_label)), granting_boundary_(granting_boundary), other_boundary_(other_boundary) {}

  struct Description {
    std::string text;
    std::string class_key;  // witnesses with the same key are one class (e.g. every resource of a new action)
  };
  // `values`: candidate values per key (the diff's extra values for the witness's action).
  Description describe(const Statement& statement, const eval::Request& witness, const std::vector<std::string>& resources,
                       const std::map<std::string, std::vector<std::string>>& values);

  // Replaces wildcard-looking values of the witness with readable ones when it stays allowed by
  // the granting version and denied by the other (the result is re-evaluated, never assumed).
  void tidy(eval::Request& witness, const std::map<std::string, std::vector<std::string>>& values) const;

  // Whether the other version is the new one (the direction of removed access).
  bool other_is_new() const { return other_label_ == "now"; }

 private:
  bool other_allows(const std::string& action, const std::string& resource, const std::string& principal,
                    const std::map<std::string, std::vector<std::string>>& values);
  std::string describe_context(const Statement& statement, const eval::Request& witness,
                               const std::map<std::string, std::vector<std::string>>& values) const;
  std::string_view verb() const { return other_label_ == "now" ? "no longer allowed" : "newly allowed"; }

  const Policy& granting_;
  const Policy& other_;
  std::vector<std::string> principals_;
  std::size_t* work_;
  std::string other_label_;
  const Policy* granting_boundary_;
  const Policy* other_boundary_;
  std::map<std::string, bool> memo_;
};

}  // namespace seslint::diff
