#pragma once
// The MM rules' factories (SES Mail Manager); src/rules/registry.cpp lists them by ID.
#include <memory>

#include "seslint/engine.hpp"

namespace seslint::rules {
std::unique_ptr<Rule> make_traffic_policy_fail_open();
std::unique_ptr<Rule> make_allow_any_address();
std::unique_ptr<Rule> make_allow_shadowed_by_deny();
std::unique_ptr<Rule> make_redundant_statement();
std::unique_ptr<Rule> make_no_tls_floor();
std::unique_ptr<Rule> make_tls_condition_logic();
std::unique_ptr<Rule> make_invalid_cidr();
std::unique_ptr<Rule> make_ipv6_bypass();
std::unique_ptr<Rule> make_recipient_exact_match_bypass();
std::unique_ptr<Rule> make_message_size_limit();
std::unique_ptr<Rule> make_quota_exceeded();
std::unique_ptr<Rule> make_open_relay();
std::unique_ptr<Rule> make_unauthenticated_delivery();
std::unique_ptr<Rule> make_weak_verdict_check();
std::unique_ptr<Rule> make_spoofable_trust();
std::unique_ptr<Rule> make_unreachable_rule();
std::unique_ptr<Rule> make_action_fail_open();
std::unique_ptr<Rule> make_bounce_backscatter();
std::unique_ptr<Rule> make_shared_open_and_auth();
std::unique_ptr<Rule> make_inline_smtp_password();
std::unique_ptr<Rule> make_mtls_without_crl();
std::unique_ptr<Rule> make_unencrypted_mail_storage();
std::unique_ptr<Rule> make_mail_manager_schema();
std::unique_ptr<Rule> make_relay_without_auth();
}  // namespace seslint::rules
