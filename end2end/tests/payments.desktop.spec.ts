import { expect } from "@playwright/test";
import { ADMIN, bookFromHome, hydrated, newPage, PARTNER, PASSWORD, signIn, signUp, test } from "./helpers";

// The pass pays a bookshop: a young person's book is handed over at the counter; the
// bookshop's administrator enters its bank details (a wrong IBAN is refused under its
// field); the team validates them, prepares the run up to today, reads its transfers and
// marks it paid; the bookshop reads the transfer with the booking it paid.
test("the team pays a bookshop's used booking on its validated account, and the bookshop reads the transfer", async ({ page, browser }) => {
  test.setTimeout(180_000);
  await signUp(page, "Sacha");
  const token = await bookFromHome(page, "L'Étranger");

  const partner = await newPage(browser);
  await signIn(partner, PARTNER, PASSWORD);
  await partner.goto("/pro/guichet");
  await hydrated(partner);
  await partner.getByLabel("Contremarque").fill(token);
  await partner.getByRole("button", { name: "Valider" }).click();
  await expect(partner.getByTestId("ticket-validated")).toContainText(`Contremarque ${token} validée`);

  // The bookshop's bank details: refused under the field, then waiting for the team.
  await partner.goto("/pro");
  await partner.getByTestId("structure").filter({ hasText: "Librairie Kléber" }).getByRole("link").click();
  await partner.getByRole("navigation", { name: "Espace partenaire" }).getByRole("link", { name: "Paiements" }).click();
  await expect(partner).toHaveURL(/\/paiements$/);
  await hydrated(partner);
  const form = partner.getByTestId("bank-form");
  await form.getByLabel("Titulaire du compte").fill("Librairie Kléber SARL");
  await form.getByLabel("IBAN").fill("FR76 3000 6000 0112 3456 7890 188");
  await form.getByLabel("BIC").fill("AGRIFRPP");
  await form.getByRole("button", { name: "Envoyer à l'équipe du pass" }).click();
  await expect(form.getByTestId("iban-error")).toContainText("Cet IBAN n'est pas valide");
  await form.getByLabel("IBAN").fill("FR76 3000 6000 0112 3456 7890 189");
  await form.getByRole("button", { name: "Envoyer à l'équipe du pass" }).click();
  await expect(partner.getByTestId("bank-status")).toHaveText("En cours de vérification par l'équipe du pass");
  await expect(partner.getByText("FR76 •••• 0189")).toBeVisible();

  // The team: validates the details, prepares the run, pays it.
  const admin = await newPage(browser);
  await signIn(admin, ADMIN, PASSWORD);
  await admin.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Remboursements" }).click();
  await expect(admin).toHaveURL(/\/admin\/remboursements$/);
  await hydrated(admin);
  const check = admin.getByTestId("bank-check").filter({ hasText: "Librairie Kléber" });
  await expect(check).toContainText("FR76 3000 6000 0112 3456 7890 189");
  await check.getByRole("button", { name: "Valider" }).click();
  await expect(check).toHaveCount(0);
  const today = new Date().toLocaleDateString("sv-SE", { timeZone: "Europe/Paris" });
  const prepare = admin.getByTestId("prepare-run");
  await prepare.getByLabel("Réservations validées jusqu'au").fill(today);
  await prepare.getByRole("button", { name: "Préparer le virement" }).click();
  await expect(admin).toHaveURL(/\/admin\/remboursements\/\d+$/);
  await expect(admin.getByTestId("run-status")).toContainText("À payer");
  const transfer = admin.getByTestId("transfers").getByRole("row").filter({ hasText: "Librairie Kléber" });
  await expect(transfer).toContainText("FR76 3000 6000 0112 3456 7890 189");
  await expect(admin.getByRole("link", { name: /fichier de virements/ })).toHaveAttribute("href", /virements\.csv$/);
  await hydrated(admin);
  await admin.getByRole("button", { name: "Marquer comme payé" }).click();
  await expect(admin.getByTestId("run-status")).toContainText("Payé");
  await expect(admin.getByRole("button", { name: "Marquer comme payé" })).toHaveCount(0);

  // The bookshop reads the transfer and the booking it paid.
  await partner.reload();
  await expect(partner.getByTestId("bank-status")).toHaveText("Validées : les remboursements sont versés sur ce compte");
  const received = partner.getByTestId("transfer").first();
  await expect(received).toContainText("Virement du");
  await received.getByText(/^\d+ réservations? payées?$/).click();
  await expect(received.getByRole("row").filter({ hasText: token })).toContainText("L'Étranger");
});
