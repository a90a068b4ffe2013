#pragma once
// Lines of source text, for excerpts under findings (text output, streamed exports).
#include <cstddef>
#include <string_view>

namespace seslint {

// The source line holding `offset` (without its line terminator), and its first byte's offset.
struct SourceLine {
  std::string_view text;
  std::size_t start = 0;
};
SourceLine line_at(std::string_view source, std::size_t offset);

}  // namespace seslint
