import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, type TestClient } from "../../../../test/support/client.ts";
import { testEngine } from "../../../../test/support/engines.ts";
import {
  makeCluster,
  makeEnrolment,
  makeStaff,
  makeTeamMember,
  signIn,
  type TestUser,
} from "../../../../test/support/factories.ts";
import { createTestApp, type TestApp } from "../../../../test/support/test-app.ts";
import type { Progress, Visit, Workshop } from "../../../contracts/programme-year.ts";
import type { Strategy } from "../../../contracts/strategies.ts";

/** Records of an event open on its day; plans stay editable before it. The test clock starts on 23 Nov 2026. */
describe(`records open on the day of the event [${testEngine()}]`, () => {
  let t: TestApp;
  /** A cluster with a programme lead, and school 1 enrolled in it with a leader and a teacher on its team. */
  let north: string;
  let school1Id: string;
  let school1Enrolment: string;
  const users = new Map<string, TestUser>();
  const clients = new Map<string, TestClient>();
  const as = (key: string): TestClient => {
    const client = clients.get(key);
    if (!client) throw new Error(key);
    return client;
  };
  beforeAll(async () => {
    t = await createTestApp();
    north = (await makeCluster(t)).id;
    const enrolment = await makeEnrolment(t, { clusterId: north });
    school1Id = enrolment.schoolId;
    school1Enrolment = enrolment.id;
    users.set("programme_lead", await makeStaff(t, { role: "programme_lead", clusterId: north }));
    for (const role of ["school_leader", "teacher"] as const) {
      users.set(role, (await makeTeamMember(t, { enrolmentId: enrolment.id, role })).user);
    }
    for (const [key, user] of users) clients.set(key, await signIn(t, user));
    // The lead visited school 1 ten days ago.
    const earlier = await as("programme_lead").post("/api/visits", {
      enrolmentId: enrolment.id,
      visitOn: "2026-11-13",
    });
    expect(earlier.statusCode, earlier.body).toBe(201);
  });
  afterAll(async () => t.close());

  /**
   * Runs requests with the clock on a given instant, then puts the clock back.
   * Sessions do not survive a jump of weeks, so `on` signs the person in afresh then.
   */
  async function onDay<T>(
    instant: string,
    run: (on: (key: string) => Promise<TestClient>) => Promise<T>,
  ): Promise<T> {
    const by = Date.parse(instant) - t.clock.now().getTime();
    t.clock.advance(by);
    try {
      return await run(async (key) => {
        const user = users.get(key);
        if (!user) throw new Error(key);
        return signIn(
          t,
          user,
          `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
        );
      });
    } finally {
      t.clock.advance(-by);
    }
  }
  const problem = (r: Awaited<ReturnType<TestClient["get"]>>) => {
    expect(r.statusCode).toBe(409);
    expect(String(r.headers["content-type"])).toContain("application/problem+json");
    return json<{ detail: string; opensOn: string }>(r);
  };
  const progressOf = async (lead = as("programme_lead")) =>
    json<Progress>(await lead.get(`/api/clusters/${north}/progress`));

  it("refuses a workshop's register and summary before its day, keeps the plan editable, and counts only real registers", async () => {
    const lead = as("programme_lead");
    const workshop = json<Workshop>(
      await lead.post("/api/workshops", {
        clusterId: north,
        title: "January workshop",
        date: "2027-01-14",
        startTime: "09:30",
        endTime: "15:30",
      }),
    );
    const register = json<{ schools: { members: { userId: string }[] }[] }>(
      await lead.get(`/api/workshops/${workshop.id}/register`),
    );
    const entries = register.schools.flatMap((s) =>
      s.members.map((m) => ({ userId: m.userId, status: "present" })),
    );
    expect(entries.length).toBeGreaterThan(0);

    const early = problem(await lead.put(`/api/workshops/${workshop.id}/register`, { entries }));
    expect(early.detail).toBe("The register opens on 14 Jan 2027, the day of the workshop.");
    expect(early.opensOn).toBe("2027-01-14");
    const summary = problem(
      await lead.patch(`/api/workshops/${workshop.id}`, { summary: "It went well." }),
    );
    expect(summary.detail).toBe("The summary opens on 14 Jan 2027, the day of the workshop.");
    const marks = await t.deps.db
      .selectFrom("workshop_attendance")
      .select("user_id")
      .where("workshop_id", "=", workshop.id)
      .execute();
    expect(marks).toEqual([]);

    // The plan stays editable: title, venue and date.
    const moved = await lead.patch(`/api/workshops/${workshop.id}`, {
      title: "January workshop (moved)",
      venue: "Room 2",
      date: "2027-01-15",
    });
    expect(moved.statusCode).toBe(200);
    expect(json<Workshop>(moved).summary ?? "").toBe("");

    // Marks written early (as older versions allowed) are not counted as a register taken.
    const before = await progressOf();
    await t.deps.db
      .insertInto("workshop_attendance")
      .values({
        workshop_id: workshop.id,
        user_id: entries[0]?.userId ?? "",
        enrolment_id: school1Enrolment,
        status: "present",
        recorded_at: t.clock.now(),
      })
      .execute();
    const withEarly = await progressOf();
    expect(withEarly.workshops.find((w) => w.id === workshop.id)?.registerTaken).toBe(false);
    expect(withEarly.workshops.filter((w) => w.registerTaken)).toHaveLength(
      before.workshops.filter((w) => w.registerTaken).length,
    );
    const school1 = (p: Progress) => p.schools.find((s) => s.enrolmentId === school1Enrolment);
    expect(school1(withEarly)?.attendance).toEqual(school1(before)?.attendance);

    // On the day (08:00 GMT on 15 January) the register and summary open, and count.
    const onTheDay = await onDay("2027-01-15T08:00:00Z", async (on) => {
      const lead = await on("programme_lead");
      return {
        register: await lead.put(`/api/workshops/${workshop.id}/register`, { entries }),
        summary: await lead.patch(`/api/workshops/${workshop.id}`, { summary: "It went well." }),
        progress: await progressOf(lead),
      };
    });
    expect(onTheDay.register.statusCode).toBe(200);
    expect(onTheDay.summary.statusCode).toBe(200);
    expect(onTheDay.progress.workshops.find((w) => w.id === workshop.id)?.registerTaken).toBe(true);
    expect(school1(onTheDay.progress)?.attendance.recorded).toBeGreaterThan(
      school1(before)?.attendance.recorded ?? 0,
    );
  });

  it("opens a workshop's register at London midnight in summer time, not at midnight UTC", async () => {
    const lead = as("programme_lead");
    const workshop = json<Workshop>(
      await lead.post("/api/workshops", {
        clusterId: north,
        title: "June workshop",
        date: "2027-06-15",
        startTime: "09:30",
        endTime: "15:30",
      }),
    );
    const register = json<{ schools: { members: { userId: string }[] }[] }>(
      await lead.get(`/api/workshops/${workshop.id}/register`),
    );
    const entries = [{ userId: register.schools[0]?.members[0]?.userId ?? "", status: "present" }];
    // 22:59 UTC on 14 June is 23:59 BST: still the day before.
    const late = await onDay("2027-06-14T22:59:00Z", async (on) =>
      (await on("programme_lead")).put(`/api/workshops/${workshop.id}/register`, { entries }),
    );
    expect(problem(late).detail).toBe(
      "The register opens on 15 Jun 2027, the day of the workshop.",
    );
    // 23:30 UTC is 00:30 BST on 15 June: open.
    const open = await onDay("2027-06-14T23:30:00Z", async (on) =>
      (await on("programme_lead")).put(`/api/workshops/${workshop.id}/register`, { entries }),
    );
    expect(open.statusCode).toBe(200);
  });

  it("refuses a visit's record, agreed actions and the school's response before the visit, but lets the lead move it", async () => {
    const lead = as("programme_lead");
    const enrolment = school1Enrolment;
    const visit = json<Visit>(
      await lead.post("/api/visits", { enrolmentId: enrolment, visitOn: "2026-11-25" }),
    );
    const record = problem(
      await lead.patch(`/api/visits/${visit.id}`, { strengths: "Clear roles in the team." }),
    );
    expect(record.detail).toBe("The visit's record opens on 25 Nov 2026, the day of the visit.");
    expect(record.opensOn).toBe("2026-11-25");
    problem(
      await lead.patch(`/api/visits/${visit.id}`, {
        agreedActions: [{ title: "Fill the gaps", dueOn: "2027-01-10" }],
      }),
    );
    const response = problem(
      await as("school_leader").post(`/api/visits/${visit.id}/response`, {
        response: "We will close the gaps.",
      }),
    );
    expect(response.detail).toBe(
      "The school's response opens on 25 Nov 2026, the day of the visit.",
    );
    const stored = await t.deps.db
      .selectFrom("school_visits")
      .select(["strengths", "leader_response"])
      .where("id", "=", visit.id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ strengths: "", leader_response: null });
    expect(
      await t.deps.db.selectFrom("actions").select("id").where("visit_id", "=", visit.id).execute(),
    ).toEqual([]);
    // A booked visit is not yet the school's last visit on the progress page (the one ten days ago is).
    const school2 = (p: Progress) => p.schools.find((s) => s.enrolmentId === enrolment);
    const last = school2(await progressOf())?.lastVisit;
    expect(last).not.toBeNull();
    expect(String(last) < "2026-11-23").toBe(true);

    // The plan stays editable: the date moves.
    const moved = await lead.patch(`/api/visits/${visit.id}`, { visitOn: "2026-11-26" });
    expect(json<Visit>(moved).visitOn).toBe("2026-11-26");

    const onTheDay = await onDay("2026-11-26T14:00:00Z", async (on) => {
      const lead = await on("programme_lead");
      return {
        record: await lead.patch(`/api/visits/${visit.id}`, {
          strengths: "Clear roles in the team.",
          agreedActions: [{ title: "Fill the gaps", dueOn: "2027-01-10" }],
        }),
        response: await (await on("school_leader")).post(`/api/visits/${visit.id}/response`, {
          response: "We will close the gaps.",
        }),
        progress: await progressOf(lead),
      };
    });
    expect(onTheDay.record.statusCode).toBe(200);
    expect(json<Visit>(onTheDay.record).actions).toHaveLength(1);
    expect(json<Visit>(onTheDay.response).leaderResponse).toBe("We will close the gaps.");
    expect(school2(onTheDay.progress)?.lastVisit).toBe("2026-11-26");
  });

  it("refuses a PDSA review before the strategy starts, keeps the plan editable, and dates reviews within its run", async () => {
    const leader = as("school_leader");
    const strategy = json<Strategy>(
      await leader.post(`/api/schools/${school1Id}/strategies`, {
        title: "Spring reading buddies",
        startsOn: "2027-01-04",
      }),
    );
    const review = {
      reviewedOn: "2026-11-23",
      done: "Nothing yet.",
      dataShows: "Nothing yet.",
      decision: "Start in January.",
    };
    const early = problem(
      await as("teacher").post(`/api/strategies/${strategy.id}/reviews`, review),
    );
    expect(early.detail).toBe("Reviews open on 4 Jan 2027, the day the strategy starts.");
    expect(
      await t.deps.db
        .selectFrom("strategy_reviews")
        .select("id")
        .where("strategy_id", "=", strategy.id)
        .execute(),
    ).toEqual([]);
    const renamed = await leader.patch(`/api/strategies/${strategy.id}`, {
      version: strategy.version,
      title: "Spring reading partners",
    });
    expect(renamed.statusCode).toBe(200);

    const results = await onDay("2027-01-11T10:00:00Z", async (on) => {
      const teacher = await on("teacher");
      const post = (reviewedOn: string) =>
        teacher.post(`/api/strategies/${strategy.id}/reviews`, { ...review, reviewedOn });
      return {
        beforeStart: await post("2027-01-03"),
        future: await post("2027-01-12"),
        ok: await post("2027-01-11"),
      };
    });
    for (const bad of [results.beforeStart, results.future]) {
      expect(bad.statusCode).toBe(400);
      expect(json<{ errors: { field: string }[] }>(bad).errors[0]?.field).toBe("reviewedOn");
    }
    expect(results.ok.statusCode).toBe(201);
  });
});
