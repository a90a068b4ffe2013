// A position-aware JSON parser (RFC 8259).
//
// Why not nlohmann's SAX interface: in 3.11 its events carry no token positions, and we need the
// exact start and end of every value, duplicate keys kept, invalid UTF-8 reported where it is, and
// columns in code points. The parser is iterative (an explicit stack), so a file of 1,000,000 '['
// is a depth error, never a stack overflow. tests/json_parser_tests.cpp checks it against
// nlohmann::json::accept on generated inputs.
#include <algorithm>
#include <array>
#include <iterator>
#include <unordered_map>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <fmt/format.h>

#include "seslint/json.hpp"
#include "seslint/text_match.hpp"

namespace seslint {
namespace {

// Bytes a string holds as they are: printable ASCII other than '"' and '\\'.
constexpr std::array<bool, 256> kPlainStringByte = [] {
  std::array<bool, 256> table{};
  for (int byte = 0x20; byte < 0x80; ++byte) table[static_cast<std::size_t>(byte)] = byte != '"' && byte != '\\';
  return table;
}();

// The end of the run of plain string bytes (kPlainStringByte) starting at `p`. Sixteen bytes at a
// time where SSE2 is (every x86-64): strings are most of a policy's bytes, and the table loop took
// about four instructions a byte. As signed bytes, both control characters and the bytes of UTF-8
// sequences (0x80 and up) are below 0x20.
const char* plain_run_end(const char* p, const char* end) {
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\'), below_space = _mm_set1_epi8(0x20);
  while (end - p >= 16) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const __m128i stops = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(bytes, quote), _mm_cmpeq_epi8(bytes, backslash)),
                                       _mm_cmplt_epi8(bytes, below_space));
    const int mask = _mm_movemask_epi8(stops);
    if (mask != 0) return p + __builtin_ctz(static_cast<unsigned>(mask));
    p += 16;
  }
#endif
  while (p < end && kPlainStringByte[static_cast<unsigned char>(*p)]) ++p;
  return p;
}

// The end of the run of spaces and tabs starting at `p`: sixteen bytes at a time where SSE2 is, as
// pretty-printed policies are indented deeply (a table-free loop took three instructions a byte).
const char* blank_run_end(const char* p, const char* end) {
#if defined(__SSE2__)
  const __m128i space = _mm_set1_epi8(' '), tab = _mm_set1_epi8('\t');
  while (end - p >= 16) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const __m128i blank = _mm_or_si128(_mm_cmpeq_epi8(bytes, space), _mm_cmpeq_epi8(bytes, tab));
    const int others = ~_mm_movemask_epi8(blank) & 0xFFFF;
    if (others != 0) return p + __builtin_ctz(static_cast<unsigned>(others));
    p += 16;
  }
#endif
  while (p < end && (*p == ' ' || *p == '\t')) ++p;
  return p;
}

bool is_continuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

// Length of the valid UTF-8 sequence at `s`, or 0 if it is not one (overlong forms, surrogates
// and code points past U+10FFFF are invalid).
std::size_t utf8_sequence_length(std::string_view s) {
  const auto b0 = static_cast<unsigned char>(s[0]);
  if (b0 < 0x80) return 1;
  std::size_t length = 0;
  unsigned char lo = 0x80, hi = 0xBF;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    length = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    length = 3;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    length = 4;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (s.size() < length) return 0;
  const auto b1 = static_cast<unsigned char>(s[1]);
  if (b1 < lo || b1 > hi) return 0;
  for (std::size_t i = 2; i < length; ++i)
    if (!is_continuation(static_cast<unsigned char>(s[i]))) return 0;
  return length;
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

class Parser {
 public:
  Parser(std::string_view source, const ParseOptions& options)
      : src_(source), options_(options), line_(options.origin.line), column_(options.origin.column) {}

  ParseResult run() {
    skip_bom();
    skip_whitespace();
    if (at_end()) {
      fail("the file is empty: expected a JSON value");
      return std::move(result_);
    }
    JsonValue root;
    if (parse_document(root)) {
      skip_whitespace();
      if (!at_end())
        fail_unexpected("after the end of the JSON value");
      else
        result_.root = std::move(root);
    }
    if (result_.error) result_.root.reset();
    return std::move(result_);
  }

 private:
  struct Frame {
    JsonValue value;
    std::string pending_key;
    Span pending_key_span;
    std::size_t children_begin = 0;  // where its children start in items_ or members_
  };

  std::string_view src_;
  ParseOptions options_;
  ParseResult result_;
  std::size_t pos_ = 0;
  std::uint32_t line_ = 1;
  std::uint32_t column_ = 1;
  std::vector<Frame> stack_;
  // The children of the open containers, innermost last: moved into a vector of their exact size
  // when their container closes (one allocation each, instead of regrowth as they come).
  std::vector<JsonValue> items_;
  std::vector<JsonMember> members_;
  TextBlocks texts_;     // this document's strings, numbers and pointers
  std::string decoded_;  // a string decoded, before it is stored

  bool at_end() const { return pos_ >= src_.size(); }
  char peek() const { return src_[pos_]; }
  Position here() const { return {options_.origin.offset + pos_, line_, column_}; }

  void advance_ascii() {
    ++pos_;
    ++column_;
  }

  bool fail(std::string message) { return fail_at(std::move(message), here()); }
  bool fail_at(std::string message, Position where) {
    if (!result_.error) result_.error = ParseError{std::move(message), where};
    return false;
  }

  // Names the character at the cursor, telling invalid UTF-8 apart from a stray character.
  bool fail_unexpected(std::string_view context) {
    if (at_end()) return fail(fmt::format("unexpected end of file {}", context));
    const auto byte = static_cast<unsigned char>(peek());
    if (byte >= 0x80) {
      const std::size_t length = utf8_sequence_length(src_.substr(pos_));
      if (length == 0) return fail(fmt::format("invalid UTF-8 byte 0x{:02X}", byte));
      return fail(fmt::format("unexpected character '{}' {}", src_.substr(pos_, length), context));
    }
    if (byte < 0x20) return fail(fmt::format("unexpected control character U+{:04X} {}", byte, context));
    return fail(fmt::format("unexpected character '{}' {}", peek(), context));
  }

  void skip_bom() {
    if (src_.substr(0, 3) == "\xEF\xBB\xBF") {
      pos_ = 3;
      result_.had_bom = true;
    }
  }

  void skip_whitespace() {
    while (!at_end()) {
      const char c = peek();
      if (c == ' ' || c == '\t') {
        // A run of indentation at once (pretty-printed policies are mostly that).
        const char* const start = src_.data() + pos_;
        const char* const end = src_.data() + src_.size();
        const char* const p = blank_run_end(start + 1, end);
        pos_ += static_cast<std::size_t>(p - start);
        column_ += static_cast<std::uint32_t>(p - start);
      } else if (c == '\n') {
        ++pos_;
        ++line_;
        column_ = 1;
      } else if (c == '\r') {
        ++pos_;
        if (!at_end() && peek() == '\n') continue;  // CRLF: the LF ends the line
        ++line_;
        column_ = 1;
      } else {
        return;
      }
    }
  }

  bool expect_char(char c, std::string_view context) {
    skip_whitespace();
    if (!at_end() && peek() == c) {
      advance_ascii();
      return true;
    }
    return fail_unexpected(context);
  }

  // Parses values iteratively: containers push a frame, scalars and closed containers attach to it.
  bool parse_document(JsonValue& root) {
    std::string next_pointer = options_.pointer_prefix;
    for (;;) {
      skip_whitespace();
      JsonValue value;
      bool complete = false;
      if (!start_value(value, next_pointer, complete)) return false;
      if (!complete) {
        // An opened container: its first child or its immediate close comes next.
        if (!after_open(next_pointer, complete, value)) return false;
        if (!complete) continue;
      }
      // `value` is complete: attach it and close whatever containers end here.
      for (;;) {
        if (stack_.empty()) {
          root = std::move(value);
          return true;
        }
        attach(std::move(value));
        bool closed = false;
        if (!after_child(next_pointer, closed)) return false;
        if (!closed) break;
        value = finish_top();
      }
    }
  }

  bool start_value(JsonValue& value, const std::string& pointer, bool& complete) {
    if (at_end()) return fail("unexpected end of file: expected a value");
    value.pointer = texts_.store(pointer);
    value.span.begin = here();
    const char c = peek();
    switch (c) {
      case '{':
      case '[':
        if (stack_.size() >= options_.max_depth)
          return fail(fmt::format("containers are nested deeper than {} levels", options_.max_depth));
        value.kind = c == '{' ? JsonKind::Object : JsonKind::Array;
        advance_ascii();
        {
          const std::size_t children_begin = value.kind == JsonKind::Object ? members_.size() : items_.size();
          stack_.push_back(Frame{std::move(value), {}, {}, children_begin});
        }
        complete = false;
        return true;
      case '"':
        value.kind = JsonKind::String;
        complete = true;
        decoded_.clear();
        if (!parse_string(decoded_)) return false;
        value.text = texts_.store(decoded_);
        break;
      case 't':
      case 'f':
      case 'n':
        complete = true;
        if (!parse_literal(value)) return false;
        break;
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          complete = true;
          if (!parse_number(value)) return false;
          break;
        }
        return fail_unexpected("where a value was expected");
    }
    value.span.end = here();
    return true;
  }

  // Just after '{' or '['.
  bool after_open(std::string& next_pointer, bool& complete, JsonValue& value) {
    skip_whitespace();
    Frame& top = stack_.back();
    const char close = top.value.kind == JsonKind::Object ? '}' : ']';
    if (!at_end() && peek() == close) {
      advance_ascii();
      value = finish_top();
      complete = true;
      return true;
    }
    complete = false;
    if (top.value.kind == JsonKind::Object) return parse_key(next_pointer);
    next_pointer = top.value.pointer.view();
    next_pointer += "/0";
    return true;
  }

  // After a child was attached: ',' continues the container, the closing bracket ends it.
  bool after_child(std::string& next_pointer, bool& closed) {
    skip_whitespace();
    Frame& top = stack_.back();
    const bool is_object = top.value.kind == JsonKind::Object;
    const char close = is_object ? '}' : ']';
    if (at_end())
      return fail(fmt::format("unexpected end of file: expected ',' or '{}'", close));
    if (peek() == ',') {
      advance_ascii();
      closed = false;
      if (is_object) {
        skip_whitespace();
        return parse_key(next_pointer);
      }
      next_pointer = top.value.pointer.view();
      next_pointer += '/';
      next_pointer += std::to_string(items_.size() - top.children_begin);
      return true;
    }
    if (peek() == close) {
      advance_ascii();
      closed = true;
      return true;
    }
    return fail_unexpected(fmt::format("where ',' or '{}' was expected", close));
  }

  bool parse_key(std::string& next_pointer) {
    Frame& top = stack_.back();
    if (at_end() || peek() != '"') return fail_unexpected("where an object key (a string) was expected");
    top.pending_key_span.begin = here();
    top.pending_key.clear();
    if (!parse_string(top.pending_key)) return false;
    top.pending_key_span.end = here();
    if (!expect_char(':', "where ':' was expected after the key")) return false;
    next_pointer = top.value.pointer.view();
    append_pointer_token(next_pointer, top.pending_key);
    return true;
  }

  void attach(JsonValue&& value) {
    Frame& top = stack_.back();
    if (top.value.kind == JsonKind::Array) items_.push_back(std::move(value));
    else members_.push_back(JsonMember{std::move(top.pending_key), top.pending_key_span, std::move(value)});
  }

  JsonValue finish_top() {
    JsonValue value = std::move(stack_.back().value);
    const std::size_t children_begin = stack_.back().children_begin;
    stack_.pop_back();
    if (value.kind == JsonKind::Array) take_children(items_, children_begin, value.items);
    else take_children(members_, children_begin, value.members);
    value.span.end = here();
    if (value.kind == JsonKind::Object) record_duplicates(value);
    return value;
  }

  template <typename Child>
  static void take_children(std::vector<Child>& open, std::size_t begin, std::vector<Child>& into) {
    into.reserve(open.size() - begin);
    std::move(open.begin() + static_cast<std::ptrdiff_t>(begin), open.end(), std::back_inserter(into));
    open.erase(open.begin() + static_cast<std::ptrdiff_t>(begin), open.end());
  }

  void record_duplicates(const JsonValue& object) {
    const auto& members = object.members;
    auto report = [&](const JsonMember& first, const JsonMember& repeat) {
      result_.duplicates.push_back(DuplicateKey{repeat.key, repeat.key_span, first.key_span, object.pointer.str()});
    };
    if (members.size() <= 16) {  // small objects (all of a policy's): quadratic is fastest
      for (std::size_t i = 1; i < members.size(); ++i)
        for (std::size_t j = 0; j < i; ++j)
          if (members[j].key == members[i].key) {
            report(members[j], members[i]);
            break;
          }
      return;
    }
    std::unordered_map<std::string_view, std::size_t> first_seen;
    first_seen.reserve(members.size());
    for (std::size_t i = 0; i < members.size(); ++i) {
      auto [it, inserted] = first_seen.emplace(members[i].key, i);
      if (!inserted) report(members[it->second], members[i]);
    }
  }

  bool parse_literal(JsonValue& value) {
    static constexpr std::string_view words[] = {"true", "false", "null"};
    for (std::string_view word : words) {
      if (src_.substr(pos_, word.size()) == word) {
        pos_ += word.size();
        column_ += static_cast<std::uint32_t>(word.size());
        value.kind = word == "null" ? JsonKind::Null : JsonKind::Bool;
        value.boolean = word == "true";
        return true;
      }
    }
    return fail_unexpected("where a value was expected");
  }

  bool parse_number(JsonValue& value) {
    const std::size_t start = pos_;
    auto digits = [&] {
      std::size_t count = 0;
      while (!at_end() && peek() >= '0' && peek() <= '9') {
        advance_ascii();
        ++count;
      }
      return count;
    };
    if (peek() == '-') advance_ascii();
    if (at_end()) return fail("unexpected end of file in a number");
    if (peek() == '0') {
      advance_ascii();
    } else if (digits() == 0) {
      return fail_unexpected("in a number: expected a digit");
    }
    if (!at_end() && peek() == '.') {
      advance_ascii();
      if (digits() == 0) return fail_unexpected("in a number: expected a digit after '.'");
    }
    if (!at_end() && (peek() == 'e' || peek() == 'E')) {
      advance_ascii();
      if (!at_end() && (peek() == '+' || peek() == '-')) advance_ascii();
      if (digits() == 0) return fail_unexpected("in a number: expected a digit in the exponent");
    }
    value.kind = JsonKind::Number;
    value.text = texts_.store(src_.substr(start, pos_ - start));
    return true;
  }

  bool parse_hex4(std::uint32_t& out) {
    if (src_.size() - pos_ < 4) return fail("unexpected end of file in a \\u escape");
    out = 0;
    for (int i = 0; i < 4; ++i) {
      const int digit = hex_digit(peek());
      if (digit < 0) return fail_unexpected("in a \\u escape: expected a hex digit");
      out = (out << 4) | static_cast<std::uint32_t>(digit);
      advance_ascii();
    }
    return true;
  }

  bool parse_escape(std::string& out) {
    const Position start = here();
    advance_ascii();  // the backslash
    if (at_end()) return fail("unexpected end of file in an escape sequence");
    const char c = peek();
    switch (c) {
      case '"': out += '"'; break;
      case '\\': out += '\\'; break;
      case '/': out += '/'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'u': {
        advance_ascii();
        std::uint32_t cp = 0;
        if (!parse_hex4(cp)) return false;
        if (cp >= 0xDC00 && cp <= 0xDFFF) return fail_at("lone low surrogate in a \\u escape", start);
        if (cp >= 0xD800 && cp <= 0xDBFF) {
          std::uint32_t low = 0;
          if (src_.substr(pos_, 2) != "\\u") return fail_at("high surrogate without its low surrogate", start);
          pos_ += 2;
          column_ += 2;
          if (!parse_hex4(low)) return false;
          if (low < 0xDC00 || low > 0xDFFF) return fail_at("high surrogate without its low surrogate", start);
          cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        }
        append_utf8(out, cp);
        return true;
      }
      default:
        return fail_unexpected("after '\\': not a JSON escape");
    }
    advance_ascii();
    return true;
  }

  bool parse_string(std::string& out) {
    advance_ascii();  // opening quote
    for (;;) {
      // Fast path: a run of plain ASCII, found with a table and local pointers.
      const char* const run_start = src_.data() + pos_;
      const char* const end = src_.data() + src_.size();
      const char* const p = plain_run_end(run_start, end);
      const auto run = static_cast<std::size_t>(p - run_start);
      pos_ += run;
      column_ += static_cast<std::uint32_t>(run);
      out.append(run_start, run);
      if (at_end()) return fail("unexpected end of file in a string (missing closing quote)");
      const auto byte = static_cast<unsigned char>(peek());
      if (byte == '"') {
        advance_ascii();
        return true;
      }
      if (byte == '\\') {
        if (!parse_escape(out)) return false;
        continue;
      }
      if (byte < 0x20) {
        return fail(byte == '\n' ? std::string("unexpected end of line in a string (missing closing quote?)")
                                 : fmt::format("control character U+{:04X} must be escaped in a string", byte));
      }
      const std::size_t length = utf8_sequence_length(src_.substr(pos_));
      if (length == 0) return fail(fmt::format("invalid UTF-8 byte 0x{:02X} in a string", byte));
      out.append(src_.substr(pos_, length));
      pos_ += length;
      ++column_;
    }
  }
};

}  // namespace

ParseResult parse_json(std::string_view source, const ParseOptions& options) {
  return Parser(source, options).run();
}

}  // namespace seslint
