import { expect } from "@playwright/test";
import { ADMIN, hydrated, newPage, PASSWORD, signIn, test } from "./helpers";

// The team changes the credit policy: from the national version in force, a new version
// for the overseas départements is scheduled for tomorrow (a wrong band is refused under its
// field first); it waits as "Programmée" while the version in force stays; it is taken
// back with a reason, and the audit log keeps both. Tomorrow's version never grants
// anything here, so the other journeys' credit is unchanged.
test("the team schedules a policy version for tomorrow and takes it back", async ({ browser }) => {
  const admin = await newPage(browser);
  await signIn(admin, ADMIN, PASSWORD);
  await admin.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Politiques" }).click();
  await expect(admin).toHaveURL(/\/admin\/politiques$/);
  await hydrated(admin);
  const versions = admin.getByTestId("policy-version");
  const inForce = versions.filter({ has: admin.getByTestId("policy-state").getByText("En vigueur", { exact: true }) });
  await expect(inForce).toHaveCount(1);

  const form = admin.getByTestId("new-policy");
  await form.getByLabel("Nom", { exact: true }).fill("Outre-mer, essai");
  await form.getByLabel("Tranches").fill("18 ans 300");
  await form.getByLabel("Départements").fill("971 972");
  await form.getByRole("button", { name: "Programmer la version" }).click();
  await expect(form.getByRole("alert").filter({ hasText: "âge : montant" })).toBeVisible();

  await form.getByLabel("Tranches").fill("18 : 300");
  await form.getByRole("button", { name: "Programmer la version" }).click();
  const scheduled = versions.filter({ hasText: "Outre-mer, essai" });
  await expect(scheduled.getByTestId("policy-state")).toHaveText("Programmée");
  await expect(scheduled).toContainText("300 € à 18 ans");
  await expect(scheduled).toContainText("Départements : 971, 972");
  await expect(inForce).toHaveCount(1);

  await scheduled.getByLabel("Motif de l'annulation").fill("Essai de la procédure");
  await scheduled.getByRole("button", { name: "Annuler cette version" }).click();
  await expect(scheduled).toHaveCount(0);

  await admin.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Journal" }).click();
  const cancelledRow = admin.getByTestId("audit-row").filter({ hasText: "Version de politique annulée" }).first();
  await expect(cancelledRow).toContainText("Essai de la procédure");
});
