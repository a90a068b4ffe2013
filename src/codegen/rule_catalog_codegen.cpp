// Build-time generator: rules/catalog.json -> static C++ data (src/engine/rule_catalog_data.hpp), so
// that seslint parses no JSON at start-up. Validation is RuleCatalog::from_json's, so a malformed
// catalog fails the build with the same message the run-time parser gives.
//   seslint_rule_catalog_codegen CATALOG_JSON DOCS_BASE_URL OUT_CPP
#include <exception>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>

#include "codegen/cpp_literal.hpp"
#include "seslint/catalog.hpp"

namespace {

using seslint::codegen::literal;

std::string_view level_name(seslint::Level level) {
  switch (level) {
    case seslint::Level::Note: return "Level::Note";
    case seslint::Level::Warning: return "Level::Warning";
    case seslint::Level::Error: return "Level::Error";
  }
  return "";
}

// `constexpr std::string_view <name>[] = {...};` and the expression a RuleInfo field takes.
std::string list(std::ostream& out, const std::string& name, std::span<const std::string_view> values) {
  if (values.empty()) return "{}";
  out << "constexpr std::string_view " << name << "[] = {";
  for (std::size_t i = 0; i < values.size(); ++i) out << (i ? ", " : "") << literal(values[i]);
  out << "};\n";
  return name;
}

// A switch without default, so -Wswitch fails the build when a scope is added and not emitted.
const char* scope_name(seslint::SupersedeScope scope) {
  switch (scope) {
    case seslint::SupersedeScope::Node: return "Node";
    case seslint::SupersedeScope::Statement: return "Statement";
    case seslint::SupersedeScope::Document: return "Document";
  }
  return "Node";
}

std::string supersessions(std::ostream& out, const std::string& name, std::span<const seslint::Supersession> values) {
  if (values.empty()) return "{}";
  out << "constexpr Supersession " << name << "[] = {";
  for (std::size_t i = 0; i < values.size(); ++i)
    out << (i ? ", " : "") << "{" << literal(values[i].rule) << ", SupersedeScope::"
        << scope_name(values[i].scope) << "}";
  out << "};\n";
  return name;
}

std::string generate(const seslint::RuleCatalog& catalog) {
  std::ostringstream lists, rules;
  std::size_t index = 0;
  for (const auto& rule : catalog.rules()) {
    const std::string suffix = std::to_string(index++);
    rules << "    {.id = " << literal(rule.id) << ",\n     .name = " << literal(rule.name)
          << ",\n     .title = " << literal(rule.title) << ",\n     .summary = " << literal(rule.summary)
          << ",\n     .level = " << level_name(rule.level) << ",\n     .security_severity = " << literal(rule.security_severity)
          << ",\n     .precision = " << literal(rule.precision) << ",\n     .tags = " << list(lists, "tags_" + suffix, rule.tags)
          << ",\n     .since = " << literal(rule.since) << ",\n     .help_uri = " << literal(rule.help_uri)
          << ",\n     .doc = {},\n     .supersedes = " << supersessions(lists, "supersedes_" + suffix, rule.supersedes)
          << ",\n     .peers = " << list(lists, "peers_" + suffix, rule.peers) << "},\n";
  }
  std::ostringstream out;
  out << "// Generated from rules/catalog.json by src/codegen/rule_catalog_codegen.cpp. Do not edit.\n"
      << "#include \"engine/rule_catalog_data.hpp\"\n\n"
      << "namespace seslint::generated {\nnamespace {\n\n"
      << lists.str() << "\nconstexpr RuleInfo kRules[] = {\n"
      << rules.str() << "};\n\n}  // namespace\n\n"
      << "std::span<const RuleInfo> rule_catalog() { return kRules; }\n\n}  // namespace seslint::generated\n";
  return out.str();
}

std::string read_file(const char* path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read the file");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Rewrites OUT only when its text changes, so that an unchanged catalog rebuilds nothing.
void write_if_changed(const char* path, const std::string& text) {
  std::ifstream existing(path, std::ios::binary);
  if (existing) {
    std::ostringstream old;
    old << existing.rdbuf();
    if (old.str() == text) return;
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out.flush()) throw std::runtime_error(std::string("cannot write ") + path);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: " << argv[0] << " CATALOG_JSON DOCS_BASE_URL OUT_CPP\n";
    return 2;
  }
  try {
    const auto catalog = seslint::RuleCatalog::from_json(read_file(argv[1]), argv[2]);
    write_if_changed(argv[3], generate(catalog));
  } catch (const std::exception& e) {
    std::cerr << argv[1] << ": " << e.what() << '\n';
    return 1;
  }
  return 0;
}
