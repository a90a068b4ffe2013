#include "seslint/lint.hpp"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <deque>
#include <iostream>
#include <iterator>
#include <map>
#include <tuple>
#include <sstream>
#include <system_error>
#include <filesystem>

#include <fmt/format.h>

#include "seslint/arn.hpp"
#include "seslint/fingerprint.hpp"
#include "seslint/inputs.hpp"
#include "seslint/mailmanager.hpp"
#include "seslint/mailmanager_run.hpp"
#include "seslint/report_paths.hpp"
#include "seslint/source_text.hpp"
#include "seslint/task_pool.hpp"

#include "engine/input_file.hpp"

namespace seslint {

std::size_t LintReport::count(Level at_least) const {
  std::size_t total = 0;
  for (const auto& file : files)
    for (const auto& finding : file.findings)
      if (finding.level >= at_least && !finding.suppression) ++total;
  return total;
}

std::size_t LintReport::count(SuppressedBy by) const {
  std::size_t total = 0;
  for (const auto& file : files)
    for (const auto& finding : file.findings)
      if (finding.suppression && finding.suppression->by == by) ++total;
  return total;
}

bool fails(const FileResult& file, std::string_view fail_on) {
  const auto threshold = parse_level(fail_on);
  if (!threshold) return false;  // "never"
  return std::any_of(file.findings.begin(), file.findings.end(),
                     [&](const Finding& f) { return !f.suppression && f.level >= *threshold; });
}

std::string_view to_string(SuppressedBy by) {
  switch (by) {
    case SuppressedBy::Metadata: return "metadata";
    case SuppressedBy::Config: return "config";
    case SuppressedBy::Baseline: return "baseline";
  }
  return "";
}

Linter::Linter(LintOptions options, const RuleCatalog& catalog)
    : options_(std::move(options)),
      catalog_(catalog),
      working_directory_(std::filesystem::current_path()),
      engine_(catalog, options_.selection, options_.aws_catalog ? *options_.aws_catalog : aws::Catalog::builtin(),
              options_.config != nullptr ? &options_.config->org : nullptr) {}

// YAML by name; JSON by name; otherwise by the first character (CloudFormation *.template, stdin).
bool read_as_yaml(std::string_view path, std::string_view source) {
  if (path.ends_with(".yaml") || path.ends_with(".yml")) return true;
  if (path.ends_with(".json")) return false;
  if (source.substr(0, 3) == "\xEF\xBB\xBF") source.remove_prefix(3);
  const auto first = source.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && source[first] != '{' && source[first] != '[';
}

namespace {

// Text that does not parse is reported (IAM000) only when it shows a sign of being a policy or a
// container; anything else (tsconfig.json with comments, a broken CI workflow) is not ours to judge.
bool has_policy_signs(std::string_view source) {
  for (std::string_view sign : {"Statement", "Effect", "PolicyDocument", "2012-10-17", "2008-10-17",
                                "AWSTemplateFormatVersion", "AWS::", "terraform_version", "DetailList", "PolicyVersion"})
    if (source.find(sign) != std::string_view::npos) return true;
  return false;
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

// SES Mail Manager resources: a mailmanager get-* output is an input of its own; a template's
// AWS::SES::MailManager* resources and a Terraform plan's Mail Manager resources come beside its policies.
void read_mail_manager(const JsonValue& root, InputType forced, Extraction& extraction, mm::Configuration& out) {
  if (extraction.recognised) {
    if (extraction.type == InputType::CloudFormation) mm::read_cloudformation(root, out);
    if (extraction.type == InputType::Terraform) mm::read_terraform(root, out);
    return;
  }
  if ((forced != InputType::Auto && forced != InputType::AwsCli) || !mm::read_cli_output(root, out)) return;
  extraction.recognised = true;
  extraction.type = InputType::AwsCli;
  extraction.container = std::string(mm::cli_command(out.resources.front().kind));
}

// The text output shows each finding's source line: a literal SMTP password, and any value the
// input marks sensitive (a Terraform plan's sensitive_values), is masked there, in place and byte
// for byte, so that every position stays true (the API allows ASCII only in passwords).
void mask_value(const JsonValue& value, std::string& source) {
  if (value.kind != JsonKind::String && value.kind != JsonKind::Number) return;
  std::size_t from = value.span.begin.offset, to = value.span.end.offset;
  if (to > source.size() || from >= to) return;
  if (to - from >= 2 && (source[from] == '"' || source[from] == '\'') && source[to - 1] == source[from]) ++from, --to;
  for (std::size_t i = from; i < to; ++i)
    if (source[i] != '\n' && source[i] != '\r') source[i] = '*';
}

void mask_secrets(const mm::Configuration& config, std::string& source) {
  for (const auto& resource : config.resources) {
    const mm::Text& password = resource.ingress.smtp_password;
    if (resource.kind == mm::Kind::IngressPoint && password.present() && password.node->is_string())
      mask_value(*password.node, source);
  }
  for (const JsonValue* value : config.sensitive) mask_value(*value, source);
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

FileResult Linter::lint_source(std::string path, std::string source, bool named, const mm::RunResources* linked) const {
  return finish(read_source(std::move(path), std::move(source), named, linked));
}

FileResult Linter::read_source(std::string path, std::string source, bool named, const mm::RunResources* linked) const {
  if (options_.before_lint_for_testing) options_.before_lint_for_testing(path);
  if (source.size() > options_.max_file_size) return lint_oversized(std::move(path), source.size());
  FileResult result;
  result.path = std::move(path);
  result.source = std::move(source);
  const bool yaml = read_as_yaml(result.path, result.source);
  const ParseResult parsed = yaml ? parse_yaml(result.source, options_.parse) : parse_json(result.source, options_.parse);
  if (!parsed.root) {
    if (options_.input_type == InputType::Auto && !options_.policy_type && !has_policy_signs(result.source)) {
      result.skipped = true;
      if (named) result.notice = "does not parse and shows no sign of being a policy or a container; skipped "
                                 "(--input-type policy lints it as a policy)";
      return result;
    }
    result.findings = parse_failure(result.path, result.source, parsed);
    return result;
  }
  const ExtractOptions extract{options_.input_type, options_.include_aws_managed, options_.parse};
  Extraction extraction = extract_policies(*parsed.root, SourceWindow{result.source, 0, yaml}, extract);
  mm::Configuration mail_manager;
  mail_manager.run = linked;
  mail_manager.path = result.path;
  read_mail_manager(*parsed.root, options_.input_type, extraction, mail_manager);
  if (!extraction.recognised && named && options_.input_type == InputType::Auto && !parsed.root->is_object()) {
    extraction.recognised = true;  // named, and not even an object: say so as a policy problem (IAM004)
    extraction.policies.push_back({&*parsed.root, nullptr, {}, {}});
  }
  if (!extraction.recognised) {
    unrecognised(result, named);
    return result;
  }
  if (extraction.type != InputType::Policy) result.container = extraction.container;
  for (const auto& site : extraction.policies) add_unknown_ignore_notes(site.origin.ignores, result.notes);
  result.findings = lint_sites(result.path, yaml ? std::string_view() : std::string_view(result.source), parsed,
                               extraction);
  // One document per Mail Manager resource, for the MM rules (src/rules/mailmanager/).
  for (const auto& resource : mail_manager.resources) {
    Document document;
    document.path = result.path;
    PolicyOrigin origin;
    origin.name = resource.name;
    if (resource.template_entry != nullptr) {
      origin.ignores = cloudformation_metadata_ignores(*resource.template_entry);
      add_unknown_ignore_notes(origin.ignores, result.notes);
    }
    const mm::SubjectScope scope({&resource, &mail_manager});
    std::optional<StablePointers> stable;
    if (resource.node != nullptr) stable.emplace(*resource.node);
    for (auto& finding : run(document, origin)) {
      finding.document = resource.location(finding.pointer);
      if (stable) finding.stable_pointer = stable->of(finding.pointer);
      result.findings.push_back(std::move(finding));
    }
  }
  mask_secrets(mail_manager, result.source);
  sort_findings(result.findings);
  return result;
}

void Linter::add_unknown_ignore_notes(std::span<const InlineIgnore> ignores, std::vector<std::string>& notes) const {
  for (auto& note : unknown_inline_ignores(ignores, catalog_))
    if (std::find(notes.begin(), notes.end(), note) == notes.end()) notes.push_back(std::move(note));
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
  auto append = [&](Document document, const PolicyOrigin& origin) {
    document.path = path;
    auto findings = run(document, origin);
    out.insert(out.end(), std::make_move_iterator(findings.begin()), std::make_move_iterator(findings.end()));
  };
  for (const auto& site : extraction.policies) {
    Document document;
    document.source = site.source;
    document.parse = site.parse;
    document.root = site.root;
    append(std::move(document), site.origin);
  }
  // An SES identity record and a managed policy attached by ARN are documents without a policy.
  for (const auto& identity : extraction.identities) {
    Document document;
    document.email_identity = identity.record;
    PolicyOrigin origin;
    origin.name = identity.name;
    append(std::move(document), origin);
  }
  for (const auto& attachment : extraction.attachments) {
    Document document;
    document.managed_policy_arn = attachment.arn;
    PolicyOrigin origin;
    origin.name = attachment.principal;
    append(std::move(document), origin);
  }
  return out;
}

// A container's word on an identity policy first (its user or role: it knows), then the declared
// kind (--principal-kind, else the config's principal-kind for the path), then what the policy's
// own text suggests (a guess the declaration corrects, e.g. a Lambda role that only sends raw mail).
Holder Linter::holder_of(const Policy& policy, const PolicyOrigin& origin, const std::string& path) const {
  if (origin.holder && policy.kind == PolicyKind::Identity) return *origin.holder;
  if (options_.principal_kind) return Holder{*options_.principal_kind, false, {}};
  if (const auto declared = principal_kind_for(path)) return Holder{*declared, false, {}};
  return infer_holder(policy);
}

std::vector<Finding> Linter::run(Document& document, const PolicyOrigin& origin) const {
  document.origin = origin;
  if (document.root != nullptr && document.root->is_object()) {
    std::optional<PolicyKind> kind = origin.kind ? origin.kind : options_.policy_type;
    if (!kind) kind = policy_type_for(document.path);
    document.policy = build_policy(*document.root, kind);
    // Containers give the identity as a name or as its ARN (Terraform accepts both): keep the name.
    document.policy->attached_identity = std::string(ses_identity_name(origin.ses_identity));
    document.policy->holder = holder_of(*document.policy, origin, document.path);
  }
  auto findings = engine_.run(document);
  std::optional<StablePointers> stable;
  if (document.root != nullptr) stable.emplace(*document.root);
  for (auto& finding : findings) {
    finding.document = origin.name;
    if (stable) finding.stable_pointer = stable->of(finding.pointer);
    for (const auto& ignore : origin.ignores)
      if (resolve_rule_ref(ignore.rule, catalog_, false) == finding.rule_id)
        finding.suppression = Suppression{SuppressedBy::Metadata,
                                          ignore.reason.empty() ? "Metadata seslint ignore" : ignore.reason};
  }
  return findings;
}

std::string Linter::absolute(const std::string& path) const {
  return absolute_normal(path, working_directory_.native());
}

std::optional<std::string> Linter::config_relative(const std::string& path) const {
  if (options_.config == nullptr || path == "<stdin>") return std::nullopt;
  return options_.config->relative_path(absolute(path));
}

// policy-type in the config, by the file's path (a container's own knowledge and --policy-type win).
std::optional<PolicyKind> Linter::policy_type_for(const std::string& path) const {
  if (options_.config == nullptr || options_.config->policy_types.empty()) return std::nullopt;
  const auto relative = config_relative(path);
  return relative ? options_.config->policy_type_for(*relative) : std::nullopt;
}

// principal-kind in the config, by the file's path (a container's own knowledge and --principal-kind win).
std::optional<PrincipalKind> Linter::principal_kind_for(const std::string& path) const {
  if (options_.config == nullptr || options_.config->principal_kinds.empty()) return std::nullopt;
  const auto relative = config_relative(path);
  return relative ? options_.config->principal_kind_for(*relative) : std::nullopt;
}

void Linter::apply_config(Finding& finding, const std::optional<std::string>& config_path) const {
  const Config& config = *options_.config;
  if (const auto level = config.rule_levels.find(finding.rule_id); level != config.rule_levels.end()) {
    if (level->second) {
      finding.level = *level->second;
    } else if (!finding.suppression) {
      finding.suppression = Suppression{SuppressedBy::Config, fmt::format("rules: {}: off in {}", finding.rule_id, config.file)};
    }
  }
  if (finding.suppression || !config_path) return;
  if (const auto* entry = config.ignored_by(*config_path, finding.rule_id))
    finding.suppression = Suppression{SuppressedBy::Config,
                                      fmt::format("per-file-ignores '{}' in {}", entry->glob.pattern(), config.file)};
}

Linter::FilePlace Linter::place(const std::string& path) const {
  FilePlace out;
  if (path == "<stdin>") {
    out.root_path = path;
    return out;
  }
  const auto file = absolute(path);
  const auto& root = options_.root.empty() ? working_directory_ : options_.root;
  auto relative = relative_under(file, root.native());
  out.root_path = relative ? std::move(*relative) : file;
  if (options_.config != nullptr) out.config_path = options_.config->relative_path(file);
  return out;
}

void Linter::finish(FileResult& result, const FilePlace& place, FingerprintRanks& ranks) const {
  result.root_path = place.root_path;
  for (auto& finding : result.findings) {
    if (options_.config != nullptr) apply_config(finding, place.config_path);
    if (finding.stable_pointer.empty()) finding.stable_pointer = finding.pointer;
    // Concatenated by hand: fmt's format-string parsing cost more than the hash (4,570 findings
    // over the AWS managed policies).
    std::string identity;
    identity.reserve(finding.rule_id.size() + finding.document.size() + finding.stable_pointer.size() + 2);
    identity.append(finding.rule_id).append(1, '\n').append(finding.document).append(1, '\n').append(finding.stable_pointer);
    const std::uint64_t key = std::hash<std::string>{}(identity);
    const std::size_t rank = ranks[key]++;
    finding.fingerprint = fingerprint(finding.rule_id, result.root_path, finding.document, finding.stable_pointer, rank);
  }
}

FileResult Linter::finish(FileResult result) const {
  FingerprintRanks ranks;
  finish(result, place(result.path), ranks);
  return result;
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

// A stream that yields `head` (already read, e.g. to sniff the format) and then the rest of
// `rest`: pipes and FIFOs cannot seek back.
class ReplayBuffer final : public std::streambuf {
 public:
  ReplayBuffer(std::string head, InputFile* rest) : head_(std::move(head)), rest_(rest), taken_(head_.size()) {
    setg(head_.data(), head_.data(), head_.data() + head_.size());
  }
  // Bytes taken from the file so far (the head included), read ahead of the parser by a buffer.
  std::uint64_t taken() const { return taken_; }

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    const long got = rest_->read_some(buffer_, sizeof buffer_);
    // std::istream turns the throw into badbit: the parser sees a failed stream, not a short file.
    if (got < 0) throw std::ios_base::failure(fmt::format("cannot read: {}", std::strerror(errno)));
    if (got == 0) return traits_type::eof();
    taken_ += static_cast<std::uint64_t>(got);
    setg(buffer_, buffer_, buffer_ + got);
    return traits_type::to_int_type(*gptr());
  }

 private:
  std::string head_;
  InputFile* rest_;
  std::uint64_t taken_;
  char buffer_[65536];
};

}  // namespace

// An export opened by read_file, its sniffed head kept for the stream.
struct StreamedExport {
  StreamedExport(InputFile opened, std::string head, std::uint64_t bytes)
      : file(std::move(opened)), replay(std::move(head), &file), in(&replay), size(bytes) {}
  InputFile file;
  ReplayBuffer replay;
  std::istream in;
  std::uint64_t size;  // 0: not known (a pipe)
};

// Authorization-details exports are streamed (any size); everything else is read whole.
bool Linter::streamable(std::string_view head) const {
  if (options_.input_type != InputType::Auto && options_.input_type != InputType::AwsCli) return false;
  return starts_like_authorization_details(head);
}

struct Linter::ElementResult {
  std::vector<Finding> findings;
  std::map<std::uint32_t, std::string> lines;
  bool recognises = false;  // {"Policies": [...]} alone may be list-policies output: not a dump
  std::string internal_error;  // what linting the element threw (a bug), if it did
};

Linter::ElementResult Linter::lint_element(const std::string& path, const StreamedElement& element) const {
  if (options_.before_lint_for_testing) options_.before_lint_for_testing(path);
  const ParseResult parsed = parse_streamed_element(element, options_.parse);
  const StreamedEntry entry = element.entry(parsed);
  ElementResult out;
  out.recognises = entry.list_key != "Policies" || !parsed.root || parsed.root->find("PolicyVersionList") != nullptr;
  const ExtractOptions extract{InputType::AwsCli, options_.include_aws_managed, options_.parse};
  out.findings = parsed.root ? lint_sites(path, {}, parsed, extract_authorization_entry(entry, extract))
                             : parse_failure(path, {}, parsed);
  for (const auto& finding : out.findings) keep_line(out.lines, entry, finding.span.begin);
  sort_findings(out.findings);  // elements follow each other in the file: sorted parts make a sorted whole
  return out;
}

Linter::ElementResult Linter::lint_element_guarded(const std::string& path, const StreamedElement& element) const {
  try {
    return lint_element(path, element);
  } catch (const std::exception& e) {
    ElementResult out;
    out.internal_error = e.what();
    return out;
  } catch (...) {
    ElementResult out;
    out.internal_error = "an exception that is not a std::exception";
    return out;
  }
}

namespace {

// An element being linted on the pool; `done` once its result is ready.
struct StreamedSlot {
  StreamedElement element;
  std::atomic<bool> done{false};
};

}  // namespace

void Linter::lint_streamed(const std::string& path, StreamedExport& stream, bool named, const FilePartSink& emit,
                           TaskPool* pool, const ReadProgressSink& progress) const {
  std::istream& in = stream.in;
  const FilePlace where = place(path);
  FingerprintRanks ranks;
  bool recognised = false;
  std::string internal_error;    // the first element's that threw
  std::vector<FileResult> held;  // parts before the export is known to be one
  auto deliver = [&](ElementResult element) {
    if (!element.internal_error.empty() && internal_error.empty()) internal_error = std::move(element.internal_error);
    FileResult part;
    part.path = path;
    part.container = kAuthorizationDetails;
    part.findings = std::move(element.findings);
    part.lines = std::move(element.lines);
    finish(part, where, ranks);
    recognised = recognised || element.recognises;
    if (!recognised) {
      held.push_back(std::move(part));
      return;
    }
    for (auto& earlier : held) emit(std::move(earlier), false);
    held.clear();
    emit(std::move(part), false);
  };
  struct Pending {
    std::unique_ptr<StreamedSlot> slot;
    std::shared_ptr<ElementResult> result;
  };
  std::deque<Pending> pending;
  const std::size_t window = pool != nullptr ? 4u * pool->threads() : 0;
  auto take_front = [&] {
    StreamedSlot& front = *pending.front().slot;
    pool->help_until([&] { return front.done.load(std::memory_order_acquire); });
    deliver(std::move(*pending.front().result));
    pending.pop_front();
  };
  const auto error = stream_authorization_elements(in, [&](StreamedElement element) {
    if (progress) progress({stream.replay.taken(), stream.size});
    if (pool == nullptr) {
      deliver(lint_element_guarded(path, element));
      return;
    }
    Pending next{std::make_unique<StreamedSlot>(), std::make_shared<ElementResult>()};
    next.slot->element = std::move(element);
    pool->submit([this, &path, slot = next.slot.get(), result = next.result] {
      *result = lint_element_guarded(path, slot->element);
      slot->element = {};
      slot->done.store(true, std::memory_order_release);
    });
    pending.push_back(std::move(next));
    while (!pending.empty() &&
           (pending.size() >= window || pending.front().slot->done.load(std::memory_order_acquire)))
      take_front();
  });
  while (!pending.empty()) take_front();

  FileResult end;
  end.path = path;
  end.container = kAuthorizationDetails;
  if (in.bad()) {
    end = io_failure(path, fmt::format("cannot read: {}", std::strerror(errno)));
  } else if (error) {
    ParseResult broken;
    broken.error = *error;
    end.findings = parse_failure(path, {}, broken);
    for (auto& earlier : held) emit(std::move(earlier), false);  // a broken export is reported as one
  } else if (!recognised) {
    unrecognised(end, named);
  }
  if (!internal_error.empty() && end.io_error.empty()) end.io_error = "internal error: " + internal_error;
  finish(end, where, ranks);
  emit(std::move(end), true);
}

namespace {

// Streamed parts of one file, joined back into one result.
void append_part(FileResult& whole, FileResult part, bool first) {
  if (first) {
    whole = std::move(part);
    return;
  }
  whole.findings.insert(whole.findings.end(), std::make_move_iterator(part.findings.begin()),
                        std::make_move_iterator(part.findings.end()));
  whole.lines.merge(part.lines);
  whole.io_error = std::move(part.io_error);
  whole.container = std::move(part.container);
  whole.skipped = part.skipped;
  whole.notice = std::move(part.notice);
}

}  // namespace

FileResult Linter::lint_path(const std::string& path, bool named) const {
  FileResult whole;
  bool first = true;
  finish_file(read_file(path, named, nullptr), [&](FileResult part, bool) {
    append_part(whole, std::move(part), first);
    first = false;
  });
  return whole;
}

ReadFile Linter::read_file(const std::string& path, bool named, const mm::RunResources* linked) const {
  try {
    ReadFile out = read_path(path, named, linked);
    if (!out.stream) out.result = finish(std::move(out.result));
    return out;
  } catch (const std::exception& e) {
    return {io_failure(path == "-" ? "<stdin>" : path, fmt::format("internal error: {}", e.what())), {}};
  } catch (...) {
    return {io_failure(path == "-" ? "<stdin>" : path, "internal error: an exception that is not a std::exception"), {}};
  }
}

void Linter::finish_file(ReadFile file, const FilePartSink& emit, TaskPool* pool, const ReadProgressSink& progress) const {
  if (!file.stream) {
    emit(std::move(file.result), true);
    return;
  }
  lint_streamed(file.result.path, *file.stream, file.named, emit, pool, progress);
}

ReadFile Linter::read_path(const std::string& path, bool named, const mm::RunResources* linked) const {
  std::string source;
  const std::size_t limit = options_.max_file_size;
  if (path == "-") {
    if (!read_stream(std::cin, source, limit)) return {io_failure("<stdin>", "cannot read standard input"), {}};
    if (source.size() > limit) return {lint_oversized("<stdin>", std::nullopt), {}};
    return {read_source("<stdin>", std::move(source), named, linked), {}};
  }
  auto file = InputFile::open(path);
  if (!file) return {io_failure(path, fmt::format("cannot open: {}", std::strerror(errno))), {}};
  auto cannot_read = [&] { return ReadFile{io_failure(path, fmt::format("cannot read: {}", std::strerror(errno))), {}}; };
  if (!file->read_head(source, limit)) return cannot_read();
  if (streamable(source)) {
    ReadFile out;
    out.result.path = path;
    out.named = named;
    const std::uint64_t size = file->size().value_or(0);
    out.stream = std::make_shared<StreamedExport>(std::move(*file), std::move(source), size);
    return out;
  }
  if (file->size() && *file->size() > limit) return {lint_oversized(path, *file->size()), {}};  // never load a file we will not parse
  if (!file->read_rest(source, limit)) return cannot_read();
  if (source.size() > limit) return {lint_oversized(path, std::nullopt), {}};
  return {read_source(path, std::move(source), named, linked), {}};
}

// Only a file naming a get-* output's ID key is parsed; the resources are read exactly as
// read_source reads them (the same recognition first), so both passes agree on what a file is.
std::unique_ptr<mm::RunFile> Linter::read_mail_manager_outputs(const std::string& path) const {
  if (path == "-" || (options_.input_type != InputType::Auto && options_.input_type != InputType::AwsCli)) return nullptr;
  // Regular files only, known before opening: opening a FIFO blocks until a writer comes (and its
  // one writer may be gone, its data read by the lint already).
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) return nullptr;
  auto file = InputFile::open(path);
  if (!file || !file->size() || *file->size() > options_.max_file_size) return nullptr;  // regular files only
  auto out = std::make_unique<mm::RunFile>();
  out->path = path;
  if (!file->read_head(out->source, options_.max_file_size) || streamable(out->source)) return nullptr;
  if (!file->read_rest(out->source, options_.max_file_size) || out->source.size() > options_.max_file_size)
    return nullptr;
  if (!mm::may_hold_cli_output(out->source)) return nullptr;
  const bool yaml = read_as_yaml(path, out->source);
  out->parsed = yaml ? parse_yaml(out->source, options_.parse) : parse_json(out->source, options_.parse);
  if (!out->parsed.root) return nullptr;
  const ExtractOptions extract{options_.input_type, options_.include_aws_managed, options_.parse};
  Extraction extraction = extract_policies(*out->parsed.root, SourceWindow{out->source, 0, yaml}, extract);
  if (extraction.recognised) return nullptr;  // a policy or another container: never a get-* output
  read_mail_manager(*out->parsed.root, options_.input_type, extraction, out->config);
  return out->config.resources.empty() ? nullptr : std::move(out);
}

}  // namespace seslint
