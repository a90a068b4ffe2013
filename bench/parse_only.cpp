// The parse-only program the lint timings are measured against: reads every *.json file under the
// given paths and parses it with nlohmann/json, as a bare consumer of the same bytes would.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include <nlohmann/json.hpp>

namespace {

std::size_t parse_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto value = nlohmann::json::parse(text, nullptr, false);
  return value.is_discarded() ? 0 : value.size();
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t files = 0, members = 0;
  for (int i = 1; i < argc; ++i) {
    const std::filesystem::path root(argv[i]);
    if (!std::filesystem::is_directory(root)) {
      members += parse_file(root);
      ++files;
      continue;
    }
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root))
      if (entry.is_regular_file() && entry.path().extension() == ".json") {
        members += parse_file(entry.path());
        ++files;
      }
  }
  std::printf("%zu files, %zu top-level members\n", files, members);
  return 0;
}
