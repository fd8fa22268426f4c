import { describe, expect, it } from "vitest";
import { validateUpn } from "../domain/upn.ts";
import { attainmentMeasuresFor, generatePupils } from "./pupils.ts";

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

describe("the measures each phase records", () => {
  const make = (phase: "primary" | "secondary" | "special" | "all_through") =>
    generatePupils({
      phase,
      la: 990,
      establishment: 1234,
      perYearGroup: 20,
      academicStartYear: 2026,
      points: 2,
      seed: 5,
    });
  const keysOf = (pupils: ReturnType<typeof make>, yearGroup: string) =>
    new Set(pupils.filter((p) => p.yearGroup === yearGroup).flatMap((p) => Object.keys(p.values)));
  const ATTAINMENT = /-(ta|scaled|grade)$/;

  it("records no key-stage attainment in Reception, and KS2 scaled scores only in Year 6", () => {
    for (const phase of ["primary", "all_through"] as const) {
      const pupils = make(phase);
      expect([...keysOf(pupils, "R")].filter((k) => ATTAINMENT.test(k))).toEqual([]);
      expect(keysOf(pupils, "R")).toContain("theme-resilient");
      const scaledYears = new Set(
        pupils.filter((p) => "reading-scaled" in p.values).map((p) => p.yearGroup),
      );
      expect(scaledYears).toEqual(new Set(["6"]));
      expect([...keysOf(pupils, "2")].filter((k) => ATTAINMENT.test(k)).sort()).toEqual([
        "maths-ta",
        "reading-ta",
        "writing-ta",
      ]);
    }
    expect(attainmentMeasuresFor("primary", "R")).toEqual([]);
    expect(attainmentMeasuresFor("primary", "6")).toContain("maths-scaled");
    expect(attainmentMeasuresFor("primary", "5")).not.toContain("maths-scaled");
  });

  it("records grades from Year 7, teacher assessments at every age in a special school", () => {
    const secondary = make("secondary");
    for (const year of ["7", "9", "11"])
      expect([...keysOf(secondary, year)].filter((k) => ATTAINMENT.test(k)).sort()).toEqual([
        "english-grade",
        "maths-grade",
        "science-grade",
      ]);
    const allThrough = make("all_through");
    expect(keysOf(allThrough, "9")).not.toContain("maths-ta");
    expect(keysOf(allThrough, "9")).toContain("maths-grade");
    const special = make("special");
    for (const year of ["3", "7", "11"]) {
      expect(keysOf(special, year)).toContain("reading-ta");
      expect(keysOf(special, year)).not.toContain("reading-scaled");
    }
    // Nearly every pupil at a special school has an EHC plan, and most work below expected.
    const ehcp = special.filter((p) => p.senStatus === "E").length / special.length;
    expect(ehcp).toBeGreaterThan(0.85);
    const belowExpected =
      special.filter((p) => (p.values["reading-ta"]?.[0] ?? 4) < 3).length / special.length;
    expect(belowExpected).toBeGreaterThan(0.75);
  });

  it("makes exactly the asked share of each year group disadvantaged", () => {
    const pupils = generatePupils({
      phase: "primary",
      la: 990,
      establishment: 1234,
      perYearGroup: 20,
      academicStartYear: 2026,
      points: 1,
      seed: 9,
      disadvantagedShare: 0.45,
    });
    for (const year of ["R", "1", "2", "3", "4", "5", "6"])
      expect(pupils.filter((p) => p.yearGroup === year && p.pupilPremium)).toHaveLength(9);
  });
});
