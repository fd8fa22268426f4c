import { computeGap, type GapResult, gapTrend } from "../../../domain/gap.ts";
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

/** One point of a gap's trend, as the gap page and the reports show it. */
export interface GapTrendPoint {
  assessmentPointId: string;
  name: string;
  academicYear: string;
  startsOn: string;
  disadvantagedMean: number | null;
  otherMean: number | null;
  gap: number | null;
  tooSmall: boolean;
}

/**
 * The gap on one measure at each of the points, as {@link gapAsShown} shows it,
 * and its direction from the first known gap to the last (a change of less than
 * 5% of the measure's scale is stable).
 */
export function gapTrendAsShown(
  values: readonly ValueWithGroup[],
  definition: MeasureDefinition,
  points: ReadonlyArray<{ id: string; name: string; academicYear: string; startsOn: string }>,
  yearGroup: string | null,
  outside: boolean,
) {
  const at = (pointId: string) =>
    gapAsShown(
      values.filter((v) => v.pointId === pointId),
      definition,
      yearGroup,
      outside,
    );
  const trend: GapTrendPoint[] = points.map((p) => {
    const result = at(p.id);
    return {
      assessmentPointId: p.id,
      name: p.name,
      academicYear: p.academicYear,
      startsOn: p.startsOn,
      disadvantagedMean: result.disadvantaged.mean,
      otherMean: result.other.mean,
      gap: result.gap,
      tooSmall: result.tooSmall,
    };
  });
  const direction = gapTrend(
    trend.filter((t) => t.gap !== null).map((t) => ({ pointId: t.assessmentPointId, gap: t.gap })),
    0.05 * (definition.max - definition.min),
  );
  return { at, trend, direction };
}
