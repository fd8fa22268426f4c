import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, type TestClient } from "../../../../test/support/client.ts";
import { testEngine } from "../../../../test/support/engines.ts";
import {
  makeAssessmentPoints,
  makeEnrolment,
  makePupil,
  makeSchool,
  makeStaff,
  signIn,
} from "../../../../test/support/factories.ts";
import { createTestApp, type TestApp } from "../../../../test/support/test-app.ts";
import { measuresOfSchool } from "../measures/store.ts";

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
  let school: string;
  let points: Map<string, string>;
  const clients = new Map<string, TestClient>();
  const as = (key: string): TestClient => {
    const client = clients.get(key);
    if (!client) throw new Error(key);
    return client;
  };

  beforeAll(async () => {
    t = await createTestApp();
    // 1 Dec 2026, 09:00 London: Autumn 2 has begun, Spring 1 has not.
    t.clock.advance(Date.parse("2026-12-01T09:00:00Z") - t.clock.now().getTime());
    school = (await makeSchool(t)).id;
    // The cohort belongs to the school's enrolment in this year's programme.
    await makeEnrolment(t, { schoolId: school });
    points = (await makeAssessmentPoints(t, { schoolId: school, academicYear: "2026/27" })).ids;
    const leader = await makeStaff(t, { role: "school_leader", schoolId: school });
    const teacher = await makeStaff(t, { role: "teacher", schoolId: school });
    clients.set("school_leader", await signIn(t, leader));
    clients.set("teacher", await signIn(t, teacher));
    // Seven disadvantaged pupils and seven others, all working towards in reading at
    // both autumn points: enough in each group for the gap overview to show them.
    const pupils = [];
    for (let i = 0; i < 14; i += 1) {
      pupils.push(await makePupil(t, { schoolId: school, pupilPremium: i % 2 === 0 }));
    }
    const measures = await measuresOfSchool(t.deps.db, school);
    const reading = measures.find((m) => m.key === "reading-ta");
    if (!reading) throw new Error("no reading-ta measure");
    const saved = await as("school_leader").put("/api/observations", {
      observations: pupils.flatMap((p) =>
        ["Autumn 1", "Autumn 2"].map((name) => ({
          pupilId: p.id,
          measureId: reading.id,
          assessmentPointId: points.get(name) as string,
          value: "WTS",
        })),
      ),
    });
    expect(saved.statusCode, saved.body).toBe(200);
    // A single early value for Spring 1, as it could be written before points were guarded.
    const pupil = pupils.find((_, i) => i % 2 === 1);
    if (!pupil) throw new Error("no pupil");
    await t.deps.db
      .insertInto("observations")
      .values({
        pupil_id: pupil.id,
        measure_id: reading.id,
        assessment_point_id: points.get("Spring 1") as string,
        value: 4,
        recorded_by: teacher.id,
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

    const elsewhere = await makeAssessmentPoints(t, { academicYear: "2026/27" });
    const other = { id: elsewhere.ids.get("Autumn 1") as string };
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
