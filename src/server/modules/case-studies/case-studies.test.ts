import { PDFParse } from "pdf-parse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, type TestClient } from "../../../../test/support/client.ts";
import { testEngine } from "../../../../test/support/engines.ts";
import {
  makeCluster,
  makePupil,
  makeSchoolYear,
  makeSharedStrategy,
  makeStaff,
  repeat,
  signIn,
} from "../../../../test/support/factories.ts";
import { createTestApp, type TestApp } from "../../../../test/support/test-app.ts";
import type { CaseStudy, CaseStudyList } from "../../../contracts/case-studies.ts";
import { buildCaseStudyFacts } from "../../../domain/case-study-draft.ts";

async function textOf(bytes: Buffer): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(bytes) });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}

describe(`case studies: drafted, scanned, reviewed, published, found [${testEngine()}]`, () => {
  let t: TestApp;
  let schoolId: string;
  let schoolName: string;
  let strategyId: string;
  let studyId: string;
  let leader: TestClient;
  let teacher: TestClient;
  let lead: TestClient;
  let otherLead: TestClient;
  let admin: TestClient;
  let outsider: TestClient;
  let sameCluster: TestClient;

  beforeAll(async () => {
    t = await createTestApp();
    const cluster = (await makeCluster(t)).id;
    const year = await makeSchoolYear(t, {
      clusterId: cluster,
      pupils: [
        ...repeat(15, { pupilPremium: true, inCohort: true }),
        ...repeat(8, { pupilPremium: true }),
        ...repeat(6, {}),
      ],
    });
    schoolId = year.schoolId;
    schoolName = (
      await t.deps.db
        .selectFrom("schools")
        .select("name")
        .where("id", "=", schoolId)
        .executeTakeFirstOrThrow()
    ).name;
    await makePupil(t, { schoolId, firstName: "Zoë", lastName: "O'Brien", yearGroup: "3" });
    strategyId = (
      await makeSharedStrategy(t, {
        year,
        title: "Peer tutors in year 5",
        strandKey: "peer-tutoring",
        themeKey: "resilient",
      })
    ).strategyId;
    leader = await signIn(t, await makeStaff(t, { role: "school_leader", schoolId }));
    teacher = await signIn(t, await makeStaff(t, { role: "teacher", schoolId }));
    lead = await signIn(t, await makeStaff(t, { role: "programme_lead", clusterId: cluster }));
    otherLead = await signIn(t, await makeStaff(t, { role: "programme_lead" }));
    admin = await signIn(t, await makeStaff(t, { role: "network_admin" }));
    const elsewhere = await makeSchoolYear(t, { pupils: repeat(3, {}) });
    outsider = await signIn(
      t,
      await makeStaff(t, { role: "teacher", schoolId: elsewhere.schoolId }),
    );
    const neighbour = await makeSchoolYear(t, { clusterId: cluster, pupils: repeat(3, {}) });
    sameCluster = await signIn(
      t,
      await makeStaff(t, { role: "teacher", schoolId: neighbour.schoolId }),
    );
  });
  afterAll(() => t.close());

  const get = async (who: TestClient) => who.get(`/api/case-studies/${studyId}`);

  it("a leader starts a case study from the evaluated strategy: facts from its aggregates", async () => {
    expect((await teacher.post(`/api/strategies/${strategyId}/case-studies`, {})).statusCode).toBe(
      403,
    );
    expect((await outsider.post(`/api/strategies/${strategyId}/case-studies`, {})).statusCode).toBe(
      403,
    );
    const res = await leader.post(`/api/strategies/${strategyId}/case-studies`, {});
    expect(res.statusCode, res.body).toBe(201);
    const study = json<CaseStudy>(res);
    studyId = study.id;
    expect(study.title).toBe("Peer tutors in year 5");
    expect(study.status).toBe("draft");
    expect(study.school).toBe(schoolName);
    expect(study.pseudonym).toMatch(/^School [A-Z]{2}\d$/u);
    expect(study.facts.challenge.cohortSize).toBe(15);
    expect(study.facts.challenge.theme).toBe("Resilient Learner");
    expect(study.facts.done.strand?.key).toBe("peer-tutoring");
    expect(study.facts.data.designKind).toBe("comparison-group");
    expect(study.facts.data.g).not.toBeNull();
    expect(study.facts.data.series).toHaveLength(2);
    expect(study.events.map((e) => e.kind)).toEqual(["created"]);
  });

  it("a draft is read by the school's team and its reviewers only", async () => {
    expect((await get(teacher)).statusCode).toBe(200);
    expect((await get(lead)).statusCode).toBe(200);
    expect((await get(admin)).statusCode).toBe(200);
    expect((await get(otherLead)).statusCode).toBe(404);
    expect((await get(outsider)).statusCode).toBe(404);
    expect((await get(sameCluster)).statusCode).toBe(404);
    const drafts = json<{ items: Array<{ id: string; school: string }> }>(
      await lead.get("/api/case-studies/drafts"),
    );
    expect(drafts.items.find((i) => i.id === studyId)?.school).toMatch(/^School /u);
    expect(
      json<{ items: unknown[] }>(await outsider.get("/api/case-studies/drafts")).items,
    ).toHaveLength(0);
  });

  it("refuses a submit that names a pupil, with the words per field, and changes nothing", async () => {
    const edit = await leader.patch(`/api/case-studies/${studyId}`, {
      learned: "**Zoe's** reading grew, and O\u2019Brien said so. Also an Annual review.",
      advice: "Start small.",
      quote: "> It helped me read",
    });
    expect(edit.statusCode, edit.body).toBe(200);
    expect((await teacher.patch(`/api/case-studies/${studyId}`, { advice: "x" })).statusCode).toBe(
      403,
    );
    const res = await leader.post(`/api/case-studies/${studyId}/submit`);
    expect(res.statusCode, res.body).toBe(422);
    const problem = json<{ errors: Array<{ field: string; words: string[]; message: string }> }>(
      res,
    );
    expect(problem.errors).toEqual([
      {
        field: "learned",
        words: ["Zoe's", "O\u2019Brien"],
        message: "What we learned: remove these words: Zoe's, O\u2019Brien.",
      },
    ]);
    expect(json<CaseStudy>(await get(leader)).status).toBe("draft");
  });

  it("goes through review: submit, changes requested, resubmit, publish, withdraw", async () => {
    await leader.patch(`/api/case-studies/${studyId}`, {
      learned: "**Their** reading grew, and the tutors said so.",
    });
    const submitted = await leader.post(`/api/case-studies/${studyId}/submit`);
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(json<CaseStudy>(submitted).status).toBe("submitted");
    expect((await leader.patch(`/api/case-studies/${studyId}`, { advice: "x" })).statusCode).toBe(
      409,
    );
    expect(
      (await otherLead.post(`/api/case-studies/${studyId}/publish`, { audience: "network" }))
        .statusCode,
    ).toBe(404);
    expect(
      (await leader.post(`/api/case-studies/${studyId}/publish`, { audience: "network" }))
        .statusCode,
    ).toBe(403);
    const comment = await lead.post(`/api/case-studies/${studyId}/comments`, { body: "Lovely." });
    expect(comment.statusCode, comment.body).toBe(200);
    const back = await lead.post(`/api/case-studies/${studyId}/request-changes`, {
      body: "Say what the tutors did each week.",
    });
    expect(json<CaseStudy>(back).status).toBe("changes_requested");
    await leader.patch(`/api/case-studies/${studyId}`, {
      differently: "Train the tutors *before* the first session.",
    });
    expect((await leader.post(`/api/case-studies/${studyId}/submit`)).statusCode).toBe(200);
    const published = await lead.post(`/api/case-studies/${studyId}/publish`, {
      audience: "cluster",
    });
    expect(published.statusCode, published.body).toBe(200);
    expect(json<CaseStudy>(published)).toMatchObject({ status: "published", audience: "cluster" });
    expect(json<CaseStudy>(published).events.map((e) => e.kind)).toEqual([
      "created",
      "submitted",
      "comment",
      "changes_requested",
      "submitted",
      "published",
    ]);
    const audit = await t.deps.db
      .selectFrom("audit_events")
      .select("action")
      .where("target_id", "=", studyId)
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      "case_study.created",
      "case_study.updated",
      "case_study.updated",
      "case_study.submitted",
      "case_study.commented",
      "case_study.changes_requested",
      "case_study.updated",
      "case_study.submitted",
      "case_study.published",
    ]);
  });

  it("published to the cluster: its schools read it, others do not", async () => {
    const seen = await get(sameCluster);
    expect(seen.statusCode).toBe(200);
    const study = json<CaseStudy>(seen);
    expect(study.school).toMatch(/^School [A-Z]{2}\d$/u);
    expect(study.events).toEqual([]);
    expect(study.strategyId).toBeNull();
    expect((await get(outsider)).statusCode).toBe(404);
    const found = json<CaseStudyList>(await outsider.get("/api/case-studies?q=tutors"));
    expect(found.items.map((i) => i.id)).not.toContain(studyId);
  });

  it("published to the network: a teacher in another cluster finds it by search", async () => {
    await leader.post(`/api/case-studies/${studyId}/withdraw`, {});
    await leader.post(`/api/case-studies/${studyId}/submit`);
    const res = await admin.post(`/api/case-studies/${studyId}/publish`, { audience: "network" });
    expect(res.statusCode, res.body).toBe(200);
    const found = json<CaseStudyList>(await outsider.get("/api/case-studies?q=tutors"));
    const card = found.items.find((i) => i.id === studyId);
    expect(card).toMatchObject({ designKind: "comparison-group", n: 15 });
    expect(card?.g).not.toBeNull();
    expect(card?.school).toMatch(/^School /u);
    const pdf = await outsider.get(`/api/case-studies/${studyId}/case-study.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    const text = await textOf(pdf.rawPayload);
    expect(text).toContain("Peer tutors in year 5");
    expect(text).toContain("Train the tutors before the first session.");
    expect(text).not.toContain(schoolName);
    expect(text).not.toMatch(/Zo[eë]|O.Brien/u);
    const exported = await t.deps.db
      .selectFrom("audit_events")
      .select("action")
      .where("target_id", "=", studyId)
      .where("action", "=", "case_study.exported")
      .execute();
    expect(exported).toHaveLength(1);
  });

  it("a named school is shown by name", async () => {
    await admin.post(`/api/case-studies/${studyId}/withdraw`, { body: "Naming it" });
    await leader.patch(`/api/case-studies/${studyId}`, { showSchoolName: true });
    await leader.post(`/api/case-studies/${studyId}/submit`);
    await lead.post(`/api/case-studies/${studyId}/publish`, { audience: "network" });
    expect(json<CaseStudy>(await get(outsider)).school).toBe(schoolName);
  });

  it("withdrawn: gone from the library and from other schools", async () => {
    const res = await lead.post(`/api/case-studies/${studyId}/withdraw`, { body: "Out of date" });
    expect(json<CaseStudy>(res).status).toBe("withdrawn");
    expect((await get(outsider)).statusCode).toBe(404);
    expect(
      json<CaseStudyList>(await outsider.get("/api/case-studies")).items.map((i) => i.id),
    ).not.toContain(studyId);
    expect((await get(leader)).statusCode).toBe(200);
  });

  describe("the library: ranking and filters", () => {
    const ids: Record<string, string> = {};
    beforeAll(async () => {
      const strands = await t.deps.db
        .selectFrom("eef_strands")
        .select(["id", "key"])
        .where("key", "in", ["oral-language-interventions", "metacognition-and-self-regulation"])
        .execute();
      const strand = (key: string) => strands.find((s) => s.key === key)?.id ?? null;
      const facts = (g: number, design: "comparison-group" | "pre-post", strandName: string) =>
        buildCaseStudyFacts({
          title: "x",
          theme: null,
          strand: { key: "k", name: strandName, months: 5, cost: 1, evidence: 3 },
          phase: "primary",
          participants: 20,
          yearGroups: ["4"],
          startsOn: null,
          endsOn: null,
          sessionsPerWeek: null,
          minutesPerSession: null,
          costPounds: design === "pre-post" ? 100 : 20_000,
          cascadeStage: "target_cohort",
          decision: null,
          evaluation: {
            measureName: "Reading",
            measureKind: "attainment",
            fromLabel: "A",
            toLabel: "B",
            comparisonLabel: design === "pre-post" ? null : "Others",
            designKind: design,
            groups: [
              { label: "Participants", n: 20, meanBefore: 1, meanAfter: 2, missing: 0 },
              ...(design === "pre-post"
                ? []
                : [{ label: "Others", n: 20, meanBefore: 1, meanAfter: 1.5, missing: 0 }]),
            ],
            g,
            ciLow: g - 0.3,
            ciHigh: g + 0.3,
            warnings: [],
            secondary: false,
          },
        });
      const insert = async (
        key: string,
        title: string,
        advice: string,
        g: number,
        design: "comparison-group" | "pre-post",
        strandKey: string,
        day: number,
      ) => {
        const f = facts(g, design, strandKey);
        const row = await t.deps.db
          .insertInto("case_studies")
          .values({
            school_id: schoolId,
            status: "published",
            audience: "network",
            title,
            advice,
            facts: JSON.stringify(f),
            eef_strand_id: strand(strandKey),
            phase: "primary",
            year_groups: ["4"],
            cost_band: f.done.costBand?.label ?? null,
            effect_size: g,
            design,
            pupils: 20,
            created_at: new Date(),
            updated_at: new Date(),
            published_at: new Date(Date.UTC(2026, 10, day)),
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        ids[key] = row.id;
      };
      await insert(
        "titled",
        "Oracy circles",
        "Talk daily.",
        0.2,
        "comparison-group",
        "oral-language-interventions",
        1,
      );
      await insert(
        "advised",
        "Quiet reading",
        "Oracy helps too.",
        0.6,
        "pre-post",
        "metacognition-and-self-regulation",
        2,
      );
      await insert(
        "other",
        "Maths mastery",
        "Practise.",
        0.4,
        "comparison-group",
        "metacognition-and-self-regulation",
        3,
      );
    });

    const list = async (query: string) =>
      json<CaseStudyList>(await outsider.get(`/api/case-studies?${query}`)).items.map((i) => i.id);

    it("ranks a title match above a match in the team's words", async () => {
      expect(await list("q=oracy")).toEqual([ids.titled, ids.advised]);
      expect(await list("q=oracy -circles")).toEqual([ids.advised]);
    });

    it("filters by strand, design, cost band, year group, phase and effect range", async () => {
      expect(await list("strand=oral-language-interventions")).toEqual([ids.titled]);
      expect(await list("design=pre-post")).toEqual([ids.advised]);
      expect(await list("costBand=very%20low")).toEqual([ids.advised]);
      expect(await list("yearGroup=4&sort=date")).toEqual([ids.other, ids.advised, ids.titled]);
      expect(await list("phase=secondary")).toEqual([]);
      expect(await list("minG=0.3&maxG=0.5")).toEqual([ids.other]);
    });

    it("sorts by effect, strongest first", async () => {
      expect(await list("yearGroup=4&sort=effect")).toEqual([ids.advised, ids.other, ids.titled]);
    });
  });
});
