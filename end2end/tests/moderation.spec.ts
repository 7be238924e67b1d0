import { expect } from "@playwright/test";
import { ADMIN, hydrated, newPage, PASSWORD, signIn, signUp, test } from "./helpers";

// Someone reports an offer; the administrator withdraws it with a reason: the young
// person's booking is cancelled with that reason, the credit comes back, the offer is
// gone from the catalogue; all in one step.
test("a withdrawn offer cancels its bookings and gives the credit back", async ({ page, browser }) => {
  test.setTimeout(180_000);
  await signUp(page, "Lina");
  await page.goto("/portefeuille");
  const before = (await page.getByTestId("wallet-balance").textContent())?.trim() ?? "";
  // In Brest: the other browser tests use the same offer in Strasbourg.
  await page.goto("/recherche?lieu=brest&q=horde");
  await hydrated(page);
  await page.getByTestId("offer-card").filter({ hasText: "La Horde du Contrevent" }).filter({ hasText: "Brest" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "La Horde du Contrevent" })).toBeVisible();
  const offerUrl = page.url();
  await hydrated(page);
  await page.getByTestId("open-booking").click();
  await page.getByRole("button", { name: "Confirmer la réservation" }).click();
  const token = (await page.getByTestId("booking-token").textContent())?.trim() ?? "";
  await page.goto("/portefeuille");
  await expect(page.getByTestId("wallet-balance")).not.toHaveText(before);

  // Someone reports it; a second report by the same person is refused.
  const reporter = await newPage(browser);
  await signUp(reporter, "Hugo");
  await reporter.goto(offerUrl);
  await hydrated(reporter);
  const report = reporter.getByTestId("report-offer");
  await report.getByText("Signaler cette offre").click();
  await report.getByLabel("Ce qui ne va pas").fill("Prix trompeur");
  await report.getByRole("button", { name: "Envoyer" }).click();
  // The page comes back at the report, which it now says is made, at every visit, with
  // no second form.
  await expect(reporter).toHaveURL(/#signaler$/);
  await expect(report.getByRole("status")).toHaveText("Tu as signalé cette offre : l'équipe va la regarder.");
  await reporter.reload();
  await expect(report.getByRole("status")).toHaveText("Tu as signalé cette offre : l'équipe va la regarder.");
  await expect(report.getByRole("button", { name: "Envoyer" })).toHaveCount(0);
  // A visitor's report is refused under the form, which stays open.
  const visitor = await newPage(browser);
  await visitor.goto(offerUrl);
  const visitorReport = visitor.getByTestId("report-offer");
  await visitorReport.getByText("Signaler cette offre").click();
  await visitorReport.getByLabel("Ce qui ne va pas").fill("Prix trompeur");
  await visitorReport.getByRole("button", { name: "Envoyer" }).click();
  await expect(visitorReport.getByRole("alert")).toHaveText("Connecte-toi pour continuer");
  await expect(visitorReport.getByLabel("Ce qui ne va pas")).toBeVisible();

  // The administrator withdraws it, with a reason.
  const admin = await newPage(browser);
  await signIn(admin, ADMIN, PASSWORD);
  await admin.goto("/admin/moderation");
  await hydrated(admin);
  const queued = admin.getByTestId("reported-offer").filter({ hasText: "La Horde du Contrevent" });
  await expect(queued).toContainText("Prix trompeur");
  await queued.getByLabel("Motif du retrait").fill("Prix trompeur confirmé");
  await queued.getByRole("button", { name: /Retirer l'offre/ }).click();
  // The queue's count is a status too (other tests may have left reports): read the outcome's.
  await expect(admin.getByRole("status").filter({ hasText: "Offre retirée" })).toHaveText(
    "Offre retirée : 1 réservation annulée, crédit rendu.",
  );
  await expect(admin.getByTestId("reported-offer").filter({ hasText: "La Horde du Contrevent" })).toHaveCount(0);

  // The young person's booking says why; the credit is back; the offer is gone.
  await page.goto("/reservations");
  const cancelled = page.getByTestId("ended-bookings").getByTestId("booking").filter({ hasText: token });
  await expect(cancelled.getByTestId("booking-ended")).toContainText(
    "offre retirée par l'équipe du Culture Pass (Prix trompeur confirmé), crédit rendu",
  );
  await page.goto("/portefeuille");
  await expect(page.getByTestId("wallet-balance")).toHaveText(before);
  const gone = await page.goto(offerUrl);
  expect(gone?.status()).toBe(404);
  await reporter.context().close();
  await admin.context().close();
});
