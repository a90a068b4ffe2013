// Reading the static data trees (seslint/embedded_data.hpp).
#include "seslint/embedded_data.hpp"

#include <stdexcept>

namespace seslint::embedded {

std::string_view Data::text() const { return tables_->text.substr(record().text_offset, record().text_length); }

Data Data::operator[](std::size_t i) const {
  if (i >= size()) throw std::out_of_range("embedded data: index out of range");
  return {*tables_, record().first + static_cast<std::uint32_t>(i)};
}

std::string_view Data::key(std::size_t i) const {
  const DataRecord& member = (*this)[i].record();
  return tables_->text.substr(member.key_offset, member.key_length);
}

std::optional<Data> Data::find(std::string_view name) const {
  if (!is_object()) return std::nullopt;
  for (std::size_t i = 0; i < size(); ++i)
    if (key(i) == name) return (*this)[i];
  return std::nullopt;
}

Data Data::at(std::string_view name) const {
  if (const auto found = find(name)) return *found;
  throw std::out_of_range("embedded data: no member '" + std::string(name) + "'");
}

std::string Data::text_or(std::string_view name, std::string_view fallback) const {
  const auto found = find(name);
  return std::string(found && found->is_string() ? found->text() : fallback);
}

std::vector<std::string> Data::strings() const {
  std::vector<std::string> out;
  if (!is_array()) return out;
  out.reserve(size());
  for (const Data item : *this)
    if (item.is_string()) out.emplace_back(item.text());
  return out;
}

Data data(std::string_view name) {
  const DataTables& tables = data_tables();
  for (const auto& [file, root] : tables.roots)
    if (file == name) return {tables, root};
  throw std::out_of_range("embedded data: no file named '" + std::string(name) + "'");
}

}  // namespace seslint::embedded
