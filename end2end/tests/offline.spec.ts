import { BrowserContext, expect, Page } from "@playwright/test";
import { bookFromHome, hydrated, signIn, signUp, test, YOUNG } from "./helpers";

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
  const token = await bookFromHome(page, "La Horde du Contrevent");

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

test("sign up, book a duo event, keep the ticket offline, cancel within the window", async ({ page, context }) => {
  await signUp(page, "Lina");
  await expect(page.getByTestId("wallet-balance")).toHaveText("500 €");

  await page.goto("/");
  await page.getByTestId("offer-card").filter({ hasText: "Cyrano de Bergerac" }).first().click();
  await expect(page).toHaveURL(/\/offres\/\d+$/);
  await hydrated(page);
  // The latest date: always more than 48 hours ahead, so the booking stays cancellable.
  await page.getByTestId("open-booking").click();
  await page.getByTestId("stock-choice").last().check();
  await page.getByLabel("2 places (duo)").check();
  await expect(page.getByTestId("summary-total")).toHaveText("20 €");
  await expect(page.getByTestId("summary-remaining")).toHaveText("480 €");
  await page.getByRole("button", { name: "Confirmer la réservation" }).click();
  await expect(page.getByTestId("booking-confirmation")).toContainText("20 €");

  await page.goto("/reservations");
  await page.getByTestId("booking").filter({ hasText: "Cyrano de Bergerac" }).getByRole("link", { name: "Cyrano de Bergerac" }).click();
  const ticket = page.getByTestId("ticket");
  await expect(ticket.getByTestId("booking-qr").locator("svg")).toHaveCount(1);
  await expect(ticket).toContainText("2 places");
  await expect(ticket.getByTestId("cancel-countdown")).toContainText("pour annuler");
  const ticketUrl = page.url();

  // Kept by the service worker once it controls the page.
  await hydrated(page);
  await page.evaluate(async () => navigator.serviceWorker.ready);
  await page.goto("/reservations");
  await page.goto(ticketUrl);
  await context.setOffline(true);
  await page.goto("/reservations");
  await expect(page.getByTestId("booking").filter({ hasText: "Cyrano de Bergerac" }).getByTestId("booking-qr").locator("svg")).toHaveCount(1);
  await page.goto(ticketUrl);
  await expect(page.getByTestId("ticket").getByTestId("booking-qr").locator("svg")).toHaveCount(1);
  await expect(page.getByTestId("offline-banner")).toBeVisible();

  await context.setOffline(false);
  await page.reload();
  await hydrated(page);
  await page.getByRole("button", { name: "Annuler la réservation" }).click();
  await expect(page.getByTestId("ticket").getByTestId("booking-ended")).toHaveText("Annulée par toi, crédit rendu");
  await page.goto("/portefeuille");
  await expect(page.getByTestId("wallet-balance")).toHaveText("500 €");
});

test.describe("with no service worker", () => {
  test.use({ serviceWorkers: "block" });

  test("a tap in the bottom bar with the network off says so, without a status number", async ({ page, context }) => {
    await signUp(page, "Nour");
    // A page of the whole app, where a tap is the app's own navigation (from a page served
    // as islands, like the wallet sign-up leads to, it is the browser's).
    await page.goto("/compte");
    await hydrated(page);
    await context.setOffline(true);
    await bottomBar(page).getByRole("link", { name: "Réservations" }).click();
    await expect(page.getByTestId("error")).toContainText("vérifie ta connexion");
    await expect(page.getByTestId("error")).not.toContainText("400");
    await context.setOffline(false);
  });
});

test("tickets reached only by taps open offline from a tap, and a tab never kept says the network is missing", async ({ page, context }) => {
  await signUp(page, "Ines");
  await page.evaluate(async () => navigator.serviceWorker.ready);
  // From here every page is loaded under the worker, then reached by taps.
  const token = await bookFromHome(page, "La Horde du Contrevent");
  await page.getByRole("link", { name: "Voir mon billet" }).click();
  await expect(page.getByTestId("ticket")).toContainText(token);
  await bottomBar(page).getByRole("link", { name: "Réservations" }).click();
  await expect(page.getByTestId("booking").filter({ hasText: token })).toBeVisible();
  // The page asked the worker to keep it: it never loaded through the worker.
  await expect
    .poll(() => page.evaluate(async () => Boolean(await (await caches.open("culture-pass-tickets")).match("/reservations"))))
    .toBe(true);
  const ticket = await tapTicketsOffline(page, context, token);
  await expect(page).toHaveURL(/\/reservations$/);

  // The profile, never kept: the page itself needs no data, and its list of mails says
  // the network is missing, in place.
  await hydrated(page);
  await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
  await bottomBar(page).getByRole("link", { name: "Profil" }).click();
  await expect(page.getByRole("heading", { name: "Mon compte", exact: true })).toBeVisible();
  await expect(page.getByTestId("error")).toContainText("vérifie ta connexion");
  await expect(page).toHaveURL(/\/compte$/);
  // Not loaded again: a section's error is not the page's.
  expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
  await context.setOffline(false);
});

test("a booking just made opens offline from the Réservations tab, its ticket never opened", async ({ page, context }) => {
  await signUp(page, "Lino");
  await page.evaluate(async () => navigator.serviceWorker.ready);
  const token = await bookFromHome(page, "La Horde du Contrevent");
  // The confirmation asked the worker to keep the ticket, and the list with it.
  const ticketPath = (await page.getByTestId("see-ticket").getAttribute("href")) ?? "";
  expect(ticketPath).toMatch(/^\/reservations\/\d+$/);
  await expect
    .poll(() =>
      page.evaluate(async (path) => {
        const kept = await caches.open("culture-pass-tickets");
        return Boolean((await kept.match("/reservations")) && (await kept.match(path)));
      }, ticketPath),
    )
    .toBe(true);
  await page.getByTestId("close-confirmation").click();
  const ticket = await tapTicketsOffline(page, context, token);
  // Its ticket, never opened online, opens too.
  await ticket.getByRole("link", { name: "La Horde du Contrevent" }).click();
  await expect(page.getByTestId("ticket")).toContainText(token);
  await expect(page).toHaveURL(new RegExp(`${ticketPath}$`));
  await context.setOffline(false);
});

/** From the home, by taps: the network goes, the "Réservations" tab still shows the
 * booking of `token` with its QR code, under the offline banner. Its card. */
test("the list of tickets loaded for its own address, left by taps, opens offline from a tap on its tab", async ({ page, context }) => {
  await signUp(page, "Lou");
  await page.evaluate(async () => navigator.serviceWorker.ready);
  const token = await bookFromHome(page, "La Horde du Contrevent");
  // The list as a document of its own (a link from a page served as islands loads it so).
  await page.goto("/reservations");
  await hydrated(page);
  await bottomBar(page).getByRole("link", { name: "Profil" }).click();
  await expect(page.getByRole("heading", { name: "Mon compte", exact: true })).toBeVisible();
  await context.setOffline(true);
  // Back to the list by a tap: the worker's copy, not the app's "check your connection".
  await bottomBar(page).getByRole("link", { name: "Réservations" }).click();
  await expect(page.getByTestId("booking").filter({ hasText: token }).getByTestId("booking-qr").locator("svg")).toHaveCount(1);
  await expect(page.getByTestId("offline-banner")).toBeVisible();
  await context.setOffline(false);
});

async function tapTicketsOffline(page: Page, context: BrowserContext, token: string) {
  await bottomBar(page).getByRole("link", { name: "Découvrir" }).click();
  await hydrated(page);

  await context.setOffline(true);
  await bottomBar(page).getByRole("link", { name: "Réservations" }).click();
  const ticket = page.getByTestId("booking").filter({ hasText: token });
  await expect(ticket.getByTestId("booking-qr").locator("svg")).toHaveCount(1);
  await expect(page.getByTestId("offline-banner")).toBeVisible();
  return ticket;
}

function bottomBar(page: Page) {
  return page.getByRole("navigation", { name: "Navigation principale" });
}
