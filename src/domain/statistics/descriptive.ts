/** Descriptive statistics with the sample (n − 1) convention throughout. */

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** Sample covariance of paired values; null with fewer than two pairs. */
export function covariance(a: readonly number[], b: readonly number[]): number | null {
  if (a.length !== b.length) throw new RangeError("covariance needs paired values");
  if (a.length < 2) return null;
  const ma = mean(a) ?? 0;
  const mb = mean(b) ?? 0;
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += ((a[i] ?? 0) - ma) * ((b[i] ?? 0) - mb);
  return sum / (a.length - 1);
}

export function variance(values: readonly number[]): number | null {
  return covariance(values, values);
}

export function sd(values: readonly number[]): number | null {
  const v = variance(values);
  return v === null ? null : Math.sqrt(v);
}

export function correlation(a: readonly number[], b: readonly number[]): number | null {
  const cov = covariance(a, b);
  const sa = sd(a);
  const sb = sd(b);
  if (cov === null || !sa || !sb) return null;
  return cov / (sa * sb);
}

export interface Summary {
  n: number;
  mean: number | null;
  sd: number | null;
}

export function summarise(values: readonly number[]): Summary {
  return { n: values.length, mean: mean(values), sd: sd(values) };
}

/** Two groups' SDs pooled with n − 1 weights. */
export function pooledSd(a: Summary, b: Summary): number | null {
  if (a.sd === null || b.sd === null || a.n + b.n < 3) return null;
  return Math.sqrt(((a.n - 1) * a.sd ** 2 + (b.n - 1) * b.sd ** 2) / (a.n + b.n - 2));
}
