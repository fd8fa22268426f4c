import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, type TestClient } from "../../../../test/support/client.ts";
import { testEngine } from "../../../../test/support/engines.ts";
import { createTestApp, type TestApp } from "../../../../test/support/test-app.ts";
import { type AccessWorld, buildAccessWorld, schoolId } from "../../../../test/support/world.ts";

interface Point {
  id: string;
  label: string;
  begun: boolean;
  pupilsWithData: number;
}
interface Candidates {
  latestPoint: Point | null;
  previousPoint: Point | null;
  pointChosenBy: string;
  points: Point[];
  candidates: { status: string; disadvantaged: boolean; reasons: { code: string }[] }[];
}

/**
 * One value typed early for a point that has not begun must not move the
 * candidate finder or the gap dashboard onto that point (issue 12, item 1).
 */
describe(`the point the finder and the gap page use by default [${testEngine()}]`, () => {
  let t: TestApp;
  let world: AccessWorld;
  let school: string;
  let points: Map<string, string>;
  const as = (key: string): TestClient => {
    const actor = world.actors.find((a) => a.key === key);
    if (!actor) throw new Error(key);
    return actor.client;
  };

  beforeAll(async () => {
    t = await createTestApp();
    // 1 Dec 2026, 09:00 London: Autumn 2 has begun, Spring 1 has not.
    t.clock.advance(Date.parse("2026-12-01T09:00:00Z") - t.clock.now().getTime());
    world = await buildAccessWorld(t);
    school = schoolId(world, "school-1");
    const rows = await t.deps.db
      .selectFrom("assessment_points")
      .select(["id", "name"])
      .where("school_id", "=", school)
      .where("academic_year", "=", "2026/27")
      .execute();
    points = new Map(rows.map((r) => [r.name, r.id]));
    // A single early value for Spring 1, as it could be written before points were guarded.
    const pupil = await t.deps.db
      .selectFrom("pupils")
      .select("id")
      .where("school_id", "=", school)
      .where("pupil_premium", "=", false)
      .executeTakeFirstOrThrow();
    const measure = await t.deps.db
      .selectFrom("measures")
      .select("id")
      .where("school_id", "=", school)
      .where("key", "=", "reading-ta")
      .executeTakeFirstOrThrow();
    await t.deps.db
      .insertInto("observations")
      .values({
        pupil_id: pupil.id,
        measure_id: measure.id,
        assessment_point_id: points.get("Spring 1") as string,
        value: 4,
        recorded_by: world.demo.userIds.teacher ?? null,
        recorded_at: t.clock.now(),
      })
      .execute();
  });
  afterAll(async () => t.close());

  it("ranks candidates at the latest begun, well-filled point and says so", async () => {
    const raw = await as("school_leader").get(`/api/schools/${school}/cohort/candidates`);
    expect(raw.statusCode, raw.body).toBe(200);
    const result = json<Candidates>(
      await as("school_leader").get(`/api/schools/${school}/cohort/candidates`),
    );
    expect(result.pointChosenBy).toBe("default");
    expect(result.latestPoint?.label).toBe("Autumn 2 2026/27");
    expect(result.previousPoint?.label).toBe("Autumn 1 2026/27");
    const spring = result.points.find((p) => p.label === "Spring 1 2026/27");
    expect(spring).toMatchObject({ begun: false, pupilsWithData: 1 });
    const held = result.candidates.filter((c) =>
      c.reasons.some((r) => r.code === "no-attainment-data"),
    ).length;
    expect(held).toBeLessThan(result.candidates.length / 2);
    const first = result.candidates.find((c) => c.status === "proposed");
    expect(first?.disadvantaged).toBe(true);
  });

  it("ranks at another point when asked, within the school only", async () => {
    const chosen = json<Candidates>(
      await as("teacher").get(
        `/api/schools/${school}/cohort/candidates?assessmentPointId=${points.get("Autumn 1")}`,
      ),
    );
    expect(chosen.pointChosenBy).toBe("request");
    expect(chosen.latestPoint?.label).toBe("Autumn 1 2026/27");
    expect(chosen.previousPoint).toBeNull();

    const other = await t.deps.db
      .selectFrom("assessment_points")
      .select("id")
      .where("school_id", "=", schoolId(world, "school-6"))
      .executeTakeFirstOrThrow();
    const outside = await as("teacher").get(
      `/api/schools/${school}/cohort/candidates?assessmentPointId=${other.id}`,
    );
    expect(outside.statusCode).toBe(404);
    const malformed = await as("teacher").get(
      `/api/schools/${school}/cohort/candidates?assessmentPointId=spring`,
    );
    expect(malformed.statusCode).toBe(400);
    expect(malformed.body).toContain("assessmentPointId");
  });

  it("defaults the gap page and its overview to the same point", async () => {
    const gap = json<{ assessmentPoint: { name: string }; pointChosenBy: string }>(
      await as("school_leader").get(`/api/schools/${school}/gap`),
    );
    expect(gap.assessmentPoint.name).toBe("Autumn 2");
    expect(gap.pointChosenBy).toBe("default");
    const overview = json<{
      assessmentPoint: { name: string } | null;
      rows: { tooSmall: boolean }[];
    }>(await as("school_leader").get(`/api/schools/${school}/gap/overview`));
    expect(overview.assessmentPoint?.name).toBe("Autumn 2");
    expect(overview.rows.some((r) => !r.tooSmall)).toBe(true);
    const spring = json<{ assessmentPoint: { name: string }; pointChosenBy: string }>(
      await as("school_leader").get(
        `/api/schools/${school}/gap?assessmentPointId=${points.get("Spring 1")}`,
      ),
    );
    expect(spring.assessmentPoint.name).toBe("Spring 1");
    expect(spring.pointChosenBy).toBe("request");
  });
});
