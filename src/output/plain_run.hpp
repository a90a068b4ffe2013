#pragma once
// The end of a run of bytes a writer copies as they are, found eight bytes at a time: the JSON and
// text writers spent ~4 instructions a byte testing each byte of every message and source line.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace seslint::output {

namespace word {
inline constexpr std::uint64_t kOnes = 0x0101010101010101ULL, kHighs = 0x8080808080808080ULL;
// Whether some byte of `w` is below n (n <= 128) / equals b. Exact as a yes/no answer.
constexpr bool has_byte_below(std::uint64_t w, std::uint8_t n) { return ((w - kOnes * n) & ~w & kHighs) != 0; }
constexpr bool has_byte(std::uint64_t w, std::uint8_t b) {
  const std::uint64_t x = w ^ (kOnes * b);
  return ((x - kOnes) & ~x & kHighs) != 0;
}
}  // namespace word

// Bytes a JSON string holds as they are (json_stream.cpp): printable ASCII but '"' and '\\'.
constexpr bool json_plain(unsigned char c) { return c >= 0x20 && c < 0x80 && c != '"' && c != '\\'; }
constexpr bool json_plain_word(std::uint64_t w) {
  return (w & word::kHighs) == 0 && !word::has_byte_below(w, 0x20) && !word::has_byte(w, '"') && !word::has_byte(w, '\\');
}

// Bytes the text writer prints as they are (text.cpp): all but control characters; a tab is fine
// (a word with one is tested byte by byte).
constexpr bool terminal_plain(unsigned char c) { return !((c < 0x20 && c != '\t') || c == 0x7F); }
constexpr bool terminal_plain_word(std::uint64_t w) { return !word::has_byte_below(w, 0x20) && !word::has_byte(w, 0x7F); }

// The first index >= i where byte_plain fails. word_plain(w) may say false for a word of plain
// bytes (those bytes are then tested one by one), never true for a word holding another byte.
template <class WordPlain, class BytePlain>
std::size_t plain_run_end(std::string_view text, std::size_t i, WordPlain word_plain, BytePlain byte_plain) {
  for (;;) {
    for (std::uint64_t w; i + 8 <= text.size(); i += 8) {
      std::memcpy(&w, text.data() + i, 8);
      if (!word_plain(w)) break;
    }
    const std::size_t stop = std::min(text.size(), i + 8);
    while (i < stop && byte_plain(static_cast<unsigned char>(text[i]))) ++i;
    if (i < stop || i == text.size()) return i;
  }
}

}  // namespace seslint::output
