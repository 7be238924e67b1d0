import { expect, type Page } from "@playwright/test";
import { expectAccessible, hydrated, NEW_PASSWORD, signUp, test } from "./helpers";

/** The phone's bottom bar, tab by tab. */
async function expectTabs(page: Page, names: string[]) {
  const bar = page.getByRole("navigation", { name: names[0] === "Découvrir" ? "Navigation principale" : "Main navigation" });
  await expect(bar.getByRole("link")).toHaveText(names);
}

const ENGLISH_TABS = ["Discover", "Map", "Search", "Bookings", "Profile"];
const FRENCH_TABS = ["Découvrir", "Carte", "Recherche", "Réservations", "Profil"];

test.describe("a browser that asks for English", () => {
  test.use({ locale: "en-GB" });

  test("gets the frame of the pages in English, kept and hydrated in English", async ({ page }) => {
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expectTabs(page, ENGLISH_TABS);
    await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Skip to content" })).toHaveAttribute("href", "#contenu");
    await expectAccessible(page);
    // Served a second time from the page cache: the English page, not the French one.
    await page.reload();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expectTabs(page, ENGLISH_TABS);

    // A page of the whole app: the browser renders the same words when it takes over
    // (a hydration that disagreed would fail the test), and keeps them as it navigates.
    await page.goto("/connexion");
    await hydrated(page);
    await expectTabs(page, ENGLISH_TABS);
    await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Profile" }).click();
    await expect(page).toHaveURL(/\/compte|\/connexion/);
    await expectTabs(page, ENGLISH_TABS);
  });
});

test("French is the default, and a language the app does not have is French", async ({ browser }) => {
  for (const locale of ["fr-FR", "de-DE"]) {
    const context = await browser.newContext({ ...test.info().project.use, locale });
    const page = await context.newPage();
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "fr");
    await expectTabs(page, FRENCH_TABS);
    await context.close();
  }
});

test("a person chooses English on their profile, and it follows them to another device", async ({ page, browser }) => {
  const email = await signUp(page, "Ada");
  await page.goto("/compte");
  await hydrated(page);
  await page.getByLabel("Langue du Culture Pass").selectOption("en");
  await page.getByRole("button", { name: "Choisir cette langue" }).click();
  // The browser sent the form itself: the page comes back, in English.
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  // (Leptos's redirection back leaves an empty query: `/compte?`.)
  await expect(page).toHaveURL(/\/compte\??$/);
  await expect(page.getByRole("heading", { name: "Language" })).toBeVisible();
  await expect(page.getByLabel("Culture Pass language")).toHaveValue("en");
  await expectTabs(page, ENGLISH_TABS);
  await hydrated(page);
  await expectAccessible(page);

  // Another device whose browser asks for French: once signed in, English.
  const context = await browser.newContext({ ...test.info().project.use, locale: "fr-FR" });
  const other = await context.newPage();
  await other.goto("/connexion");
  await hydrated(other);
  await expectTabs(other, FRENCH_TABS);
  await other.getByLabel("E-mail").fill(email);
  await other.getByLabel("Mot de passe").fill(NEW_PASSWORD);
  await other.getByRole("button", { name: "Se connecter" }).click();
  await expect(other.getByTestId("signed-in-as")).toBeVisible();
  await other.goto("/compte");
  await expect(other.locator("html")).toHaveAttribute("lang", "en");
  await expectTabs(other, ENGLISH_TABS);
  await context.close();

  // A language the app does not have: refused with a reason, and nothing changes.
  const refused = await page.request.post("/api/choose_language", {
    form: { lang: "tlh" },
    headers: { Accept: "application/json" },
  });
  expect(refused.status()).toBe(400);
  expect(await refused.text()).toContain("Cette langue n'est pas proposée");
  expect(refused.headers()["set-cookie"]).toBeUndefined();
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");

  // And back to French.
  await page.getByLabel("Culture Pass language").selectOption("fr");
  await page.getByRole("button", { name: "Use this language" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await expect(page.getByRole("heading", { name: "Langue" })).toBeVisible();
  await expectTabs(page, FRENCH_TABS);
});
