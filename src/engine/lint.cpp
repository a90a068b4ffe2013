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

#include "seslint/arn.hpp"
#include "seslint/inputs.hpp"
#include "seslint/source_text.hpp"

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

namespace {

// YAML by name; JSON by name; otherwise by the first character (CloudFormation *.template, stdin).
bool read_as_yaml(std::string_view path, std::string_view source) {
  if (path.ends_with(".yaml") || path.ends_with(".yml")) return true;
  if (path.ends_with(".json")) return false;
  if (source.substr(0, 3) == "\xEF\xBB\xBF") source.remove_prefix(3);
  const auto first = source.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && source[first] != '{' && source[first] != '[';
}

// A broken YAML file found in a directory is reported only when it looks like a template.
bool mentions_cloudformation(std::string_view source) {
  return source.find("AWSTemplateFormatVersion") != std::string_view::npos ||
         source.find("AWS::") != std::string_view::npos;
}

bool pointer_within(std::string_view pointer, std::string_view root) {
  return pointer.substr(0, root.size()) == root && (pointer.size() == root.size() || pointer[root.size()] == '/');
}

std::string skip_notice(InputType forced) {
  if (forced == InputType::Auto)
    return "not an IAM policy or a known container (AWS CLI export, CloudFormation template, Terraform plan); "
           "skipped (--input-type policy lints it as a policy)";
  const char* what = forced == InputType::AwsCli           ? "an AWS CLI output seslint knows"
                     : forced == InputType::CloudFormation ? "a CloudFormation template"
                     : forced == InputType::Terraform      ? "Terraform JSON (terraform show -json)"
                                                           : "an IAM policy";
  return fmt::format("not {}, as --input-type {} says", what, to_string(forced));
}

}  // namespace

// A file that is neither a policy nor a known container.
void Linter::unrecognised(FileResult& result, bool named) const {
  result.container.clear();
  // A type the user forced on a file they named is a promise: breaking it is an input error
  // (exit 2), so a CI step cannot pass by linting nothing.
  if (named && options_.input_type != InputType::Auto) {
    result.io_error = skip_notice(options_.input_type);
    return;
  }
  result.skipped = true;
  if (named) result.notice = skip_notice(options_.input_type);
}

// The findings for text that could not be parsed (or was not read): IAM000 and the like.
std::vector<Finding> Linter::parse_failure(const std::string& path, std::string_view source,
                                           const ParseResult& parsed) const {
  Document document;
  document.path = path;
  document.source = source;
  document.parse = &parsed;
  return engine_.run(document);
}

FileResult Linter::lint_source(std::string path, std::string source, bool named) const {
  if (source.size() > options_.max_file_size) return lint_oversized(std::move(path), source.size());
  FileResult result;
  result.path = std::move(path);
  result.source = std::move(source);
  const bool yaml = read_as_yaml(result.path, result.source);
  const ParseResult parsed = yaml ? parse_yaml(result.source, options_.parse) : parse_json(result.source, options_.parse);
  if (!parsed.root) {
    if (yaml && !named && !mentions_cloudformation(result.source)) {
      result.skipped = true;
      return result;
    }
    result.findings = parse_failure(result.path, result.source, parsed);
    return result;
  }
  const ExtractOptions extract{options_.input_type, options_.include_aws_managed, options_.parse};
  Extraction extraction = extract_policies(*parsed.root, SourceWindow{result.source, 0, yaml}, extract);
  if (!extraction.recognised && named && options_.input_type == InputType::Auto && !parsed.root->is_object()) {
    extraction.recognised = true;  // named, and not even an object: say so as a policy problem (IAM004)
    extraction.policies.push_back({&*parsed.root, nullptr, {}, {}});
  }
  if (!extraction.recognised) {
    unrecognised(result, named);
    return result;
  }
  if (extraction.type != InputType::Policy) result.container = extraction.container;
  result.findings = lint_sites(result.path, yaml ? std::string_view() : std::string_view(result.source), parsed,
                               extraction);
  sort_findings(result.findings);
  return result;
}

// `source`: the text the policy was parsed from on its own (a plain JSON policy file), else empty.
std::vector<Finding> Linter::lint_sites(const std::string& path, std::string_view source, const ParseResult& parsed,
                                        const Extraction& extraction) const {
  if (extraction.type == InputType::Policy) {
    Document document;
    document.path = path;
    document.source = source;
    document.parse = &parsed;
    document.root = extraction.policies.front().root;
    return run(document, {});
  }
  // The container's own duplicate keys matter only inside the policies it holds.
  ParseResult container_keys;
  for (const auto& duplicate : parsed.duplicates)
    for (const auto& site : extraction.policies)
      if (site.parse == nullptr && site.root != nullptr && pointer_within(duplicate.object_pointer, site.root->pointer)) {
        container_keys.duplicates.push_back(duplicate);
        break;
      }
  Document container;
  container.path = path;
  container.parse = &container_keys;
  std::vector<Finding> out = engine_.run(container);
  for (const auto& site : extraction.policies) {
    Document document;
    document.path = path;
    document.source = site.source;
    document.parse = site.parse;
    document.root = site.root;
    auto findings = run(document, site.origin);
    out.insert(out.end(), std::make_move_iterator(findings.begin()), std::make_move_iterator(findings.end()));
  }
  for (const auto& identity : extraction.identities) {
    Document document;
    document.path = path;
    document.email_identity = identity.record;
    PolicyOrigin origin;
    origin.name = identity.name;
    auto findings = run(document, origin);
    out.insert(out.end(), std::make_move_iterator(findings.begin()), std::make_move_iterator(findings.end()));
  }
  return out;
}

std::vector<Finding> Linter::run(Document& document, const PolicyOrigin& origin) const {
  document.origin = origin;
  if (document.root != nullptr && document.root->is_object()) {
    document.policy = build_policy(*document.root, origin.kind ? origin.kind : options_.policy_type);
    // Containers give the identity as a name or as its ARN (Terraform accepts both): keep the name.
    document.policy->attached_identity = std::string(ses_identity_name(origin.ses_identity));
  }
  auto findings = engine_.run(document);
  for (auto& finding : findings) finding.document = origin.name;
  return findings;
}

FileResult Linter::lint_oversized(std::string path, std::optional<std::size_t> size) const {
  FileResult result;
  result.path = std::move(path);
  ParseResult too_large;
  too_large.error = ParseError{
      size ? fmt::format("the file is {} bytes, over the limit of {} bytes (--max-file-size)", *size, options_.max_file_size)
           : fmt::format("the input is over the limit of {} bytes (--max-file-size); reading stopped there",
                         options_.max_file_size),
      Position{}};
  result.findings = parse_failure(result.path, {}, too_large);
  return result;
}

namespace {

FileResult io_failure(std::string path, std::string error) {
  FileResult result;
  result.path = std::move(path);
  result.io_error = std::move(error);
  return result;
}

// The text of `at`'s line, from a streamed element (its first line starts before the element).
void keep_line(std::map<std::uint32_t, std::string>& lines, const StreamedEntry& entry, Position at) {
  const std::string_view text = entry.window.text;
  if (at.offset < entry.window.base || at.offset > entry.window.base + text.size() || lines.count(at.line)) return;
  const SourceLine line = line_at(text, at.offset - entry.window.base);
  const bool first_line = line.start == 0;
  if (first_line && !entry.line_prefix) return;  // its start is not kept
  lines.emplace(at.line, (first_line ? std::string(*entry.line_prefix) : std::string()).append(line.text));
}

// Reads to the end, or stops once `out` holds more than `limit` bytes (stdin and devices have no
// size to check first: /dev/zero never ends).
bool read_stream(std::istream& in, std::string& out, std::size_t limit) {
  char buffer[65536];
  while (out.size() <= limit && in.read(buffer, sizeof buffer).gcount() > 0) {
    out.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (!in) break;
  }
  if (out.size() > limit) out.resize(limit + 1);
  return !in.bad();
}

std::string read_head(std::istream& in) {
  std::string head(4096, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  in.clear(in.rdstate() & std::ios::badbit);
  return head;
}

// A stream that yields `head` (already read, e.g. to sniff the format) and then the rest of
// `rest`: pipes and FIFOs cannot seek back.
class ReplayBuffer final : public std::streambuf {
 public:
  ReplayBuffer(std::string head, std::streambuf* rest) : head_(std::move(head)), rest_(rest) {
    setg(head_.data(), head_.data(), head_.data() + head_.size());
  }

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    const std::streamsize got = rest_->sgetn(buffer_, sizeof buffer_);
    if (got <= 0) return traits_type::eof();
    setg(buffer_, buffer_, buffer_ + got);
    return traits_type::to_int_type(*gptr());
  }

 private:
  std::string head_;
  std::streambuf* rest_;
  char buffer_[65536];
};

}  // namespace

// Authorization-details exports are streamed (any size); everything else is read whole.
bool Linter::streamable(std::string_view head) const {
  if (options_.input_type != InputType::Auto && options_.input_type != InputType::AwsCli) return false;
  return starts_like_authorization_details(head);
}

FileResult Linter::lint_streamed(const std::string& path, std::istream& in, bool named) const {
  FileResult result;
  bool recognised = false;  // {"Policies": [...]} alone may be list-policies output: not a dump
  result.path = path;
  result.container = kAuthorizationDetails;
  const ExtractOptions extract{InputType::AwsCli, options_.include_aws_managed, options_.parse};
  const auto error = stream_authorization_details(in, options_.parse, [&](const StreamedEntry& entry) {
    recognised = recognised || entry.list_key != "Policies" || !entry.parsed.root ||
                 entry.parsed.root->find("PolicyVersionList") != nullptr;
    auto findings = entry.parsed.root ? lint_sites(path, {}, entry.parsed, extract_authorization_entry(entry, extract))
                                      : parse_failure(path, {}, entry.parsed);
    for (const auto& finding : findings) keep_line(result.lines, entry, finding.span.begin);
    result.findings.insert(result.findings.end(), std::make_move_iterator(findings.begin()),
                           std::make_move_iterator(findings.end()));
  });
  if (in.bad()) return io_failure(path, fmt::format("cannot read: {}", std::strerror(errno)));
  if (error) {
    ParseResult broken;
    broken.error = *error;
    auto findings = parse_failure(path, {}, broken);
    result.findings.insert(result.findings.end(), findings.begin(), findings.end());
  } else if (!recognised) {
    unrecognised(result, named);
  }
  sort_findings(result.findings);
  return result;
}

FileResult Linter::lint_path(const std::string& path, bool named) const {
  std::string source;
  const std::size_t limit = options_.max_file_size;
  if (path == "-") {
    if (!read_stream(std::cin, source, limit)) return io_failure("<stdin>", "cannot read standard input");
    if (source.size() > limit) return lint_oversized("<stdin>", std::nullopt);
    return lint_source("<stdin>", std::move(source), named);
  }
  std::ifstream file(path, std::ios::binary);
  if (!file) return io_failure(path, fmt::format("cannot open: {}", std::strerror(errno)));
  std::string head = read_head(file);
  const bool stream = streamable(head);
  ReplayBuffer replay(std::move(head), file.rdbuf());
  std::istream in(&replay);
  if (stream) return lint_streamed(path, in, named);
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);  // regular files only
  if (!ec && size > limit) return lint_oversized(path, size);  // never load a file we will not parse
  if (!read_stream(in, source, limit)) return io_failure(path, fmt::format("cannot read: {}", std::strerror(errno)));
  if (source.size() > limit) return lint_oversized(path, std::nullopt);
  return lint_source(path, std::move(source), named);
}

}  // namespace seslint
