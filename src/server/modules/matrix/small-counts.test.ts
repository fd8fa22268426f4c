import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json } from "../../../../test/support/client.ts";
import { testEngine } from "../../../../test/support/engines.ts";
import { signIn } from "../../../../test/support/factories.ts";
import { createTestApp, type TestApp } from "../../../../test/support/test-app.ts";
import {
  type AccessWorld,
  buildAccessWorld,
  clusterId,
  enrolmentId,
} from "../../../../test/support/world.ts";
import type { Matrix } from "../../../contracts/cohort.ts";
import type { Progress } from "../../../contracts/programme-year.ts";
import { SUPPRESSION_REASON } from "../../../domain/suppression.ts";
import { addMembership } from "../users/store.ts";

const small = (n: number | null) => n !== null && n >= 1 && n <= 5;

describe(`counts of 1 to 5 pupils are not shown outside their school [${testEngine()}]`, () => {
  let t: TestApp;
  let world: AccessWorld;
  const as = (key: string) => {
    const a = world.actors.find((x) => x.key === key);
    if (!a) throw new Error(key);
    return a.client;
  };
  beforeAll(async () => {
    t = await createTestApp();
    world = await buildAccessWorld(t);
    // School 2's cohort shrinks to 3 pupils; school 4 has none.
    const keep = await t.deps.db
      .selectFrom("cohort_members")
      .select("id")
      .where("enrolment_id", "=", enrolmentId(world, "school-2"))
      .where("left_on", "is", null)
      .orderBy("id")
      .limit(3)
      .execute();
    await t.deps.db
      .updateTable("cohort_members")
      .set({ left_on: "2026-11-30", reason: "test" })
      .where("enrolment_id", "=", enrolmentId(world, "school-2"))
      .where(
        "id",
        "not in",
        keep.map((k) => k.id),
      )
      .execute();
    await t.deps.db
      .updateTable("cohort_members")
      .set({ left_on: "2026-11-30", reason: "test" })
      .where("enrolment_id", "=", enrolmentId(world, "school-4"))
      .execute();
  });
  afterAll(async () => t.close());

  it("hides a cohort of 1–5 in the cluster progress table from the programme lead and administrator", async () => {
    const cluster = clusterId(world, "cluster-north");
    for (const who of ["programme_lead", "network_admin"]) {
      const progress = json<Progress>(await as(who).get(`/api/clusters/${cluster}/progress`));
      const bySchool = new Map(progress.schools.map((s) => [s.enrolmentId, s.cohort]));
      expect(bySchool.get(enrolmentId(world, "school-2"))).toEqual({
        chosen: true,
        size: null,
        suppressed: true,
        suppressedReason: SUPPRESSION_REASON,
      });
      // No cohort is said as such; a full one is counted.
      expect(bySchool.get(enrolmentId(world, "school-4"))).toMatchObject({
        chosen: false,
        size: 0,
        suppressed: false,
      });
      expect(bySchool.get(enrolmentId(world, "school-1"))?.size).toBe(15);
      for (const cohort of bySchool.values()) expect(small(cohort.size)).toBe(false);
    }
  });

  it("shows a programme lead who also works at the school its own count", async () => {
    const lead = world.demo.userIds["lead-north"];
    if (!lead) throw new Error("no lead");
    await addMembership(t.deps.db, {
      userId: lead,
      role: "school_leader",
      scopeType: "school",
      scopeId: world.demo.schoolIds["school-2"] ?? null,
    });
    const user = world.actors.find((a) => a.key === "programme_lead")?.user;
    if (!user) throw new Error("no lead user");
    const client = await signIn(t, user);
    const progress = json<Progress>(
      await client.get(`/api/clusters/${clusterId(world, "cluster-north")}/progress`),
    );
    const own = progress.schools.find((s) => s.enrolmentId === enrolmentId(world, "school-2"));
    expect(own?.cohort).toMatchObject({ size: 3, suppressed: false, suppressedReason: null });
    await t.deps.db
      .deleteFrom("memberships")
      .where("user_id", "=", lead)
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
