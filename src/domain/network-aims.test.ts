import { describe, expect, it } from "vitest";
import {
  attainmentByYear,
  capacityByYear,
  gapChange,
  improvingByYear,
  nationalFor,
  type SchoolYearCounts,
  sharesOf,
  suppressNested,
} from "./network-aims.ts";

const counts = (
  schoolId: string,
  hubId: string | null,
  academicYear: string,
  [d, dAt, o, oAt]: [number, number, number, number],
): SchoolYearCounts => ({
  schoolId,
  hubId,
  academicYear,
  disadvantaged: d,
  disadvantagedAtExpected: dAt,
  other: o,
  otherAtExpected: oAt,
});

describe("the shares and the percentage-point gap", () => {
  it("works them out from counts", () => {
    // 4 of 10 disadvantaged (40%), 15 of 20 others (75%): a gap of 35 points.
    expect(
      sharesOf({ disadvantaged: 10, disadvantagedAtExpected: 4, other: 20, otherAtExpected: 15 }),
    ).toEqual({ disadvantagedPct: 40, otherPct: 75, gap: 35 });
  });

  it("gives no share for an empty group, and so no gap", () => {
    expect(
      sharesOf({ disadvantaged: 0, disadvantagedAtExpected: 0, other: 8, otherAtExpected: 2 }),
    ).toEqual({ disadvantagedPct: null, otherPct: 25, gap: null });
  });
});

describe("suppression across schools, hubs and the network", () => {
  it("shows every school and total when all groups are large", () => {
    const d = suppressNested([
      { key: "a", group: "h1", sizes: [10, 20] },
      { key: "b", group: "h1", sizes: [8, 12] },
      { key: "c", group: "h2", sizes: [7, 30] },
    ]);
    expect([...d.hidden]).toEqual([]);
    expect([...d.hiddenGroups]).toEqual([]);
    expect(d.totalHidden).toBe(false);
  });

  it("hides a small school and the next smallest beside it, so neither total gives it back", () => {
    // a has 3 disadvantaged pupils: hidden. Within h1 the hub's total less b would
    // give a back, so b goes too; the hub's two hidden schools are then 11 pupils.
    const d = suppressNested([
      { key: "a", group: "h1", sizes: [3, 20] },
      { key: "b", group: "h1", sizes: [8, 12] },
      { key: "c", group: "h2", sizes: [7, 30] },
      { key: "e", group: "h2", sizes: [9, 30] },
    ]);
    expect([...d.hidden].sort()).toEqual(["a", "b"]);
    // Hub h1's schools are all hidden, but together they are 11 and 32: its total may show.
    expect(d.hiddenGroups.has("h1")).toBe(false);
    expect(d.totalHidden).toBe(false);
  });

  it("hides a hub's total when its one school is small", () => {
    const d = suppressNested([
      { key: "a", group: "h1", sizes: [4, 20] },
      { key: "c", group: "h2", sizes: [7, 30] },
      { key: "e", group: "h2", sizes: [9, 30] },
    ]);
    expect(d.hidden.has("a")).toBe(true);
    expect(d.hiddenGroups.has("h1")).toBe(true);
    // The network less hub h2 would give back h1's 4: the network looks for the next
    // smallest school, c, to hide with a, so the network total stays.
    expect(d.hidden.has("c")).toBe(true);
    // h2 less its shown school e gives back c alone (7 and 30): not small, so h2 shows.
    expect(d.hiddenGroups.has("h2")).toBe(false);
    // But the network less h2 is h1, hidden and small: the network's total goes.
    expect(d.totalHidden).toBe(true);
  });

  it("hides the network's total when the whole network is a small group", () => {
    const d = suppressNested([{ key: "a", group: null, sizes: [5, 40] }]);
    expect(d.totalHidden).toBe(true);
    expect(d.hidden.has("a")).toBe(true);
  });
});

describe("each year's figures for the network and a hub", () => {
  const rows = [
    counts("a", "h1", "2025/26", [10, 4, 20, 15]),
    counts("b", "h2", "2025/26", [10, 6, 20, 17]),
    counts("a", "h1", "2026/27", [10, 6, 20, 16]),
    counts("b", "h2", "2026/27", [10, 6, 20, 17]),
  ];

  it("pools the schools' counts, never their percentages", () => {
    const [first, second] = attainmentByYear(rows, null);
    // 10 of 20 disadvantaged (50%), 32 of 40 others (80%): 30 points.
    expect(first?.network).toEqual({
      disadvantagedPct: 50,
      otherPct: 80,
      gap: 30,
      suppressed: false,
    });
    // 12 of 20 (60%), 33 of 40 (82.5%): 22.5 points.
    expect(second?.network).toEqual({
      disadvantagedPct: 60,
      otherPct: 82.5,
      gap: 22.5,
      suppressed: false,
    });
    expect(first?.schools.get("a")?.gap).toBe(35);
  });

  it("shows a hub's schools and its own total under a hub filter", () => {
    const [first] = attainmentByYear(rows, "h2");
    expect([...(first?.schools.keys() ?? [])]).toEqual(["b"]);
    expect(first?.network.disadvantagedPct).toBe(60);
  });

  it("counts the schools whose gap narrowed by 5 points or more, among those shown both years", () => {
    // a: 35 → 20 (narrowing); b: 25 → 25 (stable).
    expect(improvingByYear(attainmentByYear(rows, null))).toEqual([
      { academicYear: "2026/27", schoolsCompared: 2, schoolsNarrowed: 1, sharePct: 50 },
    ]);
  });

  it("leaves a suppressed school out of the count", () => {
    const small = [...rows, counts("c", "h1", "2025/26", [3, 0, 20, 20])];
    const small2 = [...small, counts("c", "h1", "2026/27", [3, 3, 20, 20])];
    const years = attainmentByYear(small2, null);
    expect(years[0]?.schools.get("c")).toMatchObject({ suppressed: true, gap: null });
    expect(improvingByYear(years)[0]?.schoolsCompared).toBeLessThan(3);
  });
});

describe("a tie between two schools", () => {
  it("is broken the same way whatever order the rows come in", () => {
    const rows = [
      counts("s-2", "h1", "2026/27", [10, 5, 10, 9]),
      counts("s-1", "h1", "2026/27", [10, 4, 10, 8]),
      counts("s-3", "h1", "2026/27", [3, 1, 10, 10]),
    ];
    const hidden = (list: SchoolYearCounts[]) =>
      [...(attainmentByYear(list, null)[0]?.schools ?? [])]
        .filter(([, s]) => s.suppressed)
        .map(([id]) => id)
        .sort();
    expect(hidden(rows)).toEqual(["s-1", "s-3"]);
    expect(hidden([...rows].reverse())).toEqual(["s-1", "s-3"]);
  });
});

describe("the trend of a gap and the national figure of a year", () => {
  it("calls a fall of 5 points or more narrowing, less stable", () => {
    expect(gapChange(30, 25)).toBe("narrowing");
    expect(gapChange(30, 26)).toBe("stable");
    expect(gapChange(20, 27)).toBe("widening");
    expect(gapChange(null, 20)).toBe("unknown");
  });

  it("takes the most settled release, and works out the gap where none is published", () => {
    const figures = [
      {
        academicYear: "2023/24",
        status: "revised" as const,
        disadvantaged: 46,
        other: 67,
        gap: null,
      },
      {
        academicYear: "2024/25",
        status: "provisional" as const,
        disadvantaged: 47,
        other: 69,
        gap: null,
      },
      {
        academicYear: "2024/25",
        status: "revised" as const,
        disadvantaged: 48,
        other: 69,
        gap: null,
      },
    ];
    expect(nationalFor(figures, "2023/24")).toEqual({
      disadvantaged: 46,
      other: 67,
      gap: 21,
      status: "revised",
    });
    expect(nationalFor(figures, "2024/25")?.disadvantaged).toBe(48);
    expect(nationalFor(figures, "2025/26")).toBeNull();
  });
});

describe("workshop attendance and leadership roles side by side", () => {
  it("gives one row a year that has either, with nothing recorded as 0", () => {
    expect(
      capacityByYear(
        [{ academicYear: "2026/27", recorded: 4, present: 3, attendancePct: 75 }],
        [
          { academicYear: "2025/26", teamLeaders: 2, trioLeads: 1 },
          { academicYear: "2026/27", teamLeaders: 3, trioLeads: 1 },
        ],
      ),
    ).toEqual([
      {
        academicYear: "2025/26",
        recorded: 0,
        present: 0,
        attendancePct: null,
        teamLeaders: 2,
        trioLeads: 1,
      },
      {
        academicYear: "2026/27",
        recorded: 4,
        present: 3,
        attendancePct: 75,
        teamLeaders: 3,
        trioLeads: 1,
      },
    ]);
  });
});
