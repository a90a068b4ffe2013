#pragma once
#include <string_view>

namespace seslint {
std::string_view version();  // "0.1.0"
}
