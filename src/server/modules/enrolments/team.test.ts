import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, TestClient } from "../../../../test/support/client.ts";
import { testEngine } from "../../../../test/support/engines.ts";
import { makeUser, signIn } from "../../../../test/support/factories.ts";
import {
  approvePendingViaApi,
  createClusterViaApi,
  createProgrammeYearViaApi,
  createSchoolViaApi,
  enrolViaApi,
  tokenOf,
} from "../../../../test/support/network.ts";
import { createTestApp, type TestApp } from "../../../../test/support/test-app.ts";

interface Team {
  members: { id: string; name: string; teamRole: string; subject: string | null }[];
  pendingInvitations: { id: string; email: string }[];
  composition: {
    meets: boolean;
    summary: string;
    items: { key: string; note: string | null; have: number }[];
  };
  canManage: boolean;
}

async function acceptAs(t: TestApp, url: string | undefined, name: string): Promise<TestClient> {
  const client = new TestClient(t.app);
  const response = await client.post("/api/invitations/accept", {
    token: tokenOf(url),
    name,
    password: "marble kitten harvest",
  });
  if (response.statusCode !== 201) throw new Error(response.body);
  return client;
}

describe(`school teams [${testEngine()}]`, () => {
  let t: TestApp;
  let admin: TestClient;
  let leader: TestClient;
  let enrolmentA: string;
  let enrolmentB: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await signIn(t, await makeUser(t));
    const { yearId } = await createProgrammeYearViaApi(admin);
    const schoolA = await createSchoolViaApi(admin, {
      name: "Alder Fictional Academy",
      phase: "secondary",
    });
    const schoolB = await createSchoolViaApi(admin, { name: "Birch Fictional Primary" });
    const cluster = await createClusterViaApi(admin, yearId, schoolA.id, "lead@network.test");
    enrolmentA = await enrolViaApi(admin, schoolA.id, cluster.id);
    enrolmentB = await enrolViaApi(admin, schoolB.id, cluster.id);
    await admin.post("/api/trios", {
      clusterId: cluster.id,
      name: "Alder Trio",
      leadSchoolId: schoolA.id,
      acceleratorSchoolIds: [schoolB.id],
    });
    const invited = json<{ url: string }>(
      await admin.post(`/api/enrolments/${enrolmentA}/team`, {
        email: "head@alder.test",
        teamRole: "leader",
      }),
    );
    leader = await acceptAs(t, invited.url, "Hana Head");
    // A leader invited by an administrator waits for a second administrator's approval.
    expect(await approvePendingViaApi(await signIn(t, await makeUser(t)))).toBe(1);
  });
  afterAll(async () => t.close());

  it("shows the leader their school's enrolment, cluster and trio, other schools by name", async () => {
    const dashboard = json<{
      schools: {
        school: { name: string };
        enrolments: { id: string; trio: { schools: { name: string }[] } | null }[];
      }[];
    }>(await leader.get("/api/dashboard"));
    expect(dashboard.schools.map((s) => s.school.name)).toEqual(["Alder Fictional Academy"]);
    expect(dashboard.schools[0]?.enrolments[0]?.trio?.schools.map((s) => s.name).sort()).toEqual([
      "Alder Fictional Academy",
      "Birch Fictional Primary",
    ]);
    const enrolment = json<{ cluster: { schools: { name: string }[] } }>(
      await leader.get(`/api/enrolments/${enrolmentA}`),
    );
    expect(enrolment.cluster.schools.map((s) => s.name)).toContain("Birch Fictional Primary");
  });

  it("checks the secondary team against the programme's guidance, warning without blocking", async () => {
    const team = json<Team>(await leader.get(`/api/enrolments/${enrolmentA}/team`));
    expect(team.canManage).toBe(true);
    expect(team.composition.meets).toBe(false);
    expect(team.members.map((m) => m.name)).toEqual(["Hana Head"]);

    const noSubject = await leader.post(`/api/enrolments/${enrolmentA}/team`, {
      email: "t1@alder.test",
      teamRole: "teacher",
    });
    expect(noSubject.statusCode).toBe(400);
    expect(json<{ errors: { field: string }[] }>(noSubject).errors[0]?.field).toBe("subject");
    const paraWithSubject = await leader.post(`/api/enrolments/${enrolmentA}/team`, {
      email: "p@alder.test",
      teamRole: "para_professional",
      subject: "maths",
    });
    expect(paraWithSubject.statusCode).toBe(400);

    for (const [email, subject] of [
      ["maths@alder.test", "maths"],
      ["science@alder.test", "science"],
    ] as const) {
      const invited = json<{ url: string }>(
        await leader.post(`/api/enrolments/${enrolmentA}/team`, {
          email,
          teamRole: "teacher",
          subject,
        }),
      );
      await acceptAs(t, invited.url, `Teacher of ${subject}`);
    }
    const after = json<Team>(await leader.get(`/api/enrolments/${enrolmentA}/team`));
    const teachers = after.composition.items.find((i) => i.key === "teachers");
    expect(teachers).toMatchObject({ have: 2, note: "2 of 3, English missing" });
    expect(after.composition.summary).toContain(
      "3 teachers including maths and English — 2 of 3, English missing",
    );
  });

  it("lets a teacher who accepts see the team and trio, but not manage it", async () => {
    const invited = json<{ url: string }>(
      await leader.post(`/api/enrolments/${enrolmentA}/team`, {
        email: "english@alder.test",
        teamRole: "teacher",
        subject: "english",
      }),
    );
    const teacher = await acceptAs(t, invited.url, "Tom Teacher");
    const team = json<Team>(await teacher.get(`/api/enrolments/${enrolmentA}/team`));
    expect(team.canManage).toBe(false);
    expect(team.pendingInvitations).toEqual([]);
    expect(team.members.map((m) => m.name)).toContain("Tom Teacher");
    expect(
      (
        await teacher.post(`/api/enrolments/${enrolmentA}/team`, {
          email: "x@alder.test",
          teamRole: "para_professional",
        })
      ).statusCode,
    ).toBe(403);
  });

  it("keeps a leader out of another school's team (404), and lists pending invitations for the leader", async () => {
    expect((await leader.get(`/api/enrolments/${enrolmentB}/team`)).statusCode).toBe(404);
    expect(
      (
        await leader.post(`/api/enrolments/${enrolmentB}/team`, {
          email: "x@birch.test",
          teamRole: "teacher",
        })
      ).statusCode,
    ).toBe(404);
    await leader.post(`/api/enrolments/${enrolmentA}/team`, {
      email: "para@alder.test",
      teamRole: "para_professional",
    });
    const team = json<Team>(await leader.get(`/api/enrolments/${enrolmentA}/team`));
    expect(team.pendingInvitations.map((i) => i.email)).toContain("para@alder.test");
    expect(
      (
        await leader.post(`/api/enrolments/${enrolmentA}/team`, {
          email: "maths@alder.test",
          teamRole: "teacher",
          subject: "maths",
        })
      ).statusCode,
    ).toBe(409);
  });

  it("removes a member: their role at the school ends with it", async () => {
    const team = json<Team>(await leader.get(`/api/enrolments/${enrolmentA}/team`));
    const tom = team.members.find((m) => m.name === "Tom Teacher");
    const tomClient = await signIn(t, {
      id: "",
      name: "",
      email: "english@alder.test",
      password: "marble kitten harvest",
    });
    expect((await leader.delete(`/api/enrolments/${enrolmentA}/team/${tom?.id}`)).statusCode).toBe(
      204,
    );
    expect((await leader.delete(`/api/enrolments/${enrolmentA}/team/${tom?.id}`)).statusCode).toBe(
      404,
    );
    const me = json<{ memberships: unknown[] }>(await tomClient.get("/api/me"));
    expect(me.memberships).toEqual([]);
    expect((await tomClient.get(`/api/enrolments/${enrolmentA}/team`)).statusCode).toBe(404);
    const self = team.members.find((m) => m.name === "Hana Head");
    expect((await leader.delete(`/api/enrolments/${enrolmentA}/team/${self?.id}`)).statusCode).toBe(
      409,
    );
    const audited = await t.deps.db
      .selectFrom("audit_events")
      .select("action")
      .where("action", "=", "team.member_removed")
      .execute();
    expect(audited).toHaveLength(1);
  });

  it("lets a leader withdraw a pending team invitation, so its link no longer works", async () => {
    const invited = json<{ url?: string }>(
      await leader.post(`/api/enrolments/${enrolmentA}/team`, {
        email: "withdrawn@alder.test",
        teamRole: "teacher",
        subject: "science",
      }),
    );
    const pending = json<Team>(await leader.get(`/api/enrolments/${enrolmentA}/team`));
    const invitation = pending.pendingInvitations.find((i) => i.email === "withdrawn@alder.test");
    expect(invitation).toBeDefined();
    const url = `/api/enrolments/${enrolmentA}/team-invitations/${invitation?.id}`;
    // Another school's leader, and the team's teachers, cannot.
    expect(
      (await leader.delete(`/api/enrolments/${enrolmentB}/team-invitations/${invitation?.id}`))
        .statusCode,
    ).toBe(404);
    expect((await leader.delete(url)).statusCode).toBe(204);
    expect((await leader.delete(url)).statusCode).toBe(404);
    const after = json<Team>(await leader.get(`/api/enrolments/${enrolmentA}/team`));
    expect(after.pendingInvitations.map((i) => i.email)).not.toContain("withdrawn@alder.test");
    const preview = await new TestClient(t.app).post("/api/invitations/preview", {
      token: tokenOf(invited.url),
    });
    expect(preview.statusCode).toBe(410);
    const audited = await t.deps.db
      .selectFrom("audit_events")
      .select("target_id")
      .where("action", "=", "invitation.withdrawn")
      .execute();
    expect(audited.map((a) => a.target_id)).toContain(invitation?.id);
  });
});
