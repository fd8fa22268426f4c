import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error: a plain JavaScript build script, without type declarations
import { buildServerBundle, bundleIsFresh } from "../../scripts/server-bundle.mjs";
import { testEngine } from "../../test/support/engines.ts";
import { VERSION } from "../version.ts";

/**
 * `npm start` runs the server bundled by esbuild (a faster start than compiling
 * the sources at each start). The bundle must be the same program: it starts,
 * knows its version, and its spreadsheet reader still runs in its own thread.
 * Engine-independent, so it runs once.
 */
describe.skipIf(testEngine() === "postgres")("the bundled server", () => {
  // Inside the project, so the bundle finds node_modules as dist/server/ does.
  const outDir = path.resolve(`.tmp/server-bundle-${process.pid}`);
  const entry = path.join(outDir, "main.mjs");
  beforeAll(async () => {
    await buildServerBundle(outDir);
  }, 120_000);
  afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

  it("is fresh once built, and a missing bundle is not", () => {
    expect(bundleIsFresh(entry)).toBe(true);
    expect(bundleIsFresh(path.join(outDir, "missing.mjs"))).toBe(false);
  });

  it("starts as the command line, with its version and its commands", () => {
    const version = spawnSync(process.execPath, [entry, "--version"], { encoding: "utf8" });
    expect(version.status, version.stderr).toBe(0);
    expect(version.stdout.trim()).toBe(VERSION);
    const help = spawnSync(process.execPath, [entry, "import", "--help"], { encoding: "utf8" });
    expect(help.status, help.stderr).toBe(0);
    expect(help.stdout).toContain("Import a pupil list or an assessment export");
  });

  it("reads a spreadsheet in the bundled worker thread", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Pupils");
    sheet.addRow(["UPN", "First name"]);
    sheet.addRow(["A123", "Bundled"]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const answer = await new Promise<{
      ok: boolean;
      table?: { headers: string[]; rows: unknown[] };
    }>((resolve, reject) => {
      const worker = new Worker(path.join(outDir, "read-table-worker.mjs"), {
        workerData: { bytes },
      });
      worker.once("message", (message) => {
        resolve(message);
        void worker.terminate();
      });
      worker.once("error", reject);
    });
    expect(answer.ok).toBe(true);
    expect(answer.table?.headers).toEqual(["UPN", "First name"]);
    expect(answer.table?.rows).toHaveLength(1);
  }, 60_000);
});
