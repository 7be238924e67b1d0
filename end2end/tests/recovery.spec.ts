import { expect } from "@playwright/test";
import { addressLink, confirmAddress, hydrated, NEW_PASSWORD, signIn, signOut, signUp, test } from "./helpers";
import { linksIn } from "./mailbox";

test("a forgotten password is reset by the link in the mail; the address changes by its link; an account can be deleted", async ({ page }) => {
  const email = await signUp(page, "Maelys");
  await hydrated(page);
  await signOut(page);

  await page.goto("/mot-de-passe-oublie");
  await hydrated(page);
  await page.getByLabel("E-mail").fill(email);
  await page.getByRole("button", { name: "Recevoir un lien" }).click();
  await expect(page.getByTestId("reset-sent")).toBeVisible();

  // The link is read from the mailbox the relay delivered it to.
  const [link] = await linksIn(email, /mot de passe/, "/mot-de-passe/nouveau");
  // Administrators see the outbox with the secret masked: they cannot open the account.
  await signIn(page, "admin@demo.culture-pass.fr");
  await page.goto("/admin/courriels");
  const search = page.getByTestId("outbox-search");
  await search.getByLabel("Destinataire").fill(email);
  await search.getByRole("button", { name: "Chercher" }).click();
  await expect(page).toHaveURL(/destinataire=/);
  await expect(page.getByTestId("mail-recipient").first()).toHaveText(email);
  expect(new Set(await page.getByTestId("mail-recipient").allTextContents())).toEqual(new Set([email]));
  const body = (await page.getByTestId("mail").filter({ hasText: email }).first().getByTestId("mail-body").textContent()) ?? "";
  expect(body).toContain("jeton=[masqué]");
  expect(body).not.toContain(link.split("jeton=")[1]);
  await hydrated(page);
  await signOut(page);

  await page.goto(link);
  await hydrated(page);
  await page.getByLabel("Nouveau mot de passe").fill("un tout nouveau mot de passe");
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page).toHaveURL(/\/connexion$/);

  // The link works once.
  await page.goto(link);
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
  await expect(page.getByTestId("email-changed")).toContainText(newEmail);
  // The old address stays until the new one's link is opened.
  await expect(page.getByTestId("my-address")).toHaveText(`${email} (confirmée)`);
  await expect(page.getByTestId("address-awaiting")).toContainText(newEmail);
  await confirmAddress(page, await addressLink(newEmail));
  await page.goto("/compte");
  await hydrated(page);
  await expect(page.getByTestId("my-address")).toHaveText(`${newEmail} (confirmée)`);

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
