import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, TestClient } from "../../../../test/support/client.ts";
import { testEngine } from "../../../../test/support/engines.ts";
import {
  makeAssessmentPoints,
  makeEnrolment,
  makePupil,
  makeSchool,
  makeStaff,
  makeUser,
  signIn,
  type TestUser,
} from "../../../../test/support/factories.ts";
import { CapturingMailer, createTestApp, type TestApp } from "../../../../test/support/test-app.ts";
import type { PpEnteredInput, PpStatement } from "../../../contracts/pp-statement.ts";
import type { Strategy } from "../../../contracts/strategies.ts";
import type { PpTemplate } from "../../../domain/pp-statement.ts";
import { measuresOfSchool } from "../measures/store.ts";
import { sendDueReminders } from "../reminders/service.ts";
import { draftStatement } from "./draft.ts";
import { statementDocx } from "./render.ts";
import { schoolForStatement } from "./store.ts";
import { PP_TEMPLATE } from "./template.ts";

const DAY = 24 * 60 * 60 * 1000;

/** The Word document's body XML. */
async function documentXml(body: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(body);
  const file = zip.file("word/document.xml");
  if (!file) throw new Error("no word/document.xml in the .docx");
  return file.async("string");
}

const xmlEscape = (s: string) =>
  s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

/** Every heading the template gives, as the document must show them. */
function templateHeadings(t: PpTemplate, school: string): string[] {
  return [
    t.title.replace("{school}", school),
    t.schoolOverview.heading,
    t.funding.heading,
    t.partA.heading,
    t.partA.intent.heading,
    t.partA.challenges.heading,
    t.partA.outcomes.heading,
    t.partA.activity.heading,
    ...Object.values(t.partA.activity.tables).map((x) => x.heading),
    t.partB.heading,
    t.partB.outcomes.heading,
    t.partB.programmes.heading,
    t.partB.servicePupilPremium.heading,
    t.partB.furtherInformation.heading,
  ];
}

describe(`pupil premium strategy statement [${testEngine()}]`, () => {
  let t: TestApp;
  let school: string;
  const schoolName = "Oakfield & Vale <Primary>";
  let leader: TestUser;
  const clients = new Map<string, TestClient>();
  const as = (key: string): TestClient => {
    const client = clients.get(key);
    if (!client) throw new Error(key);
    return client;
  };
  const url = () => `/api/schools/${school}/pp-statement`;
  const ids: Record<"reading" | "tutoring" | "breakfast" | "elsewhere", string> = {} as never;
  let body: PpEnteredInput;
  const stored = async () =>
    t.deps.db.selectFrom("pp_statements").selectAll().where("school_id", "=", school).execute();

  beforeAll(async () => {
    t = await createTestApp();
    school = (await makeSchool(t, { name: schoolName })).id;
    await makeEnrolment(t, { schoolId: school });
    leader = await makeStaff(t, { role: "school_leader", schoolId: school });
    clients.set("school_leader", await signIn(t, leader));
    for (const role of ["teacher", "para_professional"] as const)
      clients.set(role, await signIn(t, await makeStaff(t, { role, schoolId: school })));
    const other = await makeSchool(t);
    clients.set(
      "other_school_leader",
      await signIn(t, await makeStaff(t, { role: "school_leader", schoolId: other.id })),
    );
    clients.set("network_admin", await signIn(t, await makeUser(t, { role: "network_admin" })));

    // 30 pupils in Year 5, the first 12 eligible for pupil premium; a pupil who has left is not counted.
    const pupils: string[] = [];
    for (let i = 0; i < 30; i += 1)
      pupils.push((await makePupil(t, { schoolId: school, pupilPremium: i < 12 })).id);
    const gone = await makePupil(t, { schoolId: school, pupilPremium: true });
    await t.deps.db
      .updateTable("pupils")
      .set({ left_on: "2026-10-01" })
      .where("id", "=", gone.id)
      .execute();

    const made = await makeAssessmentPoints(t, { schoolId: school });
    const from = made.ids.get("Autumn 1") ?? "";
    const to = made.ids.get("Autumn 2") ?? "";
    const reading = (await measuresOfSchool(t.deps.db, school)).find((m) => m.key === "reading-ta");
    if (!reading) throw new Error("reading-ta");
    const observations = pupils.flatMap((pupilId, i) => [
      { pupilId, measureId: reading.id, assessmentPointId: from, value: i < 12 ? 1 : 3 },
      { pupilId, measureId: reading.id, assessmentPointId: to, value: i < 12 ? 2 : 3 + (i % 2) },
    ]);
    const saved = await as("school_leader").put("/api/observations", { observations });
    expect(saved.statusCode, saved.body).toBe(200);

    const strand = await t.deps.db
      .selectFrom("eef_strands")
      .select(["id", "months", "evidence"])
      .where("name", "=", "Reading comprehension strategies")
      .executeTakeFirstOrThrow();
    const plan = async (input: Record<string, unknown>, participants: string[]) => {
      const created = json<Strategy>(
        await as("school_leader").post(`/api/schools/${school}/strategies`, input),
      );
      if (participants.length > 0) {
        const put = await as("school_leader").put(`/api/strategies/${created.id}/participants`, {
          pupilIds: participants,
        });
        expect(put.statusCode, put.body).toBe(200);
      }
      return created.id;
    };
    // Ran last year and this: 12 pupils, compared with the 12 disadvantaged pupils.
    ids.reading = await plan(
      {
        title: "Reading fluency <groups>",
        costPounds: 1200,
        eefStrandId: strand.id,
        startsOn: "2025-09-01",
        successMeasureId: reading.id,
      },
      pupils.slice(12, 24),
    );
    // This year only, 4 pupils: its figures are withheld.
    ids.tutoring = await plan(
      { title: "Maths tutoring", costPounds: 400.5, startsOn: "2026-09-07" },
      pupils.slice(0, 4),
    );
    ids.breakfast = await plan({ title: "Breakfast club" }, []);
    const elsewhere = json<Strategy>(
      await as("other_school_leader").post(`/api/schools/${other.id}/strategies`, {
        title: "Not ours",
      }),
    );
    ids.elsewhere = elsewhere.id;

    body = {
      yearsCovered: "2026/27 to 2028/29",
      publishedOn: "2026-12-10",
      reviewOn: "2027-07-15",
      authorisedBy: "Governing board",
      ppLead: "A. Leader",
      governorLead: "G. Governor",
      allocation: 16_000,
      carriedForward: 500.5,
      intent: 'Every pupil reads fluently. <script>alert("x")</script> & more',
      challenges: [{ detail: "Reading fluency is low" }, { detail: "Attendance" }],
      outcomes: [{ outcome: "Better reading", criteria: "Gap narrows" }],
      activities: [
        { strategyId: ids.reading, tag: "teaching", challenges: [1] },
        { strategyId: ids.tutoring, tag: "targeted_academic_support", challenges: [2, 1] },
        { strategyId: ids.breakfast, tag: "wider_strategies", challenges: [2] },
      ],
      partB: {
        performance: "Reading improved.",
        programmes: [{ programme: "Fluency Plus", provider: "A Trust" }],
        servicePupilPremiumSpent: "",
        servicePupilPremiumImpact: "",
        furtherInformation: "",
      },
    };
  });
  afterAll(async () => t.close());

  it("drafts an empty statement with the computed figures for the school's teachers", async () => {
    const response = await as("teacher").get(url());
    expect(response.statusCode, response.body).toBe(200);
    const draft = json<PpStatement>(response);
    expect(draft.academicYear).toBe("2026/27");
    expect(draft.computed).toEqual({
      pupilsOnRoll: 30,
      disadvantaged: 12,
      proportionPct: 40,
      proportionWithheld: false,
      totalBudget: null,
    });
    expect(draft.abilities).toEqual({ edit: false, download: true });
    expect(draft.publishedAt).toBeNull();
    // The 12 disadvantaged pupils are a level behind: the gap dashboard suggests a challenge.
    expect(draft.suggestedChallenges.join(" ")).toContain("Reading");
  });

  it("answers 404 outside the school, 403 to para-professionals and to those without a school role", async () => {
    expect((await as("other_school_leader").get(url())).statusCode).toBe(404);
    expect((await as("other_school_leader").get(`${url()}/document.docx`)).statusCode).toBe(404);
    expect((await as("para_professional").get(url())).statusCode).toBe(403);
    expect((await as("network_admin").get(url())).statusCode).toBe(403);
    expect((await as("teacher").put(url(), body)).statusCode).toBe(403);
    expect((await as("teacher").put(`${url()}/published`, { published: true })).statusCode).toBe(
      403,
    );
    expect((await new TestClient(t.app).get(url())).statusCode).toBe(401);
    expect(await stored()).toEqual([]);
  });

  it("refuses bad input with the field, and saves nothing", async () => {
    const cases: Array<[PpEnteredInput | Record<string, unknown>, string]> = [
      [{ ...body, allocation: -1 }, "allocation"],
      [{ ...body, carriedForward: 10.005 }, "carriedForward"],
      [{ ...body, publishedOn: "2026-02-30" }, "publishedOn"],
      [{ ...body, reviewOn: "2026-12-01" }, "reviewOn"],
      [
        {
          ...body,
          activities: [{ strategyId: ids.reading, tag: "teaching", challenges: [3] }],
        },
        "activities.0.challenges",
      ],
      [
        { ...body, activities: [{ strategyId: ids.elsewhere, tag: "teaching", challenges: [] }] },
        "activities.0.strategyId",
      ],
      [
        {
          ...body,
          activities: [
            { strategyId: ids.reading, tag: "teaching", challenges: [] },
            { strategyId: ids.reading, tag: "wider_strategies", challenges: [] },
          ],
        },
        "activities.1.strategyId",
      ],
      [
        { ...body, activities: [{ strategyId: ids.reading, tag: "other", challenges: [] }] },
        "activities.0.tag",
      ],
    ];
    for (const [input, field] of cases) {
      const response = await as("school_leader").put(url(), input);
      expect(response.statusCode, `${field}: ${response.body}`).toBe(400);
      const errors = json<{ errors: { field: string; message: string }[] }>(response).errors;
      expect(errors.map((e) => e.field)).toContain(field);
    }
    expect(await stored()).toEqual([]);
  });

  it("saves what a leader enters, audited, and drafts the tables from the strategies", async () => {
    const response = await as("school_leader").put(url(), body);
    expect(response.statusCode, response.body).toBe(200);
    const draft = json<PpStatement>(response);
    expect(draft.entered).toEqual(body);
    expect(draft.computed.totalBudget).toBe(16_500.5);
    expect(draft.tables).toEqual([
      { tag: "teaching", heading: "Teaching", budget: 1200 },
      { tag: "targeted_academic_support", heading: "Targeted academic support", budget: 400.5 },
      { tag: "wider_strategies", heading: "Wider strategies", budget: 0 },
    ]);
    const reading = draft.strategies.find((s) => s.id === ids.reading);
    expect(reading?.evidence).toContain("Reading comprehension strategies: +6 months");
    expect(reading?.evidence).toMatch(
      /Our own evaluation \(Autumn 1 .* to Autumn 2 .*, 12 pupils\)/,
    );
    expect(draft.strategies.find((s) => s.id === ids.tutoring)?.evidence).toBe(
      PP_TEMPLATE.evidence.evaluationWithheld,
    );
    const rows = await stored();
    expect(rows).toHaveLength(1);
    const audit = await t.deps.db
      .selectFrom("audit_events")
      .select(["action", "target_id", "actor_user_id"])
      .where("target_type", "=", "pp_statement")
      .execute();
    expect(audit).toEqual([
      { action: "pp_statement.created", target_id: rows[0]?.id, actor_user_id: leader.id },
    ]);
    // Saving again updates the one row.
    expect((await as("school_leader").put(url(), body)).statusCode).toBe(200);
    expect(await stored()).toHaveLength(1);
  });

  it("downloads a Word document with every section heading, heading styles, header rows and the figures (audited)", async () => {
    const response = await as("teacher").get(`${url()}/document.docx`);
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toContain("wordprocessingml.document");
    expect(response.headers["content-disposition"]).toBe(
      'attachment; filename="pupil-premium-statement-oakfield-vale-primary-2026-27.docx"',
    );
    const xml = await documentXml(response.rawPayload);
    for (const heading of templateHeadings(PP_TEMPLATE, schoolName))
      expect(xml, heading).toContain(`<w:t xml:space="preserve">${xmlEscape(heading)}</w:t>`);
    expect(xml).toContain('<w:pStyle w:val="Heading1"/>');
    expect(xml).toContain('<w:pStyle w:val="Heading2"/>');
    expect(xml).toContain('<w:pStyle w:val="Heading3"/>');
    expect(xml).toContain("<w:tblHeader/>");
    for (const figure of [
      ">30<",
      ">40.0%<",
      "£16,000.00",
      "£500.50",
      "£16,500.50",
      "Budgeted cost: £1,200.00",
      "Budgeted cost: £400.50",
      "Budgeted cost: £0.00",
      "10 December 2026",
      xmlEscape("Reading fluency <groups>"),
      xmlEscape(PP_TEMPLATE.evidence.evaluationWithheld),
      "1, 2",
      "Fluency Plus",
    ])
      expect(xml, figure).toContain(figure);
    // The script is text, escaped, not markup.
    expect(xml).toContain("&lt;script&gt;");
    const audit = await t.deps.db
      .selectFrom("audit_events")
      .select(["actor_user_id", "target_id", "details"])
      .where("action", "=", "pp_statement.exported")
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.target_id).toBe(school);
    const details = audit[0]?.details;
    expect(typeof details === "string" ? JSON.parse(details) : details).toEqual({
      academicYear: "2026/27",
      format: "docx",
    });
  });

  it("serves the statement as HTML with everything typed escaped", async () => {
    const response = await as("school_leader").get(`${url()}/document.html`);
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toContain("text/html");
    const html = response.body;
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more");
    expect(html).toContain(
      "<h1>Pupil premium strategy statement – Oakfield &amp; Vale &lt;Primary&gt;</h1>",
    );
    expect(html).toContain('<th scope="col">Evidence that supports this approach</th>');
    // Part B: the reading strategy ran last year; the tutoring began this year.
    const partB = html.slice(html.indexOf(PP_TEMPLATE.partB.heading));
    expect(partB).toContain("Reading fluency &lt;groups&gt;");
    expect(partB).not.toContain("Maths tutoring");
  });

  it("takes its headings from the template: a changed copy shows in the Word document", async () => {
    const copy: PpTemplate = structuredClone(PP_TEMPLATE);
    copy.partA.challenges.heading = "Barriers we face";
    copy.partA.activity.columns = ["What we do", "Why", "Which barriers"];
    const actor = {
      userId: leader.id,
      name: "",
      email: "",
      sessionId: "",
      memberships: [
        { role: "school_leader" as const, scopeType: "school" as const, scopeId: school },
      ],
    };
    const row = await schoolForStatement(t.deps.db, actor, school);
    const { blocks } = await draftStatement(t.deps.db, copy, row, {
      academicYear: "2026/27",
      today: "2026-11-23",
    });
    const xml = await documentXml(await statementDocx(blocks, "x"));
    expect(xml).toContain("Barriers we face");
    expect(xml).toContain("Which barriers");
    expect(xml).not.toContain(">Challenges<");
  });

  it("reminds the school's leaders from 1 December, once, until it is marked published", async () => {
    const mailer = new CapturingMailer();
    const outboxFor = async (email: string) =>
      t.deps.db
        .selectFrom("outbox")
        .select(["kind", "subject", "body"])
        .where("to_email", "=", email)
        .where("kind", "=", "pp-statement-due")
        .execute();
    // 23 November: not yet.
    await sendDueReminders({ db: t.deps.db, mailer }, t.clock.now());
    expect(await outboxFor(leader.email)).toEqual([]);
    // 1 December, 00:30 in London: the leader hears once; the teacher never.
    t.clock.advance(Date.parse("2026-12-01T00:30:00Z") - t.clock.now().getTime());
    const first = await sendDueReminders({ db: t.deps.db, mailer }, t.clock.now());
    expect(first.ppStatements).toBeGreaterThanOrEqual(1);
    const mail = await outboxFor(leader.email);
    expect(mail).toHaveLength(1);
    expect(mail[0]?.subject).toBe(`Pupil premium statement due by 31 December: ${schoolName}`);
    expect(mail[0]?.body).toContain("2026/27");
    await sendDueReminders({ db: t.deps.db, mailer }, new Date(t.clock.now().getTime() + DAY));
    expect(await outboxFor(leader.email)).toHaveLength(1);

    // Marked published (signed in afresh: a week has passed): a second leader is not reminded.
    const fresh = await signIn(t, leader);
    const published = await fresh.put(`${url()}/published`, { published: true });
    expect(published.statusCode, published.body).toBe(200);
    expect(json<PpStatement>(published).publishedAt).not.toBeNull();
    const second = await makeStaff(t, { role: "school_leader", schoolId: school });
    await sendDueReminders({ db: t.deps.db, mailer }, new Date(t.clock.now().getTime() + DAY));
    expect(await outboxFor(second.email)).toEqual([]);
  });
});
