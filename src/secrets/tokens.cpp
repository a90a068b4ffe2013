#include "tokens.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <memory>
#include <stdexcept>
#include <string>

#include <re2/re2.h>
#include <re2/set.h>

namespace seslint::secrets {
namespace {

enum Pattern : std::size_t { kKeyId, kLongRun, kHost, kSetting, kSecretName, kRegion, kPatternCount };

// Order follows Pattern. A long run is matched whole (greedy, so it starts at the run's first
// character) and judged by its length afterwards: RE2 has no look-around for word boundaries.
constexpr std::array<std::string_view, kPatternCount> kPatterns = {
    "(?:AKIA|ASIA)[A-Z2-7]{16}",
    "[A-Za-z0-9+/]{40,}={0,2}",
    "email-smtp(?:-fips)?\\.([a-z]{2}(?:-gov)?-[a-z]+-[0-9])\\.amazonaws\\.com",
    "(?i)(?:mail_password|email_host_password|spring\\.mail\\.password|smtp[_.-]?(?:password|passwd|pass|pwd|"
    "user|username|host|server)|smtp_[a-z0-9_]+|mail\\.smtp\\.[a-z.]+|mailer_(?:dsn|url)|ses_smtp[a-z_]*)",
    "(?i)(?:aws_?secret_?access_?key|secret_?access_?key|aws_?secret_?key)",
    "(?:us|eu|ap|ca|sa|me|af|il|mx)-(?:gov-)?(?:north|south|east|west|central|northeast|southeast)-[0-9]",
};

struct Compiled {
  re2::RE2::Set set{re2::RE2::DefaultOptions, re2::RE2::UNANCHORED};
  std::vector<std::unique_ptr<re2::RE2>> each;
  Compiled() {
    for (const auto pattern : kPatterns) {
      const re2::StringPiece piece(pattern.data(), pattern.size());
      if (set.Add(piece, nullptr) < 0) throw std::logic_error("bad secrets pattern");
      each.push_back(std::make_unique<re2::RE2>(piece));
    }
    if (!set.Compile()) throw std::logic_error("secrets patterns do not compile");
  }
};

const Compiled& compiled() {
  static const Compiled patterns;  // compiled once per process
  return patterns;
}

bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

bool has_upper_and_lower(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) { return c >= 'A' && c <= 'Z'; }) &&
         std::any_of(text.begin(), text.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// 33 bytes whose first is 0x04 ("B" then A-P) or 0x02 ("A" then g-v): an SMTP password's shape.
bool smtp_password_shape(std::string_view run) {
  if (run.size() != 44 || run.back() == '=') return false;
  return (run[0] == 'B' && run[1] >= 'A' && run[1] <= 'P') || (run[0] == 'A' && run[1] >= 'g' && run[1] <= 'v');
}

class Locator {
 public:
  explicit Locator(std::string_view text) : text_(text) {}
  // Every match of `pattern`: the whole match, or group 1 when the pattern has one.
  template <typename Accept>
  void each(const re2::RE2& pattern, Accept accept) const {
    const re2::StringPiece whole_text(text_.data(), text_.size());
    const int groups_wanted = pattern.NumberOfCapturingGroups() > 0 ? 2 : 1;
    re2::StringPiece groups[2];
    std::size_t position = 0;
    while (position < text_.size() &&
           pattern.Match(whole_text, position, text_.size(), re2::RE2::UNANCHORED, groups, groups_wanted)) {
      const auto offset = static_cast<std::size_t>(groups[0].data() - text_.data());
      const re2::StringPiece& group = groups[groups_wanted - 1];
      accept(offset, std::string_view(groups[0].data(), groups[0].size()), std::string_view(group.data(), group.size()));
      position = offset + std::max<std::size_t>(groups[0].size(), 1);
    }
  }

 private:
  std::string_view text_;
};

}  // namespace

Tokens find_tokens(std::string_view text) {
  const Compiled& patterns = compiled();
  std::vector<int> present;
  Tokens tokens;
  if (!patterns.set.Match(re2::StringPiece(text.data(), text.size()), &present)) return tokens;
  auto has = [&](Pattern p) { return std::find(present.begin(), present.end(), static_cast<int>(p)) != present.end(); };
  if (!has(kKeyId) && !has(kLongRun)) return tokens;  // nothing secret-shaped: the common case
  const Locator locate(text);
  auto at = [](std::size_t offset, std::string_view piece) { return Token{offset, piece, 0}; };
  if (has(kKeyId))
    locate.each(*patterns.each[kKeyId], [&](std::size_t offset, std::string_view whole, std::string_view) {
      const bool alone = (offset == 0 || !word_char(text[offset - 1])) &&
                         (offset + whole.size() == text.size() || !word_char(text[offset + whole.size()]));
      if (alone) tokens.key_ids.push_back(at(offset, whole));
    });
  if (has(kLongRun))
    locate.each(*patterns.each[kLongRun], [&](std::size_t offset, std::string_view run, std::string_view) {
      // Part of a base64url value or an identifier: a 40-character slice of it is no key.
      if (offset > 0 && (text[offset - 1] == '-' || text[offset - 1] == '_')) return;
      if (run.size() == 40 && has_upper_and_lower(run)) tokens.secret_keys.push_back(at(offset, run));
      if (smtp_password_shape(run)) tokens.smtp_passwords.push_back(at(offset, run));
    });
  if (!tokens.any_credential()) return tokens;
  const std::pair<Pattern, std::vector<Token>*> context[] = {
      {kHost, &tokens.hosts}, {kSetting, &tokens.settings}, {kSecretName, &tokens.secret_names}, {kRegion, &tokens.regions}};
  for (const auto& entry : context) {
    std::vector<Token>* sink = entry.second;  // a named variable: clang 14 cannot capture a structured binding
    if (has(entry.first))
      locate.each(*patterns.each[entry.first], [&](std::size_t offset, std::string_view, std::string_view group) {
        sink->push_back(at(offset, group));
      });
  }
  // Line numbers, in one pass over the newlines before the last token.
  std::vector<Token*> all;
  for (auto* list : {&tokens.key_ids, &tokens.secret_keys, &tokens.smtp_passwords, &tokens.hosts, &tokens.settings,
                     &tokens.secret_names, &tokens.regions})
    for (auto& token : *list) all.push_back(&token);
  std::sort(all.begin(), all.end(), [](const Token* a, const Token* b) { return a->offset < b->offset; });
  std::uint32_t line = 1;
  std::size_t scanned = 0;
  for (Token* token : all) {
    line += static_cast<std::uint32_t>(std::count(text.begin() + static_cast<std::ptrdiff_t>(scanned),
                                                  text.begin() + static_cast<std::ptrdiff_t>(token->offset), '\n'));
    scanned = token->offset;
    token->line = line;
  }
  return tokens;
}

}  // namespace seslint::secrets
