import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  anyGroupTooSmall,
  type BreakdownCell,
  countOrSuppressed,
  type SmallRule,
  SUPPRESS_AT_OR_BELOW,
  suppressBreakdown,
  tooSmallForFigures,
  tooSmallToCount,
} from "./suppression.ts";

/** The rank of a set of 0/1 row vectors (Gaussian elimination; small exact integers). */
function rank(rows: number[][]): number {
  const m = rows.map((r) => [...r]);
  let r = 0;
  const width = m[0]?.length ?? 0;
  for (let c = 0; c < width && r < m.length; c++) {
    const pivot = m.findIndex((row, i) => i >= r && Math.abs(row[c] ?? 0) > 1e-9);
    if (pivot < 0) continue;
    [m[r], m[pivot]] = [m[pivot] as number[], m[r] as number[]];
    const top = m[r] as number[];
    for (let i = 0; i < m.length; i++) {
      const row = m[i] as number[];
      if (i === r || Math.abs(row[c] ?? 0) < 1e-9) continue;
      const f = (row[c] ?? 0) / (top[c] ?? 1);
      for (let j = c; j < width; j++) row[j] = (row[j] ?? 0) - f * (top[j] ?? 0);
    }
    r++;
  }
  return r;
}

/**
 * An attacker's view, worked out independently of the rule: which sums of hidden
 * cells follow from the published figures (each shown cell, and the total when
 * shown)? A sum is known exactly when its indicator vector lies in the span of
 * the published ones. Returns every known non-empty set of hidden cells.
 */
function recoverableHiddenSets(count: number, hidden: Set<number>, totalShown: boolean) {
  const published: number[][] = [];
  for (let i = 0; i < count; i++)
    if (!hidden.has(i)) published.push(Array.from({ length: count }, (_, j) => (j === i ? 1 : 0)));
  if (totalShown) published.push(Array.from({ length: count }, () => 1));
  const base = published.length ? rank(published) : 0;
  const hiddenList = [...hidden];
  const found: number[][] = [];
  for (let mask = 1; mask < 1 << hiddenList.length; mask++) {
    const set = hiddenList.filter((_, b) => mask & (1 << b));
    const vector = Array.from({ length: count }, (_, j) => (set.includes(j) ? 1 : 0));
    if (rank([...published, vector]) === base) found.push(set);
  }
  return found;
}

const cellsOf = (sizes: number[][]): BreakdownCell<number>[] =>
  sizes.map((s, key) => ({ key, sizes: s }));

function checkNoRecovery(sizes: number[][], small: SmallRule) {
  const cells = cellsOf(sizes);
  const { hidden, totalHidden } = suppressBreakdown(cells, small);
  const width = sizes[0]?.length ?? 0;
  // Primary: a shown cell has no small group; a shown total has none either.
  for (const cell of cells) if (!hidden.has(cell.key)) expect(cell.sizes.some(small)).toBe(false);
  const total = Array.from({ length: width }, (_, c) =>
    sizes.reduce((s, row) => s + (row[c] ?? 0), 0),
  );
  if (!totalHidden) expect(total.some(small)).toBe(false);
  // Secondary: no set of hidden cells the attacker can pin down is a small group.
  for (const set of recoverableHiddenSets(sizes.length, new Set(hidden), !totalHidden)) {
    const group = Array.from({ length: width }, (_, c) =>
      set.reduce((s, i) => s + (sizes[i]?.[c] ?? 0), 0),
    );
    expect(group.some(small), `recovered ${JSON.stringify(set)} of ${JSON.stringify(sizes)}`).toBe(
      false,
    );
  }
  // Nothing is hidden without a reason: with no small group anywhere, all is shown.
  if (!sizes.some((row) => row.some(small))) {
    expect(hidden.size).toBe(0);
    expect(totalHidden).toBe(false);
  }
}

describe("the small-number thresholds", () => {
  it("hides figures about 0 to 5 pupils and shows them from 6", () => {
    for (let n = 0; n <= 20; n++) expect(tooSmallForFigures(n)).toBe(n <= SUPPRESS_AT_OR_BELOW);
    expect(SUPPRESS_AT_OR_BELOW).toBe(5);
  });
  it("hides counts of 1 to 5, and shows 0 and 6 up", () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 30].map(tooSmallToCount)).toEqual([
      false,
      true,
      true,
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
    expect([0, 3, 5, 6, 15].map(countOrSuppressed)).toEqual([0, null, null, 6, 15]);
  });
});

describe("suppressing a breakdown and its total", () => {
  it("shows everything when no group is small", () => {
    const d = suppressBreakdown(
      cellsOf([
        [10, 20],
        [8, 30],
      ]),
      tooSmallForFigures,
    );
    expect([...d.hidden]).toEqual([]);
    expect(d.totalHidden).toBe(false);
  });

  it("hides the next smallest cell when only one is small (the subtraction leak)", () => {
    // Whole school minus the shown year groups would give back year 3 exactly.
    const d = suppressBreakdown(
      cellsOf([
        [12, 40],
        [4, 38],
        [9, 41],
        [15, 39],
      ]),
      tooSmallForFigures,
    );
    expect([...d.hidden].sort()).toEqual([1, 2]);
    expect(d.totalHidden).toBe(false);
  });

  it("keeps hiding until the hidden cells together are not a small group", () => {
    // Two small cells: together 2 + 3 = 5 disadvantaged pupils, still small.
    const d = suppressBreakdown(
      cellsOf([
        [2, 30],
        [3, 30],
        [20, 30],
        [7, 30],
      ]),
      tooSmallForFigures,
    );
    expect([...d.hidden].sort()).toEqual([0, 1, 3]);
  });

  it("hides the total when no other cell can cover the hidden one", () => {
    const d = suppressBreakdown(
      cellsOf([
        [3, 30],
        [0, 0],
      ]),
      tooSmallForFigures,
    );
    expect(d.totalHidden).toBe(true);
    expect([...d.hidden].sort()).toEqual([0, 1]);
  });

  it("hides the total when it is small itself", () => {
    const d = suppressBreakdown(cellsOf([[3], [2]]), tooSmallToCount);
    expect(d.totalHidden).toBe(true);
  });

  it("treats an empty group as too small for figures but a zero count as shown", () => {
    const figures = suppressBreakdown(
      cellsOf([
        [0, 10],
        [9, 10],
        [8, 8],
      ]),
      tooSmallForFigures,
    );
    expect([...figures.hidden].sort()).toEqual([0, 2]);
    const counts = suppressBreakdown(cellsOf([[0], [9], [8]]), tooSmallToCount);
    expect([...counts.hidden]).toEqual([]);
  });

  it("hides a small count with the next smallest non-zero one, not a zero", () => {
    const d = suppressBreakdown(cellsOf([[0], [3], [7], [9]]), tooSmallToCount);
    expect([...d.hidden].sort()).toEqual([1, 2]);
  });

  it("never lets a small group be worked out, for every table of up to 4 cells of sizes 0–8", () => {
    const sizes = [0, 1, 2, 3, 5, 6, 8];
    const tables: number[][][] = [[]];
    for (let cells = 1; cells <= 4; cells++) {
      const grown: number[][][] = [];
      for (const t of tables.filter((x) => x.length === cells - 1))
        for (const s of sizes) grown.push([...t, [s]]);
      tables.push(...grown);
    }
    for (const t of tables.filter((x) => x.length > 0)) {
      checkNoRecovery(t, tooSmallForFigures);
      checkNoRecovery(t, tooSmallToCount);
    }
  });

  it("never lets a small group be worked out from random schools' breakdowns (property)", () => {
    // A school's year groups (1–9 cells) × groups (disadvantaged, other; or one count).
    const table = fc.integer({ min: 1, max: 2 }).chain((width) =>
      fc.array(
        fc.array(fc.oneof(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 60 })), {
          minLength: width,
          maxLength: width,
        }),
        { minLength: 1, maxLength: 9 },
      ),
    );
    fc.assert(
      fc.property(table, fc.boolean(), (sizes, counts) => {
        checkNoRecovery(sizes, counts ? tooSmallToCount : tooSmallForFigures);
      }),
      { numRuns: 500 },
    );
  });
});

describe("anyGroupTooSmall", () => {
  it("hides a comparison when any present group has 5 or fewer pupils", () => {
    expect(anyGroupTooSmall(6, 6)).toBe(false);
    expect(anyGroupTooSmall(5, 40)).toBe(true);
    expect(anyGroupTooSmall(40, 5)).toBe(true);
    expect(anyGroupTooSmall(0, 40)).toBe(true);
    expect(anyGroupTooSmall(6, null)).toBe(false);
    expect(anyGroupTooSmall(5, null)).toBe(true);
  });
});
