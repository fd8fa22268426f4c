import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, TestClock } from "../../../test/support/test-app.ts";
import { verifyBackupFile } from "./format.ts";
import { runScheduledBackup, scheduledBackups } from "./schedule.ts";

const DAY = 24 * 60 * 60 * 1000;

describe("scheduled backups", () => {
  let t: TestApp;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cascade-scheduled-"));
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("takes one backup per London day by the app's clock, and keeps the newest N", async () => {
    // 23:30 UTC on 30 June is already 1 July in London (BST).
    const clock = new TestClock(Date.parse("2026-06-30T23:30:00Z"));
    const schedule = { dir, keep: 3 };
    const first = await runScheduledBackup(t.deps, schedule, clock);
    expect(first && path.basename(first)).toBe("cascade-2026-07-01-233000Z.cascade-backup");
    clock.advance(60 * 60 * 1000);
    expect(await runScheduledBackup(t.deps, schedule, clock)).toBeUndefined();
    for (let day = 0; day < 4; day += 1) {
      clock.advance(DAY);
      expect(await runScheduledBackup(t.deps, schedule, clock)).toBeDefined();
    }
    expect(scheduledBackups(dir)).toEqual([
      "cascade-2026-07-03-003000Z.cascade-backup",
      "cascade-2026-07-04-003000Z.cascade-backup",
      "cascade-2026-07-05-003000Z.cascade-backup",
    ]);
    const manifest = await verifyBackupFile(path.join(dir, scheduledBackups(dir)[2] ?? ""));
    expect(manifest.createdAt).toBe("2026-07-05T00:30:00.000Z");
  });
});
