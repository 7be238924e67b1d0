import { expect, Page } from "@playwright/test";
import { ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { acceptTerms, hydrated, NEW_PASSWORD, signIn, test } from "./helpers";

// A minor lives through two birthdays under the 2025 French policy (50 € at 17, 150 €
// more at 18). The test starts its own server (the release deploy scripts/test prepares,
// DEPLOY_B) on a database of its own, with a clock it moves: the server reads how many
// seconds it is ahead of the machine from CLOCK_SHIFT_FILE, and runs its jobs every
// second.
const deploy = process.env.DEPLOY_B ?? "";
const address = process.env.BIRTHDAYS_ADDR ?? "127.0.0.1:3191";
const MONTHS = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."];

let server: ChildProcess | null = null;
let dir = "";

test.use({ baseURL: `http://${address}` });

test.beforeAll(async () => {
  expect(deploy, "DEPLOY_B names a deploy directory").not.toBe("");
  dir = mkdtempSync(join(tmpdir(), "birthdays-"));
  writeFileSync(join(dir, "shift"), "0");
  server = spawn(join(deploy, "server"), ["serve"], {
    cwd: resolve(__dirname, "../.."),
    env: {
      ...process.env,
      DATABASE_URL: `sqlite://${join(dir, "birthdays.db")}`,
      LEPTOS_SITE_ROOT: join(deploy, "site"),
      LEPTOS_SITE_ADDR: address,
      CREDIT_POLICY: "FR-2025",
      CLOCK_SHIFT_FILE: join(dir, "shift"),
      JOBS_PERIOD_SECONDS: "1",
      CLIENT_LIMITS: "off",
      MAP_TILES_URL: "",
      SMTP_URL: "",
      RUST_LOG: "warn",
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  await expect
    .poll(async () => fetch(`http://${address}/healthz`).then((r) => r.status, () => 0), { timeout: 30_000 })
    .toBe(200);
  expect(server.exitCode, "the birthdays server is the one that answered").toBeNull();
});

test.afterAll(async () => {
  if (server && server.exitCode === null && server.signalCode === null) {
    const stopping = server;
    const exited = new Promise((done) => stopping.once("exit", done));
    stopping.kill("SIGTERM");
    await exited;
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Today's date in Paris, as [year, month (1-12), day]. */
function parisToday(): [number, number, number] {
  const [y, m, d] = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(new Date()).split("-");
  return [Number(y), Number(m), Number(d)];
}

function iso(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function french(date: Date): string {
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

/** Moves the server's clock to noon (UTC) of `day`: after midnight in Paris. */
function clockAt(day: Date) {
  const ahead = Math.round((day.getTime() + 12 * 3600_000 - Date.now()) / 1000);
  writeFileSync(join(dir, "shift"), String(ahead));
}

/** What the wallet says at its top, reloading until it says `expected`. */
async function walletSays(page: Page, expected: string) {
  await expect
    .poll(
      async () => {
        await page.goto("/portefeuille");
        return (await page.getByTestId("wallet-balance").or(page.getByTestId("no-credit")).textContent({ timeout: 5_000 }))?.trim();
      },
      { timeout: 20_000, intervals: [500, 1000] },
    )
    .toBe(expected);
}

test("a minor's wallet receives 50 € on their 17th birthday and 150 € more on their 18th", async ({ page }) => {
  test.setTimeout(120_000);
  const [y, m, d] = parisToday();
  // 16 today; 17 in ten days (eleven, rather than a 29 February, which other years lack).
  let at17 = new Date(Date.UTC(y, m - 1, d + 10));
  if (at17.getUTCMonth() === 1 && at17.getUTCDate() === 29) at17 = new Date(Date.UTC(y, m - 1, d + 11));
  const sameDay = (years: number) => new Date(Date.UTC(at17.getUTCFullYear() + years, at17.getUTCMonth(), at17.getUTCDate()));
  const born = sameDay(-17);
  const at18 = sameDay(1);
  const email = `anniversaire.${Date.now()}@example.org`;

  await page.goto("/inscription");
  await hydrated(page);
  await page.getByLabel("Prénom").fill("Inès");
  await page.getByLabel("Nom", { exact: true }).fill("Test");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Mot de passe").fill(NEW_PASSWORD);
  await page.getByLabel("Date de naissance").fill(iso(born));
  await page.getByLabel("Département").fill("75");
  await acceptTerms(page);
  await page.getByRole("button", { name: "Créer mon compte" }).click();
  await expect(page).toHaveURL(/\/portefeuille$/);
  await expect(page.getByTestId("no-credit")).toHaveText(
    `Ton crédit de 50 € arrivera le ${french(at17)}, pour tes 17 ans.`,
  );

  // The day before, nothing yet.
  clockAt(new Date(at17.getTime() - 86_400_000));
  await page.waitForTimeout(2_500);
  await walletSays(page, `Ton crédit de 50 € arrivera le ${french(at17)}, pour tes 17 ans.`);

  clockAt(at17);
  await walletSays(page, "50 €");
  await expect(page.getByTestId("wallet-next-grant")).toHaveText(`150 € de plus le ${french(at18)}, pour tes 18 ans`);
  const history = page.getByTestId("wallet-history");
  await expect(history.getByText("Crédit de tes 17 ans")).toBeVisible();

  // A year later the session has expired: the young person signs in again.
  clockAt(at18);
  await signIn(page, email, NEW_PASSWORD);
  await walletSays(page, "200 €");
  await expect(page.getByTestId("wallet-next-grant")).toHaveCount(0);
  await expect(history.locator("li")).toHaveCount(2);
  await expect(history.locator("li").first()).toContainText("Crédit de tes 18 ans");
  await expect(history.locator("li").first()).toContainText("+150 €");
  await expect(history.locator("li").last()).toContainText("+50 €");
});
