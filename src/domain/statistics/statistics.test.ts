import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { correlation, mean, sd, summarise } from "./descriptive.ts";
import {
  baselineBalance,
  morrisFromSummaries,
  pooledCorrelation,
  prePostControl,
  standardisedMeanChange,
} from "./effect-size.ts";
import { derSimonianLaird } from "./meta-analysis.ts";
import { monthsFromEffectSize } from "./months.ts";

/** Produced by fixtures/make-fixtures.R (base R and metafor); see that script. */
const reference = JSON.parse(
  readFileSync(new URL("./fixtures/reference.json", import.meta.url), "utf8"),
) as {
  morris2008: {
    treatment: Array<{ m_pre: number; m_post: number; sd_pre: number; ni: number; ri: number }>;
    control: Array<{ m_pre: number; m_post: number; sd_pre: number; ni: number; ri: number }>;
    g: number[];
    v: number[];
    pooled: Pooled;
  };
  cases: Array<{
    name: string;
    treatment: { pre: number[]; post: number[] };
    comparison: { pre: number[]; post: number[] };
    summaries: Record<
      "treatmentPre" | "treatmentPost" | "comparisonPre" | "comparisonPost",
      { n: number; mean: number; sd: number }
    >;
    ppc: {
      g: number;
      v: number;
      ciLow: number;
      ciHigh: number;
      r: number;
      sdPre: number;
      baselineDifference: number;
    };
    smcTreatment: { g: number; v: number; ciLow: number; ciHigh: number; r: number };
  }>;
  pooling: Record<string, Pooled & { g: number[] | number; v: number[] | number }>;
};
interface Pooled {
  estimate: number;
  se: number;
  ciLow: number;
  ciHigh: number;
  tau2: number;
  i2: number;
  q: number;
  k: number;
}

const close = (actual: number | null | undefined, expected: number, digits = 9) =>
  expect(actual).toBeCloseTo(expected, digits);
const asArray = (x: number[] | number) => (Array.isArray(x) ? x : [x]);

describe("Morris (2008) Table 5, against R", () => {
  const { treatment, control } = reference.morris2008;
  const studies = treatment.map((t, i) => {
    const c = control[i];
    if (!c) throw new Error("fixture rows differ");
    // Table 5 gives pre SDs only; post SDs do not enter g or v.
    return morrisFromSummaries(
      {
        pre: { n: t.ni, mean: t.m_pre, sd: t.sd_pre },
        post: { n: t.ni, mean: t.m_post, sd: t.sd_pre },
      },
      {
        pre: { n: c.ni, mean: c.m_pre, sd: c.sd_pre },
        post: { n: c.ni, mean: c.m_post, sd: c.sd_pre },
      },
      t.ri,
    );
  });

  it("gives each study's g and variance", () => {
    studies.forEach((s, i) => {
      close(s?.g, reference.morris2008.g[i] ?? Number.NaN);
      close(s?.v, reference.morris2008.v[i] ?? Number.NaN);
    });
    // The published figures, to the precision DESIGN.md quotes them.
    expect(studies.map((s) => Number(s?.g.toFixed(2)))).toEqual([0.77, 0.8, 1.2, 1.05, 0.44]);
    expect(studies.map((s) => Number(s?.v.toFixed(3)))).toEqual([
      0.113, 0.035, 0.143, 0.068, 0.163,
    ]);
  });

  it("pools them by DerSimonian–Laird as metafor does: 0.862 [0.619, 1.104], τ² = 0, I² = 0", () => {
    const pooled = derSimonianLaird(studies.map((s) => ({ g: s?.g ?? 0, v: s?.v ?? 1 })));
    const expected = reference.morris2008.pooled;
    for (const key of ["estimate", "se", "ciLow", "ciHigh", "tau2", "i2", "q"] as const)
      close(pooled?.[key], expected[key]);
    expect(pooled?.k).toBe(5);
    expect(Number(pooled?.estimate.toFixed(3))).toBe(0.862);
    expect([Number(pooled?.ciLow.toFixed(3)), Number(pooled?.ciHigh.toFixed(3))]).toEqual([
      0.619, 1.104,
    ]);
  });
});

describe("effect sizes from pupils' scores, against R", () => {
  for (const c of reference.cases) {
    it(c.name, () => {
      const s = reference.cases.find((x) => x.name === c.name)?.summaries;
      const tPre = summarise(c.treatment.pre);
      close(tPre.mean, s?.treatmentPre.mean ?? Number.NaN);
      close(tPre.sd, s?.treatmentPre.sd ?? Number.NaN);
      close(summarise(c.comparison.post).sd, s?.comparisonPost.sd ?? Number.NaN);
      close(pooledCorrelation(c.treatment, c.comparison), c.ppc.r);
      const ppc = prePostControl(c.treatment, c.comparison);
      for (const key of ["g", "v", "ciLow", "ciHigh", "r"] as const) close(ppc?.[key], c.ppc[key]);
      close(
        baselineBalance(tPre, summarise(c.comparison.pre))?.difference,
        c.ppc.baselineDifference,
      );
      const smc = standardisedMeanChange(c.treatment);
      for (const key of ["g", "v", "ciLow", "ciHigh", "r"] as const)
        close(smc?.[key], c.smcTreatment[key]);
    });
  }
});

describe("DerSimonian–Laird pooling, against metafor", () => {
  for (const [name, fixture] of Object.entries(reference.pooling)) {
    it(name, () => {
      const g = asArray(fixture.g);
      const v = asArray(fixture.v);
      const pooled = derSimonianLaird(g.map((gi, i) => ({ g: gi, v: v[i] ?? 1 })));
      for (const key of ["estimate", "se", "ciLow", "ciHigh", "tau2", "i2", "q"] as const)
        close(pooled?.[key], fixture[key]);
      expect(pooled?.k).toBe(fixture.k);
    });
  }

  it("finds heterogeneity where there is some, and none for a single study", () => {
    expect(reference.pooling.heterogeneous?.tau2).toBeGreaterThan(0);
    expect(derSimonianLaird([{ g: 0.45, v: 0.07 }])).toMatchObject({
      estimate: 0.45,
      tau2: 0,
      i2: 0,
      k: 1,
    });
    expect(derSimonianLaird([])).toBeNull();
    expect(derSimonianLaird([{ g: 0.2, v: 0 }])).toBeNull();
  });
});

describe("descriptive statistics", () => {
  it("uses n − 1 and refuses what cannot be computed", () => {
    expect(mean([])).toBeNull();
    expect(sd([5])).toBeNull();
    close(sd([2, 4, 4, 4, 5, 5, 7, 9]), Math.sqrt(32 / 7));
    expect(correlation([1, 2, 3], [5, 5, 5])).toBeNull();
  });

  it("flags baseline differences over 0.25 SD as not comparable, 0.05–0.25 as caution", () => {
    const at = (m: number) => ({ n: 20, mean: m, sd: 10 });
    expect(baselineBalance(at(100), at(100.4))?.balance).toBe("comparable");
    expect(baselineBalance(at(100), at(100.5))?.balance).toBe("caution");
    expect(baselineBalance(at(100), at(102.5))?.balance).toBe("caution");
    expect(baselineBalance(at(100), at(102.6))?.balance).toBe("not-comparable");
    expect(baselineBalance(at(103), at(100))?.balance).toBe("not-comparable");
  });

  it("needs enough pupils for an effect size", () => {
    expect(standardisedMeanChange({ pre: [1, 2], post: [2, 3] })).toBeNull();
    expect(prePostControl({ pre: [1], post: [2] }, { pre: [1, 2], post: [1, 2] })).toBeNull();
  });
});

describe("months' progress (EEF conversion)", () => {
  it.each([
    [0, 0],
    [0.01, 0],
    [0.014, 0],
    [0.015, 1],
    [0.02, 1],
    [0.09, 1],
    [0.1, 2],
    [0.18, 2],
    [0.19, 3],
    [0.26, 3],
    [0.27, 4],
    [0.35, 4],
    [0.36, 5],
    [0.44, 5],
    [0.45, 6],
    [0.52, 6],
    [0.53, 7],
    [0.61, 7],
    [0.62, 8],
    [0.69, 8],
    [0.7, 9],
    [0.78, 9],
    [0.79, 10],
    [0.87, 10],
    [0.88, 11],
    [0.95, 11],
    [0.96, 12],
    [1.5, 12],
    [-0.01, 0],
    [-0.3, -4],
    [-0.96, -12],
  ])("g = %s → %s months", (g, months) => {
    expect(monthsFromEffectSize(g).months).toBe(months);
  });

  it("labels the bands in the EEF's words", () => {
    expect(monthsFromEffectSize(0.3).label).toBe("moderate");
    expect(monthsFromEffectSize(0.9).label).toBe("very high");
  });
});
