import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestClient } from "../../../test/support/client.ts";
import { json } from "../../../test/support/client.ts";
import { testEngine } from "../../../test/support/engines.ts";
import {
  makeAssessmentPoints,
  makeCohort,
  makeEnrolment,
  makeObservations,
  makeParticipants,
  makePupil,
  makeStaff,
  makeStrategy,
  makeTeamMember,
  signIn,
} from "../../../test/support/factories.ts";
import { createTestApp, type TestApp } from "../../../test/support/test-app.ts";

interface ListedPupil {
  id: string;
  pupilPremium: boolean | null;
  fsm: boolean | null;
  ever6Fsm: boolean | null;
  disadvantaged: boolean | null;
  lookedAfter: boolean;
  senStatus: string;
}

/**
 * Who sees the flags: on a fresh school with a confirmed target cohort of seven
 * disadvantaged pupils and five other pupils on roll, a para-professional on
 * the programme team, a teacher and a leader who are not.
 */
describe(`para-professionals see the pupils they work with [${testEngine()}]`, () => {
  let t: TestApp;
  let school: string;
  let cohort: Set<string>;
  let outsider: string; // a pupil of the school outside the cohort
  let strategyOfCohort: string; // a strategy the leader made, its participants the cohort
  let paraClient: TestClient;
  let teacherClient: TestClient;
  let leaderClient: TestClient;
  let paraUserId: string;
  const para = () => paraClient;
  const teacher = () => teacherClient;
  const leader = () => leaderClient;
  const paraId = () => paraUserId;
  const list = async (client = para()) =>
    json<{ items: ListedPupil[]; total: number }>(
      await client.get(`/api/schools/${school}/pupils?limit=500`),
    );
  const setAccess = (setting: string) =>
    t.deps.db
      .updateTable("schools")
      .set({ para_pupil_access: setting })
      .where("id", "=", school)
      .execute();

  beforeAll(async () => {
    t = await createTestApp();
    const enrolment = await makeEnrolment(t);
    school = enrolment.schoolId;
    const paraMember = await makeTeamMember(t, {
      enrolmentId: enrolment.id,
      role: "para_professional",
    });
    paraUserId = paraMember.user.id;
    const teacherUser = await makeStaff(t, { role: "teacher", schoolId: school });
    const leaderUser = await makeStaff(t, { role: "school_leader", schoolId: school });
    const disadvantaged = [];
    for (let i = 0; i < 7; i += 1)
      disadvantaged.push((await makePupil(t, { schoolId: school, pupilPremium: true })).id);
    const others = [];
    for (let i = 0; i < 5; i += 1) others.push((await makePupil(t, { schoolId: school })).id);
    await makeCohort(t, { schoolId: school, pupilIds: disadvantaged });
    cohort = new Set(disadvantaged);
    outsider = others[0] ?? "";
    // Two half-terms of data for everyone, so the matrix has the cohort to draw.
    const points = await makeAssessmentPoints(t, { schoolId: school });
    const begun = ["Autumn 1", "Autumn 2"].map((name) => points.ids.get(name) ?? "");
    await makeObservations(t, {
      schoolId: school,
      recordedBy: teacherUser.id,
      rows: [...disadvantaged, ...others].flatMap((pupilId, i) =>
        begun.map((pointId, p) => ({
          pupilId,
          pointId,
          values: {
            "reading-ta": 1 + ((i + p) % 4),
            "writing-ta": 1 + ((i + 2 * p) % 4),
            "maths-ta": 1 + ((2 * i + p) % 4),
            "theme-academically-competent": 1 + ((i + p) % 5),
            "theme-self-aware": 1 + ((i + 3 * p) % 5),
            "theme-resilient": 1 + ((3 * i + p) % 5),
          },
        })),
      ),
    });
    strategyOfCohort = (await makeStrategy(t, { schoolId: school, createdBy: leaderUser.id })).id;
    await makeParticipants(t, { strategyId: strategyOfCohort, pupilIds: disadvantaged });
    paraClient = await signIn(t, paraMember.user);
    teacherClient = await signIn(t, teacherUser);
    leaderClient = await signIn(t, leaderUser);
  });
  afterAll(async () => t.close());

  it("lists only the team's cohort to a para-professional, without pupil premium or FSM", async () => {
    expect(cohort.size).toBeGreaterThan(5);
    const seen = await list();
    expect(new Set(seen.items.map((p) => p.id))).toEqual(cohort);
    expect(seen.total).toBe(cohort.size);
    for (const p of seen.items) {
      expect([p.pupilPremium, p.fsm, p.ever6Fsm, p.disadvantaged]).toEqual([
        null,
        null,
        null,
        null,
      ]);
      expect(typeof p.lookedAfter).toBe("boolean");
      expect(["N", "K", "E"]).toContain(p.senStatus);
    }
    // A teacher sees the whole roll, flags and all.
    const all = await list(teacher());
    expect(all.total).toBeGreaterThan(cohort.size);
    expect(all.items.every((p) => typeof p.pupilPremium === "boolean")).toBe(true);
    expect(all.items.some((p) => p.disadvantaged === true)).toBe(true);
  });

  it("refuses a para-professional a filter on the withheld flag, and a search outside their pupils finds nothing", async () => {
    const filtered = await para().get(`/api/schools/${school}/pupils?disadvantaged=false`);
    expect(filtered.statusCode).toBe(403);
    const upn = (
      await t.deps.db
        .selectFrom("pupils")
        .select("upn")
        .where("id", "=", outsider)
        .executeTakeFirstOrThrow()
    ).upn;
    const found = json<{ total: number }>(
      await para().post(`/api/schools/${school}/pupils/search`, { search: upn }),
    );
    expect(found.total).toBe(0);
    const byTeacher = json<{ total: number }>(
      await teacher().post(`/api/schools/${school}/pupils/search`, { search: upn }),
    );
    expect(byTeacher.total).toBe(1);
  });

  it("opens a cohort pupil's record without the poverty flags, and answers 404 for anyone else's", async () => {
    const [inCohort] = [...cohort];
    const profile = await para().get(`/api/pupils/${inCohort}`);
    expect(profile.statusCode).toBe(200);
    expect(json<{ pupil: ListedPupil }>(profile).pupil).toMatchObject({
      pupilPremium: null,
      fsm: null,
      disadvantaged: null,
    });
    expect((await para().get(`/api/pupils/${outsider}`)).statusCode).toBe(404);
    expect((await teacher().get(`/api/pupils/${outsider}`)).statusCode).toBe(200);
  });

  it("gives a para-professional the data entry grid for their pupils, and refuses values for others", async () => {
    const point = await t.deps.db
      .selectFrom("assessment_points")
      .select("id")
      .where("school_id", "=", school)
      .orderBy("starts_on")
      .executeTakeFirstOrThrow();
    const measure = await t.deps.db
      .selectFrom("measures")
      .select("id")
      .where("school_id", "=", school)
      .where("key", "=", "theme-resilient")
      .executeTakeFirstOrThrow();
    const grid = json<{ pupils: { id: string; disadvantaged: boolean | null }[] }>(
      await para().get(`/api/schools/${school}/observations?assessmentPointId=${point.id}`),
    );
    expect(grid.pupils.length).toBeGreaterThan(0);
    expect(grid.pupils.every((p) => cohort.has(p.id) && p.disadvantaged === null)).toBe(true);

    const before = await t.deps.db
      .selectFrom("observations")
      .select(["value"])
      .where("pupil_id", "=", outsider)
      .where("measure_id", "=", measure.id)
      .where("assessment_point_id", "=", point.id)
      .executeTakeFirst();
    const [mine] = [...cohort];
    const refused = await para().put("/api/observations", {
      observations: [
        { pupilId: mine, measureId: measure.id, assessmentPointId: point.id, value: 2 },
        { pupilId: outsider, measureId: measure.id, assessmentPointId: point.id, value: 2 },
      ],
    });
    expect(refused.statusCode).toBe(404);
    const after = await t.deps.db
      .selectFrom("observations")
      .select(["value"])
      .where("pupil_id", "=", outsider)
      .where("measure_id", "=", measure.id)
      .where("assessment_point_id", "=", point.id)
      .executeTakeFirst();
    expect(after).toEqual(before);
    const saved = await para().put("/api/observations", {
      observations: [
        { pupilId: mine, measureId: measure.id, assessmentPointId: point.id, value: 2 },
      ],
    });
    expect(saved.statusCode, saved.body).toBe(200);
  });

  it("shows a para-professional on the team the cohort, but not the candidate finder", async () => {
    const read = await para().get(`/api/schools/${school}/cohort`);
    expect(read.statusCode).toBe(200);
    expect(
      new Set(json<{ members: { pupilId: string }[] }>(read).members.map((m) => m.pupilId)),
    ).toEqual(cohort);
    expect((await para().get(`/api/schools/${school}/cohort/candidates`)).statusCode).toBe(403);
    expect((await teacher().get(`/api/schools/${school}/cohort/candidates`)).statusCode).toBe(200);
  });

  it("adds the pupils of strategies the para-professional owns, and only theirs", async () => {
    const strategy = await t.deps.db
      .insertInto("strategies")
      .values({
        school_id: school,
        title: "Lunchtime reading",
        owner_user_id: paraId(),
        created_at: t.clock.now(),
        updated_at: t.clock.now(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const put = await leader().put(`/api/strategies/${strategy.id}/participants`, {
      pupilIds: [outsider],
    });
    expect(put.statusCode, put.body).toBe(200);
    try {
      const seen = new Set((await list()).items.map((p) => p.id));
      expect(seen).toEqual(new Set([...cohort, outsider]));
      expect((await para().get(`/api/pupils/${outsider}`)).statusCode).toBe(200);
      const detail = json<{
        participants: {
          pupilId: string;
          disadvantaged: boolean | null;
          inCohort: boolean | null;
        }[];
      }>(await para().get(`/api/strategies/${strategy.id}`));
      expect(detail.participants).toEqual([
        expect.objectContaining({ pupilId: outsider, disadvantaged: null, inCohort: false }),
      ]);
    } finally {
      await t.deps.db.deleteFrom("strategies").where("id", "=", strategy.id).execute();
    }
    // Once the strategy is gone, so is the pupil.
    expect((await para().get(`/api/pupils/${outsider}`)).statusCode).toBe(404);
  });

  it("shows a para-professional who is not on the team no cohort: refused, pseudonyms in the matrix", async () => {
    const team = await t.deps.db
      .deleteFrom("team_members")
      .where("user_id", "=", paraId())
      .returningAll()
      .execute();
    expect(team.length).toBe(1);
    try {
      expect((await list()).total).toBe(0);
      expect((await para().get(`/api/schools/${school}/cohort`)).statusCode).toBe(403);
      const matrix = json<{ dots: { own: boolean; label: string }[] }>(
        await para().get(`/api/matrix?view=school&schoolId=${school}`),
      );
      expect(matrix.dots.length).toBe(cohort.size);
      expect(matrix.dots.every((d) => !d.own)).toBe(true);
      // The leader's strategy's participants are the cohort: none named, and nothing says who is in it.
      const detail = json<{ participants: unknown[] }>(
        await para().get(`/api/strategies/${strategyOfCohort}`),
      );
      expect(detail.participants).toEqual([]);
    } finally {
      await t.deps.db.insertInto("team_members").values(team).execute();
    }
    const named = json<{ dots: { own: boolean }[] }>(
      await para().get(`/api/matrix?view=school&schoolId=${school}`),
    );
    expect(named.dots.every((d) => d.own)).toBe(true);
  });

  it("shows a para-professional the gap as outsiders see it, small groups suppressed", async () => {
    const overview = (client = para()) =>
      client
        .get(`/api/schools/${school}/gap/overview`)
        .then((r) => json<{ suppressed: boolean }>(r));
    expect((await overview()).suppressed).toBe(true);
    expect((await overview(teacher())).suppressed).toBe(false);
  });

  it("lets only a leader widen it to the whole school, audited, and narrow it again", async () => {
    const url = `/api/schools/${school}/para-access`;
    try {
      expect(json<{ setting: string; reader: unknown }>(await para().get(url))).toMatchObject({
        setting: "working",
        canChange: false,
        reader: { allPupils: false, povertyFlags: false },
      });
      expect((await teacher().put(url, { setting: "whole_school" })).statusCode).toBe(403);
      expect((await para().put(url, { setting: "whole_school" })).statusCode).toBe(403);
      const bad = await leader().put(url, { setting: "everyone" });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain("setting");
      expect((await list()).total).toBe(cohort.size);

      const widened = await leader().put(url, { setting: "whole_school" });
      expect(widened.statusCode, widened.body).toBe(200);
      const audit = await t.deps.db
        .selectFrom("audit_events")
        .select(["actor_user_id", "details"])
        .where("action", "=", "school.para_access_changed")
        .where("target_id", "=", school)
        .execute();
      expect(audit).toHaveLength(1);
      const wide = await list();
      expect(wide.total).toBe((await list(teacher())).total);
      expect(wide.items.every((p) => typeof p.disadvantaged === "boolean")).toBe(true);
      expect((await para().get(`/api/schools/${school}/cohort/candidates`)).statusCode).toBe(200);
      expect(json<{ reader: unknown }>(await para().get(url)).reader).toEqual({
        allPupils: true,
        povertyFlags: true,
      });

      expect((await leader().put(url, { setting: "working" })).statusCode).toBe(200);
      expect((await list()).total).toBe(cohort.size);
    } finally {
      await setAccess("working");
    }
  });
});
