import { expect, Page } from "@playwright/test";

export const PASSWORD = "demo-culture-pass";
export const YOUNG = "jeune@demo.culture-pass.fr";
export const PARTNER = "partenaire@demo.culture-pass.fr";

/** Waits until the WASM client has taken over the server-rendered page. */
export async function hydrated(page: Page) {
  await expect(page.locator("html[data-hydrated=true]")).toHaveCount(1);
}

export async function signIn(page: Page, email: string) {
  await page.goto("/connexion");
  await hydrated(page);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Mot de passe").fill(PASSWORD);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Déconnexion" }).click();
  await expect(page.getByRole("link", { name: "Connexion" })).toBeVisible();
}
