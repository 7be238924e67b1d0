// Every page of the young person's app, signed out and signed in, checked by axe-core
// (WCAG 2.2 A and AA) on a phone: no serious or critical violation.
import { expect } from "@playwright/test";
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
