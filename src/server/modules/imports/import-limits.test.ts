import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, TestClient } from "../../../../test/support/client.ts";
import { testEngine } from "../../../../test/support/engines.ts";
import { importFile, schoolWithStaff } from "../../../../test/support/school-fixture.ts";
import { createTestApp, type TestApp } from "../../../../test/support/test-app.ts";
import { columnBomb, rowBomb, sizeBomb } from "../../../../test/support/xlsx-bomb.ts";
import { inImportSlot, MAX_CONCURRENT_IMPORTS } from "../../imports/import-slots.ts";
import { TABLE_LIMITS } from "../../imports/xlsx-limits.ts";

const MB = 1024 * 1024;

describe(`import limits: decompression bombs and busy servers [${testEngine()}]`, () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof schoolWithStaff>>;
  const preview = (bytes: Buffer, name = "bomb.xlsx") =>
    importFile(s.leader, s.schoolId, "pupils", bytes, {}, name, "imports/preview");
  beforeAll(async () => {
    t = await createTestApp();
    s = await schoolWithStaff(t);
  });
  afterAll(async () => t.close());

  /** The request's answer, how long it took and how far the process's RSS grew meanwhile. */
  async function measured<T>(run: () => Promise<T>) {
    const rss = process.memoryUsage().rss;
    let peak = rss;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 20);
    const started = performance.now();
    try {
      const result = await run();
      return { result, ms: performance.now() - started, rssGrowth: peak - rss };
    } finally {
      clearInterval(sampler);
    }
  }

  it("refuses at once a file whose directory says it unpacks to hundreds of MB (413, naming the limit)", async () => {
    const bomb = await sizeBomb(400);
    expect(bomb.length).toBeLessThan(4 * MB);
    const { result, ms, rssGrowth } = await measured(() => preview(bomb));
    expect(result.statusCode).toBe(413);
    expect(json(result)).toMatchObject({
      status: 413,
      limit: { name: "uncompressedBytes", max: TABLE_LIMITS.uncompressedBytes },
      detail: expect.stringContaining("32 MB"),
    });
    expect(ms).toBeLessThan(3000);
    expect(rssGrowth).toBeLessThan(150 * MB);
    console.info(
      `honest 400 MB bomb: refused in ${Math.round(ms)} ms, RSS +${Math.round(rssGrowth / MB)} MB`,
    );
  });

  it("refuses a file whose directory lies about its size, reading no more than the limit", async () => {
    const bomb = await sizeBomb(400, { lie: true });
    const { result, ms, rssGrowth } = await measured(() => preview(bomb));
    expect(result.statusCode).toBe(413);
    expect(json(result)).toMatchObject({ limit: { name: "uncompressedBytes" } });
    expect(ms).toBeLessThan(3000);
    expect(rssGrowth).toBeLessThan(150 * MB);
    console.info(
      `lying 400 MB bomb: refused in ${Math.round(ms)} ms, RSS +${Math.round(rssGrowth / MB)} MB`,
    );
  });

  it("refuses a sheet of too many rows, or too many columns, before parsing it", async () => {
    const rows = await measured(async () => preview(await rowBomb(TABLE_LIMITS.rows + 10)));
    expect(rows.result.statusCode).toBe(413);
    expect(json(rows.result)).toMatchObject({
      limit: { name: "rows", max: TABLE_LIMITS.rows },
      detail: expect.stringContaining("20,000 rows"),
    });
    const columns = await preview(await columnBomb("XFD"));
    expect(columns.statusCode).toBe(413);
    expect(json(columns)).toMatchObject({ limit: { name: "columns", max: TABLE_LIMITS.columns } });
    // The same limits hold for CSV.
    const wide = `${Array.from({ length: TABLE_LIMITS.columns + 1 }, (_, i) => `c${i}`).join(",")}\n`;
    const csv = await preview(Buffer.from(wide), "wide.csv");
    expect(csv.statusCode).toBe(413);
    expect(json(csv)).toMatchObject({ limit: { name: "columns" } });
  });

  it("keeps answering /api/health while two bombs are refused at once", async () => {
    const bombs = [await sizeBomb(300, { lie: true }), await sizeBomb(300, { lie: true })];
    const health = new TestClient(t.app);
    let slowest = 0;
    let answered = 0;
    let done = false;
    const poll = (async () => {
      while (!done) {
        const started = performance.now();
        const response = await health.get("/api/health");
        expect(response.statusCode).toBe(200);
        answered++;
        slowest = Math.max(slowest, performance.now() - started);
        await new Promise((r) => setTimeout(r, 10));
      }
    })();
    const { result, rssGrowth } = await measured(() => Promise.all(bombs.map((b) => preview(b))));
    done = true;
    await poll;
    expect(result.map((r) => r.statusCode)).toEqual([413, 413]);
    expect(answered).toBeGreaterThan(0);
    expect(slowest).toBeLessThan(1000);
    expect(rssGrowth).toBeLessThan(200 * MB);
    console.info(
      `two bombs at once: health answered ${answered} times, slowest ${Math.round(slowest)} ms, RSS +${Math.round(rssGrowth / MB)} MB`,
    );
  });

  it("answers 503 with Retry-After when every import slot is taken, and reads again once one is free", async () => {
    const releases: Array<() => void> = [];
    const held = Array.from({ length: MAX_CONCURRENT_IMPORTS }, () =>
      inImportSlot(() => new Promise<void>((resolve) => releases.push(resolve))),
    );
    const csv = Buffer.from("UPN,Surname\n");
    const busy = await preview(csv, "pupils.csv");
    expect(busy.statusCode).toBe(503);
    expect(Number(busy.headers["retry-after"])).toBeGreaterThan(0);
    expect(json(busy)).toMatchObject({
      status: 503,
      limit: { name: "concurrentImports", max: MAX_CONCURRENT_IMPORTS },
    });
    for (const release of releases) release();
    await Promise.all(held);
    expect((await preview(csv, "pupils.csv")).statusCode).not.toBe(503);
  });

  it("still reads a large real workbook within the limits, answering /api/health meanwhile", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Pupils");
    sheet.addRow(["UPN", "Legal Surname", "Legal Forename", "DOB", "Year", "PP"]);
    for (let i = 0; i < 5000; i++)
      sheet.addRow([`X${i}`, "Surname", "Forename", "2015-01-01", 5, "N"]);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const health = new TestClient(t.app);
    let slowest = 0;
    let done = false;
    const poll = (async () => {
      while (!done) {
        const started = performance.now();
        await health.get("/api/health");
        slowest = Math.max(slowest, performance.now() - started);
        await new Promise((r) => setTimeout(r, 10));
      }
    })();
    const response = await preview(bytes, "arbor.xlsx");
    done = true;
    await poll;
    expect([200, 422]).toContain(response.statusCode);
    expect(json(response).limit).toBeUndefined();
    console.info(`largest /api/health wait during a 5,000-row preview: ${Math.round(slowest)} ms`);
    expect(slowest).toBeLessThan(2000);
  });
});
