import { expect, Page } from "@playwright/test";
import { acceptTerms, addressLink, confirmAddress, hydrated, NEW_PASSWORD, PARTNER, PASSWORD, signIn, signOut, signUp, test } from "./helpers";

// The taps people make most on a phone (390 × 844), once the app is hydrated.
test.use({ viewport: { width: 390, height: 844 } });

/** Opens the offer "L'Étranger" from the home page's rows. */
async function openBook(page: Page) {
  await page.goto("/");
  await hydrated(page);
  await page.getByTestId("offer-card").filter({ hasText: "L'Étranger" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "L'Étranger" })).toBeVisible();
  await hydrated(page);
}

test("Recherche from the bottom bar shows results, from every page", async ({ page }) => {
  for (const start of ["/", "/carte", "/recherche?q=camus"]) {
    await page.goto(start);
    await hydrated(page);
    await page.getByRole("navigation", { name: "Navigation principale" }).getByRole("link", { name: "Recherche" }).click();
    await expect(page).toHaveURL(/\/recherche$/);
    await expect(page.getByTestId("offer-card").first()).toBeVisible();
    await expect(page.locator("body")).not.toContainText("deserializ");
    await expect(page.locator("body")).not.toContainText("missing field");
  }
  // The current section is marked.
  await expect(page.getByRole("link", { name: "Recherche", exact: true }).last()).toHaveAttribute("aria-current", "page");
});

test("a first visit explains the pass, and the explanation once closed stays closed", async ({ page }) => {
  await page.goto("/");
  await hydrated(page);
  const welcome = page.getByTestId("welcome");
  await expect(welcome).toBeVisible();
  await expect(page.getByTestId("welcome-pitch")).toContainText("500 € à 18 ans");
  // The home's rows sit behind it. "Nouveautés" always has offers; the rows of this week
  // or this weekend depend on the day the demo was seeded (none on a Saturday night).
  await expect(page.getByRole("region", { name: "Nouveautés" })).toBeVisible();
  await page.getByTestId("close-welcome").click();
  await expect(welcome).toBeHidden();
  await page.reload();
  await hydrated(page);
  await expect(welcome).toBeHidden();
});

test("a chip turns its filter on and off, and the address keeps the whole search", async ({ page }) => {
  await page.goto("/recherche?lieu=strasbourg&q=jazz");
  await hydrated(page);
  const chips = page.getByTestId("search-chips");
  await chips.getByRole("button", { name: "Gratuit" }).click();
  await expect(page).toHaveURL(/prix=gratuit/);
  await expect(page).toHaveURL(/q=jazz/);
  await expect(chips.getByRole("button", { name: "Gratuit" })).toHaveAttribute("aria-pressed", "true");
  await chips.getByRole("button", { name: "Gratuit" }).click();
  await expect(page).not.toHaveURL(/prix=/);
  await expect(chips.getByRole("button", { name: "Gratuit" })).toHaveAttribute("aria-pressed", "false");
});

test("the booking sheet closes with its button, Escape or a tap beside it, and keeps the focus", async ({ page }) => {
  await signUp(page, "Alba");
  await openBook(page);
  const sheet = page.getByRole("dialog", { name: "Réserver" });

  await page.getByTestId("open-booking").click();
  await expect(sheet).toBeVisible();
  await expect(page.getByTestId("close-booking")).toBeFocused();
  // Tab goes round inside the sheet, never to the page behind.
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press("Tab");
    expect(await sheet.evaluate((el) => el.contains(document.activeElement))).toBe(true);
  }
  await page.keyboard.press("Escape");
  await expect(sheet).toBeHidden();
  await expect(page.getByTestId("open-booking")).toBeFocused();

  await page.getByTestId("open-booking").click();
  await page.getByTestId("sheet-backdrop").click({ position: { x: 20, y: 20 } });
  await expect(sheet).toBeHidden();

  await page.getByTestId("open-booking").click();
  await page.getByTestId("close-booking").click();
  await expect(sheet).toBeHidden();
});

test("a booking is confirmed full screen with its code, and a refusal shows in the sheet", async ({ page }) => {
  await signUp(page, "Nael");
  await openBook(page);
  // The bar at the bottom says the price and opens the sheet.
  await expect(page.getByTestId("booking-bar")).toBeInViewport();
  await expect(page.getByTestId("booking-bar-price")).toHaveText("8,50 €");
  await page.getByTestId("booking-bar-book").click();
  await page.getByRole("button", { name: "Confirmer la réservation" }).click();

  const confirmation = page.getByTestId("booking-confirmation");
  await expect(confirmation).toBeInViewport();
  await expect(page.getByRole("dialog", { name: "Réserver" })).toBeHidden();
  await expect(confirmation.getByTestId("booking-qr").locator("svg")).toHaveCount(1);
  await expect(confirmation.getByTestId("booking-token")).toHaveText(/^[A-HJ-NP-Z2-7]{6}$/);
  await expect(confirmation.getByTestId("booking-debit")).toHaveText("8,50 € débités de ton crédit");
  await expect(confirmation.getByTestId("see-ticket")).toBeInViewport();

  await confirmation.getByTestId("close-confirmation").click();
  await page.getByTestId("open-booking").click();
  await page.getByRole("button", { name: "Confirmer la réservation" }).click();
  await expect(page.getByTestId("booking-error")).toHaveText("Tu as déjà réservé cette offre");
  await expect(page.getByTestId("booking-error")).toBeInViewport();
});

test("on my bookings the QR code fits its box beside the code, and only what can be used has one", async ({ page }) => {
  await signUp(page, "Ilan");
  await openBook(page);
  await page.getByTestId("open-booking").click();
  await page.getByRole("button", { name: "Confirmer la réservation" }).click();
  await page.getByTestId("booking-confirmation").getByTestId("see-ticket").click();
  await page.goto("/reservations");
  await hydrated(page);
  const booking = page.getByTestId("booking").first();
  const box = await booking.getByTestId("booking-qr").boundingBox();
  const svg = await booking.getByTestId("booking-qr").locator("svg").boundingBox();
  const token = await booking.getByTestId("booking-token").boundingBox();
  expect(box && svg && token).toBeTruthy();
  if (box && svg && token) {
    expect(svg.width).toBeLessThanOrEqual(box.width + 1);
    expect(svg.height).toBeLessThanOrEqual(box.height + 1);
    expect(token.x).toBeGreaterThanOrEqual(box.x + box.width - 1);
  }
  // Cancelled: nothing left to scan.
  await booking.getByRole("button", { name: "Annuler la réservation" }).click();
  const ended = page.getByTestId("ended-bookings").getByTestId("booking").first();
  await expect(ended.getByTestId("booking-status")).toHaveText("Annulée");
  await expect(ended.getByTestId("booking-qr")).toHaveCount(0);
});

test("a visitor who signs up on the way to book comes back to the offer", async ({ page }) => {
  await openBook(page);
  const offerUrl = page.url();
  await page.getByRole("link", { name: "Se connecter pour réserver" }).first().click();
  await hydrated(page);
  await page.getByTestId("sign-up-link").click();
  await hydrated(page);
  await page.getByLabel("Prénom").fill("Sacha");
  await page.getByLabel("Nom", { exact: true }).fill("Test");
  const email = `sacha.${Date.now()}@example.org`;
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Mot de passe").fill(NEW_PASSWORD);
  await page.getByLabel("Date de naissance").fill("2007-06-01");
  await page.getByLabel("Département").fill("67");
  await acceptTerms(page);
  await page.getByRole("button", { name: "Créer mon compte" }).click();
  await expect(page).toHaveURL(offerUrl);
  // Booking waits for the address, and says so where the button was.
  await expect(page.getByTestId("address-notice")).toBeVisible();
  await expect(page.getByTestId("open-booking")).toHaveCount(0);
  await confirmAddress(page, await addressLink(email));
  await page.goto(offerUrl);
  await hydrated(page);
  await expect(page.getByTestId("open-booking")).toBeVisible();
});

test("a partner lands on their dashboard, with a partner's navigation", async ({ page }) => {
  await signIn(page, PARTNER, PASSWORD);
  await expect(page).toHaveURL(/\/pro$/);
  await expect(page.getByTestId("partner-bottom-nav")).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Navigation principale" }).getByRole("link", { name: "Carte" })).toHaveCount(0);
  await expect(page.getByRole("banner")).toContainText("Pro");
  // Many structures: a filter finds one.
  const structures = page.getByTestId("structure");
  const count = await structures.count();
  expect(count).toBeGreaterThan(1);
  const name = ((await structures.first().locator("a").textContent()) ?? "").trim();
  await page.getByTestId("structure-filter").fill(name);
  await expect(structures.filter({ hasText: name }).first()).toBeVisible();
  await expect.poll(() => page.locator("[data-testid=structure]:visible").count()).toBeLessThan(count);
});

test("offline, pages seen open as kept and others go to the offline page without crashing, as the person signed in, and cancelling waits for a network", async ({ page, context }) => {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error" && /hydration|unreachable/i.test(message.text())) errors.push(message.text());
  });
  const email = await signUp(page, "Romy");
  await page.evaluate(async () => navigator.serviceWorker.ready);
  // Signing in again once the worker is there: it keeps the offline page for this person.
  await signOut(page);
  await signIn(page, email, NEW_PASSWORD);
  await openBook(page);
  await page.getByTestId("open-booking").click();
  await page.getByRole("button", { name: "Confirmer la réservation" }).click();
  await expect(page.getByTestId("booking-confirmation")).toBeVisible();
  await page.goto("/reservations");
  await hydrated(page);
  await page.reload();
  await hydrated(page);

  await context.setOffline(true);
  // A page seen before opens as last kept, for the person signed in, saying it may be old.
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Autour de Strasbourg" })).toBeVisible();
  await expect(page.getByTestId("offline-banner")).toBeVisible();
  await hydrated(page);
  await expect(page.getByTestId("signed-in-as")).toHaveText("Romy");
  // A page never seen goes to the offline page.
  await page.goto("/recherche?q=jamais-vu");
  await expect(page.getByRole("heading", { name: "Pas de réseau" })).toBeVisible();
  await hydrated(page);
  await expect(page.getByTestId("signed-in-as")).toHaveText("Romy");
  await page.goto("/reservations");
  await hydrated(page);
  await expect(page.getByTestId("booking").first()).toBeVisible();
  await expect(page.getByTestId("cancel-needs-network").first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Annuler la réservation" })).toHaveCount(0);
  await context.setOffline(false);
  expect(errors).toEqual([]);
});

/** Every pair of map icons whose discs would overlap on screen (none, we want). */
async function overlappingIcons(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const discs = [...document.querySelectorAll<HTMLElement>("[data-testid=map] .cp-cluster, [data-testid=map] .cp-venue")].map((icon) => {
      const box = icon.getBoundingClientRect();
      return { x: box.x + box.width / 2, y: box.y + box.height / 2, r: box.width / 2, text: icon.innerText };
    });
    const found: string[] = [];
    discs.forEach((a, i) =>
      discs.slice(i + 1).forEach((b) => {
        if (Math.hypot(a.x - b.x, a.y - b.y) < a.r + b.r) found.push(`${a.text} and ${b.text}`);
      }),
    );
    return found;
  });
}

test("without tiles the map draws France's départements and towns, and no icon hides another", async ({ page }) => {
  await page.goto("/carte?lieu=strasbourg");
  await hydrated(page);
  const map = page.getByTestId("map");
  await expect(map).toHaveClass(/cp-basemap/);
  // The land, département by département, under where tiles would be.
  await expect.poll(() => map.locator(".leaflet-cp-land-pane path").count()).toBeGreaterThanOrEqual(96);
  await expect(map.locator(".leaflet-cp-towns-pane").getByText("Strasbourg", { exact: true })).toBeVisible();
  await expect(map.locator(".cp-cluster, .cp-venue").first()).toBeVisible();
  // Clusters never sit on pins (nor on each other), zooming out or in.
  await expect(map).toHaveAttribute("data-drawn-zoom", "12");
  for (const button of ["Zoom out", "Zoom out", "Zoom out", "Zoom in", "Zoom in", "Zoom in", "Zoom in", "Zoom in"]) {
    const zoom = Number(await map.getAttribute("data-drawn-zoom")) + (button === "Zoom in" ? 1 : -1);
    await map.getByRole("button", { name: button }).click();
    // The icons computed for the new zoom are on screen.
    await expect(map).toHaveAttribute("data-drawn-zoom", String(zoom));
    await expect(map.locator(".cp-cluster, .cp-venue").first()).toBeVisible();
    expect(await overlappingIcons(page)).toEqual([]);
  }
  // Closer in, the smaller towns of the gazetteer are named too.
  await page.getByLabel("Ville ou code postal").fill("29000");
  await page.getByLabel("Ville ou code postal").press("Enter");
  await expect(map.locator(".leaflet-cp-towns-pane").getByText("Quimper", { exact: true })).toBeVisible();
});

test("Près de moi searches around the device, nearest first; a second tap goes back; a refusal is explained", async ({ page, context }) => {
  await context.grantPermissions(["geolocation"]);
  await context.setGeolocation({ latitude: 48.583, longitude: 7.746 });
  await page.goto("/recherche?lieu=cayenne");
  await hydrated(page);
  await expect(page.getByTestId("near-me")).toHaveAttribute("aria-pressed", "false");
  await page.getByTestId("near-me").click();
  await expect(page).toHaveURL(/\/recherche\?rayon=5&tri=distance&lieu=cayenne&lat=48\.583&lon=7\.746$/);
  await expect(page.getByTestId("near-me")).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByTestId("search-summary")).toContainText("Autour de ta position");
  await expect(page.getByTestId("search-results").getByTestId("offer-card").first()).toContainText("Strasbourg");
  await page.getByTestId("near-me").click();
  await expect(page).toHaveURL(/\/recherche\?lieu=cayenne$/);
  await expect(page.getByTestId("near-me")).toHaveAttribute("aria-pressed", "false");

  await context.clearPermissions();
  await page.reload();
  await hydrated(page);
  await page.getByTestId("near-me").click();
  await expect(page.getByRole("status")).toContainText("Tu n'as pas donné ta position");
  await expect(page).toHaveURL(/\/recherche\?lieu=cayenne$/);
});
