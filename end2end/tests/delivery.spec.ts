// How pages and files reach the browser (server/src/delivery): a page kept for every
// signed-out visitor runs its scripts with the nonce of its rendering, and a file that
// keeps its name across deploys is revalidated, not downloaded again.
import { expect, test } from "@playwright/test";

test.use({ serviceWorkers: "block" });

test("a page kept for signed-out visitors hydrates with the nonce of its rendering", async ({ page }) => {
  const refused: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
  });
  // The first visit may render it; the second is the kept copy.
  await page.goto("/?lieu=brest");
  const kept = await page.goto("/?lieu=brest");
  const headers = kept!.headers();
  expect(headers["x-page-cache"]).toMatch(/^(hit|stale)$/);
  expect(headers["content-security-policy"]).toMatch(/'nonce-[^']+'/);
  expect(headers["content-security-policy"]).not.toContain("unsafe-inline");
  await expect(page.locator("html[data-hydrated=true]")).toHaveCount(1);
  // Hydrated: the welcome closes in the browser.
  await page.getByTestId("close-welcome").click();
  await expect(page.getByTestId("welcome")).toBeHidden();
  expect(refused).toEqual([]);
});

test("the map's outlines are revalidated, not downloaded again", async ({ request }) => {
  const first = await request.get("/geo/departements.json");
  expect(first.status()).toBe(200);
  const modified = first.headers()["last-modified"];
  expect(modified).toBeTruthy();
  const again = await request.get("/geo/departements.json", { headers: { "If-Modified-Since": modified } });
  expect(again.status()).toBe(304);
  expect((await again.body()).length).toBe(0);
});
