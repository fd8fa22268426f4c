import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json } from "../../../../test/support/client.ts";
import { testEngine } from "../../../../test/support/engines.ts";
import { createTestApp, type TestApp } from "../../../../test/support/test-app.ts";
import {
  type AccessWorld,
  buildAccessWorld,
  schoolId,
  shrinkYearGroup,
} from "../../../../test/support/world.ts";
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

describe(`the gap dashboard's figures [${testEngine()}]`, () => {
  let t: TestApp;
  let world: AccessWorld;
  const actor = (key: string) => {
    const a = world.actors.find((x) => x.key === key);
    if (!a) throw new Error(key);
    return a.client;
  };
  beforeAll(async () => {
    t = await createTestApp();
    world = await buildAccessWorld(t);
    // Two small year groups: school 1's Year 3 (3 disadvantaged, 4 others), school 2's Year 7 (3 and 10).
    await shrinkYearGroup(world, "school-1", "3", { disadvantaged: 3, other: 4, into: "4" });
    await shrinkYearGroup(world, "school-2", "7", { disadvantaged: 3, other: 10, into: "8" });
  });
  afterAll(async () => t.close());

  it("matches the domain's computation on the stored values, for the school's own leader", async () => {
    const school = schoolId(world, "school-1");
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
    const school = schoolId(world, "school-1");
    const gap = json<GapOut>(await actor("teacher").get(`/api/schools/${school}/gap?yearGroup=3`));
    expect((gap.disadvantaged.n ?? 0) + (gap.other.n ?? 0)).toBeLessThanOrEqual(10);
    expect(gap.tooSmall).toBe(true);
    expect(gap.suppressed).toBe(false);
  });

  it("shows the programme lead the school's gap, suppressing groups of 5 or fewer", async () => {
    const school = schoolId(world, "school-2");
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
    const school = schoolId(world, "school-1");
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
