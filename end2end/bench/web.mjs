// How the app feels on a mid-range phone on a weak connection: Chromium with its CPU
// slowed 4× and the network of Lighthouse's "slow 4G" (1.6 Mb/s down, 750 kb/s up,
// 150 ms round trip), on the youth pages (a Pixel 7), and the partner dashboard on a
// desktop without throttling. Each page is loaded cold (a fresh context: empty cache)
// then reloaded warm (the same context), RUNS times; the medians are printed:
// time to first byte, first and largest contentful paint, time until the page answers
// a tap (the app marks <html data-hydrated=true> once hydrated), cumulative layout
// shift, and the bytes that crossed the network by type.
// Run by `scripts/bench web` against a release server (BASE_URL) with the demo data.
// Service workers are blocked: the warm load measures the HTTP cache (hashed files
// are `immutable`), not the worker's copies.
import { chromium, devices } from "@playwright/test";

const BASE_URL = process.env.BASE_URL ?? "http://127.0.0.1:3400";
const RUNS = Number(process.env.RUNS ?? 3);
const SLOW_4G = { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 };
const CASES = [
  { path: "/", device: "Pixel 7", throttled: true },
  { path: "/carte?lieu=strasbourg", device: "Pixel 7", throttled: true },
  { path: "/offres/1", device: "Pixel 7", throttled: true },
  { path: "/pro", device: "Desktop Chrome", throttled: false, partner: true },
];
const PARTNER = { email: "partenaire@demo.culture-pass.fr", password: "demo-culture-pass" };

// In every page, before its own scripts: when the app marks itself hydrated, and the
// largest contentful paint and layout shifts as the browser reports them.
const probe = () => {
  window.__bench = { hydrated: null, lcp: null, cls: 0 };
  // The document has no element yet when this runs: watch the whole document.
  new MutationObserver((_, observer) => {
    if (document.documentElement?.dataset.hydrated === "true") {
      window.__bench.hydrated = performance.now();
      observer.disconnect();
    }
  }).observe(document, { attributes: true, subtree: true, attributeFilter: ["data-hydrated"] });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__bench.lcp = entry.startTime;
  }).observe({ type: "largest-contentful-paint", buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__bench.cls += entry.value;
  }).observe({ type: "layout-shift", buffered: true });
};

const kind = (type) =>
  /html/.test(type) ? "html" : /css/.test(type) ? "css" : /javascript/.test(type) ? "js"
    : /wasm/.test(type) ? "wasm" : /image/.test(type) ? "image" : "other";

async function load(page, go) {
  const transferred = { html: 0, css: 0, js: 0, wasm: 0, image: 0, other: 0 };
  const finished = [];
  const listener = (request) => finished.push(request);
  page.on("requestfinished", listener);
  await go();
  await page.waitForSelector("html[data-hydrated=true]", { timeout: 60_000 });
  await page.waitForLoadState("networkidle");
  // One more frame, so that the last paints and shifts are reported.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 100))));
  page.off("requestfinished", listener);
  for (const request of finished) {
    const response = await request.response();
    if (!response) continue;
    const sizes = await request.sizes();
    transferred[kind(response.headers()["content-type"] ?? "")] += sizes.responseBodySize + sizes.responseHeadersSize;
  }
  const timing = await page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0];
    const fcp = performance.getEntriesByName("first-contentful-paint")[0];
    return {
      ttfb: nav.responseStart - nav.startTime,
      fcp: fcp ? fcp.startTime : null,
      lcp: window.__bench.lcp,
      interactive: window.__bench.hydrated,
      cls: window.__bench.cls,
    };
  });
  return { ...timing, ...transferred };
}

const median = (values) => {
  const sorted = values.filter((v) => v !== null).sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)] : null;
};

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
const rows = [];
for (const c of CASES) {
  const runs = { cold: [], warm: [] };
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext({ ...devices[c.device], locale: "fr-FR", serviceWorkers: "block" });
    if (c.partner) {
      const answer = await context.request.post(`${BASE_URL}/api/login`, { form: PARTNER, headers: { Accept: "application/json" } });
      if (!answer.ok()) throw new Error(`partner sign-in: ${answer.status()}`);
    }
    await context.addInitScript(probe);
    const page = await context.newPage();
    if (c.throttled) {
      const cdp = await context.newCDPSession(page);
      await cdp.send("Network.enable");
      await cdp.send("Network.emulateNetworkConditions", SLOW_4G);
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    }
    runs.cold.push(await load(page, () => page.goto(BASE_URL + c.path)));
    runs.warm.push(await load(page, () => page.reload()));
    await context.close();
  }
  for (const cache of ["cold", "warm"]) {
    const row = { page: c.path, device: `${c.device}${c.throttled ? ", 4× CPU, slow 4G" : ""}`, cache };
    for (const key of Object.keys(runs[cache][0])) row[key] = median(runs[cache].map((r) => r[key]));
    rows.push(row);
  }
}
await browser.close();

const ms = (v) => (v === null ? "-" : `${Math.round(v)}`);
const kib = (v) => (v / 1024).toFixed(1);
console.log(`medians of ${RUNS} runs; times in ms from the start of navigation, bytes in KiB as transferred`);
console.log(
  ["page".padEnd(22), "cache", "  ttfb", "   fcp", "   lcp", " inter.", "  cls ", "  html", "   css", "    js", "   wasm", " image", " other"].join(" "),
);
for (const r of rows) {
  console.log(
    [
      r.page.padEnd(22), r.cache.padEnd(5), ms(r.ttfb).padStart(6), ms(r.fcp).padStart(6), ms(r.lcp).padStart(6),
      ms(r.interactive).padStart(7), r.cls.toFixed(3).padStart(6), kib(r.html).padStart(6), kib(r.css).padStart(6),
      kib(r.js).padStart(6), kib(r.wasm).padStart(7), kib(r.image).padStart(6), kib(r.other).padStart(6),
    ].join(" "),
  );
}
for (const c of CASES) console.log(`${c.path}: ${c.device}${c.throttled ? ", CPU 4× slower, 1.6 Mb/s, 150 ms RTT" : ", no throttling"}`);
