import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluateStrategy, type PupilScores } from "./evaluation.ts";
import { poolLikeResults, type SharedFigures, screenResult } from "./evidence-pools.ts";
import { derSimonianLaird, poolStudies } from "./meta-analysis.ts";

/** Walks any value and collects the paths of numbers that are NaN or infinite. */
function badNumbers(value: unknown, path = "$"): string[] {
  if (typeof value === "number") return Number.isFinite(value) ? [] : [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => badNumbers(v, `${path}[${i}]`));
  if (value && typeof value === "object")
    return Object.entries(value).flatMap(([k, v]) => badNumbers(v, `${path}.${k}`));
  return [];
}

// Small groups on a short rating scale, or on a wider one: where flat data and ties live.
const score = fc.oneof(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 60, max: 140 }));
const pupil = fc.record({
  name: fc.constant("P"),
  before: fc.option(score, { freq: 8 }),
  after: fc.option(score, { freq: 8 }),
});
const pupils = (max: number) => fc.array(pupil, { minLength: 0, maxLength: max });
// Every pupil gains the same: the case that used to give r = 1.0000000000000002.
const lockstep = fc
  .tuple(fc.array(score, { minLength: 1, maxLength: 12 }), fc.integer({ min: -3, max: 3 }))
  .map(([s, gain]) => s.map((b): PupilScores => ({ name: "P", before: b, after: b + gain })));

describe("evaluation on random small data sets", () => {
  it("never throws, never gives NaN or Infinity, and every CI contains its estimate", () => {
    fc.assert(
      fc.property(
        fc.oneof(pupils(14), lockstep),
        fc.option(fc.oneof(pupils(20), lockstep), { freq: 3 }),
        fc.boolean(),
        fc.constantFrom("attainment", "attendance", "behaviour", "theme"),
        (participants, comparison, higherIsBetter, measureKind) => {
          const result = evaluateStrategy({
            participants,
            comparison,
            comparisonLabel: "Other pupils",
            higherIsBetter,
            measureKind,
            costPounds: 100,
            participantCount: participants.length,
            secondary: false,
          });
          expect(badNumbers(result)).toEqual([]);
          if (result.effect) {
            expect(result.effect.ciLow).toBeLessThanOrEqual(result.effect.g);
            expect(result.effect.ciHigh).toBeGreaterThanOrEqual(result.effect.g);
            expect(result.effect.v).toBeGreaterThan(0);
            expect(Math.abs(result.effect.r)).toBeLessThanOrEqual(1);
          } else {
            expect(result.months).toBeNull();
            expect(result.warnings.length).toBeGreaterThan(0);
          }
          if (result.months !== null) {
            expect(measureKind).toBe("attainment");
            expect(comparison).not.toBeNull();
          }
          if (result.months !== null && result.months < 0) expect(result.monthsLabel).toBeNull();
        },
      ),
      { numRuns: 1500 },
    );
  });
});

describe("evidence pooling on random shared results", () => {
  const figures = fc.record({
    nT: fc.integer({ min: 1, max: 40 }),
    nC: fc.option(fc.integer({ min: 1, max: 60 })),
    g: fc.double({ min: -3, max: 3, noNaN: true }),
    v: fc.oneof(
      fc.double({ min: 0.001, max: 2, noNaN: true }),
      fc.constantFrom(0, -2e-17, 2e-16, Number.NaN),
    ),
    comparison: fc.constantFrom("disadvantaged", "none"),
    measureKind: fc.constant("attainment"),
    measureName: fc.constant("Reading"),
  });
  it("never gives NaN or Infinity; every interval contains its estimate; the prediction interval is at least as wide", () => {
    fc.assert(
      fc.property(fc.array(figures, { maxLength: 14 }), (rows) => {
        const withCi: SharedFigures[] = rows.map((r) => ({
          ...r,
          ciLow: r.g - 1.96 * Math.sqrt(r.v),
          ciHigh: r.g + 1.96 * Math.sqrt(r.v),
        }));
        const summary = poolLikeResults(withCi, {
          design: "comparison-group",
          measureKind: "attainment",
        });
        expect(badNumbers(summary)).toEqual([]);
        expect(summary.included + summary.leftOut).toBe(rows.length);
        const p = summary.pooled;
        if (p) {
          expect(p.ciLow).toBeLessThanOrEqual(p.estimate + 1e-12);
          expect(p.ciHigh).toBeGreaterThanOrEqual(p.estimate - 1e-12);
          if (p.piLow !== null && p.piHigh !== null) {
            expect(p.piLow).toBeLessThanOrEqual(p.ciLow + 1e-12);
            expect(p.piHigh).toBeGreaterThanOrEqual(p.ciHigh - 1e-12);
          }
          expect(p.qP === null || (p.qP >= 0 && p.qP <= 1)).toBe(true);
        }
        for (const r of withCi)
          if (screenResult(r).included) expect(Number.isFinite(r.v) && r.v > 0).toBe(true);
      }),
      { numRuns: 1500 },
    );
  });

  it("z and HKSJ pools agree on the estimate and τ²", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            g: fc.double({ min: -2, max: 2, noNaN: true }),
            v: fc.double({ min: 0.01, max: 1, noNaN: true }),
          }),
          { minLength: 2, maxLength: 12 },
        ),
        (studies) => {
          const z = derSimonianLaird(studies);
          const hk = poolStudies(studies);
          expect(hk?.estimate).toBeCloseTo(z?.estimate ?? Number.NaN, 12);
          expect(hk?.tau2).toBeCloseTo(z?.tau2 ?? Number.NaN, 12);
        },
      ),
    );
  });
});
