// polnear-jsonl.mjs SHARED OUT — the PolNeAR dev articles as dateline JSONL
// (id, date, title, publisher from metadata.tsv) for the API and browser
// tests' store. Generated, never committed.
import fs from "node:fs";
import path from "node:path";

const [shared, out] = process.argv.slice(2);
const root = path.join(shared, "eval/quotes/polnear");
const meta = new Map();
const lines = fs.readFileSync(path.join(root, "metadata.tsv"), "utf8").split("\n");
const head = lines[0].split("\t");
for (const line of lines.slice(1)) {
  const f = line.split("\t");
  if (f.length < head.length) continue;
  const row = Object.fromEntries(head.map((h, i) => [h, f[i]]));
  meta.set(row.filename, row);
}
const dir = path.join(root, "dev/text");
const docs = [];
for (const name of fs.readdirSync(dir).sort()) {
  const id = name.replace(/\.txt$/, "");
  const m = meta.get(id) || {};
  const date = m.publication_date || (id.match(/\d{4}-\d{2}-\d{2}/) || [])[0];
  if (!date) continue;
  const text = fs.readFileSync(path.join(dir, name), "utf8");
  docs.push(JSON.stringify({ id, date, title: m.title, source: m.publisher, text }));
}
fs.writeFileSync(out, docs.join("\n") + "\n");
console.log(`${docs.length} PolNeAR dev articles -> ${out}`);
