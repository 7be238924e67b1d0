import { expect } from "@playwright/test";
import { hydrated, newPage, PARTNER, signIn, signUp, test } from "./helpers";

const EBOOK = "Les Choses humaines (e-book)";

test("a partner adds activation codes; a young person books the e-book and finds its code and link on the ticket, offline too", async ({ page, context, browser }) => {
  // The young person (a new account: a digital booking is theirs for good) finds the e-book.
  await signUp(page, "Noa");
  await page.goto(`/recherche?q=${encodeURIComponent("Les Choses humaines")}&rayon=partout`);
  await page.getByTestId("offer-card").filter({ hasText: EBOOK }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: EBOOK })).toBeVisible();
  const offerId = new URL(page.url()).pathname.split("/").pop();

  // The partner adds codes: duplicates, blank and malformed lines are left out and told.
  const partner = await newPage(browser);
  await signIn(partner, PARTNER);
  await partner.goto(`/pro/offres/${offerId}`);
  await hydrated(partner);
  const form = partner.getByTestId("codes-form");
  await form.getByLabel(/Codes, un par ligne/).fill("deux mots");
  await form.getByRole("button", { name: "Ajouter les codes" }).click();
  await expect(form.getByRole("alert").first()).toContainText("Aucun code valable");
  const run = Date.now();
  await form.getByLabel(/Codes, un par ligne/).fill(`E2E-${run}-1\n\nE2E-${run}-1\nE2E-${run}-2\nun espace\n`);
  await form.getByRole("button", { name: "Ajouter les codes" }).click();
  await expect(partner.getByTestId("codes-summary")).toHaveText(
    "2 codes ajoutés ; ignorés : 1 doublon, 1 ligne vide ; 1 ligne refusée (espace, caractère de contrôle ou plus de 100 caractères) : 5.",
  );
  await expect(partner.getByTestId("code-counts")).toContainText("codes disponibles");

  // Booking says beforehand that it cannot be undone, then gives the code and the link.
  await hydrated(page);
  await page.getByTestId("open-booking").click();
  await expect(page.getByTestId("delivery-notice")).toContainText("n'est alors plus annulable");
  await page.getByRole("button", { name: "Confirmer la réservation" }).click();
  const confirmation = page.getByTestId("booking-confirmation");
  const code = ((await confirmation.getByTestId("activation-code").textContent()) ?? "").trim();
  expect(code).toMatch(/^(EBOOK-DEMO-\d{4}|E2E-\d+-\d)$/);
  await expect(confirmation.getByTestId("offer-link")).toHaveAttribute("href", /^https:\/\//);
  await expect(confirmation.getByTestId("booking-qr")).toHaveCount(0);

  // The ticket: the code with a copy button, the link, nothing for a counter, no cancelling.
  await confirmation.getByTestId("see-ticket").click();
  const ticket = page.getByTestId("ticket");
  await expect(ticket.getByTestId("activation-code")).toHaveText(code);
  await expect(ticket.getByTestId("ticket-status")).toHaveText("Disponible");
  await expect(ticket.getByTestId("booking-qr")).toHaveCount(0);
  await expect(ticket).not.toContainText("guichet");
  await expect(ticket).not.toContainText("Où");
  await expect(ticket.getByRole("button", { name: /Annuler/ })).toHaveCount(0);
  await hydrated(page);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await ticket.getByTestId("copy-code").click();
  await expect(ticket.getByTestId("copy-status")).toHaveText("Code copié");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);
  const ticketUrl = page.url();

  // Offline: the list and the ticket, kept by the service worker, still show it.
  await page.evaluate(async () => navigator.serviceWorker.ready);
  await page.goto("/reservations");
  await expect(page.getByTestId("ongoing-bookings").getByTestId("booking").filter({ hasText: EBOOK })).toBeVisible();
  await page.goto(ticketUrl);
  await expect(page.getByTestId("activation-code")).toHaveText(code);
  await context.setOffline(true);
  await page.goto("/reservations");
  await expect(page.getByTestId("booking").filter({ hasText: EBOOK }).getByTestId("open-access")).toBeVisible();
  await page.goto(ticketUrl);
  await expect(page.getByTestId("ticket").getByTestId("activation-code")).toHaveText(code);
  await expect(page.getByTestId("ticket").getByTestId("offer-link")).toBeVisible();
  await expect(page.getByTestId("offline-banner")).toBeVisible();
  await context.setOffline(false);

  // The partner sees which code went to whom.
  await partner.goto(`/pro/offres/${offerId}`);
  await partner.locator('a[href^="/pro/structures/"][href$="/reservations"]').first().click();
  await hydrated(partner);
  const row = partner.getByTestId("booking-row").filter({ hasText: "Noa Test" }).first();
  await expect(row.getByTestId("booking-code")).toHaveText(code);
  await partner.context().close();
});
