import { type Browser, expect, type Page } from "@playwright/test";
import * as path from "node:path";
import { expectNoFrench } from "./french";
import { ADMIN, day, freshSiren, hydrated, NEW_PASSWORD, PASSWORD, signIn, signUp, test, watchPolicy } from "./helpers";
import { mailsTo } from "./mailbox";

/**
 * Someone else, signed in on a computer that reads English (a cookie: their account keeps
 * no choice, so the other tests still see them in French).
 */
async function inEnglish(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "fr-FR" });
  await watchPolicy(context, "fr-FR");
  const page = await context.newPage();
  await signIn(page, email, PASSWORD);
  await context.addCookies([{ name: "lang", value: "en", url: page.url() }]);
  return page;
}

test.use({ locale: "en-GB" });

// The partner's whole journey in English: sign-up, an organisation the team approves (in
// English too), a venue, an event with a price and two dates, the team's review, the
// published offer in the list, a young person's booking seen in the bookings list. At
// each step, no French word of the app; the mails the partner gets are in English.
test("in English, a partner signs up, publishes an event, and sees its booking", async ({ page, browser }) => {
  test.slow();
  const stamp = Date.now();
  const organisation = `Quay Theatre ${stamp}`;
  const title = `Quay cabaret ${stamp}`;
  const email = `margaret.${stamp}@quay-theatre.example`;
  const theirs = [organisation, title, "Quay Hall", "Margaret Quay", "Lou Test"];
  const main = page.getByRole("main");

  await page.goto("/pro/inscription");
  await hydrated(page);
  await expect(page.getByRole("heading", { level: 1, name: "Create a partner account" })).toBeVisible();
  await page.getByLabel("First name").fill("Margaret");
  await page.getByLabel("Last name").fill("Quay");
  await page.getByLabel("Work email").fill(email);
  await page.getByLabel(/^Password/).fill(NEW_PASSWORD);
  await page.getByRole("checkbox", { name: /I accept the terms of use/ }).check();
  await expectNoFrench([main]);
  await page.getByRole("button", { name: "Create my account" }).click();
  await expect(page).toHaveURL(/\/pro$/);
  await hydrated(page);
  // Signed up in English: the welcome says so.
  await mailsTo(email, /^Welcome to Culture Pass Pro: confirm your address$/);

  await page.getByLabel("Organisation name").fill(organisation);
  // The domain's reason for a SIREN it refuses, worded in English by the app.
  await page.getByLabel(/^SIREN/).fill("12345");
  await page.getByRole("button", { name: "Register the organisation" }).click();
  await expect(main.getByText("A SIREN has 9 digits").first()).toBeVisible();
  await page.getByLabel(/^SIREN/).fill(freshSiren());
  await expectNoFrench([main], theirs);
  await page.getByRole("button", { name: "Register the organisation" }).click();
  await expect(page).toHaveURL(/\/pro\/structures\/\d+$/);
  await expect(page.getByTestId("pending-banner")).toContainText("Your organisation is being reviewed");
  await expectNoFrench([main, page.locator("header")], theirs);
  const home = page.url();

  // The team approves it, in English.
  const admin = await inEnglish(browser, ADMIN);
  await admin.goto("/admin/structures");
  await hydrated(admin);
  await expect(admin.getByRole("heading", { level: 1, name: "Organisations to approve" })).toBeVisible();
  const pending = admin.getByTestId("pending-structure").filter({ hasText: organisation });
  await expectNoFrench([admin.getByRole("main")], theirs);
  await pending.getByRole("button", { name: "Approve" }).click();
  await expect(admin.getByTestId("pending-structure").filter({ hasText: organisation })).toHaveCount(0);
  await mailsTo(email, new RegExp(`^${organisation} is validated on Culture Pass Pro$`));

  await page.reload();
  await hydrated(page);
  await expect(page.getByTestId("badge").first()).toHaveText("Approved");
  const team = page.getByTestId("team");
  await expect(team.getByTestId("member")).toContainText("Margaret Quay (you)");
  await expect(team.getByTestId("member-role")).toHaveText("Administrator");
  await expectNoFrench([main], theirs);

  // A venue, placed by tapping the map.
  await page.getByRole("link", { name: "Venues" }).click();
  await expect(page).toHaveURL(/\/lieux$/);
  await hydrated(page);
  const form = page.getByTestId("venue-form");
  await form.getByLabel("Venue name").fill("Quay Hall");
  await form.getByLabel("Type of venue").selectOption("SALLE_SPECTACLE");
  await form.getByLabel("This venue has no SIRET").check();
  await form.getByLabel("Why no SIRET?").fill("A hall the town lends us");
  await form.getByLabel("Address", { exact: true }).fill("3 quai des Bateliers");
  await form.getByLabel("Postcode").fill("67000");
  await form.getByLabel("Town").fill("Strasbourg");
  await form.getByLabel("Town").press("Tab");
  await expectNoFrench([main], [...theirs, "3 quai des Bateliers"]);
  const map = page.getByTestId("pin-picker");
  await expect(map.locator(".leaflet-container, .leaflet-pane").first()).toBeAttached();
  await map.click({ position: { x: 200, y: 100 } });
  await expect(form.getByLabel("Latitude")).toHaveValue(/^48\.\d+/);
  await page.getByRole("button", { name: "Save the venue" }).click();
  await expect(page.getByTestId("venues")).toContainText("Quay Hall");

  // An event, in duo, with a price and two dates.
  await page.goto(home + "/offres/nouvelle");
  await hydrated(page);
  await expect(page.getByRole("heading", { level: 1, name: "New offer" })).toBeVisible();
  await page.getByLabel("Category", { exact: true }).selectOption("SPECTACLE_REPRESENTATION");
  await expect(page.getByTestId("subcategory-hint")).toContainText("An event");
  await page.getByLabel("Venue", { exact: true }).selectOption({ label: "Quay Hall" });
  await page.getByLabel(/^Title/).fill(title);
  await page.getByLabel("Description").fill("Songs and acts by the water.");
  await page.getByLabel(/^Duo offer/).check();
  await expectNoFrench([main], theirs);
  await page.getByRole("button", { name: "Save the draft and continue" }).click();
  await expect(page).toHaveURL(/\/pro\/offres\/\d+$/);
  await hydrated(page);
  await expect(page.getByTestId("offer-state")).toHaveText("Draft");

  await page.getByTestId("image-form").getByLabel(/PNG, JPEG or WebP/).setInputFiles(path.join(__dirname, "..", "fixtures", "affiche.png"));
  await page.getByTestId("image-form").getByRole("button", { name: "Upload the image" }).click();
  await expect(page.getByText("Image saved")).toBeVisible();
  await hydrated(page);

  const prices = page.getByTestId("price-category-form");
  await prices.getByLabel("Price name").fill("Standard");
  await prices.getByLabel("Price (€)").fill("14");
  await prices.getByRole("button", { name: "Add the price" }).click();
  await expect(page.getByTestId("price-categories")).toContainText("€14");
  const dates = page.getByTestId("dates-form");
  await dates.getByLabel("First day").fill(day(1));
  await dates.getByLabel("Last day").fill(day(2));
  await dates.getByLabel(/^Times/).fill("20:30");
  await dates.getByLabel(/^Places per date/).fill("30");
  await dates.getByRole("button", { name: "Add the dates" }).click();
  await expect(page.getByTestId("stock")).toHaveCount(2);
  await expectNoFrench([main], [...theirs, "Standard"]);
  await page.getByTestId("publish").click();
  await expect(page.getByTestId("offer-state")).toHaveText("Under review");
  await expect(page.getByTestId("review-pending")).toBeVisible();

  // A new organisation's first offer waits for the team, who publish it.
  await admin.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Offers" }).click();
  await expect(admin).toHaveURL(/\/admin\/offres$/);
  await admin.getByLabel("Title, organisation or venue").fill(title);
  await admin.getByRole("button", { name: "Search" }).click();
  await expect(admin.getByTestId("offers-count")).toHaveText("1 offer");
  const waiting = admin.getByTestId("team-offer").filter({ hasText: title });
  await expect(waiting).toContainText("New organisation");
  await expectNoFrench([admin.getByRole("main")], theirs);
  await hydrated(admin);
  await waiting.getByRole("button", { name: "Publish" }).click();
  await expect(admin.getByTestId("offers-count")).toHaveText("0 offers");
  await page.reload();
  await expect(page.getByTestId("offer-state")).toHaveText("Published");

  // The list finds it among the published offers.
  await page.goto(home + "/offres");
  const filters = page.getByTestId("offer-filters");
  await filters.getByLabel("Status").selectOption({ label: "Published" });
  await filters.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByTestId("offers-count")).toHaveText("1 offer");
  await expect(page.getByTestId("offers")).toContainText(title);
  await expectNoFrench([main], theirs);

  // A young person books a duo, in French; the partner sees it in English.
  const young = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "fr-FR" });
  await watchPolicy(young, "fr-FR");
  const phone = await young.newPage();
  await signUp(phone, "Lou");
  await phone.goto(`/recherche?q=${encodeURIComponent(title)}&rayon=partout`);
  await phone.getByTestId("offer-card").filter({ hasText: title }).first().click();
  await hydrated(phone);
  await phone.getByTestId("open-booking").click();
  await phone.getByLabel("2 places (duo)").check();
  await phone.getByRole("button", { name: "Confirmer la réservation" }).click();
  const token = ((await phone.getByTestId("booking-token").textContent()) ?? "").trim();
  await young.close();

  await page.goto(home + "/reservations");
  await hydrated(page);
  await expect(page.getByRole("heading", { level: 1, name: "Bookings" })).toBeVisible();
  const row = page.getByTestId("booking-row").filter({ hasText: token });
  await expect(row).toContainText("Lou Test");
  await expect(row).toContainText("€28");
  await expect(page.getByTestId("bookings-count")).toHaveText("1 booking");
  await expectNoFrench([main], theirs);
  // Told of it by mail, in English.
  const [told] = await mailsTo(email, new RegExp(`^New booking: ${title}$`));
  expect(told.text).toContain(token);
});
