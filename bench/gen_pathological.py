#!/usr/bin/env python3
"""Writes the pathological policies of issue 15 (reachability work), one file per class and size.

    gen_pathological.py OUT_DIR [CLASS ...]

Classes (the size is in the file name, e.g. identical-800.json):
  identical  N identical Allow statements pinning ses:FromAddress
  keys       N Allows, each conditioning its own aws:PrincipalTag/kI plus a pinned ses:FromAddress
  keys3      N Allows, each conditioning three keys of its own plus a pinned ses:FromAddress
  pairs      N Allow/Deny pairs over a few values of their own tag keys
  forall     one Allow with an N-value ForAllValues:StringLike list on ses:Recipients
  cidrs      an Allow on N aws:SourceIp ranges and a Deny outside N/2 of them
  globs      an Allow whose ses:FromAddress patterns are N characters of '*a' and 'a' against an
             N-character literal of the same key (long wildcard patterns against long values)
  biglist    an Allow with an N-value StringEquals list on ses:Recipients and a Deny on N/2 of them
  notprincipal  an SES sending-authorization policy: a Deny with N NotPrincipal entries beside a
             pinned Allow (written as notprincipal-N.ses-identity.json, the name that says so)
  mixed      N statements of the other shapes, many keys (a realistic large policy)
Per-value work (a finding or a catalog match per Action value; fuzzing found these):
  unknown    one Allow naming N unknown SES actions (IAM201 with a did-you-mean each)
  repeats    one Allow naming ses:SendEmail N times (IAM209: each repeat covered by the first)
  patterns   one Allow with N distinct EC2 patterns that start with a wildcard ("ec2:*a*e*i*")
  fanout     one Allow with N distinct patterns over every service ("*:*a*e*")
  minified   N unknown service prefixes on one line (a text excerpt per finding of one long line)
"""
import json
import os
import sys
import gen_args

IDENTITY = "arn:aws:ses:us-east-1:111122223333:identity/acme-corp.io"
SEND = ["ses:SendEmail", "ses:SendRawEmail"]
FROM = {"ses:FromAddress": "noreply@acme-corp.io"}

SIZES = {
    "identical": [100, 200, 400, 800, 1600, 5000],
    "keys": [5, 10, 15, 20, 40],
    "keys3": [25, 100, 400, 1600],
    "pairs": [1, 2, 3, 4, 8],
    "forall": [30, 100, 300, 1000, 3000],
    "cidrs": [100, 1000, 5000, 10000],
    "globs": [1000, 4000, 16000, 64000],
    "biglist": [1000, 3000, 10000, 30000],
    "notprincipal": [100, 1000, 5000],
    "mixed": [50, 200, 800],
    "unknown": [1000, 4000, 16000],
    "repeats": [1000, 4000, 16000],
    "patterns": [1000, 4000, 16000],
    "fanout": [100, 1000, 4000],
    "minified": [1000, 4000, 16000],
}


def allow(condition, actions=None):
    return {"Effect": "Allow", "Action": actions or SEND, "Resource": IDENTITY, "Condition": condition}


def identical(n):
    return [allow({"StringEquals": dict(FROM)}) for _ in range(n)]


def keys(n):
    return [allow({"StringEquals": {f"aws:PrincipalTag/k{i}": f"v{i}", **FROM}}) for i in range(n)]


def keys3(n):
    return [allow({"StringEquals": {f"aws:PrincipalTag/a{i}": f"x{i}", f"aws:RequestTag/b{i}": f"y{i}",
                                    f"aws:ResourceTag/c{i}": f"z{i}", **FROM}}) for i in range(n)]


def pairs(n):
    out = []
    for i in range(n):
        values = [f"team-{i}-{v}" for v in range(5)]
        out.append(allow({"StringEquals": {f"aws:PrincipalTag/team{i}": values, **FROM}}))
        out.append({"Effect": "Deny", "Action": "ses:*", "Resource": "*",
                    "Condition": {"StringEquals": {f"aws:PrincipalTag/blocked{i}": values[:3]}}})
    return out


def forall(n):
    partners = [f"*@partner{i}.example" for i in range(n)]
    return [allow({"ForAllValues:StringLike": {"ses:Recipients": partners}, "StringEquals": dict(FROM)})]


def cidr(i):
    return f"{11 + i // 65536 % 100}.{i // 256 % 256}.{i % 256}.0/24"


def cidrs(n):
    ranges = [cidr(i) for i in range(n)]
    return [allow({"IpAddress": {"aws:SourceIp": ranges}, "StringEquals": dict(FROM)}),
            {"Effect": "Deny", "Action": "ses:*", "Resource": "*",
             "Condition": {"NotIpAddress": {"aws:SourceIp": ranges[: n // 2]}}}]


def globs(n):
    star_a = "*a" * (n // 2)
    return [allow({"StringLike": {"ses:FromAddress": [star_a + "b@acme-corp.io", "a" * n + "@acme-corp.io"]}}),
            {"Effect": "Deny", "Action": "ses:*", "Resource": "*",
             "Condition": {"StringLike": {"ses:FromAddress": ["a" * (n - 1) + "*a?b@acme-corp.io"]}}}]


def biglist(n):
    recipients = [f"user{i}@partner{i % 97}.example" for i in range(n)]
    return [allow({"ForAllValues:StringEquals": {"ses:Recipients": recipients}, "StringEquals": dict(FROM)}),
            {"Effect": "Deny", "Action": "ses:*", "Resource": "*",
             "Condition": {"ForAnyValue:StringEquals": {"ses:Recipients": recipients[: n // 2]}}}]


def notprincipal(n):
    # The delegate's own account stays trusted: the Deny leaves the Allow standing.
    accounts = ["arn:aws:iam::444455556666:user/mailer"] + [f"arn:aws:iam::{100000000000 + i}:root" for i in range(n - 1)]
    return [{"Sid": "Delegate", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:user/mailer"},
             "Action": SEND, "Resource": IDENTITY, "Condition": {"StringEquals": dict(FROM)}},
            {"Sid": "OnlyThese", "Effect": "Deny", "NotPrincipal": {"AWS": accounts}, "Action": "ses:*",
             "Resource": IDENTITY}]


FILE_SUFFIX = {"notprincipal": ".ses-identity.json"}
MINIFIED = {"minified"}  # written on one line


def actions_statement(actions):
    return [{"Effect": "Allow", "Action": actions, "Resource": "*"}]


def unknown(n):
    return actions_statement([f"ses:SendRawEmail{i:05}" for i in range(n)])


def repeats(n):
    return actions_statement(["ses:SendEmail"] * n)


LETTERS = "aeinorstlcdgu"


def letter_patterns(n, head, width):
    """N distinct patterns: head, then `width` common letters each between wildcards, in order."""
    out, i = [], 0
    while len(out) < n:
        k, letters = i, []
        for _ in range(width):
            letters.append(LETTERS[k % len(LETTERS)])
            k //= len(LETTERS)
        out.append(head + "*" + "*".join(letters) + "*")
        i += 1
    return out


def patterns(n):
    return actions_statement(letter_patterns(n, "ec2:", 4))


def fanout(n):
    return actions_statement(letter_patterns(n, "*:", 4))


def minified(n):
    return actions_statement([f"z{i}:a" for i in range(n)])


def mixed(n):
    out = []
    for i in range(n):
        shape = i % 4
        if shape == 0:
            out.append(allow({"StringEquals": {f"aws:PrincipalTag/k{i}": f"v{i}", **FROM}}))
        elif shape == 1:
            out.append(allow({"IpAddress": {"aws:SourceIp": [cidr(i), cidr(i + 1)]}, "StringLike": {"ses:FromAddress": f"app{i}-*@acme-corp.io"}}))
        elif shape == 2:
            out.append({"Effect": "Deny", "Action": "ses:SendRawEmail", "Resource": "*",
                        "Condition": {"StringEquals": {f"aws:RequestTag/d{i}": ["x", "y"]}}})
        else:
            out.append({"Effect": "Allow", "Action": "s3:GetObject", "Resource": f"arn:aws:s3:::bucket-{i}/*",
                        "Condition": {"StringEquals": {f"s3:ExistingObjectTag/t{i}": "y"}}})
    return out


def main():
    gen_args.positional(__doc__, 1, None)
    out_dir = sys.argv[1]
    classes = sys.argv[2:] or list(SIZES)
    os.makedirs(out_dir, exist_ok=True)
    for name in classes:
        for size in SIZES[name]:
            policy = {"Version": "2012-10-17", "Statement": globals()[name](size)}
            suffix = FILE_SUFFIX.get(name, ".json")
            with open(os.path.join(out_dir, f"{name}-{size}{suffix}"), "w") as f:
                json.dump(policy, f, indent=None if name in MINIFIED else 1)
                f.write("\n")


if __name__ == "__main__":
    main()
