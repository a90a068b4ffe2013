#include "seslint/values.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "seslint/text_match.hpp"

namespace seslint {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Reads exactly `count` digits at `pos` into `value`.
bool read_digits(std::string_view text, std::size_t& pos, std::size_t count, int& value) {
  if (text.size() < pos + count) return false;
  value = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const char c = text[pos + i];
    if (!is_digit(c)) return false;
    value = value * 10 + (c - '0');
  }
  pos += count;
  return true;
}

bool read_char(std::string_view text, std::size_t& pos, char c) {
  if (pos < text.size() && text[pos] == c) {
    ++pos;
    return true;
  }
  return false;
}

bool is_time_zone(std::string_view text, std::size_t pos) {
  if (pos == text.size()) return true;
  if (text.substr(pos) == "Z" || text.substr(pos) == "z") return true;
  if (text[pos] != '+' && text[pos] != '-') return false;
  ++pos;
  int hours = 0, minutes = 0;
  if (!read_digits(text, pos, 2, hours) || hours > 23) return false;
  if (pos == text.size()) return true;
  read_char(text, pos, ':');
  return read_digits(text, pos, 2, minutes) && minutes <= 59 && pos == text.size();
}

}  // namespace

bool is_bool_text(std::string_view text) { return iequals(text, "true") || iequals(text, "false"); }

bool is_numeric_text(std::string_view text) {
  std::size_t pos = 0;
  if (pos < text.size() && (text[pos] == '-' || text[pos] == '+')) ++pos;
  std::size_t digits = 0;
  while (pos < text.size() && is_digit(text[pos])) ++pos, ++digits;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    while (pos < text.size() && is_digit(text[pos])) ++pos, ++digits;
  }
  return digits > 0 && pos == text.size();
}

bool is_date_text(std::string_view text) {
  if (!text.empty() && std::all_of(text.begin(), text.end(), is_digit)) return true;  // epoch seconds
  std::size_t pos = 0;
  int year = 0, month = 0, day = 0;
  if (!read_digits(text, pos, 4, year) || !read_char(text, pos, '-') || !read_digits(text, pos, 2, month) ||
      !read_char(text, pos, '-') || !read_digits(text, pos, 2, day))
    return false;
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  if (pos == text.size()) return true;
  if (!read_char(text, pos, 'T') && !read_char(text, pos, 't')) return false;
  int hour = 0, minute = 0, second = 0;
  if (!read_digits(text, pos, 2, hour) || hour > 23 || !read_char(text, pos, ':') ||
      !read_digits(text, pos, 2, minute) || minute > 59)
    return false;
  if (read_char(text, pos, ':')) {
    if (!read_digits(text, pos, 2, second) || second > 60) return false;
    if (read_char(text, pos, '.')) {
      const std::size_t start = pos;
      while (pos < text.size() && is_digit(text[pos])) ++pos;
      if (pos == start) return false;
    }
  }
  return is_time_zone(text, pos);
}

bool is_base64_text(std::string_view text) {
  if (text.empty() || text.size() % 4 != 0) return false;
  std::size_t padding = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '=') {
      ++padding;
      continue;
    }
    if (padding > 0) return false;  // '=' only at the end
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '/') return false;
  }
  return padding <= 2;
}

// The characters of a context key's name, tag keys included (IAM tag keys take letters, digits,
// spaces and _ . : / = + - @; a space is reported as such).
constexpr std::string_view kVariableNameChars =
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.:/=+-@";

std::vector<VariableRef> find_variables(std::string_view text) {
  std::vector<VariableRef> refs;
  std::size_t pos = 0;
  while ((pos = text.find("${", pos)) != std::string_view::npos) {
    VariableRef ref;
    ref.offset = pos;
    const std::size_t close = text.find('}', pos + 2);
    if (close == std::string_view::npos) {
      ref.length = text.size() - pos;
      ref.problem = fmt::format("'{}' has no closing '}}'", text.substr(pos));
      refs.push_back(std::move(ref));
      break;
    }
    ref.length = close + 1 - pos;
    const std::string_view body = text.substr(pos + 2, close - pos - 2);
    if (body == "*" || body == "?" || body == "$") {
      refs.push_back(std::move(ref));  // an escaped literal character
      pos = close + 1;
      continue;
    }
    std::string_view name = body;
    if (const auto comma = body.find(','); comma != std::string_view::npos) {
      name = body.substr(0, comma);
      std::string_view fallback = body.substr(comma + 1);
      if (!fallback.empty() && fallback.front() == ' ') fallback.remove_prefix(1);
      if (fallback.size() < 2 || fallback.front() != '\'' || fallback.back() != '\'')
        ref.problem = fmt::format("the default value in '{}' must be in single quotes", text.substr(pos, ref.length));
    }
    ref.name = std::string(name);
    const std::string_view whole = text.substr(pos, ref.length);
    if (name.empty()) {
      ref.problem = fmt::format("'{}' names no context key", whole);
    } else if (name.find_first_of(" \t") != std::string_view::npos) {
      ref.problem = fmt::format("'{}' has a space inside the variable name", whole);
    } else if (const auto symbol = name.find_first_not_of(kVariableNameChars);
               symbol != std::string_view::npos && name.find("${") == std::string_view::npos) {
      ref.problem = fmt::format("'{}' has '{}', which a variable name may not contain (letters, digits and "
                                "_ . : / = + - @ only)",
                                whole, name[symbol]);
    } else if (name.find(':') == std::string_view::npos || name.front() == ':' || name.find("${") != std::string_view::npos) {
      ref.problem = fmt::format("'{}' is not a context key of the form prefix:name (e.g. ${{aws:username}})", whole);
    }
    refs.push_back(std::move(ref));
    pos = close + 1;
  }
  return refs;
}

bool has_variables(std::string_view text) { return text.find("${") != std::string_view::npos; }

bool has_unescaped_wildcard(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 2, "${") == 0) {
      const std::size_t close = text.find('}', i);
      if (close == std::string_view::npos) return text.find_first_of("*?", i) != std::string_view::npos;
      i = close;
      continue;
    }
    if (text[i] == '*' || text[i] == '?') return true;
  }
  return false;
}

}  // namespace seslint
