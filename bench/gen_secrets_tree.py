#!/usr/bin/env python3
"""Writes a mixed tree of about SIZE_MB megabytes for `seslint secrets` throughput (bench/secrets.sh):
source code, JSON, lock files full of base64 digests, base64 blobs, minified one-line bundles,
.env and settings files, and one planted SES SMTP credential per ~10 MB (made-up keys, derived as in
scripts/gen-secret-fixtures). Usage: gen_secrets_tree.py DIR [SIZE_MB]"""
import base64
import hashlib
import importlib.machinery
import os
import random
import sys
import gen_args

here = os.path.dirname(os.path.abspath(__file__))
gen = importlib.machinery.SourceFileLoader("gen", os.path.join(here, "..", "scripts", "gen-secret-fixtures")).load_module()

gen_args.positional(__doc__, 1, 2)
out, size_mb = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 100
rng = random.Random(7)
words = "mail send smtp host user password config region identity policy token value result error".split()


def digest(i):
    return base64.b64encode(hashlib.sha256(str(i).encode()).digest()).decode()


def code(n):
    return "".join(f"def {rng.choice(words)}_{i}(x):\n    return x.{rng.choice(words)}('{rng.choice(words)}', {i})\n"
                   for i in range(n))


def lock(n):
    return "".join(f"example.org/mod{i} v1.{i}.0 h1:{digest(i)}\n" for i in range(n))


def blob(n):
    raw = bytes(rng.getrandbits(8) for _ in range(n))
    return "data = '" + base64.b64encode(raw).decode() + "'\n"


def minified(n):
    return ";".join(f"var {rng.choice(words)}{i}=\"{digest(i)[:30]}\"" for i in range(n)) + "\n"


def env(i):
    kid, sec = gen.made_up_key_id(f"bench{i}"), gen.made_up_secret(f"bench{i}")
    return (f"MAIL_HOST=email-smtp.eu-west-1.amazonaws.com\nMAIL_USERNAME={kid}\n"
            f"MAIL_PASSWORD={gen.smtp_password_v4(sec, 'eu-west-1')}\n")


kinds = [(".py", lambda: code(400)), (".sum", lambda: lock(300)), (".js", lambda: minified(600)),
         (".txt", lambda: blob(12000)), (".json", lambda: '{"k": "' + digest(rng.random()) + '"}\n' * 300)]
total, n = 0, 0
while total < size_mb * 1024 * 1024:
    ext, make = kinds[n % len(kinds)]
    text = make()
    if n % 800 == 0:
        text, ext = env(n), ".env"
    path = os.path.join(out, f"d{n % 97}", f"f{n}{ext}")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)
    total += len(text)
    n += 1
print(f"{n} files, {total / 1e6:.1f} MB in {out}")
