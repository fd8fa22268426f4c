import { correlation, covariance, pooledSd, type Summary, summarise } from "./descriptive.ts";
import { Z_975 } from "./distributions.ts";
import { MIN_VARIANCE } from "./meta-analysis.ts";

/** Hedges' small-sample correction, as DESIGN §6 states it. */
export const hedgesCorrection = (df: number): number => 1 - 3 / (4 * df - 1);

export interface EffectSize {
  /** Hedges' g. */
  g: number;
  /** Its sampling variance. */
  v: number;
  ciLow: number;
  ciHigh: number;
  /** The (pooled) correlation of baseline and follow-up used for v. */
  r: number;
}

export interface PairedGroup {
  pre: readonly number[];
  post: readonly number[];
}

/** Rounding can carry a correlation a hair past ±1 (flat data gives 1.0000000000000002). */
export const clampCorrelation = (r: number): number => Math.min(1, Math.max(-1, r));

/**
 * The effect with its 95% interval, or null when the variance is not clearly
 * positive or anything is not finite: such data (every pupil changed by the
 * same amount) carries no usable estimate, and a NaN must never leave here.
 */
const withCi = (g: number, v: number, r: number): EffectSize | null => {
  if (!Number.isFinite(g) || !Number.isFinite(v) || !(v > MIN_VARIANCE)) return null;
  const half = Z_975 * Math.sqrt(v);
  return { g, v, ciLow: g - half, ciHigh: g + half, r };
};

/**
 * Pooled within-group correlation of baseline and follow-up: the pooled
 * covariance over the product of the pooled SDs, each pooled with n − 1 weights.
 */
export function pooledCorrelation(treatment: PairedGroup, comparison: PairedGroup): number | null {
  const nT = treatment.pre.length;
  const nC = comparison.pre.length;
  const covT = covariance(treatment.pre, treatment.post);
  const covC = covariance(comparison.pre, comparison.post);
  const sdPre = pooledSd(summarise(treatment.pre), summarise(comparison.pre));
  const sdPost = pooledSd(summarise(treatment.post), summarise(comparison.post));
  if (covT === null || covC === null || !sdPre || !sdPost) return null;
  const pooledCov = ((nT - 1) * covT + (nC - 1) * covC) / (nT + nC - 2);
  return clampCorrelation(pooledCov / (sdPre * sdPost));
}

/**
 * Morris's (2008) pre–post–control effect size from group summaries and a
 * correlation: g = c·[(post_T − pre_T) − (post_C − pre_C)] / SD_pre,
 * v = 2(1 − r)(1/n_T + 1/n_C) + g²/(2(n_T + n_C)), r clamped to [−1, 1]. Null
 * when it cannot be computed or has no usable variance.
 */
export function morrisFromSummaries(
  treatment: { pre: Summary; post: Summary },
  comparison: { pre: Summary; post: Summary },
  r: number,
): EffectSize | null {
  const nT = treatment.pre.n;
  const nC = comparison.pre.n;
  const sdPre = pooledSd(treatment.pre, comparison.pre);
  const { mean: preT } = treatment.pre;
  const { mean: postT } = treatment.post;
  const { mean: preC } = comparison.pre;
  const { mean: postC } = comparison.post;
  if (
    !sdPre ||
    preT === null ||
    postT === null ||
    preC === null ||
    postC === null ||
    nT < 2 ||
    nC < 2
  )
    return null;
  const g = (hedgesCorrection(nT + nC - 2) * (postT - preT - (postC - preC))) / sdPre;
  const rc = clampCorrelation(r);
  const v = 2 * (1 - rc) * (1 / nT + 1 / nC) + g ** 2 / (2 * (nT + nC));
  return withCi(g, v, rc);
}

/** Morris's pre–post–control g from pupils' paired scores, with the pooled correlation. */
export function prePostControl(treatment: PairedGroup, comparison: PairedGroup): EffectSize | null {
  const r = pooledCorrelation(treatment, comparison);
  if (r === null) return null;
  return morrisFromSummaries(
    { pre: summarise(treatment.pre), post: summarise(treatment.post) },
    { pre: summarise(comparison.pre), post: summarise(comparison.post) },
    r,
  );
}

/**
 * The standardised mean change of one group (no comparison group: the weakest
 * design): g = c·(post − pre)/SD_pre with c from n − 1, v = 2(1 − r)/n + g²/(2n).
 */
export function standardisedMeanChange(group: PairedGroup): EffectSize | null {
  const n = group.pre.length;
  const pre = summarise(group.pre);
  const post = summarise(group.post);
  const raw = correlation(group.pre, group.post);
  const r = raw === null ? null : clampCorrelation(raw);
  if (n < 3 || !pre.sd || pre.mean === null || post.mean === null || r === null) return null;
  const g = (hedgesCorrection(n - 1) * (post.mean - pre.mean)) / pre.sd;
  const v = (2 * (1 - r)) / n + g ** 2 / (2 * n);
  return withCi(g, v, r);
}

/** Rounds half away from zero to `places` decimals, as the figures are shown. */
export const roundTo = (x: number, places: number): number => {
  const f = 10 ** places;
  return (Math.sign(x) * Math.round(Math.abs(x) * f)) / f;
};

export type Balance = "comparable" | "caution" | "not-comparable";

/**
 * How far apart the groups started, in pooled baseline SDs: over 0.25 they
 * are not comparable; from 0.05 to 0.25, read with caution. The thresholds
 * apply to the difference rounded to the two decimals the page shows, so a
 * warning never prints "0.25 SD apart, more than 0.25".
 */
export function baselineBalance(
  treatmentPre: Summary,
  comparisonPre: Summary,
): { difference: number; balance: Balance } | null {
  const sdPre = pooledSd(treatmentPre, comparisonPre);
  if (!sdPre || treatmentPre.mean === null || comparisonPre.mean === null) return null;
  const difference = (treatmentPre.mean - comparisonPre.mean) / sdPre;
  const size = roundTo(Math.abs(difference), 2);
  return {
    difference,
    balance: size > 0.25 ? "not-comparable" : size >= 0.05 ? "caution" : "comparable",
  };
}
