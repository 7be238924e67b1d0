import AxeBuilder from "@axe-core/playwright";
import { Browser, BrowserContext, expect, Page, test as base } from "@playwright/test";
import { linksIn } from "./mailbox";

/** Content-Security-Policy violations reported by any page of any test. */
const violations: string[] = [];

/** Panics of the WASM client (hydration errors included) and uncaught errors, on any page. */
const crashes: string[] = [];

/**
 * The pages the running test visited, each with the context it was in, that context's
 * cookies then (who was signed in) and the language the page was in.
 */
let visited: { context: BrowserContext; url: string; cookies: Promise<string | null>; language: Promise<string> }[] = [];

/**
 * The language the app gives a context's pages, as it resolves it: the `lang` cookie
 * (a language it has), else the browser's (`locale`, English or French), else French.
 */
async function languageOf(context: BrowserContext, locale: string | undefined): Promise<string> {
  const chosen = (await context.cookies().catch(() => [])).find((cookie) => cookie.name === "lang")?.value;
  if (chosen === "en" || chosen === "fr") return chosen;
  return (locale ?? "fr").toLowerCase().startsWith("en") ? "en" : "fr";
}

/** A context's cookies, as one comparable text; `null` once the context is closed. */
function cookiesOf(context: BrowserContext): Promise<string | null> {
  return context
    .cookies()
    .then((cookies) => JSON.stringify(cookies.map((c) => [c.domain, c.name, c.value]).sort()))
    .catch(() => null);
}

/** The kinds of page ([`kindOf`]) axe has scanned in this worker. */
const scanned = new Set<string>();

/**
 * What makes two addresses the same page for axe: the project, the page's language, and
 * the path with its numbers as `:id` (`/offres/12` and `/offres/40` are one kind). `null`
 * for what is not a page of the app: another origin, a file, the server functions.
 */
function kindOf(url: string, language: string): string | null {
  const place = new URL(url);
  const app = new URL(process.env.BASE_URL ?? "http://127.0.0.1:3000");
  if (place.origin !== app.origin) return null;
  if (/^\/(api|pkg|geo|vendor|images?)\//.test(place.pathname) || /\.[a-z0-9]+$/i.test(place.pathname)) return null;
  return `${test.info().project.name} ${language} ${place.pathname.replace(/\/\d+(?=\/|$)/g, "/:id")}`;
}

/**
 * axe on every kind of page the test visited and no test scanned before, each opened
 * again in the context that visited it. Only where that context is still who it was at
 * the visit (the same cookies): signed out since, the page would be its refusal, and its
 * kind would be taken for scanned. A page that no longer opens (its context closed, the
 * network cut, an address used once) is left for another test; a page that opens is
 * scanned, and a serious or critical violation fails the test. Each kind is tried once
 * per test.
 */
async function scanVisitedPages() {
  const pages = visited;
  visited = [];
  const tried = new Set<string>();
  for (const { context, url, cookies, language } of pages) {
    const kind = kindOf(url, await language);
    if (kind === null || scanned.has(kind) || tried.has(kind)) continue;
    const then = await cookies;
    if (then === null || then !== (await cookiesOf(context))) continue;
    tried.add(kind);
    let page: Page;
    try {
      page = await context.newPage();
    } catch {
      continue;
    }
    try {
      const opened = await openForScan(page, url);
      const now = opened && kindOf(page.url(), await pageLanguage(page));
      if (!now || scanned.has(now)) continue;
      await expectAccessible(page);
    } finally {
      await page.close().catch(() => {});
    }
  }
}

/** The language a page of the app says it is in (`<html lang>`). */
async function pageLanguage(page: Page): Promise<string> {
  return (await page.locator("html").getAttribute("lang").catch(() => null)) ?? "fr";
}

/** Opens `url` and waits for the app, within bounds: whether it is now a page to scan. */
async function openForScan(page: Page, url: string): Promise<boolean> {
  try {
    const response = await page.goto(url, { timeout: 15_000 });
    if (!response || !(response.headers()["content-type"] ?? "").startsWith("text/html")) return false;
    await expect(page.locator("html[data-hydrated=true]")).toHaveCount(1, { timeout: 15_000 });
    return true;
  } catch {
    return false;
  }
}

/**
 * Reports every `securitypolicyviolation` of the context's pages, and every crash; keeps
 * the addresses its pages visit for [`scanVisitedPages`].
 */
export async function watchPolicy(context: BrowserContext, locale?: string) {
  const follow = (page: Page) =>
    page.on("framenavigated", (frame) => {
      if (frame === page.mainFrame()) {
        visited.push({ context, url: frame.url(), cookies: cookiesOf(context), language: languageOf(context, locale) });
      }
    });
  context.pages().forEach(follow);
  context.on("page", follow);
  context.on("console", (message) => {
    const text = message.text();
    if (/panicked at|hydration error/i.test(text)) {
      crashes.push(`${text.slice(0, 400)} (on ${message.page()?.url() ?? "?"})`);
    }
  });
  context.on("weberror", (error) => {
    crashes.push(`uncaught: ${error.error().message.slice(0, 400)} (on ${error.page()?.url() ?? "?"})`);
  });
  await context.exposeBinding("__cspViolation", (_source, text: string) => {
    violations.push(text);
  });
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      const report = (window as unknown as { __cspViolation: (t: string) => void }).__cspViolation;
      report(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber}) on ${location.pathname}`);
    });
  });
}

/**
 * Playwright's `test`, where every page of every test is watched: a test fails if the
 * Content-Security-Policy refused anything on a page it visited, or if the client
 * panicked or threw there (a hydration panic leaves a page that looks right but no
 * longer answers taps). Once a test has passed, axe scans the kinds of page it visited
 * that no test scanned before (not with JavaScript off: axe runs in the page).
 */
export const test = base.extend<{ policyWatch: void }>({
  policyWatch: [
    async ({ context, locale }, use, testInfo) => {
      visited = [];
      await watchPolicy(context, locale);
      const before = violations.length;
      const crashesBefore = crashes.length;
      await use();
      const scans = testInfo.project.use.javaScriptEnabled !== false && testInfo.project.name !== "deploy";
      if (scans && testInfo.status === "passed") await scanVisitedPages();
      expect(violations.slice(before), "Content-Security-Policy violations").toEqual([]);
      expect(crashes.slice(crashesBefore), "panics and uncaught errors in the page").toEqual([]);
    },
    { auto: true, timeout: 240_000 },
  ],
});

export const PASSWORD = "demo-culture-pass";
export const YOUNG = "jeune@demo.culture-pass.fr";
export const PARTNER = "partenaire@demo.culture-pass.fr";
export const ADMIN = "admin@demo.culture-pass.fr";

/** A page of its own (another person), in the project's device; no dialog may open. */
export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ ...test.info().project.use, locale: "fr-FR" });
  await watchPolicy(context, "fr-FR");
  const page = await context.newPage();
  page.on("dialog", (dialog) => {
    throw new Error(`a dialog opened: ${dialog.message()}`);
  });
  return page;
}

/** The main script a page's HTML names (Leptos's modulepreload link): `/pkg/culture-pass.<hash>.js`, its bundle's. */
export async function mainScript(page: Page): Promise<string> {
  return (await page.locator('link[rel="modulepreload"][href^="/pkg/culture-pass."]').getAttribute("href")) ?? "";
}

/** Waits until the WASM client has taken over the server-rendered page. */
export async function hydrated(page: Page) {
  await expect(page.locator("html[data-hydrated=true]")).toHaveCount(1);
}

/**
 * axe-core's checks of WCAG 2.2 A and AA on the page as it is now: no serious or critical
 * violation. Each scan prints a line (rules passed and violated) in the test's output.
 */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"])
    .analyze();
  const place = new URL(page.url());
  const where = place.pathname + place.search;
  const grave = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const language = await pageLanguage(page);
  console.log(
    `axe ${test.info().project.name} ${language} ${where}: ${results.passes.length} rules passed, ` +
      `${results.violations.length} violated (${grave.length} serious or critical)`,
  );
  const described = grave.map(
    (v) => `${v.impact} ${v.id} (${v.help}): ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`,
  );
  expect(described, `serious or critical accessibility violations on ${where}`).toEqual([]);
  const kind = kindOf(page.url(), language);
  if (kind !== null) scanned.add(kind);
}

export const NEW_PASSWORD = "une phrase de passe assez longue";

export async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto("/connexion");
  await hydrated(page);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Mot de passe").fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
}

/** Signs out from Profil (on a phone the header has no sign-out). */
export async function signOut(page: Page) {
  await page.goto("/compte");
  await hydrated(page);
  await page.getByRole("main").getByRole("button", { name: "Se déconnecter" }).click();
  await expect(page.getByRole("link", { name: "Connexion" })).toBeVisible();
  // The server sends the browser home, an islands page the app hands to the browser to
  // load: a page opened before that load would be interrupted by it.
  await expect(page).toHaveURL(/\/$/);
  await expect(page.locator("html[data-islands]")).toHaveCount(1);
  await hydrated(page);
}

/** A birth date `years` (and `extraDays`) ago, as a date input takes it. */
export function birthDate(years: number, extraDays = 30): string {
  const d = new Date();
  d.setFullYear(d.getFullYear() - years);
  d.setDate(d.getDate() - extraDays);
  return d.toISOString().slice(0, 10);
}

/**
 * Opens an account for a new person of `years` in Bas-Rhin and, unless told not to,
 * confirms its address by the link of the welcome mail (booking needs it), back on the
 * wallet; returns the e-mail.
 */
export async function signUp(page: Page, firstName: string, years = 18, { verify = true } = {}): Promise<string> {
  const email = `${firstName.toLowerCase()}.${Date.now()}@example.org`;
  await page.goto("/inscription");
  await hydrated(page);
  await page.getByLabel("Prénom").fill(firstName);
  await page.getByLabel("Nom", { exact: true }).fill("Test");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Mot de passe").fill(NEW_PASSWORD);
  await page.getByLabel("Date de naissance").fill(birthDate(years));
  await page.getByLabel("Département").fill("67");
  await acceptTerms(page);
  await page.getByRole("button", { name: "Créer mon compte" }).click();
  await expect(page).toHaveURL(/\/portefeuille$/);
  // The wallet is served as islands (app/src/hydration.rs): the app hands it to the
  // browser, which loads it; a page opened before that load would be interrupted by it.
  await expect(page.locator("html[data-islands]")).toHaveCount(1);
  await hydrated(page);
  if (verify) {
    await confirmAddress(page, await addressLink(email));
    await page.goto("/portefeuille");
    await hydrated(page);
  }
  return email;
}

/** Ticks a sign-up form's box accepting the terms of use and the privacy notice. */
export async function acceptTerms(page: Page) {
  await page.getByRole("checkbox", { name: /J'accepte les conditions générales d'utilisation/ }).check();
}

/** The newest link that verifies `email`, once `count` mails carrying one arrived. */
export async function addressLink(email: string, count = 1): Promise<string> {
  const links = await linksIn(email, /Bienvenue|Confirme/, "/adresse/confirmer", count);
  return links[links.length - 1];
}

/** Opens a link that verifies an address and confirms it. */
export async function confirmAddress(page: Page, link: string) {
  await page.goto(link);
  await hydrated(page);
  await page.getByRole("button", { name: "Confirmer mon adresse" }).click();
  await expect(page.getByTestId("address-confirmed")).toBeVisible();
}

/** Books the offer titled `title` from the home page; the booking's token. */
export async function bookFromHome(page: Page, title: string): Promise<string> {
  await page.goto("/");
  await page.getByTestId("offer-card").filter({ hasText: title }).first().click();
  // The home is islands (app/src/hydration.rs): the offer is a page load, which must
  // have happened before the new page's hydration is awaited.
  await expect(page).toHaveURL(/\/offres\/\d+$/);
  await hydrated(page);
  await page.getByTestId("open-booking").click();
  await page.getByRole("button", { name: "Confirmer la réservation" }).click();
  const token = ((await page.getByTestId("booking-confirmation").getByTestId("booking-token").textContent()) ?? "").trim();
  expect(token).toMatch(/^[A-HJ-NP-Z2-7]{6}$/);
  return token;
}

/** A SIREN no other run has used, with its Luhn check digit. */
export function freshSiren(): string {
  const body = String(100_000_00 + (Date.now() % 80_000_000)).padStart(8, "0");
  for (let digit = 0; digit < 10; digit++) {
    const candidate = body + digit;
    let sum = 0;
    [...candidate].reverse().forEach((c, i) => {
      let d = Number(c);
      if (i % 2 === 1) {
        d *= 2;
        if (d > 9) d -= 9;
      }
      sum += d;
    });
    if (sum % 10 === 0) return candidate;
  }
  throw new Error("no check digit");
}

/** The ISO date `offset` days from today. */
export function day(offset: number): string {
  const d = new Date();
  d.setDate(d.getDate() + offset);
  return d.toISOString().slice(0, 10);
}
