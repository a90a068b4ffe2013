#include "seslint/source_text.hpp"

namespace seslint {

SourceLine line_at(std::string_view source, std::size_t offset) {
  if (offset > source.size()) offset = source.size();
  std::size_t start = offset;
  while (start > 0 && source[start - 1] != '\n' && source[start - 1] != '\r') --start;
  std::size_t end = offset;
  while (end < source.size() && source[end] != '\n' && source[end] != '\r') ++end;
  if (start == 0 && source.substr(0, 3) == "\xEF\xBB\xBF") start = 3;
  if (start > end) start = end;
  return {source.substr(start, end - start), start};
}

}  // namespace seslint
