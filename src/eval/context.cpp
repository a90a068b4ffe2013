// Request context: case-insensitive keys, multivalued keys, and the SES keys each action carries.
#include <algorithm>
#include <array>
#include <cctype>

#include "seslint/arn.hpp"
#include "seslint/aws_catalog.hpp"
#include "seslint/eval.hpp"
#include "seslint/text_match.hpp"

namespace seslint::eval {
namespace {

constexpr std::array<std::string_view, 9> kMultivalued = {
    "aws:tagkeys",          "aws:calledvia",       "aws:principalorgpaths", "aws:resourceorgpaths",
    "aws:sourceorgpaths",   "aws:vpceorgpaths",    "ses:recipients",        "ses:replicaregion",
    "aws:principalservicenamesList"};

// SES condition keys and the send actions that carry them (facts §4.3). Other ses: actions carry
// none of these; keys of other services are kept as given.
struct KeyActions {
  std::string_view key;
  std::array<std::string_view, 6> actions;
};
constexpr std::array<KeyActions, 6> kSesKeys = {{
    {"ses:fromaddress", {"sendemail", "sendrawemail", "sendtemplatedemail", "sendbulktemplatedemail",
                         "sendcustomverificationemail", "sendbounce"}},
    {"ses:fromdisplayname", {"sendemail", "sendrawemail", "sendtemplatedemail", "sendbulktemplatedemail",
                             "sendcustomverificationemail", ""}},
    {"ses:feedbackaddress", {"sendemail", "sendrawemail", "sendtemplatedemail", "sendbulktemplatedemail",
                             "sendcustomverificationemail", ""}},
    {"ses:recipients", {"sendemail", "sendrawemail", "sendtemplatedemail", "sendbulktemplatedemail",
                        "sendcustomverificationemail", ""}},
    {"ses:multiregionendpointid", {"sendemail", "sendbulkemail", "", "", "", ""}},
    {"ses:tenantname", {"sendemail", "sendbulkemail", "", "", "", ""}},
}};

}  // namespace

void Context::set(std::string_view key, std::vector<std::string> values) { values_[to_lower(key)] = std::move(values); }
void Context::erase(std::string_view key) { values_.erase(to_lower(key)); }

const std::vector<std::string>* Context::find(std::string_view key) const {
  const auto it = values_.find(to_lower(key));
  return it == values_.end() ? nullptr : &it->second;
}

bool is_multivalued_key(std::string_view key) {
  const std::string lowered = to_lower(key);
  return std::any_of(kMultivalued.begin(), kMultivalued.end(), [&](std::string_view k) { return iequals(k, lowered); });
}

void normalize(Request& request, const aws::Catalog& catalog) {
  if (request.account_id.empty()) {
    const auto arn = split_arn(request.resource);
    request.account_id = arn && !arn->account.empty() ? std::string(arn->account) : "111122223333";
  }
  if (request.principal.empty()) request.principal = "arn:aws:iam::" + request.account_id + ":user/oracle";
  const std::string action = to_lower(request.action);
  const bool ses_action = action.rfind("ses:", 0) == 0;
  const std::string_view name = ses_action ? std::string_view(action).substr(4) : std::string_view();
  std::vector<std::string> dropped;
  // Other services' keys: the catalog says which the action carries. Unknown actions keep them all.
  // Looked up only when the context has such keys: most requests carry aws: and ses: keys only.
  const bool other_keys = std::any_of(request.context.entries().begin(), request.context.entries().end(), [](const auto& entry) {
    return entry.first.rfind("aws:", 0) != 0 && entry.first.rfind("ses:", 0) != 0;
  });
  const auto colon = action.find(':');
  const aws::Service* service =
      !other_keys || colon == std::string::npos ? nullptr : catalog.service(action.substr(0, colon));
  const aws::Action* known = service != nullptr ? service->action(action.substr(colon + 1)) : nullptr;
  for (const auto& context_entry : request.context.entries()) {
    const std::string& key = context_entry.first;  // not a structured binding: clang 14 cannot capture those
    if (known != nullptr && key.rfind("aws:", 0) != 0 && key.rfind("ses:", 0) != 0 && catalog.global_key(key) == nullptr &&
        !service->action_supports(*known, key)) {
      dropped.push_back(key);
      continue;
    }
    if (key.rfind("ses:", 0) != 0) continue;  // global keys are kept
    if (!ses_action) {
      dropped.push_back(key);  // SES keys exist only on SES actions
      continue;
    }
    if (key == "ses:apiversion") continue;
    const auto entry = std::find_if(kSesKeys.begin(), kSesKeys.end(), [&](const KeyActions& k) { return k.key == key; });
    const bool carried = entry != kSesKeys.end() &&
                         std::find(entry->actions.begin(), entry->actions.end(), name) != entry->actions.end();
    if (!carried) dropped.push_back(key);  // a key the action never carries (or no SES key at all)
  }
  for (const auto& key : dropped) request.context.erase(key);
}

}  // namespace seslint::eval
