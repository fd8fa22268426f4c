import { describe, expect, it } from "vitest";
import { SeededRandom } from "./random.ts";
import { DEMO_STRATEGIES, plantEffect } from "./strategies.ts";

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe("the demo's strategies", () => {
  const plans = Object.values(DEMO_STRATEGIES);

  it("differ in strand, measure, design and cost, with results from harmful to helpful", () => {
    expect(new Set(plans.map((p) => p.strandKey)).size).toBeGreaterThanOrEqual(5);
    expect(new Set(plans.map((p) => p.measureKey)).size).toBeGreaterThanOrEqual(5);
    expect(new Set(plans.map((p) => p.comparison))).toEqual(
      new Set(["disadvantaged", "non_participants", "none"]),
    );
    expect(new Set(plans.map((p) => p.costPounds)).size).toBeGreaterThanOrEqual(4);
    expect(Math.min(...plans.map((p) => p.benefit))).toBeLessThan(0);
    expect(plans.filter((p) => Math.abs(p.benefit) <= 0.05).length).toBeGreaterThanOrEqual(1);
    expect(Math.max(...plans.map((p) => p.benefit))).toBeGreaterThanOrEqual(0.4);
    // No one strategy is copied to most of the network.
    const byTitle = new Map<string, number>();
    for (const p of plans) byTitle.set(p.title, (byTitle.get(p.title) ?? 0) + 1);
    expect(Math.max(...byTitle.values())).toBeLessThanOrEqual(plans.length / 2);
  });
});

describe("plantEffect", () => {
  const rating = { min: 1, max: 5, decimals: 0, higherIsBetter: true };

  it("moves later points by the benefit on average, on the scale, leaving the first point alone", () => {
    const random = new SeededRandom(3);
    const before = Array.from({ length: 4000 }, (_, i) => [2 + (i % 3), 2 + (i % 3)]);
    const after = before.map((series) =>
      plantEffect(series, { benefit: 0.5, sd: 0.8, scale: rating, random }),
    );
    expect(after.map((s) => s[0])).toEqual(before.map((s) => s[0]));
    const shift = mean(after.map((s) => s[1] ?? 0)) - mean(before.map((s) => s[1] ?? 0));
    expect(shift).toBeCloseTo(0.4, 1);
    for (const s of after)
      for (const v of s) expect(Number.isInteger(v) && v >= 1 && v <= 5).toBe(true);
  });

  it("grows the effect across the points and works in the better direction", () => {
    const random = new SeededRandom(4);
    const lowerIsBetter = { min: 0, max: 999, decimals: 0, higherIsBetter: false };
    const runs = Array.from({ length: 4000 }, () =>
      plantEffect([5, 5, 5], { benefit: 1, sd: 2, scale: lowerIsBetter, random }),
    );
    expect(mean(runs.map((s) => s[1] ?? 0))).toBeCloseTo(4, 1);
    expect(mean(runs.map((s) => s[2] ?? 0))).toBeCloseTo(3, 1);
    const attendance = { min: 0, max: 100, decimals: 1, higherIsBetter: true };
    const capped = plantEffect([99.5, 99.9], { benefit: 2, sd: 3, scale: attendance, random });
    expect(capped).toEqual([99.5, 100]);
    expect(plantEffect([3], { benefit: 1, sd: 1, scale: rating, random })).toEqual([3]);
  });
});
