import { describe, expect, it } from "vitest";
import {
  computeGap,
  gapTrend,
  MIN_GROUP_SIZE,
  pooledSd,
  summariseGroup,
  trendThreshold,
} from "./gap.ts";
import { type MeasureDefinition, measureCatalogue } from "./measures.ts";

function measure(key: string): MeasureDefinition {
  const found = measureCatalogue("all_through").find((candidate) => candidate.key === key);
  if (!found) throw new Error(`No built-in measure ${key}`);
  return found;
}

const atLeast3 = (v: number): boolean => v >= 3;

describe("summariseGroup", () => {
  it("summarises a group (hand-computed)", () => {
    // [2, 3, 3, 4]: mean = 12 / 4 = 3; squared deviations 1 + 0 + 0 + 1 = 2;
    // sample variance = 2 / (4 − 1) = 2/3; SD = √(2/3) ≈ 0.816497.
    // At or above 3: 3 of 4 = 75%.
    const summary = summariseGroup([2, 3, 3, 4], 3, atLeast3);
    expect(summary.n).toBe(4);
    expect(summary.mean).toBe(3);
    expect(summary.sd).toBeCloseTo(0.816497, 6);
    expect(summary.pctAtExpected).toBe(75);
  });

  it("has no mean, SD or percentage for an empty group", () => {
    expect(summariseGroup([], 3, atLeast3)).toEqual({
      n: 0,
      mean: null,
      sd: null,
      pctAtExpected: null,
    });
  });

  it("has a mean but no SD for one pupil", () => {
    expect(summariseGroup([4], 3, atLeast3)).toEqual({
      n: 1,
      mean: 4,
      sd: null,
      pctAtExpected: 100,
    });
  });

  it("has SD 0 when every value is the same", () => {
    expect(summariseGroup([2, 2, 2], 3, atLeast3)).toEqual({
      n: 3,
      mean: 2,
      sd: 0,
      pctAtExpected: 0,
    });
  });

  it("has no percentage at expected when there is no expected value", () => {
    expect(summariseGroup([1, 2], null, () => null).pctAtExpected).toBeNull();
  });

  it("counts only values the predicate says are at or above expected", () => {
    expect(summariseGroup([1, 2, 3], 2, (v) => (v === 3 ? true : null)).pctAtExpected).toBeCloseTo(
      100 / 3,
    );
  });
});

describe("pooledSd", () => {
  it("weights each group's variance by n − 1", () => {
    // SS([1, 3]) = 2, SS([2, 4, 6]) = 8; (2 + 8) / (2 + 3 − 2) = 10/3; √(10/3) ≈ 1.825742.
    expect(pooledSd([1, 3], [2, 4, 6])).toBeCloseTo(1.825742, 6);
  });

  it("lets a single pupil contribute its mean but no spread", () => {
    // SS([5]) = 0, SS([1, 3]) = 2; 2 / (1 + 2 − 2) = 2; √2.
    expect(pooledSd([5], [1, 3])).toBeCloseTo(Math.SQRT2, 10);
  });

  it("is null with too few pupils, an empty group or no spread at all", () => {
    expect(pooledSd([1], [2])).toBeNull();
    expect(pooledSd([], [1, 2, 3])).toBeNull();
    expect(pooledSd([3, 3], [3, 3, 3])).toBeNull();
  });
});

describe("computeGap", () => {
  it("matches the hand-computed ordinal example", () => {
    // Reading TA, expected 3 (EXS).
    // Disadvantaged [2, 3, 3, 4]: n 4, mean 3, SS 2, SD √(2/3) ≈ 0.816497, at EXS+ 3/4 = 75%.
    // Other [3, 3, 4, 4, 4, 2]: n 6, mean 20/6 = 3.333…;
    //   deviations −1/3, −1/3, 2/3, 2/3, 2/3, −4/3; squares (1+1+4+4+4+16)/9 = 30/9 = 10/3;
    //   variance (10/3)/5 = 2/3, SD √(2/3) ≈ 0.816497; at EXS+ 5/6 ≈ 83.333%.
    // Gap = 3.333… − 3 = 1/3 ≈ 0.333333 (disadvantaged pupils are behind).
    // Pooled variance = (2 + 10/3) / (4 + 6 − 2) = (16/3) / 8 = 2/3; pooled SD ≈ 0.816497.
    // Gap in SD = (1/3) / 0.816497 ≈ 0.408248. Disadvantaged n = 4 < 6, so too small.
    const result = computeGap([2, 3, 3, 4], [3, 3, 4, 4, 4, 2], measure("reading-ta"));
    expect(result.disadvantaged).toMatchObject({ n: 4, mean: 3, pctAtExpected: 75 });
    expect(result.disadvantaged.sd).toBeCloseTo(0.816497, 6);
    expect(result.other.n).toBe(6);
    expect(result.other.mean).toBeCloseTo(3.333333, 6);
    expect(result.other.sd).toBeCloseTo(0.816497, 6);
    expect(result.other.pctAtExpected).toBeCloseTo(83.333333, 6);
    expect(result.gap).toBeCloseTo(0.333333, 6);
    expect(result.gapInSd).toBeCloseTo(0.408248, 6);
    expect(result.tooSmall).toBe(true);
  });

  it("flips the sign when higher is not better (hand-computed)", () => {
    // Behaviour incidents (lower is better, no expected value).
    // Disadvantaged [4, 2, 6, 0, 3, 5, 1]: n 7, mean 21/7 = 3;
    //   squared deviations 1 + 1 + 9 + 9 + 0 + 4 + 4 = 28; SD √(28/6) ≈ 2.160247.
    // Other [1, 0, 2, 1, 0, 3]: n 6, mean 7/6 ≈ 1.166667;
    //   squared deviations (1 + 49 + 25 + 1 + 49 + 121)/36 = 246/36 ≈ 6.833333;
    //   SD √(6.833333/5) ≈ 1.169045.
    // Other − disadvantaged = 1.166667 − 3 = −1.833333; flipped: gap = +1.833333
    // (disadvantaged pupils have more incidents, so they are behind).
    // Pooled variance = (28 + 6.833333) / (7 + 6 − 2) = 34.833333/11 ≈ 3.166667;
    // pooled SD ≈ 1.779513; gap in SD = 1.833333 / 1.779513 ≈ 1.030244.
    const result = computeGap(
      [4, 2, 6, 0, 3, 5, 1],
      [1, 0, 2, 1, 0, 3],
      measure("behaviour-incidents"),
    );
    expect(result.disadvantaged.mean).toBe(3);
    expect(result.disadvantaged.sd).toBeCloseTo(2.160247, 6);
    expect(result.other.mean).toBeCloseTo(1.166667, 6);
    expect(result.other.sd).toBeCloseTo(1.169045, 6);
    expect(result.disadvantaged.pctAtExpected).toBeNull();
    expect(result.other.pctAtExpected).toBeNull();
    expect(result.gap).toBeCloseTo(1.833333, 6);
    expect(result.gapInSd).toBeCloseTo(1.030244, 6);
    expect(result.tooSmall).toBe(false);
  });

  it("gives a negative gap when disadvantaged pupils are ahead", () => {
    const result = computeGap(
      [98, 97, 99, 96, 98, 100],
      [94, 95, 96, 93, 97, 95],
      measure("attendance"),
    );
    // Means 98 and 95: gap = 95 − 98 = −3.
    expect(result.gap).toBeCloseTo(-3, 10);
    expect(result.gapInSd).toBeLessThan(0);
    expect(result.tooSmall).toBe(false);
  });

  it("is zero, not negative zero, when the means are equal on a lower-is-better measure", () => {
    const result = computeGap([1, 3], [2, 2], measure("behaviour-incidents"));
    expect(Object.is(result.gap, 0)).toBe(true);
  });

  it("has no gap when a group is empty", () => {
    const result = computeGap([], [3, 4], measure("reading-ta"));
    expect(result.gap).toBeNull();
    expect(result.gapInSd).toBeNull();
    expect(result.tooSmall).toBe(true);
  });

  it("has a gap but no gap in SD when nobody's values differ", () => {
    const result = computeGap([2, 2], [3, 3, 3], measure("reading-ta"));
    expect(result.gap).toBe(1);
    expect(result.gapInSd).toBeNull();
  });

  it(`flags groups smaller than ${MIN_GROUP_SIZE} as too small`, () => {
    const six = [1, 2, 3, 4, 3, 2];
    expect(computeGap(six, six, measure("reading-ta")).tooSmall).toBe(false);
    expect(computeGap(six.slice(1), six, measure("reading-ta")).tooSmall).toBe(true);
    expect(computeGap(six, six.slice(1), measure("reading-ta")).tooSmall).toBe(true);
  });
});

describe("trendThreshold", () => {
  it("is 5% of the scale by default", () => {
    expect(trendThreshold(measure("reading-ta"))).toBeCloseTo(0.15, 10);
    expect(trendThreshold(measure("attendance"))).toBeCloseTo(5, 10);
    expect(trendThreshold({ min: 0, max: 10 }, 0.1)).toBeCloseTo(1, 10);
  });
});

describe("gapTrend", () => {
  const points = (...gaps: Array<number | null>) =>
    gaps.map((gap, index) => ({ pointId: `p${index + 1}`, gap }));

  it("is narrowing when the gap falls by at least the threshold", () => {
    expect(gapTrend(points(0.5, 0.3), 0.15)).toBe("narrowing");
    expect(gapTrend(points(0.5, 0.9, 0.2), 0.15)).toBe("narrowing");
    expect(gapTrend(points(0.2, -0.2), 0.15)).toBe("narrowing");
  });

  it("is widening when the gap rises by at least the threshold", () => {
    expect(gapTrend(points(0.1, 0.4), 0.15)).toBe("widening");
    expect(gapTrend(points(-0.5, 0), 0.15)).toBe("widening");
  });

  it("is stable when the change is smaller than the threshold", () => {
    expect(gapTrend(points(0.5, 0.4), 0.15)).toBe("stable");
    expect(gapTrend(points(0.5, 0.5), 0.15)).toBe("stable");
    expect(gapTrend(points(0.5, 0.6), 0.15)).toBe("stable");
  });

  it("compares the first and last known gaps, skipping unknown ones", () => {
    expect(gapTrend(points(null, 0.5, null, 0.2, null), 0.15)).toBe("narrowing");
  });

  it("is unknown with fewer than two known gaps", () => {
    expect(gapTrend([])).toBe("unknown");
    expect(gapTrend(points(0.5))).toBe("unknown");
    expect(gapTrend(points(null, 0.5, null))).toBe("unknown");
  });

  it("uses 0.05 when no threshold is given", () => {
    expect(gapTrend(points(0.3, 0.27))).toBe("stable");
    expect(gapTrend(points(0.3, 0.2))).toBe("narrowing");
  });

  it("works with a threshold scaled to the measure", () => {
    const threshold = trendThreshold(measure("attendance"));
    expect(gapTrend(points(6, 3), threshold)).toBe("stable");
    expect(gapTrend(points(6, 0.5), threshold)).toBe("narrowing");
  });
});
