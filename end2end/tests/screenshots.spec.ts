import { expect, Page } from "@playwright/test";
import { hydrated, PARTNER, PASSWORD, signIn, signUp, test } from "./helpers";

// The README's pictures, taken on a fresh demo database by `scripts/screenshots`
// (SCREENSHOTS=docs); skipped in the test suite.
const dir = process.env.SCREENSHOTS;
test.skip(!dir, "only when taking the README's screenshots");
test.use({ viewport: { width: 390, height: 844 } });

async function shot(page: Page, name: string) {
  await page.waitForLoadState("networkidle");
  await page.screenshot({ path: `../${dir}/${name}.png` });
}

test("screenshots of the young person's app and the partner's header", async ({ page, browser }) => {
  test.setTimeout(120_000);
  await page.goto("/");
  await hydrated(page);
  await shot(page, "screenshot-home");

  await page.goto("/recherche?lieu=strasbourg&quand=weekend");
  await hydrated(page);
  await shot(page, "screenshot-search");

  await page.goto("/carte?lieu=strasbourg");
  await hydrated(page);
  await expect(page.locator(".leaflet-marker-icon").first()).toBeVisible();
  await shot(page, "screenshot-map");

  await signUp(page, "Jade");
  await page.goto("/");
  await hydrated(page);
  await page.getByTestId("offer-card").filter({ hasText: "L'Étranger" }).first().click();
  await hydrated(page);
  await shot(page, "screenshot-offer");
  await page.getByTestId("booking-bar-book").click();
  await page.getByRole("button", { name: "Confirmer la réservation" }).click();
  await expect(page.getByTestId("booking-confirmation")).toBeVisible();
  await shot(page, "screenshot-booked");
  await page.getByTestId("see-ticket").click();
  await hydrated(page);
  await expect(page.getByTestId("ticket")).toBeVisible();
  await shot(page, "screenshot-ticket");

  const desktop = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "fr-FR" });
  const partner = await desktop.newPage();
  await signIn(partner, PARTNER, PASSWORD);
  await partner.getByTestId("structure").first().locator("a").click();
  await hydrated(partner);
  await partner.waitForLoadState("networkidle");
  await partner.screenshot({ path: `../${dir}/screenshot-partner.png` });
  await desktop.close();
});
