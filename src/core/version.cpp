#include "seslint/version.hpp"

namespace seslint {
std::string_view version() { return SESLINT_VERSION; }
}  // namespace seslint
