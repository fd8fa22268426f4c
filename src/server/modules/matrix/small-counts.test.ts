import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestClient } from "../../../../test/support/client.ts";
import { json } from "../../../../test/support/client.ts";
import { testEngine } from "../../../../test/support/engines.ts";
import {
  makeCluster,
  makeCohort,
  makeSchoolYear,
  makeStaff,
  makeTrio,
  repeat,
  signIn,
  type TestUser,
} from "../../../../test/support/factories.ts";
import { createTestApp, type TestApp } from "../../../../test/support/test-app.ts";
import type { Matrix } from "../../../contracts/cohort.ts";
import type { Progress } from "../../../contracts/programme-year.ts";
import { SUPPRESSION_REASON } from "../../../domain/suppression.ts";
import { addMembership } from "../users/store.ts";

const small = (n: number | null) => n !== null && n >= 1 && n <= 5;

/**
 * A cluster of four schools: the first three a trio, the first with a cohort
 * of 15, the second's cut to 3, the third's 15; the fourth's cohort emptied.
 * The teacher works at the first; the programme lead leads the cluster.
 */
describe(`counts of 1 to 5 pupils are not shown outside their school [${testEngine()}]`, () => {
  let t: TestApp;
  const clients = new Map<string, TestClient>();
  const as = (key: string) => {
    const client = clients.get(key);
    if (!client) throw new Error(key);
    return client;
  };
  let cluster: string;
  let lead: TestUser;
  const enrolments: Record<string, string> = {};
  const schools: Record<string, string> = {};
  const enrolmentId = (key: string) => enrolments[key] ?? "";
  beforeAll(async () => {
    t = await createTestApp();
    cluster = (await makeCluster(t)).id;
    for (const key of ["school-1", "school-2", "school-3", "school-4"]) {
      const year = await makeSchoolYear(t, {
        clusterId: cluster,
        pupils: [...repeat(15, { pupilPremium: true, inCohort: true }), ...repeat(3, {})],
      });
      schools[key] = year.schoolId;
      enrolments[key] = year.enrolmentId;
      // School 2's cohort shrinks to 3 pupils; school 4's to none.
      if (key === "school-2")
        await makeCohort(t, { schoolId: year.schoolId, pupilIds: year.cohort.slice(0, 3) });
      if (key === "school-4") await makeCohort(t, { schoolId: year.schoolId, pupilIds: [] });
    }
    await makeTrio(t, {
      clusterId: cluster,
      schoolIds: [schools["school-1"] ?? "", schools["school-2"] ?? "", schools["school-3"] ?? ""],
    });
    lead = await makeStaff(t, { role: "programme_lead", clusterId: cluster });
    clients.set("programme_lead", await signIn(t, lead));
    clients.set("network_admin", await signIn(t, await makeStaff(t, { role: "network_admin" })));
    clients.set(
      "teacher",
      await signIn(t, await makeStaff(t, { role: "teacher", schoolId: schools["school-1"] })),
    );
  });
  afterAll(async () => t.close());

  it("hides a cohort of 1–5 in the cluster progress table from the programme lead and administrator", async () => {
    for (const who of ["programme_lead", "network_admin"]) {
      const progress = json<Progress>(await as(who).get(`/api/clusters/${cluster}/progress`));
      const bySchool = new Map(progress.schools.map((s) => [s.enrolmentId, s.cohort]));
      expect(bySchool.get(enrolmentId("school-2"))).toEqual({
        chosen: true,
        size: null,
        suppressed: true,
        suppressedReason: SUPPRESSION_REASON,
      });
      // No cohort is said as such; a full one is counted.
      expect(bySchool.get(enrolmentId("school-4"))).toMatchObject({
        chosen: false,
        size: 0,
        suppressed: false,
      });
      expect(bySchool.get(enrolmentId("school-1"))?.size).toBe(15);
      for (const cohort of bySchool.values()) expect(small(cohort.size)).toBe(false);
    }
  });

  it("shows a programme lead who also works at the school its own count", async () => {
    await addMembership(t.deps.db, {
      userId: lead.id,
      role: "school_leader",
      scopeType: "school",
      scopeId: schools["school-2"] ?? null,
    });
    const client = await signIn(t, lead);
    const progress = json<Progress>(await client.get(`/api/clusters/${cluster}/progress`));
    const own = progress.schools.find((s) => s.enrolmentId === enrolmentId("school-2"));
    expect(own?.cohort).toMatchObject({ size: 3, suppressed: false, suppressedReason: null });
    await t.deps.db
      .deleteFrom("memberships")
      .where("user_id", "=", lead.id)
      .where("role", "=", "school_leader")
      .execute();
  });

  it("hides the matrix's per-quadrant summary of other schools where a count is 1–5, keeping the viewer's own", async () => {
    const matrix = json<Matrix>(await as("teacher").get("/api/matrix?view=trio"));
    const own = new Set(matrix.schools.filter((s) => s.own).map((s) => s.code));
    const others = matrix.summary.filter((r) => !own.has(r.schoolCode));
    const mine = matrix.summary.filter((r) => own.has(r.schoolCode));
    expect(others.length).toBeGreaterThan(0);
    expect(others.some((r) => r.suppressed)).toBe(true);
    for (const row of others) {
      const counts = [row.movedIn, row.movedOut, row.stayed, row.now];
      for (const n of counts) expect(small(n)).toBe(false);
      if (row.suppressed) {
        expect(counts).toEqual([null, null, null, null]);
        expect(row.suppressedReason).toBe(SUPPRESSION_REASON);
        // The whole school goes: no one quadrant can be worked out from the rest.
        for (const r of others.filter((x) => x.schoolCode === row.schoolCode))
          expect(r.suppressed).toBe(true);
      }
    }
    // Inside the viewer's own school every count stays.
    expect(mine.every((r) => !r.suppressed && r.now !== null)).toBe(true);
    expect(mine.some((r) => small(r.now) || small(r.stayed) || small(r.movedIn))).toBe(true);
    for (const s of matrix.schools) if (!s.own) expect(small(s.pupils)).toBe(false);
    for (const m of matrix.missing) if (!own.has(m.schoolCode)) expect(small(m.pupils)).toBe(false);
    // The school of 3 is not counted outside it.
    const lead = json<Matrix>(await as("programme_lead").get("/api/matrix?view=cluster"));
    expect(lead.schools.every((s) => !small(s.pupils))).toBe(true);
    expect(lead.schools.some((s) => s.pupils === null)).toBe(true);
    for (const row of lead.summary) expect(small(row.now)).toBe(false);
  });
});
