import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { correlation, mean, sd, summarise } from "./descriptive.ts";
import { chiSquareUpper, tQuantile, Z_975 } from "./distributions.ts";
import {
  baselineBalance,
  morrisFromSummaries,
  pooledCorrelation,
  prePostControl,
  standardisedMeanChange,
} from "./effect-size.ts";
import { derSimonianLaird, MIN_VARIANCE, poolStudies } from "./meta-analysis.ts";
import { describeMonths, monthsApply, monthsFromEffectSize } from "./months.ts";

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
  pooling: Record<
    string,
    Pooled & {
      g: number[] | number;
      v: number[] | number;
      qP?: number;
      piLow?: number;
      piHigh?: number;
      knha?: {
        estimate: number;
        se: number;
        ciLow: number;
        ciHigh: number;
        piLow: number;
        piHigh: number;
        df: number;
      };
    }
  >;
  criticalZ: number;
  degenerate: Record<
    string,
    {
      name: string;
      treatment: { pre: number[]; post: number[] };
      comparison: { pre: number[]; post: number[] };
      clampedR: number | null;
      g: number | null;
      v: number | null;
    }
  >;
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

  for (const [name, fixture] of Object.entries(reference.pooling)) {
    const { knha } = fixture;
    if (!knha) continue;
    it(`${name}: Q's p-value, the HKSJ interval and both prediction intervals, as metafor`, () => {
      const studies = asArray(fixture.g).map((gi, i) => ({ g: gi, v: asArray(fixture.v)[i] ?? 1 }));
      const z = derSimonianLaird(studies);
      close(z?.qP, fixture.qP ?? Number.NaN);
      close(z?.piLow, fixture.piLow ?? Number.NaN);
      close(z?.piHigh, fixture.piHigh ?? Number.NaN);
      const hk = derSimonianLaird(studies, { test: "knha" });
      expect(hk?.test).toBe("knha");
      for (const key of ["estimate", "se", "ciLow", "ciHigh", "piLow", "piHigh"] as const)
        close(hk?.[key], knha[key]);
      // The default: HKSJ below 10 studies, z from 10 on.
      const chosen = poolStudies(studies);
      expect(chosen?.test).toBe(studies.length < 10 ? "knha" : "z");
      close(chosen?.ciLow, studies.length < 10 ? knha.ciLow : fixture.ciLow);
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
    expect(derSimonianLaird([{ g: 0.2, v: 2e-16 }])).toBeNull();
    expect(poolStudies([{ g: 0.45, v: 0.07 }])).toMatchObject({ test: "z", piLow: null, qP: null });
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

describe("distributions, against R", () => {
  it("uses qnorm(0.975) as the one normal critical value", () => {
    close(Z_975, reference.criticalZ, 13);
  });

  it.each([
    [1, 12.706204736174694],
    [2, 4.3026527297494619],
    [3, 3.1824463052837078],
    [4, 2.7764451051977934],
    [9, 2.2621571627982049],
    [30, 2.0422724563012378],
  ])("qt(0.975, %s) = %s", (df, expected) => {
    close(tQuantile(0.975, df), expected, 11);
  });

  it("gives χ² upper tails as pchisq(lower.tail = FALSE)", () => {
    close(chiSquareUpper(8.99, 3), 0.02942413786827552, 13);
    close(chiSquareUpper(0.1, 1), 0.7518296340458493, 13);
    close(chiSquareUpper(3, 5), 0.6999858358786275, 13);
  });
});

describe("degenerate data: no NaN, no effect without usable variance", () => {
  const d = reference.degenerate;
  const of = (name: string) => {
    const c = d[name];
    if (!c) throw new Error(`no fixture ${name}`);
    return c;
  };

  it("all scores equal: no spread, so no correlation and no effect (R gives NaN)", () => {
    const c = of("allEqual");
    expect(c.g).toBeNull();
    expect(pooledCorrelation(c.treatment, c.comparison)).toBeNull();
    expect(prePostControl(c.treatment, c.comparison)).toBeNull();
    expect(standardisedMeanChange(c.treatment)).toBeNull();
  });

  it.each([
    "flatRatings",
    "everyonePlusTwo",
  ])("%s: r is clamped to 1 and the variance is not usable, so there is no effect", (name) => {
    const c = of(name);
    const r = pooledCorrelation(c.treatment, c.comparison);
    expect(r).not.toBeNull();
    expect(r ?? 2).toBeLessThanOrEqual(1);
    close(r, c.clampedR ?? Number.NaN, 12);
    expect(c.v ?? 1).toBeLessThanOrEqual(MIN_VARIANCE);
    expect(prePostControl(c.treatment, c.comparison)).toBeNull();
  });

  it("r = −1 is clamped, not past −1, and gives R's g and variance", () => {
    const c = of("rMinusOne");
    const r = pooledCorrelation(c.treatment, c.comparison) ?? 0;
    expect(r).toBeGreaterThanOrEqual(-1);
    close(r, -1, 12);
    const e = prePostControl(c.treatment, c.comparison);
    close(e?.g, c.g ?? Number.NaN, 12);
    close(e?.v, c.v ?? Number.NaN, 12);
    expect(e?.ciLow).toBeLessThanOrEqual(e?.g ?? Number.NaN);
  });

  it("one pupil per group: nothing to compute", () => {
    const c = of("onePerGroup");
    const one = (g: { pre: number[] | number; post: number[] | number }) => ({
      pre: asArray(g.pre),
      post: asArray(g.post),
    });
    expect(prePostControl(one(c.treatment), one(c.comparison))).toBeNull();
  });

  it("four per group: the arithmetic matches R (the evaluation withholds it below the minimum)", () => {
    const c = of("belowMinimum");
    const e = prePostControl(c.treatment, c.comparison);
    close(e?.g, c.g ?? Number.NaN, 12);
    close(e?.v, c.v ?? Number.NaN, 12);
  });

  it("a variance a hair above zero is still no usable estimate", () => {
    const s = { n: 6, mean: 3, sd: 1 };
    expect(
      morrisFromSummaries({ pre: s, post: s }, { pre: s, post: s }, 1.0000000000000002),
    ).toBeNull();
  });
});

describe("months in words, and where they apply", () => {
  it("a negative effect says less progress and carries no praise word", () => {
    for (const g of [-0.5, -1.2, -0.3]) {
      const d = describeMonths(g);
      expect(d.label).toBeNull();
      expect(d.text).toMatch(
        /^Pupils made about \d+ months?' less progress than the comparison group\.$/,
      );
      expect(d.text).not.toMatch(/high|moderate|low|impact/i);
    }
    expect(describeMonths(-0.5).text).toBe(
      "Pupils made about 6 months' less progress than the comparison group.",
    );
  });

  it("g ≈ 0 says 'impact' once", () => {
    const d = describeMonths(0.004);
    expect(d.months).toBe(0);
    expect(d.text).not.toMatch(/impact impact/);
    expect(d.label).toBe("very low or no impact");
    expect(describeMonths(0.3).label).toBe("moderate impact");
  });

  it("applies only to attainment with a comparison group", () => {
    expect(monthsApply({ design: "comparison-group", measureKind: "attainment" })).toBe(true);
    expect(monthsApply({ design: "pre-post", measureKind: "attainment" })).toBe(false);
    for (const kind of ["attendance", "behaviour", "theme", "other"])
      expect(monthsApply({ design: "comparison-group", measureKind: kind })).toBe(false);
  });
});
