// A client of the thiduakhenthuong HTTP API in JavaScript (Node 18 or later: fetch, FormData
// and Blob are built in). Usage: node api_client.mjs http://127.0.0.1:8765 units.xlsx
// It lists the rule sets, scores the workbook with lao-cai-2023 and prints the ranking and
// the explanation of the first unit's points, criterion by criterion with its citation; an
// error is problem+json with the command line's words.
import { readFile } from "node:fs/promises";
import { basename } from "node:path";

const [base = "http://127.0.0.1:8765", path = "units.xlsx"] = process.argv.slice(2);

const sets = await (await fetch(`${base}/api/v1/rulesets`)).json();
console.log("rule sets:", sets.map((s) => `${s.id} (${s.kind})`).join(", "));

const form = new FormData();
form.append("data", new Blob([await readFile(path)]), basename(path));
const res = await fetch(`${base}/api/v1/rulesets/lao-cai-2023/score?lang=en`, {
  method: "POST",
  body: form,
});
if (res.headers.get("content-type").startsWith("application/problem+json")) {
  const problem = await res.json();
  console.error(`${problem.title}: ${problem.detail} (exit code ${problem.exit_code})`);
  process.exit(problem.exit_code);
}
const result = await res.json();
for (const u of result.units) {
  console.log(`${u.rank_overall}. ${u.name}: ${u.total} points, ${u.class_title.en}`);
}
const first = result.units[0];
for (const c of first.criteria) {
  console.log(`  why: ${c.title.en} [${c.cite}]: ${c.points} of ${c.max_points} points`);
}
console.log(`exit code ${res.headers.get("tdkt-exit-code")}, rejected rows ${result.rejected.length}`);
