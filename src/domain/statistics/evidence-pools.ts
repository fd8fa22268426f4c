import { anyGroupTooSmall, SUPPRESS_AT_OR_BELOW } from "../suppression.ts";
import { type PooledEffect, poolStudies, usableStudy } from "./meta-analysis.ts";
import { type Design, monthsApply, monthsFromEffectSize } from "./months.ts";

/**
 * The network evidence page's rules for shared results: which may be shown,
 * which may be pooled, and what is pooled with what. Only like is pooled with
 * like (the same design and the same outcome family); a result with a group of
 * five or fewer pupils shows no figure and is not pooled (DfE's rule); a result
 * without a usable variance (flat data) is listed with its reason and never
 * pooled, so one school's data cannot spoil a page for everyone.
 */

/** A group of this many pupils or fewer shows no figure outside its school (DfE's rule, one home). */
export const EVIDENCE_SUPPRESS_AT_OR_BELOW = SUPPRESS_AT_OR_BELOW;

export interface SharedFigures {
  nT: number;
  nC: number | null;
  g: number;
  v: number;
  ciLow: number;
  ciHigh: number;
  comparison: string;
  measureKind: string;
  measureName: string;
}

export const designOf = (comparison: string): Design =>
  comparison === "none" ? "pre-post" : "comparison-group";

/** Attainment, attendance and behaviour are families; each theme rating is its own. */
export const outcomeFamilyOf = (measureKind: string, measureName: string): string =>
  measureKind === "theme" ? `theme:${measureName}` : measureKind;

export const poolKeyOf = (r: Pick<SharedFigures, "comparison" | "measureKind" | "measureName">) =>
  `${designOf(r.comparison)}|${outcomeFamilyOf(r.measureKind, r.measureName)}`;

export type Screening =
  | { included: true; shown: true; note: null }
  | { included: false; shown: false; note: string };

export function screenResult(r: SharedFigures): Screening {
  const small = anyGroupTooSmall(r.nT, r.nC);
  if (small)
    return {
      included: false,
      shown: false,
      note: `Left out of the pooling and not shown: a group had ${EVIDENCE_SUPPRESS_AT_OR_BELOW} or fewer pupils.`,
    };
  if (
    !usableStudy({ g: Number(r.g), v: Number(r.v) }) ||
    !Number.isFinite(Number(r.ciLow)) ||
    !Number.isFinite(Number(r.ciHigh))
  )
    return {
      included: false,
      shown: false,
      note: "Left out of the pooling: no usable variance (every pupil's score changed in step, for example not at all), so it carries no estimate.",
    };
  return { included: true, shown: true, note: null };
}

export interface PoolSummary {
  pooled: PooledEffect | null;
  months: number | null;
  included: number;
  leftOut: number;
}

/** Pools the results of one pool (same design, same outcome family) that pass screening. */
export function poolLikeResults(
  rows: readonly SharedFigures[],
  pool: { design: Design; measureKind: string },
): PoolSummary {
  const kept = rows.filter((r) => screenResult(r).included);
  const pooled = poolStudies(kept.map((r) => ({ g: Number(r.g), v: Number(r.v) })));
  return {
    pooled,
    months:
      pooled && monthsApply({ design: pool.design, measureKind: pool.measureKind })
        ? monthsFromEffectSize(pooled.estimate).months
        : null,
    included: kept.length,
    leftOut: rows.length - kept.length,
  };
}
