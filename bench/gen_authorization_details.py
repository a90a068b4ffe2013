#!/usr/bin/env python3
"""Writes a synthetic `aws iam get-account-authorization-details` export of about SIZE_MB megabytes,
pretty-printed as the AWS CLI prints it, for the streaming benchmark. Policy documents are drawn
from the AWS managed policies corpus (a directory of policy JSON files) so that the rules have real
work to do; users, groups, roles and customer managed policies are made up.

usage: gen_authorization_details.py CORPUS_DIR SIZE_MB OUT_FILE
"""
import json
import os
import random
import sys
import gen_args


def main():
    gen_args.positional(__doc__, 3, 3)
    corpus_dir, size_mb, out_path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    documents = []
    for name in sorted(os.listdir(corpus_dir)):
        if name.endswith(".json"):
            with open(os.path.join(corpus_dir, name), encoding="utf-8") as f:
                try:
                    documents.append(json.load(f))
                except ValueError:
                    pass
    rng = random.Random(7)
    trust = {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
    target = size_mb * 1024 * 1024

    def indent(value, level):
        text = json.dumps(value, indent=4)
        return text.replace("\n", "\n" + " " * (4 * level))

    with open(out_path, "w", encoding="utf-8") as out:
        written = 0

        def emit(text):
            nonlocal written
            out.write(text)
            written += len(text)

        sections = [("UserDetailList", 0.45), ("GroupDetailList", 0.05), ("RoleDetailList", 0.35), ("Policies", 0.15)]
        emit("{\n")
        for s, (key, share) in enumerate(sections):
            emit('    "%s": [' % key)
            limit = written + int(target * share)
            i = 0
            while written < limit:
                doc = rng.choice(documents)
                if key == "UserDetailList":
                    entry = {"Path": "/", "UserName": "user-%d" % i, "UserId": "AIDA%016d" % i,
                             "Arn": "arn:aws:iam::314159265358:user/user-%d" % i, "CreateDate": "2024-01-01T00:00:00+00:00",
                             "UserPolicyList": [{"PolicyName": "inline-%d" % i, "PolicyDocument": doc}],
                             "GroupList": [], "AttachedManagedPolicies": [], "Tags": []}
                elif key == "GroupDetailList":
                    entry = {"Path": "/", "GroupName": "group-%d" % i, "GroupId": "AGPA%016d" % i,
                             "Arn": "arn:aws:iam::314159265358:group/group-%d" % i, "CreateDate": "2024-01-01T00:00:00+00:00",
                             "GroupPolicyList": [{"PolicyName": "inline-%d" % i, "PolicyDocument": doc}],
                             "AttachedManagedPolicies": []}
                elif key == "RoleDetailList":
                    entry = {"Path": "/", "RoleName": "role-%d" % i, "RoleId": "AROA%016d" % i,
                             "Arn": "arn:aws:iam::314159265358:role/role-%d" % i, "CreateDate": "2024-01-01T00:00:00+00:00",
                             "AssumeRolePolicyDocument": trust, "InstanceProfileList": [],
                             "RolePolicyList": [{"PolicyName": "inline-%d" % i, "PolicyDocument": doc}],
                             "AttachedManagedPolicies": [], "Tags": [], "RoleLastUsed": {}}
                else:
                    entry = {"PolicyName": "managed-%d" % i, "PolicyId": "ANPA%016d" % i,
                             "Arn": "arn:aws:iam::314159265358:policy/managed-%d" % i, "Path": "/",
                             "DefaultVersionId": "v2", "AttachmentCount": 1, "PermissionsBoundaryUsageCount": 0,
                             "IsAttachable": True, "CreateDate": "2024-01-01T00:00:00+00:00",
                             "UpdateDate": "2024-02-01T00:00:00+00:00",
                             "PolicyVersionList": [
                                 {"Document": doc, "VersionId": "v2", "IsDefaultVersion": True,
                                  "CreateDate": "2024-02-01T00:00:00+00:00"},
                                 {"Document": rng.choice(documents), "VersionId": "v1", "IsDefaultVersion": False,
                                  "CreateDate": "2024-01-01T00:00:00+00:00"}]}
                emit(("\n        " if i == 0 else ",\n        ") + indent(entry, 2))
                i += 1
            emit("\n    ]" + (",\n" if s + 1 < len(sections) else "\n"))
        emit("}\n")


if __name__ == "__main__":
    main()
