#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <catch2/catch.hpp>

#include "seslint/arn.hpp"
#include "seslint/aws_catalog.hpp"
#include "seslint/bounded_memo.hpp"
#include "seslint/condition_operators.hpp"
#include "seslint/ip.hpp"
#include "seslint/text_match.hpp"
#include "seslint/values.hpp"

using namespace seslint;

TEST_CASE("lower_ascii_word folds the ASCII capitals of each byte and nothing else") {
  // Every byte value at every position of a word, its neighbours holding every value in turn too
  // (a carry or borrow from one byte into the next would show there): each byte must come out as
  // ascii_lower makes it.
  for (std::size_t at = 0; at < 8; ++at)
    for (int x = 0; x < 256; ++x)
      for (int neighbour = 0; neighbour < 256; ++neighbour) {
        std::array<unsigned char, 8> bytes{};
        bytes.fill(static_cast<unsigned char>(neighbour));
        bytes[at] = static_cast<unsigned char>(x);
        std::uint64_t word = 0;
        for (std::size_t i = 0; i < 8; ++i) word |= std::uint64_t{bytes[i]} << (8 * i);
        const std::uint64_t lowered = lower_ascii_word(word);
        for (std::size_t i = 0; i < 8; ++i) {
          const auto got = static_cast<unsigned char>(lowered >> (8 * i));
          if (got != static_cast<unsigned char>(ascii_lower(static_cast<char>(bytes[i]))))
            FAIL_CHECK("byte " << i << " of " << x << " at " << at << " among " << neighbour);
        }
      }
}

TEST_CASE("equals_folded agrees with iequals against a lower-case side, in words and tails") {
  // Lengths 8 (one whole word) and 13 (a word and a 5-byte tail): every byte of the lower-case side
  // against every byte of the text, at every position.
  for (const std::string lower_base : {"sendmail", "getobjectacl!"}) {
    for (std::size_t at = 0; at < lower_base.size(); ++at)
      for (int x = 0; x < 256; ++x)
        for (int y = 0; y < 256; ++y) {
          std::string lower = lower_base, text = lower_base;
          lower[at] = ascii_lower(static_cast<char>(x));
          text[at] = static_cast<char>(y);
          if (equals_folded(lower, text) != iequals(lower, text)) FAIL_CHECK("byte " << x << " against " << y << " at " << at);
        }
  }
  CHECK(equals_folded("sendrawemail", "SendRawEmail"));
  CHECK_FALSE(equals_folded("sendrawemail", "SendRawEmai"));
  CHECK_FALSE(equals_folded("sendrawemai", "SendRawEmail"));
  CHECK(equals_folded("", ""));
}

TEST_CASE("iequals folds ASCII letters only, at every position of a text") {
  // Every byte against every byte, at each position of a 9-byte text, against the definition:
  // equal, or equal once ASCII capitals are made small.
  for (std::size_t at = 0; at < 9; ++at)
    for (int x = 0; x < 256; ++x)
      for (int y = 0; y < 256; ++y) {
        std::string a = "aBcDeFgH!", b = "AbCdEfGh!";
        a[at] = static_cast<char>(x);
        b[at] = static_cast<char>(y);
        const bool expected = x == y || ascii_lower(static_cast<char>(x)) == ascii_lower(static_cast<char>(y));
        if (iequals(a, b) != expected) FAIL_CHECK("at " << at << ": " << x << " vs " << y);
      }
  // Every length from 1 to 21 bytes: each byte against itself, its other case bit and its
  // neighbour.
  const std::string letters = "aBcDeFgHiJkLmNoPqRsTu";
  for (std::size_t size = 1; size <= letters.size(); ++size)
    for (std::size_t at = 0; at < size; ++at)
      for (int x = 0; x < 256; ++x)
        for (const int y : {x, x ^ 0x20, (x + 1) % 256}) {
          std::string a = letters.substr(0, size), b = a;
          for (char& c : b) c = static_cast<char>(c ^ 0x20);  // the other case
          a[at] = static_cast<char>(x);
          b[at] = static_cast<char>(y);
          const bool expected = x == y || ascii_lower(static_cast<char>(x)) == ascii_lower(static_cast<char>(y));
          if (iequals(a, b) != expected) FAIL_CHECK("size " << size << " at " << at << ": " << x << " vs " << y);
        }
  CHECK_FALSE(iequals("abc", "abcd"));
  CHECK(iequals("", ""));
  CHECK(iequals("SES:SendRawEmail-and-more", "ses:sendrawemail-AND-MORE"));
  CHECK_FALSE(iequals("ses:SendRawEmail-and-more", "ses:SendRawEmail-and-mord"));
}

TEST_CASE("IP addresses and CIDR blocks") {
  auto net = parse_ip_network("10.204.0.1/16");
  REQUIRE(net);
  CHECK_FALSE(net->v6);
  CHECK(net->host_bits_set());
  CHECK(net->network().to_string() == "10.204.0.0/16");
  CHECK(net->contains(*parse_ip_network("10.204.255.255")));
  CHECK_FALSE(net->contains(*parse_ip_network("10.205.0.0")));
  CHECK(parse_ip_network("0.0.0.0/0")->contains(*parse_ip_network("203.0.113.7")));
  CHECK(parse_ip_network("203.0.113.7")->prefix == 32);
  CHECK_FALSE(parse_ip_network("203.0.113.7")->explicit_prefix);
  for (const char* bad : {"10.0.0.0/33", "999.1.1.1", "corp-network", "10.0.0", "10.0.0.0/", "10.0.0.0/a", "1.2.3.4.5",
                          "::1/129", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7:1.2.3.4", "1:2:3:4::5:6:7:8", "1::2::3", "12345::", "", "/8"}) {
    INFO(bad);
    CHECK_FALSE(parse_ip_network(bad));
  }
  auto v6 = parse_ip_network("2001:DB8::1/32");
  REQUIRE(v6);
  CHECK(v6->v6);
  CHECK(v6->host_bits_set());
  CHECK(v6->network().to_string() == "2001:db8::/32");
  CHECK(parse_ip_network("::ffff:192.0.2.1")->to_string() == "::ffff:c000:201");
  CHECK(parse_ip_network("1:2:3:4:5:6:192.0.2.1")->to_string() == "1:2:3:4:5:6:c000:201");
  CHECK(parse_ip_network("2001:0db8:0000:0000:0000:0000:0000:0001")->to_string() == "2001:db8::1");
  CHECK(parse_ip_network("::/0")->contains(*parse_ip_network("fe80::1")));
  CHECK_FALSE(parse_ip_network("::/0")->contains(*parse_ip_network("10.0.0.1")));  // other family
}

TEST_CASE("condition value formats") {
  CHECK(is_bool_text("true"));
  CHECK(is_bool_text("FALSE"));
  CHECK_FALSE(is_bool_text("yes"));
  CHECK(is_numeric_text("-12.5"));
  CHECK_FALSE(is_numeric_text("1e5"));
  CHECK_FALSE(is_numeric_text("."));
  CHECK(is_date_text("2026-01-31"));
  CHECK(is_date_text("2026-01-31T12:00:00Z"));
  CHECK(is_date_text("2026-01-31T12:00:00.123+01:00"));
  CHECK(is_date_text("1767225600"));
  CHECK_FALSE(is_date_text("2026-13-01"));
  CHECK_FALSE(is_date_text("31/01/2026"));
  CHECK_FALSE(is_date_text("2026-01-31T25:00:00Z"));
  CHECK(is_base64_text("QmluYXJ5"));
  CHECK(is_base64_text("QQ=="));
  CHECK_FALSE(is_base64_text("QQ="));
  CHECK_FALSE(is_base64_text("Q=Q="));
}

TEST_CASE("policy variables") {
  auto refs = find_variables("arn:aws:s3:::b/${aws:username}/${*}/${aws:PrincipalTag/team, 'all'}");
  REQUIRE(refs.size() == 3);
  CHECK(refs[0].name == "aws:username");
  CHECK(refs[0].problem.empty());
  CHECK(refs[1].name.empty());
  CHECK(refs[2].name == "aws:PrincipalTag/team");
  CHECK(refs[2].problem.empty());
  CHECK_FALSE(find_variables("${aws:username")[0].problem.empty());
  CHECK_FALSE(find_variables("${}")[0].problem.empty());
  CHECK_FALSE(find_variables("${ aws:username }")[0].problem.empty());
  CHECK_FALSE(find_variables("${username}")[0].problem.empty());
  CHECK_FALSE(find_variables("${aws:x, all}")[0].problem.empty());
  CHECK(has_unescaped_wildcard("vpce-*"));
  CHECK_FALSE(has_unescaped_wildcard("a${*}b${?}"));
  CHECK(has_unescaped_wildcard("a${*}b?"));
}

TEST_CASE("split_arn splits at the first five colons, the resource keeping the rest") {
  const auto parts = split_arn("arn:aws:ses:us-east-1:111122223333:identity/a:b");
  REQUIRE(parts);
  CHECK(parts->partition == "aws");
  CHECK(parts->service == "ses");
  CHECK(parts->region == "us-east-1");
  CHECK(parts->account == "111122223333");
  CHECK(parts->resource == "identity/a:b");
  const auto empty = split_arn("arn:::::");
  REQUIRE(empty);
  CHECK((empty->partition.empty() && empty->service.empty() && empty->region.empty() && empty->account.empty() &&
         empty->resource.empty()));
  const auto s3 = split_arn("arn:aws:s3:::bucket");
  REQUIRE(s3);
  CHECK(s3->region.empty());
  CHECK(s3->resource == "bucket");
  CHECK_FALSE(split_arn("arn:aws:s3::"));  // four colons: no resource part
  CHECK_FALSE(split_arn("arn:"));
  CHECK_FALSE(split_arn("ARN:aws:s3:::b"));
  CHECK_FALSE(split_arn("bucket"));
}

TEST_CASE("ARN checks") {
  CHECK(arn_problem("arn:aws:ses:us-east-1:111122223333:identity/example.com").empty());
  CHECK(arn_problem("arn:aws:s3:::bucket/${aws:username}/*").empty());
  CHECK(arn_problem("arn:aws:iam::*:role/*").empty());
  CHECK(arn_problem("arn:*:ses:*:*:identity/*").empty());
  CHECK(arn_problem("arn:aws:ses:us-east-1:aws:reputation-policy/x").empty());
  CHECK_FALSE(arn_problem("ARN:aws:s3:::b").empty());
  CHECK_FALSE(arn_problem("arn:aws:s3").empty());
  CHECK_FALSE(arn_problem("arn:aws:S3:::b").empty());
  CHECK_FALSE(arn_problem("arn:amazon:s3:::b").empty());
  CHECK_FALSE(arn_problem("arn:aws:ses:us-east-1:1234:identity/x").empty());
  CHECK_FALSE(arn_problem("arn:aws:ses:us-east-1:111122223333:").empty());
  CHECK_FALSE(arn_problem("bucket-name").empty());
}

// Rules that only ask whether an ARN is fine use arn_is_well_formed, which skips the wording: it
// must answer as arn_problem does, for every kind of problem and for "*", the common case.
TEST_CASE("arn_is_well_formed agrees with arn_problem") {
  for (const std::string_view text :
       {"*", "", "arn:aws:ses:us-east-1:111122223333:identity/example.com", "arn:aws:s3:::bucket/${aws:username}/*",
        "arn:aws:iam::*:role/*", "arn:*:ses:*:*:identity/*", "arn:aws:ses:us-east-1:aws:reputation-policy/x",
        "ARN:aws:s3:::b", "Arn:aws:s3:::b", "arn:aws:s3", "arn:aws::::x", "arn:aws:S3:::b", "arn:aws:s3:EU:::b",
        "arn:amazon:s3:::b", "arn:aws:ses:us-east-1:1234:identity/x", "arn:aws:ses:us-east-1:111122223333:",
        "bucket-name", "arn:aws-cn:s3:::b", "arn:aws:ses:${aws:RequestedRegion}:111122223333:identity/*"}) {
    INFO(text);
    CHECK(arn_is_well_formed(text) == arn_problem(text).empty());
  }
  CHECK(arn_is_well_formed("arn:aws:iam::*:role/*"));
  CHECK_FALSE(arn_is_well_formed("*"));
  CHECK_FALSE(arn_is_well_formed("arn:aws::::x"));
}

TEST_CASE("condition operators parse with qualifiers and IfExists") {
  auto op = parse_operator("ForAllValues:StringLikeIfExists");
  CHECK(op.valid());
  CHECK(op.qualifier == SetQualifier::ForAllValues);
  CHECK(op.if_exists);
  CHECK(op.base->name == "StringLike");
  CHECK(parse_operator("NotIpAddress").base->negated);
  auto typo = parse_operator("StringEqual");
  CHECK_FALSE(typo.valid());
  CHECK(typo.suggestion == "StringEquals");
  auto null_ifexists = parse_operator("NullIfExists");
  CHECK_FALSE(null_ifexists.valid());
  CHECK_FALSE(null_ifexists.case_only());
  CHECK(null_ifexists.suggestion == "Null");
  auto lower = parse_operator("forallvalues:stringequals");
  CHECK(lower.case_only());
  CHECK(lower.suggestion == "ForAllValues:StringEquals");
  auto qualifier = parse_operator("ForAnyValues:StringLike");
  CHECK(qualifier.base == nullptr);
  CHECK(qualifier.suggestion == "ForAnyValue:StringLike");
  CHECK(condition_operators().size() == 27);
}

TEST_CASE("did-you-mean") {
  static constexpr std::string_view names[] = {"Action", "NotAction", "Resource"};
  CHECK(did_you_mean("action", names) == "Action");
  CHECK(did_you_mean("Actoin", names) == "Action");
  CHECK(did_you_mean("Resources", names) == "Resource");
  CHECK(did_you_mean("Banana", names).empty());
  CHECK(edit_distance("kitten", "sitting") == 3);
}

// did_you_mean bounds its edit distance to a band, skips candidates by a letter-count bound and
// folds case on the fly: it must pick what the full distance of the folded texts picks (the first
// nearest candidate within the threshold). '!' and 'a' share a letter-count bucket.
TEST_CASE("did-you-mean agrees with the full edit distance") {
  std::uint32_t state = 12345;
  const auto next = [&] { return state = state * 1103515245u + 12345u, (state >> 16) & 0x7fff; };
  const auto word = [&] {
    std::string out(1 + next() % 12, ' ');
    for (char& c : out) c = "abAB!cz"[next() % 7];
    return out;
  };
  for (int round = 0; round < 3000; ++round) {
    const std::string typed = word();
    std::vector<std::string> names;
    for (int k = 0; k < 12; ++k) names.push_back(word());
    const std::vector<std::string_view> views(names.begin(), names.end());
    std::string_view expected;
    const auto exact = std::find_if(views.begin(), views.end(), [&](std::string_view n) { return iequals(n, typed); });
    if (exact != views.end()) {
      expected = *exact;
    } else {
      std::size_t best = std::max<std::size_t>(1, typed.size() / 3) + 1;
      for (const std::string_view name : views)
        if (const std::size_t d = edit_distance(to_lower(typed), to_lower(name)); d < best) best = d, expected = name;
    }
    INFO(typed);
    CHECK(did_you_mean(typed, views) == expected);
  }
}

// A bounded memo answers a repeated key once, finds by string_view in a transparent map, and
// starts over (recomputing) once it holds its bound of entries.
TEST_CASE("bounded memo: repeated keys are computed once, and the memo is cleared at its bound") {
  BoundedMemo<std::unordered_map<std::string, int, aws::TextHash, std::equal_to<>>> memo(3);
  int computed = 0;
  const auto length = [&](std::string_view key) {
    return memo.get(key, [&] {
      ++computed;
      return static_cast<int>(key.size());
    });
  };
  CHECK(length("a") == 1);
  CHECK(length("bb") == 2);
  CHECK(length(std::string_view("a")) == 1);
  CHECK(computed == 2);
  CHECK(length("ccc") == 3);
  CHECK(computed == 3);
  CHECK(length("dddd") == 4);  // the bound reached: cleared, then remembered
  CHECK(computed == 4);
  CHECK(length("a") == 1);  // forgotten with the rest, so computed again
  CHECK(computed == 5);
  CHECK(length("dddd") == 4);
  CHECK(computed == 5);
}
