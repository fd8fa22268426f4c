import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, TestClient } from "../../../../test/support/client.ts";
import { testEngine } from "../../../../test/support/engines.ts";
import {
  makeSchoolYear,
  makeSharedAggregate,
  makeStaff,
  makeStrategy,
  makeUser,
  repeat,
  signIn,
  type TestUser,
} from "../../../../test/support/factories.ts";
import { type ReceivedMail, startSmtpPeer } from "../../../../test/support/smtp-peer.ts";
import { createTestApp, type TestApp } from "../../../../test/support/test-app.ts";
import type {
  BackIssue,
  Newsletter,
  NewsletterProgress,
  NewsletterSummary,
} from "../../../contracts/newsletters.ts";
import { SUPPRESSION_REASON } from "../../../domain/suppression.ts";
import { createMailer } from "../../mail/mailer.ts";
import { setNationalLink } from "../national/store.ts";
import { deliverIssue, sendsInFlight } from "./send.ts";
import { unsubscribeToken } from "./token.ts";

const DAY = 86_400_000;

/** A message as a reader's client shows it: quoted-printable soft breaks and header folds undone. */
const readable = (mail: ReceivedMail) =>
  mail.raw
    .replace(/=\r?\n/g, "")
    .replace(/=3D/g, "=")
    .replace(/\r?\n[ \t]+/g, " ");

async function insertCaseStudy(
  t: TestApp,
  schoolId: string,
  input: {
    title: string;
    status: string;
    audience: "cluster" | "network" | null;
    learned?: string;
  },
) {
  const now = t.clock.now();
  return t.deps.db
    .insertInto("case_studies")
    .values({
      school_id: schoolId,
      title: input.title,
      status: input.status,
      audience: input.audience,
      learned: input.learned ?? "",
      facts: JSON.stringify({ searchText: input.title }),
      created_at: now,
      updated_at: now,
      published_at: input.status === "published" ? now : null,
    } as never)
    .returning("id")
    .executeTakeFirstOrThrow();
}

async function insertResource(t: TestApp, title: string, archived = false) {
  const now = t.clock.now();
  return t.deps.db
    .insertInto("resources")
    .values({
      title,
      summary: `${title}, in brief`,
      kind: "template",
      url: "https://example.org/resource",
      created_at: now,
      updated_at: now,
      archived_at: archived ? now : null,
    } as never)
    .returning("id")
    .executeTakeFirstOrThrow();
}

describe(`the termly newsletter [${testEngine()}]`, () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpPeer>>;
  const rejected: string[] = [];
  let admin: TestClient;
  let adminUser: TestUser;
  let teacherUser: TestUser;
  let teacher: TestClient;
  let leaverUser: TestUser;
  let optedOutUser: TestUser;
  let schoolId: string;
  let strandKey: string;
  const pupilNames: string[] = [];
  /** Every active member with an approved membership, as the first issue should reach them. */
  const members = new Set<string>();
  let first: Newsletter;

  beforeAll(async () => {
    smtp = await startSmtpPeer({ rejectRecipients: rejected });
    t = await createTestApp({ mailer: createMailer(smtp.url, "Cascade <news@cascade.test>") });
    adminUser = await makeUser(t, { role: "network_admin" });
    admin = await signIn(t, adminUser);
    // One school of 11 pupils, 3 of them disadvantaged: too few for the network's attainment figures.
    const year = await makeSchoolYear(t, {
      pupils: [...repeat(3, { pupilPremium: true, inCohort: true }), ...repeat(8, {})],
    });
    schoolId = year.schoolId;
    const measure = await t.deps.db
      .selectFrom("measures")
      .select("id")
      .where("school_id", "=", schoolId)
      .where("key", "=", "reading-ta")
      .executeTakeFirstOrThrow();
    await setNationalLink(t.deps.db, t.clock.now(), {
      measureId: measure.id,
      schoolId,
      key: "ks2-rwm-expected",
      mappedBy: adminUser.id,
    });
    const names = await t.deps.db
      .selectFrom("pupils")
      .select(["legal_first_name", "last_name", "upn"])
      .where("school_id", "=", schoolId)
      .execute();
    pupilNames.push(...names.flatMap((n) => [n.legal_first_name, n.last_name, n.upn]));

    teacherUser = await makeStaff(t, { role: "teacher", schoolId });
    teacher = await signIn(t, teacherUser);
    await makeStaff(t, { role: "school_leader", schoolId });
    optedOutUser = await makeStaff(t, { role: "teacher", schoolId });
    await makeStaff(t, { role: "teacher", schoolId, email: "bounce@school.test" });
    leaverUser = await makeStaff(t, { role: "teacher", schoolId });
    await t.deps.db
      .updateTable("users")
      .set({ disabled_at: t.clock.now() })
      .where("id", "=", leaverUser.id)
      .execute();
    await makeUser(t, { role: null }); // no membership: not a member of the network
    // What is new: a network case study, a cluster one and a draft (not proposed), a shared
    // result in a strand, a resource and an archived one (not proposed).
    const strand = await t.deps.db
      .selectFrom("eef_strands")
      .select("key")
      .orderBy("key")
      .executeTakeFirstOrThrow();
    strandKey = strand.key;
    const strategy = await makeStrategy(t, { schoolId });
    await makeSharedAggregate(t, { strategyId: strategy.id, schoolId, title: "Shared reading" });
    await t.deps.db.updateTable("shared_results").set({ strand_key: strandKey }).execute();
    await insertCaseStudy(t, schoolId, {
      title: "Talk for writing in year 5",
      status: "published",
      audience: "network",
      learned: "Short daily sessions beat weekly long ones.",
    });
    await insertCaseStudy(t, schoolId, {
      title: "A cluster-only story",
      status: "published",
      audience: "cluster",
    });
    await insertCaseStudy(t, schoolId, { title: "A draft story", status: "draft", audience: null });
    await insertResource(t, "Tracking template");
    await insertResource(t, "Old template", true);
    // Everyone else with an approved membership (the leaders the factories made) is a member too.
    for (const row of await t.deps.db
      .selectFrom("users")
      .innerJoin("memberships", "memberships.user_id", "users.id")
      .select("users.email")
      .where("users.disabled_at", "is", null)
      .where("memberships.pending", "=", false)
      .execute())
      members.add(row.email);
    // The opted-out teacher turns the newsletter off in settings.
    const optedOut = await signIn(t, optedOutUser);
    expect(json(await optedOut.put("/api/me/newsletter", { subscribed: false }))).toEqual({
      subscribed: false,
    });
    members.delete(optedOutUser.email);
  });

  afterAll(async () => {
    await sendsInFlight();
    await t.close();
    await smtp.close();
  });

  it("proposes what is new since the last issue, with small progress figures suppressed", async () => {
    const response = await admin.post("/api/newsletters", {
      title: "What works this term",
      termLabel: "Autumn 2026",
    });
    expect(response.statusCode).toBe(201);
    first = json<Newsletter>(response);
    expect(first.since).toBeNull();
    const titles = first.items.map((i) => `${i.kind}: ${i.title}`);
    expect(titles).toEqual([
      "case_study: Talk for writing in year 5",
      expect.stringMatching(/^evidence: What works: /),
      "resource: Tracking template",
      expect.stringMatching(/^progress: The network's progress/),
    ]);
    expect(first.items[0]?.summary).toContain("Short daily sessions");
    // The case study appears by its school's pseudonym unless the school chose to be named.
    expect(first.items[0]?.summary).toMatch(/^School /);
    expect(first.items[1]?.summary).toContain("g = 0.50");
    const progress = first.items.find((i) => i.kind === "progress");
    expect(progress?.summary).toContain("the attainment figures are withheld");
    expect(progress?.summary).toContain(SUPPRESSION_REASON);
    expect(progress?.summary).not.toMatch(/\d+(\.\d+)?% of disadvantaged/);
    const audit = await t.deps.db
      .selectFrom("audit_events")
      .select("action")
      .where("target_id", "=", first.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["newsletter.created"]);
  });

  it("lets the editor reorder, remove and introduce; the preview escapes everything", async () => {
    const [study, evidence, resource, progress] = first.items;
    const ref = (i: typeof study) => ({ kind: i?.kind ?? "progress", refId: i?.refId ?? "" });
    const edited = json<Newsletter>(
      await admin.put(`/api/newsletters/${first.id}`, {
        title: "What works this term",
        termLabel: "Autumn 2026",
        introduction: "Welcome to the <b>first</b> issue.\n\nThank you, every school.",
        items: [ref(evidence), ref(study), ref(progress)],
      }),
    );
    expect(edited.items.map((i) => i.kind)).toEqual(["evidence", "case_study", "progress"]);
    expect(edited.available.map((i) => i.refId)).toEqual([resource?.refId]);
    const invented = await admin.put(`/api/newsletters/${first.id}`, {
      title: "x",
      termLabel: "x",
      introduction: "",
      items: [{ kind: "resource", refId: "not-a-proposal" }],
    });
    expect(invented.statusCode).toBe(400);
    const preview = json<{ html: string; text: string; subject: string }>(
      await admin.get(`/api/newsletters/${first.id}/preview`),
    );
    expect(preview.subject).toBe("What works this term (Autumn 2026)");
    expect(preview.html).toContain("Welcome to the &lt;b&gt;first&lt;/b&gt; issue.");
    expect(preview.html).not.toContain("<b>");
    expect(preview.html.indexOf("What works: ")).toBeLessThan(
      preview.html.indexOf("Talk for writing"),
    );
    expect(preview.text).toContain("Thank you, every school.");
    // A teacher neither compiles nor previews.
    expect((await teacher.get(`/api/newsletters/${first.id}/preview`)).statusCode).toBe(403);
    expect(
      (await teacher.post("/api/newsletters", { title: "x", termLabel: "y" })).statusCode,
    ).toBe(403);
    // Drafts are not back issues.
    expect((await teacher.get(`/api/newsletter-issues/${first.id}`)).statusCode).toBe(404);
  });

  it("sends one message to each subscribed active member, with HTML, text and the unsubscribe header; one refusal does not stop the rest", async () => {
    rejected.push("bounce@school.test");
    const started = await admin.post(`/api/newsletters/${first.id}/send`);
    expect(started.statusCode).toBe(202);
    expect(json<NewsletterProgress>(started).total).toBe(members.size);
    expect((await admin.post(`/api/newsletters/${first.id}/send`)).statusCode).toBe(409);
    await sendsInFlight();
    const progress = json<NewsletterProgress>(
      await admin.get(`/api/newsletters/${first.id}/progress`),
    );
    expect(progress).toMatchObject({
      total: members.size,
      sent: members.size - 1,
      failed: 1,
      pending: 0,
      mailConfigured: true,
      done: true,
    });
    expect(progress.failures).toEqual([
      { email: "bounce@school.test", error: expect.stringContaining("550") },
    ]);
    const recipients = smtp.received.flatMap((m) => m.to).sort();
    expect(recipients).toEqual([...members].filter((e) => e !== "bounce@school.test").sort());
    expect(recipients).not.toContain(optedOutUser.email);
    expect(recipients).not.toContain(leaverUser.email);
    const mail = smtp.received.find((m) => m.to.includes(teacherUser.email));
    if (!mail) throw new Error("no mail to the teacher");
    const text = readable(mail);
    expect(text).toContain("Content-Type: text/plain");
    expect(text).toContain("Content-Type: text/html");
    const token = unsubscribeToken(t.deps.secrets, teacherUser.id);
    expect(text).toContain(
      `List-Unsubscribe: <http://cascade.test/newsletters/unsubscribe#token=${token}>`,
    );
    expect(text).toContain(`href="http://cascade.test/newsletters/unsubscribe#token=${token}"`);
    for (const m of smtp.received)
      for (const name of pupilNames) expect(readable(m)).not.toContain(name);
  });

  it("retries only the failed delivery, and mails no one twice", async () => {
    rejected.length = 0;
    const before = smtp.received.length;
    expect((await admin.post(`/api/newsletters/${first.id}/retry`)).statusCode).toBe(202);
    await sendsInFlight();
    expect(smtp.received.slice(before).map((m) => m.to)).toEqual([["bounce@school.test"]]);
    const again = await admin.post(`/api/newsletters/${first.id}/retry`);
    await sendsInFlight();
    expect(json<NewsletterProgress>(again)).toMatchObject({ sent: members.size, failed: 0 });
    expect(smtp.received.length).toBe(before + 1);
    const counts = new Map<string, number>();
    for (const to of smtp.received.flatMap((m) => m.to)) counts.set(to, (counts.get(to) ?? 0) + 1);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    // Running the sender again over the issue finds nothing left to send.
    await deliverIssue(t.deps, first.id, "http://cascade.test");
    expect(smtp.received.length).toBe(before + 1);
  });

  it("lets every signed-in member read the sent issue", async () => {
    const list = json<{ items: NewsletterSummary[] }>(await teacher.get("/api/newsletter-issues"));
    expect(list.items.map((i) => i.id)).toEqual([first.id]);
    const issue = json<BackIssue>(await teacher.get(`/api/newsletter-issues/${first.id}`));
    expect(issue.items.map((i) => i.kind)).toEqual(["evidence", "case_study", "progress"]);
    expect(issue.html).toContain("Talk for writing in year 5");
    expect(issue.html).not.toContain("unsubscribe#token");
    expect((await teacher.get("/api/newsletters")).statusCode).toBe(403);
    // Sent: no more edits.
    const late = await admin.put(`/api/newsletters/${first.id}`, {
      title: "Changed",
      termLabel: "Autumn 2026",
      introduction: "",
      items: [],
    });
    expect(late.statusCode).toBe(409);
  });

  it("unsubscribes by the link's token, without signing in; a bad token is told plainly", async () => {
    const token = unsubscribeToken(t.deps.secrets, teacherUser.id);
    const anon = new TestClient(t.app);
    expect(json(await teacher.get("/api/me/newsletter"))).toEqual({ subscribed: true });
    const done = await anon.post("/api/newsletter-unsubscribe", { token });
    expect(json(done)).toMatchObject({ subscribed: false });
    expect(done.body).not.toContain(teacherUser.email);
    expect(done.body).not.toContain(teacherUser.email);
    expect(json(await teacher.get("/api/me/newsletter"))).toEqual({ subscribed: false });
    const bad = await anon.post("/api/newsletter-unsubscribe", { token: `${token}x` });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("This unsubscribe link is not valid");
    const audit = await t.deps.db
      .selectFrom("audit_events")
      .select(["action", "actor_user_id", "details"])
      .where("target_id", "=", teacherUser.id)
      .where("action", "=", "newsletter.unsubscribed")
      .execute();
    expect(audit).toEqual([
      {
        action: "newsletter.unsubscribed",
        actor_user_id: teacherUser.id,
        details: { how: "link" },
      },
    ]);
  });

  it("proposes only what is new since the sent issue, and leaves out those who unsubscribed", async () => {
    t.clock.advance(DAY);
    admin = await signIn(t, adminUser);
    await insertResource(t, "A newer reading list");
    const second = json<Newsletter>(
      await admin.post("/api/newsletters", { title: "Spring news", termLabel: "Spring 2027" }),
    );
    expect(second.since).not.toBeNull();
    // The strand's pooled evidence has not changed, and the case study was in the last issue.
    expect(second.items.map((i) => `${i.kind}: ${i.title}`)).toEqual([
      "resource: A newer reading list",
      expect.stringMatching(/^progress: /),
    ]);
    // A second result in the strand changes its pool: proposed again.
    const strategy = await makeStrategy(t, { schoolId, createdBy: adminUser.id });
    await makeSharedAggregate(t, { strategyId: strategy.id, schoolId, title: "More reading" });
    await t.deps.db.updateTable("shared_results").set({ strand_key: strandKey }).execute();
    const reread = json<Newsletter>(await admin.get(`/api/newsletters/${second.id}`));
    expect(reread.available.map((i) => i.kind)).toEqual(["evidence"]);
    expect(reread.available[0]?.summary).toContain("Last issue: g = 0.50 from 1 result");
    const before = smtp.received.length;
    await admin.post(`/api/newsletters/${second.id}/send`);
    await sendsInFlight();
    const to = smtp.received.slice(before).flatMap((m) => m.to);
    expect(to).not.toContain(teacherUser.email);
    expect(to).not.toContain(optedOutUser.email);
    expect(to.length).toBe(members.size - 1);
  });
});

describe(`the newsletter without a mail server [${testEngine()}]`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await sendsInFlight();
    await t.close();
  });

  it("keeps each message in the outbox with its HTML part, once per member even with two senders", async () => {
    const adminUser = await makeUser(t, { role: "network_admin" });
    const admin = await signIn(t, adminUser);
    const staff = [];
    for (let i = 0; i < 4; i += 1) staff.push(await makeStaff(t, { role: "teacher" }));
    const issue = json<Newsletter>(
      await admin.post("/api/newsletters", { title: "Outbox issue", termLabel: "Autumn 2026" }),
    );
    await admin.put(`/api/newsletters/${issue.id}`, {
      title: "Outbox issue",
      termLabel: "Autumn 2026",
      introduction: "Kept, not lost.",
      items: issue.items.map((i) => ({ kind: i.kind, refId: i.refId })),
    });
    const started = json<NewsletterProgress>(await admin.post(`/api/newsletters/${issue.id}/send`));
    expect(started.mailConfigured).toBe(false);
    // A second server's sender runs over the same issue at the same time.
    await Promise.all([deliverIssue(t.deps, issue.id, "http://cascade.test"), sendsInFlight()]);
    const kept = await t.deps.db
      .selectFrom("outbox")
      .select(["to_email", "kind", "html", "body", "user_id"])
      .where("kind", "=", "newsletter")
      .execute();
    const expected = [adminUser, ...staff].map((u) => u.email).sort();
    expect(kept.map((k) => k.to_email).sort()).toEqual(expected);
    for (const row of kept) {
      expect(row.html).toContain("Kept, not lost.");
      expect(row.body).toContain(
        "Unsubscribe from the newsletter: http://cascade.test/newsletters/unsubscribe#token=",
      );
    }
    expect(
      json<NewsletterProgress>(await admin.get(`/api/newsletters/${issue.id}/progress`)),
    ).toMatchObject({
      total: expected.length,
      sent: expected.length,
      done: true,
    });
  });
});
