// The one registry of built-in rules, sorted by ID. IDs are never reused; a retired rule keeps its
// catalog entry and leaves this table.
#include "rules/factories.hpp"

namespace seslint {

std::span<const RuleFactory> builtin_rules() {
  using namespace rules;
  static const RuleFactory table[] = {
      {"IAM000", make_json_syntax_error},
      {"IAM001", make_duplicate_key},
      {"IAM002", make_version},
      {"IAM003", make_unknown_element},
      {"IAM004", make_element_type},
      {"IAM005", make_invalid_effect},
      {"IAM006", make_missing_element},
      {"IAM007", make_conflicting_elements},
      {"IAM008", make_principal_in_identity_policy},
      {"IAM009", make_invalid_sid},
      {"IAM010", make_duplicate_sid},
      {"IAM011", make_policy_too_large},
      {"IAM012", make_empty_element},
      {"IAM013", make_unknown_condition_operator},
      {"IAM014", make_condition_value_format},
      {"IAM015", make_invalid_arn},
      {"IAM016", make_wildcard_in_exact_operator},
      {"IAM017", make_cidr_host_bits},
      {"IAM018", make_variable_misuse},
      {"IAM101", make_allow_all_actions},
      {"IAM102", make_allow_not_action},
      {"IAM103", make_allow_not_resource},
      {"IAM104", make_allow_not_principal},
      {"IAM105", make_public_principal},
      {"IAM106", make_service_principal_without_source},
      {"IAM107", make_forallvalues_allow_without_null},
      {"IAM108", make_foranyvalue_deny},
      {"IAM109", make_any_ip_range},
      {"IAM110", make_placeholder_value},
      {"IAM111", make_pass_role_star},
      {"IAM112", make_privilege_escalation},
      {"IAM201", make_unknown_action},
      {"IAM202", make_wildcard_matches_nothing},
      {"IAM203", make_unknown_condition_key},
      {"IAM204", make_condition_key_not_applicable},
      {"IAM205", make_operator_type_mismatch},
      {"IAM206", make_set_operator_misuse},
      {"IAM207", make_resource_type_mismatch},
      {"IAM208", make_resource_star_scopable},
      {"SES101", make_send_any_identity},
      {"SES102", make_send_without_from_address},
      {"SES103", make_send_from_any_network},
      {"SES104", make_private_source_ip},
      {"SES105", make_uneven_send_restrictions},
      {"SES106", make_invalid_from_address},
      {"SES107", make_from_address_outside_identity},
      {"SES108", make_address_condition_on_bulk_email},
      {"SES109", make_sender_extra_privileges},
      {"SES110", make_smtp_needs_send_raw_email},
      {"SES111", make_sender_can_add_identities},
      {"SES201", make_sending_authorization_action},
      {"SES202", make_sending_authorization_resource},
      {"SES301", make_dkim_not_enabled},
      {"SES302", make_mail_from_not_configured},
  };
  return table;
}

}  // namespace seslint
