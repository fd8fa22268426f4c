import { describe, expect, it } from "vitest";
import template from "./data/pp-statement-template.json" with { type: "json" };
import {
  activityTables,
  type Block,
  buildStatement,
  EMPTY_ENTERED,
  evidenceCell,
  fill,
  missingChallenges,
  type PpFacts,
  type PpTemplate,
  proportionEligible,
  type StrategyFacts,
  statementReminderDue,
  suggestChallenges,
  totalBudgetOf,
} from "./pp-statement.ts";

const T = template as PpTemplate;

const strategy = (over: Partial<StrategyFacts> & { id: string }): StrategyFacts => ({
  title: `Strategy ${over.id}`,
  totalCost: null,
  strand: null,
  evaluation: null,
  ...over,
});

const reading = strategy({
  id: "a",
  title: "Reading fluency groups",
  totalCost: 1200.5,
  strand: { name: "Reading comprehension strategies", months: 6, evidence: 4 },
  evaluation: {
    headline: "+3 months",
    period: "Autumn 1 to Summer 2",
    nParticipants: 12,
    nComparison: 20,
  },
});
const tutoring = strategy({
  id: "b",
  title: "Small-group tutoring",
  totalCost: 800,
  strand: { name: "Small group tuition", months: 4, evidence: 2 },
  evaluation: {
    headline: "+5 months",
    period: "Autumn 1 to Autumn 2",
    nParticipants: 5,
    nComparison: 30,
  },
});
const coaching = strategy({ id: "c", title: "Instructional coaching", totalCost: 300.25 });
const breakfast = strategy({ id: "d", title: "Breakfast club" });

const facts = (over: Partial<PpFacts> = {}): PpFacts => ({
  schoolName: "Oakfield Primary",
  academicYear: "2026/27",
  pupils: { onRoll: 240, disadvantaged: 61 },
  entered: {
    ...EMPTY_ENTERED,
    allocation: 88_000,
    carriedForward: 2_500.5,
    challenges: [{ detail: "Low reading stamina" }, { detail: "Attendance" }],
    activities: [
      { strategyId: "a", tag: "teaching", challenges: [1] },
      { strategyId: "c", tag: "teaching", challenges: [2, 1] },
      { strategyId: "b", tag: "targeted_academic_support", challenges: [1] },
      { strategyId: "d", tag: "wider_strategies", challenges: [2] },
    ],
  },
  strategies: [reading, tutoring, coaching, breakfast],
  lastYear: [reading, tutoring],
  ...over,
});

const texts = (blocks: Block[]) =>
  blocks.flatMap((b) => (b.kind === "table" ? [...b.columns, ...b.rows.flat()] : [b.text]));

describe("the pupil premium statement draft", () => {
  it("follows the template's sections, in order, with its headings", () => {
    const headings = buildStatement(T, facts())
      .filter((b) => b.kind === "heading")
      .map((b) => b.text);
    expect(headings).toEqual([
      "Pupil premium strategy statement – Oakfield Primary",
      "School overview",
      "Funding overview",
      "Part A: Pupil premium strategy plan",
      "Statement of intent",
      "Challenges",
      "Intended outcomes",
      "Activity in this academic year",
      "Teaching",
      "Targeted academic support",
      "Wider strategies",
      "Part B: Review of outcomes in the previous academic year",
      "Pupil premium strategy outcomes",
      "Externally provided programmes",
      "Service pupil premium funding (optional)",
      "Further information (optional)",
    ]);
  });

  it("takes every heading from the template: a changed heading shows in the draft", () => {
    const changed: PpTemplate = {
      ...T,
      funding: { ...T.funding, heading: "Money this year" },
    };
    const headings = texts(buildStatement(changed, facts()));
    expect(headings).toContain("Money this year");
    expect(headings).not.toContain("Funding overview");
  });

  it("computes pupil numbers, % eligible and the total budget", () => {
    const all = texts(buildStatement(T, facts()));
    expect(all).toContain("240");
    expect(all).toContain("25.4%"); // 61 / 240 = 25.42%
    expect(all).toContain("£88,000.00");
    expect(all).toContain("£2,500.50");
    expect(all).toContain("£90,500.50");
    expect(totalBudgetOf({ allocation: null, carriedForward: null })).toBeNull();
    expect(totalBudgetOf({ allocation: 10.1, carriedForward: 0.2 })).toBe(10.3);
  });

  it("withholds % eligible when 1 to 5 pupils are eligible, and shows 0", () => {
    expect(proportionEligible({ onRoll: 200, disadvantaged: 5 })).toEqual({
      pct: null,
      withheld: true,
    });
    expect(proportionEligible({ onRoll: 200, disadvantaged: 6 })).toEqual({
      pct: 3,
      withheld: false,
    });
    expect(proportionEligible({ onRoll: 200, disadvantaged: 0 })).toEqual({
      pct: 0,
      withheld: false,
    });
    expect(
      texts(buildStatement(T, facts({ pupils: { onRoll: 200, disadvantaged: 3 } }))),
    ).toContain(T.withheld);
  });

  it("groups the activities into the three tables, each with its budget summed", () => {
    const tables = activityTables(facts());
    expect(tables.map((t) => [t.tag, t.rows.map((r) => r.strategy.id), t.budget])).toEqual([
      ["teaching", ["a", "c"], 1500.75],
      ["targeted_academic_support", ["b"], 800],
      ["wider_strategies", ["d"], 0],
    ]);
    // Challenge numbers in order.
    expect(tables[0]?.rows[1]?.challenges).toEqual([1, 2]);
    const all = texts(buildStatement(T, facts()));
    expect(all).toContain("Budgeted cost: £1,500.75");
    expect(all).toContain("Budgeted cost: £800.00");
    expect(all).toContain("Budgeted cost: £0.00");
  });

  it("drafts the evidence cell from the strand's headline and the strategy's own evaluation", () => {
    expect(evidenceCell(T, reading)).toBe(
      "EEF Teaching and Learning Toolkit, Reading comprehension strategies: +6 months' additional progress on average, evidence strength 4 of 5. Our own evaluation (Autumn 1 to Summer 2, 12 pupils): +3 months",
    );
    expect(evidenceCell(T, coaching)).toBe(T.evidence.notEvaluated);
  });

  it("withholds an evaluation of 5 or fewer pupils, in the activity tables and in Part B", () => {
    expect(evidenceCell(T, tutoring)).toContain(T.evidence.evaluationWithheld);
    expect(evidenceCell(T, tutoring)).not.toContain("+5 months");
    const all = texts(buildStatement(T, facts()));
    expect(all.join(" ")).not.toContain("+5 months");
    const blocks = buildStatement(T, facts());
    const at = blocks.findIndex((b) => b.kind === "heading" && b.text === T.partB.outcomes.heading);
    const partB = blocks.slice(at).find((b) => b.kind === "table");
    expect(partB).toEqual({
      kind: "table",
      columns: T.partB.outcomes.columns,
      rows: [
        [
          "Reading fluency groups",
          "Our own evaluation (Autumn 1 to Summer 2, 12 pupils): +3 months",
        ],
        ["Small-group tutoring", T.evidence.evaluationWithheld],
      ],
    });
    // A comparison group of 5 withholds the figures too.
    expect(
      evidenceCell(T, {
        ...reading,
        evaluation: { headline: "+3 months", period: "p", nParticipants: 40, nComparison: 5 },
      }),
    ).toContain(T.evidence.evaluationWithheld);
  });

  it("says what is not yet entered rather than leaving a gap", () => {
    const blocks = buildStatement(
      T,
      facts({ entered: EMPTY_ENTERED, strategies: [], lastYear: [] }),
    );
    const challenges = blocks.find(
      (b) => b.kind === "table" && b.columns[0] === "Challenge number",
    );
    expect(challenges).toEqual({
      kind: "table",
      columns: ["Challenge number", "Detail of challenge"],
      rows: [[T.notEntered, ""]],
    });
  });

  it("finds challenge numbers that do not exist", () => {
    expect(
      missingChallenges({
        challenges: [{ detail: "x" }],
        activities: [
          { strategyId: "a", tag: "teaching", challenges: [1, 2] },
          { strategyId: "b", tag: "teaching", challenges: [3] },
        ],
      }),
    ).toEqual([
      { index: 0, number: 2 },
      { index: 1, number: 3 },
    ]);
  });

  it("suggests challenges from the gaps, widest first, skipping small groups and small gaps", () => {
    expect(
      suggestChallenges([
        { measureName: "Writing", disadvantagedN: 10, otherN: 20, gap: 0.3, gapInSd: 0.3 },
        { measureName: "Reading", disadvantagedN: 10, otherN: 20, gap: 0.8, gapInSd: 0.8 },
        { measureName: "Maths", disadvantagedN: 5, otherN: 20, gap: 1, gapInSd: 1 },
        { measureName: "Spelling", disadvantagedN: 10, otherN: 20, gap: 0.05, gapInSd: 0.05 },
      ]),
    ).toEqual([
      "Disadvantaged pupils are behind their peers in Reading: the gap is wide on the school's latest assessment.",
      "Disadvantaged pupils are behind their peers in Writing: the gap is noticeable on the school's latest assessment.",
    ]);
  });

  it("fills placeholders and leaves unknown ones", () => {
    expect(fill("{school} in {year} {other}", { school: "A", year: "2026/27" })).toBe(
      "A in 2026/27 {other}",
    );
  });

  it("reminds through December only", () => {
    expect(statementReminderDue("2026-11-30")).toBe(false);
    expect(statementReminderDue("2026-12-01")).toBe(true);
    expect(statementReminderDue("2026-12-31")).toBe(true);
    expect(statementReminderDue("2027-01-01")).toBe(false);
  });
});
