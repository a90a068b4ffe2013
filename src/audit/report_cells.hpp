#pragma once
// The cells of a sender row as the text, Markdown and HTML reports show them.
#include <string>
#include <string_view>
#include <vector>

#include "seslint/audit.hpp"

namespace seslint::audit {

// PRINCIPAL, KIND, ACTIONS, FROM, NETWORK, RECIPIENTS, VIA.
inline constexpr std::size_t kFromColumn = 3, kNetworkColumn = 4;
const std::vector<std::string>& sender_columns();
std::vector<std::string> sender_cells(const Sender& sender);
// "NAME (ARN)", saying when the ARN is assumed.
std::string identity_heading(const IdentityAudit& audit);
std::string join(const std::vector<std::string>& items, std::string_view separator = ", ");

}  // namespace seslint::audit
