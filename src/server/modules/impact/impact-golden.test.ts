import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, type TestClient } from "../../../../test/support/client.ts";
import { testEngine } from "../../../../test/support/engines.ts";
import { signIn } from "../../../../test/support/factories.ts";
import { createTestApp, type TestApp } from "../../../../test/support/test-app.ts";
import type { Cohort } from "../../../contracts/cohort.ts";
import type { SchoolImpactReport } from "../../../contracts/impact.ts";
import type { Gap } from "../../../contracts/pupil-data.ts";
import { type LoadedDemo, loadDemoNetwork } from "../demo/load-demo.ts";
import { measuresOfSchool } from "../measures/store.ts";

const PASSWORD = "demo password for the impact golden test";

/**
 * A golden test of the school impact report on the demo network at its fixed
 * seed (2026) and the test clock (23 November 2026): the demo leader's school's
 * headline figures, exactly. The one test file that loads the demo for the
 * impact report; the figures are also checked against the cohort and gap
 * routes, so a change in either shows here.
 */
describe(`impact report golden figures on the demo network [${testEngine()}]`, () => {
  let t: TestApp;
  let demo: LoadedDemo;
  let leader: TestClient;
  let school: string;
  let report: SchoolImpactReport;

  beforeAll(async () => {
    t = await createTestApp();
    demo = await t.deps.db
      .transaction()
      .execute((trx) =>
        loadDemoNetwork(trx, { now: t.clock.now(), password: PASSWORD, seed: 2026 }),
      );
    const person = demo.network.people.find((p) => p.key === "leader");
    const id = demo.userIds.leader;
    if (!person || !id) throw new Error("the demo has its leader");
    leader = await signIn(t, { id, email: person.email, name: person.name, password: PASSWORD });
    school = demo.schoolIds["school-1"] as string;
    const response = await leader.get(`/api/schools/${school}/impact-report`);
    expect(response.statusCode).toBe(200);
    report = json<SchoolImpactReport>(response);
  });
  afterAll(() => t.close());

  it("has the cohort the demo's seed gives, as the cohort page counts it", async () => {
    expect(report.period).toEqual({ first: "Autumn 1 2026/27", latest: "Autumn 2 2026/27" });
    expect(report.cohort.size).toBe(15);
    expect(report.cohort.yearGroups).toEqual([
      { yearGroup: "1", pupils: 3 },
      { yearGroup: "2", pupils: 3 },
      { yearGroup: "3", pupils: 3 },
      { yearGroup: "4", pupils: 2 },
      { yearGroup: "5", pupils: 4 },
    ]);
    const cohort = json<Cohort>(await leader.get(`/api/schools/${school}/cohort`));
    expect(cohort.members).toHaveLength(report.cohort.size);
  });

  it("has the movement across the matrix, in counts", () => {
    const byQuadrant = Object.fromEntries(
      report.movement.rows.map((r) => [r.quadrant, [r.movedIn, r.movedOut, r.stayed, r.now]]),
    );
    expect(byQuadrant).toEqual({
      thriving: [0, 0, 0, 0],
      "ready-to-learn": [2, 1, 0, 2],
      coasting: [0, 0, 0, 0],
      priority: [1, 2, 12, 13],
    });
    expect(report.movement.missing).toBe(0);
    // Every cohort pupil is somewhere at the latest point.
    expect(report.movement.rows.reduce((n, r) => n + (r.now ?? 0), 0)).toBe(report.cohort.size);
  });

  it("has the reading gap the gap dashboard shows", async () => {
    const reading = report.gaps.find((g) => g.measureName === "Reading (teacher assessment)");
    const latest = reading?.points.at(-1);
    // 131 over 48 other pupils against 101 over 42 disadvantaged pupils.
    expect(latest?.otherMean).toBeCloseTo(131 / 48, 12);
    expect(latest?.disadvantagedMean).toBeCloseTo(101 / 42, 12);
    expect(latest?.gap).toBeCloseTo(131 / 48 - 101 / 42, 12);
    expect(reading?.direction).toBe("stable");
    const measure = (await measuresOfSchool(t.deps.db, school)).find(
      (m) => m.name === "Reading (teacher assessment)",
    );
    const gap = json<Gap>(await leader.get(`/api/schools/${school}/gap?measureId=${measure?.id}`));
    expect(gap.trend.findLast((p) => p.gap !== null)?.gap).toBeCloseTo(latest?.gap ?? NaN, 12);
    // The cohort's change on reading, first to latest point.
    const change = report.measures.find((m) => m.measureName === "Reading (teacher assessment)");
    expect(change?.cohort.n).toBe(15);
    expect(change?.cohort.meanChange).toBeCloseTo(0.0667, 4);
  });
});
