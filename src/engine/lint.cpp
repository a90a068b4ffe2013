#include "seslint/lint.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <system_error>
#include <filesystem>

#include <fmt/format.h>

namespace seslint {

std::size_t LintReport::count(Level at_least) const {
  std::size_t total = 0;
  for (const auto& file : files)
    for (const auto& finding : file.findings)
      if (finding.level >= at_least) ++total;
  return total;
}

Linter::Linter(LintOptions options, const RuleCatalog& catalog)
    : options_(std::move(options)),
      engine_(catalog, options_.selection, options_.aws_catalog ? *options_.aws_catalog : aws::Catalog::builtin()) {}

FileResult Linter::lint_source(std::string path, std::string source) const {
  if (source.size() > options_.max_file_size) return lint_oversized(std::move(path), source.size());
  FileResult result;
  result.path = std::move(path);
  result.source = std::move(source);
  Document document;
  document.path = result.path;
  document.source = result.source;
  document.json = parse_json(result.source, options_.parse);
  if (document.json.root && document.json.root->is_object())
    document.policy = build_policy(*document.json.root, options_.policy_type);
  result.findings = engine_.run(document);
  return result;
}

FileResult Linter::lint_oversized(std::string path, std::size_t size) const {
  FileResult result;
  result.path = std::move(path);
  Document document;
  document.path = result.path;
  document.json.error = ParseError{
      fmt::format("the file is {} bytes, over the limit of {} bytes (--max-file-size)", size, options_.max_file_size),
      Position{}};
  result.findings = engine_.run(document);
  return result;
}

namespace {

bool read_stream(std::istream& in, std::string& out) {
  out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return !in.bad();
}

}  // namespace

FileResult Linter::lint_path(const std::string& path) const {
  std::string source;
  if (path == "-") {
    if (!read_stream(std::cin, source)) return FileResult{"<stdin>", {}, {}, "cannot read standard input"};
    return lint_source("<stdin>", std::move(source));
  }
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (!ec && size > options_.max_file_size) {
    return lint_oversized(path, size);  // never load a file we will not parse
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return FileResult{path, {}, {}, fmt::format("cannot open: {}", std::strerror(errno))};
  if (!read_stream(in, source)) return FileResult{path, {}, {}, fmt::format("cannot read: {}", std::strerror(errno))};
  return lint_source(path, std::move(source));
}

}  // namespace seslint
