#!/usr/bin/env python3
"""Writes a synthetic account for the `seslint audit` benchmark: an `aws iam
get-account-authorization-details` export with PRINCIPALS users and roles (7 in 10 users) in 50
groups, and one `sesv2 get-email-identity-policies` output per identity (IDENTITIES of them), each
delegating to a partner account. Policies are a realistic mix: most principals hold no SES
permission, some send as one identity with a pinned From and network, some send as any identity,
a few are administrators, some of those under a permissions boundary.

usage: gen_audit_account.py PRINCIPALS IDENTITIES OUT_DIR
"""
import json
import os
import random
import sys
import gen_args

ACCOUNT = "314159265358"


def doc(*statements):
    return {"Version": "2012-10-17", "Statement": list(statements)}


def identity_arn(i):
    return "arn:aws:ses:eu-west-1:%s:identity/brand-%d.example.com" % (ACCOUNT, i)


def principal_policies(rng, i, identities):
    roll = rng.random()
    if roll < 0.6:
        return [{"PolicyName": "app-%d" % i, "PolicyDocument": doc(
            {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::bucket-%d/*" % i},
            {"Effect": "Allow", "Action": "dynamodb:Query", "Resource": "*"})}]
    if roll < 0.85:
        n = rng.randrange(identities)
        return [{"PolicyName": "send-%d" % i, "PolicyDocument": doc(
            {"Effect": "Allow", "Action": ["ses:SendEmail", "ses:SendRawEmail"], "Resource": identity_arn(n),
             "Condition": {"StringEquals": {"ses:FromAddress": "app-%d@brand-%d.example.com" % (i, n)},
                           "IpAddress": {"aws:SourceIp": "203.0.%d.0/24" % (i % 250)}}})}]
    if roll < 0.95:
        return [{"PolicyName": "send-any-%d" % i, "PolicyDocument": doc(
            {"Effect": "Allow", "Action": "ses:SendRawEmail", "Resource": "*",
             "Condition": {"StringLike": {"ses:FromAddress": "*@brand-*.example.com"}}})}]
    return []


def main():
    gen_args.positional(__doc__, 3, 3)
    principals, identities, out_dir = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    os.makedirs(out_dir, exist_ok=True)
    rng = random.Random(16)
    admin = "arn:aws:iam::aws:policy/AdministratorAccess"
    boundary = "arn:aws:iam::%s:policy/SendOnlyBoundary" % ACCOUNT
    users, roles = [], []
    for i in range(principals):
        policies = principal_policies(rng, i, identities)
        attached = [{"PolicyName": "AdministratorAccess", "PolicyArn": admin}] if not policies else []
        entry = {"Path": "/", "Arn": "", "CreateDate": "2025-01-01T00:00:00+00:00", "AttachedManagedPolicies": attached, "Tags": []}
        if attached and i % 2 == 0:
            entry["PermissionsBoundary"] = {"PermissionsBoundaryType": "Policy", "PermissionsBoundaryArn": boundary}
        if i % 10 < 7:
            entry.update({"UserName": "user-%d" % i, "Arn": "arn:aws:iam::%s:user/user-%d" % (ACCOUNT, i),
                          "UserPolicyList": policies, "GroupList": ["group-%d" % (i % 50)]})
            users.append(entry)
        else:
            entry.update({"RoleName": "role-%d" % i, "Arn": "arn:aws:iam::%s:role/role-%d" % (ACCOUNT, i),
                          "RolePolicyList": policies,
                          "AssumeRolePolicyDocument": doc({"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"},
                                                           "Action": "sts:AssumeRole"})})
            roles.append(entry)
    groups = [{"Path": "/", "GroupName": "group-%d" % g, "Arn": "arn:aws:iam::%s:group/group-%d" % (ACCOUNT, g),
               "GroupPolicyList": [{"PolicyName": "read", "PolicyDocument": doc(
                   {"Effect": "Allow", "Action": "ses:Get*", "Resource": "*"})}], "AttachedManagedPolicies": []}
              for g in range(50)]

    def managed(name, arn, document):
        return {"PolicyName": name, "Arn": arn, "DefaultVersionId": "v1",
                "PolicyVersionList": [{"Document": document, "VersionId": "v1", "IsDefaultVersion": True}]}

    export = {"UserDetailList": users, "GroupDetailList": groups, "RoleDetailList": roles, "Policies": [
        managed("AdministratorAccess", admin, doc({"Effect": "Allow", "Action": "*", "Resource": "*"})),
        managed("SendOnlyBoundary", boundary, doc({"Effect": "Allow", "Action": ["ses:SendRawEmail", "s3:*"], "Resource": "*",
                                                  "Condition": {"StringLike": {"ses:FromAddress": "ops@*"}}}))]}
    with open(os.path.join(out_dir, "account-authorization-details.json"), "w", encoding="utf-8") as f:
        json.dump(export, f, indent=4)
    for n in range(identities):
        policy = doc({"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::222233334444:root"},
                      "Action": "ses:SendRawEmail", "Resource": identity_arn(n),
                      "Condition": {"StringEquals": {"ses:FromAddress": "partner@brand-%d.example.com" % n}}})
        with open(os.path.join(out_dir, "identity-%d.json" % n), "w", encoding="utf-8") as f:
            json.dump({"EmailIdentity": "brand-%d.example.com" % n, "Policies": {"partner": json.dumps(policy)}}, f, indent=4)


if __name__ == "__main__":
    main()
