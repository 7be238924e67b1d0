import { expect, type Locator, type Page } from "@playwright/test";
import { bookFromHome, expectAccessible, hydrated, NEW_PASSWORD, PARTNER, signIn, signUp, test } from "./helpers";
import { expectNoFrench, frenchIn } from "./french";
import { mailsTo } from "./mailbox";

/** The phone's bottom bar, tab by tab. */
async function expectTabs(page: Page, names: string[]) {
  const bar = page.getByRole("navigation", { name: names[0] === "Découvrir" ? "Navigation principale" : "Main navigation" });
  await expect(bar.getByRole("link")).toHaveText(names);
}

const ENGLISH_TABS = ["Discover", "Map", "Search", "Bookings", "Profile"];
const FRENCH_TABS = ["Découvrir", "Carte", "Recherche", "Réservations", "Profil"];

test.describe("a browser that asks for English", () => {
  test.use({ locale: "en-GB" });

  test("gets the frame of the pages in English, kept and hydrated in English", async ({ page }) => {
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expectTabs(page, ENGLISH_TABS);
    await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Skip to content" })).toHaveAttribute("href", "#contenu");
    await expectAccessible(page);
    // Served a second time from the page cache: the English page, not the French one.
    await page.reload();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expectTabs(page, ENGLISH_TABS);

    // A page of the whole app: the browser renders the same words when it takes over
    // (a hydration that disagreed would fail the test), and keeps them as it navigates.
    await page.goto("/connexion");
    await hydrated(page);
    await expectTabs(page, ENGLISH_TABS);
    await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Profile" }).click();
    await expect(page).toHaveURL(/\/compte|\/connexion/);
    await expectTabs(page, ENGLISH_TABS);
  });

  test("reads the terms in English, and a sign-up refused field by field in English", async ({ page }) => {
    await page.goto("/conditions");
    await expect(page.getByRole("heading", { level: 1, name: "Terms of use" })).toBeVisible();
    await expect(page.getByTestId("legal-version")).toHaveText(/^Version 1, in force since \d+ \w+ \d{4}$/);
    await expect(page.getByRole("heading", { name: "4. Bookings" })).toBeVisible();
    await expect(page.getByText("the French version is the one that applies")).toBeVisible();
    await expectNoFrench([page.getByRole("main")]);
    await expectAccessible(page);
    await page.goto("/confidentialite");
    await expect(page.getByRole("heading", { level: 1, name: "Privacy notice" })).toBeVisible();
    await expectNoFrench([page.getByRole("main")]);

    // The domain's reasons, worded by the app in the page's language.
    await page.goto("/inscription");
    await hydrated(page);
    await page.getByLabel("First name").fill("Grace");
    await page.getByLabel("Last name").fill("Test");
    await page.getByLabel("Email").fill(`grace.${Date.now()}@example.org`);
    await page.getByLabel("Password").fill(NEW_PASSWORD);
    const birth = page.getByLabel("Date of birth");
    await birth.fill(`${new Date().getFullYear() - 10}-05-01`);
    await page.getByLabel(/^Département/).fill("67");
    await page.getByRole("checkbox", { name: /I accept the terms of use/ }).check();
    const submit = page.getByRole("button", { name: "Create my account" });
    await submit.click();
    await expect(page.getByText("You must be at least 15 to create an account")).toBeVisible();
    await birth.fill("2000-05-01");
    await page.getByLabel(/^Département/).fill("999");
    await submit.click();
    await expect(page.getByText("Unknown département")).toBeVisible();
    await expectNoFrench([page.getByRole("main")]);
    await expectAccessible(page);
  });
});

test("French is the default, and a language the app does not have is French", async ({ browser }) => {
  for (const locale of ["fr-FR", "de-DE"]) {
    const context = await browser.newContext({ ...test.info().project.use, locale });
    const page = await context.newPage();
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "fr");
    await expectTabs(page, FRENCH_TABS);
    await context.close();
  }
});

test("a person chooses English on their profile, and it follows them to another device", async ({ page, browser }) => {
  const email = await signUp(page, "Ada");
  await page.goto("/compte");
  await hydrated(page);
  await page.getByLabel("Langue du Culture Pass").selectOption("en");
  await page.getByRole("button", { name: "Choisir cette langue" }).click();
  // The browser sent the form itself: the page comes back, in English.
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  // (Leptos's redirection back leaves an empty query: `/compte?`.)
  await expect(page).toHaveURL(/\/compte\??$/);
  await expect(page.getByRole("heading", { name: "Language" })).toBeVisible();
  await expect(page.getByLabel("Culture Pass language")).toHaveValue("en");
  await expectTabs(page, ENGLISH_TABS);
  await hydrated(page);
  await expectAccessible(page);

  // Another device whose browser asks for French: once signed in, English.
  const context = await browser.newContext({ ...test.info().project.use, locale: "fr-FR" });
  const other = await context.newPage();
  await other.goto("/connexion");
  await hydrated(other);
  await expectTabs(other, FRENCH_TABS);
  await other.getByLabel("E-mail").fill(email);
  await other.getByLabel("Mot de passe").fill(NEW_PASSWORD);
  await other.getByRole("button", { name: "Se connecter" }).click();
  await expect(other.getByTestId("signed-in-as")).toBeVisible();
  await other.goto("/compte");
  await expect(other.locator("html")).toHaveAttribute("lang", "en");
  await expectTabs(other, ENGLISH_TABS);
  await context.close();

  // A language the app does not have: refused with a reason, in the language the person
  // reads, and nothing changes.
  const refused = await page.request.post("/api/choose_language", {
    form: { lang: "tlh" },
    headers: { Accept: "application/json" },
  });
  expect(refused.status()).toBe(400);
  expect(await refused.text()).toContain("This language is not offered");
  expect(refused.headers()["set-cookie"]).toBeUndefined();
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");

  // And back to French.
  await page.getByLabel("Culture Pass language").selectOption("fr");
  await page.getByRole("button", { name: "Use this language" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await expect(page.getByRole("heading", { name: "Langue" })).toBeVisible();
  await expectTabs(page, FRENCH_TABS);
});

/** The titles and places of the offer cards of a page: the partners' words. */
async function cardTitles(page: Page): Promise<string[]> {
  const cards = page.getByTestId("offer-card");
  const titles = await cards.locator("h2").allInnerTexts();
  const places = await cards.locator("h2 + p").allInnerTexts();
  return [...titles, ...places];
}

/** How the demo bookshop says to collect a book (a partner's words, in French). */
const WITHDRAWAL = "Présente ta contremarque à l'accueil.";

test("in English, a young person books an offer and finds the ticket, with no French word of the app", async ({ page }) => {
  const email = await signUp(page, "Grace");
  await page.goto("/compte");
  await hydrated(page);
  await page.getByLabel("Langue du Culture Pass").selectOption("en");
  await page.getByRole("button", { name: "Choisir cette langue" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");

  // Discovering: the home and the search, islands pages, in English.
  await page.goto("/");
  await hydrated(page);
  await expect(page.getByRole("heading", { level: 1, name: "Around Strasbourg" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Close to you" })).toBeVisible();
  const book = page.getByTestId("offer-card").filter({ hasText: "L'Étranger" }).first();
  await expect(book).toContainText("Paper book");
  await expect(book).toContainText("€8.50");
  await expectNoFrench([page.getByRole("main")], await cardTitles(page));
  await page.goto("/recherche?q=Horde");
  await hydrated(page);
  await expect(page.getByRole("heading", { level: 1, name: "Search" })).toBeVisible();
  await expect(page.getByTestId("search-chips").getByRole("button", { name: "This weekend" })).toBeVisible();
  await expect(page.getByTestId("search-summary")).toHaveText(/^Around Strasbourg \(50 km\) · \d+\+? offers?$/);
  await expectNoFrench([page.getByRole("main")], await cardTitles(page));
  await expectAccessible(page);

  await page.goto("/carte");
  await expect(page.getByTestId("list-view")).toHaveText("See as a list");
  await expect(page.getByTestId("around-me")).toHaveText("◎ Around me");
  await expect(page.getByRole("region", { name: "Map of the offers" })).toBeVisible();

  await page.goto("/");
  await page.getByTestId("offer-card").filter({ hasText: "L'Étranger" }).first().click();
  await expect(page).toHaveURL(/\/offres\/\d+$/);
  await hydrated(page);
  const frame = [page.getByRole("navigation", { name: "Main navigation" }), page.locator("header")];
  const booking = page.locator("#reserver");
  await expect(booking.getByRole("heading", { name: "Price" })).toBeVisible();
  await expect(page.getByTestId("booking-bar-price")).toHaveText("€8.50");
  await expectNoFrench([...frame, booking, page.getByTestId("booking-bar")]);

  await page.getByTestId("open-booking").click();
  const sheet = page.getByRole("dialog", { name: "Book" });
  await expect(sheet).toBeVisible();
  await expect(page.getByTestId("summary-total")).toHaveText("€8.50");
  await expect(page.getByTestId("summary-remaining")).toHaveText(/^€\d+(\.\d\d)?$/);
  await expectNoFrench([sheet]);
  await expectAccessible(page);
  await sheet.getByRole("button", { name: "Confirm the booking" }).click();

  const confirmation = page.getByTestId("booking-confirmation");
  await expect(confirmation.getByRole("heading", { name: "Booking confirmed!" })).toBeVisible();
  await expect(confirmation.getByTestId("booking-debit")).toHaveText("€8.50 taken from your credit");
  await expect(confirmation.getByTestId("booking-qr")).toHaveAttribute("aria-label", /^QR code of ticket [A-HJ-NP-Z2-7]{6}$/);
  await expectNoFrench([confirmation]);
  const token = ((await confirmation.getByTestId("booking-token").textContent()) ?? "").trim();

  // The confirmation mail follows the language chosen on the account.
  const [mail] = await mailsTo(email, /^Booking confirmed: L'Étranger$/);
  expect(mail.text).toContain("Your booking is confirmed.");
  expect(mail.text).toContain(`Your booking code: ${token}`);
  expect(mail.text).toContain("€8.50 taken from your credit");
  const partners = ["L'Étranger", WITHDRAWAL];
  expect(frenchIn(partners.reduce((rest, theirs) => rest.replaceAll(theirs, ""), mail.text))).toEqual([]);

  // A refusal, worded in English by the app from the domain's reason.
  await confirmation.getByRole("button", { name: "Back to the offer" }).click();
  await page.getByTestId("open-booking").click();
  await sheet.getByRole("button", { name: "Confirm the booking" }).click();
  await expect(page.getByTestId("booking-error")).toHaveText("You have already booked this offer");

  await page.goto("/reservations");
  await hydrated(page);
  await expect(page.getByRole("heading", { level: 1, name: "My bookings" })).toBeVisible();
  const card = page.getByTestId("booking").filter({ hasText: token });
  await expect(card.getByTestId("booking-status")).toHaveText("Confirmed");
  await expect(card).toContainText("1 place · €8.50");
  await expectNoFrench([...frame, page.getByRole("main")]);

  await card.getByRole("link", { name: "L'Étranger" }).click();
  await expect(page).toHaveURL(/\/reservations\/\d+$/);
  const ticket = page.getByTestId("ticket");
  await expect(ticket.getByText("Show this code and an identity document at the counter.")).toBeVisible();
  await expect(ticket).toContainText("€8.50 (1 place)");
  await expect(ticket).toContainText("Can be cancelled until the ticket is validated");
  await expect(ticket).toContainText(WITHDRAWAL);
  await expectNoFrench([...frame, page.getByRole("main")], [WITHDRAWAL]);
  await expectAccessible(page);

  // Cancelled, in English, and the reason stays with it.
  await ticket.getByRole("button", { name: "Cancel the booking" }).click();
  await expect(page.getByTestId("booking-ended")).toHaveText("Cancelled by you, credit given back");
  await expect(page.getByTestId("ticket-status")).toHaveText("Cancelled");
});

test("in English, a partner validates a ticket at the counter", async ({ page, browser }) => {
  // A young person books, in French.
  const young = await browser.newContext({ ...test.info().project.use });
  const phone = await young.newPage();
  await signUp(phone, "Alan");
  const token = await bookFromHome(phone, "L'Étranger");
  await young.close();

  // The demo partner reads English on this device (a cookie: their account keeps no
  // choice, so the other tests still see them in French).
  await signIn(page, PARTNER);
  await page.context().addCookies([{ name: "lang", value: "en", url: page.url() }]);
  await page.goto("/pro/guichet");
  await hydrated(page);
  await expect(page.getByRole("heading", { level: 1, name: "Counter" })).toBeVisible();
  await page.getByLabel("Ticket code").fill(token.toLowerCase());
  await page.getByRole("button", { name: "Validate" }).click();
  const validated = page.getByTestId("ticket-validated");
  await expect(validated).toContainText(`Ticket ${token} validated`);
  await expect(validated).toContainText("Alan Test · 1 place · €8.50");
  await expect(page.getByRole("button", { name: "Undo the validation" })).toBeVisible();
  await expectNoFrench([page.getByRole("main")], ["L'Étranger"]);
  await expectAccessible(page);

  // A second validation is refused, in English.
  await page.getByRole("button", { name: "Validate" }).click();
  await expect(page.getByTestId("ticket-error")).toHaveText("This ticket has already been validated");
});
