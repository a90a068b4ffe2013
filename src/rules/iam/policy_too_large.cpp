// IAM011 policy-too-large: more characters than AWS accepts for the kind. IAM's quotas do not count
// whitespace (managed identity policy 6,144; role trust policy 2,048 by default, adjustable). SES
// states only "4 KB" for identity policies, so those count every byte of the text, whitespace
// included: our strict reading, which cannot pass a policy SES refuses. Other resource policies
// depend on the service and are not checked. A container can say better: AWS-managed policies have
// no customer quota; inline policies share their principal's quota.
#include <algorithm>
#include <array>
#include <cstdint>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "rules/factories.hpp"
#include "rules/support/rule_support.hpp"
#include "seslint/text_match.hpp"

namespace seslint::rules {
namespace {

std::string_view without_bom(std::string_view source) {
  if (source.substr(0, 3) == "\xEF\xBB\xBF") source.remove_prefix(3);
  return source;
}

// 1 for a byte that starts a code point other than whitespace, else 0: counting code points, not
// bytes, without a branch per byte.
constexpr std::array<std::uint8_t, 256> kCounted = [] {
  std::array<std::uint8_t, 256> out{};
  for (std::size_t c = 0; c < out.size(); ++c)
    out[c] = (c == ' ' || c == '\t' || c == '\n' || c == '\r' || (c & 0xC0) == 0x80) ? 0 : 1;
  return out;
}();

// Sixteen bytes at a time where SSE2 is (every x86-64): this reads every byte of every large
// policy, and a byte at a time through the table was 1.6% of a run's instructions over the AWS
// managed policies.
std::size_t count_non_whitespace(std::string_view source) {
  source = without_bom(source);
  std::size_t count = 0, at = 0;
#if defined(__SSE2__)
  const __m128i space = _mm_set1_epi8(' '), tab = _mm_set1_epi8('\t'), newline = _mm_set1_epi8('\n'),
                carriage_return = _mm_set1_epi8('\r'), top_two = _mm_set1_epi8(static_cast<char>(0xC0)),
                continuation = _mm_set1_epi8(static_cast<char>(0x80));
  while (source.size() - at >= 16) {
    // Each byte lane counts the bytes skipped at its place: at most 255 rounds before it is summed.
    const std::size_t rounds = std::min<std::size_t>((source.size() - at) / 16, 255);
    __m128i skipped_per_lane = _mm_setzero_si128();
    for (std::size_t round = 0; round < rounds; ++round, at += 16) {
      const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(source.data() + at));
      const __m128i whitespace = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(bytes, space), _mm_cmpeq_epi8(bytes, tab)),
                                              _mm_or_si128(_mm_cmpeq_epi8(bytes, newline), _mm_cmpeq_epi8(bytes, carriage_return)));
      const __m128i inside_code_point = _mm_cmpeq_epi8(_mm_and_si128(bytes, top_two), continuation);
      skipped_per_lane = _mm_sub_epi8(skipped_per_lane, _mm_or_si128(whitespace, inside_code_point));  // a match is -1
    }
    const __m128i sums = _mm_sad_epu8(skipped_per_lane, _mm_setzero_si128());  // two 64-bit sums
    const auto skipped = static_cast<std::size_t>(_mm_cvtsi128_si32(sums) + _mm_cvtsi128_si32(_mm_srli_si128(sums, 8)));
    count += rounds * 16 - skipped;
  }
#endif
  for (; at < source.size(); ++at) count += kCounted[static_cast<unsigned char>(source[at])];
  return count;
}

bool is_trust_policy(const Policy& policy) {
  bool any = false;
  for (const auto& statement : policy.statements) {
    if (!statement.action || statement.action->negated) return false;
    for (const auto& action : statement.action->values) {
      if (action.text.size() < 4 || !iequals(action.text.substr(0, 4), "sts:")) return false;
      any = true;
    }
  }
  return any;
}

// A policy inside a container has no text of its own: count it as compact JSON.
std::size_t count_tree(const JsonValue& value) {
  switch (value.kind) {
    case JsonKind::Null: return 4;
    case JsonKind::Bool: return value.boolean ? 4 : 5;
    case JsonKind::Number: return value.text.size();
    case JsonKind::String: return count_non_whitespace(value.text) + 2;
    case JsonKind::Array: {
      std::size_t count = 2 + (value.items.empty() ? 0 : value.items.size() - 1);
      for (const auto& item : value.items) count += count_tree(item);
      return count;
    }
    case JsonKind::Object: {
      std::size_t count = 2 + (value.members.empty() ? 0 : value.members.size() - 1);
      for (const auto& member : value.members) count += count_non_whitespace(member.key) + 3 + count_tree(member.value);
      return count;
    }
  }
  return 0;
}

struct Limit {
  std::size_t characters;
  std::string_view what;
  bool whole_text = false;  // count every byte, whitespace included (SES); else characters without whitespace
};

std::optional<Limit> limit_for(const Document& document) {
  const PolicyOrigin& origin = document.origin;
  if (origin.aws_managed) return std::nullopt;
  if (origin.size_limit) return Limit{*origin.size_limit, origin.size_limit_what};
  const Policy& policy = *document.policy;
  switch (policy.kind) {
    case PolicyKind::Identity: return Limit{6144, "a managed identity policy"};
    case PolicyKind::SesIdentity: return Limit{4096, "an SES identity policy (4 KB)", true};
    case PolicyKind::Trust: return Limit{2048, "a role trust policy (the default quota)"};
    case PolicyKind::Resource:
      if (is_trust_policy(policy)) return Limit{2048, "a role trust policy (the default quota)"};
      return std::nullopt;
  }
  return std::nullopt;
}

class PolicyTooLarge final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::Document); }
  void check_document(const Document& document, Reporter& out) const override {
    if (!document.policy) return;
    const auto limit = limit_for(document);
    if (!limit) return;
    // Characters never outnumber bytes: a text within the limit in bytes needs no counting (most do).
    if (!document.source.empty() && without_bom(document.source).size() <= limit->characters) return;
    // A policy without text of its own (an object in a template) is counted as compact JSON either way.
    const bool whole_text = limit->whole_text && !document.source.empty();
    const std::size_t count = document.source.empty() ? count_tree(*document.policy->root)
                              : whole_text            ? without_bom(document.source).size()
                                                      : count_non_whitespace(document.source);
    if (count <= limit->characters) return;
    out.report_at(out.default_level(), document.policy->root->opening(), document.policy->root->pointer,
                  fmt::format("the policy has {} {}, over the limit of {} for {}", count,
                              whole_text ? "bytes, whitespace included" : "characters not counting whitespace",
                              limit->characters, limit->what),
                  "split it into several policies, or merge statements and use wildcards where that stays safe");
  }
};

}  // namespace
std::unique_ptr<Rule> make_policy_too_large() { return std::make_unique<PolicyTooLarge>(); }
}  // namespace seslint::rules
