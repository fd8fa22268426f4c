import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, TestClient } from "../../../../test/support/client.ts";
import { testEngine } from "../../../../test/support/engines.ts";
import {
  type MadeEnrolment,
  makeCluster,
  makeEnrolment,
  makeSchool,
  makeStaff,
  makeTeamMember,
  makeUser,
  signIn,
  type TestUser,
} from "../../../../test/support/factories.ts";
import { createTestApp, type TestApp } from "../../../../test/support/test-app.ts";
import type { LeadWeek } from "../../../contracts/lead-week.ts";
import type { Action, Visit } from "../../../contracts/programme-year.ts";
import { addMembership } from "../users/store.ts";

/** The test clock starts on Monday 23 Nov 2026 (London). */
describe(`the programme lead's week [${testEngine()}]`, () => {
  let t: TestApp;
  /** The north cluster (its lead signed in) with school 1's team; school 6 is in the south cluster. */
  let north: { id: string; programmeYearId: string };
  let south: string;
  let school1: MadeEnrolment;
  let school6: MadeEnrolment;
  let leadUser: TestUser;
  const clients = new Map<string, TestClient>();
  const as = (key: string): TestClient => {
    const client = clients.get(key);
    if (!client) throw new Error(key);
    return client;
  };
  const weekOf = async (client = as("programme_lead")) => {
    const response = await client.get("/api/lead/week");
    expect(response.statusCode).toBe(200);
    return json<LeadWeek>(response);
  };
  /** Books a visit on a past day and writes its record with the actions agreed at it. */
  async function writtenVisit(
    enrolment: string,
    visitOn: string,
    agreedActions: { title: string; dueOn?: string }[],
  ): Promise<Visit> {
    const lead = as("programme_lead");
    const visit = json<Visit>(await lead.post("/api/visits", { enrolmentId: enrolment, visitOn }));
    const recorded = await lead.patch(`/api/visits/${visit.id}`, {
      strengths: "The team meets weekly.",
      agreedActions,
    });
    expect(recorded.statusCode).toBe(200);
    return json<Visit>(recorded);
  }

  beforeAll(async () => {
    t = await createTestApp();
    north = await makeCluster(t);
    south = (await makeCluster(t, { programmeYearId: north.programmeYearId })).id;
    school1 = await makeEnrolment(t, { clusterId: north.id });
    school6 = await makeEnrolment(t, { clusterId: south });
    leadUser = await makeStaff(t, { role: "programme_lead", clusterId: north.id });
    clients.set("programme_lead", await signIn(t, leadUser));
    for (const role of ["school_leader", "teacher", "para_professional"] as const) {
      const member = await makeTeamMember(t, { enrolmentId: school1.id, role });
      clients.set(role, await signIn(t, member.user));
    }
    clients.set("network_admin", await signIn(t, await makeStaff(t, { role: "network_admin" })));
    clients.set("no_role", await signIn(t, await makeUser(t, { role: null })));
    clients.set("signed_out", new TestClient(t.app));
    // The lead's visit to school 1 ten days ago agreed an action due three days ago,
    // and the school has not yet responded.
    await writtenVisit(school1.id, "2026-11-13", [
      { title: "Agree a date for the next data drop", dueOn: "2026-11-20" },
    ]);
  });
  afterAll(async () => t.close());

  it("is the programme lead's: 401 signed out, 403 for school staff and administrators", async () => {
    expect((await as("signed_out").get("/api/lead/week")).statusCode).toBe(401);
    for (const key of ["no_role", "network_admin", "school_leader", "teacher", "para_professional"])
      expect((await as(key).get("/api/lead/week")).statusCode, key).toBe(403);
  });

  it("lists a visit's overdue agreed actions and visits awaiting the school, most overdue first", async () => {
    const fresh = await makeEnrolment(t, { clusterId: north.id });
    const visit = await writtenVisit(fresh.id, "2026-11-09", [
      { title: "Re-run the autumn data drop", dueOn: "2026-11-16" },
      { title: "Book cover for the review", dueOn: "2026-11-23" },
      { title: "Decide the next cohort" },
    ]);
    // Booked but not written up, and not yet held: neither waits for the school.
    const lead = as("programme_lead");
    const unwritten = json<Visit>(
      await lead.post("/api/visits", { enrolmentId: fresh.id, visitOn: "2026-11-20" }),
    );
    const coming = json<Visit>(
      await lead.post("/api/visits", { enrolmentId: fresh.id, visitOn: "2026-11-27" }),
    );

    const week = await weekOf();
    expect(week.today).toBe("2026-11-23");
    expect(week.clusters.map((c) => c.id)).toEqual([north.id]);
    const freshActions = week.overdueVisitActions.filter((a) => a.school.id === fresh.schoolId);
    // Due today is not overdue yet; no due date is never overdue.
    expect(freshActions).toEqual([
      {
        id: visit.actions.find((a) => a.title === "Re-run the autumn data drop")?.id,
        title: "Re-run the autumn data drop",
        dueOn: "2026-11-16",
        daysOverdue: 7,
        status: "open",
        visit: { id: visit.id, visitOn: "2026-11-09" },
        school: expect.objectContaining({ id: fresh.schoolId }),
        cluster: { id: north.id, name: expect.any(String) },
      },
    ]);
    // The lead's visit to school 1 (ten days ago) agreed an action due three days ago.
    const earlier = week.overdueVisitActions.find(
      (a) => a.school.id === school1.schoolId && a.visit.visitOn === "2026-11-13",
    );
    expect(earlier).toMatchObject({ title: "Agree a date for the next data drop", daysOverdue: 3 });
    const days = week.overdueVisitActions.map((a) => a.daysOverdue);
    expect(days).toEqual([...days].sort((a, b) => b - a));

    const waiting = week.awaitingResponse.filter((v) => v.school.id === fresh.schoolId);
    expect(waiting).toEqual([
      expect.objectContaining({
        visitId: visit.id,
        visitOn: "2026-11-09",
        daysWaiting: 14,
        agreedActions: 3,
      }),
    ]);
    const ids = week.awaitingResponse.map((v) => v.visitId);
    expect(ids).not.toContain(unwritten.id);
    expect(ids).not.toContain(coming.id);
    expect(ids.indexOf(visit.id)).toBeLessThan(
      week.awaitingResponse.findIndex((v) => v.school.id === school1.schoolId),
    );
  });

  it("drops an action once the team marks it done, and a visit once its leader responds", async () => {
    const school1Id = school1.id;
    const visit = await writtenVisit(school1Id, "2026-11-10", [
      { title: "Send the lead the revised cohort list", dueOn: "2026-11-17" },
    ]);
    const actionId = visit.actions[0]?.id ?? "";
    const before = await weekOf();
    expect(before.overdueVisitActions.map((a) => a.id)).toContain(actionId);
    expect(before.awaitingResponse.map((v) => v.visitId)).toContain(visit.id);

    const leader = as("school_leader");
    const started = await leader.patch(`/api/actions/${actionId}`, { status: "in_progress" });
    expect(json<Action>(started).status).toBe("in_progress");
    expect((await weekOf()).overdueVisitActions.find((a) => a.id === actionId)?.status).toBe(
      "in_progress",
    );
    expect((await leader.patch(`/api/actions/${actionId}`, { status: "done" })).statusCode).toBe(
      200,
    );
    const responded = await leader.post(`/api/visits/${visit.id}/response`, {
      response: "The list went on Friday.",
    });
    expect(responded.statusCode).toBe(200);

    const after = await weekOf();
    expect(after.overdueVisitActions.map((a) => a.id)).not.toContain(actionId);
    expect(after.awaitingResponse.map((v) => v.visitId)).not.toContain(visit.id);
    // Everything else is as it was.
    expect(after.overdueVisitActions).toHaveLength(before.overdueVisitActions.length - 1);
    expect(after.awaitingResponse).toHaveLength(before.awaitingResponse.length - 1);
  });

  it("counts the team's own overdue actions and shows nothing the team typed in them", async () => {
    const school1Id = school1.id;
    const countOf = (week: LeadWeek) =>
      week.overdueTeamActions.find((s) => s.enrolmentId === school1Id);
    const before = countOf(await weekOf());
    const leader = as("school_leader");
    const me = json<{ id: string; name: string }>(await leader.get("/api/me"));
    const add = async (body: Record<string, unknown>) => {
      const response = await leader.post(`/api/enrolments/${school1Id}/actions`, body);
      expect(response.statusCode).toBe(201);
    };
    await add({
      title: "Ring the family of the pupil who moved house",
      notes: "Private: the family asked us not to share the new address.",
      ownerUserId: me.id,
      dueOn: "2026-11-18",
    });
    await add({ title: "Reprint the reading logs", dueOn: "2026-11-22" });
    await add({ title: "Already sorted", dueOn: "2026-11-02", status: "done" });
    await add({ title: "Due today", dueOn: "2026-11-23" });

    const response = await as("programme_lead").get("/api/lead/week");
    const after = countOf(json<LeadWeek>(response));
    expect(after?.count).toBe((before?.count ?? 0) + 2);
    const oldest = [before?.oldestDueOn ?? "9999-12-31", "2026-11-18"].sort()[0];
    expect(after?.oldestDueOn).toBe(oldest);
    expect(after?.daysOverdue).toBe(
      Math.round((Date.parse("2026-11-23") - Date.parse(oldest ?? "")) / 86_400_000),
    );
    expect(after?.school.id).toBe(school1.schoolId);
    for (const typed of ["Ring the family", "Reprint the reading logs", "new address", me.name])
      expect(response.body).not.toContain(typed);
  });

  it("covers only the clusters the caller leads, in this academic year", async () => {
    const db = t.deps.db;
    const now = t.clock.now();
    // An overdue visit action in the other cluster, and in a cluster the lead led last year.
    const southEnrolment = school6.id;
    const southVisit = await db
      .insertInto("school_visits")
      .values({
        enrolment_id: southEnrolment,
        visit_on: "2026-11-02",
        strengths: "Written up in the south.",
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("actions")
      .values({
        enrolment_id: southEnrolment,
        title: "A southern action",
        due_on: "2026-11-09",
        visit_id: southVisit.id,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const programme = await db
      .selectFrom("programme_years")
      .select("programme_id")
      .where("id", "=", north.programmeYearId)
      .executeTakeFirstOrThrow();
    const lastYear = await db
      .insertInto("programme_years")
      .values({
        programme_id: programme.programme_id,
        academic_year: "2025/26",
        starts_on: "2025-09-01",
        ends_on: "2026-08-31",
        created_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const oldSchool = (await makeSchool(t)).id;
    const oldCluster = await db
      .insertInto("clusters")
      .values({
        programme_year_id: lastYear.id,
        name: "Last year's cluster",
        facilitation_school_id: oldSchool,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const oldEnrolment = await db
      .insertInto("enrolments")
      .values({
        school_id: oldSchool,
        programme_year_id: lastYear.id,
        cluster_id: oldCluster.id,
        created_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const oldVisit = await db
      .insertInto("school_visits")
      .values({
        enrolment_id: oldEnrolment.id,
        visit_on: "2026-06-10",
        questions: "Written up last year.",
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("actions")
      .values({
        enrolment_id: oldEnrolment.id,
        title: "Last year's action",
        due_on: "2026-07-01",
        visit_id: oldVisit.id,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await addMembership(db, {
      userId: leadUser.id,
      role: "programme_lead",
      scopeType: "cluster",
      scopeId: oldCluster.id,
    });
    try {
      const response = await (await signIn(t, leadUser)).get("/api/lead/week");
      const week = json<LeadWeek>(response);
      expect(week.clusters.map((c) => c.id)).toEqual([north.id]);
      expect(week.overdueVisitActions.length).toBeGreaterThan(0);
      for (const item of [...week.overdueVisitActions, ...week.awaitingResponse])
        expect(item.cluster.id).toBe(north.id);
      for (const hidden of [school6.schoolId, oldSchool, southVisit.id, oldVisit.id])
        expect(response.body).not.toContain(hidden);

      // The south's own lead sees the south's.
      const southLead = await makeUser(t, {
        role: "programme_lead",
        scopeId: south,
      });
      const theirs = await weekOf(await signIn(t, southLead));
      expect(theirs.clusters.map((c) => c.id)).toEqual([south]);
      expect(theirs.awaitingResponse.map((v) => v.visitId)).toContain(southVisit.id);
      expect(theirs.overdueVisitActions.map((a) => a.title)).toContain("A southern action");
    } finally {
      await db
        .deleteFrom("memberships")
        .where("user_id", "=", leadUser.id)
        .where("scope_id", "=", oldCluster.id)
        .execute();
    }
  });
});
