import { expect } from "@playwright/test";
import { ADMIN, hydrated, NEW_PASSWORD, newPage, PASSWORD, signIn, signUp, test } from "./helpers";

// The team finds a young person, gives back credit after a fault, then suspends them for
// fraud: they are signed out in their own browser and cannot sign in again. The log says
// who did what and why. Once the suspension is lifted, they sign in again.
test("an administrator corrects a credit, suspends and reinstates a person, and the log keeps each action", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const email = await signUp(page, "Noa");
  const before = (await page.getByTestId("wallet-balance").textContent())?.trim() ?? "";

  const admin = await newPage(browser);
  await signIn(admin, ADMIN, PASSWORD);
  const adminNav = admin.getByRole("navigation", { name: "Administration" });
  await adminNav.getByRole("link", { name: "Personnes" }).click();
  await expect(admin).toHaveURL(/\/admin\/personnes$/);
  await admin.getByLabel(/Nom, adresse e-mail/).fill(email);
  await admin.getByRole("button", { name: "Chercher" }).click();
  await expect(admin.getByTestId("people-count")).toHaveText("1 personne");
  await admin.getByTestId("person").getByRole("link", { name: "Noa Test" }).click();
  await expect(admin.getByRole("heading", { level: 1, name: "Noa Test" })).toBeVisible();
  await hydrated(admin);
  await expect(admin.getByTestId("sessions")).toBeVisible();

  // A correction: a wrong amount is refused under its field, then the credit moves.
  const correct = admin.getByTestId("correct-form");
  await correct.getByLabel("Montant (€)").fill("douze");
  await correct.getByLabel(/Motif/).fill("Geste après une panne");
  await correct.getByRole("button", { name: "Corriger le crédit" }).click();
  await expect(correct.getByTestId("amount-error")).toContainText("Écris un montant en euros");
  await correct.getByLabel("Montant (€)").fill("12,50");
  await correct.getByRole("button", { name: "Corriger le crédit" }).click();
  await expect(admin.getByTestId("corrected")).toContainText("Crédit corrigé : il reste");
  await expect(admin.getByTestId("person-ledger")).toContainText("Correction par l'équipe du pass — Geste après une panne");
  await page.goto("/portefeuille");
  await expect(page.getByTestId("wallet-balance")).not.toHaveText(before);
  await expect(page.getByText("Correction par l'équipe du pass")).toBeVisible();
  await expect(page.getByText("Geste après une panne")).toHaveCount(0);

  // A suspension: signed out in their own browser, and no way back in.
  const suspend = admin.getByTestId("suspend-form");
  await suspend.getByLabel(/Motif/).fill("ok");
  await suspend.getByRole("button", { name: "Suspendre" }).click();
  await expect(suspend.getByTestId("reason-error")).toContainText("Écris le motif en une phrase");
  await suspend.getByLabel(/Motif/).fill("Revente de places");
  await suspend.getByRole("button", { name: "Suspendre" }).click();
  await expect(admin.getByTestId("suspension")).toContainText("Revente de places");
  await expect(admin.getByTestId("no-sessions")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("banner").getByRole("link", { name: "Connexion" })).toBeVisible();
  await page.goto("/connexion");
  await hydrated(page);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Mot de passe").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page.getByTestId("login-error")).toHaveText(/^Ce compte est suspendu : pour en savoir plus, écris à \S+@\S+$/);

  // The log: newest first, with the reasons; filtered by kind of action.
  await adminNav.getByRole("link", { name: "Journal" }).click();
  await expect(admin).toHaveURL(/\/admin\/journal$/);
  const rows = admin.getByTestId("audit-row");
  await expect(rows.first()).toContainText("Compte suspendu");
  await expect(rows.first()).toContainText("Motif : Revente de places");
  await expect(rows.nth(1)).toContainText("Crédit corrigé · Personne n°");
  await expect(rows.nth(1)).toContainText("+12,50 €");
  await admin.getByLabel("Action").selectOption({ label: "Crédit corrigé" });
  await admin.getByRole("button", { name: "Filtrer" }).click();
  await expect(admin).toHaveURL(/action=credit_corrected/);
  await expect(admin.getByTestId("audit-count")).toHaveText("1 action");

  // Lifted from the person's page (reached from the log): they sign in again.
  await rows.first().getByRole("link", { name: /Personne n°/ }).click();
  await expect(admin.getByRole("heading", { level: 1, name: "Noa Test" })).toBeVisible();
  await hydrated(admin);
  const lift = admin.getByTestId("lift-form");
  await lift.getByLabel(/Motif/).fill("Revente non établie");
  await lift.getByRole("button", { name: "Lever la suspension" }).click();
  await expect(admin.getByTestId("suspend-form")).toBeVisible();
  await expect(admin.getByTestId("suspended-badge")).toHaveCount(0);
  await signIn(page, email, NEW_PASSWORD);
  await admin.context().close();
});
