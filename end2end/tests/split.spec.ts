// The home, the search, the offers, the map and the venues are islands
// (app/src/hydration.rs), with a bundle of their own in the release build (one without
// the whole app, server/src/delivery/bundles.rs): the home and the search download the islands' code, none of
// the split files; an offer, the map and a venue only their lazy islands' (the
// reactions, the booking sheet when signed in; the map's; the venue's small map). The
// whole app is a split file of its own (frontend/src/lib.rs), which the other pages
// download. The partner dashboard, the counter, the admin pages and what a young person
// signs in for (sign-in, bookings and tickets, account) are separate WASM files too
// (app/src/pages.rs): a young person's first pages download none of them, their
// account's pages only their own, a partner's page downloads theirs with the page, and
// when they cannot be downloaded the page says so and offers to try again. The worker is
// blocked so that every file request shows here.
import { expect, Page, test } from "@playwright/test";
import { ADMIN, hydrated, mainScript, signIn, signUp, YOUNG } from "./helpers";

test.use({ serviceWorkers: "block" });

const SPLIT_FILES = /\/pkg\/(split_|chunk_)[^/]*\.wasm$/;
const OTHER_AUDIENCES = /split_(pro|admin|counter|account)_view/;

test("the home and the search download no split file, an offer, the map and a venue their islands', and the whole app's pages the app's", async ({ page }) => {
  const split: string[] = [];
  page.on("request", (request) => {
    if (SPLIT_FILES.test(new URL(request.url()).pathname)) split.push(request.url());
  });
  await page.goto("/");
  await expect(page.locator("html[data-hydrated=true]")).toHaveCount(1);
  // The islands pages have a bundle of their own, without the whole app.
  const islandsBundle = await mainScript(page);
  expect(islandsBundle).toMatch(/^\/pkg\/culture-pass\.[^/]+\.js$/);
  // Hydrated as islands: the welcome's close button works.
  await page.getByTestId("close-welcome").click();
  await expect(page.getByTestId("welcome")).toBeHidden();
  await page.goto("/recherche?q=concert");
  await expect(page.locator("html[data-hydrated=true]")).toHaveCount(1);
  expect(split).toEqual([]);

  await page.goto("/offres/1");
  await expect(page.locator("html[data-hydrated=true]")).toHaveCount(1);
  expect(split.some((url) => url.includes("split_reaction_buttons_loader"))).toBe(true);
  expect(split.some((url) => url.includes("split_booking_island_loader"))).toBe(false);
  expect(split.some((url) => url.includes("split_hydrate_the_app"))).toBe(false);
  // Its islands work: sharing copies the link where the phone has no share sheet.
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.evaluate(() => Object.defineProperty(navigator, "share", { value: undefined, configurable: true }));
  await page.getByTestId("share").click();
  await expect(page.getByTestId("share-status")).toHaveText("Lien copié");

  // The map is a lazy island of its own: its code, then Leaflet; not the app.
  await page.goto("/carte?lieu=strasbourg");
  await expect(page.locator("html[data-hydrated=true]")).toHaveCount(1);
  expect(split.some((url) => url.includes("split_map_explorer_loader"))).toBe(true);
  expect(split.some((url) => url.includes("split_hydrate_the_app"))).toBe(false);
  await expect(page.locator(".cp-cluster, .cp-venue").first()).toBeVisible();

  // A venue with a place on the map (the demo's first has none): its small map is a lazy
  // island of its own.
  await page.goto("/lieux/2");
  await expect(page.locator("html[data-hydrated=true]")).toHaveCount(1);
  expect(split.some((url) => url.includes("split_mini_map_loader"))).toBe(true);
  expect(split.some((url) => url.includes("split_hydrate_the_app"))).toBe(false);
  await expect(page.getByTestId("venue-map").locator(".cp-venue")).toBeVisible();

  // A page of the whole app that is no audience's own: the app's split, no other.
  await page.goto("/hors-ligne");
  await expect(page.locator("html[data-hydrated=true]")).toHaveCount(1);
  expect(await mainScript(page)).not.toBe(islandsBundle);
  expect(split.some((url) => url.includes("split_hydrate_the_app"))).toBe(true);
  expect(split.filter((url) => OTHER_AUDIENCES.test(url))).toEqual([]);

  await page.goto("/pro/inscription");
  await expect(page.locator("html[data-hydrated=true]")).toHaveCount(1);
  expect(split.some((url) => url.includes("split_pro_view"))).toBe(true);
  expect(split.some((url) => url.includes("split_admin_view") || url.includes("split_counter_view"))).toBe(false);
});

test("a tap on Réserver before the sheet's code arrives keeps the sheet open, and it books once the code is there", async ({ page }) => {
  await signUp(page, "Ines");
  // The sheet's code is held back, as on a slow phone.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/split_booking_island_loader[^/]*\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto("/");
  await page.getByTestId("offer-card").filter({ hasText: "La Horde du Contrevent" }).first().click();
  await expect(page).toHaveURL(/\/offres\/\d+$/);
  const sheet = page.getByTestId("booking-sheet");
  await page.getByTestId("open-booking").click();
  await expect(sheet).toHaveAttribute("open", "");
  release();
  await hydrated(page);
  await expect(sheet).toHaveAttribute("open", "");
  await page.getByRole("button", { name: "Confirmer la réservation" }).click();
  await expect(page.getByTestId("booking-confirmation").getByTestId("booking-token")).toHaveText(/^[A-HJ-NP-Z2-7]{6}$/);
});

test("a tap on a link while the page's code is still coming is the browser's own navigation, and the next page works", async ({ page }) => {
  const crashes = crashesOf(page);
  await signIn(page, ADMIN);
  // The admin pages' code is held back: the router has hydrated and waits for it.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  let asked = () => {};
  const requested = new Promise<void>((resolve) => (asked = resolve));
  await page.route(/split_admin_view[^/]*\.wasm$/, async (route) => {
    asked();
    await held;
    await route.continue().catch(() => {}); // the page that asked may be gone
  });
  await page.goto("/admin/personnes");
  await requested;
  // The router would render the next page while this one hydrates (the app panicked on
  // that, one time in thirty on a slow computer): the browser loads it instead, a new
  // document, where this mark is gone.
  await markDocument(page);
  await page.locator('a[href^="/admin/personnes/"]').first().click();
  release();
  await expect(page).toHaveURL(/\/admin\/personnes\/\d+$/);
  await hydrated(page);
  await expect(page.getByRole("link", { name: "← Personnes" })).toBeVisible();
  expect(await isMarked(page)).toBe(false);
  expect(crashes).toEqual([]);
  // Once the app is whole, a link is the app's own navigation again.
  await markDocument(page);
  await page.getByRole("link", { name: "← Personnes" }).click();
  await expect(page).toHaveURL(/\/admin\/personnes$/);
  await expect(page.getByTestId("people-count")).toBeVisible();
  expect(await isMarked(page)).toBe(true);
});

test("the whole app leaves the pages served as islands to the server: a link to one, and a redirect to one, load it", async ({ page }) => {
  const crashes = crashesOf(page);
  const islandsPage = page.locator("html[data-islands]");
  // A young person's home is the home: the sign-in's redirect comes to it.
  await signIn(page, YOUNG);
  await expect(page).toHaveURL(/\/$/);
  await expect(islandsPage).toHaveCount(1);
  // A link to it from a page of the whole app.
  await page.goto("/reservations");
  await hydrated(page);
  await markDocument(page);
  await page.getByRole("link", { name: "Culture Pass", exact: true }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(islandsPage).toHaveCount(1);
  await hydrated(page);
  expect(await isMarked(page)).toBe(false);
  // A redirect to it: signing out goes home.
  await page.goto("/compte");
  await hydrated(page);
  await markDocument(page);
  await page.getByRole("main").getByRole("button", { name: "Se déconnecter" }).click();
  await expect(page.getByRole("link", { name: "Connexion" })).toBeVisible();
  await expect(page).toHaveURL(/\/$/);
  await expect(islandsPage).toHaveCount(1);
  await hydrated(page);
  expect(await isMarked(page)).toBe(false);
  expect(crashes).toEqual([]);
});

/** The panics and uncaught errors of the page's documents, from now on. */
function crashesOf(page: Page): string[] {
  const crashes: string[] = [];
  page.on("console", (message) => {
    if (/panicked at/.test(message.text())) crashes.push(message.text());
  });
  page.on("pageerror", (error) => crashes.push(error.message));
  return crashes;
}

/** Marks the page's current document: a navigation the browser makes loads a new one. */
async function markDocument(page: Page) {
  await page.evaluate(() => ((window as unknown as { mark: boolean }).mark = true));
}

/** Whether the page still shows the document [markDocument] marked. */
async function isMarked(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { mark?: boolean }).mark === true);
}

test("a young person's account pages download their own code and no other audience's", async ({ page }) => {
  const split: string[] = [];
  page.on("request", (request) => {
    if (SPLIT_FILES.test(new URL(request.url()).pathname)) split.push(request.url());
  });
  await page.goto("/connexion");
  await expect(page.locator("html[data-hydrated=true]")).toHaveCount(1);
  expect(split.some((url) => url.includes("split_account_view"))).toBe(true);
  await page.goto("/conditions");
  await expect(page.locator("html[data-hydrated=true]")).toHaveCount(1);
  await expect(page.getByTestId("legal-version")).toBeVisible();
  expect(split.some((url) => /split_(pro|admin|counter)_view/.test(url))).toBe(false);
});

test("a page whose code cannot be downloaded offers to try again", async ({ page }) => {
  let blocked = true;
  await page.route(SPLIT_FILES, (route) => (blocked ? route.abort("internetdisconnected") : route.continue()));
  await page.goto("/pro/inscription");
  // The server's page is there, but the app could not take it over.
  await expect(page.getByRole("heading", { name: "Créer un compte partenaire" })).toBeVisible();
  const banner = page.getByTestId("load-error");
  await expect(banner).toBeVisible();
  await expect(banner).toContainText("Cette page n’a pas pu se charger");

  blocked = false;
  await banner.getByRole("button", { name: "Réessayer" }).click();
  await expect(page.locator("html[data-hydrated=true]")).toHaveCount(1);
  await expect(page.getByTestId("load-error")).toBeHidden();
  await expect(page).toHaveURL(/\/pro\/inscription$/);
});
