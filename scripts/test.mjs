// `npm test`: unit and integration tests (on PGlite, and on PostgreSQL when
// TEST_DATABASE_URL answers), then the browser tests (when a Chromium exists).
// What cannot run is skipped with a clear line, unless REQUIRE_POSTGRES=1 or
// REQUIRE_E2E=1 make its absence a failure, as CI does.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";

const args = process.argv.slice(2);
const only = args.includes("--only") ? args[args.indexOf("--only") + 1] : undefined;
const passThrough = args.filter((a, i) => a !== "--only" && args[i - 1] !== "--only");

function banner(text) {
  console.log(`\n=== ${text} ===`);
}

function fail(message) {
  console.error(`\nFAIL: ${message}`);
  process.exit(1);
}

async function postgresAnswers(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch (error) {
    console.log(`PostgreSQL at ${url} did not answer: ${error.message}`);
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function run(command, commandArgs, env = {}) {
  const result = spawnSync(command, commandArgs, {
    stdio: "inherit",
    env: { ...process.env, ...env },
  });
  return result.status ?? 1;
}

const requirePostgres = process.env.REQUIRE_POSTGRES === "1";
const requireE2e = process.env.REQUIRE_E2E === "1";

if (!only || only === "unit" || only === "integration") {
  const env = {};
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    if (requirePostgres) fail("REQUIRE_POSTGRES=1 but TEST_DATABASE_URL is not set.");
    console.log(
      "SKIP: PostgreSQL integration tests (set TEST_DATABASE_URL=postgres://… to run them).",
    );
  } else if (!(await postgresAnswers(url))) {
    if (requirePostgres) fail(`REQUIRE_POSTGRES=1 but PostgreSQL at ${url} does not answer.`);
    console.log("SKIP: PostgreSQL integration tests (the server did not answer).");
    env.TEST_DATABASE_URL = "";
  }
  const projects =
    only === "unit"
      ? ["--project", "unit"]
      : only === "integration"
        ? ["--project", "integration-pglite", "--project", "integration-postgres"]
        : [];
  banner(`Vitest: ${only ?? "unit and integration"} tests`);
  const status = run(
    process.execPath,
    ["node_modules/vitest/vitest.mjs", "run", ...projects, ...passThrough],
    env,
  );
  if (status !== 0) process.exit(status);
}

if (!only || only === "e2e") {
  const chromium = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
  if (!fs.existsSync(chromium)) {
    if (requireE2e)
      fail(
        `REQUIRE_E2E=1 but no Chromium at ${chromium} (apt-get install chromium, or set CHROMIUM_PATH).`,
      );
    console.log(
      `SKIP: browser tests (no Chromium at ${chromium}; apt-get install chromium, or set CHROMIUM_PATH).`,
    );
  } else {
    banner(`Playwright: browser tests in ${chromium}`);
    if (run(process.execPath, ["scripts/ensure-built.mjs"]) !== 0)
      fail("the web app did not build.");
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cascade-e2e-"));
    const status = run(
      process.execPath,
      ["node_modules/@playwright/test/cli.js", "test", ...(only ? passThrough : [])],
      {
        CHROMIUM_PATH: chromium,
        E2E_PORT: String(await freePort()),
        E2E_DATA_DIR: dataDir,
      },
    );
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (status !== 0) process.exit(status);
  }
}
console.log("\nAll tests that could run passed.");
