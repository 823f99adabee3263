import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

// Runs against the production server that `npm test` starts (scripts/test.ts sets BASE_URL).
// Chromium: CHROME_PATH, else the system's /usr/bin/chromium, else Playwright's own download
// (`npx playwright install chromium`).
const executablePath = process.env.CHROME_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: process.env.BASE_URL ?? "http://localhost:3000",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: { executablePath, args: ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"] },
      },
    },
  ],
});
