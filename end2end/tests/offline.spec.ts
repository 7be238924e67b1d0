import { expect, test } from "@playwright/test";
import { hydrated, signIn, YOUNG } from "./helpers";

test("the app is installable: a manifest with icons and a service worker", async ({ page, request }) => {
  const manifest = await (await request.get("/manifest.webmanifest")).json();
  expect(manifest.display).toBe("standalone");
  expect(manifest.start_url).toBe("/");
  const sizes = manifest.icons.map((i: { sizes: string; purpose: string }) => `${i.sizes} ${i.purpose}`);
  expect(sizes).toEqual(expect.arrayContaining(["192x192 any", "512x512 any", "512x512 maskable"]));
  for (const icon of manifest.icons) expect((await request.get(icon.src)).status()).toBe(200);

  await page.goto("/");
  await hydrated(page);
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  expect(scope).toMatch(/\/$/);
});

test("tickets open with no network, with a banner saying they may be stale", async ({ page, context }) => {
  await signIn(page, YOUNG);
  await page.goto("/");
  await page.getByTestId("offer-card").filter({ hasText: "La Horde du Contrevent" }).first().click();
  await hydrated(page);
  await page.getByRole("button", { name: "Réserver" }).first().click();
  const token = ((await page.getByTestId("booking-confirmation").getByTestId("booking-token").textContent()) ?? "").trim();
  expect(token).toMatch(/^[A-HJ-NP-Z2-7]{6}$/);

  await page.goto("/reservations");
  await hydrated(page);
  await page.evaluate(async () => navigator.serviceWorker.ready);
  // Once the worker controls the page, this visit is kept.
  await page.reload();
  await hydrated(page);
  await expect(page.getByTestId("booking").filter({ hasText: token })).toBeVisible();

  await context.setOffline(true);
  await page.reload();
  const ticket = page.getByTestId("booking").filter({ hasText: token });
  await expect(ticket).toBeVisible();
  await expect(ticket.getByTestId("booking-qr").locator("svg")).toHaveCount(1);
  await expect(page.getByTestId("offline-banner")).toBeVisible();

  await page.goto("/favoris");
  await expect(page.getByRole("heading", { name: "Pas de réseau" })).toBeVisible();
  await context.setOffline(false);
});
