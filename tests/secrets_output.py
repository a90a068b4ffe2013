#!/usr/bin/env python3
"""seslint secrets never prints a secret: every fixture secret (scripts/gen-secret-fixtures
--print-secrets), in whole or past its first 4 characters, is absent from every output format,
from standard error and from a written baseline, while the fixtures do hold them and the run does
report them. Also checks the exit codes. Usage: secrets_output.py SESLINT_BINARY SOURCE_DIR."""
import os
import subprocess
import sys
import tempfile

binary, source = sys.argv[1], sys.argv[2]
failures = []
secrets = subprocess.run([sys.executable, os.path.join(source, "scripts/gen-secret-fixtures"), "--print-secrets"],
                         capture_output=True, text=True, check=True).stdout.split()
fixture_dirs = [os.path.join(source, "testdata/rules", rule) for rule in ("SES401", "SES402", "SES403")]
fixture_text = "".join(open(os.path.join(d, f)).read() for d in fixture_dirs for f in os.listdir(d))
present = [s for s in secrets if s in fixture_text]
if len(present) < 15:
    failures.append(f"only {len(present)} of the listed secrets occur in the fixtures: the test would prove little")


def leaks(text):
    return [s[:4] + "..." for s in present if s in text or s[4:] in text]


with tempfile.TemporaryDirectory() as work:
    for form in ("text", "concise", "json", "sarif", "github", "gitlab"):
        result = subprocess.run([binary, "secrets", "--no-config", "--format", form] + fixture_dirs, capture_output=True,
                                text=True, cwd=work)
        if result.returncode != 1:
            failures.append(f"{form}: exit {result.returncode}, expected 1 (findings): {result.stderr}")
        if "SES401" not in result.stdout:
            failures.append(f"{form}: no SES401 finding in the output")
        for where, text in (("stdout", result.stdout), ("stderr", result.stderr)):
            if leaks(text):
                failures.append(f"{form} {where} shows secrets: {', '.join(leaks(text))}")
    baseline = os.path.join(work, "baseline.json")
    result = subprocess.run([binary, "secrets", "--no-config", "--write-baseline", baseline] + fixture_dirs,
                            capture_output=True, text=True, cwd=work)
    if result.returncode != 0:
        failures.append(f"--write-baseline: exit {result.returncode}, expected 0 (all accepted)")
    if leaks(open(baseline).read()):
        failures.append("the baseline holds secrets")
    result = subprocess.run([binary, "secrets", "--no-config", "--baseline", baseline] + fixture_dirs,
                            capture_output=True, text=True, cwd=work)
    if result.returncode != 0:
        failures.append(f"--baseline: exit {result.returncode}, expected 0")
    good = [os.path.join(d, f) for d in fixture_dirs for f in sorted(os.listdir(d)) if f.startswith("good-")]
    result = subprocess.run([binary, "secrets", "--no-config"] + good, capture_output=True, text=True, cwd=work)
    if result.returncode != 0 or result.stdout.count("SES4") != 0:
        failures.append(f"good fixtures: exit {result.returncode}: {result.stdout}")
    result = subprocess.run([binary, "secrets", os.path.join(work, "missing")], capture_output=True, text=True, cwd=work)
    if result.returncode != 2:
        failures.append(f"a missing path: exit {result.returncode}, expected 2")

for line in failures:
    print("FAIL:", line)
print(f"{len(present)} fixture secrets checked against 6 formats, stderr and a baseline")
sys.exit(1 if failures else 0)
