#pragma once
// Streaming JSON reports laid out exactly as nlohmann's dump(2) lays out the whole document: the
// skeleton (everything but the long arrays) is dumped once with a placeholder string where each
// streamed member goes, and cut there; array items are dumped one by one at their depth.
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace seslint::output {

using Json = nlohmann::ordered_json;

// dump(2), never throwing on invalid UTF-8 (a message may quote a broken file's bytes).
std::string dump(const Json& value, std::size_t indent = 0);

// The skeleton's text cut at each placeholder string (given in document order): pieces.size() is
// placeholders.size() + 1.
std::vector<std::string> cut_at(const Json& skeleton, const std::vector<std::string_view>& placeholders);

// A string as dump writes it: escapes for '"', '\\' and control characters, UTF-8 as is. False
// (and nothing appended) for invalid UTF-8, which dump replaces: callers then use dump.
bool append_json_string(std::string& out, std::string_view text);

// One array written item by item at `indent` spaces of depth.
class ArrayWriter {
 public:
  ArrayWriter(std::ostream& out, std::size_t indent) : out_(out), indent_(indent) {}
  void item(const Json& value);
  // An item already laid out as item(value) would write it (dump at indent + 2).
  void item_text(std::string_view text);
  void close();  // "[]" when empty
  std::size_t size() const { return count_; }

 private:
  std::ostream& out_;
  std::size_t indent_;
  std::size_t count_ = 0;
};

}  // namespace seslint::output
