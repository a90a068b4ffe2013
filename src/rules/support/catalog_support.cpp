#include "rules/support/catalog_support.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>

#include <fmt/format.h>

#include "engine/document_memo.hpp"
#include "seslint/arn.hpp"
#include "seslint/bounded_memo.hpp"
#include "seslint/eval.hpp"
#include "seslint/glob.hpp"

namespace seslint::rules::catalog {
namespace {

// Policy variables and catalog placeholders ("${...}") become '*', '?' becomes '*'.
std::string as_star_glob(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '$' && i + 1 < text.size() && text[i + 1] == '{') {
      const auto close = text.find('}', i);
      if (close != std::string_view::npos) {
        out += '*';
        i = close;
        continue;
      }
    }
    out += text[i] == '?' ? '*' : text[i];
  }
  return out;
}

// A wildcard, policy variable or placeholder in an ARN field. A plain loop: find_first_of("*?$")
// calls memchr once per character, and this runs for every field of every overlap test.
bool has_pattern_syntax(std::string_view field) {
  return std::any_of(field.begin(), field.end(), [](char c) { return c == '*' || c == '?' || c == '$'; });
}

// Is one of the two texts a prefix (or, with `from_end`, a suffix) of the other?
bool compatible(std::string_view a, std::string_view b, bool from_end) {
  const std::size_t n = std::min(a.size(), b.size());
  return from_end ? a.substr(a.size() - n) == b.substr(b.size() - n) : a.substr(0, n) == b.substr(0, n);
}

// A pattern as as_star_glob reads it, without the copy: its text before the first wildcard, its
// text after the last, and whether it has one.
struct GlobShape {
  std::string_view head, tail;
  bool wild = false;
};

GlobShape glob_shape(std::string_view text) {
  std::size_t first = std::string_view::npos, last_end = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    std::size_t end = i;  // the last byte of a wildcard starting at i
    if (text[i] == '$' && i + 1 < text.size() && text[i + 1] == '{') end = text.find('}', i);
    else if (text[i] != '*' && text[i] != '?') continue;
    if (end == std::string_view::npos) continue;  // "${" never closed: literal text
    if (first == std::string_view::npos) first = i;
    last_end = end + 1;
    i = end;
  }
  if (first == std::string_view::npos) return {text, text, false};
  return {text.substr(0, first), text.substr(last_end), true};
}

// glob_match of as_star_glob(pattern), copying the pattern only when it changes.
bool star_glob_matches(std::string_view pattern, std::string_view text) {
  if (pattern.find('$') == std::string_view::npos && pattern.find('?') == std::string_view::npos)
    return glob_match(pattern, text);
  return glob_match(as_star_glob(pattern), text);
}

// Do as_star_glob(a) and as_star_glob(b) share a string? Every string a glob matches starts with
// its text before the first '*' and ends with its text after the last, so heads and tails that
// disagree settle it. A glob without '*' is one string, which the other glob matches or not. When
// both have a '*' and their heads and tails agree, they always share one: the longer head, then
// every middle piece of both globs, then the longer tail is matched by each (its stars absorb the
// other's pieces).
bool star_globs_intersect(std::string_view a, std::string_view b) {
  const GlobShape x = glob_shape(a), y = glob_shape(b);
  if (!compatible(x.head, y.head, false) || !compatible(x.tail, y.tail, true)) return false;
  if (!x.wild) return star_glob_matches(b, a);
  if (!y.wild) return star_glob_matches(a, b);
  return true;
}

}  // namespace

std::optional<ActionName> split_action(std::string_view text) {
  const auto colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0) return std::nullopt;
  return ActionName{text.substr(0, colon), text.substr(colon + 1)};
}

std::string ExpandedAction::full_name() const {
  std::string out;  // without fmt: rules ask for thousands of these
  out.reserve(service->prefix.size() + 1 + action->name.size());
  out.append(service->prefix).append(1, ':').append(action->name);
  return out;
}

namespace {

// What one Action value names: its actions, or unknown (an unknown service or action, a value that
// is not service:name).
struct ValueActions {
  bool known = false;
  std::vector<std::pair<const aws::Service*, const aws::Action*>> actions;
};

ValueActions value_actions(std::string_view text, const aws::Catalog& catalog) {
  ValueActions out;
  const auto name = split_action(text);
  if (!name) return out;
  if (!name->wild_prefix() && !catalog.has_service(name->prefix)) return out;
  out.actions = catalog.expand(text);
  out.known = !out.actions.empty() || name->wild_name();  // an unknown action: no claims about it
  return out;
}

// What an Action value with a wildcard (or not service:name) names; the answer is valid until the
// next call. Exact names are action_facts' two look-ups. Policies repeat their wildcard values
// ("ec2:Describe*" in hundreds of AWS managed policies), so with the built-in catalog (whose
// services live until exit) each thread expands such a value once.
const ValueActions& shared_value_actions(std::string_view text, const aws::Catalog& catalog) {
  if (&catalog != &aws::Catalog::builtin()) {
    thread_local ValueActions unshared;
    unshared = value_actions(text, catalog);
    return unshared;
  }
  thread_local BoundedMemo<std::unordered_map<std::string, ValueActions, aws::TextHash, std::equal_to<>>> memo(100000);
  return memo.get(text, [&] { return value_actions(text, catalog); });
}

}  // namespace

namespace {

// What a document has spent on values with a leading wildcard, and which it has paid for.
struct ExpansionSpending {
  std::set<std::string, std::less<>> paid;
  std::size_t spent = 0;
};

// About the built-in catalog's number of actions: what a value with a wildcard service compares.
constexpr std::size_t kCatalogActions = 20000;

// The name comparisons matching `text` takes: none unless its name starts with a wildcard and is
// more than wildcards ("ec2:*" lists the service, it compares nothing).
std::size_t expansion_cost(std::string_view text, const aws::Catalog& catalog) {
  const auto name = split_action(text);
  if (!name || name->name.empty() || (name->name.front() != '*' && name->name.front() != '?')) return 0;
  if (name->name.find_first_not_of('*') == std::string_view::npos) return 0;
  if (name->wild_prefix()) return kCatalogActions;
  const aws::Service* service = catalog.service(name->prefix);
  return service == nullptr ? 0 : service->actions.size();
}

}  // namespace

bool within_expansion_budget(std::string_view text, const aws::Catalog& catalog) {
  static const char kSpending = 0;
  DocumentMemo* memo = DocumentMemo::current();
  if (memo == nullptr) return true;
  const std::size_t cost = expansion_cost(text, catalog);
  if (cost == 0) return true;
  // The memo hands out its entries as const: this one is the document's running account.
  auto& spending = const_cast<ExpansionSpending&>(memo->get<ExpansionSpending>(nullptr, &kSpending, [] { return ExpansionSpending{}; }));
  if (spending.paid.count(text)) return true;
  if (spending.spent + cost > kExpansionBudget) return false;
  spending.spent += cost;
  spending.paid.emplace(text);
  return true;
}

namespace {

std::vector<ActionFact> compute_action_facts(const ValueList& list, const aws::Catalog& catalog) {
  std::vector<ActionFact> facts(list.values.size());
  std::string_view last_prefix;  // values of one service usually come together: one look-up for them
  const aws::Service* last_service = nullptr;
  // Exact names are looked up together once their services are known (Service::find_actions),
  // once per value of a document, without a cache across documents (hashing each value for one
  // cost more than it saved).
  thread_local std::vector<aws::ActionQuery> queries;  // one per exact name of a known service, in order
  queries.clear();
  for (std::size_t i = 0; i < facts.size(); ++i) {
    const std::string_view text = list.values[i].text;
    ActionFact& fact = facts[i];
    fact.name = split_action(text);
    if (!fact.name) continue;  // matches nothing known: not service:name
    fact.wild_prefix = fact.name->wild_prefix();
    fact.wild_name = fact.name->wild_name();
    if (!fact.wild_prefix) {
      if (fact.name->prefix != last_prefix) {
        last_prefix = fact.name->prefix;
        last_service = catalog.service(last_prefix);
      }
      fact.service = last_service;
      if (fact.wild_name) fact.known = fact.service != nullptr;
      else if (fact.service != nullptr) queries.push_back({fact.service, fact.name->name});
    } else {
      fact.known = fact.wild_name || shared_value_actions(text, catalog).known;
    }
  }
  aws::Service::find_actions(queries);
  std::size_t answered = 0;
  for (ActionFact& fact : facts)
    if (fact.exact() && fact.service != nullptr) {
      fact.action = queries[answered++].found;
      fact.known = fact.action != nullptr;
    }
  return facts;
}

}  // namespace

const std::vector<ActionFact>& action_facts(const ValueList& list, const aws::Catalog& catalog) {
  static const char kFacts = 0;
  return DocumentMemo::get_or_compute<std::vector<ActionFact>>(&list, &kFacts, [&] { return compute_action_facts(list, catalog); });
}

std::optional<std::vector<ExpandedAction>> expand_statement_actions(const Statement& statement,
                                                                    const aws::Catalog& catalog, bool allow_star) {
  if (!statement.action || statement.action->negated) return std::nullopt;
  std::vector<ExpandedAction> out;
  out.reserve(statement.action->values.size());  // most values name one action: no regrowth then
  // Not action_facts' thread-local answer outside an engine run: the caller may hold one.
  std::vector<ActionFact> own;
  if (DocumentMemo::current() == nullptr) own = compute_action_facts(*statement.action, catalog);
  const std::vector<ActionFact>& facts = DocumentMemo::current() ? action_facts(*statement.action, catalog) : own;
  for (std::size_t i = 0; i < facts.size(); ++i) {
    const StringNode& value = statement.action->values[i];
    if (const ActionFact& fact = facts[i]; fact.exact()) {  // one action or none: no budget, no expansion
      if (!fact.known) return std::nullopt;
      out.push_back({fact.service, fact.action, &value});
      continue;
    }
    if (value.text == "*" && !allow_star) return std::nullopt;
    if (!within_expansion_budget(value.text, catalog)) return std::nullopt;
    const ValueActions& named = shared_value_actions(value.text == "*" ? "*:*" : value.text, catalog);
    if (!named.known) return std::nullopt;
    for (const auto& [service, action] : named.actions) out.push_back({service, action, &value});
  }
  return out;
}

const std::optional<std::vector<ExpandedAction>>& statement_actions(const Statement& statement,
                                                                    const aws::Catalog& catalog, bool allow_star) {
  static const char kExact = 0, kWithStar = 0;
  return DocumentMemo::get_or_compute<std::optional<std::vector<ExpandedAction>>>(
      &statement, allow_star ? &kWithStar : &kExact, [&] { return expand_statement_actions(statement, catalog, allow_star); });
}

// arn:partition:service:region:account:resource: the first five fields, then the rest (which may
// hold ':'). Nullopt when there are fewer fields.
std::optional<std::array<std::string_view, 6>> arn_fields(std::string_view arn) {
  std::array<std::string_view, 6> out;
  for (std::size_t i = 0; i < 5; ++i) {
    const auto colon = arn.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    out[i] = arn.substr(0, colon);
    arn.remove_prefix(colon + 1);
  }
  out[5] = arn;
  return out;
}

// Field by field, as IAM matches ARNs (a wildcard in one field does not reach into the next).
bool effectively_star(std::string_view arn, std::string_view service) {
  if (arn.size() < 5 || !iequals(arn.substr(0, 4), "arn:")) return false;
  const auto stars = [](std::string_view text) { return !text.empty() && text.find_first_not_of('*') == std::string_view::npos; };
  // partition, service, region, account, resource (the last takes the colons that remain)
  std::array<std::string_view, 5> fields{};
  std::string_view rest = arn.substr(4);
  std::size_t count = 0;
  for (; count < fields.size(); ++count) {
    const auto colon = count + 1 < fields.size() ? rest.find(':') : std::string_view::npos;
    fields[count] = rest.substr(0, colon);
    if (colon == std::string_view::npos) break;
    rest.remove_prefix(colon + 1);
  }
  const std::size_t last = std::min(count, fields.size() - 1);
  for (std::size_t i = 0; i <= last; ++i) {
    const std::string_view field = fields[i];
    if (i == last) return stars(field);  // a trailing "*" spans what is left
    if (i == 1 && !stars(field) && !iequals(field, service)) return false;
    if ((i == 2 || i == 3) && !field.empty() && !stars(field)) return false;
  }
  return false;
}

namespace {

// Shapes are worked out once per ARN, not once per comparison: a policy ARN meets every format of
// an action's types, and a catalog format meets every policy ARN.
using FieldShapes = std::array<ArnFieldShape, 6>;

FieldShapes field_shapes(const std::array<std::string_view, 6>& fields) {
  FieldShapes out;
  for (std::size_t i = 0; i < 6; ++i) {
    const std::string_view field = fields[i];
    const GlobShape glob = glob_shape(field);
    out[i] = {field, static_cast<std::uint32_t>(glob.head.size()), static_cast<std::uint32_t>(glob.tail.size()), glob.wild,
              field == "*" || (field.starts_with("${") && field.find('}') == field.size() - 1), has_pattern_syntax(field)};
  }
  return out;
}

// star_globs_intersect with both shapes known.
bool shapes_intersect(const ArnFieldShape& a, const ArnFieldShape& b) {
  if (!compatible(a.head(), b.head(), false) || !compatible(a.tail(), b.tail(), true)) return false;
  if (!a.wild) return star_glob_matches(b.text, a.text);
  if (!b.wild) return star_glob_matches(a.text, b.text);
  return true;
}

// Field by field: a wildcard in one field does not reach into the next.
bool field_shapes_overlap(const FieldShapes& ours, const FieldShapes& theirs) {
  for (std::size_t i = 0; i < 6; ++i) {
    const ArnFieldShape &a = ours[i], &b = theirs[i];
    if (a.any_text || b.any_text) continue;
    if (a.pattern || b.pattern ? !shapes_intersect(a, b) : a.text != b.text) return false;
  }
  return true;
}

// A catalog ARN format split and shaped, or nullopt when it has fewer than six fields. Each thread
// shapes a format once; the views point into the memo's own copy of the text (a catalog read from a
// file may go away).
const std::optional<FieldShapes>& format_shapes(std::string_view format) {
  using Memo = std::unordered_map<std::string, std::optional<FieldShapes>, aws::TextHash, std::equal_to<>>;
  thread_local Memo memo;
  // In front of the memo, by the text's address: a catalog's formats stay where they are, so most
  // look-ups compare an address and the text instead of hashing it. The text is compared too, as
  // another catalog's text may come to live at a freed address.
  struct Recent {
    const char* data = nullptr;
    const Memo::value_type* entry = nullptr;
  };
  thread_local std::array<Recent, 512> recent{};
  Recent& slot = recent[(reinterpret_cast<std::uintptr_t>(format.data()) >> 3) % recent.size()];
  if (slot.data == format.data() && slot.entry->first == format) return slot.entry->second;
  auto it = memo.find(format);
  if (it == memo.end()) {
    if (memo.size() >= 20000) {  // far more formats than the catalog has
      memo.clear();
      recent.fill({});
    }
    it = memo.emplace(std::string(format), std::nullopt).first;
    if (const auto fields = arn_fields(it->first)) it->second = field_shapes(*fields);
  }
  slot = {format.data(), &*it};
  return it->second;
}

}  // namespace

bool arn_patterns_overlap(std::string_view policy_arn, std::string_view catalog_format) {
  if (policy_arn == "*") return true;
  const auto ours = arn_fields(policy_arn);
  const auto& theirs = format_shapes(catalog_format);
  if (!ours || !theirs) return star_globs_intersect(policy_arn, catalog_format);
  return field_shapes_overlap(field_shapes(*ours), *theirs);
}

bool is_provider_key_prefix(std::string_view prefix) {
  return prefix.find('.') != std::string_view::npos || prefix.find('/') != std::string_view::npos;
}

PlacementFreeArn::PlacementFreeArn(std::string_view policy_arn) : text_(policy_arn), parts_(split_arn(policy_arn)) {}

const FieldShapes& PlacementFreeArn::shapes() const {
  if (!shapes_) shapes_ = field_shapes({"arn", parts_->partition, parts_->service, "*", "*", parts_->resource});
  return *shapes_;
}

bool PlacementFreeArn::overlaps(std::string_view catalog_format) const {
  if (!parts_) return arn_patterns_overlap(text_, catalog_format);
  const auto& theirs = format_shapes(catalog_format);
  // As arn_patterns_overlap("arn:<partition>:<service>:*:*:<resource>", catalog_format).
  if (!theirs) return star_globs_intersect(fmt::format("arn:{}:{}:*:*:{}", parts_->partition, parts_->service, parts_->resource),
                                           catalog_format);
  return field_shapes_overlap(shapes(), *theirs);
}

bool PlacementFreeArn::overlaps_any_type(const std::vector<const aws::ResourceType*>& types) const {
  for (const auto* type : types)
    for (const auto& format : type->arn_formats)
      if (overlaps(format)) return true;
  return false;
}

std::string made_up_arn(std::string_view format, std::string_view account) {
  std::string out;
  for (std::size_t i = 0; i < format.size(); ++i) {
    const auto close = format.substr(i, 2) == "${" ? format.find('}', i) : std::string_view::npos;
    if (close == std::string_view::npos) {
      out += format[i];
      continue;
    }
    const std::string_view name = format.substr(i + 2, close - i - 2);
    out += name == "Partition" ? std::string_view("aws") : name == "Region" ? std::string_view("us-east-1")
           : name == "Account" ? account : std::string_view("seslint-probe");
    i = close;
  }
  return out;
}

bool denied_unconditionally(const Policy& policy, std::string_view action, std::string_view resource) {
  std::optional<eval::Request> request;  // built only when a Deny's resource needs matching: most policies have none
  for (const auto& statement : policy.statements) {
    if (statement.effect != Effect::Deny || !statement.clauses.empty() || !statement.action || !statement.resource) continue;
    bool action_listed = false;
    for (const auto& value : statement.action->values) action_listed = action_listed || eval::action_matches(value.text, action);
    bool resource_listed = false;
    for (const auto& value : statement.resource->values) {
      if (resource_listed || value.text == "*") {
        resource_listed = true;
        continue;
      }
      if (resource == "*") continue;
      if (!request) request = eval::Request{std::string(action), std::string(resource), "", "", {}};
      resource_listed = eval::resource_matches(policy, value.text, *request);
    }
    if (action_listed != statement.action->negated && resource_listed != statement.resource->negated) return true;
  }
  return false;
}

}  // namespace seslint::rules::catalog
