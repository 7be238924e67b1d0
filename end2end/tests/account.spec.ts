import { expect } from "@playwright/test";
import { readFileSync } from "fs";
import { acceptTerms, addressLink, birthDate, bookFromHome, confirmAddress, hydrated, signUp, test } from "./helpers";
import { linksIn, mailsTo } from "./mailbox";

test("bad sign-up input gets a message under each field", async ({ page }) => {
  await page.goto("/inscription");
  await hydrated(page);
  await page.getByLabel("Prénom").fill("Léa");
  await page.getByLabel("Nom", { exact: true }).fill("Durand");
  await page.getByLabel("E-mail").fill(`lea.${Date.now()}@example.org`);
  await page.getByLabel("Mot de passe").fill("court");
  await page.getByLabel("Date de naissance").fill(birthDate(18));
  await page.getByLabel("Département").fill("67");
  await acceptTerms(page);
  await page.getByRole("button", { name: "Créer mon compte" }).click();
  await expect(page.getByTestId("password-error")).toHaveText("Le mot de passe doit compter au moins 12 caractères");

  await page.getByLabel("Mot de passe").fill("une phrase de passe assez longue");
  await page.getByLabel("Date de naissance").fill(birthDate(12));
  await page.getByRole("button", { name: "Créer mon compte" }).click();
  await expect(page.getByTestId("birth_date-error")).toHaveText("Il faut avoir au moins 15 ans pour créer un compte");
  await expect(page).toHaveURL(/\/inscription$/);
});

test("the sign-up form links to the terms of use and the privacy notice, each with its versions", async ({ page }) => {
  await page.goto("/inscription");
  await hydrated(page);
  await expect(page.getByRole("checkbox", { name: /J'accepte les conditions générales d'utilisation/ })).not.toBeChecked();
  await expect(page.getByRole("link", { name: "Lire les conditions" })).toHaveAttribute("href", "/conditions");
  await expect(page.getByRole("link", { name: "Lire la politique de confidentialité" })).toHaveAttribute("href", "/confidentialite");
  await page.goto("/conditions");
  await hydrated(page);
  await expect(page.getByRole("heading", { name: "Conditions générales d'utilisation" })).toBeVisible();
  await expect(page.getByTestId("legal-version")).toHaveText("Version 1, en vigueur depuis le 4 déc. 2026");
  await page.getByRole("link", { name: "Version 1 du 4 déc. 2026" }).click();
  await expect(page).toHaveURL(/\/conditions\/1$/);
  await expect(page.getByRole("heading", { name: "3. Crédit" })).toBeVisible();
  await page.goto("/confidentialite");
  await hydrated(page);
  await expect(page.getByRole("heading", { name: "Politique de confidentialité" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "5. Tes droits" })).toBeVisible();
});

test("a new account confirms its address from the welcome mail before it books, and its ticket comes by mail", async ({ page }) => {
  const email = await signUp(page, "Elio", 18, { verify: false });
  // The wallet says what booking waits for.
  await expect(page.getByTestId("address-notice")).toContainText("Confirme ton adresse e-mail pour réserver");
  const welcome = await addressLink(email);

  // The offer shows its dates, and the notice instead of the booking sheet.
  await page.goto("/");
  await page.getByTestId("offer-card").filter({ hasText: "La Horde du Contrevent" }).first().click();
  await hydrated(page);
  await expect(page.getByTestId("address-notice")).toBeVisible();
  await expect(page.getByTestId("open-booking")).toHaveCount(0);
  // Not received: a new link, the first one dead.
  await page.getByRole("button", { name: "Renvoyer le lien" }).click();
  await expect(page.getByTestId("address-link-sent")).toHaveText(`Nouveau lien envoyé à ${email}.`);
  const links = await linksIn(email, /Bienvenue|Confirme/, "/adresse/confirmer", 2);
  const fresh = links.find((link) => link !== welcome)!;
  expect(fresh, "a second link").toBeTruthy();
  await page.goto(welcome);
  await hydrated(page);
  await page.getByRole("button", { name: "Confirmer mon adresse" }).click();
  await expect(page.getByTestId("address-token-error")).toHaveText("Ce lien n'est plus valable : demande un nouveau lien depuis ton profil");
  await confirmAddress(page, fresh);
  await expect(page.getByTestId("address-confirmed")).toHaveText("Ton adresse e-mail est confirmée : tu peux réserver.");

  const token = await bookFromHome(page, "La Horde du Contrevent");
  const [ticket] = await mailsTo(email, /Réservation confirmée/);
  expect(ticket.text).toContain(token);
});

test("a new 18-year-old gets 500 €, books, sees the QR ticket and the ledger, cancels", async ({ page }) => {
  await signUp(page, "Yanis");
  await expect(page.getByTestId("wallet-balance")).toHaveText("500 €");
  await expect(page.getByTestId("wallet-expiry")).toContainText("encore 7");
  await expect(page.getByTestId("wallet-history")).toContainText("Crédit de tes 18 ans");
  await expect(page.getByText("200 € restants")).toHaveCount(2);

  await page.goto("/");
  await hydrated(page);
  const guitar = page.locator("li").filter({ hasText: "Guitare classique" }).first();
  await guitar.getByTestId("card-favorite").click();
  await expect(guitar.getByTestId("card-favorite")).toHaveAttribute("aria-pressed", "true");
  await page.getByTestId("offer-card").filter({ hasText: "Ukulélé soprano" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Ukulélé soprano" })).toBeVisible();
  await hydrated(page);
  // The favourite is a form the browser sends itself: the page comes back, and is
  // hydrated again.
  await page.getByTestId("favorite").click();
  await expect(page.getByTestId("favorite")).toHaveAttribute("aria-pressed", "true");
  await hydrated(page);
  await page.getByTestId("open-booking").click();
  await expect(page.getByTestId("summary-remaining")).toHaveText("455 €");
  await page.getByRole("button", { name: "Confirmer la réservation" }).click();
  await expect(page.getByTestId("booking-confirmation")).toContainText("45 €");

  await page.goto("/favoris");
  await expect(page.getByTestId("favorite-offer")).toHaveCount(2);
  await expect(page.getByTestId("favorite-offer").filter({ hasText: "Ukulélé soprano" })).toHaveCount(1);
  await expect(page.getByTestId("favorite-offer").filter({ hasText: "Guitare classique" })).toHaveCount(1);

  await page.goto("/portefeuille");
  await expect(page.getByTestId("wallet-balance")).toHaveText("455 €");
  await expect(page.getByText("155 € restants")).toBeVisible();
  await expect(page.getByTestId("wallet-history")).toContainText("Réservation : Ukulélé soprano");
  await expect(page.getByTestId("wallet-history")).toContainText("-45 €");

  await page.goto("/reservations");
  const booking = page.getByTestId("booking").filter({ hasText: "Ukulélé soprano" });
  await expect(booking.getByTestId("booking-qr").locator("svg")).toHaveCount(1);
  // For who cannot see it, the QR code's name says the code it holds.
  const code = ((await booking.getByTestId("booking-token").textContent()) ?? "").trim();
  expect(code).toMatch(/^[A-HJ-NP-Z2-7]{6}$/);
  await expect(booking.getByRole("img", { name: `QR code de la contremarque ${code}` })).toBeVisible();
  await hydrated(page);
  await booking.getByRole("button", { name: "Annuler la réservation" }).click();
  await expect(booking.getByTestId("booking-status")).toHaveText("Annulée");
  await expect(page.getByTestId("ended-bookings").getByTestId("booking-ended")).toHaveText("Annulée par toi, crédit rendu");

  await page.goto("/portefeuille");
  await expect(page.getByTestId("wallet-balance")).toHaveText("500 €");
  await expect(page.getByTestId("wallet-history")).toContainText("Remboursement : Ukulélé soprano");
});

test("the profile turns a kind of mail off and on; a broken unsubscribe link says so", async ({ page }) => {
  await signUp(page, "Mae");
  await page.goto("/compte");
  await hydrated(page);
  const confirmation = page.getByTestId("mail-choice").filter({ hasText: "La confirmation de chaque réservation" });
  await expect(confirmation.getByTestId("mail-choice-state")).toHaveText("Par e-mail");
  await confirmation.getByRole("button", { name: "Arrêter : La confirmation de chaque réservation" }).click();
  await expect(confirmation.getByTestId("mail-choice-state")).toHaveText("Aucun e-mail");
  // Kept: a new visit shows the choice.
  await page.reload();
  await expect(confirmation.getByTestId("mail-choice-state")).toHaveText("Aucun e-mail");
  await hydrated(page);
  await confirmation.getByRole("button", { name: "Réactiver : La confirmation de chaque réservation" }).click();
  await expect(confirmation.getByTestId("mail-choice-state")).toHaveText("Par e-mail");
  // Mails that must go are not listed.
  await expect(page.getByTestId("mail-choices")).not.toContainText("mot de passe");

  const broken = await page.goto("/desabonnement?jeton=nothing&type=event_tomorrow");
  expect(broken?.status()).toBe(400);
  await expect(page.getByTestId("error")).toContainText("Ce lien de désabonnement n’est pas valide");
});

test("the bell counts what is new; the centre lists it, even with the mail stopped, and opens the ticket", async ({ page }) => {
  await signUp(page, "Noa");
  const bell = page.getByTestId("bell");
  await expect(bell).toBeVisible();
  await expect(bell.getByTestId("unread-count")).toHaveCount(0);
  await bell.click();
  await expect(page.getByRole("heading", { name: "Notifications", exact: true })).toBeVisible();
  await expect(page.getByTestId("no-notifications")).toBeVisible();

  // The mail of confirmations stopped: the app still says it.
  await page.goto("/compte");
  await hydrated(page);
  await page.getByRole("button", { name: "Arrêter : La confirmation de chaque réservation" }).click();
  await expect(
    page.getByTestId("mail-choice").filter({ hasText: "La confirmation de chaque réservation" }).getByTestId("mail-choice-state"),
  ).toHaveText("Aucun e-mail");

  const token = await bookFromHome(page, "La Horde du Contrevent");
  await page.goto("/");
  await hydrated(page);
  await expect(bell.getByTestId("unread-count")).toHaveText("1");
  await expect(bell).toHaveAttribute("aria-label", "Notifications, 1 nouvelle");

  await bell.click();
  const notice = page.getByTestId("notification").first();
  await expect(notice).toContainText("Réservation confirmée");
  await expect(notice).toContainText("La Horde du Contrevent");
  await expect(notice).toHaveAttribute("data-unread", "true");
  // Read by opening the centre: the count is gone, here and on the next page.
  await expect(bell.getByTestId("unread-count")).toHaveCount(0);
  await notice.click();
  await expect(page).toHaveURL(/\/reservations\/\d+$/);
  await expect(page.getByTestId("ticket")).toContainText(token);
  await expect(bell.getByTestId("unread-count")).toHaveCount(0);
  // Seen before: no longer new.
  await page.goto("/notifications");
  await expect(page.getByTestId("notification").first()).not.toHaveAttribute("data-unread", "true");
});

test("the profile downloads everything the product holds about the person, section by section", async ({ page }) => {
  const email = await signUp(page, "Lilou");
  const token = await bookFromHome(page, "La Horde du Contrevent");
  await page.goto("/compte");
  await hydrated(page);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("my-data").click()]);
  expect(download.suggestedFilename()).toMatch(/^culture-pass-mes-donnees-\d{4}-\d{2}-\d{2}\.json$/);
  const data = JSON.parse(readFileSync((await download.path())!, "utf8"));
  for (const section of [
    "account", "legal_acceptances", "identity_check", "credit", "next_grant_due_at", "ledger", "bookings",
    "favorites", "comments", "reactions", "followed_venues", "sessions", "mail_choices", "messages",
  ]) {
    expect(data, section).toHaveProperty(section);
  }
  expect(data.account.email).toBe(email);
  expect(data.bookings.map((b: { token: string }) => b.token)).toEqual([token]);
  expect(data.ledger.map((m: { kind: string }) => m.kind)).toEqual(["grant", "debit"]);
  expect(data.ledger[0].grant_age).toBe(18);
  expect(data.legal_acceptances).toHaveLength(1);
  expect(data.sessions.length).toBeGreaterThanOrEqual(1);
  expect(data.messages.map((m: { kind: string }) => m.kind)).toEqual(expect.arrayContaining(["welcome", "booking_confirmed"]));
  expect(JSON.stringify(data)).not.toContain("argon2");
});
