import { Browser, expect, Page } from "@playwright/test";
import * as fs from "node:fs";
import * as path from "node:path";
import { acceptTerms, day, freshSiren, hydrated, NEW_PASSWORD, PASSWORD, signIn, signUp, test, watchPolicy } from "./helpers";

const ADMIN = "admin@demo.culture-pass.fr";

async function asPerson(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "fr-FR" });
  await watchPolicy(context);
  const page = await context.newPage();
  await signIn(page, email, PASSWORD);
  return page;
}

// A theatre joins: sign-up, structure pending, validated by an administrator, a venue
// placed on the map, an event with two dates in duo (read by the team before it is
// published: given back once with a reason, then published); a young person finds it and books
// a duo; the theatre sees the booking, exports it, validates the ticket; the young
// person's booking shows "used".
test("a partner onboards, publishes an event, and honours a duo booking", async ({ page, browser }) => {
  // Three people and some twenty steps: more than the default minute on a loaded machine.
  test.slow();
  const stamp = Date.now();
  const structureName = `Théâtre du Quai ${stamp}`;
  const title = `Cabaret quai ${stamp}`;

  await page.goto("/pro/inscription");
  await hydrated(page);
  await page.getByLabel("Prénom").fill("Margaux");
  await page.getByLabel("Nom", { exact: true }).fill("Lefèvre");
  await page.getByLabel("E-mail professionnel").fill(`margaux.${stamp}@theatre-du-quai.fr`);
  await page.getByLabel("Mot de passe").fill(NEW_PASSWORD);
  await acceptTerms(page);
  await page.getByRole("button", { name: "Créer mon compte" }).click();
  await expect(page).toHaveURL(/\/pro$/);
  await hydrated(page);

  // A wrong SIREN is refused on its field; the right one registers the structure.
  await page.getByLabel("Nom de la structure").fill(structureName);
  await page.getByLabel("SIREN").fill("123456788");
  await page.getByRole("button", { name: "Inscrire la structure" }).click();
  await expect(page.getByTestId("siren-error")).toContainText("clé de contrôle");
  await page.getByLabel("SIREN").fill(freshSiren());
  await page.getByRole("button", { name: "Inscrire la structure" }).click();
  await expect(page).toHaveURL(/\/pro\/structures\/\d+$/);
  await expect(page.getByTestId("pending-banner")).toBeVisible();
  const structureUrl = page.url();

  // An administrator validates it.
  const admin = await asPerson(browser, ADMIN);
  await admin.goto("/admin/structures");
  await hydrated(admin);
  const pending = admin.getByTestId("pending-structure").filter({ hasText: structureName });
  await pending.getByRole("button", { name: "Valider" }).click();
  await expect(admin.getByTestId("pending-structure").filter({ hasText: structureName })).toHaveCount(0);
  await admin.context().close();

  await page.reload();
  await hydrated(page);
  await expect(page.getByTestId("pending-banner")).toHaveCount(0);
  await expect(page.getByTestId("badge").first()).toHaveText("Validée");

  // Her team: she administers the structure, and invites a colleague as an editor.
  const members = page.getByTestId("team");
  await expect(members.getByTestId("member")).toHaveCount(1);
  await expect(members.getByTestId("member")).toContainText("Margaux Lefèvre (vous)");
  await expect(members.getByTestId("member-role")).toHaveText("Administrateur");
  await members.getByLabel("E-mail du collègue").fill(`paul.${stamp}@theatre-du-quai.fr`);
  await members.getByLabel("Rôle").last().selectOption({ label: "Éditeur" });
  await members.getByRole("button", { name: "Envoyer l'invitation" }).click();
  await expect(members.getByRole("status")).toHaveText("Invitation envoyée : le lien est valable 7 jours.");

  // A venue, placed by tapping the map.
  await page.getByRole("link", { name: "Lieux" }).click();
  await expect(page).toHaveURL(/\/lieux$/);
  await hydrated(page);
  const form = page.getByTestId("venue-form");
  await form.getByLabel("Nom du lieu").fill("Salle du Quai");
  await form.getByLabel("Type de lieu").selectOption("SALLE_SPECTACLE");
  await form.getByLabel("Ce lieu n'a pas de SIRET").check();
  await form.getByLabel("Pourquoi pas de SIRET ?").fill("Salle prêtée par la commune");
  await form.getByLabel("Adresse").fill("3 quai des Bateliers");
  await form.getByLabel("Code postal").fill("67000");
  await form.getByLabel("Ville").fill("Strasbourg");
  await form.getByLabel("Ville").press("Tab");
  const map = page.getByTestId("pin-picker");
  await expect(map.locator(".leaflet-container, .leaflet-pane").first()).toBeAttached();
  await map.click({ position: { x: 200, y: 100 } });
  await expect(form.getByLabel("Latitude")).toHaveValue(/^48\.\d+/);
  await expect(form.getByLabel("Longitude")).toHaveValue(/^7\.\d+/);
  await page.getByRole("button", { name: "Enregistrer le lieu" }).click();
  await expect(page.getByTestId("venues")).toContainText("Salle du Quai");

  // An event offer, in duo, with a price and two dates.
  await page.goto(structureUrl + "/offres/nouvelle");
  await hydrated(page);
  await page.getByLabel("Catégorie").selectOption("SPECTACLE_REPRESENTATION");
  await expect(page.getByTestId("subcategory-hint")).toContainText("événement");
  await page.getByLabel("Lieu").selectOption({ label: "Salle du Quai" });
  await page.getByLabel("Titre").fill(title);
  await page.getByLabel("Description").fill("Chansons et numéros au bord de l'eau.");
  await page.getByLabel("Offre duo").check();
  await page.getByRole("button", { name: "Enregistrer le brouillon et continuer" }).click();
  await expect(page).toHaveURL(/\/pro\/offres\/\d+$/);
  await hydrated(page);
  await expect(page.getByTestId("offer-state")).toHaveText("Brouillon");

  // An image: a file too small is refused where the form is, a poster is kept.
  const imageForm = page.getByTestId("image-form");
  await imageForm.getByLabel(/PNG, JPEG ou WebP/).setInputFiles({
    name: "notes.txt",
    mimeType: "image/png",
    buffer: Buffer.from("not an image at all"),
  });
  await imageForm.getByRole("button", { name: "Envoyer l'image" }).click();
  await expect(page.getByTestId("image-error")).toContainText("PNG, JPEG ou WebP");
  await hydrated(page);
  await page.getByTestId("image-form").getByLabel(/PNG, JPEG ou WebP/).setInputFiles(path.join(__dirname, "..", "fixtures", "affiche.png"));
  await page.getByTestId("image-form").getByRole("button", { name: "Envoyer l'image" }).click();
  await expect(page.getByText("Image enregistrée")).toBeVisible();
  await expect(page.getByTestId("offer-image")).toHaveJSProperty("naturalWidth", 480);
  await hydrated(page);

  const prices = page.getByTestId("price-category-form");
  await prices.getByLabel("Nom du tarif").fill("Plein tarif");
  await prices.getByLabel("Prix (€)").fill("14");
  await prices.getByRole("button", { name: "Ajouter le tarif" }).click();
  await expect(page.getByTestId("price-categories")).toContainText("Plein tarif · 14 €");

  const dates = page.getByTestId("dates-form");
  await dates.getByLabel("Premier jour").fill(day(1));
  await dates.getByLabel("Dernier jour").fill(day(2));
  await dates.getByLabel(/^Heures/).fill("20:30");
  await dates.getByLabel("Places par date").fill("30");
  await dates.getByRole("button", { name: "Ajouter les dates" }).click();
  await expect(page.getByTestId("stock")).toHaveCount(2);
  // A new structure's first offers wait for the team, which gives this one back once
  // with a reason before publishing it.
  await page.getByTestId("publish").click();
  await expect(page.getByTestId("offer-state")).toHaveText("En validation");
  await expect(page.getByTestId("review-pending")).toBeVisible();
  const team = await asPerson(browser, ADMIN);
  await team.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Offres" }).click();
  await expect(team).toHaveURL(/\/admin\/offres$/);
  await team.getByLabel("Titre, structure ou lieu").fill(title);
  await team.getByRole("button", { name: "Chercher" }).click();
  await expect(team.getByTestId("offers-count")).toHaveText("1 offre");
  const waiting = team.getByTestId("team-offer").filter({ hasText: title });
  await expect(waiting).toContainText("Nouvelle structure");
  await hydrated(team);
  await waiting.getByRole("button", { name: "Rendre au partenaire" }).click();
  await expect(waiting.getByTestId("decision-error")).toContainText("Écris le motif");
  await waiting.getByLabel("Motif pour le partenaire").fill("Précisez l'âge conseillé dans la description");
  await waiting.getByRole("button", { name: "Rendre au partenaire" }).click();
  await expect(team.getByTestId("offers-count")).toHaveText("0 offre");
  await page.reload();
  await expect(page.getByTestId("offer-state")).toHaveText("Brouillon");
  await expect(page.getByTestId("review-note")).toContainText("Précisez l'âge conseillé dans la description");
  await hydrated(page);
  await page.getByTestId("publish").click();
  await expect(page.getByTestId("offer-state")).toHaveText("En validation");
  await team.reload();
  await hydrated(team);
  await team.getByTestId("team-offer").filter({ hasText: title }).getByRole("button", { name: "Publier" }).click();
  await expect(team.getByTestId("offers-count")).toHaveText("0 offre");
  await team.context().close();
  await page.reload();
  await expect(page.getByTestId("offer-state")).toHaveText("Publiée");
  await expect(page.getByTestId("review-note")).toHaveCount(0);

  // The structure's list finds it among the published offers, and not among the drafts.
  await page.goto(structureUrl + "/offres");
  const offerFilters = page.getByTestId("offer-filters");
  await offerFilters.getByLabel("État").selectOption({ label: "Publiée" });
  await offerFilters.getByRole("button", { name: "Filtrer" }).click();
  await expect(page).toHaveURL(/etat=publiee/);
  await expect(page.getByTestId("offers-count")).toHaveText("1 offre");
  await expect(page.getByTestId("offers")).toContainText(title);
  await page.getByTestId("offer-filters").getByLabel("État").selectOption({ label: "Brouillon" });
  await page.getByTestId("offer-filters").getByRole("button", { name: "Filtrer" }).click();
  await expect(page.getByTestId("offers-count")).toHaveText("0 offre");
  await expect(page.getByTestId("no-offers")).toBeVisible();

  // A young person (a new account, so that other tests' credit is untouched) finds it
  // and books a duo.
  const youngContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "fr-FR" });
  await watchPolicy(youngContext);
  const young = await youngContext.newPage();
  const youngEmail = await signUp(young, "Lou");
  await young.goto(`/recherche?q=${encodeURIComponent(title)}&rayon=partout`);
  const card = young.getByTestId("offer-card").filter({ hasText: title }).first();
  // Both stored versions are offered; the browser takes what the card's width needs.
  const cardImage = card.getByTestId("card-image");
  await expect(cardImage).toHaveAttribute("srcset", /\/vignette\.jpg\?v=\d+ 400w, \S+\/grande\.jpg\?v=\d+ 1200w$/);
  await expect(cardImage).toHaveJSProperty("complete", true);
  expect(await cardImage.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await card.click();
  await expect(young.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(young.getByTestId("offer-image")).toHaveJSProperty("complete", true);
  await hydrated(young);
  await young.getByTestId("open-booking").click();
  await young.getByLabel("2 places (duo)").check();
  await expect(young.getByTestId("summary-total")).toHaveText("28 €");
  await young.getByRole("button", { name: "Confirmer la réservation" }).click();
  const token = (await young.getByTestId("booking-token").textContent())?.trim() ?? "";
  expect(token).toMatch(/^[A-HJ-NP-Z2-7]{6}$/);

  // The partner sees it and exports the bookings: the duo is two rows.
  await page.goto(structureUrl + "/reservations");
  await hydrated(page);
  const row = page.getByTestId("booking-row").filter({ hasText: token });
  await expect(row).toContainText("Lou Test");
  await expect(row).toContainText("28 €");
  // The offers to filter by are those that have bookings; this one has one (a duo).
  const bookingFilters = page.getByTestId("booking-filters");
  // (A select's name includes its chosen option: the venue's "Tous … Théâtre" would match "Offre".)
  await bookingFilters.locator("select[name=offre]").selectOption({ label: title });
  await bookingFilters.getByRole("button", { name: "Filtrer" }).click();
  await expect(page.getByTestId("bookings-count")).toHaveText("1 réservation");
  await expect(page.getByTestId("booking-row")).toHaveCount(1);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-csv").click()]);
  const csv = fs.readFileSync(await download.path(), "utf8");
  const lines = csv.replace(/^\uFEFF/, "").trim().split(/\r?\n/);
  expect(lines[0]).toBe("Offre;Date de l'événement;Bénéficiaire;E-mail;Contremarque;Code d'activation;Statut;Prix;Réservé le;Validé le");
  const mine = lines.filter((line) => line.includes(token));
  expect(mine).toHaveLength(2);
  for (const line of mine) {
    expect(line).toContain(title);
    expect(line).toContain("14 €");
    expect(line).toContain(youngEmail);
  }

  // The ticket is validated at the counter.
  await page.goto("/pro/guichet");
  await hydrated(page);
  await page.getByLabel("Contremarque").fill(token);
  await page.getByRole("button", { name: "Valider" }).click();
  await expect(page.getByTestId("ticket-validated")).toContainText(`Contremarque ${token} validée`);

  await young.goto("/reservations");
  const used = young.getByTestId("ended-bookings").getByTestId("booking").filter({ hasText: token });
  await expect(used.getByTestId("booking-status")).toHaveText("Validée");
  await young.context().close();
});

// A partner chooses how they hear of bookings: a mail per booking until they choose,
// then a daily digest, kept across a reload.
test("a partner chooses a daily digest of their bookings instead of a mail for each", async ({ page }) => {
  const stamp = Date.now();
  await page.goto("/pro/inscription");
  await hydrated(page);
  await page.getByLabel("Prénom").fill("Inès");
  await page.getByLabel("Nom", { exact: true }).fill("Moreau");
  await page.getByLabel("E-mail professionnel").fill(`ines.${stamp}@librairie.fr`);
  await page.getByLabel("Mot de passe").fill(NEW_PASSWORD);
  await acceptTerms(page);
  await page.getByRole("button", { name: "Créer mon compte" }).click();
  await expect(page).toHaveURL(/\/pro$/);
  await hydrated(page);

  const choice = page.getByRole("group", { name: "Comment voulez-vous être prévenu des réservations de vos offres ?" });
  await expect(choice.getByRole("radio", { name: /À chaque réservation/ })).toBeChecked();
  await choice.getByRole("radio", { name: /Un récapitulatif par jour/ }).check();
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByTestId("booking-mail-saved")).toHaveText("Enregistré");

  await page.reload();
  await hydrated(page);
  await expect(choice.getByRole("radio", { name: /Un récapitulatif par jour/ })).toBeChecked();
  await expect(choice.getByRole("radio", { name: /À chaque réservation/ })).not.toBeChecked();
});
