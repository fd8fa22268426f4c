import { describe, expect, it } from "vitest";
import { latestEvidence, leaversOf, leavingDateProblem } from "./leavers.ts";

const onRoll = [
  { id: "a", upn: "A1", yearGroup: "3" },
  { id: "b", upn: "B1", yearGroup: "3" },
  { id: "c", upn: "C1", yearGroup: "4" },
  { id: "d", upn: "D1", yearGroup: "R" },
];

describe("leaversOf", () => {
  it("offers the pupils of the file's year groups that the file leaves out", () => {
    expect(leaversOf(onRoll, new Set(["A1"]), new Set(["3"])).map((p) => p.id)).toEqual(["b"]);
  });

  it("never offers pupils of a year group the file does not hold", () => {
    expect(leaversOf(onRoll, new Set(["A1", "B1"]), new Set(["3"]))).toEqual([]);
    expect(leaversOf(onRoll, new Set(), new Set(["4", "R"])).map((p) => p.id)).toEqual(["c", "d"]);
  });

  it("does not offer a pupil the file names in another year group (moved up)", () => {
    expect(leaversOf(onRoll, new Set(["C1"]), new Set(["5", "4"]))).toEqual([]);
  });

  it("offers nothing for a file with no year groups", () => {
    expect(leaversOf(onRoll, new Set(), new Set())).toEqual([]);
  });
});

describe("leavingDateProblem", () => {
  const evidence = { on: "2026-11-01", because: "Ava Smith has values at Autumn 2 2026/27" };

  it("accepts today and earlier dates with no evidence", () => {
    expect(leavingDateProblem("2026-11-23", "2026-11-23", null)).toBeNull();
    expect(leavingDateProblem("2019-07-19", "2026-11-23", null)).toBeNull();
  });

  it("refuses a date after today, saying so", () => {
    expect(leavingDateProblem("2026-11-24", "2026-11-23", null)).toBe(
      "24 Nov 2026 is in the future: a leaving date is today or earlier.",
    );
  });

  it("refuses a date before the pupils were last known on roll, saying why", () => {
    expect(leavingDateProblem("2026-10-31", "2026-11-23", evidence)).toBe(
      "Ava Smith has values at Autumn 2 2026/27: choose a leaving date on or after 1 Nov 2026.",
    );
    expect(leavingDateProblem("2026-11-01", "2026-11-23", evidence)).toBeNull();
  });
});

describe("latestEvidence", () => {
  it("picks the latest date, or null for none", () => {
    expect(latestEvidence([])).toBeNull();
    expect(
      latestEvidence([
        { on: "2026-09-01", because: "x" },
        { on: "2026-11-01", because: "y" },
        { on: "2026-10-01", because: "z" },
      ]),
    ).toEqual({ on: "2026-11-01", because: "y" });
  });
});
