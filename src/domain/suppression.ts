/**
 * Small-number suppression: what figures about pupils may be shown outside
 * their school (to other schools of a trio or cluster, programme leads and
 * network administrators). Inside the school nothing is hidden: its staff see
 * the pupils by name anyway.
 *
 * Primary suppression (DfE's rule): a statistic about a group of 5 or fewer
 * pupils (a mean, a percentage, a gap, an effect size) shows no figure, and a
 * count of 1 to 5 pupils is not shown either. A count of 0 describes nobody and
 * is shown.
 *
 * Secondary (complementary) suppression: a breakdown whose total is also shown
 * (year groups and the whole school; the quadrants of a matrix and the cohort)
 * gives back the hidden cells by subtraction: total − shown = the sum of the
 * hidden cells. So hidden cells are added, next smallest first, until the
 * hidden cells together are no longer a small group; where that cannot be done
 * the total is hidden instead. Every additive figure (n, sum, the number at
 * expected, the sum of squares behind an SD) follows the sizes, so the
 * decision is made on the sizes alone.
 *
 * One mark, one reason for both kinds: telling which cell was hidden first
 * would narrow the range the others lie in.
 */

/** A group of this many pupils or fewer shows no figure outside its school. */
export const SUPPRESS_AT_OR_BELOW = 5;

/** The smallest group whose figures are shown outside its school. */
export const SMALLEST_SHOWN_GROUP = SUPPRESS_AT_OR_BELOW + 1;

/** The mark shown in place of a suppressed figure (the GSS symbol for "confidential"). */
export const SUPPRESSION_MARK = "c";

/** Why a figure is not shown, in words for the page and the API. */
export const SUPPRESSION_REASON =
  "Not shown outside the school: fewer than 6 pupils, or a figure from which a group of 5 or fewer could be worked out.";

/** A statistic (mean, %, gap, effect size) about a group of `n` pupils is not shown: 0 to 5. */
export function tooSmallForFigures(n: number): boolean {
  return n <= SUPPRESS_AT_OR_BELOW;
}

/**
 * A comparison between groups (participants and comparison, disadvantaged and
 * others) shows no figure when any of its groups is too small; a group that is
 * absent (null) is not compared. The one rule for an effect size or a gap.
 */
export function anyGroupTooSmall(...sizes: readonly (number | null)[]): boolean {
  return sizes.some((n) => n !== null && tooSmallForFigures(n));
}

/** A count of `n` pupils is not shown: 1 to 5 (0 describes nobody). */
export function tooSmallToCount(n: number): boolean {
  return n >= 1 && n <= SUPPRESS_AT_OR_BELOW;
}

/** Which of {@link tooSmallForFigures} and {@link tooSmallToCount} a breakdown uses. */
export type SmallRule = (n: number) => boolean;

/**
 * One cell of a breakdown: the sizes of its groups (one per column, e.g.
 * disadvantaged and other pupils). The cells partition the total: the total's
 * size in each column is the sum of the cells' sizes in it.
 */
export interface BreakdownCell<K> {
  key: K;
  sizes: readonly number[];
}

export interface BreakdownDecision<K> {
  /** Cells to show without figures. */
  hidden: ReadonlySet<K>;
  /** Whether the total is to be shown without figures too. */
  totalHidden: boolean;
}

const columnSums = (cells: readonly { sizes: readonly number[] }[], width: number): number[] =>
  Array.from({ length: width }, (_, c) =>
    cells.reduce((sum, cell) => sum + (cell.sizes[c] ?? 0), 0),
  );

/**
 * Primary and secondary suppression for one breakdown and its total: no cell
 * whose groups are small is shown, and no sum of hidden cells that can be
 * worked out from the shown cells and the total is a small group.
 */
export function suppressBreakdown<K>(
  cells: readonly BreakdownCell<K>[],
  small: SmallRule,
): BreakdownDecision<K> {
  const width = Math.max(0, ...cells.map((c) => c.sizes.length));
  const primary = new Set(cells.filter((c) => c.sizes.some(small)).map((c) => c.key));
  const total = columnSums(cells, width);
  // A hidden total leaves nothing to subtract from.
  if (total.some(small)) return { hidden: primary, totalHidden: true };
  const hidden = new Set(primary);
  for (;;) {
    const inHidden = cells.filter((c) => hidden.has(c.key));
    if (inHidden.length === 0) return { hidden, totalHidden: false };
    const union = columnSums(inHidden, width);
    const smallColumns = union.flatMap((size, c) => (small(size) ? [c] : []));
    if (smallColumns.length === 0) return { hidden, totalHidden: false };
    // The next smallest shown cell that adds pupils to a column that is still small.
    const next = cells
      .filter((c) => !hidden.has(c.key) && smallColumns.some((col) => (c.sizes[col] ?? 0) > 0))
      .map((c, index) => ({ c, index, size: c.sizes.reduce((a, b) => a + b, 0) }))
      .sort((a, b) => a.size - b.size || a.index - b.index)[0];
    if (!next) return { hidden: primary, totalHidden: true };
    hidden.add(next.c.key);
  }
}

/**
 * Counts shown outside the school with no total beside them (each stands
 * alone): the count, or null when it is 1 to 5.
 */
export function countOrSuppressed(n: number): number | null {
  return tooSmallToCount(n) ? null : n;
}
