import { describe, expect, it } from "vitest";
import { validateUpn } from "../../src/domain/upn.ts";
import { generatePupils } from "./pupils.ts";

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: number[]) => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
};
function correlation(xs: number[], ys: number[]): number {
  const mx = mean(xs);
  const my = mean(ys);
  let num = 0;
  for (let i = 0; i < xs.length; i++) num += ((xs[i] ?? 0) - mx) * ((ys[i] ?? 0) - my);
  return num / ((xs.length - 1) * sd(xs) * sd(ys));
}

describe("the synthetic pupil generator", () => {
  const pupils = generatePupils({
    phase: "secondary",
    la: 990,
    establishment: 1234,
    perYearGroup: 400,
    academicStartYear: 2026,
    points: 6,
    seed: 11,
  });

  it("is deterministic by seed", () => {
    const again = generatePupils({
      phase: "secondary",
      la: 990,
      establishment: 1234,
      perYearGroup: 400,
      academicStartYear: 2026,
      points: 6,
      seed: 11,
    });
    expect(again).toEqual(pupils);
  });

  it("gives valid, unique UPNs", () => {
    expect(new Set(pupils.map((p) => p.upn)).size).toBe(pupils.length);
    for (const p of pupils) expect(validateUpn(p.upn).ok).toBe(true);
  });

  it("has about a quarter disadvantaged, behind by about 0.4 SD, with lower attendance", () => {
    const share = pupils.filter((p) => p.pupilPremium).length / pupils.length;
    expect(share).toBeGreaterThan(0.2);
    expect(share).toBeLessThan(0.3);
    const maths = (group: boolean) =>
      pupils.filter((p) => p.pupilPremium === group).map((p) => p.values["maths-grade"]?.[0] ?? 0);
    const all = pupils.map((p) => p.values["maths-grade"]?.[0] ?? 0);
    const gapInSd = (mean(maths(false)) - mean(maths(true))) / sd(all);
    expect(gapInSd).toBeGreaterThan(0.25);
    expect(gapInSd).toBeLessThan(0.6);
    const attendance = (group: boolean) =>
      mean(
        pupils.filter((p) => p.pupilPremium === group).map((p) => p.values.attendance?.[0] ?? 0),
      );
    expect(attendance(false) - attendance(true)).toBeGreaterThan(1.5);
  });

  it("makes theme ratings go with attainment, and pupils progress over the year", () => {
    const maths = pupils.map((p) => p.values["maths-grade"]?.[0] ?? 0);
    const resilient = pupils.map((p) => p.values["theme-resilient"]?.[0] ?? 0);
    expect(correlation(maths, resilient)).toBeGreaterThan(0.3);
    const first = mean(pupils.map((p) => p.values["maths-grade"]?.[0] ?? 0));
    const last = mean(pupils.map((p) => p.values["maths-grade"]?.[5] ?? 0));
    expect(last).toBeGreaterThan(first);
  });
});
