#pragma once
// Shared by the build-time generators (src/codegen/).
#include <string>
#include <string_view>

namespace seslint::codegen {

// A C++ string literal for any bytes: quotes, backslashes and control bytes escaped (octal, which
// never runs into a following digit beyond three), UTF-8 kept as is.
inline std::string literal(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (byte < 0x20 || byte == 0x7f) {
      out += '\\';
      out += static_cast<char>('0' + ((byte >> 6) & 7));
      out += static_cast<char>('0' + ((byte >> 3) & 7));
      out += static_cast<char>('0' + (byte & 7));
    } else {
      out += c;
    }
  }
  return out + "\"";
}

}  // namespace seslint::codegen
