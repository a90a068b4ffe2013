#pragma once
// One factory per rule; src/rules/registry.cpp lists them by ID.
#include <memory>

#include "seslint/engine.hpp"

namespace seslint::rules {
std::unique_ptr<Rule> make_json_syntax_error();
std::unique_ptr<Rule> make_duplicate_key();
std::unique_ptr<Rule> make_version();
std::unique_ptr<Rule> make_unknown_element();
std::unique_ptr<Rule> make_element_type();
std::unique_ptr<Rule> make_invalid_effect();
std::unique_ptr<Rule> make_missing_element();
std::unique_ptr<Rule> make_conflicting_elements();
std::unique_ptr<Rule> make_principal_in_identity_policy();
std::unique_ptr<Rule> make_invalid_sid();
std::unique_ptr<Rule> make_duplicate_sid();
std::unique_ptr<Rule> make_policy_too_large();
std::unique_ptr<Rule> make_empty_element();
std::unique_ptr<Rule> make_unknown_condition_operator();
std::unique_ptr<Rule> make_condition_value_format();
std::unique_ptr<Rule> make_invalid_arn();
std::unique_ptr<Rule> make_wildcard_in_exact_operator();
std::unique_ptr<Rule> make_cidr_host_bits();
std::unique_ptr<Rule> make_variable_misuse();
std::unique_ptr<Rule> make_allow_all_actions();
std::unique_ptr<Rule> make_allow_not_action();
std::unique_ptr<Rule> make_allow_not_resource();
std::unique_ptr<Rule> make_allow_not_principal();
std::unique_ptr<Rule> make_send_any_identity();
std::unique_ptr<Rule> make_send_without_from_address();
std::unique_ptr<Rule> make_send_from_any_network();
std::unique_ptr<Rule> make_private_source_ip();
std::unique_ptr<Rule> make_forallvalues_allow_without_null();
std::unique_ptr<Rule> make_foranyvalue_deny();
std::unique_ptr<Rule> make_any_ip_range();
std::unique_ptr<Rule> make_placeholder_value();
std::unique_ptr<Rule> make_pass_role_star();
std::unique_ptr<Rule> make_unknown_action();
std::unique_ptr<Rule> make_wildcard_matches_nothing();
std::unique_ptr<Rule> make_unknown_condition_key();
std::unique_ptr<Rule> make_condition_key_not_applicable();
std::unique_ptr<Rule> make_operator_type_mismatch();
std::unique_ptr<Rule> make_set_operator_misuse();
std::unique_ptr<Rule> make_resource_type_mismatch();
std::unique_ptr<Rule> make_resource_star_scopable();
std::unique_ptr<Rule> make_invalid_from_address();
std::unique_ptr<Rule> make_address_condition_on_bulk_email();
std::unique_ptr<Rule> make_sender_extra_privileges();
std::unique_ptr<Rule> make_sending_authorization_action();
std::unique_ptr<Rule> make_sending_authorization_resource();
std::unique_ptr<Rule> make_public_principal();
std::unique_ptr<Rule> make_service_principal_without_source();
std::unique_ptr<Rule> make_uneven_send_restrictions();
std::unique_ptr<Rule> make_smtp_needs_send_raw_email();
std::unique_ptr<Rule> make_from_address_outside_identity();
}  // namespace seslint::rules
