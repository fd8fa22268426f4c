import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, TestClient } from "../../../../test/support/client.ts";
import { testEngine } from "../../../../test/support/engines.ts";
import {
  makeAssessmentPoints,
  makeCluster,
  makeEnrolment,
  makePupil,
  makeStaff,
  makeTeamMember,
  signIn,
  type TestUser,
} from "../../../../test/support/factories.ts";
import { multipartBody } from "../../../../test/support/multipart.ts";
import { createTestApp, type TestApp } from "../../../../test/support/test-app.ts";
import type {
  Action,
  PlanWorkshop,
  Progress,
  Visit,
  Workshop,
} from "../../../contracts/programme-year.ts";
import { measuresOfSchool } from "../measures/store.ts";

describe(`running the programme year [${testEngine()}]`, () => {
  let t: TestApp;
  let workshop: Workshop;
  /**
   * The north cluster: its lead, five enrolled schools with a leader on each team,
   * and at school 1 a teacher too. School 1 has assessment points, reading values
   * at the first two, a confirmed cohort of 15 and a visit with an overdue action.
   * The south cluster is another lead's.
   */
  let north: string;
  let south: string;
  let school1: string;
  const users = new Map<string, TestUser>();
  const clients = new Map<string, TestClient>();
  const as = (key: string): TestClient => {
    const client = clients.get(key);
    if (!client) throw new Error(key);
    return client;
  };
  beforeAll(async () => {
    t = await createTestApp();
    const cluster = await makeCluster(t);
    north = cluster.id;
    south = (await makeCluster(t, { programmeYearId: cluster.programmeYearId })).id;
    const first = await makeEnrolment(t, { clusterId: north });
    school1 = first.id;
    users.set("programme_lead", await makeStaff(t, { role: "programme_lead", clusterId: north }));
    for (const role of ["school_leader", "teacher"] as const) {
      users.set(role, (await makeTeamMember(t, { enrolmentId: school1, role })).user);
    }
    for (let i = 0; i < 4; i += 1) {
      const other = await makeEnrolment(t, { clusterId: north });
      await makeTeamMember(t, { enrolmentId: other.id, role: "school_leader" });
    }
    for (const [key, user] of users) clients.set(key, await signIn(t, user));

    const points = await makeAssessmentPoints(t, { schoolId: first.schoolId });
    const reading = (await measuresOfSchool(t.deps.db, first.schoolId)).find(
      (m) => m.key === "reading-ta",
    );
    if (!reading) throw new Error("no reading-ta measure");
    const pupils = [];
    for (let i = 0; i < 15; i += 1) pupils.push(await makePupil(t, { schoolId: first.schoolId }));
    const values = await as("school_leader").put("/api/observations", {
      observations: pupils.flatMap((p) =>
        ["Autumn 1", "Autumn 2"].map((name) => ({
          pupilId: p.id,
          measureId: reading.id,
          assessmentPointId: points.ids.get(name) as string,
          value: "EXS",
        })),
      ),
    });
    expect(values.statusCode, values.body).toBe(200);
    const cohort = await as("school_leader").put(`/api/schools/${first.schoolId}/cohort`, {
      pupilIds: pupils.map((p) => p.id),
    });
    expect(cohort.statusCode, cohort.body).toBe(200);

    // The lead visited school 1 ten days ago and agreed an action, now overdue, with nobody's name on it.
    const lead = as("programme_lead");
    const visit = json<Visit>(
      await lead.post("/api/visits", { enrolmentId: school1, visitOn: "2026-11-13" }),
    );
    const recorded = await lead.patch(`/api/visits/${visit.id}`, {
      strengths: "The team meets weekly.",
      agreedActions: [{ title: "Agree a date for the next data drop", dueOn: "2026-11-20" }],
    });
    expect(recorded.statusCode, recorded.body).toBe(200);
    // The cluster's own workshop from the plan's fourth session, already on 9 March.
    const fourth = await t.deps.db
      .selectFrom("programme_workshops")
      .select("id")
      .where("position", "=", 4)
      .executeTakeFirstOrThrow();
    const march = await lead.post("/api/workshops", {
      clusterId: north,
      planWorkshopId: fourth.id,
      date: "2027-03-09",
      startTime: "09:30",
      endTime: "15:30",
    });
    expect(march.statusCode, march.body).toBe(201);
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

  it("lets the programme lead schedule a workshop from the plan, in London time across BST", async () => {
    const plan = await t.deps.db
      .selectFrom("programme_workshops")
      .select(["id", "title"])
      .where("position", "=", 4)
      .executeTakeFirstOrThrow();
    const response = await as("programme_lead").post("/api/workshops", {
      clusterId: north,
      planWorkshopId: plan.id,
      date: "2027-03-30",
      startTime: "09:30",
      endTime: "15:30",
      onlineLink: "https://meet.example.org/abc",
    });
    expect(response.statusCode).toBe(201);
    workshop = json<Workshop>(response);
    expect(workshop.title).toBe(plan.title);
    expect(workshop.startsAt).toBe("2027-03-30T08:30:00.000Z"); // BST began on 28 March
    expect(workshop.theme).toBe("Self-Aware Learner");
    // The list carries the plan, so the lead can schedule from it: suggested dates and what is scheduled.
    const list = json<{ items: Workshop[]; plan: PlanWorkshop[] }>(
      await as("school_leader").get(`/api/clusters/${north}/workshops`),
    );
    expect(list.plan.map((p) => p.position)).toEqual([1, 2, 3, 4, 5, 6]);
    const fourth = list.plan.find((p) => p.id === plan.id);
    expect(fourth).toMatchObject({ title: plan.title, theme: "Self-Aware Learner", month: 3 });
    expect(fourth?.suggestedDate).toMatch(/^20\d\d-03-\d\d$/);
    expect(fourth?.scheduled).toBe(list.items.filter((w) => w.title === plan.title).length);
    const bad = await as("programme_lead").post("/api/workshops", {
      clusterId: north,
      title: "Backwards",
      date: "2027-03-30",
      startTime: "15:00",
      endTime: "09:00",
    });
    expect(bad.statusCode).toBe(400);
    expect(json<{ errors: { field: string }[] }>(bad).errors[0]?.field).toBe("endTime");
    expect(
      (
        await as("programme_lead").post("/api/workshops", {
          clusterId: south,
          title: "Not mine",
          date: "2027-03-30",
          startTime: "09:00",
          endTime: "10:00",
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await as("school_leader").post("/api/workshops", {
          clusterId: north,
          title: "Not mine",
          date: "2027-03-30",
          startTime: "09:00",
          endTime: "10:00",
        })
      ).statusCode,
    ).toBe(403);
  });

  it("attaches materials (a file up to 20 MB, or a link) and sets tasks for every team", async () => {
    const file = await as("programme_lead").upload(
      `/api/workshops/${workshop.id}/materials`,
      multipartBody(
        {
          filename: "slides.pdf",
          content: Buffer.from("%PDF-1.4 fictional"),
          type: "application/pdf",
        },
        { title: "Slides" },
      ),
    );
    expect(file.statusCode).toBe(201);
    const link = await as("programme_lead").post(`/api/workshops/${workshop.id}/materials`, {
      title: "EEF guidance",
      url: "https://example.org/metacognition",
    });
    expect(link.statusCode).toBe(201);
    const badLink = await as("programme_lead").post(`/api/workshops/${workshop.id}/materials`, {
      title: "Script",
      url: "javascript:alert(1)",
    });
    expect(badLink.statusCode).toBe(400);
    const tooBig = await as("programme_lead").upload(
      `/api/workshops/${workshop.id}/materials`,
      multipartBody({ filename: "big.bin", content: Buffer.alloc(21 * 1024 * 1024) }),
    );
    expect(tooBig.statusCode).toBe(413);
    const task = await as("programme_lead").post(`/api/workshops/${workshop.id}/tasks`, {
      kind: "follow_up",
      title: "Model thinking aloud in one lesson",
      dueOn: "2027-04-20",
    });
    const withAll = json<Workshop>(task);
    expect(withAll.materials.map((m) => m.title)).toEqual(["Slides", "EEF guidance"]);
    expect(withAll.tasks.map((x) => x.title)).toContain("Model thinking aloud in one lesson");
    const seen = json<Workshop>(await as("teacher").get(`/api/workshops/${workshop.id}`));
    expect(seen.canManage).toBe(false);
    const download = await as("teacher").get(
      `/api/workshop-materials/${seen.materials[0]?.id}/download`,
    );
    expect(download.statusCode).toBe(200);
    expect(download.body).toBe("%PDF-1.4 fictional");
    expect(download.headers["content-disposition"]).toContain("slides.pdf");
  });

  it("takes the register, and each team sees its own attendance only", async () => {
    const register = json<{ schools: { enrolmentId: string; members: { userId: string }[] }[] }>(
      await as("programme_lead").get(`/api/workshops/${workshop.id}/register`),
    );
    expect(register.schools).toHaveLength(5);
    const entries = register.schools.flatMap((s) =>
      s.members.map((m, i) => ({ userId: m.userId, status: i === 0 ? "apologies" : "present" })),
    );
    // The register opens on the workshop's day (30 March 2027).
    const taken = await onDay("2027-03-30T16:00:00Z", async (on) =>
      (await on("programme_lead")).put(`/api/workshops/${workshop.id}/register`, { entries }),
    );
    expect(taken.statusCode).toBe(200);
    const mine = json<{ schools: { schoolName: string; members: { status: string | null }[] }[] }>(
      await as("teacher").get(`/api/workshops/${workshop.id}/register`),
    );
    expect(mine.schools).toHaveLength(1);
    expect(mine.schools[0]?.members.every((m) => m.status !== null)).toBe(true);
    const stranger = await onDay("2027-03-30T16:00:00Z", async (on) =>
      (await on("programme_lead")).put(`/api/workshops/${workshop.id}/register`, {
        entries: [{ userId: crypto.randomUUID(), status: "present" }],
      }),
    );
    expect(stranger.statusCode).toBe(400);
  });

  it("turns a follow-up into the team's own action, and shows what is overdue", async () => {
    const task =
      workshop.tasks.find((x) => x.kind === "follow_up") ??
      json<Workshop>(await as("teacher").get(`/api/workshops/${workshop.id}`)).tasks.at(-1);
    const enrolment = school1;
    const created = await as("teacher").post(`/api/enrolments/${enrolment}/actions`, {
      title: "Model thinking aloud in Year 4",
      workshopTaskId: task?.id,
      dueOn: "2026-11-01",
      pupilGroup: "Target cohort",
    });
    expect(created.statusCode).toBe(201);
    const action = json<Action>(created);
    expect(action).toMatchObject({ overdue: true, pupilGroup: "Target cohort" });
    expect(action.workshopTask?.workshopTitle).toBe(workshop.title);
    expect(action.canEdit).toBe(true);
    const done = await as("teacher").patch(`/api/actions/${action.id}`, { status: "done" });
    expect(json<Action>(done)).toMatchObject({ status: "done", overdue: false });
    const list = json<{ items: Action[] }>(
      await as("school_leader").get(`/api/enrolments/${enrolment}/actions`),
    ).items;
    expect(list.some((a) => a.overdue)).toBe(true); // the overdue action from the visit
    expect(list.every((a) => a.canEdit)).toBe(true); // a leader changes any of the team's
    const teacherView = json<{ items: Action[] }>(
      await as("teacher").get(`/api/enrolments/${enrolment}/actions`),
    ).items;
    // The teacher changes what they created; not the visit's action nobody gave them.
    expect(teacherView.find((a) => a.id === action.id)?.canEdit).toBe(true);
    expect(teacherView.find((a) => a.visitId !== null)?.canEdit).toBe(false);
    expect(
      (await as("programme_lead").get(`/api/enrolments/${enrolment}/actions`)).statusCode,
    ).toBe(403);
  });

  it("books a visit, records it with agreed actions that join the team's list, and the school leader responds", async () => {
    const enrolment = school1;
    const booked = json<Visit>(
      await as("programme_lead").post("/api/visits", {
        enrolmentId: enrolment,
        visitOn: "2027-01-19",
      }),
    );
    // The visit's record and the response open on its day (19 January 2027).
    const recorded = await onDay("2027-01-19T15:00:00Z", async (on) =>
      (await on("programme_lead")).patch(`/api/visits/${booked.id}`, {
        strengths: "Clear roles in the team.",
        challenges: "Cohort data is patchy for Year 3.",
        questions: "What would tell you the strategy is working by March?",
        agreedActions: [{ title: "Fill the Year 3 data gaps", dueOn: "2027-02-01" }],
      }),
    );
    expect(json<Visit>(recorded).actions.map((a) => a.title)).toEqual([
      "Fill the Year 3 data gaps",
    ]);
    const actions = json<{ items: Action[] }>(
      await as("teacher").get(`/api/enrolments/${enrolment}/actions`),
    ).items;
    expect(actions.find((a) => a.title === "Fill the Year 3 data gaps")?.visitId).toBe(booked.id);
    expect(
      (await as("teacher").post(`/api/visits/${booked.id}/response`, { response: "x" })).statusCode,
    ).toBe(403);
    const responded = json<Visit>(
      await onDay("2027-01-20T09:00:00Z", async (on) =>
        (await on("school_leader")).post(`/api/visits/${booked.id}/response`, {
          response: "We will close the gaps by February.",
        }),
      ),
    );
    expect(responded.leaderResponse).toBe("We will close the gaps by February.");
    const again = json<Visit>(await as("programme_lead").get(`/api/visits/${booked.id}`));
    expect(again.leaderResponse).toBe("We will close the gaps by February.");
  });

  it("shows the lead each school's year at a glance, with counts and no pupils", async () => {
    const progress = json<Progress>(
      await as("programme_lead").get(`/api/clusters/${north}/progress`),
    );
    expect(progress.schools).toHaveLength(5);
    const first = progress.schools.find((s) => s.enrolmentId === school1);
    expect(first?.cohort).toEqual({
      chosen: true,
      size: 15,
      suppressed: false,
      suppressedReason: null,
    });
    expect(first?.tasks.done).toBeGreaterThanOrEqual(1);
    expect(first?.attendance.recorded).toBeGreaterThan(0);
    expect(first?.dataCollected.slice(0, 2)).toEqual([true, true]);
    expect(first?.lastVisit).not.toBeNull();
    expect(JSON.stringify(progress)).not.toMatch(/pupil/i);
  });

  it("puts the year on each person's calendar, and in an iCalendar feed that a library reads back", async () => {
    const calendar = json<{
      events: { kind: string; title: string; startsAt: string | null; date: string }[];
    }>(await as("teacher").get("/api/calendar"));
    const kinds = new Set(calendar.events.map((e) => e.kind));
    expect([...kinds].sort()).toEqual(["action", "assessment-point", "visit", "workshop"]);
    const next = json<{ events: { date: string }[]; today: string }>(
      await as("teacher").get("/api/calendar?upcoming=3"),
    );
    expect(next.events).toHaveLength(3);
    expect(next.events.every((e) => e.date >= next.today)).toBe(true);

    const feed = json<{ url: string }>(await as("teacher").post("/api/me/calendar-feed"));
    const path = new URL(feed.url).pathname;
    const ics = await new TestClient(t.app).get(path);
    expect(ics.statusCode).toBe(200);
    expect(ics.headers["content-type"]).toContain("text/calendar");
    const parsed = new ICAL.Component(ICAL.parse(ics.body));
    const events = parsed.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
    // The cluster's earlier workshop of that title is on 9 March (GMT); ours on 30 March (BST).
    const starts = events
      .filter((e) => e.summary === `Workshop: ${workshop.title}`)
      .map((e) => e.startDate.toJSDate().toISOString());
    expect(starts.sort()).toEqual(["2027-03-09T09:30:00.000Z", "2027-03-30T08:30:00.000Z"]);
    expect(events.some((e) => e.summary.startsWith("Data due: ") && e.startDate.isDate)).toBe(true);

    // Resetting the address ends the old one.
    await as("teacher").post("/api/me/calendar-feed");
    expect((await new TestClient(t.app).get(path)).statusCode).toBe(404);
  });
});
