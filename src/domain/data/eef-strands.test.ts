import { describe, expect, it } from "vitest";
import {
  COST_BANDS,
  costRating,
  differenceFromReference,
  EEF_STRANDS,
  formatMonths,
  referenceStrand,
  TOOLKIT_URL,
} from "./eef-strands.ts";

/**
 * The Toolkit reference (reference/eef-toolkit-strands.md), transcribed row by
 * row: strand, months (null = "–"), cost £, padlocks, status.
 */
const REFERENCE: [string, number | null, number | null, number | null, string][] = [
  ["Arts participation", 3, 1, 3, "check"],
  ["Aspiration interventions", null, 1, 0, "verified"],
  ["Behaviour interventions", 4, 2, 2, "check"],
  ["Collaborative learning approaches", 5, 1, 2, "verified"],
  ["Extending school time", 3, 3, 2, "check"],
  ["Feedback", 6, 1, 4, "verified"],
  ["Homework", 5, 1, 1, "verified"],
  ["Individualised instruction", 4, 1, 2, "verified"],
  ["Learning styles", null, 1, 0, "verified"],
  ["Mastery learning", 5, 1, 2, "verified"],
  ["Mentoring", 2, 3, 3, "verified"],
  ["Metacognition and self-regulation", 8, 1, 4, "verified"],
  ["One to one tuition", 5, 3, 3, "check"],
  ["Oral language interventions", 6, 1, 4, "verified"],
  ["Outdoor adventure learning", null, 3, 0, "secondary"],
  ["Parental engagement", 4, 1, 4, "verified"],
  ["Peer tutoring", 6, 1, 4, "verified"],
  ["Performance pay", 1, 2, 1, "secondary"],
  ["Phonics", 5, 1, 4, "verified"],
  ["Physical activity", 1, 1, 3, "check"],
  ["Reading comprehension strategies", 6, 1, 4, "check"],
  ["Reducing class size", 2, 5, 1, "verified"],
  ["Repeating a year", -3, 5, 2, "verified"],
  ["School uniform", null, 1, 0, "verified"],
  ["Setting and streaming", 0, 1, 1, "verified"],
  ["Small group tuition", 4, 2, 3, "secondary"],
  ["Social and emotional learning", 4, 1, 1, "check"],
  ["Summer schools", 3, 3, 2, "verified"],
  ["Teaching assistant interventions", 4, 3, 3, "check"],
  ["Within-class attainment grouping", 2, 1, 1, "secondary"],
  ["Digital technology", null, null, null, "retired"],
];

describe("the EEF Toolkit strands shipped with Cascade", () => {
  it("has exactly the reference's rows, with unique keys made from their names", () => {
    expect(EEF_STRANDS.map((s) => s.name).sort()).toEqual(REFERENCE.map((r) => r[0]).sort());
    expect(new Set(EEF_STRANDS.map((s) => s.key)).size).toBe(REFERENCE.length);
    expect(EEF_STRANDS.find((s) => s.name === "Metacognition and self-regulation")?.key).toBe(
      "metacognition-and-self-regulation",
    );
    expect(EEF_STRANDS.find((s) => s.name === "One to one tuition")?.key).toBe(
      "one-to-one-tuition",
    );
  });

  it.each(
    REFERENCE,
  )("ships %s with exactly the reference's figures", (name, months, cost, evidence, status) => {
    const s = EEF_STRANDS.find((x) => x.name === name);
    expect(s).toBeDefined();
    expect([s?.months, s?.cost, s?.evidence, s?.status]).toEqual([months, cost, evidence, status]);
  });

  it("gives every row its source address, the date read and a reason when it is not verified", () => {
    for (const s of EEF_STRANDS) {
      expect(s.sourceUrl).toMatch(
        /^https:\/\/educationendowmentfoundation\.org\.uk\/education-evidence\/teaching-learning-toolkit/,
      );
      expect(s.readOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      if (s.status === "check" || s.status === "retired") expect(s.statusNote).not.toBe("");
    }
    expect(referenceStrand("feedback")?.sourceUrl).toBe(`${TOOLKIT_URL}/feedback`);
  });

  it("gives no months where the evidence is insufficient, and only a retired strand lacks cost or padlocks", () => {
    for (const s of EEF_STRANDS) {
      if (s.evidence === 0) expect(s.months).toBeNull();
      if (s.status !== "retired") {
        expect(s.cost).not.toBeNull();
        expect(s.evidence).not.toBeNull();
      }
    }
    expect(EEF_STRANDS.filter((s) => s.months === null).map((s) => s.name)).toEqual([
      "Aspiration interventions",
      "Learning styles",
      "Outdoor adventure learning",
      "School uniform",
      "Digital technology",
    ]);
  });

  it("keeps every figure inside the ranges the database accepts", () => {
    for (const s of EEF_STRANDS) {
      if (s.months !== null)
        expect(Number.isInteger(s.months) && s.months >= -12 && s.months <= 12).toBe(true);
      if (s.cost !== null) expect(s.cost >= 1 && s.cost <= 5).toBe(true);
      if (s.evidence !== null)
        expect(Number.isInteger(s.evidence) && s.evidence >= 0 && s.evidence <= 5).toBe(true);
    }
  });
});

describe("differenceFromReference", () => {
  const feedback = { months: 6, cost: 1, evidence: 4 };
  it("is null when an administrator's figures agree with the reference", () => {
    expect(differenceFromReference(feedback, feedback)).toBeNull();
  });
  it("names each figure that differs, with the reference's value", () => {
    expect(differenceFromReference({ months: 5, cost: 1, evidence: 3 }, feedback)).toBe(
      "months +5 (reference +6); padlocks 3 (reference 4)",
    );
    expect(differenceFromReference({ months: null, cost: 2, evidence: 4 }, feedback)).toBe(
      "months – (reference +6); cost 2 £ (reference 1 £)",
    );
  });
  it("writes months as the Toolkit does", () => {
    expect([formatMonths(3), formatMonths(-3), formatMonths(0), formatMonths(null)]).toEqual([
      "+3",
      "−3",
      "0",
      "–",
    ]);
  });
});

describe("costRating", () => {
  it.each([
    [0, "very low"],
    [79.99, "very low"],
    [80, "low"],
    [200, "low"],
    [200.01, "moderate"],
    [720, "moderate"],
    [720.01, "high"],
    [1200, "high"],
    [1200.01, "very high"],
    [50_000, "very high"],
  ])("puts £%s per pupil in the %s band", (pounds, label) => {
    expect(costRating(pounds).label).toBe(label);
  });

  it("numbers its bands as the Toolkit's £ signs", () => {
    expect(COST_BANDS.map((b) => b.level)).toEqual([1, 2, 3, 4, 5]);
  });
});
