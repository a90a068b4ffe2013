// Service tables (aws_catalog_tables.hpp): reading a service block of the catalog text into them.
// No library dependencies, as the build-time generator links it.
#include "catalog/aws_catalog_tables.hpp"

#include <algorithm>
#include <array>
#include <iterator>

#include "catalog/aws_catalog_header.hpp"  // catalog_number
#include "seslint/text_match.hpp"          // its inline ascii_lower only: no library code to link

namespace seslint::aws {
namespace {

bool same_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return ascii_lower(x) == ascii_lower(y);
         });
}

std::uint32_t to_index(std::string_view text) { return static_cast<std::uint32_t>(catalog_number(text)); }

unsigned levels_from_letters(std::string_view letters) {
  unsigned levels = 0;
  for (const char c : letters) {
    switch (c) {
      case 'L': levels |= kList; break;
      case 'R': levels |= kRead; break;
      case 'W': levels |= kWrite; break;
      case 'P': levels |= kPermissionsManagement; break;
      case 'T': levels |= kTagging; break;
      default: break;
    }
  }
  return levels;
}

// The pieces of `text` between `separator`s, in place.
class Pieces {
 public:
  Pieces(std::string_view text, char separator) : rest_(text), separator_(separator) {}
  bool next(std::string_view& piece) {
    if (done_) return false;
    const auto end = rest_.find(separator_);
    piece = rest_.substr(0, end);
    if (end == std::string_view::npos) done_ = true;
    else rest_.remove_prefix(end + 1);
    return true;
  }

 private:
  std::string_view rest_;
  char separator_;
  bool done_ = false;
};

// A line's first tab-separated fields; returns how many fields it has in all.
std::size_t line_fields(std::string_view line, std::array<std::string_view, 5>& fields) {
  std::size_t count = 0;
  Pieces pieces(line, '\t');
  for (std::string_view piece; pieces.next(piece); ++count)
    if (count < fields.size()) fields[count] = piece;
  return count;
}

// Calls `each` for every item of a comma-separated list field ("-" or empty: none).
template <typename Each>
void for_each_item(std::string_view field, Each&& each) {
  if (field == "-" || field.empty()) return;
  Pieces pieces(field, ',');
  for (std::string_view item; pieces.next(item);) each(item);
}

std::uint32_t size32(std::size_t size) { return static_cast<std::uint32_t>(size); }

}  // namespace

std::optional<KeyType> parse_key_type(std::string_view text) {
  KeyType type;
  if (text.starts_with("ArrayOf")) {
    type.multivalued = true;
    text.remove_prefix(7);
  }
  static constexpr std::array<std::pair<std::string_view, KeyBase>, 8> kBases = {{
      {"String", KeyBase::String}, {"ARN", KeyBase::Arn}, {"Arn", KeyBase::Arn}, {"Numeric", KeyBase::Numeric},
      {"Date", KeyBase::Date}, {"Bool", KeyBase::Bool}, {"IPAddress", KeyBase::IpAddress}, {"Binary", KeyBase::Binary}}};
  for (const auto& [name, base] : kBases)
    if (same_ignoring_case(text, name)) {
      type.base = base;
      return type;
    }
  return std::nullopt;
}

namespace tables {

TextRef ServiceData::add_text(std::string_view text) {
  const TextRef ref{size32(names.size()), size32(text.size())};
  names += text;
  return ref;
}

TextRef ServiceData::add_lower(std::string_view text) {
  const TextRef ref{size32(names.size()), size32(text.size())};
  std::transform(text.begin(), text.end(), std::back_inserter(names), ascii_lower);
  return ref;
}

void ServiceData::add_key(std::string_view name, KeyType type) {
  keys.push_back({add_text(name), add_lower(name), base_number(type.base), type.multivalued ? std::uint8_t{1} : std::uint8_t{0}});
}

void ServiceData::add_resource(std::string_view name, std::span<const std::string_view> arn_formats,
                               std::span<const std::uint32_t> key_numbers) {
  ResourceRecord type;
  type.name = add_text(name);
  type.formats_begin = size32(formats.size());
  type.formats_count = size32(arn_formats.size());
  for (const std::string_view arn : arn_formats) formats.push_back(add_text(arn));
  type.keys_begin = size32(indexes.size());
  type.keys_count = size32(key_numbers.size());
  indexes.insert(indexes.end(), key_numbers.begin(), key_numbers.end());
  resources.push_back(type);
}

void ServiceData::add_action(std::string_view name, unsigned levels, std::span<const ActionResource> resource_types,
                             std::span<const std::uint32_t> key_numbers) {
  ActionRecord action;
  action.name = add_text(name);
  action.lower = add_lower(name);
  action.levels = levels;
  action.resources_begin = size32(action_resources.size());
  action.resources_count = size32(resource_types.size());
  action_resources.insert(action_resources.end(), resource_types.begin(), resource_types.end());
  action.keys_begin = size32(indexes.size());
  action.keys_count = size32(key_numbers.size());
  indexes.insert(indexes.end(), key_numbers.begin(), key_numbers.end());
  actions.push_back(action);
}

void ServiceData::sort_actions() {
  const auto lower = [&](const ActionRecord& action) {
    return std::string_view(names).substr(action.lower.offset, action.lower.length);
  };
  std::stable_sort(actions.begin(), actions.end(),
                   [&](const ActionRecord& a, const ActionRecord& b) { return lower(a) < lower(b); });
}

ServiceView ServiceData::view() const {
  return {names, keys, resources, actions, action_resources, indexes, formats};
}

std::uint8_t base_number(KeyBase base) { return static_cast<std::uint8_t>(base); }

ServiceData parse_service_block(std::string_view block) {
  ServiceData data;
  Pieces lines(block, '\n');
  std::array<std::string_view, 5> fields;
  // The numbers of a list field that are below `bound`.
  const auto numbers_below = [](std::string_view field, std::size_t bound) {
    std::vector<std::uint32_t> out;
    for_each_item(field, [&](std::string_view item) {
      if (to_index(item) < bound) out.push_back(to_index(item));
    });
    return out;
  };
  for (std::string_view line; lines.next(line);) {
    const std::size_t count = line_fields(line, fields);
    if (count < 2) continue;
    const std::string_view tag = fields[0];
    if (tag == "K" && count >= 3) {
      data.add_key(fields[1], parse_key_type(fields[2]).value_or(KeyType{}));
    } else if (tag == "R" && count >= 4) {
      std::vector<std::string_view> arn_formats;
      for_each_item(fields[3], [&](std::string_view arn) { arn_formats.push_back(arn); });
      data.add_resource(fields[1], arn_formats, numbers_below(fields[2], data.keys.size()));
    } else if (tag == "A" && count >= 5) {
      std::vector<ActionResource> resource_types;
      for_each_item(fields[3], [&](std::string_view item) {
        if (to_index(item) < data.resources.size()) resource_types.push_back({to_index(item), item.ends_with('*')});
      });
      data.add_action(fields[1], levels_from_letters(fields[2]), resource_types, numbers_below(fields[4], data.keys.size()));
    }
  }
  data.sort_actions();
  return data;
}

}  // namespace tables
}  // namespace seslint::aws
