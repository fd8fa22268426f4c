import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validateUpn } from "../src/domain/upn.ts";
import { json } from "./support/client.ts";
import { testEngine } from "./support/engines.ts";
import {
  makeAssessmentPoints,
  makeCluster,
  makeCohort,
  makeEnrolment,
  makeObservations,
  makeParticipants,
  makePupil,
  makeReview,
  makeSchool,
  makeSchoolYear,
  makeSharedStrategy,
  makeStaff,
  makeStrategy,
  makeTeamMember,
  makeTrio,
  repeat,
  signIn,
} from "./support/factories.ts";
import { createTestApp, type TestApp } from "./support/test-app.ts";

/** The fresh-tenant factories make their parents, through the real stores, and the app accepts what they make. */
describe(`test factories [${testEngine()}]`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it("a strategy on its own brings its school and a leader who can open it", async () => {
    const strategy = await makeStrategy(t, { title: "Pre-teaching vocabulary" });
    const leader = await makeStaff(t, { role: "school_leader", schoolId: strategy.schoolId });
    const response = await (await signIn(t, leader)).get(`/api/strategies/${strategy.id}`);
    expect(response.statusCode).toBe(200);
    expect(json<{ title: string }>(response).title).toBe("Pre-teaching vocabulary");
  });

  it("an enrolment brings a school, a cluster and the current programme year", async () => {
    const enrolment = await makeEnrolment(t);
    const again = await makeEnrolment(t, { clusterId: enrolment.clusterId });
    expect(again.programmeYearId).toBe(enrolment.programmeYearId);
    expect(again.schoolId).not.toBe(enrolment.schoolId);
    const row = await t.deps.db
      .selectFrom("enrolments")
      .select(["school_id", "cluster_id"])
      .where("id", "=", enrolment.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ school_id: enrolment.schoolId, cluster_id: enrolment.clusterId });
  });

  it("staff hold their role where they were made, and a programme lead gets a cluster", async () => {
    const school = await makeSchool(t);
    const teacher = await makeStaff(t, { role: "teacher", schoolId: school.id });
    expect(teacher.scopeId).toBe(school.id);
    const lead = await makeStaff(t, { role: "programme_lead" });
    const cluster = await t.deps.db
      .selectFrom("clusters")
      .select("id")
      .where("id", "=", lead.scopeId ?? "")
      .executeTakeFirst();
    expect(cluster?.id).toBe(lead.scopeId);
    const me = json<{ memberships: { role: string; scopeId: string | null }[] }>(
      await (await signIn(t, lead)).get("/api/me"),
    );
    expect(me.memberships).toEqual([
      expect.objectContaining({ role: "programme_lead", scopeId: lead.scopeId }),
    ]);
    const other = await makeCluster(t);
    expect(other.id).not.toBe(lead.scopeId);
  });

  it("pupils have valid, distinct UPNs and are on their school's roll", async () => {
    const school = await makeSchool(t);
    const a = await makePupil(t, { schoolId: school.id, pupilPremium: true });
    const b = await makePupil(t, { schoolId: school.id });
    expect(validateUpn(a.upn).ok).toBe(true);
    expect(a.upn).not.toBe(b.upn);
    const leader = await makeStaff(t, { role: "school_leader", schoolId: school.id });
    const list = json<{ items: { id: string; disadvantaged: boolean }[] }>(
      await (await signIn(t, leader)).get(`/api/schools/${school.id}/pupils`),
    );
    expect(list.items.map((p) => p.id).sort()).toEqual([a.id, b.id].sort());
  });

  it("every school made gets its own URN", async () => {
    const made = await Promise.all([makeSchool(t), makeSchool(t), makeSchool(t)]);
    expect(new Set(made.map((s) => s.urn)).size).toBe(3);
  });

  it("assessment points are the six half-terms of the year, at a school of their own", async () => {
    const made = await makeAssessmentPoints(t, { academicYear: "2026/27" });
    expect([...made.ids.keys()].sort()).toEqual(
      ["Autumn 1", "Autumn 2", "Spring 1", "Spring 2", "Summer 1", "Summer 2"].sort(),
    );
    const leader = await makeStaff(t, { role: "school_leader", schoolId: made.schoolId });
    const listed = json<{ items: { id: string; academicYear: string }[] }>(
      await (await signIn(t, leader)).get(`/api/schools/${made.schoolId}/assessment-points`),
    );
    expect(listed.items.map((p) => p.id).sort()).toEqual([...made.ids.values()].sort());
    expect(listed.items.every((p) => p.academicYear === "2026/27")).toBe(true);
  });

  it("a team member brings an enrolment and a person at its school, on its team", async () => {
    const leader = await makeTeamMember(t, { role: "school_leader" });
    const teacher = await makeTeamMember(t, { enrolmentId: leader.enrolmentId });
    const rows = await t.deps.db
      .selectFrom("team_members")
      .select(["user_id", "team_role"])
      .where("enrolment_id", "=", leader.enrolmentId)
      .orderBy("team_role")
      .execute();
    expect(rows).toEqual([
      { user_id: leader.user.id, team_role: "leader" },
      { user_id: teacher.user.id, team_role: "teacher" },
    ]);
  });

  it("observations are the values the data entry grid shows, by measure key", async () => {
    const points = await makeAssessmentPoints(t);
    const pupil = await makePupil(t, { schoolId: points.schoolId });
    const pointId = points.ids.get("Autumn 1") ?? "";
    const saved = await makeObservations(t, {
      schoolId: points.schoolId,
      rows: [{ pupilId: pupil.id, pointId, values: { "reading-ta": 2, "theme-resilient": 4 } }],
    });
    expect(saved).toBe(2);
    const leader = await makeStaff(t, { role: "school_leader", schoolId: points.schoolId });
    const grid = json<{
      measures: { id: string; key: string }[];
      values: { pupilId: string; measureId: string; value: number }[];
    }>(
      await (await signIn(t, leader)).get(
        `/api/schools/${points.schoolId}/observations?assessmentPointId=${pointId}`,
      ),
    );
    const keyOf = new Map(grid.measures.map((m) => [m.id, m.key]));
    expect(grid.values.map((v) => [v.pupilId, keyOf.get(v.measureId), v.value]).sort()).toEqual(
      [
        [pupil.id, "reading-ta", 2],
        [pupil.id, "theme-resilient", 4],
      ].sort(),
    );
    await expect(
      makeObservations(t, {
        schoolId: points.schoolId,
        rows: [{ pupilId: pupil.id, pointId, values: { "no-such-measure": 1 } }],
      }),
    ).rejects.toThrow("no-such-measure");
  });

  it("a cohort is confirmed on the school's enrolment, with pseudonyms, and a leader sees it", async () => {
    const enrolment = await makeEnrolment(t);
    const pupils = [
      await makePupil(t, { schoolId: enrolment.schoolId, pupilPremium: true }),
      await makePupil(t, { schoolId: enrolment.schoolId, pupilPremium: true }),
    ];
    await makePupil(t, { schoolId: enrolment.schoolId });
    const made = await makeCohort(t, {
      schoolId: enrolment.schoolId,
      pupilIds: pupils.map((p) => p.id),
    });
    expect(made.enrolmentId).toBe(enrolment.id);
    const leader = await makeStaff(t, { role: "school_leader", schoolId: enrolment.schoolId });
    const cohort = json<{
      members: { pupilId: string; pseudonym: string | null; joinedOn: string }[];
    }>(await (await signIn(t, leader)).get(`/api/schools/${enrolment.schoolId}/cohort`));
    expect(cohort.members.map((m) => m.pupilId).sort()).toEqual(pupils.map((p) => p.id).sort());
    expect(cohort.members.every((m) => /^[A-Z]{3}-\d{2,4}$/.test(m.pseudonym ?? ""))).toBe(true);
    // Two weeks into the programme year (it started before the test clock's date).
    expect(cohort.members.every((m) => m.joinedOn === "2026-09-15")).toBe(true);
    const unenrolled = await makePupil(t);
    await expect(
      makeCohort(t, { schoolId: unenrolled.schoolId, pupilIds: [unenrolled.id] }),
    ).rejects.toThrow("not enrolled");
  });

  it("a trio brings its cluster and three enrolled schools: the first leads", async () => {
    const trio = await makeTrio(t);
    const admin = await makeStaff(t, { role: "network_admin" });
    const cluster = json<{ trios: { id: string; schools: { id: string; trioRole: string }[] }[] }>(
      await (await signIn(t, admin)).get(`/api/clusters/${trio.clusterId}`),
    );
    expect(cluster.trios).toHaveLength(1);
    expect(cluster.trios[0]?.id).toBe(trio.id);
    expect(
      Object.fromEntries(cluster.trios[0]?.schools.map((s) => [s.id, s.trioRole]) ?? []),
    ).toEqual({
      [trio.schoolIds[0] ?? ""]: "lead",
      [trio.schoolIds[1] ?? ""]: "accelerator",
      [trio.schoolIds[2] ?? ""]: "accelerator",
    });
    // Schools already enrolled in the cluster are used as they are.
    const enrolment = await makeEnrolment(t);
    const other = await makeTrio(t, {
      clusterId: enrolment.clusterId,
      schoolIds: [enrolment.schoolId, (await makeSchool(t)).id],
    });
    expect(other.enrolmentIds[0]).toBe(enrolment.id);
    expect(other.enrolmentIds).toHaveLength(2);
  });

  it("a strategy's participants and reviews are what its page shows", async () => {
    const strategy = await makeStrategy(t);
    const pupils = [
      await makePupil(t, { schoolId: strategy.schoolId }),
      await makePupil(t, { schoolId: strategy.schoolId }),
    ];
    await makeParticipants(t, { strategyId: strategy.id, pupilIds: pupils.map((p) => p.id) });
    await makeReview(t, { strategyId: strategy.id, decision: "Carry on to Easter." });
    const leader = await makeStaff(t, { role: "school_leader", schoolId: strategy.schoolId });
    const detail = json<{
      participants: { pupilId: string }[];
      reviews: { decision: string; author: string | null }[];
    }>(await (await signIn(t, leader)).get(`/api/strategies/${strategy.id}`));
    expect(detail.participants.map((p) => p.pupilId).sort()).toEqual(
      pupils.map((p) => p.id).sort(),
    );
    expect(detail.reviews).toEqual([expect.objectContaining({ decision: "Carry on to Easter." })]);
    expect(detail.reviews[0]?.author).not.toBeNull();
    const stranger = await makePupil(t);
    await expect(
      makeParticipants(t, { strategyId: strategy.id, pupilIds: [stranger.id] }),
    ).rejects.toThrow();
  });

  it("a school's year brings its enrolment, pupils, values at the points begun and its cohort", async () => {
    const year = await makeSchoolYear(t, {
      pupils: [...repeat(2, { pupilPremium: true, inCohort: true }), { yearGroup: "6" }],
    });
    expect(year.pupilIds).toHaveLength(3);
    expect(year.cohort).toEqual(year.pupilIds.slice(0, 2));
    const rows = await t.deps.db
      .selectFrom("observations")
      .innerJoin("assessment_points", "assessment_points.id", "observations.assessment_point_id")
      .innerJoin("measures", "measures.id", "observations.measure_id")
      .select(["observations.pupil_id", "assessment_points.name", "measures.key", "value"])
      .where("assessment_points.school_id", "=", year.schoolId)
      .execute();
    // Seven measures for each of three pupils at the two points begun.
    expect(rows).toHaveLength(7 * 3 * 2);
    expect(new Set(rows.map((r) => r.name))).toEqual(new Set(["Autumn 1", "Autumn 2"]));
    const reading = (pupilId: string) =>
      rows.filter((r) => r.pupil_id === pupilId && r.key === "reading-ta").map((r) => r.value);
    // The disadvantaged are below expected (3) in reading, the others not.
    expect(reading(year.pupilIds[0] ?? "").every((v) => v < 3)).toBe(true);
    expect(reading(year.pupilIds[2] ?? "").every((v) => v >= 3)).toBe(true);
    const cohort = await t.deps.db
      .selectFrom("cohort_members")
      .select("pupil_id")
      .where("enrolment_id", "=", year.enrolmentId)
      .execute();
    expect(cohort.map((c) => c.pupil_id).sort()).toEqual([...year.cohort].sort());
  });

  it("a shared strategy is planned, takes its cohort and is on the evidence page; an unusable share throws", async () => {
    const pupils = [
      ...repeat(8, { pupilPremium: true, inCohort: true }),
      ...repeat(7, { pupilPremium: true }),
    ];
    const year = await makeSchoolYear(t, { pupils });
    const { strategyId } = await makeSharedStrategy(t, {
      year,
      strandKey: "oral-language-interventions",
    });
    const shared = await t.deps.db
      .selectFrom("shared_results")
      .select(["strategy_id", "strand_key", "n_t", "n_c", "comparison"])
      .where("school_id", "=", year.schoolId)
      .execute();
    expect(shared).toEqual([
      {
        strategy_id: strategyId,
        strand_key: "oral-language-interventions",
        n_t: 8,
        n_c: 7,
        comparison: "disadvantaged",
      },
    ]);
    const reader = await signIn(t, await makeStaff(t, { role: "teacher" }));
    const page = json<{ studies: { nParticipants: number | null }[] }>(
      await reader.get("/api/evidence?strand=oral-language-interventions"),
    );
    expect(page.studies.map((s) => s.nParticipants)).toEqual([8]);
    // Every pupil at 2 at both points: no variance, so the share is refused.
    const flat = await makeSchoolYear(t, { pupils, values: () => ({ "reading-ta": 2 }) });
    await expect(makeSharedStrategy(t, { year: flat })).rejects.toThrow(/not shared: 409/);
  });
});
