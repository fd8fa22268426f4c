import { describe, expect, it } from "vitest";
import { COST_BANDS, costRating, EEF_STRANDS } from "./eef-strands.ts";

describe("the EEF Toolkit strands shipped with Cascade", () => {
  it("has thirty strands with unique keys made from their names", () => {
    expect(EEF_STRANDS).toHaveLength(30);
    expect(new Set(EEF_STRANDS.map((s) => s.key)).size).toBe(30);
    expect(EEF_STRANDS.find((s) => s.name === "Metacognition and self-regulation")?.key).toBe(
      "metacognition-and-self-regulation",
    );
    expect(EEF_STRANDS.find((s) => s.name === "One to one tuition")?.key).toBe(
      "one-to-one-tuition",
    );
  });

  it("keeps every figure inside the ranges the database accepts", () => {
    for (const s of EEF_STRANDS) {
      expect(Number.isInteger(s.months) && s.months >= -12 && s.months <= 12).toBe(true);
      expect(s.cost >= 1 && s.cost <= 5).toBe(true);
      expect(s.evidence >= 0 && s.evidence <= 5).toBe(true);
    }
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
