import { computeGap, type GapResult } from "../../../domain/gap.ts";
import type { MeasureDefinition } from "../../../domain/measures.ts";
import { suppressBreakdown, tooSmallForFigures } from "../../../domain/suppression.ts";
import type { ValueWithGroup } from "./store.ts";

type Hidden = { n: null; mean: null; sd: null; pctAtExpected: null };
const hidden: Hidden = { n: null, mean: null, sd: null, pctAtExpected: null };

/** A gap as shown to the viewer: its figures, or none where suppressed. */
export type ShownGap =
  | (GapResult & { suppressed: false })
  | {
      disadvantaged: Hidden;
      other: Hidden;
      gap: null;
      gapInSd: null;
      tooSmall: true;
      suppressed: true;
    };

const withheld: ShownGap = {
  disadvantaged: hidden,
  other: hidden,
  gap: null,
  gapInSd: null,
  tooSmall: true,
  suppressed: true,
};

const gapOf = (values: readonly ValueWithGroup[], definition: MeasureDefinition) =>
  computeGap(
    values.filter((v) => v.disadvantaged).map((v) => v.value),
    values.filter((v) => !v.disadvantaged).map((v) => v.value),
    definition,
  );

/**
 * The gap on one measure at one point, for the whole school (`yearGroup` null)
 * or one year group. Outside the school the decision what to hide is made on the
 * whole breakdown (every year group and the whole school) so that no filter the
 * viewer can choose, nor the difference of two, gives back a group of 5 or fewer.
 * Both groups of a year group go together: the gap would give back either one
 * from the other.
 */
export function gapAsShown(
  values: readonly ValueWithGroup[],
  definition: MeasureDefinition,
  yearGroup: string | null,
  outside: boolean,
): ShownGap {
  const asked = yearGroup === null ? values : values.filter((v) => v.yearGroup === yearGroup);
  const result = gapOf(asked, definition);
  if (!outside) return { ...result, suppressed: false };
  const byYear = new Map<string, [number, number]>();
  for (const v of values) {
    const sizes = byYear.get(v.yearGroup) ?? [0, 0];
    sizes[v.disadvantaged ? 0 : 1] += 1;
    byYear.set(v.yearGroup, sizes);
  }
  const decision = suppressBreakdown(
    [...byYear].map(([key, sizes]) => ({ key, sizes })),
    tooSmallForFigures,
  );
  const hide =
    yearGroup === null
      ? decision.totalHidden
      : decision.hidden.has(yearGroup) || !byYear.has(yearGroup);
  return hide ? withheld : { ...result, suppressed: false };
}
