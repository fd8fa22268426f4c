import { describe, expect, it } from "vitest";
import {
  defaultAssessmentPoints,
  defaultPoint,
  hasBegun,
  latestBegunPoint,
  pointClosedReason,
} from "./assessment-points.ts";

describe("default assessment points", () => {
  it("gives six half-terms across the academic year, in order", () => {
    const points = defaultAssessmentPoints("2026/27");
    expect(points?.map((p) => p.name)).toEqual([
      "Autumn 1",
      "Autumn 2",
      "Spring 1",
      "Spring 2",
      "Summer 1",
      "Summer 2",
    ]);
    expect(points?.[0]).toEqual({ name: "Autumn 1", startsOn: "2026-09-01", endsOn: "2026-10-23" });
    expect(points?.[5]).toEqual({ name: "Summer 2", startsOn: "2027-06-01", endsOn: "2027-07-21" });
    const starts = points?.map((p) => p.startsOn) ?? [];
    expect([...starts].sort()).toEqual(starts);
    for (const p of points ?? []) expect(p.startsOn <= p.endsOn).toBe(true);
  });

  it("refuses an invalid year", () => {
    expect(defaultAssessmentPoints("2026/28")).toBeNull();
  });

  it("finds the latest point that has begun", () => {
    const points = defaultAssessmentPoints("2026/27") ?? [];
    expect(latestBegunPoint(points, "2026-11-23")?.name).toBe("Autumn 2");
    expect(latestBegunPoint(points, "2026-11-02")?.name).toBe("Autumn 2");
    expect(latestBegunPoint(points, "2026-11-01")?.name).toBe("Autumn 1");
    expect(latestBegunPoint(points, "2026-08-31")).toBeUndefined();
  });
});

describe("the default point a page shows", () => {
  const year = (defaultAssessmentPoints("2026/27") ?? []).map((p) => ({ ...p, pupilsWithData: 0 }));
  const filled = (counts: Record<string, number>) =>
    year.map((p) => ({ ...p, pupilsWithData: counts[p.name] ?? 0 }));

  it("ignores a point that has not begun, however little or much it holds", () => {
    const points = filled({ "Autumn 1": 70, "Autumn 2": 68, "Spring 1": 1 });
    expect(defaultPoint(points, "2026-12-01")?.name).toBe("Autumn 2");
    const early = filled({ "Autumn 1": 70, "Spring 1": 70 });
    expect(defaultPoint(early, "2026-12-01")?.name).toBe("Autumn 1");
  });

  it("stays on the last well-filled point while a new one is being filled in", () => {
    expect(defaultPoint(filled({ "Autumn 1": 70, "Autumn 2": 34 }), "2026-12-01")?.name).toBe(
      "Autumn 1",
    );
    expect(defaultPoint(filled({ "Autumn 1": 70, "Autumn 2": 35 }), "2026-12-01")?.name).toBe(
      "Autumn 2",
    );
  });

  it("turns at London's midnight: a point starting today has begun", () => {
    const points = filled({ "Autumn 1": 10, "Autumn 2": 10 });
    expect(defaultPoint(points, "2026-11-01")?.name).toBe("Autumn 1");
    expect(defaultPoint(points, "2026-11-02")?.name).toBe("Autumn 2");
  });

  it("falls back to the latest begun point, or the first, when nothing holds data", () => {
    expect(defaultPoint(year, "2026-12-01")?.name).toBe("Autumn 2");
    expect(defaultPoint(year, "2026-08-01")?.name).toBe("Autumn 1");
    expect(defaultPoint([], "2026-12-01")).toBeUndefined();
  });

  it("says whether a point has begun", () => {
    expect(hasBegun({ startsOn: "2027-01-05" }, "2026-12-01")).toBe(false);
    expect(hasBegun({ startsOn: "2026-12-01" }, "2026-12-01")).toBe(true);
  });
});

describe("whether a point is open for data", () => {
  const spring = { name: "Spring 1", academicYear: "2026/27", startsOn: "2027-01-05" };
  it("opens on its start date, or earlier when a leader opened it", () => {
    expect(pointClosedReason({ ...spring, openedEarly: false }, "2026-12-01")).toBe(
      "Spring 1 2026/27 begins on 5 Jan 2027: values for it can be recorded from that day, or a school leader can open it early on the measures page.",
    );
    expect(pointClosedReason({ ...spring, openedEarly: false }, "2027-01-05")).toBeNull();
    expect(pointClosedReason({ ...spring, openedEarly: true }, "2026-12-01")).toBeNull();
  });
});
