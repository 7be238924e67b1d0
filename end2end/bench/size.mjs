// What a young person's first visit downloads, page by page: every file the page asks
// for until the network is idle, with the bytes that crossed the network (brotli when
// the server has it) and two totals per page: the app (HTML, CSS, JS and WASM, Leaflet's
// included on the map), against the budget of issue 14, and everything (images, the
// map's outlines and server functions' answers too).
// Run by `scripts/bench size` against a release server (BASE_URL) with the demo data.
// A fresh browser context per page: an empty cache, as on a first visit.
import { chromium, devices } from "@playwright/test";

const BASE_URL = process.env.BASE_URL ?? "http://127.0.0.1:3400";
const BUDGET = 250 * 1024;
const PAGES = ["/", "/carte?lieu=strasbourg", "/recherche?q=concert", "/offres/1"];
// Pages measured the same way but not held to the budget, which is a young person's first
// visit: two venues (served as islands; the demo's first has no place on the map, the
// second has its small map) and signing in (served as the whole app: what the whole
// app's split costs).
const OTHER_PAGES = ["/lieux/1", "/lieux/2", "/connexion"];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
let over = false;
const rows = [];
for (const path of [...PAGES, ...OTHER_PAGES]) {
  const context = await browser.newContext({ ...devices["Pixel 7"], locale: "fr-FR", serviceWorkers: "block" });
  const page = await context.newPage();
  const responses = [];
  page.on("requestfinished", (request) => responses.push(request));
  await page.goto(BASE_URL + path, { waitUntil: "networkidle" });
  await page.waitForSelector("html[data-hydrated=true]", { timeout: 30_000 });
  await page.waitForLoadState("networkidle");
  let total = 0;
  let app = 0;
  for (const request of responses) {
    const response = await request.response();
    if (!response) continue;
    const sizes = await request.sizes();
    const bytes = sizes.responseBodySize;
    total += bytes;
    const type = (response.headers()["content-type"] ?? "").split(";")[0];
    if (/html|css|javascript|wasm/.test(type)) app += bytes;
    const url = new URL(request.url());
    rows.push({
      page: path,
      file: url.origin === new URL(BASE_URL).origin ? url.pathname + url.search : url.href,
      type,
      encoding: response.headers()["content-encoding"] ?? "none",
      bytes,
    });
  }
  rows.push({ page: path, file: "TOTAL app (HTML, CSS, JS, WASM)", type: "", encoding: "", bytes: app });
  rows.push({ page: path, file: "TOTAL everything", type: "", encoding: "", bytes: total });
  if (PAGES.includes(path) && app > BUDGET) over = true;
  await context.close();
}
await browser.close();

const kib = (bytes) => (bytes / 1024).toFixed(1);
console.log(`${"page".padEnd(24)} ${"file".padEnd(52)} ${"type".padEnd(24)} ${"encoding".padEnd(8)} ${"KiB".padStart(8)}`);
for (const row of rows) {
  const file = row.file.length > 52 ? row.file.slice(0, 49) + "..." : row.file;
  console.log(`${row.page.padEnd(24)} ${file.padEnd(52)} ${row.type.padEnd(24)} ${row.encoding.padEnd(8)} ${kib(row.bytes).padStart(8)}`);
}
console.log(`budget of the app per first page (${PAGES.join(", ")}): ${kib(BUDGET)} KiB: ${over ? "EXCEEDED" : "met"}`);
