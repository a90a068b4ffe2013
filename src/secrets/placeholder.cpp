#include "placeholder.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace seslint::secrets {
namespace {

bool has_marker_word(std::string_view token) {
  std::string upper(token);
  std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  for (std::string_view word : {"EXAMPLE", "PLACEHOLDER", "CHANGEME", "REDACTED", "YOURKEY", "YOURSECRET", "DUMMY",
                                "XXXXXX", "SAMPLE"})
    if (upper.find(word) != std::string::npos) return true;
  return false;
}

// Six equal characters in a row, or six in alphabet order (ABCDEF, 234567).
bool has_pattern_run(std::string_view text) {
  std::size_t same = 1, ascending = 1;
  for (std::size_t i = 1; i < text.size(); ++i) {
    same = text[i] == text[i - 1] ? same + 1 : 1;
    ascending = text[i] == text[i - 1] + 1 ? ascending + 1 : 1;
    if (same >= 6 || ascending >= 6) return true;
  }
  return false;
}

std::size_t distinct(std::string_view text) {
  std::array<bool, 256> seen{};
  std::size_t count = 0;
  for (const char c : text) {
    auto& slot = seen[static_cast<unsigned char>(c)];
    if (!slot) ++count;
    slot = true;
  }
  return count;
}

}  // namespace

bool is_placeholder(std::string_view token) {
  // The key ID's random part is its last 16 characters (of 32 possible): about 12 distinct.
  const std::string_view random = token.size() == 20 ? token.substr(4) : token;
  const std::size_t minimum_distinct = token.size() == 20 ? 7 : 16;
  return has_marker_word(token) || has_pattern_run(random) || distinct(random) < minimum_distinct;
}

}  // namespace seslint::secrets
