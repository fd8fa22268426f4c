import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, TestClient } from "../../../../test/support/client.ts";
import { testEngine } from "../../../../test/support/engines.ts";
import { createTestApp, type TestApp } from "../../../../test/support/test-app.ts";
import type { PpEnteredInput, PpStatement } from "../../../contracts/pp-statement.ts";
import { EMPTY_ENTERED } from "../../../domain/pp-statement.ts";
import { type LoadedDemo, loadDemoNetwork } from "../demo/load-demo.ts";

const PASSWORD = "demo password for the pupil premium statement golden test";

/**
 * A golden test on the demo network (its fixed seed, on the test clock): the
 * statement school 1's leader drafts, with every computed figure exact. A
 * change to the demo, the evaluation or the draft that moves a figure fails here.
 */
describe(`pupil premium statement on the demo network: golden figures [${testEngine()}]`, () => {
  let t: TestApp;
  let demo: LoadedDemo;
  let leader: TestClient;
  let school: string;

  beforeAll(async () => {
    t = await createTestApp();
    demo = await t.deps.db
      .transaction()
      .execute((trx) => loadDemoNetwork(trx, { now: t.clock.now(), password: PASSWORD }));
    const person = demo.network.people.find((p) => p.key === "leader");
    if (!person) throw new Error("no demo leader");
    leader = new TestClient(t.app);
    const login = await leader.post("/api/auth/login", { email: person.email, password: PASSWORD });
    expect(login.statusCode, login.body).toBe(200);
    school = demo.schoolIds["school-1"] ?? "";
  });
  afterAll(async () => t.close());

  it("drafts school 1's statement with these figures", async () => {
    const url = `/api/schools/${school}/pp-statement`;
    const empty = json<PpStatement>(await leader.get(url));
    const strategies = [...empty.strategies].sort((a, b) => a.title.localeCompare(b.title));
    const tags = ["teaching", "targeted_academic_support", "wider_strategies"] as const;
    const body: PpEnteredInput = {
      ...EMPTY_ENTERED,
      allocation: 48_930,
      carriedForward: 1_200,
      challenges: [{ detail: "Reading" }, { detail: "Attendance" }],
      activities: strategies.map((s, i) => ({
        strategyId: s.id,
        tag: tags[i % 3] ?? "teaching",
        challenges: [1 + (i % 2)],
      })),
    };
    const saved = await leader.put(url, body);
    expect(saved.statusCode, saved.body).toBe(200);
    const draft = json<PpStatement>(saved);
    const golden = {
      computed: draft.computed,
      strategies: strategies.map((s) => ({
        title: s.title,
        totalCost: s.totalCost,
        evidence: draft.strategies.find((d) => d.id === s.id)?.evidence,
      })),
      tables: draft.tables,
      suggestedChallenges: draft.suggestedChallenges,
    };
    expect(golden).toEqual({
      computed: {
        pupilsOnRoll: 105,
        disadvantaged: 49,
        proportionPct: 46.7,
        proportionWithheld: false,
        totalBudget: 50_130,
      },
      strategies: [
        {
          title: "Reading buddies",
          totalCost: 450,
          evidence:
            "EEF Teaching and Learning Toolkit, Peer tutoring: +6 months' additional progress on average, evidence strength 4 of 5. Our own evaluation (Autumn 1 2026/27 to Autumn 2 2026/27, 15 pupils): No months' progress: months are the EEF's scale for attainment, so this theme measure shows its change in its own units and g.",
        },
      ],
      tables: [
        { tag: "teaching", heading: "Teaching", budget: 450 },
        { tag: "targeted_academic_support", heading: "Targeted academic support", budget: 0 },
        { tag: "wider_strategies", heading: "Wider strategies", budget: 0 },
      ],
      suggestedChallenges: [
        "Disadvantaged pupils are behind their peers in Attendance: the gap is wide on the school's latest assessment.",
        "Disadvantaged pupils are behind their peers in Self-Aware Learner: the gap is wide on the school's latest assessment.",
        "Disadvantaged pupils are behind their peers in Academically Competent Learner: the gap is wide on the school's latest assessment.",
        "Disadvantaged pupils are behind their peers in Maths scaled score: the gap is noticeable on the school's latest assessment.",
        "Disadvantaged pupils are behind their peers in Reading scaled score: the gap is noticeable on the school's latest assessment.",
      ],
    });
    // The pupil numbers, counted here another way: on roll today, pupil premium (the demo's rule).
    const pupils = await t.deps.db
      .selectFrom("pupils")
      .select(["pupil_premium", "left_on"])
      .where("school_id", "=", school)
      .execute();
    const onRoll = pupils.filter((p) => p.left_on === null || p.left_on > "2026-11-23");
    expect([onRoll.length, onRoll.filter((p) => p.pupil_premium).length]).toEqual([105, 49]);
    const docx = await leader.get(`${url}/document.docx`);
    const xml = await (await JSZip.loadAsync(docx.rawPayload))
      .file("word/document.xml")
      ?.async("string");
    for (const figure of [
      ">105<",
      ">46.7%<",
      "£48,930.00",
      "£1,200.00",
      "£50,130.00",
      "Budgeted cost: £450.00",
    ])
      expect(xml, figure).toContain(figure);
  });
});
