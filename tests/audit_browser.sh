#!/bin/sh
# seslint audit --format html in a real headless Chromium: the page is loaded from file://, its
# script runs, and the DOM it leaves is checked (rows per identity, highlighted senders, sorting and
# filtering through the URL fragment, a hostile input shown as text, the rows the script builds equal
# to the no-script rows, and paging on a generated account of more than one page of senders); a
# screenshot is kept in the build directory as an artefact. Skips (77) without Chromium, except under CI=true.
# usage: audit_browser.sh SESLINT SOURCE_DIR BUILD_DIR
set -u
seslint=$1
source_dir=$2
out="$(cd "$3" && pwd)/audit-browser"  # absolute: file:// URLs need it
skip() {
  echo "skipped: $1"
  [ "${CI:-}" != true ] || { echo "CI=true: $(basename "$0") must run, not skip"; exit 1; }
  exit 77
}
find_chromium() { command -v chromium || command -v chromium-browser || true; }
chromium=$(find_chromium)
if [ -z "$chromium" ] && command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  echo "installing Debian's chromium"
  apt-get install -y -qq --no-install-recommends chromium >/dev/null 2>&1 ||
    { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq --no-install-recommends chromium >/dev/null 2>&1; }
  chromium=$(find_chromium)
fi
[ -n "$chromium" ] || skip "chromium not found (scripts/deps installs it)"
command -v python3 >/dev/null || skip "python3 not found"

rm -rf "$out" && mkdir -p "$out" || exit 2
"$seslint" audit "$source_dir/testdata/audit/account" --format html -o "$out/account.html" || exit 1
"$seslint" audit "$source_dir/testdata/audit/hostile" --format html -o "$out/hostile.html" || exit 1
python3 "$source_dir/bench/gen_audit_account.py" 1000 2 "$out/generated" > /dev/null || exit 2
"$seslint" audit "$out/generated" --format html -o "$out/generated.html" || exit 1

# One browser per state, all at once: each run mostly waits on its own start-up.
browse() {  # NAME FILE FRAGMENT [MORE CHROMIUM OPTIONS]: the DOM after load in $out/NAME.dom
  name=$1 file=$2 fragment=$3
  shift 3
  "$chromium" --headless --no-sandbox --disable-gpu --no-first-run --disable-extensions --disable-dev-shm-usage \
    --user-data-dir="$out/profile-$name" "$@" "file://$out/$file#$fragment" > "$out/$name.dom" 2> "$out/$name.log"
}
browse plain account.html "" --dump-dom &
browse sorted account.html "sort=principal&order=desc" --dump-dom &
browse filtered account.html "filter=SMTP-LEGACY" --dump-dom &
browse unrestricted account.html "unrestricted=1&sort=from" --dump-dom &
browse hostile hostile.html "" --dump-dom &
browse paged generated.html "" --dump-dom &
browse paged-sorted generated.html "p1=2&f1=2&sort=principal&order=desc" --dump-dom &
browse paged-unrestricted generated.html "unrestricted=1&filter=ROLE/" --dump-dom &
browse screenshot account.html "" --screenshot="$out/account.png" --window-size=1600,1400 &
wait
rm -rf "$out"/profile-*

python3 - "$out" <<'PY'
import html.parser, json, pathlib, sys

out = pathlib.Path(sys.argv[1])

class Dom(html.parser.HTMLParser):
    """Tables of senders (rows with their cells, class and hidden state), counts, elements seen."""
    def __init__(self):
        super().__init__()
        self.tables, self.tags, self.counts, self.title, self.json = [], [], {}, "", None
        self.pagers, self.pager = {}, None
        self.findings, self.in_findings, self.findings_json = [], False, None
        self.row = self.cell = self.capture = None
        self.in_senders = False
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        if tag == "table" and "senders" in (a.get("class") or ""):
            self.in_senders = True
            self.tables.append([])
        elif tag == "table" and "findings" in (a.get("class") or ""):
            self.in_findings = True
            self.findings.append([])
        elif tag == "tr" and self.in_findings and "class" in a:
            self.row = {"cells": [], "class": a["class"], "hidden": False, "any": []}
        elif tag == "tr" and self.in_senders and "data-index" in a:
            self.row = {"cells": [], "class": a.get("class") or "", "hidden": "hidden" in a, "any": []}
        elif tag == "td" and self.row is not None:
            self.cell = ""
            if "any" in (a.get("class") or ""): self.row["any"].append(len(self.row["cells"]))
        elif tag == "p" and "count" in (a.get("class") or "").split():
            self.capture, self.counts[a["id"]] = ("count", a["id"]), ""
        elif tag == "p" and "pager" in (a.get("class") or ""):
            self.pager = a["id"]
            self.pagers[self.pager] = {"hidden": "hidden" in a, "position": ""}
        elif tag == "span" and self.pager and "position" in (a.get("class") or ""):
            self.capture = ("position", self.pager)
        elif tag == "title":
            self.capture = ("title", None)
        elif tag == "script" and a.get("id") == "audit-json":
            self.capture, self.json = ("json", None), ""
        elif tag == "script" and a.get("id") == "audit-findings":
            self.capture, self.findings_json = ("findings", None), ""
    def handle_endtag(self, tag):
        if tag == "table": self.in_senders = self.in_findings = False
        elif tag == "td" and self.row is not None:
            self.row["cells"].append(self.cell)
            self.cell = None
        elif tag == "tr" and self.row is not None:
            (self.findings if self.in_findings else self.tables)[-1].append(self.row)
            self.row = None
        elif tag in ("p", "title", "script", "span"):
            self.capture = None
            if tag == "p": self.pager = None
    def handle_data(self, data):
        if self.cell is not None: self.cell += data
        if self.capture:
            kind, key = self.capture
            if kind == "count": self.counts[key] += data
            elif kind == "position": self.pagers[key]["position"] += data
            elif kind == "title": self.title += data
            elif kind == "findings": self.findings_json += data
            else: self.json += data

def dom(name, suffix="dom"):
    text = (out / f"{name}.{suffix}").read_text()
    if "</html>" not in text:
        sys.exit(f"FAIL: {name}: no DOM dumped (see {out}/{name}.log)")
    parser = Dom()
    parser.feed(text)
    return parser

failures = []
def check(condition, message):
    if not condition: failures.append(message)

def visible(table): return [r["cells"][0] for r in table if not r["hidden"]]

plain = dom("plain")
check([len(t) for t in plain.tables] == [6, 6], f"rows per identity: {[len(t) for t in plain.tables]}, expected [6, 6]")
check(plain.counts == {"count-1": "6 of 6 senders shown", "count-2": "6 of 6 senders shown"}, f"counts: {plain.counts}")
flagged = [[r["cells"][0] for r in t if "unrestricted" in r["class"]] for t in plain.tables]
check(flagged == [["arn:aws:iam::111122223333:user/bob", "arn:aws:iam::111122223333:user/carol",
                   "arn:aws:iam::111122223333:user/erin", "222233334444"],
                  ["arn:aws:iam::111122223333:user/carol", "arn:aws:iam::111122223333:user/dave",
                   "arn:aws:iam::111122223333:user/erin", "arn:aws:iam::111122223333:role/app-mailer",
                   "arn:aws:iam::111122223333:role/order-notifier"]],
      f"highlighted senders: {flagged}")
bob = plain.tables[0][1]
check(bob["any"] == [3, 4] and bob["cells"][3].startswith("ANY"), f"bob's From and network cells not marked: {bob}")
alice = plain.tables[0][0]
check(alice["any"] == [] and alice["class"] == "", f"alice is restricted, yet marked: {alice}")
report = json.loads(plain.json)
check(report["version"] == 1 and [i["identity"] for i in report["identities"]] == ["acme-corp.io", "notify.acme-corp.io"],
      "embedded JSON report")

sorted_dom = dom("sorted")
first = [r["cells"][0] for r in sorted_dom.tables[0]]
check(first == sorted(first, reverse=True) and len(first) == 6, f"sort=principal&order=desc: {first}")

filtered = dom("filtered")
check([visible(t) for t in filtered.tables] == [["arn:aws:iam::111122223333:user/smtp-legacy"]] * 2,
      f"filter=SMTP-LEGACY: {[visible(t) for t in filtered.tables]}")
check(filtered.counts["count-1"] == "1 of 6 senders shown", f"filtered count: {filtered.counts}")

unrestricted = dom("unrestricted")
shown = [visible(t) for t in unrestricted.tables]
check(shown[0] == sorted(flagged[0], key=lambda p: next(r["cells"][3] for r in plain.tables[0] if r["cells"][0] == p)),
      f"unrestricted=1&sort=from: {shown[0]}")
check(sorted(shown[1]) == sorted(flagged[1]), f"unrestricted=1, second identity: {shown[1]}")

hostile = dom("hostile")
hostile_user = "arn:aws:iam::111122223333:user/<img src=x onerror=\"document.title='pwned'\">"
hostile_identity = "</script><script>document.title='pwned'</script>.example"
check(hostile.title == "seslint audit: who can send as which SES identity", f"title changed: {hostile.title!r}")
check("img" not in hostile.tags and hostile.tags.count("script") == 3, f"elements injected: {sorted(set(hostile.tags))}")
check(any(r["cells"][0] == hostile_user for t in hostile.tables for r in t), "hostile principal not shown as text")
embedded = json.loads(hostile.json)
check([i["identity"] for i in embedded["identities"]] == [hostile_identity], f"embedded identity: {embedded['identities']}")

# Without a script the page holds the first rows of each identity, written by seslint itself: the
# script's rows must be the same, cell for cell.
raw = dom("account", "html")
check(raw.tables == plain.tables, "rows built by the script differ from the page's no-script rows")
check(raw.findings == plain.findings and [len(t) for t in plain.findings] == [7, 4],
      f"findings rows built by the script differ from the no-script rows: {[len(t) for t in plain.findings]}")

# Paging on a generated account: 200 rows per page in the DOM, sorting and filtering over all rows.
paged = dom("paged")
generated = json.loads(paged.json)["identities"][0]["senders"]
principals = [s["principal"] for s in generated]
# Of the cells, only the principal and via can hold "role/" (kinds, actions, addresses and networks cannot).
only_roles = [s["principal"] for s in generated if (s["from"]["any"] or s["network"]["any"]) and
              "role/" in (s["principal"] + " ".join(s["via"])).lower()]
check(len(generated) > 200, f"generated account: {len(generated)} senders, expected more than one page")
check(len(dom("generated", "html").tables[0]) == 10, "no-script rows of the generated account: expected 10")
check(len(paged.tables[0]) == 200 and visible(paged.tables[0]) == principals[:200],
      f"first page: {len(paged.tables[0])} rows")
check(paged.counts["count-1"] == f"{len(generated)} of {len(generated)} senders shown", f"paged count: {paged.counts}")
check(paged.pagers["pager-1"] == {"hidden": False, "position": "page 1 of 2 (rows 1\u2013200)"}, f"pager: {paged.pagers}")
second = dom("paged-sorted")
check(visible(second.tables[0]) == sorted(principals, reverse=True)[200:],
      f"p1=2&f1=2&sort=principal&order=desc: {visible(second.tables[0])[:3]}...")
findings = json.loads(paged.findings_json)
messages = [findings["findings"][i][4] for i in findings["identities"][0]]
check(len(messages) > 400, f"generated account: {len(messages)} findings for the first identity, expected three pages")
check([r["cells"][4] for r in paged.findings[0]] == messages[:200], "first page of findings")
check([r["cells"][4] for r in second.findings[0]] == messages[200:400], "f1=2: second page of findings")
check(second.pagers["findings-pager-1"]["position"] == f"page 2 of {(len(messages) + 199) // 200} (rows 201\u2013400)",
      f"findings pager: {second.pagers}")
check(second.pagers["pager-1"]["position"] == f"page 2 of 2 (rows 201\u2013{len(generated)})", f"pager: {second.pagers}")
filtered_paged = dom("paged-unrestricted")
check(visible(filtered_paged.tables[0]) == only_roles[:200] and
      filtered_paged.counts["count-1"] == f"{len(only_roles)} of {len(generated)} senders shown",
      f"unrestricted=1&filter=ROLE/: {filtered_paged.counts}")

png = (out / "account.png").read_bytes() if (out / "account.png").exists() else b""
check(png.startswith(b"\x89PNG") and len(png) > 10000, "no screenshot")

for failure in failures: print("FAIL:", failure)
print(f"screenshot: {out}/account.png")
sys.exit(1 if failures else 0)
PY
