// Every page of the young person's app, signed out and signed in, checked by axe-core
// (WCAG 2.2 A and AA) on a phone: no serious or critical violation.
import { expect, type Locator, type Page } from "@playwright/test";
import { bookFromHome, expectAccessible, hydrated, signUp, test } from "./helpers";

test("signed out: discovery, an offer, its venue, signing in and up, the texts", async ({ page }) => {
  for (const path of [
    "/?lieu=strasbourg",
    "/recherche?q=concert",
    "/carte?lieu=strasbourg",
    "/connexion",
    "/inscription",
    "/mot-de-passe-oublie",
    "/conditions",
    "/confidentialite",
  ]) {
    await page.goto(path);
    await hydrated(page);
    await expectAccessible(page);
  }
  await page.goto("/?lieu=strasbourg");
  await page.getByTestId("offer-card").filter({ hasText: "L'Étranger" }).first().click();
  await hydrated(page);
  await expectAccessible(page);
  await page.getByRole("link", { name: "Librairie Kléber", exact: true }).click();
  await expect(page).toHaveURL(/\/lieux\/\d+$/);
  await hydrated(page);
  await expectAccessible(page);
});

test("signed in: the wallet, the booking sheet and its confirmation, bookings, a ticket, the account", async ({ page }) => {
  await signUp(page, "Aude");
  await expectAccessible(page);
  await page.goto("/?lieu=strasbourg");
  await page.getByTestId("offer-card").filter({ hasText: "La Horde du Contrevent" }).first().click();
  await hydrated(page);
  await page.getByTestId("open-booking").click();
  await expect(page.getByRole("button", { name: "Confirmer la réservation" })).toBeVisible();
  await expectAccessible(page);
  await bookFromHome(page, "La Horde du Contrevent");
  await expectAccessible(page);
  for (const path of ["/reservations", "/favoris", "/mes-lieux", "/notifications", "/compte", "/hors-ligne"]) {
    await page.goto(path);
    await hydrated(page);
    await expectAccessible(page);
  }
  await page.goto("/reservations");
  await hydrated(page);
  await page
    .getByTestId("booking")
    .filter({ hasText: "La Horde du Contrevent" })
    .getByRole("link", { name: "La Horde du Contrevent" })
    .click();
  await expect(page.getByTestId("ticket")).toBeVisible();
  await hydrated(page);
  await expectAccessible(page);
});

test("the check bites: a button without a name and grey-on-grey text are reported", async ({ page }) => {
  await page.goto("/connexion");
  await hydrated(page);
  await page.evaluate(() => {
    const main = document.querySelector("main")!;
    const button = document.createElement("button");
    main.append(button);
    const faint = document.createElement("p");
    faint.textContent = "Presque invisible";
    faint.style.color = "#bbb";
    faint.style.background = "#ccc";
    main.append(faint);
  });
  await expect(expectAccessible(page)).rejects.toThrow(/critical button-name/);
  await expect(expectAccessible(page)).rejects.toThrow(/serious color-contrast/);
});

/** Presses Tab until `target` has the focus (at most `limit` times). */
async function tabTo(page: Page, target: Locator, limit = 80) {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  await expect(target).toBeFocused();
}

test("the keyboard alone: the skip link, then an offer booked with Tab and Enter", async ({ page }) => {
  await signUp(page, "Clavier");
  await page.goto("/?lieu=strasbourg");
  await page.getByTestId("offer-card").filter({ hasText: "La Horde du Contrevent" }).first().click();
  await expect(page).toHaveURL(/\/offres\/\d+$/);
  await hydrated(page);
  // Tab's first stop skips the header.
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Aller au contenu" })).toBeFocused();
  await expect(page.getByRole("link", { name: "Aller au contenu" })).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect(page.locator("main#contenu")).toBeFocused();
  // The sheet opens with Enter, takes the focus, and books with Enter.
  await tabTo(page, page.getByTestId("open-booking"));
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("close-booking")).toBeFocused();
  await tabTo(page, page.getByRole("button", { name: "Confirmer la réservation" }));
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("booking-confirmation").getByTestId("booking-token")).toHaveText(/^[A-HJ-NP-Z2-7]{6}$/);
});

test("a navigation inside the app puts the focus on the new page's heading", async ({ page }) => {
  await page.goto("/connexion");
  await hydrated(page);
  await page.getByRole("banner").getByRole("link", { name: "Inscription" }).click();
  await expect(page).toHaveURL(/\/inscription$/);
  await expect(page.locator("main#contenu h1")).toBeFocused();
});

test("who asks for less motion gets a map without its animations, and no transitions", async ({ page }) => {
  await page.emulateMedia({ reducedMotion: "reduce" });
  await page.goto("/carte?lieu=strasbourg");
  await hydrated(page);
  const map = page.getByTestId("map");
  await expect(map).toHaveClass(/leaflet-container/);
  await expect(map).not.toHaveClass(/leaflet-fade-anim/);
  await expect(map.locator(".leaflet-proxy")).toHaveCount(0);
  await page.goto("/?lieu=strasbourg");
  const card = page.getByTestId("offer-card").first();
  expect(await card.evaluate((element) => parseFloat(getComputedStyle(element).transitionDuration))).toBeLessThan(0.001);

  // Without the wish, the same map and cards move.
  await page.emulateMedia({ reducedMotion: "no-preference" });
  await page.goto("/carte?lieu=strasbourg");
  await hydrated(page);
  await expect(map).toHaveClass(/leaflet-fade-anim/);
  await expect(map.locator(".leaflet-proxy")).toHaveCount(1);
  await page.goto("/?lieu=strasbourg");
  expect(await card.evaluate((element) => parseFloat(getComputedStyle(element).transitionDuration))).toBeGreaterThan(0.1);
});
