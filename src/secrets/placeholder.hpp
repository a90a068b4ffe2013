#pragma once
#include <string_view>

namespace seslint::secrets {

// AWS documentation example keys (AKIAIOSFODNN7EXAMPLE, wJalr...EXAMPLEKEY) and obvious
// placeholders: a marker word, one character repeated, a run of the alphabet, too few distinct
// characters for a random key. Random keys trip none of these (the chance is below 1e-6 per key).
bool is_placeholder(std::string_view token);

}  // namespace seslint::secrets
