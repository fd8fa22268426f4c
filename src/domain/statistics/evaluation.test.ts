import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { evaluateStrategy, MIN_GROUP_FOR_EFFECT, type PupilScores } from "./evaluation.ts";

const reference = JSON.parse(
  readFileSync(new URL("./fixtures/reference.json", import.meta.url), "utf8"),
) as {
  cases: Array<{
    treatment: { pre: number[]; post: number[] };
    comparison: { pre: number[]; post: number[] };
    ppc: { g: number; ciLow: number; ciHigh: number };
    smcTreatment: { g: number };
  }>;
};

const pupils = (pre: number[], post: number[]): PupilScores[] =>
  pre.map((b, i) => ({ name: `P${i}`, before: b, after: post[i] ?? null }));

describe("a strategy's evaluation", () => {
  const c1 = reference.cases[0];
  if (!c1) throw new Error("no fixture");
  const base = {
    comparisonLabel: "Other disadvantaged pupils",
    higherIsBetter: true,
    measureKind: "attainment",
    costPounds: 600,
    participantCount: 15,
    secondary: false,
  };

  it("gives Morris's g with a comparison group, as R does, and months and cost per pupil", () => {
    const result = evaluateStrategy({
      ...base,
      participants: pupils(c1.treatment.pre, c1.treatment.post),
      comparison: pupils(c1.comparison.pre, c1.comparison.post),
    });
    expect(result.effect?.g).toBeCloseTo(c1.ppc.g, 9);
    expect(result.effect?.ciLow).toBeCloseTo(c1.ppc.ciLow, 9);
    expect(result.participants.n).toBe(15);
    expect(result.comparison?.n).toBe(40);
    expect(result.costPerPupil).toBe(40);
    expect(result.costRating).toBe("very low");
    expect(result.warnings.map((w) => w.code)).not.toContain("no-comparison");
    expect(result.differenceInChange).toBeCloseTo(
      (result.participants.change ?? 0) - (result.comparison?.change ?? 0),
      12,
    );
  });

  it("labels the design without a comparison group as the weakest, using the standardised mean change", () => {
    const result = evaluateStrategy({
      ...base,
      participants: pupils(c1.treatment.pre, c1.treatment.post),
      comparison: null,
    });
    expect(result.effect?.g).toBeCloseTo(c1.smcTreatment.g, 9);
    expect(result.warnings.find((w) => w.code === "no-comparison")?.text).toContain(
      "weakest design",
    );
    // The EEF months assume a comparison group: none here, whatever g is.
    expect(result.months).toBeNull();
    expect(result.monthsText).toBeNull();
    expect(result.monthsNote).toContain("comparison group");
  });

  it("warns about small groups, missing data and baseline imbalance", () => {
    const participants: PupilScores[] = [
      { name: "A", before: 90, after: 100 },
      { name: "B", before: 95, after: 99 },
      { name: "C", before: 100, after: 108 },
      { name: "D", before: null, after: 104 },
    ];
    const comparison: PupilScores[] = Array.from({ length: 20 }, (_, i) => ({
      name: `C${i}`,
      before: 110 + (i % 5),
      after: 112 + (i % 6),
    }));
    const result = evaluateStrategy({ ...base, participants, comparison });
    const codes = result.warnings.map((w) => w.code);
    expect(codes).toContain("small-group");
    expect(codes).toContain("missing-data");
    expect(codes).toContain("not-comparable");
    expect(result.warnings.find((w) => w.code === "missing-data")?.text).toContain("1 pupil");
    expect(result.participants).toMatchObject({ n: 3, missing: 1 });
  });

  it("turns g round for a measure where lower is better, so positive always means participants did better", () => {
    const participants = pupils([5, 6, 4, 7, 5, 6], [2, 3, 2, 4, 2, 3]);
    const comparison = pupils([5, 6, 5, 7, 4, 6], [5, 6, 4, 7, 5, 6]);
    const higher = evaluateStrategy({ ...base, participants, comparison, higherIsBetter: true });
    const lower = evaluateStrategy({ ...base, participants, comparison, higherIsBetter: false });
    expect(lower.effect?.g).toBeCloseTo(-(higher.effect?.g ?? 0), 12);
    expect(lower.effect?.g).toBeGreaterThan(0);
    expect(lower.effect?.ciLow).toBeCloseTo(-(higher.effect?.ciHigh ?? 0), 12);
  });

  it("says months may understate impacts at secondary", () => {
    const result = evaluateStrategy({
      ...base,
      secondary: true,
      participants: pupils(c1.treatment.pre, c1.treatment.post),
      comparison: pupils(c1.comparison.pre, c1.comparison.post),
    });
    expect(result.warnings.map((w) => w.code)).toContain("secondary-months");
  });
});

describe("an evaluation at the edges", () => {
  const base = {
    comparisonLabel: "Other disadvantaged pupils",
    higherIsBetter: true,
    measureKind: "attainment",
    costPounds: null,
    participantCount: 6,
    secondary: false,
  };
  const flatPupils = (scores: number[], gain = 0) =>
    scores.map((s, i) => ({ name: `P${i}`, before: s, after: s + gain }));

  it("no pupil's rating changes: no effect, a plain reason, no NaN", () => {
    const result = evaluateStrategy({
      ...base,
      participants: flatPupils([1, 2, 2, 3, 4, 3]),
      comparison: flatPupils([2, 3, 1, 4, 2, 3, 2]),
    });
    expect(result.effect).toBeNull();
    expect(result.months).toBeNull();
    expect(result.warnings.find((w) => w.code === "no-variance")?.text).toContain(
      "No usable variance",
    );
    expect(JSON.stringify(result)).not.toMatch(/NaN|Infinity/);
  });

  it("every pupil gains exactly 2: no usable variance either", () => {
    const result = evaluateStrategy({
      ...base,
      participants: flatPupils([90, 95, 100, 104, 110, 99], 2),
      comparison: flatPupils([88, 96, 101, 107, 93, 99, 102], 2),
    });
    expect(result.effect).toBeNull();
    expect(result.warnings.map((w) => w.code)).toContain("no-variance");
    expect(result.differenceInChange).toBeCloseTo(0, 12);
  });

  it("all scores equal: says there is no spread", () => {
    const result = evaluateStrategy({
      ...base,
      participants: flatPupils([3, 3, 3, 3, 3, 3]),
      comparison: flatPupils([3, 3, 3, 3, 3, 3, 3, 3]),
    });
    expect(result.effect).toBeNull();
    expect(result.warnings.map((w) => w.code)).toContain("no-spread");
  });

  it.each([
    1, 2, 4,
  ])("%s pupils a group is below the minimum: means, a warning, no g, CI or months", (n) => {
    const participants = pupils([90, 95, 100, 105].slice(0, n), [96, 99, 108, 110].slice(0, n));
    const comparison = pupils([91, 96, 99, 104, 97, 100], [93, 97, 101, 106, 98, 103]);
    const result = evaluateStrategy({ ...base, participants, comparison });
    expect(result.effect).toBeNull();
    expect(result.months).toBeNull();
    expect(result.participants.meanBefore).not.toBeNull();
    expect(result.warnings.find((w) => w.code === "below-minimum")?.text).toContain(
      `Fewer than ${MIN_GROUP_FOR_EFFECT}`,
    );
  });

  it("5 a group is enough for an effect size", () => {
    const participants = pupils([90, 95, 100, 105, 98], [96, 99, 108, 110, 101]);
    const comparison = pupils([91, 96, 99, 104, 97], [93, 97, 101, 106, 98]);
    const result = evaluateStrategy({ ...base, participants, comparison });
    expect(result.effect).not.toBeNull();
  });

  it("a negative effect reads as less progress, with no praise word", () => {
    const participants = pupils([90, 95, 100, 105, 98, 102], [90, 94, 99, 104, 98, 101]);
    const comparison = pupils([91, 96, 99, 104, 97, 103], [96, 101, 105, 109, 103, 108]);
    const result = evaluateStrategy({ ...base, participants, comparison });
    expect(result.effect?.g).toBeLessThan(0);
    expect(result.months).toBeLessThan(0);
    expect(result.monthsLabel).toBeNull();
    expect(result.monthsText).toMatch(/less progress than the comparison group/);
    expect(result.monthsText).not.toMatch(/high|moderate|impact/i);
  });

  it.each([
    "attendance",
    "behaviour",
    "theme",
  ])("a %s measure shows g and the change in its units, never months", (measureKind) => {
    const result = evaluateStrategy({
      ...base,
      measureKind,
      participants: pupils(c1().treatment.pre, c1().treatment.post),
      comparison: pupils(c1().comparison.pre, c1().comparison.post),
    });
    expect(result.effect).not.toBeNull();
    expect(result.differenceInChange).not.toBeNull();
    expect(result.months).toBeNull();
    expect(result.monthsNote).toContain(measureKind);
  });

  it("compares the baseline gap after rounding to what it prints", () => {
    // A difference of 0.2504 SD prints as 0.25: that is caution, not "more than 0.25".
    const participants = pupils([10, 12, 14, 16, 18, 20], [11, 13, 15, 17, 19, 21]);
    const sdPre = Math.sqrt(14);
    const shift = 0.2504 * sdPre;
    const comparison = pupils(
      [10, 12, 14, 16, 18, 20].map((x) => x - shift),
      [12, 13, 16, 17, 20, 21].map((x) => x - shift),
    );
    const result = evaluateStrategy({ ...base, participants, comparison });
    const codes = result.warnings.map((w) => w.code);
    expect(codes).toContain("caution");
    expect(codes).not.toContain("not-comparable");
    expect(result.warnings.find((w) => w.code === "caution")?.text).toContain("0.25 SD apart");
  });

  it("carries a period warning through", () => {
    const result = evaluateStrategy({
      ...base,
      periodWarning: "This period ends before the strategy began.",
      participants: pupils(c1().treatment.pre, c1().treatment.post),
      comparison: null,
    });
    expect(result.warnings.map((w) => w.code)).toContain("period");
  });
});

function c1() {
  const c = reference.cases[0];
  if (!c) throw new Error("no fixture");
  return c;
}
