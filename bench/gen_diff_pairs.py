#!/usr/bin/env python3
"""Policy pairs for `seslint diff` benchmarks: OLD/ and NEW/ directories of N policies each, every
NEW a realistic edit of its OLD (a From address widened, a range added, a statement added or
reordered, a Deny dropped) so that about half the pairs grant new access.
  bench/gen_diff_pairs.py OUT_DIR PAIRS STATEMENTS [SEED]"""
import json
import os
import random
import sys
import gen_args

DOMAINS = ["acme-corp.io", "example.com", "mail.example.org", "billing.acme-corp.io"]
CIDRS = ["203.0.113.0/24", "198.51.100.0/25", "192.0.2.0/28", "2001:db8::/32"]
ACTIONS = ["ses:SendRawEmail", "ses:SendEmail", "ses:SendTemplatedEmail", "ses:SendBulkTemplatedEmail"]


def statement(rng, i):
    domain = rng.choice(DOMAINS)
    s = {"Sid": f"S{i}", "Effect": "Allow" if rng.random() < 0.8 else "Deny",
         "Action": rng.sample(ACTIONS, rng.randint(1, 2)),
         "Resource": f"arn:aws:ses:us-east-1:111122223333:identity/{domain}"}
    condition = {}
    if rng.random() < 0.7:
        condition["StringEquals"] = {"ses:FromAddress": [f"noreply{i}@{domain}", f"alerts@{domain}"]}
    if rng.random() < 0.6:
        condition["IpAddress"] = {"aws:SourceIp": rng.sample(CIDRS, rng.randint(1, 2))}
    if rng.random() < 0.2:
        condition["Bool"] = {"aws:SecureTransport": "true"}
    if condition:
        s["Condition"] = condition
    return s


def edit(rng, policy):
    new = json.loads(json.dumps(policy))
    statements = new["Statement"]
    kind = rng.randrange(5)
    target = rng.choice(statements)
    if kind == 0 and "Condition" in target and "StringEquals" in target["Condition"]:
        domain = target["Resource"].rsplit("/", 1)[1]
        target["Condition"]["StringLike"] = {"ses:FromAddress": f"*@{domain}"}
        del target["Condition"]["StringEquals"]
    elif kind == 1 and "Condition" in target and "IpAddress" in target["Condition"]:
        target["Condition"]["IpAddress"]["aws:SourceIp"].append("100.24.0.0/16")
    elif kind == 2:
        statements.append(statement(rng, len(statements)))
    elif kind == 3:
        denies = [s for s in statements if s["Effect"] == "Deny"]
        if denies:
            statements.remove(denies[0])
    else:
        rng.shuffle(statements)  # equivalent: no new access
    return new


def main():
    gen_args.positional(__doc__, 3, 4)
    out, pairs, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 1)
    for side in ("old", "new"):
        os.makedirs(os.path.join(out, side), exist_ok=True)
    for p in range(pairs):
        old = {"Version": "2012-10-17", "Statement": [statement(rng, i) for i in range(count)]}
        new = edit(rng, old)
        for side, policy in (("old", old), ("new", new)):
            with open(os.path.join(out, side, f"policy-{p:04d}.json"), "w") as f:
                json.dump(policy, f, indent=2)


if __name__ == "__main__":
    main()
