import { defineConfig, devices } from "@playwright/test";

/**
 * Run through `npm test` (or `npm run test:e2e`), which starts the database, dev SSO, worker
 * and a production build, and sets E2E_BASE_URL. Debian's Chromium is used where Playwright's
 * own browser is not installed (CHROMIUM_PATH, set by scripts/lib/browser.ts).
 */
const executablePath = process.env.CHROMIUM_PATH || undefined;

export default defineConfig({
  testDir: "./e2e",
  outputDir: `.data/test-results-${new URL(process.env.E2E_BASE_URL ?? "http://localhost:3100").port}/playwright`,
  fullyParallel: false,
  workers: 1, // specs share one seeded database and the authz spec checks that nothing changed
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  forbidOnly: !!process.env.CI,
  reporter: [["list"], ["json"]],
  use: {
    baseURL: process.env.E2E_BASE_URL ?? "http://localhost:3100",
    locale: "ja-JP",
    timezoneId: "Asia/Tokyo",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath,
      args: executablePath
        ? ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
        : [],
    },
  },
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts/ },
    { name: "chromium", use: { ...devices["Desktop Chrome"], launchOptions: { executablePath, args: executablePath ? ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"] : [] } }, dependencies: ["setup"], testIgnore: /auth\.setup\.ts/ },
  ],
});
