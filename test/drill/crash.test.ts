import { describe, expect, it } from "vitest";
import { describeDrill, runCrashDrill } from "../../bench/crash/drill.ts";
import { testEngine } from "../support/engines.ts";

/**
 * The crash drill's short form (issue #15 item 2; docs/crash-drill.md): the real server,
 * a few SIGKILLs while writes go through the API, and then every acknowledged write
 * must be in the database and every import whole or absent. `npm run drill:crash` is
 * the full drill (at least 20 kills on each engine).
 */
describe("the crash drill, short form", () => {
  it(`keeps every acknowledged write across SIGKILLs on ${testEngine()}`, async () => {
    const seed = Number(process.env.CRASH_DRILL_SEED ?? Math.floor(Math.random() * 2 ** 31));
    const result = await runCrashDrill({
      engine: testEngine(),
      seed,
      kills: 2,
      minAcknowledged: 5,
      upMs: [1500, 3000],
      concurrency: 4,
      postgresUrl: process.env.TEST_DATABASE_URL,
    });
    console.log(`[crash drill] ${describeDrill(result)}`);
    // Something was acknowledged, and the kills landed: the check below checks writes.
    expect(result.kills).toBeGreaterThanOrEqual(3);
    expect(result.acknowledged.total).toBeGreaterThanOrEqual(5);
    expect(result.lost).toEqual([]);
    expect(result.halfApplied).toEqual([]);
  }, 300_000);
});
