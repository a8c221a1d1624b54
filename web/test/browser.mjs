// browser.mjs URL OUTDIR — the page in Debian's Chromium, headless, driven
// by playwright-core, against a `dateline serve` on a loopback port: each
// view renders without console errors, a network node click filters the
// events table, a map click shows that place's events, the URL reproduces
// a view after reload and the back button returns, the article view
// highlights the event's spans, a CSV download holds the rows shown.
// Screenshots go to OUTDIR. Ends "browser: N passed, N failed".
import fs from "node:fs";
import path from "node:path";

// playwright-core is installed with the page's packages, in web/node_modules
import { chromium } from "playwright-core";

const [base, outdir] = process.argv.slice(2);
fs.mkdirSync(outdir, { recursive: true });
let pass = 0,
  fail = 0;
const ok = (name) => {
  pass++;
  console.log(`ok - ${name}`);
};
const no = (name, why) => {
  fail++;
  console.log(`not ok - ${name}`);
  if (why) console.log(`#   ${String(why).slice(0, 600).replace(/\n/g, "\n#   ")}`);
};
async function check(name, fn) {
  try {
    const r = await fn();
    if (r === false) no(name, "condition false");
    else ok(name);
  } catch (e) {
    no(name, e.stack || e);
  }
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run"],
});
const context = await browser.newContext({
  viewport: { width: 1400, height: 900 },
  acceptDownloads: true,
});
const page = await context.newPage();
const problems = [];
page.on("console", (m) => {
  if (m.type() === "error") problems.push(`console: ${m.text()}`);
});
page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
// the page must make no request outside the server
page.on("request", (r) => {
  if (!r.url().startsWith(base) && !r.url().startsWith("data:") && !r.url().startsWith("blob:"))
    problems.push(`external request: ${r.url()}`);
});

async function open(hash) {
  problems.length = 0;
  await page.goto(`${base}/#${hash}`);
  await page.waitForSelector('#view[data-ready="1"]', { timeout: 20000 });
}
async function ready() {
  await page.waitForFunction(() => document.querySelector("#view").dataset.ready === "1", null, {
    timeout: 20000,
  });
}
async function clean(name) {
  const err = await page.$$eval("#view .error", (e) => e.map((x) => x.textContent));
  if (problems.length || err.length)
    throw new Error(`${name}: ${[...problems, ...err].join("; ")}`);
}
const shot = (name) => page.screenshot({ path: path.join(outdir, `${name}.png`), fullPage: false });

// an event with a place and a source, for the article and map checks
const ev = await (await fetch(`${base}/api/events?dyad=RUS:UKR&limit=1`)).json();
const doc = ev.rows[0];

await check("overview renders: counts, a time series on a date axis, dyads", async () => {
  await open("view=overview");
  await clean("overview");
  const n = await page.$$eval("#dyads tr", (r) => r.length);
  const canvas = await page.$("#chart .uplot canvas");
  const total = await page.textContent("#count-events b");
  await shot("overview");
  return n > 1 && canvas !== null && Number(total.replace(/,/g, "")) > 0;
});

await check("overview: dragging across the chart sets the date range", async () => {
  const box = await (await page.$("#chart .u-over")).boundingBox();
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.7, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  await page.waitForFunction(
    () => location.hash.includes("from=") && location.hash.includes("to="),
  );
  await ready();
  await clean("overview zoomed");
  const h = new URLSearchParams((await page.evaluate(() => location.hash)).slice(1));
  return h.get("from") <= h.get("to");
});

await check("network renders and a node click filters the events table by that actor", async () => {
  await open("view=network");
  await clean("network");
  await page.waitForFunction(() => window.__dlNetwork && window.__dlNetwork().length > 0);
  await page.waitForTimeout(300);
  await shot("network");
  const nodes = await page.evaluate(() => window.__dlNetwork());
  const node = nodes.sort((a, b) => b.events - a.events)[0];
  const box = await (await page.$("#net")).boundingBox();
  await page.mouse.click(box.x + node.x, box.y + node.y);
  await page.waitForFunction(() => location.hash.includes("view=events"));
  await ready();
  await clean("events after node click");
  const actor = new URLSearchParams((await page.evaluate(() => location.hash)).slice(1)).get(
    "actor",
  );
  const cells = await page.$$eval("#events tr", (rows) =>
    rows.slice(1).map((r) => [r.cells[1].textContent, r.cells[3].textContent]),
  );
  if (actor !== node.id) throw new Error(`actor ${actor}, clicked ${node.id}`);
  if (!cells.length) throw new Error("no rows");
  const bad = cells.filter(([s, t]) => !s.startsWith(actor) && !t.startsWith(actor));
  if (bad.length) throw new Error(`rows without ${actor}: ${JSON.stringify(bad.slice(0, 3))}`);
  return true;
});

await check("map renders offline and a click shows that place's events", async () => {
  await open("view=map");
  await clean("map");
  await page.waitForFunction(() => window.__dlMapClusters && window.__dlMapClusters().length > 0);
  await shot("map");
  const clusters = await page.evaluate(() => window.__dlMapClusters());
  const c = clusters.sort((a, b) => b.events - a.events)[0];
  const box = await (await page.$("#map")).boundingBox();
  await page.mouse.click(box.x + c.x, box.y + c.y);
  await page.waitForSelector("#map-total", { timeout: 10000 });
  const total = Number((await page.textContent("#map-total")).replace(/\D/g, ""));
  const rows = await page.$$eval("#map-events #events tr", (r) => r.length - 1);
  await shot("map-click");
  if (total < 1 || rows < 1) throw new Error(`total ${total} rows ${rows}`);
  if (total < c.events) throw new Error(`cluster has ${c.events} events, the list ${total}`);
  return true;
});

await check("events renders a page with the total, newest first", async () => {
  await open("view=events");
  await clean("events");
  await shot("events");
  const dates = await page.$$eval("#events tr", (rows) =>
    rows.slice(1).map((r) => r.cells[0].textContent),
  );
  const total = await page.textContent("#total");
  return (
    dates.length === 50 && dates.join() === [...dates].sort().reverse().join() && /\d/.test(total)
  );
});

await check("the URL reproduces a view after reload, and back returns to it", async () => {
  await open("view=events&actor=USA&sort=-goldstein&offset=50");
  const before = await page.$$eval("#events tr", (rows) =>
    rows.map((r) => r.textContent).join("\n"),
  );
  const range = await page.textContent(".pager .range");
  await page.reload();
  await page.waitForSelector('#view[data-ready="1"]');
  const after = await page.$$eval("#events tr", (rows) =>
    rows.map((r) => r.textContent).join("\n"),
  );
  const actor = await page.inputValue('#filters [name="actor"]');
  if (before !== after || actor !== "USA" || !range.startsWith("51"))
    throw new Error(`reload differs (${range}, actor ${actor})`);
  await page.click('#tabs a[data-view="quotes"]');
  await page.waitForFunction(() => document.querySelector("#view").dataset.view === "quotes");
  await ready();
  await page.goBack();
  await page.waitForFunction(() => document.querySelector("#view").dataset.view === "events");
  await ready();
  const back = await page.$$eval("#events tr", (rows) => rows.map((r) => r.textContent).join("\n"));
  return back === before;
});

await check("filters a view does not apply are shown as not applicable", async () => {
  await open("view=quotes");
  await clean("quotes");
  await shot("quotes");
  const na = await page.$eval(
    '#filters [name="actor"]',
    (i) => i.disabled && i.closest("label").classList.contains("na"),
  );
  const on = await page.$eval('#filters [name="speaker"]', (i) => !i.disabled);
  return na && on;
});

await check(
  "article highlights the event's spans in its sentence, with the explain trail",
  async () => {
    await open(`view=article&doc=${encodeURIComponent(doc.doc)}&sentence=${doc.sentence}`);
    await clean("article");
    await shot("article");
    const focus = await page.$eval(".s.focus", (s) => ({
      sentence: s.dataset.sentence,
      event: s.querySelectorAll(".l-event").length,
      actor: s.querySelectorAll(".l-actor").length,
      text: [...s.querySelectorAll(".l-event")].map((e) => e.textContent).join(""),
    }));
    const why = await page.textContent("#explain");
    if (String(focus.sentence) !== String(doc.sentence)) throw new Error("wrong sentence focused");
    if (!focus.event || !focus.actor) throw new Error(`no highlights: ${JSON.stringify(focus)}`);
    if (!doc.evidence.startsWith(focus.text.slice(0, 20)))
      throw new Error(`event span '${focus.text.slice(0, 40)}' is not the evidence`);
    return why.includes(doc.source) && /\.txt:\d+/.test(why);
  },
);

await check("search: plain words with punctuation work, FTS errors are for people", async () => {
  for (const q of ["U.S.", "Putin's", "Clinton-Trump"]) {
    await open(`view=search&q=${encodeURIComponent(q)}`);
    await clean(`search ${q}`);
    const n = Number((await page.textContent("#total")).replace(/\D/g, ""));
    if (n < 1) throw new Error(`no hits for ${q}`);
  }
  await shot("search");
  await open(`view=search&q=${encodeURIComponent('"unbalanced')}&fts=1`);
  const msg = await page.textContent("#view .error");
  return /FTS syntax/.test(msg) && !/fts5|unterminated/.test(msg);
});

await check("a CSV download has the rows shown", async () => {
  await open("view=events&sort=-goldstein");
  const shown = await page.$$eval("#events tr", (rows) =>
    rows.slice(1).map((r) => [r.cells[0].textContent, r.cells[4].textContent]),
  );
  const [dl] = await Promise.all([
    page.waitForEvent("download"),
    page.click("#view .tools button.csv"),
  ]);
  const file = path.join(outdir, "events.csv");
  await dl.saveAs(file);
  const lines = fs.readFileSync(file, "utf8").trim().split("\n");
  const head = lines[0].split(",");
  const di = head.indexOf("date"),
    gi = head.indexOf("goldstein");
  const first = lines[1].split(",");
  if (lines.length - 1 !== shown.length)
    throw new Error(`${lines.length - 1} CSV rows, ${shown.length} shown`);
  return first[di] === shown[0][0] && Number(first[gi]) === Number(shown[0][1]);
});

await browser.close();
console.log(`browser: ${pass} passed, ${fail} failed`);
process.exit(fail ? 1 : 0);
