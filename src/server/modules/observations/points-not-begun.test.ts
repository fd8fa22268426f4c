import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json } from "../../../../test/support/client.ts";
import { testEngine } from "../../../../test/support/engines.ts";
import { importFile, schoolWithStaff } from "../../../../test/support/school-fixture.ts";
import { createTestApp, type TestApp } from "../../../../test/support/test-app.ts";

interface Problem {
  status: number;
  detail: string;
  errors: { field?: string; row?: number; column?: string; message: string }[];
}

const UPN = "K881432119001";
const pupils = `UPN,Legal Forename,Legal Surname,DOB,Year\r\n${UPN},Ada,Fictional,01/09/2015,Y5\r\n`;

/** Issue 12, item 2: values for a point that has not begun are refused until a leader opens it. */
describe(`values for an assessment point that has not begun [${testEngine()}]`, () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof schoolWithStaff>>;
  let pupilId: string;
  let measureId: string;
  const point = (name: string) => s.points.find((p) => p.name === name)?.id ?? "";
  const write = (pointName: string, value: string | null) =>
    s.teacher.put("/api/observations", {
      observations: [{ pupilId, measureId, assessmentPointId: point(pointName), value }],
    });
  const stored = () =>
    t.deps.db
      .selectFrom("observations")
      .select(["assessment_point_id", "value"])
      .where("pupil_id", "=", pupilId)
      .execute();

  beforeAll(async () => {
    t = await createTestApp();
    // 1 Dec 2026 in London: Autumn 2 has begun; Spring 1 begins on 5 Jan 2027.
    t.clock.advance(Date.parse("2026-12-01T09:00:00Z") - t.clock.now().getTime());
    s = await schoolWithStaff(t, "primary");
    expect((await importFile(s.leader, s.schoolId, "pupils", pupils)).statusCode).toBe(201);
    pupilId = (
      await t.deps.db
        .selectFrom("pupils")
        .select("id")
        .where("school_id", "=", s.schoolId)
        .executeTakeFirstOrThrow()
    ).id;
    measureId = (
      await t.deps.db
        .selectFrom("measures")
        .select("id")
        .where("school_id", "=", s.schoolId)
        .where("key", "=", "theme-resilient")
        .executeTakeFirstOrThrow()
    ).id;
  });
  afterAll(async () => t.close());

  it("refuses a grid value for Spring 1 on 1 December, naming the point and its start", async () => {
    const response = await write("Spring 1", "4");
    expect(response.statusCode).toBe(409);
    const problem = json<Problem>(response);
    expect(problem.errors).toEqual([
      {
        field: "observations.0.assessmentPointId",
        message:
          "Spring 1 2026/27 begins on 5 Jan 2027: values for it can be recorded from that day, or a school leader can open it early on the measures page.",
      },
    ]);
    expect(await stored()).toEqual([]);
    expect((await write("Autumn 2", "4")).statusCode).toBe(200);
  });

  it("refuses an import whose rows belong to a point that has not begun, storing nothing", async () => {
    const file = `UPN,Assessment Point,Resilient Learner\n${UPN},Autumn 2,3\n${UPN},Spring 1,4\n`;
    const preview = json<{ errors: Problem["errors"] }>(
      await importFile(s.leader, s.schoolId, "observations", file, {}, "a.csv", "imports/preview"),
    );
    expect(preview.errors).toEqual([
      expect.objectContaining({
        row: 3,
        column: "Assessment Point",
        message: expect.stringContaining("begins on 5 Jan 2027"),
      }),
    ]);
    const chosen = await importFile(
      s.leader,
      s.schoolId,
      "observations",
      `UPN,Resilient Learner\n${UPN},4\n`,
      {
        assessmentPointId: point("Spring 1"),
      },
    );
    expect(chosen.statusCode).toBe(422);
    const response = await importFile(s.leader, s.schoolId, "observations", file);
    expect(response.statusCode).toBe(422);
    const values = await stored();
    expect(values.map((v) => Number(v.value))).toEqual([4]);
  });

  it("lets only a school leader open a point early, recording who and when", async () => {
    const url = `/api/schools/${s.schoolId}/assessment-points/${point("Spring 1")}/open-early`;
    expect((await s.teacher.post(url)).statusCode).toBe(403);
    const opened = await s.leader.post(url);
    expect(opened.statusCode).toBe(200);
    expect(json(opened)).toMatchObject({
      name: "Spring 1",
      begun: false,
      openedEarly: { at: "2026-12-01T09:00:00.000Z", byName: "Lena Leader" },
    });
    expect((await s.leader.post(url)).statusCode).toBe(409);
    const begun = `/api/schools/${s.schoolId}/assessment-points/${point("Autumn 1")}/open-early`;
    expect((await s.leader.post(begun)).statusCode).toBe(409);
    const audit = await t.deps.db
      .selectFrom("audit_events")
      .select(["action", "actor_user_id"])
      .where("action", "=", "assessment_point.opened_early")
      .where("target_id", "=", point("Spring 1"))
      .execute();
    expect(audit).toEqual([
      { action: "assessment_point.opened_early", actor_user_id: s.leaderUser.id },
    ]);

    expect((await write("Spring 1", "5")).statusCode).toBe(200);
    // A value typed too early can always be cleared.
    expect((await write("Spring 1", null)).statusCode).toBe(200);
  });
});
