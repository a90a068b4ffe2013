#pragma once
// Data files compiled into the library by cmake/Embed.cmake.
#include <span>
#include <string_view>

namespace seslint::embedded {

struct Doc {
  std::string_view id;        // e.g. "IAM001" (the file name of docs/rules/IAM001.md)
  std::string_view markdown;  // the page, verbatim
};

// The embedded file registered under `name` ("risk_actions"), or empty if there is none.
std::string_view named(std::string_view name);
// Every docs/rules/<ID>.md page, sorted by ID.
std::span<const Doc> docs();

}  // namespace seslint::embedded
