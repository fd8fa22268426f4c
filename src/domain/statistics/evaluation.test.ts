import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { evaluateStrategy, type PupilScores } from "./evaluation.ts";

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
