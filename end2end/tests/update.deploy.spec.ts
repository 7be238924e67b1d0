import { expect } from "@playwright/test";
import { ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { bookFromHome, hydrated, mainScript, signIn, test, YOUNG } from "./helpers";

// Two deploys of the app, prepared by scripts/test: DEPLOY_A and DEPLOY_B are each a
// directory with the server's binary, the hash.txt that names its files, and its site.
// They are two different builds (A is the development build, B the release build), so
// every file name of B differs from A's. Both serve the same database, one after the
// other, on DEPLOY_ADDR, the way a real deploy replaces a server.
const deploys = { A: process.env.DEPLOY_A ?? "", B: process.env.DEPLOY_B ?? "" };
const address = process.env.DEPLOY_ADDR ?? "127.0.0.1:3190";
let server: ChildProcess | null = null;

test.use({ baseURL: `http://${address}` });

async function serve(name: "A" | "B") {
  const dir = deploys[name];
  expect(dir, `DEPLOY_${name} names a deploy directory`).not.toBe("");
  const started = spawn(join(dir, "server"), ["serve"], {
    // The repository's root, for its settings file (Leptos.toml).
    cwd: resolve(__dirname, "../.."),
    env: { ...process.env, LEPTOS_SITE_ROOT: join(dir, "site"), LEPTOS_SITE_ADDR: address, RUST_LOG: "warn" },
    stdio: ["ignore", "inherit", "inherit"],
  });
  server = started;
  await expect
    .poll(async () => fetch(`http://${address}/healthz`).then((r) => r.status, () => 0), { timeout: 30_000 })
    .toBe(200);
  expect(started.exitCode, `deploy ${name} is the server that answered`).toBeNull();
}

async function stop() {
  if (!server) return;
  const stopping = server;
  server = null;
  const exited = new Promise((resolve) => stopping.once("exit", resolve));
  stopping.kill("SIGTERM");
  await exited;
}

test.afterEach(stop);

/** The file names a deploy's hash.txt gives its script: `/pkg/culture-pass.<hash>.js`. */
function scriptNamedBy(name: "A" | "B"): string {
  const hashes = readFileSync(join(deploys[name], "hash.txt"), "utf8");
  const js = /^js: *(\S+)$/m.exec(hashes)?.[1];
  expect(js, `hash.txt of ${name} names the script`).toBeTruthy();
  return `/pkg/culture-pass.${js}.js`;
}

test("a new deploy reaches the installed app, which offers to reload, and the tickets stay offline", async ({ page, context }) => {
  test.setTimeout(180_000);
  await serve("A");
  await signIn(page, YOUNG);
  const token = await bookFromHome(page, "La Horde du Contrevent");
  await page.goto("/reservations");
  await hydrated(page);
  expect(await mainScript(page)).toBe(scriptNamedBy("A"));
  await page.evaluate(async () => navigator.serviceWorker.ready);
  // Once the worker controls the page, the tickets are kept.
  await page.reload();
  await hydrated(page);
  await expect(page.getByTestId("booking").filter({ hasText: token })).toBeVisible();
  const versionA = await page.evaluate(() => caches.keys());
  await expect(page.getByTestId("update-banner")).toBeHidden();

  await stop();
  await serve("B");
  expect(scriptNamedBy("B")).not.toBe(scriptNamedBy("A"));
  await page.reload();
  await hydrated(page);
  // The page is B's, and B's worker, installed beside A's, offers to take over.
  expect(await mainScript(page)).toBe(scriptNamedBy("B"));
  const banner = page.getByTestId("update-banner");
  await expect(banner).toBeVisible();
  await expect(banner).toContainText("Nouvelle version disponible");
  const reloaded = page.waitForEvent("load");
  await banner.getByRole("button", { name: "Recharger" }).click();
  await reloaded;
  await hydrated(page);
  await expect(page.getByTestId("update-banner")).toBeHidden();
  expect(await mainScript(page)).toBe(scriptNamedBy("B"));
  // A's files are gone from the phone; B's are kept.
  const shells = (await page.evaluate(() => caches.keys())).filter((k) => k.startsWith("culture-pass-shell-"));
  expect(shells).toHaveLength(1);
  expect(versionA).not.toContain(shells[0]);
  const keptScripts = await page.evaluate(async (shell) => {
    const cache = await caches.open(shell);
    return (await cache.keys()).map((r) => new URL(r.url).pathname).filter((p) => p.endsWith(".js"));
  }, shells[0]);
  expect(keptScripts).toContain(scriptNamedBy("B"));
  expect(keptScripts).not.toContain(scriptNamedBy("A"));

  // The tickets open with no network, in B's app.
  await context.setOffline(true);
  await page.goto("/reservations");
  await hydrated(page);
  expect(await mainScript(page)).toBe(scriptNamedBy("B"));
  const offlineTicket = page.getByTestId("booking").filter({ hasText: token });
  await expect(offlineTicket.getByTestId("booking-qr").locator("svg")).toHaveCount(1);
  await expect(page.getByTestId("offline-banner")).toBeVisible();
  await context.setOffline(false);
});
