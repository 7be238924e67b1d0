import { expect } from "@playwright/test";
import { hydrated, PARTNER, signIn, signOut, test, YOUNG } from "./helpers";

// The first journey: a young person discovers an offer near Strasbourg, books it with
// the credit, finds the ticket in "my bookings"; the partner validates it at the counter.
test("a young person books a book and the bookshop validates the ticket", async ({ page }) => {
  await page.goto("/");
  await hydrated(page);
  await expect(page.getByRole("heading", { name: "Autour de Strasbourg" })).toBeVisible();

  await signIn(page, YOUNG);
  await expect(page.getByTestId("signed-in-as")).toHaveText("Inès");

  await page.goto("/");
  await hydrated(page);
  await page.getByTestId("offer-card").filter({ hasText: "L'Étranger" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "L'Étranger" })).toBeVisible();
  await expect(page.getByText("Librairie Kléber", { exact: true })).toBeVisible();
  await hydrated(page);

  await page.getByTestId("open-booking").click();
  await expect(page.getByTestId("summary-total")).toHaveText("8,50 €");
  await expect(page.getByTestId("summary-remaining")).toHaveText("491,50 €");
  await page.getByRole("button", { name: "Confirmer la réservation" }).click();
  const confirmation = page.getByTestId("booking-confirmation");
  await expect(confirmation).toContainText("Réservation confirmée");
  await expect(confirmation).toContainText("8,50 €");
  const token = (await confirmation.getByTestId("booking-token").textContent())?.trim() ?? "";
  expect(token).toMatch(/^[A-HJ-NP-Z2-7]{6}$/);

  // Booking the same offer twice is refused with its reason, in the sheet.
  await confirmation.getByTestId("close-confirmation").click();
  await page.getByTestId("open-booking").click();
  await page.getByRole("button", { name: "Confirmer la réservation" }).click();
  await expect(page.getByTestId("booking-error")).toHaveText("Tu as déjà réservé cette offre");
  await expect(page.getByTestId("booking-error")).toBeInViewport();

  await page.goto("/reservations");
  const booking = page.getByTestId("booking").filter({ hasText: token });
  await expect(booking).toBeVisible();
  await expect(booking.getByTestId("booking-status")).toHaveText("Confirmée");
  await hydrated(page);
  await signOut(page);

  await signIn(page, PARTNER);
  await expect(page).toHaveURL(/\/pro$/);
  await page.goto("/pro/guichet");
  await hydrated(page);
  await page.getByLabel("Contremarque").fill(token.toLowerCase());
  await page.getByRole("button", { name: "Valider" }).click();
  await expect(page.getByTestId("ticket-validated")).toContainText(`Contremarque ${token} validée`);
  await expect(page.getByTestId("ticket-validated")).toContainText("Inès Moreau");

  // A second validation is refused.
  await page.getByRole("button", { name: "Valider" }).click();
  await expect(page.getByTestId("ticket-error")).toHaveText("Cette contremarque a déjà été validée");
  await signOut(page);

  await signIn(page, YOUNG);
  await page.goto("/reservations");
  const used = page.getByTestId("ended-bookings").getByTestId("booking").filter({ hasText: token });
  await expect(used.getByTestId("booking-status")).toHaveText("Validée");
  await expect(used.getByTestId("booking-ended")).toContainText("Contremarque validée le");
});

test("a wrong password is refused with a message", async ({ page }) => {
  await page.goto("/connexion");
  await hydrated(page);
  await page.getByLabel("E-mail").fill(YOUNG);
  await page.getByLabel("Mot de passe").fill("not-the-password");
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page.getByTestId("login-error")).toHaveText("E-mail ou mot de passe incorrect");
});

test("the API refuses bad requests with a status and a reason", async ({ request }) => {
  const anonymous = await request.post("/api/book", { form: { stock_id: "1", quantity: "1" } });
  expect(anonymous.status()).toBe(401);
  expect(await anonymous.text()).toContain("Unauthenticated");

  const malformed = await request.post("/api/validate_ticket", { form: { token: "x" } });
  expect(malformed.status()).toBe(401);

  const unknown = await request.post("/api/offer_details", { form: { offer_id: "999999" } });
  expect(unknown.status()).toBe(404);

  const badPlace = await request.post("/api/home", { form: { place: "atlantis" } });
  expect(badPlace.status()).toBe(400);
  expect(await badPlace.text()).toContain("Lieu inconnu");
});

test("password guessing is stopped after five failures", async ({ request }) => {
  const email = `devine.${Date.now()}@example.org`;
  for (let i = 0; i < 5; i++) {
    const attempt = await request.post("/api/login", { form: { email, password: `essai-${i}` } });
    expect(attempt.status()).toBe(401);
  }
  const blocked = await request.post("/api/login", { form: { email, password: "essai-6" } });
  expect(blocked.status()).toBe(429);
  expect(await blocked.text()).toContain("TooManyAttempts");
});
