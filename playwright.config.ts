import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
const dataDir = process.env.E2E_DATA_DIR ?? ".tmp/e2e-data";

/**
 * End-to-end tests in Debian's Chromium (no browser download), against the real
 * app started on a fresh embedded database in a temporary directory.
 */
export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // A safety limit, not a wait: journeys wait on the page's own signals. Long journeys
  // on a loaded 2-CPU machine (many sign-ins, each an argon2 hash) pass 60 s.
  timeout: 120_000,
  reporter: [["list"]],
  globalSetup: "./e2e/support/global-setup.ts",
  // Who needs what, declared. The first run makes the administrator of the main
  // Cascade; the demo set-up fills the second. Every other journey builds what it
  // needs on the main Cascade through the API (e2e/support/new-school.ts) or reads
  // the demo network, so it needs only those two. The network journeys check an
  // empty network's pages, then build schools and teams on it, so they have a third
  // Cascade of their own: a failure there stops nothing else.
  projects: [
    { name: "first-run", testMatch: "foundation.spec.ts" },
    {
      name: "network-admin",
      testMatch: "network-admin.spec.ts",
      use: { baseURL: `http://127.0.0.1:${port + 2}` },
    },
    {
      name: "network-teams",
      testMatch: "network-teams.spec.ts",
      dependencies: ["network-admin"],
      use: { baseURL: `http://127.0.0.1:${port + 2}` },
    },
    { name: "demo", testMatch: "setup-demo.spec.ts" },
    {
      name: "journeys",
      testIgnore: [
        "foundation.spec.ts",
        "network-admin.spec.ts",
        "network-teams.spec.ts",
        "setup-demo.spec.ts",
      ],
      dependencies: ["first-run", "demo"],
    },
  ],
  outputDir: ".tmp/e2e-results",
  expect: { timeout: 10_000 },
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
    // No transitions, so accessibility checks never see a colour half-way through one.
    reducedMotion: "reduce",
    locale: "en-GB",
    timezoneId: "Europe/London",
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
  },
  webServer: [
    {
      // Each run starts from an empty embedded database.
      command: `rm -rf "${dataDir}" && node bin/cascade.mjs serve`,
      url: `http://127.0.0.1:${port}/api/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: { PORT: String(port), HOST: "127.0.0.1", CASCADE_DATA_DIR: dataDir, LOG_LEVEL: "warn" },
    },
    {
      // A second, empty Cascade for the journeys that start from the demo network.
      command: `rm -rf "${dataDir}-demo" && node bin/cascade.mjs serve`,
      url: `http://127.0.0.1:${port + 1}/api/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: {
        PORT: String(port + 1),
        HOST: "127.0.0.1",
        CASCADE_DATA_DIR: `${dataDir}-demo`,
        LOG_LEVEL: "warn",
      },
    },
    {
      // A third, for the network journeys: an empty network they set up and fill.
      command: `rm -rf "${dataDir}-network" && node bin/cascade.mjs serve`,
      url: `http://127.0.0.1:${port + 2}/api/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: {
        PORT: String(port + 2),
        HOST: "127.0.0.1",
        CASCADE_DATA_DIR: `${dataDir}-network`,
        LOG_LEVEL: "warn",
      },
    },
  ],
});
