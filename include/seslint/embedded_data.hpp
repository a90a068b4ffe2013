#pragma once
// The JSON data files of rules/ (risk actions, paired condition keys, condition-key facts, AWS
// managed policies) as static trees, built from the files at build time by
// src/codegen/data_codegen.cpp: reading them parses nothing at run time. Objects list their members
// sorted by key (as nlohmann::json reads them); a file's shape is checked by the tests, so a member
// a rule needs is always there (at() throws std::out_of_range otherwise).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace seslint::embedded {

enum class DataKind : std::uint8_t { Null, Bool, Number, String, Array, Object };

// One value of a tree: containers' children are consecutive records.
struct DataRecord {
  DataKind kind = DataKind::Null;
  bool boolean = false;
  std::uint32_t key_offset = 0;  // into the text: a member's key
  std::uint32_t key_length = 0;
  std::uint32_t text_offset = 0;  // a string's value, a number as written
  std::uint32_t text_length = 0;
  std::uint32_t first = 0;  // a container's first child record
  std::uint32_t count = 0;  // and how many children
};

struct DataTables {
  std::string_view text;
  std::span<const DataRecord> records;
  std::span<const std::pair<std::string_view, std::uint32_t>> roots;  // file name -> its root record
};
const DataTables& data_tables();  // generated

class Data {
 public:
  Data(const DataTables& tables, std::uint32_t index) : tables_(&tables), index_(index) {}

  DataKind kind() const { return record().kind; }
  bool is_object() const { return kind() == DataKind::Object; }
  bool is_array() const { return kind() == DataKind::Array; }
  bool is_string() const { return kind() == DataKind::String; }
  bool boolean() const { return record().boolean; }
  std::string_view text() const;           // a string's value, a number as written
  std::size_t size() const { return record().count; }  // items or members
  Data operator[](std::size_t i) const;     // an item, or a member's value
  std::string_view key(std::size_t i) const;  // a member's key
  std::optional<Data> find(std::string_view key) const;
  Data at(std::string_view key) const;      // throws std::out_of_range when there is no such member
  std::string text_or(std::string_view key, std::string_view fallback) const;  // a string member's value
  std::vector<std::string> strings() const;  // an array's string items

  class Iterator;  // over items, or members' values
  Iterator begin() const;
  Iterator end() const;

 private:
  const DataRecord& record() const { return tables_->records[index_]; }
  const DataTables* tables_;
  std::uint32_t index_;
};

// The root of rules/<file>.json by its embedded name ("risk_actions"); throws std::out_of_range for
// a name that is not embedded.
Data data(std::string_view name);

class Data::Iterator {
 public:
  Iterator(const Data& parent, std::size_t at) : parent_(parent), at_(at) {}
  Data operator*() const { return parent_[at_]; }
  Iterator& operator++() {
    ++at_;
    return *this;
  }
  bool operator!=(const Iterator& other) const { return at_ != other.at_; }

 private:
  Data parent_;  // by value (two words): an iterator may outlive the Data it came from
  std::size_t at_;
};

inline Data::Iterator Data::begin() const { return {*this, 0}; }
inline Data::Iterator Data::end() const { return {*this, size()}; }

}  // namespace seslint::embedded
