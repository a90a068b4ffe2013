// Classifies AWS managed policies for seslint: which let their holder send as any SES identity from
// anywhere, and which grant every action (administrator access). Reads the folder that
// /work/shared/tools/managed-policies-corpus writes (one NAME.json per policy) and prints
// rules/aws-managed-policies.json. A grant counts only when an Allow without Condition gives it on
// every resource and no Deny without Condition takes it away; conditional grants are not "from
// anywhere" and are left out.
import fs from "node:fs";
import path from "node:path";

const [dir, source] = process.argv.slice(2);
if (!dir) {
  console.error("usage: generate.mjs CORPUS_DIR [SOURCE]");
  process.exit(2);
}

const list = (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
// IAM globs: '*' any run, '?' one character; actions ignore case.
const glob = (pattern, text, ignoreCase) => {
  const re = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${re}$`, ignoreCase ? "i" : "").test(text);
};
const covers = (statement, action, resource) => {
  const actions = statement.Action !== undefined ? list(statement.Action) : list(statement.NotAction);
  const actionHit = actions.some((p) => typeof p === "string" && glob(p, action, true));
  if (actionHit !== (statement.Action !== undefined)) return false;
  const resources = statement.Resource !== undefined ? list(statement.Resource) : list(statement.NotResource);
  const resourceHit = resources.some((p) => typeof p === "string" && glob(p, resource, false));
  return resourceHit === (statement.Resource !== undefined);
};
const unconditional = (s) => s.Condition === undefined || Object.keys(s.Condition).length === 0;
const allows = (statements, action, resource) =>
  statements.some((s) => s.Effect === "Allow" && unconditional(s) && covers(s, action, resource)) &&
  !statements.some((s) => s.Effect === "Deny" && covers(s, action, resource));

// A made-up identity and a made-up action stand for "any identity" and "every action".
const anyIdentity = "arn:aws:ses:us-east-1:111122223333:identity/any-domain.example";
const sendActions = ["ses:SendEmail", "ses:SendRawEmail"];
const everyAction = ["seslintprobe:AnyAction", "iam:PutUserPolicy"];

const out = [];
for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".json")).sort()) {
  const name = file.slice(0, -".json".length);
  if (name.includes(".v")) continue;  // older versions (ALL_VERSIONS=1)
  const statements = list(JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")).Statement);
  if (everyAction.every((a) => allows(statements, a, "arn:aws:seslintprobe:us-east-1:111122223333:thing/x"))) {
    out.push({ name, grants: "administrator" });
    continue;
  }
  const sending = sendActions.filter((a) => allows(statements, a, anyIdentity));
  if (sending.length > 0) out.push({ name, grants: "send-any-identity", actions: sending });
}
const text = JSON.stringify({ schema: 1, source: source ?? "", policies: out }, null, 2);
process.stdout.write(text + "\n");
