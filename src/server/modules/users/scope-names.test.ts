import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testEngine } from "../../../../test/support/engines.ts";
import { makeCluster, makeSchool, makeUser } from "../../../../test/support/factories.ts";
import { createTestApp, type TestApp } from "../../../../test/support/test-app.ts";
import { createInvitation, listPendingInvitations } from "../invitations/store.ts";
import { addMembership, listMemberships, scopeName, scopeNamesOf } from "./store.ts";

/** Memberships and invitations name their scope through the one lookup. */
describe(`scope names of memberships and invitations [${testEngine()}]`, () => {
  let t: TestApp;
  let school: { id: string; name: string };
  let cluster: { id: string; name: string; year: string };

  beforeAll(async () => {
    t = await createTestApp();
    school = await makeSchool(t, { name: "Larkspur Primary" });
    const made = await makeCluster(t, { name: "Riverside" });
    const year = await t.deps.db
      .selectFrom("programme_years")
      .select("academic_year")
      .where("id", "=", made.programmeYearId)
      .executeTakeFirstOrThrow();
    cluster = { id: made.id, name: "Riverside", year: year.academic_year };
  });
  afterAll(() => t.close());

  it("names a membership's school, cluster (with its year) and the network", async () => {
    const user = await makeUser(t, { role: "network_admin" });
    await addMembership(t.deps.db, {
      userId: user.id,
      role: "teacher",
      scopeType: "school",
      scopeId: school.id,
    });
    await addMembership(t.deps.db, {
      userId: user.id,
      role: "programme_lead",
      scopeType: "cluster",
      scopeId: cluster.id,
    });
    expect((await listMemberships(t.deps.db, user.id)).map((m) => m.scopeName)).toEqual([
      "The network",
      "Larkspur Primary",
      `Riverside (${cluster.year})`,
    ]);
  });

  it("names a pending invitation's scope the same way", async () => {
    const inviter = await makeUser(t, { role: "network_admin" });
    for (const [scopeType, scopeId, role] of [
      ["school", school.id, "teacher"],
      ["cluster", cluster.id, "programme_lead"],
    ] as const) {
      await createInvitation(
        t.deps.db,
        { email: `invitee-${role}@school.test`, role, scopeType, scopeId, invitedBy: inviter.id },
        t.clock.now(),
      );
    }
    const names = (await listPendingInvitations(t.deps.db, t.clock.now())).map((i) => [
      i.email,
      i.scope_name,
    ]);
    expect(names).toEqual(
      expect.arrayContaining([
        ["invitee-teacher@school.test", "Larkspur Primary"],
        ["invitee-programme_lead@school.test", `Riverside (${cluster.year})`],
      ]),
    );
  });

  it("answers undefined for a school or cluster that does not exist", async () => {
    const missing = "00000000-0000-4000-8000-000000000000";
    const nameOf = await scopeNamesOf(t.deps.db, [
      { scope_type: "school", scope_id: missing },
      { scope_type: "cluster", scope_id: missing },
    ]);
    expect(nameOf({ scope_type: "school", scope_id: missing })).toBeUndefined();
    expect(nameOf({ scope_type: "cluster", scope_id: missing })).toBeUndefined();
    expect(await scopeName(t.deps.db, "school", school.id)).toBe("Larkspur Primary");
    expect(await scopeName(t.deps.db, "network", null)).toBe("The network");
  });
});
