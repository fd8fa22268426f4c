import { PDFParse } from "pdf-parse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, type TestClient } from "../../../../test/support/client.ts";
import { testEngine } from "../../../../test/support/engines.ts";
import {
  makeCluster,
  makeParticipants,
  makeReview,
  makeSchoolYear,
  makeStaff,
  makeStrategy,
  repeat,
  signIn,
} from "../../../../test/support/factories.ts";
import { createTestApp, type TestApp } from "../../../../test/support/test-app.ts";
import type { ClusterImpactReport, SchoolImpactReport } from "../../../contracts/impact.ts";

async function textOf(bytes: Buffer): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(bytes) });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}

describe(`impact reports: the school's and the cluster's [${testEngine()}]`, () => {
  let t: TestApp;
  let cluster: string;
  let school: string;
  let smallSchool: string;
  let schoolName: string;
  const clients = new Map<string, TestClient>();
  const as = (key: string): TestClient => {
    const client = clients.get(key);
    if (!client) throw new Error(key);
    return client;
  };

  beforeAll(async () => {
    t = await createTestApp();
    cluster = (await makeCluster(t)).id;
    const year = await makeSchoolYear(t, {
      clusterId: cluster,
      pupils: [
        ...repeat(15, { pupilPremium: true, inCohort: true }),
        ...repeat(4, { pupilPremium: true }),
        ...repeat(10, {}),
      ],
    });
    school = year.schoolId;
    schoolName = (
      await t.deps.db
        .selectFrom("schools")
        .select("name")
        .where("id", "=", school)
        .executeTakeFirstOrThrow()
    ).name;
    smallSchool = (
      await makeSchoolYear(t, {
        clusterId: cluster,
        pupils: [...repeat(3, { pupilPremium: true, inCohort: true }), ...repeat(8, {})],
      })
    ).schoolId;
    await makeSchoolYear(t, {
      clusterId: cluster,
      pupils: [...repeat(12, { pupilPremium: true, inCohort: true }), ...repeat(8, {})],
    });
    const leader = await makeStaff(t, { role: "school_leader", schoolId: school });
    const strategy = await makeStrategy(t, {
      schoolId: school,
      createdBy: leader.id,
      title: "Reading buddies",
    });
    await makeParticipants(t, { strategyId: strategy.id, pupilIds: year.cohort });
    await makeReview(t, {
      strategyId: strategy.id,
      authorId: leader.id,
      decision: "Carry on into the spring",
    });
    clients.set("leader", await signIn(t, leader));
    clients.set(
      "teacher",
      await signIn(t, await makeStaff(t, { role: "teacher", schoolId: school })),
    );
    clients.set(
      "para",
      await signIn(t, await makeStaff(t, { role: "para_professional", schoolId: school })),
    );
    clients.set(
      "other_teacher",
      await signIn(t, await makeStaff(t, { role: "teacher", schoolId: smallSchool })),
    );
    clients.set(
      "lead",
      await signIn(t, await makeStaff(t, { role: "programme_lead", clusterId: cluster })),
    );
    clients.set(
      "other_lead",
      await signIn(
        t,
        await makeStaff(t, { role: "programme_lead", clusterId: (await makeCluster(t)).id }),
      ),
    );
  });
  afterAll(async () => t.close());

  it("builds the school report: cohort, movement, change by group, gap, strategies and what next", async () => {
    const response = await as("teacher").get(`/api/schools/${school}/impact-report`);
    expect(response.statusCode).toBe(200);
    const report = json<SchoolImpactReport>(response);
    expect(report.school.name).toBe(schoolName);
    expect(report.cohort).toMatchObject({ size: 15, yearGroups: [{ yearGroup: "5", pupils: 15 }] });
    expect(report.period).toMatchObject({
      first: expect.stringContaining("Autumn 1"),
      latest: expect.stringContaining("Autumn 2"),
    });
    // The movement is counts: every cohort pupil is somewhere now, or missing.
    const now = report.movement.rows.reduce((n, r) => n + (r.now ?? 0), 0);
    expect(now + (report.movement.missing ?? 0)).toBe(15);
    const reading = report.measures.find((m) => m.cohort.n > 0);
    expect(reading?.cohort.n).toBe(15);
    expect(reading?.otherDisadvantaged.n).toBe(4);
    expect(reading?.nonDisadvantaged.n).toBe(10);
    expect(report.gaps.length).toBeGreaterThan(0);
    // The default values put disadvantaged pupils 2 below the others in every core subject.
    for (const g of report.gaps) for (const p of g.points) expect(p.gap).toBeGreaterThan(0);
    expect(report.strategies).toEqual([
      expect.objectContaining({
        title: "Reading buddies",
        participants: 15,
        decision: "Carry on into the spring",
        cascadeStage: "target_cohort",
      }),
    ]);
    expect(report.whatNext).toEqual({ text: "", updatedOn: null, canChange: false });
    // No pupil is named anywhere in it.
    const names = await t.deps.db
      .selectFrom("pupils")
      .select(["id", "legal_first_name", "upn"])
      .where("school_id", "=", school)
      .execute();
    for (const n of names) {
      expect(response.body).not.toContain(n.legal_first_name);
      expect(response.body).not.toContain(n.upn);
      expect(response.body).not.toContain(n.id);
    }
  });

  it("keeps what next to the school's leaders, and shows it to the team", async () => {
    const url = `/api/schools/${school}/impact-report/what-next`;
    expect((await as("teacher").put(url, { text: "Widen to year 4." })).statusCode).toBe(403);
    const bad = await as("leader").put(url, { text: "x".repeat(5001) });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("text");
    expect((await as("leader").put(url, { text: "Widen to year 4." })).statusCode).toBe(200);
    const report = json<SchoolImpactReport>(
      await as("teacher").get(`/api/schools/${school}/impact-report`),
    );
    expect(report.whatNext.text).toBe("Widen to year 4.");
    const cluster_ = await as("lead").get(`/api/clusters/${cluster}/impact-report`);
    expect(cluster_.body).not.toContain("Widen to year 4.");
    expect(cluster_.body).not.toContain("Reading buddies");
  });

  it("refuses the school report outside the school's team", async () => {
    expect((await as("other_teacher").get(`/api/schools/${school}/impact-report`)).statusCode).toBe(
      404,
    );
    expect(
      (await as("other_teacher").get(`/api/schools/${school}/impact-report.pdf`)).statusCode,
    ).toBe(404);
    expect((await as("para").get(`/api/schools/${school}/impact-report`)).statusCode).toBe(403);
    expect((await as("lead").get(`/api/schools/${school}/impact-report`)).statusCode).toBe(403);
    expect((await as("other_lead").get(`/api/clusters/${cluster}/impact-report`)).statusCode).toBe(
      404,
    );
    expect((await as("teacher").get(`/api/clusters/${cluster}/impact-report`)).statusCode).toBe(
      403,
    );
  });

  it("makes a PDF with the headline figures, and records the export", async () => {
    const before = await t.deps.db
      .selectFrom("audit_events")
      .select("id")
      .where("action", "=", "impact_report.exported")
      .execute();
    const response = await as("leader").get(`/api/schools/${school}/impact-report.pdf`);
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("application/pdf");
    expect(response.headers["content-disposition"]).toContain("impact-report-");
    const report = json<SchoolImpactReport>(
      await as("leader").get(`/api/schools/${school}/impact-report`),
    );
    const text = await textOf(response.rawPayload);
    expect(text).toContain(`Impact report: ${schoolName}`);
    expect(text).toContain("15 pupils in year 5 (15).");
    expect(text).toContain("Reading buddies");
    expect(text).toContain("Carry on into the spring");
    expect(text).toContain("Widen to year 4.");
    const gap = report.gaps[0]?.points.at(-1)?.gap;
    expect(gap).not.toBeNull();
    expect(text).toContain((gap ?? 0).toFixed(2));
    const after = await t.deps.db
      .selectFrom("audit_events")
      .select(["id", "target_id", "target_type"])
      .where("action", "=", "impact_report.exported")
      .execute();
    expect(after.length).toBe(before.length + 1);
    expect(after.at(-1)).toMatchObject({ target_type: "school", target_id: school });
  });

  it("gives the lead the cluster report: schools by label, small cohorts suppressed with their complement", async () => {
    const response = await as("lead").get(`/api/clusters/${cluster}/impact-report`);
    expect(response.statusCode).toBe(200);
    const report = json<ClusterImpactReport>(response);
    expect(report.schools).toHaveLength(3);
    // No school chose to be named: none appears by name.
    const schoolNames = await t.deps.db
      .selectFrom("enrolments")
      .innerJoin("schools", "schools.id", "enrolments.school_id")
      .select(["schools.name", "schools.short_code"])
      .where("enrolments.cluster_id", "=", cluster)
      .execute();
    for (const s of schoolNames) {
      expect(response.body).not.toContain(s.name);
      expect(response.body).not.toContain(`"${s.short_code}"`);
    }
    expect(report.schools.every((s) => !s.named)).toBe(true);
    // Cohorts of 15, 3 and 12: the 3 is hidden, and so is the 12, else 30 − 15 − 12 gives it back.
    expect(report.cohortSize).toBe(30);
    expect(report.schools.map((s) => s.cohortSize).sort()).toEqual([15, null, null]);
    // The small school's gap has 3 disadvantaged pupils: withheld.
    const hidden = report.schools.filter((s) => s.gaps.some((g) => g.suppressed));
    expect(hidden).toHaveLength(1);
    for (const g of hidden[0]?.gaps ?? []) expect(g.gap).toBeNull();
    for (const row of report.movement.rows)
      for (const n of [row.movedIn, row.movedOut, row.stayed, row.now])
        expect(n === null || n === 0 || n > 5).toBe(true);

    const pdf = await as("lead").get(`/api/clusters/${cluster}/impact-report.pdf`);
    expect(pdf.statusCode).toBe(200);
    const text = await textOf(pdf.rawPayload);
    expect(text).toContain("Cohort pupils across the cluster: 30.");
    for (const s of schoolNames) expect(text).not.toContain(s.name);
  });
});
