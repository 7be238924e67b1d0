import { Browser, expect } from "@playwright/test";
import { ADMIN, hydrated, newPage, PARTNER, PASSWORD, signIn, signUp, test } from "./helpers";

async function report(browser: Browser, offerUrl: string, name: string) {
  const page = await newPage(browser);
  await signUp(page, name);
  await page.goto(offerUrl);
  await hydrated(page);
  const comment = page.getByTestId("comment").first();
  await comment.getByText("Signaler").click();
  await comment.getByLabel("Raison du signalement").fill("Propos déplacés");
  // The offer page is islands: the browser sends the form itself and comes back to the
  // comments, with the reason in the address if the report was refused.
  await comment.getByRole("button", { name: "Envoyer" }).click();
  await expect(page).toHaveURL(/#avis$/);
  await expect(page).not.toHaveURL(/__err=/);
  await expect(page.getByTestId("comment-action-error")).toBeEmpty();
  await hydrated(page);
  return page;
}

// A young person who went comments with a rating (badge), rewords it, comments on the
// venue and follows it; another reacts, finds it helpful and reports it; cards show the counts; three
// reports hide the comment, the admin restores it, the venue answers; the comment's
// <script> is shown as text and no dialog ever opens.
test("comments, reactions, reports and moderation", async ({ page, browser }) => {
  // Six people sign in (password hashing is deliberately slow in debug builds).
  test.setTimeout(300_000);
  page.on("dialog", (dialog) => {
    throw new Error(`a dialog opened: ${dialog.message()}`);
  });
  await signUp(page, "Zoe");
  await page.goto("/");
  await hydrated(page);
  await page.getByTestId("offer-card").filter({ hasText: "L'Étranger" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "L'Étranger" })).toBeVisible();
  const offerUrl = page.url();
  await hydrated(page);
  await page.getByTestId("open-booking").click();
  await page.getByRole("button", { name: "Confirmer la réservation" }).click();
  const token = (await page.getByTestId("booking-token").textContent())?.trim() ?? "";

  const partner = await newPage(browser);
  await signIn(partner, PARTNER, PASSWORD);
  await partner.goto("/pro/guichet");
  await hydrated(partner);
  await partner.getByLabel("Contremarque").fill(token);
  await partner.getByRole("button", { name: "Valider" }).click();
  await expect(partner.getByTestId("ticket-validated")).toBeVisible();

  // The comment, with a script in it and a rating.
  const text = `Un classique à lire <script>alert('piège')</script> ${Date.now()}`;
  await page.goto(offerUrl);
  await hydrated(page);
  const form = page.getByTestId("comment-form");
  await form.getByLabel("Ton avis").fill(text);
  await form.getByLabel("Note").selectOption("5");
  await form.getByRole("button", { name: "Publier" }).click();
  const mine = page.getByTestId("comment").filter({ hasText: text });
  await expect(mine.getByTestId("comment-body")).toHaveText(text);
  await expect(mine.getByTestId("comment-badge")).toHaveText("Y est allé·e");
  await expect(page.locator("script", { hasText: "piège" })).toHaveCount(0);

  // She rewords it (within 15 minutes).
  const edit = mine.getByTestId("edit-comment");
  await edit.getByText("Modifier").click();
  await edit.getByLabel("Ton avis").fill(`${text} (relu)`);
  await edit.getByRole("button", { name: "Enregistrer" }).click();
  await expect(mine.getByTestId("comment-body")).toHaveText(`${text} (relu)`);
  await expect(mine).toContainText("modifié");

  // And says a word about the bookshop, where she went.
  await page.locator('a[href^="/lieux/"]').first().click();
  await expect(page).toHaveURL(/\/lieux\/\d+$/);
  await hydrated(page);
  const venueForm = page.getByTestId("comment-form");
  await venueForm.getByLabel("Ton avis").fill("Des libraires de très bon conseil");
  await venueForm.getByRole("button", { name: "Publier" }).click();
  const aboutVenue = page.getByTestId("comment").filter({ hasText: "Des libraires de très bon conseil" });
  await expect(aboutVenue.getByTestId("comment-badge")).toHaveText("Y est allé·e");
  // She follows it (a form the browser sends itself): its offers come in "Mes lieux".
  const follow = page.getByTestId("follow-venue");
  await expect(follow).toHaveAttribute("aria-pressed", "false");
  await follow.click();
  await expect(page.getByTestId("follow-venue")).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByTestId("follow-venue")).toHaveText("Suivi ✓");
  // The server sends the browser back to the page (leptos_axum adds an empty query).
  await expect(page).toHaveURL(/\/lieux\/\d+\??(#.*)?$/);
  await page.goto("/mes-lieux");
  await expect(page.getByTestId("followed-offers").getByTestId("offer-card").first()).toBeVisible();

  // Someone else likes the offer (optimistic, then confirmed) and reports the comment.
  const other = await report(browser, offerUrl, "Malo");
  await other.getByTestId("react-like").click();
  await expect(other.getByTestId("react-like")).toHaveAttribute("aria-pressed", "true");
  await other.reload();
  await hydrated(other);
  await expect(other.getByTestId("react-like")).toHaveAttribute("aria-pressed", "true");
  // They find the comment helpful.
  const helpful = other.getByTestId("comment").filter({ hasText: text }).getByTestId("helpful");
  await helpful.click();
  await expect(helpful).toHaveAttribute("aria-pressed", "true");
  await expect(helpful).toContainText("Utile (1)");
  await hydrated(other);
  // Sharing: the share sheet where there is one (stubbed here), else the clipboard.
  await other.evaluate(() => {
    (navigator as unknown as { share: (d: unknown) => Promise<void> }).share = async (data) => {
      (window as unknown as { shared: unknown }).shared = data;
    };
  });
  await other.getByTestId("share").click();
  await expect.poll(() => other.evaluate(() => (window as unknown as { shared?: { url: string } }).shared?.url)).toBe(offerUrl);
  await other.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await other.evaluate(() => {
    delete (navigator as unknown as { share?: unknown }).share;
    Object.defineProperty(navigator, "share", { value: undefined, configurable: true });
  });
  await other.getByTestId("share").click();
  await expect(other.getByTestId("share-status")).toHaveText("Lien copié");
  expect(await other.evaluate(() => navigator.clipboard.readText())).toBe(offerUrl);

  // Offer cards say how many comments and likes, with the average rating.
  await other.goto("/");
  const card = other.getByTestId("offer-card").filter({ hasText: "L'Étranger" }).first();
  await expect(card.getByTestId("card-social")).toContainText(/★ \d,\d/);
  await expect(card.getByTestId("card-social")).toContainText(/\d+ avis/);
  await expect(card.getByTestId("card-social")).toContainText("♥");

  await report(browser, offerUrl, "Iris");
  const third = await report(browser, offerUrl, "Nils");
  await third.reload();
  await expect(third.getByTestId("comment").filter({ hasText: text })).toHaveCount(0);

  // The administrator restores it.
  const admin = await newPage(browser);
  await signIn(admin, ADMIN, PASSWORD);
  await admin.goto("/admin/moderation");
  await hydrated(admin);
  const queued = admin.getByTestId("review-comment").filter({ hasText: text });
  await expect(queued).toContainText("3 signalements");
  await expect(queued).toContainText("<script>");
  await queued.getByRole("button", { name: "Rétablir" }).click();
  await expect(admin.getByTestId("review-comment").filter({ hasText: text })).toHaveCount(0);

  // The venue answers.
  await partner.goto(offerUrl);
  await hydrated(partner);
  const restored = partner.getByTestId("comment").filter({ hasText: text });
  await restored.getByText("Répondre au nom du lieu").click();
  await restored.getByLabel("Réponse").fill("Merci, bonne lecture !");
  await restored.getByRole("button", { name: "Publier la réponse" }).click();
  await expect(partner.getByTestId("comment").filter({ hasText: text }).getByTestId("comment-reply")).toContainText("Merci, bonne lecture !");

  await page.goto(offerUrl);
  await expect(page.getByTestId("comment").filter({ hasText: text }).getByTestId("comment-reply")).toBeVisible();
  await expect(page.getByTestId("average-rating")).toBeVisible();
});
