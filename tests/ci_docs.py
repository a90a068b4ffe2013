#!/usr/bin/env python3
"""Checks every ```yaml block of docs/ci.md: it parses; each `seslint` command in it runs with the
real binary on a fixture repository and exits 0 (the fixture is clean), writing the files its
FORMAT=FILE reports name; pre-commit configurations pass `pre-commit validate-config`; GitHub
workflows have steps with `uses` or `run`; GitLab jobs' Code Quality artifact is written by the
job's seslint command. Usage: ci_docs.py SESLINT_BINARY SOURCE_DIR. Exit 77 (skipped) without PyYAML."""
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

try:
    import yaml
except ImportError:
    print("PyYAML missing (Debian python3-yaml)")
    sys.exit(77)

binary, source = sys.argv[1], sys.argv[2]
failures = []


def strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from strings(value)


def seslint_commands(document):
    for text in strings(document):
        for line in text.splitlines():
            line = line.strip()
            if line.startswith("seslint "):
                yield line


def run_command(command, where):
    words = shlex.split(command)
    files = [w.split("=", 1)[1] for w in words if re.fullmatch(r"[a-z]+=.+", w)]
    result = subprocess.run([binary] + words[1:], cwd=where, capture_output=True, text=True)
    if result.returncode != 0:
        failures.append(f"`{command}` exited {result.returncode}: {result.stderr.strip()}")
    for name in files:
        if not os.path.exists(os.path.join(where, name)):
            failures.append(f"`{command}` did not write {name}")


def fixture_repository():
    where = tempfile.mkdtemp(prefix="seslint-ci-docs-")
    subprocess.run(["git", "init", "-q", where], check=True)
    os.makedirs(os.path.join(where, "iam"))
    shutil.copy(os.path.join(source, "testdata/cli/clean.json"), os.path.join(where, "iam/clean.json"))
    shutil.copy(os.path.join(source, "testdata/not-policies/package.json"), os.path.join(where, "package.json"))
    return where


def check_block(number, block):
    try:
        document = yaml.safe_load(block)
    except yaml.YAMLError as error:
        failures.append(f"block {number}: does not parse: {error}")
        return
    if not isinstance(document, dict):
        failures.append(f"block {number}: not a YAML mapping")
        return
    where = fixture_repository()
    try:
        commands = list(seslint_commands(document))
        # A baseline must exist before a command reads it: record it first, as the docs say.
        commands.sort(key=lambda c: "--write-baseline" not in c)
        for command in commands:
            run_command(command, where)
        if "repos" in document:
            config = os.path.join(where, ".pre-commit-config.yaml")
            with open(config, "w") as out:
                out.write(block)
            if shutil.which("pre-commit"):
                result = subprocess.run(["pre-commit", "validate-config", config], capture_output=True, text=True)
                if result.returncode != 0:
                    failures.append(f"block {number}: pre-commit validate-config: {result.stdout}{result.stderr}")
            hooks = [h for r in document["repos"] for h in r.get("hooks", [])]
            if not any(h.get("id") == "seslint" for h in hooks):
                failures.append(f"block {number}: no seslint hook")
        elif "jobs" in document:
            for name, job in document["jobs"].items():
                for step in job.get("steps", []):
                    if "uses" not in step and "run" not in step:
                        failures.append(f"block {number}: job {name}: a step without uses or run")
            if not commands:
                failures.append(f"block {number}: a workflow without a seslint command")
        else:
            for name, job in document.items():
                if not isinstance(job, dict) or "script" not in job:
                    failures.append(f"block {number}: job {name} has no script")
                    continue
                report = job.get("artifacts", {}).get("reports", {}).get("codequality")
                if report and not any(f"gitlab={report}" in c for c in commands):
                    failures.append(f"block {number}: no seslint command writes {report}")
        print(f"block {number}: {len(commands)} seslint command(s) checked")
    finally:
        shutil.rmtree(where)


with open(os.path.join(source, "docs/ci.md")) as page:
    blocks = re.findall(r"```yaml\n(.*?)```", page.read(), re.S)
if len(blocks) < 4:
    failures.append(f"docs/ci.md: expected at least 4 yaml blocks, found {len(blocks)}")
for number, block in enumerate(blocks, 1):
    check_block(number, block)
for line in failures:
    print("FAIL:", line)
sys.exit(1 if failures else 0)
