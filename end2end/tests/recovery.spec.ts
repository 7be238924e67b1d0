import { expect } from "@playwright/test";
import { hydrated, NEW_PASSWORD, signIn, signOut, signUp, test } from "./helpers";

test("a forgotten password is reset by the link in the outbox; an account can be deleted", async ({ page }) => {
  const email = await signUp(page, "Maelys");
  await hydrated(page);
  await signOut(page);

  await page.goto("/mot-de-passe-oublie");
  await hydrated(page);
  await page.getByLabel("E-mail").fill(email);
  await page.getByRole("button", { name: "Recevoir un lien" }).click();
  await expect(page.getByTestId("reset-sent")).toBeVisible();

  // No SMTP server here: the administrator reads the outbox.
  await signIn(page, "admin@demo.culture-pass.fr");
  await page.goto("/admin/courriels");
  const mail = page.getByTestId("mail").filter({ hasText: email }).first();
  const body = (await mail.getByTestId("mail-body").textContent()) ?? "";
  const link = body.match(/https?:\/\/\S+jeton=[0-9a-f]{64}/)?.[0];
  expect(link).toBeTruthy();
  await hydrated(page);
  await signOut(page);

  await page.goto(link!);
  await hydrated(page);
  await page.getByLabel("Nouveau mot de passe").fill("un tout nouveau mot de passe");
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page).toHaveURL(/\/connexion$/);

  // The link works once.
  await page.goto(link!);
  await hydrated(page);
  await page.getByLabel("Nouveau mot de passe").fill("encore un autre mot de passe");
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByTestId("token-error")).toHaveText("Ce lien n'est plus valable : demandes-en un nouveau");

  await signIn(page, email, "un tout nouveau mot de passe");
  await page.goto("/compte");
  await hydrated(page);
  await page.getByLabel("Mot de passe actuel").fill(NEW_PASSWORD);
  await page.getByLabel("Nouveau mot de passe").fill("peu importe, il est refusé");
  await page.getByRole("button", { name: "Changer", exact: true }).click();
  await expect(page.getByTestId("current-error")).toHaveText("Mot de passe actuel incorrect");

  const newEmail = `nouvelle.${Date.now()}@example.org`;
  await page.getByLabel("Nouvelle adresse e-mail").fill(newEmail);
  await page.getByLabel("Mot de passe", { exact: true }).fill("un tout nouveau mot de passe");
  await page.getByRole("button", { name: "Changer d'adresse" }).click();
  await expect(page.getByTestId("email-changed")).toBeVisible();

  await page.getByLabel("Confirme avec ton mot de passe").fill("un tout nouveau mot de passe");
  await page.getByRole("button", { name: "Supprimer définitivement" }).click();
  await expect(page.getByRole("link", { name: "Connexion" })).toBeVisible();

  await page.goto("/connexion");
  await hydrated(page);
  await page.getByLabel("E-mail").fill(newEmail);
  await page.getByLabel("Mot de passe").fill("un tout nouveau mot de passe");
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page.getByTestId("login-error")).toHaveText("E-mail ou mot de passe incorrect");
});
