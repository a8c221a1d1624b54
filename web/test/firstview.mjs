// firstview.mjs URL [TIMES] — the page's first view (overview) in headless
// Chromium: milliseconds from navigation to the view drawn (its data
// fetched, the chart made), the best and the worst of TIMES fresh loads.
// For make bench (bench/api.sh) on the million-event store.
import { chromium } from "playwright-core";

const [base, times = "5"] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run"],
});
const ms = [];
for (let i = 0; i < Number(times); i++) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const t0 = Date.now();
  await page.goto(`${base}/`);
  await page.waitForSelector('#view[data-ready="1"]', { timeout: 60000 });
  await page.waitForSelector("#view .uplot", { timeout: 60000 });
  ms.push(Date.now() - t0);
  await context.close();
}
await browser.close();
ms.sort((a, b) => a - b);
console.log(`${ms[0]} ${ms[ms.length - 1]}`);
