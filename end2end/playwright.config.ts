import { defineConfig, devices } from "@playwright/test";

// Debian's Chromium, never a downloaded browser; flags that keep it off the network.
const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};

export default defineConfig({
  testDir: "./tests",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: process.env.BASE_URL ?? "http://127.0.0.1:3000",
    launchOptions: chromium,
    trace: "retain-on-failure",
    locale: "fr-FR",
  },
  projects: [
    {
      name: "mobile",
      testIgnore: [/\.nojs\.spec\.ts/, /\.desktop\.spec\.ts/, /\.deploy\.spec\.ts/],
      use: { ...devices["Pixel 7"], launchOptions: chromium },
    },
    {
      name: "javascript-off",
      testMatch: /\.nojs\.spec\.ts/,
      use: { ...devices["Pixel 7"], launchOptions: chromium, javaScriptEnabled: false },
    },
    {
      // The partner dashboard is used on a computer.
      name: "desktop",
      testMatch: /\.desktop\.spec\.ts/,
      use: { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 900 }, launchOptions: chromium },
    },
    {
      // Deploys replacing one another under an installed app: these tests start their
      // own servers from the deploys scripts/test prepares (DEPLOY_A, DEPLOY_B).
      name: "deploy",
      testMatch: /\.deploy\.spec\.ts/,
      use: { ...devices["Pixel 7"], launchOptions: chromium },
    },
  ],
});
