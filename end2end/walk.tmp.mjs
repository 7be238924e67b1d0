import { chromium, devices } from "@playwright/test";
const base = "http://127.0.0.1:3150";
const shots = "/work/e2e/shots";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
const context = await browser.newContext({ ...devices["Pixel 7"], locale: "fr-FR" });
const page = await context.newPage();
const errors = [];
page.on("console", (m) => { if (/panicked|error/i.test(m.text())) errors.push(m.text()); });
const shot = async (name) => page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
const hydrated = async () => page.waitForSelector("html[data-hydrated=true]");

// A minor signs up by taps: the form, the box, the wallet's promise.
await page.goto(base + "/");
await hydrated();
await page.getByRole("link", { name: /Profil|Connexion|Se connecter/ }).first().tap();
await hydrated();
await page.getByTestId("sign-up-link").first().tap().catch(async () => { await page.getByRole("link", { name: /Créer un compte|Créer mon compte/ }).first().tap(); });
await hydrated();
await page.getByLabel("Prénom").fill("Nina");
await page.getByLabel("Nom", { exact: true }).fill("Walk");
await page.getByLabel("E-mail").fill(`nina.${Date.now()}@example.org`);
await page.getByLabel("Mot de passe").fill("une phrase de passe assez longue");
const born = new Date(); born.setUTCFullYear(born.getUTCFullYear() - 17); born.setUTCDate(born.getUTCDate() + 20);
await page.getByLabel("Date de naissance").fill(born.toISOString().slice(0, 10));
await page.getByLabel("Département").fill("973");
await shot("01-signup-form");
await page.getByRole("checkbox", { name: /J'accepte les conditions/ }).tap();
await page.getByRole("button", { name: "Créer mon compte" }).tap();
await page.waitForURL(/portefeuille/);
await hydrated();
await shot("02-wallet-minor");
console.log("no-credit:", await page.getByTestId("no-credit").textContent());

// The profile's texts.
await page.goto(base + "/compte");
await hydrated();
await page.getByTestId("terms-link").tap();
await page.waitForURL(/conditions$/);
await page.getByRole("heading", { name: "Conditions générales d'utilisation" }).waitFor();
await shot("03-terms");
await page.getByRole("link", { name: /Version 1 du/ }).tap();
await page.waitForURL(/conditions\/1$/);
await shot("04-terms-v1");

// The adult demo account: the wallet with its next grant (none under FR-2019) and offline.
await context.clearCookies();
await page.goto(base + "/connexion");
await hydrated();
await page.getByLabel("E-mail").fill("jeune@demo.culture-pass.fr");
await page.getByLabel("Mot de passe").fill("demo-culture-pass");
await page.getByRole("button", { name: "Se connecter" }).tap();
await page.getByTestId("signed-in-as").waitFor();
await page.goto(base + "/portefeuille");
await hydrated();
await shot("05-wallet-adult");
console.log("expiry:", await page.getByTestId("wallet-expiry").textContent());
console.log("history:", (await page.getByTestId("wallet-history").textContent()).slice(0, 120));
await context.setOffline(true);
await page.goto(base + "/reservations").catch(() => {});
await page.waitForTimeout(1500);
await shot("06-offline-bookings");
await context.setOffline(false);
console.log("errors:", errors);
await browser.close();
