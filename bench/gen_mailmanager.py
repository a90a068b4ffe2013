#!/usr/bin/env python3
"""Writes a Mail Manager configuration at the service quotas, as a CloudFormation template:
a rule set of RULES rules with CONDITIONS conditions each (strings, verdicts, IPs, sizes, address
lists, in turn), a traffic policy of 20 statements with 10 conditions each, and an OPEN ingress
point on a dual-stack public network using both.

    gen_mailmanager.py OUT_FILE [RULES=40] [CONDITIONS=10] [SEED=1]
"""
import json
import random
import sys
import gen_args


def rule_condition(rng, i):
    kind = i % 5
    if kind == 0:
        return {"StringExpression": {"Evaluate": {"Attribute": rng.choice(["RECIPIENT", "FROM", "SUBJECT", "HELO"])},
                                     "Operator": rng.choice(["EQUALS", "ENDS_WITH", "CONTAINS", "STARTS_WITH"]),
                                     "Values": [f"v{rng.randrange(1000)}@team{rng.randrange(50)}.acme-corp.io"]}}
    if kind == 1:
        return {"VerdictExpression": {"Evaluate": {"Attribute": rng.choice(["SPF", "DKIM"])}, "Operator": "EQUALS",
                                      "Values": [rng.choice(["PASS", "FAIL", "GRAY"])]}}
    if kind == 2:
        return {"IpExpression": {"Evaluate": {"Attribute": "SOURCE_IP"}, "Operator": rng.choice(["CIDR_MATCHES", "NOT_CIDR_MATCHES"]),
                                 "Values": [f"198.51.{rng.randrange(256)}.0/24", f"10.{rng.randrange(256)}.0.0/16"]}}
    if kind == 3:
        return {"NumberExpression": {"Evaluate": {"Attribute": "MESSAGE_SIZE"}, "Operator": "LESS_THAN",
                                     "Value": float(rng.randrange(1, 40) * 1048576)}}
    return {"BooleanExpression": {"Evaluate": {"IsInAddressList": {"Attribute": "RECIPIENT", "AddressLists": [
        f"arn:aws:ses:us-east-1:111122223333:mailmanager-address-list/al-{rng.randrange(10):04d}"]}},
        "Operator": rng.choice(["IS_TRUE", "IS_FALSE"])}}


def policy_condition(rng, i):
    kind = i % 4
    if kind == 0:
        return {"IpExpression": {"Evaluate": {"Attribute": "SENDER_IP"}, "Operator": rng.choice(["CIDR_MATCHES", "NOT_CIDR_MATCHES"]),
                                 "Values": [f"{rng.randrange(1, 224)}.{rng.randrange(256)}.{rng.randrange(256)}.0/{rng.choice([16, 20, 24])}"
                                            for _ in range(3)]}}
    if kind == 1:
        return {"Ipv6Expression": {"Evaluate": {"Attribute": "SENDER_IPV6"}, "Operator": "CIDR_MATCHES",
                                   "Values": [f"2001:db8:{rng.randrange(65536):x}::/48"]}}
    if kind == 2:
        return {"StringExpression": {"Evaluate": {"Attribute": "RECIPIENT"}, "Operator": rng.choice(["ENDS_WITH", "EQUALS", "CONTAINS"]),
                                     "Values": [f"u{rng.randrange(100)}@team{rng.randrange(20)}.acme-corp.io"]}}
    return {"TlsExpression": {"Evaluate": {"Attribute": "TLS_PROTOCOL"}, "Operator": "MINIMUM_TLS_VERSION",
                              "Value": rng.choice(["TLS1_2", "TLS1_3"])}}


def main():
    gen_args.positional(__doc__, 1, 4)
    out = sys.argv[1]
    rules = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    conditions = int(sys.argv[3]) if len(sys.argv) > 3 else 10
    rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 1)
    rule_list = []
    for r in range(rules):
        action = [{"Archive": {"TargetArchive": "a-0123", "ActionFailurePolicy": "DROP"}}] if r % 4 else [{"Drop": {}}]
        rule_list.append({"Name": f"rule-{r}", "Conditions": [rule_condition(rng, r + c) for c in range(conditions)],
                          "Actions": action})
    statements = [{"Action": rng.choice(["ALLOW", "DENY"]), "Conditions": [policy_condition(rng, s + c) for c in range(10)]}
                  for s in range(20)]
    template = {"Resources": {
        "Inbound": {"Type": "AWS::SES::MailManagerRuleSet", "Properties": {"Rules": rule_list}},
        "Edge": {"Type": "AWS::SES::MailManagerTrafficPolicy",
                 "Properties": {"DefaultAction": "DENY", "MaxMessageSizeBytes": 10485760, "PolicyStatements": statements}},
        "Mx": {"Type": "AWS::SES::MailManagerIngressPoint",
               "Properties": {"IngressPointName": "mx", "Type": "OPEN", "TlsPolicy": "OPTIONAL",
                              "RuleSetId": {"Ref": "Inbound"}, "TrafficPolicyId": {"Ref": "Edge"},
                              "NetworkConfiguration": {"PublicNetworkConfiguration": {"IpType": "DUAL_STACK"}}}}}}
    with open(out, "w") as f:
        json.dump(template, f, indent=1)


main()
