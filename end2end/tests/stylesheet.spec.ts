// The pages served as islands link a stylesheet of their own, without the utilities of
// the partner's and administrators' pages (style/build.rs). Whatever such a page shows,
// signed out or in, with its sheets open, must still find every rule the whole app's
// stylesheet has for it.
import { expect, Page } from "@playwright/test";
import { bookFromHome, hydrated, signUp, test } from "./helpers";

// Near the Cinéma Star, in the centre of Strasbourg.
test.use({ geolocation: { latitude: 48.583, longitude: 7.746 }, permissions: ["geolocation"] });

/** The class names a stylesheet has rules for (`.sm\:grid-cols-2` is `sm:grid-cols-2`). */
function classesOf(css: string): Set<string> {
  const names = new Set<string>();
  for (const [, escaped] of css.matchAll(/\.((?:\\.|[\w-])+)/g)) names.add(escaped.replace(/\\(.)/g, "$1"));
  return names;
}

async function stylesheetOf(page: Page): Promise<string> {
  return (await page.locator('link[rel="stylesheet"][href^="/assets/"]').getAttribute("href")) ?? "";
}

test("the pages served as islands have their own, smaller stylesheet, with a rule for every class they show", async ({ page, request }) => {
  await page.goto("/hors-ligne");
  const wholeApp = await stylesheetOf(page);
  await page.goto("/");
  const islands = await stylesheetOf(page);
  expect(wholeApp).toMatch(/^\/assets\/app-[0-9a-f]{16}\.css$/);
  expect(islands).toMatch(/^\/assets\/islands-[0-9a-f]{16}\.css$/);
  const wholeCss = await (await request.get(wholeApp)).text();
  const islandsCss = await (await request.get(islands)).text();
  expect(islandsCss.length).toBeLessThan(wholeCss.length);
  const inWholeApp = classesOf(wholeCss);
  const inIslands = classesOf(islandsCss);

  const unstyled = new Map<string, string>();
  const check = async () => {
    expect(await stylesheetOf(page)).toBe(islands);
    const shown: string[] = await page.evaluate(() =>
      [...document.querySelectorAll("[class]")].flatMap((element) => [...element.classList]),
    );
    for (const name of shown) {
      if (inWholeApp.has(name) && !inIslands.has(name)) unstyled.set(name, new URL(page.url()).pathname);
    }
  };

  for (const address of ["/", "/recherche?q=concert", "/offres/1", "/lieux/2"]) {
    await page.goto(address);
    await hydrated(page);
    await check();
  }
  await page.goto("/carte?lieu=strasbourg");
  await hydrated(page);
  await page.getByTestId("around-me").click();
  await page.locator(".cp-venue").first().click();
  await expect(page.getByTestId("map-preview")).toBeVisible();
  await check();

  await signUp(page, "Lou");
  await bookFromHome(page, "La Horde du Contrevent");
  await check();
  for (const address of ["/portefeuille", "/favoris", "/mes-lieux"]) {
    await page.goto(address);
    await hydrated(page);
    await check();
  }
  expect(Object.fromEntries(unstyled)).toEqual({});
});
