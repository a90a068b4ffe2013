#pragma once
// A JSON tree in which every value knows where it stands in the source:
// byte offsets, 1-based lines and 1-based columns counted in Unicode code points, and its JSON pointer.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace seslint {

struct Position {
  std::size_t offset = 0;   // bytes from the start of the file (a UTF-8 BOM included)
  std::uint32_t line = 1;   // 1-based
  std::uint32_t column = 1; // 1-based, in Unicode code points
};

// [begin, end): end is the position just past the last character.
struct Span {
  Position begin;
  Position end;
};

enum class JsonKind : std::uint8_t { Null, Bool, Number, String, Array, Object };

std::string_view to_string(JsonKind kind);

// Text a parse produced (a value's decoded string or number, its JSON pointer), read as the
// std::string_view it derives from. The parser copies a document's texts into blocks it shares
// among the document's values (one allocation per block rather than one per text: most strings
// and pointers are too long for a std::string's inline buffer, and their allocations, copies and
// frees were 5.5% of a run's instructions over the AWS managed policies); each text holds a
// reference to its block, so it stays valid wherever the value is copied or moved. Text built
// elsewhere (a rewritten template) gets a block of its own.
class SharedText : public std::string_view {
 public:
  SharedText() = default;
  SharedText(std::string_view text);                                     // NOLINT: copies `text`
  SharedText(const char* text) : SharedText(std::string_view(text)) {}   // NOLINT
  SharedText(const std::string& text) : SharedText(std::string_view(text)) {}  // NOLINT
  // A view into `block`, which it keeps alive.
  SharedText(std::shared_ptr<const void> block, std::string_view text) : std::string_view(text), block_(std::move(block)) {}

  std::string_view view() const { return *this; }
  std::string str() const { return std::string(view()); }
  operator std::string() const { return str(); }  // NOLINT: where a std::string is wanted, a copy
  void clear() { *this = SharedText(); }

 private:
  std::shared_ptr<const void> block_;
};

// The blocks a parse copies its texts into (512 bytes, doubling up to 16 KB, so a caller keeping
// many small documents, an account's policies parsed one by one, keeps little more than their
// texts): one allocation per block. The JSON and YAML parsers each keep one for their document.
class TextBlocks {
 public:
  SharedText store(std::string_view text);

 private:
  std::shared_ptr<char[]> block_;
  std::size_t used_ = 0, size_ = 0;
};

struct JsonMember;

struct JsonValue {
  JsonKind kind = JsonKind::Null;
  bool boolean = false;
  // Set on strings a template built (CloudFormation intrinsics, Terraform unknowns): '*' in them
  // stands for values known only at deploy time, so breadth rules make no claims about them.
  bool templated = false;
  Span span;
  SharedText text;     // decoded string, or the number exactly as written
  SharedText pointer;  // RFC 6901 JSON pointer, "" for the root
  std::vector<JsonValue> items;     // Array
  std::vector<JsonMember> members;  // Object, in source order, duplicates kept

  bool is_string() const { return kind == JsonKind::String; }
  bool is_object() const { return kind == JsonKind::Object; }
  bool is_array() const { return kind == JsonKind::Array; }
  // The last member named exactly `key` (JSON readers keep the last duplicate), or nullptr.
  const JsonMember* find(std::string_view key) const;
  // A span covering only the first character: for findings about the object as a whole.
  Span opening() const;
};

struct JsonMember {
  std::string key;
  Span key_span;
  JsonValue value;
};

struct DuplicateKey {
  std::string key;
  Span key_span;        // the repeated (later) key
  Span first_key_span;  // its first occurrence
  std::string object_pointer;
};

struct ParseError {
  std::string message;
  Position where;
};

struct ParseOptions {
  std::size_t max_depth = 256;  // containers nested deeper than this are an error, not a crash
  // Where the text starts in its file, for a slice parsed on its own (streamed containers): spans
  // and errors then carry file positions, and pointers start with `pointer_prefix`.
  Position origin;
  std::string pointer_prefix;
};

struct ParseResult {
  std::optional<JsonValue> root;    // empty when error is set
  std::optional<ParseError> error;
  std::vector<DuplicateKey> duplicates;
  bool had_bom = false;
};

// Parses one JSON document. Never throws on bad input; iterative, so depth costs no stack.
ParseResult parse_json(std::string_view source, const ParseOptions& options = {});

// Appends `token` to `pointer` with RFC 6901 escaping (~ -> ~0, / -> ~1).
void append_pointer_token(std::string& pointer, std::string_view token);

// True when `pointer` is `root` or names a value inside it ("/a/1" is within "/a", "/a1" is not).
bool pointer_within(std::string_view pointer, std::string_view root);

}  // namespace seslint
