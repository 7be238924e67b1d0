import { expect } from "@playwright/test";
import { hydrated, test } from "./helpers";

// Near the Cinéma Star, in the centre of Strasbourg.
const STRASBOURG_CENTRE = { latitude: 48.583, longitude: 7.746 };

test.describe("the map", () => {
  test.use({ geolocation: STRASBOURG_CENTRE, permissions: ["geolocation"] });

  test("shows clusters around the position, splits them when zooming, previews a venue", async ({ page }) => {
    // The preview's code is a split file of its own (app/src/features/map/explorer.rs),
    // downloaded at the first tap on a venue, not with the map.
    const previewCode: string[] = [];
    page.on("request", (request) => {
      if (/\/pkg\/split_preview_of[^/]*\.wasm$/.test(new URL(request.url()).pathname)) previewCode.push(request.url());
    });
    await page.goto("/carte?lieu=strasbourg");
    await hydrated(page);
    const clusters = page.locator(".cp-cluster");
    const venues = page.locator(".cp-venue");
    await expect(clusters.first()).toBeVisible();

    await page.getByTestId("around-me").click();
    await expect(venues.first()).toBeVisible();
    // Tapping a cluster zooms in on it, until its venues stand apart.
    const inCluster = Number(await clusters.first().innerText());
    expect(inCluster).toBeGreaterThan(1);
    await expect
      .poll(async () => {
        if ((await clusters.count()) > 0) {
          await clusters.first().click();
          await page.waitForTimeout(500);
        }
        return clusters.count();
      }, { timeout: 20_000 })
      .toBe(0);
    const counts = (await venues.allInnerTexts()).map(Number);
    expect(counts.length).toBeGreaterThanOrEqual(2);
    for (const count of counts) expect(count).toBeLessThan(inCluster);

    expect(previewCode).toEqual([]);
    await venues.first().click();
    const preview = page.getByTestId("map-preview");
    await expect(preview).toBeVisible();
    expect(previewCode.length).toBeGreaterThan(0);
    // Focus is in the preview; Escape closes it and gives the map the focus back. The
    // list's button leaves room for the preview's links.
    await expect(preview.getByRole("button", { name: "Fermer" })).toBeFocused();
    await expect(page.getByTestId("list-view")).toBeHidden();
    await page.keyboard.press("Escape");
    await expect(preview).toBeHidden();
    await expect(page.getByTestId("map")).toBeFocused();
    await expect(page.getByTestId("list-view")).toBeVisible();
    // Who cannot see the map hears where its list is.
    await expect(page.getByRole("region", { name: "Carte des offres" })).toHaveAccessibleDescription(/en liste, par le lien « Voir en liste »/);
    await expect(page.getByRole("link", { name: "Voir en liste les offres de la carte" })).toBeVisible();
    await venues.first().click();
    await expect(preview).toBeVisible();
    const firstOffer = preview.getByRole("listitem").first().getByRole("link");
    const title = (await firstOffer.locator("span").first().innerText()).trim();
    await firstOffer.click();
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  });

  test("says so when the server cannot give the view's offers, or a venue's", async ({ page }) => {
    let status = 429;
    await page.route("**/api/map_features?*", (route) => route.fulfill({ status, body: "" }));
    await page.goto("/carte?lieu=strasbourg");
    await hydrated(page);
    await expect(page.getByRole("status")).toHaveText("Trop de demandes d'un coup : réessaie dans un instant");
    status = 503;
    await page.reload();
    await hydrated(page);
    await expect(page.getByRole("status")).toHaveText(
      "Les offres de la carte n'ont pas pu être chargées : vérifie ta connexion et réessaie",
    );
    // The server answers again; a venue's details do not come.
    await page.unroute("**/api/map_features?*");
    await page.route("**/api/venue", (route) => route.abort("internetdisconnected"));
    await page.getByTestId("around-me").click();
    const venues = page.locator(".cp-venue");
    await expect(venues.first()).toBeVisible();
    await expect(page.getByRole("status")).toBeHidden();
    await venues.first().click();
    await expect(page.getByRole("alert")).toHaveText("La demande n'a pas abouti : vérifie ta connexion et réessaie");
  });

  test("never asks the server for more than a few hundred features, and refuses a bad viewport", async ({ request }) => {
    const everything = await request.get("/api/map_features?south=-80&west=-179&north=80&east=179&zoom=3");
    expect(everything.status()).toBe(200);
    expect((await everything.json()).length).toBeLessThan(300);
    const tooDeep = await request.get("/api/map_features?south=40&west=-5&north=51&east=9&zoom=15");
    expect(tooDeep.status()).toBe(400);
    expect(await tooDeep.text()).toContain("Zone trop grande");
    const offEarth = await request.get("/api/map_features?south=-95&west=0&north=10&east=1&zoom=5");
    expect(offEarth.status()).toBe(400);
  });
});

test("a text search with two filters survives a reload and the back button", async ({ page }) => {
  await page.goto("/recherche?lieu=strasbourg");
  await hydrated(page);
  await page.getByRole("searchbox").fill("camus");
  await page.getByTestId("search-filters").locator("summary").click();
  await page.getByLabel("Catégorie", { exact: true }).selectOption("livres");
  await page.getByLabel("Prix").selectOption("10");
  await page.getByRole("button", { name: "Rechercher" }).click();

  await expect(page).toHaveURL(/q=camus/);
  await expect(page).toHaveURL(/groupe=livres/);
  // Only what was chosen: no empty filter, no nameless parameter.
  expect(new URL(page.url()).search).toBe("?q=camus&lieu=strasbourg&groupe=livres&prix=10");
  const results = page.getByTestId("search-results").getByTestId("offer-card");
  await expect(results.first()).toContainText("L'Étranger");
  const found = await results.count();
  for (let i = 0; i < found; i++) {
    await expect(results.nth(i)).toContainText("L'Étranger");
  }

  await page.reload();
  await hydrated(page);
  await expect(results).toHaveCount(found);
  await expect(page.getByRole("searchbox")).toHaveValue("camus");

  // A narrower search, then back to the first one.
  await page.getByTestId("search-filters").locator("summary").click();
  await page.getByLabel("Prix").selectOption("gratuit");
  await page.getByRole("button", { name: "Rechercher" }).click();
  await expect(page.getByTestId("search-summary")).toContainText("Aucune offre");
  await page.goBack();
  await expect(page).toHaveURL(/prix=10/);
  await expect(results).toHaveCount(found);
});

test("bad search input gets a message by its field and a 400", async ({ page, request }) => {
  await page.goto("/recherche?rayon=500");
  await expect(page.getByTestId("rayon-error")).toContainText("entre 1 et 100 km");
  const tooLong = await request.get(`/recherche?q=${"a".repeat(101)}`);
  expect(tooLong.status()).toBe(400);
  const unknown = await request.get("/recherche?groupe=opera");
  expect(unknown.status()).toBe(400);
});

test("the home page has rows, and a venue page lists its offers", async ({ page }) => {
  await page.goto("/?lieu=strasbourg");
  await expect(page.getByTestId("home-row").first()).toBeVisible();
  await expect(page.getByRole("region", { name: "Gratuit" })).toBeVisible();
  await page.goto("/carte?lieu=strasbourg");
  await hydrated(page);
  // The venue page of a bookshop, reached from one of its offers.
  await page.goto("/?lieu=strasbourg");
  await page.getByTestId("offer-card").filter({ hasText: "L'Étranger" }).first().click();
  await page.getByRole("link", { name: "Librairie Kléber", exact: true }).click();
  await expect(page).toHaveURL(/\/lieux\/\d+$/);
  const venueUrl = page.url();
  await expect(page.getByRole("heading", { level: 1, name: "Librairie Kléber" })).toBeVisible();
  await expect(page.getByTestId("venue-offers").getByTestId("offer-card").first()).toBeVisible();
  await expect(page.getByRole("link", { name: "Itinéraire" })).toHaveAttribute("href", /openstreetmap\.org\/directions/);
  await hydrated(page);
  await expect(page.getByTestId("venue-map").locator(".cp-venue")).toBeVisible();
  const venueName = (await page.getByRole("heading", { level: 1 }).innerText()).trim();
  // An offer page leads back to its venue and shows the venue's other offers.
  await page.getByTestId("venue-offers").getByTestId("offer-card").first().click();
  await expect(page.getByRole("region", { name: "Au même endroit" })).toBeVisible();
  await page.getByRole("link", { name: venueName, exact: true }).click();
  await expect(page).toHaveURL(venueUrl);
});

test("without the device's position, a town or a postal code moves the map", async ({ page }) => {
  await page.goto("/carte?lieu=cayenne");
  await hydrated(page);
  const town = page.getByLabel("Ville ou code postal");
  await town.fill("Atlantis");
  await town.press("Enter");
  await expect(page.getByRole("status")).toContainText("Ville ou code postal inconnu");
  await town.fill("67000");
  await town.press("Enter");
  await expect(page.getByTestId("list-view")).toHaveAttribute("href", /lat=48\.57/);
  await expect(page.locator(".cp-cluster, .cp-venue").first()).toBeVisible();
  // The list shows the same place.
  await page.getByTestId("list-view").click();
  await expect(page.getByTestId("search-summary")).toContainText("Autour de ta position");
});
