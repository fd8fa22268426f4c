/** The 97.5th percentile of the standard normal, as metafor uses for pooled intervals. */
const Z_975 = 1.959963984540054;

export interface Study {
  g: number;
  v: number;
}

export interface PooledEffect {
  estimate: number;
  se: number;
  ciLow: number;
  ciHigh: number;
  /** Between-study variance (DerSimonian–Laird), never below 0. */
  tau2: number;
  /** Share of variation from heterogeneity, in per cent (0–100). */
  i2: number;
  q: number;
  k: number;
}

/**
 * DerSimonian–Laird random-effects pooling: the method-of-moments τ² from
 * Cochran's Q, then inverse-variance weights 1/(v + τ²). With one study, τ² and
 * I² are 0 and the estimate is the study's own.
 */
export function derSimonianLaird(studies: readonly Study[]): PooledEffect | null {
  const k = studies.length;
  if (k === 0 || studies.some((s) => !(s.v > 0) || !Number.isFinite(s.g))) return null;
  const w = studies.map((s) => 1 / s.v);
  const sumW = w.reduce((a, b) => a + b, 0);
  const fixed = studies.reduce((acc, s, i) => acc + (w[i] ?? 0) * s.g, 0) / sumW;
  const q = studies.reduce((acc, s, i) => acc + (w[i] ?? 0) * (s.g - fixed) ** 2, 0);
  const c = sumW - w.reduce((a, b) => a + b * b, 0) / sumW;
  const tau2 = k > 1 && c > 0 ? Math.max(0, (q - (k - 1)) / c) : 0;
  const wr = studies.map((s) => 1 / (s.v + tau2));
  const sumWr = wr.reduce((a, b) => a + b, 0);
  const estimate = studies.reduce((acc, s, i) => acc + (wr[i] ?? 0) * s.g, 0) / sumWr;
  const se = Math.sqrt(1 / sumWr);
  const i2 = k > 1 && q > 0 ? Math.max(0, ((q - (k - 1)) / q) * 100) : 0;
  return {
    estimate,
    se,
    ciLow: estimate - Z_975 * se,
    ciHigh: estimate + Z_975 * se,
    tau2,
    i2,
    q,
    k,
  };
}
