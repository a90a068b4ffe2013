// IAM110 placeholder-value: documentation placeholders left in a policy (the account 123456789012
// or twelve of one digit, organization IDs like o-xxxxxxxxxx,
// example.com/.net/.org, the TEST-NET ranges, <angle-bracket> templates, AWS's documentation bucket
// names, and "[email protected]", which a web page's e-mail obfuscation leaves behind).
#include <algorithm>
#include <array>
#include <optional>

#include "rules/factories.hpp"
#include "rules/support/catalog_support.hpp"
#include "rules/support/rule_support.hpp"
#include "seslint/ip.hpp"
#include "seslint/text_match.hpp"

namespace seslint::rules {
namespace {

struct Placeholder {
  std::string what;  // for the message: "the documentation account ID 123456789012"
  std::string why;
  std::string help;
};

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_domain_char(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_';
}
bool is_template_char(char c) { return is_domain_char(c) || c == ' ' || c == '.' || c == ':' || c == '/'; }

std::optional<Placeholder> documentation_account(std::string_view text, std::string_view) {
  constexpr std::string_view kAccount = "123456789012";
  for (auto at = text.find(kAccount); at != std::string_view::npos; at = text.find(kAccount, at + 1)) {
    const bool left = at == 0 || !is_digit(text[at - 1]);
    const bool right = at + kAccount.size() == text.size() || !is_digit(text[at + kAccount.size()]);
    if (left && right)
      return Placeholder{"the documentation account ID 123456789012",
                         "it names an account that is not yours, so the grant or guard misses the real one",
                         "put your own account ID here"};
  }
  return std::nullopt;
}

// "111111111111", "000000000000": twelve of one digit stand in for an account in copied examples.
std::optional<Placeholder> repeated_digit_account(std::string_view text, std::string_view) {
  for (std::size_t at = 0; at + 12 <= text.size(); ++at) {
    if (!is_digit(text[at]) || (at > 0 && is_digit(text[at - 1]))) continue;
    std::size_t end = at;
    while (end < text.size() && text[end] == text[at]) ++end;
    if (end - at == 12 && (end == text.size() || !is_digit(text[end])))
      return Placeholder{fmt::format("the placeholder account ID {}", text.substr(at, 12)),
                         "it names an account that is not yours, so the grant or guard misses the real one",
                         "put your own account ID here"};
  }
  return std::nullopt;
}

// Organization IDs of examples: "o-xxxxxxxxxx", "o-exampleorgid", "o-1234567890", one letter or
// digit repeated. AWS's documentation ID o-a1b2c3d4e5 is left alone, as 111122223333 is.
std::optional<Placeholder> placeholder_organization(std::string_view text, std::string_view lower) {
  for (auto at = lower.find("o-"); at != std::string::npos; at = lower.find("o-", at + 1)) {
    if (at > 0 && is_domain_char(lower[at - 1])) continue;
    std::size_t end = at + 2;
    while (end < lower.size() && is_domain_char(lower[end]) && lower[end] != '-' && lower[end] != '_') ++end;
    const std::string_view id = std::string_view(lower).substr(at + 2, end - at - 2);
    if (id.size() < 10) continue;
    const bool repeated = id.find_first_not_of(id.front()) == std::string_view::npos;
    const bool example = id.find("example") != std::string_view::npos || id.find("your") != std::string_view::npos ||
                         id == "1234567890" || id == "0123456789";
    if (!repeated && !example) continue;
    return Placeholder{fmt::format("the placeholder organization ID '{}'", text.substr(at, end - at)),
                       "no organization has it, so the condition never matches yours",
                       "put your organization's ID here (aws organizations describe-organization)"};
  }
  return std::nullopt;
}

// example.com, example.net, example.org and their subdomains (RFC 2606), not "myexample.com".
// One search for "example." serves the three domains; with several in one value, the message names
// example.com before example.net before example.org, wherever they stand.
std::optional<Placeholder> documentation_domain(std::string_view text, std::string_view lower) {
  (void)text;
  constexpr std::string_view kStem = "example.";
  constexpr std::array<std::string_view, 3> kDomains = {"com", "net", "org"};  // in the order named
  std::size_t best = kDomains.size();
  for (auto at = lower.find(kStem); at != std::string::npos && best > 0; at = lower.find(kStem, at + 1)) {
    const std::string_view tld = lower.substr(at + kStem.size(), 3);
    const auto rank = static_cast<std::size_t>(std::find(kDomains.begin(), kDomains.end(), tld) - kDomains.begin());
    if (rank >= best) continue;
    const std::size_t end = at + kStem.size() + tld.size();
    if ((at > 0 && is_domain_char(lower[at - 1])) || (end < lower.size() && is_domain_char(lower[end]))) continue;
    best = rank;
  }
  if (best == kDomains.size()) return std::nullopt;
  return Placeholder{fmt::format("the documentation domain example.{}", kDomains[best]),
                     "it is reserved for examples (RFC 2606): no SES identity or mailbox of yours lives there",
                     "put your own domain or address here"};
}

struct DocumentationRange {
  std::string_view cidr;
  std::string_view name;
};
constexpr std::array<DocumentationRange, 4> kDocumentationRanges = {{
    {"192.0.2.0/24", "TEST-NET-1"},
    {"198.51.100.0/24", "TEST-NET-2"},
    {"203.0.113.0/24", "TEST-NET-3"},
    {"2001:db8::/32", "the IPv6 documentation prefix"},
}};

std::optional<Placeholder> documentation_range(std::string_view text, std::string_view) {
  const auto network = parse_ip_network(text);
  if (!network) return std::nullopt;
  for (const auto& range : kDocumentationRanges) {
    const auto documentation = parse_ip_network(range.cidr);
    if (!documentation || documentation->v6 != network->v6 || network->prefix < documentation->prefix) continue;
    if (!documentation->contains(network->network())) continue;
    return Placeholder{fmt::format("an address in {} ({})", range.name, range.cidr),
                       "the range is reserved for documentation, so no request ever comes from it",
                       "put your own public addresses here"};
  }
  return std::nullopt;
}

// "<account-id>", "<YOUR_DOMAIN>", "<Region>": a template never filled in.
std::optional<Placeholder> angle_template(std::string_view text, std::string_view = {}) {
  for (auto open = text.find('<'); open != std::string_view::npos; open = text.find('<', open + 1)) {
    const auto close = text.find('>', open + 1);
    if (close == std::string_view::npos) return std::nullopt;
    const std::string_view inner = text.substr(open + 1, close - open - 1);
    if (inner.empty() || inner.size() > 64 || !is_domain_char(inner.front())) continue;
    bool all_template = true;
    for (const char c : inner) all_template = all_template && is_template_char(c);
    if (!all_template) continue;
    return Placeholder{fmt::format("the template placeholder '<{}>'", inner),
                       "IAM reads it literally, so the value matches nothing real", "fill in the real value"};
  }
  return std::nullopt;
}

// AWS documentation's bucket names: DOC-EXAMPLE-BUCKET (older pages), amzn-s3-demo-bucket (newer).
std::optional<Placeholder> documentation_bucket(std::string_view text, std::string_view lower) {
  for (const std::string_view prefix : {"doc-example-", "amzn-s3-demo-"}) {
    const auto at = lower.find(prefix);
    if (at == std::string::npos || (at > 0 && is_domain_char(lower[at - 1]))) continue;
    std::size_t end = at;
    while (end < text.size() && (is_domain_char(text[end]) || text[end] == '.')) ++end;
    return Placeholder{fmt::format("the AWS documentation bucket name '{}'", text.substr(at, end - at)),
                       "it is a stand-in from AWS's examples, not a bucket of yours", "put your own bucket name here"};
  }
  return std::nullopt;
}

// Cloudflare-style e-mail obfuscation replaces addresses on web pages with "[email protected]".
std::optional<Placeholder> obfuscated_address(std::string_view text, std::string_view lower) {
  (void)text;
  if (lower.find('[') == std::string::npos) return std::nullopt;  // what every artefact starts with
  for (const std::string_view artefact : {"[email protected]", "[email\xc2\xa0protected]", "[email&#160;protected]"}) {
    if (lower.find(artefact) == std::string::npos) continue;
    return Placeholder{"the web artefact '[email protected]'",
                       "a web page hid the real address when this policy was copied from it, so the value matches no "
                       "address",
                       "type the real address"};
  }
  return std::nullopt;
}

using Finder = std::optional<Placeholder> (*)(std::string_view text, std::string_view lower);

// Every placeholder above holds '[' (the web artefact), '<' (a template), '-' (organization IDs,
// documentation buckets), '.' (domains, IPv4 ranges) or at least four digits (account IDs, the
// IPv6 prefix 2001:db8::/32). Most action names hold none: they skip the finders and the copy.
// Each byte weighs 1 (a digit), 4 (one of the marks) or 0, so that "a mark or four digits" is a
// weight of 4: one table look-up and one addition per byte, as this reads every value's every byte.
constexpr std::size_t kPlaceholderWeight = 4;
constexpr std::array<unsigned char, 256> kPlaceholderWeights = [] {
  std::array<unsigned char, 256> table{};
  for (const char c : {'[', '<', '-', '.'}) table[static_cast<unsigned char>(c)] = kPlaceholderWeight;
  for (char c = '0'; c <= '9'; ++c) table[static_cast<unsigned char>(c)] = 1;
  return table;
}();

bool may_hold_placeholder(std::string_view text) {
  std::size_t weight = 0;
  for (const char c : text)
    if ((weight += kPlaceholderWeights[static_cast<unsigned char>(c)]) >= kPlaceholderWeight) return true;
  return false;
}

std::optional<Placeholder> find_placeholder(std::string_view text) {
  if (!may_hold_placeholder(text)) return std::nullopt;
  // Once: the finders that ignore case share it, in a buffer each thread reuses.
  thread_local std::string lower;
  lower.assign(text);
  std::transform(lower.begin(), lower.end(), lower.begin(), ascii_lower);
  for (const Finder finder : {obfuscated_address, documentation_account, repeated_digit_account, placeholder_organization,
                              documentation_domain, documentation_range, angle_template, documentation_bucket}) {
    if (auto found = finder(text, lower)) return found;
  }
  return std::nullopt;
}

class PlaceholderValue final : public Rule {
 public:
  unsigned subscriptions() const override {
    return bit(NodeKind::Principal) | bit(NodeKind::Action) | bit(NodeKind::Resource) | bit(NodeKind::ConditionClause);
  }
  void check_principal(const Policy&, const Statement& statement, const Principal& principal,
                       Reporter& out) const override {
    for (const auto& entry : principal.entries)
      for (const auto& value : entry.values) check(statement, value.text, *value.node, out);
  }
  void check_action(const Policy&, const Statement& statement, const ValueList& list, Reporter& out) const override {
    // A name of the catalog's (letters and digits after its service) holds no placeholder, and most
    // values are one: the catalog facts, which other rules look up anyway, spare reading them.
    const auto& facts = catalog::action_facts(list, out.aws());
    for (std::size_t i = 0; i < list.values.size(); ++i)
      if (!facts[i].exact() || facts[i].action == nullptr) check(statement, list.values[i].text, *list.values[i].node, out);
  }
  void check_resource(const Policy&, const Statement& statement, const ValueList& list, Reporter& out) const override {
    for (const auto& value : list.values) check(statement, value.text, *value.node, out);
  }
  void check_clause(const Policy&, const Statement& statement, const ConditionClause& clause,
                    Reporter& out) const override {
    if (auto found = angle_template(clause.key_member->key)) {
      out.report_key(*clause.key_member,
                     fmt::format("condition key {} in {} holds {}: {}", quoted(clause.key_member->key),
                                 statement.label(), found->what, found->why),
                     found->help);
    }
    for (const auto& value : clause.values)
      if (value.node->is_string()) check(statement, value.text, *value.node, out);
  }

 private:
  static void check(const Statement& statement, std::string_view text, const JsonValue& node, Reporter& out) {
    const auto found = find_placeholder(text);
    if (!found) return;
    out.report(node, fmt::format("{} in {} holds {}: {}", quoted(text), statement.label(), found->what, found->why),
               found->help);
  }
};

}  // namespace
std::unique_ptr<Rule> make_placeholder_value() { return std::make_unique<PlaceholderValue>(); }
}  // namespace seslint::rules
