import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, type TestClient } from "../../../../test/support/client.ts";
import { testEngine } from "../../../../test/support/engines.ts";
import {
  type MadeStaff,
  makeCluster,
  makeEnrolment,
  makeStaff,
  makeTeamMember,
  signIn,
  type TestUser,
} from "../../../../test/support/factories.ts";
import { startSmtpPeer } from "../../../../test/support/smtp-peer.ts";
import { createTestApp, type TestApp } from "../../../../test/support/test-app.ts";
import type { OutboxItem } from "../../../contracts/outbox.ts";
import { createMailer, noMailer } from "../../mail/mailer.ts";
import { sendDueReminders } from "./service.ts";

const DAY = 86_400_000;

describe(`reminders [${testEngine()}]`, () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpPeer>>;
  /** The north cluster, with two schools' teams; school 6 is enrolled in another cluster. */
  let north: string;
  let school1: string;
  let school6: string;
  let leader: TestUser;
  let teacher: TestUser;
  let admin: MadeStaff;
  const clients = new Map<string, TestClient>();
  const as = (key: string): TestClient => {
    const client = clients.get(key);
    if (!client) throw new Error(key);
    return client;
  };
  beforeAll(async () => {
    smtp = await startSmtpPeer();
    t = await createTestApp();
    north = (await makeCluster(t)).id;
    school1 = (await makeEnrolment(t, { clusterId: north })).id;
    leader = (await makeTeamMember(t, { enrolmentId: school1, role: "school_leader" })).user;
    teacher = (await makeTeamMember(t, { enrolmentId: school1, role: "teacher" })).user;
    const school2 = (await makeEnrolment(t, { clusterId: north })).id;
    await makeTeamMember(t, { enrolmentId: school2, role: "school_leader" });
    await makeTeamMember(t, { enrolmentId: school2, role: "para_professional" });
    school6 = (await makeEnrolment(t)).id;
    await makeTeamMember(t, { enrolmentId: school6, role: "school_leader" });
    admin = await makeStaff(t, { role: "network_admin" });
    clients.set("network_admin", await signIn(t, admin));
    clients.set("school_leader", await signIn(t, leader));
    clients.set("teacher", await signIn(t, teacher));
    // School 1 has an overdue action with no owner, agreed at a visit.
    const now = t.clock.now();
    await t.deps.db
      .insertInto("actions")
      .values({
        enrolment_id: school1,
        title: "Agree a date for the next data drop",
        due_on: "2026-11-01",
        created_at: now,
        updated_at: now,
      })
      .execute();
  });
  const outboxReads = () =>
    t.deps.db
      .selectFrom("audit_events")
      .select(["actor_user_id", "details"])
      .where("action", "=", "outbox.read")
      .orderBy("occurred_at")
      .orderBy("id")
      .execute();
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it("emails each team member a week before a workshop, once, to a real SMTP server", async () => {
    const now = t.clock.now();
    const inFiveDays = new Date(now.getTime() + 5 * DAY);
    await t.deps.db
      .insertInto("workshops")
      .values({
        cluster_id: north,
        title: "Resilience in and out of class",
        starts_at: inFiveDays,
        ends_at: new Date(inFiveDays.getTime() + 3 * 3_600_000),
        venue: "Hall",
        created_at: now,
        updated_at: now,
      })
      .execute();
    // The teacher turns reminders off; everyone else on the cluster's teams gets one.
    expect(
      json(await as("teacher").patch("/api/me/settings", { remindersEnabled: false })),
    ).toMatchObject({ remindersEnabled: false });
    const mailer = createMailer(smtp.url, "Cascade <reminders@cascade.test>");
    const first = await sendDueReminders({ db: t.deps.db, mailer }, now);
    const teamSize = (
      await t.deps.db
        .selectFrom("team_members")
        .innerJoin("enrolments", "enrolments.id", "team_members.enrolment_id")
        .select("team_members.id")
        .where("enrolments.cluster_id", "=", north)
        .execute()
    ).length;
    expect(first.workshops).toBe(teamSize - 1);
    const mail = smtp.received.find((m) => m.raw.includes("Resilience in and out of class"));
    expect(mail).toBeDefined();
    expect(mail?.raw).toContain("Subject: Next week: Resilience in and out of class");
    const teacherEmail = teacher.email;
    expect(smtp.received.flatMap((m) => m.to)).not.toContain(teacherEmail);
    const again = await sendDueReminders({ db: t.deps.db, mailer }, now);
    expect(again.workshops).toBe(0);
  });

  it("emails when an action becomes overdue: its owner, or else the team's leaders", async () => {
    // The run above also found school 1's overdue action, which has no owner: its
    // leaders heard of it. A second run sends nothing more.
    const overdue = smtp.received.find((m) => m.raw.includes("Subject: Overdue:"));
    expect(overdue?.to).toContain(leader.email);
    const mailer = createMailer(smtp.url, "Cascade <reminders@cascade.test>");
    expect((await sendDueReminders({ db: t.deps.db, mailer }, t.clock.now())).actions).toBe(0);

    // An action with an owner goes to its owner alone.
    const now = t.clock.now();
    const leaderId = leader.id;
    await t.deps.db
      .insertInto("actions")
      .values({
        enrolment_id: school1,
        title: "Owned and late",
        owner_user_id: leaderId,
        due_on: "2026-11-02",
        created_at: now,
        updated_at: now,
      })
      .execute();
    const before = smtp.received.length;
    expect((await sendDueReminders({ db: t.deps.db, mailer }, now)).actions).toBe(1);
    expect(smtp.received.slice(before).map((m) => m.to)).toEqual([[leader.email]]);
  });

  it("keeps reminders in an outbox an administrator can read when no mail server is set up", async () => {
    const now = t.clock.now();
    await t.deps.db
      .insertInto("actions")
      .values({
        enrolment_id: school6,
        title: "Fictional overdue task",
        due_on: "2026-11-01",
        created_at: now,
        updated_at: now,
      })
      .execute();
    const sent = await sendDueReminders({ db: t.deps.db, mailer: noMailer }, now);
    expect(sent.actions).toBeGreaterThan(0);
    const response = await as("network_admin").get("/api/outbox");
    const outbox = json<{ mailConfigured: boolean; items: OutboxItem[] }>(response);
    // The administrator sees that it is kept, for whom and of what kind; not its words,
    // which quote a title typed inside the school.
    const kept = await t.deps.db
      .selectFrom("outbox")
      .select(["id", "to_email"])
      .where("subject", "=", "Overdue: Fictional overdue task")
      .execute();
    expect(kept.length).toBeGreaterThan(0);
    for (const row of kept) {
      expect(outbox.items.find((i) => i.id === row.id)).toMatchObject({
        to: row.to_email,
        kind: "action-overdue",
        state: "kept",
        addressedToYou: false,
        subject: null,
        body: null,
      });
    }
    expect(response.body).not.toContain("Fictional overdue task");
    expect((await as("school_leader").get("/api/outbox")).statusCode).toBe(403);
  });

  it("shows an administrator only the words of messages addressed to them, and audits each read", async () => {
    const now = t.clock.now();
    const adminId = admin.id;
    await t.deps.db
      .insertInto("actions")
      .values({
        enrolment_id: school1,
        title: "Reading catch-up for a pupil, owned by the administrator",
        owner_user_id: adminId,
        due_on: "2026-11-03",
        created_at: now,
        updated_at: now,
      })
      .execute();
    await t.deps.db
      .insertInto("actions")
      .values({
        enrolment_id: school1,
        title: "Reading catch-up for another pupil, owned by the leader",
        owner_user_id: leader.id,
        due_on: "2026-11-03",
        created_at: now,
        updated_at: now,
      })
      .execute();
    await sendDueReminders({ db: t.deps.db, mailer: noMailer }, now);
    const auditsBefore = await outboxReads();
    const response = await as("network_admin").get("/api/outbox");
    const items = json<{ items: OutboxItem[] }>(response).items;
    const own = items.filter((i) => i.addressedToYou);
    expect(own).toHaveLength(1);
    expect(own[0]).toMatchObject({
      to: admin.email,
      kind: "action-overdue",
      subject: "Overdue: Reading catch-up for a pupil, owned by the administrator",
      body: expect.stringContaining("under Settings"),
    });
    expect(response.body).not.toContain("owned by the leader");
    for (const other of items.filter((i) => !i.addressedToYou)) {
      expect(other.subject).toBeNull();
      expect(other.body).toBeNull();
    }
    const audits = await outboxReads();
    expect(audits.length).toBe(auditsBefore.length + 1);
    expect(audits.at(-1)).toMatchObject({
      actor_user_id: adminId,
      details: { messages: items.length, messagesOpened: 1 },
    });
  });

  it("lets an administrator send what is due now, each reminder still only once", async () => {
    const now = t.clock.now();
    await t.deps.db
      .insertInto("actions")
      .values({
        enrolment_id: school6,
        title: "Another fictional late task",
        due_on: "2026-11-02",
        created_at: now,
        updated_at: now,
      })
      .execute();
    expect((await as("school_leader").post("/api/outbox/send-due")).statusCode).toBe(403);
    const first = await as("network_admin").post("/api/outbox/send-due");
    expect(first.statusCode).toBe(200);
    expect(json<{ actions: number }>(first).actions).toBeGreaterThan(0);
    const kept = await t.deps.db
      .selectFrom("outbox")
      .select(["id", "body"])
      .where("subject", "=", "Overdue: Another fictional late task")
      .execute();
    expect(kept.length).toBeGreaterThan(0);
    expect(kept[0]?.body).toContain("under Settings");
    const outbox = json<{ items: OutboxItem[] }>(await as("network_admin").get("/api/outbox"));
    for (const row of kept) expect(outbox.items.map((i) => i.id)).toContain(row.id);
    const again = json<{ workshops: number; actions: number }>(
      await as("network_admin").post("/api/outbox/send-due"),
    );
    expect(again).toEqual({ workshops: 0, actions: 0, ppStatements: 0 });
  });

  it("writes the due date as people read it and links to the page, built from the public URL", async () => {
    const now = t.clock.now();
    await t.deps.db
      .insertInto("actions")
      .values({
        enrolment_id: school6,
        title: "A dated fictional task",
        due_on: "2026-11-18",
        created_at: now,
        updated_at: now,
      })
      .execute();
    const inSixDays = new Date(now.getTime() + 6 * DAY);
    const workshop = await t.deps.db
      .insertInto("workshops")
      .values({
        cluster_id: north,
        title: "A linked fictional workshop",
        starts_at: inSixDays,
        ends_at: new Date(inSixDays.getTime() + 3_600_000),
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await sendDueReminders(
      { db: t.deps.db, mailer: noMailer, publicUrl: "https://cascade.example.org" },
      now,
    );
    const outbox = await t.deps.db.selectFrom("outbox").select(["subject", "body"]).execute();
    const action = outbox.find((m) => m.subject === "Overdue: A dated fictional task");
    expect(action?.body).toContain("was due on 18 Nov 2026.");
    expect(action?.body).not.toContain("2026-11-18");
    expect(action?.body).toContain(
      "Open it in Cascade: https://cascade.example.org/my-school/actions?status=overdue",
    );
    const invite = outbox.find((m) => m.subject === "Next week: A linked fictional workshop");
    expect(invite?.body).toContain(
      `Open it in Cascade: https://cascade.example.org/workshops/${workshop.id}`,
    );
  });

  it("names the page instead when no public URL is set", async () => {
    const now = t.clock.now();
    await t.deps.db
      .insertInto("actions")
      .values({
        enrolment_id: school6,
        title: "An unlinked fictional task",
        due_on: "2026-11-03",
        created_at: now,
        updated_at: now,
      })
      .execute();
    await sendDueReminders({ db: t.deps.db, mailer: noMailer }, now);
    const mail = await t.deps.db
      .selectFrom("outbox")
      .select("body")
      .where("subject", "=", "Overdue: An unlinked fictional task")
      .executeTakeFirstOrThrow();
    expect(mail.body).toContain("was due on 3 Nov 2026.");
    expect(mail.body).toContain("under My school, Actions.");
    expect(mail.body).not.toContain("http");
  });
});
