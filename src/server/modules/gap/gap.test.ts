import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestClient } from "../../../../test/support/client.ts";
import { json } from "../../../../test/support/client.ts";
import { testEngine } from "../../../../test/support/engines.ts";
import {
  makeCluster,
  makeSchoolYear,
  makeStaff,
  repeat,
  signIn,
} from "../../../../test/support/factories.ts";
import { createTestApp, type TestApp } from "../../../../test/support/test-app.ts";
import { computeGap } from "../../../domain/gap.ts";
import { definitionOf } from "../measures/store.ts";

interface GapOut {
  disadvantaged: {
    n: number | null;
    mean: number | null;
    sd: number | null;
    pctAtExpected: number | null;
  };
  other: { n: number | null; mean: number | null };
  gap: number | null;
  gapInSd: number | null;
  tooSmall: boolean;
  suppressed: boolean;
  trend: { name: string; gap: number | null }[];
  direction: string;
  measure: { key: string };
}

/**
 * Two schools of one cluster with the first two half-terms of data: a primary
 * with a small Year 3 (5 disadvantaged, 5 others: just too small) beside a
 * Year 4 of 6 and 6 (just big enough), and a secondary with a small Year 7
 * (5 and 10) beside a Year 8 of 6 and 6.
 */
describe(`the gap dashboard's figures [${testEngine()}]`, () => {
  let t: TestApp;
  const clients = new Map<string, TestClient>();
  const actor = (key: string) => {
    const client = clients.get(key);
    if (!client) throw new Error(key);
    return client;
  };
  const schools: Record<string, string> = {};
  const schoolId = (key: string) => schools[key] ?? "";
  beforeAll(async () => {
    t = await createTestApp();
    const cluster = (await makeCluster(t)).id;
    const group = (yearGroup: string, disadvantaged: number, other: number) => [
      ...repeat(disadvantaged, { yearGroup, pupilPremium: true }),
      ...repeat(other, { yearGroup }),
    ];
    schools["school-1"] = (
      await makeSchoolYear(t, {
        clusterId: cluster,
        pupils: [...group("3", 5, 5), ...group("4", 6, 6)],
      })
    ).schoolId;
    schools["school-2"] = (
      await makeSchoolYear(t, {
        clusterId: cluster,
        phase: "secondary",
        pupils: [...group("7", 5, 10), ...group("8", 6, 6)],
      })
    ).schoolId;
    for (const role of ["school_leader", "teacher"] as const)
      clients.set(
        role,
        await signIn(t, await makeStaff(t, { role, schoolId: schoolId("school-1") })),
      );
    clients.set(
      "programme_lead",
      await signIn(t, await makeStaff(t, { role: "programme_lead", clusterId: cluster })),
    );
  });
  afterAll(async () => t.close());

  it("matches the domain's computation on the stored values, for the school's own leader", async () => {
    const school = schoolId("school-1");
    const measure = await t.deps.db
      .selectFrom("measures")
      .selectAll()
      .where("school_id", "=", school)
      .where("key", "=", "reading-ta")
      .executeTakeFirstOrThrow();
    const point = await t.deps.db
      .selectFrom("assessment_points")
      .select(["id", "name"])
      .where("school_id", "=", school)
      .where("name", "=", "Autumn 2")
      .executeTakeFirstOrThrow();
    const response = await actor("school_leader").get(
      `/api/schools/${school}/gap?measureId=${measure.id}&assessmentPointId=${point.id}`,
    );
    expect(response.statusCode).toBe(200);
    const gap = json<GapOut>(response);

    const rows = await t.deps.db
      .selectFrom("observations")
      .innerJoin("pupils", "pupils.id", "observations.pupil_id")
      .select(["observations.value", "pupils.pupil_premium"])
      .where("observations.measure_id", "=", measure.id)
      .where("observations.assessment_point_id", "=", point.id)
      .execute();
    const expected = computeGap(
      rows.filter((r) => r.pupil_premium).map((r) => Number(r.value)),
      rows.filter((r) => !r.pupil_premium).map((r) => Number(r.value)),
      definitionOf(measure),
    );
    expect(gap.disadvantaged).toEqual(expected.disadvantaged);
    // By hand from the values made: at Autumn 2 the 11 disadvantaged pupils read at
    // 2, 1, 2, 1, 2 (Year 3) and 2, 1, 2, 1, 2, 1 (Year 4); the 11 others at 3 or 4.
    expect(gap.disadvantaged.n).toBe(11);
    expect(gap.disadvantaged.mean).toBeCloseTo(17 / 11, 2);
    expect(gap.other.n).toBe(11);
    expect(gap.other.mean).toBeCloseTo(38 / 11, 2);
    expect(gap.gap).toBe(expected.gap);
    expect(gap.suppressed).toBe(false);
    expect(gap.trend.map((p) => p.name)).toEqual([
      "Autumn 1",
      "Autumn 2",
      "Spring 1",
      "Spring 2",
      "Summer 1",
      "Summer 2",
    ]);
    expect(gap.trend.slice(2).every((p) => p.gap === null)).toBe(true);
  });

  it("filters by year group, marking groups under 6 as too small inside the school", async () => {
    const school = schoolId("school-1");
    const gap = json<GapOut>(await actor("teacher").get(`/api/schools/${school}/gap?yearGroup=3`));
    expect((gap.disadvantaged.n ?? 0) + (gap.other.n ?? 0)).toBeLessThanOrEqual(10);
    expect(gap.tooSmall).toBe(true);
    expect(gap.suppressed).toBe(false);
  });

  it("shows the programme lead the school's gap, suppressing groups of 5 or fewer", async () => {
    const school = schoolId("school-2");
    const whole = json<GapOut>(await actor("programme_lead").get(`/api/schools/${school}/gap`));
    expect(whole.disadvantaged.n).toBeGreaterThan(5);
    expect(whole.suppressed).toBe(false);
    const small = json<GapOut>(
      await actor("programme_lead").get(`/api/schools/${school}/gap?yearGroup=7`),
    );
    expect(small.suppressed).toBe(true);
    expect(small.disadvantaged).toEqual({ n: null, mean: null, sd: null, pctAtExpected: null });
    expect(small.other.n).toBeNull();
    expect(small.gap).toBeNull();
  });

  it("gives every measure's gap at a point in one overview", async () => {
    const school = schoolId("school-1");
    const overview = json<{
      rows: { measure: { key: string }; disadvantaged: { n: number | null } }[];
    }>(await actor("school_leader").get(`/api/schools/${school}/gap/overview`));
    const keys = overview.rows.map((r) => r.measure.key);
    expect(keys).toEqual(expect.arrayContaining(["reading-ta", "attendance", "theme-resilient"]));
    expect(
      overview.rows.find((r) => r.measure.key === "attendance")?.disadvantaged.n,
    ).toBeGreaterThan(0);
  });
});
