import { chiSquareUpper, tQuantile, Z_975 } from "./distributions.ts";

export interface Study {
  g: number;
  v: number;
}

/** How the pooled interval was made: normal (z) or Hartung–Knapp–Sidik–Jonkman (t with k − 1 df). */
export type IntervalTest = "z" | "knha";

export interface PooledEffect {
  estimate: number;
  se: number;
  ciLow: number;
  ciHigh: number;
  /** Between-study variance (DerSimonian–Laird), never below 0. */
  tau2: number;
  /** Share of variation from heterogeneity, in per cent (0–100). */
  i2: number;
  /** Cochran's Q and its p-value (χ² with k − 1 df; null with one study). */
  q: number;
  qP: number | null;
  k: number;
  test: IntervalTest;
  /** 95% prediction interval: where a new school's effect might fall (null with one study). */
  piLow: number | null;
  piHigh: number | null;
}

/** Below this many studies the pooled interval uses the HKSJ adjustment by default. */
export const KNHA_BELOW = 10;

/** A study whose variance is not clearly positive carries no usable estimate (flat data). */
export const MIN_VARIANCE = 1e-10;

export const usableStudy = (s: Study): boolean =>
  Number.isFinite(s.g) && Number.isFinite(s.v) && s.v > MIN_VARIANCE;

/**
 * DerSimonian–Laird random-effects pooling: the method-of-moments τ² from
 * Cochran's Q, then inverse-variance weights 1/(v + τ²), as metafor's
 * `rma(method = "DL")`. With `test: "knha"` the standard error is the
 * Hartung–Knapp–Sidik–Jonkman one (unadjusted, as metafor) and intervals use
 * t with k − 1 df; otherwise z. The prediction interval follows metafor's
 * `predict()`: estimate ± crit·√(se² + τ²). With one study τ² and I² are 0, the
 * estimate is the study's own, and there is no prediction interval.
 * Null when any study has no usable variance: callers leave those out first.
 */
export function derSimonianLaird(
  studies: readonly Study[],
  options: { test?: IntervalTest } = {},
): PooledEffect | null {
  const k = studies.length;
  if (k === 0 || !studies.every(usableStudy)) return null;
  const test: IntervalTest = k > 1 ? (options.test ?? "z") : "z";
  const w = studies.map((s) => 1 / s.v);
  const sumW = w.reduce((a, b) => a + b, 0);
  const fixed = studies.reduce((acc, s, i) => acc + (w[i] ?? 0) * s.g, 0) / sumW;
  const q = studies.reduce((acc, s, i) => acc + (w[i] ?? 0) * (s.g - fixed) ** 2, 0);
  const c = sumW - w.reduce((a, b) => a + b * b, 0) / sumW;
  const tau2 = k > 1 && c > 0 ? Math.max(0, (q - (k - 1)) / c) : 0;
  const wr = studies.map((s) => 1 / (s.v + tau2));
  const sumWr = wr.reduce((a, b) => a + b, 0);
  const estimate = studies.reduce((acc, s, i) => acc + (wr[i] ?? 0) * s.g, 0) / sumWr;
  const se =
    test === "knha"
      ? Math.sqrt(
          studies.reduce((acc, s, i) => acc + (wr[i] ?? 0) * (s.g - estimate) ** 2, 0) /
            ((k - 1) * sumWr),
        )
      : Math.sqrt(1 / sumWr);
  const crit = test === "knha" ? tQuantile(0.975, k - 1) : Z_975;
  const i2 = k > 1 && q > 0 ? Math.max(0, ((q - (k - 1)) / q) * 100) : 0;
  const piHalf = crit * Math.sqrt(se ** 2 + tau2);
  return {
    estimate,
    se,
    ciLow: estimate - crit * se,
    ciHigh: estimate + crit * se,
    tau2,
    i2,
    q,
    qP: k > 1 ? chiSquareUpper(q, k - 1) : null,
    k,
    test,
    piLow: k > 1 ? estimate - piHalf : null,
    piHigh: k > 1 ? estimate + piHalf : null,
  };
}

/** Cascade's default pooling: HKSJ with fewer than 10 studies, z from 10 on. */
export function poolStudies(studies: readonly Study[]): PooledEffect | null {
  return derSimonianLaird(studies, { test: studies.length < KNHA_BELOW ? "knha" : "z" });
}
