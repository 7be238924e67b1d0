import { expect } from "@playwright/test";
import { test } from "./helpers";

// With JavaScript off, pages are complete server-rendered HTML.
test("the home page lists offers near Strasbourg without JavaScript", async ({ page }) => {
  const response = await page.goto("/");
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { name: "Autour de Strasbourg" })).toBeVisible();
  expect(await page.getByTestId("offer-card").count()).toBeGreaterThan(10);
  await expect(page.locator("html[data-hydrated]")).toHaveCount(0);
});

test("another place of the experiment is one link away", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("link", { name: "Cayenne" }).click();
  await expect(page.getByRole("heading", { name: "Autour de Cayenne" })).toBeVisible();
  await expect(page.getByTestId("offer-card").filter({ hasText: "Musée des cultures guyanaises" }).first()).toBeVisible();
});

test("an offer page renders without JavaScript", async ({ page }) => {
  await page.goto("/");
  await page.getByTestId("offer-card").filter({ hasText: "Cyrano de Bergerac" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Cyrano de Bergerac" })).toBeVisible();
  await expect(page.getByText("Théâtre national de Strasbourg", { exact: true })).toBeVisible();
  await expect(page.getByText("Duo : réservable à deux")).toBeVisible();
  await expect(page.getByRole("link", { name: "Se connecter pour réserver" })).toBeVisible();
  expect(await page.title()).toContain("Cyrano de Bergerac");
});

test("an unknown offer is a 404 page", async ({ page }) => {
  const response = await page.goto("/offres/999999");
  expect(response?.status()).toBe(404);
  await expect(page.getByTestId("error")).toContainText("Page introuvable");
  const nowhere = await page.goto("/nulle-part");
  expect(nowhere?.status()).toBe(404);
});

test("a signed-out visitor gets every page with status 200", async ({ page }) => {
  for (const path of ["/", "/offres/1", "/recherche", "/carte", "/lieux/1", "/connexion", "/inscription", "/hors-ligne"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
  }
});

test("search results and venue pages render without JavaScript, the map points to the list", async ({ page }) => {
  const response = await page.goto("/recherche?lieu=strasbourg&q=camus&groupe=livres");
  expect(response?.status()).toBe(200);
  await expect(page.getByTestId("search-results").getByTestId("offer-card").first()).toContainText("L'Étranger");
  // The form is a plain GET form: submitting it without JavaScript is a new search.
  await page.getByRole("searchbox").fill("damasio");
  await page.getByRole("button", { name: "Rechercher" }).click();
  await expect(page).toHaveURL(/q=damasio/);
  await expect(page.getByTestId("search-results").getByTestId("offer-card").first()).toContainText("La Horde du Contrevent");
  await page.goto("/carte");
  await page.getByRole("link", { name: "Voir les offres en liste" }).click();
  await expect(page).toHaveURL(/\/recherche/);
  const venue = await page.goto("/lieux/1");
  expect(venue?.status()).toBe(200);
  expect((await page.goto("/lieux/999999"))?.status()).toBe(404);
});
