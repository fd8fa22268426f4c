import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, describe, expect, it, vi } from "vitest";
import { openDatabase } from "./database.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cascade-wal-sync-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("a commit on a PGlite data directory", () => {
  it("is reported only after the WAL segment holding it is fsynced", async () => {
    const database = await openDatabase({ engine: "pglite", dataDir: dir });
    const walDir = path.join(dir, "pgdata", "pg_wal");
    const fsynced: string[] = [];
    const open = vi.spyOn(fs, "openSync");
    const fsync = vi.spyOn(fs, "fsyncSync").mockImplementation((fd) => {
      const call = open.mock.calls[open.mock.results.findIndex((r) => r.value === fd)];
      fsynced.push(String(call?.[0]));
    });
    try {
      await sql`create table drill (n int)`.execute(database.db);
      await database.db
        .transaction()
        .execute((trx) => sql`insert into drill values (1)`.execute(trx));
      expect(fsynced.some((f) => path.dirname(f) === walDir)).toBe(true);
      fsynced.length = 0;
      await database.db
        .transaction()
        .execute((trx) => sql`insert into drill values (2)`.execute(trx));
      expect(fsynced.filter((f) => path.dirname(f) === walDir)).toHaveLength(1);
    } finally {
      fsync.mockRestore();
      open.mockRestore();
      await database.close();
    }
    const again = await openDatabase({ engine: "pglite", dataDir: dir });
    const { rows } = await sql<{ n: number }>`select n from drill order by n`.execute(again.db);
    expect(rows.map((r) => r.n)).toEqual([1, 2]);
    await again.close();
  });
});
