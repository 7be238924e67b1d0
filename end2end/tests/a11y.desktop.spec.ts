// The partner dashboard, the counter and the administrators' pages, checked by axe-core
// (WCAG 2.2 A and AA) on a computer: no serious or critical violation.
import { expect } from "@playwright/test";
import { ADMIN, expectAccessible, hydrated, PARTNER, signIn, test } from "./helpers";

test("the partner's dashboard, an offer's editor and the counter", async ({ page }) => {
  await signIn(page, PARTNER);
  await expect(page).toHaveURL(/\/pro$/);
  await hydrated(page);
  await expectAccessible(page);
  const structure = await page.locator('a[href^="/pro/structures/"]').first().getAttribute("href");
  expect(structure).toMatch(/^\/pro\/structures\/\d+$/);
  for (const section of ["", "/lieux", "/offres", "/offres/nouvelle", "/reservations", "/remboursements", "/paiements"]) {
    await page.goto(structure + section);
    await hydrated(page);
    await expectAccessible(page);
  }
  await page.goto(structure + "/offres");
  await page.locator('a[href^="/pro/offres/"]').first().click();
  await expect(page).toHaveURL(/\/pro\/offres\/\d+$/);
  await hydrated(page);
  await expectAccessible(page);
  // A new offer kept as a draft: its editor before it has an image.
  await page.goto(structure + "/offres/nouvelle");
  await hydrated(page);
  await page.getByLabel("Catégorie").selectOption("SPECTACLE_REPRESENTATION");
  const venues = await page.getByLabel("Lieu").locator("option").allInnerTexts();
  await page.getByLabel("Lieu").selectOption({ label: venues.find((venue) => !venue.includes("(numérique)"))! });
  await page.getByLabel("Titre").fill("Une soirée sans image");
  await page.getByLabel("Description").fill("Pour voir l'éditeur d'une offre qui n'a pas encore d'image.");
  await page.getByRole("button", { name: "Enregistrer le brouillon et continuer" }).click();
  await expect(page).toHaveURL(/\/pro\/offres\/\d+$/);
  await hydrated(page);
  await expect(page.getByText("Pas d'image")).toBeVisible();
  await expectAccessible(page);
  await page.goto("/pro/guichet");
  await hydrated(page);
  await expectAccessible(page);
  await page.goto("/pro/inscription");
  await hydrated(page);
  await expectAccessible(page);
});

test("the administrators' pages", async ({ page }) => {
  await signIn(page, ADMIN);
  for (const path of [
    "/admin/courriels",
    "/admin/identites",
    "/admin/structures",
    "/admin/offres",
    "/admin/moderation",
    "/admin/personnes",
    "/admin/remboursements",
    "/admin/politiques",
    "/admin/journal",
  ]) {
    await page.goto(path);
    await hydrated(page);
    await expectAccessible(page);
  }
  await page.goto("/admin/personnes");
  await page.locator('a[href^="/admin/personnes/"]').first().click();
  await expect(page).toHaveURL(/\/admin\/personnes\/\d+$/);
  await hydrated(page);
  await expectAccessible(page);
});
