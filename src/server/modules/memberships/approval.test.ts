import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, TestClient } from "../../../../test/support/client.ts";
import { testEngine } from "../../../../test/support/engines.ts";
import { makeUser, signIn, type TestUser } from "../../../../test/support/factories.ts";
import {
  createClusterViaApi,
  createProgrammeYearViaApi,
  createSchoolViaApi,
  enrolViaApi,
  tokenOf,
} from "../../../../test/support/network.ts";
import { schoolWithStaff } from "../../../../test/support/school-fixture.ts";
import { createTestApp, type TestApp } from "../../../../test/support/test-app.ts";

interface Pending {
  id: string;
  userId: string;
  userName: string;
  role: string;
  schoolId: string;
  schoolName: string;
  grantedByName: string | null;
  canDecide: boolean;
}

const pendingOf = async (client: TestClient) =>
  json<{ items: Pending[] }>(await client.get("/api/memberships/pending")).items;

/** An administrator invites `email` to a school role and the invitation is accepted by `as`. */
async function grantByInvitation(
  inviter: TestClient,
  as: TestClient,
  email: string,
  schoolId: string,
  role = "school_leader",
) {
  const invited = await inviter.post("/api/invitations", {
    email,
    role,
    scopeType: "school",
    scopeId: schoolId,
  });
  expect(invited.statusCode).toBe(201);
  const accepted = await as.post("/api/invitations/accept", {
    token: tokenOf(json<{ url: string }>(invited).url),
  });
  expect(accepted.statusCode).toBe(201);
  return json<{ memberships: unknown[]; pendingMemberships: { scopeId: string }[] }>(accepted);
}

describe(`school roles granted by an administrator wait for approval [${testEngine()}]`, () => {
  let t: TestApp;
  let adaUser: TestUser;
  let ada: TestClient;
  let bea: TestClient;
  let school: Awaited<ReturnType<typeof schoolWithStaff>>;
  let otherSchool: Awaited<ReturnType<typeof schoolWithStaff>>;
  const outboxTo = async (email: string) =>
    t.deps.db
      .selectFrom("outbox")
      .select(["kind", "subject", "body", "user_id"])
      .where("to_email", "=", email)
      .execute();

  beforeAll(async () => {
    t = await createTestApp();
    adaUser = await makeUser(t, { name: "Ada Admin" });
    ada = await signIn(t, adaUser);
    bea = await signIn(t, await makeUser(t, { name: "Bea Admin" }));
    school = await schoolWithStaff(t);
    otherSchool = await schoolWithStaff(t);
  });
  afterAll(async () => t.close());

  it("an administrator who grants themselves a leader's role reads no pupils until a second administrator approves", async () => {
    const accepted = await grantByInvitation(ada, ada, adaUser.email, school.schoolId);
    expect(accepted.pendingMemberships.map((m) => m.scopeId)).toEqual([school.schoolId]);
    const me = json<{ memberships: { role: string }[]; pendingMemberships: unknown[] }>(
      await ada.get("/api/me"),
    );
    expect(me.memberships.map((m) => m.role)).toEqual(["network_admin"]);
    expect(me.pendingMemberships).toHaveLength(1);
    expect((await ada.get(`/api/schools/${school.schoolId}/pupils`)).statusCode).toBe(403);

    // The school's leader is told; the message names the person, never a pupil.
    const mail = await outboxTo(school.leaderUser.email);
    expect(mail).toHaveLength(1);
    expect(mail[0]?.kind).toBe("membership-approval");
    expect(mail[0]?.user_id).toBe(school.leaderUser.id);
    expect(mail[0]?.body).toContain("Ada Admin");

    // Ada cannot approve her own grant.
    const [pending] = await pendingOf(ada);
    expect(pending?.canDecide).toBe(false);
    const own = await ada.post(`/api/memberships/${pending?.id}/approve`, {});
    expect(own.statusCode).toBe(403);
    expect((await ada.get(`/api/schools/${school.schoolId}/pupils`)).statusCode).toBe(403);

    // Bea, a second administrator, approves; the audit row names who decided.
    const fromBea = await pendingOf(bea);
    expect(fromBea.map((p) => [p.userName, p.canDecide, p.grantedByName])).toEqual([
      ["Ada Admin", true, "Ada Admin"],
    ]);
    expect((await bea.post(`/api/memberships/${pending?.id}/approve`, {})).statusCode).toBe(204);
    expect((await ada.get(`/api/schools/${school.schoolId}/pupils`)).statusCode).toBe(200);
    const audit = await t.deps.db
      .selectFrom("audit_events")
      .select(["action", "actor_user_id"])
      .where("target_id", "=", pending?.id ?? "")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["membership.approved"]);
    expect(await pendingOf(bea)).toEqual([]);
    // Approved once: a second decision finds nothing.
    expect((await bea.post(`/api/memberships/${pending?.id}/approve`, {})).statusCode).toBe(404);
  });

  it("the school's own leader may approve; a leader of another school gets 404; staff get 403", async () => {
    const person = await makeUser(t, { role: null, name: "Nia Newcomer" });
    const nia = await signIn(t, person);
    await grantByInvitation(bea, nia, person.email, school.schoolId, "teacher");
    const [pending] = await pendingOf(school.leader);
    expect(pending?.userName).toBe("Nia Newcomer");
    expect(pending?.canDecide).toBe(true);
    expect((await nia.get(`/api/schools/${school.schoolId}/pupils`)).statusCode).toBe(403);

    expect(await pendingOf(otherSchool.leader)).toEqual([]);
    const elsewhere = await otherSchool.leader.post(`/api/memberships/${pending?.id}/approve`, {});
    expect(elsewhere.statusCode).toBe(404);
    expect((await school.teacher.get("/api/memberships/pending")).statusCode).toBe(403);
    expect(
      (await school.teacher.post(`/api/memberships/${pending?.id}/approve`, {})).statusCode,
    ).toBe(403);
    // The person it is for cannot approve it (they hold no role that could, and it is theirs).
    expect((await nia.post(`/api/memberships/${pending?.id}/approve`, {})).statusCode).toBe(403);

    expect(
      (await school.leader.post(`/api/memberships/${pending?.id}/approve`, {})).statusCode,
    ).toBe(204);
    expect((await nia.get(`/api/schools/${school.schoolId}/pupils`)).statusCode).toBe(200);
  });

  it("a rejected grant is gone, with its audit row", async () => {
    const person = await makeUser(t, { role: null, name: "Rex Rejected" });
    const rex = await signIn(t, person);
    await grantByInvitation(ada, rex, person.email, otherSchool.schoolId, "para_professional");
    const [pending] = await pendingOf(otherSchool.leader);
    expect(pending?.userName).toBe("Rex Rejected");
    expect((await bea.post(`/api/memberships/${pending?.id}/reject`, {})).statusCode).toBe(204);
    const left = await t.deps.db
      .selectFrom("memberships")
      .select("id")
      .where("user_id", "=", person.id)
      .execute();
    expect(left).toEqual([]);
    expect(
      json<{ pendingMemberships: unknown[] }>(await rex.get("/api/me")).pendingMemberships,
    ).toEqual([]);
    expect((await rex.get(`/api/schools/${otherSchool.schoolId}/pupils`)).statusCode).toBe(403);
    const audit = await t.deps.db
      .selectFrom("audit_events")
      .select("action")
      .where("target_id", "=", pending?.id ?? "")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["membership.rejected"]);
  });

  it("a school's first leader, with no leader to ask, is approved by a second administrator and the other administrators are told", async () => {
    const fresh = await createSchoolViaApi(ada, { name: "Fresh Fictional School" });
    const person = await makeUser(t, { role: null, name: "Fay First" });
    const fay = await signIn(t, person);
    const before = (await t.deps.db.selectFrom("outbox").select("id").execute()).length;
    await grantByInvitation(ada, fay, person.email, fresh.id);
    const told = await t.deps.db
      .selectFrom("outbox")
      .innerJoin("users", "users.id", "outbox.user_id")
      .select(["users.name", "outbox.kind"])
      .where("outbox.kind", "=", "membership-approval")
      .orderBy("outbox.created_at", "desc")
      .execute();
    expect((await t.deps.db.selectFrom("outbox").select("id").execute()).length).toBeGreaterThan(
      before,
    );
    expect(told.map((m) => m.name)).toContain("Bea Admin");
    const pending = (await pendingOf(bea)).find((p) => p.userName === "Fay First");
    expect((await ada.post(`/api/memberships/${pending?.id}/approve`, {})).statusCode).toBe(403);
    expect((await bea.post(`/api/memberships/${pending?.id}/approve`, {})).statusCode).toBe(204);
    expect((await fay.get(`/api/schools/${fresh.id}/pupils`)).statusCode).toBe(200);
  });

  it("through the team page: a leader's invitation opens at once, an administrator's waits", async () => {
    const { yearId } = await createProgrammeYearViaApi(ada);
    const cluster = await createClusterViaApi(ada, yearId, school.schoolId, "lead@approval.test");
    const enrolment = await enrolViaApi(ada, school.schoolId, cluster.id);
    const viaTeam = async (inviter: TestClient, email: string, name: string) => {
      const invited = await inviter.post(`/api/enrolments/${enrolment}/team`, {
        email,
        teamRole: "teacher",
        subject: "maths",
      });
      expect(invited.statusCode).toBe(201);
      const accepted = await new TestClient(t.app).post("/api/invitations/accept", {
        token: tokenOf(json<{ url: string }>(invited).url),
        name,
        password: "marble kitten harvest",
      });
      expect(accepted.statusCode).toBe(201);
      return json<{ memberships: { role: string }[]; pendingMemberships: unknown[] }>(accepted);
    };
    const byLeader = await viaTeam(school.leader, "by-leader@approval.test", "Lee Byleader");
    expect(byLeader.memberships.map((m) => m.role)).toEqual(["teacher"]);
    expect(byLeader.pendingMemberships).toEqual([]);
    // Bea leads no school (Ada now leads this one, so her invitations open at once too).
    const byAdmin = await viaTeam(bea, "by-admin@approval.test", "Abe Byadmin");
    expect(byAdmin.memberships).toEqual([]);
    expect(byAdmin.pendingMemberships).toHaveLength(1);
    const teamBefore = json<{ members: { name: string; awaitingApproval: boolean }[] }>(
      await school.leader.get(`/api/enrolments/${enrolment}/team`),
    );
    // The team page shows Abe as waiting; elsewhere (registers, dashboards) he is not on the team.
    expect(teamBefore.members.filter((m) => m.awaitingApproval).map((m) => m.name)).toEqual([
      "Abe Byadmin",
    ]);
    const rejected = (await pendingOf(school.leader)).find((p) => p.role === "teacher");
    expect(
      (await school.leader.post(`/api/memberships/${rejected?.id}/reject`, {})).statusCode,
    ).toBe(204);
    // Rejecting takes the team place that came with it too.
    const team = json<{ members: { name: string }[] }>(
      await school.leader.get(`/api/enrolments/${enrolment}/team`),
    );
    expect(team.members.map((m) => m.name)).toContain("Lee Byleader");
    expect(team.members.map((m) => m.name)).not.toContain("Abe Byadmin");
  });
});
