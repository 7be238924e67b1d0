import { expect, Page } from "@playwright/test";
import { ADMIN, hydrated, newPage, PARTNER, PASSWORD, signIn, signUp, test } from "./helpers";

// A partner names an offer and a venue, and describes the offer, with markup that would
// close the page's <title> or <textarea>; a young person comments with markup and edits
// it. Everything shows as the text typed, server-rendered and after hydration, and no
// script runs: any dialog fails the test.
const TITLE = "</title><script>alert('titre')</script>";
const VENUE = "</title><img src=x onerror=alert('lieu')>";
const DESCRIPTION = "</textarea><script>alert('description')</script>";
const COMMENT = "</textarea><img src=x onerror=alert('avis')> super";

function noDialogs(page: Page) {
  page.on("dialog", (dialog) => {
    throw new Error(`a dialog opened: ${dialog.message()}`);
  });
}

/** Calls a server function with the page's cookies; returns its JSON answer. */
async function call(page: Page, path: string, form: Record<string, string>) {
  const response = await page.request.post(path, { form, headers: { Accept: "application/json" } });
  expect(response.status(), `${path}: ${await response.text()}`).toBeLessThan(400);
  return response.json();
}

test("hostile titles, venue names, descriptions and comments stay text", async ({ page, browser }) => {
  test.setTimeout(120_000);
  noDialogs(page);
  await signIn(page, PARTNER, PASSWORD);
  const structures: { id: number; status: string }[] = await call(page, "/api/pro/structures", {});
  const structure = structures.find((s) => s.status === "validated")!.id;
  const venue: number = await call(page, "/api/pro/add_venue", {
    structure_id: String(structure),
    "venue[name]": VENUE,
    "venue[no_siret_reason]": "Salle municipale prêtée",
    "venue[venue_type]": "SALLE_SPECTACLE",
    "venue[address]": "1 place Kléber",
    "venue[postal_code]": "67000",
    "venue[city]": "Strasbourg",
    "venue[latitude]": "48.5833",
    "venue[longitude]": "7.7458",
  });
  const offer: number = await call(page, "/api/pro/create_offer", {
    venue_id: String(venue),
    "offer[subcategory]": "LIVRE_PAPIER",
    "offer[title]": TITLE,
    "offer[description]": DESCRIPTION,
  });
  await call(page, "/api/pro/add_thing_stock", { offer_id: String(offer), price: "5", quantity: "20", booking_limit: "" });
  await call(page, "/api/pro/publish_offer", { offer_id: String(offer), publish: "true" });
  // A demo structure may still be new to the pass: the team then publishes the offer.
  const editor = await call(page, "/api/pro/offer", { offer_id: String(offer) });
  if (editor.in_review) {
    const team = await newPage(browser);
    await signIn(team, ADMIN, PASSWORD);
    await call(team, "/api/admin/decide_offer", { offer_id: String(offer), approve: "true", reason: "" });
    await team.context().close();
  }

  // The partner's editor: the description fills its text area, exactly.
  await page.goto(`/pro/offres/${offer}`);
  await hydrated(page);
  await expect(page.locator("#description")).toHaveValue(DESCRIPTION);

  // A young person sees the offer and its venue: the titles are the text typed.
  await signUp(page, "Ines");
  const html = await (await page.request.get(`/offres/${offer}`)).text();
  expect(html).toContain("<title>&lt;/title&gt;&lt;script&gt;");
  await page.goto(`/offres/${offer}`);
  await hydrated(page);
  await expect(page).toHaveTitle(`${TITLE} — Culture Pass`);
  await expect(page.getByRole("heading", { name: TITLE })).toBeVisible();
  await page.goto(`/lieux/${venue}`);
  await hydrated(page);
  await expect(page).toHaveTitle(`${VENUE} — Culture Pass`);

  // A comment with markup, then its edit form.
  await page.goto(`/offres/${offer}`);
  await hydrated(page);
  await page.locator("#comment-body").fill(COMMENT);
  await page.getByRole("button", { name: "Publier", exact: true }).click();
  await expect(page.getByTestId("comment").first()).toContainText(COMMENT);
  await page.reload();
  await hydrated(page);
  await page.getByTestId("edit-comment").first().locator("summary").click();
  await expect(page.getByTestId("edit-comment").first().locator("textarea")).toHaveValue(COMMENT);
});
